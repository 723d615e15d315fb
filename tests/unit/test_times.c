/*
 * test_times.c -- temporal expressions: recognition, TIMEX3 values against
 * a reference date, MUC-4 datelines, and the date picked for an incident.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "../../src/core/doc.h"
#include "../../src/extract/time_timeml.h"
#include "../../src/extract/time_words.h"
#include "../../src/extract/times.h"

/* Tables, loaded once per test (they are tiny). */
static sr_time_words *words(void) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/data/times", sr_test_root());
    sr_time_words *w = NULL;
    sr_error err;
    if (sr_time_words_load(dir, &w, &err) != SR_OK) {
        fprintf(stderr, "  %s\n", err.message);
        return NULL;
    }
    return w;
}

/* A document with tokens, sentences and times; ref may be NULL. */
static sr_doc *run(sr_time_words *w, const char *text, const char *ref) {
    sr_doc *d = NULL;
    if (sr_doc_new("t", &d) != SR_OK) return NULL;
    if (sr_doc_set_text(d, text, strlen(text)) != SR_OK) { sr_doc_free(d); return NULL; }
    d->ref_date = ref ? sr_arena_strdup(&d->arena, ref) : NULL;
    if (sr_tokenize(&d->arena, d->text, d->len, &d->toks) ||
        sr_split_sentences(&d->arena, d->text, d->len, &d->toks, &d->sents) ||
        sr_times_stage(w, d)) {
        sr_doc_free(d);
        return NULL;
    }
    return d;
}

/* The one expression of `text`: its bytes, type and value must be these. */
static int one(sr_time_words *w, const char *text, const char *ref, const char *span,
               const char *type, const char *value) {
    sr_doc *d = run(w, text, ref);
    int ok = 0;
    if (!d) {
        fprintf(stderr, "  no document for \"%s\"\n", text);
        return 0;
    }
    const sr_times *ts = d->times;
    if (ts->n != 1) {
        fprintf(stderr, "  \"%s\": %zu expressions\n", text, ts->n);
        for (size_t i = 0; i < ts->n; i++)
            fprintf(stderr, "    %.*s %s\n", (int)(ts->v[i].end - ts->v[i].start),
                    d->text + ts->v[i].start, ts->v[i].value);
    } else {
        const sr_timex *x = &ts->v[0];
        size_t n = x->end - x->start;
        ok = n == strlen(span) && memcmp(d->text + x->start, span, n) == 0 &&
             strcmp(sr_timex_type_name(x->type), type) == 0 && strcmp(x->value, value) == 0;
        if (!ok)
            fprintf(stderr, "  \"%s\": got \"%.*s\" %s %s, expected \"%s\" %s %s\n", text,
                    (int)n, d->text + x->start, sr_timex_type_name(x->type), x->value, span,
                    type, value);
    }
    sr_doc_free(d);
    return ok;
}

#define REF "2017-06-19"   /* a Monday */

TEST(times_absolute_dates) {
    sr_time_words *w = words();
    CHECK(w);
    int ok = one(w, "It happened on 18 June 2017.", REF, "18 June 2017", "DATE", "2017-06-18") &&
             one(w, "It happened on June 18, 2017.", REF, "June 18, 2017", "DATE", "2017-06-18") &&
             one(w, "It happened on June 18.", REF, "June 18", "DATE", "2017-06-18") &&
             one(w, "Troops arrived on 3 JAN 90 in the city.", REF, "3 JAN 90", "DATE", "1990-01-03") &&
             one(w, "Filed 2017-06-18 by the desk.", REF, "2017-06-18", "DATE", "2017-06-18") &&
             one(w, "Filed 18/06/2017 by the desk.", REF, "18/06/2017", "DATE", "2017-06-18") &&
             /* day first, unless the second field cannot be a month */
             one(w, "Filed 05/06/2017 by the desk.", REF, "05/06/2017", "DATE", "2017-06-05") &&
             one(w, "Filed 06/18/2017 by the desk.", REF, "06/18/2017", "DATE", "2017-06-18") &&
             one(w, "The war ended in 1991.", REF, "1991", "DATE", "1991") &&
             one(w, "In March 2015, five people died.", REF, "March 2015", "DATE", "2015-03") &&
             one(w, "Violence grew in the 1990s.", REF, "the 1990s", "DATE", "199");
    sr_time_words_free(w);
    CHECK(ok);
}

TEST(times_relative_dates) {
    sr_time_words *w = words();
    CHECK(w);
    int ok = one(w, "Gunmen attacked the hotel on Sunday.", REF, "Sunday", "DATE", "2017-06-18") &&
             one(w, "The talks will resume on Friday.", REF, "Friday", "DATE", "2017-06-23") &&
             one(w, "He was arrested yesterday.", REF, "yesterday", "DATE", "2017-06-18") &&
             one(w, "They met last week.", REF, "last week", "DATE", "2017-W24") &&
             one(w, "The bomb exploded two days ago.", REF, "two days ago", "DATE", "2017-06-17") &&
             one(w, "It was extended earlier this month.", REF, "earlier this month", "DATE", "2017-06") &&
             one(w, "The extension was in April.", REF, "April", "DATE", "2017-04") &&
             one(w, "Elections will be held in March.", REF, "March", "DATE", "2018-03") &&
             one(w, "Elections were held in March.", REF, "March", "DATE", "2017-03") &&
             one(w, "Talks resume next year.", REF, "next year", "DATE", "2018") &&
             one(w, "It rained last summer.", REF, "last summer", "DATE", "2016-SU") &&
             one(w, "Profit fell in the third quarter.", REF, "the third quarter", "DATE", "2016-Q3") &&
             one(w, "Profit fell in the first quarter.", REF, "the first quarter", "DATE", "2017-Q1");
    sr_time_words_free(w);
    CHECK(ok);
}

TEST(times_times_of_day) {
    sr_time_words *w = words();
    CHECK(w);
    int ok = one(w, "Shots were heard this morning.", REF, "this morning", "TIME", "2017-06-19TMO") &&
             one(w, "The blast came at 10:30 a.m. near the market.", REF, "10:30 a.m.", "TIME",
                 "2017-06-19T10:30") &&
             one(w, "The blast came at 9 p.m. Saturday.", REF, "9 p.m. Saturday", "TIME",
                 "2017-06-17T21:00") &&
             one(w, "They struck on Friday night.", REF, "Friday night", "TIME", "2017-06-16TNI") &&
             one(w, "A drone hit the building overnight, the governor said.", REF, "overnight",
                 "TIME", "2017-06-19TNI") &&
             one(w, "Gunmen attacked the town Sunday overnight.", REF, "Sunday overnight", "TIME",
                 "2017-06-18TNI");
    sr_time_words_free(w);
    CHECK(ok);
}

TEST(times_durations_sets_references) {
    sr_time_words *w = words();
    CHECK(w);
    int ok = one(w, "The state of emergency was given another six months.", REF, "six months",
                 "DURATION", "P6M") &&
             one(w, "Prices rose over the past two months.", REF, "the past two months", "DURATION", "P2M") &&
             one(w, "He signed a two-year contract.", REF, "two-year", "DURATION", "P2Y") &&
             one(w, "Patrols go out every Friday.", REF, "every Friday", "SET", "XXXX-WXX-5") &&
             one(w, "Patrols go out daily.", REF, "daily", "SET", "P1D") &&
             one(w, "The situation is now calm.", REF, "now", "DATE", "PRESENT_REF") &&
             one(w, "Troops are currently deployed.", REF, "currently", "DATE", "PRESENT_REF");
    sr_time_words_free(w);
    CHECK(ok);
}

TEST(times_without_reference_date) {
    sr_time_words *w = words();
    CHECK(w);
    int ok = one(w, "Gunmen attacked the hotel on Sunday.", NULL, "Sunday", "DATE", "XXXX-WXX-7") &&
             one(w, "The extension was in April.", NULL, "April", "DATE", "XXXX-04") &&
             one(w, "In March 2015, five people died.", NULL, "March 2015", "DATE", "2015-03");
    sr_time_words_free(w);
    CHECK(ok);
}

TEST(times_not_times) {
    sr_time_words *w = words();
    CHECK(w);
    const char *texts[] = {"They may attack again.", "Protesters march on the capital.",
                           "The army sent 2000 soldiers.", "Prices fall sharply.",
                           "A spring of water.", NULL};
    for (const char **t = texts; *t; t++) {
        sr_doc *d = run(w, *t, REF);
        CHECK(d);
        size_t n = d->times->n;
        sr_doc_free(d);
        if (n) fprintf(stderr, "  \"%s\": %zu expressions\n", *t, n);
        CHECK_INT(n, 0);
    }
    sr_time_words_free(w);
}

TEST(times_muc4_dateline_sets_reference) {
    sr_time_words *w = words();
    CHECK(w);
    const char *text = "SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] Guerrillas attacked a "
                       "power station yesterday.";
    sr_doc *d = run(w, text, NULL);
    CHECK(d);
    int ok = d->ref_date && strcmp(d->ref_date, "1990-01-03") == 0;
    const char *yval = NULL;
    for (size_t i = 0; i < d->times->n; i++)
        if (memcmp(d->text + d->times->v[i].start, "yesterday", 9) == 0) yval = d->times->v[i].value;
    if (!ok) fprintf(stderr, "  ref_date %s\n", d->ref_date ? d->ref_date : "(null)");
    int ok2 = yval && strcmp(yval, "1990-01-02") == 0;
    sr_doc_free(d);
    sr_time_words_free(w);
    CHECK(ok);
    CHECK(ok2);
}

/* A wire dateline after a headline dates the report (the reference date),
 * never the incident: "on Tuesday" does. */
TEST(times_news_dateline_dates_the_report) {
    sr_time_words *w = words();
    CHECK(w);
    const char *text = "Peacekeepers Killed in Ambush\n\nKIDAL, Mali, March 11, 2026 \xE2\x80\x94 "
                       "Gunmen ambushed a convoy near Kidal on Tuesday, killing three.";
    sr_doc *d = run(w, text, NULL);
    CHECK(d);
    int ref_ok = d->ref_date && strcmp(d->ref_date, "2026-03-11") == 0;
    const char *amb = strstr(d->text, "ambushed");
    uint32_t tok = 0;
    for (size_t i = 0; i < d->toks.n; i++)
        if (d->text + d->toks.v[i].start == amb) tok = (uint32_t)i;
    sr_inc_date date;
    sr_times_pick_date(d, tok, 1, &date);
    int date_ok = date.value && strcmp(date.value, "2026-03-10") == 0 &&
                  date.end - date.start == 7 && memcmp(d->text + date.start, "Tuesday", 7) == 0;
    if (!ref_ok || !date_ok)
        fprintf(stderr, "  ref_date %s, incident date %s\n", d->ref_date ? d->ref_date : "(null)",
                date.value ? date.value : "(null)");
    sr_doc_free(d);
    sr_time_words_free(w);
    CHECK(ref_ok);
    CHECK(date_ok);
}

/* Every span's text is the document's bytes, also with multi-byte text. */
TEST(times_spans_are_bytes) {
    sr_time_words *w = words();
    CHECK(w);
    const char *text = "Mali’s army said on Sunday’s night… “Last week”, 18 June 2017 — étés 1990s.";
    sr_doc *d = run(w, text, REF);
    CHECK(d);
    int ok = d->times->n >= 3;
    for (size_t i = 0; i < d->times->n; i++) {
        const sr_timex *x = &d->times->v[i];
        if (!(x->start < x->end && x->end <= d->len)) ok = 0;
        const sr_token *a = &d->toks.v[x->tok_first], *b = &d->toks.v[x->tok_end - 1];
        if (a->start != x->start || b->end != x->end) ok = 0;
    }
    sr_doc_free(d);
    sr_time_words_free(w);
    CHECK(ok);
}

/* ---- the date of an incident: the seed's done-when cases ------------- */

static const char SEED[] =
    "Gunmen Attack Resort in Mali\xe2\x80\x99s Bamako\n\n"
    "The gunmen shouted \xe2\x80\x9c" "Allahu akbar\xe2\x80\x9d as they opened fire on tables of "
    "people who were gathered for breakfast at the Radisson Blu Hotel in Bamako, a witness "
    "said.\n\n"
    "Sunday\xe2\x80\x99s violence came about a week after the US State Department warned of "
    "\xe2\x80\x9cpossible future attacks\xe2\x80\x9d. In March 2015, five people died when "
    "militants hit a popular restaurant in the capital. The most recent extension was in "
    "April, when the state of emergency was given another six months.\n\n"
    "In March 2016, at least 14 civilians and two special forces troops were killed when "
    "gunmen stormed the Ivorian beach resort of Grand-Bassam.\n\n"
    "The army said on Monday that it would strike next week.\n";

static uint32_t token_of(const sr_doc *d, const char *norm, int nth) {
    for (size_t i = 0; i < d->toks.n; i++)
        if (strcmp(d->toks.v[i].norm, norm) == 0 && nth-- == 0) return (uint32_t)i;
    return UINT32_MAX;
}

TEST(times_pick_incident_dates_seed) {
    sr_time_words *w = words();
    CHECK(w);
    sr_doc *d = run(w, SEED, REF);
    CHECK(d);
    sr_inc_date main_d, b1, b2, ext, report, none;
    uint32_t t_fire = token_of(d, "fire", 0), t_died = token_of(d, "died", 0),
             t_killed = token_of(d, "killed", 0), t_ext = token_of(d, "extension", 0),
             t_strike = token_of(d, "strike", 0);
    int found = t_fire != UINT32_MAX && t_died != UINT32_MAX && t_killed != UINT32_MAX &&
                t_ext != UINT32_MAX && t_strike != UINT32_MAX;
    if (found) {
        sr_times_pick_date(d, t_fire, 1, &main_d);
        sr_times_pick_date(d, t_died, 0, &b1);
        sr_times_pick_date(d, t_killed, 0, &b2);
        sr_times_pick_date(d, t_ext, 0, &ext);
        sr_times_pick_date(d, t_strike, 0, &report);   /* only the report's Monday and a plan */
        sr_times_pick_date(d, t_fire, 0, &none);       /* not main: no date in its sentence */
    }
    int ok = found && main_d.value && strcmp(main_d.value, "2017-06-18") == 0 &&
             main_d.precision == SR_PREC_DAY &&
             memcmp(d->text + main_d.start, "Sunday", 6) == 0 && main_d.end - main_d.start == 6 &&
             b1.value && strcmp(b1.value, "2015-03") == 0 && b1.precision == SR_PREC_MONTH &&
             b2.value && strcmp(b2.value, "2016-03") == 0 && b2.precision == SR_PREC_MONTH &&
             ext.value && strcmp(ext.value, "2017-04") == 0 && ext.precision == SR_PREC_MONTH &&
             !report.value && report.precision == SR_PREC_UNKNOWN &&
             !none.value && none.precision == SR_PREC_UNKNOWN;
    if (found && !ok)
        fprintf(stderr, "  main %s, 2015 %s, 2016 %s, april %s, report %s, none %s\n",
                main_d.value ? main_d.value : "null", b1.value ? b1.value : "null",
                b2.value ? b2.value : "null", ext.value ? ext.value : "null",
                report.value ? report.value : "null", none.value ? none.value : "null");
    sr_doc_free(d);
    sr_time_words_free(w);
    CHECK(found);
    CHECK(ok);
}

TEST(times_calendar_year_precision) {
    sr_time_words *w = words();
    CHECK(w);
    sr_doc *d = run(w, "Rebels seized the town in the summer of 2012.", REF);
    CHECK(d);
    sr_inc_date x;
    sr_times_pick_date(d, token_of(d, "seized", 0), 0, &x);
    int ok = x.value && strcmp(x.value, "2012") == 0 && x.precision == SR_PREC_YEAR;
    sr_doc_free(d);
    sr_time_words_free(w);
    CHECK(ok);
}

/* MUC-4 style texts: all capitals, or lower-cased corpora, and military time. */
TEST(times_muc4_case_and_military_time) {
    sr_time_words *w = words();
    CHECK(w);
    int ok = one(w, "THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER IN SAN LUIS.", "1990-01-03",
                 "30 DECEMBER", "DATE", "1989-12-30") &&
             one(w, "THE ATTACK CAME YESTERDAY AFTERNOON NEAR LA ESPERANZA FARM.", "1990-01-03",
                 "YESTERDAY AFTERNOON", "TIME", "1990-01-02TAF") &&
             one(w, "the watchmen reported that at 2030 they saw a man and a woman leaving a small "
                    "suitcase near the fence that surrounds the liqueur plant in medellin.",
                 "1990-01-05", "2030", "TIME", "1990-01-05T20:30") &&
             one(w, "the guerrillas attacked the garrison in march and the army answered with "
                    "bombings of the villages around the town of san miguel in the east.",
                 "1990-01-05", "march", "DATE", "1989-03") &&
             /* with capitals elsewhere, a lower-case "may" is the verb */
             one(w, "The rebels may attack in June.", "1990-01-05", "June", "DATE", "1990-06");
    sr_time_words_free(w);
    CHECK(ok);
}

/* The time of a report is not the time of the incident. */
TEST(times_pick_skips_report_times) {
    sr_time_words *w = words();
    CHECK(w);
    sr_doc *d = run(w, "Gunmen killed five people, the army told AFP on Monday.\n\n"
                       "Rebels attacked a convoy on Saturday, officials said on Monday.\n\n"
                       "Militants stormed a bank, police said late Sunday.", REF);
    CHECK(d);
    sr_inc_date a, b, c;
    sr_times_pick_date(d, token_of(d, "killed", 0), 0, &a);
    sr_times_pick_date(d, token_of(d, "attacked", 0), 0, &b);
    sr_times_pick_date(d, token_of(d, "stormed", 0), 0, &c);
    int ok = !a.value && b.value && strcmp(b.value, "2017-06-17") == 0 && !c.value;
    if (!ok)
        fprintf(stderr, "  %s %s %s\n", a.value ? a.value : "null", b.value ? b.value : "null",
                c.value ? c.value : "null");
    sr_doc_free(d);
    sr_time_words_free(w);
    CHECK(ok);
}

TEST(times_ages_and_fractions_are_not_times) {
    sr_time_words *w = words();
    CHECK(w);
    const char *texts[] = {"The victim, 52 years old, died.", "He won a quarter of the votes.",
                           "It was a second attack on the town.", NULL};
    for (const char **t = texts; *t; t++) {
        sr_doc *d = run(w, *t, REF);
        CHECK(d);
        size_t n = d->times->n;
        sr_doc_free(d);
        if (n) fprintf(stderr, "  \"%s\": %zu expressions\n", *t, n);
        CHECK_INT(n, 0);
    }
    sr_time_words_free(w);
}

/* The table parser: errors name the table and the line; values are bounded. */
TEST(times_table_errors) {
    const char *tables[TW_NCLASS] = {0};
    size_t lens[TW_NCLASS] = {0};
    sr_time_words *w = NULL;
    sr_error err = {0};
    const char *bad = "# months\njanuary\t1\nfebruary\n";
    tables[TW_MONTH] = bad;
    lens[TW_MONTH] = strlen(bad);
    CHECK(tw_load_mem(tables, lens, &w, &err) == SR_ERR_DATA);
    CHECK(w == NULL);
    CHECK(strstr(err.message, "months.tsv:3") != NULL);
    const char *longv = "summer\tSUUUUUUUUUUUUUUUUUUUUUUUUUUUUU\n";
    tables[TW_MONTH] = NULL;
    tables[TW_SEASON] = longv;
    lens[TW_SEASON] = strlen(longv);
    CHECK(tw_load_mem(tables, lens, &w, &err) == SR_ERR_DATA);
    CHECK(strstr(err.message, "seasons.tsv:1") != NULL);
    const char *good = "summer\tSU\r\nwinter\tWI";   /* CRLF, no final newline */
    tables[TW_SEASON] = good;
    lens[TW_SEASON] = strlen(good);
    CHECK(tw_load_mem(tables, lens, &w, &err) == SR_OK);
    CHECK_INT(sr_time_words_count(w), 2);
    const tw_entry *e = tw_get(w, TW_SEASON, "winter", 6);
    int ok = e && strcmp(e->sval, "WI") == 0 && tw_get(w, TW_MONTH, "winter", 6) == NULL;
    sr_time_words_free(w);
    CHECK(ok);
}

/* The TimeML reader behind `sitrep eval times`. */
TEST(times_timeml_reader) {
    const char *doc =
        "<?xml version=\"1.0\" ?>\n<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
        "value=\"2017-06-19\" functionInDocument=\"CREATION_TIME\">2017-06-19</TIMEX3></DCT>\n"
        "<TEXT>Gunmen <EVENT eid=\"e1\">attacked</EVENT> it <TIMEX3 tid=\"t1\" type=\"DATE\" "
        "value=\"2017-06-18\">Sunday</TIMEX3> for <TIMEX3 tid=\"t2\" type=\"DURATION\" "
        "value=\"P6M\">six months</TIMEX3> &amp; more.</TEXT></TimeML>\n";
    sr_timeml t;
    sr_error err;
    CHECK(sr_timeml_parse("t.tml", doc, strlen(doc), &t, &err) == SR_OK);
    int ok = strcmp(t.dct, "2017-06-19") == 0 && t.n == 2 &&
             strcmp(t.text, "Gunmen attacked it Sunday for six months & more.") == 0 &&
             t.v[0].end - t.v[0].start == 6 && memcmp(t.text + t.v[0].start, "Sunday", 6) == 0 &&
             strcmp(t.v[1].type, "DURATION") == 0 && strcmp(t.v[1].value, "P6M") == 0;
    sr_timeml_free(&t);
    CHECK(ok);
    CHECK(sr_timeml_parse("bad.tml", "<TimeML><TEXT>x</TEX>", 21, &t, &err) == SR_ERR_PARSE);
    CHECK(strncmp(err.message, "bad.tml", 7) == 0);
    CHECK(sr_timeml_parse("none.tml", "<TimeML/>", 9, &t, &err) == SR_ERR_PARSE);
}

TEST(timeml_list_sorted_tml_only) {
    char dir[256];
    snprintf(dir, sizeof dir, "/tmp/sr_test_tml_%ld", (long)getpid());
    CHECK(mkdir(dir, 0700) == 0);
    const char *names[] = {"b.tml", "a.tml", "notes.txt", "c.tml.bak", ".tml"};
    char p[512];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        FILE *f = fopen(p, "w");
        CHECK(f != NULL);
        fclose(f);
    }
    char **v;
    size_t n;
    sr_error err;
    CHECK_INT(sr_timeml_list(dir, &v, &n, &err), SR_OK);
    CHECK_INT(n, 2);
    snprintf(p, sizeof p, "%s/a.tml", dir);
    CHECK_STR(v[0], p);
    snprintf(p, sizeof p, "%s/b.tml", dir);
    CHECK_STR(v[1], p);
    sr_timeml_list_free(v, n);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        remove(p);
    }
    rmdir(dir);
    CHECK_INT(sr_timeml_list("/nonexistent/sitrep", &v, &n, &err), SR_ERR_IO);
    CHECK_STR(err.message, "/nonexistent/sitrep: cannot open");
    CHECK(v == NULL);
    CHECK_INT(n, 0);
}
