/*
 * record_json.c -- compact JSON from a jansson value, as json_dumps with
 * JSON_COMPACT prints it (record_json.h says why).  The same output:
 * members in insertion order, no spaces, strings with \" \\ \b \f \n \r \t
 * and \u00XX for other control characters (other bytes as they are),
 * integers in decimal, reals as "%.17g" with ".0" added when that looks
 * like an integer and the exponent without '+' or leading zeros.
 */
#include <stdio.h>
#include <string.h>

#include "record_json.h"
#include "../core/buf.h"

#define MAX_DEPTH 64

static void put_string(sr_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    sr_buf_addc(b, '"');
    size_t run = 0;   /* start of the bytes not yet copied */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        sr_buf_add(b, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', 0};
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            sr_buf_add(b, esc, 6);
            continue;
        }
        sr_buf_add(b, esc, 2);
    }
    sr_buf_add(b, s + run, n - run);
    sr_buf_addc(b, '"');
}

static void put_real(sr_buf *b, double v) {
    char t[64];
    int n = snprintf(t, sizeof t, "%.17g", v);
    if (n < 0 || n >= (int)sizeof t) return;
    if (!strpbrk(t, ".eE")) {   /* looks like an integer: make it a real */
        memcpy(t + n, ".0", 3);
        n += 2;
    }
    char *e = strchr(t, 'e');
    if (e) {   /* "1e+05" -> "1e5", "1e-05" -> "1e-5" */
        char *p = e + 1, *q = p;
        if (*q == '+') q++;
        else if (*q == '-') p++, q++;
        while (*q == '0' && q[1]) q++;
        memmove(p, q, strlen(q) + 1);
        n = (int)strlen(t);
    }
    sr_buf_add(b, t, (size_t)n);
}

static int put(sr_buf *b, const json_t *v, int depth) {
    if (depth > MAX_DEPTH) return -1;
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        sr_buf_addc(b, '{');
        const char *k;
        size_t klen;
        json_t *m;
        int first = 1;
        json_object_keylen_foreach((json_t *)v, k, klen, m) {
            if (!first) sr_buf_addc(b, ',');
            first = 0;
            put_string(b, k, klen);
            sr_buf_addc(b, ':');
            if (put(b, m, depth + 1)) return -1;
        }
        sr_buf_addc(b, '}');
        return 0;
    }
    case JSON_ARRAY: {
        sr_buf_addc(b, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i) sr_buf_addc(b, ',');
            if (put(b, json_array_get(v, i), depth + 1)) return -1;
        }
        sr_buf_addc(b, ']');
        return 0;
    }
    case JSON_STRING:
        put_string(b, json_string_value(v), json_string_length(v));
        return 0;
    case JSON_INTEGER:
        sr_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return 0;
    case JSON_REAL:
        put_real(b, json_real_value(v));
        return 0;
    case JSON_TRUE: sr_buf_adds(b, "true"); return 0;
    case JSON_FALSE: sr_buf_adds(b, "false"); return 0;
    case JSON_NULL: sr_buf_adds(b, "null"); return 0;
    }
    return -1;
}

char *sr_record_dumps(const json_t *v) {
    if (!v) return NULL;
    sr_buf b = SR_BUF_INIT;
    if (put(&b, v, 0) || b.oom) {
        sr_buf_free(&b);
        return NULL;
    }
    return sr_buf_steal(&b, NULL);   /* NUL-terminated (buf.h) */
}
