/*
 * arena.c -- see arena.h.
 */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>

#define ALIGN 16u
#define FIRST_BLOCK (16u * 1024u)
#define MAX_BLOCK (8u * 1024u * 1024u)

struct sr_arena_block {
    sr_arena_block *next;
    size_t size;  /* usable bytes in data[] */
    size_t used;
    _Alignas(16) unsigned char data[];
};

void sr_arena_init(sr_arena *a) { a->head = NULL; a->total = 0; }

void sr_arena_free(sr_arena *a) {
    sr_arena_block *b = a->head;
    while (b) {
        sr_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

static size_t round_up(size_t n) { return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1); }

static sr_arena_block *new_block(sr_arena *a, size_t need) {
    size_t size = a->head ? a->head->size * 2 : FIRST_BLOCK;
    if (size > MAX_BLOCK) size = MAX_BLOCK;
    if (size < need) size = need;
    if (size > SIZE_MAX - sizeof(sr_arena_block)) return NULL;
    sr_arena_block *b = malloc(sizeof *b + size);
    if (!b) return NULL;
    b->size = size;
    b->used = 0;
    a->total += sizeof *b + size;
    return b;
}

void *sr_arena_alloc(sr_arena *a, size_t n) {
    if (n == 0) n = 1;
    if (n > SIZE_MAX / 2) return NULL;
    n = round_up(n);
    sr_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        sr_arena_block *nb = new_block(a, n);
        if (!nb) return NULL;
        if (b && n > b->size / 2 && b->size - b->used > nb->size / 4) {
            /* A big request: keep filling the current block afterwards by
             * putting the dedicated block second in the list. */
            nb->next = b->next;
            b->next = nb;
            nb->used = n;
            return nb->data;
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

void *sr_arena_calloc(sr_arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = sr_arena_alloc(a, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

void *sr_arena_realloc(sr_arena *a, void *p, size_t old_n, size_t new_n) {
    if (!p) return sr_arena_alloc(a, new_n);
    if (new_n <= old_n) return p;
    sr_arena_block *b = a->head;
    size_t old_r = round_up(old_n ? old_n : 1);
    if (b && (unsigned char *)p + old_r == b->data + b->used) {
        size_t extra = round_up(new_n) - old_r;
        if (b->size - b->used >= extra) {
            b->used += extra;
            return p;
        }
    }
    void *q = sr_arena_alloc(a, new_n);
    if (q) memcpy(q, p, old_n);
    return q;
}

char *sr_arena_strndup(sr_arena *a, const char *s, size_t n) {
    char *d = sr_arena_alloc(a, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *sr_arena_strdup(sr_arena *a, const char *s) {
    return s ? sr_arena_strndup(a, s, strlen(s)) : NULL;
}
