/* Unit tests of the job queue (job.c) and the internal promise API
 * (builtins/promise.h): job results and exceptions, rooting of pending
 * jobs across collections, capabilities, PerformPromiseThen without a
 * capability (await's use), direct resolution, and the host rejection
 * tracker. Prints "N passed, N failed"; exits non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "context.h"
#include "interp.h"
#include "job.h"
#include "builtins/promise.h"

#include "unit_check.h"

static JSRuntime *rt;
static JSContext *ctx;

static int drain(void)
{
    int n = 0;
    JSContext *jc;
    int st;
    while ((st = js_run_pending_job(rt, &jc)) != 0) {
        if (st < 0)
            return -1;
        n++;
    }
    return n;
}

static JSValue eval(const char *src)
{
    return js_eval_script(ctx, src, strlen(src), "<test>", 0);
}

static int32_t eval_int(const char *src)
{
    JSValue v = eval(src);
    return js_is_int(v) ? js_get_int(v) : -9999;
}

/* ---- jobs ---- */

static int job_sum;

static JSValue add_job(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    for (int i = 0; i < argc; i++)
        job_sum += js_get_int(argv[i]);
    /* spare slots are undefined */
    if (argc < JS_JOB_MAX_ARGS && !js_is_undefined(argv[argc]))
        job_sum = -100000;
    return JS_UNDEFINED;
}

static JSValue throw_job(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_throw(c, argv[0]);
}

/* Checks the string argument survived any number of collections. */
static int strings_ok;
static JSValue string_job(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    char *s = js_string_to_utf8(c, argv[0], NULL);
    if (s && strcmp(s, "kept alive") == 0)
        strings_ok++;
    free(s);
    return JS_UNDEFINED;
}

static void test_jobs(void)
{
    JSContext *jc = (JSContext *)1;
    CHECK(js_run_pending_job(rt, &jc) == 0 && jc == NULL);
    CHECK(!js_has_pending_jobs(rt));

    JSValue args[3] = { js_int(1), js_int(2), js_int(3) };
    job_sum = 0;
    CHECK(js_enqueue_job(ctx, add_job, 3, args) == 0);
    CHECK(js_enqueue_job(ctx, add_job, 1, args) == 0);
    CHECK(js_has_pending_jobs(rt));
    CHECK(js_run_pending_job(rt, &jc) == 1 && jc == ctx);
    CHECK(job_sum == 6);
    CHECK(drain() == 1 && job_sum == 7);

    /* a throwing job leaves its exception pending */
    JSValue e = js_int(42);
    CHECK(js_enqueue_job(ctx, throw_job, 1, &e) == 0);
    CHECK(js_run_pending_job(rt, &jc) == -1 && jc == ctx);
    JSValue exc = js_get_exception(ctx);
    CHECK(exc == js_int(42));

    /* too many arguments */
    JSValue many[JS_JOB_MAX_ARGS + 1];
    for (int i = 0; i <= JS_JOB_MAX_ARGS; i++)
        many[i] = js_int(i);
    CHECK(js_enqueue_job(ctx, add_job, JS_JOB_MAX_ARGS + 1, many) == -1);
    js_get_exception(ctx);

    /* pending jobs root their arguments; the ring grows past its size */
    strings_ok = 0;
    for (int i = 0; i < 100; i++) {
        JSValue s = js_new_string_cstr(ctx, "kept alive");
        CHECK(js_enqueue_job(ctx, string_job, 1, &s) == 0);
        js_gc_collect(rt);
    }
    js_gc_collect(rt);
    CHECK(drain() == 100 && strings_ok == 100);
}

/* ---- the promise API ---- */

static JSValue last_value;
static int handler_calls;

static JSValue record_handler(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    handler_calls++;
    last_value = argv[0];
    return JS_UNDEFINED;
}

static void test_api(void)
{
    JSRoot rp, rres, rrej, rh;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rres, JS_UNDEFINED);
    js_root_push(ctx, &rrej, JS_UNDEFINED);
    js_root_push(ctx, &rh, JS_UNDEFINED);

    JSValue res, rej;
    rp.v = js_new_promise_capability(ctx, JS_UNDEFINED, &res, &rej);
    rres.v = res;
    rrej.v = rej;
    CHECK(js_promise_state(rp.v) == JS_PROMISE_PENDING);
    CHECK(js_promise_state(js_int(1)) == -1);
    CHECK(js_is_callable(rres.v) && js_is_callable(rrej.v));

    rh.v = js_new_cfunction(ctx, record_handler, "h", 1, JS_CFUNC_PLAIN, 0);
    CHECK(js_perform_promise_then(ctx, rp.v, rh.v, rh.v, NULL) == 0);
    JSValue seven = js_int(7);
    CHECK(!js_is_exception(js_call(ctx, rres.v, JS_UNDEFINED, 1, &seven)));
    CHECK(js_promise_state(rp.v) == JS_PROMISE_FULFILLED);
    CHECK(js_promise_result(rp.v) == js_int(7));
    handler_calls = 0;
    CHECK(drain() == 1 && handler_calls == 1 && last_value == js_int(7));
    /* a second resolve is ignored */
    JSValue eight = js_int(8);
    CHECK(!js_is_exception(js_call(ctx, rrej.v, JS_UNDEFINED, 1, &eight)));
    CHECK(js_promise_state(rp.v) == JS_PROMISE_FULFILLED);

    /* js_promise_resolve returns a %Promise% as it is */
    CHECK(js_promise_resolve(ctx, JS_UNDEFINED, rp.v) == rp.v);
    rp.v = js_new_resolved_promise(ctx, js_int(5));
    CHECK(js_promise_state(rp.v) == JS_PROMISE_FULFILLED && js_promise_result(rp.v) == js_int(5));

    /* direct resolution with a thenable adopts it two jobs later */
    rp.v = js_new_promise_capability(ctx, JS_UNDEFINED, NULL, NULL);
    rres.v = js_new_resolved_promise(ctx, js_int(9));
    CHECK(js_promise_resolve_direct(ctx, rp.v, rres.v) == 0);
    CHECK(js_promise_state(rp.v) == JS_PROMISE_PENDING);
    CHECK(js_perform_promise_then(ctx, rp.v, rh.v, rh.v, NULL) == 0);
    handler_calls = 0;
    JSContext *jc;
    CHECK(js_run_pending_job(rt, &jc) == 1 && js_promise_state(rp.v) == JS_PROMISE_PENDING);
    CHECK(js_run_pending_job(rt, &jc) == 1 && js_promise_state(rp.v) == JS_PROMISE_FULFILLED);
    CHECK(handler_calls == 0);
    CHECK(drain() == 1 && handler_calls == 1 && last_value == js_int(9));

    /* with a capability, the derived promise gets the handler's result */
    JSPromiseCapability cap;
    JSRoot rc[3];
    cap.promise = js_new_promise_capability(ctx, JS_UNDEFINED, &cap.resolve, &cap.reject);
    js_root_push(ctx, &rc[0], cap.promise);
    js_root_push(ctx, &rc[1], cap.resolve);
    js_root_push(ctx, &rc[2], cap.reject);
    rp.v = js_new_rejected_promise(ctx, js_int(3));
    CHECK(js_promise_state(rp.v) == JS_PROMISE_REJECTED);
    CHECK(js_perform_promise_then(ctx, rp.v, JS_UNDEFINED, JS_UNDEFINED, &cap) == 0);
    js_gc_collect(rt);
    CHECK(drain() == 1);
    CHECK(js_promise_state(rc[0].v) == JS_PROMISE_REJECTED && js_promise_result(rc[0].v) == js_int(3));
    js_promise_mark_handled(ctx, rc[0].v);
    js_root_pop(ctx, &rp);
}

/* ---- the rejection tracker ---- */

static int tracked_reject, tracked_handle;

static void tracker(JSContext *c, JSValue promise, JSValue reason, int op, void *opaque)
{
    if (op == 0)
        tracked_reject++;
    else
        tracked_handle++;
}

static void test_tracker(void)
{
    rt->hooks.promise_rejection_tracker = tracker;
    tracked_reject = tracked_handle = 0;
    eval("var p = Promise.reject(1);");
    CHECK(tracked_reject == 1 && tracked_handle == 0);
    eval("p.catch(function () {});");
    CHECK(tracked_handle == 1);
    CHECK(drain() == 1);
    /* rejecting a promise that already has a handler is not reported */
    eval("new Promise(function (r, j) { setTimeoutLike = j; }).then(null, function () {}); setTimeoutLike(2);");
    CHECK(tracked_reject == 1);
    /* a derived promise whose handler throws is itself unhandled */
    eval("Promise.resolve().then(function () { throw 1; });");
    CHECK(drain() == 2);
    CHECK(tracked_reject == 2);
    rt->hooks.promise_rejection_tracker = NULL;
}

static void test_js(void)
{
    CHECK(eval_int("var order = ''; Promise.resolve().then(function () { order += 'a'; });"
                   "queueMicrotask(function () { order += 'b'; }); order += 's'; 0") == 0);
    CHECK(drain() == 2);
    JSValue v = eval("order === 'sab' ? 1 : 0");
    CHECK(v == js_int(1));
    /* a queueMicrotask callback's exception makes the job throw */
    eval("queueMicrotask(function () { throw 5; });");
    JSContext *jc;
    CHECK(js_run_pending_job(rt, &jc) == -1 && js_get_exception(ctx) == js_int(5));
}

int main(void)
{
    rt = js_new_runtime();
    ctx = rt ? js_new_context(rt) : NULL;
    if (!ctx) {
        fprintf(stderr, "cannot create a context\n");
        return 1;
    }
    test_jobs();
    test_api();
    test_tracker();
    test_js();
    js_free_runtime(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
