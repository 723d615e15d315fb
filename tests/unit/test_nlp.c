/*
 * test_nlp.c -- the learned component's parts: CEAF-REE scoring, the
 * MUC-4 reader, the features and the tagger with its model file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "../../src/core/buf.h"
#include "../../src/nlp/ceaf.h"
#include "../../src/nlp/features.h"
#include "../../src/nlp/muc4.h"
#include "../../src/nlp/tagger.h"

/* ---- CEAF-REE ----------------------------------------------------------- */

static const char *norm(sr_buf *b, const char *s) {
    sr_ree_normalize(s, strlen(s), b);
    return b->data;
}

TEST(ree_normalize) {
    sr_buf b = {0};
    CHECK_STR(norm(&b, "The M-16 rifle."), "m16 rifle");
    CHECK_STR(norm(&b, "  an  Apple,\ta pear "), "apple pear");
    CHECK_STR(norm(&b, "theater of the absurd"), "theater of absurd");
    CHECK_STR(norm(&b, "\"santo tomas\" presidential farm"), "santo tomas presidential farm");
    CHECK_STR(norm(&b, "the"), "");
    CHECK_STR(norm(&b, "ÉGLISE San José"), "église san josé");
    CHECK_STR(norm(&b, "a-an the's"), "aan thes");
    sr_buf_free(&b);
}

TEST(ree_match_is_maximum) {
    /* greedy would give "a" to E1 and leave "b" unmatched; the maximum
     * matching pairs a-E2 and b-E1 */
    const char *e1[] = {"a", "b"}, *e2[] = {"a"};
    sr_ree_entity gold[] = {{e1, 2}, {e2, 1}};
    const char *pred[] = {"a", "b"};
    CHECK_INT(sr_ree_match(pred, 2, gold, 2), 2);
    /* one gold entity matches at most one prediction */
    const char *pred2[] = {"a", "b"};
    CHECK_INT(sr_ree_match(pred2, 2, gold, 1), 1);
    const char *pred3[] = {"c"};
    CHECK_INT(sr_ree_match(pred3, 1, gold, 2), 0);
    CHECK_INT(sr_ree_match(pred3, 0, gold, 2), 0);
}

static const char DOC[] =
    "{\"docid\": \"T-1\", \"doctext\": \"caf\\u00e9 attacked by the fmln guerrillas with "
    "dynamite. the farabundo marti national liberation front (fmln) denied it.\", "
    "\"templates\": ["
    "{\"incident_type\": \"bombing\", \"PerpInd\": [[[\"fmln guerrillas\", 21]]], "
    "\"PerpOrg\": [[[\"fmln\", 21], [\"farabundo marti national liberation front\", 56]]], "
    "\"Target\": [[[\"caf\\u00e9\", 0]]], \"Victim\": [], \"Weapon\": [[[\"dynamite\", 42]]]},"
    "{\"incident_type\": \"attack\", \"PerpInd\": [], "
    "\"PerpOrg\": [[[\"fmln\", 999]]], \"Target\": [], \"Victim\": [], \"Weapon\": []}]}";

TEST(muc4_parse_offsets) {
    sr_muc4_doc d;
    sr_error err = {0};
    CHECK_INT(sr_muc4_parse(DOC, strlen(DOC), &d, &err), SR_OK);
    CHECK_STR(d.id, "T-1");
    CHECK_INT(d.nt, 2);
    CHECK_STR(d.t[0].type, "bombing");
    /* "café" is 5 bytes: char offset 21 is byte 22 */
    const sr_muc4_mention *m = &d.t[0].ent[0][0].m[0];
    CHECK_STR(m->text, "fmln guerrillas");
    CHECK_INT(m->start, 22);
    CHECK_SPAN(d.text, m->start, m->end, "fmln guerrillas");
    CHECK_SPAN(d.text, d.t[0].ent[2][0].m[0].start, d.t[0].ent[2][0].m[0].end, "café");
    /* an offset past the text keeps the mention without a span */
    CHECK_INT(d.t[1].ent[1][0].m[0].start, SR_MUC4_NOSPAN);
    sr_muc4_doc_free(&d);
}

TEST(muc4_parse_rejects) {
    sr_muc4_doc d;
    sr_error err = {0};
    CHECK_INT(sr_muc4_parse("{", 1, &d, &err), SR_ERR_PARSE);
    const char *a = "{\"docid\": \"x\"}";
    CHECK_INT(sr_muc4_parse(a, strlen(a), &d, &err), SR_ERR_PARSE);
    const char *b = "{\"doctext\": \"x\", \"templates\": [{\"PerpInd\": [[\"oops\"]]}]}";
    CHECK_INT(sr_muc4_parse(b, strlen(b), &d, &err), SR_ERR_PARSE);
    const char *c = "{\"doctext\": \"x\", \"templates\": [{\"PerpInd\": 3}]}";
    CHECK_INT(sr_muc4_parse(c, strlen(c), &d, &err), SR_ERR_PARSE);
}

TEST(ree_score_document) {
    sr_muc4_doc d;
    sr_error err = {0};
    CHECK_INT(sr_muc4_parse(DOC, strlen(DOC), &d, &err), SR_OK);
    /* PerpOrg: two predicted texts of the one gold entity (the entity of
     * template 2 shares "fmln" with it and is merged): 1 match, 2 preds */
    const char *perp_ind[] = {"FMLN guerrillas", "the fmln guerrillas", "gunmen"};
    const char *perp_org[] = {"fmln", "Farabundo Marti National Liberation Front"};
    const char *target[] = {"Café"};
    const char *const *pred[SR_MUC4_NROLES] = {perp_ind, perp_org, target, NULL, NULL};
    size_t npred[SR_MUC4_NROLES] = {3, 2, 1, 0, 0};
    sr_ree_counts c = {0};
    CHECK_INT(sr_ree_score_doc(&d, pred, npred, &c), 0);
    CHECK_INT(c.pred[0], 2);   /* "fmln guerrillas" once, "gunmen" */
    CHECK_INT(c.gold[0], 1);
    CHECK_INT(c.match[0], 1);
    CHECK_INT(c.pred[1], 2);
    CHECK_INT(c.gold[1], 1);
    CHECK_INT(c.match[1], 1);
    CHECK_INT(c.match[2], 1);
    CHECK_INT(c.gold[4], 1);
    CHECK_INT(c.match[4], 0);
    double p, r, f;
    sr_ree_prf(&c, -1, &p, &r, &f);
    CHECK(p > 59.9 && p < 60.1);   /* 3 of 5 */
    CHECK(r > 74.9 && r < 75.1);   /* 3 of 4 */
    sr_ree_prf(&c, 3, &p, &r, &f); /* no Victim at all: zeros, not NaN */
    CHECK(p == 0 && r == 0 && f == 0);
    sr_muc4_doc_free(&d);
}

/* ---- features ----------------------------------------------------------- */

static int feats_of(sr_arena *a, const char *text, sr_tokens *t, sr_feats *f) {
    if (sr_tokenize(a, text, strlen(text), t)) return -1;
    sr_sentences s = {0};
    sr_feat_input in = {t, &s, NULL, NULL};
    return sr_features(a, &in, f);
}

TEST(features_ignore_case) {
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t1, t2;
    sr_feats f1, f2;
    CHECK(feats_of(&a, "Gunmen from the FMLN attacked", &t1, &f1) == 0);
    CHECK(feats_of(&a, "gunmen from the fmln attacked", &t2, &f2) == 0);
    CHECK_INT(f1.n, 5);
    CHECK_INT(f1.off[f1.n], f2.off[f2.n]);
    CHECK(memcmp(f1.h, f2.h, f1.off[f1.n] * sizeof *f1.h) == 0);
    /* different words, different features */
    sr_tokens t3;
    sr_feats f3;
    CHECK(feats_of(&a, "soldiers from the army attacked", &t3, &f3) == 0);
    CHECK(f1.h[f1.off[0]] == f3.h[f3.off[0]]);          /* the bias */
    CHECK(f1.h[f1.off[0] + 1] != f3.h[f3.off[0] + 1]);  /* the word */
    sr_arena_free(&a);
}

/* ---- the tagger ---------------------------------------------------------- */

/* A synthetic language: words 5 and 7 begin an entity (B), a 6 right
 * after them continues it (I), a 6 elsewhere and every other word is O.  Each token has its
 * word and a constant feature. */
static void synth(unsigned seed, uint64_t *h, uint32_t *off, uint8_t *gold, int *w, size_t n) {
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        w[i] = (int)((seed >> 16) % 9);
    }
    for (size_t i = 0; i < n; i++) {
        h[2 * i] = sr_fnv64(SR_FNV_SEED, &w[i], sizeof w[i]);
        h[2 * i + 1] = 42;
        off[i] = (uint32_t)(2 * i);
        int after_b = i && (w[i - 1] == 5 || w[i - 1] == 7);
        gold[i] = (w[i] == 5 || w[i] == 7) ? 1 : (w[i] == 6 && after_b) ? 2 : 0;
    }
    off[n] = (uint32_t)(2 * n);
}

static const char *const LABELS[3] = {"O", "B-X", "I-X"};

/* Train on 300 sequences; the image is returned (free()). */
static int train_synth(void **img, size_t *len) {
    sr_trainer *t;
    if (sr_trainer_new(3, LABELS, 10, &t) != SR_OK) return -1;
    uint64_t h[40];
    uint32_t off[21];
    uint8_t gold[20];
    int w[20];
    for (unsigned it = 0; it < 300; it++) {
        synth(it + 1, h, off, gold, w, 20);
        sr_feats f = {h, off, 20};
        sr_trainer_learn(t, &f, gold);
    }
    float params[2] = {1.5f, -2.0f};
    int rc = sr_trainer_image(t, params, 2, img, len) == SR_OK ? 0 : -1;
    sr_trainer_free(t);
    return rc;
}

/* Tokens the model labels right on fresh sequences, of 20 * 50. */
static int accuracy(const sr_model *m, unsigned seed0) {
    uint64_t h[40];
    uint32_t off[21];
    uint8_t gold[20], lab[20];
    int w[20], right = 0;
    void *work = malloc(sr_model_work_size(m, 20));
    if (!work) return -1;
    for (unsigned it = 0; it < 50; it++) {
        synth(seed0 + it, h, off, gold, w, 20);
        sr_feats f = {h, off, 20};
        sr_model_decode(m, &f, NULL, work, lab, NULL);
        for (int i = 0; i < 20; i++) right += lab[i] == gold[i];
    }
    free(work);
    return right;
}

TEST(tagger_learns_saves_loads) {
    void *img;
    size_t len;
    CHECK(train_synth(&img, &len) == 0);
    sr_model *m;
    sr_error err = {0};
    CHECK_INT(sr_model_parse(img, len, "synthetic", &m, &err), SR_OK);
    CHECK_INT(sr_model_nlabels(m), 3);
    CHECK_STR(sr_model_label(m, 2), "I-X");
    CHECK_INT(sr_model_find_label(m, "B-X"), 1);
    CHECK(sr_model_param(m, 0) == 1.5f && sr_model_param(m, 1) == -2.0f);
    CHECK(sr_model_param(m, 7) == 0.0f && sr_model_param(m, 99) == 0.0f);
    int acc = accuracy(m, 100000);
    CHECK_INT(acc, 1000);   /* the language is learnable exactly */

    char path[] = "/tmp/sr_model_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    CHECK_INT(sr_model_write(path, img, len, &err), SR_OK);
    sr_model *m2;
    CHECK_INT(sr_model_load(path, &m2, &err), SR_OK);
    /* the same labels on every token of fresh data */
    uint64_t h[40];
    uint32_t off[21];
    uint8_t gold[20], l1[20], l2[20];
    int w[20];
    void *work = malloc(sr_model_work_size(m, 20));
    CHECK(work);
    for (unsigned it = 0; it < 20; it++) {
        synth(5000 + it, h, off, gold, w, 20);
        sr_feats f = {h, off, 20};
        float s1 = sr_model_decode(m, &f, NULL, work, l1, NULL);
        float s2 = sr_model_decode(m2, &f, NULL, work, l2, NULL);
        CHECK(memcmp(l1, l2, 20) == 0);
        CHECK(s1 == s2);
    }
    /* a bias against O finds more entities: every token is X */
    float bias[3] = {-1e6f, 0, 0};
    synth(7, h, off, gold, w, 20);
    sr_feats f = {h, off, 20};
    sr_model_decode(m, &f, bias, work, l1, NULL);
    for (int i = 0; i < 20; i++) CHECK(l1[i] != 0);
    free(work);
    sr_model_free(m2);
    sr_model_free(m);
    remove(path);
    free(img);
}

/* Decoding reads 16-bit weights: every emission is the float sum of the
 * model file's weights to within the quantisation step (max |w| / 32767
 * per feature). */
TEST(tagger_quantised_emissions_match_floats) {
    void *img;
    size_t len;
    CHECK(train_synth(&img, &len) == 0);
    sr_model *m;
    sr_error err = {0};
    CHECK_INT(sr_model_parse(img, len, "synthetic", &m, &err), SR_OK);
    const uint32_t L = 3;
    const float *w = (const float *)(const void *)((const unsigned char *)img + SR_MODEL_HEADER +
                                                   SR_MODEL_LABEL_LEN * L) + (L + 1) * L;
    size_t nw = ((size_t)1 << sr_model_bits(m)) * L;
    float mx = 0;
    for (size_t i = 0; i < nw; i++) mx = w[i] > mx ? w[i] : -w[i] > mx ? -w[i] : mx;
    CHECK(mx > 0);
    uint64_t h[40];
    uint32_t off[21];
    uint8_t gold[20];
    int wd[20];
    float emit[20 * 3];
    synth(31, h, off, gold, wd, 20);
    sr_feats f = {h, off, 20};
    sr_model_emissions(m, &f, emit);
    uint64_t mask = ((uint64_t)1 << sr_model_bits(m)) - 1;
    for (size_t i = 0; i < 20; i++)
        for (uint32_t y = 0; y < L; y++) {
            float want = 0;
            for (uint32_t k = off[i]; k < off[i + 1]; k++) want += w[(h[k] & mask) * L + y];
            float d = emit[i * L + y] - want;
            CHECK((d < 0 ? -d : d) <= 2 * mx / 32767.0f + 1e-4f);
        }
    sr_model_free(m);
    free(img);
}

/* An "I-X" label only continues a span: never first, never after "O",
 * whatever the scores say. */
TEST(tagger_decodes_allowed_transitions_only) {
    void *img;
    size_t len;
    CHECK(train_synth(&img, &len) == 0);
    sr_model *m;
    sr_error err = {0};
    CHECK_INT(sr_model_parse(img, len, "synthetic", &m, &err), SR_OK);
    uint64_t h[40];
    uint32_t off[21];
    uint8_t gold[20], lab[20];
    int wd[20];
    void *work = malloc(sr_model_work_size(m, 20));
    CHECK(work);
    /* a bias that makes I-X by far the best label of every token alone */
    float bias[3] = {-1e4f, -1e4f, 1e4f};
    int inside = 0;
    for (unsigned it = 0; it < 10; it++) {
        synth(900 + it, h, off, gold, wd, 20);
        sr_feats f = {h, off, 20};
        sr_model_decode(m, &f, bias, work, lab, NULL);
        CHECK(lab[0] != 2);
        for (int i = 1; i < 20; i++) {
            if (lab[i] == 2) CHECK(lab[i - 1] == 1 || lab[i - 1] == 2);
            inside += lab[i] == 2;
        }
    }
    CHECK(inside > 100);   /* the bias is still followed where allowed */
    free(work);
    sr_model_free(m);
    free(img);
}

TEST(tagger_training_is_deterministic) {
    void *a, *b;
    size_t la, lb;
    CHECK(train_synth(&a, &la) == 0);
    CHECK(train_synth(&b, &lb) == 0);
    CHECK_INT(la, lb);
    CHECK(memcmp(a, b, la) == 0);
    free(a);
    free(b);
}

TEST(model_corruption_rejected) {
    void *img;
    size_t len;
    CHECK(train_synth(&img, &len) == 0);
    unsigned char *p = img;
    sr_model *m = NULL;
    sr_error err = {0};
    /* a flipped weight byte: checksum */
    p[len - 5] ^= 0x40;
    CHECK_INT(sr_model_parse(img, len, "x", &m, &err), SR_ERR_DATA);
    CHECK(strstr(err.message, "checksum") != NULL);
    p[len - 5] ^= 0x40;
    /* truncated */
    CHECK_INT(sr_model_parse(img, len - 4, "x", &m, &err), SR_ERR_DATA);
    CHECK_INT(sr_model_parse(img, 10, "x", &m, &err), SR_ERR_DATA);
    /* magic, version, label count, bits */
    p[0] ^= 1;
    CHECK_INT(sr_model_parse(img, len, "x", &m, &err), SR_ERR_DATA);
    p[0] ^= 1;
    p[8] = 99;
    CHECK_INT(sr_model_parse(img, len, "x", &m, &err), SR_ERR_DATA);
    CHECK(strstr(err.message, "version") != NULL);
    p[8] = SR_MODEL_VERSION;
    p[20] = 200;
    CHECK_INT(sr_model_parse(img, len, "x", &m, &err), SR_ERR_DATA);
    p[20] = 3;
    p[24] = 30;
    CHECK_INT(sr_model_parse(img, len, "x", &m, &err), SR_ERR_DATA);
    p[24] = 10;
    /* a feature-version mismatch names the fix */
    p[16] ^= 0x10;
    CHECK_INT(sr_model_parse(img, len, "x", &m, &err), SR_ERR_DATA);
    CHECK(strstr(err.message, "make model") != NULL);
    p[16] ^= 0x10;
    CHECK(m == NULL);
    /* intact again */
    CHECK_INT(sr_model_parse(img, len, "x", &m, &err), SR_OK);
    sr_model_free(m);
    /* a file that is not there, an empty file */
    CHECK_INT(sr_model_load("/nonexistent/roles.model", &m, &err), SR_ERR_NOTFOUND);
    char path[] = "/tmp/sr_model_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    CHECK_INT(sr_model_load(path, &m, &err), SR_ERR_DATA);
    remove(path);
    free(img);
}

TEST(tagger_ensemble_is_the_mean) {
    sr_trainer *t[2];
    CHECK_INT(sr_trainer_new(3, LABELS, 8, &t[0]), SR_OK);
    CHECK_INT(sr_trainer_new(3, LABELS, 8, &t[1]), SR_OK);
    uint64_t h[40];
    uint32_t off[21];
    uint8_t gold[20];
    int w[20];
    for (unsigned it = 0; it < 50; it++)
        for (int m = 0; m < 2; m++) {
            synth(it * 2 + (unsigned)m + 1, h, off, gold, w, 20);
            sr_feats f = {h, off, 20};
            sr_trainer_learn(t[m], &f, gold);
        }
    void *a, *b, *mean;
    size_t la, lb, lm;
    CHECK_INT(sr_trainer_image(t[0], NULL, 0, &a, &la), SR_OK);
    CHECK_INT(sr_trainer_image(t[1], NULL, 0, &b, &lb), SR_OK);
    CHECK_INT(sr_trainers_image((const sr_trainer *const *)t, 2, NULL, 0, &mean, &lm), SR_OK);
    CHECK(la == lb && la == lm);
    size_t first = SR_MODEL_HEADER + 3 * SR_MODEL_LABEL_LEN, nf = (la - first) / 4, differ = 0;
    for (size_t i = 0; i < nf; i++) {
        float x, y, z;
        memcpy(&x, (char *)a + first + 4 * i, 4);
        memcpy(&y, (char *)b + first + 4 * i, 4);
        memcpy(&z, (char *)mean + first + 4 * i, 4);
        CHECK(z - (x + y) / 2 < 1e-4f && (x + y) / 2 - z < 1e-4f);
        differ += x != y;
    }
    CHECK(differ > 0);  /* the two orders gave two models */
    sr_model *m;
    sr_error err = {0};
    CHECK_INT(sr_model_parse(mean, lm, "mean", &m, &err), SR_OK);  /* checksum sealed */
    sr_model_free(m);
    /* trainers of other shapes do not mix */
    sr_trainer *other[2] = {t[0], NULL};
    CHECK_INT(sr_trainer_new(3, LABELS, 9, &other[1]), SR_OK);
    void *bad;
    size_t lbad;
    CHECK_INT(sr_trainers_image((const sr_trainer *const *)other, 2, NULL, 0, &bad, &lbad),
              SR_ERR_ARG);
    sr_trainer_free(other[1]);
    free(a);
    free(b);
    free(mean);
    sr_trainer_free(t[0]);
    sr_trainer_free(t[1]);
}
