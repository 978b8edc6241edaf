/* The insertion-ordered SameValueZero hash table of Map and Set (see
 * hashmap.h for the layout, the cursor rules and how WeakMap/WeakSet plug
 * in): hashing and key equality, insertion with compaction or growth,
 * tombstoning deletion, cursors, and the GC hooks. */
#include "hashmap.h"
#include "../conv.h"

/* ---- hashing and equality of normalized keys ---- */

static uint32_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return (uint32_t)x;
}

/* FNV-1a over the code units, so that a Latin-1 and a UTF-16 string with
 * the same contents hash alike. */
static uint32_t hash_flat_string(const JSString *s)
{
    uint32_t h = 2166136261u;
    if (js_flat_is_wide(s)) {
        for (uint32_t i = 0; i < s->len; i++) {
            uint16_t c = s->u.wide[i];
            h = (h ^ (c & 0xFF)) * 16777619u;
            h = (h ^ (c >> 8)) * 16777619u;
        }
    } else {
        for (uint32_t i = 0; i < s->len; i++) {
            h = (h ^ s->u.latin1[i]) * 16777619u;
            h = (h ^ 0) * 16777619u;
        }
    }
    return h ^ s->len;
}

static uint32_t hash_key(JSValue key)
{
    if (js_is_string(key))
        return hash_flat_string(JS_VALUE_GET_STRING(key));
    if (js_is_bigint(key))
        return 0x9e3779b9u;     /* equal bigints may be distinct cells */
    return mix64(key);
}

static bool flat_strings_equal(const JSString *a, const JSString *b)
{
    if (a == b)
        return true;
    if (a->len != b->len)
        return false;
    bool wa = js_flat_is_wide(a), wb = js_flat_is_wide(b);
    if (!wa && !wb)
        return memcmp(a->u.latin1, b->u.latin1, a->len) == 0;
    if (wa && wb)
        return memcmp(a->u.wide, b->u.wide, (size_t)a->len * 2) == 0;
    for (uint32_t i = 0; i < a->len; i++) {
        if (js_flat_char(a, i) != js_flat_char(b, i))
            return false;
    }
    return true;
}

/* SameValueZero on normalized keys (numbers are canonical, so equal
 * numbers have equal bits). */
static bool keys_equal(JSRuntime *rt, JSValue a, JSValue b)
{
    if (a == b)
        return true;
    if (js_is_string(a) && js_is_string(b))
        return flat_strings_equal(JS_VALUE_GET_STRING(a), JS_VALUE_GET_STRING(b));
    if (js_is_bigint(a) && js_is_bigint(b) && rt->bigint_ops)
        return rt->bigint_ops->compare(a, b) == 0;
    return false;
}

int js_hashmap_normalize_key(JSContext *ctx, JSValue *key)
{
    JSValue k = *key;
    if (js_is_double(k)) {
        double d = js_get_double(k);
        if (d == 0)
            *key = js_int(0);
        else
            *key = js_number(d);
    } else if (js_is_string(k)) {
        JSString *s = js_string_flatten(ctx, k);
        if (!s)
            return -1;
        *key = js_str_value(s);
    }
    return 0;
}

/* ---- lookup ---- */

static uint32_t find_index(JSRuntime *rt, const JSHashMap *m, JSValue key, uint32_t h)
{
    if (!m->cap)
        return JS_MAP_NIL;
    uint32_t i = m->buckets[h & (m->cap - 1)];
    while (i != JS_MAP_NIL) {
        const JSMapEntry *e = &m->entries[i];
        if (e->hash == h && keys_equal(rt, e->key, key))
            return i;
        i = e->next;
    }
    return JS_MAP_NIL;
}

JSMapEntry *js_hashmap_find(JSRuntime *rt, JSHashMap *m, JSValue key)
{
    uint32_t i = find_index(rt, m, key, hash_key(key));
    return i == JS_MAP_NIL ? NULL : &m->entries[i];
}

/* ---- resizing ---- */

static void rebuild_buckets(JSHashMap *m)
{
    uint32_t mask = m->cap - 1;
    for (uint32_t i = 0; i < m->cap; i++)
        m->buckets[i] = JS_MAP_NIL;
    for (uint32_t i = 0; i < m->used; i++) {
        JSMapEntry *e = &m->entries[i];
        if (js_is_empty(e->key))
            continue;
        uint32_t b = e->hash & mask;
        e->next = m->buckets[b];
        m->buckets[b] = i;
    }
}

/* Drops the tombstones, keeping the order; every attached cursor is
 * moved to the same position among the live entries. */
static void compact(JSHashMap *m)
{
    for (JSMapCursor *c = m->cursors; c; c = c->next) {
        uint32_t end = c->index < m->used ? c->index : m->used, live = 0;
        for (uint32_t i = 0; i < end; i++)
            live += !js_is_empty(m->entries[i].key);
        c->index = live;
    }
    uint32_t w = 0;
    for (uint32_t i = 0; i < m->used; i++) {
        if (js_is_empty(m->entries[i].key))
            continue;
        if (w != i)
            m->entries[w] = m->entries[i];
        w++;
    }
    m->used = w;
}

/* Makes room for one more entry. 0, or -1 after throwing OOM. */
static int make_room(JSContext *ctx, JSHashMap *m)
{
    if (m->used < m->cap)
        return 0;
    if (m->cap && m->count <= m->cap / 2) {
        /* at least half are tombstones: compacting frees enough room */
        compact(m);
        rebuild_buckets(m);
        return 0;
    }
    uint32_t ncap = m->cap ? m->cap * 2 : 8;
    if (ncap > (1u << 30)) {
        js_throw_range_error(ctx, "too many entries in a Map or Set");
        return -1;
    }
    uint32_t *nb = js_malloc(ctx, (size_t)ncap * sizeof(uint32_t));
    if (!nb)
        return -1;
    JSMapEntry *ne = js_realloc(ctx, m->entries, (size_t)m->cap * sizeof(JSMapEntry),
                                (size_t)ncap * sizeof(JSMapEntry));
    if (!ne) {
        js_free(ctx->rt, nb, (size_t)ncap * sizeof(uint32_t));
        return -1;
    }
    m->entries = ne;
    if (m->buckets)
        js_free(ctx->rt, m->buckets, (size_t)m->cap * sizeof(uint32_t));
    m->buckets = nb;
    m->cap = ncap;
    if (m->count < m->used)
        compact(m);
    rebuild_buckets(m);
    return 0;
}

/* ---- updates ---- */

int js_hashmap_set(JSContext *ctx, JSHashMap *m, JSValue key, JSValue value)
{
    uint32_t h = hash_key(key);
    uint32_t i = find_index(ctx->rt, m, key, h);
    if (i != JS_MAP_NIL) {
        m->entries[i].value = value;
        return 0;
    }
    if (make_room(ctx, m) < 0)
        return -1;
    i = m->used++;
    JSMapEntry *e = &m->entries[i];
    e->key = key;
    e->value = value;
    e->hash = h;
    uint32_t b = h & (m->cap - 1);
    e->next = m->buckets[b];
    m->buckets[b] = i;
    m->count++;
    return 0;
}

/* Unlinks entry i from its bucket chain and tombstones it. */
static void remove_index(JSHashMap *m, uint32_t i)
{
    JSMapEntry *e = &m->entries[i];
    uint32_t *link = &m->buckets[e->hash & (m->cap - 1)];
    while (*link != i)
        link = &m->entries[*link].next;
    *link = e->next;
    e->key = JS_EMPTY;
    e->value = JS_UNDEFINED;
    e->next = JS_MAP_NIL;
    m->count--;
}

bool js_hashmap_delete(JSRuntime *rt, JSHashMap *m, JSValue key)
{
    uint32_t i = find_index(rt, m, key, hash_key(key));
    if (i == JS_MAP_NIL)
        return false;
    remove_index(m, i);
    return true;
}

void js_hashmap_clear(JSRuntime *rt, JSHashMap *m)
{
    for (JSMapCursor *c = m->cursors; c; c = c->next)
        c->index = 0;
    if (m->cap > 64) {
        /* give big tables' memory back */
        js_free(rt, m->entries, (size_t)m->cap * sizeof(JSMapEntry));
        js_free(rt, m->buckets, (size_t)m->cap * sizeof(uint32_t));
        m->entries = NULL;
        m->buckets = NULL;
        m->cap = 0;
    } else {
        for (uint32_t i = 0; i < m->cap; i++)
            m->buckets[i] = JS_MAP_NIL;
    }
    m->used = 0;
    m->count = 0;
}

int js_hashmap_copy(JSContext *ctx, JSHashMap *dst, const JSHashMap *src)
{
    for (uint32_t i = 0; i < src->used; i++) {
        const JSMapEntry *e = &src->entries[i];
        if (!js_is_empty(e->key) && js_hashmap_set(ctx, dst, e->key, e->value) < 0)
            return -1;
    }
    return 0;
}

void js_hashmap_free(JSRuntime *rt, JSHashMap *m)
{
    /* the cursors are not touched: when the owning object dies, the
     * iterator cells holding them are dead too and may be freed already */
    m->cursors = NULL;
    if (m->entries)
        js_free(rt, m->entries, (size_t)m->cap * sizeof(JSMapEntry));
    if (m->buckets)
        js_free(rt, m->buckets, (size_t)m->cap * sizeof(uint32_t));
    m->entries = NULL;
    m->buckets = NULL;
    m->cap = m->used = m->count = 0;
}

/* ---- cursors ---- */

void js_hashmap_cursor_attach(JSHashMap *m, JSMapCursor *c, void *owner)
{
    c->index = 0;
    c->owner = owner;
    c->next = m->cursors;
    c->pprev = &m->cursors;
    if (m->cursors)
        m->cursors->pprev = &c->next;
    m->cursors = c;
}

void js_hashmap_cursor_detach(JSMapCursor *c)
{
    if (!c->pprev)
        return;
    *c->pprev = c->next;
    if (c->next)
        c->next->pprev = c->pprev;
    c->next = NULL;
    c->pprev = NULL;
}

JSMapEntry *js_hashmap_cursor_next(JSHashMap *m, JSMapCursor *c)
{
    while (c->index < m->used) {
        JSMapEntry *e = &m->entries[c->index++];
        if (!js_is_empty(e->key))
            return e;
    }
    return NULL;
}

/* ---- GC ---- */

void js_hashmap_mark(JSRuntime *rt, JSHashMap *m)
{
    for (uint32_t i = 0; i < m->used; i++) {
        JSMapEntry *e = &m->entries[i];
        if (js_is_empty(e->key))
            continue;
        js_gc_mark_value(rt, e->key);
        js_gc_mark_value(rt, e->value);
    }
}

void js_hashmap_sweep_cursors(JSRuntime *rt, JSHashMap *m)
{
    for (JSMapCursor *c = m->cursors; c;) {
        JSMapCursor *n = c->next;
        if (c->owner && !js_gc_is_marked(c->owner))
            js_hashmap_cursor_detach(c);
        c = n;
    }
}

bool js_hashmap_mark_ephemerons(JSRuntime *rt, JSHashMap *m)
{
    bool progress = false;
    for (uint32_t i = 0; i < m->used; i++) {
        JSMapEntry *e = &m->entries[i];
        if (js_is_empty(e->key) || !js_gc_is_marked(js_get_ptr(e->key)))
            continue;
        if (js_is_cell(e->value) && !js_gc_is_marked(js_get_ptr(e->value))) {
            js_gc_mark_value(rt, e->value);
            progress = true;
        }
    }
    return progress;
}

void js_hashmap_sweep_dead_keys(JSRuntime *rt, JSHashMap *m)
{
    for (uint32_t i = 0; i < m->used; i++) {
        JSMapEntry *e = &m->entries[i];
        if (!js_is_empty(e->key) && !js_gc_is_marked(js_get_ptr(e->key)))
            remove_index(m, i);
    }
}
