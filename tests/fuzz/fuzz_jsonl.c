/*
 * fuzz_jsonl.c -- libFuzzer harness for the JSONL reader and the
 * publication date parser.
 *
 * The input is read as a JSONL file held in memory (sr_jsonl_next) to its
 * end.  Every document must have valid UTF-8 text without NUL, a
 * "published" that is a calendar date YYYY-MM-DD when set, and "extra"
 * that is a JSON object; every error must name the file and line.  The
 * input is also read as a whole JSON file (an article or a list of them)
 * with the same checks, and its first line, as a string, goes through
 * sr_date_parse().
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/doc.h"
#include "../../src/core/utf8.h"
#include "../../src/read/formats.h"

static void check_doc(const sr_doc *d) {
    size_t n;
    const char *t = sr_doc_text(d, &n);
    if (!t || n == 0 || sr_utf8_valid_prefix(t, n) != n || memchr(t, 0, n)) abort();
    const char *p = sr_doc_field(d, SR_FIELD_PUBLISHED);
    if (p && !sr_is_iso_date(p)) abort();
    if (!sr_doc_field(d, SR_FIELD_ID)) abort();
    if (d->extra) {
        json_t *x = json_loadb(d->extra, d->extra_len, JSON_ALLOW_NUL, NULL);
        if (!json_is_object(x)) abort();
        json_decref(x);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    size_t pos = 0, line = 0;
    for (;;) {
        sr_doc *d = NULL;
        sr_error err = {0};
        size_t before = pos;
        sr_status st = sr_jsonl_next("fuzz.jsonl", "fuzz.jsonl", s, size, &pos, &line, &d, &err);
        if (st == SR_DONE) break;
        if (pos <= before) abort();  /* always moves on */
        if (st == SR_OK) {
            check_doc(d);
            sr_doc_free(d);
        } else if (d || strncmp(err.message, "fuzz.jsonl:", 11) != 0) {
            abort();
        }
    }
    sr_json_file *f;
    sr_error err = {0};
    if (sr_json_file_open("fuzz.json", s, size, &f, &err) == SR_OK) {
        size_t n = 0;
        for (;;) {
            sr_doc *d = NULL;
            sr_status st = sr_json_file_next(f, "fuzz.json", "fuzz.json", &d, &err);
            if (st == SR_DONE) break;
            if (++n > size + 1) abort();
            if (st == SR_OK) {
                check_doc(d);
                sr_doc_free(d);
            } else if (d || strncmp(err.message, "fuzz.json", 9) != 0) {
                abort();
            }
        }
        sr_json_file_free(f);
    } else if (strncmp(err.message, "fuzz.json: ", 11) != 0) {
        abort();
    }
    (void)sr_jsonl_first_line_ok(s, size);
    const char *nl = memchr(s, '\n', size);
    size_t n = nl ? (size_t)(nl - s) : size;
    if (n < 256) {
        char buf[256], iso[11];
        memcpy(buf, s, n);
        buf[n] = '\0';
        if (sr_date_parse(buf, iso) == SR_OK && !sr_is_iso_date(iso)) abort();
    }
    return 0;
}
