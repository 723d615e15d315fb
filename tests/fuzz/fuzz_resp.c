/*
 * fuzz_resp.c -- the Redis reply parser (src/queue/resp.c) and the entry
 * decoder (src/queue/queue.c) on any bytes.  Invariants: no crash or leak;
 * a parse never claims more bytes than it was given; a reply that parsed
 * from a prefix parses the same from the whole input (a reply's end does
 * not depend on what follows); a complete reply is never "need more"
 * with more bytes appended; bulk strings keep their length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/queue/queue.h"

static void check(const sr_resp *r, int depth) {
    if (depth > SR_RESP_MAX_DEPTH + 1) abort();
    if ((r->type == SR_RESP_BULK || r->type == SR_RESP_STATUS || r->type == SR_RESP_ERROR) &&
        (!r->str || r->str[r->len] != '\0'))
        abort();
    for (size_t i = 0; i < r->n; i++) check(&r->elem[i], depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *buf = (const char *)data;
    sr_resp r;
    long k = sr_resp_parse(buf, size, &r);
    if (k > (long)size) abort();
    if (k > 0) {
        check(&r, 0);
        /* the same reply from exactly its bytes */
        sr_resp again;
        if (sr_resp_parse(buf, (size_t)k, &again) != k) abort();
        if (again.type != r.type || again.n != r.n || again.len != r.len) abort();
        sr_resp_free(&again);
        /* as a stream reply: decode entries (and the XREADGROUP shape) */
        sr_entries es;
        sr_error err;
        if (sr_queue_entries(&r, &es, &err) == SR_OK) {
            for (size_t i = 0; i < es.n; i++)
                if (!es.v[i].doc && !es.v[i].problem[0]) abort();
            sr_entries_clear(&es);
        }
        sr_resp_free(&r);
    } else if (k == 0 && size > 0) {
        /* need more: any shorter prefix needs more too (or is bad) */
        if (sr_resp_parse(buf, size - 1, &r) > 0) abort();
    }
    return 0;
}
