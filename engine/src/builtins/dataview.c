/* DataView (ECMA-262 25.3): the constructor, the buffer / byteLength /
 * byteOffset accessors with the out-of-bounds rules of views on
 * resizable buffers, and the get/set methods for every element type in
 * either byte order (Float16 and BigInt64 included). */
#include <string.h>
#include "typedarray.h"
#include "../conv.h"

#define COUNTOF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void dataview_trace(JSRuntime *rt, JSObject *obj)
{
    JSTypedArray *dv = (JSTypedArray *)obj;
    if (dv->buffer)
        js_gc_mark_cell(rt, dv->buffer);
}

static const JSClass dataview_class = {
    .name = "DataView",
    .size = sizeof(JSTypedArray),
    .trace = dataview_trace,
};

/* GetViewByteLength, or -1 when IsViewOutOfBounds. Pure. */
static int64_t view_byte_length(JSTypedArray *dv)
{
    JSArrayBuffer *ab = (JSArrayBuffer *)dv->buffer;
    if (ab->detached)
        return -1;
    uint64_t blen = js_ab_byte_length(ab);
    if (dv->byte_offset > blen)
        return -1;
    if (dv->track)
        return (int64_t)(blen - dv->byte_offset);
    if (dv->byte_offset + dv->length > blen)
        return -1;
    return (int64_t)dv->length;
}

/* new DataView(buffer [, byteOffset [, byteLength]]) */
static JSValue dataview_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(new_target))
        return js_throw_type_error(ctx, "constructor DataView requires 'new'");
    JSValue buf = ARG(0);
    if (!js_is_array_buffer_class(buf))
        return js_throw_type_error(ctx, "DataView: argument is not an ArrayBuffer");
    uint64_t offset, view_len = 0;
    if (js_to_index(ctx, &offset, ARG(1)) < 0)
        return JS_EXCEPTION;
    JSArrayBuffer *ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(buf);
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached");
    uint64_t blen = js_ab_byte_length(ab);
    if (offset > blen)
        return js_throw_range_error(ctx, "start offset is outside the buffer");
    bool undef_len = js_is_undefined(ARG(2));
    bool track = false;
    if (undef_len) {
        if (ab->resizable)
            track = true;
        else
            view_len = blen - offset;
    } else {
        if (js_to_index(ctx, &view_len, ARG(2)) < 0)
            return JS_EXCEPTION;
        if (offset + view_len > blen)
            return js_throw_range_error(ctx, "invalid DataView length");
    }
    JSValue obj = js_create_from_ctor(ctx, new_target, JS_CLASS_DATAVIEW);
    if (js_is_exception(obj))
        return obj;
    ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(buf);
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached");
    blen = js_ab_byte_length(ab);
    if (offset > blen)
        return js_throw_range_error(ctx, "start offset is outside the buffer");
    if (!undef_len && offset + view_len > blen)
        return js_throw_range_error(ctx, "invalid DataView length");
    JSTypedArray *dv = (JSTypedArray *)JS_VALUE_GET_OBJ(obj);
    JS_STORE_PTR(ctx, &dv->base, dv->buffer, &ab->base);
    dv->byte_offset = offset;
    dv->length = view_len;
    dv->track = track;
    return obj;
}

static JSTypedArray *this_dv(JSContext *ctx, JSValue v)
{
    if (!js_object_is_class(v, JS_CLASS_DATAVIEW)) {
        js_throw_type_error(ctx, "not a DataView");
        return NULL;
    }
    return (JSTypedArray *)JS_VALUE_GET_OBJ(v);
}

static JSValue dv_get_buffer(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSTypedArray *dv = this_dv(ctx, this_val);
    if (!dv)
        return JS_EXCEPTION;
    return js_mkptr(JS_TAG_OBJECT, dv->buffer);
}

/* byteLength (magic 0) and byteOffset (magic 1) */
static JSValue dv_get_lengths(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSTypedArray *dv = this_dv(ctx, this_val);
    if (!dv)
        return JS_EXCEPTION;
    int64_t len = view_byte_length(dv);
    if (len < 0)
        return js_throw_type_error(ctx, "DataView is detached or out of bounds");
    return js_number(magic ? (double)dv->byte_offset : (double)len);
}

static uint64_t bswap(uint64_t v, int size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_LITTLE 0
#else
#define HOST_LITTLE 1
#endif

/* Locates the bytes of an access of size bytes at the requested index:
 * the shared steps of GetViewValue / SetViewValue after the conversions. */
static uint8_t *view_ptr(JSContext *ctx, JSValue this_val, uint64_t idx, int size)
{
    JSTypedArray *dv = (JSTypedArray *)JS_VALUE_GET_OBJ(this_val);
    int64_t len = view_byte_length(dv);
    if (len < 0) {
        js_throw_type_error(ctx, "DataView is detached or out of bounds");
        return NULL;
    }
    if (idx + (uint64_t)size > (uint64_t)len) {
        js_throw_range_error(ctx, "offset is outside the bounds of the DataView");
        return NULL;
    }
    return ((JSArrayBuffer *)dv->buffer)->data + dv->byte_offset + idx;
}

/* DataView.prototype.getXxx(byteOffset [, littleEndian]); magic = type */
static JSValue dv_get(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSTypedArrayType t = (JSTypedArrayType)magic;
    if (!this_dv(ctx, this_val))
        return JS_EXCEPTION;
    uint64_t idx;
    if (js_to_index(ctx, &idx, ARG(0)) < 0)
        return JS_EXCEPTION;
    bool little = argc > 1 && js_to_boolean(ARG(1));
    int size = 1 << js_ta_size_log2[t];
    uint8_t *p = view_ptr(ctx, this_val, idx, size);
    if (!p)
        return JS_EXCEPTION;
    uint8_t tmp[8];
    memcpy(tmp, p, (size_t)size);
    if (size > 1 && little != HOST_LITTLE) {
        uint64_t raw = 0;
        memcpy(&raw, tmp, (size_t)size);
        raw = bswap(raw, size);
        memcpy(tmp, &raw, (size_t)size);
    }
    return js_ta_load(ctx, t, tmp);
}

/* DataView.prototype.setXxx(byteOffset, value [, littleEndian]) */
static JSValue dv_set(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSTypedArrayType t = (JSTypedArrayType)magic;
    if (!this_dv(ctx, this_val))
        return JS_EXCEPTION;
    /* SetViewValue checks mutability before converting the arguments. */
    if (js_ta_is_immutable(JS_VALUE_GET_OBJ(this_val)))
        return js_throw_type_error(ctx, "DataView is backed by an immutable ArrayBuffer");
    uint64_t idx, raw;
    if (js_to_index(ctx, &idx, ARG(0)) < 0)
        return JS_EXCEPTION;
    if (js_ta_value_to_raw(ctx, t, ARG(1), &raw) < 0)
        return JS_EXCEPTION;
    bool little = argc > 2 && js_to_boolean(ARG(2));
    int size = 1 << js_ta_size_log2[t];
    uint8_t *p = view_ptr(ctx, this_val, idx, size);
    if (!p)
        return JS_EXCEPTION;
    uint8_t tmp[8];
    js_ta_store_raw(t, tmp, raw);
    if (size > 1 && little != HOST_LITTLE) {
        uint64_t r = 0;
        memcpy(&r, tmp, (size_t)size);
        r = bswap(r, size);
        memcpy(tmp, &r, (size_t)size);
    }
    memcpy(p, tmp, (size_t)size);
    return JS_UNDEFINED;
}

static const JSPropEntry dataview_proto_props[] = {
    JS_CGETSET_DEF("buffer", dv_get_buffer, NULL),
    JS_CGETSET_MAGIC_DEF("byteLength", dv_get_lengths, NULL, 0),
    JS_CGETSET_MAGIC_DEF("byteOffset", dv_get_lengths, NULL, 1),
    BD_FUNC("getBigInt64", 1, dv_get, JS_TA_BIGINT64),
    BD_FUNC("getBigUint64", 1, dv_get, JS_TA_BIGUINT64),
    BD_FUNC("getFloat16", 1, dv_get, JS_TA_FLOAT16),
    BD_FUNC("getFloat32", 1, dv_get, JS_TA_FLOAT32),
    BD_FUNC("getFloat64", 1, dv_get, JS_TA_FLOAT64),
    BD_FUNC("getInt8", 1, dv_get, JS_TA_INT8),
    BD_FUNC("getInt16", 1, dv_get, JS_TA_INT16),
    BD_FUNC("getInt32", 1, dv_get, JS_TA_INT32),
    BD_FUNC("getUint8", 1, dv_get, JS_TA_UINT8),
    BD_FUNC("getUint16", 1, dv_get, JS_TA_UINT16),
    BD_FUNC("getUint32", 1, dv_get, JS_TA_UINT32),
    BD_FUNC("setBigInt64", 2, dv_set, JS_TA_BIGINT64),
    BD_FUNC("setBigUint64", 2, dv_set, JS_TA_BIGUINT64),
    BD_FUNC("setFloat16", 2, dv_set, JS_TA_FLOAT16),
    BD_FUNC("setFloat32", 2, dv_set, JS_TA_FLOAT32),
    BD_FUNC("setFloat64", 2, dv_set, JS_TA_FLOAT64),
    BD_FUNC("setInt8", 2, dv_set, JS_TA_INT8),
    BD_FUNC("setInt16", 2, dv_set, JS_TA_INT16),
    BD_FUNC("setInt32", 2, dv_set, JS_TA_INT32),
    BD_FUNC("setUint8", 2, dv_set, JS_TA_UINT8),
    BD_FUNC("setUint16", 2, dv_set, JS_TA_UINT16),
    BD_FUNC("setUint32", 2, dv_set, JS_TA_UINT32),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "DataView", JS_PROP_CONFIGURABLE),
};

int js_dataview_init(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_DATAVIEW, &dataview_class);
    JSRoot rp;
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    js_root_push(ctx, &rp, proto);
    ctx->class_proto[JS_CLASS_DATAVIEW] = proto;
    if (js_define_prop_entries(ctx, proto, dataview_proto_props, COUNTOF(dataview_proto_props)) < 0)
        return -1;
    JSValue ctor = js_new_constructor(ctx, dataview_ctor, "DataView", 1, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    js_binary_set_ctor(ctx, JS_CLASS_DATAVIEW, ctor);
    js_root_pop(ctx, &rp);
    return 0;
}
