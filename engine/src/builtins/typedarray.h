/* Binary data: ArrayBuffer / SharedArrayBuffer (arraybuffer.c), typed
 * arrays (typedarray.c, typedarray_proto.c) and DataView (dataview.c).
 * The first part is what the rest of the engine uses (the interpreter's
 * ta[i] fast paths, the array iterator, $262.detachArrayBuffer); the
 * second part is shared only between the binary data files. */
#ifndef BUILTINS_TYPEDARRAY_H
#define BUILTINS_TYPEDARRAY_H

#include "builtins.h"

/* ---- layouts ---- */

/* ArrayBuffer and SharedArrayBuffer instances. data is js_malloc'ed
 * (alloc_size bytes, possibly more than byte_length for a resizable
 * buffer) and freed by the class finalizer; NULL when nothing is
 * allocated. A detached buffer has data NULL and byte_length 0. */
typedef struct JSArrayBuffer {
    JSObject base;          /* class ARRAY_BUFFER or SHARED_ARRAY_BUFFER */
    uint8_t *data;
    uint64_t byte_length;   /* of a growable shared buffer: see js_ab_byte_length */
    uint64_t max_byte_length;   /* resizable (growable) buffers only */
    uint64_t alloc_size;
    struct JSSharedBlock *shared;   /* SharedArrayBuffer: its block; else NULL */
    bool detached;
    bool resizable;         /* resizable ArrayBuffer / growable SharedArrayBuffer */
    bool immutable;         /* immutable ArrayBuffer: never written, resized or detached */
} JSArrayBuffer;

/* The data block of a SharedArrayBuffer. It lives outside every heap
 * (plain calloc) because SharedArrayBuffer cells of several runtimes, in
 * several threads, point at it: each cell holds one reference and its
 * finalizer drops it; the last reference frees the block. A growable
 * block reserves max_byte_length bytes up front, so growing never moves
 * the bytes: it only raises byte_length (atomically; it never shrinks),
 * which every thread reads with an atomic load. data is never NULL. */
typedef struct JSSharedBlock {
    uint64_t refcount;          /* atomic */
    uint64_t byte_length;       /* atomic */
    uint64_t max_byte_length;   /* == byte_length for a fixed-length block */
    bool growable;
    uint8_t *data;
} JSSharedBlock;

/* ArrayBufferByteLength(ab, seq-cst): the length every thread agrees on
 * for a growable shared buffer, the cell's own field otherwise. Pure. */
static inline uint64_t js_ab_byte_length(const JSArrayBuffer *ab)
{
    if (ab->shared && ab->resizable)
        return __atomic_load_n(&ab->shared->byte_length, __ATOMIC_SEQ_CST);
    return ab->byte_length;
}

/* Typed arrays (classes UINT8C_ARRAY..FLOAT64_ARRAY) and DataViews (class
 * DATAVIEW) share this layout. `length` is [[ArrayLength]] in elements for
 * a typed array and [[ByteLength]] for a DataView; it is unused when
 * `track` is set (the view follows the length of a resizable buffer:
 * "auto" in the spec). */
typedef struct JSTypedArray {
    JSObject base;
    JSObject *buffer;       /* [[ViewedArrayBuffer]], a JSArrayBuffer */
    uint64_t byte_offset;
    uint64_t length;
    bool track;
} JSTypedArray;

/* Element types, in class-id order (type = class id - JS_CLASS_UINT8C_ARRAY). */
typedef enum JSTypedArrayType {
    JS_TA_UINT8C, JS_TA_INT8, JS_TA_UINT8, JS_TA_INT16, JS_TA_UINT16,
    JS_TA_INT32, JS_TA_UINT32, JS_TA_BIGINT64, JS_TA_BIGUINT64,
    JS_TA_FLOAT16, JS_TA_FLOAT32, JS_TA_FLOAT64, JS_TA_TYPE_COUNT
} JSTypedArrayType;

/* Whether a is a predefined atom ("length", "buffer", "set", ...) that
 * is not a canonical numeric string: of the predefined atoms only "NaN"
 * and "Infinity" are, so a typed array looks every other one up as an
 * ordinary property. */
static inline bool js_atom_is_predefined_name(JSAtom a)
{
    return a < JS_ATOM_END && a != JS_ATOM_NaN && a != JS_ATOM_Infinity;
}

static inline bool js_class_is_typed_array(JSClassID id)
{
    return id >= JS_CLASS_UINT8C_ARRAY && id <= JS_CLASS_FLOAT64_ARRAY;
}
/* True if v is a typed array object. Pure. */
static inline bool js_is_typed_array(JSValue v)
{
    return js_is_object(v) && js_class_is_typed_array(js_object_class(JS_VALUE_GET_OBJ(v)));
}

/* ---- for the rest of the engine ---- */

/* TypedArrayLength of typed array ta, or -1 when it is out of bounds
 * (IsTypedArrayOutOfBounds, which includes a detached buffer). The array
 * iterator throws TypeError on -1. Never collects, never throws. */
int64_t js_typed_array_get_length(JSObject *ta);

/* Fast [[Get]] of element idx of typed array ta for the interpreter:
 * the element as a number, JS_UNDEFINED when idx is not a valid index
 * (out of range, detached), or JS_EMPTY for BigInt64/BigUint64 arrays
 * (take the slow path: js_get_index). Never collects, never throws. */
JSValue js_typed_array_get_fast(JSObject *ta, uint32_t idx);

/* Fast [[Set]] of element idx of typed array ta to a number v: returns 1
 * when done (an invalid index is silently ignored, as the spec says), 0
 * when not handled (v is not a number, or a BigInt array): the caller
 * then takes the slow path (js_set_index). Never collects, never throws. */
int js_typed_array_set_fast(JSObject *ta, uint32_t idx, JSValue v);

/* DetachArrayBuffer(buf): TypeError (returns -1) if buf is not an
 * ArrayBuffer (shared buffers cannot be detached); frees the data.
 * Never collects. Returns 0 on success. Used by $262.detachArrayBuffer
 * and ArrayBuffer.prototype.transfer. */
int js_detach_array_buffer(JSContext *ctx, JSValue buf);

/* The bytes of an ArrayBuffer / SharedArrayBuffer (for hosts): a pointer
 * and *len, NULL with *len 0 when detached or empty; NULL after throwing
 * TypeError when obj is not a buffer. Never collects. */
uint8_t *js_array_buffer_get_data(JSContext *ctx, JSValue obj, uint64_t *len);

/* A SharedArrayBuffer cell of ctx's realm over block b, taking one more
 * reference on b. May collect; JS_EXCEPTION on out of memory. */
JSValue js_shared_array_buffer_from_block(JSContext *ctx, JSSharedBlock *b);

/* Takes / drops one reference on a shared block (thread-safe; the last
 * drop frees it). Never collects. */
void js_shared_block_ref(JSSharedBlock *b);
void js_shared_block_unref(JSSharedBlock *b);

/* Creates everything of arraybuffer.c, typedarray*.c and dataview.c on
 * ctx (declared in builtins.h too). Must run after js_init_array (it
 * reuses Array.prototype.toString and the array iterators). */
int js_init_typed_arrays(JSContext *ctx);

/* ---- BigInt interface ----
 * These come from the BigInt file (bigint.c, not written yet). Until it
 * exists typedarray.c provides weak fallbacks that throw TypeError, so the
 * engine links; bigint.c's definitions replace them. */
/* ToBigInt64 / ToBigUint64 (ToBigInt, then modulo 2^64). May run JS. 0 / -1. */
int js_to_bigint64(JSContext *ctx, int64_t *out, JSValue v);
int js_to_biguint64(JSContext *ctx, uint64_t *out, JSValue v);
/* A BigInt value. May collect; JS_EXCEPTION on OOM. */
JSValue js_bigint_from_int64(JSContext *ctx, int64_t v);
JSValue js_bigint_from_uint64(JSContext *ctx, uint64_t v);

/* ==== internal to the binary data files ==== */

/* Argument i of a native function, undefined past argc (argv only has
 * `length` entries guaranteed). */
#define ARG(i) ((i) < argc ? argv[(i)] : JS_UNDEFINED)

/* A function entry of a JSPropEntry table (context.h's JS_CFUNC_DEF
 * cannot name a function called `fn`-anything through its designator). */
#define BD_FUNC(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }

extern const uint8_t js_ta_size_log2[JS_TA_TYPE_COUNT];

static inline JSTypedArrayType js_ta_type(const JSObject *ta)
{
    return (JSTypedArrayType)(js_object_class(ta) - JS_CLASS_UINT8C_ARRAY);
}
static inline bool js_ta_type_is_bigint(JSTypedArrayType t)
{
    return t == JS_TA_BIGINT64 || t == JS_TA_BIGUINT64;
}
static inline JSArrayBuffer *js_ta_buffer(const JSObject *ta)
{
    return (JSArrayBuffer *)((const JSTypedArray *)ta)->buffer;
}
static inline bool js_is_array_buffer_class(JSValue v)
{
    return js_object_is_class(v, JS_CLASS_ARRAY_BUFFER) ||
           js_object_is_class(v, JS_CLASS_SHARED_ARRAY_BUFFER);
}

/* AllocateArrayBuffer / AllocateSharedArrayBuffer (id selects): the
 * prototype from new_target (undefined: the realm's intrinsic), then a
 * zeroed block. max_len UINT64_MAX means fixed length. RangeError when
 * len > max_len or the block cannot be allocated. May run JS (the
 * prototype lookup), may collect; JS_EXCEPTION on error. */
JSValue js_array_buffer_alloc(JSContext *ctx, JSValue new_target, JSClassID id, uint64_t len, uint64_t max_len);

/* Float16 <-> double, exact (round to nearest, ties to even). Pure. */
uint16_t js_f64_to_f16(double d);
double js_f16_to_f64(uint16_t h);

/* Numeric element conversion: the raw element of type t (the low bytes
 * of the returned word in host order) for a number d. Pure. */
uint64_t js_ta_number_to_raw(JSTypedArrayType t, double d);
/* Element value of type t read from p (any alignment, host order) as a
 * JS value; BigInt types allocate. May collect for BigInt types only. */
JSValue js_ta_load(JSContext *ctx, JSTypedArrayType t, const uint8_t *p);
/* Stores raw (from js_ta_number_to_raw or a 64-bit BigInt) at p. */
void js_ta_store_raw(JSTypedArrayType t, uint8_t *p, uint64_t raw);
/* Converts v for an element of type t (ToNumber or ToBigInt64): the raw
 * element in *raw. May run JS; 0 or -1. */
int js_ta_value_to_raw(JSContext *ctx, JSTypedArrayType t, JSValue v, uint64_t *raw);

/* IsViewOutOfBounds-style length of a view: for a typed array, -1 when
 * out of bounds or detached, else its element length. Pure. */
static inline int64_t js_ta_length(JSObject *ta) { return js_typed_array_get_length(ta); }

/* True if the buffer viewed by typed array / DataView ta is immutable. Pure. */
static inline bool js_ta_is_immutable(const JSObject *ta)
{
    const JSArrayBuffer *ab = js_ta_buffer(ta);
    return ab && ab->immutable;
}

/* ValidateTypedArray(this, write): as js_ta_validate, and also TypeError
 * when the viewed buffer is immutable. Never collects. */
JSObject *js_ta_validate_write(JSContext *ctx, JSValue this_val, int64_t *len);

/* ValidateTypedArray(this): TypeError if this is not a typed array or is
 * out of bounds; else the object and *len = TypedArrayLength. Never
 * collects. */
JSObject *js_ta_validate(JSContext *ctx, JSValue this_val, int64_t *len);

/* TypedArrayGetElement(ta, idx): undefined unless idx is a valid index.
 * May collect (BigInt). */
JSValue js_ta_get_element(JSContext *ctx, JSObject *ta, double idx);

/* TypedArraySpeciesCreate(exemplar, argc/argv) and
 * TypedArrayCreateFromConstructor(ctor, argc/argv): argv rooted by the
 * caller. With argc == 1 and a number argument, the result's length is
 * checked against it (TypeError if shorter). May run JS. */
JSValue js_ta_species_create(JSContext *ctx, JSValue exemplar, int argc, JSValue *argv);
JSValue js_ta_create_from_ctor(JSContext *ctx, JSValue ctor, int argc, JSValue *argv);
/* TypedArrayCreateSameType(exemplar, len). May collect. */
JSValue js_ta_create_same_type(JSContext *ctx, JSObject *exemplar, uint64_t len);

/* The realm's constructor for class id ARRAY_BUFFER..DATAVIEW (kept in the
 * data slot of %TypedArray%): undefined before set-up. Never collects. */
JSValue js_binary_ctor(JSContext *ctx, JSClassID id);
void js_binary_set_ctor(JSContext *ctx, JSClassID id, JSValue ctor);

/* typedarray_proto.c: defines the %TypedArray%.prototype methods on proto. */
int js_ta_proto_init(JSContext *ctx, JSValue proto);
/* dataview.c */
int js_dataview_init(JSContext *ctx);
/* arraybuffer.c */
int js_array_buffer_init(JSContext *ctx);
/* uint8_base64.c: Uint8Array.fromBase64/fromHex and prototype methods. */
int js_uint8_base64_init(JSContext *ctx, JSValue ctor, JSValue proto);

#endif
