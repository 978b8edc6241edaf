/* ArrayBuffer and SharedArrayBuffer (ECMA-262 25.1, 25.2): allocation of
 * the byte blocks (fixed-length and resizable / growable), detaching,
 * the constructors, ArrayBuffer.isView, and both prototypes (byteLength,
 * maxByteLength, resizable/growable, detached, immutable, resize/grow,
 * slice, sliceToImmutable, transfer, transferToFixedLength,
 * transferToImmutable). A SharedArrayBuffer's bytes are a JSSharedBlock
 * (typedarray.h) shared by reference count with other runtimes. */
#include <stdlib.h>
#include <string.h>
#include "typedarray.h"
#include "../conv.h"

/* Largest block we try to allocate; larger requests are a RangeError
 * ("cannot allocate") without asking malloc. */
#define JS_AB_MAX_BYTES ((uint64_t)1 << 32)

void js_shared_block_ref(JSSharedBlock *b)
{
    __atomic_fetch_add(&b->refcount, 1, __ATOMIC_RELAXED);
}

void js_shared_block_unref(JSSharedBlock *b)
{
    /* acq_rel: the freeing thread sees every other thread's last writes */
    if (__atomic_sub_fetch(&b->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
        free(b->data);
        free(b);
    }
}

static void array_buffer_finalize(JSRuntime *rt, JSObject *obj)
{
    JSArrayBuffer *ab = (JSArrayBuffer *)obj;
    if (ab->shared) {
        js_shared_block_unref(ab->shared);
        ab->shared = NULL;
    } else if (ab->data)
        js_free(rt, ab->data, (size_t)ab->alloc_size);
    ab->data = NULL;
}

static const JSClass array_buffer_class = {
    .name = "ArrayBuffer",
    .size = sizeof(JSArrayBuffer),
    .finalize = array_buffer_finalize,
};

static const JSClass shared_array_buffer_class = {
    .name = "SharedArrayBuffer",
    .size = sizeof(JSArrayBuffer),
    .finalize = array_buffer_finalize,
};

/* Replaces a pending out-of-memory error by the RangeError the spec asks
 * for when a data block cannot be created. */
static JSValue throw_alloc_failed(JSContext *ctx)
{
    (void)js_get_exception(ctx);
    return js_throw_range_error(ctx, "cannot allocate array buffer memory");
}

/* Allocates a zeroed block of len bytes; *out is NULL for len 0.
 * Returns 0, or -1 after throwing RangeError. */
static int alloc_block(JSContext *ctx, uint64_t len, uint8_t **out)
{
    *out = NULL;
    if (len == 0)
        return 0;
    if (len > JS_AB_MAX_BYTES) {
        js_throw_range_error(ctx, "array buffer allocation size too large");
        return -1;
    }
    uint8_t *p = js_mallocz(ctx, (size_t)len);
    if (!p) {
        throw_alloc_failed(ctx);
        return -1;
    }
    *out = p;
    return 0;
}

/* A new shared block of len bytes (max_len reserved when growable), with
 * one reference; NULL after throwing RangeError. */
static JSSharedBlock *shared_block_new(JSContext *ctx, uint64_t len, uint64_t max_len)
{
    bool growable = max_len != UINT64_MAX;
    uint64_t reserve = growable ? max_len : len;
    if (reserve > JS_AB_MAX_BYTES) {
        js_throw_range_error(ctx, "array buffer allocation size too large");
        return NULL;
    }
    JSSharedBlock *b = calloc(1, sizeof *b);
    /* calloc of at least one byte, so that data is never NULL */
    uint8_t *data = b ? calloc(1, reserve ? (size_t)reserve : 1) : NULL;
    if (!data) {
        free(b);
        js_throw_range_error(ctx, "cannot allocate array buffer memory");
        return NULL;
    }
    b->refcount = 1;
    b->byte_length = len;
    b->max_byte_length = reserve;
    b->growable = growable;
    b->data = data;
    return b;
}

/* Points the fresh SharedArrayBuffer cell ab at block b (whose reference
 * it takes over). */
static void attach_block(JSArrayBuffer *ab, JSSharedBlock *b)
{
    ab->shared = b;
    ab->data = b->data;
    ab->byte_length = __atomic_load_n(&b->byte_length, __ATOMIC_SEQ_CST);
    ab->alloc_size = b->max_byte_length;
    ab->max_byte_length = b->max_byte_length;
    ab->resizable = b->growable;
    ab->detached = false;
    ab->immutable = false;
}

/* A new buffer object of class id with the realm's prototype for it. */
static JSValue new_buffer_object(JSContext *ctx, JSClassID id)
{
    /* the family may not be set up yet in this realm (lazy_global.c) */
    JSValue proto = js_realm_class_proto(ctx, id);
    if (js_is_exception(proto))
        return proto;
    JSObject *o = js_new_object_proto_class(ctx, proto, id);
    return o ? js_mkptr(JS_TAG_OBJECT, o) : JS_EXCEPTION;
}

JSValue js_shared_array_buffer_from_block(JSContext *ctx, JSSharedBlock *b)
{
    JSValue obj = new_buffer_object(ctx, JS_CLASS_SHARED_ARRAY_BUFFER);
    if (js_is_exception(obj))
        return obj;
    js_shared_block_ref(b);
    attach_block((JSArrayBuffer *)JS_VALUE_GET_OBJ(obj), b);
    return obj;
}

JSValue js_array_buffer_alloc(JSContext *ctx, JSValue new_target, JSClassID id, uint64_t len, uint64_t max_len)
{
    if (max_len != UINT64_MAX && len > max_len)
        return js_throw_range_error(ctx, "byte length exceeds maxByteLength");
    JSValue obj = js_is_undefined(new_target) ? new_buffer_object(ctx, id)
                                              : js_create_from_ctor(ctx, new_target, id);
    if (js_is_exception(obj))
        return obj;
    if (max_len != UINT64_MAX && max_len > JS_AB_MAX_BYTES)
        return js_throw_range_error(ctx, "maxByteLength too large");
    if (id == JS_CLASS_SHARED_ARRAY_BUFFER) {
        JSSharedBlock *b = shared_block_new(ctx, len, max_len);
        if (!b)
            return JS_EXCEPTION;
        attach_block((JSArrayBuffer *)JS_VALUE_GET_OBJ(obj), b);
        return obj;
    }
    uint8_t *data;
    if (alloc_block(ctx, len, &data) < 0)
        return JS_EXCEPTION;
    JSArrayBuffer *ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(obj);
    ab->data = data;
    ab->byte_length = len;
    ab->alloc_size = len;
    ab->detached = false;
    ab->immutable = false;
    ab->resizable = max_len != UINT64_MAX;
    ab->max_byte_length = ab->resizable ? max_len : len;
    return obj;
}

int js_detach_array_buffer(JSContext *ctx, JSValue buf)
{
    if (!js_object_is_class(buf, JS_CLASS_ARRAY_BUFFER)) {
        js_throw_type_error(ctx, "not an ArrayBuffer");
        return -1;
    }
    JSArrayBuffer *ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(buf);
    if (ab->immutable) {
        js_throw_type_error(ctx, "immutable ArrayBuffer cannot be detached");
        return -1;
    }
    if (ab->data)
        js_free(ctx->rt, ab->data, (size_t)ab->alloc_size);
    ab->data = NULL;
    ab->alloc_size = 0;
    ab->byte_length = 0;
    ab->detached = true;
    return 0;
}

uint8_t *js_array_buffer_get_data(JSContext *ctx, JSValue obj, uint64_t *len)
{
    *len = 0;
    if (!js_is_array_buffer_class(obj)) {
        js_throw_type_error(ctx, "not an ArrayBuffer");
        return NULL;
    }
    JSArrayBuffer *ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(obj);
    *len = js_ab_byte_length(ab);
    return *len ? ab->data : NULL;
}

/* Changes the length of a resizable buffer in place; new bytes are zero.
 * 0, or -1 after throwing RangeError. */
static int buffer_set_length(JSContext *ctx, JSArrayBuffer *ab, uint64_t new_len)
{
    if (new_len > ab->alloc_size) {
        uint64_t cap = ab->alloc_size * 2;
        if (cap < new_len)
            cap = new_len;
        if (cap > ab->max_byte_length)
            cap = ab->max_byte_length;
        uint8_t *p;
        if (ab->data)
            p = js_realloc(ctx, ab->data, (size_t)ab->alloc_size, (size_t)cap);
        else
            p = js_malloc(ctx, (size_t)cap);
        if (!p) {
            throw_alloc_failed(ctx);
            return -1;
        }
        ab->data = p;
        ab->alloc_size = cap;
    }
    if (new_len > ab->byte_length)
        memset(ab->data + ab->byte_length, 0, (size_t)(new_len - ab->byte_length));
    ab->byte_length = new_len;
    return 0;
}

/* GetArrayBufferMaxByteLengthOption: UINT64_MAX for "empty". */
static int get_max_byte_length_option(JSContext *ctx, JSValue options, uint64_t *out)
{
    *out = UINT64_MAX;
    if (!js_is_object(options))
        return 0;
    JSValue v = js_get_property(ctx, options, JS_ATOM_maxByteLength);
    if (js_is_exception(v))
        return -1;
    if (js_is_undefined(v))
        return 0;
    return js_to_index(ctx, out, v);
}

/* new ArrayBuffer(length [, options]) / new SharedArrayBuffer(...);
 * magic is the class id. */
static JSValue array_buffer_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(new_target))
        return js_throw_type_error(ctx, "constructor requires 'new'");
    uint64_t len, max_len;
    if (js_to_index(ctx, &len, ARG(0)) < 0)
        return JS_EXCEPTION;
    if (get_max_byte_length_option(ctx, ARG(1), &max_len) < 0)
        return JS_EXCEPTION;
    return js_array_buffer_alloc(ctx, new_target, (JSClassID)magic, len, max_len);
}

static JSValue array_buffer_is_view(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue v = ARG(0);
    return js_bool(js_is_typed_array(v) || js_object_is_class(v, JS_CLASS_DATAVIEW));
}

static JSValue get_species(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* this as a buffer of class id (magic of the prototype functions). */
static JSArrayBuffer *this_buffer(JSContext *ctx, JSValue this_val, JSClassID id)
{
    if (!js_object_is_class(this_val, id)) {
        js_throw_type_error(ctx, id == JS_CLASS_ARRAY_BUFFER ? "not an ArrayBuffer"
                                                               : "not a SharedArrayBuffer");
        return NULL;
    }
    return (JSArrayBuffer *)JS_VALUE_GET_OBJ(this_val);
}

static JSValue ab_get_byte_length(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayBuffer *ab = this_buffer(ctx, this_val, (JSClassID)magic);
    if (!ab)
        return JS_EXCEPTION;
    return js_number((double)js_ab_byte_length(ab));
}

static JSValue ab_get_max_byte_length(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayBuffer *ab = this_buffer(ctx, this_val, (JSClassID)magic);
    if (!ab)
        return JS_EXCEPTION;
    if (ab->detached)
        return js_int(0);
    return js_number((double)(ab->resizable ? ab->max_byte_length : ab->byte_length));
}

static JSValue ab_get_resizable(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayBuffer *ab = this_buffer(ctx, this_val, (JSClassID)magic);
    if (!ab)
        return JS_EXCEPTION;
    return js_bool(ab->resizable);
}

static JSValue ab_get_detached(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayBuffer *ab = this_buffer(ctx, this_val, JS_CLASS_ARRAY_BUFFER);
    if (!ab)
        return JS_EXCEPTION;
    return js_bool(ab->detached);
}

static JSValue ab_get_immutable(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayBuffer *ab = this_buffer(ctx, this_val, JS_CLASS_ARRAY_BUFFER);
    if (!ab)
        return JS_EXCEPTION;
    return js_bool(ab->immutable);
}

/* ArrayBuffer.prototype.resize(newLength) (magic ARRAY_BUFFER) and
 * SharedArrayBuffer.prototype.grow(newLength) (magic SHARED_ARRAY_BUFFER). */
static JSValue ab_resize(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayBuffer *ab = this_buffer(ctx, this_val, (JSClassID)magic);
    if (!ab)
        return JS_EXCEPTION;
    if (ab->immutable)
        return js_throw_type_error(ctx, "ArrayBuffer is immutable");
    if (!ab->resizable)
        return js_throw_type_error(ctx, magic == JS_CLASS_ARRAY_BUFFER ? "ArrayBuffer is not resizable"
                                                                       : "SharedArrayBuffer is not growable");
    uint64_t new_len;
    if (js_to_index(ctx, &new_len, ARG(0)) < 0)
        return JS_EXCEPTION;
    ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(this_val);
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached");
    if (new_len > ab->max_byte_length)
        return js_throw_range_error(ctx, "new length exceeds maxByteLength");
    if (ab->shared) {
        /* HostGrowSharedArrayBuffer: the bytes are already reserved and
         * zero; raise the length unless another thread went past it. */
        uint64_t cur = __atomic_load_n(&ab->shared->byte_length, __ATOMIC_SEQ_CST);
        do {
            if (new_len < cur)
                return js_throw_range_error(ctx, "SharedArrayBuffer cannot shrink");
        } while (new_len != cur &&
                 !__atomic_compare_exchange_n(&ab->shared->byte_length, &cur, new_len, false,
                                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
        ab->byte_length = new_len;
        return JS_UNDEFINED;
    }
    if (buffer_set_length(ctx, ab, new_len) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* Relative index conversion of slice(): ToIntegerOrInfinity, then clamp
 * into [0, len]. */
static int relative_index(JSContext *ctx, JSValue v, uint64_t len, uint64_t dflt, uint64_t *out)
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
        *out = d < 0 ? 0 : (uint64_t)d;
    } else {
        *out = d > (double)len ? len : (uint64_t)d;
    }
    return 0;
}

/* ArrayBuffer.prototype.slice / SharedArrayBuffer.prototype.slice. */
static JSValue ab_slice(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSClassID id = (JSClassID)magic;
    JSArrayBuffer *ab = this_buffer(ctx, this_val, id);
    if (!ab)
        return JS_EXCEPTION;
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached");
    uint64_t len = js_ab_byte_length(ab), first, final_;
    if (relative_index(ctx, ARG(0), len, 0, &first) < 0 ||
        relative_index(ctx, ARG(1), len, len, &final_) < 0)
        return JS_EXCEPTION;
    uint64_t new_len = final_ > first ? final_ - first : 0;
    JSRoot rd, rn;
    js_root_push(ctx, &rd, js_binary_ctor(ctx, id));
    JSValue ctor = js_species_constructor(ctx, this_val, rd.v);
    if (js_is_exception(ctor))
        return ctor;
    rd.v = ctor;
    JSValue arg = js_number((double)new_len);
    js_root_push(ctx, &rn, arg);
    JSValue nb = js_construct(ctx, rd.v, 1, &rn.v, rd.v);
    if (js_is_exception(nb))
        return nb;
    rn.v = nb;
    if (!js_object_is_class(nb, id))
        return js_throw_type_error(ctx, "species constructor did not return a %s",
                                   id == JS_CLASS_ARRAY_BUFFER ? "ArrayBuffer" : "SharedArrayBuffer");
    JSArrayBuffer *nab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(nb);
    ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(this_val);
    if (nab->detached)
        return js_throw_type_error(ctx, "species constructor returned a detached ArrayBuffer");
    if (nab->immutable)
        return js_throw_type_error(ctx, "species constructor returned an immutable ArrayBuffer");
    if (nab == ab)
        return js_throw_type_error(ctx, "species constructor returned the same buffer");
    if (js_ab_byte_length(nab) < new_len)
        return js_throw_type_error(ctx, "species constructor returned a too small buffer");
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached");
    uint64_t cur = js_ab_byte_length(ab);
    if (first < cur) {
        uint64_t count = cur - first;
        if (count > new_len)
            count = new_len;
        if (count)
            memmove(nab->data, ab->data + first, (size_t)count);
    }
    js_root_pop(ctx, &rd);
    return nb;
}

/* ArrayBufferCopyAndDetach: transfer (magic 1, preserve resizability),
 * transferToFixedLength (magic 0) and transferToImmutable (magic 2). */
static JSValue ab_transfer(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayBuffer *ab = this_buffer(ctx, this_val, JS_CLASS_ARRAY_BUFFER);
    if (!ab)
        return JS_EXCEPTION;
    uint64_t new_len;
    if (js_is_undefined(ARG(0))) {
        new_len = ab->byte_length;
    } else if (js_to_index(ctx, &new_len, ARG(0)) < 0) {
        return JS_EXCEPTION;
    }
    ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(this_val);
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached");
    if (ab->immutable)
        return js_throw_type_error(ctx, "ArrayBuffer is immutable");
    uint64_t max_len = UINT64_MAX;
    if (magic == 1 && ab->resizable)
        max_len = ab->max_byte_length;
    if (max_len != UINT64_MAX && new_len > max_len)
        return js_throw_range_error(ctx, "new length exceeds maxByteLength");
    JSValue nb;
    if (max_len == UINT64_MAX && new_len == ab->byte_length && !ab->resizable) {
        /* Same size, fixed length: hand the block over without copying. */
        nb = js_array_buffer_alloc(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, 0, UINT64_MAX);
        if (js_is_exception(nb))
            return nb;
        ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(this_val);
        JSArrayBuffer *nab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(nb);
        nab->data = ab->data;
        nab->alloc_size = ab->alloc_size;
        nab->byte_length = ab->byte_length;
        nab->max_byte_length = ab->byte_length;
        ab->data = NULL;
        ab->alloc_size = 0;
    } else {
        nb = js_array_buffer_alloc(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, new_len, max_len);
        if (js_is_exception(nb))
            return nb;
        ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(this_val);
        JSArrayBuffer *nab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(nb);
        uint64_t n = new_len < ab->byte_length ? new_len : ab->byte_length;
        if (n)
            memcpy(nab->data, ab->data, (size_t)n);
    }
    js_detach_array_buffer(ctx, this_val);
    if (magic == 2)
        ((JSArrayBuffer *)JS_VALUE_GET_OBJ(nb))->immutable = true;
    return nb;
}

/* ArrayBuffer.prototype.sliceToImmutable(start, end): a new immutable
 * buffer holding a copy of the bytes [start, end) (resolved against the
 * length before the arguments are converted). */
static JSValue ab_slice_to_immutable(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayBuffer *ab = this_buffer(ctx, this_val, JS_CLASS_ARRAY_BUFFER);
    if (!ab)
        return JS_EXCEPTION;
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached");
    uint64_t len = ab->byte_length, first, final_;
    if (relative_index(ctx, ARG(0), len, 0, &first) < 0 ||
        relative_index(ctx, ARG(1), len, len, &final_) < 0)
        return JS_EXCEPTION;
    uint64_t new_len = final_ > first ? final_ - first : 0;
    ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(this_val);
    if (ab->detached)
        return js_throw_type_error(ctx, "ArrayBuffer is detached");
    if (new_len && final_ > ab->byte_length)
        return js_throw_range_error(ctx, "ArrayBuffer is too small for the slice");
    JSValue nb = js_array_buffer_alloc(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, new_len, UINT64_MAX);
    if (js_is_exception(nb))
        return nb;
    ab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(this_val);
    JSArrayBuffer *nab = (JSArrayBuffer *)JS_VALUE_GET_OBJ(nb);
    if (new_len)
        memcpy(nab->data, ab->data + first, (size_t)new_len);
    nab->immutable = true;
    return nb;
}

static const JSPropEntry array_buffer_ctor_props[] = {
    BD_FUNC("isView", 1, array_buffer_is_view, 0),
    JS_CGETSET_DEF("[Symbol.species]", get_species, NULL),
};

static const JSPropEntry array_buffer_proto_props[] = {
    JS_CGETSET_MAGIC_DEF("byteLength", ab_get_byte_length, NULL, JS_CLASS_ARRAY_BUFFER),
    JS_CGETSET_MAGIC_DEF("maxByteLength", ab_get_max_byte_length, NULL, JS_CLASS_ARRAY_BUFFER),
    JS_CGETSET_MAGIC_DEF("resizable", ab_get_resizable, NULL, JS_CLASS_ARRAY_BUFFER),
    JS_CGETSET_DEF("detached", ab_get_detached, NULL),
    JS_CGETSET_DEF("immutable", ab_get_immutable, NULL),
    BD_FUNC("resize", 1, ab_resize, JS_CLASS_ARRAY_BUFFER),
    BD_FUNC("slice", 2, ab_slice, JS_CLASS_ARRAY_BUFFER),
    BD_FUNC("transfer", 0, ab_transfer, 1),
    BD_FUNC("transferToFixedLength", 0, ab_transfer, 0),
    BD_FUNC("transferToImmutable", 0, ab_transfer, 2),
    BD_FUNC("sliceToImmutable", 2, ab_slice_to_immutable, 0),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "ArrayBuffer", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry shared_array_buffer_ctor_props[] = {
    JS_CGETSET_DEF("[Symbol.species]", get_species, NULL),
};

static const JSPropEntry shared_array_buffer_proto_props[] = {
    JS_CGETSET_MAGIC_DEF("byteLength", ab_get_byte_length, NULL, JS_CLASS_SHARED_ARRAY_BUFFER),
    JS_CGETSET_MAGIC_DEF("growable", ab_get_resizable, NULL, JS_CLASS_SHARED_ARRAY_BUFFER),
    JS_CGETSET_MAGIC_DEF("maxByteLength", ab_get_max_byte_length, NULL, JS_CLASS_SHARED_ARRAY_BUFFER),
    BD_FUNC("grow", 1, ab_resize, JS_CLASS_SHARED_ARRAY_BUFFER),
    BD_FUNC("slice", 2, ab_slice, JS_CLASS_SHARED_ARRAY_BUFFER),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "SharedArrayBuffer", JS_PROP_CONFIGURABLE),
};

#define COUNTOF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Creates one of the two buffer constructors with its prototype. */
static int init_buffer_ctor(JSContext *ctx, JSClassID id, const char *name,
                            const JSPropEntry *ctor_props, int n_ctor,
                            const JSPropEntry *proto_props, int n_proto)
{
    JSRoot rp;
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    js_root_push(ctx, &rp, proto);
    ctx->class_proto[id] = proto;
    if (js_define_prop_entries(ctx, proto, proto_props, n_proto) < 0)
        return -1;
    JSValue ctor = js_new_constructor(ctx, array_buffer_ctor, name, 1, (int)id, proto);
    if (js_is_exception(ctor))
        return -1;
    js_binary_set_ctor(ctx, id, ctor);
    if (js_define_prop_entries(ctx, ctor, ctor_props, n_ctor) < 0)
        return -1;
    js_root_pop(ctx, &rp);
    return 0;
}

int js_array_buffer_init(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_ARRAY_BUFFER, &array_buffer_class);
    js_register_class(ctx->rt, JS_CLASS_SHARED_ARRAY_BUFFER, &shared_array_buffer_class);
    if (init_buffer_ctor(ctx, JS_CLASS_ARRAY_BUFFER, "ArrayBuffer",
                         array_buffer_ctor_props, COUNTOF(array_buffer_ctor_props),
                         array_buffer_proto_props, COUNTOF(array_buffer_proto_props)) < 0)
        return -1;
    return init_buffer_ctor(ctx, JS_CLASS_SHARED_ARRAY_BUFFER, "SharedArrayBuffer",
                            shared_array_buffer_ctor_props, COUNTOF(shared_array_buffer_ctor_props),
                            shared_array_buffer_proto_props, COUNTOF(shared_array_buffer_proto_props));
}
