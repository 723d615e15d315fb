/*
 * places_int.h -- what the files of the place stage share (places.c: the
 * stage and its output; places_scan.c: recognition; places_resolve.c:
 * resolution).  Not a public interface.
 */
#ifndef SR_PLACES_INT_H
#define SR_PLACES_INT_H

#include "places.h"

#define MAX_CAND 48         /* candidates weighed per mention */

static inline int is_word(const sr_token *t) { return t->kind == SR_TOK_WORD; }
/* capitalised or all capitals */
static inline int proper(const sr_token *t) { return (t->flags & (SR_TF_CAP | SR_TF_UPPER)) != 0; }

/* The working state of one mention during resolution. */
/* The cue bits that change which candidates a name may have
 * (sr_places_cand_ok): mentions of a name that agree on them share one
 * candidate list. */
#define CAND_CUES (SR_PLACE_CUE_ADMIN | SR_PLACE_CUE_LOC)

typedef struct work {
    const uint32_t *cand;       /* candidate places (resolution fills them in,
                                 * shared by the mentions of a name) */
    const uint8_t *primary;     /* is the name candidate c's own */
    int ncand;
    int choice;                 /* index into cand, -1 none */
    int ctx_choice;             /* the choice the round's context was built from */
    int contained_by;           /* mention index of Y in "X, Y", or -1 */
    char explicit_cc[2];        /* "the Malian capital": ML */
    float weight;               /* its weight as context */
    uint32_t same_first;        /* first mention of the same name */
    uint32_t same_next;         /* next mention of the same name, or UINT32_MAX */
    uint32_t same_prev;         /* previous mention of the same name, or UINT32_MAX */
    uint32_t adj_first, adj_n;  /* of a name's first mention: its context adjustments */
    float cmax;                 /* of a name's first mention: best country weight it sees */
} work;

/* The document as the recogniser reads it. */
typedef struct scan {
    const sr_gazetteer *g;
    sr_doc *doc;
    const sr_token *t;
    size_t ntok;
    int doc_lower;              /* the whole document is lower case */
    unsigned char *caseless;    /* per sentence */
    uint32_t *group_end;        /* per token: end of a group's name starting
                                 * there ("Taliban"), 0 none; NULL without lexicon */
} scan;

/* The best candidate kind and prior of an entry. */
typedef struct entry_info {
    float top_prior;
    int has_big;        /* a country, division, region or big city */
    int has_demonym, all_demonym;
    int top_kind;
    int has_country, has_admin1;
    int has_primary;    /* the key is some candidate's own name */
    int n;              /* candidates allowed */
} entry_info;

/* places_scan.c */
const sr_gaz_place *sr_places_cand_ok(const sr_gazetteer *g, const sr_gaz_entry *e, size_t c,
                                      unsigned cue, uint32_t *pi);
entry_info sr_places_entry_info(const sr_gazetteer *g, const sr_gaz_entry *e, unsigned cue);
int sr_places_recognise(scan *s, sr_places *pl, size_t *cap, work **w);
int sr_places_drop_people(const scan *s, sr_places *pl, work *w, sr_arena *a);
void sr_places_drop_named_capitals(const sr_doc *doc, sr_places *pl, work *w);

/* places_resolve.c */
void sr_places_link_containment(const sr_gazetteer *g, const sr_doc *doc, sr_places *pl,
                                work *w);
int sr_places_resolve(const sr_gazetteer *g, sr_places *pl, work *w, sr_arena *a);
void sr_places_fill(const sr_gazetteer *g, sr_place *p, uint32_t gi);
int sr_places_main(const sr_places *pl, sr_arena *a);

#endif
