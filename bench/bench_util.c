/*
 * bench_util.c -- clocks, medians, memory figures, the corpus file and
 * result lines for the benchmark programs (see bench_util.h).
 */
#include "bench_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "../src/core/doc.h"
#include "../src/core/file.h"

double bench_now(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double bench_cpu_now(void) { return bench_now(CLOCK_THREAD_CPUTIME_ID); }

double bench_wall_now(void) { return bench_now(CLOCK_MONOTONIC); }

double bench_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void bench_sort(double *v, size_t n) { qsort(v, n, sizeof *v, cmp_double); }

double bench_quantile(const double *sorted, size_t n, double q) {
    return sorted[(size_t)(q * (double)(n - 1) + 0.5)];
}

double bench_median(double *v, size_t n) {
    bench_sort(v, n);
    return v[n / 2];
}

double bench_median_mean(double *v, size_t n) {
    bench_sort(v, n);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

long bench_rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    if (f) fclose(f);
    return kb;
}

long bench_peak_rss_kb(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

char *bench_read_file(const char *prog, const char *path, size_t *len) {
    char *data;
    sr_error err;
    if (sr_file_read(path, SIZE_MAX, &data, len, &err) != SR_OK) {
        fprintf(stderr, "%s: %s\n", prog, err.message);
        return NULL;
    }
    return data;
}

void bench_figure(const char *name, int decimals, double value, const char *unit) {
    if (unit) printf("%s %.*f %s\n", name, decimals, value, unit);
    else printf("%s %.*f\n", name, decimals, value);
}

/* One pass of bench_stage_run. */
static int stage_pass(const bench_stage *s, const sr_engine *e, const char *data, size_t len,
                      double *stage, double *pass, size_t *docs, size_t *found) {
    double t0 = bench_cpu_now();
    *stage = 0;
    *docs = *found = 0;
    for (size_t off = 0; off < len;) {
        const char *doc = data + off;
        size_t n = strnlen(doc, len - off);
        off += n + 1;
        sr_doc *d;
        if (sr_doc_new("bench", &d) != SR_OK) return -1;
        if (sr_doc_set_text(d, doc, n) != SR_OK) { sr_doc_free(d); continue; }
        if (s->prep(e, d)) { sr_doc_free(d); return -1; }
        double s0 = bench_cpu_now();
        int rc = s->stage(e, d);
        *stage += bench_cpu_now() - s0;
        if (rc) { sr_doc_free(d); return -1; }
        *found += s->count(d);
        (*docs)++;
        sr_doc_free(d);
    }
    *pass = bench_cpu_now() - t0;
    return 0;
}

int bench_stage_run(const bench_stage *s, const sr_engine *e, const char *data, size_t len,
                    int runs, bench_stage_times *out) {
    double *st = calloc((size_t)runs, sizeof *st), *ps = calloc((size_t)runs, sizeof *ps);
    int rc = st && ps ? 0 : -1;
    for (int r = 0; r < runs && !rc; r++) {
        rc = stage_pass(s, e, data, len, &st[r], &ps[r], &out->docs, &out->found);
        if (!rc) fprintf(stderr, "run %d: stage %.3f s, pass %.3f s\n", r + 1, st[r], ps[r]);
    }
    if (rc) {
        fprintf(stderr, "%s: out of memory\n", s->prog);
    } else {
        out->stage = bench_median(st, (size_t)runs);
        out->pass = bench_median(ps, (size_t)runs);
        if (out->stage <= 0) out->stage = 1e-9;
        if (out->pass <= 0) out->pass = 1e-9;
    }
    free(st);
    free(ps);
    return rc;
}
