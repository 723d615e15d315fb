/*
 * matcher.h -- the phrase matcher: many lexicon phrases found at once in a
 * token sequence.
 *
 * Lexicons are TSV files under data/lexicons/ with the columns
 *
 *     phrase <TAB> kind <TAB> canonical <TAB> attributes
 *
 * (canonical and attributes may be empty; attributes are key=value pairs
 * separated by ';'; '#' starts a comment line).  At load every phrase is
 * tokenized and folded exactly like document text (token.h, normalize.h),
 * so "Al-Qaeda", "AL-QAEDA" and "al-qaeda" are one entry, and a phrase
 * matches whatever case or accents the article uses.
 *
 * All phrases of all lexicons go into one trie over interned folded words,
 * so scanning a document is one pass: at each token, follow the trie as far
 * as the tokens allow; every node passed that ends a phrase is a match.
 * The trie's edges live in one open-addressing hash table keyed by
 * (node, word id), which keeps it compact and the scan branch-light.
 */
#ifndef SR_MATCHER_H
#define SR_MATCHER_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../core/arena.h"
#include "token.h"

typedef struct sr_lex_entry {
    const char *phrase;     /* as written in the file */
    const char *kind;       /* e.g. "org", "weapon", "trigger" (docs/lexicons.md) */
    const char *canon;      /* canonical form; the phrase when empty */
    const char *attrs;      /* "key=value;key=value" or "" */
    uint32_t ntok;          /* number of tokens of the phrase */
    uint32_t kind_id;       /* small integer for `kind` */
    const char *file;       /* lexicon file it came from, NULL when added by code */
    uint32_t line;          /* its line in that file (1-based), 0 when added by code */
} sr_lex_entry;

typedef struct sr_match {
    uint32_t tok_first, tok_end;  /* tokens [tok_first, tok_end) */
    uint32_t entry;               /* index for sr_matcher_entry() */
} sr_match;

typedef struct sr_matches {
    sr_match *v;
    size_t n;
} sr_matches;

typedef struct sr_matcher sr_matcher;

sr_status sr_matcher_new(sr_matcher **out);
void sr_matcher_free(sr_matcher *m);

/* Add one phrase.  canon and attrs may be NULL. */
sr_status sr_matcher_add(sr_matcher *m, const char *phrase, const char *kind,
                         const char *canon, const char *attrs);

/* Add every line of a TSV lexicon file; errors name the file and line. */
sr_status sr_matcher_load_tsv(sr_matcher *m, const char *path, sr_error *err);

/* The same for a lexicon already in memory (data[0..len), need not be
 * NUL-terminated); `name` is used in error messages.  The fuzz target. */
sr_status sr_matcher_load_tsv_mem(sr_matcher *m, const char *name, const char *data,
                                  size_t len, sr_error *err);

/* Load every *.tsv file of a directory, in name order. */
sr_status sr_matcher_load_dir(sr_matcher *m, const char *dir, sr_error *err);

size_t sr_matcher_count(const sr_matcher *m);
const sr_lex_entry *sr_matcher_entry(const sr_matcher *m, uint32_t i);

/* The id of a kind name, or -1 when no entry has that kind. */
int sr_matcher_kind(const sr_matcher *m, const char *kind);

/* Value of attribute `key` of an entry copied into out (NUL-terminated);
 * returns 1 when present, 0 when not. */
int sr_lex_attr(const sr_lex_entry *e, const char *key, char *out, size_t cap);

/* Every match in toks, ordered by tok_first then longest first.  Memory
 * from the arena.  Returns 0, or -1 when out of memory.  The tokens' norm
 * strings must be NUL-terminated, as sr_tokenize() makes them (the scan
 * reads the terminator). */
int sr_matcher_scan(const sr_matcher *m, sr_arena *a, const sr_tokens *toks,
                    sr_matches *out);

#endif
