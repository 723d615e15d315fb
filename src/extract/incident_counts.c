/*
 * incident_counts.c -- casualty counts: killed, wounded, hostages,
 * kidnapped, released, perpetrators killed, arrested.
 *
 * A casualty word (data/lexicons/casualties.tsv) takes the quantities
 * (text/number.h gives each its min and max) that stand next to it:
 *
 *   passive or intransitive, number before:
 *       "at least two people were killed", "five people died"
 *   active, number after:   "killing two and wounding five"
 *   noun, number before:    "about 20 hostages"
 *   adjective:              "five dead"
 *   toll, number after:     "the death toll rose to 12"
 *   zero:                   "No one was hurt", "no casualties" -> 0..0
 *
 * Parts joined by "and" or commas are added: "at least 14 civilians and two
 * special forces troops were killed" -> 16..null (a part without an upper
 * bound leaves the sum without one).  "a soldier was wounded" counts 1, as
 * do "killed a policeman" (and "a policeman and a soldier", 2) and "A mayor
 * in the state of Guerrero was shot dead"; "a number of people" does not.
 * Killed attackers ("three subversives were killed") count as
 * perpetrators_killed.  Years and ordinals are never counts.  When an
 * incident states a count twice, the larger minimum is kept (reports
 * update upwards), at equal minima the body's over a headline's ("kills
 * 25" / "killed at least 25"); each count keeps the source its sentence
 * credits.
 */
#include <string.h>

#include "incident_ctx.h"

#define SCAN_MAX 14
#define GAP_MAX 5

/* one person: "a soldier was wounded", "killed a policeman" */
static const sr_number ONE = {0, 0, 0, 0, 1, 1, 0};

static const char *const aux[] = {"was", "were", "been", "being", "are", "is", "be", "have",
                                  "has", "had", "got", "reportedly", "also", "later",
                                  "allegedly", "all", NULL};
static const char *const scan_stop[] = {"in", "on", "at", "during", "near", "when", "after",
                                        "while", "by", "from", "that", "which", "who", "as",
                                        "before", "since", "if", "with", "said", "told", NULL};

/* words a counted phrase does not end on */
static const char *const trailing[] = {"of", "a", "an", "the", "their", "his", "her", "its",
                                       NULL};

/* The parts of a count: people attacked and attackers apart ("14 soldiers
 * and 30 rebels were killed": killed 14, perpetrators killed 30). */
typedef struct sum {
    int n;
    int64_t min, max;
} sum;

typedef struct parts {
    int n;
    sum part[2];            /* [0] people attacked, [1] attackers */
    uint32_t first, last;   /* tokens covered */
} parts;

static void add_part(parts *p, const sr_number *n, int perp) {
    sum *s = &p->part[perp ? 1 : 0];
    if (s->n == 0) { s->min = 0; s->max = 0; }
    s->min += n->min;
    if (s->max != SR_NUM_UNBOUNDED)
        s->max = n->max == SR_NUM_UNBOUNDED ? SR_NUM_UNBOUNDED : s->max + n->max;
    s->n++;
    p->n++;
}

static int person_head(const inc_ctx *c, uint32_t t) {
    return inc_cue_at(c, t, INC_C_VICTIM) || inc_cue_at(c, t, INC_C_FORCE) ||
           inc_cue_at(c, t, INC_C_PERP);
}

static int usable_number(const sr_number *n) {
    return !(n->flags & (SR_NF_YEAR | SR_NF_ORDINAL)) && n->min >= 0;
}

/* Does a word stop a scan (the noun phrase of the count ended)? */
static int ends_phrase(const inc_ctx *c, uint32_t t) {
    if (inc_tok_in(c, t, scan_stop)) return 1;
    if (inc_cue_at(c, t, INC_C_ATTRIB)) return 1;
    /* another event or casualty verb; a casualty noun ("hostages") is the
     * counted noun itself */
    const inc_cue *cas = inc_cue_at(c, t, INC_C_CAS);
    if (cas) return !(cas->li.flags & INC_F_NOUN);
    return inc_cue_at(c, t, INC_C_EVENT) != NULL;
}

/* Numbers before token `t` (exclusive) down to `lo`, each with the noun
 * after it: "at least 14 civilians and two special forces troops". */
static void scan_back(const inc_ctx *c, uint32_t t, uint32_t lo, parts *p) {
    uint32_t words = 0, steps = 0;
    int head_seen = 0, head_perp = 0;   /* the noun of the part being read */
    int coord = 0;                       /* "and" or "," since the last part */
    while (t > lo && steps++ < SCAN_MAX) {
        uint32_t k = t - 1;
        int32_t ni = c->num_end_at[k];
        if (ni >= 0) {
            const sr_number *n = &c->doc->nums.v[ni];
            if (!usable_number(n) || n->tok_first < lo) break;
            if (p->n > 0 && !coord) break;   /* "15 of the 30": not two parts */
            coord = 0;
            add_part(p, n, head_perp);
            if (p->n == 1) p->last = k;
            p->first = n->tok_first;
            t = n->tok_first;
            words = 0;
            head_seen = head_perp = 0;
            continue;
        }
        const sr_token *tk = &c->tok[k];
        if (tk->kind == SR_TOK_PUNCT) {
            if (tk->norm[0] == ',' && p->n > 0) { t = k; coord = 1; continue; }
            if (tk->norm[0] == '-' || tk->norm[0] == '\'') { t = k; continue; }
            break;
        }
        if (inc_tok_in(c, k, aux)) { t = k; continue; }
        if (ends_phrase(c, k)) break;
        if (inc_tok_is(c, k, "and")) {
            if (p->n == 0 && !head_seen) break;
            t = k; words = 0; head_seen = head_perp = 0; coord = 1;
            continue;
        }
        if (!head_seen && person_head(c, k)) {
            head_seen = 1;
            head_perp = inc_cue_at(c, k, INC_C_PERP) != NULL;
        }
        if ((inc_tok_is(c, k, "a") || inc_tok_is(c, k, "an")) && head_seen && p->n == 0) {
                    add_part(p, &ONE, head_perp);
            p->first = p->last = k;
            t = k;
            break;
        }
        if (++words > GAP_MAX) break;
        t = k;
    }
}

/* "A mayor in the southern state of Guerrero was shot dead": one person,
 * the subject before a phrase of place, for a passive casualty word at
 * token t that found no count next to it. */
static void singular_subject(const inc_ctx *c, uint32_t t, uint32_t lo, parts *p) {
    static const char *const preps[] = {"in", "from", "near", "at", "of", NULL};
    uint32_t k = t;
    while (k > lo && inc_tok_in(c, k - 1, aux)) k--;          /* "was", "has been" */
    for (uint32_t n = 0; k > lo + 1 && n < 12; n++, k--) {
        uint32_t u = k - 1;
        if (c->tok[u].kind != SR_TOK_WORD || c->num_end_at[u] >= 0 ||
            inc_cue_at(c, u, INC_C_EVENT) || inc_cue_at(c, u, INC_C_CAS) ||
            inc_cue_at(c, u, INC_C_ATTRIB))
            return;
        if (!inc_tok_in(c, u, preps) || !person_head(c, u - 1)) continue;
        uint32_t h = u - 1;                    /* the noun before the phrase */
        for (uint32_t a = h; a > lo && h - a < 4; a--) {
            if (inc_tok_is(c, a - 1, "a") || inc_tok_is(c, a - 1, "an")) {
                add_part(p, &ONE, inc_cue_at(c, h, INC_C_PERP) != NULL);
                p->first = a - 1;
                p->last = h;
                return;
            }
            if (c->tok[a - 1].kind != SR_TOK_WORD) return;
        }
        return;
    }
}

/* "a policeman", "an off-duty soldier" at token t: one person, whose noun
 * is *head (a victim, force or attacker word within four words) -- not "a
 * number of people", "a few soldiers". */
static int one_person(const inc_ctx *c, uint32_t t, uint32_t hi, uint32_t *head) {
    static const char *const many[] = {"of", "few", "couple", "handful", "number", "lot",
                                       "total", "dozen", "score", "host", "group", "crowd",
                                       "series", NULL};
    if (!inc_tok_is(c, t, "a") && !inc_tok_is(c, t, "an")) return 0;
    for (uint32_t u = t + 1; u < hi && u <= t + 4; u++) {
        if (c->tok[u].kind != SR_TOK_WORD || c->num_at[u] >= 0 || inc_tok_is(c, u, "and") ||
            inc_tok_in(c, u, many) || ends_phrase(c, u))
            return 0;
        if (person_head(c, u)) {
            *head = u;
            return 1;
        }
    }
    return 0;
}

/* Numbers from token `t` on, up to hi, each with the noun after it: "two",
 * "two soldiers and three civilians"; "a policeman" is one. */
static void scan_forward(const inc_ctx *c, uint32_t t, uint32_t hi, parts *p) {
    /* "killing all five attackers", "killed the two gunmen", "a family of
     * five" */
    static const char *const groups[] = {"family", "group", "crew", "party", "team", NULL};
    if (t + 1 < hi && (inc_tok_is(c, t, "all") || inc_tok_is(c, t, "the")) && c->num_at[t + 1] >= 0)
        t++;
    else if (t + 3 < hi && (inc_tok_is(c, t, "a") || inc_tok_is(c, t, "an")) &&
             inc_tok_in(c, t + 1, groups) && inc_tok_is(c, t + 2, "of") && c->num_at[t + 3] >= 0)
        t += 3;
    while (t < hi && p->n < 20) {
        int32_t ni = c->num_at[t];
        uint32_t head;
        if (ni < 0) {
            if (!one_person(c, t, hi, &head)) break;
            if (p->n == 0) p->first = t;
            add_part(p, &ONE, inc_cue_at(c, head, INC_C_PERP) != NULL);
            p->last = head;
            t = head + 1;
            if (t + 1 < hi && (inc_tok_is(c, t, "and") || inc_tok_punct(c, t, ',')) &&
                (c->num_at[t + 1] >= 0 || one_person(c, t + 1, hi, &head)))
                t++;
            else
                break;
            continue;
        }
        const sr_number *n = &c->doc->nums.v[ni];
        if (!usable_number(n)) break;
        if (p->n == 0) p->first = t;
        t = n->tok_end;
        /* the counted noun phrase ("members of a civilian militia"), then
         * maybe "and" / "," and another part */
        uint32_t w = 0, last = n->tok_end - 1;
        int perp = 0;
        while (t < hi && w < 5 && c->tok[t].kind == SR_TOK_WORD && !inc_tok_is(c, t, "and") &&
               !ends_phrase(c, t) && c->num_at[t] < 0) {
            if (w == 0 && inc_cue_at(c, t, INC_C_PERP)) perp = 1;
            if (!inc_tok_in(c, t, trailing)) last = t;
            t++;
            w++;
        }
        add_part(p, n, perp);
        p->last = last;
        if (t + 1 < hi && (inc_tok_is(c, t, "and") || inc_tok_punct(c, t, ',')) &&
            (c->num_at[t + 1] >= 0 || one_person(c, t + 1, hi, &head)))
            t++;
        else
            break;
    }
}

/* A zero modal ("no one", "nobody", "no casualties") governing cue q. */
int inc_zero_count(const inc_ctx *c, const inc_sent *st, const inc_cue *q, uint32_t *zfirst) {
    uint32_t from = q->first > 8 ? q->first - 8 : 0;
    if (from < c->doc->sents.v[c->tok[q->first].sent].tok_first)
        from = c->doc->sents.v[c->tok[q->first].sent].tok_first;
    (void)st;
    for (size_t i = c->cue_from[from]; i < c->ncues; i++) {
        const inc_cue *m = &c->cues[i];
        if (m->li.cls != INC_C_MODAL || m->li.sub != INC_M_ZERO) {
            if (m->first > q->first) break;
            continue;
        }
        if (m->first > q->first) break;
        if (m->end >= q->end || (m->end <= q->first && q->first - m->end <= 4)) {
            *zfirst = m->first;
            return 1;
        }
    }
    return 0;
}

/* Does byte `at` lie in a headline: a first line that is not a sentence
 * (no closing . ! ?) with text after it? */
static int in_headline(const inc_ctx *c, uint32_t at) {
    if (c->nsents < 2) return 0;
    const sr_sentence *s0 = &c->doc->sents.v[0];
    if (s0->tok_n == 0) return 0;
    const sr_token *last = &c->tok[s0->tok_first + s0->tok_n - 1];
    if (last->kind == SR_TOK_PUNCT && strchr(".!?", last->norm[0])) return 0;
    return at < last->end;
}

static void set_count(inc_ctx *c, sr_incident *in, int kind, int64_t min, int64_t max,
                      uint32_t tfirst, uint32_t tlast, uint32_t sent) {
    if (kind < 0 || kind >= SR_COUNT_N) return;
    sr_count *k = &in->counts[kind];
    int32_t si = c->sents[sent].source;
    /* keep the larger figure; at equal figures the body's over the
     * headline's (which drops "at least"), then the one with a source */
    if (k->present) {
        if (k->min > min) return;
        if (k->min == min) {
            int old_head = in_headline(c, k->start), new_head = in_headline(c, c->tok[tfirst].start);
            if (old_head == new_head ? (k->source || si < 0) : new_head) return;
        }
    }
    k->present = 1;
    k->min = min;
    k->max = max;
    k->start = c->tok[tfirst].start;
    k->end = c->tok[tlast].end;
    k->source = si >= 0 ? c->sources[si].name : NULL;
}

/* Is cue q passive or intransitive ("were killed", "died"), taking its
 * number before?  "have arrested" is active. */
static int passive_context(const inc_ctx *c, const inc_cue *q, uint32_t lo) {
    static const char *const be[] = {"was", "were", "been", "being", "is", "are", "be", "got",
                                     NULL};
    if (q->li.flags & (INC_F_INTRANS | INC_F_ADJ | INC_F_NOUN)) return 1;
    for (uint32_t k = q->first, n = 0; k > lo && n < 3; k--, n++)
        if (inc_tok_in(c, k - 1, be)) return 1;
    return 0;
}

int inc_find_counts(inc_ctx *c, sr_incident *in, uint32_t sent) {
    const inc_sent *st = &c->sents[sent];
    const sr_sentence *s = &c->doc->sents.v[sent];
    uint32_t lo = s->tok_first, hi = s->tok_first + s->tok_n;
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls != INC_C_CAS) continue;
        int kind = q->li.sub;
        uint32_t zf;
        if (inc_zero_count(c, st, q, &zf)) {
            if (kind == INC_COUNT_CASUALTIES) {
                set_count(c, in, SR_COUNT_KILLED, 0, 0, zf, q->end - 1, sent);
                set_count(c, in, SR_COUNT_WOUNDED, 0, 0, zf, q->end - 1, sent);
            } else {
                set_count(c, in, kind, 0, 0, zf, q->end - 1, sent);
            }
            continue;
        }
        if (q->blocked || kind == INC_COUNT_CASUALTIES) continue;
        parts p;
        memset(&p, 0, sizeof p);
        uint32_t tfirst, tlast;
        if (q->li.flags & INC_F_TOLL) {
            /* "the death toll rose to 12"; farther in the clause after
             * "rose/climbed to": "the toll from Sunday's bombing in Quetta
             * rose to 31" */
            static const char *const rose[] = {"rose", "risen", "climbed", "jumped",
                                               "reached", "increased", "grew", NULL};
            uint32_t t = q->end;
            while (t < hi && t - q->end < 6 && c->num_at[t] < 0) t++;
            if (t >= hi || c->num_at[t] < 0) {
                for (t = q->end; t + 2 < hi && t - q->end < 16 && !inc_tok_punct(c, t, ','); t++)
                    if (inc_tok_in(c, t, rose) && inc_tok_is(c, t + 1, "to") &&
                        c->num_at[t + 2] >= 0) {
                        t += 2;
                        break;
                    }
            }
            if (t < hi && c->num_at[t] >= 0) scan_forward(c, t, hi, &p);
            if (!p.n) continue;
            tfirst = q->first;
            tlast = p.last;
        } else if (q->li.flags & (INC_F_NOUN | INC_F_ADJ)) {
            /* "20 hostages", "20 foreign hostages", "five dead" */
            uint32_t t = q->first, gap = 0;
            while (t > lo && gap < 2 && c->num_end_at[t - 1] < 0 && inc_tok_word(c, t - 1) &&
                   !ends_phrase(c, t - 1) && !inc_tok_in(c, t - 1, aux)) { t--; gap++; }
            if (t > lo && c->num_end_at[t - 1] >= 0) {
                const sr_number *n = &c->doc->nums.v[c->num_end_at[t - 1]];
                if (usable_number(n) && n->tok_first >= lo) {
                    int perp = 0;
                    for (uint32_t u = t; u < q->first; u++)
                        if (inc_cue_at(c, u, INC_C_PERP)) perp = 1;
                    add_part(&p, n, perp);
                    p.first = n->tok_first;
                }
            }
            if (!p.n) continue;
            tfirst = p.first;
            tlast = q->end - 1;
        } else {
            int passive = passive_context(c, q, lo);
            if (!passive) scan_forward(c, q->end, hi, &p);
            if (p.n) {
                tfirst = q->first;
                tlast = p.last;
            } else {
                /* passive, or headline style: "Five killed" */
                scan_back(c, q->first, lo, &p);
                if (!p.n && passive) scan_forward(c, q->end, hi, &p);
                if (!p.n && passive) singular_subject(c, q->first, lo, &p);
                if (!p.n) continue;
                tfirst = p.first < q->first ? p.first : q->first;
                tlast = p.first < q->first ? q->end - 1 : p.last;
            }
        }
        if (kind == SR_COUNT_KILLED) {
            if (p.part[0].n)
                set_count(c, in, SR_COUNT_KILLED, p.part[0].min, p.part[0].max, tfirst, tlast, sent);
            if (p.part[1].n)
                set_count(c, in, SR_COUNT_PERP_KILLED, p.part[1].min, p.part[1].max, tfirst,
                          tlast, sent);
        } else {
            /* arrests, hostages...: attackers and others alike */
            sum all = p.part[0];
            if (p.part[1].n) {
                if (!all.n) all = p.part[1];
                else {
                    all.min += p.part[1].min;
                    all.max = all.max == SR_NUM_UNBOUNDED || p.part[1].max == SR_NUM_UNBOUNDED
                                  ? SR_NUM_UNBOUNDED : all.max + p.part[1].max;
                }
            }
            set_count(c, in, kind, all.min, all.max, tfirst, tlast, sent);
        }
    }
    return c->oom ? -1 : 0;
}
