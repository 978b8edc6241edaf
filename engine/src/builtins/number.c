/* The Number constructor, its constants and predicates, parseInt and
 * parseFloat (shared with the global object), and Number.prototype
 * (toString with a radix, toFixed, toExponential, toPrecision,
 * toLocaleString, valueOf). All formatting goes through dtoa.h. */
#include <math.h>
#include "../fmath/fmath.h"
#include "builtins.h"
#include "wrapper.h"
#include "../conv.h"
#include "../dtoa.h"
#include "../unicode/unicode.h"

#define FN(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }

/* thisNumberValue: a number, or a Number wrapper's [[NumberData]]. */
static int this_number_value(JSContext *ctx, JSValue v, double *out, const char *method)
{
    if (js_is_number(v)) {
        *out = js_number_value(v);
        return 0;
    }
    if (js_object_is_class(v, JS_CLASS_NUMBER)) {
        *out = js_number_value(js_wrapper_value(JS_VALUE_GET_OBJ(v)));
        return 0;
    }
    js_throw_type_error(ctx, "Number.prototype.%s requires that 'this' be a Number", method);
    return -1;
}

static JSValue ascii_string(JSContext *ctx, const char *buf, int len)
{
    return js_new_string_latin1(ctx, (const uint8_t *)buf, (size_t)len);
}

/* Number(value) and new Number(value). this_val is new.target. */
static JSValue number_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSValue n = js_int(0), obj;
    if (argc > 0) {
        JSValue prim = js_to_numeric(ctx, argv[0]);
        if (js_is_exception(prim))
            return JS_EXCEPTION;
        if (js_is_bigint(prim)) {
            /* 𝔽(ℝ(prim)): the decimal digits are exact and the string
             * to number conversion rounds correctly. */
            JSValue s = js_to_string(ctx, prim);
            if (js_is_exception(s))
                return JS_EXCEPTION;
            n = js_number(js_string_to_number(ctx, s));
        } else {
            n = prim;
        }
    }
    if (js_is_undefined(new_target))
        return n;
    {
        JSRoot r;
        js_root_push(ctx, &r, n);
        obj = js_create_from_ctor(ctx, new_target, JS_CLASS_NUMBER);
        if (js_is_exception(obj))
            return JS_EXCEPTION;
        js_wrapper_set_value(JS_VALUE_GET_OBJ(obj), r.v);
        js_root_pop(ctx, &r);
    }
    return obj;
}

static JSValue number_is_finite(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue v = argv[0];
    if (js_is_int(v))
        return JS_TRUE;
    return js_bool(js_is_double(v) && isfinite(js_get_double(v)));
}

static JSValue number_is_nan(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_bool(js_is_double(argv[0]) && isnan(js_get_double(argv[0])));
}

/* Number.isInteger (magic 0) and Number.isSafeInteger (magic 1). */
static JSValue number_is_integer(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double d;
    JSValue v = argv[0];
    if (js_is_int(v))
        return JS_TRUE;
    if (!js_is_double(v))
        return JS_FALSE;
    d = js_get_double(v);
    if (!isfinite(d) || js_trunc(d) != d)
        return JS_FALSE;
    if (magic && fabs(d) > 9007199254740991.0)
        return JS_FALSE;
    return JS_TRUE;
}

/* Reads a string into a malloc'ed ASCII buffer after skipping leading
 * white space and line terminators; characters above 127 become '?' (no
 * number syntax uses them). *out_len gets the length. NULL on error. */
static char *trimmed_ascii(JSContext *ctx, JSValue str, size_t *out_len)
{
    JSString *p = js_string_flatten(ctx, str);
    uint32_t i = 0, n;
    char *buf;
    if (!p)
        return NULL;
    n = p->len;
    while (i < n) {
        uint16_t c = js_flat_char(p, i);
        if (!(js_uni_is_space(c) || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029))
            break;
        i++;
    }
    buf = js_malloc(ctx, n - i + 1);
    if (!buf)
        return NULL;
    for (uint32_t j = i; j < n; j++) {
        uint16_t c = js_flat_char(p, j);
        buf[j - i] = c < 128 ? (char)c : '?';
    }
    buf[n - i] = 0;
    *out_len = n - i;
    return buf;
}

/* parseFloat(string) */
static JSValue number_parse_float(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue s;
    char *buf;
    size_t len, end;
    double d;
    if (js_is_number(argv[0]))
        if (js_is_int(argv[0]) || (isfinite(js_get_double(argv[0])) && js_get_double(argv[0]) != 0 &&
                                    fabs(js_get_double(argv[0])) < 1e21 && fabs(js_get_double(argv[0])) >= 1e-6))
            return argv[0];
    s = js_to_string(ctx, argv[0]);
    if (js_is_exception(s))
        return JS_EXCEPTION;
    buf = trimmed_ascii(ctx, s, &len);
    if (!buf)
        return JS_EXCEPTION;
    d = js_atod(buf, len, &end, JS_ATOD_INFINITY | JS_ATOD_SIGN);
    js_free(ctx->rt, buf, len + 1);
    if (end == 0)
        return js_double(NAN);
    return js_number(d);
}

/* parseInt(string, radix) */
static JSValue number_parse_int(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue s;
    JSRoot r;
    char *buf;
    size_t len, pos = 0, end;
    int32_t radix;
    bool neg = false, strip = true;
    double d;
    s = js_to_string(ctx, argv[0]);
    if (js_is_exception(s))
        return JS_EXCEPTION;
    js_root_push(ctx, &r, s);
    if (js_to_int32(ctx, &radix, argv[1]))
        return JS_EXCEPTION;
    buf = trimmed_ascii(ctx, r.v, &len);
    js_root_pop(ctx, &r);
    if (!buf)
        return JS_EXCEPTION;
    if (pos < len && (buf[pos] == '-' || buf[pos] == '+')) {
        neg = buf[pos] == '-';
        pos++;
    }
    if (radix != 0) {
        if (radix < 2 || radix > 36) {
            js_free(ctx->rt, buf, len + 1);
            return js_double(NAN);
        }
        if (radix != 16)
            strip = false;
    } else {
        radix = 10;
    }
    if (strip && pos + 1 < len && buf[pos] == '0' && (buf[pos + 1] == 'x' || buf[pos + 1] == 'X')) {
        pos += 2;
        radix = 16;
    }
    d = js_atoi_radix(buf + pos, len - pos, radix, &end);
    js_free(ctx->rt, buf, len + 1);
    if (end == 0)
        return js_double(NAN);
    return js_number(neg ? -d : d);
}

/* Number.prototype.toString(radix) (magic 0) and toLocaleString (1). */
static JSValue number_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double x, r = 10;
    char buf[JS_DTOA_RADIX_BUF];
    int len;
    if (this_number_value(ctx, this_val, &x, magic ? "toLocaleString" : "toString"))
        return JS_EXCEPTION;
    if (!magic && !js_is_undefined(argv[0])) {
        if (js_to_int_or_infinity(ctx, &r, argv[0]))
            return JS_EXCEPTION;
        if (r < 2 || r > 36)
            return js_throw_range_error(ctx, "toString() radix must be between 2 and 36");
    }
    if (r == 10) {
        if (x >= -2147483648.0 && x <= 2147483647.0 && (double)(int32_t)x == x)
            return js_int_to_string(ctx, (int32_t)x);
        return js_number_to_string(ctx, x);
    }
    len = js_dtoa_radix(x, (int)r, buf);
    return ascii_string(ctx, buf, len);
}

static JSValue number_to_fixed(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double x, f;
    char buf[JS_DTOA_FIXED_BUF];
    int len;
    if (this_number_value(ctx, this_val, &x, "toFixed"))
        return JS_EXCEPTION;
    if (js_to_int_or_infinity(ctx, &f, argv[0]))
        return JS_EXCEPTION;
    if (!isfinite(f) || f < 0 || f > 100)
        return js_throw_range_error(ctx, "toFixed() digits argument must be between 0 and 100");
    if (!isfinite(x) || fabs(x) >= 1e21)
        return js_number_to_string(ctx, x);
    if (x == 0)
        x = 0; /* -0 prints as 0 */
    len = js_dtoa_fixed(x, (int)f, buf);
    return ascii_string(ctx, buf, len);
}

static JSValue number_to_exponential(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double x, f;
    char buf[JS_DTOA_BUF];
    int len;
    if (this_number_value(ctx, this_val, &x, "toExponential"))
        return JS_EXCEPTION;
    if (js_to_int_or_infinity(ctx, &f, argv[0]))
        return JS_EXCEPTION;
    if (!isfinite(x))
        return js_number_to_string(ctx, x);
    if (f < 0 || f > 100)
        return js_throw_range_error(ctx, "toExponential() argument must be between 0 and 100");
    if (x == 0)
        x = 0;
    len = js_dtoa_exponential(x, js_is_undefined(argv[0]) ? -1 : (int)f, buf);
    return ascii_string(ctx, buf, len);
}

static JSValue number_to_precision(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double x, p;
    char buf[JS_DTOA_BUF];
    int len;
    if (this_number_value(ctx, this_val, &x, "toPrecision"))
        return JS_EXCEPTION;
    if (js_is_undefined(argv[0]))
        return js_number_to_string(ctx, x);
    if (js_to_int_or_infinity(ctx, &p, argv[0]))
        return JS_EXCEPTION;
    if (!isfinite(x))
        return js_number_to_string(ctx, x);
    if (p < 1 || p > 100)
        return js_throw_range_error(ctx, "toPrecision() argument must be between 1 and 100");
    if (x == 0)
        x = 0;
    len = js_dtoa_precision(x, (int)p, buf);
    return ascii_string(ctx, buf, len);
}

static JSValue number_value_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double x;
    if (this_number_value(ctx, this_val, &x, "valueOf"))
        return JS_EXCEPTION;
    return js_number(x);
}

static const JSPropEntry js_number_funcs[] = {
    FN("isFinite", 1, number_is_finite, 0),
    FN("isInteger", 1, number_is_integer, 0),
    FN("isNaN", 1, number_is_nan, 0),
    FN("isSafeInteger", 1, number_is_integer, 1),
    JS_PROP_DOUBLE_DEF("EPSILON", 2.220446049250313e-16, 0),
    JS_PROP_DOUBLE_DEF("MAX_SAFE_INTEGER", 9007199254740991.0, 0),
    JS_PROP_DOUBLE_DEF("MIN_SAFE_INTEGER", -9007199254740991.0, 0),
    JS_PROP_DOUBLE_DEF("MAX_VALUE", 1.7976931348623157e308, 0),
    JS_PROP_DOUBLE_DEF("MIN_VALUE", 5e-324, 0),
    JS_PROP_DOUBLE_DEF("NaN", NAN, 0),
    JS_PROP_DOUBLE_DEF("NEGATIVE_INFINITY", -INFINITY, 0),
    JS_PROP_DOUBLE_DEF("POSITIVE_INFINITY", INFINITY, 0),
};

static const JSPropEntry js_number_proto_funcs[] = {
    FN("toExponential", 1, number_to_exponential, 0),
    FN("toFixed", 1, number_to_fixed, 0),
    FN("toLocaleString", 0, number_to_string, 1),
    FN("toPrecision", 1, number_to_precision, 0),
    FN("toString", 1, number_to_string, 0),
    FN("valueOf", 0, number_value_of, 0),
};

/* Number.parseInt / parseFloat are the same function objects as the
 * globals: taken from the global object if global.c defined them,
 * otherwise created here and also installed as globals. */
static int share_global_function(JSContext *ctx, JSValue ctor, const char *name,
                                 JSCFunction *fn, int length)
{
    JSValue global = js_obj_value(ctx->global_obj), f;
    JSAtom atom = js_atom_from_cstr(ctx, name);
    JSPropertyDescriptor desc;
    JSRoot r;
    int k;
    if (atom == JS_ATOM_NULL)
        return -1;
    k = js_get_own_property(ctx, global, atom, &desc);
    if (k < 0)
        return -1;
    if (k && (desc.flags & JS_DESC_HAS_VALUE) && js_is_callable(desc.value)) {
        f = desc.value;
        js_root_push(ctx, &r, f);
    } else {
        f = js_new_cfunction(ctx, fn, name, length, JS_CFUNC_PLAIN, 0);
        if (js_is_exception(f))
            return -1;
        js_root_push(ctx, &r, f);
        if (js_define_property_value(ctx, global, atom, f, JS_PROP_C_W) < 0)
            return -1;
    }
    if (js_define_property_value(ctx, ctor, atom, r.v, JS_PROP_C_W) < 0)
        return -1;
    js_root_pop(ctx, &r);
    return 0;
}

/* Creates Number and Number.prototype (a Number object whose
 * [[NumberData]] is +0). May collect; 0, or -1 with an exception. */
int js_init_number(JSContext *ctx)
{
    JSRoot rp, rc;
    JSObject *p;
    JSValue ctor;
    p = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_NUMBER);
    if (!p)
        return -1;
    js_wrapper_set_value(p, js_int(0));
    js_root_push(ctx, &rp, js_obj_value(p));
    ctx->class_proto[JS_CLASS_NUMBER] = rp.v;
    if (js_define_prop_entries(ctx, rp.v, js_number_proto_funcs,
                               (int)(sizeof js_number_proto_funcs / sizeof js_number_proto_funcs[0])) < 0)
        return -1;
    ctor = js_new_constructor(ctx, number_ctor, "Number", 1, 0, rp.v);
    if (js_is_exception(ctor))
        return -1;
    js_root_push(ctx, &rc, ctor);
    if (js_define_prop_entries(ctx, ctor, js_number_funcs,
                               (int)(sizeof js_number_funcs / sizeof js_number_funcs[0])) < 0)
        return -1;
    if (share_global_function(ctx, rc.v, "parseFloat", number_parse_float, 1) ||
        share_global_function(ctx, rc.v, "parseInt", number_parse_int, 2))
        return -1;
    js_root_pop(ctx, &rp);
    return 0;
}
