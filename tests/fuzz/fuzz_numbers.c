/*
 * fuzz_numbers.c -- libFuzzer harness for the quantity finder and
 * sr_parse_number.
 *
 * sr_parse_number gets the raw bytes (any bytes must be safe) and then each
 * token's folded form; a number it accepts must parse again to the same
 * value.  The input, repaired to valid UTF-8, is tokenized and searched
 * for quantities.  Checked: token ranges inside the tokens, byte spans equal
 * to their tokens' bytes, quantities ordered and non-overlapping, min >= 0,
 * max unbounded or >= min, and each flag combination sensible.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/core/utf8.h"
#include "../../src/text/number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    int64_t v, v2;
    if (sr_parse_number((const char *)data, size, &v) == 0) {
        if (v < 0) abort();
        if (sr_parse_number((const char *)data, size, &v2) != 0 || v2 != v) abort();
    }
    sr_buf text = SR_BUF_INIT;
    sr_utf8_repair((const char *)data, size, &text);
    if (text.oom) { sr_buf_free(&text); return 0; }
    const char *s = text.data ? text.data : "";
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens toks;
    sr_numbers nums;
    if (sr_tokenize(&a, s, text.len, &toks) == 0) {
        for (size_t i = 0; i < toks.n && i < 64; i++)  /* each call builds its index */
            if (sr_parse_number(toks.v[i].norm, toks.v[i].norm_len, &v) == 0 && v < 0) abort();
        if (sr_find_numbers(&a, s, &toks, &nums) == 0) {
            for (size_t i = 0; i < nums.n; i++) {
                const sr_number *x = &nums.v[i];
                if (x->tok_first >= x->tok_end || x->tok_end > toks.n) abort();
                if (x->start != toks.v[x->tok_first].start) abort();
                if (x->end != toks.v[x->tok_end - 1].end) abort();
                if (i > 0 && x->tok_first < nums.v[i - 1].tok_end) abort();
                if (x->min < 0) abort();
                if (x->max != SR_NUM_UNBOUNDED && x->max < x->min) abort();
                if ((x->flags & SR_NF_LOWER) && x->max != SR_NUM_UNBOUNDED) abort();
                if ((x->flags & SR_NF_UPPER) && x->max == SR_NUM_UNBOUNDED) abort();
                if ((x->flags & SR_NF_YEAR) && x->min != x->max) abort();
            }
        }
    }
    sr_arena_free(&a);
    sr_buf_free(&text);
    return 0;
}
