/* Objects (see object.h): creation, the ordinary internal methods of
 * ECMA-262 10.1 (ValidateAndApplyPropertyDescriptor, OrdinaryGet/Set with
 * receivers and accessors), dispatch to class hooks of exotic objects,
 * property access on primitives, keyed access, and the collector hooks of
 * objects. Arrays and string wrappers are in object_array.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "conv.h"
#include "interp.h"

/* ---- slots ---- */

/* Objects made by constructors (js_create_from_ctor) start with as many
 * inline slots as the instances of their prototype need: the root shape's
 * slot_hint, raised when at least a quarter of the objects made since it
 * last changed outgrew their inline slots (js_object_reserve_slots), so
 * that a few large instances do not size them all (acorn's nodes: 4 to 7
 * fields mostly, 9 in 3%; docs/performance.md). At most this many;
 * object literals get room for their properties up to the same bound. */
#define CTOR_SLOTS_MAX 16

JSValue *js_slots_resize(JSContext *ctx, JSValue *slots, uint32_t new_cap)
{
    uint64_t *base = slots ? (uint64_t *)slots - 1 : NULL;
    uint64_t word = base ? base[0] : 0;
    uint64_t old_cap = word & ~JS_SLOTS_INLINE;
    if (new_cap <= old_cap)
        return slots;
    uint64_t *nb;
    if (word & JS_SLOTS_INLINE) {
        /* leaving the slots inside the object cell */
        nb = js_malloc(ctx, (size_t)(new_cap + 1) * 8);
        if (!nb)
            return NULL;
        memcpy(nb + 1, slots, (size_t)old_cap * 8);
    } else {
        nb = js_realloc(ctx, base, base ? (size_t)(old_cap + 1) * 8 : 0, (size_t)(new_cap + 1) * 8);
    }
    if (!nb)
        return NULL;
    nb[0] = new_cap;
    JSValue *ns = (JSValue *)(nb + 1);
    for (uint64_t i = old_cap; i < new_cap; i++)
        ns[i] = JS_UNDEFINED;
    return ns;
}

void js_slots_free(JSRuntime *rt, JSValue *slots)
{
    if (!slots)
        return;
    uint64_t *base = (uint64_t *)slots - 1;
    if (base[0] & JS_SLOTS_INLINE)
        return;
    js_free(rt, base, (size_t)(base[0] + 1) * 8);
}

/* Makes room for n slots in o. -1 on OOM (thrown). Never collects. */
int js_object_reserve_slots(JSContext *ctx, JSObject *o, uint32_t n)
{
    uint64_t word = o->slots ? ((uint64_t *)o->slots)[-1] : 0;
    uint32_t cap = (uint32_t)(word & ~JS_SLOTS_INLINE);
    if (n <= cap)
        return 0;
    if ((word & JS_SLOTS_INLINE) && (o->h.flags & JS_OBJ_FROM_CTOR)) {
        /* teach the root shape how many slots this constructor's objects
         * need (a dictionary shape has no parent chain to a root) */
        JSShape *root = o->shape;
        while (root->parent)
            root = root->parent;
        uint32_t want = js_slot_capacity(n);
        if (root->prop_count == 0 && root->slot_hint < want && ++root->ctor_outgrown * 4 >= root->ctor_made) {
            root->slot_hint = want < CTOR_SLOTS_MAX ? want : CTOR_SLOTS_MAX;
            root->ctor_made = root->ctor_outgrown = 0;
        }
    }
    JSValue *ns = js_slots_resize(ctx, o->slots, js_slot_capacity(n));
    if (!ns)
        return -1;
    o->slots = ns;
    return 0;
}

/* ---- collector hooks ---- */

void js_object_trace(JSRuntime *rt, JSObject *o)
{
    JSShape *sh = o->shape;
    if (sh) {
        js_gc_mark_cell(rt, sh);
        for (uint32_t i = 0; i < sh->prop_count; i++)
            js_gc_mark_value(rt, o->slots[i]);
    }
    const JSClass *cls = rt->classes[o->h.aux];
    if (cls && cls->trace)
        cls->trace(rt, o);
}

void js_object_finalize(JSRuntime *rt, JSObject *o)
{
    const JSClass *cls = rt->classes[o->h.aux];
    if (cls && cls->finalize)
        cls->finalize(rt, o);
    js_slots_free(rt, o->slots);
    o->slots = NULL;
}

/* ---- classes ---- */

void js_register_class(JSRuntime *rt, JSClassID id, const JSClass *cls)
{
    rt->classes[id] = cls;
}

const JSClass *js_get_class(JSRuntime *rt, JSClassID id)
{
    return rt->classes[id];
}

static bool class_is_exotic(const JSClass *c)
{
    return c && (c->get_prototype_of || c->set_prototype_of || c->is_extensible ||
                 c->prevent_extensions || c->get_own_property || c->define_own_property ||
                 c->has_property || c->get || c->set || c->delete_property ||
                 c->own_property_keys);
}

/* ---- creation ---- */

/* A new object of class id with shape sh; min_slots > 0 asks for room
 * for that many properties inside the cell (object literals), from_ctor
 * for the room earlier instances of the shape's constructor needed. */
static JSObject *new_object_shape(JSContext *ctx, JSShape *sh, JSClassID id, uint32_t min_slots,
                                  bool from_ctor)
{
    const JSClass *cls = ctx->rt->classes[id];
    size_t size = cls ? cls->size : sizeof(JSObject);
    if (size < sizeof(JSObject))
        size = sizeof(JSObject);
    uint32_t nslots = cls && cls->inline_slots ? cls->inline_slots : JS_INLINE_SLOTS;
    if (from_ctor) {
        sh->ctor_made++;
        if (sh->slot_hint > nslots)
            nslots = sh->slot_hint;
    }
    if (min_slots > nslots)
        nslots = min_slots < CTOR_SLOTS_MAX ? min_slots : CTOR_SLOTS_MAX;
    /* Rounded up to a vector capacity: an inline cache adds property n+1
     * in place when js_slot_capacity(n) > n, so every object must have room
     * for js_slot_capacity(prop_count) slots (shape.h). */
    nslots = js_slot_capacity(nslots);
    JSRoot r;
    js_root_push(ctx, &r, js_mkptr(JS_TAG_CELL, sh));
    JSObject *o = js_gc_alloc(ctx, JS_CELL_OBJECT, js_object_inline_size(size, nslots));
    js_root_pop(ctx, &r);
    if (!o)
        return NULL;
    js_object_init_inline_slots(o, size, nslots);
    o->h.aux = id;
    o->h.flags = JS_OBJ_EXTENSIBLE | (class_is_exotic(cls) ? JS_OBJ_EXOTIC : 0) |
                 (from_ctor ? JS_OBJ_FROM_CTOR : 0);
    o->shape = sh;
    if (sh->proto)
        sh->proto->h.flags |= JS_OBJ_PROTOTYPE;
    if (sh->prop_count > nslots && js_object_reserve_slots(ctx, o, sh->prop_count) < 0)
        return NULL;
    return o;
}

JSObject *js_new_object_shape_class(JSContext *ctx, JSShape *sh, JSClassID id)
{
    return new_object_shape(ctx, sh, id, 0, false);
}

static JSObject *new_object(JSContext *ctx, JSValue proto, JSClassID id, uint32_t min_slots,
                            bool from_ctor)
{
    JSObject *p = js_is_object(proto) ? JS_VALUE_GET_OBJ(proto) : NULL;
    if (id == JS_CLASS_ARRAY) {
        JSValue a = js_new_array_proto(ctx, proto, 0);
        return js_is_exception(a) ? NULL : JS_VALUE_GET_OBJ(a);
    }
    JSShape *sh = js_shape_root(ctx, p, class_is_exotic(ctx->rt->classes[id]));
    return sh ? new_object_shape(ctx, sh, id, min_slots, from_ctor) : NULL;
}

JSObject *js_new_object_proto_class(JSContext *ctx, JSValue proto, JSClassID id)
{
    return new_object(ctx, proto, id, 0, false);
}

JSValue js_new_object_sized(JSContext *ctx, uint32_t nprops)
{
    JSObject *o = new_object(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT, nprops, false);
    return o ? js_obj_value(o) : JS_EXCEPTION;
}

JSValue js_new_object_proto(JSContext *ctx, JSValue proto)
{
    JSObject *o = js_new_object_proto_class(ctx, proto, JS_CLASS_OBJECT);
    return o ? js_obj_value(o) : JS_EXCEPTION;
}

JSValue js_new_object(JSContext *ctx)
{
    return js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
}

JSValue js_get_prototype_from_ctor(JSContext *ctx, JSValue new_target, JSClassID id)
{
    if (js_is_object(new_target)) {
        JSValue proto = js_get_property(ctx, new_target, JS_ATOM_prototype);
        if (js_is_exception(proto))
            return JS_EXCEPTION;
        if (js_is_object(proto))
            return proto;
        JSContext *realm = js_get_function_realm(ctx, new_target);
        if (!realm)
            return JS_EXCEPTION;
        return js_realm_class_proto(realm, id);
    }
    return js_realm_class_proto(ctx, id);
}

JSValue js_create_from_ctor(JSContext *ctx, JSValue new_target, JSClassID id)
{
    JSValue proto = JS_UNDEFINED;
    uint32_t attrs;
    int slot;
    /* `new F` of a bytecode function: its own data property `prototype`
       is read without the generic [[Get]] (a bytecode function has no
       property hooks) */
    if (js_object_is_class(new_target, JS_CLASS_FUNCTION) &&
        (slot = js_shape_lookup_inline(JS_VALUE_GET_OBJ(new_target)->shape, JS_ATOM_prototype, &attrs)) >= 0 &&
        !(attrs & JS_PROP_ACCESSOR))
        proto = JS_VALUE_GET_OBJ(new_target)->slots[slot];
    if (!js_is_object(proto))
        proto = js_get_prototype_from_ctor(ctx, new_target, id);
    if (js_is_exception(proto))
        return JS_EXCEPTION;
    if (!js_is_object(proto))
        proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSObject *o = new_object(ctx, proto, id, 0, id == JS_CLASS_OBJECT);
    return o ? js_obj_value(o) : JS_EXCEPTION;
}

JSAccessorPair *js_new_accessor_pair(JSContext *ctx, JSValue getter, JSValue setter)
{
    JSRoot rg, rs;
    js_root_push(ctx, &rg, getter);
    js_root_push(ctx, &rs, setter);
    JSAccessorPair *ap = js_gc_alloc(ctx, JS_CELL_ACCESSOR, sizeof(JSAccessorPair));
    js_root_pop(ctx, &rg);
    if (!ap)
        return NULL;
    ap->getter = getter;
    ap->setter = setter;
    return ap;
}

/* ---- shape edits on one object ---- */

/* Gives o a dictionary shape of its own that may change in place: a
 * shared shape is copied into a dictionary, and so is a dictionary an
 * inline cache holds (JS_SHAPE_IC_HELD), so that the cache sees another
 * shape. Every in-place change of a dictionary comes after this call.
 * May collect; -1 on OOM. */
int js_object_to_dict(JSContext *ctx, JSObject *o)
{
    if ((o->shape->h.flags & (JS_SHAPE_DICT | JS_SHAPE_IC_HELD)) == JS_SHAPE_DICT)
        return 0;
    JSRoot r;
    js_root_push(ctx, &r, js_obj_value(o));
    JSShape *sh = js_shape_to_dict(ctx, o->shape);
    js_root_pop(ctx, &r);
    if (!sh)
        return -1;
    JS_STORE_PTR(ctx, o, o->shape, sh);
    return 0;
}

/* Adds a new own property (absent before). val is a value or, with
 * JS_PROP_ACCESSOR, an accessor pair cell value. May collect; -1 on OOM. */
int js_object_add_property(JSContext *ctx, JSObject *o, JSAtom atom, uint32_t attrs, JSValue val)
{
    JSShape *sh = o->shape;
    if (!(sh->h.flags & JS_SHAPE_DICT)) {
        if (sh->prop_count < JS_SHAPE_MAX_SHARED_PROPS) {
            JSRoot ro, rv;
            js_root_push(ctx, &ro, js_obj_value(o));
            js_root_push(ctx, &rv, val);
            JSShape *nsh = js_shape_add_transition(ctx, sh, atom, attrs);
            js_root_pop(ctx, &ro);
            if (!nsh)
                return -1;
            if (js_object_reserve_slots(ctx, o, nsh->prop_count) < 0)
                return -1;
            o->slots[nsh->prop_count - 1] = val;
            JS_STORE_PTR(ctx, o, o->shape, nsh);
            return 0;
        }
    }
    if ((sh->h.flags & (JS_SHAPE_DICT | JS_SHAPE_IC_HELD)) != JS_SHAPE_DICT) {
        JSRoot rv, ra;
        js_root_push(ctx, &rv, val);
        js_root_push_atom(ctx, &ra, atom);
        int ret = js_object_to_dict(ctx, o);
        js_root_pop(ctx, &rv);
        if (ret < 0)
            return -1;
        sh = o->shape;
    }
    if (js_object_reserve_slots(ctx, o, sh->prop_count + 1) < 0)
        return -1;
    int slot = js_shape_dict_append(ctx, sh, atom, attrs);
    if (slot < 0)
        return -1;
    o->slots[slot] = val;
    return 0;
}

/* Removes own property at slot (configurable, checked by the caller).
 * May collect; -1 on OOM. */
static int remove_slot(JSContext *ctx, JSObject *o, uint32_t slot)
{
    JSShape *sh = o->shape;
    if (!(sh->h.flags & JS_SHAPE_DICT)) {
        /* back to the parent when it is the shape without this one
         * property (a shape made in one step adds several) */
        if (slot == sh->prop_count - 1 && sh->parent && sh->parent->prop_count == slot) {
            o->slots[slot] = JS_UNDEFINED;
            JS_STORE_PTR(ctx, o, o->shape, sh->parent);
            return 0;
        }
    }
    if (js_object_to_dict(ctx, o) < 0)
        return -1;
    sh = o->shape;
    js_shape_dict_remove(ctx->rt, sh, slot);
    o->slots[slot] = JS_UNDEFINED;
    if (sh->deleted_count > 8 && sh->deleted_count * 2 > sh->prop_count)
        js_shape_dict_compact(ctx->rt, o);
    return 0;
}

/* ---- descriptors ---- */

static void fill_desc(JSObject *o, uint32_t slot, uint32_t attrs, JSPropertyDescriptor *desc)
{
    if (!desc)
        return;
    if (attrs & JS_PROP_ACCESSOR) {
        JSAccessorPair *ap = js_get_ptr(o->slots[slot]);
        desc->flags = (attrs & (JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE)) | JS_DESC_HAS_GET |
                      JS_DESC_HAS_SET | JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
        desc->getter = ap->getter;
        desc->setter = ap->setter;
        desc->value = JS_UNDEFINED;
    } else {
        desc->flags = (attrs & JS_PROP_C_W_E) | JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE |
                      JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
        desc->value = o->slots[slot];
        desc->getter = desc->setter = JS_UNDEFINED;
    }
}

static inline void desc_data(JSPropertyDescriptor *d, JSValue v, uint32_t attrs)
{
    d->flags = (attrs & JS_PROP_C_W_E) | JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE |
               JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
    d->value = v;
    d->getter = d->setter = JS_UNDEFINED;
}

static inline bool is_accessor_desc(const JSPropertyDescriptor *d)
{
    return (d->flags & (JS_DESC_HAS_GET | JS_DESC_HAS_SET)) != 0;
}
static inline bool is_data_desc(const JSPropertyDescriptor *d)
{
    return (d->flags & (JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE)) != 0;
}

int js_ordinary_get_own_property(JSContext *ctx, JSObject *o, JSAtom prop, JSPropertyDescriptor *desc)
{
    if ((o->h.flags & JS_OBJ_FAST_ARRAY) && js_atom_is_int(prop)) {
        JSValue v = js_array_fast_get(o, js_atom_get_int(prop));
        if (js_is_empty(v))
            return 0;
        if (desc)
            desc_data(desc, v, JS_PROP_C_W_E);
        return 1;
    }
    uint32_t attrs;
    int slot = js_shape_lookup_inline(o->shape, prop, &attrs);
    if (slot < 0)
        return 0;
    fill_desc(o, (uint32_t)slot, attrs, desc);
    return 1;
}

static inline const JSClass *obj_class(JSContext *ctx, JSObject *o)
{
    return ctx->rt->classes[o->h.aux];
}

static int get_own_property_obj(JSContext *ctx, JSObject *o, JSAtom prop, JSPropertyDescriptor *desc)
{
    if (o->h.flags & JS_OBJ_EXOTIC) {
        const JSClass *c = obj_class(ctx, o);
        if (c->get_own_property)
            return c->get_own_property(ctx, o, prop, desc);
    }
    return js_ordinary_get_own_property(ctx, o, prop, desc);
}

int js_get_own_property(JSContext *ctx, JSValue obj, JSAtom prop, JSPropertyDescriptor *desc)
{
    return get_own_property_obj(ctx, JS_VALUE_GET_OBJ(obj), prop, desc);
}

static int fail(JSContext *ctx, int flags, const char *msg, JSAtom prop)
{
    if (flags & JS_THROW) {
        js_throw_type_error_atom(ctx, msg, prop);
        return -1;
    }
    return 0;
}

/* ValidateAndApplyPropertyDescriptor for an ordinary object o (current
 * looked up here). */
int js_ordinary_define_own_property(JSContext *ctx, JSObject *o, JSAtom prop,
                                    const JSPropertyDescriptor *desc, int flags)
{
    uint32_t df = desc->flags;
    if ((o->h.flags & JS_OBJ_FAST_ARRAY) && js_atom_is_int(prop)) {
        uint32_t idx = js_atom_get_int(prop);
        JSArray *a = (JSArray *)o;
        uint32_t len = js_array_length_fast(o);
        bool present = idx < len && !js_is_empty(a->elems[idx]);
        bool plain;
        if (is_accessor_desc(desc)) {
            plain = false;
        } else if (present) {
            plain = (!(df & JS_DESC_HAS_WRITABLE) || (df & JS_PROP_WRITABLE)) &&
                    (!(df & JS_DESC_HAS_ENUMERABLE) || (df & JS_PROP_ENUMERABLE)) &&
                    (!(df & JS_DESC_HAS_CONFIGURABLE) || (df & JS_PROP_CONFIGURABLE));
        } else {
            plain = idx < len && (df & JS_DESC_HAS_WRITABLE) && (df & JS_PROP_WRITABLE) &&
                    (df & JS_DESC_HAS_ENUMERABLE) && (df & JS_PROP_ENUMERABLE) &&
                    (df & JS_DESC_HAS_CONFIGURABLE) && (df & JS_PROP_CONFIGURABLE);
        }
        if (plain) {
            if (df & JS_DESC_HAS_VALUE)
                a->elems[idx] = desc->value;
            else if (!present)
                a->elems[idx] = JS_UNDEFINED;
            return 1;
        }
        JSRoot r0, r1, r2;
        js_root_push(ctx, &r0, desc->value);
        js_root_push(ctx, &r1, desc->getter);
        js_root_push(ctx, &r2, desc->setter);
        int ret = js_array_make_slow(ctx, o);
        js_root_pop(ctx, &r0);
        if (ret < 0)
            return -1;
    }
    uint32_t attrs;
    int slot = js_shape_lookup_inline(o->shape, prop, &attrs);
    if (slot < 0) {
        if (!(o->h.flags & JS_OBJ_EXTENSIBLE))
            return fail(ctx, flags, "Cannot define property %s, object is not extensible", prop);
        uint32_t na = df & (JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE);
        if (is_accessor_desc(desc)) {
            JSValue g = (df & JS_DESC_HAS_GET) ? desc->getter : JS_UNDEFINED;
            JSValue s = (df & JS_DESC_HAS_SET) ? desc->setter : JS_UNDEFINED;
            JSRoot ro, ra;
            js_root_push(ctx, &ro, js_obj_value(o));
            js_root_push_atom(ctx, &ra, prop);
            JSAccessorPair *ap = js_new_accessor_pair(ctx, g, s);
            int ret = -1;
            if (ap)
                ret = js_object_add_property(ctx, o, prop, na | JS_PROP_ACCESSOR, js_mkptr(JS_TAG_CELL, ap));
            js_root_pop(ctx, &ro);
            if (ret < 0)
                return -1;
        } else {
            na |= df & JS_PROP_WRITABLE;
            JSValue v = (df & JS_DESC_HAS_VALUE) ? desc->value : JS_UNDEFINED;
            if (js_object_add_property(ctx, o, prop, na, v) < 0)
                return -1;
        }
        return 1;
    }
    /* current exists */
    if (!(df & (JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE | JS_DESC_HAS_GET | JS_DESC_HAS_SET |
                JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE)))
        return 1;
    bool cur_acc = (attrs & JS_PROP_ACCESSOR) != 0;
    JSAccessorPair *cur_ap = cur_acc ? js_get_ptr(o->slots[slot]) : NULL;
    if (!(attrs & JS_PROP_CONFIGURABLE)) {
        if ((df & JS_DESC_HAS_CONFIGURABLE) && (df & JS_PROP_CONFIGURABLE))
            goto refuse;
        if ((df & JS_DESC_HAS_ENUMERABLE) &&
            ((df & JS_PROP_ENUMERABLE) != 0) != ((attrs & JS_PROP_ENUMERABLE) != 0))
            goto refuse;
        bool generic = !is_accessor_desc(desc) && !is_data_desc(desc);
        if (!generic && is_accessor_desc(desc) != cur_acc)
            goto refuse;
        if (cur_acc) {
            if ((df & JS_DESC_HAS_GET) && !js_same_value(ctx, desc->getter, cur_ap->getter))
                goto refuse;
            if ((df & JS_DESC_HAS_SET) && !js_same_value(ctx, desc->setter, cur_ap->setter))
                goto refuse;
        } else if (!(attrs & JS_PROP_WRITABLE)) {
            if ((df & JS_DESC_HAS_WRITABLE) && (df & JS_PROP_WRITABLE))
                goto refuse;
            if ((df & JS_DESC_HAS_VALUE) && !js_same_value(ctx, desc->value, o->slots[slot]))
                goto refuse;
        }
    }
    /* apply */
    uint32_t na = attrs;
    if (df & JS_DESC_HAS_CONFIGURABLE)
        na = (na & ~JS_PROP_CONFIGURABLE) | (df & JS_PROP_CONFIGURABLE);
    if (df & JS_DESC_HAS_ENUMERABLE)
        na = (na & ~JS_PROP_ENUMERABLE) | (df & JS_PROP_ENUMERABLE);
    JSValue nv = o->slots[slot];
    if (!cur_acc && is_accessor_desc(desc)) {
        JSValue g = (df & JS_DESC_HAS_GET) ? desc->getter : JS_UNDEFINED;
        JSValue s = (df & JS_DESC_HAS_SET) ? desc->setter : JS_UNDEFINED;
        JSRoot ro;
        js_root_push(ctx, &ro, js_obj_value(o));
        JSAccessorPair *ap = js_new_accessor_pair(ctx, g, s);
        js_root_pop(ctx, &ro);
        if (!ap)
            return -1;
        na = (na & ~JS_PROP_WRITABLE) | JS_PROP_ACCESSOR;
        nv = js_mkptr(JS_TAG_CELL, ap);
    } else if (cur_acc && is_data_desc(desc)) {
        na &= ~(JS_PROP_ACCESSOR | JS_PROP_WRITABLE);
        na |= df & JS_PROP_WRITABLE;   /* absent writable: false */
        nv = (df & JS_DESC_HAS_VALUE) ? desc->value : JS_UNDEFINED;
    } else if (cur_acc) {
        /* update the pair in place below (no allocation) */
    } else {
        if (df & JS_DESC_HAS_WRITABLE)
            na = (na & ~JS_PROP_WRITABLE) | (df & JS_PROP_WRITABLE);
        if (df & JS_DESC_HAS_VALUE)
            nv = desc->value;
    }
    if (na != attrs) {
        /* attribute change: the object leaves the shared shapes */
        JSRoot rv;
        js_root_push(ctx, &rv, nv);
        int ret = js_object_to_dict(ctx, o);
        js_root_pop(ctx, &rv);
        if (ret < 0)
            return -1;
        o->shape->props[slot].attrs = na;
    }
    if (cur_acc && !is_data_desc(desc) && is_accessor_desc(desc)) {
        cur_ap = js_get_ptr(o->slots[slot]);
        if (cur_ap->h.flags & JS_ACCESSOR_SHARED) {
            JSValue g = (df & JS_DESC_HAS_GET) ? desc->getter : cur_ap->getter;
            JSValue s = (df & JS_DESC_HAS_SET) ? desc->setter : cur_ap->setter;
            JSRoot ro;
            js_root_push(ctx, &ro, js_obj_value(o));
            JSAccessorPair *ap = js_new_accessor_pair(ctx, g, s);
            js_root_pop(ctx, &ro);
            if (!ap)
                return -1;
            JS_STORE(ctx, o, o->slots[slot], js_mkptr(JS_TAG_CELL, ap));
            return 1;
        }
        if (df & JS_DESC_HAS_GET)
            JS_STORE(ctx, cur_ap, cur_ap->getter, desc->getter);
        if (df & JS_DESC_HAS_SET)
            JS_STORE(ctx, cur_ap, cur_ap->setter, desc->setter);
    } else {
        JS_STORE(ctx, o, o->slots[slot], nv);
    }
    return 1;
refuse:
    return fail(ctx, flags, "Cannot redefine property: %s", prop);
}

int js_define_property(JSContext *ctx, JSValue obj, JSAtom prop, const JSPropertyDescriptor *desc, int flags)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (o->h.flags & JS_OBJ_EXOTIC) {
        const JSClass *c = obj_class(ctx, o);
        if (c->define_own_property)
            return c->define_own_property(ctx, o, prop, desc, flags);
    }
    return js_ordinary_define_own_property(ctx, o, prop, desc, flags);
}

int js_define_property_value(JSContext *ctx, JSValue obj, JSAtom prop, JSValue val, uint32_t attrs)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (!(o->h.flags & JS_OBJ_EXOTIC) && (o->h.flags & JS_OBJ_EXTENSIBLE)) {
        uint32_t a;
        if (js_shape_lookup_inline(o->shape, prop, &a) < 0) {
            if (js_object_add_property(ctx, o, prop, attrs & JS_PROP_C_W_E, val) < 0)
                return -1;
            return 1;
        }
    }
    JSPropertyDescriptor d;
    desc_data(&d, val, attrs);
    return js_define_property(ctx, obj, prop, &d, JS_THROW);
}

int js_define_property_getset(JSContext *ctx, JSValue obj, JSAtom prop, JSValue getter, JSValue setter, uint32_t attrs)
{
    JSPropertyDescriptor d;
    d.flags = (attrs & (JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE)) | JS_DESC_HAS_GET | JS_DESC_HAS_SET |
              JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
    d.value = JS_UNDEFINED;
    d.getter = getter;
    d.setter = setter;
    return js_define_property(ctx, obj, prop, &d, JS_THROW);
}

int js_create_data_property(JSContext *ctx, JSValue obj, JSAtom prop, JSValue val, int flags)
{
    JSPropertyDescriptor d;
    desc_data(&d, val, JS_PROP_C_W_E);
    return js_define_property(ctx, obj, prop, &d, flags);
}

/* ---- prototype and extensibility ---- */

JSValue js_get_prototype_of(JSContext *ctx, JSValue obj)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (o->h.flags & JS_OBJ_EXOTIC) {
        const JSClass *c = obj_class(ctx, o);
        if (c->get_prototype_of)
            return c->get_prototype_of(ctx, o);
    }
    return o->shape->proto ? js_obj_value(o->shape->proto) : JS_NULL;
}

/* OrdinarySetPrototypeOf (and SetImmutablePrototype). */
static int ordinary_set_prototype_of(JSContext *ctx, JSObject *o, JSValue proto, int flags)
{
    JSObject *np = js_is_object(proto) ? JS_VALUE_GET_OBJ(proto) : NULL;
    if (np == o->shape->proto)
        return 1;
    if (o->h.flags & JS_OBJ_IMMUTABLE_PROTO) {
        if (flags & JS_THROW)
            js_throw_type_error(ctx, "cannot set the prototype of an immutable prototype object");
        return flags & JS_THROW ? -1 : 0;
    }
    if (!(o->h.flags & JS_OBJ_EXTENSIBLE)) {
        if (flags & JS_THROW)
            js_throw_type_error(ctx, "object is not extensible");
        return flags & JS_THROW ? -1 : 0;
    }
    for (JSObject *p = np; p;) {
        if (p == o) {
            if (flags & JS_THROW)
                js_throw_type_error(ctx, "cyclic __proto__ value");
            return flags & JS_THROW ? -1 : 0;
        }
        if ((p->h.flags & JS_OBJ_EXOTIC) && obj_class(ctx, p)->get_prototype_of)
            break;
        p = p->shape->proto;
    }
    JSShape *sh = o->shape;
    if (sh->h.flags & JS_SHAPE_DICT) {
        JSRoot ro, rp;
        js_root_push(ctx, &ro, js_obj_value(o));
        js_root_push(ctx, &rp, np ? js_obj_value(np) : JS_NULL);
        int ret = js_object_to_dict(ctx, o);
        js_root_pop(ctx, &ro);
        if (ret < 0)
            return -1;
        sh = o->shape;
        JS_STORE_PTR(ctx, sh, sh->proto, np);
    } else {
        JSRoot ro;
        js_root_push(ctx, &ro, js_obj_value(o));
        JSShape *nsh = js_shape_with_proto(ctx, sh, np);
        js_root_pop(ctx, &ro);
        if (!nsh)
            return -1;
        JS_STORE_PTR(ctx, o, o->shape, nsh);
    }
    if (np)
        np->h.flags |= JS_OBJ_PROTOTYPE;
    return 1;
}

int js_set_prototype_of(JSContext *ctx, JSValue obj, JSValue proto, int flags)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (o->h.flags & JS_OBJ_EXOTIC) {
        const JSClass *c = obj_class(ctx, o);
        if (c->set_prototype_of)
            return c->set_prototype_of(ctx, o, proto, flags);
    }
    return ordinary_set_prototype_of(ctx, o, proto, flags);
}

int js_is_extensible(JSContext *ctx, JSValue obj)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (o->h.flags & JS_OBJ_EXOTIC) {
        const JSClass *c = obj_class(ctx, o);
        if (c->is_extensible)
            return c->is_extensible(ctx, o);
    }
    return (o->h.flags & JS_OBJ_EXTENSIBLE) != 0;
}

int js_prevent_extensions(JSContext *ctx, JSValue obj, int flags)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (o->h.flags & JS_OBJ_EXOTIC) {
        const JSClass *c = obj_class(ctx, o);
        if (c->prevent_extensions)
            return c->prevent_extensions(ctx, o, flags);
    }
    if (o->h.flags & JS_OBJ_FAST_ARRAY) {
        if (js_array_make_slow(ctx, o) < 0)
            return -1;
    }
    o->h.flags &= (uint16_t)~JS_OBJ_EXTENSIBLE;
    return 1;
}

/* ---- [[Get]] ---- */

static JSValue call_getter(JSContext *ctx, JSValue getter, JSValue receiver)
{
    if (js_is_undefined(getter))
        return JS_UNDEFINED;
    return js_call(ctx, getter, receiver, 0, NULL);
}

/* The [[Get]] loop from o up the prototype chain. skip_hook: o's own
 * `get` hook is not used (OrdinaryGet called by that hook). */
static JSValue get_from(JSContext *ctx, JSObject *o, JSAtom prop, JSValue receiver, bool skip_hook)
{
    for (;;) {
        if (js_unlikely(o->h.flags & JS_OBJ_EXOTIC)) {
            const JSClass *c = obj_class(ctx, o);
            if (c->get && !skip_hook)
                return c->get(ctx, o, prop, receiver);
            skip_hook = false;
            if (c->get_own_property) {
                JSPropertyDescriptor d;
                JSRoot rr, ra;
                js_root_push(ctx, &rr, receiver);
                js_root_push_atom(ctx, &ra, prop);
                int r = c->get_own_property(ctx, o, prop, &d);
                js_root_pop(ctx, &rr);
                if (r < 0)
                    return JS_EXCEPTION;
                if (r) {
                    if (d.flags & JS_DESC_HAS_GET)
                        return call_getter(ctx, d.getter, receiver);
                    return d.value;
                }
                JSValue p;
                if (c->get_prototype_of) {
                    p = c->get_prototype_of(ctx, o);
                    if (js_is_exception(p))
                        return JS_EXCEPTION;
                } else {
                    p = o->shape->proto ? js_obj_value(o->shape->proto) : JS_NULL;
                }
                if (!js_is_object(p))
                    return JS_UNDEFINED;
                o = JS_VALUE_GET_OBJ(p);
                continue;
            }
        }
        skip_hook = false;
        if ((o->h.flags & JS_OBJ_FAST_ARRAY) && js_atom_is_int(prop)) {
            JSValue v = js_array_fast_get(o, js_atom_get_int(prop));
            if (!js_is_empty(v))
                return v;
        } else {
            uint32_t attrs;
            int slot = js_shape_lookup_inline(o->shape, prop, &attrs);
            if (slot >= 0) {
                if (js_likely(!(attrs & JS_PROP_ACCESSOR)))
                    return o->slots[slot];
                JSAccessorPair *ap = js_get_ptr(o->slots[slot]);
                return call_getter(ctx, ap->getter, receiver);
            }
        }
        o = o->shape->proto;
        if (!o)
            return JS_UNDEFINED;
    }
}

JSValue js_ordinary_get(JSContext *ctx, JSObject *o, JSAtom prop, JSValue receiver)
{
    return get_from(ctx, o, prop, receiver, true);
}

/* Own properties of a string primitive: length and indexes. 1 found. */
static int string_prim_own(JSContext *ctx, JSValue s, JSAtom prop, JSValue *out)
{
    uint32_t len = js_string_len(s);
    if (prop == JS_ATOM_length) {
        *out = js_int((int32_t)len);
        return 1;
    }
    if (js_atom_is_int(prop) && js_atom_get_int(prop) < len) {
        int c = js_string_char_at(ctx, s, js_atom_get_int(prop));
        if (c < 0)
            return -1;
        *out = js_new_string_char(ctx, (uint16_t)c);
        return js_is_exception(*out) ? -1 : 1;
    }
    return 0;
}

JSObject *js_primitive_proto(JSContext *ctx, JSValue v)
{
    JSClassID id;
    if (js_is_number(v))
        id = JS_CLASS_NUMBER;
    else if (js_is_string(v))
        id = JS_CLASS_STRING;
    else if (js_is_bool(v))
        id = JS_CLASS_BOOLEAN;
    else if (js_is_symbol(v))
        id = JS_CLASS_SYMBOL;
    else if (js_is_bigint(v))
        id = JS_CLASS_BIGINT;
    else
        return NULL;
    JSValue p = ctx->class_proto[id];
    return js_is_object(p) ? JS_VALUE_GET_OBJ(p) : NULL;
}

static JSValue throw_nullish(JSContext *ctx, JSValue obj, JSAtom prop, bool is_set)
{
    return js_throw_nullish_access(ctx, obj, prop, JS_UNDEFINED, is_set);
}

JSValue js_get_property_receiver(JSContext *ctx, JSValue obj, JSAtom prop, JSValue receiver)
{
    if (js_likely(js_is_object(obj)))
        return get_from(ctx, JS_VALUE_GET_OBJ(obj), prop, receiver, false);
    if (js_is_string(obj)) {
        JSValue v;
        int r = string_prim_own(ctx, obj, prop, &v);
        if (r)
            return r < 0 ? JS_EXCEPTION : v;
    }
    JSObject *p = js_primitive_proto(ctx, obj);
    if (!p) {
        if (js_is_nullish(obj))
            return throw_nullish(ctx, obj, prop, false);
        return JS_UNDEFINED;
    }
    return get_from(ctx, p, prop, receiver, false);
}

JSValue js_get_property(JSContext *ctx, JSValue obj, JSAtom prop)
{
    return js_get_property_receiver(ctx, obj, prop, obj);
}

/* ---- [[HasProperty]] ---- */

int js_has_property(JSContext *ctx, JSValue obj, JSAtom prop)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    JSRoot ra;
    js_root_push_atom(ctx, &ra, prop);
    int ret;
    for (;;) {
        if (o->h.flags & JS_OBJ_EXOTIC) {
            const JSClass *c = obj_class(ctx, o);
            if (c->has_property) {
                ret = c->has_property(ctx, o, prop);
                break;
            }
        }
        ret = get_own_property_obj(ctx, o, prop, NULL);
        if (ret != 0)
            break;
        JSValue p = js_get_prototype_of(ctx, js_obj_value(o));
        if (js_is_exception(p)) {
            ret = -1;
            break;
        }
        if (!js_is_object(p))
            break;
        o = JS_VALUE_GET_OBJ(p);
    }
    js_root_pop(ctx, &ra);
    return ret;
}

/* ---- [[Set]] ---- */

static int set_fail_readonly(JSContext *ctx, int flags, JSAtom prop)
{
    return fail(ctx, flags, "Cannot assign to read only property '%s'", prop);
}

/* The tail of OrdinarySetWithOwnDescriptor once a writable data property
 * (or no property) was found on the chain: define on the receiver. */
static int set_on_receiver(JSContext *ctx, JSAtom prop, JSValue val, JSValue receiver, int flags)
{
    if (!js_is_object(receiver))
        return set_fail_readonly(ctx, flags, prop);
    JSObject *r = JS_VALUE_GET_OBJ(receiver);
    /* fast path: ordinary receiver */
    if (!(r->h.flags & JS_OBJ_EXOTIC)) {
        uint32_t attrs;
        int slot = js_shape_lookup_inline(r->shape, prop, &attrs);
        if (slot >= 0) {
            if (attrs & JS_PROP_ACCESSOR)
                return set_fail_readonly(ctx, flags, prop);
            if (!(attrs & JS_PROP_WRITABLE))
                return set_fail_readonly(ctx, flags, prop);
            JS_STORE(ctx, r, r->slots[slot], val);
            return 1;
        }
        if (!(r->h.flags & JS_OBJ_EXTENSIBLE))
            return fail(ctx, flags, "Cannot add property %s, object is not extensible", prop);
        if (js_object_add_property(ctx, r, prop, JS_PROP_C_W_E, val) < 0)
            return -1;
        return 1;
    }
    JSPropertyDescriptor ex;
    JSRoot rv, rr, ra;
    js_root_push(ctx, &rv, val);
    js_root_push(ctx, &rr, receiver);
    js_root_push_atom(ctx, &ra, prop);
    int ret = get_own_property_obj(ctx, r, prop, &ex);
    if (ret < 0)
        goto done;
    if (ret) {
        if (is_accessor_desc(&ex) || !(ex.flags & JS_PROP_WRITABLE)) {
            ret = set_fail_readonly(ctx, flags, prop);
            goto done;
        }
        JSPropertyDescriptor d;
        d.flags = JS_DESC_HAS_VALUE;
        d.value = val;
        d.getter = d.setter = JS_UNDEFINED;
        ret = js_define_property(ctx, receiver, prop, &d, flags);
    } else {
        ret = js_create_data_property(ctx, receiver, prop, val, flags);
        if (ret == 0 && (flags & JS_THROW)) {
            /* define refused without throwing (hook semantics) */
            ret = fail(ctx, flags, "Cannot add property '%s'", prop);
        }
    }
done:
    js_root_pop(ctx, &rv);
    return ret;
}

static int call_setter(JSContext *ctx, JSValue setter, JSValue receiver, JSValue val, int flags, JSAtom prop)
{
    if (js_is_undefined(setter))
        return fail(ctx, flags, "Cannot set property '%s' which has only a getter", prop);
    JSRoot rv;
    js_root_push(ctx, &rv, val);
    JSValue r = js_call(ctx, setter, receiver, 1, &rv.v);
    js_root_pop(ctx, &rv);
    return js_is_exception(r) ? -1 : 1;
}

static int set_from(JSContext *ctx, JSObject *o, JSAtom prop, JSValue val, JSValue receiver, int flags, bool skip_hook)
{
    JSObject *start = o;
    for (;;) {
        if (js_unlikely(o->h.flags & JS_OBJ_EXOTIC)) {
            const JSClass *c = obj_class(ctx, o);
            if (c->set && !(skip_hook && o == start))
                return c->set(ctx, o, prop, val, receiver, flags);
            if (c->get_own_property) {
                JSPropertyDescriptor d;
                JSRoot rv, rr, ra;
                js_root_push(ctx, &rv, val);
                js_root_push(ctx, &rr, receiver);
                js_root_push_atom(ctx, &ra, prop);
                int r = get_own_property_obj(ctx, o, prop, &d);
                JSValue p = JS_NULL;
                if (r == 0) {
                    p = js_get_prototype_of(ctx, js_obj_value(o));
                    if (js_is_exception(p))
                        r = -1;
                }
                js_root_pop(ctx, &rv);
                if (r < 0)
                    return -1;
                if (r) {
                    if (is_accessor_desc(&d))
                        return call_setter(ctx, d.setter, receiver, val, flags, prop);
                    if (!(d.flags & JS_PROP_WRITABLE))
                        return set_fail_readonly(ctx, flags, prop);
                    return set_on_receiver(ctx, prop, val, receiver, flags);
                }
                if (!js_is_object(p))
                    return set_on_receiver(ctx, prop, val, receiver, flags);
                o = JS_VALUE_GET_OBJ(p);
                continue;
            }
        }
        if ((o->h.flags & JS_OBJ_FAST_ARRAY) && js_atom_is_int(prop)) {
            uint32_t idx = js_atom_get_int(prop);
            JSArray *a = (JSArray *)o;
            if (idx < js_array_length_fast(o) && !js_is_empty(a->elems[idx])) {
                if (receiver == js_obj_value(o)) {
                    JS_STORE(ctx, o, a->elems[idx], val);
                    return 1;
                }
                return set_on_receiver(ctx, prop, val, receiver, flags);
            }
        } else {
            uint32_t attrs;
            int slot = js_shape_lookup_inline(o->shape, prop, &attrs);
            if (slot >= 0) {
                if (attrs & JS_PROP_ACCESSOR) {
                    JSAccessorPair *ap = js_get_ptr(o->slots[slot]);
                    return call_setter(ctx, ap->setter, receiver, val, flags, prop);
                }
                if (!(attrs & JS_PROP_WRITABLE))
                    return set_fail_readonly(ctx, flags, prop);
                if (receiver == js_obj_value(o) &&
                    !(o->h.aux == JS_CLASS_ARRAY && prop == JS_ATOM_length)) {
                    JS_STORE(ctx, o, o->slots[slot], val);
                    return 1;
                }
                return set_on_receiver(ctx, prop, val, receiver, flags);
            }
        }
        o = o->shape->proto;
        if (!o)
            return set_on_receiver(ctx, prop, val, receiver, flags);
    }
}

int js_ordinary_set(JSContext *ctx, JSObject *o, JSAtom prop, JSValue val, JSValue receiver, int flags)
{
    return set_from(ctx, o, prop, val, receiver, flags, true);
}

int js_set_property_receiver(JSContext *ctx, JSValue obj, JSAtom prop, JSValue val, JSValue receiver, int flags)
{
    if (js_likely(js_is_object(obj)))
        return set_from(ctx, JS_VALUE_GET_OBJ(obj), prop, val, receiver, flags, false);
    if (js_is_nullish(obj)) {
        throw_nullish(ctx, obj, prop, true);
        return -1;
    }
    if (js_is_string(obj)) {
        uint32_t len = js_string_len(obj);
        if (prop == JS_ATOM_length || (js_atom_is_int(prop) && js_atom_get_int(prop) < len))
            return set_fail_readonly(ctx, flags, prop);
    }
    JSObject *p = js_primitive_proto(ctx, obj);
    if (!p)
        return set_fail_readonly(ctx, flags, prop);
    return set_from(ctx, p, prop, val, receiver, flags, false);
}

int js_set_property(JSContext *ctx, JSValue obj, JSAtom prop, JSValue val, int flags)
{
    return js_set_property_receiver(ctx, obj, prop, val, obj, flags);
}

/* ---- [[Delete]] ---- */

int js_ordinary_delete(JSContext *ctx, JSObject *o, JSAtom prop, int flags)
{
    if ((o->h.flags & JS_OBJ_FAST_ARRAY) && js_atom_is_int(prop)) {
        uint32_t idx = js_atom_get_int(prop);
        JSArray *a = (JSArray *)o;
        if (idx < js_array_length_fast(o))
            a->elems[idx] = JS_EMPTY;
        return 1;
    }
    uint32_t attrs;
    int slot = js_shape_lookup_inline(o->shape, prop, &attrs);
    if (slot < 0)
        return 1;
    if (!(attrs & JS_PROP_CONFIGURABLE))
        return fail(ctx, flags, "Cannot delete property '%s'", prop);
    if (remove_slot(ctx, o, (uint32_t)slot) < 0)
        return -1;
    return 1;
}

int js_delete_property(JSContext *ctx, JSValue obj, JSAtom prop, int flags)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (o->h.flags & JS_OBJ_EXOTIC) {
        const JSClass *c = obj_class(ctx, o);
        if (c->delete_property)
            return c->delete_property(ctx, o, prop, flags);
    }
    return js_ordinary_delete(ctx, o, prop, flags);
}

/* ---- [[OwnPropertyKeys]] ---- */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* True if the symbol atom at is a class private name: its properties are
 * private elements, which [[OwnPropertyKeys]] never lists. */
static bool atom_is_private(JSRuntime *rt, JSAtom at)
{
    return js_symbol_is_private(JS_VALUE_GET_SYMBOL(js_atom_value_raw(rt, at)));
}

/* Keys of o: extra_indexes (0..n_extra-1, string wrappers) first.
 * Private names are left out. */
JSValueArray *js_own_keys_with_prefix(JSContext *ctx, JSObject *o, uint32_t n_prefix)
{
    JSRuntime *rt = ctx->rt;
    JSShape *sh = o->shape;
    uint32_t n_idx = 0, n_str = 0, n_sym = 0;
    uint32_t elem_count = 0;
    if (o->h.flags & JS_OBJ_FAST_ARRAY) {
        JSArray *a = (JSArray *)o;
        uint32_t len = js_array_length_fast(o);
        for (uint32_t i = 0; i < len; i++)
            elem_count += !js_is_empty(a->elems[i]);
    }
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        JSAtom at = sh->props[i].atom;
        uint32_t idx;
        if (at == JS_ATOM_NULL)
            continue;
        if (js_atom_is_array_index(rt, at, &idx))
            n_idx++;
        else if (js_atom_is_symbol(rt, at))
            n_sym += !atom_is_private(rt, at);
        else
            n_str++;
    }
    uint32_t total_idx = n_prefix + elem_count + n_idx;
    uint32_t *idxs = NULL;
    if (total_idx) {
        idxs = malloc((size_t)total_idx * sizeof(uint32_t));
        if (!idxs) {
            js_throw_out_of_memory(ctx);
            return NULL;
        }
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < n_prefix; i++)
        idxs[k++] = i;
    if (o->h.flags & JS_OBJ_FAST_ARRAY) {
        JSArray *a = (JSArray *)o;
        uint32_t len = js_array_length_fast(o);
        for (uint32_t i = 0; i < len; i++)
            if (!js_is_empty(a->elems[i]))
                idxs[k++] = i;
    }
    uint32_t sorted_from = k;
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        uint32_t idx;
        JSAtom at = sh->props[i].atom;
        if (at != JS_ATOM_NULL && js_atom_is_array_index(rt, at, &idx))
            idxs[k++] = idx;
    }
    if (k - sorted_from > 1)
        qsort(idxs + sorted_from, k - sorted_from, sizeof(uint32_t), cmp_u32);
    JSRoot ro;
    js_root_push(ctx, &ro, js_obj_value(o));
    JSValueArray *arr = js_value_array_new(ctx, total_idx + n_str + n_sym);
    if (!arr) {
        js_root_pop(ctx, &ro);
        free(idxs);
        return NULL;
    }
    JSRoot rarr;
    js_root_push(ctx, &rarr, js_mkptr(JS_TAG_CELL, arr));
    uint32_t pos = 0;
    for (uint32_t i = 0; i < total_idx; i++) {
        JSValue v;
        if (idxs[i] <= JS_ATOM_MAX_INT) {
            v = js_atom_to_value(ctx, js_atom_from_uint(idxs[i]));
        } else {
            JSAtom at = js_atom_from_uint32(ctx, idxs[i]);
            v = at == JS_ATOM_NULL ? JS_EXCEPTION : js_atom_to_value(ctx, at);
        }
        if (js_is_exception(v)) {
            arr = NULL;
            goto done;
        }
        arr->values[pos++] = v;
    }
    sh = o->shape;
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        JSAtom at = sh->props[i].atom;
        uint32_t idx;
        if (at == JS_ATOM_NULL || js_atom_is_array_index(rt, at, &idx) || js_atom_is_symbol(rt, at))
            continue;
        arr->values[pos++] = js_atom_value_raw(rt, at);
    }
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        JSAtom at = sh->props[i].atom;
        if (at != JS_ATOM_NULL && js_atom_is_symbol(rt, at) && !atom_is_private(rt, at))
            arr->values[pos++] = js_atom_value_raw(rt, at);
    }
done:
    js_root_pop(ctx, &ro);
    free(idxs);
    return arr;
}

JSValueArray *js_ordinary_own_property_keys(JSContext *ctx, JSObject *o)
{
    return js_own_keys_with_prefix(ctx, o, 0);
}

JSValueArray *js_own_property_keys(JSContext *ctx, JSValue obj)
{
    JSObject *o = JS_VALUE_GET_OBJ(obj);
    if (o->h.flags & JS_OBJ_EXOTIC) {
        const JSClass *c = obj_class(ctx, o);
        if (c->own_property_keys)
            return c->own_property_keys(ctx, o);
    }
    return js_ordinary_own_property_keys(ctx, o);
}

/* ---- keyed access ---- */

JSAtom js_atom_from_index(JSContext *ctx, int64_t idx)
{
    if (idx >= 0 && idx <= JS_ATOM_MAX_INT)
        return js_atom_from_uint((uint32_t)idx);
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%lld", (long long)idx);
    return js_atom_from_utf8(ctx, buf, (size_t)n);
}

JSValue js_get_value(JSContext *ctx, JSValue obj, JSValue key)
{
    if (js_is_int(key) && js_get_int(key) >= 0) {
        uint32_t idx = (uint32_t)js_get_int(key);
        if (js_is_object(obj) && (JS_VALUE_GET_OBJ(obj)->h.flags & JS_OBJ_FAST_ARRAY)) {
            JSValue v = js_array_fast_get(JS_VALUE_GET_OBJ(obj), idx);
            if (!js_is_empty(v))
                return v;
        }
        return js_get_property(ctx, obj, js_atom_from_uint(idx));
    }
    if (js_is_nullish(obj)) {
        /* the key is converted after the base check, as GetValue does */
        JSAtom a = js_is_string(key) || js_is_symbol(key) ? js_value_to_atom(ctx, key) : JS_ATOM_empty_string;
        if (a == JS_ATOM_NULL)
            return JS_EXCEPTION;
        return throw_nullish(ctx, obj, a, false);
    }
    JSRoot ro;
    js_root_push(ctx, &ro, obj);
    JSAtom a = js_to_property_key(ctx, key);
    JSValue r = JS_EXCEPTION;
    if (a != JS_ATOM_NULL) {
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        r = js_get_property(ctx, ro.v, a);
    }
    js_root_pop(ctx, &ro);
    return r;
}

int js_set_value(JSContext *ctx, JSValue obj, JSValue key, JSValue val, int flags)
{
    if (js_is_int(key) && js_get_int(key) >= 0) {
        uint32_t idx = (uint32_t)js_get_int(key);
        if (js_is_object(obj)) {
            JSObject *o = JS_VALUE_GET_OBJ(obj);
            if ((o->h.flags & JS_OBJ_FAST_ARRAY) && idx < js_array_length_fast(o) &&
                !js_is_empty(((JSArray *)o)->elems[idx])) {
                JS_STORE(ctx, o, ((JSArray *)o)->elems[idx], val);
                return 1;
            }
        }
        return js_set_property(ctx, obj, js_atom_from_uint(idx), val, flags);
    }
    JSRoot ro, rv;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rv, val);
    JSAtom a = js_to_property_key(ctx, key);
    int r = -1;
    if (a != JS_ATOM_NULL) {
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        r = js_set_property(ctx, ro.v, a, rv.v, flags);
    }
    js_root_pop(ctx, &ro);
    return r;
}

JSValue js_get_index(JSContext *ctx, JSValue obj, int64_t idx)
{
    if (idx <= JS_ATOM_MAX_INT) {
        if (js_is_object(obj) && (JS_VALUE_GET_OBJ(obj)->h.flags & JS_OBJ_FAST_ARRAY)) {
            JSValue v = js_array_fast_get(JS_VALUE_GET_OBJ(obj), (uint32_t)idx);
            if (!js_is_empty(v))
                return v;
        }
        return js_get_property(ctx, obj, js_atom_from_uint((uint32_t)idx));
    }
    JSRoot ro;
    js_root_push(ctx, &ro, obj);
    JSAtom a = js_atom_from_index(ctx, idx);
    JSValue r = JS_EXCEPTION;
    if (a != JS_ATOM_NULL) {
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        r = js_get_property(ctx, ro.v, a);
    }
    js_root_pop(ctx, &ro);
    return r;
}

int js_set_index(JSContext *ctx, JSValue obj, int64_t idx, JSValue val, int flags)
{
    if (idx <= JS_ATOM_MAX_INT)
        return js_set_value(ctx, obj, js_int((int32_t)idx), val, flags);
    JSRoot ro, rv;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rv, val);
    JSAtom a = js_atom_from_index(ctx, idx);
    int r = -1;
    if (a != JS_ATOM_NULL) {
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        r = js_set_property(ctx, ro.v, a, rv.v, flags);
    }
    js_root_pop(ctx, &ro);
    return r;
}

static int with_index_atom(JSContext *ctx, JSValue obj, int64_t idx, int flags, int op, JSValue val)
{
    JSRoot ro, rv;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rv, val);
    JSAtom a = js_atom_from_index(ctx, idx);
    int r = -1;
    if (a != JS_ATOM_NULL) {
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        if (op == 0)
            r = js_delete_property(ctx, ro.v, a, flags);
        else if (op == 1)
            r = js_has_property(ctx, ro.v, a);
        else
            r = js_create_data_property(ctx, ro.v, a, rv.v, flags);
    }
    js_root_pop(ctx, &ro);
    return r;
}

int js_delete_index(JSContext *ctx, JSValue obj, int64_t idx, int flags)
{
    if (idx <= JS_ATOM_MAX_INT)
        return js_delete_property(ctx, obj, js_atom_from_uint((uint32_t)idx), flags);
    return with_index_atom(ctx, obj, idx, flags, 0, JS_UNDEFINED);
}

int js_has_index(JSContext *ctx, JSValue obj, int64_t idx)
{
    if (idx <= JS_ATOM_MAX_INT) {
        JSObject *o = JS_VALUE_GET_OBJ(obj);
        if ((o->h.flags & JS_OBJ_FAST_ARRAY) && !js_is_empty(js_array_fast_get(o, (uint32_t)idx)))
            return 1;
        return js_has_property(ctx, obj, js_atom_from_uint((uint32_t)idx));
    }
    return with_index_atom(ctx, obj, idx, 0, 1, JS_UNDEFINED);
}

int js_create_data_property_index(JSContext *ctx, JSValue obj, int64_t idx, JSValue val, int flags)
{
    if (idx <= JS_ATOM_MAX_INT) {
        JSObject *o = JS_VALUE_GET_OBJ(obj);
        if (o->h.flags & JS_OBJ_FAST_ARRAY) {
            uint32_t len = js_array_length_fast(o);
            if ((uint32_t)idx < len) {
                JS_STORE(ctx, o, ((JSArray *)o)->elems[idx], val);
                return 1;
            }
            if ((uint32_t)idx == len)
                return js_array_push_fast(ctx, o, val) < 0 ? -1 : 1;
        }
        return js_create_data_property(ctx, obj, js_atom_from_uint((uint32_t)idx), val, flags);
    }
    return with_index_atom(ctx, obj, idx, flags, 2, val);
}
