/*
 * cli.h -- what the verbs of the sitrep command share.
 *
 * Exit codes (documented in `sitrep --help` and docs/cli.md):
 *   0  success
 *   1  some documents failed (bad input; each was reported on stderr)
 *   2  usage error (bad option or argument)
 *   3  a fatal error (data files missing, out of memory, cannot write)
 */
#ifndef SR_CLI_H
#define SR_CLI_H

#include <stdio.h>

#include "sitrep.h"

enum { EXIT_DOCS_FAILED = 1, EXIT_USAGE = 2, EXIT_FATAL = 3 };

typedef struct sr_verb {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);   /* argv[0] is the verb */
} sr_verb;

/* Each verb lives in its own file, cmd_<verb>.c. */
int sr_cmd_extract(int argc, char **argv);
int sr_cmd_eval(int argc, char **argv);
int sr_cmd_train(int argc, char **argv);
int sr_cmd_ingest(int argc, char **argv);
int sr_cmd_query(int argc, char **argv);
int sr_cmd_show(int argc, char **argv);
int sr_cmd_export(int argc, char **argv);
int sr_cmd_serve(int argc, char **argv);
int sr_cmd_watch(int argc, char **argv);
int sr_cmd_enqueue(int argc, char **argv);
int sr_cmd_worker(int argc, char **argv);

/* Print "sitrep: " + message to stderr. */
void sr_cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Is this argument --help or -h? */
int sr_cli_is_help(const char *arg);

/* common.c: 0 when date is NULL or a valid --date (YYYY-MM-DD); else says
 * so and returns EXIT_USAGE (EXIT_FATAL when out of memory). */
int sr_cli_check_date(const char *date);
/* The data directory: `given` (--data), else $SITREP_DATA, else the
 * built-in one, as sr_engine_open() chooses it. */
const char *sr_cli_data_dir(const char *given);
/* The engine loaded from data_dir (NULL: the default, see above), or NULL
 * after saying why; the verb then exits with EXIT_FATAL. */
sr_engine *sr_cli_engine_open(const char *data_dir);

#endif
