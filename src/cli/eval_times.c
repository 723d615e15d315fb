/*
 * eval_times.c -- `sitrep eval times [DIR...]`: TempEval-3-style scoring of
 * the temporal tagger on TimeML (.tml) files.
 *
 * Each file is parsed with libxml2.  The document creation time (DCT) is
 * the TIMEX3 with functionInDocument="CREATION_TIME"; it is the reference
 * date and is not scored.  The text of the TEXT element (all its text
 * nodes, in order) is what the tagger sees, and the TIMEX3 elements inside
 * it are the gold expressions, with their byte spans in that text.
 *
 * Scores (micro-averaged over every file), as TempEval-3 defines them:
 *   strict recognition   a prediction with exactly the gold extent
 *   relaxed recognition  a prediction that overlaps a gold expression
 *                        (one-to-one, in text order)
 *   value                a relaxed match whose value equals the gold value,
 *                        counted over predictions (P) and over gold (R)
 *   type                 the same for the TIMEX3 type
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "cli.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../extract/times.h"
#include "../text/token.h"

#ifndef SR_DATADIR
#define SR_DATADIR "data"
#endif

typedef struct gold_tx {
    size_t start, end;
    char type[16];
    char value[64];
} gold_tx;

typedef struct gold_doc {
    sr_buf text;
    gold_tx *v;
    size_t n, cap;
    char dct[11];
} gold_doc;

typedef struct counts {
    long gold, pred, strict, relaxed, value, type;
    long files;
} counts;

static void gold_free(gold_doc *g) {
    sr_buf_free(&g->text);
    free(g->v);
    memset(g, 0, sizeof *g);
}

static void copy_attr(xmlNode *n, const char *name, char *out, size_t cap) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    out[0] = '\0';
    if (!v) return;
    snprintf(out, cap, "%s", (const char *)v);
    xmlFree(v);
}

/* Append the text under n to g->text; record TIMEX3 spans. */
static int collect(xmlNode *n, gold_doc *g) {
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) sr_buf_adds(&g->text, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        int is_tx = xmlStrcmp(c->name, (const xmlChar *)"TIMEX3") == 0;
        size_t start = g->text.len;
        if (collect(c->children, g)) return -1;
        if (!is_tx) continue;
        if (g->n == g->cap) {
            size_t cap = g->cap ? g->cap * 2 : 32;
            gold_tx *v = realloc(g->v, cap * sizeof *v);
            if (!v) return -1;
            g->v = v;
            g->cap = cap;
        }
        gold_tx *t = &g->v[g->n++];
        t->start = start;
        t->end = g->text.len;
        copy_attr(c, "type", t->type, sizeof t->type);
        copy_attr(c, "value", t->value, sizeof t->value);
    }
    return g->text.oom ? -1 : 0;
}

static xmlNode *find(xmlNode *n, const char *name) {
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (xmlStrcmp(c->name, (const xmlChar *)name) == 0) return c;
        xmlNode *r = find(c->children, name);
        if (r) return r;
    }
    return NULL;
}

static xmlNode *find_dct(xmlNode *n) {
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (xmlStrcmp(c->name, (const xmlChar *)"TIMEX3") == 0) {
            xmlChar *f = xmlGetProp(c, (const xmlChar *)"functionInDocument");
            int dct = f && xmlStrcmp(f, (const xmlChar *)"CREATION_TIME") == 0;
            if (f) xmlFree(f);
            if (dct) return c;
        }
        xmlNode *r = find_dct(c->children);
        if (r) return r;
    }
    return NULL;
}

/* 0 ok, -1 unreadable (reported). */
static int load_tml(const char *path, gold_doc *g) {
    memset(g, 0, sizeof *g);
    xmlDoc *x = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!x) {
        sr_cli_error("%s: not well-formed XML, skipped", path);
        return -1;
    }
    xmlNode *root = xmlDocGetRootElement(x);
    xmlNode *dct = find_dct(root);
    xmlNode *text = find(root, "TEXT");
    if (!text) {
        sr_cli_error("%s: no TEXT element, skipped", path);
        xmlFreeDoc(x);
        return -1;
    }
    if (dct) {
        char v[64];
        copy_attr(dct, "value", v, sizeof v);
        if (strlen(v) >= 10) {
            memcpy(g->dct, v, 10);
            g->dct[10] = '\0';
        }
    }
    int rc = collect(text->children, g);
    xmlFreeDoc(x);
    if (rc || !g->text.data) {
        if (rc) sr_cli_error("%s: out of memory", path);
        gold_free(g);
        return -1;
    }
    return 0;
}

static int overlap(size_t a, size_t b, size_t c, size_t d) { return a < d && c < b; }

static void score(const char *path, const gold_doc *g, const sr_times *p, counts *k, int verbose) {
    k->files++;
    k->gold += (long)g->n;
    k->pred += (long)p->n;
    char *used = calloc(p->n ? p->n : 1, 1);
    if (!used) return;
    for (size_t i = 0; i < g->n; i++) {
        const gold_tx *t = &g->v[i];
        size_t hit = (size_t)-1;
        for (size_t j = 0; j < p->n; j++)
            if (!used[j] && overlap(t->start, t->end, p->v[j].start, p->v[j].end)) { hit = j; break; }
        if (hit == (size_t)-1) {
            if (verbose)
                printf("MISS\t%s\t%.*s\t%s\t%s\n", path, (int)(t->end - t->start),
                       g->text.data + t->start, t->type, t->value);
            continue;
        }
        used[hit] = 1;
        const sr_timex *x = &p->v[hit];
        k->relaxed++;
        if (x->start == t->start && x->end == t->end) k->strict++;
        else if (verbose)
            printf("EXTENT\t%s\t%.*s\t[%.*s]\n", path, (int)(t->end - t->start),
                   g->text.data + t->start, (int)(x->end - x->start), g->text.data + x->start);
        if (strcmp(x->value, t->value) == 0) k->value++;
        else if (verbose)
            printf("VALUE\t%s\t%.*s\tgold %s\tgot %s\t(dct %s)\n", path, (int)(t->end - t->start),
                   g->text.data + t->start, t->value, x->value, g->dct);
        if (strcmp(sr_timex_type_name(x->type), t->type) == 0) k->type++;
    }
    if (verbose)
        for (size_t j = 0; j < p->n; j++)
            if (!used[j])
                printf("FALSE\t%s\t%.*s\t%s\n", path, (int)(p->v[j].end - p->v[j].start),
                       g->text.data + p->v[j].start, p->v[j].value);
    free(used);
}

static int run_file(const char *path, const sr_time_words *w, counts *k, int verbose) {
    gold_doc g;
    if (load_tml(path, &g)) return -1;
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens toks;
    sr_times ts = {NULL, 0};
    int rc = 0;
    if (sr_tokenize(&a, g.text.data, g.text.len, &toks) ||
        sr_times_tag(&a, w, g.text.data, &toks, g.dct[0] ? g.dct : NULL, &ts)) {
        sr_cli_error("%s: out of memory", path);
        rc = -1;
    } else {
        score(path, &g, &ts, k, verbose);
    }
    sr_arena_free(&a);
    gold_free(&g);
    return rc;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .tml under dir (sorted), or dir itself when it is a file. */
static int run_path(const char *dir, const sr_time_words *w, counts *k, int verbose) {
    struct stat st;
    if (stat(dir, &st) != 0) {
        sr_cli_error("%s: no such file or directory", dir);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) return run_file(dir, w, k, verbose);
    DIR *d = opendir(dir);
    if (!d) {
        sr_cli_error("%s: cannot open", dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".tml") != 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nv = realloc(names, cap * sizeof *nv);
            if (!nv) break;
            names = nv;
        }
        names[n] = malloc(strlen(dir) + l + 2);
        if (!names[n]) break;
        sprintf(names[n], "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (run_file(names[i], w, k, verbose)) bad++;
        free(names[i]);
    }
    free(names);
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
    const char *data = getenv("SITREP_DATA");
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
    if (!data || !*data) data = SR_DATADIR;
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
