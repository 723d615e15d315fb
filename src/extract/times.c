/*
 * times.c -- the times stage of the pipeline, the "times" mention section,
 * and the choice of an incident's date among the times of its sentence.
 *
 * The rules themselves are in time_rules.c; this file connects them to a
 * document: the reference date (the published date, --date, or a MUC-4
 * dateline), the output section, and sr_times_pick_date() for incident
 * assembly.
 */
#include "times.h"

#include <stdlib.h>
#include <string.h>

#include "../core/doc.h"
#include "mentions.h"
#include "time_calendar.h"

const char *sr_timex_type_name(sr_timex_type t) {
    switch (t) {
    case SR_TIMEX_DATE: return "DATE";
    case SR_TIMEX_TIME: return "TIME";
    case SR_TIMEX_DURATION: return "DURATION";
    case SR_TIMEX_SET: return "SET";
    }
    return "DATE";
}

static void write_times(sr_json *j, const sr_doc *doc, const void *data) {
    const sr_times *ts = data;
    sr_json_arr_begin(j);
    for (size_t i = 0; ts && i < ts->n; i++) {
        const sr_timex *x = &ts->v[i];
        sr_json_obj_begin(j);
        sr_json_text_span(j, doc, x->start, x->end);
        sr_json_key(j, "type");
        sr_json_str(j, sr_timex_type_name(x->type));
        sr_json_key(j, "value");
        sr_json_str(j, x->value);
        sr_json_obj_end(j);
    }
    sr_json_arr_end(j);
}

int sr_times_stage(const sr_time_words *w, sr_doc *doc) {
    if (!w) return 0;
    char buf[11];
    uint32_t dl_first = 0, dl_end = 0;
    if (sr_times_dateline(w, doc->text, &doc->toks, buf, &dl_first, &dl_end) &&
        !doc->ref_date) {
        doc->ref_date = sr_arena_strdup(&doc->arena, buf);
        if (!doc->ref_date) return -1;
    }
    sr_times *ts = sr_arena_calloc(&doc->arena, 1, sizeof *ts);
    if (!ts || sr_times_tag(&doc->arena, w, doc->text, &doc->toks, doc->ref_date, ts)) return -1;
    ts->dateline_first = dl_first;
    ts->dateline_end = dl_end;
    doc->times = ts;
    return sr_doc_add_section(doc, "times", write_times, ts);
}

/* ---- the date of an incident ---------------------------------------- */

/* Words that make the time next to them the time of the report. */
static int reporting(const sr_doc *doc, size_t i) {
    static const char *const R[] = {"said", "says", "told", "announced", "reported",
                                    "warned", "tweeted", "stated", "added", "confirmed",
                                    "declared", "quoted", "claimed", NULL};
    if (i >= doc->toks.n) return 0;
    for (const char *const *r = R; *r; r++)
        if (strcmp(doc->toks.v[i].norm, *r) == 0) return 1;
    return 0;
}

/* The value cut to a precision the incident record knows; 0 if none. */
static int calendar_value(const char *v, char out[11], sr_precision *p) {
    size_t n = strlen(v);
    for (int k = 0; k < 4; k++)
        if (n < 4 || v[k] < '0' || v[k] > '9') return 0;
    if (n >= 10 && v[4] == '-' && v[7] == '-' && v[5] != 'W' && v[5] != 'Q') {
        memcpy(out, v, 10);
        out[10] = '\0';
        *p = SR_PREC_DAY;
        return 1;
    }
    if (n == 7 && v[4] == '-' && v[5] >= '0' && v[5] <= '1') {
        memcpy(out, v, 7);
        out[7] = '\0';
        *p = SR_PREC_MONTH;
        return 1;
    }
    if (n == 4 || (n == 7 && v[4] == '-' && (v[5] == 'Q' || v[5] == 'H')) ||
        (n == 7 && v[4] == '-' && (v[5] == 'S' || v[5] == 'F' || v[5] == 'W') && v[6] != 'X' &&
         !(v[5] == 'W' && v[6] >= '0' && v[6] <= '9'))) {
        memcpy(out, v, 4);
        out[4] = '\0';
        *p = SR_PREC_YEAR;
        return 1;
    }
    return 0;
}

/* Is the value after the reference date (a warning or a plan)? */
static int after_ref(const char *v, const char *ref) {
    if (!ref) return 0;
    size_t n = strlen(v);
    if (n > 10) n = 10;
    return strncmp(v, ref, n) > 0;
}

/* Words that may stand between a reporting verb and the time that dates
 * it: "told AFP on Monday", "said late Sunday". */
static int report_gap(const sr_doc *doc, size_t i) {
    static const char *const G[] = {",", "on", "late", "early", "the", "a", "an", "police",
                                    "officials", "spokesman", "spokeswoman", "witnesses",
                                    "sources", "authorities", "residents", "army", "military",
                                    "ministry", "statement", "in", "a", NULL};
    const sr_token *t = &doc->toks.v[i];
    if (t->flags & (SR_TF_CAP | SR_TF_UPPER)) return t->kind == SR_TOK_WORD;
    for (const char *const *g = G; *g; g++)
        if (strcmp(t->norm, *g) == 0) return 1;
    return 0;
}

/* Is the time that of a report ("said on Monday", "told AFP on Monday")? */
static int report_time(const sr_doc *doc, const sr_timex *x) {
    size_t i = x->tok_first;
    for (int k = 0; k < 4 && i > 0; k++) {
        i--;
        if (reporting(doc, i)) return 1;
        if (!report_gap(doc, i)) break;
    }
    /* after it only right next to the verb: in "attacked a convoy on Saturday,
     * officials said" Saturday is the attack's */
    return x->tok_end < doc->toks.n && reporting(doc, x->tok_end);
}

static int usable(const sr_doc *doc, const sr_timex *x, char val[11], sr_precision *p) {
    if (x->type != SR_TIMEX_DATE && x->type != SR_TIMEX_TIME) return 0;
    const sr_times *ts = doc->times;
    if (x->tok_first < ts->dateline_end && x->tok_end > ts->dateline_first)
        return 0;  /* the dateline dates the report */
    if (!calendar_value(x->value, val, p)) return 0;
    if (after_ref(val, doc->ref_date)) return 0;
    return !report_time(doc, x);
}

static void fill(const sr_doc *doc, const sr_timex *x, const char *val, sr_precision p,
                 sr_inc_date *out) {
    char *v = sr_arena_strdup((sr_arena *)&doc->arena, val);
    if (!v) return;
    out->value = v;
    out->precision = p;
    out->start = x->start;
    out->end = x->end;
}

void sr_times_pick_date(const sr_doc *doc, uint32_t tok, int is_main, sr_inc_date *out) {
    out->value = NULL;
    out->precision = SR_PREC_UNKNOWN;
    out->start = out->end = 0;
    const sr_times *ts = doc->times;
    if (!ts || tok >= doc->toks.n) return;
    uint32_t sent = doc->toks.v[tok].sent;
    const sr_timex *best = NULL;
    char best_val[11] = "";
    sr_precision best_p = SR_PREC_UNKNOWN;
    long best_dist = 0;
    for (size_t i = 0; i < ts->n; i++) {
        const sr_timex *x = &ts->v[i];
        if (doc->toks.v[x->tok_first].sent != sent) continue;
        char val[11];
        sr_precision p;
        if (!usable(doc, x, val, &p)) continue;
        long d = (long)x->tok_first - (long)tok;
        if (d < 0) d = (long)tok - (long)x->tok_end + 1;
        if (!best || d < best_dist) {
            best = x;
            best_dist = d;
            best_p = p;
            memcpy(best_val, val, sizeof val);
        }
    }
    if (!best && is_main) {
        /* the main news: the first recent day of the document */
        tc_date ref;
        int has_ref = doc->ref_date && tc_parse(doc->ref_date, &ref) == 0;
        for (size_t i = 0; i < ts->n && !best; i++) {
            const sr_timex *x = &ts->v[i];
            char val[11];
            sr_precision p;
            tc_date d;
            if (!usable(doc, x, val, &p) || p != SR_PREC_DAY || tc_parse(val, &d)) continue;
            if (has_ref && tc_days(ref) - tc_days(d) > 14) continue;
            best = x;
            best_p = p;
            memcpy(best_val, val, sizeof val);
        }
    }
    if (best) fill(doc, best, best_val, best_p, out);
}
