/*
 * time_words.h -- the word tables of data/times, as the time rules see
 * them (internal to the times module; times.h is the public side).
 *
 * Each table file is one class of word (months.tsv, units.tsv...); a line
 * is "word<TAB>value[<TAB>flag]".  Lookups take a token's folded form, with
 * a final period dropped ("Sept." -> "sept").
 */
#ifndef SR_TIME_WORDS_H
#define SR_TIME_WORDS_H

#include <stddef.h>

#include "times.h"

typedef enum tw_class {
    TW_MONTH = 0, TW_WEEKDAY, TW_SEASON, TW_PART_OF_DAY, TW_CLOCK, TW_UNIT,
    TW_DAY_REL, TW_REF, TW_SET, TW_MOD, TW_POS, TW_ORDINAL, TW_TENSE,
    TW_VAGUE, TW_YEAR_CUE, TW_ZONE,
    TW_NCLASS
} tw_class;

/* The longest value, flag or fourth column a table may hold. */
#define TW_MAX_VALUE 15

enum {
    TWF_WEAK = 1u << 0,    /* also a common word: needs context */
    TWF_PLURAL = 1u << 1,  /* plural form */
    TWF_SPAN = 1u << 2,    /* modifier that makes a duration before a number */
};

typedef struct tw_entry {
    const char *word;
    const char *sval;      /* the value column as text */
    long ival;             /* the value column as a number (0 if not one) */
    const char *extra;     /* a fourth column, or NULL */
    unsigned flags;
    tw_class cls;
} tw_entry;

/* Every class a word is in: one lookup per token, then array accesses. */
typedef struct tw_word {
    const char *word;
    const tw_entry *e[TW_NCLASS];   /* NULL where the word is not of the class */
} tw_word;

/* The entry of class cls for a folded token (trailing period ignored), or NULL. */
const tw_entry *tw_get(const sr_time_words *w, tw_class cls, const char *norm, size_t n);

/* Tables from memory instead of data/times (tests and the fuzz harness):
 * data[c] is the text of class c's table, or NULL for an empty one. */
sr_status tw_load_mem(const char *const data[TW_NCLASS], const size_t len[TW_NCLASS],
                      sr_time_words **out, sr_error *err);

/* The classes of a folded token (trailing period ignored), or NULL when
 * the word is in no table and starts no rule. */
const tw_word *tw_find(const sr_time_words *w, const char *norm, size_t n);

#endif
