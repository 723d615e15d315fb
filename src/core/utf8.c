/*
 * utf8.c -- see utf8.h.  A hand-written decoder: it is on every hot path
 * (tokenizer, normaliser, JSON writer), so it handles ASCII first and never
 * allocates.
 */
#include "utf8.h"

int sr_utf8_decode(const unsigned char *s, size_t n, int32_t *cp) {
    if (n == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) { *cp = (int32_t)c; return 1; }
    if (c < 0xC2) return 0;                      /* continuation or overlong */
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80) return 0;
        *cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
        if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
        *cp = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F));
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;  /* overlong */
        if (c == 0xF4 && s[1] >= 0x90) return 0; /* > U+10FFFF */
        *cp = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
                        ((s[2] & 0x3F) << 6) | (s[3] & 0x3F));
        return 4;
    }
    return 0;
}

int sr_utf8_encode(int32_t cp, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t sr_utf8_valid_prefix(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) { i++; continue; }
        int32_t cp;
        int k = sr_utf8_decode(u + i, n - i, &cp);
        if (!k) break;
        i += (size_t)k;
    }
    return i;
}

size_t sr_utf8_repair(const char *s, size_t n, sr_buf *out) {
    static const char repl[] = "\xEF\xBF\xBD";
    const unsigned char *u = (const unsigned char *)s;
    size_t fixes = 0, i = 0, run = 0;  /* run: start of pending valid bytes */
    sr_buf_reserve(out, n);
    while (i < n) {
        if (u[i] >= 0x01 && u[i] < 0x80) { i++; continue; }
        int32_t cp;
        int k = u[i] ? sr_utf8_decode(u + i, n - i, &cp) : 0;
        if (k) { i += (size_t)k; continue; }
        sr_buf_add(out, s + run, i - run);
        sr_buf_add(out, repl, 3);
        fixes++;
        /* Skip the maximal invalid subsequence: the lead byte and any
         * continuation bytes after it. */
        i++;
        while (i < n && (u[i] & 0xC0) == 0x80) i++;
        run = i;
    }
    sr_buf_add(out, s + run, n - run);
    return fixes;
}

size_t sr_utf8_prev(const char *s, size_t i) {
    const unsigned char *u = (const unsigned char *)s;
    do { i--; } while (i > 0 && (u[i] & 0xC0) == 0x80);
    return i;
}
