/*
 * store_pg.c -- the PostgreSQL backend of the store (store_backend.h), for
 * many writers on many machines (`sitrep worker`, issue 8).
 *
 * One libpq connection per store handle.  Statements are sent with every
 * value as a bound text parameter; the fixed ones are prepared once per
 * connection.  The schema is in pg_schema.c; --text uses the evidence
 * tsvector (websearch_to_tsquery: words, "phrases", OR, -word), --near and
 * the merge's candidate search use the GiST index on incident points.
 *
 * Concurrency.  Transactions run at READ COMMITTED; every statement sees
 * what is committed when it starts.  Before looking for the incidents a
 * report might join, candidates() takes transaction-scoped advisory locks:
 * an exclusive lock on every 2-degree grid cell that the report's 200 km
 * search box touches, and a lock on the report's country (exclusive when
 * the report searches the whole country, shared when it only searches the
 * country-level incidents).  Whatever incident this transaction creates or
 * moves lies in its own box (a new incident is the report; a joined one
 * keeps its place or takes the report's), so a concurrent writer whose box
 * could see that incident holds a lock on the same cell (or country) and
 * waits for the commit -- then sees the incident.  The candidate rows are
 * also locked (SELECT ... FOR UPDATE), so two reports joining one incident
 * update its record one after the other.  A transaction waits for its
 * first merge locks only; later ones (the next report of a batch) are
 * taken only when free at once, else the call fails as transient and the
 * caller rolls back and retries (sitrep worker does), so two writers never
 * wait for each other's locks (no deadlock, which PostgreSQL would take a
 * second to detect).  A changed document's old reports leave their
 * incidents, which are rebuilt from the reports that remain: those rows
 * are locked first (doc_delete), so that a report joining one of them at
 * the same time is not lost.  Row locks can still deadlock, rarely:
 * PostgreSQL aborts one transaction, also a transient error.
 *
 * A lost connection is reset at the next begin(), so a caller that retries
 * after an error survives a database restart.
 */
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_backend.h"
#include "merge.h"
#include "pg_schema.h"
#include "store_pg.h"
#include "../core/buf.h"
#include "../core/error.h"

#define NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

#define INC_COLS                                                               \
    "i.id, i.type, i.family, i.status, i.date, i.date_precision, i.day_lo, "   \
    "i.day_hi, i.lat, i.lon, i.place, i.country, i.admin1, i.place_precision, " \
    "i.killed, i.killed_lo, i.killed_hi, i.wounded, i.wounded_lo, "            \
    "i.wounded_hi, i.orgs, i.actors, i.sites, i.nreports, i.json"

#define CAND_COLS                                                              \
    "i.id, i.type, i.family, i.status, i.date, i.date_precision, i.day_lo, "   \
    "i.day_hi, i.lat, i.lon, i.place, i.country, i.admin1, i.place_precision, " \
    "i.killed, i.killed_lo, i.killed_hi, i.wounded, i.wounded_lo, "            \
    "i.wounded_hi, i.orgs, NULL, i.sites, i.nreports, NULL"

#define NOT_SAME_DOC                                                           \
    " AND NOT EXISTS (SELECT 1 FROM report_links l JOIN reports r ON "         \
    "r.id = l.report_id WHERE l.incident_id = i.id AND r.document_id = "

/* the incidents a document's reports belong to */
#define TOUCHED                                                                \
    "SELECT l.incident_id FROM reports r JOIN report_links l "                 \
    "ON l.report_id = r.id WHERE r.document_id = $1"

/* grid cells of the merge locks, in degrees */
#define LOCK_CELL 2.0
#define LOCK_GEO_TAG 1LL
#define LOCK_COUNTRY_TAG 2LL

enum {
    P_DOC_BY_KEY, P_DOC_BY_HASH, P_DOC_INSERT, P_DOC_TOUCHED, P_DOC_TOUCHED_NOWAIT,
    P_DOC_DEL_EVIDENCE,
    P_DOC_DEL_LINKS, P_DOC_DEL_REPORTS, P_DOC_DEL, P_REPORT_INSERT, P_EVIDENCE_INSERT,
    P_CAND_GEO, P_CAND_COUNTRY, P_INC_CREATE, P_LINK, P_REPORTS, P_INC_UPDATE,
    P_ACTORS_DEL, P_ACTOR_INSERT, P_INC_DEL, P_INC_GET, P_LOCK_X, P_LOCK_S, P_TRY_X, P_TRY_S,
    P_NSTMT
};

static const char *const SQL[P_NSTMT] = {
    [P_DOC_BY_KEY] = "SELECT id FROM documents WHERE key = $1",
    [P_DOC_BY_HASH] = "SELECT 1 FROM documents WHERE content_hash = $1 LIMIT 1",
    [P_DOC_INSERT] = "INSERT INTO documents (key, content_hash, title, url, published, lang, "
                     "text, json) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
    [P_DOC_TOUCHED] = "SELECT i.id FROM incidents i WHERE i.id IN (" TOUCHED ") "
                      "ORDER BY i.id FOR UPDATE",
    [P_DOC_TOUCHED_NOWAIT] = "SELECT i.id FROM incidents i WHERE i.id IN (" TOUCHED ") "
                             "ORDER BY i.id FOR UPDATE NOWAIT",
    [P_DOC_DEL_EVIDENCE] = "DELETE FROM evidence WHERE report_id IN "
                           "(SELECT id FROM reports WHERE document_id = $1)",
    [P_DOC_DEL_LINKS] = "DELETE FROM report_links WHERE report_id IN "
                        "(SELECT id FROM reports WHERE document_id = $1)",
    [P_DOC_DEL_REPORTS] = "DELETE FROM reports WHERE document_id = $1",
    [P_DOC_DEL] = "DELETE FROM documents WHERE id = $1",
    [P_REPORT_INSERT] = "INSERT INTO reports (document_id, ordinal, type, status, date, "
                        "day_lo, day_hi, place, country, place_precision, lat, lon, "
                        "killed_min, killed_max, json) VALUES "
                        "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id",
    [P_EVIDENCE_INSERT] = "INSERT INTO evidence (report_id, start, \"end\", sentence) "
                          "VALUES ($1,$2,$3,$4)",
    [P_CAND_GEO] = "SELECT " CAND_COLS " FROM incidents i WHERE i.lat IS NOT NULL AND "
                   "point(i.lon, i.lat) <@ box(point($4, $2), point($3, $1)) "
                   "AND i.day_lo BETWEEN $5 - 366 AND $6 AND i.day_hi >= $5 "
                   "AND (i.family & $7) != 0" NOT_SAME_DOC "$8) ORDER BY i.id FOR UPDATE OF i",
    [P_CAND_COUNTRY] = "SELECT " CAND_COLS " FROM incidents i WHERE i.country = $1 "
                       "AND ($2 OR i.place_precision = 'country' OR i.lat IS NULL) "
                       "AND i.day_lo BETWEEN $3 - 366 AND $4 AND i.day_hi >= $3 "
                       "AND (i.family & $5) != 0" NOT_SAME_DOC "$6) ORDER BY i.id "
                       "FOR UPDATE OF i",
    [P_INC_CREATE] = "INSERT INTO incidents (updated_at) VALUES (" NOW ") RETURNING id",
    [P_LINK] = "INSERT INTO report_links (report_id, incident_id, score, reason) "
               "VALUES ($1,$2,$3,$4)",
    [P_REPORTS] = "SELECT r.id, r.ordinal, d.key, d.title, d.url, d.published, r.json, "
                  "l.score, l.reason FROM report_links l JOIN reports r ON r.id = l.report_id "
                  "JOIN documents d ON d.id = r.document_id WHERE l.incident_id = $1 "
                  "ORDER BY r.id",
    [P_INC_UPDATE] = "UPDATE incidents SET type=$2, family=$3, status=$4, date=$5, "
                     "date_precision=$6, day_lo=$7, day_hi=$8, lat=$9, lon=$10, place=$11, "
                     "country=$12, admin1=$13, place_precision=$14, killed=$15, "
                     "killed_lo=$16, killed_hi=$17, wounded=$18, wounded_lo=$19, "
                     "wounded_hi=$20, orgs=$21, actors=$22, sites=$23, nreports=$24, "
                     "json=$25, updated_at=" NOW " WHERE id=$1",
    [P_ACTORS_DEL] = "DELETE FROM incident_actors WHERE incident_id = $1",
    [P_ACTOR_INSERT] = "INSERT INTO incident_actors (actor, incident_id) "
                       "SELECT DISTINCT a, $2::bigint FROM unnest($1::text[]) a "
                       "ON CONFLICT DO NOTHING",
    [P_INC_DEL] = "DELETE FROM incidents WHERE id = $1",
    [P_INC_GET] = "SELECT " INC_COLS " FROM incidents i WHERE i.id = $1",
    [P_LOCK_X] = "SELECT count(pg_advisory_xact_lock(k)) FROM "
                 "(SELECT DISTINCT unnest($1::bigint[]) k ORDER BY 1) t",
    [P_LOCK_S] = "SELECT count(pg_advisory_xact_lock_shared(k)) FROM "
                 "(SELECT DISTINCT unnest($1::bigint[]) k ORDER BY 1) t",
    [P_TRY_X] = "SELECT bool_and(pg_try_advisory_xact_lock(k)) FROM "
                "(SELECT DISTINCT unnest($1::bigint[]) k ORDER BY 1) t",
    [P_TRY_S] = "SELECT bool_and(pg_try_advisory_xact_lock_shared(k)) FROM "
                "(SELECT DISTINCT unnest($1::bigint[]) k ORDER BY 1) t",
};

typedef struct pg_store {
    struct sr_store base;
    PGconn *conn;
    char *where;          /* the location without a password, for messages */
    int readonly;
    int in_tx;
    int merge_locked;     /* this transaction holds merge locks */
    unsigned char prepared[P_NSTMT];
} pg_store;

/* Up to 32 parameters as text. */
typedef struct params {
    const char *v[32];
    char buf[32][32];
    int n;
} params;

static void p_text(params *p, const char *s) {
    p->v[p->n++] = s;
}
static void p_int(params *p, int64_t x) {
    snprintf(p->buf[p->n], sizeof p->buf[p->n], "%lld", (long long)x);
    p->v[p->n] = p->buf[p->n];
    p->n++;
}
static void p_day(params *p, int32_t day) {
    if (day == SR_DAY_NONE) p_text(p, NULL);
    else p_int(p, day);
}
static void p_real(params *p, double x) {
    snprintf(p->buf[p->n], sizeof p->buf[p->n], "%.17g", x);
    p->v[p->n] = p->buf[p->n];
    p->n++;
}
static void p_bool(params *p, int b) {
    p_text(p, b ? "true" : "false");
}

static sr_status pg_fail(pg_store *s, PGresult *res, sr_error *err, const char *what) {
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res)
                                                        : PQerrorMessage(s->conn);
    char clean[400];
    snprintf(clean, sizeof clean, "%s", msg ? msg : "?");
    size_t n = strlen(clean);
    while (n && (clean[n - 1] == '\n' || clean[n - 1] == ' ')) clean[--n] = '\0';
    /* deadlock, serialization failure, unique violation (a concurrent writer
     * stored the same document), a row lock not free at once (NOWAIT), a
     * lost connection: the caller may retry */
    int retry = (state && (strcmp(state, "40P01") == 0 || strcmp(state, "40001") == 0 ||
                           strcmp(state, "23505") == 0 || strcmp(state, "55P03") == 0)) ||
                PQstatus(s->conn) != CONNECTION_OK;
    if (res) PQclear(res);
    return sr_fail(err, SR_ERR_IO, "%s: %s: %s%s", s->where, what, clean,
                   retry ? " (transient: retry)" : "");
}

/* Run a fixed statement (prepared at first use on this connection). */
static PGresult *run_stmt(pg_store *s, int which, const params *p) {
    if (!s->prepared[which]) {
        char name[16];
        snprintf(name, sizeof name, "sr%d", which);
        PGresult *r = PQprepare(s->conn, name, SQL[which], 0, NULL);
        int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok) return r;
        PQclear(r);
        s->prepared[which] = 1;
    }
    char name[16];
    snprintf(name, sizeof name, "sr%d", which);
    return PQexecPrepared(s->conn, name, p ? p->n : 0, p ? p->v : NULL, NULL, NULL, 0);
}

static int res_ok(PGresult *r) {
    ExecStatusType t = PQresultStatus(r);
    return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
}

/* Run a fixed statement that returns nothing the caller needs. */
static sr_status exec_stmt(pg_store *s, int which, const params *p, sr_error *err,
                           const char *what) {
    PGresult *r = run_stmt(s, which, p);
    if (!res_ok(r)) return pg_fail(s, r, err, what);
    PQclear(r);
    return SR_OK;
}

/* Run a statement given as text. */
static PGresult *run_sql(pg_store *s, const char *sql, const params *p) {
    if (!p) return PQexec(s->conn, sql);   /* may hold several statements */
    return PQexecParams(s->conn, sql, p ? p->n : 0, NULL, p ? p->v : NULL, NULL, NULL, 0);
}

static sr_status exec_sql(pg_store *s, const char *sql, const params *p, sr_error *err,
                          const char *what) {
    PGresult *r = run_sql(s, sql, p);
    if (!res_ok(r)) return pg_fail(s, r, err, what);
    PQclear(r);
    return SR_OK;
}

static const char *val(PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}
static int64_t ival(PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

/* ---- open, migrations, transactions ------------------------------------- */

static int pgs_schema_version(sr_store *base) {
    pg_store *s = (pg_store *)base;
    PGresult *r = run_sql(s, "SELECT max(version) FROM schema_version", NULL);
    int v = res_ok(r) && PQntuples(r) == 1 ? (int)ival(r, 0, 0) : 0;
    PQclear(r);
    return v;
}

static sr_status migrate(pg_store *s, sr_error *err) {
    /* one migrator at a time: the others wait, then find nothing to do */
    sr_status st = exec_sql(s, "BEGIN; SET LOCAL client_min_messages = warning;"
                               "SELECT pg_advisory_xact_lock(7368737265700001);"
                               "CREATE TABLE IF NOT EXISTS schema_version ("
                               " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                               " applied_at TEXT NOT NULL)", NULL, err, "migrate");
    if (st != SR_OK) return st;
    int have = pgs_schema_version(&s->base);
    int latest = sr_pg_migrations[sr_pg_nmigrations - 1].version;
    if (have > latest) {
        exec_sql(s, "ROLLBACK", NULL, NULL, "rollback");
        return sr_fail(err, SR_ERR_DATA, "%s: schema version %d is newer than this sitrep "
                       "knows (%d): upgrade sitrep", s->where, have, latest);
    }
    for (int i = 0; i < sr_pg_nmigrations && st == SR_OK; i++) {
        const sr_migration *m = &sr_pg_migrations[i];
        if (m->version <= have) continue;
        st = exec_sql(s, m->sql, NULL, err, "migrate");
        if (st != SR_OK) break;
        params p = {.n = 0};
        p_int(&p, m->version);
        p_text(&p, m->name);
        st = exec_sql(s, "INSERT INTO schema_version VALUES ($1, $2, " NOW ")", &p, err,
                      "schema_version");
    }
    if (st != SR_OK) {
        exec_sql(s, "ROLLBACK", NULL, NULL, "rollback");
        return st;
    }
    return exec_sql(s, "COMMIT", NULL, err, "migrate");
}

static void pgs_close(sr_store *base) {
    pg_store *s = (pg_store *)base;
    if (s->conn) PQfinish(s->conn);
    free(s->where);
    free(s);
}

/* A connection that broke (the server restarted, the network went away):
 * reconnect before the next transaction. */
static sr_status ensure_conn(pg_store *s, sr_error *err) {
    if (PQstatus(s->conn) == CONNECTION_OK) return SR_OK;
    PQreset(s->conn);
    memset(s->prepared, 0, sizeof s->prepared);
    if (PQstatus(s->conn) != CONNECTION_OK)
        return sr_fail(err, SR_ERR_IO, "%s: cannot reconnect: %s (transient: retry)", s->where,
                       PQerrorMessage(s->conn));
    return SR_OK;
}

static sr_status pgs_begin(sr_store *base, sr_error *err) {
    pg_store *s = (pg_store *)base;
    sr_status st = ensure_conn(s, err);
    if (st != SR_OK) return st;
    st = exec_sql(s, "BEGIN", NULL, err, "begin");
    if (st == SR_OK) s->in_tx = 1;
    s->merge_locked = 0;
    return st;
}

static sr_status pgs_commit(sr_store *base, sr_error *err) {
    pg_store *s = (pg_store *)base;
    s->in_tx = 0;
    s->merge_locked = 0;
    return exec_sql(s, "COMMIT", NULL, err, "commit");
}

static void pgs_rollback(sr_store *base) {
    pg_store *s = (pg_store *)base;
    if (PQstatus(s->conn) == CONNECTION_OK &&
        PQtransactionStatus(s->conn) != PQTRANS_IDLE)
        exec_sql(s, "ROLLBACK", NULL, NULL, "rollback");
    s->in_tx = 0;
    s->merge_locked = 0;
}

/* ---- documents ----------------------------------------------------------- */

static sr_status pgs_doc_find(sr_store *base, const char *key, const char *hash,
                              int64_t *key_id, int *hash_known, sr_error *err) {
    pg_store *s = (pg_store *)base;
    *key_id = 0;
    *hash_known = 0;
    params p = {.n = 0};
    p_text(&p, key);
    PGresult *r = run_stmt(s, P_DOC_BY_KEY, &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "find document");
    if (PQntuples(r) > 0) *key_id = ival(r, 0, 0);
    PQclear(r);
    p.n = 0;
    p_text(&p, hash);
    r = run_stmt(s, P_DOC_BY_HASH, &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "find document");
    *hash_known = PQntuples(r) > 0;
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_doc_insert(sr_store *base, const sr_doc *doc, const char *hash,
                                const char *json, size_t json_len, int64_t *id,
                                sr_error *err) {
    pg_store *s = (pg_store *)base;
    size_t len;
    const char *text = sr_doc_text(doc, &len);
    params p = {.n = 0};
    p_text(&p, sr_doc_field(doc, SR_FIELD_ID));
    p_text(&p, hash);
    p_text(&p, sr_doc_field(doc, SR_FIELD_TITLE));
    p_text(&p, sr_doc_field(doc, SR_FIELD_URL));
    p_text(&p, sr_doc_field(doc, SR_FIELD_PUBLISHED));
    p_text(&p, sr_doc_field(doc, SR_FIELD_LANG));
    p_text(&p, text ? text : "");
    (void)json_len;   /* the JSON is NUL-terminated (sr_doc_to_json) */
    p_text(&p, json);
    PGresult *r = run_stmt(s, P_DOC_INSERT, &p);
    if (!res_ok(r) || PQntuples(r) != 1) return pg_fail(s, r, err, "insert document");
    *id = ival(r, 0, 0);
    PQclear(r);
    return SR_OK;
}

/* The incidents that lose a report are locked (their rows, FOR UPDATE)
 * before the reports go: a writer joining another report to one of them at
 * the same time would otherwise have its update overwritten when this
 * transaction rebuilds the incident from the reports it saw.  Like the
 * merge locks, they are waited for only while this transaction holds no
 * merge lock; else taken only if free at once (NOWAIT), the caller
 * retrying when not -- and once taken, the merge locks of the document's
 * new reports are no longer waited for either. */
static sr_status pgs_doc_delete(sr_store *base, int64_t id, sr_ids *touched, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, id);
    PGresult *r = run_stmt(s, s->merge_locked ? P_DOC_TOUCHED_NOWAIT : P_DOC_TOUCHED, &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "delete document");
    for (int i = 0; i < PQntuples(r); i++)
        if (sr_ids_add(touched, ival(r, i, 0))) {
            PQclear(r);
            return sr_fail(err, SR_ERR_NOMEM, "out of memory");
        }
    if (PQntuples(r) > 0) s->merge_locked = 1;   /* holding locks: wait no more */
    PQclear(r);
    static const int order[] = {P_DOC_DEL_EVIDENCE, P_DOC_DEL_LINKS, P_DOC_DEL_REPORTS,
                                P_DOC_DEL};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        sr_status st = exec_stmt(s, order[i], &p, err, "delete document");
        if (st != SR_OK) return st;
    }
    return SR_OK;
}

/* ---- reports, candidates, links ----------------------------------------- */

static sr_status pgs_report_insert(sr_store *base, int64_t doc_id, int ordinal,
                                   const sr_report *rep, int64_t *id, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, doc_id);
    p_int(&p, ordinal);
    p_text(&p, rep->type ? rep->type : "");
    p_text(&p, rep->main ? "main" : "background");
    p_text(&p, rep->date);
    p_day(&p, rep->day_lo);
    p_day(&p, rep->day_hi);
    p_text(&p, rep->place);
    p_text(&p, rep->country);
    p_text(&p, rep->place_prec ? sr_precision_name(rep->place_prec) : NULL);
    if (rep->has_geo) {
        p_real(&p, rep->lat);
        p_real(&p, rep->lon);
    } else {
        p_text(&p, NULL);
        p_text(&p, NULL);
    }
    const sr_rcount *k = &rep->counts[SR_COUNT_KILLED];
    if (k->present) p_int(&p, k->min);
    else p_text(&p, NULL);
    if (k->present && k->max != SR_COUNT_UNBOUNDED) p_int(&p, k->max);
    else p_text(&p, NULL);
    p_text(&p, rep->json);
    PGresult *r = run_stmt(s, P_REPORT_INSERT, &p);
    if (!res_ok(r) || PQntuples(r) != 1) return pg_fail(s, r, err, "insert report");
    *id = ival(r, 0, 0);
    PQclear(r);
    for (size_t i = 0; i < rep->nevidence; i++) {
        const sr_evidence *e = &rep->evidence[i];
        params q = {.n = 0};
        p_int(&q, *id);
        p_int(&q, e->start);
        p_int(&q, e->end);
        p_text(&q, e->text);
        sr_status st = exec_stmt(s, P_EVIDENCE_INSERT, &q, err, "insert evidence");
        if (st != SR_OK) return st;
    }
    return SR_OK;
}

static void read_incident(PGresult *r, int row, sr_store_incident *inc) {
    memset(inc, 0, sizeof *inc);
    inc->id = ival(r, row, 0);
    inc->type = val(r, row, 1);
    inc->family = (unsigned)ival(r, row, 2);
    inc->main = val(r, row, 3) && strcmp(val(r, row, 3), "main") == 0;
    inc->date = val(r, row, 4);
    inc->date_precision = val(r, row, 5);
    inc->day_lo = PQgetisnull(r, row, 6) ? SR_DAY_NONE : (int32_t)ival(r, row, 6);
    inc->day_hi = PQgetisnull(r, row, 7) ? SR_DAY_NONE : (int32_t)ival(r, row, 7);
    inc->has_geo = !PQgetisnull(r, row, 8);
    inc->lat = inc->has_geo ? strtod(PQgetvalue(r, row, 8), NULL) : 0;
    inc->lon = inc->has_geo ? strtod(PQgetvalue(r, row, 9), NULL) : 0;
    inc->place = val(r, row, 10);
    inc->country = val(r, row, 11);
    inc->admin1 = val(r, row, 12);
    inc->place_precision = val(r, row, 13);
    for (int c = 0; c < 2; c++) {
        sr_store_count *k = c ? &inc->wounded : &inc->killed;
        int b = 14 + 3 * c;
        k->present = !PQgetisnull(r, row, b);
        k->value = ival(r, row, b);
        k->lo = ival(r, row, b + 1);
        k->hi = PQgetisnull(r, row, b + 2) ? -1 : ival(r, row, b + 2);
    }
    inc->orgs = val(r, row, 20);
    inc->actors = val(r, row, 21);
    inc->sites = val(r, row, 22);
    inc->nreports = ival(r, row, 23);
    inc->json = val(r, row, 24);
    if (!inc->type) inc->type = "";
    if (!inc->json) inc->json = "{}";
}

/* Hand the rows of an incident result to fn (the result is freed). */
static sr_status each_incident(pg_store *s, PGresult *r, sr_store_incident_fn fn, void *ctx,
                               sr_error *err, const char *what, int *n) {
    if (!res_ok(r)) return pg_fail(s, r, err, what);
    int rows = PQntuples(r);
    if (n) *n = rows;
    for (int i = 0; i < rows; i++) {
        sr_store_incident inc;
        read_incident(r, i, &inc);
        if (fn(ctx, &inc)) break;
    }
    PQclear(r);
    return SR_OK;
}

/* A bigint[] literal of lock keys. */
typedef struct keys {
    sr_buf b;
    int n;
} keys;

static void key_add(keys *k, int64_t v) {
    sr_buf_printf(&k->b, "%s%lld", k->n++ ? "," : "{", (long long)v);
}

/* Take the locks: waiting for them when this transaction holds no merge
 * lock yet; otherwise only if they are free at once (waiting while holding
 * locks is how two writers deadlock, and PostgreSQL takes a second to see
 * a deadlock): when one is taken, fail with a transient error so that the
 * caller rolls back, releasing everything, and retries. */
static sr_status lock_keys(pg_store *s, keys *k, int shared, int wait, sr_error *err) {
    if (!k->n) return SR_OK;
    sr_buf_adds(&k->b, "}");
    if (k->b.oom) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    params p = {.n = 0};
    p_text(&p, k->b.data);
    if (wait) return exec_stmt(s, shared ? P_LOCK_S : P_LOCK_X, &p, err, "merge lock");
    PGresult *r = run_stmt(s, shared ? P_TRY_S : P_TRY_X, &p);
    if (!res_ok(r) || PQntuples(r) != 1) return pg_fail(s, r, err, "merge lock");
    int got = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    if (!got)
        return sr_fail(err, SR_ERR_IO, "%s: merge lock held by another writer "
                       "(transient: retry)", s->where);
    return SR_OK;
}

static int64_t country_key(const char *cc) {
    uint64_t h = 1469598103934665603ULL;
    for (const char *c = cc; *c; c++) h = (h ^ (unsigned char)*c) * 1099511628211ULL;
    return (int64_t)((LOCK_COUNTRY_TAG << 56) | (h & 0xffffffffffffULL));
}

/* The merge locks of a candidate search (see the top of this file). */
static sr_status merge_locks(pg_store *s, const sr_candidate_query *q, sr_error *err) {
    keys x = {SR_BUF_INIT, 0}, sh = {SR_BUF_INIT, 0};
    if (q->has_box) {
        int lat0 = (int)floor((q->min_lat + 90) / LOCK_CELL);
        int lat1 = (int)floor((q->max_lat + 90) / LOCK_CELL);
        int ncol = (int)(360 / LOCK_CELL);
        int lon0 = (int)floor((q->min_lon + 180) / LOCK_CELL);
        int lon1 = (int)floor((q->max_lon + 180) / LOCK_CELL);
        if (lon1 - lon0 >= ncol) { lon0 = 0; lon1 = ncol - 1; }
        for (int a = lat0; a <= lat1; a++)
            for (int o = lon0; o <= lon1; o++) {
                int col = ((o % ncol) + ncol) % ncol;
                key_add(&x, (LOCK_GEO_TAG << 56) | ((int64_t)(a + 1) << 16) | col);
            }
    }
    if (q->country) key_add(q->whole_country ? &x : &sh, country_key(q->country));
    int wait = !s->merge_locked;
    sr_status st = lock_keys(s, &x, 0, wait, err);
    if (st == SR_OK) st = lock_keys(s, &sh, 1, wait, err);
    if (st == SR_OK && (x.n || sh.n)) s->merge_locked = 1;
    sr_buf_free(&x.b);
    sr_buf_free(&sh.b);
    return st;
}

static sr_status pgs_candidates(sr_store *base, const sr_candidate_query *q,
                                sr_store_incident_fn fn, void *ctx, sr_error *err) {
    pg_store *s = (pg_store *)base;
    sr_status st = merge_locks(s, q, err);
    if (st != SR_OK) return st;
    if (q->has_box) {
        params p = {.n = 0};
        p_real(&p, q->max_lat);
        p_real(&p, q->min_lat);
        p_real(&p, q->max_lon);
        p_real(&p, q->min_lon);
        p_int(&p, q->lo);
        p_int(&p, q->hi);
        p_int(&p, q->family);
        p_int(&p, q->exclude_document);
        st = each_incident(s, run_stmt(s, P_CAND_GEO, &p), fn, ctx, err, "candidates", NULL);
        if (st != SR_OK) return st;
    }
    if (q->country) {
        params p = {.n = 0};
        p_text(&p, q->country);
        p_bool(&p, q->whole_country);
        p_int(&p, q->lo);
        p_int(&p, q->hi);
        p_int(&p, q->family);
        p_int(&p, q->exclude_document);
        st = each_incident(s, run_stmt(s, P_CAND_COUNTRY, &p), fn, ctx, err, "candidates",
                           NULL);
    }
    return st;
}

static sr_status pgs_incident_create(sr_store *base, int64_t *id, sr_error *err) {
    pg_store *s = (pg_store *)base;
    PGresult *r = run_stmt(s, P_INC_CREATE, NULL);
    if (!res_ok(r) || PQntuples(r) != 1) return pg_fail(s, r, err, "new incident");
    *id = ival(r, 0, 0);
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_link(sr_store *base, int64_t report_id, int64_t incident_id,
                          double score, const char *reason, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, report_id);
    p_int(&p, incident_id);
    p_real(&p, score);
    p_text(&p, reason ? reason : "");
    return exec_stmt(s, P_LINK, &p, err, "link report");
}

static sr_status pgs_reports(sr_store *base, int64_t incident_id, sr_store_report_fn fn,
                             void *ctx, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, incident_id);
    PGresult *r = run_stmt(s, P_REPORTS, &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "reports");
    for (int i = 0; i < PQntuples(r); i++) {
        sr_store_report rep = {ival(r, i, 0), (int)ival(r, i, 1), val(r, i, 2), val(r, i, 3),
                               val(r, i, 4), val(r, i, 5), val(r, i, 6),
                               val(r, i, 7) ? strtod(val(r, i, 7), NULL) : 0, val(r, i, 8)};
        if (!rep.json) rep.json = "{}";
        if (fn(ctx, &rep)) break;
    }
    PQclear(r);
    return SR_OK;
}

static void fold_ascii(char *p) {
    for (; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
}

/* Append s to a text[] literal, quoted. */
static void array_add(sr_buf *b, const char *s, size_t n, int first) {
    sr_buf_adds(b, first ? "{\"" : ",\"");
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"' || c == '\\') sr_buf_addc(b, '\\');
        sr_buf_addc(b, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
    }
    sr_buf_addc(b, '"');
}

static sr_status pgs_incident_save(sr_store *base, const sr_store_incident *inc,
                                   unsigned what, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, inc->id);
    p_text(&p, inc->type);
    p_int(&p, inc->family);
    p_text(&p, inc->main ? "main" : "background");
    p_text(&p, inc->date);
    p_text(&p, inc->date_precision);
    p_day(&p, inc->day_lo);
    p_day(&p, inc->day_hi);
    if (inc->has_geo) {
        p_real(&p, inc->lat);
        p_real(&p, inc->lon);
    } else {
        p_text(&p, NULL);
        p_text(&p, NULL);
    }
    p_text(&p, inc->place);
    p_text(&p, inc->country);
    p_text(&p, inc->admin1);
    p_text(&p, inc->place_precision);
    for (int c = 0; c < 2; c++) {
        const sr_store_count *k = c ? &inc->wounded : &inc->killed;
        if (!k->present) {
            p_text(&p, NULL);
            p_text(&p, NULL);
            p_text(&p, NULL);
            continue;
        }
        p_int(&p, k->value);
        p_int(&p, k->lo);
        if (k->hi >= 0) p_int(&p, k->hi);
        else p_text(&p, NULL);
    }
    p_text(&p, inc->orgs);
    p_text(&p, inc->actors);
    p_text(&p, inc->sites);
    p_int(&p, inc->nreports);
    p_text(&p, inc->json);
    sr_status st = exec_stmt(s, P_INC_UPDATE, &p, err, "save incident");
    if (st != SR_OK) return st;
    /* the place is a column of the row (its GiST index follows it) */
    if (!(what & SR_SAVE_ACTORS)) return SR_OK;
    p.n = 0;
    p_int(&p, inc->id);
    if (!(what & SR_SAVE_FIRST) &&
        (st = exec_stmt(s, P_ACTORS_DEL, &p, err, "save incident actors")) != SR_OK)
        return st;
    if (!inc->actors || !*inc->actors) return SR_OK;
    sr_buf arr = SR_BUF_INIT;
    int first = 1;
    for (const char *a = inc->actors; a && *a;) {
        const char *e = strchr(a, '\n');
        size_t n = e ? (size_t)(e - a) : strlen(a);
        array_add(&arr, a, n, first);
        first = 0;
        a = e ? e + 1 : NULL;
    }
    sr_buf_addc(&arr, '}');
    if (arr.oom) {
        sr_buf_free(&arr);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    p.n = 0;
    p_text(&p, arr.data);
    p_int(&p, inc->id);
    st = exec_stmt(s, P_ACTOR_INSERT, &p, err, "save incident actors");
    sr_buf_free(&arr);
    return st;
}

static sr_status pgs_incident_delete(sr_store *base, int64_t id, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, id);
    sr_status st = exec_stmt(s, P_ACTORS_DEL, &p, err, "delete incident");
    if (st == SR_OK) st = exec_stmt(s, P_INC_DEL, &p, err, "delete incident");
    return st;
}

/* ---- reading ------------------------------------------------------------- */

static sr_status pgs_incident_get(sr_store *base, int64_t id, sr_store_incident_fn fn,
                                  void *ctx, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, id);
    int n = 0;
    sr_status st = each_incident(s, run_stmt(s, P_INC_GET, &p), fn, ctx, err, "incident", &n);
    if (st == SR_OK && n == 0)
        return sr_fail(err, SR_ERR_NOTFOUND, "no incident %lld in %s", (long long)id, s->where);
    return st;
}

static sr_status pgs_query(sr_store *base, const sr_query *q, sr_store_incident_fn fn,
                           void *ctx, sr_error *err) {
    pg_store *s = (pg_store *)base;
    sr_buf sql = SR_BUF_INIT;
    params p = {.n = 0};
    char *actor = NULL;
    sr_buf_adds(&sql, "SELECT " INC_COLS " FROM incidents i WHERE true");
    int32_t lo, hi;
    if (q->country) {
        p_text(&p, q->country);
        sr_buf_printf(&sql, " AND i.country = $%d", p.n);
    }
    if (q->near) {
        double dlat = q->km / 111.0, c = cos(q->lat * M_PI / 180.0);
        double dlon = c > 0.01 ? q->km / (111.0 * c) : 360.0;
        p_real(&p, q->lon - dlon);
        p_real(&p, q->lat - dlat);
        p_real(&p, q->lon + dlon);
        p_real(&p, q->lat + dlat);
        p_real(&p, q->lat);
        p_real(&p, q->lon);
        p_real(&p, q->km);
        int b = p.n - 6;
        sr_buf_printf(&sql, " AND i.lat IS NOT NULL AND point(i.lon, i.lat) <@ "
                          "box(point($%d, $%d), point($%d, $%d)) AND "
                          "sr_km(i.lat, i.lon, $%d, $%d) <= $%d",
                    b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6);
    }
    if (q->since && sr_date_range(q->since, &lo, &hi) != SR_PREC_UNKNOWN) {
        p_int(&p, lo);
        sr_buf_printf(&sql, " AND i.day_lo >= $%d - 366 AND i.day_hi >= $%d", p.n, p.n);
    }
    if (q->until && sr_date_range(q->until, &lo, &hi) != SR_PREC_UNKNOWN) {
        p_int(&p, hi);
        sr_buf_printf(&sql, " AND i.day_lo <= $%d", p.n);
    }
    if (q->type) {
        p_text(&p, q->type);
        sr_buf_printf(&sql, " AND i.type = $%d", p.n);
    }
    if (q->actor) {
        actor = strdup(q->actor);
        if (!actor) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
        fold_ascii(actor);
        p_text(&p, actor);
        sr_buf_printf(&sql, " AND i.id IN (SELECT incident_id FROM incident_actors "
                          "WHERE actor = $%d)", p.n);
    }
    if (q->text) {
        p_text(&p, q->text);
        sr_buf_printf(&sql, " AND i.id IN (SELECT l.incident_id FROM evidence e JOIN "
                          "report_links l ON l.report_id = e.report_id WHERE e.tsv @@ "
                          "websearch_to_tsquery('english', $%d))", p.n);
    }
    if (q->min_killed >= 0) {
        p_int(&p, q->min_killed);
        sr_buf_printf(&sql, " AND i.killed >= $%d", p.n);
    }
    if (q->status) {
        p_text(&p, q->status);
        sr_buf_printf(&sql, " AND i.status = $%d", p.n);
    }
    sr_buf_adds(&sql, " ORDER BY i.day_lo DESC NULLS LAST, i.id DESC");
    if (q->limit > 0) {
        p_int(&p, q->limit);
        sr_buf_printf(&sql, " LIMIT $%d", p.n);
    }
    sr_status st;
    if (sql.oom) st = sr_fail(err, SR_ERR_NOMEM, "out of memory");
    else st = each_incident(s, run_sql(s, sql.data, &p), fn, ctx, err, "query", NULL);
    sr_buf_free(&sql);
    free(actor);
    return st;
}

static sr_status pgs_counts(sr_store *base, sr_store_counts *out, sr_error *err) {
    pg_store *s = (pg_store *)base;
    PGresult *r = run_sql(s, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM "
                             "reports), (SELECT count(*) FROM incidents)", NULL);
    if (!res_ok(r) || PQntuples(r) != 1) return pg_fail(s, r, err, "counts");
    out->documents = ival(r, 0, 0);
    out->reports = ival(r, 0, 1);
    out->incidents = ival(r, 0, 2);
    PQclear(r);
    return SR_OK;
}

/* ---- feeds --------------------------------------------------------------- */

static sr_status pgs_feed_get(sr_store *base, const char *url, sr_feed_state *out,
                              sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_text(&p, url);
    PGresult *r = run_sql(s, "SELECT etag, last_modified, last_polled FROM feeds "
                             "WHERE url = $1", &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "feed state");
    if (PQntuples(r) == 1) {
        out->etag = val(r, 0, 0) ? strdup(val(r, 0, 0)) : NULL;
        out->last_modified = val(r, 0, 1) ? strdup(val(r, 0, 1)) : NULL;
        out->last_polled = ival(r, 0, 2);
    }
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_feed_put(sr_store *base, const char *url, const sr_feed_state *fs,
                              sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_text(&p, url);
    p_text(&p, fs->etag);
    p_text(&p, fs->last_modified);
    p_int(&p, fs->last_polled);
    return exec_sql(s, "INSERT INTO feeds (url, etag, last_modified, last_polled) "
                       "VALUES ($1,$2,$3,$4) ON CONFLICT (url) DO UPDATE SET "
                       "etag = excluded.etag, last_modified = excluded.last_modified, "
                       "last_polled = excluded.last_polled", &p, err, "feed state");
}

static sr_status pgs_item_seen(sr_store *base, const char *url, const char *item, int *seen,
                               sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_text(&p, url);
    p_text(&p, item);
    PGresult *r = run_sql(s, "SELECT 1 FROM feed_items WHERE url = $1 AND item_id = $2", &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "feed item");
    *seen = PQntuples(r) > 0;
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_item_mark(sr_store *base, const char *url, const char *item,
                               sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_text(&p, url);
    p_text(&p, item);
    return exec_sql(s, "INSERT INTO feed_items (url, item_id, seen_at) VALUES ($1, $2, " NOW
                       ") ON CONFLICT DO NOTHING", &p, err, "feed item");
}

/* ---- change feed, tallies, watches, deliveries -------------------------- */

static sr_status pgs_changes(sr_store *base, int64_t after, int64_t limit,
                             sr_store_change_fn fn, void *ctx, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, after);
    if (limit > 0) p_int(&p, limit);
    else p_text(&p, NULL);
    PGresult *r = run_sql(s, "SELECT seq, incident_id FROM incident_changes WHERE seq > $1 "
                             "ORDER BY seq LIMIT $2", &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "changes");
    for (int i = 0; i < PQntuples(r); i++)
        if (fn(ctx, ival(r, i, 0), ival(r, i, 1))) break;
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_last_change(sr_store *base, int64_t *seq, sr_error *err) {
    pg_store *s = (pg_store *)base;
    PGresult *r = run_sql(s, "SELECT coalesce(max(seq), 0) FROM incident_changes", NULL);
    if (!res_ok(r) || PQntuples(r) != 1) return pg_fail(s, r, err, "changes");
    *seq = ival(r, 0, 0);
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_tally(sr_store *base, const char *sql, sr_store_tally_fn fn, void *ctx,
                           sr_error *err) {
    pg_store *s = (pg_store *)base;
    PGresult *r = run_sql(s, sql, NULL);
    if (!res_ok(r)) return pg_fail(s, r, err, "tally");
    for (int i = 0; i < PQntuples(r); i++)
        if (fn(ctx, val(r, i, 0), ival(r, i, 1))) break;
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_watch_add(sr_store *base, const char *url, const char *filter,
                               int64_t *id, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_text(&p, url);
    p_text(&p, filter);
    PGresult *r = run_sql(s, "INSERT INTO watches (url, filter, cursor, created_at) VALUES "
                             "($1, $2, (SELECT coalesce(max(seq), 0) FROM incident_changes), "
                             NOW ") RETURNING id", &p);
    if (!res_ok(r) || PQntuples(r) != 1) return pg_fail(s, r, err, "watch");
    *id = ival(r, 0, 0);
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_watch_list(sr_store *base, sr_store_watch_fn fn, void *ctx,
                                sr_error *err) {
    pg_store *s = (pg_store *)base;
    PGresult *r = run_sql(s, "SELECT id, url, filter, created_at, cursor FROM watches "
                             "ORDER BY id", NULL);
    if (!res_ok(r)) return pg_fail(s, r, err, "watches");
    for (int i = 0; i < PQntuples(r); i++) {
        sr_store_watch w = {ival(r, i, 0), val(r, i, 1), val(r, i, 2), val(r, i, 3),
                            ival(r, i, 4)};
        if (fn(ctx, &w)) break;
    }
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_watch_remove(sr_store *base, int64_t id, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, id);
    sr_status st = exec_sql(s, "DELETE FROM deliveries WHERE watch_id = $1", &p, err, "watch");
    if (st != SR_OK) return st;
    PGresult *r = run_sql(s, "DELETE FROM watches WHERE id = $1", &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "watch");
    int n = atoi(PQcmdTuples(r));
    PQclear(r);
    return n ? SR_OK : sr_fail(err, SR_ERR_NOTFOUND, "no watch %lld", (long long)id);
}

static sr_status pgs_watch_advance(sr_store *base, int64_t id, int64_t cursor,
                                   sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, id);
    p_int(&p, cursor);
    return exec_sql(s, "UPDATE watches SET cursor = greatest(cursor, $2) WHERE id = $1", &p,
                    err, "watch");
}

static sr_status pgs_delivery_put(sr_store *base, const sr_store_delivery *d, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, d->watch_id);
    p_int(&p, d->incident_id);
    p_text(&p, d->version);
    p_text(&p, d->status);
    p_int(&p, d->attempts);
    if (d->http_status) p_int(&p, d->http_status);
    else p_text(&p, NULL);
    p_text(&p, d->error);
    return exec_sql(s, "INSERT INTO deliveries (watch_id, incident_id, version, status, "
                       "attempts, http_status, error, at) VALUES ($1,$2,$3,$4,$5,$6,$7," NOW
                       ") ON CONFLICT (watch_id, incident_id, version) DO UPDATE SET "
                       "status = excluded.status, attempts = excluded.attempts, "
                       "http_status = excluded.http_status, error = excluded.error, "
                       "at = excluded.at", &p, err, "delivery");
}

static sr_status pgs_delivered(sr_store *base, int64_t watch_id, int64_t incident_id,
                               const char *version, int *delivered, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, watch_id);
    p_int(&p, incident_id);
    p_text(&p, version);
    PGresult *r = run_sql(s, "SELECT 1 FROM deliveries WHERE watch_id = $1 AND "
                             "incident_id = $2 AND version = $3 AND status = 'delivered'", &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "delivery");
    *delivered = PQntuples(r) > 0;
    PQclear(r);
    return SR_OK;
}

static sr_status pgs_deliveries(sr_store *base, int64_t watch_id, int64_t limit,
                                sr_store_delivery_fn fn, void *ctx, sr_error *err) {
    pg_store *s = (pg_store *)base;
    params p = {.n = 0};
    p_int(&p, watch_id);
    if (limit > 0) p_int(&p, limit);
    else p_text(&p, NULL);
    PGresult *r = run_sql(s, "SELECT watch_id, incident_id, version, status, error, at, "
                             "attempts, coalesce(http_status, 0) FROM deliveries WHERE "
                             "watch_id = $1 ORDER BY at DESC, incident_id DESC LIMIT $2", &p);
    if (!res_ok(r)) return pg_fail(s, r, err, "deliveries");
    for (int i = 0; i < PQntuples(r); i++) {
        sr_store_delivery d = {ival(r, i, 0), ival(r, i, 1), val(r, i, 2), val(r, i, 3),
                               val(r, i, 4),  val(r, i, 5),  (int)ival(r, i, 6),
                               (int)ival(r, i, 7)};
        if (fn(ctx, &d)) break;
    }
    PQclear(r);
    return SR_OK;
}

static const sr_store_ops PG_OPS = {
    "postgresql",       pgs_close,         pgs_schema_version, pgs_begin,
    pgs_commit,         pgs_rollback,      pgs_doc_find,       pgs_doc_insert,
    pgs_doc_delete,     pgs_report_insert, pgs_candidates,     pgs_incident_create,
    pgs_link,           pgs_reports,       pgs_incident_save,  pgs_incident_delete,
    pgs_incident_get,   pgs_query,         pgs_counts,         pgs_feed_get,
    pgs_feed_put,       pgs_item_seen,     pgs_item_mark,      pgs_changes,
    pgs_last_change,    pgs_tally,         pgs_watch_add,      pgs_watch_list,
    pgs_watch_remove,   pgs_watch_advance, pgs_delivery_put,   pgs_delivered,
    pgs_deliveries,
};

/* The location for messages: the password, if any, replaced by "***". */
static char *redact(const char *loc) {
    char *w = strdup(loc);
    if (!w) return NULL;
    char *scheme = strstr(w, "://");
    char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    if (at && colon && colon < at) {
        size_t tail = strlen(at);
        memcpy(colon + 1, "***", 3);
        memmove(colon + 4, at, tail + 1);
    }
    return w;
}

sr_status sr_store_pg_open(const char *location, int readonly, sr_store **out,
                           sr_error *err) {
    *out = NULL;
    pg_store *s = calloc(1, sizeof *s);
    if (!s || !(s->where = redact(location))) {
        free(s);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    s->base.ops = &PG_OPS;
    s->readonly = readonly;
    /* a location of the form postgres:// is a libpq URI as well */
    s->conn = PQconnectdb(location);
    if (!s->conn) {
        pgs_close(&s->base);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    if (PQstatus(s->conn) != CONNECTION_OK) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s", PQerrorMessage(s->conn));
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
        sr_status st = sr_fail(err, SR_ERR_IO, "%s: cannot connect: %s", s->where, msg);
        pgs_close(&s->base);
        return st;
    }
    sr_status st = exec_sql(s, "SET client_min_messages = warning", NULL, err, "connect");
    if (st == SR_OK && !readonly) st = migrate(s, err);
    if (st == SR_OK && readonly) {
        int v = pgs_schema_version(&s->base);
        if (v == 0)
            st = sr_fail(err, SR_ERR_DATA, "%s: not a sitrep store (no schema)", s->where);
        else if (v > sr_pg_migrations[sr_pg_nmigrations - 1].version)
            st = sr_fail(err, SR_ERR_DATA, "%s: schema version %d is newer than this sitrep",
                         s->where, v);
    }
    if (st != SR_OK) {
        pgs_close(&s->base);
        return st;
    }
    *out = &s->base;
    return SR_OK;
}
