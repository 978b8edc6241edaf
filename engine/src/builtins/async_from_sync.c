/* %AsyncFromSyncIteratorPrototype% (ECMA-262 27.1.6): the wrapper that
 * CreateAsyncFromSyncIterator puts around a sync iterator for for-await
 * and yield* in async generators, with next / return / throw answering
 * promises of iterator results whose values have been awaited. */
#include "builtins.h"
#include "async_from_sync.h"
#include "promise.h"
#include "../conv.h"
#include "../interp.h"

/* An instance: [[SyncIteratorRecord]]. */
typedef struct JSAsyncFromSyncIterator {
    JSObject base;
    JSValue iterator;
    JSValue next;
} JSAsyncFromSyncIterator;

static void afs_trace(JSRuntime *rt, JSObject *o)
{
    JSAsyncFromSyncIterator *a = (JSAsyncFromSyncIterator *)o;
    js_gc_mark_value(rt, a->iterator);
    js_gc_mark_value(rt, a->next);
}

static const JSClass class_async_from_sync = {
    .name = "Object", .size = sizeof(JSAsyncFromSyncIterator), .trace = afs_trace,
};

JSValue js_create_async_from_sync_iterator(JSContext *ctx, JSValue iterator, JSValue next)
{
    JSRoot ri, rn;
    js_root_push(ctx, &ri, iterator);
    js_root_push(ctx, &rn, next);
    JSValue proto = ctx->class_proto[JS_CLASS_ASYNC_FROM_SYNC_ITERATOR];
    JSObject *o = js_new_object_proto_class(ctx, js_is_object(proto) ? proto : JS_NULL,
                                            JS_CLASS_ASYNC_FROM_SYNC_ITERATOR);
    JSValue res = JS_EXCEPTION;
    if (o) {
        JSAsyncFromSyncIterator *a = (JSAsyncFromSyncIterator *)o;
        JS_STORE(ctx, o, a->iterator, ri.v);
        JS_STORE(ctx, o, a->next, rn.v);
        res = js_obj_value(o);
    }
    js_root_pop(ctx, &ri);
    return res;
}

/* The unwrap closure: CreateIterResultObject(v, done) (done = magic). */
static JSValue afs_unwrap(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_create_iter_result(ctx, argv[0], magic != 0);
}

/* The closeIterator closure: IteratorClose(syncIteratorRecord,
 * ThrowCompletion(error)), the sync iterator being the closure's data. */
static JSValue afs_close_iterator(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    JSValue iter = self ? self->data : JS_UNDEFINED;
    js_throw(ctx, argv[0]);
    js_iterator_close(ctx, iter, true);
    return JS_EXCEPTION;
}

/* The promise capability of one call and the wrapper being called,
 * rooted for the call's duration. */
typedef struct AfsCall {
    JSRoot promise, resolve, reject, self, tmp, tmp2;
} AfsCall;

static int afs_begin(JSContext *ctx, AfsCall *c, JSValue this_val)
{
    js_root_push(ctx, &c->promise, JS_UNDEFINED);
    js_root_push(ctx, &c->resolve, JS_UNDEFINED);
    js_root_push(ctx, &c->reject, JS_UNDEFINED);
    js_root_push(ctx, &c->self, this_val);
    js_root_push(ctx, &c->tmp, JS_UNDEFINED);
    js_root_push(ctx, &c->tmp2, JS_UNDEFINED);
    JSValue resolve, reject;
    JSValue p = js_new_promise_capability(ctx, JS_UNDEFINED, &resolve, &reject);
    if (js_is_exception(p))
        return -1;
    c->promise.v = p;
    c->resolve.v = resolve;
    c->reject.v = reject;
    return 0;
}

static JSAsyncFromSyncIterator *afs_self(AfsCall *c)
{
    return (JSAsyncFromSyncIterator *)JS_VALUE_GET_OBJ(c->self.v);
}

/* IfAbruptRejectPromise: rejects the capability with the pending
 * exception and returns its promise (an uncatchable error propagates). */
static JSValue afs_reject_pending(JSContext *ctx, AfsCall *c)
{
    if (ctx->rt->exception_uncatchable)
        return JS_EXCEPTION;
    c->tmp.v = js_get_exception(ctx);
    if (js_is_exception(js_call(ctx, c->reject.v, JS_UNDEFINED, 1, &c->tmp.v)))
        return JS_EXCEPTION;
    return c->promise.v;
}

static JSValue afs_reject_type_error(JSContext *ctx, AfsCall *c, const char *msg)
{
    js_throw_type_error(ctx, "%s", msg);
    return afs_reject_pending(ctx, c);
}

/* AsyncFromSyncIteratorContinuation(result, capability, record,
 * closeOnRejection); result (an object) is in c->tmp. */
static JSValue afs_continuation(JSContext *ctx, AfsCall *c, bool close_on_rejection)
{
    JSValue dn = js_get_property(ctx, c->tmp.v, JS_ATOM_done);
    if (js_is_exception(dn))
        return afs_reject_pending(ctx, c);
    bool done = js_to_boolean(dn);
    JSValue v = js_get_property(ctx, c->tmp.v, JS_ATOM_value);
    if (js_is_exception(v))
        return afs_reject_pending(ctx, c);
    c->tmp.v = v;
    JSValue w = js_promise_resolve(ctx, JS_UNDEFINED, c->tmp.v);
    if (js_is_exception(w)) {
        if (!done && close_on_rejection && !ctx->rt->exception_uncatchable)
            js_iterator_close(ctx, afs_self(c)->iterator, true);
        return afs_reject_pending(ctx, c);
    }
    c->tmp.v = w;
    JSValue on_ful = js_new_cfunction_data(ctx, afs_unwrap, 1, done, JS_UNDEFINED);
    if (js_is_exception(on_ful))
        return JS_EXCEPTION;
    c->tmp2.v = on_ful;
    JSValue on_rej = JS_UNDEFINED;
    if (!done && close_on_rejection) {
        on_rej = js_new_cfunction_data(ctx, afs_close_iterator, 1, 0, afs_self(c)->iterator);
        if (js_is_exception(on_rej))
            return JS_EXCEPTION;
    }
    JSPromiseCapability cap = { c->promise.v, c->resolve.v, c->reject.v };
    if (js_perform_promise_then(ctx, c->tmp.v, c->tmp2.v, on_rej, &cap) < 0)
        return JS_EXCEPTION;
    return c->promise.v;
}

static bool afs_check_this(JSContext *ctx, JSValue this_val)
{
    if (js_object_is_class(this_val, JS_CLASS_ASYNC_FROM_SYNC_ITERATOR))
        return true;
    js_throw_type_error(ctx, "not an async-from-sync iterator");
    return false;
}

/* %AsyncFromSyncIteratorPrototype%.next(value) */
static JSValue afs_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!afs_check_this(ctx, this_val))
        return JS_EXCEPTION;
    AfsCall c;
    JSValue res = JS_EXCEPTION;
    if (afs_begin(ctx, &c, this_val) < 0)
        goto done;
    JSAsyncFromSyncIterator *a = afs_self(&c);
    JSValue r = js_call(ctx, a->next, a->iterator, argc > 0 ? 1 : 0, argv);
    if (js_is_exception(r)) {
        res = afs_reject_pending(ctx, &c);
        goto done;
    }
    if (!js_is_object(r)) {
        res = afs_reject_type_error(ctx, &c, "iterator result is not an object");
        goto done;
    }
    c.tmp.v = r;
    res = afs_continuation(ctx, &c, true);
done:
    js_root_pop(ctx, &c.promise);
    return res;
}

/* %AsyncFromSyncIteratorPrototype%.return(value) (magic 0) and
 * .throw(value) (magic 1). */
static JSValue afs_return_throw(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!afs_check_this(ctx, this_val))
        return JS_EXCEPTION;
    AfsCall c;
    JSValue res = JS_EXCEPTION;
    if (afs_begin(ctx, &c, this_val) < 0)
        goto done;
    JSValue m = js_get_method(ctx, afs_self(&c)->iterator, magic ? JS_ATOM_throw : JS_ATOM_return);
    if (js_is_exception(m)) {
        res = afs_reject_pending(ctx, &c);
        goto done;
    }
    if (js_is_undefined(m)) {
        if (!magic) {
            JSValue ir = js_create_iter_result(ctx, argv[0], true);
            if (js_is_exception(ir))
                goto done;
            c.tmp.v = ir;
            if (js_is_exception(js_call(ctx, c.resolve.v, JS_UNDEFINED, 1, &c.tmp.v)))
                goto done;
            res = c.promise.v;
            goto done;
        }
        /* no throw method: close the sync iterator, then reject with a
         * TypeError (protocol violation) */
        if (js_iterator_close(ctx, afs_self(&c)->iterator, false) < 0) {
            res = afs_reject_pending(ctx, &c);
            goto done;
        }
        res = afs_reject_type_error(ctx, &c, "iterator does not have a throw method");
        goto done;
    }
    c.tmp2.v = m;
    JSValue r = js_call(ctx, c.tmp2.v, afs_self(&c)->iterator, argc > 0 ? 1 : 0, argv);
    if (js_is_exception(r)) {
        res = afs_reject_pending(ctx, &c);
        goto done;
    }
    if (!js_is_object(r)) {
        res = afs_reject_type_error(ctx, &c, "iterator result is not an object");
        goto done;
    }
    c.tmp.v = r;
    res = afs_continuation(ctx, &c, magic != 0);
done:
    js_root_pop(ctx, &c.promise);
    return res;
}

static const JSPropEntry afs_proto_props[] = {
    JS_CFUNC_DEF("next", 1, afs_next),
    JS_CFUNC_MAGIC_DEF("return", 1, afs_return_throw, 0),
    JS_CFUNC_MAGIC_DEF("throw", 1, afs_return_throw, 1),
};

int js_init_async_from_sync(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_ASYNC_FROM_SYNC_ITERATOR, &class_async_from_sync);
    JSValue aip = ctx->intrinsics[JS_INTRINSIC_AsyncIteratorPrototype];
    JSValue p = js_new_object_proto(ctx, js_is_object(aip) ? aip : ctx->class_proto[JS_CLASS_OBJECT]);
    if (js_is_exception(p))
        return -1;
    ctx->class_proto[JS_CLASS_ASYNC_FROM_SYNC_ITERATOR] = p;
    return js_define_prop_entries(ctx, p, afs_proto_props,
                                  (int)(sizeof afs_proto_props / sizeof afs_proto_props[0]));
}
