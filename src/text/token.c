/*
 * token.c -- see token.h.
 *
 * One left-to-right pass over code points.  Character classes are a few
 * comparisons for ASCII and utf8proc's general categories beyond.  A word
 * grows over letters, digits and combining marks, and over a hyphen,
 * apostrophe, period, comma, slash or colon only when the next character
 * continues it in a way that is known to be one token ("Grand-Bassam",
 * "1,500", "U.S.", "10:30"): this keeps the rules local and the pass linear.
 *
 * Speed (the text core must run at 50 MB/s or more per core): ASCII letters
 * and digits are scanned in a tight loop that also records case; the token
 * array is reserved once for the expected count; an ASCII token's folded
 * form is written straight into the arena, a one-byte punctuation mark
 * points into a constant table, and only non-ASCII tokens go through
 * utf8proc (normalize.c).
 */
#include "token.h"

#include <assert.h>
#include <stdlib.h>
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

/* Abbreviations that keep their period, packed by length so that a check
 * is a few memcmp calls ("No." is handled apart: only before a number).
 * Common words that are also abbreviations ("sat", "sun", "wed", "est")
 * are left out: a sentence ending "...in the sun." must end there. */
static const char *const ABBREV_BY_LEN[] = {
    /* 0 */ "",
    /* 1 */ "",
    /* 2 */ "mrmsdrltstmtftjrsrcovsrdkyvtmdmovapaga",
    /* 3 */ ("mrsgencolsgtcplmajadmgovsenrepsterevhonjanfebmaraprjunjulaugsep"
             "octnovdecmontuethufriincltdetcavefigvolmmepctflakannebarknevwis"
             "wyoalaindtex"),
    /* 4 */ ("profcaptpressepttuesthurcorpbrosdeptunivblvdmllesensrepsgovsgens"
             "conntennkansminnmicharizcolooklamontpenn"),
    /* 5 */ "thurscalif",
    /* 6 */ "messrsapprox",
};

static int is_abbrev(const char *w, size_t n) {
    char low[8];
    if (n == 0 || n >= sizeof ABBREV_BY_LEN / sizeof ABBREV_BY_LEN[0]) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if ((unsigned char)c >= 0x80) return 0;
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    for (const char *p = ABBREV_BY_LEN[n]; *p; p += n)
        if (memcmp(p, low, n) == 0) return 1;
    return 0;
}

static int is_open_quote(int32_t cp) {
    return cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0x201E ||
           cp == 0x2039;
}
static int is_close_quote(int32_t cp) {
    return cp == 0x201D || cp == 0xBB || cp == 0x203A;
}

/* The token array grows on the heap and moves into the arena once, at its
 * exact size, when the text is done: growing it inside the arena would
 * leave every outgrown copy behind (folded strings are allocated between
 * pushes, so the array is never the arena's last allocation). */
typedef struct growing {
    sr_token *v;
    size_t n, cap;
} growing;

static sr_token *push(growing *g) {
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 256;
        sr_token *v = realloc(g->v, cap * sizeof *v);
        if (!v) return NULL;
        g->v = v;
        g->cap = cap;
    }
    return &g->v[g->n++];
}

/* What scanning a word learnt about it. */
typedef struct wordinfo {
    unsigned flags;      /* SR_TF_DIGIT, SR_TF_HYPHEN, SR_TF_PERIOD */
    int alpha;           /* contains a letter (a word, not a number) */
    int upper, lower;    /* counts of cased letters */
    int first_upper;     /* case of the first cased letter: 1, 0, or -1 */
} wordinfo;

static void count_case(wordinfo *w, int32_t cp) {
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
        w->upper++;
        if (w->first_upper < 0) w->first_upper = 1;
    } else if (cat == UTF8PROC_CATEGORY_LL) {
        w->lower++;
        if (w->first_upper < 0) w->first_upper = 0;
    }
}

/* "No" (any case) at s[0..n). */
static int is_no(const unsigned char *s, size_t n) {
    return n == 2 && (s[0] | 32) == 'n' && (s[1] | 32) == 'o';
}

/* Scan a word or number starting at i; returns its end.  ASCII letters
 * and digits take a tight loop; everything else the general path. */
static size_t scan_word(const cursor *c, size_t i, wordinfo *w) {
    int len;
    size_t start = i;
    int letters_only_single = 1; /* for initialisms: U.S., a.m. */
    size_t seg_len = 0;          /* code points in the current segment */
    const unsigned char *s = c->s;
    for (;;) {
        while (i < c->n) {       /* the common case: ASCII letters and digits */
            unsigned char b = s[i];
            if (b >= 'a' && b <= 'z') {
                w->lower++;
                if (w->first_upper < 0) w->first_upper = 0;
                w->alpha = 1;
            } else if (b >= 'A' && b <= 'Z') {
                w->upper++;
                if (w->first_upper < 0) w->first_upper = 1;
                w->alpha = 1;
            } else if (b >= '0' && b <= '9') {
                w->flags |= SR_TF_DIGIT;
            } else {
                break;
            }
            i++;
            seg_len++;
        }
        int32_t cp = at(c, i, &len);
        if (len == 0) break;
        enum cls k = classify(cp);
        if (is_alnum_cls(k)) {
            i += (size_t)len;
            seg_len++;
            if (k == C_DIGIT) w->flags |= SR_TF_DIGIT;
            else if (k == C_ALPHA) { w->alpha = 1; count_case(w, cp); }
            continue;
        }
        int len2;
        int32_t nx = at(c, i + (size_t)len, &len2);
        enum cls kn = len2 ? classify(nx) : C_SPACE;
        int32_t pv = i > start ? (int32_t)s[i - 1] : 0;
        int prev_digit = pv >= '0' && pv <= '9';
        if (is_hyphen(cp) && is_alnum_cls(kn) && i > start) {
            w->flags |= SR_TF_HYPHEN;
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
            kn == C_DIGIT) {
            /* 1,500  2.5  10:30  18/06/2017 */
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
                             classify(s[i - 1]) == C_ALPHA &&
                             (wlen == 1 || s[i - 2] == '.');
            if (initialism || is_abbrev((const char *)s + start, wlen)) {
                w->flags |= SR_TF_PERIOD;
                i += (size_t)len;
            } else if (is_no(s + start, wlen)) {
                /* "No. 4", "NO.4" but not "said no." */
                size_t j = i + 1;
                while (j < c->n && s[j] == ' ') j++;
                if (j < c->n && s[j] >= '0' && s[j] <= '9') {
                    w->flags |= SR_TF_PERIOD;
                    i += (size_t)len;
                }
            }
        }
        break;
    }
    return i;
}

/* Each single ASCII character as a string, for the norm of a one-byte
 * punctuation token (punctuation has no case, so it folds to itself). */
#define R1(x) {(char)(x), 0}
#define R8(x) R1(x), R1(x + 1), R1(x + 2), R1(x + 3), R1(x + 4), R1(x + 5), R1(x + 6), R1(x + 7)
static const char ASCII1[128][2] = {
    R8(0), R8(8), R8(16), R8(24), R8(32), R8(40), R8(48), R8(56),
    R8(64), R8(72), R8(80), R8(88), R8(96), R8(104), R8(112), R8(120),
};
#undef R8
#undef R1

/* Set t->norm: ASCII is lower-cased straight into the arena, the rest goes
 * through sr_fold.  Returns 0, or -1 when out of memory. */
static int fold_token(sr_arena *a, const char *s, size_t n, sr_buf *fold, sr_token *t) {
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80) i++;
    if (i == n) {
        char *d = sr_arena_alloc(a, n + 1);
        if (!d) return -1;
        for (size_t k = 0; k < n; k++) {
            char ch = s[k];
            d[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
        }
        d[n] = '\0';
        t->norm = d;
        t->norm_len = (uint32_t)n;
        return 0;
    }
    sr_buf_reset(fold);
    sr_fold(s, n, fold);
    if (fold->oom) return -1;
    char *norm = sr_arena_strndup(a, fold->data ? fold->data : "", fold->len);
    if (!norm) return -1;
    t->norm = norm;
    t->norm_len = (uint32_t)fold->len;
    return 0;
}

int sr_tokenize(sr_arena *a, const char *text, size_t len, sr_tokens *out) {
    cursor c = {(const unsigned char *)text, len};
    growing g = {NULL, 0, 0};
    /* News text has a token every 5-6 bytes: reserve that much up front so
     * the array rarely moves, but no more than 256K tokens, so that a huge
     * blank input does not reserve memory it will never use. */
    g.cap = len / 6 + 16;
    if (g.cap > (1u << 18)) g.cap = 1u << 18;
    g.v = malloc(g.cap * sizeof *g.v);
    if (!g.v) return -1;
    sr_buf fold = SR_BUF_INIT;
    unsigned pending = SR_TF_PARA_BEFORE;  /* flags from preceding space */
    int newlines = 2;                      /* start of text = paragraph start */
    size_t i = 0;
    while (i < len) {
        int clen;
        unsigned char b0 = c.s[i];
        if (b0 == ' ') { pending |= SR_TF_SPACE_BEFORE; i++; continue; }
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
        unsigned wcase = 0;
        if (is_alnum_cls(k)) {
            wordinfo w = {0, 0, 0, 0, -1};
            end = scan_word(&c, i, &w);
            flags |= w.flags;
            kind = w.alpha ? SR_TOK_WORD : SR_TOK_NUM;
            if (w.upper && !w.lower) wcase = SR_TF_UPPER;
            else if (w.lower && !w.upper) wcase = SR_TF_LOWER;
            else if (w.first_upper == 1) wcase = SR_TF_CAP;
        } else if (is_apostrophe(cp) && i + (size_t)clen < len &&
                   (c.s[i + clen] == 's' || c.s[i + clen] == 'S') &&
                   g.n > 0 && g.v[g.n - 1].end == i && g.v[g.n - 1].kind != SR_TOK_PUNCT) {
            end = i + (size_t)clen + 1;  /* possessive 's */
            kind = SR_TOK_WORD;
            wcase = c.s[end - 1] == 's' ? SR_TF_LOWER : SR_TF_UPPER;
        } else {
            end = i + (size_t)clen;
            kind = SR_TOK_PUNCT;
            if (is_open_quote(cp) || cp == '`') flags |= SR_TF_QUOTE_OPEN;  /* `` TeX style */
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
        assert(start < end && end <= len);
        sr_token *t = push(&g);
        if (!t) { sr_buf_free(&fold); free(g.v); return -1; }
        t->start = (uint32_t)start;
        t->end = (uint32_t)end;
        t->sent = 0;
        t->kind = kind;
        t->flags = (uint16_t)(flags | wcase);
        if (end - start == 1 && b0 < 0x80 && kind == SR_TOK_PUNCT) {
            t->norm = ASCII1[b0];  /* one ASCII mark: no allocation */
            t->norm_len = 1;
        } else if (fold_token(a, text + start, end - start, &fold, t)) {
            sr_buf_free(&fold);
            free(g.v);
            return -1;
        }
        i = end;
    }
    sr_buf_free(&fold);
    out->v = sr_arena_alloc(a, (g.n ? g.n : 1) * sizeof *g.v);
    if (!out->v) { free(g.v); return -1; }
    if (g.n) memcpy(out->v, g.v, g.n * sizeof *g.v);
    free(g.v);
    out->n = g.n;
    return 0;
}
