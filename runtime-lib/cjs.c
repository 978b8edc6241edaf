/* cjs.c: CommonJS modules in the runtime library (cjs.h,
 * docs/modules.md): require() with its cache, module.exports, exports,
 * __filename and __dirname (a small JS core below, on native helpers),
 * the facade ES module through which `import` sees module.exports, the
 * "module" built-in module (createRequire), require() of JSON and of ES
 * modules, and the internal module "qjs:cjs" the facades import. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cjs.h"
#include "rt_int.h"

static QJSValue rt_cjs_builtin_value(QJSContext *ctx, const char *name);

/* ---- the facade module ---- */

static bool is_identifier(const char *s)
{
    static const char *const reserved[] = {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
        "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
        "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
        "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static",
        "implements", "interface", "package", "private", "protected", "public", "await", NULL
    };
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'))
            return false;
    }
    for (int i = 0; reserved[i]; i++)
        if (!strcmp(s, reserved[i]))
            return false;
    return true;
}

typedef struct Out {
    char *p;
    size_t len, cap;
    bool oom;
} Out;

static void out_mem(Out *o, const char *s, size_t n)
{
    if (o->oom)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = (o->len + n + 1) * 2 + 256;
        char *p = realloc(o->p, cap);
        if (!p) {
            o->oom = true;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void out_str(Out *o, const char *s)
{
    out_mem(o, s, strlen(s));
}

/* s as a JS string literal (double quotes). */
static void out_quoted(Out *o, const char *s)
{
    out_str(o, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char tmp[8];
        if (*p == '"' || *p == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)*p;
            out_mem(o, tmp, 2);
        } else if (*p < 0x20) {
            snprintf(tmp, sizeof tmp, "\\u%04x", *p);
            out_str(o, tmp);
        } else {
            out_mem(o, (const char *)p, 1);
        }
    }
    out_str(o, "\"");
}

char *qjs_cjs_facade_source(const char *name, char *const *names, int n, size_t *len)
{
    Out o = {0};
    out_str(&o, "import { load as __load } from \"" QJS_CJS_INTERNAL_MODULE "\";\nconst __m = __load(");
    out_quoted(&o, name);
    out_str(&o, ");\nexport default __m;\n");
    char tmp[64];
    for (int i = 0; i < n; i++) {
        if (!strcmp(names[i], "default"))
            continue;
        snprintf(tmp, sizeof tmp, "const __e%d = __m == null ? undefined : __m[", i);
        out_str(&o, tmp);
        out_quoted(&o, names[i]);
        snprintf(tmp, sizeof tmp, "];\nexport { __e%d as ", i);
        out_str(&o, tmp);
        if (is_identifier(names[i]))
            out_str(&o, names[i]);
        else
            out_quoted(&o, names[i]);
        out_str(&o, " };\n");
    }
    if (o.oom) {
        free(o.p);
        return NULL;
    }
    *len = o.len;
    return o.p;
}

char *qjs_cjs_wrapper_source(const char *src, size_t len, size_t *out_len)
{
    static const char head[] = "(function (exports, require, module, __filename, __dirname) {";
    static const char tail[] = "\n})";
    char *r = malloc(sizeof head + len + sizeof tail);
    if (!r)
        return NULL;
    size_t n = sizeof head - 1;
    memcpy(r, head, n);
    memcpy(r + n, src, len);
    if (len >= 2 && src[0] == '#' && src[1] == '!')
        r[n] = r[n + 1] = '/';
    n += len;
    memcpy(r + n, tail, sizeof tail);
    *out_len = n + sizeof tail - 1;
    return r;
}

/* ---- named exports: the scan and its re-exports ---- */

static int add_name(char ***v, int *n, const char *s)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp((*v)[i], s))
            return 0;
    char **nv = realloc(*v, sizeof(char *) * (size_t)(*n + 1));
    if (!nv)
        return -1;
    *v = nv;
    if (!(nv[*n] = strdup(s)))
        return -1;
    (*n)++;
    return 0;
}

static int collect(QJSResolver *r, const char *name, const char *src,
                   char *(*read_source)(void *, const char *), void *opaque,
                   char ***names, int *n, char ***seen, int *nseen, int depth)
{
    if (add_name(seen, nseen, name) < 0)
        return -1;
    QJSCjsScan s;
    if (qjs_cjs_scan(src, strlen(src), &s) < 0) {
        qjs_throw_error(r->ctx, "InternalError", "out of memory");
        return -1;
    }
    int st = 0;
    for (int i = 0; st == 0 && i < s.nexports; i++)
        if (add_name(names, n, s.exports[i]) < 0)
            st = -1;
    for (int i = 0; st == 0 && i < s.nreexports && depth < 32; i++) {
        char *target = qjs_resolve(r, s.reexports[i], name, QJS_RESOLVE_REQUIRE);
        if (!target) {
            /* an unresolvable re-export only loses names, as in Node; the
             * require() itself reports it when it runs */
            qjs_take_exception(r->ctx);
            continue;
        }
        bool done = false;
        for (int k = 0; k < *nseen; k++)
            done = done || !strcmp((*seen)[k], target);
        int fmt = done ? QJS_FORMAT_JSON : QJS_FORMAT_CJS;
        char *tsrc = done ? NULL : read_source(opaque, target);
        if (tsrc) {
            fmt = qjs_resolve_format(r, target, tsrc);
            if (fmt < 0)
                st = -1;
            else if (fmt == QJS_FORMAT_CJS)
                st = collect(r, target, tsrc, read_source, opaque, names, n, seen, nseen, depth + 1);
        }
        free(tsrc);
        free(target);
    }
    qjs_cjs_scan_free(&s);
    return st;
}

int qjs_cjs_export_names(QJSResolver *r, const char *name, const char *src,
                         char *(*read_source)(void *, const char *), void *opaque,
                         char ***names, int *n)
{
    char **seen = NULL;
    int nseen = 0;
    *names = NULL;
    *n = 0;
    int st = collect(r, name, src, read_source, opaque, names, n, &seen, &nseen, 0);
    for (int i = 0; i < nseen; i++)
        free(seen[i]);
    free(seen);
    if (st < 0) {
        for (int i = 0; i < *n; i++)
            free((*names)[i]);
        free(*names);
        *names = NULL;
        *n = 0;
        if (!qjs_has_exception(r->ctx))
            qjs_throw_error(r->ctx, "InternalError", "out of memory");
    }
    return st;
}

/* ---- the require() core, in JS on the native helpers below ----
 * host.resolve(id, from): the file require(id) means from module from;
 * host.format(name): "esm", "cjs", "json" or "builtin";
 * host.wrapper(name): the module's function (exports, require, module,
 * __filename, __dirname); host.json / host.esm / host.builtin(name): the
 * value require gives; host.dirname(name); host.path(filenameOrURL). */

static QJSValue throw_oom(QJSContext *ctx)
{
    return qjs_throw_error(ctx, "InternalError", "out of memory");
}

static QJSValue new_cstring(QJSContext *ctx, const char *s)
{
    return qjs_new_string(ctx, s, strlen(s));
}

/* argv[i] as a malloc'ed C string (NULL with an exception). */
static char *arg_string(QJSContext *ctx, QJSValue v)
{
    char *s = qjs_to_cstring(ctx, v, NULL);
    char *c = s ? strdup(s) : NULL;
    if (s)
        qjs_free_cstring(s);
    if (s && !c)
        throw_oom(ctx);
    return c;
}

static QJSValue host_resolve(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *id = arg_string(ctx, argv[0]);
    char *from = id ? arg_string(ctx, argv[1]) : NULL;
    QJSValue r = qjs_undefined();
    QJSResolver res;
    if (!from || js_rt_loader_resolver(ctx, &res, from) < 0) {
        r = qjs_undefined();
        if (!qjs_has_exception(ctx))
            throw_oom(ctx);
        free(id);
        free(from);
        return qjs_throw(ctx, qjs_take_exception(ctx));
    }
    char *name = qjs_resolve(&res, id, from, QJS_RESOLVE_REQUIRE);
    js_rt_loader_resolver_done(&res);
    r = name ? new_cstring(ctx, name) : qjs_throw(ctx, qjs_take_exception(ctx));
    free(name);
    free(id);
    free(from);
    return r;
}

static QJSValue host_format(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_string(ctx, argv[0]);
    if (!name)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    int f = js_rt_loader_format(ctx, name);
    free(name);
    if (f < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    static const char *const names[] = { "esm", "cjs", "json", "builtin" };
    return new_cstring(ctx, names[f]);
}

static QJSValue host_wrapper(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_string(ctx, argv[0]);
    if (!name)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue unit = js_rt_loader_cjs_unit(ctx, name);
    free(name);
    if (qjs_is_exception(unit))
        return unit;
    return qjs_eval_compiled(ctx, unit);
}

static QJSValue host_json(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_string(ctx, argv[0]);
    if (!name)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue v = js_rt_loader_json(ctx, name);
    free(name);
    return v;
}

QJSValue js_rt_cjs_esm_namespace(QJSContext *ctx, const char *name)
{
    static unsigned counter;
    Out o = {0};
    out_str(&o, "import ");
    /* relative names (compiled programs) are relative to the top folder,
     * where this module's name (no "/") places it */
    char *spec = name[0] == '/' || !strncmp(name, "../", 3) ? strdup(name) : NULL;
    if (!spec) {
        spec = malloc(strlen(name) + 3);
        if (spec)
            sprintf(spec, "./%s", name);
    }
    if (spec)
        out_quoted(&o, spec);
    out_str(&o, ";\n");
    char wname[64];
    snprintf(wname, sizeof wname, "<require-esm-%u>", ++counter);
    if (o.oom || !spec) {
        free(spec);
        free(o.p);
        return throw_oom(ctx);
    }
    free(spec);
    QJSValue unit = qjs_compile(ctx, o.p, o.len, wname, QJS_EVAL_MODULE);
    free(o.p);
    QJSValue p = qjs_is_exception(unit) ? unit : qjs_eval_compiled(ctx, unit);
    if (qjs_is_exception(p))
        return p;
    QJSValue result = qjs_undefined();
    int st = qjs_get_promise_state(p, &result);
    if (st == 1)
        return qjs_module_namespace(ctx, name);
    if (st == 2)
        return qjs_throw(ctx, result);
    char msg[600];
    snprintf(msg, sizeof msg, "require() of the ES module %.400s: it uses top-level await "
             "(use import() instead)", name);
    qjs_throw_error(ctx, "Error", msg);
    QJSRef *e = qjs_ref_new(ctx, qjs_take_exception(ctx));
    QJSValue code = qjs_new_string(ctx, "ERR_REQUIRE_ASYNC_MODULE", 24);
    if (!qjs_is_exception(code) && qjs_define_prop_str(ctx, qjs_ref_get(e), "code", code) < 0)
        qjs_take_exception(ctx);
    QJSValue r = qjs_throw(ctx, qjs_ref_get(e));
    qjs_ref_free(e);
    return r;
}

static QJSValue host_esm(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_string(ctx, argv[0]);
    if (!name)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue r = js_rt_cjs_esm_namespace(ctx, name);
    free(name);
    return r;
}

static QJSValue host_builtin(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_string(ctx, argv[0]);
    if (!name)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue v = rt_cjs_builtin_value(ctx, name);
    free(name);
    return v;
}

static QJSValue host_dirname(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_string(ctx, argv[0]);
    if (!name)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    char *d = qjs_resolve_dirname(name);
    free(name);
    if (!d)
        return throw_oom(ctx);
    QJSValue v = new_cstring(ctx, *d ? d : ".");
    free(d);
    return v;
}

static QJSValue host_path(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *s = arg_string(ctx, argv[0]);
    if (!s)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    char *p = js_rt_loader_path_of(ctx, s);
    free(s);
    if (!p)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue v = new_cstring(ctx, p);
    free(p);
    return v;
}

/* The core object { load, createRequire }, made on first use. */
static QJSValue cjs_core(QJSContext *ctx)
{
    QJSValue core = js_rt_slot_get(ctx, RT_SLOT_CJS_CORE);
    if (!qjs_is_undefined(core))
        return core;
    static const struct {
        const char *name;
        QJSNativeFunction *fn;
        int length;
    } fns[] = {
        { "resolve", host_resolve, 2 }, { "format", host_format, 1 }, { "wrapper", host_wrapper, 1 },
        { "json", host_json, 1 }, { "esm", host_esm, 1 }, { "builtin", host_builtin, 1 },
        { "dirname", host_dirname, 1 }, { "path", host_path, 1 },
    };
    QJSValue host = qjs_new_object(ctx);
    if (qjs_is_exception(host))
        return host;
    QJSRef *href = qjs_ref_new(ctx, host);
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        QJSValue f = qjs_new_function(ctx, fns[i].fn, fns[i].name, fns[i].length);
        if (qjs_is_exception(f) || qjs_set_prop_str(ctx, qjs_ref_get(href), fns[i].name, f) < 0) {
            qjs_ref_free(href);
            return qjs_is_exception(f) ? f : qjs_throw(ctx, qjs_take_exception(ctx));
        }
    }
    QJSValue fn = JS_RT_LIBRARY_JS(ctx, cjs_core);
    QJSValue arg = qjs_ref_get(href);
    core = qjs_is_exception(fn) ? fn : qjs_call(ctx, fn, qjs_undefined(), 1, &arg);
    qjs_ref_free(href);
    if (qjs_is_exception(core))
        return core;
    if (js_rt_slot_set(ctx, RT_SLOT_CJS_CORE, core) < 0)
        return throw_oom(ctx);
    return core;
}


/* ---- the "module" built-in and the internal module ---- */

/* The "module" object: createRequire (and nothing of Node's other
 * members). */
static QJSValue module_object(QJSContext *ctx)
{
    QJSValue obj = js_rt_slot_get(ctx, RT_SLOT_CJS_MODULE_OBJ);
    if (!qjs_is_undefined(obj))
        return obj;
    QJSValue core = cjs_core(ctx);
    if (qjs_is_exception(core))
        return core;
    obj = qjs_new_object(ctx);
    if (qjs_is_exception(obj))
        return obj;
    QJSRef *oref = qjs_ref_new(ctx, obj);
    QJSValue cr = qjs_get_prop_str(ctx, js_rt_slot_get(ctx, RT_SLOT_CJS_CORE), "createRequire");
    int st = qjs_is_exception(cr) ? -1 : qjs_set_prop_str(ctx, qjs_ref_get(oref), "createRequire", cr);
    obj = qjs_ref_get(oref);
    qjs_ref_free(oref);
    if (st < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    if (js_rt_slot_set(ctx, RT_SLOT_CJS_MODULE_OBJ, obj) < 0)
        return throw_oom(ctx);
    return obj;
}

/* What require() gives for a built-in name ("module", "std", "os"). */
static QJSValue rt_cjs_builtin_value(QJSContext *ctx, const char *name)
{
    if (!strcmp(name, "module"))
        return module_object(ctx);
    return !strcmp(name, "std") ? js_rt_std_object(ctx) : js_rt_os_object(ctx);
}

static int module_builtin_init(QJSContext *ctx, QJSValue module)
{
    QJSRef *mref = qjs_ref_new(ctx, module);
    QJSValue obj = module_object(ctx);
    int st = -1;
    if (!qjs_is_exception(obj) && qjs_module_set_export(ctx, qjs_ref_get(mref), "default", obj) == 0) {
        QJSValue cr = qjs_get_prop_str(ctx, js_rt_slot_get(ctx, RT_SLOT_CJS_MODULE_OBJ), "createRequire");
        st = qjs_is_exception(cr) ? -1 : qjs_module_set_export(ctx, qjs_ref_get(mref), "createRequire", cr);
    }
    qjs_ref_free(mref);
    return st;
}

static int internal_init(QJSContext *ctx, QJSValue module)
{
    QJSRef *mref = qjs_ref_new(ctx, module);
    QJSValue core = cjs_core(ctx);
    int st = -1;
    if (!qjs_is_exception(core)) {
        QJSValue load = qjs_get_prop_str(ctx, core, "load");
        st = qjs_is_exception(load) ? -1 : qjs_module_set_export(ctx, qjs_ref_get(mref), "load", load);
    }
    qjs_ref_free(mref);
    return st;
}

QJSValue js_rt_cjs_new_builtin_module(QJSContext *ctx, const char *name)
{
    if (!strcmp(name, "module")) {
        static const char *const names[] = { "default", "createRequire" };
        return qjs_new_native_module(ctx, name, names, 2, module_builtin_init);
    }
    static const char *const names[] = { "load" };
    return qjs_new_native_module(ctx, name, names, 1, internal_init);
}
