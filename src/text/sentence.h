/*
 * sentence.h -- the sentence splitter.
 *
 * Works on tokens, so that abbreviations ("Mr.", "U.S.", "Jan.", "No.") are
 * already known to the tokenizer.  Handles quotations (a sentence that ends
 * inside quotes ends after the closing mark), headlines and paragraphs
 * (a blank line always ends a sentence), datelines such as
 * "SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --" (part of the first sentence, not
 * one of their own), and text that is all capitals or all lower case, where
 * capitalisation says nothing about sentence starts.
 */
#ifndef SR_SENTENCE_H
#define SR_SENTENCE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "token.h"

typedef struct sr_sentence {
    uint32_t start, end;        /* bytes: first token start .. last token end */
    uint32_t tok_first, tok_n;  /* tokens [tok_first, tok_first + tok_n) */
} sr_sentence;

typedef struct sr_sentences {
    sr_sentence *v;
    size_t n;
} sr_sentences;

/* Split; also sets each token's `sent`.  Returns 0, or -1 when out of memory. */
int sr_split_sentences(sr_arena *a, const char *text, size_t len,
                       sr_tokens *toks, sr_sentences *out);

#endif
