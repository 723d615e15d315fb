/*
 * time_rules.c -- sr_times_tag(): recognition and normalisation rules.
 *
 * One left-to-right pass over the tokens.  At each token every rule tries
 * to match an expression starting there and reports how many tokens it
 * covers and the TIMEX3 type and value; the longest match wins, is
 * widened by the words that narrow it without changing its value ("early",
 * "the end of", a leading "the" for unit phrases), and the scan resumes
 * after it.  The rules are plain functions, one per family of expression,
 * so that adding a form is adding a function or a line in data/times.
 *
 * What the text leaves open is resolved against the reference date and
 * the tense of the clause (tense()): a month, weekday or season without a
 * year is the last one in a past-tense clause, the next one in a future
 * clause.  "a year earlier", "the quarter" and "year-earlier" anchor on the
 * last fiscal quarter mentioned, the way financial news uses them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/number.h"
#include "time_calendar.h"
#include "time_words.h"
#include "times.h"

typedef struct rctx {
    const sr_time_words *w;
    const char *text;
    const sr_tokens *toks;
    const tw_word **tokw;    /* each token's classes (tw_find), or NULL */
    int caseless;            /* the text is all lower case: capitals say nothing */
    int has_ref;
    tc_date ref;
    char last_quarter[16];   /* "1989-Q3" of the last quarter mentioned, or "" */
    tc_date last_day;        /* last day-precision date of this sentence */
    uint32_t last_day_sent;
    int has_last_day;
} rctx;

typedef struct cand {
    size_t end;              /* token after the match */
    sr_timex_type type;
    int the_ok;              /* a "the" before it joins the extent */
    int names_quarter;       /* an explicit quarter: later ones anchor on it */
    int fiscal_ok;           /* a "fiscal" before it joins the extent */
    char value[48];
} cand;

/* ---- token helpers -------------------------------------------------- */

static const sr_token *T(const rctx *c, size_t i) {
    return i < c->toks->n ? &c->toks->v[i] : NULL;
}

static int is(const rctx *c, size_t i, const char *word) {
    const sr_token *t = T(c, i);
    return t && strcmp(t->norm, word) == 0;
}

static const tw_entry *W(const rctx *c, tw_class cls, size_t i) {
    if (i >= c->toks->n) return NULL;
    if (c->tokw) return c->tokw[i] ? c->tokw[i]->e[cls] : NULL;
    const sr_token *t = &c->toks->v[i];
    if (t->kind == SR_TOK_PUNCT) return NULL;
    return tw_get(c->w, cls, t->norm, t->norm_len);
}

/* A lower-case word in a text that has capitals: not a month or weekday name. */
static int common_word(const rctx *c, size_t i) {
    const sr_token *t = T(c, i);
    return t && (t->flags & SR_TF_LOWER) && !c->caseless;
}

static int all_digits(const char *s, size_t n) {
    if (!n) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* A token that is only digits, as a number (at most 9 digits). */
static int digits_at(const rctx *c, size_t i, long *v, size_t *ndigits) {
    const sr_token *t = T(c, i);
    if (!t || t->kind != SR_TOK_NUM || t->norm_len > 9 || !all_digits(t->norm, t->norm_len))
        return 0;
    *v = strtol(t->norm, NULL, 10);
    if (ndigits) *ndigits = t->norm_len;
    return 1;
}

/* A day of the month: "18", "18th", "1st". */
static int day_at(const rctx *c, size_t i, int *d) {
    const sr_token *t = T(c, i);
    if (!t) return 0;
    size_t n = t->norm_len, k = 0;
    while (k < n && t->norm[k] >= '0' && t->norm[k] <= '9') k++;
    if (k == 0 || k > 2) return 0;
    if (k != n && !(n == k + 2 && (strcmp(t->norm + k, "st") == 0 || strcmp(t->norm + k, "nd") == 0 ||
                                    strcmp(t->norm + k, "rd") == 0 || strcmp(t->norm + k, "th") == 0)))
        return 0;
    int v = atoi(t->norm);
    if (v < 1 || v > 31) return 0;
    *d = v;
    return 1;
}

/* A four-digit year 1000..2199 as a bare number token. */
static int year_at(const rctx *c, size_t i, int *y) {
    long v;
    size_t nd;
    if (!digits_at(c, i, &v, &nd) || nd != 4 || v < 1000 || v > 2199) return 0;
    *y = (int)v;
    return 1;
}

/* How many units: "two", "20", "a", "several"; 0 tokens when none.
 * *n is -1 for a vague amount (X). */
/* "more", "additional"... between a number and its unit ("two more weeks"). */
static int unit_filler(const rctx *c, size_t i) {
    return is(c, i, "more") || is(c, i, "additional") || is(c, i, "extra") || is(c, i, "full") ||
           is(c, i, "straight") || is(c, i, "consecutive");
}

static size_t count_at(const rctx *c, size_t i, long *n) {
    const sr_token *t = T(c, i);
    if (!t || t->kind == SR_TOK_PUNCT) return 0;
    if (is(c, i, "a") || is(c, i, "an")) {
        if (is(c, i + 1, "few") || is(c, i + 1, "several")) { *n = -1; return 2; }
        if (is(c, i + 1, "couple") && is(c, i + 2, "of")) { *n = 2; return 3; }
        *n = 1;
        return 1;
    }
    if (W(c, TW_VAGUE, i)) { *n = -1; return 1; }
    long v;
    if (digits_at(c, i, &v, NULL)) {
        if (v < 1 || v > 9999) return 0;
        *n = v;
        return 1;
    }
    if (t->kind == SR_TOK_WORD && !(t->flags & SR_TF_DIGIT) &&
        (W(c, TW_UNIT, i + 1) || (W(c, TW_UNIT, i + 2) && unit_filler(c, i + 1)))) {
        int64_t p;
        if (sr_parse_number(t->norm, t->norm_len, &p) == 0 && p >= 1 && p <= 9999) {
            *n = (long)p;
            return 1;
        }
    }
    return 0;
}

/* ---- tense of the clause around [first, end) ------------------------ */

static int clause_edge(const rctx *c, size_t i) {
    const sr_token *t = T(c, i);
    if (!t) return 1;
    if (t->kind == SR_TOK_PUNCT && t->norm_len == 1 &&
        (t->norm[0] == '.' || t->norm[0] == '!' || t->norm[0] == '?' || t->norm[0] == ';'))
        return 1;
    return 0;
}

/* The tense a word signals: 1 future, -1 past, 2 present, 0 none. */
static int cue(const rctx *c, size_t i) {
    const tw_entry *e = W(c, TW_TENSE, i);
    const sr_token *t = T(c, i);
    int k = 0;
    if (e) k = e->sval[0] == 'F' ? 1 : e->sval[0] == 'P' ? -1 : 2;
    else if (t->kind == SR_TOK_WORD && (t->flags & SR_TF_LOWER) && t->norm_len >= 5 &&
             strcmp(t->norm + t->norm_len - 2, "ed") == 0)
        k = -1;
    /* a participle after a form of "be" says nothing ("can be exercised",
     * "will be held"): the auxiliary before it decides */
    if (k == -1 && i > 0 &&
        (is(c, i - 1, "be") || is(c, i - 1, "been") || is(c, i - 1, "being") ||
         is(c, i - 1, "is") || is(c, i - 1, "are")))
        return 0;
    return k;
}

/* +1 future, -1 past, 0 unknown: the nearest tense cue of the sentence
 * ("said Friday", "will meet Friday", "expire Nov. 21"), looking right
 * first at equal distance (the verb usually precedes in English but an
 * adjacent "said" after a fronted date is as telling). */
static int tense_raw(const rctx *c, size_t first, size_t end) {
    size_t lo = first, hi = end;   /* next positions to look at: lo - 1, hi */
    int open_lo = 1, open_hi = 1;
    for (int k = 0; k < 20 && (open_lo || open_hi); k++) {
        if (open_hi) {
            if (hi >= c->toks->n || clause_edge(c, hi) ||
                (hi > end && (c->toks->v[hi].flags & SR_TF_PARA_BEFORE)))
                open_hi = 0;
            else {
                int q = cue(c, hi++);
                if (q) return q;
            }
        }
        if (open_lo) {
            if (lo == 0 || clause_edge(c, lo - 1) || (c->toks->v[lo].flags & SR_TF_PARA_BEFORE))
                open_lo = 0;
            else {
                int q = cue(c, --lo);
                if (q) return q;
            }
        }
    }
    return 0;
}

/* The same with the present folded into "unknown". */
static int tense(const rctx *c, size_t first, size_t end) {
    int t = tense_raw(c, first, end);
    return t == 2 ? 0 : t;
}

/* ---- value formatting ------------------------------------------------ */

static void fmt_day(char *b, tc_date t) { sprintf(b, "%04d-%02d-%02d", t.y, t.m, t.d); }

static void fmt_week(char *b, tc_date t) {
    int y, wk;
    tc_iso_week(t, &y, &wk);
    sprintf(b, "%04d-W%02d", y, wk);
}

static int quarter_of(int m) { return (m - 1) / 3 + 1; }

/* The year of month m (day d, 0 when not given) seen from the reference
 * date.  A full date within 60 days of it is that nearest occurrence
 * whatever the tense ("the rights expire Nov. 21", "had been set to expire
 * Nov. 6"); otherwise the tense decides, and without one the nearest. */
static int infer_year(const rctx *c, int m, int d, int tn) {
    int ry = c->ref.y;
    if (d) {
        long best = 0;
        int by = ry;
        for (int y = ry - 1; y <= ry + 1; y++) {
            int dd = d > tc_month_days(y, m) ? tc_month_days(y, m) : d;
            tc_date t = {y, m, dd};
            long diff = labs(tc_days(t) - tc_days(c->ref));
            if (y == ry - 1 || diff < best) { best = diff; by = y; }
        }
        if (best <= 60) return by;
    }
    int key = m * 32 + d, rkey = c->ref.m * 32 + (d ? c->ref.d : 0);
    if (tn > 0) return key < rkey ? ry + 1 : ry;
    /* past tense: the last occurrence, though next month is more often
     * news about it ("said sales in November would...") than a year ago */
    if (tn < 0) return key > rkey + (d ? 0 : 32) ? ry - 1 : ry;
    int diff = m - c->ref.m;            /* the nearest occurrence */
    if (diff > 6) return ry - 1;
    if (diff < -6) return ry + 1;
    return ry;
}

static void fmt_unit_date(const rctx *c, char *b, const char *unit, int off) {
    /* The unit containing ref + off units. */
    tc_date r = c->ref;
    if (strcmp(unit, "DE") == 0) { sprintf(b, "%03d", (r.y + off * 10) / 10); return; }
    if (strcmp(unit, "CE") == 0) { sprintf(b, "%02d", (r.y + off * 100) / 100); return; }
    if (strcmp(unit, "WE") == 0) {
        fmt_week(b, tc_add_days(r, (long)off * 7));
        strcat(b, "-WE");
        return;
    }
    switch (unit[0]) {
    case 'D': fmt_day(b, tc_add_days(r, off)); break;
    case 'W': fmt_week(b, tc_add_days(r, (long)off * 7)); break;
    case 'M':
        if (unit[1] == 'I') { fmt_day(b, r); break; }
        {
            tc_date t = tc_add_months(r, off);
            sprintf(b, "%04d-%02d", t.y, t.m);
        }
        break;
    case 'Q': {
        int q = quarter_of(r.m) - 1 + off;
        int y = r.y + (q >= 0 ? q / 4 : (q - 3) / 4);
        q = q - (y - r.y) * 4;
        sprintf(b, "%04d-Q%d", y, q + 1);
        break;
    }
    case 'Y': sprintf(b, "%04d", r.y + off); break;
    default: fmt_day(b, r); break;   /* hours, minutes, seconds: the day */
    }
}

static void fmt_duration(char *b, long n, const char *unit) {
    char num[24];
    if (n < 0) strcpy(num, "X");
    else sprintf(num, "%ld", n);
    if (strcmp(unit, "H") == 0) sprintf(b, "PT%sH", num);
    else if (strcmp(unit, "MI") == 0) sprintf(b, "PT%sM", num);
    else if (strcmp(unit, "S") == 0) sprintf(b, "PT%sS", num);
    else if (strcmp(unit, "WE") == 0) sprintf(b, "P%sWE", num);
    else if (strcmp(unit, "DE") == 0 && n >= 0) sprintf(b, "P%ldY", n * 10);    /* TimeBank: P20Y */
    else if (strcmp(unit, "CE") == 0 && n >= 0) sprintf(b, "P%ldY", n * 100);
    else if (strcmp(unit, "DE") == 0) strcpy(b, "PXY");
    else sprintf(b, "P%s%s", num, unit);
}

/* ---- the rules ------------------------------------------------------- */

/* "2017-06-18", "18/06/2017" (day first unless the second field is over 12),
 * "6/18/17". */
static size_t r_numeric_date(rctx *c, size_t i, cand *o) {
    const sr_token *t = T(c, i);
    if (!t || t->kind != SR_TOK_NUM) return 0;
    int a, b, y;
    char s1, s2;
    int n = 0;
    if (t->norm_len == 10 && sscanf(t->norm, "%4d-%2d-%2d%n", &y, &b, &a, &n) == 3 && n == 10 &&
        t->norm[4] == '-' && tc_valid(y, b, a)) {
        sprintf(o->value, "%04d-%02d-%02d", y, b, a);
    } else if (sscanf(t->norm, "%2d%c%2d%c%4d%n", &a, &s1, &b, &s2, &y, &n) == 5 &&
               (size_t)n == t->norm_len && s1 == '/' && s2 == '/') {
        size_t ylen = t->norm_len - (size_t)(strrchr(t->norm, '/') - t->norm) - 1;
        if (ylen == 2) y += (c->has_ref ? (y <= c->ref.y % 100 + 1 && c->ref.y >= 2000) : y < 30) ? 2000 : 1900;
        else if (ylen != 4) return 0;
        int d = a, m = b;
        if (b > 12) { d = b; m = a; }
        if (!tc_valid(y, m, d)) return 0;
        sprintf(o->value, "%04d-%02d-%02d", y, m, d);
    } else {
        return 0;
    }
    o->type = SR_TIMEX_DATE;
    return 1;
}

/* A month token at i; weak names ("May", "March") need a capital and a
 * date context. */
static int month_at(const rctx *c, size_t i, int day_or_year_follows) {
    const tw_entry *e = W(c, TW_MONTH, i);
    if (!e) return 0;
    const sr_token *t = T(c, i);
    if (common_word(c, i)) return 0;   /* "may", "march" as words; months are capitalised */
    if (e->flags & TWF_WEAK) {
        if (day_or_year_follows) return (int)e->ival;
        if (i > 0 && (W(c, TW_YEAR_CUE, i - 1) || W(c, TW_MOD, i - 1) || W(c, TW_POS, i - 1) ||
                      is(c, i - 1, "until")))
            return (int)e->ival;
        return 0;
    }
    /* a three-letter abbreviation without its period needs a day or a year */
    if (t->norm_len == 3 && !day_or_year_follows) return 0;
    return (int)e->ival;
}

static int two_digit_year(const rctx *c, size_t i, int *y) {
    long v;
    size_t nd;
    if (!digits_at(c, i, &v, &nd) || nd != 2) return 0;
    int cur = c->has_ref ? c->ref.y : 2000;
    *y = (int)(v <= (cur % 100) + 1 && cur >= 2000 ? 2000 + v : 1900 + v);
    return 1;
}

/* "18 June 2017", "3 JAN 90", "the 18th of June", "June 18", "June 18, 2017",
 * "June 2017", "June". */
static size_t r_month_date(rctx *c, size_t i, cand *o) {
    int d = 0, m = 0, y = 0;
    size_t k = i;
    if (day_at(c, k, &d)) {
        size_t mk = k + 1;
        if (is(c, mk, "of")) mk++;
        const sr_token *mt = T(c, mk);
        if (!mt || !(m = month_at(c, mk, 1))) return 0;
        if (common_word(c, mk)) return 0;
        k = mk + 1;
        if (is(c, k, ",") && year_at(c, k + 1, &y)) k += 2;
        else if (year_at(c, k, &y) || two_digit_year(c, k, &y)) k++;
    } else {
        int dd = 0, yy = 0;
        int follows = day_at(c, k + 1, &dd) || year_at(c, k + 1, &yy) ||
                      (is(c, k + 1, ",") && year_at(c, k + 2, &yy));
        if (!(m = month_at(c, k, follows))) return 0;
        k++;
        if (day_at(c, k, &d) && !W(c, TW_UNIT, k + 1)) {
            k++;
            if (is(c, k, ",") && year_at(c, k + 1, &y)) k += 2;
            else if (year_at(c, k, &y)) k++;
        } else {
            d = 0;
            if (year_at(c, k, &y)) k++;
            else if (is(c, k, ",") && year_at(c, k + 1, &y)) k += 2;
            else if (is(c, k, "of") && year_at(c, k + 1, &y)) k += 2;
        }
    }
    if (d && y && !tc_valid(y, m, d)) return 0;
    if (!y) {
        if (!c->has_ref) {
            if (d) sprintf(o->value, "XXXX-%02d-%02d", m, d);
            else sprintf(o->value, "XXXX-%02d", m);
            o->type = SR_TIMEX_DATE;
            return k - i;
        }
        y = infer_year(c, m, d, tense(c, i, k));
    }
    if (d) sprintf(o->value, "%04d-%02d-%02d", y, m, d);
    else sprintf(o->value, "%04d-%02d", y, m);
    o->type = SR_TIMEX_DATE;
    return k - i;
}

/* A bare year "2015", "fiscal 1989", "1990s", "'90s". */
static size_t r_year(rctx *c, size_t i, cand *o) {
    const sr_token *t = T(c, i);
    if (!t) return 0;
    int y;
    if (year_at(c, i, &y)) {
        const sr_token *nx = T(c, i + 1);
        const sr_token *pv = i > 0 ? T(c, i - 1) : NULL;
        if (pv && pv->kind == SR_TOK_PUNCT && (pv->norm[0] == '$' || pv->norm[0] == '#'))
            return 0;
        if (nx && nx->kind == SR_TOK_PUNCT && nx->norm[0] == '%') return 0;
        /* "2000 soldiers", "1500 people", "1800 of them" are counts; "the 1996
         * law", "1987 Chevrolet" are years */
        if (nx && nx->kind == SR_TOK_WORD && (nx->flags & SR_TF_LOWER) &&
            !(pv && W(c, TW_YEAR_CUE, i - 1)) && !W(c, TW_TENSE, i + 1) &&
            ((nx->norm_len > 3 && nx->norm[nx->norm_len - 1] == 's' &&
              nx->norm[nx->norm_len - 2] != 's') ||
             is(c, i + 1, "people") || is(c, i + 1, "men") || is(c, i + 1, "women") ||
             is(c, i + 1, "children") || is(c, i + 1, "police") || is(c, i + 1, "of") ||
             is(c, i + 1, "more") || is(c, i + 1, "other") || is(c, i + 1, "personnel") ||
             is(c, i + 1, "staff") || is(c, i + 1, "feet") || is(c, i + 1, "meters") ||
             is(c, i + 1, "metres") || is(c, i + 1, "miles") || is(c, i + 1, "km")))
            return 0;
        if (y < 1800 && !(pv && W(c, TW_YEAR_CUE, i - 1))) return 0;
        sprintf(o->value, "%04d", y);
        o->type = SR_TIMEX_DATE;
        o->fiscal_ok = 1;
        return 1;
    }
    /* decades: "1990s", "90s" after an apostrophe */
    size_t n = t->norm_len;
    if (t->kind == SR_TOK_WORD && n >= 3 && t->norm[n - 1] == 's' && all_digits(t->norm, n - 1)) {
        if (n == 5 && t->norm[3] == '0') {
            sprintf(o->value, "%.3s", t->norm);
            o->type = SR_TIMEX_DATE;
            o->the_ok = 1;
            return 1;
        }
        if (n == 3 && t->norm[1] == '0' && i > 0 && T(c, i - 1)->kind == SR_TOK_PUNCT &&
            T(c, i - 1)->end == t->start) {
            sprintf(o->value, "19%c", t->norm[0]);
            o->type = SR_TIMEX_DATE;
            o->the_ok = 1;
            return 1;
        }
    }
    return 0;
}

/* A year in words: "nineteen ninety-six", "eighteen twelve". */
static size_t r_year_words(rctx *c, size_t i, cand *o) {
    int century = is(c, i, "nineteen") ? 19 : is(c, i, "eighteen") ? 18 : 0;
    const sr_token *t = T(c, i + 1);
    if (!century || !t || t->kind != SR_TOK_WORD || (t->flags & SR_TF_DIGIT)) return 0;
    int64_t n;
    if (sr_parse_number(t->norm, t->norm_len, &n) != 0 || n < 10 || n > 99) return 0;
    if (W(c, TW_UNIT, i + 2)) return 0;   /* "nineteen twenty-year-olds" is not a year */
    sprintf(o->value, "%d%02d", century, (int)n);
    o->type = SR_TIMEX_DATE;
    return 2;
}

/* A weekday, with a part of day: "Sunday", "Friday morning", "last Friday",
 * "Fridays" (a set). */
static size_t r_weekday(rctx *c, size_t i, cand *o) {
    size_t k = i;
    int dir = 2;  /* 2 = none */
    const tw_entry *md = W(c, TW_MOD, k);
    if (md && W(c, TW_WEEKDAY, k + 1) && !is(c, k, "first") && !is(c, k, "past")) {
        dir = (int)md->ival;
        k++;
    }
    const tw_entry *e = W(c, TW_WEEKDAY, k);
    if (!e) return 0;
    const sr_token *t = T(c, k);
    if (common_word(c, k)) return 0;
    if ((e->flags & TWF_WEAK) && !(t->flags & SR_TF_PERIOD)) return 0;
    k++;
    int wd = (int)e->ival;
    /* "Saturday, April 25", "Friday, Aug. 7, 1998": the date says which one */
    if (dir == 2 && !(e->flags & TWF_PLURAL)) {
        size_t a = is(c, k, ",") ? k + 1 : k;
        cand sub;
        memset(&sub, 0, sizeof sub);
        size_t n = W(c, TW_MONTH, a) || day_at(c, a, &(int){0}) ? r_month_date(c, a, &sub) : 0;
        if (n && strlen(sub.value) == 10) {
            *o = sub;
            return a + n - i;
        }
    }
    const tw_entry *pod = W(c, TW_PART_OF_DAY, k);
    if (pod) k++;
    if ((e->flags & TWF_PLURAL) || (pod && (pod->flags & TWF_PLURAL))) {
        sprintf(o->value, "XXXX-WXX-%d%s%s", wd, pod ? "T" : "", pod ? pod->sval : "");
        o->type = SR_TIMEX_SET;
        return k - i;
    }
    if (!c->has_ref) {
        sprintf(o->value, "XXXX-WXX-%d", wd);
    } else {
        int rw = tc_weekday(c->ref);
        long off;
        if (dir == -1) {
            off = wd - rw;
            if (off >= 0) off -= 7;
        } else if (dir == 1) {
            off = wd - rw;
            if (off <= 0) off += 7;
        } else if (dir == 0) {
            off = wd - rw;
        } else {
            /* "Sunday's violence" happened.  (A present-tense clause, "they
             * meet Monday", would often mean the next one, but "police say
             * the attack was Sunday" too: the present decides nothing.) */
            int tn = is(c, k, "'s") ? -1 : tense(c, i, k);
            off = wd - rw;
            if (tn > 0) { if (off < 0) off += 7; }
            else if (off > 0) off -= 7;
        }
        fmt_day(o->value, tc_add_days(c->ref, off));
    }
    o->the_ok = dir != 2;   /* "the previous Friday" */
    if (pod) {
        strcat(o->value, "T");
        strcat(o->value, pod->sval);
        o->type = SR_TIMEX_TIME;
    } else {
        o->type = SR_TIMEX_DATE;
    }
    return k - i;
}

/* "yesterday", "today", "tomorrow", "tonight", "yesterday morning". */
static size_t r_relative_day(rctx *c, size_t i, cand *o) {
    const tw_entry *e = W(c, TW_DAY_REL, i);
    if (!e) return 0;
    size_t k = i + 1;
    const char *pod = e->extra;
    const tw_entry *p = W(c, TW_PART_OF_DAY, k);
    if (!pod && p) { pod = p->sval; k++; }
    if (c->has_ref) fmt_day(o->value, tc_add_days(c->ref, e->ival));
    else strcpy(o->value, "XXXX-XX-XX");
    if (pod) {
        strcat(o->value, "T");
        strcat(o->value, pod);
        o->type = SR_TIMEX_TIME;
    } else {
        o->type = SR_TIMEX_DATE;
    }
    return k - i;
}

static void clock_day(const rctx *c, size_t i, char *b);

/* "this morning", "last night", "the evening"; "overnight" alone: the
 * night before the day the text is at (the sentence's day, else the
 * reference date). */
static size_t r_part_of_day(rctx *c, size_t i, cand *o) {
    long off;
    if (is(c, i, "overnight")) {
        clock_day(c, i, o->value);
        strcat(o->value, "TNI");
        o->type = SR_TIMEX_TIME;
        return 1;
    }
    if (is(c, i, "this") || is(c, i, "the")) off = 0;
    else if (is(c, i, "last")) off = -1;
    else return 0;
    const tw_entry *p = W(c, TW_PART_OF_DAY, i + 1);
    if (!p || (p->flags & TWF_PLURAL)) return 0;
    if (is(c, i, "last") && strcmp(p->sval, "NI") != 0) off = -1;
    if (c->has_ref) fmt_day(o->value, tc_add_days(c->ref, off));
    else strcpy(o->value, "XXXX-XX-XX");
    strcat(o->value, "T");
    strcat(o->value, p->sval);
    o->type = SR_TIMEX_TIME;
    return 2;
}

/* The date a clock time falls on when the text names no day. */
static void clock_day(const rctx *c, size_t i, char *b) {
    if (c->has_last_day && c->last_day_sent == T(c, i)->sent) fmt_day(b, c->last_day);
    else if (c->has_ref) fmt_day(b, c->ref);
    else strcpy(b, "XXXX-XX-XX");
}

/* "10:35 a.m.", "10 p.m. EST", "noon Thursday", "midnight". */
static size_t r_clock(rctx *c, size_t i, cand *o) {
    const sr_token *t = T(c, i);
    if (!t) return 0;
    int h = -1, mi = 0;
    size_t k = i;
    const tw_entry *cw = W(c, TW_CLOCK, i);
    if (cw) {
        sscanf(cw->sval, "%d:%d", &h, &mi);
        k++;
    } else if (t->kind == SR_TOK_NUM) {
        int n = 0;
        long v;
        size_t nd;
        if (digits_at(c, i, &v, &nd) && nd == 4 && i > 0 && is(c, i - 1, "at") &&
            v / 100 <= 24 && v % 100 <= 59 &&
            ((is(c, i + 1, "hours") || is(c, i + 1, "hrs")) ||
             (c->has_ref && (v < 1800 || v > c->ref.y + 5)))) {
            /* military time: "at 2030", "at 0600 hours" */
            h = (int)(v / 100);
            mi = (int)(v % 100);
            k++;
            if (is(c, k, "hours") || is(c, k, "hrs")) k++;
            char day[24];
            clock_day(c, i, day);
            snprintf(o->value, sizeof o->value, "%sT%02d:%02d", day, h, mi);
            o->type = SR_TIMEX_TIME;
            return k - i;
        }
        if (sscanf(t->norm, "%2d:%2d%n", &h, &mi, &n) == 2 && (size_t)n == t->norm_len) {
            if (h > 24 || mi > 59) return 0;
        } else {
            if (!digits_at(c, i, &v, NULL) || v < 1 || v > 12) return 0;
            h = (int)v;
            if (!(is(c, i + 1, "a.m.") || is(c, i + 1, "p.m.") || is(c, i + 1, "a.m") ||
                  is(c, i + 1, "p.m") || is(c, i + 1, "am") || is(c, i + 1, "pm") ||
                  (is(c, i + 1, "o'clock"))))
                return 0;
        }
        k++;
        if (is(c, k, "p.m.") || is(c, k, "p.m") || is(c, k, "pm")) {
            if (h < 12) h += 12;
            k++;
        } else if (is(c, k, "a.m.") || is(c, k, "a.m") || is(c, k, "am")) {
            if (h == 12) h = 0;
            k++;
        } else if (is(c, k, "o'clock")) {
            k++;
        } else if (t->norm_len < 4) {
            return 0;
        }
        if (W(c, TW_ZONE, k) && (T(c, k)->flags & SR_TF_UPPER)) k++;
    } else {
        return 0;
    }
    /* an anchor: "Thursday", ", Nov. 6", "yesterday" */
    char day[24] = "";
    size_t a = k;
    if (is(c, a, ",")) a++;
    cand sub;
    size_t n;
    memset(&sub, 0, sizeof sub);
    if ((n = r_weekday(c, a, &sub)) && sub.type == SR_TIMEX_DATE) {
        memcpy(day, sub.value, 10);
        k = a + n;
    } else if ((n = r_relative_day(c, a, &sub)) && sub.type == SR_TIMEX_DATE) {
        memcpy(day, sub.value, 10);
        k = a + n;
    } else if ((n = r_month_date(c, a, &sub)) && strlen(sub.value) == 10) {
        memcpy(day, sub.value, 10);
        k = a + n;
    } else {
        clock_day(c, i, day);
    }
    snprintf(o->value, sizeof o->value, "%sT%02d:%02d", day, h, mi);
    o->type = SR_TIMEX_TIME;
    return k - i;
}

/* Fiscal quarters and halves: "the third quarter", "third-quarter",
 * "the fourth quarter of 1989", "the first half". */
static size_t r_quarter(rctx *c, size_t i, cand *o) {
    size_t k = i;
    int y = 0;
    /* "this year's third quarter", "next year's first quarter" */
    const tw_entry *md = W(c, TW_MOD, k);
    if (md && !is(c, k, "first") && is(c, k + 1, "year") &&
        is(c, k + 2, "'s") && c->has_ref) {
        y = c->ref.y + (int)md->ival;
        k += 3;
    }
    if (is(c, k, "fiscal")) k++;
    if (!y && year_at(c, k, &y)) {
        k++;   /* "the 1988 second quarter", "the 1988 quarter" */
        if ((is(c, k, "quarter") || is(c, k, "period")) && c->last_quarter[0]) {
            sprintf(o->value, "%04d-Q%c", y, c->last_quarter[6]);
            o->type = SR_TIMEX_DATE;
            o->the_ok = 1;
            return k + 1 - i;
        }
        if (!W(c, TW_ORDINAL, k)) return 0;
    }
    int q = 0, half = 0;
    const sr_token *t = T(c, k);
    if (!t) return 0;
    const char *hy = t->kind == SR_TOK_WORD ? strrchr(t->norm, '-') : NULL;
    if (hy) {
        const tw_entry *ord = tw_get(c->w, TW_ORDINAL, t->norm, (size_t)(hy - t->norm));
        if (!ord) return 0;
        if (strcmp(hy + 1, "quarter") == 0) q = (int)ord->ival;
        else if (strcmp(hy + 1, "half") == 0 && ord->ival <= 2) half = (int)ord->ival;
        else return 0;
        k++;
    } else {
        const tw_entry *ord = W(c, TW_ORDINAL, k);
        if (!ord) return 0;
        if (is(c, k + 1, "quarter")) q = (int)ord->ival;
        else if (is(c, k + 1, "half") && ord->ival <= 2) half = (int)ord->ival;
        else if (is(c, k + 1, "fiscal") && is(c, k + 2, "quarter")) { q = (int)ord->ival; k++; }
        else return 0;
        k += 2;
    }
    if (is(c, k, "of") && year_at(c, k + 1, &y)) k += 2;
    else if (year_at(c, k, &y)) k++;
    else if (is(c, k, "of") && is(c, k + 1, "fiscal") && year_at(c, k + 2, &y)) k += 3;
    if (!y) {
        if (!c->has_ref) y = -1;
        else {
            int rq = quarter_of(c->ref.m);
            y = c->ref.y;
            if (half ? (half - 1) * 2 + 1 > rq : q > rq) {
                if (tense(c, i, k) <= 0) y--;
            }
        }
    }
    o->the_ok = !hy;
    o->names_quarter = 1;
    if (y < 0) sprintf(o->value, half ? "XXXX-H%d" : "XXXX-Q%d", half ? half : q);
    else sprintf(o->value, half ? "%04d-H%d" : "%04d-Q%d", y, half ? half : q);
    o->type = SR_TIMEX_DATE;
    return k - i;
}

/* A season: "summer", "summer 2015", "the summer of 2015", "last fall". */
static size_t r_season(rctx *c, size_t i, cand *o) {
    size_t k = i;
    int dir = 2;
    const tw_entry *md = W(c, TW_MOD, k);
    if (md && W(c, TW_SEASON, k + 1)) { dir = (int)md->ival; k++; }
    const tw_entry *e = W(c, TW_SEASON, k);
    if (!e) return 0;
    if (e->flags & TWF_PLURAL) return 0;
    int weak_ok = dir != 2 || (k > 0 && (is(c, k - 1, "the") || is(c, k - 1, "in") ||
                                         is(c, k - 1, "this") || is(c, k - 1, "last")));
    k++;
    int y = 0;
    if (year_at(c, k, &y)) k++;
    else if (is(c, k, "of") && year_at(c, k + 1, &y)) k += 2;
    if ((e->flags & TWF_WEAK) && !weak_ok && !y) return 0;
    if (!y) {
        if (!c->has_ref) {
            sprintf(o->value, "XXXX-%s", e->sval);
            o->type = SR_TIMEX_DATE;
            return k - i;
        }
        y = c->ref.y;
        /* season start months: SP 3, SU 6, FA 9, WI 12 */
        int sm = e->sval[0] == 'S' ? (e->sval[1] == 'P' ? 3 : 6) : e->sval[0] == 'F' ? 9 : 12;
        if (dir == -1) { if (sm >= c->ref.m) y--; }
        else if (dir == 1) { if (sm <= c->ref.m) y++; }
        else if (dir == 2) {
            int tn = tense(c, i, k);
            if (tn < 0 && sm > c->ref.m) y--;
        }
    }
    sprintf(o->value, "%04d-%s", y, e->sval);
    o->type = SR_TIMEX_DATE;
    o->the_ok = 1;
    return k - i;
}

/* A hyphenated adjective "two-year", "30-year", "16-hour": a duration;
 * "year-earlier", "year-ago": the last quarter a year before. */
static size_t r_hyphen(rctx *c, size_t i, cand *o) {
    const sr_token *t = T(c, i);
    if (!t || t->kind != SR_TOK_WORD || !(t->flags & SR_TF_HYPHEN)) return 0;
    const char *hy = strrchr(t->norm, '-');
    size_t ln = (size_t)(hy - t->norm);
    const tw_entry *u = tw_get(c->w, TW_UNIT, hy + 1, strlen(hy + 1));
    if (u && !(u->flags & TWF_PLURAL)) {
        int64_t n;
        if (sr_parse_number(t->norm, ln, &n) != 0 || n < 1 || n > 9999) {
            if (ln == 7 && memcmp(t->norm, "several", 7) == 0) n = -1;
            else return 0;
        }
        fmt_duration(o->value, (long)n, u->sval);
        o->type = SR_TIMEX_DURATION;
        o->the_ok = 1;
        return 1;
    }
    if (strcmp(t->norm, "year-earlier") == 0 || strcmp(t->norm, "year-ago") == 0) {
        /* "year-earlier", "the year-ago quarter", "the year-earlier third quarter" */
        size_t k = 1;
        const tw_entry *ord = W(c, TW_ORDINAL, i + 1);
        if (is(c, i + 1, "quarter") || is(c, i + 1, "period")) k = 2;
        else if (ord && is(c, i + 2, "quarter")) k = 3;
        if (k == 3 && c->has_ref) {
            int y = c->last_quarter[0] && c->last_quarter[0] != 'X' ? atoi(c->last_quarter) : c->ref.y;
            sprintf(o->value, "%04d-Q%ld", y - 1, ord->ival);
        } else if (c->last_quarter[0] && c->last_quarter[0] != 'X') {
            sprintf(o->value, "%04d-Q%c", atoi(c->last_quarter) - 1, c->last_quarter[6]);
        } else if (c->has_ref) {
            sprintf(o->value, "%04d", c->ref.y - 1);
        } else {
            return 0;
        }
        o->type = SR_TIMEX_DATE;
        o->the_ok = k > 1;
        return k;
    }
    /* "mid-November", "mid-1990s", "mid-afternoon": the part after "mid-" */
    if (ln == 3 && memcmp(t->norm, "mid", 3) == 0) {
        const char *rest = hy + 1;
        const tw_entry *m = tw_get(c->w, TW_MONTH, rest, strlen(rest));
        if (m) {
            int y = c->has_ref ? infer_year(c, (int)m->ival, 0, tense(c, i, i + 1)) : -1;
            int yy = 0;
            size_t k = 1;
            if (year_at(c, i + 1, &yy)) { y = yy; k = 2; }
            if (y < 0) sprintf(o->value, "XXXX-%02ld", m->ival);
            else sprintf(o->value, "%04d-%02ld", y, m->ival);
            o->type = SR_TIMEX_DATE;
            return k;
        }
        size_t rn = strlen(rest);
        if (rn == 5 && rest[4] == 's' && all_digits(rest, 4)) {
            sprintf(o->value, "%.3s", rest);
            o->type = SR_TIMEX_DATE;
            o->the_ok = 1;
            return 1;
        }
        if (rn == 4 && all_digits(rest, 4)) {
            sprintf(o->value, "%.4s", rest);
            o->type = SR_TIMEX_DATE;
            return 1;
        }
    }
    return 0;
}

/* Set the value of a unit phrase anchored on the last quarter ("a year
 * earlier" in a quarterly report means the same quarter a year before). */
static int quarter_anchor(const rctx *c, const char *unit, long n, int sign, char *b) {
    if (!c->last_quarter[0] || c->last_quarter[0] == 'X') return 0;
    int y = atoi(c->last_quarter), q = c->last_quarter[6] - '0';
    if (unit[0] == 'Y' && n > 0) { sprintf(b, "%04d-Q%d", y + sign * (int)n, q); return 1; }
    return 0;
}

/* Unit phrases: "last week", "the past two months", "two days ago",
 * "a year earlier", "six months", "several years", "the next few days",
 * "this year", "earlier this month" (the "earlier" is added later). */
static size_t r_units(rctx *c, size_t i, cand *o) {
    size_t k = i;
    int has_the = 0;
    /* a quantifier before a number joins a duration: "at least 72 hours",
     * "up to 180 days", "almost a hundred years" */
    size_t quant = 0;
    if ((is(c, k, "at") && (is(c, k + 1, "least") || is(c, k + 1, "most"))) ||
        ((is(c, k, "more") || is(c, k, "less") || is(c, k, "fewer")) && is(c, k + 1, "than")) ||
        (is(c, k, "up") && is(c, k + 1, "to")))
        quant = 2;
    else if (is(c, k, "nearly") || is(c, k, "almost") || is(c, k, "about") ||
             is(c, k, "approximately") || is(c, k, "roughly"))
        quant = 1;
    if (quant) {
        long q;
        if (!count_at(c, k + quant, &q)) return 0;
        k += quant;
    }
    if (!quant && is(c, k, "the")) { has_the = 1; k++; }
    const tw_entry *md = W(c, TW_MOD, k);
    int latest = 0;
    if (has_the && is(c, k, "latest") && is(c, k + 1, "period")) {
        if (c->last_quarter[0]) strcpy(o->value, c->last_quarter);
        else if (c->has_ref) fmt_unit_date(c, o->value, "Q", -1);
        else return 0;
        o->type = SR_TIMEX_DATE;
        return k + 2 - i;
    }
    if (has_the && is(c, k, "full") && is(c, k + 1, "year") && c->has_ref) {
        sprintf(o->value, "%04d", c->ref.y);
        o->type = SR_TIMEX_DATE;
        return k + 2 - i;
    }
    if (is(c, k, "latest") || is(c, k, "recent") || is(c, k, "same")) { latest = 1; md = NULL; k++; }
    else if (md) k++;
    if (is(c, k, "few") || (is(c, k, "several") && md)) {
        /* "the next few days" */
    }
    long n = 0;
    size_t nc = count_at(c, k, &n);
    if (nc && n >= 1000 && T(c, k)->kind == SR_TOK_NUM) return 0;   /* "the 1988 period" */
    if (nc && (is(c, k, "a") || is(c, k, "an")) && md) nc = 0, n = 0; /* "this a" is not a phrase */
    if (is(c, k, "few") && (md || has_the)) { n = -1; nc = 1; }
    if (quant && (!nc || md)) return 0;
    k += nc;
    if (nc && unit_filler(c, k) && W(c, TW_UNIT, k + 1))
        k++;   /* "two more weeks", "three consecutive days" */
    if (k < c->toks->n && is(c, k, "-")) return 0;
    int fiscal = is(c, k, "fiscal") && (is(c, k + 1, "year") || is(c, k + 1, "years"));
    k += fiscal;
    const tw_entry *u = W(c, TW_UNIT, k);
    if (!u) return 0;
    int plural = (u->flags & TWF_PLURAL) != 0;
    const char *unit = u->sval;
    k++;
    /* an age ("52 years old") and a fraction ("a quarter of the votes") */
    if (is(c, k, "old") || (strcmp(unit, "Q") == 0 && !plural && is(c, k, "of") && !md && !has_the))
        return 0;
    if (!nc && !md && !latest) {
        if (!has_the) {
            /* a bare plural after "for": "for years" */
            if (plural && i > 0 && is(c, i - 1, "for") && strcmp(unit, "WE") != 0) {
                fmt_duration(o->value, -1, unit);
                o->type = SR_TIMEX_DURATION;
                return k - i;
            }
            return 0;
        }
        /* "the quarter", "the weekend", "the year", "the day" */
        if (strcmp(unit, "Q") == 0 && !plural) {
            if (c->last_quarter[0]) strcpy(o->value, c->last_quarter);
            else if (c->has_ref) fmt_unit_date(c, o->value, "Q", -1);
            else return 0;
            o->type = SR_TIMEX_DATE;
            return k - i;
        }
        if (fiscal && !plural) {   /* "the fiscal year" */
            fmt_duration(o->value, 1, unit);
            o->type = SR_TIMEX_DURATION;
            return k - i;
        }
        if (strcmp(unit, "WE") == 0 && !plural && c->has_ref) {
            int tn = tense(c, i, k);
            fmt_unit_date(c, o->value, "WE", tn > 0 || tc_weekday(c->ref) >= 6 ? 0 : -1);
            o->type = SR_TIMEX_DATE;
            return k - i;
        }
        return 0;
    }
    if (latest) {
        if (nc) return 0;
        if (strcmp(unit, "Q") == 0 && !plural) {
            if (c->last_quarter[0]) strcpy(o->value, c->last_quarter);
            else if (c->has_ref) fmt_unit_date(c, o->value, "Q", -1);
            else return 0;
            o->type = SR_TIMEX_DATE;
            return k - i;
        }
        if (plural && is(c, i + has_the, "recent")) {
            fmt_duration(o->value, -1, unit);
            o->type = SR_TIMEX_DURATION;
            return k - i;
        }
        return 0;
    }
    /* "N units ago", "N units earlier/later" */
    if (nc && !md) {
        int sign = 0;
        if (is(c, k, "ago") || is(c, k, "earlier") || is(c, k, "before")) sign = -1;
        else if (is(c, k, "later") || (is(c, k, "from") && is(c, k + 1, "now"))) sign = 1;
        if (sign && n < 0 && (is(c, k, "ago") || (is(c, k, "from") && is(c, k + 1, "now")))) {
            /* "several years ago", "months ago": only the direction is known */
            strcpy(o->value, sign < 0 ? "PAST_REF" : "FUTURE_REF");
            o->type = SR_TIMEX_DATE;
            return k + (is(c, k, "from") ? 2 : 1) - i;
        }
        if (sign && n > 0 && (!is(c, k, "before") || clause_edge(c, k + 1) || is(c, k + 1, ","))) {
            int earlier = is(c, k, "earlier") || is(c, k, "later");
            k += is(c, k, "from") ? 2 : 1;
            if (earlier && quarter_anchor(c, unit, n, sign, o->value)) {
                o->type = SR_TIMEX_DATE;
                return k - i;
            }
            if (earlier && c->has_last_day && (strcmp(unit, "D") == 0 || strcmp(unit, "W") == 0)) {
                /* "Two days later": after the last date of the story */
                tc_date d = tc_add_days(c->last_day, sign * n * (unit[0] == 'W' ? 7 : 1));
                if (unit[0] == 'W') fmt_week(o->value, d);
                else fmt_day(o->value, d);
            } else if (!c->has_ref) strcpy(o->value, "XXXX");
            else if (unit[0] == 'Y' && !earlier && c->last_quarter[0] &&
                     quarter_anchor(c, unit, n, sign, o->value)) {
                /* "a year ago" in a quarterly report */
            } else {
                fmt_unit_date(c, o->value, unit, (int)(sign * n));
            }
            o->type = SR_TIMEX_DATE;
            return k - i;
        }
        if (n < 0 && !plural) return 0;
        fmt_duration(o->value, n, unit);
        o->type = SR_TIMEX_DURATION;
        return k - i;
    }
    /* modifier + number: a duration ("the past two months", "the next 12 months") */
    if (nc) {
        if (!(md->flags & TWF_SPAN)) return 0;
        fmt_duration(o->value, n, unit);
        o->type = SR_TIMEX_DURATION;
        return k - i;
    }
    /* modifier + unit */
    if (plural) {
        if (!(md->flags & TWF_SPAN) && md->ival != 0) return 0;
        if (is(c, i + has_the, "coming") && !has_the) {   /* "in coming months" */
            strcpy(o->value, "FUTURE_REF");
            o->type = SR_TIMEX_DATE;
            return k - i;
        }
        fmt_duration(o->value, -1, unit);
        o->type = SR_TIMEX_DURATION;
        return k - i;
    }
    if (is(c, i + has_the, "first")) return 0;   /* "the first quarter": r_quarter */
    if (is(c, i + has_the, "past") || is(c, i + has_the, "coming")) {
        fmt_duration(o->value, 1, unit);
        o->type = SR_TIMEX_DURATION;
        return k - i;
    }
    if (!c->has_ref) {
        strcpy(o->value, unit[0] == 'Y' ? "XXXX" : "XXXX-XX");
    } else if (strcmp(unit, "WE") == 0) {
        long back = md->ival < 0 ? -(long)tc_weekday(c->ref) : md->ival * 7;
        fmt_week(o->value, tc_add_days(c->ref, back));
        strcat(o->value, "-WE");
    } else {
        fmt_unit_date(c, o->value, unit, (int)md->ival);
    }
    o->type = strcmp(unit, "H") == 0 || strcmp(unit, "MI") == 0 ? SR_TIMEX_TIME : SR_TIMEX_DATE;
    return k - i;
}

/* Months with a modifier: "last April", "next March", "this September". */
static size_t r_mod_month(rctx *c, size_t i, cand *o) {
    const tw_entry *md = W(c, TW_MOD, i);
    if (!md || is(c, i, "first") || is(c, i, "past")) return 0;
    const tw_entry *m = W(c, TW_MONTH, i + 1);
    if (!m || common_word(c, i + 1)) return 0;
    int mon = (int)m->ival, y, d = 0;
    if (day_at(c, i + 2, &d) && !W(c, TW_UNIT, i + 3)) {
        /* "last Oct. 23": the last one strictly before the reference date */
        if (!c->has_ref) {
            sprintf(o->value, "XXXX-%02d-%02d", mon, d);
        } else {
            int key = mon * 32 + d, rkey = c->ref.m * 32 + c->ref.d;
            y = c->ref.y;
            if (md->ival < 0 && key >= rkey) y--;
            else if (md->ival > 0 && key <= rkey) y++;
            if (!tc_valid(y, mon, d)) return 0;
            sprintf(o->value, "%04d-%02d-%02d", y, mon, d);
        }
        o->type = SR_TIMEX_DATE;
        return 3;
    }
    if (!c->has_ref) {
        sprintf(o->value, "XXXX-%02d", mon);
    } else {
        y = c->ref.y;
        if (md->ival < 0 && mon >= c->ref.m) y--;
        else if (md->ival > 0 && mon <= c->ref.m) y++;
        sprintf(o->value, "%04d-%02d", y, mon);
    }
    o->type = SR_TIMEX_DATE;
    return 2;
}

/* "now", "currently", "recently", "the future", "the past", "daily". */
static size_t r_reference(rctx *c, size_t i, cand *o) {
    size_t k = i;
    int the = is(c, k, "the");
    if (the) k++;
    if (the && is(c, k, "near") && is(c, k + 1, "future")) k++;   /* "the near future" */
    const tw_entry *e = W(c, TW_REF, k);
    if (e) {
        const sr_token *nx = T(c, k + 1);
        if (e->flags & TWF_WEAK) {
            int prev_ok = the || (k > 0 && (is(c, k - 1, "near") || is(c, k - 1, "in")));
            if (!prev_ok || is(c, k, "once")) return 0;
            if (nx && nx->kind == SR_TOK_WORD && (nx->flags & SR_TF_LOWER) &&
                !W(c, TW_TENSE, k + 1) && !is(c, k + 1, "and") && !is(c, k + 1, "of"))
                return 0;   /* "the past decade", "the future king" */
            if (is(c, k + 1, "of")) return 0;
        } else if (the) {
            return 0;
        }
        /* "recent years", "current quarter": the unit rules read those */
        if ((is(c, k, "recent") || is(c, k, "current")) && W(c, TW_UNIT, k + 1)) return 0;
        strcpy(o->value, e->sval);
        o->type = SR_TIMEX_DATE;
        return k + 1 - i;
    }
    if (!the) {
        const tw_entry *s = W(c, TW_SET, k);
        if (s && !(s->flags & TWF_WEAK)) {
            strcpy(o->value, s->sval);
            o->type = SR_TIMEX_SET;
            return 1;
        }
        if (is(c, k, "at") && is(c, k + 1, "present")) {
            strcpy(o->value, "PRESENT_REF");
            o->type = SR_TIMEX_DATE;
            return 2;
        }
    }
    return 0;
}

/* "every Friday", "each year", "every two weeks", "each July". */
static size_t r_set(rctx *c, size_t i, cand *o) {
    if (!(is(c, i, "every") || is(c, i, "each") || is(c, i, "per"))) return 0;
    size_t k = i + 1;
    const tw_entry *e;
    if ((e = W(c, TW_WEEKDAY, k))) {
        const tw_entry *p = W(c, TW_PART_OF_DAY, k + 1);
        sprintf(o->value, "XXXX-WXX-%ld%s%s", e->ival, p ? "T" : "", p ? p->sval : "");
        o->type = SR_TIMEX_SET;
        return p ? 3 : 2;
    }
    if ((e = W(c, TW_MONTH, k)) && !common_word(c, k)) {
        sprintf(o->value, "XXXX-%02ld", e->ival);
        o->type = SR_TIMEX_SET;
        return 2;
    }
    if ((e = W(c, TW_PART_OF_DAY, k))) {
        sprintf(o->value, "XXXX-XX-XXT%s", e->sval);
        o->type = SR_TIMEX_SET;
        return 2;
    }
    long n = 1;
    size_t nc = count_at(c, k, &n);
    if (nc && n < 0) return 0;
    if (!nc) n = 1;
    const tw_entry *u = W(c, TW_UNIT, k + nc);
    if (!u || strcmp(u->sval, "WE") == 0) return 0;
    if ((u->flags & TWF_PLURAL) != (n > 1 ? TWF_PLURAL : 0u)) return 0;
    fmt_duration(o->value, n, u->sval);
    o->type = SR_TIMEX_SET;
    return 1 + nc + 1;
}

/* Can any rule match at token i?  Most tokens are plain words; skipping
 * them early keeps the pass fast.  (Must stay a superset of what the
 * rules accept as a first token.) */
static int can_start(const rctx *c, size_t i) {
    const sr_token *t = &c->toks->v[i];
    if (t->kind == SR_TOK_PUNCT) return 0;
    if (t->kind == SR_TOK_NUM || (t->flags & (SR_TF_DIGIT | SR_TF_HYPHEN))) return 1;
    if (c->tokw ? c->tokw[i] != NULL : tw_find(c->w, t->norm, t->norm_len) != NULL) return 1;
    return W(c, TW_UNIT, i + 1) || (W(c, TW_UNIT, i + 2) && unit_filler(c, i + 1));
}

typedef size_t (*rule_fn)(rctx *c, size_t i, cand *o);

static const rule_fn RULES[] = {
    r_numeric_date, r_month_date, r_clock, r_year, r_year_words, r_weekday, r_relative_day,
    r_part_of_day, r_quarter, r_season, r_hyphen, r_mod_month, r_units,
    r_reference, r_set,
};

/* Words before a date that narrow it: "early", "late", "mid", "earlier",
 * "the end of", "the beginning of".  Returns the new first token. */
static size_t widen_left(const rctx *c, size_t first) {
    size_t f = first;
    if (f >= 2 && is(c, f - 1, "of") && W(c, TW_POS, f - 2)) {
        f -= 2;
        if (f >= 1 && is(c, f - 1, "the")) f--;
        return f;
    }
    if (f >= 1 && W(c, TW_POS, f - 1) && !is(c, f - 1, "end") && !is(c, f - 1, "start") &&
        !is(c, f - 1, "beginning")) {
        /* "earlier Friday" is annotated "Friday"; "earlier this month" whole */
        int rel = is(c, f - 1, "earlier") || is(c, f - 1, "later");
        if (!rel || W(c, TW_MOD, f)) {
            f--;
            if (!rel && f >= 1 && is(c, f - 1, "the")) f--;   /* "the early 1980s" */
        }
    }
    return f;
}

static int push(sr_arena *a, sr_timex **v, size_t *n, size_t *cap, const sr_timex *x) {
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        sr_timex *nv = sr_arena_realloc(a, *v, *cap * sizeof **v, nc * sizeof **v);
        if (!nv) return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = *x;
    return 0;
}

int sr_times_tag(sr_arena *a, const sr_time_words *w, const char *text,
                 const sr_tokens *toks, const char *ref_date, sr_times *out) {
    rctx c;
    memset(&c, 0, sizeof c);
    c.w = w;
    c.text = text;
    c.toks = toks;
    c.has_ref = ref_date && tc_parse(ref_date, &c.ref) == 0;
    size_t words = 0, lower = 0;
    for (size_t k = 0; k < toks->n; k++)
        if (toks->v[k].kind == SR_TOK_WORD) {
            words++;
            lower += (toks->v[k].flags & SR_TF_LOWER) != 0;
        }
    c.caseless = words >= 20 && lower * 100 >= words * 99;   /* lower-cased corpora (MUC-4 JSONL) */
    if (toks->n) {
        const tw_word **tw = sr_arena_alloc(a, toks->n * sizeof *tw);
        if (!tw) return -1;
        for (size_t k = 0; k < toks->n; k++) {
            const sr_token *t = &toks->v[k];
            tw[k] = t->kind == SR_TOK_PUNCT ? NULL : tw_find(w, t->norm, t->norm_len);
        }
        c.tokw = tw;
    }
    out->v = NULL;
    out->n = 0;
    size_t cap = 0;
    size_t i = 0;
    while (i < toks->n) {
        cand best, o;
        size_t best_n = 0;
        memset(&best, 0, sizeof best);
        if (!can_start(&c, i)) { i++; continue; }
        for (size_t r = 0; r < sizeof RULES / sizeof *RULES; r++) {
            memset(&o, 0, sizeof o);
            size_t n = RULES[r](&c, i, &o);
            if (n > best_n) {
                best_n = n;
                best = o;
            }
        }
        if (!best_n) { i++; continue; }
        size_t first = i, end = i + best_n;
        if (best.fiscal_ok && first > 0 && is(&c, first - 1, "fiscal")) first--;
        if (best.the_ok && first > 0 && is(&c, first - 1, "the")) first--;
        if (best.type == SR_TIMEX_DATE || best.type == SR_TIMEX_TIME) first = widen_left(&c, first);
        /* the extent never spans a sentence or a paragraph break */
        sr_timex x;
        x.tok_first = (uint32_t)first;
        x.tok_end = (uint32_t)end;
        x.start = toks->v[first].start;
        x.end = toks->v[end - 1].end;
        x.type = best.type;
        x.value = sr_arena_strdup(a, best.value);
        if (!x.value || push(a, &out->v, &out->n, &cap, &x)) return -1;
        size_t vl = strlen(best.value);
        if (best.names_quarter && vl == 7 && best.value[5] == 'Q') strcpy(c.last_quarter, best.value);
        if (vl >= 10 && best.value[4] == '-' && best.value[7] == '-' &&
            best.value[0] != 'X' && best.type != SR_TIMEX_SET) {
            tc_date d;
            char tmp[11];
            memcpy(tmp, best.value, 10);
            tmp[10] = '\0';
            if (tc_parse(tmp, &d) == 0) {
                c.last_day = d;
                c.has_last_day = 1;
                c.last_day_sent = toks->v[i].sent;
            }
        }
        i = end;
    }
    return 0;
}

int sr_times_dateline(const sr_time_words *w, const char *text, const sr_tokens *toks,
                      char buf[11], uint32_t *first, uint32_t *end) {
    rctx c;
    memset(&c, 0, sizeof c);
    c.w = w;
    c.text = text;
    c.toks = toks;
    /* "PLACE NAME, 3 JAN 90 (AGENCY) --": an upper-case place, a comma, a
     * day, an upper-case month and a year, then "(" or a dash. */
    for (size_t i = 1; i + 3 < toks->n && i < 16; i++) {
        if (!is(&c, i, ",")) continue;
        const sr_token *p = T(&c, i - 1);
        if (!(p->flags & SR_TF_UPPER)) continue;
        int d, y;
        const tw_entry *m = W(&c, TW_MONTH, i + 2);
        if (!day_at(&c, i + 1, &d) || !m || !(T(&c, i + 2)->flags & SR_TF_UPPER)) continue;
        long v;
        size_t nd;
        if (!digits_at(&c, i + 3, &v, &nd) || (nd != 2 && nd != 4)) continue;
        y = nd == 2 ? (v < 30 ? 2000 + (int)v : 1900 + (int)v) : (int)v;
        const sr_token *nx = T(&c, i + 4);
        if (!nx || nx->kind != SR_TOK_PUNCT || !(nx->norm[0] == '(' || nx->norm[0] == '-'))
            continue;
        if (!tc_valid(y, (int)m->ival, d)) continue;
        snprintf(buf, 11, "%04d-%02d-%02d", y, (int)m->ival, d);
        *first = (uint32_t)(i + 1);
        *end = (uint32_t)(i + 4);
        return 1;
    }
    /* News style: "KIDAL, Mali, March 11, 2026 --" at the start of a line
     * (after a headline): an upper-case place starting the line, then within
     * a few tokens a comma, a month, a day, a comma, a four-digit year and a
     * dash or "(". */
    for (size_t i = 1; i + 5 < toks->n && i < 64; i++) {
        if (!is(&c, i, ",")) continue;
        int line_start = 0;
        for (size_t k = i; k-- > 0 && i - k <= 6;) {
            const sr_token *p = T(&c, k);
            if ((p->flags & (SR_TF_NL_BEFORE | SR_TF_PARA_BEFORE)) && (p->flags & SR_TF_UPPER)) {
                line_start = 1;
                break;
            }
            if (p->flags & (SR_TF_NL_BEFORE | SR_TF_PARA_BEFORE)) break;
        }
        if (!line_start) continue;
        const tw_entry *m = W(&c, TW_MONTH, i + 1);
        int d;
        long v;
        size_t nd;
        if (!m || !day_at(&c, i + 2, &d) || !is(&c, i + 3, ",") ||
            !digits_at(&c, i + 4, &v, &nd) || nd != 4)
            continue;
        const sr_token *nx = T(&c, i + 5);
        if (!nx || nx->kind != SR_TOK_PUNCT || !(nx->norm[0] == '(' || nx->norm[0] == '-'))
            continue;
        if (!tc_valid((int)v, (int)m->ival, d)) continue;
        snprintf(buf, 11, "%04d-%02d-%02d", (int)v, (int)m->ival, d);
        *first = (uint32_t)(i + 1);
        *end = (uint32_t)(i + 5);
        return 1;
    }
    return 0;
}
