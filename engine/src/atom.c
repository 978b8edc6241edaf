/* The atom table (see atom.h): interned strings and symbols indexed by
 * atom number, a hash index over the strings, integer atoms for array
 * indexes, the predefined atoms of atoms.def (created at runtime start,
 * never collected) and the weak sweep of unmarked dynamic atoms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"

typedef struct AtomEntry {
    JSValue v;          /* string or symbol value; 0 when free */
    uint32_t next;      /* hash chain (strings) or free list */
    uint32_t hash;
} AtomEntry;

typedef struct JSAtomTable {
    AtomEntry *entries;
    uint32_t count;     /* entries in use or freed (high-water mark) */
    uint32_t cap;
    uint32_t free_head; /* 0 = none */
    uint32_t *buckets;  /* atom index of the chain head, 0 = empty */
    uint32_t bucket_mask;
    uint32_t nstrings;  /* strings in the hash index */
} JSAtomTable;

static const char *const predefined_names[] = {
    NULL,
#define DEF(name, str) str,
#define DEF_SYM(name, str) str,
#include "atoms.def"
#undef DEF
#undef DEF_SYM
};

static const bool predefined_is_sym[] = {
    false,
#define DEF(name, str) false,
#define DEF_SYM(name, str) true,
#include "atoms.def"
#undef DEF
#undef DEF_SYM
};

static inline uint32_t hash_step(uint32_t h, uint32_t c)
{
    return (h ^ c) * 0x01000193u;
}
#define HASH_INIT 0x811C9DC5u

static inline uint32_t hash_final(uint32_t h)
{
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    return h;
}

/* Hash of a flat string's code units (cached in the string). */
uint32_t js_string_hash(JSString *p)
{
    if (p->h.flags & JS_STR_HASHED)
        return p->hash;
    uint32_t h = HASH_INIT;
    if (p->h.flags & JS_STR_WIDE) {
        for (uint32_t i = 0; i < p->len; i++)
            h = hash_step(h, p->u.wide[i]);
    } else {
        for (uint32_t i = 0; i < p->len; i++)
            h = hash_step(h, p->u.latin1[i]);
    }
    h = hash_final(h);
    p->hash = h;
    p->h.flags |= JS_STR_HASHED;
    return h;
}

static int table_grow_entries(JSAtomTable *t)
{
    uint32_t ncap = t->cap ? t->cap * 2 : 512;
    AtomEntry *n = realloc(t->entries, ncap * sizeof(AtomEntry));
    if (!n)
        return -1;
    t->entries = n;
    t->cap = ncap;
    return 0;
}

static int table_rehash(JSAtomTable *t, uint32_t nbuckets)
{
    uint32_t *nb = calloc(nbuckets, sizeof(uint32_t));
    if (!nb)
        return -1;
    uint32_t mask = nbuckets - 1;
    for (uint32_t i = 1; i < t->count; i++) {
        AtomEntry *e = &t->entries[i];
        if (e->v == 0 || !js_is_string(e->v))
            continue;
        /* duplicates of predefined atoms are not indexed */
        if (!(JS_VALUE_GET_STRING(e->v)->h.flags & JS_STR_ATOM) ||
            JS_VALUE_GET_STRING(e->v)->h.aux != i)
            continue;
        uint32_t b = e->hash & mask;
        e->next = nb[b];
        nb[b] = i;
    }
    free(t->buckets);
    t->buckets = nb;
    t->bucket_mask = mask;
    return 0;
}

/* Takes a free entry index (or -1). */
static int64_t new_entry(JSAtomTable *t)
{
    if (t->free_head) {
        uint32_t i = t->free_head;
        t->free_head = t->entries[i].next;
        return i;
    }
    if (t->count == t->cap && table_grow_entries(t) < 0)
        return -1;
    if (t->count >= JS_ATOM_TAG_INT - 1)
        return -1;
    return t->count++;
}

/* Adds flat string p (not yet interned) with hash h; returns the atom or
 * JS_ATOM_NULL on allocation failure. */
static JSAtom add_string(JSRuntime *rt, JSString *p, uint32_t h, bool index_it)
{
    JSAtomTable *t = rt->atoms;
    if (index_it && (t->nstrings + 1) * 2 > t->bucket_mask + 1) {
        if (table_rehash(t, (t->bucket_mask + 1) * 2) < 0)
            return JS_ATOM_NULL;
    }
    int64_t i = new_entry(t);
    if (i < 0)
        return JS_ATOM_NULL;
    AtomEntry *e = &t->entries[i];
    e->v = js_str_value(p);
    e->hash = h;
    e->next = 0;
    if (index_it) {
        uint32_t b = h & t->bucket_mask;
        e->next = t->buckets[b];
        t->buckets[b] = (uint32_t)i;
        t->nstrings++;
        p->h.flags |= JS_STR_ATOM;
        p->h.aux = (uint32_t)i;
    }
    return (JSAtom)i;
}

static JSAtom find_string(JSRuntime *rt, const JSString *p, uint32_t h)
{
    JSAtomTable *t = rt->atoms;
    for (uint32_t i = t->buckets[h & t->bucket_mask]; i; i = t->entries[i].next) {
        AtomEntry *e = &t->entries[i];
        if (e->hash == h && js_flat_equal(JS_VALUE_GET_STRING(e->v), p))
            return i;
    }
    return JS_ATOM_NULL;
}

static bool ascii_to_index(const char *s, size_t len, uint32_t *idx)
{
    if (len == 0 || len > 10)
        return false;
    if (s[0] == '0')
        return len == 1 ? (*idx = 0, true) : false;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > 0xFFFFFFFEu)
        return false;
    *idx = (uint32_t)v;
    return true;
}

/* Canonical array index of a flat string. Does not collect. */
bool js_flat_to_array_index(const JSString *p, uint32_t *idx)
{
    uint32_t len = p->len;
    if (len == 0 || len > 10)
        return false;
    char buf[11];
    for (uint32_t i = 0; i < len; i++) {
        uint16_t c = js_flat_char(p, i);
        if (c < '0' || c > '9')
            return false;
        buf[i] = (char)c;
    }
    return ascii_to_index(buf, len, idx);
}

int js_atom_init(JSRuntime *rt)
{
    JSAtomTable *t = calloc(1, sizeof(JSAtomTable));
    if (!t)
        return -1;
    rt->atoms = t;
    t->count = 1;   /* entry 0 is JS_ATOM_NULL */
    if (table_grow_entries(t) < 0 || table_rehash(t, 1024) < 0)
        return -1;
    memset(&t->entries[0], 0, sizeof(AtomEntry));
    for (uint32_t i = 1; i < JS_ATOM_END; i++) {
        JSAtom a = js_atom_intern_latin1_rt(rt, predefined_names[i], predefined_is_sym[i]);
        if (a != i)
            return -1;
    }
    return 0;
}

/* Runtime creation: adds a predefined atom without a context. Always
 * creates a new entry (duplicates in atoms.def get their own number but
 * only the first is found by lookups). */
JSAtom js_atom_intern_latin1_rt(JSRuntime *rt, const char *s, bool is_symbol)
{
    size_t len = strlen(s);
    JSString *p = js_string_alloc_rt(rt, (uint32_t)len, false);
    if (!p)
        return JS_ATOM_NULL;
    memcpy(p->u.latin1, s, len);
    p->u.latin1[len] = 0;
    JSAtomTable *t = rt->atoms;
    if (is_symbol) {
        JSSymbol *sym = js_gc_alloc_rt(rt, JS_CELL_SYMBOL, sizeof(JSSymbol));
        if (!sym)
            return JS_ATOM_NULL;
        sym->description = js_str_value(p);
        int64_t i = new_entry(t);
        if (i < 0)
            return JS_ATOM_NULL;
        t->entries[i].v = js_sym_value(sym);
        t->entries[i].next = 0;
        t->entries[i].hash = 0;
        sym->h.aux = (uint32_t)i;
        return (JSAtom)i;
    }
    uint32_t h = js_string_hash(p);
    bool dup = find_string(rt, p, h) != JS_ATOM_NULL;
    return add_string(rt, p, h, !dup);
}

void js_atom_free(JSRuntime *rt)
{
    JSAtomTable *t = rt->atoms;
    if (!t)
        return;
    free(t->entries);
    free(t->buckets);
    free(t);
    rt->atoms = NULL;
}

void js_atom_mark_roots(JSRuntime *rt)
{
    JSAtomTable *t = rt->atoms;
    if (!t)
        return;
    for (uint32_t i = 1; i < JS_ATOM_END && i < t->count; i++)
        js_gc_mark_value(rt, t->entries[i].v);
}

/* Marks the string or symbol of a dynamic atom. Collector only. */
void js_gc_mark_atom(JSRuntime *rt, JSAtom a)
{
    if (a < JS_ATOM_END || js_atom_is_int(a))
        return;
    JSAtomTable *t = rt->atoms;
    if (a < t->count)
        js_gc_mark_value(rt, t->entries[a].v);
}

/* After marking: removes the atoms whose cells are unmarked. */
void js_atom_sweep(JSRuntime *rt)
{
    JSAtomTable *t = rt->atoms;
    for (uint32_t b = 0; b <= t->bucket_mask; b++) {
        uint32_t *link = &t->buckets[b];
        while (*link) {
            uint32_t i = *link;
            AtomEntry *e = &t->entries[i];
            if (i >= JS_ATOM_END && !js_gc_is_marked(js_get_ptr(e->v))) {
                *link = e->next;
                t->nstrings--;
            } else {
                link = &e->next;
            }
        }
    }
    for (uint32_t i = JS_ATOM_END; i < t->count; i++) {
        AtomEntry *e = &t->entries[i];
        if (e->v != 0 && !js_gc_is_marked(js_get_ptr(e->v))) {
            e->v = 0;
            e->next = t->free_head;
            t->free_head = i;
        }
    }
}

/* Keeps a dynamic atom alive while C code holds it. */
void js_root_push_atom(JSContext *ctx, JSRoot *r, uint32_t atom)
{
    JSValue v = JS_UNDEFINED;
    if (atom >= JS_ATOM_END && !js_atom_is_int(atom))
        v = ctx->rt->atoms->entries[atom].v;
    js_root_push(ctx, r, v);
}

JSValue js_atom_value_raw(JSRuntime *rt, JSAtom a)
{
    return rt->atoms->entries[a].v;
}

/* ---- creating atoms ---- */

/* Interns a string value. May collect; JS_ATOM_NULL on OOM (thrown). */
JSAtom js_atom_from_string(JSContext *ctx, JSValue str)
{
    JSString *s = JS_VALUE_GET_STRING(str);
    if (s->h.flags & JS_STR_ATOM)
        return s->h.aux;
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        return JS_ATOM_NULL;
    if (p->h.flags & JS_STR_ATOM)
        return p->h.aux;
    uint32_t idx;
    if (js_flat_to_array_index(p, &idx) && idx <= JS_ATOM_MAX_INT)
        return js_atom_from_uint(idx);
    uint32_t h = js_string_hash(p);
    JSAtom a = find_string(ctx->rt, p, h);
    if (a != JS_ATOM_NULL)
        return a;
    a = add_string(ctx->rt, p, h, true);
    if (a == JS_ATOM_NULL)
        js_throw_out_of_memory(ctx);
    return a;
}

/* Interns UTF-8 text. May collect. */
JSAtom js_atom_from_utf8(JSContext *ctx, const char *s, size_t len)
{
    /* fast path: ASCII text already in the table, without allocating */
    bool ascii = true;
    uint32_t h = HASH_INIT;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            ascii = false;
            break;
        }
        h = hash_step(h, c);
    }
    if (ascii) {
        uint32_t idx;
        if (ascii_to_index(s, len, &idx) && idx <= JS_ATOM_MAX_INT)
            return js_atom_from_uint(idx);
        h = hash_final(h);
        JSAtomTable *t = ctx->rt->atoms;
        for (uint32_t i = t->buckets[h & t->bucket_mask]; i; i = t->entries[i].next) {
            AtomEntry *e = &t->entries[i];
            if (e->hash != h)
                continue;
            JSString *p = JS_VALUE_GET_STRING(e->v);
            if (p->len == len && !(p->h.flags & JS_STR_WIDE) && memcmp(p->u.latin1, s, len) == 0)
                return i;
        }
        /* not there: a new Latin-1 string, its hash already known (every
         * built-in name not in atoms.def comes here once per runtime) */
        if (len <= JS_STRING_MAX_LEN) {
            JSString *p = js_string_alloc(ctx, (uint32_t)len, false);
            if (!p)
                return JS_ATOM_NULL;
            memcpy(p->u.latin1, s, len);
            p->u.latin1[len] = 0;
            p->hash = h;
            p->h.flags |= JS_STR_HASHED;
            JSAtom a = add_string(ctx->rt, p, h, true);
            if (a == JS_ATOM_NULL)
                js_throw_out_of_memory(ctx);
            return a;
        }
    }
    JSValue str = js_new_string_utf8(ctx, s, len);
    if (js_is_exception(str))
        return JS_ATOM_NULL;
    return js_atom_from_string(ctx, str);
}

JSAtom js_atom_from_cstr(JSContext *ctx, const char *s)
{
    return js_atom_from_utf8(ctx, s, strlen(s));
}

/* An atom for an unsigned integer key. May collect. */
JSAtom js_atom_from_uint32(JSContext *ctx, uint32_t i)
{
    if (i <= JS_ATOM_MAX_INT)
        return js_atom_from_uint(i);
    char buf[16];
    int n = snprintf(buf, sizeof buf, "%u", i);
    return js_atom_from_utf8(ctx, buf, (size_t)n);
}

/* A new symbol atom. May collect. */
JSAtom js_atom_new_symbol(JSContext *ctx, JSValue description)
{
    JSValue sym = js_new_symbol(ctx, description, false);
    if (js_is_exception(sym))
        return JS_ATOM_NULL;
    return JS_VALUE_GET_SYMBOL(sym)->h.aux;
}

/* Registers a freshly allocated symbol in the table (str.c). Returns 0 or
 * -1 (nothing thrown). */
int js_atom_register_symbol(JSRuntime *rt, JSSymbol *sym)
{
    JSAtomTable *t = rt->atoms;
    int64_t i = new_entry(t);
    if (i < 0)
        return -1;
    t->entries[i].v = js_sym_value(sym);
    t->entries[i].next = 0;
    t->entries[i].hash = 0;
    sym->h.aux = (uint32_t)i;
    return 0;
}

/* ---- reading atoms ---- */

bool js_atom_is_symbol(JSRuntime *rt, JSAtom a)
{
    if (js_atom_is_int(a) || a == JS_ATOM_NULL)
        return false;
    return js_is_symbol(rt->atoms->entries[a].v);
}

bool js_atom_is_array_index(JSRuntime *rt, JSAtom a, uint32_t *idx)
{
    if (js_atom_is_int(a)) {
        *idx = js_atom_get_int(a);
        return true;
    }
    if (a < JS_ATOM_END)
        return false;
    JSValue v = rt->atoms->entries[a].v;
    if (!js_is_string(v))
        return false;
    JSString *p = JS_VALUE_GET_STRING(v);
    if (p->len != 10)
        return false;
    return js_flat_to_array_index(p, idx);
}

/* The key as a value. May collect (integer atoms). */
JSValue js_atom_to_value(JSContext *ctx, JSAtom a)
{
    if (js_atom_is_int(a)) {
        uint32_t i = js_atom_get_int(a);
        if (i < 10)
            return js_new_string_char(ctx, (uint16_t)('0' + i));
        char buf[16];
        int n = snprintf(buf, sizeof buf, "%u", i);
        return js_new_string_latin1(ctx, (const uint8_t *)buf, (size_t)n);
    }
    return ctx->rt->atoms->entries[a].v;
}

/* String form of an atom (a symbol gives its description). May collect. */
JSValue js_atom_to_string(JSContext *ctx, JSAtom a)
{
    JSValue v = js_atom_to_value(ctx, a);
    if (js_is_symbol(v)) {
        JSValue d = JS_VALUE_GET_SYMBOL(v)->description;
        return js_is_string(d) ? d : js_atom_to_value(ctx, JS_ATOM_empty_string);
    }
    return v;
}

static size_t put_utf8(char *buf, size_t pos, size_t size, uint32_t c)
{
    char tmp[4];
    size_t n;
    if (c < 0x80) {
        tmp[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        tmp[0] = (char)(0xC0 | (c >> 6));
        tmp[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        tmp[0] = (char)(0xE0 | (c >> 12));
        tmp[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        tmp[0] = (char)(0xF0 | (c >> 18));
        tmp[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    if (pos + n >= size)
        return pos;
    memcpy(buf + pos, tmp, n);
    return pos + n;
}

/* UTF-8 rendering into buf for messages. Does not collect. */
const char *js_atom_get_cstr(JSRuntime *rt, char *buf, size_t size, JSAtom a)
{
    if (size == 0)
        return buf;
    if (js_atom_is_int(a)) {
        snprintf(buf, size, "%u", js_atom_get_int(a));
        return buf;
    }
    if (a == JS_ATOM_NULL || a >= rt->atoms->count || rt->atoms->entries[a].v == 0) {
        snprintf(buf, size, "<invalid atom>");
        return buf;
    }
    JSValue v = rt->atoms->entries[a].v;
    if (js_is_symbol(v)) {
        v = JS_VALUE_GET_SYMBOL(v)->description;
        if (!js_is_string(v)) {
            buf[0] = 0;
            return buf;
        }
    }
    JSString *p = JS_VALUE_GET_STRING(v);
    if (p->h.flags & JS_STR_ROPE) {
        snprintf(buf, size, "<rope>");
        return buf;
    }
    JSStringView sv;
    js_string_view_nogc(p, &sv);
    size_t pos = 0;
    for (uint32_t i = 0; i < sv.len; i++) {
        uint32_t units;
        uint32_t c = js_view_codepoint_at(&sv, i, &units);
        i += units - 1;
        size_t np = put_utf8(buf, pos, size, c);
        if (np == pos)
            break;
        pos = np;
    }
    buf[pos] = 0;
    return buf;
}
