/*
 * sqlite_schema.h -- the SQLite store's schema migrations, in order.
 */
#ifndef SR_SQLITE_SCHEMA_H
#define SR_SQLITE_SCHEMA_H

typedef struct sr_migration {
    int version;
    const char *name;
    const char *sql;
} sr_migration;

extern const sr_migration sr_sqlite_migrations[];
extern const int sr_sqlite_nmigrations;

#endif
