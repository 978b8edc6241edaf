/* The insertion-ordered hash table behind Map and Set (and, later,
 * WeakMap and WeakSet): keys compared by SameValueZero, O(1) average
 * lookup, insertion and deletion, iteration in insertion order that stays
 * valid while entries are added and deleted (cursors).
 *
 * Layout: `entries` is a vector in insertion order; a deleted entry
 * becomes a tombstone (key JS_EMPTY) and keeps its place, so indexes held
 * by cursors stay valid. `buckets` heads singly linked chains of entry
 * indexes (JSMapEntry.next). When an insertion finds the vector full, the
 * table either compacts (drops the tombstones, renumbering every attached
 * cursor) or grows; deletion never moves entries. clear() empties the
 * vector and rewinds every cursor to 0, so a live iterator goes on with the
 * entries added after the clear, as the spec's emptied-list semantics say.
 *
 * Keys must be normalized first with js_hashmap_normalize_key (-0 -> +0,
 * integral doubles -> int32, strings flattened): after that no table
 * operation collects or runs JS. The table's memory comes from js_malloc
 * and is owned by the object that embeds the JSHashMap: its trace hook
 * calls js_hashmap_mark, its finalize hook js_hashmap_free.
 *
 * Cursors: an iterator object embeds a JSMapCursor attached to the table
 * it walks (owner = the iterator cell). The owning object's trace hook, if
 * m->cursors is not NULL, registers a weak callback (js_gc_register_weak)
 * that calls js_hashmap_sweep_cursors, which detaches the cursors whose
 * owner died; so neither finalizer touches the other cell. A C function
 * walking a table while calling JS uses a cursor on its stack (owner NULL)
 * and detaches it on every exit path.
 *
 * Weak variant (WeakMap / WeakSet): embed a JSHashMap the same way, but in
 * the trace hook do NOT call js_hashmap_mark; register instead
 *   js_gc_register_ephemeron(rt, obj, fn) with fn calling
 *       js_hashmap_mark_ephemerons (marks values whose key is marked), and
 *   js_gc_register_weak(rt, obj, fn) with fn calling
 *       js_hashmap_sweep_dead_keys (tombstones entries whose key died).
 * Keys there are objects or symbols, hashed by identity. */
#ifndef BUILTINS_HASHMAP_H
#define BUILTINS_HASHMAP_H

#include "../context.h"

#define JS_MAP_NIL 0xFFFFFFFFu

typedef struct JSMapEntry {
    JSValue key;        /* JS_EMPTY: deleted (tombstone) */
    JSValue value;      /* undefined in sets */
    uint32_t hash;
    uint32_t next;      /* next entry of the same bucket, or JS_MAP_NIL */
} JSMapEntry;

typedef struct JSMapCursor {
    uint32_t index;             /* next entry index to look at */
    void *owner;                /* GC cell holding the cursor, NULL on the C stack */
    struct JSMapCursor *next;   /* list of the cursors attached to one table */
    struct JSMapCursor **pprev;
} JSMapCursor;

typedef struct JSHashMap {
    JSMapEntry *entries;        /* cap entries, [0, used) in use */
    uint32_t *buckets;          /* cap heads (cap is 0 or a power of two) */
    uint32_t cap;
    uint32_t used;              /* live entries + tombstones */
    uint32_t count;             /* live entries */
    JSMapCursor *cursors;
} JSHashMap;

/* An all-zero JSHashMap is a valid empty table. */

/* Releases the memory of m (finalizers). Never collects. */
void js_hashmap_free(JSRuntime *rt, JSHashMap *m);

/* CanonicalizeKeyedCollectionKey plus the representation the table
 * needs: -0 -> +0, integral doubles -> int32, ropes flattened. May
 * collect (flattening): *key must be rooted by the caller. Returns 0, or
 * -1 after throwing out-of-memory. */
int js_hashmap_normalize_key(JSContext *ctx, JSValue *key);

/* The live entry with key (normalized), or NULL. Never collects. The
 * pointer is valid until the next insertion. */
JSMapEntry *js_hashmap_find(JSRuntime *rt, JSHashMap *m, JSValue key);

/* Sets key (normalized) to value: replaces the value of an existing entry
 * in place, or appends an entry. Never collects (js_malloc memory only).
 * Returns 0, or -1 after throwing out-of-memory. */
int js_hashmap_set(JSContext *ctx, JSHashMap *m, JSValue key, JSValue value);

/* Deletes key (normalized); true if it was present. Never collects. */
bool js_hashmap_delete(JSRuntime *rt, JSHashMap *m, JSValue key);

/* Removes every entry; attached cursors restart at the entries added
 * later. Never collects. */
void js_hashmap_clear(JSRuntime *rt, JSHashMap *m);

/* Copies every live entry of src into dst (empty or not). Never collects.
 * 0, or -1 after throwing out-of-memory. */
int js_hashmap_copy(JSContext *ctx, JSHashMap *dst, const JSHashMap *src);

/* Cursors. attach starts at the first entry. next returns the next live
 * entry and moves past it, or NULL at the end (the cursor stays attached
 * until detached). Never collect. */
void js_hashmap_cursor_attach(JSHashMap *m, JSMapCursor *c, void *owner);
void js_hashmap_cursor_detach(JSMapCursor *c);
JSMapEntry *js_hashmap_cursor_next(JSHashMap *m, JSMapCursor *c);

/* For trace hooks: marks every live key and value. */
void js_hashmap_mark(JSRuntime *rt, JSHashMap *m);
/* For weak callbacks (after marking, before the sweep): detaches the
 * cursors whose owner cell is unmarked. */
void js_hashmap_sweep_cursors(JSRuntime *rt, JSHashMap *m);
/* Weak tables: marks the value of each entry whose key is marked; true if
 * some value was newly pushed for marking (an ephemeron callback). */
bool js_hashmap_mark_ephemerons(JSRuntime *rt, JSHashMap *m);
/* Weak tables: tombstones every entry whose key is unmarked. */
void js_hashmap_sweep_dead_keys(JSRuntime *rt, JSHashMap *m);

#endif
