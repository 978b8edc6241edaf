/* Error, the native errors (EvalError, RangeError, ReferenceError,
 * SyntaxError, TypeError, URIError), AggregateError and the engine's
 * InternalError prototype (ECMA-262 20.5). Fills the realm's error
 * intrinsics so js_throw_* and js_new_error make proper errors. */
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"
#include "../interp.h"
#include "../shape.h"

static const char *const error_names[] = {
    [JS_ERROR_EVAL] = "EvalError",
    [JS_ERROR_RANGE] = "RangeError",
    [JS_ERROR_REFERENCE] = "ReferenceError",
    [JS_ERROR_SYNTAX] = "SyntaxError",
    [JS_ERROR_TYPE] = "TypeError",
    [JS_ERROR_URI] = "URIError",
    [JS_ERROR_AGGREGATE] = "AggregateError",
    [JS_ERROR_INTERNAL] = "InternalError",
    [JS_ERROR_PLAIN] = "Error",
};

/* The intrinsic prototype of error kind in realm r. */
static JSValue error_proto_of(JSContext *r, int kind)
{
    if (kind == JS_ERROR_PLAIN)
        return r->class_proto[JS_CLASS_ERROR];
    return r->intrinsics[JS_INTRINSIC_EvalErrorPrototype + kind];
}

/* GetPrototypeFromConstructor(newTarget, %<kind>.prototype%). */
static JSValue error_proto_from_ctor(JSContext *ctx, JSValue new_target, int kind)
{
    if (js_is_undefined(new_target))
        return error_proto_of(ctx, kind);
    JSValue proto = js_get_property(ctx, new_target, JS_ATOM_prototype);
    if (js_is_exception(proto) || js_is_object(proto))
        return proto;
    JSContext *realm = js_get_function_realm(ctx, new_target);
    if (!realm)
        return JS_EXCEPTION;
    return error_proto_of(realm, kind);
}

/* InstallErrorCause(O, options). */
static int install_error_cause(JSContext *ctx, JSValue obj, JSValue options)
{
    if (!js_is_object(options))
        return 0;
    int r = js_has_property(ctx, options, JS_ATOM_cause);
    if (r <= 0)
        return r;
    JSValue cause = js_get_property(ctx, options, JS_ATOM_cause);
    if (js_is_exception(cause))
        return -1;
    return js_define_property_value(ctx, obj, JS_ATOM_cause, cause, JS_PROP_C_W);
}

/* IterableToList(items) as a new array. */
static JSValue iterable_to_array(JSContext *ctx, JSValue items)
{
    JSRoot rarr, rit, rnext;
    JSIteratorRecord rec;
    JSValue arr = js_new_array(ctx, 0);
    if (js_is_exception(arr))
        return arr;
    js_root_push(ctx, &rarr, arr);
    js_root_push(ctx, &rit, JS_UNDEFINED);
    js_root_push(ctx, &rnext, JS_UNDEFINED);
    if (js_get_iterator(ctx, items, &rec) < 0)
        goto fail;
    rit.v = rec.iterator;
    rnext.v = rec.next;
    for (;;) {
        JSValue v;
        rec.iterator = rit.v;
        rec.next = rnext.v;
        int r = js_iterator_step_value(ctx, &rec, &v);
        if (r < 0)
            goto fail;
        if (r == 0)
            break;
        if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(rarr.v), v) < 0)
            goto fail;
    }
    js_root_pop(ctx, &rarr);
    return rarr.v;
fail:
    js_root_pop(ctx, &rarr);
    return JS_EXCEPTION;
}

/* Error / NativeError / AggregateError constructors; magic = JSErrorKind. */
static JSValue error_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSValue message, options;
    if (magic == JS_ERROR_AGGREGATE) {
        message = argv[1];
        options = argc > 2 ? argv[2] : JS_UNDEFINED;
    } else {
        message = argv[0];
        options = argc > 1 ? argv[1] : JS_UNDEFINED;
    }
    JSRoot ro, rm;
    JSValue proto = error_proto_from_ctor(ctx, new_target, magic);
    if (js_is_exception(proto))
        return proto;
    js_root_push(ctx, &ro, proto);
    JSObject *obj = js_new_object_proto_class(ctx, proto, JS_CLASS_ERROR);
    if (!obj)
        goto fail;
    ro.v = js_mkptr(JS_TAG_OBJECT, obj);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    if (!js_is_undefined(message)) {
        JSValue msg = js_to_string(ctx, message);
        if (js_is_exception(msg))
            goto fail;
        if (js_define_property_value(ctx, ro.v, JS_ATOM_message, msg, JS_PROP_C_W) < 0)
            goto fail;
    }
    if (install_error_cause(ctx, ro.v, options) < 0)
        goto fail;
    if (magic == JS_ERROR_AGGREGATE) {
        JSValue list = iterable_to_array(ctx, argv[0]);
        if (js_is_exception(list))
            goto fail;
        if (js_define_property_value(ctx, ro.v, JS_ATOM_errors, list, JS_PROP_C_W) < 0)
            goto fail;
    }
    if (js_error_capture_stack(ctx, ro.v) < 0)
        goto fail;
    js_root_pop(ctx, &ro);
    return ro.v;
fail:
    js_root_pop(ctx, &ro);
    return JS_EXCEPTION;
}

/* Error.prototype.toString */
static JSValue error_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Error.prototype.toString called on non-object");
    JSRoot rn, rm;
    JSValue name = js_get_property(ctx, this_val, JS_ATOM_name);
    if (js_is_exception(name))
        return name;
    js_root_push(ctx, &rn, name);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    if (js_is_undefined(name)) {
        rn.v = js_atom_to_value(ctx, JS_ATOM_Error);
    } else {
        rn.v = js_to_string(ctx, name);
    }
    if (js_is_exception(rn.v))
        goto fail;
    JSValue msg = js_get_property(ctx, this_val, JS_ATOM_message);
    if (js_is_exception(msg))
        goto fail;
    if (js_is_undefined(msg))
        msg = js_atom_to_value(ctx, JS_ATOM_empty_string);
    else
        msg = js_to_string(ctx, msg);
    if (js_is_exception(msg))
        goto fail;
    rm.v = msg;
    JSValue res;
    if (js_string_len(rn.v) == 0) {
        res = rm.v;
    } else if (js_string_len(rm.v) == 0) {
        res = rn.v;
    } else {
        StringBuffer sb;
        js_sb_init(ctx, &sb, js_string_len(rn.v) + 2 + js_string_len(rm.v));
        js_sb_put_string(&sb, rn.v);
        js_sb_put_cstr(&sb, ": ");
        js_sb_put_string(&sb, rm.v);
        res = js_sb_finish(&sb);
    }
    js_root_pop(ctx, &rn);
    return res;
fail:
    js_root_pop(ctx, &rn);
    return JS_EXCEPTION;
}

/* Error.isError(arg) */
static JSValue error_is_error(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_bool(js_object_is_class(argv[0], JS_CLASS_ERROR));
}

/* The string data property a of obj or its prototype chain, read
 * without running any code: undefined when it is absent, an accessor, not
 * a string, or behind an exotic object (a proxy). Does not collect. */
static JSValue plain_string_prop(JSContext *ctx, JSValue obj, JSAtom a)
{
    for (JSObject *o = JS_VALUE_GET_OBJ(obj); o; o = o->shape->proto) {
        if (o->h.flags & JS_OBJ_EXOTIC)
            return JS_UNDEFINED;
        JSPropertyDescriptor d;
        if (js_ordinary_get_own_property(ctx, o, a, &d) > 0)
            return (d.flags & JS_PROP_ACCESSOR) || !js_is_string(d.value) ? JS_UNDEFINED : d.value;
    }
    return JS_UNDEFINED;
}

/* "Name: message" in front of the captured frames, as V8 does at the first
 * read (so a name set by a subclass constructor after super() shows):
 * name "Error" when it is not a plain string, the ": " only when both
 * parts are non-empty. May collect; JS_EXCEPTION on out of memory. */
static JSValue stack_with_header(JSContext *ctx, JSValue err, JSValue frames)
{
    JSValue name = plain_string_prop(ctx, err, JS_ATOM_name);
    JSValue msg = plain_string_prop(ctx, err, JS_ATOM_message);
    StringBuffer sb;
    js_sb_init(ctx, &sb, 64);
    /* js_sb_put_string may collect: the strings are reachable from err,
       which the caller's argv roots, and frames from err's stack field */
    if (js_is_string(name))
        js_sb_put_string(&sb, name);
    else
        js_sb_put_cstr(&sb, "Error");
    if (js_is_string(msg) && js_string_len(msg) > 0) {
        if (!js_is_string(name) || js_string_len(name) > 0)
            js_sb_put_cstr(&sb, ": ");
        js_sb_put_string(&sb, msg);
    }
    js_sb_put_string(&sb, frames);
    return js_sb_finish(&sb);
}

/* get Error.prototype.stack: "Name: message" then the frames captured
 * when an object with [[ErrorData]] was made; undefined for any other
 * object. */
static JSValue error_get_stack(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Error.prototype.stack getter called on non-object");
    if (!js_object_is_class(this_val, JS_CLASS_ERROR))
        return JS_UNDEFINED;
    JSErrorObject *eo = (JSErrorObject *)JS_VALUE_GET_OBJ(this_val);
    if (!js_is_string(eo->stack))
        return js_atom_to_value(ctx, JS_ATOM_empty_string);
    if (!eo->stack_has_header) {
        JSValue s = stack_with_header(ctx, this_val, eo->stack);
        if (js_is_exception(s))
            return s;
        eo->stack = s;
        eo->stack_has_header = true;
    }
    return eo->stack;
}

/* set Error.prototype.stack: SetterThatIgnoresPrototypeProperties(this,
 * %Error.prototype%, "stack", v). */
static JSValue error_set_stack(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Error.prototype.stack setter called on non-object");
    if (argc == 0)
        return js_throw_type_error(ctx, "Error.prototype.stack setter needs a value");
    if (!js_is_string(argv[0]))
        return js_throw_type_error(ctx, "Error.prototype.stack must be set to a string");
    if (this_val == ctx->class_proto[JS_CLASS_ERROR])
        return js_throw_type_error(ctx, "cannot set Error.prototype.stack");
    int has = js_get_own_property(ctx, this_val, JS_ATOM_stack, NULL);
    if (has < 0)
        return JS_EXCEPTION;
    int r = has ? js_set_property(ctx, this_val, JS_ATOM_stack, argv[0], JS_THROW)
                : js_create_data_property(ctx, this_val, JS_ATOM_stack, argv[0], JS_THROW);
    return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

static const JSPropEntry error_proto_props[] = {
    JS_CFUNC_DEF("toString", 0, error_to_string),
    JS_CGETSET_DEF("stack", error_get_stack, error_set_stack),
};

static const JSPropEntry error_ctor_props[] = {
    JS_CFUNC_DEF("isError", 1, error_is_error),
};

/* Defines name and message on a fresh error prototype. */
static int init_error_proto(JSContext *ctx, JSValue proto, int kind)
{
    JSValue name = js_new_string_cstr(ctx, error_names[kind]);
    if (js_is_exception(name))
        return -1;
    if (js_define_property_value(ctx, proto, JS_ATOM_name, name, JS_PROP_C_W) < 0)
        return -1;
    return js_define_property_value(ctx, proto, JS_ATOM_message,
                                    js_atom_to_value(ctx, JS_ATOM_empty_string), JS_PROP_C_W);
}

int js_init_error(JSContext *ctx)
{
    JSRoot rp, rc;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    /* Error.prototype is an ordinary object. */
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        goto fail;
    ctx->class_proto[JS_CLASS_ERROR] = proto;
    JSValue ctor = js_new_constructor(ctx, error_ctor, "Error", 1, JS_ERROR_PLAIN, proto);
    if (js_is_exception(ctor))
        goto fail;
    ctx->intrinsics[JS_INTRINSIC_ErrorConstructor] = ctor;
    if (init_error_proto(ctx, ctx->class_proto[JS_CLASS_ERROR], JS_ERROR_PLAIN) < 0 ||
        js_define_prop_entries(ctx, ctx->class_proto[JS_CLASS_ERROR], error_proto_props, 2) < 0 ||
        js_define_prop_entries(ctx, ctx->intrinsics[JS_INTRINSIC_ErrorConstructor], error_ctor_props, 1) < 0)
        goto fail;

    for (int kind = JS_ERROR_EVAL; kind <= JS_ERROR_INTERNAL; kind++) {
        rp.v = js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_ERROR]);
        if (js_is_exception(rp.v))
            goto fail;
        ctx->intrinsics[JS_INTRINSIC_EvalErrorPrototype + kind] = rp.v;
        if (init_error_proto(ctx, rp.v, kind) < 0)
            goto fail;
        const char *global_name = kind == JS_ERROR_INTERNAL ? NULL : error_names[kind];
        rc.v = js_new_constructor(ctx, error_ctor, global_name,
                                  kind == JS_ERROR_AGGREGATE ? 2 : 1, kind, rp.v);
        if (js_is_exception(rc.v))
            goto fail;
        if (global_name == NULL) {
            if (js_set_function_name(ctx, rc.v, JS_ATOM_InternalError, JS_ATOM_NULL) < 0)
                goto fail;
        }
        if (js_set_prototype_of(ctx, rc.v, ctx->intrinsics[JS_INTRINSIC_ErrorConstructor], JS_THROW) < 0)
            goto fail;
    }
    js_root_pop(ctx, &rp);
    return 0;
fail:
    js_root_pop(ctx, &rp);
    return -1;
}
