/*
 * places.c -- the place stage: recognition (places_scan.c), resolution
 * (places_resolve.c), "the capital", the document's main place, the
 * `mentions.places` section and incident locations.  See places.h and
 * docs/places.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mentions.h"
#include "places_int.h"

double sr_geo_km(double lat1, double lon1, double lat2, double lon2) {
    const double r = 0.017453292519943295;
    double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);
    if (a > 1) a = 1;
    return 2 * 6371.0 * asin(sqrt(a));
}

static void write_places(sr_json *j, const sr_doc *doc, const void *data) {
    const sr_places *pl = data;
    sr_json_arr_begin(j);
    for (size_t i = 0; pl && i < pl->n; i++) {
        const sr_place *p = &pl->v[i];
        if (p->role == SR_PLACE_DEMONYM || p->gaz == UINT32_MAX) continue;
        sr_json_obj_begin(j);
        sr_json_text_span(j, doc, p->start, p->end);
        sr_json_key(j, "name"); sr_json_str(j, p->name);
        sr_json_key(j, "geonameid");
        if (p->geonameid) sr_json_int(j, p->geonameid); else sr_json_null(j);
        sr_json_key(j, "country"); sr_json_str(j, p->country[0] ? p->country : NULL);
        sr_json_key(j, "admin1"); sr_json_str(j, p->admin1);
        sr_json_key(j, "lat"); sr_json_double(j, p->lat, 5);
        sr_json_key(j, "lon"); sr_json_double(j, p->lon, 5);
        sr_json_key(j, "feature"); sr_json_str(j, p->feature);
        sr_json_obj_end(j);
    }
    sr_json_arr_end(j);
}

/* Sentences in which capitalisation carries no information: all capitals
 * or Title Case (headlines). */
static int mark_caseless(scan *s) {
    sr_doc *doc = s->doc;
    s->caseless = sr_arena_calloc(&doc->arena, doc->sents.n + 1, 1);
    if (!s->caseless) return -1;
    size_t words = 0, capped = 0;
    for (size_t k = 0; k < doc->sents.n; k++) {
        const sr_sentence *se = &doc->sents.v[k];
        size_t n = 0, c = 0;
        for (uint32_t i = se->tok_first; i < se->tok_first + se->tok_n && i < s->ntok; i++) {
            if (!is_word(&s->t[i])) continue;
            n++;
            if (proper(&s->t[i])) c++;
        }
        words += n;
        capped += c;
        s->caseless[k] = n >= 3 && c * 4 > n * 3;
    }
    s->doc_lower = words >= 20 && capped * 50 <= words;
    return 0;
}

static int cc_index(const char cc[2]) {
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z') return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

static int chosen_cc(const sr_gazetteer *g, const work *wk) {
    if (wk->choice < 0) return -1;
    const sr_gaz_place *p = sr_gaz_place_at(g, wk->cand[wk->choice]);
    return p ? cc_index(p->cc) : -1;
}

/* GeoNames gives towns their names in many languages, and some of those
 * are words or names of other places in English text: "Boni" (a village in
 * Mali) is also a name of Bonn.  A town chosen through such another name,
 * in a country that nothing else in the document points to, while the
 * document is about another country, is left unresolved.  Linear: the
 * mentions per country in the document, less those of the name itself
 * (counted along the chain of its mentions; a stamp tells which name a
 * count belongs to). */
static void drop_lone_exonyms(const sr_gazetteer *g, const sr_places *pl, work *w) {
    int home = cc_index(pl->country);
    if (home < 0) return;
    uint32_t total[26 * 26] = {0}, own[26 * 26], stamp[26 * 26];
    for (size_t i = 0; i < 26 * 26; i++) stamp[i] = UINT32_MAX;
    for (size_t m = 0; m < pl->n; m++) {
        int i = chosen_cc(g, &w[m]);
        if (i >= 0) total[i]++;
    }
    for (size_t m = 0; m < pl->n; m++) {
        if (w[m].same_first != m) continue;           /* once per name */
        for (uint32_t k = (uint32_t)m; k != UINT32_MAX; k = w[k].same_next) {
            int i = chosen_cc(g, &w[k]);
            if (i < 0) continue;
            if (stamp[i] != m) { stamp[i] = (uint32_t)m; own[i] = 0; }
            own[i]++;
        }
        for (uint32_t k = (uint32_t)m; k != UINT32_MAX; k = w[k].same_next) {
            int i = chosen_cc(g, &w[k]);
            if (i < 0 || i == home || pl->v[k].role != SR_PLACE_TOPONYM ||
                w[k].primary[w[k].choice])
                continue;
            const sr_gaz_place *p = sr_gaz_place_at(g, w[k].cand[w[k].choice]);
            if (p && p->kind == SR_GAZ_CITY && total[i] == own[i]) w[k].choice = -1;
        }
    }
}

/* Where the names of groups (kind "org" of the actor lexicon) start and
 * end, for "a group's name is no place". */
static int mark_groups(const sr_matcher *lex, scan *s) {
    int org = lex ? sr_matcher_kind(lex, "org") : -1;
    if (org < 0) return 0;
    sr_doc *doc = s->doc;
    s->group_end = sr_arena_calloc(&doc->arena, doc->toks.n + 1, sizeof *s->group_end);
    if (!s->group_end) return -1;
    for (size_t i = 0; i < doc->lex.n; i++) {
        const sr_match *m = &doc->lex.v[i];
        const sr_lex_entry *e = sr_matcher_entry(lex, m->entry);
        if (e && (int)e->kind_id == org && m->tok_first < doc->toks.n &&
            m->tok_end > s->group_end[m->tok_first])
            s->group_end[m->tok_first] = m->tok_end;
    }
    return 0;
}

int sr_find_places(const sr_gazetteer *g, const sr_matcher *lex, sr_doc *doc) {
    sr_places *pl = sr_arena_calloc(&doc->arena, 1, sizeof *pl);
    if (!pl) return -1;
    pl->main = -1;
    doc->places = pl;
    if (sr_doc_add_section(doc, "places", write_places, pl) != 0) return -1;
    if (!g || doc->toks.n == 0) return 0;
    scan s = {g, doc, doc->toks.v, doc->toks.n, 0, NULL, NULL};
    if (mark_caseless(&s) != 0 || mark_groups(lex, &s) != 0) return -1;
    /* The mentions and their working state grow on the heap while they
     * are found (no copies left behind in the arena at each doubling);
     * the mentions then move into the arena at their exact size and the
     * working state is freed. */
    size_t cap = 0;
    work *w = NULL;
    int rc = sr_places_recognise(&s, pl, &cap, &w);
    if (rc == 0) rc = sr_places_drop_people(&s, pl, w, &doc->arena);
    if (rc == 0) {
        sr_places_drop_named_capitals(doc, pl, w);
        sr_places_link_containment(g, doc, pl, w);
        rc = sr_places_resolve(g, pl, w, &doc->arena);
    }
    if (rc == 0) {
        drop_lone_exonyms(g, pl, w);
        for (size_t m = 0; m < pl->n; m++) {
            sr_place *p = &pl->v[m];
            if (p->role != SR_PLACE_ANAPHOR && w[m].choice >= 0)
                sr_places_fill(g, p, w[m].cand[w[m].choice]);
        }
        /* "the capital": of the country just named, else of the document's. */
        for (size_t m = 0; m < pl->n; m++) {
            sr_place *p = &pl->v[m];
            if (p->role != SR_PLACE_ANAPHOR) continue;
            const char *cc = pl->country;
            if (w[m].explicit_cc[0] == '*' && m > 0 && pl->v[m - 1].country[0])
                cc = pl->v[m - 1].country;
            if (!cc[0]) continue;
            uint32_t cap_i = sr_gaz_capital(g, cc);
            if (cap_i != UINT32_MAX) {
                sr_places_fill(g, p, cap_i);
                p->margin = 10.0f;
            }
        }
    }
    sr_place *v = rc == 0 && pl->n ? sr_arena_alloc(&doc->arena, pl->n * sizeof *v) : NULL;
    if (rc == 0 && pl->n && !v) rc = -1;
    if (v) memcpy(v, pl->v, pl->n * sizeof *v);
    free(pl->v);
    free(w);
    pl->v = v;
    if (rc != 0) {
        pl->n = 0;
        return -1;
    }
    pl->main = sr_places_main(pl, &doc->arena);
    return 0;
}

/* ---- incident location ------------------------------------------------------ */

static sr_precision precision_of(uint8_t kind) {
    switch (kind) {
    case SR_GAZ_CITY: return SR_PREC_CITY;
    case SR_GAZ_ADMIN1: return SR_PREC_ADMIN1;
    case SR_GAZ_ADMIN2: return SR_PREC_ADMIN1;   /* sitrep/1 has no finer division */
    case SR_GAZ_COUNTRY: return SR_PREC_COUNTRY;
    default: return SR_PREC_UNKNOWN;
    }
}

static void set_location(const sr_place *p, sr_inc_location *out) {
    out->present = 1;
    out->name = p->name;
    out->country = p->country[0] ? p->country : NULL;
    out->admin1 = p->admin1;
    out->lat = p->lat;
    out->lon = p->lon;
    out->geonameid = p->geonameid;
    out->precision = precision_of(p->kind);
    out->start = p->start;
    out->end = p->end;
}

void sr_places_locate(const sr_doc *doc, uint32_t tok, sr_inc_location *out) {
    memset(out, 0, sizeof *out);
    const sr_places *pl = doc->places;
    if (!pl || pl->n == 0) return;
    uint32_t sent = tok < doc->toks.n ? doc->toks.v[tok].sent : UINT32_MAX;
    int best = -1;
    float bs = -1e9f;
    for (size_t m = 0; m < pl->n; m++) {
        const sr_place *p = &pl->v[m];
        if (p->sent != sent || p->role == SR_PLACE_DEMONYM || p->gaz == UINT32_MAX ||
            p->kind == SR_GAZ_REGION || (p->cue & SR_PLACE_CUE_PART))
            continue;
        uint32_t d = p->tok_first > tok ? p->tok_first - tok : tok - p->tok_first;
        float s = -0.05f * (float)d;
        if (p->cue & SR_PLACE_CUE_LOC) s += 2;
        if (p->kind == SR_GAZ_CITY) s += 1;
        else if (p->kind == SR_GAZ_ADMIN2) s += 0.75f;
        else if (p->kind == SR_GAZ_ADMIN1) s += 0.5f;
        if (s > bs) { bs = s; best = (int)m; }
    }
    if (best < 0) best = pl->main;
    if (best < 0) return;
    set_location(&pl->v[best], out);
    /* "Mali's Bamako", "Bamako, Mali": a city is reported as the city. */
}

/* How specific a place is: country 1, division 2, county 3, town 4. */
static int rank_of(uint8_t kind) {
    switch (kind) {
    case SR_GAZ_CITY: return 4;
    case SR_GAZ_ADMIN2: return 3;
    case SR_GAZ_ADMIN1: return 2;
    case SR_GAZ_COUNTRY: return 1;
    default: return 0;
    }
}

void sr_places_refine(const sr_doc *doc, const uint32_t *sents, size_t nsents,
                      sr_inc_location *loc) {
    const sr_places *pl = doc->places;
    if (!pl || !loc->present || !loc->country) return;
    int have = loc->precision == SR_PREC_COUNTRY ? 1 : loc->precision == SR_PREC_ADMIN1 ? 2 : 0;
    if (have == 0) return;
    int best = -1;
    float bs = 0;
    size_t k = 0;
    for (size_t m = 0; m < pl->n; m++) {
        const sr_place *p = &pl->v[m];
        while (k < nsents && sents[k] < p->sent) k++;   /* both ascending */
        if (k == nsents) break;
        if (sents[k] != p->sent || p->role == SR_PLACE_DEMONYM || p->gaz == UINT32_MAX ||
            (p->cue & (SR_PLACE_CUE_PART | SR_PLACE_CUE_DATELINE)) ||
            strcmp(p->country, loc->country) != 0)
            continue;       /* a dateline says where the report was filed */
        int rank = rank_of(p->kind);
        if (rank <= have) continue;
        if (have == 2 && (!p->admin1 || !loc->admin1 || strcmp(p->admin1, loc->admin1) != 0))
            continue;                                   /* not inside that division */
        float s = (float)rank + ((p->cue & SR_PLACE_CUE_LOC) ? 2.0f : 0.0f);
        if (best < 0 || s > bs) { bs = s; best = (int)m; }
    }
    if (best >= 0) set_location(&pl->v[best], loc);
}
