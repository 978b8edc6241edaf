/* qjs_runtime.h: the public header of the runtime library (runtime-lib/),
 * which compiled programs and the qjs runner link against: the event loop
 * (timers, descriptor watchers, signals, promise jobs, FinalizationRegistry
 * cleanup jobs), console and print, the std and os objects, the module
 * loader and the REPL. Built only on engine/include/qjs.h.
 *
 * Error policy: an exception thrown by a timer callback, an I/O or signal
 * handler, a promise job or a cleanup callback is printed on stderr
 * ("Uncaught " and its stack) and the other callbacks still run; a
 * promise rejection still unhandled at the end of a microtask checkpoint
 * is printed ("Uncaught (in promise) ..."). Either makes the loop's exit
 * status 1.
 *
 * QJS_WARN_UNUSED (qjs.h) marks the functions whose result reports an
 * exception or an allocation failure. */
#ifndef QJS_RUNTIME_H
#define QJS_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>
#include "qjs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- globals ----
 * Each returns 0, or -1 with an exception pending (out of memory). */

/* console (log, info, debug, dir to stdout; warn, error, trace, assert to
 * stderr; Node's util.inspect formatting) and print (ToString of each
 * argument, space separated). */
QJS_API QJS_WARN_UNUSED int qjs_runtime_add_console(QJSContext *ctx);
/* setTimeout, setInterval, clearTimeout, clearInterval; also sets up the
 * event loop of ctx's runtime (qjs_loop_init). */
QJS_API QJS_WARN_UNUSED int qjs_runtime_add_timers(QJSContext *ctx);
/* The Web-standard globals (docs/web-apis.md): atob, btoa, DOMException,
 * performance, crypto, ... as data properties whose implementation is
 * loaded on first use (qjs_define_lazy_global). */
QJS_API QJS_WARN_UNUSED int qjs_runtime_add_web(QJSContext *ctx);
/* The global gc(): a full collection (qjs_runtime_gc). */
QJS_API QJS_WARN_UNUSED int qjs_runtime_add_gc(QJSContext *ctx);
/* The objects behind the "std" and "os" modules (docs/std-os.md). args
 * become std.args (and the global scriptArgs is left to the host). Each
 * returns a new object, or an exception. qjs_runtime_add_std_os defines
 * them as the globals `std` and `os` and makes them the objects the
 * modules "std" and "os" export (qjs_runtime_add_module_loader; without
 * it, the modules get objects of their own, with empty std.args). */
QJS_API QJS_WARN_UNUSED QJSValue qjs_runtime_new_std(QJSContext *ctx, int argc, char **argv);
QJS_API QJS_WARN_UNUSED QJSValue qjs_runtime_new_os(QJSContext *ctx);
QJS_API QJS_WARN_UNUSED int qjs_runtime_add_std_os(QJSContext *ctx, int argc, char **argv);

/* ---- modules (modules.c) ---- */

/* Installs the file module loader on ctx's runtime (qjs_set_module_loader)
 * and the import.meta hook: "./x" and "../x" resolve against the folder
 * of the importing module (or script), "/x" is kept, every path is
 * normalised ("a/./b/../c" is "a/c") and symbolic links resolved; "std"
 * and "os" are native modules exporting the properties of the std / os
 * objects (the same functions as the globals; also `default`, the object
 * itself); "module" gives createRequire; other bare names are npm
 * packages (node_modules, package.json exports/imports/main) and
 * CommonJS files run with require (docs/modules.md). A ".json" file or
 * `with { type: "json" }` gives a JSON module. Errors name the specifier
 * and the importing module: "cannot load module './x.js' imported from
 * /path/main.js: No such file or directory". import.meta.url is "file://"
 * and the absolute path, import.meta.resolve(specifier) the URL an import
 * would load; import.meta.main is true in the main module
 * (qjs_runtime_run_main_module). Never collects; 0, or -1 with an
 * exception pending (out of memory). */
QJS_API QJS_WARN_UNUSED int qjs_runtime_add_module_loader(QJSContext *ctx);
/* The native module "std" or "os" (name), as the file loader's load hook
 * gives it: for hosts with their own loader hooks that still offer these
 * two. A module record, or an exception (also for any other name). */
QJS_API QJS_WARN_UNUSED QJSValue qjs_runtime_load_native_module(QJSContext *ctx, const char *name);
/* The lexical part of the loader's resolution: the module name of a
 * path specifier imported from the module or script named base ("" for
 * code in the current directory): "std" and "os" as they are, else an
 * absolute normalised path (symbolic links kept); NULL for other bare
 * names (the loader resolves those as packages). With base NULL, specifier is a file path (bare or not, relative
 * to the current directory): the name of a main module. Malloc'ed (free
 * with free()); NULL also if out of memory. Touches no JS value. */
QJS_API QJS_WARN_UNUSED char *qjs_runtime_resolve_module(const char *base, const char *specifier);
/* Folds path in place: empty and "." segments dropped, each "dir/.."
 * removed; a relative path keeps its leading ".." segments, an absolute
 * one stops at the root; no trailing slash. Touches no JS value. */
QJS_API void qjs_runtime_fold_path(char *path);
/* Runs compiled (a module from qjs_compile, compiled under the module
 * name `name`, e.g. qjs_runtime_resolve_module(NULL, path)) as the
 * program's main module: import.meta.main is true in it; it is linked and
 * evaluated, then the event loop runs to completion. An error thrown
 * while linking or during the synchronous part of the evaluation is
 * reported ("Uncaught ...") and nothing else runs; a rejection after a
 * top-level await is reported the same way and ends the loop after that
 * turn; a top-level await still pending when nothing is left to run is
 * reported too. Returns the exit status (0, or 1 if anything was
 * reported). Runs JS, may collect; leaves no exception pending. */
QJS_API int qjs_runtime_run_main_module(QJSContext *ctx, QJSValue compiled, const char *name);

/* ---- inspection ---- */

/* Node's util.inspect(v) with its defaults (depth 2, breakLength 80,
 * compact 3), as a malloc'ed UTF-8 string; NULL with an exception
 * pending. May run JS (getters, proxies). */
QJS_API QJS_WARN_UNUSED char *qjs_inspect(QJSContext *ctx, QJSValue v);
/* What console.log prints for argv (format specifiers in a leading
 * string, then the other arguments), without the newline. Malloc'ed;
 * NULL with an exception pending. May run JS. */
QJS_API QJS_WARN_UNUSED char *qjs_format_log_args(QJSContext *ctx, int argc, QJSValue *argv);

/* ---- the event loop ----
 * One loop per runtime; ctx is the context errors are reported in and
 * cleanup jobs run from. One turn polls the watched descriptors and the
 * signal pipe (without waiting if a timer is due) and runs the callbacks
 * of those ready, then runs the expired timer with the earliest deadline
 * (equal deadlines in creation order); each of these macrotasks is
 * followed by a microtask checkpoint: the promise jobs until none is left, then
 * ClearKeptObjects, then the report of unhandled rejections; then each
 * pending FinalizationRegistry cleanup job followed by its own
 * checkpoint. Timers use the monotonic clock. */

/* Sets up the loop of ctx's runtime (idempotent): installs the promise
 * rejection tracker and the cleanup hook. 0, or -1 if out of memory. */
QJS_API QJS_WARN_UNUSED int qjs_loop_init(QJSContext *ctx);
/* Runs turns until no timer, descriptor watcher, job or cleanup job is
 * left (signal handlers alone do not keep the loop running). Returns the exit
 * status: 0, or 1 if an uncaught error or unhandled rejection was
 * reported (since qjs_loop_init). */
QJS_API int qjs_loop_run(QJSContext *ctx);
/* Runs at most one turn, waiting up to timeout_ms for a timer to expire
 * or a descriptor to be ready (0: do not wait; -1: wait as long as the
 * next timer needs, or forever on descriptors alone). It starts
 * with a checkpoint (always, even with no job pending: that ends the
 * synchronous code run before it, e.g. the main script, so its kept
 * WeakRef targets are released), then the pending cleanup jobs. Returns
 * 1 if work is left (timers, watchers or jobs), 0 if the loop is empty. May run
 * JS and collect; exceptions are reported, never left pending. */
QJS_API int qjs_loop_run_once(QJSContext *ctx, int timeout_ms);
/* Milliseconds until the next timer expires (0 if one is due or a job is
 * pending), or -1 if there is no timer and no job: for hosts that poll
 * the loop from their own main loop (with qjs_loop_poll_fds). */
QJS_API int64_t qjs_loop_next_deadline(QJSContext *ctx);

/* ---- descriptors and signals in the loop ----
 * A descriptor watcher calls its callback when poll(2) finds fd ready
 * for reading (QJS_LOOP_READ: data, end of file or an error to read) or
 * writing (QJS_LOOP_WRITE). Each callback runs as one macrotask of a
 * turn, followed by a microtask checkpoint. There is at most one watcher
 * per (fd, direction): a new one replaces the old (a JS handler set by
 * os.setReadHandler / os.setWriteHandler included). A live watcher
 * keeps the loop running. If fd is closed while watched, the watcher is
 * removed and its callback called once more with QJS_LOOP_CLOSED or'ed
 * into dir. The callback may add and remove watchers, its own included. */
#define QJS_LOOP_READ   1
#define QJS_LOOP_WRITE  2
#define QJS_LOOP_CLOSED 4
/* Signal numbers the loop handles: 1 .. QJS_LOOP_NSIG - 1. */
#define QJS_LOOP_NSIG   65
typedef void QJSLoopFdCallback(QJSContext *ctx, int fd, int dir, void *opaque);
/* Watches fd for dir with cb(ctx, fd, dir, opaque); cb NULL removes the
 * watcher. Returns 0, -EBADF (fd not open), -EINVAL (bad dir) or
 * -ENOMEM; removing never fails (also once fd is closed). Never
 * collects, runs no JS. */
QJS_API int qjs_loop_watch_fd(QJSContext *ctx, int fd, int dir, QJSLoopFdCallback *cb, void *opaque);
/* For a host that polls from its own main loop: fills fds[0 .. max) with
 * the descriptors the loop waits on (watchers and, while os.signal
 * handlers are set, the signal pipe), events POLLIN or POLLOUT, and
 * returns how many there are (may exceed max). When one is ready, or
 * qjs_loop_next_deadline is due, the host calls qjs_loop_run_once(ctx,
 * 0), which polls again without waiting and runs what is ready. */
struct pollfd;
QJS_API int qjs_loop_poll_fds(QJSContext *ctx, struct pollfd *fds, int max);
/* A microtask checkpoint now (see above). Returns 0, or 1 if an error was
 * reported. */
QJS_API int qjs_loop_checkpoint(QJSContext *ctx);
/* Takes ctx's pending exception, prints it on stderr as "Uncaught ..."
 * with its stack, and makes the exit status 1. */
QJS_API void qjs_loop_report_exception(QJSContext *ctx);
/* The exit status so far (0 or 1, or what qjs_loop_set_exit_status set). */
QJS_API int qjs_loop_exit_status(QJSContext *ctx);
QJS_API void qjs_loop_set_exit_status(QJSContext *ctx, int status);

/* ---- the REPL (repl.c) ---- */

/* An interactive session on the terminal of standard input: a line
 * editor (raw mode; cursor keys, Home/End, Ctrl-A/E/K/U/W/L, history with
 * Up/Down kept in history_file, or $HOME/.qjs_history when NULL; Ctrl-C
 * cancels the line, Ctrl-D on an empty line or ".exit" leaves), input
 * continued on "... " lines while the statement is unfinished, each
 * statement run as a global script with its value printed as
 * console.log prints it, errors printed without leaving, and top-level
 * await (the loop runs until the awaited promise settles). Timers and
 * handlers run while the prompt waits. Returns 0, or 1 if standard input
 * is not a terminal. Runs JS, may collect. */
QJS_API int qjs_runtime_repl(QJSContext *ctx, const char *history_file);

/* ---- compiled programs (runtime-lib/rt_main.c) ---- */

/* The main() of a program compiled by qjsc: a new runtime and context
 * with console, print, timers, std/os and scriptArgs (argv), a module
 * loader for the embedded module names (relative to the entry module,
 * docs/qjsc.md), then bc (qjs_write_bytecode output, part of the
 * program: read with QJS_READ_TRUSTED, qjs.h) is read and run: a script with qjs_eval_compiled, a module
 * as qjs_runtime_run_main_module does; the event loop runs to
 * completion. Errors are reported on stderr. Returns the exit status: 0,
 * or 1 on an uncaught error, unhandled rejection or a bad bytecode
 * buffer. Runs JS. */
QJS_API int qjs_run_bytecode_main(int argc, char **argv, const uint8_t *bc, size_t len);
/* As qjs_run_bytecode_main, for the main() of a program (what qjsc
 * generates): then ends the process with the exit status (exit(), which
 * flushes every stdio stream) without freeing the heap piece by piece,
 * since the process is ending anyway. Built with AddressSanitizer it frees
 * everything first, so that leak checking still sees a clean teardown.
 * Never returns. */
QJS_API QJS_NORETURN void qjs_run_bytecode_program(int argc, char **argv, const uint8_t *bc, size_t len);

#ifdef __cplusplus
}
#endif
#endif
