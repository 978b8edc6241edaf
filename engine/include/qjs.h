/* qjs.h: the one public header of the engine, for programs that embed it
 * (the qjs runner, the qjsc compiler, the runtime library, and users).
 * Version 1.0; the compatibility promise and a guide with complete
 * examples are in docs/embedding.md.
 *
 * Conventions, once for the whole header:
 * - Exceptions are values returned up the C stack. A function returning
 *   QJSValue reports a thrown exception with a value for which
 *   qjs_is_exception is true; one returning int reports it with -1; one
 *   returning a pointer with NULL. The exception itself is pending in the
 *   context: qjs_take_exception takes it. Such functions are marked
 *   QJS_WARN_UNUSED: ignoring their result ignores an error.
 * - The engine has a precise tracing garbage collector, and any call that
 *   allocates may collect. THE ROOTING RULE: a QJSValue the host holds in
 *   a C variable across a call into the engine (other than the ones that
 *   say "never collects") must be kept alive with a QJSRef. A native
 *   function's this_val and argv are alive for the whole call; a value a
 *   function returns is alive until the next call that may collect.
 * - Property names given as C strings (the *_str functions) are UTF-8.
 *   Functions taking a QJSValue key (qjs_get_prop, ...) apply
 *   ToPropertyKey, so strings, symbols and numbers work.
 * - Strings returned as char * are malloc'ed: free them with
 *   qjs_free_cstring (or free()).
 * - One runtime per thread: a runtime and its contexts are used by one
 *   thread at a time, and values never move between runtimes. */
#ifndef QJS_H
#define QJS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* QJS_API marks the public functions. The libraries are compiled with
 * hidden visibility (CMake C_VISIBILITY_PRESET), so in a shared build
 * they are the only symbols exported; internal ones (js_*) stay inside.
 * QJS_WARN_UNUSED marks the functions whose result reports an exception.
 * QJS_NORETURN marks functions that do not return, in C and C++. */
#if defined(__GNUC__) || defined(__clang__)
#define QJS_API __attribute__((visibility("default")))
#define QJS_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define QJS_API
#define QJS_WARN_UNUSED
#endif
#ifdef __cplusplus
#define QJS_NORETURN [[noreturn]]
#else
#define QJS_NORETURN _Noreturn
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this API (docs/embedding.md: what a minor and a major
 * version may change). QJS_VERSION_STRING is also the engine version
 * stamped into serialized bytecode. */
#define QJS_VERSION_MAJOR 1
#define QJS_VERSION_MINOR 0
#define QJS_VERSION_PATCH 0
#define QJS_VERSION_STRING "1.0.0"

/* A JS value: a 64-bit word (numbers, booleans, undefined and null
 * inline; strings, symbols, BigInts and objects as references into the
 * heap). Compare values with JS semantics, never with ==, except for the
 * immediates qjs_undefined() and qjs_null(). */
typedef uint64_t QJSValue;
typedef struct JSRuntime QJSRuntime;
typedef struct JSContext QJSContext;
typedef struct QJSRef QJSRef;

/* ==================================================== runtime and contexts
 * A runtime owns a heap, a job queue and the hooks below; a context is a
 * realm (a global object and its built-ins) of a runtime. Contexts live
 * until their runtime is freed. */

/* A new runtime, or NULL if out of memory. Its native stack limit is
 * sized from the calling thread's stack (qjs_runtime_set_stack_size). */
QJS_API QJSRuntime *qjs_runtime_new(void);
/* Frees the runtime, its contexts, every value and the QJSRefs the host
 * did not free. Runs no JS (no finalization callback either). */
QJS_API void qjs_runtime_free(QJSRuntime *rt);
/* A new context (realm) with every built-in, or NULL if out of memory. */
QJS_API QJSContext *qjs_context_new(QJSRuntime *rt);
/* The runtime of ctx. */
QJS_API QJSRuntime *qjs_context_runtime(QJSContext *ctx);
/* One pointer for the host per context and per runtime; the engine never
 * reads it. */
QJS_API void qjs_context_set_opaque(QJSContext *ctx, void *opaque);
QJS_API void *qjs_context_get_opaque(QJSContext *ctx);
QJS_API void qjs_runtime_set_opaque(QJSRuntime *rt, void *opaque);
QJS_API void *qjs_runtime_get_opaque(QJSRuntime *rt);
/* One pointer per runtime for the runtime library (its event loop state),
 * separate from qjs_runtime_set_opaque, which stays the embedder's.
 * free_fn (may be NULL) is called by qjs_runtime_free before the heap and
 * the remaining QJSRefs go; it must not call into the engine except
 * qjs_ref_free. Never collects. */
QJS_API void qjs_runtime_set_lib_data(QJSRuntime *rt, void *data, void (*free_fn)(QJSRuntime *rt, void *data));
QJS_API void *qjs_runtime_get_lib_data(QJSRuntime *rt);
/* [[CanBlock]] of the agent running on rt (default true): when false,
 * Atomics.wait throws TypeError. */
QJS_API void qjs_runtime_set_can_block(QJSRuntime *rt, bool can_block);

/* ============================================ evaluation and compiled code */

#define QJS_EVAL_STRICT (1 << 0)
#define QJS_EVAL_MODULE (1 << 1)
#define QJS_EVAL_COMPILE_ONLY (1 << 2) /* check syntax and early errors only */
/* Runs UTF-8 source as a classic script of the context's global scope
 * and returns its completion value; with QJS_EVAL_MODULE, compiles it as
 * a module registered under filename, links and evaluates it and returns
 * the promise of its evaluation; with QJS_EVAL_COMPILE_ONLY, returns
 * undefined once it compiled. A syntax error is a SyntaxError with
 * file:line:column. Runs JS, may collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_eval(QJSContext *ctx, const char *src, size_t len, const char *filename,
                                          int flags);
/* Compiles source as a script (or, with QJS_EVAL_MODULE, a module)
 * without running it. Returns the "compiled unit", or an exception
 * (SyntaxError with file:line:column). May collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_compile(QJSContext *ctx, const char *src, size_t len, const char *filename,
                                             int flags);
/* True if v is a compiled unit; qjs_compiled_is_module tells which kind.
 * Never collect. */
QJS_API bool qjs_is_compiled(QJSValue v);
QJS_API bool qjs_compiled_is_module(QJSValue v);
/* True if a function of the compiled unit v has a regular expression
 * literal (qjsc --builtins auto keeps RegExp for it). Never collects. */
QJS_API bool qjs_compiled_has_regexp(QJSValue v);
/* Runs a compiled unit. A script: its completion value. A module: it is
 * registered under its name if not yet, linked (its imports loaded
 * through the module loader) and evaluated; returns the promise of its
 * evaluation (settled once top-level await is done; the caller drives
 * jobs). Runs JS, may collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_eval_compiled(QJSContext *ctx, QJSValue compiled);
/* Writes the disassembly of every function compiled from src to *out
 * (a malloc'ed NUL-terminated string, free with free()) without running
 * it. Returns 0, or -1 with an exception pending (syntax error). */
QJS_API QJS_WARN_UNUSED int qjs_dump_bytecode(QJSContext *ctx, const char *src, size_t len, const char *filename,
                                              int flags, char **out);

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
QJS_API extern const QJSCompiler *const qjs_compiler;

/* Serialized bytecode (docs/bytecode-format.md): one buffer for a list of
 * compiled units (a module graph: the entry first, then the modules it
 * imports; names[i] is unit i's module name; or one script). */
#define QJS_WRITE_STRIP_SOURCE (1 << 0) /* no source text (toString gives a
                                           valid placeholder) */
#define QJS_WRITE_STRIP_DEBUG  (1 << 1) /* no line tables or file names */
/* Returns a malloc'ed buffer (free with free()) and *len, or NULL with an
 * exception pending. The bytes depend only on the units (no pointers,
 * times, paths other than the names given). May collect. */
QJS_API QJS_WARN_UNUSED uint8_t *qjs_write_bytecode(QJSContext *ctx, int count, const QJSValue *units,
                                                    const char *const *names, int flags, size_t *len);
/* Reads a buffer written by qjs_write_bytecode, validating every length,
 * index and offset, the checksum and the versions; registers every module
 * of it under its name (qjs_register_module) and returns the first unit,
 * not yet run. A bad buffer throws a SyntaxError whose message says what
 * is wrong (truncated at offset N, checksum mismatch, format version X
 * where this runtime reads Y, ...). Never reads out of bounds. May
 * collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_read_bytecode(QJSContext *ctx, const uint8_t *buf, size_t len);
/* As qjs_read_bytecode (modules registered), but returns a new array of
 * every unit with its name: [unit0, name0, unit1, name1, ...] (a name is
 * undefined when the unit has none). Script units other than the first
 * are reachable only this way (qjsc stores CommonJS modules so). May
 * collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_read_bytecode_units(QJSContext *ctx, const uint8_t *buf, size_t len);
/* The same with flags: QJS_READ_TRUSTED for bytes that are part of the
 * program itself (compiled into the executable by qjsc, or built with
 * the host), never for bytes from a file or the network: the header
 * and every length, index and offset are still checked, but not the
 * checksum (a pass over every byte) nor each function's instructions
 * (the verifier of docs/bytecode-format.md, which is most of the loading
 * time), so a forged buffer could crash the process. */
#define QJS_READ_TRUSTED (1 << 0)
QJS_API QJS_WARN_UNUSED QJSValue qjs_read_bytecode_flags(QJSContext *ctx, const uint8_t *buf, size_t len, int flags);
QJS_API QJS_WARN_UNUSED QJSValue qjs_read_bytecode_units_flags(QJSContext *ctx, const uint8_t *buf, size_t len,
                                                              int flags);
/* Header fields of a serialized buffer, without loading it: returns 0 and
 * fills the fields, or -1 (not a bytecode file / truncated header; no
 * exception). Never collects. */
typedef struct QJSBytecodeHeader {
    uint32_t format_version;
    char engine_version[32];
    uint32_t opcode_hash;
    uint32_t unit_count;
} QJSBytecodeHeader;
QJS_API int qjs_bytecode_header(const uint8_t *buf, size_t len, QJSBytecodeHeader *hdr);
/* A human-readable dump of a serialized buffer: header, units and their
 * module records, and the disassembly of every function. Malloc'ed; NULL
 * with an exception pending if the buffer is invalid. */
QJS_API QJS_WARN_UNUSED char *qjs_inspect_bytecode(QJSContext *ctx, const uint8_t *buf, size_t len);

/* ================================================================= values
 * Constructors and tests. The qjs_is_* and qjs_get_bool/number
 * functions never collect and never throw. */

QJS_API QJSValue qjs_undefined(void);
QJS_API QJSValue qjs_null(void);
QJS_API QJSValue qjs_bool(bool b);
QJS_API QJSValue qjs_number(double d);
/* A string from UTF-8 (lone surrogates in WTF-8 are kept); an exception
 * if out of memory. May collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_string(QJSContext *ctx, const char *utf8, size_t len);
/* A new ordinary object (prototype Object.prototype) or empty array; an
 * exception if out of memory. May collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_object(QJSContext *ctx);
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_array(QJSContext *ctx);
/* An object with [[IsHTMLDDA]] (for test262 hosts): typeof is
 * "undefined", ToBoolean false, == null; calling it returns null. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_htmldda(QJSContext *ctx);
QJS_API bool qjs_is_exception(QJSValue v);
QJS_API bool qjs_is_undefined(QJSValue v);
QJS_API bool qjs_is_null(QJSValue v);
QJS_API bool qjs_is_bool(QJSValue v);
QJS_API bool qjs_is_number(QJSValue v);
QJS_API bool qjs_is_string(QJSValue v);
QJS_API bool qjs_is_symbol(QJSValue v);
QJS_API bool qjs_is_bigint(QJSValue v);
QJS_API bool qjs_is_object(QJSValue v);
/* IsCallable. */
QJS_API bool qjs_is_function(QJSValue v);
/* IsArray (sees through proxies; false for a revoked proxy). */
QJS_API bool qjs_is_array(QJSContext *ctx, QJSValue v);
/* The C value of a boolean / number (v must be one). */
QJS_API bool qjs_get_bool(QJSValue v);
QJS_API double qjs_get_number(QJSValue v);

/* ============================================================ conversions */

/* ToString, as malloc'ed UTF-8 (lone surrogates as WTF-8) and its byte
 * length in *len (len may be NULL); NULL with an exception pending (a
 * symbol, or a toString that throws). Runs JS, may collect. */
QJS_API QJS_WARN_UNUSED char *qjs_to_cstring(QJSContext *ctx, QJSValue v, size_t *len);
/* Like qjs_to_cstring, but a symbol gives "Symbol(description)" and an
 * object "[object Class]" without running JS. NULL on exception. */
QJS_API QJS_WARN_UNUSED char *qjs_to_display_cstring(QJSContext *ctx, QJSValue v, size_t *len);
/* Frees a string returned by this API (free() does the same). */
QJS_API void qjs_free_cstring(char *s);
/* ToNumber into *out. 0, or -1 with an exception pending. Runs JS. */
QJS_API QJS_WARN_UNUSED int qjs_to_number(QJSContext *ctx, double *out, QJSValue v);

/* ================================================= objects and properties
 * Naming: qjs_<op>_prop_str takes the key as a C string, qjs_<op>_prop a
 * key value (ToPropertyKey), qjs_<op>_index an array index. Each may run
 * JS (getters, setters, proxy traps) and collect. */

#define QJS_PROP_WRITABLE (1 << 0)
#define QJS_PROP_ENUMERABLE (1 << 1)
#define QJS_PROP_CONFIGURABLE (1 << 2)
#define QJS_PROP_ACCESSOR (1 << 3)  /* getter / setter are set, value is undefined */

/* The global object of ctx. Never collects. */
QJS_API QJSValue qjs_get_global(QJSContext *ctx);
/* [[Get]]: the value, or an exception. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_get_prop_str(QJSContext *ctx, QJSValue obj, const char *name);
QJS_API QJS_WARN_UNUSED QJSValue qjs_get_prop(QJSContext *ctx, QJSValue obj, QJSValue key);
QJS_API QJS_WARN_UNUSED QJSValue qjs_get_index(QJSContext *ctx, QJSValue obj, uint32_t idx);
/* [[Set]] with assignment semantics, throwing on failure (as strict
 * code does). 0, or -1 with an exception pending. */
QJS_API QJS_WARN_UNUSED int qjs_set_prop_str(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val);
QJS_API QJS_WARN_UNUSED int qjs_set_prop(QJSContext *ctx, QJSValue obj, QJSValue key, QJSValue val);
QJS_API QJS_WARN_UNUSED int qjs_set_index(QJSContext *ctx, QJSValue obj, uint32_t idx, QJSValue val);
/* Defines a writable, configurable, non-enumerable data property (the
 * attributes of host functions such as print). 0, or -1 with an
 * exception pending. */
QJS_API QJS_WARN_UNUSED int qjs_define_prop_str(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val);
/* Defines a data property with the QJS_PROP_WRITABLE, QJS_PROP_ENUMERABLE
 * and QJS_PROP_CONFIGURABLE bits of flags. 0, or -1 with an exception
 * pending. */
QJS_API QJS_WARN_UNUSED int qjs_define_prop_str_flags(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val,
                                                      int flags);
/* Defines an accessor property (configurable; enumerable if enumerable)
 * with getter and setter (functions or undefined). 0, or -1 with an
 * exception pending. */
QJS_API QJS_WARN_UNUSED int qjs_define_accessor_str(QJSContext *ctx, QJSValue obj, const char *name, QJSValue getter,
                                                    QJSValue setter, bool enumerable);
/* Defines the global data property name (with the QJS_PROP_WRITABLE,
 * QJS_PROP_ENUMERABLE and QJS_PROP_CONFIGURABLE bits of flags) whose value
 * is make(ctx), called the first time anything reads or redefines it;
 * until then nothing in JS can tell. make must not define name itself.
 * 0, or -1 with an exception pending. May collect. */
typedef QJSValue QJSLazyMake(QJSContext *ctx);
QJS_API QJS_WARN_UNUSED int qjs_define_lazy_global(QJSContext *ctx, const char *name, QJSLazyMake *make, int flags);
/* [[GetPrototypeOf]]: an object or null (exception for a revoked proxy).
 * May run JS (proxy trap). */
QJS_API QJS_WARN_UNUSED QJSValue qjs_get_prototype(QJSContext *ctx, QJSValue obj);
/* [[OwnPropertyKeys]] of obj as a new array of strings and symbols
 * (integer indices first, then strings, then symbols), filtered by flags;
 * an exception on error. */
#define QJS_KEYS_STRINGS (1 << 0)
#define QJS_KEYS_SYMBOLS (1 << 1)
#define QJS_KEYS_ENUMERABLE_ONLY (1 << 2)
QJS_API QJS_WARN_UNUSED QJSValue qjs_get_own_prop_keys(QJSContext *ctx, QJSValue obj, int flags);
/* [[GetOwnProperty]]: 1 and *desc filled if obj has key, 0 if not, -1 on
 * exception. The values in desc are not rooted. */
typedef struct QJSPropertyDescriptor {
    int flags;          /* QJS_PROP_* */
    QJSValue value;
    QJSValue getter;    /* function or undefined */
    QJSValue setter;
} QJSPropertyDescriptor;
QJS_API QJS_WARN_UNUSED int qjs_get_own_prop(QJSContext *ctx, QJSValue obj, QJSValue key,
                                             QJSPropertyDescriptor *desc);

/* ============================================================== functions */

/* A native function gets this, argc and argv; argv has at least `length`
 * entries (missing ones are undefined). For `new F(...)`, this_val is
 * new.target. It returns a value, or an exception (qjs_throw,
 * qjs_throw_error, or one a call it made returned). */
typedef QJSValue QJSNativeFunction(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv);
/* A function object calling fn, with the given name and length
 * properties; an exception if out of memory. May collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_function(QJSContext *ctx, QJSNativeFunction *fn, const char *name,
                                                  int length);
/* Call(func, this_val, argv): its result, or an exception (also when
 * func is not callable). argv needs to be alive only up to the call.
 * Runs JS, may collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_call(QJSContext *ctx, QJSValue func, QJSValue this_val, int argc,
                                          QJSValue *argv);
/* The kind of a callable v. Never collects. */
enum {
    QJS_FUNC_NONE = -1,     /* not callable */
    QJS_FUNC_NORMAL = 0,    /* ordinary, arrow, method, native */
    QJS_FUNC_CLASS,         /* class constructor */
    QJS_FUNC_GENERATOR,
    QJS_FUNC_ASYNC,
    QJS_FUNC_ASYNC_GENERATOR,
};
QJS_API int qjs_get_function_kind(QJSContext *ctx, QJSValue v);

/* ================================================================= errors */

/* Throws error (any value): it becomes the pending exception. Returns the
 * exception marker, so a native function can `return qjs_throw(...)`. */
QJS_API QJSValue qjs_throw(QJSContext *ctx, QJSValue error);
/* Throws a new error of the given constructor name ("TypeError",
 * "RangeError", ... or "Error") with message. Returns the exception
 * marker. May collect. */
QJS_API QJSValue qjs_throw_error(QJSContext *ctx, const char *kind, const char *message);
/* True if an exception is pending. */
QJS_API bool qjs_has_exception(QJSContext *ctx);
/* Takes the pending exception (the thrown value) and clears it; undefined
 * if none. After an interrupt (qjs_set_interrupt_handler) this is what
 * makes the runtime usable again. */
QJS_API QJSValue qjs_take_exception(QJSContext *ctx);
/* A printable description of an exception value: "Name: message" and,
 * when the value has one, its stack, each on its own line (an Error's
 * stack, which begins with that line as in V8, stands alone). Malloc'ed;
 * NULL if out of memory. May run JS. */
QJS_API char *qjs_format_exception(QJSContext *ctx, QJSValue exc);

/* =========================================================== host classes
 * Host objects carry a C pointer for the host, with a C finalizer that
 * releases native resources (it must not call into the engine). cls
 * identifies the kind of host object (one static per kind). Host data
 * holds no JS values (the collector does not trace it): keep JS values in
 * properties of the object instead. */

typedef struct QJSHostClass {
    const char *name;
    void (*finalize)(QJSRuntime *rt, void *data);   /* data may be NULL */
} QJSHostClass;
/* A new host object of class cls with prototype proto (an object, or
 * null) and data; an exception if out of memory. May collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_host_object(QJSContext *ctx, const QJSHostClass *cls, QJSValue proto,
                                                     void *data);
/* The data of v if v is a host object of class cls, else NULL. Never
 * collects. */
QJS_API void *qjs_get_host_data(QJSValue v, const QJSHostClass *cls);
/* Replaces the data (e.g. NULL after the resource was closed). */
QJS_API void qjs_set_host_data(QJSValue v, const QJSHostClass *cls, void *data);

/* ============================================================ binary data */

/* The bytes an ArrayBuffer, SharedArrayBuffer, typed array or DataView
 * views, and their count in *len: NULL with *len 0 when detached or
 * empty, or on error (then an exception is pending and qjs_has_exception
 * is true). The pointer is valid until JS runs again. Never collects. */
QJS_API uint8_t *qjs_get_bytes(QJSContext *ctx, QJSValue v, size_t *len);
/* A new ArrayBuffer holding a copy of data[0..len). May collect. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_array_buffer_copy(QJSContext *ctx, const uint8_t *data, size_t len);

/* Shared memory across runtimes (threads). qjs_sab_block_ref returns the
 * data block of SharedArrayBuffer v with one more reference held by the
 * caller (NULL with a TypeError pending if v is not one); another
 * runtime, in any thread, makes its own SharedArrayBuffer over the same
 * bytes with qjs_new_shared_array_buffer (which takes a reference of its
 * own, so the caller still drops its one with qjs_sab_block_unref). The
 * block is freed when the last reference goes. Never collect, except
 * qjs_new_shared_array_buffer (may collect; exception on OOM). */
typedef struct JSSharedBlock QJSSharedBlock;
QJS_API QJSSharedBlock *qjs_sab_block_ref(QJSContext *ctx, QJSValue v);
QJS_API void qjs_sab_block_unref(QJSSharedBlock *b);
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_shared_array_buffer(QJSContext *ctx, QJSSharedBlock *b);
/* Detaches an ArrayBuffer. 0, or -1 with a TypeError if v is not one. */
QJS_API QJS_WARN_UNUSED int qjs_detach_array_buffer(QJSContext *ctx, QJSValue v);

/* ================================================================ modules
 * Module names are the strings the host's normalize hook returns (for
 * files: a path; qjsc uses paths relative to the entry module's folder).
 * The engine never opens files: the host's loader does. */

/* normalize: the module name for specifier imported from the module
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
QJS_API void qjs_set_module_loader(QJSRuntime *rt, QJSModuleNormalize *normalize, QJSModuleLoad *load,
                                   void *opaque);
/* Registers a module (compiled, JSON or native) in the context's module
 * map under name, so that imports of that name do not call the loader.
 * 0, or -1 with an exception pending. */
QJS_API QJS_WARN_UNUSED int qjs_register_module(QJSContext *ctx, const char *name, QJSValue module);
/* A JSON module: default export JSON.parse(json). Exception on bad JSON. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_json_module(QJSContext *ctx, const char *name, const char *json,
                                                     size_t len);
/* A native (host) module with the given export names; init runs when the
 * module is evaluated and sets every export with qjs_module_set_export.
 * init returns 0 or -1 (exception). */
typedef int QJSModuleInit(QJSContext *ctx, QJSValue module);
QJS_API QJS_WARN_UNUSED QJSValue qjs_new_native_module(QJSContext *ctx, const char *name,
                                                       const char *const *export_names, int count,
                                                       QJSModuleInit *init);
/* Sets an export of a native module (from its init). 0, or -1 with an
 * exception pending (no such export). */
QJS_API QJS_WARN_UNUSED int qjs_module_set_export(QJSContext *ctx, QJSValue module, const char *export_name,
                                                  QJSValue val);
/* The namespace object of a registered, evaluated module; exception if
 * none. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_module_namespace(QJSContext *ctx, const char *name);
/* The static import requests of a compiled module ([[RequestedModules]]:
 * import declarations and export ... from, in source order, no dynamic
 * import()): their count, and the specifier of request i (malloc'ed
 * UTF-8; free with qjs_free_cstring) with its `type` import attribute
 * (NULL when absent). -1 / NULL when v is not a compiled module (no
 * exception). Never collect. */
QJS_API int qjs_module_request_count(QJSContext *ctx, QJSValue compiled);
QJS_API char *qjs_module_request(QJSContext *ctx, QJSValue compiled, int i, char **type_attr);
/* HostGetImportMetaProperties: called once per module when import.meta
 * is first read, to fill it (e.g. url, resolve); returns 0, or -1 with
 * an exception pending. NULL uninstalls. */
typedef int QJSImportMetaHook(QJSContext *ctx, QJSValue meta, const char *module_name, void *opaque);
QJS_API void qjs_set_import_meta_hook(QJSRuntime *rt, QJSImportMetaHook *fn, void *opaque);

/* ====================================================== promises and jobs
 * Promise reactions are jobs in the runtime's queue; the host runs them
 * (the runtime library's event loop does, qjs_runtime.h). */

/* Runs one pending job. Returns 1 if a job ran, 0 if the queue was empty,
 * -1 if the job threw (the exception is pending; *job_ctx, if job_ctx is
 * not NULL, is the job's context, where to take it). Runs JS. */
QJS_API QJS_WARN_UNUSED int qjs_run_pending_job(QJSRuntime *rt, QJSContext **job_ctx);
/* True if a promise job is waiting. Never collects, never throws. */
QJS_API bool qjs_has_pending_jobs(QJSRuntime *rt);
/* The state of a promise: 0 pending, 1 fulfilled, 2 rejected, or -1 if
 * v is not a promise; *result (may be NULL) gets its value or reason.
 * Never collects. */
QJS_API int qjs_get_promise_state(QJSValue v, QJSValue *result);
/* HostPromiseRejectionTracker. fn is called with is_handled false when a
 * promise is rejected while it has no handler, and with is_handled true
 * when a handler is later added to such a promise. fn may allocate
 * (qjs_ref_new) but should not run JS. NULL uninstalls. */
typedef void QJSRejectionTracker(QJSContext *ctx, QJSValue promise, QJSValue reason, bool is_handled, void *opaque);
QJS_API void qjs_set_promise_rejection_tracker(QJSRuntime *rt, QJSRejectionTracker *fn, void *opaque);

/* ============================================= weak references and cleanup
 * docs/weakrefs.md: what the host owes WeakRef and FinalizationRegistry. */

/* FinalizationRegistry cleanup scheduling. The collector calls fn with a
 * registry that has cells whose target died. fn runs DURING a collection:
 * it must not call into the engine except qjs_ref_new_rt (to keep the
 * registry alive until its job runs); the host later calls
 * qjs_run_finalization_cleanup for it, as its own job. */
typedef void QJSCleanupHook(QJSRuntime *rt, QJSValue registry, void *opaque);
QJS_API void qjs_set_finalization_cleanup_hook(QJSRuntime *rt, QJSCleanupHook *fn, void *opaque);
/* Runs the cleanup callbacks of registry for its cleared cells. Returns 0,
 * or -1 with the exception pending (a callback threw; the remaining cells
 * stay for a later job, and the registry is handed to the cleanup hook
 * again). Runs JS, may collect. */
QJS_API QJS_WARN_UNUSED int qjs_run_finalization_cleanup(QJSContext *ctx, QJSValue registry);
/* ClearKeptObjects: empties the list of WeakRef targets kept alive until
 * the end of the current microtask checkpoint. Never collects, never
 * throws. */
QJS_API void qjs_clear_kept_objects(QJSRuntime *rt);

/* =================================================== limits and interrupts
 * docs/limits.md. Each limit gives a catchable error, after which the
 * runtime is usable; only the interrupt is uncatchable. */

/* Heap size limit in bytes (0: none, the default). An allocation past it
 * throws a catchable InternalError "out of memory" (after a
 * collection). */
QJS_API void qjs_runtime_set_memory_limit(QJSRuntime *rt, size_t bytes);
/* Bytes of the calling thread's C stack the engine may use below this
 * call, for the passes that recurse in C (parser, compiler, JSON, ...);
 * deeper input gives SyntaxError or RangeError. Call it on the thread
 * that runs the runtime if that is not the one that created it. */
QJS_API void qjs_runtime_set_stack_size(QJSRuntime *rt, size_t bytes);
/* Interrupt handler: the engine calls fn(rt, opaque) every few thousand
 * units of work (backward jumps, calls, steps of sort, join, JSON and
 * RegExp matching). A non-zero result stops the running script with an
 * uncatchable InternalError "interrupted": catch and finally blocks do
 * not run, promises do not settle, and the error unwinds to the host
 * call that entered the engine (qjs_eval, qjs_call, a job, ...). Taking
 * it with qjs_take_exception makes the runtime usable again. fn must not
 * call into the engine. NULL uninstalls. */
typedef int QJSInterruptHandler(QJSRuntime *rt, void *opaque);
QJS_API void qjs_set_interrupt_handler(QJSRuntime *rt, QJSInterruptHandler *fn, void *opaque);
/* Wakes every Atomics.wait blocked in rt so that it asks the interrupt
 * handler at once: when the handler says stop, the wait ends with the
 * uncatchable "interrupted"; else it waits on. An Atomics.wait also asks
 * the handler when it starts, so setting the handler's flag and then
 * calling this never misses a wait. The one call that may come from any
 * thread (while rt exists); the handler runs on rt's thread. */
QJS_API void qjs_runtime_wake_waits(QJSRuntime *rt);

/* ================================================================= memory */

/* A full collection now. */
QJS_API void qjs_runtime_gc(QJSRuntime *rt);
/* QJSRef: a root the host owns, keeping one value alive (and updatable)
 * across calls until qjs_ref_free; qjs_runtime_free frees the ones left.
 * qjs_ref_new gives NULL if out of memory. */
QJS_API QJSRef *qjs_ref_new(QJSContext *ctx, QJSValue v);
QJS_API QJSValue qjs_ref_get(QJSRef *ref);
QJS_API void qjs_ref_set(QJSRef *ref, QJSValue v);
QJS_API void qjs_ref_free(QJSRef *ref);
/* Roots a value like qjs_ref_new, but needs only the runtime, and never
 * allocates a GC cell, so it may be called from the cleanup hook (during
 * a collection). NULL if malloc fails. */
QJS_API QJSRef *qjs_ref_new_rt(QJSRuntime *rt, QJSValue v);

/* ========================================================== introspection
 * For printers such as console.log. None of these runs JS. */

/* The class of an object as classes.def names it ("Object", "Array",
 * "Error", "Function", "Map", "Set", "WeakMap", "Date", "RegExp",
 * "Promise", "ArrayBuffer", "Uint8Array", ..., "Number" / "String" /
 * "Boolean" / "Symbol" / "BigInt" for primitive wrappers, "Arguments"),
 * "Proxy" for a proxy, or NULL if v is not an object. Never collects. */
QJS_API const char *qjs_get_class_name(QJSValue v);
/* The file name (as compiled: the filename argument or module name) of
 * the script or module whose code runs level JS frames out from the
 * innermost one (0: the function that called the native function now
 * running, or the code running now); eval code and `new Function` code
 * count as the nearest enclosing named code, as for import(). A string,
 * or undefined when there are fewer frames; may throw only when out of
 * memory. */
QJS_API QJS_WARN_UNUSED QJSValue qjs_get_script_name(QJSContext *ctx, int level);
/* The primitive inside a Number/String/Boolean/Symbol/BigInt wrapper
 * object, or undefined. Never collects. */
QJS_API QJSValue qjs_get_primitive_value(QJSValue v);

#ifdef __cplusplus
}
#endif
#endif
