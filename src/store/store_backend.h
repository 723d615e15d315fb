/*
 * store_backend.h -- what a store backend implements (SQLite today,
 * PostgreSQL next: issue 8).
 *
 * A backend's handle starts with `struct sr_store` (its operations table);
 * store.c calls the operations and holds the logic that is the same for
 * every backend (idempotent put, merge, reconcile: merge.c).  The operations
 * are storage primitives only: they never decide which incident a report
 * joins.  Every operation is called inside a transaction opened by begin()
 * when it writes; a backend that serves several writers (PostgreSQL) takes
 * its locks in begin() and candidates() so that the merge decision and the
 * link are atomic.
 *
 * All SQL parameters are bound, never spliced into statements.
 */
#ifndef SR_STORE_BACKEND_H
#define SR_STORE_BACKEND_H

#include "store.h"
#include "report.h"

typedef struct sr_ids {
    int64_t *v;
    size_t n, cap;
} sr_ids;

int sr_ids_add(sr_ids *ids, int64_t id);  /* 0, or -1 out of memory; keeps ids unique */
void sr_ids_free(sr_ids *ids);

/* Which incidents might a report join: those whose date range meets
 * [lo, hi], that share a type family bit, that lie in the box or -- when
 * `country` is set -- are in that country at country precision (or any
 * precision when `whole_country`).  A backend may also leave out those
 * with a report from `exclude_document`; merge.c skips them anyway (it
 * knows which incidents the document's earlier reports are in). */
typedef struct sr_candidate_query {
    int32_t lo, hi;
    unsigned family;
    int has_box;
    double min_lat, max_lat, min_lon, max_lon;
    const char *country;
    int whole_country;
    int64_t exclude_document;
} sr_candidate_query;

/* SR_SAVE_KEYS: the columns queries filter on (type, status, day range,
 * country, killed) changed; without it a backend may leave their indexes
 * alone (SQLite: an UPDATE that names an indexed column rewrites its index
 * entries even when the value is the same). */
enum {
    SR_SAVE_PLACE = 1u << 0, SR_SAVE_ACTORS = 1u << 1, SR_SAVE_FIRST = 1u << 2,
    SR_SAVE_KEYS = 1u << 3
};

typedef struct sr_store_ops {
    const char *name;
    void (*close)(sr_store *s);
    int (*schema_version)(sr_store *s);
    sr_status (*begin)(sr_store *s, sr_error *err);
    sr_status (*commit)(sr_store *s, sr_error *err);
    void (*rollback)(sr_store *s);

    /* The id of the document stored under `key` (0 when none) and whether
     * a document with content `hash` is stored (under any key). */
    sr_status (*doc_find)(sr_store *s, const char *key, const char *hash,
                          int64_t *key_id, int *hash_known, sr_error *err);
    sr_status (*doc_insert)(sr_store *s, const sr_doc *doc, const char *hash,
                            const char *json, size_t json_len, int64_t *id,
                            sr_error *err);
    /* Delete a document with its reports, links and evidence; add the
     * incidents those reports belonged to to `touched`. */
    sr_status (*doc_delete)(sr_store *s, int64_t id, sr_ids *touched,
                            sr_error *err);
    /* Store a report (and its evidence sentences for text search). */
    sr_status (*report_insert)(sr_store *s, int64_t doc_id, int ordinal,
                               const sr_report *r, int64_t *id, sr_error *err);
    sr_status (*candidates)(sr_store *s, const sr_candidate_query *q,
                            sr_store_incident_fn fn, void *ctx, sr_error *err);
    /* A new, empty incident row (filled by incident_save). */
    sr_status (*incident_create)(sr_store *s, int64_t *id, sr_error *err);
    sr_status (*link)(sr_store *s, int64_t report_id, int64_t incident_id,
                      double score, const char *reason, sr_error *err);
    sr_status (*reports)(sr_store *s, int64_t incident_id,
                         sr_store_report_fn fn, void *ctx, sr_error *err);
    /* Write the reconciled values of an existing incident row, and -- as
     * `what` says -- rewrite its place index entry and actor index rows
     * (SR_SAVE_PLACE, SR_SAVE_ACTORS; SR_SAVE_FIRST: the row was just
     * created, there are none to delete).  SR_SAVE_PLACE is set when the
     * point or the day range changed (SQLite's place index holds both). */
    sr_status (*incident_save)(sr_store *s, const sr_store_incident *inc,
                               unsigned what, sr_error *err);
    sr_status (*incident_delete)(sr_store *s, int64_t id, sr_error *err);

    sr_status (*incident_get)(sr_store *s, int64_t id, sr_store_incident_fn fn,
                              void *ctx, sr_error *err);
    sr_status (*query)(sr_store *s, const sr_query *q, sr_store_incident_fn fn,
                       void *ctx, sr_error *err);
    sr_status (*counts)(sr_store *s, sr_store_counts *out, sr_error *err);

    sr_status (*feed_get)(sr_store *s, const char *url, sr_feed_state *out,
                          sr_error *err);
    sr_status (*feed_put)(sr_store *s, const char *url, const sr_feed_state *st,
                          sr_error *err);
    sr_status (*item_seen)(sr_store *s, const char *url, const char *item_id,
                           int *seen, sr_error *err);
    sr_status (*item_mark)(sr_store *s, const char *url, const char *item_id,
                           sr_error *err);

    /* change feed, tallies, watches and deliveries (store.h) */
    sr_status (*changes)(sr_store *s, int64_t after, int64_t limit,
                         sr_store_change_fn fn, void *ctx, sr_error *err);
    sr_status (*last_change)(sr_store *s, int64_t *seq, sr_error *err);
    /* Run `sql` (the same for every backend, store.c), a query of rows
     * (text, count), handing each to fn. */
    sr_status (*tally)(sr_store *s, const char *sql, sr_store_tally_fn fn,
                       void *ctx, sr_error *err);
    sr_status (*watch_add)(sr_store *s, const char *url, const char *filter,
                           int64_t *id, sr_error *err);
    sr_status (*watch_list)(sr_store *s, sr_store_watch_fn fn, void *ctx,
                            sr_error *err);
    sr_status (*watch_remove)(sr_store *s, int64_t id, sr_error *err);
    sr_status (*watch_advance)(sr_store *s, int64_t id, int64_t cursor,
                               sr_error *err);
    sr_status (*delivery_put)(sr_store *s, const sr_store_delivery *d,
                              sr_error *err);
    sr_status (*delivered)(sr_store *s, int64_t watch_id, int64_t incident_id,
                           const char *version, int *delivered, sr_error *err);
    sr_status (*deliveries)(sr_store *s, int64_t watch_id, int64_t limit,
                            sr_store_delivery_fn fn, void *ctx, sr_error *err);
} sr_store_ops;

struct sr_merge_cache;   /* merge.c */

/* A backend allocates its handle zeroed and sets `ops`; `merge_cache`
 * belongs to merge.c (freed by sr_store_close before ops->close). */
struct sr_store {
    const sr_store_ops *ops;
    struct sr_merge_cache *merge_cache;
};

/* The SQLite backend (store_sqlite.c). */
sr_status sr_store_sqlite_open(const char *path, int readonly, sr_store **out,
                               sr_error *err);

#endif
