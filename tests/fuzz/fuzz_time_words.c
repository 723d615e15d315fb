/*
 * fuzz_time_words.c -- libFuzzer harness for the data/times table parser
 * (time_words.c) and for the time rules running on arbitrary tables.
 *
 * The first byte picks the class the rest is parsed as (months, units,
 * tense cues...); the other tables are empty.  A load error must name the
 * table and line.  When the table loads, the input itself, repaired to
 * valid UTF-8, is tagged with it (so its words occur in the text) and
 * every expression is checked: on token boundaries, in order, inside the
 * text, with a non-empty value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/core/utf8.h"
#include "../../src/extract/time_words.h"
#include "../../src/text/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    const char *tables[TW_NCLASS] = {0};
    size_t lens[TW_NCLASS] = {0};
    int cls = data[0] % TW_NCLASS;
    tables[cls] = (const char *)data + 1;
    lens[cls] = size - 1;
    sr_time_words *w = NULL;
    sr_error err = {0};
    if (tw_load_mem(tables, lens, &w, &err) != SR_OK) {
        if (w || !strstr(err.message, ".tsv")) abort();   /* errors name the table */
        return 0;
    }
    sr_buf text = SR_BUF_INIT;
    sr_utf8_repair((const char *)data + 1, size - 1, &text);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens toks;
    sr_times ts;
    const char *t = text.data ? text.data : "";
    if (!text.oom && sr_tokenize(&a, t, text.len, &toks) == 0 &&
        sr_times_tag(&a, w, t, &toks, (data[0] & 0x80) ? "2017-06-19" : NULL, &ts) == 0) {
        uint32_t prev = 0;
        for (size_t i = 0; i < ts.n; i++) {
            const sr_timex *x = &ts.v[i];
            if (x->tok_first >= x->tok_end || x->tok_end > toks.n) abort();
            if (x->start != toks.v[x->tok_first].start || x->end != toks.v[x->tok_end - 1].end)
                abort();
            if (x->start < prev || x->end > text.len || !x->value || !*x->value) abort();
            prev = x->end;
        }
    }
    sr_arena_free(&a);
    sr_buf_free(&text);
    sr_time_words_free(w);
    return 0;
}
