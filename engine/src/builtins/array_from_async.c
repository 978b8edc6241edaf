/* Array.fromAsync (ECMA-262 23.1.2.2): the async closure written as a
 * state machine. Its state lives in a JSValueArray; each Await hands the
 * state to two native reaction functions that continue the loop, so the
 * C stack never grows with the number of elements. */
#include "builtins.h"
#include "array.h"
#include "async_from_sync.h"
#include "promise.h"
#include "../conv.h"
#include "../interp.h"

/* Slots of the state. K and LEN are numbers; LEN is -1 when reading an
 * iterator. */
enum {
    ST_A, ST_ITER, ST_NEXT, ST_MAPFN, ST_THIS, ST_K, ST_LEN, ST_SRC,
    ST_PROMISE, ST_RESOLVE, ST_REJECT, ST_PHASE, ST_ERROR, ST_ARG0, ST_ARG1,
    ST_COUNT
};

/* What an Await is waiting for. */
enum {
    PH_NEXT,        /* the result of next() (iterator) */
    PH_MAP,         /* the mapper's result (iterator) */
    PH_AL_VALUE,    /* an element of the array-like */
    PH_AL_MAP,      /* the mapper's result (array-like) */
    PH_CLOSE,       /* return() of the iterator after an error (ST_ERROR) */
};

static inline JSValueArray *st_of(JSRoot *r) { return (JSValueArray *)js_get_ptr(r->v); }

static inline void st_set(JSRoot *r, int i, JSValue v)
{
    JSValueArray *s = st_of(r);
    JS_STORE(ctx, s, s->values[i], v);
}

static inline JSValue st_get(JSRoot *r, int i) { return st_of(r)->values[i]; }

/* Settles the result promise (resolve or reject with v). */
static void settle(JSContext *ctx, JSRoot *rs, bool ok, JSValue v)
{
    st_set(rs, ST_ARG0, v);
    JSValue r = js_call(ctx, st_get(rs, ok ? ST_RESOLVE : ST_REJECT), JS_UNDEFINED, 1,
                        &st_of(rs)->values[ST_ARG0]);
    if (js_is_exception(r) && !ctx->rt->exception_uncatchable)
        js_get_exception(ctx);
}

/* Rejects the result promise with the pending exception. */
static void reject_pending(JSContext *ctx, JSRoot *rs)
{
    if (ctx->rt->exception_uncatchable)
        return;
    settle(ctx, rs, false, js_get_exception(ctx));
}

static JSValue fa_resume(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

/* Await(v): continues in fa_resume with phase once v settles. 0, or -1
 * with an exception pending (PromiseResolve threw). */
static int await_value(JSContext *ctx, JSRoot *rs, JSValue v, int phase)
{
    JSRoot rp, rf, rr;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    int res = -1;
    rp.v = v;
    rp.v = js_promise_resolve(ctx, JS_UNDEFINED, rp.v);
    if (js_is_exception(rp.v))
        goto done;
    rf.v = js_new_cfunction_data(ctx, fa_resume, 1, 0, rs->v);
    if (js_is_exception(rf.v))
        goto done;
    rr.v = js_new_cfunction_data(ctx, fa_resume, 1, 1, rs->v);
    if (js_is_exception(rr.v))
        goto done;
    st_set(rs, ST_PHASE, js_int(phase));
    if (js_perform_promise_then(ctx, rp.v, rf.v, rr.v, NULL) < 0)
        goto done;
    res = 0;
done:
    js_root_pop(ctx, &rp);
    return res;
}

/* IfAbruptCloseAsyncIterator / AsyncIteratorClose with a throw
 * completion: calls the iterator's return() (its errors are ignored),
 * awaits its result, then rejects with the pending exception. */
static void close_and_reject(JSContext *ctx, JSRoot *rs)
{
    if (ctx->rt->exception_uncatchable)
        return;
    st_set(rs, ST_ERROR, js_get_exception(ctx));
    JSValue m = js_get_method(ctx, st_get(rs, ST_ITER), JS_ATOM_return);
    if (!js_is_exception(m) && !js_is_undefined(m)) {
        st_set(rs, ST_ARG1, m);
        JSValue r = js_call(ctx, st_get(rs, ST_ARG1), st_get(rs, ST_ITER), 0, NULL);
        if (!js_is_exception(r) && await_value(ctx, rs, r, PH_CLOSE) == 0)
            return;
    }
    if (ctx->rt->exception_uncatchable)
        return;
    js_get_exception(ctx);      /* errors of return() are ignored */
    settle(ctx, rs, false, st_get(rs, ST_ERROR));
}

/* CreateDataPropertyOrThrow(A, k, v), then k + 1. */
static int store_element(JSContext *ctx, JSRoot *rs, JSValue v)
{
    double k = js_number_value(st_get(rs, ST_K));
    st_set(rs, ST_ARG0, v);
    if (js_create_data_property_index(ctx, st_get(rs, ST_A), (int64_t)k, st_get(rs, ST_ARG0), JS_THROW) < 0)
        return -1;
    st_set(rs, ST_K, js_number(k + 1));
    return 0;
}

/* Set(A, "length", n, true) and resolve with A. */
static void finish(JSContext *ctx, JSRoot *rs, double n)
{
    if (js_set_property(ctx, st_get(rs, ST_A), JS_ATOM_length, js_number(n), JS_THROW) < 0) {
        reject_pending(ctx, rs);
        return;
    }
    settle(ctx, rs, true, st_get(rs, ST_A));
}

/* Calls the mapper on (v, k): the result, or JS_EXCEPTION. */
static JSValue call_mapper(JSContext *ctx, JSRoot *rs, JSValue v)
{
    st_set(rs, ST_ARG0, v);
    st_set(rs, ST_ARG1, st_get(rs, ST_K));
    return js_call(ctx, st_get(rs, ST_MAPFN), st_get(rs, ST_THIS), 2, &st_of(rs)->values[ST_ARG0]);
}

/* One turn of the loop: asks for the next value and awaits it. */
static void step(JSContext *ctx, JSRoot *rs)
{
    double len = js_number_value(st_get(rs, ST_LEN));
    double k = js_number_value(st_get(rs, ST_K));
    if (len < 0) {
        JSValue r = js_call(ctx, st_get(rs, ST_NEXT), st_get(rs, ST_ITER), 0, NULL);
        if (js_is_exception(r) || await_value(ctx, rs, r, PH_NEXT) < 0)
            reject_pending(ctx, rs);
        return;
    }
    if (k >= len) {
        finish(ctx, rs, len);
        return;
    }
    JSValue v = js_get_index(ctx, st_get(rs, ST_SRC), (int64_t)k);
    if (js_is_exception(v) || await_value(ctx, rs, v, PH_AL_VALUE) < 0)
        reject_pending(ctx, rs);
}

/* The reaction functions of every Await (magic 1: rejected). */
static JSValue fa_resume(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    JSRoot rs;
    js_root_push(ctx, &rs, self->data);
    int phase = js_get_int(st_get(&rs, ST_PHASE));
    bool mapping = !js_is_undefined(st_get(&rs, ST_MAPFN));
    JSValue v = argv[0];
    switch (phase) {
    case PH_CLOSE:
        settle(ctx, &rs, false, st_get(&rs, ST_ERROR));
        break;
    case PH_NEXT: {
        if (magic) {
            settle(ctx, &rs, false, v);
            break;
        }
        if (!js_is_object(v)) {
            js_throw_type_error(ctx, "iterator result is not an object");
            reject_pending(ctx, &rs);
            break;
        }
        st_set(&rs, ST_ARG1, v);
        JSValue d = js_get_property(ctx, v, JS_ATOM_done);
        if (js_is_exception(d)) {
            reject_pending(ctx, &rs);
            break;
        }
        if (js_to_boolean(d)) {
            finish(ctx, &rs, js_number_value(st_get(&rs, ST_K)));
            break;
        }
        v = js_get_property(ctx, st_get(&rs, ST_ARG1), JS_ATOM_value);
        if (js_is_exception(v)) {
            reject_pending(ctx, &rs);
            break;
        }
        if (mapping) {
            v = call_mapper(ctx, &rs, v);
            if (js_is_exception(v) || await_value(ctx, &rs, v, PH_MAP) < 0)
                close_and_reject(ctx, &rs);
            break;
        }
        if (store_element(ctx, &rs, v) < 0)
            close_and_reject(ctx, &rs);
        else
            step(ctx, &rs);
        break;
    }
    case PH_MAP:
        if (magic) {
            js_throw(ctx, v);
            close_and_reject(ctx, &rs);
        } else if (store_element(ctx, &rs, v) < 0) {
            close_and_reject(ctx, &rs);
        } else {
            step(ctx, &rs);
        }
        break;
    case PH_AL_VALUE:
    case PH_AL_MAP:
        if (magic) {
            settle(ctx, &rs, false, v);
            break;
        }
        if (phase == PH_AL_VALUE && mapping) {
            v = call_mapper(ctx, &rs, v);
            if (js_is_exception(v) || await_value(ctx, &rs, v, PH_AL_MAP) < 0)
                reject_pending(ctx, &rs);
            break;
        }
        if (store_element(ctx, &rs, v) < 0)
            reject_pending(ctx, &rs);
        else
            step(ctx, &rs);
        break;
    }
    js_root_pop(ctx, &rs);
    if (ctx->rt->exception_uncatchable)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* The part of the closure before the first Await. 0, or -1 with an
 * exception pending (the caller rejects). */
static int start(JSContext *ctx, JSRoot *rs, JSValue this_val, JSValue items)
{
    JSValue mapfn = st_get(rs, ST_MAPFN);
    if (!js_is_undefined(mapfn) && !js_is_callable(mapfn)) {
        js_throw_type_error(ctx, "Array.fromAsync: mapper is not a function");
        return -1;
    }
    JSRoot ri, rm, rm2;
    js_root_push(ctx, &ri, items);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    js_root_push(ctx, &rm2, JS_UNDEFINED);
    int res = -1;
    JSValue a;
    rm.v = js_get_method(ctx, ri.v, JS_ATOM_Symbol_asyncIterator);
    if (js_is_exception(rm.v))
        goto done;
    if (js_is_undefined(rm.v)) {
        rm2.v = js_get_method(ctx, ri.v, JS_ATOM_Symbol_iterator);
        if (js_is_exception(rm2.v))
            goto done;
    }
    if (!js_is_undefined(rm.v) || !js_is_undefined(rm2.v)) {
        JSIteratorRecord rec;
        if (js_get_iterator_from_method(ctx, ri.v, js_is_undefined(rm.v) ? rm2.v : rm.v, &rec) < 0)
            goto done;
        st_set(rs, ST_ITER, rec.iterator);
        st_set(rs, ST_NEXT, rec.next);
        if (js_is_undefined(rm.v)) {
            JSValue w = js_create_async_from_sync_iterator(ctx, rec.iterator, rec.next);
            if (js_is_exception(w))
                goto done;
            st_set(rs, ST_ITER, w);
            JSValue nx = js_get_property(ctx, w, JS_ATOM_next);
            if (js_is_exception(nx))
                goto done;
            st_set(rs, ST_NEXT, nx);
        }
        if (js_is_constructor(this_val))
            a = js_construct(ctx, this_val, 0, NULL, this_val);
        else
            a = js_array_create(ctx, 0, JS_UNDEFINED);
        if (js_is_exception(a))
            goto done;
        st_set(rs, ST_A, a);
        st_set(rs, ST_LEN, js_int(-1));
    } else {
        JSValue src = js_to_object(ctx, ri.v);
        if (js_is_exception(src))
            goto done;
        st_set(rs, ST_SRC, src);
        int64_t len;
        if (js_length_of_array_like(ctx, &len, src) < 0)
            goto done;
        if (js_is_constructor(this_val)) {
            JSValue lv = js_number((double)len);
            a = js_construct(ctx, this_val, 1, &lv, this_val);
        } else {
            a = js_array_create(ctx, len, JS_UNDEFINED);
        }
        if (js_is_exception(a))
            goto done;
        st_set(rs, ST_A, a);
        st_set(rs, ST_LEN, js_number((double)len));
    }
    st_set(rs, ST_K, js_int(0));
    res = 0;
done:
    js_root_pop(ctx, &ri);
    return res;
}

/* Array.fromAsync(asyncItems [, mapper [, thisArg]]) */
JSValue js_array_from_async(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *s = js_value_array_new(ctx, ST_COUNT);
    if (!s)
        return JS_EXCEPTION;
    JSRoot rs;
    js_root_push(ctx, &rs, js_mkptr(JS_TAG_CELL, s));
    JSValue res = JS_EXCEPTION;
    JSValue resolve, reject;
    JSValue p = js_new_promise_capability(ctx, JS_UNDEFINED, &resolve, &reject);
    if (js_is_exception(p))
        goto done;
    st_set(&rs, ST_PROMISE, p);
    st_set(&rs, ST_RESOLVE, resolve);
    st_set(&rs, ST_REJECT, reject);
    st_set(&rs, ST_MAPFN, argc > 1 ? argv[1] : JS_UNDEFINED);
    st_set(&rs, ST_THIS, argc > 2 ? argv[2] : JS_UNDEFINED);
    if (start(ctx, &rs, this_val, argc > 0 ? argv[0] : JS_UNDEFINED) < 0)
        reject_pending(ctx, &rs);
    else
        step(ctx, &rs);
    if (!ctx->rt->exception_uncatchable)
        res = st_get(&rs, ST_PROMISE);
done:
    js_root_pop(ctx, &rs);
    return res;
}
