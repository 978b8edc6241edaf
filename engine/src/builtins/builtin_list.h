/* The built-in families a program may leave out (qjsc --builtins auto),
 * as X-macros: builtins.c builds the family table's descriptors and the
 * globals' order from them, and qjsc names the families a program needs.
 * Plain C, no other header. docs/qjsc.md, docs/startup.md. */
#ifndef BUILTIN_LIST_H
#define BUILTIN_LIST_H

/* X(family, set-up function, the family's hooks: designated initializers
 * of JSBuiltinFamily's other members, in builtins.c). normalize is the
 * Unicode normalization tables (String.prototype.normalize and
 * localeCompare of text beyond ASCII and Latin-1): no globals, no set-up. */
#define JS_BUILTIN_FAMILIES(X)                                                  \
    X(math, js_init_math, ) X(reflect, js_init_reflect, )                       \
    X(date, js_init_date, ) X(typed_arrays, js_init_typed_arrays, )             \
    X(atomics, js_init_atomics, ) X(mapset, js_init_mapset, )                   \
    X(weakref, js_init_weakref, ) X(regexp, js_init_regexp, JS_REGEXP_HOOKS)   \
    X(proxy, js_init_proxy, ) X(normalize, NULL, JS_NORMALIZE_HOOKS)

/* X(global, family): each family's globals, in the order its set-up
 * defines them (the global object's property order) */
#define JS_BUILTIN_GLOBALS(X)                                                   \
    X(Math, math) X(Reflect, reflect) X(Date, date)                             \
    X(ArrayBuffer, typed_arrays) X(SharedArrayBuffer, typed_arrays)             \
    X(Int8Array, typed_arrays) X(Uint8Array, typed_arrays)                      \
    X(Uint8ClampedArray, typed_arrays) X(Int16Array, typed_arrays)              \
    X(Uint16Array, typed_arrays) X(Int32Array, typed_arrays)                    \
    X(Uint32Array, typed_arrays) X(BigInt64Array, typed_arrays)                 \
    X(BigUint64Array, typed_arrays) X(Float16Array, typed_arrays)               \
    X(Float32Array, typed_arrays) X(Float64Array, typed_arrays)                 \
    X(DataView, typed_arrays) X(Atomics, atomics) X(Map, mapset) X(Set, mapset) \
    X(WeakRef, weakref) X(FinalizationRegistry, weakref) X(WeakMap, weakref)    \
    X(WeakSet, weakref) X(RegExp, regexp) X(Proxy, proxy)

enum {
#define JS_BUILTIN_FAMILY_ID(f, init, hooks) JS_FAMILY_##f,
    JS_BUILTIN_FAMILIES(JS_BUILTIN_FAMILY_ID)
#undef JS_BUILTIN_FAMILY_ID
    JS_FAMILY_COUNT
};

#endif
