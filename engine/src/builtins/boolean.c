/* The Boolean constructor and Boolean.prototype (ECMA-262 20.3). */
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"

static JSValue boolean_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSValue b = js_bool(js_to_boolean(argv[0]));
    if (js_is_undefined(new_target))
        return b;
    JSValue obj = js_create_from_ctor(ctx, new_target, JS_CLASS_BOOLEAN);
    if (js_is_exception(obj))
        return obj;
    js_wrapper_set_value(JS_VALUE_GET_OBJ(obj), b);
    return obj;
}

/* thisBooleanValue */
static JSValue this_boolean(JSContext *ctx, JSValue v)
{
    if (js_is_bool(v))
        return v;
    if (js_object_is_class(v, JS_CLASS_BOOLEAN))
        return js_wrapper_value(JS_VALUE_GET_OBJ(v));
    return js_throw_type_error(ctx, "not a Boolean");
}

static JSValue boolean_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue b = this_boolean(ctx, this_val);
    if (js_is_exception(b))
        return b;
    return js_atom_to_value(ctx, js_get_bool(b) ? JS_ATOM_true : JS_ATOM_false);
}

static JSValue boolean_value_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_boolean(ctx, this_val);
}

static const JSPropEntry boolean_proto_props[] = {
    JS_CFUNC_DEF("toString", 0, boolean_to_string),
    JS_CFUNC_DEF("valueOf", 0, boolean_value_of),
};

int js_init_boolean(JSContext *ctx)
{
    JSObject *p = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_BOOLEAN);
    if (!p)
        return -1;
    js_wrapper_set_value(p, JS_FALSE);
    JSValue proto = js_mkptr(JS_TAG_OBJECT, p);
    ctx->class_proto[JS_CLASS_BOOLEAN] = proto;
    JSValue ctor = js_new_constructor(ctx, boolean_ctor, "Boolean", 1, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    return js_define_prop_entries(ctx, ctx->class_proto[JS_CLASS_BOOLEAN], boolean_proto_props, 2);
}
