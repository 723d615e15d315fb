/*
 * cmd_watch.c -- `sitrep watch add|list|rm|deliveries`: the watches of a
 * store, as `sitrep serve` delivers them (src/serve/watch.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../core/buf.h"
#include "../serve/params.h"
#include "../serve/watch.h"
#include "../store/store.h"

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep watch add --url URL [FILTER...] [--db LOCATION]\n"
            "       sitrep watch list [--db LOCATION]\n"
            "       sitrep watch rm ID [--db LOCATION]\n"
            "       sitrep watch deliveries ID [--db LOCATION]\n"
            "\n"
            "A watch POSTs every new or updated incident that matches its filter to a\n"
            "webhook, as JSON, while `sitrep serve` runs on the same store.\n"
            "\n"
            "filters (all optional; an incident must pass every one given):\n"
            "  --type T             its type is T (repeat for several)\n"
            "  --country CC         in this country (ISO 3166-1 alpha-2)\n"
            "  --near LAT,LON,KM    within KM km of the point\n"
            "  --min-killed N       at least N killed\n"
            "  --text WORDS         the words occur in its record or evidence\n"
            "options:\n"
            "  --db LOCATION        the store (default sitrep.db)\n"
            "  --help               this text\n");
}

static int print_watch(void *ctx, const sr_store_watch *w) {
    (void)ctx;
    printf("%lld\t%s\t%s\t%s\n", (long long)w->id, w->url, w->filter, w->created);
    return 0;
}

static int print_delivery(void *ctx, const sr_store_delivery *d) {
    (void)ctx;
    printf("%lld\t%s\t%s\t%d attempt%s\t%s\t%s\n", (long long)d->incident_id, d->version,
           d->status, d->attempts, d->attempts == 1 ? "" : "s", d->at,
           d->error ? d->error : "");
    return 0;
}

int sr_cmd_watch(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'b'},      {"url", required_argument, NULL, 'u'},
        {"type", required_argument, NULL, 't'},    {"country", required_argument, NULL, 'c'},
        {"near", required_argument, NULL, 'n'},    {"min-killed", required_argument, NULL, 'k'},
        {"text", required_argument, NULL, 'x'},    {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = "sitrep.db", *url = NULL;
    sr_watch_filter f;
    memset(&f, 0, sizeof f);
    f.min_killed = -1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': db = optarg; break;
        case 'u': url = optarg; break;
        case 't':
            if (!sr_param_word(optarg) || f.ntypes == SR_WATCH_MAX_TYPES) {
                sr_cli_error("--type: a taxonomy type (at most %d)", SR_WATCH_MAX_TYPES);
                return EXIT_USAGE;
            }
            strcpy(f.types[f.ntypes++], optarg);
            break;
        case 'c':
            if (!sr_param_country(optarg)) {
                sr_cli_error("--country: two capital letters (ISO 3166-1 alpha-2)");
                return EXIT_USAGE;
            }
            strcpy(f.country, optarg);
            break;
        case 'n': {
            sr_params p;
            sr_params_init(&p);
            sr_incidents_request rq;
            int ok = sr_params_add(&p, "near", optarg, NULL) == SR_OK &&
                     sr_params_incidents(&p, &rq, NULL) == SR_OK && rq.q.km > 0;
            if (ok) {
                f.near = 1;
                f.lat = rq.q.lat;
                f.lon = rq.q.lon;
                f.km = rq.q.km;
            }
            sr_params_free(&p);
            if (!ok) {
                sr_cli_error("--near: LAT,LON,KM");
                return EXIT_USAGE;
            }
            break;
        }
        case 'k':
            if (!sr_param_int(optarg, 0, 1000000000, &f.min_killed)) {
                sr_cli_error("--min-killed: a whole number >= 0");
                return EXIT_USAGE;
            }
            break;
        case 'x':
            if (!*optarg || strlen(optarg) >= sizeof f.text) {
                sr_cli_error("--text: 1 to 200 bytes");
                return EXIT_USAGE;
            }
            strcpy(f.text, optarg);
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *sub = argv[optind];
    int64_t id = 0;
    int needs_id = strcmp(sub, "rm") == 0 || strcmp(sub, "deliveries") == 0;
    if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 && !needs_id) {
        sr_cli_error("watch: add, list, rm or deliveries, not \"%s\"", sub);
        return EXIT_USAGE;
    }
    if (needs_id && (optind + 2 != argc || !sr_param_int(argv[optind + 1], 1, INT64_MAX, &id))) {
        sr_cli_error("watch %s: one watch id expected", sub);
        return EXIT_USAGE;
    }
    if (!needs_id && optind + 1 != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    sr_buf filter = SR_BUF_INIT;
    if (strcmp(sub, "add") == 0) {
        if (!url || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)) {
            sr_cli_error("watch add: --url http://... or https://... is needed");
            return EXIT_USAGE;
        }
        /* the same checks as POST /api/watches */
        sr_buf body = SR_BUF_INIT;
        sr_watch_filter_json(&f, &filter);
        sr_buf_adds(&body, "{\"url\":\"");
        for (const char *p = url; *p; p++) {
            if (*p == '"' || *p == '\\') sr_buf_addc(&body, '\\');
            sr_buf_addc(&body, *p);
        }
        sr_buf_adds(&body, "\"");
        if (filter.len > 2) {
            sr_buf_addc(&body, ',');
            sr_buf_add(&body, filter.data + 1, filter.len - 1);
        } else {
            sr_buf_addc(&body, '}');
        }
        char checked[2048];
        sr_error err = {0};
        sr_watch_filter g;
        sr_status st = body.oom ? SR_ERR_NOMEM
                                : sr_watch_filter_parse(body.data, body.len, &g, checked, &err);
        sr_buf_free(&body);
        if (st != SR_OK) {
            sr_cli_error("%s", err.message[0] ? err.message : sr_strerror(st));
            sr_buf_free(&filter);
            return EXIT_USAGE;
        }
    }
    sr_error err = {0};
    sr_store *store;
    if (sr_store_open(db, 0, &store, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        sr_buf_free(&filter);
        return err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    }
    sr_status st;
    if (strcmp(sub, "add") == 0) {
        st = sr_store_watch_add(store, url, filter.data, &id, &err);
        if (st == SR_OK) printf("%lld\n", (long long)id);
    } else if (strcmp(sub, "list") == 0) {
        st = sr_store_watch_list(store, print_watch, NULL, &err);
    } else if (strcmp(sub, "rm") == 0) {
        st = sr_store_watch_remove(store, id, &err);
    } else {
        st = sr_store_deliveries(store, id, 0, print_delivery, NULL, &err);
    }
    sr_buf_free(&filter);
    sr_store_close(store);
    if (st != SR_OK) {
        sr_cli_error("%s", err.message);
        return st == SR_ERR_NOTFOUND ? EXIT_DOCS_FAILED : EXIT_FATAL;
    }
    return 0;
}
