/*
 * roles.c -- the role stage (see roles.h): features, Viterbi decoding with
 * the engine's role model, B/I labels to spans, the "roles" section.
 */
#include "roles.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/json.h"
#include "../nlp/tagger.h"
#include "engine.h"
#include "mentions.h"

const char *const sr_role_names[SR_ROLE_N] = {"PerpInd", "PerpOrg", "Target", "Victim",
                                               "Weapon"};

const char *const sr_role_labels[SR_ROLE_NLABELS] = {
    "O",         "B-PerpInd", "I-PerpInd", "B-PerpOrg", "I-PerpOrg", "B-Target",
    "I-Target",  "B-Victim",  "I-Victim",  "B-Weapon",  "I-Weapon"};

static const char SECTION[] = "roles";

static const char *const RELEVANCE_LABELS[2] = {"no", "yes"};

/* Load data_dir/models/<name> when present, check its labels. */
static sr_status load_one(sr_engine *e, const char *name, const char *const *labels,
                          uint32_t nlabels, sr_model **out, sr_error *err) {
    *out = NULL;
    size_t n = strlen(e->data_dir), k = strlen(name);
    char *path = malloc(n + k + sizeof "/models/");
    if (!path) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    memcpy(path, e->data_dir, n);
    memcpy(path + n, "/models/", 8);
    memcpy(path + n + 8, name, k + 1);
    sr_model *m = NULL;
    sr_error e2 = {0};
    sr_status st = sr_model_load(path, &m, &e2);
    if (st == SR_ERR_NOTFOUND) {
        sr_buf_printf(&e->notes, "roles: no %s\n", path);
        free(path);
        return SR_OK;
    }
    if (st != SR_OK) {
        free(path);
        return sr_fail(err, st, "%s", e2.message);
    }
    int ok = sr_model_nlabels(m) == nlabels;
    for (uint32_t i = 0; ok && i < nlabels; i++) ok = strcmp(sr_model_label(m, i), labels[i]) == 0;
    if (!ok) {
        sr_model_free(m);
        st = sr_fail(err, SR_ERR_DATA, "%s: not the expected model (other labels)", path);
        free(path);
        return st;
    }
    sr_buf_printf(&e->notes, "roles: model %s (2^%u buckets)\n", path, sr_model_bits(m));
    *out = m;
    free(path);
    return SR_OK;
}

sr_status sr_roles_load(sr_engine *e, sr_error *err) {
    sr_status st = load_one(e, "roles.model", sr_role_labels, SR_ROLE_NLABELS, &e->roles, err);
    if (st == SR_OK) st = load_one(e, "relevance.model", RELEVANCE_LABELS, 2, &e->relevance, err);
    return st;
}

int sr_doc_relevance(const sr_engine *engine, sr_doc *doc, float *score) {
    *score = 0;
    if (!engine->relevance) return 0;
    sr_feat_input in = {&doc->toks, &doc->sents, &doc->lex, engine->lex};
    sr_feats f;
    float emit[2];
    if (sr_doc_features(&doc->arena, &in, &f)) return -1;
    sr_model_emissions(engine->relevance, &f, emit);
    *score = emit[1] - emit[0];
    return 0;
}

int sr_roles_analyse(const sr_engine *engine, sr_doc *doc) {
    sr_arena *a = &doc->arena;
    if (sr_tokenize(a, doc->text, doc->len, &doc->toks) ||
        sr_split_sentences(a, doc->text, doc->len, &doc->toks, &doc->sents) ||
        sr_find_numbers(a, doc->text, &doc->toks, &doc->nums) ||
        sr_matcher_scan(engine->lex, a, &doc->toks, &doc->lex))
        return -1;
    return 0;
}

int sr_role_features(const sr_engine *engine, sr_doc *doc, sr_feats *out) {
    sr_feat_input in = {&doc->toks, &doc->sents, &doc->lex, engine->lex};
    return sr_features(&doc->arena, &in, out);
}

int sr_role_spans_from_labels(sr_arena *a, const sr_tokens *toks, const uint8_t *labels,
                              const float *margin, float min_score, sr_role_spans *out) {
    out->v = NULL;
    out->n = 0;
    size_t cap = 0;
    size_t i = 0, n = toks->n;
    while (i < n) {
        uint8_t y = labels[i];
        if (y == 0 || y >= SR_ROLE_NLABELS) { i++; continue; }
        unsigned role = (y - 1) / 2;
        size_t j = i + 1;
        while (j < n && labels[j] == 2 + 2 * role) j++;
        float sum = 0;
        for (size_t k = i; k < j; k++) sum += margin ? margin[k] : 0.0f;
        float score = sum / (float)(j - i);
        if (score >= min_score) {
            if (out->n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                sr_role_span *v = sr_arena_realloc(a, out->v, cap * sizeof *v, nc * sizeof *v);
                if (!v) return -1;
                out->v = v;
                cap = nc;
            }
            sr_role_span *s = &out->v[out->n++];
            s->role = (sr_role)role;
            s->tok_first = (uint32_t)i;
            s->tok_end = (uint32_t)j;
            s->start = toks->v[i].start;
            s->end = toks->v[j - 1].end;
            s->sent = toks->v[i].sent;
            s->score = score;
        }
        i = j;
    }
    return 0;
}

static void write_roles(sr_json *j, const sr_doc *doc, const void *data) {
    const sr_role_spans *rs = data;
    sr_json_arr_begin(j);
    for (size_t i = 0; i < rs->n; i++) {
        const sr_role_span *s = &rs->v[i];
        sr_json_obj_begin(j);
        sr_json_key(j, "role");
        sr_json_str(j, sr_role_names[s->role]);
        sr_json_text_span(j, doc, s->start, s->end);
        sr_json_key(j, "score");
        sr_json_double(j, s->score, 2);
        sr_json_obj_end(j);
    }
    sr_json_arr_end(j);
}

void sr_role_bias(const float *params, float *bias) {
    bias[0] = -params[SR_ROLE_PARAM_O_BIAS];
    for (int r = 0; r < SR_ROLE_N; r++)
        bias[1 + 2 * r] = bias[2 + 2 * r] = params[SR_ROLE_PARAM_ROLE_BIAS + r];
}

int sr_role_decode(const sr_engine *engine, const sr_model *m, const float *bias, sr_doc *doc,
                   uint8_t *labels, float *margin) {
    size_t n = doc->toks.n;
    if (n == 0) return 0;
    sr_feat_ctx c;
    sr_feat_input in = {&doc->toks, &doc->sents, &doc->lex, engine->lex};
    if (sr_feat_prepare(&doc->arena, &in, &c)) return -1;
    size_t cap = n < SR_ROLE_CHUNK ? n : SR_ROLE_CHUNK;
    uint64_t *h = malloc(cap * SR_FEAT_MAX * sizeof *h);
    uint32_t *off = malloc((cap + 1) * sizeof *off);
    void *work = malloc(sr_model_work_size(m, cap));
    int rc = h && off && work ? 0 : -1;
    size_t first = 0;
    for (size_t i = 1; i <= n && !rc; i++) {
        if (i < n && doc->toks.v[i].sent == doc->toks.v[i - 1].sent && i - first < cap) continue;
        sr_feat_range(&c, first, i, h, off);
        sr_feats f = {h, off, i - first};
        sr_model_decode(m, &f, bias, work, labels + first, margin + first);
        first = i;
    }
    free(h);
    free(off);
    free(work);
    return rc;
}

int sr_find_roles(const sr_engine *engine, sr_doc *doc) {
    const sr_model *m = engine->roles;
    if (!m) return 0;
    sr_arena *a = &doc->arena;
    sr_role_spans *rs = sr_arena_calloc(a, 1, sizeof *rs);
    if (!rs || sr_doc_relevance(engine, doc, &rs->relevance)) return -1;
    rs->relevant = !engine->relevance ||
                   rs->relevance >= sr_model_param(engine->relevance, SR_RELEVANCE_PARAM_MIN);
    size_t n = doc->toks.n;
    if (n) {
        uint8_t *labels = sr_arena_alloc(a, n);
        float *margin = sr_arena_alloc(a, n * sizeof *margin);
        if (!labels || !margin) return -1;
        float params[SR_MODEL_NPARAMS], bias[SR_ROLE_NLABELS];
        for (unsigned k = 0; k < SR_MODEL_NPARAMS; k++) params[k] = sr_model_param(m, k);
        sr_role_bias(params, bias);
        if (sr_role_decode(engine, m, bias, doc, labels, margin)) return -1;
        float rel = rs->relevance;
        int relevant = rs->relevant;
        if (sr_role_spans_from_labels(a, &doc->toks, labels, margin,
                                      sr_model_param(m, SR_ROLE_PARAM_MIN_SCORE), rs))
            return -1;
        rs->relevance = rel;
        rs->relevant = relevant;
    }
    return sr_doc_add_section(doc, SECTION, write_roles, rs);
}

const sr_role_spans *sr_doc_roles(const sr_doc *doc) {
    for (size_t i = 0; i < doc->nsections; i++)
        if (doc->sections[i].write == write_roles) return doc->sections[i].data;
    return NULL;
}
