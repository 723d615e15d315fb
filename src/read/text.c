/*
 * text.c -- the plain text reader.
 */
#include <string.h>

#include "../core/doc.h"
#include "../core/error.h"
#include "formats.h"

static const char *base_name(const char *path) {
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

sr_status sr_text_read(const char *name, const char *data, size_t len,
                       sr_doc **out, sr_error *err) {
    *out = NULL;
    sr_doc *d;
    if (sr_doc_new(base_name(name), &d) != SR_OK)
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    sr_status st = sr_doc_set_text(d, data, len);
    if (st != SR_OK) {
        sr_doc_free(d);
        return sr_fail(err, st, "%s: %s", name, sr_strerror(st));
    }
    /* A headline: a first line of at most 200 bytes followed by a blank line. */
    const char *t = d->text, *nl = memchr(t, '\n', d->len < 201 ? d->len : 201);
    if (nl && nl > t) {
        const char *p = nl + 1;
        while (p < t + d->len && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
        if (p < t + d->len && *p == '\n') {
            size_t n = (size_t)(nl - t);
            while (n && (t[n - 1] == '\r' || t[n - 1] == ' ')) n--;
            d->field[SR_FIELD_TITLE] = sr_arena_strndup(&d->arena, t, n);
        }
    }
    *out = d;
    return SR_OK;
}
