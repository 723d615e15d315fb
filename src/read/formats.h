/*
 * formats.h -- the readers of each input format, behind sr_reader.
 *
 * A format reader turns the bytes of one input (a file or standard input,
 * read whole) into documents.  Each is told the input's name, which it uses
 * for document ids and error messages.  Errors name the input (and the line
 * for JSONL) and never stop the reader: the next call goes on.
 */
#ifndef SR_FORMATS_H
#define SR_FORMATS_H

#include <stddef.h>

#include "sitrep.h"

/* Largest input read whole (a 200 MB JSONL line must pass). */
#define SR_MAX_INPUT ((size_t)1 << 31)

/* Plain text: one document, id = the file's base name.  A first line
 * followed by a blank line becomes the title (the text keeps it). */
sr_status sr_text_read(const char *name, const char *data, size_t len,
                       sr_doc **out, sr_error *err);

/* HTML: one document from the page's title and main text. */
sr_status sr_html_read(const char *name, const char *data, size_t len,
                       sr_doc **out, sr_error *err);

/* JSONL: the document on the line starting at *pos; advances *pos past
 * it and *lineno by one.  Blank lines are skipped.  Returns SR_DONE at the
 * end of the data. */
sr_status sr_jsonl_next(const char *name, const char *data, size_t len,
                        size_t *pos, size_t *lineno, sr_doc **out, sr_error *err);

/* Guess a format from a file name and the first bytes. */
sr_format sr_guess_format(const char *name, const char *data, size_t len);

#endif
