/* %IteratorPrototype% (Iterator.prototype), the Iterator constructor,
 * Iterator.from with %WrapForValidIteratorPrototype%, and the iterator
 * helpers (ECMA-262 27.1): the lazy ones (map, filter, take, drop,
 * flatMap, chunks, windows, Iterator.concat / zip / zipKeyed) are C state
 * machines behind %IteratorHelperPrototype%; the eager ones (reduce,
 * toArray, forEach, some, every, find, includes, join) loop here. */
#include "../fmath/fmath.h"
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"
#include "../interp.h"
#include <math.h>
#include <string.h>

enum { HELPER_MAP, HELPER_FILTER, HELPER_TAKE, HELPER_DROP, HELPER_FLAT_MAP, HELPER_CONCAT,
       HELPER_CHUNKS, HELPER_WINDOWS, HELPER_ZIP };
enum { ZIP_SHORTEST, ZIP_LONGEST, ZIP_STRICT };
enum { ST_START, ST_YIELD, ST_RUNNING, ST_DONE };

typedef struct JSIteratorHelper {
    JSObject base;          /* class ITERATOR_HELPER */
    JSValue iter, next;     /* [[UnderlyingIterator]] */
    JSValue fn;             /* mapper / predicate */
    JSValue inner_iter, inner_next; /* flatMap: the current inner iterator */
    double counter;
    double remaining;       /* take / drop; chunks / windows: the size */
    uint8_t kind;
    uint8_t state;
    bool inner_alive;
    bool source_done;       /* chunks / windows: the underlying iterator is
                               exhausted (return() must not close it) */
    bool allow_partial;     /* windows: undersized is "allow-partial" */
    uint8_t zip_mode;       /* zip: ZIP_* */
} JSIteratorHelper;

typedef struct JSIteratorWrap {
    JSObject base;          /* class ITERATOR_WRAP */
    JSValue iter, next;     /* [[Iterated]] */
} JSIteratorWrap;

static void helper_trace(JSRuntime *rt, JSObject *obj)
{
    JSIteratorHelper *h = (JSIteratorHelper *)obj;
    js_gc_mark_value(rt, h->iter);
    js_gc_mark_value(rt, h->next);
    js_gc_mark_value(rt, h->fn);
    js_gc_mark_value(rt, h->inner_iter);
    js_gc_mark_value(rt, h->inner_next);
}

static void wrap_trace(JSRuntime *rt, JSObject *obj)
{
    JSIteratorWrap *w = (JSIteratorWrap *)obj;
    js_gc_mark_value(rt, w->iter);
    js_gc_mark_value(rt, w->next);
}

static const JSClass helper_class = {
    .name = "Iterator Helper", .size = sizeof(JSIteratorHelper), .trace = helper_trace,
};
static const JSClass wrap_class = {
    .name = "Object", .size = sizeof(JSIteratorWrap), .trace = wrap_trace,
};

/* %IteratorPrototype%[Symbol.iterator] */
static JSValue iterator_proto_iterator(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* The Iterator constructor (abstract). */
static JSValue iterator_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(new_target))
        return js_throw_type_error(ctx, "Constructor Iterator requires 'new'");
    JSCFunctionObject *self = js_current_native_function(ctx);
    if (self && new_target == js_mkptr(JS_TAG_OBJECT, self))
        return js_throw_type_error(ctx, "Abstract class Iterator not directly constructable");
    JSValue proto = js_get_property(ctx, new_target, JS_ATOM_prototype);
    if (js_is_exception(proto))
        return proto;
    if (!js_is_object(proto)) {
        JSContext *realm = js_get_function_realm(ctx, new_target);
        if (!realm)
            return JS_EXCEPTION;
        proto = realm->intrinsics[JS_INTRINSIC_IteratorPrototype];
    }
    return js_new_object_proto(ctx, proto);
}

/* A new array holding the elements of the fast array a (rooted by the
 * caller). May collect; JS_EXCEPTION on OOM. */
static JSValue array_copy_fast(JSContext *ctx, JSValue a)
{
    if (!(JS_VALUE_GET_OBJ(a)->h.flags & JS_OBJ_FAST_ARRAY))
        return js_throw_range_error(ctx, "Iterator chunk is too large");
    uint32_t n = js_array_length_fast(JS_VALUE_GET_OBJ(a));
    JSValue c = js_new_array(ctx, n);
    if (js_is_exception(c))
        return c;
    JSArray *src = (JSArray *)JS_VALUE_GET_OBJ(a), *dst = (JSArray *)JS_VALUE_GET_OBJ(c);
    if (n)
        memcpy(dst->elems, src->elems, (size_t)n * sizeof(JSValue));
    return c;
}

/* GetIteratorDirect(obj): reads next once. */
static int get_iterator_direct(JSContext *ctx, JSValue obj, JSValue *next)
{
    JSValue n = js_get_property(ctx, obj, JS_ATOM_next);
    if (js_is_exception(n))
        return -1;
    *next = n;
    return 0;
}

/* GetIteratorFlattenable(obj, primitives): iterator and next in *iter /
 * *next (the caller roots them). */
static int get_iterator_flattenable(JSContext *ctx, JSValue obj, bool allow_strings, JSValue *iter, JSValue *next)
{
    if (!js_is_object(obj)) {
        if (!allow_strings || !js_is_string(obj)) {
            js_throw_type_error(ctx, "value is not an object");
            return -1;
        }
    }
    JSValue method = js_get_method(ctx, obj, JS_ATOM_Symbol_iterator);
    if (js_is_exception(method))
        return -1;
    JSValue it;
    if (js_is_undefined(method)) {
        it = obj;
    } else {
        it = js_call(ctx, method, obj, 0, NULL);
        if (js_is_exception(it))
            return -1;
    }
    if (!js_is_object(it)) {
        js_throw_type_error(ctx, "iterator is not an object");
        return -1;
    }
    *iter = it;
    JSRoot r;
    js_root_push(ctx, &r, it);
    int ret = get_iterator_direct(ctx, it, next);
    js_root_pop(ctx, &r);
    return ret;
}

/* Iterator.from(O) */
static JSValue iterator_from(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot ri, rn;
    js_root_push(ctx, &ri, JS_UNDEFINED);
    js_root_push(ctx, &rn, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    JSValue it, next;
    if (get_iterator_flattenable(ctx, argv[0], true, &it, &next) < 0)
        goto done;
    ri.v = it;
    rn.v = next;
    /* OrdinaryHasInstance(%Iterator%, iterator): walk the prototype chain
     * looking for %Iterator.prototype%. */
    JSRoot rp;
    js_root_push(ctx, &rp, ri.v);
    for (;;) {
        JSValue p = js_get_prototype_of(ctx, rp.v);
        if (js_is_exception(p))
            goto done;
        if (js_is_null(p))
            break;
        if (p == ctx->intrinsics[JS_INTRINSIC_IteratorPrototype]) {
            res = ri.v;
            goto done;
        }
        rp.v = p;
    }
    JSObject *w = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ITERATOR_WRAP], JS_CLASS_ITERATOR_WRAP);
    if (!w)
        goto done;
    JSIteratorWrap *wr = (JSIteratorWrap *)w;
    JS_STORE(ctx, w, wr->iter, ri.v);
    JS_STORE(ctx, w, wr->next, rn.v);
    res = js_mkptr(JS_TAG_OBJECT, w);
done:
    js_root_pop(ctx, &ri);
    return res;
}

/* Iterator.concat(...items) */
static JSValue iterator_concat(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *list = js_value_array_new(ctx, 2 * (uint32_t)argc);
    if (!list)
        return JS_EXCEPTION;
    JSRoot rl;
    js_root_push(ctx, &rl, js_cell_value(list));
    for (int i = 0; i < argc; i++) {
        if (!js_is_object(argv[i]))
            return js_throw_type_error(ctx, "Iterator.concat: argument is not an object");
        JSValue m = js_get_method(ctx, argv[i], JS_ATOM_Symbol_iterator);
        if (js_is_exception(m))
            return m;
        if (js_is_undefined(m))
            return js_throw_type_error(ctx, "Iterator.concat: argument is not iterable");
        list->values[2 * i] = m;
        list->values[2 * i + 1] = argv[i];
    }
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ITERATOR_HELPER], JS_CLASS_ITERATOR_HELPER);
    if (!o)
        return JS_EXCEPTION;
    JSIteratorHelper *h = (JSIteratorHelper *)o;
    h->iter = h->next = h->inner_iter = h->inner_next = JS_UNDEFINED;
    JS_STORE(ctx, o, h->fn, rl.v);
    h->kind = HELPER_CONCAT;
    h->state = ST_START;
    return js_mkptr(JS_TAG_OBJECT, o);
}

static JSValue wrap_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_ITERATOR_WRAP))
        return js_throw_type_error(ctx, "not a wrapped iterator");
    JSIteratorWrap *w = (JSIteratorWrap *)JS_VALUE_GET_OBJ(this_val);
    return js_call(ctx, w->next, w->iter, 0, NULL);
}

static JSValue wrap_return(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_ITERATOR_WRAP))
        return js_throw_type_error(ctx, "not a wrapped iterator");
    JSIteratorWrap *w = (JSIteratorWrap *)JS_VALUE_GET_OBJ(this_val);
    JSValue m = js_get_method(ctx, w->iter, JS_ATOM_return);
    if (js_is_exception(m))
        return m;
    if (js_is_undefined(m))
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    w = (JSIteratorWrap *)JS_VALUE_GET_OBJ(this_val);
    JSRoot r;
    js_root_push(ctx, &r, m);
    JSValue res = js_call(ctx, m, w->iter, 0, NULL);
    js_root_pop(ctx, &r);
    return res;
}

/* ---- lazy helpers ---- */

/* Closes the underlying iterator after an abrupt completion (the pending
 * exception is kept) and returns JS_EXCEPTION. */
static JSValue close_throw(JSContext *ctx, JSValue iter)
{
    js_iterator_close(ctx, iter, true);
    return JS_EXCEPTION;
}

/* Validation shared by the helper factories: this must be an object; a
 * bad argument closes it. */
static JSValue make_helper(JSContext *ctx, JSValue this_val, JSValue arg, int kind)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator helper called on non-object");
    double remaining = 0;
    if (kind == HELPER_TAKE || kind == HELPER_DROP) {
        double d;
        if (js_to_number(ctx, &d, arg) < 0)
            return close_throw(ctx, this_val);
        if (isnan(d)) {
            js_throw_range_error(ctx, "%s: limit must be a number", kind == HELPER_TAKE ? "take" : "drop");
            return close_throw(ctx, this_val);
        }
        if (isfinite(d) && d > 9007199254740991.0) {
            js_throw_range_error(ctx, "%s: limit is too large", kind == HELPER_TAKE ? "take" : "drop");
            return close_throw(ctx, this_val);
        }
        if (js_to_int_or_infinity(ctx, &remaining, js_double(d)) < 0)
            return close_throw(ctx, this_val);
        if (remaining < 0) {
            js_throw_range_error(ctx, "%s: limit must be positive", kind == HELPER_TAKE ? "take" : "drop");
            return close_throw(ctx, this_val);
        }
    } else if (!js_is_callable(arg)) {
        js_throw_type_error(ctx, "Iterator helper argument is not a function");
        return close_throw(ctx, this_val);
    }
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    JSRoot rn;
    js_root_push(ctx, &rn, next);
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ITERATOR_HELPER], JS_CLASS_ITERATOR_HELPER);
    js_root_pop(ctx, &rn);
    if (!o)
        return JS_EXCEPTION;
    JSIteratorHelper *h = (JSIteratorHelper *)o;
    JS_STORE(ctx, o, h->iter, this_val);
    JS_STORE(ctx, o, h->next, rn.v);
    JS_STORE(ctx, o, h->fn, kind == HELPER_TAKE || kind == HELPER_DROP ? JS_UNDEFINED : arg);
    h->inner_iter = h->inner_next = JS_UNDEFINED;
    h->kind = (uint8_t)kind;
    h->state = ST_START;
    h->counter = 0;
    h->remaining = remaining;
    return js_mkptr(JS_TAG_OBJECT, o);
}

/* Iterator.prototype.chunks(chunkSize) (magic HELPER_CHUNKS) and
 * .windows(windowSize [, undersized]) (HELPER_WINDOWS). */
static JSValue iterator_chunking(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator helper called on non-object");
    JSValue sz = argv[0];
    double d = js_is_number(sz) ? js_number_value(sz) : NAN;
    if (!js_is_number(sz) || !isfinite(d) || d != js_trunc(d)) {
        js_throw_type_error(ctx, "%s: size is not an integral number", magic == HELPER_CHUNKS ? "chunks" : "windows");
        return close_throw(ctx, this_val);
    }
    if (d < 1 || d > 4294967295.0) {
        js_throw_range_error(ctx, "%s: size is out of range", magic == HELPER_CHUNKS ? "chunks" : "windows");
        return close_throw(ctx, this_val);
    }
    bool partial = false;
    if (magic == HELPER_WINDOWS && argc > 1 && !js_is_undefined(argv[1])) {
        JSValue u = argv[1];
        bool ok = false;
        if (js_is_string(u)) {
            JSValue only = js_new_string_cstr(ctx, "only-full");
            if (js_is_exception(only))
                return JS_EXCEPTION;
            if (js_string_equal(ctx, u, only)) {
                ok = true;
            } else {
                JSValue allow = js_new_string_cstr(ctx, "allow-partial");
                if (js_is_exception(allow))
                    return JS_EXCEPTION;
                ok = partial = js_string_equal(ctx, argv[1], allow);
            }
        }
        if (!ok) {
            js_throw_type_error(ctx, "windows: undersized must be \"only-full\" or \"allow-partial\"");
            return close_throw(ctx, this_val);
        }
    }
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    JSRoot rn, rb;
    js_root_push(ctx, &rn, next);
    js_root_push(ctx, &rb, js_new_array(ctx, 0));
    JSObject *o = NULL;
    if (!js_is_exception(rb.v))
        o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ITERATOR_HELPER], JS_CLASS_ITERATOR_HELPER);
    js_root_pop(ctx, &rn);
    if (!o)
        return JS_EXCEPTION;
    JSIteratorHelper *h = (JSIteratorHelper *)o;
    JS_STORE(ctx, o, h->iter, this_val);
    JS_STORE(ctx, o, h->next, rn.v);
    JS_STORE(ctx, o, h->fn, rb.v);
    h->inner_iter = h->inner_next = JS_UNDEFINED;
    h->kind = (uint8_t)magic;
    h->state = ST_START;
    h->remaining = d;
    h->allow_partial = partial;
    return js_mkptr(JS_TAG_OBJECT, o);
}

static JSValue iterator_helper_factory(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return make_helper(ctx, this_val, argv[0], magic);
}

/* IteratorStep without reading `value`: 1 not done, 0 done, -1 error. */
static int iterator_step(JSContext *ctx, JSValue iter, JSValue next)
{
    JSValue res = js_call(ctx, next, iter, 0, NULL);
    if (js_is_exception(res))
        return -1;
    if (!js_is_object(res)) {
        js_throw_type_error(ctx, "iterator result is not an object");
        return -1;
    }
    JSValue done = js_get_property(ctx, res, JS_ATOM_done);
    if (js_is_exception(done))
        return -1;
    return js_to_boolean(done) ? 0 : 1;
}

/* ---- Iterator.zip / Iterator.zipKeyed (joint iteration) ----
 * The helper's iter is a fast array of (iterator, next) pairs, where an
 * iterator slot is null once removed from openIters; next holds the
 * padding values, fn the keys (zipKeyed) or undefined; remaining is the
 * number of iterators and zip_mode the mode. */

static inline JSValue *zip_slots(JSValue arr) { return ((JSArray *)JS_VALUE_GET_OBJ(arr))->elems; }

/* IteratorCloseAll(openIters, completion) in reverse order: with is_throw
 * the pending exception is kept, otherwise the first error of a return()
 * becomes the completion. Every slot is emptied. Returns -1 if an
 * exception is pending afterwards. iters must be rooted. */
static int zip_close_all(JSContext *ctx, JSValue iters, uint32_t n, bool is_throw)
{
    if (!js_is_object(iters))
        return is_throw ? -1 : 0;
    JSRoot ri;
    js_root_push(ctx, &ri, iters);
    for (uint32_t i = n; i-- > 0;) {
        JSValue it = zip_slots(ri.v)[2 * i];
        if (!js_is_object(it))
            continue;
        zip_slots(ri.v)[2 * i] = JS_NULL;
        if (is_throw)
            js_iterator_close(ctx, it, true);
        else if (js_iterator_close(ctx, it, false) < 0)
            is_throw = true;
    }
    js_root_pop(ctx, &ri);
    return is_throw ? -1 : 0;
}

/* True if some iterator of the zip is still open. */
static bool zip_any_open(JSValue iters, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (js_is_object(zip_slots(iters)[2 * i]))
            return true;
    return false;
}

/* One round of IteratorZip: 1 with the results in *out, 0 when done, -1
 * on error (the open iterators closed as the proposal says). */
static int zip_step(JSContext *ctx, JSValue hv, JSValue *out)
{
    JSIteratorHelper *h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
    uint32_t n = (uint32_t)h->remaining;
    int mode = h->zip_mode;
    if (n == 0)
        return 0;
    JSRoot ri, rp, rk, rres, ro;
    js_root_push(ctx, &ri, h->iter);
    js_root_push(ctx, &rp, h->next);
    js_root_push(ctx, &rk, h->fn);
    js_root_push(ctx, &rres, JS_UNDEFINED);
    js_root_push(ctx, &ro, JS_UNDEFINED);
    int ret = -1;
    JSValueArray *results = js_value_array_new(ctx, n);
    if (!results)
        goto done;
    rres.v = js_cell_value(results);
    for (uint32_t i = 0; i < n; i++) {
        JSValue it = zip_slots(ri.v)[2 * i];
        JSValue result;
        if (!js_is_object(it)) {
            result = zip_slots(rp.v)[i];
        } else {
            JSIteratorRecord rec = { it, zip_slots(ri.v)[2 * i + 1], false };
            int r = js_iterator_step_value(ctx, &rec, &result);
            if (r < 0) {
                zip_slots(ri.v)[2 * i] = JS_NULL;
                zip_close_all(ctx, ri.v, n, true);
                goto done;
            }
            if (r == 0) {
                zip_slots(ri.v)[2 * i] = JS_NULL;
                if (mode == ZIP_SHORTEST) {
                    ret = zip_close_all(ctx, ri.v, n, false) < 0 ? -1 : 0;
                    goto done;
                }
                if (mode == ZIP_STRICT) {
                    if (i != 0)
                        goto strict_mismatch;
                    for (uint32_t k = 1; k < n; k++) {
                        int r2 = iterator_step(ctx, zip_slots(ri.v)[2 * k], zip_slots(ri.v)[2 * k + 1]);
                        if (r2 < 0) {
                            zip_slots(ri.v)[2 * k] = JS_NULL;
                            zip_close_all(ctx, ri.v, n, true);
                            goto done;
                        }
                        if (r2 > 0)
                            goto strict_mismatch;
                        zip_slots(ri.v)[2 * k] = JS_NULL;
                    }
                    ret = 0;
                    goto done;
                }
                if (!zip_any_open(ri.v, n)) {
                    ret = 0;
                    goto done;
                }
                result = zip_slots(rp.v)[i];
            }
        }
        ((JSValueArray *)js_get_ptr(rres.v))->values[i] = result;
    }
    /* finishResults */
    results = js_get_ptr(rres.v);
    if (js_is_undefined(rk.v)) {
        *out = js_new_array_from(ctx, n, results->values);
    } else {
        ro.v = js_new_object_proto(ctx, JS_NULL);
        if (js_is_exception(ro.v))
            goto done;
        for (uint32_t i = 0; i < n; i++) {
            JSAtom a = js_value_to_atom(ctx, zip_slots(rk.v)[i]);
            if (a == JS_ATOM_NULL)
                goto done;
            results = js_get_ptr(rres.v);
            if (js_create_data_property(ctx, ro.v, a, results->values[i], JS_THROW) < 0)
                goto done;
        }
        *out = ro.v;
    }
    ret = js_is_exception(*out) ? -1 : 1;
    goto done;
strict_mismatch:
    js_throw_type_error(ctx, "Iterator.zip: iterators have different lengths (strict mode)");
    zip_close_all(ctx, ri.v, n, true);
done:
    js_root_pop(ctx, &ri);
    return ret;
}

/* IfAbruptCloseIterators with the pending exception: closes the
 * iterators gathered so far (and extra, if an object) and returns
 * JS_EXCEPTION. */
static JSValue zip_fail(JSContext *ctx, JSValue iters, JSValue extra)
{
    JSRoot ri;
    js_root_push(ctx, &ri, iters);
    uint32_t n = js_array_length_fast(JS_VALUE_GET_OBJ(iters)) / 2;
    if (js_is_object(extra)) {
        /* « inputIter » ++ iters, closed in reverse: iters first */
        zip_close_all(ctx, ri.v, n, true);
        js_iterator_close(ctx, extra, true);
    } else {
        zip_close_all(ctx, ri.v, n, true);
    }
    js_root_pop(ctx, &ri);
    return JS_EXCEPTION;
}

/* Iterator.zip(iterables [, options]) (magic 0) and Iterator.zipKeyed
 * (magic 1). */
static JSValue iterator_zip(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue iterables = argv[0];
    if (!js_is_object(iterables))
        return js_throw_type_error(ctx, "Iterator.zip: iterables is not an object");
    JSValue options = argc > 1 ? argv[1] : JS_UNDEFINED;
    if (!js_is_undefined(options) && !js_is_object(options))
        return js_throw_type_error(ctx, "Iterator.zip: options is not an object");
    JSRoot ropt, rpadopt, riters, rpad, rkeys, rin, rv, rall, ratom;
    js_root_push(ctx, &ropt, options);
    js_root_push(ctx, &rpadopt, JS_UNDEFINED);
    js_root_push(ctx, &riters, JS_UNDEFINED);
    js_root_push(ctx, &rpad, JS_UNDEFINED);
    js_root_push(ctx, &rkeys, JS_UNDEFINED);
    js_root_push(ctx, &rin, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rall, JS_UNDEFINED);
    js_root_push(ctx, &ratom, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    int mode = ZIP_SHORTEST;
    if (js_is_object(ropt.v)) {
        JSAtom a_mode = js_atom_from_cstr(ctx, "mode");
        if (a_mode == JS_ATOM_NULL)
            goto done;
        js_root_set_atom(ctx, &ratom, a_mode);
        JSValue m = js_get_property(ctx, ropt.v, a_mode);
        if (js_is_exception(m))
            goto done;
        if (!js_is_undefined(m)) {
            static const char *const names[] = { "shortest", "longest", "strict" };
            rv.v = m;
            mode = -1;
            for (int i = 0; i < 3 && js_is_string(rv.v); i++) {
                JSValue nm = js_new_string_cstr(ctx, names[i]);
                if (js_is_exception(nm))
                    goto done;
                if (js_string_equal(ctx, rv.v, nm)) {
                    mode = i;
                    break;
                }
            }
            if (mode < 0) {
                js_throw_type_error(ctx, "Iterator.zip: mode must be \"shortest\", \"longest\" or \"strict\"");
                goto done;
            }
        }
        if (mode == ZIP_LONGEST) {
            JSAtom a_pad = js_atom_from_cstr(ctx, "padding");
            if (a_pad == JS_ATOM_NULL)
                goto done;
            js_root_set_atom(ctx, &ratom, a_pad);
            rpadopt.v = js_get_property(ctx, ropt.v, a_pad);
            if (js_is_exception(rpadopt.v))
                goto done;
            if (!js_is_undefined(rpadopt.v) && !js_is_object(rpadopt.v)) {
                js_throw_type_error(ctx, "Iterator.zip: padding is not an object");
                goto done;
            }
        }
    }
    riters.v = js_new_array(ctx, 0);
    if (js_is_exception(riters.v))
        goto done;
    rpad.v = js_new_array(ctx, 0);
    if (js_is_exception(rpad.v))
        goto done;
    if (!magic) {
        JSIteratorRecord in;
        if (js_get_iterator(ctx, iterables, &in) < 0)
            goto done;
        rin.v = in.iterator;
        rv.v = in.next;
        for (;;) {
            JSIteratorRecord rec = { rin.v, rv.v, false };
            JSValue next;
            int r = js_iterator_step_value(ctx, &rec, &next);
            if (r < 0) {
                zip_fail(ctx, riters.v, JS_UNDEFINED);
                goto done;
            }
            if (r == 0)
                break;
            JSValue it, nx;
            if (get_iterator_flattenable(ctx, next, false, &it, &nx) < 0) {
                zip_fail(ctx, riters.v, rin.v);
                goto done;
            }
            JSRoot rit;
            js_root_push(ctx, &rit, it);
            int e = js_array_push_fast(ctx, JS_VALUE_GET_OBJ(riters.v), rit.v) < 0 ||
                    js_array_push_fast(ctx, JS_VALUE_GET_OBJ(riters.v), nx) < 0;
            js_root_pop(ctx, &rit);
            if (e)
                goto done;
        }
    } else {
        rkeys.v = js_new_array(ctx, 0);
        if (js_is_exception(rkeys.v))
            goto done;
        JSValueArray *all = js_own_property_keys(ctx, iterables);
        if (!all)
            goto done;
        rall.v = js_cell_value(all);
        for (uint32_t i = 0; i < ((JSValueArray *)js_get_ptr(rall.v))->len; i++) {
            JSValue key = ((JSValueArray *)js_get_ptr(rall.v))->values[i];
            JSAtom a = js_value_to_atom(ctx, key);
            if (a == JS_ATOM_NULL) {
                zip_fail(ctx, riters.v, JS_UNDEFINED);
                goto done;
            }
            JSPropertyDescriptor d;
            int has = js_get_own_property(ctx, iterables, a, &d);
            if (has < 0) {
                zip_fail(ctx, riters.v, JS_UNDEFINED);
                goto done;
            }
            if (!has || !(d.flags & JS_PROP_ENUMERABLE))
                continue;
            rv.v = js_get_property(ctx, iterables, a);
            if (js_is_exception(rv.v)) {
                zip_fail(ctx, riters.v, JS_UNDEFINED);
                goto done;
            }
            if (js_is_undefined(rv.v))
                continue;
            JSValue it, nx;
            if (get_iterator_flattenable(ctx, rv.v, false, &it, &nx) < 0) {
                zip_fail(ctx, riters.v, JS_UNDEFINED);
                goto done;
            }
            JSRoot rit, rnx;
            js_root_push(ctx, &rit, it);
            js_root_push(ctx, &rnx, nx);
            key = ((JSValueArray *)js_get_ptr(rall.v))->values[i];
            int e = js_array_push_fast(ctx, JS_VALUE_GET_OBJ(rkeys.v), key) < 0 ||
                    js_array_push_fast(ctx, JS_VALUE_GET_OBJ(riters.v), rit.v) < 0 ||
                    js_array_push_fast(ctx, JS_VALUE_GET_OBJ(riters.v), rnx.v) < 0;
            js_root_pop(ctx, &rit);
            if (e)
                goto done;
        }
    }
    uint32_t n = js_array_length_fast(JS_VALUE_GET_OBJ(riters.v)) / 2;
    if (mode == ZIP_LONGEST) {
        if (js_is_undefined(rpadopt.v)) {
            for (uint32_t i = 0; i < n; i++)
                if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(rpad.v), JS_UNDEFINED) < 0)
                    goto done;
        } else if (!magic) {
            JSIteratorRecord prec;
            if (js_get_iterator(ctx, rpadopt.v, &prec) < 0) {
                zip_fail(ctx, riters.v, JS_UNDEFINED);
                goto done;
            }
            rin.v = prec.iterator;
            rv.v = prec.next;
            bool using_iter = true;
            for (uint32_t i = 0; i < n; i++) {
                JSValue pv = JS_UNDEFINED;
                if (using_iter) {
                    JSIteratorRecord rec = { rin.v, rv.v, false };
                    int r = js_iterator_step_value(ctx, &rec, &pv);
                    if (r < 0) {
                        zip_fail(ctx, riters.v, JS_UNDEFINED);
                        goto done;
                    }
                    if (r == 0) {
                        using_iter = false;
                        pv = JS_UNDEFINED;
                    }
                }
                if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(rpad.v), pv) < 0)
                    goto done;
            }
            if (using_iter && js_iterator_close(ctx, rin.v, false) < 0) {
                zip_fail(ctx, riters.v, JS_UNDEFINED);
                goto done;
            }
        } else {
            for (uint32_t i = 0; i < n; i++) {
                JSAtom a = js_value_to_atom(ctx, zip_slots(rkeys.v)[i]);
                JSValue pv = a == JS_ATOM_NULL ? JS_EXCEPTION : js_get_property(ctx, rpadopt.v, a);
                if (js_is_exception(pv)) {
                    zip_fail(ctx, riters.v, JS_UNDEFINED);
                    goto done;
                }
                if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(rpad.v), pv) < 0)
                    goto done;
            }
        }
    }
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ITERATOR_HELPER], JS_CLASS_ITERATOR_HELPER);
    if (!o)
        goto done;
    JSIteratorHelper *h = (JSIteratorHelper *)o;
    JS_STORE(ctx, o, h->iter, riters.v);
    JS_STORE(ctx, o, h->next, rpad.v);
    JS_STORE(ctx, o, h->fn, rkeys.v);
    h->inner_iter = h->inner_next = JS_UNDEFINED;
    h->kind = HELPER_ZIP;
    h->state = ST_START;
    h->remaining = n;
    h->zip_mode = (uint8_t)mode;
    res = js_mkptr(JS_TAG_OBJECT, o);
done:
    js_root_pop(ctx, &ropt);
    return res;
}

/* One step of the helper h (state is RUNNING). Returns 1 with *out on a
 * value, 0 when done, -1 on error. this_val roots h. */
static int helper_step(JSContext *ctx, JSValue hv, JSValue *out)
{
    JSIteratorHelper *h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
    JSIteratorRecord rec;
    JSValue value;
    int r;
    JSRoot rv, ra;
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &ra, JS_UNDEFINED);
    int ret = -1;
    switch (h->kind) {
    case HELPER_MAP:
    case HELPER_FILTER:
        for (;;) {
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            rec.iterator = h->iter;
            rec.next = h->next;
            rec.done = false;
            r = js_iterator_step_value(ctx, &rec, &value);
            if (r <= 0) {
                ret = r;
                goto done;
            }
            rv.v = value;
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            ra.v = js_number(h->counter);
            JSValue args[2] = { rv.v, ra.v };
            JSValue res = js_call(ctx, h->fn, JS_UNDEFINED, 2, args);
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (js_is_exception(res)) {
                close_throw(ctx, h->iter);
                goto done;
            }
            h->counter++;
            if (h->kind == HELPER_MAP) {
                *out = res;
                ret = 1;
                goto done;
            }
            if (js_to_boolean(res)) {
                *out = rv.v;
                ret = 1;
                goto done;
            }
        }
    case HELPER_TAKE:
        if (h->remaining == 0) {
            ret = js_iterator_close(ctx, h->iter, false) < 0 ? -1 : 0;
            goto done;
        }
        if (h->remaining != INFINITY)
            h->remaining--;
        rec.iterator = h->iter;
        rec.next = h->next;
        rec.done = false;
        ret = js_iterator_step_value(ctx, &rec, out);
        goto done;
    case HELPER_DROP:
        while (h->remaining > 0) {
            if (h->remaining != INFINITY)
                h->remaining--;
            r = iterator_step(ctx, h->iter, h->next);
            if (r <= 0) {
                ret = r;
                goto done;
            }
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
        }
        rec.iterator = h->iter;
        rec.next = h->next;
        rec.done = false;
        ret = js_iterator_step_value(ctx, &rec, out);
        goto done;
    case HELPER_CONCAT:
        /* fn is a JSValueArray of (method, iterable) pairs; counter is
         * the index of the next pair to open. */
        for (;;) {
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (h->inner_alive) {
                rec.iterator = h->inner_iter;
                rec.next = h->inner_next;
                rec.done = false;
                r = js_iterator_step_value(ctx, &rec, &value);
                h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
                if (r < 0) {
                    h->inner_alive = false;
                    goto done;
                }
                if (r > 0) {
                    *out = value;
                    ret = 1;
                    goto done;
                }
                h->inner_alive = false;
                h->inner_iter = h->inner_next = JS_UNDEFINED;
                continue;
            }
            JSValueArray *list = js_get_ptr(h->fn);
            uint32_t i = (uint32_t)h->counter;
            if (2 * i >= list->len) {
                ret = 0;
                goto done;
            }
            h->counter++;
            JSValue it = js_call(ctx, list->values[2 * i], list->values[2 * i + 1], 0, NULL);
            if (js_is_exception(it))
                goto done;
            if (!js_is_object(it)) {
                js_throw_type_error(ctx, "Iterator.concat: iterator is not an object");
                goto done;
            }
            rv.v = it;
            JSValue next;
            if (get_iterator_direct(ctx, it, &next) < 0)
                goto done;
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            JS_STORE(ctx, &h->base, h->inner_iter, rv.v);
            JS_STORE(ctx, &h->base, h->inner_next, next);
            h->inner_alive = true;
        }
    case HELPER_CHUNKS:
    case HELPER_WINDOWS:
        /* fn is the buffer (an array); remaining the size */
        for (;;) {
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            JSObject *buf = JS_VALUE_GET_OBJ(h->fn);
            uint32_t n = js_array_length_fast(buf);
            if (h->source_done) {
                ret = 0;
                goto done;
            }
            rec.iterator = h->iter;
            rec.next = h->next;
            rec.done = false;
            r = js_iterator_step_value(ctx, &rec, &value);
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (r < 0)
                goto done;
            if (r == 0) {
                h->source_done = true;
                bool partial = h->kind == HELPER_CHUNKS ? n > 0
                                                        : h->allow_partial && n > 0 && n < h->remaining;
                if (!partial) {
                    ret = 0;
                    goto done;
                }
                ra.v = h->fn;
                *out = array_copy_fast(ctx, ra.v);
                ret = js_is_exception(*out) ? -1 : 1;
                goto done;
            }
            rv.v = value;
            ra.v = h->fn;
            if (!(buf->h.flags & JS_OBJ_FAST_ARRAY)) {
                js_throw_range_error(ctx, "Iterator chunk is too large");
                goto done;
            }
            if (h->kind == HELPER_WINDOWS && n == (uint32_t)h->remaining) {
                /* slide: drop the first element */
                JSArray *a = (JSArray *)buf;
                memmove(a->elems, a->elems + 1, (size_t)(n - 1) * sizeof(JSValue));
                if (js_array_set_length(ctx, buf, n - 1, JS_THROW) < 0)
                    goto done;
                n--;
            }
            if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(ra.v), rv.v) < 0)
                goto done;
            n++;
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (n == (uint32_t)h->remaining) {
                *out = array_copy_fast(ctx, ra.v);
                if (js_is_exception(*out))
                    goto done;
                if (h->kind == HELPER_CHUNKS) {
                    rv.v = *out;
                    JSValue nb = js_new_array(ctx, 0);
                    if (js_is_exception(nb))
                        goto done;
                    h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
                    JS_STORE(ctx, &h->base, h->fn, nb);
                    *out = rv.v;
                }
                ret = 1;
                goto done;
            }
        }
    case HELPER_ZIP:
        ret = zip_step(ctx, hv, out);
        goto done;
    case HELPER_FLAT_MAP:
        for (;;) {
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (h->inner_alive) {
                rec.iterator = h->inner_iter;
                rec.next = h->inner_next;
                rec.done = false;
                r = js_iterator_step_value(ctx, &rec, &value);
                h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
                if (r < 0) {
                    h->inner_alive = false;
                    close_throw(ctx, h->iter);
                    goto done;
                }
                if (r > 0) {
                    *out = value;
                    ret = 1;
                    goto done;
                }
                h->inner_alive = false;
                h->inner_iter = h->inner_next = JS_UNDEFINED;
                continue;
            }
            rec.iterator = h->iter;
            rec.next = h->next;
            rec.done = false;
            r = js_iterator_step_value(ctx, &rec, &value);
            if (r <= 0) {
                ret = r;
                goto done;
            }
            rv.v = value;
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            ra.v = js_number(h->counter);
            JSValue args[2] = { rv.v, ra.v };
            JSValue mapped = js_call(ctx, h->fn, JS_UNDEFINED, 2, args);
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (js_is_exception(mapped)) {
                close_throw(ctx, h->iter);
                goto done;
            }
            rv.v = mapped;
            JSValue it, next;
            if (get_iterator_flattenable(ctx, mapped, false, &it, &next) < 0) {
                h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
                close_throw(ctx, h->iter);
                goto done;
            }
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            JS_STORE(ctx, &h->base, h->inner_iter, it);
            JS_STORE(ctx, &h->base, h->inner_next, next);
            h->inner_alive = true;
            h->counter++;
        }
    }
done:
    js_root_pop(ctx, &rv);
    return ret;
}

/* %IteratorHelperPrototype%.next */
static JSValue helper_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_ITERATOR_HELPER))
        return js_throw_type_error(ctx, "not an Iterator Helper");
    JSIteratorHelper *h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
    if (h->state == ST_RUNNING)
        return js_throw_type_error(ctx, "Iterator Helper is already running");
    if (h->state == ST_DONE)
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    h->state = ST_RUNNING;
    JSValue v = JS_UNDEFINED;
    int r = helper_step(ctx, this_val, &v);
    h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
    if (r <= 0) {
        h->state = ST_DONE;
        h->iter = h->next = h->fn = h->inner_iter = h->inner_next = JS_UNDEFINED;
        h->inner_alive = false;
        if (r < 0)
            return JS_EXCEPTION;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    h->state = ST_YIELD;
    return js_create_iter_result(ctx, v, false);
}

/* %IteratorHelperPrototype%.return */
static JSValue helper_return(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_ITERATOR_HELPER))
        return js_throw_type_error(ctx, "not an Iterator Helper");
    JSIteratorHelper *h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
    if (h->state == ST_RUNNING)
        return js_throw_type_error(ctx, "Iterator Helper is already running");
    if (h->state == ST_DONE)
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    if (h->kind == HELPER_ZIP) {
        /* IteratorCloseAll(openIters, ReturnCompletion(undefined)); a
         * helper not started yet is already completed meanwhile */
        h->state = h->state == ST_START ? ST_DONE : ST_RUNNING;
        JSRoot rz;
        js_root_push(ctx, &rz, h->iter);
        int r = zip_close_all(ctx, rz.v, (uint32_t)h->remaining, false);
        h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
        h->state = ST_DONE;
        h->iter = h->next = h->fn = JS_UNDEFINED;
        js_root_pop(ctx, &rz);
        if (r < 0)
            return JS_EXCEPTION;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    JSRoot ri, rin;
    js_root_push(ctx, &ri, h->iter);
    js_root_push(ctx, &rin, h->inner_alive ? h->inner_iter : JS_UNDEFINED);
    bool was_start = h->state == ST_START;
    h->state = was_start ? ST_DONE : ST_RUNNING;
    int r = 0;
    if (!js_is_undefined(rin.v)) {
        if (js_iterator_close(ctx, rin.v, false) < 0) {
            if (js_is_object(ri.v))
                js_iterator_close(ctx, ri.v, true);
            r = -1;
        }
    }
    if (r == 0)
        r = js_is_object(ri.v) && !h->source_done ? js_iterator_close(ctx, ri.v, false) : 0;
    h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
    h->state = ST_DONE;
    h->iter = h->next = h->fn = h->inner_iter = h->inner_next = JS_UNDEFINED;
    h->inner_alive = false;
    js_root_pop(ctx, &ri);
    if (r < 0)
        return JS_EXCEPTION;
    return js_create_iter_result(ctx, JS_UNDEFINED, true);
}

/* ---- eager helpers ---- */

enum { EAGER_FOREACH, EAGER_SOME, EAGER_EVERY, EAGER_FIND };

/* forEach / some / every / find */
static JSValue iterator_eager(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator helper called on non-object");
    if (!js_is_callable(argv[0])) {
        js_throw_type_error(ctx, "Iterator helper argument is not a function");
        return close_throw(ctx, this_val);
    }
    JSRoot rn, rv, rc;
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    js_root_push(ctx, &rn, next);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    for (double counter = 0;; counter++) {
        JSIteratorRecord rec = { this_val, rn.v, false };
        JSValue value;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto done;
        if (r == 0) {
            res = magic == EAGER_SOME ? JS_FALSE : magic == EAGER_EVERY ? JS_TRUE : JS_UNDEFINED;
            goto done;
        }
        rv.v = value;
        rc.v = js_number(counter);
        JSValue args[2] = { rv.v, rc.v };
        JSValue out = js_call(ctx, argv[0], JS_UNDEFINED, 2, args);
        if (js_is_exception(out)) {
            close_throw(ctx, this_val);
            goto done;
        }
        if (magic == EAGER_FOREACH)
            continue;
        bool b = js_to_boolean(out);
        JSValue result;
        if (magic == EAGER_SOME && b)
            result = JS_TRUE;
        else if (magic == EAGER_EVERY && !b)
            result = JS_FALSE;
        else if (magic == EAGER_FIND && b)
            result = rv.v;
        else
            continue;
        if (js_iterator_close(ctx, this_val, false) < 0)
            goto done;
        res = result;
        goto done;
    }
done:
    js_root_pop(ctx, &rn);
    return res;
}

static JSValue iterator_reduce(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator helper called on non-object");
    if (!js_is_callable(argv[0])) {
        js_throw_type_error(ctx, "Iterator.prototype.reduce: reducer is not a function");
        return close_throw(ctx, this_val);
    }
    JSRoot rn, racc, rv, rc;
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    js_root_push(ctx, &rn, next);
    js_root_push(ctx, &racc, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    double counter;
    JSIteratorRecord rec = { this_val, rn.v, false };
    if (argc < 2) {
        JSValue first;
        int r = js_iterator_step_value(ctx, &rec, &first);
        if (r < 0)
            goto done;
        if (r == 0) {
            js_throw_type_error(ctx, "Iterator.prototype.reduce of empty iterator with no initial value");
            goto done;
        }
        racc.v = first;
        counter = 1;
    } else {
        racc.v = argv[1];
        counter = 0;
    }
    for (;; counter++) {
        JSValue value;
        rec.iterator = this_val;
        rec.next = rn.v;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto done;
        if (r == 0) {
            res = racc.v;
            goto done;
        }
        rv.v = value;
        rc.v = js_number(counter);
        JSValue args[3] = { racc.v, rv.v, rc.v };
        JSValue out = js_call(ctx, argv[0], JS_UNDEFINED, 3, args);
        if (js_is_exception(out)) {
            close_throw(ctx, this_val);
            goto done;
        }
        racc.v = out;
    }
done:
    js_root_pop(ctx, &rn);
    return res;
}

static JSValue iterator_to_array(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator.prototype.toArray called on non-object");
    JSRoot rn, ra;
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    js_root_push(ctx, &rn, next);
    js_root_push(ctx, &ra, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    ra.v = js_new_array(ctx, 0);
    if (js_is_exception(ra.v))
        goto done;
    for (;;) {
        JSIteratorRecord rec = { this_val, rn.v, false };
        JSValue value;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto done;
        if (r == 0)
            break;
        if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(ra.v), value) < 0)
            goto done;
    }
    res = ra.v;
done:
    js_root_pop(ctx, &rn);
    return res;
}

/* SetterThatIgnoresPrototypeProperties(this, %Iterator.prototype%, p, v);
 * magic 0: Symbol.toStringTag, 1: constructor. */
static JSValue iterator_weird_setter(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "setter called on non-object");
    if (this_val == ctx->intrinsics[JS_INTRINSIC_IteratorPrototype])
        return js_throw_type_error(ctx, "cannot set property on Iterator.prototype");
    JSAtom p = magic ? JS_ATOM_constructor : JS_ATOM_Symbol_toStringTag;
    int found = js_get_own_property(ctx, this_val, p, NULL);
    if (found < 0)
        return JS_EXCEPTION;
    int r = found ? js_set_property(ctx, this_val, p, argv[0], JS_THROW)
                  : js_create_data_property(ctx, this_val, p, argv[0], JS_THROW);
    return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

static JSValue iterator_get_tag(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_new_string_cstr(ctx, "Iterator");
}

/* get Iterator.prototype.constructor: %Iterator%, kept in the getter's data. */
static JSValue iterator_get_ctor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    return self ? self->data : JS_UNDEFINED;
}

/* Iterator.prototype.includes(searchElement [, skippedElements]) */
static JSValue iterator_includes(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator.prototype.includes called on non-object");
    double to_skip = 0;
    JSValue sk = argc > 1 ? argv[1] : JS_UNDEFINED;
    if (!js_is_undefined(sk)) {
        double d = js_is_number(sk) ? js_number_value(sk) : NAN;
        if (!js_is_number(sk) || isnan(d) || (isfinite(d) && d != js_trunc(d))) {
            js_throw_type_error(ctx, "Iterator.prototype.includes: skippedElements is not an integral number");
            return close_throw(ctx, this_val);
        }
        if (d < 0 || (isfinite(d) && d > 9007199254740991.0)) {
            js_throw_range_error(ctx, "Iterator.prototype.includes: skippedElements is out of range");
            return close_throw(ctx, this_val);
        }
        to_skip = d;
    }
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    JSRoot rn;
    js_root_push(ctx, &rn, next);
    JSValue res = JS_EXCEPTION;
    for (double skipped = 0;;) {
        JSIteratorRecord rec = { this_val, rn.v, false };
        JSValue value;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto done;
        if (r == 0) {
            res = JS_FALSE;
            goto done;
        }
        if (skipped < to_skip) {
            skipped++;
        } else if (js_same_value_zero(ctx, value, argv[0])) {
            if (js_iterator_close(ctx, this_val, false) < 0)
                goto done;
            res = JS_TRUE;
            goto done;
        }
    }
done:
    js_root_pop(ctx, &rn);
    return res;
}

/* Iterator.prototype.join(separator): the values' strings (nullish ones
 * empty) separated by separator (default ","). */
static JSValue iterator_join(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator.prototype.join called on non-object");
    JSRoot rsep, rn, rv;
    js_root_push(ctx, &rsep, JS_UNDEFINED);
    js_root_push(ctx, &rn, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    StringBuffer sb;
    bool sb_live = false;
    if (js_is_undefined(argv[0])) {
        rsep.v = js_new_string_cstr(ctx, ",");
    } else {
        rsep.v = js_to_string(ctx, argv[0]);
        if (js_is_exception(rsep.v)) {
            close_throw(ctx, this_val);
            goto done;
        }
    }
    if (js_is_exception(rsep.v))
        goto done;
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        goto done;
    rn.v = next;
    js_sb_init(ctx, &sb, 16);
    sb_live = true;
    for (bool first = true;; first = false) {
        JSIteratorRecord rec = { this_val, rn.v, false };
        JSValue value;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto done;
        if (r == 0)
            break;
        if (!first && js_sb_put_string(&sb, rsep.v) < 0)
            goto done;
        if (js_is_nullish(value))
            continue;
        rv.v = js_to_string(ctx, value);
        if (js_is_exception(rv.v)) {
            close_throw(ctx, this_val);
            goto done;
        }
        if (js_sb_put_string(&sb, rv.v) < 0)
            goto done;
    }
    sb_live = false;
    res = js_sb_finish(&sb);
done:
    if (sb_live)
        js_sb_free(&sb);
    js_root_pop(ctx, &rsep);
    return res;
}

static const JSPropEntry iterator_proto_props[] = {
    JS_CFUNC_DEF("includes", 1, iterator_includes),
    JS_CFUNC_MAGIC_DEF("chunks", 1, iterator_chunking, HELPER_CHUNKS),
    JS_CFUNC_MAGIC_DEF("windows", 1, iterator_chunking, HELPER_WINDOWS),
    JS_CFUNC_DEF("join", 1, iterator_join),
    { "[Symbol.iterator]", JS_DEF_CFUNC, JS_PROP_C_W, 0, JS_CFUNC_PLAIN, 0, { .fn = iterator_proto_iterator } },
    JS_CFUNC_MAGIC_DEF("map", 1, iterator_helper_factory, HELPER_MAP),
    JS_CFUNC_MAGIC_DEF("filter", 1, iterator_helper_factory, HELPER_FILTER),
    JS_CFUNC_MAGIC_DEF("take", 1, iterator_helper_factory, HELPER_TAKE),
    JS_CFUNC_MAGIC_DEF("drop", 1, iterator_helper_factory, HELPER_DROP),
    JS_CFUNC_MAGIC_DEF("flatMap", 1, iterator_helper_factory, HELPER_FLAT_MAP),
    JS_CFUNC_DEF("reduce", 1, iterator_reduce),
    JS_CFUNC_DEF("toArray", 0, iterator_to_array),
    JS_CFUNC_MAGIC_DEF("forEach", 1, iterator_eager, EAGER_FOREACH),
    JS_CFUNC_MAGIC_DEF("some", 1, iterator_eager, EAGER_SOME),
    JS_CFUNC_MAGIC_DEF("every", 1, iterator_eager, EAGER_EVERY),
    JS_CFUNC_MAGIC_DEF("find", 1, iterator_eager, EAGER_FIND),
    { "[Symbol.toStringTag]", JS_DEF_GETSET, JS_PROP_CONFIGURABLE, 0, 0, 0,
      { .getset = { iterator_get_tag, iterator_weird_setter } } },
};

static const JSPropEntry helper_proto_props[] = {
    JS_CFUNC_DEF("next", 0, helper_next),
    JS_CFUNC_DEF("return", 0, helper_return),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Iterator Helper", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry wrap_proto_props[] = {
    JS_CFUNC_DEF("next", 0, wrap_next),
    JS_CFUNC_DEF("return", 0, wrap_return),
};

static const JSPropEntry iterator_ctor_props[] = {
    JS_CFUNC_DEF("from", 1, iterator_from),
    JS_CFUNC_DEF("concat", 0, iterator_concat),
    JS_CFUNC_MAGIC_DEF("zip", 1, iterator_zip, 0),
    JS_CFUNC_MAGIC_DEF("zipKeyed", 1, iterator_zip, 1),
};

int js_init_iterator(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_ITERATOR_HELPER, &helper_class);
    js_register_class(ctx->rt, JS_CLASS_ITERATOR_WRAP, &wrap_class);
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_IteratorPrototype] = proto;
    if (js_define_prop_entries(ctx, proto, iterator_proto_props,
                               sizeof iterator_proto_props / sizeof iterator_proto_props[0]) < 0)
        return -1;
    /* Iterator (the constructor), with an accessor `constructor`. */
    JSValue ctor = js_new_constructor(ctx, iterator_ctor, "Iterator", 0, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    JSRoot rc;
    js_root_push(ctx, &rc, ctor);
    int ret = -1;
    if (js_define_prop_entries(ctx, rc.v, iterator_ctor_props,
                               sizeof iterator_ctor_props / sizeof iterator_ctor_props[0]) < 0)
        goto done;
    JSRoot rg, rs;
    js_root_push(ctx, &rg, JS_UNDEFINED);
    js_root_push(ctx, &rs, JS_UNDEFINED);
    rg.v = js_new_cfunction_data(ctx, iterator_get_ctor, 0, 0, rc.v);
    if (js_is_exception(rg.v) || js_set_function_name(ctx, rg.v, JS_ATOM_constructor, JS_ATOM_get_) < 0)
        goto done;
    rs.v = js_new_cfunction_data(ctx, iterator_weird_setter, 1, 1, JS_UNDEFINED);
    if (js_is_exception(rs.v) || js_set_function_name(ctx, rs.v, JS_ATOM_constructor, JS_ATOM_set_) < 0)
        goto done;
    if (js_define_property_getset(ctx, ctx->intrinsics[JS_INTRINSIC_IteratorPrototype], JS_ATOM_constructor,
                                  rg.v, rs.v, JS_PROP_CONFIGURABLE) < 0)
        goto done;
    /* %IteratorHelperPrototype% and %WrapForValidIteratorPrototype% */
    rg.v = js_new_object_proto(ctx, ctx->intrinsics[JS_INTRINSIC_IteratorPrototype]);
    if (js_is_exception(rg.v))
        goto done;
    ctx->class_proto[JS_CLASS_ITERATOR_HELPER] = rg.v;
    if (js_define_prop_entries(ctx, rg.v, helper_proto_props,
                               sizeof helper_proto_props / sizeof helper_proto_props[0]) < 0)
        goto done;
    rs.v = js_new_object_proto(ctx, ctx->intrinsics[JS_INTRINSIC_IteratorPrototype]);
    if (js_is_exception(rs.v))
        goto done;
    ctx->class_proto[JS_CLASS_ITERATOR_WRAP] = rs.v;
    if (js_define_prop_entries(ctx, rs.v, wrap_proto_props, 2) < 0)
        goto done;
    ret = 0;
done:
    js_root_pop(ctx, &rc);
    return ret;
}
