/*
 * store_pg.h -- the PostgreSQL backend (store_pg.c): a store opened from a
 * postgresql:// or postgres:// location (a libpq connection URI).
 */
#ifndef SR_STORE_PG_H
#define SR_STORE_PG_H

#include "store_backend.h"

sr_status sr_store_pg_open(const char *location, int readonly, sr_store **out,
                           sr_error *err);

#endif
