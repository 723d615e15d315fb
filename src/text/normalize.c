/*
 * normalize.c -- see normalize.h.
 *
 * Most tokens of English news are ASCII: those are lower-cased in place
 * with no library call.  Others go through utf8proc with COMPOSE (NFC),
 * COMPAT (ligatures, full-width forms), CASEFOLD, STRIPMARK (accents) and
 * LUMP (curly quotes, dashes and exotic spaces to their ASCII forms).
 * LUMP leaves some typographic marks alone (double curly quotes,
 * guillemets, the figure dash...), so a small mapping runs first.
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

/* Typographic marks LUMP does not fold, mapped before the rest. */
static utf8proc_int32_t typographic(utf8proc_int32_t cp, void *data) {
    (void)data;
    switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0x301D: case 0x301E: case 0xFF02:
        return '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
    case 0x2032: case 0x02BC: case 0xFF07:
        return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    default:
        return cp;
    }
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
    utf8proc_ssize_t r = utf8proc_map_custom(
        (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
        UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
            UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_STABLE,
        typographic, NULL);
    if (r < 0) {  /* cannot happen on valid UTF-8; keep the bytes */
        sr_buf_add(out, s, n);
        return;
    }
    sr_buf_add(out, dst, (size_t)r);
    free(dst);
}
