/*
 * bench_incidents.c -- throughput of the incident assembly stage alone
 * (src/extract/incidents.c), apart from the stages before it.
 *
 *     build/bench/bench_incidents CORPUS.bin DATA_DIR [RUNS]
 *
 * CORPUS.bin holds documents separated by NUL bytes (bench/mkcorpus.c).
 * Each document goes through the stages incident assembly needs, the way
 * sr_extract() runs them (tokens, sentences, numbers, lexicon matches,
 * times), then through sr_incidents_stage(), one arena per document.  The
 * places stage is left out (it only adds locations), so the figures show
 * what incident assembly itself costs.  The thread's CPU time of the
 * incident stage and of the whole pass are measured per run; the median
 * over RUNS runs (default 7) is printed as "name value unit" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "../src/core/doc.h"
#include "../src/extract/engine.h"
#include "../src/extract/incidents.h"
#include "../src/extract/times.h"

/* One pass; returns 0 and the CPU seconds of the stage and of the pass. */
static int one_run(const sr_engine *e, const char *data, size_t len, double *stage,
                   double *pass, size_t *docs, size_t *incidents) {
    double t0 = bench_cpu_now();
    *stage = 0;
    *docs = *incidents = 0;
    for (size_t off = 0; off < len;) {
        const char *doc = data + off;
        size_t n = strnlen(doc, len - off);
        off += n + 1;
        sr_doc *d;
        if (sr_doc_new("bench", &d) != SR_OK) return -1;
        if (sr_doc_set_text(d, doc, n) != SR_OK) { sr_doc_free(d); continue; }
        sr_arena *a = &d->arena;
        if (sr_tokenize(a, d->text, d->len, &d->toks) ||
            sr_split_sentences(a, d->text, d->len, &d->toks, &d->sents) ||
            sr_find_numbers(a, d->text, &d->toks, &d->nums) ||
            sr_matcher_scan(e->lex, a, &d->toks, &d->lex) ||
            (e->times && sr_times_stage(e->times, d))) {
            sr_doc_free(d);
            return -1;
        }
        double s0 = bench_cpu_now();
        int rc = sr_incidents_stage(e, e->inc, d);
        *stage += bench_cpu_now() - s0;
        if (rc) { sr_doc_free(d); return -1; }
        *incidents += d->incidents->n;
        (*docs)++;
        sr_doc_free(d);
    }
    *pass = bench_cpu_now() - t0;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_incidents CORPUS.bin DATA_DIR [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    if (runs < 1) runs = 1;
    size_t len;
    char *data = bench_read_file("bench_incidents", argv[1], &len);
    if (!data) return 1;
    sr_engine *e;
    sr_error err;
    if (sr_engine_open(argv[2], &e, &err) != SR_OK) {
        fprintf(stderr, "bench_incidents: %s\n", err.message);
        free(data);
        return 1;
    }
    double *st = calloc((size_t)runs, sizeof *st), *ps = calloc((size_t)runs, sizeof *ps);
    size_t docs = 0, incidents = 0;
    int rc = 0;
    for (int r = 0; r < runs && st && ps; r++) {
        if (one_run(e, data, len, &st[r], &ps[r], &docs, &incidents)) {
            fprintf(stderr, "bench_incidents: out of memory\n");
            rc = 1;
            break;
        }
        fprintf(stderr, "run %d: stage %.3f s, pass %.3f s\n", r + 1, st[r], ps[r]);
    }
    if (!rc && st && ps) {
        double s = bench_median(st, (size_t)runs), p = bench_median(ps, (size_t)runs);
        if (s <= 0) s = 1e-9;
        if (p <= 0) p = 1e-9;
        bench_figure("incidents_stage_mb_per_s", 1, (double)len / s / 1e6, "MB/s");
        bench_figure("incidents_stage_docs_per_s", 0, (double)docs / s, "docs/s");
        bench_figure("incidents_stage_share", 1, 100.0 * s / p, "%");
        bench_figure("text_times_incidents_mb_per_s", 1, (double)len / p / 1e6, "MB/s");
        bench_figure("incidents_per_doc", 2, docs ? (double)incidents / (double)docs : 0.0, NULL);
    }
    free(st);
    free(ps);
    sr_engine_close(e);
    free(data);
    return rc;
}
