/*
 * test_store.c -- the store without extraction: date ranges, type
 * families, distances, each merge rule on hand-built reports and
 * incidents, reports from sitrep/1 JSON (evidence spans checked), and a
 * SQLite store fed hand-written sitrep/1 documents (merge, conservative
 * counts, idempotency, replacement, queries, bound parameters).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "../../src/store/export.h"
#include "../../src/store/merge.h"
#include "../../src/store/record_json.h"
#include "../../src/store/report.h"
#include "../../src/store/store.h"

TEST(store_date_range) {
    int32_t lo, hi;
    CHECK_INT(sr_date_range("1970-01-01", &lo, &hi), SR_PREC_DAY);
    CHECK_INT(lo, 0);
    CHECK_INT(hi, 0);
    CHECK_INT(sr_date_range("2016-02", &lo, &hi), SR_PREC_MONTH);
    CHECK_INT(hi - lo, 28);   /* leap year: 29 days */
    CHECK_INT(sr_date_range("2017", &lo, &hi), SR_PREC_YEAR);
    CHECK_INT(hi - lo, 364);
    CHECK_INT(sr_date_range("2017-02-29", &lo, &hi), SR_PREC_UNKNOWN);
    CHECK_INT(sr_date_range("2017-13", &lo, &hi), SR_PREC_UNKNOWN);
    CHECK_INT(sr_date_range("20170101", &lo, &hi), SR_PREC_UNKNOWN);
    CHECK_INT(sr_date_range("", &lo, &hi), SR_PREC_UNKNOWN);
    CHECK_INT(sr_date_range(NULL, &lo, &hi), SR_PREC_UNKNOWN);
    CHECK_INT(sr_days_from_civil(2017, 6, 18) - sr_days_from_civil(2017, 6, 17), 1);
}

TEST(store_type_family) {
    CHECK_INT(sr_type_family("armed_assault"), SR_FAM_ATTACK);
    CHECK_INT(sr_type_family("suicide_bombing"), sr_type_family("bombing"));
    CHECK_INT(sr_type_family("hostage_taking"), SR_FAM_ABDUCTION);
    CHECK_INT(sr_type_family("no_such_type"), SR_FAM_OTHER);
    CHECK(sr_type_family("kidnapping") != sr_type_family("bombing"));
}

TEST(store_km) {
    double km = sr_km_between(12.0, -8.0, 13.0, -8.0);
    CHECK(km > 110.5 && km < 111.8);
    CHECK(sr_km_between(12.65, -8.0, 12.65, -8.0) < 1e-9);
}

/* A report in Bamako on 2017-06-18 (city precision, an armed assault). */
static void bamako_report(sr_report *r) {
    memset(r, 0, sizeof *r);
    r->type = "armed_assault";
    r->family = SR_FAM_ATTACK | SR_FAM_ABDUCTION;
    r->main = 1;
    r->date = "2017-06-18";
    r->date_prec = sr_date_range(r->date, &r->day_lo, &r->day_hi);
    r->has_geo = 1;
    r->lat = 12.65;
    r->lon = -8.0;
    r->place_prec = SR_PREC_CITY;
    r->place = "Bamako";
    r->country = "ML";
}

static void bamako_incident(sr_store_incident *inc) {
    memset(inc, 0, sizeof *inc);
    inc->id = 7;
    inc->type = "hostage_taking";
    inc->family = SR_FAM_ABDUCTION;
    inc->date = "2017-06-19";
    inc->date_precision = "day";
    sr_date_range(inc->date, &inc->day_lo, &inc->day_hi);
    inc->has_geo = 1;
    inc->lat = 12.60;
    inc->lon = -7.95;
    inc->place = "Bamako";
    inc->country = "ML";
    inc->place_precision = "city";
}

TEST(store_merge_rules) {
    sr_report r;
    sr_store_incident inc;
    double score;
    char why[600];
    bamako_report(&r);
    bamako_incident(&inc);
    CHECK(sr_merge_agree(&r, &inc, &score, why, sizeof why));
    CHECK(strstr(why, "Bamako") != NULL);

    /* type family */
    inc.family = SR_FAM_EXPLOSION;
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    CHECK(strstr(why, "famil") != NULL);
    bamako_incident(&inc);

    /* dates: one day apart agrees, two do not; a month contains its days */
    inc.day_lo = inc.day_hi = r.day_lo + 2;
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    inc.date = "2017-06";
    inc.date_precision = "month";
    sr_date_range(inc.date, &inc.day_lo, &inc.day_hi);
    CHECK(sr_merge_agree(&r, &inc, &score, why, sizeof why));
    inc.date = "2015-03";
    sr_date_range(inc.date, &inc.day_lo, &inc.day_hi);
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    bamako_incident(&inc);

    /* places: 60 km is too far for two cities, not for an admin1 */
    inc.lat = r.lat + 60.0 / 111.2;
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    CHECK(strstr(why, "km") != NULL);
    inc.place_precision = "admin1";
    CHECK(sr_merge_agree(&r, &inc, &score, why, sizeof why));
    inc.lat = r.lat + 300.0 / 111.2;
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    /* country precision: the same country, whatever the distance */
    inc.place_precision = "country";
    CHECK(sr_merge_agree(&r, &inc, &score, why, sizeof why));
    inc.country = "CI";
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    bamako_incident(&inc);

    /* named perpetrator organisations must not conflict */
    r.orgs = "AQIM";
    inc.orgs = "Al-Mourabitoun\nAQIM";
    CHECK(sr_merge_agree(&r, &inc, &score, why, sizeof why));
    double with_org = score;
    inc.orgs = "Boko Haram";
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    inc.orgs = NULL;
    CHECK(sr_merge_agree(&r, &inc, &score, why, sizeof why));
    CHECK(with_org > score);

    /* sites: a shared word that is not the place name */
    r.site = "Radisson Blu Hotel";
    inc.sites = "the Radisson";
    CHECK(sr_merge_agree(&r, &inc, &score, why, sizeof why));
    inc.sites = "Bamako Grand Mosque";
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    r.site = "Bamako market";
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));

    /* no place or no date: never merged */
    bamako_report(&r);
    r.place_prec = SR_PREC_UNKNOWN;
    r.has_geo = 0;
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
    bamako_report(&r);
    r.day_lo = r.day_hi = SR_DAY_NONE;
    CHECK(!sr_merge_agree(&r, &inc, &score, why, sizeof why));
}

static const char DOC_TEXT[] = "Gunmen attacked a hotel in Bamako. Two people died.";

TEST(store_reports_from_doc) {
    const char *json =
        "{\"schema\":\"sitrep/1\",\"doc\":{\"id\":\"a\",\"published\":\"2017-06-19\"},"
        "\"incidents\":[{\"id\":\"a/1\",\"type\":\"armed_assault\",\"status\":\"main\","
        "\"date\":{\"value\":null},\"location\":{\"name\":\"Bamako\",\"country\":\"ML\","
        "\"lat\":12.65,\"lon\":-8,\"precision\":\"city\"},"
        "\"casualties\":{\"killed\":{\"min\":2,\"max\":2,\"source\":\"police\"}},"
        "\"sentences\":[[0,34],[35,51],[40,9999],[51,35],\"x\"]},"
        "7, {\"type\":5}]}";
    sr_reports rs;
    sr_error err;
    CHECK_INT(sr_reports_from_doc(json, strlen(json), DOC_TEXT, strlen(DOC_TEXT), &rs, &err),
              SR_OK);
    CHECK_INT(rs.n, 2);
    sr_report *r = &rs.v[0];
    CHECK_STR(r->type, "armed_assault");
    CHECK_INT(r->nevidence, 2);   /* the bad spans are dropped */
    CHECK_SPAN(DOC_TEXT, r->evidence[0].start, r->evidence[0].end, r->evidence[0].text);
    CHECK_STR(r->evidence[1].text, "Two people died.");
    /* no date: the week before publication */
    int32_t lo, hi;
    sr_date_range("2017-06-19", &lo, &hi);
    CHECK_INT(r->day_hi, hi);
    CHECK_INT(r->day_lo, hi - 7);
    CHECK_INT(r->counts[SR_COUNT_KILLED].min, 2);
    CHECK(r->counts[SR_COUNT_KILLED].sourced);
    CHECK(strstr(r->json, "\"evidence\"") && strstr(r->json, "\"doc\""));
    CHECK_STR(rs.v[1].type, "unknown");
    CHECK_INT(rs.v[1].family, SR_FAM_OTHER);
    sr_reports_clear(&rs);
    CHECK_INT(sr_reports_from_doc("[1,2]", 5, "", 0, &rs, &err), SR_ERR_PARSE);
    CHECK_INT(sr_reports_from_doc("{", 1, "", 0, &rs, &err), SR_ERR_PARSE);
}

/* A sitrep/1 document with one incident, made by hand. */
static char *doc_json(const char *id, const char *type, const char *date, const char *place,
                      double lat, double lon, int killed, const char *source,
                      const char *org) {
    char *out;
    char orgs[128] = "";
    if (org) snprintf(orgs, sizeof orgs, "{\"text\":\"%s\",\"span\":[0,6],\"name\":\"%s\"}", org, org);
    if (asprintf(&out,
                 "{\"schema\":\"sitrep/1\",\"doc\":{\"id\":\"%s\",\"published\":\"2023-03-15\"},"
                 "\"incidents\":[{\"id\":\"%s/1\",\"type\":\"%s\",\"types\":[\"%s\"],"
                 "\"status\":\"main\",\"date\":{\"value\":\"%s\",\"precision\":\"day\"},"
                 "\"location\":{\"name\":\"%s\",\"country\":\"NG\",\"lat\":%.4f,\"lon\":%.4f,"
                 "\"precision\":\"city\"},\"perpetrator_orgs\":[%s],"
                 "\"casualties\":{\"killed\":{\"min\":%d,\"max\":%d,\"source\":%s%s%s}},"
                 "\"sources\":[{\"name\":\"%s\",\"via\":null}],\"sentences\":[[0,34]]}]}",
                 id, id, type, type, date, place, lat, lon, orgs, killed, killed,
                 source ? "\"" : "", source ? source : "null", source ? "\"" : "",
                 source ? source : "x") < 0)
        return NULL;
    return out;
}

static sr_status put(sr_store *s, const char *id, const char *text, const char *json,
                     sr_put_result *res) {
    sr_doc *d;
    if (sr_doc_new(id, &d) != SR_OK) return SR_ERR_NOMEM;
    sr_doc_set_text(d, text, strlen(text));
    sr_doc_hash h;
    sr_store_hash_doc(d, NULL, &h);
    sr_error err;
    sr_status st = sr_store_begin(s, &err);
    if (st == SR_OK) st = sr_store_put(s, d, &h, json, strlen(json), res, &err);
    if (st == SR_OK) st = sr_store_commit(s, &err);
    else sr_store_rollback(s);
    if (st != SR_OK) fprintf(stderr, "put %s: %s\n", id, err.message);
    sr_doc_free(d);
    return st;
}

typedef struct seen {
    int n;
    int64_t id, killed, lo, hi, nreports;
} seen;

static int on_inc(void *ctx, const sr_store_incident *inc) {
    seen *s = ctx;
    s->n++;
    s->id = inc->id;
    s->killed = inc->killed.present ? inc->killed.value : -1;
    s->lo = inc->killed.lo;
    s->hi = inc->killed.hi;
    s->nreports = inc->nreports;
    return 0;
}

static int grab_json(void *ctx, const sr_store_incident *inc) {
    *(char **)ctx = strdup(inc->json);
    return 0;
}

static int count(sr_store *s, const sr_query *q, seen *out) {
    memset(out, 0, sizeof *out);
    sr_error err;
    if (sr_store_query(s, q, on_inc, out, &err) != SR_OK) return -1;
    return out->n;
}

TEST(store_sqlite_merge_and_idempotency) {
    char path[] = "/tmp/sitrep-test-store-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    sr_store *s;
    sr_error err;
    CHECK_INT(sr_store_open(path, 0, &s, &err), SR_OK);
    CHECK_STR(sr_store_backend(s), "sqlite");
    CHECK(sr_store_schema_version(s) >= 1);

    char *a = doc_json("a", "bombing", "2023-03-14", "Maiduguri", 11.85, 13.16, 12, "police", NULL);
    char *b = doc_json("b", "bombing", "2023-03-14", "Maiduguri", 11.84, 13.15, 19, "a doctor", NULL);
    char *c = doc_json("c", "bombing", "2023-03-15", "Maiduguri", 11.85, 13.16, 40, NULL, NULL);
    char *k = doc_json("k", "kidnapping", "2023-03-14", "Maiduguri", 11.85, 13.16, 0, "x", NULL);
    char *o = doc_json("o", "bombing", "2023-03-14", "Maiduguri", 11.85, 13.16, 5, "x", "ISWAP");
    sr_put_result res;
    CHECK_INT(put(s, "a", "A bomb exploded at the market today. Twelve died.", a, &res), SR_OK);
    CHECK_INT(res.outcome, SR_PUT_ADDED);
    CHECK_INT(res.new_incidents, 1);
    CHECK_INT(put(s, "b", "Nineteen died when a bomb exploded in the market.", b, &res), SR_OK);
    CHECK_INT(res.merged, 1);
    /* a background-like unsourced, non-main figure does not lower the value */
    CHECK_INT(put(s, "k", "Gunmen kidnapped two aid workers on the airport road.", k, &res), SR_OK);
    CHECK_INT(res.new_incidents, 1);

    sr_query q;
    sr_query_init(&q);
    seen sn;
    CHECK_INT(count(s, &q, &sn), 2);
    q.type = "bombing";
    CHECK_INT(count(s, &q, &sn), 1);
    CHECK_INT(sn.killed, 12);
    CHECK_INT(sn.lo, 12);
    CHECK_INT(sn.hi, 19);
    CHECK_INT(sn.nreports, 2);
    int64_t bomb = sn.id;

    /* an org conflicting with none named still joins; a third figure from
     * an unsourced report widens the range, not the value */
    CHECK_INT(put(s, "c", "Forty died in the market bombing, residents said.", c, &res), SR_OK);
    CHECK_INT(res.merged, 1);
    CHECK_INT(count(s, &q, &sn), 1);
    CHECK_INT(sn.killed, 12);
    CHECK_INT(sn.hi, 40);
    CHECK_INT(put(s, "o", "ISWAP said its fighter bombed a mosque.", o, &res), SR_OK);
    CHECK_INT(res.merged, 1);   /* the incident has no org yet: no conflict */

    /* the record built report by report equals one rebuilt from all reports */
    char *before = NULL, *after = NULL;
    CHECK_INT(sr_store_incident_get(s, bomb, grab_json, &before, &err), SR_OK);
    CHECK_INT(sr_store_begin(s, &err), SR_OK);
    CHECK_INT(sr_merge_reconcile(s, bomb, &err), SR_OK);
    CHECK_INT(sr_store_commit(s, &err), SR_OK);
    CHECK_INT(sr_store_incident_get(s, bomb, grab_json, &after, &err), SR_OK);
    CHECK(before && after);
    CHECK_STR(after, before);
    CHECK(strstr(after, "\"nreports\":4") != NULL);
    free(before);
    free(after);

    /* two incidents of one document are never merged, however alike */
    {
        const char *inc1 =
            "{\"id\":\"t/%d\",\"type\":\"arson\",\"status\":\"main\","
            "\"date\":{\"value\":\"2023-05-02\"},\"location\":{\"name\":\"Kano\","
            "\"country\":\"NG\",\"lat\":12.0,\"lon\":8.5,\"precision\":\"city\"}}";
        char one[512], two[512], twin[1200];
        snprintf(one, sizeof one, inc1, 1);
        snprintf(two, sizeof two, inc1, 2);
        snprintf(twin, sizeof twin,
                 "{\"doc\":{\"id\":\"t\"},\"incidents\":[%s,%s]}", one, two);
        CHECK_INT(put(s, "t", "Two shops were set on fire in Kano.", twin, &res), SR_OK);
        CHECK_INT(res.new_incidents, 2);
        CHECK_INT(res.merged, 0);
        sr_query tq;
        sr_query_init(&tq);
        tq.type = "arson";
        CHECK_INT(count(s, &tq, &sn), 2);
    }

    /* idempotent; a copy under another id is the same document */
    CHECK_INT(put(s, "a", "A bomb exploded at the market today. Twelve died.", a, &res), SR_OK);
    CHECK_INT(res.outcome, SR_PUT_UNCHANGED);
    CHECK_INT(put(s, "a-copy", "A bomb exploded at the market today. Twelve died.", a, &res),
              SR_OK);
    CHECK_INT(res.outcome, SR_PUT_UNCHANGED);

    /* a changed document replaces its report */
    char *a2 = doc_json("a", "bombing", "2023-03-14", "Maiduguri", 11.85, 13.16, 3, "police", NULL);
    CHECK_INT(put(s, "a", "A bomb exploded at the market today. Three died.", a2, &res), SR_OK);
    CHECK_INT(res.outcome, SR_PUT_REPLACED);
    sr_store_counts cn;
    CHECK_INT(sr_store_counts_get(s, &cn, &err), SR_OK);
    CHECK_INT(cn.documents, 6);
    CHECK_INT(cn.reports, 7);
    CHECK_INT(count(s, &q, &sn), 1);
    CHECK_INT(sn.id, bomb);
    CHECK_INT(sn.killed, 3);

    /* filters, with values that would break spliced SQL */
    sr_query_init(&q);
    q.country = "NG' OR '1'='1";
    CHECK_INT(count(s, &q, &sn), 0);
    q.country = "NG";
    CHECK_INT(count(s, &q, &sn), 4);
    q.min_killed = 4;
    CHECK_INT(count(s, &q, &sn), 0);
    q.min_killed = 3;
    CHECK_INT(count(s, &q, &sn), 1);
    sr_query_init(&q);
    q.near = 1;
    q.lat = 11.85;
    q.lon = 13.16;
    q.km = 5;
    CHECK_INT(count(s, &q, &sn), 2);
    q.lat = 12.5;
    CHECK_INT(count(s, &q, &sn), 0);
    sr_query_init(&q);
    q.text = "kidnapped";
    CHECK_INT(count(s, &q, &sn), 1);
    q.text = "\"unterminated";
    CHECK_INT(sr_store_query(s, &q, on_inc, &sn, &err), SR_ERR_ARG);
    sr_query_init(&q);
    q.actor = "iswap";
    CHECK_INT(count(s, &q, &sn), 1);
    q.actor = NULL;
    q.since = "2023-03-15";
    q.until = "2023-03-31";
    CHECK_INT(count(s, &q, &sn), 0);   /* both are on the 14th (the first date) */
    q.since = "2023-03";
    CHECK_INT(count(s, &q, &sn), 2);
    q.until = NULL;
    CHECK_INT(count(s, &q, &sn), 4);   /* and the two fires of May */
    q.since = "nonsense";
    CHECK_INT(sr_store_query(s, &q, on_inc, &sn, &err), SR_ERR_ARG);
    CHECK_INT(sr_store_incident_get(s, 9999, on_inc, &sn, &err), SR_ERR_NOTFOUND);

    sr_store_close(s);
    /* reopening applies no migration twice and finds the data */
    CHECK_INT(sr_store_open(path, 1, &s, &err), SR_OK);
    CHECK_INT(sr_store_counts_get(s, &cn, &err), SR_OK);
    CHECK_INT(cn.incidents, 4);
    sr_store_close(s);
    free(a); free(a2); free(b); free(c); free(k); free(o);
    char side[sizeof path + 8];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* A report joining a large incident reuses the parsed record the store
 * handle kept (merge.c) only when the stored text is the one it wrote: a
 * join rolled back must leave no trace in the next join's record. */
TEST(store_join_record_cache) {
    char path[] = "/tmp/sitrep-test-cache-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    sr_store *s;
    sr_error err;
    CHECK_INT(sr_store_open(path, 0, &s, &err), SR_OK);
    sr_put_result res;
    char id[32], text[128];
    for (int i = 0; i < 30; i++) {   /* a record well over the cache's 2 KB minimum */
        snprintf(id, sizeof id, "r%02d", i);
        snprintf(text, sizeof text, "Report %d: a bomb exploded at the market. %d died.", i, 10 + i);
        char *js = doc_json(id, "bombing", "2023-03-14", "Maiduguri", 11.85, 13.16, 10 + i,
                            "police", NULL);
        CHECK(js != NULL);
        CHECK_INT(put(s, id, text, js, &res), SR_OK);
        CHECK_INT(res.reports, 1);
        CHECK_INT(res.merged, i > 0);
        free(js);
    }
    sr_query q;
    sr_query_init(&q);
    seen sn;
    CHECK_INT(count(s, &q, &sn), 1);
    int64_t inc = sn.id;
    char *rec = NULL;
    CHECK_INT(sr_store_incident_get(s, inc, grab_json, &rec, &err), SR_OK);
    CHECK(rec && strlen(rec) > 2048);
    free(rec);

    /* a join that is rolled back (its record was kept by the handle) */
    const char *gone = "A bomb exploded at the market, ROLLEDBACK said. 3 died.";
    char *gj = doc_json("gone", "bombing", "2023-03-14", "Maiduguri", 11.85, 13.16, 3,
                        "ROLLEDBACK", NULL);
    sr_doc *d;
    CHECK_INT(sr_doc_new("gone", &d), SR_OK);
    sr_doc_set_text(d, gone, strlen(gone));
    sr_doc_hash h;
    sr_store_hash_doc(d, NULL, &h);
    CHECK_INT(sr_store_begin(s, &err), SR_OK);
    CHECK_INT(sr_store_put(s, d, &h, gj, strlen(gj), &res, &err), SR_OK);
    CHECK_INT(res.merged, 1);
    sr_store_rollback(s);
    sr_doc_free(d);
    free(gj);

    /* the next join starts from the stored record, not the rolled-back one */
    char *last = doc_json("last", "bombing", "2023-03-14", "Maiduguri", 11.85, 13.16, 50,
                          "a doctor", NULL);
    CHECK_INT(put(s, "last", "Fifty died in the market bombing, a doctor said.", last, &res),
              SR_OK);
    CHECK_INT(res.merged, 1);
    free(last);
    char *before = NULL, *after = NULL;
    CHECK_INT(sr_store_incident_get(s, inc, grab_json, &before, &err), SR_OK);
    CHECK(before && strstr(before, "\"nreports\":31") != NULL);
    CHECK(before && strstr(before, "ROLLEDBACK") == NULL);
    CHECK_INT(count(s, &q, &sn), 1);
    CHECK_INT(sn.killed, 10);
    CHECK_INT(sn.hi, 50);
    /* and equals the record rebuilt from every report */
    CHECK_INT(sr_store_begin(s, &err), SR_OK);
    CHECK_INT(sr_merge_reconcile(s, inc, &err), SR_OK);
    CHECK_INT(sr_store_commit(s, &err), SR_OK);
    CHECK_INT(sr_store_incident_get(s, inc, grab_json, &after, &err), SR_OK);
    CHECK(before && after);
    if (before && after) CHECK_STR(after, before);
    free(before);
    free(after);
    sr_store_close(s);
    char side[sizeof path + 8];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* the record printer gives json_dumps(JSON_COMPACT)'s bytes */
TEST(store_record_dumps) {
    static const char *const cases[] = {
        "{}", "[]", "null", "[true,false,null]", "\"\"",
        "{\"a\":1,\"b\":[1,2,{\"c\":null}],\"d\":{}}",
        "{\"z\":1,\"a\":2}",   /* insertion order */
        "[0,-1,9223372036854775807,-9223372036854775807]",
        "[13.68935,-89.18718,0.1,3.0,-0.5,1e20,1.5e-7,123456789012.25,1e300,-2.5e-300]",
        "[\"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r\"]",
        "[\"\\u0001\\u001f\\b\\f \\u00e9t\\u00e9 \\u6771\\u4eac \\ud83d\\ude00\"]",
        "{\"k\\n\\\"\":\"v\"}",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *v = json_loads(cases[i], JSON_DECODE_ANY, NULL);
        CHECK(v != NULL);
        if (!v) continue;
        char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        char *got = sr_record_dumps(v);
        CHECK(want && got);
        if (want && got) CHECK_STR(got, want);
        free(want);
        free(got);
        json_decref(v);
    }
    CHECK(sr_record_dumps(NULL) == NULL);
}

TEST(store_open_locations) {
    sr_store *s;
    sr_error err;
    /* postgresql:// goes to the PostgreSQL backend (nothing listens on port 1) */
    CHECK_INT(sr_store_open("postgresql://127.0.0.1:1/sitrep?connect_timeout=2", 0, &s, &err),
              SR_ERR_IO);
    CHECK(strstr(err.message, "postgresql://127.0.0.1:1/sitrep") != NULL);
    CHECK_INT(sr_store_open("mysql://x", 0, &s, &err), SR_ERR_ARG);
    CHECK_INT(sr_store_open("", 0, &s, &err), SR_ERR_ARG);
    CHECK_INT(sr_store_open("/nonexistent-dir/x.db", 0, &s, &err), SR_ERR_IO);
    CHECK_INT(sr_store_open("sqlite:/nonexistent-dir/x.db", 1, &s, &err), SR_ERR_IO);
}

TEST(store_export_formats) {
    sr_store_incident inc;
    memset(&inc, 0, sizeof inc);
    inc.id = 3;
    inc.type = "bombing";
    inc.main = 1;
    inc.date = "2023-03";
    inc.date_precision = "month";
    inc.place = "Maiduguri, \"centre\"";
    inc.country = "NG";
    inc.place_precision = "city";
    inc.has_geo = 1;
    inc.lat = 11.85;
    inc.lon = 13.16;
    inc.killed = (sr_store_count){1, 12, 12, 19};
    inc.orgs = "Boko Haram\nISWAP";
    inc.nreports = 2;
    inc.json = "{\"taxonomy\":{\"gtd\":\"Bombing/Explosion\",\"acled\":\"Explosions/Remote "
               "violence\",\"acled_sub\":\"Remote explosive/landmine/IED\"},"
               "\"claimed_by\":[\"ISWAP\"],\"sources\":[{\"name\":\"Mr A\",\"via\":\"AFP\"}],"
               "\"evidence\":[{\"text\":\"A bomb, it said, exploded.\"}]}";
    sr_export_format f;
    CHECK_INT(sr_export_format_parse("gtd", &f), 0);
    CHECK_INT(sr_export_format_parse("xml", &f), -1);
    sr_buf b = SR_BUF_INIT;
    sr_exporter x;
    sr_export_begin(&x, SR_EXPORT_CSV, &b);
    sr_export_incident(&x, &inc);
    sr_export_end(&x);
    CHECK(strstr(b.data, "\n3,2023-03,month,bombing,main,\"Maiduguri, \"\"centre\"\"\",,NG,"
                         "11.85000,13.16000,city,12,12,19,,,,Boko Haram; ISWAP,,2\n") != NULL);
    sr_buf_reset(&b);
    sr_export_begin(&x, SR_EXPORT_ACLED, &b);
    sr_export_incident(&x, &inc);
    CHECK(strstr(b.data, "\nNG3,2023-03,2023,2,Explosions/Remote violence,Remote "
                         "explosive/landmine/IED,Boko Haram,NG,,") != NULL);
    CHECK(strstr(b.data, ",1,AFP (Mr A),\"A bomb, it said, exploded.\",12\n") != NULL);
    sr_buf_reset(&b);
    sr_export_begin(&x, SR_EXPORT_GTD, &b);
    sr_export_incident(&x, &inc);
    CHECK(strstr(b.data, "\n3,2023,3,0,2023-03,NG,,") != NULL);
    CHECK(strstr(b.data, ",Bombing/Explosion,Boko Haram,1,12,,") != NULL);
    sr_buf_reset(&b);
    sr_export_begin(&x, SR_EXPORT_GEOJSON, &b);
    sr_export_incident(&x, &inc);
    inc.has_geo = 0;
    sr_export_incident(&x, &inc);
    sr_export_end(&x);
    CHECK(strstr(b.data, "\"coordinates\":[13.16000,11.85000]") != NULL);
    CHECK(strstr(b.data, "\"geometry\":null") != NULL);
    CHECK(strstr(b.data, "\"place\":\"Maiduguri, \\\"centre\\\"\"") != NULL);
    sr_buf_free(&b);
}

TEST(store_feed_state) {
    char path[] = "/tmp/sitrep-test-feeds-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    sr_store *s;
    sr_error err;
    CHECK_INT(sr_store_open(path, 0, &s, &err), SR_OK);
    const char *url = "http://127.0.0.1:8080/feed.xml";
    sr_feed_state st;
    CHECK_INT(sr_store_feed_get(s, url, &st, &err), SR_OK);
    CHECK(st.etag == NULL && st.last_modified == NULL && st.last_polled == 0);
    sr_feed_state put = {"\"abc\"", "Wed, 21 Oct 2015 07:28:00 GMT", 1700000000};
    CHECK_INT(sr_store_feed_put(s, url, &put, &err), SR_OK);
    put.etag = "\"def\"";
    CHECK_INT(sr_store_feed_put(s, url, &put, &err), SR_OK);
    CHECK_INT(sr_store_feed_get(s, url, &st, &err), SR_OK);
    CHECK_STR(st.etag, "\"def\"");
    CHECK_STR(st.last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
    CHECK_INT(st.last_polled, 1700000000);
    sr_feed_state_clear(&st);
    int known = -1;
    CHECK_INT(sr_store_item_seen(s, url, "guid-1", &known, &err), SR_OK);
    CHECK_INT(known, 0);
    CHECK_INT(sr_store_item_mark(s, url, "guid-1", &err), SR_OK);
    CHECK_INT(sr_store_item_mark(s, url, "guid-1", &err), SR_OK);
    CHECK_INT(sr_store_item_seen(s, url, "guid-1", &known, &err), SR_OK);
    CHECK_INT(known, 1);
    CHECK_INT(sr_store_item_seen(s, "http://other/", "guid-1", &known, &err), SR_OK);
    CHECK_INT(known, 0);
    sr_store_close(s);
    char side[sizeof path + 8];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}
