/*
 * store_cli.h -- what the store verbs (query, export) share: the filter
 * options and the output loop.
 */
#ifndef SR_STORE_CLI_H
#define SR_STORE_CLI_H

/* `sitrep query` (export = 0) or `sitrep export` (export = 1). */
int sr_cli_query_main(int argc, char **argv, int export);

#endif
