/* Objects: the JSObject cell and its class table, shapes (hidden classes
 * with a transition tree, dictionary mode after deletions), dense array
 * elements, property attributes and accessors, and the internal methods
 * of ECMA-262 ([[Get]], [[Set]], [[DefineOwnProperty]], ...) with the
 * hooks exotic objects (arrays, arguments, string wrappers, typed arrays,
 * proxies, module namespaces) use to override them.
 *
 * Return conventions: functions returning JSValue give JS_EXCEPTION when
 * an exception is pending; functions returning int give -1 for an
 * exception, otherwise 0/1 (false/true). Every internal method may run JS
 * (getters, setters, proxy traps) and so may collect, unless stated. */
#ifndef OBJECT_H
#define OBJECT_H

#include <stdbool.h>
#include <stdint.h>
#include "gc.h"
#include "atom.h"

typedef struct JSObject JSObject;
typedef struct JSShape JSShape;

/* Class ids. h.aux of an object holds its class id. DEF(id, "Name"). */
typedef enum JSClassID {
#define DEF(id, name) JS_CLASS_##id,
#include "classes.def"
#undef DEF
    JS_CLASS_COUNT
} JSClassID;

/* Property attribute bits (stored in the shape, per property). */
#define JS_PROP_WRITABLE     (1u << 0)
#define JS_PROP_ENUMERABLE   (1u << 1)
#define JS_PROP_CONFIGURABLE (1u << 2)
#define JS_PROP_ACCESSOR     (1u << 3) /* the slot holds a JSAccessorPair cell */
#define JS_PROP_C_W_E (JS_PROP_WRITABLE | JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE)
#define JS_PROP_C_W (JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE)

/* Property descriptor: which fields are present, and their values.
 * The JSValues in a descriptor are NOT rooted: a caller that allocates
 * while holding one roots them. */
#define JS_DESC_HAS_VALUE        (1u << 4)
#define JS_DESC_HAS_WRITABLE     (1u << 5)
#define JS_DESC_HAS_GET          (1u << 6)
#define JS_DESC_HAS_SET          (1u << 7)
#define JS_DESC_HAS_ENUMERABLE   (1u << 8)
#define JS_DESC_HAS_CONFIGURABLE (1u << 9)
typedef struct JSPropertyDescriptor {
    uint32_t flags;     /* JS_PROP_* attribute bits | JS_DESC_HAS_* */
    JSValue value;      /* undefined when absent */
    JSValue getter;     /* undefined when absent */
    JSValue setter;
} JSPropertyDescriptor;

/* Flags for operations that may fail softly: with JS_THROW a false
 * result throws TypeError instead (strict-mode assignment, OrThrow). */
#define JS_THROW (1 << 0)

/* h.flags bits of a JSObject */
#define JS_OBJ_EXTENSIBLE    (1u << 0)
#define JS_OBJ_CALLABLE      (1u << 1)  /* has [[Call]] */
#define JS_OBJ_CONSTRUCTOR   (1u << 2)  /* has [[Construct]] */
#define JS_OBJ_EXOTIC        (1u << 3)  /* its class overrides internal methods */
#define JS_OBJ_FAST_ARRAY    (1u << 4)  /* JSArray whose indexed properties are in elems */
#define JS_OBJ_HTMLDDA       (1u << 5)  /* [[IsHTMLDDA]] */
#define JS_OBJ_CLASS_CTOR    (1u << 6)  /* class constructor: [[Call]] throws */
#define JS_OBJ_PROTOTYPE     (1u << 7)  /* used as some object's prototype (IC hint) */
#define JS_OBJ_IMMUTABLE_PROTO (1u << 8) /* immutable prototype exotic (%Object.prototype%) */
#define JS_OBJ_RAW_JSON      (1u << 9)  /* [[IsRawJSON]] (JSON.rawJSON results) */
#define JS_OBJ_FROM_CTOR     (1u << 10) /* made by js_create_from_ctor: teaches its root shape's slot_hint */

/* The base of every object. Class-specific structs embed it first. */
struct JSObject {
    GCHeader h;         /* h.type = JS_CELL_OBJECT, h.aux = JSClassID */
    JSShape *shape;     /* property layout and [[Prototype]] */
    JSValue *slots;     /* property values, by shape slot index; malloc'ed */
};

static inline JSClassID js_object_class(const JSObject *o) { return (JSClassID)o->h.aux; }
static inline bool js_object_is_class(JSValue v, JSClassID id)
{
    return js_is_object(v) && JS_VALUE_GET_OBJ(v)->h.aux == (uint32_t)id;
}

/* Array instances. `length` is always own property slot 0 (a number,
 * its writability in the shape). In fast mode (JS_OBJ_FAST_ARRAY) the
 * indexed properties 0..length-1 are plain writable/enumerable/configurable
 * data properties stored in elems; a hole is JS_EMPTY; elems_cap >= length.
 * Anything else (sparse, non-default attributes, accessors, non-writable
 * length, non-extensible) converts the array to ordinary indexed
 * properties once and for all. */
typedef struct JSArray {
    JSObject base;
    JSValue *elems;     /* malloc'ed, or inside the cell for short arrays (object_array.c) */
    uint32_t elems_cap;
} JSArray;

/* Accessor property value: a cell holding getter and setter. A pair with
 * JS_ACCESSOR_SHARED in h.flags is the value of many properties (the
 * legacy caller/arguments accessors of sloppy functions): a redefinition
 * replaces it with a new pair instead of updating it in place. */
#define JS_ACCESSOR_SHARED 1u
typedef struct JSAccessorPair {
    GCHeader h;
    JSValue getter;     /* function or undefined */
    JSValue setter;
} JSAccessorPair;

/* Class description: name, GC hooks, and optional overrides of internal
 * methods (NULL = ordinary behavior). Registered once per runtime with
 * js_register_class; the pointer must stay valid (use a static const). */
typedef struct JSClass {
    const char *name;
    size_t size;        /* sizeof the instance struct (>= sizeof(JSObject)) */
    uint8_t inline_slots;   /* property slots inside the cell, rounded up to a
                             * js_slot_capacity; 0 = JS_INLINE_SLOTS */
    /* Mark the class-specific fields (not base fields). May be NULL. */
    void (*trace)(JSRuntime *rt, JSObject *obj);
    /* Release native resources. Never runs JS, never allocates cells. */
    void (*finalize)(JSRuntime *rt, JSObject *obj);
    /* Exotic internal methods; any may be NULL. Signatures follow the
     * js_* functions below of the same name. */
    JSValue (*get_prototype_of)(JSContext *ctx, JSObject *obj);
    int (*set_prototype_of)(JSContext *ctx, JSObject *obj, JSValue proto, int flags);
    int (*is_extensible)(JSContext *ctx, JSObject *obj);
    int (*prevent_extensions)(JSContext *ctx, JSObject *obj, int flags);
    int (*get_own_property)(JSContext *ctx, JSObject *obj, JSAtom prop, JSPropertyDescriptor *desc);
    int (*define_own_property)(JSContext *ctx, JSObject *obj, JSAtom prop, const JSPropertyDescriptor *desc, int flags);
    int (*has_property)(JSContext *ctx, JSObject *obj, JSAtom prop);
    JSValue (*get)(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue receiver);
    int (*set)(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue val, JSValue receiver, int flags);
    int (*delete_property)(JSContext *ctx, JSObject *obj, JSAtom prop, int flags);
    JSValueArray *(*own_property_keys)(JSContext *ctx, JSObject *obj);
    /* [[Call]] / [[Construct]] for callable classes other than the
     * engine's function classes (proxies). */
    JSValue (*call)(JSContext *ctx, JSObject *func, JSValue this_val, int argc, JSValue *argv);
    JSValue (*construct)(JSContext *ctx, JSObject *func, int argc, JSValue *argv, JSValue new_target);
    /* GetFunctionRealm for callable classes (bound functions, proxies,
     * bytecode functions); NULL after throwing (revoked proxy). If the
     * hook is absent the current realm is used. */
    JSContext *(*get_realm)(JSContext *ctx, JSObject *func);
    /* IsArray for proxies: 1, 0, or -1 after throwing (revoked). */
    int (*is_array)(JSContext *ctx, JSObject *obj);
    /* Bound function exotic objects: [[BoundTargetFunction]] (used by
     * OrdinaryHasInstance). Never collects. */
    JSValue (*bound_target)(JSObject *func);
} JSClass;

/* Instances of the primitive wrapper classes NUMBER, STRING, BOOLEAN,
 * SYMBOL and BIGINT: [[NumberData]], [[StringData]], ... A String
 * wrapper also has its own "length" and index properties (exotic). */
typedef struct JSPrimitiveWrapper {
    JSObject base;
    JSValue value;
} JSPrimitiveWrapper;

/* Instances of class ERROR ([[ErrorData]]): the stack trace captured at
 * creation ("\n    at f (file:line:col)" per frame), read by the
 * Error.prototype.stack getter, which puts "Name: message" in front at
 * the first read (a string, or any other value when none was captured). */
typedef struct JSErrorObject {
    JSObject base;
    JSValue stack;
    bool stack_has_header;  /* the getter has put "Name: message" in front */
} JSErrorObject;

/* Registers cls for id in ctx's runtime (idempotent). Does not collect. */
void js_register_class(JSRuntime *rt, JSClassID id, const JSClass *cls);
const JSClass *js_get_class(JSRuntime *rt, JSClassID id);

/* Creating objects. All may collect; NULL / JS_EXCEPTION after throwing.
 * proto is an object or null. The instance is zeroed past the base. */
JSObject *js_new_object_proto_class(JSContext *ctx, JSValue proto, JSClassID id);
/* An object of class id (not Array) whose shape is sh, a shared shape of
 * the class's kind (exotic or not) with its properties' slots undefined:
 * the caller stores them before anything reads them. */
JSObject *js_new_object_shape_class(JSContext *ctx, JSShape *sh, JSClassID id);
JSValue js_new_object(JSContext *ctx);                  /* ordinary, %Object.prototype% */
/* ordinary, %Object.prototype%, with room inside the cell for nprops
 * properties (object literals) */
JSValue js_new_object_sized(JSContext *ctx, uint32_t nprops);
JSValue js_new_object_proto(JSContext *ctx, JSValue proto);
JSValue js_new_array(JSContext *ctx, uint32_t len);     /* fast, len holes */
/* A fast array holding copies of values[0..n). */
JSValue js_new_array_from(JSContext *ctx, uint32_t n, const JSValue *values);
/* Defines index, input and groups (in that order, writable, enumerable,
 * configurable) on arr, a fresh array: RegExp match results. May collect;
 * -1 on OOM. */
int js_array_add_match_props(JSContext *ctx, JSValue arr, JSValue index, JSValue input, JSValue groups);
/* OrdinaryCreateFromConstructor: the prototype comes from
 * new_target.prototype, falling back to the realm's intrinsic for id. */
JSValue js_create_from_ctor(JSContext *ctx, JSValue new_target, JSClassID id);
JSValue js_get_prototype_from_ctor(JSContext *ctx, JSValue new_target, JSClassID id);

/* Internal methods (ECMA-262 10.1 and the exotic overrides). obj is an
 * object unless stated. */
JSValue js_get_prototype_of(JSContext *ctx, JSValue obj);   /* object or null */
int js_set_prototype_of(JSContext *ctx, JSValue obj, JSValue proto, int flags);
int js_is_extensible(JSContext *ctx, JSValue obj);
int js_prevent_extensions(JSContext *ctx, JSValue obj, int flags);
/* 1 and *desc filled if present, 0 if absent. desc may be NULL. */
int js_get_own_property(JSContext *ctx, JSValue obj, JSAtom prop, JSPropertyDescriptor *desc);
int js_define_property(JSContext *ctx, JSValue obj, JSAtom prop, const JSPropertyDescriptor *desc, int flags);
int js_has_property(JSContext *ctx, JSValue obj, JSAtom prop);
/* [[Get]] with obj as receiver; obj may be any value (primitives use
 * their wrapper prototype; undefined/null throw TypeError). */
JSValue js_get_property(JSContext *ctx, JSValue obj, JSAtom prop);
JSValue js_get_property_receiver(JSContext *ctx, JSValue obj, JSAtom prop, JSValue receiver);
/* [[Set]] with obj as receiver; primitives as for get. flags: JS_THROW. */
int js_set_property(JSContext *ctx, JSValue obj, JSAtom prop, JSValue val, int flags);
int js_set_property_receiver(JSContext *ctx, JSValue obj, JSAtom prop, JSValue val, JSValue receiver, int flags);
int js_delete_property(JSContext *ctx, JSValue obj, JSAtom prop, int flags);
/* [[OwnPropertyKeys]]: integer indices ascending, then strings in
 * creation order, then symbols. Keys are string or symbol values. */
JSValueArray *js_own_property_keys(JSContext *ctx, JSValue obj);

/* The ordinary versions, for exotic hooks that extend ordinary behavior. */
int js_ordinary_get_own_property(JSContext *ctx, JSObject *obj, JSAtom prop, JSPropertyDescriptor *desc);
int js_ordinary_define_own_property(JSContext *ctx, JSObject *obj, JSAtom prop, const JSPropertyDescriptor *desc, int flags);
int js_ordinary_delete(JSContext *ctx, JSObject *obj, JSAtom prop, int flags);
JSValueArray *js_ordinary_own_property_keys(JSContext *ctx, JSObject *obj);
JSValue js_ordinary_get(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue receiver);
int js_ordinary_set(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue val, JSValue receiver, int flags);

/* Keyed by any value (ToPropertyKey applied) or by integer index. */
JSValue js_get_value(JSContext *ctx, JSValue obj, JSValue key);
int js_set_value(JSContext *ctx, JSValue obj, JSValue key, JSValue val, int flags);
JSValue js_get_index(JSContext *ctx, JSValue obj, int64_t idx);   /* idx 0..2^53-1 */
int js_set_index(JSContext *ctx, JSValue obj, int64_t idx, JSValue val, int flags);
int js_delete_index(JSContext *ctx, JSValue obj, int64_t idx, int flags);
int js_has_index(JSContext *ctx, JSValue obj, int64_t idx);
/* An atom for an index (integer atom below 2^31-1, string atom above). */
JSAtom js_atom_from_index(JSContext *ctx, int64_t idx);

/* Convenience definers (DefinePropertyOrThrow of a data or accessor
 * property; attrs = JS_PROP_* bits). Used by built-in setup and the
 * interpreter. */
int js_define_property_value(JSContext *ctx, JSValue obj, JSAtom prop, JSValue val, uint32_t attrs);
int js_define_property_getset(JSContext *ctx, JSValue obj, JSAtom prop, JSValue getter, JSValue setter, uint32_t attrs);
/* CreateDataProperty(OrThrow with JS_THROW). */
int js_create_data_property(JSContext *ctx, JSValue obj, JSAtom prop, JSValue val, int flags);
int js_create_data_property_index(JSContext *ctx, JSValue obj, int64_t idx, JSValue val, int flags);

/* Shapes, for the interpreter's inline caches. A non-dictionary shape
 * fully determines an object's own property names, attributes, slot
 * indexes and [[Prototype]]: two objects with the same such shape have the
 * same layout. Dictionary shapes are owned by one object and change in
 * place: never cache them. Shapes held by inline caches are weak: after
 * marking, the collector calls js_bytecode_sweep_ics() on every live
 * bytecode so entries whose shape died are cleared. */
struct JSShape;
bool js_shape_is_dictionary(const JSShape *sh);
JSObject *js_shape_proto(const JSShape *sh);    /* NULL for null */
/* Slot index of prop, or -1; *attrs receives its JS_PROP_* bits. Does not
 * collect. */
int js_shape_lookup(const JSShape *sh, JSAtom prop, uint32_t *attrs);

/* Fast paths the interpreter inlines go through these; they never run JS
 * and never collect. js_array_fast_get: JS_EMPTY when not a fast in-range
 * non-hole element. */
static inline uint32_t js_array_length_fast(const JSObject *a);
JSValue js_array_fast_get(JSObject *arr, uint32_t idx);

/* Misc helpers. */
bool js_is_array(JSContext *ctx, JSValue v, int *err); /* IsArray (sees through proxies) */
int js_array_set_length(JSContext *ctx, JSObject *arr, uint32_t len, int flags);
/* Append to a fast array (array literals, rest parameters). May collect. */
int js_array_push_fast(JSContext *ctx, JSObject *arr, JSValue v);
/* Wraps a primitive (ToObject's object creation for non-objects): class
 * id is NUMBER, STRING, BOOLEAN, SYMBOL or BIGINT. May collect. */
JSValue js_new_primitive_wrapper(JSContext *ctx, JSClassID id, JSValue prim);
/* Converts a fast array to ordinary indexed properties, once and for all
 * (used before handing an array to code that edits properties directly).
 * May collect; -1 on OOM. */
int js_array_make_slow(JSContext *ctx, JSObject *arr);

static inline uint32_t js_array_length_fast(const JSObject *a)
{
    JSValue len = a->slots[0];
    return js_is_int(len) ? (uint32_t)js_get_int(len) : (uint32_t)js_get_double(len);
}

#endif
