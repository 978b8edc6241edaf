/* embedded.c: the files of a program compiled by qjsc, as the runtime
 * library's loader and resolver see them (rt_int.h): the names of the
 * units compiled in, their formats, and the manifest qjsc adds (the
 * package.json texts read, the symbolic links followed), read by
 * qjs_runtime_read_embedded. docs/modules.md, docs/qjsc.md. */
#include <stdlib.h>
#include <string.h>

#include "rt_int.h"

/* ---- compiled programs: the files compiled in ----
 * qjsc names every embedded file relative to the entry module's folder
 * (a CommonJS module is a function unit plus its facade module of the
 * same name) and, for programs using packages, adds a manifest (a script
 * unit named QJS_MANIFEST_NAME whose value is { packages: { path: text
 * of each package.json read }, links: { path: real path of each
 * symbolic link followed } }), so that the resolver runs on the embedded
 * names as it ran on the disk. One compiled program per process. */

#define QJS_MANIFEST_NAME "<qjsc-manifest>"

typedef struct Embedded {
    bool on;
    char **files;
    int *formats;
    int nfiles;
    char **pkgs, **pkg_texts;
    int npkgs;
    char **link_from, **link_to;
    int nlinks;
} Embedded;

static Embedded embedded;
/* The program's bytecode, read again by each worker's runtime. */
static const uint8_t *embedded_bc;
static size_t embedded_len;

/* path with the recorded links applied (malloc'ed, NULL if OOM). */
static char *embedded_canon(const char *path)
{
    char *p = strdup(path);
    for (int round = 0; p && round < 8; round++) {
        bool changed = false;
        for (int i = 0; i < embedded.nlinks; i++) {
            size_t n = strlen(embedded.link_from[i]);
            if (!strncmp(p, embedded.link_from[i], n) && (p[n] == '/' || !p[n])) {
                size_t m = strlen(embedded.link_to[i]);
                char *q = malloc(m + strlen(p + n) + 1);
                if (q) {
                    memcpy(q, embedded.link_to[i], m);
                    strcpy(q + m, p + n);
                }
                free(p);
                p = q;
                changed = true;
                break;
            }
        }
        if (!changed)
            break;
    }
    return p;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

static int embedded_index(char **list, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(list[i], name))
            return i;
    return -1;
}

static int embedded_kind(void *opaque, const char *path)
{
    char *c = embedded_canon(path);
    if (!c)
        return 0;
    int k = 0;
    if (embedded_index(embedded.files, embedded.nfiles, c) >= 0 ||
        embedded_index(embedded.pkgs, embedded.npkgs, c) >= 0) {
        k = 1;
    } else if (!*c) {
        k = 2;
    } else {
        size_t n = strlen(c);
        for (int i = 0; !k && i < embedded.nfiles + embedded.npkgs; i++) {
            const char *f = i < embedded.nfiles ? embedded.files[i] : embedded.pkgs[i - embedded.nfiles];
            if (!strncmp(f, c, n) && f[n] == '/')
                k = 2;
        }
    }
    free(c);
    return k;
}

static char *embedded_real_path(void *opaque, const char *path)
{
    return embedded_canon(path);
}

static char *embedded_read_package(void *opaque, const char *path, size_t *len)
{
    char *c = embedded_canon(path);
    int i = c ? embedded_index(embedded.pkgs, embedded.npkgs, c) : -1;
    free(c);
    if (i < 0)
        return NULL;
    *len = strlen(embedded.pkg_texts[i]);
    return strdup(embedded.pkg_texts[i]);
}

static const QJSResolveFS embedded_fs = {
    embedded_kind, embedded_real_path, embedded_read_package, NULL,
    "\n(this compiled program holds only the files qjsc compiled in: what its modules import, "
    "and require() or import() with a literal name)"
};

bool js_rt_embedded_on(void)
{
    return embedded.on;
}

const QJSResolveFS *js_rt_embedded_fs(void)
{
    return &embedded_fs;
}

int js_rt_embedded_format(const char *name)
{
    int i = embedded_index(embedded.files, embedded.nfiles, name);
    return i < 0 ? -1 : embedded.formats[i];
}

/* The string keys and values of obj[field] into *keys / *vals. */
static int manifest_map(QJSContext *ctx, QJSValue manifest, const char *field, char ***keys, char ***vals, int *n)
{
    QJSRef *m = qjs_ref_new(ctx, qjs_get_prop_str(ctx, manifest, field));
    QJSValue ks = qjs_get_own_prop_keys(ctx, qjs_ref_get(m), QJS_KEYS_STRINGS);
    if (qjs_is_exception(ks)) {
        qjs_ref_free(m);
        return -1;
    }
    QJSRef *kr = qjs_ref_new(ctx, ks);
    QJSValue lenv = qjs_get_prop_str(ctx, ks, "length");
    int count = qjs_is_number(lenv) ? (int)qjs_get_number(lenv) : 0;
    *keys = calloc((size_t)count + 1, sizeof(char *));
    *vals = calloc((size_t)count + 1, sizeof(char *));
    int st = *keys && *vals ? 0 : -1;
    *n = 0;
    for (int i = 0; st == 0 && i < count; i++) {
        char *k = qjs_to_cstring(ctx, qjs_get_index(ctx, qjs_ref_get(kr), (uint32_t)i), NULL);
        char *v = k ? qjs_to_cstring(ctx, qjs_get_prop_str(ctx, qjs_ref_get(m), k), NULL) : NULL;
        if (!k || !v) {
            if (k)
                qjs_free_cstring(k);
            st = -1;
            break;
        }
        (*keys)[i] = strdup(k);
        (*vals)[i] = strdup(v);
        qjs_free_cstring(k);
        qjs_free_cstring(v);
        (*n)++;
    }
    qjs_ref_free(kr);
    qjs_ref_free(m);
    return st;
}

static int read_manifest(QJSContext *ctx, QJSValue unit)
{
    QJSValue manifest = qjs_eval_compiled(ctx, unit);
    if (qjs_is_exception(manifest))
        return -1;
    QJSRef *mr = qjs_ref_new(ctx, manifest);
    int st = manifest_map(ctx, qjs_ref_get(mr), "packages", &embedded.pkgs, &embedded.pkg_texts, &embedded.npkgs);
    if (st == 0)
        st = manifest_map(ctx, qjs_ref_get(mr), "links", &embedded.link_from, &embedded.link_to, &embedded.nlinks);
    qjs_ref_free(mr);
    if (st < 0 && !qjs_has_exception(ctx))
        qjs_throw_error(ctx, "InternalError", "out of memory");
    return st;
}

/* Adds an embedded file: a module unit, or a CommonJS function unit
 * (whose facade module has the same name). */
static int add_embedded_file(const char *name, bool cjs)
{
    int i = embedded_index(embedded.files, embedded.nfiles, name);
    if (i < 0) {
        char **f = realloc(embedded.files, sizeof(char *) * (size_t)(embedded.nfiles + 1));
        int *k = f ? realloc(embedded.formats, sizeof(int) * (size_t)(embedded.nfiles + 1)) : NULL;
        if (f)
            embedded.files = f;
        if (k)
            embedded.formats = k;
        if (!f || !k || !(f[embedded.nfiles] = strdup(name)))
            return -1;
        i = embedded.nfiles++;
        embedded.formats[i] = ends_with(name, ".json") ? QJS_FORMAT_JSON : QJS_FORMAT_ESM;
    }
    if (cjs)
        embedded.formats[i] = QJS_FORMAT_CJS;
    return 0;
}

QJSValue qjs_runtime_read_embedded(QJSContext *ctx, const uint8_t *bc, size_t len)
{
    QJSValue arr = qjs_read_bytecode_units_flags(ctx, bc, len, QJS_READ_TRUSTED);
    if (qjs_is_exception(arr))
        return arr;
    QJSRef *ar = qjs_ref_new(ctx, arr);
    QJSValue lenv = qjs_get_prop_str(ctx, arr, "length");
    uint32_t n = qjs_is_number(lenv) ? (uint32_t)qjs_get_number(lenv) : 0;
    QJSValue units = qjs_new_object(ctx);
    if (qjs_is_exception(units) || js_rt_slot_set(ctx, RT_SLOT_CJS_UNITS, units) < 0) {
        qjs_ref_free(ar);
        return qjs_is_exception(units) ? units : qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    embedded.on = true;
    embedded_bc = bc;
    embedded_len = len;
    QJSValue r = qjs_undefined();
    for (uint32_t i = 0; i + 1 < n; i += 2) {
        QJSValue unit = qjs_get_index(ctx, qjs_ref_get(ar), i);
        QJSValue name = qjs_get_index(ctx, qjs_ref_get(ar), i + 1);
        bool module = qjs_compiled_is_module(unit);
        if ((i == 0 && !module) || !qjs_is_string(name))
            continue;       /* a compiled script: the program itself */
        char *s = qjs_to_cstring(ctx, name, NULL);
        if (!s) {
            r = qjs_throw(ctx, qjs_take_exception(ctx));
            break;
        }
        int st;
        if (!module && !strcmp(s, QJS_MANIFEST_NAME)) {
            st = read_manifest(ctx, unit);
        } else {
            st = add_embedded_file(s, !module);
            if (st < 0)
                qjs_throw_error(ctx, "InternalError", "out of memory");
            else if (!module)
                st = qjs_set_prop_str(ctx, js_rt_slot_get(ctx, RT_SLOT_CJS_UNITS), s, unit);
        }
        qjs_free_cstring(s);
        if (st < 0) {
            r = qjs_throw(ctx, qjs_take_exception(ctx));
            break;
        }
    }
    if (!qjs_is_exception(r))
        r = qjs_get_index(ctx, qjs_ref_get(ar), 0);
    qjs_ref_free(ar);
    return r;
}

/* Declared in rt_int.h. The process-wide tables above were filled by the
 * main thread before any worker started; this only reads them. */
QJSValue js_rt_embedded_worker_unit(QJSContext *ctx, const char *name)
{
    QJSValue arr = qjs_read_bytecode_units_flags(ctx, embedded_bc, embedded_len, QJS_READ_TRUSTED);
    if (qjs_is_exception(arr))
        return arr;
    QJSRef *ar = qjs_ref_new(ctx, arr);
    QJSValue units = qjs_new_object(ctx);
    if (!ar || qjs_is_exception(units) || js_rt_slot_set(ctx, RT_SLOT_CJS_UNITS, units) < 0) {
        if (ar)
            qjs_ref_free(ar);
        return qjs_is_exception(units) ? units : qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    QJSValue lenv = qjs_get_prop_str(ctx, qjs_ref_get(ar), "length");
    uint32_t n = qjs_is_number(lenv) ? (uint32_t)qjs_get_number(lenv) : 0;
    int64_t found = -1;
    for (uint32_t i = 0; i + 1 < n; i += 2) {
        QJSValue unit = qjs_get_index(ctx, qjs_ref_get(ar), i);
        QJSValue uname = qjs_get_index(ctx, qjs_ref_get(ar), i + 1);
        if (!qjs_is_string(uname) || (i == 0 && !qjs_compiled_is_module(unit)))
            continue;
        char *s = qjs_to_cstring(ctx, uname, NULL);
        if (!s) {
            qjs_ref_free(ar);
            return qjs_throw(ctx, qjs_take_exception(ctx));
        }
        int st = 0;
        if (!qjs_compiled_is_module(unit) && strcmp(s, QJS_MANIFEST_NAME)) {
            st = qjs_set_prop_str(ctx, js_rt_slot_get(ctx, RT_SLOT_CJS_UNITS), s, unit);
        } else if (qjs_compiled_is_module(unit) && found < 0 && !strcmp(s, name)) {
            found = i;
        }
        qjs_free_cstring(s);
        if (st < 0) {
            qjs_ref_free(ar);
            return qjs_throw(ctx, qjs_take_exception(ctx));
        }
    }
    QJSValue r = found >= 0 ? qjs_get_index(ctx, qjs_ref_get(ar), (uint32_t)found)
        : qjs_throw_error(ctx, "Error", "the worker's module is not compiled into this program");
    qjs_ref_free(ar);
    return r;
}
