/*
 * features.h -- the features of the role tagger, computed per token.
 *
 * A feature is a 64-bit hash of a string such as "w-1=by" or
 * "trigL=kidnapped"; the tagger (tagger.h) maps hashes to weight buckets,
 * so nothing here allocates strings or looks anything up in a dictionary.
 *
 * The features only use folded forms (token `norm`), never letter case:
 * the training data (MUC-4) is all lower case, and the same model must work
 * on mixed-case news.  Per token:
 *
 *   word, prefix/suffix (2-3 letters), word shape (letters x, digits d),
 *   words at -3..+3 and the bigrams around the token,
 *   lexicon matches (data/lexicons) covering the token and its neighbours,
 *   by kind and position (B/I),
 *   distance to the nearest lexicon trigger in the sentence on each side
 *   and that trigger's word,
 *   sentence relevance (does the sentence contain a trigger) alone and
 *   with the word, sentence index and position in the document.
 *
 * SR_FEAT_VERSION is written into model files: change it whenever a
 * feature changes, so that an old model is rejected instead of silently
 * misread.
 */
#ifndef SR_FEATURES_H
#define SR_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../text/matcher.h"
#include "../text/sentence.h"
#include "../text/token.h"

#define SR_FEAT_VERSION 4u

/* The features of a token sequence: token i has h[off[i] .. off[i+1]). */
typedef struct sr_feats {
    uint64_t *h;
    uint32_t *off;   /* n + 1 entries */
    size_t n;
} sr_feats;

typedef struct sr_feat_input {
    const sr_tokens *toks;
    const sr_sentences *sents;  /* may have n == 0: one sentence */
    const sr_matches *lex;      /* may be NULL */
    const sr_matcher *matcher;  /* names of lexicon kinds; may be NULL */
} sr_feat_input;

/* Compute the features of every token; memory from the arena.
 * Returns 0, or -1 when out of memory. */
int sr_features(sr_arena *a, const sr_feat_input *in, sr_feats *out);

/* The same in pieces, so that a long document need not hold the features
 * of all its tokens at once: sr_feat_prepare() computes what features
 * need from the whole document (lexicon kinds, triggers, word counts;
 * about 50 bytes a token, arena memory), then sr_feat_range() writes the
 * features of tokens [first, end) to h (room for (end - first) *
 * SR_FEAT_MAX hashes) with off[0..end-first] indexing h. */
#define SR_FEAT_MAX 48u

typedef struct sr_feat_ctx {
    sr_feat_input in;
    const struct sr_feat_lex *li;
    const uint32_t *sent_rel, *freq, *left, *right;
    const uint64_t *wh;          /* hash of each token's folded word */
    size_t nsent;
} sr_feat_ctx;

int sr_feat_prepare(sr_arena *a, const sr_feat_input *in, sr_feat_ctx *c);
void sr_feat_range(const sr_feat_ctx *c, size_t first, size_t end, uint64_t *h,
                   uint32_t *off);

/* Document features for the relevance classifier, as a sequence of one
 * item: every distinct word and word bigram of the document, the words of
 * its first sentence, the lexicon trigger count.  Returns 0, or -1 when
 * out of memory. */
int sr_doc_features(sr_arena *a, const sr_feat_input *in, sr_feats *out);

/* FNV-1a 64 over bytes, continuing from h (start with SR_FNV_SEED). */
#define SR_FNV_SEED 0xcbf29ce484222325ull
uint64_t sr_fnv64(uint64_t h, const void *p, size_t n);

#endif
