/*
 * bench_roles.c -- throughput of the role tagger stage alone
 * (src/extract/roles.c: features, Viterbi decoding, spans).
 *
 *     build/bench/bench_roles CORPUS.bin DATA_DIR [RUNS]
 *
 * CORPUS.bin holds documents separated by NUL bytes (bench/mkcorpus.c).
 * Each document gets the text analysis the stage reads (sr_roles_analyse:
 * tokens, sentences, numbers, lexicon matches), then sr_find_roles(), one
 * arena per document.  The thread's CPU time of the stage and of the whole
 * pass are measured per run; the median over RUNS runs (default 7) is
 * printed as "name value unit" lines.  Exits 77 when DATA_DIR has no role
 * model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "../src/core/doc.h"
#include "../src/extract/engine.h"
#include "../src/extract/roles.h"

/* The text analysis the stage reads: tokens, sentences, numbers, lexicon
 * matches. */
static int prep(const sr_engine *e, sr_doc *d) { return sr_roles_analyse(e, d) ? -1 : 0; }

static int stage(const sr_engine *e, sr_doc *d) { return sr_find_roles(e, d); }

static size_t count(const sr_doc *d) { return sr_doc_roles(d)->n; }

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_roles CORPUS.bin DATA_DIR [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    if (runs < 1) runs = 1;
    sr_engine *e;
    sr_error err;
    if (sr_engine_open(argv[2], &e, &err) != SR_OK) {
        fprintf(stderr, "bench_roles: %s\n", err.message);
        return 1;
    }
    if (!e->roles) {
        sr_engine_close(e);
        fprintf(stderr, "no role model in %s/models\n", argv[2]);
        return 77;
    }
    size_t len;
    char *data = bench_read_file("bench_roles", argv[1], &len);
    if (!data) {
        sr_engine_close(e);
        return 1;
    }
    static const bench_stage S = {"bench_roles", prep, stage, count};
    bench_stage_times t;
    int rc = bench_stage_run(&S, e, data, len, runs, &t) ? 1 : 0;
    if (!rc) {
        double s = t.stage, p = t.pass;
        size_t docs = t.docs, spans = t.found;
        bench_figure("roles_stage_mb_per_s", 1, (double)len / s / 1e6, "MB/s");
        bench_figure("roles_stage_docs_per_s", 0, (double)docs / s, "docs/s");
        bench_figure("roles_stage_share", 1, 100.0 * s / p, "%");
        bench_figure("roles_spans_per_doc", 2, docs ? (double)spans / (double)docs : 0.0, NULL);
    }
    sr_engine_close(e);
    free(data);
    return rc;
}
