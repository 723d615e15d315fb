/*
 * places_scan.c -- recognising place names in a document's tokens.
 *
 * At each word token, the folded keys of the n-grams that start there (up
 * to SR_GAZ_MAX_TOKENS tokens, inside the sentence) are hashed
 * incrementally and looked up longest first; the first key found whose
 * match passes accept() is a mention and the scan resumes after it.
 * accept() is where casing and cues decide:
 *   - in mixed-case text a name must look like one (capitalised words,
 *     with short connectors inside: "Côte d'Ivoire", "Bosnia and
 *     Herzegovina");
 *   - a sentence that is all capitals or Title Case, and a document in
 *     lower case, say nothing by their case ("caseless"), so there a name
 *     that is also an English word (dictionary and SUBTLEX flags from the
 *     build) needs a cue or a large place behind it;
 *   - names on the stop list (data/places/stop-toponyms.tsv) need a place
 *     cue ("in Bar") and a capital letter;
 *   - a small place glued to other capitalised words ("Orchard St.",
 *     "Mary Smith", "Mr Traore") is part of another name;
 *   - a word used as a person's name elsewhere in the document ("Capt.
 *     Adam Moore", "Moore said") is not a small town there either.
 * "the capital" is a mention of the national capital (an anaphor,
 * resolved in places.c); demonyms are found as country context.
 */
#include <stdlib.h>
#include <string.h>

#include "places_int.h"

#define WORD_FLAGS (SR_GAZ_COMMON_LOWER | SR_GAZ_RARE_LOWER | SR_GAZ_COMMON_CAP)

/* ---- word lists ---------------------------------------------------------- */

static int in_list(const char *w, const char *const *list) {
    for (; *list; list++)
        if ((*list)[0] == w[0] && strcmp(w, *list) == 0) return 1;
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
/* Months and days: "in August" is a date. */
static const char *const CALENDAR[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", NULL};
static const char *const DISEASE_WORDS[] = {
    "virus", "viruses", "fever", "disease", "flu", "influenza", "strain",
    "ebolavirus", "encephalitis", "syndrome", NULL};
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


/* May candidate c of e be meant here?  GeoNames' alternate names include
 * odd aliases ("No" for Ho, "Passover" for a town); when the name is also
 * an English word only a place's own name counts.  A division named by a
 * word ("Central", "Western") needs a cue. */
const sr_gaz_place *sr_places_cand_ok(const sr_gazetteer *g, const sr_gaz_entry *e, size_t c,
                                   unsigned cue, uint32_t *pi) {
    int prim;
    if (sr_gaz_cand(g, e, c, pi, &prim) != 0) return NULL;
    const sr_gaz_place *p = sr_gaz_place_at(g, *pi);
    if (!(e->flags & WORD_FLAGS)) return p;
    if (p->kind == SR_GAZ_CITY && !prim) return NULL;
    if (p->kind == SR_GAZ_ADMIN1 && e->ntok == 1 &&
        in_list(sr_gaz_str(g, e->key), GENERIC_ADMIN) &&
        !(cue & CAND_CUES))
        return NULL;
    return p;
}


entry_info sr_places_entry_info(const sr_gazetteer *g, const sr_gaz_entry *e, unsigned cue) {
    entry_info in = {-1, 0, 0, 1, 0, 0, 0, 0, 0};
    for (size_t c = 0; c < e->ncand; c++) {
        uint32_t pi;
        const sr_gaz_place *p = sr_places_cand_ok(g, e, c, cue, &pi);
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

/* "al-Balah", "el-Sheikh": a lower-case article joined to a capitalised
 * word is part of a name ("Deir al-Balah", "Sharm el-Sheikh"). */
static int capital_after_hyphen(const scan *s, const sr_token *t) {
    const char *r = s->doc->text + t->start;
    for (uint32_t k = 1; k + 1 < t->end - t->start && k <= 4; k++)
        if (r[k] == '-') return r[k + 1] >= 'A' && r[k + 1] <= 'Z';
    return 0;
}

/* Is the match [i, end) a place here?  Sets *cue and *info. */
static int accept(const scan *s, const sr_gaz_entry *e, uint32_t i, uint32_t end,
                  unsigned *cue, entry_info *info) {
    const sr_token *t = s->t;
    int caseless = s->doc_lower || s->caseless[t[i].sent];
    *cue = cue_before(s, i) | cue_after(s, end);
    if (dateline(s, i, end)) *cue |= SR_PLACE_CUE_DATELINE;
    entry_info in = *info = sr_places_entry_info(s->g, e, *cue);
    if (in.n == 0 || (in.top_prior < -0.5f && !in.has_demonym)) return 0;
    /* exactly a group's name ("the Taliban", "Hamas"), not a country's
     * ("Mali" names no group) and not after "in/at/near" */
    if (s->group_end && s->group_end[i] == end && !in.has_country && !in.has_demonym &&
        !(*cue & SR_PLACE_CUE_LOC))
        return 0;
    int strong_cue = (*cue & (SR_PLACE_CUE_LOC | SR_PLACE_CUE_ADMIN | SR_PLACE_CUE_CITY |
                              SR_PLACE_CUE_DATELINE)) != 0;

    if (!caseless) {
        /* It must look like a name; a division's own word may be lower
         * case at its end ("Eastern province" is "Eastern Province"). */
        if (!proper(&t[i])) return 0;
        for (uint32_t k = i + 1; k < end; k++)
            if (is_word(&t[k]) && !proper(&t[k]) && !in_list(t[k].norm, CONNECTORS) &&
                t[k].norm_len > 3 && !(k + 1 == end && in_list(t[k].norm, ADMIN_WORDS)) &&
                !capital_after_hyphen(s, &t[k]))
                return 0;
        /* An all-capitals word in mixed text is an acronym unless it is a
         * dateline or a country code the tables list ("US", "UK"). */
        if (end == i + 1 && (t[i].flags & SR_TF_UPPER) && !(*cue & SR_PLACE_CUE_DATELINE) &&
            !in.has_country && !in.has_admin1 && !in.has_demonym)
            return 0;
        /* A name that is also a word, glued to a capitalised word, is part
         * of a longer name ("Western Europe", "Delta Air Lines", "West
         * Java": a division named by a direction is no exception); so is
         * any name before a street word ("Dublin Road", "Orchard St."). */
        int generic = e->ntok == 1 && in_list(sr_gaz_str(s->g, e->key), GENERIC_ADMIN);
        if (end < s->ntok && t[end].sent == t[i].sent && is_word(&t[end]) &&
            proper(&t[end]) && !in_list(t[end].norm, ADMIN_WORDS) &&
            !in_list(t[end].norm, CITY_WORDS) &&
            (((e->flags & WORD_FLAGS) && !in.has_country && (!in.has_admin1 || generic)) ||
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
        return !caseless && (*cue & SR_PLACE_CUE_LOC) && !in_list(t[i].norm, CALENDAR);

    /* A name before "virus", "fever"... names a disease ("Marburg virus",
     * "Lassa fever", "Reston ebolavirus"). */
    if (end < s->ntok && in_list(t[end].norm, DISEASE_WORDS) && !in.has_country) return 0;

    /* Two or three letters with no cue are rarely a town ("Lu", "Ali"). */
    if (end == i + 1 && t[i].norm_len <= 3 && !in.has_country && !in.has_admin1 && !strong_cue)
        return 0;

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
        sr_place *v = realloc(pl->v, nc * sizeof *v);     /* heap: see sr_find_places */
        if (!v) return -1;
        pl->v = v;
        work *nw = realloc(*w, nc * sizeof **w);
        if (!nw) return -1;
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

/* Names inside a hyphenated word: the tokenizer keeps "Kabul-based",
 * "Israeli-Egyptian", "Gainesville-area" whole, and the names in them are
 * context worth having.  Each part between hyphens that starts with a
 * capital is looked up alone; one is kept when it is a country or a
 * demonym ("Turkey-backed", "Israeli-Egyptian"), or, when it is no English
 * word, a division or the own name of a town of about 100,000 people or
 * more ("Hamas-led" is not Hamm, whose other names include Hamas): a part
 * has none of the cues a whole name is judged by.
 * When a capitalised part is no such name the word is a name of its own
 * ("Agence France-Presse", "Rolls-Royce") and none is kept.  Only in
 * mixed-case text, where the capital means something.  Returns -1 when
 * out of memory. */
#define MAX_PARTS 8
static int hyphen_parts(scan *s, sr_places *pl, size_t *cap, work **w, uint32_t i) {
    const sr_token *t = &s->t[i];
    const char *raw = s->doc->text + t->start, *norm = t->norm;
    size_t rlen = t->end - t->start, nlen = t->norm_len;
    if (s->doc_lower || s->caseless[t->sent] || !memchr(norm, '-', nlen)) return 0;
    struct { size_t rs, re; const sr_gaz_entry *e; uint8_t role; } part[MAX_PARTS];
    size_t np = 0, rs = 0, ns = 0;
    while (rs < rlen && ns < nlen) {
        size_t re = rs, ne = ns;
        while (re < rlen && raw[re] != '-') re++;
        while (ne < nlen && norm[ne] != '-') ne++;
        if ((re == rlen) != (ne == nlen)) return 0;      /* parts do not line up */
        if (ne - ns >= 2 && raw[rs] >= 'A' && raw[rs] <= 'Z') {
            uint32_t h = sr_gaz_hash(SR_GAZ_HASH_INIT, norm + ns, ne - ns);
            const sr_gaz_entry *e = sr_gaz_find(s->g, h, norm + ns, ne - ns);
            if (!e || e->ncand == 0 || (e->flags & SR_GAZ_STOP)) return 0;
            entry_info in = sr_places_entry_info(s->g, e, 0);
            int word = (e->flags & (SR_GAZ_COMMON_LOWER | SR_GAZ_RARE_LOWER)) != 0;
            if (!(in.has_demonym || in.has_country ||
                  (!word && (in.has_admin1 || (in.has_primary && in.top_prior >= 5.0f)))))
                return 0;                                /* a name of its own */
            if (np == MAX_PARTS) return 0;
            part[np].rs = rs;
            part[np].re = re;
            part[np].e = e;
            part[np].role = in.has_demonym ? SR_PLACE_DEMONYM : SR_PLACE_TOPONYM;
            np++;
        }
        rs = re + 1;
        ns = ne + 1;
    }
    for (size_t k = 0; k < np; k++) {
        int m = add_mention(s->doc, pl, cap, w, i, 1, part[k].role, SR_PLACE_CUE_PART, part[k].e);
        if (m < 0) return -1;
        pl->v[m].start = t->start + (uint32_t)part[k].rs;
        pl->v[m].end = t->start + (uint32_t)part[k].re;
    }
    return 0;
}

int sr_places_recognise(scan *s, sr_places *pl, size_t *cap, work **w) {
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
            if (!sr_gaz_may_extend(s->g, h)) break;   /* no longer name starts so */
        }
        int found = 0;
        for (int n = maxn; n >= 1 && !found; n--) {
            const sr_token *last = &t[i + (uint32_t)n - 1];
            if (last->kind == SR_TOK_PUNCT && strcmp(last->norm, ".") != 0) continue;
            const sr_gaz_entry *e = sr_gaz_find(s->g, hash[n], key, klen[n]);
            if (!e || e->ncand == 0) continue;
            unsigned cue = 0;
            entry_info in;
            if (!accept(s, e, i, i + (uint32_t)n, &cue, &in)) continue;
            uint8_t role = in.has_demonym && (in.all_demonym || !(cue & SR_PLACE_CUE_LOC))
                               ? SR_PLACE_DEMONYM : SR_PLACE_TOPONYM;
            if (add_mention(s->doc, pl, cap, w, i, (uint32_t)n, role, cue, e) < 0) return -1;
            i += (uint32_t)n;
            found = 1;
        }
        if (!found) {
            if (hyphen_parts(s, pl, cap, w, i) < 0) return -1;
            i++;
        }
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
int sr_places_drop_people(const scan *s, sr_places *pl, work *w, sr_arena *a) {
    const sr_token *t = s->t;
    if (pl->n == 0) return 0;
    /* in_place[k]: 1 inside a mention; 2 a person's name (first pass) */
    unsigned char *in_place = sr_arena_calloc(a, s->ntok + 1, 1);
    if (!in_place) return -1;
    for (size_t m = 0; m < pl->n; m++)
        for (uint32_t k = pl->v[m].tok_first; k < pl->v[m].tok_first + pl->v[m].tok_n; k++)
            in_place[k] = 1;
    size_t nn = 0;
    for (uint32_t k = 1; k < s->ntok; k++) {
        const sr_token *b = &t[k - 1];
        if (!is_word(&t[k]) || !proper(&t[k]) || s->caseless[t[k].sent]) continue;
        int person = 0;
        if (k + 1 < s->ntok && in_list(t[k + 1].norm, SPEECH) && !(in_place[k] & 1)) person = 1;
        if (b->sent == t[k].sent && is_word(b)) {
            if (in_list(b->norm, TITLES)) person = 1;
            else if (proper(b) && !(in_place[k - 1] & 1) && !(in_place[k] & 1) &&
                     !sentence_initial(s, k - 1) && !in_list(b->norm, LOC_CUES) &&
                     !in_list(b->norm, FROM_CUES) && !in_list(b->norm, COMPASS) &&
                     !(k + 1 < s->ntok && in_list(t[k + 1].norm, STREET_WORDS)))
                person = 1;
        }
        if (person) { nn++; in_place[k] |= 2; }
    }
    const char **names = sr_arena_alloc(a, (nn + 1) * sizeof *names);
    if (!names) return -1;
    nn = 0;
    for (uint32_t k = 1; k < s->ntok; k++)
        if (in_place[k] & 2) names[nn++] = t[k].norm;
    qsort(names, nn, sizeof *names, cmp_str);
    size_t keep = 0;
    for (size_t m = 0; m < pl->n; m++) {
        sr_place *p = &pl->v[m];
        int drop = 0;
        if (p->role == SR_PLACE_TOPONYM && p->tok_n == 1 && !s->caseless[p->sent] &&
            !s->doc_lower && !(p->cue & (SR_PLACE_CUE_LOC | SR_PLACE_CUE_DATELINE))) {
            entry_info in = sr_places_entry_info(s->g, p->entry, p->cue);
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
void sr_places_drop_named_capitals(const sr_doc *doc, sr_places *pl, work *w) {
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
