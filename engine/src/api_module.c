/* The module part of the public API (qjs.h, "Compiled code, modules and
 * serialized bytecode"): running compiled units, import requests of a
 * compiled module, the host's loader and import.meta hooks, registering
 * JSON / native / compiled modules, namespaces. Built on module.c. */
#include <stdlib.h>
#include <string.h>
#include "qjs.h"
#include "module.h"
#include "interp_int.h"

static JSFunctionBytecode *compiled_bc(QJSValue v)
{
    if (js_tag(v) != JS_TAG_CELL)
        return NULL;
    JSInternalCell *c = js_get_ptr(v);
    if (c->h.type != JS_CELL_FUNCTION_BYTECODE)
        return NULL;
    return (JSFunctionBytecode *)c;
}

/* -1 when not a compiled module. Never collects. */
int qjs_module_request_count(QJSContext *ctx, QJSValue compiled)
{
    JSFunctionBytecode *b = compiled_bc(compiled);
    if (!b || !b->module)
        return -1;
    return (int)b->module->request_count;
}

/* Specifier of request i (malloc'ed UTF-8) and its `type` attribute
 * (*type_attr, malloc'ed or NULL). NULL if out of range / not a module
 * (or out of memory, with an exception pending). May collect. */
char *qjs_module_request(QJSContext *ctx, QJSValue compiled, int i, char **type_attr)
{
    if (type_attr)
        *type_attr = NULL;
    JSFunctionBytecode *b = compiled_bc(compiled);
    if (!b || !b->module || i < 0 || (uint32_t)i >= b->module->request_count)
        return NULL;
    JSModuleRequest *r = &b->module->requests[i];
    JSValue s = js_atom_to_string(ctx, r->specifier);
    if (s == JS_EXCEPTION)
        return NULL;
    char *spec = js_string_to_utf8(ctx, s, NULL);
    if (!spec)
        return NULL;
    if (type_attr) {
        JSAtom t = js_atom_from_cstr(ctx, "type");
        for (uint32_t k = 0; k < r->attr_count; k++) {
            if (r->attrs[k].key != t)
                continue;
            JSValue v = js_atom_to_string(ctx, r->attrs[k].value);
            if (v != JS_EXCEPTION)
                *type_attr = js_string_to_utf8(ctx, v, NULL);
        }
    }
    return spec;
}

/* Runs a script unit (completion value) or a module unit (evaluation
 * promise). May run JS, collect, throw. */
QJSValue qjs_eval_compiled(QJSContext *ctx, QJSValue compiled)
{
    JSFunctionBytecode *b = compiled_bc(compiled);
    if (js_is_module_record(compiled) || (b && b->module))
        return js_module_run(ctx, compiled);
    if (!b)
        return js_throw_type_error(ctx, "not a compiled unit");
    JSRoot rb;
    js_root_push(ctx, &rb, compiled);
    JSValue fn = js_make_closure(ctx, b, NULL, NULL);
    JSValue r = JS_EXCEPTION;
    if (fn != JS_EXCEPTION) {
        JSRoot rf;
        js_root_push(ctx, &rf, fn);
        r = js_call_internal(ctx, rf.v, js_obj_value(ctx->global_this), 0, NULL, JS_UNDEFINED, false);
        js_root_pop(ctx, &rf);
    }
    js_root_pop(ctx, &rb);
    return r;
}

/* Installs the host's module loader. Never collects. */
void qjs_set_module_loader(QJSRuntime *rt, QJSModuleNormalize *normalize, QJSModuleLoad *load, void *opaque)
{
    js_module_set_loader(rt, (JSModuleNormalizeFn *)normalize, (JSModuleLoadFn *)load, opaque);
}

/* 0, or -1 with an exception (not a module, name taken). May collect. */
int qjs_register_module(QJSContext *ctx, const char *name, QJSValue module)
{
    JSAtom a = js_atom_from_cstr(ctx, name);
    if (a == JS_ATOM_NULL)
        return -1;
    JSRoot ra, rv;
    js_root_push_atom(ctx, &ra, a);
    js_root_push(ctx, &rv, module);
    int r = js_module_register(ctx, a, module);
    js_root_pop(ctx, &rv);
    js_root_pop(ctx, &ra);
    return r;
}

/* A JSON module record; exception on bad JSON. May collect. */
QJSValue qjs_new_json_module(QJSContext *ctx, const char *name, const char *json, size_t len)
{
    JSAtom a = js_atom_from_cstr(ctx, name ? name : "<json>");
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    return js_module_new_json(ctx, a, json, len);
}

/* A native module record with the given exports. May collect. */
QJSValue qjs_new_native_module(QJSContext *ctx, const char *name, const char *const *export_names, int count,
                               QJSModuleInit *init)
{
    if (count < 0)
        count = 0;
    JSAtom *atoms = calloc(count ? count : 1, sizeof(JSAtom));
    JSRoot *roots = calloc(count ? count : 1, sizeof(JSRoot));
    if (!atoms || !roots) {
        free(atoms);
        free(roots);
        return js_throw_out_of_memory(ctx);
    }
    JSValue ret = JS_EXCEPTION;
    int pushed = 0;
    JSAtom na = js_atom_from_cstr(ctx, name ? name : "<native>");
    JSRoot rn;
    js_root_push_atom(ctx, &rn, na);
    if (na != JS_ATOM_NULL) {
        for (; pushed < count; pushed++) {
            atoms[pushed] = js_atom_from_cstr(ctx, export_names[pushed]);
            if (atoms[pushed] == JS_ATOM_NULL)
                break;
            js_root_push_atom(ctx, &roots[pushed], atoms[pushed]);
        }
        if (pushed == count)
            ret = js_module_new_native(ctx, na, atoms, count, (JSModuleInitFn *)init);
    }
    while (pushed > 0)
        js_root_pop(ctx, &roots[--pushed]);
    js_root_pop(ctx, &rn);
    free(atoms);
    free(roots);
    return ret;
}

/* Sets an export of a native module (from its init). 0 or -1. */
int qjs_module_set_export(QJSContext *ctx, QJSValue module, const char *export_name, QJSValue val)
{
    JSRoot rv;
    js_root_push(ctx, &rv, val);
    JSAtom a = js_atom_from_cstr(ctx, export_name);
    int r = a == JS_ATOM_NULL ? -1 : js_module_set_export(ctx, module, a, rv.v);
    js_root_pop(ctx, &rv);
    return r;
}

/* The namespace of a registered, evaluated module. May collect. */
QJSValue qjs_module_namespace(QJSContext *ctx, const char *name)
{
    JSAtom a = js_atom_from_cstr(ctx, name);
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    return js_module_namespace_of(ctx, a);
}

/* Installs (or with NULL removes) the import.meta hook. Never collects. */
void qjs_set_import_meta_hook(QJSRuntime *rt, QJSImportMetaHook *fn, void *opaque)
{
    js_module_set_import_meta_hook(rt, (JSImportMetaFn *)fn, opaque);
}
