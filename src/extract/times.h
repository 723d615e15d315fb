/*
 * times.h -- temporal expressions: recognition, normalisation to TimeML
 * TIMEX3 values, and the date of an incident.
 *
 * Recognition is a set of hand-written rules over tokens (times_rules.c):
 * absolute dates ("18 June 2017", "June 18", "3 JAN 90", "2017-06-18",
 * "18/06/2017"), relative ones ("Sunday", "yesterday", "last week", "two
 * days ago", "earlier this month", "in March"), years, months, seasons,
 * quarters, decades, parts of day, clock times, durations ("six months"
 * -> P6M), sets ("every Friday" -> XXXX-WXX-5) and the references "now",
 * "recently", "the future" (PRESENT_REF, PAST_REF, FUTURE_REF).  The words
 * the rules look for (month names, weekdays, units, seasons, tense cues...)
 * are editable tables in data/times (one .tsv per class; time_words.c), loaded once into
 * the engine; numbers written as words come from text/number.h.
 *
 * Normalisation (time_calendar.c) resolves what the text leaves open
 * against the reference date, the document's publication date: "Sunday"
 * in a past-tense sentence is the last Sunday on or before it; "in March"
 * is the last March on or before it in the past tense, the next one in the
 * future tense.  docs/times.md gives every rule, including the day/month
 * order of "18/06/2017".
 *
 * The stage (times.c) also reads a MUC-4 dateline ("SAN SALVADOR, 3 JAN 90
 * (ACAN-EFE) --") as the document date when no reference date was given.
 */
#ifndef SR_TIMES_H
#define SR_TIMES_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../core/arena.h"
#include "../text/token.h"
#include "incident.h"

typedef enum sr_timex_type {
    SR_TIMEX_DATE = 0,
    SR_TIMEX_TIME,
    SR_TIMEX_DURATION,
    SR_TIMEX_SET
} sr_timex_type;

const char *sr_timex_type_name(sr_timex_type t);

typedef struct sr_timex {
    uint32_t start, end;          /* bytes of the expression */
    uint32_t tok_first, tok_end;  /* tokens [tok_first, tok_end) */
    sr_timex_type type;
    const char *value;            /* TIMEX3 value: "2017-06-18", "P6M", "XXXX-WXX-5", "PRESENT_REF" */
} sr_timex;

typedef struct sr_times {
    sr_timex *v;
    size_t n;
    /* The dateline's tokens [dateline_first, dateline_end), empty when the
     * text has none: its date is the report's, never an incident's. */
    uint32_t dateline_first, dateline_end;
} sr_times;

/* The word tables of data/times (opaque; time_words.c). */
typedef struct sr_time_words sr_time_words;

/* Load every table of dir (data/times).  A missing table is an error: the
 * rules need all of them. */
sr_status sr_time_words_load(const char *dir, sr_time_words **out, sr_error *err);
void sr_time_words_free(sr_time_words *w);
size_t sr_time_words_count(const sr_time_words *w);

/* Find and normalise the temporal expressions of a tokenized text.
 * ref_date is "YYYY-MM-DD" or NULL (then relative expressions get values
 * with X placeholders, e.g. "XXXX-03").  Memory comes from the arena.
 * Returns 0, or -1 when out of memory. */
int sr_times_tag(sr_arena *a, const sr_time_words *w, const char *text,
                 const sr_tokens *toks, const char *ref_date, sr_times *out);

/* If the text opens with a dateline -- MUC-4's "SAN SALVADOR, 3 JAN 90
 * (ACAN-EFE) --" or a wire's "KIDAL, Mali, March 11, 2026 --" -- the date
 * it gives as "YYYY-MM-DD" in buf (11 bytes) and the tokens of its date in
 * [*first, *end); returns 1 when found, else 0. */
int sr_times_dateline(const sr_time_words *w, const char *text, const sr_tokens *toks,
                      char buf[11], uint32_t *first, uint32_t *end);

/* The pipeline stage: sets doc->ref_date from a dateline when it is NULL
 * (and keeps the dateline's place so that incidents are not dated by it),
 * tags doc->times and registers the "times" mention section.  Needs the
 * tokens.  Returns 0, or -1 when out of memory. */
int sr_times_stage(const sr_time_words *w, sr_doc *doc);

/* The date of an event whose trigger is token `tok`: the time the event
 * happened, not the time of the report, of a quote or of a warning.
 * Candidates are the calendar dates (DATE or TIME with a year) in the
 * trigger's sentence that do not lie after the reference date and are not
 * the date of a reporting verb ("said on Monday"); the nearest wins.  For the
 * main incident (is_main) a sentence without one falls back to the first
 * recent day-precision date of the document ("Sunday's violence").  Fills out
 * with the value cut to day, month or year precision, or value NULL and
 * precision unknown. */
void sr_times_pick_date(const sr_doc *doc, uint32_t tok, int is_main, sr_inc_date *out);

#endif
