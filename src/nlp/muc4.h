/*
 * muc4.h -- reading the MUC-4 data set as the JSONL of the GRIT release
 * (../shared/data/muc4/{train,dev}.jsonl), for training and evaluation.
 *
 * One line is one document:
 *
 *   {"docid": "...", "doctext": "...",
 *    "templates": [{"incident_type": "attack",
 *                   "PerpInd": [entity, ...], "PerpOrg": [...], "Target": [...],
 *                   "Victim": [...], "Weapon": [...]}, ...]}
 *
 * where an entity is a list of mentions [text, char_offset] (an offset in
 * code points of doctext).  Offsets are converted to byte spans here; a
 * mention whose text is not found at its offset keeps no span (start ==
 * end == SR_MUC4_NOSPAN) but still counts for scoring, which uses text.
 * Roles are stored in the order of extract/roles.h (PerpInd, PerpOrg,
 * Target, Victim, Weapon).
 */
#ifndef SR_MUC4_H
#define SR_MUC4_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../core/arena.h"

#define SR_MUC4_NROLES 5
#define SR_MUC4_NOSPAN UINT32_MAX

extern const char *const sr_muc4_role_keys[SR_MUC4_NROLES];

typedef struct sr_muc4_mention {
    const char *text;
    uint32_t start, end;   /* bytes of doctext, or SR_MUC4_NOSPAN */
} sr_muc4_mention;

typedef struct sr_muc4_entity {
    sr_muc4_mention *m;
    size_t n;
} sr_muc4_entity;

typedef struct sr_muc4_template {
    const char *type;      /* incident_type, or "" */
    sr_muc4_entity *ent[SR_MUC4_NROLES];
    size_t nent[SR_MUC4_NROLES];
} sr_muc4_template;

typedef struct sr_muc4_doc {
    sr_arena arena;        /* everything below */
    const char *id;
    const char *text;
    size_t len;
    sr_muc4_template *t;
    size_t nt;
} sr_muc4_doc;

/* Parse one JSONL line.  On success the caller frees with
 * sr_muc4_doc_free(); on failure nothing is left to free. */
sr_status sr_muc4_parse(const char *line, size_t len, sr_muc4_doc *out, sr_error *err);
void sr_muc4_doc_free(sr_muc4_doc *d);

#endif
