/*
 * cmd_query.c -- `sitrep query`: incidents from the store by filters, as a
 * table on a terminal and JSONL otherwise (or --format).  `sitrep export`
 * (cmd_export.c) is the same loop with another default format and usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "store_cli.h"
#include "../store/export.h"
#include "../store/store.h"

typedef struct out_ctx {
    sr_exporter x;
    sr_buf buf;
    int werr;
} out_ctx;

static int flush_out(out_ctx *o) {
    if (o->buf.oom) return -1;
    if (o->buf.len && fwrite(o->buf.data, 1, o->buf.len, stdout) != o->buf.len) return -1;
    sr_buf_reset(&o->buf);
    return 0;
}

static int on_incident(void *ctx, const sr_store_incident *inc) {
    out_ctx *o = ctx;
    sr_export_incident(&o->x, inc);
    if (o->buf.len > 1 << 16 && flush_out(o)) {
        o->werr = 1;
        return 1;
    }
    return 0;
}

static void usage(FILE *f, int export) {
    if (export)
        fprintf(f,
                "usage: sitrep export [--db LOCATION] --format FMT [FILTERS]\n"
                "\n"
                "Write the incidents of the store (all, or those the filters keep) to\n"
                "standard output.\n"
                "\n"
                "  --format FMT        csv, jsonl, geojson, acled or gtd (default jsonl);\n"
                "                      acled and gtd use those datasets' column names\n"
                "                      (docs/export.md)\n");
    else
        fprintf(f,
                "usage: sitrep query [--db LOCATION] [FILTERS] [--format FMT]\n"
                "\n"
                "Print the incidents that pass every filter, most recent first: a table\n"
                "on a terminal, JSONL otherwise.\n"
                "\n"
                "  --format FMT        table, jsonl, csv or geojson\n");
    fprintf(f,
            "  --db LOCATION       the store (default sitrep.db)\n"
            "\n"
            "filters:\n"
            "  --country CC        ISO 3166-1 alpha-2 code, e.g. ML\n"
            "  --near LAT,LON      within --km kilometres (default 50) of a point\n"
            "  --km N\n"
            "  --since DATE        YYYY, YYYY-MM or YYYY-MM-DD\n"
            "  --until DATE\n"
            "  --type TYPE         a taxonomy type, e.g. armed_assault\n"
            "  --actor NAME        a perpetrator, organisation or claimant (any case)\n"
            "  --text QUERY        full-text search of the evidence sentences (FTS5)\n"
            "  --min-killed N\n"
            "  --status S          main or background\n"
            "  --limit N           at most N incidents\n");
}

int sr_cli_query_main(int argc, char **argv, int export) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'b'},      {"country", required_argument, NULL, 'c'},
        {"near", required_argument, NULL, 'n'},    {"km", required_argument, NULL, 'k'},
        {"since", required_argument, NULL, 's'},   {"until", required_argument, NULL, 'u'},
        {"type", required_argument, NULL, 't'},    {"actor", required_argument, NULL, 'a'},
        {"text", required_argument, NULL, 'x'},    {"min-killed", required_argument, NULL, 'm'},
        {"status", required_argument, NULL, 'S'},  {"limit", required_argument, NULL, 'l'},
        {"format", required_argument, NULL, 'f'},  {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = "sitrep.db";
    sr_query q;
    sr_query_init(&q);
    q.km = 50;
    sr_export_format fmt = export ? SR_EXPORT_JSONL
                                  : isatty(STDOUT_FILENO) ? SR_EXPORT_TABLE : SR_EXPORT_JSONL;
    int c;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': db = optarg; break;
        case 'c': q.country = optarg; break;
        case 'n':
            q.near = 1;
            q.lat = strtod(optarg, &end);
            if (*end != ',') { sr_cli_error("--near wants LAT,LON, not \"%s\"", optarg); return EXIT_USAGE; }
            q.lon = strtod(end + 1, &end);
            if (*end) { sr_cli_error("--near wants LAT,LON, not \"%s\"", optarg); return EXIT_USAGE; }
            break;
        case 'k':
            q.km = strtod(optarg, &end);
            if (*end || !(q.km > 0)) { sr_cli_error("--km wants a positive number"); return EXIT_USAGE; }
            break;
        case 's': q.since = optarg; break;
        case 'u': q.until = optarg; break;
        case 't': q.type = optarg; break;
        case 'a': q.actor = optarg; break;
        case 'x': q.text = optarg; break;
        case 'm':
            q.min_killed = strtoll(optarg, &end, 10);
            if (*end || q.min_killed < 0) { sr_cli_error("--min-killed wants a number >= 0"); return EXIT_USAGE; }
            break;
        case 'S': q.status = optarg; break;
        case 'l':
            q.limit = strtoll(optarg, &end, 10);
            if (*end || q.limit < 1) { sr_cli_error("--limit wants a number >= 1"); return EXIT_USAGE; }
            break;
        case 'f':
            if (sr_export_format_parse(optarg, &fmt) ||
                (export && fmt == SR_EXPORT_TABLE) ||
                (!export && (fmt == SR_EXPORT_ACLED || fmt == SR_EXPORT_GTD))) {
                sr_cli_error("unknown format \"%s\" (see --help)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout, export); return 0;
        default: usage(stderr, export); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        sr_cli_error("unexpected argument \"%s\"", argv[optind]);
        return EXIT_USAGE;
    }
    sr_error err = {0};
    sr_store *store;
    if (sr_store_open(db, 1, &store, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    }
    out_ctx o = {0};
    sr_export_begin(&o.x, fmt, &o.buf);
    sr_status st = sr_store_query(store, &q, on_incident, &o, &err);
    if (st == SR_OK) sr_export_end(&o.x);
    int rc = 0;
    if (st != SR_OK) {
        sr_cli_error("%s", err.message);
        rc = st == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    } else if (o.werr || flush_out(&o) || fflush(stdout) != 0) {
        sr_cli_error("cannot write output");
        rc = EXIT_FATAL;
    }
    sr_buf_free(&o.buf);
    sr_store_close(store);
    return rc;
}

int sr_cmd_query(int argc, char **argv) {
    return sr_cli_query_main(argc, argv, 0);
}
