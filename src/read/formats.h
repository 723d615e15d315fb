/*
 * formats.h -- the readers of each input format, behind sr_reader.
 *
 * reader.c opens inputs, decides their format and feeds these functions;
 * each turns bytes into documents.  A reader is told two names: `name`,
 * the input as the user gave it (used in messages: "dir/feed.jsonl:12:
 * ..."), and `id`, what document ids are made from (a file's base name,
 * or its path below a directory given on the command line).  Errors name
 * the input (and the line, for JSONL) and never stop the reader: the next
 * call goes on.  docs/input.md describes formats, fields and limits for
 * users.
 */
#ifndef SR_FORMATS_H
#define SR_FORMATS_H

#include <stddef.h>

#include "sitrep.h"

/* The largest document sitrep reads: a text or HTML file, or one JSONL
 * line.  Anything bigger is skipped with a warning, without being held in
 * memory whole (a 200 MB line costs one pass over its bytes).  News
 * articles are kilobytes; 8 MiB is a long book, and extraction time grows
 * faster than linearly with a document's size (about 1 s for 1 MB, 5 s for
 * 3 MB, 4 minutes for 30 MB when this was set), so a bigger "article" --
 * a broken dump -- would stall a run for nothing. */
#define SR_MAX_DOC_BYTES ((size_t)8 << 20)

/* Plain text: one document with the given id.  A UTF-8 byte order mark is
 * dropped.  A first line of at most 200 bytes followed by a blank line is
 * also the title (the text keeps it). */
sr_status sr_text_read(const char *name, const char *id, const char *data,
                       size_t len, sr_doc **out, sr_error *err);

/* HTML: one document from the page's title and main text (see html.c). */
sr_status sr_html_read(const char *name, const char *id, const char *data,
                       size_t len, sr_doc **out, sr_error *err);

/* HTML text (a feed item's description) without its markup, by the HTML
 * reader's rules; *out is malloc'd, "" when there is no text. */
sr_status sr_html_text(const char *html, size_t len, char **out, size_t *out_len);

/* JSONL: the document on one line (without its newline).  `id` and the
 * line number make the id of an article without one ("feed.jsonl:12").
 * Blank lines are the caller's business. */
sr_status sr_jsonl_line(const char *name, const char *id, size_t lineno,
                        const char *line, size_t len, sr_doc **out, sr_error *err);

/* JSONL held in memory: the document on the next non-blank line from
 * *pos; advances *pos past it and *lineno by the lines consumed.  Returns
 * SR_DONE at the end of the data. */
sr_status sr_jsonl_next(const char *name, const char *id, const char *data,
                        size_t len, size_t *pos, size_t *lineno, sr_doc **out,
                        sr_error *err);

/* A JSON file that is not JSONL: an array of articles, or one article
 * object spread over lines.  Held whole, so at most SR_MAX_JSON_FILE. */
#define SR_MAX_JSON_FILE ((size_t)64 << 20)
typedef struct sr_json_file sr_json_file;

/* Is the first non-blank line of data complete and a JSON object by
 * itself (JSONL as it should be)? */
int sr_jsonl_first_line_ok(const char *data, size_t len);

/* Parse a whole JSON file (invalid UTF-8 repaired first): an article
 * object, or an array holding at least one.  Otherwise an error naming the
 * file (the reader then reads it as JSONL after all). */
sr_status sr_json_file_open(const char *name, const char *data, size_t len,
                            sr_json_file **out, sr_error *err);

/* The next article of the file as a document; SR_DONE after the last.
 * An element that is not a usable article is an error naming it
 * ("name[3]: ..."); the next call goes on. */
sr_status sr_json_file_next(sr_json_file *f, const char *name, const char *idbase,
                            sr_doc **out, sr_error *err);
void sr_json_file_free(sr_json_file *f);

/* A publication date as written ("2017-06-19T10:00Z", "Mon, 19 Jun 2017
 * 10:00:00 GMT", "June 19, 2017", "19 June 2017", "2017/06/19",
 * "20170619") as YYYY-MM-DD in out; SR_ERR_PARSE when it is none of
 * those or not a calendar date. */
sr_status sr_date_parse(const char *s, char out[11]);

/* A Unix time in seconds (or milliseconds, when too large for seconds) as
 * the UTC date YYYY-MM-DD. */
sr_status sr_date_from_unix(long long t, char out[11]);

/* Lower the document size limit of a reader (0 or more than
 * SR_MAX_DOC_BYTES: SR_MAX_DOC_BYTES).  For tests, which cannot afford
 * inputs of many megabytes to reach the edge cases of the line reader. */
void sr_reader_set_limit(sr_reader *r, size_t max_doc_bytes);

/* Guess a format from a file name and the first bytes. */
sr_format sr_guess_format(const char *name, const char *data, size_t len);

#endif
