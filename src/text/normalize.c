/*
 * normalize.c -- see normalize.h.
 *
 * Most tokens of English news are ASCII: those are lower-cased in place
 * with no library call.  Others go through utf8proc with COMPOSE (NFC),
 * COMPAT (ligatures, full-width forms), CASEFOLD, STRIPMARK (accents) and
 * LUMP (curly quotes, dashes and exotic spaces to their ASCII forms).
 */
#include "normalize.h"

#include <stdlib.h>
#include <utf8proc.h>

int sr_fold_is_trivial(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= 'A' && c <= 'Z')) return 0;
    }
    return 1;
}

void sr_fold(const char *s, size_t n, sr_buf *out) {
    size_t i = 0;
    for (; i < n; i++) if ((unsigned char)s[i] >= 0x80) break;
    if (i == n) {  /* ASCII: lower-case */
        if (sr_buf_reserve(out, n)) return;
        char *d = out->data + out->len;
        for (size_t k = 0; k < n; k++) {
            char c = s[k];
            d[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out->len += n;
        out->data[out->len] = '\0';
        return;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = utf8proc_map(
        (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
        UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
            UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_STABLE);
    if (r < 0) {  /* cannot happen on valid UTF-8; keep the bytes */
        sr_buf_add(out, s, n);
        return;
    }
    sr_buf_add(out, dst, (size_t)r);
    free(dst);
}
