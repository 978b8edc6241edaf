/* Internal glue between the files of the core runtime (gc.c, atom.c,
 * str.c, shape.c, object.c, function.c, context.c, conv.c). Not for use
 * outside them: other subsystems use gc.h, atom.h, str.h, object.h,
 * shape.h, context.h and conv.h. */
#ifndef CORE_H
#define CORE_H

#include "context.h"
#include "shape.h"

/* gc.c */
int js_gc_init(JSRuntime *rt);
void js_gc_free_all(JSRuntime *rt);         /* finalizes and frees every cell */
bool js_gc_in_oom(JSRuntime *rt);
void js_gc_set_in_oom(JSRuntime *rt, bool on);

/* atom.c */
int js_atom_init(JSRuntime *rt);            /* table + predefined atoms; uses rt->realms == NULL */
void js_atom_free(JSRuntime *rt);
void js_atom_mark_roots(JSRuntime *rt);     /* predefined atoms */
void js_atom_sweep(JSRuntime *rt);          /* drops unmarked atoms */
/* The string or symbol of a non-integer atom (no allocation). */
JSValue js_atom_value_raw(JSRuntime *rt, JSAtom a);
/* Bootstrapping: interns a string without a context (runtime creation). */
JSAtom js_atom_intern_latin1_rt(JSRuntime *rt, const char *s, bool is_symbol);

/* shape.c */
int js_shape_init(JSRuntime *rt);

/* str.c */
uint32_t js_string_hash(JSString *flat);    /* flat string; caches */
bool js_flat_equal(const JSString *a, const JSString *b);
void js_string_trace(JSRuntime *rt, JSString *s);
/* Allocates a flat string of len units without a context (runtime
 * creation only); NULL on failure. */
JSString *js_string_alloc_rt(JSRuntime *rt, uint32_t len, bool wide);
JSString *js_string_alloc(JSContext *ctx, uint32_t len, bool wide);
int js_str_init_runtime(JSRuntime *rt);     /* single-char cache */
/* Canonical array index of a flat string (0..2^32-2), or false. */
bool js_flat_to_array_index(const JSString *p, uint32_t *idx);

/* gc.c: a raw allocation without a context (runtime creation only). */
void *js_gc_alloc_rt(JSRuntime *rt, JSCellType type, size_t size);

/* object.c / function.c / context.c: class registration */
void js_object_register_classes(JSRuntime *rt);
void js_function_register_classes(JSRuntime *rt);
/* Slot vectors (capacity stored in the word before slots[0]). Objects
 * made by js_new_object_proto_class / js_new_array start with
 * JS_INLINE_SLOTS slots (or their class's inline_slots) inside their own
 * cell, after the class struct; the capacity word then has JS_SLOTS_INLINE
 * set and the vector is never freed or reallocated (growing copies it out
 * to malloc'ed memory). */
#define JS_SLOTS_INLINE (1ull << 63)
#define JS_INLINE_SLOTS 4
static inline size_t js_object_inline_size(size_t class_size, uint32_t nslots)
{
    return ((class_size + 7) & ~(size_t)7) + 8 + nslots * sizeof(JSValue);
}
static inline void js_object_init_inline_slots(JSObject *o, size_t class_size, uint32_t nslots)
{
    uint64_t *w = (uint64_t *)((char *)o + ((class_size + 7) & ~(size_t)7));
    w[0] = JS_SLOTS_INLINE | nslots;
    o->slots = (JSValue *)(w + 1);
    for (uint32_t i = 0; i < nslots; i++)
        o->slots[i] = JS_UNDEFINED;
}
JSValue *js_slots_resize(JSContext *ctx, JSValue *slots, uint32_t new_cap);
void js_slots_free(JSRuntime *rt, JSValue *slots);
void js_object_trace(JSRuntime *rt, JSObject *o);
void js_object_finalize(JSRuntime *rt, JSObject *o);

/* object.c internals */
int js_object_reserve_slots(JSContext *ctx, JSObject *o, uint32_t n);
int js_object_to_dict(JSContext *ctx, JSObject *o);
int js_object_add_property(JSContext *ctx, JSObject *o, JSAtom atom, uint32_t attrs, JSValue val);
JSAccessorPair *js_new_accessor_pair(JSContext *ctx, JSValue getter, JSValue setter);
JSValueArray *js_own_keys_with_prefix(JSContext *ctx, JSObject *o, uint32_t n_prefix);
/* object_array.c */
JSValue js_new_array_proto(JSContext *ctx, JSValue proto, uint32_t len);

/* The prototype used for property lookup on a primitive, or NULL for
 * undefined/null. */
JSObject *js_primitive_proto(JSContext *ctx, JSValue v);

#endif
