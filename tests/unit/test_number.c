/*
 * test_number.c -- quantities: sr_parse_number on single numbers and
 * sr_find_numbers on text (bounds, flags, exact spans), including the
 * quantities of the seed article, years, ordinals, and the dates and times
 * that must not be read as counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../../src/core/file.h"
#include "../../src/text/number.h"

static int parse(const char *s, int64_t *v) { return sr_parse_number(s, strlen(s), v); }

TEST(number_parse_digits_and_words) {
    int64_t v;
    CHECK_INT(parse("two", &v), 0); CHECK_INT(v, 2);
    CHECK_INT(parse("twenty-one", &v), 0); CHECK_INT(v, 21);
    CHECK_INT(parse("twenty one", &v), 0); CHECK_INT(v, 21);
    CHECK_INT(parse("1,500", &v), 0); CHECK_INT(v, 1500);
    CHECK_INT(parse("1,000,000", &v), 0); CHECK_INT(v, 1000000);
    CHECK_INT(parse("2.5 million", &v), 0); CHECK_INT(v, 2500000);
    CHECK_INT(parse("1.25 billion", &v), 0); CHECK_INT(v, 1250000000);
    CHECK_INT(parse("3 thousand", &v), 0); CHECK_INT(v, 3000);
    CHECK_INT(parse("a dozen", &v), 0); CHECK_INT(v, 12);
    CHECK_INT(parse("two dozen", &v), 0); CHECK_INT(v, 24);
    CHECK_INT(parse("a hundred", &v), 0); CHECK_INT(v, 100);
    CHECK_INT(parse("one hundred and twenty", &v), 0); CHECK_INT(v, 120);
    CHECK_INT(parse("three thousand four hundred and five", &v), 0); CHECK_INT(v, 3405);
    CHECK_INT(parse("two million three hundred thousand", &v), 0); CHECK_INT(v, 2300000);
    CHECK_INT(parse("ninety-nine", &v), 0); CHECK_INT(v, 99);
    CHECK_INT(parse("zero", &v), 0); CHECK_INT(v, 0);
    CHECK_INT(parse("14", &v), 0); CHECK_INT(v, 14);
}

TEST(number_parse_rejects) {
    int64_t v;
    CHECK_INT(parse("", &v), -1);
    CHECK_INT(parse("hello", &v), -1);
    CHECK_INT(parse("1,50", &v), -1);
    CHECK_INT(parse("1,5000", &v), -1);
    CHECK_INT(parse("2.5", &v), -1);           /* not a whole number */
    CHECK_INT(parse("one two", &v), -1);
    CHECK_INT(parse("twenty twenty", &v), -1);
    CHECK_INT(parse("third", &v), -1);         /* ordinal, not a count */
    CHECK_INT(parse("hundred", &v), -1);
    CHECK_INT(parse("one hundred and", &v), -1);
    CHECK_INT(parse("99999999999999999999999", &v), -1);
    CHECK_INT(parse("-", &v), -1);
    CHECK_INT(parse("twenty-", &v), -1);
}

typedef struct found {
    sr_arena a;
    sr_tokens t;
    sr_numbers n;
    const char *text;
} found;

/* Tokenize and find; checks the span invariants (returns -1 if broken). */
static int find(found *f, const char *text) {
    sr_arena_init(&f->a);
    f->text = text;
    if (sr_tokenize(&f->a, text, strlen(text), &f->t)) return -1;
    if (sr_find_numbers(&f->a, text, &f->t, &f->n)) return -1;
    for (size_t i = 0; i < f->n.n; i++) {
        const sr_number *x = &f->n.v[i];
        if (x->tok_first >= x->tok_end || x->tok_end > f->t.n) return -1;
        if (x->start != f->t.v[x->tok_first].start || x->end != f->t.v[x->tok_end - 1].end)
            return -1;
        if (i && x->tok_first < f->n.v[i - 1].tok_end) return -1;
        if (x->max != SR_NUM_UNBOUNDED && x->max < x->min) return -1;
    }
    return 0;
}

/* The one quantity of a phrase: checks span text, bounds and flags. */
#define CHECK_Q(phrase, span, lo, hi, fl)                                    \
    do {                                                                     \
        found f_;                                                            \
        CHECK_INT(find(&f_, phrase), 0);                                     \
        CHECK_INT(f_.n.n, 1);                                                \
        CHECK_SPAN(f_.text, f_.n.v[0].start, f_.n.v[0].end, span);           \
        CHECK_INT(f_.n.v[0].min, lo);                                        \
        CHECK_INT(f_.n.v[0].max, hi);                                        \
        CHECK_INT(f_.n.v[0].flags, fl);                                      \
        sr_arena_free(&f_.a);                                                \
    } while (0)

#define U SR_NUM_UNBOUNDED

TEST(number_exact_amounts) {
    CHECK_Q("two people", "two", 2, 2, 0);
    CHECK_Q("Twenty-one soldiers", "Twenty-one", 21, 21, 0);
    CHECK_Q("1,500 displaced", "1,500", 1500, 1500, 0);
    CHECK_Q("2.5 million refugees", "2.5 million", 2500000, 2500000, 0);
    CHECK_Q("a dozen hostages", "a dozen", 12, 12, 0);
    CHECK_Q("one hundred and twenty bodies", "one hundred and twenty", 120, 120, 0);
    CHECK_Q("FIVE GRENADES", "FIVE", 5, 5, 0);
    CHECK_Q("a total of 12 dead", "a total of 12", 12, 12, 0);
    CHECK_Q("half a dozen", "half a dozen", 6, 6, 0);
    CHECK_Q("more than a dozen", "more than a dozen", 13, U, SR_NF_LOWER);
    CHECK_Q("a million", "a million", 1000000, 1000000, 0);
}

TEST(number_bounded_amounts) {
    CHECK_Q("about 20 hostages", "about 20", 20, 20, SR_NF_APPROX);
    CHECK_Q("nearly 50", "nearly 50", 50, 50, SR_NF_APPROX);
    CHECK_Q("some 300 people", "some 300", 300, 300, SR_NF_APPROX);
    CHECK_Q("at least 14 civilians", "at least 14", 14, U, SR_NF_LOWER);
    CHECK_Q("at least two people", "at least two", 2, U, SR_NF_LOWER);
    CHECK_Q("more than 100 people", "more than 100", 101, U, SR_NF_LOWER);
    CHECK_Q("over a hundred", "over a hundred", 101, U, SR_NF_LOWER);
    CHECK_Q("10 or more", "10 or more", 10, U, SR_NF_LOWER);
    CHECK_Q("as few as 10", "as few as 10", 10, U, SR_NF_LOWER);
    CHECK_Q("a dozen or so", "a dozen or so", 12, 12, SR_NF_APPROX);
    CHECK_Q("up to 30 fighters", "up to 30", 0, 30, SR_NF_UPPER);
    CHECK_Q("as many as 30", "as many as 30", 0, 30, SR_NF_UPPER);
    CHECK_Q("fewer than 10", "fewer than 10", 0, 9, SR_NF_UPPER);
    CHECK_Q("between three and four assailants", "between three and four", 3, 4, SR_NF_RANGE);
    CHECK_Q("between 10 and 15", "between 10 and 15", 10, 15, SR_NF_RANGE);
    CHECK_Q("two or three gunmen", "two or three", 2, 3, SR_NF_RANGE);
    CHECK_Q("10 to 15 dead", "10 to 15", 10, 15, SR_NF_RANGE);
    CHECK_Q("10-15 dead", "10-15", 10, 15, SR_NF_RANGE);
    CHECK_Q("20 or so", "20 or so", 20, 20, SR_NF_APPROX);
}

TEST(number_vague_amounts) {
    CHECK_Q("dozens of peacekeepers", "dozens", 24, U, SR_NF_VAGUE);
    CHECK_Q("hundreds were hurt", "hundreds", 200, U, SR_NF_VAGUE);
    CHECK_Q("thousands fled", "thousands", 2000, U, SR_NF_VAGUE);
    CHECK_Q("scores of people", "scores", 40, U, SR_NF_VAGUE);
    CHECK_Q("several years", "several", 3, U, SR_NF_VAGUE);
    CHECK_Q("a few hours", "a few", 2, U, SR_NF_VAGUE);
    CHECK_Q("tens of thousands", "tens of thousands", 20000, U, SR_NF_VAGUE);
    CHECK_Q("several hundred", "several hundred", 300, U, SR_NF_VAGUE);
    CHECK_Q("at least dozens", "at least dozens", 24, U, SR_NF_VAGUE | SR_NF_LOWER);
    CHECK_Q("a couple of men", "a couple of", 2, 2, SR_NF_APPROX);
    CHECK_Q("about dozens", "about dozens", 24, U, SR_NF_VAGUE | SR_NF_APPROX);
    CHECK_Q("up to dozens", "up to dozens", 0, U, SR_NF_VAGUE);
    CHECK_Q("several dozen", "several dozen", 36, U, SR_NF_VAGUE);
    CHECK_Q("a few dozen", "a few dozen", 24, U, SR_NF_VAGUE);
}

TEST(number_years_and_ordinals) {
    CHECK_Q("in 2015", "2015", 2015, 2015, SR_NF_YEAR);
    CHECK_Q("since 1990 there", "1990", 1990, 1990, SR_NF_YEAR);
    CHECK_Q("the third attack", "third", 3, 3, SR_NF_ORDINAL);
    CHECK_Q("the twenty-first", "twenty-first", 21, 21, SR_NF_ORDINAL);
    CHECK_Q("the 21st century", "21st", 21, 21, SR_NF_ORDINAL);
    CHECK_Q("THE 3D INFANTRY BRIGADE", "3D", 3, 3, SR_NF_ORDINAL);
    CHECK_Q("2,015 people", "2,015", 2015, 2015, 0);
    CHECK_Q("around 2015", "2015", 2015, 2015, SR_NF_YEAR);
    CHECK_Q("up to 2,015", "up to 2,015", 0, 2015, SR_NF_UPPER);
}

TEST(number_dates_and_times_are_not_quantities) {
    const char *texts[] = {
        "at 10:30 on 2017-06-18", "on 18/06/2017", "on June 18", "on 18 June",
        "SAN SALVADOR, 3 JAN 90 --", "at No. 4", "at 10 a.m. today", "Jan. 5",
        "NO.4 REPORTED", "hello world", "the man", "about a week", "AT 0945 THIS MORNING",
        "at 2300 hours", "at 1311 GMT", "1990-1995", "10 o'clock", "MODIFY LAW 18314",
        "Flight 370 vanished", "UN Resolution 2100", "at kilometer 25",
        "san salvador, 14 mar 91 (radio)", "on 14 march 91", "on may 5", NULL};
    for (const char **t = texts; *t; t++) {
        found f;
        CHECK_INT(find(&f, *t), 0);
        if (f.n.n != 0)
            sr_test_fail(__FILE__, __LINE__, "\"%s\" gave %zu quantities", *t, f.n.n);
        sr_arena_free(&f.a);
        if (sr_test_failed()) return;
    }
    CHECK_Q("18 June 2017", "2017", 2017, 2017, SR_NF_YEAR);
    const char *years[] = {"between 1990 and 1995", "from 1990 to 1995", "1990 or 1991", NULL};
    for (const char **t = years; *t; t++) {   /* years, never a range of counts */
        found f;
        CHECK_INT(find(&f, *t), 0);
        CHECK_INT(f.n.n, 2);
        CHECK_INT(f.n.v[0].flags, SR_NF_YEAR);
        CHECK_INT(f.n.v[1].flags, SR_NF_YEAR);
        sr_arena_free(&f.a);
    }
}

TEST(number_zero_and_verbs_that_look_like_months) {
    CHECK_Q("no one was hurt", "no one", 0, 0, 0);
    CHECK_Q("None were hurt", "None", 0, 0, 0);
    CHECK_Q("about 20 may have died", "about 20", 20, 20, SR_NF_APPROX);
    CHECK_Q("20 march on", "20", 20, 20, 0);
    CHECK_Q("on 20 March 1990", "1990", 1990, 1990, SR_NF_YEAR);
    CHECK_Q("ON 23 SEPTEMBER 28 BODIES WERE FOUND", "28", 28, 28, 0);
    CHECK_Q("at 1,500 metres", "1,500", 1500, 1500, 0);
}

TEST(number_several_in_a_sentence) {
    found f;
    CHECK_INT(find(&f, "In March 2015, five people died; one was hurt and 1,500 fled."), 0);
    CHECK_INT(f.n.n, 4);
    CHECK_SPAN(f.text, f.n.v[0].start, f.n.v[0].end, "2015");
    CHECK_SPAN(f.text, f.n.v[1].start, f.n.v[1].end, "five");
    CHECK_SPAN(f.text, f.n.v[2].start, f.n.v[2].end, "one");
    CHECK_INT(f.n.v[3].min, 1500);
    sr_arena_free(&f.a);
}

/* The quantity whose bytes are `span`, or NULL. */
static const sr_number *by_span(const found *f, const char *span) {
    size_t n = strlen(span);
    for (size_t i = 0; i < f->n.n; i++)
        if (f->n.v[i].end - f->n.v[i].start == n &&
            memcmp(f->text + f->n.v[i].start, span, n) == 0)
            return &f->n.v[i];
    return NULL;
}

TEST(number_seed_article) {
    char path[512];
    if (!sr_test_shared("seed/bamako-resort-attack.txt", path, sizeof path))
        SKIP("../shared/seed/bamako-resort-attack.txt is absent");
    size_t len;
    char *text;
    CHECK_INT(sr_file_read(path, 1 << 20, &text, &len, NULL), SR_OK);
    found f;
    CHECK_INT(find(&f, text), 0);
    struct { const char *span; int64_t min, max; uint32_t flags; } want[] = {
        {"about 20", 20, 20, SR_NF_APPROX},
        {"between three and four", 3, 4, SR_NF_RANGE},
        {"at least two", 2, U, SR_NF_LOWER},
        {"five", 5, 5, 0},
        {"at least 14", 14, U, SR_NF_LOWER},
        {"two", 2, 2, 0},
        {"dozens", 24, U, SR_NF_VAGUE},
        {"2015", 2015, 2015, SR_NF_YEAR},
        {"2016", 2016, 2016, SR_NF_YEAR},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const sr_number *x = by_span(&f, want[i].span);
        if (!x) { sr_test_fail(__FILE__, __LINE__, "no quantity \"%s\"", want[i].span); break; }
        CHECK_INT(x->min, want[i].min);
        CHECK_INT(x->max, want[i].max);
        CHECK_INT(x->flags, want[i].flags);
    }
    const sr_number *about = by_span(&f, "about 20");
    CHECK(about != NULL);
    CHECK(memcmp(text + about->start - 24, "intervened and about 20 ", 24) == 0 ||
          memcmp(text + about->start - 15, "intervened and ", 15) == 0);
    sr_arena_free(&f.a);
    free(text);
}
