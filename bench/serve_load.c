/*
 * serve_load.c -- a bounded HTTP load test for `sitrep serve`: a fixed
 * number of GET requests over loopback, from C client threads, each with
 * one kept-alive connection (libcurl), and the figures of the run.
 *
 *   serve_load NAME URL REQUESTS THREADS
 *
 * prints, as "name value unit" lines (bench/run.sh's format):
 *   NAME_requests, NAME_rps (requests per second, wall clock),
 *   NAME_p50_ms, NAME_p99_ms (latency of one request), NAME_errors.
 * Any answer other than 200 counts as an error; the exit status is 1 when
 * there was one.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"

typedef struct worker {
    const char *url;
    long n;
    double *lat;
    long errors;
    size_t bytes;
} worker;

static size_t count_bytes(char *p, size_t size, size_t n, void *ctx) {
    (void)p;
    *(size_t *)ctx += size * n;
    return size * n;
}

static void *run(void *arg) {
    worker *w = arg;
    CURL *c = curl_easy_init();
    if (!c) {
        w->errors = w->n;
        return NULL;
    }
    curl_easy_setopt(c, CURLOPT_URL, w->url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, count_bytes);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &w->bytes);
    for (long i = 0; i < w->n; i++) {
        double t0 = bench_now_ms();
        CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        w->lat[i] = bench_now_ms() - t0;
        if (rc != CURLE_OK || status != 200) w->errors++;
    }
    curl_easy_cleanup(c);
    return NULL;
}

/* A figure named NAME_what. */
static void figure(const char *name, const char *what, int decimals, double v, const char *unit) {
    char full[256];
    snprintf(full, sizeof full, "%s_%s", name, what);
    bench_figure(full, decimals, v, unit);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: serve_load NAME URL REQUESTS THREADS\n");
        return 2;
    }
    const char *name = argv[1], *url = argv[2];
    long total = atol(argv[3]);
    int threads = atoi(argv[4]);
    if (total < 1 || total > 10000000 || threads < 1 || threads > 256 || threads > total) {
        fprintf(stderr, "serve_load: 1 <= THREADS <= REQUESTS\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    double *lat = calloc((size_t)total, sizeof *lat);
    worker *w = calloc((size_t)threads, sizeof *w);
    pthread_t *th = calloc((size_t)threads, sizeof *th);
    if (!lat || !w || !th) return 1;
    long at = 0;
    for (int t = 0; t < threads; t++) {
        w[t].url = url;
        w[t].n = total / threads + (t < total % threads);
        w[t].lat = lat + at;
        at += w[t].n;
    }
    double t0 = bench_now_ms();
    for (int t = 0; t < threads; t++) pthread_create(&th[t], NULL, run, &w[t]);
    long errors = 0;
    size_t bytes = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(th[t], NULL);
        errors += w[t].errors;
        bytes += w[t].bytes;
    }
    double wall = bench_now_ms() - t0;
    bench_sort(lat, (size_t)total);
    figure(name, "requests", 0, (double)total, "requests");
    figure(name, "rps", 0, total / (wall / 1000), "requests/s");
    figure(name, "p50_ms", 2, bench_quantile(lat, (size_t)total, 0.5), "ms");
    figure(name, "p99_ms", 2, bench_quantile(lat, (size_t)total, 0.99), "ms");
    figure(name, "response_bytes", 0, (double)(bytes / (size_t)total), "bytes");
    figure(name, "errors", 0, (double)errors, "errors");
    free(lat);
    free(w);
    free(th);
    curl_global_cleanup();
    return errors ? 1 : 0;
}
