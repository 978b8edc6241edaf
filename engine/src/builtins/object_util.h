/* Helpers of the Object built-ins that other families share (Reflect,
 * Proxy, JSON, ...): property descriptor <-> object conversion
 * (FromPropertyDescriptor, ToPropertyDescriptor, CompletePropertyDescriptor)
 * and a few small list utilities. Implemented in object.c. */
#ifndef BUILTINS_OBJECT_UTIL_H
#define BUILTINS_OBJECT_UTIL_H

#include "../context.h"
#include "wrapper.h"

/* needs: context.h's JS_CFUNC_DEF / JS_CFUNC_MAGIC_DEF name their function
 * parameter `fn`, which also replaces the `.fn` designator, so no table
 * compiles. Until the header is fixed, these files use this repaired copy. */
#undef JS_CFUNC_DEF
#undef JS_CFUNC_MAGIC_DEF
#define JS_CFUNC_DEF(name, length, func) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, length, JS_CFUNC_PLAIN, 0, { .fn = func } }
#define JS_CFUNC_MAGIC_DEF(name, length, func, magic) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, length, JS_CFUNC_PLAIN, magic, { .fn = func } }

/* FromPropertyDescriptor: a new ordinary object with the fields present
 * in desc (value, writable, get, set, enumerable, configurable, in that
 * order); desc == NULL gives undefined. The values in desc must be
 * reachable by the caller's roots. May collect; JS_EXCEPTION on OOM. */
JSValue js_from_property_descriptor(JSContext *ctx, const JSPropertyDescriptor *desc);

/* ToPropertyDescriptor(obj): fills *desc (flags are JS_DESC_HAS_* plus
 * the JS_PROP_* bits of the present boolean fields). Throws TypeError if
 * obj is not an object, if get/set are neither callable nor undefined, or
 * if accessor and data fields are mixed. The values written into *desc
 * are NOT rooted on return: the caller roots them (or uses them at once)
 * before the next allocation. May run JS; returns 0 or -1. */
int js_to_property_descriptor(JSContext *ctx, JSValue obj, JSPropertyDescriptor *desc);

/* Roots the three values of a descriptor (push order v, g, s; pop with
 * js_root_pop(ctx, &roots->v), which pops all three). Does not collect. */
typedef struct JSDescRoots {
    JSRoot v, g, s;
} JSDescRoots;
static inline void js_desc_root(JSContext *ctx, JSDescRoots *roots, const JSPropertyDescriptor *d)
{
    js_root_push(ctx, &roots->v, d->value);
    js_root_push(ctx, &roots->g, d->getter);
    js_root_push(ctx, &roots->s, d->setter);
}

/* Points an existing root at atom's key value so the atom stays alive
 * (atoms are weak in the atom table). Does not collect. */
static inline void js_root_set_atom(JSContext *ctx, JSRoot *r, JSAtom a)
{
    r->v = js_atom_is_int(a) ? JS_UNDEFINED : js_atom_to_value(ctx, a);
}

/* CompletePropertyDescriptor: fills absent fields with defaults. Pure. */
void js_complete_property_descriptor(JSPropertyDescriptor *desc);

/* True if desc describes an accessor (has get or set). Pure. */
static inline bool js_desc_is_accessor(const JSPropertyDescriptor *d)
{
    return (d->flags & (JS_DESC_HAS_GET | JS_DESC_HAS_SET)) != 0;
}
/* True if desc describes a data property (has value or writable). Pure. */
static inline bool js_desc_is_data(const JSPropertyDescriptor *d)
{
    return (d->flags & (JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE)) != 0;
}

/* Makes a descriptor returned by [[GetOwnProperty]] carry the HAS bits of
 * a complete descriptor (data or accessor by JS_PROP_ACCESSOR) if it has
 * none. Pure. */
void js_desc_normalize(JSPropertyDescriptor *desc);

/* A JSValue wrapping an internal cell (a JSValueArray), for JSRoot. */
static inline JSValue js_cell_value(const void *cell) { return js_mkptr(JS_TAG_CELL, cell); }

/* CreateArrayFromList of values[0..n). May collect; JS_EXCEPTION on OOM.
 * values must be rooted. */
JSValue js_array_from_values(JSContext *ctx, uint32_t n, const JSValue *values);

/* EnumerableOwnProperties(obj, kind): kind 0 keys, 1 values, 2 entries.
 * Returns a new array. May run JS; JS_EXCEPTION on error. */
JSValue js_enumerable_own_properties(JSContext *ctx, JSValue obj, int kind);

#endif
