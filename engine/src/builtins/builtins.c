/* js_init_builtins: sets up every built-in family of a new realm, in
 * dependency order (Object and Function first since every other family
 * makes functions; Error next so later failures throw proper errors;
 * Symbol and %IteratorPrototype% before the families that use them).
 * Families that nothing in the engine needs before a program names them
 * are lazy globals (lazy_global.c): set up on first use. */
#include "builtins.h"
#include "async_from_sync.h"
#include "typedarray.h"

typedef int JSInitFunc(JSContext *ctx);

/* The lazy families: their globals, in the order their set-up defines
 * them (the global object's property order does not change). Nothing
 * makes an instance of their classes before the set-up has run (and
 * registered the classes): internal users reach their prototypes through
 * js_realm_class_proto. */
static const char *const math_globals[] = { "Math" };
static const char *const reflect_globals[] = { "Reflect" };
static const char *const date_globals[] = { "Date" };
static const char *const typed_array_globals[] = {
    "ArrayBuffer", "SharedArrayBuffer", "Int8Array", "Uint8Array", "Uint8ClampedArray",
    "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "BigInt64Array",
    "BigUint64Array", "Float16Array", "Float32Array", "Float64Array", "DataView",
};
static const char *const atomics_globals[] = { "Atomics" };
static const char *const mapset_globals[] = { "Map", "Set" };
static const char *const weakref_globals[] = { "WeakRef", "FinalizationRegistry", "WeakMap", "WeakSet" };
#define LAZY(init, names) { init, names, (int)(sizeof names / sizeof names[0]) }
static const struct {
    JSInitFunc *init;
    const char *const *names;
    int count;
} lazy_families[] = {
    LAZY(js_init_math, math_globals),
    LAZY(js_init_reflect, reflect_globals),
    LAZY(js_init_date, date_globals),
    LAZY(js_init_typed_arrays, typed_array_globals),
    LAZY(js_init_atomics, atomics_globals),
    LAZY(js_init_mapset, mapset_globals),
    LAZY(js_init_weakref, weakref_globals),
};

static int define_lazy_family(JSContext *ctx, JSInitFunc *init)
{
    for (size_t i = 0; i < sizeof lazy_families / sizeof lazy_families[0]; i++) {
        if (lazy_families[i].init != init)
            continue;
        JSAtom atoms[16];
        for (int k = 0; k < lazy_families[i].count; k++) {
            /* the global object's shape keeps the atoms alive */
            atoms[k] = js_atom_from_cstr(ctx, lazy_families[i].names[k]);
            if (atoms[k] == JS_ATOM_NULL || js_define_lazy_globals(ctx, &atoms[k], 1, init) < 0)
                return -1;
        }
        return 0;
    }
    return init(ctx);
}

static JSInitFunc *const init_funcs[] = {
    js_init_object,
    js_init_function,
    js_init_error,
    js_init_symbol,
    js_init_iterator,
    js_init_function_kinds,
    js_init_async_from_sync,
    js_init_promise,
    js_init_boolean,
    js_init_number,
    js_init_bigint,
    js_init_math,
    js_init_string,
    js_init_array,
    js_init_regexp,
    js_init_typed_arrays,
    js_init_global,
    js_init_reflect,
    js_init_atomics,
    js_init_json,
    js_init_date,
    js_init_proxy,
    js_init_mapset,
    js_init_weakref,
    js_init_disposable,
};

int js_init_builtins(JSContext *ctx)
{
    for (size_t i = 0; i < sizeof init_funcs / sizeof init_funcs[0]; i++) {
        if (define_lazy_family(ctx, init_funcs[i]) < 0)
            return -1;
    }
    return 0;
}
