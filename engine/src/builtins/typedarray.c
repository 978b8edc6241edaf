/* Typed arrays (ECMA-262 23.2): element conversions (Float16 included),
 * the integer-indexed exotic object internal methods, bounds rules for
 * views on resizable buffers, the %TypedArray% intrinsic with from/of,
 * the twelve concrete constructors, the prototype accessors, set and
 * subarray, and js_init_typed_arrays. The other prototype methods are in
 * typedarray_proto.c, DataView in dataview.c. */
#include <math.h>
#include <string.h>
#include "../fmath/fmath.h"
#include "typedarray.h"
#include "array.h"
#include "object_util.h"
#include "../conv.h"
#include "../dtoa.h"
#include "../shape.h"

#define COUNTOF(a) ((int)(sizeof(a) / sizeof((a)[0])))

const uint8_t js_ta_size_log2[JS_TA_TYPE_COUNT] = {
    0, 0, 0, 1, 1, 2, 2, 3, 3, 1, 2, 3,
};

/* ---- BigInt fallbacks (replaced by bigint.c) ---- */

__attribute__((weak)) int js_to_bigint64(JSContext *ctx, int64_t *out, JSValue v)
{
    *out = 0;
    js_throw_type_error(ctx, "BigInt is not supported");
    return -1;
}

__attribute__((weak)) int js_to_biguint64(JSContext *ctx, uint64_t *out, JSValue v)
{
    *out = 0;
    js_throw_type_error(ctx, "BigInt is not supported");
    return -1;
}

__attribute__((weak)) JSValue js_bigint_from_int64(JSContext *ctx, int64_t v)
{
    return js_throw_type_error(ctx, "BigInt is not supported");
}

__attribute__((weak)) JSValue js_bigint_from_uint64(JSContext *ctx, uint64_t v)
{
    return js_throw_type_error(ctx, "BigInt is not supported");
}

/* ---- Float16 ---- */

uint16_t js_f64_to_f16(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    uint16_t sign = (uint16_t)((b >> 48) & 0x8000);
    int e = (int)((b >> 52) & 0x7ff);
    uint64_t m = b & ((1ull << 52) - 1);
    if (e == 0x7ff)
        return sign | 0x7c00 | (m ? 0x200 : 0);
    if (e == 0)
        return sign;            /* zero or a double subnormal: rounds to 0 */
    int ue = e - 1023;
    if (ue >= 16)
        return sign | 0x7c00;
    if (ue >= -14) {
        /* normal half: keep 10 mantissa bits, round the 42 dropped bits */
        uint64_t keep = m >> 42, rem = m & ((1ull << 42) - 1), half = 1ull << 41;
        if (rem > half || (rem == half && (keep & 1)))
            keep++;
        uint32_t h = ((uint32_t)(ue + 15) << 10) + (uint32_t)keep; /* a carry bumps the exponent */
        return sign | (uint16_t)h;
    }
    /* subnormal half: value / 2^-24 = M * 2^(ue - 28) with M the 53-bit significand */
    uint64_t M = m | (1ull << 52);
    int shift = 28 - ue;
    if (shift >= 64)
        return sign;
    uint64_t keep = M >> shift, rem = M & ((1ull << shift) - 1), half = 1ull << (shift - 1);
    if (rem > half || (rem == half && (keep & 1)))
        keep++;
    return sign | (uint16_t)keep;
}

double js_f16_to_f64(uint16_t h)
{
    int e = (h >> 10) & 0x1f;
    int m = h & 0x3ff;
    double v;
    if (e == 0)
        v = ldexp((double)m, -24);
    else if (e == 31)
        v = m ? NAN : INFINITY;
    else
        v = ldexp((double)(m + 1024), e - 25);
    return (h & 0x8000) ? -v : v;
}

/* ---- element conversions ---- */

static uint8_t to_uint8_clamp(double d)
{
    if (!(d > 0))
        return 0;       /* also NaN */
    if (d >= 255)
        return 255;
    double f = js_floor(d);
    if (f + 0.5 < d)
        return (uint8_t)(f + 1);
    if (d < f + 0.5)
        return (uint8_t)f;
    return ((uint8_t)f & 1) ? (uint8_t)(f + 1) : (uint8_t)f;
}

uint64_t js_ta_number_to_raw(JSTypedArrayType t, double d)
{
    switch (t) {
    case JS_TA_UINT8C:
        return to_uint8_clamp(d);
    case JS_TA_FLOAT16:
        return js_f64_to_f16(d);
    case JS_TA_FLOAT32: {
        float f = (float)d;
        uint32_t u;
        memcpy(&u, &f, sizeof u);
        return u;
    }
    case JS_TA_FLOAT64: {
        uint64_t u;
        memcpy(&u, &d, sizeof u);
        return u;
    }
    default:
        return (uint32_t)js_double_to_int32(d);
    }
}

void js_ta_store_raw(JSTypedArrayType t, uint8_t *p, uint64_t raw)
{
    switch (js_ta_size_log2[t]) {
    case 0: *p = (uint8_t)raw; break;
    case 1: { uint16_t v = (uint16_t)raw; memcpy(p, &v, 2); break; }
    case 2: { uint32_t v = (uint32_t)raw; memcpy(p, &v, 4); break; }
    default: memcpy(p, &raw, 8); break;
    }
}

static uint64_t load_raw(JSTypedArrayType t, const uint8_t *p)
{
    switch (js_ta_size_log2[t]) {
    case 0: return *p;
    case 1: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 2: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

/* The numeric value of a raw element of a Number type. Pure. */
static double raw_to_double(JSTypedArrayType t, uint64_t raw)
{
    switch (t) {
    case JS_TA_INT8: return (int8_t)raw;
    case JS_TA_UINT8: case JS_TA_UINT8C: return (uint8_t)raw;
    case JS_TA_INT16: return (int16_t)raw;
    case JS_TA_UINT16: return (uint16_t)raw;
    case JS_TA_INT32: return (int32_t)raw;
    case JS_TA_UINT32: return (uint32_t)raw;
    case JS_TA_FLOAT16: return js_f16_to_f64((uint16_t)raw);
    case JS_TA_FLOAT32: { uint32_t u = (uint32_t)raw; float f; memcpy(&f, &u, 4); return f; }
    case JS_TA_FLOAT64: { double d; memcpy(&d, &raw, 8); return d; }
    case JS_TA_BIGINT64: return (double)(int64_t)raw;
    default: return (double)raw;
    }
}

/* Element of a Number type as a JS value, without allocation. */
static JSValue raw_to_number_value(JSTypedArrayType t, uint64_t raw)
{
    switch (t) {
    case JS_TA_INT8: return js_int((int8_t)raw);
    case JS_TA_UINT8: case JS_TA_UINT8C: return js_int((uint8_t)raw);
    case JS_TA_INT16: return js_int((int16_t)raw);
    case JS_TA_UINT16: return js_int((uint16_t)raw);
    case JS_TA_INT32: return js_int((int32_t)raw);
    default: return js_number(raw_to_double(t, raw));
    }
}

JSValue js_ta_load(JSContext *ctx, JSTypedArrayType t, const uint8_t *p)
{
    uint64_t raw = load_raw(t, p);
    if (t == JS_TA_BIGINT64)
        return js_bigint_from_int64(ctx, (int64_t)raw);
    if (t == JS_TA_BIGUINT64)
        return js_bigint_from_uint64(ctx, raw);
    return raw_to_number_value(t, raw);
}

int js_ta_value_to_raw(JSContext *ctx, JSTypedArrayType t, JSValue v, uint64_t *raw)
{
    if (t == JS_TA_BIGINT64) {
        int64_t i;
        if (js_to_bigint64(ctx, &i, v) < 0)
            return -1;
        *raw = (uint64_t)i;
        return 0;
    }
    if (t == JS_TA_BIGUINT64)
        return js_to_biguint64(ctx, raw, v);
    double d;
    if (js_is_int(v)) {
        d = js_get_int(v);
    } else if (js_is_double(v)) {
        d = js_get_double(v);
    } else if (js_to_number(ctx, &d, v) < 0) {
        return -1;
    }
    *raw = js_ta_number_to_raw(t, d);
    return 0;
}

/* ---- lengths and bounds ---- */

int64_t js_typed_array_get_length(JSObject *obj)
{
    JSTypedArray *ta = (JSTypedArray *)obj;
    JSArrayBuffer *ab = (JSArrayBuffer *)ta->buffer;
    if (!ab || ab->detached)
        return -1;
    int sh = js_ta_size_log2[js_ta_type(obj)];
    uint64_t blen = js_ab_byte_length(ab);
    if (ta->byte_offset > blen)
        return -1;
    if (ta->track)
        return (int64_t)((blen - ta->byte_offset) >> sh);
    if (ta->byte_offset + (ta->length << sh) > blen)
        return -1;
    return (int64_t)ta->length;
}

/* Address of element idx (which must be valid). */
static inline uint8_t *elem_ptr(JSObject *obj, uint64_t idx)
{
    JSTypedArray *ta = (JSTypedArray *)obj;
    return ((JSArrayBuffer *)ta->buffer)->data + ta->byte_offset + (idx << js_ta_size_log2[js_ta_type(obj)]);
}

JSValue js_typed_array_get_fast(JSObject *obj, uint32_t idx)
{
    JSTypedArrayType t = js_ta_type(obj);
    if (js_ta_type_is_bigint(t))
        return JS_EMPTY;
    int64_t len = js_typed_array_get_length(obj);
    if ((int64_t)idx >= len)
        return JS_UNDEFINED;
    return raw_to_number_value(t, load_raw(t, elem_ptr(obj, idx)));
}

int js_typed_array_set_fast(JSObject *obj, uint32_t idx, JSValue v)
{
    JSTypedArrayType t = js_ta_type(obj);
    if (js_ta_type_is_bigint(t) || !js_is_number(v) || js_ta_is_immutable(obj))
        return 0;
    int64_t len = js_typed_array_get_length(obj);
    if ((int64_t)idx < len) {
        uint64_t raw;
        if (js_is_int(v) && t <= JS_TA_UINT32 && t != JS_TA_UINT8C)
            raw = (uint32_t)js_get_int(v);
        else
            raw = js_ta_number_to_raw(t, js_number_value(v));
        js_ta_store_raw(t, elem_ptr(obj, idx), raw);
    }
    return 1;
}

JSObject *js_ta_validate(JSContext *ctx, JSValue this_val, int64_t *len)
{
    if (!js_is_typed_array(this_val)) {
        js_throw_type_error(ctx, "not a TypedArray");
        return NULL;
    }
    JSObject *o = JS_VALUE_GET_OBJ(this_val);
    *len = js_typed_array_get_length(o);
    if (*len < 0) {
        js_throw_type_error(ctx, "TypedArray is detached or out of bounds");
        return NULL;
    }
    return o;
}

JSObject *js_ta_validate_write(JSContext *ctx, JSValue this_val, int64_t *len)
{
    JSObject *o = js_ta_validate(ctx, this_val, len);
    if (o && js_ta_is_immutable(o)) {
        js_throw_type_error(ctx, "TypedArray is backed by an immutable ArrayBuffer");
        return NULL;
    }
    return o;
}

/* IsValidIntegerIndex(O, index). Pure. */
static bool is_valid_index(JSObject *obj, double idx)
{
    if (!(idx >= 0) || idx != js_floor(idx))
        return false;
    if (idx == 0 && signbit(idx))
        return false;
    int64_t len = js_typed_array_get_length(obj);
    return idx < (double)len;
}

JSValue js_ta_get_element(JSContext *ctx, JSObject *obj, double idx)
{
    if (!is_valid_index(obj, idx))
        return JS_UNDEFINED;
    return js_ta_load(ctx, js_ta_type(obj), elem_ptr(obj, (uint64_t)idx));
}

/* TypedArraySetElement(O, index, value): converts first (may run JS),
 * then stores if the index is still valid. 0 or -1. */
static int ta_set_element(JSContext *ctx, JSObject *obj, double idx, JSValue v)
{
    uint64_t raw;
    JSRoot r;
    js_root_push(ctx, &r, js_mkptr(JS_TAG_OBJECT, obj));
    int rc = js_ta_value_to_raw(ctx, js_ta_type(obj), v, &raw);
    js_root_pop(ctx, &r);
    if (rc < 0)
        return -1;
    if (is_valid_index(obj, idx))
        js_ta_store_raw(js_ta_type(obj), elem_ptr(obj, (uint64_t)idx), raw);
    return 0;
}

/* ---- integer-indexed exotic object ---- */

/* CanonicalNumericIndexString on a property key: 1 and *out when prop is
 * a canonical numeric string, 0 otherwise. Never collects. */
static int numeric_key(JSContext *ctx, JSAtom prop, double *out)
{
    if (js_atom_is_int(prop)) {
        *out = (double)js_atom_get_int(prop);
        return 1;
    }
    if (js_atom_is_predefined_name(prop))
        return 0;       /* no string round trip for "length", "set", ... */
    if (js_atom_is_symbol(ctx->rt, prop))
        return 0;
    char buf[64], buf2[JS_DTOA_BUF];
    const char *s = js_atom_get_cstr(ctx->rt, buf, sizeof buf, prop);
    size_t len = strlen(s);
    if (len == 0 || len > 40)
        return 0;
    char c = s[0];
    if (!(c == '-' || c == 'I' || c == 'N' || (c >= '0' && c <= '9')))
        return 0;
    if (!strcmp(s, "-0")) {
        *out = -0.0;
        return 1;
    }
    if (!strcmp(s, "NaN")) {
        *out = NAN;
        return 1;
    }
    size_t end;
    double d = js_atod(s, len, &end, JS_ATOD_INFINITY | JS_ATOD_SIGN);
    if (end != len)
        return 0;
    js_dtoa(d, buf2);
    if (strcmp(buf2, s))
        return 0;
    *out = d;
    return 1;
}

static int reject(JSContext *ctx, int flags, const char *msg)
{
    if (flags & JS_THROW) {
        js_throw_type_error(ctx, "%s", msg);
        return -1;
    }
    return 0;
}

static int ta_get_own_property(JSContext *ctx, JSObject *obj, JSAtom prop, JSPropertyDescriptor *desc)
{
    double idx;
    if (!numeric_key(ctx, prop, &idx))
        return js_ordinary_get_own_property(ctx, obj, prop, desc);
    if (!is_valid_index(obj, idx))
        return 0;
    JSValue v = js_ta_load(ctx, js_ta_type(obj), elem_ptr(obj, (uint64_t)idx));
    if (js_is_exception(v))
        return -1;
    if (desc) {
        desc->flags = (js_ta_is_immutable(obj) ? JS_PROP_ENUMERABLE : JS_PROP_C_W_E) |
                      JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE |
                      JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
        desc->value = v;
        desc->getter = JS_UNDEFINED;
        desc->setter = JS_UNDEFINED;
    }
    return 1;
}

static int ta_has_property(JSContext *ctx, JSObject *obj, JSAtom prop)
{
    double idx;
    if (numeric_key(ctx, prop, &idx))
        return is_valid_index(obj, idx);
    int r = js_ordinary_get_own_property(ctx, obj, prop, NULL);
    if (r != 0)
        return r;
    JSObject *proto = js_shape_proto(obj->shape);
    if (!proto)
        return 0;
    return js_has_property(ctx, js_mkptr(JS_TAG_OBJECT, proto), prop);
}

static int ta_define_own_property(JSContext *ctx, JSObject *obj, JSAtom prop,
                                  const JSPropertyDescriptor *desc, int flags)
{
    double idx;
    if (!numeric_key(ctx, prop, &idx))
        return js_ordinary_define_own_property(ctx, obj, prop, desc, flags);
    if (!is_valid_index(obj, idx))
        return reject(ctx, flags, "invalid typed array index");
    uint32_t f = desc->flags;
    if (js_ta_is_immutable(obj)) {
        /* Elements of an immutable buffer are non-writable and
         * non-configurable: only a compatible redefinition succeeds. */
        if (((f & JS_DESC_HAS_CONFIGURABLE) && (f & JS_PROP_CONFIGURABLE)) ||
            ((f & JS_DESC_HAS_ENUMERABLE) && !(f & JS_PROP_ENUMERABLE)) ||
            (f & (JS_DESC_HAS_GET | JS_DESC_HAS_SET)) ||
            ((f & JS_DESC_HAS_WRITABLE) && (f & JS_PROP_WRITABLE)))
            return reject(ctx, flags, "typed array element is read-only");
        if (f & JS_DESC_HAS_VALUE) {
            JSRoot rv;
            js_root_push(ctx, &rv, desc->value);
            JSValue cur = js_ta_load(ctx, js_ta_type(obj), elem_ptr(obj, (uint64_t)idx));
            js_root_pop(ctx, &rv);
            if (js_is_exception(cur))
                return -1;
            if (!js_same_value(ctx, cur, desc->value))
                return reject(ctx, flags, "typed array element is read-only");
        }
        return 1;
    }
    if ((f & JS_DESC_HAS_CONFIGURABLE) && !(f & JS_PROP_CONFIGURABLE))
        return reject(ctx, flags, "typed array elements are configurable");
    if ((f & JS_DESC_HAS_ENUMERABLE) && !(f & JS_PROP_ENUMERABLE))
        return reject(ctx, flags, "typed array elements are enumerable");
    if (f & (JS_DESC_HAS_GET | JS_DESC_HAS_SET))
        return reject(ctx, flags, "typed array elements cannot be accessors");
    if ((f & JS_DESC_HAS_WRITABLE) && !(f & JS_PROP_WRITABLE))
        return reject(ctx, flags, "typed array elements are writable");
    if (f & JS_DESC_HAS_VALUE) {
        if (ta_set_element(ctx, obj, idx, desc->value) < 0)
            return -1;
    }
    return 1;
}

static JSValue ta_get(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue receiver)
{
    double idx;
    if (!numeric_key(ctx, prop, &idx))
        return js_ordinary_get(ctx, obj, prop, receiver);
    return js_ta_get_element(ctx, obj, idx);
}

static int ta_set(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue val, JSValue receiver, int flags)
{
    double idx;
    if (!numeric_key(ctx, prop, &idx))
        return js_ordinary_set(ctx, obj, prop, val, receiver, flags);
    if (receiver == js_mkptr(JS_TAG_OBJECT, obj)) {
        if (js_ta_is_immutable(obj))
            return is_valid_index(obj, idx) ? reject(ctx, flags, "typed array element is read-only") : 1;
        if (ta_set_element(ctx, obj, idx, val) < 0)
            return -1;
        return 1;
    }
    if (!is_valid_index(obj, idx))
        return 1;
    if (js_ta_is_immutable(obj))
        return reject(ctx, flags, "typed array element is read-only");
    /* OrdinarySet with ownDesc a writable data property (10.1.9.2). */
    if (!js_is_object(receiver))
        return reject(ctx, flags, "cannot set a property on a primitive");
    JSPropertyDescriptor d;
    JSRoot rr, rv;
    js_root_push(ctx, &rr, receiver);
    js_root_push(ctx, &rv, val);
    int r = js_get_own_property(ctx, rr.v, prop, &d);
    if (r < 0) {
        r = -1;
    } else if (r) {
        js_desc_normalize(&d);
        if (d.flags & JS_PROP_ACCESSOR || d.flags & (JS_DESC_HAS_GET | JS_DESC_HAS_SET)) {
            r = reject(ctx, flags, "cannot set an accessor property of the receiver");
        } else if (!(d.flags & JS_PROP_WRITABLE)) {
            r = reject(ctx, flags, "property is not writable");
        } else {
            JSPropertyDescriptor nd = { JS_DESC_HAS_VALUE, rv.v, JS_UNDEFINED, JS_UNDEFINED };
            r = js_define_property(ctx, rr.v, prop, &nd, flags);
        }
    } else {
        r = js_create_data_property(ctx, rr.v, prop, rv.v, flags);
    }
    js_root_pop(ctx, &rr);
    return r;
}

static int ta_delete_property(JSContext *ctx, JSObject *obj, JSAtom prop, int flags)
{
    double idx;
    if (!numeric_key(ctx, prop, &idx))
        return js_ordinary_delete(ctx, obj, prop, flags);
    if (is_valid_index(obj, idx))
        return reject(ctx, flags, "cannot delete a typed array element");
    return 1;
}

/* [[PreventExtensions]]: refused unless IsTypedArrayFixedLength (a view
 * that follows its buffer's length, or over a resizable non-shared
 * buffer, could gain elements). */
static int ta_prevent_extensions(JSContext *ctx, JSObject *obj, int flags)
{
    JSTypedArray *ta = (JSTypedArray *)obj;
    JSArrayBuffer *ab = (JSArrayBuffer *)ta->buffer;
    if (ta->track || (ab && ab->resizable && js_object_class(&ab->base) != JS_CLASS_SHARED_ARRAY_BUFFER))
        return reject(ctx, flags, "cannot prevent extensions of a typed array whose length can change");
    obj->h.flags &= (uint16_t)~JS_OBJ_EXTENSIBLE;
    return 1;
}

static JSValueArray *ta_own_property_keys(JSContext *ctx, JSObject *obj)
{
    JSRoot ro, rk, rn;
    js_root_push(ctx, &ro, js_mkptr(JS_TAG_OBJECT, obj));
    JSValueArray *keys = js_ordinary_own_property_keys(ctx, obj);
    JSValueArray *res = NULL;
    if (!keys)
        goto done;
    js_root_push(ctx, &rk, js_cell_value(keys));
    int64_t len = js_typed_array_get_length(obj);
    if (len <= 0) {
        res = keys;
        goto done;
    }
    if ((uint64_t)len + keys->len > 0xFFFFFFFFu) {
        js_throw_range_error(ctx, "too many keys");
        goto done;
    }
    res = js_value_array_new(ctx, (uint32_t)len + keys->len);
    if (!res)
        goto done;
    js_root_push(ctx, &rn, js_cell_value(res));
    for (int64_t i = 0; i < len; i++) {
        JSValue s = i <= INT32_MAX ? js_int_to_string(ctx, (int32_t)i)
                                   : js_number_to_string(ctx, (double)i);
        if (js_is_exception(s)) {
            res = NULL;
            goto done;
        }
        JS_STORE(ctx, res, res->values[i], s);
    }
    keys = (JSValueArray *)js_get_ptr(rk.v);
    for (uint32_t i = 0; i < keys->len; i++)
        res->values[len + i] = keys->values[i];
done:
    js_root_pop(ctx, &ro);
    return res;
}

static void ta_trace(JSRuntime *rt, JSObject *obj)
{
    JSTypedArray *ta = (JSTypedArray *)obj;
    if (ta->buffer)
        js_gc_mark_cell(rt, ta->buffer);
}

#define TA_CLASS(cname) { \
    .name = cname, .size = sizeof(JSTypedArray), .trace = ta_trace, \
    .get_own_property = ta_get_own_property, \
    .define_own_property = ta_define_own_property, \
    .has_property = ta_has_property, .get = ta_get, .set = ta_set, \
    .delete_property = ta_delete_property, \
    .prevent_extensions = ta_prevent_extensions, \
    .own_property_keys = ta_own_property_keys }

static const JSClass ta_classes[JS_TA_TYPE_COUNT] = {
    TA_CLASS("Uint8ClampedArray"), TA_CLASS("Int8Array"), TA_CLASS("Uint8Array"),
    TA_CLASS("Int16Array"), TA_CLASS("Uint16Array"), TA_CLASS("Int32Array"),
    TA_CLASS("Uint32Array"), TA_CLASS("BigInt64Array"), TA_CLASS("BigUint64Array"),
    TA_CLASS("Float16Array"), TA_CLASS("Float32Array"), TA_CLASS("Float64Array"),
};

static const char *const ta_names[JS_TA_TYPE_COUNT] = {
    "Uint8ClampedArray", "Int8Array", "Uint8Array", "Int16Array", "Uint16Array",
    "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array",
    "Float16Array", "Float32Array", "Float64Array",
};

/* ---- the realm's binary data constructors ----
 * %ArrayBuffer%, %SharedArrayBuffer%, the twelve typed array constructors
 * and %DataView% (class ids ARRAY_BUFFER..DATAVIEW are contiguous) are kept
 * in a JSValueArray in the data slot of the realm's %TypedArray%. */

#define BINARY_CTOR_COUNT (JS_CLASS_DATAVIEW - JS_CLASS_ARRAY_BUFFER + 1)

JSValue js_binary_ctor(JSContext *ctx, JSClassID id)
{
    JSValue ta = ctx->intrinsics[JS_INTRINSIC_TypedArrayConstructor];
    if (!js_is_object(ta))
        return JS_UNDEFINED;
    JSValue data = ((JSCFunctionObject *)JS_VALUE_GET_OBJ(ta))->data;
    if (js_tag(data) != JS_TAG_CELL)
        return JS_UNDEFINED;
    return ((JSValueArray *)js_get_ptr(data))->values[id - JS_CLASS_ARRAY_BUFFER];
}

void js_binary_set_ctor(JSContext *ctx, JSClassID id, JSValue ctor)
{
    JSValue ta = ctx->intrinsics[JS_INTRINSIC_TypedArrayConstructor];
    JSCFunctionObject *f = (JSCFunctionObject *)JS_VALUE_GET_OBJ(ta);
    JSValueArray *arr = (JSValueArray *)js_get_ptr(f->data);
    JS_STORE(ctx, arr, arr->values[id - JS_CLASS_ARRAY_BUFFER], ctor);
}

/* ---- creation ---- */

/* A typed array of class id with its prototype from new_target
 * (undefined: the realm's intrinsic) and no buffer yet. May run JS. */
static JSValue ta_create_empty(JSContext *ctx, JSValue new_target, JSClassID id)
{
    JSValue obj;
    if (js_is_undefined(new_target)) {
        /* the family may not be set up yet in this realm (lazy_global.c) */
        JSValue proto = js_realm_class_proto(ctx, id);
        if (js_is_exception(proto))
            return proto;
        JSObject *o = js_new_object_proto_class(ctx, proto, id);
        if (!o)
            return JS_EXCEPTION;
        obj = js_mkptr(JS_TAG_OBJECT, o);
    } else {
        obj = js_create_from_ctor(ctx, new_target, id);
        if (js_is_exception(obj))
            return obj;
    }
    JS_VALUE_GET_OBJ(obj)->h.flags |= JS_OBJ_EXOTIC;
    return obj;
}

/* AllocateTypedArrayBuffer(O, len) on a fresh typed array. 0 or -1. */
static int ta_alloc_buffer(JSContext *ctx, JSValue obj, uint64_t len)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    int sh = js_ta_size_log2[js_ta_type(o)];
    if (len > ((uint64_t)1 << 53) >> sh)
        return js_throw_range_error(ctx, "invalid typed array length"), -1;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    JSValue buf = js_array_buffer_alloc(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, len << sh, UINT64_MAX);
    js_root_pop(ctx, &r);
    if (js_is_exception(buf))
        return -1;
    JSTypedArray *ta = (JSTypedArray *)JS_VALUE_GET_OBJ(r.v);
    JS_STORE_PTR(ctx, &ta->base, ta->buffer, JS_VALUE_GET_OBJ(buf));
    ta->byte_offset = 0;
    ta->length = len;
    ta->track = false;
    return 0;
}

/* AllocateTypedArray with a length. May run JS. */
static JSValue ta_allocate(JSContext *ctx, JSValue new_target, JSClassID id, uint64_t len)
{
    JSValue obj = ta_create_empty(ctx, new_target, id);
    if (js_is_exception(obj))
        return obj;
    if (ta_alloc_buffer(ctx, obj, len) < 0)
        return JS_EXCEPTION;
    return obj;
}

JSValue js_ta_create_same_type(JSContext *ctx, JSObject *exemplar, uint64_t len)
{
    return ta_allocate(ctx, JS_UNDEFINED, js_object_class(exemplar), len);
}

/* InitializeTypedArrayFromTypedArray. */
static int ta_init_from_ta(JSContext *ctx, JSValue obj, JSValue src)
{
    JSObject *s = JS_VALUE_GET_OBJ(src);
    int64_t len = js_typed_array_get_length(s);
    if (len < 0)
        return js_throw_type_error(ctx, "source TypedArray is detached or out of bounds"), -1;
    JSTypedArrayType t = js_ta_type(JS_VALUE_GET_OBJ(obj)), st = js_ta_type(s);
    if (ta_alloc_buffer(ctx, obj, (uint64_t)len) < 0)
        return -1;
    if (js_ta_type_is_bigint(t) != js_ta_type_is_bigint(st))
        return js_throw_type_error(ctx, "cannot mix BigInt and Number typed arrays"), -1;
    s = JS_VALUE_GET_OBJ(src);
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (len == 0)
        return 0;
    if (t == st || (js_ta_type_is_bigint(t) && js_ta_type_is_bigint(st))) {
        memcpy(elem_ptr(o, 0), elem_ptr(s, 0), (size_t)len << js_ta_size_log2[t]);
        return 0;
    }
    for (int64_t i = 0; i < len; i++) {
        double d = raw_to_double(st, load_raw(st, elem_ptr(s, (uint64_t)i)));
        js_ta_store_raw(t, elem_ptr(o, (uint64_t)i), js_ta_number_to_raw(t, d));
    }
    return 0;
}

/* InitializeTypedArrayFromArrayBuffer. */
static int ta_init_from_buffer(JSContext *ctx, JSValue obj, JSValue buf, JSValue byte_offset, JSValue length)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    int sh = js_ta_size_log2[js_ta_type(o)];
    uint64_t offset, new_len = 0;
    if (js_to_index(ctx, &offset, byte_offset) < 0)
        return -1;
    if (offset & ((1u << sh) - 1))
        return js_throw_range_error(ctx, "start offset must be a multiple of %d", 1 << sh), -1;
    if (!js_is_undefined(length) && js_to_index(ctx, &new_len, length) < 0)
        return -1;
    JSArrayBuffer *ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(buf);
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached"), -1;
    uint64_t blen = js_ab_byte_length(ab);
    JSTypedArray *ta = (JSTypedArray *)JS_VALUE_GET_OBJ(obj);
    if (js_is_undefined(length) && ab->resizable) {
        if (offset > blen)
            return js_throw_range_error(ctx, "start offset is outside the buffer"), -1;
        ta->track = true;
        ta->length = 0;
    } else {
        uint64_t nbytes;
        if (js_is_undefined(length)) {
            if (blen & ((1u << sh) - 1))
                return js_throw_range_error(ctx, "buffer length must be a multiple of %d", 1 << sh), -1;
            if (offset > blen)
                return js_throw_range_error(ctx, "start offset is outside the buffer"), -1;
            nbytes = blen - offset;
        } else {
            if (new_len > (((uint64_t)1 << 53) >> sh) || offset + (new_len << sh) > blen)
                return js_throw_range_error(ctx, "invalid typed array length"), -1;
            nbytes = new_len << sh;
        }
        ta->track = false;
        ta->length = nbytes >> sh;
    }
    JS_STORE_PTR(ctx, &ta->base, ta->buffer, &ab->base);
    ta->byte_offset = offset;
    return 0;
}

/* Stores values converted from JS at index k of a fresh typed array. */
static int ta_store_value(JSContext *ctx, JSValue obj, int64_t k, JSValue v)
{
    return ta_set_element(ctx, JS_VALUE_GET_OBJ(obj), (double)k, v);
}

/* InitializeTypedArrayFromArrayLike (source not iterable). */
static int ta_init_from_array_like(JSContext *ctx, JSValue obj, JSValue src)
{
    int64_t len;
    if (js_length_of_array_like(ctx, &len, src) < 0)
        return -1;
    if (ta_alloc_buffer(ctx, obj, (uint64_t)len) < 0)
        return -1;
    for (int64_t k = 0; k < len; k++) {
        JSValue v = JS_EMPTY;
        if (JS_VALUE_GET_OBJ(src)->h.flags & JS_OBJ_FAST_ARRAY)
            v = js_array_fast_get(JS_VALUE_GET_OBJ(src), (uint32_t)k);
        if (js_is_empty(v)) {
            v = js_get_index(ctx, src, k);
            if (js_is_exception(v))
                return -1;
        }
        if (ta_store_value(ctx, obj, k, v) < 0)
            return -1;
    }
    return 0;
}

/* IteratorToList(GetIteratorFromMethod(obj, method)) as a fast array. */
static JSValue iterate_to_array(JSContext *ctx, JSValue obj, JSValue method)
{
    JSIteratorRecord rec;
    JSRoot ri, rn, ra;
    JSValue arr = js_new_array(ctx, 0);
    if (js_is_exception(arr))
        return arr;
    js_root_push(ctx, &ra, arr);
    if (js_get_iterator_from_method(ctx, obj, method, &rec) < 0)
        goto fail;
    js_root_push(ctx, &ri, rec.iterator);
    js_root_push(ctx, &rn, rec.next);
    for (;;) {
        JSValue v;
        rec.iterator = ri.v;
        rec.next = rn.v;
        int r = js_iterator_step_value(ctx, &rec, &v);
        if (r < 0)
            goto fail;
        if (r == 0)
            break;
        if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(ra.v), v) < 0) {
            js_iterator_close(ctx, ri.v, true);
            goto fail;
        }
    }
    arr = ra.v;
    js_root_pop(ctx, &ra);
    return arr;
fail:
    js_root_pop(ctx, &ra);
    return JS_EXCEPTION;
}

/* InitializeTypedArrayFromList with the list in a fast array. */
static int ta_init_from_list(JSContext *ctx, JSValue obj, JSValue list)
{
    JSRoot rl;
    js_root_push(ctx, &rl, list);
    uint32_t len = js_array_length_fast(JS_VALUE_GET_OBJ(list));
    int r = ta_alloc_buffer(ctx, obj, len);
    for (uint32_t k = 0; r == 0 && k < len; k++) {
        JSValue v = js_get_index(ctx, rl.v, k);
        if (js_is_exception(v))
            r = -1;
        else
            r = ta_store_value(ctx, obj, k, v);
    }
    js_root_pop(ctx, &rl);
    return r;
}

/* new Int8Array(...) etc.; magic is the class id. */
static JSValue ta_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSClassID id = (JSClassID)magic;
    if (js_is_undefined(new_target))
        return js_throw_type_error(ctx, "constructor %s requires 'new'", ta_names[id - JS_CLASS_UINT8C_ARRAY]);
    JSValue first = ARG(0);
    if (!js_is_object(first)) {
        uint64_t len = 0;
        if (argc > 0 && js_to_index(ctx, &len, first) < 0)
            return JS_EXCEPTION;
        return ta_allocate(ctx, new_target, id, len);
    }
    JSValue obj = ta_create_empty(ctx, new_target, id);
    if (js_is_exception(obj))
        return obj;
    JSRoot ro, rm;
    js_root_push(ctx, &ro, obj);
    int r;
    if (js_is_typed_array(first)) {
        r = ta_init_from_ta(ctx, obj, first);
    } else if (js_is_array_buffer_class(first)) {
        r = ta_init_from_buffer(ctx, obj, first, ARG(1),
                                ARG(2));
    } else {
        JSValue m = js_get_method(ctx, first, JS_ATOM_Symbol_iterator);
        if (js_is_exception(m))
            return m;
        if (!js_is_undefined(m)) {
            js_root_push(ctx, &rm, m);
            JSValue list = iterate_to_array(ctx, first, m);
            if (js_is_exception(list))
                return list;
            r = ta_init_from_list(ctx, ro.v, list);
        } else {
            r = ta_init_from_array_like(ctx, ro.v, first);
        }
    }
    if (r < 0)
        return JS_EXCEPTION;
    obj = ro.v;
    js_root_pop(ctx, &ro);
    return obj;
}

/* %TypedArray%: throws when called or constructed directly. */
static JSValue typed_array_base_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    return js_throw_type_error(ctx, "Abstract class TypedArray not directly constructable");
}

JSValue js_ta_create_from_ctor(JSContext *ctx, JSValue ctor, int argc, JSValue *argv)
{
    JSValue obj = js_construct(ctx, ctor, argc, argv, ctor);
    if (js_is_exception(obj))
        return obj;
    int64_t len;
    if (!js_ta_validate(ctx, obj, &len))
        return JS_EXCEPTION;
    if (argc == 1 && js_is_number(ARG(0))) {
        /* created to be filled (ValidateTypedArray with write access) */
        if (js_ta_is_immutable(JS_VALUE_GET_OBJ(obj)))
            return js_throw_type_error(ctx, "TypedArray is backed by an immutable ArrayBuffer");
        if ((double)len < js_number_value(ARG(0)))
            return js_throw_type_error(ctx, "TypedArray is too short");
    }
    return obj;
}

JSValue js_ta_species_create(JSContext *ctx, JSValue exemplar, int argc, JSValue *argv)
{
    JSObject *ex = JS_VALUE_GET_OBJ(exemplar);
    bool big = js_ta_type_is_bigint(js_ta_type(ex));
    JSValue dflt = js_binary_ctor(ctx, js_object_class(ex));
    JSValue ctor = js_species_constructor(ctx, exemplar, dflt);
    if (js_is_exception(ctor))
        return ctor;
    JSRoot rc;
    js_root_push(ctx, &rc, ctor);
    JSValue res = js_ta_create_from_ctor(ctx, rc.v, argc, argv);
    js_root_pop(ctx, &rc);
    if (js_is_exception(res))
        return res;
    if (js_ta_type_is_bigint(js_ta_type(JS_VALUE_GET_OBJ(res))) != big)
        return js_throw_type_error(ctx, "TypedArray species content type mismatch");
    return res;
}

/* %TypedArray%.from(source [, mapfn [, thisArg]]) */
static JSValue typed_array_from(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue mapfn = ARG(1);
    bool mapping = !js_is_undefined(mapfn);
    if (!js_is_constructor(this_val))
        return js_throw_type_error(ctx, "TypedArray.from: this is not a constructor");
    if (mapping && !js_is_callable(mapfn))
        return js_throw_type_error(ctx, "TypedArray.from: mapper is not a function");
    JSValue m = js_get_method(ctx, ARG(0), JS_ATOM_Symbol_iterator);
    if (js_is_exception(m))
        return m;
    JSRoot rm, rsrc, rt, rargs;   /* rm lives as long as the others: the list links it */
    int64_t len;
    if (!js_is_undefined(m)) {
        js_root_push(ctx, &rm, m);
        JSValue list = iterate_to_array(ctx, ARG(0), rm.v);
        if (js_is_exception(list))
            return list;
        js_root_push(ctx, &rsrc, list);
        len = js_array_length_fast(JS_VALUE_GET_OBJ(list));
    } else {
        JSValue src = js_to_object(ctx, ARG(0));
        if (js_is_exception(src))
            return src;
        js_root_push(ctx, &rsrc, src);
        if (js_length_of_array_like(ctx, &len, src) < 0)
            return JS_EXCEPTION;
    }
    JSValueArray *args = js_value_array_new(ctx, 2);
    if (!args)
        return JS_EXCEPTION;
    js_root_push(ctx, &rargs, js_cell_value(args));
    args->values[0] = js_number((double)len);
    JSValue target = js_ta_create_from_ctor(ctx, this_val, 1, args->values);
    if (js_is_exception(target))
        return target;
    js_root_push(ctx, &rt, target);
    for (int64_t k = 0; k < len; k++) {
        JSValue v = js_get_index(ctx, rsrc.v, k);
        if (js_is_exception(v))
            return v;
        if (mapping) {
            args->values[0] = v;
            args->values[1] = js_number((double)k);
            v = js_call(ctx, mapfn, ARG(2), 2, args->values);
            if (js_is_exception(v))
                return v;
        }
        if (js_set_index(ctx, rt.v, k, v, JS_THROW) < 0)
            return JS_EXCEPTION;
    }
    target = rt.v;
    js_root_pop(ctx, &rsrc);
    return target;
}

/* %TypedArray%.of(...items) */
static JSValue typed_array_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_constructor(this_val))
        return js_throw_type_error(ctx, "TypedArray.of: this is not a constructor");
    JSRoot rl, rt;
    js_root_push(ctx, &rl, js_int(argc));
    JSValue target = js_ta_create_from_ctor(ctx, this_val, 1, &rl.v);
    if (js_is_exception(target))
        return target;
    js_root_push(ctx, &rt, target);
    for (int k = 0; k < argc; k++) {
        if (js_set_index(ctx, rt.v, k, ARG(k), JS_THROW) < 0)
            return JS_EXCEPTION;
    }
    target = rt.v;
    js_root_pop(ctx, &rl);
    return target;
}

static JSValue get_species(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* ---- prototype accessors ---- */

static JSTypedArray *this_ta(JSContext *ctx, JSValue v)
{
    if (!js_is_typed_array(v)) {
        js_throw_type_error(ctx, "not a TypedArray");
        return NULL;
    }
    return (JSTypedArray *)JS_VALUE_GET_OBJ(v);
}

static JSValue ta_get_buffer(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSTypedArray *ta = this_ta(ctx, this_val);
    if (!ta)
        return JS_EXCEPTION;
    return js_mkptr(JS_TAG_OBJECT, ta->buffer);
}

/* byteLength (magic 0), byteOffset (1), length (2) */
static JSValue ta_get_lengths(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSTypedArray *ta = this_ta(ctx, this_val);
    if (!ta)
        return JS_EXCEPTION;
    int64_t len = js_typed_array_get_length(&ta->base);
    if (len < 0)
        return js_int(0);
    switch (magic) {
    case 0: return js_number((double)((uint64_t)len << js_ta_size_log2[js_ta_type(&ta->base)]));
    case 1: return js_number((double)ta->byte_offset);
    default: return js_number((double)len);
    }
}

static JSValue ta_get_to_string_tag(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_typed_array(this_val))
        return JS_UNDEFINED;
    return js_new_string_cstr(ctx, ta_names[js_ta_type(JS_VALUE_GET_OBJ(this_val))]);
}

/* ---- set and subarray ---- */

/* SetTypedArrayFromTypedArray */
static int ta_set_from_ta(JSContext *ctx, JSObject *target, double offset, JSObject *src)
{
    int64_t tlen = js_typed_array_get_length(target);
    if (tlen < 0)
        return js_throw_type_error(ctx, "target TypedArray is detached or out of bounds"), -1;
    int64_t slen = js_typed_array_get_length(src);
    if (slen < 0)
        return js_throw_type_error(ctx, "source TypedArray is detached or out of bounds"), -1;
    JSTypedArrayType tt = js_ta_type(target), st = js_ta_type(src);
    if (offset == INFINITY || (double)slen + offset > (double)tlen)
        return js_throw_range_error(ctx, "offset is out of bounds"), -1;
    if (js_ta_type_is_bigint(tt) != js_ta_type_is_bigint(st))
        return js_throw_type_error(ctx, "cannot mix BigInt and Number typed arrays"), -1;
    if (slen == 0)
        return 0;
    uint64_t off = (uint64_t)offset;
    uint8_t *dst = elem_ptr(target, off);
    const uint8_t *sp = elem_ptr(src, 0);
    int ssh = js_ta_size_log2[st], tsh = js_ta_size_log2[tt];
    if (tt == st || (js_ta_type_is_bigint(tt) && js_ta_type_is_bigint(st))) {
        memmove(dst, sp, (size_t)slen << ssh);
        return 0;
    }
    uint8_t *tmp = NULL;
    if (js_ta_buffer(target) == js_ta_buffer(src)) {
        tmp = js_malloc(ctx, (size_t)slen << ssh);
        if (!tmp)
            return -1;
        memcpy(tmp, sp, (size_t)slen << ssh);
        sp = tmp;
    }
    for (int64_t i = 0; i < slen; i++) {
        double d = raw_to_double(st, load_raw(st, sp + ((size_t)i << ssh)));
        js_ta_store_raw(tt, dst + ((size_t)i << tsh), js_ta_number_to_raw(tt, d));
    }
    if (tmp)
        js_free(ctx->rt, tmp, (size_t)slen << ssh);
    return 0;
}

/* SetTypedArrayFromArrayLike */
static int ta_set_from_array_like(JSContext *ctx, JSValue target, double offset, JSValue source)
{
    int64_t tlen = js_typed_array_get_length(JS_VALUE_GET_OBJ(target));
    if (tlen < 0)
        return js_throw_type_error(ctx, "target TypedArray is detached or out of bounds"), -1;
    JSValue src = js_to_object(ctx, source);
    if (js_is_exception(src))
        return -1;
    JSRoot rs;
    js_root_push(ctx, &rs, src);
    int64_t slen;
    int r = js_length_of_array_like(ctx, &slen, src);
    if (r == 0 && (offset == INFINITY || (double)slen + offset > (double)tlen)) {
        js_throw_range_error(ctx, "offset is out of bounds");
        r = -1;
    }
    for (int64_t k = 0; r == 0 && k < slen; k++) {
        JSValue v = JS_EMPTY;
        if (JS_VALUE_GET_OBJ(rs.v)->h.flags & JS_OBJ_FAST_ARRAY)
            v = js_array_fast_get(JS_VALUE_GET_OBJ(rs.v), (uint32_t)k);
        if (js_is_empty(v)) {
            v = js_get_index(ctx, rs.v, k);
            if (js_is_exception(v)) {
                r = -1;
                break;
            }
        }
        r = ta_set_element(ctx, JS_VALUE_GET_OBJ(target), offset + (double)k, v);
    }
    js_root_pop(ctx, &rs);
    return r;
}

/* %TypedArray%.prototype.set(source [, offset]) */
static JSValue ta_proto_set(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!this_ta(ctx, this_val))
        return JS_EXCEPTION;
    if (js_ta_is_immutable(JS_VALUE_GET_OBJ(this_val)))
        return js_throw_type_error(ctx, "TypedArray is backed by an immutable ArrayBuffer");
    double offset;
    if (js_to_int_or_infinity(ctx, &offset, ARG(1)) < 0)
        return JS_EXCEPTION;
    if (offset < 0)
        return js_throw_range_error(ctx, "offset must be >= 0");
    int r;
    if (js_is_typed_array(ARG(0)))
        r = ta_set_from_ta(ctx, JS_VALUE_GET_OBJ(this_val), offset, JS_VALUE_GET_OBJ(ARG(0)));
    else
        r = ta_set_from_array_like(ctx, this_val, offset, ARG(0));
    return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

/* ToIntegerOrInfinity then clamp a relative index into [0, len]. */
static int rel_index(JSContext *ctx, JSValue v, int64_t len, int64_t dflt, int64_t *out)
{
    if (js_is_undefined(v)) {
        *out = dflt;
        return 0;
    }
    double d;
    if (js_to_int_or_infinity(ctx, &d, v) < 0)
        return -1;
    if (d < 0) {
        d += (double)len;
        *out = d < 0 ? 0 : (int64_t)d;
    } else {
        *out = d > (double)len ? len : (int64_t)d;
    }
    return 0;
}

/* %TypedArray%.prototype.subarray(start, end) */
static JSValue ta_proto_subarray(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSTypedArray *ta = this_ta(ctx, this_val);
    if (!ta)
        return JS_EXCEPTION;
    int64_t src_len = js_typed_array_get_length(&ta->base);
    if (src_len < 0)
        src_len = 0;
    int64_t start, end;
    if (rel_index(ctx, ARG(0), src_len, 0, &start) < 0)
        return JS_EXCEPTION;
    ta = (JSTypedArray *)JS_VALUE_GET_OBJ(this_val);
    int sh = js_ta_size_log2[js_ta_type(&ta->base)];
    double begin_off = (double)ta->byte_offset + (double)((uint64_t)start << sh);
    JSRoot rargs;
    JSValueArray *args = js_value_array_new(ctx, 3);
    if (!args)
        return JS_EXCEPTION;
    js_root_push(ctx, &rargs, js_cell_value(args));
    ta = (JSTypedArray *)JS_VALUE_GET_OBJ(this_val);
    args->values[0] = js_mkptr(JS_TAG_OBJECT, ta->buffer);
    args->values[1] = js_number(begin_off);
    int n = 2;
    if (!(ta->track && js_is_undefined(ARG(1)))) {
        if (rel_index(ctx, ARG(1), src_len, src_len, &end) < 0)
            return JS_EXCEPTION;
        args->values[2] = js_number((double)(end > start ? end - start : 0));
        n = 3;
    }
    JSValue res = js_ta_species_create(ctx, this_val, n, args->values);
    js_root_pop(ctx, &rargs);
    return res;
}

/* ---- set-up ---- */

static const JSPropEntry typed_array_base_props[] = {
    BD_FUNC("from", 1, typed_array_from, 0),
    BD_FUNC("of", 0, typed_array_of, 0),
    JS_CGETSET_DEF("[Symbol.species]", get_species, NULL),
};

static const JSPropEntry typed_array_proto_accessors[] = {
    JS_CGETSET_DEF("buffer", ta_get_buffer, NULL),
    JS_CGETSET_MAGIC_DEF("byteLength", ta_get_lengths, NULL, 0),
    JS_CGETSET_MAGIC_DEF("byteOffset", ta_get_lengths, NULL, 1),
    JS_CGETSET_MAGIC_DEF("length", ta_get_lengths, NULL, 2),
    JS_CGETSET_DEF("[Symbol.toStringTag]", ta_get_to_string_tag, NULL),
    BD_FUNC("set", 1, ta_proto_set, 0),
    BD_FUNC("subarray", 2, ta_proto_subarray, 0),
};

int js_init_typed_arrays(JSContext *ctx)
{
    JSRoot rp, rc, rcp, rcc;
    for (int i = 0; i < JS_TA_TYPE_COUNT; i++)
        js_register_class(ctx->rt, (JSClassID)(JS_CLASS_UINT8C_ARRAY + i), &ta_classes[i]);

    /* %TypedArray% and %TypedArray.prototype% */
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    js_root_push(ctx, &rp, proto);
    JSValue ctor = js_new_constructor(ctx, typed_array_base_ctor, NULL, 0, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    js_root_push(ctx, &rc, ctor);
    JSValue name = js_new_string_cstr(ctx, "TypedArray");
    if (js_is_exception(name) ||
        js_define_property_value(ctx, rc.v, JS_ATOM_name, name, JS_PROP_CONFIGURABLE) < 0)
        return -1;
    ctx->intrinsics[JS_INTRINSIC_TypedArrayConstructor] = rc.v;
    ctx->intrinsics[JS_INTRINSIC_TypedArrayPrototype] = rp.v;
    JSValueArray *ctors = js_value_array_new(ctx, BINARY_CTOR_COUNT);
    if (!ctors)
        return -1;
    JSCFunctionObject *f = (JSCFunctionObject *)JS_VALUE_GET_OBJ(rc.v);
    JS_STORE(ctx, &f->base, f->data, js_cell_value(ctors));
    if (js_define_prop_entries(ctx, rc.v, typed_array_base_props, COUNTOF(typed_array_base_props)) < 0 ||
        js_define_prop_entries(ctx, rp.v, typed_array_proto_accessors, COUNTOF(typed_array_proto_accessors)) < 0 ||
        js_ta_proto_init(ctx, rp.v) < 0)
        return -1;

    if (js_array_buffer_init(ctx) < 0)
        return -1;

    /* the concrete constructors, in the spec's table order */
    static const JSClassID order[JS_TA_TYPE_COUNT] = {
        JS_CLASS_INT8_ARRAY, JS_CLASS_UINT8_ARRAY, JS_CLASS_UINT8C_ARRAY,
        JS_CLASS_INT16_ARRAY, JS_CLASS_UINT16_ARRAY, JS_CLASS_INT32_ARRAY,
        JS_CLASS_UINT32_ARRAY, JS_CLASS_BIGINT64_ARRAY, JS_CLASS_BIGUINT64_ARRAY,
        JS_CLASS_FLOAT16_ARRAY, JS_CLASS_FLOAT32_ARRAY, JS_CLASS_FLOAT64_ARRAY,
    };
    for (int i = 0; i < JS_TA_TYPE_COUNT; i++) {
        JSClassID id = order[i];
        int t = id - JS_CLASS_UINT8C_ARRAY;
        JSValue cp = js_new_object_proto(ctx, rp.v);
        if (js_is_exception(cp))
            return -1;
        js_root_push(ctx, &rcp, cp);
        ctx->class_proto[id] = cp;
        JSValue cc = js_new_constructor(ctx, ta_ctor, ta_names[t], 3, (int)id, cp);
        if (js_is_exception(cc))
            return -1;
        js_root_push(ctx, &rcc, cc);
        if (js_set_prototype_of(ctx, cc, rc.v, JS_THROW) < 0)
            return -1;
        JSValue bpe = js_int(1 << js_ta_size_log2[t]);
        if (js_define_property_value(ctx, rcc.v, JS_ATOM_BYTES_PER_ELEMENT, bpe, 0) < 0 ||
            js_define_property_value(ctx, rcp.v, JS_ATOM_BYTES_PER_ELEMENT, bpe, 0) < 0)
            return -1;
        js_binary_set_ctor(ctx, id, rcc.v);
        if (id == JS_CLASS_UINT8_ARRAY && js_uint8_base64_init(ctx, rcc.v, rcp.v) < 0)
            return -1;
        js_root_pop(ctx, &rcp);
    }
    if (js_dataview_init(ctx) < 0)
        return -1;
    js_root_pop(ctx, &rp);
    return 0;
}
