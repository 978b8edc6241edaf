/* The Function constructor and Function.prototype (apply, bind, call,
 * toString, Symbol.hasInstance, the poisoned caller/arguments accessors),
 * the legacy caller/arguments accessors of sloppy functions,
 * %ThrowTypeError%, bound function exotic objects (function.h), and the
 * GeneratorFunction / AsyncFunction / AsyncGeneratorFunction constructors
 * with their prototypes. */
#include "builtins.h"
#include "function.h"
#include "object_util.h"
#include "../conv.h"
#include "../core.h"
#include "../interp_int.h"   /* js_generator_function_proto & co. */
#include "../shape.h"
#include <math.h>
#include <stdlib.h>

/* ---- bound functions ---- */

static void bound_trace(JSRuntime *rt, JSObject *obj)
{
    JSBoundFunction *bf = (JSBoundFunction *)obj;
    js_gc_mark_value(rt, bf->target);
    js_gc_mark_value(rt, bf->bound_this);
    if (bf->args)
        js_gc_mark_cell(rt, bf->args);
}

/* The bound arguments followed by argv, in a new rooted JSValueArray
 * (root pushed on *r by the caller's behalf). NULL on OOM. */
static JSValueArray *bound_args(JSContext *ctx, JSBoundFunction *bf, JSRoot *rf,
                                int argc, JSValue *argv, JSRoot *r)
{
    uint32_t nb = bf->args ? bf->args->len : 0;
    JSValueArray *a = js_value_array_new(ctx, nb + (uint32_t)argc);
    if (!a)
        return NULL;
    bf = (JSBoundFunction *)JS_VALUE_GET_OBJ(rf->v);
    for (uint32_t i = 0; i < nb; i++)
        a->values[i] = bf->args->values[i];
    for (int i = 0; i < argc; i++)
        a->values[nb + (uint32_t)i] = argv[i];
    js_root_push(ctx, r, js_cell_value(a));
    return a;
}

JSValue js_bound_function_call(JSContext *ctx, JSObject *func, JSValue this_val, int argc, JSValue *argv)
{
    JSBoundFunction *bf = (JSBoundFunction *)func;
    if (js_check_stack_overflow(ctx))
        return JS_EXCEPTION;
    if (!bf->args || bf->args->len == 0)
        return js_call(ctx, bf->target, bf->bound_this, argc, argv);
    JSRoot rf, ra;
    js_root_push(ctx, &rf, js_mkptr(JS_TAG_OBJECT, func));
    JSValueArray *a = bound_args(ctx, bf, &rf, argc, argv, &ra);
    JSValue res = JS_EXCEPTION;
    if (a) {
        bf = (JSBoundFunction *)JS_VALUE_GET_OBJ(rf.v);
        res = js_call(ctx, bf->target, bf->bound_this, (int)a->len, a->values);
    }
    js_root_pop(ctx, &rf);
    return res;
}

JSValue js_bound_function_construct(JSContext *ctx, JSObject *func, int argc, JSValue *argv, JSValue new_target)
{
    JSBoundFunction *bf = (JSBoundFunction *)func;
    if (js_check_stack_overflow(ctx))
        return JS_EXCEPTION;
    if (new_target == js_mkptr(JS_TAG_OBJECT, func))
        new_target = bf->target;
    if (!bf->args || bf->args->len == 0)
        return js_construct(ctx, bf->target, argc, argv, new_target);
    JSRoot rf, rn, ra;
    js_root_push(ctx, &rf, js_mkptr(JS_TAG_OBJECT, func));
    js_root_push(ctx, &rn, new_target);
    JSValueArray *a = bound_args(ctx, bf, &rf, argc, argv, &ra);
    JSValue res = JS_EXCEPTION;
    if (a) {
        bf = (JSBoundFunction *)JS_VALUE_GET_OBJ(rf.v);
        res = js_construct(ctx, bf->target, (int)a->len, a->values, rn.v);
    }
    js_root_pop(ctx, &rf);
    return res;
}

/* GetFunctionRealm of a bound function: its target's realm. */
static JSContext *bound_get_realm(JSContext *ctx, JSObject *func)
{
    return js_get_function_realm(ctx, ((JSBoundFunction *)func)->target);
}

/* [[BoundTargetFunction]], for OrdinaryHasInstance. */
static JSValue bound_target(JSObject *func)
{
    return ((JSBoundFunction *)func)->target;
}

static const JSClass bound_function_class = {
    .name = "Function",
    .size = sizeof(JSBoundFunction),
    .trace = bound_trace,
    .call = js_bound_function_call,
    .construct = js_bound_function_construct,
    .get_realm = bound_get_realm,
    .bound_target = bound_target,
};

void js_bound_function_register_class(JSRuntime *rt)
{
    js_register_class(rt, JS_CLASS_BOUND_FUNCTION, &bound_function_class);
}

/* Function.prototype.bind(thisArg, ...args) */
static JSValue function_bind(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_callable(this_val))
        return js_throw_type_error(ctx, "Bind must be called on a function");
    JSRoot rf, rargs;
    JSValue proto = js_get_prototype_of(ctx, this_val);
    if (js_is_exception(proto))
        return proto;
    int nargs = argc > 1 ? argc - 1 : 0;
    JSValueArray *args = NULL;
    js_root_push(ctx, &rargs, JS_UNDEFINED);
    js_root_push(ctx, &rf, proto);
    if (nargs > 0) {
        args = js_value_array_new(ctx, (uint32_t)nargs);
        if (!args)
            goto fail;
        for (int i = 0; i < nargs; i++)
            args->values[i] = argv[i + 1];
        rargs.v = js_cell_value(args);
    }
    JSObject *obj = js_new_object_proto_class(ctx, rf.v, JS_CLASS_BOUND_FUNCTION);
    if (!obj)
        goto fail;
    JSBoundFunction *bf = (JSBoundFunction *)obj;
    JS_STORE(ctx, obj, bf->target, this_val);
    JS_STORE(ctx, obj, bf->bound_this, argv[0]);
    JS_STORE_PTR(ctx, obj, bf->args, args);
    obj->h.flags |= JS_OBJ_CALLABLE;
    if (js_is_constructor(this_val))
        obj->h.flags |= JS_OBJ_CONSTRUCTOR;
    rf.v = js_mkptr(JS_TAG_OBJECT, obj);

    /* length */
    double len = 0;
    int has = js_get_own_property(ctx, this_val, JS_ATOM_length, NULL);
    if (has < 0)
        goto fail;
    if (has) {
        JSValue tl = js_get_property(ctx, this_val, JS_ATOM_length);
        if (js_is_exception(tl))
            goto fail;
        if (js_is_number(tl)) {
            double d = js_number_value(tl);
            if (d == INFINITY) {
                len = d;
            } else if (d == -INFINITY) {
                len = 0;
            } else {
                double n;
                if (js_to_int_or_infinity(ctx, &n, tl) < 0)
                    goto fail;
                n -= nargs;
                len = n > 0 ? n : 0;
            }
        }
    }
    if (js_define_property_value(ctx, rf.v, JS_ATOM_length, js_number(len), JS_PROP_CONFIGURABLE) < 0)
        goto fail;

    /* name */
    JSValue name = js_get_property(ctx, this_val, JS_ATOM_name);
    if (js_is_exception(name))
        goto fail;
    JSAtom name_atom = JS_ATOM_empty_string;
    if (js_is_string(name)) {
        rargs.v = name;     /* keep the atom's string alive */
        name_atom = js_atom_from_string(ctx, name);
        if (name_atom == JS_ATOM_NULL)
            goto fail;
    }
    if (js_set_function_name(ctx, rf.v, name_atom, JS_ATOM_bound_) < 0)
        goto fail;
    js_root_pop(ctx, &rargs);
    return rf.v;
fail:
    js_root_pop(ctx, &rargs);
    return JS_EXCEPTION;
}

/* Function.prototype.apply(thisArg, argArray) */
static JSValue function_apply(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_callable(this_val))
        return js_throw_type_error(ctx, "Function.prototype.apply was called on a non-function");
    if (js_is_nullish(argv[1]))
        return js_call(ctx, this_val, argv[0], 0, NULL);
    JSValueArray *list = js_create_list_from_array_like(ctx, argv[1]);
    if (!list)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_cell_value(list));
    JSValue res = js_call(ctx, this_val, argv[0], (int)list->len, list->values);
    js_root_pop(ctx, &r);
    return res;
}

/* Function.prototype.call(thisArg, ...args) */
static JSValue function_call(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_callable(this_val))
        return js_throw_type_error(ctx, "Function.prototype.call was called on a non-function");
    if (argc <= 1)
        return js_call(ctx, this_val, argv[0], 0, NULL);
    return js_call(ctx, this_val, argv[0], argc - 1, argv + 1);
}

static JSValue function_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_callable(this_val))
        return js_throw_type_error(ctx, "Function.prototype.toString requires that 'this' be a Function");
    return js_function_to_string(ctx, this_val);
}

static JSValue function_has_instance(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int r = js_ordinary_has_instance(ctx, this_val, argv[0]);
    if (r < 0)
        return JS_EXCEPTION;
    return js_bool(r);
}

/* The Function constructor: CreateDynamicFunction(normal). */
static JSValue function_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(new_target))
        new_target = ctx->intrinsics[JS_INTRINSIC_FunctionConstructor];
    return js_create_dynamic_function(ctx, 0, argc, argv, new_target);
}

/* GeneratorFunction, AsyncFunction, AsyncGeneratorFunction (magic = the
 * CreateDynamicFunction kind: 1 generator, 2 async, 3 async generator).
 * The body is parsed first, then the prototype is taken from new.target
 * (or the constructor itself), falling back to the intrinsic of
 * new.target's realm. */
static const JSIntrinsic kind_proto[4] = {
    JS_INTRINSIC_FunctionConstructor,   /* unused: Function has its own body */
    JS_INTRINSIC_GeneratorFunctionPrototype,
    JS_INTRINSIC_AsyncFunctionPrototype,
    JS_INTRINSIC_AsyncGeneratorFunctionPrototype,
};

static JSValue function_kind_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSRoot rn, rf;
    js_root_push(ctx, &rn, new_target);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    rf.v = js_create_dynamic_function(ctx, magic, argc, argv, JS_UNDEFINED);
    if (js_is_exception(rf.v))
        goto done;
    JSValue proto = ctx->intrinsics[kind_proto[magic]];
    if (js_is_object(rn.v)) {
        proto = js_get_property(ctx, rn.v, JS_ATOM_prototype);
        if (js_is_exception(proto))
            goto done;
        if (!js_is_object(proto)) {
            JSContext *realm = js_get_function_realm(ctx, rn.v);
            if (!realm)
                goto done;
            proto = realm->intrinsics[kind_proto[magic]];
        }
    }
    JSObject *fo = JS_VALUE_GET_OBJ(rf.v);
    if (js_is_object(proto) && js_shape_proto(fo->shape) != JS_VALUE_GET_OBJ(proto) &&
        js_set_prototype_of(ctx, rf.v, proto, JS_THROW) < 0)
        goto done;
    res = rf.v;
done:
    js_root_pop(ctx, &rn);
    return res;
}

static JSValue throw_type_error_fn(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_throw_type_error(ctx, "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them");
}

/* ---- legacy caller / arguments of sloppy functions ----
 * Each sloppy plain function (js_bc_has_legacy_props) gets own accessors
 * `caller` and `arguments` (getter only, configurable), whose pairs are
 * shared by all such functions of a realm. As ECMA-262 17.1 requires, the
 * `caller` getter never returns strict code: it gives the function of the
 * frame below the innermost activation of `this` when that function is
 * sloppy, null otherwise (not running, called from strict code, from a
 * script or eval body, or from native code at the bottom). */

static JSFunction *legacy_target(JSValue this_val)
{
    if (!js_is_object(this_val) || js_object_class(JS_VALUE_GET_OBJ(this_val)) != JS_CLASS_FUNCTION)
        return NULL;
    JSFunction *fn = (JSFunction *)JS_VALUE_GET_OBJ(this_val);
    return js_bc_has_legacy_props(fn->b) ? fn : NULL;
}

static JSValue legacy_caller_get(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSFunction *fn = legacy_target(this_val);
    JSFrame *below;
    if (!fn || !js_interp_find_frame(ctx->rt, fn, &below) || !below || !below->func)
        return JS_NULL;
    if (below->b->flags & (JS_BC_STRICT | JS_BC_SCRIPT | JS_BC_EVAL))
        return JS_NULL;
    return js_obj_value(&below->func->base);
}

/* A fresh arguments object of the innermost activation (the parameters'
 * values now, as the activation's registers hold them), or null. */
static JSValue legacy_arguments_get(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSFunction *fn = legacy_target(this_val);
    JSFrame *below;
    JSFrame *f = fn ? js_interp_find_frame(ctx->rt, fn, &below) : NULL;
    if (!f)
        return JS_NULL;
    /* Without JS_BC_KEEP_ARGS the registers past the parameters hold locals
       now; the parameter registers hold values (a boxed parameter's
       register keeps its first value), never a box. */
    JSFrame g = *f;
    if (!(f->b->flags & JS_BC_KEEP_ARGS) && g.argc > f->b->nparams)
        g.argc = f->b->nparams;
    JSValue *vals = g.argc ? malloc((size_t)g.argc * sizeof *vals) : NULL;
    if (g.argc && !vals)
        return js_throw_out_of_memory(ctx);
    for (int i = 0; i < g.argc; i++) {
        JSValue v = f->argv[i];
        vals[i] = (js_tag(v) == JS_TAG_CELL || js_is_uninitialized(v)) ? JS_UNDEFINED : v;
    }
    g.argv = vals;  /* the same values stay on the VM stack: rooted */
    JSValue res = js_op_mapped_arguments(ctx, &g, NULL, 0);
    free(vals);
    return res;
}

static int init_legacy_accessor(JSContext *ctx, JSCFunction *get, const char *name, JSIntrinsic id)
{
    JSValue g = js_new_cfunction(ctx, get, name, 0, JS_CFUNC_PLAIN, 0);
    if (js_is_exception(g))
        return -1;
    JSAccessorPair *ap = js_new_accessor_pair(ctx, g, JS_UNDEFINED);
    if (!ap)
        return -1;
    ap->h.flags |= JS_ACCESSOR_SHARED;
    ctx->intrinsics[id] = js_mkptr(JS_TAG_CELL, ap);
    return 0;
}

/* Closures of a realm reach the same shape before these two properties:
 * the transition pair (from, to) is cached in the realm's intrinsics (which
 * the collector marks) so most closures skip both transitions. */
int js_function_add_legacy_props(JSContext *ctx, JSObject *fn)
{
    JSValue from = ctx->intrinsics[JS_INTRINSIC_LegacyShapeFrom];
    JSShape *sh = fn->shape;
    if (js_is_cell(from) && js_get_ptr(from) == sh &&
        js_object_reserve_slots(ctx, fn, sh->prop_count + 2) == 0) {
        fn->slots[sh->prop_count] = ctx->intrinsics[JS_INTRINSIC_LegacyArgumentsAccessor];
        fn->slots[sh->prop_count + 1] = ctx->intrinsics[JS_INTRINSIC_LegacyCallerAccessor];
        JS_STORE_PTR(ctx, fn, fn->shape, (JSShape *)js_get_ptr(ctx->intrinsics[JS_INTRINSIC_LegacyShapeTo]));
        return 0;
    }
    if (js_object_add_property(ctx, fn, JS_ATOM_arguments, JS_PROP_CONFIGURABLE | JS_PROP_ACCESSOR,
                               ctx->intrinsics[JS_INTRINSIC_LegacyArgumentsAccessor]) < 0 ||
        js_object_add_property(ctx, fn, JS_ATOM_caller, JS_PROP_CONFIGURABLE | JS_PROP_ACCESSOR,
                               ctx->intrinsics[JS_INTRINSIC_LegacyCallerAccessor]) < 0)
        return -1;
    if (!(sh->h.flags & JS_SHAPE_DICT) && !(fn->shape->h.flags & JS_SHAPE_DICT) &&
        fn->shape->parent && fn->shape->parent->parent == sh) {
        ctx->intrinsics[JS_INTRINSIC_LegacyShapeFrom] = js_mkptr(JS_TAG_CELL, sh);
        ctx->intrinsics[JS_INTRINSIC_LegacyShapeTo] = js_mkptr(JS_TAG_CELL, fn->shape);
    }
    return 0;
}

static const JSPropEntry function_proto_props[] = {
    JS_CFUNC_DEF("apply", 2, function_apply),
    JS_CFUNC_DEF("bind", 1, function_bind),
    JS_CFUNC_DEF("call", 1, function_call),
    JS_CFUNC_DEF("toString", 0, function_to_string),
    { "[Symbol.hasInstance]", JS_DEF_CFUNC, 0, 1, JS_CFUNC_PLAIN, 0, { .fn = function_has_instance } },
};

/* %ThrowTypeError%: name and length non-configurable, not extensible. */
static JSValue make_throw_type_error(JSContext *ctx)
{
    JSValue f = js_new_cfunction(ctx, throw_type_error_fn, "", 0, JS_CFUNC_PLAIN, 0);
    if (js_is_exception(f))
        return f;
    JSRoot r;
    js_root_push(ctx, &r, f);
    JSPropertyDescriptor d = { JS_DESC_HAS_CONFIGURABLE, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED };
    JSValue res = JS_EXCEPTION;
    if (js_define_property(ctx, f, JS_ATOM_length, &d, JS_THROW) < 0 ||
        js_define_property(ctx, f, JS_ATOM_name, &d, JS_THROW) < 0 ||
        js_prevent_extensions(ctx, f, JS_THROW) < 0)
        goto done;
    res = r.v;
done:
    js_root_pop(ctx, &r);
    return res;
}

/* One of GeneratorFunction / AsyncFunction / AsyncGeneratorFunction:
 * [[Prototype]] %Function%, `prototype` the given %XFunction.prototype%
 * (all attributes false), whose `constructor` (configurable only) links
 * back. Stores the constructor in ctx->intrinsics[ctor_id]. */
static int init_function_kind(JSContext *ctx, int kind, const char *name, JSIntrinsic ctor_id)
{
    JSValue proto = ctx->intrinsics[kind_proto[kind]];
    JSRoot rc;
    js_root_push(ctx, &rc, js_new_cfunction(ctx, function_kind_ctor, name, 1, JS_CFUNC_CONSTRUCTOR, kind));
    int res = -1;
    if (js_is_exception(rc.v))
        goto done;
    if (js_set_prototype_of(ctx, rc.v, ctx->intrinsics[JS_INTRINSIC_FunctionConstructor], JS_THROW) < 0 ||
        js_define_property_value(ctx, rc.v, JS_ATOM_prototype, proto, 0) < 0 ||
        js_define_property_value(ctx, ctx->intrinsics[kind_proto[kind]], JS_ATOM_constructor, rc.v,
                                 JS_PROP_CONFIGURABLE) < 0)
        goto done;
    ctx->intrinsics[ctor_id] = rc.v;
    res = 0;
done:
    js_root_pop(ctx, &rc);
    return res;
}

int js_init_function_kinds(JSContext *ctx)
{
    /* %AsyncFunction.prototype% */
    JSValue ap = js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_FUNCTION]);
    if (js_is_exception(ap))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_AsyncFunctionPrototype] = ap;
    JSValue tag = js_new_string_cstr(ctx, "AsyncFunction");
    if (js_is_exception(tag) ||
        js_define_property_value(ctx, ctx->intrinsics[JS_INTRINSIC_AsyncFunctionPrototype],
                                 JS_ATOM_Symbol_toStringTag, tag, JS_PROP_CONFIGURABLE) < 0)
        return -1;
    if (js_generator_function_proto(ctx) == JS_EXCEPTION ||
        js_async_generator_function_proto(ctx) == JS_EXCEPTION)
        return -1;
    if (init_function_kind(ctx, 1, "GeneratorFunction", JS_INTRINSIC_GeneratorFunction) < 0 ||
        init_function_kind(ctx, 2, "AsyncFunction", JS_INTRINSIC_AsyncFunction) < 0 ||
        init_function_kind(ctx, 3, "AsyncGeneratorFunction", JS_INTRINSIC_AsyncGeneratorFunction) < 0)
        return -1;
    return 0;
}

int js_init_function(JSContext *ctx)
{
    js_bound_function_register_class(ctx->rt);
    JSValue proto = ctx->class_proto[JS_CLASS_FUNCTION];
    JSValue ctor = js_new_constructor(ctx, function_ctor, "Function", 1, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_FunctionConstructor] = ctor;
    if (js_define_prop_entries(ctx, proto, function_proto_props,
                               sizeof function_proto_props / sizeof function_proto_props[0]) < 0)
        return -1;
    JSValue tte = make_throw_type_error(ctx);
    if (js_is_exception(tte))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_ThrowTypeError] = tte;
    if (js_define_property_getset(ctx, proto, JS_ATOM_caller, tte, tte, JS_PROP_CONFIGURABLE) < 0 ||
        js_define_property_getset(ctx, proto, JS_ATOM_arguments, tte, tte, JS_PROP_CONFIGURABLE) < 0)
        return -1;
    if (init_legacy_accessor(ctx, legacy_caller_get, "get caller", JS_INTRINSIC_LegacyCallerAccessor) < 0 ||
        init_legacy_accessor(ctx, legacy_arguments_get, "get arguments", JS_INTRINSIC_LegacyArgumentsAccessor) < 0)
        return -1;
    return 0;
}
