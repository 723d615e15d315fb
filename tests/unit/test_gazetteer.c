/*
 * test_gazetteer.c -- the gazetteer file: a small image built here, byte
 * by byte, is read back; damaged images are rejected; the real
 * data/gazetteer.bin (when built) answers for Bamako and Mali.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../../src/extract/gazetteer.h"

/* One place "Bamako" (ML), one key "bamako", one country ML whose capital
 * is it.  Returns the image size; `img` is 8-byte aligned. */
typedef struct image {
    sr_gaz_header h;
    sr_gaz_place places[1];
    uint32_t slots[4];
    sr_gaz_entry entries[1];
    uint32_t cands[2];
    sr_gaz_country countries[1];
    char strings[24];
} image;

static void make_image(image *im) {
    memset(im, 0, sizeof *im);
    memcpy(im->h.magic, SR_GAZ_MAGIC, 8);
    im->h.version = SR_GAZ_VERSION;
    im->h.header_size = sizeof im->h;
    im->h.file_size = sizeof *im;
    im->h.nplaces = 1;
    im->h.places_off = (uint32_t)offsetof(image, places);
    im->h.nslots = 4;
    im->h.slots_off = (uint32_t)offsetof(image, slots);
    im->h.nentries = 1;
    im->h.entries_off = (uint32_t)offsetof(image, entries);
    im->h.ncands = 1;
    im->h.cands_off = (uint32_t)offsetof(image, cands);
    im->h.ncountries = 1;
    im->h.countries_off = (uint32_t)offsetof(image, countries);
    im->h.strings_size = sizeof im->strings;
    im->h.strings_off = (uint32_t)offsetof(image, strings);
    memcpy(im->strings, "\0Bamako\0bamako\0", 15);   /* name 1, key 8 */
    sr_gaz_place *p = &im->places[0];
    p->geonameid = 2460596;
    p->lat = 12.65f;
    p->lon = -8.0f;
    p->name = 1;
    memcpy(p->cc, "ML", 2);
    p->kind = SR_GAZ_CITY;
    memcpy(p->feature, "PPLC", 4);
    uint32_t h = sr_gaz_hash(SR_GAZ_HASH_INIT, "bamako", 6);
    im->entries[0] = (sr_gaz_entry){h, 8, 0, 1, 1, 0};
    im->slots[h & 3] = 1;
    im->cands[0] = 0 | SR_GAZ_CAND_PRIMARY;
    im->countries[0] = (sr_gaz_country){{'M', 'L'}, 0, 0, 0};
}

TEST(gazetteer_reads_an_image) {
    static image im;
    make_image(&im);
    sr_gazetteer *g = NULL;
    sr_error err;
    CHECK_INT(sr_gaz_open_mem(&im, sizeof im, &g, &err), SR_OK);
    CHECK_INT(sr_gaz_place_count(g), 1);
    const sr_gaz_entry *e = sr_gaz_find(g, sr_gaz_hash(SR_GAZ_HASH_INIT, "bamako", 6), "bamako", 6);
    CHECK(e != NULL);
    uint32_t pi;
    int prim;
    CHECK_INT(sr_gaz_cand(g, e, 0, &pi, &prim), 0);
    CHECK_INT(pi, 0);
    CHECK(prim);
    CHECK_INT(sr_gaz_cand(g, e, 1, &pi, &prim), -1);
    CHECK_STR(sr_gaz_str(g, sr_gaz_place_at(g, 0)->name), "Bamako");
    CHECK(sr_gaz_find(g, sr_gaz_hash(SR_GAZ_HASH_INIT, "bamak", 5), "bamak", 5) == NULL);
    CHECK_INT(sr_gaz_capital(g, "ML"), 0);
    CHECK_INT(sr_gaz_capital(g, "FR"), UINT32_MAX);
    CHECK_STR(sr_gaz_str(g, 9999), "");
    sr_gaz_close(g);
}

TEST(gazetteer_rejects_damaged_images) {
    static image im;
    sr_gazetteer *g = NULL;
    sr_error err;
    make_image(&im);
    im.h.magic[0] = 'X';
    CHECK(sr_gaz_open_mem(&im, sizeof im, &g, &err) != SR_OK);
    make_image(&im);
    CHECK(sr_gaz_open_mem(&im, sizeof im - 8, &g, &err) != SR_OK);   /* truncated */
    make_image(&im);
    im.h.version = 99;
    CHECK(sr_gaz_open_mem(&im, sizeof im, &g, &err) != SR_OK);
    make_image(&im);
    im.h.entries_off = (uint32_t)sizeof im;                          /* outside */
    CHECK(sr_gaz_open_mem(&im, sizeof im, &g, &err) != SR_OK);
    make_image(&im);
    im.h.nslots = 3;                                                 /* not 2^n */
    CHECK(sr_gaz_open_mem(&im, sizeof im, &g, &err) != SR_OK);
    make_image(&im);
    im.strings[sizeof im.strings - 1] = 'x';                         /* unterminated */
    CHECK(sr_gaz_open_mem(&im, sizeof im, &g, &err) != SR_OK);
    CHECK(g == NULL);
    /* A bad candidate index inside a valid frame is caught on reading. */
    make_image(&im);
    im.cands[0] = 7;
    CHECK_INT(sr_gaz_open_mem(&im, sizeof im, &g, &err), SR_OK);
    const sr_gaz_entry *e = sr_gaz_find(g, sr_gaz_hash(SR_GAZ_HASH_INIT, "bamako", 6), "bamako", 6);
    uint32_t pi;
    int prim;
    CHECK(e != NULL);
    CHECK_INT(sr_gaz_cand(g, e, 0, &pi, &prim), -1);
    sr_gaz_close(g);
}

TEST(gazetteer_real_file) {
    char path[4096];
    snprintf(path, sizeof path, "%s/data/gazetteer.bin", sr_test_root());
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "  skipped: %s not built (make data)\n", path);
        return;
    }
    fclose(f);
    sr_gazetteer *g = NULL;
    sr_error err;
    CHECK_INT(sr_gaz_open(path, &g, &err), SR_OK);
    CHECK(sr_gaz_place_count(g) > 100000);
    const sr_gaz_entry *e = sr_gaz_find(g, sr_gaz_hash(SR_GAZ_HASH_INIT, "bamako", 6), "bamako", 6);
    CHECK(e != NULL);
    uint32_t pi;
    int prim;
    CHECK_INT(sr_gaz_cand(g, e, 0, &pi, &prim), 0);
    const sr_gaz_place *p = sr_gaz_place_at(g, pi);
    CHECK(memcmp(p->cc, "ML", 2) == 0);
    CHECK_INT(p->geonameid, 2460596);
    uint32_t cap = sr_gaz_capital(g, "ML");
    CHECK(cap != UINT32_MAX);
    CHECK_STR(sr_gaz_str(g, sr_gaz_place_at(g, cap)->name), "Bamako");
    /* the French name of Côte d'Ivoire, folded like text */
    const char *k = "cote d'ivoire";
    e = sr_gaz_find(g, sr_gaz_hash(SR_GAZ_HASH_INIT, k, strlen(k)), k, strlen(k));
    CHECK(e != NULL);
    CHECK_INT(sr_gaz_cand(g, e, 0, &pi, &prim), 0);
    CHECK(memcmp(sr_gaz_place_at(g, pi)->cc, "CI", 2) == 0);
    sr_gaz_close(g);
}

/* The prefix filter never stops a name: every token prefix of a
 * multi-word name may extend; a string no name starts with mostly may not
 * (a filter can be wrong that way, so only "most of" is checked). */
TEST(gazetteer_prefix_filter) {
    char path[4096];
    snprintf(path, sizeof path, "%s/data/gazetteer.bin", sr_test_root());
    sr_gazetteer *g = NULL;
    sr_error err;
    if (sr_gaz_open(path, &g, &err) != SR_OK) {
        fprintf(stderr, "  skipped: %s\n", err.message);
        return;
    }
    static const char *const names[] = {
        "cote d'ivoire", "san salvador", "bosnia and herzegovina", "new york",
        "united states", "burkina faso", "san jose", "grand-bassam", NULL};
    for (int i = 0; names[i]; i++) {
        const char *k = names[i];
        size_t n = strlen(k);
        CHECK(sr_gaz_find(g, sr_gaz_hash(SR_GAZ_HASH_INIT, k, n), k, n) != NULL);
        for (size_t j = 0; j < n; j++)
            if (k[j] == ' ') CHECK(sr_gaz_may_extend(g, sr_gaz_hash(SR_GAZ_HASH_INIT, k, j)));
    }
    int stopped = 0;
    char junk[32];
    for (int i = 0; i < 100; i++) {
        int n = snprintf(junk, sizeof junk, "qzx%dvv", i);
        stopped += !sr_gaz_may_extend(g, sr_gaz_hash(SR_GAZ_HASH_INIT, junk, (size_t)n));
    }
    CHECK(stopped >= 80);
    sr_gaz_close(g);
}
