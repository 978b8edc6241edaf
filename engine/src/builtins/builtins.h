/* Set-up functions of the built-in families, one per file in
 * engine/src/builtins/. js_new_context creates %Object.prototype% and
 * %Function.prototype% first, then calls js_init_builtins, which calls
 * each family's init in dependency order. Each init defines its
 * constructors, prototypes and globals on ctx, registers its classes, and
 * returns 0, or -1 with an exception pending. All may collect. */
#ifndef BUILTINS_H
#define BUILTINS_H

#include "../context.h"

int js_init_builtins(JSContext *ctx);   /* builtins.c: calls the ones below */

int js_init_object(JSContext *ctx);     /* object.c: Object */
int js_init_function(JSContext *ctx);   /* function.c: Function, Function.prototype.* */
/* function.c: GeneratorFunction, AsyncFunction, AsyncGeneratorFunction and
 * their prototypes (after js_init_iterator) */
int js_init_function_kinds(JSContext *ctx);
int js_init_error(JSContext *ctx);      /* error.c: Error and the native errors */
int js_init_symbol(JSContext *ctx);     /* symbol.c: Symbol */
int js_init_boolean(JSContext *ctx);    /* boolean.c */
int js_init_global(JSContext *ctx);     /* global.c: globalThis, parseInt, parseFloat, isNaN, isFinite, URI functions, NaN, Infinity, undefined */
int js_init_reflect(JSContext *ctx);    /* reflect.c */
int js_init_atomics(JSContext *ctx);    /* atomics.c */
int js_init_json(JSContext *ctx);       /* json.c */
int js_init_array(JSContext *ctx);      /* array.c: Array, Array.prototype, array iterators */
int js_init_string(JSContext *ctx);     /* string.c: String, String.prototype (non-RegExp parts), string iterator */
int js_init_number(JSContext *ctx);     /* number.c */
int js_init_math(JSContext *ctx);       /* math.c */
int js_init_iterator(JSContext *ctx);   /* iterator.c: %IteratorPrototype% */
int js_init_regexp(JSContext *ctx);     /* regexp.c: RegExp, RegExp-based String.prototype methods */
int js_init_typed_arrays(JSContext *ctx); /* typedarray.c: ArrayBuffer, typed arrays, DataView */
int js_init_date(JSContext *ctx);       /* date.c: Date */
int js_init_proxy(JSContext *ctx);      /* proxy.c: Proxy, Proxy.revocable, proxy exotic objects */
int js_init_mapset(JSContext *ctx);     /* mapset.c: Map, Set, their iterators (after js_init_iterator) */
/* mapset.c: the constructors' AddEntriesFromIterable / Set loop, shared with WeakMap/WeakSet */
JSValue js_collection_add_entries(JSContext *ctx, JSValue obj, JSValue iterable, bool entries, const char *name);
int js_init_bigint(JSContext *ctx);     /* bigint.c: BigInt, BigInt.prototype (values in ../bigint.c) */
int js_init_promise(JSContext *ctx);    /* promise.c: Promise, queueMicrotask, the job queue */
int js_init_weakref(JSContext *ctx);    /* weakref.c, weakmap.c: WeakMap, WeakSet, WeakRef, FinalizationRegistry */
/* disposable.c: SuppressedError, DisposableStack, AsyncDisposableStack,
 * %IteratorPrototype%[@@dispose], %AsyncIteratorPrototype%[@@asyncDispose]
 * (after js_init_error, js_init_iterator, js_init_function_kinds). May
 * collect; -1 on OOM. */
int js_init_disposable(JSContext *ctx);

#endif
