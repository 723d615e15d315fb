/*
 * matcher.c -- see matcher.h.
 *
 * Three tables, all built at load and only read afterwards (so one matcher
 * serves any number of threads):
 *
 *   words   every distinct folded word of every phrase, interned to a small
 *           id (open addressing; a 16-byte slot holds the word's first 8
 *           bytes and length, so a lookup of a short word compares two
 *           integers, not strings, and the table stays small in cache);
 *   edges   the trie's edges, (node, word id) -> child node, in one open
 *           addressing table of 64-bit keys; the root's edges, taken at
 *           every token, are a plain array indexed by word id;
 *   term    for each trie node, the first entry that ends there (entries
 *           ending at the same node are chained through `next`).
 *
 * A scan first maps every token to its word id (a bit test on its length
 * and first byte; a one-byte word by table, a longer one by one hash
 * probe; a word that is in no phrase gets an id that starts nothing and
 * continues nothing), then walks the trie from each token that can start
 * a phrase.  Tokens and phrases are folded by the same code (sr_tokenize +
 * sr_fold), which is what makes "AL-QAÏDA" in an article match "al-Qaida"
 * in a lexicon.
 *
 * Cost: on the bench corpus (make bench) the scan executes about 0.3 times
 * the instructions of tokenizing (valgrind --tool=cachegrind); its time is
 * mostly branch mispredictions on whether a word is known, inherent to a
 * hash lookup per token.
 *
 * The TSV loader reads a whole file into memory and hands it to
 * sr_matcher_load_tsv_mem(), which the fuzz harness calls directly.
 */
#include "matcher.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/file.h"
#include "../core/utf8.h"

#define NO_WORD UINT32_MAX
#define NO_ENTRY UINT32_MAX
#define MAX_PHRASE_TOKENS 32   /* longer phrases are rejected at load */
#define MAX_LINE 4096          /* a lexicon line longer than this is an error */

typedef struct word_slot {   /* 16 bytes: four to a cache line */
    uint64_t w0;        /* the first 8 bytes of the word, zero-padded */
    uint32_t len;       /* its length in bytes */
    uint32_t id1;       /* word id + 1; 0 = empty slot */
} word_slot;

typedef struct word_info {   /* by word id */
    uint64_t w1;        /* bytes 8..15 of the word, zero-padded */
    const char *str;    /* the whole word (matcher arena) */
} word_info;

/* A word as looked up: its first 16 bytes, zero-padded, and its hash. */
typedef struct word_key {
    uint64_t w0, w1;
    uint32_t hash;
} word_key;

typedef struct edge_slot {
    uint64_t key;       /* node << 32 | word id */
    uint32_t child;     /* 0 = empty slot (the root is never a child) */
} edge_slot;

struct sr_matcher {
    sr_arena mem;               /* strings of entries and words */

    sr_lex_entry *entries;
    size_t nentries, capentries;
    uint32_t *next;             /* next entry ending at the same node */
    size_t capnext;

    word_slot *words;           /* capacity nwordslots, a power of two */
    size_t nwords, nwordslots;
    word_info *word;            /* by id: the rest of the word */
    uint32_t *root;             /* by id: the root's child by that word, or 0 */
    size_t capwords;

    edge_slot *edges;           /* capacity nedgeslots, a power of two */
    size_t nedges, nedgeslots;

    uint32_t *term;             /* per node: first entry ending here, or NO_ENTRY */
    size_t nnodes, capnodes;

    char **kinds;               /* kind names; kind_id indexes this */
    size_t nkinds, capkinds;

    uint32_t max_ntok;          /* longest phrase, in tokens */

    /* A quick filter before hashing a token: bit (length, first byte) is
     * set when some phrase word has that length (capped) and first byte.
     * Many words of a text fail it and cost two loads. */
    uint64_t first[256];        /* bit min(len, 63) of first[byte] */
    uint32_t byte_id[256];      /* id of each one-byte word, or NO_WORD: punctuation
                                 * and one-letter words need no hashing */
};

/* ---- hashing ------------------------------------------------------------ */

/* The key of a folded word: its first 16 bytes (loaded with memcpy, never
 * past the word's NUL) and a hash of all of it.  Most words fit in 8
 * bytes, so a lookup compares integers instead of calling memcmp on a
 * string elsewhere in memory. */
static inline uint64_t load64(const char *s) {
    uint64_t x;
    memcpy(&x, s, 8);
    return x;
}

static inline uint32_t load32(const char *s) {
    uint32_t x;
    memcpy(&x, s, 4);
    return x;
}

static inline uint16_t load16(const char *s) {
    uint16_t x;
    memcpy(&x, s, 2);
    return x;
}

/* s[0..n), n <= 8, as an integer zero-padded above: two overlapping loads
 * (the bytes they share are the same, so OR joins them exactly); no read
 * goes past the word's terminating NUL, and no byte-wise stack copy
 * stalls the load. */
static inline uint64_t load_upto8(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 8) return load64(s);
    if (n >= 4) return load32(s) | (uint64_t)load32(s + n - 4) << (8 * (n - 4));
    if (n == 0) return 0;
    return u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) | (uint64_t)u[n - 1] << (8 * (n - 1));
}

/* The same for a NUL-terminated word of 2 <= n <= 8 bytes (a token's
 * norm): s[n] is readable and zero, which lets one path serve lengths 3
 * to 7 (the loads [0,4) and [n-3,n+1) stay inside [0,n] and cover it),
 * so the common lengths take fewer, better predicted branches. */
static inline uint64_t load_norm(const char *s, size_t n) {
    if (n == 8) return load64(s);
    if (n >= 3) return load32(s) | (uint64_t)load32(s + n - 3) << (8 * (n - 3));
    return load16(s);
}

#if defined(__GNUC__)
#define SR_INLINE static inline __attribute__((always_inline))
#else
#define SR_INLINE static inline
#endif

/* The key of a NUL-terminated word of n > 1 bytes. */
SR_INLINE word_key key_of(const char *s, size_t n) {
    word_key k;
    if (n <= 8) {
        k.w0 = load_norm(s, n);
        k.w1 = 0;
    } else {
        k.w0 = load64(s);
        k.w1 = n >= 16 ? load64(s + 8) : load64(s + n - 8) >> (8 * (16 - n));
    }
    uint64_t h = (k.w0 ^ (uint64_t)n * 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
    if (n > 8) h ^= (k.w1 + (h >> 31)) * 0x94D049BB133111EBull;
    for (size_t i = 16; i < n; i += 8) {   /* the rare long word */
        h = (h ^ load_upto8(s + i, n - i < 8 ? n - i : 8)) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    k.hash = (uint32_t)(h >> 32);
    return k;
}

static uint32_t hash_edge(uint64_t key) {
    key *= 0x9E3779B97F4A7C15ull;
    return (uint32_t)(key >> 32);
}

/* ---- creation ------------------------------------------------------------ */

static int grow(void **v, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need) c *= 2;
    void *p = realloc(*v, c * size);
    if (!p) return -1;
    *v = p;
    *cap = c;
    return 0;
}

sr_status sr_matcher_new(sr_matcher **out) {
    *out = NULL;
    sr_matcher *m = calloc(1, sizeof *m);
    if (!m) return SR_ERR_NOMEM;
    sr_arena_init(&m->mem);
    m->nwordslots = 256;
    m->nedgeslots = 256;
    m->words = calloc(m->nwordslots, sizeof *m->words);
    m->edges = calloc(m->nedgeslots, sizeof *m->edges);
    if (!m->words || !m->edges || grow((void **)&m->term, &m->capnodes, 1, sizeof *m->term)) {
        sr_matcher_free(m);
        return SR_ERR_NOMEM;
    }
    m->term[0] = NO_ENTRY;   /* the root */
    for (size_t i = 0; i < 256; i++) m->byte_id[i] = NO_WORD;
    m->nnodes = 1;
    *out = m;
    return SR_OK;
}

void sr_matcher_free(sr_matcher *m) {
    if (!m) return;
    sr_arena_free(&m->mem);
    free(m->entries);
    free(m->next);
    free(m->words);
    free(m->word);
    free(m->root);
    free(m->edges);
    free(m->term);
    free(m->kinds);
    free(m);
}

/* ---- the word table ------------------------------------------------------ */

SR_INLINE uint32_t word_find(const sr_matcher *m, const char *s, size_t n, const word_key *k) {
    size_t mask = m->nwordslots - 1;
    for (size_t i = k->hash & mask;; i = (i + 1) & mask) {
        const word_slot *w = &m->words[i];
        if (!w->id1) return NO_WORD;
        if (w->w0 != k->w0 || w->len != n) continue;
        const word_info *wi = &m->word[w->id1 - 1];
        if (n <= 8 || (wi->w1 == k->w1 && (n <= 16 || memcmp(wi->str + 16, s + 16, n - 16) == 0)))
            return w->id1 - 1;
    }
}

static int word_rehash(sr_matcher *m) {
    size_t n = m->nwordslots * 2;
    word_slot *v = calloc(n, sizeof *v);
    if (!v) return -1;
    for (size_t i = 0; i < m->nwordslots; i++) {
        if (!m->words[i].id1) continue;
        const char *w = m->word[m->words[i].id1 - 1].str;
        size_t j = key_of(w, m->words[i].len).hash & (n - 1);
        while (v[j].id1) j = (j + 1) & (n - 1);
        v[j] = m->words[i];
    }
    free(m->words);
    m->words = v;
    m->nwordslots = n;
    return 0;
}

/* The id of a folded word, interning it when new; NO_WORD when out of memory. */
static uint32_t word_intern(sr_matcher *m, const char *s, size_t n) {
    word_key k = key_of(s, n);
    uint32_t id = word_find(m, s, n, &k);
    if (id != NO_WORD) return id;
    if ((m->nwords + 1) * 2 > m->nwordslots && word_rehash(m)) return NO_WORD;
    size_t cap = m->capwords, cap2 = m->capwords;
    if (grow((void **)&m->word, &cap, m->nwords + 1, sizeof *m->word) ||
        grow((void **)&m->root, &cap2, m->nwords + 2, sizeof *m->root))
        return NO_WORD;   /* whichever grew keeps its memory; capwords stays the smaller */
    m->capwords = cap;
    char *copy = sr_arena_strndup(&m->mem, s, n);
    if (!copy) return NO_WORD;
    id = (uint32_t)m->nwords++;
    m->word[id] = (word_info){k.w1, copy};
    m->root[id] = 0;
    m->root[id + 1] = 0;   /* root[nwords] = 0: the scan's id for "no word" */
    size_t mask = m->nwordslots - 1, i = k.hash & mask;
    while (m->words[i].id1) i = (i + 1) & mask;
    m->words[i] = (word_slot){k.w0, (uint32_t)n, id + 1};
    if (n) m->first[(unsigned char)s[0]] |= 1ull << (n < 63 ? n : 63);
    if (n == 1) m->byte_id[(unsigned char)s[0]] = id;
    return id;
}

/* ---- the trie ------------------------------------------------------------ */

static uint32_t edge_find(const sr_matcher *m, uint32_t node, uint32_t word) {
    uint64_t key = (uint64_t)node << 32 | word;
    size_t mask = m->nedgeslots - 1;
    for (size_t i = hash_edge(key) & mask;; i = (i + 1) & mask) {
        const edge_slot *e = &m->edges[i];
        if (!e->child) return 0;
        if (e->key == key) return e->child;
    }
}

static int edge_rehash(sr_matcher *m) {
    size_t n = m->nedgeslots * 2;
    edge_slot *v = calloc(n, sizeof *v);
    if (!v) return -1;
    for (size_t i = 0; i < m->nedgeslots; i++) {
        if (!m->edges[i].child) continue;
        size_t j = hash_edge(m->edges[i].key) & (n - 1);
        while (v[j].child) j = (j + 1) & (n - 1);
        v[j] = m->edges[i];
    }
    free(m->edges);
    m->edges = v;
    m->nedgeslots = n;
    return 0;
}

/* The child of node by word, created when missing; 0 when out of memory. */
static uint32_t edge_child(sr_matcher *m, uint32_t node, uint32_t word) {
    uint32_t c = node ? edge_find(m, node, word) : m->root[word];
    if (c) return c;
    if ((m->nedges + 1) * 2 > m->nedgeslots && edge_rehash(m)) return 0;
    if (grow((void **)&m->term, &m->capnodes, m->nnodes + 1, sizeof *m->term)) return 0;
    c = (uint32_t)m->nnodes++;
    m->term[c] = NO_ENTRY;
    if (node == 0) {   /* the root's edges are the array `root` */
        m->root[word] = c;
        return c;
    }
    uint64_t key = (uint64_t)node << 32 | word;
    size_t mask = m->nedgeslots - 1, i = hash_edge(key) & mask;
    while (m->edges[i].child) i = (i + 1) & mask;
    m->edges[i] = (edge_slot){key, c};
    m->nedges++;
    return c;
}

/* ---- kinds and attributes ------------------------------------------------ */

int sr_matcher_kind(const sr_matcher *m, const char *kind) {
    for (size_t i = 0; i < m->nkinds; i++)
        if (strcmp(m->kinds[i], kind) == 0) return (int)i;
    return -1;
}

static int kind_intern(sr_matcher *m, const char *kind, const char **name) {
    int k = sr_matcher_kind(m, kind);
    if (k >= 0) { *name = m->kinds[k]; return k; }
    if (grow((void **)&m->kinds, &m->capkinds, m->nkinds + 1, sizeof *m->kinds)) return -1;
    char *copy = sr_arena_strdup(&m->mem, kind);
    if (!copy) return -1;
    m->kinds[m->nkinds] = copy;
    *name = copy;
    return (int)m->nkinds++;
}

int sr_lex_attr(const sr_lex_entry *e, const char *key, char *out, size_t cap) {
    size_t klen = strlen(key);
    const char *p = e->attrs ? e->attrs : "";
    while (*p) {
        const char *end = strchr(p, ';');
        if (!end) end = p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        size_t kl = eq ? (size_t)(eq - p) : (size_t)(end - p);
        if (kl == klen && memcmp(p, key, klen) == 0) {
            if (out && cap) {
                const char *v = eq ? eq + 1 : end;
                size_t vl = (size_t)(end - v);
                if (vl >= cap) vl = cap - 1;
                memcpy(out, v, vl);
                out[vl] = '\0';
            }
            return 1;
        }
        p = *end ? end + 1 : end;
    }
    return 0;
}

/* ---- adding phrases ------------------------------------------------------ */

typedef struct add_result {
    sr_status st;
    uint32_t dup;          /* an earlier entry with the same words and kind, or NO_ENTRY */
    const char *why;       /* for SR_ERR_ARG */
} add_result;

static int valid_name(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static add_result add_entry(sr_matcher *m, const char *phrase, size_t plen,
                            const char *kind, const char *canon, const char *attrs) {
    add_result r = {SR_OK, NO_ENTRY, NULL};
    if (!valid_name(kind)) {
        r.st = SR_ERR_ARG;
        r.why = "kind must be lower-case letters, digits and '_'";
        return r;
    }
    if (sr_utf8_valid_prefix(phrase, plen) != plen) {
        r.st = SR_ERR_ARG;
        r.why = "phrase is not valid UTF-8";
        return r;
    }
    sr_arena tmp;
    sr_arena_init(&tmp);
    sr_tokens toks;
    if (sr_tokenize(&tmp, phrase, plen, &toks)) {
        sr_arena_free(&tmp);
        r.st = SR_ERR_NOMEM;
        return r;
    }
    if (toks.n == 0 || toks.n > MAX_PHRASE_TOKENS) {
        sr_arena_free(&tmp);
        r.st = SR_ERR_ARG;
        r.why = toks.n ? "phrase has more than 32 tokens" : "phrase has no words";
        return r;
    }
    uint32_t node = 0;
    for (size_t i = 0; i < toks.n; i++) {
        uint32_t w = word_intern(m, toks.v[i].norm, toks.v[i].norm_len);
        node = w == NO_WORD ? 0 : edge_child(m, node, w);
        if (!node) { sr_arena_free(&tmp); r.st = SR_ERR_NOMEM; return r; }
    }
    uint32_t ntok = (uint32_t)toks.n;
    sr_arena_free(&tmp);
    for (uint32_t e = m->term[node]; e != NO_ENTRY; e = m->next[e])
        if (strcmp(m->entries[e].kind, kind) == 0) {
            r.st = SR_ERR_ARG;
            r.dup = e;
            r.why = "duplicate phrase of the same kind";
            return r;
        }
    if (grow((void **)&m->entries, &m->capentries, m->nentries + 1, sizeof *m->entries) ||
        grow((void **)&m->next, &m->capnext, m->nentries + 1, sizeof *m->next)) {
        r.st = SR_ERR_NOMEM;
        return r;
    }
    const char *kname;
    int kid = kind_intern(m, kind, &kname);
    sr_lex_entry *e = &m->entries[m->nentries];
    memset(e, 0, sizeof *e);
    e->phrase = sr_arena_strndup(&m->mem, phrase, plen);
    e->canon = (canon && *canon) ? sr_arena_strdup(&m->mem, canon) : e->phrase;
    e->attrs = sr_arena_strdup(&m->mem, attrs ? attrs : "");
    if (kid < 0 || !e->phrase || !e->canon || !e->attrs) { r.st = SR_ERR_NOMEM; return r; }
    e->kind = kname;
    e->kind_id = (uint32_t)kid;
    e->ntok = ntok;
    /* append to the node's chain so that entries keep file order */
    uint32_t id = (uint32_t)m->nentries++;
    m->next[id] = NO_ENTRY;
    if (m->term[node] == NO_ENTRY) {
        m->term[node] = id;
    } else {
        uint32_t t = m->term[node];
        while (m->next[t] != NO_ENTRY) t = m->next[t];
        m->next[t] = id;
    }
    if (ntok > m->max_ntok) m->max_ntok = ntok;
    return r;
}

/* Attributes are "key=value" items separated by ';'.  Normalised: items
 * trimmed, empty items dropped.  Returns NULL with *why set when bad. */
static char *clean_attrs(sr_arena *a, const char *s, size_t n, const char **why) {
    char *out = sr_arena_alloc(a, n + 1);
    if (!out) { *why = "out of memory"; return NULL; }
    size_t o = 0, i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != ';') j++;
        size_t b = i, e = j;
        while (b < e && (s[b] == ' ' || s[b] == '\t')) b++;
        while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
        if (e > b) {
            const char *eq = memchr(s + b, '=', e - b);
            if (!eq) { *why = "attribute without '=' (expected key=value)"; return NULL; }
            size_t klen = (size_t)(eq - (s + b));
            if (klen == 0) { *why = "attribute with an empty key"; return NULL; }
            for (size_t k = b; k < b + klen; k++) {
                char c = s[k];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                    *why = "attribute key must be lower-case letters, digits and '_'";
                    return NULL;
                }
            }
            if (o) out[o++] = ';';
            memcpy(out + o, s + b, e - b);
            o += e - b;
        }
        i = j + 1;
    }
    out[o] = '\0';
    return out;
}

sr_status sr_matcher_add(sr_matcher *m, const char *phrase, const char *kind,
                         const char *canon, const char *attrs) {
    sr_arena tmp;
    sr_arena_init(&tmp);
    const char *why = NULL;
    char *a = clean_attrs(&tmp, attrs ? attrs : "", attrs ? strlen(attrs) : 0, &why);
    add_result r;
    if (!a) r.st = why && strcmp(why, "out of memory") == 0 ? SR_ERR_NOMEM : SR_ERR_ARG;
    else r = add_entry(m, phrase, strlen(phrase), kind, canon, a);
    sr_arena_free(&tmp);
    return r.st;
}

size_t sr_matcher_count(const sr_matcher *m) { return m->nentries; }

const sr_lex_entry *sr_matcher_entry(const sr_matcher *m, uint32_t i) {
    return i < m->nentries ? &m->entries[i] : NULL;
}

/* ---- TSV ----------------------------------------------------------------- */

/* Trim spaces around a field in place: [*b, *e). */
static void trim(const char **b, const char **e) {
    while (*b < *e && (**b == ' ' || **b == '\t')) (*b)++;
    while (*e > *b && ((*e)[-1] == ' ' || (*e)[-1] == '\t')) (*e)--;
}

sr_status sr_matcher_load_tsv_mem(sr_matcher *m, const char *name, const char *data,
                                  size_t len, sr_error *err) {
    size_t lineno = 0, i = 0;
    sr_arena tmp;
    sr_arena_init(&tmp);
    sr_status st = SR_OK;
    while (i < len && st == SR_OK) {
        size_t j = i;
        while (j < len && data[j] != '\n') j++;
        lineno++;
        const char *b = data + i, *e = data + j;
        i = j + 1;
        if (e > b && e[-1] == '\r') e--;
        if ((size_t)(e - b) > MAX_LINE) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%zu: line longer than %d bytes", name,
                         lineno, MAX_LINE);
            break;
        }
        if (memchr(b, '\0', (size_t)(e - b))) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%zu: NUL byte in line", name, lineno);
            break;
        }
        const char *p = b;
        while (p < e && (*p == ' ' || *p == '\t')) p++;
        if (p == e || *p == '#') continue;   /* blank or comment */
        /* split on tabs: phrase, kind, canonical, attributes */
        const char *fb[4], *fe[4];
        int nf = 0;
        const char *f = b;
        for (;;) {
            const char *t = memchr(f, '\t', (size_t)(e - f));
            if (nf == 4) { nf = 5; break; }
            fb[nf] = f;
            fe[nf] = t ? t : e;
            trim(&fb[nf], &fe[nf]);
            nf++;
            if (!t) break;
            f = t + 1;
        }
        if (nf > 4) {
            st = sr_fail(err, SR_ERR_DATA,
                         "%s:%zu: more than 4 tab-separated columns "
                         "(phrase, kind, canonical, attributes)", name, lineno);
            break;
        }
        if (nf < 2) {
            st = sr_fail(err, SR_ERR_DATA,
                         "%s:%zu: expected phrase<TAB>kind[<TAB>canonical[<TAB>attributes]]",
                         name, lineno);
            break;
        }
        if (fe[0] == fb[0] || fe[1] == fb[1]) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%zu: empty %s", name, lineno,
                         fe[0] == fb[0] ? "phrase" : "kind");
            break;
        }
        if (sr_utf8_valid_prefix(b, (size_t)(e - b)) != (size_t)(e - b)) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%zu: invalid UTF-8", name, lineno);
            break;
        }
        char *kind = sr_arena_strndup(&tmp, fb[1], (size_t)(fe[1] - fb[1]));
        char *canon = nf > 2 ? sr_arena_strndup(&tmp, fb[2], (size_t)(fe[2] - fb[2]))
                             : sr_arena_strdup(&tmp, "");
        const char *why = NULL;
        char *attrs = nf > 3 ? clean_attrs(&tmp, fb[3], (size_t)(fe[3] - fb[3]), &why)
                             : sr_arena_strdup(&tmp, "");
        if (!kind || !canon || (!attrs && !why)) {
            st = sr_fail(err, SR_ERR_NOMEM, "%s:%zu: out of memory", name, lineno);
            break;
        }
        if (!attrs) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%zu: %s", name, lineno, why);
            break;
        }
        size_t before = m->nentries;
        add_result r = add_entry(m, fb[0], (size_t)(fe[0] - fb[0]), kind, canon, attrs);
        if (r.st == SR_ERR_NOMEM) {
            st = sr_fail(err, SR_ERR_NOMEM, "%s:%zu: out of memory", name, lineno);
        } else if (r.st != SR_OK && r.dup != NO_ENTRY) {
            const sr_lex_entry *d = &m->entries[r.dup];
            if (d->file)
                st = sr_fail(err, SR_ERR_DATA, "%s:%zu: \"%.*s\" (%s) is already at %s:%u",
                             name, lineno, (int)(fe[0] - fb[0]), fb[0], kind, d->file,
                             d->line);
            else
                st = sr_fail(err, SR_ERR_DATA, "%s:%zu: \"%.*s\" (%s) was already added",
                             name, lineno, (int)(fe[0] - fb[0]), fb[0], kind);
        } else if (r.st != SR_OK) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%zu: %s", name, lineno,
                         r.why ? r.why : "bad entry");
        } else if (m->nentries > before) {
            sr_lex_entry *ne = &m->entries[m->nentries - 1];
            ne->file = sr_arena_strdup(&m->mem, name);
            ne->line = (uint32_t)lineno;
            if (!ne->file) st = sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
        }
    }
    sr_arena_free(&tmp);
    return st;
}

sr_status sr_matcher_load_tsv(sr_matcher *m, const char *path, sr_error *err) {
    char *data;
    size_t len;
    sr_status st = sr_file_read(path, SIZE_MAX, &data, &len, err);
    if (st != SR_OK) return st;
    st = sr_matcher_load_tsv_mem(m, path, data, len, err);
    free(data);
    return st;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

sr_status sr_matcher_load_dir(sr_matcher *m, const char *dir, sr_error *err) {
    DIR *d = opendir(dir);
    if (!d) return sr_fail(err, SR_ERR_IO, "%s: cannot open directory: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    sr_status st = SR_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l < 5 || de->d_name[0] == '.' || strcmp(de->d_name + l - 4, ".tsv") != 0) continue;
        if (grow((void **)&names, &cap, n + 1, sizeof *names) ||
            !(names[n] = strdup(de->d_name))) {
            st = sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", dir);
            break;
        }
        n++;
    }
    closedir(d);
    if (st == SR_OK && n > 1) qsort(names, n, sizeof *names, by_name);
    sr_buf path = SR_BUF_INIT;
    for (size_t i = 0; i < n && st == SR_OK; i++) {
        sr_buf_reset(&path);
        sr_buf_printf(&path, "%s/%s", dir, names[i]);
        if (path.oom) st = sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", dir);
        else st = sr_matcher_load_tsv(m, path.data, err);
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    sr_buf_free(&path);
    return st;
}

/* ---- scanning ------------------------------------------------------------ */

int sr_matcher_scan(const sr_matcher *m, sr_arena *a, const sr_tokens *toks,
                    sr_matches *out) {
    out->v = NULL;
    out->n = 0;
    if (toks->n == 0 || m->nentries == 0) return 0;
    /* ids[i]: the word id of token i, or `none` (= nwords) for a word in no
     * phrase; root[none] is 0 and no edge has `none`, so the walk below
     * needs no separate test for it */
    const uint32_t none = (uint32_t)m->nwords;
    uint32_t *ids = sr_arena_alloc(a, toks->n * sizeof *ids);
    if (!ids) return -1;
    for (size_t i = 0; i < toks->n; i++) {
        const sr_token *t = &toks->v[i];
        uint32_t n = t->norm_len, id;
        if (!n || !(m->first[(unsigned char)t->norm[0]] >> (n < 63 ? n : 63) & 1)) {
            id = none;
        } else if (n == 1) {
            id = m->byte_id[(unsigned char)t->norm[0]];
        } else {
            word_key k = key_of(t->norm, n);
            id = word_find(m, t->norm, n, &k);
        }
        ids[i] = id < none ? id : none;   /* NO_WORD -> none */
    }
    sr_match *v = NULL;
    size_t n = 0, cap = 0;
    uint32_t ends[MAX_PHRASE_TOKENS + 1];  /* nodes with entries, by depth */
    uint32_t endtok[MAX_PHRASE_TOKENS + 1];
    for (size_t i = 0; i < toks->n; i++) {
        uint32_t node = m->root[ids[i]];
        if (!node) continue;
        int nends = 0;
        for (size_t j = i;;) {
            if (m->term[node] != NO_ENTRY) {
                ends[nends] = node;
                endtok[nends] = (uint32_t)(j + 1);
                nends++;
            }
            if (++j >= toks->n || j - i >= m->max_ntok || ids[j] == none) break;
            node = edge_find(m, node, ids[j]);
            if (!node) break;
        }
        for (int k = nends - 1; k >= 0; k--) {   /* longest first */
            for (uint32_t e = m->term[ends[k]]; e != NO_ENTRY; e = m->next[e]) {
                if (n == cap) {
                    size_t nc = cap ? cap * 2 : 64;
                    sr_match *nv = sr_arena_realloc(a, v, cap * sizeof *v, nc * sizeof *v);
                    if (!nv) return -1;
                    v = nv;
                    cap = nc;
                }
                v[n++] = (sr_match){(uint32_t)i, endtok[k], e};
            }
        }
    }
    out->v = v;
    out->n = n;
    return 0;
}
