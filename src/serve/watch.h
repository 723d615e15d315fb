/*
 * watch.h -- watches: a filter over incidents and a webhook, and the
 * thread that delivers matching incidents.
 *
 * A watch's filter is a JSON object (docs/api.md):
 *
 *   {"types": ["bombing", ...], "country": "ML",
 *    "near": {"lat": 12.65, "lon": -8.0, "km": 50},
 *    "min_killed": 1, "text": "hotel"}
 *
 * every member optional; an incident matches when it passes every member
 * given (types: its primary type is one of them; text: the words occur,
 * case-insensitively, in a string value of its merged record -- its
 * evidence sentences, names, places -- not in a member name).  The store keeps watches, a change feed of incident writes
 * and the deliveries (store.h).  The watcher follows the feed from each
 * watch's cursor; an incident that matches is POSTed as JSON to the
 * webhook with libcurl, retried with exponential backoff, and the outcome
 * recorded.  The version delivered is a hash of the incident's merged
 * record: the same version is never delivered twice to a watch, a changed
 * incident is delivered again.
 */
#ifndef SR_SERVE_WATCH_H
#define SR_SERVE_WATCH_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../core/buf.h"
#include "../store/store.h"

#define SR_WATCH_MAX_TYPES 16

typedef struct sr_watch_filter {
    size_t ntypes;
    char types[SR_WATCH_MAX_TYPES][41];
    char country[3];
    int near;
    double lat, lon, km;
    int64_t min_killed;       /* -1: none */
    char text[201];
} sr_watch_filter;

/* Parse a filter (a JSON object, the members above; others are refused).
 * When `url` is not NULL the object must also hold "url": an http:// or
 * https:// URL, copied to url (room for 2048 bytes). */
sr_status sr_watch_filter_parse(const char *json, size_t len, sr_watch_filter *f,
                                char *url, sr_error *err);
/* The filter as canonical JSON (appended to out). */
void sr_watch_filter_json(const sr_watch_filter *f, sr_buf *out);
/* Does the incident match? */
int sr_watch_match(const sr_watch_filter *f, const sr_store_incident *inc);
/* The version of an incident record: 16 hex digits of its hash. */
void sr_watch_version(const char *json, char out[17]);

typedef struct sr_watcher sr_watcher;

typedef struct sr_watcher_config {
    sr_store *store;
    pthread_mutex_t *lock;    /* held around every store call */
    double interval;          /* seconds between polls of the change feed */
    int attempts;             /* per delivery (>= 1) */
    double backoff;           /* seconds before the 2nd attempt; doubles */
    double timeout;           /* seconds per HTTP request */
    const atomic_int *stop;   /* set: give up between attempts (may be NULL) */
} sr_watcher_config;

/* Start the watcher thread (curl_global_init must have been called). */
sr_status sr_watcher_start(const sr_watcher_config *cfg, sr_watcher **out, sr_error *err);
/* Poll now (after an ingest). */
void sr_watcher_wake(void *watcher);
/* Stop and join the thread. */
void sr_watcher_stop(sr_watcher *w);

/* One pass over every watch (what the thread does each interval); returns
 * the number of deliveries made.  Exposed for tests. */
int sr_watcher_pass(const sr_watcher_config *cfg);

#endif
