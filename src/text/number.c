/*
 * number.c -- see number.h; the rules for vague amounts are in
 * docs/quantities.md.
 *
 * A quantity is read at a token in three steps:
 *   1. an optional modifier phrase ("at least", "more than", "about",
 *      "between", "up to" ...) that decides the bounds and flags;
 *   2. the amount itself: a vague word ("dozens", "several", "a few"), or
 *      a cardinal in digits ("1,500", "2.5 million") or words ("twenty-one",
 *      "one hundred and twenty", "a dozen");
 *   3. an optional tail ("or more", "or so", "or four", "to 30").
 * A modifier wins over a bare amount, and scanning resumes after what was
 * read, so the found quantities never overlap.
 *
 * Dates, clock times and identifiers are not quantities (not_count): number
 * tokens with ':' or '/' or two hyphens, a day next to a month name, times
 * ("10 a.m.", "AT 0945"), and numbers after "No.", "Law", "Flight"...
 * Four-digit years are kept but flagged SR_NF_YEAR, ordinals
 * SR_NF_ORDINAL, so that no count is built from them.
 *
 * Words are looked up in one constant table through a small hash index
 * that each call builds on its stack (about a microsecond), so the table
 * stays shared and read-only.  A cheap filter (may_start) lets only number
 * tokens and table words start a reading.
 */
#include "number.h"

#include <assert.h>
#include <string.h>

#define MAXV 1000000000000000LL /* 10^15: larger amounts are not counts */

typedef enum wk {
    W_UNIT = 1,  /* zero..nine */
    W_TEEN,      /* ten..nineteen */
    W_TENS,      /* twenty..ninety */
    W_HUNDRED,
    W_MULT,      /* thousand, million, billion */
    W_DOZEN,
    W_ORD,       /* ordinal word, value = its number */
    W_ORD_TENS,  /* twentieth..ninetieth */
    W_A,         /* "a", "an" */
    W_AND,
    W_VAGUE,     /* dozens, hundreds, several ...: value = minimum */
    W_MONTH,
    W_NONE,      /* "none", "nobody": zero */
    W_MOD,       /* first word of a modifier or vague phrase ("at", "more") */
    W_LINK,      /* a later word of such a phrase ("least", "than", "few") */
} wk;

typedef struct word {
    const char *w;
    unsigned char len;
    unsigned char kind;
    int64_t v;
} word;

#define W(s, k, v) {s, sizeof s - 1, k, v}
static const word WORDS[] = {
    W("zero", W_UNIT, 0), W("one", W_UNIT, 1), W("two", W_UNIT, 2),
    W("three", W_UNIT, 3), W("four", W_UNIT, 4), W("five", W_UNIT, 5),
    W("six", W_UNIT, 6), W("seven", W_UNIT, 7), W("eight", W_UNIT, 8),
    W("nine", W_UNIT, 9), W("ten", W_TEEN, 10), W("eleven", W_TEEN, 11),
    W("twelve", W_TEEN, 12), W("thirteen", W_TEEN, 13), W("fourteen", W_TEEN, 14),
    W("fifteen", W_TEEN, 15), W("sixteen", W_TEEN, 16), W("seventeen", W_TEEN, 17),
    W("eighteen", W_TEEN, 18), W("nineteen", W_TEEN, 19), W("twenty", W_TENS, 20),
    W("thirty", W_TENS, 30), W("forty", W_TENS, 40), W("fifty", W_TENS, 50),
    W("sixty", W_TENS, 60), W("seventy", W_TENS, 70), W("eighty", W_TENS, 80),
    W("ninety", W_TENS, 90), W("hundred", W_HUNDRED, 100),
    W("thousand", W_MULT, 1000), W("million", W_MULT, 1000000),
    W("billion", W_MULT, 1000000000), W("dozen", W_DOZEN, 12),
    W("first", W_ORD, 1), W("second", W_ORD, 2), W("third", W_ORD, 3),
    W("fourth", W_ORD, 4), W("fifth", W_ORD, 5), W("sixth", W_ORD, 6),
    W("seventh", W_ORD, 7), W("eighth", W_ORD, 8), W("ninth", W_ORD, 9),
    W("tenth", W_ORD, 10), W("eleventh", W_ORD, 11), W("twelfth", W_ORD, 12),
    W("thirteenth", W_ORD, 13), W("fourteenth", W_ORD, 14),
    W("fifteenth", W_ORD, 15), W("sixteenth", W_ORD, 16),
    W("seventeenth", W_ORD, 17), W("eighteenth", W_ORD, 18),
    W("nineteenth", W_ORD, 19), W("twentieth", W_ORD_TENS, 20),
    W("thirtieth", W_ORD_TENS, 30), W("fortieth", W_ORD_TENS, 40),
    W("fiftieth", W_ORD_TENS, 50), W("sixtieth", W_ORD_TENS, 60),
    W("seventieth", W_ORD_TENS, 70), W("eightieth", W_ORD_TENS, 80),
    W("ninetieth", W_ORD_TENS, 90), W("hundredth", W_ORD, 100),
    W("thousandth", W_ORD, 1000),
    W("a", W_A, 1), W("an", W_A, 1), W("and", W_AND, 0),
    W("dozens", W_VAGUE, 24), W("scores", W_VAGUE, 40), W("hundreds", W_VAGUE, 200),
    W("thousands", W_VAGUE, 2000), W("millions", W_VAGUE, 2000000),
    W("several", W_VAGUE, 3), W("many", W_VAGUE, 2), W("numerous", W_VAGUE, 2),
    W("jan", W_MONTH, 1), W("jan.", W_MONTH, 1), W("january", W_MONTH, 1),
    W("feb", W_MONTH, 2), W("feb.", W_MONTH, 2), W("february", W_MONTH, 2),
    W("mar", W_MONTH, 3), W("mar.", W_MONTH, 3), W("march", W_MONTH, 3),
    W("apr", W_MONTH, 4), W("apr.", W_MONTH, 4), W("april", W_MONTH, 4),
    W("may", W_MONTH, 5), W("jun", W_MONTH, 6), W("jun.", W_MONTH, 6),
    W("june", W_MONTH, 6), W("jul", W_MONTH, 7), W("jul.", W_MONTH, 7),
    W("july", W_MONTH, 7), W("aug", W_MONTH, 8), W("aug.", W_MONTH, 8),
    W("august", W_MONTH, 8), W("sep", W_MONTH, 9), W("sep.", W_MONTH, 9),
    W("sept", W_MONTH, 9), W("sept.", W_MONTH, 9), W("september", W_MONTH, 9),
    W("oct", W_MONTH, 10), W("oct.", W_MONTH, 10), W("october", W_MONTH, 10),
    W("nov", W_MONTH, 11), W("nov.", W_MONTH, 11), W("november", W_MONTH, 11),
    W("dec", W_MONTH, 12), W("dec.", W_MONTH, 12), W("december", W_MONTH, 12),
    W("at", W_MOD, 0), W("no", W_MOD, 0), W("not", W_MOD, 0), W("upwards", W_MOD, 0),
    W("more", W_MOD, 0), W("over", W_MOD, 0), W("well", W_MOD, 0), W("just", W_MOD, 0),
    W("in", W_MOD, 0), W("greater", W_MOD, 0), W("about", W_MOD, 0),
    W("around", W_MOD, 0), W("approximately", W_MOD, 0), W("approx.", W_MOD, 0),
    W("roughly", W_MOD, 0), W("nearly", W_MOD, 0), W("almost", W_MOD, 0),
    W("some", W_MOD, 0), W("estimated", W_MOD, 0), W("close", W_MOD, 0),
    W("circa", W_MOD, 0), W("up", W_MOD, 0), W("as", W_MOD, 0), W("fewer", W_MOD, 0),
    W("less", W_MOD, 0), W("under", W_MOD, 0), W("exactly", W_MOD, 0),
    W("between", W_MOD, 0), W("tens", W_MOD, 0), W("half", W_MOD, 0),
    W("none", W_NONE, 0), W("nobody", W_NONE, 0),
    W("least", W_LINK, 0), W("than", W_LINK, 0), W("of", W_LINK, 0), W("to", W_LINK, 0),
    W("few", W_LINK, 0), W("handful", W_LINK, 0), W("couple", W_LINK, 0),
    W("total", W_LINK, 0), W("minimum", W_LINK, 0), W("maximum", W_LINK, 0),
    W("excess", W_LINK, 0), W("most", W_LINK, 0),
};
#undef W
#define NWORDS (sizeof WORDS / sizeof WORDS[0])

/* Modifier phrases (space-separated folded words) before an amount. */
typedef enum mk {
    M_EXACT,   /* "a total of" */
    M_APPROX,  /* about N: N..N approx */
    M_LOWER,   /* at least N: N..null */
    M_ABOVE,   /* more than N: N+1..null */
    M_UPTO,    /* up to N: 0..N */
    M_BELOW,   /* fewer than N: 0..N-1 */
    M_BETWEEN, /* between N and M */
} mk;

typedef struct modifier {
    const char *p;
    mk kind;
} modifier;

static const modifier MODS[] = {
    {"at least", M_LOWER}, {"as few as", M_LOWER}, {"no fewer than", M_LOWER}, {"no less than", M_LOWER},
    {"not less than", M_LOWER}, {"upwards of", M_LOWER}, {"a minimum of", M_LOWER},
    {"more than", M_ABOVE}, {"over", M_ABOVE}, {"well over", M_ABOVE},
    {"just over", M_ABOVE}, {"in excess of", M_ABOVE}, {"greater than", M_ABOVE},
    {"about", M_APPROX}, {"around", M_APPROX}, {"approximately", M_APPROX},
    {"approx.", M_APPROX}, {"roughly", M_APPROX}, {"nearly", M_APPROX},
    {"almost", M_APPROX}, {"some", M_APPROX}, {"an estimated", M_APPROX},
    {"estimated", M_APPROX}, {"close to", M_APPROX}, {"circa", M_APPROX},
    {"up to", M_UPTO}, {"at most", M_UPTO}, {"no more than", M_UPTO},
    {"as many as", M_UPTO}, {"a maximum of", M_UPTO}, {"not more than", M_UPTO},
    {"fewer than", M_BELOW}, {"less than", M_BELOW}, {"under", M_BELOW},
    {"just under", M_BELOW},
    {"a total of", M_EXACT}, {"exactly", M_EXACT}, {"between", M_BETWEEN},
};
#define NMODS (sizeof MODS / sizeof MODS[0])

/* Per-call hash index of WORDS (chained; built on the stack in about a
 * microsecond, so the table itself stays const and shared). */
#define NBUCKET 256

typedef struct windex {
    short head[NBUCKET];
    short next[sizeof WORDS / sizeof WORDS[0]];
} windex;

static unsigned whash(const char *s, size_t n) {
    return ((unsigned char)s[0] * 31u + (unsigned)n * 7u + (unsigned char)s[n - 1] * 3u +
            (n > 1 ? (unsigned char)s[1] : 0u)) & (NBUCKET - 1);
}

static void build_index(windex *ix) {
    for (size_t b = 0; b < NBUCKET; b++) ix->head[b] = -1;
    for (size_t i = NWORDS; i-- > 0;) {
        unsigned h = whash(WORDS[i].w, WORDS[i].len);
        ix->next[i] = ix->head[h];
        ix->head[h] = (short)i;
    }
}

/* The entry for s[0..n), or NULL.  Without an index (ix NULL: a single
 * sr_parse_number call, where building one would cost more) the table is
 * scanned, which is a few hundred byte comparisons. */
static const word *lookup(const windex *ix, const char *s, size_t n) {
    if (n == 0 || n > 13) return NULL;
    if (!ix) {
        for (size_t i = 0; i < NWORDS; i++)
            if (WORDS[i].len == n && WORDS[i].w[0] == s[0] && memcmp(WORDS[i].w, s, n) == 0)
                return &WORDS[i];
        return NULL;
    }
    for (int i = ix->head[whash(s, n)]; i >= 0; i = ix->next[i]) {
        const word *w = &WORDS[i];
        if (w->len == n && w->w[0] == s[0] && memcmp(w->w, s, n) == 0) return w;
    }
    return NULL;
}

/* ---- pieces: the words of a candidate, hyphenated tokens split ---- */

typedef struct piece {
    const char *s;
    uint32_t n;
    uint32_t tok;      /* token index it came from */
    unsigned last : 1; /* last piece of its token */
} piece;

#define MAXP 24

/* Digits with optional thousands commas and one decimal point:
 * sets *v (the integer part) and *frac_num / *frac_den for the decimals.
 * Returns 0, or -1 when the string is not such a number. */
static int parse_digits(const char *s, size_t n, int64_t *ip, int64_t *fnum,
                        int64_t *fden) {
    size_t i = 0;
    int64_t v = 0;
    int group = 0, commas = 0;
    if (n == 0 || s[0] < '0' || s[0] > '9') return -1;
    for (; i < n && s[i] != '.'; i++) {
        char c = s[i];
        if (c == ',') {
            if (group == 0 || (commas == 0 && group > 3) || (commas && group != 3))
                return -1;
            commas++;
            group = 0;
            continue;
        }
        if (c < '0' || c > '9') return -1;
        if (v > MAXV) return -1;
        v = v * 10 + (c - '0');
        group++;
    }
    if (commas && group != 3) return -1;
    if (commas == 0 && group == 0) return -1;
    int64_t num = 0, den = 1;
    if (i < n) {  /* decimals */
        i++;
        if (i == n) return -1;
        for (; i < n; i++) {
            char c = s[i];
            if (c < '0' || c > '9') return -1;
            if (den < 1000000000) { num = num * 10 + (c - '0'); den *= 10; }
        }
    }
    *ip = v;
    *fnum = num;
    *fden = den;
    return 0;
}

/* A cardinal at p[0..np): digits (with an optional multiplier word) or
 * number words.  Returns the number of pieces used (0 when none) and sets
 * *v; *ord is set when the cardinal ends with an ordinal word. */
static size_t cardinal(const windex *ix, const piece *p, size_t np, int64_t *v,
                       int *ord) {
    *ord = 0;
    if (np == 0) return 0;
    int64_t ip, fnum, fden;
    if (parse_digits(p[0].s, p[0].n, &ip, &fnum, &fden) == 0) {
        size_t k = 1;
        int64_t mult = 1;
        if (k < np) {
            const word *w = lookup(ix, p[k].s, p[k].n);
            if (w && (w->kind == W_MULT || w->kind == W_HUNDRED || w->kind == W_DOZEN)) {
                mult = w->v;
                k++;
            }
        }
        if (ip > MAXV / mult) return 0;
        if (fnum && (fnum * mult) % fden != 0) return 0;  /* "2.5" alone: not a count */
        *v = ip * mult + fnum * mult / fden;
        return k;
    }
    int64_t total = 0, cur = 0, last_mult = MAXV + 1;
    int last = 0;  /* kind of the previous word */
    size_t k = 0, used = 0;
    for (; k < np; k++) {
        const word *w = lookup(ix, p[k].s, p[k].n);
        if (!w) break;
        int kd = w->kind;
        if (kd == W_A) {
            if (k != 0 || k + 1 >= np) break;
            const word *nx = lookup(ix, p[k + 1].s, p[k + 1].n);
            if (!nx || (nx->kind != W_HUNDRED && nx->kind != W_MULT && nx->kind != W_DOZEN))
                break;
            cur = 1;
            last = W_A;
            continue;
        }
        if (kd == W_AND) {
            if (last != W_HUNDRED && last != W_MULT) break;
            if (k + 1 >= np) break;
            const word *nx = lookup(ix, p[k + 1].s, p[k + 1].n);
            if (!nx || (nx->kind != W_UNIT && nx->kind != W_TEEN && nx->kind != W_TENS))
                break;
            last = W_AND;
            continue;
        }
        if (kd == W_UNIT || kd == W_TEEN || kd == W_TENS) {
            if (last == W_UNIT || last == W_TEEN || last == W_A) break;
            if (last == W_TENS && kd != W_UNIT) break;
            if (last == W_TENS && w->v == 0) break;
            cur += w->v;
            last = kd;
            used = k + 1;
            continue;
        }
        if (kd == W_ORD || kd == W_ORD_TENS) {
            if (last == W_UNIT || last == W_TEEN) break;
            if (last == W_TENS && (kd != W_ORD || w->v > 9)) break;
            if (last == W_A) break;
            if (w->v >= 100) cur = (cur ? cur : 1) * w->v;
            else cur += w->v;
            *ord = 1;
            used = k + 1;
            k++;
            break;
        }
        if (kd == W_HUNDRED) {
            if (cur == 0 || cur >= 100 || last == W_HUNDRED) break;
            cur *= 100;
            last = kd;
            used = k + 1;
            continue;
        }
        if (kd == W_MULT) {
            if (cur == 0 || w->v >= last_mult || last == W_MULT) break;
            total += cur * w->v;
            cur = 0;
            last_mult = w->v;
            last = kd;
            used = k + 1;
            continue;
        }
        if (kd == W_DOZEN) {
            if (cur == 0 || last == W_DOZEN || cur > 1000) break;
            cur *= 12;
            last = kd;
            used = k + 1;
            k++;
            break;
        }
        break;
    }
    if (used == 0) return 0;
    *v = total + cur;
    return used;
}

int sr_parse_number(const char *s, size_t n, int64_t *v) {
    piece p[MAXP];
    size_t np = 0, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        if (i >= n) break;
        size_t j = i;
        int digits = s[i] >= '0' && s[i] <= '9';
        while (j < n && s[j] != ' ' && (digits || s[j] != '-')) j++;
        if (np == MAXP) return -1;
        p[np++] = (piece){s + i, (uint32_t)(j - i), 0, 1};
        i = j;
        if (i < n && s[i] == '-' && !digits) {
            i++;
            if (i >= n || s[i] == ' ' || s[i] == '-') return -1;
        }
    }
    int ord;
    int64_t x;
    if (np == 0 || cardinal(NULL, p, np, &x, &ord) != np || ord) return -1;
    *v = x;
    return 0;
}

/* ---- scanning tokens ---- */

typedef struct scan {
    const windex *ix;
    const char *text;
    const sr_token *t;
    size_t n;
} scan;

/* Pieces of tokens [i, ...) up to MAXP; returns how many. */
static size_t pieces_at(const scan *sc, size_t i, piece *p) {
    size_t np = 0;
    for (size_t k = i; k < sc->n && np < MAXP; k++) {
        const sr_token *t = &sc->t[k];
        if (k > i && (t->flags & SR_TF_PARA_BEFORE)) break;
        if (t->kind == SR_TOK_PUNCT) break;
        const char *s = t->norm;
        size_t n = t->norm_len, a = 0;
        if (t->kind == SR_TOK_WORD && (t->flags & SR_TF_HYPHEN)) {
            size_t np0 = np;
            for (size_t b = 0; b <= n && np < MAXP; b++) {
                if (b == n || s[b] == '-') {
                    p[np++] = (piece){s + a, (uint32_t)(b - a), (uint32_t)k, b == n};
                    a = b + 1;
                }
            }
            if (np == np0 || !p[np - 1].last) { np = np0; break; }
        } else {
            p[np++] = (piece){s, (uint32_t)n, (uint32_t)k, 1};
        }
    }
    return np;
}

/* Pieces used must end at a token boundary: returns the token end, or 0. */
static size_t tok_end(const piece *p, size_t used) {
    if (used == 0 || !p[used - 1].last) return 0;
    return p[used - 1].tok + 1;
}

static int piece_is(const piece *p, const char *w) {
    size_t n = strlen(w);
    return p->n == n && memcmp(p->s, w, n) == 0;
}

/* Does p[0..np) start with the words of phrase? Returns the count used. */
static size_t phrase_at(const piece *p, size_t np, const char *phrase) {
    size_t k = 0;
    const char *s = phrase;
    while (*s) {
        size_t n = 0;
        while (s[n] && s[n] != ' ') n++;
        if (k >= np || p[k].n != n || memcmp(p[k].s, s, n) != 0) return 0;
        k++;
        s += n;
        if (*s == ' ') s++;
    }
    return k;
}

typedef struct amount {
    size_t used;  /* pieces */
    int64_t min, max;
    uint32_t flags;
} amount;

static int not_count(const scan *sc, size_t k);
static int year_tok(const sr_token *t);

/* The amount at p[0..np): vague phrase or cardinal (+ tail).  used = 0 when none. */
static amount amount_at(const scan *sc, const piece *p, size_t np) {
    amount r = {0, 0, 0, 0};
    if (np == 0) return r;
    /* vague phrases */
    size_t k;
    if ((k = phrase_at(p, np, "tens of thousands"))) {
        r = (amount){k, 20000, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "hundreds of thousands"))) {
        r = (amount){k, 200000, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "a few dozen"))) {
        r = (amount){k, 24, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "several dozen"))) {
        r = (amount){k, 36, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "several hundred"))) {
        r = (amount){k, 300, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "several thousand"))) {
        r = (amount){k, 3000, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "a few hundred"))) {
        r = (amount){k, 200, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "a few thousand"))) {
        r = (amount){k, 2000, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "a few")) || (k = phrase_at(p, np, "a handful"))) {
        r = (amount){k, 2, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
    } else if ((k = phrase_at(p, np, "half a dozen"))) {
        r = (amount){k, 6, 6, 0};
    } else if ((k = phrase_at(p, np, "a couple"))) {
        r = (amount){k, 2, 2, SR_NF_APPROX};
    } else if ((k = phrase_at(p, np, "no one"))) {
        r = (amount){k, 0, 0, 0};
    } else {
        const word *w = lookup(sc->ix, p[0].s, p[0].n);
        if (w && w->kind == W_VAGUE)
            r = (amount){1, w->v, SR_NUM_UNBOUNDED, SR_NF_VAGUE};
        else if (w && w->kind == W_NONE)
            r = (amount){1, 0, 0, 0};
    }
    if (r.used) {
        if (r.used < np && piece_is(&p[r.used], "of") && r.used + 1 < np &&
            piece_is(&p[r.used - 1], "couple"))
            r.used++;  /* "a couple of" */
        return r;
    }
    if (not_count(sc, p[0].tok)) return r;
    int ord;
    int64_t v;
    size_t used = cardinal(sc->ix, p, np, &v, &ord);
    if (!used) return r;
    r.used = used;
    r.min = r.max = v;
    if (ord) { r.flags = SR_NF_ORDINAL; return r; }
    /* tails */
    if ((k = phrase_at(p + used, np - used, "or more"))) {
        r.used += k; r.max = SR_NUM_UNBOUNDED; r.flags |= SR_NF_LOWER;
    } else if ((k = phrase_at(p + used, np - used, "or so"))) {
        r.used += k; r.flags |= SR_NF_APPROX;
    } else if (used < np && (piece_is(&p[used], "or") || piece_is(&p[used], "to"))) {
        int64_t v2;
        int ord2;
        size_t u2 = used + 1 < np && !not_count(sc, p[used + 1].tok)
                        ? cardinal(sc->ix, p + used + 1, np - used - 1, &v2, &ord2) : 0;
        if (u2 && !ord2 && v2 > v &&
            !(year_tok(&sc->t[p[0].tok]) && year_tok(&sc->t[p[used + 1].tok]))) {
            r.used += 1 + u2;
            r.max = v2;
            r.flags |= SR_NF_RANGE;
        }
    }
    return r;
}

/* A digits token that is a date or time rather than a number. */
static int date_like(const sr_token *t) {
    int hyph = 0;
    for (uint32_t i = 0; i < t->norm_len; i++) {
        char c = t->norm[i];
        if (c == ':' || c == '/') return 1;
        if (c == '-') hyph++;
    }
    return hyph >= 2;
}

static inline int norm_eq(const sr_token *t, const char *w);

static int is_month(const scan *sc, size_t k) {
    if (k >= sc->n) return 0;
    const sr_token *t = &sc->t[k];
    if (t->kind != SR_TOK_WORD) return 0;
    const word *w = lookup(sc->ix, t->norm, t->norm_len);
    if (!w || w->kind != W_MONTH) return 0;
    /* "may" and "march" are also verbs ("20 may have died", "thousands
     * march"): lower case, they are months only between two numbers
     * ("14 march 91") or after a preposition of time ("on may 5"). */
    if ((norm_eq(t, "may") || norm_eq(t, "march")) && (t->flags & SR_TF_LOWER)) {
        if (k == 0) return 0;
        const sr_token *p = &sc->t[k - 1];
        if (p->kind == SR_TOK_NUM) return k + 1 < sc->n && sc->t[k + 1].kind == SR_TOK_NUM;
        return norm_eq(p, "on") || norm_eq(p, "in") || norm_eq(p, "since") ||
               norm_eq(p, "until") || norm_eq(p, "from") || norm_eq(p, "by") ||
               norm_eq(p, "of") || norm_eq(p, "early") || norm_eq(p, "late") ||
               norm_eq(p, "mid") || norm_eq(p, "last") || norm_eq(p, "next");
    }
    return 1;
}

static inline int norm_eq(const sr_token *t, const char *w) {
    if (t->norm[0] != w[0]) return 0;  /* cheap reject before strlen */
    size_t n = strlen(w);
    return t->norm_len == n && memcmp(t->norm, w, n) == 0;
}

static int year_tok(const sr_token *t) {
    if (t->kind != SR_TOK_NUM || t->norm_len != 4) return 0;
    int64_t v = 0;
    for (int k = 0; k < 4; k++) {
        char c = t->norm[k];
        if (c < '0' || c > '9') return 0;
        v = v * 10 + (c - '0');
    }
    return v >= 1800 && v <= 2100;
}

/* Words after which a number names something ("Law 18314", "Flight 370",
 * "Resolution 2100", "No. 4") instead of counting it. */
static const char *const ID_WORDS[] = {
    "no.", "nos.", "#", "number", "law", "decree", "resolution", "article", "flight",
    "route", "highway", "road", "room", "page", "section", "chapter", "paragraph",
    "apartment", "apt.", "suite", "platform", "channel", "code", "box", "kilometer",
    "km", "mile", "km.", "gate", "bus", "line", "tel", "tel.", "phone", NULL};

static int is_id_word(const sr_token *t) {
    if (t->norm_len > 10) return 0;
    for (const char *const *w = ID_WORDS; *w; w++)
        if (norm_eq(t, *w)) return 1;
    return 0;
}

/* A number token that is a date, a clock time or an identifier rather than
 * an amount: "10:30", "2017-06-18", "No. 4", "10 a.m.", "AT 0945" (the
 * military times of wire copy), "3 JAN", "June 18". */
static int not_count(const scan *sc, size_t k) {
    const sr_token *t = &sc->t[k];
    if (t->kind != SR_TOK_NUM) return 0;
    if (date_like(t)) return 1;
    const sr_token *prev = k > 0 ? &sc->t[k - 1] : NULL;
    const sr_token *next = k + 1 < sc->n ? &sc->t[k + 1] : NULL;
    if (prev && is_id_word(prev)) return 1;
    if (next && (norm_eq(next, "a.m.") || norm_eq(next, "p.m.") || norm_eq(next, "am") ||
                 norm_eq(next, "pm") || norm_eq(next, "gmt") || norm_eq(next, "hrs") ||
                 norm_eq(next, "hours") || norm_eq(next, "utc") || norm_eq(next, "o'clock")))
        return 1;
    int digits = 1;
    for (uint32_t j = 0; j < t->norm_len; j++)
        if (t->norm[j] < '0' || t->norm[j] > '9') digits = 0;
    if (!digits) return 0;
    if (t->norm_len == 4) {  /* HHMM */
        int hh = (t->norm[0] - '0') * 10 + (t->norm[1] - '0');
        int mm = (t->norm[2] - '0') * 10 + (t->norm[3] - '0');
        if (hh < 24 && mm < 60 && (t->norm[0] == '0' || (prev && norm_eq(prev, "at"))))
            return 1;
    }
    if (year_tok(t)) return 0;
    if (t->norm_len > 2) return 0;
    if (next && is_month(sc, k + 1)) return 1;  /* "3 JAN", "18 June" */
    if (prev && is_month(sc, k - 1)) {
        /* "June 18", "3 JAN 90"; but in "ON 23 SEPTEMBER 28 BODIES" the
         * day came before the month, so a number followed by a word counts */
        int day_before = k >= 2 && sc->t[k - 2].kind == SR_TOK_NUM;
        return !(day_before && next && next->kind == SR_TOK_WORD &&
                 !(next->flags & SR_TF_NL_BEFORE));
    }
    return 0;
}

/* A "N-M" digit token: 10-15. */
static int digit_range(const sr_token *t, int64_t *a, int64_t *b) {
    const char *s = t->norm, *d = memchr(s, '-', t->norm_len);
    if (!d) return 0;
    int64_t ip, fn, fd, ip2;
    if (parse_digits(s, (size_t)(d - s), &ip, &fn, &fd) || fn) return 0;
    if (parse_digits(d + 1, t->norm_len - (size_t)(d + 1 - s), &ip2, &fn, &fd) || fn)
        return 0;
    if (ip2 <= ip) return 0;
    *a = ip;
    *b = ip2;
    return 1;
}

typedef struct grow {
    sr_arena *a;
    sr_number *v;
    size_t n, cap;
} grow;

static int add(grow *g, const scan *sc, size_t first, size_t end, int64_t min,
               int64_t max, uint32_t flags) {
    assert(first < end && end <= sc->n);
    assert(g->n == 0 || g->v[g->n - 1].tok_end <= first);
    assert(min >= 0 && (max == SR_NUM_UNBOUNDED || max >= min));
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 32;
        sr_number *v = sr_arena_realloc(g->a, g->v, g->cap * sizeof *v, cap * sizeof *v);
        if (!v) return -1;
        g->v = v;
        g->cap = cap;
    }
    sr_number *x = &g->v[g->n++];
    x->start = sc->t[first].start;
    x->end = sc->t[end - 1].end;
    x->tok_first = (uint32_t)first;
    x->tok_end = (uint32_t)end;
    x->min = min;
    x->max = max;
    x->flags = flags;
    return 0;
}

/* Is the token at i a possible start of a quantity?  (Cheap filter: a
 * number token, a word of the table other than a month or "and", or a
 * digit-initial word such as "21st".  A modifier word or "a" must be
 * followed by something of the same kind.) */
/* The table entry for a word token (for "twenty-one", its first part). */
static const word *token_word(const scan *sc, const sr_token *t) {
    size_t n = t->norm_len;
    if (t->flags & SR_TF_HYPHEN) {
        const char *d = memchr(t->norm, '-', n);
        if (d) n = (size_t)(d - t->norm);
    }
    return lookup(sc->ix, t->norm, n);
}

static int known_word(const scan *sc, const sr_token *t) {
    if (t->kind == SR_TOK_NUM) return 1;
    if (t->kind != SR_TOK_WORD) return 0;
    if (t->norm[0] >= '0' && t->norm[0] <= '9') return 1;
    const word *w = token_word(sc, t);
    return w && w->kind != W_MONTH && w->kind != W_AND;
}

static int may_start(const scan *sc, size_t i) {
    const sr_token *t = &sc->t[i];
    if (t->kind == SR_TOK_NUM) return 1;
    if (t->kind != SR_TOK_WORD) return 0;
    if (t->norm[0] >= '0' && t->norm[0] <= '9') return 1;
    const word *w = token_word(sc, t);
    if (!w || w->kind == W_MONTH || w->kind == W_AND || w->kind == W_LINK) return 0;
    if (w->kind == W_MOD || w->kind == W_A)
        return i + 1 < sc->n && known_word(sc, &sc->t[i + 1]);
    return 1;
}

/* Try a quantity at token i; returns the token end (0 when none). */
static size_t quantity_at(const scan *sc, grow *g, size_t i, int *err) {
    piece p[MAXP];
    size_t np = pieces_at(sc, i, p);
    if (np == 0) return 0;
    const sr_token *t = &sc->t[i];
    /* dates, times, identifiers */
    if (t->kind == SR_TOK_NUM) {
        if (not_count(sc, i)) return i + 1;
        int64_t a, b;
        if (digit_range(t, &a, &b)) {
            if (!(a >= 1800 && b <= 2100 && a >= 1000))  /* "1990-1995": dates */
                if (add(g, sc, i, i + 1, a, b, SR_NF_RANGE)) *err = 1;
            return i + 1;
        }
        int64_t ip, fn, fd;
        int plain = parse_digits(t->norm, t->norm_len, &ip, &fn, &fd) == 0 && fn == 0 &&
                    fd == 1 && !memchr(t->norm, ',', t->norm_len);
        int year = plain && t->norm_len == 4 && ip >= 1800 && ip <= 2100;
        int next_mult = 0;
        if (np > 1) {
            const word *w = lookup(sc->ix, p[1].s, p[1].n);
            next_mult = w && (w->kind == W_MULT || w->kind == W_HUNDRED || w->kind == W_DOZEN);
        }
        if (year && !next_mult) {
            if (add(g, sc, i, i + 1, ip, ip, SR_NF_YEAR)) *err = 1;
            return i + 1;
        }
    }
    /* ordinals in digits with a suffix: "21st", "3rd", "3d" (wire style) */
    if (t->kind == SR_TOK_WORD && t->norm[0] >= '0' && t->norm[0] <= '9') {
        size_t d = 0;
        int64_t v = 0;
        while (d < t->norm_len && t->norm[d] >= '0' && t->norm[d] <= '9' && d < 9)
            v = v * 10 + (t->norm[d++] - '0');
        const char *suf = t->norm + d;
        size_t sl = t->norm_len - d;
        if ((sl == 2 && (!memcmp(suf, "st", 2) || !memcmp(suf, "nd", 2) ||
                         !memcmp(suf, "rd", 2) || !memcmp(suf, "th", 2))) ||
            (sl == 1 && *suf == 'd')) {
            if (add(g, sc, i, i + 1, v, v, SR_NF_ORDINAL)) *err = 1;
            return i + 1;
        }
        return 0;
    }
    /* modifier phrases */
    size_t best_mod = 0;
    mk kind = M_EXACT;
    for (size_t m = 0; m < NMODS; m++) {
        if (MODS[m].p[0] != p[0].s[0]) continue;
        size_t k = phrase_at(p, np, MODS[m].p);
        if (k > best_mod) { best_mod = k; kind = MODS[m].kind; }
    }
    if (best_mod) {
        amount am = amount_at(sc, p + best_mod, np - best_mod);
        /* a modifier never takes a year: "around 2015" is a time */
        if (am.used && !(am.flags & SR_NF_ORDINAL) &&
            !(am.used == 1 && year_tok(&sc->t[p[best_mod].tok]))) {
            size_t used = best_mod + am.used;
            int64_t min = am.min, max = am.max;
            uint32_t fl = am.flags;
            int ok = 1;
            switch (kind) {
            case M_EXACT: break;
            case M_APPROX: fl |= SR_NF_APPROX; break;
            case M_LOWER: max = SR_NUM_UNBOUNDED; fl |= SR_NF_LOWER; break;
            case M_ABOVE: min = min + 1; max = SR_NUM_UNBOUNDED; fl |= SR_NF_LOWER; break;
            case M_UPTO:   /* "up to dozens": no bound either way */
                min = 0;
                if (max != SR_NUM_UNBOUNDED) fl |= SR_NF_UPPER;
                break;
            case M_BELOW:
                if (max == 0) { ok = 0; break; }
                min = 0;
                if (max != SR_NUM_UNBOUNDED) { max = max - 1; fl |= SR_NF_UPPER; }
                break;
            case M_BETWEEN: {
                ok = 0;
                if (used < np && piece_is(&p[used], "and") && max != SR_NUM_UNBOUNDED) {
                    amount b = amount_at(sc, p + used + 1, np - used - 1);
                    if (b.used && !(b.flags & (SR_NF_ORDINAL | SR_NF_RANGE)) &&
                        b.max != SR_NUM_UNBOUNDED && b.min > min &&
                        !(year_tok(&sc->t[p[best_mod].tok]) &&
                          year_tok(&sc->t[p[used + 1].tok]))) {
                        used += 1 + b.used;
                        max = b.max;
                        fl = (fl | b.flags | SR_NF_RANGE);
                        ok = 1;
                    }
                }
                break;
            }
            }
            size_t end = ok ? tok_end(p, used) : 0;
            if (end) {
                if (add(g, sc, i, end, min, max, fl)) *err = 1;
                return end;
            }
        }
    }
    amount am = amount_at(sc, p, np);
    size_t end = tok_end(p, am.used);
    if (!end) return 0;
    if (add(g, sc, i, end, am.min, am.max, am.flags)) *err = 1;
    return end;
}

int sr_find_numbers(sr_arena *a, const char *text, const sr_tokens *toks,
                    sr_numbers *out) {
    windex ix;
    build_index(&ix);
    scan sc = {&ix, text, toks->v, toks->n};
    grow g = {a, NULL, 0, 0};
    int err = 0;
    size_t i = 0;
    while (i < toks->n) {
        if (!may_start(&sc, i)) { i++; continue; }
        size_t end = quantity_at(&sc, &g, i, &err);
        if (err) return -1;
        i = end > i ? end : i + 1;
    }
    out->v = g.v;
    out->n = g.n;
    return 0;
}
