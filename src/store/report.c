/*
 * report.c -- from a document's sitrep/1 JSON to stored reports, and from a
 * stored report to the values the merge compares (see report.h).
 *
 * jansson parses; every field is looked up with its type checked, so a
 * report written by another tool or a future sitrep degrades to "unknown"
 * values instead of failing.  Evidence sentences are cut from the text only
 * when their span lies inside it and the bytes are valid UTF-8.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../core/buf.h"
#include "../core/error.h"

static const struct {
    const char *type;
    unsigned family;
} FAMILIES[] = {
    {"armed_assault", SR_FAM_ATTACK},      {"massacre", SR_FAM_ATTACK},
    {"assassination", SR_FAM_ATTACK},      {"armed_clash", SR_FAM_ATTACK},
    {"unarmed_assault", SR_FAM_ATTACK},    {"bombing", SR_FAM_EXPLOSION},
    {"suicide_bombing", SR_FAM_EXPLOSION}, {"shelling_airstrike", SR_FAM_EXPLOSION},
    {"kidnapping", SR_FAM_ABDUCTION},      {"hostage_taking", SR_FAM_ABDUCTION},
    {"hijacking", SR_FAM_ABDUCTION},       {"arson", SR_FAM_PROPERTY},
    {"robbery", SR_FAM_PROPERTY},          {"protest", SR_FAM_UNREST},
    {"riot", SR_FAM_UNREST},               {"forced_work_stoppage", SR_FAM_UNREST},
};

unsigned sr_type_family(const char *type) {
    if (!type) return SR_FAM_OTHER;
    for (size_t i = 0; i < sizeof FAMILIES / sizeof *FAMILIES; i++)
        if (strcmp(FAMILIES[i].type, type) == 0) return FAMILIES[i].family;
    return SR_FAM_OTHER;
}

/* Howard Hinnant's days_from_civil. */
int32_t sr_days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static int digits(const char *s, int n) {
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static int month_days(int y, int m) {
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return md[m - 1];
}

sr_precision sr_date_range(const char *s, int32_t *lo, int32_t *hi) {
    if (!s) return SR_PREC_UNKNOWN;
    size_t n = strlen(s);
    if (n < 4 || !digits(s, 4)) return SR_PREC_UNKNOWN;
    int y = atoi(s);
    if (n == 4) {
        *lo = sr_days_from_civil(y, 1, 1);
        *hi = sr_days_from_civil(y, 12, 31);
        return SR_PREC_YEAR;
    }
    if (n < 7 || s[4] != '-' || !digits(s + 5, 2)) return SR_PREC_UNKNOWN;
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12) return SR_PREC_UNKNOWN;
    if (n == 7) {
        *lo = sr_days_from_civil(y, m, 1);
        *hi = sr_days_from_civil(y, m, month_days(y, m));
        return SR_PREC_MONTH;
    }
    if (n != 10 || s[7] != '-' || !digits(s + 8, 2)) return SR_PREC_UNKNOWN;
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (d < 1 || d > month_days(y, m)) return SR_PREC_UNKNOWN;
    *lo = *hi = sr_days_from_civil(y, m, d);
    return SR_PREC_DAY;
}

static const char *get_str(json_t *o, const char *key) {
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *dup_or_null(const char *s) {
    return s && *s ? strdup(s) : NULL;
}

sr_precision sr_precision_from_name(const char *s) {
    if (!s) return SR_PREC_UNKNOWN;
    if (strcmp(s, "day") == 0) return SR_PREC_DAY;
    if (strcmp(s, "month") == 0) return SR_PREC_MONTH;
    if (strcmp(s, "year") == 0) return SR_PREC_YEAR;
    if (strcmp(s, "site") == 0) return SR_PREC_SITE;
    if (strcmp(s, "city") == 0) return SR_PREC_CITY;
    if (strcmp(s, "admin1") == 0) return SR_PREC_ADMIN1;
    if (strcmp(s, "country") == 0) return SR_PREC_COUNTRY;
    return SR_PREC_UNKNOWN;
}

/* Append the names of an array of fillers ("name" first, else "text"). */
static void add_names(sr_buf *b, json_t *arr, int prefer_name) {
    size_t i;
    json_t *f;
    if (!json_is_array(arr)) return;
    json_array_foreach(arr, i, f) {
        const char *s = prefer_name ? get_str(f, "name") : NULL;
        if (!s) s = get_str(f, "text");
        if (!s || !*s || strchr(s, '\n')) continue;
        if (b->len) sr_buf_addc(b, '\n');
        sr_buf_adds(b, s);
    }
}

static char *steal_or_null(sr_buf *b) {
    if (b->oom || b->len == 0) {
        sr_buf_free(b);
        return NULL;
    }
    return sr_buf_steal(b, NULL);
}

static void fill_count(json_t *c, sr_rcount *out) {
    memset(out, 0, sizeof *out);
    if (!json_is_object(c)) return;
    json_t *mn = json_object_get(c, "min"), *mx = json_object_get(c, "max");
    if (!json_is_integer(mn) || json_integer_value(mn) < 0) return;
    out->present = 1;
    out->min = json_integer_value(mn);
    out->max = json_is_integer(mx) && json_integer_value(mx) >= out->min
                   ? json_integer_value(mx) : SR_COUNT_UNBOUNDED;
    out->sourced = get_str(c, "source") != NULL;
}

/* Fill r from a stored report object (which it does not keep). */
sr_status sr_report_from_object(json_t *inc, sr_report *r) {
    const char *type = get_str(inc, "type");
    r->type = strdup(type ? type : "unknown");
    if (!r->type) return SR_ERR_NOMEM;
    r->family = sr_type_family(type);
    json_t *types = json_object_get(inc, "types"), *t;
    size_t i;
    if (json_is_array(types))
        json_array_foreach(types, i, t) {
            if (json_is_string(t)) r->family |= sr_type_family(json_string_value(t));
        }
    const char *status = get_str(inc, "status");
    r->main = !status || strcmp(status, "background") != 0;
    json_t *conf = json_object_get(inc, "confidence");
    r->confidence = json_is_number(conf) ? json_number_value(conf) : 0.5;
    json_t *doc = json_object_get(inc, "doc");
    r->doc_key = dup_or_null(get_str(doc, "id"));

    json_t *date = json_object_get(inc, "date");
    r->day_lo = r->day_hi = SR_DAY_NONE;
    r->date_prec = sr_date_range(get_str(date, "value"), &r->day_lo, &r->day_hi);
    if (r->date_prec != SR_PREC_UNKNOWN) {
        r->date = strdup(get_str(date, "value"));
    } else {
        /* no date: the week before the document's publication */
        int32_t lo, hi;
        if (sr_date_range(get_str(doc, "published"), &lo, &hi) == SR_PREC_DAY) {
            r->day_lo = lo - 7;
            r->day_hi = hi;
        }
    }

    json_t *loc = json_object_get(inc, "location");
    if (json_is_object(loc)) {
        json_t *la = json_object_get(loc, "lat"), *lo = json_object_get(loc, "lon");
        r->place = dup_or_null(get_str(loc, "name"));
        r->country = dup_or_null(get_str(loc, "country"));
        r->admin1 = dup_or_null(get_str(loc, "admin1"));
        r->place_prec = sr_precision_from_name(get_str(loc, "precision"));
        if (json_is_number(la) && json_is_number(lo)) {
            r->lat = json_number_value(la);
            r->lon = json_number_value(lo);
            r->has_geo = r->lat >= -90 && r->lat <= 90 && r->lon >= -180 && r->lon <= 180;
        }
        if (r->place_prec == SR_PREC_UNKNOWN && (r->has_geo || r->country))
            r->place_prec = r->has_geo ? SR_PREC_CITY : SR_PREC_COUNTRY;
    }
    r->site = dup_or_null(get_str(json_object_get(inc, "site"), "text"));

    sr_buf b = SR_BUF_INIT;
    add_names(&b, json_object_get(inc, "perpetrator_orgs"), 1);
    r->orgs = steal_or_null(&b);
    add_names(&b, json_object_get(inc, "perpetrator_orgs"), 1);
    add_names(&b, json_object_get(inc, "claimed_by"), 1);
    add_names(&b, json_object_get(inc, "perpetrators"), 0);
    r->actors = steal_or_null(&b);

    json_t *cas = json_object_get(inc, "casualties");
    for (int k = 0; k < SR_COUNT_N; k++)
        fill_count(json_object_get(cas, sr_count_names[k]), &r->counts[k]);

    json_t *ev = json_object_get(inc, "evidence"), *e;
    size_t nev = json_array_size(ev);
    if (nev) {
        r->evidence = calloc(nev, sizeof *r->evidence);
        if (!r->evidence) return SR_ERR_NOMEM;
    }
    json_array_foreach(ev, i, e) {
        json_t *sp = json_object_get(e, "span");
        const char *text = get_str(e, "text");
        json_t *s0 = json_array_get(sp, 0), *s1 = json_array_get(sp, 1);
        if (!text || !json_is_integer(s0) || !json_is_integer(s1)) continue;
        sr_evidence *x = &r->evidence[r->nevidence];
        x->start = (uint32_t)json_integer_value(s0);
        x->end = (uint32_t)json_integer_value(s1);
        if (!(x->text = strdup(text))) return SR_ERR_NOMEM;
        r->nevidence++;
    }
    return SR_OK;
}

sr_status sr_report_parse(const char *json, size_t len, sr_report *r,
                          sr_error *err) {
    memset(r, 0, sizeof *r);
    json_error_t je;
    json_t *inc = json_loadb(json, len, 0, &je);
    if (!json_is_object(inc)) {
        json_decref(inc);
        return sr_fail(err, SR_ERR_PARSE, "stored report: %s", je.text);
    }
    sr_status st = sr_report_from_object(inc, r);
    if (st == SR_OK) {
        r->json = malloc(len + 1);
        if (!r->json) st = SR_ERR_NOMEM;
        else {
            memcpy(r->json, json, len);
            r->json[len] = '\0';
        }
    }
    json_decref(inc);
    if (st != SR_OK) sr_report_clear(r);
    return st == SR_OK ? SR_OK : sr_fail(err, st, "stored report: %s", sr_strerror(st));
}

/* The evidence sentences of an incident, cut from the text. */
static json_t *evidence(json_t *sentences, const char *text, size_t text_len) {
    json_t *ev = json_array();
    size_t i;
    json_t *sp;
    if (!ev || !json_is_array(sentences)) return ev;
    json_array_foreach(sentences, i, sp) {
        json_t *a = json_array_get(sp, 0), *b = json_array_get(sp, 1);
        if (!json_is_integer(a) || !json_is_integer(b)) continue;
        json_int_t s = json_integer_value(a), e = json_integer_value(b);
        if (s < 0 || e <= s || (size_t)e > text_len) continue;
        if (memchr(text + s, '\0', (size_t)(e - s))) continue;   /* not a text */
        json_t *str = json_stringn(text + s, (size_t)(e - s));
        if (!str) continue;   /* the span cuts a UTF-8 sequence */
        json_t *o = json_object();
        json_object_set_new(o, "text", str);
        json_object_set_new(o, "span", json_pack("[II]", s, e));
        json_array_append_new(ev, o);
    }
    return ev;
}

sr_status sr_reports_from_doc(const char *json, size_t json_len,
                              const char *text, size_t text_len,
                              sr_reports *out, sr_error *err) {
    out->v = NULL;
    out->n = 0;
    json_error_t je;
    json_t *root = json_loadb(json, json_len, 0, &je);
    json_t *incs = json_object_get(root, "incidents");
    if (!json_is_object(root) || !json_is_array(incs)) {
        int obj = json_is_object(root);
        json_decref(root);
        return sr_fail(err, SR_ERR_PARSE, "not a sitrep/1 document (%s)",
                       obj ? "no \"incidents\"" : je.text);
    }
    json_t *d = json_object_get(root, "doc");
    json_t *docinfo = json_object();
    static const char *const keys[] = {"id", "published", "title", "url"};
    for (size_t k = 0; k < 4; k++) {
        const char *v = get_str(d, keys[k]);
        json_object_set_new(docinfo, keys[k], v ? json_string(v) : json_null());
    }
    size_t n = json_array_size(incs);
    sr_status st = SR_OK;
    if (n) {
        out->v = calloc(n, sizeof *out->v);
        if (!out->v) st = SR_ERR_NOMEM;
    }
    for (size_t i = 0; i < n && st == SR_OK; i++) {
        json_t *inc = json_array_get(incs, i);
        if (!json_is_object(inc)) continue;
        json_object_set(inc, "doc", docinfo);
        json_object_set_new(inc, "evidence",
                            evidence(json_object_get(inc, "sentences"), text, text_len));
        sr_report *r = &out->v[out->n];
        memset(r, 0, sizeof *r);
        st = sr_report_from_object(inc, r);
        if (st == SR_OK) {
            r->json = json_dumps(inc, JSON_COMPACT);
            if (!r->json) st = SR_ERR_NOMEM;
            else r->obj = json_incref(inc);
        }
        if (st != SR_OK) sr_report_clear(r);
        else out->n++;
    }
    json_decref(docinfo);
    json_decref(root);
    if (st != SR_OK) {
        sr_reports_clear(out);
        return sr_fail(err, st, "reports: %s", sr_strerror(st));
    }
    return SR_OK;
}

void sr_report_clear(sr_report *r) {
    json_decref(r->obj);
    for (size_t i = 0; i < r->nevidence; i++) free(r->evidence[i].text);
    free(r->evidence);
    free(r->json);
    free(r->doc_key);
    free(r->type);
    free(r->date);
    free(r->place);
    free(r->country);
    free(r->admin1);
    free(r->site);
    free(r->orgs);
    free(r->actors);
    memset(r, 0, sizeof *r);
}

void sr_reports_clear(sr_reports *rs) {
    for (size_t i = 0; i < rs->n; i++) sr_report_clear(&rs->v[i]);
    free(rs->v);
    rs->v = NULL;
    rs->n = 0;
}
