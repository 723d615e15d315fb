/*
 * resp.c -- RESP2 encoding and a bounded, copying reply parser (resp.h).
 *
 * The parser reads a reply in one pass; it returns 0 ("need more") as soon
 * as a line or a bulk body runs past the buffer, so the caller simply reads
 * more bytes and parses again from the start (replies are small next to
 * the cost of a round trip).  An array announces its size before its
 * elements arrive: the size is checked against the bytes left (each element
 * takes at least 3) before anything is allocated.
 */
#include <stdlib.h>
#include <string.h>

#include "resp.h"

void sr_resp_free(sr_resp *r) {
    if (!r) return;
    free(r->str);
    for (size_t i = 0; i < r->n; i++) sr_resp_free(&r->elem[i]);
    free(r->elem);
    memset(r, 0, sizeof *r);
}

const sr_resp *sr_resp_at(const sr_resp *r, size_t i) {
    return r && r->type == SR_RESP_ARRAY && i < r->n ? &r->elem[i] : NULL;
}

/* The line at buf[*pos): its length (without CRLF), -1 incomplete, -2 bad. */
static long line_end(const char *buf, size_t len, size_t pos) {
    for (size_t i = pos; i < len; i++) {
        if (buf[i] == '\r') {
            if (i + 1 >= len) return -1;
            return buf[i + 1] == '\n' ? (long)(i - pos) : -2;
        }
        if (buf[i] == '\n') return -2;
    }
    return -1;
}

/* A decimal integer filling the whole line; 0 or -1 when it is not one. */
static int parse_int(const char *s, size_t n, int64_t *out) {
    size_t i = 0;
    int neg = 0;
    if (n && s[0] == '-') { neg = 1; i = 1; }
    if (i == n || n - i > 18) return -1;
    int64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

static long parse_at(const char *buf, size_t len, size_t pos, sr_resp *out, int depth) {
    memset(out, 0, sizeof *out);
    if (pos >= len) return 0;
    if (depth > SR_RESP_MAX_DEPTH) return -1;
    char t = buf[pos];
    long n = line_end(buf, len, pos + 1);
    if (n == -1) return 0;
    if (n < 0) return -1;
    const char *line = buf + pos + 1;
    size_t next = pos + 1 + (size_t)n + 2;
    int64_t v;
    switch (t) {
    case '+':
    case '-':
        out->type = t == '+' ? SR_RESP_STATUS : SR_RESP_ERROR;
        out->str = malloc((size_t)n + 1);
        if (!out->str) return -2;
        memcpy(out->str, line, (size_t)n);
        out->str[n] = '\0';
        out->len = (size_t)n;
        return (long)(next - pos);
    case ':':
        if (parse_int(line, (size_t)n, &v)) return -1;
        out->type = SR_RESP_INT;
        out->integer = v;
        return (long)(next - pos);
    case '$':
        if (parse_int(line, (size_t)n, &v) || v < -1) return -1;
        if (v == -1) {
            out->type = SR_RESP_NIL;
            return (long)(next - pos);
        }
        if (v > 512 * 1024 * 1024) return -1;
        if (next + (size_t)v + 2 > len) return 0;
        if (buf[next + v] != '\r' || buf[next + v + 1] != '\n') return -1;
        out->type = SR_RESP_BULK;
        out->str = malloc((size_t)v + 1);
        if (!out->str) return -2;
        memcpy(out->str, buf + next, (size_t)v);
        out->str[v] = '\0';
        out->len = (size_t)v;
        return (long)(next + (size_t)v + 2 - pos);
    case '*': {
        if (parse_int(line, (size_t)n, &v) || v < -1) return -1;
        if (v == -1) {
            out->type = SR_RESP_NIL;
            return (long)(next - pos);
        }
        out->type = SR_RESP_ARRAY;
        if (v == 0) return (long)(next - pos);
        if ((uint64_t)v > (len - next) / 3) {
            /* cannot all be here: incomplete, unless absurd */
            return v > 64 * 1024 * 1024 ? -1 : 0;
        }
        out->elem = calloc((size_t)v, sizeof *out->elem);
        if (!out->elem) return -2;
        size_t at = next;
        for (int64_t i = 0; i < v; i++) {
            long k = parse_at(buf, len, at, &out->elem[i], depth + 1);
            out->n = (size_t)i + 1;
            if (k <= 0) {
                sr_resp_free(out);
                return k;
            }
            at += (size_t)k;
        }
        return (long)(at - pos);
    }
    default:
        return -1;
    }
}

long sr_resp_parse(const char *buf, size_t len, sr_resp *out) {
    long k = parse_at(buf, len, 0, out, 0);
    if (k <= 0) sr_resp_free(out);
    return k;
}

void sr_resp_command(sr_buf *b, int argc, const char *const *argv, const size_t *lens) {
    sr_buf_printf(b, "*%d\r\n", argc);
    for (int i = 0; i < argc; i++) {
        size_t n = lens ? lens[i] : strlen(argv[i]);
        sr_buf_printf(b, "$%zu\r\n", n);
        sr_buf_add(b, argv[i], n);
        sr_buf_adds(b, "\r\n");
    }
}
