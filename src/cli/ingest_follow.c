/*
 * ingest_follow.c -- `sitrep ingest --follow FEEDS.txt --every SECONDS`:
 * poll RSS/Atom feeds and store their new items.
 *
 * FEEDS.txt lists one feed per line: an http(s) URL or a file path; blank
 * lines and lines starting with # are skipped.  Each round polls every
 * feed once.  A URL is fetched with a conditional GET (the ETag and
 * Last-Modified of its last answer, kept in the store): 304 means nothing
 * new.  Items whose id the store has seen for this feed are skipped; the
 * others are extracted and stored.  One feed's poll is one transaction, so
 * its items, their "seen" marks and its validators commit together.  A feed
 * that is down, answers an error or is not well-formed is reported on
 * stderr and tried again next round: it never stops the others.  SIGINT
 * and SIGTERM end the loop after the feed in progress.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "store_cli.h"
#include "../core/error.h"
#include "../read/feed.h"
#include "../read/fetch.h"
#include "../store/store.h"

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig) {
    (void)sig;
    stop_flag = 1;
}

typedef struct poll_counts {
    size_t items, added, seen, failed;
} poll_counts;

/* Read a whole file (a feed given as a path). */
static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = cap < (64u << 20) ? realloc(buf, cap * 2 + 1) : NULL;
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    *len = n;
    return buf;
}

/* Store the new items of one parsed feed (inside the caller's transaction). */
static sr_status store_items(sr_store *store, const sr_engine *engine,
                             const sr_extract_options *opts, const char *name, sr_feed *feed,
                             poll_counts *pc, sr_error *err) {
    for (;;) {
        sr_doc *d;
        sr_error e = {0};
        sr_status st = sr_feed_next(feed, &d, &e);
        if (st == SR_DONE) return SR_OK;
        if (st != SR_OK) {
            sr_cli_error("warning: %s", e.message);
            pc->failed++;
            if (st == SR_ERR_NOMEM) return sr_fail(err, st, "out of memory");
            continue;
        }
        pc->items++;
        const char *id = sr_doc_field(d, SR_FIELD_ID);
        int seen = 0;
        st = sr_store_item_seen(store, name, id, &seen, err);
        if (st != SR_OK) { sr_doc_free(d); return st; }
        if (seen) { pc->seen++; sr_doc_free(d); continue; }
        sr_doc_hash h;
        sr_store_hash_doc(d, opts->default_date, &h);
        char *json = NULL;
        size_t len = 0;
        st = sr_extract(engine, d, opts, &e);
        if (st == SR_OK) st = sr_doc_to_json(d, 0, &json, &len);
        if (st == SR_OK) {
            sr_put_result res;
            st = sr_store_put(store, d, &h, json, len, &res, err);
            if (st == SR_OK) st = sr_store_item_mark(store, name, id, err);
            if (st == SR_OK && res.outcome != SR_PUT_UNCHANGED) pc->added++;
            else if (st == SR_OK) pc->seen++;
            free(json);
            sr_doc_free(d);
            if (st != SR_OK) return st;
        } else {
            sr_cli_error("warning: %s: %s", id, e.message);
            pc->failed++;
            sr_doc_free(d);
        }
    }
}

/* Poll one feed: fetch (conditionally) or read it, store its new items. */
static int poll_feed(sr_store *store, const sr_engine *engine, const sr_extract_options *opts,
                     const char *name, poll_counts *pc) {
    sr_error err = {0};
    sr_feed_state fs;
    if (sr_store_feed_get(store, name, &fs, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return -1;
    }
    char *data = NULL;
    size_t len = 0;
    sr_fetch_result res;
    int is_url = sr_fetch_is_url(name), rc = 0;
    memset(&res, 0, sizeof res);
    if (is_url) {
        sr_fetch_options fo = {0, 0, 0, fs.etag, fs.last_modified};
        if (sr_fetch(name, &fo, &res, &err) != SR_OK) {
            sr_cli_error("warning: %s", err.message);
            sr_fetch_result_free(&res);
            sr_feed_state_clear(&fs);
            pc->failed++;
            return 0;
        }
        data = res.body;
        len = res.len;
    } else if (!(data = slurp(name, &len))) {
        sr_cli_error("warning: %s: cannot read the feed", name);
        sr_feed_state_clear(&fs);
        pc->failed++;
        return 0;
    }
    sr_feed *feed = NULL;
    sr_status st = SR_OK;
    if (data && sr_feed_parse(name, data, len, &feed, &err) != SR_OK) {
        sr_cli_error("warning: %s", err.message);
        pc->failed++;
        data = NULL;   /* keep the old validators: try it whole next time */
    }
    if (sr_store_begin(store, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        rc = -1;
    } else {
        if (feed) st = store_items(store, engine, opts, name, feed, pc, &err);
        sr_feed_state put = {fs.etag, fs.last_modified, (int64_t)time(NULL)};
        if (is_url && res.status == 200 && feed) {
            put.etag = res.etag[0] ? res.etag : NULL;
            put.last_modified = res.last_modified[0] ? res.last_modified : NULL;
        }
        if (st == SR_OK) st = sr_store_feed_put(store, name, &put, &err);
        if (st == SR_OK) st = sr_store_commit(store, &err);
        if (st != SR_OK) {
            sr_store_rollback(store);
            sr_cli_error("%s: %s", name, err.message);
            rc = -1;
        }
    }
    sr_feed_free(feed);
    if (is_url) sr_fetch_result_free(&res);
    else free(data);
    sr_feed_state_clear(&fs);
    return rc;
}

int sr_ingest_feed_url(sr_store *store, const sr_engine *engine,
                       const sr_extract_options *opts, const char *url, int *failed) {
    poll_counts pc = {0};
    int rc = poll_feed(store, engine, opts, url, &pc);
    *failed += (int)pc.failed;
    return rc;
}

int sr_ingest_follow(sr_store *store, const sr_engine *engine, const sr_extract_options *opts,
                     const char *list, long every, long rounds, int quiet) {
    FILE *f = fopen(list, "r");
    if (!f) {
        sr_cli_error("%s: cannot open the feed list", list);
        return EXIT_USAGE;
    }
    char **feeds = NULL, line[4096];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        char *s = line, *e;
        while (*s == ' ' || *s == '\t') s++;
        e = s + strcspn(s, "\r\n");
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        *e = '\0';
        if (!*s || *s == '#') continue;
        char **nf = realloc(feeds, (n + 1) * sizeof *nf);
        if (!nf || !(nf[n] = strdup(s))) { free(nf ? nf : feeds); fclose(f); return EXIT_FATAL; }
        feeds = nf;
        n++;
    }
    fclose(f);
    if (!n) {
        sr_cli_error("%s: no feeds listed", list);
        free(feeds);
        return EXIT_USAGE;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int fatal = 0;
    for (long round = 1; !stop_flag && !fatal && (rounds <= 0 || round <= rounds); round++) {
        poll_counts pc = {0};
        for (size_t i = 0; i < n && !stop_flag && !fatal; i++)
            if (poll_feed(store, engine, opts, feeds[i], &pc)) fatal = 1;
        if (!quiet)
            fprintf(stderr, "ingest: round %ld: %zu feeds, %zu items, %zu new, %zu already "
                            "stored, %zu failed\n", round, n, pc.items, pc.added, pc.seen,
                    pc.failed);
        if (rounds > 0 && round >= rounds) break;
        for (long t = 0; t < every && !stop_flag; t++) sleep(1);
    }
    for (size_t i = 0; i < n; i++) free(feeds[i]);
    free(feeds);
    return fatal ? EXIT_FATAL : 0;
}
