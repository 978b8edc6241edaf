/* The Reflect namespace object (ECMA-262 28.1): each method forwards to
 * one internal method of its target. */
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"

static JSValue reflect_not_object(JSContext *ctx)
{
    return js_throw_type_error(ctx, "Reflect method called on non-object");
}

static JSValue reflect_apply(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_callable(argv[0]))
        return js_throw_type_error(ctx, "Reflect.apply: target is not a function");
    JSValueArray *list = js_create_list_from_array_like(ctx, argv[2]);
    if (!list)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_cell_value(list));
    JSValue res = js_call(ctx, argv[0], argv[1], (int)list->len, list->values);
    js_root_pop(ctx, &r);
    return res;
}

static JSValue reflect_construct(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue target = argv[0];
    if (!js_is_constructor(target))
        return js_throw_type_error(ctx, "Reflect.construct: target is not a constructor");
    JSValue new_target = argc > 2 ? argv[2] : target;
    if (!js_is_constructor(new_target))
        return js_throw_type_error(ctx, "Reflect.construct: newTarget is not a constructor");
    JSValueArray *list = js_create_list_from_array_like(ctx, argv[1]);
    if (!list)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_cell_value(list));
    JSValue res = js_construct(ctx, target, (int)list->len, list->values, new_target);
    js_root_pop(ctx, &r);
    return res;
}

static JSValue reflect_define_property(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    JSPropertyDescriptor d;
    if (js_to_property_descriptor(ctx, argv[2], &d) < 0)
        return JS_EXCEPTION;
    JSDescRoots dr;
    js_desc_root(ctx, &dr, &d);
    int r = js_define_property(ctx, argv[0], key, &d, 0);
    js_root_pop(ctx, &dr.v);
    return r < 0 ? JS_EXCEPTION : js_bool(r);
}

static JSValue reflect_delete_property(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    int r = js_delete_property(ctx, argv[0], key, 0);
    return r < 0 ? JS_EXCEPTION : js_bool(r);
}

static JSValue reflect_get(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    JSValue receiver = argc > 2 ? argv[2] : argv[0];
    return js_get_property_receiver(ctx, argv[0], key, receiver);
}

static JSValue reflect_get_own_property_descriptor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    JSPropertyDescriptor d;
    int found = js_get_own_property(ctx, argv[0], key, &d);
    if (found < 0)
        return JS_EXCEPTION;
    return js_from_property_descriptor(ctx, found ? &d : NULL);
}

static JSValue reflect_get_prototype_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    return js_get_prototype_of(ctx, argv[0]);
}

static JSValue reflect_has(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    int r = js_has_property(ctx, argv[0], key);
    return r < 0 ? JS_EXCEPTION : js_bool(r);
}

static JSValue reflect_is_extensible(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    int r = js_is_extensible(ctx, argv[0]);
    return r < 0 ? JS_EXCEPTION : js_bool(r);
}

static JSValue reflect_own_keys(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    JSValueArray *keys = js_own_property_keys(ctx, argv[0]);
    if (!keys)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_cell_value(keys));
    JSValue res = js_new_array_from(ctx, keys->len, keys->values);
    js_root_pop(ctx, &r);
    return res;
}

static JSValue reflect_prevent_extensions(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    int r = js_prevent_extensions(ctx, argv[0], 0);
    return r < 0 ? JS_EXCEPTION : js_bool(r);
}

static JSValue reflect_set(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    JSValue receiver = argc > 3 ? argv[3] : argv[0];
    int r = js_set_property_receiver(ctx, argv[0], key, argv[2], receiver, 0);
    return r < 0 ? JS_EXCEPTION : js_bool(r);
}

static JSValue reflect_set_prototype_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return reflect_not_object(ctx);
    if (!js_is_object(argv[1]) && !js_is_null(argv[1]))
        return js_throw_type_error(ctx, "Object prototype may only be an Object or null");
    int r = js_set_prototype_of(ctx, argv[0], argv[1], 0);
    return r < 0 ? JS_EXCEPTION : js_bool(r);
}

static const JSPropEntry reflect_props[] = {
    JS_CFUNC_DEF("apply", 3, reflect_apply),
    JS_CFUNC_DEF("construct", 2, reflect_construct),
    JS_CFUNC_DEF("defineProperty", 3, reflect_define_property),
    JS_CFUNC_DEF("deleteProperty", 2, reflect_delete_property),
    JS_CFUNC_DEF("get", 2, reflect_get),
    JS_CFUNC_DEF("getOwnPropertyDescriptor", 2, reflect_get_own_property_descriptor),
    JS_CFUNC_DEF("getPrototypeOf", 1, reflect_get_prototype_of),
    JS_CFUNC_DEF("has", 2, reflect_has),
    JS_CFUNC_DEF("isExtensible", 1, reflect_is_extensible),
    JS_CFUNC_DEF("ownKeys", 1, reflect_own_keys),
    JS_CFUNC_DEF("preventExtensions", 1, reflect_prevent_extensions),
    JS_CFUNC_DEF("set", 3, reflect_set),
    JS_CFUNC_DEF("setPrototypeOf", 2, reflect_set_prototype_of),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Reflect", JS_PROP_CONFIGURABLE),
};

int js_init_reflect(JSContext *ctx)
{
    JSValue obj = js_new_object(ctx);
    if (js_is_exception(obj))
        return -1;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    int ret = js_define_prop_entries(ctx, obj, reflect_props, sizeof reflect_props / sizeof reflect_props[0]);
    if (ret >= 0)
        ret = js_define_property_value(ctx, js_mkptr(JS_TAG_OBJECT, ctx->global_obj),
                                       JS_ATOM_Reflect, r.v, JS_PROP_C_W);
    js_root_pop(ctx, &r);
    return ret < 0 ? -1 : 0;
}
