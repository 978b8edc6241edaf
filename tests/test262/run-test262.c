/* run-test262: runs the in-scope part of test262 (../shared/test262) with
 * the engine, in-process. Worker processes (one per job) run one test
 * run after another, each in a new runtime and realm of its own, freed
 * after the run; a worker that crashes or hangs (per-test timeout) is
 * replaced, and costs one result, never the run. The harness files are
 * compiled once per worker and each run evaluates their bytecode. Prints per-directory and total counts
 * and compares failures with a baseline file. Uses the public API only. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qjs.h"
#include "agent.h"

#ifndef QJS_TEST262_DIR
#define QJS_TEST262_DIR "../shared/test262"
#endif
#ifndef QJS_SOURCE_DIR
#define QJS_SOURCE_DIR "."
#endif

/* ---- small utilities ---- */

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("run-test262: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, len = 0;
    char *buf = xmalloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    fclose(f);
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

typedef struct StrList {
    char **v;
    int n, cap;
} StrList;

static void list_add(StrList *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
}

static bool list_has(const StrList *l, const char *s)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], s))
            return true;
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts l (an empty list has no array: qsort must not see its NULL). */
static void list_sort(StrList *l)
{
    if (l->n > 0)
        qsort(l->v, l->n, sizeof(char *), cmp_str);
}

/* ---- test metadata (the YAML front matter, the few keys we need) ---- */

enum { FLAG_ONLY_STRICT = 1, FLAG_NO_STRICT = 2, FLAG_RAW = 4, FLAG_MODULE = 8,
       FLAG_ASYNC = 16, FLAG_CAN_BLOCK_TRUE = 32, FLAG_CAN_BLOCK_FALSE = 64 };

typedef struct TestMeta {
    int flags;
    StrList includes;
    StrList features;
    char *negative_phase;   /* parse / resolution / runtime, or NULL */
    char *negative_type;
} TestMeta;

/* Front matter lines end in LF, CRLF or CR (some tests use CR only). */
static bool is_eol(char c)
{
    return c == '\n' || c == '\r';
}

/* The start of the line after the one p is in. */
static const char *next_line(const char *p, const char *end)
{
    while (p < end && !is_eol(*p))
        p++;
    if (p < end && *p == '\r')
        p++;
    if (p < end && *p == '\n')
        p++;
    return p;
}

/* Parses "[a, b, c]" or a following "  - a" block list into out. */
static const char *parse_yaml_list(const char *p, const char *end, StrList *out)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p < end && *p == '[') {
        p++;
        for (;;) {
            while (p < end && (*p == ' ' || *p == ',' || *p == '\t'))
                p++;
            if (p >= end || *p == ']' || is_eol(*p))
                break;
            const char *s = p;
            while (p < end && *p != ',' && *p != ']' && !is_eol(*p))
                p++;
            const char *e = p;
            while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            list_add(out, strndup(s, e - s));
        }
        return p;
    }
    /* block list: returns a position on its last line */
    while (p < end && !is_eol(*p))
        p++;
    while (p < end) {
        const char *q = next_line(p, end);
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q >= end || *q != '-')
            break;
        q++;
        while (q < end && *q == ' ')
            q++;
        const char *s = q;
        while (q < end && !is_eol(*q))
            q++;
        const char *e = q;
        while (e > s && e[-1] == ' ')
            e--;
        list_add(out, strndup(s, e - s));
        p = q;
    }
    return p;
}

static char *yaml_scalar(const char *p, const char *end)
{
    while (p < end && *p == ' ')
        p++;
    const char *s = p;
    while (p < end && !is_eol(*p))
        p++;
    const char *e = p;
    while (e > s && e[-1] == ' ')
        e--;
    return strndup(s, e - s);
}

static void parse_meta(const char *src, TestMeta *m)
{
    memset(m, 0, sizeof *m);
    const char *start = strstr(src, "/*---");
    if (!start)
        return;
    const char *end = strstr(start, "---*/");
    if (!end)
        return;
    const char *p = start + 5;
    StrList flags = { 0 };
    while (p < end) {
        /* at the beginning of a line */
        if (!strncmp(p, "includes:", 9)) {
            p = parse_yaml_list(p + 9, end, &m->includes);
        } else if (!strncmp(p, "features:", 9)) {
            p = parse_yaml_list(p + 9, end, &m->features);
        } else if (!strncmp(p, "flags:", 6)) {
            p = parse_yaml_list(p + 6, end, &flags);
        } else if (!strncmp(p, "negative:", 9)) {
            const char *q = p + 9;
            for (int i = 0; i < 2; i++) {
                q = next_line(q, end);
                while (q < end && (*q == ' ' || *q == '\t'))
                    q++;
                if (!strncmp(q, "phase:", 6))
                    m->negative_phase = yaml_scalar(q + 6, end);
                else if (!strncmp(q, "type:", 5))
                    m->negative_type = yaml_scalar(q + 5, end);
            }
            p = q;
        }
        p = next_line(p, end);
    }
    for (int i = 0; i < flags.n; i++) {
        const char *f = flags.v[i];
        if (!strcmp(f, "onlyStrict")) m->flags |= FLAG_ONLY_STRICT;
        else if (!strcmp(f, "noStrict")) m->flags |= FLAG_NO_STRICT;
        else if (!strcmp(f, "raw")) m->flags |= FLAG_RAW;
        else if (!strcmp(f, "module")) m->flags |= FLAG_MODULE;
        else if (!strcmp(f, "async")) m->flags |= FLAG_ASYNC;
        else if (!strcmp(f, "CanBlockIsTrue")) m->flags |= FLAG_CAN_BLOCK_TRUE;
        else if (!strcmp(f, "CanBlockIsFalse")) m->flags |= FLAG_CAN_BLOCK_FALSE;
        free(flags.v[i]);
    }
    free(flags.v);
}

static void free_meta(TestMeta *m)
{
    for (int i = 0; i < m->includes.n; i++)
        free(m->includes.v[i]);
    for (int i = 0; i < m->features.n; i++)
        free(m->features.v[i]);
    free(m->includes.v);
    free(m->features.v);
    free(m->negative_phase);
    free(m->negative_type);
}

/* ---- configuration: out-of-scope features and skipped features ---- */

/* SCOPE.md: tests with these features do not count at all. */
static const char *const out_of_scope_features[] = {
    "Temporal", "ShadowRealm", "decorators", "import-defer",
    "source-phase-imports", "source-phase-imports-module-source",
    "tail-call-optimization", "legacy-regexp", "Atomics.waitAsync",
    "await-dictionary", "canonical-tz", "host-gc-required", NULL
};

static bool feature_out_of_scope(const char *f)
{
    if (!strncmp(f, "Intl", 4))
        return true;
    for (int i = 0; out_of_scope_features[i]; i++)
        if (!strcmp(f, out_of_scope_features[i]))
            return true;
    return false;
}

typedef struct Config {
    char *test262_dir;
    StrList skip_features;      /* from the skip file: feature names */
    StrList baseline;           /* sorted "path mode" lines */
    const char *baseline_path;
    const char *update_baseline_path;
    int jobs;
    int timeout;
    int depth;
    bool verbose;
} Config;

static void load_skip_file(Config *cfg, const char *path)
{
    char *text = read_file(path, NULL);
    if (!text)
        die("cannot read skip list %s: %s", path, strerror(errno));
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        while (*line == ' ')
            line++;
        if (*line == '#' || *line == '\0')
            continue;
        /* "feature  reason..." */
        char *e = line;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        list_add(&cfg->skip_features, strndup(line, e - line));
    }
    free(text);
}

static void load_baseline(Config *cfg, const char *path)
{
    char *text = read_file(path, NULL);
    if (!text)
        return;     /* no baseline yet: every failure is new */
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (*line == '#' || *line == '\0')
            continue;
        list_add(&cfg->baseline, xstrdup(line));
    }
    free(text);
    list_sort(&cfg->baseline);
}

static bool in_baseline(const Config *cfg, const char *key)
{
    return cfg->baseline.n > 0 &&
           bsearch(&key, cfg->baseline.v, cfg->baseline.n, sizeof(char *), cmp_str) != NULL;
}

/* ---- collecting test files ---- */

static void collect(const char *root, const char *rel, StrList *out)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    struct stat st;
    if (stat(path, &st) != 0)
        die("no such test file or directory: %s", path);
    if (S_ISREG(st.st_mode)) {
        size_t n = strlen(rel);
        if (n > 3 && !strcmp(rel + n - 3, ".js") && !strstr(rel, "_FIXTURE"))
            list_add(out, xstrdup(rel));
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        die("cannot open %s", path);
    StrList names = { 0 };
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        list_add(&names, xstrdup(e->d_name));
    }
    closedir(d);
    list_sort(&names);
    for (int i = 0; i < names.n; i++) {
        char sub[PATH_MAX];
        snprintf(sub, sizeof sub, "%s/%s", rel, names.v[i]);
        collect(root, sub, out);
        free(names.v[i]);
    }
    free(names.v);
}

/* Accepts "test/built-ins/Array", "built-ins/Array", an absolute path or a
 * path relative to the working directory inside the test262 tree. */
static char *normalize_arg(const Config *cfg, const char *arg)
{
    char buf[PATH_MAX];
    if (arg[0] == '/' || !strncmp(arg, "./", 2) || !strncmp(arg, "../", 3)) {
        char *real = realpath(arg, NULL);
        char *root = realpath(cfg->test262_dir, NULL);
        if (!real || !root)
            die("no such test file or directory: %s", arg);
        size_t n = strlen(root);
        if (strncmp(real, root, n) || real[n] != '/')
            die("%s is not inside %s", arg, cfg->test262_dir);
        char *r = xstrdup(real + n + 1);
        free(real);
        free(root);
        return r;
    }
    if (!strncmp(arg, "test/", 5))
        return xstrdup(arg);
    snprintf(buf, sizeof buf, "test/%s", arg);
    return xstrdup(buf);
}

/* ---- the harness, read once by the parent ---- */

typedef struct Harness {
    char *name;
    char *src;
    size_t len;
    uint8_t *bc;        /* the compiled script (qjs_write_bytecode), per worker */
    size_t bc_len;
} Harness;

static Harness *harness;
static int harness_count;

static const Harness *get_harness(const Config *cfg, const char *name)
{
    for (int i = 0; i < harness_count; i++)
        if (!strcmp(harness[i].name, name))
            return &harness[i];
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/harness/%s", cfg->test262_dir, name);
    size_t len;
    char *src = read_file(path, &len);
    if (!src)
        return NULL;
    harness = xrealloc(harness, (harness_count + 1) * sizeof *harness);
    harness[harness_count] = (Harness){ xstrdup(name), src, len, NULL, 0 };
    return &harness[harness_count++];
}

/* ---- the host: print and $262 ---- */

static bool async_done, async_failed;
static char async_message[512];

static QJSValue host_print(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *s = qjs_to_cstring(ctx, argc > 0 ? argv[0] : qjs_undefined(), NULL);
    if (!s)
        return qjs_null();   /* exception pending: propagate */
    if (!strncmp(s, "Test262:AsyncTestComplete", 25)) {
        async_done = true;
    } else if (!strncmp(s, "Test262:AsyncTestFailure:", 25)) {
        async_done = true;
        async_failed = true;
        snprintf(async_message, sizeof async_message, "%s", s + 25);
    } else {
        printf("%s\n", s);
    }
    qjs_free_cstring(s);
    return qjs_undefined();
}

/* Defines a host property of the harness; failing here (out of memory)
 * leaves no usable realm, so the runner stops. */
static void host_define(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val)
{
    if (qjs_is_exception(val) || qjs_define_prop_str(ctx, obj, name, val) < 0) {
        fprintf(stderr, "run-test262: cannot set up $262.%s\n", name);
        exit(2);
    }
}

static void setup_realm(QJSContext *ctx);

static QJSValue host_create_realm(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    QJSContext *realm = qjs_context_new(qjs_context_runtime(ctx));
    if (!realm)
        return qjs_throw_error(ctx, "Error", "cannot create realm");
    setup_realm(realm);
    return qjs_get_prop_str(realm, qjs_get_global(realm), "$262");
}

static QJSValue host_eval_script(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    size_t len;
    char *src = qjs_to_cstring(ctx, argv[0], &len);
    if (!src)
        return qjs_null();
    QJSValue r = qjs_eval(ctx, src, len, "evalScript", 0);
    qjs_free_cstring(src);
    return r;
}

static QJSValue host_gc(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    qjs_runtime_gc(qjs_context_runtime(ctx));
    return qjs_undefined();
}

static QJSValue host_detach(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    if (qjs_detach_array_buffer(ctx, argv[0]) < 0)
        return qjs_null();
    return qjs_null();
}

static void setup_realm(QJSContext *ctx)
{
    QJSValue global = qjs_get_global(ctx);
    host_define(ctx, global, "print", qjs_new_function(ctx, host_print, "print", 1));
    QJSValue d = qjs_new_object(ctx);
    QJSRef *ref = qjs_ref_new(ctx, d);
    host_define(ctx, global, "$262", d);
    host_define(ctx, d, "global", global);
    host_define(ctx, d, "createRealm", qjs_new_function(ctx, host_create_realm, "createRealm", 0));
    host_define(ctx, d, "evalScript", qjs_new_function(ctx, host_eval_script, "evalScript", 1));
    host_define(ctx, d, "gc", qjs_new_function(ctx, host_gc, "gc", 0));
    host_define(ctx, d, "detachArrayBuffer", qjs_new_function(ctx, host_detach, "detachArrayBuffer", 1));
    host_define(ctx, d, "IsHTMLDDA", qjs_new_htmldda(ctx));
    QJSValue agent = qjs_new_object(ctx);
    host_define(ctx, d, "agent", agent);
    t262_agent_install(ctx, agent);
    qjs_ref_free(ref);
}

/* ---- the module loader: specifiers relative to the importing file ---- */

/* Joins dirname(base) and spec and removes "." and ".." segments. */
static char *module_normalize(QJSContext *ctx, const char *base, const char *spec, void *opaque)
{
    (void)opaque;
    size_t bl = strlen(base), sl = strlen(spec);
    char *buf = malloc(bl + sl + 2);
    if (!buf)
        return NULL;
    if (spec[0] == '/') {
        memcpy(buf, spec, sl + 1);
    } else {
        const char *slash = strrchr(base, '/');
        size_t dl = slash ? (size_t)(slash - base) : 0;
        memcpy(buf, base, dl);
        buf[dl] = '/';
        memcpy(buf + dl + 1, spec, sl + 1);
        if (!slash)
            memmove(buf, buf + 1, sl + 1);
    }
    /* canonicalize segments in place */
    char *out = malloc(strlen(buf) + 2);
    if (!out) {
        free(buf);
        return NULL;
    }
    size_t on = 0;
    const char *p = buf;
    bool abs = buf[0] == '/';
    if (abs)
        out[on++] = '/';
    while (*p) {
        while (*p == '/')
            p++;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 1 && p[0] == '.') {
            /* skip */
        } else if (n == 2 && p[0] == '.' && p[1] == '.' && on > (size_t)abs &&
                   !(on >= 2 && out[on - 1] == '.' && out[on - 2] == '.' &&
                     (on == 2 || out[on - 3] == '/'))) {
            {
                if (out[on - 1] == '/')
                    on--;
                while (on > (size_t)abs && out[on - 1] != '/')
                    on--;
            }
        } else if (n) {
            if (on > (size_t)abs && out[on - 1] != '/')
                out[on++] = '/';
            memcpy(out + on, p, n);
            on += n;
        }
        p += n;
    }
    out[on] = 0;
    free(buf);
    return out;
}

static QJSValue module_load(QJSContext *ctx, const char *name, const char *type_attr, void *opaque)
{
    (void)opaque;
    size_t len;
    FILE *f = fopen(name, "rb");
    if (!f)
        return qjs_throw_error(ctx, "TypeError", "cannot load module");
    fclose(f);
    char *src = read_file(name, &len);
    QJSValue r;
    if (type_attr && !strcmp(type_attr, "json")) {
        r = qjs_new_json_module(ctx, name, src, len);
    } else if (type_attr && (!strcmp(type_attr, "text") || !strcmp(type_attr, "bytes"))) {
        /* a synthetic module whose default export is the text, or a
           Uint8Array over an immutable buffer of the bytes */
        static const char *const dflt[] = { "default" };
        QJSValue v;
        if (!strcmp(type_attr, "text")) {
            v = qjs_new_string(ctx, src, len);
        } else {
            static const char mk_src[] = "(b) => new Uint8Array(b.transferToImmutable())";
            QJSValue mk = qjs_eval(ctx, mk_src, sizeof mk_src - 1,
                                   "<bytes>", 0);
            QJSRef *mk_ref = qjs_ref_new(ctx, mk);
            QJSValue buf = qjs_is_exception(mk) ? mk : qjs_new_array_buffer_copy(ctx, (const uint8_t *)src, len);
            QJSRef *buf_ref = qjs_ref_new(ctx, buf);
            QJSValue argv1[1] = { buf };
            v = qjs_is_exception(buf) ? buf : qjs_call(ctx, qjs_ref_get(mk_ref), qjs_undefined(), 1, argv1);
            qjs_ref_free(buf_ref);
            qjs_ref_free(mk_ref);
        }
        if (qjs_is_exception(v)) {
            r = v;
        } else {
            QJSRef *ref = qjs_ref_new(ctx, v);
            r = qjs_new_native_module(ctx, name, dflt, 1, NULL);
            if (!qjs_is_exception(r) && qjs_module_set_export(ctx, r, "default", qjs_ref_get(ref)) < 0)
                r = qjs_null();
            qjs_ref_free(ref);
            if (qjs_is_null(r))
                r = qjs_throw_error(ctx, "TypeError", "cannot make module");
        }
    } else if (type_attr)
        r = qjs_throw_error(ctx, "TypeError", "unsupported module type");
    else
        r = qjs_compile(ctx, src, len, name, QJS_EVAL_MODULE);
    free(src);
    return r;
}

/* ---- running one test in a child ---- */

enum { MODE_SLOPPY, MODE_STRICT, MODE_MODULE, MODE_RAW };
static const char *const mode_names[] = { "sloppy", "strict", "module", "raw" };

/* The name of an exception's constructor, for negative tests. */
static char *error_name(QJSContext *ctx, QJSValue exc)
{
    if (!qjs_is_object(exc))
        return xstrdup("(not an object)");
    QJSValue ctor = qjs_get_prop_str(ctx, exc, "constructor");
    if (qjs_is_exception(ctor)) {
        qjs_take_exception(ctx);
        return xstrdup("(no constructor)");
    }
    QJSValue name = qjs_get_prop_str(ctx, ctor, "name");
    char *s = qjs_is_exception(name) ? NULL : qjs_to_cstring(ctx, name, NULL);
    if (!s) {
        qjs_take_exception(ctx);
        return xstrdup("(no name)");
    }
    char *r = xstrdup(s);
    qjs_free_cstring(s);
    return r;
}

static int fail(FILE *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    return 1;
}

static int report_exception(QJSContext *ctx, FILE *out, const char *what)
{
    QJSValue exc = qjs_take_exception(ctx);
    char *msg = qjs_format_exception(ctx, exc);
    fprintf(out, "%s: %s", what, msg ? msg : "(unprintable exception)");
    free(msg);
    return 1;
}

/* Evaluates a harness file as a script: the first time in a worker it is
 * compiled and its bytecode kept; later runs (new runtimes) read and
 * evaluate the bytecode, which skips parsing. */
static int eval_harness(QJSContext *ctx, const Config *cfg, const char *name, FILE *out)
{
    Harness *h = (Harness *)get_harness(cfg, name);
    if (!h)
        return fail(out, "missing harness file %s", name);
    QJSValue unit;
    if (h->bc) {
        unit = qjs_read_bytecode_flags(ctx, h->bc, h->bc_len, QJS_READ_TRUSTED);  /* this process wrote it */
    } else {
        unit = qjs_compile(ctx, h->src, h->len, name, 0);
        if (!qjs_is_exception(unit)) {
            QJSRef *ref = qjs_ref_new(ctx, unit);
            h->bc = qjs_write_bytecode(ctx, 1, &unit, (const char *const[]){ name }, 0, &h->bc_len);
            unit = qjs_ref_get(ref);
            qjs_ref_free(ref);
            if (!h->bc)
                qjs_take_exception(ctx);   /* keep working from source */
        }
    }
    if (qjs_is_exception(unit))
        return report_exception(ctx, out, name);
    QJSValue r = qjs_eval_compiled(ctx, unit);
    if (qjs_is_exception(r))
        return report_exception(ctx, out, name);
    return 0;
}

/* A new runtime and realm set up for a test: print, $262, the module
 * loader, and unless raw, assert.js and sta.js evaluated. NULL with a
 * message written to out on failure. */
static QJSContext *new_test_realm(const Config *cfg, bool raw, FILE *out)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = rt ? qjs_context_new(rt) : NULL;
    if (!ctx) {
        fail(out, "cannot create the runtime or the realm");
        return NULL;
    }
    setup_realm(ctx);
    qjs_set_module_loader(rt, module_normalize, module_load, NULL);
    if (!raw && (eval_harness(ctx, cfg, "assert.js", out) || eval_harness(ctx, cfg, "sta.js", out)))
        return NULL;
    return ctx;
}

/* Runs one test run in ctx, a new realm from new_test_realm; writes a
 * failure message to out; returns 0 on pass. */
static int run_test(const Config *cfg, const char *rel, const char *src, size_t len,
                    const TestMeta *m, int mode, QJSContext *ctx, FILE *out)
{
    QJSRuntime *rt = qjs_context_runtime(ctx);
    if (mode != MODE_RAW) {
        if ((m->flags & FLAG_ASYNC) && eval_harness(ctx, cfg, "doneprintHandle.js", out))
            return 1;
        for (int i = 0; i < m->includes.n; i++)
            if (eval_harness(ctx, cfg, m->includes.v[i], out))
                return 1;
    }
    char *text = (char *)src;
    size_t text_len = len;
    if (mode == MODE_STRICT) {
        static const char prefix[] = "\"use strict\";\n";
        text_len = len + sizeof prefix - 1;
        text = xmalloc(text_len + 1);
        memcpy(text, prefix, sizeof prefix - 1);
        memcpy(text + sizeof prefix - 1, src, len + 1);
    }
    int flags = mode == MODE_MODULE ? QJS_EVAL_MODULE : 0;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", cfg->test262_dir, rel);
    {
        /* module names are canonical paths (the loader's normalize) */
        char real[PATH_MAX];
        if (realpath(path, real))
            snprintf(path, sizeof path, "%s", real);
    }
    const char *phase = m->negative_phase;

    if (phase && !strcmp(phase, "parse")) {
        QJSValue r = qjs_eval(ctx, text, text_len, path, flags | QJS_EVAL_COMPILE_ONLY);
        if (!qjs_is_exception(r))
            return fail(out, "expected %s at parse time, but it parsed", m->negative_type);
        QJSValue exc = qjs_take_exception(ctx);
        char *name = error_name(ctx, exc);
        int bad = strcmp(name, m->negative_type) != 0;
        if (bad) {
            char *msg = qjs_format_exception(ctx, exc);
            fprintf(out, "expected %s at parse time, got %s", m->negative_type, msg ? msg : name);
            free(msg);
        }
        free(name);
        return bad;
    }
    if (phase) {
        /* runtime or resolution: it must compile first */
        QJSValue r = qjs_eval(ctx, text, text_len, path, flags | QJS_EVAL_COMPILE_ONLY);
        if (qjs_is_exception(r))
            return report_exception(ctx, out, "expected a runtime error, but it failed to compile");
    }
    async_done = async_failed = false;
    QJSValue r = qjs_eval(ctx, text, text_len, path, flags);
    bool threw = qjs_is_exception(r);
    QJSRef *eval_ref = qjs_ref_new(ctx, threw ? qjs_undefined() : r);
    while (!threw) {    /* drain promise jobs */
        QJSContext *job_ctx;
        int st = qjs_run_pending_job(rt, &job_ctx);
        if (st == 0)
            break;
        if (st < 0) {
            threw = true;
            ctx = job_ctx;
        }
    }
    if (!threw && mode == MODE_MODULE) {
        /* a module's evaluation promise: rejected means it threw */
        QJSValue reason;
        if (qjs_get_promise_state(qjs_ref_get(eval_ref), &reason) == 2) {
            qjs_throw(ctx, reason);
            threw = true;
        }
    }
    qjs_ref_free(eval_ref);
    if (phase) {
        if (!threw)
            return fail(out, "expected %s at runtime, but nothing was thrown", m->negative_type);
        QJSValue exc = qjs_take_exception(ctx);
        char *name = error_name(ctx, exc);
        int bad = strcmp(name, m->negative_type) != 0;
        if (bad) {
            char *msg = qjs_format_exception(ctx, exc);
            fprintf(out, "expected %s, got %s", m->negative_type, msg ? msg : name);
            free(msg);
        }
        free(name);
        return bad;
    }
    if (threw)
        return report_exception(ctx, out, "uncaught");
    if (m->flags & FLAG_ASYNC) {
        if (!async_done)
            return fail(out, "async test did not call $DONE");
        if (async_failed)
            return fail(out, "async failure: %s", async_message);
    }
    return 0;
}

/* ---- workers: processes running one test run after another ---- */

typedef struct Run {
    int test;               /* index in the test list */
    int mode;
} Run;

/* What a worker writes back after each run: this header, then len bytes
 * of failure message. */
typedef struct RunResult {
    int32_t status;         /* 0: passed */
    uint32_t len;
} RunResult;

/* Writes all of buf to fd; false if the pipe broke. */
static bool write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* Reads exactly len bytes; false at end of file or on error. */
static bool read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* One run in a new runtime and realm, freed afterwards; the failure
 * message goes to out. Returns 0 on pass. */
static int run_one(const Config *cfg, const char *rel, int mode, FILE *out)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", cfg->test262_dir, rel);
    size_t len;
    char *src = read_file(path, &len);
    if (!src)
        return fail(out, "cannot read %s", path);
    TestMeta meta;
    parse_meta(src, &meta);
    int st = 1;
    QJSContext *ctx = new_test_realm(cfg, mode == MODE_RAW, out);
    if (ctx) {
        QJSRuntime *rt = qjs_context_runtime(ctx);
        /* the main agent may block unless the test says otherwise */
        qjs_runtime_set_can_block(rt, !(meta.flags & FLAG_CAN_BLOCK_FALSE));
        st = run_test(cfg, rel, src, len, &meta, mode, ctx, out);
        t262_agent_finish();
        qjs_runtime_free(rt);
    }
    free_meta(&meta);
    free(src);
    return st;
}

/* The worker's loop: reads runs from in_fd until it closes, answers each
 * with a RunResult on out_fd. The tests' own output goes to /dev/null. */
static _Noreturn void worker_main(const Config *cfg, const StrList *files, int in_fd, int out_fd)
{
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    Run run;
    while (read_all(in_fd, &run, sizeof run)) {
        char *msg = NULL;
        size_t msg_len = 0;
        FILE *out = open_memstream(&msg, &msg_len);
        if (!out)
            _exit(3);
        int st = run_one(cfg, files->v[run.test], run.mode, out);
        fclose(out);
        RunResult r = { st, (uint32_t)(msg_len > 4000 ? 4000 : msg_len) };
        bool ok = write_all(out_fd, &r, sizeof r) && write_all(out_fd, msg, r.len);
        free(msg);
        if (!ok)
            break;
    }
    _exit(0);
}

/* A worker as the scheduler sees it. */
typedef struct Slot {
    pid_t pid;              /* 0: no worker */
    int to_fd, from_fd;     /* runs to it, results from it */
    bool busy;
    Run run;
    int runs_done;
    struct timespec start;
    char buf[sizeof(RunResult) + 4096];
    size_t buf_len;
} Slot;

/* Runs a worker retires after, so that nothing one test leaks piles up. */
#define WORKER_RUNS 2000

static void start_worker(Slot *slots, int nslots, Slot *sl, const Config *cfg, const StrList *files)
{
    int to[2], from[2];
    if (pipe(to) < 0 || pipe(from) < 0)
        die("pipe: %s", strerror(errno));
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        close(to[1]);
        close(from[0]);
        /* the other workers' pipes: a copy here would keep them open */
        for (int i = 0; i < nslots; i++) {
            if (slots[i].pid && &slots[i] != sl) {
                close(slots[i].to_fd);
                close(slots[i].from_fd);
            }
        }
        worker_main(cfg, files, to[0], from[1]);
    }
    close(to[0]);
    close(from[1]);
    *sl = (Slot){ .pid = pid, .to_fd = to[1], .from_fd = from[0] };
}

/* Ends a worker: closing its input makes it exit; kill for a hung one. */
static int stop_worker(Slot *sl, bool kill_it)
{
    int status = 0;
    if (kill_it)
        kill(sl->pid, SIGKILL);
    close(sl->to_fd);
    close(sl->from_fd);
    while (waitpid(sl->pid, &status, 0) < 0 && errno == EINTR)
        ;
    sl->pid = 0;
    return status;
}

typedef struct DirStats {
    char *dir;
    int passed, failed, skipped;
} DirStats;

static DirStats *dirs;
static int ndirs;

static DirStats *dir_stats(const char *rel, int depth)
{
    /* "test/built-ins/Array/from/x.js" -> "built-ins/Array" for depth 2 */
    const char *p = rel + 5;
    const char *e = p;
    for (int i = 0; i < depth; i++) {
        const char *s = strchr(e, '/');
        if (!s)
            break;
        e = s + 1;
    }
    size_t n = (e > p && e[-1] == '/') ? (size_t)(e - p - 1) : (size_t)(e - p);
    for (int i = 0; i < ndirs; i++)
        if (strlen(dirs[i].dir) == n && !strncmp(dirs[i].dir, p, n))
            return &dirs[i];
    dirs = xrealloc(dirs, (ndirs + 1) * sizeof *dirs);
    dirs[ndirs] = (DirStats){ strndup(p, n), 0, 0, 0 };
    return &dirs[ndirs++];
}

static double elapsed(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void usage(FILE *f)
{
    fputs("usage: run-test262 [options] [path ...]\n"
          "Runs test262 tests (default: test/language, test/built-ins, test/annexB)\n"
          "of the suite at ../shared/test262 next to the source tree.\n"
          "Paths may be given as test/built-ins/Array, built-ins/Array, or a file.\n"
          "options:\n"
          "  -j N                 parallel jobs (default: number of CPUs)\n"
          "  --timeout SEC        per-test timeout (default 10)\n"
          "  --depth N            directory depth of the summary (default 2)\n"
          "  --baseline FILE      fail only on failures not listed in FILE\n"
          "  --update-baseline FILE  write the failing runs to FILE\n"
          "  --skip-list FILE     features to skip (default tests/test262/skip-features.txt)\n"
          "  --test262-dir DIR    location of test262\n"
          "  -v                   print each failure's message\n"
          "  -h, --help           this help\n", f);
}

int main(int argc, char **argv)
{
    Config cfg = { 0 };
    cfg.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (cfg.jobs < 1)
        cfg.jobs = 1;
    cfg.timeout = 10;
    cfg.depth = 2;
    const char *skip_path = QJS_SOURCE_DIR "/tests/test262/skip-features.txt";
    cfg.test262_dir = getenv("TEST262_DIR") ? getenv("TEST262_DIR") : QJS_TEST262_DIR;
    StrList args = { 0 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define NEED_ARG() do { if (i + 1 >= argc) { usage(stderr); return 2; } } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "-j")) {
            NEED_ARG();
            cfg.jobs = atoi(argv[++i]);
        } else if (!strcmp(a, "--timeout")) {
            NEED_ARG();
            cfg.timeout = atoi(argv[++i]);
        } else if (!strcmp(a, "--depth")) {
            NEED_ARG();
            cfg.depth = atoi(argv[++i]);
        } else if (!strcmp(a, "--baseline")) {
            NEED_ARG();
            cfg.baseline_path = argv[++i];
        } else if (!strcmp(a, "--update-baseline")) {
            NEED_ARG();
            cfg.update_baseline_path = argv[++i];
        } else if (!strcmp(a, "--skip-list")) {
            NEED_ARG();
            skip_path = argv[++i];
        } else if (!strcmp(a, "--test262-dir")) {
            NEED_ARG();
            cfg.test262_dir = argv[++i];
        } else if (!strcmp(a, "-v")) {
            cfg.verbose = true;
        } else if (a[0] == '-') {
            fprintf(stderr, "run-test262: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else {
            list_add(&args, (char *)a);
        }
#undef NEED_ARG
    }
    if (cfg.jobs < 1 || cfg.timeout < 1 || cfg.depth < 1) {
        usage(stderr);
        return 2;
    }
    load_skip_file(&cfg, skip_path);
    if (cfg.baseline_path)
        load_baseline(&cfg, cfg.baseline_path);

    StrList files = { 0 };
    if (args.n == 0) {
        collect(cfg.test262_dir, "test/language", &files);
        collect(cfg.test262_dir, "test/built-ins", &files);
        collect(cfg.test262_dir, "test/annexB", &files);
    } else {
        for (int i = 0; i < args.n; i++)
            collect(cfg.test262_dir, normalize_arg(&cfg, args.v[i]), &files);
    }

    /* Expand files into runs, dropping out-of-scope tests and counting
     * skipped ones. */
    Run *runs = xmalloc(sizeof(Run) * (size_t)files.n * 2);
    int nruns = 0, skipped = 0, out_of_scope = 0;
    /* The parent keeps no test sources: it forks once per run, and a
     * small address space keeps fork cheap. Children re-read their file. */
    StrList skipped_features_seen = { 0 };
    for (int i = 0; i < files.n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", cfg.test262_dir, files.v[i]);
        char *src = read_file(path, NULL);
        if (!src)
            die("cannot read %s", path);
        TestMeta meta;
        parse_meta(src, &meta);
        free(src);
        TestMeta *m = &meta;
        bool oos = false, skip = false;
        for (int k = 0; k < m->features.n; k++) {
            if (feature_out_of_scope(m->features.v[k]))
                oos = true;
            else if (list_has(&cfg.skip_features, m->features.v[k])) {
                skip = true;
                if (!list_has(&skipped_features_seen, m->features.v[k]))
                    list_add(&skipped_features_seen, xstrdup(m->features.v[k]));
            }
        }
        int modes[2], nm = 0;
        if (m->flags & FLAG_MODULE)
            modes[nm++] = MODE_MODULE;
        else if (m->flags & FLAG_RAW)
            modes[nm++] = MODE_RAW;
        else if (m->flags & FLAG_ONLY_STRICT)
            modes[nm++] = MODE_STRICT;
        else if (m->flags & FLAG_NO_STRICT)
            modes[nm++] = MODE_SLOPPY;
        else {
            modes[nm++] = MODE_SLOPPY;
            modes[nm++] = MODE_STRICT;
        }
        free_meta(m);
        if (oos) {
            out_of_scope += nm;
            continue;
        }
        if (skip) {
            skipped += nm;
            dir_stats(files.v[i], cfg.depth)->skipped += nm;
            continue;
        }
        for (int k = 0; k < nm; k++)
            runs[nruns++] = (Run){ i, modes[k] };
    }

    /* Pre-read the common harness so that the workers share it. */
    get_harness(&cfg, "assert.js");
    get_harness(&cfg, "sta.js");
    get_harness(&cfg, "doneprintHandle.js");

    signal(SIGPIPE, SIG_IGN);
    fflush(stdout);
    Slot *slots = xmalloc(sizeof(Slot) * cfg.jobs);
    memset(slots, 0, sizeof(Slot) * cfg.jobs);
    int next = 0, active = 0, passed = 0, failed = 0;
    int new_failures = 0;
    StrList failing = { 0 }, newly_passing = { 0 };
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    while (next < nruns || active > 0) {
        /* give idle workers a run (replacing retired or dead ones) */
        for (int s = 0; s < cfg.jobs && next < nruns; s++) {
            Slot *sl = &slots[s];
            if (sl->busy)
                continue;
            if (sl->pid && sl->runs_done >= WORKER_RUNS)
                stop_worker(sl, false);
            if (!sl->pid)
                start_worker(slots, cfg.jobs, sl, &cfg, &files);
            sl->run = runs[next++];
            sl->busy = true;
            sl->buf_len = 0;
            clock_gettime(CLOCK_MONOTONIC, &sl->start);
            if (!write_all(sl->to_fd, &sl->run, sizeof sl->run))
                die("cannot send a run to a worker");
            active++;
        }
        /* wait for results; enforce timeouts */
        struct pollfd pfd[64];
        int np = 0;
        for (int s = 0; s < cfg.jobs && np < 64; s++)
            if (slots[s].busy)
                pfd[np++] = (struct pollfd){ slots[s].from_fd, POLLIN, 0 };
        if (np)
            poll(pfd, np, 100);
        for (int s = 0; s < cfg.jobs; s++) {
            Slot *sl = &slots[s];
            if (!sl->busy)
                continue;
            struct pollfd one = { sl->from_fd, POLLIN, 0 };
            bool died = false, done = false;
            char why[256] = "";
            if (poll(&one, 1, 0) > 0) {
                ssize_t n = read(sl->from_fd, sl->buf + sl->buf_len, sizeof sl->buf - sl->buf_len);
                if (n > 0)
                    sl->buf_len += (size_t)n;
                else if (n == 0 || errno != EINTR)
                    died = true;
            }
            RunResult r = { 1, 0 };
            if (sl->buf_len >= sizeof r) {
                memcpy(&r, sl->buf, sizeof r);
                done = sl->buf_len >= sizeof r + r.len;
            }
            if (!done && !died && elapsed(&sl->start) > cfg.timeout) {
                stop_worker(sl, true);
                snprintf(why, sizeof why, "timeout after %d s", cfg.timeout);
            } else if (died) {
                int status = stop_worker(sl, false);
                if (WIFSIGNALED(status))
                    snprintf(why, sizeof why, "crashed with signal %d (%s)", WTERMSIG(status),
                             strsignal(WTERMSIG(status)));
                else
                    snprintf(why, sizeof why, "the worker exited with status %d", WEXITSTATUS(status));
            } else if (!done) {
                continue;
            }
            sl->busy = false;
            sl->runs_done++;
            active--;
            bool ok = done && r.status == 0;
            const char *msg = done ? sl->buf + sizeof r : "";
            int msg_len = done ? (int)r.len : 0;
            const char *rel = files.v[sl->run.test];
            char key[PATH_MAX + 16];
            snprintf(key, sizeof key, "%s %s", rel, mode_names[sl->run.mode]);
            DirStats *ds = dir_stats(rel, cfg.depth);
            if (ok) {
                passed++;
                ds->passed++;
                if (cfg.baseline_path && in_baseline(&cfg, key))
                    list_add(&newly_passing, xstrdup(key));
            } else {
                failed++;
                ds->failed++;
                list_add(&failing, xstrdup(key));
                bool is_new = cfg.baseline_path && !in_baseline(&cfg, key);
                if (is_new)
                    new_failures++;
                if (cfg.verbose || is_new)
                    printf("%s %s: %s%.*s\n", is_new ? "NEW FAILURE" : "FAIL", key, why, msg_len, msg);
            }
            if ((passed + failed) % 5000 == 0)
                fprintf(stderr, "run-test262: %d/%d runs, %.0f s\n", passed + failed, nruns, elapsed(&t0));
        }
    }
    for (int s = 0; s < cfg.jobs; s++)
        if (slots[s].pid)
            stop_worker(&slots[s], false);

    /* summary */
    if (ndirs > 0)
        qsort(dirs, ndirs, sizeof *dirs, (int (*)(const void *, const void *))cmp_str);
    printf("\n%-48s %8s %8s %8s\n", "directory", "passed", "failed", "skipped");
    for (int i = 0; i < ndirs; i++)
        printf("%-48s %8d %8d %8d\n", dirs[i].dir, dirs[i].passed, dirs[i].failed, dirs[i].skipped);
    int total = passed + failed + skipped;
    printf("\ntotal runs in scope: %d (%d out-of-scope runs not counted), %.1f s\n",
           total, out_of_scope, elapsed(&t0));
    if (total)
        printf("pass rate: %.2f%%\n", 100.0 * passed / total);
    if (skipped_features_seen.n) {
        printf("skipped features (see %s):", skip_path);
        for (int i = 0; i < skipped_features_seen.n; i++)
            printf(" %s", skipped_features_seen.v[i]);
        printf("\n");
    }
    if (newly_passing.n) {
        printf("%d runs in the baseline now pass; remove them from it:\n", newly_passing.n);
        for (int i = 0; i < newly_passing.n && i < 50; i++)
            printf("  %s\n", newly_passing.v[i]);
    }
    if (cfg.update_baseline_path) {
        list_sort(&failing);
        FILE *f = fopen(cfg.update_baseline_path, "w");
        if (!f)
            die("cannot write %s", cfg.update_baseline_path);
        fprintf(f, "# test262 runs that fail today: \"path mode\". Written by\n"
                   "# run-test262 --update-baseline; CI fails on any failure not listed.\n");
        for (int i = 0; i < failing.n; i++)
            fprintf(f, "%s\n", failing.v[i]);
        fclose(f);
        printf("baseline written to %s (%d runs)\n", cfg.update_baseline_path, failing.n);
    }
    if (cfg.baseline_path)
        printf("%d failures not in the baseline\n", new_failures);
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    if (cfg.baseline_path)
        return new_failures ? 1 : 0;
    return 0;
}
