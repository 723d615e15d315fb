/*
 * utf8.h -- decoding, validation and repair of UTF-8.
 *
 * Spans in sitrep are byte offsets into the text "as read", and the text as
 * read is always valid UTF-8: sr_utf8_repair() replaces every invalid
 * sequence (and NUL) with U+FFFD before anything else sees the text.
 */
#ifndef SR_UTF8_H
#define SR_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Decode the code point at s[0..n): returns its length in bytes (1..4) and
 * stores it in *cp, or returns 0 for an invalid or truncated sequence
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
int sr_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* Encode cp into out (4 bytes room); returns the length. */
int sr_utf8_encode(int32_t cp, char *out);

/* Length of the longest valid prefix of s. */
size_t sr_utf8_valid_prefix(const char *s, size_t n);

/* Copy s into out replacing each maximal invalid subsequence and each NUL
 * byte with U+FFFD.  Returns the number of replacements. */
size_t sr_utf8_repair(const char *s, size_t n, sr_buf *out);

/* Decode the code point that ends just before s[i] (i > 0): returns its
 * start offset.  s must be valid UTF-8. */
size_t sr_utf8_prev(const char *s, size_t i);

#endif
