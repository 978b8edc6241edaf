/* js_init_builtins: sets up every built-in family of a new realm, in
 * dependency order (Object and Function first since every other family
 * makes functions; Error next so later failures throw proper errors;
 * Symbol and %IteratorPrototype% before the families that use them). */
#include "builtins.h"
#include "async_from_sync.h"

typedef int JSInitFunc(JSContext *ctx);

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
        if (init_funcs[i](ctx) < 0)
            return -1;
    }
    return 0;
}
