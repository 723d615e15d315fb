/*
 * tagger.c -- the sequence tagger: model files, Viterbi decoding and the
 * averaged-perceptron trainer (see tagger.h for the design and the file
 * format).
 *
 * A model either borrows an image (sr_model_parse: the fuzz harness, a
 * model in memory) or owns a read-only mapping of a file (sr_model_load).
 * Nothing in a model changes after it is made, so threads share it.
 */
#include "tagger.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/error.h"

static const char MAGIC[8] = {'S', 'R', 'T', 'A', 'G', 'G', 'R', 0};
#define BOM 0x01020304u
#define MIN_BITS 8u
#define MAX_BITS 24u
#define QSTRIDE 16u        /* int16 per quantised row: 32 bytes, aligned */
#define QMAX 32767.0f

struct sr_model {
    uint32_t nlabels, bits;
    uint64_t mask;
    int16_t *q;            /* quantised weights, QSTRIDE per bucket (decoding) */
    float *tmask;          /* (L+1) x QSTRIDE transitions, NEG_INF where not
                              allowed (decoding; L <= QSTRIDE) */
    float qstep;           /* weight = q * qstep */
    float params[SR_MODEL_NPARAMS];
    char names[SR_MODEL_MAX_LABELS][SR_MODEL_LABEL_LEN];
    const float *trans;    /* (L+1) x L */
    const float *w;        /* 2^bits x L */
    void *map;             /* owned mapping, or NULL */
    size_t map_len;
};

static uint32_t rd32(const unsigned char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t rd64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static size_t body_size(uint32_t L, uint32_t bits) {
    return (size_t)SR_MODEL_LABEL_LEN * L + 4u * (size_t)(L + 1) * L +
           4u * ((size_t)1 << bits) * L;
}

/* The weights as 16-bit integers, one 32-byte aligned row per bucket:
 * half the memory of the float rows and never two cache lines per row, so
 * decoding (bound by loads scattered over the table) runs about twice as
 * fast.  One scale for the table: the step is max |w| / 32767, about 0.0015
 * for the role model, far below the weights that decide a label.  Values
 * that are not finite count as 0 (a corrupt but checksummed file). */
static int quantise(sr_model *m) {
    uint32_t L = m->nlabels;
    size_t nb = (size_t)1 << m->bits, nw = nb * L;
    float mx = 0.0f;
    for (size_t i = 0; i < nw; i++) {
        float v = m->w[i] < 0 ? -m->w[i] : m->w[i];
        if (v > mx && v <= 3.4e38f) mx = v;
    }
    m->qstep = mx > 0 ? mx / QMAX : 1.0f;
    m->q = aligned_alloc(64, nb * QSTRIDE * sizeof *m->q);
    if (!m->q) return -1;
    float inv = 1.0f / m->qstep;
    for (size_t b = 0; b < nb; b++) {
        int16_t *row = m->q + b * QSTRIDE;
        const float *src = m->w + b * L;
        for (uint32_t y = 0; y < QSTRIDE; y++) {
            float v = y < L ? src[y] * inv : 0.0f;
            if (!(v == v)) v = 0.0f;   /* NaN */
            if (v > QMAX) v = QMAX;
            if (v < -QMAX) v = -QMAX;
            row[y] = (int16_t)(v < 0 ? v - 0.5f : v + 0.5f);
        }
    }
    return 0;
}

/* Which labels may follow which when decoding: a label "I-X" continues a
 * span, so it comes only after "B-X" or "I-X" (and never first) when the
 * model has a "B-X"; every other transition is allowed.  The trained
 * weights already make the others all but impossible.  The table has the
 * model's transitions, NEG_INF where not allowed, rows padded to QSTRIDE
 * labels so that Viterbi runs over whole rows. */
#define NEG_INF (-1e30f)
static int allowed_transitions(sr_model *m) {
    uint32_t L = m->nlabels;
    m->tmask = aligned_alloc(64, (size_t)(L + 1) * QSTRIDE * sizeof *m->tmask);
    if (!m->tmask) return -1;
    for (uint32_t p = 0; p <= L; p++)
        for (uint32_t y = 0; y < QSTRIDE; y++) {
            float v = y < L ? m->trans[(size_t)p * L + y] : NEG_INF;
            const char *ny = y < L ? m->names[y] : "";
            if (ny[0] == 'I' && ny[1] == '-') {
                int has_b = 0;
                for (uint32_t b = 0; b < L; b++)
                    has_b |= m->names[b][0] == 'B' && strcmp(m->names[b] + 1, ny + 1) == 0;
                const char *np = p < L ? m->names[p] : "";
                if (has_b && !((np[0] == 'B' || np[0] == 'I') && strcmp(np + 1, ny + 1) == 0))
                    v = NEG_INF;
            }
            m->tmask[(size_t)p * QSTRIDE + y] = v;
        }
    return 0;
}

sr_status sr_model_parse(const void *buf, size_t len, const char *name,
                         sr_model **out, sr_error *err) {
    *out = NULL;
    const unsigned char *p = buf;
    if (!name) name = "model";
    if (len < SR_MODEL_HEADER)
        return sr_fail(err, SR_ERR_DATA, "%s: not a tagger model (%zu bytes, too short)",
                       name, len);
    if (memcmp(p, MAGIC, 8) != 0)
        return sr_fail(err, SR_ERR_DATA, "%s: not a tagger model (bad magic)", name);
    if (rd32(p + 8) != SR_MODEL_VERSION)
        return sr_fail(err, SR_ERR_DATA,
                       "%s: model format version %u, this sitrep reads %u (retrain: make model)",
                       name, rd32(p + 8), SR_MODEL_VERSION);
    if (rd32(p + 12) != BOM)
        return sr_fail(err, SR_ERR_DATA, "%s: model written on a machine of other byte order",
                       name);
    if (rd32(p + 16) != SR_FEAT_VERSION)
        return sr_fail(err, SR_ERR_DATA,
                       "%s: model trained with features version %u, this sitrep computes %u "
                       "(retrain: make model)", name, rd32(p + 16), SR_FEAT_VERSION);
    uint32_t L = rd32(p + 20), bits = rd32(p + 24);
    if (L < 2 || L > SR_MODEL_MAX_LABELS)
        return sr_fail(err, SR_ERR_DATA, "%s: bad label count %u", name, L);
    if (bits < MIN_BITS || bits > MAX_BITS)
        return sr_fail(err, SR_ERR_DATA, "%s: bad hash size 2^%u", name, bits);
    if (rd32(p + 28) != 0)
        return sr_fail(err, SR_ERR_DATA, "%s: reserved header field not zero", name);
    size_t want = SR_MODEL_HEADER + body_size(L, bits);
    if (len != want)
        return sr_fail(err, SR_ERR_DATA, "%s: size %zu, header says %zu (truncated or corrupt)",
                       name, len, want);
    if (((uintptr_t)buf & 3u) != 0)
        return sr_fail(err, SR_ERR_ARG, "%s: model image not aligned", name);
    uint64_t sum = sr_fnv64(SR_FNV_SEED, p + SR_MODEL_HEADER, len - SR_MODEL_HEADER);
    if (sum != rd64(p + 32))
        return sr_fail(err, SR_ERR_DATA, "%s: checksum mismatch (corrupt model file)", name);

    sr_model *m = calloc(1, sizeof *m);
    if (!m) return sr_fail(err, SR_ERR_NOMEM, "out of memory loading %s", name);
    m->nlabels = L;
    m->bits = bits;
    m->mask = ((uint64_t)1 << bits) - 1;
    memcpy(m->params, p + 40, sizeof m->params);
    const unsigned char *q = p + SR_MODEL_HEADER;
    for (uint32_t i = 0; i < L; i++, q += SR_MODEL_LABEL_LEN) {
        if (q[SR_MODEL_LABEL_LEN - 1] != 0 || q[0] == 0) {
            free(m);
            return sr_fail(err, SR_ERR_DATA, "%s: label %u is not a name", name, i);
        }
        memcpy(m->names[i], q, SR_MODEL_LABEL_LEN);
    }
    m->trans = (const float *)(const void *)q;
    m->w = m->trans + (size_t)(L + 1) * L;
    if (L <= QSTRIDE && (quantise(m) || allowed_transitions(m))) {
        free(m->q);
        free(m);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory loading %s", name);
    }
    *out = m;
    return SR_OK;
}

sr_status sr_model_load(const char *path, sr_model **out, sr_error *err) {
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return sr_fail(err, errno == ENOENT ? SR_ERR_NOTFOUND : SR_ERR_IO, "cannot open %s: %s",
                       path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return sr_fail(err, SR_ERR_DATA, "%s: not a regular file", path);
    }
    size_t len = (size_t)st.st_size;
    if (len < SR_MODEL_HEADER) {
        close(fd);
        return sr_fail(err, SR_ERR_DATA, "%s: not a tagger model (%zu bytes, too short)", path,
                       len);
    }
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return sr_fail(err, SR_ERR_IO, "cannot map %s: %s", path, strerror(errno));
    sr_model *m;
    sr_status s = sr_model_parse(map, len, path, &m, err);
    if (s != SR_OK) {
        munmap(map, len);
        return s;
    }
    m->map = map;
    m->map_len = len;
    if (m->q) {
        /* decoding reads the quantised copy: let the kernel drop the float
         * weights' pages (read again from the file if ever touched) */
        size_t pg = (size_t)sysconf(_SC_PAGESIZE);
        size_t from = ((size_t)((const char *)m->w - (const char *)map) + pg - 1) / pg * pg;
        if (pg > 0 && from < len) madvise((char *)map + from, len - from, MADV_DONTNEED);
    }
    *out = m;
    return SR_OK;
}

void sr_model_free(sr_model *m) {
    if (!m) return;
    if (m->map) munmap(m->map, m->map_len);
    free(m->q);
    free(m->tmask);
    free(m);
}

uint32_t sr_model_nlabels(const sr_model *m) { return m->nlabels; }
uint32_t sr_model_bits(const sr_model *m) { return m->bits; }

const char *sr_model_label(const sr_model *m, uint32_t i) {
    return i < m->nlabels ? m->names[i] : NULL;
}

int sr_model_find_label(const sr_model *m, const char *name) {
    for (uint32_t i = 0; i < m->nlabels; i++)
        if (strcmp(m->names[i], name) == 0) return (int)i;
    return -1;
}

float sr_model_param(const sr_model *m, unsigned i) {
    return i < SR_MODEL_NPARAMS ? m->params[i] : 0.0f;
}

/* ---- decoding ------------------------------------------------------------ */

/* Viterbi over emission scores emit[n x L] and transitions trans[(L+1) x L]
 * (row L = start).  work holds n x L floats of scores and n x L bytes of
 * back-pointers after emit.  Returns the best path score. */
static float viterbi(const float *emit, size_t n, uint32_t L, const float *trans,
                     float *score, uint8_t *back, uint8_t *labels) {
    if (n == 0) return 0.0f;
    for (uint32_t y = 0; y < L; y++) score[y] = trans[(size_t)L * L + y] + emit[y];
    for (size_t i = 1; i < n; i++) {
        const float *prev = score + (i - 1) * L;
        float *cur = score + i * L;
        for (uint32_t y = 0; y < L; y++) {
            float best = prev[0] + trans[y];
            uint8_t arg = 0;
            for (uint32_t p = 1; p < L; p++) {
                float v = prev[p] + trans[(size_t)p * L + y];
                if (v > best) { best = v; arg = (uint8_t)p; }
            }
            cur[y] = best + emit[i * L + y];
            back[i * L + y] = arg;
        }
    }
    const float *last = score + (n - 1) * L;
    uint8_t y = 0;
    for (uint32_t k = 1; k < L; k++)
        if (last[k] > last[y]) y = (uint8_t)k;
    float total = last[y];
    for (size_t i = n; i-- > 0;) {
        labels[i] = y;
        if (i) y = back[i * L + y];
    }
    return total;
}

/* Viterbi over the model's allowed transitions (allowed_transitions),
 * previous label outermost so that the inner steps work on whole rows of
 * QSTRIDE labels, four at a time in vector registers (GCC/Clang vector
 * extensions; plain SSE2/NEON width).  Ties go to the lower previous
 * label, as in viterbi(). */
typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));
#define NV (QSTRIDE / 4)

static float viterbi_allowed(const sr_model *m, const float *emit, size_t n, float *score,
                             uint8_t *back, uint8_t *labels) {
    uint32_t L = m->nlabels;
    const float *T = m->tmask;
    uint32_t nv = (L + 3) / 4;   /* vectors that hold the L labels */
    if (n == 0) return 0.0f;
    for (uint32_t y = 0; y < L; y++) score[y] = T[(size_t)L * QSTRIDE + y] + emit[y];
    for (size_t i = 1; i < n; i++) {
        const float *prev = score + (i - 1) * L;
        v4f best[NV];
        v4i arg[NV];
        for (uint32_t v = 0; v < nv; v++) {
            v4f row;
            memcpy(&row, T + 4 * v, sizeof row);
            best[v] = prev[0] + row;
            arg[v] = (v4i){0, 0, 0, 0};
        }
        for (uint32_t p = 1; p < L; p++) {
            v4i pv = {(int32_t)p, (int32_t)p, (int32_t)p, (int32_t)p};
            for (uint32_t v = 0; v < nv; v++) {
                v4f row;
                memcpy(&row, T + (size_t)p * QSTRIDE + 4 * v, sizeof row);
                v4f cand = prev[p] + row;
                v4i gt = cand > best[v];
                best[v] = (v4f)(((v4i)cand & gt) | ((v4i)best[v] & ~gt));
                arg[v] = (pv & gt) | (arg[v] & ~gt);
            }
        }
        float bf[QSTRIDE];
        int32_t ba[QSTRIDE];
        memcpy(bf, best, nv * sizeof *best);
        memcpy(ba, arg, nv * sizeof *arg);
        float *cur = score + i * L;
        for (uint32_t y = 0; y < L; y++) {
            cur[y] = bf[y] + emit[i * L + y];
            back[i * L + y] = (uint8_t)ba[y];
        }
    }
    const float *last = score + (n - 1) * L;
    uint8_t y = 0;
    for (uint32_t k = 1; k < L; k++)
        if (last[k] > last[y]) y = (uint8_t)k;
    float total = last[y];
    for (size_t i = n; i-- > 0;) {
        labels[i] = y;
        if (i) y = back[i * L + y];
    }
    return total;
}

size_t sr_model_work_size(const sr_model *m, size_t ntok) {
    return ntok * m->nlabels * (2 * sizeof(float) + 1);
}

/* Sum of the weight rows of each item's features.  The rows are scattered
 * over a table of megabytes, so this is bound by memory latency: the rows
 * of a block of features are located and prefetched first, then added,
 * which lets the loads overlap. */
#define EMIT_BLOCK 16
static void emissions(const float *w, uint64_t mask, uint32_t L, const sr_feats *f,
                      float *emit) {
    const float *rows[EMIT_BLOCK];
    float acc[SR_MODEL_MAX_LABELS];
    for (size_t i = 0; i < f->n; i++) {
        for (uint32_t y = 0; y < L; y++) acc[y] = 0.0f;
        for (uint32_t k = f->off[i]; k < f->off[i + 1]; k += EMIT_BLOCK) {
            uint32_t nb = f->off[i + 1] - k < EMIT_BLOCK ? f->off[i + 1] - k : EMIT_BLOCK;
            for (uint32_t b = 0; b < nb; b++) {
                rows[b] = w + (size_t)(f->h[k + b] & mask) * L;
                __builtin_prefetch(rows[b]);
                __builtin_prefetch(rows[b] + L - 1);
            }
            for (uint32_t b = 0; b < nb; b++)
                for (uint32_t y = 0; y < L; y++) acc[y] += rows[b][y];
        }
        memcpy(emit + i * L, acc, L * sizeof *acc);
    }
}

/* The same over the quantised rows: 16 lanes of int32 sums (the compiler
 * vectorises the fixed-width loops), scaled back to floats per item.  The
 * features of a sequence are contiguous, so the row PREFETCH_AHEAD
 * features ahead is requested while this one is added, across items. */
#define PREFETCH_AHEAD 32u
static void emissions_q(const int16_t *q, uint64_t mask, uint32_t L, float step,
                        const sr_feats *f, float *emit) {
    int32_t acc[QSTRIDE];
    if (f->n == 0) return;
    uint32_t k0 = f->off[0], kn = f->off[f->n];
    for (uint32_t k = k0; k < kn && k < k0 + PREFETCH_AHEAD; k++)
        __builtin_prefetch(q + (size_t)(f->h[k] & mask) * QSTRIDE);
    for (size_t i = 0; i < f->n; i++) {
        for (uint32_t y = 0; y < QSTRIDE; y++) acc[y] = 0;
        for (uint32_t k = f->off[i]; k < f->off[i + 1]; k++) {
            if (k + PREFETCH_AHEAD < kn)
                __builtin_prefetch(q + (size_t)(f->h[k + PREFETCH_AHEAD] & mask) * QSTRIDE);
            const int16_t *r = __builtin_assume_aligned(q + (size_t)(f->h[k] & mask) * QSTRIDE, 32);
            for (uint32_t y = 0; y < QSTRIDE; y++) acc[y] += r[y];
        }
        for (uint32_t y = 0; y < L; y++) emit[i * L + y] = (float)acc[y] * step;
    }
}

void sr_model_emissions(const sr_model *m, const sr_feats *f, float *emit) {
    if (m->q)
        emissions_q(m->q, m->mask, m->nlabels, m->qstep, f, emit);
    else
        emissions(m->w, m->mask, m->nlabels, f, emit);
}

float sr_model_decode(const sr_model *m, const sr_feats *f, const float *bias, void *work,
                      uint8_t *labels, float *margin) {
    uint32_t L = m->nlabels;
    float *emit = work;
    float *score = emit + f->n * L;
    uint8_t *back = (uint8_t *)(score + f->n * L);
    sr_model_emissions(m, f, emit);
    if (bias)
        for (size_t i = 0; i < f->n; i++)
            for (uint32_t y = 0; y < L; y++) emit[i * L + y] += bias[y];
    float total = m->tmask ? viterbi_allowed(m, emit, f->n, score, back, labels)
                           : viterbi(emit, f->n, L, m->trans, score, back, labels);
    if (margin)
        for (size_t i = 0; i < f->n; i++)
            margin[i] = emit[i * L + labels[i]] - emit[i * L];
    return total;
}

/* ---- training ------------------------------------------------------------ */

struct sr_trainer {
    uint32_t nlabels, bits;
    uint64_t mask;
    char names[SR_MODEL_MAX_LABELS][SR_MODEL_LABEL_LEN];
    size_t nw;              /* weights + transitions */
    float *w;               /* current: transitions first, then buckets */
    double *u;              /* sum of step * update, for averaging */
    double step;            /* updates so far + 1 */
    float miss, other;      /* costs of cost-augmented decoding */
    float *emit, *score;    /* decoding buffers */
    uint8_t *back, *pred;
    size_t cap;             /* tokens the buffers hold */
};

sr_status sr_trainer_new(uint32_t nlabels, const char *const *label_names, uint32_t bits,
                         sr_trainer **out) {
    *out = NULL;
    if (nlabels < 2 || nlabels > SR_MODEL_MAX_LABELS || bits < MIN_BITS || bits > MAX_BITS)
        return SR_ERR_ARG;
    sr_trainer *t = calloc(1, sizeof *t);
    if (!t) return SR_ERR_NOMEM;
    t->nlabels = nlabels;
    t->bits = bits;
    t->mask = ((uint64_t)1 << bits) - 1;
    for (uint32_t i = 0; i < nlabels; i++) {
        if (!label_names[i] || !*label_names[i] ||
            strlen(label_names[i]) >= SR_MODEL_LABEL_LEN) {
            free(t);
            return SR_ERR_ARG;
        }
        strcpy(t->names[i], label_names[i]);
    }
    t->nw = (size_t)(nlabels + 1) * nlabels + ((size_t)1 << bits) * nlabels;
    t->w = calloc(t->nw, sizeof *t->w);
    t->u = calloc(t->nw, sizeof *t->u);
    t->step = 1.0;
    if (!t->w || !t->u) {
        sr_trainer_free(t);
        return SR_ERR_NOMEM;
    }
    *out = t;
    return SR_OK;
}

void sr_trainer_free(sr_trainer *t) {
    if (!t) return;
    free(t->w);
    free(t->u);
    free(t->emit);
    free(t->score);
    free(t->back);
    free(t->pred);
    free(t);
}

static int reserve(sr_trainer *t, size_t n) {
    if (n <= t->cap) return 0;
    size_t cap = n * 2, L = t->nlabels;
    float *e = realloc(t->emit, cap * L * sizeof *e);
    if (e) t->emit = e;
    float *s = realloc(t->score, cap * L * sizeof *s);
    if (s) t->score = s;
    uint8_t *b = realloc(t->back, cap * L);
    if (b) t->back = b;
    uint8_t *p = realloc(t->pred, cap);
    if (p) t->pred = p;
    if (!e || !s || !b || !p) return -1;
    t->cap = cap;
    return 0;
}

static void bump(sr_trainer *t, size_t idx, float d) {
    t->w[idx] += d;
    t->u[idx] += t->step * d;
}

void sr_trainer_set_costs(sr_trainer *t, float miss, float other) {
    t->miss = miss;
    t->other = other;
}

size_t sr_trainer_learn(sr_trainer *t, const sr_feats *f, const uint8_t *gold) {
    if (f->n == 0 || reserve(t, f->n)) return 0;
    uint32_t L = t->nlabels;
    size_t tr = (size_t)(L + 1) * L;
    emissions(t->w + tr, t->mask, L, f, t->emit);
    if (t->miss != 0 || t->other != 0)
        for (size_t i = 0; i < f->n; i++)
            for (uint32_t y = 0; y < L; y++)
                if (y != gold[i]) t->emit[i * L + y] += (y == 0) ? t->miss : t->other;
    viterbi(t->emit, f->n, L, t->w, t->score, t->back, t->pred);
    size_t wrong = 0;
    for (size_t i = 0; i < f->n; i++) {
        uint8_t g = gold[i], p = t->pred[i];
        assert(g < L);
        uint8_t gp = i ? gold[i - 1] : (uint8_t)L, pp = i ? t->pred[i - 1] : (uint8_t)L;
        if (g != p) {
            wrong++;
            for (uint32_t k = f->off[i]; k < f->off[i + 1]; k++) {
                size_t row = tr + (size_t)(f->h[k] & t->mask) * L;
                bump(t, row + g, 1.0f);
                bump(t, row + p, -1.0f);
            }
        }
        if (g != p || gp != pp) {
            bump(t, (size_t)gp * L + g, 1.0f);
            bump(t, (size_t)pp * L + p, -1.0f);
        }
    }
    t->step += 1.0;
    return wrong;
}

static void wr32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }

sr_status sr_trainer_image(const sr_trainer *t, const float *params, unsigned nparams,
                           void **out, size_t *len) {
    return sr_trainers_image(&t, 1, params, nparams, out, len);
}

sr_status sr_trainers_image(const sr_trainer *const *ts, size_t k, const float *params,
                            unsigned nparams, void **out, size_t *len) {
    const sr_trainer *t = ts[0];
    for (size_t m = 1; m < k; m++)
        if (ts[m]->nlabels != t->nlabels || ts[m]->bits != t->bits ||
            memcmp(ts[m]->names, t->names, sizeof t->names) != 0)
            return SR_ERR_ARG;
    uint32_t L = t->nlabels;
    size_t n = SR_MODEL_HEADER + body_size(L, t->bits);
    unsigned char *img = calloc(1, n);
    if (!img) return SR_ERR_NOMEM;
    memcpy(img, MAGIC, 8);
    wr32(img + 8, SR_MODEL_VERSION);
    wr32(img + 12, BOM);
    wr32(img + 16, SR_FEAT_VERSION);
    wr32(img + 20, L);
    wr32(img + 24, t->bits);
    float pv[SR_MODEL_NPARAMS] = {0};
    for (unsigned i = 0; i < nparams && i < SR_MODEL_NPARAMS; i++) pv[i] = params[i];
    memcpy(img + 40, pv, sizeof pv);
    unsigned char *q = img + SR_MODEL_HEADER;
    for (uint32_t i = 0; i < L; i++, q += SR_MODEL_LABEL_LEN)
        memcpy(q, t->names[i], SR_MODEL_LABEL_LEN);
    float *w = (float *)(void *)q;
    for (size_t i = 0; i < t->nw; i++) {
        double sum = 0;
        for (size_t m = 0; m < k; m++) sum += ts[m]->w[i] - ts[m]->u[i] / ts[m]->step;
        w[i] = (float)(sum / (double)k);
    }
    uint64_t sum = sr_fnv64(SR_FNV_SEED, img + SR_MODEL_HEADER, n - SR_MODEL_HEADER);
    memcpy(img + 32, &sum, 8);
    *out = img;
    *len = n;
    return SR_OK;
}

sr_status sr_model_write(const char *path, const void *img, size_t len, sr_error *err) {
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 8);
    if (!tmp) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    memcpy(tmp, path, pl);
    memcpy(tmp + pl, ".tmp", 5);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        sr_status s = sr_fail(err, SR_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
        free(tmp);
        return s;
    }
    int ok = fwrite(img, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        sr_status s = sr_fail(err, SR_ERR_IO, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        free(tmp);
        return s;
    }
    free(tmp);
    return SR_OK;
}
