/* The introspection part of the public API (engine/include/qjs.h): class
 * names, function kinds, prototypes, own keys and property descriptors,
 * wrapped primitives and promise states, as printers such as the runtime
 * library's console.log need them. */
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "conv.h"
#include "interp.h"
#include "str.h"
#include "builtins/promise.h"
#include "builtins/wrapper.h"

bool qjs_is_symbol(QJSValue v) { return js_is_symbol(v); }
bool qjs_is_bigint(QJSValue v) { return js_is_bigint(v); }

bool qjs_is_array(QJSContext *ctx, QJSValue v)
{
    int err = 0;
    bool r = js_is_array(ctx, v, &err);
    if (err) {
        js_get_exception(ctx);
        return false;
    }
    return r;
}

QJSValue qjs_get_prop(QJSContext *ctx, QJSValue obj, QJSValue key)
{
    JSRoot r[2];
    js_root_push(ctx, &r[0], obj);
    js_root_push(ctx, &r[1], key);
    JSValue v = js_get_value(ctx, r[0].v, r[1].v);
    js_root_pop(ctx, &r[0]);
    return v;
}

int qjs_set_prop(QJSContext *ctx, QJSValue obj, QJSValue key, QJSValue val)
{
    JSRoot r[3];
    js_root_push(ctx, &r[0], obj);
    js_root_push(ctx, &r[1], key);
    js_root_push(ctx, &r[2], val);
    int st = js_set_value(ctx, r[0].v, r[1].v, r[2].v, JS_THROW);
    js_root_pop(ctx, &r[0]);
    return st < 0 ? -1 : 0;
}

char *qjs_to_display_cstring(QJSContext *ctx, QJSValue v, size_t *len)
{
    JSValue s = js_to_string_for_display(ctx, v);
    if (js_is_exception(s))
        return NULL;
    return js_string_to_utf8(ctx, s, len);
}

const char *qjs_get_class_name(QJSValue v)
{
    static const char *const names[JS_CLASS_COUNT] = {
#define DEF(id, name) name,
#include "classes.def"
#undef DEF
    };
    if (!js_is_object(v))
        return NULL;
    JSClassID id = js_object_class(JS_VALUE_GET_OBJ(v));
    if (id == JS_CLASS_PROXY)
        return "Proxy";
    return id < JS_CLASS_COUNT ? names[id] : "Object";
}

int qjs_get_function_kind(QJSContext *ctx, QJSValue v)
{
    if (!js_is_callable(v))
        return QJS_FUNC_NONE;
    JSObject *o = JS_VALUE_GET_OBJ(v);
    if (o->h.flags & JS_OBJ_CLASS_CTOR)
        return QJS_FUNC_CLASS;
    if (js_object_class(o) != JS_CLASS_FUNCTION)
        return QJS_FUNC_NORMAL;
    /* The [[Prototype]] a generator or async function gets at creation;
     * reading the shape runs no JS (bytecode functions are ordinary). */
    JSObject *proto = js_shape_proto(o->shape);
    if (!proto)
        return QJS_FUNC_NORMAL;
    JSValue p = js_obj_value(proto);
    if (p == ctx->intrinsics[JS_INTRINSIC_GeneratorFunctionPrototype])
        return QJS_FUNC_GENERATOR;
    if (p == ctx->intrinsics[JS_INTRINSIC_AsyncFunctionPrototype])
        return QJS_FUNC_ASYNC;
    if (p == ctx->intrinsics[JS_INTRINSIC_AsyncGeneratorFunctionPrototype])
        return QJS_FUNC_ASYNC_GENERATOR;
    return QJS_FUNC_NORMAL;
}

QJSValue qjs_get_prototype(QJSContext *ctx, QJSValue obj)
{
    if (!js_is_object(obj))
        return js_throw_type_error(ctx, "not an object");
    return js_get_prototype_of(ctx, obj);
}

QJSValue qjs_get_own_prop_keys(QJSContext *ctx, QJSValue obj, int flags)
{
    if (!js_is_object(obj))
        return js_throw_type_error(ctx, "not an object");
    JSRoot r[4];
    js_root_push(ctx, &r[0], obj);
    js_root_push(ctx, &r[1], JS_UNDEFINED);     /* the key list */
    js_root_push(ctx, &r[2], JS_UNDEFINED);     /* the result */
    js_root_push(ctx, &r[3], JS_UNDEFINED);     /* the current key */
    JSValue result = JS_EXCEPTION;
    JSValueArray *keys = js_own_property_keys(ctx, r[0].v);
    if (!keys)
        goto done;
    r[1].v = js_mkptr(JS_TAG_CELL, keys);
    r[2].v = js_new_array(ctx, 0);
    if (js_is_exception(r[2].v))
        goto done;
    uint32_t out = 0;
    for (uint32_t i = 0; i < keys->len; i++) {
        JSValue k = keys->values[i];
        if (js_is_symbol(k) ? !(flags & QJS_KEYS_SYMBOLS) : !(flags & QJS_KEYS_STRINGS))
            continue;
        r[3].v = k;
        if (flags & QJS_KEYS_ENUMERABLE_ONLY) {
            JSAtom a = js_value_to_atom(ctx, k);
            if (a == JS_ATOM_NULL)
                goto done;
            JSPropertyDescriptor d;
            int st = js_get_own_property(ctx, r[0].v, a, &d);
            if (st < 0)
                goto done;
            if (st == 0 || !(d.flags & JS_PROP_ENUMERABLE))
                continue;
        }
        if (js_set_index(ctx, r[2].v, out++, r[3].v, JS_THROW) < 0)
            goto done;
    }
    result = r[2].v;
done:
    js_root_pop(ctx, &r[0]);
    return result;
}

int qjs_get_own_prop(QJSContext *ctx, QJSValue obj, QJSValue key, QJSPropertyDescriptor *desc)
{
    if (!js_is_object(obj)) {
        js_throw_type_error(ctx, "not an object");
        return -1;
    }
    JSRoot r[3];
    js_root_push(ctx, &r[0], obj);
    js_root_push(ctx, &r[1], key);
    JSAtom a = js_to_property_key(ctx, r[1].v);
    int st = -1;
    if (a != JS_ATOM_NULL) {
        js_root_push_atom(ctx, &r[2], a);
        JSPropertyDescriptor d;
        st = js_get_own_property(ctx, r[0].v, a, &d);
        if (st > 0 && desc) {
            bool accessor = (d.flags & (JS_PROP_ACCESSOR | JS_DESC_HAS_GET | JS_DESC_HAS_SET)) != 0;
            desc->flags = ((d.flags & JS_PROP_WRITABLE) ? QJS_PROP_WRITABLE : 0) |
                          ((d.flags & JS_PROP_ENUMERABLE) ? QJS_PROP_ENUMERABLE : 0) |
                          ((d.flags & JS_PROP_CONFIGURABLE) ? QJS_PROP_CONFIGURABLE : 0) |
                          (accessor ? QJS_PROP_ACCESSOR : 0);
            desc->value = accessor ? JS_UNDEFINED : d.value;
            desc->getter = accessor ? d.getter : JS_UNDEFINED;
            desc->setter = accessor ? d.setter : JS_UNDEFINED;
        }
    }
    js_root_pop(ctx, &r[0]);
    return st < 0 ? -1 : st;
}

QJSValue qjs_get_primitive_value(QJSValue v)
{
    if (!js_is_object(v))
        return JS_UNDEFINED;
    switch (js_object_class(JS_VALUE_GET_OBJ(v))) {
    case JS_CLASS_NUMBER: case JS_CLASS_STRING: case JS_CLASS_BOOLEAN:
    case JS_CLASS_SYMBOL: case JS_CLASS_BIGINT:
        return js_wrapper_value(JS_VALUE_GET_OBJ(v));
    default:
        return JS_UNDEFINED;
    }
}

QJSValue qjs_get_script_name(QJSContext *ctx, int level)
{
    JSAtom a = js_interp_script_name(ctx, level);
    return a == JS_ATOM_NULL ? JS_UNDEFINED : js_atom_to_string(ctx, a);
}

int qjs_get_promise_state(QJSValue v, QJSValue *result)
{
    int st = js_promise_state(v);
    if (st < 0)
        return -1;
    if (result)
        *result = js_promise_result(v);
    return st == JS_PROMISE_PENDING ? 0 : st == JS_PROMISE_FULFILLED ? 1 : 2;
}
