/*
 * bench_text.c -- throughput of the text core: tokenize, split sentences,
 * find numbers, scan the lexicons.
 *
 *     build/bench/bench_text CORPUS.bin LEXICON_DIR [RUNS]
 *
 * CORPUS.bin holds documents separated by NUL bytes (bench/mkcorpus.c).
 * The whole corpus is read into memory first, then processed RUNS times
 * (default 7, at least 5) on one thread, running the text stages the way
 * sr_extract() does: one arena per document, released after it.  For each run
 * the thread's CPU time is measured (the machine is shared, so CPU time is
 * the honest "per core" figure; wall time is reported too), and each stage
 * is timed separately (see one_run).  Medians over the runs are reported.
 *
 * Output: one "name value unit" line per figure on stdout (bench/run.sh
 * collects them into build/bench/results.txt); progress on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "../src/core/arena.h"
#include "../src/core/buf.h"
#include "../src/text/matcher.h"
#include "../src/text/number.h"
#include "../src/text/sentence.h"
#include "../src/text/token.h"

enum { ST_TOK, ST_SENT, ST_NUM, ST_LEX, NSTAGE };
static const char *const STAGE[NSTAGE] = {"tokenize", "sentences", "numbers", "lexicon"};

typedef struct run_result {
    double cpu, wall;          /* seconds for the whole pass */
    double stage[NSTAGE];      /* seconds per stage (monotonic clock) */
    size_t tokens, sents, nums, matches, arena_peak;
} run_result;

typedef struct corpus {
    char *data;
    size_t len;
    const char **doc;
    size_t *doclen;
    size_t ndocs;
} corpus;

static int load_corpus(const char *path, corpus *c) {
    c->data = bench_read_file("bench_text", path, &c->len);
    if (!c->data) return -1;
    size_t cap = 0;
    for (size_t i = 0; i < c->len; i++) cap += c->data[i] == '\0';
    cap++;
    c->doc = malloc(cap * sizeof *c->doc);
    c->doclen = malloc(cap * sizeof *c->doclen);
    if (!c->doc || !c->doclen) return -1;
    size_t start = 0;
    for (size_t i = 0; i <= c->len; i++) {
        if (i == c->len || c->data[i] == '\0') {
            if (i > start) {
                c->doc[c->ndocs] = c->data + start;
                c->doclen[c->ndocs++] = i - start;
            }
            start = i + 1;
        }
    }
    return 0;
}

/* One pass over the corpus, one document at a time as sr_extract() does;
 * -1 when out of memory.  The pass is timed with the thread's CPU clock;
 * stages are timed with the monotonic clock (a CPU-clock read is a system
 * call here, ~1 us, too dear per document; a monotonic read is ~50 ns) and
 * their shares are applied to the CPU time (see main). */
static int one_run(const corpus *c, const sr_matcher *m, run_result *r) {
    memset(r, 0, sizeof *r);
    double c0 = bench_now(CLOCK_THREAD_CPUTIME_ID), w0 = bench_now(CLOCK_MONOTONIC);
    sr_arena a;
    for (size_t d = 0; d < c->ndocs; d++) {
        const char *text = c->doc[d];
        size_t len = c->doclen[d];
        sr_tokens toks;
        sr_sentences sents;
        sr_numbers nums;
        sr_matches ms;
        sr_arena_init(&a);
        double t0 = bench_now(CLOCK_MONOTONIC);
        if (sr_tokenize(&a, text, len, &toks)) return -1;
        double t1 = bench_now(CLOCK_MONOTONIC);
        if (sr_split_sentences(&a, text, len, &toks, &sents)) return -1;
        double t2 = bench_now(CLOCK_MONOTONIC);
        if (sr_find_numbers(&a, text, &toks, &nums)) return -1;
        double t3 = bench_now(CLOCK_MONOTONIC);
        if (sr_matcher_scan(m, &a, &toks, &ms)) return -1;
        double t4 = bench_now(CLOCK_MONOTONIC);
        r->stage[ST_TOK] += t1 - t0;
        r->stage[ST_SENT] += t2 - t1;
        r->stage[ST_NUM] += t3 - t2;
        r->stage[ST_LEX] += t4 - t3;
        r->tokens += toks.n;
        r->sents += sents.n;
        r->nums += nums.n;
        r->matches += ms.n;
        if (a.total > r->arena_peak) r->arena_peak = a.total;
        sr_arena_free(&a);
    }
    r->cpu = bench_now(CLOCK_THREAD_CPUTIME_ID) - c0;
    r->wall = bench_now(CLOCK_MONOTONIC) - w0;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_text CORPUS.bin LEXICON_DIR [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    if (runs < 5) runs = 5;
    corpus c = {0};
    if (load_corpus(argv[1], &c) || c.ndocs == 0) {
        fprintf(stderr, "bench_text: cannot read a corpus from %s\n", argv[1]);
        return 1;
    }
    sr_matcher *m = NULL;
    sr_error err = {0};
    double l0 = bench_now(CLOCK_MONOTONIC);
    if (sr_matcher_new(&m) != SR_OK || sr_matcher_load_dir(m, argv[2], &err) != SR_OK) {
        fprintf(stderr, "bench_text: %s\n", err.message[0] ? err.message : "out of memory");
        return 1;
    }
    double load_ms = (bench_now(CLOCK_MONOTONIC) - l0) * 1e3;
    long rss0 = bench_peak_rss_kb();   /* corpus and lexicons loaded, nothing processed */

    run_result *rr = calloc((size_t)runs, sizeof *rr);
    double *v = calloc((size_t)runs, sizeof *v);
    if (!rr || !v) return 1;
    run_result warm;
    if (one_run(&c, m, &warm)) { fprintf(stderr, "bench_text: out of memory\n"); return 1; }
    for (int i = 0; i < runs; i++) {
        if (one_run(&c, m, &rr[i])) { fprintf(stderr, "bench_text: out of memory\n"); return 1; }
        fprintf(stderr, "bench_text: run %d: %.3f s cpu, %.3f s wall\n", i + 1, rr[i].cpu,
                rr[i].wall);
    }
    double mb = (double)c.len / 1e6;
    for (int i = 0; i < runs; i++) v[i] = rr[i].cpu;
    double cpu = bench_median_mean(v, (size_t)runs);
    for (int i = 0; i < runs; i++) v[i] = rr[i].wall;
    double wall = bench_median_mean(v, (size_t)runs);
    /* a stage's CPU time: its share of the run's stage time (monotonic
     * clock) times the run's CPU time; median over runs */
    double st[NSTAGE];
    for (int s = 0; s < NSTAGE; s++) {
        for (int i = 0; i < runs; i++) {
            double sum = 0;
            for (int k = 0; k < NSTAGE; k++) sum += rr[i].stage[k];
            v[i] = sum > 0 ? rr[i].stage[s] / sum * rr[i].cpu : 0;
        }
        st[s] = bench_median_mean(v, (size_t)runs);
    }
    long rss = bench_peak_rss_kb();

    bench_figure("text_corpus_docs", 0, (double)c.ndocs, "docs");
    bench_figure("text_corpus_size", 2, mb, "MB");
    bench_figure("text_corpus_tokens", 0, (double)rr[0].tokens, "tokens");
    bench_figure("text_runs", 0, (double)runs, "runs");
    bench_figure("text_core_throughput", 1, mb / cpu, "MB/s");
    bench_figure("text_core_throughput_wall", 1, mb / wall, "MB/s");
    bench_figure("text_core_tokens", 2, (double)rr[0].tokens / cpu / 1e6, "Mtokens/s");
    bench_figure("text_core_docs", 0, (double)c.ndocs / cpu, "docs/s");
    for (int s = 0; s < NSTAGE; s++) {
        char name[64];
        snprintf(name, sizeof name, "text_stage_%s", STAGE[s]);
        bench_figure(name, 1, mb / st[s], "MB/s");
    }
    bench_figure("text_lexicon_vs_tokenize", 1, 100.0 * st[ST_LEX] / st[ST_TOK], "%");
    bench_figure("text_sentences", 0, (double)rr[0].sents, "sentences");
    bench_figure("text_numbers", 0, (double)rr[0].nums, "numbers");
    bench_figure("text_lexicon_phrases", 0, (double)sr_matcher_count(m), "phrases");
    bench_figure("text_lexicon_matches", 0, (double)rr[0].matches, "matches");
    bench_figure("text_lexicon_load", 1, load_ms, "ms");
    bench_figure("text_doc_arena_peak", 1, (double)rr[0].arena_peak / 1e3, "kB");
    bench_figure("text_peak_rss", 0, (double)rss, "kB");
    bench_figure("text_rss_before_runs", 0, (double)rss0, "kB");
    sr_matcher_free(m);
    free(rr);
    free(v);
    free(c.doc);
    free(c.doclen);
    free(c.data);
    return 0;
}
