/* The `os` object (docs/std-os.md): the monotonic clock and sleep, file
 * system calls (stat, lstat, readdir, remove, rename, mkdir, getcwd,
 * chdir, realpath) and the platform name; it adds the descriptor calls
 * of os_io.c and the process calls of os_proc.c. Calls that can fail follow one
 * convention: functions that produce a value return [value, errno]
 * (errno 0 on success); the others return 0 or -errno. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE     /* realpath, lstat, S_IFLNK, nanosleep */
#endif
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rt_int.h"

static QJSValue rethrow(QJSContext *ctx) { return qjs_throw(ctx, qjs_take_exception(ctx)); }

static char *path_arg(QJSContext *ctx, int argc, QJSValue *argv, int i)
{
    return qjs_to_cstring(ctx, i < argc ? argv[i] : qjs_undefined(), NULL);
}

/* Declared in rt_int.h. */
QJSValue js_rt_os_pair(QJSContext *ctx, QJSValue value, int err)
{
    if (qjs_is_exception(value))
        return value;
    QJSRef *v = qjs_ref_new(ctx, value);
    QJSValue arr = qjs_new_array(ctx);
    if (!qjs_is_exception(arr)) {
        QJSRef *a = qjs_ref_new(ctx, arr);
        if (qjs_set_index(ctx, arr, 0, qjs_ref_get(v)) < 0 ||
            qjs_set_index(ctx, qjs_ref_get(a), 1, qjs_number(err)) < 0)
            arr = rethrow(ctx);
        else
            arr = qjs_ref_get(a);
        qjs_ref_free(a);
    }
    qjs_ref_free(v);
    return arr;
}

static QJSValue os_now(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qjs_number((double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
}

static QJSValue os_sleep(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double ms = 0;
    if (argc > 0 && qjs_to_number(ctx, &ms, argv[0]) < 0)
        return rethrow(ctx);
    if (!(ms > 0))
        return qjs_undefined();
    struct timespec ts = { .tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)((ms - (double)(time_t)(ms / 1000) * 1000) * 1e6) };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
    return qjs_undefined();
}

static int set_num(QJSContext *ctx, QJSValue obj, const char *name, double v)
{
    return qjs_set_prop_str(ctx, obj, name, qjs_number(v));
}

static double ts_ms(struct timespec t) { return (double)t.tv_sec * 1e3 + (double)(t.tv_nsec / 1000000); }

/* stat(path) / lstat(path) -> [obj, errno]; times in ms since the epoch. */
static QJSValue do_stat(QJSContext *ctx, int argc, QJSValue *argv, bool link)
{
    char *path = path_arg(ctx, argc, argv, 0);
    if (!path)
        return rethrow(ctx);
    struct stat st;
    int r = link ? lstat(path, &st) : stat(path, &st);
    int err = errno;
    free(path);
    if (r < 0)
        return js_rt_os_pair(ctx, qjs_null(), err);
    QJSValue obj = qjs_new_object(ctx);
    if (qjs_is_exception(obj))
        return obj;
    QJSRef *o = qjs_ref_new(ctx, obj);
    if (set_num(ctx, obj, "dev", (double)st.st_dev) < 0 ||
        set_num(ctx, qjs_ref_get(o), "ino", (double)st.st_ino) < 0 ||
        set_num(ctx, qjs_ref_get(o), "mode", (double)st.st_mode) < 0 ||
        set_num(ctx, qjs_ref_get(o), "nlink", (double)st.st_nlink) < 0 ||
        set_num(ctx, qjs_ref_get(o), "uid", (double)st.st_uid) < 0 ||
        set_num(ctx, qjs_ref_get(o), "gid", (double)st.st_gid) < 0 ||
        set_num(ctx, qjs_ref_get(o), "rdev", (double)st.st_rdev) < 0 ||
        set_num(ctx, qjs_ref_get(o), "size", (double)st.st_size) < 0 ||
        set_num(ctx, qjs_ref_get(o), "blocks", (double)st.st_blocks) < 0 ||
        set_num(ctx, qjs_ref_get(o), "atime", ts_ms(st.st_atim)) < 0 ||
        set_num(ctx, qjs_ref_get(o), "mtime", ts_ms(st.st_mtim)) < 0 ||
        set_num(ctx, qjs_ref_get(o), "ctime", ts_ms(st.st_ctim)) < 0) {
        qjs_ref_free(o);
        return rethrow(ctx);
    }
    obj = qjs_ref_get(o);
    qjs_ref_free(o);
    return js_rt_os_pair(ctx, obj, 0);
}

static QJSValue os_stat(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return do_stat(ctx, argc, argv, false);
}

static QJSValue os_lstat(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return do_stat(ctx, argc, argv, true);
}

/* readdir(path) -> [names, errno]; names unsorted, "." and ".." included. */
static QJSValue os_readdir(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *path = path_arg(ctx, argc, argv, 0);
    if (!path)
        return rethrow(ctx);
    DIR *d = opendir(path);
    int err = errno;
    free(path);
    if (!d)
        return js_rt_os_pair(ctx, qjs_null(), err);
    QJSValue arr = qjs_new_array(ctx);
    if (qjs_is_exception(arr)) {
        closedir(d);
        return arr;
    }
    QJSRef *a = qjs_ref_new(ctx, arr);
    uint32_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        QJSValue name = qjs_new_string(ctx, e->d_name, strlen(e->d_name));
        if (qjs_is_exception(name) || qjs_set_index(ctx, qjs_ref_get(a), n++, name) < 0) {
            closedir(d);
            qjs_ref_free(a);
            return rethrow(ctx);
        }
    }
    closedir(d);
    arr = qjs_ref_get(a);
    qjs_ref_free(a);
    return js_rt_os_pair(ctx, arr, 0);
}

/* remove(path): a file or an empty directory. 0 or -errno. */
static QJSValue os_remove(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *path = path_arg(ctx, argc, argv, 0);
    if (!path)
        return rethrow(ctx);
    int r = remove(path) == 0 ? 0 : -errno;
    free(path);
    return qjs_number(r);
}

static QJSValue os_rename(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *from = path_arg(ctx, argc, argv, 0);
    if (!from)
        return rethrow(ctx);
    char *to = path_arg(ctx, argc, argv, 1);
    if (!to) {
        free(from);
        return rethrow(ctx);
    }
    int r = rename(from, to) == 0 ? 0 : -errno;
    free(from);
    free(to);
    return qjs_number(r);
}

/* mkdir(path, mode = 0o777): 0 or -errno. */
static QJSValue os_mkdir(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double mode = 0777;
    if (argc > 1 && !qjs_is_undefined(argv[1]) && qjs_to_number(ctx, &mode, argv[1]) < 0)
        return rethrow(ctx);
    char *path = path_arg(ctx, argc, argv, 0);
    if (!path)
        return rethrow(ctx);
    int r = mkdir(path, (mode_t)mode) == 0 ? 0 : -errno;
    free(path);
    return qjs_number(r);
}

static QJSValue os_getcwd(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf))
        return js_rt_os_pair(ctx, qjs_null(), errno);
    return js_rt_os_pair(ctx, qjs_new_string(ctx, buf, strlen(buf)), 0);
}

static QJSValue os_chdir(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *path = path_arg(ctx, argc, argv, 0);
    if (!path)
        return rethrow(ctx);
    int r = chdir(path) == 0 ? 0 : -errno;
    free(path);
    return qjs_number(r);
}

static QJSValue os_realpath(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *path = path_arg(ctx, argc, argv, 0);
    if (!path)
        return rethrow(ctx);
    char buf[PATH_MAX];
    char *r = realpath(path, buf);
    int err = errno;
    free(path);
    if (!r)
        return js_rt_os_pair(ctx, qjs_null(), err);
    return js_rt_os_pair(ctx, qjs_new_string(ctx, buf, strlen(buf)), 0);
}

QJSValue qjs_runtime_new_os(QJSContext *ctx)
{
    static const struct { const char *name; QJSNativeFunction *fn; int length; } funcs[] = {
        { "now", os_now, 0 }, { "sleep", os_sleep, 1 },
        { "stat", os_stat, 1 }, { "lstat", os_lstat, 1 }, { "readdir", os_readdir, 1 },
        { "remove", os_remove, 1 }, { "rename", os_rename, 2 }, { "mkdir", os_mkdir, 2 },
        { "getcwd", os_getcwd, 0 }, { "chdir", os_chdir, 1 }, { "realpath", os_realpath, 1 },
    };
    static const struct { const char *name; int value; } consts[] = {
        { "S_IFMT", S_IFMT }, { "S_IFREG", S_IFREG }, { "S_IFDIR", S_IFDIR },
        { "S_IFLNK", S_IFLNK }, { "S_IFIFO", S_IFIFO }, { "S_IFCHR", S_IFCHR },
        { "S_IFBLK", S_IFBLK }, { "S_IFSOCK", S_IFSOCK },
        { "ENOENT", ENOENT }, { "EEXIST", EEXIST }, { "EACCES", EACCES },
        { "ENOTDIR", ENOTDIR }, { "EISDIR", EISDIR }, { "ENOTEMPTY", ENOTEMPTY },
    };
    QJSValue os = qjs_new_object(ctx);
    if (qjs_is_exception(os))
        return os;
    QJSRef *ref = qjs_ref_new(ctx, os);
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        if (qjs_define_prop_str(ctx, qjs_ref_get(ref), funcs[i].name, qjs_new_function(ctx, funcs[i].fn, funcs[i].name, funcs[i].length)) < 0)
            goto fail;
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (qjs_define_prop_str(ctx, qjs_ref_get(ref), consts[i].name, qjs_number(consts[i].value)) < 0)
            goto fail;
#if defined(__linux__)
    const char *platform = "linux";
#elif defined(__APPLE__)
    const char *platform = "darwin";
#else
    const char *platform = "unknown";
#endif
    if (js_rt_os_add_io(ctx, qjs_ref_get(ref)) < 0 || js_rt_os_add_proc(ctx, qjs_ref_get(ref)) < 0 ||
        js_rt_os_add_worker(ctx, qjs_ref_get(ref)) < 0)
        goto fail;
    if (qjs_define_prop_str(ctx, qjs_ref_get(ref), "platform", qjs_new_string(ctx, platform, strlen(platform))) < 0)
        goto fail;
    os = qjs_ref_get(ref);
    qjs_ref_free(ref);
    return os;
fail:
    qjs_ref_free(ref);
    return rethrow(ctx);
}
