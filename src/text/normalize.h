/*
 * normalize.h -- folding text for matching.
 *
 * Matching must not care about case, accents, Unicode composition or which
 * kind of quote or dash a writer typed; output must quote the original
 * bytes.  So the original text is never changed: each token gets a folded
 * copy, and spans stay on the original.
 *
 * Folding = NFC composition, case folding, removal of combining marks
 * (accents), and typographic folding: curly quotes -> ' and ", the dashes
 * (en, em, minus, non-breaking hyphen...) -> '-', non-breaking and other
 * spaces -> ' ', ligatures decomposed (utf8proc's compatibility mapping).
 */
#ifndef SR_NORMALIZE_H
#define SR_NORMALIZE_H

#include <stddef.h>

#include "../core/buf.h"

/* Append the folded form of s[0..n) (valid UTF-8) to out. */
void sr_fold(const char *s, size_t n, sr_buf *out);

/* Is s[0..n) plain lower-case ASCII with nothing to fold?  (The fast path.) */
int sr_fold_is_trivial(const char *s, size_t n);

#endif
