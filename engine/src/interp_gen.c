/* Generators: generator objects (class GENERATOR) hold a suspended frame
 * (its registers copied to a heap cell, the resume pc); %GeneratorPrototype%
 * next/return/throw resume it through js_generator_run; yield* steps
 * (js_generator_delegate_step); and %GeneratorFunction.prototype%. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interp_int.h"
#include "builtins/promise.h"
#include "builtins/async_from_sync.h"

#define OBJ(v) JS_VALUE_GET_OBJ(v)

static void gen_trace(JSRuntime *rt, JSObject *o)
{
    JSGenerator *g = (JSGenerator *)o;
    if (g->saved)
        js_gc_mark_cell(rt, g->saved);
    js_gc_mark_value(rt, g->new_target);
    js_gc_mark_value(rt, g->promise);
    js_gc_mark_value(rt, g->queue);
    js_gc_mark_value(rt, g->resolve);
    js_gc_mark_value(rt, g->reject);
}

static const JSClass class_generator = {
    .name = "Generator", .size = sizeof(JSGenerator), .trace = gen_trace,
};
static const JSClass class_async_generator = {
    .name = "AsyncGenerator", .size = sizeof(JSGenerator), .trace = gen_trace,
};

static JSValue gen_method(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_GENERATOR))
        return js_throw_type_error(ctx, "not a generator object");
    JSGenerator *g = (JSGenerator *)OBJ(this_val);
    JSValue v = argc ? argv[0] : JS_UNDEFINED;
    switch (g->state) {
    case GEN_EXECUTING:
        return js_throw_type_error(ctx, "generator is already running");
    case GEN_COMPLETED:
        if (magic == 1)
            return js_throw(ctx, v);
        return js_create_iter_result(ctx, magic == 2 ? v : JS_UNDEFINED, true);
    case GEN_SUSPENDED_START:
        if (magic != 0) {
            g->state = GEN_COMPLETED;
            g->saved = NULL;
            if (magic == 1)
                return js_throw(ctx, v);
            return js_create_iter_result(ctx, v, true);
        }
        break;
    default:
        break;
    }
    JSValue r = js_generator_run(ctx, g, v, magic);
    g = (JSGenerator *)OBJ(this_val);
    if (r == JS_EXCEPTION) {
        g->state = GEN_COMPLETED;
        g->saved = NULL;
        return r;
    }
    if (g->state == GEN_SUSPENDED_YIELD) {
        if (g->raw)
            return r;
        return js_create_iter_result(ctx, r, false);
    }
    g->state = GEN_COMPLETED;
    g->saved = NULL;
    return js_create_iter_result(ctx, r, true);
}

static const JSPropEntry gen_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 1, gen_method, 0),
    JS_CFUNC_MAGIC_DEF("return", 1, gen_method, 2),
    JS_CFUNC_MAGIC_DEF("throw", 1, gen_method, 1),
};

/* Builds one generator family the same way for sync and async
 * generators: %(Async)GeneratorPrototype% (inheriting from iter_proto,
 * with next/return/throw and its toStringTag) and
 * %(Async)GeneratorFunction.prototype% linked to it by prototype /
 * constructor, stored in class_proto[cid] and intrinsics[fn_intrinsic].
 * Returns the function prototype. */
static JSValue make_generator_family(JSContext *ctx, JSValue iter_proto, const JSPropEntry *methods,
                                     const char *tag_name, const char *fn_tag_name, int cid,
                                     int fn_intrinsic)
{
    JSRoot rg, rf;
    js_root_push(ctx, &rg, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    rg.v = js_new_object_proto(ctx, iter_proto);
    if (rg.v == JS_EXCEPTION)
        goto done;
    if (js_define_prop_entries(ctx, rg.v, methods, 3) < 0)
        goto done;
    JSValue tag = js_new_string_cstr(ctx, tag_name);
    if (tag == JS_EXCEPTION ||
        js_define_property_value(ctx, rg.v, JS_ATOM_Symbol_toStringTag, tag, JS_PROP_CONFIGURABLE) < 0)
        goto done;
    rf.v = js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_FUNCTION]);
    if (rf.v == JS_EXCEPTION)
        goto done;
    if (js_define_property_value(ctx, rf.v, JS_ATOM_prototype, rg.v, JS_PROP_CONFIGURABLE) < 0 ||
        js_define_property_value(ctx, rg.v, JS_ATOM_constructor, rf.v, JS_PROP_CONFIGURABLE) < 0)
        goto done;
    tag = js_new_string_cstr(ctx, fn_tag_name);
    if (tag == JS_EXCEPTION ||
        js_define_property_value(ctx, rf.v, JS_ATOM_Symbol_toStringTag, tag, JS_PROP_CONFIGURABLE) < 0)
        goto done;
    ctx->class_proto[cid] = rg.v;
    ctx->intrinsics[fn_intrinsic] = rf.v;
    res = rf.v;
done:
    js_root_pop(ctx, &rg);
    return res;
}

/* %GeneratorFunction.prototype% (and %GeneratorPrototype%), created on
 * first use. */
JSValue js_generator_function_proto(JSContext *ctx)
{
    if (js_is_object(ctx->intrinsics[JS_INTRINSIC_GeneratorFunctionPrototype]) &&
        js_is_object(ctx->class_proto[JS_CLASS_GENERATOR]))
        return ctx->intrinsics[JS_INTRINSIC_GeneratorFunctionPrototype];
    js_register_class(ctx->rt, JS_CLASS_GENERATOR, &class_generator);
    JSValue ip = ctx->intrinsics[JS_INTRINSIC_IteratorPrototype];
    if (!js_is_object(ip))
        ip = ctx->class_proto[JS_CLASS_OBJECT];
    return make_generator_family(ctx, ip, gen_proto_funcs, "Generator", "GeneratorFunction", JS_CLASS_GENERATOR,
                                 JS_INTRINSIC_GeneratorFunctionPrototype);
}

/* Copies frame f into generator g's saved cell. */
static int save_frame(JSContext *ctx, JSGenerator *g, JSFrame *f, const uint8_t *pc)
{
    JSFunctionBytecode *b = f->b;
    bool above = f->argv != f->regs;
    uint32_t n = 2 + b->nregs + (above ? (uint32_t)f->argc : 0);
    if (!g->saved || g->saved->len != n) {
        JSRoot rg;
        js_root_push(ctx, &rg, js_obj_value(&g->base));
        JSValueArray *a = js_value_array_new(ctx, n);
        js_root_pop(ctx, &rg);
        if (!a)
            return -1;
        g->saved = a;
    }
    memcpy(g->saved->values, f->regs - 2, n * sizeof(JSValue));
    g->pc_off = (uint32_t)(pc - b->code);
    g->argc = f->argc;
    g->args_above = above;
    g->nregs = b->nregs;
    g->new_target = f->new_target;
    return 0;
}

JSValue js_generator_create(JSContext *ctx, JSFrame *f, const uint8_t *pc)
{
    bool is_async = (f->b->flags & JS_BC_ASYNC) != 0;
    JSClassID cid = is_async ? JS_CLASS_ASYNC_GENERATOR : JS_CLASS_GENERATOR;
    JSValue proto = js_get_property(ctx, js_obj_value(&f->func->base), JS_ATOM_prototype);
    if (proto == JS_EXCEPTION)
        return proto;
    if (!js_is_object(proto)) {
        if ((is_async ? js_async_generator_function_proto(ctx) : js_generator_function_proto(ctx)) == JS_EXCEPTION)
            return JS_EXCEPTION;
        proto = f->func->realm->class_proto[cid];
    }
    js_register_class(ctx->rt, JS_CLASS_GENERATOR, &class_generator);
    js_register_class(ctx->rt, JS_CLASS_ASYNC_GENERATOR, &class_async_generator);
    JSRoot rp;
    js_root_push(ctx, &rp, proto);
    JSValue q = JS_UNDEFINED;
    if (is_async) {
        q = js_new_array(ctx, 0);
        if (q == JS_EXCEPTION) {
            js_root_pop(ctx, &rp);
            return q;
        }
    }
    JSRoot rq;
    js_root_push(ctx, &rq, q);
    JSObject *o = js_new_object_proto_class(ctx, rp.v, cid);
    js_root_pop(ctx, &rp);
    if (!o)
        return JS_EXCEPTION;
    JSGenerator *g = (JSGenerator *)o;
    g->new_target = JS_UNDEFINED;
    g->promise = g->resolve = g->reject = JS_UNDEFINED;
    g->queue = rq.v;
    g->is_async_gen = is_async;
    g->state = GEN_SUSPENDED_START;
    if (save_frame(ctx, g, f, pc) < 0)
        return JS_EXCEPTION;
    return js_obj_value(o);
}

int js_generator_save(JSContext *ctx, JSFrame *f, const uint8_t *pc, int resume_reg, bool raw)
{
    JSGenerator *g = (JSGenerator *)f->gen;
    if (!g || (!(f->flags & FRAME_ENTRY) && !g->is_async && !g->is_async_gen)) {
        js_throw_type_error(ctx, "yield outside a resumed generator");
        return -1;
    }
    if (save_frame(ctx, g, f, pc) < 0)
        return -1;
    g->resume_reg = (uint16_t)resume_reg;
    g->raw = raw;
    g->state = GEN_SUSPENDED_YIELD;
    return 0;
}

/* One step of yield*: *it / it[1] is the inner iterator record, pair /
 * pair[1] the received value and resumption mode. Returns 1 when done
 * (*res = the final value; a return request leaves mode 2), 0 when *res
 * is an inner result object to yield as is, -1 on error. */
int js_generator_delegate_step(JSContext *ctx, JSValue *res, JSValue *it, JSValue *pair)
{
    return js_generator_delegate_call(ctx, res, it, pair, false);
}

int js_generator_delegate_call(JSContext *ctx, JSValue *res, JSValue *it, JSValue *pair, bool call_only)
{
    int mode = js_get_int(pair[1]);
    JSValue r;
    if (mode == 0) {
        r = js_call(ctx, it[1], it[0], 1, &pair[0]);
    } else {
        JSValue m = js_get_method(ctx, it[0], mode == 1 ? JS_ATOM_throw : JS_ATOM_return);
        if (m == JS_EXCEPTION)
            return -1;
        if (js_is_undefined(m)) {
            if (mode == 2) {
                *res = pair[0];
                return 1;
            }
            /* no throw method: close the iterator, then TypeError */
            if (js_iterator_close(ctx, it[0], false) < 0)
                return -1;
            js_throw_type_error(ctx, "iterator does not have a throw method");
            return -1;
        }
        *res = m;   /* rooted in a register while calling */
        r = js_call(ctx, m, it[0], 1, &pair[0]);
    }
    if (r == JS_EXCEPTION)
        return -1;
    if (call_only) {
        *res = r;
        return 0;
    }
    if (!js_is_object(r)) {
        js_throw_type_error(ctx, "iterator result is not an object");
        return -1;
    }
    *res = r;
    JSValue done = js_get_property(ctx, r, JS_ATOM_done);
    if (done == JS_EXCEPTION)
        return -1;
    if (js_to_boolean(done)) {
        JSValue v = js_get_property(ctx, *res, JS_ATOM_value);
        if (v == JS_EXCEPTION)
            return -1;
        *res = v;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* async functions: the same suspended frames, resumed by promise jobs */

JSValue js_async_create(JSContext *ctx, JSFrame *f)
{
    js_register_class(ctx->rt, JS_CLASS_GENERATOR, &class_generator);
    JSValue resolve, reject;
    JSValue p = js_new_promise_capability(ctx, JS_UNDEFINED, &resolve, &reject);
    if (p == JS_EXCEPTION)
        return p;
    JSRoot rp, rs, rj;
    js_root_push(ctx, &rp, p);
    js_root_push(ctx, &rs, resolve);
    js_root_push(ctx, &rj, reject);
    JSValue res = JS_EXCEPTION;
    JSObject *o = js_new_object_proto_class(ctx, JS_NULL, JS_CLASS_GENERATOR);
    if (o) {
        JSGenerator *g = (JSGenerator *)o;
        g->is_async = true;
        g->state = GEN_EXECUTING;
        g->new_target = JS_UNDEFINED;
        g->promise = rp.v;
        g->resolve = rs.v;
        g->reject = rj.v;
        res = js_obj_value(o);
    }
    js_root_pop(ctx, &rp);
    return res;
}

static int asyncgen_after_run(JSContext *ctx, JSValue gv, JSValue r);
static int asyncgen_drain(JSContext *ctx, JSValue gv);

static JSValue async_resume(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    JSValue gv = self->data;
    JSGenerator *g = (JSGenerator *)OBJ(gv);
    if (g->state != GEN_SUSPENDED_YIELD)
        return JS_UNDEFINED;
    g->awaiting = false;
    JSValue r = js_generator_run(ctx, g, argc ? argv[0] : JS_UNDEFINED, magic);
    g = (JSGenerator *)OBJ(gv);
    if (g->is_async_gen) {
        if (asyncgen_after_run(ctx, gv, r) < 0 || asyncgen_drain(ctx, gv) < 0)
            return JS_EXCEPTION;
        return JS_UNDEFINED;
    }
    return r == JS_EXCEPTION ? r : JS_UNDEFINED;
}

int js_async_await(JSContext *ctx, JSFrame *f, JSValue v)
{
    JSRoot rg, rp, rf, rr;
    js_root_push(ctx, &rg, js_obj_value(f->gen));
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    int res = -1;
    rp.v = js_promise_resolve(ctx, JS_UNDEFINED, v);
    if (rp.v == JS_EXCEPTION)
        goto done;
    rf.v = js_new_cfunction_data(ctx, async_resume, 1, 0, rg.v);
    if (rf.v == JS_EXCEPTION)
        goto done;
    rr.v = js_new_cfunction_data(ctx, async_resume, 1, 1, rg.v);
    if (rr.v == JS_EXCEPTION)
        goto done;
    res = js_perform_promise_then(ctx, rp.v, rf.v, rr.v, NULL);
done:
    js_root_pop(ctx, &rg);
    return res;
}

JSValue js_async_settle(JSContext *ctx, JSObject *go, JSValue v, bool is_reject)
{
    JSGenerator *g = (JSGenerator *)go;
    JSRoot rg, rv;
    js_root_push(ctx, &rg, js_obj_value(go));
    js_root_push(ctx, &rv, v);
    g->state = GEN_COMPLETED;
    g->saved = NULL;
    JSValue r = js_call(ctx, is_reject ? g->reject : g->resolve, JS_UNDEFINED, 1, &rv.v);
    g = (JSGenerator *)OBJ(rg.v);
    JSValue res = r == JS_EXCEPTION ? r : g->promise;
    js_root_pop(ctx, &rg);
    return res;
}

/* ------------------------------------------------------------------ */
/* async generators: a queue of (mode, value, promise, resolve, reject)
 * requests served one at a time */

#define REQ_SIZE 5

static int settle_head(JSContext *ctx, JSValue gv, JSValue value, bool done, bool is_reject)
{
    JSGenerator *g = (JSGenerator *)OBJ(gv);
    JSObject *q = OBJ(g->queue);
    uint32_t h = g->qhead;
    if (h + REQ_SIZE > js_array_length_fast(q))
        return 0;
    JSRoot rf, rv;
    js_root_push(ctx, &rf, js_array_fast_get(q, h + (is_reject ? 4 : 3)));
    js_root_push(ctx, &rv, value);
    g->qhead = h + REQ_SIZE;
    int res = -1;
    if (!is_reject) {
        rv.v = js_create_iter_result(ctx, rv.v, done);
        if (rv.v == JS_EXCEPTION)
            goto out;
    }
    if (js_call(ctx, rf.v, JS_UNDEFINED, 1, &rv.v) == JS_EXCEPTION)
        goto out;
    res = 0;
out:
    js_root_pop(ctx, &rf);
    return res;
}

/* Handles the outcome of running the body: a yield, a return, a throw,
 * or a suspension at await (nothing to do). */
static int asyncgen_after_run(JSContext *ctx, JSValue gv, JSValue r)
{
    JSGenerator *g = (JSGenerator *)OBJ(gv);
    if (r == JS_EXCEPTION) {
        if (ctx->rt->exception_uncatchable)
            return -1;
        JSValue ex = js_get_exception(ctx);
        g->state = GEN_COMPLETED;
        g->saved = NULL;
        return settle_head(ctx, gv, ex, true, true);
    }
    if (g->state == GEN_SUSPENDED_YIELD && g->awaiting)
        return 0;
    if (g->state == GEN_SUSPENDED_YIELD)
        return settle_head(ctx, gv, r, false, false);
    g->state = GEN_COMPLETED;
    g->saved = NULL;
    return settle_head(ctx, gv, r, true, false);
}

/* Settles the head return request once the awaited value of
 * AsyncGeneratorAwaitReturn settles (magic 1: rejected), then serves the
 * rest of the queue. */
static JSValue asyncgen_return_settled(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    JSValue gv = self->data;
    JSGenerator *g = (JSGenerator *)OBJ(gv);
    g->awaiting = false;
    if (settle_head(ctx, gv, argc ? argv[0] : JS_UNDEFINED, true, magic == 1) < 0 ||
        asyncgen_drain(ctx, gv) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* AsyncGeneratorAwaitReturn: a return request on a generator that has not
 * started or has completed awaits its value before settling. The queue
 * waits meanwhile (g->awaiting). 1 when waiting, 0 when settled at once
 * (PromiseResolve threw), -1 on error. */
static int asyncgen_await_return(JSContext *ctx, JSValue gv, JSValue value)
{
    JSRoot rp, rf, rr;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    int res = -1;
    rp.v = js_promise_resolve(ctx, JS_UNDEFINED, value);
    if (rp.v == JS_EXCEPTION) {
        if (ctx->rt->exception_uncatchable)
            goto done;
        JSValue ex = js_get_exception(ctx);
        res = settle_head(ctx, gv, ex, true, true);
        goto done;
    }
    rf.v = js_new_cfunction_data(ctx, asyncgen_return_settled, 1, 0, gv);
    if (rf.v == JS_EXCEPTION)
        goto done;
    rr.v = js_new_cfunction_data(ctx, asyncgen_return_settled, 1, 1, gv);
    if (rr.v == JS_EXCEPTION)
        goto done;
    if (js_perform_promise_then(ctx, rp.v, rf.v, rr.v, NULL) < 0)
        goto done;
    ((JSGenerator *)OBJ(gv))->awaiting = true;
    res = 1;
done:
    js_root_pop(ctx, &rp);
    return res;
}

static int asyncgen_drain(JSContext *ctx, JSValue gv)
{
    JSRoot rg;
    js_root_push(ctx, &rg, gv);
    int res = 0;
    for (;;) {
        JSGenerator *g = (JSGenerator *)OBJ(rg.v);
        JSObject *q = OBJ(g->queue);
        if (g->state == GEN_EXECUTING || g->awaiting || g->qhead + REQ_SIZE > js_array_length_fast(q))
            break;
        int mode = js_get_int(js_array_fast_get(q, g->qhead));
        JSValue value = js_array_fast_get(q, g->qhead + 1);
        if (g->state == GEN_SUSPENDED_START && mode != 0) {
            g->state = GEN_COMPLETED;
            g->saved = NULL;
        }
        if (g->state == GEN_COMPLETED && mode == 2) {
            int r = asyncgen_await_return(ctx, rg.v, value);
            if (r < 0) {
                res = -1;
                break;
            }
            if (r > 0)
                break;
            continue;
        }
        if (g->state == GEN_COMPLETED) {
            if (settle_head(ctx, rg.v, mode == 1 ? value : JS_UNDEFINED, true, mode == 1) < 0) {
                res = -1;
                break;
            }
            continue;
        }
        JSValue r = js_generator_run(ctx, g, value, mode);
        if (asyncgen_after_run(ctx, rg.v, r) < 0) {
            res = -1;
            break;
        }
    }
    js_root_pop(ctx, &rg);
    return res;
}

static JSValue asyncgen_method(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue resolve, reject;
    JSValue p = js_new_promise_capability(ctx, JS_UNDEFINED, &resolve, &reject);
    if (p == JS_EXCEPTION)
        return p;
    JSValue req[REQ_SIZE] = { js_int(magic), argc ? argv[0] : JS_UNDEFINED, p, resolve, reject };
    JSRoot r0, r1, r2;
    js_root_push(ctx, &r0, p);
    js_root_push(ctx, &r1, resolve);
    js_root_push(ctx, &r2, reject);
    JSValue res = JS_EXCEPTION;
    if (!js_object_is_class(this_val, JS_CLASS_ASYNC_GENERATOR)) {
        js_throw_type_error(ctx, "not an async generator");
        JSValue ex = js_get_exception(ctx);
        if (js_call(ctx, r2.v, JS_UNDEFINED, 1, &ex) != JS_EXCEPTION)
            res = r0.v;
        goto done;
    }
    {
        JSGenerator *g = (JSGenerator *)OBJ(this_val);
        for (int i = 0; i < REQ_SIZE; i++)
            if (js_array_push_fast(ctx, OBJ(g->queue), req[i]) < 0)
                goto done;
        if (asyncgen_drain(ctx, this_val) < 0)
            goto done;
        res = r0.v;
    }
done:
    js_root_pop(ctx, &r0);
    return res;
}

static const JSPropEntry asyncgen_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 1, asyncgen_method, 0),
    JS_CFUNC_MAGIC_DEF("return", 1, asyncgen_method, 2),
    JS_CFUNC_MAGIC_DEF("throw", 1, asyncgen_method, 1),
};

static JSValue return_this(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* %AsyncGeneratorFunction.prototype% (and %AsyncGeneratorPrototype%, with
 * %AsyncIteratorPrototype% before them), created on first use. */
JSValue js_async_generator_function_proto(JSContext *ctx)
{
    if (js_is_object(ctx->intrinsics[JS_INTRINSIC_AsyncGeneratorFunctionPrototype]) &&
        js_is_object(ctx->class_proto[JS_CLASS_ASYNC_GENERATOR]))
        return ctx->intrinsics[JS_INTRINSIC_AsyncGeneratorFunctionPrototype];
    js_register_class(ctx->rt, JS_CLASS_ASYNC_GENERATOR, &class_async_generator);
    if (!js_is_object(ctx->intrinsics[JS_INTRINSIC_AsyncIteratorPrototype])) {
        /* %AsyncIteratorPrototype%: [Symbol.asyncIterator]() { return this; } */
        JSValue aip = js_new_object(ctx);
        if (aip == JS_EXCEPTION)
            return aip;
        ctx->intrinsics[JS_INTRINSIC_AsyncIteratorPrototype] = aip;
        JSValue fn = js_new_cfunction_atom(ctx, return_this, JS_ATOM_Symbol_asyncIterator, 0, JS_CFUNC_PLAIN, 0);
        if (fn == JS_EXCEPTION ||
            js_define_property_value(ctx, ctx->intrinsics[JS_INTRINSIC_AsyncIteratorPrototype],
                                     JS_ATOM_Symbol_asyncIterator, fn, JS_PROP_C_W) < 0)
            return JS_EXCEPTION;
    }
    return make_generator_family(ctx, ctx->intrinsics[JS_INTRINSIC_AsyncIteratorPrototype], asyncgen_proto_funcs,
                                 "AsyncGenerator", "AsyncGeneratorFunction", JS_CLASS_ASYNC_GENERATOR,
                                 JS_INTRINSIC_AsyncGeneratorFunctionPrototype);
}

/* ------------------------------------------------------------------ */
/* GetIterator(obj, async), with CreateAsyncFromSyncIterator
 * (builtins/async_from_sync.c) when obj has no Symbol.asyncIterator. */

int js_op_get_async_iterator(JSContext *ctx, JSValue obj, JSValue *iter, JSValue *next)
{
    JSRoot ro, rm;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    int res = -1;
    if (js_is_nullish(ro.v)) {
        js_throw_not_iterable(ctx, ro.v);
        goto done;
    }
    rm.v = js_get_method(ctx, ro.v, JS_ATOM_Symbol_asyncIterator);
    if (rm.v == JS_EXCEPTION)
        goto done;
    if (!js_is_undefined(rm.v)) {
        JSValue it = js_call(ctx, rm.v, ro.v, 0, NULL);
        if (it == JS_EXCEPTION)
            goto done;
        if (!js_is_object(it)) {
            js_throw_type_error(ctx, "async iterator is not an object");
            goto done;
        }
        rm.v = it;
        JSValue nx = js_get_property(ctx, it, JS_ATOM_next);
        if (nx == JS_EXCEPTION)
            goto done;
        *iter = rm.v;
        *next = nx;
        res = 0;
        goto done;
    }
    {
        JSIteratorRecord rec;
        if (js_get_iterator(ctx, ro.v, &rec) < 0)
            goto done;
        JSValue w = js_create_async_from_sync_iterator(ctx, rec.iterator, rec.next);
        if (w != JS_EXCEPTION) {
            rm.v = w;
            JSValue nx = js_get_property(ctx, w, JS_ATOM_next);
            if (nx != JS_EXCEPTION) {
                *iter = rm.v;
                *next = nx;
                res = 0;
            }
        }
    }
done:
    js_root_pop(ctx, &ro);
    return res;
}
