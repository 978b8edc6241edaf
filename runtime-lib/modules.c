/* The file module loader of the runtime library (docs/std-os.md,
 * docs/modules.md): resolving specifiers through resolve.c (paths, npm
 * packages; on the disk or in a compiled program's files, embedded.c),
 * loading files as ES, JSON or CommonJS modules (cjs.c), the native
 * modules "std" and "os" (the objects of std.c and os.c), import.meta
 * (url, main, filename, dirname, resolve) and running a program's main
 * module. */
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

/* ---- the resolver, as the loader and require() use it ---- */

/* A name of a file compiled into this program (names on disk are
 * absolute). */
static bool embedded_name(const char *name)
{
    return js_rt_embedded_on() && name[0] != '/';
}

int js_rt_loader_resolver(QJSContext *ctx, QJSResolver *r, const char *referrer)
{
    r->ctx = ctx;
    r->fs = js_rt_embedded_on() && (!referrer || referrer[0] != '/') ? js_rt_embedded_fs() : &qjs_resolve_disk_fs;
    QJSValue cache = js_rt_slot_get(ctx, RT_SLOT_PKG_CACHE);
    if (qjs_is_undefined(cache)) {
        cache = qjs_new_object(ctx);
        if (qjs_is_exception(cache))
            return -1;
        if (js_rt_slot_set(ctx, RT_SLOT_PKG_CACHE, cache) < 0) {
            qjs_throw_error(ctx, "InternalError", "out of memory");
            return -1;
        }
    }
    r->pkg_cache = qjs_ref_new(ctx, cache);
    if (!r->pkg_cache) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return -1;
    }
    return 0;
}

void js_rt_loader_resolver_done(QJSResolver *r)
{
    qjs_ref_free(r->pkg_cache);
    r->pkg_cache = NULL;
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


static char *read_source(void *opaque, const char *name)
{
    size_t len;
    return read_whole_file(name, &len);
}

int js_rt_loader_format(QJSContext *ctx, const char *name)
{
    if (!strcmp(name, "std") || !strcmp(name, "os") || !strcmp(name, "module"))
        return QJS_FORMAT_BUILTIN;
    if (embedded_name(name)) {
        int f = js_rt_embedded_format(name);
        if (f >= 0)
            return f;
        char msg[600];
        snprintf(msg, sizeof msg, "cannot load module %.400s: it is not compiled into this program", name);
        qjs_throw_error(ctx, "Error", msg);
        return -1;
    }
    QJSResolver r;
    if (js_rt_loader_resolver(ctx, &r, name) < 0)
        return -1;
    bool known = ends_with(name, ".mjs") || ends_with(name, ".cjs") || ends_with(name, ".json");
    char *src = known ? NULL : read_source(NULL, name);
    int f = qjs_resolve_format(&r, name, src);
    free(src);
    js_rt_loader_resolver_done(&r);
    return f;
}

QJSValue js_rt_loader_cjs_unit(QJSContext *ctx, const char *name)
{
    char msg[600];
    if (embedded_name(name)) {
        QJSValue u = qjs_get_prop_str(ctx, js_rt_slot_get(ctx, RT_SLOT_CJS_UNITS), name);
        if (qjs_is_exception(u) || qjs_is_compiled(u))
            return u;
        snprintf(msg, sizeof msg, "cannot load module %.400s: it is not compiled into this program", name);
        return qjs_throw_error(ctx, "Error", msg);
    }
    size_t len, wlen;
    char *src = read_whole_file(name, &len);
    if (!src) {
        snprintf(msg, sizeof msg, "cannot load module %.400s: %s", name, strerror(errno));
        return qjs_throw_error(ctx, "Error", msg);
    }
    char *w = qjs_cjs_wrapper_source(src, len, &wlen);
    free(src);
    if (!w)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    QJSValue u = qjs_compile(ctx, w, wlen, name, 0);
    free(w);
    return u;
}

QJSValue js_rt_loader_json(QJSContext *ctx, const char *name)
{
    if (embedded_name(name)) {
        QJSValue ns = js_rt_cjs_esm_namespace(ctx, name);
        return qjs_is_exception(ns) ? ns : qjs_get_prop_str(ctx, ns, "default");
    }
    size_t len;
    char *src = read_whole_file(name, &len);
    if (!src) {
        char msg[600];
        snprintf(msg, sizeof msg, "cannot load module %.400s: %s", name, strerror(errno));
        return qjs_throw_error(ctx, "Error", msg);
    }
    QJSValue json = qjs_get_prop_str(ctx, qjs_get_global(ctx), "JSON");
    QJSValue parse = qjs_is_exception(json) ? json : qjs_get_prop_str(ctx, json, "parse");
    QJSRef *pr = qjs_ref_new(ctx, parse);
    QJSValue s = qjs_new_string(ctx, src, len);
    free(src);
    QJSValue r = qjs_is_exception(s) ? s : qjs_call(ctx, qjs_ref_get(pr), qjs_undefined(), 1, &s);
    qjs_ref_free(pr);
    if (qjs_is_exception(r)) {
        /* Node's message: the file, then the parser's */
        QJSValue e = qjs_take_exception(ctx);
        QJSRef *er = qjs_ref_new(ctx, e);
        char *m = qjs_to_cstring(ctx, qjs_get_prop_str(ctx, e, "message"), NULL);
        char msg[800];
        snprintf(msg, sizeof msg, "%.400s: %.300s", name, m ? m : "invalid JSON");
        if (m)
            qjs_free_cstring(m);
        qjs_ref_free(er);
        return qjs_throw_error(ctx, "SyntaxError", msg);
    }
    return r;
}

static char *absolute_path(const char *path);

char *js_rt_loader_path_of(QJSContext *ctx, const char *s)
{
    char *path = NULL;
    if (!strncmp(s, "file://", 7)) {
        /* the path of a file: URL, percent-decoded */
        const char *p = s + 7;
        path = malloc(strlen(p) + 1);
        char *o = path;
        for (; path && *p && *p != '?' && *p != '#'; p++) {
            if (*p == '%' && p[1] && p[2]) {
                char hex[3] = { p[1], p[2], 0 };
                *o++ = (char)strtol(hex, NULL, 16);
                p += 2;
            } else {
                *o++ = *p;
            }
        }
        if (o)
            *o = '\0';
    } else if (s[0] == '/' || (js_rt_embedded_on() && s[0] != '.')) {
        path = strdup(s);
    } else {
        qjs_throw_error(ctx, "TypeError", "createRequire: the filename must be a file URL or an absolute path");
        return NULL;
    }
    if (path && js_rt_embedded_on() && path[0] == '/') {
        /* import.meta.url of a compiled module is made from the current
         * folder: back to its embedded name */
        char cwd[PATH_MAX];
        size_t n = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
        if (n == 1)     /* the current folder is the root */
            memmove(path, path + 1, strlen(path));
        else if (n && !strncmp(path, cwd, n) && path[n] == '/')
            memmove(path, path + n + 1, strlen(path + n + 1) + 1);
    }
    if (!path)
        qjs_throw_error(ctx, "InternalError", "out of memory");
    return path;
}

/* ---- the loader's hooks ---- */

/* The referrer as the resolver takes it: an absolute path on disk (code
 * outside any module file: the current folder), or an embedded name. */
static char *referrer_of(const char *base)
{
    if (!base || !base[0] || base[0] == '<')
        return js_rt_embedded_on() ? strdup("") : absolute_path("./<main>");
    if (js_rt_embedded_on() && base[0] != '/')
        return strdup(base);
    return absolute_path(base);
}

/* normalize: the module name of specifier imported from base (resolve.h:
 * "std", "os", "module", or a file path; in compiled programs a name
 * relative to the entry's folder). Throws, naming base and specifier. */
static char *loader_normalize(QJSContext *ctx, const char *base, const char *specifier, void *opaque)
{
    if (!strcmp(specifier, QJS_CJS_INTERNAL_MODULE))
        return strdup(specifier);
    if (js_rt_embedded_on() && specifier[0] == '/')
        return strdup(specifier);       /* a file on disk, read at run time */
    char *referrer = referrer_of(base);
    if (!referrer) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return NULL;
    }
    QJSResolver r;
    char *name = NULL;
    if (js_rt_loader_resolver(ctx, &r, referrer) == 0) {
        name = qjs_resolve(&r, specifier, referrer, QJS_RESOLVE_IMPORT);
        js_rt_loader_resolver_done(&r);
    }
    free(referrer);
    return name;
}

static int native_module_init(QJSContext *ctx, QJSValue module, int obj_slot, int names_slot)
{
    QJSRef *mod = qjs_ref_new(ctx, module);
    QJSValue names = js_rt_slot_get(ctx, names_slot);
    QJSValue lenv = qjs_get_prop_str(ctx, names, "length");
    int st = 0;
    double len = qjs_is_number(lenv) ? qjs_get_number(lenv) : 0;
    for (uint32_t i = 0; st == 0 && i < len; i++) {
        char *name = qjs_to_cstring(ctx, qjs_get_index(ctx, js_rt_slot_get(ctx, names_slot), i), NULL);
        if (!name) {
            st = -1;
            break;
        }
        QJSValue obj = js_rt_slot_get(ctx, obj_slot);
        QJSValue v = strcmp(name, "default") ? qjs_get_prop_str(ctx, obj, name) : obj;
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
    QJSValue obj = is_std ? js_rt_std_object(ctx) : js_rt_os_object(ctx);
    if (qjs_is_exception(obj))
        return obj;
    QJSValue keys = qjs_get_own_prop_keys(ctx, js_rt_slot_get(ctx, obj_slot), QJS_KEYS_STRINGS);
    if (qjs_is_exception(keys))
        return keys;
    if (js_rt_slot_set(ctx, names_slot, keys) < 0)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    QJSValue lenv = qjs_get_prop_str(ctx, keys, "length");
    int count = qjs_is_number(lenv) ? (int)qjs_get_number(lenv) : 0;
    if (qjs_set_index(ctx, js_rt_slot_get(ctx, names_slot), (uint32_t)count,
                      qjs_new_string(ctx, "default", 7)) < 0)
        return rethrow(ctx);
    count++;
    char **names = calloc((size_t)count, sizeof *names);
    if (!names)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    QJSValue r = qjs_undefined();
    for (int i = 0; i < count; i++) {
        names[i] = qjs_to_cstring(ctx, qjs_get_index(ctx, js_rt_slot_get(ctx, names_slot), (uint32_t)i), NULL);
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
    char msg[PATH_MAX + 300];
    if (type_attr && strcmp(type_attr, "json") != 0) {
        snprintf(msg, sizeof msg, "cannot load module %s: unsupported module type \"%.200s\"", name, type_attr);
        return qjs_throw_error(ctx, "TypeError", msg);
    }
    bool builtin = !strcmp(name, "module") || !strcmp(name, QJS_CJS_INTERNAL_MODULE);
    if (is_native_name(name) || builtin) {
        if (type_attr) {
            snprintf(msg, sizeof msg, "cannot load module %s: a native module has no type \"json\"", name);
            return qjs_throw_error(ctx, "TypeError", msg);
        }
        return builtin ? js_rt_cjs_new_builtin_module(ctx, name) : new_std_os_module(ctx, name);
    }
    if (embedded_name(name)) {
        /* qjsc embeds a JSON module as the JavaScript module `export
         * default JSON.parse("...")` under its plain name; an import of it
         * with `type: "json"` gets a module re-exporting that default */
        if (type_attr && js_rt_embedded_format(name) >= 0) {
            const char *slash = strrchr(name, '/');
            snprintf(msg, sizeof msg, "export { default } from \"./%.400s\";\n", slash ? slash + 1 : name);
            return qjs_compile(ctx, msg, strlen(msg), name, QJS_EVAL_MODULE);
        }
        snprintf(msg, sizeof msg, "cannot load module '%.400s': it is not compiled into this program "
                 "(qjsc embeds what the entry module imports, requires or import()s with a literal name)",
                 name);
        return qjs_throw_error(ctx, "TypeError", msg);
    }
    size_t len;
    char *src = read_whole_file(name, &len);
    if (!src) {
        snprintf(msg, sizeof msg, "cannot load module %s: %s", name, strerror(errno));
        return qjs_throw_error(ctx, "Error", msg);
    }
    int format = QJS_FORMAT_JSON;
    QJSResolver r;
    bool have_r = false;
    if (!type_attr && !ends_with(name, ".json")) {
        format = QJS_FORMAT_ESM;
        if (!js_rt_embedded_on()) {     /* a compiled program reads only ES modules from disk */
            if (js_rt_loader_resolver(ctx, &r, name) < 0) {
                free(src);
                return qjs_throw(ctx, qjs_take_exception(ctx));
            }
            have_r = true;
            format = qjs_resolve_format(&r, name, src);
        }
    }
    QJSValue m;
    if (format < 0) {
        m = qjs_throw(ctx, qjs_take_exception(ctx));
    } else if (format == QJS_FORMAT_JSON) {
        m = qjs_new_json_module(ctx, name, src, len);
    } else if (format == QJS_FORMAT_ESM) {
        m = qjs_compile(ctx, src, len, name, QJS_EVAL_MODULE);
    } else {
        /* CommonJS: the facade module over module.exports, with the
         * names a scan of the source finds */
        char **names;
        int n;
        m = qjs_undefined();
        if (qjs_cjs_export_names(&r, name, src, read_source, NULL, &names, &n) < 0) {
            m = qjs_throw(ctx, qjs_take_exception(ctx));
        } else {
            size_t flen;
            char *facade = qjs_cjs_facade_source(name, names, n, &flen);
            m = facade ? qjs_compile(ctx, facade, flen, name, QJS_EVAL_MODULE)
                       : qjs_throw_error(ctx, "InternalError", "out of memory");
            free(facade);
            for (int i = 0; i < n; i++)
                free(names[i]);
            free(names);
        }
    }
    if (have_r)
        js_rt_loader_resolver_done(&r);
    free(src);
    return m;
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

/* import.meta.resolve's native side: (specifier, module name) -> the
 * file: URL of the resolved file, or the name of a built-in module. */
static QJSValue meta_resolve(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *spec = qjs_to_cstring(ctx, argv[0], NULL);
    char *base = spec ? qjs_to_cstring(ctx, argv[1], NULL) : NULL;
    char *name = base ? loader_normalize(ctx, base, spec, NULL) : NULL;
    if (spec)
        qjs_free_cstring(spec);
    if (base)
        qjs_free_cstring(base);
    if (!name)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    bool file = strcmp(name, "std") && strcmp(name, "os") && strcmp(name, "module");
    char *url = file ? file_url(name) : NULL;
    const char *s = file ? url : !strcmp(name, "module") ? "node:module" : name;
    QJSValue r = s ? qjs_new_string(ctx, s, strlen(s)) : qjs_throw_error(ctx, "InternalError", "out of memory");
    free(url);
    free(name);
    return r;
}

/* import.meta.resolve for the module name: a closure made by a small JS
 * function over meta_resolve (a native function has no data of its own). */
static QJSValue new_meta_resolve(QJSContext *ctx, const char *module_name)
{
    QJSValue maker = js_rt_slot_get(ctx, RT_SLOT_META_RESOLVE);
    if (qjs_is_undefined(maker)) {
        QJSValue host = qjs_new_function(ctx, meta_resolve, "resolve", 2);
        if (qjs_is_exception(host))
            return host;
        QJSRef *hr = qjs_ref_new(ctx, host);
        QJSValue f = JS_RT_LIBRARY_JS(ctx, meta_resolve);
        QJSValue arg = qjs_ref_get(hr);
        maker = qjs_is_exception(f) ? f : qjs_call(ctx, f, qjs_undefined(), 1, &arg);
        qjs_ref_free(hr);
        if (qjs_is_exception(maker))
            return maker;
        if (js_rt_slot_set(ctx, RT_SLOT_META_RESOLVE, maker) < 0)
            return qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    QJSValue n = qjs_new_string(ctx, module_name, strlen(module_name));
    if (qjs_is_exception(n))
        return n;
    return qjs_call(ctx, js_rt_slot_get(ctx, RT_SLOT_META_RESOLVE), qjs_undefined(), 1, &n);
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
    if (qjs_is_exception(s) || qjs_set_prop_str(ctx, qjs_ref_get(m), "url", s) < 0)
        goto done;
    if (module_name[0] != '<') {
        /* Node's import.meta.filename and dirname: the absolute path */
        char *path = absolute_path(module_name);
        char *dir = path ? qjs_resolve_dirname(path) : NULL;
        int r = -1;
        if (dir) {
            QJSValue f = qjs_new_string(ctx, path, strlen(path));
            r = qjs_is_exception(f) ? -1 : qjs_set_prop_str(ctx, qjs_ref_get(m), "filename", f);
            QJSValue d = r < 0 ? f : qjs_new_string(ctx, dir, strlen(dir));
            r = r < 0 || qjs_is_exception(d) ? -1 : qjs_set_prop_str(ctx, qjs_ref_get(m), "dirname", d);
        } else {
            qjs_throw_error(ctx, "InternalError", "out of memory");
        }
        free(path);
        free(dir);
        if (r < 0)
            goto done;
    }
    bool is_main = false;
    QJSValue main_name = js_rt_slot_get(ctx, RT_SLOT_MAIN_MODULE);
    if (qjs_is_string(main_name)) {
        char *mn = qjs_to_cstring(ctx, main_name, NULL);
        if (!mn)
            goto done;
        is_main = !strcmp(mn, module_name);
        qjs_free_cstring(mn);
    }
    if (qjs_set_prop_str(ctx, qjs_ref_get(m), "main", qjs_bool(is_main)) < 0)
        goto done;
    QJSValue res = new_meta_resolve(ctx, module_name);
    st = qjs_is_exception(res) ? -1 : qjs_set_prop_str(ctx, qjs_ref_get(m), "resolve", res);
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
    if (js_rt_slot_set(ctx, RT_SLOT_MAIN_FAILED, qjs_bool(true)) < 0)
        qjs_loop_set_exit_status(ctx, 1);
    qjs_throw(ctx, argv[0]);
    qjs_loop_report_exception(ctx);
    return qjs_undefined();
}

static bool main_failed(QJSContext *ctx)
{
    QJSValue v = js_rt_slot_get(ctx, RT_SLOT_MAIN_FAILED);
    return qjs_is_bool(v) && qjs_get_bool(v);
}

int qjs_runtime_run_main_module(QJSContext *ctx, QJSValue compiled, const char *name)
{
    QJSRef *unit = qjs_ref_new(ctx, compiled);
    QJSValue s = qjs_new_string(ctx, name, strlen(name));
    if (!unit || qjs_is_exception(s) || js_rt_slot_set(ctx, RT_SLOT_MAIN_MODULE, s) < 0) {
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
    QJSValue then = href ? qjs_get_prop_str(ctx, qjs_ref_get(promise), "then") : qjs_undefined();
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
