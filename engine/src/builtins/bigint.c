/* The BigInt constructor (a function that throws when called with new),
 * BigInt.asIntN / asUintN, and BigInt.prototype (toString with a radix,
 * toLocaleString, valueOf, @@toStringTag) (ECMA-262 21.2). The values and
 * their arithmetic are in ../bigint.c. */
#include <math.h>
#include "builtins.h"
#include "wrapper.h"
#include "../bigint.h"
#include "../conv.h"

#define FN(name, len, f) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, 0, { .fn = f } }
#define FN_MAGIC(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }

/* BigInt(value). this_val is new.target. */
static JSValue bigint_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (!js_is_undefined(new_target))
        return js_throw_type_error(ctx, "BigInt is not a constructor");
    JSValue prim = js_to_primitive(ctx, argv[0], JS_HINT_NUMBER);
    if (js_is_exception(prim))
        return prim;
    if (js_is_number(prim))
        return js_number_to_bigint(ctx, js_number_value(prim));
    return js_to_bigint(ctx, prim);
}

/* BigInt.asIntN (magic 1) and BigInt.asUintN (magic 0). */
static JSValue bigint_as_n(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    uint64_t bits;
    if (js_to_index(ctx, &bits, argv[0]) < 0)
        return JS_EXCEPTION;
    JSValue b = js_to_bigint(ctx, argv[1]);
    if (js_is_exception(b))
        return b;
    return js_bigint_as_n(ctx, bits, b, magic != 0);
}

/* thisBigIntValue. */
static JSValue this_bigint(JSContext *ctx, JSValue v, const char *method)
{
    if (js_is_bigint(v))
        return v;
    if (js_object_is_class(v, JS_CLASS_BIGINT))
        return js_wrapper_value(JS_VALUE_GET_OBJ(v));
    return js_throw_type_error(ctx, "BigInt.prototype.%s requires that 'this' be a BigInt", method);
}

/* toString (magic 0) and toLocaleString (magic 1, no Intl: radix 10). */
static JSValue bigint_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue x = this_bigint(ctx, this_val, magic ? "toLocaleString" : "toString");
    if (js_is_exception(x))
        return x;
    int radix = 10;
    if (!magic && argc > 0 && !js_is_undefined(argv[0])) {
        /* x stays reachable from this_val (itself or its wrapper) */
        double d;
        if (js_to_int_or_infinity(ctx, &d, argv[0]) < 0)
            return JS_EXCEPTION;
        if (d < 2 || d > 36)
            return js_throw_range_error(ctx, "toString() radix must be between 2 and 36");
        radix = (int)d;
    }
    return js_bigint_to_string(ctx, x, radix);
}

static JSValue bigint_value_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_bigint(ctx, this_val, "valueOf");
}

static const JSPropEntry bigint_props[] = {
    FN_MAGIC("asIntN", 2, bigint_as_n, 1),
    FN_MAGIC("asUintN", 2, bigint_as_n, 0),
};

static const JSPropEntry bigint_proto_props[] = {
    FN_MAGIC("toString", 0, bigint_to_string, 0),
    FN_MAGIC("toLocaleString", 0, bigint_to_string, 1),
    FN("valueOf", 0, bigint_value_of),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "BigInt", JS_PROP_CONFIGURABLE),
};

int js_init_bigint(JSContext *ctx)
{
    js_bigint_init_runtime(ctx->rt);
    /* BigInt.prototype is an ordinary object, not a BigInt wrapper */
    JSValue proto = js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
    if (js_is_exception(proto))
        return -1;
    ctx->class_proto[JS_CLASS_BIGINT] = proto;
    JSValue ctor = js_new_constructor(ctx, bigint_ctor, "BigInt", 1, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    JSRoot rc;
    js_root_push(ctx, &rc, ctor);
    int ret = -1;
    if (js_define_prop_entries(ctx, rc.v, bigint_props, sizeof bigint_props / sizeof bigint_props[0]) < 0 ||
        js_define_prop_entries(ctx, ctx->class_proto[JS_CLASS_BIGINT], bigint_proto_props,
                               sizeof bigint_proto_props / sizeof bigint_proto_props[0]) < 0)
        goto done;
    ret = 0;
done:
    js_root_pop(ctx, &rc);
    return ret;
}
