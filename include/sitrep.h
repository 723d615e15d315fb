/*
 * sitrep.h -- the whole public contract of libsitrep.
 *
 * sitrep turns news reports about violent incidents into structured, sourced
 * incident records (the JSON contract "sitrep/1", see docs/schema.md).
 *
 * There are three handles, all opaque:
 *
 *   sr_engine   everything loaded once and then only read: lexicons,
 *               gazetteer, models.  One engine may be shared by any number
 *               of threads, each extracting its own documents.
 *   sr_doc      one document: its text, its metadata and, after
 *               sr_extract(), everything found in it.  All of a document's
 *               memory comes from its own arena and is released by
 *               sr_doc_free() in one call.
 *   sr_reader   a source of documents: a plain text, JSONL, HTML or RSS/Atom
 *               feed file, a directory (recursive) or standard input.
 *
 * Every function that can fail returns an sr_status; SR_OK is zero.  Where a
 * function takes an `sr_error *err`, it may be NULL; when it is not, a
 * failing call fills it with a sentence a user can act on.  The library
 * never exits and never prints: warnings about a document are attached to
 * that document (sr_doc_warning()) and appear in its JSON output.
 *
 * Ownership: whatever a function returns through a `**out` parameter belongs
 * to the caller and is released with the matching *_free/_close function.
 * Strings returned by accessors belong to the handle they came from.
 */
#ifndef SITREP_H
#define SITREP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SITREP_VERSION "0.1.0"
#define SITREP_SCHEMA  "sitrep/1"

typedef enum sr_status {
    SR_OK = 0,
    SR_DONE,            /* a reader has no more documents (not an error) */
    SR_ERR_NOMEM,       /* out of memory */
    SR_ERR_IO,          /* a file could not be opened, read or written */
    SR_ERR_ARG,         /* a bad argument or option value */
    SR_ERR_PARSE,       /* malformed input (JSON, HTML, TSV, a date...) */
    SR_ERR_EMPTY,       /* a document with no text */
    SR_ERR_BINARY,      /* a document that is not text */
    SR_ERR_TOOBIG,      /* input over a configured size limit */
    SR_ERR_DATA,        /* a data file (lexicon, gazetteer, model) is missing or corrupt */
    SR_ERR_NOTFOUND,    /* no such item */
    SR_ERR_INTERNAL     /* a bug: an invariant did not hold */
} sr_status;

/* A sentence describing a status code ("out of memory", ...). Never NULL. */
const char *sr_strerror(sr_status status);

/* Details of a failure: the code and a message naming what failed. */
typedef struct sr_error {
    sr_status code;
    char message[512];
} sr_error;

/* A byte range [start, end) into a document's text. */
typedef struct sr_span {
    uint32_t start, end;
} sr_span;

/* ---- engine ------------------------------------------------------------ */

typedef struct sr_engine sr_engine;

/* Load the engine from `data_dir` (lexicons/, models/, the gazetteer).
 * NULL means the directory compiled in at build time, or $SITREP_DATA when
 * set.  A missing optional resource (e.g. the gazetteer before it is built)
 * is not an error: the features that need it are skipped and
 * sr_engine_notes() says so. */
sr_status sr_engine_open(const char *data_dir, sr_engine **out, sr_error *err);
void sr_engine_close(sr_engine *engine);

/* Human-readable notes about what the engine loaded or skipped, one per
 * line; never NULL. */
const char *sr_engine_notes(const sr_engine *engine);

/* ---- documents --------------------------------------------------------- */

typedef struct sr_doc sr_doc;

/* Metadata fields of a document. */
typedef enum sr_field {
    SR_FIELD_ID = 0,
    SR_FIELD_TITLE,
    SR_FIELD_URL,
    SR_FIELD_PUBLISHED,  /* YYYY-MM-DD (a longer ISO 8601 value is cut to the date) */
    SR_FIELD_LANG,
    SR_FIELD_COUNT_
} sr_field;

/* A new, empty document with the given id (copied). */
sr_status sr_doc_new(const char *id, sr_doc **out);
void sr_doc_free(sr_doc *doc);

/* Set the text (copied).  Invalid UTF-8 sequences are replaced with U+FFFD
 * and a warning is attached; NUL bytes are replaced likewise.  Returns
 * SR_ERR_EMPTY for a text that is empty or only white space and
 * SR_ERR_BINARY for one that is mostly not text; the document keeps no text
 * then and should be reported as failed. */
sr_status sr_doc_set_text(sr_doc *doc, const char *text, size_t len);

/* Set a metadata field (copied; NULL clears it). */
sr_status sr_doc_set_field(sr_doc *doc, sr_field field, const char *value);

/* Keep extra fields of the input (a JSON object text, e.g. "{"src":1}")
 * so that they are written back under "doc".  Copied. */
sr_status sr_doc_set_extra_json(sr_doc *doc, const char *json, size_t len);

const char *sr_doc_field(const sr_doc *doc, sr_field field);  /* NULL when unset */
const char *sr_doc_text(const sr_doc *doc, size_t *len);

/* Attach a warning (formatted like printf) to a document. */
void sr_doc_warn(sr_doc *doc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
size_t sr_doc_warning_count(const sr_doc *doc);
const char *sr_doc_warning(const sr_doc *doc, size_t i);

/* ---- extraction -------------------------------------------------------- */

typedef struct sr_extract_options {
    /* Reference date (YYYY-MM-DD) used when the document has no
     * "published" field; NULL to let the text decide (e.g. a dateline). */
    const char *default_date;
} sr_extract_options;

/* Analyse a document: text analysis, mentions and incidents.  May be called
 * once per document.  `opts` may be NULL. */
sr_status sr_extract(const sr_engine *engine, sr_doc *doc,
                     const sr_extract_options *opts, sr_error *err);

/* ---- output ------------------------------------------------------------ */

enum {
    SR_JSON_PRETTY   = 1u << 0,  /* indent */
    SR_JSON_MENTIONS = 1u << 1   /* include "mentions" */
};

/* Serialise a document as one sitrep/1 JSON object.  With flags lacking
 * SR_JSON_PRETTY the result is a single line (no newline at the end).  The
 * result is NUL-terminated and released with free(). */
sr_status sr_doc_to_json(const sr_doc *doc, unsigned flags, char **out,
                         size_t *len);

/* ---- readers ----------------------------------------------------------- */

typedef struct sr_reader sr_reader;

typedef enum sr_format {
    SR_FORMAT_AUTO = 0,  /* by extension, then by content */
    SR_FORMAT_TEXT,
    SR_FORMAT_JSONL,
    SR_FORMAT_HTML,
    SR_FORMAT_FEED       /* RSS 2.0, RSS 1.0 (RDF) or Atom 1.0: a document per item */
} sr_format;

/* Open a path: a file, a directory (read recursively, in name order) or
 * "-" for standard input. */
sr_status sr_reader_open(const char *path, sr_format format, sr_reader **out,
                         sr_error *err);
void sr_reader_close(sr_reader *reader);

/* Read the next document.  Returns SR_OK with *out set, SR_DONE at the end,
 * or an error for a document that could not be read: *out is then NULL and
 * `err` names the document (file and line) and what was wrong.  After an
 * error the reader can always be called again: one bad document never ends
 * a run. */
sr_status sr_reader_next(sr_reader *reader, sr_doc **out, sr_error *err);

#ifdef __cplusplus
}
#endif
#endif /* SITREP_H */
