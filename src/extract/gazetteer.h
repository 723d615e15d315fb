/*
 * gazetteer.h -- the world gazetteer: a file of places and their names,
 * memory-mapped at start and read in place.
 *
 * The file (data/gazetteer.bin, built by `make data` from GeoNames and
 * country data, see docs/places.md) holds:
 *
 *   places      fixed 40-byte records: populated places (GeoNames
 *               cities1000), countries, first-level divisions, US
 *               counties, continents and regions, and demonyms (which
 *               point at a country)
 *   countries   per ISO code: its country record and its capital
 *   names       an open-addressing hash table over name keys.  A key is a
 *               name tokenized and folded exactly like article text
 *               (token.h, normalize.h), token norms joined by one space:
 *               "côte d'ivoire" -> "cote d'ivoire".  Each key lists its
 *               candidate places, best prior first, and flags saying
 *               whether it is also a common English word.
 *   strings     NUL-terminated UTF-8 (names, keys, admin1 names)
 *
 * Why not the phrase matcher (text/matcher.h): it builds a trie in memory
 * from TSV at every start, which is right for a few thousand lexicon
 * phrases but would cost seconds and hundreds of megabytes for a million
 * names.  Here the hash table is built once, offline, and used as it lies
 * on disk: loading is an mmap plus a header check, and a lookup is one
 * FNV-1a hash (computed incrementally over tokens, so trying every n-gram
 * at a position costs one pass) and a probe or two.
 *
 * Every offset read from the file is checked before it is followed, so a
 * corrupt or truncated file is rejected or yields no match, never a crash
 * (tests/fuzz/fuzz_gazetteer.c).
 */
#ifndef SR_GAZETTEER_H
#define SR_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../core/buf.h"

#define SR_GAZ_MAGIC "SRGAZ\x01\r\n"
#define SR_GAZ_VERSION 1u
#define SR_GAZ_MAX_TOKENS 8   /* longest name key, in tokens */

/* Kinds of place record. */
enum {
    SR_GAZ_CITY = 'P',
    SR_GAZ_COUNTRY = 'C',
    SR_GAZ_ADMIN1 = 'A',
    SR_GAZ_ADMIN2 = 'B',     /* US counties */
    SR_GAZ_REGION = 'R',
    SR_GAZ_DEMONYM = 'D',
};

/* Name flags. */
enum {
    SR_GAZ_COMMON_LOWER = 1u << 0, /* a frequent dictionary word ("police") */
    SR_GAZ_COMMON_CAP   = 1u << 1, /* frequent, not in the dictionary: a
                                      name of people ("Moore", "Lincoln") */
    SR_GAZ_STOP         = 1u << 2, /* listed in data/places/stop-toponyms.tsv */
    SR_GAZ_RARE_LOWER   = 1u << 3, /* a less frequent dictionary word */
};

/* Top bit of a candidate: the key is the place's primary name. */
#define SR_GAZ_CAND_PRIMARY 0x80000000u

typedef struct sr_gaz_header {
    char magic[8];
    uint32_t version, header_size;
    uint64_t file_size;
    uint32_t nplaces, places_off;
    uint32_t nslots, slots_off;       /* uint32 entry index + 1; 0 = empty */
    uint32_t nentries, entries_off;
    uint32_t ncands, cands_off;       /* uint32 place index | PRIMARY */
    uint32_t ncountries, countries_off;
    uint32_t strings_size, strings_off;
    uint32_t max_tokens, reserved;
} sr_gaz_header;

typedef struct sr_gaz_place {
    int32_t geonameid;       /* 0 when the source has none */
    float lat, lon;
    float prior;             /* log10(population + 1) + feature weight */
    uint32_t population;
    uint32_t name;           /* string offset */
    uint32_t admin1;         /* string offset; 0 = none ("") */
    char cc[2];              /* ISO 3166-1 alpha-2, or "\0\0" */
    uint8_t kind;            /* SR_GAZ_CITY ... */
    uint8_t reserved;
    char feature[8];         /* GeoNames feature code, NUL-padded */
} sr_gaz_place;

typedef struct sr_gaz_entry {
    uint32_t hash;           /* FNV-1a of the key */
    uint32_t key;            /* string offset */
    uint32_t cand_first;
    uint16_t ncand;
    uint8_t ntok;
    uint8_t flags;           /* SR_GAZ_COMMON_... */
} sr_gaz_entry;

typedef struct sr_gaz_country {
    char cc[2];
    uint16_t reserved;
    uint32_t place;          /* country record; UINT32_MAX = none */
    uint32_t capital;        /* capital's record; UINT32_MAX = none */
} sr_gaz_country;

typedef struct sr_gazetteer sr_gazetteer;

/* Map and check a gazetteer file. */
sr_status sr_gaz_open(const char *path, sr_gazetteer **out, sr_error *err);
/* Check a gazetteer image in memory (not copied: it must outlive the
 * handle).  Used by the fuzz harness and the tests. */
sr_status sr_gaz_open_mem(const void *data, size_t size, sr_gazetteer **out,
                          sr_error *err);
void sr_gaz_close(sr_gazetteer *g);

/* Open DATA_DIR/gazetteer.bin when it exists (a note says what was
 * loaded); *out stays NULL when it is missing, which is not an error. */
sr_status sr_gaz_load_dir(const char *data_dir, sr_gazetteer **out, sr_buf *notes,
                          sr_error *err);

size_t sr_gaz_place_count(const sr_gazetteer *g);
size_t sr_gaz_name_count(const sr_gazetteer *g);
size_t sr_gaz_bytes(const sr_gazetteer *g);

/* FNV-1a, incremental: h = sr_gaz_hash(SR_GAZ_HASH_INIT, s, n). */
#define SR_GAZ_HASH_INIT 2166136261u
static inline uint32_t sr_gaz_hash(uint32_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The entry whose key is key[0..n) with hash h, or NULL. */
const sr_gaz_entry *sr_gaz_find(const sr_gazetteer *g, uint32_t h,
                                const char *key, size_t n);

/* 0 when no name has more tokens than the n-gram whose key hashes to h
 * and starts with that n-gram, so that longer n-grams need not be looked
 * up; 1 when one may (a filter: it may say 1 wrongly, never 0). */
int sr_gaz_may_extend(const sr_gazetteer *g, uint32_t h);

/* Candidate i of an entry: a place index (PRIMARY bit cleared) and whether
 * the key is its primary name; -1 when the file is inconsistent. */
int sr_gaz_cand(const sr_gazetteer *g, const sr_gaz_entry *e, size_t i,
                uint32_t *place, int *primary);

/* Place record i, or NULL when out of range. */
const sr_gaz_place *sr_gaz_place_at(const sr_gazetteer *g, uint32_t i);

/* A string of the file ("" when the offset is bad). */
const char *sr_gaz_str(const sr_gazetteer *g, uint32_t off);

/* The country record and capital of an ISO code; UINT32_MAX when none. */
uint32_t sr_gaz_country_place(const sr_gazetteer *g, const char cc[2]);
uint32_t sr_gaz_capital(const sr_gazetteer *g, const char cc[2]);

#endif
