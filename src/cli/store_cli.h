/*
 * store_cli.h -- what the store verbs (query, export) share: the filter
 * options and the output loop.
 */
#ifndef SR_STORE_CLI_H
#define SR_STORE_CLI_H

#include "sitrep.h"

/* `sitrep query` (export = 0) or `sitrep export` (export = 1). */
int sr_cli_query_main(int argc, char **argv, int export);

/* `sitrep ingest --follow LIST`: poll the feeds of LIST every `every`
 * seconds, `rounds` times (0: until SIGINT/SIGTERM); ingest_follow.c. */
struct sr_store;
int sr_ingest_follow(struct sr_store *store, const sr_engine *engine,
                     const sr_extract_options *opts, const char *list, long every,
                     long rounds, int quiet);

/* Ingest one feed URL given as an input (one poll); 0, or -1 when the store
 * failed (a feed that cannot be fetched or parsed is a warning, *failed++). */
int sr_ingest_feed_url(struct sr_store *store, const sr_engine *engine,
                       const sr_extract_options *opts, const char *url, int *failed);

#endif
