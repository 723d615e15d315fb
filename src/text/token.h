/*
 * token.h -- the tokenizer: text -> tokens with byte offsets and folded forms.
 *
 * Every later stage works on tokens, never on raw bytes, and every token
 * knows the bytes it came from, so any value built from tokens has an exact
 * span.  A token also carries its folded form (see normalize.h) for
 * matching, so "MALI", "Mali" and "mali" match the same lexicon entry while
 * the output quotes the original bytes.
 *
 * Tokens are: words (letters, digits, with inner hyphens, apostrophes and
 * periods of abbreviations kept: "Grand-Bassam", "al-Qaeda", "U.S."),
 * numbers ("1,500", "2.5", "18/06/2017", "2017-06-18", "10:30"), and single
 * punctuation marks.  A possessive "'s" (straight or curly) is its own token.
 */
#ifndef SR_TOKEN_H
#define SR_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"

typedef enum sr_tok_kind {
    SR_TOK_WORD = 1,   /* contains a letter */
    SR_TOK_NUM,        /* digits, possibly with , . / - : inside */
    SR_TOK_PUNCT,      /* one punctuation or symbol character */
} sr_tok_kind;

/* Shape and context flags. */
enum {
    SR_TF_UPPER     = 1u << 0,  /* all letters upper case ("AQIM", "U.S.") */
    SR_TF_CAP       = 1u << 1,  /* first letter upper, some lower ("Bamako") */
    SR_TF_LOWER     = 1u << 2,  /* all letters lower case */
    SR_TF_DIGIT     = 1u << 3,  /* contains a digit */
    SR_TF_SPACE_BEFORE = 1u << 4, /* white space precedes it */
    SR_TF_NL_BEFORE = 1u << 5,  /* a line break precedes it */
    SR_TF_PARA_BEFORE = 1u << 6, /* a blank line precedes it (or start of text) */
    SR_TF_HYPHEN    = 1u << 7,  /* contains an inner hyphen */
    SR_TF_PERIOD    = 1u << 8,  /* ends with a kept period ("Mr.", "U.S.") */
    SR_TF_QUOTE_OPEN  = 1u << 9,  /* punctuation: an opening quotation mark */
    SR_TF_QUOTE_CLOSE = 1u << 10, /* punctuation: a closing quotation mark */
};

typedef struct sr_token {
    uint32_t start, end;  /* bytes [start, end) of the text */
    const char *norm;     /* folded form, NUL-terminated (arena) */
    uint32_t norm_len;
    uint32_t sent;        /* index of its sentence (set by the splitter) */
    uint16_t flags;
    uint8_t kind;         /* sr_tok_kind */
} sr_token;

typedef struct sr_tokens {
    sr_token *v;
    size_t n;
} sr_tokens;

/* Tokenize text[0..len) (valid UTF-8).  Memory comes from the arena.
 * Returns 0, or -1 when out of memory. */
int sr_tokenize(sr_arena *a, const char *text, size_t len, sr_tokens *out);

#endif
