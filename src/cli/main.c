/*
 * main.c -- the sitrep command: global options and the table of verbs.
 * A verb is one file (cmd_<verb>.c) and one line in VERBS below.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const sr_verb VERBS[] = {
    {"extract", "extract incidents from articles as sitrep/1 JSONL", sr_cmd_extract},
    {"eval", "measure accuracy on public research data", sr_cmd_eval},
    {"train", "train the role tagger on MUC-4 data", sr_cmd_train},
    {"ingest", "extract articles into the incident database, merging reports", sr_cmd_ingest},
    {"query", "incidents from the database by place, date, type, actor, text", sr_cmd_query},
    {"show", "one incident with its reports, sources, evidence and merge reasons", sr_cmd_show},
    {"export", "the database as CSV, JSONL, GeoJSON, ACLED-like or GTD-like CSV", sr_cmd_export},
    {"serve", "the HTTP API and web UI (map, timeline, evidence) over the database", sr_cmd_serve},
    {"watch", "webhooks for new incidents matching a filter: add, list, rm", sr_cmd_watch},
    {"enqueue", "publish articles to a Redis Stream for sitrep worker", sr_cmd_enqueue},
    {"worker", "extract and store articles from a Redis Stream (many workers)", sr_cmd_worker},
};
#define NVERBS (sizeof VERBS / sizeof *VERBS)

void sr_cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("sitrep: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int sr_cli_is_help(const char *arg) {
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep VERB [OPTIONS] [ARGS]\n"
            "\n"
            "sitrep turns news reports about violent incidents into structured,\n"
            "sourced incident records (sitrep/1 JSON).\n"
            "\n"
            "verbs:\n");
    for (size_t i = 0; i < NVERBS; i++)
        fprintf(f, "  %-10s %s\n", VERBS[i].name, VERBS[i].summary);
    fprintf(f,
            "\n"
            "options:\n"
            "  --help      this text; `sitrep VERB --help` for a verb\n"
            "  --version   print the version and the output schema\n"
            "\n"
            "exit codes:\n"
            "  0  success\n"
            "  1  some documents failed (each is reported on stderr)\n"
            "  2  usage error\n"
            "  3  fatal error (missing data files, out of memory, write error)\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (sr_cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        if (argc > 2)
            for (size_t i = 0; i < NVERBS; i++)
                if (strcmp(argv[2], VERBS[i].name) == 0) {
                    char *args[] = {argv[2], "--help", NULL};
                    return VERBS[i].run(2, args);
                }
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("sitrep %s (%s)\n", SITREP_VERSION, SITREP_SCHEMA);
        return 0;
    }
    for (size_t i = 0; i < NVERBS; i++)
        if (strcmp(argv[1], VERBS[i].name) == 0) return VERBS[i].run(argc - 1, argv + 1);
    sr_cli_error("unknown verb \"%s\" (see sitrep --help)", argv[1]);
    return EXIT_USAGE;
}
