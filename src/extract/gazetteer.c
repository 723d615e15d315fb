/*
 * gazetteer.c -- mapping, checking and reading data/gazetteer.bin (the
 * format and why it is a hash table are in gazetteer.h).
 *
 * Opening checks the header and that every section lies inside the file;
 * the records themselves are checked when they are read (an offset into the
 * strings, a candidate index), which costs a compare per read instead of a
 * pass over a million records at start.
 *
 * One pass is made at open, over the names: a bit filter (16 bits per
 * name or name prefix, about 1 MB, small next to the 4 MB slot table and
 * the records) answers "no such name" for most of the n-grams the
 * recogniser looks up without touching the table, and says when no
 * longer name starts with an n-gram, so that the recogniser stops
 * extending it (a word token starts up to 8 n-grams and nearly all are
 * absent).  It never says no wrongly.  A few milliseconds at start.
 */
#include "gazetteer.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/error.h"

struct sr_gazetteer {
    const unsigned char *base;
    size_t size;
    int mapped;                  /* munmap on close */
    const sr_gaz_header *h;
    const sr_gaz_place *places;
    const uint32_t *slots;
    const sr_gaz_entry *entries;
    const uint32_t *cands;
    const sr_gaz_country *countries;
    const char *strings;
    uint64_t *filter;            /* names and prefixes: see build_filter() */
    uint32_t filter_mask;        /* words - 1 */
};

/* The filter: one 64-bit word per hash (so that asking whether an n-gram
 * is a name and whether a longer name starts with it costs one cache
 * line), a bit among the low 32 for a name, among the high 32 for a
 * prefix.  The word index uses other bits of the hash than the slot index. */
static uint64_t filter_word(uint32_t h, uint32_t mask) {
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    return h & mask;
}

static unsigned filter_bit(uint32_t h) {
    h *= 0x9e3779b1u;
    return h >> 27;   /* 0..31 */
}

/* Names and their token prefixes ("san", "san jose" for "san jose del
 * monte": a key's tokens are joined by single spaces, so a prefix ends
 * before a space), 16 filter bits each.  Without memory the table works
 * without a filter. */
static void build_filter(sr_gazetteer *g) {
    const sr_gaz_header *h = g->h;
    uint64_t n = h->nentries;
    for (uint32_t i = 0; i < h->nentries; i++)
        if (g->entries[i].ntok > 1 && g->entries[i].key < h->strings_size)
            n += g->entries[i].ntok - 1u;
    uint64_t words = 1024;
    while (words * 64 < n * 16 && words < (1u << 26)) words <<= 1;
    g->filter = calloc((size_t)words, sizeof *g->filter);
    if (!g->filter) return;
    g->filter_mask = (uint32_t)(words - 1);
    for (uint32_t i = 0; i < h->nentries; i++) {
        const sr_gaz_entry *e = &g->entries[i];
        g->filter[filter_word(e->hash, g->filter_mask)] |= 1ull << filter_bit(e->hash);
        if (e->ntok < 2 || e->key >= h->strings_size) continue;
        /* the strings end with a NUL (checked in check()) */
        uint32_t ph = SR_GAZ_HASH_INIT;
        for (const char *k = g->strings + e->key; *k; k++) {
            if (*k == ' ')
                g->filter[filter_word(ph, g->filter_mask)] |= 1ull << (32 + filter_bit(ph));
            ph = sr_gaz_hash(ph, k, 1);
        }
    }
}

int sr_gaz_may_extend(const sr_gazetteer *g, uint32_t h) {
    return !g->filter ||
           ((g->filter[filter_word(h, g->filter_mask)] >> (32 + filter_bit(h))) & 1);
}

static int section_ok(size_t size, uint32_t off, uint64_t count, size_t rec) {
    if (off % 4 != 0) return 0;
    if (count > (uint64_t)SIZE_MAX / (rec ? rec : 1)) return 0;
    return (uint64_t)off <= size && count * rec <= size - off;
}

static sr_status check(sr_gazetteer *g, sr_error *err) {
    const sr_gaz_header *h = (const sr_gaz_header *)g->base;
    if (g->size < sizeof *h || memcmp(h->magic, SR_GAZ_MAGIC, 8) != 0)
        return sr_fail(err, SR_ERR_DATA, "not a sitrep gazetteer (bad magic)");
    if (h->version != SR_GAZ_VERSION || h->header_size != sizeof *h)
        return sr_fail(err, SR_ERR_DATA,
                       "gazetteer version %u, expected %u (rebuild it: make data)",
                       h->version, SR_GAZ_VERSION);
    if (h->file_size != g->size)
        return sr_fail(err, SR_ERR_DATA, "gazetteer truncated (%zu of %llu bytes)",
                       g->size, (unsigned long long)h->file_size);
    if (!section_ok(g->size, h->places_off, h->nplaces, sizeof(sr_gaz_place)) ||
        !section_ok(g->size, h->slots_off, h->nslots, 4) ||
        !section_ok(g->size, h->entries_off, h->nentries, sizeof(sr_gaz_entry)) ||
        !section_ok(g->size, h->cands_off, h->ncands, 4) ||
        !section_ok(g->size, h->countries_off, h->ncountries, sizeof(sr_gaz_country)) ||
        !section_ok(g->size, h->strings_off, h->strings_size, 1))
        return sr_fail(err, SR_ERR_DATA, "gazetteer corrupt (a section is outside the file)");
    if (h->nslots == 0 || (h->nslots & (h->nslots - 1)) != 0 || h->nentries >= h->nslots)
        return sr_fail(err, SR_ERR_DATA, "gazetteer corrupt (bad hash table size)");
    if (h->strings_size == 0 || g->base[h->strings_off] != 0 ||
        g->base[h->strings_off + h->strings_size - 1] != 0)
        return sr_fail(err, SR_ERR_DATA, "gazetteer corrupt (strings)");
    g->h = h;
    g->places = (const sr_gaz_place *)(g->base + h->places_off);
    g->slots = (const uint32_t *)(g->base + h->slots_off);
    g->entries = (const sr_gaz_entry *)(g->base + h->entries_off);
    g->cands = (const uint32_t *)(g->base + h->cands_off);
    g->countries = (const sr_gaz_country *)(g->base + h->countries_off);
    g->strings = (const char *)(g->base + h->strings_off);
    return SR_OK;
}

sr_status sr_gaz_open_mem(const void *data, size_t size, sr_gazetteer **out,
                          sr_error *err) {
    *out = NULL;
    if ((uintptr_t)data % 8 != 0)
        return sr_fail(err, SR_ERR_ARG, "gazetteer image not 8-byte aligned");
    sr_gazetteer *g = calloc(1, sizeof *g);
    if (!g) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    g->base = data;
    g->size = size;
    sr_status st = check(g, err);
    if (st != SR_OK) { free(g); return st; }
    build_filter(g);
    *out = g;
    return SR_OK;
}

sr_status sr_gaz_open(const char *path, sr_gazetteer **out, sr_error *err) {
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return sr_fail(err, SR_ERR_IO, "cannot open %s", path);
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(sr_gaz_header)) {
        close(fd);
        return sr_fail(err, SR_ERR_DATA, "%s: not a sitrep gazetteer (too small)", path);
    }
    size_t size = (size_t)st.st_size;
    void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) return sr_fail(err, SR_ERR_IO, "cannot map %s", path);
    sr_status s = sr_gaz_open_mem(p, size, out, err);
    if (s != SR_OK) { munmap(p, size); return s; }
    (*out)->mapped = 1;
    return SR_OK;
}

void sr_gaz_close(sr_gazetteer *g) {
    if (!g) return;
    if (g->mapped) munmap((void *)g->base, g->size);
    free(g->filter);
    free(g);
}

size_t sr_gaz_place_count(const sr_gazetteer *g) { return g->h->nplaces; }
size_t sr_gaz_name_count(const sr_gazetteer *g) { return g->h->nentries; }
size_t sr_gaz_bytes(const sr_gazetteer *g) { return g->size; }

const char *sr_gaz_str(const sr_gazetteer *g, uint32_t off) {
    /* The last byte of the strings is NUL (checked at open), so any offset
     * inside them starts a terminated string. */
    return off < g->h->strings_size ? g->strings + off : "";
}

const sr_gaz_entry *sr_gaz_find(const sr_gazetteer *g, uint32_t h,
                                const char *key, size_t n) {
    if (g->filter && !((g->filter[filter_word(h, g->filter_mask)] >> filter_bit(h)) & 1))
        return NULL;   /* surely absent */
    uint32_t mask = g->h->nslots - 1;
    for (uint32_t i = 0, s = h & mask; i <= mask; i++, s = (s + 1) & mask) {
        uint32_t e = g->slots[s];
        if (e == 0) return NULL;
        if (e > g->h->nentries) return NULL;          /* corrupt */
        const sr_gaz_entry *ent = &g->entries[e - 1];
        if (ent->hash != h || ent->key >= g->h->strings_size) continue;
        const char *k = g->strings + ent->key;
        if (g->h->strings_size - ent->key > n && memcmp(k, key, n) == 0 && k[n] == 0)
            return ent;
    }
    return NULL;   /* a full table without the key */
}

int sr_gaz_cand(const sr_gazetteer *g, const sr_gaz_entry *e, size_t i,
                uint32_t *place, int *primary) {
    uint64_t at = (uint64_t)e->cand_first + i;
    if (i >= e->ncand || at >= g->h->ncands) return -1;
    uint32_t c = g->cands[at];
    *primary = (c & SR_GAZ_CAND_PRIMARY) != 0;
    *place = c & ~SR_GAZ_CAND_PRIMARY;
    return *place < g->h->nplaces ? 0 : -1;
}

const sr_gaz_place *sr_gaz_place_at(const sr_gazetteer *g, uint32_t i) {
    return i < g->h->nplaces ? &g->places[i] : NULL;
}

static const sr_gaz_country *find_country(const sr_gazetteer *g, const char cc[2]) {
    size_t lo = 0, hi = g->h->ncountries;   /* sorted by code */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = memcmp(g->countries[mid].cc, cc, 2);
        if (c == 0) return &g->countries[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

uint32_t sr_gaz_country_place(const sr_gazetteer *g, const char cc[2]) {
    const sr_gaz_country *c = find_country(g, cc);
    return c && c->place < g->h->nplaces ? c->place : UINT32_MAX;
}

uint32_t sr_gaz_capital(const sr_gazetteer *g, const char cc[2]) {
    const sr_gaz_country *c = find_country(g, cc);
    return c && c->capital < g->h->nplaces ? c->capital : UINT32_MAX;
}

sr_status sr_gaz_load_dir(const char *data_dir, sr_gazetteer **out, sr_buf *notes,
                          sr_error *err) {
    *out = NULL;
    sr_buf path = {0};
    sr_buf_printf(&path, "%s/gazetteer.bin", data_dir);
    if (path.oom) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    struct stat st;
    if (stat(path.data, &st) != 0) {
        sr_buf_printf(notes, "gazetteer: none (%s missing; `make data` builds it)\n", path.data);
        sr_buf_free(&path);
        return SR_OK;
    }
    sr_status s = sr_gaz_open(path.data, out, err);
    if (s == SR_OK)
        sr_buf_printf(notes, "gazetteer: %zu places, %zu names from %s\n",
                      sr_gaz_place_count(*out), sr_gaz_name_count(*out), path.data);
    sr_buf_free(&path);
    return s;
}
