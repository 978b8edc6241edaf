/* Glue between the files of the runtime library (eventloop.c, console.c,
 * std.c, os.c, os_io.c, os_proc.c, modules.c, repl.c). Not part of its
 * public header. */
#ifndef RT_INT_H
#define RT_INT_H

#include "qjs_runtime.h"

/* Per-context values the library keeps alive (prototypes of its host
 * objects, the std and os objects the modules of those names export, the
 * loader's state), stored in the runtime's loop state. */
enum {
    RT_SLOT_FILE_PROTO,
    RT_SLOT_STD,            /* the std object (std.c), shared by the global and the module */
    RT_SLOT_OS,             /* the os object (os.c) */
    RT_SLOT_STD_EXPORTS,    /* export names of the "std" module, an array (modules.c) */
    RT_SLOT_OS_EXPORTS,
    RT_SLOT_MAIN_MODULE,    /* name of the main module, a string (modules.c) */
    RT_SLOT_MAIN_FAILED,    /* true once the main module's evaluation rejected */
    RT_SLOT_COUNT
};

/* The value in slot for ctx, or undefined. Never collects. */
QJSValue rt_slot_get(QJSContext *ctx, int slot);
/* Sets it (sets up the loop state if needed). 0, or -1 out of memory. */
int rt_slot_set(QJSContext *ctx, int slot, QJSValue v);

/* Defines os.setTimeout and os.clearTimeout (the global functions) on
 * os. 0, or -1 with an exception pending. May collect. */
int rt_loop_add_os_timers(QJSContext *ctx, QJSValue os);

/* The parts of the os object (os_io.c, os_proc.c), defined on os. 0, or
 * -1 with an exception pending. May collect. */
int rt_os_add_io(QJSContext *ctx, QJSValue os);
int rt_os_add_proc(QJSContext *ctx, QJSValue os);

/* [value, err] (os.c; also any [value, number] pair); value is consumed
 * even on failure. May collect;
 * an exception if out of memory or value is one. */
QJSValue rt_os_pair(QJSContext *ctx, QJSValue value, int err);

/* argv[i] as an integer in [lo, hi] into *out: 0, or -1 with a TypeError
 * (not a number) or RangeError (fraction, NaN, out of range) pending that
 * names fname and what. Runs no JS, never collects. */
int rt_arg_int(QJSContext *ctx, int argc, QJSValue *argv, int i, const char *fname,
               const char *what, int64_t lo, int64_t hi, int64_t *out);

/* os.setReadHandler / setWriteHandler (eventloop.c): fn (a function)
 * becomes the JS watcher of (fd, dir), or a non-function removes it.
 * 0, -EBADF (fd not open) or -ENOMEM. Never collects. */
int rt_loop_set_handler(QJSContext *ctx, int fd, int dir, QJSValue fn);

/* os.signal (eventloop.c): what to do with signal sig. fn is called with
 * the signal number as a loop event in RT_SIGNAL_HANDLE mode. 0,
 * -EINVAL (a number out of range, SIGKILL or SIGSTOP) or -errno. */
enum { RT_SIGNAL_DEFAULT, RT_SIGNAL_IGNORE, RT_SIGNAL_HANDLE };
int rt_loop_set_signal(QJSContext *ctx, int sig, int mode, QJSValue fn);

/* A one-shot timer calling fn() ms after now (not after the turn's clock
 * reading: os.sleepAsync waits at least ms). 0, or -1 with
 * an exception pending. May collect. */
int rt_loop_set_timeout(QJSContext *ctx, double ms, QJSValue fn);

#endif
