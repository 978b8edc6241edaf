/* The Symbol constructor, Symbol.for / Symbol.keyFor with the runtime's
 * symbol registry, the well-known symbols, and Symbol.prototype
 * (ECMA-262 20.4). */
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"
#include "../interp.h"

/* Symbol([description]): not a constructor. */
static JSValue symbol_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (!js_is_undefined(new_target))
        return js_throw_type_error(ctx, "Symbol is not a constructor");
    JSValue desc = JS_UNDEFINED;
    if (argc > 0 && !js_is_undefined(argv[0])) {
        desc = js_to_string(ctx, argv[0]);
        if (js_is_exception(desc))
            return desc;
    }
    return js_new_symbol(ctx, desc, false);
}

/* Symbol.for(key). The GlobalSymbolRegistry is runtime-wide (all realms
 * share it): rt->symbol_registry, a null-prototype object mapping keys to
 * symbols, created on first use and marked by the collector. */
static JSValue symbol_for(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue key = js_to_string(ctx, argv[0]);
    if (js_is_exception(key))
        return key;
    JSRoot rk;
    js_root_push(ctx, &rk, key);
    JSValue res = JS_EXCEPTION;
    if (!js_is_object(ctx->rt->symbol_registry)) {
        JSValue reg = js_new_object_proto(ctx, JS_NULL);
        if (js_is_exception(reg))
            goto done;
        ctx->rt->symbol_registry = reg;
    }
    JSAtom atom = js_atom_from_string(ctx, rk.v);
    if (atom == JS_ATOM_NULL)
        goto done;
    JSRoot ratom;
    js_root_push_atom(ctx, &ratom, atom);
    JSPropertyDescriptor d;
    int found = js_get_own_property(ctx, ctx->rt->symbol_registry, atom, &d);
    if (found < 0)
        goto done;
    if (found) {
        res = d.value;
        goto done;
    }
    JSValue sym = js_new_symbol(ctx, rk.v, true);
    if (js_is_exception(sym))
        goto done;
    rk.v = sym;
    if (js_create_data_property(ctx, ctx->rt->symbol_registry, atom, sym, JS_THROW) < 0)
        goto done;
    res = rk.v;
done:
    js_root_pop(ctx, &rk);
    return res;
}

static JSValue symbol_key_for(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_symbol(argv[0]))
        return js_throw_type_error(ctx, "Symbol.keyFor: not a symbol");
    JSSymbol *s = JS_VALUE_GET_SYMBOL(argv[0]);
    if (!s->registered)
        return JS_UNDEFINED;
    return s->description;
}

/* thisSymbolValue */
static JSValue this_symbol(JSContext *ctx, JSValue v)
{
    if (js_is_symbol(v))
        return v;
    if (js_object_is_class(v, JS_CLASS_SYMBOL))
        return js_wrapper_value(JS_VALUE_GET_OBJ(v));
    return js_throw_type_error(ctx, "not a Symbol");
}

/* SymbolDescriptiveString */
static JSValue symbol_descriptive_string(JSContext *ctx, JSValue sym)
{
    JSSymbol *s = JS_VALUE_GET_SYMBOL(sym);
    StringBuffer sb;
    JSRoot r;
    js_root_push(ctx, &r, sym);
    js_sb_init(ctx, &sb, 16);
    js_sb_put_cstr(&sb, "Symbol(");
    s = JS_VALUE_GET_SYMBOL(r.v);
    if (js_is_string(s->description))
        js_sb_put_string(&sb, s->description);
    js_sb_putc(&sb, ')');
    js_root_pop(ctx, &r);
    return js_sb_finish(&sb);
}

static JSValue symbol_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue sym = this_symbol(ctx, this_val);
    if (js_is_exception(sym))
        return sym;
    return symbol_descriptive_string(ctx, sym);
}

/* valueOf and [Symbol.toPrimitive] */
static JSValue symbol_value_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_symbol(ctx, this_val);
}

static JSValue symbol_get_description(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue sym = this_symbol(ctx, this_val);
    if (js_is_exception(sym))
        return sym;
    return JS_VALUE_GET_SYMBOL(sym)->description;
}

static const JSPropEntry symbol_ctor_props[] = {
    JS_CFUNC_DEF("for", 1, symbol_for),
    JS_CFUNC_DEF("keyFor", 1, symbol_key_for),
};

static const JSPropEntry symbol_proto_props[] = {
    JS_CFUNC_DEF("toString", 0, symbol_to_string),
    JS_CFUNC_DEF("valueOf", 0, symbol_value_of),
    JS_CGETSET_DEF("description", symbol_get_description, NULL),
    { "[Symbol.toPrimitive]", JS_DEF_CFUNC, JS_PROP_CONFIGURABLE, 1, JS_CFUNC_PLAIN, 0, { .fn = symbol_value_of } },
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Symbol", JS_PROP_CONFIGURABLE),
};

static const struct { const char *name; JSAtom atom; } well_known[] = {
    { "asyncDispose", JS_ATOM_Symbol_asyncDispose },
    { "asyncIterator", JS_ATOM_Symbol_asyncIterator },
    { "dispose", JS_ATOM_Symbol_dispose },
    { "hasInstance", JS_ATOM_Symbol_hasInstance },
    { "isConcatSpreadable", JS_ATOM_Symbol_isConcatSpreadable },
    { "iterator", JS_ATOM_Symbol_iterator },
    { "match", JS_ATOM_Symbol_match },
    { "matchAll", JS_ATOM_Symbol_matchAll },
    { "replace", JS_ATOM_Symbol_replace },
    { "search", JS_ATOM_Symbol_search },
    { "species", JS_ATOM_Symbol_species },
    { "split", JS_ATOM_Symbol_split },
    { "toPrimitive", JS_ATOM_Symbol_toPrimitive },
    { "toStringTag", JS_ATOM_Symbol_toStringTag },
    { "unscopables", JS_ATOM_Symbol_unscopables },
};

int js_init_symbol(JSContext *ctx)
{
    JSRoot rp, rc;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    rp.v = js_new_object(ctx);
    if (js_is_exception(rp.v))
        goto fail;
    ctx->class_proto[JS_CLASS_SYMBOL] = rp.v;
    rc.v = js_new_constructor(ctx, symbol_ctor, "Symbol", 0, 0, rp.v);
    if (js_is_exception(rc.v))
        goto fail;
    if (js_define_prop_entries(ctx, rc.v, symbol_ctor_props, 2) < 0 ||
        js_define_prop_entries(ctx, rp.v, symbol_proto_props,
                               sizeof symbol_proto_props / sizeof symbol_proto_props[0]) < 0)
        goto fail;
    JSRoot rname;
    js_root_push_atom(ctx, &rname, JS_ATOM_NULL);
    for (size_t i = 0; i < sizeof well_known / sizeof well_known[0]; i++) {
        JSValue sym = js_atom_to_value(ctx, well_known[i].atom);
        JSAtom name = js_atom_from_cstr(ctx, well_known[i].name);
        if (js_is_exception(sym) || name == JS_ATOM_NULL)
            goto fail;
        js_root_set_atom(ctx, &rname, name);
        if (js_define_property_value(ctx, rc.v, name, sym, 0) < 0)
            goto fail;
    }
    js_root_pop(ctx, &rp);
    return 0;
fail:
    js_root_pop(ctx, &rp);
    return -1;
}
