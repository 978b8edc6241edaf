/* Arena (bump) allocator over malloc'ed chunks; see arena.h. */
#include "arena.h"
#include "alloc_fail.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ArenaChunk {
    ArenaChunk *next;
    size_t size;
    /* data follows, 8-aligned */
};

#define ARENA_HDR ((sizeof(ArenaChunk) + 7) & ~(size_t)7)
#define ARENA_FIRST_CHUNK 4096
#define ARENA_MAX_CHUNK (1u << 20)

void js_arena_init(Arena *a)
{
    a->chunks = NULL;
    a->cur = a->limit = NULL;
    a->chunk_size = ARENA_FIRST_CHUNK;
    a->total = 0;
}

void js_arena_free(Arena *a)
{
    ArenaChunk *c = a->chunks;
    while (c) {
        ArenaChunk *n = c->next;
        free(c);
        c = n;
    }
    js_arena_init(a);
}

static void *arena_grow(Arena *a, size_t size)
{
    size_t data = a->chunk_size;
    if (size > data / 4) {
        /* big request: a chunk of its own, keep the current chunk */
        ArenaChunk *c = js_alloc_should_fail() ? NULL : malloc(ARENA_HDR + size);
        if (!c)
            return NULL;
        c->size = size;
        a->total += ARENA_HDR + size;
        if (a->chunks) {
            c->next = a->chunks->next;
            a->chunks->next = c;
        } else {
            c->next = NULL;
            a->chunks = c;
            a->cur = a->limit = (char *)c + ARENA_HDR + size;
        }
        return (char *)c + ARENA_HDR;
    }
    ArenaChunk *c = js_alloc_should_fail() ? NULL : malloc(ARENA_HDR + data);
    if (!c)
        return NULL;
    c->size = data;
    c->next = a->chunks;
    a->chunks = c;
    a->total += ARENA_HDR + data;
    a->cur = (char *)c + ARENA_HDR;
    a->limit = a->cur + data;
    if (a->chunk_size < ARENA_MAX_CHUNK)
        a->chunk_size *= 2;
    void *p = a->cur;
    a->cur += size;
    return p;
}

void *js_arena_alloc(Arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if (size == 0)
        size = 8;
    if ((size_t)(a->limit - a->cur) >= size) {
        void *p = a->cur;
        a->cur += size;
        return p;
    }
    return arena_grow(a, size);
}

void *js_arena_zalloc(Arena *a, size_t size)
{
    void *p = js_arena_alloc(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

