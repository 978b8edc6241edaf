/* WeakMap and WeakSet (ECMA-262 24.3, 24.4, and the upsert methods
 * getOrInsert / getOrInsertComputed): constructors, prototype methods and
 * the collector hooks that make their entries ephemerons. Keys are
 * objects and non-registered symbols (CanBeHeldWeakly), hashed by
 * identity in a JSHashMap (hashmap.h) that the trace hook never marks. */
#include "builtins.h"
#include "hashmap.h"
#include "object_util.h"
#include "weakref.h"
#include "../conv.h"

/* Instances of WEAKMAP and WEAKSET. */
typedef struct JSWeakMapObject {
    JSObject base;
    JSHashMap data;     /* [[WeakMapData]] / [[WeakSetData]] (set values: undefined) */
} JSWeakMapObject;

enum { KIND_WEAKMAP = 0, KIND_WEAKSET = 1 };

static JSHashMap *table_of(JSValue v)
{
    return &((JSWeakMapObject *)JS_VALUE_GET_OBJ(v))->data;
}

/* ---- collector hooks ----
 * The trace hook marks nothing of the table. During marking, the
 * ephemeron callback marks the value of every entry whose key is marked
 * (the collector calls it until nothing new gets marked); after marking,
 * the weak callback tombstones the entries whose key died, so a freed
 * key's address can never be found in a table again. */

/* One pass over the entries, forwards or backwards: marks the values
 * whose keys are marked; true if it marked something. A value marked here
 * has its mark bit set at once, so a chain whose links follow the pass's
 * direction resolves in one pass. */
static bool ephemeron_pass(JSRuntime *rt, JSHashMap *m, bool backwards)
{
    bool progress = false;
    for (uint32_t n = 0; n < m->used; n++) {
        JSMapEntry *e = &m->entries[backwards ? m->used - 1 - n : n];
        if (js_is_empty(e->key) || !js_is_cell(e->value) || js_gc_is_marked(js_get_ptr(e->value)))
            continue;
        if (js_gc_is_marked(js_get_ptr(e->key))) {
            js_gc_mark_value(rt, e->value);
            progress = true;
        }
    }
    return progress;
}

/* Alternates the direction of the passes until one marks nothing, so a
 * chain of keys inserted in either order costs O(entries) rather than one
 * pass per link (the collector's own fixpoint loop would otherwise call
 * this once per link). */
static bool weakmap_ephemerons(JSRuntime *rt, void *cell)
{
    JSHashMap *m = &((JSWeakMapObject *)cell)->data;
    bool any = false, backwards = false;
    while (ephemeron_pass(rt, m, backwards)) {
        any = true;
        backwards = !backwards;
    }
    return any;
}

static void weakmap_sweep(JSRuntime *rt, void *cell)
{
    js_hashmap_sweep_dead_keys(rt, &((JSWeakMapObject *)cell)->data);
}

static void weakmap_trace(JSRuntime *rt, JSObject *obj)
{
    JSWeakMapObject *m = (JSWeakMapObject *)obj;
    if (m->data.count == 0)
        return;
    js_gc_register_ephemeron(rt, obj, weakmap_ephemerons);
    js_gc_register_weak(rt, obj, weakmap_sweep);
}

/* A WeakSet's values are all undefined: only the dead keys matter. */
static void weakset_trace(JSRuntime *rt, JSObject *obj)
{
    JSWeakMapObject *m = (JSWeakMapObject *)obj;
    if (m->data.count != 0)
        js_gc_register_weak(rt, obj, weakmap_sweep);
}

static void weakmap_finalize(JSRuntime *rt, JSObject *obj)
{
    js_hashmap_free(rt, &((JSWeakMapObject *)obj)->data);
}

static const JSClass weakmap_class = {
    .name = "WeakMap", .size = sizeof(JSWeakMapObject),
    .trace = weakmap_trace, .finalize = weakmap_finalize,
};
static const JSClass weakset_class = {
    .name = "WeakSet", .size = sizeof(JSWeakMapObject),
    .trace = weakset_trace, .finalize = weakmap_finalize,
};

/* RequireInternalSlot(this, [[WeakMapData]] / [[WeakSetData]]). Throws
 * TypeError and returns false otherwise. */
static bool check_this(JSContext *ctx, JSValue this_val, int kind, const char *method)
{
    if (js_object_is_class(this_val, kind == KIND_WEAKSET ? JS_CLASS_WEAKSET : JS_CLASS_WEAKMAP))
        return true;
    js_throw_type_error(ctx, "%s.prototype.%s called on an incompatible receiver",
                        kind == KIND_WEAKSET ? "WeakSet" : "WeakMap", method);
    return false;
}

/* ---- constructors ---- */

/* WeakMap([iterable]) and WeakSet([iterable]); this_val is new.target. */
static JSValue weakmap_constructor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    const char *name = magic == KIND_WEAKSET ? "WeakSet" : "WeakMap";
    JSValue iterable = argc > 0 ? argv[0] : JS_UNDEFINED;
    if (js_is_undefined(this_val))
        return js_throw_type_error(ctx, "Constructor %s requires 'new'", name);
    JSValue obj = js_create_from_ctor(ctx, this_val, magic == KIND_WEAKSET ? JS_CLASS_WEAKSET : JS_CLASS_WEAKMAP);
    if (js_is_exception(obj))
        return obj;
    return js_collection_add_entries(ctx, obj, iterable, magic != KIND_WEAKSET, name);
}

/* ---- WeakMap.prototype ---- */

/* get(key) */
static JSValue weakmap_get(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, KIND_WEAKMAP, "get"))
        return JS_EXCEPTION;
    if (!js_can_be_held_weakly(argv[0]))
        return JS_UNDEFINED;
    JSMapEntry *e = js_hashmap_find(ctx->rt, table_of(this_val), argv[0]);
    return e ? e->value : JS_UNDEFINED;
}

/* has(key), for both WeakMap and WeakSet */
static JSValue weakmap_has(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, magic, "has"))
        return JS_EXCEPTION;
    if (!js_can_be_held_weakly(argv[0]))
        return JS_FALSE;
    return js_bool(js_hashmap_find(ctx->rt, table_of(this_val), argv[0]) != NULL);
}

/* delete(key), for both */
static JSValue weakmap_delete(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, magic, "delete"))
        return JS_EXCEPTION;
    if (!js_can_be_held_weakly(argv[0]))
        return JS_FALSE;
    return js_bool(js_hashmap_delete(ctx->rt, table_of(this_val), argv[0]));
}

/* WeakMap set(key, value) and WeakSet add(value): both return this. */
static JSValue weakmap_set(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, magic, magic == KIND_WEAKSET ? "add" : "set"))
        return JS_EXCEPTION;
    if (!js_can_be_held_weakly(argv[0]))
        return js_throw_type_error(ctx, "invalid value used %s",
                                   magic == KIND_WEAKSET ? "in weak set" : "as weak map key");
    JSValue value = magic == KIND_WEAKSET ? JS_UNDEFINED : argv[1];
    if (js_hashmap_set(ctx, table_of(this_val), argv[0], value) < 0)
        return JS_EXCEPTION;
    return this_val;
}

/* getOrInsert(key, value) (magic 0) and getOrInsertComputed(key,
 * callbackfn) (magic 1). The callback may change the table, so the
 * entry is looked up again after it returns. */
static JSValue weakmap_get_or_insert(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    const char *method = magic ? "getOrInsertComputed" : "getOrInsert";
    if (!check_this(ctx, this_val, KIND_WEAKMAP, method))
        return JS_EXCEPTION;
    if (!js_can_be_held_weakly(argv[0]))
        return js_throw_type_error(ctx, "invalid value used as weak map key");
    if (magic && !js_is_callable(argv[1]))
        return js_throw_type_error(ctx, "WeakMap.prototype.%s: callback is not a function", method);
    JSMapEntry *e = js_hashmap_find(ctx->rt, table_of(this_val), argv[0]);
    if (e)
        return e->value;
    JSValue value = argv[1];
    JSRoot rval;
    js_root_push(ctx, &rval, JS_UNDEFINED);
    if (magic) {
        value = js_call(ctx, argv[1], JS_UNDEFINED, 1, &argv[0]);
        if (js_is_exception(value))
            return value;
        rval.v = value;
    }
    if (js_hashmap_set(ctx, table_of(this_val), argv[0], value) < 0)
        return JS_EXCEPTION;
    return value;
}

/* ---- tables and set-up ---- */

#define FN_MAGIC(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }

static const JSPropEntry weakmap_proto_props[] = {
    FN_MAGIC("delete", 1, weakmap_delete, KIND_WEAKMAP),
    FN_MAGIC("get", 1, weakmap_get, KIND_WEAKMAP),
    FN_MAGIC("getOrInsert", 2, weakmap_get_or_insert, 0),
    FN_MAGIC("getOrInsertComputed", 2, weakmap_get_or_insert, 1),
    FN_MAGIC("has", 1, weakmap_has, KIND_WEAKMAP),
    FN_MAGIC("set", 2, weakmap_set, KIND_WEAKMAP),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakMap", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry weakset_proto_props[] = {
    FN_MAGIC("add", 1, weakmap_set, KIND_WEAKSET),
    FN_MAGIC("delete", 1, weakmap_delete, KIND_WEAKSET),
    FN_MAGIC("has", 1, weakmap_has, KIND_WEAKSET),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakSet", JS_PROP_CONFIGURABLE),
};

#define COUNT(tab) ((int)(sizeof tab / sizeof tab[0]))

/* One family: %WeakMap.prototype% / %WeakSet.prototype% and the
 * constructor. */
static int init_family(JSContext *ctx, int kind)
{
    JSRoot rp;
    JSClassID cid = kind == KIND_WEAKSET ? JS_CLASS_WEAKSET : JS_CLASS_WEAKMAP;
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    js_root_push(ctx, &rp, proto);
    ctx->class_proto[cid] = rp.v;
    int ret = -1;
    if (js_define_prop_entries(ctx, rp.v, kind == KIND_WEAKSET ? weakset_proto_props : weakmap_proto_props,
                               kind == KIND_WEAKSET ? COUNT(weakset_proto_props) : COUNT(weakmap_proto_props)) < 0)
        goto done;
    JSValue ctor = js_new_constructor(ctx, weakmap_constructor, kind == KIND_WEAKSET ? "WeakSet" : "WeakMap",
                                      0, kind, rp.v);
    if (js_is_exception(ctor))
        goto done;
    ret = 0;
done:
    js_root_pop(ctx, &rp);
    return ret;
}

/* Registers the classes and creates WeakMap and WeakSet. May collect;
 * 0, or -1 with an exception pending. */
int js_init_weakmap(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_WEAKMAP, &weakmap_class);
    js_register_class(ctx->rt, JS_CLASS_WEAKSET, &weakset_class);
    if (init_family(ctx, KIND_WEAKMAP) < 0 || init_family(ctx, KIND_WEAKSET) < 0)
        return -1;
    return 0;
}
