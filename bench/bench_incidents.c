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

/* What incident assembly reads, the way sr_extract() runs it (places
 * aside): tokens, sentences, numbers, lexicon matches, times. */
static int prep(const sr_engine *e, sr_doc *d) {
    sr_arena *a = &d->arena;
    return sr_tokenize(a, d->text, d->len, &d->toks) ||
                   sr_split_sentences(a, d->text, d->len, &d->toks, &d->sents) ||
                   sr_find_numbers(a, d->text, &d->toks, &d->nums) ||
                   sr_matcher_scan(e->lex, a, &d->toks, &d->lex) ||
                   (e->times && sr_times_stage(e->times, d))
               ? -1
               : 0;
}

static int stage(const sr_engine *e, sr_doc *d) { return sr_incidents_stage(e, e->inc, d); }

static size_t count(const sr_doc *d) { return d->incidents->n; }

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
    static const bench_stage S = {"bench_incidents", prep, stage, count};
    bench_stage_times t;
    int rc = bench_stage_run(&S, e, data, len, runs, &t) ? 1 : 0;
    if (!rc) {
        double s = t.stage, p = t.pass;
        size_t docs = t.docs, incidents = t.found;
        bench_figure("incidents_stage_mb_per_s", 1, (double)len / s / 1e6, "MB/s");
        bench_figure("incidents_stage_docs_per_s", 0, (double)docs / s, "docs/s");
        bench_figure("incidents_stage_share", 1, 100.0 * s / p, "%");
        bench_figure("text_times_incidents_mb_per_s", 1, (double)len / p / 1e6, "MB/s");
        bench_figure("incidents_per_doc", 2, docs ? (double)incidents / (double)docs : 0.0, NULL);
    }
    sr_engine_close(e);
    free(data);
    return rc;
}
