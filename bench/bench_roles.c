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

/* One pass; returns 0 and the CPU seconds of the stage and of the pass. */
static int one_run(const sr_engine *e, const char *data, size_t len, double *stage,
                   double *pass, size_t *docs, size_t *spans) {
    double t0 = bench_cpu_now();
    *stage = 0;
    *docs = *spans = 0;
    for (size_t off = 0; off < len;) {
        const char *doc = data + off;
        size_t n = strnlen(doc, len - off);
        off += n + 1;
        sr_doc *d;
        if (sr_doc_new("bench", &d) != SR_OK) return -1;
        if (sr_doc_set_text(d, doc, n) != SR_OK) { sr_doc_free(d); continue; }
        if (sr_roles_analyse(e, d)) { sr_doc_free(d); return -1; }
        double s0 = bench_cpu_now();
        int rc = sr_find_roles(e, d);
        *stage += bench_cpu_now() - s0;
        if (rc) { sr_doc_free(d); return -1; }
        *spans += sr_doc_roles(d)->n;
        (*docs)++;
        sr_doc_free(d);
    }
    *pass = bench_cpu_now() - t0;
    return 0;
}

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
    double *st = calloc((size_t)runs, sizeof *st), *ps = calloc((size_t)runs, sizeof *ps);
    size_t docs = 0, spans = 0;
    int rc = st && ps ? 0 : 1;
    for (int r = 0; r < runs && !rc; r++) {
        if (one_run(e, data, len, &st[r], &ps[r], &docs, &spans)) {
            fprintf(stderr, "bench_roles: out of memory\n");
            rc = 1;
            break;
        }
        fprintf(stderr, "run %d: stage %.3f s, pass %.3f s\n", r + 1, st[r], ps[r]);
    }
    if (!rc) {
        double s = bench_median(st, (size_t)runs), p = bench_median(ps, (size_t)runs);
        if (s <= 0) s = 1e-9;
        if (p <= 0) p = 1e-9;
        bench_figure("roles_stage_mb_per_s", 1, (double)len / s / 1e6, "MB/s");
        bench_figure("roles_stage_docs_per_s", 0, (double)docs / s, "docs/s");
        bench_figure("roles_stage_share", 1, 100.0 * s / p, "%");
        bench_figure("roles_spans_per_doc", 2, docs ? (double)spans / (double)docs : 0.0, NULL);
    }
    free(st);
    free(ps);
    sr_engine_close(e);
    free(data);
    return rc;
}
