/* The host side of the public API added for the runtime library: the
 * per-runtime host state behind rt->hooks.opaque (promise rejection
 * tracker, FinalizationRegistry cleanup hook, the runtime library's data
 * slot), the engine side of the event loop (jobs, ClearKeptObjects,
 * cleanup jobs), host objects and binary data access. */
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "job.h"
#include "builtins/typedarray.h"
#include "builtins/weakref.h"

/* What the embedder installed on a runtime; rt->hooks.opaque points here. */
typedef struct JSApiHostState {
    QJSRejectionTracker *tracker;
    void *tracker_opaque;
    QJSCleanupHook *cleanup;
    void *cleanup_opaque;
    QJSInterruptHandler *interrupt;
    void *interrupt_opaque;
    void *lib_data;
    void (*lib_free)(QJSRuntime *rt, void *data);
} JSApiHostState;

/* The runtime's host state, created on first use (NULL if malloc fails). */
static JSApiHostState *host_state(JSRuntime *rt)
{
    if (!rt->hooks.opaque)
        rt->hooks.opaque = calloc(1, sizeof(JSApiHostState));
    return rt->hooks.opaque;
}

void js_api_host_free(JSRuntime *rt)
{
    JSApiHostState *hs = rt->hooks.opaque;
    if (!hs)
        return;
    if (hs->lib_free)
        hs->lib_free(rt, hs->lib_data);
    rt->hooks.opaque = NULL;
    rt->hooks.promise_rejection_tracker = NULL;
    rt->hooks.enqueue_cleanup = NULL;
    rt->hooks.interrupt = NULL;
    free(hs);
}

void qjs_runtime_set_lib_data(QJSRuntime *rt, void *data, void (*free_fn)(QJSRuntime *rt, void *data))
{
    JSApiHostState *hs = host_state(rt);
    if (!hs)
        return;
    hs->lib_data = data;
    hs->lib_free = free_fn;
}

void *qjs_runtime_get_lib_data(QJSRuntime *rt)
{
    JSApiHostState *hs = rt->hooks.opaque;
    return hs ? hs->lib_data : NULL;
}

bool qjs_has_pending_jobs(QJSRuntime *rt) { return js_has_pending_jobs(rt); }

/* ---- interrupt handler ---- */

static int interrupt_trampoline(JSRuntime *rt, void *opaque)
{
    JSApiHostState *hs = opaque;
    return hs && hs->interrupt ? hs->interrupt(rt, hs->interrupt_opaque) : 0;
}

void qjs_set_interrupt_handler(QJSRuntime *rt, QJSInterruptHandler *fn, void *opaque)
{
    JSApiHostState *hs = host_state(rt);
    if (!hs)
        return;
    hs->interrupt = fn;
    hs->interrupt_opaque = opaque;
    rt->hooks.interrupt = fn ? interrupt_trampoline : NULL;
}

void qjs_runtime_wake_waits(QJSRuntime *rt) { js_atomics_wake_runtime(rt); }

/* ---- promise rejection tracker ---- */

static void tracker_trampoline(JSContext *ctx, JSValue promise, JSValue reason, int operation, void *opaque)
{
    JSApiHostState *hs = opaque;
    if (hs && hs->tracker)
        hs->tracker(ctx, promise, reason, operation != 0, hs->tracker_opaque);
}

void qjs_set_promise_rejection_tracker(QJSRuntime *rt, QJSRejectionTracker *fn, void *opaque)
{
    JSApiHostState *hs = host_state(rt);
    if (!hs)
        return;
    hs->tracker = fn;
    hs->tracker_opaque = opaque;
    rt->hooks.promise_rejection_tracker = fn ? tracker_trampoline : NULL;
}

/* ---- FinalizationRegistry cleanup and kept objects ---- */

static void cleanup_trampoline(JSRuntime *rt, JSObject *registry, void *opaque)
{
    JSApiHostState *hs = opaque;
    if (hs && hs->cleanup)
        hs->cleanup(rt, js_obj_value(registry), hs->cleanup_opaque);
}

void qjs_set_finalization_cleanup_hook(QJSRuntime *rt, QJSCleanupHook *fn, void *opaque)
{
    JSApiHostState *hs = host_state(rt);
    if (!hs)
        return;
    hs->cleanup = fn;
    hs->cleanup_opaque = opaque;
    rt->hooks.enqueue_cleanup = fn ? cleanup_trampoline : NULL;
}

/* builtins/weakref.c: on -1 the remaining cells stay queued and the
 * registry has been handed to the cleanup hook again. */
int qjs_run_finalization_cleanup(QJSContext *ctx, QJSValue registry)
{
    return js_finalization_registry_cleanup(ctx, registry);
}

void qjs_clear_kept_objects(QJSRuntime *rt)
{
    js_clear_kept_objects(rt);
}

/* ---- host objects ---- */

typedef struct JSHostObject {
    JSObject base;
    const QJSHostClass *cls;
    void *data;
} JSHostObject;

static void host_finalize(JSRuntime *rt, JSObject *obj)
{
    JSHostObject *h = (JSHostObject *)obj;
    if (h->cls && h->cls->finalize)
        h->cls->finalize(rt, h->data);
    h->data = NULL;
}

static const JSClass host_class = {
    .name = "Object",
    .size = sizeof(JSHostObject),
    .finalize = host_finalize,
};

void js_api_host_register_class(JSRuntime *rt)
{
    js_register_class(rt, JS_CLASS_HOST, &host_class);
}

QJSValue qjs_new_host_object(QJSContext *ctx, const QJSHostClass *cls, QJSValue proto, void *data)
{
    js_api_host_register_class(ctx->rt);
    JSObject *o = js_new_object_proto_class(ctx, js_is_object(proto) ? proto : JS_NULL, JS_CLASS_HOST);
    if (!o)
        return JS_EXCEPTION;
    JSHostObject *h = (JSHostObject *)o;
    h->cls = cls;
    h->data = data;
    return js_obj_value(o);
}

void *qjs_get_host_data(QJSValue v, const QJSHostClass *cls)
{
    if (!js_object_is_class(v, JS_CLASS_HOST))
        return NULL;
    JSHostObject *h = (JSHostObject *)JS_VALUE_GET_OBJ(v);
    return h->cls == cls ? h->data : NULL;
}

void qjs_set_host_data(QJSValue v, const QJSHostClass *cls, void *data)
{
    if (!js_object_is_class(v, JS_CLASS_HOST))
        return;
    JSHostObject *h = (JSHostObject *)JS_VALUE_GET_OBJ(v);
    if (h->cls == cls)
        h->data = data;
}

/* ---- binary data ---- */

uint8_t *qjs_get_bytes(QJSContext *ctx, QJSValue v, size_t *len)
{
    *len = 0;
    if (js_is_array_buffer_class(v)) {
        uint64_t n;
        uint8_t *p = js_array_buffer_get_data(ctx, v, &n);
        *len = (size_t)n;
        return p;
    }
    if (js_is_typed_array(v)) {
        JSObject *ta = JS_VALUE_GET_OBJ(v);
        int64_t n = js_typed_array_get_length(ta);
        JSArrayBuffer *ab = js_ta_buffer(ta);
        if (n <= 0 || !ab->data)
            return NULL;
        *len = (size_t)n << js_ta_size_log2[js_ta_type(ta)];
        return ab->data + ((JSTypedArray *)ta)->byte_offset;
    }
    if (js_object_is_class(v, JS_CLASS_DATAVIEW)) {
        JSTypedArray *dv = (JSTypedArray *)JS_VALUE_GET_OBJ(v);
        JSArrayBuffer *ab = (JSArrayBuffer *)dv->buffer;
        if (!ab->data || dv->byte_offset > js_ab_byte_length(ab))
            return NULL;
        uint64_t n = dv->track ? js_ab_byte_length(ab) - dv->byte_offset : dv->length;
        if (dv->byte_offset + n > js_ab_byte_length(ab))
            return NULL;
        *len = (size_t)n;
        return n ? ab->data + dv->byte_offset : NULL;
    }
    js_throw_type_error(ctx, "not an ArrayBuffer, typed array or DataView");
    return NULL;
}

QJSValue qjs_new_array_buffer_copy(QJSContext *ctx, const uint8_t *data, size_t len)
{
    JSValue ab = js_array_buffer_alloc(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, len, UINT64_MAX);
    if (js_is_exception(ab))
        return ab;
    if (len)
        memcpy(((JSArrayBuffer *)JS_VALUE_GET_OBJ(ab))->data, data, len);
    return ab;
}

QJSSharedBlock *qjs_sab_block_ref(QJSContext *ctx, QJSValue v)
{
    if (!js_object_is_class(v, JS_CLASS_SHARED_ARRAY_BUFFER)) {
        js_throw_type_error(ctx, "not a SharedArrayBuffer");
        return NULL;
    }
    JSSharedBlock *b = ((JSArrayBuffer *)JS_VALUE_GET_OBJ(v))->shared;
    js_shared_block_ref(b);
    return b;
}

void qjs_sab_block_unref(QJSSharedBlock *b)
{
    js_shared_block_unref(b);
}

QJSValue qjs_new_shared_array_buffer(QJSContext *ctx, QJSSharedBlock *b)
{
    return js_shared_array_buffer_from_block(ctx, b);
}
