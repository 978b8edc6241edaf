/* qjsc: the JavaScript-to-C compiler CLI. Compiles an entry module and
 * every file it imports or requires (npm packages and CommonJS modules
 * included, docs/modules.md), or a classic script, to serialized
 * bytecode, written as C source (a byte array and a main() running it on
 * the runtime library), as raw bytecode, or as an executable built with
 * the system C compiler; prints compiled files (--inspect). docs/qjsc.md. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qjs.h"
#include "qjs_runtime.h"
#include "resolve.h"
#include "cjs.h"
#include "web_list.h"
#include "builtin_list.h"

/* Where the engine and runtime library live: the build tree (compiled-in
 * paths, used when this executable runs from QJSC_BUILD_BINDIR) or the
 * install prefix (paths relative to the executable's folder). */
#ifndef QJSC_BUILD_BINDIR
#define QJSC_BUILD_BINDIR ""
#endif
#ifndef QJSC_BUILD_ENGINE_LIB
#define QJSC_BUILD_ENGINE_LIB ""
#endif
#ifndef QJSC_BUILD_RUNTIME_LIB
#define QJSC_BUILD_RUNTIME_LIB ""
#endif
#ifndef QJSC_BUILD_ENGINE_INCDIR
#define QJSC_BUILD_ENGINE_INCDIR ""
#endif
#ifndef QJSC_BUILD_RUNTIME_INCDIR
#define QJSC_BUILD_RUNTIME_INCDIR ""
#endif
#ifndef QJSC_INSTALL_REL_LIBDIR
#define QJSC_INSTALL_REL_LIBDIR "../lib"
#endif
#ifndef QJSC_INSTALL_REL_INCDIR
#define QJSC_INSTALL_REL_INCDIR "../include"
#endif
#ifndef QJSC_SYSLIBS                /* system libraries the engine needs */
#define QJSC_SYSLIBS "-lm"
#endif
#ifndef QJSC_EXTRA_LDFLAGS          /* e.g. sanitizer flags of this build */
#define QJSC_EXTRA_LDFLAGS ""
#endif
#ifndef QJSC_PIE_LDFLAGS            /* -no-pie where it links (docs/startup.md) */
#define QJSC_PIE_LDFLAGS ""
#endif
#ifndef QJSC_STARTUP_LD             /* the start-up code's linker script, or "" */
#define QJSC_STARTUP_LD ""
#endif
#ifndef QJSC_BUILD_STARTUP_LD       /* its path in the build tree */
#define QJSC_BUILD_STARTUP_LD ""
#endif

static const char usage_text[] =
    "usage: qjsc [options] file.js\n"
    "       qjsc --inspect file.c|file.qbc\n"
    "Compiles an ES module and every module it imports statically (or a\n"
    "classic script with --script) to bytecode, written as C source, as a\n"
    "standalone executable, or as a raw bytecode file.\n"
    "\n"
    "options:\n"
    "  -o FILE              output file: FILE ending in .c gets C source (the\n"
    "                       bytecode array and a main()), any other name an\n"
    "                       executable built with the system C compiler\n"
    "  -e, --exe            build an executable even if FILE ends in .c\n"
    "  -c, --c-source       write C source even if FILE does not end in .c\n"
    "  -m, --module         compile file.js as an ES module (the default)\n"
    "      --script         compile file.js as a classic script (no imports)\n"
    "  -N, --name SYMBOL    C name of the bytecode array (default qjsc_<file>);\n"
    "                       its length is SYMBOL_size\n"
    "      --no-main        C source without main(), to link into another program\n"
    "      --no-compiler    leave the JavaScript parser and compiler out of the\n"
    "                       program (about 170 KB smaller): eval, new Function,\n"
    "                       import() of a module not compiled in and every other\n"
    "                       compilation of source then throw an Error (\"this\n"
    "                       program was compiled without the JavaScript compiler\")\n"
    "      --web auto|all   auto: leave out the Web globals no compiled file\n"
    "                       names as a word (TextEncoder/TextDecoder; Event,\n"
    "                       EventTarget, AbortController and the rest of that\n"
    "                       family; URL, URLSearchParams; structuredClone):\n"
    "                       about 90 KB smaller; using one anyway (a name\n"
    "                       made at run time) throws a ReferenceError saying\n"
    "                       so. all (the default): every Web global\n"
    "      --builtins auto|all  auto: leave out the built-in families no\n"
    "                       compiled file names (Math, Reflect, Date, the typed\n"
    "                       arrays, Atomics, Map/Set, the weak collections,\n"
    "                       Proxy; the Unicode normalization tables unless a\n"
    "                       file names normalize or localeCompare;\n"
    "                       RegExp unless a file has a regex literal or names\n"
    "                       RegExp, match, matchAll or search), the std and os\n"
    "                       modules (and os.Worker) unless a file imports or\n"
    "                       names them, and the bytecode verifier; with --web\n"
    "                       auto --no-compiler a hello world is about 290 KB\n"
    "                       smaller. Using one anyway (a name made at run time)\n"
    "                       throws a ReferenceError saying so. all (the\n"
    "                       default): everything\n"
    "  -H FILE              also write a C header declaring SYMBOL and SYMBOL_size\n"
    "  -s, --strip-source   leave the source text out (Function.prototype.toString\n"
    "                       gives a placeholder body)\n"
    "  -ss, --strip-debug   leave the source text, line tables and file names out\n"
    "  -b, --binary FILE    write the raw serialized bytecode to FILE\n"
    "  -MD                  write a Make-syntax depfile naming every compiled file\n"
    "  -MF FILE             the depfile's name (default: the output name + .d)\n"
    "  -d, --dump           print the disassembly of the compiled bytecode\n"
    "      --inspect FILE   print the header, modules and functions of a C file\n"
    "                       written by qjsc or of a raw bytecode file, and exit\n"
    "  -v, --verbose        print the C compiler command before running it\n"
    "  -h, --help           print this help and exit\n"
    "  -V, --version        print the version and exit\n"
    "\n"
    "Imports: static imports, and require()/import() with a literal name, are\n"
    "resolved as qjs does (relative paths, node_modules packages with their\n"
    "package.json exports/imports/main, CommonJS modules; docs/modules.md) and\n"
    "compiled in, with the package.json data; 'std', 'os' and 'module' are the\n"
    "runtime library's modules, left for run time; `with { type: \"json\" }`\n"
    "imports a JSON file. Module names in the output are paths relative to the\n"
    "entry module's folder, so the output depends only on the sources and the\n"
    "options.\n"
    "\n"
    "Environment (executables only): CC (default cc), CFLAGS (default -O2),\n"
    "LDFLAGS.\n"
    "Exit status: 0 on success, 1 on a compile or I/O error, 2 on a bad\n"
    "command line.\n";

/* ---- small utilities ---- */

static const char *progname = "qjsc";

static void die_oom(void)
{
    fprintf(stderr, "%s: out of memory\n", progname);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die_oom();
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die_oom();
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* The whole file, NUL-terminated, or NULL (errno set). */
static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 14, len = 0, n;
    char *buf = xmalloc(cap);
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2)
            buf = xrealloc(buf, cap *= 2);
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    buf[len] = '\0';
    *len_out = len;
    return buf;
}

/* The folder part of path ("" when none; "/" for "/x"). Malloc'ed. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup("");
    if (slash == path)
        return xstrdup("/");
    size_t n = (size_t)(slash - path);
    char *d = xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* dir joined with rel ("" dir: rel itself). Malloc'ed. */
static char *join_path(const char *dir, const char *rel)
{
    if (!*dir)
        return xstrdup(rel);
    if (!strcmp(dir, "/"))
        return xasprintf("/%s", rel);
    return xasprintf("%s/%s", dir, rel);
}


/* ---- output files: written to a temporary file in the destination
 * folder, renamed into place on success ---- */

typedef struct TempOut {
    char *final_path;
    char *tmp_path;
    FILE *f;
} TempOut;

static char *temp_name_for(const char *final_path, int *fd_out)
{
    char *dir = dir_of(final_path);
    char *tmpl = xasprintf("%s%s.%s.tmpXXXXXX", dir, *dir && strcmp(dir, "/") ? "/" : "",
                           base_of(final_path));
    free(dir);
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        free(tmpl);
        return NULL;
    }
    *fd_out = fd;
    return tmpl;
}

static bool tempout_open(TempOut *t, const char *path)
{
    int fd;
    t->final_path = xstrdup(path);
    t->tmp_path = temp_name_for(path, &fd);
    t->f = NULL;
    if (!t->tmp_path) {
        fprintf(stderr, "%s: cannot write %s: %s\n", progname, path, strerror(errno));
        free(t->final_path);
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    t->f = fdopen(fd, "wb");
    if (!t->f) {
        close(fd);
        unlink(t->tmp_path);
        free(t->tmp_path);
        free(t->final_path);
        return false;
    }
    return true;
}


/* Closes and renames into place; false (reported, temp removed) on error. */
static bool tempout_commit(TempOut *t)
{
    bool ok = !ferror(t->f);
    ok = (fclose(t->f) == 0) && ok;
    t->f = NULL;
    if (ok && rename(t->tmp_path, t->final_path) == 0) {
        free(t->tmp_path);
        free(t->final_path);
        return true;
    }
    fprintf(stderr, "%s: cannot write %s: %s\n", progname, t->final_path, strerror(errno));
    unlink(t->tmp_path);
    free(t->tmp_path);
    free(t->final_path);
    return false;
}

static bool write_whole_file(const char *path, const void *data, size_t len)
{
    TempOut t;
    if (!tempout_open(&t, path))
        return false;
    fwrite(data, 1, len, t.f);
    return tempout_commit(&t);
}

/* ---- the module graph ---- */

typedef struct Unit {
    char *name;         /* relative to the entry module's folder */
    char *path;         /* on disk, derived from the path given */
    char *real;         /* absolute, symbolic links resolved */
    QJSRef *ref;        /* the compiled unit (or JSON module, or CommonJS facade) */
    QJSRef *script;     /* CommonJS: the unit whose value is the module's function */
} Unit;

typedef struct Compiler {
    QJSContext *ctx;
    bool module;
    char *entry_dir;    /* folder of the entry as given ("" for cwd) */
    char *entry_real;   /* the same, absolute, symbolic links resolved */
    Unit *units;
    int count, cap;
    /* resolution of import/require (runtime-lib/resolve.c) on the disk,
     * recording what the program's manifest needs */
    QJSResolveFS fs;
    QJSResolver res;
    char **pkgs;        /* package.json files read (real paths), in first-read order */
    int npkgs;
    char **link_from, **link_to;    /* symbolic links followed (names) */
    int nlinks;
    bool no_compiler;   /* --no-compiler: the program defines qjs_compiler */
    bool web_auto;      /* --web auto: the program defines js_rt_web_bundle_table */
    bool web_named[WEB_BUNDLE_COUNT];   /* bundles some compiled file names a global of */
    bool builtins_auto; /* --builtins auto: the program defines js_builtin_family_table */
    bool family_named[JS_FAMILY_COUNT]; /* families some compiled file names a global of */
    bool crypto_named;  /* some compiled file names crypto (which uses typed arrays) */
    bool b64_named;     /* ... atob or btoa (which use a regular expression) */
    bool worker_named;  /* ... Worker or postMessage (messages are cloned: runtime-lib/clone.c) */
    bool std_os_named;  /* ... std or os (the globals, the modules, "qjs:std", ...) */
} Compiler;

/* Prints "path:line:col: error: message", the source line and a caret,
 * from a SyntaxError whose message ends with " (name:line:col)". */
static void report_compile_error(Compiler *c, const char *path, const char *src, size_t len)
{
    QJSValue exc = qjs_take_exception(c->ctx);
    QJSRef *ref = qjs_ref_new(c->ctx, exc);
    char *msg = NULL;
    if (qjs_is_object(exc)) {
        char *name = NULL, *message = NULL;
        QJSValue m = qjs_get_prop_str(c->ctx, exc, "message");
        if (!qjs_is_exception(m))
            message = qjs_to_cstring(c->ctx, m, NULL);
        QJSValue n = qjs_get_prop_str(c->ctx, exc, "name");
        if (!qjs_is_exception(n))
            name = qjs_to_cstring(c->ctx, n, NULL);
        if (name && message)
            msg = xasprintf("%s: %s", name, message);
        if (name)
            qjs_free_cstring(name);
        if (message)
            qjs_free_cstring(message);
    }
    if (!msg) {
        qjs_take_exception(c->ctx);
        char *f = qjs_format_exception(c->ctx, exc);
        msg = xstrdup(f ? f : "unknown error");
        free(f);
    }
    qjs_ref_free(ref);

    /* Split off a trailing " (file:line:col)". */
    long line = 0, col = 0;
    size_t mlen = strlen(msg);
    if (mlen > 2 && msg[mlen - 1] == ')') {
        char *open = strrchr(msg, '(');
        if (open && open > msg && open[-1] == ' ') {
            char *c2 = NULL, *c1 = NULL;
            for (char *p = msg + mlen - 2; p > open; p--) {
                if (*p == ':') {
                    if (!c2)
                        c2 = p;
                    else {
                        c1 = p;
                        break;
                    }
                }
            }
            char *e1, *e2;
            if (c1 && c2) {
                line = strtol(c1 + 1, &e1, 10);
                col = strtol(c2 + 1, &e2, 10);
                if (e1 != c2 || e2 != msg + mlen - 1 || line <= 0 || col <= 0)
                    line = col = 0;
                else
                    open[-1] = '\0';
            }
        }
    }
    if (!line) {
        fprintf(stderr, "%s: error: %s\n", path, msg);
        free(msg);
        return;
    }
    fprintf(stderr, "%s:%ld:%ld: error: %s\n", path, line, col, msg);
    free(msg);
    if (!src)
        return;
    /* The source line and a caret under column col (tabs kept). */
    const char *p = src, *end = src + len;
    for (long l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    if (p >= end && line > 1)
        return;
    const char *eol = p;
    while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
    fprintf(stderr, "%.*s\n", (int)(eol - p), p);
    for (long i = 1; i < col && p + i - 1 < eol; i++)
        fputc(p[i - 1] == '\t' ? '\t' : ' ', stderr);
    fputs("^\n", stderr);
}

static int find_unit(Compiler *c, const char *name)
{
    for (int i = 0; i < c->count; i++)
        if (!strcmp(c->units[i].name, name))
            return i;
    return -1;
}

static int add_unit(Compiler *c, char *name, char *path, char *real)
{
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->units = xrealloc(c->units, sizeof(Unit) * (size_t)c->cap);
    }
    Unit *u = &c->units[c->count];
    u->name = name;
    u->path = path;
    u->real = real;
    u->ref = NULL;
    u->script = NULL;
    return c->count++;
}

static bool compile_unit(Compiler *c, int idx, const char *type_attr);

/* ---- resolving on the disk, recording package data ---- */

/* abs (absolute, folded) relative to the entry's real folder, with ".."
 * segments when it lies outside. Malloc'ed. */
static char *rel_name(Compiler *c, const char *abs)
{
    const char *a = c->entry_real, *b = abs;
    /* skip the common leading segments */
    for (;;) {
        while (*a == '/')
            a++;
        while (*b == '/')
            b++;
        size_t na = strcspn(a, "/"), nb = strcspn(b, "/");
        if (!na || na != nb || memcmp(a, b, na))
            break;
        a += na;
        b += nb;
    }
    size_t ups = 0;
    for (const char *p = a; *p;) {
        size_t n = strcspn(p, "/");
        if (n)
            ups++;
        p += n;
        while (*p == '/')
            p++;
    }
    char *r = xmalloc(ups * 3 + strlen(b) + 1), *o = r;
    for (size_t k = 0; k < ups; k++) {
        memcpy(o, "../", 3);
        o += 3;
    }
    strcpy(o, b);
    if (!*b && o > r)
        o[-1] = '\0';
    return r;
}

/* Records the symbolic links among the folders of path: a folder whose
 * real path is not its real parent plus its own name. */
static void record_links(Compiler *c, const char *path)
{
    char *p = xstrdup(path);
    for (char *slash = strchr(p + 1, '/');; slash = strchr(slash + 1, '/')) {
        if (slash)
            *slash = '\0';
        char *real = realpath(p, NULL);
        char *parent = dir_of(p);
        char *rparent = realpath(parent, NULL);
        if (real && rparent) {
            char *expect = join_path(rparent, base_of(p));
            if (strcmp(expect, real) != 0) {
                char *from = rel_name(c, p[0] ? p : "/");
                bool known = false;
                for (int i = 0; i < c->nlinks; i++)
                    known = known || !strcmp(c->link_from[i], from);
                if (!known) {
                    c->link_from = xrealloc(c->link_from, sizeof(char *) * (size_t)(c->nlinks + 1));
                    c->link_to = xrealloc(c->link_to, sizeof(char *) * (size_t)(c->nlinks + 1));
                    c->link_from[c->nlinks] = from;
                    c->link_to[c->nlinks++] = rel_name(c, real);
                } else {
                    free(from);
                }
            }
            free(expect);
        }
        free(real);
        free(parent);
        free(rparent);
        if (!slash)
            break;
        *slash = '/';
    }
    free(p);
}

static int rec_kind(void *opaque, const char *path)
{
    int k = qjs_resolve_disk_fs.kind(NULL, path);
    if (k == 2) {
        char *real = realpath(path, NULL);
        if (real && strcmp(real, path) != 0)
            record_links(opaque, path);
        free(real);
    }
    return k;
}

static char *rec_real_path(void *opaque, const char *path)
{
    char *r = qjs_resolve_disk_fs.real_path(NULL, path);
    if (r && strcmp(r, path) != 0)
        record_links(opaque, path);
    return r;
}

static char *rec_read_package(void *opaque, const char *path, size_t *len)
{
    Compiler *c = opaque;
    char *text = qjs_resolve_disk_fs.read_package(NULL, path, len);
    if (text) {
        char *real = realpath(path, NULL);
        if (real) {
            bool known = false;
            for (int i = 0; i < c->npkgs; i++)
                known = known || !strcmp(c->pkgs[i], real);
            if (!known) {
                c->pkgs = xrealloc(c->pkgs, sizeof(char *) * (size_t)(c->npkgs + 1));
                c->pkgs[c->npkgs++] = real;
            } else {
                free(real);
            }
        }
    }
    return text;
}

static char *read_source_text(void *opaque, const char *path)
{
    size_t len;
    return read_file(path, &len);
}

/* The message of the pending exception (malloc'ed). */
static char *take_message(QJSContext *ctx)
{
    QJSValue e = qjs_take_exception(ctx);
    QJSRef *r = qjs_ref_new(ctx, e);
    char *m = qjs_is_object(e) ? qjs_to_cstring(ctx, qjs_get_prop_str(ctx, e, "message"), NULL) : NULL;
    char *s = xstrdup(m ? m : "unknown error");
    if (m)
        qjs_free_cstring(m);
    else
        qjs_take_exception(ctx);
    qjs_ref_free(r);
    return s;
}

static bool compile_unit(Compiler *c, int idx, const char *type_attr);

/* One dependency of unit idx: spec, by a static import (required: an
 * error stops the build), or by a literal require() / import() (an
 * unresolvable one is a warning: it may sit in code that never runs, and
 * throws at run time, naming the specifier). */
static bool add_dependency(Compiler *c, int idx, const char *spec, const char *type, int mode, bool required)
{
    if (!strcmp(spec, "std") || !strcmp(spec, "os") || !strcmp(spec, "qjs:std") ||
        !strcmp(spec, "qjs:os") || !strcmp(spec, "module") ||
        !strcmp(spec, "node:module") || !strcmp(spec, QJS_CJS_INTERNAL_MODULE))
        return true;    /* provided by the runtime library */
    if (!required && qjs_resolve_is_node_builtin(spec))
        return true;    /* fails at run time, if that code runs */
    if (spec[0] == '/') {
        /* a compiled program reads an absolute path from disk at run time */
        if (required)
            fprintf(stderr, "%s: error: absolute import '%s' is not supported (use a path relative to "
                    "the importing file)\n", c->units[idx].path, spec);
        return !required;
    }
    char *real = qjs_resolve(&c->res, spec, c->units[idx].real, mode);
    if (!real) {
        char *msg = take_message(c->ctx);
        fprintf(stderr, "%s: %s: cannot resolve %s '%s': %s\n", c->units[idx].path,
                required ? "error" : "warning", mode == QJS_RESOLVE_REQUIRE ? "require" : "import", spec, msg);
        free(msg);
        return !required;
    }
    char *name = rel_name(c, real);
    if (find_unit(c, name) >= 0) {
        free(name);
        free(real);
        return true;
    }
    char *path = join_path(c->entry_dir, name);
    int k = add_unit(c, name, path, real);
    return compile_unit(c, k, type);
}

/* Resolves and compiles what unit idx needs: its static imports (in
 * request order), then the literal import() and require() calls and
 * the worker modules of `new Worker("literal")` a scan of src finds,
 * depth first. */
static bool follow_imports(Compiler *c, int idx, const char *src, size_t len, bool cjs)
{
    if (!cjs) {
        int n = qjs_module_request_count(c->ctx, qjs_ref_get(c->units[idx].ref));
        if (n < 0) {
            fprintf(stderr, "%s: error: cannot read the imports of this module\n", c->units[idx].path);
            return false;
        }
        for (int i = 0; i < n; i++) {
            char *type = NULL;
            char *spec = qjs_module_request(c->ctx, qjs_ref_get(c->units[idx].ref), i, &type);
            if (!spec) {
                fprintf(stderr, "%s: error: cannot read import %d\n", c->units[idx].path, i);
                return false;
            }
            char *s = xstrdup(spec), *t = type ? xstrdup(type) : NULL;
            qjs_free_cstring(spec);
            if (type)
                qjs_free_cstring(type);
            bool ok = add_dependency(c, idx, s, t, QJS_RESOLVE_IMPORT, true);
            free(s);
            free(t);
            if (!ok)
                return false;
        }
    }
    QJSCjsScan scan;
    if (qjs_cjs_scan(src, len, &scan) < 0)
        die_oom();
    bool ok = true;
    for (int i = 0; ok && i < scan.nimports; i++)
        ok = add_dependency(c, idx, scan.imports[i], NULL, QJS_RESOLVE_IMPORT, false);
    for (int i = 0; ok && i < scan.nrequires; i++)
        ok = add_dependency(c, idx, scan.requires[i], NULL, QJS_RESOLVE_REQUIRE, false);
    for (int i = 0; ok && i < scan.nworkers; i++)
        ok = add_dependency(c, idx, scan.workers[i], NULL, QJS_RESOLVE_IMPORT, false);
    qjs_cjs_scan_free(&scan);
    return ok;
}

/* The source of a module whose default export is the value of the JSON
 * text src: `export default JSON.parse("...");`. Malloc'ed. */
static char *json_module_source(const char *src, size_t len, size_t *len_out)
{
    static const char head[] = "export default JSON.parse(\"", tail[] = "\");\n";
    char *out = xmalloc(sizeof head + len * 6 + sizeof tail);
    size_t n = 0;
    memcpy(out, head, sizeof head - 1);
    n += sizeof head - 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)src[i];
        if (ch == '"' || ch == '\\') {
            out[n++] = '\\';
            out[n++] = (char)ch;
        } else if (ch < 0x20) {
            n += (size_t)sprintf(out + n, "\\u%04x", ch);
        } else {
            out[n++] = (char)ch;
        }
    }
    memcpy(out + n, tail, sizeof tail);
    n += sizeof tail - 1;
    *len_out = n;
    return out;
}

/* Reads and compiles unit idx (then, for a module, what it imports or
 * requires): an ES module, a JSON module, or a CommonJS module (its
 * function as a script unit, and the facade module over module.exports
 * with the names a scan finds). */
static bool is_ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '$' || (unsigned char)ch >= 0x80;
}

/* Whether word occurs in text[0 .. len) with no identifier character on
 * either side: an identifier, a property name or inside a string or a
 * comment all count (--web auto keeps whatever might be named). */
static bool names_word(const char *text, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text, *end = text + len; (size_t)(end - p) >= n; p++) {
        p = memchr(p, word[0], (size_t)(end - p) - n + 1);
        if (!p)
            return false;
        if (!memcmp(p, word, n) && (p == text || !is_ident_char(p[-1])) &&
            (p + n == end || !is_ident_char(p[n])))
            return true;
    }
    return false;
}

/* --web auto: records the bundles of the Web globals src names. */
static void scan_web_names(Compiler *c, const char *src, size_t len)
{
#define SCAN_GLOBAL(name, b, e) \
    if (!c->web_named[WEB_##b] && names_word(src, len, #name)) \
        c->web_named[WEB_##b] = true;
    WEB_GLOBALS(SCAN_GLOBAL)
#undef SCAN_GLOBAL
}

/* --builtins auto: records the built-in families whose globals src
 * names (the other words that keep a family are in emit_family_table). */
static void scan_family_names(Compiler *c, const char *src, size_t len)
{
#define SCAN_FAMILY_GLOBAL(name, f) \
    if (!c->family_named[JS_FAMILY_##f] && names_word(src, len, #name)) \
        c->family_named[JS_FAMILY_##f] = true;
    JS_BUILTIN_GLOBALS(SCAN_FAMILY_GLOBAL)
#undef SCAN_FAMILY_GLOBAL
    if (!c->crypto_named && names_word(src, len, "crypto"))
        c->crypto_named = true;
    if (!c->b64_named && (names_word(src, len, "atob") || names_word(src, len, "btoa")))
        c->b64_named = true;
    if (!c->worker_named && (names_word(src, len, "Worker") || names_word(src, len, "postMessage")))
        c->worker_named = true;
    if (!c->std_os_named && (names_word(src, len, "std") || names_word(src, len, "os")))
        c->std_os_named = true;
    /* String.prototype.match, matchAll and search make a RegExp of a
     * string argument (replace, replaceAll and split do not) */
    if (!c->family_named[JS_FAMILY_normalize] &&
        (names_word(src, len, "normalize") || names_word(src, len, "localeCompare")))
        c->family_named[JS_FAMILY_normalize] = true;
    static const char *const regexp_words[] = { "match", "matchAll", "search" };
    for (size_t i = 0; i < sizeof regexp_words / sizeof regexp_words[0]; i++)
        if (!c->family_named[JS_FAMILY_regexp] && names_word(src, len, regexp_words[i]))
            c->family_named[JS_FAMILY_regexp] = true;
}

static bool compile_unit(Compiler *c, int idx, const char *type_attr)
{
    Unit *u = &c->units[idx];
    size_t len;
    char *src = read_file(u->path, &len);
    if (!src) {
        fprintf(stderr, "%s: error: cannot read %s: %s\n", progname, u->path, strerror(errno));
        return false;
    }
    if (c->web_auto || c->builtins_auto)
        scan_web_names(c, src, len);
    if (c->builtins_auto)
        scan_family_names(c, src, len);
    int format = QJS_FORMAT_ESM;
    if (type_attr && strcmp(type_attr, "json") != 0) {
        fprintf(stderr, "%s: error: unsupported import type \"%s\"\n", u->path, type_attr);
        free(src);
        return false;
    }
    if (type_attr) {
        format = QJS_FORMAT_JSON;
    } else if (c->module && idx > 0) {
        format = qjs_resolve_format(&c->res, c->units[idx].real, src);
    } else if (c->module && ends_with(u->name, ".cjs")) {
        format = QJS_FORMAT_CJS;
    }
    QJSValue v;
    if (format < 0) {
        char *msg = take_message(c->ctx);
        fprintf(stderr, "%s: error: %s\n", u->path, msg);
        free(msg);
        free(src);
        return false;
    } else if (format == QJS_FORMAT_JSON) {
        /* Checked as JSON, then embedded as the module
         * `export default JSON.parse("<the text>")`. */
        v = qjs_new_json_module(c->ctx, u->name, src, len);
        if (!qjs_is_exception(v)) {
            size_t mlen;
            char *msrc = json_module_source(src, len, &mlen);
            v = qjs_compile(c->ctx, msrc, mlen, u->name, QJS_EVAL_MODULE);
            free(msrc);
        }
    } else if (format == QJS_FORMAT_CJS) {
        size_t wlen;
        char *w = qjs_cjs_wrapper_source(src, len, &wlen);
        if (!w)
            die_oom();
        v = qjs_compile(c->ctx, w, wlen, u->name, 0);
        free(w);
        if (!qjs_is_exception(v)) {
            c->units[idx].script = qjs_ref_new(c->ctx, v);
            char **names;
            int n;
            if (qjs_cjs_export_names(&c->res, c->units[idx].real, src, read_source_text, NULL, &names, &n) < 0) {
                char *msg = take_message(c->ctx);
                fprintf(stderr, "%s: error: %s\n", u->path, msg);
                free(msg);
                free(src);
                return false;
            }
            size_t flen;
            char *facade = qjs_cjs_facade_source(c->units[idx].name, names, n, &flen);
            if (!facade)
                die_oom();
            v = qjs_compile(c->ctx, facade, flen, c->units[idx].name, QJS_EVAL_MODULE);
            free(facade);
            for (int i = 0; i < n; i++)
                free(names[i]);
            free(names);
        }
    } else {
        v = qjs_compile(c->ctx, src, len, u->name, c->module ? QJS_EVAL_MODULE : 0);
    }
    if (qjs_is_exception(v)) {
        report_compile_error(c, c->units[idx].path, src, len);
        free(src);
        return false;
    }
    /* a regular expression literal keeps RegExp (a CommonJS module's
     * code is in its function unit, v is its facade) */
    if (c->builtins_auto && (qjs_compiled_has_regexp(v) ||
                             (c->units[idx].script && qjs_compiled_has_regexp(qjs_ref_get(c->units[idx].script)))))
        c->family_named[JS_FAMILY_regexp] = true;
    c->units[idx].ref = qjs_ref_new(c->ctx, v);
    bool ok = true;
    if (c->module && format != QJS_FORMAT_JSON)
        ok = follow_imports(c, idx, src, len, format == QJS_FORMAT_CJS);
    free(src);
    return ok;
}

/* A JS string literal of s (double quotes). Malloc'ed. */
static char *js_quote(const char *s)
{
    char *r = xmalloc(strlen(s) * 6 + 3), *o = r;
    *o++ = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            *o++ = '\\';
            *o++ = (char)*p;
        } else if (*p < 0x20) {
            o += sprintf(o, "\\u%04x", *p);
        } else {
            *o++ = (char)*p;
        }
    }
    *o++ = '"';
    *o = '\0';
    return r;
}

/* The manifest unit of a program that read package.json files or
 * followed symbolic links (runtime-lib/modules.c reads it): the script
 * `({ packages: { name: text }, links: { name: target } })`. Returns a
 * compiled unit, or 0 (QJSValue undefined) when none is needed. */
static QJSValue manifest_unit(Compiler *c)
{
    if (!c->npkgs && !c->nlinks)
        return qjs_undefined();
    size_t cap = 64, n = 0;
    char *src = xmalloc(cap);
    #define APPEND(str) do { const char *s_ = (str); size_t l_ = strlen(s_); \
        while (n + l_ + 1 > cap) src = xrealloc(src, cap *= 2); \
        memcpy(src + n, s_, l_ + 1); n += l_; } while (0)
    APPEND("({ packages: {\n");
    for (int i = 0; i < c->npkgs; i++) {
        size_t len;
        char *text = read_file(c->pkgs[i], &len);
        char *name = rel_name(c, c->pkgs[i]);
        char *qn = js_quote(name), *qt = js_quote(text ? text : "{}");
        APPEND(qn);
        APPEND(": ");
        APPEND(qt);
        APPEND(",\n");
        free(qn);
        free(qt);
        free(name);
        free(text);
    }
    APPEND("}, links: {\n");
    for (int i = 0; i < c->nlinks; i++) {
        char *qf = js_quote(c->link_from[i]), *qt = js_quote(c->link_to[i]);
        APPEND(qf);
        APPEND(": ");
        APPEND(qt);
        APPEND(",\n");
        free(qf);
        free(qt);
    }
    APPEND("} })\n");
    #undef APPEND
    QJSValue v = qjs_compile(c->ctx, src, n, "<qjsc-manifest>", 0);
    free(src);
    return v;
}

/* Prints the pending exception as "qjsc: error: ..." */
static void report_exception(QJSContext *ctx, const char *what)
{
    QJSValue exc = qjs_take_exception(ctx);
    char *s = qjs_format_exception(ctx, exc);
    fprintf(stderr, "%s: error: %s: %s\n", progname, what, s ? s : "unknown error");
    free(s);
}

/* ---- C emission ---- */

static void emit_bytes(FILE *f, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        fprintf(f, "%s0x%02x,", i % 16 == 0 ? "    " : " ", buf[i]);
        if (i % 16 == 15 || i + 1 == len)
            fputc('\n', f);
    }
}

static void emit_header_comment(FILE *f, Compiler *c, const char *sym)
{
    fprintf(f, "/* Generated by qjsc %s: serialized bytecode of %s %s",
            QJS_VERSION_STRING, c->module ? "the module graph of" : "the script", c->units[0].name);
    fputs(". Do not edit.\n", f);
    if (c->module && c->count > 1) {
        fputs(" * Modules:", f);
        for (int i = 0; i < c->count; i++)
            fprintf(f, " %s", c->units[i].name);
        fputs("\n", f);
    }
    fprintf(f, " * Declarations for other C files:\n"
               " *   extern const uint8_t %s[];\n"
               " *   extern const size_t %s_size;\n"
               " */\n", sym, sym);
}

/* The Web globals' bundles the program's table has: with --web auto,
 * those the program names and the ones they need; else all. */
static void web_kept(Compiler *c, bool keep[WEB_BUNDLE_COUNT])
{
    static const int dep[] = {
#define BUNDLE_DEP(b, d, natives) [WEB_##b] = WEB_##d,
        WEB_BUNDLES(BUNDLE_DEP)
#undef BUNDLE_DEP
    };
    for (int b = 0; b < WEB_BUNDLE_COUNT; b++)  /* misc: DOMException, for every other */
        keep[b] = !c->web_auto || c->web_named[b] || b == WEB_misc;
    for (int b = 0; b < WEB_BUNDLE_COUNT; b++)         /* and what they need (misc needs itself) */
        for (int d = dep[b]; keep[b] && !keep[d]; d = dep[d])
            keep[d] = true;
}

/* --web auto: the table of the Web globals' bundles (runtime-lib/web_int.h)
 * with the bundles the program names and the ones they need; this
 * definition keeps the runtime library's (every bundle) out. */
static void emit_web_table(FILE *f, Compiler *c)
{
    static const char *const names[] = {
#define BUNDLE_NAME(b, d, natives) [WEB_##b] = #b,
        WEB_BUNDLES(BUNDLE_NAME)
#undef BUNDLE_NAME
    };
    bool keep[WEB_BUNDLE_COUNT];
    web_kept(c, keep);
    fputs("\n/* qjsc --web auto: the Web globals' bundles this program keeps */\nstruct JSWebBundle;\n", f);
    for (int b = 0; b < WEB_BUNDLE_COUNT; b++)
        if (keep[b])
            fprintf(f, "extern const struct JSWebBundle js_rt_web_bundle_%s;\n", names[b]);
    fprintf(f, "const struct JSWebBundle *const js_rt_web_bundle_table[%d] = {\n", WEB_BUNDLE_COUNT);
    for (int b = 0; b < WEB_BUNDLE_COUNT; b++) {
        if (keep[b])
            fprintf(f, "    &js_rt_web_bundle_%s,\n", names[b]);
        else
            fprintf(f, "    NULL, /* %s */\n", names[b]);
    }
    fputs("};\n", f);
}

/* --builtins auto: the table of the built-in families a program may
 * leave out (engine/src/builtins/builtins.h) with those some compiled
 * file names a global of, those the Web globals' bundles in the program
 * use, and what they need; this definition keeps the engine's (every
 * family) out. A bundle in the table may run without being named (a
 * name made at run time, or the global object's properties enumerated
 * with their values), so all the families its JS (runtime-lib/web/NAME.js)
 * names are kept, except for misc (always in the table), whose script
 * names none before its globals are used; of those, crypto needs the
 * typed arrays. */
static void emit_family_table(FILE *f, Compiler *c, bool with_main)
{
    static const char *const names[] = {
#define FAMILY_NAME(fam, init, hooks) [JS_FAMILY_##fam] = #fam,
        JS_BUILTIN_FAMILIES(FAMILY_NAME)
#undef FAMILY_NAME
    };
    static const uint8_t web_needs[WEB_BUNDLE_COUNT][JS_FAMILY_COUNT] = {
        [WEB_encoding] = { [JS_FAMILY_typed_arrays] = 1, [JS_FAMILY_mapset] = 1, [JS_FAMILY_regexp] = 1 },
        [WEB_events] = { [JS_FAMILY_mapset] = 1 },
        [WEB_url] = { [JS_FAMILY_math] = 1, [JS_FAMILY_reflect] = 1, [JS_FAMILY_typed_arrays] = 1,
                      [JS_FAMILY_mapset] = 1, [JS_FAMILY_regexp] = 1, [JS_FAMILY_normalize] = 1 },
        [WEB_clone] = { [JS_FAMILY_date] = 1, [JS_FAMILY_typed_arrays] = 1, [JS_FAMILY_mapset] = 1,
                        [JS_FAMILY_regexp] = 1, [JS_FAMILY_proxy] = 1 },
    };
    bool keep[JS_FAMILY_COUNT], web[WEB_BUNDLE_COUNT];
    for (int k = 0; k < JS_FAMILY_COUNT; k++)
        keep[k] = c->family_named[k];
    web_kept(c, web);
    for (int b = 0; b < WEB_BUNDLE_COUNT; b++)
        for (int k = 0; k < JS_FAMILY_COUNT; k++)
            if (web[b] && web_needs[b][k])
                keep[k] = true;
    if (c->crypto_named)
        keep[JS_FAMILY_typed_arrays] = true;
    if (c->b64_named)
        keep[JS_FAMILY_regexp] = true;
    if (c->worker_named)    /* the message clone's helper names these */
        keep[JS_FAMILY_typed_arrays] = keep[JS_FAMILY_mapset] = keep[JS_FAMILY_date] =
            keep[JS_FAMILY_regexp] = true;
    if (keep[JS_FAMILY_atomics])        /* Atomics works on typed arrays */
        keep[JS_FAMILY_typed_arrays] = true;
    fputs("\n/* qjsc --builtins auto: the built-in families this program keeps */\n"
          "struct JSBuiltinFamily;\n", f);
    for (int k = 0; k < JS_FAMILY_COUNT; k++)
        if (keep[k])
            fprintf(f, "extern const struct JSBuiltinFamily js_builtin_family_%s;\n", names[k]);
    fprintf(f, "const struct JSBuiltinFamily *const js_builtin_family_table[%d] = {\n", JS_FAMILY_COUNT);
    for (int k = 0; k < JS_FAMILY_COUNT; k++) {
        if (keep[k])
            fprintf(f, "    &js_builtin_family_%s,\n", names[k]);
        else
            fprintf(f, "    NULL, /* %s */\n", names[k]);
    }
    fputs("};\n", f);
    if (!c->std_os_named)   /* runtime-lib/rt_int.h: no std, os or os.Worker */
        fputs("struct JSRtStdOs;\nconst struct JSRtStdOs *const js_rt_std_os = NULL;\n", f);
    /* engine/src/serialize.h: an executable reads only its own bytecode,
     * which is trusted, so it needs no verifier (C without main() may be
     * linked into a host that reads other bytecode) */
    if (with_main)
        fputs("struct JSBytecodeVerifier;\nconst struct JSBytecodeVerifier *const js_bytecode_verifier = NULL;\n", f);
}

static bool write_c_source(const char *path, Compiler *c, const char *sym, bool with_main,
                           const uint8_t *buf, size_t len)
{
    TempOut t;
    if (!tempout_open(&t, path))
        return false;
    FILE *f = t.f;
    emit_header_comment(f, c, sym);
    fputs("#include <stddef.h>\n#include <stdint.h>\n", f);
    if (with_main)
        fputs("#include \"qjs_runtime.h\"\n", f);
    if (c->no_compiler) /* qjs.h: this definition keeps the engine's out */
        fputs("#include \"qjs.h\"\n\nconst QJSCompiler *const qjs_compiler = NULL;\n", f);
    if (c->web_auto)
        emit_web_table(f, c);
    if (c->builtins_auto)
        emit_family_table(f, c, with_main);
    fprintf(f, "\nextern const uint8_t %s[%zu];\nextern const size_t %s_size;\n\n", sym, len, sym);
    fprintf(f, "const uint8_t %s[%zu] = {\n", sym, len);
    emit_bytes(f, buf, len);
    fprintf(f, "};\n\nconst size_t %s_size = %zu;\n", sym, len);
    if (with_main) {
        fprintf(f, "\nint main(int argc, char **argv)\n{\n"
                   "    qjs_run_bytecode_program(argc, argv, %s, %s_size);\n}\n", sym, sym);
    }
    return tempout_commit(&t);
}

static bool write_c_header(const char *path, const char *sym)
{
    TempOut t;
    if (!tempout_open(&t, path))
        return false;
    char *guard = xasprintf("QJSC_%s_H", sym);
    for (char *p = guard; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    fprintf(t.f, "/* Generated by qjsc %s. Do not edit. */\n"
                 "#ifndef %s\n#define %s\n#include <stddef.h>\n#include <stdint.h>\n"
                 "#ifdef __cplusplus\nextern \"C\" {\n#endif\n"
                 "extern const uint8_t %s[];\nextern const size_t %s_size;\n"
                 "#ifdef __cplusplus\n}\n#endif\n#endif\n",
            QJS_VERSION_STRING, guard, guard, sym, sym);
    free(guard);
    return tempout_commit(&t);
}

/* Make-syntax escaping of a file name. */
static void emit_dep_path(FILE *f, const char *p)
{
    for (; *p; p++) {
        if (*p == ' ' || *p == '\\' || *p == '#')
            fputc('\\', f);
        if (*p == '$')
            fputc('$', f);
        fputc(*p, f);
    }
}

static bool write_depfile(const char *path, const char *target, Compiler *c)
{
    TempOut t;
    if (!tempout_open(&t, path))
        return false;
    emit_dep_path(t.f, target);
    fputc(':', t.f);
    for (int i = 0; i < c->count; i++) {
        fputs(" \\\n  ", t.f);
        emit_dep_path(t.f, c->units[i].path);
    }
    for (int i = 0; i < c->npkgs; i++) {
        /* each package.json read, named as the units are */
        char *name = rel_name(c, c->pkgs[i]);
        char *path = join_path(c->entry_dir, name);
        fputs(" \\\n  ", t.f);
        emit_dep_path(t.f, path);
        free(path);
        free(name);
    }
    fputc('\n', t.f);
    return tempout_commit(&t);
}

/* ---- driving the C compiler ---- */

typedef struct Argv {
    char **v;
    int n, cap;
} Argv;

static void argv_push(Argv *a, const char *s)
{
    if (a->n + 2 > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 32;
        a->v = xrealloc(a->v, sizeof(char *) * (size_t)a->cap);
    }
    a->v[a->n++] = xstrdup(s);
    a->v[a->n] = NULL;
}

/* Splits s on blanks (no quoting, as make does with CFLAGS). */
static void argv_push_words(Argv *a, const char *s)
{
    while (s && *s) {
        while (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n')
            e++;
        char *w = xmalloc((size_t)(e - s) + 1);
        memcpy(w, s, (size_t)(e - s));
        w[e - s] = '\0';
        argv_push(a, w);
        free(w);
        s = e;
    }
}

static void print_command(Argv *a)
{
    for (int i = 0; i < a->n; i++) {
        const char *s = a->v[i];
        bool plain = *s != '\0';
        for (const char *p = s; *p; p++)
            if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=+,:@%", *p))
                plain = false;
        if (i)
            fputc(' ', stderr);
        if (plain) {
            fputs(s, stderr);
        } else {
            fputc('\'', stderr);
            for (const char *p = s; *p; p++) {
                if (*p == '\'')
                    fputs("'\\''", stderr);
                else
                    fputc(*p, stderr);
            }
            fputc('\'', stderr);
        }
    }
    fputc('\n', stderr);
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Adds the include and library arguments of the engine and the runtime
 * library: the build tree when qjsc runs from it, else the install
 * prefix around the executable. */
static bool add_runtime_paths(Argv *inc, Argv *libs)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        fprintf(stderr, "%s: cannot find my own executable\n", progname);
        return false;
    }
    exe[n] = '\0';
    char *exe_dir = dir_of(exe);
    bool from_build = false;
    if (*QJSC_BUILD_BINDIR) {
        char *a = realpath(exe_dir, NULL), *b = realpath(QJSC_BUILD_BINDIR, NULL);
        from_build = a && b && !strcmp(a, b);
        free(a);
        free(b);
    }
    if (from_build) {
        char *i1 = xasprintf("-I%s", QJSC_BUILD_RUNTIME_INCDIR);
        char *i2 = xasprintf("-I%s", QJSC_BUILD_ENGINE_INCDIR);
        argv_push(inc, i1);
        argv_push(inc, i2);
        argv_push(libs, QJSC_BUILD_RUNTIME_LIB);
        argv_push(libs, QJSC_BUILD_ENGINE_LIB);
        if (*QJSC_STARTUP_LD) {
            argv_push(libs, "-T");
            argv_push(libs, QJSC_BUILD_STARTUP_LD);
        }
        free(i1);
        free(i2);
        free(exe_dir);
        return true;
    }
    char *incdir = join_path(exe_dir, QJSC_INSTALL_REL_INCDIR);
    char *libdir = join_path(exe_dir, QJSC_INSTALL_REL_LIBDIR);
    bool ok = is_dir(incdir) && is_dir(libdir);
    if (!ok) {
        fprintf(stderr, "%s: cannot find the runtime library (looked in %s and %s)\n",
                progname, incdir, libdir);
    } else {
        char *arg = xasprintf("-I%s", incdir);
        char *l1 = join_path(libdir, "libqjsruntime.a");
        char *l2 = join_path(libdir, "libqjsengine.a");
        argv_push(inc, arg);
        argv_push(libs, l1);
        argv_push(libs, l2);
        if (*QJSC_STARTUP_LD) {
            char *ld = join_path(libdir, QJSC_STARTUP_LD);
            if (access(ld, R_OK) == 0) {
                argv_push(libs, "-T");
                argv_push(libs, ld);
            }
            free(ld);
        }
        free(arg);
        free(l1);
        free(l2);
    }
    free(incdir);
    free(libdir);
    free(exe_dir);
    return ok;
}

/* Runs argv; true if it exited with status 0. */
static bool run_command(Argv *a)
{
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "%s: cannot run %s: %s\n", progname, a->v[0], strerror(errno));
        return false;
    }
    if (pid == 0) {
        execvp(a->v[0], a->v);
        fprintf(stderr, "%s: cannot run %s: %s\n", progname, a->v[0], strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return false;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return true;
    if (!(WIFEXITED(st) && WEXITSTATUS(st) == 127))
        fprintf(stderr, "%s: the C compiler failed (%s)\n", progname, a->v[0]);
    return false;
}

static bool build_executable(const char *out, Compiler *c, const char *sym,
                             const uint8_t *buf, size_t len, bool verbose)
{
    /* The C file gets a fixed name in a private temporary folder: the C
     * compiler records the file's name in the executable (the symbol
     * table's FILE entry, debug info), so a random name would make two
     * builds of the same program differ. The folder and the working
     * directory (DW_AT_comp_dir) are mapped away with -ffile-prefix-map
     * for builds with -g. */
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    char *cdir = xasprintf("%s/qjsc-XXXXXX", tmpdir);
    if (!mkdtemp(cdir)) {
        fprintf(stderr, "%s: cannot create a temporary folder in %s: %s\n", progname, tmpdir, strerror(errno));
        free(cdir);
        return false;
    }
    char *csrc = xasprintf("%s/qjsc_program.c", cdir);
    char *prefix_map = xasprintf("-ffile-prefix-map=%s=.", cdir);
    char cwd[PATH_MAX];
    char *cwd_map = getcwd(cwd, sizeof cwd) ? xasprintf("-ffile-prefix-map=%s=.", cwd) : NULL;
    bool ok = write_c_source(csrc, c, sym, true, buf, len);
    int efd = -1;
    char *tmp_exe = ok ? temp_name_for(out, &efd) : NULL;
    if (ok && !tmp_exe) {
        fprintf(stderr, "%s: cannot write %s: %s\n", progname, out, strerror(errno));
        ok = false;
    }
    if (efd >= 0)
        close(efd);
    if (ok) {
        Argv a = {0}, inc = {0}, libs = {0};
        const char *cc = getenv("CC"), *cflags = getenv("CFLAGS"), *ldflags = getenv("LDFLAGS");
        argv_push_words(&a, cc && *cc ? cc : "cc");
        argv_push_words(&a, cflags ? cflags : "-O2");
        ok = add_runtime_paths(&inc, &libs);
        if (ok) {
            for (int i = 0; i < inc.n; i++)
                argv_push(&a, inc.v[i]);
            if (cwd_map)            /* first: a later map wins when both match */
                argv_push(&a, cwd_map);
            argv_push(&a, prefix_map);
            argv_push(&a, "-o");
            argv_push(&a, tmp_exe);
            argv_push(&a, csrc);
            for (int i = 0; i < libs.n; i++)
                argv_push(&a, libs.v[i]);
            argv_push_words(&a, QJSC_PIE_LDFLAGS);     /* before LDFLAGS: -pie there wins */
            argv_push_words(&a, ldflags);
            argv_push_words(&a, QJSC_EXTRA_LDFLAGS);
            argv_push_words(&a, QJSC_SYSLIBS);  /* -lm unless the engine loads it itself */
            if (verbose)
                print_command(&a);
            ok = run_command(&a);
        }
        if (ok) {
            mode_t mask = umask(0);
            umask(mask);
            chmod(tmp_exe, 0777 & ~mask);
            if (rename(tmp_exe, out) != 0) {
                fprintf(stderr, "%s: cannot write %s: %s\n", progname, out, strerror(errno));
                ok = false;
            }
        }
        for (Argv *p = &a; p; p = p == &a ? &inc : p == &inc ? &libs : NULL) {
            for (int i = 0; i < p->n; i++)
                free(p->v[i]);
            free(p->v);
        }
    }
    if (tmp_exe) {
        if (!ok)
            unlink(tmp_exe);
        free(tmp_exe);
    }
    unlink(csrc);
    rmdir(cdir);
    free(csrc);
    free(cdir);
    free(prefix_map);
    free(cwd_map);
    return ok;
}

/* ---- --inspect ---- */

/* The bytes of the first array in C source written by qjsc. Malloc'ed. */
static uint8_t *parse_c_array(const char *text, size_t *len_out)
{
    const char *p = strstr(text, "] = {");
    if (!p)
        return NULL;
    p += 5;
    size_t cap = 4096, len = 0;
    uint8_t *buf = xmalloc(cap);
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\t' || *p == ',' || *p == '\r')
            p++;
        if (*p == '}')
            break;
        char *end;
        errno = 0;
        unsigned long v = strtoul(p, &end, 0);
        if (end == p || v > 255 || errno) {
            free(buf);
            return NULL;
        }
        if (len == cap)
            buf = xrealloc(buf, cap *= 2);
        buf[len++] = (uint8_t)v;
        p = end;
    }
    *len_out = len;
    return buf;
}

static int inspect_file(QJSContext *ctx, const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "%s: cannot read %s: %s\n", progname, path, strerror(errno));
        return 1;
    }
    uint8_t *buf = (uint8_t *)text;
    QJSBytecodeHeader hdr;
    if (qjs_bytecode_header(buf, len, &hdr) < 0) {
        size_t blen;
        buf = parse_c_array(text, &blen);
        free(text);
        text = NULL;
        if (!buf) {
            fprintf(stderr, "%s: %s is neither a bytecode file nor C source written by qjsc\n", progname, path);
            return 1;
        }
        len = blen;
    }
    char *dump = qjs_inspect_bytecode(ctx, buf, len);
    if (!dump) {
        report_exception(ctx, path);
        free(buf);
        return 1;
    }
    fputs(dump, stdout);
    free(dump);
    free(buf);
    return 0;
}

/* ---- the command line ---- */

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", progname);
    fprintf(stderr, fmt, arg);
    fputs("\n", stderr);
    /* the two usage lines, then where the options are documented */
    const char *end = strstr(usage_text, "Compiles");
    fprintf(stderr, "%.*s", (int)(end - usage_text), usage_text);
    fprintf(stderr, "Run '%s --help' for the options.\n", progname);
    return 2;
}

/* A C identifier from the entry's base name: qjsc_<base without ext>. */
static char *default_symbol(const char *entry)
{
    const char *b = base_of(entry);
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    char *s = xmalloc(n + 6);
    memcpy(s, "qjsc_", 5);
    for (size_t i = 0; i < n; i++) {
        char ch = b[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
        s[5 + i] = ok ? ch : '_';
    }
    s[5 + n] = '\0';
    return s;
}

static bool valid_symbol(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *entry = NULL, *symbol = NULL, *header = NULL;
    const char *binary = NULL, *depfile = NULL, *inspect = NULL, *web = NULL, *builtins = NULL;
    bool module = true, with_main = true, dump = false, verbose = false, make_deps = false;
    int force = 0;      /* 1: executable, 2: C source */
    Compiler c = {0};
    int strip = 0;
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !strcmp(a, "-")) {
            if (entry)
                return usage_error("more than one input file (%s)", a);
            entry = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            if (i + 1 < argc && !entry)
                entry = argv[++i];
            if (i + 1 < argc)
                return usage_error("more than one input file (%s)", argv[i + 1]);
            break;
        }
        /* options with an argument */
        const char **dst = NULL;
        if (!strcmp(a, "-o"))
            dst = &out;
        else if (!strcmp(a, "-N") || !strcmp(a, "--name"))
            dst = &symbol;
        else if (!strcmp(a, "-H"))
            dst = &header;
        else if (!strcmp(a, "-b") || !strcmp(a, "--binary"))
            dst = &binary;
        else if (!strcmp(a, "-MF"))
            dst = &depfile;
        else if (!strcmp(a, "--inspect"))
            dst = &inspect;
        else if (!strcmp(a, "--web"))
            dst = &web;
        else if (!strcmp(a, "--builtins"))
            dst = &builtins;
        if (dst) {
            if (i + 1 >= argc)
                return usage_error("option %s needs an argument", a);
            *dst = argv[++i];
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            printf("qjsc %s\n", QJS_VERSION_STRING);
            return 0;
        } else if (!strcmp(a, "-e") || !strcmp(a, "--exe")) {
            force = 1;
        } else if (!strcmp(a, "-c") || !strcmp(a, "--c-source")) {
            force = 2;
        } else if (!strcmp(a, "-m") || !strcmp(a, "--module")) {
            module = true;
        } else if (!strcmp(a, "--script")) {
            module = false;
        } else if (!strcmp(a, "--no-main")) {
            with_main = false;
        } else if (!strcmp(a, "--no-compiler")) {
            c.no_compiler = true;
        } else if (!strcmp(a, "-s") || !strcmp(a, "--strip-source")) {
            if (strip < 1)
                strip = 1;
        } else if (!strcmp(a, "-ss") || !strcmp(a, "--strip-debug")) {
            strip = 2;
        } else if (!strcmp(a, "-MD")) {
            make_deps = true;
        } else if (!strcmp(a, "-d") || !strcmp(a, "--dump")) {
            dump = true;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            verbose = true;
        } else {
            return usage_error("unknown option %s", a);
        }
    }
    if (web && strcmp(web, "auto") && strcmp(web, "all"))
        return usage_error("--web takes auto or all, not '%s'", web);
    c.web_auto = web && !strcmp(web, "auto");
    if (builtins && strcmp(builtins, "auto") && strcmp(builtins, "all"))
        return usage_error("--builtins takes auto or all, not '%s'", builtins);
    c.builtins_auto = builtins && !strcmp(builtins, "auto");
    if (symbol && !valid_symbol(symbol))
        return usage_error("invalid C symbol name '%s'", symbol);
    if (inspect) {
        if (entry)
            return usage_error("--inspect takes no input file (%s)", entry);
    } else {
        if (!entry)
            return usage_error("%s", "no input file");
        if (!out && !binary && !dump)
            return usage_error("%s", "no output: give -o FILE, -b FILE or --dump");
        if (make_deps && !out && !binary)
            return usage_error("%s", "-MD needs an output file (-o or -b)");
        if (!with_main && out && force == 1)
            return usage_error("%s", "--no-main cannot build an executable");
    }
    bool exe = out && (force == 1 || (force == 0 && !ends_with(out, ".c")));
    if (!with_main && out && force == 0 && !ends_with(out, ".c"))
        exe = false;    /* --no-main: always C source */

    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = rt ? qjs_context_new(rt) : NULL;
    if (!ctx) {
        fprintf(stderr, "%s: cannot create the runtime\n", progname);
        return 1;
    }
    if (inspect) {
        int st = inspect_file(ctx, inspect);
        qjs_runtime_free(rt);
        return st;
    }

    c.ctx = ctx;
    c.module = module;
    c.entry_dir = dir_of(entry);
    c.entry_real = realpath(*c.entry_dir ? c.entry_dir : ".", NULL);
    char *entry_real = realpath(entry, NULL);
    c.fs = (QJSResolveFS){ rec_kind, rec_real_path, rec_read_package, &c, NULL };
    c.res.ctx = ctx;
    c.res.fs = &c.fs;
    QJSValue cache = qjs_new_object(ctx);
    c.res.pkg_cache = qjs_is_exception(cache) ? NULL : qjs_ref_new(ctx, cache);
    if (!c.entry_real || !entry_real || !c.res.pkg_cache) {
        fprintf(stderr, "%s: error: cannot read %s: %s\n", progname, entry, strerror(errno ? errno : ENOMEM));
        free(entry_real);
        free(c.entry_real);
        free(c.entry_dir);
        qjs_runtime_free(rt);
        return 1;
    }
    add_unit(&c, xstrdup(base_of(entry)), xstrdup(entry), entry_real);
    int status = 0;
    uint8_t *buf = NULL;
    size_t len = 0;
    QJSRef *manifest = NULL;
    if (!compile_unit(&c, 0, NULL)) {
        status = 1;
    } else {
        QJSValue m = manifest_unit(&c);
        if (qjs_is_exception(m)) {
            report_exception(ctx, "cannot write the package manifest");
            status = 1;
        } else if (!qjs_is_undefined(m)) {
            manifest = qjs_ref_new(ctx, m);
        }
    }
    if (!status) {
        /* each unit, a CommonJS module's function unit right after its
         * facade, then the manifest */
        QJSValue *vals = xmalloc(sizeof(QJSValue) * (size_t)(2 * c.count + 1));
        const char **names = xmalloc(sizeof(char *) * (size_t)(2 * c.count + 1));
        int nunits = 0;
        for (int k = 0; k < c.count; k++) {
            vals[nunits] = qjs_ref_get(c.units[k].ref);
            names[nunits++] = c.units[k].name;
            if (c.units[k].script) {
                vals[nunits] = qjs_ref_get(c.units[k].script);
                names[nunits++] = c.units[k].name;
            }
        }
        if (manifest) {
            vals[nunits] = qjs_ref_get(manifest);
            names[nunits++] = "<qjsc-manifest>";
        }
        int wflags = (strip >= 1 ? QJS_WRITE_STRIP_SOURCE : 0) | (strip >= 2 ? QJS_WRITE_STRIP_DEBUG : 0);
        buf = qjs_write_bytecode(ctx, nunits, vals, names, wflags, &len);
        free(vals);
        free(names);
        if (!buf) {
            report_exception(ctx, "cannot serialize the bytecode");
            status = 1;
        }
    }
    if (!status && dump) {
        char *text = qjs_inspect_bytecode(ctx, buf, len);
        if (!text) {
            report_exception(ctx, "cannot read back the bytecode");
            status = 1;
        } else {
            fputs(text, stdout);
            free(text);
        }
    }
    char *sym = symbol ? xstrdup(symbol) : default_symbol(entry);
    if (!status && binary && !write_whole_file(binary, buf, len))
        status = 1;
    if (!status && out) {
        bool ok = exe ? build_executable(out, &c, sym, buf, len, verbose)
                      : write_c_source(out, &c, sym, with_main, buf, len);
        if (!ok)
            status = 1;
    }
    if (!status && header && !write_c_header(header, sym))
        status = 1;
    if (!status && make_deps) {
        const char *target = out ? out : binary;
        char *dflt = depfile ? NULL : xasprintf("%s.d", target);
        if (!write_depfile(depfile ? depfile : dflt, target, &c))
            status = 1;
        free(dflt);
    }
    free(sym);
    free(buf);
    for (int k = 0; k < c.count; k++) {
        free(c.units[k].name);
        free(c.units[k].path);
        free(c.units[k].real);
        if (c.units[k].ref)
            qjs_ref_free(c.units[k].ref);
        if (c.units[k].script)
            qjs_ref_free(c.units[k].script);
    }
    for (int k = 0; k < c.npkgs; k++)
        free(c.pkgs[k]);
    for (int k = 0; k < c.nlinks; k++) {
        free(c.link_from[k]);
        free(c.link_to[k]);
    }
    free(c.pkgs);
    free(c.link_from);
    free(c.link_to);
    if (manifest)
        qjs_ref_free(manifest);
    qjs_ref_free(c.res.pkg_cache);
    free(c.units);
    free(c.entry_dir);
    free(c.entry_real);
    qjs_runtime_free(rt);
    return status;
}
