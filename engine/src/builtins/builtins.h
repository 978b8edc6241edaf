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

/* A built-in family a program may leave out (builtin_list.h; qjsc
 * --builtins auto): its set-up (run on first use, but RegExp's at realm
 * creation) and the entry points code outside the family reaches it by,
 * so that a program without the family links none of its code. */
typedef struct JSBuiltinFamily {
    JSLazyInit *init;
    /* RegExp: a regular expression literal's object (interp.c), and the
     * parser's early-error check of a literal (ParseOptions.regexp_check) */
    JSValue (*regexp_literal)(JSContext *ctx, JSValue pattern, JSValue flags);
    const char *(*regexp_check)(void *opaque, const uint16_t *pattern, size_t len, const char *flags,
                                size_t nflags);
    /* normalize: js_uni_normalize (unicode.h) */
    size_t (*normalize)(int form, const uint32_t *in, size_t n, uint32_t *out, size_t cap);
} JSBuiltinFamily;

/* The families this program has, indexed by JS_FAMILY_*; NULL for one
 * qjsc left out. The default definition (builtin_family_table.c, every
 * family) is linked only when the program does not define its own. */
extern const JSBuiltinFamily *const js_builtin_family_table[];

/* builtins.c: throws the ReferenceError of a global (or of an internal
 * use of a family) the program left out. */
JSValue js_throw_left_out(JSContext *ctx, const char *name);

/* The parser's check of a regular expression literal
 * (ParseOptions.regexp_check) through the family table: RegExp's, or,
 * when the program left RegExp out, one that rejects every literal
 * saying so. */
const char *js_regexp_literal_check(void *opaque, const uint16_t *pattern, size_t len, const char *flags,
                                    size_t nflags);

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
