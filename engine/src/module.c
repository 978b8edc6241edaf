/* Module records and their algorithms (ECMA-262 16.2.1): the JSModule
 * cell (source text modules over a compiled JSModuleInfo, synthetic JSON
 * and native modules), the realm's module map, loading through the host
 * hooks, Link / InitializeEnvironment / ResolveExport, Evaluate with the
 * asynchronous cyclic module algorithm, namespace objects (10.4.6). */
#include <stdlib.h>
#include <string.h>
#include "module.h"
#include "interp_int.h"
#include "builtins/promise.h"
#include "compiler/parser.h"
#include "builtins/builtins.h"
#include "job.h"

enum { MOD_SOURCE, MOD_SYNTHETIC };
enum {
    ST_UNLINKED, ST_LINKING, ST_LINKED, ST_EVALUATING,
    ST_EVALUATING_ASYNC, ST_EVALUATED,
};

struct JSModule {
    JSInternalCell hdr;
    JSContext *realm;
    JSModule *next;             /* the realm's module map (a list) */
    JSAtom name;
    uint8_t kind, status;
    bool loaded;                /* requested modules all loaded */
    bool has_tla, async_evaluation, has_error, evaluated_synthetic;
    JSFunctionBytecode *b;      /* MOD_SOURCE */
    uint32_t nenv;
    JSVarRef **env;             /* bindings: the module function's closure
                                   variables; synthetic: one per export */
    JSModule **req;             /* resolved [[RequestedModules]] */
    uint32_t nreq;
    /* synthetic */
    JSAtom *export_names;
    JSModuleInitFn *init;
    /* runtime */
    JSValue func;               /* the module function once linked */
    JSValue ns;                 /* namespace object or undefined */
    JSVarRef *ns_box;           /* a box holding ns (namespace bindings) */
    JSValue eval_error;
    JSValue top_promise;        /* [[TopLevelCapability]] or undefined */
    int32_t dfs_index, dfs_anc;
    JSModule *cycle_root;
    uint64_t async_order;
    uint32_t pending_deps;
    JSModule **parents;         /* [[AsyncParentModules]] */
    uint32_t nparents, cap_parents;
};

/* Namespace exotic objects (class MODULE_NS). */
typedef struct JSModuleNS {
    JSObject base;
    JSModule *m;
    uint32_t count;
    JSAtom *names;              /* sorted export names */
    JSModule **targets;         /* resolution: module and slot (-1: its namespace) */
    int32_t *slots;
} JSModuleNS;

static uint64_t async_counter = 1;

static void mod_trace(JSRuntime *rt, JSInternalCell *c)
{
    JSModule *m = (JSModule *)c;
    if (m->next)
        js_gc_mark_cell(rt, m->next);
    js_gc_mark_atom(rt, m->name);
    if (m->b)
        js_gc_mark_cell(rt, m->b);
    for (uint32_t i = 0; i < m->nenv; i++)
        if (m->env[i])
            js_gc_mark_cell(rt, m->env[i]);
    for (uint32_t i = 0; i < m->nreq; i++)
        if (m->req[i])
            js_gc_mark_cell(rt, m->req[i]);
    if (m->export_names)
        for (uint32_t i = 0; i < m->nenv; i++)
            js_gc_mark_atom(rt, m->export_names[i]);
    js_gc_mark_value(rt, m->func);
    js_gc_mark_value(rt, m->ns);
    if (m->ns_box)
        js_gc_mark_cell(rt, m->ns_box);
    js_gc_mark_value(rt, m->eval_error);
    js_gc_mark_value(rt, m->top_promise);
    if (m->cycle_root)
        js_gc_mark_cell(rt, m->cycle_root);
    for (uint32_t i = 0; i < m->nparents; i++)
        js_gc_mark_cell(rt, m->parents[i]);
}

static void mod_finalize(JSRuntime *rt, JSInternalCell *c)
{
    JSModule *m = (JSModule *)c;
    free(m->env);
    free(m->req);
    free(m->export_names);
    free(m->parents);
}

bool js_is_module_record(JSValue v)
{
    if (js_tag(v) != JS_TAG_CELL)
        return false;
    JSInternalCell *c = js_get_ptr(v);
    return c->h.type == JS_CELL_INTERNAL && c->trace == mod_trace;
}

static JSValue mod_value(JSModule *m) { return js_mkptr(JS_TAG_CELL, m); }

static JSModule *mod_alloc(JSContext *ctx, JSAtom name, int kind)
{
    JSModule *m = js_gc_alloc(ctx, JS_CELL_INTERNAL, sizeof *m);
    if (!m)
        return NULL;
    m->hdr.trace = mod_trace;
    m->hdr.finalize = mod_finalize;
    m->realm = ctx;
    m->name = name;
    m->kind = (uint8_t)kind;
    m->status = ST_UNLINKED;
    m->func = JS_UNDEFINED;
    m->ns = JS_UNDEFINED;
    m->eval_error = JS_UNDEFINED;
    m->top_promise = JS_UNDEFINED;
    return m;
}

static JSVarRef *new_box(JSContext *ctx, JSValue v)
{
    JSVarRef *box = js_value_array_new(ctx, 1);
    if (box)
        box->values[0] = v;
    return box;
}

/* A record for compiled module b named name. May collect. */
static JSModule *mod_new_source(JSContext *ctx, JSFunctionBytecode *b, JSAtom name)
{
    JSRoot rb, rn, rm;
    js_root_push(ctx, &rb, js_mkptr(JS_TAG_CELL, b));
    js_root_push_atom(ctx, &rn, name);
    js_root_push(ctx, &rm, JS_UNDEFINED);
    JSModule *m = mod_alloc(ctx, name, MOD_SOURCE);
    if (!m)
        goto fail;
    rm.v = mod_value(m);
    m->b = b;
    JSModuleInfo *mi = b->module;
    m->has_tla = (mi->flags & JS_MODULE_HAS_TLA) != 0;
    m->nenv = b->capture_count;
    m->env = calloc(m->nenv ? m->nenv : 1, sizeof(JSVarRef *));
    m->nreq = mi->request_count;
    m->req = calloc(m->nreq ? m->nreq : 1, sizeof(JSModule *));
    if (!m->env || !m->req) {
        js_throw_out_of_memory(ctx);
        goto fail;
    }
    for (uint32_t i = 0; i < m->nenv; i++) {
        bool named_import = false;
        for (uint32_t j = 0; j < mi->import_count; j++)
            if (mi->imports[j].slot == i && mi->imports[j].import_name != JS_ATOM_NULL)
                named_import = true;
        if (named_import)
            continue;
        JSVarRef *box = new_box(ctx, JS_UNINITIALIZED);
        if (!box)
            goto fail;
        m->env[i] = box;
    }
    if (m->nenv)    /* the last slot is the hidden import.meta binding */
        m->env[m->nenv - 1]->values[0] = mod_value(m);
    js_root_pop(ctx, &rm);
    js_root_pop(ctx, &rn);
    js_root_pop(ctx, &rb);
    return m;
fail:
    js_root_pop(ctx, &rm);
    js_root_pop(ctx, &rn);
    js_root_pop(ctx, &rb);
    return NULL;
}

JSModule *js_module_find(JSContext *ctx, JSAtom name)
{
    if (js_tag(ctx->module_map) != JS_TAG_CELL)
        return NULL;
    for (JSModule *m = js_get_ptr(ctx->module_map); m; m = m->next)
        if (m->name == name)
            return m;
    return NULL;
}

static void map_add(JSContext *ctx, JSModule *m)
{
    m->next = js_tag(ctx->module_map) == JS_TAG_CELL ? js_get_ptr(ctx->module_map) : NULL;
    ctx->module_map = mod_value(m);
}

JSModule *js_module_from_value(JSContext *ctx, JSValue v)
{
    if (js_is_module_record(v))
        return js_get_ptr(v);
    if (js_tag(v) == JS_TAG_CELL) {
        JSInternalCell *c = js_get_ptr(v);
        if (c->h.type == JS_CELL_FUNCTION_BYTECODE && ((JSFunctionBytecode *)c)->module) {
            JSFunctionBytecode *b = (JSFunctionBytecode *)c;
            if (js_tag(ctx->module_map) == JS_TAG_CELL)
                for (JSModule *m = js_get_ptr(ctx->module_map); m; m = m->next)
                    if (m->b == b)
                        return m;
            JSModule *m = mod_new_source(ctx, b, b->filename);
            if (m)
                map_add(ctx, m);
            return m;
        }
    }
    js_throw_type_error(ctx, "not a module");
    return NULL;
}

int js_module_register(JSContext *ctx, JSAtom name, JSValue v)
{
    JSModule *old = js_module_find(ctx, name);
    if (js_is_module_record(v)) {
        JSModule *m = js_get_ptr(v);
        if (old == m)
            return 0;
        if (old) {
            js_throw_type_error(ctx, "a module of this name is already registered");
            return -1;
        }
        if (m->next || (js_tag(ctx->module_map) == JS_TAG_CELL && js_get_ptr(ctx->module_map) == m)) {
            js_throw_type_error(ctx, "module already registered");
            return -1;
        }
        m->name = name;
        map_add(ctx, m);
        return 0;
    }
    if (js_tag(v) == JS_TAG_CELL) {
        JSInternalCell *c = js_get_ptr(v);
        if (c->h.type == JS_CELL_FUNCTION_BYTECODE && ((JSFunctionBytecode *)c)->module) {
            if (old) {
                if (old->b == (JSFunctionBytecode *)c)
                    return 0;
                js_throw_type_error(ctx, "a module of this name is already registered");
                return -1;
            }
            JSModule *m = mod_new_source(ctx, (JSFunctionBytecode *)c, name);
            if (!m)
                return -1;
            map_add(ctx, m);
            return 0;
        }
    }
    js_throw_type_error(ctx, "not a module");
    return -1;
}

/* ---- loading ---- */

void js_module_set_loader(JSRuntime *rt, JSModuleNormalizeFn *normalize, JSModuleLoadFn *load, void *opaque)
{
    rt->module_normalize = (void *)normalize;
    rt->module_load = (void *)load;
    rt->module_opaque = opaque;
}

void js_module_set_import_meta_hook(JSRuntime *rt, JSImportMetaFn *fn, void *opaque)
{
    rt->import_meta_hook = (void *)fn;
    rt->import_meta_opaque = opaque;
}

static char *atom_cstr(JSContext *ctx, JSAtom a)
{
    JSValue s = js_atom_to_string(ctx, a);
    if (s == JS_EXCEPTION)
        return NULL;
    return js_string_to_utf8(ctx, s, NULL);
}

/* HostLoadImportedModule (synchronous): the module for specifier imported
 * from the script or module named base. May run JS (host hooks). */
static JSModule *host_load(JSContext *ctx, JSAtom base, JSAtom spec, JSAtom type)
{
    JSRuntime *rt = ctx->rt;
    char *base_c = atom_cstr(ctx, base);
    char *spec_c = atom_cstr(ctx, spec);
    char *type_c = type ? atom_cstr(ctx, type) : NULL;
    char *name_c = NULL;
    JSModule *m = NULL;
    if (!base_c || !spec_c || (type && !type_c))
        goto done;
    if (rt->module_normalize) {
        name_c = ((JSModuleNormalizeFn *)rt->module_normalize)(ctx, base_c, spec_c, rt->module_opaque);
        if (!name_c) {
            if (!js_has_exception(ctx))
                js_throw_type_error(ctx, "cannot resolve module '%s' from '%s'", spec_c, base_c);
            goto done;
        }
    } else {
        name_c = strdup(spec_c);
        if (!name_c) {
            js_throw_out_of_memory(ctx);
            goto done;
        }
    }
    /* the module map is keyed by name and type attribute */
    JSAtom name;
    if (type_c) {
        size_t nl = strlen(name_c), tl = strlen(type_c);
        char *key = malloc(nl + tl + 2);
        if (!key) {
            js_throw_out_of_memory(ctx);
            goto done;
        }
        memcpy(key, name_c, nl);
        key[nl] = '\x01';
        memcpy(key + nl + 1, type_c, tl + 1);
        name = js_atom_from_cstr(ctx, key);
        free(key);
    } else {
        name = js_atom_from_cstr(ctx, name_c);
    }
    if (name == JS_ATOM_NULL)
        goto done;
    JSRoot rn;
    js_root_push_atom(ctx, &rn, name);
    m = js_module_find(ctx, name);
    if (!m) {
        if (!rt->module_load) {
            js_throw_type_error(ctx, "module '%s' not found", name_c);
        } else {
            JSValue v = ((JSModuleLoadFn *)rt->module_load)(ctx, name_c, type_c, rt->module_opaque);
            if (v != JS_EXCEPTION) {
                JSRoot rv;
                js_root_push(ctx, &rv, v);
                m = js_module_find(ctx, name);     /* the hook may register it */
                if (!m && js_module_register(ctx, name, v) == 0)
                    m = js_module_find(ctx, name);
                js_root_pop(ctx, &rv);
            }
        }
    }
    js_root_pop(ctx, &rn);
done:
    free(base_c);
    free(spec_c);
    free(type_c);
    free(name_c);
    return m;
}

/* The atom "type" (the one supported import attribute key). */
static JSAtom atom_type(JSContext *ctx)
{
    return js_atom_from_cstr(ctx, "type");
}

static JSAtom request_type(JSContext *ctx, const JSModuleRequest *r)
{
    JSAtom t = atom_type(ctx);
    for (uint32_t i = 0; i < r->attr_count; i++)
        if (r->attrs[i].key == t)
            return r->attrs[i].value;
    return JS_ATOM_NULL;
}

/* LoadRequestedModules, synchronously: every module of the graph. */
static int load_graph(JSContext *ctx, JSModule *m)
{
    if (m->kind != MOD_SOURCE || m->loaded)
        return 0;
    JSModuleInfo *mi = m->b->module;
    m->loaded = true;
    JSRoot rm;
    js_root_push(ctx, &rm, mod_value(m));
    int ret = 0;
    for (uint32_t i = 0; i < m->nreq; i++) {
        if (m->req[i])
            continue;
        const JSModuleRequest *r = &mi->requests[i];
        for (uint32_t j = 0; j < r->attr_count; j++) {
            if (r->attrs[j].key != atom_type(ctx)) {
                js_throw_syntax_error(ctx, "unsupported import attribute");
                ret = -1;
                goto out;
            }
        }
        JSModule *d = host_load(ctx, m->name, r->specifier, request_type(ctx, r));
        if (!d) {
            ret = -1;
            goto out;
        }
        m->req[i] = d;
    }
    for (uint32_t i = 0; i < m->nreq; i++) {
        if (load_graph(ctx, m->req[i]) < 0) {
            ret = -1;
            goto out;
        }
    }
out:
    if (ret < 0)
        m->loaded = false;
    js_root_pop(ctx, &rm);
    return ret;
}

/* ---- ResolveExport ---- */

typedef struct Resolution {
    JSModule *m;
    int32_t slot;               /* -1: the namespace of m */
} Resolution;

enum { RES_NULL = 0, RES_FOUND = 1, RES_AMBIGUOUS = 2 };

typedef struct ResolveSet {
    JSModule **mods;
    JSAtom *names;
    uint32_t n, cap;
} ResolveSet;

static int resolve_export(JSModule *m, JSAtom name, ResolveSet *set, Resolution *out);

static int resolve_export_synthetic(JSModule *m, JSAtom name, Resolution *out)
{
    for (uint32_t i = 0; i < m->nenv; i++)
        if (m->export_names[i] == name) {
            out->m = m;
            out->slot = (int32_t)i;
            return RES_FOUND;
        }
    return RES_NULL;
}

static int resolve_export(JSModule *m, JSAtom name, ResolveSet *set, Resolution *out)
{
    if (m->kind == MOD_SYNTHETIC)
        return resolve_export_synthetic(m, name, out);
    for (uint32_t i = 0; i < set->n; i++)
        if (set->mods[i] == m && set->names[i] == name)
            return RES_NULL;    /* circular import request */
    if (set->n == set->cap) {
        uint32_t nc = set->cap ? set->cap * 2 : 16;
        JSModule **nm = realloc(set->mods, nc * sizeof *nm);
        if (nm)
            set->mods = nm;
        JSAtom *nn = realloc(set->names, nc * sizeof *nn);
        if (nn)
            set->names = nn;
        if (!nm || !nn)
            return RES_NULL;
        set->cap = nc;
    }
    set->mods[set->n] = m;
    set->names[set->n] = name;
    set->n++;
    JSModuleInfo *mi = m->b->module;
    for (uint32_t i = 0; i < mi->export_count; i++) {
        JSExportEntry *e = &mi->exports[i];
        if (e->kind == JS_EXPORT_LOCAL && e->export_name == name) {
            out->m = m;
            out->slot = (int32_t)e->slot;
            return RES_FOUND;
        }
    }
    for (uint32_t i = 0; i < mi->export_count; i++) {
        JSExportEntry *e = &mi->exports[i];
        if (e->kind == JS_EXPORT_INDIRECT && e->export_name == name) {
            JSModule *im = m->req[e->request];
            if (!im)
                return RES_NULL;
            if (e->import_name == JS_ATOM_NULL) {
                out->m = im;
                out->slot = -1;
                return RES_FOUND;
            }
            return resolve_export(im, e->import_name, set, out);
        }
    }
    if (name == JS_ATOM_default)
        return RES_NULL;
    bool have = false;
    Resolution star = { NULL, 0 };
    for (uint32_t i = 0; i < mi->export_count; i++) {
        JSExportEntry *e = &mi->exports[i];
        if (e->kind != JS_EXPORT_STAR)
            continue;
        JSModule *im = m->req[e->request];
        if (!im)
            continue;
        Resolution r;
        int k = resolve_export(im, name, set, &r);
        if (k == RES_AMBIGUOUS)
            return k;
        if (k == RES_FOUND) {
            if (!have) {
                star = r;
                have = true;
            } else if (star.m != r.m || star.slot != r.slot) {
                return RES_AMBIGUOUS;
            }
        }
    }
    if (have) {
        *out = star;
        return RES_FOUND;
    }
    return RES_NULL;
}

static int js_resolve(JSModule *m, JSAtom name, Resolution *out)
{
    ResolveSet set = { NULL, NULL, 0, 0 };
    int k = resolve_export(m, name, &set, out);
    free(set.mods);
    free(set.names);
    return k;
}

/* ---- GetExportedNames ---- */

typedef struct AtomList {
    JSAtom *v;
    uint32_t n, cap;
    bool oom;
} AtomList;

static void al_push(AtomList *l, JSAtom a)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i] == a)
            return;
    if (l->n == l->cap) {
        uint32_t nc = l->cap ? l->cap * 2 : 16;
        JSAtom *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) {
            l->oom = true;
            return;
        }
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = a;
}

static void exported_names(JSModule *m, JSModule ***visited, uint32_t *nvisited, AtomList *out)
{
    if (m->kind == MOD_SYNTHETIC) {
        for (uint32_t i = 0; i < m->nenv; i++)
            al_push(out, m->export_names[i]);
        return;
    }
    for (uint32_t i = 0; i < *nvisited; i++)
        if ((*visited)[i] == m)
            return;
    JSModule **nv = realloc(*visited, (*nvisited + 1) * sizeof *nv);
    if (!nv) {
        out->oom = true;
        return;
    }
    *visited = nv;
    nv[(*nvisited)++] = m;
    JSModuleInfo *mi = m->b->module;
    for (uint32_t i = 0; i < mi->export_count; i++)
        if (mi->exports[i].kind != JS_EXPORT_STAR)
            al_push(out, mi->exports[i].export_name);
    for (uint32_t i = 0; i < mi->export_count; i++) {
        if (mi->exports[i].kind != JS_EXPORT_STAR || !m->req[mi->exports[i].request])
            continue;
        AtomList star = { NULL, 0, 0, false };
        exported_names(m->req[mi->exports[i].request], visited, nvisited, &star);
        for (uint32_t j = 0; j < star.n; j++)
            if (star.v[j] != JS_ATOM_default)
                al_push(out, star.v[j]);
        if (star.oom)
            out->oom = true;
        free(star.v);
    }
}

/* ---- namespace objects ---- */

static JSValue get_namespace(JSContext *ctx, JSModule *m);

static JSVarRef *resolution_box(JSContext *ctx, const Resolution *r)
{
    if (r->slot >= 0)
        return r->m->env[r->slot];
    if (get_namespace(ctx, r->m) == JS_EXCEPTION)
        return NULL;
    return r->m->ns_box;
}

static int ns_find(JSModuleNS *ns, JSAtom prop)
{
    uint32_t lo = 0, hi = ns->count;
    /* names are sorted by code units, not atoms: linear search */
    (void)lo;
    (void)hi;
    for (uint32_t i = 0; i < ns->count; i++)
        if (ns->names[i] == prop)
            return (int)i;
    return -1;
}

/* The value of export i; JS_EXCEPTION (ReferenceError) in its TDZ. */
static JSValue ns_value(JSContext *ctx, JSModuleNS *ns, int i)
{
    JSVarRef *box;
    if (ns->slots[i] >= 0) {
        box = ns->targets[i]->env[ns->slots[i]];
    } else {
        Resolution r = { ns->targets[i], -1 };
        box = resolution_box(ctx, &r);
        if (!box)
            return JS_EXCEPTION;
    }
    if (!box || box->values[0] == JS_UNINITIALIZED)
        return js_throw_tdz(ctx, ns->names[i]);
    return box->values[0];
}

static bool is_sym(JSContext *ctx, JSAtom a) { return js_atom_is_symbol(ctx->rt, a); }

static JSValue ns_get_prototype_of(JSContext *ctx, JSObject *obj) { return JS_NULL; }

static int ns_set_prototype_of(JSContext *ctx, JSObject *obj, JSValue proto, int flags)
{
    if (proto == JS_NULL)
        return 1;
    if (flags & JS_THROW) {
        js_throw_type_error(ctx, "cannot set the prototype of a module namespace object");
        return -1;
    }
    return 0;
}

static int ns_is_extensible(JSContext *ctx, JSObject *obj) { return 0; }
static int ns_prevent_extensions(JSContext *ctx, JSObject *obj, int flags) { return 1; }

static int ns_get_own_property(JSContext *ctx, JSObject *obj, JSAtom prop, JSPropertyDescriptor *desc)
{
    if (is_sym(ctx, prop))
        return js_ordinary_get_own_property(ctx, obj, prop, desc);
    JSModuleNS *ns = (JSModuleNS *)obj;
    int i = ns_find(ns, prop);
    if (i < 0)
        return 0;
    JSValue v = ns_value(ctx, ns, i);
    if (v == JS_EXCEPTION)
        return -1;
    if (desc) {
        desc->flags = JS_PROP_WRITABLE | JS_PROP_ENUMERABLE | JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE |
                      JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
        desc->value = v;
        desc->getter = JS_UNDEFINED;
        desc->setter = JS_UNDEFINED;
    }
    return 1;
}

static int ns_reject(JSContext *ctx, int flags)
{
    if (flags & JS_THROW) {
        js_throw_type_error(ctx, "module namespace objects are immutable");
        return -1;
    }
    return 0;
}

static int ns_define_own_property(JSContext *ctx, JSObject *obj, JSAtom prop, const JSPropertyDescriptor *desc,
                                  int flags)
{
    if (is_sym(ctx, prop))
        return js_ordinary_define_own_property(ctx, obj, prop, desc, flags);
    JSPropertyDescriptor cur;
    int r = ns_get_own_property(ctx, obj, prop, &cur);
    if (r <= 0)
        return r < 0 ? -1 : ns_reject(ctx, flags);
    uint32_t f = desc->flags;
    if ((f & JS_DESC_HAS_CONFIGURABLE) && (f & JS_PROP_CONFIGURABLE))
        return ns_reject(ctx, flags);
    if ((f & JS_DESC_HAS_ENUMERABLE) && !(f & JS_PROP_ENUMERABLE))
        return ns_reject(ctx, flags);
    if (f & (JS_DESC_HAS_GET | JS_DESC_HAS_SET))
        return ns_reject(ctx, flags);
    if ((f & JS_DESC_HAS_WRITABLE) && !(f & JS_PROP_WRITABLE))
        return ns_reject(ctx, flags);
    if ((f & JS_DESC_HAS_VALUE) && !js_same_value(ctx, desc->value, cur.value))
        return ns_reject(ctx, flags);
    return 1;
}

static int ns_has_property(JSContext *ctx, JSObject *obj, JSAtom prop)
{
    if (is_sym(ctx, prop))
        return js_ordinary_get_own_property(ctx, obj, prop, NULL);
    return ns_find((JSModuleNS *)obj, prop) >= 0;
}

static JSValue ns_get(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue receiver)
{
    if (is_sym(ctx, prop))
        return js_ordinary_get(ctx, obj, prop, receiver);
    JSModuleNS *ns = (JSModuleNS *)obj;
    int i = ns_find(ns, prop);
    if (i < 0)
        return JS_UNDEFINED;
    return ns_value(ctx, ns, i);
}

static int ns_set(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue val, JSValue receiver, int flags)
{
    return ns_reject(ctx, flags);
}

static int ns_delete_property(JSContext *ctx, JSObject *obj, JSAtom prop, int flags)
{
    if (is_sym(ctx, prop))
        return js_ordinary_delete(ctx, obj, prop, flags);
    if (ns_find((JSModuleNS *)obj, prop) >= 0)
        return ns_reject(ctx, flags);
    return 1;
}

static JSValueArray *ns_own_property_keys(JSContext *ctx, JSObject *obj)
{
    JSModuleNS *ns = (JSModuleNS *)obj;
    JSValueArray *syms = js_ordinary_own_property_keys(ctx, obj);
    if (!syms)
        return NULL;
    JSRoot rs;
    js_root_push(ctx, &rs, js_mkptr(JS_TAG_CELL, syms));
    JSValueArray *a = js_value_array_new(ctx, ns->count + syms->len);
    if (a) {
        JSRoot ra;
        js_root_push(ctx, &ra, js_mkptr(JS_TAG_CELL, a));
        uint32_t n = 0;
        for (uint32_t i = 0; i < ns->count; i++) {
            JSValue s = js_atom_to_value(ctx, ns->names[i]);
            if (s == JS_EXCEPTION) {
                a = NULL;
                break;
            }
            a->values[n++] = s;
        }
        if (a) {
            for (uint32_t i = 0; i < syms->len; i++)
                a->values[n++] = syms->values[i];
            a->len = n;
        }
        js_root_pop(ctx, &ra);
    }
    js_root_pop(ctx, &rs);
    return a;
}

static void ns_trace(JSRuntime *rt, JSObject *obj)
{
    JSModuleNS *ns = (JSModuleNS *)obj;
    if (ns->m)
        js_gc_mark_cell(rt, ns->m);
    for (uint32_t i = 0; i < ns->count; i++) {
        js_gc_mark_atom(rt, ns->names[i]);
        js_gc_mark_cell(rt, ns->targets[i]);
    }
}

static void ns_finalize(JSRuntime *rt, JSObject *obj)
{
    JSModuleNS *ns = (JSModuleNS *)obj;
    free(ns->names);
    free(ns->targets);
    free(ns->slots);
}

static const JSClass ns_class = {
    .name = "Module",
    .size = sizeof(JSModuleNS),
    .trace = ns_trace,
    .finalize = ns_finalize,
    .get_prototype_of = ns_get_prototype_of,
    .set_prototype_of = ns_set_prototype_of,
    .is_extensible = ns_is_extensible,
    .prevent_extensions = ns_prevent_extensions,
    .get_own_property = ns_get_own_property,
    .define_own_property = ns_define_own_property,
    .has_property = ns_has_property,
    .get = ns_get,
    .set = ns_set,
    .delete_property = ns_delete_property,
    .own_property_keys = ns_own_property_keys,
};

/* GetModuleNamespace. May collect. */
static JSValue get_namespace(JSContext *ctx, JSModule *m)
{
    if (m->ns != JS_UNDEFINED)
        return m->ns;
    JSRoot rm;
    js_root_push(ctx, &rm, mod_value(m));
    JSValue ret = JS_EXCEPTION;
    AtomList names = { NULL, 0, 0, false };
    JSModule **visited = NULL;
    uint32_t nvisited = 0;
    exported_names(m, &visited, &nvisited, &names);
    free(visited);
    if (names.oom) {
        js_throw_out_of_memory(ctx);
        goto done;
    }
    /* keep the unambiguous names */
    Resolution *res = malloc((names.n ? names.n : 1) * sizeof *res);
    if (!res) {
        js_throw_out_of_memory(ctx);
        goto done;
    }
    uint32_t n = 0;
    for (uint32_t i = 0; i < names.n; i++) {
        Resolution r;
        if (js_resolve(m, names.v[i], &r) == RES_FOUND) {
            names.v[n] = names.v[i];
            res[n++] = r;
        }
    }
    /* sort by code units (insertion sort over strings) */
    JSValueArray *strs = js_value_array_new(ctx, n ? n : 1);
    if (!strs) {
        free(res);
        goto done;
    }
    JSRoot rs;
    js_root_push(ctx, &rs, js_mkptr(JS_TAG_CELL, strs));
    for (uint32_t i = 0; i < n; i++) {
        JSValue s = js_atom_to_string(ctx, names.v[i]);
        if (s == JS_EXCEPTION) {
            js_root_pop(ctx, &rs);
            free(res);
            goto done;
        }
        strs->values[i] = s;
    }
    for (uint32_t i = 1; i < n; i++) {
        for (uint32_t j = i; j > 0 && js_string_compare(ctx, strs->values[j - 1], strs->values[j]) > 0; j--) {
            JSValue ts = strs->values[j];
            strs->values[j] = strs->values[j - 1];
            strs->values[j - 1] = ts;
            JSAtom ta = names.v[j];
            names.v[j] = names.v[j - 1];
            names.v[j - 1] = ta;
            Resolution tr = res[j];
            res[j] = res[j - 1];
            res[j - 1] = tr;
        }
    }
    js_register_class(ctx->rt, JS_CLASS_MODULE_NS, &ns_class);
    JSObject *o = js_new_object_proto_class(ctx, JS_NULL, JS_CLASS_MODULE_NS);
    if (!o) {
        js_root_pop(ctx, &rs);
        free(res);
        goto done;
    }
    JSModuleNS *ns = (JSModuleNS *)o;
    ns->m = m;
    ns->names = malloc((n ? n : 1) * sizeof(JSAtom));
    ns->targets = malloc((n ? n : 1) * sizeof(JSModule *));
    ns->slots = malloc((n ? n : 1) * sizeof(int32_t));
    if (!ns->names || !ns->targets || !ns->slots) {
        js_root_pop(ctx, &rs);
        free(res);
        js_throw_out_of_memory(ctx);
        goto done;
    }
    for (uint32_t i = 0; i < n; i++) {
        ns->names[i] = names.v[i];
        ns->targets[i] = res[i].m;
        ns->slots[i] = res[i].slot;
    }
    ns->count = n;
    free(res);
    JSRoot ro;
    js_root_push(ctx, &ro, js_obj_value(o));
    JSValue tag = js_new_string_cstr(ctx, "Module");
    if (tag == JS_EXCEPTION || js_ordinary_define_own_property(ctx, o, JS_ATOM_Symbol_toStringTag,
            &(JSPropertyDescriptor){ JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE | JS_DESC_HAS_ENUMERABLE |
                                     JS_DESC_HAS_CONFIGURABLE, tag, JS_UNDEFINED, JS_UNDEFINED }, JS_THROW) < 0) {
        js_root_pop(ctx, &ro);
        js_root_pop(ctx, &rs);
        goto done;
    }
    o->h.flags &= ~JS_OBJ_EXTENSIBLE;
    JSVarRef *box = new_box(ctx, ro.v);
    if (!box) {
        js_root_pop(ctx, &ro);
        js_root_pop(ctx, &rs);
        goto done;
    }
    m->ns_box = box;
    m->ns = ro.v;
    ret = ro.v;
    js_root_pop(ctx, &ro);
    js_root_pop(ctx, &rs);
done:
    free(names.v);
    js_root_pop(ctx, &rm);
    return ret;
}

/* ---- Link ---- */

static JSValue make_module_closure(JSContext *ctx, JSModule *m, JSFunctionBytecode *b)
{
    JSFunction fake;
    memset(&fake, 0, sizeof fake);
    fake.var_refs = m->env;
    fake.nvar_refs = m->nenv;
    return js_make_closure(ctx, b, &fake, NULL);
}

static JSValue throw_resolve_error(JSContext *ctx, JSModule *m, JSAtom name, int kind)
{
    char b1[128], b2[256];
    return js_throw_syntax_error(ctx, "%s export '%s' in module '%s'",
                                 kind == RES_AMBIGUOUS ? "ambiguous" : "no",
                                 js_atom_get_cstr(ctx->rt, b1, sizeof b1, name),
                                 js_atom_get_cstr(ctx->rt, b2, sizeof b2, m->name));
}

static int initialize_environment(JSContext *ctx, JSModule *m)
{
    JSModuleInfo *mi = m->b->module;
    for (uint32_t i = 0; i < mi->export_count; i++) {
        JSExportEntry *e = &mi->exports[i];
        if (e->kind != JS_EXPORT_INDIRECT)
            continue;
        Resolution r;
        int k = js_resolve(m, e->export_name, &r);
        if (k != RES_FOUND) {
            throw_resolve_error(ctx, m, e->export_name, k);
            return -1;
        }
    }
    for (uint32_t i = 0; i < mi->import_count; i++) {
        JSImportEntry *e = &mi->imports[i];
        JSModule *im = m->req[e->request];
        if (e->import_name == JS_ATOM_NULL) {
            JSValue ns = get_namespace(ctx, im);
            if (ns == JS_EXCEPTION)
                return -1;
            m->env[e->slot]->values[0] = ns;
            continue;
        }
        Resolution r;
        int k = js_resolve(im, e->import_name, &r);
        if (k != RES_FOUND) {
            throw_resolve_error(ctx, im, e->import_name, k);
            return -1;
        }
        JSVarRef *box = resolution_box(ctx, &r);
        if (!box)
            return -1;
        m->env[e->slot] = box;
    }
    JSValue fn = make_module_closure(ctx, m, m->b);
    if (fn == JS_EXCEPTION)
        return -1;
    m->func = fn;
    if (m->b->cpool_len && js_tag(m->b->cpool[0]) == JS_TAG_CELL) {
        JSValue init = make_module_closure(ctx, m, js_get_ptr(m->b->cpool[0]));
        if (init == JS_EXCEPTION)
            return -1;
        JSRoot ri;
        js_root_push(ctx, &ri, init);
        JSValue r = js_call(ctx, ri.v, JS_UNDEFINED, 0, NULL);
        js_root_pop(ctx, &ri);
        if (r == JS_EXCEPTION)
            return -1;
    }
    return 0;
}

typedef struct ModStack {
    JSModule **v;
    uint32_t n, cap;
} ModStack;

static int ms_push(JSContext *ctx, ModStack *s, JSModule *m)
{
    if (s->n == s->cap) {
        uint32_t nc = s->cap ? s->cap * 2 : 16;
        JSModule **nv = realloc(s->v, nc * sizeof *nv);
        if (!nv) {
            js_throw_out_of_memory(ctx);
            return -1;
        }
        s->v = nv;
        s->cap = nc;
    }
    s->v[s->n++] = m;
    return 0;
}

static int inner_link(JSContext *ctx, JSModule *m, ModStack *stack, int index)
{
    if (m->kind == MOD_SYNTHETIC) {
        if (m->status == ST_UNLINKED)
            m->status = ST_LINKED;
        return index;
    }
    if (m->status != ST_UNLINKED)
        return index;
    m->status = ST_LINKING;
    m->dfs_index = m->dfs_anc = index++;
    if (ms_push(ctx, stack, m) < 0)
        return -1;
    for (uint32_t i = 0; i < m->nreq; i++) {
        JSModule *r = m->req[i];
        index = inner_link(ctx, r, stack, index);
        if (index < 0)
            return -1;
        if (r->kind == MOD_SOURCE && r->status == ST_LINKING && r->dfs_anc < m->dfs_anc)
            m->dfs_anc = r->dfs_anc;
    }
    if (initialize_environment(ctx, m) < 0)
        return -1;
    if (m->dfs_anc == m->dfs_index) {
        for (;;) {
            JSModule *x = stack->v[--stack->n];
            x->status = ST_LINKED;
            if (x == m)
                break;
        }
    }
    return index;
}

static int link_module(JSContext *ctx, JSModule *m)
{
    ModStack stack = { NULL, 0, 0 };
    JSRoot rm;
    js_root_push(ctx, &rm, mod_value(m));
    int r = inner_link(ctx, m, &stack, 0);
    if (r < 0) {
        for (uint32_t i = 0; i < stack.n; i++)
            stack.v[i]->status = ST_UNLINKED;
    }
    free(stack.v);
    js_root_pop(ctx, &rm);
    return r < 0 ? -1 : 0;
}

/* ---- Evaluate ---- */

static JSValue async_fulfilled_fn(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);
static JSValue async_rejected_fn(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

static int run_synthetic(JSContext *ctx, JSModule *m)
{
    if (m->evaluated_synthetic) {
        if (m->has_error)
            js_throw(ctx, m->eval_error);
        return m->has_error ? -1 : 0;
    }
    m->evaluated_synthetic = true;
    m->status = ST_EVALUATED;
    if (m->init && m->init(ctx, mod_value(m)) < 0) {
        m->has_error = true;
        m->eval_error = js_get_exception(ctx);
        js_throw(ctx, m->eval_error);
        return -1;
    }
    return 0;
}

/* ExecuteModule without a capability (no top-level await). */
static int execute_sync(JSContext *ctx, JSModule *m)
{
    JSValue r = js_call(ctx, m->func, JS_UNDEFINED, 0, NULL);
    return r == JS_EXCEPTION ? -1 : 0;
}

/* ExecuteAsyncModule. */
static int execute_async(JSContext *ctx, JSModule *m)
{
    JSRoot rp, rf, rr;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    int ret = -1;
    JSValue p = js_call(ctx, m->func, JS_UNDEFINED, 0, NULL);
    if (p == JS_EXCEPTION) {
        JSValue e = js_get_exception(ctx);
        p = js_new_rejected_promise(ctx, e);
        if (p == JS_EXCEPTION)
            goto out;
    }
    rp.v = p;
    rf.v = js_new_cfunction_data(ctx, async_fulfilled_fn, 1, 0, mod_value(m));
    if (rf.v == JS_EXCEPTION)
        goto out;
    rr.v = js_new_cfunction_data(ctx, async_rejected_fn, 1, 0, mod_value(m));
    if (rr.v == JS_EXCEPTION)
        goto out;
    if (js_promise_state(rp.v) < 0) {
        p = js_new_resolved_promise(ctx, rp.v);
        if (p == JS_EXCEPTION)
            goto out;
        rp.v = p;
    }
    ret = js_perform_promise_then(ctx, rp.v, rf.v, rr.v, NULL);
out:
    js_root_pop(ctx, &rr);
    js_root_pop(ctx, &rf);
    js_root_pop(ctx, &rp);
    return ret;
}

static void add_parent(JSModule *req, JSModule *m)
{
    if (req->nparents == req->cap_parents) {
        uint32_t nc = req->cap_parents ? req->cap_parents * 2 : 4;
        JSModule **nv = realloc(req->parents, nc * sizeof *nv);
        if (!nv)
            return;
        req->parents = nv;
        req->cap_parents = nc;
    }
    req->parents[req->nparents++] = m;
}

static int inner_evaluate(JSContext *ctx, JSModule *m, ModStack *stack, int index)
{
    if (m->kind == MOD_SYNTHETIC)
        return run_synthetic(ctx, m) < 0 ? -1 : index;
    if (m->status == ST_EVALUATING_ASYNC || m->status == ST_EVALUATED) {
        if (!m->has_error)
            return index;
        js_throw(ctx, m->eval_error);
        return -1;
    }
    if (m->status == ST_EVALUATING)
        return index;
    m->status = ST_EVALUATING;
    m->dfs_index = m->dfs_anc = index++;
    m->pending_deps = 0;
    if (ms_push(ctx, stack, m) < 0)
        return -1;
    for (uint32_t i = 0; i < m->nreq; i++) {
        JSModule *r = m->req[i];
        index = inner_evaluate(ctx, r, stack, index);
        if (index < 0)
            return -1;
        if (r->kind != MOD_SOURCE)
            continue;
        if (r->status == ST_EVALUATING) {
            if (r->dfs_anc < m->dfs_anc)
                m->dfs_anc = r->dfs_anc;
        } else {
            r = r->cycle_root;
            if (r->has_error) {
                js_throw(ctx, r->eval_error);
                return -1;
            }
        }
        if (r->async_evaluation) {
            m->pending_deps++;
            add_parent(r, m);
        }
    }
    if (m->pending_deps > 0 || m->has_tla) {
        m->async_evaluation = true;
        m->async_order = async_counter++;
        if (m->pending_deps == 0 && execute_async(ctx, m) < 0)
            return -1;
    } else {
        if (execute_sync(ctx, m) < 0)
            return -1;
    }
    if (m->dfs_anc == m->dfs_index) {
        for (;;) {
            JSModule *x = stack->v[--stack->n];
            x->status = x->async_evaluation ? ST_EVALUATING_ASYNC : ST_EVALUATED;
            x->cycle_root = m;
            if (x == m)
                break;
        }
    }
    return index;
}

/* Evaluate(): the promise of m's evaluation. May run JS. */
static JSValue evaluate(JSContext *ctx, JSModule *m)
{
    if (m->kind == MOD_SOURCE && (m->status == ST_EVALUATING_ASYNC || m->status == ST_EVALUATED) && m->cycle_root)
        m = m->cycle_root;
    if (m->top_promise != JS_UNDEFINED)
        return m->top_promise;
    JSRoot rm;
    js_root_push(ctx, &rm, mod_value(m));
    JSValue p = js_new_promise_capability(ctx, JS_UNDEFINED, NULL, NULL);
    if (p == JS_EXCEPTION) {
        js_root_pop(ctx, &rm);
        return p;
    }
    m->top_promise = p;
    ModStack stack = { NULL, 0, 0 };
    int r = inner_evaluate(ctx, m, &stack, 0);
    if (r < 0) {
        JSValue e = js_get_exception(ctx);
        JSRoot re;
        js_root_push(ctx, &re, e);
        for (uint32_t i = 0; i < stack.n; i++) {
            JSModule *x = stack.v[i];
            x->status = ST_EVALUATED;
            x->has_error = true;
            x->eval_error = re.v;
            x->cycle_root = x;
        }
        if (m->kind == MOD_SYNTHETIC || !m->has_error) {
            m->has_error = true;
            m->eval_error = re.v;
        }
        js_promise_reject_direct(ctx, m->top_promise, re.v);
        js_root_pop(ctx, &re);
    } else if (!m->async_evaluation) {
        js_promise_resolve_direct(ctx, m->top_promise, JS_UNDEFINED);
    }
    free(stack.v);
    js_root_pop(ctx, &rm);
    return m->top_promise;
}

static void async_rejected(JSContext *ctx, JSModule *m, JSValue error)
{
    if (m->status == ST_EVALUATED)
        return;
    m->has_error = true;
    m->eval_error = error;
    m->status = ST_EVALUATED;
    m->async_evaluation = false;
    JSRoot re;
    js_root_push(ctx, &re, error);
    if (m->top_promise != JS_UNDEFINED)
        js_promise_reject_direct(ctx, m->top_promise, re.v);
    for (uint32_t i = 0; i < m->nparents; i++)
        async_rejected(ctx, m->parents[i], re.v);
    js_root_pop(ctx, &re);
}

static bool in_list(ModStack *l, JSModule *m)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i] == m)
            return true;
    return false;
}

static void gather_ancestors(JSContext *ctx, JSModule *m, ModStack *exec)
{
    for (uint32_t i = 0; i < m->nparents; i++) {
        JSModule *p = m->parents[i];
        if (in_list(exec, p) || p->cycle_root->has_error)
            continue;
        if (p->pending_deps > 0)
            p->pending_deps--;
        if (p->pending_deps == 0) {
            ms_push(ctx, exec, p);
            if (!p->has_tla)
                gather_ancestors(ctx, p, exec);
        }
    }
}

static void async_fulfilled(JSContext *ctx, JSModule *m)
{
    if (m->status == ST_EVALUATED)
        return;
    m->async_evaluation = false;
    m->status = ST_EVALUATED;
    if (m->top_promise != JS_UNDEFINED)
        js_promise_resolve_direct(ctx, m->top_promise, JS_UNDEFINED);
    ModStack exec = { NULL, 0, 0 };
    gather_ancestors(ctx, m, &exec);
    for (uint32_t i = 1; i < exec.n; i++)
        for (uint32_t j = i; j > 0 && exec.v[j - 1]->async_order > exec.v[j]->async_order; j--) {
            JSModule *t = exec.v[j];
            exec.v[j] = exec.v[j - 1];
            exec.v[j - 1] = t;
        }
    for (uint32_t i = 0; i < exec.n; i++) {
        JSModule *x = exec.v[i];
        if (x->status == ST_EVALUATED)
            continue;
        if (x->has_tla) {
            if (execute_async(ctx, x) < 0) {
                JSValue e = js_get_exception(ctx);
                async_rejected(ctx, x, e);
            }
        } else if (execute_sync(ctx, x) < 0) {
            JSValue e = js_get_exception(ctx);
            JSRoot re;
            js_root_push(ctx, &re, e);
            async_rejected(ctx, x, re.v);
            js_root_pop(ctx, &re);
        } else {
            x->async_evaluation = false;
            x->status = ST_EVALUATED;
            if (x->top_promise != JS_UNDEFINED)
                js_promise_resolve_direct(ctx, x->top_promise, JS_UNDEFINED);
        }
    }
    free(exec.v);
}

static JSValue async_fulfilled_fn(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSModule *m = js_get_ptr(js_current_native_function(ctx)->data);
    async_fulfilled(ctx, m);
    if (js_has_exception(ctx))
        js_get_exception(ctx);
    return JS_UNDEFINED;
}

static JSValue async_rejected_fn(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSModule *m = js_get_ptr(js_current_native_function(ctx)->data);
    async_rejected(ctx, m, argv[0]);
    return JS_UNDEFINED;
}

/* ---- entry points ---- */

JSValue js_module_compile(JSContext *ctx, const char *src, size_t len, const char *filename)
{
    return js_module_compile_ex(ctx, src, len, filename, false);
}

JSValue js_module_compile_ex(JSContext *ctx, const char *src, size_t len, const char *filename, bool dump)
{
    ParseError err;
    memset(&err, 0, sizeof err);
    ParseOptions po;
    memset(&po, 0, sizeof po);
    po.regexp_check = js_regexp_literal_check;
    po.stack_limit = ctx->rt->native_stack_limit;
    po.filename = filename ? filename : "<module>";
    po.kind = PARSE_MODULE;
    JSCompileOptions co;
    memset(&co, 0, sizeof co);
    co.filename = po.filename;
    co.dump = dump;
    JSFunctionBytecode *b = js_compile_source(ctx, src, len, &po, &err, &co);
    if (!b && err.message[0])
        return js_throw_syntax_error(ctx, "%s (%s:%u:%u)", err.message, err.file ? err.file : "<module>",
                                     err.line, err.column);
    if (!b)
        return JS_EXCEPTION;
    return js_mkptr(JS_TAG_CELL, b);
}

JSValue js_module_run(JSContext *ctx, JSValue v)
{
    JSModule *m = js_module_from_value(ctx, v);
    if (!m)
        return JS_EXCEPTION;
    if (js_module_find(ctx, m->name) == NULL)
        map_add(ctx, m);
    JSRoot rm;
    js_root_push(ctx, &rm, mod_value(m));
    JSValue r = JS_EXCEPTION;
    if (load_graph(ctx, m) == 0 && link_module(ctx, m) == 0)
        r = evaluate(ctx, m);
    js_root_pop(ctx, &rm);
    return r;
}

JSValue js_module_new_native(JSContext *ctx, JSAtom name, const JSAtom *exports, int count, JSModuleInitFn *init)
{
    JSRoot rn;
    js_root_push_atom(ctx, &rn, name);
    JSModule *m = mod_alloc(ctx, name, MOD_SYNTHETIC);
    js_root_pop(ctx, &rn);
    if (!m)
        return JS_EXCEPTION;
    JSRoot rm;
    js_root_push(ctx, &rm, mod_value(m));
    m->init = init;
    m->loaded = true;
    m->nenv = 0;
    m->env = calloc(count ? count : 1, sizeof(JSVarRef *));
    m->export_names = calloc(count ? count : 1, sizeof(JSAtom));
    if (!m->env || !m->export_names) {
        js_root_pop(ctx, &rm);
        return js_throw_out_of_memory(ctx);
    }
    for (int i = 0; i < count; i++) {
        JSVarRef *box = new_box(ctx, JS_UNDEFINED);
        if (!box) {
            js_root_pop(ctx, &rm);
            return JS_EXCEPTION;
        }
        m->env[m->nenv] = box;
        m->export_names[m->nenv] = exports[i];
        m->nenv++;
    }
    js_root_pop(ctx, &rm);
    return mod_value(m);
}

JSValue js_module_new_json(JSContext *ctx, JSAtom name, const char *json, size_t len)
{
    JSRoot rn, rv;
    js_root_push_atom(ctx, &rn, name);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    JSValue text = js_new_string_utf8(ctx, json, len);
    if (text == JS_EXCEPTION)
        goto done;
    rv.v = text;
    JSAtom a_json = js_atom_from_cstr(ctx, "JSON");
    JSValue jo = js_get_property(ctx, js_obj_value(ctx->global_obj), a_json);
    if (jo == JS_EXCEPTION)
        goto done;
    JSRoot rj;
    js_root_push(ctx, &rj, jo);
    JSAtom a_parse = js_atom_from_cstr(ctx, "parse");
    JSValue val = js_invoke(ctx, rj.v, a_parse, 1, &rv.v);
    js_root_pop(ctx, &rj);
    if (val == JS_EXCEPTION)
        goto done;
    rv.v = val;
    JSAtom dflt = JS_ATOM_default;
    ret = js_module_new_native(ctx, name, &dflt, 1, NULL);
    if (ret != JS_EXCEPTION)
        ((JSModule *)js_get_ptr(ret))->env[0]->values[0] = rv.v;
done:
    js_root_pop(ctx, &rv);
    js_root_pop(ctx, &rn);
    return ret;
}

int js_module_set_export(JSContext *ctx, JSValue module, JSAtom name, JSValue val)
{
    if (!js_is_module_record(module)) {
        js_throw_type_error(ctx, "not a module");
        return -1;
    }
    JSModule *m = js_get_ptr(module);
    if (m->kind == MOD_SYNTHETIC) {
        for (uint32_t i = 0; i < m->nenv; i++)
            if (m->export_names[i] == name) {
                m->env[i]->values[0] = val;
                return 0;
            }
    }
    char buf[128];
    js_throw_reference_error(ctx, "module has no export '%s'", js_atom_get_cstr(ctx->rt, buf, sizeof buf, name));
    return -1;
}

JSValue js_module_namespace_of(JSContext *ctx, JSAtom name)
{
    JSModule *m = js_module_find(ctx, name);
    if (!m)
        return js_throw_type_error(ctx, "no such module");
    if (m->has_error)
        return js_throw(ctx, m->eval_error);
    if (m->status != ST_EVALUATED && m->status != ST_EVALUATING_ASYNC && !m->evaluated_synthetic)
        return js_throw_type_error(ctx, "module not evaluated");
    return get_namespace(ctx, m);
}

JSValue js_module_import_meta(JSContext *ctx, JSVarRef *box)
{
    JSValue v = box->values[0];
    if (js_is_object(v))
        return v;
    if (!js_is_module_record(v))
        return js_throw_type_error(ctx, "import.meta is not available here");
    JSModule *m = js_get_ptr(v);
    JSRoot rb, rm;
    js_root_push(ctx, &rb, js_mkptr(JS_TAG_CELL, box));
    js_root_push(ctx, &rm, v);
    JSValue meta = js_new_object_proto(ctx, JS_NULL);
    if (meta != JS_EXCEPTION) {
        box->values[0] = meta;
        JSRuntime *rt = ctx->rt;
        if (rt->import_meta_hook) {
            char *name = atom_cstr(ctx, m->name);
            if (!name) {
                meta = JS_EXCEPTION;
            } else {
                int r = ((JSImportMetaFn *)rt->import_meta_hook)(ctx, meta, name, rt->import_meta_opaque);
                free(name);
                if (r < 0)
                    meta = JS_EXCEPTION;
            }
        }
    }
    js_root_pop(ctx, &rm);
    js_root_pop(ctx, &rb);
    return meta;
}

/* Dynamic import: reactions of the evaluation promise. data = array
 * [module, resolve, reject]. */
static JSValue import_fulfilled(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *d = js_get_ptr(js_current_native_function(ctx)->data);
    JSValue ns = get_namespace(ctx, js_get_ptr(d->values[0]));
    if (ns == JS_EXCEPTION) {
        JSValue e = js_get_exception(ctx);
        return js_call(ctx, d->values[2], JS_UNDEFINED, 1, &e);
    }
    JSValue arg = ns;
    return js_call(ctx, d->values[1], JS_UNDEFINED, 1, &arg);
}

static JSValue import_rejected(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *d = js_get_ptr(js_current_native_function(ctx)->data);
    return js_call(ctx, d->values[2], JS_UNDEFINED, 1, argv);
}

static JSValue reject_pending(JSContext *ctx, JSValue promise);

/* The rest of import(): argv = promise, resolve, reject, referrer name,
 * specifier, type attribute (string or undefined). */
static JSValue import_job(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSAtom referrer = js_atom_from_string(ctx, argv[3]);
    if (referrer == JS_ATOM_NULL)
        return reject_pending(ctx, argv[0]), JS_UNDEFINED;
    JSRoot rr;
    js_root_push_atom(ctx, &rr, referrer);
    JSAtom spec = js_atom_from_string(ctx, argv[4]);
    JSAtom type = JS_ATOM_NULL;
    JSRoot rsp, rty;
    js_root_push_atom(ctx, &rsp, spec);
    if (spec != JS_ATOM_NULL && js_is_string(argv[5]))
        type = js_atom_from_string(ctx, argv[5]);
    js_root_push_atom(ctx, &rty, type);
    JSModule *m = NULL;
    if (spec != JS_ATOM_NULL && (type != JS_ATOM_NULL || !js_is_string(argv[5])))
        m = host_load(ctx, referrer, spec, type);
    js_root_pop(ctx, &rty);
    js_root_pop(ctx, &rsp);
    js_root_pop(ctx, &rr);
    if (!m) {
        reject_pending(ctx, argv[0]);
        return JS_UNDEFINED;
    }
    argv[6] = mod_value(m);
    if (load_graph(ctx, m) < 0 || link_module(ctx, m) < 0) {
        reject_pending(ctx, argv[0]);
        return JS_UNDEFINED;
    }
    JSValue ep = evaluate(ctx, m);
    if (ep == JS_EXCEPTION) {
        reject_pending(ctx, argv[0]);
        return JS_UNDEFINED;
    }
    argv[7] = ep;
    JSValueArray *d = js_value_array_new(ctx, 3);
    if (!d)
        return JS_EXCEPTION;
    d->values[0] = argv[6];
    d->values[1] = argv[1];
    d->values[2] = argv[2];
    argv[3] = js_mkptr(JS_TAG_CELL, d);
    JSValue f = js_new_cfunction_data(ctx, import_fulfilled, 1, 0, argv[3]);
    if (f == JS_EXCEPTION)
        return f;
    argv[4] = f;
    JSValue r = js_new_cfunction_data(ctx, import_rejected, 1, 0, argv[3]);
    if (r == JS_EXCEPTION)
        return r;
    argv[5] = r;
    if (js_perform_promise_then(ctx, argv[7], argv[4], argv[5], NULL) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static JSValue reject_pending(JSContext *ctx, JSValue promise)
{
    JSValue e = js_get_exception(ctx);
    JSRoot re;
    js_root_push(ctx, &re, e);
    js_promise_reject_direct(ctx, promise, re.v);
    js_root_pop(ctx, &re);
    return promise;
}

JSValue js_module_dynamic_import(JSContext *ctx, JSAtom referrer, JSValue specifier, JSValue options)
{
    JSRoot rp, rres, rrej, rs, ro, rt2;
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rres, JS_UNDEFINED);
    js_root_push(ctx, &rrej, JS_UNDEFINED);
    js_root_push(ctx, &rs, specifier);
    js_root_push(ctx, &ro, options);
    js_root_push(ctx, &rt2, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    JSValue p = js_new_promise_capability(ctx, JS_UNDEFINED, &rres.v, &rrej.v);
    if (p == JS_EXCEPTION)
        goto out;
    rp.v = p;
    ret = rp.v;
    JSValue s = js_to_string(ctx, rs.v);
    if (s == JS_EXCEPTION) {
        reject_pending(ctx, rp.v);
        goto out;
    }
    rs.v = s;
    if (ro.v != JS_UNDEFINED) {
        if (!js_is_object(ro.v)) {
            js_throw_type_error(ctx, "the second argument of import() must be an object");
            reject_pending(ctx, rp.v);
            goto out;
        }
        JSAtom a_with = js_atom_from_cstr(ctx, "with");
        JSValue attrs = js_get_property(ctx, ro.v, a_with);
        if (attrs == JS_EXCEPTION) {
            reject_pending(ctx, rp.v);
            goto out;
        }
        if (attrs != JS_UNDEFINED) {
            if (!js_is_object(attrs)) {
                js_throw_type_error(ctx, "the 'with' option of import() must be an object");
                reject_pending(ctx, rp.v);
                goto out;
            }
            ro.v = attrs;
            JSValueArray *keys = js_own_property_keys(ctx, ro.v);
            if (!keys) {
                reject_pending(ctx, rp.v);
                goto out;
            }
            JSRoot rk;
            js_root_push(ctx, &rk, js_mkptr(JS_TAG_CELL, keys));
            bool bad = false;
            bool unsupported = false;
            for (uint32_t i = 0; i < keys->len && !bad; i++) {
                JSValue k = keys->values[i];
                if (!js_is_string(k))
                    continue;
                JSAtom ka = js_atom_from_string(ctx, k);
                if (ka == JS_ATOM_NULL) {
                    bad = true;
                    break;
                }
                JSRoot rka;
                js_root_push_atom(ctx, &rka, ka);
                JSPropertyDescriptor desc;
                int has = js_get_own_property(ctx, ro.v, ka, &desc);
                if (has < 0) {
                    bad = true;
                } else if (has && (desc.flags & JS_PROP_ENUMERABLE)) {
                    JSValue v = js_get_property(ctx, ro.v, ka);
                    if (v == JS_EXCEPTION) {
                        bad = true;
                    } else if (!js_is_string(v)) {
                        js_throw_type_error(ctx, "import attribute values must be strings");
                        bad = true;
                    } else if (ka == atom_type(ctx)) {
                        rt2.v = v;
                    } else {
                        unsupported = true;
                    }
                }
                js_root_pop(ctx, &rka);
            }
            js_root_pop(ctx, &rk);
            if (!bad && unsupported) {
                js_throw_syntax_error(ctx, "unsupported import attribute");
                bad = true;
            }
            if (bad) {
                reject_pending(ctx, rp.v);
                goto out;
            }
        }
    }
    {
        /* load, link and evaluate later, from a job: never inside another
           module's evaluation */
        JSValue args[6];
        args[0] = rp.v;
        args[1] = rres.v;
        args[2] = rrej.v;
        /* the referrer module's name (it may differ from its filename) */
        if (referrer && js_tag(ctx->module_map) == JS_TAG_CELL) {
            for (JSModule *x = js_get_ptr(ctx->module_map); x; x = x->next)
                if (x->b && x->b->filename == referrer) {
                    referrer = x->name;
                    break;
                }
        }
        args[3] = js_atom_to_value(ctx, referrer ? referrer : JS_ATOM_empty_string);
        if (args[3] == JS_EXCEPTION) {
            reject_pending(ctx, rp.v);
            goto out;
        }
        args[4] = rs.v;
        args[5] = rt2.v;
        if (js_enqueue_job(ctx, import_job, 6, args) < 0)
            ret = JS_EXCEPTION;
    }
out:
    js_root_pop(ctx, &rt2);
    js_root_pop(ctx, &ro);
    js_root_pop(ctx, &rs);
    js_root_pop(ctx, &rrej);
    js_root_pop(ctx, &rres);
    js_root_pop(ctx, &rp);
    return ret;
}
