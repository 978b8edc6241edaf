/* Promise objects (ECMA-262 27.2): the Promise constructor and its
 * statics (all, allSettled, any, race, reject, resolve, try,
 * withResolvers, @@species), Promise.prototype (then, catch, finally),
 * resolving functions with their "already resolved" records, promise
 * reaction and thenable jobs, the rejection tracker hook, the engine's
 * internal promise API (promise.h) and the global queueMicrotask. */
#include "builtins.h"
#include "promise.h"
#include "../conv.h"
#include "../interp.h"
#include "../job.h"

/* A promise instance. Reactions are kept as one list of records of
 * REACTION_SIZE values (PerformPromiseThen always appends a fulfill and a
 * reject reaction together): the derived capability (promise, resolve,
 * reject; promise undefined when there is none) and the two handlers
 * (undefined stands for the spec's "empty" handler). */
typedef struct JSPromise {
    JSObject base;
    uint8_t state;              /* JSPromiseState */
    bool is_handled;            /* [[PromiseIsHandled]] */
    uint32_t n_reactions;
    JSValue result;             /* [[PromiseResult]] */
    JSValueArray *reactions;    /* NULL, or capacity >= n_reactions records */
} JSPromise;

enum { R_CAP_PROMISE, R_CAP_RESOLVE, R_CAP_REJECT, R_ON_FULFILLED, R_ON_REJECTED, REACTION_SIZE };

/* Arguments of a promise reaction job. */
enum { J_CAP_PROMISE, J_CAP_RESOLVE, J_CAP_REJECT, J_HANDLER, J_TYPE, J_ARGUMENT, J_COUNT };

static void promise_trace(JSRuntime *rt, JSObject *obj)
{
    JSPromise *p = (JSPromise *)obj;
    js_gc_mark_value(rt, p->result);
    if (p->reactions)
        js_gc_mark_cell(rt, p->reactions);
}

static const JSClass promise_class = {
    .name = "Promise",
    .size = sizeof(JSPromise),
    .trace = promise_trace,
};

static inline JSPromise *get_promise(JSValue v)
{
    return js_object_is_class(v, JS_CLASS_PROMISE) ? (JSPromise *)JS_VALUE_GET_OBJ(v) : NULL;
}

static inline JSValue cell_value(void *cell) { return js_mkptr(JS_TAG_CELL, cell); }
static inline JSValueArray *value_array(JSValue v) { return (JSValueArray *)js_get_ptr(v); }

/* The data of the native function being called (a JSValueArray cell for
 * most closures here). */
static inline JSValue current_data(JSContext *ctx)
{
    return js_current_native_function(ctx)->data;
}

/* Takes the pending exception into *exc, unless it is uncatchable
 * (interrupt), in which case it stays pending and false is returned. */
static bool take_exception(JSContext *ctx, JSValue *exc)
{
    if (ctx->rt->exception_uncatchable)
        return false;
    *exc = js_get_exception(ctx);
    return true;
}

/* GetFunctionRealm(f), falling back to the current realm if it throws
 * (a revoked proxy), as NewPromiseReactionJob and
 * NewPromiseResolveThenableJob say. */
static JSContext *job_realm(JSContext *ctx, JSValue f)
{
    if (!js_is_object(f))
        return ctx;
    JSContext *r = js_get_function_realm(ctx, f);
    if (!r) {
        JSValue ignored;
        if (!take_exception(ctx, &ignored))
            return ctx;
        return ctx;
    }
    return r;
}

static bool is_promise_ctor_fn(JSValue c);

/* ---- settling ---- */

static void rejection_tracker(JSContext *ctx, JSValue promise, JSValue reason, int op)
{
    JSHostHooks *h = &ctx->rt->hooks;
    if (h->promise_rejection_tracker)
        h->promise_rejection_tracker(ctx, promise, reason, op, h->opaque);
}

static JSValue promise_reaction_job(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

/* Enqueues one reaction job for record rec (REACTION_SIZE values) with
 * argument arg. Does not collect once the queue exists; -1 on OOM. */
static int enqueue_reaction(JSContext *ctx, const JSValue *rec, bool is_reject, JSValue arg)
{
    JSValue args[J_COUNT];
    args[J_CAP_PROMISE] = rec[R_CAP_PROMISE];
    args[J_CAP_RESOLVE] = rec[R_CAP_RESOLVE];
    args[J_CAP_REJECT] = rec[R_CAP_REJECT];
    args[J_HANDLER] = rec[is_reject ? R_ON_REJECTED : R_ON_FULFILLED];
    args[J_TYPE] = js_bool(is_reject);
    args[J_ARGUMENT] = arg;
    return js_enqueue_job(job_realm(ctx, args[J_HANDLER]), promise_reaction_job, J_COUNT, args);
}

/* FulfillPromise / RejectPromise: promise (rooted by the caller) is
 * pending. value must be rooted by the caller. Calls the rejection
 * tracker, then TriggerPromiseReactions. 0, or -1 on OOM. */
static int settle_promise(JSContext *ctx, JSValue promise, JSValue value, bool is_reject)
{
    JSPromise *p = get_promise(promise);
    JSValueArray *reactions = p->reactions;
    uint32_t n = p->n_reactions;
    JS_STORE(ctx, p, p->result, value);
    p->state = is_reject ? JS_PROMISE_REJECTED : JS_PROMISE_FULFILLED;
    p->reactions = NULL;
    p->n_reactions = 0;
    int ret = 0;
    JSRoot rr;
    js_root_push(ctx, &rr, reactions ? cell_value(reactions) : JS_UNDEFINED);
    if (is_reject && !p->is_handled)
        rejection_tracker(ctx, promise, value, 0);
    for (uint32_t i = 0; i < n; i++) {
        if (enqueue_reaction(ctx, &reactions->values[i * REACTION_SIZE], is_reject, value) < 0) {
            ret = -1;
            break;
        }
    }
    js_root_pop(ctx, &rr);
    return ret;
}

static JSValue promise_resolve_thenable_job(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

/* The body of a promise resolve function once its "already resolved"
 * check passed (27.2.1.3.2 steps 7-16). promise and resolution are rooted
 * by the caller. May run JS (the "then" getter). 0, or -1 with an
 * exception pending (only OOM or an uncatchable one). */
static int resolve_promise(JSContext *ctx, JSValue promise, JSValue resolution)
{
    if (resolution == promise) {
        JSValue err;
        js_throw_type_error(ctx, "a promise cannot be resolved with itself");
        if (!take_exception(ctx, &err))
            return -1;
        JSRoot re;
        js_root_push(ctx, &re, err);
        int st = settle_promise(ctx, promise, re.v, true);
        js_root_pop(ctx, &re);
        return st;
    }
    if (!js_is_object(resolution))
        return settle_promise(ctx, promise, resolution, false);
    JSValue then = js_get_property(ctx, resolution, JS_ATOM_then);
    if (js_is_exception(then)) {
        JSValue exc;
        if (!take_exception(ctx, &exc))
            return -1;
        JSRoot re;
        js_root_push(ctx, &re, exc);
        int st = settle_promise(ctx, promise, re.v, true);
        js_root_pop(ctx, &re);
        return st;
    }
    if (!js_is_callable(then))
        return settle_promise(ctx, promise, resolution, false);
    JSValue args[3] = { promise, resolution, then };
    return js_enqueue_job(job_realm(ctx, then), promise_resolve_thenable_job, 3, args);
}

/* Promise resolve functions (magic 0) and reject functions (magic 1).
 * Their data is the shared "already resolved" record: a one-value array
 * holding the promise, set to undefined once either function ran. */
static JSValue promise_resolving_function(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *rec = value_array(current_data(ctx));
    JSValue promise = rec->values[0];
    if (js_is_undefined(promise))
        return JS_UNDEFINED;
    JS_STORE(ctx, rec, rec->values[0], JS_UNDEFINED);
    JSRoot rp;
    js_root_push(ctx, &rp, promise);
    int st = magic ? settle_promise(ctx, rp.v, argv[0], true) : resolve_promise(ctx, rp.v, argv[0]);
    js_root_pop(ctx, &rp);
    return st < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

/* CreateResolvingFunctions(promise): *resolve and *reject must point at
 * rooted storage; promise is rooted by the caller. May collect; 0 or -1
 * on OOM. */
static int create_resolving_functions(JSContext *ctx, JSValue promise, JSValue *resolve, JSValue *reject)
{
    JSValueArray *rec = js_value_array_new(ctx, 1);
    if (!rec)
        return -1;
    rec->values[0] = promise;
    JSRoot rr;
    js_root_push(ctx, &rr, cell_value(rec));
    int ret = -1;
    *resolve = js_new_cfunction_data(ctx, promise_resolving_function, 1, 0, rr.v);
    if (!js_is_exception(*resolve)) {
        *reject = js_new_cfunction_data(ctx, promise_resolving_function, 1, 1, rr.v);
        if (!js_is_exception(*reject))
            ret = 0;
    }
    js_root_pop(ctx, &rr);
    return ret;
}

/* NewPromiseResolveThenableJob's job: argv = promise, thenable, then;
 * argv[3..4] (rooted spare slots of the job) hold the resolving functions. */
static JSValue promise_resolve_thenable_job(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (create_resolving_functions(ctx, argv[0], &argv[3], &argv[4]) < 0)
        return JS_EXCEPTION;
    JSValue r = js_call(ctx, argv[2], argv[1], 2, &argv[3]);
    if (js_is_exception(r)) {
        if (!take_exception(ctx, &argv[5]))
            return JS_EXCEPTION;
        return js_call(ctx, argv[4], JS_UNDEFINED, 1, &argv[5]);
    }
    return r;
}

/* NewPromiseReactionJob's job: argv as the J_* indexes say. */
static JSValue promise_reaction_job(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue handler = argv[J_HANDLER];
    bool threw;
    if (js_is_undefined(handler)) {
        threw = js_get_bool(argv[J_TYPE]);
    } else {
        JSValue r = js_call(ctx, handler, JS_UNDEFINED, 1, &argv[J_ARGUMENT]);
        threw = js_is_exception(r);
        if (threw) {
            if (!take_exception(ctx, &r))
                return JS_EXCEPTION;
        }
        argv[J_ARGUMENT] = r;
    }
    if (js_is_undefined(argv[J_CAP_PROMISE])) {
        /* no capability (await): the handlers are the engine's and do not
         * throw; if one did, report it to the host */
        if (threw)
            return js_throw(ctx, argv[J_ARGUMENT]);
        return JS_UNDEFINED;
    }
    return js_call(ctx, argv[threw ? J_CAP_REJECT : J_CAP_RESOLVE], JS_UNDEFINED, 1, &argv[J_ARGUMENT]);
}

/* ---- creating promises and capabilities ---- */

/* A new pending promise with the prototype from new_target
 * (OrdinaryCreateFromConstructor). May run JS (a proxy's "prototype"
 * getter); JS_EXCEPTION on error. */
static JSValue new_promise(JSContext *ctx, JSValue new_target)
{
    JSValue obj = js_create_from_ctor(ctx, new_target, JS_CLASS_PROMISE);
    if (js_is_exception(obj))
        return obj;
    JSPromise *p = get_promise(obj);
    p->state = JS_PROMISE_PENDING;
    p->result = JS_UNDEFINED;
    return obj;
}

/* A new pending %Promise% of ctx. May collect; JS_EXCEPTION on OOM. */
static JSValue new_intrinsic_promise(JSContext *ctx)
{
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_PROMISE], JS_CLASS_PROMISE);
    if (!o)
        return JS_EXCEPTION;
    JSPromise *p = (JSPromise *)o;
    p->state = JS_PROMISE_PENDING;
    p->result = JS_UNDEFINED;
    return js_obj_value(o);
}

/* The executor NewPromiseCapability passes to the constructor; its data
 * is a two-value array receiving resolve and reject. */
static JSValue capability_executor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *rec = value_array(current_data(ctx));
    if (!js_is_undefined(rec->values[0]))
        return js_throw_type_error(ctx, "promise capability resolve function already set");
    if (!js_is_undefined(rec->values[1]))
        return js_throw_type_error(ctx, "promise capability reject function already set");
    JS_STORE(ctx, rec, rec->values[0], argv[0]);
    JS_STORE(ctx, rec, rec->values[1], argv[1]);
    return JS_UNDEFINED;
}

/* NewPromiseCapability(c). The three outputs must point at rooted
 * storage (they are written as soon as each value exists). c is rooted by
 * the caller. May run JS; 0 or -1. */
static int new_capability(JSContext *ctx, JSValue c, JSValue *promise, JSValue *resolve, JSValue *reject)
{
    if (!js_is_constructor(c)) {
        js_throw_type_error(ctx, "not a constructor");
        return -1;
    }
    if (is_promise_ctor_fn(c)) {
        /* %Promise% of some realm: constructing it with our executor is
         * not observable (its "prototype" is non-writable and
         * non-configurable), so make the promise directly. */
        *promise = new_promise(ctx, c);
        if (js_is_exception(*promise))
            return -1;
        return create_resolving_functions(ctx, *promise, resolve, reject);
    }
    JSValueArray *rec = js_value_array_new(ctx, 2);
    if (!rec)
        return -1;
    JSRoot rr, re;
    js_root_push(ctx, &rr, cell_value(rec));
    js_root_push(ctx, &re, JS_UNDEFINED);
    int ret = -1;
    re.v = js_new_cfunction_data(ctx, capability_executor, 2, 0, rr.v);
    if (js_is_exception(re.v))
        goto done;
    *promise = js_construct(ctx, c, 1, &re.v, c);
    if (js_is_exception(*promise))
        goto done;
    if (!js_is_callable(rec->values[0])) {
        js_throw_type_error(ctx, "promise capability resolve is not a function");
        goto done;
    }
    if (!js_is_callable(rec->values[1])) {
        js_throw_type_error(ctx, "promise capability reject is not a function");
        goto done;
    }
    *resolve = rec->values[0];
    *reject = rec->values[1];
    ret = 0;
done:
    js_root_pop(ctx, &rr);
    return ret;
}

/* Three rooted slots holding a PromiseCapability record. */
typedef struct CapRoots {
    JSRoot promise, resolve, reject;
} CapRoots;

static void cap_push(JSContext *ctx, CapRoots *c)
{
    js_root_push(ctx, &c->promise, JS_UNDEFINED);
    js_root_push(ctx, &c->resolve, JS_UNDEFINED);
    js_root_push(ctx, &c->reject, JS_UNDEFINED);
}

static int cap_new(JSContext *ctx, CapRoots *c, JSValue ctor)
{
    return new_capability(ctx, ctor, &c->promise.v, &c->resolve.v, &c->reject.v);
}

/* PerformPromiseThen; every argument rooted by the caller; cap_promise
 * undefined when there is no result capability. Never runs JS (except a
 * host rejection tracker). 0, or -1 on OOM. */
static int perform_then(JSContext *ctx, JSValue promise, JSValue on_fulfilled, JSValue on_rejected,
                        JSValue cap_promise, JSValue cap_resolve, JSValue cap_reject)
{
    JSPromise *p = get_promise(promise);
    JSValue rec[REACTION_SIZE];
    rec[R_CAP_PROMISE] = cap_promise;
    rec[R_CAP_RESOLVE] = cap_resolve;
    rec[R_CAP_REJECT] = cap_reject;
    rec[R_ON_FULFILLED] = js_is_callable(on_fulfilled) ? on_fulfilled : JS_UNDEFINED;
    rec[R_ON_REJECTED] = js_is_callable(on_rejected) ? on_rejected : JS_UNDEFINED;
    if (p->state == JS_PROMISE_PENDING) {
        uint32_t cap = p->reactions ? p->reactions->len / REACTION_SIZE : 0;
        if (p->n_reactions == cap) {
            uint32_t ncap = cap ? cap * 2 : 1;
            JSValueArray *n = js_value_array_new(ctx, ncap * REACTION_SIZE);
            if (!n)
                return -1;
            if (p->reactions)
                memcpy(n->values, p->reactions->values, (size_t)cap * REACTION_SIZE * sizeof(JSValue));
            JS_STORE_PTR(ctx, p, p->reactions, n);
        }
        JSValue *dst = &p->reactions->values[p->n_reactions * REACTION_SIZE];
        for (int i = 0; i < REACTION_SIZE; i++)
            JS_STORE(ctx, p->reactions, dst[i], rec[i]);
        p->n_reactions++;
    } else {
        bool is_reject = p->state == JS_PROMISE_REJECTED;
        if (is_reject && !p->is_handled)
            rejection_tracker(ctx, promise, p->result, 1);
        if (enqueue_reaction(ctx, rec, is_reject, p->result) < 0)
            return -1;
    }
    p->is_handled = true;
    return 0;
}

/* PromiseResolve(c, x); c and x rooted by the caller. */
static JSValue promise_resolve(JSContext *ctx, JSValue c, JSValue x)
{
    if (get_promise(x)) {
        JSValue xc = js_get_property(ctx, x, JS_ATOM_constructor);
        if (js_is_exception(xc))
            return xc;
        if (xc == c)
            return x;
    }
    CapRoots cap;
    cap_push(ctx, &cap);
    JSValue ret = JS_EXCEPTION;
    if (cap_new(ctx, &cap, c) == 0) {
        JSValue r = js_call(ctx, cap.resolve.v, JS_UNDEFINED, 1, &x);
        if (!js_is_exception(r))
            ret = cap.promise.v;
    }
    js_root_pop(ctx, &cap.promise);
    return ret;
}

/* IfAbruptRejectPromise: with an exception pending, calls cap's reject
 * with it and returns cap's promise (or JS_EXCEPTION if that throws or
 * the exception is uncatchable). */
static JSValue reject_with_pending(JSContext *ctx, CapRoots *cap)
{
    JSValue exc;
    if (!take_exception(ctx, &exc))
        return JS_EXCEPTION;
    JSRoot re;
    js_root_push(ctx, &re, exc);
    JSValue r = js_call(ctx, cap->reject.v, JS_UNDEFINED, 1, &re.v);
    js_root_pop(ctx, &re);
    if (js_is_exception(r))
        return r;
    return cap->promise.v;
}

/* ---- the Promise constructor ---- */

static JSValue promise_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(new_target))
        return js_throw_type_error(ctx, "Promise constructor cannot be invoked without 'new'");
    if (!js_is_callable(argv[0]))
        return js_throw_type_error(ctx, "Promise resolver is not a function");
    CapRoots cap;
    cap_push(ctx, &cap);
    JSValue ret = JS_EXCEPTION;
    cap.promise.v = new_promise(ctx, new_target);
    if (js_is_exception(cap.promise.v))
        goto done;
    if (create_resolving_functions(ctx, cap.promise.v, &cap.resolve.v, &cap.reject.v) < 0)
        goto done;
    JSValue args[2] = { cap.resolve.v, cap.reject.v };
    JSValue r = js_call(ctx, argv[0], JS_UNDEFINED, 2, args);
    if (js_is_exception(r) && js_is_exception(reject_with_pending(ctx, &cap)))
        goto done;
    ret = cap.promise.v;
done:
    js_root_pop(ctx, &cap.promise);
    return ret;
}

static bool is_promise_ctor_fn(JSValue c)
{
    return js_object_is_class(c, JS_CLASS_C_FUNCTION) &&
           ((JSCFunctionObject *)JS_VALUE_GET_OBJ(c))->fn == promise_ctor;
}

/* ---- Promise.prototype ---- */

static JSValue promise_then(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!get_promise(this_val))
        return js_throw_type_error(ctx, "Promise.prototype.then called on a non-promise");
    JSValue c = js_species_constructor(ctx, this_val, ctx->intrinsics[JS_INTRINSIC_PromiseConstructor]);
    if (js_is_exception(c))
        return c;
    JSRoot rc;
    js_root_push(ctx, &rc, c);
    CapRoots cap;
    cap_push(ctx, &cap);
    JSValue ret = JS_EXCEPTION;
    if (cap_new(ctx, &cap, rc.v) == 0 &&
        perform_then(ctx, this_val, argv[0], argv[1], cap.promise.v, cap.resolve.v, cap.reject.v) == 0)
        ret = cap.promise.v;
    js_root_pop(ctx, &rc);
    return ret;
}

static JSValue promise_catch(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue args[2] = { JS_UNDEFINED, argv[0] };
    return js_invoke(ctx, this_val, JS_ATOM_then, 2, args);
}

/* The value thunk and thrower of finally: return (magic 0) or throw
 * (magic 1) the value in the data. */
static JSValue finally_value_thunk(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue v = current_data(ctx);
    return magic ? js_throw(ctx, v) : v;
}

/* thenFinally (magic 0) and catchFinally (magic 1); data = [onFinally, C]. */
static JSValue finally_handler(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *rec = value_array(current_data(ctx));
    JSValue r = js_call(ctx, rec->values[0], JS_UNDEFINED, 0, NULL);
    if (js_is_exception(r))
        return r;
    JSRoot rr, rt;
    js_root_push(ctx, &rr, r);
    js_root_push(ctx, &rt, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    rr.v = promise_resolve(ctx, rec->values[1], rr.v);
    if (js_is_exception(rr.v))
        goto done;
    rt.v = js_new_cfunction_data(ctx, finally_value_thunk, 0, magic, argv[0]);
    if (js_is_exception(rt.v))
        goto done;
    ret = js_invoke(ctx, rr.v, JS_ATOM_then, 1, &rt.v);
done:
    js_root_pop(ctx, &rr);
    return ret;
}

static JSValue promise_finally(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Promise.prototype.finally called on a non-object");
    JSValue c = js_species_constructor(ctx, this_val, ctx->intrinsics[JS_INTRINSIC_PromiseConstructor]);
    if (js_is_exception(c))
        return c;
    JSValue on_finally = argv[0];
    if (!js_is_callable(on_finally)) {
        JSValue args[2] = { on_finally, on_finally };
        return js_invoke(ctx, this_val, JS_ATOM_then, 2, args);
    }
    JSRoot rc, rd, rthen, rcatch;
    js_root_push(ctx, &rc, c);
    js_root_push(ctx, &rd, JS_UNDEFINED);
    js_root_push(ctx, &rthen, JS_UNDEFINED);
    js_root_push(ctx, &rcatch, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    JSValueArray *rec = js_value_array_new(ctx, 2);
    if (!rec)
        goto done;
    rec->values[0] = on_finally;
    rec->values[1] = rc.v;
    rd.v = cell_value(rec);
    rthen.v = js_new_cfunction_data(ctx, finally_handler, 1, 0, rd.v);
    if (js_is_exception(rthen.v))
        goto done;
    rcatch.v = js_new_cfunction_data(ctx, finally_handler, 1, 1, rd.v);
    if (js_is_exception(rcatch.v))
        goto done;
    JSValue args[2] = { rthen.v, rcatch.v };
    ret = js_invoke(ctx, this_val, JS_ATOM_then, 2, args);
done:
    js_root_pop(ctx, &rc);
    return ret;
}

/* ---- Promise statics ---- */

static JSValue promise_static_resolve(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Promise.resolve called on a non-object");
    return promise_resolve(ctx, this_val, argv[0]);
}

static JSValue promise_static_reject(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    CapRoots cap;
    cap_push(ctx, &cap);
    JSValue ret = JS_EXCEPTION;
    if (cap_new(ctx, &cap, this_val) == 0) {
        JSValue r = js_call(ctx, cap.reject.v, JS_UNDEFINED, 1, &argv[0]);
        if (!js_is_exception(r))
            ret = cap.promise.v;
    }
    js_root_pop(ctx, &cap.promise);
    return ret;
}

static JSValue promise_with_resolvers(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    CapRoots cap;
    cap_push(ctx, &cap);
    JSRoot ro;
    js_root_push(ctx, &ro, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    if (cap_new(ctx, &cap, this_val) < 0)
        goto done;
    ro.v = js_new_object(ctx);
    if (js_is_exception(ro.v) ||
        js_create_data_property(ctx, ro.v, JS_ATOM_promise, cap.promise.v, JS_THROW) < 0 ||
        js_create_data_property(ctx, ro.v, JS_ATOM_resolve, cap.resolve.v, JS_THROW) < 0 ||
        js_create_data_property(ctx, ro.v, JS_ATOM_reject, cap.reject.v, JS_THROW) < 0)
        goto done;
    ret = ro.v;
done:
    js_root_pop(ctx, &cap.promise);
    return ret;
}

static JSValue promise_try(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Promise.try called on a non-object");
    CapRoots cap;
    cap_push(ctx, &cap);
    JSValue ret = JS_EXCEPTION;
    if (cap_new(ctx, &cap, this_val) < 0)
        goto done;
    JSValue r = js_call(ctx, argv[0], JS_UNDEFINED, argc > 1 ? argc - 1 : 0, argv + 1);
    if (js_is_exception(r)) {
        ret = reject_with_pending(ctx, &cap);
        goto done;
    }
    JSRoot rr;
    js_root_push(ctx, &rr, r);
    r = js_call(ctx, cap.resolve.v, JS_UNDEFINED, 1, &rr.v);
    if (!js_is_exception(r))
        ret = cap.promise.v;
done:
    js_root_pop(ctx, &cap.promise);
    return ret;
}

static JSValue promise_get_species(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* Promise.all (magic COMB_ALL), allSettled, any and race. The state
 * shared by the element functions of one call is an array: */
enum { COMB_ALL, COMB_ALL_SETTLED, COMB_ANY, COMB_RACE };
enum { ST_VALUES, ST_COUNT, ST_REMAINING, ST_SETTLE, ST_SIZE };
/* ST_VALUES: a JSValueArray (capacity) of the values (errors for any),
 * ST_COUNT their number, ST_REMAINING remainingElementsCount, ST_SETTLE
 * the capability function called when it reaches 0 (resolve, or reject
 * for any). Each element function's data is [state, index, alreadyCalled];
 * allSettled's two functions for one element share it. */
enum { EL_STATE, EL_INDEX, EL_CALLED, EL_SIZE };
/* element function kinds (magic) */
enum { ELEM_ALL, ELEM_SETTLED_FULFILLED, ELEM_SETTLED_REJECTED, ELEM_ANY };

/* Called when remainingElementsCount reached 0: settles with the list as
 * an array (an AggregateError holding it for any). st is rooted. */
static JSValue combinator_finish(JSContext *ctx, JSValueArray *st, bool is_any)
{
    JSValueArray *vals = value_array(st->values[ST_VALUES]);
    uint32_t n = (uint32_t)js_get_int(st->values[ST_COUNT]);
    JSRoot ra, re;
    js_root_push(ctx, &ra, JS_UNDEFINED);
    js_root_push(ctx, &re, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    ra.v = js_new_array_from(ctx, n, vals->values);
    if (js_is_exception(ra.v))
        goto done;
    if (is_any) {
        re.v = js_new_error(ctx, JS_ERROR_AGGREGATE, JS_UNDEFINED);
        if (js_is_exception(re.v) ||
            js_define_property_value(ctx, re.v, JS_ATOM_errors, ra.v, JS_PROP_C_W) < 0)
            goto done;
        ra.v = re.v;
    }
    ret = js_call(ctx, st->values[ST_SETTLE], JS_UNDEFINED, 1, &ra.v);
done:
    js_root_pop(ctx, &ra);
    return ret;
}

static JSValue combinator_element(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    /* the data cells stay reachable from the running function */
    JSValueArray *el = value_array(current_data(ctx));
    if (el->values[EL_CALLED] == JS_TRUE)
        return JS_UNDEFINED;
    el->values[EL_CALLED] = JS_TRUE;
    JSValueArray *st = value_array(el->values[EL_STATE]);
    uint32_t index = (uint32_t)js_get_int(el->values[EL_INDEX]);
    JSRoot rx, ro;
    js_root_push(ctx, &rx, argv[0]);
    js_root_push(ctx, &ro, JS_UNDEFINED);
    if (magic == ELEM_SETTLED_FULFILLED || magic == ELEM_SETTLED_REJECTED) {
        bool ok = magic == ELEM_SETTLED_FULFILLED;
        ro.v = js_new_object(ctx);
        if (js_is_exception(ro.v))
            return JS_EXCEPTION;
        JSValue status = js_atom_to_value(ctx, ok ? JS_ATOM_fulfilled : JS_ATOM_rejected);
        if (js_is_exception(status) ||
            js_create_data_property(ctx, ro.v, JS_ATOM_status, status, JS_THROW) < 0 ||
            js_create_data_property(ctx, ro.v, ok ? JS_ATOM_value : JS_ATOM_reason, rx.v, JS_THROW) < 0)
            return JS_EXCEPTION;
        rx.v = ro.v;
    }
    JSValueArray *vals = value_array(st->values[ST_VALUES]);
    JS_STORE(ctx, vals, vals->values[index], rx.v);
    int32_t remaining = js_get_int(st->values[ST_REMAINING]) - 1;
    st->values[ST_REMAINING] = js_int(remaining);
    if (remaining == 0)
        return combinator_finish(ctx, st, magic == ELEM_ANY);
    return JS_UNDEFINED;
}

/* Appends undefined to the state's list, growing it. st rooted. */
static int list_append_slot(JSContext *ctx, JSValueArray *st)
{
    JSValueArray *vals = value_array(st->values[ST_VALUES]);
    uint32_t n = (uint32_t)js_get_int(st->values[ST_COUNT]);
    if (n == INT32_MAX) {
        js_throw_range_error(ctx, "too many promises");
        return -1;
    }
    if (n == vals->len) {
        JSValueArray *nv = js_value_array_new(ctx, vals->len * 2);
        if (!nv)
            return -1;
        vals = value_array(st->values[ST_VALUES]);
        memcpy(nv->values, vals->values, (size_t)n * sizeof(JSValue));
        JS_STORE(ctx, st, st->values[ST_VALUES], cell_value(nv));
        vals = nv;
    }
    vals->values[n] = JS_UNDEFINED;
    st->values[ST_COUNT] = js_int((int32_t)n + 1);
    return 0;
}

/* PerformPromiseAll / AllSettled / Any / Race. c, cap, resolve_fn and
 * the iterator record (rec, whose values the caller roots) are rooted.
 * Returns the capability's promise, or JS_EXCEPTION. */
static JSValue perform_combinator(JSContext *ctx, int kind, JSIteratorRecord *rec, JSValue c,
                                  CapRoots *cap, JSValue resolve_fn)
{
    JSRoot rst, rnext, rp, rf, rr;
    js_root_push(ctx, &rst, JS_UNDEFINED);
    js_root_push(ctx, &rnext, JS_UNDEFINED);
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    JSValueArray *st = NULL;
    if (kind != COMB_RACE) {
        st = js_value_array_new(ctx, ST_SIZE);
        if (!st)
            goto done;
        rst.v = cell_value(st);
        JSValueArray *vals = js_value_array_new(ctx, 4);
        if (!vals)
            goto done;
        st->values[ST_VALUES] = cell_value(vals);
        st->values[ST_COUNT] = js_int(0);
        st->values[ST_REMAINING] = js_int(1);
        st->values[ST_SETTLE] = kind == COMB_ANY ? cap->reject.v : cap->resolve.v;
    }
    for (int32_t index = 0;; index++) {
        JSValue next;
        int r = js_iterator_step_value(ctx, rec, &next);
        if (r < 0)
            goto done;
        if (r == 0) {
            if (kind != COMB_RACE) {
                int32_t remaining = js_get_int(st->values[ST_REMAINING]) - 1;
                st->values[ST_REMAINING] = js_int(remaining);
                if (remaining == 0 && js_is_exception(combinator_finish(ctx, st, kind == COMB_ANY)))
                    goto done;
            }
            ret = cap->promise.v;
            goto done;
        }
        rnext.v = next;
        if (kind != COMB_RACE && list_append_slot(ctx, st) < 0)
            goto done;
        rp.v = js_call(ctx, resolve_fn, c, 1, &rnext.v);
        if (js_is_exception(rp.v))
            goto done;
        JSValue args[2];
        if (kind == COMB_RACE) {
            args[0] = cap->resolve.v;
            args[1] = cap->reject.v;
        } else {
            JSValueArray *el = js_value_array_new(ctx, EL_SIZE);
            if (!el)
                goto done;
            el->values[EL_STATE] = rst.v;
            el->values[EL_INDEX] = js_int(index);
            el->values[EL_CALLED] = JS_FALSE;
            rr.v = cell_value(el);
            int magic = kind == COMB_ALL ? ELEM_ALL : kind == COMB_ANY ? ELEM_ANY : ELEM_SETTLED_FULFILLED;
            rf.v = js_new_cfunction_data(ctx, combinator_element, 1, magic, rr.v);
            if (js_is_exception(rf.v))
                goto done;
            if (kind == COMB_ALL_SETTLED) {
                JSValue f2 = js_new_cfunction_data(ctx, combinator_element, 1, ELEM_SETTLED_REJECTED, rr.v);
                if (js_is_exception(f2))
                    goto done;
                rr.v = f2;
            }
            st->values[ST_REMAINING] = js_int(js_get_int(st->values[ST_REMAINING]) + 1);
            if (kind == COMB_ALL) {
                args[0] = rf.v;
                args[1] = cap->reject.v;
            } else if (kind == COMB_ANY) {
                args[0] = cap->resolve.v;
                args[1] = rf.v;
            } else {
                args[0] = rf.v;
                args[1] = rr.v;
            }
        }
        if (js_is_exception(js_invoke(ctx, rp.v, JS_ATOM_then, 2, args)))
            goto done;
    }
done:
    js_root_pop(ctx, &rst);
    return ret;
}

static JSValue promise_combinator(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int kind)
{
    CapRoots cap;
    cap_push(ctx, &cap);
    JSRoot rres, rit, rnext;
    js_root_push(ctx, &rres, JS_UNDEFINED);
    js_root_push(ctx, &rit, JS_UNDEFINED);
    js_root_push(ctx, &rnext, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    if (cap_new(ctx, &cap, this_val) < 0)
        goto done;
    /* GetPromiseResolve */
    rres.v = js_get_property(ctx, this_val, JS_ATOM_resolve);
    if (js_is_exception(rres.v)) {
        ret = reject_with_pending(ctx, &cap);
        goto done;
    }
    if (!js_is_callable(rres.v)) {
        js_throw_type_error(ctx, "Promise resolve is not a function");
        ret = reject_with_pending(ctx, &cap);
        goto done;
    }
    JSIteratorRecord rec;
    if (js_get_iterator(ctx, argv[0], &rec) < 0) {
        ret = reject_with_pending(ctx, &cap);
        goto done;
    }
    rit.v = rec.iterator;
    rnext.v = rec.next;
    ret = perform_combinator(ctx, kind, &rec, this_val, &cap, rres.v);
    if (js_is_exception(ret)) {
        if (!rec.done && ctx->rt->exception_uncatchable)
            goto done;
        if (!rec.done)
            js_iterator_close(ctx, rit.v, true);
        ret = reject_with_pending(ctx, &cap);
    }
done:
    js_root_pop(ctx, &cap.promise);
    return ret;
}

/* ---- queueMicrotask ---- */

static JSValue microtask_job(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_call(ctx, argv[0], JS_UNDEFINED, 0, NULL);
}

static JSValue queue_microtask(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_callable(argv[0]))
        return js_throw_type_error(ctx, "queueMicrotask: callback is not a function");
    if (js_enqueue_job(ctx, microtask_job, 1, argv) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* ---- the internal API (promise.h) ---- */

JSValue js_new_promise_capability(JSContext *ctx, JSValue ctor, JSValue *resolve, JSValue *reject)
{
    CapRoots cap;
    cap_push(ctx, &cap);
    JSRoot rc;
    js_root_push(ctx, &rc, js_is_undefined(ctor) ? ctx->intrinsics[JS_INTRINSIC_PromiseConstructor] : ctor);
    JSValue ret = JS_EXCEPTION;
    if (cap_new(ctx, &cap, rc.v) == 0) {
        ret = cap.promise.v;
        if (resolve)
            *resolve = cap.resolve.v;
        if (reject)
            *reject = cap.reject.v;
    }
    js_root_pop(ctx, &cap.promise);
    return ret;
}

JSValue js_promise_resolve(JSContext *ctx, JSValue ctor, JSValue value)
{
    JSRoot rc, rv;
    js_root_push(ctx, &rc, js_is_undefined(ctor) ? ctx->intrinsics[JS_INTRINSIC_PromiseConstructor] : ctor);
    js_root_push(ctx, &rv, value);
    JSValue r = promise_resolve(ctx, rc.v, rv.v);
    js_root_pop(ctx, &rc);
    return r;
}

JSValue js_new_resolved_promise(JSContext *ctx, JSValue value)
{
    return js_promise_resolve(ctx, JS_UNDEFINED, value);
}

JSValue js_new_rejected_promise(JSContext *ctx, JSValue reason)
{
    JSRoot rr, rp;
    js_root_push(ctx, &rr, reason);
    js_root_push(ctx, &rp, new_intrinsic_promise(ctx));
    JSValue ret = JS_EXCEPTION;
    if (!js_is_exception(rp.v) && settle_promise(ctx, rp.v, rr.v, true) == 0)
        ret = rp.v;
    js_root_pop(ctx, &rr);
    return ret;
}

int js_perform_promise_then(JSContext *ctx, JSValue promise, JSValue on_fulfilled,
                            JSValue on_rejected, const JSPromiseCapability *cap)
{
    JSRoot r[6];
    js_root_push(ctx, &r[0], promise);
    js_root_push(ctx, &r[1], on_fulfilled);
    js_root_push(ctx, &r[2], on_rejected);
    js_root_push(ctx, &r[3], cap ? cap->promise : JS_UNDEFINED);
    js_root_push(ctx, &r[4], cap ? cap->resolve : JS_UNDEFINED);
    js_root_push(ctx, &r[5], cap ? cap->reject : JS_UNDEFINED);
    int st = perform_then(ctx, r[0].v, r[1].v, r[2].v, r[3].v, r[4].v, r[5].v);
    js_root_pop(ctx, &r[0]);
    return st;
}

int js_promise_state(JSValue v)
{
    JSPromise *p = get_promise(v);
    return p ? p->state : -1;
}

JSValue js_promise_result(JSValue v)
{
    JSPromise *p = get_promise(v);
    return p ? p->result : JS_UNDEFINED;
}

void js_promise_mark_handled(JSContext *ctx, JSValue v)
{
    JSPromise *p = get_promise(v);
    if (!p || p->is_handled)
        return;
    if (p->state == JS_PROMISE_REJECTED)
        rejection_tracker(ctx, v, p->result, 1);
    p->is_handled = true;
}

int js_promise_resolve_direct(JSContext *ctx, JSValue promise, JSValue value)
{
    JSPromise *p = get_promise(promise);
    if (!p || p->state != JS_PROMISE_PENDING)
        return 0;
    JSRoot rp, rv;
    js_root_push(ctx, &rp, promise);
    js_root_push(ctx, &rv, value);
    int st = resolve_promise(ctx, rp.v, rv.v);
    js_root_pop(ctx, &rp);
    return st;
}

int js_promise_reject_direct(JSContext *ctx, JSValue promise, JSValue reason)
{
    JSPromise *p = get_promise(promise);
    if (!p || p->state != JS_PROMISE_PENDING)
        return 0;
    JSRoot rp, rv;
    js_root_push(ctx, &rp, promise);
    js_root_push(ctx, &rv, reason);
    int st = settle_promise(ctx, rp.v, rv.v, true);
    js_root_pop(ctx, &rp);
    return st;
}

/* ---- setup ---- */

static const JSPropEntry promise_static_props[] = {
    JS_CFUNC_MAGIC_DEF("all", 1, promise_combinator, COMB_ALL),
    JS_CFUNC_MAGIC_DEF("allSettled", 1, promise_combinator, COMB_ALL_SETTLED),
    JS_CFUNC_MAGIC_DEF("any", 1, promise_combinator, COMB_ANY),
    JS_CFUNC_MAGIC_DEF("race", 1, promise_combinator, COMB_RACE),
    JS_CFUNC_DEF("reject", 1, promise_static_reject),
    JS_CFUNC_DEF("resolve", 1, promise_static_resolve),
    JS_CFUNC_DEF("try", 1, promise_try),
    JS_CFUNC_DEF("withResolvers", 0, promise_with_resolvers),
    JS_CGETSET_DEF("[Symbol.species]", promise_get_species, NULL),
};

static const JSPropEntry promise_proto_props[] = {
    JS_CFUNC_DEF("catch", 1, promise_catch),
    JS_CFUNC_DEF("finally", 1, promise_finally),
    JS_CFUNC_DEF("then", 2, promise_then),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Promise", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry promise_global_props[] = {
    JS_CFUNC_DEF("queueMicrotask", 1, queue_microtask),
};

#define COUNTOF(a) ((int)(sizeof(a) / sizeof((a)[0])))

int js_init_promise(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_PROMISE, &promise_class);
    if (js_jobs_init(ctx) < 0)
        return -1;
    JSValue proto = js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
    if (js_is_exception(proto))
        return -1;
    ctx->class_proto[JS_CLASS_PROMISE] = proto;
    JSValue ctor = js_new_constructor(ctx, promise_ctor, "Promise", 1, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_PromiseConstructor] = ctor;
    if (js_define_prop_entries(ctx, ctor, promise_static_props, COUNTOF(promise_static_props)) < 0 ||
        js_define_prop_entries(ctx, proto, promise_proto_props, COUNTOF(promise_proto_props)) < 0 ||
        js_define_prop_entries(ctx, js_obj_value(ctx->global_obj), promise_global_props,
                               COUNTOF(promise_global_props)) < 0)
        return -1;
    JSValue resolve = js_get_property(ctx, ctor, JS_ATOM_resolve);
    if (js_is_exception(resolve))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_PromiseResolveFunction] = resolve;
    return 0;
}
