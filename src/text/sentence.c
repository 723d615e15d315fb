/*
 * sentence.c -- see sentence.h.
 *
 * One pass over the tokens.  A sentence ends
 *   - before a token that follows a blank line (headlines, paragraphs), and
 *   - after a terminal mark (. ! ? ...) together with the closing quotes
 *     and brackets glued to it, when the next token looks like the start
 *     of a sentence.
 * "Looks like a start" depends on the document: in ordinary mixed-case
 * text the next word must not be lower case (so `"Why?" he asked` and
 * "approx. five" stay whole); in text that is all capitals or all lower
 * case (wire copy, MUC-4) capitalisation carries no information and a
 * terminal mark followed by white space is enough.
 *
 * Abbreviations keep their period inside the token (token.c), so a bare
 * "." token is almost always a real full stop.  A token that ends with a
 * kept period ("U.S.", "etc.", "Jan.") ends a sentence only when the next
 * word is a common sentence opener ("The", "He", "In" ...); titles
 * ("Mr.", "Dr.", "Gen.", "No.") never do.
 *
 * Datelines ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --") contain no terminal
 * mark, so they stay part of the first sentence with no special case.
 *
 * Two weaker breaks: a title-case line of its own with no blank line after
 * it (a headline or byline) in mixed-case text, and a run of four or more
 * spaces (the paragraph break of flattened text such as the MUC-4 JSONL).
 */
#include "sentence.h"

#include <assert.h>
#include <string.h>

typedef struct grow {
    sr_arena *a;
    sr_sentence *v;
    size_t n, cap;
} grow;

static int emit(grow *g, const sr_tokens *toks, size_t first, size_t end) {
    if (end <= first) return 0;
    assert(end <= toks->n);
    assert(g->n == 0 || g->v[g->n - 1].tok_first + g->v[g->n - 1].tok_n == first);
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        sr_sentence *v = sr_arena_realloc(g->a, g->v, g->cap * sizeof *v, cap * sizeof *v);
        if (!v) return -1;
        g->v = v;
        g->cap = cap;
    }
    sr_sentence *s = &g->v[g->n];
    s->start = toks->v[first].start;
    s->end = toks->v[end - 1].end;
    s->tok_first = (uint32_t)first;
    s->tok_n = (uint32_t)(end - first);
    for (size_t i = first; i < end; i++) toks->v[i].sent = (uint32_t)g->n;
    g->n++;
    return 0;
}

static inline int norm_is(const sr_token *t, const char *w) {
    if (t->norm[0] != w[0]) return 0;  /* cheap reject before strlen */
    size_t n = strlen(w);
    return t->norm_len == n && memcmp(t->norm, w, n) == 0;
}

/* A full stop of a script written without spaces (Chinese, Japanese):
 * 。！？ and the full-width ．  The next sentence needs no space before it. */
static int is_cjk_terminal(const char *text, const sr_token *t) {
    if (t->kind != SR_TOK_PUNCT || t->end - t->start != 3) return 0;
    const char *s = text + t->start;
    return memcmp(s, "\xE3\x80\x82", 3) == 0 || memcmp(s, "\xEF\xBC\x81", 3) == 0 ||
           memcmp(s, "\xEF\xBC\x9F", 3) == 0 || memcmp(s, "\xEF\xBC\x8E", 3) == 0;
}

/* A bare terminal mark: . ! ? the ellipsis, and the marks of other scripts. */
static int is_terminal(const char *text, const sr_token *t) {
    if (t->kind != SR_TOK_PUNCT) return 0;
    size_t n = t->end - t->start;
    const char *s = text + t->start;
    if (n == 1) return *s == '.' || *s == '!' || *s == '?';
    /* U+061F ARABIC QUESTION MARK, U+06D4 ARABIC FULL STOP */
    if (n == 2) return memcmp(s, "\xD8\x9F", 2) == 0 || memcmp(s, "\xDB\x94", 2) == 0;
    if (is_cjk_terminal(text, t)) return 1;
    /* U+0964 DEVANAGARI DANDA */
    if (n == 3 && memcmp(s, "\xE0\xA5\xA4", 3) == 0) return 1;
    /* U+2026 HORIZONTAL ELLIPSIS, U+203C, U+2047-2049, fullwidth ！ ？ 。 */
    if (n == 3) {
        return memcmp(s, "\xE2\x80\xA6", 3) == 0 || memcmp(s, "\xE2\x80\xBC", 3) == 0 ||
               memcmp(s, "\xE2\x81\x87", 3) == 0 || memcmp(s, "\xE2\x81\x88", 3) == 0 ||
               memcmp(s, "\xE2\x81\x89", 3) == 0 || memcmp(s, "\xEF\xBC\x81", 3) == 0 ||
               memcmp(s, "\xEF\xBC\x9F", 3) == 0 || memcmp(s, "\xE3\x80\x82", 3) == 0;
    }
    return 0;
}

/* Closing material glued after a terminal mark: quotes and brackets. */
static int is_closer(const char *text, const sr_token *t) {
    if (t->kind != SR_TOK_PUNCT) return 0;
    if (t->flags & SR_TF_QUOTE_CLOSE) return 1;
    if (t->end - t->start != 1) return 0;
    char c = text[t->start];
    return c == ')' || c == ']' || c == '}';
}

/* "1." or "a)" style list markers at the start of a sentence: the period
 * after a short number or single letter that opens the sentence. */
static int list_marker(const char *text, const sr_token *v, size_t first, size_t i) {
    if (i != first + 1 || text[v[i].start] != '.') return 0;
    if (v[i].flags & SR_TF_SPACE_BEFORE) return 0;
    const sr_token *m = &v[first];
    uint32_t n = m->end - m->start;
    if (m->kind == SR_TOK_NUM) return n <= 2;
    return m->kind == SR_TOK_WORD && n == 1;
}

/* Titles that precede a name and never end a sentence. */
static const char *const TITLES[] = {
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "col.", "lt.", "sgt.", "capt.",
    "cpl.", "maj.", "adm.", "gov.", "sen.", "rep.", "pres.", "st.", "ste.",
    "mt.", "rev.", "hon.", "messrs.", "mme.", "mlle.", "m.", "no.", "vol.",
    "fig.", "vs.", "sens.", "reps.", "govs.", "gens.", "pct.", NULL};

static int is_title(const sr_token *t) {
    if (t->norm_len > 8) return 0;
    for (const char *const *p = TITLES; *p; p++)
        if (norm_is(t, *p)) return 1;
    return 0;
}

/* Words that commonly open a sentence, for deciding after "U.S." etc. */
static const char *const OPENERS[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this",
    "that", "these", "those", "there", "in", "on", "at", "but", "however",
    "meanwhile", "his", "her", "their", "its", "our", "after", "before", "when",
    "while", "some", "many", "no", "one", "two", "three", "according", "if", "as",
    "for", "since", "earlier", "later", "last", "then", "yet", "so", "what", "who",
    "why", "how", "where", NULL};
/* Not "and", "officials", "police", "forces": "the U.S. and Honduran
 * governments", "U.S. officials said". */

static int is_opener(const sr_token *t) {
    if (t->kind != SR_TOK_WORD || t->norm_len > 10) return 0;
    for (const char *const *p = OPENERS; *p; p++)
        if (norm_is(t, *p)) return 1;
    return 0;
}

/* Does case carry information in this text?  Not when almost no word is
 * Capitalised (all lower case) or almost none is lower case (all caps). */
static int mixed_case(const sr_tokens *toks) {
    size_t words = 0, cap = 0, lower = 0;
    for (size_t i = 0; i < toks->n; i++) {
        const sr_token *t = &toks->v[i];
        if (t->kind != SR_TOK_WORD) continue;
        words++;
        if (t->flags & SR_TF_CAP) cap++;
        else if (t->flags & SR_TF_LOWER) lower++;
    }
    if (words == 0) return 1;
    return cap * 50 >= words && lower * 10 >= words;
}

/* Could token t start a sentence (mixed-case text)? */
static int starts_sentence(const char *text, const sr_token *t) {
    if (t->kind == SR_TOK_NUM) return 1;
    if (t->kind == SR_TOK_WORD) return !(t->flags & SR_TF_LOWER);  /* also caseless scripts */
    /* punctuation: an opening quote or bracket, a dash, a bullet */
    if (t->flags & SR_TF_QUOTE_OPEN) return 1;
    char c = text[t->start];
    return c == '(' || c == '[' || c == '-' || (unsigned char)c >= 0x80;
}

/* Verbs of saying, and (after "?" or "!") the pronouns that start an
 * attribution: `"why?" he asked`, `"it is over." said the officer`. */
static const char *const SAID[] = {
    "said", "says", "asked", "told", "added", "shouted", "replied", "cried",
    "stated", "noted", "explained", "declared", "insisted", "warned", NULL};
static const char *const PRONOUNS[] = {"he", "she", "they", NULL};

static int in_list(const sr_token *t, const char *const *list) {
    for (const char *const *p = list; *p; p++)
        if (norm_is(t, *p)) return 1;
    return 0;
}

/* "a.m." and "p.m.": after them a capitalised word starts a sentence
 * unless it names a day or month ("at 5 p.m. Sunday"). */
static int clock_abbrev(const sr_token *t) {
    return norm_is(t, "a.m.") || norm_is(t, "p.m.");
}

static const char *const CALENDAR[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan.", "feb.", "aug.", "sept.",
    "oct.", "nov.", "dec.", NULL};

/* In text without case: does the quotation ended by the terminal at i
 * (with its closers up to j) go on with an attribution at j? */
static int attribution(const char *text, const sr_token *v, size_t i, size_t j) {
    int quoted = 0;
    for (size_t k = i + 1; k < j; k++)
        if (v[k].flags & SR_TF_QUOTE_CLOSE) quoted = 1;
    if (!quoted || v[j].kind != SR_TOK_WORD) return 0;
    if (in_list(&v[j], SAID)) return 1;
    char c = text[v[i].start];
    return (c == '?' || c == '!') && in_list(&v[j], PRONOUNS);
}

/* Are there four or more spaces, and no line break, between a and b? */
static int wide_gap(const char *text, const sr_token *a, const sr_token *b) {
    if (b->start - a->end < 4 || (b->flags & SR_TF_NL_BEFORE)) return 0;
    int run = 0;
    for (uint32_t k = a->end; k < b->start; k++) {
        run = text[k] == ' ' ? run + 1 : 0;
        if (run >= 4) return 1;
    }
    return 0;
}

/* Small words that stay lower case in a title. */
static const char *const TITLE_SMALL[] = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by",
    "with", "from", "as", "after", "over", "into", "'s", "is", "are", "vs", NULL};

static int title_small(const sr_token *t) {
    if (t->norm_len > 5) return 0;
    for (const char *const *p = TITLE_SMALL; *p; p++)
        if (norm_is(t, *p)) return 1;
    return 0;
}

/* Is the line of tokens [b, e) a title: short, no lower-case word other
 * than small words, ending with a word or a number that is not one? */
static int title_line(const sr_token *v, size_t b, size_t e) {
    if (e <= b || e - b > 20) return 0;
    const sr_token *last = &v[e - 1];
    if (last->kind == SR_TOK_PUNCT || title_small(last)) return 0;
    size_t capped = 0;
    for (size_t k = b; k < e; k++) {
        if (v[k].kind != SR_TOK_WORD) continue;
        if (v[k].flags & (SR_TF_CAP | SR_TF_UPPER)) capped++;
        else if ((v[k].flags & SR_TF_LOWER) && !title_small(&v[k])) return 0;
    }
    return capped > 0;
}

int sr_split_sentences(sr_arena *a, const char *text, size_t len, sr_tokens *toks,
                       sr_sentences *out) {
    (void)len;
    grow g = {a, NULL, 0, 0};
    const size_t n = toks->n;
    const sr_token *v = toks->v;
    const int mixed = mixed_case(toks);
    size_t first = 0, line = 0;
    size_t i = 0;
    while (i < n) {
        if (i > first && (v[i].flags & SR_TF_PARA_BEFORE)) {
            if (emit(&g, toks, first, i)) return -1;
            first = i;
        } else if (i > first && wide_gap(text, &v[i - 1], &v[i]) &&
                   (!mixed || (starts_sentence(text, &v[i]) && !(v[i].flags & SR_TF_LOWER)))) {
            /* four or more spaces: the paragraph break of flattened text
             * (MUC-4 JSONL) or a table column */
            if (emit(&g, toks, first, i)) return -1;
            first = i;
        } else if (i > first && (v[i].flags & SR_TF_NL_BEFORE)) {
            /* a headline or byline on a line of its own, no blank line after */
            if (mixed && line >= first && title_line(v, line, i) && starts_sentence(text, &v[i]) &&
                !(v[i].flags & SR_TF_LOWER)) {
                if (emit(&g, toks, first, i)) return -1;
                first = i;
            }
        }
        if (v[i].flags & SR_TF_NL_BEFORE) line = i;
        int term = is_terminal(text, &v[i]) && !list_marker(text, v, first, i);
        int abbrev = !term && (v[i].flags & SR_TF_PERIOD) && !is_title(&v[i]);
        if (!term && !abbrev) { i++; continue; }
        /* glue further terminals ("?!", "...") and closing quotes/brackets */
        size_t j = i + 1;
        while (j < n && !(v[j].flags & SR_TF_PARA_BEFORE) &&
               ((term && is_terminal(text, &v[j]) && !(v[j].flags & SR_TF_SPACE_BEFORE)) ||
                (is_closer(text, &v[j]) && !(v[j].flags & SR_TF_SPACE_BEFORE))))
            j++;
        if (j >= n || (v[j].flags & SR_TF_PARA_BEFORE)) { i = j; continue; }
        const sr_token *nx = &v[j];
        int split;
        if (!(nx->flags & SR_TF_SPACE_BEFORE))                  /* "3.5", "a.b" */
            split = term && is_cjk_terminal(text, &v[j - 1]);
        else if (abbrev && mixed && clock_abbrev(&v[i]))  /* "at 3 p.m. Officials said" */
            split = (nx->flags & SR_TF_CAP) && !in_list(nx, CALENDAR);
        else if (abbrev)  /* "...the U.S. The next day", "...the U.S. And Iraq" */
            split = mixed ? !(nx->flags & SR_TF_LOWER) && (is_opener(nx) || norm_is(nx, "and"))
                          : is_opener(nx);
        else if (mixed) split = starts_sentence(text, nx);
        else split = !attribution(text, v, i, j);
        if (split) {
            if (emit(&g, toks, first, j)) return -1;
            first = j;
        }
        i = j;
    }
    if (emit(&g, toks, first, n)) return -1;
    out->v = g.v;
    out->n = g.n;
    return 0;
}
