/* Abstract operations of ECMA-262 section 7 (see conv.h): type
 * conversions (ToPrimitive, ToNumber, ToString, ToPropertyKey, ...),
 * number <-> string through dtoa.c, equality and relational comparison,
 * typeof and instanceof, operations on objects, and iterator records. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "fmath/fmath.h"
#include "core.h"
#include "conv.h"
#include "bytecode.h"
#include "dtoa.h"
#include "interp.h"

/* ---- ToPrimitive ---- */

static JSValue ordinary_to_primitive(JSContext *ctx, JSValue o, JSToPrimitiveHint hint)
{
    JSAtom order[2];
    if (hint == JS_HINT_STRING) {
        order[0] = JS_ATOM_toString;
        order[1] = JS_ATOM_valueOf;
    } else {
        order[0] = JS_ATOM_valueOf;
        order[1] = JS_ATOM_toString;
    }
    JSRoot ro, rm;
    js_root_push(ctx, &ro, o);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    for (int i = 0; i < 2; i++) {
        JSValue m = js_get_property(ctx, ro.v, order[i]);
        if (js_is_exception(m))
            goto done;
        if (js_is_callable(m)) {
            rm.v = m;
            JSValue r = js_call(ctx, m, ro.v, 0, NULL);
            if (js_is_exception(r))
                goto done;
            if (!js_is_object(r)) {
                res = r;
                goto done;
            }
        }
    }
    js_throw_type_error(ctx, "Cannot convert object to primitive value");
done:
    js_root_pop(ctx, &ro);
    return res;
}

JSValue js_to_primitive(JSContext *ctx, JSValue v, JSToPrimitiveHint hint)
{
    if (!js_is_object(v))
        return v;
    JSRoot ro;
    js_root_push(ctx, &ro, v);
    JSValue res = JS_EXCEPTION;
    JSValue ex = js_get_method(ctx, v, JS_ATOM_Symbol_toPrimitive);
    if (js_is_exception(ex))
        goto done;
    if (!js_is_undefined(ex)) {
        JSAtom h = hint == JS_HINT_STRING ? JS_ATOM_string : hint == JS_HINT_NUMBER ? JS_ATOM_number : JS_ATOM_default;
        JSRoot args[1];
        JSRoot rex;
        js_root_push(ctx, &rex, ex);
        js_root_push(ctx, &args[0], js_atom_to_value(ctx, h));
        JSValue r = js_call(ctx, rex.v, ro.v, 1, &args[0].v);
        js_root_pop(ctx, &rex);
        if (js_is_exception(r))
            goto done;
        if (js_is_object(r)) {
            js_throw_type_error(ctx, "Cannot convert object to primitive value");
            goto done;
        }
        res = r;
        goto done;
    }
    res = ordinary_to_primitive(ctx, ro.v, hint == JS_HINT_DEFAULT ? JS_HINT_NUMBER : hint);
done:
    js_root_pop(ctx, &ro);
    return res;
}

/* ---- ToBoolean / ToNumber ---- */

bool js_to_boolean(JSValue v)
{
    if (js_is_int(v))
        return js_get_int(v) != 0;
    if (js_is_double(v)) {
        double d = js_get_double(v);
        return d == d && d != 0;
    }
    switch (js_tag(v)) {
    case JS_TAG_SPECIAL:
        return v == JS_TRUE;
    case JS_TAG_STRING:
        return js_string_len(v) != 0;
    case JS_TAG_SYMBOL:
        return true;
    case JS_TAG_BIGINT:
        return !(((GCHeader *)js_get_ptr(v))->flags & JS_BIGINT_FLAG_ZERO);
    case JS_TAG_OBJECT:
        return !(JS_VALUE_GET_OBJ(v)->h.flags & JS_OBJ_HTMLDDA);
    default:
        return true;
    }
}

static bool is_str_ws(uint32_t c)
{
    switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20:
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

double js_string_to_number(JSContext *ctx, JSValue str)
{
    JSString *p = js_string_flatten(ctx, str);
    if (!p) {
        js_get_exception(ctx);
        return NAN;
    }
    uint32_t start = 0, end = p->len;
    while (start < end && is_str_ws(js_flat_char(p, start)))
        start++;
    while (end > start && is_str_ws(js_flat_char(p, end - 1)))
        end--;
    if (start == end)
        return 0;
    uint32_t n = end - start;
    char local[128];
    char *buf = local;
    if (n >= sizeof local) {
        buf = malloc(n + 1);
        if (!buf)
            return NAN;
    }
    double res = NAN;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = js_flat_char(p, start + i);
        if (c >= 0x80)
            goto out;
        buf[i] = (char)c;
    }
    buf[n] = 0;
    if (n >= 3 && (buf[0] == '+' || buf[0] == '-') && buf[1] == '0' &&
        (buf[2] == 'x' || buf[2] == 'X' || buf[2] == 'o' || buf[2] == 'O' || buf[2] == 'b' || buf[2] == 'B'))
        goto out;
    size_t used = 0;
    double d = js_atod(buf, n, &used, JS_ATOD_INT_PREFIX | JS_ATOD_INFINITY | JS_ATOD_SIGN);
    if (used == n)
        res = d;
out:
    if (buf != local)
        free(buf);
    return res;
}

int js_to_number(JSContext *ctx, double *out, JSValue v)
{
    for (;;) {
        if (js_is_int(v)) {
            *out = js_get_int(v);
            return 0;
        }
        if (js_is_double(v)) {
            *out = js_get_double(v);
            return 0;
        }
        switch (js_tag(v)) {
        case JS_TAG_SPECIAL:
            if (v == JS_UNDEFINED)
                *out = NAN;
            else if (v == JS_NULL || v == JS_FALSE)
                *out = 0;
            else if (v == JS_TRUE)
                *out = 1;
            else
                *out = NAN;
            return 0;
        case JS_TAG_STRING:
            *out = js_string_to_number(ctx, v);
            return 0;
        case JS_TAG_SYMBOL:
            js_throw_type_error(ctx, "Cannot convert a Symbol value to a number");
            return -1;
        case JS_TAG_BIGINT:
            js_throw_type_error(ctx, "Cannot convert a BigInt value to a number");
            return -1;
        case JS_TAG_OBJECT:
            v = js_to_primitive(ctx, v, JS_HINT_NUMBER);
            if (js_is_exception(v))
                return -1;
            continue;
        default:
            *out = NAN;
            return 0;
        }
    }
}

JSValue js_to_numeric(JSContext *ctx, JSValue v)
{
    if (js_is_number(v) || js_is_bigint(v))
        return v;
    v = js_to_primitive(ctx, v, JS_HINT_NUMBER);
    if (js_is_exception(v) || js_is_bigint(v))
        return v;
    double d;
    if (js_to_number(ctx, &d, v) < 0)
        return JS_EXCEPTION;
    return js_number(d);
}

int32_t js_double_to_int32(double d)
{
    if (d >= -2147483648.0 && d <= 2147483647.0)
        return (int32_t)d;
    /* |d| >= 2^31, infinite or NaN: from the bits. |d| is mant * 2^e with
     * e >= -21 here, so the shift drops the fraction (truncation) and the
     * cast keeps the value modulo 2^32; e >= 32 leaves no low bits. */
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int biased = (int)((bits >> 52) & 0x7ff);
    int e = biased - 1075;
    if (biased == 0x7ff || e >= 32)
        return 0;
    uint64_t mant = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    uint32_t m = e >= 0 ? (uint32_t)(mant << e) : (uint32_t)(mant >> -e);
    return (int32_t)((bits >> 63) ? 0u - m : m);
}

int js_to_int32(JSContext *ctx, int32_t *out, JSValue v)
{
    if (js_is_int(v)) {
        *out = js_get_int(v);
        return 0;
    }
    double d;
    if (js_to_number(ctx, &d, v) < 0)
        return -1;
    *out = js_double_to_int32(d);
    return 0;
}

int js_to_uint32(JSContext *ctx, uint32_t *out, JSValue v)
{
    int32_t i;
    if (js_to_int32(ctx, &i, v) < 0)
        return -1;
    *out = (uint32_t)i;
    return 0;
}

int js_to_int_or_infinity(JSContext *ctx, double *out, JSValue v)
{
    if (js_is_int(v)) {
        *out = js_get_int(v);
        return 0;
    }
    double d;
    if (js_to_number(ctx, &d, v) < 0)
        return -1;
    if (d != d || d == 0)
        d = 0;
    else if (isfinite(d))
        d = js_trunc(d) + 0.0;   /* + 0.0 turns -0 into +0 */
    *out = d;
    return 0;
}

#define MAX_SAFE_INTEGER 9007199254740991.0

int js_to_length(JSContext *ctx, int64_t *out, JSValue v)
{
    if (js_is_int(v)) {
        int32_t i = js_get_int(v);
        *out = i < 0 ? 0 : i;
        return 0;
    }
    double d;
    if (js_to_int_or_infinity(ctx, &d, v) < 0)
        return -1;
    if (d <= 0)
        *out = 0;
    else if (d >= MAX_SAFE_INTEGER)
        *out = (int64_t)MAX_SAFE_INTEGER;
    else
        *out = (int64_t)d;
    return 0;
}

int js_to_index(JSContext *ctx, uint64_t *out, JSValue v)
{
    if (js_is_undefined(v)) {
        *out = 0;
        return 0;
    }
    double d;
    if (js_to_int_or_infinity(ctx, &d, v) < 0)
        return -1;
    if (d < 0 || d > MAX_SAFE_INTEGER) {
        js_throw_range_error(ctx, "invalid index");
        return -1;
    }
    *out = (uint64_t)d;
    return 0;
}

/* ---- number to string ---- */

JSValue js_int_to_string(JSContext *ctx, int32_t i)
{
    if (i >= 0 && i < 10)
        return js_new_string_char(ctx, (uint16_t)('0' + i));
    char buf[16];
    char *p = buf + sizeof buf;
    uint32_t u = i < 0 ? (uint32_t)0 - (uint32_t)i : (uint32_t)i;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0)
        *--p = '-';
    return js_new_string_latin1(ctx, (const uint8_t *)p, (size_t)(buf + sizeof buf - p));
}

JSValue js_number_to_string(JSContext *ctx, double d)
{
    if (d >= -2147483648.0 && d <= 2147483647.0 && d == (int32_t)d)
        return js_int_to_string(ctx, (int32_t)d);   /* -0 prints as "0" too */
    if (d != d)
        return js_atom_to_value(ctx, JS_ATOM_NaN);
    char buf[JS_DTOA_BUF];
    int n = js_dtoa(d, buf);
    return js_new_string_latin1(ctx, (const uint8_t *)buf, (size_t)n);
}

/* ---- ToString and friends ---- */

JSValue js_to_string(JSContext *ctx, JSValue v)
{
    for (;;) {
        if (js_is_string(v))
            return v;
        if (js_is_int(v))
            return js_int_to_string(ctx, js_get_int(v));
        if (js_is_double(v))
            return js_number_to_string(ctx, js_get_double(v));
        switch (js_tag(v)) {
        case JS_TAG_SPECIAL:
            switch (v) {
            case JS_UNDEFINED: return js_atom_to_value(ctx, JS_ATOM_undefined);
            case JS_NULL: return js_atom_to_value(ctx, JS_ATOM_null);
            case JS_TRUE: return js_atom_to_value(ctx, JS_ATOM_true);
            case JS_FALSE: return js_atom_to_value(ctx, JS_ATOM_false);
            default: return js_atom_to_value(ctx, JS_ATOM_empty_string);
            }
        case JS_TAG_SYMBOL:
            return js_throw_type_error(ctx, "Cannot convert a Symbol value to a string");
        case JS_TAG_BIGINT:
            if (!ctx->rt->bigint_ops)
                return js_throw_type_error(ctx, "BigInt is not supported");
            return ctx->rt->bigint_ops->to_string(ctx, v);
        case JS_TAG_OBJECT:
            v = js_to_primitive(ctx, v, JS_HINT_STRING);
            if (js_is_exception(v))
                return v;
            continue;
        default:
            return js_atom_to_value(ctx, JS_ATOM_empty_string);
        }
    }
}

JSValue js_to_string_for_display(JSContext *ctx, JSValue v)
{
    if (js_is_symbol(v)) {
        JSValue d = JS_VALUE_GET_SYMBOL(v)->description;
        StringBuffer sb;
        js_sb_init(ctx, &sb, 16);
        js_sb_put_cstr(&sb, "Symbol(");
        if (js_is_string(d))
            js_sb_put_string(&sb, d);
        js_sb_putc(&sb, ')');
        return js_sb_finish(&sb);
    }
    if (js_is_object(v)) {
        JSObject *o = JS_VALUE_GET_OBJ(v);
        const JSClass *c = ctx->rt->classes[o->h.aux];
        if (o->h.flags & JS_OBJ_CALLABLE)
            return js_new_string_cstr(ctx, "[function]");
        return js_new_string_fmt(ctx, "[object %s]", c && c->name ? c->name : "Object");
    }
    return js_to_string(ctx, v);
}

JSValue js_to_object(JSContext *ctx, JSValue v)
{
    if (js_is_object(v))
        return v;
    if (js_is_nullish(v))
        return js_throw_type_error(ctx, "Cannot convert undefined or null to object");
    JSClassID id;
    if (js_is_number(v))
        id = JS_CLASS_NUMBER;
    else if (js_is_string(v))
        id = JS_CLASS_STRING;
    else if (js_is_bool(v))
        id = JS_CLASS_BOOLEAN;
    else if (js_is_symbol(v))
        id = JS_CLASS_SYMBOL;
    else if (js_is_bigint(v))
        id = JS_CLASS_BIGINT;
    else
        return js_throw_type_error(ctx, "cannot convert value to object");
    return js_new_primitive_wrapper(ctx, id, v);
}

JSAtom js_value_to_atom(JSContext *ctx, JSValue key)
{
    if (js_is_int(key) && js_get_int(key) >= 0)
        return js_atom_from_uint((uint32_t)js_get_int(key));
    if (js_is_string(key))
        return js_atom_from_string(ctx, key);
    if (js_is_symbol(key))
        return JS_VALUE_GET_SYMBOL(key)->h.aux;
    JSValue s = js_to_string(ctx, key);
    if (js_is_exception(s))
        return JS_ATOM_NULL;
    return js_atom_from_string(ctx, s);
}

JSAtom js_to_property_key(JSContext *ctx, JSValue v)
{
    if (js_is_int(v) && js_get_int(v) >= 0)
        return js_atom_from_uint((uint32_t)js_get_int(v));
    if (js_is_string(v))
        return js_atom_from_string(ctx, v);
    if (js_is_symbol(v))
        return JS_VALUE_GET_SYMBOL(v)->h.aux;
    JSValue p = js_to_primitive(ctx, v, JS_HINT_STRING);
    if (js_is_exception(p))
        return JS_ATOM_NULL;
    if (js_is_symbol(p))
        return JS_VALUE_GET_SYMBOL(p)->h.aux;
    JSValue s = js_to_string(ctx, p);
    if (js_is_exception(s))
        return JS_ATOM_NULL;
    return js_atom_from_string(ctx, s);
}

/* ---- equality ---- */

static bool bigint_equal(JSContext *ctx, JSValue a, JSValue b)
{
    const JSBigIntOps *ops = ctx->rt->bigint_ops;
    return a == b || (ops && ops->compare(a, b) == 0);
}

bool js_strict_equals(JSContext *ctx, JSValue a, JSValue b)
{
    if (js_is_number(a) && js_is_number(b))
        return js_number_value(a) == js_number_value(b);
    if (js_is_string(a) && js_is_string(b))
        return js_string_equal(ctx, a, b);
    if (js_is_bigint(a) && js_is_bigint(b))
        return bigint_equal(ctx, a, b);
    return a == b;
}

bool js_same_value(JSContext *ctx, JSValue a, JSValue b)
{
    if (js_is_number(a) && js_is_number(b)) {
        double x = js_number_value(a), y = js_number_value(b);
        if (x != x)
            return y != y;
        if (x == 0 && y == 0)
            return signbit(x) == signbit(y);
        return x == y;
    }
    return js_strict_equals(ctx, a, b);
}

bool js_same_value_zero(JSContext *ctx, JSValue a, JSValue b)
{
    if (js_is_number(a) && js_is_number(b)) {
        double x = js_number_value(a), y = js_number_value(b);
        if (x != x)
            return y != y;
        return x == y;
    }
    return js_strict_equals(ctx, a, b);
}

static int bigint_cmp_number(JSContext *ctx, JSValue big, double d)
{
    return ctx->rt->bigint_ops->compare_number(big, d);
}

/* Type(a) is Type(b) (numbers of either representation are one type). */
static bool same_type(JSValue a, JSValue b)
{
    if (js_is_number(a) || js_is_number(b))
        return js_is_number(a) && js_is_number(b);
    if (js_tag(a) != js_tag(b))
        return false;
    if (js_tag(a) == JS_TAG_SPECIAL)
        return a == b || (js_is_bool(a) && js_is_bool(b));
    return true;
}

int js_loose_equals(JSContext *ctx, JSValue a, JSValue b)
{
    JSRoot ra, rb;
    js_root_push(ctx, &ra, a);
    js_root_push(ctx, &rb, b);
    int res = -1;
    for (;;) {
        a = ra.v;
        b = rb.v;
        if (same_type(a, b)) {
            res = js_strict_equals(ctx, a, b);
            break;
        }
        if (js_is_nullish(a) && js_is_nullish(b)) {
            res = 1;
            break;
        }
        if ((js_is_object(a) && (JS_VALUE_GET_OBJ(a)->h.flags & JS_OBJ_HTMLDDA) && js_is_nullish(b)) ||
            (js_is_object(b) && (JS_VALUE_GET_OBJ(b)->h.flags & JS_OBJ_HTMLDDA) && js_is_nullish(a))) {
            res = 1;
            break;
        }
        if (js_is_number(a) && js_is_string(b)) {
            res = js_number_value(a) == js_string_to_number(ctx, b);
            break;
        }
        if (js_is_string(a) && js_is_number(b)) {
            res = js_string_to_number(ctx, a) == js_number_value(b);
            break;
        }
        if ((js_is_bigint(a) && js_is_string(b)) || (js_is_string(a) && js_is_bigint(b))) {
            JSValue big = js_is_bigint(a) ? a : b, str = js_is_bigint(a) ? b : a;
            JSValue n = ctx->rt->bigint_ops->from_string(ctx, str);
            if (js_is_exception(n))
                break;
            res = js_is_undefined(n) ? 0 : bigint_equal(ctx, big, n);
            break;
        }
        if (js_is_bool(a)) {
            ra.v = js_int(js_get_bool(a));
            continue;
        }
        if (js_is_bool(b)) {
            rb.v = js_int(js_get_bool(b));
            continue;
        }
        if (js_is_object(a) && !js_is_object(b) && !js_is_nullish(b)) {
            JSValue p = js_to_primitive(ctx, a, JS_HINT_DEFAULT);
            if (js_is_exception(p))
                break;
            ra.v = p;
            continue;
        }
        if (js_is_object(b) && !js_is_object(a) && !js_is_nullish(a)) {
            JSValue p = js_to_primitive(ctx, b, JS_HINT_DEFAULT);
            if (js_is_exception(p))
                break;
            rb.v = p;
            continue;
        }
        if ((js_is_bigint(a) && js_is_number(b)) || (js_is_number(a) && js_is_bigint(b))) {
            JSValue big = js_is_bigint(a) ? a : b;
            double d = js_number_value(js_is_bigint(a) ? b : a);
            res = (d == d && isfinite(d)) ? bigint_cmp_number(ctx, big, d) == 0 : 0;
            break;
        }
        res = 0;
        break;
    }
    js_root_pop(ctx, &ra);
    return res;
}

JSAtom js_typeof_atom(JSValue v)
{
    if (js_is_number(v))
        return JS_ATOM_number;
    switch (js_tag(v)) {
    case JS_TAG_SPECIAL:
        if (v == JS_UNDEFINED)
            return JS_ATOM_undefined;
        if (v == JS_NULL)
            return JS_ATOM_object;
        if (js_is_bool(v))
            return JS_ATOM_boolean;
        return JS_ATOM_undefined;
    case JS_TAG_STRING:
        return JS_ATOM_string;
    case JS_TAG_SYMBOL:
        return JS_ATOM_symbol;
    case JS_TAG_BIGINT:
        return JS_ATOM_bigint;
    case JS_TAG_OBJECT: {
        JSObject *o = JS_VALUE_GET_OBJ(v);
        if (o->h.flags & JS_OBJ_HTMLDDA)
            return JS_ATOM_undefined;
        return (o->h.flags & JS_OBJ_CALLABLE) ? JS_ATOM_function : JS_ATOM_object;
    }
    default:
        return JS_ATOM_undefined;
    }
}

/* ---- relational comparison ---- */

int js_less_than(JSContext *ctx, JSValue a, JSValue b, bool left_first)
{
    JSRoot ra, rb;
    js_root_push(ctx, &ra, a);
    js_root_push(ctx, &rb, b);
    int res = -1;
    if (left_first) {
        ra.v = js_to_primitive(ctx, ra.v, JS_HINT_NUMBER);
        if (js_is_exception(ra.v))
            goto done;
        rb.v = js_to_primitive(ctx, rb.v, JS_HINT_NUMBER);
        if (js_is_exception(rb.v))
            goto done;
    } else {
        rb.v = js_to_primitive(ctx, rb.v, JS_HINT_NUMBER);
        if (js_is_exception(rb.v))
            goto done;
        ra.v = js_to_primitive(ctx, ra.v, JS_HINT_NUMBER);
        if (js_is_exception(ra.v))
            goto done;
    }
    a = ra.v;
    b = rb.v;
    if (js_is_string(a) && js_is_string(b)) {
        res = js_string_compare(ctx, a, b) < 0;
        goto done;
    }
    const JSBigIntOps *ops = ctx->rt->bigint_ops;
    if (js_is_bigint(a) && js_is_string(b)) {
        JSValue n = ops->from_string(ctx, b);
        if (js_is_exception(n))
            goto done;
        res = js_is_undefined(n) ? 0 : ops->compare(a, n) < 0;
        goto done;
    }
    if (js_is_string(a) && js_is_bigint(b)) {
        JSValue n = ops->from_string(ctx, a);
        if (js_is_exception(n))
            goto done;
        res = js_is_undefined(n) ? 0 : ops->compare(n, b) < 0;
        goto done;
    }
    ra.v = js_to_numeric(ctx, a);
    if (js_is_exception(ra.v))
        goto done;
    rb.v = js_to_numeric(ctx, b);
    if (js_is_exception(rb.v))
        goto done;
    a = ra.v;
    b = rb.v;
    if (js_is_number(a) && js_is_number(b)) {
        res = js_number_value(a) < js_number_value(b);
    } else if (js_is_bigint(a) && js_is_bigint(b)) {
        res = ops->compare(a, b) < 0;
    } else if (js_is_bigint(a)) {
        double d = js_number_value(b);
        res = d != d ? 0 : ops->compare_number(a, d) < 0;
    } else {
        double d = js_number_value(a);
        res = d != d ? 0 : ops->compare_number(b, d) > 0;
    }
done:
    js_root_pop(ctx, &ra);
    return res;
}

/* ---- instanceof ---- */

int js_ordinary_has_instance(JSContext *ctx, JSValue c, JSValue o)
{
    if (!js_is_callable(c))
        return 0;
    JSObject *co = JS_VALUE_GET_OBJ(c);
    const JSClass *cls = ctx->rt->classes[co->h.aux];
    if (cls && cls->bound_target)
        return js_instanceof(ctx, o, cls->bound_target(co));
    if (!js_is_object(o))
        return 0;
    JSRoot ro;
    js_root_push(ctx, &ro, o);
    int res = -1;
    JSValue p = js_get_property(ctx, c, JS_ATOM_prototype);
    if (js_is_exception(p))
        goto done;
    if (!js_is_object(p)) {
        js_throw_type_error(ctx, "function has non-object prototype in instanceof check");
        goto done;
    }
    JSRoot rp;
    js_root_push(ctx, &rp, p);
    JSValue cur = ro.v;
    for (;;) {
        cur = js_get_prototype_of(ctx, cur);
        if (js_is_exception(cur))
            break;
        if (!js_is_object(cur)) {
            res = 0;
            break;
        }
        if (cur == rp.v) {
            res = 1;
            break;
        }
        ro.v = cur;
    }
done:
    js_root_pop(ctx, &ro);
    return res;
}

int js_instanceof(JSContext *ctx, JSValue v, JSValue target)
{
    if (!js_is_object(target)) {
        js_throw_type_error(ctx, "Right-hand side of 'instanceof' is not an object");
        return -1;
    }
    if (js_check_stack_overflow(ctx))
        return -1;
    JSRoot rv, rt;
    js_root_push(ctx, &rv, v);
    js_root_push(ctx, &rt, target);
    int res = -1;
    JSValue h = js_get_method(ctx, target, JS_ATOM_Symbol_hasInstance);
    if (js_is_exception(h))
        goto done;
    if (!js_is_undefined(h)) {
        JSValue r = js_call(ctx, h, rt.v, 1, &rv.v);
        if (!js_is_exception(r))
            res = js_to_boolean(r);
        goto done;
    }
    if (!js_is_callable(rt.v)) {
        js_throw_type_error(ctx, "Right-hand side of 'instanceof' is not callable");
        goto done;
    }
    res = js_ordinary_has_instance(ctx, rt.v, rv.v);
done:
    js_root_pop(ctx, &rv);
    return res;
}

bool js_is_integral_number(JSValue v)
{
    if (js_is_int(v))
        return true;
    if (!js_is_double(v))
        return false;
    double d = js_get_double(v);
    return isfinite(d) && js_trunc(d) == d;
}

bool js_is_regexp(JSContext *ctx, JSValue v, int *err)
{
    *err = 0;
    if (!js_is_object(v))
        return false;
    JSRoot r;
    js_root_push(ctx, &r, v);
    JSValue m = js_get_property(ctx, v, JS_ATOM_Symbol_match);
    js_root_pop(ctx, &r);
    if (js_is_exception(m)) {
        *err = 1;
        return false;
    }
    if (!js_is_undefined(m))
        return js_to_boolean(m);
    return js_object_is_class(v, JS_CLASS_REGEXP);
}

/* ---- operations on objects ---- */

JSValue js_get_method(JSContext *ctx, JSValue v, JSAtom prop)
{
    JSRoot ra;
    js_root_push_atom(ctx, &ra, prop);
    JSValue f = js_get_property(ctx, v, prop);
    js_root_pop(ctx, &ra);
    if (js_is_exception(f) || js_is_nullish(f))
        return js_is_exception(f) ? f : JS_UNDEFINED;
    if (!js_is_callable(f))
        return js_throw_type_error_atom(ctx, "property '%s' is not a function", prop);
    return f;
}

int js_length_of_array_like(JSContext *ctx, int64_t *out, JSValue obj)
{
    if (js_is_object(obj) && JS_VALUE_GET_OBJ(obj)->h.aux == JS_CLASS_ARRAY) {
        *out = (int64_t)js_number_value(JS_VALUE_GET_OBJ(obj)->slots[0]);
        return 0;
    }
    JSValue l = js_get_property(ctx, obj, JS_ATOM_length);
    if (js_is_exception(l))
        return -1;
    return js_to_length(ctx, out, l);
}

JSValue js_species_constructor(JSContext *ctx, JSValue obj, JSValue default_ctor)
{
    JSRoot rd;
    js_root_push(ctx, &rd, default_ctor);
    JSValue res = JS_EXCEPTION;
    JSValue c = js_get_property(ctx, obj, JS_ATOM_constructor);
    if (js_is_exception(c))
        goto done;
    if (js_is_undefined(c)) {
        res = rd.v;
        goto done;
    }
    if (!js_is_object(c)) {
        js_throw_type_error(ctx, "object.constructor is not an object");
        goto done;
    }
    JSValue s = js_get_property(ctx, c, JS_ATOM_Symbol_species);
    if (js_is_exception(s))
        goto done;
    if (js_is_nullish(s)) {
        res = rd.v;
        goto done;
    }
    if (js_is_constructor(s)) {
        res = s;
        goto done;
    }
    js_throw_type_error(ctx, "object.constructor[Symbol.species] is not a constructor");
done:
    js_root_pop(ctx, &rd);
    return res;
}

JSValueArray *js_create_list_from_array_like(JSContext *ctx, JSValue obj)
{
    if (!js_is_object(obj)) {
        js_throw_type_error(ctx, "CreateListFromArrayLike called on non-object");
        return NULL;
    }
    JSRoot ro;
    js_root_push(ctx, &ro, obj);
    JSValueArray *list = NULL;
    int64_t len;
    if (js_length_of_array_like(ctx, &len, obj) < 0)
        goto done;
    if (len > 65535 * 16) {
        js_throw_range_error(ctx, "too many arguments");
        goto done;
    }
    list = js_value_array_new(ctx, (uint32_t)len);
    if (!list)
        goto done;
    JSRoot rl;
    js_root_push(ctx, &rl, js_mkptr(JS_TAG_CELL, list));
    for (int64_t i = 0; i < len; i++) {
        JSValue v = js_get_index(ctx, ro.v, i);
        if (js_is_exception(v)) {
            list = NULL;
            break;
        }
        list->values[i] = v;
    }
done:
    js_root_pop(ctx, &ro);
    return list;
}

JSContext *js_get_function_realm(JSContext *ctx, JSValue func)
{
    if (!js_is_object(func))
        return ctx;
    JSObject *o = JS_VALUE_GET_OBJ(func);
    if (o->h.aux == JS_CLASS_C_FUNCTION)
        return ((JSCFunctionObject *)o)->realm;
    if (o->h.aux == JS_CLASS_FUNCTION)
        return ((JSFunction *)o)->realm;
    const JSClass *c = ctx->rt->classes[o->h.aux];
    if (c && c->get_realm)
        return c->get_realm(ctx, o);
    return ctx;
}

/* ---- iterators ---- */

int js_get_iterator_from_method(JSContext *ctx, JSValue obj, JSValue method, JSIteratorRecord *rec)
{
    rec->iterator = JS_UNDEFINED;
    rec->next = JS_UNDEFINED;
    rec->done = true;
    JSValue it = js_call(ctx, method, obj, 0, NULL);
    if (js_is_exception(it))
        return -1;
    if (!js_is_object(it)) {
        js_throw_type_error(ctx, "iterator is not an object");
        return -1;
    }
    JSRoot ri;
    js_root_push(ctx, &ri, it);
    JSValue next = js_get_property(ctx, it, JS_ATOM_next);
    js_root_pop(ctx, &ri);
    if (js_is_exception(next))
        return -1;
    rec->iterator = it;
    rec->next = next;
    rec->done = false;
    return 0;
}

int js_get_iterator(JSContext *ctx, JSValue obj, JSIteratorRecord *rec)
{
    rec->iterator = rec->next = JS_UNDEFINED;
    rec->done = true;
    JSRoot ro;
    js_root_push(ctx, &ro, obj);
    int ret = -1;
    /* GetMethod(obj, @@iterator), with every TypeError worded "x is not
       iterable" (interp_errors.c names the expression) */
    if (js_is_nullish(obj)) {
        js_throw_not_iterable(ctx, obj);
        goto done;
    }
    JSValue m = js_get_property(ctx, obj, JS_ATOM_Symbol_iterator);
    if (js_is_exception(m))
        goto done;
    if (js_is_nullish(m) || !js_is_callable(m)) {
        js_throw_not_iterable(ctx, ro.v);
        goto done;
    }
    JSRoot rm;
    js_root_push(ctx, &rm, m);
    ret = js_get_iterator_from_method(ctx, ro.v, rm.v, rec);
done:
    js_root_pop(ctx, &ro);
    return ret;
}

int js_iterator_step_value(JSContext *ctx, JSIteratorRecord *rec, JSValue *value)
{
    JSValue r = js_call(ctx, rec->next, rec->iterator, 0, NULL);
    if (js_is_exception(r))
        goto error;
    if (!js_is_object(r)) {
        js_throw_type_error(ctx, "iterator result is not an object");
        goto error;
    }
    JSRoot rr;
    js_root_push(ctx, &rr, r);
    JSValue d = js_get_property(ctx, r, JS_ATOM_done);
    if (js_is_exception(d)) {
        js_root_pop(ctx, &rr);
        goto error;
    }
    if (js_to_boolean(d)) {
        js_root_pop(ctx, &rr);
        rec->done = true;
        return 0;
    }
    JSValue v = js_get_property(ctx, rr.v, JS_ATOM_value);
    js_root_pop(ctx, &rr);
    if (js_is_exception(v))
        goto error;
    *value = v;
    return 1;
error:
    rec->done = true;
    return -1;
}

int js_iterator_close(JSContext *ctx, JSValue iterator, bool is_throw)
{
    JSRoot ri, rex;
    js_root_push(ctx, &ri, iterator);
    js_root_push(ctx, &rex, JS_UNDEFINED);
    int ret = -1;
    if (is_throw) {
        rex.v = js_get_exception(ctx);
        JSValue m = js_get_method(ctx, ri.v, JS_ATOM_return);
        if (!js_is_exception(m) && !js_is_undefined(m))
            js_call(ctx, m, ri.v, 0, NULL);
        js_get_exception(ctx);  /* errors of return() are ignored */
        js_throw(ctx, rex.v);
        goto done;
    }
    JSValue m = js_get_method(ctx, ri.v, JS_ATOM_return);
    if (js_is_exception(m))
        goto done;
    if (js_is_undefined(m)) {
        ret = 0;
        goto done;
    }
    JSValue r = js_call(ctx, m, ri.v, 0, NULL);
    if (js_is_exception(r))
        goto done;
    if (!js_is_object(r)) {
        js_throw_type_error(ctx, "iterator return() result is not an object");
        goto done;
    }
    ret = 0;
done:
    js_root_pop(ctx, &ri);
    return ret;
}

JSValue js_create_iter_result(JSContext *ctx, JSValue value, bool done)
{
    JSRoot rv;
    js_root_push(ctx, &rv, value);
    JSValue o = js_new_object(ctx);
    if (!js_is_exception(o)) {
        JSObject *p = JS_VALUE_GET_OBJ(o);
        JSRoot ro;
        js_root_push(ctx, &ro, o);
        if (js_object_add_property(ctx, p, JS_ATOM_value, JS_PROP_C_W_E, rv.v) < 0 ||
            js_object_add_property(ctx, p, JS_ATOM_done, JS_PROP_C_W_E, js_bool(done)) < 0)
            o = JS_EXCEPTION;
    }
    js_root_pop(ctx, &rv);
    return o;
}
