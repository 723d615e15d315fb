/*
 * cmd_serve.c -- `sitrep serve`: the HTTP API, the web UI and the watch
 * thread over one store (src/serve/, docs/api.md).
 *
 * Signals are blocked before any thread starts, so that SIGINT/SIGTERM
 * reach only the main thread's sigwait(): it then stops the server and
 * the watcher and closes the store cleanly.
 */
#include <curl/curl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../serve/api.h"
#include "../serve/assets.h"
#include "../serve/server.h"
#include "../serve/watch.h"

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep serve [OPTIONS]\n"
            "\n"
            "Serve the incident database over HTTP: a JSON API (docs/api.md), the web\n"
            "UI (map, timeline, evidence) and watches that POST matching incidents to\n"
            "webhooks.\n"
            "\n"
            "options:\n"
            "  --db LOCATION        the store (default sitrep.db)\n"
            "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; port 0 picks\n"
            "                       a free port)\n"
            "  --token T            the token write endpoints need (Authorization: Bearer T);\n"
            "                       default $SITREP_TOKEN; without one, writes are refused\n"
            "  --web DIR            the UI's files (default: $SITREP_WEB, else web/ beside\n"
            "                       the executable, built by make)\n"
            "  --no-web             the API only\n"
            "  --threads N          request threads (default 4)\n"
            "  --timeout S          close connections idle for S seconds (default 30)\n"
            "  --watch-interval S   seconds between polls for watches (default 1)\n"
            "  --webhook-attempts N attempts per webhook delivery (default 5)\n"
            "  --webhook-backoff S  seconds before the second attempt, doubling (default 1)\n"
            "  --data DIR           data directory (default: built-in, or $SITREP_DATA)\n"
            "  --help               this text\n");
}

static int num(const char *s, double lo, double hi, double *out) {
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= lo && v <= hi)) return 0;
    *out = v;
    return 1;
}

int sr_cmd_serve(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'b'},        {"listen", required_argument, NULL, 'l'},
        {"token", required_argument, NULL, 't'},     {"web", required_argument, NULL, 'w'},
        {"no-web", no_argument, NULL, 'W'},          {"threads", required_argument, NULL, 'T'},
        {"timeout", required_argument, NULL, 'o'},   {"watch-interval", required_argument, NULL, 'i'},
        {"webhook-attempts", required_argument, NULL, 'a'},
        {"webhook-backoff", required_argument, NULL, 'k'},
        {"data", required_argument, NULL, 'D'},      {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    sr_api_config acfg = {"sitrep.db", getenv("SITREP_TOKEN"), NULL};
    const char *listen = "127.0.0.1:8080", *web = NULL;
    int no_web = 0;
    double threads = 4, timeout = 30, interval = 1, attempts = 5, backoff = 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': acfg.db = optarg; break;
        case 'l': listen = optarg; break;
        case 't': acfg.token = optarg; break;
        case 'w': web = optarg; break;
        case 'W': no_web = 1; break;
        case 'D': acfg.data_dir = optarg; break;
        case 'T':
        case 'o':
        case 'i':
        case 'a':
        case 'k': {
            double *dst = c == 'T' ? &threads : c == 'o' ? &timeout : c == 'i' ? &interval
                        : c == 'a' ? &attempts : &backoff;
            const char *name = c == 'T' ? "threads" : c == 'o' ? "timeout"
                             : c == 'i' ? "watch-interval" : c == 'a' ? "webhook-attempts"
                                                                    : "webhook-backoff";
            double lo = c == 'i' || c == 'k' ? 0.01 : 1, hi = c == 'T' ? 64 : 3600;
            if (!num(optarg, lo, hi, dst)) {
                sr_cli_error("--%s: a number from %g to %g", name, lo, hi);
                return EXIT_USAGE;
            }
            break;
        }
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (acfg.token && strlen(acfg.token) < 8) {
        sr_cli_error("--token: at least 8 characters");
        return EXIT_USAGE;
    }
    sr_error err = {0};
    struct sockaddr_storage addr;
    socklen_t alen;
    int loopback;
    if (sr_listen_parse(listen, &addr, &alen, &loopback, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    if (!loopback)
        sr_cli_error("warning: listening on %s, which is not a loopback address: anyone who "
                     "can reach it can read the database", listen);
    sr_assets assets = {NULL, 0};
    if (!no_web) {
        char dir[PATH_MAX];
        if (!web) web = sr_assets_default_dir(dir, sizeof dir);
        if (sr_assets_load(web, &assets, &err) != SR_OK) {
            sr_cli_error("%s (or use --no-web)", err.message);
            return EXIT_FATAL;
        }
    }
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);

    int rc = 0;
    sr_api *api = NULL;
    sr_watcher *watcher = NULL;
    sr_server *server = NULL;
    if (sr_api_open(&acfg, &api, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        rc = err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
        goto done;
    }
    if (!api->engine) sr_cli_error("warning: %s", api->engine_error);
    sr_watcher_config wcfg = {api->store, &api->lock, interval, (int)attempts, backoff, 10, NULL};
    if (sr_watcher_start(&wcfg, &watcher, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        rc = EXIT_FATAL;
        goto done;
    }
    api->on_change = sr_watcher_wake;
    api->on_change_ctx = watcher;
    sr_server_config scfg = {listen, api, no_web ? NULL : &assets, (unsigned)threads,
                             (unsigned)timeout};
    if (sr_server_start(&scfg, &server, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        rc = EXIT_FATAL;
        goto done;
    }
    sr_store_counts counts = {0};
    pthread_mutex_lock(&api->lock);
    sr_store_counts_get(api->store, &counts, NULL);
    pthread_mutex_unlock(&api->lock);
    char host[80];
    snprintf(host, sizeof host, "%s", listen);
    char *colon = host[0] == '[' ? strchr(host, ']') + 1 : strrchr(host, ':');
    *colon = '\0';
    printf("sitrep serve: %lld incidents from %s; open http://%s:%d/  (writes %s; Ctrl-C "
           "stops)\n",
           (long long)counts.incidents, acfg.db, host, sr_server_port(server),
           acfg.token ? "need the token" : "disabled: no --token");
    fflush(stdout);
    int sig;
    sigwait(&sigs, &sig);
    fprintf(stderr, "sitrep serve: stopping\n");
done:
    sr_server_stop(server);
    sr_watcher_stop(watcher);
    sr_api_close(api);
    sr_assets_free(&assets);
    curl_global_cleanup();
    return rc;
}
