/* The Array constructor (ECMA-262 23.1): Array(), Array.from, Array.of,
 * Array.isArray, Array[Symbol.species], ArrayCreate/ArraySpeciesCreate and
 * every Array.prototype method except the iterator and sort machinery
 * (array_iter.c). Each method follows the generic spec algorithm on
 * array-likes and takes a fast path on fast arrays (JS_OBJ_FAST_ARRAY)
 * whenever no user code can observe the difference. */
#include <math.h>
#include "array.h"
#include "../conv.h"

#define FN(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }
/* Argument i; argv only has `length` entries guaranteed. */
#define ARG(i) ((i) < argc ? argv[i] : JS_UNDEFINED)

#define MAX_SAFE_INT 9007199254740991LL

/* ---- small helpers ---- */

/* A rooted scratch vector of n values (all undefined): one allocation
 * roots every temporary of a method. NULL on OOM. */
static JSValueArray *frame_new(JSContext *ctx, JSRoot *r, uint32_t n)
{
    JSValueArray *a = js_value_array_new(ctx, n);
    if (!a)
        return NULL;
    js_root_push(ctx, r, js_mkptr(JS_TAG_CELL, a));
    return a;
}

static inline void fset(JSValueArray *f, uint32_t i, JSValue v)
{
    JS_STORE(ctx, f, f->values[i], v);
}

static inline bool is_fast_array(JSValue v)
{
    return js_is_object(v) && (JS_VALUE_GET_OBJ(v)->h.flags & JS_OBJ_FAST_ARRAY);
}

/* Get(O, k) with the fast-array shortcut for present elements. */
static JSValue get_idx(JSContext *ctx, JSValue o, int64_t k)
{
    if (is_fast_array(o) && k < 0xFFFFFFFFLL) {
        JSValue v = js_array_fast_get(JS_VALUE_GET_OBJ(o), (uint32_t)k);
        if (!js_is_empty(v))
            return v;
    }
    return js_get_index(ctx, o, k);
}

/* HasProperty(O, k): -1, 0 or 1. */
static int has_idx(JSContext *ctx, JSValue o, int64_t k)
{
    if (is_fast_array(o) && k < 0xFFFFFFFFLL &&
        !js_is_empty(js_array_fast_get(JS_VALUE_GET_OBJ(o), (uint32_t)k)))
        return 1;
    return js_has_index(ctx, o, k);
}

static int set_length(JSContext *ctx, JSValue o, int64_t len)
{
    return js_set_property(ctx, o, JS_ATOM_length, js_number((double)len), JS_THROW);
}

static int create_idx(JSContext *ctx, JSValue a, int64_t k, JSValue v)
{
    return js_create_data_property_index(ctx, a, k, v, JS_THROW);
}

/* RelativeIndex conversion used by slice, splice, fill, copyWithin, ...:
 * undefined gives dflt, negatives count from len, result in [0, len]. */
static int relative_index(JSContext *ctx, JSValue v, int64_t len, int64_t dflt, int64_t *out)
{
    double d;
    if (js_is_undefined(v)) {
        *out = dflt;
        return 0;
    }
    if (js_is_int(v)) {
        d = js_get_int(v);
    } else if (js_to_int_or_infinity(ctx, &d, v)) {
        return -1;
    }
    if (d < 0) {
        d += (double)len;
        *out = d < 0 ? 0 : (int64_t)d;
    } else {
        *out = d > (double)len ? len : (int64_t)d;
    }
    return 0;
}

/* ToObject(this) and LengthOfArrayLike, storing O in f[slot]. */
static int this_obj_len(JSContext *ctx, JSValue this_val, JSValueArray *f, uint32_t slot, int64_t *len)
{
    JSValue o = js_to_object(ctx, this_val);
    if (js_is_exception(o))
        return -1;
    fset(f, slot, o);
    if (is_fast_array(o)) {
        *len = js_array_length_fast(JS_VALUE_GET_OBJ(o));
        return 0;
    }
    return js_length_of_array_like(ctx, len, o);
}

/* True if the prototype chain of fast array o is the realm's default one
 * (%Array.prototype% without elements, then %Object.prototype%), so that
 * holes read as undefined unless %Object.prototype% has the index. */
static bool protos_plain(JSContext *ctx, JSObject *o)
{
    JSObject *ap = js_shape_proto(o->shape), *op;
    if (!ap || js_obj_value(ap) != ctx->class_proto[JS_CLASS_ARRAY])
        return false;
    if (!(ap->h.flags & JS_OBJ_FAST_ARRAY) || js_array_length_fast(ap) != 0)
        return false;
    op = js_shape_proto(ap->shape);
    return op && js_obj_value(op) == ctx->class_proto[JS_CLASS_OBJECT] &&
           js_shape_proto(op->shape) == NULL;
}

/* %Object.prototype% has no own property idx (ordinary object: no JS). */
static bool objproto_lacks(JSContext *ctx, uint32_t idx)
{
    if (idx > JS_ATOM_MAX_INT)
        return false;
    return js_get_own_property(ctx, ctx->class_proto[JS_CLASS_OBJECT], js_atom_from_uint(idx), NULL) == 0;
}

/* A fast array whose elements 0..len-1 are all present. */
static bool fast_no_holes(JSValue o, uint32_t *len_out)
{
    JSArray *a;
    uint32_t len, i;
    if (!is_fast_array(o))
        return false;
    a = (JSArray *)JS_VALUE_GET_OBJ(o);
    len = js_array_length_fast(&a->base);
    for (i = 0; i < len; i++) {
        if (js_is_empty(a->elems[i]))
            return false;
    }
    *len_out = len;
    return true;
}

/* ---- ArrayCreate / ArraySpeciesCreate ---- */

JSValue js_array_create(JSContext *ctx, int64_t len, JSValue proto)
{
    JSValue a;
    JSRoot r;
    if (len > 0xFFFFFFFFLL || len < 0)
        return js_throw_range_error(ctx, "Invalid array length");
    /* js_new_array keeps big lengths sparse (no element vector). */
    a = js_new_array(ctx, (uint32_t)len);
    if (js_is_exception(a))
        return a;
    js_root_push(ctx, &r, a);
    if (js_is_object(proto) && proto != ctx->class_proto[JS_CLASS_ARRAY] &&
        js_set_prototype_of(ctx, a, proto, JS_THROW) < 0)
        return JS_EXCEPTION;
    js_root_pop(ctx, &r);
    return a;
}

/* ArraySpeciesCreate; *fresh is set when the result is a new ordinary
 * array from ArrayCreate that no user code has seen. */
static JSValue species_create(JSContext *ctx, JSValue orig, int64_t len, bool *fresh)
{
    JSValue c;
    JSRoot r;
    int err = 0;
    bool is_arr;
    *fresh = false;
    is_arr = js_is_array(ctx, orig, &err);
    if (err)
        return JS_EXCEPTION;
    if (!is_arr) {
        *fresh = true;
        return js_array_create(ctx, len, JS_UNDEFINED);
    }
    c = js_get_property(ctx, orig, JS_ATOM_constructor);
    if (js_is_exception(c))
        return c;
    js_root_push(ctx, &r, c);
    if (js_is_constructor(c)) {
        JSContext *realm = js_get_function_realm(ctx, c);
        if (!realm)
            return JS_EXCEPTION;
        if (realm != ctx && c == realm->intrinsics[JS_INTRINSIC_ArrayConstructor])
            r.v = JS_UNDEFINED;
    }
    if (js_is_object(r.v)) {
        c = js_get_property(ctx, r.v, JS_ATOM_Symbol_species);
        if (js_is_exception(c))
            return c;
        r.v = js_is_null(c) ? JS_UNDEFINED : c;
    }
    if (js_is_undefined(r.v)) {
        js_root_pop(ctx, &r);
        *fresh = true;
        return js_array_create(ctx, len, JS_UNDEFINED);
    }
    if (!js_is_constructor(r.v))
        return js_throw_type_error(ctx, "species is not a constructor");
    {
        JSValue arg = js_number((double)len);
        JSValue res = js_construct(ctx, r.v, 1, &arg, r.v);
        js_root_pop(ctx, &r);
        return res;
    }
}

JSValue js_array_species_create(JSContext *ctx, JSValue original, int64_t len)
{
    bool fresh;
    return species_create(ctx, original, len, &fresh);
}

/* Stores v at index i of a fresh fast array (no user code has seen it,
 * it is extensible and i < length): CreateDataProperty needs no checks. */
static int fresh_store(JSContext *ctx, JSValue a, int64_t i, JSValue v)
{
    JSObject *o = JS_VALUE_GET_OBJ(a);
    if ((o->h.flags & JS_OBJ_FAST_ARRAY) && i < js_array_length_fast(o)) {
        JSArray *arr = (JSArray *)o;
        JS_STORE(ctx, o, arr->elems[i], v);
        return 0;
    }
    return create_idx(ctx, a, i, v);
}

/* ---- the constructor and its static methods ---- */

/* Array(...values); this_val is new.target. */
static JSValue array_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSValue proto, a;
    JSRoot rp, ra;
    int i;
    if (js_is_undefined(new_target))
        new_target = ctx->intrinsics[JS_INTRINSIC_ArrayConstructor];
    proto = js_get_prototype_from_ctor(ctx, new_target, JS_CLASS_ARRAY);
    if (js_is_exception(proto))
        return proto;
    js_root_push(ctx, &rp, proto);
    if (argc == 1) {
        JSValue len = argv[0];
        if (!js_is_number(len)) {
            a = js_array_create(ctx, 0, rp.v);
            if (js_is_exception(a))
                return a;
            js_root_push(ctx, &ra, a);
            if (create_idx(ctx, a, 0, len) < 0)
                return JS_EXCEPTION;
            js_root_pop(ctx, &rp);
            return a;
        } else {
            double d = js_number_value(len);
            uint32_t n = (uint32_t)js_double_to_int32(d);
            if ((double)n != d)
                return js_throw_range_error(ctx, "Invalid array length");
            a = js_array_create(ctx, n, rp.v);
            js_root_pop(ctx, &rp);
            return a;
        }
    }
    a = js_array_create(ctx, argc, rp.v);
    if (js_is_exception(a))
        return a;
    js_root_push(ctx, &ra, a);
    for (i = 0; i < argc; i++) {
        if (fresh_store(ctx, ra.v, i, argv[i]) < 0)
            return JS_EXCEPTION;
    }
    js_root_pop(ctx, &rp);
    return a;
}

/* Array.from(items, mapfn, thisArg) */
static JSValue array_from(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue items = argv[0], mapfn = ARG(1), v, m;
    bool mapping = !js_is_undefined(mapfn);
    int64_t k, len;
    /* f: 0 A, 1 iterator, 2 next, 3 array-like, 4..5 call args */
    if (mapping && !js_is_callable(mapfn))
        return js_throw_type_error(ctx, "Array.from: mapper is not a function");
    f = frame_new(ctx, &rf, 6);
    if (!f)
        return JS_EXCEPTION;
    m = js_get_method(ctx, items, JS_ATOM_Symbol_iterator);
    if (js_is_exception(m))
        return m;
    if (!js_is_undefined(m)) {
        JSIteratorRecord rec;
        fset(f, 1, m);
        if (js_is_constructor(this_val))
            v = js_construct(ctx, this_val, 0, NULL, this_val);
        else
            v = js_array_create(ctx, 0, JS_UNDEFINED);
        if (js_is_exception(v))
            return v;
        fset(f, 0, v);
        if (js_get_iterator_from_method(ctx, items, f->values[1], &rec))
            return JS_EXCEPTION;
        fset(f, 1, rec.iterator);
        fset(f, 2, rec.next);
        for (k = 0;; k++) {
            int st;
            if (k >= MAX_SAFE_INT) {
                js_throw_type_error(ctx, "Array.from: too many elements");
                js_iterator_close(ctx, f->values[1], true);
                return JS_EXCEPTION;
            }
            rec.iterator = f->values[1];
            rec.next = f->values[2];
            st = js_iterator_step_value(ctx, &rec, &v);
            if (st < 0)
                return JS_EXCEPTION;
            if (st == 0) {
                if (set_length(ctx, f->values[0], k) < 0)
                    return JS_EXCEPTION;
                return f->values[0];
            }
            if (mapping) {
                fset(f, 4, v);
                fset(f, 5, js_number((double)k));
                v = js_call(ctx, mapfn, ARG(2), 2, &f->values[4]);
                if (js_is_exception(v)) {
                    js_iterator_close(ctx, f->values[1], true);
                    return JS_EXCEPTION;
                }
            }
            if (create_idx(ctx, f->values[0], k, v) < 0) {
                js_iterator_close(ctx, f->values[1], true);
                return JS_EXCEPTION;
            }
        }
    }
    v = js_to_object(ctx, items);
    if (js_is_exception(v))
        return v;
    fset(f, 3, v);
    if (js_length_of_array_like(ctx, &len, v))
        return JS_EXCEPTION;
    if (js_is_constructor(this_val)) {
        JSValue arg = js_number((double)len);
        v = js_construct(ctx, this_val, 1, &arg, this_val);
    } else {
        v = js_array_create(ctx, len, JS_UNDEFINED);
    }
    if (js_is_exception(v))
        return v;
    fset(f, 0, v);
    for (k = 0; k < len; k++) {
        v = get_idx(ctx, f->values[3], k);
        if (js_is_exception(v))
            return v;
        if (mapping) {
            fset(f, 4, v);
            fset(f, 5, js_number((double)k));
            v = js_call(ctx, mapfn, ARG(2), 2, &f->values[4]);
            if (js_is_exception(v))
                return v;
        }
        if (create_idx(ctx, f->values[0], k, v) < 0)
            return JS_EXCEPTION;
    }
    if (set_length(ctx, f->values[0], len) < 0)
        return JS_EXCEPTION;
    return f->values[0];
}

/* Array.of(...items) */
static JSValue array_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue a;
    JSRoot r;
    int i;
    if (js_is_constructor(this_val)) {
        JSValue arg = js_int(argc);
        a = js_construct(ctx, this_val, 1, &arg, this_val);
    } else {
        a = js_array_create(ctx, argc, JS_UNDEFINED);
    }
    if (js_is_exception(a))
        return a;
    js_root_push(ctx, &r, a);
    for (i = 0; i < argc; i++) {
        if (create_idx(ctx, r.v, i, argv[i]) < 0)
            return JS_EXCEPTION;
    }
    if (set_length(ctx, r.v, argc) < 0)
        return JS_EXCEPTION;
    js_root_pop(ctx, &r);
    return a;
}

static JSValue array_is_array(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int err = 0;
    bool b = js_is_array(ctx, argv[0], &err);
    if (err)
        return JS_EXCEPTION;
    return js_bool(b);
}

static JSValue array_get_species(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* ---- Array.prototype: element access ---- */

static JSValue array_at(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    int64_t len;
    double k;
    if (is_fast_array(this_val) && js_is_int(argv[0])) {
        JSObject *o = JS_VALUE_GET_OBJ(this_val);
        int64_t i = js_get_int(argv[0]);
        len = js_array_length_fast(o);
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            return JS_UNDEFINED;
        return get_idx(ctx, this_val, i);
    }
    f = frame_new(ctx, &rf, 1);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (js_to_int_or_infinity(ctx, &k, argv[0]))
        return JS_EXCEPTION;
    if (k < 0)
        k += (double)len;
    if (k < 0 || k >= (double)len)
        return JS_UNDEFINED;
    return get_idx(ctx, f->values[0], (int64_t)k);
}

/* IsConcatSpreadable(O): -1, 0 or 1 */
static int is_concat_spreadable(JSContext *ctx, JSValue o)
{
    JSValue v;
    int err = 0;
    bool b;
    if (!js_is_object(o))
        return 0;
    v = js_get_property(ctx, o, JS_ATOM_Symbol_isConcatSpreadable);
    if (js_is_exception(v))
        return -1;
    if (!js_is_undefined(v))
        return js_to_boolean(v);
    b = js_is_array(ctx, o, &err);
    return err ? -1 : b;
}

static JSValue array_concat(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t n = 0, len, k;
    int i, sp;
    bool fresh;
    /* f: 0 O, 1 A, 2 E */
    f = frame_new(ctx, &rf, 3);
    if (!f)
        return JS_EXCEPTION;
    v = js_to_object(ctx, this_val);
    if (js_is_exception(v))
        return v;
    fset(f, 0, v);
    v = species_create(ctx, v, 0, &fresh);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    for (i = -1; i < argc; i++) {
        JSValue e = i < 0 ? f->values[0] : argv[i];
        fset(f, 2, e);
        sp = is_concat_spreadable(ctx, e);
        if (sp < 0)
            return JS_EXCEPTION;
        if (!sp) {
            if (n >= MAX_SAFE_INT)
                return js_throw_type_error(ctx, "array too long");
            if (create_idx(ctx, f->values[1], n, e) < 0)
                return JS_EXCEPTION;
            n++;
            continue;
        }
        if (is_fast_array(e))
            len = js_array_length_fast(JS_VALUE_GET_OBJ(e));
        else if (js_length_of_array_like(ctx, &len, e))
            return JS_EXCEPTION;
        if (n + len > MAX_SAFE_INT)
            return js_throw_type_error(ctx, "array too long");
        for (k = 0; k < len; k++, n++) {
            JSValue src = f->values[2];
            if (is_fast_array(src) && k < js_array_length_fast(JS_VALUE_GET_OBJ(src))) {
                v = js_array_fast_get(JS_VALUE_GET_OBJ(src), (uint32_t)k);
                if (!js_is_empty(v)) {
                    if (create_idx(ctx, f->values[1], n, v) < 0)
                        return JS_EXCEPTION;
                    continue;
                }
            }
            sp = js_has_index(ctx, src, k);
            if (sp < 0)
                return JS_EXCEPTION;
            if (!sp)
                continue;
            v = js_get_index(ctx, src, k);
            if (js_is_exception(v))
                return v;
            if (create_idx(ctx, f->values[1], n, v) < 0)
                return JS_EXCEPTION;
        }
    }
    if (set_length(ctx, f->values[1], n) < 0)
        return JS_EXCEPTION;
    return f->values[1];
}

static JSValue array_copy_within(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len, to, from, fin, count;
    int dir = 1, k;
    f = frame_new(ctx, &rf, 1);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (relative_index(ctx, argv[0], len, 0, &to) ||
        relative_index(ctx, argv[1], len, 0, &from) ||
        relative_index(ctx, ARG(2), len, len, &fin))
        return JS_EXCEPTION;
    count = fin - from;
    if (len - to < count)
        count = len - to;
    if (from < to && to < from + count) {
        dir = -1;
        from += count - 1;
        to += count - 1;
    }
    for (; count > 0; count--, from += dir, to += dir) {
        k = has_idx(ctx, f->values[0], from);
        if (k < 0)
            return JS_EXCEPTION;
        if (k) {
            v = get_idx(ctx, f->values[0], from);
            if (js_is_exception(v) || js_set_index(ctx, f->values[0], to, v, JS_THROW) < 0)
                return JS_EXCEPTION;
        } else if (js_delete_index(ctx, f->values[0], to, JS_THROW) < 0) {
            return JS_EXCEPTION;
        }
    }
    return f->values[0];
}

static JSValue array_fill(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    int64_t len, k, fin;
    f = frame_new(ctx, &rf, 1);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (relative_index(ctx, ARG(1), len, 0, &k) ||
        relative_index(ctx, ARG(2), len, len, &fin))
        return JS_EXCEPTION;
    for (; k < fin; k++) {
        JSValue o = f->values[0];
        if (is_fast_array(o) && k < js_array_length_fast(JS_VALUE_GET_OBJ(o)) &&
            !js_is_empty(js_array_fast_get(JS_VALUE_GET_OBJ(o), (uint32_t)k))) {
            JSArray *arr = (JSArray *)JS_VALUE_GET_OBJ(o);
            JS_STORE(ctx, arr, arr->elems[k], argv[0]);
            continue;
        }
        if (js_set_index(ctx, o, k, argv[0], JS_THROW) < 0)
            return JS_EXCEPTION;
    }
    return f->values[0];
}

/* ---- callback iteration: every, some, forEach, map, filter ---- */

enum { CB_EVERY, CB_SOME, CB_FOREACH, CB_MAP, CB_FILTER };

static JSValue array_iterate(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue fn = argv[0], v, r;
    int64_t len, k, to = 0;
    bool fresh = false;
    int h;
    /* f: 0 O, 1 A, 2..4 call args */
    f = frame_new(ctx, &rf, 5);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(fn))
        return js_throw_type_error(ctx, "callback is not a function");
    if (magic == CB_MAP || magic == CB_FILTER) {
        v = species_create(ctx, f->values[0], magic == CB_MAP ? len : 0, &fresh);
        if (js_is_exception(v))
            return v;
        fset(f, 1, v);
    }
    fset(f, 4, f->values[0]);
    for (k = 0; k < len; k++) {
        JSValue o = f->values[0];
        v = JS_EMPTY;
        if (is_fast_array(o) && k < js_array_length_fast(JS_VALUE_GET_OBJ(o)))
            v = js_array_fast_get(JS_VALUE_GET_OBJ(o), (uint32_t)k);
        if (js_is_empty(v)) {
            h = js_has_index(ctx, o, k);
            if (h < 0)
                return JS_EXCEPTION;
            if (!h)
                continue;
            v = js_get_index(ctx, o, k);
            if (js_is_exception(v))
                return v;
        }
        fset(f, 2, v);
        fset(f, 3, js_number((double)k));
        r = js_call(ctx, fn, ARG(1), 3, &f->values[2]);
        if (js_is_exception(r))
            return r;
        switch (magic) {
        case CB_EVERY:
            if (!js_to_boolean(r))
                return JS_FALSE;
            break;
        case CB_SOME:
            if (js_to_boolean(r))
                return JS_TRUE;
            break;
        case CB_MAP:
            if ((fresh ? fresh_store(ctx, f->values[1], k, r) : create_idx(ctx, f->values[1], k, r)) < 0)
                return JS_EXCEPTION;
            break;
        case CB_FILTER:
            if (js_to_boolean(r)) {
                if (create_idx(ctx, f->values[1], to, f->values[2]) < 0)
                    return JS_EXCEPTION;
                to++;
            }
            break;
        default:
            break;
        }
    }
    switch (magic) {
    case CB_EVERY: return JS_TRUE;
    case CB_SOME: return JS_FALSE;
    case CB_MAP: case CB_FILTER: return f->values[1];
    default: return JS_UNDEFINED;
    }
}

/* find (0), findIndex (1), findLast (2), findLastIndex (3) */
static JSValue array_find(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue fn = argv[0], v, r;
    int64_t len, i, k;
    bool last = magic >= 2, want_index = magic & 1;
    f = frame_new(ctx, &rf, 4);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(fn))
        return js_throw_type_error(ctx, "predicate is not a function");
    fset(f, 3, f->values[0]);
    for (i = 0; i < len; i++) {
        k = last ? len - 1 - i : i;
        v = get_idx(ctx, f->values[0], k);
        if (js_is_exception(v))
            return v;
        fset(f, 1, v);
        fset(f, 2, js_number((double)k));
        r = js_call(ctx, fn, ARG(1), 3, &f->values[1]);
        if (js_is_exception(r))
            return r;
        if (js_to_boolean(r))
            return want_index ? f->values[2] : f->values[1];
    }
    return want_index ? js_int(-1) : JS_UNDEFINED;
}

/* reduce (0) and reduceRight (1) */
static JSValue array_reduce(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue fn = argv[0], v;
    int64_t len, i, k;
    int h;
    bool have_acc = false;
    /* f: 0 O, 1 acc, 2 value, 3 index, 4 O */
    f = frame_new(ctx, &rf, 5);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(fn))
        return js_throw_type_error(ctx, "reducer is not a function");
    if (argc >= 2) {
        fset(f, 1, argv[1]);
        have_acc = true;
    }
    fset(f, 4, f->values[0]);
    for (i = 0; i < len; i++) {
        k = magic ? len - 1 - i : i;
        h = has_idx(ctx, f->values[0], k);
        if (h < 0)
            return JS_EXCEPTION;
        if (!h)
            continue;
        v = get_idx(ctx, f->values[0], k);
        if (js_is_exception(v))
            return v;
        if (!have_acc) {
            fset(f, 1, v);
            have_acc = true;
            continue;
        }
        fset(f, 2, v);
        fset(f, 3, js_number((double)k));
        v = js_call(ctx, fn, JS_UNDEFINED, 4, &f->values[1]);
        if (js_is_exception(v))
            return v;
        fset(f, 1, v);
    }
    if (!have_acc)
        return js_throw_type_error(ctx, "Reduce of empty array with no initial value");
    return f->values[1];
}

/* ---- searching ---- */

/* strict equality without allocation for the common cases */
static inline bool quick_strict_eq(JSValue a, JSValue b, bool *sure)
{
    *sure = true;
    if (a == b)
        return !(js_is_double(a) && js_get_double(a) != js_get_double(a));
    if (js_is_number(a) && js_is_number(b))
        return js_number_value(a) == js_number_value(b);
    if (js_is_string(a) && js_is_string(b)) {
        *sure = false;
        return false;
    }
    if (js_is_bigint(a) && js_is_bigint(b)) {
        *sure = false;
        return false;
    }
    return false;
}

/* indexOf (0), lastIndexOf (1), includes (2) */
static JSValue array_index_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue target = argv[0], v;
    int64_t len, k;
    double n;
    int h;
    bool sure, eq;
    f = frame_new(ctx, &rf, 1);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (len == 0)
        return magic == 2 ? JS_FALSE : js_int(-1);
    if (magic == 1) {
        n = (double)len - 1;
        if (argc > 1 && js_to_int_or_infinity(ctx, &n, ARG(1)))
            return JS_EXCEPTION;
        if (n == -INFINITY)
            return js_int(-1);
        k = n >= 0 ? (n < (double)(len - 1) ? (int64_t)n : len - 1) : (int64_t)((double)len + n);
        for (; k >= 0; k--) {
            JSValue o = f->values[0];
            v = JS_EMPTY;
            if (is_fast_array(o) && k < js_array_length_fast(JS_VALUE_GET_OBJ(o)))
                v = js_array_fast_get(JS_VALUE_GET_OBJ(o), (uint32_t)k);
            if (js_is_empty(v)) {
                h = js_has_index(ctx, o, k);
                if (h < 0)
                    return JS_EXCEPTION;
                if (!h)
                    continue;
                v = js_get_index(ctx, o, k);
                if (js_is_exception(v))
                    return v;
            }
            eq = quick_strict_eq(v, target, &sure);
            if (!sure)
                eq = js_strict_equals(ctx, v, target);
            if (eq)
                return js_number((double)k);
        }
        return js_int(-1);
    }
    if (js_to_int_or_infinity(ctx, &n, ARG(1)))
        return JS_EXCEPTION;
    if (n == INFINITY)
        return magic == 2 ? JS_FALSE : js_int(-1);
    if (n == -INFINITY)
        n = 0;
    if (n >= 0)
        k = (int64_t)n;
    else {
        k = (int64_t)((double)len + n);
        if (k < 0)
            k = 0;
    }
    for (; k < len; k++) {
        JSValue o = f->values[0];
        v = JS_EMPTY;
        if (is_fast_array(o) && k < js_array_length_fast(JS_VALUE_GET_OBJ(o)))
            v = js_array_fast_get(JS_VALUE_GET_OBJ(o), (uint32_t)k);
        if (js_is_empty(v)) {
            if (magic == 0) {
                h = js_has_index(ctx, o, k);
                if (h < 0)
                    return JS_EXCEPTION;
                if (!h)
                    continue;
            }
            v = js_get_index(ctx, o, k);
            if (js_is_exception(v))
                return v;
        }
        if (magic == 2) {
            if (js_same_value_zero(ctx, v, target))
                return JS_TRUE;
            continue;
        }
        eq = quick_strict_eq(v, target, &sure);
        if (!sure)
            eq = js_strict_equals(ctx, v, target);
        if (eq)
            return js_number((double)k);
    }
    return magic == 2 ? JS_FALSE : js_int(-1);
}

/* ---- join, toString, toLocaleString ---- */

static JSValue array_join(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    StringBuffer sb;
    JSValue v;
    int64_t len, k;
    /* f: 0 O, 1 separator; the loop polls the interrupt handler per
       element: a length of 2^32-1 is a long loop even over holes */
    if (js_check_stack_overflow(ctx))
        return JS_EXCEPTION;
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (js_is_undefined(argv[0])) {
        v = js_new_string_char(ctx, ',');
    } else {
        v = js_to_string(ctx, argv[0]);
    }
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    js_sb_init(ctx, &sb, 0);
    for (k = 0; k < len; k++) {
        if (js_poll_interrupt(ctx) < 0)
            goto fail;
        if (k > 0 && js_sb_put_string(&sb, f->values[1]))
            goto fail;
        v = get_idx(ctx, f->values[0], k);
        if (js_is_exception(v))
            goto fail;
        if (js_is_nullish(v))
            continue;
        if (js_sb_put_value(&sb, v))
            goto fail;
        if (sb.error)
            goto fail;
    }
    return js_sb_finish(&sb);
fail:
    js_sb_free(&sb);
    return JS_EXCEPTION;
}

static JSValue array_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue o, fn;
    JSRoot ro;
    o = js_to_object(ctx, this_val);
    if (js_is_exception(o))
        return o;
    js_root_push(ctx, &ro, o);
    fn = js_get_property(ctx, o, JS_ATOM_join);
    if (js_is_exception(fn))
        return fn;
    if (!js_is_callable(fn))
        fn = ctx->intrinsics[JS_INTRINSIC_ObjectPrototypeToString];
    return js_call(ctx, fn, ro.v, 0, NULL);
}

static JSValue array_to_locale_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    StringBuffer sb;
    JSValue v;
    int64_t len, k;
    if (js_check_stack_overflow(ctx))
        return JS_EXCEPTION;
    f = frame_new(ctx, &rf, 1);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    js_sb_init(ctx, &sb, 0);
    for (k = 0; k < len; k++) {
        if (k > 0 && js_sb_putc(&sb, ','))
            goto fail;
        v = get_idx(ctx, f->values[0], k);
        if (js_is_exception(v))
            goto fail;
        if (js_is_nullish(v))
            continue;
        v = js_invoke(ctx, v, JS_ATOM_toLocaleString, 0, NULL);
        if (js_is_exception(v))
            goto fail;
        if (js_sb_put_value(&sb, v))
            goto fail;
    }
    return js_sb_finish(&sb);
fail:
    js_sb_free(&sb);
    return JS_EXCEPTION;
}

/* ---- push, pop, shift, unshift ---- */

static JSValue array_push(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    int64_t len;
    int i;
    if (is_fast_array(this_val)) {
        JSObject *o = JS_VALUE_GET_OBJ(this_val);
        uint32_t l = js_array_length_fast(o);
        if ((uint64_t)l + (uint64_t)argc < 0x7FFFFFFFu && protos_plain(ctx, o)) {
            for (i = 0; i < argc; i++) {
                if (!objproto_lacks(ctx, l + (uint32_t)i))
                    break;
            }
            if (i == argc) {
                for (i = 0; i < argc; i++) {
                    if (js_array_push_fast(ctx, o, argv[i]) < 0)
                        return JS_EXCEPTION;
                }
                return js_number((double)l + argc);
            }
        }
    }
    f = frame_new(ctx, &rf, 1);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (len + argc > MAX_SAFE_INT)
        return js_throw_type_error(ctx, "array length exceeds 2^53-1");
    for (i = 0; i < argc; i++) {
        if (js_set_index(ctx, f->values[0], len + i, argv[i], JS_THROW) < 0)
            return JS_EXCEPTION;
    }
    if (set_length(ctx, f->values[0], len + argc) < 0)
        return JS_EXCEPTION;
    return js_number((double)(len + argc));
}

static JSValue array_pop(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len;
    if (is_fast_array(this_val)) {
        JSObject *o = JS_VALUE_GET_OBJ(this_val);
        uint32_t l = js_array_length_fast(o);
        if (l > 0) {
            v = js_array_fast_get(o, l - 1);
            if (!js_is_empty(v)) {
                JSRoot r;
                js_root_push(ctx, &r, v);
                if (js_array_set_length(ctx, o, l - 1, JS_THROW) < 0)
                    return JS_EXCEPTION;
                js_root_pop(ctx, &r);
                return v;
            }
        }
    }
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (len == 0) {
        if (set_length(ctx, f->values[0], 0) < 0)
            return JS_EXCEPTION;
        return JS_UNDEFINED;
    }
    v = get_idx(ctx, f->values[0], len - 1);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    if (js_delete_index(ctx, f->values[0], len - 1, JS_THROW) < 0 ||
        set_length(ctx, f->values[0], len - 1) < 0)
        return JS_EXCEPTION;
    return f->values[1];
}

static JSValue array_shift(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len, k;
    int h;
    uint32_t flen;
    if (fast_no_holes(this_val, &flen) && flen > 0) {
        /* Every index is an own data property: nothing is observable. */
        JSArray *a = (JSArray *)JS_VALUE_GET_OBJ(this_val);
        JSRoot r;
        v = a->elems[0];
        js_root_push(ctx, &r, v);
        memmove(a->elems, a->elems + 1, sizeof(JSValue) * (flen - 1));
        a->elems[flen - 1] = JS_EMPTY;
        if (js_array_set_length(ctx, &a->base, flen - 1, JS_THROW) < 0)
            return JS_EXCEPTION;
        js_root_pop(ctx, &r);
        return v;
    }
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (len == 0) {
        if (set_length(ctx, f->values[0], 0) < 0)
            return JS_EXCEPTION;
        return JS_UNDEFINED;
    }
    v = get_idx(ctx, f->values[0], 0);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    for (k = 1; k < len; k++) {
        h = has_idx(ctx, f->values[0], k);
        if (h < 0)
            return JS_EXCEPTION;
        if (h) {
            v = get_idx(ctx, f->values[0], k);
            if (js_is_exception(v) || js_set_index(ctx, f->values[0], k - 1, v, JS_THROW) < 0)
                return JS_EXCEPTION;
        } else if (js_delete_index(ctx, f->values[0], k - 1, JS_THROW) < 0) {
            return JS_EXCEPTION;
        }
    }
    if (js_delete_index(ctx, f->values[0], len - 1, JS_THROW) < 0 ||
        set_length(ctx, f->values[0], len - 1) < 0)
        return JS_EXCEPTION;
    return f->values[1];
}

static JSValue array_unshift(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len, k;
    int h, i;
    uint32_t flen;
    if (argc > 0 && fast_no_holes(this_val, &flen) && (uint64_t)flen + (uint64_t)argc < 0x7FFFFFFFu &&
        protos_plain(ctx, JS_VALUE_GET_OBJ(this_val))) {
        for (i = 0; i < argc; i++) {
            if (!objproto_lacks(ctx, flen + (uint32_t)i))
                break;
        }
        if (i == argc) {
            JSObject *o = JS_VALUE_GET_OBJ(this_val);
            JSArray *a;
            for (i = 0; i < argc; i++) {
                if (js_array_push_fast(ctx, o, JS_UNDEFINED) < 0)
                    return JS_EXCEPTION;
            }
            a = (JSArray *)o;
            memmove(a->elems + argc, a->elems, sizeof(JSValue) * flen);
            for (i = 0; i < argc; i++)
                JS_STORE(ctx, o, a->elems[i], argv[i]);
            return js_number((double)flen + argc);
        }
    }
    f = frame_new(ctx, &rf, 1);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (argc > 0) {
        if (len + argc > MAX_SAFE_INT)
            return js_throw_type_error(ctx, "array length exceeds 2^53-1");
        for (k = len; k > 0; k--) {
            h = has_idx(ctx, f->values[0], k - 1);
            if (h < 0)
                return JS_EXCEPTION;
            if (h) {
                v = get_idx(ctx, f->values[0], k - 1);
                if (js_is_exception(v) || js_set_index(ctx, f->values[0], k + argc - 1, v, JS_THROW) < 0)
                    return JS_EXCEPTION;
            } else if (js_delete_index(ctx, f->values[0], k + argc - 1, JS_THROW) < 0) {
                return JS_EXCEPTION;
            }
        }
        for (i = 0; i < argc; i++) {
            if (js_set_index(ctx, f->values[0], i, argv[i], JS_THROW) < 0)
                return JS_EXCEPTION;
        }
    }
    if (set_length(ctx, f->values[0], len + argc) < 0)
        return JS_EXCEPTION;
    return js_number((double)(len + argc));
}

/* ---- reverse, slice, splice ---- */

static JSValue array_reverse(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue lv, uv;
    int64_t len, lower, upper;
    int le, ue;
    uint32_t flen;
    if (fast_no_holes(this_val, &flen)) {
        JSArray *a = (JSArray *)JS_VALUE_GET_OBJ(this_val);
        uint32_t i;
        for (i = 0; i < flen / 2; i++) {
            JSValue t = a->elems[i];
            a->elems[i] = a->elems[flen - 1 - i];
            a->elems[flen - 1 - i] = t;
        }
        return this_val;
    }
    /* f: 0 O, 1 lower value, 2 upper value */
    f = frame_new(ctx, &rf, 3);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    for (lower = 0; lower < len / 2; lower++) {
        JSValue o = f->values[0];
        upper = len - 1 - lower;
        le = has_idx(ctx, o, lower);
        if (le < 0)
            return JS_EXCEPTION;
        if (le) {
            lv = get_idx(ctx, o, lower);
            if (js_is_exception(lv))
                return lv;
            fset(f, 1, lv);
        }
        ue = has_idx(ctx, f->values[0], upper);
        if (ue < 0)
            return JS_EXCEPTION;
        if (ue) {
            uv = get_idx(ctx, f->values[0], upper);
            if (js_is_exception(uv))
                return uv;
            fset(f, 2, uv);
        }
        if (le && ue) {
            if (js_set_index(ctx, f->values[0], lower, f->values[2], JS_THROW) < 0 ||
                js_set_index(ctx, f->values[0], upper, f->values[1], JS_THROW) < 0)
                return JS_EXCEPTION;
        } else if (ue) {
            if (js_set_index(ctx, f->values[0], lower, f->values[2], JS_THROW) < 0 ||
                js_delete_index(ctx, f->values[0], upper, JS_THROW) < 0)
                return JS_EXCEPTION;
        } else if (le) {
            if (js_delete_index(ctx, f->values[0], lower, JS_THROW) < 0 ||
                js_set_index(ctx, f->values[0], upper, f->values[1], JS_THROW) < 0)
                return JS_EXCEPTION;
        }
    }
    return f->values[0];
}

static JSValue array_slice(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len, k, fin, n = 0, count;
    bool fresh;
    int h;
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (relative_index(ctx, argv[0], len, 0, &k) ||
        relative_index(ctx, argv[1], len, len, &fin))
        return JS_EXCEPTION;
    count = fin > k ? fin - k : 0;
    v = species_create(ctx, f->values[0], count, &fresh);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    for (; k < fin; k++, n++) {
        JSValue o = f->values[0];
        v = JS_EMPTY;
        if (is_fast_array(o) && k < js_array_length_fast(JS_VALUE_GET_OBJ(o)))
            v = js_array_fast_get(JS_VALUE_GET_OBJ(o), (uint32_t)k);
        if (js_is_empty(v)) {
            h = js_has_index(ctx, o, k);
            if (h < 0)
                return JS_EXCEPTION;
            if (!h)
                continue;
            v = js_get_index(ctx, o, k);
            if (js_is_exception(v))
                return v;
        }
        if ((fresh ? fresh_store(ctx, f->values[1], n, v) : create_idx(ctx, f->values[1], n, v)) < 0)
            return JS_EXCEPTION;
    }
    if (set_length(ctx, f->values[1], n) < 0)
        return JS_EXCEPTION;
    return f->values[1];
}

static JSValue array_splice(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len, start, del_count, k, item_count, new_len;
    bool fresh;
    int h;
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (relative_index(ctx, argv[0], len, 0, &start))
        return JS_EXCEPTION;
    if (argc == 0) {
        item_count = 0;
        del_count = 0;
    } else if (argc == 1) {
        item_count = 0;
        del_count = len - start;
    } else {
        double dc;
        item_count = argc - 2;
        if (js_to_int_or_infinity(ctx, &dc, argv[1]))
            return JS_EXCEPTION;
        if (dc < 0)
            dc = 0;
        del_count = dc > (double)(len - start) ? len - start : (int64_t)dc;
    }
    if (len + item_count - del_count > MAX_SAFE_INT)
        return js_throw_type_error(ctx, "array length exceeds 2^53-1");
    v = species_create(ctx, f->values[0], del_count, &fresh);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    for (k = 0; k < del_count; k++) {
        h = has_idx(ctx, f->values[0], start + k);
        if (h < 0)
            return JS_EXCEPTION;
        if (h) {
            v = get_idx(ctx, f->values[0], start + k);
            if (js_is_exception(v))
                return v;
            if ((fresh ? fresh_store(ctx, f->values[1], k, v) : create_idx(ctx, f->values[1], k, v)) < 0)
                return JS_EXCEPTION;
        }
    }
    if (set_length(ctx, f->values[1], del_count) < 0)
        return JS_EXCEPTION;
    new_len = len - del_count + item_count;
    if (item_count < del_count) {
        for (k = start; k < len - del_count; k++) {
            h = has_idx(ctx, f->values[0], k + del_count);
            if (h < 0)
                return JS_EXCEPTION;
            if (h) {
                v = get_idx(ctx, f->values[0], k + del_count);
                if (js_is_exception(v) || js_set_index(ctx, f->values[0], k + item_count, v, JS_THROW) < 0)
                    return JS_EXCEPTION;
            } else if (js_delete_index(ctx, f->values[0], k + item_count, JS_THROW) < 0) {
                return JS_EXCEPTION;
            }
        }
        for (k = len; k > new_len; k--) {
            if (js_delete_index(ctx, f->values[0], k - 1, JS_THROW) < 0)
                return JS_EXCEPTION;
        }
    } else if (item_count > del_count) {
        for (k = len - del_count; k > start; k--) {
            h = has_idx(ctx, f->values[0], k + del_count - 1);
            if (h < 0)
                return JS_EXCEPTION;
            if (h) {
                v = get_idx(ctx, f->values[0], k + del_count - 1);
                if (js_is_exception(v) || js_set_index(ctx, f->values[0], k + item_count - 1, v, JS_THROW) < 0)
                    return JS_EXCEPTION;
            } else if (js_delete_index(ctx, f->values[0], k + item_count - 1, JS_THROW) < 0) {
                return JS_EXCEPTION;
            }
        }
    }
    for (k = 0; k < item_count; k++) {
        if (js_set_index(ctx, f->values[0], start + k, argv[k + 2], JS_THROW) < 0)
            return JS_EXCEPTION;
    }
    if (set_length(ctx, f->values[0], new_len) < 0)
        return JS_EXCEPTION;
    return f->values[1];
}

/* ---- flat, flatMap ---- */

/* FlattenIntoArray; returns the next target index or -1. */
static int64_t flatten_into(JSContext *ctx, JSValue target, JSValue source, int64_t source_len,
                            int64_t start, double depth, JSValue mapper, JSValue this_arg)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t k, target_index = start;
    int h;
    if (js_check_stack_overflow(ctx))
        return -1;
    /* f: 0 target, 1 source, 2..4 call args, 5 mapper, 6 thisArg */
    f = frame_new(ctx, &rf, 7);
    if (!f)
        return -1;
    fset(f, 0, target);
    fset(f, 1, source);
    fset(f, 5, mapper);
    fset(f, 6, this_arg);
    for (k = 0; k < source_len; k++) {
        int err = 0;
        bool spread = false;
        h = has_idx(ctx, f->values[1], k);
        if (h < 0)
            return -1;
        if (!h)
            continue;
        v = get_idx(ctx, f->values[1], k);
        if (js_is_exception(v))
            return -1;
        if (!js_is_undefined(f->values[5])) {
            fset(f, 2, v);
            fset(f, 3, js_number((double)k));
            fset(f, 4, f->values[1]);
            v = js_call(ctx, f->values[5], f->values[6], 3, &f->values[2]);
            if (js_is_exception(v))
                return -1;
        }
        fset(f, 2, v);
        if (depth > 0) {
            spread = js_is_array(ctx, v, &err);
            if (err)
                return -1;
        }
        if (spread) {
            int64_t elen;
            if (js_length_of_array_like(ctx, &elen, f->values[2]))
                return -1;
            target_index = flatten_into(ctx, f->values[0], f->values[2], elen, target_index,
                                        depth - 1, JS_UNDEFINED, JS_UNDEFINED);
            if (target_index < 0)
                return -1;
        } else {
            if (target_index >= MAX_SAFE_INT) {
                js_throw_type_error(ctx, "array too long");
                return -1;
            }
            if (create_idx(ctx, f->values[0], target_index, f->values[2]) < 0)
                return -1;
            target_index++;
        }
    }
    js_root_pop(ctx, &rf);
    return target_index;
}

static JSValue array_flat(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len;
    double depth = 1;
    bool fresh;
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (!js_is_undefined(ARG(0))) {
        if (js_to_int_or_infinity(ctx, &depth, ARG(0)))
            return JS_EXCEPTION;
        if (depth < 0)
            depth = 0;
    }
    v = species_create(ctx, f->values[0], 0, &fresh);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    if (flatten_into(ctx, v, f->values[0], len, 0, depth, JS_UNDEFINED, JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    return f->values[1];
}

static JSValue array_flat_map(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len;
    bool fresh;
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(argv[0]))
        return js_throw_type_error(ctx, "flatMap mapper is not a function");
    v = species_create(ctx, f->values[0], 0, &fresh);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    if (flatten_into(ctx, v, f->values[0], len, 0, 1, argv[0], ARG(1)) < 0)
        return JS_EXCEPTION;
    return f->values[1];
}

/* ---- sort and the copying methods ---- */

/* SortIndexedProperties' first half: reads the values into a new rooted
 * JSValueArray (stored in f[slot]), skipping holes when skip_holes;
 * undefined values are counted in *n_undef and not stored. */
static JSValueArray *collect_values(JSContext *ctx, JSValueArray *f, uint32_t slot, JSValue o,
                                    int64_t len, bool skip_holes, uint32_t *n_items, uint32_t *n_undef)
{
    JSValueArray *items;
    JSValue v;
    int64_t k;
    uint32_t n = 0, nu = 0, cap;
    int h;
    cap = len > 1024 ? 1024 : (uint32_t)len;
    items = js_value_array_new(ctx, cap ? cap : 1);
    if (!items)
        return NULL;
    fset(f, slot, js_mkptr(JS_TAG_CELL, items));
    for (k = 0; k < len; k++) {
        JSValue src = f->values[0];
        (void)o;
        if (js_poll_interrupt(ctx) < 0)
            return NULL;
        if (skip_holes) {
            h = has_idx(ctx, src, k);
            if (h < 0)
                return NULL;
            if (!h)
                continue;
        }
        v = get_idx(ctx, src, k);
        if (js_is_exception(v))
            return NULL;
        if (js_is_undefined(v)) {
            nu++;
            continue;
        }
        items = (JSValueArray *)js_get_ptr(f->values[slot]);
        if (n == items->len) {
            JSValueArray *bigger;
            JSRoot rv;
            uint32_t i;
            if (items->len >= 0xFFFFFFF0u / 2) {
                js_throw_range_error(ctx, "too many elements");
                return NULL;
            }
            js_root_push(ctx, &rv, v);
            bigger = js_value_array_new(ctx, items->len * 2);
            if (!bigger)
                return NULL;
            items = (JSValueArray *)js_get_ptr(f->values[slot]);
            for (i = 0; i < n; i++)
                JS_STORE(ctx, bigger, bigger->values[i], items->values[i]);
            fset(f, slot, js_mkptr(JS_TAG_CELL, bigger));
            items = bigger;
            v = rv.v;
            js_root_pop(ctx, &rv);
        }
        JS_STORE(ctx, items, items->values[n], v);
        n++;
    }
    *n_items = n;
    *n_undef = nu;
    return (JSValueArray *)js_get_ptr(f->values[slot]);
}

static JSValue array_sort(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f, *items;
    JSRoot rf;
    JSValue cmp = argv[0];
    int64_t len, j;
    uint32_t n, nu;
    if (!js_is_undefined(cmp) && !js_is_callable(cmp))
        return js_throw_type_error(ctx, "The comparison function must be either a function or undefined");
    /* f: 0 O, 1 items */
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    items = collect_values(ctx, f, 1, f->values[0], len, true, &n, &nu);
    if (!items)
        return JS_EXCEPTION;
    if (js_array_sort_values(ctx, items->values, n, cmp))
        return JS_EXCEPTION;
    items = (JSValueArray *)js_get_ptr(f->values[1]);
    for (j = 0; j < n; j++) {
        JSValue o = f->values[0];
        if (is_fast_array(o) && j < js_array_length_fast(JS_VALUE_GET_OBJ(o)) &&
            !js_is_empty(js_array_fast_get(JS_VALUE_GET_OBJ(o), (uint32_t)j))) {
            JSArray *a = (JSArray *)JS_VALUE_GET_OBJ(o);
            JS_STORE(ctx, a, a->elems[j], items->values[j]);
            continue;
        }
        if (js_set_index(ctx, o, j, items->values[j], JS_THROW) < 0)
            return JS_EXCEPTION;
    }
    for (; j < (int64_t)n + nu; j++) {
        if (js_set_index(ctx, f->values[0], j, JS_UNDEFINED, JS_THROW) < 0)
            return JS_EXCEPTION;
    }
    for (; j < len; j++) {
        if (js_delete_index(ctx, f->values[0], j, JS_THROW) < 0)
            return JS_EXCEPTION;
    }
    return f->values[0];
}

static JSValue array_to_sorted(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f, *items;
    JSRoot rf;
    JSValue cmp = argv[0], a;
    int64_t len, j;
    uint32_t n, nu;
    if (!js_is_undefined(cmp) && !js_is_callable(cmp))
        return js_throw_type_error(ctx, "The comparison function must be either a function or undefined");
    /* f: 0 O, 1 items, 2 A */
    f = frame_new(ctx, &rf, 3);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    a = js_array_create(ctx, len, JS_UNDEFINED);
    if (js_is_exception(a))
        return a;
    fset(f, 2, a);
    items = collect_values(ctx, f, 1, f->values[0], len, false, &n, &nu);
    if (!items)
        return JS_EXCEPTION;
    if (js_array_sort_values(ctx, items->values, n, cmp))
        return JS_EXCEPTION;
    items = (JSValueArray *)js_get_ptr(f->values[1]);
    for (j = 0; j < n; j++) {
        if (fresh_store(ctx, f->values[2], j, items->values[j]) < 0)
            return JS_EXCEPTION;
    }
    for (; j < len; j++) {
        if (fresh_store(ctx, f->values[2], j, JS_UNDEFINED) < 0)
            return JS_EXCEPTION;
    }
    return f->values[2];
}

static JSValue array_to_reversed(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len, k;
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    v = js_array_create(ctx, len, JS_UNDEFINED);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    for (k = 0; k < len; k++) {
        v = get_idx(ctx, f->values[0], len - 1 - k);
        if (js_is_exception(v) || fresh_store(ctx, f->values[1], k, v) < 0)
            return JS_EXCEPTION;
    }
    return f->values[1];
}

static JSValue array_to_spliced(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len, start, skip, insert, new_len, i, r;
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (relative_index(ctx, argv[0], len, 0, &start))
        return JS_EXCEPTION;
    insert = argc > 2 ? argc - 2 : 0;
    if (argc == 0) {
        skip = 0;
    } else if (argc == 1) {
        skip = len - start;
    } else {
        double sc;
        if (js_to_int_or_infinity(ctx, &sc, argv[1]))
            return JS_EXCEPTION;
        if (sc < 0)
            sc = 0;
        skip = sc > (double)(len - start) ? len - start : (int64_t)sc;
    }
    new_len = len + insert - skip;
    if (new_len > MAX_SAFE_INT)
        return js_throw_type_error(ctx, "array length exceeds 2^53-1");
    v = js_array_create(ctx, new_len, JS_UNDEFINED);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    for (i = 0; i < start; i++) {
        v = get_idx(ctx, f->values[0], i);
        if (js_is_exception(v) || fresh_store(ctx, f->values[1], i, v) < 0)
            return JS_EXCEPTION;
    }
    for (r = 0; r < insert; r++, i++) {
        if (fresh_store(ctx, f->values[1], i, argv[r + 2]) < 0)
            return JS_EXCEPTION;
    }
    for (r = start + skip; i < new_len; i++, r++) {
        v = get_idx(ctx, f->values[0], r);
        if (js_is_exception(v) || fresh_store(ctx, f->values[1], i, v) < 0)
            return JS_EXCEPTION;
    }
    return f->values[1];
}

static JSValue array_with(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *f;
    JSRoot rf;
    JSValue v;
    int64_t len, k, actual;
    double rel;
    f = frame_new(ctx, &rf, 2);
    if (!f || this_obj_len(ctx, this_val, f, 0, &len))
        return JS_EXCEPTION;
    if (js_to_int_or_infinity(ctx, &rel, argv[0]))
        return JS_EXCEPTION;
    if (rel < 0)
        rel += (double)len;
    if (rel >= (double)len || rel < 0)
        return js_throw_range_error(ctx, "Invalid index");
    actual = (int64_t)rel;
    v = js_array_create(ctx, len, JS_UNDEFINED);
    if (js_is_exception(v))
        return v;
    fset(f, 1, v);
    for (k = 0; k < len; k++) {
        if (k == actual) {
            v = argv[1];
        } else {
            v = get_idx(ctx, f->values[0], k);
            if (js_is_exception(v))
                return v;
        }
        if (fresh_store(ctx, f->values[1], k, v) < 0)
            return JS_EXCEPTION;
    }
    return f->values[1];
}

/* ---- iterators ---- */

/* keys (JS_ITER_KIND_KEYS), values, entries */
static JSValue array_iter_method(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue o = js_to_object(ctx, this_val);
    if (js_is_exception(o))
        return o;
    return js_array_iterator_new(ctx, o, (JSArrayIterKind)magic);
}

static const JSPropEntry js_array_funcs[] = {
    FN("from", 1, array_from, 0),
    FN("fromAsync", 1, js_array_from_async, 0),
    FN("isArray", 1, array_is_array, 0),
    FN("of", 0, array_of, 0),
    JS_CGETSET_DEF("[Symbol.species]", array_get_species, NULL),
};

static const JSPropEntry js_array_proto_funcs[] = {
    FN("at", 1, array_at, 0),
    FN("concat", 1, array_concat, 0),
    FN("copyWithin", 2, array_copy_within, 0),
    FN("entries", 0, array_iter_method, JS_ITER_KIND_ENTRIES),
    FN("every", 1, array_iterate, CB_EVERY),
    FN("fill", 1, array_fill, 0),
    FN("filter", 1, array_iterate, CB_FILTER),
    FN("find", 1, array_find, 0),
    FN("findIndex", 1, array_find, 1),
    FN("findLast", 1, array_find, 2),
    FN("findLastIndex", 1, array_find, 3),
    FN("flat", 0, array_flat, 0),
    FN("flatMap", 1, array_flat_map, 0),
    FN("forEach", 1, array_iterate, CB_FOREACH),
    FN("includes", 1, array_index_of, 2),
    FN("indexOf", 1, array_index_of, 0),
    FN("join", 1, array_join, 0),
    FN("keys", 0, array_iter_method, JS_ITER_KIND_KEYS),
    FN("lastIndexOf", 1, array_index_of, 1),
    FN("map", 1, array_iterate, CB_MAP),
    FN("pop", 0, array_pop, 0),
    FN("push", 1, array_push, 0),
    FN("reduce", 1, array_reduce, 0),
    FN("reduceRight", 1, array_reduce, 1),
    FN("reverse", 0, array_reverse, 0),
    FN("shift", 0, array_shift, 0),
    FN("slice", 2, array_slice, 0),
    FN("some", 1, array_iterate, CB_SOME),
    FN("sort", 1, array_sort, 0),
    FN("splice", 2, array_splice, 0),
    FN("toLocaleString", 0, array_to_locale_string, 0),
    FN("toReversed", 0, array_to_reversed, 0),
    FN("toSorted", 1, array_to_sorted, 0),
    FN("toSpliced", 2, array_to_spliced, 0),
    FN("toString", 0, array_to_string, 0),
    FN("unshift", 1, array_unshift, 0),
    FN("values", 0, array_iter_method, JS_ITER_KIND_VALUES),
    FN("with", 2, array_with, 0),
    JS_ALIAS_DEF("[Symbol.iterator]", "values"),
};

static const char *const unscopable_names[] = {
    "at", "copyWithin", "entries", "fill", "find", "findIndex", "findLast",
    "findLastIndex", "flat", "flatMap", "includes", "keys", "toReversed",
    "toSorted", "toSpliced", "values",
};

/* Creates Array, %Array.prototype% (an array itself, unless the context
 * set-up made it already), the unscopables list and the array iterator
 * prototype. May collect; 0, or -1 with an exception pending. */
int js_init_array(JSContext *ctx)
{
    JSRoot rp, rc, ru;
    JSValue proto, ctor, u, v;
    size_t i;
    proto = ctx->class_proto[JS_CLASS_ARRAY];
    if (!js_is_object(proto)) {
        proto = js_new_array(ctx, 0);
        if (js_is_exception(proto))
            return -1;
        js_root_push(ctx, &rp, proto);
        if (js_set_prototype_of(ctx, proto, ctx->class_proto[JS_CLASS_OBJECT], JS_THROW) < 0)
            return -1;
        ctx->class_proto[JS_CLASS_ARRAY] = proto;
    } else {
        js_root_push(ctx, &rp, proto);
    }
    if (js_define_prop_entries(ctx, rp.v, js_array_proto_funcs,
                               (int)(sizeof js_array_proto_funcs / sizeof js_array_proto_funcs[0])) < 0)
        return -1;
    ctor = js_new_constructor(ctx, array_ctor, "Array", 1, 0, rp.v);
    if (js_is_exception(ctor))
        return -1;
    js_root_push(ctx, &rc, ctor);
    ctx->intrinsics[JS_INTRINSIC_ArrayConstructor] = ctor;
    if (js_define_prop_entries(ctx, ctor, js_array_funcs,
                               (int)(sizeof js_array_funcs / sizeof js_array_funcs[0])) < 0)
        return -1;
    v = js_get_property(ctx, rp.v, JS_ATOM_values);
    if (js_is_exception(v))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_ArrayPrototypeValues] = v;
    {
        JSAtom a = js_atom_from_cstr(ctx, "toString");
        v = js_get_property(ctx, rp.v, a);
        if (js_is_exception(v))
            return -1;
        ctx->intrinsics[JS_INTRINSIC_ArrayProtoToString] = v;
    }
    u = js_new_object_proto(ctx, JS_NULL);
    if (js_is_exception(u))
        return -1;
    js_root_push(ctx, &ru, u);
    for (i = 0; i < sizeof unscopable_names / sizeof unscopable_names[0]; i++) {
        JSAtom a = js_atom_from_cstr(ctx, unscopable_names[i]);
        if (a == JS_ATOM_NULL || js_define_property_value(ctx, ru.v, a, JS_TRUE, JS_PROP_C_W_E) < 0)
            return -1;
    }
    if (js_define_property_value(ctx, rp.v, JS_ATOM_Symbol_unscopables, ru.v, JS_PROP_CONFIGURABLE) < 0)
        return -1;
    if (js_array_iter_init(ctx))
        return -1;
    js_root_pop(ctx, &rp);
    return 0;
}
