/*
 * fuzz_params.c -- libFuzzer harness for the HTTP API's request parameters
 * (src/serve/params.c) and watch filters (src/serve/watch.c).
 *
 * The input is split at its first NUL byte: the part before is decoded as
 * a query string and checked as GET /api/incidents parameters; the part
 * after is parsed as a watch (a JSON object with its url).  Invariants:
 * at most SR_PARAMS_MAX parameters, each value bounded, NUL-free and valid
 * UTF-8 without control characters; an accepted request has its values in
 * range; an accepted filter written as JSON parses back to the same JSON.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/utf8.h"
#include "../../src/serve/params.h"
#include "../../src/serve/watch.h"

static void check_params(const char *qs, size_t n) {
    sr_params p;
    sr_params_init(&p);
    sr_error err;
    sr_status st = sr_params_parse(&p, qs, n, &err);
    if (p.n > SR_PARAMS_MAX) abort();
    for (size_t i = 0; i < p.n; i++) {
        size_t kn = strlen(p.v[i].key), vn = strlen(p.v[i].value);
        if (kn == 0 || kn > 64 || vn > SR_PARAM_MAX_LEN) abort();
        if (sr_utf8_valid_prefix(p.v[i].value, vn) != vn) abort();
        for (size_t k = 0; k < vn; k++)
            if ((unsigned char)p.v[i].value[k] < 0x20) abort();
    }
    if (st == SR_OK) {
        sr_incidents_request rq;
        if (sr_params_incidents(&p, &rq, &err) == SR_OK) {
            if (rq.limit < 1 || rq.limit > SR_PAGE_MAX) abort();
            if (rq.offset < 0 || rq.offset > SR_OFFSET_MAX) abort();
            if (rq.q.country && !sr_param_country(rq.q.country)) abort();
            if (rq.q.near && (rq.q.lat < -90 || rq.q.lat > 90 || rq.q.lon < -180 ||
                              rq.q.lon > 180 || rq.q.km < 0 || rq.q.km > 20000))
                abort();
            if (rq.q.since && !sr_param_date(rq.q.since)) abort();
            if (rq.q.type && !sr_param_word(rq.q.type)) abort();
        }
    }
    sr_params_free(&p);
}

static void check_watch(const char *json, size_t n) {
    sr_watch_filter f, g;
    char url[2048], url2[2048];
    sr_error err;
    if (sr_watch_filter_parse(json, n, &f, url, &err) != SR_OK) return;
    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) abort();
    sr_buf a = SR_BUF_INIT, b = SR_BUF_INIT;
    sr_watch_filter_json(&f, &a);
    if (a.oom) abort();
    if (sr_watch_filter_parse(a.data, a.len, &g, NULL, &err) != SR_OK) abort();
    sr_watch_filter_json(&g, &b);
    if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) abort();
    (void)url2;
    sr_buf_free(&a);
    sr_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    const char *nul = memchr(s, 0, size);
    size_t n = nul ? (size_t)(nul - s) : size;
    check_params(s, n);
    if (nul) check_watch(nul + 1, size - n - 1);
    return 0;
}
