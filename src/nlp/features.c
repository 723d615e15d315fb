/*
 * features.c -- the role tagger's features (see features.h for the list).
 *
 * Each feature is built by hashing a short tag ("w-1") and then the value
 * bytes into one FNV-1a state, so a feature costs a few multiplications
 * and no memory besides its 8-byte slot.  A token gets at most MAXF
 * features; the arrays are sized for that up front (one allocation each).
 */
#include "features.h"

#include <stdlib.h>
#include <string.h>

#define MAXF SR_FEAT_MAX
#define TRIG_WINDOW 12u  /* farther triggers count as "none" */

uint64_t sr_fnv64(uint64_t h, const void *p, size_t n) {
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t tag(const char *t) {
    return sr_fnv64(SR_FNV_SEED, t, strlen(t) + 1);  /* NUL separates tag/value */
}

static uint64_t add_str(uint64_t h, const char *s, size_t n) {
    return sr_fnv64(h, s, n);
}

static uint64_t add_sep(uint64_t h) {
    unsigned char c = 0x1f;
    return sr_fnv64(h, &c, 1);
}

/* A feature from a tag hash and a value (a word hash or a small number):
 * one multiplication and a fold of the high half into the low bits, which
 * pick the weight bucket (features v4; v3 used splitmix64's three-multiply
 * finaliser, a third of the feature time).  Multiplying by an odd
 * constant carries a difference in any bit of h ^ v upwards, and the fold
 * brings the well-mixed high bits down. */
static uint64_t comb(uint64_t h, uint64_t v) {
    uint64_t x = (h ^ v) * 0xbf58476d1ce4e5b9ull;
    return x ^ (x >> 29);
}

typedef struct fsink {
    uint64_t *h;
    uint32_t n;
} fsink;

static void put(fsink *s, uint64_t h) {
    if (s->n < MAXF) s->h[s->n++] = h;
}

/* The folded word of token i, with markers beyond the sequence ends. */
static const char *word(const sr_tokens *t, long i, size_t *n) {
    if (i < 0) { *n = 3; return "<s>"; }
    if ((size_t)i >= t->n) { *n = 4; return "</s>"; }
    *n = t->v[i].norm_len;
    return t->v[i].norm;
}

/* Shape of a folded word: letters x, digits d, others kept, runs
 * collapsed, at most 8 characters ("m-16" -> "x-d"). */
static size_t shape(const char *s, size_t n, char out[8]) {
    size_t k = 0;
    for (size_t i = 0; i < n && k < 8; i++) {
        unsigned char c = (unsigned char)s[i];
        char m = (c >= '0' && c <= '9') ? 'd'
                 : ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80 ? 'x' : (char)c;
        if (k == 0 || out[k - 1] != m) out[k++] = m;
    }
    return k;
}

/* Number of UTF-8 bytes of the first `chars` code points (or fewer). */
static size_t prefix_bytes(const char *s, size_t n, size_t chars) {
    size_t i = 0;
    while (i < n && chars) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        chars--;
    }
    return i;
}

static size_t suffix_start(const char *s, size_t n, size_t chars) {
    size_t i = n;
    while (i > 0 && chars) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
        chars--;
    }
    return i;
}

static unsigned bucket(uint32_t d) {
    return d <= 3 ? d : d <= 5 ? 4 : d <= 8 ? 5 : 6;
}

#define NONE UINT32_MAX

/* Per-token lexicon facts, computed once for the whole sequence. */
typedef struct sr_feat_lex {
    uint64_t kind_b, kind_i;   /* hash of the kind of a match starting at /
                                  inside the token (longest first), 0 = none */
    uint8_t trigger;           /* a trigger match starts here */
} lexinfo;  /* = struct sr_feat_lex */

/* How often each token's folded word occurs in the sequence, through an
 * open-addressing table of word hashes (arena memory). */
static uint32_t *word_counts(sr_arena *a, const sr_tokens *t, uint64_t *wh) {
    size_t cap = 16;
    while (cap < 2 * t->n) cap *= 2;
    uint64_t *key = sr_arena_calloc(a, cap, sizeof *key);
    uint32_t *cnt = sr_arena_calloc(a, cap, sizeof *cnt);
    uint32_t *out = sr_arena_alloc(a, t->n * sizeof *out);
    size_t *slot = sr_arena_alloc(a, t->n * sizeof *slot);
    if (!key || !cnt || !out || !slot) return NULL;
    for (size_t i = 0; i < t->n; i++) {
        uint64_t h = sr_fnv64(SR_FNV_SEED, t->v[i].norm, t->v[i].norm_len) | 1;
        wh[i] = h;
        size_t s = (size_t)(h >> 7) & (cap - 1);
        while (key[s] && key[s] != h) s = (s + 1) & (cap - 1);
        key[s] = h;
        cnt[s]++;
        slot[i] = s;
    }
    for (size_t i = 0; i < t->n; i++) out[i] = cnt[slot[i]];
    return out;
}

static int is_trigger_kind(const char *k) {
    return k && strcmp(k, "trigger") == 0;
}

int sr_feat_prepare(sr_arena *a, const sr_feat_input *in, sr_feat_ctx *c) {
    const sr_tokens *t = in->toks;
    size_t n = t->n;
    memset(c, 0, sizeof *c);
    c->in = *in;
    if (n == 0) return 0;
    lexinfo *li = sr_arena_calloc(a, n, sizeof *li);
    if (!li) return -1;
    c->li = li;

    /* lexicon: kinds covering each token; triggers */
    if (in->lex && in->matcher) {
        for (size_t k = 0; k < in->lex->n; k++) {
            const sr_match *m = &in->lex->v[k];
            const sr_lex_entry *e = sr_matcher_entry(in->matcher, m->entry);
            if (!e || m->tok_first >= n || m->tok_end > n) continue;
            if (is_trigger_kind(e->kind)) li[m->tok_first].trigger = 1;
            uint64_t kh = e->kind ? sr_fnv64(SR_FNV_SEED, e->kind, strlen(e->kind)) | 1 : 0;
            if (!li[m->tok_first].kind_b) li[m->tok_first].kind_b = kh;
            for (uint32_t j = m->tok_first + 1; j < m->tok_end; j++)
                if (!li[j].kind_i) li[j].kind_i = kh;
        }
    }

    /* sentence relevance: number of triggers in each sentence */
    size_t nsent = in->sents && in->sents->n ? in->sents->n : 1;
    uint32_t *sent_rel = sr_arena_calloc(a, nsent, sizeof *sent_rel);
    if (!sent_rel) return -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t s = in->sents && in->sents->n ? t->v[i].sent : 0;
        if (s < nsent && li[i].trigger) sent_rel[s]++;
    }
    c->sent_rel = sent_rel;
    c->nsent = nsent;

    uint64_t *wh = sr_arena_alloc(a, n * sizeof *wh);
    c->freq = wh ? word_counts(a, t, wh) : NULL;
    if (!c->freq) return -1;
    c->wh = wh;

    /* nearest trigger to the left and right within the sentence */
    uint32_t *left = sr_arena_alloc(a, n * sizeof *left);
    uint32_t *right = sr_arena_alloc(a, n * sizeof *right);
    if (!left || !right) return -1;
    uint32_t last = NONE;
    for (size_t i = 0; i < n; i++) {
        if (i && t->v[i].sent != t->v[i - 1].sent) last = NONE;
        left[i] = last;
        if (li[i].trigger) last = (uint32_t)i;
    }
    last = NONE;
    for (size_t i = n; i-- > 0;) {
        if (i + 1 < n && t->v[i].sent != t->v[i + 1].sent) last = NONE;
        right[i] = last;
        if (li[i].trigger) last = (uint32_t)i;
    }
    c->left = left;
    c->right = right;
    return 0;
}

void sr_feat_range(const sr_feat_ctx *c, size_t first, size_t end, uint64_t *h,
                   uint32_t *off) {
    const sr_feat_input *in = &c->in;
    const sr_tokens *t = in->toks;
    size_t n = t->n;
    const lexinfo *li = c->li;
    const uint32_t *sent_rel = c->sent_rel, *freq = c->freq, *left = c->left, *right = c->right;
    size_t nsent = c->nsent;
    off[0] = 0;

    const uint64_t T_BIAS = tag("bias"), T_W = tag("w"), T_P2 = tag("p2"),
                   T_P3 = tag("p3"), T_S2 = tag("s2"), T_S3 = tag("s3"),
                   T_SH = tag("sh"), T_LB = tag("lexB"), T_LI = tag("lexI"),
                   T_LL = tag("lexL"), T_LR = tag("lexR"), T_TL = tag("trigL"),
                   T_TR = tag("trigR"), T_DL = tag("dL"), T_DR = tag("dR"),
                   T_SR = tag("srel"), T_SRW = tag("srel|w"), T_SI = tag("sidx"),
                   T_DP = tag("dpos"), T_SS = tag("sstart"), T_TRG = tag("trig"),
                   T_FQ = tag("freq"), T_TLD = tag("trigL|d"), T_TRD = tag("trigR|d");
    static const char *const CTX[] = {"w-3", "w-2", "w-1", "", "w+1", "w+2", "w+3"};
    uint64_t T_CTX[7];
    for (int k = 0; k < 7; k++) T_CTX[k] = tag(CTX[k]);
    const uint64_t T_BL = tag("w-1|w"), T_BR = tag("w|w+1"), T_BLL = tag("w-2|w-1"),
                   T_BRR = tag("w+1|w+2");

    const uint64_t *wh = c->wh;
    const uint64_t W_START = tag("<s>"), W_END = tag("</s>");
    for (size_t i = first; i < end && i < n; i++) {
        fsink s = {h + off[i - first], 0};
        size_t wn;
        const char *w = word(t, (long)i, &wn);
        /* word hashes at -3..+3, markers beyond the document's ends */
        uint64_t x[7];
        for (int k = 0; k < 7; k++) {
            long j = (long)i + k - 3;
            x[k] = j < 0 ? W_START : (size_t)j >= n ? W_END : wh[j];
        }
        put(&s, T_BIAS);
        put(&s, comb(T_W, x[3]));
        if (t->v[i].kind == SR_TOK_WORD && wn > 3) {
            put(&s, add_str(T_P2, w, prefix_bytes(w, wn, 2)));
            put(&s, add_str(T_P3, w, prefix_bytes(w, wn, 3)));
            size_t s2 = suffix_start(w, wn, 2), s3 = suffix_start(w, wn, 3);
            put(&s, add_str(T_S2, w + s2, wn - s2));
            put(&s, add_str(T_S3, w + s3, wn - s3));
        }
        char sh[8];
        size_t shn = shape(w, wn, sh);
        put(&s, add_str(T_SH, sh, shn));
        for (int k = 0; k < 7; k++)
            if (k != 3) put(&s, comb(T_CTX[k], x[k]));
        put(&s, comb(comb(T_BL, x[2]), x[3]));
        put(&s, comb(comb(T_BR, x[3]), x[4]));
        put(&s, comb(comb(T_BLL, x[1]), x[2]));
        put(&s, comb(comb(T_BRR, x[4]), x[5]));

        /* lexicon kinds, by name */
        if (li[i].kind_b) put(&s, comb(T_LB, li[i].kind_b));
        if (li[i].kind_i) put(&s, comb(T_LI, li[i].kind_i));
        if (i > 0 && (li[i - 1].kind_b || li[i - 1].kind_i))
            put(&s, comb(T_LL, li[i - 1].kind_b ? li[i - 1].kind_b : li[i - 1].kind_i));
        if (i + 1 < n && li[i + 1].kind_b) put(&s, comb(T_LR, li[i + 1].kind_b));
        if (li[i].trigger) put(&s, T_TRG);

        /* triggers: distance and word on each side */
        uint32_t dl = left[i] == NONE ? NONE : (uint32_t)i - left[i];
        uint32_t dr = right[i] == NONE ? NONE : right[i] - (uint32_t)i;
        unsigned bl = dl == NONE || dl > TRIG_WINDOW ? 7 : bucket(dl);
        unsigned br = dr == NONE || dr > TRIG_WINDOW ? 7 : bucket(dr);
        put(&s, comb(T_DL, bl));
        put(&s, comb(T_DR, br));
        if (bl != 7) {
            put(&s, comb(T_TL, wh[left[i]]));
            put(&s, comb(comb(T_TLD, wh[left[i]]), bl));
        }
        if (br != 7) {
            put(&s, comb(T_TR, wh[right[i]]));
            put(&s, comb(comb(T_TRD, wh[right[i]]), br));
        }
        /* how often the word recurs in the document: entities recur */
        if (t->v[i].kind == SR_TOK_WORD) {
            unsigned fq = freq[i] == 1 ? 0 : freq[i] == 2 ? 1 : freq[i] <= 4 ? 2 : 3;
            put(&s, comb(T_FQ, fq));
        }

        /* sentence and document position */
        uint32_t sidx = in->sents && in->sents->n ? t->v[i].sent : 0;
        unsigned rel = sidx < nsent && sent_rel[sidx] ? 1 : 0;
        put(&s, comb(T_SR, rel));
        put(&s, comb(comb(T_SRW, x[3]), rel));
        unsigned sb = sidx == 0 ? 0 : sidx == 1 ? 1 : sidx == 2 ? 2 : sidx < 6 ? 3 : sidx < 10 ? 4 : 5;
        put(&s, comb(T_SI, sb));
        unsigned dp = (unsigned)(i * 4 / n);
        put(&s, comb(T_DP, dp));
        if (i == 0 || t->v[i].sent != t->v[i - 1].sent) put(&s, T_SS);

        off[i - first + 1] = off[i - first] + s.n;
    }
}

int sr_features(sr_arena *a, const sr_feat_input *in, sr_feats *out) {
    size_t n = in->toks->n;
    sr_feat_ctx c;
    out->n = n;
    out->off = sr_arena_alloc(a, (n + 1) * sizeof *out->off);
    out->h = n ? sr_arena_alloc(a, n * SR_FEAT_MAX * sizeof *out->h) : NULL;
    if (!out->off || (n && !out->h) || sr_feat_prepare(a, in, &c)) return -1;
    sr_feat_range(&c, 0, n, out->h, out->off);
    return 0;
}


/* ---- document features --------------------------------------------------- */

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int sr_doc_features(sr_arena *a, const sr_feat_input *in, sr_feats *out) {
    const sr_tokens *t = in->toks;
    size_t cap = 2 * t->n + 8, n = 0;
    uint64_t *h = sr_arena_alloc(a, cap * sizeof *h);
    out->off = sr_arena_alloc(a, 2 * sizeof *out->off);
    if (!h || !out->off) return -1;
    const uint64_t T_DW = tag("dw"), T_DB = tag("db"), T_D1 = tag("d1"), T_DT = tag("dtrig");
    h[n++] = tag("bias");
    uint32_t trig = 0;
    if (in->lex && in->matcher)
        for (size_t k = 0; k < in->lex->n; k++) {
            const sr_lex_entry *e = sr_matcher_entry(in->matcher, in->lex->v[k].entry);
            if (e && is_trigger_kind(e->kind)) trig++;
        }
    unsigned tb = trig == 0 ? 0 : trig == 1 ? 1 : trig <= 3 ? 2 : trig <= 6 ? 3 : 4;
    h[n++] = sr_fnv64(T_DT, &tb, sizeof tb);
    const sr_token *prev = NULL;
    for (size_t i = 0; i < t->n && n + 3 <= cap; i++) {
        const sr_token *x = &t->v[i];
        if (x->kind != SR_TOK_WORD) { prev = NULL; continue; }
        h[n++] = add_str(T_DW, x->norm, x->norm_len);
        if (prev)
            h[n++] = add_str(add_sep(add_str(T_DB, prev->norm, prev->norm_len)), x->norm,
                             x->norm_len);
        if (x->sent == 0 && n < cap) h[n++] = add_str(T_D1, x->norm, x->norm_len);
        prev = x;
    }
    /* each feature once: a document's bag, not its counts */
    qsort(h, n, sizeof *h, cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || h[k - 1] != h[i]) h[k++] = h[i];
    out->h = h;
    out->off[0] = 0;
    out->off[1] = (uint32_t)k;
    out->n = 1;
    return 0;
}
