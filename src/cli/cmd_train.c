/*
 * cmd_train.c -- `sitrep train`: fit the role tagger (extract/roles.h) on
 * MUC-4 JSONL and write the model file.
 *
 * Gold labels: every mention of every role entity of every template that
 * has a byte span is mapped to the tokens it overlaps and labelled
 * B-<role> I-<role>...; with --all-occurrences (the default) every other
 * occurrence of the same token sequence in the document is labelled too,
 * since the key lists one mention per entity but the text repeats it.  A
 * token already labelled keeps its first label (roles in MUC-4 order).
 *
 * Training is deterministic: documents are visited in an order shuffled
 * by a fixed-seed generator, the same on every run and machine.  Features
 * are recomputed per epoch instead of kept, so memory stays at the model
 * plus the documents' text.  With --dev, the averaged model is scored on
 * a development file after every epoch (CEAF-REE micro F1), and at the end
 * for a range of --min-score values, to choose options on dev.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../extract/engine.h"
#include "../extract/roles.h"
#include "../nlp/ceaf.h"
#include "../nlp/muc4.h"
#include "../nlp/tagger.h"
#include "cli.h"
#include "eval_muc4.h"

typedef struct corpus {
    sr_muc4_doc *v;
    size_t n, cap;
} corpus;

typedef struct opts {
    unsigned epochs, bits;
    int all_occ;
    float pv[SR_MODEL_NPARAMS];   /* role params (roles.h) */
    float miss, other, rel_min;
    int tune;                     /* choose the params on dev */
    size_t ensemble;              /* perceptrons averaged (different orders) */
    uint64_t seed;
} opts;

static void corpus_free(corpus *c) {
    for (size_t i = 0; i < c->n; i++) sr_muc4_doc_free(&c->v[i]);
    free(c->v);
    memset(c, 0, sizeof *c);
}

static int corpus_read(const char *path, corpus *c) {
    FILE *in = fopen(path, "r");
    if (!in) {
        sr_cli_error("cannot open %s", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getline(&line, &cap, in)) > 0) {
        lineno++;
        if (n == 1) continue;
        if (c->n == c->cap) {
            size_t nc = c->cap ? c->cap * 2 : 256;
            sr_muc4_doc *v = realloc(c->v, nc * sizeof *v);
            if (!v) { rc = -1; break; }
            c->v = v;
            c->cap = nc;
        }
        sr_error err = {0};
        if (sr_muc4_parse(line, (size_t)n, &c->v[c->n], &err) != SR_OK) {
            sr_cli_error("%s:%zu: %s", path, lineno, err.message);
            rc = -1;
            break;
        }
        c->n++;
    }
    free(line);
    fclose(in);
    return rc;
}

/* Label tokens [a, b) with role r when all are still O. */
static void label_span(uint8_t *lab, size_t a, size_t b, int r) {
    if (a >= b) return;
    for (size_t k = a; k < b; k++)
        if (lab[k]) return;
    lab[a] = (uint8_t)(1 + 2 * r);
    for (size_t k = a + 1; k < b; k++) lab[k] = (uint8_t)(2 + 2 * r);
}

static int same_tokens(const sr_tokens *t, size_t a, size_t b, size_t at) {
    if (at + (b - a) > t->n) return 0;
    for (size_t k = 0; k < b - a; k++) {
        const sr_token *x = &t->v[a + k], *y = &t->v[at + k];
        if (x->norm_len != y->norm_len || memcmp(x->norm, y->norm, x->norm_len) != 0) return 0;
    }
    return 1;
}

static void gold_labels(const sr_muc4_doc *g, const sr_tokens *t, int all_occ, uint8_t *lab) {
    memset(lab, 0, t->n);
    for (int r = 0; r < SR_MUC4_NROLES; r++)
        for (size_t ti = 0; ti < g->nt; ti++)
            for (size_t e = 0; e < g->t[ti].nent[r]; e++) {
                const sr_muc4_entity *en = &g->t[ti].ent[r][e];
                for (size_t m = 0; m < en->n; m++) {
                    if (en->m[m].start == SR_MUC4_NOSPAN) continue;
                    size_t a = 0;
                    while (a < t->n && t->v[a].end <= en->m[m].start) a++;
                    size_t b = a;
                    while (b < t->n && t->v[b].start < en->m[m].end) b++;
                    label_span(lab, a, b, r);
                    if (!all_occ || a >= b) continue;
                    for (size_t at = 0; at + (b - a) <= t->n; at++)
                        if (at != a && same_tokens(t, a, b, at)) label_span(lab, at, at + (b - a), r);
                }
            }
}

/* Analyse a MUC-4 document into an sr_doc; NULL on failure (reported). */
static sr_doc *analyse(const sr_engine *e, const sr_muc4_doc *g) {
    sr_doc *doc = NULL;
    if (sr_doc_new(g->id, &doc) != SR_OK) return NULL;
    if (sr_doc_set_text(doc, g->text, g->len) != SR_OK || sr_roles_analyse(e, doc)) {
        sr_doc_free(doc);
        return NULL;
    }
    return doc;
}

static uint64_t next_rand(uint64_t *s) {  /* xorshift64* */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

#define NO_REL (-1e30f)

/* Score a tagger on dev decoded with the role params pv (roles.h), with
 * the relevance model rel (may be NULL) at each of nthr thresholds
 * (c[k] for thr[k]). */
static int dev_score(const sr_engine *e, const sr_model *m, const sr_model *rel,
                     const corpus *dev, const float *pv, const float *thr, size_t nthr,
                     sr_ree_counts *c) {
    float bias[SR_ROLE_NLABELS];
    sr_role_bias(pv, bias);
    for (size_t k = 0; k < nthr; k++) memset(&c[k], 0, sizeof c[k]);
    for (size_t i = 0; i < dev->n; i++) {
        sr_doc *doc = analyse(e, &dev->v[i]);
        if (!doc) continue;
        sr_arena *a = &doc->arena;
        size_t n = doc->toks.n;
        uint8_t *lab = sr_arena_alloc(a, n + 1);
        float *mg = lab ? sr_arena_alloc(a, (n + 1) * sizeof *mg) : NULL;
        sr_role_spans rs = {0};
        float relevance = 0;
        int rc = mg ? sr_role_decode(e, m, bias, doc, lab, mg) : -1;
        if (!rc)
            rc = sr_role_spans_from_labels(a, &doc->toks, lab, mg, pv[SR_ROLE_PARAM_MIN_SCORE],
                                           &rs);
        if (!rc && rel) {
            sr_feats df;
            float emit[2];
            sr_feat_input in = {&doc->toks, &doc->sents, &doc->lex, e->lex};
            rc = sr_doc_features(a, &in, &df);
            if (!rc) {
                sr_model_emissions(rel, &df, emit);
                relevance = emit[1] - emit[0];
            }
        }
        for (size_t k = 0; k < nthr && !rc; k++) {
            rs.relevant = !rel || relevance >= thr[k];
            rc = sr_muc4_score_spans(doc, &rs, -1e30f, &dev->v[i], &c[k]);
        }
        sr_doc_free(doc);
        if (rc) return -1;
    }
    return 0;
}

static double micro_f1(const sr_ree_counts *c) {
    double p, r, f1;
    sr_ree_prf(c, -1, &p, &r, &f1);
    return f1;
}

/* The mean of k trainers' current averaged models (img must be freed). */
static sr_model *snapshot(const sr_trainer *const *t, size_t k, void **img) {
    size_t len;
    sr_model *m = NULL;
    *img = NULL;
    if (sr_trainers_image(t, k, NULL, 0, img, &len) != SR_OK) return NULL;
    if (sr_model_parse(*img, len, "trained", &m, NULL) != SR_OK) {
        free(*img);
        *img = NULL;
    }
    return m;
}

/* Choose the decoding params on dev by coordinate ascent: the O bias,
 * then each role's bias (twice round), then the relevance threshold.
 * Each step keeps the current value unless another scores strictly
 * higher, so the result is deterministic. */
#define NOB 11
#define NRB 7
#define NRT 7
static const float OB[NOB] = {0, 5, 10, 15, 20, 30, 40, 50, 75, 100, 150};
static const float RB[NRB] = {-0.6f, -0.4f, -0.2f, 0, 0.2f, 0.4f, 0.6f}; /* x the O bias */
static const float RT[NRT] = {NO_REL, -100, -50, -20, 0, 20, 50};

static int tune(const sr_engine *e, const sr_model *m, const sr_model *rel, const corpus *dev,
                opts *o) {
    sr_ree_counts c[NRT];
    double best;
    if (dev_score(e, m, rel, dev, o->pv, &o->rel_min, 1, c)) return -1;
    best = micro_f1(&c[0]);
    fprintf(stderr, "\ntuning on dev: start F1 %.2f", best);
    for (int step = 0; step < 1 + 2 * SR_ROLE_N; step++) {
        int k = step == 0 ? SR_ROLE_PARAM_O_BIAS
                          : SR_ROLE_PARAM_ROLE_BIAS + (step - 1) % SR_ROLE_N;
        const float *grid = step == 0 ? OB : RB;
        int n = step == 0 ? NOB : NRB;
        float scale = step == 0 ? 1.0f : o->pv[SR_ROLE_PARAM_O_BIAS];
        float keep = o->pv[k], chosen = keep;
        for (int g = 0; g < n; g++) {
            o->pv[k] = grid[g] * scale;
            if (dev_score(e, m, rel, dev, o->pv, &o->rel_min, 1, c)) return -1;
            if (micro_f1(&c[0]) > best + 1e-9) {
                best = micro_f1(&c[0]);
                chosen = grid[g] * scale;
            }
        }
        o->pv[k] = chosen;
        if (chosen != keep)
            fprintf(stderr, "\n  %s %s %g: F1 %.2f", k == SR_ROLE_PARAM_O_BIAS ? "O" : "role",
                    k == SR_ROLE_PARAM_O_BIAS ? "bias" : sr_role_names[k - SR_ROLE_PARAM_ROLE_BIAS],
                    (double)chosen, best);
    }
    if (dev_score(e, m, rel, dev, o->pv, RT, NRT, c)) return -1;
    for (int g = 0; g < NRT; g++)
        if (micro_f1(&c[g]) > best + 1e-9) {
            best = micro_f1(&c[g]);
            o->rel_min = RT[g];
            fprintf(stderr, "\n  relevance threshold %g: F1 %.2f", (double)RT[g], best);
        }
    return 0;
}

/* Per epoch: F1 with the current params; after the last, with --tune,
 * choose them on dev; then the per-role table. */
static int dev_report(const sr_engine *e, const sr_trainer *const *t, size_t k,
                      const sr_trainer *rt, const corpus *dev, opts *o, int last) {
    void *img, *rimg;
    sr_model *m = snapshot(t, k, &img), *rel = snapshot(&rt, 1, &rimg);
    int rc = m && rel ? 0 : -1;
    sr_ree_counts c;
    if (!rc) rc = dev_score(e, m, rel, dev, o->pv, &o->rel_min, 1, &c);
    double p, r, f1;
    sr_ree_prf(&c, -1, &p, &r, &f1);
    if (!rc) fprintf(stderr, "; dev P %.2f R %.2f F1 %.2f", p, r, f1);
    if (!rc && last && o->tune) rc = tune(e, m, rel, dev, o);
    if (!rc && last) {
        rc = dev_score(e, m, rel, dev, o->pv, &o->rel_min, 1, &c);
        fprintf(stderr, "\ndev with the model's params:\n");
        sr_muc4_print(stderr, &c);
    }
    sr_model_free(m);
    sr_model_free(rel);
    free(img);
    free(rimg);
    return rc;
}

static const char *const RELEVANCE_LABELS[2] = {"no", "yes"};

/* Training needs only the lexicons (features), never the models: an
 * engine made of the lexicon matcher alone, so that a stale or corrupt
 * model (after a feature change) does not stop `make model` from
 * replacing it. */
static sr_engine *lexicon_engine(const char *data, sr_error *err) {
    data = sr_cli_data_dir(data);
    sr_engine *e = calloc(1, sizeof *e);
    size_t n = strlen(data);
    char *dir = malloc(n + sizeof "/lexicons");
    if (!e || !dir || !(e->data_dir = strdup(data)) || sr_matcher_new(&e->lex) != SR_OK) {
        free(dir);
        if (e) free(e->data_dir);
        free(e);
        sr_fail(err, SR_ERR_NOMEM, "out of memory");
        return NULL;
    }
    memcpy(dir, data, n);
    memcpy(dir + n, "/lexicons", sizeof "/lexicons");
    sr_status st = sr_matcher_load_dir(e->lex, dir, err);
    free(dir);
    if (st != SR_OK) {
        sr_matcher_free(e->lex);
        free(e->data_dir);
        free(e);
        return NULL;
    }
    return e;
}

static void lexicon_engine_free(sr_engine *e) {
    if (!e) return;
    sr_matcher_free(e->lex);
    free(e->data_dir);
    free(e);
}

/* One perceptron step per sentence, pieces of SR_ROLE_CHUNK tokens for a
 * longer one, as sr_role_decode() labels them (a slice of the document's
 * features: off[] indexes h[] directly, so a slice is off + first). */
static size_t learn_sentences(sr_trainer *t, const sr_doc *doc, const sr_feats *f,
                              const uint8_t *lab) {
    size_t wrong = 0, first = 0;
    for (size_t i = 1; i <= f->n; i++)
        if (i == f->n || doc->toks.v[i].sent != doc->toks.v[i - 1].sent ||
            i - first >= SR_ROLE_CHUNK) {
            sr_feats s = {f->h, f->off + first, i - first};
            wrong += sr_trainer_learn(t, &s, lab + first);
            first = i;
        }
    return wrong;
}

/* Write the mean of k trainers' averaged models with the given params. */
static int save(const sr_trainer *const *t, size_t k, const float *pv, const char *path) {
    void *img;
    size_t len;
    sr_error err = {0};
    if (sr_trainers_image(t, k, pv, SR_MODEL_NPARAMS, &img, &len) != SR_OK) return -1;
    int rc = 0;
    if (sr_model_write(path, img, len, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        rc = -1;
    } else {
        fprintf(stderr, "wrote %s (%zu bytes)\n", path, len);
    }
    free(img);
    return rc;
}

#define MAX_ENSEMBLE 8

static void shuffle(size_t *order, size_t n, uint64_t *rs) {
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(next_rand(rs) % i);
        size_t x = order[i - 1];
        order[i - 1] = order[j];
        order[j] = x;
    }
}

/* One epoch of member m over the documents in order[]; the relevance
 * trainer rt learns too when not NULL.  Returns 0 or -1 (no memory). */
static int epoch(const sr_engine *e, const corpus *tr, const opts *o, const size_t *order,
                 sr_trainer *t, sr_trainer *rt, size_t counts[4]) {
    for (size_t k = 0; k < tr->n; k++) {
        const sr_muc4_doc *g = &tr->v[order[k]];
        sr_doc *doc = analyse(e, g);
        if (!doc) continue;
        sr_feats f, df;
        sr_feat_input in = {&doc->toks, &doc->sents, &doc->lex, e->lex};
        uint8_t *lab = sr_arena_alloc(&doc->arena, doc->toks.n + 1);
        if (!lab || sr_role_features(e, doc, &f) ||
            (rt && sr_doc_features(&doc->arena, &in, &df))) {
            sr_doc_free(doc);
            return -1;
        }
        gold_labels(g, &doc->toks, o->all_occ, lab);
        counts[0] += learn_sentences(t, doc, &f, lab);
        if (rt) {
            uint8_t relevant = g->nt > 0;
            counts[3] += sr_trainer_learn(rt, &df, &relevant);
        }
        counts[1] += f.n;
        for (size_t q = 0; q < f.n; q++) counts[2] += lab[q] != 0;
        sr_doc_free(doc);
    }
    return 0;
}

static int train(const sr_engine *e, const corpus *tr, const corpus *dev, opts *o,
                 const char *out, const char *relout) {
    size_t K = o->ensemble;
    sr_trainer *t[MAX_ENSEMBLE] = {0}, *rt = NULL;
    size_t *order[MAX_ENSEMBLE] = {0};
    uint64_t rs[MAX_ENSEMBLE];
    int rc = sr_trainer_new(2, RELEVANCE_LABELS, o->bits, &rt) == SR_OK ? 0 : -1;
    for (size_t m = 0; m < K && !rc; m++) {
        if (sr_trainer_new(SR_ROLE_NLABELS, sr_role_labels, o->bits, &t[m]) != SR_OK ||
            !(order[m] = malloc(tr->n * sizeof *order[m] + 1))) {
            rc = -1;
            break;
        }
        sr_trainer_set_costs(t[m], o->miss, o->other);
        for (size_t i = 0; i < tr->n; i++) order[m][i] = i;
        rs[m] = (o->seed ? o->seed : 1) + 7919 * m;
    }
    if (rc) sr_cli_error("cannot make the trainers (bits %u)", o->bits);
    for (unsigned ep = 1; ep <= o->epochs && !rc; ep++) {
        size_t counts[4] = {0};
        for (size_t m = 0; m < K && !rc; m++) {
            shuffle(order[m], tr->n, &rs[m]);
            rc = epoch(e, tr, o, order[m], t[m], m == 0 ? rt : NULL, counts);
        }
        fprintf(stderr, "epoch %u: %zu of %zu tokens (%zu in roles) wrong (%.2f%%), %zu documents",
                ep, counts[0], counts[1], counts[2],
                counts[1] ? 100.0 * (double)counts[0] / (double)counts[1] : 0.0, counts[3]);
        if (dev && !rc) rc = dev_report(e, (const sr_trainer *const *)t, K, rt, dev, o,
                                        ep == o->epochs);
        fputc('\n', stderr);
    }
    float rv[SR_MODEL_NPARAMS] = {0};
    rv[SR_RELEVANCE_PARAM_MIN] = o->rel_min;
    if (!rc) rc = save((const sr_trainer *const *)t, K, o->pv, out);
    if (!rc && o->rel_min > NO_REL) {
        rc = save((const sr_trainer *const *)&rt, 1, rv, relout);
    } else if (!rc) {  /* a relevance model with no threshold would do nothing */
        fprintf(stderr, "%s not written: no relevance threshold set or chosen\n", relout);
        if (remove(relout) == 0) fprintf(stderr, "removed the old %s\n", relout);
    }
    for (size_t m = 0; m < K; m++) {
        free(order[m]);
        sr_trainer_free(t[m]);
    }
    sr_trainer_free(rt);
    return rc;
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep train [OPTIONS] -o MODEL TRAIN.jsonl\n"
            "\n"
            "Train the role tagger (PerpInd, PerpOrg, Target, Victim, Weapon) on MUC-4\n"
            "JSONL (GRIT format) and write the model file (data/models/roles.model is\n"
            "the one sitrep loads; `make model` rebuilds it).  Deterministic.\n"
            "\n"
            "options:\n"
            "  -o, --output FILE    model file to write (required)\n"
            "  --epochs N           passes over the data (default 10)\n"
            "  --bits B             2^B feature hash buckets (default 17)\n"
            "  --min-score X        spans scoring below X are dropped at extraction\n"
            "                       (default: none)\n"
            "  --o-bias X           subtract X from the \"O\" label's score when\n"
            "                       decoding: higher finds more spans (default 0)\n"
            "  --miss-cost X        training margin for a role token labelled O\n"
            "  --cost X             training margin for any other wrong label\n"
            "                       (both 0 by default: the plain perceptron)\n"
            "  --first-only         label only the key's mentions, not their other\n"
            "                       occurrences in the text\n"
            "  --seed N             shuffling seed (default 1)\n"
            "  --ensemble K         train K perceptrons on differently shuffled\n"
            "                       orders and average them (default 1, at most 8)\n"
            "  --relevance FILE     where to write the document relevance model\n"
            "                       (default: relevance.model next to the -o file)\n"
            "  --rel-min X          documents whose relevance score is below X are\n"
            "                       judged irrelevant (default: none is)\n"
            "  --dev FILE           report CEAF-REE on FILE after each epoch\n"
            "  --tune               with --dev: after the last epoch choose the O bias,\n"
            "                       the per-role biases and the relevance threshold\n"
            "                       on FILE (stored in the model files)\n"
            "  --data DIR           data directory (lexicons)\n");
}

int sr_cmd_train(int argc, char **argv) {
    static const struct option LONG[] = {
        {"output", required_argument, NULL, 'o'}, {"epochs", required_argument, NULL, 'e'},
        {"bits", required_argument, NULL, 'b'},   {"min-score", required_argument, NULL, 's'},
        {"first-only", no_argument, NULL, 'F'},   {"seed", required_argument, NULL, 'r'},
        {"dev", required_argument, NULL, 'D'},    {"data", required_argument, NULL, 'd'},
        {"o-bias", required_argument, NULL, 'B'}, {"miss-cost", required_argument, NULL, 'M'},
        {"cost", required_argument, NULL, 'C'},   {"rel-min", required_argument, NULL, 'R'},
        {"relevance", required_argument, NULL, 'P'}, {"tune", no_argument, NULL, 'T'},
        {"ensemble", required_argument, NULL, 'K'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    opts o = {.epochs = 10, .bits = 17, .all_occ = 1, .rel_min = NO_REL, .seed = 1,
              .ensemble = 1};
    o.pv[SR_ROLE_PARAM_MIN_SCORE] = -1e30f;
    const char *out = NULL, *devpath = NULL, *data = NULL, *relpath = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", LONG, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'o': out = optarg; break;
        case 'e': o.epochs = (unsigned)strtoul(optarg, &end, 10); break;
        case 'b': o.bits = (unsigned)strtoul(optarg, &end, 10); break;
        case 's': o.pv[SR_ROLE_PARAM_MIN_SCORE] = strtof(optarg, &end); break;
        case 'B': o.pv[SR_ROLE_PARAM_O_BIAS] = strtof(optarg, &end); break;
        case 'T': o.tune = 1; break;
        case 'K': o.ensemble = (size_t)strtoul(optarg, &end, 10); break;
        case 'R': o.rel_min = strtof(optarg, &end); break;
        case 'P': relpath = optarg; break;
        case 'M': o.miss = strtof(optarg, &end); break;
        case 'C': o.other = strtof(optarg, &end); break;
        case 'r': o.seed = strtoull(optarg, &end, 10); break;
        case 'F': o.all_occ = 0; break;
        case 'D': devpath = optarg; break;
        case 'd': data = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
        if (end && (end == optarg || *end)) {
            sr_cli_error("expected a number, not \"%s\"", optarg);
            return EXIT_USAGE;
        }
    }
    if (!out || optind != argc - 1 || o.epochs < 1 || o.epochs > 1000 || o.bits < 8 ||
        (o.tune && !devpath) || o.ensemble < 1 || o.ensemble > MAX_ENSEMBLE ||
        o.bits > 24) {
        usage(stderr);
        return EXIT_USAGE;
    }
    sr_error err = {0};
    sr_engine *e;
    if (!(e = lexicon_engine(data, &err))) {
        sr_cli_error("%s", err.message);
        return EXIT_FATAL;
    }
    corpus tr = {0}, dev = {0};
    int rc = corpus_read(argv[optind], &tr);
    if (!rc && devpath) rc = corpus_read(devpath, &dev);
    if (!rc) {
        fprintf(stderr, "training on %zu documents (%u epochs, 2^%u buckets)\n", tr.n,
                o.epochs, o.bits);
        char *rp = NULL;
        if (!relpath) {  /* relevance.model next to the tagger */
            const char *slash = strrchr(out, '/');
            size_t dl = slash ? (size_t)(slash - out + 1) : 0;
            rp = malloc(dl + sizeof "relevance.model");
            if (rp) {
                memcpy(rp, out, dl);
                memcpy(rp + dl, "relevance.model", sizeof "relevance.model");
            }
        }
        rc = rp || relpath ? train(e, &tr, devpath ? &dev : NULL, &o, out, relpath ? relpath : rp)
                           : -1;
        free(rp);
    }
    corpus_free(&tr);
    corpus_free(&dev);
    lexicon_engine_free(e);
    return rc ? EXIT_FATAL : 0;
}
