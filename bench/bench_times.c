/*
 * bench_times.c -- throughput of the temporal tagger, and the sentences and
 * answers the chrono-node comparison (bench/chrono_times.js) reads.
 *
 *     build/bench/bench_times TIMES_DIR OUT_PREFIX RUNS TML_DIR...
 *
 * Every .tml file of the TML_DIRs (TempEval-3 TimeBank and AQUAINT) gives
 * its document creation time (the reference date) and the text of its
 * TEXT element, split into sentences with the project's splitter.  The
 * sentences are written to OUT_PREFIX.sentences.jsonl, {"text","ref"} per
 * line, so that chrono-node parses exactly the same strings against the
 * same reference dates.
 *
 * Timed: RUNS passes (at least 5) over all sentences on one thread, each
 * sentence tokenized and tagged in its own arena the way the pipeline
 * does (chrono-node also starts from raw text).  The thread's CPU time is
 * measured; medians are reported.  The tagger's answers are written to
 * OUT_PREFIX.sitrep.jsonl: per sentence an array of {"s","e","type",
 * "value"} with s and e in UTF-16 code units, the unit of JavaScript
 * string indexes.
 *
 * Output: "name value unit" lines on stdout; progress on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "bench_util.h"
#include "../src/core/arena.h"
#include "../src/core/buf.h"
#include "../src/extract/time_timeml.h"
#include "../src/extract/times.h"
#include "../src/text/sentence.h"
#include "../src/text/token.h"

typedef struct sentence {
    char *text;
    size_t len;
    char ref[11];
} sentence;

typedef struct corpus {
    sentence *v;
    size_t n, cap;
    size_t bytes;
} corpus;

static int add_sentence(corpus *c, const char *s, size_t n, const char *ref) {
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        sentence *v = realloc(c->v, cap * sizeof *v);
        if (!v) return -1;
        c->v = v;
        c->cap = cap;
    }
    sentence *x = &c->v[c->n];
    x->text = malloc(n + 1);
    if (!x->text) return -1;
    memcpy(x->text, s, n);
    x->text[n] = '\0';
    x->len = n;
    snprintf(x->ref, sizeof x->ref, "%s", ref);
    c->n++;
    c->bytes += n;
    return 0;
}

/* The sentences of one .tml file (those with a letter in them). */
static void read_tml(const char *path, corpus *c) {
    sr_timeml g;
    sr_error err;
    if (sr_timeml_read(path, &g, &err) != SR_OK) {
        fprintf(stderr, "bench_times: %s, skipped\n", err.message);
        return;
    }
    if (g.dct[0]) {
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens toks;
        sr_sentences ss;
        if (sr_tokenize(&a, g.text, g.len, &toks) == 0 &&
            sr_split_sentences(&a, g.text, g.len, &toks, &ss) == 0)
            for (size_t i = 0; i < ss.n; i++) {
                const sr_sentence *s = &ss.v[i];
                int letter = 0;
                for (uint32_t k = s->tok_first; k < s->tok_first + s->tok_n; k++)
                    if (toks.v[k].kind == SR_TOK_WORD) letter = 1;
                if (letter) add_sentence(c, g.text + s->start, s->end - s->start, g.dct);
            }
        sr_arena_free(&a);
    }
    sr_timeml_free(&g);
}

static void read_dir(const char *dir, corpus *c) {
    char **names;
    size_t n;
    if (sr_timeml_list(dir, &names, &n, NULL) != SR_OK) {
        fprintf(stderr, "bench_times: %s: not found, skipped\n", dir);
        return;
    }
    for (size_t i = 0; i < n; i++) read_tml(names[i], c);
    sr_timeml_list_free(names, n);
}

/* UTF-16 code units in s[0..n). */
static size_t utf16_len(const char *s, size_t n) {
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xC0) != 0x80) u += b >= 0xF0 ? 2 : 1;
    }
    return u;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: bench_times TIMES_DIR OUT_PREFIX RUNS TML_DIR...\n");
        return 2;
    }
    int runs = atoi(argv[3]);
    if (runs < 5) runs = 5;
    sr_time_words *w;
    sr_error err;
    if (sr_time_words_load(argv[1], &w, &err) != SR_OK) {
        fprintf(stderr, "bench_times: %s\n", err.message);
        return 1;
    }
    corpus c = {0};
    for (int i = 4; i < argc; i++) read_dir(argv[i], &c);
    if (!c.n) {
        fprintf(stderr, "bench_times: no sentences\n");
        return 1;
    }
    fprintf(stderr, "bench_times: %zu sentences, %zu bytes\n", c.n, c.bytes);

    char path[4096];
    snprintf(path, sizeof path, "%s.sentences.jsonl", argv[2]);
    FILE *fs = fopen(path, "w");
    if (!fs) { fprintf(stderr, "bench_times: cannot write %s\n", path); return 1; }
    for (size_t i = 0; i < c.n; i++) {
        json_t *o = json_pack("{s:s%,s:s}", "text", c.v[i].text, c.v[i].len, "ref", c.v[i].ref);
        char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;
        if (line) fprintf(fs, "%s\n", line);
        free(line);
        json_decref(o);
    }
    fclose(fs);

    double *cpu = calloc((size_t)runs, sizeof *cpu), *wall = calloc((size_t)runs, sizeof *wall);
    size_t found = 0;
    for (int r = 0; r < runs && cpu && wall; r++) {
        double c0 = bench_cpu_now(), w0 = bench_wall_now();
        found = 0;
        for (size_t i = 0; i < c.n; i++) {
            sr_arena a;
            sr_arena_init(&a);
            sr_tokens toks;
            sr_times ts;
            if (sr_tokenize(&a, c.v[i].text, c.v[i].len, &toks) == 0 &&
                sr_times_tag(&a, w, c.v[i].text, &toks, c.v[i].ref, &ts) == 0)
                found += ts.n;
            sr_arena_free(&a);
        }
        cpu[r] = bench_cpu_now() - c0;
        wall[r] = bench_wall_now() - w0;
    }
    if (!cpu || !wall) return 1;
    double mc = bench_median(cpu, (size_t)runs), mw = bench_median(wall, (size_t)runs);

    snprintf(path, sizeof path, "%s.sitrep.jsonl", argv[2]);
    FILE *fo = fopen(path, "w");
    if (!fo) { fprintf(stderr, "bench_times: cannot write %s\n", path); return 1; }
    for (size_t i = 0; i < c.n; i++) {
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens toks;
        sr_times ts = {NULL, 0, 0, 0};
        json_t *arr = json_array();
        if (sr_tokenize(&a, c.v[i].text, c.v[i].len, &toks) == 0 &&
            sr_times_tag(&a, w, c.v[i].text, &toks, c.v[i].ref, &ts) == 0)
            for (size_t k = 0; k < ts.n; k++) {
                const sr_timex *x = &ts.v[k];
                size_t s = utf16_len(c.v[i].text, x->start);
                size_t e = s + utf16_len(c.v[i].text + x->start, x->end - x->start);
                json_array_append_new(arr, json_pack("{s:i,s:i,s:s,s:s}", "s", (json_int_t)s, "e",
                                                     (json_int_t)e, "type",
                                                     sr_timex_type_name(x->type), "value", x->value));
            }
        char *line = json_dumps(arr, JSON_COMPACT);
        if (line) fprintf(fo, "%s\n", line);
        free(line);
        json_decref(arr);
        sr_arena_free(&a);
    }
    fclose(fo);

    bench_figure("times_sentences", 0, (double)c.n, "count");
    bench_figure("times_expressions", 0, (double)found, "count");
    bench_figure("times_sitrep_sentences_per_s", 0, (double)c.n / mc, "sent/s");
    bench_figure("times_sitrep_mb_per_s", 2, (double)c.bytes / mc / 1e6, "MB/s");
    bench_figure("times_sitrep_wall_s", 4, mw, "s");
    free(cpu);
    free(wall);
    for (size_t i = 0; i < c.n; i++) free(c.v[i].text);
    free(c.v);
    sr_time_words_free(w);
    xmlCleanupParser();
    return 0;
}
