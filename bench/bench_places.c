/*
 * bench_places.c -- the gazetteer and the place stage: load time, memory,
 * and toponyms resolved per second.
 *
 *     build/bench/bench_places GAZETTEER CORPUS.bin RUNS
 *
 * Load: RUNS times open (mmap + header and section checks) and close the
 * gazetteer; the median wall time is the start-up cost an engine pays
 * (the file is in the page cache after the first run, as on a server).
 * Memory: the file's size (mapped, shared between processes, paged in on
 * use), the resident set right after loading, and after the timed passes
 * (which hold the whole tokenized corpus).
 * Throughput: the corpus (NUL-separated texts, bench/mkcorpus.c) is
 * tokenized and split once per document outside the clock; RUNS timed
 * passes run only sr_find_places() (recognition + resolution) on every
 * document, thread CPU time, median.
 *
 * Output: "name value unit" lines on stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "../src/core/doc.h"
#include "../src/extract/gazetteer.h"
#include "../src/extract/places.h"

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: bench_places GAZETTEER CORPUS.bin RUNS\n");
        return 2;
    }
    int runs = atoi(argv[3]);
    if (runs < 5) runs = 5;
    double *t = calloc((size_t)runs, sizeof *t);
    sr_gazetteer *g = NULL;
    sr_error err;
    for (int r = 0; r < runs; r++) {
        double t0 = bench_now(CLOCK_MONOTONIC);
        if (sr_gaz_open(argv[1], &g, &err) != SR_OK) {
            fprintf(stderr, "bench_places: %s\n", err.message);
            return 1;
        }
        t[r] = bench_now(CLOCK_MONOTONIC) - t0;
        if (r + 1 < runs) sr_gaz_close(g);
    }
    bench_figure("gazetteer_load", 3, 1e3 * bench_median(t, (size_t)runs), "ms");
    bench_figure("gazetteer_file", 1, (double)sr_gaz_bytes(g) / 1048576.0, "MB");
    bench_figure("gazetteer_names", 0, (double)sr_gaz_name_count(g), "names");
    bench_figure("gazetteer_rss_after_load", 1, (double)bench_rss_kb() / 1024.0, "MB");

    size_t n;
    char *corpus = bench_read_file("bench_places", argv[2], &n);
    if (!corpus) return 1;
    /* documents, tokenized and split once */
    size_t ndocs = 0, cap = 0, bytes = 0;
    sr_doc **docs = NULL;
    for (size_t i = 0; i < n;) {
        size_t len = strnlen(corpus + i, n - i);
        if (len) {
            sr_doc *d = NULL;
            if (ndocs == cap) {
                cap = cap ? cap * 2 : 256;
                docs = realloc(docs, cap * sizeof *docs);
                if (!docs) return 1;
            }
            if (sr_doc_new("b", &d) == SR_OK && sr_doc_set_text(d, corpus + i, len) == SR_OK &&
                sr_tokenize(&d->arena, d->text, d->len, &d->toks) == 0 &&
                sr_split_sentences(&d->arena, d->text, d->len, &d->toks, &d->sents) == 0) {
                docs[ndocs++] = d;
                bytes += len;
            } else {
                sr_doc_free(d);
            }
        }
        i += len + 1;
    }
    size_t toponyms = 0;
    for (int r = 0; r < runs; r++) {
        size_t found = 0;
        double t0 = bench_now(CLOCK_THREAD_CPUTIME_ID);
        for (size_t k = 0; k < ndocs; k++) {
            sr_doc *d = docs[k];
            d->nsections = 0;   /* each pass registers its section afresh */
            if (sr_find_places(g, NULL, d) != 0) return 1;
            for (size_t m = 0; m < d->places->n; m++)
                if (d->places->v[m].gaz != UINT32_MAX) found++;
        }
        t[r] = bench_now(CLOCK_THREAD_CPUTIME_ID) - t0;
        toponyms = found;
    }
    double s = bench_median(t, (size_t)runs);
    bench_figure("places_docs", 0, (double)ndocs, "docs");
    bench_figure("places_toponyms", 0, (double)toponyms, "toponyms");
    bench_figure("places_toponyms_per_s", 0, (double)toponyms / s, "toponyms/s");
    bench_figure("places_mb_per_s", 2, (double)bytes / 1048576.0 / s, "MB/s");
    /* mostly the corpus's documents, held in memory for the timed passes */
    bench_figure("places_rss_with_corpus", 1, (double)bench_rss_kb() / 1024.0, "MB");
    for (size_t k = 0; k < ndocs; k++) sr_doc_free(docs[k]);
    free(docs);
    free(corpus);
    free(t);
    sr_gaz_close(g);
    return 0;
}
