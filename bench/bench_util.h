/*
 * bench_util.h -- what every benchmark program shares: clocks, medians,
 * memory figures, the corpus file, and the "name value unit" result lines
 * bench/run.sh collects.
 *
 * mk/bench.mk links bench/bench_util.c into every program of bench/ (it is
 * not a program itself).
 */
#ifndef SR_BENCH_UTIL_H
#define SR_BENCH_UTIL_H

#include <stddef.h>
#include <time.h>

#include "sitrep.h"

/* Seconds on a clock: CLOCK_THREAD_CPUTIME_ID (the thread's CPU time, the
 * honest figure on a shared machine) or CLOCK_MONOTONIC (wall time). */
double bench_now(clockid_t clock);
double bench_cpu_now(void);    /* bench_now(CLOCK_THREAD_CPUTIME_ID) */
double bench_wall_now(void);   /* bench_now(CLOCK_MONOTONIC) */
double bench_now_ms(void);     /* CLOCK_MONOTONIC in milliseconds */

/* Sort v[0..n) ascending. */
void bench_sort(double *v, size_t n);
/* Sorts v and returns v[n / 2]: the median for odd n, the upper of the two
 * middle values for even n.  n >= 1. */
double bench_median(double *v, size_t n);
/* Sorts v and returns the median, the mean of the two middle values for
 * even n (bench_text's figures have always been taken this way).  n >= 1. */
double bench_median_mean(double *v, size_t n);
/* The q-quantile (0..1) of sorted v[0..n): v[(size_t)(q * (n - 1) + 0.5)];
 * q = 0.5 gives v[n / 2]. */
double bench_quantile(const double *sorted, size_t n, double q);

/* The resident set now (VmRSS of /proc/self/status), kB; -1 if unknown. */
long bench_rss_kb(void);
/* The peak resident set so far (getrusage ru_maxrss), kB. */
long bench_peak_rss_kb(void);

/* The whole file (NUL-terminated, *len without the NUL; free() it), or
 * NULL with a message "PROG: PATH: ..." on stderr. */
char *bench_read_file(const char *prog, const char *path, size_t *len);

/* Print one figure: "name value unit\n" with `decimals` digits after the
 * point (0 for counts), or "name value\n" when unit is NULL. */
void bench_figure(const char *name, int decimals, double value, const char *unit);

/* One extraction stage timed apart from the stages before it, over a
 * corpus of NUL-separated documents (bench/mkcorpus.c).  Per document: a
 * new sr_doc with the text (a document whose text is refused is skipped),
 * prep() (untimed within the pass), stage() (timed alone), count() of what
 * it found; one arena per document.  prep and stage return 0, else -1
 * (out of memory). */
typedef struct bench_stage {
    const char *prog;                                  /* for messages */
    int (*prep)(const sr_engine *e, sr_doc *d);
    int (*stage)(const sr_engine *e, sr_doc *d);
    size_t (*count)(const sr_doc *d);
} bench_stage;

/* Medians over the runs: the thread's CPU seconds of the stage and of the
 * whole pass (at least 1e-9 each); documents and items found per pass. */
typedef struct bench_stage_times {
    double stage, pass;
    size_t docs, found;
} bench_stage_times;

/* `runs` passes over data[0..len), "run N: stage S s, pass P s" on stderr
 * after each; 0, or -1 after "PROG: out of memory". */
int bench_stage_run(const bench_stage *s, const sr_engine *e, const char *data, size_t len,
                    int runs, bench_stage_times *out);

#endif
