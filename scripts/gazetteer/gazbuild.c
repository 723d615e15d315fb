/*
 * gazbuild.c -- second half of the gazetteer build: packs the TSV written
 * by build.js into data/gazetteer.bin (format: src/extract/gazetteer.h).
 *
 *   gazbuild SOURCE.tsv FEATURES.tsv OUT.bin
 *
 * Every name is tokenized and folded by the library's own tokenizer
 * (text/token.h), so a key is exactly what the recogniser computes from an
 * article's tokens.  Countries and demonyms listed twice (package + hand
 * table) are merged into one record per code.  Candidates of a key are
 * sorted by prior (log10 population + feature weight), best first.
 * Word frequencies (SUBTLEX) become flags on single-token keys.
 *
 * A build tool, not part of the library: it may exit() and keeps no
 * pretence of thrift; it runs once per build in a few seconds.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/extract/gazetteer.h"
#include "../../src/text/token.h"

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "gazbuild: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    exit(1);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) die("out of memory", NULL);
    return q;
}

/* ---- strings --------------------------------------------------------- */
static sr_buf strs;

static uint32_t add_str(const char *s) {
    if (!*s) return 0;
    uint32_t off = (uint32_t)strs.len;
    sr_buf_add(&strs, s, strlen(s) + 1);
    return off;
}

/* ---- places ---------------------------------------------------------- */
static sr_gaz_place *places;
static size_t nplaces, capplaces;

/* ---- keys: a growable open-addressing table in the builder ---------- */
typedef struct key {
    uint32_t hash, off, len, flags;
    uint8_t ntok;
} key;
static key *keys;
static size_t nkeys, capkeys;
static uint32_t *ktab;           /* index + 1 */
static size_t ktab_n;
static sr_buf keybuf;

typedef struct cand { uint32_t key, place; float prior; int primary; } cand;
static cand *cands;
static size_t ncands, capcands;

static void ktab_grow(void) {
    size_t n = ktab_n ? ktab_n * 2 : 1u << 20;
    uint32_t *t = calloc(n, 4);
    if (!t) die("out of memory", NULL);
    for (size_t i = 0; i < nkeys; i++) {
        size_t s = keys[i].hash & (n - 1);
        while (t[s]) s = (s + 1) & (n - 1);
        t[s] = (uint32_t)i + 1;
    }
    free(ktab);
    ktab = t;
    ktab_n = n;
}

static uint32_t key_get(const char *k, size_t n, uint8_t ntok, int create) {
    uint32_t h = sr_gaz_hash(SR_GAZ_HASH_INIT, k, n);
    if (!ktab_n || (nkeys + 1) * 2 > ktab_n) ktab_grow();
    size_t s = h & (ktab_n - 1);
    while (ktab[s]) {
        key *e = &keys[ktab[s] - 1];
        if (e->hash == h && e->len == n && memcmp(keybuf.data + e->off, k, n) == 0)
            return ktab[s] - 1;
        s = (s + 1) & (ktab_n - 1);
    }
    if (!create) return UINT32_MAX;
    if (nkeys == capkeys) {
        capkeys = capkeys ? capkeys * 2 : 1u << 16;
        keys = xrealloc(keys, capkeys * sizeof *keys);
    }
    key *e = &keys[nkeys];
    e->hash = h;
    e->off = (uint32_t)keybuf.len;
    e->len = (uint32_t)n;
    e->flags = 0;
    e->ntok = ntok;
    sr_buf_add(&keybuf, k, n);
    sr_buf_addc(&keybuf, 0);
    ktab[s] = (uint32_t)nkeys + 1;
    return (uint32_t)nkeys++;
}

/* Fold a name into its key: token norms joined by single spaces. */
static int make_key(const char *name, sr_buf *out, uint8_t *ntok) {
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_buf_reset(out);
    int letters = 0;
    if (sr_tokenize(&a, name, strlen(name), &t) != 0) die("out of memory", NULL);
    if (t.n == 0 || t.n > SR_GAZ_MAX_TOKENS) { sr_arena_free(&a); return -1; }
    for (size_t i = 0; i < t.n; i++) {
        if (i) sr_buf_addc(out, ' ');
        sr_buf_add(out, t.v[i].norm, t.v[i].norm_len);
        if (t.v[i].kind == SR_TOK_WORD) letters = 1;
    }
    *ntok = (uint8_t)t.n;
    sr_arena_free(&a);
    return letters ? 0 : -1;
}

static sr_buf kb;

/* Is `alt` the place's own name?  "Washington" is Washington, D.C.'s: a
 * qualifier after a comma is not part of the name. */
static int is_primary(const char *alt, const char *name) {
    if (strcmp(alt, name) == 0) return 1;
    const char *comma = strstr(name, ", ");
    return comma && (size_t)(comma - name) == strlen(alt) &&
           strncmp(alt, name, (size_t)(comma - name)) == 0;
}

static void add_name(const char *name, uint32_t place, int primary) {
    uint8_t ntok;
    if (make_key(name, &kb, &ntok) != 0) return;
    uint32_t k = key_get(kb.data, kb.len, ntok, 1);
    if (ncands == capcands) {
        capcands = capcands ? capcands * 2 : 1u << 20;
        cands = xrealloc(cands, capcands * sizeof *cands);
    }
    cands[ncands++] = (cand){k, place, places[place].prior, primary};
}

/* ---- input ----------------------------------------------------------- */
/* A feature code into 8 NUL-padded bytes (longer codes are cut). */
static void copy_code(char dst[8], const char *src) {
    size_t n = strlen(src);
    memset(dst, 0, 8);
    memcpy(dst, src, n < 7 ? n : 7);
}

typedef struct feat { char code[8]; float w; } feat;
static feat feats[64];
static size_t nfeats;

static float feature_weight(const char *code) {
    for (size_t i = 0; i < nfeats; i++)
        if (strcmp(feats[i].code, code) == 0) return feats[i].w;
    return 0;
}

static size_t split(char *line, char **f, size_t max) {
    size_t n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    char *nl = strchr(f[n - 1], '\n');
    if (nl) *nl = 0;
    return n;
}

static void read_features(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) die("cannot open", path);
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        char *fl[2];
        if (split(line, fl, 2) != 2 || nfeats == 64) continue;
        copy_code(feats[nfeats].code, fl[0]);
        feats[nfeats++].w = (float)atof(fl[1]);
    }
    fclose(f);
}

typedef struct merged { char cc[2]; uint8_t kind; uint32_t place; } merged;
static merged merges[1024];
static size_t nmerges;

static uint32_t find_merge(const char *cc, uint8_t kind) {
    for (size_t i = 0; i < nmerges; i++)
        if (merges[i].kind == kind && memcmp(merges[i].cc, cc, 2) == 0) return merges[i].place;
    return UINT32_MAX;
}

typedef struct capital { char cc[2]; int32_t id; } capital;
static capital caps[400];
static size_t ncaps;

static int cmp_cand(const void *a, const void *b) {
    const cand *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->place != y->place) return x->place < y->place ? -1 : 1;
    return y->primary - x->primary;
}
static int cmp_prior(const void *a, const void *b) {
    const cand *x = a, *y = b;
    if (x->prior != y->prior) return x->prior > y->prior ? -1 : 1;
    return x->place < y->place ? -1 : (x->place > y->place);
}
static int cmp_country(const void *a, const void *b) {
    return memcmp(((const sr_gaz_country *)a)->cc, ((const sr_gaz_country *)b)->cc, 2);
}

static int cmp_area(const void *a, const void *b) {
    const sr_gaz_place *x = &places[*(const uint32_t *)a], *y = &places[*(const uint32_t *)b];
    int c = memcmp(x->cc, y->cc, 2);
    return c ? c : strcmp(strs.data + x->name, strs.data + y->name);
}

static void sum_populations(void) {
    uint32_t *areas = malloc((nplaces + 1) * sizeof *areas);
    double *sum = calloc(nplaces + 1, sizeof *sum);
    if (!areas || !sum) die("out of memory", NULL);
    size_t na = 0;
    for (size_t i = 0; i < nplaces; i++)
        if (places[i].kind == SR_GAZ_ADMIN1) areas[na++] = (uint32_t)i;
    qsort(areas, na, sizeof *areas, cmp_area);
    for (size_t i = 0; i < nplaces; i++) {
        const sr_gaz_place *p = &places[i];
        if (p->kind != SR_GAZ_CITY) continue;
        uint32_t c = find_merge(p->cc, SR_GAZ_COUNTRY);
        if (c != UINT32_MAX) sum[c] += p->population;
        if (!p->admin1) continue;
        size_t lo = 0, hi = na;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            const sr_gaz_place *a = &places[areas[mid]];
            int cmp = memcmp(a->cc, p->cc, 2);
            if (!cmp) cmp = strcmp(strs.data + a->name, strs.data + p->admin1);
            if (cmp == 0) {
                /* several divisions may share a name: credit each */
                for (size_t k = mid; k > 0 && cmp_area(&areas[k - 1], &areas[mid]) == 0; k--)
                    sum[areas[k - 1]] += p->population;
                for (size_t k = mid; k < na && cmp_area(&areas[k], &areas[mid]) == 0; k++)
                    sum[areas[k]] += p->population;
                break;
            }
            if (cmp < 0) lo = mid + 1; else hi = mid;
        }
    }
    for (size_t i = 0; i < nplaces; i++) {
        sr_gaz_place *p = &places[i];
        if (p->kind != SR_GAZ_COUNTRY && p->kind != SR_GAZ_ADMIN1) continue;
        double floor = p->kind == SR_GAZ_COUNTRY ? 1e5 : 1e4;
        double pop = sum[i] > floor ? sum[i] : floor;
        p->population = pop > 4e9 ? 4000000000u : (uint32_t)pop;
        p->prior = (float)(log10(pop + 1) + feature_weight(p->feature));
    }
    free(areas);
    free(sum);
}

static void put(FILE *f, const void *p, size_t n, uint32_t *off) {
    long at = ftell(f);
    while (at % 8) { fputc(0, f); at++; }
    *off = (uint32_t)at;
    if (n && fwrite(p, 1, n, f) != n) die("write failed", NULL);
}

int main(int argc, char **argv) {
    if (argc != 4) die("usage: gazbuild SOURCE.tsv FEATURES.tsv OUT.bin", NULL);
    read_features(argv[2]);
    sr_buf_addc(&strs, 0);
    FILE *in = fopen(argv[1], "r");
    if (!in) die("cannot open", argv[1]);
    char *line = NULL;
    size_t lcap = 0;
    typedef struct wline { char *w; long lo, cap; } wline;
    wline *words = NULL;
    size_t nwords = 0, capwords = 0;
    char **stops = NULL;
    size_t nstops = 0;
    while (getline(&line, &lcap, in) > 0) {
        char *f[10];
        size_t n = split(line, f, 10);
        char kind = f[0][0];
        if (kind == 'K' && n >= 3 && ncaps < 400) {
            memcpy(caps[ncaps].cc, f[1], 2);
            caps[ncaps++].id = atoi(f[2]);
            continue;
        }
        if (kind == 'W' && n >= 4) {
            if (nwords == capwords) {
                capwords = capwords ? capwords * 2 : 4096;
                words = xrealloc(words, capwords * sizeof *words);
            }
            words[nwords++] = (wline){strdup(f[1]), atol(f[2]), atol(f[3])};
            continue;
        }
        if (kind == 'S' && n >= 2) {
            stops = xrealloc(stops, (nstops + 1) * sizeof *stops);
            stops[nstops++] = strdup(f[1]);
            continue;
        }
        if (n < 10) continue;
        char cc[2] = {0, 0};
        if (strcmp(f[3], "-") != 0 && strlen(f[3]) == 2) memcpy(cc, f[3], 2);
        uint32_t pi = UINT32_MAX;
        if ((kind == 'C' || kind == 'D') && cc[0]) pi = find_merge(cc, (uint8_t)kind);
        if (pi == UINT32_MAX) {
            if (nplaces == capplaces) {
                capplaces = capplaces ? capplaces * 2 : 1u << 18;
                places = xrealloc(places, capplaces * sizeof *places);
            }
            pi = (uint32_t)nplaces++;
            sr_gaz_place *p = &places[pi];
            memset(p, 0, sizeof *p);
            p->geonameid = strcmp(f[1], "-") ? atoi(f[1]) : 0;
            p->lat = (float)atof(f[5]);
            p->lon = (float)atof(f[6]);
            p->population = (uint32_t)strtoul(f[7], NULL, 10);
            p->name = add_str(f[2]);
            p->admin1 = strcmp(f[4], "-") ? add_str(f[4]) : 0;
            memcpy(p->cc, cc, 2);
            p->kind = (uint8_t)kind;
            copy_code(p->feature, f[8]);
            p->prior = (float)(log10((double)p->population + 1) + feature_weight(f[8]));
            if ((kind == 'C' || kind == 'D') && cc[0] && nmerges < 1024)
                merges[nmerges++] = (merged){{cc[0], cc[1]}, (uint8_t)kind, pi};
            add_name(f[2], pi, 1);
        }
        for (char *s = f[9], *bar; s && *s; s = bar ? bar + 1 : NULL) {
            bar = strchr(s, '|');
            if (bar) *bar = 0;
            add_name(s, pi, is_primary(s, strs.data + places[pi].name));
        }
    }
    free(line);
    fclose(in);

    /* Word flags on single-token keys: W lines are word, SUBTLEX count
     * (of ~51 million words of subtitles), 1 when a dictionary word. */
    uint8_t ntok;
    for (size_t i = 0; i < nwords; i++) {
        if (make_key(words[i].w, &kb, &ntok) != 0 || ntok != 1) continue;
        uint32_t k = key_get(kb.data, kb.len, ntok, 0);
        if (k == UINT32_MAX) continue;
        long count = words[i].lo, dict = words[i].cap;
        if (dict && count >= 300) keys[k].flags |= SR_GAZ_COMMON_LOWER;
        else if (dict) keys[k].flags |= SR_GAZ_RARE_LOWER;
        else if (count >= 300) keys[k].flags |= SR_GAZ_COMMON_CAP;
    }
    for (size_t i = 0; i < nstops; i++) {
        if (make_key(stops[i], &kb, &ntok) != 0) continue;
        uint32_t k = key_get(kb.data, kb.len, ntok, 0);
        if (k != UINT32_MAX) keys[k].flags |= SR_GAZ_STOP;
    }

    /* Countries and divisions have no population in the sources: they get
     * the sum of their towns' (cities1000, so a lower bound), which puts
     * "Georgia" the country and "Georgia" the state in the right order. */
    sum_populations();
    for (size_t i = 0; i < ncands; i++) cands[i].prior = places[cands[i].place].prior;

    /* Candidates: one per (key, place), primary if any name was; then by
     * key, best prior first. */
    qsort(cands, ncands, sizeof *cands, cmp_cand);
    size_t w = 0;
    for (size_t i = 0; i < ncands; i++) {
        if (w && cands[w - 1].key == cands[i].key && cands[w - 1].place == cands[i].place) continue;
        cands[w++] = cands[i];
    }
    ncands = w;
    uint32_t *first = calloc(nkeys + 1, 4);
    uint32_t *out_c = malloc(ncands * 4 + 4);
    if (!first || !out_c) die("out of memory", NULL);
    for (size_t i = 0; i < ncands;) {
        size_t j = i;
        while (j < ncands && cands[j].key == cands[i].key) j++;
        qsort(cands + i, j - i, sizeof *cands, cmp_prior);
        i = j;
    }
    sr_gaz_entry *ents = calloc(nkeys ? nkeys : 1, sizeof *ents);
    if (!ents) die("out of memory", NULL);
    size_t nc = 0;
    for (size_t i = 0; i < ncands;) {
        size_t j = i;
        while (j < ncands && cands[j].key == cands[i].key) j++;
        size_t take = j - i > 250 ? 250 : j - i;
        key *k = &keys[cands[i].key];
        sr_gaz_entry *e = &ents[cands[i].key];
        e->hash = k->hash;
        e->cand_first = (uint32_t)nc;
        e->ncand = (uint16_t)take;
        e->ntok = k->ntok;
        e->flags = (uint8_t)k->flags;
        e->key = add_str(keybuf.data + k->off);
        for (size_t t = 0; t < take; t++)
            out_c[nc++] = cands[i + t].place | (cands[i + t].primary ? SR_GAZ_CAND_PRIMARY : 0);
        i = j;
    }
    size_t nslots = 1;
    while (nslots < nkeys * 2 + 1) nslots *= 2;
    uint32_t *slots = calloc(nslots, 4);
    if (!slots) die("out of memory", NULL);
    for (size_t i = 0; i < nkeys; i++) {
        size_t s = ents[i].hash & (nslots - 1);
        while (slots[s]) s = (s + 1) & (nslots - 1);
        slots[s] = (uint32_t)i + 1;
    }

    /* Countries and their capitals. */
    sr_gaz_country *ctry = calloc(nmerges + 1, sizeof *ctry);
    size_t nctry = 0;
    for (size_t i = 0; i < nmerges; i++) {
        if (merges[i].kind != SR_GAZ_COUNTRY) continue;
        sr_gaz_country *c = &ctry[nctry++];
        memcpy(c->cc, merges[i].cc, 2);
        c->place = merges[i].place;
        c->capital = UINT32_MAX;
        for (size_t k = 0; k < ncaps; k++) {
            if (memcmp(caps[k].cc, c->cc, 2) != 0) continue;
            for (size_t p = 0; p < nplaces; p++)
                if (places[p].kind == SR_GAZ_CITY && places[p].geonameid == caps[k].id) {
                    c->capital = (uint32_t)p;
                    break;
                }
        }
    }
    qsort(ctry, nctry, sizeof *ctry, cmp_country);
    if (strs.oom || keybuf.oom) die("out of memory", NULL);

    FILE *out = fopen(argv[3], "wb");
    if (!out) die("cannot write", argv[3]);
    sr_gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SR_GAZ_MAGIC, 8);
    h.version = SR_GAZ_VERSION;
    h.header_size = sizeof h;
    h.max_tokens = SR_GAZ_MAX_TOKENS;
    fwrite(&h, sizeof h, 1, out);
    h.nplaces = (uint32_t)nplaces;
    put(out, places, nplaces * sizeof *places, &h.places_off);
    h.nslots = (uint32_t)nslots;
    put(out, slots, nslots * 4, &h.slots_off);
    h.nentries = (uint32_t)nkeys;
    put(out, ents, nkeys * sizeof *ents, &h.entries_off);
    h.ncands = (uint32_t)nc;
    put(out, out_c, nc * 4, &h.cands_off);
    h.ncountries = (uint32_t)nctry;
    put(out, ctry, nctry * sizeof *ctry, &h.countries_off);
    sr_buf_addc(&strs, 0);
    h.strings_size = (uint32_t)strs.len;
    put(out, strs.data, strs.len, &h.strings_off);
    h.file_size = (uint64_t)ftell(out);
    fseek(out, 0, SEEK_SET);
    fwrite(&h, sizeof h, 1, out);
    if (fclose(out) != 0) die("write failed", argv[3]);
    fprintf(stderr, "gazbuild: %zu places, %zu names, %zu candidates, %zu countries, %llu bytes\n",
            nplaces, nkeys, nc, nctry, (unsigned long long)h.file_size);
    return 0;
}
