/*
 * doc.c -- creating, filling and freeing an sr_doc.
 */
#include "doc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

sr_status sr_doc_new(const char *id, sr_doc **out) {
    *out = NULL;
    sr_doc *d = calloc(1, sizeof *d);
    if (!d) return SR_ERR_NOMEM;
    sr_arena_init(&d->arena);
    if (id && sr_doc_set_field(d, SR_FIELD_ID, id) != SR_OK) {
        sr_doc_free(d);
        return SR_ERR_NOMEM;
    }
    *out = d;
    return SR_OK;
}

void sr_doc_free(sr_doc *doc) {
    if (!doc) return;
    free(doc->warnings);
    free(doc->sections);
    sr_arena_free(&doc->arena);
    free(doc);
}

int sr_is_iso_date(const char *s) {
    if (!s || strlen(s) != 10) return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return 0; }
        else if (!isdigit((unsigned char)s[i])) return 0;
    }
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

sr_status sr_doc_set_field(sr_doc *doc, sr_field field, const char *value) {
    if ((unsigned)field >= SR_FIELD_COUNT_) return SR_ERR_ARG;
    if (!value) { doc->field[field] = NULL; return SR_OK; }
    size_t n = strlen(value);
    if (field == SR_FIELD_PUBLISHED) {
        /* Keep the date of an ISO 8601 date-time. */
        if (n > 10 && (value[10] == 'T' || value[10] == ' ')) n = 10;
    }
    sr_buf b = SR_BUF_INIT;
    sr_utf8_repair(value, n, &b);
    if (b.oom) { sr_buf_free(&b); return SR_ERR_NOMEM; }
    doc->field[field] = sr_arena_strndup(&doc->arena, b.data ? b.data : "", b.len);
    sr_buf_free(&b);
    if (!doc->field[field]) return SR_ERR_NOMEM;
    if (field == SR_FIELD_PUBLISHED && !sr_is_iso_date(doc->field[field])) {
        sr_doc_warn(doc, "published date \"%s\" is not YYYY-MM-DD; ignored",
                    doc->field[field]);
        doc->field[field] = NULL;
    }
    return SR_OK;
}

const char *sr_doc_field(const sr_doc *doc, sr_field field) {
    return (unsigned)field < SR_FIELD_COUNT_ ? doc->field[field] : NULL;
}

sr_status sr_doc_set_extra_json(sr_doc *doc, const char *json, size_t len) {
    doc->extra = sr_arena_strndup(&doc->arena, json, len);
    doc->extra_len = doc->extra ? len : 0;
    return doc->extra ? SR_OK : SR_ERR_NOMEM;
}

/* Text that is mostly control bytes or replacement characters is binary. */
static int looks_binary(const char *s, size_t n, size_t fixes) {
    size_t ctrl = 0, sample = n < 65536 ? n : 65536;
    for (size_t i = 0; i < sample; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f'))
            ctrl++;
    }
    return ctrl * 10 > sample || (fixes * 3 > n / 4 && fixes > 8) ||
           (n >= 4 && memchr(s, 0, sample) && ctrl * 50 > sample);
}

sr_status sr_doc_set_text(sr_doc *doc, const char *text, size_t len) {
    doc->text = NULL;
    doc->len = 0;
    doc->bytes_in = len;
    if (len > UINT32_MAX - 8) return SR_ERR_TOOBIG; /* spans are 32-bit */
    size_t k = 0;
    while (k < len && isspace((unsigned char)text[k])) k++;
    if (k == len) return SR_ERR_EMPTY;
    sr_buf b = SR_BUF_INIT;
    size_t fixes = sr_utf8_repair(text, len, &b);
    if (b.oom) { sr_buf_free(&b); return SR_ERR_NOMEM; }
    if (looks_binary(text, len, fixes)) { sr_buf_free(&b); return SR_ERR_BINARY; }
    if (b.len > UINT32_MAX - 8) { sr_buf_free(&b); return SR_ERR_TOOBIG; }
    doc->text = sr_arena_alloc(&doc->arena, b.len + 1);
    if (!doc->text) { sr_buf_free(&b); return SR_ERR_NOMEM; }
    memcpy(doc->text, b.data, b.len + 1);
    doc->len = b.len;
    sr_buf_free(&b);
    if (fixes)
        sr_doc_warn(doc, "%zu invalid UTF-8 sequence%s replaced with U+FFFD", fixes,
                    fixes == 1 ? "" : "s");
    return SR_OK;
}

const char *sr_doc_text(const sr_doc *doc, size_t *len) {
    if (len) *len = doc->len;
    return doc->text;
}

void sr_doc_warn(sr_doc *doc, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (doc->nwarnings == doc->capwarnings) {
        size_t cap = doc->capwarnings ? doc->capwarnings * 2 : 4;
        char **w = realloc(doc->warnings, cap * sizeof *w);
        if (!w) return;
        doc->warnings = w;
        doc->capwarnings = cap;
    }
    char *copy = sr_arena_strdup(&doc->arena, msg);
    if (copy) doc->warnings[doc->nwarnings++] = copy;
}

size_t sr_doc_warning_count(const sr_doc *doc) { return doc->nwarnings; }

const char *sr_doc_warning(const sr_doc *doc, size_t i) {
    return i < doc->nwarnings ? doc->warnings[i] : NULL;
}

int sr_doc_add_section(sr_doc *doc, const char *name, sr_section_writer fn,
                       const void *data) {
    if (doc->nsections == doc->capsections) {
        size_t cap = doc->capsections ? doc->capsections * 2 : 8;
        sr_section *s = realloc(doc->sections, cap * sizeof *s);
        if (!s) return -1;
        doc->sections = s;
        doc->capsections = cap;
    }
    doc->sections[doc->nsections++] = (sr_section){name, fn, data};
    return 0;
}
