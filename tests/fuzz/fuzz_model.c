/*
 * fuzz_model.c -- libFuzzer harness for the tagger's model files
 * (src/nlp/tagger.c) and the MUC-4 JSONL reader (src/nlp/muc4.c).
 *
 * A model file that is corrupt must be rejected with SR_ERR_DATA, never
 * read out of bounds.  Random bytes almost never pass the checksum, so
 * when the first input byte is odd the harness writes the right checksum
 * and the current feature version into the header first: the later checks (sizes, label names) and, for an
 * image that parses, decoding a short sequence with whatever weights it
 * holds (NaN included) are exercised too.  The input is also parsed as one
 * MUC-4 JSONL line, and every mention span must lie inside the text and
 * hold the mention's bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/nlp/muc4.h"
#include "../../src/nlp/tagger.h"

static void fuzz_model(const uint8_t *data, size_t size) {
    /* the image must be 4-byte aligned: copy it */
    void *buf = malloc(size ? size : 1);
    if (!buf) return;
    memcpy(buf, data, size);
    if (size > SR_MODEL_HEADER && (data[0] & 1)) {
        unsigned char *p = buf;
        p[0] = 'S';  /* keep the magic plausible */
        uint32_t fv = SR_FEAT_VERSION;
        memcpy(p + 16, &fv, 4);
        uint64_t sum = sr_fnv64(SR_FNV_SEED, p + SR_MODEL_HEADER, size - SR_MODEL_HEADER);
        memcpy(p + 32, &sum, 8);
    }
    sr_model *m = NULL;
    sr_error err = {0};
    sr_status st = sr_model_parse(buf, size, "fuzz", &m, &err);
    if (st != SR_OK && st != SR_ERR_DATA) abort();
    if ((st == SR_OK) != (m != NULL)) abort();
    if (m) {
        uint32_t L = sr_model_nlabels(m);
        if (L < 2 || L > SR_MODEL_MAX_LABELS) abort();
        for (uint32_t i = 0; i < L; i++)
            if (!sr_model_label(m, i) || sr_model_find_label(m, sr_model_label(m, i)) < 0) abort();
        uint64_t h[6] = {1, 2, 3, 0xffffffffffffffffull, 5, 6};
        uint32_t off[4] = {0, 2, 4, 6};
        sr_feats f = {h, off, 3};
        uint8_t lab[3];
        float mg[3];
        void *work = malloc(sr_model_work_size(m, 3));
        if (work) {
            sr_model_decode(m, &f, NULL, work, lab, mg);
            for (int i = 0; i < 3; i++)
                if (lab[i] >= L) abort();
            free(work);
        }
        sr_model_free(m);
    }
    free(buf);
}

static void fuzz_muc4(const uint8_t *data, size_t size) {
    sr_muc4_doc d;
    sr_error err = {0};
    if (sr_muc4_parse((const char *)data, size, &d, &err) != SR_OK) return;
    for (size_t t = 0; t < d.nt; t++)
        for (int r = 0; r < SR_MUC4_NROLES; r++)
            for (size_t e = 0; e < d.t[t].nent[r]; e++)
                for (size_t k = 0; k < d.t[t].ent[r][e].n; k++) {
                    const sr_muc4_mention *m = &d.t[t].ent[r][e].m[k];
                    if (!m->text) abort();
                    if (m->start == SR_MUC4_NOSPAN) continue;
                    if (m->start > m->end || m->end > d.len) abort();
                    if (memcmp(d.text + m->start, m->text, m->end - m->start) != 0) abort();
                }
    sr_muc4_doc_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_model(data, size);
    fuzz_muc4(data, size);
    return 0;
}
