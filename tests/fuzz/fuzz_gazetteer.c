/*
 * fuzz_gazetteer.c -- libFuzzer harness for the gazetteer loader: any
 * bytes as a gazetteer image must be rejected or read without a crash.
 * When an image is accepted, every key its slots point at is looked up and
 * every candidate of every entry is read, so corrupt offsets inside a
 * valid frame are exercised too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/extract/gazetteer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* the loader needs 8-byte alignment, as mmap gives */
    uint64_t *copy = malloc(size / 8 * 8 + 8);
    if (!copy) return 0;
    memcpy(copy, data, size);
    sr_gazetteer *g = NULL;
    sr_error err;
    if (sr_gaz_open_mem(copy, size, &g, &err) == SR_OK) {
        const sr_gaz_header *h = (const sr_gaz_header *)copy;
        const sr_gaz_entry *ents = (const sr_gaz_entry *)((const char *)copy + h->entries_off);
        for (uint32_t i = 0; i < h->nentries && i < 64; i++) {
            const char *k = sr_gaz_str(g, ents[i].key);
            const sr_gaz_entry *e = sr_gaz_find(g, ents[i].hash, k, strlen(k));
            for (size_t c = 0; e && c < e->ncand && c < 64; c++) {
                uint32_t pi;
                int prim;
                if (sr_gaz_cand(g, e, c, &pi, &prim) == 0) {
                    const sr_gaz_place *p = sr_gaz_place_at(g, pi);
                    if (!p) abort();
                    (void)strlen(sr_gaz_str(g, p->name));
                    (void)strlen(sr_gaz_str(g, p->admin1));
                }
            }
        }
        (void)sr_gaz_find(g, 0, "x", 1);
        (void)sr_gaz_capital(g, "ML");
        (void)sr_gaz_country_place(g, "ML");
        sr_gaz_close(g);
    }
    free(copy);
    return 0;
}
