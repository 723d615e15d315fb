/*
 * reader.c -- sr_reader: paths in, documents out.
 *
 * A reader holds a queue of inputs (inputs.c: a directory is expanded
 * there into the files below it).  Anything wrong with one input becomes
 * one error for it alone: the next call goes on with the next input.
 *
 * Each input's first 64 KiB decide what it is: empty (an error), UTF-16
 * with a byte order mark (transcoded to UTF-8), binary (an error, rather
 * than thousands of nonsense lines), and its format unless one was given.
 * A text or HTML input, or a JSON file that is not JSONL (jsonl.c), is
 * then read whole, up to SR_MAX_DOC_BYTES (SR_MAX_JSON_FILE); a JSONL
 * input is read line by line through a buffer, so a dump of any size takes
 * the memory of its longest line, and a line over SR_MAX_DOC_BYTES is
 * skipped with one error without ever being held whole.  An RSS/Atom feed
 * (feed.c) is read whole too and gives its items one call at a time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/error.h"
#include "feed.h"
#include "formats.h"
#include "inputs.h"
#include "sniff.h"

#define CHUNK ((size_t)1 << 16)
#define MAX_LINE_ERRORS 10   /* warnings per JSONL file before they are summed up */

struct sr_reader {
    sr_format format;
    sr_inputs in;              /* what to read */
    size_t next;               /* the next of in.v to open */
    /* the current input */
    const sr_input *cur;
    const char *name;          /* cur->path, or "stdin" */
    FILE *f;
    char *buf;                 /* bytes read and not yet consumed: [pos, len) */
    size_t len, bufcap, pos, scan;
    int eof, open;
    size_t lineno, produced;
    size_t line_errors;        /* bad JSONL lines so far */
    size_t hidden, first_hidden;  /* bad lines past MAX_LINE_ERRORS, and the first */
    size_t fixes;              /* replacements made while transcoding UTF-16 */
    sr_format fmt;
    sr_json_file *json;        /* a whole JSON file (not JSONL), or NULL */
    sr_feed *feed;             /* an RSS/Atom feed being read, or NULL */
    size_t max_doc;            /* SR_MAX_DOC_BYTES, or lower (tests) */
    char limit[32];            /* max_doc for messages: "8 MiB" */
};

sr_status sr_reader_open(const char *path, sr_format format, sr_reader **out,
                         sr_error *err) {
    *out = NULL;
    sr_reader *r = calloc(1, sizeof *r);
    if (!r) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    r->format = format;
    sr_reader_set_limit(r, SR_MAX_DOC_BYTES);
    sr_status st = sr_inputs_add(&r->in, path, err);
    if (st != SR_OK) {
        sr_reader_close(r);
        return st;
    }
    *out = r;
    return SR_OK;
}

void sr_reader_set_limit(sr_reader *r, size_t max_doc_bytes) {
    if (max_doc_bytes == 0 || max_doc_bytes > SR_MAX_DOC_BYTES) max_doc_bytes = SR_MAX_DOC_BYTES;
    r->max_doc = max_doc_bytes;
    if (max_doc_bytes % ((size_t)1 << 20) == 0)
        snprintf(r->limit, sizeof r->limit, "%zu MiB", max_doc_bytes >> 20);
    else
        snprintf(r->limit, sizeof r->limit, "%zu bytes", max_doc_bytes);
}

static void close_current(sr_reader *r) {
    if (r->f && r->f != stdin) fclose(r->f);
    r->f = NULL;
    sr_json_file_free(r->json);
    r->json = NULL;
    sr_feed_free(r->feed);
    r->feed = NULL;
    free(r->buf);
    r->buf = NULL;
    r->len = r->bufcap = r->pos = r->scan = r->lineno = r->produced = r->fixes = 0;
    r->line_errors = r->hidden = r->first_hidden = 0;
    r->eof = r->open = 0;
}

void sr_reader_close(sr_reader *r) {
    if (!r) return;
    close_current(r);
    sr_inputs_free(&r->in);
    free(r);
}

/* ---- reading bytes ------------------------------------------------------ */

/* Read more: drop consumed bytes, make room for at least `want` more, and
 * read what the stream gives.  Returns -1 on a read error or no memory. */
static int fill(sr_reader *r, size_t want) {
    if (r->pos) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->scan -= r->pos;
        r->pos = 0;
    }
    if (r->bufcap - r->len < want + 1) {
        size_t cap = r->bufcap ? r->bufcap : CHUNK;
        while (cap - r->len < want + 1) cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b) return -1;
        r->buf = b;
        r->bufcap = cap;
    }
    size_t k = fread(r->buf + r->len, 1, r->bufcap - r->len - 1, r->f);
    r->len += k;
    r->buf[r->len] = '\0';
    if (k == 0) {
        if (ferror(r->f)) return -1;
        r->eof = 1;
    }
    return 0;
}

/* Read the rest of the input into the buffer; SR_ERR_TOOBIG past limit. */
static sr_status read_all(sr_reader *r, size_t limit) {
    while (!r->eof) {
        if (r->len > limit) return SR_ERR_TOOBIG;
        size_t want = r->len < CHUNK ? CHUNK : r->len;  /* doubles the buffer */
        if (fill(r, want)) return ferror(r->f) ? SR_ERR_IO : SR_ERR_NOMEM;
    }
    return r->len > limit ? SR_ERR_TOOBIG : SR_OK;
}

/* Skip the rest of an over-long line without keeping it; returns its
 * length (counting what was already buffered). */
static size_t skip_line(sr_reader *r) {
    size_t total = r->len - r->pos;
    r->pos = r->scan = r->len = 0;
    while (!r->eof) {
        size_t k = fread(r->buf, 1, r->bufcap - 1, r->f);
        if (k == 0) { r->eof = 1; break; }
        char *nl = memchr(r->buf, '\n', k);
        if (nl) {
            size_t used = (size_t)(nl - r->buf) + 1;
            total += used - 1;
            memmove(r->buf, r->buf + used, k - used);
            r->len = k - used;
            break;
        }
        total += k;
    }
    if (r->buf) r->buf[r->len] = '\0';
    return total;
}

/* The next line (without its newline) in *line and *n.  Returns 1 for a
 * line, 0 at the end, -1 on a read error.  A line over the limit
 * is skipped: *line is NULL and *n its length. */
static int next_line(sr_reader *r, const char **line, size_t *n) {
    for (;;) {
        char *nl = memchr(r->buf + r->scan, '\n', r->len - r->scan);
        if (nl) {
            *line = r->buf + r->pos;
            *n = (size_t)(nl - *line);
            r->pos = r->scan = (size_t)(nl - r->buf) + 1;
            return 1;
        }
        r->scan = r->len;
        if (r->len - r->pos > r->max_doc) {
            *line = NULL;
            *n = skip_line(r);
            return 1;
        }
        if (r->eof) {
            if (r->pos == r->len) return 0;
            *line = r->buf + r->pos;
            *n = r->len - r->pos;
            r->pos = r->scan = r->len;
            return 1;
        }
        size_t want = r->len - r->pos < CHUNK ? CHUNK : r->len - r->pos;
        if (fill(r, want)) return -1;
    }
}

static int blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\f')
            return 0;
    return 1;
}

/* Replace the buffer's UTF-16 (after a BOM of 2 bytes) by UTF-8. */
static sr_status transcode_utf16(sr_reader *r, int big_endian) {
    sr_buf b = SR_BUF_INIT;
    r->fixes = sr_utf16_to_utf8(r->buf + 2, r->len - 2, big_endian, &b);
    if (b.oom) { sr_buf_free(&b); return SR_ERR_NOMEM; }
    free(r->buf);
    r->buf = b.data ? b.data : calloc(1, 1);
    r->len = b.len;
    r->bufcap = b.cap ? b.cap : 1;
    r->pos = r->scan = 0;
    return r->buf ? SR_OK : SR_ERR_NOMEM;
}

/* Open the next input and decide what it is (see the top). */
static sr_status open_next(sr_reader *r, sr_error *err) {
    const sr_input *in = &r->in.v[r->next++];
    r->cur = in;
    if (in->error) return sr_fail(err, SR_ERR_IO, "%s", in->error);
    int is_stdin = strcmp(in->path, "-") == 0;
    const char *name = r->name = is_stdin ? "stdin" : in->path;
    r->f = is_stdin ? stdin : fopen(in->path, "rb");
    if (!r->f) return sr_fail(err, SR_ERR_IO, "%s: %s; skipped", name, strerror(errno));
    struct stat sb;
    int regular = fstat(fileno(r->f), &sb) == 0 && S_ISREG(sb.st_mode);
    while (!r->eof && r->len < CHUNK)
        if (fill(r, CHUNK - r->len))
            return sr_fail(err, SR_ERR_IO, "%s: %s; skipped", name,
                           ferror(r->f) ? "read error" : "out of memory");
    if (r->eof && blank(r->buf, r->len))
        return sr_fail(err, SR_ERR_EMPTY, "%s: empty file; skipped", name);
    size_t bom_len;
    sr_bom bom = sr_sniff_bom(r->buf, r->len, &bom_len);
    r->fmt = r->format != SR_FORMAT_AUTO
                 ? r->format
                 : sr_guess_format(in->path, r->buf + bom_len, r->len - bom_len);
    if (bom == SR_BOM_UTF16LE || bom == SR_BOM_UTF16BE) {
        if (r->fmt == SR_FORMAT_JSONL)
            return sr_fail(err, SR_ERR_ARG, "%s: UTF-16 JSONL is not supported (save it as "
                           "UTF-8); skipped", name);
        if (regular && (size_t)sb.st_size > 2 * r->max_doc + 2)
            return sr_fail(err, SR_ERR_TOOBIG, "%s: %lld bytes, over the %s limit; skipped",
                           name, (long long)sb.st_size, r->limit);
        sr_status st = read_all(r, 2 * r->max_doc + 2);
        if (st == SR_OK) st = transcode_utf16(r, bom == SR_BOM_UTF16BE);
        if (st == SR_OK && r->fmt == SR_FORMAT_AUTO)
            r->fmt = sr_guess_format(in->path, r->buf, r->len);
        if (st != SR_OK)
            return sr_fail(err, st, "%s: %s; skipped", name,
                           st == SR_ERR_TOOBIG ? "over the size limit" : sr_strerror(st));
    } else if (sr_looks_binary(r->buf + bom_len, r->len - bom_len)) {
        return sr_fail(err, SR_ERR_BINARY, "%s: binary data, not text; skipped", name);
    } else if (r->fmt == SR_FORMAT_JSONL) {
        /* A whole JSON file rather than JSONL?  (see jsonl.c) */
        if (!sr_jsonl_first_line_ok(r->buf, r->len) &&
            !(regular && (size_t)sb.st_size > SR_MAX_JSON_FILE)) {
            sr_status st = read_all(r, SR_MAX_JSON_FILE);
            sr_error ignored;
            if (st == SR_OK && sr_json_file_open(name, r->buf, r->len, &r->json, &ignored))
                r->json = NULL;  /* not one: JSONL after all, errors per line */
            else if (st != SR_OK && st != SR_ERR_TOOBIG)
                return sr_fail(err, st, "%s: %s; skipped", name,
                               st == SR_ERR_IO ? "read error" : sr_strerror(st));
        }
    } else {
        if (regular && (size_t)sb.st_size > r->max_doc)
            return sr_fail(err, SR_ERR_TOOBIG, "%s: %lld bytes, over the %s limit; skipped",
                           name, (long long)sb.st_size, r->limit);
        sr_status st = read_all(r, r->max_doc);
        if (st == SR_ERR_TOOBIG)
            return sr_fail(err, st, "%s: over the %s limit; skipped", name, r->limit);
        if (st != SR_OK)
            return sr_fail(err, st, "%s: %s; skipped", name,
                           st == SR_ERR_IO ? "read error" : sr_strerror(st));
    }
    r->open = 1;
    return SR_OK;
}

/* The next document of the current JSONL input; SR_DONE at its end. */
static sr_status next_jsonl(sr_reader *r, sr_doc **out, sr_error *err) {
    if (r->json) {
        sr_status st = sr_json_file_next(r->json, r->name, r->cur->id, out, err);
        if (st == SR_DONE && !r->produced) {
            r->produced = 1;
            return sr_fail(err, SR_ERR_EMPTY, "%s: an empty list of articles; skipped", r->name);
        }
        r->produced++;
        return st;
    }
    for (;;) {
        const char *line;
        size_t n;
        int k = next_line(r, &line, &n);
        if (k < 0) return sr_fail(err, SR_ERR_IO, "%s: read error; rest skipped", r->name);
        if (k == 0) {
            if (r->hidden) {
                size_t h = r->hidden;
                r->hidden = 0;
                return sr_fail(err, SR_ERR_PARSE, "%s: %zu more bad line%s (from line %zu on) "
                               "skipped without a warning each", r->name, h,
                               h == 1 ? "" : "s", r->first_hidden);
            }
            if (r->produced) return SR_DONE;
            r->produced = 1;
            return sr_fail(err, SR_ERR_EMPTY, "%s: no documents (only blank lines); skipped",
                           r->name);
        }
        r->lineno++;
        sr_status st;
        if (!line || n > r->max_doc)
            st = sr_fail(err, SR_ERR_TOOBIG,
                         "%s:%zu: line of %zu bytes is over the %s limit; skipped",
                         r->name, r->lineno, n, r->limit);
        else if (blank(line, n))
            continue;
        else
            st = sr_jsonl_line(r->name, r->cur->id, r->lineno, line, n, out, err);
        r->produced++;
        if (st == SR_OK || st == SR_ERR_NOMEM) return st;
        /* A file of garbage (prose saved as .jsonl, a truncated pretty-printed
         * JSON) would otherwise flood stderr with a warning per line: after
         * MAX_LINE_ERRORS, bad lines are counted and reported once, at the
         * end of the file. */
        if (++r->line_errors <= MAX_LINE_ERRORS) return st;
        if (!r->hidden++) r->first_hidden = r->lineno;
    }
}

sr_status sr_reader_next(sr_reader *r, sr_doc **out, sr_error *err) {
    *out = NULL;
    for (;;) {
        if (!r->open) {
            if (r->next >= r->in.n) return SR_DONE;
            sr_status st = open_next(r, err);
            if (st != SR_OK) {
                close_current(r);
                return st;
            }
        }
        sr_status st;
        if (r->fmt == SR_FORMAT_JSONL) {
            st = next_jsonl(r, out, err);
            if (st == SR_DONE) {
                close_current(r);
                continue;
            }
            return st;
        }
        if (r->fmt == SR_FORMAT_FEED) {
            if (!r->feed) {
                st = sr_feed_parse(r->name, r->buf, r->len, &r->feed, err);
                if (st != SR_OK) { close_current(r); return st; }
            }
            st = sr_feed_next(r->feed, out, err);
            if (st == SR_DONE) { close_current(r); continue; }
            return st;
        }
        if (r->fmt == SR_FORMAT_HTML)
            st = sr_html_read(r->name, r->cur->id, r->buf, r->len, out, err);
        else
            st = sr_text_read(r->name, r->cur->id, r->buf, r->len, out, err);
        if (st == SR_OK && r->fixes)
            sr_doc_warn(*out, "%zu invalid UTF-16 sequence%s replaced with U+FFFD", r->fixes,
                        r->fixes == 1 ? "" : "s");
        close_current(r);
        return st;
    }
}

/* ---- formats ------------------------------------------------------------- */

static int has_ext(const char *name, const char *ext) {
    size_t a = strlen(name), b = strlen(ext);
    return a > b && strcasecmp(name + a - b, ext) == 0;
}

sr_format sr_guess_format(const char *name, const char *data, size_t len) {
    if (has_ext(name, ".jsonl") || has_ext(name, ".ndjson") || has_ext(name, ".json"))
        return SR_FORMAT_JSONL;
    if (has_ext(name, ".html") || has_ext(name, ".htm") || has_ext(name, ".xhtml"))
        return SR_FORMAT_HTML;
    if (has_ext(name, ".txt") || has_ext(name, ".text")) return SR_FORMAT_TEXT;
    if (has_ext(name, ".rss") || has_ext(name, ".atom") || has_ext(name, ".xml") ||
        sr_feed_sniff(data, len))
        return SR_FORMAT_FEED;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    if (i < len && data[i] == '{') return SR_FORMAT_JSONL;
    if (i < len && data[i] == '<') {
        const char *p = data + i;
        size_t rest = len - i < 1024 ? len - i : 1024;
        if ((rest >= 14 && strncasecmp(p, "<!doctype html", 14) == 0) ||
            (rest >= 5 && strncasecmp(p, "<html", 5) == 0) ||
            memmem(p, rest, "<body", 5) || memmem(p, rest, "<head", 5) ||
            memmem(p, rest, "<BODY", 5) || memmem(p, rest, "<HEAD", 5))
            return SR_FORMAT_HTML;
    }
    return SR_FORMAT_TEXT;
}
