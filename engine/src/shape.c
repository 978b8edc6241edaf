/* Shapes (see shape.h): the runtime transition table (weak: a shape dies
 * when no object or child shape uses it), shared transitions, dictionary
 * shapes with tombstones and compaction, the hash index of big shapes,
 * and the collector hooks of shape cells. */
#include <stdlib.h>
#include <string.h>
#include "core.h"

/* Root shapes of ordinary objects by prototype, direct-mapped, in front
 * of the table: every `new F` and object literal asks for one, and the
 * table's bucket is most often a cache miss. Entries whose shape dies are
 * cleared by js_shape_sweep_table (a live shape keeps its prototype
 * alive, so a live entry's key is still that object). */
#define ROOT_CACHE_SIZE 64

typedef struct JSShapeTable {
    JSShape **buckets;
    uint32_t mask;
    uint32_t count;
    JSShape *root_cache[ROOT_CACHE_SIZE];
} JSShapeTable;

static inline uint32_t root_cache_index(const JSObject *proto)
{
    return (uint32_t)((uintptr_t)proto >> 4) & (ROOT_CACHE_SIZE - 1);
}

int js_shape_init(JSRuntime *rt)
{
    JSShapeTable *t = calloc(1, sizeof(JSShapeTable));
    if (!t)
        return -1;
    t->buckets = calloc(256, sizeof(JSShape *));
    if (!t->buckets) {
        free(t);
        return -1;
    }
    t->mask = 255;
    rt->shapes = t;
    return 0;
}

void js_shape_free_table(JSRuntime *rt)
{
    JSShapeTable *t = rt->shapes;
    if (!t)
        return;
    free(t->buckets);
    free(t);
    rt->shapes = NULL;
}

static inline uint32_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    return (uint32_t)x;
}

static inline uint32_t child_hash(const JSShape *parent, JSAtom atom, uint32_t attrs)
{
    return mix64((uint64_t)(uintptr_t)parent * 31 + ((uint64_t)atom << 4) + attrs);
}

static inline uint32_t root_hash(const JSObject *proto)
{
    return mix64((uint64_t)(uintptr_t)proto ^ 0x5BD1E995u);
}

static void table_insert(JSRuntime *rt, JSShape *sh)
{
    JSShapeTable *t = rt->shapes;
    if (t->count >= t->mask + 1) {
        uint32_t nsize = (t->mask + 1) * 2;
        JSShape **nb = calloc(nsize, sizeof(JSShape *));
        if (nb) {
            for (uint32_t i = 0; i <= t->mask; i++) {
                JSShape *s = t->buckets[i];
                while (s) {
                    JSShape *next = s->table_next;
                    uint32_t b = s->key_hash & (nsize - 1);
                    s->table_next = nb[b];
                    nb[b] = s;
                    s = next;
                }
            }
            free(t->buckets);
            t->buckets = nb;
            t->mask = nsize - 1;
        }
    }
    uint32_t b = sh->key_hash & t->mask;
    sh->table_next = t->buckets[b];
    t->buckets[b] = sh;
    t->count++;
}

/* After marking: unlinks the unmarked shapes. */
void js_shape_sweep_table(JSRuntime *rt)
{
    JSShapeTable *t = rt->shapes;
    for (uint32_t i = 0; i <= t->mask; i++) {
        JSShape **link = &t->buckets[i];
        while (*link) {
            JSShape *s = *link;
            if (!js_gc_is_marked(s)) {
                *link = s->table_next;
                t->count--;
            } else {
                link = &s->table_next;
            }
        }
    }
    for (uint32_t i = 0; i < ROOT_CACHE_SIZE; i++) {
        if (t->root_cache[i] && !js_gc_is_marked(t->root_cache[i]))
            t->root_cache[i] = NULL;
    }
}

void js_shape_trace(JSRuntime *rt, JSShape *sh)
{
    js_gc_mark_cell(rt, sh->proto);
    js_gc_mark_cell(rt, sh->parent);
    for (uint32_t i = 0; i < sh->prop_count; i++)
        js_gc_mark_atom(rt, sh->props[i].atom);
}

void js_shape_finalize(JSRuntime *rt, JSShape *sh)
{
    js_free(rt, sh->props, (size_t)sh->prop_cap * sizeof(JSShapeProp));
    free(sh->index);   /* the index is plain malloc, not accounted */
}

bool js_shape_is_dictionary(const JSShape *sh)
{
    return (sh->h.flags & JS_SHAPE_DICT) != 0;
}

JSObject *js_shape_proto(const JSShape *sh)
{
    return sh->proto;
}

/* ---- hash index ---- */

static inline uint32_t atom_hash(JSAtom a)
{
    return (a * 0x9E3779B1u) ^ (a >> 15);
}

static uint32_t index_size_for(uint32_t n)
{
    uint32_t s = 16;
    while (s < n * 2 + 2)
        s *= 2;
    return s;
}

static int linear_lookup(const JSShape *sh, JSAtom prop, uint32_t *attrs)
{
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        if (sh->props[i].atom == prop) {
            *attrs = sh->props[i].attrs;
            return (int)i;
        }
    }
    return -1;
}

/* How far up the transition tree a lookup in a shape without an index
 * looks for an ancestor with one, before building its own. */
#define ANCESTOR_SCAN_MAX 16

/* A shape of the transition tree extends its parent: its first
 * parent->prop_count entries are the parent's (same atoms, same
 * positions). So a lookup in a shape without an index can use the index
 * of a near ancestor and scan only the entries added since. An object
 * that gains properties one by one (every built-in object while a realm
 * is made) then builds an index every ANCESTOR_SCAN_MAX properties
 * instead of one per property. Returns -2 when no ancestor has an index. */
static int ancestor_lookup(const JSShape *sh, JSAtom prop, uint32_t *attrs)
{
    const JSShape *anc = sh->parent;
    for (int k = 1; anc && !anc->index && k < ANCESTOR_SCAN_MAX; k++)
        anc = anc->parent;
    if (!anc || !anc->index)
        return -2;
    for (uint32_t i = anc->prop_count; i < sh->prop_count; i++) {
        if (sh->props[i].atom == prop) {
            *attrs = sh->props[i].attrs;
            return (int)i;
        }
    }
    uint32_t mask = anc->index_mask;
    uint32_t b = atom_hash(prop) & mask;
    for (;;) {
        uint32_t e = anc->index[b];
        if (e == 0)
            return -1;
        if (anc->props[e - 1].atom == prop) {
            *attrs = sh->props[e - 1].attrs;
            return (int)(e - 1);
        }
        b = (b + 1) & mask;
    }
}

int js_shape_lookup_hashed(const JSShape *csh, JSAtom prop, uint32_t *attrs)
{
    JSShape *sh = (JSShape *)csh;
    if (!sh->index && sh->parent) {
        int r = ancestor_lookup(sh, prop, attrs);
        if (r != -2)
            return r;
    }
    if (!sh->index) {
        uint32_t n = index_size_for(sh->prop_count > sh->prop_cap ? sh->prop_count : sh->prop_cap);
        uint32_t *idx = calloc(n, sizeof(uint32_t));
        if (!idx)
            return linear_lookup(sh, prop, attrs);
        uint32_t mask = n - 1;
        for (uint32_t i = 0; i < sh->prop_count; i++) {
            JSAtom a = sh->props[i].atom;
            if (a == JS_ATOM_NULL)
                continue;
            uint32_t b = atom_hash(a) & mask;
            while (idx[b])
                b = (b + 1) & mask;
            idx[b] = i + 1;
        }
        sh->index = idx;
        sh->index_mask = mask;
    }
    uint32_t mask = sh->index_mask;
    uint32_t b = atom_hash(prop) & mask;
    for (;;) {
        uint32_t e = sh->index[b];
        if (e == 0)
            return -1;
        if (sh->props[e - 1].atom == prop) {
            *attrs = sh->props[e - 1].attrs;
            return (int)(e - 1);
        }
        b = (b + 1) & mask;
    }
}

int js_shape_lookup(const JSShape *sh, JSAtom prop, uint32_t *attrs)
{
    return js_shape_lookup_inline(sh, prop, attrs);
}

/* ---- creating shapes ---- */

static JSShape *alloc_shape(JSContext *ctx, uint32_t cap)
{
    JSShape *sh = js_gc_alloc(ctx, JS_CELL_SHAPE, sizeof(JSShape));
    if (!sh)
        return NULL;
    if (cap) {
        JSShapeProp *p = js_malloc(ctx, (size_t)cap * sizeof(JSShapeProp));
        if (!p)
            return NULL;
        sh->props = p;
        sh->prop_cap = cap;
    }
    return sh;
}

JSShape *js_shape_root(JSContext *ctx, JSObject *proto, bool exotic)
{
    JSRuntime *rt = ctx->rt;
    JSShape **cached = &rt->shapes->root_cache[root_cache_index(proto)];
    if (!exotic && *cached && (*cached)->proto == proto)
        return *cached;
    uint32_t h = root_hash(proto) ^ exotic;
    uint32_t flags = exotic ? JS_SHAPE_EXOTIC : 0;
    for (JSShape *s = rt->shapes->buckets[h & rt->shapes->mask]; s; s = s->table_next) {
        if (s->key_hash == h && s->parent == NULL && s->prop_count == 0 && s->proto == proto &&
            s->h.flags == flags) {
            if (!exotic)
                *cached = s;
            return s;
        }
    }
    JSRoot r;
    js_root_push(ctx, &r, proto ? js_obj_value(proto) : JS_UNDEFINED);
    JSShape *sh = alloc_shape(ctx, 0);
    js_root_pop(ctx, &r);
    if (!sh)
        return NULL;
    sh->proto = proto;
    sh->key_hash = h;
    sh->h.flags = flags;
    table_insert(rt, sh);
    if (!exotic)
        rt->shapes->root_cache[root_cache_index(proto)] = sh;
    return sh;
}

JSShape *js_shape_add_transition(JSContext *ctx, JSShape *parent, JSAtom atom, uint32_t attrs)
{
    JSRuntime *rt = ctx->rt;
    uint32_t h = child_hash(parent, atom, attrs);
    uint32_t n = parent->prop_count;
    for (JSShape *s = rt->shapes->buckets[h & rt->shapes->mask]; s; s = s->table_next) {
        if (s->key_hash == h && s->parent == parent && s->prop_count == n + 1 &&
            s->props[n].atom == atom && s->props[n].attrs == attrs)
            return s;
    }
    JSRoot rp, ra;
    js_root_push(ctx, &rp, js_mkptr(JS_TAG_CELL, parent));
    js_root_push_atom(ctx, &ra, atom);
    JSShape *sh = alloc_shape(ctx, n + 1);
    js_root_pop(ctx, &rp);
    if (!sh)
        return NULL;
    if (n)
        memcpy(sh->props, parent->props, (size_t)n * sizeof(JSShapeProp));
    sh->props[n].atom = atom;
    sh->props[n].attrs = attrs;
    sh->prop_count = n + 1;
    sh->proto = parent->proto;
    sh->parent = parent;
    sh->h.flags = parent->h.flags & JS_SHAPE_EXOTIC;
    sh->key_hash = h;
    table_insert(rt, sh);
    return sh;
}

/* ---- shapes made in one step ---- */

/* The transition key of a shape that adds n > 1 entries to parent at once
 * (one entry: the key of an ordinary transition, so that either way
 * finds the other). */
static uint32_t props_hash(const JSShape *parent, const JSShapeProp *props, uint32_t n)
{
    if (n == 1)
        return child_hash(parent, props[0].atom, props[0].attrs);
    uint64_t x = (uint64_t)(uintptr_t)parent * 31 + n;
    for (uint32_t i = 0; i < n; i++)
        x = x * 0x100000001B3ull + ((uint64_t)props[i].atom << 4) + props[i].attrs;
    return mix64(x ^ 0xA5A5u);
}

static void index_insert(uint32_t *idx, uint32_t mask, JSAtom a, uint32_t slot)
{
    uint32_t b = atom_hash(a) & mask;
    while (idx[b])
        b = (b + 1) & mask;
    idx[b] = slot + 1;
}

JSShape *js_shape_props_begin(JSContext *ctx, JSShape *parent, uint32_t n)
{
    uint32_t pc = parent->prop_count, total = pc + n;
    JSRoot rp;
    js_root_push(ctx, &rp, js_mkptr(JS_TAG_CELL, parent));
    JSShape *sh = alloc_shape(ctx, total);
    js_root_pop(ctx, &rp);
    if (!sh)
        return NULL;
    if (pc)
        memcpy(sh->props, parent->props, (size_t)pc * sizeof(JSShapeProp));
    sh->prop_count = pc;
    sh->proto = parent->proto;
    sh->parent = parent;
    sh->h.flags = parent->h.flags & JS_SHAPE_EXOTIC;
    if (total > JS_SHAPE_LINEAR_MAX) {
        /* the index every lookup would build anyway, built once here */
        uint32_t size = index_size_for(total);
        uint32_t *idx = calloc(size, sizeof(uint32_t));
        if (idx) {
            for (uint32_t i = 0; i < pc; i++)
                index_insert(idx, size - 1, sh->props[i].atom, i);
            sh->index = idx;
            sh->index_mask = size - 1;
        }
    }
    return sh;
}

bool js_shape_props_push(JSShape *sh, JSAtom atom, uint32_t attrs)
{
    uint32_t attrs_found;
    if (sh->index) {
        if (js_shape_lookup_hashed(sh, atom, &attrs_found) >= 0)
            return false;
    } else if (linear_lookup(sh, atom, &attrs_found) >= 0) {
        return false;
    }
    uint32_t slot = sh->prop_count++;
    sh->props[slot].atom = atom;
    sh->props[slot].attrs = attrs;
    if (sh->index)
        index_insert(sh->index, sh->index_mask, atom, slot);
    return true;
}

JSShape *js_shape_props_end(JSContext *ctx, JSShape *sh)
{
    JSRuntime *rt = ctx->rt;
    JSShape *parent = sh->parent;
    uint32_t pc = parent->prop_count, n = sh->prop_count - pc;
    if (n == 0)
        return parent;
    uint32_t h = props_hash(parent, sh->props + pc, n);
    for (JSShape *s = rt->shapes->buckets[h & rt->shapes->mask]; s; s = s->table_next) {
        if (s->key_hash == h && s->parent == parent && s->prop_count == sh->prop_count &&
            memcmp(s->props + pc, sh->props + pc, (size_t)n * sizeof(JSShapeProp)) == 0)
            return s;
    }
    sh->key_hash = h;
    table_insert(rt, sh);
    return sh;
}

JSShape *js_shape_to_dict(JSContext *ctx, JSShape *src)
{
    JSRoot r;
    js_root_push(ctx, &r, js_mkptr(JS_TAG_CELL, src));
    uint32_t cap = src->prop_count < 8 ? 8 : src->prop_count + src->prop_count / 2;
    JSShape *sh = alloc_shape(ctx, cap);
    js_root_pop(ctx, &r);
    if (!sh)
        return NULL;
    uint32_t k = 0;
    for (uint32_t i = 0; i < src->prop_count; i++)
        sh->props[k++] = src->props[i];
    sh->prop_count = k;
    sh->deleted_count = src->deleted_count;
    sh->proto = src->proto;
    sh->h.flags = JS_SHAPE_DICT | (src->h.flags & JS_SHAPE_EXOTIC);
    if (src->h.flags & JS_SHAPE_DICT) {
        /* the copy of a dictionary an inline cache holds */
        sh->h.aux = src->h.aux + 1;
        if (sh->h.aux >= JS_SHAPE_DICT_MAX_COPIES || (src->h.flags & JS_SHAPE_NO_IC))
            sh->h.flags |= JS_SHAPE_NO_IC;
    }
    return sh;
}

JSShape *js_shape_with_proto(JSContext *ctx, JSShape *sh, JSObject *proto)
{
    JSRoot rs, rc;
    js_root_push(ctx, &rs, js_mkptr(JS_TAG_CELL, sh));
    js_root_push(ctx, &rc, JS_UNDEFINED);
    JSShape *cur = js_shape_root(ctx, proto, sh->h.flags & JS_SHAPE_EXOTIC);
    for (uint32_t i = 0; cur && i < sh->prop_count; i++) {
        rc.v = js_mkptr(JS_TAG_CELL, cur);
        cur = js_shape_add_transition(ctx, cur, sh->props[i].atom, sh->props[i].attrs);
    }
    js_root_pop(ctx, &rs);
    return cur;
}

/* Makes room for n more entries in a dictionary shape. -1 on OOM. */
int js_shape_dict_reserve(JSContext *ctx, JSShape *sh, uint32_t n)
{
    if (sh->prop_count + n <= sh->prop_cap)
        return 0;
    uint32_t ncap = sh->prop_count + n;
    if (ncap < sh->prop_cap * 2)
        ncap = sh->prop_cap * 2;
    JSShapeProp *np = js_realloc(ctx, sh->props, (size_t)sh->prop_cap * sizeof(JSShapeProp),
                                 (size_t)ncap * sizeof(JSShapeProp));
    if (!np)
        return -1;
    sh->props = np;
    sh->prop_cap = ncap;
    return 0;
}

/* Appends to a dictionary shape; returns the slot or -1 (OOM thrown). */
int js_shape_dict_append(JSContext *ctx, JSShape *sh, JSAtom atom, uint32_t attrs)
{
    if (sh->prop_count == sh->prop_cap) {
        uint32_t ncap = sh->prop_cap < 8 ? 8 : sh->prop_cap * 2;
        JSShapeProp *np = js_realloc(ctx, sh->props, (size_t)sh->prop_cap * sizeof(JSShapeProp),
                                     (size_t)ncap * sizeof(JSShapeProp));
        if (!np)
            return -1;
        sh->props = np;
        sh->prop_cap = ncap;
    }
    uint32_t slot = sh->prop_count++;
    sh->props[slot].atom = atom;
    sh->props[slot].attrs = attrs;
    if (sh->index) {
        if ((sh->prop_count + 1) * 2 > sh->index_mask + 1) {
            free(sh->index);
            sh->index = NULL;   /* rebuilt lazily, bigger */
        } else {
            uint32_t b = atom_hash(atom) & sh->index_mask;
            while (sh->index[b])
                b = (b + 1) & sh->index_mask;
            sh->index[b] = slot + 1;
        }
    }
    return (int)slot;
}

/* Marks slot deleted in a dictionary shape. Never collects. */
void js_shape_dict_remove(JSRuntime *rt, JSShape *sh, uint32_t slot)
{
    (void)rt;
    sh->props[slot].atom = JS_ATOM_NULL;
    sh->props[slot].attrs = 0;
    sh->deleted_count++;
}

/* Removes the tombstones of obj's dictionary shape, moving slot values
 * down. Never collects. */
void js_shape_dict_compact(JSRuntime *rt, JSObject *obj)
{
    JSShape *sh = obj->shape;
    uint32_t k = 0;
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        if (sh->props[i].atom == JS_ATOM_NULL)
            continue;
        sh->props[k] = sh->props[i];
        obj->slots[k] = obj->slots[i];
        k++;
    }
    for (uint32_t i = k; i < sh->prop_count; i++)
        obj->slots[i] = JS_UNDEFINED;
    sh->prop_count = k;
    sh->deleted_count = 0;
    if (sh->index) {
        free(sh->index);
        sh->index = NULL;
    }
    (void)rt;
}
