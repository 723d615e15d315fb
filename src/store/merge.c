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
 * Reconciling.  An incident's values come from its reports taken in the
 * order they joined: the first main report's type, the first of the finest
 * date and place, the union of types, actors, sources and evidence, and for
 * each count the most conservative well-sourced figure with the range over
 * every report.  Because every rule folds reports one at a time, a report
 * joining an incident updates the stored record directly (sr_merge_join);
 * an incident that loses a report is rebuilt from all of them.  Each
 * report keeps its own values.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "record_json.h"
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
    snprintf(why, cap, "%stype %s ~ %s; dates %s ~ %s (%d day%s apart); %s; %s%s",
             r->main ? "" : "background mention: ", r->type, inc->type, rd, id, (int)gap,
             gap == 1 ? "" : "s", place,
             orgs_meet ? "same perpetrator organisation"
                       : "no conflicting perpetrator organisation",
             site_meet ? "; same site" : "");
    return 1;
}

/* ---- joining ------------------------------------------------------------ */

typedef struct best {
    const sr_report *r;
    const sr_ids *own;
    int64_t id;
    double score;
    char why[600];
} best;

static int consider(void *ctx, const sr_store_incident *inc) {
    best *b = ctx;
    double score;
    char why[600];
    for (size_t i = 0; b->own && i < b->own->n; i++)
        if (b->own->v[i] == inc->id) return 0;   /* this document's own */
    /* the best score; among equals the oldest incident, so that the
     * choice does not depend on the order the backend returns rows in */
    if (sr_merge_agree(b->r, inc, &score, why, sizeof why) &&
        (b->id == 0 || score > b->score || (score == b->score && inc->id < b->id))) {
        b->id = inc->id;
        b->score = score;
        memcpy(b->why, why, sizeof why);
    }
    return 0;
}

sr_status sr_merge_report(sr_store *s, int64_t doc_id, int64_t report_id,
                          const sr_report *r, int64_t *incident, int *joined,
                          sr_error *err) {
    return sr_merge_report_own(s, doc_id, report_id, r, NULL, incident, joined, err);
}

sr_status sr_merge_report_own(sr_store *s, int64_t doc_id, int64_t report_id,
                              const sr_report *r, const sr_ids *own, int64_t *incident,
                              int *joined, sr_error *err) {
    best b = {r, own, 0, 0, ""};
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

/* The lists of a merged record keep at most this many entries (the first
 * ones, in report order); `sitrep show` lists everything from the reports. */
#define LIST_CAP 50

/* An incident being reconciled: the record so far, to which reports are
 * added one at a time in the order they joined.  A full reconcile adds every
 * report to an empty accumulator; a report joining a known incident is
 * added to the accumulator rebuilt from the stored record, which gives the
 * same result without reading the other reports again. */
typedef struct cacc {
    int present;
    int64_t value, lo, top;
    int unbounded, any_well;
    int64_t reports, well;
} cacc;

typedef struct acc {
    int64_t n;
    int main;
    unsigned family;
    char *type;
    json_t *taxonomy;
    char *date, *date_precision;
    sr_precision date_prec;
    int32_t day_lo, day_hi;
    sr_precision place_prec;
    int has_geo;
    double lat, lon;
    char *place, *country, *admin1;
    json_t *types, *orgs, *actors, *claimed, *sites, *sources, *reports, *evidence;
    cacc counts[SR_COUNT_N];
} acc;

static char *dupn(const char *s) {
    return s ? strdup(s) : NULL;
}

static void set_str(char **dst, const char *s) {
    free(*dst);
    *dst = dupn(s);
}

static const char *get_s(json_t *o, const char *k) {
    json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void acc_init(acc *a) {
    memset(a, 0, sizeof *a);
    a->day_lo = a->day_hi = SR_DAY_NONE;
    a->types = json_array();
    a->orgs = json_array();
    a->actors = json_array();
    a->claimed = json_array();
    a->sites = json_array();
    a->sources = json_array();
    a->reports = json_array();
    a->evidence = json_array();
}

static void acc_free(acc *a) {
    free(a->type);
    free(a->date);
    free(a->date_precision);
    free(a->place);
    free(a->country);
    free(a->admin1);
    json_decref(a->taxonomy);
    json_t *lists[] = {a->types, a->orgs, a->actors, a->claimed, a->sites,
                       a->sources, a->reports, a->evidence};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) json_decref(lists[i]);
}

static void add_unique(json_t *arr, const char *s) {
    size_t i;
    json_t *v;
    if (!s || !*s || json_array_size(arr) >= LIST_CAP) return;
    json_array_foreach(arr, i, v) {
        if (strcmp(json_string_value(v), s) == 0) return;
    }
    json_array_append_new(arr, json_string(s));
}

static void add_capped(json_t *arr, json_t *v) {
    if (v && json_array_size(arr) < LIST_CAP) json_array_append_new(arr, v);
    else json_decref(v);
}

static void add_lines(json_t *arr, const char *list) {
    for (const char *o = list; o && *o;) {
        const char *e = strchr(o, '\n');
        char *one = strndup(o, e ? (size_t)(e - o) : strlen(o));
        if (one) add_unique(arr, one);
        free(one);
        o = e ? e + 1 : NULL;
    }
}

/* Add one report (r, its stored object and its document's metadata). */
static void acc_add(acc *a, const sr_report *r, json_t *obj, const char *doc_key,
                    const char *title, const char *published) {
    size_t j;
    json_t *v;
    a->n++;
    a->family |= r->family;
    /* type: the first report that tells it as main news, else the first */
    if (!a->type || (r->main && !a->main)) {
        set_str(&a->type, r->type);
        json_decref(a->taxonomy);
        a->taxonomy = json_incref(json_object_get(obj, "taxonomy"));
    }
    a->main |= r->main;
    /* date and place: the first of the finest */
    if (r->date && (!a->date || r->date_prec < a->date_prec)) {
        set_str(&a->date, r->date);
        set_str(&a->date_precision, sr_precision_name(r->date_prec));
        a->date_prec = r->date_prec;
        a->day_lo = r->day_lo;
        a->day_hi = r->day_hi;
    } else if (!a->date && r->day_lo != SR_DAY_NONE) {
        if (a->day_lo == SR_DAY_NONE || r->day_lo < a->day_lo) a->day_lo = r->day_lo;
        if (a->day_hi == SR_DAY_NONE || r->day_hi > a->day_hi) a->day_hi = r->day_hi;
    }
    if (r->place_prec != SR_PREC_UNKNOWN &&
        (a->place_prec == SR_PREC_UNKNOWN || r->place_prec < a->place_prec)) {
        a->place_prec = r->place_prec;
        set_str(&a->place, r->place);
        set_str(&a->country, r->country);
        set_str(&a->admin1, r->admin1);
        a->has_geo = r->has_geo;
        a->lat = r->lat;
        a->lon = r->lon;
    }
    add_unique(a->types, r->type);
    json_array_foreach(json_object_get(obj, "types"), j, v) {
        if (json_is_string(v)) add_unique(a->types, json_string_value(v));
    }
    add_lines(a->orgs, r->orgs);
    add_lines(a->actors, r->actors);
    add_unique(a->sites, r->site);
    json_array_foreach(json_object_get(obj, "claimed_by"), j, v) {
        add_unique(a->claimed, get_s(v, "name") ? get_s(v, "name") : get_s(v, "text"));
    }
    json_array_foreach(json_object_get(obj, "sources"), j, v) {
        add_capped(a->sources, json_pack("{s:s?,s:s?,s:s?}", "name", get_s(v, "name"), "via",
                                         get_s(v, "via"), "document", doc_key));
    }
    json_array_foreach(json_object_get(obj, "evidence"), j, v) {
        add_capped(a->evidence, json_pack("{s:s?,s:s?}", "document", doc_key, "text",
                                          get_s(v, "text")));
    }
    json_t *rk = json_object_get(json_object_get(obj, "casualties"), "killed");
    add_capped(a->reports,
               json_pack("{s:s?,s:s?,s:s?,s:s?,s:s,s:s?,s:s?,s:O?}", "id", get_s(obj, "id"),
                         "document", doc_key, "title", title, "published", published,
                         "status", r->main ? "main" : "background", "type", r->type, "date",
                         r->date, "killed", json_is_object(rk) ? rk : NULL));
    /* counts: the lowest well-sourced minimum (docs/store.md), the range */
    for (int k = 0; k < SR_COUNT_N; k++) {
        const sr_rcount *c = &r->counts[k];
        cacc *x = &a->counts[k];
        if (!c->present) continue;
        int well = c->sourced || r->main;
        int64_t top = c->max == SR_COUNT_UNBOUNDED ? c->min : c->max;
        if (!x->present) {
            x->present = 1;
            x->value = x->lo = c->min;
            x->top = top;
            x->unbounded = c->max == SR_COUNT_UNBOUNDED;
        } else {
            if (well && (!x->any_well || c->min < x->value)) x->value = c->min;
            else if (!well && !x->any_well && c->min < x->value) x->value = c->min;
            if (c->min < x->lo) x->lo = c->min;
            if (top > x->top) { x->top = top; x->unbounded = c->max == SR_COUNT_UNBOUNDED; }
            else if (top == x->top && c->max == SR_COUNT_UNBOUNDED) x->unbounded = 1;
        }
        x->any_well |= well;
        x->reports++;
        x->well += well;
    }
}

/* Rebuild the accumulator of a stored incident from its row and record. */
static void acc_load(acc *a, const sr_store_incident *inc, json_t *rec) {
    a->n = inc->nreports;
    a->main = inc->main;
    a->family = inc->family;
    a->type = dupn(inc->type);
    a->taxonomy = json_incref(json_object_get(rec, "taxonomy"));
    a->date = dupn(inc->date);
    a->date_precision = dupn(inc->date_precision);
    a->date_prec = sr_precision_from_name(inc->date_precision);
    a->day_lo = inc->day_lo;
    a->day_hi = inc->day_hi;
    a->place_prec = sr_precision_from_name(inc->place_precision);
    a->has_geo = inc->has_geo;
    a->lat = inc->lat;
    a->lon = inc->lon;
    a->place = dupn(inc->place);
    a->country = dupn(inc->country);
    a->admin1 = dupn(inc->admin1);
    static const char *const lists[] = {"types", "perpetrator_orgs", "actors", "claimed_by",
                                        "sites", "sources", "reports", "evidence"};
    json_t **dst[] = {&a->types, &a->orgs, &a->actors, &a->claimed,
                      &a->sites, &a->sources, &a->reports, &a->evidence};
    for (size_t i = 0; i < 8; i++) {
        json_t *l = json_object_get(rec, lists[i]);
        if (json_is_array(l)) {
            json_decref(*dst[i]);
            *dst[i] = json_incref(l);
        }
    }
    json_t *cas = json_object_get(rec, "casualties");
    for (int k = 0; k < SR_COUNT_N; k++) {
        json_t *c = json_object_get(cas, sr_count_names[k]);
        cacc *x = &a->counts[k];
        if (!json_is_object(c)) continue;
        x->present = 1;
        x->value = json_integer_value(json_object_get(c, "value"));
        x->lo = json_integer_value(json_object_get(c, "min"));
        x->top = json_integer_value(json_object_get(c, "highest"));
        x->unbounded = json_is_null(json_object_get(c, "max"));
        x->reports = json_integer_value(json_object_get(c, "reports"));
        x->well = json_integer_value(json_object_get(c, "well_sourced"));
        x->any_well = x->well > 0;
    }
}

static void join_lines(sr_buf *b, json_t *arr) {
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (b->len) sr_buf_addc(b, '\n');
        sr_buf_adds(b, json_string_value(v));
    }
}

static int same_str(const char *a, const char *b) {
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Write the accumulated record to incident `id`.  `old` is the stored row
 * when there is one worth comparing (its place and actor index entries are
 * rewritten only when they changed), else NULL; `first` when the row was
 * just created. */
/* Save the accumulator as incident `id`.  With `keep`, a saved record's
 * JSON text and object are handed to the caller (*keep_text, *keep_rec). */
static sr_status acc_save_keep(sr_store *s, int64_t id, acc *a, const sr_store_incident *old,
                               int first, sr_error *err, char **keep_text, json_t **keep_rec) {
    sr_store_incident inc;
    memset(&inc, 0, sizeof inc);
    inc.id = id;
    inc.nreports = a->n;
    inc.type = a->type ? a->type : "unknown";
    inc.family = a->family;
    inc.main = a->main;
    inc.date = a->date;
    inc.date_precision = a->date ? a->date_precision : "unknown";
    inc.day_lo = a->day_lo;
    inc.day_hi = a->day_hi;
    json_t *loc = json_null();
    if (a->place_prec != SR_PREC_UNKNOWN) {
        inc.place = a->place;
        inc.country = a->country;
        inc.admin1 = a->admin1;
        inc.place_precision = sr_precision_name(a->place_prec);
        inc.has_geo = a->has_geo;
        inc.lat = a->lat;
        inc.lon = a->lon;
        loc = json_pack("{s:s?,s:s?,s:s?,s:o,s:o,s:s}", "name", a->place, "country", a->country,
                        "admin1", a->admin1, "lat", a->has_geo ? json_real(a->lat) : json_null(),
                        "lon", a->has_geo ? json_real(a->lon) : json_null(), "precision",
                        inc.place_precision);
    }
    json_t *cas = json_object();
    for (int k = 0; k < SR_COUNT_N; k++) {
        const cacc *x = &a->counts[k];
        sr_store_count *out = k == SR_COUNT_KILLED ? &inc.killed
                              : k == SR_COUNT_WOUNDED ? &inc.wounded : NULL;
        if (!x->present) {
            json_object_set_new(cas, sr_count_names[k], json_null());
            continue;
        }
        if (out) {
            out->present = 1;
            out->value = x->value;
            out->lo = x->lo;
            out->hi = x->unbounded ? -1 : x->top;
        }
        json_object_set_new(
            cas, sr_count_names[k],
            json_pack("{s:I,s:I,s:o,s:I,s:I,s:I}", "value", (json_int_t)x->value, "min",
                      (json_int_t)x->lo, "max",
                      x->unbounded ? json_null() : json_integer((json_int_t)x->top), "highest",
                      (json_int_t)x->top, "reports", (json_int_t)x->reports, "well_sourced",
                      (json_int_t)x->well));
    }
    sr_buf ob = SR_BUF_INIT, ab = SR_BUF_INIT, sb = SR_BUF_INIT;
    join_lines(&ob, a->orgs);
    join_lines(&ab, a->actors);
    join_lines(&sb, a->sites);
    inc.orgs = ob.len ? ob.data : NULL;
    inc.actors = ab.len ? ab.data : NULL;
    inc.sites = sb.len ? sb.data : NULL;
    json_t *o = json_pack(
        "{s:I,s:s,s:O,s:O?,s:s,s:{s:s?,s:s},s:o,s:s?,s:O,s:O,s:O,s:O,s:o,s:I,s:O,s:O,s:O}",
        "id", (json_int_t)id, "type", inc.type, "types", a->types, "taxonomy", a->taxonomy,
        "status", inc.main ? "main" : "background", "date", "value", inc.date, "precision",
        inc.date_precision, "location", loc, "site", json_string_value(json_array_get(a->sites, 0)),
        "sites", a->sites, "perpetrator_orgs", a->orgs, "actors", a->actors, "claimed_by",
        a->claimed, "casualties", cas, "nreports", (json_int_t)a->n, "sources", a->sources,
        "reports", a->reports, "evidence", a->evidence);
    char *js = o ? sr_record_dumps(o) : NULL;   /* = json_dumps(o, JSON_COMPACT) */
    sr_status st;
    if (!js || ob.oom || ab.oom || sb.oom) st = sr_fail(err, SR_ERR_NOMEM, "reconcile: out of memory");
    else {
        inc.json = js;
        unsigned what = first ? SR_SAVE_FIRST | SR_SAVE_PLACE | SR_SAVE_ACTORS | SR_SAVE_KEYS
                              : SR_SAVE_PLACE | SR_SAVE_ACTORS | SR_SAVE_KEYS;
        if (old && same_str(old->type, inc.type) && old->main == inc.main &&
            old->day_lo == inc.day_lo && old->day_hi == inc.day_hi &&
            same_str(old->country, inc.country) &&
            old->killed.present == inc.killed.present &&
            (!inc.killed.present || old->killed.value == inc.killed.value))
            what &= ~(unsigned)SR_SAVE_KEYS;
        if (old && old->has_geo == inc.has_geo &&
            (!inc.has_geo || (old->lat == inc.lat && old->lon == inc.lon &&
                              old->day_lo == inc.day_lo && old->day_hi == inc.day_hi)))
            what &= ~(unsigned)SR_SAVE_PLACE;
        if (old && same_str(old->actors, inc.actors)) what &= ~(unsigned)SR_SAVE_ACTORS;
        st = s->ops->incident_save(s, &inc, what, err);
    }
    if (st == SR_OK && keep_text && keep_rec) {
        *keep_text = js;
        *keep_rec = o;
    } else {
        free(js);
        json_decref(o);
    }
    sr_buf_free(&ob);
    sr_buf_free(&ab);
    sr_buf_free(&sb);
    return st;
}

static sr_status acc_save(sr_store *s, int64_t id, acc *a, const sr_store_incident *old,
                          int first, sr_error *err) {
    return acc_save_keep(s, id, a, old, first, err, NULL, NULL);
}

/* ---- parsed records of recently joined incidents ------------------------
 *
 * A report joining an incident rebuilds the accumulator from the stored
 * record; parsing that JSON was the largest cost of storing a report into
 * an incident with many reports (records grow to the list caps, 25-60 KB).
 * The store handle keeps, for recently joined incidents, the text it wrote
 * and the object that text was printed from.  An entry is used only when
 * the stored text read back is byte for byte the cached one -- so a rolled
 * back transaction, a rebuilt or deleted incident, or another writer's
 * change (PostgreSQL) simply misses -- and it is taken out while in use
 * (the accumulator modifies the object's lists).  Small records are not
 * kept: they parse quickly.  Memory: at most CACHE_SLOTS entries and
 * CACHE_BYTES of text. */
#define CACHE_SLOTS 1024
#define CACHE_MIN_LEN 2048
#define CACHE_BYTES ((size_t)24 << 20)

typedef struct rec_slot {
    int64_t id;
    char *text;
    size_t len;
    json_t *rec;
} rec_slot;

struct sr_merge_cache {
    rec_slot slot[CACHE_SLOTS];
    size_t bytes;
};

static void slot_clear(struct sr_merge_cache *c, rec_slot *e) {
    if (!e->text) return;
    c->bytes -= e->len;
    free(e->text);
    json_decref(e->rec);
    memset(e, 0, sizeof *e);
}

void sr_merge_cache_free(struct sr_merge_cache *c) {
    if (!c) return;
    for (size_t i = 0; i < CACHE_SLOTS; i++) slot_clear(c, &c->slot[i]);
    free(c);
}

/* The parsed record of incident `id` whose stored text is `text`: from the
 * cache (taken out of it) or parsed. */
static json_t *record_take(sr_store *s, int64_t id, const char *text) {
    struct sr_merge_cache *c = s->merge_cache;
    if (c) {
        rec_slot *e = &c->slot[(uint64_t)id % CACHE_SLOTS];
        if (e->text && e->id == id) {
            json_t *rec = NULL;
            /* strncmp stops at text's end: a shorter text must not be read
             * past (memcmp would). */
            if (strncmp(e->text, text, e->len) == 0 && text[e->len] == '\0') {
                rec = e->rec;
                e->rec = NULL;
            }
            slot_clear(c, e);
            if (rec) return rec;
        }
    }
    return json_loads(text, 0, NULL);
}

/* Keep (take ownership of) the record just saved for incident `id`. */
static void record_keep(sr_store *s, int64_t id, char *text, json_t *rec) {
    size_t len = strlen(text);
    if (len >= CACHE_MIN_LEN && !s->merge_cache) s->merge_cache = calloc(1, sizeof *s->merge_cache);
    struct sr_merge_cache *c = s->merge_cache;
    if (len < CACHE_MIN_LEN || !c) {
        free(text);
        json_decref(rec);
        return;
    }
    rec_slot *e = &c->slot[(uint64_t)id % CACHE_SLOTS];
    slot_clear(c, e);
    if (c->bytes + len > CACHE_BYTES) {
        free(text);
        json_decref(rec);
        return;
    }
    e->id = id;
    e->text = text;
    e->len = len;
    e->rec = rec;
    c->bytes += len;
}

typedef struct full_ctx {
    acc a;
    sr_status st;
} full_ctx;

static int add_row(void *ctx, const sr_store_report *sr) {
    full_ctx *f = ctx;
    json_t *obj = json_loads(sr->json, 0, NULL);
    if (!json_is_object(obj)) {
        json_decref(obj);
        obj = json_object();   /* a damaged row still counts as a report */
    }
    sr_report r;
    memset(&r, 0, sizeof r);
    if (sr_report_from_object(obj, &r) != SR_OK) {
        json_decref(obj);
        f->st = SR_ERR_NOMEM;
        return 1;
    }
    acc_add(&f->a, &r, obj, sr->doc_key, sr->title, sr->published);
    sr_report_clear(&r);
    json_decref(obj);
    return 0;
}

sr_status sr_merge_reconcile(sr_store *s, int64_t incident_id, sr_error *err) {
    full_ctx f;
    acc_init(&f.a);
    f.st = SR_OK;
    sr_status st = s->ops->reports(s, incident_id, add_row, &f, err);
    if (st == SR_OK && f.st != SR_OK) st = sr_fail(err, f.st, "reconcile: %s", sr_strerror(f.st));
    if (st == SR_OK)
        st = f.a.n == 0 ? s->ops->incident_delete(s, incident_id, err)
                        : acc_save(s, incident_id, &f.a, NULL, 0, err);
    acc_free(&f.a);
    return st;
}

typedef struct join_ctx {
    const sr_report *r;
    json_t *robj;
    const char *doc_key, *title, *published;
    sr_store *s;
    sr_error *err;
    sr_status st;
} join_ctx;

static int join_one(void *ctx, const sr_store_incident *inc) {
    join_ctx *j = ctx;
    json_t *rec = record_take(j->s, inc->id, inc->json);
    acc a;
    acc_init(&a);
    acc_load(&a, inc, rec);
    acc_add(&a, j->r, j->robj, j->doc_key, j->title, j->published);
    char *text = NULL;
    json_t *saved = NULL;
    j->st = acc_save_keep(j->s, inc->id, &a, inc, 0, j->err, &text, &saved);
    acc_free(&a);
    json_decref(rec);
    if (j->st == SR_OK) record_keep(j->s, inc->id, text, saved);
    return 1;
}

sr_status sr_merge_join(sr_store *s, int64_t incident_id, const sr_report *r,
                        const char *doc_key, const char *title, const char *published,
                        sr_error *err) {
    join_ctx j = {r, r->obj ? json_incref(r->obj) : json_loads(r->json, 0, NULL), doc_key,
                  title, published, s, err, SR_OK};
    if (!j.robj) return sr_fail(err, SR_ERR_NOMEM, "join: out of memory");
    sr_status st = s->ops->incident_get(s, incident_id, join_one, &j, err);
    json_decref(j.robj);
    return st != SR_OK ? st : j.st;
}

sr_status sr_merge_start(sr_store *s, int64_t incident_id, const sr_report *r,
                         const char *doc_key, const char *title, const char *published,
                         sr_error *err) {
    json_t *obj = r->obj ? json_incref(r->obj) : json_loads(r->json, 0, NULL);
    if (!obj) return sr_fail(err, SR_ERR_NOMEM, "new incident: out of memory");
    acc a;
    acc_init(&a);
    acc_add(&a, r, obj, doc_key, title, published);
    sr_status st = acc_save(s, incident_id, &a, NULL, 1, err);
    acc_free(&a);
    json_decref(obj);
    return st;
}
