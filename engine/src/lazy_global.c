/* Lazy globals: properties of a realm's global object whose value (a
 * built-in family such as Math or Date, or a runtime-library object) is
 * made the first time it is needed instead of when the realm is created,
 * and the global object's class, whose hooks make that invisible to JS.
 *
 * The property exists from the start, at its place in the global
 * object's property order and with its final attributes; only its slot
 * holds JS_LAZY_VALUE until the value is made. Every read of a property's
 * value goes through the class's [[GetOwnProperty]], [[Get]] or [[Set]]
 * or, for global variable references, js_op_get_global, which checks the
 * slot. Keys,
 * [[HasProperty]] and the attributes need no value. Once no lazy global
 * is pending the JS_OBJ_EXOTIC flag is dropped and the global object is
 * ordinary again. */
#include "core.h"
#include "builtins/builtins.h"
#include "builtins/typedarray.h"
#include "builtins/builtin_list.h"

static JSLazyGlobal *find_pending(JSContext *realm, JSAtom atom)
{
    for (uint32_t i = 0; i < realm->lazy_count; i++)
        if (realm->lazy_globals[i].atom == atom)
            return &realm->lazy_globals[i];
    return NULL;
}

static void drop_pending(JSContext *realm, JSAtom atom)
{
    JSLazyGlobal *e = find_pending(realm, atom);
    if (!e)
        return;
    *e = realm->lazy_globals[--realm->lazy_count];
    if (realm->lazy_count == 0)
        realm->global_obj->h.flags &= ~JS_OBJ_EXOTIC;
}

static int add_pending(JSContext *ctx, JSAtom atom, uint32_t attrs, JSLazyInit *init, JSLazyValue *value)
{
    if (ctx->lazy_count == JS_LAZY_GLOBAL_MAX || find_pending(ctx, atom)) {
        js_throw_error(ctx, JS_ERROR_INTERNAL, "too many lazy globals");
        return -1;
    }
    if (js_object_add_property(ctx, ctx->global_obj, atom, attrs, JS_LAZY_VALUE) < 0)
        return -1;
    JSLazyGlobal *e = &ctx->lazy_globals[ctx->lazy_count++];
    e->atom = atom;
    e->init = init;
    e->value = value;
    ctx->global_obj->h.flags |= JS_OBJ_EXOTIC;
    return 0;
}

int js_define_lazy_globals(JSContext *ctx, const JSAtom *names, int n, JSLazyInit *init)
{
    for (int i = 0; i < n; i++)
        if (add_pending(ctx, names[i], JS_PROP_C_W, init, NULL) < 0)
            return -1;
    return 0;
}

int js_define_lazy_global(JSContext *ctx, JSAtom atom, uint32_t attrs, JSLazyValue *value)
{
    return add_pending(ctx, atom, attrs, NULL, value);
}

/* Stores v in the pending slot of atom (if the program has not replaced
 * or deleted the property meanwhile) and drops the entry. */
static void fill_pending(JSContext *realm, JSAtom atom, JSValue v)
{
    JSObject *g = realm->global_obj;
    uint32_t attrs;
    int slot = js_shape_lookup_inline(g->shape, atom, &attrs);
    if (slot >= 0 && g->slots[slot] == JS_LAZY_VALUE)
        JS_STORE(realm, g, g->slots[slot], v);
    drop_pending(realm, atom);
}

int js_lazy_global_resolve(JSContext *realm, JSAtom atom)
{
    JSLazyGlobal *e = find_pending(realm, atom);
    if (!e || (e->init && e->init == realm->lazy_running))
        return 0;
    JSRuntime *rt = realm->rt;
    JSContext *saved = rt->current_realm;
    rt->current_realm = realm;
    int r = 0;
    if (e->value) {
        JSValue v = e->value(realm);
        if (js_is_exception(v))
            r = -1;
        else
            fill_pending(realm, atom, v);
    } else {
        JSLazyInit *saved_init = realm->lazy_running;
        realm->lazy_running = e->init;
        r = e->init(realm);
        realm->lazy_running = saved_init;
    }
    rt->current_realm = saved;
    return r;
}

/* The optional family (builtin_list.h) whose set-up creates
 * class_proto[id], and the global named in the error when the program
 * left it out; -1 for a class of an eager family. */
static int class_family(JSClassID id, const char **name)
{
    if (id == JS_CLASS_DATE) {
        *name = "Date";
        return JS_FAMILY_date;
    }
    if (id == JS_CLASS_ARRAY_BUFFER || id == JS_CLASS_SHARED_ARRAY_BUFFER || id == JS_CLASS_DATAVIEW ||
        (id >= JS_CLASS_UINT8C_ARRAY && id < JS_CLASS_UINT8C_ARRAY + JS_TA_TYPE_COUNT)) {
        *name = id == JS_CLASS_SHARED_ARRAY_BUFFER ? "SharedArrayBuffer" : "ArrayBuffer";
        return JS_FAMILY_typed_arrays;
    }
    if (id == JS_CLASS_MAP || id == JS_CLASS_SET || id == JS_CLASS_MAP_ITERATOR || id == JS_CLASS_SET_ITERATOR) {
        *name = id == JS_CLASS_SET || id == JS_CLASS_SET_ITERATOR ? "Set" : "Map";
        return JS_FAMILY_mapset;
    }
    if (id == JS_CLASS_WEAKREF || id == JS_CLASS_FINALIZATION_REGISTRY || id == JS_CLASS_WEAKMAP ||
        id == JS_CLASS_WEAKSET) {
        *name = id == JS_CLASS_WEAKMAP ? "WeakMap" : id == JS_CLASS_WEAKSET ? "WeakSet" : "WeakRef";
        return JS_FAMILY_weakref;
    }
    return -1;
}

JSValue js_realm_class_proto(JSContext *realm, JSClassID id)
{
    JSValue p = realm->class_proto[id];
    if (js_likely(!js_is_undefined(p)))
        return p;
    const char *name;
    int f = class_family(id, &name);
    if (f < 0)
        return p;
    const JSBuiltinFamily *fam = js_builtin_family_table[f];
    if (!fam)   /* left out by qjsc --builtins auto: no value of it can exist */
        return js_throw_left_out(realm, name);
    JSLazyInit *init = fam->init;
    if (init == realm->lazy_running)
        return p;
    for (uint32_t i = 0; i < realm->lazy_count; i++) {
        if (realm->lazy_globals[i].init == init) {
            if (js_lazy_global_resolve(realm, realm->lazy_globals[i].atom) < 0)
                return JS_EXCEPTION;
            return realm->class_proto[id];
        }
    }
    /* every global of the family was deleted before its first use */
    JSLazyInit *saved = realm->lazy_running;
    JSContext *saved_realm = realm->rt->current_realm;
    realm->lazy_running = init;
    realm->rt->current_realm = realm;
    int r = init(realm);
    realm->lazy_running = saved;
    realm->rt->current_realm = saved_realm;
    return r < 0 ? JS_EXCEPTION : realm->class_proto[id];
}

static JSContext *realm_of_global(JSContext *ctx, JSObject *g)
{
    if (ctx->global_obj == g)
        return ctx;
    for (JSContext *r = ctx->rt->realms; r; r = r->next_realm)
        if (r->global_obj == g)
            return r;
    return ctx;
}

static int global_get_own_property(JSContext *ctx, JSObject *g, JSAtom prop, JSPropertyDescriptor *desc)
{
    /* without desc only the presence is asked: no value needed */
    if (desc && js_lazy_global_resolve(realm_of_global(ctx, g), prop) < 0)
        return -1;
    return js_ordinary_get_own_property(ctx, g, prop, desc);
}

static int global_define_own_property(JSContext *ctx, JSObject *g, JSAtom prop,
                                      const JSPropertyDescriptor *desc, int flags)
{
    JSContext *realm = realm_of_global(ctx, g);
    if (realm->lazy_running) {
        /* a family's init defining its globals: fill the pending slots;
         * one not pending any more was deleted or replaced by the
         * program, which stays so */
        JSLazyGlobal *e = find_pending(realm, prop);
        if (!e || e->init != realm->lazy_running)
            return 1;
        fill_pending(realm, prop, desc->value);
        return 1;
    }
    /* validation compares with the current value: make it first */
    JSRoot rv[3];
    js_root_push(ctx, &rv[0], desc->value);
    js_root_push(ctx, &rv[1], desc->getter);
    js_root_push(ctx, &rv[2], desc->setter);
    int r = js_lazy_global_resolve(realm, prop);
    JSPropertyDescriptor d = *desc;
    d.value = rv[0].v;
    d.getter = rv[1].v;
    d.setter = rv[2].v;
    js_root_pop(ctx, &rv[0]);
    if (r < 0)
        return -1;
    return js_ordinary_define_own_property(ctx, g, prop, &d, flags);
}

static int global_delete(JSContext *ctx, JSObject *g, JSAtom prop, int flags)
{
    int r = js_ordinary_delete(ctx, g, prop, flags);
    if (r > 0 && js_shape_lookup_inline(g->shape, prop, &(uint32_t){0}) < 0)
        drop_pending(realm_of_global(ctx, g), prop);
    return r;
}

/* [[Get]] and [[Set]]: the ordinary ones once the value is made; an own
 * data property whose value is made is read or written in place, as the
 * ordinary paths would (global variables of scripts take this path). */
static JSValue global_get(JSContext *ctx, JSObject *g, JSAtom prop, JSValue receiver)
{
    uint32_t attrs;
    int slot = js_shape_lookup_inline(g->shape, prop, &attrs);
    if (slot >= 0 && !(attrs & JS_PROP_ACCESSOR) && g->slots[slot] != JS_LAZY_VALUE)
        return g->slots[slot];
    if (slot >= 0) {
        JSRoot rr;
        js_root_push(ctx, &rr, receiver);
        int r = js_lazy_global_resolve(realm_of_global(ctx, g), prop);
        receiver = rr.v;
        js_root_pop(ctx, &rr);
        if (r < 0)
            return JS_EXCEPTION;
    }
    return js_ordinary_get(ctx, g, prop, receiver);
}

static int global_set(JSContext *ctx, JSObject *g, JSAtom prop, JSValue val, JSValue receiver, int flags)
{
    uint32_t attrs;
    int slot = js_shape_lookup_inline(g->shape, prop, &attrs);
    if (slot >= 0 && g->slots[slot] != JS_LAZY_VALUE && receiver == js_obj_value(g) &&
        (attrs & (JS_PROP_ACCESSOR | JS_PROP_WRITABLE)) == JS_PROP_WRITABLE) {
        JS_STORE(ctx, g, g->slots[slot], val);
        return 1;
    }
    if (slot >= 0) {
        JSRoot rv, rr;
        js_root_push(ctx, &rv, val);
        js_root_push(ctx, &rr, receiver);
        int r = js_lazy_global_resolve(realm_of_global(ctx, g), prop);
        val = rv.v;
        receiver = rr.v;
        js_root_pop(ctx, &rv);
        if (r < 0)
            return -1;
    }
    return js_ordinary_set(ctx, g, prop, val, receiver, flags);
}

const JSClass js_global_class = {
    .name = "Object", .size = sizeof(JSObject),
    .get = global_get,
    .set = global_set,
    .get_own_property = global_get_own_property,
    .define_own_property = global_define_own_property,
    .delete_property = global_delete,
};
