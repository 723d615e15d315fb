/*
 * number.h -- quantities: digits, number words, and vague or bounded
 * amounts, each with the minimum and maximum it allows.
 *
 *   "two" 2..2   "twenty-one" 21..21   "1,500" 1500..1500
 *   "2.5 million" 2500000..2500000     "a dozen" 12..12
 *   "about 20" 20..20 (approximate)    "at least 14" 14..null
 *   "more than 100" 101..null          "between three and four" 3..4
 *   "up to 30" 0..30 ... see docs/quantities.md for the whole rule, including
 *   the conservative reading of vague amounts ("dozens" 24..null,
 *   "hundreds" 200..null, "several" 3..null, "a few" 2..null).
 */
#ifndef SR_NUMBER_H
#define SR_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "token.h"

#define SR_NUM_UNBOUNDED (-1)   /* max when there is no upper bound */

enum {
    SR_NF_APPROX = 1u << 0,  /* "about", "nearly", "some", "around" */
    SR_NF_VAGUE  = 1u << 1,  /* "dozens", "several", "many" */
    SR_NF_LOWER  = 1u << 2,  /* a lower bound: "at least", "more than" */
    SR_NF_UPPER  = 1u << 3,  /* an upper bound: "up to", "at most" */
    SR_NF_RANGE  = 1u << 4,  /* "between X and Y", "X to Y", "X-Y" */
    SR_NF_ORDINAL = 1u << 5, /* "third" (not a count) */
    SR_NF_YEAR   = 1u << 6,  /* looks like a year ("1990", "2015") */
};

typedef struct sr_number {
    uint32_t start, end;           /* bytes */
    uint32_t tok_first, tok_end;   /* tokens [tok_first, tok_end) */
    int64_t min, max;              /* max may be SR_NUM_UNBOUNDED */
    uint32_t flags;
} sr_number;

typedef struct sr_numbers {
    sr_number *v;
    size_t n;
} sr_numbers;

/* Find every quantity in the tokens (non-overlapping, longest first). */
int sr_find_numbers(sr_arena *a, const char *text, const sr_tokens *toks,
                    sr_numbers *out);

/* Parse a single number written as digits or words in s[0..n) (folded,
 * e.g. "twenty-one", "1,500", "2.5 million"); returns 0 and sets *v, or -1.
 * For tests and for the other recognisers. */
int sr_parse_number(const char *s, size_t n, int64_t *v);

#endif
