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
#define MAX_CTX 128

typedef struct ctx_entry { char cc[2]; const char *admin1; float w; } ctx_entry;
typedef struct ctx { ctx_entry v[MAX_CTX]; int n; } ctx;

static void ctx_add(ctx *c, const char cc[2], const char *admin1, float w) {
    for (int i = 0; i < c->n; i++)
        if (memcmp(c->v[i].cc, cc, 2) == 0 &&
            ((!admin1 && !c->v[i].admin1) ||
             (admin1 && c->v[i].admin1 && strcmp(admin1, c->v[i].admin1) == 0))) {
            c->v[i].w += w;
            return;
        }
    if (c->n == MAX_CTX) return;
    c->v[c->n].cc[0] = cc[0];
    c->v[c->n].cc[1] = cc[1];
    c->v[c->n].admin1 = admin1;
    c->v[c->n++].w = w;
}

static float ctx_get(const ctx *c, const char cc[2], const char *admin1) {
    for (int i = 0; i < c->n; i++)
        if (memcmp(c->v[i].cc, cc, 2) == 0 &&
            ((!admin1 && !c->v[i].admin1) ||
             (admin1 && c->v[i].admin1 && strcmp(admin1, c->v[i].admin1) == 0)))
            return c->v[i].w;
    return 0;
}

/* Load the candidates of mention m, keeping only those its role allows. */
static void load_candidates(const sr_gazetteer *g, const sr_place *p, work *w) {
    const sr_gaz_entry *e = p->entry;
    w->ncand = 0;
    for (size_t c = 0; c < e->ncand && w->ncand < MAX_CAND; c++) {
        uint32_t pi;
        int prim;
        const sr_gaz_place *gp = sr_places_cand_ok(g, e, c, p->cue, &pi);
        if (!gp || sr_gaz_cand(g, e, c, &pi, &prim) != 0) continue;
        if ((gp->kind == SR_GAZ_DEMONYM) != (p->role == SR_PLACE_DEMONYM)) continue;
        w->cand[w->ncand] = pi;
        w->primary[w->ncand++] = (uint8_t)prim;
    }
}

/* ---- resolution ----------------------------------------------------------- */

static const sr_gaz_place *chosen(const sr_gazetteer *g, const work *w) {
    return w->choice >= 0 ? sr_gaz_place_at(g, w->cand[w->choice]) : NULL;
}

/* What mention o's choice says about the document's countries and
 * divisions (sign -1 takes it back). */
static void contribute(const sr_gazetteer *g, const sr_gaz_place *p, float wt,
                       ctx *countries, ctx *admins) {
    if (!p || !p->cc[0] || wt == 0) return;
    ctx_add(countries, p->cc, NULL, wt);
    if (p->kind == SR_GAZ_ADMIN1)
        ctx_add(admins, p->cc, sr_gaz_str(g, p->name), wt);
    else if (p->kind == SR_GAZ_ADMIN2 && p->admin1)
        ctx_add(admins, p->cc, sr_gaz_str(g, p->admin1), wt);
    else if (p->kind == SR_GAZ_CITY && p->admin1)
        ctx_add(admins, p->cc, sr_gaz_str(g, p->admin1), wt * 0.5f);
}

/* The context every mention gives the others. */
static void build_context(const sr_gazetteer *g, const sr_places *pl, work *w,
                          ctx *countries, ctx *admins) {
    countries->n = admins->n = 0;
    for (size_t m = 0; m < pl->n; m++) {
        w[m].ctx_choice = w[m].choice;
        contribute(g, chosen(g, &w[m]), w[m].weight, countries, admins);
    }
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

/* The context the other mentions give mention m: the document's, less
 * what the mentions of the same name give (three "Alexandria"s do not make
 * Egypt likelier). */
static void context_for(const sr_gazetteer *g, const work *w, size_t m, const ctx *gc,
                        const ctx *ga, ctx *countries, ctx *admins) {
    *countries = *gc;
    *admins = *ga;
    for (uint32_t o = w[m].same_first; o != UINT32_MAX; o = w[o].same_next)
        if (w[o].ctx_choice >= 0)
            contribute(g, sr_gaz_place_at(g, w[o].cand[w[o].ctx_choice]), -w[o].weight,
                       countries, admins);
}

/* Distance (km, flat-Earth approximation, good to a few percent under
 * 500 km) from gp to the nearest place another name near m in the text
 * may mean: one of its NEAR_CAND best candidates, so that "Walker County
 * ... Huntsville" finds the Texas pair even when both first chose Alabama.
 * Only names within NEAR_WINDOW mentions count, which keeps a long
 * document linear. */
#define NEAR_CAND 12
#define NEAR_WINDOW 30
static double nearest_other(const sr_gazetteer *g, const sr_places *pl, const work *w,
                            size_t m, const sr_gaz_place *gp) {
    double best = 1e18, coslat = cos(gp->lat * 0.017453292519943295);
    size_t lo = m > NEAR_WINDOW ? m - NEAR_WINDOW : 0;
    size_t hi = m + NEAR_WINDOW + 1 < pl->n ? m + NEAR_WINDOW + 1 : pl->n;
    for (size_t o = lo; o < hi; o++) {
        if (o == m || pl->v[o].role != SR_PLACE_TOPONYM || w[o].same_first == w[m].same_first)
            continue;
        /* one mention per name */
        size_t k = lo;
        while (k < o && w[k].same_first != w[o].same_first) k++;
        if (k < o) continue;
        for (int c = 0; c < w[o].ncand && c < NEAR_CAND; c++) {
            const sr_gaz_place *q = sr_gaz_place_at(g, w[o].cand[c]);
            if (!q || q->kind == SR_GAZ_COUNTRY || q->kind == SR_GAZ_REGION) continue;
            double dlon = fabs((double)q->lon - gp->lon);
            if (dlon > 180) dlon = 360 - dlon;
            double dx = dlon * coslat, dy = (double)q->lat - gp->lat;
            double d2 = dx * dx + dy * dy;
            if (d2 < best) best = d2;
        }
    }
    return best >= 1e18 ? 1e9 : 111.2 * sqrt(best);
}

static void score_mention(const sr_gazetteer *g, const sr_places *pl, work *w, size_t m,
                          const ctx *gc, const ctx *ga, int with_distance) {
    const sr_place *p = &pl->v[m];
    work *wk = &w[m];
    ctx cbuf, abuf;
    const ctx *countries = &cbuf, *admins = &abuf;
    context_for(g, w, m, gc, ga, &cbuf, &abuf);
    float cmax = 0;
    for (int i = 0; i < countries->n; i++)
        if (countries->v[i].w > cmax) cmax = countries->v[i].w;
    const sr_gaz_place *cont = wk->contained_by >= 0 ? chosen(g, &w[wk->contained_by]) : NULL;
    /* A country's name means the country unless the text places it:
     * "Mexico" is not Mexico, Maine, because Maine towns are nearby. */
    int names_country = 0;
    for (int c = 0; c < wk->ncand; c++) {
        const sr_gaz_place *q = sr_gaz_place_at(g, wk->cand[c]);
        if (q && q->kind == SR_GAZ_COUNTRY) names_country = 1;
    }
    int best = -1;
    float bs = -1e9f, second = -1e9f;
    for (int c = 0; c < wk->ncand; c++) {
        const sr_gaz_place *gp = sr_gaz_place_at(g, wk->cand[c]);
        float s = gp->prior + (wk->primary[c] ? 0.3f : -ALT_NAME);
        if (gp->cc[0] && cmax > 0) {
            float v = ctx_get(countries, gp->cc, NULL);
            if (v > 0) s += CTX_COUNTRY * v / cmax;
        }
        if ((gp->kind == SR_GAZ_CITY || gp->kind == SR_GAZ_ADMIN2) && gp->admin1) {
            float v = ctx_get(admins, gp->cc, sr_gaz_str(g, gp->admin1));
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
            double dmin = nearest_other(g, pl, w, m, gp);
            if (dmin < 50) s += 1.5f * NEAR_W;
            else if (dmin < 200) s += 1.0f * NEAR_W;
            else if (dmin < 500) s += 0.5f * NEAR_W;
        }
        wk->score[c] = s;
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
        w[m].same_next = UINT32_MAX;
    }
    qsort(ix, pl->n, sizeof *ix, cmp_by_entry);
    for (size_t k = 1; k < pl->n; k++) {
        uint32_t prev = ix[k - 1].m, cur = ix[k].m;
        if (!pl->v[cur].entry || pl->v[cur].entry != pl->v[prev].entry) continue;
        w[prev].same_next = cur;
        w[cur].same_first = w[prev].same_first;
    }
    return 0;
}

int sr_places_resolve(const sr_gazetteer *g, sr_places *pl, work *w, sr_arena *a) {
    if (group_names(pl, w, a) != 0) return -1;
    for (size_t m = 0; m < pl->n; m++) {
        if (pl->v[m].role == SR_PLACE_ANAPHOR) continue;
        load_candidates(g, &pl->v[m], &w[m]);
        w[m].choice = w[m].ncand ? 0 : -1;
        pl->v[m].margin = w[m].ncand > 1 ? 0.5f : 10.0f;
    }
    ctx countries, admins;
    for (int round = 0; round < 3; round++) {
        for (size_t m = 0; m < pl->n; m++) w[m].weight = mention_weight(g, &pl->v[m], &w[m]);
        build_context(g, pl, w, &countries, &admins);
        for (size_t m = 0; m < pl->n; m++)
            if (pl->v[m].role != SR_PLACE_ANAPHOR && w[m].ncand > 0)
                score_mention(g, pl, w, m, &countries, &admins, round > 0);
    }
    for (size_t m = 0; m < pl->n; m++) w[m].weight = mention_weight(g, &pl->v[m], &w[m]);
    build_context(g, pl, w, &countries, &admins);
    float best = 0;
    pl->country[0] = 0;
    for (int i = 0; i < countries.n; i++)
        if (countries.v[i].w > best) {
            best = countries.v[i].w;
            pl->country[0] = countries.v[i].cc[0];
            pl->country[1] = countries.v[i].cc[1];
            pl->country[2] = 0;
        }
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
 * first mentioned on a tie.  -1 when none (or out of memory). */
int sr_places_main(const sr_places *pl, sr_arena *a) {
    by_gaz *v = sr_arena_alloc(a, (pl->n + 1) * sizeof *v);
    if (!v) return -1;
    size_t n = 0;
    for (size_t m = 0; m < pl->n; m++)
        if (pl->v[m].role != SR_PLACE_DEMONYM && pl->v[m].gaz != UINT32_MAX)
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
