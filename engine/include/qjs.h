/* qjs.h: the one public header of the engine, for programs that embed it
 * (the qjs runner, the qjsc compiler, the runtime library, and users).
 *
 * Memory model: the engine has a tracing garbage collector. A value the
 * host keeps in a C variable across a call into the engine must be kept
 * alive with a QJSRef (qjs_ref_new / qjs_ref_free); values passed to a
 * native function (this, arguments) are alive for the duration of the
 * call. Strings returned as C strings are malloc'ed: free them with
 * qjs_free_cstring. Functions returning int give -1 on a pending JS
 * exception; functions returning QJSValue give a value for which
 * qjs_is_exception is true. */
#ifndef QJS_H
#define QJS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QJS_VERSION_STRING "0.1.0"

typedef uint64_t QJSValue;
typedef struct JSRuntime QJSRuntime;
typedef struct JSContext QJSContext;
typedef struct QJSRef QJSRef;

/* Runtime and contexts (realms). */
QJSRuntime *qjs_runtime_new(void);
void qjs_runtime_free(QJSRuntime *rt);
QJSContext *qjs_context_new(QJSRuntime *rt);
QJSRuntime *qjs_context_runtime(QJSContext *ctx);
void qjs_context_set_opaque(QJSContext *ctx, void *opaque);
void *qjs_context_get_opaque(QJSContext *ctx);
void qjs_runtime_set_opaque(QJSRuntime *rt, void *opaque);
void *qjs_runtime_get_opaque(QJSRuntime *rt);
/* 0 means no limit. */
void qjs_runtime_set_memory_limit(QJSRuntime *rt, size_t bytes);
void qjs_runtime_set_stack_size(QJSRuntime *rt, size_t bytes);
void qjs_runtime_gc(QJSRuntime *rt);

/* Evaluation. */
#define QJS_EVAL_STRICT (1 << 0)
#define QJS_EVAL_MODULE (1 << 1)
#define QJS_EVAL_COMPILE_ONLY (1 << 2) /* check syntax and early errors only */
/* Runs UTF-8 source as a classic script (or module) of the context's
 * global scope; returns its completion value or an exception. */
QJSValue qjs_eval(QJSContext *ctx, const char *src, size_t len, const char *filename, int flags);
/* Writes the disassembly of every function compiled from src to out
 * (a malloc'ed NUL-terminated string, free with free()) without running
 * it. Returns 0, or -1 with an exception pending (syntax error). */
int qjs_dump_bytecode(QJSContext *ctx, const char *src, size_t len, const char *filename, int flags, char **out);

/* Values. */
QJSValue qjs_undefined(void);
QJSValue qjs_null(void);
QJSValue qjs_bool(bool b);
QJSValue qjs_number(double d);
QJSValue qjs_new_string(QJSContext *ctx, const char *utf8, size_t len);
QJSValue qjs_new_object(QJSContext *ctx);
QJSValue qjs_new_array(QJSContext *ctx);
bool qjs_is_exception(QJSValue v);
bool qjs_is_undefined(QJSValue v);
bool qjs_is_null(QJSValue v);
bool qjs_is_bool(QJSValue v);
bool qjs_is_number(QJSValue v);
bool qjs_is_string(QJSValue v);
bool qjs_is_object(QJSValue v);
bool qjs_is_function(QJSValue v);
bool qjs_get_bool(QJSValue v);
double qjs_get_number(QJSValue v);

/* Conversions (may run JS). qjs_to_cstring gives UTF-8 (NULL on
 * exception), *len may be NULL. */
char *qjs_to_cstring(QJSContext *ctx, QJSValue v, size_t *len);
void qjs_free_cstring(char *s);
int qjs_to_number(QJSContext *ctx, double *out, QJSValue v);

/* Properties (may run JS). */
QJSValue qjs_get_global(QJSContext *ctx);
QJSValue qjs_get_prop(QJSContext *ctx, QJSValue obj, const char *name);
QJSValue qjs_get_index(QJSContext *ctx, QJSValue obj, uint32_t idx);
/* Plain assignment semantics ([[Set]], throwing on failure). */
int qjs_set_prop(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val);
int qjs_set_index(QJSContext *ctx, QJSValue obj, uint32_t idx, QJSValue val);
/* Defines a writable, configurable, non-enumerable data property (the
 * attributes of host functions such as print). */
int qjs_define_prop(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val);

/* Functions. A native function gets this, argc and argv; argv has at
 * least `length` entries (missing ones are undefined). */
typedef QJSValue QJSNativeFunction(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv);
QJSValue qjs_new_function(QJSContext *ctx, QJSNativeFunction *fn, const char *name, int length);
QJSValue qjs_call(QJSContext *ctx, QJSValue func, QJSValue this_val, int argc, QJSValue *argv);

/* Exceptions. qjs_throw_error throws a new Error of the given
 * constructor name ("TypeError", "RangeError", ... or "Error"). */
QJSValue qjs_throw(QJSContext *ctx, QJSValue error);
QJSValue qjs_throw_error(QJSContext *ctx, const char *kind, const char *message);
/* Takes the pending exception and clears it. */
QJSValue qjs_take_exception(QJSContext *ctx);
bool qjs_has_exception(QJSContext *ctx);
/* A printable description of an exception value: "Name: message" and,
 * when the value has one, its stack, each on its own line. Malloc'ed. */
char *qjs_format_exception(QJSContext *ctx, QJSValue exc);

/* Keeping values alive from the host. */
QJSRef *qjs_ref_new(QJSContext *ctx, QJSValue v);
QJSValue qjs_ref_get(QJSRef *ref);
void qjs_ref_set(QJSRef *ref, QJSValue v);
void qjs_ref_free(QJSRef *ref);

/* Testing hooks (the test262 host needs them). */
/* An object with [[IsHTMLDDA]]: typeof is "undefined", ToBoolean false,
 * == null; calling it returns null. */
QJSValue qjs_new_htmldda(QJSContext *ctx);
/* Detaches an ArrayBuffer; -1 with TypeError if v is not one. */
int qjs_detach_array_buffer(QJSContext *ctx, QJSValue v);

/* Promise jobs and the host's job loop. Returns 1 if a job ran, 0 if the
 * queue was empty, -1 if the job threw (the exception is pending). */
int qjs_run_pending_job(QJSRuntime *rt, QJSContext **job_ctx);

#ifdef __cplusplus
}
#endif
#endif
