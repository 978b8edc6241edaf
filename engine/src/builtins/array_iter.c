/* %ArrayIteratorPrototype% and its instances (class ARRAY_ITERATOR, used
 * by arrays, array-likes and typed arrays), and the stable merge sort
 * behind Array.prototype.sort / toSorted (SortCompare with a user
 * comparator or by string order; exceptions propagate). */
#include <math.h>
#include "array.h"
#include "typedarray.h"
#include "../conv.h"

#define FN(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }

typedef struct JSArrayIterator {
    JSObject base;
    JSValue obj;        /* the iterated object; undefined once exhausted */
    int64_t index;      /* next index */
    int kind;           /* JSArrayIterKind */
} JSArrayIterator;

static void array_iterator_trace(JSRuntime *rt, JSObject *obj)
{
    js_gc_mark_value(rt, ((JSArrayIterator *)obj)->obj);
}

static const JSClass js_array_iterator_class = {
    .name = "Array Iterator",
    .size = sizeof(JSArrayIterator),
    .trace = array_iterator_trace,
};

JSValue js_array_iterator_new(JSContext *ctx, JSValue obj, JSArrayIterKind kind)
{
    JSArrayIterator *it;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    it = (JSArrayIterator *)js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ARRAY_ITERATOR],
                                                       JS_CLASS_ARRAY_ITERATOR);
    if (!it)
        return JS_EXCEPTION;
    JS_STORE(ctx, &it->base, it->obj, r.v);
    it->index = 0;
    it->kind = kind;
    js_root_pop(ctx, &r);
    return js_obj_value(&it->base);
}

/* %ArrayIteratorPrototype%.next() */
static JSValue array_iterator_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSArrayIterator *it;
    JSValue a, v, pair[2];
    JSRoot ri, rv;
    int64_t len, index;
    if (!js_object_is_class(this_val, JS_CLASS_ARRAY_ITERATOR))
        return js_throw_type_error(ctx, "next method called on an incompatible receiver");
    it = (JSArrayIterator *)JS_VALUE_GET_OBJ(this_val);
    a = it->obj;
    if (js_is_undefined(a))
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    index = it->index;
    if (js_is_object(a) && (JS_VALUE_GET_OBJ(a)->h.flags & JS_OBJ_FAST_ARRAY)) {
        len = js_array_length_fast(JS_VALUE_GET_OBJ(a));
    } else if (js_is_typed_array(a)) {
        /* TypedArrayLength, TypeError when out of bounds (detached). */
        len = js_typed_array_get_length(JS_VALUE_GET_OBJ(a));
        if (len < 0)
            return js_throw_type_error(ctx, "typed array is detached or out of bounds");
    } else if (js_length_of_array_like(ctx, &len, a)) {
        return JS_EXCEPTION;
    }
    it = (JSArrayIterator *)JS_VALUE_GET_OBJ(this_val);
    if (index >= len) {
        it->obj = JS_UNDEFINED;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    it->index = index + 1;
    if (it->kind == JS_ITER_KIND_KEYS)
        return js_create_iter_result(ctx, js_number((double)index), false);
    v = JS_EMPTY;
    if (JS_VALUE_GET_OBJ(a)->h.flags & JS_OBJ_FAST_ARRAY)
        v = js_array_fast_get(JS_VALUE_GET_OBJ(a), (uint32_t)index);
    if (js_is_empty(v)) {
        js_root_push(ctx, &ri, this_val);
        v = js_get_index(ctx, a, index);
        if (js_is_exception(v))
            return v;
        js_root_pop(ctx, &ri);
    }
    if (it->kind == JS_ITER_KIND_VALUES)
        return js_create_iter_result(ctx, v, false);
    js_root_push(ctx, &rv, v);
    pair[0] = js_number((double)index);
    pair[1] = v;
    v = js_new_array_from(ctx, 2, pair);
    if (js_is_exception(v))
        return v;
    rv.v = v;
    v = js_create_iter_result(ctx, v, false);
    js_root_pop(ctx, &rv);
    return v;
}

static const JSPropEntry js_array_iterator_proto_funcs[] = {
    FN("next", 0, array_iterator_next, 0),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Array Iterator", JS_PROP_CONFIGURABLE),
};

int js_array_iter_init(JSContext *ctx)
{
    JSValue proto, parent = ctx->intrinsics[JS_INTRINSIC_IteratorPrototype];
    JSRoot r;
    js_register_class(ctx->rt, JS_CLASS_ARRAY_ITERATOR, &js_array_iterator_class);
    if (!js_is_object(parent))
        parent = ctx->class_proto[JS_CLASS_OBJECT];
    proto = js_new_object_proto(ctx, parent);
    if (js_is_exception(proto))
        return -1;
    js_root_push(ctx, &r, proto);
    if (js_define_prop_entries(ctx, proto, js_array_iterator_proto_funcs,
                               (int)(sizeof js_array_iterator_proto_funcs / sizeof js_array_iterator_proto_funcs[0])) < 0)
        return -1;
    ctx->class_proto[JS_CLASS_ARRAY_ITERATOR] = proto;
    js_root_pop(ctx, &r);
    return 0;
}

/* ---- sorting ---- */

typedef struct SortState {
    JSContext *ctx;
    JSValue *values;    /* the items (rooted by the caller) */
    JSValue *keys;      /* string keys for the default order (rooted), or NULL */
    JSValue cmp;        /* comparator or undefined */
    JSValue *args;      /* two rooted argument slots for the comparator */
} SortState;

/* SortCompare(values[a], values[b]) < 0 ? -> 1 if b must stay after a
 * (a <= b in the order), 0 if b goes first, -1 on exception. */
static int sort_le(SortState *s, uint32_t a, uint32_t b)
{
    if (js_poll_interrupt(s->ctx) < 0)
        return -1;
    if (s->keys) {
        return js_string_compare(s->ctx, s->keys[a], s->keys[b]) <= 0;
    } else {
        JSValue r;
        double d;
        s->args[0] = s->values[a];
        s->args[1] = s->values[b];
        r = js_call(s->ctx, s->cmp, JS_UNDEFINED, 2, s->args);
        if (js_is_exception(r))
            return -1;
        if (js_is_int(r))
            return js_get_int(r) <= 0;
        if (js_to_number(s->ctx, &d, r))
            return -1;
        return !(d > 0);    /* NaN counts as +0 */
    }
}

/* Bottom-up merge sort of the index permutation idx[0..n) (tmp is
 * scratch of the same size). Stable. 0 or -1. */
static int merge_sort(SortState *s, uint32_t *idx, uint32_t *tmp, uint32_t n)
{
    uint32_t width, i, lo, mid, hi, a, b, k;
    int le;
    /* insertion sort runs of 8 first */
    for (lo = 0; lo < n; lo += 8) {
        hi = lo + 8 < n ? lo + 8 : n;
        for (i = lo + 1; i < hi; i++) {
            uint32_t x = idx[i], j = i;
            while (j > lo) {
                le = sort_le(s, idx[j - 1], x);
                if (le < 0)
                    return -1;
                if (le)
                    break;
                idx[j] = idx[j - 1];
                j--;
            }
            idx[j] = x;
        }
    }
    for (width = 8; width < n; width *= 2) {
        for (lo = 0; lo < n; lo += 2 * width) {
            mid = lo + width < n ? lo + width : n;
            hi = lo + 2 * width < n ? lo + 2 * width : n;
            a = lo;
            b = mid;
            k = lo;
            if (mid < hi) {
                le = sort_le(s, idx[mid - 1], idx[mid]);
                if (le < 0)
                    return -1;
                if (le) {    /* already in order */
                    memcpy(tmp + lo, idx + lo, sizeof(uint32_t) * (hi - lo));
                    continue;
                }
            }
            while (a < mid && b < hi) {
                le = sort_le(s, idx[a], idx[b]);
                if (le < 0)
                    return -1;
                tmp[k++] = le ? idx[a++] : idx[b++];
            }
            while (a < mid)
                tmp[k++] = idx[a++];
            while (b < hi)
                tmp[k++] = idx[b++];
        }
        memcpy(idx, tmp, sizeof(uint32_t) * n);
    }
    return 0;
}

int js_array_sort_values(JSContext *ctx, JSValue *values, uint32_t n, JSValue comparefn)
{
    SortState s;
    JSValueArray *frame, *out;
    JSRoot rf, ro;
    uint32_t *idx = NULL, *tmp = NULL, i;
    int ret = -1;
    if (n < 2)
        return 0;
    /* frame: 0..1 comparator args, 2 comparator, 3.. string keys */
    frame = js_value_array_new(ctx, js_is_undefined(comparefn) ? n + 3 : 3);
    if (!frame)
        return -1;
    js_root_push(ctx, &rf, js_mkptr(JS_TAG_CELL, frame));
    JS_STORE(ctx, frame, frame->values[2], comparefn);
    s.ctx = ctx;
    s.values = values;
    s.cmp = comparefn;
    s.args = frame->values;
    s.keys = NULL;
    if (js_is_undefined(comparefn)) {
        for (i = 0; i < n; i++) {
            JSValue k = values[i];
            if (!js_is_string(k)) {
                k = js_to_string(ctx, k);
                if (js_is_exception(k))
                    return -1;
            }
            JS_STORE(ctx, frame, frame->values[3 + i], k);
        }
        s.keys = frame->values + 3;
    }
    idx = js_malloc(ctx, sizeof(uint32_t) * n);
    tmp = idx ? js_malloc(ctx, sizeof(uint32_t) * n) : NULL;
    if (!tmp)
        goto done;
    for (i = 0; i < n; i++)
        idx[i] = i;
    if (merge_sort(&s, idx, tmp, n))
        goto done;
    /* Apply the permutation through a rooted copy. */
    out = js_value_array_new(ctx, n);
    if (!out)
        goto done;
    js_root_push(ctx, &ro, js_mkptr(JS_TAG_CELL, out));
    for (i = 0; i < n; i++)
        JS_STORE(ctx, out, out->values[i], values[idx[i]]);
    for (i = 0; i < n; i++)
        values[i] = out->values[i];
    js_root_pop(ctx, &ro);
    ret = 0;
done:
    if (idx)
        js_free(ctx->rt, idx, sizeof(uint32_t) * n);
    if (tmp)
        js_free(ctx->rt, tmp, sizeof(uint32_t) * n);
    js_root_pop(ctx, &rf);
    return ret;
}
