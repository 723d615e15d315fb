/*
 * merge.c -- cross-article merge: which incident a report joins, and the
 * reconciled record of an incident (rules in docs/store.md).
 *
 * Joining.  The backend returns candidates (date range within a day, a
 * shared type family, within 200 km or in the same country); each is
 * checked here field by field -- type family, date within its precision,
 * place within the distance its precision allows, no conflicting named
 * perpetrator organisation, no different named site -- and the closest
 * agreeing one wins.  An incident never takes two reports of one document:
 * the extractor already judged them different.  A background mention is a
 * report like any other, so it lands on the incident that the news reports
 * of the time built.
 *
 * Reconciling.  An incident's values are recomputed from all its reports
 * whenever one joins or leaves: the finest date and place (the most common
 * among equally fine ones), the union of types, actors, sources and
 * evidence, and for each count the most conservative well-sourced figure
 * with the range over every report.  Each report keeps its own values.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "../core/buf.h"
#include "../core/error.h"

#define MERGE_BOX_KM 200.0
#define DAY_TOLERANCE 1

double sr_km_between(double lat1, double lon1, double lat2, double lon2) {
    const double r = 6371.0088, rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    if (a > 1) a = 1;
    return 2 * r * asin(sqrt(a));
}

static int ascii_ieq(const char *a, size_t an, const char *b, size_t bn) {
    if (an != bn) return 0;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return 0;
    }
    return 1;
}

/* Does the '\n'-separated list `list` contain `s` (n bytes), ignoring case? */
static int list_has(const char *list, const char *s, size_t n) {
    while (list && *list) {
        const char *e = strchr(list, '\n');
        size_t ln = e ? (size_t)(e - list) : strlen(list);
        if (ascii_ieq(list, ln, s, n)) return 1;
        list = e ? e + 1 : NULL;
    }
    return 0;
}

/* Do two '\n'-separated lists share an element? */
static int lists_meet(const char *a, const char *b) {
    while (a && *a) {
        const char *e = strchr(a, '\n');
        size_t n = e ? (size_t)(e - a) : strlen(a);
        if (list_has(b, a, n)) return 1;
        a = e ? e + 1 : NULL;
    }
    return 0;
}

static int is_word_byte(char c) {
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || (unsigned char)c >= 0x80;
}

/* Is the word w (n bytes) one of the words of s (case-insensitive)? */
static int has_word(const char *s, const char *w, size_t n) {
    while (s && *s) {
        while (*s && !is_word_byte(*s)) s++;
        const char *v = s;
        while (*s && is_word_byte(*s)) s++;
        if (s > v && ascii_ieq(w, n, v, (size_t)(s - v))) return 1;
    }
    return 0;
}

/* Do two site names share a word of four letters or more that is not the
 * place name ("Radisson Blu Hotel" / "the Radisson" do; "Maiduguri
 * Market" / "Maiduguri Mosque" do not)? */
static int words_meet(const char *a, const char *b, const char *ignore1,
                      const char *ignore2) {
    while (*a) {
        while (*a && !is_word_byte(*a)) a++;
        const char *w = a;
        while (*a && is_word_byte(*a)) a++;
        size_t n = (size_t)(a - w);
        if (n < 4 || has_word(ignore1, w, n) || has_word(ignore2, w, n)) continue;
        if (has_word(b, w, n)) return 1;
    }
    return 0;
}

static int sites_meet(const char *site, const char *sites, const char *place1,
                      const char *place2) {
    while (sites && *sites) {
        const char *e = strchr(sites, '\n');
        size_t n = e ? (size_t)(e - sites) : strlen(sites);
        char one[256];
        if (n >= sizeof one) n = sizeof one - 1;
        memcpy(one, sites, n);
        one[n] = '\0';
        if (words_meet(site, one, place1, place2)) return 1;
        sites = e ? e + 1 : NULL;
    }
    return 0;
}

static double km_limit(sr_precision coarser) {
    if (coarser == SR_PREC_SITE) return SR_MERGE_KM_SITE;
    if (coarser == SR_PREC_ADMIN1) return SR_MERGE_KM_ADMIN1;
    return SR_MERGE_KM_CITY;
}

int sr_merge_agree(const sr_report *r, const sr_store_incident *inc,
                   double *score, char *why, size_t cap) {
    char rd[16], id[16];
    if (!(r->family & inc->family)) {
        snprintf(why, cap, "type families differ (%s / %s)", r->type, inc->type);
        return 0;
    }
    if (r->day_lo == SR_DAY_NONE || inc->day_lo == SR_DAY_NONE) {
        snprintf(why, cap, "no date to compare");
        return 0;
    }
    int32_t gap = 0;
    if (r->day_lo > inc->day_hi) gap = r->day_lo - inc->day_hi;
    else if (inc->day_lo > r->day_hi) gap = inc->day_lo - r->day_hi;
    snprintf(rd, sizeof rd, "%s", r->date ? r->date : "undated");
    snprintf(id, sizeof id, "%s", inc->date ? inc->date : "undated");
    if (gap > DAY_TOLERANCE) {
        snprintf(why, cap, "dates %s and %s are %d days apart", rd, id, (int)gap);
        return 0;
    }
    sr_precision ip = sr_precision_from_name(inc->place_precision);
    if (r->place_prec == SR_PREC_UNKNOWN || ip == SR_PREC_UNKNOWN) {
        snprintf(why, cap, "no place to compare");
        return 0;
    }
    if (r->country && inc->country && strcmp(r->country, inc->country) != 0) {
        snprintf(why, cap, "countries differ (%s / %s)", r->country, inc->country);
        return 0;
    }
    sr_precision coarser = r->place_prec > ip ? r->place_prec : ip;
    char place[160];
    double closeness = 0;
    if (coarser == SR_PREC_COUNTRY || !r->has_geo || !inc->has_geo) {
        if (!r->country || !inc->country) {
            snprintf(why, cap, "no country to compare");
            return 0;
        }
        snprintf(place, sizeof place, "same country %s (%s precision)", r->country,
                 sr_precision_name(coarser));
        closeness = 0.5;
    } else {
        double km = sr_km_between(r->lat, r->lon, inc->lat, inc->lon);
        double limit = km_limit(coarser);
        if (km > limit) {
            snprintf(why, cap, "places %.0f km apart, over the %.0f km of %s precision", km,
                     limit, sr_precision_name(coarser));
            return 0;
        }
        snprintf(place, sizeof place, "%s / %s %.1f km apart (%s precision, limit %.0f km)",
                 r->place ? r->place : "?", inc->place ? inc->place : "?", km,
                 sr_precision_name(coarser), limit);
        closeness = km / limit;
    }
    int orgs_meet = 0;
    if (r->orgs && inc->orgs) {
        orgs_meet = lists_meet(r->orgs, inc->orgs);
        if (!orgs_meet) {
            snprintf(why, cap, "perpetrator organisations conflict (%s / %s)", r->orgs,
                     inc->orgs);
            for (char *p = why; *p; p++)
                if (*p == '\n') *p = ',';
            return 0;
        }
    }
    int site_meet = 0;
    if (r->site && inc->sites) {
        site_meet = sites_meet(r->site, inc->sites, r->place, inc->place);
        if (!site_meet) {
            snprintf(why, cap, "named sites differ (%s)", r->site);
            return 0;
        }
    }
    *score = 1.0 - 0.1 * gap - 0.5 * closeness +
             (strcmp(r->type, inc->type) == 0 ? 0.2 : 0) + (orgs_meet ? 0.3 : 0) +
             (site_meet ? 0.2 : 0);
    snprintf(why, cap, "type %s ~ %s; dates %s ~ %s (%d day%s apart); %s; %s%s", r->type,
             inc->type, rd, id, (int)gap, gap == 1 ? "" : "s", place,
             orgs_meet ? "same perpetrator organisation"
                       : "no conflicting perpetrator organisation",
             site_meet ? "; same site" : "");
    return 1;
}

/* ---- joining ------------------------------------------------------------ */

typedef struct best {
    const sr_report *r;
    int64_t id;
    double score;
    char why[600];
} best;

static int consider(void *ctx, const sr_store_incident *inc) {
    best *b = ctx;
    double score;
    char why[600];
    if (sr_merge_agree(b->r, inc, &score, why, sizeof why) &&
        (b->id == 0 || score > b->score)) {
        b->id = inc->id;
        b->score = score;
        memcpy(b->why, why, sizeof why);
    }
    return 0;
}

sr_status sr_merge_report(sr_store *s, int64_t doc_id, int64_t report_id,
                          const sr_report *r, int64_t *incident, int *joined,
                          sr_error *err) {
    best b = {r, 0, 0, ""};
    sr_status st;
    if (r->day_lo != SR_DAY_NONE && r->place_prec != SR_PREC_UNKNOWN &&
        (r->has_geo || r->country)) {
        sr_candidate_query q = {0};
        q.lo = r->day_lo - DAY_TOLERANCE;
        q.hi = r->day_hi + DAY_TOLERANCE;
        q.family = r->family;
        q.exclude_document = doc_id;
        if (r->has_geo && r->place_prec != SR_PREC_COUNTRY) {
            double dlat = MERGE_BOX_KM / 111.0;
            double c = cos(r->lat * M_PI / 180.0);
            double dlon = c > 0.01 ? MERGE_BOX_KM / (111.0 * c) : 180.0;
            q.has_box = 1;
            q.min_lat = r->lat - dlat;
            q.max_lat = r->lat + dlat;
            q.min_lon = r->lon - dlon;
            q.max_lon = r->lon + dlon;
        }
        q.country = r->country;
        q.whole_country = r->place_prec == SR_PREC_COUNTRY || !r->has_geo;
        st = s->ops->candidates(s, &q, consider, &b, err);
        if (st != SR_OK) return st;
    }
    *joined = b.id != 0;
    if (!b.id) {
        st = s->ops->incident_create(s, &b.id, err);
        if (st != SR_OK) return st;
        b.score = 1.0;
        snprintf(b.why, sizeof b.why, "first report: no stored incident agreed");
    }
    *incident = b.id;
    return s->ops->link(s, report_id, b.id, b.score, b.why, err);
}

/* ---- reconciling -------------------------------------------------------- */

typedef struct rrow {
    sr_report r;
    json_t *obj;
    char *doc_key, *title, *url, *published;
} rrow;

typedef struct rows {
    rrow *v;
    size_t n, cap;
    sr_status st;
} rows;

static char *dupn(const char *s) {
    return s ? strdup(s) : NULL;
}

static int collect(void *ctx, const sr_store_report *sr) {
    rows *rs = ctx;
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 8;
        rrow *v = realloc(rs->v, cap * sizeof *v);
        if (!v) { rs->st = SR_ERR_NOMEM; return 1; }
        rs->v = v;
        rs->cap = cap;
    }
    rrow *row = &rs->v[rs->n];
    memset(row, 0, sizeof *row);
    row->obj = json_loads(sr->json, 0, NULL);
    if (!json_is_object(row->obj)) {
        json_decref(row->obj);
        row->obj = json_object();   /* a damaged row still counts as a report */
    }
    if (sr_report_from_object(row->obj, &row->r) != SR_OK) {
        json_decref(row->obj);
        rs->st = SR_ERR_NOMEM;
        return 1;
    }
    row->doc_key = dupn(sr->doc_key);
    row->title = dupn(sr->title);
    row->url = dupn(sr->url);
    row->published = dupn(sr->published);
    rs->n++;
    return 0;
}

static void rows_free(rows *rs) {
    for (size_t i = 0; i < rs->n; i++) {
        sr_report_clear(&rs->v[i].r);
        json_decref(rs->v[i].obj);
        free(rs->v[i].doc_key);
        free(rs->v[i].title);
        free(rs->v[i].url);
        free(rs->v[i].published);
    }
    free(rs->v);
}

/* Index of the most frequent of keys[0..n) (NULL keys do not take part);
 * ties go to the earliest report.  -1 when every key is NULL. */
static long most_common(const char **keys, size_t n) {
    long best_i = -1;
    size_t best_n = 0;
    for (size_t i = 0; i < n; i++) {
        if (!keys[i]) continue;
        size_t c = 0;
        for (size_t j = 0; j < n; j++)
            if (keys[j] && strcmp(keys[i], keys[j]) == 0) c++;
        if (best_i < 0 || c > best_n) { best_i = (long)i; best_n = c; }
    }
    return best_i;
}

static void add_unique(json_t *arr, const char *s) {
    size_t i;
    json_t *v;
    if (!s || !*s) return;
    json_array_foreach(arr, i, v) {
        if (strcmp(json_string_value(v), s) == 0) return;
    }
    json_array_append_new(arr, json_string(s));
}

static void join_lines(sr_buf *b, json_t *arr) {
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (b->len) sr_buf_addc(b, '\n');
        sr_buf_adds(b, json_string_value(v));
    }
}

/* The conservative figure (docs/store.md): the lowest minimum among the
 * well-sourced reports -- a figure attributed to a source, or given by an
 * article whose main news the incident is -- else among all reports. */
static json_t *reconcile_count(rows *rs, int k, sr_store_count *out) {
    memset(out, 0, sizeof *out);
    int64_t value = -1, any = -1, lo = -1, hi = -1;
    int unbounded = 0;
    size_t nrep = 0, nsrc = 0;
    for (size_t i = 0; i < rs->n; i++) {
        const sr_rcount *c = &rs->v[i].r.counts[k];
        if (!c->present) continue;
        nrep++;
        int well = c->sourced || rs->v[i].r.main;
        if (well) {
            nsrc++;
            if (value < 0 || c->min < value) value = c->min;
        }
        if (any < 0 || c->min < any) any = c->min;
        if (lo < 0 || c->min < lo) lo = c->min;
        int64_t top = c->max == SR_COUNT_UNBOUNDED ? c->min : c->max;
        if (top > hi) { hi = top; unbounded = c->max == SR_COUNT_UNBOUNDED; }
        else if (top == hi && c->max == SR_COUNT_UNBOUNDED) unbounded = 1;
    }
    if (!nrep) return json_null();
    out->present = 1;
    out->value = value >= 0 ? value : any;
    out->lo = lo;
    out->hi = unbounded ? -1 : hi;
    return json_pack("{s:I,s:I,s:o,s:i,s:i}", "value", (json_int_t)out->value, "min",
                     (json_int_t)lo, "max",
                     unbounded ? json_null() : json_integer((json_int_t)hi), "reports",
                     (int)nrep, "well_sourced", (int)nsrc);
}

static const char *get_s(json_t *o, const char *k) {
    json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

sr_status sr_merge_reconcile(sr_store *s, int64_t incident_id, sr_error *err) {
    rows rs = {0};
    sr_status st = s->ops->reports(s, incident_id, collect, &rs, err);
    if (st == SR_OK && rs.st != SR_OK) st = sr_fail(err, rs.st, "reconcile: %s", sr_strerror(rs.st));
    if (st != SR_OK) { rows_free(&rs); return st; }
    if (rs.n == 0) {
        rows_free(&rs);
        return s->ops->incident_delete(s, incident_id, err);
    }
    sr_store_incident inc;
    memset(&inc, 0, sizeof inc);
    inc.id = incident_id;
    inc.nreports = (int64_t)rs.n;
    long t, d, p;
    int anymain = 0;
    for (size_t i = 0; i < rs.n; i++) {
        anymain |= rs.v[i].r.main;
        inc.family |= rs.v[i].r.family;
    }
    inc.main = anymain;
    const char **keys = calloc(rs.n, sizeof *keys);
    if (!keys) { rows_free(&rs); return sr_fail(err, SR_ERR_NOMEM, "reconcile: out of memory"); }
    for (size_t i = 0; i < rs.n; i++)
        keys[i] = rs.v[i].r.main == anymain ? rs.v[i].r.type : NULL;
    t = most_common(keys, rs.n);
    const rrow *tr = &rs.v[t];
    inc.type = tr->r.type;

    /* the finest date, then the finest place */
    sr_precision fin = SR_PREC_UNKNOWN;
    for (size_t i = 0; i < rs.n; i++)
        if (rs.v[i].r.date && (fin == SR_PREC_UNKNOWN || rs.v[i].r.date_prec < fin))
            fin = rs.v[i].r.date_prec;
    for (size_t i = 0; i < rs.n; i++)
        keys[i] = rs.v[i].r.date && rs.v[i].r.date_prec == fin ? rs.v[i].r.date : NULL;
    d = most_common(keys, rs.n);
    inc.day_lo = inc.day_hi = SR_DAY_NONE;
    if (d >= 0) {
        inc.date = rs.v[d].r.date;
        inc.date_precision = sr_precision_name(fin);
        inc.day_lo = rs.v[d].r.day_lo;
        inc.day_hi = rs.v[d].r.day_hi;
    } else {
        inc.date_precision = "unknown";
        for (size_t i = 0; i < rs.n; i++) {
            if (rs.v[i].r.day_lo == SR_DAY_NONE) continue;
            if (inc.day_lo == SR_DAY_NONE || rs.v[i].r.day_lo < inc.day_lo) inc.day_lo = rs.v[i].r.day_lo;
            if (inc.day_hi == SR_DAY_NONE || rs.v[i].r.day_hi > inc.day_hi) inc.day_hi = rs.v[i].r.day_hi;
        }
    }
    sr_precision pf = SR_PREC_UNKNOWN;
    for (size_t i = 0; i < rs.n; i++) {
        sr_precision q = rs.v[i].r.place_prec;
        if (q != SR_PREC_UNKNOWN && (pf == SR_PREC_UNKNOWN || q < pf)) pf = q;
    }
    for (size_t i = 0; i < rs.n; i++)
        keys[i] = pf != SR_PREC_UNKNOWN && rs.v[i].r.place_prec == pf
                      ? (rs.v[i].r.place ? rs.v[i].r.place : "") : NULL;
    p = most_common(keys, rs.n);
    free(keys);
    json_t *loc = json_null();
    if (p >= 0) {
        const sr_report *pr = &rs.v[p].r;
        inc.place = pr->place;
        inc.country = pr->country;
        inc.admin1 = pr->admin1;
        inc.place_precision = sr_precision_name(pf);
        inc.has_geo = pr->has_geo;
        inc.lat = pr->lat;
        inc.lon = pr->lon;
        loc = json_pack("{s:s?,s:s?,s:s?,s:o,s:o,s:s}", "name", pr->place, "country",
                        pr->country, "admin1", pr->admin1, "lat",
                        pr->has_geo ? json_real(pr->lat) : json_null(), "lon",
                        pr->has_geo ? json_real(pr->lon) : json_null(), "precision",
                        inc.place_precision);
    }

    json_t *types = json_array(), *orgs = json_array(), *actors = json_array(),
           *sites = json_array(), *claimed = json_array(), *sources = json_array(), *reports = json_array(),
           *evidence = json_array(), *cas = json_object();
    add_unique(types, inc.type);
    for (size_t i = 0; i < rs.n; i++) {
        rrow *row = &rs.v[i];
        json_t *ts = json_object_get(row->obj, "types"), *v;
        size_t j;
        add_unique(types, row->r.type);
        json_array_foreach(ts, j, v) {
            if (json_is_string(v)) add_unique(types, json_string_value(v));
        }
        for (const char *o = row->r.orgs; o && *o;) {
            const char *e = strchr(o, '\n');
            char *one = strndup(o, e ? (size_t)(e - o) : strlen(o));
            if (one) add_unique(orgs, one);
            free(one);
            o = e ? e + 1 : NULL;
        }
        for (const char *o = row->r.actors; o && *o;) {
            const char *e = strchr(o, '\n');
            char *one = strndup(o, e ? (size_t)(e - o) : strlen(o));
            if (one) add_unique(actors, one);
            free(one);
            o = e ? e + 1 : NULL;
        }
        add_unique(sites, row->r.site);
        json_array_foreach(json_object_get(row->obj, "claimed_by"), j, v) {
            add_unique(claimed, get_s(v, "name") ? get_s(v, "name") : get_s(v, "text"));
        }
        json_array_foreach(json_object_get(row->obj, "sources"), j, v) {
            json_array_append_new(sources,
                                  json_pack("{s:s?,s:s?,s:s?}", "name", get_s(v, "name"),
                                            "via", get_s(v, "via"), "document",
                                            row->doc_key));
        }
        json_array_foreach(json_object_get(row->obj, "evidence"), j, v) {
            json_array_append_new(evidence, json_pack("{s:s?,s:s?}", "document", row->doc_key,
                                                      "text", get_s(v, "text")));
        }
        json_t *rc = json_object_get(json_object_get(row->obj, "casualties"), "killed");
        json_array_append_new(
            reports, json_pack("{s:s?,s:s?,s:s?,s:s?,s:s,s:s?,s:s?,s:O?}", "id",
                               get_s(row->obj, "id"), "document", row->doc_key, "title",
                               row->title, "published", row->published, "status",
                               row->r.main ? "main" : "background", "type", row->r.type,
                               "date", row->r.date, "killed",
                               json_is_object(rc) ? rc : NULL));
    }
    sr_store_count counts[SR_COUNT_N];
    for (int k = 0; k < SR_COUNT_N; k++)
        json_object_set_new(cas, sr_count_names[k], reconcile_count(&rs, k, &counts[k]));
    inc.killed = counts[SR_COUNT_KILLED];
    inc.wounded = counts[SR_COUNT_WOUNDED];
    sr_buf ob = SR_BUF_INIT, ab = SR_BUF_INIT, sb = SR_BUF_INIT;
    join_lines(&ob, orgs);
    join_lines(&ab, actors);
    join_lines(&sb, sites);
    inc.orgs = ob.len ? ob.data : NULL;
    inc.actors = ab.len ? ab.data : NULL;
    inc.sites = sb.len ? sb.data : NULL;

    json_t *tax = json_object_get(tr->obj, "taxonomy");
    json_t *o = json_pack(
        "{s:I,s:s,s:o,s:O?,s:s,s:{s:s?,s:s},s:o,s:s?,s:o,s:o,s:o,s:o,s:I,s:o,s:o,s:o}", "id",
        (json_int_t)incident_id, "type", inc.type, "types", types, "taxonomy",
        json_is_object(tax) ? tax : NULL, "status", inc.main ? "main" : "background",
        "date", "value", inc.date, "precision", inc.date_precision, "location", loc,
        "site", json_string_value(json_array_get(sites, 0)),
        "perpetrator_orgs", orgs, "actors", actors, "claimed_by", claimed, "casualties", cas, "nreports",
        (json_int_t)rs.n, "sources", sources, "reports", reports, "evidence", evidence);
    json_decref(sites);
    char *js = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!js || ob.oom || ab.oom || sb.oom) st = sr_fail(err, SR_ERR_NOMEM, "reconcile: out of memory");
    else {
        inc.json = js;
        st = s->ops->incident_save(s, &inc, err);
    }
    free(js);
    sr_buf_free(&ob);
    sr_buf_free(&ab);
    sr_buf_free(&sb);
    rows_free(&rs);
    return st;
}
