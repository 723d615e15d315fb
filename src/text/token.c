/*
 * token.c -- see token.h.
 *
 * One left-to-right pass over code points.  Character classes come from a
 * 128-entry table for ASCII and from utf8proc's general categories beyond.
 * A word grows over letters, digits and combining marks, and over a hyphen,
 * apostrophe, period, comma, slash or colon only when the next character
 * continues it in a way that is known to be one token ("Grand-Bassam",
 * "1,500", "U.S.", "10:30"): this keeps the rules local and the pass linear.
 */
#include "token.h"

#include <string.h>
#include <utf8proc.h>

#include "../core/buf.h"
#include "../core/utf8.h"
#include "normalize.h"

enum cls { C_SPACE, C_NL, C_ALPHA, C_DIGIT, C_MARK, C_PUNCT };

static enum cls classify(int32_t cp) {
    if (cp < 0x80) {
        if (cp == '\n') return C_NL;
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v')
            return C_SPACE;
        if ((cp | 32) >= 'a' && (cp | 32) <= 'z') return C_ALPHA;
        if (cp >= '0' && cp <= '9') return C_DIGIT;
        return cp < 0x20 ? C_SPACE : C_PUNCT;
    }
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return C_NL;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_ALPHA;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return C_NL;
    default:
        return C_PUNCT;
    }
}

typedef struct cursor {
    const unsigned char *s;
    size_t n;
} cursor;

/* Code point at i (U+FFFD for a malformed byte, which cannot occur in
 * repaired text but keeps the tokenizer total), its length in *len. */
static int32_t at(const cursor *c, size_t i, int *len) {
    if (i >= c->n) { *len = 0; return -1; }
    if (c->s[i] < 0x80) { *len = 1; return c->s[i]; }
    int32_t cp;
    int k = sr_utf8_decode(c->s + i, c->n - i, &cp);
    if (!k) { *len = 1; return 0xFFFD; }
    *len = k;
    return cp;
}

static int is_alnum_cls(enum cls k) { return k == C_ALPHA || k == C_DIGIT || k == C_MARK; }

static int is_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
static int is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019; }

/* Abbreviations that keep their period.  "No." only before a number. */
static const char *const ABBREV[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpl",
    "maj", "adm", "gov", "sen", "rep", "pres", "st", "ste", "mt", "ft", "jr",
    "sr", "rev", "hon", "messrs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "inc", "corp", "ltd", "co",
    "bros", "vs", "etc", "approx", "dept", "univ", "ave", "blvd", "rd", "est",
    "fig", "vol", "mme", "mlle", "m", NULL};

static int is_abbrev(const char *w, size_t n) {
    char low[8];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if ((unsigned char)c >= 0x80) return 0;
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    low[n] = '\0';
    for (const char *const *a = ABBREV; *a; a++)
        if (strcmp(*a, low) == 0) return 1;
    return 0;
}

static int is_open_quote(int32_t cp) {
    return cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0x201E ||
           cp == 0x2039;
}
static int is_close_quote(int32_t cp) {
    return cp == 0x201D || cp == 0xBB || cp == 0x203A;
}

typedef struct growing {
    sr_arena *a;
    sr_token *v;
    size_t n, cap;
} growing;

static sr_token *push(growing *g) {
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 256;
        sr_token *v = sr_arena_realloc(g->a, g->v, g->cap * sizeof *v, cap * sizeof *v);
        if (!v) return NULL;
        g->v = v;
        g->cap = cap;
    }
    return &g->v[g->n++];
}

/* Scan a word or number starting at i; returns its end. */
static size_t scan_word(const cursor *c, size_t i, unsigned *flags) {
    int len;
    size_t start = i;
    int letters_only_single = 1; /* for initialisms: U.S., a.m. */
    size_t seg_len = 0;          /* code points in the current segment */
    for (;;) {
        int32_t cp = at(c, i, &len);
        if (len == 0) break;
        enum cls k = classify(cp);
        if (is_alnum_cls(k)) {
            i += (size_t)len;
            seg_len++;
            if (k == C_DIGIT) *flags |= SR_TF_DIGIT;
            continue;
        }
        int len2;
        int32_t nx = at(c, i + (size_t)len, &len2);
        enum cls kn = len2 ? classify(nx) : C_SPACE;
        int32_t pv = i > start ? (int32_t)c->s[i - 1] : 0;
        int prev_digit = pv >= '0' && pv <= '9';
        if (is_hyphen(cp) && is_alnum_cls(kn) && i > start) {
            *flags |= SR_TF_HYPHEN;
            if (seg_len > 1) letters_only_single = 0;
            seg_len = 0;
            i += (size_t)len;
            continue;
        }
        if (is_apostrophe(cp) && kn == C_ALPHA && i > start) {
            /* "Mali's" / "Mali’s": the possessive is its own token; "don't",
             * "O'Brien", "N'Djamena" stay whole. */
            int len3;
            int32_t nx2 = at(c, i + (size_t)len + (size_t)len2, &len3);
            if ((nx == 's' || nx == 'S') && (len3 == 0 || !is_alnum_cls(classify(nx2))))
                break;
            i += (size_t)len;
            continue;
        }
        if ((cp == ',' || cp == '.' || cp == ':' || cp == '/') && prev_digit &&
            kn == C_DIGIT) {  /* 1,500  2.5  10:30  18/06/2017 */
            i += (size_t)len;
            letters_only_single = 0;
            continue;
        }
        if (cp == '.' && kn == C_ALPHA && seg_len == 1 && letters_only_single &&
            !prev_digit) {
            /* U.S / a.m : single letters joined by periods */
            int len3;
            int32_t nx2 = at(c, i + (size_t)len + (size_t)len2, &len3);
            if (len3 && nx2 == '.') {
                i += (size_t)len;
                seg_len = 0;
                continue;
            }
        }
        if (cp == '.') {
            size_t wlen = i - start;
            int initialism = letters_only_single && seg_len == 1 && wlen >= 1 &&
                             classify(c->s[i - 1]) == C_ALPHA &&
                             (wlen == 1 || c->s[i - 2] == '.');
            if (initialism || is_abbrev((const char *)c->s + start, wlen)) {
                *flags |= SR_TF_PERIOD;
                i += (size_t)len;
            } else if (wlen == 2 && (c->s[start] | 32) == 'n' &&
                       (c->s[start + 1] | 32) == 'o') {
                /* "No. 4" but not "said no." */
                size_t j = i + 1;
                while (j < c->n && c->s[j] == ' ') j++;
                if (j > i + 1 && j < c->n && c->s[j] >= '0' && c->s[j] <= '9') {
                    *flags |= SR_TF_PERIOD;
                    i += (size_t)len;
                }
            }
        }
        break;
    }
    return i;
}

static unsigned letter_case(const unsigned char *s, size_t n) {
    int upper = 0, lower = 0, first_upper = -1;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        int k = s[i] < 0x80 ? (cp = s[i], 1) : sr_utf8_decode(s + i, n - i, &cp);
        if (!k) { i++; continue; }
        i += (size_t)k;
        utf8proc_category_t cat = cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? UTF8PROC_CATEGORY_LU
                                              : cp >= 'a' && cp <= 'z' ? UTF8PROC_CATEGORY_LL
                                              : UTF8PROC_CATEGORY_CN)
                                            : utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
            upper++;
            if (first_upper < 0) first_upper = 1;
        } else if (cat == UTF8PROC_CATEGORY_LL) {
            lower++;
            if (first_upper < 0) first_upper = 0;
        }
    }
    if (upper && !lower) return SR_TF_UPPER;
    if (lower && !upper) return SR_TF_LOWER;
    if (first_upper == 1) return SR_TF_CAP;
    return 0;
}

int sr_tokenize(sr_arena *a, const char *text, size_t len, sr_tokens *out) {
    cursor c = {(const unsigned char *)text, len};
    growing g = {a, NULL, 0, 0};
    sr_buf fold = SR_BUF_INIT;
    unsigned pending = SR_TF_PARA_BEFORE;  /* flags from preceding space */
    int newlines = 2;                      /* start of text = paragraph start */
    size_t i = 0;
    while (i < len) {
        int clen;
        int32_t cp = at(&c, i, &clen);
        enum cls k = classify(cp);
        if (k == C_SPACE) { pending |= SR_TF_SPACE_BEFORE; i += (size_t)clen; continue; }
        if (k == C_NL) {
            pending |= SR_TF_SPACE_BEFORE | SR_TF_NL_BEFORE;
            if (++newlines >= 2) pending |= SR_TF_PARA_BEFORE;
            i += (size_t)clen;
            continue;
        }
        newlines = 0;
        unsigned flags = pending;
        pending = 0;
        size_t start = i, end;
        uint8_t kind;
        if (is_alnum_cls(k)) {
            end = scan_word(&c, i, &flags);
            kind = SR_TOK_NUM;
            for (size_t j = start; j < end;) {  /* any letter makes a word */
                int l;
                int32_t q = at(&c, j, &l);
                if (classify(q) == C_ALPHA) { kind = SR_TOK_WORD; break; }
                j += (size_t)l;
            }
        } else if (is_apostrophe(cp) && i + (size_t)clen < len &&
                   (c.s[i + clen] == 's' || c.s[i + clen] == 'S') &&
                   g.n > 0 && g.v[g.n - 1].end == i && g.v[g.n - 1].kind != SR_TOK_PUNCT) {
            end = i + (size_t)clen + 1;  /* possessive 's */
            kind = SR_TOK_WORD;
        } else {
            end = i + (size_t)clen;
            kind = SR_TOK_PUNCT;
            if (is_open_quote(cp)) flags |= SR_TF_QUOTE_OPEN;
            else if (is_close_quote(cp)) flags |= SR_TF_QUOTE_CLOSE;
            else if (cp == '"' || cp == '\'' || cp == 0x2019) {
                /* Straight quotes (and a lone ’): opening when after space or
                 * an opening bracket and before a non-space. */
                int l2;
                int32_t nx = at(&c, end, &l2);
                int before_space = (flags & SR_TF_SPACE_BEFORE) || start == 0 ||
                                   c.s[start - 1] == '(' || c.s[start - 1] == '[';
                int after_space = l2 == 0 || classify(nx) == C_SPACE || classify(nx) == C_NL;
                if (before_space && !after_space) flags |= SR_TF_QUOTE_OPEN;
                else flags |= SR_TF_QUOTE_CLOSE;
            }
        }
        sr_token *t = push(&g);
        if (!t) { sr_buf_free(&fold); return -1; }
        t->start = (uint32_t)start;
        t->end = (uint32_t)end;
        t->sent = 0;
        t->kind = kind;
        if (kind != SR_TOK_PUNCT) flags |= letter_case(c.s + start, end - start);
        t->flags = (uint16_t)flags;
        sr_buf_reset(&fold);
        sr_fold(text + start, end - start, &fold);
        if (fold.oom) { sr_buf_free(&fold); return -1; }
        char *norm = sr_arena_strndup(a, fold.data ? fold.data : "", fold.len);
        if (!norm) { sr_buf_free(&fold); return -1; }
        t->norm = norm;
        t->norm_len = (uint32_t)fold.len;
        i = end;
    }
    sr_buf_free(&fold);
    out->v = g.v;
    out->n = g.n;
    return 0;
}
