/*
 * jsonl.c -- the JSONL reader: one article per line.
 *
 * Known fields: id (string or integer), title, url, published (also
 * "date"; a string in any form sr_date_parse() knows, or a Unix time),
 * lang, text (also "body" or "content").  Every other field, and a known
 * one whose value could not be used, is kept as it was and written back
 * under doc.extra.
 *
 * A line with invalid UTF-8 is repaired (U+FFFD) before parsing, with a
 * warning on its document, because jansson refuses invalid UTF-8 and one
 * bad byte should not cost an article.  A line that is not valid JSON, not
 * an object, nested too deeply, without text or over SR_MAX_DOC_BYTES is
 * one error naming the file and line; the next line is read as usual.
 * jansson limits nesting depth itself (2048), so a line of a million '['
 * is a clean error, not a stack overflow.
 *
 * People also hand over .json files that are not JSONL: a list of
 * articles ([{...}, {...}]) or one article pretty-printed over many lines.
 * Read line by line, such a file would give a warning per line (or lose
 * every article of a one-line list); so when the first line is not a JSON
 * object by itself and the whole file parses as an object or as an array
 * holding objects, it is read whole (sr_json_file_*) and each article in
 * it becomes a document, named "file[3]" in messages.  Anything else is
 * read as JSONL, one error per bad line.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/error.h"
#include "../core/utf8.h"
#include "formats.h"

static const char *type_name(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* The first of the keys present with a string value; its key in *used. */
static json_t *string_field(json_t *o, const char *const *keys, const char **used) {
    for (; *keys; keys++) {
        json_t *v = json_object_get(o, *keys);
        if (json_is_string(v)) {
            if (used) *used = *keys;
            return v;
        }
    }
    return NULL;
}

/* Is key k one whose value went into the document (so not into extra)? */
static int consumed(const char *const *used, size_t n, const char *k) {
    for (size_t i = 0; i < n; i++)
        if (used[i] && strcmp(used[i], k) == 0) return 1;
    return 0;
}

static sr_status set_published(sr_doc *d, json_t *o, const char **used) {
    static const char *const keys[] = {"published", "date", NULL};
    char iso[11];
    for (const char *const *k = keys; *k; k++) {
        json_t *v = json_object_get(o, *k);
        if (!v || json_is_null(v)) continue;
        *used = *k;
        if (json_is_string(v)) {
            const char *s = json_string_value(v);
            if (sr_date_parse(s, iso) == SR_OK) return sr_doc_set_field(d, SR_FIELD_PUBLISHED, iso);
            /* doc.c warns that it is not a date and leaves it unset */
            return sr_doc_set_field(d, SR_FIELD_PUBLISHED, s);
        }
        double t = json_number_value(v);  /* 0 for a non-number */
        if (json_is_number(v) && t > -1e15 && t < 1e15 &&
            sr_date_from_unix((long long)t, iso) == SR_OK)
            return sr_doc_set_field(d, SR_FIELD_PUBLISHED, iso);
        sr_doc_warn(d, "\"%s\" is %s, not a date; ignored", *k, type_name(v));
        return SR_OK;
    }
    return SR_OK;
}

/* One article object as a document.  `where` names it in messages
 * ("in/feed.jsonl:7", "in/list.json[3]"), `fallback` is its id when it
 * has none, `skip` ends a message ("line skipped"), and `fixes` counts the
 * invalid UTF-8 sequences repaired in its source (a warning when > 0). */
static sr_status build_doc(const char *where, const char *fallback, const char *skip,
                           json_t *o, size_t fixes, sr_doc **out, sr_error *err) {
    static const char *const text_keys[] = {"text", "body", "content", NULL};
    const char *used[8] = {NULL};
    json_t *tv = string_field(o, text_keys, &used[0]);
    if (!tv) {
        json_t *v = json_object_get(o, "text");
        if (v && !json_is_null(v))
            return sr_fail(err, SR_ERR_PARSE, "%s: \"text\" is %s, not a string; %s", where,
                           type_name(v), skip);
        return sr_fail(err, SR_ERR_EMPTY, "%s: no \"text\" field; %s", where, skip);
    }
    if (json_string_length(tv) > SR_MAX_DOC_BYTES)
        return sr_fail(err, SR_ERR_TOOBIG, "%s: text of %zu bytes is over the %zu MiB limit; %s",
                       where, json_string_length(tv), SR_MAX_DOC_BYTES >> 20, skip);
    char idbuf[128];
    const char *id = NULL;
    json_t *idv = json_object_get(o, "id");
    if (json_is_string(idv) && json_string_value(idv)[0]) {
        id = json_string_value(idv);
        used[1] = "id";
    } else if (json_is_integer(idv)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(idv));
        id = idbuf;
        used[1] = "id";
    } else {
        id = fallback;
    }
    sr_doc *d;
    if (sr_doc_new(id, &d) != SR_OK)
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", where);
    sr_status st = sr_doc_set_text(d, json_string_value(tv), json_string_length(tv));
    if (st != SR_OK) {
        sr_doc_free(d);
        return sr_fail(err, st, "%s: document %s: %s; %s", where, id, sr_strerror(st), skip);
    }
    static const struct { const char *key; sr_field field; } meta[] = {
        {"title", SR_FIELD_TITLE}, {"url", SR_FIELD_URL}, {"lang", SR_FIELD_LANG}};
    for (size_t i = 0; i < 3 && st == SR_OK; i++) {
        json_t *v = json_object_get(o, meta[i].key);
        if (json_is_string(v)) st = sr_doc_set_field(d, meta[i].field, json_string_value(v));
        if (json_is_string(v) || json_is_null(v)) used[2 + i] = meta[i].key;
    }
    if (st == SR_OK) st = set_published(d, o, &used[5]);
    /* "body" or "content" beside the "text" used stay in extra. */
    json_t *extra = json_object();
    const char *k;
    json_t *v;
    if (!extra) st = SR_ERR_NOMEM;
    else
        json_object_foreach(o, k, v) {
            if (!consumed(used, 8, k) && json_object_set(extra, k, v)) st = SR_ERR_NOMEM;
        }
    if (st == SR_OK && json_object_size(extra) > 0) {
        char *s = json_dumps(extra, JSON_COMPACT);
        st = s ? sr_doc_set_extra_json(d, s, strlen(s)) : SR_ERR_NOMEM;
        free(s);
    }
    json_decref(extra);
    if (st != SR_OK) {
        sr_doc_free(d);
        return sr_fail(err, st, "%s: %s", where, sr_strerror(st));
    }
    if (fixes)
        sr_doc_warn(d, "%zu invalid UTF-8 sequence%s replaced with U+FFFD (%s)", fixes,
                    fixes == 1 ? "" : "s", where);
    *out = d;
    return SR_OK;
}

sr_status sr_jsonl_line(const char *name, const char *idbase, size_t lineno,
                        const char *line, size_t len, sr_doc **out, sr_error *err) {
    *out = NULL;
    if (len > SR_MAX_DOC_BYTES)
        return sr_fail(err, SR_ERR_TOOBIG, "%s:%zu: line of %zu bytes is over the %zu MiB limit; skipped",
                       name, lineno, len, SR_MAX_DOC_BYTES >> 20);
    if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    sr_buf fixed = SR_BUF_INIT;
    size_t fixes = 0;
    if (sr_utf8_valid_prefix(line, len) != len || memchr(line, 0, len)) {
        fixes = sr_utf8_repair(line, len, &fixed);
        if (fixed.oom) {
            sr_buf_free(&fixed);
            return sr_fail(err, SR_ERR_NOMEM, "%s:%zu: out of memory", name, lineno);
        }
        line = fixed.data;
        len = fixed.len;
    }
    json_error_t je;
    json_t *o = json_loadb(line, len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
    sr_buf_free(&fixed);
    if (!o)
        return sr_fail(err, SR_ERR_PARSE, "%s:%zu: invalid JSON (%s, column %d); line skipped",
                       name, lineno, je.text, je.column);
    char where[600], fallback[128];
    snprintf(where, sizeof where, "%.500s:%zu", name, lineno);
    snprintf(fallback, sizeof fallback, "%.100s:%zu", idbase, lineno);
    sr_status st;
    if (!json_is_object(o))
        st = sr_fail(err, SR_ERR_PARSE, "%s: %s, not a JSON object; line skipped", where,
                     type_name(o));
    else
        st = build_doc(where, fallback, "line skipped", o, fixes, out, err);
    json_decref(o);
    return st;
}

sr_status sr_jsonl_next(const char *name, const char *idbase, const char *data,
                        size_t len, size_t *pos, size_t *lineno, sr_doc **out,
                        sr_error *err) {
    *out = NULL;
    while (*pos < len) {
        const char *line = data + *pos;
        const char *nl = memchr(line, '\n', len - *pos);
        size_t n = nl ? (size_t)(nl - line) : len - *pos;
        *pos += n + (nl ? 1 : 0);
        (*lineno)++;
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) k++;
        if (k < n) return sr_jsonl_line(name, idbase, *lineno, line, n, out, err);
    }
    return SR_DONE;
}

/* ---- whole JSON files ---------------------------------------------------- */

struct sr_json_file {
    json_t *root;     /* an array of articles, or one article */
    size_t next;      /* the next element (or 0/1 for one object) */
    size_t fixes;     /* UTF-8 repairs, reported on the first document */
};

int sr_jsonl_first_line_ok(const char *data, size_t len) {
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    const char *nl = memchr(data + i, '\n', len - i);
    if (!nl) return 0;
    json_t *o = json_loadb(data + i, (size_t)(nl - (data + i)), JSON_ALLOW_NUL | JSON_DECODE_ANY,
                           NULL);
    int ok = json_is_object(o);
    json_decref(o);
    return ok;
}

/* Is v an array holding at least one object? */
static int has_object(const json_t *v) {
    for (size_t i = 0; i < json_array_size(v); i++)
        if (json_is_object(json_array_get(v, i))) return 1;
    return 0;
}

sr_status sr_json_file_open(const char *name, const char *data, size_t len,
                            sr_json_file **out, sr_error *err) {
    *out = NULL;
    sr_json_file *f = calloc(1, sizeof *f);
    if (!f) return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    sr_buf fixed = SR_BUF_INIT;
    if (sr_utf8_valid_prefix(data, len) != len || memchr(data, 0, len)) {
        f->fixes = sr_utf8_repair(data, len, &fixed);
        data = fixed.data ? fixed.data : "";
        len = fixed.len;
    }
    json_error_t je;
    int oom = fixed.oom;
    f->root = oom ? NULL : json_loadb(data, len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
    sr_buf_free(&fixed);
    sr_status st = SR_OK;
    if (oom)
        st = sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    else if (!f->root)
        st = sr_fail(err, SR_ERR_PARSE, "%s: invalid JSON (%s, line %d, column %d); skipped",
                     name, je.text, je.line, je.column);
    else if (!json_is_object(f->root) && !has_object(f->root))
        st = sr_fail(err, SR_ERR_PARSE, "%s: %s, not an article or a list of them; skipped",
                     name, type_name(f->root));
    if (st != SR_OK) {
        sr_json_file_free(f);
        return st;
    }
    *out = f;
    return SR_OK;
}

sr_status sr_json_file_next(sr_json_file *f, const char *name, const char *idbase,
                            sr_doc **out, sr_error *err) {
    *out = NULL;
    char where[600], fallback[128];
    json_t *o;
    if (json_is_object(f->root)) {
        if (f->next++) return SR_DONE;
        o = f->root;
        snprintf(where, sizeof where, "%.500s", name);
        snprintf(fallback, sizeof fallback, "%.100s", idbase);
    } else {
        if (f->next >= json_array_size(f->root)) return SR_DONE;
        o = json_array_get(f->root, f->next++);
        snprintf(where, sizeof where, "%.500s[%zu]", name, f->next);
        snprintf(fallback, sizeof fallback, "%.100s:%zu", idbase, f->next);
        if (!json_is_object(o))
            return sr_fail(err, SR_ERR_PARSE, "%s: %s, not a JSON object; skipped", where,
                           type_name(o));
    }
    sr_status st = build_doc(where, fallback, "skipped", o, f->fixes, out, err);
    if (st == SR_OK) f->fixes = 0;
    return st;
}

void sr_json_file_free(sr_json_file *f) {
    if (!f) return;
    json_decref(f->root);
    free(f);
}
