/*
 * bench_store.c -- query latency of the incident store on N synthetic
 * incidents (issue 6: >= 1,000,000; indexed queries <= 50 ms median).
 *
 *   bench_store DB N RUNS
 *
 * Builds DB (once; kept while it holds N incidents) through the store's own
 * schema, then bulk-loads N incidents straight into its tables: dates over
 * 25 years, 60 countries with points scattered around a centre each, the 14
 * taxonomy types, a skewed death toll, 500 named groups, one evidence
 * sentence each (FTS5).  The rows are made up; no text of ../shared/data is
 * involved.  Then each filter of `sitrep query` runs RUNS times through
 * sr_store_query() with the CLI's defaults plus --limit 100 (a page, most
 * recent first), and the median time is printed as "name value unit".
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "../src/store/report.h"
#include "../src/store/store.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static double unit(void) { return (double)(next() >> 11) / 9007199254740992.0; }

static const char *const TYPES[] = {
    "armed_assault", "bombing", "suicide_bombing", "shelling_airstrike", "kidnapping",
    "hostage_taking", "assassination", "arson", "hijacking", "robbery", "armed_clash",
    "massacre", "unarmed_assault", "forced_work_stoppage"};
#define NTYPES 14
#define NCOUNTRIES 60
#define NGROUPS 500

static const char *const WORDS[] = {
    "gunmen", "attacked", "village", "convoy", "market", "soldiers", "police", "killed",
    "wounded", "residents", "said", "officials", "explosion", "checkpoint", "town",
    "district", "fighters", "militants", "civilians", "clashes", "hospital", "witnesses",
    "armed", "men", "night", "morning", "road", "bridge", "camp", "base"};
#define NWORDS 30

static int exec(sqlite3 *db, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "bench_store: %s: %s\n", sql, msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static long long count_incidents(const char *path) {
    sqlite3 *db;
    long long n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM incidents", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return n;
}

static int generate(const char *path, long n) {
    char side[4096];
    remove(path);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
    sr_store *s;
    sr_error err;
    if (sr_store_open(path, 0, &s, &err) != SR_OK) {
        fprintf(stderr, "bench_store: %s\n", err.message);
        return -1;
    }
    sr_store_close(s);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
    if (exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; BEGIN")) return -1;
    sqlite3_stmt *inc, *geo, *act, *ev, *link;
    sqlite3_prepare_v2(db,
                       "INSERT INTO incidents (id, type, family, status, date, date_precision,"
                       " day_lo, day_hi, place, country, admin1, place_precision, lat, lon,"
                       " killed, killed_lo, killed_hi, orgs, actors, nreports, json) VALUES"
                       " (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,NULL,'city',?11,?12,?13,?13,?13,?14,?14,1,?15)",
                       -1, &inc, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO incident_geo VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?5)", -1,
                       &geo, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO incident_actors (actor, incident_id) VALUES (?, ?)", -1,
                       &act, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO evidence (id, report_id, start, \"end\", sentence) "
                           "VALUES (?1, ?1, 0, length(?2), ?2)", -1, &ev, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO report_links (report_id, incident_id, score, reason, "
                           "linked_at) VALUES (?1, ?1, 1, 'synthetic', '')", -1, &link, NULL);
    double clat[NCOUNTRIES], clon[NCOUNTRIES];
    char cc[NCOUNTRIES][3];
    for (int c = 0; c < NCOUNTRIES; c++) {
        clat[c] = -30 + 70 * unit();
        clon[c] = -100 + 200 * unit();
        cc[c][0] = (char)('A' + c / 26);
        cc[c][1] = (char)('A' + c % 26);
        cc[c][2] = '\0';
    }
    int32_t d0 = sr_days_from_civil(2000, 1, 1);
    for (long i = 1; i <= n; i++) {
        int c = (int)(next() % NCOUNTRIES), t = (int)(next() % NTYPES);
        int32_t day = d0 + (int32_t)(next() % 9131);
        int month = unit() < 0.1;
        char date[48], place[32], group[32], json[192], sent[256];
        /* civil date of `day` (Hinnant) */
        int64_t z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
        int64_t doe = z - era * 146097;
        int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
        int64_t dd = doy - (153 * mp + 2) / 5 + 1, mm = mp < 10 ? mp + 3 : mp - 9;
        int64_t yy = yoe + era * 400 + (mm <= 2);
        int32_t lo = day, hi = day;
        if (month) {
            snprintf(date, sizeof date, "%04lld-%02lld", (long long)yy, (long long)mm);
            sr_date_range(date, &lo, &hi);
        } else {
            snprintf(date, sizeof date, "%04lld-%02lld-%02lld", (long long)yy, (long long)mm,
                     (long long)dd);
        }
        double lat = clat[c] + 4 * (unit() - 0.5), lon = clon[c] + 4 * (unit() - 0.5);
        int g = (int)(next() % NGROUPS);
        snprintf(place, sizeof place, "Town %ld", (long)(next() % 5000));
        snprintf(group, sizeof group, "Group %d", g);
        double u = unit();
        long killed = u < 0.3 ? -1 : (long)(1.0 / (1.0 - unit() * 0.995)) - 1;
        snprintf(json, sizeof json, "{\"id\":%ld,\"type\":\"%s\",\"date\":{\"value\":\"%s\"}}", i,
                 TYPES[t], date);
        size_t k = (size_t)snprintf(sent, sizeof sent, "%s", "The");
        for (int w = 0; w < 12 && k < sizeof sent - 16; w++)
            k += (size_t)snprintf(sent + k, sizeof sent - k, " %s", WORDS[next() % NWORDS]);
        if (next() % 1000 == 0) snprintf(sent + k, sizeof sent - k, " ambush");
        sqlite3_bind_int64(inc, 1, i);
        sqlite3_bind_text(inc, 2, TYPES[t], -1, SQLITE_STATIC);
        sqlite3_bind_int(inc, 3, (int)sr_type_family(TYPES[t]));
        sqlite3_bind_text(inc, 4, unit() < 0.85 ? "main" : "background", -1, SQLITE_STATIC);
        sqlite3_bind_text(inc, 5, date, -1, SQLITE_STATIC);
        sqlite3_bind_text(inc, 6, month ? "month" : "day", -1, SQLITE_STATIC);
        sqlite3_bind_int(inc, 7, lo);
        sqlite3_bind_int(inc, 8, hi);
        sqlite3_bind_text(inc, 9, place, -1, SQLITE_STATIC);
        sqlite3_bind_text(inc, 10, cc[c], -1, SQLITE_STATIC);
        sqlite3_bind_double(inc, 11, lat);
        sqlite3_bind_double(inc, 12, lon);
        if (killed >= 0) sqlite3_bind_int64(inc, 13, killed);
        else sqlite3_bind_null(inc, 13);
        sqlite3_bind_text(inc, 14, group, -1, SQLITE_STATIC);
        sqlite3_bind_text(inc, 15, json, -1, SQLITE_STATIC);
        for (size_t j = 0; j < 2; j++) group[j] = (char)(group[j] | 32);   /* "group N" */
        sqlite3_bind_int64(geo, 1, i);
        sqlite3_bind_double(geo, 2, lat);
        sqlite3_bind_double(geo, 3, lon);
        sqlite3_bind_int(geo, 4, lo);
        sqlite3_bind_int(geo, 5, hi);
        sqlite3_bind_text(act, 1, group, -1, SQLITE_STATIC);
        sqlite3_bind_int64(act, 2, i);
        sqlite3_bind_int64(ev, 1, i);
        sqlite3_bind_text(ev, 2, sent, -1, SQLITE_STATIC);
        sqlite3_bind_int64(link, 1, i);
        sqlite3_stmt *all[] = {inc, geo, act, ev, link};
        for (int q = 0; q < 5; q++) {
            if (sqlite3_step(all[q]) != SQLITE_DONE) {
                fprintf(stderr, "bench_store: insert: %s\n", sqlite3_errmsg(db));
                return -1;
            }
            sqlite3_reset(all[q]);
            sqlite3_clear_bindings(all[q]);
        }
    }
    sqlite3_finalize(inc); sqlite3_finalize(geo); sqlite3_finalize(act);
    sqlite3_finalize(ev); sqlite3_finalize(link);
    if (exec(db, "INSERT INTO evidence_fts(rowid, sentence) SELECT id, sentence FROM evidence;"
                 "COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)"))
        return -1;
    sqlite3_close(db);
    return 0;
}

static int on_row(void *ctx, const sr_store_incident *inc) {
    (void)inc;
    (*(long *)ctx)++;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: bench_store DB N RUNS\n");
        return 2;
    }
    const char *path = argv[1];
    long n = atol(argv[2]);
    int runs = atoi(argv[3]);
    if (n < 1 || runs < 1 || runs > 1000) return 2;
    if (count_incidents(path) != n) {
        double t = bench_now_ms();
        if (generate(path, n)) return 1;
        bench_figure("store_synthetic_build", 1, (bench_now_ms() - t) / 1000, "s");
    }
    bench_figure("store_synthetic_incidents", 0, (double)n, "incidents");
    sr_store *s;
    sr_error err;
    if (sr_store_open(path, 1, &s, &err) != SR_OK) {
        fprintf(stderr, "bench_store: %s\n", err.message);
        return 1;
    }
    /* each filter alone, as `sitrep query ... --limit 100` runs it */
    struct {
        const char *name;
        sr_query q;
    } cases[10];
    int nc = 0;
    for (int i = 0; i < 10; i++) {
        sr_query_init(&cases[i].q);
        cases[i].q.limit = 100;
    }
    cases[nc].name = "country"; cases[nc++].q.country = "AK";
    cases[nc].name = "near"; cases[nc].q.near = 1; cases[nc].q.km = 50;
    cases[nc].q.lat = 0; cases[nc++].q.lon = 0;   /* set below from a stored point */
    cases[nc].name = "since_until"; cases[nc].q.since = "2012-05-01";
    cases[nc++].q.until = "2012-05-31";
    cases[nc].name = "type"; cases[nc++].q.type = "kidnapping";
    cases[nc].name = "actor"; cases[nc++].q.actor = "Group 123";
    cases[nc].name = "text"; cases[nc++].q.text = "ambush";
    cases[nc].name = "min_killed"; cases[nc++].q.min_killed = 100;
    cases[nc].name = "status"; cases[nc++].q.status = "background";
    cases[nc].name = "combined"; cases[nc].q.country = "AK"; cases[nc].q.since = "2010";
    cases[nc++].q.type = "bombing";
    {   /* a point where incidents are: the first incident's place */
        sqlite3 *db;
        sqlite3_stmt *st;
        sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
        if (sqlite3_prepare_v2(db, "SELECT lat, lon FROM incidents WHERE id = 1", -1, &st, NULL) ==
                SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW) {
            cases[1].q.lat = sqlite3_column_double(st, 0);
            cases[1].q.lon = sqlite3_column_double(st, 1);
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    double worst = 0;
    for (int c = 0; c < nc; c++) {
        double *t = calloc((size_t)runs, sizeof *t);
        long rows = 0;
        for (int r = 0; r < runs; r++) {
            rows = 0;
            double t0 = bench_now_ms();
            if (sr_store_query(s, &cases[c].q, on_row, &rows, &err) != SR_OK) {
                fprintf(stderr, "bench_store: %s: %s\n", cases[c].name, err.message);
                return 1;
            }
            t[r] = bench_now_ms() - t0;
        }
        double med = bench_median(t, (size_t)runs);
        if (med > worst) worst = med;
        char name[64];
        snprintf(name, sizeof name, "store_query_%s_ms", cases[c].name);
        bench_figure(name, 2, med, "ms");
        snprintf(name, sizeof name, "store_query_%s_rows", cases[c].name);
        bench_figure(name, 0, (double)rows, "rows");
        free(t);
    }
    bench_figure("store_query_worst_median_ms", 2, worst, "ms");
    sr_store_close(s);
    return 0;
}
