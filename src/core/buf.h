/*
 * buf.h -- a growable byte string (heap), the string builder used by the
 * writers and the normaliser.
 *
 * A buffer is always NUL-terminated when data is not NULL.  Operations that
 * can fail set `oom` and become no-ops from then on, so a writer can emit a
 * whole object and check for failure once at the end (the style of curl's
 * dynbuf and Redis' sds).
 */
#ifndef SR_BUF_H
#define SR_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct sr_buf {
    char *data;
    size_t len, cap;
    int oom;
} sr_buf;

#define SR_BUF_INIT {NULL, 0, 0, 0}

void sr_buf_free(sr_buf *b);
void sr_buf_reset(sr_buf *b);                /* len = 0, keeps memory */
int sr_buf_reserve(sr_buf *b, size_t extra); /* 0 on success */
void sr_buf_add(sr_buf *b, const void *p, size_t n);
void sr_buf_addc(sr_buf *b, char c);
void sr_buf_adds(sr_buf *b, const char *s);
void sr_buf_printf(sr_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hand the memory to the caller (NUL-terminated, free() it); b is reset. */
char *sr_buf_steal(sr_buf *b, size_t *len);

#endif
