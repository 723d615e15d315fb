/*
 * cmd_show.c -- `sitrep show ID`: one incident, its reconciled values, and
 * each report that built it with its document, sources, evidence sentences
 * and the reason it was merged.  --json prints the stored record instead.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../store/store.h"

static const char *js(json_t *o, const char *k) {
    json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void print_count(const char *name, json_t *c) {
    if (!json_is_object(c)) return;
    json_t *mx = json_object_get(c, "max");
    printf("  %-10s %lld", name, (long long)json_integer_value(json_object_get(c, "value")));
    printf("   (reports give %lld", (long long)json_integer_value(json_object_get(c, "min")));
    if (json_is_integer(mx) && json_integer_value(mx) != json_integer_value(json_object_get(c, "min")))
        printf(" to %lld", (long long)json_integer_value(mx));
    else if (json_is_integer(mx)) {
    }
    else printf(" or more");
    printf("; %lld report%s, %lld well sourced)\n",
           (long long)json_integer_value(json_object_get(c, "reports")),
           json_integer_value(json_object_get(c, "reports")) == 1 ? "" : "s",
           (long long)json_integer_value(json_object_get(c, "well_sourced")));
}

static void print_list(const char *label, json_t *arr) {
    size_t i;
    json_t *v;
    if (!json_array_size(arr)) return;
    printf("  %-10s ", label);
    json_array_foreach(arr, i, v) {
        const char *s = json_is_string(v) ? json_string_value(v) : js(v, "text");
        printf("%s%s", i ? "; " : "", s ? s : "?");
    }
    printf("\n");
}

static int on_incident(void *ctx, const sr_store_incident *inc) {
    int as_json = *(int *)ctx;
    if (as_json) {
        printf("%s\n", inc->json);
        return 0;
    }
    json_t *rec = json_loads(inc->json, 0, NULL);
    printf("Incident %lld: %s (%s)\n", (long long)inc->id, inc->type,
           inc->main ? "main" : "background");
    printf("  %-10s %s (%s)\n", "date", inc->date ? inc->date : "unknown",
           inc->date_precision ? inc->date_precision : "unknown");
    if (inc->place || inc->country) {
        printf("  %-10s %s%s%s%s%s", "place", inc->place ? inc->place : "",
               inc->admin1 && inc->place && strcmp(inc->admin1, inc->place) ? ", " : "",
               inc->admin1 && inc->place && strcmp(inc->admin1, inc->place) ? inc->admin1 : "",
               inc->country ? ", " : "", inc->country ? inc->country : "");
        if (inc->has_geo) printf(" (%.4f, %.4f)", inc->lat, inc->lon);
        printf(" [%s]\n", inc->place_precision ? inc->place_precision : "?");
    }
    print_list("types", json_object_get(rec, "types"));
    print_list("orgs", json_object_get(rec, "perpetrator_orgs"));
    print_list("claimed by", json_object_get(rec, "claimed_by"));
    json_t *cas = json_object_get(rec, "casualties");
    const char *k;
    json_t *c;
    json_object_foreach(cas, k, c) print_count(k, c);
    printf("  %-10s %lld\n", "reports", (long long)inc->nreports);
    json_decref(rec);
    return 0;
}

static int on_report(void *ctx, const sr_store_report *r) {
    int *n = ctx;
    json_t *o = json_loads(r->json, 0, NULL);
    printf("\nReport %d: %s -- document %s", ++*n, js(o, "id") ? js(o, "id") : "?", r->doc_key);
    if (r->title) printf(" \"%s\"", r->title);
    if (r->published) printf(" (%s)", r->published);
    printf("\n  %-10s %s (score %.2f)\n", "merged", r->reason ? r->reason : "?", r->score);
    json_t *date = json_object_get(o, "date"), *loc = json_object_get(o, "location");
    printf("  %-10s %s, %s, %s", "says", js(o, "type") ? js(o, "type") : "?",
           js(o, "status") ? js(o, "status") : "?",
           js(date, "value") ? js(date, "value") : "undated");
    if (json_is_object(loc))
        printf(", %s %s", js(loc, "name") ? js(loc, "name") : "?",
               js(loc, "country") ? js(loc, "country") : "");
    printf("\n");
    json_t *cas = json_object_get(o, "casualties"), *c;
    const char *k;
    json_object_foreach(cas, k, c) {
        if (!json_is_object(c)) continue;
        json_t *mx = json_object_get(c, "max");
        printf("  %-10s %lld", k, (long long)json_integer_value(json_object_get(c, "min")));
        if (!json_is_integer(mx)) printf("+");
        else if (json_integer_value(mx) != json_integer_value(json_object_get(c, "min")))
            printf("-%lld", (long long)json_integer_value(mx));
        printf(" \"%s\"%s%s\n", js(c, "text") ? js(c, "text") : "",
               js(c, "source") ? " -- " : "", js(c, "source") ? js(c, "source") : "");
    }
    json_t *srcs = json_object_get(o, "sources"), *s;
    size_t i;
    json_array_foreach(srcs, i, s) {
        printf("  %-10s %s%s%s\n", i ? "" : "sources", js(s, "name") ? js(s, "name") : "?",
               js(s, "via") ? " via " : "", js(s, "via") ? js(s, "via") : "");
    }
    json_t *ev = json_object_get(o, "evidence"), *e;
    json_array_foreach(ev, i, e) {
        printf("  %-10s \"%s\"\n", i ? "" : "evidence", js(e, "text") ? js(e, "text") : "");
    }
    json_decref(o);
    return 0;
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep show [--db LOCATION] [--json] ID\n"
            "\n"
            "Print an incident of the store: its reconciled values, then each report\n"
            "of it with its document, sources, evidence sentences and why it was\n"
            "merged.\n"
            "\n"
            "  --db LOCATION   the store (default sitrep.db)\n"
            "  --json          print the stored incident record (JSON) instead\n");
}

int sr_cmd_show(int argc, char **argv) {
    static const struct option longopts[] = {{"db", required_argument, NULL, 'b'},
                                              {"json", no_argument, NULL, 'j'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    const char *db = "sitrep.db";
    int as_json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': db = optarg; break;
        case 'j': as_json = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return EXIT_USAGE;
    }
    char *end;
    long long id = strtoll(argv[optind], &end, 10);
    if (*end || id < 1) {
        sr_cli_error("an incident id is a number, not \"%s\"", argv[optind]);
        return EXIT_USAGE;
    }
    sr_error err = {0};
    sr_store *store;
    if (sr_store_open(db, 1, &store, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    }
    int n = 0, rc = 0;
    sr_status st = sr_store_incident_get(store, id, on_incident, &as_json, &err);
    if (st == SR_OK && !as_json) st = sr_store_reports(store, id, on_report, &n, &err);
    if (st != SR_OK) {
        sr_cli_error("%s", err.message);
        rc = st == SR_ERR_NOTFOUND ? EXIT_DOCS_FAILED : EXIT_FATAL;
    }
    if (fflush(stdout) != 0) rc = EXIT_FATAL;
    sr_store_close(store);
    return rc;
}
