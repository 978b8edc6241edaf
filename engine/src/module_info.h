/* module_info.h: the static module record of a compiled module (the
 * fields of ECMA-262 16.2.1.6 Source Text Module Records that come from
 * the source text), hung off the module's top-level JSFunctionBytecode.
 * The compiler fills it, module.c links with it, the serializer writes
 * and reads it. All arrays are malloc'ed and owned by the bytecode cell;
 * its atoms are marked with the bytecode (bytecode.c). */
#ifndef MODULE_INFO_H
#define MODULE_INFO_H

#include <stdint.h>
#include "atom.h"

typedef struct JSModuleAttr {
    JSAtom key, value;              /* with { key: "value" } */
} JSModuleAttr;

/* [[RequestedModules]], in source order, duplicates (same specifier and
 * attributes) merged. */
typedef struct JSModuleRequest {
    JSAtom specifier;
    uint32_t attr_count;
    JSModuleAttr *attrs;
} JSModuleRequest;

/* [[ImportEntries]]. import_name JS_ATOM_NULL: a namespace import
 * (import * as local). slot: where the local binding lives in the
 * module's top-level frame, as module.c and the compiler define it. */
typedef struct JSImportEntry {
    uint32_t request;               /* index into requests */
    JSAtom import_name;
    JSAtom local_name;
    uint32_t slot;
} JSImportEntry;

enum {
    JS_EXPORT_LOCAL,    /* export_name, local_name, slot */
    JS_EXPORT_INDIRECT, /* export_name, request, import_name (JS_ATOM_NULL:
                           export * as export_name from request) */
    JS_EXPORT_STAR,     /* export * from request */
};

/* [[LocalExportEntries]], [[IndirectExportEntries]], [[StarExportEntries]]
 * in one list, each in source order within its kind. */
typedef struct JSExportEntry {
    uint8_t kind;                   /* JS_EXPORT_* */
    JSAtom export_name;             /* JS_ATOM_NULL for JS_EXPORT_STAR */
    uint32_t request;               /* INDIRECT, STAR */
    JSAtom import_name;             /* INDIRECT */
    JSAtom local_name;              /* LOCAL */
    uint32_t slot;                  /* LOCAL */
} JSExportEntry;

enum {
    JS_MODULE_HAS_TLA = 1u << 0,    /* [[HasTLA]] */
};

/* How the compiler lays out a module (compile_module.c), which module.c
 * and the serializer rely on:
 * - every module-level binding (vars, functions, let/const/class, imports,
 *   "*default*") is a closure variable of the module function; its index
 *   is the binding's slot (JSImportEntry.slot, JSExportEntry.slot);
 * - the last closure variable is a hidden binding for import.meta (its
 *   box holds the module record, then the meta object);
 * - cpool[0] of the module function is the environment initializer, a
 *   function with the same closure variables that sets vars to undefined
 *   and instantiates the hoisted functions (InitializeEnvironment);
 * - with JS_MODULE_HAS_TLA the module function is async (JS_BC_ASYNC). */
typedef struct JSModuleInfo {
    uint32_t flags;                 /* JS_MODULE_* */
    uint32_t request_count;
    JSModuleRequest *requests;
    uint32_t import_count;
    JSImportEntry *imports;
    uint32_t export_count;
    JSExportEntry *exports;
} JSModuleInfo;

/* bytecode.c: frees m and its arrays (its atoms are not owned). Never
 * collects; m may be NULL. */
void js_module_info_free(JSModuleInfo *m);

#endif
