/*
 * reader.c -- sr_reader: paths in, documents out.
 *
 * A reader holds a queue of inputs.  A directory is expanded, recursively
 * and in name order, into the files below it (hidden files skipped).  Each
 * input is read whole into memory (standard input too), its format guessed
 * unless given, and handed to the format's reader (formats.h).  Anything
 * wrong with one input or one line becomes an error for that document
 * alone: the next call goes on with the next one.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "formats.h"

struct sr_reader {
    sr_format format;
    char **paths;           /* queue of inputs still to open */
    size_t npaths, cap, next;
    /* the current input */
    char *name;
    char *data;
    size_t len, pos, lineno;
    sr_format cur_format;
    int open;
};

static int push_path(sr_reader *r, const char *p) {
    if (r->npaths == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        char **v = realloc(r->paths, cap * sizeof *v);
        if (!v) return -1;
        r->paths = v;
        r->cap = cap;
    }
    char *c = strdup(p);
    if (!c) return -1;
    r->paths[r->npaths++] = c;
    return 0;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the files under dir, sorted, recursing into subdirectories. */
static sr_status add_dir(sr_reader *r, const char *dir, int depth, sr_error *err) {
    if (depth > 64) return sr_fail(err, SR_ERR_ARG, "%s: directories nested too deep", dir);
    DIR *d = opendir(dir);
    if (!d) return sr_fail(err, SR_ERR_IO, "%s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    sr_status st = SR_OK;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **v = realloc(names, cap * sizeof *v);
            if (!v) { st = SR_ERR_NOMEM; break; }
            names = v;
        }
        size_t a = strlen(dir), b = strlen(e->d_name);
        char *p = malloc(a + b + 2);
        if (!p) { st = SR_ERR_NOMEM; break; }
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, e->d_name, b + 1);
        names[n++] = p;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (st == SR_OK && stat(names[i], &sb) == 0) {
            if (S_ISDIR(sb.st_mode)) st = add_dir(r, names[i], depth + 1, err);
            else if (S_ISREG(sb.st_mode) && push_path(r, names[i])) st = SR_ERR_NOMEM;
        }
        free(names[i]);
    }
    free(names);
    if (st == SR_ERR_NOMEM) return sr_fail(err, st, "%s: out of memory", dir);
    return st;
}

sr_status sr_reader_open(const char *path, sr_format format, sr_reader **out,
                         sr_error *err) {
    *out = NULL;
    sr_reader *r = calloc(1, sizeof *r);
    if (!r) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    r->format = format;
    sr_status st = SR_OK;
    struct stat sb;
    if (strcmp(path, "-") == 0) {
        if (push_path(r, "-")) st = sr_fail(err, SR_ERR_NOMEM, "out of memory");
    } else if (stat(path, &sb) != 0) {
        st = sr_fail(err, SR_ERR_IO, "%s: %s", path, strerror(errno));
    } else if (S_ISDIR(sb.st_mode)) {
        st = add_dir(r, path, 0, err);
    } else if (push_path(r, path)) {
        st = sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    if (st != SR_OK) { sr_reader_close(r); return st; }
    *out = r;
    return SR_OK;
}

static void close_current(sr_reader *r) {
    free(r->name);
    free(r->data);
    r->name = r->data = NULL;
    r->len = r->pos = r->lineno = 0;
    r->open = 0;
}

void sr_reader_close(sr_reader *r) {
    if (!r) return;
    close_current(r);
    for (size_t i = 0; i < r->npaths; i++) free(r->paths[i]);
    free(r->paths);
    free(r);
}

/* Read a whole stream; NUL-terminates for the parsers' convenience. */
static sr_status slurp(FILE *f, const char *name, char **data, size_t *len,
                       sr_error *err) {
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    for (;;) {
        if (cap - n < 2) {
            if (cap >= SR_MAX_INPUT) {
                free(buf);
                return sr_fail(err, SR_ERR_TOOBIG, "%s: larger than %zu bytes; skipped",
                               name, (size_t)SR_MAX_INPUT);
            }
            char *b = realloc(buf, cap * 2);
            if (!b) { free(buf); return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name); }
            buf = b;
            cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) break;
    }
    if (ferror(f)) {
        free(buf);
        return sr_fail(err, SR_ERR_IO, "%s: read error", name);
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return SR_OK;
}

static sr_status open_next(sr_reader *r, sr_error *err) {
    const char *path = r->paths[r->next++];
    int is_stdin = strcmp(path, "-") == 0;
    r->name = strdup(is_stdin ? "stdin" : path);
    if (!r->name) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) return sr_fail(err, SR_ERR_IO, "%s: %s", path, strerror(errno));
    sr_status st = slurp(f, r->name, &r->data, &r->len, err);
    if (!is_stdin) fclose(f);
    if (st != SR_OK) return st;
    r->cur_format = r->format != SR_FORMAT_AUTO
                        ? r->format
                        : sr_guess_format(r->name, r->data, r->len);
    r->open = 1;
    return SR_OK;
}

sr_status sr_reader_next(sr_reader *r, sr_doc **out, sr_error *err) {
    *out = NULL;
    for (;;) {
        if (!r->open) {
            if (r->next >= r->npaths) return SR_DONE;
            close_current(r);
            sr_status st = open_next(r, err);
            if (st != SR_OK) { close_current(r); return st; }
        }
        sr_status st;
        switch (r->cur_format) {
        case SR_FORMAT_JSONL:
            st = sr_jsonl_next(r->name, r->data, r->len, &r->pos, &r->lineno, out, err);
            if (st == SR_DONE) { close_current(r); continue; }
            return st;
        case SR_FORMAT_HTML:
            st = sr_html_read(r->name, r->data, r->len, out, err);
            close_current(r);
            return st;
        default:
            st = sr_text_read(r->name, r->data, r->len, out, err);
            close_current(r);
            return st;
        }
    }
}

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
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    if (i < len && data[i] == '{') return SR_FORMAT_JSONL;
    if (i + 5 < len && data[i] == '<') {
        const char *p = data + i;
        size_t rest = len - i < 512 ? len - i : 512;
        if (strncasecmp(p, "<!doctype html", rest < 14 ? rest : 14) == 0 ||
            strncasecmp(p, "<html", rest < 5 ? rest : 5) == 0 ||
            memmem(p, rest, "<body", 5) || memmem(p, rest, "<head", 5))
            return SR_FORMAT_HTML;
    }
    return SR_FORMAT_TEXT;
}
