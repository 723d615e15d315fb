/*
 * sniff.h -- what the first bytes of an input say about it.
 *
 * Before a reader parses anything it looks at the raw bytes: a byte order
 * mark (UTF-8, UTF-16LE, UTF-16BE), and whether the data is text at all.
 * UTF-16 text (as Windows tools like to save it) and pages in legacy
 * character sets are transcoded to UTF-8 so that every later stage sees
 * UTF-8 only; binary data (images, archives,
 * executables) is refused with one warning instead of being parsed into
 * nonsense.
 */
#ifndef SR_SNIFF_H
#define SR_SNIFF_H

#include <stddef.h>

#include "sitrep.h"
#include "../core/buf.h"

typedef enum sr_bom {
    SR_BOM_NONE = 0,
    SR_BOM_UTF8,      /* EF BB BF */
    SR_BOM_UTF16LE,   /* FF FE */
    SR_BOM_UTF16BE    /* FE FF */
} sr_bom;

/* The byte order mark at the start of s, and its length in *bom_len. */
sr_bom sr_sniff_bom(const char *s, size_t n, size_t *bom_len);

/* Transcode UTF-16 (without its BOM) to UTF-8, appending to out.  Unpaired
 * surrogates, a NUL code unit and an odd last byte each become U+FFFD.
 * Returns the number of replacements; out->oom says whether memory ran
 * out. */
size_t sr_utf16_to_utf8(const char *s, size_t n, int big_endian, sr_buf *out);

/* Convert s from a named character set (any name iconv knows, e.g.
 * "iso-8859-1", "windows-1252", "shift_jis") to UTF-8, appending to out;
 * each byte that does not convert becomes U+FFFD, counted in *fixes.
 * SR_ERR_ARG when the character set is unknown, SR_ERR_NOMEM when out of
 * memory. */
sr_status sr_charset_to_utf8(const char *charset, const char *s, size_t n, sr_buf *out,
                             size_t *fixes);

/* Has s a valid UTF-8 sequence of more than one byte?  Text with invalid
 * UTF-8 and none of these is in a legacy 8-bit character set, not damaged
 * UTF-8. */
int sr_has_utf8_multibyte(const char *s, size_t n);

/* Does this data look like something other than text?  Looks at the
 * first 64 KiB: when more than one byte in ten is a control character
 * (NUL included; tab, newline, carriage return, form feed and escape are
 * text) or starts an invalid UTF-8 sequence, it is binary.  A few stray
 * bad bytes in real text stay text: they are repaired later, with a
 * warning. */
int sr_looks_binary(const char *s, size_t n);

#endif
