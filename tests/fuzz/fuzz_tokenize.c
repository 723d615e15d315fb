/*
 * fuzz_tokenize.c -- libFuzzer harness for the tokenizer.
 *
 * The input is repaired to valid UTF-8 (as every reader does) and
 * tokenized.  Checked: every token span is inside the text, non-empty,
 * ordered and non-overlapping; the bytes between tokens are white space
 * only (no character is dropped); the folded form is NUL-terminated with
 * the stated length and equals sr_fold of the token's bytes; kinds and
 * flags are consistent.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/core/utf8.h"
#include "../../src/text/normalize.h"
#include "../../src/text/token.h"

static int is_space_cp(int32_t cp) {
    if (cp < 0x80) return cp == ' ' || cp < 0x20;  /* 0x7F is punctuation */
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CC ||
           c == UTF8PROC_CATEGORY_CF;
}

static void check_gap(const char *s, size_t from, size_t to) {
    while (from < to) {
        int32_t cp;
        int k = sr_utf8_decode((const unsigned char *)s + from, to - from, &cp);
        if (k <= 0) abort();              /* a token boundary inside a character */
        if (!is_space_cp(cp)) abort();    /* a character that no token covers */
        from += (size_t)k;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sr_buf text = SR_BUF_INIT;
    sr_utf8_repair((const char *)data, size, &text);
    if (text.oom) { sr_buf_free(&text); return 0; }
    const char *s = text.data ? text.data : "";
    size_t len = text.len;
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens toks;
    sr_buf f = SR_BUF_INIT;
    if (sr_tokenize(&a, s, len, &toks) == 0) {
        size_t prev = 0;
        for (size_t i = 0; i < toks.n; i++) {
            const sr_token *t = &toks.v[i];
            if (t->start < prev || t->end <= t->start || t->end > len) abort();
            check_gap(s, prev, t->start);
            if (!t->norm || strlen(t->norm) != t->norm_len) abort();
            sr_buf_reset(&f);
            sr_fold(s + t->start, t->end - t->start, &f);
            if (!f.oom && (f.len != t->norm_len || memcmp(f.data ? f.data : "", t->norm, f.len)))
                abort();
            if (t->kind < SR_TOK_WORD || t->kind > SR_TOK_PUNCT) abort();
            if (t->kind == SR_TOK_PUNCT && (t->flags & (SR_TF_UPPER | SR_TF_LOWER | SR_TF_CAP)))
                abort();
            if ((t->flags & SR_TF_UPPER) && (t->flags & SR_TF_LOWER)) abort();
            if ((t->flags & SR_TF_PARA_BEFORE) && i > 0 && !(t->flags & SR_TF_NL_BEFORE)) abort();
            if (i == 0 && !(t->flags & SR_TF_PARA_BEFORE)) abort();
            if ((t->flags & SR_TF_QUOTE_OPEN) && (t->flags & SR_TF_QUOTE_CLOSE)) abort();
            prev = t->end;
        }
        check_gap(s, prev, len);
    }
    sr_buf_free(&f);
    sr_arena_free(&a);
    sr_buf_free(&text);
    return 0;
}
