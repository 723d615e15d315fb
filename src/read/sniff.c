/*
 * sniff.c -- byte order marks, UTF-16 transcoding, binary detection.
 */
#include "sniff.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "../core/utf8.h"

sr_bom sr_sniff_bom(const char *s, size_t n, size_t *bom_len) {
    const unsigned char *u = (const unsigned char *)s;
    *bom_len = 0;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *bom_len = 3;
        return SR_BOM_UTF8;
    }
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        *bom_len = 2;
        return SR_BOM_UTF16LE;
    }
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        *bom_len = 2;
        return SR_BOM_UTF16BE;
    }
    return SR_BOM_NONE;
}

static unsigned unit_at(const unsigned char *u, int be) {
    return be ? (unsigned)u[0] << 8 | u[1] : (unsigned)u[1] << 8 | u[0];
}

size_t sr_utf16_to_utf8(const char *s, size_t n, int big_endian, sr_buf *out) {
    const unsigned char *u = (const unsigned char *)s;
    size_t fixes = 0, i = 0;
    char enc[4];
    sr_buf_reserve(out, n + n / 2);
    while (i + 1 < n) {
        int32_t cp = (int32_t)unit_at(u + i, big_endian);
        i += 2;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n) {
            unsigned lo = unit_at(u + i, big_endian);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (int32_t)(lo - 0xDC00);
                i += 2;
            }
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            cp = 0xFFFD;
            fixes++;
        }
        sr_buf_add(out, enc, (size_t)sr_utf8_encode(cp, enc));
    }
    if (i < n) {  /* an odd byte at the end */
        sr_buf_add(out, "\xEF\xBF\xBD", 3);
        fixes++;
    }
    return fixes;
}

int sr_looks_binary(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    size_t sample = n < 65536 ? n : 65536, bad = 0, i = 0;
    while (i < sample) {
        unsigned char c = u[i];
        if (c >= 0x80) {
            int32_t cp;
            int k = sr_utf8_decode(u + i, sample - i, &cp);
            /* A sequence cut by the end of the sample is not held against it. */
            if (k == 0 && sample - i >= 4) bad++;
            i += k ? (size_t)k : 1;
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ||
            c == 0x7F)
            bad++;
        i++;
    }
    return bad * 10 > sample;
}

sr_status sr_charset_to_utf8(const char *charset, const char *s, size_t n, sr_buf *out,
                             size_t *fixes) {
    *fixes = 0;
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1) return SR_ERR_ARG;
    char *in = (char *)s;
    size_t left = n;
    sr_status st = SR_OK;
    while (left > 0 && st == SR_OK) {
        if (sr_buf_reserve(out, left * 2 + 16)) { st = SR_ERR_NOMEM; break; }
        char *o = out->data + out->len;
        size_t room = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        out->len = (size_t)(o - out->data);
        out->data[out->len] = '\0';
        if (r != (size_t)-1) break;
        if (errno == E2BIG) continue;
        /* EILSEQ or EINVAL (cut at the end): replace one byte, go on */
        sr_buf_add(out, "\xEF\xBF\xBD", 3);
        (*fixes)++;
        in++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL);  /* back to the initial state */
    }
    iconv_close(cd);
    if (out->oom) st = SR_ERR_NOMEM;
    return st;
}

int sr_has_utf8_multibyte(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        int32_t cp;
        if (u[i] >= 0xC2 && sr_utf8_decode(u + i, n - i, &cp) > 1) return 1;
    }
    return 0;
}
