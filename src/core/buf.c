/*
 * buf.c -- see buf.h.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sr_buf_free(sr_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void sr_buf_reset(sr_buf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

int sr_buf_reserve(sr_buf *b, size_t extra) {
    if (b->oom) return -1;
    if (extra > ((size_t)-1) / 2 - b->len) { b->oom = 1; return -1; }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) { b->oom = 1; return -1; }
    b->data = d;
    b->cap = cap;
    return 0;
}

void sr_buf_add(sr_buf *b, const void *p, size_t n) {
    if (sr_buf_reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sr_buf_addc(sr_buf *b, char c) {
    if (b->len + 1 < b->cap && !b->oom) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    sr_buf_add(b, &c, 1);
}

void sr_buf_adds(sr_buf *b, const char *s) { sr_buf_add(b, s, strlen(s)); }

void sr_buf_printf(sr_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) { b->oom = 1; return; }
    if ((size_t)n < sizeof small) { sr_buf_add(b, small, (size_t)n); return; }
    if (sr_buf_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *sr_buf_steal(sr_buf *b, size_t *len) {
    if (!b->data && sr_buf_reserve(b, 0) == 0) b->data[0] = '\0';   /* "" */
    char *d = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
