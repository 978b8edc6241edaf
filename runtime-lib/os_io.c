/* The descriptor half of the `os` object (docs/std-os.md): open, close,
 * read, write, seek, pipe, dup, dup2, isatty, the terminal calls
 * (ttyGetWinSize, ttySetRaw), links and times (readlink, symlink,
 * utimes), and the calls served by the event loop: setReadHandler,
 * setWriteHandler, sleepAsync, setTimeout, clearTimeout. Conventions as
 * in os.c: 0 / -errno, or [value, errno]. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                 /* pipe2, utimensat */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "rt_int.h"

static QJSValue rethrow(QJSContext *ctx) { return qjs_throw(ctx, qjs_take_exception(ctx)); }

int js_rt_arg_int(QJSContext *ctx, int argc, QJSValue *argv, int i, const char *fname,
               const char *what, int64_t lo, int64_t hi, int64_t *out)
{
    QJSValue v = i < argc ? argv[i] : qjs_undefined();
    double d;
    char msg[160];
    if (!qjs_is_number(v)) {
        snprintf(msg, sizeof msg, "%s: the %s must be a number", fname, what);
        qjs_throw_error(ctx, "TypeError", msg);
        return -1;
    }
    d = qjs_get_number(v);
    if (d != d || d < (double)lo || d > (double)hi || d != (double)(int64_t)d) {
        snprintf(msg, sizeof msg, "%s: the %s %.17g is out of range", fname, what, d);
        qjs_throw_error(ctx, "RangeError", msg);
        return -1;
    }
    *out = (int64_t)d;
    return 0;
}

static int fd_arg(QJSContext *ctx, int argc, QJSValue *argv, int i, const char *fname, int *fd)
{
    int64_t v;
    if (js_rt_arg_int(ctx, argc, argv, i, fname, "file descriptor", 0, INT_MAX, &v) < 0)
        return -1;
    *fd = (int)v;
    return 0;
}

static QJSValue neg_errno(int r) { return qjs_number(r < 0 ? -errno : r); }

/* open(path, flags = O_RDONLY, mode = 0o666) -> fd or -errno. Descriptors
 * are opened close-on-exec; os.exec passes only stdin/stdout/stderr. */
static QJSValue os_open(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int64_t flags = O_RDONLY, mode = 0666;
    if (argc > 1 && !qjs_is_undefined(argv[1]) &&
        js_rt_arg_int(ctx, argc, argv, 1, "os.open", "flags", INT_MIN, INT_MAX, &flags) < 0)
        return rethrow(ctx);
    if (argc > 2 && !qjs_is_undefined(argv[2]) &&
        js_rt_arg_int(ctx, argc, argv, 2, "os.open", "mode", 0, 07777, &mode) < 0)
        return rethrow(ctx);
    char *path = qjs_to_cstring(ctx, argc > 0 ? argv[0] : qjs_undefined(), NULL);
    if (!path)
        return rethrow(ctx);
    int fd = open(path, (int)flags | O_CLOEXEC, (mode_t)mode);
    int err = errno;
    qjs_free_cstring(path);
    return qjs_number(fd < 0 ? -err : fd);
}

static QJSValue os_close(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int fd;
    if (fd_arg(ctx, argc, argv, 0, "os.close", &fd) < 0)
        return rethrow(ctx);
    return neg_errno(close(fd));
}

/* read/write(fd, buffer, offset = 0, length = rest): buffer an
 * ArrayBuffer (or a view; offsets count from the view's start). Returns
 * the byte count or -errno; a range outside the buffer is a RangeError. */
static QJSValue do_rw(QJSContext *ctx, int argc, QJSValue *argv, bool writing)
{
    const char *fname = writing ? "os.write" : "os.read";
    int fd;
    if (fd_arg(ctx, argc, argv, 0, fname, &fd) < 0)
        return rethrow(ctx);
    size_t len;
    QJSValue buf = argc > 1 ? argv[1] : qjs_undefined();
    if (!qjs_is_object(buf))
        return qjs_throw_error(ctx, "TypeError", writing ? "os.write: the buffer must be an ArrayBuffer"
                                                         : "os.read: the buffer must be an ArrayBuffer");
    uint8_t *p = qjs_get_bytes(ctx, buf, &len);
    if (!p && qjs_has_exception(ctx))
        return rethrow(ctx);
    int64_t off = 0, n = (int64_t)len;
    if (argc > 2 && !qjs_is_undefined(argv[2]) &&
        js_rt_arg_int(ctx, argc, argv, 2, fname, "offset", 0, (int64_t)len, &off) < 0)
        return rethrow(ctx);
    n = (int64_t)len - off;
    if (argc > 3 && !qjs_is_undefined(argv[3]) &&
        js_rt_arg_int(ctx, argc, argv, 3, fname, "length", 0, (int64_t)len - off, &n) < 0)
        return rethrow(ctx);
    /* js_rt_arg_int runs no JS, so p is still valid */
    ssize_t r;
    do {
        r = writing ? write(fd, p + off, (size_t)n) : read(fd, p + off, (size_t)n);
    } while (r < 0 && errno == EINTR);
    return qjs_number(r < 0 ? -errno : (double)r);
}

static QJSValue os_read(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return do_rw(ctx, argc, argv, false);
}

static QJSValue os_write(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return do_rw(ctx, argc, argv, true);
}

/* seek(fd, offset, whence) -> the new offset, or -errno. */
static QJSValue os_seek(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int fd;
    int64_t off, whence;
    if (fd_arg(ctx, argc, argv, 0, "os.seek", &fd) < 0 ||
        js_rt_arg_int(ctx, argc, argv, 1, "os.seek", "offset", -(INT64_C(1) << 53), INT64_C(1) << 53, &off) < 0 ||
        js_rt_arg_int(ctx, argc, argv, 2, "os.seek", "whence", 0, 2, &whence) < 0)
        return rethrow(ctx);
    off_t r = lseek(fd, (off_t)off, (int)whence);
    return qjs_number(r < 0 ? -errno : (double)r);
}

/* pipe() -> [readFd, writeFd] (close-on-exec), or null. */
static QJSValue os_pipe(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        return qjs_null();
    QJSValue arr = js_rt_os_pair(ctx, qjs_number(p[0]), p[1]);
    if (qjs_is_exception(arr)) {
        close(p[0]);
        close(p[1]);
    }
    return arr;
}

static QJSValue os_dup(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int fd;
    if (fd_arg(ctx, argc, argv, 0, "os.dup", &fd) < 0)
        return rethrow(ctx);
    return neg_errno(fcntl(fd, F_DUPFD_CLOEXEC, 0));
}

static QJSValue os_dup2(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int fd, fd2;
    if (fd_arg(ctx, argc, argv, 0, "os.dup2", &fd) < 0 || fd_arg(ctx, argc, argv, 1, "os.dup2", &fd2) < 0)
        return rethrow(ctx);
    if (fd == fd2)  /* dup3 refuses equal descriptors; dup2 checks fd */
        return neg_errno(fcntl(fd, F_GETFD) < 0 ? -1 : fd);
    return neg_errno(dup3(fd, fd2, fd2 > 2 ? O_CLOEXEC : 0));
}

static QJSValue os_isatty(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int fd;
    if (fd_arg(ctx, argc, argv, 0, "os.isatty", &fd) < 0)
        return rethrow(ctx);
    return qjs_bool(isatty(fd) == 1);
}

/* ttyGetWinSize(fd) -> [columns, rows], or null if fd is no terminal. */
static QJSValue os_tty_get_win_size(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int fd;
    if (fd_arg(ctx, argc, argv, 0, "os.ttyGetWinSize", &fd) < 0)
        return rethrow(ctx);
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) < 0 || ws.ws_col == 0)
        return qjs_null();
    return js_rt_os_pair(ctx, qjs_number(ws.ws_col), ws.ws_row);
}

/* The terminal mode saved by the first ttySetRaw, restored at exit. */
static struct termios saved_tty;
static int saved_tty_fd = -1;

static void restore_tty(void)
{
    if (saved_tty_fd >= 0)
        tcsetattr(saved_tty_fd, TCSANOW, &saved_tty);
}

/* ttySetRaw(fd): no echo, no line buffering, no signal keys, no input
 * translation; output processing kept. The previous mode comes back when
 * the process exits. 0 or -errno. */
static QJSValue os_tty_set_raw(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    int fd;
    if (fd_arg(ctx, argc, argv, 0, "os.ttySetRaw", &fd) < 0)
        return rethrow(ctx);
    struct termios t;
    if (tcgetattr(fd, &t) < 0)
        return qjs_number(-errno);
    if (saved_tty_fd < 0) {
        saved_tty = t;
        saved_tty_fd = fd;
        atexit(restore_tty);
    }
    t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t.c_cflag = (t.c_cflag & ~(tcflag_t)(CSIZE | PARENB)) | CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    return neg_errno(tcsetattr(fd, TCSANOW, &t));
}

/* readlink(path) -> [target, errno]. */
static QJSValue os_readlink(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *path = qjs_to_cstring(ctx, argc > 0 ? argv[0] : qjs_undefined(), NULL);
    if (!path)
        return rethrow(ctx);
    char buf[PATH_MAX];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    int err = errno;
    qjs_free_cstring(path);
    if (n < 0)
        return js_rt_os_pair(ctx, qjs_null(), err);
    return js_rt_os_pair(ctx, qjs_new_string(ctx, buf, (size_t)n), 0);
}

/* symlink(target, linkpath) -> 0 or -errno. */
static QJSValue os_symlink(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *target = qjs_to_cstring(ctx, argc > 0 ? argv[0] : qjs_undefined(), NULL);
    if (!target)
        return rethrow(ctx);
    char *link = qjs_to_cstring(ctx, argc > 1 ? argv[1] : qjs_undefined(), NULL);
    if (!link) {
        qjs_free_cstring(target);
        return rethrow(ctx);
    }
    int r = symlink(target, link) < 0 ? -errno : 0;
    qjs_free_cstring(target);
    qjs_free_cstring(link);
    return qjs_number(r);
}

/* utimes(path, atime, mtime), times in ms since the epoch -> 0 or -errno. */
static QJSValue os_utimes(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double t[2];
    for (int i = 0; i < 2; i++) {
        if (qjs_to_number(ctx, &t[i], argc > i + 1 ? argv[i + 1] : qjs_undefined()) < 0)
            return rethrow(ctx);
        if (t[i] != t[i])
            return qjs_throw_error(ctx, "RangeError", "os.utimes: a time is NaN");
    }
    char *path = qjs_to_cstring(ctx, argc > 0 ? argv[0] : qjs_undefined(), NULL);
    if (!path)
        return rethrow(ctx);
    struct timespec ts[2];
    for (int i = 0; i < 2; i++) {
        double s = t[i] / 1000;
        ts[i].tv_sec = (time_t)s;
        ts[i].tv_nsec = (long)((t[i] - (double)ts[i].tv_sec * 1000) * 1e6);
        if (ts[i].tv_nsec < 0) {
            ts[i].tv_sec--;
            ts[i].tv_nsec += 1000000000L;
        }
    }
    int r = utimensat(AT_FDCWD, path, ts, 0) < 0 ? -errno : 0;
    qjs_free_cstring(path);
    return qjs_number(r);
}

/* setReadHandler(fd, fn) / setWriteHandler(fd, fn): fn() is called by the
 * event loop whenever fd is readable / writable; null (or undefined)
 * removes the handler. A descriptor that is not open is an Error. */
static QJSValue set_handler(QJSContext *ctx, int argc, QJSValue *argv, int dir)
{
    const char *fname = dir == QJS_LOOP_READ ? "os.setReadHandler" : "os.setWriteHandler";
    int fd;
    if (fd_arg(ctx, argc, argv, 0, fname, &fd) < 0)
        return rethrow(ctx);
    QJSValue fn = argc > 1 ? argv[1] : qjs_undefined();
    char msg[160];
    if (!qjs_is_function(fn) && !qjs_is_null(fn) && !qjs_is_undefined(fn)) {
        snprintf(msg, sizeof msg, "%s: the handler must be a function or null", fname);
        return qjs_throw_error(ctx, "TypeError", msg);
    }
    int r = js_rt_loop_set_handler(ctx, fd, dir, fn);
    if (r == -EBADF) {
        snprintf(msg, sizeof msg, "%s: bad file descriptor %d", fname, fd);
        return qjs_throw_error(ctx, "Error", msg);
    }
    if (r < 0)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    return qjs_undefined();
}

static QJSValue os_set_read_handler(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return set_handler(ctx, argc, argv, QJS_LOOP_READ);
}

static QJSValue os_set_write_handler(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return set_handler(ctx, argc, argv, QJS_LOOP_WRITE);
}

/* sleepAsync(ms) -> a promise fulfilled (with undefined) after ms. */
static QJSValue os_sleep_async(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double ms = 0;
    if (argc > 0 && qjs_to_number(ctx, &ms, argv[0]) < 0)
        return rethrow(ctx);
    QJSValue promise_ctor = qjs_get_prop_str(ctx, qjs_get_global(ctx), "Promise");
    if (qjs_is_exception(promise_ctor))
        return promise_ctor;
    QJSValue with = qjs_get_prop_str(ctx, promise_ctor, "withResolvers");
    if (qjs_is_exception(with))
        return with;
    QJSValue rec = qjs_call(ctx, with, promise_ctor, 0, NULL);
    if (qjs_is_exception(rec))
        return rec;
    QJSRef *keep = qjs_ref_new(ctx, rec);
    QJSValue resolve = qjs_get_prop_str(ctx, rec, "resolve");
    QJSValue r;
    if (qjs_is_exception(resolve) || js_rt_loop_set_timeout(ctx, ms, resolve) < 0)
        r = rethrow(ctx);
    else
        r = qjs_get_prop_str(ctx, qjs_ref_get(keep), "promise");
    qjs_ref_free(keep);
    return r;
}

int js_rt_os_add_io(QJSContext *ctx, QJSValue os)
{
    static const struct { const char *name; QJSNativeFunction *fn; int length; } funcs[] = {
        { "open", os_open, 3 }, { "close", os_close, 1 }, { "read", os_read, 4 },
        { "write", os_write, 4 }, { "seek", os_seek, 3 }, { "pipe", os_pipe, 0 },
        { "dup", os_dup, 1 }, { "dup2", os_dup2, 2 }, { "isatty", os_isatty, 1 },
        { "ttyGetWinSize", os_tty_get_win_size, 1 }, { "ttySetRaw", os_tty_set_raw, 1 },
        { "readlink", os_readlink, 1 }, { "symlink", os_symlink, 2 }, { "utimes", os_utimes, 3 },
        { "setReadHandler", os_set_read_handler, 2 }, { "setWriteHandler", os_set_write_handler, 2 },
        { "sleepAsync", os_sleep_async, 1 },
    };
    static const struct { const char *name; int value; } consts[] = {
        { "O_RDONLY", O_RDONLY }, { "O_WRONLY", O_WRONLY }, { "O_RDWR", O_RDWR },
        { "O_APPEND", O_APPEND }, { "O_CREAT", O_CREAT }, { "O_EXCL", O_EXCL },
        { "O_TRUNC", O_TRUNC }, { "O_NONBLOCK", O_NONBLOCK }, { "O_TEXT", 0 },
        { "SEEK_SET", SEEK_SET }, { "SEEK_CUR", SEEK_CUR }, { "SEEK_END", SEEK_END },
        { "EBADF", EBADF }, { "EAGAIN", EAGAIN }, { "EINTR", EINTR }, { "EINVAL", EINVAL },
        { "EPIPE", EPIPE }, { "ECHILD", ECHILD }, { "ESRCH", ESRCH }, { "EPERM", EPERM },
    };
    QJSRef *ref = qjs_ref_new(ctx, os);
    int r = 0;
    for (size_t i = 0; r == 0 && i < sizeof funcs / sizeof funcs[0]; i++)
        r = qjs_define_prop_str(ctx, qjs_ref_get(ref), funcs[i].name,
                            qjs_new_function(ctx, funcs[i].fn, funcs[i].name, funcs[i].length));
    for (size_t i = 0; r == 0 && i < sizeof consts / sizeof consts[0]; i++)
        r = qjs_define_prop_str(ctx, qjs_ref_get(ref), consts[i].name, qjs_number(consts[i].value));
    if (r == 0)
        r = js_rt_loop_add_os_timers(ctx, qjs_ref_get(ref));
    qjs_ref_free(ref);
    return r;
}
