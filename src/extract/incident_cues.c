/*
 * incident_cues.c -- the cues of a document: the lexicon matches incident
 * assembly uses, each with its decoded meaning (incident_data.c), in token
 * order; plus per-token indexes of the numbers, and token helpers.
 *
 * Within one class a match inside a longer one is dropped ("opened fire"
 * hides "fire", "no one" hides "no"); matches of different classes may
 * overlap ("bomb" is both an event word and a weapon).  An event phrase
 * marked hide=1 is no cue itself and only hides the words in it ("riot
 * police" hides "riot").
 */
#include <string.h>

#include "incident_ctx.h"

int inc_tok_is(const inc_ctx *c, uint32_t t, const char *norm) {
    return t < c->ntok && strcmp(c->tok[t].norm, norm) == 0;
}

int inc_tok_in(const inc_ctx *c, uint32_t t, const char *const *words) {
    if (t >= c->ntok) return 0;
    for (; *words; words++)
        if (strcmp(c->tok[t].norm, *words) == 0) return 1;
    return 0;
}

int inc_tok_cap(const inc_ctx *c, uint32_t t) {
    return c->mixed && t < c->ntok && c->tok[t].kind == SR_TOK_WORD &&
           (c->tok[t].flags & (SR_TF_CAP | SR_TF_UPPER)) && !c->sents[c->tok[t].sent].title;
}

/* A title-case headline ("Gunmen Attack Resort in Mali's Bamako"): at
 * least 3 words, 70% of them capitalised. */
static int title_case(const inc_ctx *c, const sr_sentence *s) {
    uint32_t words = 0, caps = 0;
    for (uint32_t t = s->tok_first; t < s->tok_first + s->tok_n; t++) {
        if (c->tok[t].kind != SR_TOK_WORD) continue;
        words++;
        if (c->tok[t].flags & (SR_TF_CAP | SR_TF_UPPER)) caps++;
    }
    return words >= 3 && caps * 10 >= words * 7;
}

int inc_tok_word(const inc_ctx *c, uint32_t t) {
    return t < c->ntok && c->tok[t].kind == SR_TOK_WORD;
}

int inc_tok_punct(const inc_ctx *c, uint32_t t, char ch) {
    return t < c->ntok && c->tok[t].kind == SR_TOK_PUNCT && c->tok[t].norm[0] == ch &&
           c->tok[t].norm[1] == 0;
}

const inc_cue *inc_cue_at(const inc_ctx *c, uint32_t t, int cls) {
    if (t >= c->ntok) return NULL;
    /* only cues starting at most cue_maxlen - 1 tokens before t can cover it */
    uint32_t from = t + 1 >= c->cue_maxlen ? t + 1 - c->cue_maxlen : 0;
    for (size_t i = c->cue_from[from]; i < c->ncues; i++) {
        const inc_cue *q = &c->cues[i];
        if (q->first > t) break;
        if (q->li.cls == cls && q->end > t) return q;
    }
    return NULL;
}

/* Is the text mixed-case (capitals then mark names and sentence starts)? */
static int mixed_case(const sr_tokens *toks) {
    size_t words = 0, lower = 0, cap = 0;
    for (size_t i = 0; i < toks->n; i++) {
        if (toks->v[i].kind != SR_TOK_WORD) continue;
        words++;
        if (toks->v[i].flags & SR_TF_LOWER) lower++;
        else if (toks->v[i].flags & SR_TF_CAP) cap++;
    }
    return words && lower * 4 > words && cap > 0;
}

int inc_collect_cues(inc_ctx *c) {
    sr_doc *d = c->doc;
    c->tok = d->toks.v;
    c->ntok = d->toks.n;
    c->mixed = mixed_case(&d->toks);
    c->nsents = d->sents.n;
    c->sents = sr_arena_calloc(c->a, c->nsents ? c->nsents : 1, sizeof *c->sents);
    c->num_at = sr_arena_alloc(c->a, (c->ntok + 1) * sizeof *c->num_at);
    c->num_end_at = sr_arena_alloc(c->a, (c->ntok + 1) * sizeof *c->num_end_at);
    c->cues = sr_arena_alloc(c->a, (d->lex.n ? d->lex.n : 1) * sizeof *c->cues);
    if (!c->sents || !c->num_at || !c->num_end_at || !c->cues) return -1;
    for (size_t t = 0; t <= c->ntok; t++) c->num_at[t] = c->num_end_at[t] = -1;
    for (size_t i = 0; i < d->nums.n; i++) {
        const sr_number *n = &d->nums.v[i];
        if (n->tok_first >= c->ntok || n->tok_end > c->ntok || n->tok_end <= n->tok_first)
            continue;
        c->num_at[n->tok_first] = (int32_t)i;
        c->num_end_at[n->tok_end - 1] = (int32_t)i;
    }
    uint32_t maxend[INC_C_N] = {0};
    c->ncues = 0;
    for (size_t i = 0; i < d->lex.n; i++) {
        const sr_match *m = &d->lex.v[i];
        if (m->entry >= c->data->ninfo || m->tok_end > c->ntok) continue;
        const inc_lexinfo *li = &c->data->info[m->entry];
        if (li->cls == INC_C_NONE) continue;
        if (m->tok_end <= maxend[li->cls]) continue;   /* inside a longer one */
        /* a cue never crosses a sentence boundary */
        if (c->tok[m->tok_first].sent != c->tok[m->tok_end - 1].sent) continue;
        maxend[li->cls] = m->tok_end;
        if (li->flags & INC_F_HIDE) continue;   /* "riot police": no event, hides "riot" */
        inc_cue *q = &c->cues[c->ncues++];
        q->first = m->tok_first;
        q->end = m->tok_end;
        q->entry = m->entry;
        q->li = *li;
        q->blocked = 0;
    }
    for (size_t s = 0; s < c->nsents; s++) {
        c->sents[s].incident = -1;
        c->sents[s].source = -1;
        c->sents[s].cue_first = c->sents[s].cue_end = 0;
        c->sents[s].title = (uint8_t)(c->mixed && title_case(c, &d->sents.v[s]));
    }
    /* the index of cues by token, and the longest cue */
    c->cue_from = sr_arena_alloc(c->a, (c->ntok + 1) * sizeof *c->cue_from);
    if (!c->cue_from) return -1;
    c->cue_maxlen = 1;
    size_t k = 0;
    for (size_t t = 0; t <= c->ntok; t++) {
        while (k < c->ncues && c->cues[k].first < t) k++;
        c->cue_from[t] = (uint32_t)k;
    }
    for (size_t i = 0; i < c->ncues; i++)
        if (c->cues[i].end - c->cues[i].first > c->cue_maxlen)
            c->cue_maxlen = c->cues[i].end - c->cues[i].first;
    /* cues are in token order, so each sentence's cues are one run */
    for (size_t i = 0; i < c->ncues; i++) {
        uint32_t s = c->tok[c->cues[i].first].sent;
        if (s >= c->nsents) continue;
        if (c->sents[s].cue_end == 0) c->sents[s].cue_first = (uint32_t)i;
        c->sents[s].cue_end = (uint32_t)i + 1;
    }
    return 0;
}
