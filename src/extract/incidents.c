/*
 * incidents.c -- the incident assembly stage (see incidents.h): runs the
 * cue, source, claim and detection passes, then builds one sr_incident per
 * group of sentences with its type, taxonomy mapping, trigger, counts,
 * fillers, sources, confidence and evidence sentences.
 *
 * Sentences without an event word still support the main incident when
 * they credit a source ("said the Armed Forces"), carry a claim, a
 * responder ("special forces intervened"), an arrest or a zero count ("No
 * one was hurt"): the article is about its main incident unless a sentence
 * dates itself elsewhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident_ctx.h"
#include "places.h"
#include "time_calendar.h"
#include "times.h"

const char *inc_strdup_span(inc_ctx *c, uint32_t start, uint32_t end) {
    char *p = sr_arena_strndup(c->a, c->doc->text + start, end - start);
    if (!p) c->oom = 1;
    return p;
}

/* Same text, ignoring case (ASCII) -- "Gunmen" and "gunmen" are one filler. */
static int same_text(const char *a, size_t an, const char *b, size_t bn) {
    if (an != bn) return 0;
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z') x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (unsigned char)(y + 32);
        if (x != y) return 0;
    }
    return 1;
}

sr_filler *inc_add_filler(inc_ctx *c, sr_fillers *fs, uint32_t start, uint32_t end) {
    const char *t = c->doc->text;
    if (fs->n >= INC_MAX_LIST) return NULL;
    for (size_t i = 0; i < fs->n; i++) {
        const sr_filler *f = &fs->v[i];
        if (same_text(t + f->start, f->end - f->start, t + start, end - start)) return NULL;
    }
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 4;
        sr_filler *v = sr_arena_realloc(c->a, fs->v, fs->cap * sizeof *v, cap * sizeof *v);
        if (!v) { c->oom = 1; return NULL; }
        fs->v = v;
        fs->cap = cap;
    }
    sr_filler *f = &fs->v[fs->n++];
    memset(f, 0, sizeof *f);
    f->start = start;
    f->end = end;
    return f;
}

static int add_sources(inc_ctx *c, sr_incident *in, uint32_t sent) {
    const inc_sent *st = &c->sents[sent];
    for (size_t i = st->src_first; i < st->src_first + st->src_n; i++) {
        const inc_source *s = &c->sources[i];
        int dup = 0;
        for (size_t j = 0; j < in->nsources && !dup; j++) {
            const sr_source_ref *r = &in->sources[j];
            dup = strcmp(r->name, s->name) == 0 &&
                  ((!r->via && !s->via) || (r->via && s->via && strcmp(r->via, s->via) == 0));
        }
        if (dup || in->nsources >= INC_MAX_LIST) continue;
        sr_source_ref *v = sr_arena_realloc(c->a, in->sources, in->nsources * sizeof *v,
                                            (in->nsources + 1) * sizeof *v);
        if (!v) return -1;
        in->sources = v;
        sr_source_ref *r = &in->sources[in->nsources++];
        r->name = s->name;
        r->via = s->via;
        r->start = s->start;
        r->end = s->end;
    }
    return 0;
}

/* Does a sentence without an event word still say something about the
 * main incident? */
static int supports(const inc_ctx *c, uint32_t sent) {
    const inc_sent *st = &c->sents[sent];
    if (st->past) return 0;   /* about an earlier time */
    if (st->source >= 0 || st->claim_n) return 1;
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->li.cls == INC_C_RESPOND) return 1;
        if (q->li.cls == INC_C_CAS && !st->generic) return 1;
    }
    return 0;
}

static int counts_present(const sr_incident *in) {
    for (int k = 0; k < SR_COUNT_N; k++)
        if (in->counts[k].present) return 1;
    return 0;
}

/* Type, types, taxonomy, trigger and confidence from the summed scores. */
static void finish(inc_ctx *c, sr_incident *in, const int *score, int best_cas_type,
                   int32_t trig_cue, int status_main, int strong) {
    const sr_inc_data *d = c->data;
    int best = -1;
    for (size_t r = 0; r < d->nrows && r < 32; r++)
        if (score[r] > 0 && (best < 0 || score[r] > score[best])) best = (int)r;
    if (best < 0) best = best_cas_type >= 0 ? best_cas_type : d->default_type;
    const sr_tax_row *row = &d->rows[best];
    in->type = row->type;
    in->gtd = row->gtd;
    in->acled = row->acled;
    in->acled_sub = row->acled_sub;
    in->muc4 = row->muc4;
    in->types[0] = row->type;
    in->ntypes = 1;
    /* other types with the support of a strong word or two weak ones */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t r = 0; r < d->nrows && r < 32 && in->ntypes < 8; r++) {
            if ((int)r == best || score[r] < 2) continue;
            int top = 1;   /* pass 0 takes the higher scores first */
            for (size_t q = 0; q < d->nrows && q < 32; q++)
                if ((int)q != best && score[q] > score[r]) top = 0;
            if ((pass == 0) != top) continue;
            in->types[in->ntypes++] = d->rows[r].type;
        }
    }
    if (trig_cue >= 0) {
        const inc_cue *q = &c->cues[trig_cue];
        in->has_trigger = 1;
        in->trigger.start = c->tok[q->first].start;
        in->trigger.end = c->tok[q->end - 1].end;
    }
    double conf = 0.4 + 0.1 * (strong > 3 ? 3 : strong);
    if (counts_present(in)) conf += 0.1;
    if (in->perpetrators.n || in->perpetrator_orgs.n) conf += 0.1;
    if (in->nsources) conf += 0.05;
    if (!status_main) conf *= 0.8;
    in->confidence = conf > 0.95 ? 0.95 : conf;
}

/* What one incident accumulates over its sentences. */
typedef struct inc_acc {
    int score[32];
    int32_t trig;
    int trig_w, strong, cas_type;
    uint32_t nsent;
} inc_acc;

/* The incident a sentence belongs to: its own when it reports an event,
 * the main incident it follows when it only supports one, else -1. */
static int32_t target_of(const inc_ctx *c, uint32_t s, int32_t cur_main) {
    if (c->sents[s].incident >= 0) return c->sents[s].incident;
    return c->nmain && supports(c, s) ? cur_main : -1;
}

static int accumulate(inc_ctx *c, sr_incident *in, inc_acc *acc, uint32_t s, int32_t k) {
    int event = c->sents[s].incident == k;
    int near = (s > 0 && c->sents[s - 1].incident == k) ||
               (s + 1 < c->nsents && c->sents[s + 1].incident == k);
    in->sentences[in->nsentences++] = s;
    if (add_sources(c, in, s) || inc_find_counts(c, in, s) ||
        inc_find_roles(c, in, s, event ? 2 : near ? 1 : 0))
        return -1;
    if (!event) return 0;
    const inc_sent *st = &c->sents[s];
    for (size_t r = 0; r < 32; r++) acc->score[r] += st->score[r];
    for (uint32_t i = st->cue_first; i < st->cue_end; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->blocked) continue;
        if (q->li.cls == INC_C_EVENT && !(q->li.flags & INC_F_WEAK)) acc->strong++;
        if (q->li.cls == INC_C_CAS && q->li.type && acc->cas_type < 0)
            acc->cas_type = q->li.type - 1;
    }
    const inc_cue *b = &c->cues[st->best_cue];
    int w = b->li.cls == INC_C_EVENT ? b->li.w : 0;
    if (w > acc->trig_w) { acc->trig_w = w; acc->trig = (int32_t)st->best_cue; }
    return 0;
}

/* The strongest event word of the primary type, as the trigger. */
static void retrigger(inc_ctx *c, sr_incident *in, int32_t k) {
    int bw = -1;
    for (size_t i = 0; i < in->nsentences; i++) {
        const inc_sent *st = &c->sents[in->sentences[i]];
        if (st->incident != k) continue;
        for (uint32_t j = st->cue_first; j < st->cue_end; j++) {
            const inc_cue *q = &c->cues[j];
            if (q->blocked || q->li.cls != INC_C_EVENT || q->li.w <= bw) continue;
            if (strcmp(c->data->rows[q->li.sub].type, in->type) != 0) continue;
            bw = q->li.w;
            in->trigger.start = c->tok[q->first].start;
            in->trigger.end = c->tok[q->end - 1].end;
        }
    }
}

/* A background incident is dated by the expression that made it one when
 * the times stage picked another date (or none). */
static void background_date(inc_ctx *c, sr_incident *in, int32_t k) {
    /* the most precise of its sentences' dates (a month and a day in it
     * make one incident: incident_detect.c), the first on a tie */
    const inc_sent *best = NULL;
    for (size_t i = 0; i < in->nsentences; i++) {
        const inc_sent *st = &c->sents[in->sentences[i]];
        if (st->incident != k || !st->date_value) continue;
        if (!best || strlen(st->date_value) > strlen(best->date_value)) best = st;
    }
    if (!best || (in->date.value && strcmp(in->date.value, best->date_value) == 0)) return;
    int y, m, d;
    char buf[16];
    if (!inc_parse_ymd(best->date_value, &y, &m, &d)) return;
    if (d) snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    else if (m) snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    else snprintf(buf, sizeof buf, "%04d", y);
    in->date.value = sr_arena_strdup(c->a, buf);
    if (!in->date.value) { c->oom = 1; return; }
    in->date.precision = d ? SR_PREC_DAY : m ? SR_PREC_MONTH : SR_PREC_YEAR;
    in->date.start = best->date_start;
    in->date.end = best->date_end;
}

/* An earlier event told after "<time> after" (incident_detect.c) is dated
 * back from the first main incident: "two days after" a bombing on the
 * 12th is the 10th.  No date when the text gives no amount ("days after")
 * or the main incident has no day (no month, for "months after"). */
static void earlier_date(inc_ctx *c, sr_incident *in, int32_t k) {
    const inc_sent *st = NULL;
    for (size_t i = 0; i < in->nsentences && !st; i++) {
        const inc_sent *x = &c->sents[in->sentences[i]];
        if (x->incident == k && x->earlier) st = x;
    }
    if (!st || in->date.value || st->back < 0 || c->nmain == 0) return;
    const sr_inc_date *md = &c->inc[0].date;
    if (!md->value || (md->precision != SR_PREC_DAY &&
                       !(st->back_months && md->precision == SR_PREC_MONTH)))
        return;
    char buf[16];
    snprintf(buf, sizeof buf, "%.7s-01", md->value);
    tc_date d;
    if (tc_parse(md->precision == SR_PREC_DAY ? md->value : buf, &d) != 0) return;
    if (st->back_months) {
        d = tc_add_months(d, -st->back);
        snprintf(buf, sizeof buf, "%04d-%02d", d.y, d.m);
    } else {
        d = tc_add_days(d, -st->back);
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
    }
    in->date.value = sr_arena_strdup(c->a, buf);
    if (!in->date.value) { c->oom = 1; return; }
    in->date.precision = st->back_months ? SR_PREC_MONTH : SR_PREC_DAY;
    in->date.start = st->back_start;
    in->date.end = st->back_end;
}

/* The token starting at byte `start`, or ntok (binary search). */
uint32_t inc_token_at(const inc_ctx *c, uint32_t start) {
    size_t lo = 0, hi = c->ntok;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->tok[mid].start < start) lo = mid + 1;
        else hi = mid;
    }
    return (uint32_t)lo;
}

/* In a clash between armed groups, fighters are combatants, not victims:
 * drop victims whose phrase names a force and no other people. */
static void clash_victims(inc_ctx *c, sr_incident *in) {
    if (strcmp(in->type, "armed_clash") != 0) return;
    size_t keep = 0;
    for (size_t i = 0; i < in->victims.n; i++) {
        const sr_filler *f = &in->victims.v[i];
        int force = 0, people = 0;
        for (uint32_t t = inc_token_at(c, f->start); t < c->ntok && c->tok[t].end <= f->end; t++) {
            if (inc_cue_at(c, t, INC_C_FORCE)) force = 1;
            if (inc_cue_at(c, t, INC_C_VICTIM)) people = 1;
        }
        if (!force || people) in->victims.v[keep++] = *f;
    }
    in->victims.n = keep;
}

/* One pass over the sentences, each handed to its incident (linear in the
 * document whatever the number of incidents). */
static int build(inc_ctx *c) {
    size_t n = c->ninc ? c->ninc : 1;
    c->inc = sr_arena_calloc(c->a, n, sizeof *c->inc);
    inc_acc *acc = sr_arena_calloc(c->a, n, sizeof *acc);
    int32_t *tgt = sr_arena_alloc(c->a, (c->nsents ? c->nsents : 1) * sizeof *tgt);
    if (!c->inc || !acc || !tgt) return -1;
    for (size_t k = 0; k < c->ninc; k++) {
        acc[k].trig = -1;
        acc[k].trig_w = -1;
        acc[k].cas_type = -1;
        c->inc[k].status = k < c->nmain ? SR_STATUS_MAIN : SR_STATUS_BACKGROUND;
    }
    int32_t cur_main = 0;
    for (size_t s = 0; s < c->nsents; s++) {
        int32_t own = c->sents[s].incident;
        if (own >= 0 && (size_t)own < c->nmain) cur_main = own;
        tgt[s] = target_of(c, (uint32_t)s, cur_main);
        if (tgt[s] >= 0) acc[tgt[s]].nsent++;
    }
    for (size_t k = 0; k < c->ninc; k++) {
        c->inc[k].sentences = sr_arena_alloc(c->a, (acc[k].nsent + 1) * sizeof(uint32_t));
        if (!c->inc[k].sentences) return -1;
    }
    for (size_t s = 0; s < c->nsents; s++) {
        if (tgt[s] < 0) continue;
        if (accumulate(c, &c->inc[tgt[s]], &acc[tgt[s]], (uint32_t)s, tgt[s]))
            return -1;
    }
    for (size_t k = 0; k < c->ninc; k++) {
        sr_incident *in = &c->inc[k];
        int main_inc = in->status == SR_STATUS_MAIN;
        int32_t trig = acc[k].trig;
        finish(c, in, acc[k].score, acc[k].cas_type, trig, main_inc, acc[k].strong);
        if (trig < 0) continue;
        /* date and place of the event the trigger word names */
        uint32_t tok = c->cues[trig].first;
        if (c->doc->times) sr_times_pick_date(c->doc, tok, main_inc, &in->date);
        if (!main_inc) background_date(c, in, (int32_t)k);
        if (!main_inc) earlier_date(c, in, (int32_t)k);
        if (c->doc->places) {
            sr_places_locate(c->doc, tok, &in->location);
            sr_places_refine(c->doc, in->sentences, in->nsentences, &in->location);
        }
        if (c->cues[trig].li.cls == INC_C_EVENT &&
            strcmp(c->data->rows[c->cues[trig].li.sub].type, in->type) != 0)
            retrigger(c, in, (int32_t)k);
    }
    if (inc_add_tagged(c)) return -1;
    for (size_t k = 0; k < c->ninc; k++) clash_victims(c, &c->inc[k]);
    return c->oom ? -1 : 0;
}

int sr_incidents_stage(const struct sr_engine *engine, const sr_inc_data *data, sr_doc *doc) {
    sr_incidents *out = sr_arena_calloc(&doc->arena, 1, sizeof *out);
    if (!out) return -1;
    doc->incidents = out;
    if (!data || !doc->toks.n || !doc->sents.n) return 0;
    inc_ctx c;
    memset(&c, 0, sizeof c);
    c.eng = engine;
    c.data = data;
    c.doc = doc;
    c.a = &doc->arena;
    if (inc_collect_cues(&c) || inc_find_sources(&c) || inc_find_claims(&c) || inc_detect(&c) ||
        build(&c))
        return -1;
    out->v = c.inc;
    out->n = c.ninc;
    return 0;
}
