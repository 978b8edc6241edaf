/* Module records (ECMA-262 16.2.1): source text modules compiled to a
 * JSFunctionBytecode with a JSModuleInfo, synthetic modules (JSON, native
 * host modules), the per-realm module map, loading through the host
 * hooks, Link, Evaluate (cyclic module algorithm with top-level await),
 * module namespace exotic objects, import.meta and dynamic import(). */
#ifndef MODULE_H
#define MODULE_H

#include "bytecode.h"
#include "module_info.h"

typedef struct JSModule JSModule;

/* Host hooks (same signatures as qjs.h's QJSModuleNormalize, QJSModuleLoad
 * and QJSImportMetaHook; QJSValue is JSValue). */
typedef char *JSModuleNormalizeFn(JSContext *ctx, const char *base, const char *specifier, void *opaque);
typedef JSValue JSModuleLoadFn(JSContext *ctx, const char *name, const char *type_attr, void *opaque);
typedef int JSImportMetaFn(JSContext *ctx, JSValue meta, const char *module_name, void *opaque);
void js_module_set_loader(JSRuntime *rt, JSModuleNormalizeFn *normalize, JSModuleLoadFn *load, void *opaque);
void js_module_set_import_meta_hook(JSRuntime *rt, JSImportMetaFn *fn, void *opaque);

/* True if v is a module record cell (JSON / native modules as the API
 * hands them out, or a registered source module). Never collects. */
bool js_is_module_record(JSValue v);
/* The module record of a value: a module record cell, or a compiled
 * module (bytecode cell with b->module), for which a record is made. NULL
 * after throwing TypeError. May collect. */
JSModule *js_module_from_value(JSContext *ctx, JSValue v);

/* Registers m in ctx's module map under name (replacing nothing: -1 with
 * a TypeError if the name is taken by another module). May collect. */
int js_module_register(JSContext *ctx, JSAtom name, JSValue module);
/* The module of that name in ctx's map, or NULL. Never collects. */
JSModule *js_module_find(JSContext *ctx, JSAtom name);

/* Compiles UTF-8 source as a module named filename: a bytecode cell value
 * (b->module set), or JS_EXCEPTION (SyntaxError). May collect. */
JSValue js_module_compile(JSContext *ctx, const char *src, size_t len, const char *filename);
/* The same, passing every function's disassembly to the dump hook when
 * dump is true (JS_EVAL_DUMP_BYTECODE). */
JSValue js_module_compile_ex(JSContext *ctx, const char *src, size_t len, const char *filename, bool dump);
/* Registers (under its filename if not yet), loads the graph, links and
 * evaluates a compiled module or module record; returns the evaluation
 * promise, or JS_EXCEPTION for load and link errors. May run JS. */
JSValue js_module_run(JSContext *ctx, JSValue module);

/* Synthetic modules. json: default export JSON.parse(text). Both return a
 * module record cell value or JS_EXCEPTION. May collect. */
JSValue js_module_new_json(JSContext *ctx, JSAtom name, const char *json, size_t len);
typedef int JSModuleInitFn(JSContext *ctx, JSValue module);
JSValue js_module_new_native(JSContext *ctx, JSAtom name, const JSAtom *exports, int count, JSModuleInitFn *init);
/* SetSyntheticModuleExport: -1 with ReferenceError if module has no such
 * export. Never runs JS. */
int js_module_set_export(JSContext *ctx, JSValue module, JSAtom name, JSValue val);
/* The namespace object of a registered module that was evaluated without
 * error; JS_EXCEPTION (TypeError / the evaluation error) otherwise. */
JSValue js_module_namespace_of(JSContext *ctx, JSAtom name);

/* OP_import_meta: the meta object of the module whose hidden environment
 * box is box (created, with the host hook run, on first use). May run JS
 * (the hook), collect, throw. */
JSValue js_module_import_meta(JSContext *ctx, JSVarRef *box);
/* OP_import_call: import(specifier, options) from code whose script or
 * module is named referrer. Returns a promise (load, link and evaluation
 * errors reject it); JS_EXCEPTION only on out-of-memory. May run JS. */
JSValue js_module_dynamic_import(JSContext *ctx, JSAtom referrer, JSValue specifier, JSValue options);

#endif
