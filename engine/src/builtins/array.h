/* What the Array built-ins (array.c, array_iter.c) offer other built-in
 * families: ArrayCreate, ArraySpeciesCreate, array iterators (also used
 * by typed arrays), and the shared element helpers. */
#ifndef BUILTINS_ARRAY_H
#define BUILTINS_ARRAY_H

#include "builtins.h"

/* Array.fromAsync (array_from_async.c), a native function body: returns
 * a promise; errors reject it. May run JS, may collect. */
JSValue js_array_from_async(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

/* Kinds of array iterators (CreateArrayIterator). */
typedef enum JSArrayIterKind {
    JS_ITER_KIND_KEYS, JS_ITER_KIND_VALUES, JS_ITER_KIND_ENTRIES,
} JSArrayIterKind;

/* ArrayCreate(len, proto): proto JS_UNDEFINED means %Array.prototype%.
 * RangeError past 2^32-1. May collect; JS_EXCEPTION on error. */
JSValue js_array_create(JSContext *ctx, int64_t len, JSValue proto);

/* ArraySpeciesCreate(original, len). May run JS, may collect. */
JSValue js_array_species_create(JSContext *ctx, JSValue original, int64_t len);

/* CreateArrayIterator(obj, kind): a new %ArrayIteratorPrototype%
 * instance. May collect; JS_EXCEPTION on OOM. */
JSValue js_array_iterator_new(JSContext *ctx, JSValue obj, JSArrayIterKind kind);

/* Sets up %ArrayIteratorPrototype% (array_iter.c), called by
 * js_init_array. May collect; 0 or -1. */
int js_array_iter_init(JSContext *ctx);

/* SortCompare-based stable merge sort of values[0..n) in place (rooted
 * by the caller, e.g. in a JSValueArray). comparefn is a function or
 * undefined (then string order). Undefined values must already be
 * excluded. May run JS; 0 or -1. (array_iter.c) */
int js_array_sort_values(JSContext *ctx, JSValue *values, uint32_t n, JSValue comparefn);

#endif
