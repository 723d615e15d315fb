/*
 * time_words.c -- loading the data/times tables into one hash table.
 *
 * The tables are small (a few hundred words), so they are read into one
 * open-addressing table keyed by (class, word); the engine holds it and
 * it is only read afterwards.  A word may be in several classes ("first"
 * is a modifier and an ordinal, "past" a modifier and a reference).  A
 * second table, keyed by the word alone, gives all the classes of a word
 * at once: the rules look each token up once (tw_find) and then read
 * its classes from an array.
 */
#include "time_words.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/error.h"
#include "../core/file.h"
#include "../core/utf8.h"
#include "../text/normalize.h"

static const char *const FILES[TW_NCLASS] = {
    "months", "weekdays", "seasons", "parts_of_day", "clock", "units",
    "relative_days", "references", "sets", "modifiers", "positions",
    "ordinals", "tense", "vague", "year_cues", "zones",
};

struct sr_time_words {
    tw_entry *slots;       /* size cap, word NULL when empty */
    size_t cap, n;
    tw_word *words;        /* by word alone; size wcap, word NULL when empty */
    size_t wcap;
    char **strings;        /* every string allocated, for freeing */
    size_t nstrings, capstrings;
};

static uint64_t hash(tw_class cls, const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull ^ (uint64_t)cls;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

const tw_entry *tw_get(const sr_time_words *w, tw_class cls, const char *norm, size_t n) {
    if (n > 1 && norm[n - 1] == '.') n--;
    if (n == 0 || !w->cap) return NULL;
    size_t i = (size_t)(hash(cls, norm, n) & (w->cap - 1));
    for (;;) {
        const tw_entry *e = &w->slots[i];
        if (!e->word) return NULL;
        if (e->cls == cls && strlen(e->word) == n && memcmp(e->word, norm, n) == 0)
            return e;
        i = (i + 1) & (w->cap - 1);
    }
}

const tw_word *tw_find(const sr_time_words *w, const char *norm, size_t n) {
    if (n > 1 && norm[n - 1] == '.') n--;
    if (n == 0 || !w->wcap) return NULL;
    size_t i = (size_t)(hash(TW_NCLASS, norm, n) & (w->wcap - 1));
    for (;;) {
        const tw_word *x = &w->words[i];
        if (!x->word) return NULL;
        if (strncmp(x->word, norm, n) == 0 && x->word[n] == '\0') return x;
        i = (i + 1) & (w->wcap - 1);
    }
}

/* Words the rules themselves start with (grammar, not vocabulary): they
 * get a record without classes, so that one lookup tells whether a token
 * can start an expression at all. */
static const char *const RULE_WORDS[] = {
    "the", "a", "an", "every", "each", "per", "fiscal", "at", "latest", "more", "less",
    "fewer", "up", "nearly", "almost", "about", "approximately", "roughly", "nineteen",
    "eighteen", NULL};

static tw_word *word_slot(sr_time_words *w, const char *word) {
    size_t n = strlen(word);
    size_t i = (size_t)(hash(TW_NCLASS, word, n) & (w->wcap - 1));
    while (w->words[i].word && strcmp(w->words[i].word, word) != 0) i = (i + 1) & (w->wcap - 1);
    w->words[i].word = word;
    return &w->words[i];
}

/* Build the by-word table from the (class, word) one. */
static int index_words(sr_time_words *w) {
    size_t cap = 64;
    while (cap < (w->n + sizeof RULE_WORDS / sizeof *RULE_WORDS) * 2 + 2) cap *= 2;
    w->words = calloc(cap, sizeof *w->words);
    if (!w->words) return -1;
    w->wcap = cap;
    for (size_t k = 0; k < w->cap; k++) {
        const tw_entry *e = &w->slots[k];
        if (!e->word) continue;
        word_slot(w, e->word)->e[e->cls] = e;
    }
    for (const char *const *r = RULE_WORDS; *r; r++) word_slot(w, *r);
    return 0;
}

static char *keep(sr_time_words *w, const char *s, size_t n) {
    if (w->nstrings == w->capstrings) {
        size_t cap = w->capstrings ? w->capstrings * 2 : 256;
        char **v = realloc(w->strings, cap * sizeof *v);
        if (!v) return NULL;
        w->strings = v;
        w->capstrings = cap;
    }
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    w->strings[w->nstrings++] = p;
    return p;
}

static int grow(sr_time_words *w) {
    size_t cap = w->cap ? w->cap * 2 : 512;
    tw_entry *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < w->cap; i++) {
        tw_entry *e = &w->slots[i];
        if (!e->word) continue;
        size_t j = (size_t)(hash(e->cls, e->word, strlen(e->word)) & (cap - 1));
        while (slots[j].word) j = (j + 1) & (cap - 1);
        slots[j] = *e;
    }
    free(w->slots);
    w->slots = slots;
    w->cap = cap;
    return 0;
}

/* Insert; a duplicate (class, word) keeps the first entry. */
static int insert(sr_time_words *w, const tw_entry *e) {
    if ((w->n + 1) * 2 > w->cap && grow(w)) return -1;
    size_t n = strlen(e->word);
    size_t i = (size_t)(hash(e->cls, e->word, n) & (w->cap - 1));
    while (w->slots[i].word) {
        if (w->slots[i].cls == e->cls && strcmp(w->slots[i].word, e->word) == 0) return 0;
        i = (i + 1) & (w->cap - 1);
    }
    w->slots[i] = *e;
    w->n++;
    return 0;
}

static unsigned parse_flag(const char *s) {
    if (strcmp(s, "weak") == 0) return TWF_WEAK;
    if (strcmp(s, "plural") == 0) return TWF_PLURAL;
    if (strcmp(s, "span") == 0) return TWF_SPAN;
    return 0;
}

/* Split line at tabs into at most 4 fields (in place). */
static int split(char *line, char *f[4]) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < 4; p++)
        if (*p == '\t') { *p = '\0'; f[n++] = p + 1; }
    return n;
}

/* Parse one table held in memory: lines "word<TAB>value[<TAB>flag]",
 * '#' comments, blank lines; any line length; CRLF accepted.  `name`
 * names the table in errors ("data/times/months.tsv:3: ..."). */
static sr_status parse_table(sr_time_words *w, tw_class cls, const char *name,
                             const char *data, size_t len, sr_error *err) {
    sr_buf line = SR_BUF_INIT, fold = SR_BUF_INIT;
    sr_status st = SR_OK;
    int lineno = 0;
    size_t i = 0;
    while (i < len && st == SR_OK) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len, n = end - i;
        lineno++;
        sr_buf_reset(&line);
        sr_buf_add(&line, data + i, n);
        i = nl ? end + 1 : len;
        if (line.oom) { st = sr_fail(err, SR_ERR_NOMEM, "out of memory loading %s", name); break; }
        while (line.len && (line.data[line.len - 1] == '\r')) line.data[--line.len] = '\0';
        if (!line.len || line.data[0] == '#') continue;
        if (memchr(line.data, '\0', line.len) || sr_utf8_valid_prefix(line.data, line.len) != line.len) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%d: not valid UTF-8 text", name, lineno);
            break;
        }
        char *fld[4] = {0};
        int nf = split(line.data, fld);
        if (nf < 2 || !*fld[0] || !*fld[1]) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%d: expected word<TAB>value", name, lineno);
            break;
        }
        /* values end up inside TIMEX3 values of bounded size */
        long iv = strtol(fld[1], NULL, 10);
        if (strlen(fld[1]) > TW_MAX_VALUE || (nf >= 3 && strlen(fld[2]) > TW_MAX_VALUE) ||
            (nf >= 4 && strlen(fld[3]) > TW_MAX_VALUE) || iv < -100000 || iv > 100000) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%d: value longer than %d bytes or beyond 100000",
                         name, lineno, TW_MAX_VALUE);
            break;
        }
        sr_buf_reset(&fold);
        sr_fold(fld[0], strlen(fld[0]), &fold);
        tw_entry e = {0};
        e.cls = cls;
        e.word = fold.oom ? NULL : keep(w, fold.data ? fold.data : "", fold.len);
        e.sval = keep(w, fld[1], strlen(fld[1]));
        e.ival = iv;
        if (nf >= 3) {
            e.flags = parse_flag(fld[2]);
            if (!e.flags) e.extra = keep(w, fld[2], strlen(fld[2]));
        }
        if (nf >= 4) e.extra = keep(w, fld[3], strlen(fld[3]));
        if (!e.word || !e.sval || (nf >= 3 && !e.flags && !e.extra) || insert(w, &e))
            st = sr_fail(err, SR_ERR_NOMEM, "out of memory loading %s", name);
        else if (!*e.word)
            st = sr_fail(err, SR_ERR_DATA, "%s:%d: the word folds to nothing", name, lineno);
    }
    sr_buf_free(&line);
    sr_buf_free(&fold);
    return st;
}

static sr_status load_file(sr_time_words *w, const char *dir, tw_class cls, sr_error *err) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.tsv", dir, FILES[cls]);
    char *data;
    size_t len;
    sr_status st = sr_file_read(path, SIZE_MAX, &data, &len, err);
    if (st == SR_ERR_IO) {   /* a table that is missing is a data error */
        if (err) err->code = SR_ERR_DATA;
        return SR_ERR_DATA;
    }
    if (st != SR_OK) return st;
    st = parse_table(w, cls, path, data, len, err);
    free(data);
    return st;
}

static sr_time_words *words_new(void) {
    sr_time_words *w = calloc(1, sizeof *w);
    if (w && grow(w)) { free(w); return NULL; }
    return w;
}

sr_status sr_time_words_load(const char *dir, sr_time_words **out, sr_error *err) {
    *out = NULL;
    sr_time_words *w = words_new();
    if (!w) return sr_fail(err, SR_ERR_NOMEM, "out of memory loading %s", dir);
    for (int c = 0; c < TW_NCLASS; c++) {
        sr_status st = load_file(w, dir, (tw_class)c, err);
        if (st != SR_OK) { sr_time_words_free(w); return st; }
    }
    if (index_words(w)) {
        sr_time_words_free(w);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory loading %s", dir);
    }
    *out = w;
    return SR_OK;
}

sr_status tw_load_mem(const char *const data[TW_NCLASS], const size_t len[TW_NCLASS],
                      sr_time_words **out, sr_error *err) {
    *out = NULL;
    sr_time_words *w = words_new();
    if (!w) return sr_fail(err, SR_ERR_NOMEM, "out of memory loading tables");
    for (int c = 0; c < TW_NCLASS; c++) {
        if (!data[c]) continue;
        char name[64];
        snprintf(name, sizeof name, "%s.tsv", FILES[c]);
        sr_status st = parse_table(w, (tw_class)c, name, data[c], len[c], err);
        if (st != SR_OK) { sr_time_words_free(w); return st; }
    }
    if (index_words(w)) {
        sr_time_words_free(w);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory loading tables");
    }
    *out = w;
    return SR_OK;
}

void sr_time_words_free(sr_time_words *w) {
    if (!w) return;
    for (size_t i = 0; i < w->nstrings; i++) free(w->strings[i]);
    free(w->strings);
    free(w->slots);
    free(w->words);
    free(w);
}

size_t sr_time_words_count(const sr_time_words *w) { return w->n; }
