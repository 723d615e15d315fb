/*
 * fuzz_html.c -- libFuzzer harness for the HTML reader.
 *
 * The input is read as one HTML page.  A document must have valid UTF-8
 * text without NUL, without leading or trailing white space and without
 * more than one blank line in a row (the reader's layout promises); its
 * title, URL and language must be valid UTF-8 and its published date a
 * calendar date.  An error must name the page.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/doc.h"
#include "../../src/core/utf8.h"
#include "../../src/read/formats.h"

static void check_field(const sr_doc *d, sr_field f) {
    const char *v = sr_doc_field(d, f);
    if (v && sr_utf8_valid_prefix(v, strlen(v)) != strlen(v)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sr_doc *d = NULL;
    sr_error err = {0};
    sr_status st = sr_html_read("fuzz.html", "fuzz.html", (const char *)data, size, &d, &err);
    if (st != SR_OK) {
        if (d || strncmp(err.message, "fuzz.html: ", 11) != 0) abort();
        return 0;
    }
    size_t n;
    const char *t = sr_doc_text(d, &n);
    if (!t || n == 0 || sr_utf8_valid_prefix(t, n) != n || memchr(t, 0, n)) abort();
    if (t[0] == ' ' || t[0] == '\n' || t[n - 1] == ' ' || t[n - 1] == '\n') abort();
    if (memmem(t, n, "\n\n\n", 3) || memmem(t, n, "  ", 2)) abort();
    check_field(d, SR_FIELD_TITLE);
    check_field(d, SR_FIELD_URL);
    check_field(d, SR_FIELD_LANG);
    const char *p = sr_doc_field(d, SR_FIELD_PUBLISHED);
    if (p && !sr_is_iso_date(p)) abort();
    sr_doc_free(d);
    return 0;
}
