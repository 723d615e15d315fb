/*
 * text.c -- the plain text reader: a file is one document.
 *
 * The text is kept as it is (after UTF-8 repair, see core/doc.c) so that
 * spans point at the bytes of the file; only a UTF-8 byte order mark is
 * dropped.  A headline is recognised the way wire copy and most saved
 * articles write it: a first line of at most 200 bytes followed by a blank
 * line.  It becomes the title and stays in the text.
 */
#include <string.h>

#include "../core/doc.h"
#include "../core/error.h"
#include "formats.h"

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
    sr_doc *d;
    if (sr_doc_new(id, &d) != SR_OK)
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    sr_status st = sr_doc_set_text(d, data, len);
    if (st != SR_OK) {
        sr_doc_free(d);
        return sr_fail(err, st, "%s: %s; skipped", name, sr_strerror(st));
    }
    find_title(d);
    *out = d;
    return SR_OK;
}
