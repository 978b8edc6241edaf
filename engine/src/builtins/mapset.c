/* Map and Set (ECMA-262 24.1, 24.2): constructors, Map.groupBy, the
 * prototype methods, the ES2025 set methods (union, intersection, ...,
 * with GetSetRecord and the spec's order of observable calls), and
 * %MapIteratorPrototype% / %SetIteratorPrototype%. The data lives in a
 * JSHashMap (hashmap.h); iterators walk it with attached cursors. */
#include <math.h>
#include "../fmath/fmath.h"
#include "builtins.h"
#include "hashmap.h"
#include "object_util.h"
#include "../conv.h"
#include "../interp.h"

/* Instances of the classes MAP and SET. */
typedef struct JSMapObject {
    JSObject base;
    JSHashMap data;     /* [[MapData]] / [[SetData]] (set values: undefined) */
} JSMapObject;

enum { ITER_KEYS, ITER_VALUES, ITER_ENTRIES };

/* Instances of MAP_ITERATOR and SET_ITERATOR. */
typedef struct JSMapIterator {
    JSObject base;
    JSValue obj;        /* the Map or Set; undefined once exhausted */
    JSMapCursor cursor; /* attached to obj's table while obj is set */
    int kind;           /* ITER_* */
} JSMapIterator;

/* magic of the functions shared by Map and Set */
enum { KIND_MAP = 0, KIND_SET = 1 };

static JSHashMap *table_of(JSValue v)
{
    return &((JSMapObject *)JS_VALUE_GET_OBJ(v))->data;
}

/* ---- classes ---- */

static void map_weak(JSRuntime *rt, void *cell)
{
    js_hashmap_sweep_cursors(rt, &((JSMapObject *)cell)->data);
}

static void map_trace(JSRuntime *rt, JSObject *obj)
{
    JSMapObject *m = (JSMapObject *)obj;
    js_hashmap_mark(rt, &m->data);
    if (m->data.cursors)
        js_gc_register_weak(rt, obj, map_weak);
}

static void map_finalize(JSRuntime *rt, JSObject *obj)
{
    js_hashmap_free(rt, &((JSMapObject *)obj)->data);
}

static void map_iterator_trace(JSRuntime *rt, JSObject *obj)
{
    js_gc_mark_value(rt, ((JSMapIterator *)obj)->obj);
}

static const JSClass map_class = {
    .name = "Map", .size = sizeof(JSMapObject), .trace = map_trace, .finalize = map_finalize,
};
static const JSClass set_class = {
    .name = "Set", .size = sizeof(JSMapObject), .trace = map_trace, .finalize = map_finalize,
};
static const JSClass map_iterator_class = {
    .name = "Map Iterator", .size = sizeof(JSMapIterator), .trace = map_iterator_trace,
};
static const JSClass set_iterator_class = {
    .name = "Set Iterator", .size = sizeof(JSMapIterator), .trace = map_iterator_trace,
};

/* RequireInternalSlot(this, [[MapData]] / [[SetData]]). */
static bool check_this(JSContext *ctx, JSValue this_val, int kind, const char *method)
{
    if (js_object_is_class(this_val, kind == KIND_SET ? JS_CLASS_SET : JS_CLASS_MAP))
        return true;
    js_throw_type_error(ctx, "%s.prototype.%s called on an incompatible receiver",
                        kind == KIND_SET ? "Set" : "Map", method);
    return false;
}

/* A new empty Set with %Set.prototype% of the current realm. May
 * collect. */
static JSValue new_set(JSContext *ctx)
{
    /* the family may not be set up yet in this realm (lazy_global.c) */
    JSValue proto = js_realm_class_proto(ctx, JS_CLASS_SET);
    if (js_is_exception(proto))
        return proto;
    JSObject *o = js_new_object_proto_class(ctx, proto, JS_CLASS_SET);
    return o ? js_obj_value(o) : JS_EXCEPTION;
}

/* ---- constructors ---- */

/* The shared tail of the Map, Set, WeakMap and WeakSet constructors:
 * AddEntriesFromIterable (entries: each value is a [key, value] object
 * passed to obj.set) or the Set/WeakSet loop (each value passed to
 * obj.add), calling the instance's own adder as the spec says. name is
 * the constructor's, for messages. Returns obj, or JS_EXCEPTION with the
 * iterator closed. */
JSValue js_collection_add_entries(JSContext *ctx, JSValue obj, JSValue iterable, bool entries, const char *name)
{
    JSRoot robj, radder, riter, rnext, rv, rk, rval;
    JSIteratorRecord rec;
    js_root_push(ctx, &robj, obj);
    if (js_is_nullish(iterable))
        return robj.v;
    JSValue adder = js_get_property(ctx, robj.v, entries ? JS_ATOM_set : JS_ATOM_add);
    if (js_is_exception(adder))
        return adder;
    if (!js_is_callable(adder))
        return js_throw_type_error(ctx, "'%s' of the new %s is not a function", entries ? "set" : "add", name);
    js_root_push(ctx, &radder, adder);
    if (js_get_iterator(ctx, iterable, &rec) < 0)
        return JS_EXCEPTION;
    js_root_push(ctx, &riter, rec.iterator);
    js_root_push(ctx, &rnext, rec.next);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rk, JS_UNDEFINED);
    js_root_push(ctx, &rval, JS_UNDEFINED);
    for (;;) {
        JSValue next;
        int r = js_iterator_step_value(ctx, &rec, &next);
        if (r < 0)
            return JS_EXCEPTION;
        if (r == 0)
            return robj.v;
        rv.v = next;
        JSValue res;
        if (!entries) {
            res = js_call(ctx, radder.v, robj.v, 1, &rv.v);
        } else {
            if (!js_is_object(rv.v)) {
                js_throw_type_error(ctx, "iterator value is not an entry object");
                goto close;
            }
            JSValue k = js_get_index(ctx, rv.v, 0);
            if (js_is_exception(k))
                goto close;
            rk.v = k;
            JSValue v = js_get_index(ctx, rv.v, 1);
            if (js_is_exception(v))
                goto close;
            rval.v = v;
            JSValue args[2] = { rk.v, rval.v };
            res = js_call(ctx, radder.v, robj.v, 2, args);
        }
        if (js_is_exception(res))
            goto close;
    }
close:
    js_iterator_close(ctx, riter.v, true);
    return JS_EXCEPTION;
}

/* Map([iterable]) and Set([iterable]); this_val is new.target. */
static JSValue map_constructor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    const char *name = magic == KIND_SET ? "Set" : "Map";
    JSValue iterable = argc > 0 ? argv[0] : JS_UNDEFINED;  /* length is 0 */
    if (js_is_undefined(this_val))
        return js_throw_type_error(ctx, "Constructor %s requires 'new'", name);
    JSValue obj = js_create_from_ctor(ctx, this_val, magic == KIND_SET ? JS_CLASS_SET : JS_CLASS_MAP);
    if (js_is_exception(obj))
        return obj;
    return js_collection_add_entries(ctx, obj, iterable, magic != KIND_SET, name);
}

/* get Map[@@species] / get Set[@@species] */
static JSValue map_species(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* Map.groupBy(items, callbackfn): GroupBy with zero key coercion; the
 * groups are collected directly in the result map (key -> array). */
static JSValue map_group_by(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rmap, riter, rnext, rv, rkey, rarr;
    JSIteratorRecord rec;
    JSValue items = argv[0], fn = argv[1];
    if (js_is_nullish(items))
        return js_throw_type_error(ctx, "Map.groupBy called on null or undefined");
    if (!js_is_callable(fn))
        return js_throw_type_error(ctx, "Map.groupBy: callback is not a function");
    JSValue proto = js_realm_class_proto(ctx, JS_CLASS_MAP);
    if (js_is_exception(proto))
        return proto;
    JSObject *mo = js_new_object_proto_class(ctx, proto, JS_CLASS_MAP);
    if (!mo)
        return JS_EXCEPTION;
    js_root_push(ctx, &rmap, js_obj_value(mo));
    if (js_get_iterator(ctx, items, &rec) < 0)
        return JS_EXCEPTION;
    js_root_push(ctx, &riter, rec.iterator);
    js_root_push(ctx, &rnext, rec.next);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rkey, JS_UNDEFINED);
    js_root_push(ctx, &rarr, JS_UNDEFINED);
    for (double k = 0;; k++) {
        if (k >= 9007199254740991.0) {
            js_throw_type_error(ctx, "Map.groupBy: too many items");
            goto close;
        }
        JSValue next;
        int r = js_iterator_step_value(ctx, &rec, &next);
        if (r < 0)
            return JS_EXCEPTION;
        if (r == 0)
            return rmap.v;
        rv.v = next;
        JSValue args[2] = { rv.v, js_number(k) };
        JSValue key = js_call(ctx, fn, JS_UNDEFINED, 2, args);
        if (js_is_exception(key))
            goto close;
        rkey.v = key;
        if (js_hashmap_normalize_key(ctx, &rkey.v) < 0)
            goto close;
        JSHashMap *t = table_of(rmap.v);
        JSMapEntry *e = js_hashmap_find(ctx->rt, t, rkey.v);
        if (e) {
            rarr.v = e->value;
        } else {
            JSValue arr = js_new_array(ctx, 0);
            if (js_is_exception(arr))
                goto close;
            rarr.v = arr;
            if (js_hashmap_set(ctx, table_of(rmap.v), rkey.v, rarr.v) < 0)
                goto close;
        }
        if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(rarr.v), rv.v) < 0)
            goto close;
    }
close:
    js_iterator_close(ctx, riter.v, true);
    return JS_EXCEPTION;
}

/* ---- Map.prototype and Set.prototype ---- */

static JSValue map_get(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, KIND_MAP, "get"))
        return JS_EXCEPTION;
    JSRoot rk;  /* argv[0] may be the caller's register: normalize a copy */
    js_root_push(ctx, &rk, argv[0]);
    if (js_hashmap_normalize_key(ctx, &rk.v) < 0)
        return JS_EXCEPTION;
    JSMapEntry *e = js_hashmap_find(ctx->rt, table_of(this_val), rk.v);
    return e ? e->value : JS_UNDEFINED;
}

/* Map.prototype.set(key, value) / Set.prototype.add(value) */
static JSValue map_set(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, magic, magic == KIND_SET ? "add" : "set"))
        return JS_EXCEPTION;
    JSRoot rk;  /* argv[0] may be the caller's register: normalize a copy */
    js_root_push(ctx, &rk, argv[0]);
    if (js_hashmap_normalize_key(ctx, &rk.v) < 0)
        return JS_EXCEPTION;
    JSValue v = magic == KIND_SET ? JS_UNDEFINED : argv[1];
    if (js_hashmap_set(ctx, table_of(this_val), rk.v, v) < 0)
        return JS_EXCEPTION;
    return this_val;
}

/* Map.prototype.getOrInsert(key, value) (magic 0) and
 * getOrInsertComputed(key, callbackfn) (magic 1), from the upsert
 * proposal that test262 covers. */
static JSValue map_get_or_insert(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rk, rv;
    if (!check_this(ctx, this_val, KIND_MAP, magic ? "getOrInsertComputed" : "getOrInsert"))
        return JS_EXCEPTION;
    if (magic && !js_is_callable(argv[1]))
        return js_throw_type_error(ctx, "Map.prototype.getOrInsertComputed: callback is not a function");
    js_root_push(ctx, &rk, argv[0]);
    if (js_hashmap_normalize_key(ctx, &rk.v) < 0)
        return JS_EXCEPTION;
    JSMapEntry *e = js_hashmap_find(ctx->rt, table_of(this_val), rk.v);
    if (e)
        return e->value;
    js_root_push(ctx, &rv, argv[1]);
    if (magic) {
        JSValue v = js_call(ctx, argv[1], JS_UNDEFINED, 1, &rk.v);
        if (js_is_exception(v))
            return v;
        rv.v = v;
    }
    /* the callback may have added the key: set overwrites in place */
    if (js_hashmap_set(ctx, table_of(this_val), rk.v, rv.v) < 0)
        return JS_EXCEPTION;
    return rv.v;
}

static JSValue map_has(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, magic, "has"))
        return JS_EXCEPTION;
    JSRoot rk;  /* argv[0] may be the caller's register: normalize a copy */
    js_root_push(ctx, &rk, argv[0]);
    if (js_hashmap_normalize_key(ctx, &rk.v) < 0)
        return JS_EXCEPTION;
    return js_bool(js_hashmap_find(ctx->rt, table_of(this_val), rk.v) != NULL);
}

static JSValue map_delete(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, magic, "delete"))
        return JS_EXCEPTION;
    JSRoot rk;  /* argv[0] may be the caller's register: normalize a copy */
    js_root_push(ctx, &rk, argv[0]);
    if (js_hashmap_normalize_key(ctx, &rk.v) < 0)
        return JS_EXCEPTION;
    return js_bool(js_hashmap_delete(ctx->rt, table_of(this_val), rk.v));
}

static JSValue map_clear(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, magic, "clear"))
        return JS_EXCEPTION;
    js_hashmap_clear(ctx->rt, table_of(this_val));
    return JS_UNDEFINED;
}

static JSValue map_get_size(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!check_this(ctx, this_val, magic, "size"))
        return JS_EXCEPTION;
    return js_number((double)table_of(this_val)->count);
}

/* forEach(callbackfn [, thisArg]): visits entries added during the loop,
 * skips deleted ones (a cursor on the C stack follows the table). */
static JSValue map_for_each(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rk, rv;
    JSMapCursor c;
    if (!check_this(ctx, this_val, magic, "forEach"))
        return JS_EXCEPTION;
    if (!js_is_callable(argv[0]))
        return js_throw_type_error(ctx, "%s.prototype.forEach: callback is not a function",
                                   magic == KIND_SET ? "Set" : "Map");
    JSValue this_arg = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSHashMap *t = table_of(this_val);
    js_root_push(ctx, &rk, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_hashmap_cursor_attach(t, &c, NULL);
    for (;;) {
        JSMapEntry *e = js_hashmap_cursor_next(t, &c);
        if (!e)
            break;
        rk.v = e->key;
        rv.v = magic == KIND_SET ? e->key : e->value;
        JSValue args[3] = { rv.v, rk.v, this_val };
        JSValue r = js_call(ctx, argv[0], this_arg, 3, args);
        if (js_is_exception(r)) {
            js_hashmap_cursor_detach(&c);
            return r;
        }
    }
    js_hashmap_cursor_detach(&c);
    return JS_UNDEFINED;
}

/* keys() / values() / entries() (and the Symbol.iterator aliases):
 * CreateMapIterator / CreateSetIterator. */
static JSValue map_create_iterator(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    int kind = magic & 1, iter_kind = magic >> 1;
    static const char *const names[] = { "keys", "values", "entries" };
    if (!check_this(ctx, this_val, kind, names[iter_kind]))
        return JS_EXCEPTION;
    JSClassID cid = kind == KIND_SET ? JS_CLASS_SET_ITERATOR : JS_CLASS_MAP_ITERATOR;
    JSMapIterator *it = (JSMapIterator *)js_new_object_proto_class(ctx, ctx->class_proto[cid], cid);
    if (!it)
        return JS_EXCEPTION;
    JS_STORE(ctx, &it->base, it->obj, this_val);
    it->kind = iter_kind;
    js_hashmap_cursor_attach(table_of(this_val), &it->cursor, it);
    return js_obj_value(&it->base);
}

#define ITER_MAGIC(kind, iter) ((iter) << 1 | (kind))

/* %MapIteratorPrototype%.next() / %SetIteratorPrototype%.next() */
static JSValue map_iterator_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rpair;
    JSClassID cid = magic == KIND_SET ? JS_CLASS_SET_ITERATOR : JS_CLASS_MAP_ITERATOR;
    if (!js_object_is_class(this_val, cid))
        return js_throw_type_error(ctx, "%s Iterator.prototype.next called on an incompatible receiver",
                                   magic == KIND_SET ? "Set" : "Map");
    JSMapIterator *it = (JSMapIterator *)JS_VALUE_GET_OBJ(this_val);
    if (js_is_undefined(it->obj))
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    JSMapEntry *e = js_hashmap_cursor_next(table_of(it->obj), &it->cursor);
    if (!e) {
        js_hashmap_cursor_detach(&it->cursor);
        it->obj = JS_UNDEFINED;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    /* key and value stay reachable from the table: no JS runs below */
    JSValue key = e->key, value = magic == KIND_SET ? e->key : e->value;
    if (it->kind == ITER_KEYS)
        return js_create_iter_result(ctx, key, false);
    if (it->kind == ITER_VALUES)
        return js_create_iter_result(ctx, value, false);
    JSValue pair[2] = { key, value };
    JSValue arr = js_new_array_from(ctx, 2, pair);
    if (js_is_exception(arr))
        return arr;
    js_root_push(ctx, &rpair, arr);
    return js_create_iter_result(ctx, rpair.v, false);
}

/* ---- the ES2025 set methods ---- */

/* A Set Record; the values are rooted by the JSRoots. */
typedef struct SetRecord {
    JSRoot set, has, keys;
    double size;
} SetRecord;

/* GetSetRecord(obj). Pushes the record's roots (left for the native
 * function's caller to drop). 0, or -1 on exception. */
static int get_set_record(JSContext *ctx, JSValue obj, SetRecord *rec)
{
    js_root_push(ctx, &rec->set, obj);
    js_root_push(ctx, &rec->has, JS_UNDEFINED);
    js_root_push(ctx, &rec->keys, JS_UNDEFINED);
    if (!js_is_object(obj)) {
        js_throw_type_error(ctx, "set-like argument is not an object");
        return -1;
    }
    JSValue raw = js_get_property(ctx, obj, JS_ATOM_size);
    if (js_is_exception(raw))
        return -1;
    double d;
    if (js_to_number(ctx, &d, raw) < 0)
        return -1;
    if (isnan(d)) {
        js_throw_type_error(ctx, "set-like 'size' is not a number");
        return -1;
    }
    d = js_trunc(d);
    if (d < 0) {
        js_throw_range_error(ctx, "set-like 'size' is negative");
        return -1;
    }
    rec->size = d;
    JSValue has = js_get_property(ctx, rec->set.v, JS_ATOM_has);
    if (js_is_exception(has))
        return -1;
    if (!js_is_callable(has)) {
        js_throw_type_error(ctx, "set-like 'has' is not a function");
        return -1;
    }
    rec->has.v = has;
    JSValue keys = js_get_property(ctx, rec->set.v, JS_ATOM_keys);
    if (js_is_exception(keys))
        return -1;
    if (!js_is_callable(keys)) {
        js_throw_type_error(ctx, "set-like 'keys' is not a function");
        return -1;
    }
    rec->keys.v = keys;
    return 0;
}

/* An iterator over the set-like's keys, rooted in *ri / *rn. */
static int get_keys_iterator(JSContext *ctx, SetRecord *rec, JSIteratorRecord *it, JSRoot *ri, JSRoot *rn)
{
    if (js_get_iterator_from_method(ctx, rec->set.v, rec->keys.v, it) < 0)
        return -1;
    js_root_push(ctx, ri, it->iterator);
    js_root_push(ctx, rn, it->next);
    return 0;
}

/* ToBoolean(Call(rec.has, rec.set, « v »)): 0/1, -1 on exception. v must
 * be rooted. */
static int call_has(JSContext *ctx, SetRecord *rec, JSValue *v)
{
    JSValue r = js_call(ctx, rec->has.v, rec->set.v, 1, v);
    if (js_is_exception(r))
        return -1;
    return js_to_boolean(r);
}

enum { SM_UNION, SM_INTERSECTION, SM_DIFFERENCE, SM_SYM_DIFFERENCE,
       SM_IS_SUBSET, SM_IS_SUPERSET, SM_IS_DISJOINT };

static const char *const set_method_names[] = {
    "union", "intersection", "difference", "symmetricDifference",
    "isSubsetOf", "isSupersetOf", "isDisjointFrom",
};

/* Walks this set's own entries with a C-stack cursor, calling has(e) on
 * the set-like. stop_on: the has() result that stops the walk. For
 * intersection (result != NULL) each e with has(e) true is added to
 * result. Returns 1 if the walk stopped early, 0 at the end, -1 on
 * exception. */
static int walk_this_with_has(JSContext *ctx, JSValue this_val, SetRecord *rec, int stop_on, JSValue result)
{
    JSRoot re;
    JSMapCursor c;
    JSHashMap *t = table_of(this_val);
    int ret = 0;
    js_root_push(ctx, &re, JS_UNDEFINED);
    js_hashmap_cursor_attach(t, &c, NULL);
    for (;;) {
        JSMapEntry *e = js_hashmap_cursor_next(t, &c);
        if (!e)
            break;
        re.v = e->key;
        int b = call_has(ctx, rec, &re.v);
        if (b < 0) {
            ret = -1;
            break;
        }
        if (js_is_object(result) && b) {
            if (js_hashmap_set(ctx, table_of(result), re.v, JS_UNDEFINED) < 0) {
                ret = -1;
                break;
            }
        }
        if (b == stop_on) {
            ret = 1;
            break;
        }
    }
    js_hashmap_cursor_detach(&c);
    js_root_pop(ctx, &re);
    return ret;
}

static JSValue set_method(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    SetRecord rec;
    JSIteratorRecord it;
    JSRoot ri, rn, rres, rv;
    if (!check_this(ctx, this_val, KIND_SET, set_method_names[magic]))
        return JS_EXCEPTION;
    if (get_set_record(ctx, argv[0], &rec) < 0)
        return JS_EXCEPTION;
    double this_size = (double)table_of(this_val)->count;
    js_root_push(ctx, &rres, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);

    switch (magic) {
    case SM_IS_SUBSET: {
        if (this_size > rec.size)
            return JS_FALSE;
        int r = walk_this_with_has(ctx, this_val, &rec, 0, JS_UNDEFINED);
        return r < 0 ? JS_EXCEPTION : js_bool(r == 0);
    }
    case SM_IS_DISJOINT:
        if (this_size <= rec.size) {
            int r = walk_this_with_has(ctx, this_val, &rec, 1, JS_UNDEFINED);
            return r < 0 ? JS_EXCEPTION : js_bool(r == 0);
        }
        break;
    case SM_IS_SUPERSET:
        if (this_size < rec.size)
            return JS_FALSE;
        break;
    case SM_INTERSECTION:
        rres.v = new_set(ctx);
        if (js_is_exception(rres.v))
            return JS_EXCEPTION;
        if (this_size <= rec.size) {
            int r = walk_this_with_has(ctx, this_val, &rec, 2, rres.v);
            return r < 0 ? JS_EXCEPTION : rres.v;
        }
        break;
    case SM_DIFFERENCE:
        rres.v = new_set(ctx);
        if (js_is_exception(rres.v))
            return JS_EXCEPTION;
        if (js_hashmap_copy(ctx, table_of(rres.v), table_of(this_val)) < 0)
            return JS_EXCEPTION;
        if (this_size <= rec.size) {
            /* walk the copy by index: deletions only tombstone, and
             * nothing is added to it meanwhile */
            JSHashMap *t = table_of(rres.v);
            for (uint32_t i = 0; i < t->used; i++) {
                if (js_is_empty(t->entries[i].key))
                    continue;
                rv.v = t->entries[i].key;
                int b = call_has(ctx, &rec, &rv.v);
                if (b < 0)
                    return JS_EXCEPTION;
                if (b)
                    js_hashmap_delete(ctx->rt, t, rv.v);
            }
            return rres.v;
        }
        break;
    default:
        break;
    }

    /* the remaining cases iterate over the set-like's keys */
    if (get_keys_iterator(ctx, &rec, &it, &ri, &rn) < 0)
        return JS_EXCEPTION;
    if (magic == SM_UNION || magic == SM_SYM_DIFFERENCE) {
        rres.v = new_set(ctx);
        if (js_is_exception(rres.v))
            return JS_EXCEPTION;
        if (js_hashmap_copy(ctx, table_of(rres.v), table_of(this_val)) < 0)
            return JS_EXCEPTION;
    }
    for (;;) {
        JSValue next;
        int r = js_iterator_step_value(ctx, &it, &next);
        if (r < 0)
            return JS_EXCEPTION;
        if (r == 0)
            break;
        rv.v = next;
        if (js_hashmap_normalize_key(ctx, &rv.v) < 0)
            return JS_EXCEPTION;
        JSHashMap *self = table_of(this_val);
        switch (magic) {
        case SM_UNION:
            if (js_hashmap_set(ctx, table_of(rres.v), rv.v, JS_UNDEFINED) < 0)
                return JS_EXCEPTION;
            break;
        case SM_INTERSECTION:
            if (js_hashmap_find(ctx->rt, self, rv.v) &&
                js_hashmap_set(ctx, table_of(rres.v), rv.v, JS_UNDEFINED) < 0)
                return JS_EXCEPTION;
            break;
        case SM_DIFFERENCE:
            js_hashmap_delete(ctx->rt, table_of(rres.v), rv.v);
            break;
        case SM_SYM_DIFFERENCE: {
            JSHashMap *res = table_of(rres.v);
            bool in_result = js_hashmap_find(ctx->rt, res, rv.v) != NULL;
            if (js_hashmap_find(ctx->rt, self, rv.v)) {
                if (in_result)
                    js_hashmap_delete(ctx->rt, res, rv.v);
            } else if (!in_result) {
                if (js_hashmap_set(ctx, res, rv.v, JS_UNDEFINED) < 0)
                    return JS_EXCEPTION;
            }
            break;
        }
        case SM_IS_SUPERSET:
            if (!js_hashmap_find(ctx->rt, self, rv.v)) {
                if (js_iterator_close(ctx, ri.v, false) < 0)
                    return JS_EXCEPTION;
                return JS_FALSE;
            }
            break;
        case SM_IS_DISJOINT:
            if (js_hashmap_find(ctx->rt, self, rv.v)) {
                if (js_iterator_close(ctx, ri.v, false) < 0)
                    return JS_EXCEPTION;
                return JS_FALSE;
            }
            break;
        }
    }
    if (magic == SM_IS_SUPERSET || magic == SM_IS_DISJOINT)
        return JS_TRUE;
    return rres.v;
}

/* ---- tables and set-up ---- */

#define FN_MAGIC(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }

static const JSPropEntry map_ctor_props[] = {
    FN_MAGIC("groupBy", 2, map_group_by, 0),
    JS_CGETSET_MAGIC_DEF("[Symbol.species]", map_species, NULL, KIND_MAP),
};

static const JSPropEntry map_proto_props[] = {
    FN_MAGIC("get", 1, map_get, KIND_MAP),
    FN_MAGIC("getOrInsert", 2, map_get_or_insert, 0),
    FN_MAGIC("getOrInsertComputed", 2, map_get_or_insert, 1),
    FN_MAGIC("set", 2, map_set, KIND_MAP),
    FN_MAGIC("has", 1, map_has, KIND_MAP),
    FN_MAGIC("delete", 1, map_delete, KIND_MAP),
    FN_MAGIC("clear", 0, map_clear, KIND_MAP),
    FN_MAGIC("entries", 0, map_create_iterator, ITER_MAGIC(KIND_MAP, ITER_ENTRIES)),
    FN_MAGIC("forEach", 1, map_for_each, KIND_MAP),
    FN_MAGIC("keys", 0, map_create_iterator, ITER_MAGIC(KIND_MAP, ITER_KEYS)),
    JS_CGETSET_MAGIC_DEF("size", map_get_size, NULL, KIND_MAP),
    FN_MAGIC("values", 0, map_create_iterator, ITER_MAGIC(KIND_MAP, ITER_VALUES)),
    JS_ALIAS_DEF("[Symbol.iterator]", "entries"),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Map", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry set_ctor_props[] = {
    JS_CGETSET_MAGIC_DEF("[Symbol.species]", map_species, NULL, KIND_SET),
};

static const JSPropEntry set_proto_props[] = {
    FN_MAGIC("add", 1, map_set, KIND_SET),
    FN_MAGIC("clear", 0, map_clear, KIND_SET),
    FN_MAGIC("delete", 1, map_delete, KIND_SET),
    FN_MAGIC("difference", 1, set_method, SM_DIFFERENCE),
    FN_MAGIC("entries", 0, map_create_iterator, ITER_MAGIC(KIND_SET, ITER_ENTRIES)),
    FN_MAGIC("forEach", 1, map_for_each, KIND_SET),
    FN_MAGIC("has", 1, map_has, KIND_SET),
    FN_MAGIC("intersection", 1, set_method, SM_INTERSECTION),
    FN_MAGIC("isDisjointFrom", 1, set_method, SM_IS_DISJOINT),
    FN_MAGIC("isSubsetOf", 1, set_method, SM_IS_SUBSET),
    FN_MAGIC("isSupersetOf", 1, set_method, SM_IS_SUPERSET),
    JS_CGETSET_MAGIC_DEF("size", map_get_size, NULL, KIND_SET),
    FN_MAGIC("symmetricDifference", 1, set_method, SM_SYM_DIFFERENCE),
    FN_MAGIC("union", 1, set_method, SM_UNION),
    FN_MAGIC("values", 0, map_create_iterator, ITER_MAGIC(KIND_SET, ITER_VALUES)),
    JS_ALIAS_DEF("keys", "values"),
    JS_ALIAS_DEF("[Symbol.iterator]", "values"),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Set", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry map_iterator_props[] = {
    FN_MAGIC("next", 0, map_iterator_next, KIND_MAP),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Map Iterator", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry set_iterator_props[] = {
    FN_MAGIC("next", 0, map_iterator_next, KIND_SET),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Set Iterator", JS_PROP_CONFIGURABLE),
};

#define COUNT(tab) ((int)(sizeof tab / sizeof tab[0]))

/* Creates one family: prototype with its properties, constructor with
 * its own, and the iterator prototype. */
static int init_family(JSContext *ctx, int kind)
{
    JSRoot rp, rc, ri;
    JSClassID cid = kind == KIND_SET ? JS_CLASS_SET : JS_CLASS_MAP;
    JSClassID iid = kind == KIND_SET ? JS_CLASS_SET_ITERATOR : JS_CLASS_MAP_ITERATOR;
    int ret = -1;
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    js_root_push(ctx, &rp, proto);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    js_root_push(ctx, &ri, JS_UNDEFINED);
    ctx->class_proto[cid] = rp.v;
    if (js_define_prop_entries(ctx, rp.v, kind == KIND_SET ? set_proto_props : map_proto_props,
                               kind == KIND_SET ? COUNT(set_proto_props) : COUNT(map_proto_props)) < 0)
        goto done;
    JSValue ctor = js_new_constructor(ctx, map_constructor, kind == KIND_SET ? "Set" : "Map", 0, kind, rp.v);
    if (js_is_exception(ctor))
        goto done;
    rc.v = ctor;
    if (js_define_prop_entries(ctx, rc.v, kind == KIND_SET ? set_ctor_props : map_ctor_props,
                               kind == KIND_SET ? COUNT(set_ctor_props) : COUNT(map_ctor_props)) < 0)
        goto done;
    JSValue parent = ctx->intrinsics[JS_INTRINSIC_IteratorPrototype];
    if (!js_is_object(parent))
        parent = ctx->class_proto[JS_CLASS_OBJECT];
    JSValue iproto = js_new_object_proto(ctx, parent);
    if (js_is_exception(iproto))
        goto done;
    ri.v = iproto;
    if (js_define_prop_entries(ctx, ri.v, kind == KIND_SET ? set_iterator_props : map_iterator_props,
                               kind == KIND_SET ? COUNT(set_iterator_props) : COUNT(map_iterator_props)) < 0)
        goto done;
    ctx->class_proto[iid] = ri.v;
    ret = 0;
done:
    js_root_pop(ctx, &rp);
    return ret;
}

int js_init_mapset(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_MAP, &map_class);
    js_register_class(ctx->rt, JS_CLASS_SET, &set_class);
    js_register_class(ctx->rt, JS_CLASS_MAP_ITERATOR, &map_iterator_class);
    js_register_class(ctx->rt, JS_CLASS_SET_ITERATOR, &set_iterator_class);
    if (init_family(ctx, KIND_MAP) < 0 || init_family(ctx, KIND_SET) < 0)
        return -1;
    return 0;
}
