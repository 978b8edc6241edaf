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
/* [[CanBlock]] of the agent running on rt (default true): when false,
 * Atomics.wait throws TypeError. */
void qjs_runtime_set_can_block(QJSRuntime *rt, bool can_block);
/* Interrupt handler: the engine calls fn(rt, opaque) every few thousand
 * units of work (backward jumps, calls, steps of sort, join, JSON and
 * RegExp matching). A non-zero result stops the running script with an
 * uncatchable InternalError "interrupted": catch and finally blocks do
 * not run, promises do not settle, and the error unwinds to the host
 * call that entered the engine (qjs_eval, qjs_call, a job, ...). Taking
 * it with qjs_take_exception makes the runtime usable again. fn must not
 * call into the engine. NULL uninstalls. */
typedef int QJSInterruptHandler(QJSRuntime *rt, void *opaque);
void qjs_set_interrupt_handler(QJSRuntime *rt, QJSInterruptHandler *fn, void *opaque);
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
/* Defines the global data property name (with the QJS_PROP_WRITABLE,
 * QJS_PROP_ENUMERABLE and QJS_PROP_CONFIGURABLE bits of flags) with the
 * value make(ctx) returns the first time anything reads or redefines it;
 * until then nothing in JS can tell. make must not define name itself.
 * 0, or -1 with an exception pending. May collect. */
typedef QJSValue QJSLazyMake(QJSContext *ctx);
int qjs_define_lazy_global(QJSContext *ctx, const char *name, QJSLazyMake *make, int flags);
/* Defines a data property name on obj with the QJS_PROP_WRITABLE,
 * QJS_PROP_ENUMERABLE and QJS_PROP_CONFIGURABLE bits of flags. 0, or -1
 * with an exception pending. May collect. */
int qjs_define_prop_flags(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val, int flags);
/* Defines an accessor property name on obj (configurable; enumerable if
 * enumerable) with getter and setter (functions or undefined). 0, or -1
 * with an exception pending. May collect. */
int qjs_define_accessor(QJSContext *ctx, QJSValue obj, const char *name, QJSValue getter, QJSValue setter,
                        bool enumerable);

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
 * when the value has one, its stack, each on its own line (an Error's
 * stack, which begins with that line as in V8, stands alone). Malloc'ed. */
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


/* ==== Added for the runtime library (runtime-lib/): host hooks, the
 * event loop's engine side, introspection, host objects, binary data.
 * Implemented in engine/src/api_host.c and engine/src/api_inspect.c. ==== */

/* Roots a value like qjs_ref_new, but needs only the runtime, and never
 * allocates a GC cell, so it may be called from the cleanup hook below
 * (during a collection). NULL if malloc fails. */
QJSRef *qjs_ref_new_rt(QJSRuntime *rt, QJSValue v);

/* One pointer per runtime for the runtime library (its event loop state),
 * separate from qjs_runtime_set_opaque, which stays the embedder's.
 * free_fn (may be NULL) is called by qjs_runtime_free before the heap and
 * the remaining QJSRefs go; it must not call into the engine except
 * qjs_ref_free. Never collects. */
void qjs_runtime_set_lib_data(QJSRuntime *rt, void *data, void (*free_fn)(QJSRuntime *rt, void *data));
void *qjs_runtime_get_lib_data(QJSRuntime *rt);

/* True if a promise job is waiting. Never collects, never throws. */
bool qjs_has_pending_jobs(QJSRuntime *rt);

/* HostPromiseRejectionTracker. fn is called with is_handled false when a
 * promise is rejected while it has no handler, and with is_handled true
 * when a handler is later added to such a promise. fn may allocate
 * (qjs_ref_new) but should not run JS. NULL uninstalls. */
typedef void QJSRejectionTracker(QJSContext *ctx, QJSValue promise, QJSValue reason, bool is_handled, void *opaque);
void qjs_set_promise_rejection_tracker(QJSRuntime *rt, QJSRejectionTracker *fn, void *opaque);

/* FinalizationRegistry cleanup scheduling. The collector calls fn with a
 * registry that has cells whose target died. fn runs DURING a collection:
 * it must not call into the engine except qjs_ref_new_rt (to keep the
 * registry alive until its job runs); the host later calls
 * qjs_run_finalization_cleanup for it, as its own job. */
typedef void QJSCleanupHook(QJSRuntime *rt, QJSValue registry, void *opaque);
void qjs_set_finalization_cleanup_hook(QJSRuntime *rt, QJSCleanupHook *fn, void *opaque);
/* Runs the cleanup callbacks of registry for its cleared cells. Returns 0,
 * or -1 with the exception pending (a callback threw; the remaining cells
 * stay for a later job, and the registry is handed to the cleanup hook
 * again). Runs JS, may collect. */
int qjs_run_finalization_cleanup(QJSContext *ctx, QJSValue registry);
/* ClearKeptObjects: empties the list of WeakRef targets kept alive until
 * the end of the current microtask checkpoint (docs/weakrefs.md). Never
 * collects, never throws. */
void qjs_clear_kept_objects(QJSRuntime *rt);

/* More value tests and keys. */
bool qjs_is_symbol(QJSValue v);
bool qjs_is_bigint(QJSValue v);
/* IsArray (sees through proxies; false for a revoked proxy). */
bool qjs_is_array(QJSContext *ctx, QJSValue v);
/* [[Get]] / [[Set]] with any property key value (ToPropertyKey is
 * applied, so symbols work). May run JS. */
QJSValue qjs_get_property(QJSContext *ctx, QJSValue obj, QJSValue key);
int qjs_set_property(QJSContext *ctx, QJSValue obj, QJSValue key, QJSValue val);
/* Like qjs_to_cstring, but a symbol gives "Symbol(description)" and an
 * object "[object Class]" without running JS. NULL on exception. */
char *qjs_to_display_cstring(QJSContext *ctx, QJSValue v, size_t *len);

/* Introspection, for printers such as console.log. */
/* The class of an object as classes.def names it ("Object", "Array",
 * "Error", "Function", "Map", "Set", "WeakMap", "Date", "RegExp",
 * "Promise", "ArrayBuffer", "Uint8Array", ..., "Number" / "String" /
 * "Boolean" / "Symbol" / "BigInt" for primitive wrappers, "Arguments"),
 * "Proxy" for a proxy, or NULL if v is not an object. Never collects. */
const char *qjs_get_class_name(QJSValue v);
/* The kind of a callable v. Never collects. */
enum {
    QJS_FUNC_NONE = -1,     /* not callable */
    QJS_FUNC_NORMAL = 0,    /* ordinary, arrow, method, native */
    QJS_FUNC_CLASS,         /* class constructor */
    QJS_FUNC_GENERATOR,
    QJS_FUNC_ASYNC,
    QJS_FUNC_ASYNC_GENERATOR,
};
int qjs_get_function_kind(QJSContext *ctx, QJSValue v);
/* [[GetPrototypeOf]]: an object or null (exception for a revoked proxy).
 * May run JS (proxy trap). */
QJSValue qjs_get_prototype(QJSContext *ctx, QJSValue obj);
/* [[OwnPropertyKeys]] of obj as a new array of strings and symbols
 * (integer indices first, then strings, then symbols), filtered by flags.
 * May run JS; exception on error. */
#define QJS_KEYS_STRINGS (1 << 0)
#define QJS_KEYS_SYMBOLS (1 << 1)
#define QJS_KEYS_ENUMERABLE_ONLY (1 << 2)
QJSValue qjs_get_own_property_keys(QJSContext *ctx, QJSValue obj, int flags);
/* [[GetOwnProperty]]: 1 and *desc filled if obj has key, 0 if not, -1 on
 * exception. key is a string or symbol (or any value: ToPropertyKey).
 * The values in desc are not rooted. May run JS (proxies). */
#define QJS_PROP_WRITABLE (1 << 0)
#define QJS_PROP_ENUMERABLE (1 << 1)
#define QJS_PROP_CONFIGURABLE (1 << 2)
#define QJS_PROP_ACCESSOR (1 << 3)  /* getter / setter are set, value is undefined */
typedef struct QJSPropertyDescriptor {
    int flags;          /* QJS_PROP_* */
    QJSValue value;
    QJSValue getter;    /* function or undefined */
    QJSValue setter;
} QJSPropertyDescriptor;
int qjs_get_own_property(QJSContext *ctx, QJSValue obj, QJSValue key, QJSPropertyDescriptor *desc);
/* The primitive inside a Number/String/Boolean/Symbol/BigInt wrapper
 * object, or undefined. Never collects. */
QJSValue qjs_get_primitive_value(QJSValue v);
/* The state of a promise: 0 pending, 1 fulfilled, 2 rejected, or -1 if
 * v is not a promise; *result (may be NULL) gets its value or reason.
 * Never collects. */
int qjs_get_promise_state(QJSValue v, QJSValue *result);

/* Host objects: objects that carry a C pointer for the host, with a C
 * finalizer that releases native resources (it must not call into the
 * engine). cls identifies the kind of host object (one static per kind);
 * proto is the new object's prototype (an object, or null). Host data
 * holds no JS values (the collector does not trace it). May collect. */
typedef struct QJSHostClass {
    const char *name;
    void (*finalize)(QJSRuntime *rt, void *data);   /* data may be NULL */
} QJSHostClass;
QJSValue qjs_new_host_object(QJSContext *ctx, const QJSHostClass *cls, QJSValue proto, void *data);
/* The data of v if v is a host object of class cls, else NULL. */
void *qjs_get_host_data(QJSValue v, const QJSHostClass *cls);
/* Replaces the data (e.g. NULL after the resource was closed). */
void qjs_set_host_data(QJSValue v, const QJSHostClass *cls, void *data);

/* Binary data. qjs_get_bytes gives the bytes an ArrayBuffer,
 * SharedArrayBuffer, typed array or DataView views and *len (NULL with
 * *len 0 when detached or empty, or on error: then an exception is
 * pending and qjs_has_exception is true). The pointer is valid until JS
 * runs again. Never collects. */
uint8_t *qjs_get_bytes(QJSContext *ctx, QJSValue v, size_t *len);
/* A new ArrayBuffer holding a copy of data[0..len). May collect. */
QJSValue qjs_new_array_buffer_copy(QJSContext *ctx, const uint8_t *data, size_t len);

/* ==== Compiled code, modules and serialized bytecode. ====
 * A "compiled unit" is the value qjs_compile returns: a script or a
 * module, compiled but not run. Module names are the strings the host's
 * normalize hook returns (for files: a path; qjsc uses paths relative to
 * the entry module's folder). */

/* The parser and compiler, as the engine reaches them: every compilation
 * of source text at run time (qjs_compile, qjs_eval, eval, new Function,
 * import() of a module that was not compiled ahead) goes through this
 * pointer, which the engine library defines in a file of its own. A
 * program whose every module is precompiled may define it itself:
 *     const QJSCompiler *const qjs_compiler = 0;
 * (`qjsc --no-compiler` does so); the linker then leaves the parser and
 * the compiler out, and compiling source throws "this program was
 * compiled without the JavaScript compiler". */
typedef struct QJSCompiler QJSCompiler;
extern const QJSCompiler *const qjs_compiler;

/* Compiles source as a script (or, with QJS_EVAL_MODULE, a module)
 * without running it. Returns the compiled unit, or an exception
 * (SyntaxError with file:line:column). May collect. */
QJSValue qjs_compile(QJSContext *ctx, const char *src, size_t len, const char *filename, int flags);
/* True if v is a compiled unit; qjs_compiled_is_module tells which kind. */
bool qjs_is_compiled(QJSValue v);
bool qjs_compiled_is_module(QJSValue v);
/* The static import requests of a compiled module ([[RequestedModules]]:
 * import declarations and export ... from, in source order, no dynamic
 * import()): their count, and the specifier of request i (malloc'ed
 * UTF-8; free with qjs_free_cstring) with its `type` import attribute
 * (NULL when absent). -1 / NULL when v is not a compiled module. */
int qjs_module_request_count(QJSContext *ctx, QJSValue compiled);
char *qjs_module_request(QJSContext *ctx, QJSValue compiled, int i, char **type_attr);

/* Runs a compiled unit. A script: its completion value. A module: it is
 * registered under its name if not yet, linked (its imports loaded
 * through the module loader) and evaluated; returns the promise of its
 * evaluation (settled once top-level await is done; the caller drives
 * jobs). May run JS, collect, throw. */
QJSValue qjs_eval_compiled(QJSContext *ctx, QJSValue compiled);

/* The module loader: host hooks; the engine never opens files.
 * normalize: the module name for specifier imported from the module
 * named base (base is the referrer's name or filename; for a script or
 * eval code, its filename). Returns a malloc'ed string, or NULL with an
 * exception pending (the hook throws, naming base and specifier).
 * load: the module of that name: a compiled module (qjs_compile with
 * QJS_EVAL_MODULE, filename = name), a JSON module (qjs_new_json_module)
 * or a native module (qjs_new_native_module); or an exception. type_attr
 * is the `type` import attribute or NULL. Both may run JS.
 * Without a loader, importing a module that is not already registered
 * throws a TypeError. */
typedef char *QJSModuleNormalize(QJSContext *ctx, const char *base, const char *specifier, void *opaque);
typedef QJSValue QJSModuleLoad(QJSContext *ctx, const char *name, const char *type_attr, void *opaque);
void qjs_set_module_loader(QJSRuntime *rt, QJSModuleNormalize *normalize, QJSModuleLoad *load, void *opaque);
/* Registers a module (compiled, JSON or native) in the context's module
 * map under name, so that imports of that name do not call the loader.
 * Returns 0 or -1 (exception). */
int qjs_register_module(QJSContext *ctx, const char *name, QJSValue module);
/* A JSON module: default export JSON.parse(json). Exception on bad JSON. */
QJSValue qjs_new_json_module(QJSContext *ctx, const char *name, const char *json, size_t len);
/* A native (host) module with the given export names; init runs when the
 * module is evaluated and sets every export with qjs_module_set_export.
 * init returns 0 or -1 (exception). */
typedef int QJSModuleInit(QJSContext *ctx, QJSValue module);
QJSValue qjs_new_native_module(QJSContext *ctx, const char *name, const char *const *export_names, int count, QJSModuleInit *init);
int qjs_module_set_export(QJSContext *ctx, QJSValue module, const char *export_name, QJSValue val);
/* The namespace object of a registered, evaluated module; exception if
 * none. */
QJSValue qjs_module_namespace(QJSContext *ctx, const char *name);
/* HostGetImportMetaProperties: called once per module when import.meta
 * is first read, to fill it (e.g. url, resolve). NULL uninstalls. */
typedef int QJSImportMetaHook(QJSContext *ctx, QJSValue meta, const char *module_name, void *opaque);
void qjs_set_import_meta_hook(QJSRuntime *rt, QJSImportMetaHook *fn, void *opaque);

/* Serialized bytecode (docs/bytecode-format.md): one file for a list of
 * compiled units (a module graph: the entry first, then the modules it
 * imports; names[i] is unit i's module name; or one script). */
#define QJS_WRITE_STRIP_SOURCE (1 << 0) /* no source text (toString gives a
                                           valid placeholder) */
#define QJS_WRITE_STRIP_DEBUG  (1 << 1) /* no line tables or file names */
/* Returns a malloc'ed buffer (free with free()) and *len, or NULL with an
 * exception pending. The bytes depend only on the units (no pointers,
 * times, paths other than the names given). May collect. */
uint8_t *qjs_write_bytecode(QJSContext *ctx, int count, const QJSValue *units, const char *const *names, int flags, size_t *len);
/* Reads a buffer written by qjs_write_bytecode, validating every length,
 * index and offset, the checksum and the versions; registers every module
 * of it under its name (qjs_register_module) and returns the first unit,
 * not yet run. A bad buffer throws a SyntaxError whose message says what
 * is wrong (truncated at offset N, checksum mismatch, format version X
 * where this runtime reads Y, ...). Never reads out of bounds. */
QJSValue qjs_read_bytecode(QJSContext *ctx, const uint8_t *buf, size_t len);
/* As qjs_read_bytecode (modules registered), but returns a new array of
 * every unit with its name: [unit0, name0, unit1, name1, ...] (a name is
 * undefined when the unit has none). Script units other than the first
 * are reachable only this way (qjsc stores CommonJS modules so). May
 * collect. */
QJSValue qjs_read_bytecode_units(QJSContext *ctx, const uint8_t *buf, size_t len);
/* Header fields of a serialized buffer, without loading it: returns 0 and
 * fills the fields, or -1 (not a bytecode file / truncated header). */
typedef struct QJSBytecodeHeader {
    uint32_t format_version;
    char engine_version[32];
    uint32_t opcode_hash;
    uint32_t unit_count;
} QJSBytecodeHeader;
int qjs_bytecode_header(const uint8_t *buf, size_t len, QJSBytecodeHeader *hdr);
/* A human-readable dump of a serialized buffer: header, units and their
 * module records, and the disassembly of every function. Malloc'ed; NULL
 * with an exception pending if the buffer is invalid. */
char *qjs_inspect_bytecode(QJSContext *ctx, const uint8_t *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif
