/*
 * roles.h -- the role stage: the learned tagger (nlp/tagger.h) run over a
 * document, giving spans of the five MUC-4 roles.
 *
 *   PerpInd   perpetrators as described ("gunmen", "urban guerrillas")
 *   PerpOrg   named perpetrator organisations ("fmln", "AQIM")
 *   Target    physical targets ("electric power substation")
 *   Victim    people attacked ("a soldier", "cerezo")
 *   Weapon    weapons ("m-16 rifle", "car bomb")
 *
 * The tagger labels tokens B-<role> / I-<role> / O; a span is a B followed
 * by its I's (an I after O also opens one).  Spans are candidates for every
 * incident of the document; incident assembly (incidents.h) decides which
 * incident each belongs to.  The stage runs after the lexicon scan and only
 * when the engine loaded data/models/roles.model.
 *
 * The spans are attached to the document as the mention section "roles"
 * (printed with --mentions) and read back with sr_doc_roles().
 *
 * A second, optional model (data/models/relevance.model, labels "no" and
 * "yes") classifies the whole document: does it report an incident of the
 * kind MUC-4 keys cover?  Its score and verdict come with the spans; the
 * stage keeps the spans either way (incident assembly decides), and the
 * document-level MUC-4 evaluation drops the spans of documents judged
 * irrelevant.
 */
#ifndef SR_ROLES_H
#define SR_ROLES_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../core/doc.h"
#include "../nlp/features.h"

typedef enum sr_role {
    SR_ROLE_PERP_IND = 0,
    SR_ROLE_PERP_ORG,
    SR_ROLE_TARGET,
    SR_ROLE_VICTIM,
    SR_ROLE_WEAPON,
    SR_ROLE_N
} sr_role;

/* "PerpInd", "PerpOrg", "Target", "Victim", "Weapon" (MUC-4 names). */
extern const char *const sr_role_names[SR_ROLE_N];

/* Tagger labels: 0 = "O", 1 + 2r = "B-<role r>", 2 + 2r = "I-<role r>". */
#define SR_ROLE_NLABELS (1 + 2 * SR_ROLE_N)
extern const char *const sr_role_labels[SR_ROLE_NLABELS];

/* Model params (tagger.h) the role stage reads. */
enum {
    SR_ROLE_PARAM_MIN_SCORE = 0, /* spans scoring below are dropped */
    SR_ROLE_PARAM_O_BIAS = 1,    /* subtracted from "O" when decoding (recall) */
    SR_ROLE_PARAM_ROLE_BIAS = 2  /* 2 + r: added to B-/I- of role r when decoding */
};

typedef struct sr_role_span {
    sr_role role;
    uint32_t tok_first, tok_end;  /* tokens [tok_first, tok_end) */
    uint32_t start, end;          /* bytes [start, end) of the text */
    uint32_t sent;                /* sentence of the first token */
    float score;                  /* mean per-token margin over "O"; higher = surer */
} sr_role_span;

typedef struct sr_role_spans {
    sr_role_span *v;              /* in text order */
    size_t n;
    float relevance;              /* "yes" minus "no" score; 0 without the model */
    int relevant;                 /* relevance >= the model's threshold (1 without) */
} sr_role_spans;

/* Relevance model params. */
enum { SR_RELEVANCE_PARAM_MIN = 0 };

struct sr_engine;

/* Load <data_dir>/models/roles.model into engine->roles and
 * models/relevance.model into engine->relevance, each when the file exists
 * (a note says so either way); a file that is there but corrupt, of
 * another version or with other labels is an SR_ERR_DATA error. */
sr_status sr_roles_load(struct sr_engine *engine, sr_error *err);

/* Run the tagger on an analysed document (tokens, sentences, lexicon
 * matches) and register the "roles" section.  Does nothing when the engine
 * has no role model.  Returns 0, or -1 when out of memory. */
int sr_find_roles(const struct sr_engine *engine, sr_doc *doc);

/* The role spans of an extracted document, or NULL when the stage did not
 * run (no model). */
const sr_role_spans *sr_doc_roles(const sr_doc *doc);

/* The features the role tagger sees for a document (also used by
 * `sitrep train`, so training and extraction can never differ). */
int sr_role_features(const struct sr_engine *engine, sr_doc *doc, sr_feats *out);

/* The relevance score of an analysed document ("yes" minus "no"), or 0
 * when the engine has no relevance model.  -1 when out of memory. */
int sr_doc_relevance(const struct sr_engine *engine, sr_doc *doc, float *score);

/* Text analysis only (tokens, sentences, numbers, lexicon matches), the
 * first steps of sr_extract(); for training, which needs no later stage.
 * Returns 0, or -1 when out of memory. */
int sr_roles_analyse(const struct sr_engine *engine, sr_doc *doc);

/* Label every token of an analysed document with model m: sentence by
 * sentence (as the tagger is trained), a sentence longer than
 * SR_ROLE_CHUNK tokens in pieces, so memory for features and decoding
 * stays bounded whatever the document's length.  bias as in
 * sr_model_decode(); labels[] and margin[] hold doc->toks.n entries.
 * Returns 0, or -1 when out of memory. */
#define SR_ROLE_CHUNK 1024u
struct sr_model;
int sr_role_decode(const struct sr_engine *engine, const struct sr_model *m,
                   const float *bias, sr_doc *doc, uint8_t *labels, float *margin);

/* The decoding bias of each label from the params above (bias[] holds
 * SR_ROLE_NLABELS values). */
void sr_role_bias(const float *params, float *bias);

/* Turn a label sequence into spans (B/I decoding as above); scores from
 * margin[] (may be NULL: score 0).  Memory from the arena; -1 when out of
 * memory.  min_score filters. */
int sr_role_spans_from_labels(sr_arena *a, const sr_tokens *toks, const uint8_t *labels,
                              const float *margin, float min_score, sr_role_spans *out);

#endif
