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
#include <sys/resource.h>
#include <time.h>

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

static double now(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

typedef struct corpus {
    char *data;
    size_t len;
    const char **doc;
    size_t *doclen;
    size_t ndocs;
} corpus;

static int load_corpus(const char *path, corpus *c) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    sr_buf b = SR_BUF_INIT;
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sr_buf_add(&b, chunk, n);
    fclose(f);
    if (b.oom || !b.data) { sr_buf_free(&b); return -1; }
    c->data = sr_buf_steal(&b, &c->len);
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
    double c0 = now(CLOCK_THREAD_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
    sr_arena a;
    for (size_t d = 0; d < c->ndocs; d++) {
        const char *text = c->doc[d];
        size_t len = c->doclen[d];
        sr_tokens toks;
        sr_sentences sents;
        sr_numbers nums;
        sr_matches ms;
        sr_arena_init(&a);
        double t0 = now(CLOCK_MONOTONIC);
        if (sr_tokenize(&a, text, len, &toks)) return -1;
        double t1 = now(CLOCK_MONOTONIC);
        if (sr_split_sentences(&a, text, len, &toks, &sents)) return -1;
        double t2 = now(CLOCK_MONOTONIC);
        if (sr_find_numbers(&a, text, &toks, &nums)) return -1;
        double t3 = now(CLOCK_MONOTONIC);
        if (sr_matcher_scan(m, &a, &toks, &ms)) return -1;
        double t4 = now(CLOCK_MONOTONIC);
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
    r->cpu = now(CLOCK_THREAD_CPUTIME_ID) - c0;
    r->wall = now(CLOCK_MONOTONIC) - w0;
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
    double l0 = now(CLOCK_MONOTONIC);
    if (sr_matcher_new(&m) != SR_OK || sr_matcher_load_dir(m, argv[2], &err) != SR_OK) {
        fprintf(stderr, "bench_text: %s\n", err.message[0] ? err.message : "out of memory");
        return 1;
    }
    double load_ms = (now(CLOCK_MONOTONIC) - l0) * 1e3;
    struct rusage ru0;   /* corpus and lexicons loaded, nothing processed */
    getrusage(RUSAGE_SELF, &ru0);

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
    double cpu = median(v, (size_t)runs);
    for (int i = 0; i < runs; i++) v[i] = rr[i].wall;
    double wall = median(v, (size_t)runs);
    /* a stage's CPU time: its share of the run's stage time (monotonic
     * clock) times the run's CPU time; median over runs */
    double st[NSTAGE];
    for (int s = 0; s < NSTAGE; s++) {
        for (int i = 0; i < runs; i++) {
            double sum = 0;
            for (int k = 0; k < NSTAGE; k++) sum += rr[i].stage[k];
            v[i] = sum > 0 ? rr[i].stage[s] / sum * rr[i].cpu : 0;
        }
        st[s] = median(v, (size_t)runs);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);

    printf("text_corpus_docs %zu docs\n", c.ndocs);
    printf("text_corpus_size %.2f MB\n", mb);
    printf("text_corpus_tokens %zu tokens\n", rr[0].tokens);
    printf("text_runs %d runs\n", runs);
    printf("text_core_throughput %.1f MB/s\n", mb / cpu);
    printf("text_core_throughput_wall %.1f MB/s\n", mb / wall);
    printf("text_core_tokens %.2f Mtokens/s\n", (double)rr[0].tokens / cpu / 1e6);
    printf("text_core_docs %.0f docs/s\n", (double)c.ndocs / cpu);
    for (int s = 0; s < NSTAGE; s++)
        printf("text_stage_%s %.1f MB/s\n", STAGE[s], mb / st[s]);
    printf("text_lexicon_vs_tokenize %.1f %%\n", 100.0 * st[ST_LEX] / st[ST_TOK]);
    printf("text_sentences %zu sentences\n", rr[0].sents);
    printf("text_numbers %zu numbers\n", rr[0].nums);
    printf("text_lexicon_phrases %zu phrases\n", sr_matcher_count(m));
    printf("text_lexicon_matches %zu matches\n", rr[0].matches);
    printf("text_lexicon_load %.1f ms\n", load_ms);
    printf("text_doc_arena_peak %.1f kB\n", (double)rr[0].arena_peak / 1e3);
    printf("text_peak_rss %ld kB\n", ru.ru_maxrss);
    printf("text_rss_before_runs %ld kB\n", ru0.ru_maxrss);
    sr_matcher_free(m);
    free(rr);
    free(v);
    free(c.doc);
    free(c.doclen);
    free(c.data);
    return 0;
}
