/* Classes at run time: creating a class constructor and its prototype
 * (ClassDefinitionEvaluation's object part), instance fields run at
 * construction ([[Fields]]), static fields and static blocks, and the
 * private-name operations (private fields, methods and accessors as own
 * properties keyed by private symbols, brand checks, `#x in obj`). */
#include <stdlib.h>
#include <string.h>
#include "interp_int.h"

#define OBJ(v) JS_VALUE_GET_OBJ(v)

JSValue js_op_class_create(JSContext *ctx, JSFunctionBytecode *b, JSValue parent, JSFunction *cur,
                           JSValue *regs, JSValue *proto_out)
{
    JSValue proto_parent = ctx->class_proto[JS_CLASS_OBJECT];
    JSValue ctor_parent = ctx->class_proto[JS_CLASS_FUNCTION];
    JSRoot rpp, rcp, rp, rf;
    js_root_push(ctx, &rpp, proto_parent);
    js_root_push(ctx, &rcp, ctor_parent);
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    if (parent != JS_UNINITIALIZED) {
        if (js_is_null(parent)) {
            rpp.v = JS_NULL;
        } else if (!js_is_constructor(parent)) {
            js_throw_bad_heritage(ctx, parent);
            goto done;
        } else {
            rcp.v = parent;
            JSValue pp = js_get_property(ctx, parent, JS_ATOM_prototype);
            if (pp == JS_EXCEPTION)
                goto done;
            if (!js_is_object(pp) && !js_is_null(pp)) {
                js_throw_type_error(ctx, "Class extends value does not have a valid prototype property");
                goto done;
            }
            rpp.v = pp;
        }
    }
    rp.v = js_new_object_proto(ctx, rpp.v);
    if (rp.v == JS_EXCEPTION)
        goto done;
    rf.v = js_make_closure(ctx, b, cur, regs);
    if (rf.v == JS_EXCEPTION)
        goto done;
    if (rcp.v != ctx->class_proto[JS_CLASS_FUNCTION] &&
        js_set_prototype_of(ctx, rf.v, rcp.v, JS_THROW) < 0)
        goto done;
    if (js_define_property_value(ctx, rf.v, JS_ATOM_prototype, rp.v, 0) < 0)
        goto done;
    if (js_define_property_value(ctx, rp.v, JS_ATOM_constructor, rf.v, JS_PROP_C_W) < 0)
        goto done;
    ((JSFunction *)OBJ(rf.v))->home_object = rp.v;
    OBJ(rf.v)->h.flags |= JS_OBJ_CLASS_CTOR | JS_OBJ_CONSTRUCTOR;
    *proto_out = rp.v;
    res = rf.v;
done:
    js_root_pop(ctx, &rpp);
    return res;
}

static bool is_private_name(JSValue v)
{
    return js_is_symbol(v) && (JS_VALUE_GET_SYMBOL(v)->h.flags & JS_SYMBOL_PRIVATE);
}

/* PrivateMethodOrAccessorAdd for an accessor half (kind 2 getter, 3
 * setter): merged with the other half if present. */
static int private_accessor_add(JSContext *ctx, JSValue obj, JSAtom a, JSValue fn, int kind)
{
    JSPropertyDescriptor d;
    /* private elements live on the object itself, never seen by proxy traps */
    int r = js_ordinary_get_own_property(ctx, OBJ(obj), a, &d);
    if (r < 0)
        return -1;
    if (r && !(d.flags & (JS_PROP_ACCESSOR | JS_DESC_HAS_GET | JS_DESC_HAS_SET))) {
        js_throw_type_error(ctx, "private member already defined");
        return -1;
    }
    JSPropertyDescriptor nd;
    memset(&nd, 0, sizeof nd);
    nd.value = JS_UNDEFINED;
    nd.getter = kind == 2 ? fn : JS_UNDEFINED;
    nd.setter = kind == 3 ? fn : JS_UNDEFINED;
    nd.flags = (kind == 2 ? JS_DESC_HAS_GET : JS_DESC_HAS_SET) |
               (r ? 0 : JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE | JS_PROP_CONFIGURABLE);
    return js_ordinary_define_own_property(ctx, OBJ(obj), a, &nd, JS_THROW) < 0 ? -1 : 0;
}

/* Runs the [key, fn, kind] triples of list on obj (see compile_class.c):
 * private methods and accessors are installed, fields defined with the
 * value of their initializer, static blocks called. */
static int run_elements(JSContext *ctx, JSValue obj, JSValue list)
{
    JSRoot ro, rl, rk, rv, rf;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rl, list);
    js_root_push(ctx, &rk, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    int res = -1;
    uint32_t n = js_array_length_fast(OBJ(rl.v));
    for (uint32_t i = 0; i + 2 < n; i += 3) {
        JSValue prev_key = i ? js_array_fast_get(OBJ(rl.v), i - 3) : JS_UNDEFINED;
        rk.v = js_array_fast_get(OBJ(rl.v), i);
        rf.v = js_array_fast_get(OBJ(rl.v), i + 1);
        int kind = js_get_int(js_array_fast_get(OBJ(rl.v), i + 2));
        if (kind == 4) {
            if (js_call(ctx, rf.v, ro.v, 0, NULL) == JS_EXCEPTION)
                goto done;
            continue;
        }
        if (kind == 2 || kind == 3) {
            JSAtom a = js_value_to_atom(ctx, rk.v);
            if (a == JS_ATOM_NULL)
                goto done;
            if (prev_key != rk.v) {
                /* not the second half of a pair: must be new */
                int r = js_ordinary_get_own_property(ctx, OBJ(ro.v), a, NULL);
                if (r < 0)
                    goto done;
                if (r) {
                    js_throw_type_error(ctx, "private member already defined on this object");
                    goto done;
                }
            }
            if (private_accessor_add(ctx, ro.v, a, rf.v, kind) < 0)
                goto done;
            continue;
        }
        if (kind == 1) {
            if (js_op_private_define(ctx, ro.v, rk.v, rf.v) < 0)
                goto done;
            /* methods are not writable */
            JSAtom a = js_value_to_atom(ctx, rk.v);
            JSPropertyDescriptor d;
            memset(&d, 0, sizeof d);
            d.value = d.getter = d.setter = JS_UNDEFINED;
            d.flags = JS_DESC_HAS_WRITABLE;
            if (a == JS_ATOM_NULL || js_ordinary_define_own_property(ctx, OBJ(ro.v), a, &d, JS_THROW) < 0)
                goto done;
            continue;
        }
        rv.v = JS_UNDEFINED;
        if (js_is_object(rf.v)) {
            rv.v = js_call(ctx, rf.v, ro.v, 0, NULL);
            if (rv.v == JS_EXCEPTION)
                goto done;
        }
        if (is_private_name(rk.v)) {
            if (js_op_private_define(ctx, ro.v, rk.v, rv.v) < 0)
                goto done;
            continue;
        }
        JSAtom a = js_to_property_key(ctx, rk.v);
        if (a == JS_ATOM_NULL)
            goto done;
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        int r = js_create_data_property(ctx, ro.v, a, rv.v, JS_THROW);
        js_root_pop(ctx, &ra);
        if (r < 0)
            goto done;
    }
    res = 0;
done:
    js_root_pop(ctx, &ro);
    return res;
}

int js_op_run_fields(JSContext *ctx, JSValue obj, JSValue func)
{
    if (!js_is_bytecode_function(func))
        return 0;
    JSValue fields = ((JSFunction *)OBJ(func))->fields;
    if (!js_is_object(fields))
        return 0;
    return run_elements(ctx, obj, fields);
}

int js_op_run_static_init(JSContext *ctx, JSValue cls, JSValue list)
{
    return run_elements(ctx, cls, list);
}

static int private_find(JSContext *ctx, JSValue obj, JSValue name, JSAtom *a, JSPropertyDescriptor *d)
{
    if (!js_is_object(obj)) {
        js_throw_type_error(ctx, "private member access on a non-object");
        return -1;
    }
    *a = js_value_to_atom(ctx, name);
    if (*a == JS_ATOM_NULL)
        return -1;
    JSObject *o = OBJ(obj);
    return js_ordinary_get_own_property(ctx, o, *a, d);
}

JSValue js_op_private_get(JSContext *ctx, JSValue obj, JSValue name)
{
    JSAtom a;
    JSPropertyDescriptor d;
    int r = private_find(ctx, obj, name, &a, &d);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return js_throw_type_error(ctx, "cannot read private member from an object whose class did not declare it");
    if (d.flags & (JS_PROP_ACCESSOR | JS_DESC_HAS_GET | JS_DESC_HAS_SET)) {
        if (!js_is_object(d.getter))
            return js_throw_type_error(ctx, "private accessor has no getter");
        return js_call(ctx, d.getter, obj, 0, NULL);
    }
    return d.value;
}

int js_op_private_put(JSContext *ctx, JSValue obj, JSValue name, JSValue val)
{
    JSAtom a;
    JSPropertyDescriptor d;
    int r = private_find(ctx, obj, name, &a, &d);
    if (r < 0)
        return -1;
    if (!r) {
        js_throw_type_error(ctx, "cannot write private member to an object whose class did not declare it");
        return -1;
    }
    if (d.flags & (JS_PROP_ACCESSOR | JS_DESC_HAS_GET | JS_DESC_HAS_SET)) {
        if (!js_is_object(d.setter)) {
            js_throw_type_error(ctx, "private accessor has no setter");
            return -1;
        }
        return js_call(ctx, d.setter, obj, 1, &val) == JS_EXCEPTION ? -1 : 0;
    }
    if (!(d.flags & JS_PROP_WRITABLE)) {
        js_throw_type_error(ctx, "private method is not writable");
        return -1;
    }
    JSPropertyDescriptor nd;
    memset(&nd, 0, sizeof nd);
    nd.value = val;
    nd.getter = nd.setter = JS_UNDEFINED;
    nd.flags = JS_DESC_HAS_VALUE;
    return js_ordinary_define_own_property(ctx, OBJ(obj), a, &nd, JS_THROW) < 0 ? -1 : 0;
}

int js_op_private_define(JSContext *ctx, JSValue obj, JSValue name, JSValue val)
{
    JSAtom a;
    JSPropertyDescriptor d;
    int r = private_find(ctx, obj, name, &a, &d);
    if (r < 0)
        return -1;
    if (r) {
        js_throw_type_error(ctx, "private member already defined on this object");
        return -1;
    }
    JSPropertyDescriptor nd;
    memset(&nd, 0, sizeof nd);
    nd.value = val;
    nd.getter = nd.setter = JS_UNDEFINED;
    nd.flags = JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE | JS_DESC_HAS_ENUMERABLE |
               JS_DESC_HAS_CONFIGURABLE | JS_PROP_WRITABLE;
    return js_ordinary_define_own_property(ctx, OBJ(obj), a, &nd, JS_THROW) < 0 ? -1 : 0;
}

int js_op_private_in(JSContext *ctx, JSValue name, JSValue obj)
{
    if (!js_is_object(obj)) {
        js_throw_type_error(ctx, "right-hand side of 'in' must be an object");
        return -1;
    }
    JSAtom a;
    JSPropertyDescriptor d;
    return private_find(ctx, obj, name, &a, &d);
}
