/*
 * eval_times.c -- `sitrep eval times [DIR...]`: TempEval-3-style scoring of
 * the temporal tagger on TimeML (.tml) files.
 *
 * Each file is read with extract/time_timeml.h (libxml2).  The document
 * creation time (DCT) is the TIMEX3 with functionInDocument="CREATION_TIME";
 * it is the reference date and is not scored.  The text of the TEXT element
 * (all its text nodes, in order) is what the tagger sees, and the TIMEX3
 * elements inside it are the gold expressions, with their byte spans in
 * that text.
 *
 * Scores (micro-averaged over every file), as TempEval-3 defines them:
 *   strict recognition   a prediction with exactly the gold extent
 *   relaxed recognition  a prediction that overlaps a gold expression
 *                        (one-to-one, in text order)
 *   value                a relaxed match whose value equals the gold value,
 *                        counted over predictions (P) and over gold (R)
 *   type                 the same for the TIMEX3 type
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "cli.h"
#include "../core/arena.h"
#include "../extract/time_timeml.h"
#include "../extract/times.h"
#include "../text/token.h"

typedef struct counts {
    long gold, pred, strict, relaxed, value, type;
    long files;
} counts;

static int overlap(size_t a, size_t b, size_t c, size_t d) { return a < d && c < b; }

static void score(const char *path, const sr_timeml *g, const sr_times *p, counts *k, int verbose) {
    k->files++;
    k->gold += (long)g->n;
    k->pred += (long)p->n;
    char *used = calloc(p->n ? p->n : 1, 1);
    if (!used) return;
    for (size_t i = 0; i < g->n; i++) {
        const sr_timeml_tx *t = &g->v[i];
        size_t hit = (size_t)-1;
        for (size_t j = 0; j < p->n; j++)
            if (!used[j] && overlap(t->start, t->end, p->v[j].start, p->v[j].end)) { hit = j; break; }
        if (hit == (size_t)-1) {
            if (verbose)
                printf("MISS\t%s\t%.*s\t%s\t%s\n", path, (int)(t->end - t->start),
                       g->text + t->start, t->type, t->value);
            continue;
        }
        used[hit] = 1;
        const sr_timex *x = &p->v[hit];
        k->relaxed++;
        if (x->start == t->start && x->end == t->end) k->strict++;
        else if (verbose)
            printf("EXTENT\t%s\t%.*s\t[%.*s]\n", path, (int)(t->end - t->start),
                   g->text + t->start, (int)(x->end - x->start), g->text + x->start);
        if (strcmp(x->value, t->value) == 0) k->value++;
        else if (verbose)
            printf("VALUE\t%s\t%.*s\tgold %s\tgot %s\t(dct %s)\n", path, (int)(t->end - t->start),
                   g->text + t->start, t->value, x->value, g->dct);
        if (strcmp(sr_timex_type_name(x->type), t->type) == 0) k->type++;
    }
    if (verbose)
        for (size_t j = 0; j < p->n; j++)
            if (!used[j])
                printf("FALSE\t%s\t%.*s\t%s\n", path, (int)(p->v[j].end - p->v[j].start),
                       g->text + p->v[j].start, p->v[j].value);
    free(used);
}

static int run_file(const char *path, const sr_time_words *w, counts *k, int verbose) {
    sr_timeml g;
    sr_error err;
    if (sr_timeml_read(path, &g, &err) != SR_OK) {
        sr_cli_error("%s, skipped", err.message);
        return -1;
    }
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens toks;
    sr_times ts = {NULL, 0, 0, 0};
    int rc = 0;
    if (sr_tokenize(&a, g.text, g.len, &toks) ||
        sr_times_tag(&a, w, g.text, &toks, g.dct[0] ? g.dct : NULL, &ts)) {
        sr_cli_error("%s: out of memory", path);
        rc = -1;
    } else {
        score(path, &g, &ts, k, verbose);
    }
    sr_arena_free(&a);
    sr_timeml_free(&g);
    return rc;
}

/* Every .tml under dir (sorted), or dir itself when it is a file. */
static int run_path(const char *dir, const sr_time_words *w, counts *k, int verbose) {
    struct stat st;
    if (stat(dir, &st) != 0) {
        sr_cli_error("%s: no such file or directory", dir);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) return run_file(dir, w, k, verbose);
    char **names;
    size_t n;
    sr_error err;
    if (sr_timeml_list(dir, &names, &n, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return -1;
    }
    int bad = 0;
    for (size_t i = 0; i < n; i++)
        if (run_file(names[i], w, k, verbose)) bad++;
    sr_timeml_list_free(names, n);
    return bad ? -1 : 0;
}

static void prf(const char *name, long tp_p, long pred, long tp_r, long gold) {
    double p = pred ? 100.0 * (double)tp_p / (double)pred : 0;
    double r = gold ? 100.0 * (double)tp_r / (double)gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-22s P %5.1f  R %5.1f  F1 %5.1f\n", name, p, r, f);
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep eval times [--data DIR] [-v] [PATH...]\n"
            "\n"
            "TempEval-3-style scores of the temporal tagger on TimeML (.tml)\n"
            "files (each PATH a file or a directory).  Default paths:\n"
            "../shared/data/tempeval3/TimeBank and ../shared/data/tempeval3/AQUAINT.\n"
            "\n"
            "  --data DIR   the data directory (default $SITREP_DATA or the built-in)\n"
            "  -v           list misses, false alarms, extent and value errors\n");
}

int sr_eval_times(int argc, char **argv) {
    const char *data = NULL;
    int verbose = 0;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (sr_cli_is_help(argv[i])) { usage(stdout); return 0; }
        if (strcmp(argv[i], "-v") == 0) verbose = 1;
        else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) data = argv[++i];
        else {
            sr_cli_error("eval times: unknown option %s", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    data = sr_cli_data_dir(data);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/times", data);
    sr_time_words *w;
    sr_error err;
    if (sr_time_words_load(dir, &w, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return EXIT_FATAL;
    }
    static const char *const DEFAULTS[] = {"../shared/data/tempeval3/TimeBank",
                                           "../shared/data/tempeval3/AQUAINT", NULL};
    counts k;
    memset(&k, 0, sizeof k);
    int bad = 0;
    if (i < argc) {
        for (; i < argc; i++)
            if (run_path(argv[i], w, &k, verbose)) bad++;
    } else {
        for (const char *const *d = DEFAULTS; *d; d++)
            if (run_path(*d, w, &k, verbose)) bad++;
    }
    sr_time_words_free(w);
    xmlCleanupParser();
    if (!k.files) {
        sr_cli_error("eval times: no .tml file read");
        return EXIT_FATAL;
    }
    printf("files %ld, gold %ld, predicted %ld\n", k.files, k.gold, k.pred);
    prf("strict recognition", k.strict, k.pred, k.strict, k.gold);
    prf("relaxed recognition", k.relaxed, k.pred, k.relaxed, k.gold);
    prf("value", k.value, k.pred, k.value, k.gold);
    prf("type", k.type, k.pred, k.type, k.gold);
    return bad ? EXIT_DOCS_FAILED : 0;
}
