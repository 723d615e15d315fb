/*
 * places.c -- recognising and resolving place names (see places.h).
 *
 * Recognition.  At each word token, the folded keys of the n-grams that
 * start there (up to SR_GAZ_MAX_TOKENS tokens, inside the sentence) are
 * hashed incrementally and looked up longest first; the first key found
 * whose match passes accept() is a mention and the scan resumes after it.
 * accept() is where casing and cues decide:
 *   - in mixed-case text a name must look like one (capitalised words,
 *     with short connectors inside: "Côte d'Ivoire", "Bosnia and
 *     Herzegovina");
 *   - a sentence that is all capitals or Title Case, and a document in
 *     lower case, say nothing by their case ("caseless"), so there a name
 *     that is also an English word (SUBTLEX frequency flags from the build)
 *     needs a cue or a large place behind it;
 *   - names on the stop list (data/places/stop-toponyms.tsv) need a place
 *     cue ("in Bar") and a capital letter;
 *   - a small place glued to other capitalised words ("Orchard St.",
 *     "Mary Smith", "Mr Traore") is part of another name;
 *   - a word used as a person's name elsewhere in the document ("Capt.
 *     Adam Moore", "Moore said") is not a small town there either.
 * "the capital" is a mention of the national capital (anaphor); demonyms
 * are found as country context.
 *
 * Resolution.  Each mention keeps its candidates (best prior first, from
 * the file).  Candidates are scored by prior plus context, in three
 * rounds: each round's choices make the next one's context (countries
 * named, demonyms, the dateline, divisions, places nearby).  A mention's
 * own name never counts as its own context.  See docs/places.md.
 */
#include "places.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mentions.h"

#define MAX_CAND 48
#define CTX_COUNTRY 3.0f   /* the best-attested country of the other mentions */
#define CTX_ADMIN1 1.5f    /* a division the other mentions name or lie in */
#define CTX_COUNTY 1.5f    /* more of it for "X County" */
#define NEAR_W 2.0f        /* closeness to the other mentions' places */
#define MAX_CTX 128

/* ---- small word tests -------------------------------------------------- */

static int in_list(const char *w, const char *const *list) {
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return 1;
    return 0;
}

static const char *const LOC_CUES[] = {
    "in", "at", "near", "outside", "inside", "around", "within", "throughout",
    "en", "dans", "pres", NULL};   /* (norms: folded, no accents) */
static const char *const FROM_CUES[] = {
    "from", "to", "into", "towards", "toward", "via", "of", "across", "between",
    "through", "and", "de", "du", "visit", "visited", "reach", "reached",
    "entered", "left", "for", NULL};
static const char *const COMPASS[] = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "north-east", "north-west", "south-east", "south-west",
    "northern", "southern", "eastern", "western", "outskirts", "suburbs",
    "centre", "center", "heart", "edge", NULL};
static const char *const ADMIN_WORDS[] = {
    "province", "provinces", "department", "region", "state", "district",
    "governorate", "prefecture", "county", "parish", "oblast", "departement",
    "région", "region's", "territory", NULL};
static const char *const CITY_WORDS[] = {
    "city", "town", "village", "municipality", "township", "commune", NULL};
static const char *const TITLES[] = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "gen",
    "gen.", "general", "col", "col.", "sen", "sen.", "senator", "rep", "rep.",
    "gov", "gov.", "governor", "minister", "king", "queen", "prince", "lt",
    "lt.", "sgt", "sgt.", "capt", "capt.", "judge", "mayor", "sheriff",
    "officer", "deputy", "coach", "pope", "imam", "sheikh", "chief", "father",
    "sister", "brother", "saint", "lord", "lady", "sir", "miss", "captain",
    "sergeant", "lieutenant", "detective", "trooper", "superintendent",
    "commissioner", "councilman", "councilwoman", "director", "professor",
    "prof", "prof.", "rev", "rev.", "reverend", "attorney", "spokesman",
    "spokeswoman", NULL};
static const char *const STREET_WORDS[] = {
    "st", "st.", "street", "road", "rd", "rd.", "avenue", "ave", "ave.", "boulevard",
    "blvd", "blvd.", "drive", "dr.", "lane", "ln", "way", "court", "ct", "place",
    "square", "highway", "hwy", "pike", "parkway", "circle", "terrace", NULL};
/* Divisions named by a direction or a position ("Central", "Western"). */
static const char *const GENERIC_ADMIN[] = {
    "central", "western", "eastern", "northern", "southern", "north", "south",
    "east", "west", "centre", "center", "coast", "capital", "upper", "lower",
    "middle", "plateau", "lakes", "islands", "interior", "border", "delta",
    "north-west", "north-east", "south-west", "south-east", "northwest",
    "northeast", "southwest", "southeast", "littoral", "mountain", "valley", NULL};
/* Lower-case words allowed inside a name in mixed-case text. */
static const char *const CONNECTORS[] = {
    "of", "de", "del", "della", "la", "le", "les", "du", "des", "da", "do",
    "dos", "das", "al", "el", "the", "sur", "en", "y", "upon", "on", "am",
    "an", "der", "den", "di", "and", "van", "von", "bin", "ben", "ibn", "et",
    "'s", "-", "d'", "l'", "e", "i", "sous", "lès", "les", NULL};

static int is_word(const sr_token *t) { return t->kind == SR_TOK_WORD; }
static int proper(const sr_token *t) { return (t->flags & (SR_TF_CAP | SR_TF_UPPER)) != 0; }

/* ---- per-document working state ----------------------------------------- */

typedef struct work {
    uint32_t cand[MAX_CAND];
    uint8_t primary[MAX_CAND];
    float score[MAX_CAND];
    int ncand;
    int choice;                 /* index into cand, -1 none */
    int ctx_choice;             /* the choice the round's context was built from */
    int contained_by;           /* mention index of Y in "X, Y", or -1 */
    char explicit_cc[2];        /* "the Malian capital": ML */
    float weight;               /* its weight as context */
    uint32_t same_first;        /* first mention of the same name */
    uint32_t same_next;         /* next mention of the same name, or UINT32_MAX */
} work;

typedef struct ctx_entry { char cc[2]; const char *admin1; float w; } ctx_entry;
typedef struct ctx { ctx_entry v[MAX_CTX]; int n; } ctx;

static void ctx_add(ctx *c, const char cc[2], const char *admin1, float w) {
    for (int i = 0; i < c->n; i++)
        if (memcmp(c->v[i].cc, cc, 2) == 0 &&
            ((!admin1 && !c->v[i].admin1) ||
             (admin1 && c->v[i].admin1 && strcmp(admin1, c->v[i].admin1) == 0))) {
            c->v[i].w += w;
            return;
        }
    if (c->n == MAX_CTX) return;
    c->v[c->n].cc[0] = cc[0];
    c->v[c->n].cc[1] = cc[1];
    c->v[c->n].admin1 = admin1;
    c->v[c->n++].w = w;
}

static float ctx_get(const ctx *c, const char cc[2], const char *admin1) {
    for (int i = 0; i < c->n; i++)
        if (memcmp(c->v[i].cc, cc, 2) == 0 &&
            ((!admin1 && !c->v[i].admin1) ||
             (admin1 && c->v[i].admin1 && strcmp(admin1, c->v[i].admin1) == 0)))
            return c->v[i].w;
    return 0;
}

double sr_geo_km(double lat1, double lon1, double lat2, double lon2) {
    const double r = 0.017453292519943295;
    double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);
    if (a > 1) a = 1;
    return 2 * 6371.0 * asin(sqrt(a));
}

/* ---- recognition --------------------------------------------------------- */

typedef struct scan {
    const sr_gazetteer *g;
    sr_doc *doc;
    const sr_token *t;
    size_t ntok;
    int doc_lower;              /* the whole document is lower case */
    unsigned char *caseless;    /* per sentence */
} scan;

/* First word token of its sentence (or after an opening quote/colon)? */
static int sentence_initial(const scan *s, uint32_t i) {
    const sr_sentence *se = &s->doc->sents.v[s->t[i].sent];
    for (uint32_t k = se->tok_first; k < i; k++) {
        const sr_token *p = &s->t[k];
        if (is_word(p) || p->kind == SR_TOK_NUM) {
            /* a dateline or a quote before restarts the sentence */
            return 0;
        }
    }
    return 1;
}

static int after_restart(const scan *s, uint32_t i) {
    if (i == 0) return 1;
    const sr_token *p = &s->t[i - 1];
    if (p->kind != SR_TOK_PUNCT) return 0;
    return (p->flags & SR_TF_QUOTE_OPEN) || strcmp(p->norm, ":") == 0 ||
           strcmp(p->norm, "-") == 0 || strcmp(p->norm, "(") == 0;
}

static unsigned cue_before(const scan *s, uint32_t i) {
    if (i == 0 || s->t[i - 1].sent != s->t[i].sent) return 0;
    const sr_token *p = &s->t[i - 1];
    if (in_list(p->norm, LOC_CUES)) return SR_PLACE_CUE_LOC;
    if (strcmp(p->norm, "of") == 0 && i >= 2 && in_list(s->t[i - 2].norm, COMPASS))
        return SR_PLACE_CUE_LOC;
    if (in_list(p->norm, FROM_CUES)) return SR_PLACE_CUE_FROM;
    /* "in northern Mali", "in the south of X" handled by the two above */
    if (in_list(p->norm, COMPASS) && i >= 2 && in_list(s->t[i - 2].norm, LOC_CUES))
        return SR_PLACE_CUE_LOC;
    return 0;
}

static unsigned cue_after(const scan *s, uint32_t end) {
    if (end >= s->ntok || s->t[end].sent != s->t[end - 1].sent) return 0;
    const char *w = s->t[end].norm;
    if (in_list(w, ADMIN_WORDS)) return SR_PLACE_CUE_ADMIN;
    if (in_list(w, CITY_WORDS)) return SR_PLACE_CUE_CITY;
    return 0;
}

/* Does an all-capitals mention at the start of a paragraph, a line or a
 * sentence, followed by a comma or a dash, read as a dateline?  (Feeds
 * often run the headline and the dateline into one line.) */
static int dateline(const scan *s, uint32_t i, uint32_t end) {
    const sr_token *f = &s->t[i];
    if (!(f->flags & SR_TF_PARA_BEFORE) && !(f->flags & SR_TF_NL_BEFORE) && i != 0 &&
        !sentence_initial(s, i))
        return 0;
    for (uint32_t k = i; k < end; k++)
        if (is_word(&s->t[k]) && !(s->t[k].flags & SR_TF_UPPER)) return 0;
    if (end >= s->ntok) return 0;
    const char *n = s->t[end].norm;
    return strcmp(n, ",") == 0 || strcmp(n, "-") == 0 || strcmp(n, "(") == 0;
}

#define WORD_FLAGS (SR_GAZ_COMMON_LOWER | SR_GAZ_RARE_LOWER | SR_GAZ_COMMON_CAP)

/* May candidate c of e be meant here?  GeoNames' alternate names include
 * odd aliases ("No" for Ho, "Passover" for a town); when the name is also
 * an English word only a place's own name counts.  A division named by a
 * word ("Central", "Western") needs a cue. */
static const sr_gaz_place *cand_ok(const sr_gazetteer *g, const sr_gaz_entry *e, size_t c,
                                   unsigned cue, uint32_t *pi) {
    int prim;
    if (sr_gaz_cand(g, e, c, pi, &prim) != 0) return NULL;
    const sr_gaz_place *p = sr_gaz_place_at(g, *pi);
    if (!(e->flags & WORD_FLAGS)) return p;
    if (p->kind == SR_GAZ_CITY && !prim) return NULL;
    if (p->kind == SR_GAZ_ADMIN1 && e->ntok == 1 &&
        in_list(sr_gaz_str(g, e->key), GENERIC_ADMIN) &&
        !(cue & (SR_PLACE_CUE_ADMIN | SR_PLACE_CUE_LOC)))
        return NULL;
    return p;
}

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

static entry_info info_of(const sr_gazetteer *g, const sr_gaz_entry *e, unsigned cue) {
    entry_info in = {-1, 0, 0, 1, 0, 0, 0, 0, 0};
    for (size_t c = 0; c < e->ncand; c++) {
        uint32_t pi;
        const sr_gaz_place *p = cand_ok(g, e, c, cue, &pi);
        if (!p) continue;
        in.n++;
        if (p->kind == SR_GAZ_COUNTRY) in.has_country = 1;
        if (p->kind == SR_GAZ_ADMIN1 || p->kind == SR_GAZ_ADMIN2) in.has_admin1 = 1;
        uint32_t pi2;
        int prim = 0;
        if (sr_gaz_cand(g, e, c, &pi2, &prim) == 0 && prim) in.has_primary = 1;
        if (p->kind == SR_GAZ_DEMONYM) in.has_demonym = 1; else in.all_demonym = 0;
        if (p->kind == SR_GAZ_COUNTRY || p->kind == SR_GAZ_ADMIN1 || p->kind == SR_GAZ_ADMIN2 ||
            p->kind == SR_GAZ_REGION || p->population >= 500000)
            in.has_big = 1;
        if (p->prior > in.top_prior) { in.top_prior = p->prior; in.top_kind = p->kind; }
    }
    if (in.n == 0) in.all_demonym = 0;
    return in;
}

/* Is the match [i, end) a place here?  Sets *cue. */
static int accept(const scan *s, const sr_gaz_entry *e, uint32_t i, uint32_t end,
                  unsigned *cue) {
    const sr_token *t = s->t;
    int caseless = s->doc_lower || s->caseless[t[i].sent];
    *cue = cue_before(s, i) | cue_after(s, end);
    if (dateline(s, i, end)) *cue |= SR_PLACE_CUE_DATELINE;
    entry_info in = info_of(s->g, e, *cue);
    if (in.n == 0 || (in.top_prior < -0.5f && !in.has_demonym)) return 0;
    int strong_cue = (*cue & (SR_PLACE_CUE_LOC | SR_PLACE_CUE_ADMIN | SR_PLACE_CUE_CITY |
                              SR_PLACE_CUE_DATELINE)) != 0;

    if (!caseless) {
        /* It must look like a name. */
        if (!proper(&t[i])) return 0;
        for (uint32_t k = i + 1; k < end; k++)
            if (is_word(&t[k]) && !proper(&t[k]) && !in_list(t[k].norm, CONNECTORS) &&
                t[k].norm_len > 3)
                return 0;
        /* An all-capitals word in mixed text is an acronym unless it is a
         * dateline or a country code the tables list ("US", "UK"). */
        if (end == i + 1 && (t[i].flags & SR_TF_UPPER) && !(*cue & SR_PLACE_CUE_DATELINE) &&
            !in.has_country && !in.has_admin1 && !in.has_demonym)
            return 0;
        /* A name that is also a word, glued to a capitalised word, is part
         * of a longer name ("Western Europe", "Delta Air Lines"); so is any
         * name before a street word ("Dublin Road", "Orchard St."). */
        if (end < s->ntok && t[end].sent == t[i].sent && is_word(&t[end]) &&
            proper(&t[end]) && !in_list(t[end].norm, ADMIN_WORDS) &&
            !in_list(t[end].norm, CITY_WORDS) &&
            (((e->flags & WORD_FLAGS) && !in.has_country && !in.has_admin1) ||
             in_list(t[end].norm, STREET_WORDS)))
            return 0;
        /* A word that is only another name of a country, after a
         * capitalised word: "Plum Island" is not Iceland ("Ísland"). */
        if ((e->flags & WORD_FLAGS) && !in.has_primary && i > 0 &&
            t[i - 1].sent == t[i].sent && is_word(&t[i - 1]) && proper(&t[i - 1]) &&
            !(sentence_initial(s, i - 1) || after_restart(s, i - 1)) &&
            !in_list(t[i - 1].norm, LOC_CUES) && !in_list(t[i - 1].norm, FROM_CUES))
            return 0;
    } else if (end == i + 1 && t[i].norm_len <= 3 && !in.has_country && !strong_cue) {
        /* no case to tell "EU" from Eu, Normandy */
        return 0;
    } else if (e->flags & (SR_GAZ_COMMON_LOWER | SR_GAZ_RARE_LOWER)) {
        /* No case to go by and the name is an English word. */
        if (!(strong_cue && in.has_big) && !(in.has_big && !(e->flags & SR_GAZ_COMMON_LOWER) &&
                                             in.top_prior >= 6.0f))
            return 0;
    }
    if (in.has_demonym) return 1;

    /* A word-name next to a number is a date or a quantity ("March 7",
     * "in May 2009", "Reading 2"), not a place. */
    if ((e->flags & (SR_GAZ_STOP | SR_GAZ_COMMON_LOWER | SR_GAZ_RARE_LOWER)) && !in.has_country &&
        ((end < s->ntok && t[end].kind == SR_TOK_NUM && t[end].sent == t[i].sent) ||
         (i > 0 && t[i - 1].kind == SR_TOK_NUM && t[i - 1].sent == t[i].sent)))
        return 0;

    if (e->flags & SR_GAZ_STOP)
        return !caseless && (*cue & SR_PLACE_CUE_LOC);

    int initial = sentence_initial(s, i) || after_restart(s, i);
    if (!caseless && (e->flags & SR_GAZ_COMMON_LOWER)) {
        if (initial && !strong_cue && !in.has_big) return 0;
        if (!strong_cue && !in.has_big && in.top_prior < 5.0f) return 0;
    }
    /* Only another name of a small town ("Nina" for Nenagh): needs a cue. */
    if (!in.has_primary && !in.has_big && in.top_prior < 5.0f && !strong_cue &&
        !(*cue & SR_PLACE_CUE_FROM))
        return 0;

    if (!caseless && !in.has_big) {
        /* After another capitalised word: part of another name
         * ("Raquel Henry", "United Bank Charleston"). */
        if (i > 0 && t[i - 1].sent == t[i].sent && is_word(&t[i - 1]) && proper(&t[i - 1]) &&
            !(sentence_initial(s, i - 1) || after_restart(s, i - 1)) && !in_list(t[i - 1].norm, LOC_CUES) &&
            !in_list(t[i - 1].norm, FROM_CUES) && !in_list(t[i - 1].norm, COMPASS))
            return 0;
        if (i > 0 && in_list(t[i - 1].norm, TITLES)) return 0;
        if ((e->flags & SR_GAZ_COMMON_CAP) && !strong_cue && in.top_prior < 5.0f) return 0;
    }
    return 1;
}

/* Add a mention; returns its index or -1 (no memory). */
static int add_mention(sr_doc *doc, sr_places *pl, size_t *cap, work **w,
                       uint32_t first, uint32_t n, uint8_t role, unsigned cue,
                       const sr_gaz_entry *e) {
    if (pl->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        sr_place *v = sr_arena_realloc(&doc->arena, pl->v, *cap * sizeof *v, nc * sizeof *v);
        work *nw = sr_arena_realloc(&doc->arena, *w, *cap * sizeof **w, nc * sizeof **w);
        if (!v || !nw) return -1;
        pl->v = v;
        *w = nw;
        *cap = nc;
    }
    const sr_token *t = doc->toks.v;
    sr_place *p = &pl->v[pl->n];
    memset(p, 0, sizeof *p);
    p->start = t[first].start;
    p->end = t[first + n - 1].end;
    p->tok_first = first;
    p->tok_n = n;
    p->sent = t[first].sent;
    p->role = role;
    p->cue = (uint8_t)cue;
    p->gaz = UINT32_MAX;
    p->entry = e;
    work *wk = &(*w)[pl->n];
    memset(wk, 0, sizeof *wk);
    wk->choice = -1;
    wk->contained_by = -1;
    return (int)pl->n++;
}

/* Load the candidates of mention m, keeping only those its role allows. */
static void load_candidates(const sr_gazetteer *g, const sr_place *p, work *w) {
    const sr_gaz_entry *e = p->entry;
    w->ncand = 0;
    for (size_t c = 0; c < e->ncand && w->ncand < MAX_CAND; c++) {
        uint32_t pi;
        int prim;
        const sr_gaz_place *gp = cand_ok(g, e, c, p->cue, &pi);
        if (!gp || sr_gaz_cand(g, e, c, &pi, &prim) != 0) continue;
        if ((gp->kind == SR_GAZ_DEMONYM) != (p->role == SR_PLACE_DEMONYM)) continue;
        w->cand[w->ncand] = pi;
        w->primary[w->ncand++] = (uint8_t)prim;
    }
}

/* "the capital", "the Malian capital", "Mali's capital", not followed by
 * the capital's name.  Returns the number of tokens of the phrase before
 * "capital" that belong to it (0 or more), or -1 when not an anaphor. */
static int capital_phrase(const scan *s, uint32_t i, const sr_places *pl, char cc[2]) {
    const sr_token *t = s->t;
    cc[0] = cc[1] = 0;
    if (strcmp(t[i].norm, "capital") != 0 || i == 0) return -1;
    uint32_t next = i + 1;
    if (next < s->ntok && strcmp(t[next].norm, "city") == 0) next++;
    if (next < s->ntok && t[next].sent == t[i].sent) {
        const char *n = t[next].norm;
        if (strcmp(n, "of") == 0) return -1;          /* "the capital of X" */
        if (is_word(&t[next]) && proper(&t[next])) return -1;  /* "capital Bamako" */
        if (strcmp(n, ",") == 0 && next + 1 < s->ntok && proper(&t[next + 1]) &&
            t[next + 1].sent == t[i].sent)
            return -1;                                 /* "the capital, Bamako" */
    }
    /* What comes before: "the", "the Malian", "Mali 's", "the country 's". */
    if (pl->n > 0) {
        const sr_place *last = &pl->v[pl->n - 1];
        uint32_t lend = last->tok_first + last->tok_n;
        if (lend == i && last->role == SR_PLACE_DEMONYM && last->gaz == UINT32_MAX) {
            /* demonym right before: country given by it (filled later) */
            cc[0] = '*';
            return 0;
        }
        if (lend + 1 == i && strcmp(t[lend].norm, "'s") == 0) {
            cc[0] = '*';
            return 0;
        }
    }
    if (strcmp(t[i - 1].norm, "the") == 0) return 1;
    if (i >= 3 && strcmp(t[i - 1].norm, "'s") == 0 &&
        strcmp(t[i - 2].norm, "country") == 0 && strcmp(t[i - 3].norm, "the") == 0)
        return 3;
    return -1;
}

static int recognise(scan *s, sr_places *pl, size_t *cap, work **w) {
    const sr_token *t = s->t;
    char key[1024];
    uint32_t hash[SR_GAZ_MAX_TOKENS + 1];
    size_t klen[SR_GAZ_MAX_TOKENS + 1];
    for (uint32_t i = 0; i < s->ntok;) {
        if (!is_word(&t[i])) { i++; continue; }
        char cc[2];
        int before = capital_phrase(s, i, pl, cc);
        if (before >= 0) {
            int m = add_mention(s->doc, pl, cap, w, i - (uint32_t)before,
                                (uint32_t)before + 1, SR_PLACE_ANAPHOR, cue_before(s, i - (uint32_t)before), NULL);
            if (m < 0) return -1;
            if (cc[0] == '*') (*w)[m].explicit_cc[0] = '*';
            i++;
            continue;
        }
        size_t len = 0;
        uint32_t h = SR_GAZ_HASH_INIT;
        int maxn = 0;
        for (uint32_t n = 1; n <= SR_GAZ_MAX_TOKENS && i + n <= s->ntok; n++) {
            const sr_token *k = &t[i + n - 1];
            if (k->sent != t[i].sent) break;
            if (len + k->norm_len + 2 > sizeof key) break;
            if (n > 1) { key[len++] = ' '; h = sr_gaz_hash(h, " ", 1); }
            memcpy(key + len, k->norm, k->norm_len);
            len += k->norm_len;
            h = sr_gaz_hash(h, k->norm, k->norm_len);
            hash[n] = h;
            klen[n] = len;
            maxn = (int)n;
        }
        int found = 0;
        for (int n = maxn; n >= 1 && !found; n--) {
            const sr_token *last = &t[i + (uint32_t)n - 1];
            if (last->kind == SR_TOK_PUNCT && strcmp(last->norm, ".") != 0) continue;
            const sr_gaz_entry *e = sr_gaz_find(s->g, hash[n], key, klen[n]);
            if (!e || e->ncand == 0) continue;
            unsigned cue = 0;
            if (!accept(s, e, i, i + (uint32_t)n, &cue)) continue;
            entry_info in = info_of(s->g, e, cue);
            uint8_t role = in.has_demonym && (in.all_demonym || !(cue & SR_PLACE_CUE_LOC))
                               ? SR_PLACE_DEMONYM : SR_PLACE_TOPONYM;
            if (add_mention(s->doc, pl, cap, w, i, (uint32_t)n, role, cue, e) < 0) return -1;
            i += (uint32_t)n;
            found = 1;
        }
        if (!found) i++;
    }
    return 0;
}

/* Names of people.  A word that follows a title or another capitalised
 * word outside any place ("Capt. Adam Moore", "Raquel Henry"), or comes
 * right before "said", is taken for a person's name in the whole document,
 * so that the bare "Moore" later on is not Moore, Oklahoma.  Not before a
 * street word: "Old Alton Edwardsville Road" names no person. */
static const char *const SPEECH[] = {
    "said", "says", "told", "added", "explained", "wrote", "asked", "noted",
    "stated", "testified", "argued", "replied", NULL};

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One pass over the tokens collects the words used as people's names; a
 * second drops single-word mentions of small places spelled like one.
 * Linear in the document (plus a sort), whatever its length. */
static int drop_person_names(const scan *s, sr_places *pl, work *w, sr_arena *a) {
    const sr_token *t = s->t;
    if (pl->n == 0) return 0;
    unsigned char *in_place = sr_arena_calloc(a, s->ntok + 1, 1);
    const char **names = sr_arena_alloc(a, (s->ntok + 1) * sizeof *names);
    if (!in_place || !names) return -1;
    for (size_t m = 0; m < pl->n; m++)
        for (uint32_t k = pl->v[m].tok_first; k < pl->v[m].tok_first + pl->v[m].tok_n; k++)
            in_place[k] = 1;
    size_t nn = 0;
    for (uint32_t k = 1; k < s->ntok; k++) {
        const sr_token *b = &t[k - 1];
        if (!is_word(&t[k]) || !proper(&t[k]) || s->caseless[t[k].sent]) continue;
        int person = 0;
        if (k + 1 < s->ntok && in_list(t[k + 1].norm, SPEECH) && !in_place[k]) person = 1;
        if (b->sent == t[k].sent && is_word(b)) {
            if (in_list(b->norm, TITLES)) person = 1;
            else if (proper(b) && !in_place[k - 1] && !in_place[k] &&
                     !sentence_initial(s, k - 1) && !in_list(b->norm, LOC_CUES) &&
                     !in_list(b->norm, FROM_CUES) && !in_list(b->norm, COMPASS) &&
                     !(k + 1 < s->ntok && in_list(t[k + 1].norm, STREET_WORDS)))
                person = 1;
        }
        if (person) names[nn++] = t[k].norm;
    }
    qsort(names, nn, sizeof *names, cmp_str);
    size_t keep = 0;
    for (size_t m = 0; m < pl->n; m++) {
        sr_place *p = &pl->v[m];
        int drop = 0;
        if (p->role == SR_PLACE_TOPONYM && p->tok_n == 1 && !s->caseless[p->sent] &&
            !s->doc_lower && !(p->cue & (SR_PLACE_CUE_LOC | SR_PLACE_CUE_DATELINE))) {
            entry_info in = info_of(s->g, p->entry, p->cue);
            const char *norm = t[p->tok_first].norm;
            uint32_t e = p->tok_first + 1;
            if (!in.has_country && !in.has_admin1 && in.top_prior < 6.5f)
                drop = (e < s->ntok && in_list(t[e].norm, SPEECH)) ||
                       bsearch(&norm, names, nn, sizeof *names, cmp_str) != NULL;
        }
        if (drop) continue;
        pl->v[keep] = *p;
        w[keep++] = w[m];
    }
    pl->n = keep;
    return 0;
}

/* "the capital Bamako", "the capital, Bamako": the name is there, the
 * anaphor is not a mention of its own (in lower-case text the check in
 * capital_phrase() cannot see that the next word is a name). */
static void drop_named_capitals(const sr_doc *doc, sr_places *pl, work *w) {
    size_t keep = 0;
    for (size_t m = 0; m < pl->n; m++) {
        const sr_place *p = &pl->v[m];
        if (p->role == SR_PLACE_ANAPHOR && m + 1 < pl->n) {
            uint32_t next = p->tok_first + p->tok_n;
            if (next < doc->toks.n && strcmp(doc->toks.v[next].norm, ",") == 0) next++;
            if (pl->v[m + 1].tok_first == next && pl->v[m + 1].role == SR_PLACE_TOPONYM) continue;
        }
        pl->v[keep] = *p;
        w[keep++] = w[m];
    }
    pl->n = keep;
}

/* ---- resolution ----------------------------------------------------------- */

static const sr_gaz_place *chosen(const sr_gazetteer *g, const work *w) {
    return w->choice >= 0 ? sr_gaz_place_at(g, w->cand[w->choice]) : NULL;
}

/* What mention o's choice says about the document's countries and
 * divisions (sign -1 takes it back). */
static void contribute(const sr_gazetteer *g, const sr_gaz_place *p, float wt,
                       ctx *countries, ctx *admins) {
    if (!p || !p->cc[0] || wt == 0) return;
    ctx_add(countries, p->cc, NULL, wt);
    if (p->kind == SR_GAZ_ADMIN1)
        ctx_add(admins, p->cc, sr_gaz_str(g, p->name), wt);
    else if (p->kind == SR_GAZ_ADMIN2 && p->admin1)
        ctx_add(admins, p->cc, sr_gaz_str(g, p->admin1), wt);
    else if (p->kind == SR_GAZ_CITY && p->admin1)
        ctx_add(admins, p->cc, sr_gaz_str(g, p->admin1), wt * 0.5f);
}

/* The context every mention gives the others. */
static void build_context(const sr_gazetteer *g, const sr_places *pl, work *w,
                          ctx *countries, ctx *admins) {
    countries->n = admins->n = 0;
    for (size_t m = 0; m < pl->n; m++) {
        w[m].ctx_choice = w[m].choice;
        contribute(g, chosen(g, &w[m]), w[m].weight, countries, admins);
    }
}

static float mention_weight(const sr_gazetteer *g, const sr_place *p, const work *w) {
    const sr_gaz_place *c = chosen(g, w);
    if (!c) return 0;
    float wt = 1.0f;
    if (p->role == SR_PLACE_DEMONYM) wt = 0.7f;
    if (c->kind == SR_GAZ_COUNTRY) wt = 1.5f;
    if (c->kind == SR_GAZ_REGION) wt = 0;
    if (p->cue & SR_PLACE_CUE_DATELINE) wt *= 3;
    /* an uncertain choice is weak evidence */
    if (w->ncand > 1 && p->margin < 1.0f) wt *= 0.5f;
    return wt;
}

/* The context the other mentions give mention m: the document's, less
 * what the mentions of the same name give (three "Alexandria"s do not make
 * Egypt likelier). */
static void context_for(const sr_gazetteer *g, const work *w, size_t m, const ctx *gc,
                        const ctx *ga, ctx *countries, ctx *admins) {
    *countries = *gc;
    *admins = *ga;
    for (uint32_t o = w[m].same_first; o != UINT32_MAX; o = w[o].same_next)
        if (w[o].ctx_choice >= 0)
            contribute(g, sr_gaz_place_at(g, w[o].cand[w[o].ctx_choice]), -w[o].weight,
                       countries, admins);
}

/* Distance (km, flat-Earth approximation, good to a few percent under
 * 500 km) from gp to the nearest place another name near m in the text
 * may mean: one of its NEAR_CAND best candidates, so that "Walker County
 * ... Huntsville" finds the Texas pair even when both first chose Alabama.
 * Only names within NEAR_WINDOW mentions count, which keeps a long
 * document linear. */
#define NEAR_CAND 12
#define NEAR_WINDOW 30
static double nearest_other(const sr_gazetteer *g, const sr_places *pl, const work *w,
                            size_t m, const sr_gaz_place *gp) {
    double best = 1e18, coslat = cos(gp->lat * 0.017453292519943295);
    size_t lo = m > NEAR_WINDOW ? m - NEAR_WINDOW : 0;
    size_t hi = m + NEAR_WINDOW + 1 < pl->n ? m + NEAR_WINDOW + 1 : pl->n;
    for (size_t o = lo; o < hi; o++) {
        if (o == m || pl->v[o].role != SR_PLACE_TOPONYM || w[o].same_first == w[m].same_first)
            continue;
        /* one mention per name */
        size_t k = lo;
        while (k < o && w[k].same_first != w[o].same_first) k++;
        if (k < o) continue;
        for (int c = 0; c < w[o].ncand && c < NEAR_CAND; c++) {
            const sr_gaz_place *q = sr_gaz_place_at(g, w[o].cand[c]);
            if (!q || q->kind == SR_GAZ_COUNTRY || q->kind == SR_GAZ_REGION) continue;
            double dlon = fabs((double)q->lon - gp->lon);
            if (dlon > 180) dlon = 360 - dlon;
            double dx = dlon * coslat, dy = (double)q->lat - gp->lat;
            double d2 = dx * dx + dy * dy;
            if (d2 < best) best = d2;
        }
    }
    return best >= 1e18 ? 1e9 : 111.2 * sqrt(best);
}

static void score_mention(const sr_gazetteer *g, const sr_places *pl, work *w, size_t m,
                          const ctx *gc, const ctx *ga, int with_distance) {
    const sr_place *p = &pl->v[m];
    work *wk = &w[m];
    ctx cbuf, abuf;
    const ctx *countries = &cbuf, *admins = &abuf;
    context_for(g, w, m, gc, ga, &cbuf, &abuf);
    float cmax = 0;
    for (int i = 0; i < countries->n; i++)
        if (countries->v[i].w > cmax) cmax = countries->v[i].w;
    const sr_gaz_place *cont = wk->contained_by >= 0 ? chosen(g, &w[wk->contained_by]) : NULL;
    /* A country's name means the country unless the text places it:
     * "Mexico" is not Mexico, Maine, because Maine towns are nearby. */
    int names_country = 0;
    for (int c = 0; c < wk->ncand; c++) {
        const sr_gaz_place *q = sr_gaz_place_at(g, wk->cand[c]);
        if (q && q->kind == SR_GAZ_COUNTRY) names_country = 1;
    }
    int best = -1;
    float bs = -1e9f, second = -1e9f;
    for (int c = 0; c < wk->ncand; c++) {
        const sr_gaz_place *gp = sr_gaz_place_at(g, wk->cand[c]);
        float s = gp->prior + (wk->primary[c] ? 0.3f : -1.0f);
        if (gp->cc[0] && cmax > 0) {
            float v = ctx_get(countries, gp->cc, NULL);
            if (v > 0) s += CTX_COUNTRY * v / cmax;
        }
        if ((gp->kind == SR_GAZ_CITY || gp->kind == SR_GAZ_ADMIN2) && gp->admin1) {
            float v = ctx_get(admins, gp->cc, sr_gaz_str(g, gp->admin1));
            if (v > 0.2f) s += CTX_ADMIN1 + ((p->cue & SR_PLACE_CUE_ADMIN) ? CTX_COUNTY : 0);
        }
        if (cont) {
            if (cont->kind == SR_GAZ_COUNTRY && memcmp(cont->cc, gp->cc, 2) == 0) s += 4;
            if (cont->kind == SR_GAZ_ADMIN1 && memcmp(cont->cc, gp->cc, 2) == 0 && gp->admin1 &&
                strcmp(sr_gaz_str(g, gp->admin1), sr_gaz_str(g, cont->name)) == 0)
                s += 5;
        }
        if ((p->cue & SR_PLACE_CUE_ADMIN) && gp->kind == SR_GAZ_ADMIN1) s += 4;
        if ((p->cue & SR_PLACE_CUE_CITY) && gp->kind == SR_GAZ_CITY) s += 1;
        if (with_distance && gp->kind != SR_GAZ_COUNTRY && gp->kind != SR_GAZ_REGION &&
            !names_country) {
            double dmin = nearest_other(g, pl, w, m, gp);
            if (dmin < 50) s += 1.5f * NEAR_W;
            else if (dmin < 200) s += 1.0f * NEAR_W;
            else if (dmin < 500) s += 0.5f * NEAR_W;
        }
        wk->score[c] = s;
        if (s > bs) { second = bs; bs = s; best = c; }
        else if (s > second) second = s;
    }
    wk->choice = best;
    pl->v[m].score = bs;
    pl->v[m].margin = wk->ncand > 1 ? bs - second : 10.0f;
}

typedef struct by_entry { uintptr_t entry; uint32_t m; } by_entry;

static int cmp_by_entry(const void *a, const void *b) {
    const by_entry *x = a, *y = b;
    if (x->entry != y->entry) return x->entry < y->entry ? -1 : 1;
    return x->m < y->m ? -1 : (x->m > y->m);
}

/* Chain the mentions of each name (same gazetteer entry). */
static int group_names(sr_places *pl, work *w, sr_arena *a) {
    by_entry *ix = sr_arena_alloc(a, (pl->n + 1) * sizeof *ix);
    if (!ix) return -1;
    for (size_t m = 0; m < pl->n; m++) {
        ix[m].entry = (uintptr_t)pl->v[m].entry;
        ix[m].m = (uint32_t)m;
        w[m].same_first = (uint32_t)m;
        w[m].same_next = UINT32_MAX;
    }
    qsort(ix, pl->n, sizeof *ix, cmp_by_entry);
    for (size_t k = 1; k < pl->n; k++) {
        uint32_t prev = ix[k - 1].m, cur = ix[k].m;
        if (!pl->v[cur].entry || pl->v[cur].entry != pl->v[prev].entry) continue;
        w[prev].same_next = cur;
        w[cur].same_first = w[prev].same_first;
    }
    return 0;
}

static int resolve(const sr_gazetteer *g, sr_places *pl, work *w, sr_arena *a) {
    if (group_names(pl, w, a) != 0) return -1;
    for (size_t m = 0; m < pl->n; m++) {
        if (pl->v[m].role == SR_PLACE_ANAPHOR) continue;
        load_candidates(g, &pl->v[m], &w[m]);
        w[m].choice = w[m].ncand ? 0 : -1;
        pl->v[m].margin = w[m].ncand > 1 ? 0.5f : 10.0f;
    }
    ctx countries, admins;
    for (int round = 0; round < 3; round++) {
        for (size_t m = 0; m < pl->n; m++) w[m].weight = mention_weight(g, &pl->v[m], &w[m]);
        build_context(g, pl, w, &countries, &admins);
        for (size_t m = 0; m < pl->n; m++)
            if (pl->v[m].role != SR_PLACE_ANAPHOR && w[m].ncand > 0)
                score_mention(g, pl, w, m, &countries, &admins, round > 0);
    }
    for (size_t m = 0; m < pl->n; m++) w[m].weight = mention_weight(g, &pl->v[m], &w[m]);
    build_context(g, pl, w, &countries, &admins);
    float best = 0;
    pl->country[0] = 0;
    for (int i = 0; i < countries.n; i++)
        if (countries.v[i].w > best) {
            best = countries.v[i].w;
            pl->country[0] = countries.v[i].cc[0];
            pl->country[1] = countries.v[i].cc[1];
            pl->country[2] = 0;
        }
    return 0;
}

static void fill(const sr_gazetteer *g, sr_place *p, uint32_t gi) {
    const sr_gaz_place *gp = sr_gaz_place_at(g, gi);
    if (!gp) return;
    p->gaz = gi;
    p->kind = gp->kind;
    p->name = sr_gaz_str(g, gp->name);
    p->admin1 = gp->admin1 ? sr_gaz_str(g, gp->admin1) : NULL;
    if (gp->kind == SR_GAZ_ADMIN1) p->admin1 = p->name;
    p->feature = gp->feature[7] == 0 ? gp->feature : "";
    p->country[0] = gp->cc[0];
    p->country[1] = gp->cc[1];
    p->country[2] = 0;
    p->lat = gp->lat;
    p->lon = gp->lon;
    p->geonameid = gp->geonameid;
}

/* "X, Y": X is contained in Y when Y is a division or a country. */
static void link_containment(const sr_gazetteer *g, const sr_doc *doc, sr_places *pl, work *w) {
    const sr_token *t = doc->toks.v;
    for (size_t m = 0; m + 1 < pl->n; m++) {
        const sr_place *a = &pl->v[m], *b = &pl->v[m + 1];
        uint32_t aend = a->tok_first + a->tok_n;
        if (a->role != SR_PLACE_TOPONYM || b->role != SR_PLACE_TOPONYM) continue;
        if (aend + 1 != b->tok_first || strcmp(t[aend].norm, ",") != 0) continue;
        entry_info in = info_of(g, b->entry, b->cue);
        if (in.top_kind == SR_GAZ_COUNTRY || in.top_kind == SR_GAZ_ADMIN1 || in.has_big) {
            w[m].contained_by = (int)m + 1;
            pl->v[m].cue |= SR_PLACE_CUE_CONTAINED;
        }
    }
}

/* The document's main place: the most mentioned specific place of the main
 * country (datelines count triple), else a division, else the country. */
static int main_place(const sr_places *pl) {
    int best = -1;
    float bs = 0;
    for (size_t m = 0; m < pl->n; m++) {
        const sr_place *p = &pl->v[m];
        if (p->role == SR_PLACE_DEMONYM || p->gaz == UINT32_MAX || p->kind == SR_GAZ_REGION)
            continue;
        float s = 0;
        for (size_t o = 0; o < pl->n; o++)
            if (pl->v[o].gaz == p->gaz && pl->v[o].role != SR_PLACE_DEMONYM)
                s += (pl->v[o].cue & SR_PLACE_CUE_DATELINE) ? 3 : 1;
        if (pl->country[0] && strcmp(p->country, pl->country) == 0) s += 2;
        if (p->kind == SR_GAZ_CITY) s += 1.5f;
        else if (p->kind == SR_GAZ_ADMIN1 || p->kind == SR_GAZ_ADMIN2) s += 0.5f;
        s -= 0.001f * (float)m;
        if (s > bs) { bs = s; best = (int)m; }
    }
    return best;
}

static void write_places(sr_json *j, const sr_doc *doc, const void *data) {
    const sr_places *pl = data;
    sr_json_arr_begin(j);
    for (size_t i = 0; pl && i < pl->n; i++) {
        const sr_place *p = &pl->v[i];
        if (p->role == SR_PLACE_DEMONYM || p->gaz == UINT32_MAX) continue;
        sr_json_obj_begin(j);
        sr_json_text_span(j, doc, p->start, p->end);
        sr_json_key(j, "name"); sr_json_str(j, p->name);
        sr_json_key(j, "geonameid");
        if (p->geonameid) sr_json_int(j, p->geonameid); else sr_json_null(j);
        sr_json_key(j, "country"); sr_json_str(j, p->country[0] ? p->country : NULL);
        sr_json_key(j, "admin1"); sr_json_str(j, p->admin1);
        sr_json_key(j, "lat"); sr_json_double(j, p->lat, 5);
        sr_json_key(j, "lon"); sr_json_double(j, p->lon, 5);
        sr_json_key(j, "feature"); sr_json_str(j, p->feature);
        sr_json_obj_end(j);
    }
    sr_json_arr_end(j);
}

/* Sentences in which capitalisation carries no information: all capitals
 * or Title Case (headlines). */
static int mark_caseless(scan *s) {
    sr_doc *doc = s->doc;
    s->caseless = sr_arena_calloc(&doc->arena, doc->sents.n + 1, 1);
    if (!s->caseless) return -1;
    size_t words = 0, capped = 0;
    for (size_t k = 0; k < doc->sents.n; k++) {
        const sr_sentence *se = &doc->sents.v[k];
        size_t n = 0, c = 0;
        for (uint32_t i = se->tok_first; i < se->tok_first + se->tok_n && i < s->ntok; i++) {
            if (!is_word(&s->t[i])) continue;
            n++;
            if (proper(&s->t[i])) c++;
        }
        words += n;
        capped += c;
        s->caseless[k] = n >= 3 && c * 4 > n * 3;
    }
    s->doc_lower = words >= 20 && capped * 50 <= words;
    return 0;
}

int sr_find_places(const sr_gazetteer *g, sr_doc *doc) {
    sr_places *pl = sr_arena_calloc(&doc->arena, 1, sizeof *pl);
    if (!pl) return -1;
    pl->main = -1;
    doc->places = pl;
    if (sr_doc_add_section(doc, "places", write_places, pl) != 0) return -1;
    if (!g || doc->toks.n == 0) return 0;
    scan s = {g, doc, doc->toks.v, doc->toks.n, 0, NULL};
    if (mark_caseless(&s) != 0) return -1;
    size_t cap = 0;
    work *w = NULL;
    if (recognise(&s, pl, &cap, &w) != 0) return -1;
    if (drop_person_names(&s, pl, w, &doc->arena) != 0) return -1;
    drop_named_capitals(doc, pl, w);
    link_containment(g, doc, pl, w);
    if (resolve(g, pl, w, &doc->arena) != 0) return -1;
    for (size_t m = 0; m < pl->n; m++) {
        sr_place *p = &pl->v[m];
        if (p->role != SR_PLACE_ANAPHOR && w[m].choice >= 0) fill(g, p, w[m].cand[w[m].choice]);
    }
    /* "the capital": of the country just named, else of the document's. */
    for (size_t m = 0; m < pl->n; m++) {
        sr_place *p = &pl->v[m];
        if (p->role != SR_PLACE_ANAPHOR) continue;
        const char *cc = pl->country;
        if (w[m].explicit_cc[0] == '*' && m > 0 && pl->v[m - 1].country[0])
            cc = pl->v[m - 1].country;
        if (!cc[0]) continue;
        uint32_t cap_i = sr_gaz_capital(g, cc);
        if (cap_i != UINT32_MAX) {
            fill(g, p, cap_i);
            p->margin = 10.0f;
        }
    }
    pl->main = main_place(pl);
    return 0;
}

/* ---- incident location ------------------------------------------------------ */

static sr_precision precision_of(uint8_t kind) {
    switch (kind) {
    case SR_GAZ_CITY: return SR_PREC_CITY;
    case SR_GAZ_ADMIN1: return SR_PREC_ADMIN1;
    case SR_GAZ_ADMIN2: return SR_PREC_ADMIN1;   /* sitrep/1 has no finer division */
    case SR_GAZ_COUNTRY: return SR_PREC_COUNTRY;
    default: return SR_PREC_UNKNOWN;
    }
}

static void set_location(const sr_place *p, sr_inc_location *out) {
    out->present = 1;
    out->name = p->name;
    out->country = p->country[0] ? p->country : NULL;
    out->admin1 = p->admin1;
    out->lat = p->lat;
    out->lon = p->lon;
    out->geonameid = p->geonameid;
    out->precision = precision_of(p->kind);
    out->start = p->start;
    out->end = p->end;
}

void sr_places_locate(const sr_doc *doc, uint32_t tok, sr_inc_location *out) {
    memset(out, 0, sizeof *out);
    const sr_places *pl = doc->places;
    if (!pl || pl->n == 0) return;
    uint32_t sent = tok < doc->toks.n ? doc->toks.v[tok].sent : UINT32_MAX;
    int best = -1;
    float bs = -1e9f;
    for (size_t m = 0; m < pl->n; m++) {
        const sr_place *p = &pl->v[m];
        if (p->sent != sent || p->role == SR_PLACE_DEMONYM || p->gaz == UINT32_MAX ||
            p->kind == SR_GAZ_REGION)
            continue;
        uint32_t d = p->tok_first > tok ? p->tok_first - tok : tok - p->tok_first;
        float s = -0.05f * (float)d;
        if (p->cue & SR_PLACE_CUE_LOC) s += 2;
        if (p->kind == SR_GAZ_CITY) s += 1;
        else if (p->kind == SR_GAZ_ADMIN2) s += 0.75f;
        else if (p->kind == SR_GAZ_ADMIN1) s += 0.5f;
        if (s > bs) { bs = s; best = (int)m; }
    }
    if (best < 0) best = pl->main;
    if (best < 0) return;
    set_location(&pl->v[best], out);
    /* "Mali's Bamako", "Bamako, Mali": a city is reported as the city. */
}
