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

#include "../src/core/doc.h"
#include "../src/extract/engine.h"
#include "../src/extract/roles.h"

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static char *read_all(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = sz >= 0 ? malloc((size_t)sz + 1) : NULL;
    *n = p ? fread(p, 1, (size_t)sz, f) : 0;
    fclose(f);
    if (p) p[*n] = 0;
    return p;
}

/* One pass; returns 0 and the CPU seconds of the stage and of the pass. */
static int one_run(const sr_engine *e, const char *data, size_t len, double *stage,
                   double *pass, size_t *docs, size_t *spans) {
    double t0 = cpu_now();
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
        double s0 = cpu_now();
        int rc = sr_find_roles(e, d);
        *stage += cpu_now() - s0;
        if (rc) { sr_doc_free(d); return -1; }
        *spans += sr_doc_roles(d)->n;
        (*docs)++;
        sr_doc_free(d);
    }
    *pass = cpu_now() - t0;
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
    char *data = read_all(argv[1], &len);
    if (!data) {
        sr_engine_close(e);
        fprintf(stderr, "bench_roles: cannot read %s\n", argv[1]);
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
        qsort(st, (size_t)runs, sizeof *st, cmp_double);
        qsort(ps, (size_t)runs, sizeof *ps, cmp_double);
        double s = st[runs / 2] > 0 ? st[runs / 2] : 1e-9, p = ps[runs / 2] > 0 ? ps[runs / 2] : 1e-9;
        printf("roles_stage_mb_per_s %.1f MB/s\n", (double)len / s / 1e6);
        printf("roles_stage_docs_per_s %.0f docs/s\n", (double)docs / s);
        printf("roles_stage_share %.1f %%\n", 100.0 * s / p);
        printf("roles_spans_per_doc %.2f\n", docs ? (double)spans / (double)docs : 0.0);
    }
    free(st);
    free(ps);
    sr_engine_close(e);
    free(data);
    return rc;
}
