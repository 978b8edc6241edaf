/* js_init_builtins: sets up every built-in family of a new realm, in
 * dependency order (Object and Function first since every other family
 * makes functions; Error next so later failures throw proper errors;
 * Symbol and %IteratorPrototype% before the families that use them).
 * Families that nothing in the engine needs before a program names them
 * are lazy globals (lazy_global.c): set up on first use. Those a program
 * may leave out (builtin_list.h) are reached through the family table,
 * js_builtin_family_table, which qjsc --builtins auto writes into the
 * program with only the families it uses: a left-out family's globals
 * are getters throwing a ReferenceError, and its code is not linked. */
#include "builtins.h"
#include "async_from_sync.h"
#include "typedarray.h"
#include "builtin_list.h"
#include "../interp.h"
#include "../regexp/regexp.h"
#include "../unicode/unicode.h"

typedef int JSInitFunc(JSContext *ctx);

/* The descriptors of the families a program may leave out
 * (builtin_list.h), one object each: only those the family table names
 * are linked, and with them the family's code. */
#define JS_REGEXP_HOOKS .regexp_literal = js_regexp_new_literal, .regexp_check = js_re_syntax_check
#define JS_NORMALIZE_HOOKS .normalize = js_uni_normalize
#define FAMILY_DESC(f, init_fn, hooks) const JSBuiltinFamily js_builtin_family_##f = { .init = init_fn, hooks };
JS_BUILTIN_FAMILIES(FAMILY_DESC)
#undef FAMILY_DESC

/* The optional families' globals, in the order their set-up defines
 * them (the global object's property order does not change). Nothing
 * makes an instance of their classes before the set-up has run (and
 * registered the classes): internal users reach their prototypes through
 * js_realm_class_proto. */
static const struct {
    const char *name;
    int family;
} family_globals[] = {
#define GLOBAL_ENTRY(name, f) { #name, JS_FAMILY_##f },
    JS_BUILTIN_GLOBALS(GLOBAL_ENTRY)
#undef GLOBAL_ENTRY
};

/* The getter of a global whose family the program left out. */
static JSValue left_out_getter(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    (void)this_val, (void)argc, (void)argv;
    return js_throw_left_out(ctx, family_globals[magic].name);
}

#define LEFT_OUT_MSG(name) name " is not in this program: qjsc --builtins auto left it out, " \
                         "as no compiled file names it (build with --builtins all)"

JSValue js_throw_left_out(JSContext *ctx, const char *name)
{
    return js_throw_reference_error(ctx, LEFT_OUT_MSG("%s"), name);
}

const char *js_regexp_literal_check(void *opaque, const uint16_t *pattern, size_t len, const char *flags,
                                    size_t nflags)
{
    const JSBuiltinFamily *re = js_builtin_family_table[JS_FAMILY_regexp];
    if (!re)
        return LEFT_OUT_MSG("RegExp");
    return re->regexp_check(opaque, pattern, len, flags, nflags);
}

/* Defines the globals of family f: lazy globals made by its set-up (or,
 * eager, runs the set-up now), or, when the program left it out,
 * non-enumerable getters that throw (so that enumerating the global
 * object with values never runs them). */
static int define_family(JSContext *ctx, int f, bool eager)
{
    const JSBuiltinFamily *fam = js_builtin_family_table[f];
    if (fam && eager)
        return fam->init(ctx);
    for (size_t i = 0; i < sizeof family_globals / sizeof family_globals[0]; i++) {
        if (family_globals[i].family != f)
            continue;
        /* the global object's shape keeps the atom alive */
        JSAtom atom = js_atom_from_cstr(ctx, family_globals[i].name);
        if (atom == JS_ATOM_NULL)
            return -1;
        if (fam) {
            if (js_define_lazy_globals(ctx, &atom, 1, fam->init) < 0)
                return -1;
            continue;
        }
        JSValue get = js_new_cfunction_atom(ctx, left_out_getter, atom, 0, JS_CFUNC_PLAIN, (int)i);
        if (js_is_exception(get))
            return -1;
        JSRoot rg;
        js_root_push(ctx, &rg, get);
        int r = js_define_property_getset(ctx, js_obj_value(ctx->global_obj), atom, rg.v, JS_UNDEFINED,
                                          JS_PROP_CONFIGURABLE);
        js_root_pop(ctx, &rg);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* In dependency order; an optional family by its index (init NULL), set
 * up on first use unless eager. RegExp stays eager: syntax (a literal)
 * reaches it without naming a global. */
#define OPTIONAL(f) { NULL, JS_FAMILY_##f, false }
static const struct {
    JSInitFunc *init;
    int family;
    bool eager;
} init_order[] = {
    { js_init_object, 0 },
    { js_init_function, 0 },
    { js_init_error, 0 },
    { js_init_symbol, 0 },
    { js_init_iterator, 0 },
    { js_init_function_kinds, 0 },
    { js_init_async_from_sync, 0 },
    { js_init_promise, 0 },
    { js_init_boolean, 0 },
    { js_init_number, 0 },
    { js_init_bigint, 0 },
    OPTIONAL(math),
    { js_init_string, 0 },
    { js_init_array, 0 },
    { NULL, JS_FAMILY_regexp, true },
    OPTIONAL(typed_arrays),
    { js_init_global, 0 },
    OPTIONAL(reflect),
    OPTIONAL(atomics),
    { js_init_json, 0 },
    OPTIONAL(date),
    OPTIONAL(proxy),
    OPTIONAL(mapset),
    OPTIONAL(weakref),
    { js_init_disposable, 0 },
};

int js_init_builtins(JSContext *ctx)
{
    for (size_t i = 0; i < sizeof init_order / sizeof init_order[0]; i++) {
        if ((init_order[i].init ? init_order[i].init(ctx) : define_family(ctx, init_order[i].family, init_order[i].eager)) < 0)
            return -1;
    }
    return 0;
}
