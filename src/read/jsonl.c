/*
 * jsonl.c -- the JSONL reader: one article per line.
 *
 * Known fields: id, title, url, published (also "date"), lang, text (also
 * "body", "content").  Every other field is kept and written back under
 * doc.extra.  A line that is not valid JSON, not an object, nested too
 * deeply or without text is one error naming the file and line; the next
 * line is read as usual.  Parsing is jansson's, which limits nesting depth
 * itself (so a line of a million '[' is a clean error, not a stack overflow).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../core/doc.h"
#include "../core/error.h"
#include "formats.h"

static const char *str_field(json_t *o, const char *a, const char *b, const char *c) {
    const char *keys[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        if (!keys[i]) continue;
        json_t *v = json_object_get(o, keys[i]);
        if (json_is_string(v)) return json_string_value(v);
    }
    return NULL;
}

static int is_known(const char *k) {
    static const char *const known[] = {"id", "title", "url", "published", "date",
                                        "lang", "text", "body", "content", NULL};
    for (const char *const *p = known; *p; p++)
        if (strcmp(*p, k) == 0) return 1;
    return 0;
}

static sr_status build_doc(const char *name, size_t lineno, json_t *o,
                           sr_doc **out, sr_error *err) {
    const char *text = str_field(o, "text", "body", "content");
    if (!text)
        return sr_fail(err, SR_ERR_PARSE, "%s:%zu: no \"text\" string; line skipped",
                       name, lineno);
    char idbuf[64];
    const char *id = str_field(o, "id", NULL, NULL);
    json_t *idv = json_object_get(o, "id");
    if (!id && json_is_integer(idv)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(idv));
        id = idbuf;
    }
    if (!id) {
        const char *base = strrchr(name, '/');
        snprintf(idbuf, sizeof idbuf, "%.40s:%zu", base ? base + 1 : name, lineno);
        id = idbuf;
    }
    sr_doc *d;
    if (sr_doc_new(id, &d) != SR_OK)
        return sr_fail(err, SR_ERR_NOMEM, "%s:%zu: out of memory", name, lineno);
    json_t *tv = json_object_get(o, "text");
    if (!json_is_string(tv)) tv = json_object_get(o, "body");
    if (!json_is_string(tv)) tv = json_object_get(o, "content");
    sr_status st = sr_doc_set_text(d, text, json_string_length(tv));
    if (st != SR_OK) {
        sr_doc_free(d);
        return sr_fail(err, st, "%s:%zu: document %s: %s", name, lineno, id, sr_strerror(st));
    }
    sr_doc_set_field(d, SR_FIELD_TITLE, str_field(o, "title", NULL, NULL));
    sr_doc_set_field(d, SR_FIELD_URL, str_field(o, "url", NULL, NULL));
    sr_doc_set_field(d, SR_FIELD_PUBLISHED, str_field(o, "published", "date", NULL));
    sr_doc_set_field(d, SR_FIELD_LANG, str_field(o, "lang", NULL, NULL));
    json_t *extra = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        if (!is_known(k)) json_object_set(extra, k, v);
    }
    if (extra && json_object_size(extra) > 0) {
        char *s = json_dumps(extra, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (s) { sr_doc_set_extra_json(d, s, strlen(s)); free(s); }
    }
    json_decref(extra);
    *out = d;
    return SR_OK;
}

sr_status sr_jsonl_next(const char *name, const char *data, size_t len,
                        size_t *pos, size_t *lineno, sr_doc **out, sr_error *err) {
    *out = NULL;
    for (;;) {
        if (*pos >= len) return SR_DONE;
        const char *line = data + *pos;
        const char *nl = memchr(line, '\n', len - *pos);
        size_t n = nl ? (size_t)(nl - line) : len - *pos;
        *pos += n + (nl ? 1 : 0);
        (*lineno)++;
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) k++;
        if (k == n) continue;  /* blank line */
        if (*lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; n -= 3;
        }
        json_error_t je;
        json_t *o = json_loadb(line, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        if (!o)
            return sr_fail(err, SR_ERR_PARSE, "%s:%zu: invalid JSON (%s, column %d); line skipped",
                           name, *lineno, je.text, je.column);
        if (!json_is_object(o)) {
            json_decref(o);
            return sr_fail(err, SR_ERR_PARSE, "%s:%zu: not a JSON object; line skipped",
                           name, *lineno);
        }
        sr_status st = build_doc(name, *lineno, o, out, err);
        json_decref(o);
        return st;
    }
}
