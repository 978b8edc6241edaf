/* cjs.h: CommonJS support of the runtime library (cjs.c, cjs_scan.c):
 * the static scan of a source text (named exports of a CommonJS module,
 * literal require()/import() specifiers, ES module syntax), the facade
 * ES module through which `import` sees a CommonJS module, and the
 * require() machinery. Not part of the installed header. */
#ifndef QJS_CJS_H
#define QJS_CJS_H

#include <stdbool.h>
#include <stddef.h>
#include "qjs.h"
#include "resolve.h"

/* What a scan of a source text found; each list malloc'ed strings. */
typedef struct QJSCjsScan {
    char **exports;     /* exports.x = / module.exports = { x } / defineProperty(exports, "x") */
    int nexports;
    char **reexports;   /* module.exports = require("m"), ...require("m"), __exportStar(require("m")) */
    int nreexports;
    char **requires;    /* require("m") with a string literal */
    int nrequires;
    char **imports;     /* import("m") with a string literal */
    int nimports;
    char **workers;     /* Worker("m") with a string literal (new os.Worker) */
    int nworkers;
    bool module_syntax; /* a top-level import or export statement, import.meta, top-level await */
} QJSCjsScan;

/* Scans src[0..len). Returns 0, or -1 if out of memory. Touches no JS
 * value. */
int qjs_cjs_scan(const char *src, size_t len, QJSCjsScan *out);
void qjs_cjs_scan_free(QJSCjsScan *s);
/* True if the NUL-terminated src has ES module syntax (see above). */
bool qjs_cjs_has_module_syntax(const char *src);

/* The source of the ES module standing for the CommonJS module name:
 * its default export is module.exports, and each of names[0..n) (other
 * than "default") is exported with the value module.exports[name] has
 * once the module has run. Malloc'ed; NULL if out of memory. */
char *qjs_cjs_facade_source(const char *name, char *const *names, int n, size_t *len);

/* The text of the script whose value is the function of the CommonJS
 * module src: "(function (exports, require, module, __filename,
 * __dirname) {" src "\n})", on one line with src's first line so that
 * line numbers stay right (a "#!" line is commented out). Malloc'ed;
 * NULL if out of memory. */
char *qjs_cjs_wrapper_source(const char *src, size_t len, size_t *out_len);

/* The named exports of the CommonJS module at name (source src): the
 * names its scan finds, plus those of the modules it re-exports
 * (resolved with require rules from name and scanned in turn, read with
 * read_source, which returns a malloc'ed text or NULL). On success 0 and
 * *names / *n (malloc'ed list of malloc'ed strings); -1 with an
 * exception pending. May collect. */
int qjs_cjs_export_names(QJSResolver *r, const char *name, const char *src,
                         char *(*read_source)(void *opaque, const char *name), void *opaque,
                         char ***names, int *n);

/* The name of the internal module the facades import. */
#define QJS_CJS_INTERNAL_MODULE "qjs:cjs"

#endif
