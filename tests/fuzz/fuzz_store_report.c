/*
 * fuzz_store_report.c -- the store's reader of sitrep/1 JSON
 * (src/store/report.c): any bytes as a document's JSON, the part after the
 * first NUL (or the same bytes) as its text.  Invariants: no crash or leak;
 * every evidence sentence kept is exactly the text's bytes at its span; a
 * stored report object parses back to the same type, family and dates.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *json = (const char *)data;
    const uint8_t *nul = memchr(data, 0, size);
    size_t json_len = nul ? (size_t)(nul - data) : size;
    const char *text = nul ? (const char *)nul + 1 : json;
    size_t text_len = nul ? size - json_len - 1 : size;
    sr_reports rs;
    sr_error err;
    if (sr_reports_from_doc(json, json_len, text, text_len, &rs, &err) != SR_OK) return 0;
    for (size_t i = 0; i < rs.n; i++) {
        const sr_report *r = &rs.v[i];
        for (size_t e = 0; e < r->nevidence; e++) {
            const sr_evidence *ev = &r->evidence[e];
            if (ev->end > text_len || ev->start >= ev->end ||
                strlen(ev->text) != ev->end - ev->start ||
                memcmp(ev->text, text + ev->start, ev->end - ev->start) != 0)
                abort();
        }
        sr_report back;
        if (sr_report_parse(r->json, strlen(r->json), &back, &err) != SR_OK) abort();
        if (strcmp(back.type, r->type) != 0 || back.family != r->family ||
            back.day_lo != r->day_lo || back.day_hi != r->day_hi ||
            back.nevidence != r->nevidence)
            abort();
        sr_report_clear(&back);
    }
    sr_reports_clear(&rs);
    return 0;
}
