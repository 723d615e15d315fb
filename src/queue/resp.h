/*
 * resp.h -- the Redis protocol (RESP2): encoding commands and parsing
 * replies, with no I/O (redis.c does the socket).
 *
 * A reply is parsed from a byte buffer that may hold less than one reply
 * (sr_resp_parse says "need more") or more (it says how many bytes the
 * reply took).  Replies come from the network: every length is checked
 * against the bytes present, nesting is bounded, and a malformed reply is
 * an error, never a crash.
 */
#ifndef SR_QUEUE_RESP_H
#define SR_QUEUE_RESP_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"

typedef enum sr_resp_type {
    SR_RESP_STATUS = 0,  /* +OK */
    SR_RESP_ERROR,       /* -ERR ... */
    SR_RESP_INT,         /* :42 */
    SR_RESP_BULK,        /* $3\r\nabc */
    SR_RESP_NIL,         /* $-1 or *-1 */
    SR_RESP_ARRAY        /* *N */
} sr_resp_type;

typedef struct sr_resp {
    sr_resp_type type;
    int64_t integer;          /* SR_RESP_INT */
    char *str;                /* STATUS, ERROR, BULK: NUL-terminated copy */
    size_t len;
    struct sr_resp *elem;     /* ARRAY: n elements */
    size_t n;
} sr_resp;

#define SR_RESP_MAX_DEPTH 8

/* Parse one reply from buf[0, len).  Returns the bytes it took (> 0) with
 * *out filled (release with sr_resp_free), 0 when buf holds only part of a
 * reply, -1 when the bytes are not RESP, -2 out of memory. */
long sr_resp_parse(const char *buf, size_t len, sr_resp *out);
void sr_resp_free(sr_resp *r);

/* Append a command (an array of bulk strings) to b. */
void sr_resp_command(sr_buf *b, int argc, const char *const *argv, const size_t *lens);

/* Element i of an array reply, or NULL. */
const sr_resp *sr_resp_at(const sr_resp *r, size_t i);

#endif
