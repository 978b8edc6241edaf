/* The per-parse name intern table (AstNames, see ast.h): open hashing over
 * arena-allocated entries. Each entry also carries a small tag the lexer
 * uses to recognize keywords and contextual words in O(1). */
#include "ast.h"
#include "lexer.h"

#include <string.h>

typedef struct NameEntry {
    AstName n;                  /* must be first: AstName* <-> NameEntry* */
    int tag;
} NameEntry;

struct AstNames {
    Arena *arena;
    NameEntry **buckets;
    uint32_t mask;              /* bucket count - 1 */
    uint32_t count;
};

AstNames *js_ast_names_new(Arena *a)
{
    AstNames *t = js_arena_alloc(a, sizeof *t);
    if (!t)
        return NULL;
    t->arena = a;
    t->mask = 255;
    t->count = 0;
    t->buckets = js_arena_zalloc(a, (t->mask + 1) * sizeof *t->buckets);
    return t->buckets ? t : NULL;
}

static uint32_t name_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static int names_grow(AstNames *t)
{
    uint32_t nmask = t->mask * 2 + 1;
    NameEntry **nb = js_arena_zalloc(t->arena, (nmask + 1) * sizeof *nb);
    if (!nb)
        return -1;
    for (uint32_t i = 0; i <= t->mask; i++) {
        NameEntry *e = t->buckets[i];
        while (e) {
            NameEntry *next = (NameEntry *)e->n.next;
            uint32_t b = e->n.hash & nmask;
            e->n.next = (AstName *)nb[b];
            nb[b] = e;
            e = next;
        }
    }
    t->buckets = nb;
    t->mask = nmask;
    return 0;
}

const AstName *js_ast_name_intern(AstNames *t, const char *s, size_t len)
{
    uint32_t h = name_hash(s, len);
    for (NameEntry *e = t->buckets[h & t->mask]; e;
         e = (NameEntry *)e->n.next) {
        if (e->n.hash == h && e->n.len == len && memcmp(e->n.str, s, len) == 0)
            return &e->n;
    }
    if (t->count >= t->mask && names_grow(t) < 0)
        return NULL;
    NameEntry *e = js_arena_alloc(t->arena, sizeof *e);
    char *str = js_arena_alloc(t->arena, len + 1);
    if (!e || !str)
        return NULL;
    memcpy(str, s, len);
    str[len] = 0;
    e->n.str = str;
    e->n.len = (uint32_t)len;
    e->n.hash = h;
    e->tag = 0;
    uint32_t b = h & t->mask;
    e->n.next = (AstName *)t->buckets[b];
    t->buckets[b] = e;
    t->count++;
    return &e->n;
}

void js_ast_name_set_tag(const AstName *n, int tag)
{
    ((NameEntry *)n)->tag = tag;
}

int js_ast_name_tag(const AstName *n)
{
    return ((const NameEntry *)n)->tag;
}
