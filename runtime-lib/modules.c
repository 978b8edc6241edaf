/* The file module loader of the runtime library (docs/std-os.md):
 * resolving specifiers against the importing module (relative, absolute,
 * the bare names "std" and "os"), loading files as JavaScript or JSON
 * modules, the native modules "std" and "os" (the objects of std.c and
 * os.c), import.meta (url, main) and running a program's main module. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE     /* getcwd, S_ISDIR */
#endif
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rt_int.h"

static QJSValue rethrow(QJSContext *ctx) { return qjs_throw(ctx, qjs_take_exception(ctx)); }

/* "std" and "os", also under QuickJS-NG's names "qjs:std" and "qjs:os"
 * (which resolve to the same modules). */
static bool is_native_name(const char *s)
{
    if (!strncmp(s, "qjs:", 4))
        s += 4;
    return !strcmp(s, "std") || !strcmp(s, "os");
}

static bool is_relative(const char *s)
{
    return !strcmp(s, ".") || !strcmp(s, "..") || !strncmp(s, "./", 2) || !strncmp(s, "../", 3);
}

/* ---- paths ---- */

void qjs_runtime_fold_path(char *p)
{
    bool abs = p[0] == '/';
    size_t out = 0, i = 0, n = strlen(p);
    if (abs)
        p[out++] = '/';
    size_t floor = out;     /* p[0..floor): the root or kept leading ".." */
    while (i < n) {
        while (i < n && p[i] == '/')
            i++;
        size_t start = i;
        while (i < n && p[i] != '/')
            i++;
        size_t len = i - start;
        if (len == 0 || (len == 1 && p[start] == '.'))
            continue;
        if (len == 2 && p[start] == '.' && p[start + 1] == '.') {
            if (out > floor) {          /* drop the last segment */
                while (out > floor && p[out - 1] != '/')
                    out--;
                if (out > floor)
                    out--;
            } else if (!abs) {          /* a leading ".." stays */
                if (out)
                    p[out++] = '/';
                p[out++] = '.';
                p[out++] = '.';
                floor = out;
            }                           /* above the root: stays at the root */
            continue;
        }
        if (out > (abs ? 1u : 0u))
            p[out++] = '/';
        memmove(p + out, p + start, len);
        out += len;
    }
    p[out] = '\0';
}

/* dir + "/" + rel, malloc'ed; NULL if out of memory. */
static char *join(const char *dir, const char *rel)
{
    size_t a = strlen(dir), b = strlen(rel);
    char *r = malloc(a + b + 2);
    if (!r)
        return NULL;
    memcpy(r, dir, a);
    r[a] = '/';
    memcpy(r + a + 1, rel, b + 1);
    return r;
}

/* path made absolute (against the current directory) and normalised.
 * Malloc'ed; NULL if out of memory or the current directory is unknown. */
static char *absolute_path(const char *path)
{
    char *r;
    if (path[0] == '/') {
        r = strdup(path);
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return NULL;
        r = join(cwd, path);
    }
    if (r)
        qjs_runtime_fold_path(r);
    return r;
}

char *qjs_runtime_resolve_module(const char *base, const char *specifier)
{
    if (is_native_name(specifier))
        return strdup(strncmp(specifier, "qjs:", 4) ? specifier : specifier + 4);
    if (specifier[0] == '/' || !base)
        return absolute_path(specifier);
    if (!is_relative(specifier))
        return NULL;
    /* relative to the folder of the referrer (made absolute first) */
    char *dir = absolute_path(base[0] ? base : "./-");
    if (!dir)
        return NULL;
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    char *r = join(dir, specifier);
    free(dir);
    if (r)
        qjs_runtime_fold_path(r);
    return r;
}

/* ---- the loader's hooks ---- */

static QJSValue throw_load_error(QJSContext *ctx, const char *specifier, const char *base, const char *why)
{
    size_t n = strlen(specifier) + strlen(base) + strlen(why) + 64;
    char *msg = malloc(n);
    if (!msg)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    snprintf(msg, n, "cannot load module '%s' imported from %s: %s", specifier, base, why);
    QJSValue r = qjs_throw_error(ctx, "Error", msg);
    free(msg);
    return r;
}

/* normalize: the module name of specifier imported from base: "std" and
 * "os" as they are, other names an absolute normalised path. A bare name
 * or a file that cannot be read throws, naming base and specifier. */
static char *loader_normalize(QJSContext *ctx, const char *base, const char *specifier, void *opaque)
{
    if (!base || !base[0])
        base = "<main>";
    if (!is_native_name(specifier) && specifier[0] != '/' && !is_relative(specifier)) {
        throw_load_error(ctx, specifier, base,
                         "bare specifiers other than \"std\" and \"os\" are not supported "
                         "(use a path starting with \"./\", \"../\" or \"/\")");
        return NULL;
    }
    char *name = qjs_runtime_resolve_module(base, specifier);
    if (!name) {
        throw_load_error(ctx, specifier, base, strerror(errno ? errno : ENOMEM));
        return NULL;
    }
    if (is_native_name(name))
        return name;
    struct stat st;
    int err = 0;
    if (stat(name, &st) < 0)
        err = errno;
    else if (S_ISDIR(st.st_mode))
        err = EISDIR;
    else if (access(name, R_OK) < 0)
        err = errno;
    if (err) {
        free(name);
        throw_load_error(ctx, specifier, base, strerror(err));
        return NULL;
    }
    return name;
}

/* The whole file as a malloc'ed NUL-terminated buffer; NULL with errno. */
static char *read_whole_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int err = errno;
    bool failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        errno = err ? err : EIO;
        return NULL;
    }
    buf[len] = '\0';
    *len_out = len;
    return buf;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

static int native_module_init(QJSContext *ctx, QJSValue module, int obj_slot, int names_slot)
{
    QJSRef *mod = qjs_ref_new(ctx, module);
    QJSValue names = rt_slot_get(ctx, names_slot);
    QJSValue lenv = qjs_get_prop(ctx, names, "length");
    int st = 0;
    double len = qjs_is_number(lenv) ? qjs_get_number(lenv) : 0;
    for (uint32_t i = 0; st == 0 && i < len; i++) {
        char *name = qjs_to_cstring(ctx, qjs_get_index(ctx, rt_slot_get(ctx, names_slot), i), NULL);
        if (!name) {
            st = -1;
            break;
        }
        QJSValue obj = rt_slot_get(ctx, obj_slot);
        QJSValue v = strcmp(name, "default") ? qjs_get_prop(ctx, obj, name) : obj;
        st = qjs_is_exception(v) ? -1 : qjs_module_set_export(ctx, qjs_ref_get(mod), name, v);
        qjs_free_cstring(name);
    }
    qjs_ref_free(mod);
    return st;
}

static int std_module_init(QJSContext *ctx, QJSValue module)
{
    return native_module_init(ctx, module, RT_SLOT_STD, RT_SLOT_STD_EXPORTS);
}

static int os_module_init(QJSContext *ctx, QJSValue module)
{
    return native_module_init(ctx, module, RT_SLOT_OS, RT_SLOT_OS_EXPORTS);
}

/* The native module "std" or "os": its exports are the own string-keyed
 * properties of the std / os object (created here if the host did not
 * add the globals), plus "default", the object itself. */
static QJSValue new_std_os_module(QJSContext *ctx, const char *name)
{
    bool is_std = !strcmp(name, "std");
    int obj_slot = is_std ? RT_SLOT_STD : RT_SLOT_OS;
    int names_slot = is_std ? RT_SLOT_STD_EXPORTS : RT_SLOT_OS_EXPORTS;
    if (qjs_is_undefined(rt_slot_get(ctx, obj_slot))) {
        QJSValue obj = is_std ? qjs_runtime_new_std(ctx, 0, NULL) : qjs_runtime_new_os(ctx);
        if (qjs_is_exception(obj))
            return obj;
        if (rt_slot_set(ctx, obj_slot, obj) < 0)
            return qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    QJSValue keys = qjs_get_own_property_keys(ctx, rt_slot_get(ctx, obj_slot), QJS_KEYS_STRINGS);
    if (qjs_is_exception(keys))
        return keys;
    if (rt_slot_set(ctx, names_slot, keys) < 0)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    QJSValue lenv = qjs_get_prop(ctx, keys, "length");
    int count = qjs_is_number(lenv) ? (int)qjs_get_number(lenv) : 0;
    if (qjs_set_index(ctx, rt_slot_get(ctx, names_slot), (uint32_t)count,
                      qjs_new_string(ctx, "default", 7)) < 0)
        return rethrow(ctx);
    count++;
    char **names = calloc((size_t)count, sizeof *names);
    if (!names)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    QJSValue r = qjs_undefined();
    for (int i = 0; i < count; i++) {
        names[i] = qjs_to_cstring(ctx, qjs_get_index(ctx, rt_slot_get(ctx, names_slot), (uint32_t)i), NULL);
        if (!names[i]) {
            r = rethrow(ctx);
            break;
        }
    }
    if (!qjs_is_exception(r))
        r = qjs_new_native_module(ctx, name, (const char *const *)names, count,
                                  is_std ? std_module_init : os_module_init);
    for (int i = 0; i < count; i++)
        qjs_free_cstring(names[i]);
    free(names);
    return r;
}

/* load: the module called name: "std" / "os", a JSON module (a .json file
 * or `with { type: "json" }`) or a JavaScript module. */
static QJSValue loader_load(QJSContext *ctx, const char *name, const char *type_attr, void *opaque)
{
    if (type_attr && strcmp(type_attr, "json") != 0) {
        char msg[PATH_MAX + 300];
        snprintf(msg, sizeof msg, "cannot load module %s: unsupported module type \"%.200s\"", name, type_attr);
        return qjs_throw_error(ctx, "TypeError", msg);
    }
    if (is_native_name(name)) {
        if (type_attr) {
            char msg[128];
            snprintf(msg, sizeof msg, "cannot load module %s: a native module has no type \"json\"", name);
            return qjs_throw_error(ctx, "TypeError", msg);
        }
        return new_std_os_module(ctx, name);
    }
    size_t len;
    char *src = read_whole_file(name, &len);
    if (!src) {
        char msg[PATH_MAX + 128];
        snprintf(msg, sizeof msg, "cannot load module %s: %s", name, strerror(errno));
        return qjs_throw_error(ctx, "Error", msg);
    }
    QJSValue r = (type_attr || ends_with(name, ".json"))
                     ? qjs_new_json_module(ctx, name, src, len)
                     : qjs_compile(ctx, src, len, name, QJS_EVAL_MODULE);
    free(src);
    return r;
}

QJSValue qjs_runtime_load_native_module(QJSContext *ctx, const char *name)
{
    if (!is_native_name(name))
        return qjs_throw_error(ctx, "TypeError", "not a native module of the runtime library");
    return new_std_os_module(ctx, name);
}

/* ---- import.meta ---- */

/* "file://" + the absolute path, percent-encoding what a URL path cannot
 * hold as is. Malloc'ed; NULL if out of memory. */
static char *file_url(const char *name)
{
    char *path = absolute_path(name);
    if (!path)
        return NULL;
    size_t n = strlen(path);
    char *url = malloc(7 + 3 * n + 1);
    if (url) {
        static const char hex[] = "0123456789ABCDEF";
        char *o = url;
        memcpy(o, "file://", 7);
        o += 7;
        for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
            unsigned char c = *p;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                strchr("/-._~!$&'()*+,;=:@", c)) {
                *o++ = (char)c;
            } else {
                *o++ = '%';
                *o++ = hex[c >> 4];
                *o++ = hex[c & 15];
            }
        }
        *o = '\0';
    }
    free(path);
    return url;
}

static int import_meta_hook(QJSContext *ctx, QJSValue meta, const char *module_name, void *opaque)
{
    QJSRef *m = qjs_ref_new(ctx, meta);
    int st = -1;
    char *url = file_url(module_name);
    if (!url) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        goto done;
    }
    QJSValue s = qjs_new_string(ctx, url, strlen(url));
    free(url);
    if (qjs_is_exception(s) || qjs_set_prop(ctx, qjs_ref_get(m), "url", s) < 0)
        goto done;
    bool is_main = false;
    QJSValue main_name = rt_slot_get(ctx, RT_SLOT_MAIN_MODULE);
    if (qjs_is_string(main_name)) {
        char *mn = qjs_to_cstring(ctx, main_name, NULL);
        if (!mn)
            goto done;
        is_main = !strcmp(mn, module_name);
        qjs_free_cstring(mn);
    }
    st = qjs_set_prop(ctx, qjs_ref_get(m), "main", qjs_bool(is_main));
done:
    qjs_ref_free(m);
    return st;
}

int qjs_runtime_add_module_loader(QJSContext *ctx)
{
    if (qjs_loop_init(ctx) < 0) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return -1;
    }
    QJSRuntime *rt = qjs_context_runtime(ctx);
    qjs_set_module_loader(rt, loader_normalize, loader_load, NULL);
    qjs_set_import_meta_hook(rt, import_meta_hook, NULL);
    return 0;
}

/* ---- the main module ---- */

/* The rejection handler of the main module's evaluation promise. */
static QJSValue main_rejected(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    if (rt_slot_set(ctx, RT_SLOT_MAIN_FAILED, qjs_bool(true)) < 0)
        qjs_loop_set_exit_status(ctx, 1);
    qjs_throw(ctx, argv[0]);
    qjs_loop_report_exception(ctx);
    return qjs_undefined();
}

static bool main_failed(QJSContext *ctx)
{
    QJSValue v = rt_slot_get(ctx, RT_SLOT_MAIN_FAILED);
    return qjs_is_bool(v) && qjs_get_bool(v);
}

int qjs_runtime_run_main_module(QJSContext *ctx, QJSValue compiled, const char *name)
{
    QJSRef *unit = qjs_ref_new(ctx, compiled);
    QJSValue s = qjs_new_string(ctx, name, strlen(name));
    if (!unit || qjs_is_exception(s) || rt_slot_set(ctx, RT_SLOT_MAIN_MODULE, s) < 0) {
        if (!qjs_has_exception(ctx))
            qjs_throw_error(ctx, "InternalError", "out of memory");
        qjs_ref_free(unit);
        qjs_loop_report_exception(ctx);
        return 1;
    }
    QJSValue p = qjs_eval_compiled(ctx, qjs_ref_get(unit));
    qjs_ref_free(unit);
    if (qjs_is_exception(p)) {
        qjs_loop_report_exception(ctx);
        return 1;
    }
    QJSRef *promise = qjs_ref_new(ctx, p);
    QJSValue reason;
    if (!promise) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        qjs_loop_report_exception(ctx);
        return 1;
    }
    if (qjs_get_promise_state(p, &reason) == 2) {
        /* an error during the synchronous part ends the program at once,
         * as an error in a main script does */
        qjs_throw(ctx, reason);
        qjs_loop_report_exception(ctx);
        qjs_ref_free(promise);
        return 1;
    }
    /* otherwise: report a later rejection as an uncaught error (not as an
     * unhandled promise rejection) and stop the loop after that turn */
    QJSValue handler = qjs_new_function(ctx, main_rejected, "", 1);
    QJSRef *href = qjs_is_exception(handler) ? NULL : qjs_ref_new(ctx, handler);
    QJSValue then = href ? qjs_get_prop(ctx, qjs_ref_get(promise), "then") : qjs_undefined();
    QJSValue args[2] = { qjs_undefined(), href ? qjs_ref_get(href) : qjs_undefined() };
    if (!href || qjs_is_exception(then) ||
        qjs_is_exception(qjs_call(ctx, then, qjs_ref_get(promise), 2, args))) {
        qjs_ref_free(href);
        qjs_ref_free(promise);
        if (!qjs_has_exception(ctx))
            qjs_throw_error(ctx, "InternalError", "out of memory");
        qjs_loop_report_exception(ctx);
        return 1;
    }
    qjs_ref_free(href);
    while (!main_failed(ctx) && qjs_loop_run_once(ctx, -1) > 0)
        ;
    if (!main_failed(ctx) && qjs_get_promise_state(qjs_ref_get(promise), NULL) == 0) {
        fflush(stdout);
        fprintf(stderr, "qjs: the top-level await of %s never settled (nothing left to run)\n", name);
        qjs_loop_set_exit_status(ctx, 1);
    }
    qjs_ref_free(promise);
    return qjs_loop_exit_status(ctx);
}
