/* qjs_runtime.h: the public header of the runtime library (runtime-lib/),
 * which compiled programs and the qjs runner link against: the event loop
 * (timers, promise jobs, FinalizationRegistry cleanup jobs), console and
 * print, the std and os objects. Built only on engine/include/qjs.h.
 *
 * Error policy: an exception thrown by a timer callback, a promise job or
 * a cleanup callback is printed on stderr ("Uncaught " and its stack) and
 * the other callbacks still run; a promise rejection still unhandled at
 * the end of a microtask checkpoint is printed ("Uncaught (in promise)
 * ..."). Either makes the loop's exit status 1. */
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
int qjs_runtime_add_console(QJSContext *ctx);
/* setTimeout, setInterval, clearTimeout, clearInterval; also sets up the
 * event loop of ctx's runtime (qjs_loop_init). */
int qjs_runtime_add_timers(QJSContext *ctx);
/* The global gc(): a full collection (qjs_runtime_gc). */
int qjs_runtime_add_gc(QJSContext *ctx);
/* The objects behind the "std" and "os" modules (docs/std-os.md). args
 * become std.args (and the global scriptArgs is left to the host). Until
 * the engine has modules, qjs_runtime_add_std_os defines them as the
 * globals `std` and `os`. */
QJSValue qjs_runtime_new_std(QJSContext *ctx, int argc, char **argv);
QJSValue qjs_runtime_new_os(QJSContext *ctx);
int qjs_runtime_add_std_os(QJSContext *ctx, int argc, char **argv);

/* ---- inspection ---- */

/* Node's util.inspect(v) with its defaults (depth 2, breakLength 80,
 * compact 3), as a malloc'ed UTF-8 string; NULL with an exception
 * pending. May run JS (getters, proxies). */
char *qjs_inspect(QJSContext *ctx, QJSValue v);
/* What console.log prints for argv (format specifiers in a leading
 * string, then the other arguments), without the newline. Malloc'ed;
 * NULL with an exception pending. May run JS. */
char *qjs_format_log_args(QJSContext *ctx, int argc, QJSValue *argv);

/* ---- the event loop ----
 * One loop per runtime; ctx is the context errors are reported in and
 * cleanup jobs run from. One turn runs one macrotask (the expired timer
 * with the earliest deadline; equal deadlines in creation order), then a
 * microtask checkpoint: the promise jobs until none is left, then
 * ClearKeptObjects, then the report of unhandled rejections; then each
 * pending FinalizationRegistry cleanup job followed by its own
 * checkpoint. Timers use the monotonic clock. */

/* Sets up the loop of ctx's runtime (idempotent): installs the promise
 * rejection tracker and the cleanup hook. 0, or -1 if out of memory. */
int qjs_loop_init(QJSContext *ctx);
/* Runs turns until no timer, job or cleanup job is left. Returns the exit
 * status: 0, or 1 if an uncaught error or unhandled rejection was
 * reported (since qjs_loop_init). */
int qjs_loop_run(QJSContext *ctx);
/* Runs at most one turn, waiting up to timeout_ms for a timer to expire
 * (0: do not wait; -1: wait as long as the next timer needs). Promise
 * jobs already pending are run first (one checkpoint). Returns 1 if work
 * is left (timers or jobs), 0 if the loop is empty. */
int qjs_loop_run_once(QJSContext *ctx, int timeout_ms);
/* Milliseconds until the next timer expires (0 if one is due or a job is
 * pending), or -1 if there is no timer and no job: for hosts that poll
 * the loop from their own main loop. */
int64_t qjs_loop_next_deadline(QJSContext *ctx);
/* A microtask checkpoint now (see above). Returns 0, or 1 if an error was
 * reported. */
int qjs_loop_checkpoint(QJSContext *ctx);
/* Takes ctx's pending exception, prints it on stderr as "Uncaught ..."
 * with its stack, and makes the exit status 1. */
void qjs_loop_report_exception(QJSContext *ctx);
/* The exit status so far (0 or 1, or what qjs_loop_set_exit_status set). */
int qjs_loop_exit_status(QJSContext *ctx);
void qjs_loop_set_exit_status(QJSContext *ctx, int status);

#ifdef __cplusplus
}
#endif
#endif
