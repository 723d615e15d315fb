/*
 * store_sqlite.c -- the SQLite backend of the store (store_backend.h).
 *
 * One database file in WAL mode: readers never block the writer, a commit
 * is one append to the WAL, and a process killed at any moment leaves the
 * last committed transaction intact (synchronous=NORMAL is durable against
 * a process crash; a power cut may lose the last commits, never consistency).
 * FTS5 indexes evidence sentences (external content over `evidence`): the
 * rows a transaction adds are indexed in one statement just before its
 * commit, because FTS5 flushes its pending terms at every statement
 * savepoint and row-by-row triggers made ingest three times slower; rows
 * indexed earlier are removed from the index before they are deleted.  An
 * R*Tree indexes incident places.  The fixed
 * statements are prepared once at open; queries are assembled from fixed
 * fragments with every value bound.  The schema is in sqlite_schema.c.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_backend.h"
#include "merge.h"
#include "sqlite_schema.h"
#include "../core/buf.h"
#include "../core/error.h"

#define INC_COLS                                                               \
    "i.id, i.type, i.family, i.status, i.date, i.date_precision, i.day_lo, "   \
    "i.day_hi, i.lat, i.lon, i.place, i.country, i.admin1, i.place_precision, " \
    "i.killed, i.killed_lo, i.killed_hi, i.wounded, i.wounded_lo, "            \
    "i.wounded_hi, i.orgs, i.actors, i.sites, i.nreports, i.json"

/* the columns the merge compares (no JSON record, no actor list) */
#define CAND_COLS                                                              \
    "i.id, i.type, i.family, i.status, i.date, i.date_precision, i.day_lo, "   \
    "i.day_hi, i.lat, i.lon, i.place, i.country, i.admin1, i.place_precision, " \
    "i.killed, i.killed_lo, i.killed_hi, i.wounded, i.wounded_lo, "            \
    "i.wounded_hi, i.orgs, NULL, i.sites, i.nreports, NULL"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

/* The day an undated incident has in the place index (migration 4): far
 * from any report's date, so never a merge candidate. */
#define GEO_NO_DAY (-10000000)

enum {
    S_DOC_BY_KEY, S_DOC_BY_HASH, S_DOC_INSERT, S_DOC_TOUCHED, S_DOC_UNINDEX,
    S_DOC_DEL_EVIDENCE, S_FTS_INDEX, S_EVIDENCE_NEXT,
    S_DOC_DEL_LINKS, S_DOC_DEL_REPORTS, S_DOC_DEL, S_REPORT_INSERT, S_EVIDENCE_INSERT,
    S_CAND_GEO, S_CAND_COUNTRY, S_INC_CREATE, S_LINK, S_REPORTS, S_INC_UPDATE,
    S_GEO_DEL, S_GEO_INSERT, S_ACTORS_DEL, S_ACTOR_INSERT, S_INC_DEL, S_INC_GET,
    S_FEED_GET, S_FEED_PUT, S_ITEM_SEEN, S_ITEM_MARK, S_INC_UPDATE_BODY, S_NSTMT
};

static const char *const SQL[S_NSTMT] = {
    [S_DOC_BY_KEY] = "SELECT id FROM documents WHERE key = ?",
    [S_DOC_BY_HASH] = "SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1",
    [S_DOC_INSERT] = "INSERT INTO documents (key, content_hash, title, url, published, "
                     "lang, text, json, ingested_at) VALUES (?,?,?,?,?,?,?,?," NOW ")",
    [S_DOC_TOUCHED] = "SELECT DISTINCT l.incident_id FROM reports r JOIN report_links l "
                      "ON l.report_id = r.id WHERE r.document_id = ?",
    [S_DOC_UNINDEX] = "INSERT INTO evidence_fts(evidence_fts, rowid, sentence) "
                      "SELECT 'delete', id, sentence FROM evidence WHERE id < ?2 AND "
                      "report_id IN (SELECT id FROM reports WHERE document_id = ?1)",
    [S_DOC_DEL_EVIDENCE] = "DELETE FROM evidence WHERE report_id IN "
                           "(SELECT id FROM reports WHERE document_id = ?)",
    [S_FTS_INDEX] = "INSERT INTO evidence_fts(rowid, sentence) "
                    "SELECT id, sentence FROM evidence WHERE id >= ?",
    [S_EVIDENCE_NEXT] = "SELECT coalesce(max(id), 0) + 1 FROM evidence",
    [S_DOC_DEL_LINKS] = "DELETE FROM report_links WHERE report_id IN "
                        "(SELECT id FROM reports WHERE document_id = ?)",
    [S_DOC_DEL_REPORTS] = "DELETE FROM reports WHERE document_id = ?",
    [S_DOC_DEL] = "DELETE FROM documents WHERE id = ?",
    [S_REPORT_INSERT] = "INSERT INTO reports (document_id, ordinal, type, status, date, "
                        "day_lo, day_hi, place, country, place_precision, lat, lon, "
                        "killed_min, killed_max, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [S_EVIDENCE_INSERT] = "INSERT INTO evidence (report_id, start, \"end\", sentence) "
                          "VALUES (?,?,?,?)",
    [S_CAND_GEO] = "SELECT " CAND_COLS " FROM incident_geo g JOIN incidents i ON i.id = g.id "
                   "WHERE g.min_lat <= ?1 AND g.max_lat >= ?2 AND g.min_lon <= ?3 "
                   "AND g.max_lon >= ?4 AND g.min_day <= ?6 AND g.max_day >= ?5 "
                   "AND i.day_lo BETWEEN ?5 - 366 AND ?6 "
                   "AND i.day_hi >= ?5 AND (i.family & ?7) != 0",
    [S_CAND_COUNTRY] = "SELECT " CAND_COLS " FROM incidents i WHERE i.country = ?1 "
                       "AND (?2 OR i.place_precision = 'country' OR i.lat IS NULL) "
                       "AND i.day_lo BETWEEN ?3 - 366 AND ?4 AND i.day_hi >= ?3 "
                       "AND (i.family & ?5) != 0",
    [S_INC_CREATE] = "INSERT INTO incidents (updated_at) VALUES (" NOW ")",
    [S_LINK] = "INSERT INTO report_links (report_id, incident_id, score, reason, linked_at) "
               "VALUES (?,?,?,?," NOW ")",
    [S_REPORTS] = "SELECT r.id, r.ordinal, d.key, d.title, d.url, d.published, r.json, "
                  "l.score, l.reason FROM report_links l JOIN reports r ON r.id = l.report_id "
                  "JOIN documents d ON d.id = r.document_id WHERE l.incident_id = ? "
                  "ORDER BY r.id",
    [S_INC_UPDATE] = "UPDATE incidents SET type=?2, family=?3, status=?4, date=?5, "
                     "date_precision=?6, day_lo=?7, day_hi=?8, lat=?9, lon=?10, place=?11, "
                     "country=?12, admin1=?13, place_precision=?14, killed=?15, "
                     "killed_lo=?16, killed_hi=?17, wounded=?18, wounded_lo=?19, "
                     "wounded_hi=?20, orgs=?21, actors=?22, sites=?23, nreports=?24, "
                     "json=?25, updated_at=" NOW " WHERE id=?1",
    /* the same without the indexed columns (type, status, day_lo, day_hi,
     * country, killed), which it leaves as they are: no index rewrites */
    [S_INC_UPDATE_BODY] = "UPDATE incidents SET family=?3, date=?5, "
                          "date_precision=?6, lat=?9, lon=?10, place=?11, "
                          "admin1=?13, place_precision=?14, "
                          "killed_lo=?16, killed_hi=?17, wounded=?18, wounded_lo=?19, "
                          "wounded_hi=?20, orgs=?21, actors=?22, sites=?23, nreports=?24, "
                          "json=?25, updated_at=" NOW " WHERE id=?1",
    [S_GEO_DEL] = "DELETE FROM incident_geo WHERE id = ?",
    [S_GEO_INSERT] = "INSERT INTO incident_geo (id, min_lat, max_lat, min_lon, max_lon, "
                     "min_day, max_day) VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?5)",
    [S_ACTORS_DEL] = "DELETE FROM incident_actors WHERE incident_id = ?",
    [S_ACTOR_INSERT] = "INSERT OR IGNORE INTO incident_actors (actor, incident_id) VALUES (?,?)",
    [S_INC_DEL] = "DELETE FROM incidents WHERE id = ?",
    [S_INC_GET] = "SELECT " INC_COLS " FROM incidents i WHERE i.id = ?",
    [S_FEED_GET] = "SELECT etag, last_modified, last_polled FROM feeds WHERE url = ?",
    [S_FEED_PUT] = "INSERT INTO feeds (url, etag, last_modified, last_polled) VALUES (?,?,?,?) "
                   "ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
                   "last_modified=excluded.last_modified, last_polled=excluded.last_polled",
    [S_ITEM_SEEN] = "SELECT 1 FROM feed_items WHERE url = ? AND item_id = ?",
    [S_ITEM_MARK] = "INSERT OR IGNORE INTO feed_items (url, item_id, seen_at) "
                    "VALUES (?,?," NOW ")",
};

typedef struct sq_store {
    struct sr_store base;
    sqlite3 *db;
    char *path;
    int readonly;
    int64_t unindexed;    /* evidence rows from this id on are not in FTS5 yet */
    sqlite3_stmt *st[S_NSTMT];
} sq_store;

static sr_status db_fail(sq_store *s, sr_error *err, const char *what) {
    int code = sqlite3_errcode(s->db);
    sr_status st = code == SQLITE_NOMEM ? SR_ERR_NOMEM
                   : code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? SR_ERR_DATA
                                                                    : SR_ERR_IO;
    return sr_fail(err, st, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static sqlite3_stmt *stmt(sq_store *s, int which) {
    sqlite3_stmt *st = s->st[which];
    if (!st) {
        if (sqlite3_prepare_v3(s->db, SQL[which], -1, SQLITE_PREPARE_PERSISTENT, &s->st[which],
                               NULL) != SQLITE_OK)
            return NULL;
        st = s->st[which];
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s) {
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static void bind_day(sqlite3_stmt *st, int i, int32_t day) {
    if (day == SR_DAY_NONE) sqlite3_bind_null(st, i);
    else sqlite3_bind_int(st, i, day);
}

static const char *col_text(sqlite3_stmt *st, int i) {
    return (const char *)sqlite3_column_text(st, i);
}

/* Run a statement that returns no rows. */
static sr_status run(sq_store *s, sqlite3_stmt *st, sr_error *err, const char *what) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return db_fail(s, err, what);
    return SR_OK;
}

static sr_status exec(sq_store *s, const char *sql, sr_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        sr_status st = sr_fail(err, SR_ERR_IO, "%s: %s", s->path, msg ? msg : "?");
        sqlite3_free(msg);
        return st;
    }
    return SR_OK;
}

/* ---- the great-circle distance as an SQL function ------------------------ */

static void km_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
            sqlite3_result_null(ctx);
            return;
        }
    sqlite3_result_double(ctx, sr_km_between(sqlite3_value_double(argv[0]),
                                             sqlite3_value_double(argv[1]),
                                             sqlite3_value_double(argv[2]),
                                             sqlite3_value_double(argv[3])));
}

/* ---- open, migrations, transactions ------------------------------------- */

static int sq_schema_version(sr_store *base) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    int v = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT max(version) FROM schema_version", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

static sr_status migrate(sq_store *s, sr_error *err) {
    sr_status st = exec(s, "BEGIN IMMEDIATE;"
                           "CREATE TABLE IF NOT EXISTS schema_version ("
                           " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                           " applied_at TEXT NOT NULL)", err);
    if (st != SR_OK) return st;
    int have = sq_schema_version(&s->base);
    int latest = sr_sqlite_migrations[sr_sqlite_nmigrations - 1].version;
    if (have > latest) {
        exec(s, "ROLLBACK", NULL);
        return sr_fail(err, SR_ERR_DATA, "%s: schema version %d is newer than this sitrep "
                       "knows (%d): upgrade sitrep", s->path, have, latest);
    }
    for (int i = 0; i < sr_sqlite_nmigrations && st == SR_OK; i++) {
        const sr_migration *m = &sr_sqlite_migrations[i];
        if (m->version <= have) continue;
        st = exec(s, m->sql, err);
        if (st != SR_OK) break;
        sqlite3_stmt *ins;
        if (sqlite3_prepare_v2(s->db, "INSERT INTO schema_version VALUES (?, ?, " NOW ")", -1,
                               &ins, NULL) != SQLITE_OK) {
            st = db_fail(s, err, "schema_version");
            break;
        }
        sqlite3_bind_int(ins, 1, m->version);
        sqlite3_bind_text(ins, 2, m->name, -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE) st = db_fail(s, err, "schema_version");
        sqlite3_finalize(ins);
    }
    if (st != SR_OK) {
        exec(s, "ROLLBACK", NULL);
        return st;
    }
    return exec(s, "COMMIT", err);
}

static void sq_close(sr_store *base) {
    sq_store *s = (sq_store *)base;
    for (int i = 0; i < S_NSTMT; i++) sqlite3_finalize(s->st[i]);
    if (s->db && !s->readonly) sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

static sr_status sq_begin(sr_store *base, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sr_status r = exec(s, "BEGIN IMMEDIATE", err);
    if (r != SR_OK) return r;
    sqlite3_stmt *st = stmt(s, S_EVIDENCE_NEXT);
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        r = db_fail(s, err, "begin");
        exec(s, "ROLLBACK", NULL);
        return r;
    }
    s->unindexed = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return SR_OK;
}

static sr_status sq_commit(sr_store *base, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_FTS_INDEX);
    if (!st) return db_fail(s, err, "text index");
    sqlite3_bind_int64(st, 1, s->unindexed);
    sr_status r = run(s, st, err, "text index");
    if (r != SR_OK) return r;
    return exec(s, "COMMIT", err);
}

static void sq_rollback(sr_store *base) {
    sq_store *s = (sq_store *)base;
    if (!sqlite3_get_autocommit(s->db)) exec(s, "ROLLBACK", NULL);
}

/* ---- documents ----------------------------------------------------------- */

static sr_status sq_doc_find(sr_store *base, const char *key, const char *hash,
                             int64_t *key_id, int *hash_known, sr_error *err) {
    sq_store *s = (sq_store *)base;
    *key_id = 0;
    *hash_known = 0;
    sqlite3_stmt *st = stmt(s, S_DOC_BY_KEY);
    if (!st) return db_fail(s, err, "find document");
    bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *key_id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(s, err, "find document");
    st = stmt(s, S_DOC_BY_HASH);
    if (!st) return db_fail(s, err, "find document");
    bind_text(st, 1, hash);
    rc = sqlite3_step(st);
    *hash_known = rc == SQLITE_ROW;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(s, err, "find document");
    return SR_OK;
}

static sr_status sq_doc_insert(sr_store *base, const sr_doc *doc, const char *hash,
                               const char *json, size_t json_len, int64_t *id,
                               sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_DOC_INSERT);
    if (!st) return db_fail(s, err, "insert document");
    size_t len;
    const char *text = sr_doc_text(doc, &len);
    bind_text(st, 1, sr_doc_field(doc, SR_FIELD_ID));
    bind_text(st, 2, hash);
    bind_text(st, 3, sr_doc_field(doc, SR_FIELD_TITLE));
    bind_text(st, 4, sr_doc_field(doc, SR_FIELD_URL));
    bind_text(st, 5, sr_doc_field(doc, SR_FIELD_PUBLISHED));
    bind_text(st, 6, sr_doc_field(doc, SR_FIELD_LANG));
    sqlite3_bind_text(st, 7, text ? text : "", text ? (int)len : 0, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, json, (int)json_len, SQLITE_STATIC);
    sr_status r = run(s, st, err, "insert document");
    *id = sqlite3_last_insert_rowid(s->db);
    return r;
}

static sr_status sq_doc_delete(sr_store *base, int64_t id, sr_ids *touched, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_DOC_TOUCHED);
    if (!st) return db_fail(s, err, "delete document");
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (sr_ids_add(touched, sqlite3_column_int64(st, 0))) {
            sqlite3_reset(st);
            return sr_fail(err, SR_ERR_NOMEM, "out of memory");
        }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return db_fail(s, err, "delete document");
    static const int order[] = {S_DOC_UNINDEX, S_DOC_DEL_EVIDENCE, S_DOC_DEL_LINKS,
                                S_DOC_DEL_REPORTS, S_DOC_DEL};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        st = stmt(s, order[i]);
        if (!st) return db_fail(s, err, "delete document");
        sqlite3_bind_int64(st, 1, id);
        if (order[i] == S_DOC_UNINDEX) sqlite3_bind_int64(st, 2, s->unindexed);
        sr_status r = run(s, st, err, "delete document");
        if (r != SR_OK) return r;
    }
    return SR_OK;
}

/* ---- reports, candidates, links ----------------------------------------- */

static sr_status insert_evidence(sq_store *s, int64_t report_id, const sr_report *r,
                                 sr_error *err);

static sr_status sq_report_insert(sr_store *base, int64_t doc_id, int ordinal,
                                  const sr_report *r, int64_t *id, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_REPORT_INSERT);
    if (!st) return db_fail(s, err, "insert report");
    sqlite3_bind_int64(st, 1, doc_id);
    sqlite3_bind_int(st, 2, ordinal);
    bind_text(st, 3, r->type);
    bind_text(st, 4, r->main ? "main" : "background");
    bind_text(st, 5, r->date);
    bind_day(st, 6, r->day_lo);
    bind_day(st, 7, r->day_hi);
    bind_text(st, 8, r->place);
    bind_text(st, 9, r->country);
    bind_text(st, 10, r->place_prec ? sr_precision_name(r->place_prec) : NULL);
    if (r->has_geo) {
        sqlite3_bind_double(st, 11, r->lat);
        sqlite3_bind_double(st, 12, r->lon);
    }
    const sr_rcount *k = &r->counts[SR_COUNT_KILLED];
    if (k->present) {
        sqlite3_bind_int64(st, 13, k->min);
        if (k->max != SR_COUNT_UNBOUNDED) sqlite3_bind_int64(st, 14, k->max);
    }
    bind_text(st, 15, r->json);
    sr_status rs = run(s, st, err, "insert report");
    if (rs != SR_OK) return rs;
    *id = sqlite3_last_insert_rowid(s->db);
    return insert_evidence(s, *id, r, err);
}

static void read_incident(sqlite3_stmt *st, sr_store_incident *inc) {
    memset(inc, 0, sizeof *inc);
    inc->id = sqlite3_column_int64(st, 0);
    inc->type = col_text(st, 1);
    inc->family = (unsigned)sqlite3_column_int(st, 2);
    inc->main = col_text(st, 3) && strcmp(col_text(st, 3), "main") == 0;
    inc->date = col_text(st, 4);
    inc->date_precision = col_text(st, 5);
    inc->day_lo = sqlite3_column_type(st, 6) == SQLITE_NULL ? SR_DAY_NONE
                                                             : sqlite3_column_int(st, 6);
    inc->day_hi = sqlite3_column_type(st, 7) == SQLITE_NULL ? SR_DAY_NONE
                                                             : sqlite3_column_int(st, 7);
    inc->has_geo = sqlite3_column_type(st, 8) != SQLITE_NULL;
    inc->lat = sqlite3_column_double(st, 8);
    inc->lon = sqlite3_column_double(st, 9);
    inc->place = col_text(st, 10);
    inc->country = col_text(st, 11);
    inc->admin1 = col_text(st, 12);
    inc->place_precision = col_text(st, 13);
    for (int c = 0; c < 2; c++) {
        sr_store_count *k = c ? &inc->wounded : &inc->killed;
        int b = 14 + 3 * c;
        k->present = sqlite3_column_type(st, b) != SQLITE_NULL;
        k->value = sqlite3_column_int64(st, b);
        k->lo = sqlite3_column_int64(st, b + 1);
        k->hi = sqlite3_column_type(st, b + 2) == SQLITE_NULL ? -1
                                                               : sqlite3_column_int64(st, b + 2);
    }
    inc->orgs = col_text(st, 20);
    inc->actors = col_text(st, 21);
    inc->sites = col_text(st, 22);
    inc->nreports = sqlite3_column_int64(st, 23);
    inc->json = col_text(st, 24);
    if (!inc->type) inc->type = "";
    if (!inc->json) inc->json = "{}";
}

/* Step a statement returning incident rows into fn. */
static sr_status each_incident(sq_store *s, sqlite3_stmt *st, sr_store_incident_fn fn,
                               void *ctx, sr_error *err, size_t *n) {
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sr_store_incident inc;
        read_incident(st, &inc);
        if (n) (*n)++;
        if (fn(ctx, &inc)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SR_OK : db_fail(s, err, "read incidents");
}

static sr_status sq_candidates(sr_store *base, const sr_candidate_query *q,
                               sr_store_incident_fn fn, void *ctx, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sr_status r = SR_OK;
    if (q->has_box) {
        sqlite3_stmt *st = stmt(s, S_CAND_GEO);
        if (!st) return db_fail(s, err, "candidates");
        sqlite3_bind_double(st, 1, q->max_lat);
        sqlite3_bind_double(st, 2, q->min_lat);
        sqlite3_bind_double(st, 3, q->max_lon);
        sqlite3_bind_double(st, 4, q->min_lon);
        sqlite3_bind_int(st, 5, q->lo);
        sqlite3_bind_int(st, 6, q->hi);
        sqlite3_bind_int(st, 7, (int)q->family);
        r = each_incident(s, st, fn, ctx, err, NULL);
    }
    if (r == SR_OK && q->country) {
        sqlite3_stmt *st = stmt(s, S_CAND_COUNTRY);
        if (!st) return db_fail(s, err, "candidates");
        bind_text(st, 1, q->country);
        sqlite3_bind_int(st, 2, q->whole_country);
        sqlite3_bind_int(st, 3, q->lo);
        sqlite3_bind_int(st, 4, q->hi);
        sqlite3_bind_int(st, 5, (int)q->family);
        r = each_incident(s, st, fn, ctx, err, NULL);
    }
    return r;
}

static sr_status sq_incident_create(sr_store *base, int64_t *id, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_INC_CREATE);
    if (!st) return db_fail(s, err, "new incident");
    sr_status r = run(s, st, err, "new incident");
    *id = sqlite3_last_insert_rowid(s->db);
    return r;
}

static sr_status sq_link(sr_store *base, int64_t report_id, int64_t incident_id, double score,
                         const char *reason, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_LINK);
    if (!st) return db_fail(s, err, "link report");
    sqlite3_bind_int64(st, 1, report_id);
    sqlite3_bind_int64(st, 2, incident_id);
    sqlite3_bind_double(st, 3, score);
    bind_text(st, 4, reason);
    return run(s, st, err, "link report");
}

static sr_status sq_reports(sr_store *base, int64_t incident_id, sr_store_report_fn fn,
                            void *ctx, sr_error *err) {
    sq_store *s = (sq_store *)base;
    /* the cached statement: callbacks must not list reports themselves */
    sqlite3_stmt *st = stmt(s, S_REPORTS);
    if (!st) return db_fail(s, err, "reports");
    sqlite3_bind_int64(st, 1, incident_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sr_store_report r = {sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
                             col_text(st, 2),  col_text(st, 3),
                             col_text(st, 4),  col_text(st, 5),
                             col_text(st, 6),  sqlite3_column_double(st, 7),
                             col_text(st, 8)};
        if (!r.json) r.json = "{}";
        if (fn(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SR_OK : db_fail(s, err, "reports");
}

static void fold_ascii(char *p) {
    for (; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
}

static sr_status sq_incident_save(sr_store *base, const sr_store_incident *inc,
                                  unsigned what, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, (what & SR_SAVE_KEYS) ? S_INC_UPDATE : S_INC_UPDATE_BODY);
    if (!st) return db_fail(s, err, "save incident");
    sqlite3_bind_int64(st, 1, inc->id);
    bind_text(st, 2, inc->type);
    sqlite3_bind_int(st, 3, (int)inc->family);
    bind_text(st, 4, inc->main ? "main" : "background");
    bind_text(st, 5, inc->date);
    bind_text(st, 6, inc->date_precision);
    bind_day(st, 7, inc->day_lo);
    bind_day(st, 8, inc->day_hi);
    if (inc->has_geo) {
        sqlite3_bind_double(st, 9, inc->lat);
        sqlite3_bind_double(st, 10, inc->lon);
    }
    bind_text(st, 11, inc->place);
    bind_text(st, 12, inc->country);
    bind_text(st, 13, inc->admin1);
    bind_text(st, 14, inc->place_precision);
    for (int c = 0; c < 2; c++) {
        const sr_store_count *k = c ? &inc->wounded : &inc->killed;
        int b = 15 + 3 * c;
        if (!k->present) continue;
        sqlite3_bind_int64(st, b, k->value);
        sqlite3_bind_int64(st, b + 1, k->lo);
        if (k->hi >= 0) sqlite3_bind_int64(st, b + 2, k->hi);
    }
    bind_text(st, 21, inc->orgs);
    bind_text(st, 22, inc->actors);
    bind_text(st, 23, inc->sites);
    sqlite3_bind_int64(st, 24, inc->nreports);
    bind_text(st, 25, inc->json);
    sr_status r = run(s, st, err, "save incident");
    if (r != SR_OK) return r;
    if ((what & SR_SAVE_PLACE) && !(what & SR_SAVE_FIRST)) {
        st = stmt(s, S_GEO_DEL);
        if (!st) return db_fail(s, err, "save incident place");
        sqlite3_bind_int64(st, 1, inc->id);
        if ((r = run(s, st, err, "save incident place")) != SR_OK) return r;
    }
    if ((what & SR_SAVE_PLACE) && inc->has_geo) {
        st = stmt(s, S_GEO_INSERT);
        if (!st) return db_fail(s, err, "save incident place");
        sqlite3_bind_int64(st, 1, inc->id);
        sqlite3_bind_double(st, 2, inc->lat);
        sqlite3_bind_double(st, 3, inc->lon);
        /* the day range too (schema 4): merge candidates by place and date */
        int dated = inc->day_lo != SR_DAY_NONE && inc->day_hi != SR_DAY_NONE;
        sqlite3_bind_int(st, 4, dated ? inc->day_lo : GEO_NO_DAY);
        sqlite3_bind_int(st, 5, dated ? inc->day_hi : GEO_NO_DAY);
        if ((r = run(s, st, err, "save incident place")) != SR_OK) return r;
    }
    if (!(what & SR_SAVE_ACTORS)) return SR_OK;
    if (!(what & SR_SAVE_FIRST)) {
        st = stmt(s, S_ACTORS_DEL);
        if (!st) return db_fail(s, err, "save incident actors");
        sqlite3_bind_int64(st, 1, inc->id);
        if ((r = run(s, st, err, "save incident actors")) != SR_OK) return r;
    }
    for (const char *a = inc->actors; a && *a;) {
        const char *e = strchr(a, '\n');
        size_t n = e ? (size_t)(e - a) : strlen(a);
        char *one = strndup(a, n);
        if (!one) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
        fold_ascii(one);
        st = stmt(s, S_ACTOR_INSERT);
        if (!st) { free(one); return db_fail(s, err, "save incident actors"); }
        sqlite3_bind_text(st, 1, one, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, inc->id);
        free(one);
        if ((r = run(s, st, err, "save incident actors")) != SR_OK) return r;
        a = e ? e + 1 : NULL;
    }
    return SR_OK;
}

static sr_status sq_incident_delete(sr_store *base, int64_t id, sr_error *err) {
    sq_store *s = (sq_store *)base;
    static const int order[] = {S_GEO_DEL, S_ACTORS_DEL, S_INC_DEL};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        sqlite3_stmt *st = stmt(s, order[i]);
        if (!st) return db_fail(s, err, "delete incident");
        sqlite3_bind_int64(st, 1, id);
        sr_status r = run(s, st, err, "delete incident");
        if (r != SR_OK) return r;
    }
    return SR_OK;
}

/* The evidence sentences of a report, for text search. */
static sr_status insert_evidence(sq_store *s, int64_t report_id, const sr_report *r,
                                 sr_error *err) {
    for (size_t i = 0; i < r->nevidence; i++) {
        const sr_evidence *e = &r->evidence[i];
        sqlite3_stmt *st = stmt(s, S_EVIDENCE_INSERT);
        if (!st) return db_fail(s, err, "insert evidence");
        sqlite3_bind_int64(st, 1, report_id);
        sqlite3_bind_int64(st, 2, e->start);
        sqlite3_bind_int64(st, 3, e->end);
        sqlite3_bind_text(st, 4, e->text, -1, SQLITE_STATIC);
        sr_status rs = run(s, st, err, "insert evidence");
        if (rs != SR_OK) return rs;
    }
    return SR_OK;
}

/* ---- reading ------------------------------------------------------------- */

static sr_status sq_incident_get(sr_store *base, int64_t id, sr_store_incident_fn fn,
                                 void *ctx, sr_error *err) {
    sq_store *s = (sq_store *)base;
    /* the cached statement: callbacks may write (merge.c updates the row it
     * reads, then stops) but must not get another incident */
    sqlite3_stmt *st = stmt(s, S_INC_GET);
    if (!st) return db_fail(s, err, "incident");
    sqlite3_bind_int64(st, 1, id);
    size_t n = 0;
    sr_status r = each_incident(s, st, fn, ctx, err, &n);
    if (r == SR_OK && n == 0)
        return sr_fail(err, SR_ERR_NOTFOUND, "no incident %lld in %s", (long long)id, s->path);
    return r;
}

/* Do fewer than 20,000 incidents have killed >= min? */
static int few_killed(sq_store *s, int64_t min) {
    sqlite3_stmt *st;
    int few = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM (SELECT 1 FROM incidents "
                                  "WHERE killed >= ? LIMIT 20000)", -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(st, 1, min);
    if (sqlite3_step(st) == SQLITE_ROW) few = sqlite3_column_int(st, 0) < 20000;
    sqlite3_finalize(st);
    return few;
}

static sr_status sq_query(sr_store *base, const sr_query *q, sr_store_incident_fn fn,
                          void *ctx, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sr_buf sql = SR_BUF_INIT;
    sr_buf_adds(&sql, "SELECT " INC_COLS " FROM incidents i WHERE 1");
    int32_t lo, hi, since = 0, until = 0;
    if (q->country) sr_buf_adds(&sql, " AND i.country = :country");
    if (q->near)
        sr_buf_adds(&sql, " AND i.id IN (SELECT id FROM incident_geo WHERE min_lat <= :maxlat "
                          "AND max_lat >= :minlat AND min_lon <= :maxlon AND max_lon >= :minlon)"
                          " AND sr_km(i.lat, i.lon, :lat, :lon) <= :km");
    if (q->since && sr_date_range(q->since, &lo, &hi) != SR_PREC_UNKNOWN) {
        since = lo;
        sr_buf_adds(&sql, " AND i.day_lo >= :since - 366 AND i.day_hi >= :since");
    }
    if (q->until && sr_date_range(q->until, &lo, &hi) != SR_PREC_UNKNOWN) {
        until = hi;
        sr_buf_adds(&sql, " AND i.day_lo <= :until");
    }
    if (q->type) sr_buf_adds(&sql, " AND i.type = :type");
    if (q->actor)
        sr_buf_adds(&sql, " AND i.id IN (SELECT incident_id FROM incident_actors "
                          "WHERE actor = :actor)");
    if (q->text)
        sr_buf_adds(&sql, " AND i.id IN (SELECT l.incident_id FROM evidence_fts f "
                          "JOIN evidence e ON e.id = f.rowid JOIN report_links l "
                          "ON l.report_id = e.report_id WHERE evidence_fts MATCH :text)");
    if (q->min_killed >= 0) sr_buf_adds(&sql, " AND i.killed >= :killed");
    if (q->status) sr_buf_adds(&sql, " AND i.status = :status");
    /* Without STAT4, SQLite guesses any range keeps a quarter of the rows and
     * walks the date index for the ORDER BY: a rare --min-killed then scans
     * everything.  When few incidents pass it (counted on its index, up to
     * a bound), sort those instead of walking dates. */
    int sort_killed = q->min_killed >= 0 && few_killed(s, q->min_killed);
    sr_buf_adds(&sql, sort_killed ? " ORDER BY +i.day_lo DESC, i.id DESC"
                                  : " ORDER BY i.day_lo DESC, i.id DESC");
    if (q->limit > 0) sr_buf_adds(&sql, " LIMIT :limit");
    if (sql.oom) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
        sr_status r = db_fail(s, err, "query");
        sr_buf_free(&sql);
        return r;
    }
    sr_buf_free(&sql);
    char *actor = q->actor ? strdup(q->actor) : NULL;
    if (actor) fold_ascii(actor);
#define P(name) sqlite3_bind_parameter_index(st, name)
    if (q->country) bind_text(st, P(":country"), q->country);
    if (q->near) {
        double dlat = q->km / 111.0, c = cos(q->lat * M_PI / 180.0);
        double dlon = c > 0.01 ? q->km / (111.0 * c) : 360.0;
        sqlite3_bind_double(st, P(":maxlat"), q->lat + dlat);
        sqlite3_bind_double(st, P(":minlat"), q->lat - dlat);
        sqlite3_bind_double(st, P(":maxlon"), q->lon + dlon);
        sqlite3_bind_double(st, P(":minlon"), q->lon - dlon);
        sqlite3_bind_double(st, P(":lat"), q->lat);
        sqlite3_bind_double(st, P(":lon"), q->lon);
        sqlite3_bind_double(st, P(":km"), q->km);
    }
    if (P(":since")) sqlite3_bind_int(st, P(":since"), since);
    if (P(":until")) sqlite3_bind_int(st, P(":until"), until);
    if (q->type) bind_text(st, P(":type"), q->type);
    if (actor) bind_text(st, P(":actor"), actor);
    if (q->text) bind_text(st, P(":text"), q->text);
    if (q->min_killed >= 0) sqlite3_bind_int64(st, P(":killed"), q->min_killed);
    if (q->status) bind_text(st, P(":status"), q->status);
    if (q->limit > 0) sqlite3_bind_int64(st, P(":limit"), q->limit);
#undef P
    sr_status r = each_incident(s, st, fn, ctx, err, NULL);
    if (r != SR_OK && q->text && sqlite3_errcode(s->db) == SQLITE_ERROR)
        r = sr_fail(err, SR_ERR_ARG, "--text \"%s\": not a valid FTS5 query (%s)", q->text,
                    sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    free(actor);
    return r;
}

static sr_status sq_counts(sr_store *base, sr_store_counts *out, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM "
                           "reports), (SELECT count(*) FROM incidents)",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "counts");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->documents = sqlite3_column_int64(st, 0);
        out->reports = sqlite3_column_int64(st, 1);
        out->incidents = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? SR_OK : db_fail(s, err, "counts");
}

/* ---- feeds --------------------------------------------------------------- */

static sr_status sq_feed_get(sr_store *base, const char *url, sr_feed_state *out,
                             sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_FEED_GET);
    if (!st) return db_fail(s, err, "feed state");
    bind_text(st, 1, url);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->etag = col_text(st, 0) ? strdup(col_text(st, 0)) : NULL;
        out->last_modified = col_text(st, 1) ? strdup(col_text(st, 1)) : NULL;
        out->last_polled = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SR_OK : db_fail(s, err, "feed state");
}

static sr_status sq_feed_put(sr_store *base, const char *url, const sr_feed_state *fs,
                             sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_FEED_PUT);
    if (!st) return db_fail(s, err, "feed state");
    bind_text(st, 1, url);
    bind_text(st, 2, fs->etag);
    bind_text(st, 3, fs->last_modified);
    sqlite3_bind_int64(st, 4, fs->last_polled);
    return run(s, st, err, "feed state");
}

static sr_status sq_item_seen(sr_store *base, const char *url, const char *item, int *seen,
                              sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_ITEM_SEEN);
    if (!st) return db_fail(s, err, "feed item");
    bind_text(st, 1, url);
    bind_text(st, 2, item);
    int rc = sqlite3_step(st);
    *seen = rc == SQLITE_ROW;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SR_OK : db_fail(s, err, "feed item");
}

static sr_status sq_item_mark(sr_store *base, const char *url, const char *item,
                              sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = stmt(s, S_ITEM_MARK);
    if (!st) return db_fail(s, err, "feed item");
    bind_text(st, 1, url);
    bind_text(st, 2, item);
    return run(s, st, err, "feed item");
}

/* ---- change feed, tallies, watches, deliveries -------------------------- */

/* Prepare a statement used rarely (watches are few; the server's watch
 * loop asks once a second): prepared per call, finalized by the caller. */
static sr_status prep(sq_store *s, const char *sql, sqlite3_stmt **st, sr_error *err,
                      const char *what) {
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) return db_fail(s, err, what);
    return SR_OK;
}

static sr_status sq_changes(sr_store *base, int64_t after, int64_t limit,
                            sr_store_change_fn fn, void *ctx, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, "SELECT seq, incident_id FROM incident_changes WHERE seq > ? "
                          "ORDER BY seq LIMIT ?", &st, err, "changes");
    if (r != SR_OK) return r;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1))) break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) r = db_fail(s, err, "changes");
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_last_change(sr_store *base, int64_t *seq, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    /* the last number given (AUTOINCREMENT), even when handled changes
     * have been dropped since */
    sr_status r = prep(s, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = "
                          "'incident_changes'), 0)", &st, err, "changes");
    if (r != SR_OK) return r;
    if (sqlite3_step(st) == SQLITE_ROW) *seq = sqlite3_column_int64(st, 0);
    else r = db_fail(s, err, "changes");
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_tally(sr_store *base, const char *sql, sr_store_tally_fn fn, void *ctx,
                          sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, sql, &st, err, "tally");
    if (r != SR_OK) return r;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, col_text(st, 0), sqlite3_column_int64(st, 1))) break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) r = db_fail(s, err, "tally");
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_watch_add(sr_store *base, const char *url, const char *filter,
                              int64_t *id, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, "INSERT INTO watches (url, filter, cursor, created_at) VALUES "
                          "(?, ?, coalesce((SELECT seq FROM sqlite_sequence WHERE name = "
                          "'incident_changes'), 0), "
                          NOW ")", &st, err, "watch");
    if (r != SR_OK) return r;
    bind_text(st, 1, url);
    bind_text(st, 2, filter);
    if (sqlite3_step(st) != SQLITE_DONE) r = db_fail(s, err, "watch");
    else *id = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_watch_list(sr_store *base, sr_store_watch_fn fn, void *ctx,
                               sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, "SELECT id, url, filter, created_at, cursor FROM watches ORDER BY id",
                       &st, err, "watches");
    if (r != SR_OK) return r;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sr_store_watch w = {sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2),
                            col_text(st, 3), sqlite3_column_int64(st, 4)};
        if (fn(ctx, &w)) break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) r = db_fail(s, err, "watches");
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_watch_remove(sr_store *base, int64_t id, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, "DELETE FROM deliveries WHERE watch_id = ?", &st, err, "watch");
    if (r != SR_OK) return r;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_DONE) r = db_fail(s, err, "watch");
    sqlite3_finalize(st);
    if (r != SR_OK) return r;
    if ((r = prep(s, "DELETE FROM watches WHERE id = ?", &st, err, "watch")) != SR_OK) return r;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_DONE) r = db_fail(s, err, "watch");
    else if (sqlite3_changes(s->db) == 0)
        r = sr_fail(err, SR_ERR_NOTFOUND, "no watch %lld", (long long)id);
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_watch_advance(sr_store *base, int64_t id, int64_t cursor, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, "UPDATE watches SET cursor = max(cursor, ?2) WHERE id = ?1", &st, err,
                       "watch");
    if (r != SR_OK) return r;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, cursor);
    if (sqlite3_step(st) != SQLITE_DONE) r = db_fail(s, err, "watch");
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_delivery_put(sr_store *base, const sr_store_delivery *d, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, "INSERT OR REPLACE INTO deliveries (watch_id, incident_id, version, "
                          "status, attempts, http_status, error, at) VALUES (?,?,?,?,?,?,?,"
                          NOW ")", &st, err, "delivery");
    if (r != SR_OK) return r;
    sqlite3_bind_int64(st, 1, d->watch_id);
    sqlite3_bind_int64(st, 2, d->incident_id);
    bind_text(st, 3, d->version);
    bind_text(st, 4, d->status);
    sqlite3_bind_int(st, 5, d->attempts);
    if (d->http_status) sqlite3_bind_int(st, 6, d->http_status);
    bind_text(st, 7, d->error);
    if (sqlite3_step(st) != SQLITE_DONE) r = db_fail(s, err, "delivery");
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_delivered(sr_store *base, int64_t watch_id, int64_t incident_id,
                              const char *version, int *delivered, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, "SELECT 1 FROM deliveries WHERE watch_id = ? AND incident_id = ? "
                          "AND version = ? AND status = 'delivered'", &st, err, "delivery");
    if (r != SR_OK) return r;
    sqlite3_bind_int64(st, 1, watch_id);
    sqlite3_bind_int64(st, 2, incident_id);
    bind_text(st, 3, version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *delivered = 1;
    else if (rc != SQLITE_DONE) r = db_fail(s, err, "delivery");
    sqlite3_finalize(st);
    return r;
}

static sr_status sq_deliveries(sr_store *base, int64_t watch_id, int64_t limit,
                               sr_store_delivery_fn fn, void *ctx, sr_error *err) {
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    sr_status r = prep(s, "SELECT watch_id, incident_id, version, status, error, at, attempts, "
                          "coalesce(http_status, 0) FROM deliveries WHERE watch_id = ? "
                          "ORDER BY at DESC, incident_id DESC LIMIT ?", &st, err, "deliveries");
    if (r != SR_OK) return r;
    sqlite3_bind_int64(st, 1, watch_id);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sr_store_delivery d = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                               col_text(st, 2), col_text(st, 3), col_text(st, 4),
                               col_text(st, 5), sqlite3_column_int(st, 6),
                               sqlite3_column_int(st, 7)};
        if (fn(ctx, &d)) break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) r = db_fail(s, err, "deliveries");
    sqlite3_finalize(st);
    return r;
}

static const sr_store_ops SQLITE_OPS = {
    "sqlite",          sq_close,         sq_schema_version, sq_begin,
    sq_commit,         sq_rollback,      sq_doc_find,       sq_doc_insert,
    sq_doc_delete,     sq_report_insert, sq_candidates,     sq_incident_create,
    sq_link,           sq_reports,       sq_incident_save,  sq_incident_delete,
    sq_incident_get,   sq_query,         sq_counts,         sq_feed_get,
    sq_feed_put,       sq_item_seen,     sq_item_mark,      sq_changes,
    sq_last_change,    sq_tally,         sq_watch_add,      sq_watch_list,
    sq_watch_remove,   sq_watch_advance, sq_delivery_put,   sq_delivered,
    sq_deliveries,
};

sr_status sr_store_sqlite_open(const char *path, int readonly, sr_store **out,
                               sr_error *err) {
    *out = NULL;
    sq_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    s->base.ops = &SQLITE_OPS;
    s->readonly = readonly;
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sr_status st = s->db ? sr_fail(err, SR_ERR_IO, "%s: cannot open the store: %s", path,
                                       sqlite3_errmsg(s->db))
                             : sr_fail(err, SR_ERR_NOMEM, "out of memory");
        sq_close(&s->base);
        return st;
    }
    sqlite3_busy_timeout(s->db, 10000);
    sqlite3_create_function(s->db, "sr_km", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            km_fn, NULL, NULL);
    sr_status st = exec(s, readonly ? "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"
                                    : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                      "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"
                                      "PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=8192;",
                        err);
    if (st == SR_OK && !readonly) st = migrate(s, err);
    if (st == SR_OK && readonly) {
        int v = sq_schema_version(&s->base);
        if (v == 0)
            st = sr_fail(err, SR_ERR_DATA, "%s: not a sitrep store (no schema)", path);
        else if (v > sr_sqlite_migrations[sr_sqlite_nmigrations - 1].version)
            st = sr_fail(err, SR_ERR_DATA, "%s: schema version %d is newer than this sitrep",
                         path, v);
    }
    if (st != SR_OK) {
        sq_close(&s->base);
        return st;
    }
    *out = &s->base;
    return SR_OK;
}
