/* resolve.c: Node-style module resolution (resolve.h): relative and
 * absolute paths, node_modules lookup from the referrer's folder upwards,
 * package.json "exports" and "imports" (subpaths, "*" patterns,
 * conditions, fallback arrays, null targets), "main", self-reference by
 * package name, CommonJS file/folder probing, and the format of a file. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE     /* realpath, S_ISDIR */
#endif
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "resolve.h"
#include "cjs.h"
#include "qjs_runtime.h"

/* ---- small strings ---- */

typedef struct Buf {
    char *p;
    size_t len, cap;
    bool oom;
} Buf;

static void buf_puts(Buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

static void buf_printf(Buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    buf_puts(b, tmp);
}

static char *str_cat3(const char *a, const char *b, const char *c)
{
    size_t x = strlen(a), y = strlen(b), z = strlen(c);
    char *r = malloc(x + y + z + 1);
    if (r) {
        memcpy(r, a, x);
        memcpy(r + x, b, y);
        memcpy(r + x + y, c, z + 1);
    }
    return r;
}

static bool starts_with(const char *s, const char *p)
{
    return !strncmp(s, p, strlen(p));
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* dir + "/" + rel folded ("" dir: rel folded). Malloc'ed or NULL. */
static char *path_join(const char *dir, const char *rel)
{
    char *r = *dir ? str_cat3(dir, "/", rel) : strdup(rel);
    if (r)
        qjs_runtime_fold_path(r);
    return r;
}

char *qjs_resolve_dirname(const char *name)
{
    const char *slash = strrchr(name, '/');
    if (!slash)
        return strdup("");
    if (slash == name)
        return strdup("/");
    return strndup(name, (size_t)(slash - name));
}

/* The parent of folder dir, or NULL at the top: "/" for an absolute
 * path, "" then ".." segments (while they exist) for a relative one. */
static char *parent_dir(QJSResolver *r, const char *dir)
{
    if (dir[0] == '/')
        return strcmp(dir, "/") ? qjs_resolve_dirname(dir) : NULL;
    /* relative names (compiled programs): "" is the entry's folder; above
     * it only the folders some compiled file lives in */
    char *up = *dir ? path_join(dir, "..") : strdup("..");
    if (up && !strncmp(up, "..", 2) && r->fs->kind(r->fs->opaque, up) != 2) {
        free(up);
        return NULL;
    }
    return up;
}

/* ---- Node built-in modules ---- */

static const char *const node_builtins[] = {
    "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console",
    "constants", "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain",
    "events", "fs", "fs/promises", "http", "http2", "https", "inspector", "net", "os", "path",
    "path/posix", "path/win32", "perf_hooks", "process", "punycode", "querystring", "readline",
    "readline/promises", "repl", "stream", "stream/promises", "stream/web", "string_decoder",
    "sys", "timers", "timers/promises", "tls", "trace_events", "tty", "url", "util",
    "util/types", "v8", "vm", "wasi", "worker_threads", "zlib", NULL
};

bool qjs_resolve_is_node_builtin(const char *name)
{
    if (starts_with(name, "node:"))
        return strcmp(name, "node:module") != 0;
    if (!strcmp(name, "os"))    /* the runtime library's own "os" */
        return false;
    for (int i = 0; node_builtins[i]; i++)
        if (!strcmp(name, node_builtins[i]))
            return true;
    return false;
}

/* ---- errors ---- */

/* Throws a new kind error with message b (freed) and, as Node does,
 * a `code` property a program can test. */
static void throw_msg(QJSResolver *r, const char *kind, const char *code, Buf *b)
{
    QJSContext *ctx = r->ctx;
    if (b->oom) {
        free(b->p);
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return;
    }
    qjs_throw_error(ctx, kind, b->p);
    free(b->p);
    QJSRef *e = qjs_ref_new(ctx, qjs_take_exception(ctx));
    QJSValue c = qjs_new_string(ctx, code, strlen(code));
    if (!qjs_is_exception(c) && qjs_define_prop_str(ctx, qjs_ref_get(e), "code", c) < 0)
        qjs_take_exception(ctx);
    qjs_throw(ctx, qjs_ref_get(e));
    qjs_ref_free(e);
}

/* Appends what the files in use tell about a missing file. */
static void add_hint(QJSResolver *r, Buf *b)
{
    if (r->fs->missing_hint)
        buf_puts(b, r->fs->missing_hint);
}

static const char *not_found_code(int mode)
{
    return mode == QJS_RESOLVE_REQUIRE ? "MODULE_NOT_FOUND" : "ERR_MODULE_NOT_FOUND";
}

static const char *shown_referrer(const char *referrer)
{
    return referrer && *referrer ? referrer : "<main>";
}

/* ---- package.json ---- */

/* The parsed package.json at path (undefined if there is none), cached;
 * JS_EXCEPTION-like: *err set, exception pending, on invalid JSON. The
 * value stays alive in the cache. */
static QJSValue read_package(QJSResolver *r, const char *path, bool *err)
{
    *err = false;
    QJSContext *ctx = r->ctx;
    QJSValue cached = qjs_get_prop_str(ctx, qjs_ref_get(r->pkg_cache), path);
    if (qjs_is_exception(cached)) {
        *err = true;
        return cached;
    }
    if (!qjs_is_undefined(cached))
        return qjs_is_null(cached) ? qjs_undefined() : cached;
    size_t len;
    char *text = r->fs->read_package(r->fs->opaque, path, &len);
    QJSValue v = qjs_null();
    if (text) {
        QJSValue json = qjs_get_prop_str(ctx, qjs_get_global(ctx), "JSON");
        QJSValue parse = qjs_is_exception(json) ? json : qjs_get_prop_str(ctx, json, "parse");
        QJSValue s = qjs_new_string(ctx, text, len);
        free(text);
        QJSValue res = qjs_undefined();
        if (!qjs_is_exception(parse) && !qjs_is_exception(s)) {
            QJSRef *pr = qjs_ref_new(ctx, parse);
            QJSValue arg = s;
            QJSRef *sr = qjs_ref_new(ctx, s);
            arg = qjs_ref_get(sr);
            res = qjs_call(ctx, qjs_ref_get(pr), qjs_undefined(), 1, &arg);
            qjs_ref_free(sr);
            qjs_ref_free(pr);
        } else {
            res = qjs_is_exception(parse) ? parse : s;
        }
        if (qjs_is_exception(res)) {
            QJSValue e = qjs_take_exception(ctx);
            QJSRef *er = qjs_ref_new(ctx, e);
            char *msg = qjs_to_cstring(ctx, qjs_get_prop_str(ctx, qjs_ref_get(er), "message"), NULL);
            qjs_ref_free(er);
            Buf b = {0};
            buf_printf(&b, "invalid package.json %s: %s", path, msg ? msg : "bad JSON");
            if (msg)
                qjs_free_cstring(msg);
            throw_msg(r, "SyntaxError", "ERR_INVALID_PACKAGE_CONFIG", &b);
            *err = true;
            return qjs_undefined();
        }
        v = qjs_is_object(res) ? res : qjs_null();
    }
    if (qjs_set_prop_str(ctx, qjs_ref_get(r->pkg_cache), path, v) < 0) {
        *err = true;
        return qjs_undefined();
    }
    return qjs_is_null(v) ? qjs_undefined() : v;
}

/* The nearest package.json at or above dir: its folder (malloc'ed) and
 * parsed value; NULL if none (or on error, *err set). */
static char *find_scope(QJSResolver *r, const char *dir, QJSValue *pkg, bool *err)
{
    char *d = strdup(dir);
    *err = false;
    while (d) {
        /* a package scope ends at node_modules */
        const char *base = strrchr(d, '/');
        base = base ? base + 1 : d;
        if (!strcmp(base, "node_modules")) {
            free(d);
            return NULL;
        }
        char *pj = path_join(d, "package.json");
        if (!pj)
            break;
        QJSValue v = read_package(r, pj, err);
        free(pj);
        if (*err)
            break;
        if (!qjs_is_undefined(v)) {
            *pkg = v;
            return d;
        }
        char *up = parent_dir(r, d);
        free(d);
        d = up;
    }
    free(d);
    return NULL;
}

/* The string value of pkg[key] (malloc'ed UTF-8) or NULL. */
static char *pkg_string(QJSResolver *r, QJSValue pkg, const char *key)
{
    QJSValue v = qjs_get_prop_str(r->ctx, pkg, key);
    if (!qjs_is_string(v))
        return NULL;
    char *s = qjs_to_cstring(r->ctx, v, NULL);
    char *c = s ? strdup(s) : NULL;
    if (s)
        qjs_free_cstring(s);
    return c;
}

/* ---- exports and imports ---- */

static const char *const import_conditions[] = { "qjs", "import", "default", NULL };
static const char *const require_conditions[] = { "qjs", "require", "default", NULL };

static bool cond_matches(int mode, const char *key)
{
    const char *const *c = mode == QJS_RESOLVE_REQUIRE ? require_conditions : import_conditions;
    for (; *c; c++)
        if (!strcmp(*c, key))
            return true;
    return false;
}

/* Result of a target: a path, "none" (null or no condition matched), an
 * invalid target, or an error already thrown. */
enum { T_FOUND, T_NONE, T_INVALID, T_ERROR };

typedef struct Target {
    char *path;             /* T_FOUND: malloc'ed */
    char *invalid;          /* T_INVALID: the offending target string */
} Target;

/* Whether a "./..." target (after its "./") or a pattern match has a
 * ".", ".." or "node_modules" segment, which Node refuses. */
static bool bad_segments(const char *s)
{
    const char *p = s;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if ((n == 1 && p[0] == '.') || (n == 2 && !strncmp(p, "..", 2)) ||
            (n == 12 && !strncmp(p, "node_modules", 12)))
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

/* Every "*" of target replaced by match. Malloc'ed. */
static char *subst_pattern(const char *target, const char *match)
{
    Buf b = {0};
    buf_puts(&b, "");
    for (const char *p = target; *p; p++) {
        if (*p == '*') {
            buf_puts(&b, match);
        } else {
            char c[2] = { *p, 0 };
            buf_puts(&b, c);
        }
    }
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

static char *resolve_bare(QJSResolver *r, const char *specifier, const char *referrer, int mode, Buf *searched);

static int target_resolve(QJSResolver *r, const char *pkgdir, QJSValue target, const char *match,
                          bool is_imports, int mode, const char *referrer, Target *out, int depth);

static int target_string(QJSResolver *r, const char *pkgdir, const char *t, const char *match,
                         bool is_imports, int mode, const char *referrer, Target *out)
{
    if (!starts_with(t, "./")) {
        if (is_imports && !starts_with(t, "../") && t[0] != '/' && !strchr(t, ':')) {
            /* an "imports" target may name another package */
            char *spec = match ? subst_pattern(t, match) : strdup(t);
            if (!spec)
                return T_ERROR;
            char *pj = path_join(pkgdir, "package.json");
            char *res = pj ? resolve_bare(r, spec, pj, mode, NULL) : NULL;
            free(pj);
            free(spec);
            if (!res)
                return T_ERROR;
            out->path = res;
            return T_FOUND;
        }
        out->invalid = strdup(t);
        return T_INVALID;
    }
    if (bad_segments(t + 2) || (match && bad_segments(match))) {
        out->invalid = strdup(t);
        return T_INVALID;
    }
    char *rel = match ? subst_pattern(t + 2, match) : strdup(t + 2);
    char *p = rel ? path_join(pkgdir, rel) : NULL;
    free(rel);
    if (!p)
        return T_ERROR;
    out->path = p;
    return T_FOUND;
}

static int target_resolve(QJSResolver *r, const char *pkgdir, QJSValue target, const char *match,
                          bool is_imports, int mode, const char *referrer, Target *out, int depth)
{
    QJSContext *ctx = r->ctx;
    if (depth > 32)
        return T_NONE;
    if (qjs_is_string(target)) {
        char *t = qjs_to_cstring(ctx, target, NULL);
        if (!t)
            return T_ERROR;
        int st = target_string(r, pkgdir, t, match, is_imports, mode, referrer, out);
        qjs_free_cstring(t);
        return st;
    }
    if (!qjs_is_object(target))
        return T_NONE;      /* null hides the subpath; other values match nothing */
    QJSValue is_arr = qjs_get_prop_str(ctx, target, "length");
    QJSRef *keys_ref = NULL;
    int st = T_NONE;
    if (qjs_is_number(is_arr)) {
        /* an array of fallbacks: the first that resolves; invalid
         * entries are skipped, and reported if nothing else works */
        uint32_t n = (uint32_t)qjs_get_number(is_arr);
        if (n == 0)
            return T_NONE;
        char *last_invalid = NULL;
        for (uint32_t i = 0; i < n; i++) {
            Target t = {0};
            int s = target_resolve(r, pkgdir, qjs_get_index(ctx, target, i), match, is_imports, mode,
                                   referrer, &t, depth + 1);
            if (s == T_FOUND || s == T_ERROR) {
                free(last_invalid);
                *out = t;
                return s;
            }
            if (s == T_INVALID) {
                free(last_invalid);
                last_invalid = t.invalid;
            }
        }
        if (last_invalid) {
            out->invalid = last_invalid;
            return T_INVALID;
        }
        return T_NONE;
    }
    /* conditions, in the object's key order */
    QJSValue keys = qjs_get_own_prop_keys(ctx, target, QJS_KEYS_STRINGS);
    if (qjs_is_exception(keys))
        return T_ERROR;
    keys_ref = qjs_ref_new(ctx, keys);
    QJSRef *tref = qjs_ref_new(ctx, target);
    QJSValue lenv = qjs_get_prop_str(ctx, keys, "length");
    uint32_t n = qjs_is_number(lenv) ? (uint32_t)qjs_get_number(lenv) : 0;
    for (uint32_t i = 0; i < n; i++) {
        char *key = qjs_to_cstring(ctx, qjs_get_index(ctx, qjs_ref_get(keys_ref), i), NULL);
        if (!key) {
            st = T_ERROR;
            break;
        }
        bool take = cond_matches(mode, key);
        QJSValue v = take ? qjs_get_prop_str(ctx, qjs_ref_get(tref), key) : qjs_undefined();
        qjs_free_cstring(key);
        if (!take)
            continue;
        Target t = {0};
        int s = target_resolve(r, pkgdir, v, match, is_imports, mode, referrer, &t, depth + 1);
        if (s == T_NONE)
            continue;       /* e.g. a nested condition object that did not match */
        *out = t;
        st = s;
        break;
    }
    qjs_ref_free(tref);
    qjs_ref_free(keys_ref);
    return st;
}

/* Node's PATTERN_KEY_COMPARE: the longer prefix before "*" first, then
 * the longer key. */
static int pattern_key_compare(const char *a, const char *b)
{
    const char *sa = strchr(a, '*'), *sb = strchr(b, '*');
    size_t la = sa ? (size_t)(sa - a) + 1 : strlen(a) + 1;
    size_t lb = sb ? (size_t)(sb - b) + 1 : strlen(b) + 1;
    if (la != lb)
        return la > lb ? -1 : 1;
    if (!sa)
        return 1;
    if (!sb)
        return -1;
    size_t na = strlen(a), nb = strlen(b);
    return na > nb ? -1 : na < nb ? 1 : 0;
}

/* Resolves match_key ("./sub" or "#name") in the map obj ("exports" or
 * "imports" object of the package at pkgdir). */
static int map_resolve(QJSResolver *r, const char *pkgdir, QJSValue obj, const char *match_key,
                       bool is_imports, int mode, const char *referrer, Target *out)
{
    QJSContext *ctx = r->ctx;
    QJSRef *oref = qjs_ref_new(ctx, obj);
    int st = T_NONE;
    if (!strchr(match_key, '*')) {
        QJSValue v = qjs_get_prop_str(ctx, qjs_ref_get(oref), match_key);
        if (qjs_is_exception(v)) {
            qjs_ref_free(oref);
            return T_ERROR;
        }
        if (!qjs_is_undefined(v)) {
            st = target_resolve(r, pkgdir, v, NULL, is_imports, mode, referrer, out, 0);
            qjs_ref_free(oref);
            return st;
        }
    }
    QJSValue keys = qjs_get_own_prop_keys(ctx, qjs_ref_get(oref), QJS_KEYS_STRINGS);
    if (qjs_is_exception(keys)) {
        qjs_ref_free(oref);
        return T_ERROR;
    }
    QJSRef *kref = qjs_ref_new(ctx, keys);
    QJSValue lenv = qjs_get_prop_str(ctx, keys, "length");
    uint32_t n = qjs_is_number(lenv) ? (uint32_t)qjs_get_number(lenv) : 0;
    char *best = NULL;
    for (uint32_t i = 0; i < n; i++) {
        char *key = qjs_to_cstring(ctx, qjs_get_index(ctx, qjs_ref_get(kref), i), NULL);
        if (!key) {
            free(best);
            qjs_ref_free(kref);
            qjs_ref_free(oref);
            return T_ERROR;
        }
        const char *star = strchr(key, '*');
        if (star && !strchr(star + 1, '*')) {
            size_t blen = (size_t)(star - key);
            const char *trailer = star + 1;
            if (!strncmp(match_key, key, blen) && strcmp(match_key, key) != 0 &&
                strlen(match_key) > blen &&
                (!*trailer || (ends_with(match_key, trailer) && strlen(match_key) >= strlen(key))) &&
                (!best || pattern_key_compare(best, key) == 1)) {
                free(best);
                best = strdup(key);
            }
        }
        qjs_free_cstring(key);
    }
    qjs_ref_free(kref);
    if (best) {
        const char *star = strchr(best, '*');
        size_t blen = (size_t)(star - best), tlen = strlen(star + 1);
        char *match = strndup(match_key + blen, strlen(match_key) - blen - tlen);
        QJSValue v = qjs_get_prop_str(ctx, qjs_ref_get(oref), best);
        st = match ? target_resolve(r, pkgdir, v, match, is_imports, mode, referrer, out, 0) : T_ERROR;
        free(match);
        free(best);
    }
    qjs_ref_free(oref);
    return st;
}

/* Whether the "exports" value is a conditions object or a single target
 * (no key starts with "."), rather than a subpath map. -1: mixed (an
 * error, thrown), 0: subpaths, 1: sugar for ".". */
static int exports_is_sugar(QJSResolver *r, QJSValue exports, const char *pkgjson)
{
    QJSContext *ctx = r->ctx;
    if (qjs_is_string(exports) || !qjs_is_object(exports) || qjs_is_number(qjs_get_prop_str(ctx, exports, "length")))
        return 1;
    QJSValue keys = qjs_get_own_prop_keys(ctx, exports, QJS_KEYS_STRINGS);
    if (qjs_is_exception(keys))
        return -1;
    QJSRef *kref = qjs_ref_new(ctx, keys);
    QJSValue lenv = qjs_get_prop_str(ctx, keys, "length");
    uint32_t n = qjs_is_number(lenv) ? (uint32_t)qjs_get_number(lenv) : 0;
    int dots = 0, others = 0;
    for (uint32_t i = 0; i < n; i++) {
        char *key = qjs_to_cstring(ctx, qjs_get_index(ctx, qjs_ref_get(kref), i), NULL);
        if (!key) {
            qjs_ref_free(kref);
            return -1;
        }
        if (key[0] == '.')
            dots++;
        else
            others++;
        qjs_free_cstring(key);
    }
    qjs_ref_free(kref);
    if (dots && others) {
        Buf b = {0};
        buf_printf(&b, "invalid package config %s: \"exports\" cannot mix keys starting with \".\" "
                   "and condition names", pkgjson);
        throw_msg(r, "Error", "ERR_INVALID_PACKAGE_CONFIG", &b);
        return -1;
    }
    return others || !n ? 1 : 0;
}

/* The file "exports" of the package at pkgdir gives for subpath ("." or
 * "./x"). NULL with an exception pending when it is not exported. */
static char *exports_resolve(QJSResolver *r, const char *pkgdir, QJSValue pkg, const char *subpath,
                             const char *specifier, const char *referrer, int mode)
{
    QJSContext *ctx = r->ctx;
    QJSValue exports = qjs_get_prop_str(ctx, pkg, "exports");
    char *pj = path_join(pkgdir, "package.json");
    if (!pj)
        return NULL;
    int sugar = exports_is_sugar(r, exports, pj);
    Target t = {0};
    int st = T_NONE;
    if (sugar < 0) {
        free(pj);
        return NULL;
    }
    exports = qjs_get_prop_str(ctx, pkg, "exports");
    if (sugar == 1) {
        if (!strcmp(subpath, "."))
            st = target_resolve(r, pkgdir, exports, NULL, false, mode, referrer, &t, 0);
    } else {
        st = map_resolve(r, pkgdir, exports, subpath, false, mode, referrer, &t);
    }
    if (st == T_FOUND) {
        free(pj);
        return t.path;
    }
    if (st == T_ERROR) {
        free(pj);
        return NULL;
    }
    Buf b = {0};
    if (st == T_INVALID)
        buf_printf(&b, "cannot load module '%s' imported from %s: invalid \"exports\" target \"%s\" "
                   "for subpath '%s' in %s", specifier, shown_referrer(referrer), t.invalid, subpath, pj);
    else if (!strcmp(subpath, "."))
        buf_printf(&b, "cannot load module '%s' imported from %s: no \"exports\" main defined in %s "
                   "(for the %s conditions)", specifier, shown_referrer(referrer), pj,
                   mode == QJS_RESOLVE_REQUIRE ? "\"require\"" : "\"import\"");
    else
        buf_printf(&b, "cannot load module '%s' imported from %s: package subpath '%s' is not defined "
                   "by \"exports\" in %s", specifier, shown_referrer(referrer), subpath, pj);
    free(t.invalid);
    free(pj);
    throw_msg(r, "Error", st == T_INVALID ? "ERR_INVALID_PACKAGE_TARGET" : "ERR_PACKAGE_PATH_NOT_EXPORTED", &b);
    return NULL;
}

/* ---- files and folders (CommonJS probing, "main") ---- */

static int fs_kind(QJSResolver *r, const char *p)
{
    return r->fs->kind(r->fs->opaque, p);
}

/* LOAD_AS_FILE: path, then path + .js / .json / .cjs. */
static char *probe_file(QJSResolver *r, const char *path)
{
    static const char *const exts[] = { "", ".js", ".json", ".cjs", NULL };
    for (int i = 0; exts[i]; i++) {
        char *p = str_cat3(path, exts[i], "");
        if (!p || fs_kind(r, p) == 1)
            return p;
        free(p);
    }
    return NULL;
}

/* LOAD_AS_DIRECTORY: "main" of its package.json (as a file or folder
 * index), then index.js / index.json / index.cjs. *err on a bad
 * package.json. */
static char *probe_dir(QJSResolver *r, const char *dir, bool *err)
{
    *err = false;
    char *pj = path_join(dir, "package.json");
    if (!pj)
        return NULL;
    QJSValue pkg = read_package(r, pj, err);
    free(pj);
    if (*err)
        return NULL;
    if (!qjs_is_undefined(pkg)) {
        char *main = pkg_string(r, pkg, "main");
        if (main) {
            char *m = path_join(dir, main);
            free(main);
            char *f = m ? probe_file(r, m) : NULL;
            if (!f && m) {
                char *idx = path_join(m, "index");
                f = idx ? probe_file(r, idx) : NULL;
                free(idx);
            }
            free(m);
            if (f)
                return f;
        }
    }
    char *idx = path_join(dir, "index");
    char *f = idx ? probe_file(r, idx) : NULL;
    free(idx);
    return f;
}

/* A path the specifier named: for require, probed as a file then a
 * folder; for import, it must be a file as written. NULL if missing. */
static char *resolve_path(QJSResolver *r, const char *path, int mode, bool *err)
{
    *err = false;
    if (mode == QJS_RESOLVE_REQUIRE) {
        char *f = probe_file(r, path);
        if (f)
            return f;
        if (fs_kind(r, path) == 2)
            return probe_dir(r, path, err);
        return NULL;
    }
    if (fs_kind(r, path) == 1)
        return strdup(path);
    return NULL;
}

/* The real path of a found file (symbolic links resolved). */
static char *finish(QJSResolver *r, char *path)
{
    if (!path)
        return NULL;
    char *real = r->fs->real_path ? r->fs->real_path(r->fs->opaque, path) : NULL;
    if (real) {
        free(path);
        return real;
    }
    return path;
}

/* finish() for a file named by package data ("exports", "imports",
 * "main"), which need not exist: a missing one is an error naming the
 * specifier. */
static char *finish_mapped(QJSResolver *r, char *path, const char *specifier, const char *referrer, int mode)
{
    if (path && fs_kind(r, path) != 1) {
        Buf b = {0};
        buf_printf(&b, "cannot load module '%s' imported from %s: its package maps it to %s, "
                   "which does not exist", specifier, shown_referrer(referrer), path);
        add_hint(r, &b);
        free(path);
        throw_msg(r, "Error", not_found_code(mode), &b);
        return NULL;
    }
    return finish(r, path);
}

/* ---- bare specifiers ---- */

/* Splits "pkg/sub" / "@scope/pkg/sub" into the package name (malloc'ed)
 * and the subpath ("." or "./sub", malloc'ed). false if invalid. */
static bool split_package(const char *spec, char **name, char **subpath)
{
    const char *end = strchr(spec, '/');
    if (spec[0] == '@') {
        if (!end || end == spec + 1)
            return false;
        end = strchr(end + 1, '/');
    }
    size_t n = end ? (size_t)(end - spec) : strlen(spec);
    if (n == 0 || spec[0] == '.' || memchr(spec, '\\', n) || memchr(spec, '%', n))
        return false;
    *name = strndup(spec, n);
    *subpath = end ? str_cat3(".", end, "") : strdup(".");
    return *name && *subpath;
}

static char *resolve_in_package(QJSResolver *r, const char *pkgdir, const char *subpath,
                                const char *specifier, const char *referrer, int mode, bool *err)
{
    *err = false;
    char *pj = path_join(pkgdir, "package.json");
    if (!pj) {
        *err = true;
        return NULL;
    }
    QJSValue pkg = read_package(r, pj, err);
    free(pj);
    if (*err)
        return NULL;
    if (!qjs_is_undefined(pkg) && !qjs_is_undefined(qjs_get_prop_str(r->ctx, pkg, "exports"))) {
        char *f = exports_resolve(r, pkgdir, pkg, subpath, specifier, referrer, mode);
        if (!f)
            *err = true;
        return f;
    }
    if (!strcmp(subpath, ".")) {
        /* "main", then the index files (also for import, as Node's
         * legacy main resolution does) */
        char *f = probe_dir(r, pkgdir, err);
        return f;
    }
    char *p = path_join(pkgdir, subpath);
    char *f = p ? resolve_path(r, p, mode, err) : NULL;
    free(p);
    return f;
}

/* A bare specifier: the referrer's own package (self-reference), then
 * node_modules folders upwards. searched (may be NULL) collects the
 * folders looked in, for the error message. */
static char *resolve_bare(QJSResolver *r, const char *specifier, const char *referrer, int mode, Buf *searched)
{
    char *name = NULL, *subpath = NULL;
    if (!split_package(specifier, &name, &subpath)) {
        Buf b = {0};
        buf_printf(&b, "cannot load module '%s' imported from %s: invalid package name",
                   specifier, shown_referrer(referrer));
        free(name);
        free(subpath);
        throw_msg(r, "TypeError", "ERR_INVALID_MODULE_SPECIFIER", &b);
        return NULL;
    }
    char *dir = qjs_resolve_dirname(referrer ? referrer : "");
    bool err = false;
    char *found = NULL;
    /* self-reference: the nearest package.json names this package and
     * has "exports" */
    QJSValue pkg;
    char *scope = dir ? find_scope(r, dir, &pkg, &err) : NULL;
    if (scope) {
        char *pname = pkg_string(r, pkg, "name");
        if (pname && !strcmp(pname, name) && !qjs_is_undefined(qjs_get_prop_str(r->ctx, pkg, "exports"))) {
            found = exports_resolve(r, scope, pkg, subpath, specifier, referrer, mode);
            if (!found)
                err = true;
        }
        free(pname);
        free(scope);
    }
    for (char *d = (found || err) ? NULL : (dir ? strdup(dir) : NULL); d;) {
        const char *base = strrchr(d, '/');
        base = base ? base + 1 : d;
        if (strcmp(base, "node_modules") != 0) {
            char *nm = path_join(d, "node_modules");
            char *pkgdir = nm ? path_join(nm, name) : NULL;
            if (searched && nm) {
                buf_puts(searched, "\n  ");
                buf_puts(searched, *nm ? nm : ".");
            }
            free(nm);
            if (pkgdir && fs_kind(r, pkgdir) == 2) {
                found = resolve_in_package(r, pkgdir, subpath, specifier, referrer, mode, &err);
                if (!found && !err) {
                    Buf b = {0};
                    buf_printf(&b, "cannot load module '%s' imported from %s: package %s has no %s%s",
                               specifier, shown_referrer(referrer), pkgdir,
                               !strcmp(subpath, ".") ? "main file" : "file ",
                               !strcmp(subpath, ".") ? "" : subpath + 2);
                    add_hint(r, &b);
                    throw_msg(r, "Error", not_found_code(mode), &b);
                    err = true;
                }
                free(pkgdir);
                free(d);
                break;
            }
            free(pkgdir);
        }
        char *up = parent_dir(r, d);
        free(d);
        d = up;
    }
    free(dir);
    free(name);
    free(subpath);
    if (!found && !err && searched == NULL) {
        Buf b = {0};
        buf_printf(&b, "cannot load module '%s' imported from %s: package not found in node_modules",
                   specifier, shown_referrer(referrer));
        throw_msg(r, "Error", not_found_code(mode), &b);
    }
    return found;
}

/* "#name" from the "imports" of the referrer's package. */
static char *resolve_imports(QJSResolver *r, const char *specifier, const char *referrer, int mode)
{
    char *dir = qjs_resolve_dirname(referrer ? referrer : "");
    bool err = false;
    QJSValue pkg;
    char *scope = dir ? find_scope(r, dir, &pkg, &err) : NULL;
    free(dir);
    if (err)
        return NULL;
    Target t = {0};
    int st = T_NONE;
    if (scope) {
        QJSValue imports = qjs_get_prop_str(r->ctx, pkg, "imports");
        if (qjs_is_object(imports) && !qjs_is_number(qjs_get_prop_str(r->ctx, imports, "length")))
            st = map_resolve(r, scope, imports, specifier, true, mode, referrer, &t);
    }
    if (st == T_FOUND) {
        free(scope);
        return t.path;
    }
    if (st != T_ERROR) {
        Buf b = {0};
        if (!scope)
            buf_printf(&b, "cannot load module '%s' imported from %s: no package.json with \"imports\" "
                       "above it", specifier, shown_referrer(referrer));
        else if (st == T_INVALID)
            buf_printf(&b, "cannot load module '%s' imported from %s: invalid \"imports\" target \"%s\" "
                       "in %s/package.json", specifier, shown_referrer(referrer), t.invalid, scope);
        else
            buf_printf(&b, "cannot load module '%s' imported from %s: \"%s\" is not defined by "
                       "\"imports\" in %s%spackage.json", specifier, shown_referrer(referrer), specifier,
                       scope, *scope ? "/" : "");
        throw_msg(r, "TypeError", st == T_INVALID ? "ERR_INVALID_PACKAGE_TARGET" : "ERR_PACKAGE_IMPORT_NOT_DEFINED", &b);
    }
    free(t.invalid);
    free(scope);
    return NULL;
}

char *qjs_resolve(QJSResolver *r, const char *specifier, const char *referrer, int mode)
{
    if (!strcmp(specifier, "std") || !strcmp(specifier, "os") || !strcmp(specifier, "module"))
        return strdup(specifier);
    if (!strcmp(specifier, "node:module"))
        return strdup("module");
    if (!strcmp(specifier, "qjs:std") || !strcmp(specifier, "qjs:os"))
        return strdup(specifier + 4);   /* QuickJS-NG's names of std and os */
    if (qjs_resolve_is_node_builtin(specifier)) {
        Buf b = {0};
        buf_printf(&b, "cannot load module '%s' imported from %s: Node's built-in module '%s' is not "
                   "provided by this runtime (docs/modules.md lists what is)", specifier,
                   shown_referrer(referrer), starts_with(specifier, "node:") ? specifier + 5 : specifier);
        throw_msg(r, "Error", "ERR_UNKNOWN_BUILTIN_MODULE", &b);
        return NULL;
    }
    bool rel = !strcmp(specifier, ".") || !strcmp(specifier, "..") || starts_with(specifier, "./") ||
               starts_with(specifier, "../");
    if (rel || specifier[0] == '/') {
        char *dir = qjs_resolve_dirname(referrer ? referrer : "");
        char *p = !dir ? NULL : specifier[0] == '/' ? strdup(specifier) : path_join(dir, specifier);
        free(dir);
        if (!p) {
            qjs_throw_error(r->ctx, "InternalError", "out of memory");
            return NULL;
        }
        qjs_runtime_fold_path(p);
        bool err = false;
        char *f = resolve_path(r, p, mode, &err);
        if (!f && !err) {
            Buf b = {0};
            int k = fs_kind(r, p);
            buf_printf(&b, "cannot load module '%s' imported from %s: %s", specifier,
                       shown_referrer(referrer), strerror(k == 2 ? EISDIR : ENOENT));
            if (k == 2 && mode == QJS_RESOLVE_IMPORT)
                buf_puts(&b, " (an import names a file, not a folder)");
            else if (mode == QJS_RESOLVE_REQUIRE)
                buf_printf(&b, " (%s, also with .js, .json, .cjs, or as a folder)", *p ? p : ".");
            add_hint(r, &b);
            throw_msg(r, "Error", k == 2 && mode == QJS_RESOLVE_IMPORT ? "ERR_UNSUPPORTED_DIR_IMPORT" : not_found_code(mode), &b);
        }
        free(p);
        return finish(r, f);
    }
    if (specifier[0] == '#')
        return finish_mapped(r, resolve_imports(r, specifier, referrer, mode), specifier, referrer, mode);
    Buf searched = {0};
    buf_puts(&searched, "");
    char *f = resolve_bare(r, specifier, referrer, mode, &searched);
    if (!f && !qjs_has_exception(r->ctx)) {
        Buf b = {0};
        buf_printf(&b, "cannot load module '%s' imported from %s: package not found; looked in:",
                   specifier, shown_referrer(referrer));
        buf_puts(&b, searched.p ? searched.p : "");
        add_hint(r, &b);
        throw_msg(r, "Error", not_found_code(mode), &b);
    }
    free(searched.p);
    return finish_mapped(r, f, specifier, referrer, mode);
}

/* ---- formats ---- */

int qjs_resolve_format(QJSResolver *r, const char *name, const char *source_hint)
{
    if (!strcmp(name, "std") || !strcmp(name, "os") || !strcmp(name, "module"))
        return QJS_FORMAT_BUILTIN;
    if (ends_with(name, ".mjs"))
        return QJS_FORMAT_ESM;
    if (ends_with(name, ".cjs"))
        return QJS_FORMAT_CJS;
    if (ends_with(name, ".json"))
        return QJS_FORMAT_JSON;
    char *dir = qjs_resolve_dirname(name);
    bool err = false;
    QJSValue pkg;
    char *scope = dir ? find_scope(r, dir, &pkg, &err) : NULL;
    free(dir);
    if (err)
        return -1;
    char *type = scope ? pkg_string(r, pkg, "type") : NULL;
    free(scope);
    int f = -1;
    if (type && !strcmp(type, "module"))
        f = QJS_FORMAT_ESM;
    else if (type && !strcmp(type, "commonjs"))
        f = QJS_FORMAT_CJS;
    free(type);
    if (f >= 0)
        return f;
    return source_hint && qjs_cjs_has_module_syntax(source_hint) ? QJS_FORMAT_ESM : QJS_FORMAT_CJS;
}

/* ---- the disk ---- */

static int disk_kind(void *opaque, const char *path)
{
    struct stat st;
    if (stat(*path ? path : ".", &st) < 0)
        return 0;
    return S_ISDIR(st.st_mode) ? 2 : 1;
}

static char *disk_real_path(void *opaque, const char *path)
{
    return realpath(path, NULL);
}

static char *disk_read(void *opaque, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    Buf b = {0};
    char tmp[4096];
    size_t n;
    buf_puts(&b, "");
    size_t total = 0;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b.oom)
            break;
        if (b.len + n + 1 > b.cap) {
            size_t cap = (b.len + n + 1) * 2;
            char *p = realloc(b.p, cap);
            if (!p) {
                b.oom = true;
                break;
            }
            b.p = p;
            b.cap = cap;
        }
        memcpy(b.p + b.len, tmp, n);
        b.len += n;
        b.p[b.len] = '\0';
        total += n;
    }
    fclose(f);
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    *len = total;
    return b.p;
}

const QJSResolveFS qjs_resolve_disk_fs = { disk_kind, disk_real_path, disk_read, NULL, NULL };
