/*
 * test_roles.c -- the role stage: labels to spans, loading the models into
 * the engine (present, missing, corrupt) and spans through sr_extract(),
 * with a model trained here on a few hand-written sentences.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "../../src/core/doc.h"
#include "../../src/extract/engine.h"
#include "../../src/extract/roles.h"
#include "../../src/nlp/tagger.h"

TEST(roles_spans_from_labels) {
    sr_arena a;
    sr_arena_init(&a);
    const char *text = "armed men shot mayor juan diaz with a rifle";
    sr_tokens t;
    CHECK(sr_tokenize(&a, text, strlen(text), &t) == 0);
    CHECK_INT(t.n, 9);
    /* B I O B I I O O I: an I after O opens a span too */
    uint8_t lab[9] = {1, 2, 0, 7, 8, 8, 0, 0, 10};
    float mg[9] = {4, 2, 0, 1, 1, 1, 0, 0, -3};
    sr_role_spans rs;
    CHECK(sr_role_spans_from_labels(&a, &t, lab, mg, -100.0f, &rs) == 0);
    CHECK_INT(rs.n, 3);
    CHECK_INT(rs.v[0].role, SR_ROLE_PERP_IND);
    CHECK_SPAN(text, rs.v[0].start, rs.v[0].end, "armed men");
    CHECK(rs.v[0].score == 3.0f);
    CHECK_INT(rs.v[1].role, SR_ROLE_VICTIM);
    CHECK_SPAN(text, rs.v[1].start, rs.v[1].end, "mayor juan diaz");
    CHECK_INT(rs.v[1].tok_first, 3);
    CHECK_INT(rs.v[1].tok_end, 6);
    CHECK_INT(rs.v[2].role, SR_ROLE_WEAPON);
    CHECK_SPAN(text, rs.v[2].start, rs.v[2].end, "rifle");
    /* B B is two spans; a threshold drops the weak one */
    uint8_t lab2[9] = {1, 1, 0, 0, 0, 0, 0, 0, 9};
    CHECK(sr_role_spans_from_labels(&a, &t, lab2, mg, 0.0f, &rs) == 0);
    CHECK_INT(rs.n, 2);
    CHECK_SPAN(text, rs.v[0].start, rs.v[0].end, "armed");
    CHECK_SPAN(text, rs.v[1].start, rs.v[1].end, "men");
    sr_arena_free(&a);
}

/* A data directory with the repository's lexicons and tables (symlinks)
 * and an empty models/. */
static int make_data_dir(char *dir) {
    if (!mkdtemp(dir)) return -1;
    static const char *const items[] = {"lexicons", "taxonomy.tsv", "times", "places"};
    char src[1024], dst[1024];
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        snprintf(src, sizeof src, "%s/data/%s", sr_test_root(), items[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, items[i]);
        if (access(src, F_OK) == 0 && symlink(src, dst) != 0) return -1;
    }
    snprintf(dst, sizeof dst, "%s/models", dir);
    return mkdir(dst, 0700);
}

static void remove_data_dir(const char *dir) {
    static const char *const items[] = {"lexicons",          "taxonomy.tsv",  "times", "places",
                                        "models/roles.model", "models/relevance.model", "models"};
    char p[1024];
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, items[i]);
        remove(p);
    }
    remove(dir);
}

/* Training sentences: text, then (phrase, role) pairs. */
typedef struct ex {
    const char *text;
    const char *phrase[3];
    int role[3];
} ex;

static const ex EXAMPLES[] = {
    {"gunmen attacked the hotel in the capital.", {"gunmen", "hotel"},
     {SR_ROLE_PERP_IND, SR_ROLE_TARGET}},
    {"a car bomb exploded near the embassy.", {"car bomb", "embassy"},
     {SR_ROLE_WEAPON, SR_ROLE_TARGET}},
    {"the shining path killed the mayor of the town.", {"shining path", "mayor"},
     {SR_ROLE_PERP_ORG, SR_ROLE_VICTIM}},
    {"the weather was fine and the market was open.", {NULL}, {0}},
};
#define NEX (sizeof EXAMPLES / sizeof *EXAMPLES)

static sr_doc *analysed(const sr_engine *e, const char *text) {
    sr_doc *d;
    if (sr_doc_new("t", &d) != SR_OK) return NULL;
    if (sr_doc_set_text(d, text, strlen(text)) != SR_OK || sr_roles_analyse(e, d)) {
        sr_doc_free(d);
        return NULL;
    }
    return d;
}

static void gold_of(const sr_doc *d, const ex *x, uint8_t *lab) {
    memset(lab, 0, d->toks.n);
    for (int k = 0; k < 3 && x->phrase[k]; k++) {
        const char *p = strstr(d->text, x->phrase[k]);
        uint32_t s = (uint32_t)(p - d->text), e = s + (uint32_t)strlen(x->phrase[k]);
        int first = 1;
        for (size_t i = 0; i < d->toks.n; i++)
            if (d->toks.v[i].start >= s && d->toks.v[i].end <= e) {
                lab[i] = (uint8_t)(first ? 1 + 2 * x->role[k] : 2 + 2 * x->role[k]);
                first = 0;
            }
    }
}

/* Train a model on EXAMPLES with the engine's features; write it. */
static int train_examples(const sr_engine *e, const char *path) {
    sr_trainer *t;
    if (sr_trainer_new(SR_ROLE_NLABELS, sr_role_labels, 12, &t) != SR_OK) return -1;
    int rc = 0;
    for (int ep = 0; ep < 10 && !rc; ep++)
        for (size_t i = 0; i < NEX && !rc; i++) {
            sr_doc *d = analysed(e, EXAMPLES[i].text);
            sr_feats f;
            uint8_t lab[64];
            if (!d || d->toks.n > sizeof lab || sr_role_features(e, d, &f)) rc = -1;
            else {
                gold_of(d, &EXAMPLES[i], lab);
                sr_trainer_learn(t, &f, lab);
            }
            sr_doc_free(d);
        }
    void *img;
    size_t len;
    float params[SR_MODEL_NPARAMS] = {-1e30f};
    if (!rc && sr_trainer_image(t, params, SR_MODEL_NPARAMS, &img, &len) == SR_OK) {
        rc = sr_model_write(path, img, len, NULL) == SR_OK ? 0 : -1;
        free(img);
    } else {
        rc = -1;
    }
    sr_trainer_free(t);
    return rc;
}

static const sr_role_span *find_span(const sr_doc *d, const char *text, sr_role role) {
    const sr_role_spans *rs = sr_doc_roles(d);
    for (size_t i = 0; rs && i < rs->n; i++)
        if (rs->v[i].role == role && rs->v[i].end - rs->v[i].start == strlen(text) &&
            memcmp(d->text + rs->v[i].start, text, strlen(text)) == 0)
            return &rs->v[i];
    return NULL;
}

TEST(roles_engine_model) {
    char dir[] = "/tmp/sr_roles_XXXXXX";
    CHECK(make_data_dir(dir) == 0);
    sr_engine *e;
    sr_error err = {0};
    /* no model: the engine opens, notes it, the stage does nothing */
    if (sr_engine_open(dir, &e, &err) != SR_OK) {
        remove_data_dir(dir);
        sr_test_fail(__FILE__, __LINE__, "engine: %s", err.message);
        return;
    }
    CHECK(strstr(sr_engine_notes(e), "roles.model") != NULL);
    CHECK(e->roles == NULL);
    char path[1200];
    snprintf(path, sizeof path, "%s/models/roles.model", dir);
    int trained = train_examples(e, path);
    sr_doc *d = analysed(e, EXAMPLES[0].text);
    CHECK(d);
    CHECK(sr_find_roles(e, d) == 0);
    CHECK(sr_doc_roles(d) == NULL);
    sr_doc_free(d);
    sr_engine_close(e);
    CHECK(trained == 0);

    /* with the model: spans through sr_extract, on lower and mixed case */
    CHECK_INT(sr_engine_open(dir, &e, &err), SR_OK);
    CHECK(e->roles != NULL);
    const char *texts[] = {"gunmen attacked the hotel in the capital.",
                           "Gunmen attacked the Hotel in the capital."};
    for (int k = 0; k < 2; k++) {
        CHECK_INT(sr_doc_new("x", &d), SR_OK);
        CHECK_INT(sr_doc_set_text(d, texts[k], strlen(texts[k])), SR_OK);
        CHECK_INT(sr_extract(e, d, NULL, &err), SR_OK);
        const sr_role_spans *rs = sr_doc_roles(d);
        CHECK(rs != NULL);
        CHECK(find_span(d, k ? "Gunmen" : "gunmen", SR_ROLE_PERP_IND) != NULL);
        CHECK(find_span(d, k ? "Hotel" : "hotel", SR_ROLE_TARGET) != NULL);
        for (size_t i = 0; i < rs->n; i++) {
            CHECK(rs->v[i].start < rs->v[i].end && rs->v[i].end <= d->len);
            CHECK_INT(rs->v[i].start, d->toks.v[rs->v[i].tok_first].start);
            CHECK_INT(rs->v[i].end, d->toks.v[rs->v[i].tok_end - 1].end);
        }
        /* printed under mentions.roles */
        char *json;
        size_t len;
        CHECK_INT(sr_doc_to_json(d, SR_JSON_MENTIONS, &json, &len), SR_OK);
        CHECK(strstr(json, "\"roles\":[{\"role\":\"PerpInd\"") != NULL);
        free(json);
        sr_doc_free(d);
    }
    /* the sentence with no roles gets none */
    d = analysed(e, EXAMPLES[3].text);
    CHECK(d && sr_find_roles(e, d) == 0);
    CHECK_INT(sr_doc_roles(d)->n, 0);
    sr_doc_free(d);
    sr_engine_close(e);

    /* a corrupt model stops the engine with a message naming the file */
    FILE *f = fopen(path, "r+b");
    CHECK(f);
    fseek(f, 200, SEEK_SET);
    fputc(0x55, f);
    fclose(f);
    CHECK_INT(sr_engine_open(dir, &e, &err), SR_ERR_DATA);
    CHECK(strstr(err.message, "roles.model") != NULL);
    /* so does a model with other labels */
    sr_trainer *t;
    static const char *const two[2] = {"O", "B-X"};
    CHECK_INT(sr_trainer_new(2, two, 8, &t), SR_OK);
    void *img;
    size_t ilen;
    CHECK_INT(sr_trainer_image(t, NULL, 0, &img, &ilen), SR_OK);
    CHECK_INT(sr_model_write(path, img, ilen, NULL), SR_OK);
    free(img);
    sr_trainer_free(t);
    CHECK_INT(sr_engine_open(dir, &e, &err), SR_ERR_DATA);
    CHECK(strstr(err.message, "labels") != NULL);
    remove_data_dir(dir);
}
