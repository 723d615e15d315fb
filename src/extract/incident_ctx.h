/*
 * incident_ctx.h -- what the incident assembly files share (internal).
 *
 * sr_inc_data (loaded once with the engine) decodes every lexicon entry
 * into an inc_lexinfo, so that the rules test small integers and never
 * parse attribute strings per document.  inc_ctx is one document's working
 * state: the cues (lexicon matches the rules care about, in token order),
 * per-sentence facts, and the incidents under construction.  Everything in
 * inc_ctx comes from the document's arena.
 */
#ifndef SR_INCIDENT_CTX_H
#define SR_INCIDENT_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "../core/doc.h"
#include "engine.h"
#include "incident.h"
#include "incidents.h"

/* Cue classes (kinds inc_* of data/lexicons; shared kinds mapped too). */
enum {
    INC_C_NONE = 0,
    INC_C_EVENT,     /* inc_event: a word evoking an incident */
    INC_C_CAS,       /* inc_casualty: killed, wounded, hostages... */
    INC_C_MODAL,     /* inc_modal: hypo / neg / deny / generic / zero */
    INC_C_ATTRIB,    /* inc_attrib: said, told, according to... */
    INC_C_CLAIM,     /* inc_claim */
    INC_C_PERP,      /* inc_perp: gunmen, militants */
    INC_C_VICTIM,    /* inc_victim: people, civilians */
    INC_C_FORCE,     /* inc_force: soldiers, police */
    INC_C_RESPOND,   /* inc_respond: intervened, cordoned off */
    INC_C_TARGET,    /* inc_target: hotel, bus, bridge */
    INC_C_WEAPON,    /* inc_weapon or the shared "weapon" kind */
    INC_C_ORG,       /* inc_org or the shared "actor" kind: named groups */
    INC_C_PREMOD,    /* inc_premod: armed, masked */
    INC_C_SEP,       /* inc_separate: "in a separate attack", "meanwhile" */
    INC_C_N
};

/* Modes of INC_C_MODAL. */
enum { INC_M_HYPO = 1, INC_M_NEG, INC_M_DENY, INC_M_GENERIC, INC_M_ZERO };

/* Relations of INC_C_ATTRIB and INC_C_CLAIM. */
enum { INC_R_SAY = 1, INC_R_TELL, INC_R_ACCORDING, INC_R_QUOTE, INC_R_TWEET,
       INC_R_ACTIVE, INC_R_PASSIVE, INC_R_BLAME };

/* Count kinds beyond sr_count_kind: "casualties" (killed and wounded). */
#define INC_COUNT_CASUALTIES SR_COUNT_N

/* Flags of a lexicon entry. */
enum {
    INC_F_WEAK    = 1u << 0,  /* needs support from another cue */
    INC_F_PLURAL  = 1u << 1,  /* a plural event noun ("attacks") */
    INC_F_SITE    = 1u << 2,  /* a facility that can be the incident's site */
    INC_F_NOUN    = 1u << 3,  /* casualty noun: counted by the number before */
    INC_F_ADJ     = 1u << 4,  /* casualty adjective ("five dead") */
    INC_F_INTRANS = 1u << 5,  /* intransitive ("died"): number before */
    INC_F_TOLL    = 1u << 6,  /* "death toll ... 12": number after */
    INC_F_HIDE    = 1u << 7,  /* no event: hides the event words in it ("riot police") */
};

typedef struct inc_lexinfo {
    uint8_t cls;    /* INC_C_* or INC_C_NONE */
    uint8_t sub;    /* event: taxonomy row; casualty: count kind; modal: mode; verb: relation */
    uint8_t type;   /* casualty: taxonomy row + 1, or 0 */
    uint8_t w;      /* event weight */
    uint8_t flags;  /* INC_F_* */
} inc_lexinfo;

struct sr_inc_data {
    sr_tax_row *rows;
    size_t nrows;
    inc_lexinfo *info;   /* one per matcher entry */
    size_t ninfo;
    int default_type;    /* row of armed_assault */
};

/* A cue: one lexicon match the rules use. */
typedef struct inc_cue {
    uint32_t first, end;     /* tokens [first, end) */
    uint32_t entry;          /* matcher entry */
    inc_lexinfo li;
    uint8_t blocked;         /* event/casualty cue in a hypothetical, negated or generic clause */
} inc_cue;

/* A source credited in a sentence. */
typedef struct inc_source {
    uint32_t sent;
    uint32_t start, end;     /* bytes of the name as written (a pronoun stays a pronoun) */
    const char *name;        /* resolved name ("Mr Traore" for a later "he") */
    const char *via;         /* channel, or NULL */
} inc_source;

/* A claim of responsibility. */
typedef struct inc_claim {
    uint32_t sent;
    uint32_t start, end;     /* bytes of the claimant */
    const char *canon;       /* canonical group name when a lexicon knows it */
    uint32_t tok_b, tok_e;   /* tokens of the phrase */
    uint8_t blame;           /* not a claim: others blame them ("blamed X for") */
} inc_claim;

/* Per sentence. */
typedef struct inc_sent {
    uint32_t cue_first, cue_end;   /* cues of the sentence */
    int32_t incident;              /* incident index, or -1 */
    int32_t source;                /* first source credited in it, or -1 */
    uint32_t src_first, src_n;     /* its sources: sources[src_first ...] */
    uint32_t claim_first, claim_n; /* its claims */
    uint8_t event;                 /* reports an incident (an unblocked event word) */
    uint8_t generic;
    uint8_t past;                  /* dated clearly before the report */
    uint8_t title;                 /* a title-case headline: capitals mark no names */
    int score[32];                 /* per taxonomy row; unused beyond nrows */
    uint32_t best_cue;             /* strongest unblocked event cue */
    const char *date_value;        /* background date ("2015-03"), or NULL */
    uint32_t date_start, date_end; /* bytes of that date's expression */
    uint8_t earlier;               /* tells an earlier event: "two days after a bombing" */
    uint8_t back_months;           /* its distance is in months, not days */
    int16_t back;                  /* how far before the main incident; -1 unknown */
    uint32_t back_start, back_end; /* bytes of "two days after" */
} inc_sent;

typedef struct inc_ctx {
    const sr_engine *eng;
    const sr_inc_data *data;
    sr_doc *doc;
    sr_arena *a;
    const sr_token *tok;
    size_t ntok;
    int mixed;                /* mixed-case text: capitals mark names */
    inc_cue *cues;
    size_t ncues;
    uint32_t *cue_from;       /* per token t: index of the first cue starting at or after t */
    uint32_t cue_maxlen;      /* longest cue, in tokens */
    int32_t *num_at;          /* per token: index of the number starting there, or -1 */
    int32_t *num_end_at;      /* per token: index of the number ending there (last token), or -1 */
    inc_sent *sents;
    size_t nsents;
    inc_source *sources;
    size_t nsources;
    inc_claim *claims;
    size_t nclaims;
    sr_incident *inc;         /* incidents being built */
    size_t ninc;
    size_t nmain;             /* incidents [0, nmain) are main, the others background */
    int oom;
} inc_ctx;

/* incident_cues.c */
int inc_collect_cues(inc_ctx *c);
/* The first cue of class cls covering token t (cue of the sentence), or NULL. */
const inc_cue *inc_cue_at(const inc_ctx *c, uint32_t t, int cls);
/* Token helpers. */
int inc_tok_is(const inc_ctx *c, uint32_t t, const char *norm);
int inc_tok_in(const inc_ctx *c, uint32_t t, const char *const *words);
int inc_tok_cap(const inc_ctx *c, uint32_t t);    /* capitalised word in mixed-case text */
int inc_tok_word(const inc_ctx *c, uint32_t t);
int inc_tok_punct(const inc_ctx *c, uint32_t t, char ch);

/* incident_detect.c */
int inc_detect(inc_ctx *c);
/* Year, month and day of a TIMEX3 date value ("2015-03" -> 2015, 3, 0);
 * 0 when it does not start with a year. */
int inc_parse_ymd(const char *v, int *y, int *m, int *d);

/* incident_sources.c */
int inc_find_sources(inc_ctx *c);
int inc_find_claims(inc_ctx *c);

/* incident_counts.c */
int inc_find_counts(inc_ctx *c, sr_incident *in, uint32_t sent);
/* Is casualty cue q under "no one", "nobody", "no casualties"...?  Sets
 * *zfirst to the first token of the zero phrase. */
int inc_zero_count(const inc_ctx *c, const inc_sent *st, const inc_cue *q, uint32_t *zfirst);

/* incident_roles.c: fillers of one sentence of an incident; `event` is 2
 * for an event sentence, 1 for a supporting sentence next to one (its
 * attackers and their weapons count too), 0 for another supporting
 * sentence (responders, claims, counted attackers only). */
int inc_find_roles(inc_ctx *c, sr_incident *in, uint32_t sent, int event);
/* Add the learned role tagger's spans (roles.h) to the incidents of their
 * sentences (or of a sentence at most two away); rule fillers they overlap
 * win. */
int inc_add_tagged(inc_ctx *c);

/* At most this many fillers per role and sources per incident: beyond, a
 * list says nothing more to an analyst, and the bound keeps the stage
 * linear on huge documents. */
#define INC_MAX_LIST 64

/* incidents.c: add a filler unless the same text is there already or the
 * list is full; returns the filler or NULL (duplicate, full, no memory). */
sr_filler *inc_add_filler(inc_ctx *c, sr_fillers *fs, uint32_t start, uint32_t end);
/* The token starting at byte `start` (or the first after it), or ntok. */
uint32_t inc_token_at(const inc_ctx *c, uint32_t start);
/* A string copied from the document's bytes [start, end). */
const char *inc_strdup_span(inc_ctx *c, uint32_t start, uint32_t end);

#endif
