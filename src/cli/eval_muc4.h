/*
 * eval_muc4.h -- `sitrep eval muc4`: CEAF-REE on MUC-4 (nlp/ceaf.h), and
 * the scoring of one extracted document that `sitrep train --dev` shares.
 */
#ifndef SR_EVAL_MUC4_H
#define SR_EVAL_MUC4_H

#include <stdio.h>

#include "../core/doc.h"
#include "../extract/roles.h"
#include "../nlp/ceaf.h"
#include "../nlp/muc4.h"

/* Where predictions come from: the role stage's spans (document level) or
 * the fillers of the incidents (roles distributed by incident assembly). */
typedef enum sr_muc4_from { SR_MUC4_FROM_ROLES = 0, SR_MUC4_FROM_INCIDENTS } sr_muc4_from;

/* Score role spans with score >= min_score against the gold document
 * (none when rs->relevant is 0).
 * Returns 0, or -1 when out of memory. */
int sr_muc4_score_spans(const sr_doc *doc, const sr_role_spans *rs, float min_score,
                        const sr_muc4_doc *gold, sr_ree_counts *c);

/* Print the table of per-role and micro P/R/F1. */
void sr_muc4_print(FILE *f, const sr_ree_counts *c);

int sr_eval_muc4(int argc, char **argv);

#endif
