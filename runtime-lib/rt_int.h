/* Glue between the files of the runtime library (eventloop.c, console.c,
 * std.c, os.c, os_io.c, os_proc.c, modules.c, repl.c). Not part of its
 * public header. */
#ifndef RT_INT_H
#define RT_INT_H

#include "qjs_runtime.h"
#include "resolve.h"
#include "cjs.h"

/* Per-context values the library keeps alive (prototypes of its host
 * objects, the std and os objects the modules of those names export, the
 * loader's state), stored in the runtime's loop state. */
enum {
    RT_SLOT_FILE_PROTO,
    RT_SLOT_STD,            /* the std object (std.c), shared by the global and the module */
    RT_SLOT_OS,             /* the os object (os.c) */
    RT_SLOT_STD_EXPORTS,    /* export names of the "std" module, an array (modules.c) */
    RT_SLOT_OS_EXPORTS,
    RT_SLOT_STD_ARGS,       /* std.args of the std object not made yet (std.c) */
    RT_SLOT_MAIN_MODULE,    /* name of the main module, a string (modules.c) */
    RT_SLOT_MAIN_FAILED,    /* true once the main module's evaluation rejected */
    RT_SLOT_PKG_CACHE,      /* parsed package.json files by path (resolve.c via modules.c) */
    RT_SLOT_CJS_CORE,       /* the require() core object (cjs.c) */
    RT_SLOT_CJS_MODULE_OBJ, /* the object of the "module" built-in (cjs.c) */
    RT_SLOT_CJS_UNITS,      /* compiled programs: CommonJS function units by name (modules.c) */
    RT_SLOT_META_RESOLVE,   /* the maker of import.meta.resolve functions (modules.c) */
    RT_SLOT_WEB,            /* the Web bundles' exports and their host object (web.c) */
    RT_SLOT_CLONE,          /* the structured clone's captured built-ins (clone.c) */
    RT_SLOT_INSPECT,        /* console's inspection helper function (console.c) */
    RT_SLOT_COUNT
};

/* The std and os objects of ctx (std.c): those of the globals and the
 * modules, made on first use. May collect; an exception on failure. */
QJSValue js_rt_std_object(QJSContext *ctx);
QJSValue js_rt_os_object(QJSContext *ctx);

/* How they are made (std.c, os.c): a std object with std.args = args (an
 * array), and an os object. The program's js_rt_std_os points at them, or
 * is NULL when qjsc --builtins auto left the std and os modules out (and
 * with them os.Worker); the default definition (std_os_table.c) is linked
 * only when the program does not define its own. */
typedef struct JSRtStdOs {
    QJSValue (*new_std)(QJSContext *ctx, QJSValue args);
    QJSValue (*new_os)(QJSContext *ctx);
} JSRtStdOs;
extern const JSRtStdOs *const js_rt_std_os;
QJSValue js_rt_new_std_with_args(QJSContext *ctx, QJSValue args);

/* The value in slot for ctx, or undefined. Never collects. */
QJSValue js_rt_slot_get(QJSContext *ctx, int slot);
/* Sets it (sets up the loop state if needed). 0, or -1 out of memory. */
int js_rt_slot_set(QJSContext *ctx, int slot, QJSValue v);

/* Defines os.setTimeout and os.clearTimeout (the global functions) on
 * os. 0, or -1 with an exception pending. May collect. */
int js_rt_loop_add_os_timers(QJSContext *ctx, QJSValue os);

/* The parts of the os object (os_io.c, os_proc.c), defined on os. 0, or
 * -1 with an exception pending. May collect. */
int js_rt_os_add_io(QJSContext *ctx, QJSValue os);
int js_rt_os_add_proc(QJSContext *ctx, QJSValue os);

/* [value, err] (os.c; also any [value, number] pair); value is consumed
 * even on failure. May collect;
 * an exception if out of memory or value is one. */
QJSValue js_rt_os_pair(QJSContext *ctx, QJSValue value, int err);

/* argv[i] as an integer in [lo, hi] into *out: 0, or -1 with a TypeError
 * (not a number) or RangeError (fraction, NaN, out of range) pending that
 * names fname and what. Runs no JS, never collects. */
int js_rt_arg_int(QJSContext *ctx, int argc, QJSValue *argv, int i, const char *fname,
               const char *what, int64_t lo, int64_t hi, int64_t *out);

/* os.setReadHandler / setWriteHandler (eventloop.c): fn (a function)
 * becomes the JS watcher of (fd, dir), or a non-function removes it.
 * 0, -EBADF (fd not open) or -ENOMEM. Never collects. */
int js_rt_loop_set_handler(QJSContext *ctx, int fd, int dir, QJSValue fn);

/* Uncaught errors of ctx's loop (thrown by a callback, or rejections
 * without a handler) go to hook before they are printed: when it returns
 * true the error is taken care of and not printed (the loop's exit
 * status is 1 either way). os.Worker sends a worker's errors to its
 * parent's onerror so. 0, or -1 (out of memory). */
typedef bool JSRtErrorHook(QJSContext *ctx, QJSValue exc, void *opaque);
int js_rt_loop_set_error_hook(QJSContext *ctx, JSRtErrorHook *hook, void *opaque);

/* os.signal (eventloop.c): what to do with signal sig. fn is called with
 * the signal number as a loop event in RT_SIGNAL_HANDLE mode. 0,
 * -EINVAL (a number out of range, SIGKILL or SIGSTOP) or -errno. */
enum { RT_SIGNAL_DEFAULT, RT_SIGNAL_IGNORE, RT_SIGNAL_HANDLE };
int js_rt_loop_set_signal(QJSContext *ctx, int sig, int mode, QJSValue fn);

/* A one-shot timer calling fn() ms after now (not after the turn's clock
 * reading: os.sleepAsync waits at least ms). 0, or -1 with
 * an exception pending. May collect. */
int js_rt_loop_set_timeout(QJSContext *ctx, double ms, QJSValue fn);
/* The same, counting from the turn's clock reading, for a timer that does
 * not keep the loop alive (Node's unref: AbortSignal.timeout). */
int js_rt_loop_set_timeout_unref(QJSContext *ctx, double ms, QJSValue fn);

/* ---- the module loader's side for CommonJS (modules.c) ---- */

/* A resolver (resolve.h) for a module of referrer's kind: the disk, or
 * in a compiled program the files compiled in (relative names). Pair
 * with js_rt_loader_resolver_done. 0, or -1 with an exception. */
int js_rt_loader_resolver(QJSContext *ctx, QJSResolver *r, const char *referrer);
void js_rt_loader_resolver_done(QJSResolver *r);
/* The QJS_FORMAT_ of the module name; -1 with an exception. May collect. */
int js_rt_loader_format(QJSContext *ctx, const char *name);
/* The compiled unit (a script whose value is the module's function) of
 * the CommonJS module name, or an exception. May collect. */
QJSValue js_rt_loader_cjs_unit(QJSContext *ctx, const char *name);
/* The parsed value of the JSON file name, or an exception. */
QJSValue js_rt_loader_json(QJSContext *ctx, const char *name);
/* The module name of a file path or file: URL (createRequire), malloc'ed;
 * NULL with an exception. */
char *js_rt_loader_path_of(QJSContext *ctx, const char *s);

/* ---- the library's own JS (library_js.c) ---- */

/* Expands, reads and evaluates one unit of the library's JS compiled at
 * build time (tools/embed_js.c): its completion value, or an exception.
 * May collect. */
QJSValue js_rt_eval_library_js(QJSContext *ctx, const uint8_t *lz, size_t lz_size, size_t raw_size);
/* runtime-lib/js/NAME.js, compiled into library_js.c (CMakeLists.txt). */
#define RT_LIBRARY_JS(X) X(cjs_core) X(clone_helper) X(inspect_helper) X(meta_resolve) X(worker_class)
#define RT_LIBRARY_JS_DECLARE(name)                                            \
    extern const uint8_t js_rt_js_##name[];                                    \
    extern const size_t js_rt_js_##name##_size, js_rt_js_##name##_raw_size;
RT_LIBRARY_JS(RT_LIBRARY_JS_DECLARE)
#undef RT_LIBRARY_JS_DECLARE
/* The completion value of runtime-lib/js/NAME.js. */
#define JS_RT_LIBRARY_JS(ctx, name)                                            \
    js_rt_eval_library_js(ctx, js_rt_js_##name, js_rt_js_##name##_size, js_rt_js_##name##_raw_size)

/* ---- compiled programs (embedded.c) ---- */

/* True once qjs_runtime_read_embedded has run: module names are then
 * the names qjsc gave (relative to the entry's folder). */
bool js_rt_embedded_on(void);
/* The resolver's view of the files compiled in. */
const QJSResolveFS *js_rt_embedded_fs(void);
/* The QJS_FORMAT_ of a file compiled in, or -1 if name is none. */
int js_rt_embedded_format(const char *name);
/* In a worker's runtime of a compiled program: reads the program's
 * units again (its modules registered in this runtime, its CommonJS
 * units kept) and returns the module unit named name, or an exception. */
QJSValue js_rt_embedded_worker_unit(QJSContext *ctx, const char *name);
/* rt_main.c: reads a compiled program (qjs_read_bytecode_units): its
 * modules registered, its CommonJS function units and its manifest kept
 * for the loader (which then resolves in the embedded names); returns
 * unit 0, the entry, not run; or an exception. */
QJSValue qjs_runtime_read_embedded(QJSContext *ctx, const uint8_t *bc, size_t len);

/* ---- structured clone to bytes (clone.c) ---- */

/* A serialized value: its bytes and the SharedArrayBuffer blocks it
 * refers to (one reference held on each). Owned by no runtime: it may be
 * made in one thread and read in another. */
typedef struct JSCloneMessage {
    uint8_t *data;
    size_t len;
    QJSSharedBlock **blocks;
    int nblocks;
} JSCloneMessage;
/* HTML's StructuredSerializeWithTransfer of v; transfer is undefined or
 * an array of ArrayBuffers, detached once v is serialized. A new message,
 * or NULL with an exception pending (a DataCloneError DOMException for a
 * value that cannot be cloned, a RangeError when nested too deeply).
 * Runs JS (getters), may collect. */
JSCloneMessage *js_rt_clone_serialize(QJSContext *ctx, QJSValue v, QJSValue transfer);
/* The value m describes, made in ctx (any number of times); a TypeError
 * if the bytes are malformed. May collect. */
QJSValue js_rt_clone_deserialize(QJSContext *ctx, const JSCloneMessage *m);
/* Frees m and drops its block references; NULL is ignored. */
void js_rt_clone_free(JSCloneMessage *m);

/* ---- workers (worker.c) ---- */

/* Defines os.Worker on os (and, in a worker's thread, os.Worker.parent).
 * 0, or -1 with an exception pending. May collect. */
int js_rt_os_add_worker(QJSContext *ctx, QJSValue os);

/* ---- CommonJS (cjs.c) ---- */

/* require() of the ES module name: it is loaded, linked and evaluated
 * now (through a small module importing it) and its namespace returned;
 * a module still waiting on top-level await after that throws. */
QJSValue js_rt_cjs_esm_namespace(QJSContext *ctx, const char *name);
/* The native module "module" or QJS_CJS_INTERNAL_MODULE. */
QJSValue js_rt_cjs_new_builtin_module(QJSContext *ctx, const char *name);

#endif
