/*
 * fuzz_feed.c -- libFuzzer harness for the RSS/Atom feed reader.
 *
 * The input is parsed as one feed and every item read.  Each item gives
 * either a document or an error naming the feed; a document has
 * non-empty, valid UTF-8 text without NUL, valid UTF-8 title, URL and
 * language, and a calendar date when it has one.  The sniffer runs on the
 * same bytes (it must not read past them).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/doc.h"
#include "../../src/core/utf8.h"
#include "../../src/read/feed.h"

static void check_field(const sr_doc *d, sr_field f) {
    const char *v = sr_doc_field(d, f);
    if (v && sr_utf8_valid_prefix(v, strlen(v)) != strlen(v)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    (void)sr_feed_sniff((const char *)data, size);
    sr_feed *f = NULL;
    sr_error err = {0};
    sr_status st = sr_feed_parse("fuzz.rss", (const char *)data, size, &f, &err);
    if (st != SR_OK) {
        if (f || strncmp(err.message, "fuzz.rss: ", 10) != 0) abort();
        return 0;
    }
    size_t n = sr_feed_count(f), seen = 0;
    for (;;) {
        sr_doc *d = NULL;
        st = sr_feed_next(f, &d, &err);
        if (st == SR_DONE) break;
        seen++;
        if (st != SR_OK) {
            if (d || strncmp(err.message, "fuzz.rss: ", 10) != 0) abort();
            continue;
        }
        size_t len;
        const char *t = sr_doc_text(d, &len);
        if (!t || len == 0 || sr_utf8_valid_prefix(t, len) != len || memchr(t, 0, len)) abort();
        if (!sr_doc_field(d, SR_FIELD_ID)) abort();
        check_field(d, SR_FIELD_ID);
        check_field(d, SR_FIELD_TITLE);
        check_field(d, SR_FIELD_URL);
        check_field(d, SR_FIELD_LANG);
        const char *p = sr_doc_field(d, SR_FIELD_PUBLISHED);
        if (p && !sr_is_iso_date(p)) abort();
        sr_doc_free(d);
    }
    if (seen != n) abort();
    sr_feed_free(f);
    return 0;
}
