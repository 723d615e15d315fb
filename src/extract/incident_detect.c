/*
 * incident_detect.c -- which sentences report an incident, of what type,
 * and which incident each belongs to.
 *
 * An event word (inc_event) or a casualty word (inc_casualty: killed,
 * died, hostages) evokes an incident unless its clause says it did not
 * happen as a single real event:
 *
 *   hypothetical  a hypo word (possible, could, warned, planned, threat...)
 *                 up to 8 tokens before it in the same clause:
 *                 "warned of possible future attacks";
 *   negated       a neg word up to 2 tokens before: "no attack", "did not
 *                 explode";
 *   denied        "denied that ..." anywhere before it in the clause;
 *   generic       a habitual word anywhere in the sentence: "has been
 *                 targeted constantly", "attacks have increasingly struck".
 *
 * A clause ends at , ; : and at subordinators (when, while, after...).
 * Weak event words ("attacked", "hit", "struck") count only with support
 * in the sentence: an attacker, a target, a weapon, a group, a casualty
 * word or a strong event word ("The opposition attacked the budget" is
 * not an incident).  Casualty words alone ("a fire killed 12 workers")
 * do not make an incident: such a sentence only adds its counts to the
 * main incident when there is one, and is dropped when it is dated
 * earlier.
 *
 * Grouping: an event sentence whose date (a DATE expression of the times
 * stage, or else "in 2015" / "March 2015") lies clearly before the report
 * -- an earlier month or year, or more than a week earlier -- is a
 * background incident, one per distinct date (a month and a day in it are
 * one: "kidnapped last month", "seized on Nov. 2"), and so is an event told
 * after "<time> after" ("came two days after a suicide bombing"), dated
 * from the main incident; all other event sentences
 * form the main incident, the news of the article, or several when a
 * sentence opens a new one ("In a separate attack", "Meanwhile",
 * inc_separate cues).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident_ctx.h"
#include "times.h"

static const char *const clause_words[] = {"when", "while", "after", "because", "since",
                                           "although", "though", "whereas", "but", "before",
                                           "as", NULL};
static const char *const month_names[] = {"january", "february", "march", "april", "may",
                                          "june", "july", "august", "september", "october",
                                          "november", "december", NULL};
static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                         "aug", "sep", "oct", "nov", "dec", NULL};

static int clause_break(const inc_ctx *c, uint32_t t) {
    const sr_token *k = &c->tok[t];
    if (k->kind == SR_TOK_PUNCT)
        return k->norm[0] == ',' || k->norm[0] == ';' || k->norm[0] == ':' ||
               k->norm[0] == '(' || k->norm[0] == ')';
    return inc_tok_in(c, t, clause_words);
}

static int month_index(const char *norm) {
    for (int i = 0; month_names[i]; i++)
        if (strcmp(norm, month_names[i]) == 0 || strcmp(norm, month_abbr[i]) == 0) return i + 1;
    return 0;
}

/* "may" and "will" are modal verbs only when not a month or a noun. */
static int modal_applies(const inc_ctx *c, const inc_cue *m) {
    static const char *const before_month[] = {"in", "on", "of", "since", "until", "early",
                                               "late", "mid", "last", "next", "this", "the",
                                               NULL};
    uint32_t t = m->first;
    if (m->end - m->first != 1) return 1;
    if (!inc_tok_is(c, t, "may") && !inc_tok_is(c, t, "will")) return 1;
    const sr_sentence *s = &c->doc->sents.v[c->tok[t].sent];
    if (t > s->tok_first && inc_tok_in(c, t - 1, before_month)) return 0;
    if (t + 1 < c->ntok && c->tok[t + 1].kind == SR_TOK_NUM) return 0;
    if (c->mixed && t > s->tok_first && (c->tok[t].flags & SR_TF_CAP)) return 0;
    return 1;
}

/* Is the event cue q blocked by a hypothetical, negated or denied clause? */
static int blocked_by_modal(const inc_ctx *c, const inc_sent *st, const inc_cue *q) {
    const sr_sentence *s = &c->doc->sents.v[c->tok[q->first].sent];
    uint32_t lo = s->tok_first;
    /* the clause start: scan back to a break (a denial reaches 20 tokens) */
    uint32_t cl = q->first;
    while (cl > lo && q->first - cl < 20 && !clause_break(c, cl - 1)) cl--;
    (void)st;
    for (size_t i = c->cue_from[cl]; i < c->ncues && c->cues[i].first < q->first; i++) {
        const inc_cue *m = &c->cues[i];
        if (m->li.cls != INC_C_MODAL) continue;
        if (m->end > q->first) continue;             /* overlaps the event word */
        if (!modal_applies(c, m)) continue;
        uint32_t gap = q->first - m->end;
        switch (m->li.sub) {
        case INC_M_HYPO: if (gap <= 8) return 1; break;
        case INC_M_NEG: if (gap <= 2) return 1; break;
        case INC_M_DENY: return 1;
        default: break;
        }
    }
    return 0;
}

/* The date of a sentence clearly before the reference date, as a string
 * ("2015-03", "2016", "2017-05-02"), or NULL. */
int inc_parse_ymd(const char *v, int *y, int *m, int *d) {
    *y = *m = *d = 0;
    if (!v || strlen(v) < 4) return 0;
    for (int i = 0; i < 4; i++) if (v[i] < '0' || v[i] > '9') return 0;
    *y = atoi(v);
    if (v[4] == '-' && v[5] >= '0' && v[5] <= '9' && v[6] >= '0' && v[6] <= '9') {
        *m = (v[5] - '0') * 10 + (v[6] - '0');
        if (v[7] == '-' && v[8] >= '0' && v[8] <= '9' && v[9] >= '0' && v[9] <= '9')
            *d = (v[8] - '0') * 10 + (v[9] - '0');
    }
    return 1;
}

static long day_number(int y, int m, int d) {   /* days since a fixed epoch */
    if (m < 3) { y--; m += 12; }
    return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d;
}

static int before_ref(int y, int m, int d, int ry, int rm, int rd) {
    if (!ry) return 0;
    if (y < ry) return 1;
    if (y > ry || !m) return 0;
    if (!rm) return 0;
    if (!d) return m < rm;
    return day_number(ry, rm, rd ? rd : 1) - day_number(y, m, d) > 7;
}

static const char *sentence_past_date(inc_ctx *c, uint32_t sent, int ry, int rm, int rd,
                                      uint32_t *ds, uint32_t *de) {
    const sr_sentence *s = &c->doc->sents.v[sent];
    uint32_t lo = s->tok_first, hi = s->tok_first + s->tok_n;
    int y, m, d;
    if (c->doc->times) {
        const sr_times *tm = c->doc->times;
        for (size_t i = 0; i < tm->n; i++) {
            const sr_timex *x = &tm->v[i];
            if (x->tok_first < lo || x->tok_first >= hi) continue;
            if (x->type != SR_TIMEX_DATE || !inc_parse_ymd(x->value, &y, &m, &d)) continue;
            if (before_ref(y, m, d, ry, rm, rd)) {
                *ds = x->start;
                *de = x->end;
                return x->value;
            }
        }
        return NULL;
    }
    /* no times stage: "in 2015", "March 2015", "in March of 2015" */
    for (uint32_t t = lo; t < hi; t++) {
        int32_t ni = c->num_at[t];
        if (ni < 0) continue;
        const sr_number *n = &c->doc->nums.v[ni];
        if (!(n->flags & SR_NF_YEAR) || n->min < 1000 || n->min > 2999) continue;
        int month = 0;
        if (t > lo) month = month_index(c->tok[t - 1].norm);
        if (!month && t > lo + 1 && inc_tok_is(c, t - 1, "of")) month = month_index(c->tok[t - 2].norm);
        if (!month && !(t > lo && inc_tok_in(c, t - 1, (const char *const[]){"in", "since", NULL})))
            continue;
        if (t > lo && inc_tok_is(c, t - 1, "since")) continue;   /* a period, not an event date */
        if (!before_ref((int)n->min, month, 0, ry, rm, rd)) continue;
        char buf[16];
        *ds = c->tok[month ? (inc_tok_is(c, t - 1, "of") ? t - 2 : t - 1) : t].start;
        *de = n->end;
        if (month) snprintf(buf, sizeof buf, "%04d-%02d", (int)n->min, month);
        else snprintf(buf, sizeof buf, "%04d", (int)n->min);
        return sr_arena_strdup(c->a, buf);
    }
    return NULL;
}

/* The reference date: the document's, else the latest year written in it. */
static void reference_date(const inc_ctx *c, int *ry, int *rm, int *rd) {
    if (c->doc->ref_date && inc_parse_ymd(c->doc->ref_date, ry, rm, rd)) return;
    *ry = *rm = *rd = 0;
    for (size_t i = 0; i < c->doc->nums.n; i++) {
        const sr_number *n = &c->doc->nums.v[i];
        if ((n->flags & SR_NF_YEAR) && n->min >= 1000 && n->min <= 2999 && n->min > *ry)
            *ry = (int)n->min;
    }
}

static int casualty_evidence(const inc_ctx *c, const inc_sent *st, const inc_cue *q) {
    uint32_t zf;
    return q->li.cls == INC_C_CAS && q->li.sub != SR_COUNT_ARRESTED &&
           q->li.sub != INC_COUNT_CASUALTIES && !inc_zero_count(c, st, q, &zf);
}

/* Mark blocked cues and score one sentence. */
static void score_sentence(inc_ctx *c, inc_sent *st) {
    int generic = 0, support = 0, strong = 0;
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls == INC_C_MODAL && q->li.sub == INC_M_GENERIC) generic = 1;
    }
    st->generic = (uint8_t)generic;
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        inc_cue *q = &c->cues[i];
        if (q->li.cls != INC_C_EVENT && q->li.cls != INC_C_CAS) continue;
        q->blocked = (uint8_t)(generic || blocked_by_modal(c, st, q));
        if (q->blocked) continue;
        if (q->li.cls == INC_C_EVENT && !(q->li.flags & INC_F_WEAK)) strong = 1;
        if (casualty_evidence(c, st, q)) support = 1;
    }
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_lexinfo *li = &c->cues[i].li;
        if ((li->cls == INC_C_PERP && !(li->flags & INC_F_WEAK)) || li->cls == INC_C_TARGET ||
            li->cls == INC_C_WEAPON || li->cls == INC_C_ORG)
            support = 1;
    }
    int best_w = -1, violent = 0, cas = 0;
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_lexinfo *li = &c->cues[i].li;
        if ((li->cls == INC_C_PERP && !(li->flags & INC_F_WEAK)) || li->cls == INC_C_WEAPON)
            violent = 1;
    }
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        inc_cue *q = &c->cues[i];
        if (q->blocked) continue;
        if (q->li.cls == INC_C_EVENT) {
            if ((q->li.flags & INC_F_WEAK) && !strong && !support) continue;
            st->event = 1;
            if (q->li.sub < 32) st->score[q->li.sub] += q->li.w;
            if (q->li.w > best_w) { best_w = q->li.w; st->best_cue = i; }
        } else if (casualty_evidence(c, st, q)) {
            cas = 1;
            if (best_w < 0) { best_w = 0; st->best_cue = i; }
        }
    }
    /* casualties alone need attackers or weapons to be violence */
    if (cas && violent) st->event = 1;
}

/* Do two background dates name one time?  The same value, or a month and
 * a day in it ("kidnapped last month" ... "seized on Nov. 2"): one event
 * told twice.  A year alone is too wide to say. */
static int same_time(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > lb) { const char *t = a; a = b; b = t; size_t n = la; la = lb; lb = n; }
    if (la == lb) return strcmp(a, b) == 0;
    return la >= 7 && strncmp(a, b, la) == 0 && b[la] == '-';
}

/* Does the sentence open a new incident ("In a separate attack", "Meanwhile")? */
static int separate(const inc_ctx *c, const inc_sent *st) {
    for (uint32_t i = st->cue_first; i < st->cue_end; i++)
        if (c->cues[i].li.cls == INC_C_SEP) return 1;
    return 0;
}

/* "The attack came two days after a suicide bombing ... killed three", "a
 * week after clashes left 15 dead": what follows "<time> after" is another,
 * earlier event -- unless it is the same one again ("hours after the
 * blast").  Fills st->earlier, back (-1: "days after", no amount) and
 * back_months. */
static void earlier_event(const inc_ctx *c, inc_sent *st, uint32_t sent) {
    static const char *const units[] = {"hour", "hours", "day", "days", "week", "weeks",
                                        "month", "months", NULL};
    static const char *const same[] = {"the", "this", "that", "these", "those", "its", "his",
                                       "her", "their", "our", "which", "it", "he", "she",
                                       "they", NULL};
    const sr_sentence *se = &c->doc->sents.v[sent];
    uint32_t lo = se->tok_first, hi = se->tok_first + se->tok_n;
    for (uint32_t t = lo; t + 2 < hi; t++) {
        if (!inc_tok_in(c, t, units) || !inc_tok_is(c, t + 1, "after") ||
            c->tok[t + 2].kind != SR_TOK_WORD || inc_tok_in(c, t + 2, same))
            continue;
        int event = 0;       /* an event word of its own after "after" */
        for (uint32_t i = st->cue_first; i < st->cue_end && !event; i++)
            event = c->cues[i].li.cls == INC_C_EVENT && !c->cues[i].blocked &&
                    c->cues[i].first > t + 1;
        if (!event) continue;
        long n = -1;
        uint32_t from = t;
        if (t > lo && c->num_end_at[t - 1] >= 0) {
            const sr_number *k = &c->doc->nums.v[c->num_end_at[t - 1]];
            if (k->min >= 0 && k->min == k->max && k->min < 1000) { n = k->min; from = k->tok_first; }
        } else if (t > lo && (inc_tok_is(c, t - 1, "a") || inc_tok_is(c, t - 1, "an") ||
                              inc_tok_is(c, t - 1, "one"))) {
            n = 1;
            from = t - 1;
        }
        const char *u = c->tok[t].norm;
        st->earlier = 1;
        st->back_months = u[0] == 'm';
        if (n < 0) st->back = -1;
        else if (u[0] == 'h') st->back = 0;
        else if (u[0] == 'w') st->back = (int16_t)(7 * n);
        else st->back = (int16_t)n;
        st->back_start = c->tok[from].start;
        st->back_end = c->tok[t + 1].end;
        return;
    }
}

int inc_detect(inc_ctx *c) {
    int ry, rm, rd;
    reference_date(c, &ry, &rm, &rd);
    for (size_t s = 0; s < c->nsents; s++) {
        inc_sent *st = &c->sents[s];
        score_sentence(c, st);
        int cas = 0;
        for (uint32_t i = st->cue_first; i < st->cue_end; i++) cas |= c->cues[i].li.cls == INC_C_CAS;
        if (!st->event && !cas) continue;   /* only counts care about an earlier date */
        st->date_value = sentence_past_date(c, (uint32_t)s, ry, rm, rd, &st->date_start,
                                            &st->date_end);
        st->past = st->date_value != NULL;
        if (!st->event) st->date_value = NULL;
        if (st->event && !st->date_value) earlier_event(c, st, (uint32_t)s);
    }
    /* main incidents: the undated event sentences, a new one at each
     * "separate" cue; then one background incident per date, in text order */
    size_t nmain = 0;
    for (size_t s = 0; s < c->nsents; s++) {
        inc_sent *st = &c->sents[s];
        if (!st->event || st->date_value || st->earlier) continue;
        if (nmain == 0 || separate(c, st)) nmain++;
        st->incident = (int32_t)(nmain - 1);
    }
    const char **dates = sr_arena_alloc(c->a, (c->nsents + 1) * sizeof *dates);
    if (!dates) return -1;
    size_t ndates = 0;
    for (size_t s = 0; s < c->nsents; s++) {
        inc_sent *st = &c->sents[s];
        if (!st->event || !st->date_value) continue;
        size_t k = 0;
        while (k < ndates && !same_time(dates[k], st->date_value)) k++;
        if (k == ndates) dates[ndates++] = st->date_value;
        else if (strlen(st->date_value) > strlen(dates[k])) dates[k] = st->date_value;
        st->incident = (int32_t)(nmain + k);
    }
    /* each earlier event told after "<time> after" is a background
     * incident of its own, dated from the main one (incidents.c) */
    size_t nearlier = 0;
    for (size_t s = 0; s < c->nsents; s++) {
        inc_sent *st = &c->sents[s];
        if (st->event && !st->date_value && st->earlier)
            st->incident = (int32_t)(nmain + ndates + nearlier++);
    }
    c->ninc = nmain + ndates + nearlier;
    c->nmain = nmain;
    return 0;
}
