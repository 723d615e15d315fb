/*
 * test_store_pg.c -- the PostgreSQL store through the store interface, on
 * the database named by $SR_TEST_PG (a fresh one: tests/cli/pg_unit.sh
 * starts the test server, makes a database and runs these; without the
 * variable they skip).  Hand-written sitrep/1 documents: merge, the record
 * built report by report equal to a full rebuild, idempotency, replacement,
 * filters (PostgreSQL text search, the GiST box, bound parameters); and
 * concurrency at the API: while one connection holds an uncommitted report
 * of an incident, a second connection storing another report of it waits
 * and then joins it, and one storing a report 1,000 km away does not wait;
 * and the change feed, read while two writers commit out of order, loses
 * nothing.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "../../src/store/merge.h"
#include "../../src/store/store.h"

static char *pg_doc(const char *id, const char *type, const char *date, const char *place,
                    double lat, double lon, int killed) {
    char *out;
    if (asprintf(&out,
                 "{\"schema\":\"sitrep/1\",\"doc\":{\"id\":\"%s\",\"published\":\"2023-03-15\"},"
                 "\"incidents\":[{\"id\":\"%s/1\",\"type\":\"%s\",\"types\":[\"%s\"],"
                 "\"status\":\"main\",\"date\":{\"value\":\"%s\",\"precision\":\"day\"},"
                 "\"location\":{\"name\":\"%s\",\"country\":\"NG\",\"lat\":%.4f,\"lon\":%.4f,"
                 "\"precision\":\"city\"},\"perpetrator_orgs\":[],"
                 "\"casualties\":{\"killed\":{\"min\":%d,\"max\":%d,\"source\":\"police\"}},"
                 "\"sources\":[{\"name\":\"police\",\"via\":null}],\"sentences\":[[0,20]]}]}",
                 id, id, type, type, date, place, lat, lon, killed, killed) < 0)
        return NULL;
    return out;
}

/* begin + put (+ commit when `commit`) */
static sr_status pg_put(sr_store *s, const char *id, const char *text, const char *json,
                        int commit, sr_put_result *res) {
    sr_doc *d;
    if (sr_doc_new(id, &d) != SR_OK) return SR_ERR_NOMEM;
    sr_doc_set_text(d, text, strlen(text));
    sr_doc_hash h;
    sr_store_hash_doc(d, NULL, &h);
    sr_error err;
    sr_status st = sr_store_begin(s, &err);
    if (st == SR_OK) st = sr_store_put(s, d, &h, json, strlen(json), res, &err);
    if (st == SR_OK && commit) st = sr_store_commit(s, &err);
    if (st != SR_OK) {
        fprintf(stderr, "put %s: %s\n", id, err.message);
        sr_store_rollback(s);
    }
    sr_doc_free(d);
    return st;
}

typedef struct pg_seen {
    int n;
    int64_t id, killed, nreports;
} pg_seen;

static int pg_on_inc(void *ctx, const sr_store_incident *inc) {
    pg_seen *s = ctx;
    s->n++;
    s->id = inc->id;
    s->killed = inc->killed.present ? inc->killed.value : -1;
    s->nreports = inc->nreports;
    return 0;
}

static int pg_count(sr_store *s, const sr_query *q, pg_seen *out) {
    memset(out, 0, sizeof *out);
    sr_error err;
    if (sr_store_query(s, q, pg_on_inc, out, &err) != SR_OK) return -1;
    return out->n;
}

static int pg_grab(void *ctx, const sr_store_incident *inc) {
    *(char **)ctx = strdup(inc->json);
    return 0;
}

TEST(store_pg_merge_and_idempotency) {
    const char *loc = getenv("SR_TEST_PG");
    if (!loc || !*loc) SKIP("SR_TEST_PG is not set (tests/cli/pg_unit.sh sets it)");
    sr_store *s;
    sr_error err;
    CHECK_INT(sr_store_open(loc, 0, &s, &err), SR_OK);
    CHECK_STR(sr_store_backend(s), "postgresql");
    CHECK_INT(sr_store_schema_version(s), 3);
    char *a = pg_doc("a", "bombing", "2023-03-14", "Maiduguri", 11.85, 13.16, 12);
    char *b = pg_doc("b", "bombing", "2023-03-14", "Maiduguri", 11.84, 13.15, 19);
    char *k = pg_doc("k", "kidnapping", "2023-03-14", "Maiduguri", 11.85, 13.16, 0);
    sr_put_result res;
    CHECK_INT(pg_put(s, "a", "A bomb exploded at the market.", a, 1, &res), SR_OK);
    CHECK_INT(res.outcome, SR_PUT_ADDED);
    CHECK_INT(res.new_incidents, 1);
    CHECK_INT(pg_put(s, "b", "Nineteen died when a bomb exploded.", b, 1, &res), SR_OK);
    CHECK_INT(res.merged, 1);
    CHECK_INT(pg_put(s, "k", "Gunmen kidnapped two aid workers.", k, 1, &res), SR_OK);
    CHECK_INT(res.new_incidents, 1);

    sr_query q;
    sr_query_init(&q);
    pg_seen sn;
    CHECK_INT(pg_count(s, &q, &sn), 2);
    q.type = "bombing";
    CHECK_INT(pg_count(s, &q, &sn), 1);
    CHECK_INT(sn.killed, 12);
    CHECK_INT(sn.nreports, 2);
    int64_t bomb = sn.id;

    char *before = NULL, *after = NULL;
    CHECK_INT(sr_store_incident_get(s, bomb, pg_grab, &before, &err), SR_OK);
    CHECK_INT(sr_store_begin(s, &err), SR_OK);
    CHECK_INT(sr_merge_reconcile(s, bomb, &err), SR_OK);
    CHECK_INT(sr_store_commit(s, &err), SR_OK);
    CHECK_INT(sr_store_incident_get(s, bomb, pg_grab, &after, &err), SR_OK);
    CHECK(before && after);
    CHECK_STR(after, before);
    free(before);
    free(after);

    CHECK_INT(pg_put(s, "a", "A bomb exploded at the market.", a, 1, &res), SR_OK);
    CHECK_INT(res.outcome, SR_PUT_UNCHANGED);
    char *a2 = pg_doc("a", "bombing", "2023-03-14", "Maiduguri", 11.85, 13.16, 3);
    CHECK_INT(pg_put(s, "a", "A bomb exploded at the market. Three died.", a2, 1, &res), SR_OK);
    CHECK_INT(res.outcome, SR_PUT_REPLACED);
    sr_query_init(&q);
    q.type = "bombing";
    CHECK_INT(pg_count(s, &q, &sn), 1);
    CHECK_INT(sn.id, bomb);
    CHECK_INT(sn.killed, 3);

    sr_query_init(&q);
    q.country = "NG' OR '1'='1";
    CHECK_INT(pg_count(s, &q, &sn), 0);
    q.country = "NG";
    CHECK_INT(pg_count(s, &q, &sn), 2);
    sr_query_init(&q);
    q.near = 1;
    q.lat = 11.85;
    q.lon = 13.16;
    q.km = 5;
    CHECK_INT(pg_count(s, &q, &sn), 2);
    q.lat = 12.5;
    CHECK_INT(pg_count(s, &q, &sn), 0);
    sr_query_init(&q);
    q.text = "kidnapped";       /* stemmed: "kidnap" */
    CHECK_INT(pg_count(s, &q, &sn), 1);
    q.text = "kidnapping OR exploded";
    CHECK_INT(pg_count(s, &q, &sn), 2);
    q.text = "\"unterminated";  /* web search syntax: never an error */
    CHECK_INT(pg_count(s, &q, &sn), 0);
    sr_query_init(&q);
    q.since = "2023-03";
    q.limit = 1;
    CHECK_INT(pg_count(s, &q, &sn), 1);
    CHECK_INT(sr_store_incident_get(s, 999999, pg_on_inc, &sn, &err), SR_ERR_NOTFOUND);
    sr_store_close(s);

    CHECK_INT(sr_store_open(loc, 1, &s, &err), SR_OK);
    sr_store_counts cn;
    CHECK_INT(sr_store_counts_get(s, &cn, &err), SR_OK);
    CHECK_INT(cn.documents, 3);
    CHECK_INT(cn.incidents, 2);
    sr_store_close(s);
    free(a); free(a2); free(b); free(k);
}

typedef struct racer {
    const char *loc, *id, *text;
    char *json;
    atomic_int done;
    sr_status st;
    sr_put_result res;
} racer;

static void *race_put(void *arg) {
    racer *r = arg;
    sr_store *s;
    sr_error err;
    r->st = sr_store_open(r->loc, 0, &s, &err);
    if (r->st == SR_OK) {
        r->st = pg_put(s, r->id, r->text, r->json, 1, &r->res);
        sr_store_close(s);
    }
    atomic_store(&r->done, 1);
    return NULL;
}

static void nap_ms(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

TEST(store_pg_concurrent_reports) {
    const char *loc = getenv("SR_TEST_PG");
    if (!loc || !*loc) SKIP("SR_TEST_PG is not set (tests/cli/pg_unit.sh sets it)");
    sr_store *s;
    sr_error err;
    CHECK_INT(sr_store_open(loc, 0, &s, &err), SR_OK);
    /* A: a report of a Kano bombing, stored but not committed */
    char *a = pg_doc("ra", "bombing", "2024-01-10", "Kano", 12.00, 8.52, 7);
    sr_put_result res;
    CHECK_INT(pg_put(s, "ra", "A bomb went off in Kano.", a, 0, &res), SR_OK);
    CHECK_INT(res.new_incidents, 1);

    /* C: a report 1,000 km away (Lagos) does not wait for A */
    racer c = {loc, "rc", "A bomb went off in Lagos.", NULL, 0, SR_OK, {0}};
    c.json = pg_doc("rc", "bombing", "2024-01-10", "Lagos", 6.45, 3.39, 2);
    pthread_t tc;
    CHECK_INT(pthread_create(&tc, NULL, race_put, &c), 0);
    for (int i = 0; i < 100 && !atomic_load(&c.done); i++) nap_ms(50);
    CHECK(atomic_load(&c.done));
    pthread_join(tc, NULL);
    CHECK_INT(c.st, SR_OK);

    /* B: another report of the Kano bombing waits for A's commit, then
     * joins A's incident (it would start a second one if it did not wait) */
    racer b = {loc, "rb", "Seven died in a blast in Kano.", NULL, 0, SR_OK, {0}};
    b.json = pg_doc("rb", "bombing", "2024-01-10", "Kano", 12.01, 8.53, 7);
    pthread_t tb;
    CHECK_INT(pthread_create(&tb, NULL, race_put, &b), 0);
    nap_ms(700);
    int waited = !atomic_load(&b.done);
    CHECK_INT(sr_store_commit(s, &err), SR_OK);
    pthread_join(tb, NULL);
    CHECK(waited);
    CHECK_INT(b.st, SR_OK);
    CHECK_INT(b.res.merged, 1);

    sr_query q;
    sr_query_init(&q);
    q.since = "2024-01-10";
    pg_seen sn;
    CHECK_INT(pg_count(s, &q, &sn), 2);
    q.near = 1;
    q.lat = 12.0;
    q.lon = 8.52;
    q.km = 20;
    CHECK_INT(pg_count(s, &q, &sn), 1);
    CHECK_INT(sn.nreports, 2);
    sr_store_close(s);
    free(a); free(b.json); free(c.json);
}

typedef struct feed_seen {
    int64_t last;
    int n;
    int64_t ids[16];
} feed_seen;

static int on_change(void *ctx, int64_t seq, int64_t incident_id) {
    feed_seen *f = ctx;
    f->last = seq;
    if (f->n < 16) f->ids[f->n++] = incident_id;
    return 0;
}

static int feed_has(const feed_seen *a, const feed_seen *b, int64_t id) {
    for (int i = 0; i < a->n; i++) if (a->ids[i] == id) return 1;
    for (int i = 0; i < b->n; i++) if (b->ids[i] == id) return 1;
    return 0;
}

/* A watcher reads the change feed after a cursor and moves the cursor to
 * the last change it read.  Writer A changes an incident and has not
 * committed when writer B, who changed another incident after A, commits.
 * A reader then, and again after A's commit: A's change must come out
 * (with sequence numbers taken at write time, B's number was above A's
 * and the cursor passed A's before A committed). */
TEST(store_pg_change_feed_commit_order) {
    const char *loc = getenv("SR_TEST_PG");
    if (!loc || !*loc) SKIP("SR_TEST_PG is not set (tests/cli/pg_unit.sh sets it)");
    sr_store *a, *b, *r;
    sr_error err;
    CHECK_INT(sr_store_open(loc, 0, &a, &err), SR_OK);
    CHECK_INT(sr_store_open(loc, 0, &b, &err), SR_OK);
    CHECK_INT(sr_store_open(loc, 0, &r, &err), SR_OK);
    int64_t cursor;
    CHECK_INT(sr_store_last_change(r, &cursor, &err), SR_OK);

    char *ja = pg_doc("fa", "bombing", "2024-05-02", "Maiduguri", 11.85, 13.16, 3);
    char *jb = pg_doc("fb", "bombing", "2024-05-02", "Port Harcourt", 4.82, 7.05, 4);
    sr_put_result res;
    CHECK_INT(pg_put(a, "fa", "A bomb went off in Maiduguri.", ja, 0, &res), SR_OK);
    CHECK_INT(pg_put(b, "fb", "A bomb went off in Port Harcourt.", jb, 1, &res), SR_OK);

    feed_seen first = {cursor, 0, {0}}, second = {0, 0, {0}};
    CHECK_INT(sr_store_changes(r, cursor, 0, on_change, &first, &err), SR_OK);
    CHECK_INT(sr_store_commit(a, &err), SR_OK);
    second.last = first.last;
    CHECK_INT(sr_store_changes(r, first.last, 0, on_change, &second, &err), SR_OK);

    sr_query q;
    sr_query_init(&q);
    q.since = "2024-05-02";
    q.until = "2024-05-02";
    q.near = 1;
    q.km = 20;
    pg_seen sa, sb;
    q.lat = 11.85; q.lon = 13.16;
    CHECK_INT(pg_count(r, &q, &sa), 1);
    q.lat = 4.82; q.lon = 7.05;
    CHECK_INT(pg_count(r, &q, &sb), 1);
    CHECK(feed_has(&first, &second, sb.id));
    CHECK(feed_has(&first, &second, sa.id));     /* lost when numbered at write time */
    sr_store_close(a);
    sr_store_close(b);
    sr_store_close(r);
    free(ja);
    free(jb);
}
