/*
 * pg_schema.h -- the PostgreSQL store's schema migrations, in order
 * (the same sr_migration records as the SQLite backend's).
 */
#ifndef SR_PG_SCHEMA_H
#define SR_PG_SCHEMA_H

#include "sqlite_schema.h"

extern const sr_migration sr_pg_migrations[];
extern const int sr_pg_nmigrations;

#endif
