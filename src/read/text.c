/*
 * text.c -- the plain text reader: a file is one document.
 *
 * The text is kept as it is (after UTF-8 repair, see core/doc.c) so that
 * spans point at the bytes of the file; only a UTF-8 byte order mark is
 * dropped, and a file in a legacy 8-bit character set is decoded (below).  A headline is recognised the way wire copy and most saved
 * articles write it: a first line of at most 200 bytes followed by a blank
 * line.  It becomes the title and stays in the text.
 */
#include <string.h>

#include "../core/doc.h"
#include "../core/error.h"
#include "../core/buf.h"
#include "../core/utf8.h"
#include "formats.h"
#include "sniff.h"

#define TITLE_MAX 200

static void find_title(sr_doc *d) {
    const char *t = d->text, *end = d->text + d->len;
    const char *nl = memchr(t, '\n', d->len < TITLE_MAX + 1 ? d->len : TITLE_MAX + 1);
    if (!nl) return;
    const char *p = nl + 1;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
    if (p >= end || *p != '\n') return;
    size_t s = 0, n = (size_t)(nl - t);
    while (s < n && (t[s] == ' ' || t[s] == '\t')) s++;
    while (n > s && (t[n - 1] == '\r' || t[n - 1] == ' ' || t[n - 1] == '\t')) n--;
    if (n > s) d->field[SR_FIELD_TITLE] = sr_arena_strndup(&d->arena, t + s, n - s);
}

sr_status sr_text_read(const char *name, const char *id, const char *data,
                       size_t len, sr_doc **out, sr_error *err) {
    *out = NULL;
    if (len > SR_MAX_DOC_BYTES)
        return sr_fail(err, SR_ERR_TOOBIG, "%s: %zu bytes, over the %zu MiB limit; skipped",
                       name, len, SR_MAX_DOC_BYTES >> 20);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    /* Invalid UTF-8 without a single valid multi-byte sequence is a
     * legacy 8-bit file (Latin-1 and its superset windows-1252, what older
     * wire archives and Windows editors write): decoding it keeps
     * "Bogot\xE1" a place name instead of "Bogot\uFFFD". */
    sr_buf conv = SR_BUF_INIT;
    size_t fixes = 0;
    int legacy = sr_utf8_valid_prefix(data, len) != len && !sr_has_utf8_multibyte(data, len) &&
                 !sr_looks_binary(data, len) &&
                 sr_charset_to_utf8("windows-1252", data, len, &conv, &fixes) == SR_OK;
    if (legacy) {
        data = conv.data ? conv.data : "";
        len = conv.len;
    }
    sr_doc *d;
    sr_status st = sr_doc_new(id, &d) == SR_OK ? SR_OK : SR_ERR_NOMEM;
    if (st == SR_OK) st = sr_doc_set_text(d, data, len);
    sr_buf_free(&conv);
    if (st != SR_OK) {
        sr_doc_free(d);
        return sr_fail(err, st, "%s: %s; skipped", name, sr_strerror(st));
    }
    if (legacy) sr_doc_warn(d, "not UTF-8: read as windows-1252 (Latin-1)");
    find_title(d);
    *out = d;
    return SR_OK;
}
