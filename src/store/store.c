/*
 * store.c -- the store interface over a backend: opening by location,
 * content hashing, the idempotent put, and thin wrappers over the
 * operations table (store_backend.h).
 *
 * sr_store_put() is where "the same document twice changes nothing" and "a
 * changed document replaces its reports" are decided, once for every
 * backend: unchanged content is skipped; a changed document's rows are
 * deleted, the new ones inserted, each report merged (merge.c) and its
 * incident updated, and every incident that lost a report rebuilt.
 */
#include <stdlib.h>
#include <string.h>

#include "store_backend.h"
#include "merge.h"
#include "store_pg.h"
#include "../core/error.h"

int sr_ids_add(sr_ids *ids, int64_t id) {
    for (size_t i = 0; i < ids->n; i++)
        if (ids->v[i] == id) return 0;
    if (ids->n == ids->cap) {
        size_t cap = ids->cap ? ids->cap * 2 : 16;
        int64_t *v = realloc(ids->v, cap * sizeof *v);
        if (!v) return -1;
        ids->v = v;
        ids->cap = cap;
    }
    ids->v[ids->n++] = id;
    return 0;
}

void sr_ids_free(sr_ids *ids) {
    free(ids->v);
    ids->v = NULL;
    ids->n = ids->cap = 0;
}

static int has_prefix(const char *s, const char *p) {
    return strncmp(s, p, strlen(p)) == 0;
}

sr_status sr_store_open(const char *location, int readonly, sr_store **out,
                        sr_error *err) {
    *out = NULL;
    if (!location || !*location)
        return sr_fail(err, SR_ERR_ARG, "no store location given");
    if (has_prefix(location, "postgresql://") || has_prefix(location, "postgres://"))
        return sr_store_pg_open(location, readonly, out, err);
    const char *path = location;
    if (has_prefix(location, "sqlite:")) path = location + 7;
    if (has_prefix(path, "//")) path += 2;   /* sqlite://PATH */
    if (!*path) return sr_fail(err, SR_ERR_ARG, "%s: no file name", location);
    if (strstr(location, "://") && path == location)
        return sr_fail(err, SR_ERR_ARG, "%s: unknown store scheme (sqlite:PATH, a file "
                       "path, or postgresql://...)", location);
    return sr_store_sqlite_open(path, readonly, out, err);
}

void sr_store_close(sr_store *store) {
    if (!store) return;
    sr_merge_cache_free(store->merge_cache);
    store->merge_cache = NULL;
    store->ops->close(store);
}

const char *sr_store_backend(const sr_store *store) {
    return store->ops->name;
}

int sr_store_schema_version(sr_store *store) {
    return store->ops->schema_version(store);
}

/* Two 64-bit FNV-1a lanes with different bases; the second also mixes in
 * each byte's position.  Not cryptographic: it tells stored content from
 * new content, and 128 bits make an accidental collision negligible. */
typedef struct hash2 {
    uint64_t a, b, pos;
} hash2;

static void hash_add(hash2 *h, const void *p, size_t n) {
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++, h->pos++) {
        h->a = (h->a ^ s[i]) * 0x100000001b3ULL;
        h->b = (h->b ^ (s[i] + (h->pos & 0xff) * 0x9dULL)) * 0x100000001b3ULL;
    }
}

static void hash_field(hash2 *h, const char *s) {
    static const unsigned char sep = 0x1f, none = 0x1e;
    if (s) hash_add(h, s, strlen(s));
    else hash_add(h, &none, 1);
    hash_add(h, &sep, 1);
}

void sr_store_hash_doc(const sr_doc *doc, const char *default_date,
                       sr_doc_hash *out) {
    hash2 h = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL, 0};
    size_t len;
    const char *text = sr_doc_text(doc, &len);
    hash_add(&h, text ? text : "", text ? len : 0);
    hash_field(&h, NULL);
    for (int f = SR_FIELD_TITLE; f < SR_FIELD_COUNT_; f++)
        hash_field(&h, sr_doc_field(doc, (sr_field)f));
    hash_field(&h, sr_doc_field(doc, SR_FIELD_PUBLISHED) ? NULL : default_date);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        uint64_t v = i < 8 ? h.a : h.b;
        int sh = (7 - (i & 7)) * 8;
        out->hex[2 * i] = hex[(v >> (sh + 4)) & 15];
        out->hex[2 * i + 1] = hex[(v >> sh) & 15];
    }
    out->hex[32] = '\0';
}

sr_status sr_store_doc_state(sr_store *store, const char *key,
                             const sr_doc_hash *hash, sr_doc_state *out,
                             sr_error *err) {
    int64_t id;
    int known;
    sr_status st = store->ops->doc_find(store, key, hash->hex, &id, &known, err);
    if (st != SR_OK) return st;
    *out = known ? SR_DOC_UNCHANGED : id ? SR_DOC_CHANGED : SR_DOC_NEW;
    return SR_OK;
}

sr_status sr_store_begin(sr_store *store, sr_error *err) {
    return store->ops->begin(store, err);
}

sr_status sr_store_commit(sr_store *store, sr_error *err) {
    return store->ops->commit(store, err);
}

void sr_store_rollback(sr_store *store) {
    store->ops->rollback(store);
}

struct sr_prepared {
    sr_reports reps;
};

sr_status sr_store_prepare(const sr_doc *doc, const char *json, size_t json_len,
                           sr_prepared **out, sr_error *err) {
    *out = calloc(1, sizeof **out);
    if (!*out) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    size_t text_len;
    const char *text = sr_doc_text(doc, &text_len);
    sr_status st = sr_reports_from_doc(json, json_len, text ? text : "", text ? text_len : 0,
                                       &(*out)->reps, err);
    if (st != SR_OK) {
        free(*out);
        *out = NULL;
    }
    return st;
}

void sr_prepared_free(sr_prepared *p) {
    if (!p) return;
    sr_reports_clear(&p->reps);
    free(p);
}

sr_status sr_store_put(sr_store *store, const sr_doc *doc,
                       const sr_doc_hash *hash, const char *json,
                       size_t json_len, sr_put_result *res, sr_error *err) {
    memset(res, 0, sizeof *res);
    sr_prepared *p;
    sr_status st = sr_store_prepare(doc, json, json_len, &p, err);
    if (st != SR_OK) return st;
    st = sr_store_put_prepared(store, doc, hash, json, json_len, p, res, err);
    sr_prepared_free(p);
    return st;
}

sr_status sr_store_put_prepared(sr_store *store, const sr_doc *doc, const sr_doc_hash *hash,
                                const char *json, size_t json_len, sr_prepared *p,
                                sr_put_result *res, sr_error *err) {
    memset(res, 0, sizeof *res);
    const char *key = sr_doc_field(doc, SR_FIELD_ID);
    if (!key || !*key) return sr_fail(err, SR_ERR_ARG, "a document without an id");
    int64_t old_id, doc_id;
    int known;
    sr_status st = store->ops->doc_find(store, key, hash->hex, &old_id, &known, err);
    if (st != SR_OK) return st;
    if (known) {
        res->outcome = SR_PUT_UNCHANGED;
        return SR_OK;
    }
    sr_reports reps = p->reps;
    sr_ids touched = {0}, own = {0};
    if (old_id) {
        res->outcome = SR_PUT_REPLACED;
        st = store->ops->doc_delete(store, old_id, &touched, err);
    }
    if (st == SR_OK)
        st = store->ops->doc_insert(store, doc, hash->hex, json, json_len, &doc_id, err);
    for (size_t i = 0; i < reps.n && st == SR_OK; i++) {
        int64_t rid, inc;
        int joined;
        st = store->ops->report_insert(store, doc_id, (int)i + 1, &reps.v[i], &rid, err);
        if (st == SR_OK)
            st = sr_merge_report_own(store, doc_id, rid, &reps.v[i], &own, &inc, &joined, err);
        if (st == SR_OK && sr_ids_add(&own, inc))
            st = sr_fail(err, SR_ERR_NOMEM, "out of memory");
        /* a report joining an incident updates its record at once (the next
         * reports compare against it); a new incident is built from its one
         * report; incidents that lost reports are rebuilt at the end */
        if (st == SR_OK && joined)
            st = sr_merge_join(store, inc, &reps.v[i], key, sr_doc_field(doc, SR_FIELD_TITLE),
                               sr_doc_field(doc, SR_FIELD_PUBLISHED), err);
        else if (st == SR_OK)
            st = sr_merge_start(store, inc, &reps.v[i], key, sr_doc_field(doc, SR_FIELD_TITLE),
                                sr_doc_field(doc, SR_FIELD_PUBLISHED), err);
        if (st == SR_OK) {
            res->reports++;
            if (joined) res->merged++;
            else res->new_incidents++;
        }
    }
    for (size_t i = 0; i < touched.n && st == SR_OK; i++)
        st = sr_merge_reconcile(store, touched.v[i], err);
    sr_ids_free(&touched);
    sr_ids_free(&own);
    return st;
}

sr_status sr_store_counts_get(sr_store *store, sr_store_counts *out,
                              sr_error *err) {
    return store->ops->counts(store, out, err);
}

sr_status sr_store_feed_get(sr_store *store, const char *url,
                            sr_feed_state *out, sr_error *err) {
    memset(out, 0, sizeof *out);
    return store->ops->feed_get(store, url, out, err);
}

sr_status sr_store_feed_put(sr_store *store, const char *url,
                            const sr_feed_state *st, sr_error *err) {
    return store->ops->feed_put(store, url, st, err);
}

void sr_feed_state_clear(sr_feed_state *st) {
    free(st->etag);
    free(st->last_modified);
    memset(st, 0, sizeof *st);
}

sr_status sr_store_item_seen(sr_store *store, const char *url,
                             const char *item_id, int *seen, sr_error *err) {
    return store->ops->item_seen(store, url, item_id, seen, err);
}

sr_status sr_store_item_mark(sr_store *store, const char *url,
                             const char *item_id, sr_error *err) {
    return store->ops->item_mark(store, url, item_id, err);
}

sr_status sr_store_changes(sr_store *store, int64_t after, int64_t limit,
                           sr_store_change_fn fn, void *ctx, sr_error *err) {
    return store->ops->changes(store, after, limit, fn, ctx, err);
}

sr_status sr_store_last_change(sr_store *store, int64_t *seq, sr_error *err) {
    *seq = 0;
    return store->ops->last_change(store, seq, err);
}

sr_status sr_store_tally(sr_store *store, sr_tally_by by, sr_store_tally_fn fn,
                         void *ctx, sr_error *err) {
    /* plain SQL that SQLite and PostgreSQL read alike */
    static const char *const SQL_BY[] = {
        [SR_TALLY_TYPE] = "SELECT type, count(*) n FROM incidents GROUP BY type "
                          "ORDER BY n DESC, type",
        [SR_TALLY_COUNTRY] = "SELECT country, count(*) n FROM incidents "
                             "WHERE country IS NOT NULL GROUP BY country ORDER BY n DESC, country",
        [SR_TALLY_MONTH] = "SELECT substr(date, 1, 7) m, count(*) n FROM incidents "
                           "WHERE length(date) >= 7 GROUP BY m ORDER BY m",
    };
    if (by != SR_TALLY_TYPE && by != SR_TALLY_COUNTRY && by != SR_TALLY_MONTH)
        return sr_fail(err, SR_ERR_ARG, "unknown tally");
    return store->ops->tally(store, SQL_BY[by], fn, ctx, err);
}

sr_status sr_store_watch_add(sr_store *store, const char *url,
                             const char *filter_json, int64_t *id,
                             sr_error *err) {
    return store->ops->watch_add(store, url, filter_json, id, err);
}

sr_status sr_store_watch_list(sr_store *store, sr_store_watch_fn fn, void *ctx,
                              sr_error *err) {
    return store->ops->watch_list(store, fn, ctx, err);
}

sr_status sr_store_watch_remove(sr_store *store, int64_t id, sr_error *err) {
    return store->ops->watch_remove(store, id, err);
}

sr_status sr_store_watch_advance(sr_store *store, int64_t id, int64_t cursor,
                                 sr_error *err) {
    return store->ops->watch_advance(store, id, cursor, err);
}

sr_status sr_store_delivery_put(sr_store *store, const sr_store_delivery *d,
                                sr_error *err) {
    return store->ops->delivery_put(store, d, err);
}

sr_status sr_store_delivered(sr_store *store, int64_t watch_id,
                             int64_t incident_id, const char *version,
                             int *delivered, sr_error *err) {
    *delivered = 0;
    return store->ops->delivered(store, watch_id, incident_id, version, delivered, err);
}

sr_status sr_store_deliveries(sr_store *store, int64_t watch_id, int64_t limit,
                              sr_store_delivery_fn fn, void *ctx,
                              sr_error *err) {
    return store->ops->deliveries(store, watch_id, limit, fn, ctx, err);
}

void sr_query_init(sr_query *q) {
    memset(q, 0, sizeof *q);
    q->min_killed = -1;
}

sr_status sr_store_query(sr_store *store, const sr_query *q,
                         sr_store_incident_fn fn, void *ctx, sr_error *err) {
    if (q->near && (q->lat < -90 || q->lat > 90 || q->lon < -180 || q->lon > 180 ||
                    !(q->km > 0)))
        return sr_fail(err, SR_ERR_ARG, "--near wants LAT,LON within range and --km > 0");
    if (q->status && strcmp(q->status, "main") != 0 && strcmp(q->status, "background") != 0)
        return sr_fail(err, SR_ERR_ARG, "status is main or background, not \"%s\"", q->status);
    int32_t lo, hi;
    if (q->since && sr_date_range(q->since, &lo, &hi) == SR_PREC_UNKNOWN)
        return sr_fail(err, SR_ERR_ARG, "--since wants YYYY[-MM[-DD]], not \"%s\"", q->since);
    if (q->until && sr_date_range(q->until, &lo, &hi) == SR_PREC_UNKNOWN)
        return sr_fail(err, SR_ERR_ARG, "--until wants YYYY[-MM[-DD]], not \"%s\"", q->until);
    return store->ops->query(store, q, fn, ctx, err);
}

sr_status sr_store_incident_get(sr_store *store, int64_t id,
                                sr_store_incident_fn fn, void *ctx,
                                sr_error *err) {
    return store->ops->incident_get(store, id, fn, ctx, err);
}

sr_status sr_store_reports(sr_store *store, int64_t incident_id,
                           sr_store_report_fn fn, void *ctx, sr_error *err) {
    return store->ops->reports(store, incident_id, fn, ctx, err);
}
