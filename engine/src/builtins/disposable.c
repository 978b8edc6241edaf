/* Explicit resource management built-ins: SuppressedError, DisposableStack,
 * AsyncDisposableStack (with the DisposeResources algorithm, synchronous
 * and promise-driven), %IteratorPrototype%[@@dispose] and
 * %AsyncIteratorPrototype%[@@asyncDispose]. The `using` syntax lives in
 * the front end, not here. */
#include "builtins.h"
#include "object_util.h"
#include "promise.h"
#include "../conv.h"
#include "../interp.h"
#include "disposable.h"

/* Kinds of a resource record ([[Hint]] plus how the method is called). */
enum {
    HINT_SYNC,          /* sync-dispose: call method(value) */
    HINT_ASYNC,         /* async-dispose with an @@asyncDispose method: await its result */
    HINT_ASYNC_FROM_SYNC, /* async-dispose with an @@dispose method: call, then await undefined */
    HINT_ASYNC_EMPTY,   /* async-dispose of null/undefined: no method, forces one await */
};

/* A DisposableStack or AsyncDisposableStack. The resource stack is a
 * JSValueArray of (value, method, hint) triples, count records in use.
 * The resource scope of a block with `using` declarations is one too
 * (class DisposableStack, null prototype, never seen by JS); the flags
 * after `disposed` are its DisposeResources state between Awaits. */
typedef struct JSDisposableStack {
    JSObject base;
    JSValue list;           /* cell value of a JSValueArray, or undefined */
    uint32_t count;
    bool disposed;
    bool need_await;        /* needsAwait of DisposeResources */
    bool has_awaited;       /* hasAwaited */
    bool awaiting;          /* the last step asked for an Await */
} JSDisposableStack;

static void stack_trace(JSRuntime *rt, JSObject *obj)
{
    js_gc_mark_value(rt, ((JSDisposableStack *)obj)->list);
}

static const JSClass disposable_class = {
    .name = "DisposableStack", .size = sizeof(JSDisposableStack), .trace = stack_trace,
};
static const JSClass async_disposable_class = {
    .name = "AsyncDisposableStack", .size = sizeof(JSDisposableStack), .trace = stack_trace,
};

#define IS_TRUE(v) ((v) == JS_TRUE)

static JSValueArray *cell_array(JSValue v)
{
    return (JSValueArray *)js_get_ptr(v);
}

/* A new SuppressedError {error, suppressed} with the realm's prototype
 * (the errors DisposeResources makes). May collect; JS_EXCEPTION on OOM. */
static JSValue new_suppressed_error(JSContext *ctx, JSValue error, JSValue suppressed)
{
    JSRoot re, rs, ro;
    js_root_push(ctx, &re, error);
    js_root_push(ctx, &rs, suppressed);
    js_root_push(ctx, &ro, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    JSObject *o = js_new_object_proto_class(ctx, ctx->intrinsics[JS_INTRINSIC_SuppressedErrorPrototype],
                                            JS_CLASS_ERROR);
    if (!o)
        goto done;
    ro.v = js_mkptr(JS_TAG_OBJECT, o);
    if (js_define_property_value(ctx, ro.v, JS_ATOM_error, re.v, JS_PROP_C_W) < 0 ||
        js_define_property_value(ctx, ro.v, JS_ATOM_suppressed, rs.v, JS_PROP_C_W) < 0 ||
        js_error_capture_stack(ctx, ro.v) < 0)
        goto done;
    res = ro.v;
done:
    js_root_pop(ctx, &re);
    return res;
}

/* SuppressedError(error, suppressed, message) */
static JSValue suppressed_error_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSValue proto;
    if (js_is_undefined(new_target)) {
        proto = ctx->intrinsics[JS_INTRINSIC_SuppressedErrorPrototype];
    } else {
        proto = js_get_property(ctx, new_target, JS_ATOM_prototype);
        if (js_is_exception(proto))
            return proto;
        if (!js_is_object(proto)) {
            JSContext *realm = js_get_function_realm(ctx, new_target);
            if (!realm)
                return JS_EXCEPTION;
            proto = realm->intrinsics[JS_INTRINSIC_SuppressedErrorPrototype];
        }
    }
    JSRoot ro;
    js_root_push(ctx, &ro, proto);
    JSObject *o = js_new_object_proto_class(ctx, proto, JS_CLASS_ERROR);
    if (!o)
        return JS_EXCEPTION;
    ro.v = js_mkptr(JS_TAG_OBJECT, o);
    if (!js_is_undefined(argv[2])) {
        JSValue msg = js_to_string(ctx, argv[2]);
        if (js_is_exception(msg))
            return msg;
        if (js_define_property_value(ctx, ro.v, JS_ATOM_message, msg, JS_PROP_C_W) < 0)
            return JS_EXCEPTION;
    }
    if (js_define_property_value(ctx, ro.v, JS_ATOM_error, argv[0], JS_PROP_C_W) < 0 ||
        js_define_property_value(ctx, ro.v, JS_ATOM_suppressed, argv[1], JS_PROP_C_W) < 0 ||
        js_error_capture_stack(ctx, ro.v) < 0)
        return JS_EXCEPTION;
    return ro.v;
}

/* this as a stack of class id, or NULL after throwing TypeError. */
static JSDisposableStack *this_stack(JSContext *ctx, JSValue this_val, JSClassID id)
{
    if (!js_object_is_class(this_val, id)) {
        js_throw_type_error(ctx, "not a%s", id == JS_CLASS_DISPOSABLE_STACK ? " DisposableStack"
                                                                              : "n AsyncDisposableStack");
        return NULL;
    }
    return (JSDisposableStack *)JS_VALUE_GET_OBJ(this_val);
}

/* Appends a resource record to the stack held in stack_val (rooted). May
 * collect; -1 on OOM. value and method must be rooted by the caller. */
static int stack_push(JSContext *ctx, JSValue stack_val, JSValue value, JSValue method, int hint)
{
    JSDisposableStack *s = (JSDisposableStack *)JS_VALUE_GET_OBJ(stack_val);
    uint32_t cap = js_is_undefined(s->list) ? 0 : cell_array(s->list)->len / 3;
    if (s->count == cap) {
        uint32_t ncap = cap < 4 ? 4 : cap * 2;
        JSValueArray *na = js_value_array_new(ctx, ncap * 3);
        if (!na)
            return -1;
        s = (JSDisposableStack *)JS_VALUE_GET_OBJ(stack_val);
        if (cap)
            memcpy(na->values, cell_array(s->list)->values, sizeof(JSValue) * 3 * s->count);
        JS_STORE(ctx, &s->base, s->list, js_cell_value(na));
    }
    JSValueArray *a = cell_array(s->list);
    a->values[3 * s->count] = value;
    a->values[3 * s->count + 1] = method;
    a->values[3 * s->count + 2] = js_int(hint);
    s->count++;
    return 0;
}

/* AddDisposableResource(stack, value, hint) for use(): reads the dispose
 * method. May run JS; -1 after throwing. */
static int add_value_resource(JSContext *ctx, JSValue stack_val, JSValue value, bool is_async)
{
    if (js_is_null(value) || js_is_undefined(value)) {
        if (!is_async)
            return 0;
        return stack_push(ctx, stack_val, JS_UNDEFINED, JS_UNDEFINED, HINT_ASYNC_EMPTY);
    }
    if (!js_is_object(value)) {
        js_throw_type_error(ctx, "disposable resource is not an object");
        return -1;
    }
    int hint = is_async ? HINT_ASYNC : HINT_SYNC;
    JSValue m = JS_UNDEFINED;
    if (is_async) {
        m = js_get_method(ctx, value, JS_ATOM_Symbol_asyncDispose);
        if (js_is_exception(m))
            return -1;
    }
    if (js_is_undefined(m)) {
        m = js_get_method(ctx, value, JS_ATOM_Symbol_dispose);
        if (js_is_exception(m))
            return -1;
        if (is_async)
            hint = HINT_ASYNC_FROM_SYNC;
    }
    if (js_is_undefined(m)) {
        js_throw_type_error(ctx, "resource has no dispose method");
        return -1;
    }
    JSRoot rm;
    js_root_push(ctx, &rm, m);
    int r = stack_push(ctx, stack_val, value, rm.v, hint);
    js_root_pop(ctx, &rm);
    return r;
}

/* Checks this for use/adopt/defer/move: the right class, not disposed.
 * NULL after throwing. */
static JSDisposableStack *live_stack(JSContext *ctx, JSValue this_val, int magic)
{
    JSDisposableStack *s = this_stack(ctx, this_val, magic ? JS_CLASS_ASYNC_DISPOSABLE_STACK
                                                          : JS_CLASS_DISPOSABLE_STACK);
    if (s && s->disposed) {
        js_throw_reference_error(ctx, "the stack is already disposed");
        return NULL;
    }
    return s;
}

/* use(value); magic 1 for AsyncDisposableStack */
static JSValue stack_use(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!live_stack(ctx, this_val, magic))
        return JS_EXCEPTION;
    if (add_value_resource(ctx, this_val, argv[0], magic != 0) < 0)
        return JS_EXCEPTION;
    return argv[0];
}

/* The closure adopt() registers: calls onDispose(value). data = [value, onDispose]. */
static JSValue adopt_closure(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    JSValueArray *d = cell_array(self->data);
    JSValue arg = d->values[0];
    JSRoot ra;
    js_root_push(ctx, &ra, arg);
    return js_call(ctx, d->values[1], JS_UNDEFINED, 1, &ra.v);
}

/* adopt(value, onDispose) */
static JSValue stack_adopt(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!live_stack(ctx, this_val, magic))
        return JS_EXCEPTION;
    if (!js_is_callable(argv[1]))
        return js_throw_type_error(ctx, "onDispose is not callable");
    JSValueArray *d = js_value_array_new(ctx, 2);
    if (!d)
        return JS_EXCEPTION;
    d->values[0] = argv[0];
    d->values[1] = argv[1];
    JSRoot rd;
    js_root_push(ctx, &rd, js_cell_value(d));
    JSValue f = js_new_cfunction_data(ctx, adopt_closure, 0, 0, rd.v);
    if (js_is_exception(f))
        return f;
    rd.v = f;
    if (stack_push(ctx, this_val, JS_UNDEFINED, rd.v, magic ? HINT_ASYNC : HINT_SYNC) < 0)
        return JS_EXCEPTION;
    return argv[0];
}

/* defer(onDispose) */
static JSValue stack_defer(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!live_stack(ctx, this_val, magic))
        return JS_EXCEPTION;
    if (!js_is_callable(argv[0]))
        return js_throw_type_error(ctx, "onDispose is not callable");
    if (stack_push(ctx, this_val, JS_UNDEFINED, argv[0], magic ? HINT_ASYNC : HINT_SYNC) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* move(): a new stack (of the intrinsic prototype) takes the resources. */
static JSValue stack_move(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSClassID id = magic ? JS_CLASS_ASYNC_DISPOSABLE_STACK : JS_CLASS_DISPOSABLE_STACK;
    if (!live_stack(ctx, this_val, magic))
        return JS_EXCEPTION;
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[id], id);
    if (!o)
        return JS_EXCEPTION;
    JSDisposableStack *s = (JSDisposableStack *)JS_VALUE_GET_OBJ(this_val);
    JSDisposableStack *n = (JSDisposableStack *)o;
    JS_STORE(ctx, o, n->list, s->list);
    n->count = s->count;
    n->disposed = false;
    s->list = JS_UNDEFINED;
    s->count = 0;
    s->disposed = true;
    return js_mkptr(JS_TAG_OBJECT, o);
}

/* get disposed */
static JSValue stack_get_disposed(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSDisposableStack *s = this_stack(ctx, this_val, magic ? JS_CLASS_ASYNC_DISPOSABLE_STACK
                                                          : JS_CLASS_DISPOSABLE_STACK);
    if (!s)
        return JS_EXCEPTION;
    return js_bool(s->disposed);
}

/* Folds a thrown value into the completion (*compl, *has_err) as
 * DisposeResources does. May collect; -1 on OOM. compl must be rooted. */
static int merge_error(JSContext *ctx, JSValue *compl, bool *has_err, JSValue exc)
{
    if (!*has_err) {
        *compl = exc;
        *has_err = true;
        return 0;
    }
    JSValue e = new_suppressed_error(ctx, exc, *compl);
    if (js_is_exception(e))
        return -1;
    *compl = e;
    return 0;
}

/* DisposableStack.prototype.dispose / [@@dispose] */
static JSValue stack_dispose(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSDisposableStack *s = this_stack(ctx, this_val, JS_CLASS_DISPOSABLE_STACK);
    if (!s)
        return JS_EXCEPTION;
    if (s->disposed)
        return JS_UNDEFINED;
    s->disposed = true;
    JSRoot rl, rc, rv, rm;
    js_root_push(ctx, &rl, s->list);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    uint32_t n = s->count;
    s->list = JS_UNDEFINED;
    s->count = 0;
    bool has_err = false;
    while (n > 0) {
        n--;
        JSValueArray *a = cell_array(rl.v);
        rv.v = a->values[3 * n];
        rm.v = a->values[3 * n + 1];
        JSValue r = js_call(ctx, rm.v, rv.v, 0, NULL);
        if (js_is_exception(r)) {
            if (ctx->rt->exception_uncatchable)
                return JS_EXCEPTION;
            if (merge_error(ctx, &rc.v, &has_err, js_get_exception(ctx)) < 0)
                return JS_EXCEPTION;
        }
    }
    if (has_err)
        return js_throw(ctx, rc.v);
    return JS_UNDEFINED;
}

/* ---- resource scopes of using declarations ---- */

int js_using_add(JSContext *ctx, JSValue *scope, JSValue value, bool is_async)
{
    if (!is_async && js_is_nullish(value))
        return 0;
    if (js_is_undefined(*scope)) {
        JSObject *o = js_new_object_proto_class(ctx, JS_NULL, JS_CLASS_DISPOSABLE_STACK);
        if (!o)
            return -1;
        JSDisposableStack *s = (JSDisposableStack *)o;
        s->list = JS_UNDEFINED;
        s->count = 0;
        s->disposed = s->need_await = s->has_awaited = s->awaiting = false;
        *scope = js_mkptr(JS_TAG_OBJECT, o);
    } else if (!js_object_is_class(*scope, JS_CLASS_DISPOSABLE_STACK)) {
        js_throw_type_error(ctx, "not a resource scope");   /* corrupted bytecode */
        return -1;
    }
    return add_value_resource(ctx, *scope, value, is_async);
}

/* Folds error exc (rooted) into the completion compl (kind, value) as
 * DisposeResources does. May collect; -1 on OOM. */
static int fold_error(JSContext *ctx, JSValue *compl, JSValue exc)
{
    if (compl[0] != js_int(1)) {
        compl[0] = js_int(1);
        compl[1] = exc;
        return 0;
    }
    JSValue e = new_suppressed_error(ctx, exc, compl[1]);
    if (js_is_exception(e))
        return -1;
    compl[1] = e;
    return 0;
}

/* Asks the caller to Await v (io[0]) for scope s. */
static int await_for(JSDisposableStack *s, JSValue *io, JSValue v)
{
    s->awaiting = true;
    io[0] = v;
    return 1;
}

int js_using_dispose_step(JSContext *ctx, JSValue scope, JSValue *io, JSValue *compl)
{
    if (js_is_undefined(scope))
        return 0;
    if (!js_object_is_class(scope, JS_CLASS_DISPOSABLE_STACK)) {
        js_throw_type_error(ctx, "not a resource scope");   /* corrupted bytecode */
        return -1;
    }
    JSDisposableStack *s = (JSDisposableStack *)JS_VALUE_GET_OBJ(scope);
    if (s->awaiting) {
        s->awaiting = false;
        if (io[1] == js_int(1) && fold_error(ctx, compl, io[0]) < 0)
            return -1;
    }
    JSRoot rv, rm;
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    int ret = -1;
    for (;;) {
        if (s->count == 0) {
            if (s->need_await && !s->has_awaited) {
                s->need_await = false;
                ret = await_for(s, io, JS_UNDEFINED);
            } else {
                s->list = JS_UNDEFINED;
                ret = 0;
            }
            break;
        }
        JSValueArray *a = cell_array(s->list);
        uint32_t i = s->count - 1;
        int hint = js_get_int(a->values[3 * i + 2]);
        if (hint == HINT_SYNC && s->need_await && !s->has_awaited) {
            /* a sync resource after an await using of null: one Await first */
            s->need_await = false;
            ret = await_for(s, io, JS_UNDEFINED);
            break;
        }
        s->count = i;
        if (hint == HINT_ASYNC_EMPTY) {
            s->need_await = true;
            continue;
        }
        rv.v = a->values[3 * i];
        rm.v = a->values[3 * i + 1];
        JSValue r = js_call(ctx, rm.v, rv.v, 0, NULL);
        if (js_is_exception(r)) {
            if (ctx->rt->exception_uncatchable)
                break;
            rv.v = js_get_exception(ctx);
            if (hint != HINT_ASYNC_FROM_SYNC) {
                if (fold_error(ctx, compl, rv.v) < 0)
                    break;
                continue;
            }
            /* the @@dispose wrapper returns a rejected promise: await it */
            r = js_new_rejected_promise(ctx, rv.v);
            if (js_is_exception(r))
                break;
        } else if (hint == HINT_ASYNC_FROM_SYNC) {
            r = JS_UNDEFINED;
        }
        if (hint == HINT_SYNC)
            continue;
        s->has_awaited = true;
        ret = await_for(s, io, r);
        break;
    }
    js_root_pop(ctx, &rv);
    return ret;
}

/* The state of one running AsyncDisposableStack disposal (a JSValueArray). */
enum {
    AS_LIST, AS_INDEX, AS_COMPL, AS_HAS_ERR, AS_PROMISE, AS_NEED_AWAIT, AS_HAS_AWAITED,
    AS_FINISHING, AS_COUNT
};

static JSValue async_resume(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

/* Await(v) inside the disposal whose state is st (rooted): resumes in
 * async_resume. Returns 1 when waiting, 0 if PromiseResolve threw (the
 * error is folded into the completion; go on), -1 on a fatal error. */
static int async_await(JSContext *ctx, JSValue st, JSValue v)
{
    JSRoot rp, rf, rr, rc;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    int ret = -1;
    rp.v = js_promise_resolve(ctx, JS_UNDEFINED, v);
    if (js_is_exception(rp.v)) {
        if (ctx->rt->exception_uncatchable)
            goto done;
        JSValueArray *s = cell_array(st);
        JSValue exc = js_get_exception(ctx);
        bool has_err = IS_TRUE(s->values[AS_HAS_ERR]);
        rc.v = s->values[AS_COMPL];
        if (merge_error(ctx, &rc.v, &has_err, exc) < 0)
            goto done;
        s = cell_array(st);
        s->values[AS_COMPL] = rc.v;
        s->values[AS_HAS_ERR] = js_bool(has_err);
        ret = 0;
        goto done;
    }
    rf.v = js_new_cfunction_data(ctx, async_resume, 1, 0, st);
    if (js_is_exception(rf.v))
        goto done;
    rr.v = js_new_cfunction_data(ctx, async_resume, 1, 1, st);
    if (js_is_exception(rr.v))
        goto done;
    if (js_perform_promise_then(ctx, rp.v, rf.v, rr.v, NULL) < 0)
        goto done;
    ret = 1;
done:
    js_root_pop(ctx, &rp);
    return ret;
}

/* Runs the disposal whose state is st (rooted) until it must wait or is
 * finished (then settles its promise). May run JS; -1 on a fatal error. */
static int async_step(JSContext *ctx, JSValue st)
{
    JSRoot rv, rm, rc;
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    int ret = -1;
    for (;;) {
        JSValueArray *s = cell_array(st);
        int idx = js_get_int(s->values[AS_INDEX]);
        if (idx == 0) {
            if (IS_TRUE(s->values[AS_NEED_AWAIT]) && !IS_TRUE(s->values[AS_HAS_AWAITED]) &&
                !IS_TRUE(s->values[AS_FINISHING])) {
                s->values[AS_FINISHING] = JS_TRUE;
                int r = async_await(ctx, st, JS_UNDEFINED);
                if (r != 0) {
                    ret = r < 0 ? -1 : 0;
                    goto done;
                }
                s = cell_array(st);
            }
            rv.v = s->values[AS_PROMISE];
            if (IS_TRUE(s->values[AS_HAS_ERR]))
                ret = js_promise_reject_direct(ctx, rv.v, s->values[AS_COMPL]);
            else
                ret = js_promise_resolve_direct(ctx, rv.v, JS_UNDEFINED);
            goto done;
        }
        idx--;
        s->values[AS_INDEX] = js_int(idx);
        JSValueArray *a = cell_array(s->values[AS_LIST]);
        rv.v = a->values[3 * idx];
        rm.v = a->values[3 * idx + 1];
        int hint = js_get_int(a->values[3 * idx + 2]);
        if (hint == HINT_ASYNC_EMPTY) {
            s->values[AS_NEED_AWAIT] = JS_TRUE;
            continue;
        }
        JSValue r = js_call(ctx, rm.v, rv.v, 0, NULL);
        if (js_is_exception(r)) {
            if (ctx->rt->exception_uncatchable)
                goto done;
            JSValue exc = js_get_exception(ctx);
            if (hint == HINT_ASYNC_FROM_SYNC) {
                /* the wrapper closure returns a rejected promise: await it */
                rc.v = exc;
                r = js_new_rejected_promise(ctx, rc.v);
                if (js_is_exception(r))
                    goto done;
            } else {
                s = cell_array(st);
                bool has_err = IS_TRUE(s->values[AS_HAS_ERR]);
                rc.v = s->values[AS_COMPL];
                if (merge_error(ctx, &rc.v, &has_err, exc) < 0)
                    goto done;
                s = cell_array(st);
                s->values[AS_COMPL] = rc.v;
                s->values[AS_HAS_ERR] = js_bool(has_err);
                continue;
            }
        } else if (hint == HINT_ASYNC_FROM_SYNC) {
            r = JS_UNDEFINED;
        }
        rc.v = r;
        cell_array(st)->values[AS_HAS_AWAITED] = JS_TRUE;
        int w = async_await(ctx, st, rc.v);
        if (w != 0) {
            ret = w < 0 ? -1 : 0;
            goto done;
        }
    }
done:
    js_root_pop(ctx, &rv);
    return ret;
}

/* Reaction of an Await in a disposal: magic 0 fulfilled, 1 rejected. */
static JSValue async_resume(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    JSRoot rs, rc;
    js_root_push(ctx, &rs, self->data);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    JSValueArray *s = cell_array(rs.v);
    if (magic) {
        bool has_err = IS_TRUE(s->values[AS_HAS_ERR]);
        rc.v = s->values[AS_COMPL];
        if (merge_error(ctx, &rc.v, &has_err, argv[0]) < 0)
            return JS_EXCEPTION;
        s = cell_array(rs.v);
        s->values[AS_COMPL] = rc.v;
        s->values[AS_HAS_ERR] = js_bool(has_err);
    }
    if (async_step(ctx, rs.v) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* AsyncDisposableStack.prototype.disposeAsync / [@@asyncDispose] */
static JSValue stack_dispose_async(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rp, rs;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rs, JS_UNDEFINED);
    rp.v = js_new_promise_capability(ctx, JS_UNDEFINED, NULL, NULL);
    if (js_is_exception(rp.v))
        return rp.v;
    if (!js_object_is_class(this_val, JS_CLASS_ASYNC_DISPOSABLE_STACK)) {
        js_throw_type_error(ctx, "not an AsyncDisposableStack");
        if (ctx->rt->exception_uncatchable)
            return JS_EXCEPTION;
        rs.v = js_get_exception(ctx);
        if (js_promise_reject_direct(ctx, rp.v, rs.v) < 0)
            return JS_EXCEPTION;
        return rp.v;
    }
    JSDisposableStack *st = (JSDisposableStack *)JS_VALUE_GET_OBJ(this_val);
    if (st->disposed) {
        if (js_promise_resolve_direct(ctx, rp.v, JS_UNDEFINED) < 0)
            return JS_EXCEPTION;
        return rp.v;
    }
    st->disposed = true;
    JSValueArray *s = js_value_array_new(ctx, AS_COUNT);
    if (!s)
        return JS_EXCEPTION;
    st = (JSDisposableStack *)JS_VALUE_GET_OBJ(this_val);
    s->values[AS_LIST] = st->list;
    s->values[AS_INDEX] = js_int((int)st->count);
    s->values[AS_HAS_ERR] = JS_FALSE;
    s->values[AS_PROMISE] = rp.v;
    s->values[AS_NEED_AWAIT] = JS_FALSE;
    s->values[AS_HAS_AWAITED] = JS_FALSE;
    s->values[AS_FINISHING] = JS_FALSE;
    st->list = JS_UNDEFINED;
    st->count = 0;
    rs.v = js_cell_value(s);
    if (async_step(ctx, rs.v) < 0)
        return JS_EXCEPTION;
    return rp.v;
}

/* new DisposableStack() / new AsyncDisposableStack(); magic 1 for async */
static JSValue stack_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSClassID id = magic ? JS_CLASS_ASYNC_DISPOSABLE_STACK : JS_CLASS_DISPOSABLE_STACK;
    if (js_is_undefined(new_target))
        return js_throw_type_error(ctx, "constructor requires 'new'");
    JSValue proto = js_get_prototype_from_ctor(ctx, new_target, id);
    if (js_is_exception(proto))
        return proto;
    JSObject *o = js_new_object_proto_class(ctx, proto, id);
    if (!o)
        return JS_EXCEPTION;
    JSDisposableStack *s = (JSDisposableStack *)o;
    s->list = JS_UNDEFINED;
    s->count = 0;
    s->disposed = false;
    return js_mkptr(JS_TAG_OBJECT, o);
}

/* %IteratorPrototype%[@@dispose]() */
static JSValue iterator_dispose(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rm;
    js_root_push(ctx, &rm, JS_UNDEFINED);
    JSValue m = js_get_method(ctx, this_val, JS_ATOM_return);
    if (js_is_exception(m))
        return m;
    if (!js_is_undefined(m)) {
        rm.v = m;
        JSValue r = js_call(ctx, rm.v, this_val, 0, NULL);
        if (js_is_exception(r))
            return r;
    }
    return JS_UNDEFINED;
}

static JSValue return_undefined(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return JS_UNDEFINED;
}

/* %AsyncIteratorPrototype%[@@asyncDispose]() */
static JSValue async_iterator_dispose(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rp, rres, rrej, rr, rf;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rres, JS_UNDEFINED);
    js_root_push(ctx, &rrej, JS_UNDEFINED);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    JSValue res_fn, rej_fn;
    rp.v = js_new_promise_capability(ctx, JS_UNDEFINED, &res_fn, &rej_fn);
    if (js_is_exception(rp.v))
        return rp.v;
    rres.v = res_fn;
    rrej.v = rej_fn;
    JSValue m = js_get_method(ctx, this_val, JS_ATOM_return);
    if (js_is_exception(m))
        goto reject;
    if (js_is_undefined(m)) {
        JSValue arg = JS_UNDEFINED;
        if (js_is_exception(js_call(ctx, rres.v, JS_UNDEFINED, 1, &arg)))
            return JS_EXCEPTION;
        return rp.v;
    }
    rr.v = m;
    rr.v = js_call(ctx, rr.v, this_val, 0, NULL);
    if (js_is_exception(rr.v))
        goto reject;
    rr.v = js_promise_resolve(ctx, JS_UNDEFINED, rr.v);
    if (js_is_exception(rr.v))
        goto reject;
    rf.v = js_new_cfunction(ctx, return_undefined, "", 1, JS_CFUNC_PLAIN, 0);
    if (js_is_exception(rf.v))
        return JS_EXCEPTION;
    JSPromiseCapability cap = { rp.v, rres.v, rrej.v };
    if (js_perform_promise_then(ctx, rr.v, rf.v, JS_UNDEFINED, &cap) < 0)
        return JS_EXCEPTION;
    return rp.v;
reject:
    if (ctx->rt->exception_uncatchable)
        return JS_EXCEPTION;
    rf.v = js_get_exception(ctx);
    if (js_is_exception(js_call(ctx, rrej.v, JS_UNDEFINED, 1, &rf.v)))
        return JS_EXCEPTION;
    return rp.v;
}

static const JSPropEntry disposable_proto_props[] = {
    JS_CFUNC_MAGIC_DEF("adopt", 2, stack_adopt, 0),
    JS_CFUNC_MAGIC_DEF("defer", 1, stack_defer, 0),
    JS_CFUNC_DEF("dispose", 0, stack_dispose),
    JS_CGETSET_MAGIC_DEF("disposed", stack_get_disposed, NULL, 0),
    JS_CFUNC_MAGIC_DEF("move", 0, stack_move, 0),
    JS_CFUNC_MAGIC_DEF("use", 1, stack_use, 0),
    JS_ALIAS_DEF("[Symbol.dispose]", "dispose"),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "DisposableStack", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry async_disposable_proto_props[] = {
    JS_CFUNC_MAGIC_DEF("adopt", 2, stack_adopt, 1),
    JS_CFUNC_MAGIC_DEF("defer", 1, stack_defer, 1),
    JS_CFUNC_DEF("disposeAsync", 0, stack_dispose_async),
    JS_CGETSET_MAGIC_DEF("disposed", stack_get_disposed, NULL, 1),
    JS_CFUNC_MAGIC_DEF("move", 0, stack_move, 1),
    JS_CFUNC_MAGIC_DEF("use", 1, stack_use, 1),
    JS_ALIAS_DEF("[Symbol.asyncDispose]", "disposeAsync"),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "AsyncDisposableStack", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry iterator_dispose_props[] = {
    JS_CFUNC_DEF("[Symbol.dispose]", 0, iterator_dispose),
};

static const JSPropEntry async_iterator_dispose_props[] = {
    JS_CFUNC_DEF("[Symbol.asyncDispose]", 0, async_iterator_dispose),
};

/* Makes a stack class's prototype and constructor. May collect; -1 on OOM. */
static int init_stack_class(JSContext *ctx, JSClassID id, const char *name,
                            const JSPropEntry *props, int n, int magic)
{
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    ctx->class_proto[id] = proto;
    if (js_define_prop_entries(ctx, proto, props, n) < 0)
        return -1;
    JSValue ctor = js_new_constructor(ctx, stack_ctor, name, 0, magic, ctx->class_proto[id]);
    return js_is_exception(ctor) ? -1 : 0;
}

int js_init_disposable(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_DISPOSABLE_STACK, &disposable_class);
    js_register_class(ctx->rt, JS_CLASS_ASYNC_DISPOSABLE_STACK, &async_disposable_class);
    JSRoot rp, rc;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    int ret = -1;
    /* SuppressedError and its prototype */
    rp.v = js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_ERROR]);
    if (js_is_exception(rp.v))
        goto done;
    ctx->intrinsics[JS_INTRINSIC_SuppressedErrorPrototype] = rp.v;
    rc.v = js_new_string_cstr(ctx, "SuppressedError");
    if (js_is_exception(rc.v) ||
        js_define_property_value(ctx, rp.v, JS_ATOM_name, rc.v, JS_PROP_C_W) < 0 ||
        js_define_property_value(ctx, rp.v, JS_ATOM_message,
                                 js_atom_to_value(ctx, JS_ATOM_empty_string), JS_PROP_C_W) < 0)
        goto done;
    rc.v = js_new_constructor(ctx, suppressed_error_ctor, "SuppressedError", 3, 0, rp.v);
    if (js_is_exception(rc.v) ||
        js_set_prototype_of(ctx, rc.v, ctx->intrinsics[JS_INTRINSIC_ErrorConstructor], JS_THROW) < 0)
        goto done;
    if (init_stack_class(ctx, JS_CLASS_DISPOSABLE_STACK, "DisposableStack", disposable_proto_props,
                         sizeof disposable_proto_props / sizeof disposable_proto_props[0], 0) < 0 ||
        init_stack_class(ctx, JS_CLASS_ASYNC_DISPOSABLE_STACK, "AsyncDisposableStack",
                         async_disposable_proto_props,
                         sizeof async_disposable_proto_props / sizeof async_disposable_proto_props[0], 1) < 0)
        goto done;
    if (js_define_prop_entries(ctx, ctx->intrinsics[JS_INTRINSIC_IteratorPrototype], iterator_dispose_props, 1) < 0)
        goto done;
    if (js_is_object(ctx->intrinsics[JS_INTRINSIC_AsyncIteratorPrototype]) &&
        js_define_prop_entries(ctx, ctx->intrinsics[JS_INTRINSIC_AsyncIteratorPrototype],
                               async_iterator_dispose_props, 1) < 0)
        goto done;
    ret = 0;
done:
    js_root_pop(ctx, &rp);
    return ret;
}
