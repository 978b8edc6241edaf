/* Arena (bump) allocator: memory is carved out of malloc'ed chunks and
 * released all at once by js_arena_free. Used for the AST and every other
 * short-lived compile-time structure. No GC interaction. */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
    ArenaChunk *chunks;     /* newest first */
    char *cur, *limit;      /* free space in the newest chunk */
    size_t chunk_size;      /* size of the next ordinary chunk */
    size_t total;           /* bytes obtained from malloc */
} Arena;

/* Initializes an empty arena (no allocation yet). Never fails. */
void js_arena_init(Arena *a);

/* Releases every chunk; the arena can be reused afterwards. */
void js_arena_free(Arena *a);

/* Returns size bytes aligned to 8 (uninitialized), or NULL when malloc
 * fails. Never collects, never throws. */
void *js_arena_alloc(Arena *a, size_t size);

/* Like js_arena_alloc but zero-filled. */
void *js_arena_zalloc(Arena *a, size_t size);

#endif
