/*
 * json.h -- a streaming JSON writer over sr_buf.
 *
 * The writer tracks nesting so that callers never write commas or
 * indentation themselves: they say "key", then a value, and the writer puts
 * the separators in.  Pretty output indents by two spaces; compact output is
 * one line.  Strings are escaped per RFC 8259 (control characters as \uXXXX;
 * the text is valid UTF-8 by construction, so bytes >= 0x80 pass through).
 */
#ifndef SR_JSON_H
#define SR_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define SR_JSON_MAX_DEPTH 64

typedef struct sr_json {
    sr_buf *out;
    int pretty;
    int depth;
    unsigned char first[SR_JSON_MAX_DEPTH]; /* nothing written yet at this level */
    int after_key;                          /* a key was just written */
} sr_json;

void sr_json_init(sr_json *j, sr_buf *out, int pretty);

void sr_json_obj_begin(sr_json *j);
void sr_json_obj_end(sr_json *j);
void sr_json_arr_begin(sr_json *j);
void sr_json_arr_end(sr_json *j);
void sr_json_key(sr_json *j, const char *key);

void sr_json_str(sr_json *j, const char *s);          /* NULL writes null */
void sr_json_strn(sr_json *j, const char *s, size_t n);
void sr_json_int(sr_json *j, int64_t v);
void sr_json_double(sr_json *j, double v, int decimals);
void sr_json_bool(sr_json *j, int v);
void sr_json_null(sr_json *j);
void sr_json_raw(sr_json *j, const char *json, size_t n); /* a preformatted value */
void sr_json_span(sr_json *j, uint32_t start, uint32_t end); /* [start, end] */

/* Escape s as the body of a JSON string (no quotes) into out. */
void sr_json_escape(sr_buf *out, const char *s, size_t n);

#endif
