/* Unit tests of the weak references (builtins/weakref.c, weakmap.c) and
 * the collector's weak processing: ephemeron chains built directly from
 * C, registries collected with their targets or when only their callback
 * refers to them, pending cleanups keeping registries alive, ArrayBuffer
 * and typed-array held values, WeakRef clearing only after
 * ClearKeptObjects, throwing and re-entrant cleanup callbacks, teardown.
 * This file is its own host: gc(), print() and a small event loop. Prints
 * "N passed, N failed"; exits non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "context.h"
#include "conv.h"
#include "interp.h"
#include "job.h"
#include "builtins/weakref.h"

#include "unit_check.h"

static JSRuntime *rt;
static JSContext *ctx;

/* ---- the test host ---- */

static char out[1 << 16];
static size_t out_len;

static void out_put(const char *s)
{
    size_t n = strlen(s);
    if (out_len + n < sizeof out) {
        memcpy(out + out_len, s, n);
        out_len += n;
        out[out_len] = '\0';
    }
}

static void out_put_value(JSValue v)
{
    JSValue s = js_to_string(ctx, v);
    if (js_is_exception(s)) {
        js_get_exception(ctx);
        out_put("<?>");
        return;
    }
    char *p = js_string_to_utf8(ctx, s, NULL);
    out_put(p ? p : "<?>");
    free(p);
}

/* Compares and resets the captured output. */
static bool out_is(const char *expected)
{
    bool ok = strcmp(out, expected) == 0;
    if (!ok)
        fprintf(stderr, "--- expected:\n%s--- got:\n%s---\n", expected, out);
    out_len = 0;
    out[0] = '\0';
    return ok;
}

static JSValue host_print(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    for (int i = 0; i < argc; i++) {
        if (i)
            out_put(" ");
        out_put_value(argv[i]);
    }
    out_put("\n");
    return JS_UNDEFINED;
}

static JSValue host_gc(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    js_gc_collect(c->rt);
    return JS_UNDEFINED;
}

/* mallocBytes(): side-buffer bytes (ArrayBuffer data counts there). */
static JSValue host_malloc_bytes(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSGCStats st;
    js_gc_get_stats(c->rt, &st);
    return js_number((double)st.malloc_bytes);
}

/* runCleanup(registry): a re-entrant call from a callback */
static JSValue host_run_cleanup(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int r = js_finalization_registry_cleanup(c, argv[0]);
    return r < 0 ? JS_EXCEPTION : js_int(r);
}

/* Registries handed to the hook, in order, as the host's job queue. The
 * engine keeps them alive while they wait (its pending list). */
static JSObject *queue[256];
static int queue_len, enqueued;

static void hook_enqueue(JSRuntime *r, JSObject *registry, void *opaque)
{
    enqueued++;
    for (int i = 0; i < queue_len; i++) {
        if (queue[i] == registry)
            return;
    }
    if (queue_len < 256)
        queue[queue_len++] = registry;
}

static void define_fn(const char *name, JSCFunction *fn, int length)
{
    JSRoot rf;
    JSValue f = js_new_cfunction(ctx, fn, name, length, JS_CFUNC_PLAIN, 0);
    js_root_push(ctx, &rf, f);
    JSAtom a = js_atom_from_cstr(ctx, name);
    js_define_property_value(ctx, js_obj_value(ctx->global_obj), a, rf.v, JS_PROP_C_W);
    js_root_pop(ctx, &rf);
}

static void setup(void)
{
    rt = js_new_runtime();
    ctx = js_new_context(rt);
    rt->hooks.enqueue_cleanup = hook_enqueue;
    queue_len = enqueued = 0;
    out_len = 0;
    out[0] = '\0';
    define_fn("print", host_print, 1);
    define_fn("gc", host_gc, 0);
    define_fn("mallocBytes", host_malloc_bytes, 0);
    define_fn("runCleanup", host_run_cleanup, 1);
}

static void teardown(void)
{
    js_free_runtime(rt);
    rt = NULL;
    ctx = NULL;
}

static void report_exception(const char *what)
{
    JSValue e = js_get_exception(ctx);
    JSRoot re;
    js_root_push(ctx, &re, e);
    out_put(what);
    out_put_value(re.v);
    out_put("\n");
    js_root_pop(ctx, &re);
}

/* One job: runs src, then the microtask checkpoint (promise jobs, then
 * ClearKeptObjects), then the pending cleanup jobs, each followed by its
 * own checkpoint. */
static void checkpoint(void)
{
    JSContext *jc;
    int st;
    while ((st = js_run_pending_job(rt, &jc)) != 0) {
        if (st < 0)
            report_exception("uncaught: ");
    }
    js_clear_kept_objects(rt);
}

static void run_cleanups(void)
{
    while (queue_len > 0) {
        JSObject *reg = queue[0];
        memmove(&queue[0], &queue[1], (size_t)(queue_len - 1) * sizeof queue[0]);
        queue_len--;
        if (js_finalization_registry_cleanup(ctx, js_obj_value(reg)) < 0)
            report_exception("uncaught in cleanup: ");
        checkpoint();
    }
}

static void job(const char *src)
{
    JSValue r = js_eval_script(ctx, src, strlen(src), "<test>", 0);
    if (js_is_exception(r))
        report_exception("uncaught: ");
    checkpoint();
    run_cleanups();
}

static double global_number(const char *name)
{
    JSAtom a = js_atom_from_cstr(ctx, name);
    JSValue v = js_get_property(ctx, js_obj_value(ctx->global_obj), a);
    return js_is_number(v) ? js_number_value(v) : -1;
}

static size_t malloc_bytes(void)
{
    JSGCStats st;
    js_gc_get_stats(rt, &st);
    return st.malloc_bytes;
}

#define MB (1u << 20)

/* ---- ephemerons, built from C ---- */

/* wm: k1 -> k2, k2 -> k3, k3 -> a 4 MB ArrayBuffer, inserted back to
 * front; only k1 is rooted. The buffer lives exactly as long as k1. */
static void test_ephemeron_chain_from_c(void)
{
    setup();
    JSRoot rwm, rk1, rtmp, rbuf;
    JSValue ctor = js_get_property(ctx, js_obj_value(ctx->global_obj), JS_ATOM_WeakMap);
    js_root_push(ctx, &rwm, ctor);
    rwm.v = js_construct(ctx, rwm.v, 0, NULL, rwm.v);
    CHECK(js_object_is_class(rwm.v, JS_CLASS_WEAKMAP));
    js_root_push(ctx, &rk1, js_new_object(ctx));
    JSValue keys[3];
    JSRoot rk[2];
    for (int i = 0; i < 2; i++)
        js_root_push(ctx, &rk[i], js_new_object(ctx));
    keys[0] = rk1.v;
    keys[1] = rk[0].v;
    keys[2] = rk[1].v;
    const char *src = "new ArrayBuffer(4 << 20)";
    js_root_push(ctx, &rbuf, js_eval_script(ctx, src, strlen(src), "<test>", 0));
    CHECK(js_object_is_class(rbuf.v, JS_CLASS_ARRAY_BUFFER));
    js_root_push(ctx, &rtmp, JS_UNDEFINED);
    JSValue args[2] = { keys[2], rbuf.v };
    CHECK(!js_is_exception(js_invoke(ctx, rwm.v, JS_ATOM_set, 2, args)));
    args[0] = keys[1];
    args[1] = keys[2];
    CHECK(!js_is_exception(js_invoke(ctx, rwm.v, JS_ATOM_set, 2, args)));
    args[0] = keys[0];
    args[1] = keys[1];
    CHECK(!js_is_exception(js_invoke(ctx, rwm.v, JS_ATOM_set, 2, args)));
    /* drop every root but the map and k1 */
    rk[0].v = rk[1].v = rbuf.v = JS_UNDEFINED;
    js_gc_collect(rt);
    size_t with = malloc_bytes();
    /* walk the chain from k1: still complete */
    JSValue v = js_invoke(ctx, rwm.v, JS_ATOM_get, 1, &rk1.v);
    rtmp.v = v;
    v = js_invoke(ctx, rwm.v, JS_ATOM_get, 1, &rtmp.v);
    rtmp.v = v;
    v = js_invoke(ctx, rwm.v, JS_ATOM_get, 1, &rtmp.v);
    CHECK(js_object_is_class(v, JS_CLASS_ARRAY_BUFFER));
    rtmp.v = JS_UNDEFINED;
    rk1.v = JS_UNDEFINED;
    js_gc_collect(rt);
    CHECK(with - malloc_bytes() >= 4 * MB);
    js_root_pop(ctx, &rwm);
    teardown();
}

/* The same shapes from JS: a value referring to its own key, a dead map
 * with a live key, a WeakSet of symbols, long reverse chains. */
static void test_ephemerons_js(void)
{
    setup();
    job("var MB = 1 << 20, wm = new WeakMap(), base = mallocBytes();\n"
        "(function () {\n"
        "  var k = {};\n"
        "  wm.set(k, { back: k, buf: new ArrayBuffer(4 * MB) });\n"
        "})();\n"
        "var liveKey = {};\n"
        "(function () { new WeakMap().set(liveKey, new Uint8Array(4 * MB)); })();\n"
        "var keys = [];\n"
        "for (var i = 0; i <= 2000; i++) keys.push({ i: i });\n"
        "for (var i = 1999; i >= 1000; i--) wm.set(keys[i], keys[i + 1]);\n"
        "for (var i = 0; i < 1000; i++) wm.set(keys[i], keys[i + 1]);\n"
        "wm.set(keys[2000], new ArrayBuffer(4 * MB));\n"
        "var head = keys[0]; keys = null;\n"
        "gc();\n"
        "print('freed', Math.round((base - mallocBytes()) / MB));\n"
        "(function () {\n"
        "  var x = head; for (var i = 0; i < 2000; i++) x = wm.get(x);\n"
        "  print(x.i, wm.get(x).byteLength / MB);\n"
        "})();\n"
        "head = null;\n");
    /* a new job: no register of the last one's frame holds the chain */
    job("gc(); print('freed', Math.round((base - mallocBytes()) / MB));\n");
    CHECK(out_is("freed -4\n2000 4\nfreed 0\n"));
    teardown();
}

/* ---- WeakRef ---- */

static void eval_quiet(const char *src)
{
    JSValue r = js_eval_script(ctx, src, strlen(src), "<test>", 0);
    if (js_is_exception(r))
        report_exception("uncaught: ");
}

/* The kept list holds WeakRef targets (objects and symbols) through any
 * number of collections until ClearKeptObjects; then one collection
 * clears them. */
static void test_weakref_kept(void)
{
    setup();
    eval_quiet("var r = new WeakRef({ x: 1 }), s = new WeakRef(Symbol('s'));\n"
               "var w = new WeakRef(Symbol.iterator);");
    js_gc_collect(rt);
    eval_quiet("gc(); print(r.deref().x, typeof s.deref());");
    js_clear_kept_objects(rt);
    js_gc_collect(rt);
    eval_quiet("print(r.deref(), s.deref(), w.deref() === Symbol.iterator);");
    CHECK(out_is("1 symbol\nundefined undefined true\n"));
    teardown();
}

/* ---- FinalizationRegistry ---- */

static void test_cleanup_basic(void)
{
    setup();
    job("var fr = new FinalizationRegistry(function (h) { print('cleanup', h); });\n"
        "var t = [{}, {}, Symbol('c')];\n"
        "fr.register(t[0], 'a'); fr.register(t[1], 'b', t[0]); fr.register(t[2], 'c');");
    CHECK(enqueued == 0);
    job("t = null; gc(); print('collected');");
    CHECK(enqueued == 1);
    CHECK(out_is("collected\ncleanup a\ncleanup b\ncleanup c\n"));
    CHECK(!js_has_pending_cleanups(rt));
    teardown();
}

/* A pending cleanup keeps its registry (and held values) alive even when
 * nothing else does; after the cleanup the registry is garbage. */
static void test_pending_keeps_registry(void)
{
    setup();
    job("var held = new ArrayBuffer(4 << 20);\n"
        "var target = {}, wr, strong;\n"
        "(function () {\n"
        "  var fr = new FinalizationRegistry(function (h) { print('held', h.byteLength >> 20); });\n"
        "  fr.register(target, held);\n"
        "  wr = new WeakRef(fr);\n"
        "  strong = fr;\n"
        "})();\n"
        "held = null;");
    /* from now on only this root keeps the registry alive */
    JSRoot rr;
    js_root_push(ctx, &rr, JS_UNDEFINED);
    {
        const char *src = "strong";
        rr.v = js_eval_script(ctx, src, strlen(src), "<test>", 0);
    }
    job("strong = null; target = null;");
    CHECK(js_object_is_class(rr.v, JS_CLASS_FINALIZATION_REGISTRY));
    js_clear_kept_objects(rt);
    js_gc_collect(rt);      /* the target dies: the registry is handed over */
    CHECK(enqueued == 1 && queue_len == 1 && js_has_pending_cleanups(rt));
    rr.v = JS_UNDEFINED;
    js_gc_collect(rt);      /* only the pending list refers to it now */
    js_gc_collect(rt);
    CHECK(malloc_bytes() >= 4 * MB);
    run_cleanups();
    CHECK(out_is("held 4\n"));
    js_gc_collect(rt);
    job("print(wr.deref());");
    CHECK(out_is("undefined\n"));
    js_root_pop(ctx, &rr);
    teardown();
}

/* A registry referred to only by its own callback is garbage, with its
 * ArrayBuffer and typed-array held values, even while its targets live;
 * one that dies with its targets is never handed to the host. */
static void test_registry_garbage(void)
{
    setup();
    job("var MB = 1 << 20, base = mallocBytes(), keep = [], wr1, wr2;\n"
        "(function () {\n"
        "  var fr = new FinalizationRegistry(function (h) { print('never', fr); fr.register({}, h); });\n"
        "  for (var i = 0; i < 4; i++) {\n"
        "    var t = {}; keep.push(t);\n"
        "    fr.register(t, i & 1 ? new ArrayBuffer(MB) : { view: new Float64Array(MB / 8) }, t);\n"
        "  }\n"
        "  wr1 = new WeakRef(fr);\n"
        "})();\n"
        "(function () {\n"
        "  var targets = [];\n"
        "  var fr = new FinalizationRegistry(function (h) { print('never', targets.length); });\n"
        "  for (var i = 0; i < 4; i++) {\n"
        "    var t = {}; targets.push(t);\n"
        "    fr.register(t, new Uint8Array(MB), {});\n"
        "  }\n"
        "  wr2 = new WeakRef(fr);\n"
        "})();\n"
        "print('allocated', Math.round((mallocBytes() - base) / MB));");
    job("gc(); print(wr1.deref(), wr2.deref(), Math.round((mallocBytes() - base) / MB));\n"
        "keep = null;");
    job("gc(); print(Math.round((mallocBytes() - base) / MB));");
    CHECK(out_is("allocated 8\nundefined undefined 0\n0\n"));
    CHECK(enqueued == 0);
    teardown();
}

/* Callbacks that re-register (also with a collection inside the
 * callback, while the cleanup runs), that throw, that unregister, and
 * a re-entrant cleanup call. */
static void test_callbacks(void)
{
    setup();
    job("function again(h) { fr.register({}, h); }\n"
        "var fr = new FinalizationRegistry(function (h) {\n"
        "  print('cb', h);\n"
        "  if (h < 3) { again(h + 1); gc(); }\n"
        "});\n"
        "fr.register({}, 1);");
    job("gc();");
    CHECK(out_is("cb 1\ncb 2\ncb 3\n"));
    CHECK(enqueued == 1);

    /* a throwing callback: -1 with the exception pending; the rest stay
     * queued and the registry is handed over again */
    enqueued = 0;
    job("var thrower = new FinalizationRegistry(function (h) {\n"
        "  print('cb', h);\n"
        "  if (h === 'b' || h === 'd') throw new Error('boom ' + h);\n"
        "});\n"
        "var ts = [{}, {}, {}, {}, {}];\n"
        "['a', 'b', 'c', 'd', 'e'].forEach(function (h, i) { thrower.register(ts[i], h); });");
    job("ts = null; gc();");
    CHECK(out_is("cb a\ncb b\nuncaught in cleanup: Error: boom b\ncb c\ncb d\n"
                 "uncaught in cleanup: Error: boom d\ncb e\n"));
    CHECK(enqueued == 3);

    /* unregister from a callback removes cleared cells; a re-entrant
     * cleanup call does nothing */
    job("var tok = {};\n"
        "var un = new FinalizationRegistry(function (h) {\n"
        "  print('cb', h, un.unregister(tok), runCleanup(un));\n"
        "});\n"
        "var us = [{}, {}, {}];\n"
        "un.register(us[0], 'x'); un.register(us[1], 'y', tok); un.register(us[2], 'z', tok);");
    job("us = null; gc();");
    CHECK(out_is("cb x true 0\n"));

    /* unregister with a token that died: the cell forgot it, so a new
     * object (perhaps at the same address) does not match */
    job("var fr2 = new FinalizationRegistry(function () {});\n"
        "var live = {};\n"
        "(function () { for (var i = 0; i < 100; i++) fr2.register(live, i, {}); })();");
    job("gc(); var hits = 0;\n"
        "for (var i = 0; i < 5000; i++) if (fr2.unregister({})) hits++;\n"
        "print('hits', hits);");
    CHECK(out_is("hits 0\n"));
    teardown();
}

/* 100,000 registrations collected in one collection, one cleanup job
 * (2,000 when GC stress collects more often than every 1,000
 * allocations: each collection walks every cell, so the test would be
 * quadratic). */
static void test_many(void)
{
    const char *stress = getenv("QJS_GC_STRESS");
    long period = stress ? strtol(stress, NULL, 10) : 0;
    int n = period > 0 && period < 1000 ? 2000 : 100000;
    char src[512];
    setup();
    snprintf(src, sizeof src,
             "var n = 0, sum = 0;\n"
             "var fr = new FinalizationRegistry(function (h) { n++; sum += h; });\n"
             "var ts = [];\n"
             "(function () {\n"
             "  for (var i = 0; i < %d; i++) { var t = {}; ts.push(t); fr.register(t, i, i %% 2 ? t : undefined); }\n"
             "})();",
             n);
    job(src);
    job("ts = null; gc();");
    CHECK(enqueued == 1);
    CHECK(global_number("n") == n);
    CHECK(global_number("sum") == (double)(n - 1) * n / 2);
    teardown();
}

/* Teardown with registries waiting for cleanup runs no callback. */
static void test_teardown(void)
{
    setup();
    rt->hooks.enqueue_cleanup = NULL;   /* a host without a loop */
    job("var fr = new FinalizationRegistry(function (h) { print('must not run'); });\n"
        "for (var i = 0; i < 10; i++) fr.register({}, new ArrayBuffer(1000));\n"
        "var wr = new WeakRef({});");
    js_gc_collect(rt);
    CHECK(js_has_pending_cleanups(rt));
    CHECK(queue_len == 0);
    teardown();
    CHECK(out_len == 0);
}

int main(void)
{
    test_ephemeron_chain_from_c();
    test_ephemerons_js();
    test_weakref_kept();
    test_cleanup_basic();
    test_pending_keeps_registry();
    test_registry_garbage();
    test_callbacks();
    test_many();
    test_teardown();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
