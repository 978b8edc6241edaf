/* Shapes (hidden classes): the layout of an object's own named properties
 * and its [[Prototype]]. Shared shapes form a transition tree keyed by
 * (parent, atom, attrs) and are immutable; a dictionary shape belongs to
 * one object and changes in place. Exposed here so the interpreter can
 * inline property lookups and inline-cache checks. */
#ifndef SHAPE_H
#define SHAPE_H

#include "object.h"

/* h.flags bits of a JSShape */
#define JS_SHAPE_DICT 0x01      /* dictionary: owned by one object, mutable */
/* The shape descends from an exotic root: objects of classes with their
 * own property hooks (typed arrays, String wrappers, arguments, ...) never
 * share a shape with ordinary objects, so that an inline cache filled on
 * one kind is never hit by the other (a typed array's "NaN" is no
 * property lookup at all). Inherited by transitions and copies. */
#define JS_SHAPE_EXOTIC 0x02
/* A dictionary shape an inline cache has remembered (as the receiver's,
 * a prototype's or the holder's shape). The caches compare shape
 * pointers, so such a shape never changes in place: the next change of
 * its object gives the object a copy first (js_object_to_dict). */
#define JS_SHAPE_IC_HELD 0x04
/* A dictionary shape inline caches leave alone: its object was copied
 * JS_SHAPE_DICT_MAX_COPIES times already (an object used as a hash map
 * while a cache reads it would otherwise be copied at every insertion).
 * h.aux of a dictionary shape counts those copies. */
#define JS_SHAPE_NO_IC 0x08
#define JS_SHAPE_DICT_MAX_COPIES 8

/* Shapes with more properties than this index them with a hash table. */
#define JS_SHAPE_LINEAR_MAX 8
/* An object whose shape would pass this many properties goes to
 * dictionary mode. */
#define JS_SHAPE_MAX_SHARED_PROPS 128

typedef struct JSShapeProp {
    JSAtom atom;        /* JS_ATOM_NULL: deleted entry (dictionary only) */
    uint32_t attrs;     /* JS_PROP_* bits */
} JSShapeProp;

struct JSShape {
    GCHeader h;         /* h.type = JS_CELL_SHAPE, h.flags = JS_SHAPE_* */
    uint32_t prop_count;    /* entries used in props (slot i <-> props[i]) */
    uint32_t prop_cap;      /* entries allocated in props */
    JSObject *proto;        /* NULL for a null prototype */
    struct JSShape *parent; /* transition parent (shared shapes), else NULL */
    struct JSShape *table_next; /* chain of the runtime transition table */
    JSShapeProp *props;     /* malloc'ed */
    uint32_t *index;        /* hash index: slot+1 per bucket, 0 = empty; or NULL */
    uint32_t index_mask;    /* buckets - 1 */
    uint32_t deleted_count; /* dictionary: deleted entries in props */
    uint32_t key_hash;      /* hash of the transition key */
    uint32_t slot_hint;     /* root shapes: inline slots for objects made by
                             * constructors (object.c) */
    uint32_t ctor_made;     /* root shapes: such objects made, and those */
    uint32_t ctor_outgrown; /* that outgrew slot_hint, since it last changed */
};

/* Slow part of js_shape_lookup (hash index). Does not collect. */
int js_shape_lookup_hashed(const JSShape *sh, JSAtom prop, uint32_t *attrs);

static inline int js_shape_lookup_inline(const JSShape *sh, JSAtom prop, uint32_t *attrs)
{
    if (sh->prop_count <= JS_SHAPE_LINEAR_MAX) {
        const JSShapeProp *p = sh->props;
        for (uint32_t i = 0, n = sh->prop_count; i < n; i++) {
            if (p[i].atom == prop) {
                *attrs = p[i].attrs;
                return (int)i;
            }
        }
        return -1;
    }
    return js_shape_lookup_hashed(sh, prop, attrs);
}

/* The capacity of a live object's slot vector, stored in the word before
 * slots[0] (core.h; bit 63 marks slots inside the object's cell). Never
 * NULL: every object starts with its class's inline slots. Objects of one
 * shape may differ in capacity; an inline cache adding a property in
 * place checks this. */
static inline uint32_t js_slots_capacity(const JSValue *slots)
{
    return (uint32_t)((const uint64_t *)slots)[-1];
}

/* The capacity a slot vector grows to when it must hold n values. Every
 * object is made with at least js_slot_capacity of its class's inline
 * slots inside its cell, so even an empty one has room for 4. */
static inline uint32_t js_slot_capacity(uint32_t n)
{
    if (n <= 4)
        return 4;
    n--;
    n |= n >> 1; n |= n >> 2; n |= n >> 4; n |= n >> 8; n |= n >> 16;
    return n + 1;
}

/* Shape operations (shape.c). All that allocate may collect and return
 * NULL after throwing out-of-memory. */
/* The shared empty shape with prototype proto (NULL = null), of exotic
 * objects or of ordinary ones (JS_SHAPE_EXOTIC). */
JSShape *js_shape_root(JSContext *ctx, JSObject *proto, bool exotic);
/* The shared shape sh + (atom, attrs); sh must not be a dictionary. */
JSShape *js_shape_add_transition(JSContext *ctx, JSShape *sh, JSAtom atom, uint32_t attrs);
/* A shared shape made in one step from parent and n more entries, for
 * objects that get many properties at once (the built-in tables): one
 * allocation and one hash index instead of a transition per entry.
 * js_shape_props_begin returns a new shape with parent's entries and
 * room for n more (NULL on OOM, thrown; may collect); the caller roots
 * it, then js_shape_props_push appends entries (never collects; false,
 * leaving sh unchanged, when atom is already there), then
 * js_shape_props_end returns the shared shape with those entries: an
 * equal one made before, or sh entered in the transition table (never
 * collects). Its parent is the shape it extends, which can have more
 * than one entry fewer. */
JSShape *js_shape_props_begin(JSContext *ctx, JSShape *parent, uint32_t n);
bool js_shape_props_push(JSShape *sh, JSAtom atom, uint32_t attrs);
JSShape *js_shape_props_end(JSContext *ctx, JSShape *sh);
/* A fresh dictionary copy of sh. */
JSShape *js_shape_to_dict(JSContext *ctx, JSShape *sh);
/* The shared shape with sh's properties and prototype proto. */
JSShape *js_shape_with_proto(JSContext *ctx, JSShape *sh, JSObject *proto);
/* Dictionary edits, in place. Append returns the slot or -1 (OOM thrown). */
int js_shape_dict_append(JSContext *ctx, JSShape *sh, JSAtom atom, uint32_t attrs);
/* Room for n more entries, so that n appends cannot fail. -1 on OOM. */
int js_shape_dict_reserve(JSContext *ctx, JSShape *sh, uint32_t n);
void js_shape_dict_remove(JSRuntime *rt, JSShape *sh, uint32_t slot);
/* Squeezes the deleted entries out of obj's dictionary shape and slots. */
void js_shape_dict_compact(JSRuntime *rt, JSObject *obj);
/* Removes dead shapes from the transition table; called by the collector
 * after marking. */
void js_shape_sweep_table(JSRuntime *rt);
void js_shape_free_table(JSRuntime *rt);
/* Collector hooks. */
void js_shape_trace(JSRuntime *rt, JSShape *sh);
void js_shape_finalize(JSRuntime *rt, JSShape *sh);

#endif
