/* Arena (bump) allocator: memory is carved out of malloc'ed chunks and
 * released all at once by arena_free. Used for the AST and every other
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
void arena_init(Arena *a);

/* Releases every chunk; the arena can be reused afterwards. */
void arena_free(Arena *a);

/* Returns size bytes aligned to 8 (uninitialized), or NULL when malloc
 * fails. Never collects, never throws. */
void *arena_alloc(Arena *a, size_t size);

/* Like arena_alloc but zero-filled. */
void *arena_zalloc(Arena *a, size_t size);

/* Copies size bytes into the arena; returns the copy or NULL. */
void *arena_dup(Arena *a, const void *p, size_t size);

#endif
