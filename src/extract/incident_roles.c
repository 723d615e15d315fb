/*
 * incident_roles.c -- role fillers by rule: perpetrators, perpetrator
 * groups, victims, targets, site, weapons and responders of an incident,
 * read from one of its sentences.
 *
 * Fillers are minimal noun phrases: the head word found by a lexicon
 * (data/lexicons/incident_roles.tsv, kinds inc_*) widened only by what an
 * analyst would keep -- premodifiers of attackers ("heavily armed men"),
 * capitalised words of a name in mixed-case text ("Radisson Blu Hotel",
 * "Malian special forces"), "of" + a name ("resort of Grand-Bassam") and,
 * for responders, a "from X's Y force" tail.  Determiners and numbers stay
 * out; a number before an attacker noun becomes the filler's count
 * ("between three and four assailants").
 *
 *   perpetrators  attacker nouns in event sentences
 *   orgs          groups next to an attacker noun ("terrorists of the
 *                 FMLN"), after "by", before an event word, or claiming
 *   victims       people or forces next to a casualty word ("two soldiers
 *                 were killed") or after an event word ("opened fire on
 *                 people")
 *   targets       facilities and vehicles after an event word, before a
 *                 passive one, or after at/in/on/inside when a facility
 *   site          the first target that carries a name
 *   responders    forces followed by a response word ("special forces
 *                 intervened") or after "by" following one
 */
#include <string.h>

#include "incident_ctx.h"
#include "roles.h"

static const char *const locatives[] = {"at", "in", "on", "inside", "near", "outside", NULL};
static const char *const function_words[] = {"the", "a", "an", "of", "in", "on", "at", "and",
                                             "to", "for", NULL};

static int is_break(const inc_ctx *c, uint32_t t) {
    const sr_token *k = &c->tok[t];
    if (k->kind != SR_TOK_PUNCT) return 0;
    return k->norm[0] != '-' && k->norm[0] != '\'';
}

/* Is there a punctuation break in tokens [a, b)? */
static int break_between(const inc_ctx *c, uint32_t a, uint32_t b) {
    for (uint32_t t = a; t < b; t++)
        if (is_break(c, t)) return 1;
    return 0;
}

/* Any cue of one of the rule classes at token t (a word that is not part of
 * a name). */
static int cue_word(const inc_ctx *c, uint32_t t) {
    return inc_cue_at(c, t, INC_C_EVENT) || inc_cue_at(c, t, INC_C_CAS) ||
           inc_cue_at(c, t, INC_C_PERP) || inc_cue_at(c, t, INC_C_ATTRIB) ||
           inc_cue_at(c, t, INC_C_RESPOND) || inc_cue_at(c, t, INC_C_CLAIM);
}

/* Widen [b, e) left over capitalised name words. */
static uint32_t cap_left(const inc_ctx *c, uint32_t b, uint32_t lo) {
    while (b > lo && inc_tok_cap(c, b - 1) && !cue_word(c, b - 1) &&
           !inc_tok_in(c, b - 1, function_words))
        b--;
    return b;
}

/* Widen right over capitalised words and "of" + a capitalised run. */
static uint32_t cap_right(const inc_ctx *c, uint32_t e, uint32_t hi) {
    while (e < hi && inc_tok_cap(c, e) && !cue_word(c, e) && !inc_tok_in(c, e, function_words))
        e++;
    if (e + 1 < hi && inc_tok_is(c, e, "of") && inc_tok_cap(c, e + 1) && !cue_word(c, e + 1)) {
        e += 2;
        while (e < hi && inc_tok_cap(c, e) && !cue_word(c, e)) e++;
    }
    return e;
}

static int is_named(const inc_ctx *c, uint32_t b, uint32_t e, const inc_cue *head) {
    for (uint32_t t = b; t < e; t++)
        if ((t < head->first || t >= head->end) && inc_tok_cap(c, t)) return 1;
    return 0;
}

static void add(inc_ctx *c, sr_fillers *fs, uint32_t b, uint32_t e, uint32_t sent,
                const char *name, const sr_number *count) {
    uint32_t start = c->tok[b].start, end = c->tok[e - 1].end;
    if (fs->n) {
        /* overlapping heads ("national police" + "police patrol") make one phrase */
        sr_filler *last = &fs->v[fs->n - 1];
        if (last->start < end && start < last->end) {
            if (start < last->start) last->start = start;
            if (end > last->end) last->end = end;
            return;
        }
    }
    sr_filler *f = inc_add_filler(c, fs, start, end);
    if (!f) return;
    f->name = name;
    int32_t si = c->sents[sent].source;
    f->source = si >= 0 ? c->sources[si].name : NULL;
    if (count) {
        f->has_count = 1;
        f->count_min = count->min;
        f->count_max = count->max;
    }
}

static const char *canon_of(const inc_ctx *c, const inc_cue *o) {
    const sr_lex_entry *en = sr_matcher_entry(c->eng->lex, o->entry);
    return en->canon && *en->canon ? en->canon : en->phrase;
}

static void add_org(inc_ctx *c, sr_incident *in, const inc_cue *o, uint32_t sent) {
    const char *canon = canon_of(c, o);
    for (size_t i = 0; i < in->perpetrator_orgs.n; i++)
        if (in->perpetrator_orgs.v[i].name && strcmp(in->perpetrator_orgs.v[i].name, canon) == 0)
            return;
    add(c, &in->perpetrator_orgs, o->first, o->end, sent, canon, NULL);
}

/* Is there an unblocked cue of class cls in [a, b) with no break? */
static const inc_cue *cue_in(const inc_ctx *c, const inc_sent *st, int cls, uint32_t a,
                             uint32_t b) {
    (void)st;
    if (a > c->ntok) return NULL;
    for (size_t i = c->cue_from[a]; i < c->ncues && c->cues[i].first < b; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls == cls && !q->blocked && q->end <= b) return q;
    }
    return NULL;
}

/* Does a cue of class cls cover cue q's words (a target inside a weapon:
 * "car" in "car bomb")? */
static int covered(const inc_ctx *c, int cls, const inc_cue *q) {
    uint32_t from = q->first > c->cue_maxlen ? q->first - c->cue_maxlen : 0;
    for (size_t i = c->cue_from[from]; i < c->ncues && c->cues[i].first <= q->first; i++) {
        const inc_cue *o = &c->cues[i];
        if (o != q && o->li.cls == cls && o->end >= q->end) return 1;
    }
    return 0;
}

/* Is [b, e) inside the phrase of a count of people attacked ("four
 * members of a civilian militia" killed)? */
static int in_victim_count(const inc_ctx *c, const sr_incident *in, uint32_t b, uint32_t e) {
    for (int k = 0; k < SR_COUNT_N; k++) {
        const sr_count *n = &in->counts[k];
        if (!n->present || k == SR_COUNT_PERP_KILLED || k == SR_COUNT_ARRESTED) continue;
        if (n->start <= c->tok[b].start && c->tok[e - 1].end <= n->end) return 1;
    }
    return 0;
}

static void perpetrators(inc_ctx *c, sr_incident *in, const inc_sent *st, uint32_t sent,
                         uint32_t lo, int event) {
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls != INC_C_PERP) continue;
        uint32_t b = q->first;
        while (b > lo && inc_cue_at(c, b - 1, INC_C_PREMOD)) b--;
        if ((q->li.flags & INC_F_WEAK) && b == q->first) continue;   /* "men" alone */
        const sr_number *count = NULL;
        if (b > lo && c->num_end_at[b - 1] >= 0) {
            const sr_number *n = &c->doc->nums.v[c->num_end_at[b - 1]];
            if (!(n->flags & (SR_NF_YEAR | SR_NF_ORDINAL))) count = n;
        }
        /* a supporting sentence names attackers only next to an event
         * sentence or when it counts them */
        if (!event && !count) continue;
        if (in_victim_count(c, in, b, q->end)) continue;
        /* "militia sealed off the area": responding, not attacking */
        uint32_t hi = c->doc->sents.v[sent].tok_first + c->doc->sents.v[sent].tok_n;
        const inc_cue *r = cue_in(c, st, INC_C_RESPOND, q->end, q->end + 4 < hi ? q->end + 4 : hi);
        if (r && !break_between(c, q->end, r->first)) continue;
        add(c, &in->perpetrators, b, q->end, sent, NULL, count);
    }
}

static void groups(inc_ctx *c, sr_incident *in, const inc_sent *st, uint32_t sent, uint32_t lo,
                   uint32_t hi) {
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *o = &c->cues[i];
        if (o->li.cls != INC_C_ORG) continue;
        uint32_t a = o->first > lo + 4 ? o->first - 4 : lo;
        uint32_t z = o->end + 4 < hi ? o->end + 4 : hi;
        int ok = 0;
        /* next to an attacker noun: "terrorists of the FMLN", "FMLN guerrillas" */
        for (uint32_t t = a; t < z && !ok; t++)
            if (inc_cue_at(c, t, INC_C_PERP) && !break_between(c, t < o->first ? t : o->end,
                                                              t < o->first ? o->first : t))
                ok = 1;
        /* "by the FMLN" */
        for (uint32_t t = o->first; t > lo && o->first - t < 3 && !ok; t--)
            if (inc_tok_is(c, t - 1, "by")) ok = 1;
        /* subject of an event word: "Boko Haram attacked" */
        if (!ok && cue_in(c, st, INC_C_EVENT, o->end, o->end + 3 < hi ? o->end + 3 : hi))
            ok = 1;
        if (ok) add_org(c, in, o, sent);
    }
}

/* Is the force or people cue q a responder?  Returns the end of the
 * responder phrase (exclusive) or 0. */
static uint32_t responder_end(const inc_ctx *c, const inc_sent *st, const inc_cue *q,
                              uint32_t hi) {
    uint32_t z = q->end + 10 < hi ? q->end + 10 : hi;
    const inc_cue *r = cue_in(c, st, INC_C_RESPOND, q->end, z);
    if (!r || break_between(c, q->end, r->first)) return 0;
    /* the phrase runs to the last force word before the response word */
    uint32_t e = q->end;
    for (uint32_t t = q->end; t < r->first; t++) {
        const inc_cue *f = inc_cue_at(c, t, INC_C_FORCE);
        if (f && f->end <= r->first) e = f->end;
    }
    for (uint32_t t = q->end; t < e; t++)
        if (inc_cue_at(c, t, INC_C_EVENT) || inc_cue_at(c, t, INC_C_CAS)) return q->end;
    return e;
}

/* Is casualty verb k active, with its object after it ("killing two
 * policemen", "killed all five attackers")?  Its subject is then the
 * killer, not a victim. */
static int takes_object(const inc_ctx *c, const inc_cue *k) {
    static const char *const det[] = {"all", "the", "a", "an", "his", "her", "their", "its",
                                      "several", "dozens", "scores", "hundreds", NULL};
    if (k->li.flags & (INC_F_NOUN | INC_F_ADJ | INC_F_INTRANS | INC_F_TOLL)) return 0;
    uint32_t t = k->end;
    if (t >= c->ntok || c->tok[t].sent != c->tok[k->first].sent) return 0;
    return c->num_at[t] >= 0 || inc_tok_in(c, t, det) || inc_cue_at(c, t, INC_C_VICTIM) ||
           inc_cue_at(c, t, INC_C_FORCE) || inc_cue_at(c, t, INC_C_PERP);
}

static void people(inc_ctx *c, sr_incident *in, const inc_sent *st, uint32_t sent,
                   uint32_t lo, uint32_t hi, int event) {
    uint32_t done = 0;   /* end of the last responder phrase */
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls != INC_C_VICTIM && q->li.cls != INC_C_FORCE) continue;
        if (q->first < done) continue;
        uint32_t b = cap_left(c, q->first, lo);
        if (q->li.cls == INC_C_FORCE) {
            uint32_t e = responder_end(c, st, q, hi);
            if (e) { add(c, &in->responders, b, e, sent, NULL, NULL); done = e; continue; }
            /* "rescued by police" */
            if (q->first >= lo + 2 && inc_tok_is(c, q->first - 1, "by") &&
                inc_cue_at(c, q->first - 2, INC_C_RESPOND)) {
                add(c, &in->responders, b, q->end, sent, NULL, NULL);
                continue;
            }
        }
        if (event < 2) continue;
        /* "army base", "police station": a word of people naming a place */
        if (inc_cue_at(c, q->end, INC_C_TARGET) || covered(c, INC_C_TARGET, q)) continue;
        /* victim: a casualty word after it (not one with an object of its
         * own: "Security forces ... killing all five attackers"), or an
         * event/casualty verb before it */
        uint32_t z = q->end + 8 < hi ? q->end + 8 : hi;
        const inc_cue *k = cue_in(c, st, INC_C_CAS, q->end, z);
        int victim = k && !break_between(c, q->end, k->first) && !takes_object(c, k) &&
                     k->li.sub != SR_COUNT_ARRESTED &&
                     k->li.sub != SR_COUNT_RELEASED &&
                     !cue_in(c, st, INC_C_ATTRIB, q->end, k->first) &&
                     !cue_in(c, st, INC_C_PERP, q->end, k->first);
        if (!victim) {
            uint32_t a = q->first > lo + 6 ? q->first - 6 : lo;
            const inc_cue *v = cue_in(c, st, INC_C_EVENT, a, q->first);
            if (!v) v = cue_in(c, st, INC_C_CAS, a, q->first);
            victim = v && !break_between(c, v->end, q->first) &&
                     !(v->li.cls == INC_C_CAS && (v->li.flags & (INC_F_NOUN | INC_F_ADJ)));
        }
        if (victim) add(c, &in->victims, b, q->end, sent, NULL, NULL);
    }
}

static void targets(inc_ctx *c, sr_incident *in, const inc_sent *st, uint32_t sent,
                    uint32_t lo, uint32_t hi) {
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls != INC_C_TARGET) continue;
        if (covered(c, INC_C_WEAPON, q)) continue;   /* "car" in "car bomb" */
        uint32_t a = q->first > lo + 8 ? q->first - 8 : lo;
        const inc_cue *v = cue_in(c, st, INC_C_EVENT, a, q->first);
        int ok = v && !break_between(c, v->end, q->first);
        if (!ok) {
            uint32_t z = q->end + 4 < hi ? q->end + 4 : hi;
            const inc_cue *w = cue_in(c, st, INC_C_EVENT, q->end, z);
            ok = w && !break_between(c, q->end, w->first);
        }
        if (!ok && (q->li.flags & INC_F_SITE)) {
            uint32_t t = q->first;
            while (t > lo && q->first - t < 5 && !is_break(c, t - 1) &&
                   !inc_tok_in(c, t - 1, locatives))
                t--;
            ok = t > lo && inc_tok_in(c, t - 1, locatives);
        }
        if (!ok) continue;
        uint32_t b = cap_left(c, q->first, lo), e = cap_right(c, q->end, hi);
        add(c, &in->targets, b, e, sent, NULL, NULL);
        if (!in->has_site && (q->li.flags & INC_F_SITE) && is_named(c, b, e, q)) {
            in->has_site = 1;
            in->site.start = c->tok[b].start;
            in->site.end = c->tok[e - 1].end;
        }
    }
}

static void weapons(inc_ctx *c, sr_incident *in, const inc_sent *st, uint32_t sent) {
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls == INC_C_WEAPON) add(c, &in->weapons, q->first, q->end, sent, NULL, NULL);
    }
}

/* Those blamed ("the army blamed jihadists linked to al-Qaeda"): their
 * groups are perpetrator organisations and the attackers the lexicons know
 * perpetrators; nothing is a claim. */
static void blamed(inc_ctx *c, sr_incident *in, const inc_claim *k, uint32_t sent) {
    for (uint32_t t = k->tok_b; t < k->tok_e; t++) {
        const inc_cue *q = inc_cue_at(c, t, INC_C_ORG);
        if (q && q->end <= k->tok_e) {
            add_org(c, in, q, sent);
            t = q->end - 1;
            continue;
        }
        q = inc_cue_at(c, t, INC_C_PERP);
        if (q && q->end <= k->tok_e) {
            add(c, &in->perpetrators, q->first, q->end, sent, NULL, NULL);
            t = q->end - 1;
        }
    }
}

static void claims(inc_ctx *c, sr_incident *in, uint32_t sent) {
    const inc_sent *st = &c->sents[sent];
    for (size_t i = st->claim_first; i < st->claim_first + st->claim_n; i++) {
        const inc_claim *k = &c->claims[i];
        if (k->blame) {
            blamed(c, in, k, sent);
            continue;
        }
        sr_filler *f = inc_add_filler(c, &in->claimed_by, k->start, k->end);
        if (f) f->name = k->canon;
        if (!k->canon) continue;
        int dup = 0;
        for (size_t j = 0; j < in->perpetrator_orgs.n; j++)
            if (in->perpetrator_orgs.v[j].name && strcmp(in->perpetrator_orgs.v[j].name, k->canon) == 0)
                dup = 1;
        if (!dup) {
            sr_filler *g = inc_add_filler(c, &in->perpetrator_orgs, k->start, k->end);
            if (g) g->name = k->canon;
        }
    }
}

int inc_find_roles(inc_ctx *c, sr_incident *in, uint32_t sent, int event) {
    const inc_sent *st = &c->sents[sent];
    const sr_sentence *s = &c->doc->sents.v[sent];
    uint32_t lo = s->tok_first, hi = s->tok_first + s->tok_n;
    claims(c, in, sent);
    people(c, in, st, sent, lo, hi, event);
    perpetrators(c, in, st, sent, lo, event);
    if (event == 2) {
        groups(c, in, st, sent, lo, hi);
        targets(c, in, st, sent, lo, hi);
    }
    if (event == 2 || (event == 1 && cue_in(c, st, INC_C_PERP, lo, hi))) weapons(c, in, st, sent);
    return c->oom ? -1 : 0;
}

/* Does [start, end) overlap a filler of fs? */
static int overlaps(const sr_fillers *fs, uint32_t start, uint32_t end) {
    for (size_t i = 0; i < fs->n; i++)
        if (fs->v[i].start < end && start < fs->v[i].end) return 1;
    return 0;
}

/* The incident a sentence's spans go to: its own, else the incident of the
 * nearest sentence that has one (the earlier at equal distance), else -1.
 * (Chosen on MUC-4 dev: within two sentences only, the incident fillers
 * scored 44.7 against 46.4 -- the tagger marks the perpetrators and targets
 * of the story in sentences the rules see no event in.) */
static int32_t incident_near(const inc_ctx *c, uint32_t sent) {
    /* a sentence about a hypothetical or generic event gives no fillers */
    const inc_sent *st = &c->sents[sent];
    if (st->incident < 0) {
        if (st->generic) return -1;
        for (uint32_t i = st->cue_first; i < st->cue_end; i++)
            if (c->cues[i].blocked) return -1;
    }
    for (uint32_t d = 0; d <= sent || sent + d < c->nsents; d++) {
        if (sent >= d && c->sents[sent - d].incident >= 0) return c->sents[sent - d].incident;
        if (sent + d < c->nsents && c->sents[sent + d].incident >= 0)
            return c->sents[sent + d].incident;
    }
    return -1;
}

/* The fillers of an incident for a role of the tagger. */
static sr_fillers *role_fillers(sr_incident *in, sr_role role) {
    switch (role) {
    case SR_ROLE_PERP_IND: return &in->perpetrators;
    case SR_ROLE_PERP_ORG: return &in->perpetrator_orgs;
    case SR_ROLE_TARGET: return &in->targets;
    case SR_ROLE_VICTIM: return &in->victims;
    case SR_ROLE_WEAPON: return &in->weapons;
    default: return NULL;
    }
}

/* Does a rule filler hold a tagger span of the same role ("Radisson Blu
 * Hotel" around "Hotel")?  Then it is the fuller phrase and stays. */
static int holds_tagged(const sr_role_spans *rs, sr_role role, const sr_filler *f) {
    for (size_t i = 0; i < rs->n; i++)
        if (rs->v[i].role == role && f->start <= rs->v[i].start && rs->v[i].end <= f->end)
            return 1;
    return 0;
}

/* Is a rule filler strong enough to stand beside the tagger: a phrase
 * holding a tagger span of its role ("Radisson Blu Hotel" around "Hotel"),
 * or a counted attacker or victim ("between three and four assailants",
 * "killing two policemen")? */
static int strong_filler(const inc_ctx *c, const sr_role_spans *rs, sr_role role,
                         const sr_filler *f) {
    if (holds_tagged(rs, role, f) || f->has_count) return 1;
    if (role != SR_ROLE_VICTIM) return 0;
    uint32_t t = inc_token_at(c, f->start);
    return t > 0 && t < c->ntok && c->num_end_at[t - 1] >= 0;
}

/* How rule fillers and tagger spans combine, for the four roles the tagger
 * and the rules both fill (PerpInd, Target, Victim, Weapon; named groups
 * of PerpOrg come from the actor lexicon and always stay):
 *
 *  - caseless text (all lower or all upper case, like the MUC-4 reports
 *    the tagger learned from): the tagger decides for the whole document,
 *    and its silence counts -- only strong rule fillers stay;
 *  - mixed-case text: where the tagger gives an incident fillers of a
 *    role, only strong rule fillers of that role stay; other roles keep
 *    their rule fillers (the tagger, trained on lower-case text, often
 *    misses what the rules find in mixed-case news, so its silence is no
 *    evidence there).
 *
 * Chosen on MUC-4 dev (CEAF-REE micro F1 of the incident fillers, with the
 * features v4 model): 46.4; the mixed-case policy applied to every text
 * gave 41.5, dropping rule fillers only in documents where the tagger marks
 * something 44.5; keeping counted victims out as well would give 47.5 but
 * lose "killing two policemen" in lower-case wire text. */
static void yield_to_tagger(inc_ctx *c, const sr_role_spans *rs) {
    static const sr_role rule_roles[] = {SR_ROLE_PERP_IND, SR_ROLE_TARGET, SR_ROLE_VICTIM,
                                         SR_ROLE_WEAPON};
    uint8_t *spoke = sr_arena_calloc(c->a, c->ninc * SR_ROLE_N, 1);
    if (!spoke) { c->oom = 1; return; }
    for (size_t i = 0; i < rs->n; i++) {
        const sr_role_span *sp = &rs->v[i];
        if (sp->sent >= c->nsents || sp->role >= SR_ROLE_N) continue;
        int32_t k = incident_near(c, sp->sent);
        if (k >= 0) spoke[(size_t)k * SR_ROLE_N + sp->role] = 1;
    }
    for (size_t k = 0; k < c->ninc; k++)
        for (size_t r = 0; r < sizeof rule_roles / sizeof *rule_roles; r++) {
            sr_role role = rule_roles[r];
            if (c->mixed && !spoke[k * SR_ROLE_N + role]) continue;
            sr_fillers *fs = role_fillers(&c->inc[k], role);
            size_t keep = 0;
            for (size_t i = 0; i < fs->n; i++)
                if (strong_filler(c, rs, role, &fs->v[i])) fs->v[keep++] = fs->v[i];
            fs->n = keep;
        }
}

int inc_add_tagged(inc_ctx *c) {
    const sr_role_spans *rs = sr_doc_roles(c->doc);
    /* a document the relevance model judges irrelevant keeps rule fillers
     * only, as the document-level MUC-4 evaluation drops its spans */
    if (!rs || !c->ninc || !rs->relevant) return 0;
    yield_to_tagger(c, rs);
    for (size_t i = 0; i < rs->n; i++) {
        const sr_role_span *sp = &rs->v[i];
        if (sp->sent >= c->nsents || sp->end <= sp->start) continue;
        int32_t k = incident_near(c, sp->sent);
        if (k < 0) continue;
        sr_incident *in = &c->inc[k];
        sr_fillers *fs = role_fillers(in, sp->role);
        if (!fs) continue;
        if (overlaps(fs, sp->start, sp->end)) continue;
        const char *name = NULL;
        if (sp->role == SR_ROLE_PERP_ORG) {
            /* a group is listed once, by its canonical name */
            const inc_cue *o = NULL;
            for (uint32_t t = sp->tok_first; t < sp->tok_end && !o; t++)
                o = inc_cue_at(c, t, INC_C_ORG);
            name = o ? canon_of(c, o) : inc_strdup_span(c, sp->start, sp->end);
            int dup = 0;
            for (size_t j = 0; j < fs->n && name && !dup; j++)
                dup = fs->v[j].name && strcmp(fs->v[j].name, name) == 0;
            if (dup) continue;
        }
        sr_filler *f = inc_add_filler(c, fs, sp->start, sp->end);
        if (!f) continue;
        f->name = name;
        int32_t si = c->sents[sp->sent].source;
        f->source = si >= 0 ? c->sources[si].name : NULL;
    }
    return c->oom ? -1 : 0;
}
