/* The Web-standard globals (docs/web-apis.md): installs them lazily and
 * gives their JS bundles (runtime-lib/web/NAME.js, compiled to bytecode at
 * build time by tools/embed_js.c) the natives they need: the monotonic
 * clock, getrandom(2), the event loop's timers and the UTS 46 mapping
 * (web_idna.c). Each global is a lazy global (qjs_define_lazy_global): a
 * data property from the start, whose bundle is read and run on the first
 * use, so a program that uses none of them pays almost nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>
#include "rt_int.h"
#include "web_int.h"

/* The host object sits in the per-context cache after the bundles' exports. */
enum { WEB_HOST = WEB_BUNDLE_COUNT };

static const int bundle_dep[] = {
#define BUNDLE_DEP(b, dep, natives) [WEB_##b] = WEB_##dep,
    WEB_BUNDLES(BUNDLE_DEP)
};

/* ---- natives for the bundles ---- */

static struct timespec mono_origin;
static double time_origin_ms;

static double mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - mono_origin.tv_sec) * 1e3 + (double)(t.tv_nsec - mono_origin.tv_nsec) / 1e6;
}

/* host.now(): milliseconds since the time origin, monotonic. */
static QJSValue host_now(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return qjs_number(mono_ms());
}

/* host.randomFill(view): fills the bytes of view with getrandom(2). */
static QJSValue host_random_fill(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    size_t len;
    uint8_t *p = qjs_get_bytes(ctx, argv[0], &len);
    if (!p)
        return qjs_has_exception(ctx) ? qjs_throw(ctx, qjs_take_exception(ctx)) : qjs_undefined();
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return qjs_throw_error(ctx, "Error", strerror(errno));
        }
        p += n;
        len -= (size_t)n;
    }
    return qjs_undefined();
}

/* host.setTimeout(fn, ms): a one-shot timer on the event loop that does
 * not keep it alive. */
static QJSValue host_set_timeout(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double ms;
    if (qjs_to_number(ctx, &ms, argv[1]) < 0 || js_rt_loop_set_timeout_unref(ctx, ms, argv[0]) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    return qjs_undefined();
}

/* host.className(v): the engine's class of an object ("Map", "Proxy",
 * ...; qjs_get_class_name), or undefined for a primitive. */
static QJSValue host_class_name(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    const char *name = qjs_get_class_name(argv[0]);
    return name ? qjs_new_string(ctx, name, strlen(name)) : qjs_undefined();
}

/* host.detach(buffer): detaches an ArrayBuffer (a transfer). */
static QJSValue host_detach(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    if (qjs_detach_array_buffer(ctx, argv[0]) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    return qjs_undefined();
}

static QJSValue new_host(QJSContext *ctx)
{
    QJSValue host = qjs_new_object(ctx);
    if (qjs_is_exception(host))
        return host;
    QJSRef *r = qjs_ref_new(ctx, host);
    int st = qjs_define_prop_str(ctx, host, "now", qjs_new_function(ctx, host_now, "now", 0)) < 0 ||
             qjs_define_prop_str(ctx, host, "timeOrigin", qjs_number(time_origin_ms)) < 0 ||
             qjs_define_prop_str(ctx, host, "randomFill", qjs_new_function(ctx, host_random_fill, "randomFill", 1)) < 0 ||
             qjs_define_prop_str(ctx, host, "setTimeout", qjs_new_function(ctx, host_set_timeout, "setTimeout", 2)) < 0 ||
             qjs_define_prop_str(ctx, host, "className", qjs_new_function(ctx, host_class_name, "className", 1)) < 0 ||
             qjs_define_prop_str(ctx, host, "detach", qjs_new_function(ctx, host_detach, "detach", 1)) < 0 ? -1 : 0;
    qjs_ref_free(r);
    return st < 0 ? qjs_throw(ctx, qjs_take_exception(ctx)) : host;
}

/* ---- the lazy globals ---- */

/* The cache of ctx: an array of WEB_HOST + 1 entries (bundle exports
 * and the host object, undefined until made). */
static QJSValue web_cache(QJSContext *ctx)
{
    QJSValue c = js_rt_slot_get(ctx, RT_SLOT_WEB);
    if (qjs_is_object(c))
        return c;
    c = qjs_new_array(ctx);
    if (qjs_is_exception(c) || js_rt_slot_set(ctx, RT_SLOT_WEB, c) < 0)
        return qjs_is_exception(c) ? c : qjs_throw_error(ctx, "InternalError", "out of memory");
    return c;
}

static QJSValue throw_left_out(QJSContext *ctx, const char *name)
{
    char msg[200];
    snprintf(msg, sizeof msg, "%s is not in this program: qjsc --web auto left it out, "
             "as no compiled file names it (build with --web all)", name);
    return qjs_throw_error(ctx, "ReferenceError", msg);
}

/* The exports object of bundle b, running it the first time. May run JS
 * and collect; an exception on failure. name: the global asked for. */
static QJSValue web_bundle(QJSContext *ctx, int b, const char *name)
{
    const JSWebBundle *wb = js_rt_web_bundle_table[b];
    if (!wb)
        return throw_left_out(ctx, name);
    QJSValue cache = web_cache(ctx);
    if (qjs_is_exception(cache))
        return cache;
    QJSValue ex = qjs_get_index(ctx, cache, (uint32_t)b);
    if (!qjs_is_undefined(ex))
        return ex;
    QJSValue host = qjs_get_index(ctx, cache, WEB_HOST);
    if (qjs_is_undefined(host)) {
        host = new_host(ctx);
        if (qjs_is_exception(host) || qjs_set_index(ctx, js_rt_slot_get(ctx, RT_SLOT_WEB), WEB_HOST, host) < 0)
            return qjs_is_exception(host) ? host : qjs_throw(ctx, qjs_take_exception(ctx));
    }
    QJSValue args[2] = { host, qjs_undefined() };
    QJSRef *hr = qjs_ref_new(ctx, host);
    if (wb->add_host && wb->add_host(ctx, host) < 0) {
        qjs_ref_free(hr);
        return qjs_throw(ctx, qjs_take_exception(ctx));
    }
    if (bundle_dep[b] != b) {
        args[1] = web_bundle(ctx, bundle_dep[b], name);
        if (qjs_is_exception(args[1])) {
            qjs_ref_free(hr);
            return args[1];
        }
    }
    QJSRef *dr = qjs_ref_new(ctx, args[1]);
    QJSValue fn = js_rt_eval_library_js(ctx, wb->bc, *wb->size, *wb->raw_size);
    args[0] = qjs_ref_get(hr);
    args[1] = qjs_ref_get(dr);
    ex = qjs_is_exception(fn) ? fn : qjs_call(ctx, fn, qjs_undefined(), 2, args);
    qjs_ref_free(hr);
    qjs_ref_free(dr);
    if (qjs_is_exception(ex))
        return ex;
    QJSRef *er = qjs_ref_new(ctx, ex);
    int st = qjs_set_index(ctx, js_rt_slot_get(ctx, RT_SLOT_WEB), (uint32_t)b, ex);
    ex = qjs_ref_get(er);
    qjs_ref_free(er);
    return st < 0 ? qjs_throw(ctx, qjs_take_exception(ctx)) : ex;
}

/* The value of a lazy global (qjs_define_lazy_global): the bundle's
 * export, made the first time the program uses the global. */
static QJSValue lazy_value(QJSContext *ctx, const char *name, int b)
{
    QJSValue ex = web_bundle(ctx, b, name);
    if (qjs_is_exception(ex))
        return ex;
    return qjs_get_prop_str(ctx, ex, name);
}

/* make_NAME: the lazy global's value; left_out_NAME: the getter of a
 * global whose bundle the program left out. */
#define LAZY_MAKER(name, b, e)                                                  \
    static QJSValue make_##name(QJSContext *ctx)                                \
    {                                                                           \
        return lazy_value(ctx, #name, WEB_##b);                                 \
    }                                                                           \
    static QJSValue left_out_##name(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv) \
    {                                                                           \
        return throw_left_out(ctx, #name);                                      \
    }
WEB_GLOBALS(LAZY_MAKER)

/* Writable and configurable data properties; enumerable for an operation
 * or attribute such as atob or crypto, not for an interface, as WebIDL
 * says. */
static const struct {
    const char *name;
    QJSLazyMake *make;
    QJSNativeFunction *left_out;
    int bundle;
    bool enumerable;
} lazy_globals[] = {
#define LAZY_ENTRY(name, b, e) { #name, make_##name, left_out_##name, WEB_##b, e },
    WEB_GLOBALS(LAZY_ENTRY)
};

int qjs_runtime_add_web(QJSContext *ctx)
{
    if (time_origin_ms == 0) {
        struct timespec wall;
        clock_gettime(CLOCK_MONOTONIC, &mono_origin);
        clock_gettime(CLOCK_REALTIME, &wall);
        time_origin_ms = (double)wall.tv_sec * 1e3 + (double)wall.tv_nsec / 1e6;
    }
    for (size_t i = 0; i < sizeof lazy_globals / sizeof lazy_globals[0]; i++) {
        const char *name = lazy_globals[i].name;
        if (!js_rt_web_bundle_table[lazy_globals[i].bundle]) {
            /* left out (qjsc --web auto): a getter that says so; not
             * enumerable, so that enumerating the global object's
             * properties with their values never runs it */
            QJSValue get = qjs_new_function(ctx, lazy_globals[i].left_out, name, 0);
            if (qjs_is_exception(get) ||
                qjs_define_accessor_str(ctx, qjs_get_global(ctx), name, get, qjs_undefined(), false) < 0)
                return -1;
            continue;
        }
        int flags = QJS_PROP_WRITABLE | QJS_PROP_CONFIGURABLE | (lazy_globals[i].enumerable ? QJS_PROP_ENUMERABLE : 0);
        if (qjs_define_lazy_global(ctx, name, lazy_globals[i].make, flags) < 0)
            return -1;
    }
    return 0;
}
