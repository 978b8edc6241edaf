/* The public embedding API (engine/include/qjs.h), implemented on the
 * engine's internal interfaces. Host references (QJSRef) are a doubly
 * linked list of roots owned by the runtime. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qjs.h"
#include "context.h"
#include "conv.h"
#include "interp.h"
#include "job.h"
#include "api_int.h"
#include "builtins/typedarray.h"

_Static_assert(sizeof(QJSValue) == sizeof(JSValue), "QJSValue is a JSValue");

struct QJSRef {
    JSValue v;
    struct QJSRef *prev, *next;
    JSRuntime *rt;
};

QJSRuntime *qjs_runtime_new(void) { return js_new_runtime(); }

void qjs_runtime_free(QJSRuntime *rt)
{
    /* The runtime library's state goes first: it frees its own refs. */
    js_api_host_free(rt);
    /* Refs the host forgot to free must not outlive the runtime. */
    while (rt->host_refs)
        qjs_ref_free(rt->host_refs);
    js_free_runtime(rt);
}

QJSContext *qjs_context_new(QJSRuntime *rt) { return js_new_context(rt); }
QJSRuntime *qjs_context_runtime(QJSContext *ctx) { return ctx->rt; }
void qjs_context_set_opaque(QJSContext *ctx, void *opaque) { ctx->opaque = opaque; }
void *qjs_context_get_opaque(QJSContext *ctx) { return ctx->opaque; }
void qjs_runtime_set_opaque(QJSRuntime *rt, void *opaque) { rt->opaque = opaque; }
void *qjs_runtime_get_opaque(QJSRuntime *rt) { return rt->opaque; }
void qjs_runtime_set_memory_limit(QJSRuntime *rt, size_t bytes) { rt->memory_limit = bytes; }
void qjs_runtime_gc(QJSRuntime *rt) { js_gc_collect(rt); }
void qjs_runtime_set_can_block(QJSRuntime *rt, bool can_block) { rt->cannot_block = !can_block; }

void qjs_runtime_set_stack_size(QJSRuntime *rt, size_t bytes)
{
    js_set_native_stack_size(rt, bytes);
}

static int eval_flags(int flags)
{
    return ((flags & QJS_EVAL_STRICT) ? JS_EVAL_STRICT : 0) |
           ((flags & QJS_EVAL_MODULE) ? JS_EVAL_MODULE : 0) |
           ((flags & QJS_EVAL_COMPILE_ONLY) ? JS_EVAL_COMPILE_ONLY : 0);
}

QJSValue qjs_eval(QJSContext *ctx, const char *src, size_t len, const char *filename, int flags)
{
    return js_eval_script(ctx, src, len, filename, eval_flags(flags));
}

int qjs_dump_bytecode(QJSContext *ctx, const char *src, size_t len, const char *filename, int flags, char **out)
{
    return js_dump_script(ctx, src, len, filename, eval_flags(flags), out);
}

QJSValue qjs_undefined(void) { return JS_UNDEFINED; }
QJSValue qjs_null(void) { return JS_NULL; }
QJSValue qjs_bool(bool b) { return js_bool(b); }
QJSValue qjs_number(double d) { return js_number(d); }
QJSValue qjs_new_string(QJSContext *ctx, const char *utf8, size_t len) { return js_new_string_utf8(ctx, utf8, len); }
QJSValue qjs_new_object(QJSContext *ctx) { return js_new_object(ctx); }
QJSValue qjs_new_array(QJSContext *ctx) { return js_new_array(ctx, 0); }
bool qjs_is_exception(QJSValue v) { return js_is_exception(v); }
bool qjs_is_undefined(QJSValue v) { return js_is_undefined(v); }
bool qjs_is_null(QJSValue v) { return js_is_null(v); }
bool qjs_is_bool(QJSValue v) { return js_is_bool(v); }
bool qjs_is_number(QJSValue v) { return js_is_number(v); }
bool qjs_is_string(QJSValue v) { return js_is_string(v); }
bool qjs_is_object(QJSValue v) { return js_is_object(v); }
bool qjs_is_function(QJSValue v) { return js_is_callable(v); }
bool qjs_get_bool(QJSValue v) { return js_get_bool(v); }
double qjs_get_number(QJSValue v) { return js_number_value(v); }

char *qjs_to_cstring(QJSContext *ctx, QJSValue v, size_t *len)
{
    JSValue s = js_to_string(ctx, v);
    if (js_is_exception(s))
        return NULL;
    return js_string_to_utf8(ctx, s, len);
}

void qjs_free_cstring(char *s) { free(s); }

int qjs_to_number(QJSContext *ctx, double *out, QJSValue v) { return js_to_number(ctx, out, v); }

QJSValue qjs_get_global(QJSContext *ctx) { return js_obj_value(ctx->global_obj); }

QJSValue qjs_get_prop_str(QJSContext *ctx, QJSValue obj, const char *name)
{
    JSRoot r;
    js_root_push(ctx, &r, obj);
    JSAtom a = js_atom_from_cstr(ctx, name);
    JSValue v = a == JS_ATOM_NULL ? JS_EXCEPTION : js_get_property(ctx, r.v, a);
    js_root_pop(ctx, &r);
    return v;
}

QJSValue qjs_get_index(QJSContext *ctx, QJSValue obj, uint32_t idx)
{
    return js_get_index(ctx, obj, idx);
}

int qjs_set_prop_str(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val)
{
    JSRoot r[2];
    js_root_push(ctx, &r[0], obj);
    js_root_push(ctx, &r[1], val);
    JSAtom a = js_atom_from_cstr(ctx, name);
    int st = a == JS_ATOM_NULL ? -1 : js_set_property(ctx, r[0].v, a, r[1].v, JS_THROW);
    js_root_pop(ctx, &r[0]);
    return st < 0 ? -1 : 0;
}

int qjs_set_index(QJSContext *ctx, QJSValue obj, uint32_t idx, QJSValue val)
{
    return js_set_index(ctx, obj, idx, val, JS_THROW) < 0 ? -1 : 0;
}

int qjs_define_prop_str(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val)
{
    return qjs_define_prop_str_flags(ctx, obj, name, val, QJS_PROP_WRITABLE | QJS_PROP_CONFIGURABLE);
}

int qjs_define_lazy_global(QJSContext *ctx, const char *name, QJSLazyMake *make, int flags)
{
    uint32_t attrs = (flags & QJS_PROP_WRITABLE ? JS_PROP_WRITABLE : 0) |
                     (flags & QJS_PROP_ENUMERABLE ? JS_PROP_ENUMERABLE : 0) |
                     (flags & QJS_PROP_CONFIGURABLE ? JS_PROP_CONFIGURABLE : 0);
    JSAtom a = js_atom_from_cstr(ctx, name);
    if (a == JS_ATOM_NULL)
        return -1;
    JSRoot ra;
    js_root_push_atom(ctx, &ra, a);
    int st = js_define_lazy_global(ctx, a, attrs, make);
    js_root_pop(ctx, &ra);
    return st < 0 ? -1 : 0;
}

int qjs_define_prop_str_flags(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val, int flags)
{
    if (js_is_exception(val))
        return -1;
    JSRoot r[2];
    js_root_push(ctx, &r[0], obj);
    js_root_push(ctx, &r[1], val);
    JSAtom a = js_atom_from_cstr(ctx, name);
    uint32_t attrs = (flags & QJS_PROP_WRITABLE ? JS_PROP_WRITABLE : 0) |
                     (flags & QJS_PROP_ENUMERABLE ? JS_PROP_ENUMERABLE : 0) |
                     (flags & QJS_PROP_CONFIGURABLE ? JS_PROP_CONFIGURABLE : 0);
    int st = a == JS_ATOM_NULL ? -1 : js_define_property_value(ctx, r[0].v, a, r[1].v, attrs);
    js_root_pop(ctx, &r[0]);
    return st < 0 ? -1 : 0;
}

int qjs_define_accessor_str(QJSContext *ctx, QJSValue obj, const char *name, QJSValue getter, QJSValue setter,
                        bool enumerable)
{
    if (js_is_exception(getter) || js_is_exception(setter))
        return -1;
    JSRoot r[3];
    js_root_push(ctx, &r[0], obj);
    js_root_push(ctx, &r[1], getter);
    js_root_push(ctx, &r[2], setter);
    JSAtom a = js_atom_from_cstr(ctx, name);
    int st = a == JS_ATOM_NULL ? -1
           : js_define_property_getset(ctx, r[0].v, a, r[1].v, r[2].v,
                                       JS_PROP_CONFIGURABLE | (enumerable ? JS_PROP_ENUMERABLE : 0));
    js_root_pop(ctx, &r[0]);
    return st < 0 ? -1 : 0;
}

/* A host function is a native function whose data holds the C function
 * pointer as a number (user-space addresses are below 2^53, exact as a
 * double). */
static JSValue call_host_function(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    (void)magic;
    JSCFunctionObject *self = js_current_native_function(ctx);
    QJSNativeFunction *fn = (QJSNativeFunction *)(uintptr_t)js_number_value(self->data);
    return fn(ctx, this_val, argc, argv);
}

QJSValue qjs_new_function(QJSContext *ctx, QJSNativeFunction *fn, const char *name, int length)
{
    JSValue f = js_new_cfunction_data(ctx, call_host_function, length, 0, js_double((double)(uintptr_t)fn));
    if (js_is_exception(f))
        return f;
    JSRoot r;
    js_root_push(ctx, &r, f);
    JSAtom a = js_atom_from_cstr(ctx, name);
    int st = a == JS_ATOM_NULL ? -1 : js_set_function_name(ctx, r.v, a, JS_ATOM_NULL);
    js_root_pop(ctx, &r);
    return st < 0 ? JS_EXCEPTION : f;
}

QJSValue qjs_call(QJSContext *ctx, QJSValue func, QJSValue this_val, int argc, QJSValue *argv)
{
    return js_call(ctx, func, this_val, argc, argv);
}

QJSValue qjs_throw(QJSContext *ctx, QJSValue error) { return js_throw(ctx, error); }

QJSValue qjs_throw_error(QJSContext *ctx, const char *kind, const char *message)
{
    static const struct { const char *name; JSErrorKind kind; } kinds[] = {
        { "EvalError", JS_ERROR_EVAL }, { "RangeError", JS_ERROR_RANGE },
        { "ReferenceError", JS_ERROR_REFERENCE }, { "SyntaxError", JS_ERROR_SYNTAX },
        { "TypeError", JS_ERROR_TYPE }, { "URIError", JS_ERROR_URI },
        { "InternalError", JS_ERROR_INTERNAL },
    };
    JSErrorKind k = JS_ERROR_PLAIN;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kind, kinds[i].name))
            k = kinds[i].kind;
    /* the whole message (js_throw_error formats into a short buffer;
     * resolution errors list paths) */
    JSValue msg = js_new_string_utf8(ctx, message, strlen(message));
    if (js_is_exception(msg))
        return JS_EXCEPTION;
    JSRoot rm;
    js_root_push(ctx, &rm, msg);
    JSValue err = js_new_error(ctx, k, rm.v);
    js_root_pop(ctx, &rm);
    if (js_is_exception(err))
        return JS_EXCEPTION;
    return js_throw(ctx, err);
}

QJSValue qjs_take_exception(QJSContext *ctx)
{
    /* an interrupt's error has reached the host: later code runs again */
    ctx->rt->exception_uncatchable = false;
    JSValue e = js_get_exception(ctx);
    return e == JS_UNINITIALIZED ? JS_UNDEFINED : e;
}

bool qjs_has_exception(QJSContext *ctx) { return js_has_exception(ctx); }

char *qjs_format_exception(QJSContext *ctx, QJSValue exc)
{
    JSRoot r;
    js_root_push(ctx, &r, exc);
    JSValue saved = js_get_exception(ctx);  /* keep a pending one aside */
    JSRoot rs;
    js_root_push(ctx, &rs, saved);
    char *text = NULL;
    /* An Error gives "Name: message" (Error.prototype.toString); anything
     * else, or an Error whose toString throws, its display string. */
    JSValue s = JS_EXCEPTION;
    if (js_object_is_class(r.v, JS_CLASS_ERROR)) {
        s = js_to_string(ctx, r.v);
        if (js_is_exception(s))
            js_get_exception(ctx);
    }
    if (js_is_exception(s))
        s = js_to_string_for_display(ctx, r.v);
    if (!js_is_exception(s))
        text = js_string_to_utf8(ctx, s, NULL);
    else
        js_get_exception(ctx);
    if (js_is_object(r.v)) {
        JSValue stack = js_get_property(ctx, r.v, JS_ATOM_stack);
        if (js_is_string(stack) && js_string_len(stack) > 0) {
            char *st = js_string_to_utf8(ctx, stack, NULL);
            size_t tn = text ? strlen(text) : 0;
            if (st && text && !strncmp(st, text, tn) && (st[tn] == '\n' || st[tn] == 0)) {
                /* the stack begins with "Name: message" (V8 style): it is
                   the whole report */
                free(text);
                text = st;
                st = NULL;
            } else if (st && text) {
                size_t n = strlen(text), m = strlen(st);
                char *both = malloc(n + m + 2);
                if (both) {
                    memcpy(both, text, n);
                    both[n] = '\n';
                    memcpy(both + n + 1, st, m + 1);
                    free(text);
                    text = both;
                }
            }
            free(st);
        } else if (js_is_exception(stack)) {
            js_get_exception(ctx);
        }
    }
    if (rs.v != JS_UNINITIALIZED)
        js_throw(ctx, rs.v);
    js_root_pop(ctx, &r);
    if (!text)
        text = strdup("(exception that cannot be printed)");
    return text;
}

QJSRef *qjs_ref_new(QJSContext *ctx, QJSValue v)
{
    return qjs_ref_new_rt(ctx->rt, v);
}

/* Only mallocs, so the cleanup hook may call it during a collection. */
QJSRef *qjs_ref_new_rt(QJSRuntime *rt, QJSValue v)
{
    QJSRef *ref = malloc(sizeof *ref);
    if (!ref)
        return NULL;
    ref->v = v;
    ref->rt = rt;
    ref->prev = NULL;
    ref->next = rt->host_refs;
    if (rt->host_refs)
        rt->host_refs->prev = ref;
    rt->host_refs = ref;
    return ref;
}

QJSValue qjs_ref_get(QJSRef *ref) { return ref->v; }
void qjs_ref_set(QJSRef *ref, QJSValue v) { ref->v = v; }

void qjs_ref_free(QJSRef *ref)
{
    if (!ref)
        return;
    if (ref->prev)
        ref->prev->next = ref->next;
    else
        ref->rt->host_refs = ref->next;
    if (ref->next)
        ref->next->prev = ref->prev;
    free(ref);
}

/* Called by the collector: host references are roots. */
void js_api_mark_refs(JSRuntime *rt)
{
    for (QJSRef *r = rt->host_refs; r; r = r->next)
        js_gc_mark_value(rt, r->v);
}

static JSValue htmldda_call(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return JS_NULL;
}

QJSValue qjs_new_htmldda(QJSContext *ctx)
{
    JSValue f = js_new_cfunction(ctx, htmldda_call, "IsHTMLDDA", 0, JS_CFUNC_PLAIN, 0);
    if (!js_is_exception(f))
        JS_VALUE_GET_OBJ(f)->h.flags |= JS_OBJ_HTMLDDA;
    return f;
}

int qjs_detach_array_buffer(QJSContext *ctx, QJSValue v)
{
    return js_detach_array_buffer(ctx, v) < 0 ? -1 : 0;
}

/* Runs the oldest pending promise job (job.c). */
int qjs_run_pending_job(QJSRuntime *rt, QJSContext **job_ctx)
{
    JSContext *unused;
    return js_run_pending_job(rt, job_ctx ? job_ctx : &unused);
}
