/*
 * fuzz_sentences.c -- libFuzzer harness for the sentence splitter.
 *
 * The input is repaired to valid UTF-8, tokenized and split.  Checked: the
 * sentences partition the tokens in order (no token lost or shared), each
 * sentence's byte span runs from its first token's start to its last
 * token's end, spans are ordered and non-overlapping, every token's `sent`
 * names its sentence, and a token after a blank line always starts one.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/core/utf8.h"
#include "../../src/text/sentence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sr_buf text = SR_BUF_INIT;
    sr_utf8_repair((const char *)data, size, &text);
    if (text.oom) { sr_buf_free(&text); return 0; }
    const char *s = text.data ? text.data : "";
    size_t len = text.len;
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens toks;
    sr_sentences ss;
    if (sr_tokenize(&a, s, len, &toks) == 0 && sr_split_sentences(&a, s, len, &toks, &ss) == 0) {
        if ((toks.n == 0) != (ss.n == 0)) abort();
        size_t next = 0;
        for (size_t i = 0; i < ss.n; i++) {
            const sr_sentence *x = &ss.v[i];
            if (x->tok_first != next || x->tok_n == 0) abort();
            if ((size_t)x->tok_first + x->tok_n > toks.n) abort();
            if (x->start != toks.v[x->tok_first].start) abort();
            if (x->end != toks.v[x->tok_first + x->tok_n - 1].end) abort();
            if (x->end > len || x->start >= x->end) abort();
            if (i > 0 && x->start < ss.v[i - 1].end) abort();
            for (uint32_t j = x->tok_first; j < x->tok_first + x->tok_n; j++) {
                if (toks.v[j].sent != i) abort();
                if (j > x->tok_first && (toks.v[j].flags & SR_TF_PARA_BEFORE)) abort();
            }
            next += x->tok_n;
        }
        if (next != toks.n) abort();
    }
    sr_arena_free(&a);
    sr_buf_free(&text);
    return 0;
}
