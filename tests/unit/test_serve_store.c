/*
 * test_serve_store.c -- what sitrep serve adds to the store: the change
 * feed (one change per write of an incident's record), tallies, watches
 * (added at the end of the feed, listed, advanced, removed) and webhook
 * deliveries (recorded once per incident version).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "../../src/store/store.h"

/* the text differs per document (the same content under two keys is one
 * document to the store) but its first sentence is always [0,34) */
static const char TEXT[] = "Gunmen attacked a hotel in Bamako. Two people died (%s).";

static sr_status put_doc(sr_store *s, const char *id, const char *date, int killed) {
    char json[1024];
    snprintf(json, sizeof json,
             "{\"schema\":\"sitrep/1\",\"doc\":{\"id\":\"%s\",\"published\":\"2017-06-19\"},"
             "\"incidents\":[{\"id\":\"%s/1\",\"type\":\"armed_assault\",\"status\":\"main\","
             "\"date\":{\"value\":\"%s\",\"precision\":\"day\"},"
             "\"location\":{\"name\":\"Bamako\",\"country\":\"ML\",\"lat\":12.65,"
             "\"lon\":-8,\"precision\":\"city\"},"
             "\"casualties\":{\"killed\":{\"min\":%d,\"max\":%d,\"source\":\"police\"}},"
             "\"sentences\":[[0,34]]}]}",
             id, id, date, killed, killed);
    sr_doc *d;
    if (sr_doc_new(id, &d) != SR_OK) return SR_ERR_NOMEM;
    char text[128];
    snprintf(text, sizeof text, TEXT, id);
    sr_doc_set_text(d, text, strlen(text));
    sr_doc_hash h;
    sr_store_hash_doc(d, date, &h);
    sr_error err;
    sr_put_result res;
    sr_status st = sr_store_begin(s, &err);
    if (st == SR_OK) st = sr_store_put(s, d, &h, json, strlen(json), &res, &err);
    if (st == SR_OK) st = sr_store_commit(s, &err);
    else sr_store_rollback(s);
    sr_doc_free(d);
    return st;
}

typedef struct changes {
    int n;
    int64_t last_seq, last_id;
} changes;

static int on_change(void *ctx, int64_t seq, int64_t id) {
    changes *c = ctx;
    c->n++;
    c->last_seq = seq;
    c->last_id = id;
    return 0;
}

typedef struct tally {
    int n;
    char first[32];
    int64_t first_n;
} tally;

static int on_tally(void *ctx, const char *key, int64_t n) {
    tally *t = ctx;
    if (t->n++ == 0) {
        snprintf(t->first, sizeof t->first, "%s", key ? key : "(null)");
        t->first_n = n;
    }
    return 0;
}

typedef struct watches {
    int n;
    int64_t id, cursor;
    char url[128], filter[128];
} watches;

static int on_watch(void *ctx, const sr_store_watch *w) {
    watches *ws = ctx;
    ws->n++;
    ws->id = w->id;
    ws->cursor = w->cursor;
    snprintf(ws->url, sizeof ws->url, "%s", w->url);
    snprintf(ws->filter, sizeof ws->filter, "%s", w->filter);
    return 0;
}

static int on_delivery(void *ctx, const sr_store_delivery *d) {
    int *n = ctx;
    (*n)++;
    return 0;
}

TEST(serve_store_changes_watches_deliveries) {
    char path[] = "/tmp/sitrep-test-serve-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    sr_store *s;
    sr_error err;
    CHECK_INT(sr_store_open(path, 0, &s, &err), SR_OK);
    int64_t seq = -1;
    CHECK_INT(sr_store_last_change(s, &seq, &err), SR_OK);
    CHECK_INT(seq, 0);

    /* a watch made now starts at the end of the (empty) feed */
    int64_t wid = 0;
    CHECK_INT(sr_store_watch_add(s, "http://127.0.0.1:9/hook", "{\"country\":\"ML\"}", &wid,
                                 &err), SR_OK);
    CHECK(wid > 0);

    CHECK_INT(put_doc(s, "a", "2017-06-18", 2), SR_OK);
    changes c = {0};
    CHECK_INT(sr_store_changes(s, 0, 0, on_change, &c, &err), SR_OK);
    CHECK(c.n >= 1);
    int64_t inc = c.last_id, after_a = c.last_seq;
    CHECK_INT(sr_store_last_change(s, &seq, &err), SR_OK);
    CHECK_INT(seq, after_a);
    /* a second report of the same incident changes it again */
    CHECK_INT(put_doc(s, "b", "2017-06-18", 3), SR_OK);
    memset(&c, 0, sizeof c);
    CHECK_INT(sr_store_changes(s, after_a, 0, on_change, &c, &err), SR_OK);
    CHECK(c.n >= 1);
    CHECK_INT(c.last_id, inc);
    memset(&c, 0, sizeof c);
    CHECK_INT(sr_store_changes(s, 0, 1, on_change, &c, &err), SR_OK);
    CHECK_INT(c.n, 1);

    tally t = {0};
    CHECK_INT(sr_store_tally(s, SR_TALLY_TYPE, on_tally, &t, &err), SR_OK);
    CHECK_INT(t.n, 1);
    CHECK_STR(t.first, "armed_assault");
    memset(&t, 0, sizeof t);
    CHECK_INT(sr_store_tally(s, SR_TALLY_MONTH, on_tally, &t, &err), SR_OK);
    CHECK_STR(t.first, "2017-06");
    CHECK_INT(sr_store_tally(s, (sr_tally_by)9, on_tally, &t, &err), SR_ERR_ARG);

    CHECK_INT(sr_store_last_change(s, &seq, &err), SR_OK);
    watches ws = {0};
    CHECK_INT(sr_store_watch_list(s, on_watch, &ws, &err), SR_OK);
    CHECK_INT(ws.n, 1);
    CHECK_INT(ws.id, wid);
    CHECK_INT(ws.cursor, 0);
    CHECK_STR(ws.filter, "{\"country\":\"ML\"}");
    CHECK_INT(sr_store_watch_advance(s, wid, seq, &err), SR_OK);
    CHECK_INT(sr_store_watch_advance(s, wid, 0, &err), SR_OK);   /* never backwards */
    memset(&ws, 0, sizeof ws);
    CHECK_INT(sr_store_watch_list(s, on_watch, &ws, &err), SR_OK);
    CHECK_INT(ws.cursor, seq);

    int delivered = 1;
    CHECK_INT(sr_store_delivered(s, wid, inc, "v1", &delivered, &err), SR_OK);
    CHECK_INT(delivered, 0);
    sr_store_delivery d = {wid, inc, "v1", "failed", "connection refused", NULL, 1, 0};
    CHECK_INT(sr_store_delivery_put(s, &d, &err), SR_OK);
    CHECK_INT(sr_store_delivered(s, wid, inc, "v1", &delivered, &err), SR_OK);
    CHECK_INT(delivered, 0);
    d.status = "delivered";
    d.error = NULL;
    d.attempts = 2;
    d.http_status = 200;
    CHECK_INT(sr_store_delivery_put(s, &d, &err), SR_OK);
    CHECK_INT(sr_store_delivered(s, wid, inc, "v1", &delivered, &err), SR_OK);
    CHECK_INT(delivered, 1);
    CHECK_INT(sr_store_delivered(s, wid, inc, "v2", &delivered, &err), SR_OK);
    CHECK_INT(delivered, 0);
    int nd = 0;
    CHECK_INT(sr_store_deliveries(s, wid, 0, on_delivery, &nd, &err), SR_OK);
    CHECK_INT(nd, 1);   /* one row per version: the retry replaced the failure */

    /* a watch made later starts after every change so far */
    int64_t wid2 = 0;
    CHECK_INT(sr_store_watch_add(s, "http://127.0.0.1:9/b", "{}", &wid2, &err), SR_OK);
    memset(&ws, 0, sizeof ws);
    CHECK_INT(sr_store_watch_list(s, on_watch, &ws, &err), SR_OK);
    CHECK_INT(ws.n, 2);
    CHECK_INT(ws.id, wid2);
    CHECK_INT(ws.cursor, seq);

    CHECK_INT(sr_store_watch_remove(s, wid, &err), SR_OK);
    CHECK_INT(sr_store_watch_remove(s, wid, &err), SR_ERR_NOTFOUND);
    nd = 0;
    CHECK_INT(sr_store_deliveries(s, wid, 0, on_delivery, &nd, &err), SR_OK);
    CHECK_INT(nd, 0);
    sr_store_close(s);
    unlink(path);
    char side[64];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}
