/*
 * incident_sources.c -- who the article credits (attribution) and who
 * claimed responsibility.
 *
 * Attribution verbs (data/lexicons/attribution.tsv) and where their source
 * stands:
 *
 *   say        "a witness said" (the noun phrase before) or ", said the
 *              Armed Forces" (after, when a quote or comma precedes);
 *   tell       "Mr Traore told AFP": Mr Traore, via AFP (a capitalised name);
 *   according  "according to officials";
 *   quote      "X quoted officials as saying": officials, via X;
 *   tweet      "X tweeted": X, via Twitter.
 *
 * A noun phrase is a run of words without punctuation or clause words, at
 * most 8 tokens; an appositive is skipped ("Andrea de Georgio, a freelance
 * journalist in Bamako, also quoted ...": Andrea de Georgio).  A pronoun
 * source ("he said") takes the name of the latest named source before it.
 *
 * Claims (inc_claim): "claimed by X" and "X claimed responsibility"; the
 * claimant is a group of the actor lexicons (canonical name) or, in
 * mixed-case text, a capitalised name.
 */
#include <string.h>

#include "incident_ctx.h"

#define NP_MAX 8

static const char *const np_stop[] = {
    "that", "which", "who", "whom", "whose", "and", "but", "or", "when", "while", "as",
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "said", "told",
    "would", "will", "could", "can", "to", "if", "because", "after", "before", "then", "so",
    "on", "at", "by", "with", "for", "from", "since", "than", "also", "not", "it", "he",
    "she", "they", "we", "i", "you", "this", "these", "those", "there", "here", NULL};
static const char *const pronouns[] = {"he", "she", "they", "it", "we", "i", NULL};
static const char *const adverbs[] = {"also", "later", "earlier", "again", "then", "reportedly",
                                      "further", "previously", "separately", "had", "has",
                                      "have", "today", "yesterday", "tonight", "recently",
                                      "yet", "now", "still", "once", NULL};
static const char *const determiners[] = {"the", "a", "an", NULL};

/* Inside a name in mixed-case text, these lower-case words may join
 * capitalised ones ("Mission in Mali", "Andrea de Georgio"). */
static const char *const name_joiners[] = {"in", "of", "de", "del", "la", "al", "bin", "el",
                                           "for", "du", "da", "van", "von", NULL};

static int np_token(const inc_ctx *c, uint32_t t) {
    const sr_token *k = &c->tok[t];
    if (k->kind == SR_TOK_PUNCT) return 0;
    if (k->kind == SR_TOK_NUM) return 1;
    if (inc_tok_in(c, t, name_joiners)) return 1;
    return !inc_tok_in(c, t, np_stop);
}

/* A noun phrase ending just before token `t` (exclusive), not before lo:
 * returns its first token, or t when there is none.  A lone pronoun is a
 * phrase of its own. */
static uint32_t np_before(const inc_ctx *c, uint32_t t, uint32_t lo) {
    if (t > lo && inc_tok_in(c, t - 1, pronouns)) return t - 1;
    uint32_t b = t;
    while (b > lo && t - b < NP_MAX && np_token(c, b - 1)) {
        b--;
        if (inc_tok_in(c, b, determiners)) break;   /* a phrase starts at its determiner */
    }
    /* a name joiner cannot start a phrase */
    while (b < t && inc_tok_in(c, b, name_joiners)) b++;
    return b;
}

/* A noun phrase starting at token `t`: returns its end (exclusive), or t. */
static uint32_t np_after(const inc_ctx *c, uint32_t t, uint32_t hi) {
    if (t < hi && inc_tok_in(c, t, pronouns)) return t + 1;
    uint32_t e = t;
    while (e < hi && e - t < NP_MAX && np_token(c, e)) {
        /* a new determiner or an event word starts another phrase */
        if (e > t && (inc_tok_in(c, e, determiners) || inc_cue_at(c, e, INC_C_EVENT))) break;
        /* "according to officials in Bamako": keep "in" only inside names */
        if (inc_tok_in(c, e, name_joiners) && !(inc_tok_cap(c, e - 1) && inc_tok_cap(c, e + 1)))
            break;
        e++;
    }
    if (e > t && inc_tok_in(c, t, name_joiners)) return t;
    return e;
}

/* Skip adverbs standing between a subject and its verb ("also quoted"). */
static uint32_t skip_adverbs_back(const inc_ctx *c, uint32_t t, uint32_t lo) {
    while (t > lo && inc_tok_in(c, t - 1, adverbs)) t--;
    return t;
}

/* The subject before a verb at token v: [*b, *e), handling an appositive. */
static int subject_before(const inc_ctx *c, uint32_t v, uint32_t lo, uint32_t *b, uint32_t *e) {
    uint32_t t = skip_adverbs_back(c, v, lo);
    uint32_t s = np_before(c, t, lo);
    if (s < t) { *b = s; *e = t; }
    else if (t > lo && inc_tok_punct(c, t - 1, ',')) {
        /* "Name, appositive, verb" and "the brigade, which is based in X,
         * added": the phrase before the opening comma */
        for (uint32_t j = t - 1; j > lo && t - j < 14; j--) {
            if (!inc_tok_punct(c, j - 1, ',')) continue;
            uint32_t nm = np_before(c, j - 1, lo);
            if (nm < j - 1) { *b = nm; *e = j - 1; return 1; }
            break;
        }
        /* else the phrase itself when it is whole */
        uint32_t ap = np_before(c, t - 1, lo);
        if (ap == t - 1 || (ap > lo && c->tok[ap - 1].kind != SR_TOK_PUNCT)) return 0;
        *b = ap; *e = t - 1;
    } else {
        return 0;
    }
    return 1;
}

/* The name of a phrase: its bytes, without a leading "the" before a name. */
static const char *phrase_name(inc_ctx *c, uint32_t b, uint32_t e) {
    if (e - b >= 2 && inc_tok_is(c, b, "the") && inc_tok_cap(c, b + 1)) b++;
    return inc_strdup_span(c, c->tok[b].start, c->tok[e - 1].end);
}

/* A channel after "told": a capitalised name ("AFP", "the BBC"). */
static const char *channel_after(inc_ctx *c, uint32_t t, uint32_t hi) {
    if (t < hi && inc_tok_is(c, t, "the")) t++;
    uint32_t e = t;
    while (e < hi && e - t < 5 && inc_tok_cap(c, e)) e++;
    if (e == t) return NULL;
    return inc_strdup_span(c, c->tok[t].start, c->tok[e - 1].end);
}

/* A source is a phrase with a content word: not "the", "no", "one". */
static int contentful(const inc_ctx *c, uint32_t b, uint32_t e) {
    static const char *const empty[] = {"the", "a", "an", "no", "one", "some", "this", "that",
                                        "its", "their", "his", "her", NULL};
    for (uint32_t t = b; t < e; t++)
        if (!inc_tok_in(c, t, empty)) return 1;
    return 0;
}

static int add_source(inc_ctx *c, uint32_t sent, uint32_t b, uint32_t e, const char *via) {
    if (!contentful(c, b, e)) return 0;
    inc_source *s = &c->sources[c->nsources];
    s->sent = sent;
    s->start = c->tok[b].start;
    s->end = c->tok[e - 1].end;
    s->via = via;
    if (e - b == 1 && inc_tok_in(c, b, pronouns)) {
        /* "he said": the latest named source before */
        s->name = NULL;
        for (size_t i = c->nsources; i-- > 0;) {
            if (c->sources[i].name) {
                s->name = c->sources[i].name;
                if (!via) s->via = c->sources[i].via;
                break;
            }
        }
        if (!s->name) return 0;   /* nobody to refer to: not a source */
    } else {
        s->name = phrase_name(c, b, e);
        if (!s->name) return -1;
    }
    inc_sent *st = &c->sents[sent];
    if (st->source < 0) st->source = (int32_t)c->nsources;
    if (!st->src_n) st->src_first = (uint32_t)c->nsources;
    st->src_n++;
    c->nsources++;
    return 0;
}

static int quote_closes_before(const inc_ctx *c, uint32_t v, uint32_t lo) {
    if (v <= lo) return 0;
    const sr_token *k = &c->tok[v - 1];
    return k->kind == SR_TOK_PUNCT &&
           (k->norm[0] == ',' || (k->flags & SR_TF_QUOTE_CLOSE) || k->norm[0] == '"');
}

static int one_attribution(inc_ctx *c, const inc_cue *q, uint32_t sent) {
    const sr_sentence *s = &c->doc->sents.v[sent];
    uint32_t lo = s->tok_first, hi = s->tok_first + s->tok_n;
    uint32_t b = 0, e = 0;
    switch (q->li.sub) {
    case INC_R_SAY:
        if (quote_closes_before(c, q->first, lo) || q->first == lo) {
            e = np_after(c, q->end, hi);
            if (e > q->end) return add_source(c, sent, q->end, e, NULL);
        }
        if (subject_before(c, q->first, lo, &b, &e)) return add_source(c, sent, b, e, NULL);
        return 0;
    case INC_R_TELL:
        if (subject_before(c, q->first, lo, &b, &e))
            return add_source(c, sent, b, e, channel_after(c, q->end, hi));
        return 0;
    case INC_R_TWEET:
        if (subject_before(c, q->first, lo, &b, &e)) return add_source(c, sent, b, e, "Twitter");
        return 0;
    case INC_R_ACCORDING:
        e = np_after(c, q->end, hi);
        if (e > q->end) return add_source(c, sent, q->end, e, NULL);
        return 0;
    case INC_R_QUOTE: {
        const char *via = NULL;
        if (subject_before(c, q->first, lo, &b, &e)) via = phrase_name(c, b, e);
        uint32_t ne = np_after(c, q->end, hi);
        if (ne > q->end && inc_tok_is(c, ne, "as")) return add_source(c, sent, q->end, ne, via);
        if (via) return add_source(c, sent, b, e, NULL);
        return 0;
    }
    default:
        return 0;
    }
}

int inc_find_sources(inc_ctx *c) {
    size_t n = 0;
    for (size_t i = 0; i < c->ncues; i++) n += c->cues[i].li.cls == INC_C_ATTRIB;
    c->sources = sr_arena_alloc(c->a, (n ? n : 1) * sizeof *c->sources);
    if (!c->sources) return -1;
    c->nsources = 0;
    for (size_t i = 0; i < c->ncues; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls != INC_C_ATTRIB) continue;
        if (one_attribution(c, q, c->tok[q->first].sent)) return -1;
    }
    return 0;
}

static int clause_punct(const inc_ctx *c, uint32_t t) {
    return c->tok[t].kind == SR_TOK_PUNCT && c->tok[t].norm[0] != '-' &&
           c->tok[t].norm[0] != '\'';
}

/* A group cue inside [b, e), or NULL. */
static const inc_cue *org_in(const inc_ctx *c, uint32_t b, uint32_t e) {
    for (uint32_t t = b; t < e; t++) {
        const inc_cue *o = inc_cue_at(c, t, INC_C_ORG);
        if (o && o->end <= e) return o;
    }
    return NULL;
}

static int add_claim(inc_ctx *c, uint32_t sent, uint32_t b, uint32_t e, int blame) {
    const inc_cue *o = org_in(c, b, e);
    inc_claim *k = &c->claims[c->nclaims];
    k->blame = (uint8_t)blame;
    k->tok_b = b;
    k->tok_e = e;
    if (blame) {
        /* the accused: a group, or attackers the lexicons know ("jihadists
         * linked to al-Qaeda", "Fulani herders") */
        int known = o != NULL;
        for (uint32_t t = b; t < e && !known; t++) known = inc_cue_at(c, t, INC_C_PERP) != NULL;
        if (!known) return 0;
    } else if (o) { b = o->first; e = o->end; }
    else {
        /* no group known: a capitalised name, never a pronoun or an event */
        while (b < e && inc_tok_in(c, b, determiners)) b++;
        if (b == e || !inc_tok_cap(c, b) || inc_tok_in(c, b, pronouns)) return 0;
        for (uint32_t t = b; t < e; t++)
            if (inc_cue_at(c, t, INC_C_EVENT) || inc_cue_at(c, t, INC_C_CAS)) return 0;
    }
    k->sent = sent;
    k->start = c->tok[b].start;
    k->end = c->tok[e - 1].end;
    k->canon = NULL;
    if (o && !blame) {
        const sr_lex_entry *en = sr_matcher_entry(c->eng->lex, o->entry);
        k->canon = en->canon && *en->canon ? en->canon : en->phrase;
    }
    inc_sent *st = &c->sents[sent];
    if (!st->claim_n) st->claim_first = (uint32_t)c->nclaims;
    st->claim_n++;
    c->nclaims++;
    return 0;
}

/* "No group has claimed", "has not claimed", "has yet to claim": a
 * negation in [from, to). */
static int negated(const inc_ctx *c, uint32_t from, uint32_t to) {
    for (uint32_t t = from; t < to; t++) {
        const inc_cue *m = inc_cue_at(c, t, INC_C_MODAL);
        if (m && (m->li.sub == INC_M_NEG || m->li.sub == INC_M_ZERO)) return 1;
        if (inc_tok_is(c, t, "yet")) return 1;
    }
    return 0;
}

int inc_find_claims(inc_ctx *c) {
    size_t n = 0;
    for (size_t i = 0; i < c->ncues; i++) n += c->cues[i].li.cls == INC_C_CLAIM;
    c->claims = sr_arena_alloc(c->a, (n ? n : 1) * sizeof *c->claims);
    if (!c->claims) return -1;
    c->nclaims = 0;
    for (size_t i = 0; i < c->ncues; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls != INC_C_CLAIM) continue;
        uint32_t sent = c->tok[q->first].sent;
        const sr_sentence *s = &c->doc->sents.v[sent];
        uint32_t lo = s->tok_first, hi = s->tok_first + s->tok_n;
        uint32_t b, e;
        if (negated(c, q->first > lo + 4 ? q->first - 4 : lo, q->first)) continue;
        if (q->li.sub == INC_R_BLAME) {
            /* "blamed X for the attack", "blamed the attack on X", "was
             * blamed on X": the accused follow the verb, or "on" */
            b = q->end;
            for (uint32_t t = q->end; t < hi && t - q->end < NP_MAX && !clause_punct(c, t); t++)
                if (inc_tok_is(c, t, "on")) { b = t + 1; break; }
            e = b;
            while (e < hi && e - b < NP_MAX && !clause_punct(c, e) && !inc_tok_is(c, e, "for") &&
                   !inc_tok_is(c, e, "of"))
                e++;
            if (e > b && add_claim(c, sent, b, e, 1)) return -1;
        } else if (q->li.sub == INC_R_PASSIVE) {
            e = q->end;
            while (e < hi && e - q->end < NP_MAX && !clause_punct(c, e)) e++;
            if (e > q->end && add_claim(c, sent, q->end, e, 0)) return -1;
        } else if (subject_before(c, q->first, lo, &b, &e) && !negated(c, b, e)) {
            if (add_claim(c, sent, b, e, 0)) return -1;
        }
    }
    return 0;
}
