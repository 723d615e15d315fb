/*
 * arena.h -- a bump allocator: one document's memory, freed in one call.
 *
 * A document allocates many small things (tokens, folded strings, spans,
 * mentions) that all die together.  The arena hands them out from large
 * blocks by moving a pointer, so an allocation costs a few instructions and
 * freeing the document costs one free() per block.  Blocks grow
 * geometrically so that a huge document needs few of them, and a request
 * bigger than a block gets a block of its own.
 */
#ifndef SR_ARENA_H
#define SR_ARENA_H

#include <stddef.h>
#include <string.h>

typedef struct sr_arena_block sr_arena_block;

typedef struct sr_arena {
    sr_arena_block *head;   /* current block; older ones follow ->next */
    size_t total;           /* bytes obtained from malloc, for accounting */
} sr_arena;

void sr_arena_init(sr_arena *a);
void sr_arena_free(sr_arena *a);   /* releases every block; `a` can be reused */

/* `n` bytes aligned for any type, or NULL when out of memory. */
void *sr_arena_alloc(sr_arena *a, size_t n);
void *sr_arena_calloc(sr_arena *a, size_t count, size_t size);

/* Grow an allocation made from this arena.  When `p` is the latest
 * allocation it grows in place; otherwise the contents are copied. */
void *sr_arena_realloc(sr_arena *a, void *p, size_t old_n, size_t new_n);

char *sr_arena_strndup(sr_arena *a, const char *s, size_t n);
char *sr_arena_strdup(sr_arena *a, const char *s);

#endif
