/* The process half of the `os` object (docs/std-os.md): exec (fork and
 * exec, with an error pipe so a failed exec reports its errno to the
 * parent), waitpid, kill, getpid, signal (handlers run by the event
 * loop), and the signal and wait constants. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                 /* execvpe, pipe2 */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rt_int.h"

extern char **environ;

static QJSValue rethrow(QJSContext *ctx) { return qjs_throw(ctx, qjs_take_exception(ctx)); }

/* ---- exec ---- */

/* Everything the child needs, converted before fork: the child runs no
 * JS and allocates nothing. */
typedef struct ExecPlan {
    char **argv;            /* NULL-terminated */
    char **envp;            /* NULL-terminated, or NULL for the parent's */
    char *file;             /* program to run (args[0] by default) */
    char *cwd;              /* or NULL */
    int fds[3];             /* stdin, stdout, stderr: -1 to inherit */
    bool use_path, block;
    int64_t uid, gid;       /* -1 to keep */
} ExecPlan;

static void free_strv(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        qjs_free_cstring(v[i]);
    free(v);
}

static void plan_free(ExecPlan *p)
{
    free_strv(p->argv);
    free_strv(p->envp);
    qjs_free_cstring(p->file);
    qjs_free_cstring(p->cwd);
}

static double array_length(QJSContext *ctx, QJSValue arr)
{
    QJSValue len = qjs_get_prop_str(ctx, arr, "length");
    return qjs_is_number(len) ? qjs_get_number(len) : -1;
}

/* The option name of obj, or undefined; -1 with an exception. */
static int get_opt(QJSContext *ctx, QJSValue obj, const char *name, QJSValue *out)
{
    *out = qjs_get_prop_str(ctx, obj, name);
    return qjs_is_exception(*out) ? -1 : 0;
}

static int opt_int(QJSContext *ctx, QJSValue opts, const char *name, int64_t lo, int64_t hi, int64_t *out)
{
    QJSValue v;
    if (get_opt(ctx, opts, name, &v) < 0)
        return -1;
    if (qjs_is_undefined(v))
        return 0;
    return js_rt_arg_int(ctx, 1, &v, 0, "os.exec", name, lo, hi, out);
}

/* Reads args and options into p. 0, or -1 with an exception pending. */
static int plan_read(QJSContext *ctx, int argc, QJSValue *argv, ExecPlan *p)
{
    QJSValue args = argc > 0 ? argv[0] : qjs_undefined();
    QJSValue opts = argc > 1 ? argv[1] : qjs_undefined();
    if (!qjs_is_array(ctx, args)) {
        qjs_throw_error(ctx, "TypeError", "os.exec: the first argument must be an array of strings");
        return -1;
    }
    double n = array_length(ctx, args);
    if (!(n >= 1 && n < 65536)) {
        qjs_throw_error(ctx, "TypeError", "os.exec: the argument array must not be empty");
        return -1;
    }
    p->argv = calloc((size_t)n + 1, sizeof *p->argv);
    if (!p->argv) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return -1;
    }
    for (uint32_t i = 0; i < (uint32_t)n; i++) {
        QJSValue s = qjs_get_index(ctx, args, i);
        if (qjs_is_exception(s) || !(p->argv[i] = qjs_to_cstring(ctx, s, NULL)))
            return -1;
    }
    if (qjs_is_undefined(opts) || qjs_is_null(opts))
        return 0;
    if (!qjs_is_object(opts)) {
        qjs_throw_error(ctx, "TypeError", "os.exec: the options must be an object");
        return -1;
    }
    QJSValue v;
    if (get_opt(ctx, opts, "block", &v) < 0)
        return -1;
    if (!qjs_is_undefined(v))
        p->block = qjs_is_bool(v) ? qjs_get_bool(v) : !qjs_is_null(v) && !(qjs_is_number(v) && qjs_get_number(v) == 0);
    if (get_opt(ctx, opts, "usePath", &v) < 0)
        return -1;
    if (!qjs_is_undefined(v))
        p->use_path = qjs_is_bool(v) ? qjs_get_bool(v) : !qjs_is_null(v);
    if (get_opt(ctx, opts, "file", &v) < 0 || (!qjs_is_undefined(v) && !(p->file = qjs_to_cstring(ctx, v, NULL))))
        return -1;
    if (get_opt(ctx, opts, "cwd", &v) < 0 || (!qjs_is_undefined(v) && !(p->cwd = qjs_to_cstring(ctx, v, NULL))))
        return -1;
    static const char *const std_names[3] = { "stdin", "stdout", "stderr" };
    for (int i = 0; i < 3; i++) {
        int64_t fd = -1;
        if (opt_int(ctx, opts, std_names[i], 0, INT_MAX, &fd) < 0)
            return -1;
        if (fd >= 0 && fcntl((int)fd, F_GETFD) < 0) {
            char msg[96];
            snprintf(msg, sizeof msg, "os.exec: bad file descriptor %d for %s", (int)fd, std_names[i]);
            qjs_throw_error(ctx, "Error", msg);
            return -1;
        }
        p->fds[i] = (int)fd;
    }
    if (opt_int(ctx, opts, "uid", 0, UINT32_MAX - 1, &p->uid) < 0 ||
        opt_int(ctx, opts, "gid", 0, UINT32_MAX - 1, &p->gid) < 0)
        return -1;
    if (get_opt(ctx, opts, "env", &v) < 0)
        return -1;
    if (!qjs_is_undefined(v)) {
        if (!qjs_is_object(v)) {
            qjs_throw_error(ctx, "TypeError", "os.exec: env must be an object");
            return -1;
        }
        QJSRef *env = qjs_ref_new(ctx, v);
        QJSValue keys = qjs_get_own_prop_keys(ctx, v, QJS_KEYS_STRINGS);
        int r = -1;
        if (!qjs_is_exception(keys)) {
            QJSRef *kref = qjs_ref_new(ctx, keys);
            double nk = array_length(ctx, keys);
            p->envp = calloc((size_t)(nk > 0 ? nk : 0) + 1, sizeof *p->envp);
            r = p->envp ? 0 : -1;
            if (!p->envp)
                qjs_throw_error(ctx, "InternalError", "out of memory");
            for (uint32_t i = 0; r == 0 && i < (uint32_t)nk; i++) {
                QJSValue key = qjs_get_index(ctx, qjs_ref_get(kref), i);
                char *k = qjs_is_exception(key) ? NULL : qjs_to_cstring(ctx, key, NULL);
                QJSValue val = k ? qjs_get_prop(ctx, qjs_ref_get(env), key) : qjs_undefined();
                char *s = k && !qjs_is_exception(val) ? qjs_to_cstring(ctx, val, NULL) : NULL;
                char *kv = s ? malloc(strlen(k) + strlen(s) + 2) : NULL;
                if (kv) {
                    sprintf(kv, "%s=%s", k, s);
                    /* envp entries are freed with qjs_free_cstring, i.e. free */
                    p->envp[i] = kv;
                } else {
                    if (s)
                        qjs_throw_error(ctx, "InternalError", "out of memory");
                    r = -1;
                }
                qjs_free_cstring(k);
                qjs_free_cstring(s);
            }
            qjs_ref_free(kref);
        }
        qjs_ref_free(env);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* Closes every descriptor from 3 up, except keep (the error pipe). */
static void close_from_3(int keep)
{
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3u, (unsigned)keep - 1, 0u) == 0 &&
        syscall(SYS_close_range, (unsigned)keep + 1, ~0u, 0u) == 0)
        return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (int fd = 3; fd < max; fd++)
        if (fd != keep)
            close(fd);
}

/* In the child: set up and exec; on failure write errno to errfd. */
static _Noreturn void child_exec(ExecPlan *p, int errfd)
{
    int err = 0;
    /* move the requested descriptors out of the way of 0..2 first, so
     * that e.g. { stdout: 2, stderr: 1 } swaps them */
    int src[3];
    for (int i = 0; i < 3; i++) {
        src[i] = p->fds[i];
        if (src[i] >= 0 && src[i] < 3 && src[i] != i)
            src[i] = fcntl(src[i], F_DUPFD, 3);
    }
    for (int i = 0; i < 3 && !err; i++)
        if (src[i] >= 0 && src[i] != i && dup2(src[i], i) < 0)
            err = errno;
    if (errfd < 3)
        err = err ? err : EBADF;   /* cannot happen: 0..2 are open in the parent */
    if (!err)
        close_from_3(errfd);
    if (!err && p->cwd && chdir(p->cwd) < 0)
        err = errno;
    if (!err && p->gid >= 0 && setgid((gid_t)p->gid) < 0)
        err = errno;
    if (!err && p->uid >= 0 && setuid((uid_t)p->uid) < 0)
        err = errno;
    if (!err) {
        const char *file = p->file ? p->file : p->argv[0];
        char **envp = p->envp ? p->envp : environ;
        if (p->use_path)
            execvpe(file, p->argv, envp);
        else
            execve(file, p->argv, envp);
        err = errno;
    }
    ssize_t w;
    do {
        w = write(errfd, &err, sizeof err);
    } while (w < 0 && errno == EINTR);
    _exit(127);
}

/* waitpid that retries on EINTR. */
static pid_t wait_child(pid_t pid, int *status, int options)
{
    pid_t r;
    do {
        r = waitpid(pid, status, options);
    } while (r < 0 && errno == EINTR);
    return r;
}

/* The JS value of a wait status: the exit code, or minus the signal. */
static int status_code(int st)
{
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return -WTERMSIG(st);
    return 0;
}

/* exec(args, options) -> the exit code (-signal if killed) when block
 * (the default), else the pid. A program that cannot be started is an
 * Error naming it, with .errno. */
static QJSValue os_exec(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    ExecPlan p = { .fds = { -1, -1, -1 }, .use_path = true, .block = true, .uid = -1, .gid = -1 };
    if (plan_read(ctx, argc, argv, &p) < 0) {
        plan_free(&p);
        return qjs_has_exception(ctx) ? rethrow(ctx) : qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    int errpipe[2];
    if (pipe2(errpipe, O_CLOEXEC) < 0) {
        plan_free(&p);
        return qjs_throw_error(ctx, "Error", "os.exec: cannot create a pipe");
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0)
        child_exec(&p, errpipe[1]);
    int fork_err = errno;
    close(errpipe[1]);
    int child_err = 0;
    if (pid > 0) {
        ssize_t n;
        do {
            n = read(errpipe[0], &child_err, sizeof child_err);
        } while (n < 0 && errno == EINTR);
        if (n != (ssize_t)sizeof child_err)
            child_err = 0;   /* the pipe closed on exec: the program runs */
    }
    close(errpipe[0]);
    char msg[PATH_MAX + 128];
    QJSValue r;
    if (pid < 0 || child_err) {
        int err = pid < 0 ? fork_err : child_err;
        if (pid > 0)
            wait_child(pid, NULL, 0);   /* reap the failed child: no zombie */
        snprintf(msg, sizeof msg, "os.exec: cannot run '%s': %s",
                 p.file ? p.file : p.argv[0], strerror(err));
        r = qjs_throw_error(ctx, "Error", msg);
        QJSValue exc = qjs_take_exception(ctx);
        QJSRef *keep = qjs_ref_new(ctx, exc);
        /* a failure to add errno still throws the error without it */
        if (qjs_set_prop_str(ctx, exc, "errno", qjs_number(err)) < 0)
            qjs_take_exception(ctx);
        r = qjs_throw(ctx, qjs_ref_get(keep));
        qjs_ref_free(keep);
    } else if (p.block) {
        int st = 0;
        if (wait_child(pid, &st, 0) < 0)
            r = qjs_number(-errno);
        else
            r = qjs_number(status_code(st));
    } else {
        r = qjs_number(pid);
    }
    plan_free(&p);
    return r;
}

/* waitpid(pid, options = 0) -> [ret, status]: ret the pid (0 with WNOHANG
 * and nothing to report) or -errno; status the raw wait status. */
static QJSValue os_waitpid(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int64_t pid, opts = 0;
    if (js_rt_arg_int(ctx, argc, argv, 0, "os.waitpid", "pid", INT_MIN, INT_MAX, &pid) < 0)
        return rethrow(ctx);
    if (argc > 1 && !qjs_is_undefined(argv[1]) &&
        js_rt_arg_int(ctx, argc, argv, 1, "os.waitpid", "options", 0, INT_MAX, &opts) < 0)
        return rethrow(ctx);
    int st = 0;
    pid_t r = wait_child((pid_t)pid, &st, (int)opts);
    return js_rt_os_pair(ctx, qjs_number(r < 0 ? -errno : r), st);
}

static int sig_arg(QJSContext *ctx, int argc, QJSValue *argv, int i, const char *fname, int lo, int *sig)
{
    int64_t v;
    if (js_rt_arg_int(ctx, argc, argv, i, fname, "signal number", lo, QJS_LOOP_NSIG - 1, &v) < 0)
        return -1;
    *sig = (int)v;
    return 0;
}

/* kill(pid, sig = SIGTERM) -> 0 or -errno. */
static QJSValue os_kill(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int64_t pid;
    int sig = SIGTERM;
    if (js_rt_arg_int(ctx, argc, argv, 0, "os.kill", "pid", INT_MIN, INT_MAX, &pid) < 0)
        return rethrow(ctx);
    if (argc > 1 && !qjs_is_undefined(argv[1]) && sig_arg(ctx, argc, argv, 1, "os.kill", 0, &sig) < 0)
        return rethrow(ctx);
    return qjs_number(kill((pid_t)pid, sig) < 0 ? -errno : 0);
}

static QJSValue os_getpid(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return qjs_number(getpid());
}

/* signal(sig, fn): fn(sig) runs as a loop event when sig arrives; null
 * restores the default action, undefined ignores the signal. */
static QJSValue os_signal(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int sig;
    if (sig_arg(ctx, argc, argv, 0, "os.signal", 1, &sig) < 0)
        return rethrow(ctx);
    QJSValue fn = argc > 1 ? argv[1] : qjs_undefined();
    int mode = qjs_is_null(fn) ? RT_SIGNAL_DEFAULT : qjs_is_undefined(fn) ? RT_SIGNAL_IGNORE : RT_SIGNAL_HANDLE;
    if (mode == RT_SIGNAL_HANDLE && !qjs_is_function(fn))
        return qjs_throw_error(ctx, "TypeError", "os.signal: the handler must be a function, null or undefined");
    int r = js_rt_loop_set_signal(ctx, sig, mode, fn);
    char msg[96];
    if (r == -EINVAL) {
        snprintf(msg, sizeof msg, "os.signal: signal %d cannot be caught or ignored", sig);
        return qjs_throw_error(ctx, "RangeError", msg);
    }
    if (r < 0) {
        snprintf(msg, sizeof msg, "os.signal: %s", strerror(-r));
        return qjs_throw_error(ctx, "Error", msg);
    }
    return qjs_undefined();
}

int js_rt_os_add_proc(QJSContext *ctx, QJSValue os)
{
    static const struct { const char *name; QJSNativeFunction *fn; int length; } funcs[] = {
        { "exec", os_exec, 2 }, { "waitpid", os_waitpid, 2 }, { "kill", os_kill, 2 },
        { "getpid", os_getpid, 0 }, { "signal", os_signal, 2 },
    };
    static const struct { const char *name; int value; } consts[] = {
        { "WNOHANG", WNOHANG }, { "WUNTRACED", WUNTRACED },
        { "SIGHUP", SIGHUP }, { "SIGINT", SIGINT }, { "SIGQUIT", SIGQUIT }, { "SIGILL", SIGILL },
        { "SIGTRAP", SIGTRAP }, { "SIGABRT", SIGABRT }, { "SIGBUS", SIGBUS }, { "SIGFPE", SIGFPE },
        { "SIGKILL", SIGKILL }, { "SIGUSR1", SIGUSR1 }, { "SIGSEGV", SIGSEGV }, { "SIGUSR2", SIGUSR2 },
        { "SIGPIPE", SIGPIPE }, { "SIGALRM", SIGALRM }, { "SIGTERM", SIGTERM }, { "SIGCHLD", SIGCHLD },
        { "SIGCONT", SIGCONT }, { "SIGSTOP", SIGSTOP }, { "SIGTSTP", SIGTSTP }, { "SIGTTIN", SIGTTIN },
        { "SIGTTOU", SIGTTOU }, { "SIGWINCH", SIGWINCH },
    };
    QJSRef *ref = qjs_ref_new(ctx, os);
    int r = 0;
    for (size_t i = 0; r == 0 && i < sizeof funcs / sizeof funcs[0]; i++)
        r = qjs_define_prop_str(ctx, qjs_ref_get(ref), funcs[i].name,
                            qjs_new_function(ctx, funcs[i].fn, funcs[i].name, funcs[i].length));
    for (size_t i = 0; r == 0 && i < sizeof consts / sizeof consts[0]; i++)
        r = qjs_define_prop_str(ctx, qjs_ref_get(ref), consts[i].name, qjs_number(consts[i].value));
    qjs_ref_free(ref);
    return r;
}
