/*
 * sqlite_schema.c -- the SQLite schema as versioned migrations.
 *
 * Migration N takes a store from schema version N-1 to N.  They are applied
 * in order, each in its own transaction, when a store is opened
 * (store_sqlite.c), and recorded in the schema_version table.  A migration
 * is never edited once released: a change is a new migration at the end.
 * docs/store.md describes the tables.
 */
#include "sqlite_schema.h"

static const char MIGRATION_1[] =
    /* documents: one row per stored document (key = the document id) */
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE,"
    "  content_hash TEXT NOT NULL,"
    "  title TEXT, url TEXT, published TEXT, lang TEXT,"
    "  text TEXT NOT NULL,"
    "  json TEXT NOT NULL,"
    "  ingested_at TEXT NOT NULL);"
    "CREATE INDEX documents_hash ON documents(content_hash);"
    /* incidents: the merged records (reconciled values + JSON) */
    "CREATE TABLE incidents ("
    "  id INTEGER PRIMARY KEY,"
    "  type TEXT NOT NULL DEFAULT '',"
    "  family INTEGER NOT NULL DEFAULT 0,"
    "  status TEXT NOT NULL DEFAULT 'main',"
    "  date TEXT, date_precision TEXT,"
    "  day_lo INTEGER, day_hi INTEGER,"
    "  place TEXT, country TEXT, admin1 TEXT, place_precision TEXT,"
    "  lat REAL, lon REAL,"
    "  killed INTEGER, killed_lo INTEGER, killed_hi INTEGER,"
    "  wounded INTEGER, wounded_lo INTEGER, wounded_hi INTEGER,"
    "  orgs TEXT, actors TEXT, sites TEXT,"
    "  nreports INTEGER NOT NULL DEFAULT 0,"
    "  json TEXT NOT NULL DEFAULT '{}',"
    "  updated_at TEXT);"
    "CREATE INDEX incidents_date ON incidents(day_lo);"
    "CREATE INDEX incidents_date_hi ON incidents(day_hi);"
    "CREATE INDEX incidents_country ON incidents(country, day_lo);"
    "CREATE INDEX incidents_type ON incidents(type, day_lo);"
    "CREATE INDEX incidents_killed ON incidents(killed);"
    "CREATE INDEX incidents_status ON incidents(status, day_lo);"
    /* reports: an incident as one document tells it */
    "CREATE TABLE reports ("
    "  id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id),"
    "  ordinal INTEGER NOT NULL,"
    "  type TEXT NOT NULL, status TEXT NOT NULL,"
    "  date TEXT, day_lo INTEGER, day_hi INTEGER,"
    "  place TEXT, country TEXT, place_precision TEXT, lat REAL, lon REAL,"
    "  killed_min INTEGER, killed_max INTEGER,"
    "  json TEXT NOT NULL,"
    "  UNIQUE (document_id, ordinal));"
    /* which incident a report belongs to, and why */
    "CREATE TABLE report_links ("
    "  report_id INTEGER PRIMARY KEY REFERENCES reports(id),"
    "  incident_id INTEGER NOT NULL REFERENCES incidents(id),"
    "  score REAL NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  linked_at TEXT NOT NULL);"
    "CREATE INDEX report_links_incident ON report_links(incident_id);"
    /* evidence sentences, searchable with FTS5 (an external-content index
     * that the store brings up to date once per transaction, before its
     * commit: store_sqlite.c) */
    "CREATE TABLE evidence ("
    "  id INTEGER PRIMARY KEY,"
    "  report_id INTEGER NOT NULL REFERENCES reports(id),"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    "  sentence TEXT NOT NULL);"
    "CREATE INDEX evidence_report ON evidence(report_id);"
    "CREATE VIRTUAL TABLE evidence_fts USING fts5(sentence, content='evidence',"
    "  content_rowid='id');"
    /* incident locations, an R*Tree of points */
    "CREATE VIRTUAL TABLE incident_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);"
    /* actors (orgs, perpetrators, claimants), folded to lower case */
    "CREATE TABLE incident_actors ("
    "  actor TEXT NOT NULL,"
    "  incident_id INTEGER NOT NULL REFERENCES incidents(id),"
    "  PRIMARY KEY (actor, incident_id)) WITHOUT ROWID;"
    "CREATE INDEX incident_actors_incident ON incident_actors(incident_id);"
    /* feed polling state */
    "CREATE TABLE feeds ("
    "  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, last_polled INTEGER);"
    "CREATE TABLE feed_items ("
    "  url TEXT NOT NULL, item_id TEXT NOT NULL, seen_at TEXT NOT NULL,"
    "  PRIMARY KEY (url, item_id)) WITHOUT ROWID;";

/* The change feed (every write of an incident's record appends its id with
 * a growing sequence number: what watches follow), watches and their
 * webhook deliveries (sitrep serve, sitrep watch; docs/api.md). */
static const char MIGRATION_2[] =
    "CREATE TABLE incident_changes ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  incident_id INTEGER NOT NULL);"
    "CREATE TRIGGER incidents_changed AFTER UPDATE OF json ON incidents BEGIN"
    "  INSERT INTO incident_changes (incident_id) VALUES (NEW.id); END;"
    "CREATE TABLE watches ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL,"
    "  filter TEXT NOT NULL,"
    "  cursor INTEGER NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL);"
    "CREATE TABLE deliveries ("
    "  watch_id INTEGER NOT NULL,"
    "  incident_id INTEGER NOT NULL,"
    "  version TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  attempts INTEGER NOT NULL,"
    "  http_status INTEGER,"
    "  error TEXT,"
    "  at TEXT NOT NULL,"
    "  PRIMARY KEY (watch_id, incident_id, version)) WITHOUT ROWID;";

/* The change feed only matters while there are watches: an incident write
 * is logged only then, and the changes every watch has handled are
 * deleted as the watches advance (or go). */
static const char MIGRATION_3[] =
    "DROP TRIGGER incidents_changed;"
    "CREATE TRIGGER incidents_changed AFTER UPDATE OF json ON incidents"
    "  WHEN EXISTS (SELECT 1 FROM watches) BEGIN"
    "  INSERT INTO incident_changes (incident_id) VALUES (NEW.id); END;"
    "CREATE TRIGGER watches_advanced AFTER UPDATE OF cursor ON watches BEGIN"
    "  DELETE FROM incident_changes WHERE seq <= (SELECT min(cursor) FROM watches); END;"
    "CREATE TRIGGER watches_removed AFTER DELETE ON watches BEGIN"
    "  DELETE FROM incident_changes WHERE NOT EXISTS (SELECT 1 FROM watches)"
    "    OR seq <= (SELECT min(cursor) FROM watches); END;"
    "DELETE FROM incident_changes WHERE NOT EXISTS (SELECT 1 FROM watches);";

/* Merge candidates by place and date at once: the R*Tree of incident
 * points gets the incident's day range as a third dimension (an undated
 * incident, never a candidate, gets the day -10,000,000), so that a report
 * in a city with thousands of incidents over the years reads the few of its
 * days instead of all of them.  Queries by place alone are unchanged. */
static const char MIGRATION_4[] =
    "CREATE VIRTUAL TABLE incident_geo_days USING rtree(id, min_lat, max_lat, min_lon, max_lon,"
    "  min_day, max_day);"
    "INSERT INTO incident_geo_days SELECT g.id, g.min_lat, g.max_lat, g.min_lon, g.max_lon,"
    "  CASE WHEN i.day_lo IS NULL OR i.day_hi IS NULL THEN -10000000 ELSE i.day_lo END,"
    "  CASE WHEN i.day_lo IS NULL OR i.day_hi IS NULL THEN -10000000 ELSE i.day_hi END"
    "  FROM incident_geo g JOIN incidents i ON i.id = g.id;"
    "DROP TABLE incident_geo;"
    "ALTER TABLE incident_geo_days RENAME TO incident_geo;";

const sr_migration sr_sqlite_migrations[] = {
    {1, "documents, reports, incidents, links, evidence (FTS5), places (R*Tree), actors, feeds",
     MIGRATION_1},
    {2, "incident change feed, watches, webhook deliveries", MIGRATION_2},
    {3, "the change feed is kept only while watches need it", MIGRATION_3},
    {4, "the place index holds each incident's day range (merge candidates)", MIGRATION_4},
};
const int sr_sqlite_nmigrations = sizeof sr_sqlite_migrations / sizeof *sr_sqlite_migrations;
