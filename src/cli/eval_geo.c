/*
 * eval_geo.c -- `sitrep eval geo [--errors] [FILE...]`: geoparsing scored
 * against the LGL and GeoVirus corpora (default: ../shared/data/geo/lgl.xml
 * and GeoVirus.xml).
 *
 * Each article's text goes through sr_extract(); the toponyms found
 * (doc->places, names only: not demonyms, not "the capital") are compared
 * with the gold toponyms:
 *
 *   recognition   precision, recall, F1; a found and a gold span match
 *                 when they overlap
 *   resolution    over gold toponyms that were recognised: share within
 *                 161 km (100 miles) of the gold point, mean and median
 *                 error in km
 *   end to end    the same over every gold toponym with a point; a missed
 *                 one counts as wrong with the largest error on Earth
 *                 (20,038 km)
 *
 * Gold offsets count characters; they are turned into byte offsets here.
 * LGL's are exact; GeoVirus's are one too high (the name is at
 * [start-1, end-1)), which the loader corrects and checks against the
 * gold name.  --errors lists every false positive, miss (with the text
 * around it) and wrong resolution.
 * The resolution line is also given for the toponyms resolved below
 * country level: a country's representative point differs between
 * sources by hundreds of km (Russia: 60N 100E in GeoNames and LGL, 60N 90E
 * in GeoVirus, 60.2N 95.7E here).
 * --demonyms counts the demonyms sitrep finds ("Russian") as toponyms:
 * LGL annotates such adjectives as place references, GeoVirus does not.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "eval_geo.h"
#include "../core/doc.h"
#include "../extract/engine.h"
#include "../extract/places.h"

#define FAR_KM 20038.0

typedef struct gold {
    uint32_t start, end;    /* bytes */
    double lat, lon;
    int has_point;
    int found;              /* overlaps a found toponym */
    double err;             /* km, when found and has_point */
} gold;

typedef struct tally {
    size_t docs, ngold, nsys, sys_ok, gold_ok, offset_bad;
    double *res_err;  size_t nres, capres;     /* recognised, with a point */
    size_t npoint;                             /* gold with a point */
    size_t nsub, sub_ok;                       /* resolved below country level */
    double seconds;
} tally;

static void push_err(tally *t, double e) {
    if (t->nres == t->capres) {
        t->capres = t->capres ? t->capres * 2 : 1024;
        double *v = realloc(t->res_err, t->capres * sizeof *v);
        if (!v) return;
        t->res_err = v;
    }
    t->res_err[t->nres++] = e;
}

static const xmlNode *child(const xmlNode *n, const char *name) {
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) return c;
    return NULL;
}

/* Text of a child element (caller frees), or NULL. */
static char *child_text(const xmlNode *n, const char *name) {
    const xmlNode *c = child(n, name);
    return c ? (char *)xmlNodeGetContent(c) : NULL;
}

static int child_double(const xmlNode *n, const char *name, double *v) {
    char *s = child_text(n, name);
    if (!s) return 0;
    char *end;
    *v = strtod(s, &end);
    int ok = end != s;
    xmlFree(s);
    return ok;
}

/* Byte offset of each code point: off[i] for i in 0..ncp. */
static uint32_t *cp_offsets(const char *s, size_t len, size_t *ncp) {
    uint32_t *off = malloc((len + 1) * sizeof *off);
    if (!off) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) off[n++] = (uint32_t)i;
    off[n] = (uint32_t)len;
    *ncp = n;
    return off;
}

/* Found toponyms: names of places; with --demonyms also adjectives
 * ("Russian"), which LGL annotates as toponyms and GeoVirus does not. */
static int counted(const sr_place *p, int demonyms) {
    if (p->gaz == UINT32_MAX) return 0;
    return p->role == SR_PLACE_TOPONYM || (demonyms && p->role == SR_PLACE_DEMONYM);
}

static int overlaps(uint32_t a, uint32_t b, uint32_t c, uint32_t d) { return a < d && c < b; }

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Print the text around [start, end) on one line, 40 bytes each side cut
 * at character boundaries, for the --errors listing of misses. */
static void print_context(const char *text, size_t len, size_t start, size_t end) {
    size_t a = start > 40 ? start - 40 : 0, b = end + 40 < len ? end + 40 : len;
    while (a < start && ((unsigned char)text[a] & 0xC0) == 0x80) a++;
    while (b > end && b < len && ((unsigned char)text[b] & 0xC0) == 0x80) b--;
    for (size_t i = a; i < b; i++) {
        char c = text[i];
        if (i == start) putchar('[');
        putchar(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        if (i + 1 == end) putchar(']');
    }
}

/* One article: gold from its <toponyms> (LGL) or <locations> (GeoVirus). */
static int eval_article(const sr_engine *eng, const xmlNode *art, tally *t, int verbose,
                        int demonyms, size_t docno) {
    char *text = child_text(art, "text");
    if (!text) return 0;
    size_t len = strlen(text), ncp = 0;
    uint32_t *off = cp_offsets(text, len, &ncp);
    if (!off) { xmlFree(text); return -1; }
    gold *g = NULL;
    size_t ng = 0, capg = 0;
    const xmlNode *list = child(art, "toponyms");
    int geovirus = 0;
    if (!list) { list = child(art, "locations"); geovirus = 1; }
    for (const xmlNode *c = list ? list->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        double s, e;
        if (!child_double(c, "start", &s) || !child_double(c, "end", &e)) continue;
        long a = (long)s - geovirus, b = (long)e - geovirus;
        if (a < 0 || b <= a || (size_t)b > ncp) { t->offset_bad++; continue; }
        if (ng == capg) {
            capg = capg ? capg * 2 : 16;
            gold *ng2 = realloc(g, capg * sizeof *g);
            if (!ng2) break;
            g = ng2;
        }
        gold *x = &g[ng++];
        memset(x, 0, sizeof *x);
        x->start = off[a];
        x->end = off[b];
        const xmlNode *pt = geovirus ? c : child(c, "gaztag");
        x->has_point = pt && child_double(pt, "lat", &x->lat) && child_double(pt, "lon", &x->lon);
        char *name = child_text(c, geovirus ? "name" : "phrase");
        if (name && (strlen(name) != x->end - x->start ||
                     memcmp(name, text + x->start, x->end - x->start) != 0))
            t->offset_bad++;
        if (name) xmlFree(name);
    }
    sr_doc *doc = NULL;
    sr_error err = {0};
    char id[32];
    snprintf(id, sizeof id, "%zu", docno);
    if (sr_doc_new(id, &doc) != SR_OK || sr_doc_set_text(doc, text, len) != SR_OK) {
        sr_doc_free(doc);
        free(g); free(off); xmlFree(text);
        return -1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sr_status st = sr_extract(eng, doc, NULL, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    t->seconds += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    const sr_places *pl = st == SR_OK ? doc->places : NULL;
    const char *dt = sr_doc_text(doc, NULL);
    for (size_t i = 0; pl && i < pl->n; i++) {
        const sr_place *p = &pl->v[i];
        if (!counted(p, demonyms)) continue;
        t->nsys++;
        int hit = 0;
        for (size_t k = 0; k < ng; k++)
            if (overlaps(p->start, p->end, g[k].start, g[k].end)) hit = 1;
        if (hit) t->sys_ok++;
        else if (verbose)
            printf("  FP   %-24.*s -> %s %s\n", (int)(p->end - p->start), dt + p->start,
                   p->name, p->country);
    }
    for (size_t k = 0; k < ng; k++) {
        const sr_place *bestp = NULL;
        uint32_t bo = 0;
        for (size_t i = 0; pl && i < pl->n; i++) {
            const sr_place *p = &pl->v[i];
            if (!counted(p, demonyms)) continue;
            if (!overlaps(p->start, p->end, g[k].start, g[k].end)) continue;
            uint32_t o = (p->end < g[k].end ? p->end : g[k].end) -
                         (p->start > g[k].start ? p->start : g[k].start);
            if (o > bo) { bo = o; bestp = p; }
        }
        t->ngold++;
        if (g[k].has_point) t->npoint++;
        if (!bestp) {
            if (verbose) {
                printf("  MISS %-24.*s in \"", (int)(g[k].end - g[k].start), text + g[k].start);
                print_context(text, len, g[k].start, g[k].end);
                printf("\"\n");
            }
            continue;
        }
        t->gold_ok++;
        if (!g[k].has_point) continue;
        double e = sr_geo_km(bestp->lat, bestp->lon, g[k].lat, g[k].lon);
        push_err(t, e);
        if (bestp->kind != SR_GAZ_COUNTRY && bestp->kind != SR_GAZ_REGION) {
            t->nsub++;
            if (e <= 161) t->sub_ok++;
        }
        if (verbose && e > 161)
            printf("  WRONG %-24.*s -> %s %s %s (%.2f,%.2f) gold (%.2f,%.2f) %.0f km\n",
                   (int)(g[k].end - g[k].start), text + g[k].start, bestp->name,
                   bestp->admin1 ? bestp->admin1 : "-", bestp->country, bestp->lat, bestp->lon,
                   g[k].lat, g[k].lon, e);
    }
    t->docs++;
    sr_doc_free(doc);
    free(g);
    free(off);
    xmlFree(text);
    return 0;
}

static void report(const char *name, tally *t) {
    double p = t->nsys ? (double)t->sys_ok / (double)t->nsys : 0;
    double r = t->ngold ? (double)t->gold_ok / (double)t->ngold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    size_t ok = 0;
    double sum = 0;
    for (size_t i = 0; i < t->nres; i++) {
        if (t->res_err[i] <= 161) ok++;
        sum += t->res_err[i];
    }
    qsort(t->res_err, t->nres, sizeof *t->res_err, cmp_double);
    double med = t->nres ? t->res_err[t->nres / 2] : 0;
    /* end to end: misses are wrong, at the largest error */
    size_t miss = t->npoint - t->nres;
    double med_e2e = FAR_KM;
    if (t->npoint && t->npoint / 2 < t->nres) med_e2e = t->res_err[t->npoint / 2];
    printf("%s: %zu articles, %zu gold toponyms, %zu found (%.0f toponyms/s)\n", name, t->docs,
           t->ngold, t->nsys, t->seconds > 0 ? (double)t->nsys / t->seconds : 0);
    if (t->offset_bad) printf("  (%zu gold offsets did not match their names)\n", t->offset_bad);
    printf("  recognition           P %5.1f%%  R %5.1f%%  F1 %5.1f%%\n", 100 * p, 100 * r, 100 * f);
    printf("  resolution (found)    acc@161km %5.1f%%  mean %7.1f km  median %7.1f km  (n=%zu)\n",
           t->nres ? 100.0 * (double)ok / (double)t->nres : 0, t->nres ? sum / (double)t->nres : 0,
           med, t->nres);
    printf("    below country level acc@161km %5.1f%%  (n=%zu)\n",
           t->nsub ? 100.0 * (double)t->sub_ok / (double)t->nsub : 0, t->nsub);
    printf("  end to end (gold)     acc@161km %5.1f%%  mean %7.1f km  median %7.1f km  (n=%zu)\n",
           t->npoint ? 100.0 * (double)ok / (double)t->npoint : 0,
           t->npoint ? (sum + (double)miss * FAR_KM) / (double)t->npoint : 0, med_e2e, t->npoint);
}

int sr_eval_geo(int argc, char **argv) {
    int verbose = 0, demonyms = 0;
    const char *defaults[] = {"../shared/data/geo/lgl.xml", "../shared/data/geo/GeoVirus.xml"};
    const char **files = (const char **)argv + 1;
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (sr_cli_is_help(argv[i])) {
            printf("usage: sitrep eval geo [--errors] [--demonyms] [FILE.xml...]\n"
                   "Scores place recognition and resolution on LGL / GeoVirus XML\n"
                   "(default: %s %s).\n"
                   "--errors    list misses, false positives and wrong resolutions\n"
                   "--demonyms  count adjectives (\"Russian\") found as toponyms\n",
                   defaults[0], defaults[1]);
            return 0;
        }
        if (strcmp(argv[i], "--errors") == 0) { verbose = 1; continue; }
        if (strcmp(argv[i], "--demonyms") == 0) { demonyms = 1; continue; }
        files[nfiles++] = argv[i];
    }
    if (nfiles == 0) { files = defaults; nfiles = 2; }
    sr_engine *eng = sr_cli_engine_open(NULL);
    if (!eng) return EXIT_FATAL;
    if (!eng->gaz) {
        sr_cli_error("no gazetteer (build it with `make data`)");
        sr_engine_close(eng);
        return EXIT_FATAL;
    }
    int rc = 0;
    for (int f = 0; f < nfiles; f++) {
        xmlDoc *x = xmlReadFile(files[f], NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
        if (!x) {
            sr_cli_error("cannot read %s", files[f]);
            rc = EXIT_FATAL;
            continue;
        }
        tally t = {0};
        size_t n = 0;
        for (const xmlNode *a = xmlDocGetRootElement(x)->children; a; a = a->next) {
            if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "article") != 0)
                continue;
            if (verbose) printf("article %zu\n", n);
            if (eval_article(eng, a, &t, verbose, demonyms, n++) != 0) rc = EXIT_FATAL;
        }
        const char *base = strrchr(files[f], '/');
        report(base ? base + 1 : files[f], &t);
        free(t.res_err);
        xmlFreeDoc(x);
    }
    sr_engine_close(eng);
    return rc;
}
