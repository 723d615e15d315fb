/*
 * places_resolve.c -- choosing, for each recognised name, the place it
 * means.
 *
 * Each mention keeps its candidates (best prior first, from the file:
 * log10 population + feature weight).  Candidates are scored by prior plus
 * context, in three rounds: each round's choices make the next one's
 * context -- the countries and divisions the other mentions name or lie
 * in (a mention's own name never counts for itself), "X, Y" containment,
 * a type cue ("X province"), and closeness to the places other names
 * nearby in the text may mean.  Linear in the number of mentions (a sort
 * aside): the context is the document's less the same name's, closeness
 * looks at a window of mentions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "places_int.h"

#define CTX_COUNTRY 3.0f   /* the best-attested country of the other mentions */
#define CTX_ADMIN1 1.5f    /* a division the other mentions name or lie in */
#define CTX_COUNTY 1.5f    /* more of it for "X County" */
#define NEAR_W 2.0f        /* closeness to the other mentions' places */
#define ALT_NAME 1.5f      /* an alternate name scores less than the own name */

/* ---- the document's context -------------------------------------------------
 *
 * A context key is a country (cc, admin1 NULL) or a division (cc, admin1
 * name, compared by content: the file keeps one copy of the string per
 * place).  Keys get small ids from a hash table built as the document's
 * mentions name them; the weights of a round are one float per id, summed
 * in mention order.  The context a mention sees is the document's less
 * what the mentions of its own name gave: that difference is computed once
 * per name and round (a short list of adjusted keys), so a name mentioned
 * a thousand times costs a thousand, not a million. */

typedef struct ckey { const char *admin1; uint32_t h; char cc[2]; } ckey;
typedef struct adj { uint32_t id; float v; } adj;

typedef struct ctx {
    const sr_gazetteer *g;
    sr_arena *a;
    ckey *key;
    float *w;            /* weight of each id this round */
    float *tmp;          /* scratch: adjusted weights of one name */
    uint32_t *stamp;     /* scratch: which name tmp[id] belongs to (+1) */
    size_t n, cap;
    uint32_t *slot;      /* id + 1, 0 = empty */
    size_t nslot;
    uint32_t *countries; /* the ids that are countries */
    size_t ncountries;
    adj *adj;            /* the names' adjusted keys (work.adj_first/adj_n) */
    size_t nadj, capadj;
    uint64_t ops;        /* context operations, for sr_places.resolve_ops */
} ctx;

static uint32_t key_hash(const char cc[2], const char *admin1) {
    uint32_t h = sr_gaz_hash(SR_GAZ_HASH_INIT, cc, 2);
    if (admin1) h = sr_gaz_hash(sr_gaz_hash(h, "/", 1), admin1, strlen(admin1));
    return h;
}

static int key_eq(const ckey *k, uint32_t h, const char cc[2], const char *admin1) {
    if (k->h != h || k->cc[0] != cc[0] || k->cc[1] != cc[1]) return 0;
    if (!admin1 || !k->admin1) return !admin1 && !k->admin1;
    return k->admin1 == admin1 || strcmp(k->admin1, admin1) == 0;
}

static int ctx_grow(ctx *c) {
    size_t nc = c->cap ? c->cap * 2 : 64;
    ckey *k = sr_arena_realloc(c->a, c->key, c->cap * sizeof *k, nc * sizeof *k);
    float *w = sr_arena_realloc(c->a, c->w, c->cap * sizeof *w, nc * sizeof *w);
    float *t = sr_arena_realloc(c->a, c->tmp, c->cap * sizeof *t, nc * sizeof *t);
    uint32_t *st = sr_arena_calloc(c->a, nc, sizeof *st);
    uint32_t *cs = sr_arena_realloc(c->a, c->countries, c->cap * sizeof *cs, nc * sizeof *cs);
    uint32_t *sl = sr_arena_calloc(c->a, nc * 2, sizeof *sl);
    if (!k || !w || !t || !st || !cs || !sl) return -1;
    if (c->stamp) memcpy(st, c->stamp, c->n * sizeof *st);
    for (size_t i = 0; i < c->n; i++) {           /* rehash */
        size_t s = k[i].h & (nc * 2 - 1);
        while (sl[s]) s = (s + 1) & (nc * 2 - 1);
        sl[s] = (uint32_t)i + 1;
    }
    c->key = k; c->w = w; c->tmp = t; c->stamp = st; c->countries = cs;
    c->slot = sl; c->nslot = nc * 2; c->cap = nc;
    return 0;
}

/* The id of a key; with add, a new key gets one (weight 0).  UINT32_MAX
 * when absent (or out of memory: the key then counts for nothing). */
static uint32_t ctx_id(ctx *c, const char cc[2], const char *admin1, int add) {
    c->ops++;
    uint32_t h = key_hash(cc, admin1);
    if (c->nslot) {
        for (size_t s = h & (c->nslot - 1);; s = (s + 1) & (c->nslot - 1)) {
            uint32_t i = c->slot[s];
            if (!i) break;
            if (key_eq(&c->key[i - 1], h, cc, admin1)) return i - 1;
        }
    }
    if (!add || (c->n == c->cap && ctx_grow(c) != 0)) return UINT32_MAX;
    size_t s = h & (c->nslot - 1);
    while (c->slot[s]) s = (s + 1) & (c->nslot - 1);
    uint32_t id = (uint32_t)c->n++;
    c->slot[s] = id + 1;
    c->key[id] = (ckey){admin1, h, {cc[0], cc[1]}};
    c->w[id] = 0;
    c->stamp[id] = 0;
    if (!admin1) c->countries[c->ncountries++] = id;
    return id;
}

/* The keys a chosen place gives weight to: its country, and its division
 * (a city's at half weight).  Returns how many (0-2). */
static int place_keys(ctx *c, const sr_gaz_place *p, float wt, uint32_t id[2], float w[2]) {
    if (!p || !p->cc[0] || wt == 0) return 0;
    const sr_gazetteer *g = c->g;
    int n = 0;
    id[n] = ctx_id(c, p->cc, NULL, 1);
    w[n++] = wt;
    const char *a1 = NULL;
    float aw = wt;
    if (p->kind == SR_GAZ_ADMIN1) a1 = sr_gaz_str(g, p->name);
    else if (p->kind == SR_GAZ_ADMIN2 && p->admin1) a1 = sr_gaz_str(g, p->admin1);
    else if (p->kind == SR_GAZ_CITY && p->admin1) { a1 = sr_gaz_str(g, p->admin1); aw = wt * 0.5f; }
    if (a1) {
        id[n] = ctx_id(c, p->cc, a1, 1);
        w[n++] = aw;
    }
    return n;
}

/* Load the candidates of every mention, keeping those its role allows
 * (and MAX_CAND at most).  A mention of a name shares the list of the
 * name's previous mention when role and CAND_CUES agree, so a document
 * keeps one list per name, not 48 slots per mention; lists are packed
 * into chunks of the arena. */
#define CAND_CHUNK 4096
static int load_candidates(const sr_gazetteer *g, const sr_places *pl, work *w, sr_arena *a) {
    uint32_t *pool = NULL;
    uint8_t *prim_pool = NULL;
    size_t left = 0;
    for (size_t m = 0; m < pl->n; m++) {
        const sr_place *p = &pl->v[m];
        w[m].ncand = 0;
        w[m].cand = NULL;
        w[m].primary = NULL;
        if (p->role == SR_PLACE_ANAPHOR || !p->entry) continue;
        uint32_t prev = w[m].same_prev;
        if (prev != UINT32_MAX && pl->v[prev].role == p->role &&
            (pl->v[prev].cue & CAND_CUES) == (p->cue & CAND_CUES)) {
            w[m].cand = w[prev].cand;
            w[m].primary = w[prev].primary;
            w[m].ncand = w[prev].ncand;
            continue;
        }
        uint32_t cand[MAX_CAND];
        uint8_t primary[MAX_CAND];
        int n = 0;
        const sr_gaz_entry *e = p->entry;
        for (size_t c = 0; c < e->ncand && n < MAX_CAND; c++) {
            uint32_t pi;
            int prim;
            const sr_gaz_place *gp = sr_places_cand_ok(g, e, c, p->cue, &pi);
            if (!gp || sr_gaz_cand(g, e, c, &pi, &prim) != 0) continue;
            if ((gp->kind == SR_GAZ_DEMONYM) != (p->role == SR_PLACE_DEMONYM)) continue;
            cand[n] = pi;
            primary[n++] = (uint8_t)prim;
        }
        if (n == 0) continue;
        if (left < (size_t)n) {
            pool = sr_arena_alloc(a, CAND_CHUNK * sizeof *pool);
            prim_pool = sr_arena_alloc(a, CAND_CHUNK);
            if (!pool || !prim_pool) return -1;
            left = CAND_CHUNK;
        }
        memcpy(pool, cand, (size_t)n * sizeof *pool);
        memcpy(prim_pool, primary, (size_t)n);
        w[m].cand = pool;
        w[m].primary = prim_pool;
        w[m].ncand = n;
        pool += n;
        prim_pool += n;
        left -= (size_t)n;
    }
    return 0;
}

/* ---- resolution ----------------------------------------------------------- */

static const sr_gaz_place *chosen(const sr_gazetteer *g, const work *w) {
    return w->choice >= 0 ? sr_gaz_place_at(g, w->cand[w->choice]) : NULL;
}

/* The context every mention gives the others: weights summed in mention
 * order. */
static void build_context(const sr_gazetteer *g, const sr_places *pl, work *w, ctx *c) {
    for (size_t i = 0; i < c->n; i++) c->w[i] = 0;
    for (size_t m = 0; m < pl->n; m++) {
        uint32_t id[2];
        float wt[2];
        w[m].ctx_choice = w[m].choice;
        int k = place_keys(c, chosen(g, &w[m]), w[m].weight, id, wt);
        for (int i = 0; i < k; i++)
            if (id[i] != UINT32_MAX) c->w[id[i]] += wt[i];
    }
}

/* For each name (its first mention), the keys whose weight its own
 * mentions change, with the weight the other mentions leave them
 * (three "Alexandria"s do not make Egypt likelier), and the best country
 * weight it sees.  Linear in the number of mentions (times the number of
 * the document's countries per name). */
static int adjust_names(const sr_gazetteer *g, const sr_places *pl, work *w, ctx *c) {
    c->nadj = 0;
    for (size_t m = 0; m < pl->n; m++) {
        if (w[m].same_first != m) continue;
        uint32_t first = (uint32_t)c->nadj;
        for (uint32_t o = (uint32_t)m; o != UINT32_MAX; o = w[o].same_next) {
            if (w[o].ctx_choice < 0) continue;
            uint32_t id[2];
            float wt[2];
            int k = place_keys(c, sr_gaz_place_at(g, w[o].cand[w[o].ctx_choice]),
                               -w[o].weight, id, wt);
            for (int i = 0; i < k; i++) {
                if (id[i] == UINT32_MAX) continue;
                if (c->stamp[id[i]] != m + 1) {
                    if (c->nadj == c->capadj) {
                        size_t nc = c->capadj ? c->capadj * 2 : 64;
                        adj *v = sr_arena_realloc(c->a, c->adj, c->capadj * sizeof *v, nc * sizeof *v);
                        if (!v) return -1;
                        c->adj = v;
                        c->capadj = nc;
                    }
                    c->stamp[id[i]] = (uint32_t)m + 1;
                    c->tmp[id[i]] = c->w[id[i]];
                    c->adj[c->nadj++].id = id[i];
                }
                c->tmp[id[i]] += wt[i];
            }
        }
        float cmax = 0;
        for (size_t i = first; i < c->nadj; i++) {
            c->adj[i].v = c->tmp[c->adj[i].id];
            c->stamp[c->adj[i].id] = 0;
        }
        w[m].adj_first = first;
        w[m].adj_n = (uint32_t)(c->nadj - first);
        for (size_t i = 0; i < c->ncountries; i++) {
            uint32_t id = c->countries[i];
            float v = c->w[id];
            for (size_t j = first; j < c->nadj; j++)
                if (c->adj[j].id == id) { v = c->adj[j].v; break; }
            if (v > cmax) cmax = v;
        }
        c->ops += c->ncountries + (c->nadj - first);
        w[m].cmax = cmax;
    }
    return 0;
}

/* The weight mention m's context gives key (cc, admin1). */
static float ctx_get(ctx *c, const work *w, size_t m, const char cc[2], const char *admin1) {
    uint32_t id = ctx_id(c, cc, admin1, 0);
    if (id == UINT32_MAX) return 0;
    const work *f = &w[w[m].same_first];
    for (uint32_t j = f->adj_first; j < f->adj_first + f->adj_n; j++)
        if (c->adj[j].id == id) return c->adj[j].v;
    return c->w[id];
}

static float mention_weight(const sr_gazetteer *g, const sr_place *p, const work *w) {
    const sr_gaz_place *c = chosen(g, w);
    if (!c) return 0;
    float wt = 1.0f;
    if (p->role == SR_PLACE_DEMONYM) wt = 0.7f;
    if (c->kind == SR_GAZ_COUNTRY) wt = 1.5f;
    if (c->kind == SR_GAZ_REGION) wt = 0;
    if (p->cue & SR_PLACE_CUE_DATELINE) wt *= 3;
    /* an uncertain choice is weak evidence */
    if (w->ncand > 1 && p->margin < 1.0f) wt *= 0.5f;
    return wt;
}

/* ---- closeness ---------------------------------------------------------------
 *
 * The places another name near m in the text may mean: one of its
 * NEAR_CAND best candidates, so that "Walker County ... Huntsville" finds
 * the Texas pair even when both first chose Alabama.  Only names within
 * NEAR_WINDOW mentions count, one mention per name (the first in the
 * window), which keeps a long document linear.  The points are gathered
 * once per mention, sorted by latitude; a candidate looks only at those
 * within NEAR_LAT degrees of latitude (farther ones are beyond the last
 * threshold, 500 km), and stops at the first under 50 km.  Distances are
 * flat-Earth (good to a few percent under 500 km). */
#define NEAR_CAND 12
#define NEAR_WINDOW 30
#define NEAR_LAT 4.6           /* degrees: 511 km, more than the last threshold */
#define NEAR_MAX ((2 * NEAR_WINDOW + 1) * NEAR_CAND)
#define NEAR_SORT 8            /* candidates from which the points are sorted */

typedef struct near_pt { float lat, lon; } near_pt;

static int cmp_pt(const void *a, const void *b) {
    float x = ((const near_pt *)a)->lat, y = ((const near_pt *)b)->lat;
    return x < y ? -1 : x > y;
}

static size_t near_points(const sr_gazetteer *g, const sr_places *pl, const work *w, size_t m,
                          near_pt *pt, int sort, uint64_t *ops) {
    size_t n = 0;
    size_t lo = m > NEAR_WINDOW ? m - NEAR_WINDOW : 0;
    size_t hi = m + NEAR_WINDOW + 1 < pl->n ? m + NEAR_WINDOW + 1 : pl->n;
    for (size_t o = lo; o < hi; o++) {
        if (o == m || pl->v[o].role != SR_PLACE_TOPONYM || w[o].same_first == w[m].same_first)
            continue;
        if (w[o].same_prev != UINT32_MAX && w[o].same_prev >= lo) continue;  /* one per name */
        for (int c = 0; c < w[o].ncand && c < NEAR_CAND; c++) {
            const sr_gaz_place *q = sr_gaz_place_at(g, w[o].cand[c]);
            if (!q || q->kind == SR_GAZ_COUNTRY || q->kind == SR_GAZ_REGION) continue;
            pt[n++] = (near_pt){q->lat, q->lon};
        }
    }
    *ops += hi - lo + n;
    if (sort) qsort(pt, n, sizeof *pt, cmp_pt);
    return n;
}

/* The closeness band of gp: 3 (< 50 km), 2 (< 200), 1 (< 500), 0.  With
 * sorted points only the latitude band is looked at; the result is the
 * same either way. */
static int near_band(const near_pt *pt, size_t n, int sorted, const sr_gaz_place *gp,
                     uint64_t *ops) {
    double best = 1e18, coslat = cos(gp->lat * 0.017453292519943295);
    double south = (double)gp->lat - NEAR_LAT, north = (double)gp->lat + NEAR_LAT;
    size_t lo = 0, hi = n;
    while (sorted && lo < hi) {   /* first point at or above south */
        size_t mid = lo + (hi - lo) / 2;
        if ((double)pt[mid].lat < south) lo = mid + 1; else hi = mid;
    }
    for (size_t i = lo; i < n; i++) {
        if ((double)pt[i].lat > north) {
            if (sorted) break;
            continue;
        }
        if ((double)pt[i].lat < south) continue;
        (*ops)++;
        double dlon = fabs((double)pt[i].lon - gp->lon);
        if (dlon > 180) dlon = 360 - dlon;
        double dx = dlon * coslat, dy = (double)pt[i].lat - gp->lat;
        double d2 = dx * dx + dy * dy;
        if (d2 < best) {
            best = d2;
            if (111.2 * sqrt(best) < 50) break;
        }
    }
    double d = best >= 1e18 ? 1e9 : 111.2 * sqrt(best);
    return d < 50 ? 3 : d < 200 ? 2 : d < 500 ? 1 : 0;
}

static void score_mention(const sr_gazetteer *g, const sr_places *pl, work *w, size_t m,
                          ctx *cx, int with_distance, near_pt *pt) {
    const sr_place *p = &pl->v[m];
    work *wk = &w[m];
    float cmax = w[wk->same_first].cmax;
    const sr_gaz_place *cont = wk->contained_by >= 0 ? chosen(g, &w[wk->contained_by]) : NULL;
    /* A country's name means the country unless the text places it:
     * "Mexico" is not Mexico, Maine, because Maine towns are nearby. */
    int names_country = 0;
    for (int c = 0; c < wk->ncand; c++) {
        const sr_gaz_place *q = sr_gaz_place_at(g, wk->cand[c]);
        if (q && q->kind == SR_GAZ_COUNTRY) names_country = 1;
    }
    size_t npt = 0;
    int have_pt = 0;
    int best = -1;
    float bs = -1e9f, second = -1e9f;
    for (int c = 0; c < wk->ncand; c++) {
        const sr_gaz_place *gp = sr_gaz_place_at(g, wk->cand[c]);
        float s = gp->prior + (wk->primary[c] ? 0.3f : -ALT_NAME);
        if (gp->cc[0] && cmax > 0) {
            float v = ctx_get(cx, w, m, gp->cc, NULL);
            if (v > 0) s += CTX_COUNTRY * v / cmax;
        }
        if ((gp->kind == SR_GAZ_CITY || gp->kind == SR_GAZ_ADMIN2) && gp->admin1) {
            float v = ctx_get(cx, w, m, gp->cc, sr_gaz_str(g, gp->admin1));
            if (v > 0.2f) s += CTX_ADMIN1 + ((p->cue & SR_PLACE_CUE_ADMIN) ? CTX_COUNTY : 0);
        }
        if (cont) {
            if (cont->kind == SR_GAZ_COUNTRY && memcmp(cont->cc, gp->cc, 2) == 0) s += 4;
            if (cont->kind == SR_GAZ_ADMIN1 && memcmp(cont->cc, gp->cc, 2) == 0 && gp->admin1 &&
                strcmp(sr_gaz_str(g, gp->admin1), sr_gaz_str(g, cont->name)) == 0)
                s += 5;
        }
        if ((p->cue & SR_PLACE_CUE_ADMIN) && gp->kind == SR_GAZ_ADMIN1) s += 4;
        if ((p->cue & SR_PLACE_CUE_CITY) && gp->kind == SR_GAZ_CITY) s += 1;
        if (with_distance && gp->kind != SR_GAZ_COUNTRY && gp->kind != SR_GAZ_REGION &&
            !names_country) {
            /* sorting pays for itself only for a name with many places */
            int sort = wk->ncand > NEAR_SORT;
            if (!have_pt) { npt = near_points(g, pl, w, m, pt, sort, &cx->ops); have_pt = 1; }
            int band = near_band(pt, npt, sort, gp, &cx->ops);
            if (band == 3) s += 1.5f * NEAR_W;
            else if (band == 2) s += 1.0f * NEAR_W;
            else if (band == 1) s += 0.5f * NEAR_W;
        }
        if (s > bs) { second = bs; bs = s; best = c; }
        else if (s > second) second = s;
    }
    wk->choice = best;
    pl->v[m].score = bs;
    pl->v[m].margin = wk->ncand > 1 ? bs - second : 10.0f;
}

typedef struct by_entry { uintptr_t entry; uint32_t m; } by_entry;

static int cmp_by_entry(const void *a, const void *b) {
    const by_entry *x = a, *y = b;
    if (x->entry != y->entry) return x->entry < y->entry ? -1 : 1;
    return x->m < y->m ? -1 : (x->m > y->m);
}

/* Chain the mentions of each name (same gazetteer entry). */
static int group_names(sr_places *pl, work *w, sr_arena *a) {
    by_entry *ix = sr_arena_alloc(a, (pl->n + 1) * sizeof *ix);
    if (!ix) return -1;
    for (size_t m = 0; m < pl->n; m++) {
        ix[m].entry = (uintptr_t)pl->v[m].entry;
        ix[m].m = (uint32_t)m;
        w[m].same_first = (uint32_t)m;
        w[m].same_next = w[m].same_prev = UINT32_MAX;
    }
    qsort(ix, pl->n, sizeof *ix, cmp_by_entry);
    for (size_t k = 1; k < pl->n; k++) {
        uint32_t prev = ix[k - 1].m, cur = ix[k].m;
        if (!pl->v[cur].entry || pl->v[cur].entry != pl->v[prev].entry) continue;
        w[prev].same_next = cur;
        w[cur].same_prev = prev;
        w[cur].same_first = w[prev].same_first;
    }
    return 0;
}

int sr_places_resolve(const sr_gazetteer *g, sr_places *pl, work *w, sr_arena *a) {
    pl->resolve_ops = 0;
    if (group_names(pl, w, a) != 0 || load_candidates(g, pl, w, a) != 0) return -1;
    for (size_t m = 0; m < pl->n; m++) {
        if (pl->v[m].role == SR_PLACE_ANAPHOR) continue;
        w[m].choice = w[m].ncand ? 0 : -1;
        pl->v[m].margin = w[m].ncand > 1 ? 0.5f : 10.0f;
    }
    ctx cx;
    memset(&cx, 0, sizeof cx);
    cx.g = g;
    cx.a = a;
    near_pt *pt = sr_arena_alloc(a, NEAR_MAX * sizeof *pt);
    if (!pt) return -1;
    for (int round = 0; round < 3; round++) {
        for (size_t m = 0; m < pl->n; m++) w[m].weight = mention_weight(g, &pl->v[m], &w[m]);
        build_context(g, pl, w, &cx);
        if (adjust_names(g, pl, w, &cx) != 0) return -1;
        for (size_t m = 0; m < pl->n; m++)
            if (pl->v[m].role != SR_PLACE_ANAPHOR && w[m].ncand > 0)
                score_mention(g, pl, w, m, &cx, round > 0, pt);
    }
    for (size_t m = 0; m < pl->n; m++) w[m].weight = mention_weight(g, &pl->v[m], &w[m]);
    build_context(g, pl, w, &cx);
    /* The main country: the best weight, the first named on a tie. */
    float best = 0;
    pl->country[0] = 0;
    for (size_t m = 0; m < pl->n; m++) {
        const sr_gaz_place *p = chosen(g, &w[m]);
        if (!p || !p->cc[0] || w[m].weight == 0) continue;
        uint32_t id = ctx_id(&cx, p->cc, NULL, 0);
        if (id == UINT32_MAX || cx.stamp[id]) continue;
        cx.stamp[id] = 1;
        if (cx.w[id] > best) {
            best = cx.w[id];
            pl->country[0] = p->cc[0];
            pl->country[1] = p->cc[1];
            pl->country[2] = 0;
        }
    }
    pl->resolve_ops = cx.ops;
    return 0;
}

void sr_places_fill(const sr_gazetteer *g, sr_place *p, uint32_t gi) {
    const sr_gaz_place *gp = sr_gaz_place_at(g, gi);
    if (!gp) return;
    p->gaz = gi;
    p->kind = gp->kind;
    p->name = sr_gaz_str(g, gp->name);
    p->admin1 = gp->admin1 ? sr_gaz_str(g, gp->admin1) : NULL;
    if (gp->kind == SR_GAZ_ADMIN1) p->admin1 = p->name;
    p->feature = gp->feature[7] == 0 ? gp->feature : "";
    p->country[0] = gp->cc[0];
    p->country[1] = gp->cc[1];
    p->country[2] = 0;
    p->lat = gp->lat;
    p->lon = gp->lon;
    p->geonameid = gp->geonameid;
}

/* "X, Y": X is contained in Y when Y is a division or a country. */
void sr_places_link_containment(const sr_gazetteer *g, const sr_doc *doc, sr_places *pl, work *w) {
    const sr_token *t = doc->toks.v;
    for (size_t m = 0; m + 1 < pl->n; m++) {
        const sr_place *a = &pl->v[m], *b = &pl->v[m + 1];
        uint32_t aend = a->tok_first + a->tok_n;
        if (a->role != SR_PLACE_TOPONYM || b->role != SR_PLACE_TOPONYM) continue;
        if (aend + 1 != b->tok_first || strcmp(t[aend].norm, ",") != 0) continue;
        entry_info in = sr_places_entry_info(g, b->entry, b->cue);
        if (in.top_kind == SR_GAZ_COUNTRY || in.top_kind == SR_GAZ_ADMIN1 || in.has_big) {
            w[m].contained_by = (int)m + 1;
            pl->v[m].cue |= SR_PLACE_CUE_CONTAINED;
        }
    }
}

typedef struct by_gaz { uint32_t gaz, m; } by_gaz;

static int cmp_by_gaz(const void *a, const void *b) {
    const by_gaz *x = a, *y = b;
    if (x->gaz != y->gaz) return x->gaz < y->gaz ? -1 : 1;
    return x->m < y->m ? -1 : (x->m > y->m);
}

/* The document's main place: the most mentioned specific place of the main
 * country (datelines count triple), else a division, else the country; the
 * first mentioned on a tie; never a part of a hyphenated word ("a
 * London-based monitor").  -1 when none (or out of memory). */
int sr_places_main(const sr_places *pl, sr_arena *a) {
    by_gaz *v = sr_arena_alloc(a, (pl->n + 1) * sizeof *v);
    if (!v) return -1;
    size_t n = 0;
    for (size_t m = 0; m < pl->n; m++)
        if (pl->v[m].role != SR_PLACE_DEMONYM && pl->v[m].gaz != UINT32_MAX &&
            !(pl->v[m].cue & SR_PLACE_CUE_PART))
            v[n++] = (by_gaz){pl->v[m].gaz, (uint32_t)m};
    qsort(v, n, sizeof *v, cmp_by_gaz);
    int best = -1;
    float bs = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        float s = 0;
        for (; j < n && v[j].gaz == v[i].gaz; j++)
            s += (pl->v[v[j].m].cue & SR_PLACE_CUE_DATELINE) ? 3 : 1;
        const sr_place *p = &pl->v[v[i].m];      /* its first mention */
        if (p->kind != SR_GAZ_REGION) {
            if (pl->country[0] && strcmp(p->country, pl->country) == 0) s += 2;
            if (p->kind == SR_GAZ_CITY) s += 1.5f;
            else if (p->kind == SR_GAZ_ADMIN1 || p->kind == SR_GAZ_ADMIN2) s += 0.5f;
            s -= 0.001f * (float)v[i].m;
            if (s > bs) { bs = s; best = (int)v[i].m; }
        }
        i = j;
    }
    return best;
}
