/*
 * muc4.c -- one MUC-4 JSONL document (see muc4.h), parsed with jansson.
 *
 * Character offsets become byte offsets by walking the text once and
 * recording the byte position of every code point, so a document with
 * accents is handled the same as the all-ASCII MUC-4 text.
 */
#include "muc4.h"

#include <jansson.h>
#include <string.h>

#include "../core/error.h"

const char *const sr_muc4_role_keys[SR_MUC4_NROLES] = {"PerpInd", "PerpOrg", "Target",
                                                        "Victim", "Weapon"};

/* byte offset of every code point, plus one for the end; NULL when OOM */
static uint32_t *char_offsets(sr_arena *a, const char *s, size_t n, size_t *nchars) {
    uint32_t *v = sr_arena_alloc(a, (n + 1) * sizeof *v);
    if (!v) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) v[k++] = (uint32_t)i;
    v[k] = (uint32_t)n;
    *nchars = k;
    return v;
}

static sr_status parse_entity(sr_muc4_doc *d, json_t *ent, const uint32_t *offs,
                              size_t nchars, sr_muc4_entity *out, sr_error *err) {
    if (!json_is_array(ent))
        return sr_fail(err, SR_ERR_PARSE, "%s: an entity is not a list of mentions", d->id);
    size_t n = json_array_size(ent);
    out->n = 0;
    out->m = n ? sr_arena_calloc(&d->arena, n, sizeof *out->m) : NULL;
    if (n && !out->m) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        json_t *mj = json_array_get(ent, i);
        json_t *tj = json_array_get(mj, 0), *oj = json_array_get(mj, 1);
        if (!json_is_array(mj) || !json_is_string(tj))
            return sr_fail(err, SR_ERR_PARSE, "%s: a mention is not [text, offset]", d->id);
        sr_muc4_mention *m = &out->m[out->n++];
        size_t tl = json_string_length(tj);
        m->text = sr_arena_strndup(&d->arena, json_string_value(tj), tl);
        if (!m->text) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
        m->start = m->end = SR_MUC4_NOSPAN;
        if (json_is_integer(oj)) {
            json_int_t c = json_integer_value(oj);
            if (c >= 0 && (size_t)c < nchars) {
                uint32_t b = offs[c];
                if (b + tl <= d->len && memcmp(d->text + b, m->text, tl) == 0) {
                    m->start = b;
                    m->end = b + (uint32_t)tl;
                }
            }
        }
    }
    return SR_OK;
}

static sr_status parse_template(sr_muc4_doc *d, json_t *tj, const uint32_t *offs,
                                size_t nchars, sr_muc4_template *t, sr_error *err) {
    if (!json_is_object(tj)) return sr_fail(err, SR_ERR_PARSE, "%s: a template is not an object", d->id);
    json_t *ty = json_object_get(tj, "incident_type");
    t->type = sr_arena_strdup(&d->arena, json_is_string(ty) ? json_string_value(ty) : "");
    if (!t->type) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    for (int r = 0; r < SR_MUC4_NROLES; r++) {
        json_t *list = json_object_get(tj, sr_muc4_role_keys[r]);
        t->nent[r] = 0;
        t->ent[r] = NULL;
        if (!list) continue;
        if (!json_is_array(list))
            return sr_fail(err, SR_ERR_PARSE, "%s: %s is not a list", d->id, sr_muc4_role_keys[r]);
        size_t n = json_array_size(list);
        if (!n) continue;
        t->ent[r] = sr_arena_calloc(&d->arena, n, sizeof *t->ent[r]);
        if (!t->ent[r]) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < n; i++) {
            sr_status s = parse_entity(d, json_array_get(list, i), offs, nchars,
                                       &t->ent[r][t->nent[r]], err);
            if (s != SR_OK) return s;
            t->nent[r]++;
        }
    }
    return SR_OK;
}

static sr_status parse_obj(json_t *o, sr_muc4_doc *d, sr_error *err) {
    json_t *id = json_object_get(o, "docid"), *text = json_object_get(o, "doctext");
    json_t *tl = json_object_get(o, "templates");
    if (!json_is_string(text))
        return sr_fail(err, SR_ERR_PARSE, "a MUC-4 document needs a \"doctext\" string");
    d->id = sr_arena_strdup(&d->arena, json_is_string(id) ? json_string_value(id) : "(no id)");
    d->len = json_string_length(text);
    d->text = sr_arena_strndup(&d->arena, json_string_value(text), d->len);
    if (!d->id || !d->text) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    if (tl && !json_is_array(tl))
        return sr_fail(err, SR_ERR_PARSE, "%s: \"templates\" is not a list", d->id);
    size_t nchars;
    uint32_t *offs = char_offsets(&d->arena, d->text, d->len, &nchars);
    if (!offs) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    size_t n = tl ? json_array_size(tl) : 0;
    d->t = n ? sr_arena_calloc(&d->arena, n, sizeof *d->t) : NULL;
    if (n && !d->t) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        sr_status s = parse_template(d, json_array_get(tl, i), offs, nchars, &d->t[i], err);
        if (s != SR_OK) return s;
        d->nt++;
    }
    return SR_OK;
}

sr_status sr_muc4_parse(const char *line, size_t len, sr_muc4_doc *out, sr_error *err) {
    memset(out, 0, sizeof *out);
    sr_arena_init(&out->arena);
    json_error_t je;
    json_t *o = json_loadb(line, len, 0, &je);
    if (!o) return sr_fail(err, SR_ERR_PARSE, "bad JSON: %s (column %d)", je.text, je.column);
    sr_status s = json_is_object(o) ? parse_obj(o, out, err)
                                    : sr_fail(err, SR_ERR_PARSE, "a line is not a JSON object");
    json_decref(o);
    if (s != SR_OK) sr_muc4_doc_free(out);
    return s;
}

void sr_muc4_doc_free(sr_muc4_doc *d) {
    sr_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}
