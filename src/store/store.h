/*
 * store.h -- the incident database: the one interface every caller uses.
 *
 * A store holds documents, reports (an incident as one document tells it:
 * the sitrep/1 incident object of that document) and incidents (the merged
 * record of every report of one real event).  Callers never see the
 * backend: a store is opened from a location string,
 *
 *     sitrep.db, ./x.sqlite, sqlite:PATH     the embedded SQLite backend
 *     postgresql://... / postgres://...      PostgreSQL (store_pg.c, issue 8)
 *
 * and everything else goes through the functions below, which call the
 * backend's operations table (store_backend.h).  The logic that is not about
 * storage -- when is a document unchanged, which incident a report joins,
 * how the reports of an incident are reconciled -- lives once, in store.c
 * and merge.c, and works through that table; a PostgreSQL backend supplies
 * the same operations under its own transactions and locks.
 *
 * Writing: documents are written in batches, sr_store_begin() ..
 * sr_store_put() x N .. sr_store_commit().  A batch is one transaction: a
 * crash loses at most the batch in progress and never leaves a document
 * half-written.  sr_store_put() is idempotent: the same content twice is
 * reported SR_PUT_UNCHANGED and changes nothing; a document whose key is
 * known but whose content changed replaces its reports, and the incidents
 * they belonged to are reconciled again (an incident left without reports
 * is removed).
 *
 * Reading: sr_store_query() calls back once per incident that passes every
 * filter; sr_store_incident() and sr_store_reports() give one incident and
 * its reports (for `sitrep show`).
 *
 * Strings in the records handed to callbacks belong to the store and are
 * valid during the callback only.
 */
#ifndef SR_STORE_H
#define SR_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"

typedef struct sr_store sr_store;

/* Open (creating when missing) the store at `location`, applying every
 * pending schema migration.  `readonly` opens an existing store for
 * reading only. */
sr_status sr_store_open(const char *location, int readonly, sr_store **out,
                        sr_error *err);
void sr_store_close(sr_store *store);

/* The backend's name ("sqlite") and its schema version. */
const char *sr_store_backend(const sr_store *store);
int sr_store_schema_version(sr_store *store);

/* ---- writing ----------------------------------------------------------- */

/* The content hash of a document (its text and metadata, plus the default
 * date extraction will use when the document has none): 32 hex digits. */
typedef struct sr_doc_hash {
    char hex[33];
} sr_doc_hash;
void sr_store_hash_doc(const sr_doc *doc, const char *default_date,
                       sr_doc_hash *out);

typedef enum sr_doc_state {
    SR_DOC_NEW = 0,       /* key and content unknown */
    SR_DOC_UNCHANGED,     /* this content is stored (under any key) */
    SR_DOC_CHANGED        /* the key is stored with another content */
} sr_doc_state;

/* What the store knows of a document before extracting it (so that a
 * re-run skips stored documents without extracting them again). */
sr_status sr_store_doc_state(sr_store *store, const char *key,
                             const sr_doc_hash *hash, sr_doc_state *out,
                             sr_error *err);

sr_status sr_store_begin(sr_store *store, sr_error *err);
sr_status sr_store_commit(sr_store *store, sr_error *err);
void sr_store_rollback(sr_store *store);

typedef enum sr_put_outcome {
    SR_PUT_ADDED = 0,
    SR_PUT_REPLACED,
    SR_PUT_UNCHANGED
} sr_put_outcome;

typedef struct sr_put_result {
    sr_put_outcome outcome;
    size_t reports;        /* reports stored from this document */
    size_t new_incidents;  /* incidents it started */
    size_t merged;         /* reports that joined an existing incident */
} sr_put_result;

/* Store an extracted document (inside a batch): its metadata, text and
 * sitrep/1 JSON (sr_doc_to_json), then merge each of its incidents. */
sr_status sr_store_put(sr_store *store, const sr_doc *doc,
                       const sr_doc_hash *hash, const char *json,
                       size_t json_len, sr_put_result *res, sr_error *err);

/* sr_store_put() in two steps, so that the part that needs no store --
 * reading the sitrep/1 JSON into reports -- can run in the threads that
 * extract: sr_store_prepare() is thread-safe and touches no store;
 * sr_store_put_prepared() then stores (inside a batch) and merges. */
typedef struct sr_prepared sr_prepared;
sr_status sr_store_prepare(const sr_doc *doc, const char *json, size_t json_len,
                           sr_prepared **out, sr_error *err);
sr_status sr_store_put_prepared(sr_store *store, const sr_doc *doc, const sr_doc_hash *hash,
                                const char *json, size_t json_len, sr_prepared *p,
                                sr_put_result *res, sr_error *err);
void sr_prepared_free(sr_prepared *p);

/* Counts over the whole store. */
typedef struct sr_store_counts {
    int64_t documents, reports, incidents;
} sr_store_counts;
sr_status sr_store_counts_get(sr_store *store, sr_store_counts *out,
                              sr_error *err);

/* ---- feed polling state (for `sitrep ingest` on feeds) ------------------ */

typedef struct sr_feed_state {
    char *etag, *last_modified;   /* NULL when unknown; free() */
    int64_t last_polled;          /* unix time, 0 never */
} sr_feed_state;

sr_status sr_store_feed_get(sr_store *store, const char *url,
                            sr_feed_state *out, sr_error *err);
sr_status sr_store_feed_put(sr_store *store, const char *url,
                            const sr_feed_state *st, sr_error *err);
void sr_feed_state_clear(sr_feed_state *st);
/* Has this feed item id been stored?  Mark it as stored. */
sr_status sr_store_item_seen(sr_store *store, const char *url,
                             const char *item_id, int *seen, sr_error *err);
sr_status sr_store_item_mark(sr_store *store, const char *url,
                             const char *item_id, sr_error *err);

/* ---- reading ----------------------------------------------------------- */

/* One reconciled count: the value shown (see docs/store.md for the rule)
 * and the range over the reports that give one. */
typedef struct sr_store_count {
    int present;
    int64_t value;         /* the conservative, well-sourced figure */
    int64_t lo, hi;        /* lowest and highest reported; hi -1: unbounded */
} sr_store_count;

/* An incident as stored (the merged record). */
typedef struct sr_store_incident {
    int64_t id;
    const char *type;
    unsigned family;          /* type family bits (merge.h) */
    int main;                 /* some report tells it as the main news */
    const char *date;         /* "2017-06-18", "2017-06", "2017" or NULL */
    const char *date_precision;
    int32_t day_lo, day_hi;   /* the date as a day range (days since 1970) */
    int has_geo;
    double lat, lon;
    const char *place, *country, *admin1, *place_precision;
    sr_store_count killed, wounded;
    const char *orgs;         /* canonical perpetrator orgs, '\n'-separated */
    const char *actors;       /* every actor name, '\n'-separated */
    const char *sites;        /* named sites, '\n'-separated */
    int64_t nreports;
    const char *json;         /* the full merged record (docs/store.md) */
} sr_store_incident;

typedef int (*sr_store_incident_fn)(void *ctx, const sr_store_incident *inc);

/* Filters; every one is optional (NULL, 0 or -1 as noted). */
typedef struct sr_query {
    const char *country;      /* ISO alpha-2 */
    int near;                 /* with lat, lon, km */
    double lat, lon, km;
    const char *since, *until;/* YYYY[-MM[-DD]]: incidents whose date range meets it */
    const char *type;         /* a taxonomy type (primary or any report's) */
    const char *actor;        /* a perpetrator, org or claimant (case-insensitive) */
    const char *text;         /* FTS5 query over evidence sentences */
    int64_t min_killed;       /* -1: none */
    const char *status;       /* "main" or "background" */
    int64_t limit;            /* 0: all */
} sr_query;

void sr_query_init(sr_query *q);

/* Call fn for each matching incident, most recent first; fn returning
 * non-zero stops the query (not an error). */
sr_status sr_store_query(sr_store *store, const sr_query *q,
                         sr_store_incident_fn fn, void *ctx, sr_error *err);

/* One incident by id (SR_ERR_NOTFOUND when there is none). */
sr_status sr_store_incident_get(sr_store *store, int64_t id,
                                sr_store_incident_fn fn, void *ctx,
                                sr_error *err);

/* A report of an incident, with its document and why it was merged. */
typedef struct sr_store_report {
    int64_t id;
    int ordinal;
    const char *doc_key, *title, *url, *published;
    const char *json;         /* the sitrep/1 incident object (+ evidence) */
    double score;
    const char *reason;
} sr_store_report;

typedef int (*sr_store_report_fn)(void *ctx, const sr_store_report *r);

/* The reports of an incident in the order they joined it. */
sr_status sr_store_reports(sr_store *store, int64_t incident_id,
                           sr_store_report_fn fn, void *ctx, sr_error *err);

/* ---- change feed, tallies, watches (sitrep serve, sitrep watch) -------- */

/* While there are watches, every write of an incident's merged record
 * appends a change: a growing sequence number and the incident's id (an
 * incident changed twice appears twice; one since removed is still
 * listed).  Changes every watch has passed are dropped.  Calls fn for the
 * changes after `after`, oldest first, at most `limit` (0: all). */
typedef int (*sr_store_change_fn)(void *ctx, int64_t seq, int64_t incident_id);
sr_status sr_store_changes(sr_store *store, int64_t after, int64_t limit,
                           sr_store_change_fn fn, void *ctx, sr_error *err);
/* The last sequence number (0 when nothing has changed yet). */
sr_status sr_store_last_change(sr_store *store, int64_t *seq, sr_error *err);

/* How many incidents per value of a column, most first. */
typedef enum sr_tally_by {
    SR_TALLY_TYPE = 0,
    SR_TALLY_COUNTRY,
    SR_TALLY_MONTH          /* "YYYY-MM" of the incident's date */
} sr_tally_by;
typedef int (*sr_store_tally_fn)(void *ctx, const char *key, int64_t n);
sr_status sr_store_tally(sr_store *store, sr_tally_by by, sr_store_tally_fn fn,
                         void *ctx, sr_error *err);

/* A watch: a webhook URL, a filter (a JSON object the server interprets:
 * docs/api.md) and its position in the change feed. */
typedef struct sr_store_watch {
    int64_t id;
    const char *url, *filter, *created;
    int64_t cursor;           /* changes up to this one are handled */
} sr_store_watch;
typedef int (*sr_store_watch_fn)(void *ctx, const sr_store_watch *w);

/* Add a watch starting at the current end of the change feed. */
sr_status sr_store_watch_add(sr_store *store, const char *url,
                             const char *filter_json, int64_t *id,
                             sr_error *err);
sr_status sr_store_watch_list(sr_store *store, sr_store_watch_fn fn, void *ctx,
                              sr_error *err);
/* Remove a watch and its deliveries (SR_ERR_NOTFOUND when there is none). */
sr_status sr_store_watch_remove(sr_store *store, int64_t id, sr_error *err);
sr_status sr_store_watch_advance(sr_store *store, int64_t id, int64_t cursor,
                                 sr_error *err);

/* A delivery of one version of an incident (a hash of its record) to a
 * watch's webhook: "delivered" or "failed", with the attempts made. */
typedef struct sr_store_delivery {
    int64_t watch_id, incident_id;
    const char *version, *status, *error, *at;
    int attempts, http_status;
} sr_store_delivery;
typedef int (*sr_store_delivery_fn)(void *ctx, const sr_store_delivery *d);

/* Record (or update) a delivery. */
sr_status sr_store_delivery_put(sr_store *store, const sr_store_delivery *d,
                                sr_error *err);
/* Is this version of this incident delivered to this watch? */
sr_status sr_store_delivered(sr_store *store, int64_t watch_id,
                             int64_t incident_id, const char *version,
                             int *delivered, sr_error *err);
/* A watch's deliveries, newest first, at most `limit` (0: all). */
sr_status sr_store_deliveries(sr_store *store, int64_t watch_id, int64_t limit,
                              sr_store_delivery_fn fn, void *ctx,
                              sr_error *err);

#endif
