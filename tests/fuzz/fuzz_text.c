/*
 * fuzz_text.c -- libFuzzer harness for the plain text reader and the byte
 * sniffing that comes before every reader (BOM, UTF-16, binary, format).
 *
 * The input is read as a text file; a document's text must be valid UTF-8
 * without NUL and its title, when found, a prefix line of the text.  The
 * input is also transcoded as UTF-16 in both byte orders: the result must
 * be valid UTF-8 whose size is bounded by the input's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/buf.h"
#include "../../src/core/doc.h"
#include "../../src/core/utf8.h"
#include "../../src/read/formats.h"
#include "../../src/read/sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    sr_doc *d = NULL;
    sr_error err = {0};
    sr_status st = sr_text_read("fuzz.txt", "fuzz.txt", s, size, &d, &err);
    if (st == SR_OK) {
        size_t n;
        const char *t = sr_doc_text(d, &n);
        if (!t || sr_utf8_valid_prefix(t, n) != n || memchr(t, 0, n)) abort();
        const char *title = sr_doc_field(d, SR_FIELD_TITLE);
        if (title && (!*title || !strstr(t, title) || strlen(title) > 200)) abort();
        sr_doc_free(d);
    } else if (d || strncmp(err.message, "fuzz.txt: ", 10) != 0) {
        abort();
    }
    for (int be = 0; be < 2; be++) {
        sr_buf b = SR_BUF_INIT;
        sr_utf16_to_utf8(s, size, be, &b);
        if (b.oom) abort();
        if (b.len > size / 2 * 4 + 3 || sr_utf8_valid_prefix(b.data ? b.data : "", b.len) != b.len)
            abort();
        sr_buf_free(&b);
    }
    size_t bom;
    (void)sr_sniff_bom(s, size, &bom);
    if (bom > size) abort();
    (void)sr_looks_binary(s, size);
    sr_format f = sr_guess_format("fuzz", s, size);
    if (f != SR_FORMAT_TEXT && f != SR_FORMAT_JSONL && f != SR_FORMAT_HTML &&
        f != SR_FORMAT_FEED)
        abort();
    return 0;
}
