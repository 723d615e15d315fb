/*
 * fuzz_lexicon.c -- libFuzzer harness for the TSV lexicon parser and the
 * phrase matcher.
 *
 * The input is parsed as a lexicon (sr_matcher_load_tsv_mem).  Whether or
 * not it loads, the entries that did load are then matched against the
 * input itself, repaired to valid UTF-8 (so the phrases occur in the text),
 * and every match is checked: token range inside the text, the entry's
 * token count equal to the range, matches ordered by start then longest
 * first, attribute lookups well-formed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/core/utf8.h"
#include "../../src/text/matcher.h"
#include "../../src/text/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sr_matcher *m = NULL;
    if (sr_matcher_new(&m) != SR_OK) return 0;
    sr_error err = {0};
    sr_status st = sr_matcher_load_tsv_mem(m, "fuzz.tsv", (const char *)data, size, &err);
    if (st != SR_OK && (err.message[0] == '\0' || strncmp(err.message, "fuzz.tsv:", 9) != 0))
        abort();   /* every load error names the file and line */

    sr_buf text = SR_BUF_INIT;
    sr_utf8_repair((const char *)data, size, &text);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens toks;
    sr_matches ms;
    if (!text.oom && sr_tokenize(&a, text.data ? text.data : "", text.len, &toks) == 0 &&
        sr_matcher_scan(m, &a, &toks, &ms) == 0) {
        for (size_t i = 0; i < ms.n; i++) {
            const sr_match *x = &ms.v[i];
            if (x->tok_first >= x->tok_end || x->tok_end > toks.n) abort();
            const sr_lex_entry *e = sr_matcher_entry(m, x->entry);
            if (!e || e->ntok != x->tok_end - x->tok_first) abort();
            if (i > 0) {
                const sr_match *p = &ms.v[i - 1];
                if (p->tok_first > x->tok_first) abort();
                if (p->tok_first == x->tok_first && p->tok_end < x->tok_end) abort();
            }
            char v[8];
            if (sr_lex_attr(e, "type", v, sizeof v) && strlen(v) >= sizeof v) abort();
            if (sr_matcher_kind(m, e->kind) != (int)e->kind_id) abort();
        }
    }
    sr_arena_free(&a);
    sr_buf_free(&text);
    sr_matcher_free(m);
    return 0;
}
