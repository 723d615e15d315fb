/*
 * ceaf.h -- the CEAF-REE score of Du et al. 2021 (GRIT) for role-filler
 * entity extraction, as used on MUC-4.
 *
 * Per document and role, the predicted entities (distinct texts) are
 * matched one-to-one with the gold entities so that the number of matched
 * pairs is maximal (a maximum bipartite matching, found with augmenting
 * paths).  A predicted text matches a gold entity when its normalised form
 * equals the normalised form of one of the entity's mentions.  Normalising
 * is GRIT's: lower case; ASCII punctuation deleted (so "m-16" -> "m16");
 * the words a, an, the deleted; white space collapsed.  Over a corpus,
 * P = matches / predicted, R = matches / gold, per role and micro-averaged
 * over the roles.
 *
 * Gold entities of one role are gathered over all templates of the
 * document; two entities sharing a normalised mention are one entity (the
 * same filler listed by two incidents), so that a document-level
 * prediction can match it once.
 */
#ifndef SR_CEAF_H
#define SR_CEAF_H

#include <stddef.h>

#include "../core/buf.h"
#include "muc4.h"

/* Replace out's contents with the normalised form of s[0..n). */
void sr_ree_normalize(const char *s, size_t n, sr_buf *out);

/* A gold entity: its mentions, already normalised. */
typedef struct sr_ree_entity {
    const char *const *mentions;
    size_t n;
} sr_ree_entity;

/* Size of a maximum matching between predicted texts (normalised,
 * distinct) and gold entities. */
size_t sr_ree_match(const char *const *pred, size_t npred, const sr_ree_entity *gold,
                    size_t ngold);

typedef struct sr_ree_counts {
    size_t pred[SR_MUC4_NROLES], gold[SR_MUC4_NROLES], match[SR_MUC4_NROLES];
} sr_ree_counts;

/* Score one document: pred[r][0..npred[r]) are the raw predicted texts of
 * role r (normalised and de-duplicated here; empty ones dropped).  Adds to
 * c.  Returns 0, or -1 when out of memory. */
int sr_ree_score_doc(const sr_muc4_doc *gold, const char *const *const pred[SR_MUC4_NROLES],
                     const size_t npred[SR_MUC4_NROLES], sr_ree_counts *c);

/* P, R, F1 in percent (0 when undefined) of role r, or micro over all
 * roles when r < 0. */
void sr_ree_prf(const sr_ree_counts *c, int r, double *p, double *rec, double *f1);

#endif
