/* The methods of %TypedArray%.prototype (ECMA-262 23.2.3) other than the
 * accessors, set and subarray (typedarray.c): iteration with callbacks,
 * searching, join, copyWithin/fill/reverse, slice/map/filter with species
 * creation, sort/toSorted, toReversed, with, and the iterators. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "typedarray.h"
#include "array.h"
#include "object_util.h"
#include "../conv.h"

#define COUNTOF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static inline uint8_t *elem_ptr(JSObject *obj, uint64_t idx)
{
    JSTypedArray *ta = (JSTypedArray *)obj;
    return ((JSArrayBuffer *)ta->buffer)->data + ta->byte_offset + (idx << js_ta_size_log2[js_ta_type(obj)]);
}

/* True if idx (an integer >= 0) is a valid index of obj now. Pure. */
static inline bool valid_index(JSObject *obj, int64_t idx)
{
    return idx >= 0 && idx < js_typed_array_get_length(obj);
}

static inline JSObject *obj_of(JSValue v) { return JS_VALUE_GET_OBJ(v); }

/* ToIntegerOrInfinity(v) then the usual relative-index clamp to [0, len];
 * undefined gives dflt. */
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

/* A rooted argument vector of n values (pushed on the root list). */
static JSValueArray *new_args(JSContext *ctx, uint32_t n, JSRoot *r)
{
    JSValueArray *a = js_value_array_new(ctx, n);
    if (a)
        js_root_push(ctx, r, js_cell_value(a));
    return a;
}

/* Stores v (converted as the element type needs) at index k of typed
 * array obj when k is still valid: Set(O, k, v, true). May run JS. */
static int set_elem(JSContext *ctx, JSValue obj, int64_t k, JSValue v)
{
    return js_set_index(ctx, obj, k, v, JS_THROW) < 0 ? -1 : 0;
}

/* ---- callback iteration: every, some, forEach, find, findIndex,
 * findLast, findLastIndex ---- */

enum { IT_EVERY, IT_SOME, IT_FOREACH, IT_FIND, IT_FIND_INDEX, IT_FIND_LAST, IT_FIND_LAST_INDEX };

static JSValue ta_iterate(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    JSValue fn = ARG(0);
    if (!js_is_callable(fn))
        return js_throw_type_error(ctx, "callback is not a function");
    JSRoot ra;
    JSValueArray *args = new_args(ctx, 3, &ra);
    if (!args)
        return JS_EXCEPTION;
    bool reverse = magic == IT_FIND_LAST || magic == IT_FIND_LAST_INDEX;
    for (int64_t i = 0; i < len; i++) {
        int64_t k = reverse ? len - 1 - i : i;
        JSValue v = js_ta_get_element(ctx, obj_of(this_val), (double)k);
        if (js_is_exception(v))
            return v;
        args->values[0] = v;
        args->values[1] = js_number((double)k);
        args->values[2] = this_val;
        JSValue r = js_call(ctx, fn, ARG(1), 3, args->values);
        if (js_is_exception(r))
            return r;
        bool b = js_to_boolean(r);
        switch (magic) {
        case IT_EVERY:
            if (!b)
                return JS_FALSE;
            break;
        case IT_SOME:
            if (b)
                return JS_TRUE;
            break;
        case IT_FIND:
        case IT_FIND_LAST:
            if (b)
                return args->values[0];
            break;
        case IT_FIND_INDEX:
        case IT_FIND_LAST_INDEX:
            if (b)
                return js_number((double)k);
            break;
        default:
            break;
        }
    }
    js_root_pop(ctx, &ra);
    switch (magic) {
    case IT_EVERY: return JS_TRUE;
    case IT_SOME: return JS_FALSE;
    case IT_FIND_INDEX:
    case IT_FIND_LAST_INDEX: return js_int(-1);
    default: return JS_UNDEFINED;
    }
}

/* %TypedArray%.prototype.at(index) */
static JSValue ta_at(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    double rel;
    if (js_to_int_or_infinity(ctx, &rel, ARG(0)) < 0)
        return JS_EXCEPTION;
    double k = rel >= 0 ? rel : (double)len + rel;
    if (k < 0 || k >= (double)len)
        return JS_UNDEFINED;
    return js_ta_get_element(ctx, obj_of(this_val), k);
}

/* ---- searching: includes (magic 0), indexOf (1), lastIndexOf (2) ---- */

static JSValue ta_search(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len, k;
    JSValue not_found = magic == 0 ? JS_FALSE : js_int(-1);
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    if (len == 0)
        return not_found;
    double n;
    if (magic == 2) {
        if (argc > 1) {
            if (js_to_int_or_infinity(ctx, &n, ARG(1)) < 0)
                return JS_EXCEPTION;
        } else {
            n = (double)(len - 1);
        }
        if (n == -INFINITY)
            return not_found;
        k = n >= 0 ? (n < (double)(len - 1) ? (int64_t)n : len - 1) : (int64_t)((double)len + n);
    } else {
        if (js_to_int_or_infinity(ctx, &n, ARG(1)) < 0)
            return JS_EXCEPTION;
        if (n == INFINITY)
            return not_found;
        if (n == -INFINITY)
            n = 0;
        if (n >= 0) {
            k = (int64_t)n;
        } else {
            k = (int64_t)((double)len + n);
            if (k < 0)
                k = 0;
        }
    }
    JSObject *o = obj_of(this_val);
    JSTypedArrayType t = js_ta_type(o);
    JSValue target = ARG(0);
    int step = magic == 2 ? -1 : 1;
    if (!js_ta_type_is_bigint(t)) {
        /* Numbers compare without allocation. */
        bool is_num = js_is_number(target);
        double d = is_num ? js_number_value(target) : 0;
        for (; k >= 0 && k < len; k += step) {
            if (!valid_index(o, k)) {
                if (magic == 0 && js_is_undefined(target))
                    return JS_TRUE;
                continue;
            }
            if (!is_num)
                continue;
            JSValue v = js_ta_load(ctx, t, elem_ptr(o, (uint64_t)k));
            double e = js_number_value(v);
            if (e == d || (magic == 0 && e != e && d != d))
                return magic == 0 ? JS_TRUE : js_number((double)k);
        }
        return not_found;
    }
    for (; k >= 0 && k < len; k += step) {
        if (!valid_index(o, k)) {
            if (magic == 0 && js_is_undefined(target))
                return JS_TRUE;
            continue;
        }
        if (!js_is_bigint(target))
            continue;
        JSValue v = js_ta_load(ctx, t, elem_ptr(o, (uint64_t)k));
        if (js_is_exception(v))
            return v;
        o = obj_of(this_val);
        if (js_strict_equals(ctx, v, ARG(0)))
            return magic == 0 ? JS_TRUE : js_number((double)k);
    }
    return not_found;
}

/* %TypedArray%.prototype.join(separator) */
static JSValue ta_join(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    JSValue sep;
    if (js_is_undefined(ARG(0))) {
        sep = js_new_string_char(ctx, ',');
    } else {
        sep = js_to_string(ctx, ARG(0));
    }
    if (js_is_exception(sep))
        return sep;
    JSRoot rs;
    js_root_push(ctx, &rs, sep);
    StringBuffer sb;
    js_sb_init(ctx, &sb, 0);
    for (int64_t k = 0; k < len; k++) {
        if (k > 0 && js_sb_put_string(&sb, rs.v) < 0)
            goto fail;
        JSValue v = js_ta_get_element(ctx, obj_of(this_val), (double)k);
        if (js_is_exception(v))
            goto fail;
        if (!js_is_undefined(v) && js_sb_put_value(&sb, v) < 0)
            goto fail;
    }
    js_root_pop(ctx, &rs);
    return js_sb_finish(&sb);
fail:
    js_sb_free(&sb);
    return JS_EXCEPTION;
}

/* %TypedArray%.prototype.toLocaleString() */
static JSValue ta_to_locale_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    StringBuffer sb;
    js_sb_init(ctx, &sb, 0);
    for (int64_t k = 0; k < len; k++) {
        if (k > 0 && js_sb_putc(&sb, ',') < 0)
            goto fail;
        JSValue v = js_ta_get_element(ctx, obj_of(this_val), (double)k);
        if (js_is_exception(v))
            goto fail;
        if (js_is_nullish(v))
            continue;
        JSRoot rv;
        js_root_push(ctx, &rv, v);
        JSValue s = js_invoke(ctx, rv.v, JS_ATOM_toLocaleString, 0, NULL);
        if (js_is_exception(s))
            goto fail;
        rv.v = s;
        if (js_sb_put_value(&sb, rv.v) < 0)
            goto fail;
        js_root_pop(ctx, &rv);
    }
    return js_sb_finish(&sb);
fail:
    js_sb_free(&sb);
    return JS_EXCEPTION;
}

/* ---- in-place edits ---- */

/* %TypedArray%.prototype.copyWithin(target, start [, end]) */
static JSValue ta_copy_within(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len, to, from, fin;
    if (!js_ta_validate_write(ctx, this_val, &len))
        return JS_EXCEPTION;
    if (rel_index(ctx, ARG(0), len, 0, &to) < 0 ||
        rel_index(ctx, ARG(1), len, 0, &from) < 0 ||
        rel_index(ctx, ARG(2), len, len, &fin) < 0)
        return JS_EXCEPTION;
    int64_t count = fin - from;
    if (len - to < count)
        count = len - to;
    if (count <= 0)
        return this_val;
    JSObject *o = obj_of(this_val);
    len = js_typed_array_get_length(o);
    if (len < 0)
        return js_throw_type_error(ctx, "TypedArray is detached or out of bounds");
    /* The conversions may have shrunk the buffer: copy only what still
     * lies inside the array on both sides. */
    if (count > len - from)
        count = len - from;
    if (count > len - to)
        count = len - to;
    if (count <= 0)
        return this_val;
    int sh = js_ta_size_log2[js_ta_type(o)];
    JSTypedArray *ta = (JSTypedArray *)o;
    uint8_t *base = ((JSArrayBuffer *)ta->buffer)->data + ta->byte_offset;
    memmove(base + ((size_t)to << sh), base + ((size_t)from << sh), (size_t)count << sh);
    return this_val;
}

/* %TypedArray%.prototype.fill(value [, start [, end]]) */
static JSValue ta_fill(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len, start, end;
    if (!js_ta_validate_write(ctx, this_val, &len))
        return JS_EXCEPTION;
    JSTypedArrayType t = js_ta_type(obj_of(this_val));
    uint64_t raw;
    if (js_ta_value_to_raw(ctx, t, ARG(0), &raw) < 0)
        return JS_EXCEPTION;
    if (rel_index(ctx, ARG(1), len, 0, &start) < 0 ||
        rel_index(ctx, ARG(2), len, len, &end) < 0)
        return JS_EXCEPTION;
    JSObject *o = obj_of(this_val);
    len = js_typed_array_get_length(o);
    if (len < 0)
        return js_throw_type_error(ctx, "TypedArray is detached or out of bounds");
    if (end > len)
        end = len;
    if (start >= end)
        return this_val;
    int sh = js_ta_size_log2[t];
    uint8_t *p = elem_ptr(o, (uint64_t)start);
    if (sh == 0) {
        memset(p, (int)(raw & 0xff), (size_t)(end - start));
    } else {
        for (int64_t k = start; k < end; k++, p += 1 << sh)
            js_ta_store_raw(t, p, raw);
    }
    return this_val;
}

/* %TypedArray%.prototype.reverse() */
static JSValue ta_reverse(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate_write(ctx, this_val, &len))
        return JS_EXCEPTION;
    JSObject *o = obj_of(this_val);
    if (len < 2)
        return this_val;
    size_t es = (size_t)1 << js_ta_size_log2[js_ta_type(o)];
    uint8_t *lo = elem_ptr(o, 0), *hi = elem_ptr(o, (uint64_t)len - 1);
    uint8_t tmp[8];
    while (lo < hi) {
        memcpy(tmp, lo, es);
        memcpy(lo, hi, es);
        memcpy(hi, tmp, es);
        lo += es;
        hi -= es;
    }
    return this_val;
}

/* ---- new arrays ---- */

/* %TypedArray%.prototype.map(callbackfn [, thisArg]) */
static JSValue ta_map(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(ARG(0)))
        return js_throw_type_error(ctx, "callback is not a function");
    JSRoot ra, rres;
    JSValueArray *args = new_args(ctx, 3, &ra);
    if (!args)
        return JS_EXCEPTION;
    args->values[0] = js_number((double)len);
    JSValue res = js_ta_species_create(ctx, this_val, 1, args->values);
    if (js_is_exception(res))
        return res;
    js_root_push(ctx, &rres, res);
    for (int64_t k = 0; k < len; k++) {
        JSValue v = js_ta_get_element(ctx, obj_of(this_val), (double)k);
        if (js_is_exception(v))
            return v;
        args->values[0] = v;
        args->values[1] = js_number((double)k);
        args->values[2] = this_val;
        v = js_call(ctx, ARG(0), ARG(1), 3, args->values);
        if (js_is_exception(v))
            return v;
        if (set_elem(ctx, rres.v, k, v) < 0)
            return JS_EXCEPTION;
    }
    res = rres.v;
    js_root_pop(ctx, &ra);
    return res;
}

/* %TypedArray%.prototype.filter(callbackfn [, thisArg]) */
static JSValue ta_filter(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(ARG(0)))
        return js_throw_type_error(ctx, "callback is not a function");
    JSRoot ra, rk, rres;
    JSValueArray *args = new_args(ctx, 3, &ra);
    if (!args)
        return JS_EXCEPTION;
    JSValue kept = js_new_array(ctx, 0);
    if (js_is_exception(kept))
        return kept;
    js_root_push(ctx, &rk, kept);
    for (int64_t k = 0; k < len; k++) {
        JSValue v = js_ta_get_element(ctx, obj_of(this_val), (double)k);
        if (js_is_exception(v))
            return v;
        args->values[0] = v;
        args->values[1] = js_number((double)k);
        args->values[2] = this_val;
        JSValue r = js_call(ctx, ARG(0), ARG(1), 3, args->values);
        if (js_is_exception(r))
            return r;
        if (js_to_boolean(r) && js_array_push_fast(ctx, obj_of(rk.v), args->values[0]) < 0)
            return JS_EXCEPTION;
    }
    uint32_t n = js_array_length_fast(obj_of(rk.v));
    args->values[0] = js_number((double)n);
    JSValue res = js_ta_species_create(ctx, this_val, 1, args->values);
    if (js_is_exception(res))
        return res;
    js_root_push(ctx, &rres, res);
    for (uint32_t i = 0; i < n; i++) {
        JSValue v = js_array_fast_get(obj_of(rk.v), i);
        if (js_is_empty(v))
            v = JS_UNDEFINED;
        if (set_elem(ctx, rres.v, i, v) < 0)
            return JS_EXCEPTION;
    }
    res = rres.v;
    js_root_pop(ctx, &ra);
    return res;
}

/* %TypedArray%.prototype.slice(start, end) */
static JSValue ta_slice(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len, start, end;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    if (rel_index(ctx, ARG(0), len, 0, &start) < 0 ||
        rel_index(ctx, ARG(1), len, len, &end) < 0)
        return JS_EXCEPTION;
    int64_t count = end > start ? end - start : 0;
    JSRoot ra, rres;
    JSValueArray *args = new_args(ctx, 1, &ra);
    if (!args)
        return JS_EXCEPTION;
    args->values[0] = js_number((double)count);
    JSValue res = js_ta_species_create(ctx, this_val, 1, args->values);
    if (js_is_exception(res))
        return res;
    js_root_push(ctx, &rres, res);
    if (count > 0) {
        JSObject *o = obj_of(this_val);
        len = js_typed_array_get_length(o);
        if (len < 0)
            return js_throw_type_error(ctx, "TypedArray is detached or out of bounds");
        if (end > len)
            end = len;
        count = end > start ? end - start : 0;
        JSObject *a = obj_of(rres.v);
        JSTypedArrayType st = js_ta_type(o), tt = js_ta_type(a);
        if (st == tt) {
            /* a byte-wise copy in increasing order, as the spec says */
            uint64_t n = (uint64_t)count << js_ta_size_log2[st];
            uint8_t *src = elem_ptr(o, (uint64_t)start), *dst = elem_ptr(a, 0);
            int64_t alen = js_typed_array_get_length(a);
            if (alen >= 0 && (uint64_t)alen << js_ta_size_log2[tt] < n)
                n = (uint64_t)alen << js_ta_size_log2[tt];
            if (js_ta_buffer(o) == js_ta_buffer(a)) {
                for (uint64_t i = 0; i < n; i++)
                    dst[i] = src[i];
            } else if (n) {
                memcpy(dst, src, (size_t)n);
            }
        } else {
            for (int64_t k = start, i = 0; k < end; k++, i++) {
                JSValue v = js_ta_get_element(ctx, obj_of(this_val), (double)k);
                if (js_is_exception(v))
                    return v;
                if (set_elem(ctx, rres.v, i, v) < 0)
                    return JS_EXCEPTION;
            }
        }
    }
    res = rres.v;
    js_root_pop(ctx, &ra);
    return res;
}

/* %TypedArray%.prototype.toReversed() */
static JSValue ta_to_reversed(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    JSValue res = js_ta_create_same_type(ctx, obj_of(this_val), (uint64_t)len);
    if (js_is_exception(res))
        return res;
    JSObject *o = obj_of(this_val), *a = obj_of(res);
    size_t es = (size_t)1 << js_ta_size_log2[js_ta_type(o)];
    for (int64_t k = 0; k < len; k++)
        memcpy(elem_ptr(a, (uint64_t)k), elem_ptr(o, (uint64_t)(len - 1 - k)), es);
    return res;
}

/* %TypedArray%.prototype.with(index, value) */
static JSValue ta_with(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    double rel;
    if (js_to_int_or_infinity(ctx, &rel, ARG(0)) < 0)
        return JS_EXCEPTION;
    double actual = rel >= 0 ? rel : (double)len + rel;
    JSTypedArrayType t = js_ta_type(obj_of(this_val));
    uint64_t raw;
    if (js_ta_value_to_raw(ctx, t, ARG(1), &raw) < 0)
        return JS_EXCEPTION;
    if (!(actual >= 0) || actual >= (double)js_typed_array_get_length(obj_of(this_val)))
        return js_throw_range_error(ctx, "index out of range");
    JSValue res = js_ta_create_same_type(ctx, obj_of(this_val), (uint64_t)len);
    if (js_is_exception(res))
        return res;
    JSObject *o = obj_of(this_val), *a = obj_of(res);
    size_t es = (size_t)1 << js_ta_size_log2[t];
    uint64_t nan_raw = js_ta_type_is_bigint(t) ? 0 : js_ta_number_to_raw(t, NAN);
    for (int64_t k = 0; k < len; k++) {
        if (k == (int64_t)actual)
            js_ta_store_raw(t, elem_ptr(a, (uint64_t)k), raw);
        else if (valid_index(o, k))
            memcpy(elem_ptr(a, (uint64_t)k), elem_ptr(o, (uint64_t)k), es);
        else
            js_ta_store_raw(t, elem_ptr(a, (uint64_t)k), nan_raw);
    }
    return res;
}

/* ---- reduce (magic 0) and reduceRight (magic 1) ---- */

static JSValue ta_reduce(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(ARG(0)))
        return js_throw_type_error(ctx, "callback is not a function");
    if (len == 0 && argc < 2)
        return js_throw_type_error(ctx, "Reduce of empty array with no initial value");
    JSRoot ra;
    JSValueArray *args = new_args(ctx, 4, &ra);
    if (!args)
        return JS_EXCEPTION;
    int64_t i = 0;
    JSValue acc;
    if (argc >= 2) {
        acc = ARG(1);
    } else {
        acc = js_ta_get_element(ctx, obj_of(this_val), magic ? (double)(len - 1) : 0);
        if (js_is_exception(acc))
            return acc;
        i = 1;
    }
    for (; i < len; i++) {
        int64_t k = magic ? len - 1 - i : i;
        args->values[0] = acc;
        JSValue v = js_ta_get_element(ctx, obj_of(this_val), (double)k);
        if (js_is_exception(v))
            return v;
        args->values[1] = v;
        args->values[2] = js_number((double)k);
        args->values[3] = this_val;
        acc = js_call(ctx, ARG(0), JS_UNDEFINED, 4, args->values);
        if (js_is_exception(acc))
            return acc;
    }
    js_root_pop(ctx, &ra);
    return acc;
}

/* ---- sorting ---- */

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    if (a != a)
        return b != b ? 0 : 1;
    if (b != b)
        return -1;
    if (a < b)
        return -1;
    if (a > b)
        return 1;
    if (a == 0 && b == 0) {
        bool na = signbit(a), nb = signbit(b);
        return na == nb ? 0 : (na ? -1 : 1);
    }
    return 0;
}

static int cmp_i64(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return a < b ? -1 : a > b;
}

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

/* Default numeric order: sorts the len elements of src into dst (which
 * may be src) without running JS. 0 or -1 (out of memory). */
static int sort_default(JSContext *ctx, JSObject *src, JSObject *dst, int64_t len)
{
    if (len <= 0)
        return 0;
    JSTypedArrayType t = js_ta_type(src);
    uint64_t *tmp = js_malloc(ctx, (size_t)len * 8);
    if (!tmp)
        return -1;
    uint8_t *sp = elem_ptr(src, 0);
    int sh = js_ta_size_log2[t];
    if (js_ta_type_is_bigint(t)) {
        memcpy(tmp, sp, (size_t)len * 8);
        qsort(tmp, (size_t)len, 8, t == JS_TA_BIGINT64 ? cmp_i64 : cmp_u64);
        memcpy(elem_ptr(dst, 0), tmp, (size_t)len * 8);
    } else {
        double *d = (double *)tmp;
        for (int64_t i = 0; i < len; i++) {
            JSValue v = js_ta_load(ctx, t, sp + ((size_t)i << sh));
            d[i] = js_number_value(v);
        }
        qsort(d, (size_t)len, sizeof(double), cmp_double);
        uint8_t *dp = elem_ptr(dst, 0);
        for (int64_t i = 0; i < len; i++)
            js_ta_store_raw(t, dp + ((size_t)i << sh), js_ta_number_to_raw(t, d[i]));
    }
    js_free(ctx->rt, tmp, (size_t)len * 8);
    return 0;
}

/* CompareTypedArrayElements with a user comparator: -1 on exception,
 * else *less = (comparefn(a, b) < 0). */
static int cmp_user(JSContext *ctx, JSValue fn, JSValueArray *args, JSValue a, JSValue b, bool *gt)
{
    args->values[0] = a;
    args->values[1] = b;
    JSValue r = js_call(ctx, fn, JS_UNDEFINED, 2, args->values);
    if (js_is_exception(r))
        return -1;
    double d;
    if (js_to_number(ctx, &d, r) < 0)
        return -1;
    *gt = d > 0;
    return 0;
}

/* Stable merge sort of v->values[0..n) with comparator fn, using
 * tmp->values as scratch. 0 or -1. */
static int merge_sort(JSContext *ctx, JSValue fn, JSValueArray *v, JSValueArray *tmp,
                      JSValueArray *args, uint32_t n)
{
    for (uint32_t width = 1; width < n; width *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * width) {
            uint32_t mid = lo + width < n ? lo + width : n;
            uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            uint32_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                bool gt;
                if (cmp_user(ctx, fn, args, v->values[i], v->values[j], &gt) < 0)
                    return -1;
                tmp->values[k++] = gt ? v->values[j++] : v->values[i++];
            }
            while (i < mid)
                tmp->values[k++] = v->values[i++];
            while (j < hi)
                tmp->values[k++] = v->values[j++];
        }
        for (uint32_t i = 0; i < n; i++)
            v->values[i] = tmp->values[i];
    }
    return 0;
}

/* SortIndexedProperties(src, len) with comparefn, then writes the sorted
 * values to dst (Set, ignoring indices that became invalid). */
static int sort_user(JSContext *ctx, JSValue src, JSValue dst, int64_t len, JSValue fn)
{
    if (len > 0xFFFFFFF)
        return js_throw_range_error(ctx, "array too large to sort"), -1;
    uint32_t n = (uint32_t)len;
    JSRoot rv, rt, ra, rs, rd;
    js_root_push(ctx, &rs, src);
    js_root_push(ctx, &rd, dst);
    int ret = -1;
    JSValueArray *v = js_value_array_new(ctx, n);
    if (!v)
        goto done;
    js_root_push(ctx, &rv, js_cell_value(v));
    JSValueArray *tmp = js_value_array_new(ctx, n);
    if (!tmp)
        goto done;
    js_root_push(ctx, &rt, js_cell_value(tmp));
    JSValueArray *args = new_args(ctx, 2, &ra);
    if (!args)
        goto done;
    for (uint32_t i = 0; i < n; i++) {
        JSValue e = js_ta_get_element(ctx, obj_of(rs.v), (double)i);
        if (js_is_exception(e))
            goto done;
        v->values[i] = e;
    }
    if (merge_sort(ctx, fn, v, tmp, args, n) < 0)
        goto done;
    JSObject *d = obj_of(rd.v);
    JSTypedArrayType t = js_ta_type(d);
    for (uint32_t i = 0; i < n; i++) {
        if (!valid_index(d, i))
            continue;
        uint64_t raw;
        if (js_ta_value_to_raw(ctx, t, v->values[i], &raw) < 0)
            goto done;
        js_ta_store_raw(t, elem_ptr(d, i), raw);
    }
    ret = 0;
done:
    js_root_pop(ctx, &rs);
    return ret;
}

/* %TypedArray%.prototype.sort(comparefn) */
static JSValue ta_sort(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue fn = ARG(0);
    if (!js_is_undefined(fn) && !js_is_callable(fn))
        return js_throw_type_error(ctx, "comparator must be a function");
    int64_t len;
    if (!js_ta_validate_write(ctx, this_val, &len))
        return JS_EXCEPTION;
    int r = js_is_undefined(fn) ? sort_default(ctx, obj_of(this_val), obj_of(this_val), len)
                                : sort_user(ctx, this_val, this_val, len, fn);
    return r < 0 ? JS_EXCEPTION : this_val;
}

/* %TypedArray%.prototype.toSorted(comparefn) */
static JSValue ta_to_sorted(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue fn = ARG(0);
    if (!js_is_undefined(fn) && !js_is_callable(fn))
        return js_throw_type_error(ctx, "comparator must be a function");
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    JSValue res = js_ta_create_same_type(ctx, obj_of(this_val), (uint64_t)len);
    if (js_is_exception(res))
        return res;
    JSRoot rr;
    js_root_push(ctx, &rr, res);
    int r = js_is_undefined(fn) ? sort_default(ctx, obj_of(this_val), obj_of(res), len)
                                : sort_user(ctx, this_val, res, len, fn);
    if (r < 0)
        return JS_EXCEPTION;
    js_root_pop(ctx, &rr);
    return res;
}

/* ---- iterators: keys (magic KEYS), values, entries ---- */

static JSValue ta_iterator(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int64_t len;
    if (!js_ta_validate(ctx, this_val, &len))
        return JS_EXCEPTION;
    return js_array_iterator_new(ctx, this_val, (JSArrayIterKind)magic);
}

static const JSPropEntry ta_proto_funcs[] = {
    BD_FUNC("at", 1, ta_at, 0),
    BD_FUNC("copyWithin", 2, ta_copy_within, 0),
    BD_FUNC("entries", 0, ta_iterator, JS_ITER_KIND_ENTRIES),
    BD_FUNC("every", 1, ta_iterate, IT_EVERY),
    BD_FUNC("fill", 1, ta_fill, 0),
    BD_FUNC("filter", 1, ta_filter, 0),
    BD_FUNC("find", 1, ta_iterate, IT_FIND),
    BD_FUNC("findIndex", 1, ta_iterate, IT_FIND_INDEX),
    BD_FUNC("findLast", 1, ta_iterate, IT_FIND_LAST),
    BD_FUNC("findLastIndex", 1, ta_iterate, IT_FIND_LAST_INDEX),
    BD_FUNC("forEach", 1, ta_iterate, IT_FOREACH),
    BD_FUNC("includes", 1, ta_search, 0),
    BD_FUNC("indexOf", 1, ta_search, 1),
    BD_FUNC("join", 1, ta_join, 0),
    BD_FUNC("keys", 0, ta_iterator, JS_ITER_KIND_KEYS),
    BD_FUNC("lastIndexOf", 1, ta_search, 2),
    BD_FUNC("map", 1, ta_map, 0),
    BD_FUNC("reduce", 1, ta_reduce, 0),
    BD_FUNC("reduceRight", 1, ta_reduce, 1),
    BD_FUNC("reverse", 0, ta_reverse, 0),
    BD_FUNC("slice", 2, ta_slice, 0),
    BD_FUNC("some", 1, ta_iterate, IT_SOME),
    BD_FUNC("sort", 1, ta_sort, 0),
    BD_FUNC("toLocaleString", 0, ta_to_locale_string, 0),
    BD_FUNC("toReversed", 0, ta_to_reversed, 0),
    BD_FUNC("toSorted", 1, ta_to_sorted, 0),
    BD_FUNC("values", 0, ta_iterator, JS_ITER_KIND_VALUES),
    BD_FUNC("with", 2, ta_with, 0),
    JS_ALIAS_DEF("[Symbol.iterator]", "values"),
};

int js_ta_proto_init(JSContext *ctx, JSValue proto)
{
    JSRoot rp;
    js_root_push(ctx, &rp, proto);
    if (js_define_prop_entries(ctx, proto, ta_proto_funcs, COUNTOF(ta_proto_funcs)) < 0)
        return -1;
    /* toString is the very function object of Array.prototype.toString */
    JSValue ts = ctx->intrinsics[JS_INTRINSIC_ArrayProtoToString];
    if (js_is_object(ts)) {
        if (js_define_property_value(ctx, rp.v, JS_ATOM_toString, ts, JS_PROP_C_W) < 0)
            return -1;
    }
    js_root_pop(ctx, &rp);
    return 0;
}
