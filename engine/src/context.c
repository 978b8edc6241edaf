/* The runtime and its realms: creation (heap, atoms, classes, the
 * interpreter's runtime state) and teardown, realm setup (%Object.prototype%,
 * %Function.prototype%, the global object, then the built-ins), exceptions
 * and error objects, and the native stack guard. */
#if defined(__linux__)
#define _GNU_SOURCE             /* pthread_getattr_np */
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>
extern void *__libc_stack_end;  /* glibc: the main thread's stack at start */
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "interp.h"
#include "builtins/builtins.h"

static uintptr_t current_frame(void)
{
    return (uintptr_t)__builtin_frame_address(0);
}

/* Sets the native recursion bound to size bytes below the caller's
 * frame. Never collects. */
void js_set_native_stack_size(JSRuntime *rt, size_t size)
{
    uintptr_t here = current_frame();
    rt->native_stack_limit = here > size ? here - size : 0;
}

/* Bytes of C stack that native recursion may use below the caller's frame
 * on this thread: what is left of the thread's stack down to its end, less
 * a margin for the frames that run between two checks (larger under the
 * sanitizers) and for signal handlers, at most JS_MAX_NATIVE_STACK_SIZE.
 * JS_DEFAULT_NATIVE_STACK_SIZE when the thread's stack cannot be asked. */
static size_t thread_stack_room(void)
{
    size_t room = JS_DEFAULT_NATIVE_STACK_SIZE;
#if defined(__linux__) && defined(__GLIBC__)
    /* The main thread: its stack ends near __libc_stack_end and may grow
     * to RLIMIT_STACK. Asking pthread_getattr_np costs more than the rest
     * of runtime creation (it reads /proc/self/maps). */
    struct rlimit rl;
    if (getpid() == gettid() && getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        uintptr_t top = (uintptr_t)__libc_stack_end, here = current_frame();
        size_t size = (size_t)rl.rlim_cur, margin = (64u << 10) + size / 8;
        if (top > size && here < top) {
            uintptr_t low = top - size;
            room = here > low + margin ? here - low - margin : 0;
            return room < JS_MAX_NATIVE_STACK_SIZE ? room : JS_MAX_NATIVE_STACK_SIZE;
        }
    }
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void *addr;
        size_t size;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
            uintptr_t low = (uintptr_t)addr, here = current_frame();
            size_t margin = (64u << 10) + size / 8;
            if (here > low + margin)
                room = here - low - margin;
            else
                room = 0;
        }
        pthread_attr_destroy(&attr);
    }
#endif
    return room < JS_MAX_NATIVE_STACK_SIZE ? room : JS_MAX_NATIVE_STACK_SIZE;
}

JSRuntime *js_new_runtime(void)
{
    JSRuntime *rt = calloc(1, sizeof(JSRuntime));
    if (!rt)
        return NULL;
    rt->current_exception = JS_UNINITIALIZED;
    rt->oom_error = JS_UNDEFINED;
    rt->well_known_symbols_unused = JS_UNDEFINED;
    rt->symbol_registry = JS_UNDEFINED;
    for (int i = 0; i < 256; i++)
        rt->single_char_strings[i] = JS_UNDEFINED;
    js_set_native_stack_size(rt, thread_stack_room());
    if (js_gc_init(rt) < 0 || js_shape_init(rt) < 0 || js_atom_init(rt) < 0 ||
        js_str_init_runtime(rt) < 0)
        goto fail;
    js_object_register_classes(rt);
    js_function_register_classes(rt);
    {
        static const char msg[] = "out of memory";
        JSString *p = js_string_alloc_rt(rt, sizeof msg - 1, false);
        if (!p)
            goto fail;
        memcpy(p->u.latin1, msg, sizeof msg);
        rt->oom_error = js_str_value(p);
    }
    if (js_interp_init_runtime(rt) < 0)
        goto fail;
    return rt;
fail:
    js_gc_free_all(rt);
    js_shape_free_table(rt);
    js_atom_free(rt);
    free(rt);
    return NULL;
}

void js_free_runtime(JSRuntime *rt)
{
    if (!rt)
        return;
    js_interp_free_runtime(rt);
    JSContext *ctx = rt->realms;
    while (ctx) {
        JSContext *next = ctx->next_realm;
        free(ctx);
        ctx = next;
    }
    rt->realms = NULL;
    rt->roots = NULL;
    js_gc_free_all(rt);
    js_shape_free_table(rt);
    js_atom_free(rt);
    free(rt);
}

/* %Function.prototype% itself: accepts any arguments, returns undefined. */
static JSValue function_proto_call(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return JS_UNDEFINED;
}

static void unlink_realm(JSRuntime *rt, JSContext *ctx)
{
    for (JSContext **p = &rt->realms; *p; p = &(*p)->next_realm) {
        if (*p == ctx) {
            *p = ctx->next_realm;
            break;
        }
    }
    if (rt->current_realm == ctx)
        rt->current_realm = rt->realms;
}

JSContext *js_new_context(JSRuntime *rt)
{
    JSContext *ctx = calloc(1, sizeof(JSContext));
    if (!ctx)
        return NULL;
    ctx->rt = rt;
    for (int i = 0; i < JS_CLASS_COUNT; i++)
        ctx->class_proto[i] = JS_UNDEFINED;
    for (int i = 0; i < JS_INTRINSIC_COUNT; i++)
        ctx->intrinsics[i] = JS_UNDEFINED;
    ctx->global_lex_env = JS_UNDEFINED;
    ctx->module_map = JS_UNDEFINED;
    ctx->next_realm = rt->realms;
    rt->realms = ctx;
    JSContext *saved = rt->current_realm;
    rt->current_realm = ctx;

    JSObject *op = js_new_object_proto_class(ctx, JS_NULL, JS_CLASS_OBJECT);
    if (!op)
        goto fail;
    op->h.flags |= JS_OBJ_IMMUTABLE_PROTO;
    ctx->class_proto[JS_CLASS_OBJECT] = js_obj_value(op);

    JSValue fp = js_new_cfunction_atom(ctx, function_proto_call, JS_ATOM_empty_string, 0, JS_CFUNC_PLAIN, 0);
    if (js_is_exception(fp))
        goto fail;
    ctx->class_proto[JS_CLASS_FUNCTION] = fp;
    ctx->class_proto[JS_CLASS_C_FUNCTION] = fp;

    JSObject *g = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_GLOBAL);
    if (!g)
        goto fail;
    /* exotic only while lazy globals are pending (lazy_global.c) */
    g->h.flags &= ~JS_OBJ_EXOTIC;
    ctx->global_obj = g;
    ctx->global_this = g;
    if (js_object_to_dict(ctx, g) < 0)
        goto fail;

    if (js_init_builtins(ctx) < 0)
        goto fail;
    rt->current_realm = saved ? saved : ctx;
    return ctx;
fail:
    unlink_realm(rt, ctx);
    if (saved)
        rt->current_realm = saved;
    free(ctx);
    return NULL;
}

/* ---- exceptions ---- */

JSValue js_throw(JSContext *ctx, JSValue error)
{
    /* the TDZ marker means "no exception pending": only a forged
       bytecode file can make it a thrown value (a register holding it,
       passed to throw or to a promise's reject); it is thrown as
       undefined so that unwinding always has an exception */
    if (js_unlikely(error == JS_UNINITIALIZED))
        error = JS_UNDEFINED;
    ctx->rt->current_exception = error;
    return JS_EXCEPTION;
}

JSValue js_get_exception(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    JSValue v = rt->current_exception;
    rt->current_exception = JS_UNINITIALIZED;
    return v;
}

JSValue js_throw_out_of_memory(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    if (rt->exception_uncatchable)
        return JS_EXCEPTION;
    if (js_gc_in_oom(rt))
        return js_throw(ctx, rt->oom_error);
    js_gc_set_in_oom(rt, true);
    JSValue err = js_new_error(ctx, JS_ERROR_INTERNAL, rt->oom_error);
    js_gc_set_in_oom(rt, false);
    if (js_is_exception(err))
        return js_throw(ctx, rt->oom_error);
    return js_throw(ctx, err);
}

static JSValue throw_va(JSContext *ctx, JSErrorKind kind, const char *fmt, va_list ap)
{
    char buf[256];
    vsnprintf(buf, sizeof buf, fmt, ap);
    JSValue msg = js_new_string_cstr(ctx, buf);
    if (js_is_exception(msg))
        return JS_EXCEPTION;
    JSValue err = js_new_error(ctx, kind, msg);
    if (js_is_exception(err))
        return JS_EXCEPTION;
    return js_throw(ctx, err);
}

JSValue js_throw_error(JSContext *ctx, JSErrorKind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    JSValue r = throw_va(ctx, kind, fmt, ap);
    va_end(ap);
    return r;
}

#define THROW_FN(name, kind)                                   \
    JSValue name(JSContext *ctx, const char *fmt, ...)         \
    {                                                          \
        va_list ap;                                            \
        va_start(ap, fmt);                                     \
        JSValue r = throw_va(ctx, kind, fmt, ap);              \
        va_end(ap);                                            \
        return r;                                              \
    }
THROW_FN(js_throw_type_error, JS_ERROR_TYPE)
THROW_FN(js_throw_range_error, JS_ERROR_RANGE)
THROW_FN(js_throw_reference_error, JS_ERROR_REFERENCE)
THROW_FN(js_throw_syntax_error, JS_ERROR_SYNTAX)

JSValue js_throw_type_error_atom(JSContext *ctx, const char *fmt, JSAtom atom)
{
    char name[128];
    js_atom_get_cstr(ctx->rt, name, sizeof name, atom);
    return js_throw_error(ctx, JS_ERROR_TYPE, fmt, name);
}

JSValue js_new_error(JSContext *ctx, JSErrorKind kind, JSValue message)
{
    JSValue proto;
    if (kind == JS_ERROR_PLAIN)
        proto = ctx->class_proto[JS_CLASS_ERROR];
    else
        proto = ctx->intrinsics[JS_INTRINSIC_EvalErrorPrototype + kind];
    if (!js_is_object(proto))
        proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSRoot rm;
    js_root_push(ctx, &rm, message);
    JSObject *o = js_new_object_proto_class(ctx, proto, JS_CLASS_ERROR);
    JSValue res = JS_EXCEPTION;
    if (o) {
        JSRoot ro;
        js_root_push(ctx, &ro, js_obj_value(o));
        if (!js_is_string(rm.v) ||
            js_object_add_property(ctx, o, JS_ATOM_message, JS_PROP_C_W, rm.v) == 0) {
            if (js_error_capture_stack(ctx, ro.v) >= 0)
                res = ro.v;
        }
    }
    js_root_pop(ctx, &rm);
    return res;
}

bool js_check_stack_overflow(JSContext *ctx)
{
    if (js_unlikely(current_frame() < ctx->rt->native_stack_limit)) {
        js_throw_range_error(ctx, "Maximum call stack size exceeded");
        return true;
    }
    return false;
}
