/* resolve.h: Node-style module resolution (resolve.c) for the runtime
 * library's file loader, compiled programs and qjsc: node_modules lookup,
 * package.json "exports"/"imports" with conditions and patterns, "main",
 * self-reference, the module format of a file (ESM, CommonJS, JSON).
 * Not part of the installed header; docs/modules.md describes the rules. */
#ifndef QJS_RESOLVE_H
#define QJS_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include "qjs.h"

/* What the resolver may ask of the files it resolves in: the disk (qjs,
 * qjsc) or the modules compiled into a program (names relative to the
 * entry module's folder). */
typedef struct QJSResolveFS {
    /* 0: nothing at path, 1: a file, 2: a folder */
    int (*kind)(void *opaque, const char *path);
    /* The canonical name of an existing file (symbolic links resolved),
     * malloc'ed; NULL to keep path. */
    char *(*real_path)(void *opaque, const char *path);
    /* The text of a package.json, malloc'ed and NUL-terminated; NULL if
     * there is none. */
    char *(*read_package)(void *opaque, const char *path, size_t *len);
    void *opaque;
    /* appended to "not found" messages (NULL: nothing) */
    const char *missing_hint;
} QJSResolveFS;

/* One resolver: the files, and a JS object caching each parsed
 * package.json by path (null when absent), kept alive by the caller. */
typedef struct QJSResolver {
    QJSContext *ctx;
    const QJSResolveFS *fs;
    QJSRef *pkg_cache;
} QJSResolver;

enum { QJS_RESOLVE_IMPORT, QJS_RESOLVE_REQUIRE };
enum { QJS_FORMAT_ESM, QJS_FORMAT_CJS, QJS_FORMAT_JSON, QJS_FORMAT_BUILTIN };

/* The name of the module specifier refers to from the module named
 * referrer ("" or a name without folder: the current folder), for an
 * import or a require: "std", "os" and "module" as they are (also
 * "node:module"); otherwise a file path, symbolic links resolved, made
 * of the referrer's folder and the package data. An unresolvable
 * specifier throws an Error naming the referrer, the specifier and the
 * places searched; a Node built-in module throws "not provided".
 * Returns a malloc'ed name, or NULL with the exception pending. May
 * collect (package.json is parsed with JSON.parse). */
char *qjs_resolve(QJSResolver *r, const char *specifier, const char *referrer, int mode);
/* The format of the module named name: a built-in name, a .mjs / .cjs /
 * .json file by its extension, another file by the "type" field of the
 * nearest package.json ("module" or "commonjs"); with no "type",
 * source_hint (the file's text, or NULL) decides: a file with a static
 * import or export statement, import.meta or top-level await is ESM,
 * else CommonJS. -1 with an exception
 * pending on a bad package.json. May collect. */
int qjs_resolve_format(QJSResolver *r, const char *name, const char *source_hint);
/* True if name is a Node built-in module this runtime does not provide
 * ("fs", "node:path", ...). Touches no JS value. */
bool qjs_resolve_is_node_builtin(const char *name);
/* The folder part of a module name ("" for none, "/" for the root).
 * Malloc'ed, NULL if out of memory. */
char *qjs_resolve_dirname(const char *name);

/* The files of the real file system (absolute paths), for qjs and qjsc. */
extern const QJSResolveFS qjs_resolve_disk_fs;

#endif
