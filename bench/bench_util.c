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
