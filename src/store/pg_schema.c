/*
 * pg_schema.c -- the PostgreSQL schema as versioned migrations.
 *
 * The same tables and meaning as the SQLite schema (sqlite_schema.c,
 * docs/store.md) in PostgreSQL's terms: BIGSERIAL keys; evidence sentences
 * carry a generated tsvector with a GIN index (PostgreSQL's own text search
 * for --text); incident places are indexed as points in a GiST index, so a
 * bounding box (point <@ box) finds the candidates of a merge and the
 * incidents of --near without PostGIS; sr_km() is the great-circle distance
 * as an SQL function.  Migration N takes a store from version N-1 to N; they
 * are applied in order under an advisory lock (several workers may open a
 * new database at once: store_pg.c) and recorded in schema_version.  A
 * released migration is never edited: a change is a new migration.
 * Timestamps are ISO 8601 text, as in SQLite, so both backends print the
 * same values.
 */
#include "pg_schema.h"

#define NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char MIGRATION_1[] =
    "CREATE TABLE documents ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE,"
    "  content_hash TEXT NOT NULL,"
    "  title TEXT, url TEXT, published TEXT, lang TEXT,"
    "  text TEXT NOT NULL,"
    "  json TEXT NOT NULL,"
    "  ingested_at TEXT NOT NULL DEFAULT " NOW ");"
    "CREATE INDEX documents_hash ON documents(content_hash);"
    "CREATE TABLE incidents ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  type TEXT NOT NULL DEFAULT '',"
    "  family INTEGER NOT NULL DEFAULT 0,"
    "  status TEXT NOT NULL DEFAULT 'main',"
    "  date TEXT, date_precision TEXT,"
    "  day_lo INTEGER, day_hi INTEGER,"
    "  place TEXT, country TEXT, admin1 TEXT, place_precision TEXT,"
    "  lat DOUBLE PRECISION, lon DOUBLE PRECISION,"
    "  killed BIGINT, killed_lo BIGINT, killed_hi BIGINT,"
    "  wounded BIGINT, wounded_lo BIGINT, wounded_hi BIGINT,"
    "  orgs TEXT, actors TEXT, sites TEXT,"
    "  nreports BIGINT NOT NULL DEFAULT 0,"
    "  json TEXT NOT NULL DEFAULT '{}',"
    "  updated_at TEXT);"
    "CREATE INDEX incidents_date ON incidents(day_lo);"
    "CREATE INDEX incidents_date_hi ON incidents(day_hi);"
    "CREATE INDEX incidents_country ON incidents(country, day_lo);"
    "CREATE INDEX incidents_type ON incidents(type, day_lo);"
    "CREATE INDEX incidents_killed ON incidents(killed);"
    "CREATE INDEX incidents_status ON incidents(status, day_lo);"
    "CREATE INDEX incidents_geo ON incidents USING gist (point(lon, lat))"
    "  WHERE lat IS NOT NULL;"
    "CREATE TABLE reports ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  document_id BIGINT NOT NULL REFERENCES documents(id),"
    "  ordinal INTEGER NOT NULL,"
    "  type TEXT NOT NULL, status TEXT NOT NULL,"
    "  date TEXT, day_lo INTEGER, day_hi INTEGER,"
    "  place TEXT, country TEXT, place_precision TEXT,"
    "  lat DOUBLE PRECISION, lon DOUBLE PRECISION,"
    "  killed_min BIGINT, killed_max BIGINT,"
    "  json TEXT NOT NULL,"
    "  UNIQUE (document_id, ordinal));"
    "CREATE TABLE report_links ("
    "  report_id BIGINT PRIMARY KEY REFERENCES reports(id),"
    "  incident_id BIGINT NOT NULL REFERENCES incidents(id),"
    "  score DOUBLE PRECISION NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  linked_at TEXT NOT NULL DEFAULT " NOW ");"
    "CREATE INDEX report_links_incident ON report_links(incident_id);"
    "CREATE TABLE evidence ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  report_id BIGINT NOT NULL REFERENCES reports(id),"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    "  sentence TEXT NOT NULL,"
    "  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', sentence)) STORED);"
    "CREATE INDEX evidence_report ON evidence(report_id);"
    "CREATE INDEX evidence_tsv ON evidence USING gin (tsv);"
    "CREATE TABLE incident_actors ("
    "  actor TEXT NOT NULL,"
    "  incident_id BIGINT NOT NULL REFERENCES incidents(id),"
    "  PRIMARY KEY (actor, incident_id));"
    "CREATE INDEX incident_actors_incident ON incident_actors(incident_id);"
    "CREATE TABLE feeds ("
    "  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, last_polled BIGINT);"
    "CREATE TABLE feed_items ("
    "  url TEXT NOT NULL, item_id TEXT NOT NULL, seen_at TEXT NOT NULL,"
    "  PRIMARY KEY (url, item_id));"
    "CREATE FUNCTION sr_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8)"
    "  RETURNS float8 LANGUAGE sql IMMUTABLE STRICT AS $$"
    "  SELECT 2 * 6371.0088 * asin(least(1, sqrt("
    "    sin(radians(lat2 - lat1) / 2) ^ 2 +"
    "    cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)))"
    "  $$;";

static const char MIGRATION_2[] =
    "CREATE TABLE incident_changes ("
    "  seq BIGSERIAL PRIMARY KEY,"
    "  incident_id BIGINT NOT NULL);"
    "CREATE FUNCTION sr_incident_changed() RETURNS trigger LANGUAGE plpgsql AS $$"
    "  BEGIN INSERT INTO incident_changes (incident_id) VALUES (NEW.id); RETURN NULL; END $$;"
    "CREATE TRIGGER incidents_changed AFTER UPDATE OF json ON incidents"
    "  FOR EACH ROW EXECUTE FUNCTION sr_incident_changed();"
    "CREATE TABLE watches ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  url TEXT NOT NULL,"
    "  filter TEXT NOT NULL,"
    "  cursor BIGINT NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL);"
    "CREATE TABLE deliveries ("
    "  watch_id BIGINT NOT NULL,"
    "  incident_id BIGINT NOT NULL,"
    "  version TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  attempts INTEGER NOT NULL,"
    "  http_status INTEGER,"
    "  error TEXT,"
    "  at TEXT NOT NULL,"
    "  PRIMARY KEY (watch_id, incident_id, version));";

/* Many writers: a change row took its sequence number when its incident
 * was written and became visible when the transaction committed, so a
 * later number could be visible before an earlier one -- and a watcher
 * whose cursor passed the later one never saw the earlier.  Now the rows
 * are written at commit (a deferred trigger), under a lock held until the
 * commit ends: numbers are given out in commit order, and what a reader
 * sees below its cursor is final.  The lock is held only while committing. */
static const char MIGRATION_3[] =
    "DROP TRIGGER incidents_changed ON incidents;"
    "CREATE OR REPLACE FUNCTION sr_incident_changed() RETURNS trigger LANGUAGE plpgsql AS $$"
    "  BEGIN PERFORM pg_advisory_xact_lock(7368737265700002);"
    "  INSERT INTO incident_changes (incident_id) VALUES (NEW.id); RETURN NULL; END $$;"
    "CREATE CONSTRAINT TRIGGER incidents_changed AFTER UPDATE OF json ON incidents"
    "  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sr_incident_changed();";

const sr_migration sr_pg_migrations[] = {
    {1, "documents, reports, incidents (GiST on places), links, evidence (tsvector, GIN), "
        "actors, feeds", MIGRATION_1},
    {2, "incident change feed, watches, webhook deliveries", MIGRATION_2},
    {3, "change rows written at commit, numbered in commit order", MIGRATION_3},
};
const int sr_pg_nmigrations = sizeof sr_pg_migrations / sizeof *sr_pg_migrations;
