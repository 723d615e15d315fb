/*
 * ceaf.c -- CEAF-REE (see ceaf.h).
 *
 * Documents have a handful of entities per role, so the matching is
 * Kuhn's augmenting-path algorithm on a small adjacency matrix: O(P*G*(P+G))
 * with P, G below a few dozen.
 */
#include "ceaf.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../core/utf8.h"

static int is_punct(unsigned char c) {  /* Python's string.punctuation */
    return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
           (c >= 123 && c <= 126);
}

static int is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int is_article(const char *w, size_t n) {
    return (n == 1 && w[0] == 'a') || (n == 2 && memcmp(w, "an", 2) == 0) ||
           (n == 3 && memcmp(w, "the", 3) == 0);
}

void sr_ree_normalize(const char *s, size_t n, sr_buf *out) {
    sr_buf low = {0};
    /* lower case, punctuation deleted */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!is_punct(c)) sr_buf_addc(&low, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { i++; continue; }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        sr_buf_add(&low, enc, (size_t)m);
        i += (size_t)k;
    }
    /* words, articles dropped, one space between */
    sr_buf_reset(out);
    size_t i = 0;
    while (i < low.len) {
        while (i < low.len && is_space((unsigned char)low.data[i])) i++;
        size_t j = i;
        while (j < low.len && !is_space((unsigned char)low.data[j])) j++;
        if (j > i && !is_article(low.data + i, j - i)) {
            if (out->len) sr_buf_addc(out, ' ');
            sr_buf_add(out, low.data + i, j - i);
        }
        i = j;
    }
    sr_buf_addc(out, '\0');  /* keep data a C string; len excludes it */
    out->len--;
    sr_buf_free(&low);
}

static int edge(const char *p, const sr_ree_entity *g) {
    for (size_t k = 0; k < g->n; k++)
        if (strcmp(p, g->mentions[k]) == 0) return 1;
    return 0;
}

static int augment(size_t u, const unsigned char *adj, size_t ngold, size_t *gold_of,
                   unsigned char *seen) {
    for (size_t v = 0; v < ngold; v++) {
        if (!adj[u * ngold + v] || seen[v]) continue;
        seen[v] = 1;
        if (gold_of[v] == SIZE_MAX || augment(gold_of[v], adj, ngold, gold_of, seen)) {
            gold_of[v] = u;
            return 1;
        }
    }
    return 0;
}

size_t sr_ree_match(const char *const *pred, size_t npred, const sr_ree_entity *gold,
                    size_t ngold) {
    if (!npred || !ngold) return 0;
    unsigned char *adj = calloc(npred * ngold + ngold, 1);
    size_t *gold_of = malloc(ngold * sizeof *gold_of);
    if (!adj || !gold_of) {
        free(adj);
        free(gold_of);
        return 0;
    }
    unsigned char *seen = adj + npred * ngold;
    for (size_t u = 0; u < npred; u++)
        for (size_t v = 0; v < ngold; v++) adj[u * ngold + v] = (unsigned char)edge(pred[u], &gold[v]);
    for (size_t v = 0; v < ngold; v++) gold_of[v] = SIZE_MAX;
    size_t matched = 0;
    for (size_t u = 0; u < npred; u++) {
        memset(seen, 0, ngold);
        matched += (size_t)augment(u, adj, ngold, gold_of, seen);
    }
    free(adj);
    free(gold_of);
    return matched;
}

/* ---- one document ------------------------------------------------------ */

typedef struct strs {
    char **v;
    size_t n, cap;
} strs;

static int strs_has(const strs *s, const char *x) {
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], x) == 0) return 1;
    return 0;
}

static int strs_add(strs *s, const char *x) {
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v) return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n] = strdup(x);
    return s->v[s->n] ? (s->n++, 0) : -1;
}

static void strs_free(strs *s) {
    for (size_t i = 0; i < s->n; i++) free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Gold entities of one role, merged when they share a mention. */
static int gold_entities(const sr_muc4_doc *d, int r, sr_buf *nb, strs **ents, size_t *n) {
    size_t cap = 0;
    *ents = NULL;
    *n = 0;
    for (size_t t = 0; t < d->nt; t++)
        for (size_t e = 0; e < d->t[t].nent[r]; e++) {
            const sr_muc4_entity *ge = &d->t[t].ent[r][e];
            strs cur = {0};
            for (size_t k = 0; k < ge->n; k++) {
                sr_ree_normalize(ge->m[k].text, strlen(ge->m[k].text), nb);
                if (!strs_has(&cur, nb->data) && strs_add(&cur, nb->data)) return -1;
            }
            if (!cur.n) continue;
            /* merge into every existing entity sharing a mention */
            size_t into = SIZE_MAX;
            for (size_t x = 0; x < *n; x++) {
                int shared = 0;
                for (size_t k = 0; k < cur.n && !shared; k++) shared = strs_has(&(*ents)[x], cur.v[k]);
                if (!shared) continue;
                if (into == SIZE_MAX) {
                    into = x;
                    for (size_t k = 0; k < cur.n; k++)
                        if (!strs_has(&(*ents)[x], cur.v[k]) && strs_add(&(*ents)[x], cur.v[k]))
                            return -1;
                } else {  /* x joins `into`; x is emptied */
                    for (size_t k = 0; k < (*ents)[x].n; k++)
                        if (!strs_has(&(*ents)[into], (*ents)[x].v[k]) &&
                            strs_add(&(*ents)[into], (*ents)[x].v[k]))
                            return -1;
                    strs_free(&(*ents)[x]);
                }
            }
            if (into != SIZE_MAX) {
                strs_free(&cur);
                continue;
            }
            if (*n == cap) {
                size_t nc = cap ? cap * 2 : 8;
                strs *v = realloc(*ents, nc * sizeof *v);
                if (!v) { strs_free(&cur); return -1; }
                *ents = v;
                cap = nc;
            }
            (*ents)[(*n)++] = cur;
        }
    /* drop entities emptied by merging */
    size_t k = 0;
    for (size_t x = 0; x < *n; x++)
        if ((*ents)[x].n) (*ents)[k++] = (*ents)[x];
    *n = k;
    return 0;
}

int sr_ree_score_doc(const sr_muc4_doc *gold, const char *const *const pred[SR_MUC4_NROLES],
                     const size_t npred[SR_MUC4_NROLES], sr_ree_counts *c) {
    sr_buf nb = {0};
    int rc = 0;
    for (int r = 0; r < SR_MUC4_NROLES && rc == 0; r++) {
        strs p = {0};
        strs *ents = NULL;
        size_t ne = 0;
        for (size_t i = 0; i < npred[r] && rc == 0; i++) {
            sr_ree_normalize(pred[r][i], strlen(pred[r][i]), &nb);
            if (nb.len && !strs_has(&p, nb.data) && strs_add(&p, nb.data)) rc = -1;
        }
        if (rc == 0 && gold_entities(gold, r, &nb, &ents, &ne)) rc = -1;
        if (rc == 0) {
            sr_ree_entity *ge = ne ? malloc(ne * sizeof *ge) : NULL;
            if (ne && !ge) {
                rc = -1;
            } else {
                for (size_t x = 0; x < ne; x++)
                    ge[x] = (sr_ree_entity){(const char *const *)ents[x].v, ents[x].n};
                c->match[r] += sr_ree_match((const char *const *)p.v, p.n, ge, ne);
                c->pred[r] += p.n;
                c->gold[r] += ne;
                free(ge);
            }
        }
        for (size_t x = 0; x < ne; x++) strs_free(&ents[x]);
        free(ents);
        strs_free(&p);
    }
    sr_buf_free(&nb);
    return rc;
}

void sr_ree_prf(const sr_ree_counts *c, int r, double *p, double *rec, double *f1) {
    size_t np = 0, ng = 0, nm = 0;
    for (int k = 0; k < SR_MUC4_NROLES; k++)
        if (r < 0 || r == k) {
            np += c->pred[k];
            ng += c->gold[k];
            nm += c->match[k];
        }
    *p = np ? 100.0 * (double)nm / (double)np : 0.0;
    *rec = ng ? 100.0 * (double)nm / (double)ng : 0.0;
    *f1 = *p + *rec > 0 ? 2 * *p * *rec / (*p + *rec) : 0.0;
}
