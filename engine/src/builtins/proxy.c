/* Proxy exotic objects (ECMA-262 10.5) and the Proxy constructor with
 * Proxy.revocable (28.2): every internal method calls its handler trap
 * and checks the invariants of the spec against the target. A proxy is
 * callable / a constructor iff its target was at creation. Revocation
 * clears target and handler (null); any later use throws TypeError. */
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"
#include "../interp.h"

typedef struct JSProxy {
    JSObject base;      /* class PROXY */
    JSValue target;     /* [[ProxyTarget]]: an object, null once revoked */
    JSValue handler;    /* [[ProxyHandler]]: an object, null once revoked */
} JSProxy;

static void proxy_trace(JSRuntime *rt, JSObject *obj)
{
    JSProxy *p = (JSProxy *)obj;
    js_gc_mark_value(rt, p->target);
    js_gc_mark_value(rt, p->handler);
}

/* ---- common steps of every internal method ---- */

/* Target, handler and trap of one internal method call, rooted for its
 * whole duration. */
typedef struct ProxyCall {
    JSRoot target, handler, trap;
} ProxyCall;

/* ValidateNonRevokedProxy, then trap = GetMethod(handler, name).
 * Returns 1 (trap present) or 0 (undefined: forward to the target) with
 * the three roots pushed (the caller pops with js_root_pop(&pc->target)),
 * or -1 after throwing with nothing left pushed. */
static int proxy_trap(JSContext *ctx, JSObject *obj, JSAtom name, ProxyCall *pc)
{
    JSProxy *p = (JSProxy *)obj;
    if (js_check_stack_overflow(ctx))
        return -1;
    if (!js_is_object(p->handler)) {
        js_throw_type_error_atom(ctx, "cannot perform '%s' on a revoked proxy", name);
        return -1;
    }
    js_root_push(ctx, &pc->target, p->target);
    js_root_push(ctx, &pc->handler, p->handler);
    js_root_push(ctx, &pc->trap, JS_UNDEFINED);
    JSValue t = js_get_method(ctx, pc->handler.v, name);
    if (js_is_exception(t)) {
        js_root_pop(ctx, &pc->target);
        return -1;
    }
    pc->trap.v = t;
    return js_is_undefined(t) ? 0 : 1;
}

/* Call(trap, handler, argv): every argv value must be rooted. */
static JSValue call_trap(JSContext *ctx, ProxyCall *pc, int argc, JSValue *argv)
{
    return js_call(ctx, pc->trap.v, pc->handler.v, argc, argv);
}

/* ToBoolean(Call(trap, handler, argv)): 0/1, or -1 on exception. */
static int call_trap_bool(JSContext *ctx, ProxyCall *pc, int argc, JSValue *argv)
{
    JSValue r = call_trap(ctx, pc, argc, argv);
    if (js_is_exception(r))
        return -1;
    return js_to_boolean(r) ? 1 : 0;
}

/* Pushes a root holding the key value of prop (which also keeps the atom
 * alive). 0, or -1 on OOM (nothing pushed). */
static int push_key(JSContext *ctx, JSRoot *r, JSAtom prop)
{
    JSValue k = js_atom_to_value(ctx, prop);
    if (js_is_exception(k))
        return -1;
    js_root_push(ctx, r, k);
    return 0;
}

static int invariant_error(JSContext *ctx, const char *msg, JSAtom prop)
{
    if (prop != JS_ATOM_NULL)
        js_throw_type_error_atom(ctx, msg, prop);
    else
        js_throw_type_error(ctx, "%s", msg);
    return -1;
}

/* A false trap result: TypeError under JS_THROW, else false. */
static int trap_false(JSContext *ctx, int flags, const char *trap, JSAtom prop)
{
    if (!(flags & JS_THROW))
        return 0;
    char name[128];
    js_atom_get_cstr(ctx->rt, name, sizeof name, prop);
    js_throw_type_error(ctx, "proxy trap '%s' returned false for property '%s'", trap, name);
    return -1;
}

static inline bool desc_configurable(const JSPropertyDescriptor *d)
{
    return (d->flags & JS_PROP_CONFIGURABLE) != 0;
}

/* target.[[GetOwnProperty]](prop) into *d (normalized, values rooted in
 * *dr, undefined when absent). 1 found, 0 absent, -1 error (the roots are
 * pushed in every case). */
static int target_own_desc(JSContext *ctx, JSValue target, JSAtom prop, JSPropertyDescriptor *d,
                           JSDescRoots *dr)
{
    d->flags = 0;
    d->value = d->getter = d->setter = JS_UNDEFINED;
    int found = js_get_own_property(ctx, target, prop, d);
    if (found <= 0) {
        d->flags = 0;
        d->value = d->getter = d->setter = JS_UNDEFINED;
    } else {
        js_desc_normalize(d);
    }
    js_desc_root(ctx, dr, d);
    return found;
}

/* IsCompatiblePropertyDescriptor(extensible, desc, current), i.e. the
 * checks of ValidateAndApplyPropertyDescriptor with O undefined. current
 * is NULL when absent. The values must be rooted (SameValue may flatten
 * strings). */
static bool is_compatible_desc(JSContext *ctx, bool extensible, const JSPropertyDescriptor *desc,
                               const JSPropertyDescriptor *cur)
{
    const uint32_t any = JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE | JS_DESC_HAS_GET |
                         JS_DESC_HAS_SET | JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
    uint32_t f = desc->flags;
    if (!cur)
        return extensible;
    if (!(f & any))
        return true;
    if (desc_configurable(cur))
        return true;
    if ((f & JS_DESC_HAS_CONFIGURABLE) && (f & JS_PROP_CONFIGURABLE))
        return false;
    if ((f & JS_DESC_HAS_ENUMERABLE) &&
        ((f & JS_PROP_ENUMERABLE) != (cur->flags & JS_PROP_ENUMERABLE)))
        return false;
    bool generic = !js_desc_is_accessor(desc) && !js_desc_is_data(desc);
    if (!generic && js_desc_is_accessor(desc) != js_desc_is_accessor(cur))
        return false;
    if (js_desc_is_accessor(cur)) {
        if ((f & JS_DESC_HAS_GET) && !js_same_value(ctx, desc->getter, cur->getter))
            return false;
        if ((f & JS_DESC_HAS_SET) && !js_same_value(ctx, desc->setter, cur->setter))
            return false;
    } else if (!(cur->flags & JS_PROP_WRITABLE)) {
        if ((f & JS_DESC_HAS_WRITABLE) && (f & JS_PROP_WRITABLE))
            return false;
        if ((f & JS_DESC_HAS_VALUE) && !js_same_value(ctx, desc->value, cur->value))
            return false;
    }
    return true;
}

/* ---- 10.5.1 [[GetPrototypeOf]] ---- */

static JSValue proxy_get_prototype_of(JSContext *ctx, JSObject *obj)
{
    ProxyCall pc;
    JSRoot rres;
    JSValue ret = JS_EXCEPTION;
    int r = proxy_trap(ctx, obj, JS_ATOM_getPrototypeOf, &pc);
    if (r < 0)
        return JS_EXCEPTION;
    if (r == 0) {
        ret = js_get_prototype_of(ctx, pc.target.v);
        goto done;
    }
    JSValue args[1] = { pc.target.v };
    JSValue res = call_trap(ctx, &pc, 1, args);
    if (js_is_exception(res))
        goto done;
    if (!js_is_object(res) && !js_is_null(res)) {
        js_throw_type_error(ctx, "proxy getPrototypeOf trap returned neither an object nor null");
        goto done;
    }
    js_root_push(ctx, &rres, res);
    int ext = js_is_extensible(ctx, pc.target.v);
    if (ext < 0)
        goto done;
    if (ext) {
        ret = rres.v;
        goto done;
    }
    JSValue tp = js_get_prototype_of(ctx, pc.target.v);
    if (js_is_exception(tp))
        goto done;
    if (tp != rres.v) {
        js_throw_type_error(ctx, "proxy getPrototypeOf trap result differs from the prototype "
                                 "of the non-extensible target");
        goto done;
    }
    ret = rres.v;
done:
    js_root_pop(ctx, &pc.target);
    return ret;
}

/* ---- 10.5.2 [[SetPrototypeOf]] ---- */

static int proxy_set_prototype_of(JSContext *ctx, JSObject *obj, JSValue proto, int flags)
{
    ProxyCall pc;
    JSRoot rproto;
    int ret = -1;
    js_root_push(ctx, &rproto, proto);
    int r = proxy_trap(ctx, obj, JS_ATOM_setPrototypeOf, &pc);
    if (r < 0)
        goto done;
    if (r == 0) {
        ret = js_set_prototype_of(ctx, pc.target.v, rproto.v, flags);
        goto done;
    }
    JSValue args[2] = { pc.target.v, rproto.v };
    int b = call_trap_bool(ctx, &pc, 2, args);
    if (b < 0)
        goto done;
    if (!b) {
        if (flags & JS_THROW)
            js_throw_type_error(ctx, "proxy setPrototypeOf trap returned false");
        ret = flags & JS_THROW ? -1 : 0;
        goto done;
    }
    int ext = js_is_extensible(ctx, pc.target.v);
    if (ext < 0)
        goto done;
    if (ext) {
        ret = 1;
        goto done;
    }
    JSValue tp = js_get_prototype_of(ctx, pc.target.v);
    if (js_is_exception(tp))
        goto done;
    if (tp != rproto.v) {
        js_throw_type_error(ctx, "proxy setPrototypeOf trap returned true for a non-extensible "
                                 "target with another prototype");
        goto done;
    }
    ret = 1;
done:
    js_root_pop(ctx, &rproto);
    return ret;
}

/* ---- 10.5.3 [[IsExtensible]] ---- */

static int proxy_is_extensible(JSContext *ctx, JSObject *obj)
{
    ProxyCall pc;
    int ret = -1;
    int r = proxy_trap(ctx, obj, JS_ATOM_isExtensible, &pc);
    if (r < 0)
        return -1;
    if (r == 0) {
        ret = js_is_extensible(ctx, pc.target.v);
        goto done;
    }
    JSValue args[1] = { pc.target.v };
    int b = call_trap_bool(ctx, &pc, 1, args);
    if (b < 0)
        goto done;
    int t = js_is_extensible(ctx, pc.target.v);
    if (t < 0)
        goto done;
    if (b != t) {
        js_throw_type_error(ctx, "proxy isExtensible trap result differs from the target's");
        goto done;
    }
    ret = b;
done:
    js_root_pop(ctx, &pc.target);
    return ret;
}

/* ---- 10.5.4 [[PreventExtensions]] ---- */

static int proxy_prevent_extensions(JSContext *ctx, JSObject *obj, int flags)
{
    ProxyCall pc;
    int ret = -1;
    int r = proxy_trap(ctx, obj, JS_ATOM_preventExtensions, &pc);
    if (r < 0)
        return -1;
    if (r == 0) {
        ret = js_prevent_extensions(ctx, pc.target.v, flags);
        goto done;
    }
    JSValue args[1] = { pc.target.v };
    int b = call_trap_bool(ctx, &pc, 1, args);
    if (b < 0)
        goto done;
    if (b) {
        int ext = js_is_extensible(ctx, pc.target.v);
        if (ext < 0)
            goto done;
        if (ext) {
            js_throw_type_error(ctx, "proxy preventExtensions trap returned true but the target "
                                     "is extensible");
            goto done;
        }
        ret = 1;
    } else {
        if (flags & JS_THROW)
            js_throw_type_error(ctx, "proxy preventExtensions trap returned false");
        ret = flags & JS_THROW ? -1 : 0;
    }
done:
    js_root_pop(ctx, &pc.target);
    return ret;
}

/* ---- 10.5.5 [[GetOwnProperty]] ---- */

static int proxy_get_own_property(JSContext *ctx, JSObject *obj, JSAtom prop, JSPropertyDescriptor *desc)
{
    ProxyCall pc;
    JSRoot rkey, rres;
    JSDescRoots tdr, rdr;
    JSPropertyDescriptor td, rd;
    int ret = -1;
    int r = proxy_trap(ctx, obj, JS_ATOM_getOwnPropertyDescriptor, &pc);
    if (r < 0)
        return -1;
    if (r == 0) {
        ret = js_get_own_property(ctx, pc.target.v, prop, desc);
        goto done;
    }
    if (push_key(ctx, &rkey, prop) < 0)
        goto done;
    JSValue args[2] = { pc.target.v, rkey.v };
    JSValue res = call_trap(ctx, &pc, 2, args);
    if (js_is_exception(res))
        goto done;
    js_root_push(ctx, &rres, res);
    if (!js_is_object(res) && !js_is_undefined(res)) {
        invariant_error(ctx, "proxy getOwnPropertyDescriptor trap returned neither an object "
                             "nor undefined for '%s'", prop);
        goto done;
    }
    int found = target_own_desc(ctx, pc.target.v, prop, &td, &tdr);
    if (found < 0)
        goto done;
    if (js_is_undefined(rres.v)) {
        if (!found) {
            ret = 0;
            goto done;
        }
        if (!desc_configurable(&td)) {
            invariant_error(ctx, "proxy getOwnPropertyDescriptor trap hid the non-configurable "
                                 "property '%s'", prop);
            goto done;
        }
        int ext = js_is_extensible(ctx, pc.target.v);
        if (ext < 0)
            goto done;
        if (!ext) {
            invariant_error(ctx, "proxy getOwnPropertyDescriptor trap hid the property '%s' "
                                 "of a non-extensible target", prop);
            goto done;
        }
        ret = 0;
        goto done;
    }
    int ext = js_is_extensible(ctx, pc.target.v);
    if (ext < 0)
        goto done;
    if (js_to_property_descriptor(ctx, rres.v, &rd) < 0)
        goto done;
    js_desc_root(ctx, &rdr, &rd);
    js_complete_property_descriptor(&rd);
    if (!is_compatible_desc(ctx, ext != 0, &rd, found ? &td : NULL)) {
        invariant_error(ctx, "proxy getOwnPropertyDescriptor trap returned a descriptor "
                             "incompatible with the target for '%s'", prop);
        goto done;
    }
    if (!desc_configurable(&rd)) {
        if (!found || desc_configurable(&td)) {
            invariant_error(ctx, "proxy getOwnPropertyDescriptor trap reported '%s' as "
                                 "non-configurable", prop);
            goto done;
        }
        if ((rd.flags & JS_DESC_HAS_WRITABLE) && !(rd.flags & JS_PROP_WRITABLE) &&
            (td.flags & JS_PROP_WRITABLE)) {
            invariant_error(ctx, "proxy getOwnPropertyDescriptor trap reported '%s' as "
                                 "non-configurable and non-writable", prop);
            goto done;
        }
    }
    if (desc)
        *desc = rd;
    ret = 1;
done:
    js_root_pop(ctx, &pc.target);
    return ret;
}

/* ---- 10.5.6 [[DefineOwnProperty]] ---- */

static int proxy_define_own_property(JSContext *ctx, JSObject *obj, JSAtom prop,
                                     const JSPropertyDescriptor *desc, int flags)
{
    ProxyCall pc;
    JSDescRoots dr, tdr;
    JSRoot rkey, rdobj;
    JSPropertyDescriptor td;
    int ret = -1;
    js_desc_root(ctx, &dr, desc);
    int r = proxy_trap(ctx, obj, JS_ATOM_defineProperty, &pc);
    if (r < 0)
        goto done;
    if (r == 0) {
        ret = js_define_property(ctx, pc.target.v, prop, desc, flags);
        goto done;
    }
    if (push_key(ctx, &rkey, prop) < 0)
        goto done;
    JSValue dobj = js_from_property_descriptor(ctx, desc);
    if (js_is_exception(dobj))
        goto done;
    js_root_push(ctx, &rdobj, dobj);
    JSValue args[3] = { pc.target.v, rkey.v, rdobj.v };
    int b = call_trap_bool(ctx, &pc, 3, args);
    if (b < 0)
        goto done;
    if (!b) {
        ret = trap_false(ctx, flags, "defineProperty", prop);
        goto done;
    }
    int found = target_own_desc(ctx, pc.target.v, prop, &td, &tdr);
    if (found < 0)
        goto done;
    int ext = js_is_extensible(ctx, pc.target.v);
    if (ext < 0)
        goto done;
    bool setting_config_false = (desc->flags & JS_DESC_HAS_CONFIGURABLE) &&
                                !(desc->flags & JS_PROP_CONFIGURABLE);
    if (!found) {
        if (!ext) {
            invariant_error(ctx, "proxy defineProperty trap added the property '%s' to a "
                                 "non-extensible target", prop);
            goto done;
        }
        if (setting_config_false) {
            invariant_error(ctx, "proxy defineProperty trap defined the non-configurable property "
                                 "'%s' absent from the target", prop);
            goto done;
        }
    } else {
        if (!is_compatible_desc(ctx, ext != 0, desc, &td)) {
            invariant_error(ctx, "proxy defineProperty trap accepted a descriptor incompatible "
                                 "with the target for '%s'", prop);
            goto done;
        }
        if (setting_config_false && desc_configurable(&td)) {
            invariant_error(ctx, "proxy defineProperty trap defined '%s' as non-configurable "
                                 "but it is configurable on the target", prop);
            goto done;
        }
        if (js_desc_is_data(&td) && !desc_configurable(&td) && (td.flags & JS_PROP_WRITABLE) &&
            (desc->flags & JS_DESC_HAS_WRITABLE) && !(desc->flags & JS_PROP_WRITABLE)) {
            invariant_error(ctx, "proxy defineProperty trap made '%s' non-writable but it is "
                                 "writable on the target", prop);
            goto done;
        }
    }
    ret = 1;
done:
    js_root_pop(ctx, &dr.v);
    return ret;
}

/* ---- 10.5.7 [[HasProperty]] ---- */

static int proxy_has_property(JSContext *ctx, JSObject *obj, JSAtom prop)
{
    ProxyCall pc;
    JSRoot rkey;
    JSDescRoots tdr;
    JSPropertyDescriptor td;
    int ret = -1;
    int r = proxy_trap(ctx, obj, JS_ATOM_has, &pc);
    if (r < 0)
        return -1;
    if (r == 0) {
        ret = js_has_property(ctx, pc.target.v, prop);
        goto done;
    }
    if (push_key(ctx, &rkey, prop) < 0)
        goto done;
    JSValue args[2] = { pc.target.v, rkey.v };
    int b = call_trap_bool(ctx, &pc, 2, args);
    if (b < 0)
        goto done;
    if (!b) {
        int found = target_own_desc(ctx, pc.target.v, prop, &td, &tdr);
        if (found < 0)
            goto done;
        if (found) {
            if (!desc_configurable(&td)) {
                invariant_error(ctx, "proxy has trap hid the non-configurable property '%s'", prop);
                goto done;
            }
            int ext = js_is_extensible(ctx, pc.target.v);
            if (ext < 0)
                goto done;
            if (!ext) {
                invariant_error(ctx, "proxy has trap hid the property '%s' of a non-extensible "
                                     "target", prop);
                goto done;
            }
        }
    }
    ret = b;
done:
    js_root_pop(ctx, &pc.target);
    return ret;
}

/* ---- 10.5.8 [[Get]] ---- */

static JSValue proxy_get(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue receiver)
{
    ProxyCall pc;
    JSRoot rrecv, rkey, rres;
    JSDescRoots tdr;
    JSPropertyDescriptor td;
    JSValue ret = JS_EXCEPTION;
    js_root_push(ctx, &rrecv, receiver);
    int r = proxy_trap(ctx, obj, JS_ATOM_get, &pc);
    if (r < 0)
        goto done;
    if (r == 0) {
        ret = js_get_property_receiver(ctx, pc.target.v, prop, rrecv.v);
        goto done;
    }
    if (push_key(ctx, &rkey, prop) < 0)
        goto done;
    JSValue args[3] = { pc.target.v, rkey.v, rrecv.v };
    JSValue res = call_trap(ctx, &pc, 3, args);
    if (js_is_exception(res))
        goto done;
    js_root_push(ctx, &rres, res);
    int found = target_own_desc(ctx, pc.target.v, prop, &td, &tdr);
    if (found < 0)
        goto done;
    if (found && !desc_configurable(&td)) {
        if (js_desc_is_data(&td) && !(td.flags & JS_PROP_WRITABLE) &&
            !js_same_value(ctx, rres.v, td.value)) {
            invariant_error(ctx, "proxy get trap returned another value for the non-writable, "
                                 "non-configurable property '%s'", prop);
            goto done;
        }
        if (js_desc_is_accessor(&td) && js_is_undefined(td.getter) && !js_is_undefined(rres.v)) {
            invariant_error(ctx, "proxy get trap returned a value for the non-configurable "
                                 "accessor property '%s' without a getter", prop);
            goto done;
        }
    }
    ret = rres.v;
done:
    js_root_pop(ctx, &rrecv);
    return ret;
}

/* ---- 10.5.9 [[Set]] ---- */

static int proxy_set(JSContext *ctx, JSObject *obj, JSAtom prop, JSValue val, JSValue receiver, int flags)
{
    ProxyCall pc;
    JSRoot rval, rrecv, rkey;
    JSDescRoots tdr;
    JSPropertyDescriptor td;
    int ret = -1;
    js_root_push(ctx, &rval, val);
    js_root_push(ctx, &rrecv, receiver);
    int r = proxy_trap(ctx, obj, JS_ATOM_set, &pc);
    if (r < 0)
        goto done;
    if (r == 0) {
        ret = js_set_property_receiver(ctx, pc.target.v, prop, rval.v, rrecv.v, flags);
        goto done;
    }
    if (push_key(ctx, &rkey, prop) < 0)
        goto done;
    JSValue args[4] = { pc.target.v, rkey.v, rval.v, rrecv.v };
    int b = call_trap_bool(ctx, &pc, 4, args);
    if (b < 0)
        goto done;
    if (!b) {
        ret = trap_false(ctx, flags, "set", prop);
        goto done;
    }
    int found = target_own_desc(ctx, pc.target.v, prop, &td, &tdr);
    if (found < 0)
        goto done;
    if (found && !desc_configurable(&td)) {
        if (js_desc_is_data(&td) && !(td.flags & JS_PROP_WRITABLE) &&
            !js_same_value(ctx, rval.v, td.value)) {
            invariant_error(ctx, "proxy set trap changed the non-writable, non-configurable "
                                 "property '%s'", prop);
            goto done;
        }
        if (js_desc_is_accessor(&td) && js_is_undefined(td.setter)) {
            invariant_error(ctx, "proxy set trap succeeded for the non-configurable accessor "
                                 "property '%s' without a setter", prop);
            goto done;
        }
    }
    ret = 1;
done:
    js_root_pop(ctx, &rval);
    return ret;
}

/* ---- 10.5.10 [[Delete]] ---- */

static int proxy_delete_property(JSContext *ctx, JSObject *obj, JSAtom prop, int flags)
{
    ProxyCall pc;
    JSRoot rkey;
    JSDescRoots tdr;
    JSPropertyDescriptor td;
    int ret = -1;
    int r = proxy_trap(ctx, obj, JS_ATOM_deleteProperty, &pc);
    if (r < 0)
        return -1;
    if (r == 0) {
        ret = js_delete_property(ctx, pc.target.v, prop, flags);
        goto done;
    }
    if (push_key(ctx, &rkey, prop) < 0)
        goto done;
    JSValue args[2] = { pc.target.v, rkey.v };
    int b = call_trap_bool(ctx, &pc, 2, args);
    if (b < 0)
        goto done;
    if (!b) {
        ret = trap_false(ctx, flags, "deleteProperty", prop);
        goto done;
    }
    int found = target_own_desc(ctx, pc.target.v, prop, &td, &tdr);
    if (found < 0)
        goto done;
    if (found) {
        if (!desc_configurable(&td)) {
            invariant_error(ctx, "proxy deleteProperty trap deleted the non-configurable "
                                 "property '%s'", prop);
            goto done;
        }
        int ext = js_is_extensible(ctx, pc.target.v);
        if (ext < 0)
            goto done;
        if (!ext) {
            invariant_error(ctx, "proxy deleteProperty trap deleted the property '%s' of a "
                                 "non-extensible target", prop);
            goto done;
        }
    }
    ret = 1;
done:
    js_root_pop(ctx, &pc.target);
    return ret;
}

/* ---- 10.5.11 [[OwnPropertyKeys]] ---- */

/* A small open-addressing set of atoms (0 = free slot, TOMB = removed;
 * neither is ever a valid atom). */
#define ATOM_SET_TOMB 0xFFFFFFFFu
typedef struct AtomSet {
    uint32_t *slots;
    uint32_t cap;       /* power of two */
    uint32_t count;
} AtomSet;

static int atom_set_init(JSContext *ctx, AtomSet *s, uint32_t n)
{
    uint32_t cap = 8;
    while (cap < n * 2)
        cap *= 2;
    s->slots = js_mallocz(ctx, (size_t)cap * sizeof(uint32_t));
    s->cap = cap;
    s->count = 0;
    return s->slots ? 0 : -1;
}

static void atom_set_free(JSContext *ctx, AtomSet *s)
{
    if (s->slots)
        js_free(ctx->rt, s->slots, (size_t)s->cap * sizeof(uint32_t));
    s->slots = NULL;
}

static uint32_t atom_hash(uint32_t a)
{
    a ^= a >> 16;
    a *= 0x45d9f3bu;
    a ^= a >> 16;
    return a;
}

/* Slot of a, or of the free slot where it would go. */
static uint32_t atom_set_find(const AtomSet *s, uint32_t a, bool *present)
{
    uint32_t mask = s->cap - 1, i = atom_hash(a) & mask;
    uint32_t first_tomb = UINT32_MAX;
    for (;;) {
        uint32_t v = s->slots[i];
        if (v == a) {
            *present = true;
            return i;
        }
        if (v == 0) {
            *present = false;
            return first_tomb != UINT32_MAX ? first_tomb : i;
        }
        if (v == ATOM_SET_TOMB && first_tomb == UINT32_MAX)
            first_tomb = i;
        i = (i + 1) & mask;
    }
}

/* Adds a; false if it was already present. The set never fills: its
 * capacity is at least twice the number of insertions. */
static bool atom_set_add(AtomSet *s, uint32_t a)
{
    bool present;
    uint32_t i = atom_set_find(s, a, &present);
    if (present)
        return false;
    s->slots[i] = a;
    s->count++;
    return true;
}

/* Removes a; false if it was absent. */
static bool atom_set_remove(AtomSet *s, uint32_t a)
{
    bool present;
    uint32_t i = atom_set_find(s, a, &present);
    if (!present)
        return false;
    s->slots[i] = ATOM_SET_TOMB;
    s->count--;
    return true;
}

/* Replaces list->values[i] (a string or symbol) by its interned key value
 * so that the list keeps the atom alive; returns the atom or JS_ATOM_NULL
 * on OOM. */
static JSAtom intern_key(JSContext *ctx, JSValueArray *list, uint32_t i)
{
    JSAtom a = js_value_to_atom(ctx, list->values[i]);
    if (a == JS_ATOM_NULL)
        return JS_ATOM_NULL;
    if (!js_atom_is_int(a)) {
        JSValue v = js_atom_to_value(ctx, a);   /* the stored key: no allocation */
        if (!js_is_exception(v))
            JS_STORE(ctx, list, list->values[i], v);
    }
    return a;
}

static JSValueArray *proxy_own_property_keys(JSContext *ctx, JSObject *obj)
{
    ProxyCall pc;
    JSRoot rres, rlist, rtkeys;
    JSValueArray *ret = NULL;
    AtomSet set = { NULL, 0, 0 };
    uint32_t *tatoms = NULL;
    uint8_t *tconfig = NULL;
    uint32_t ntkeys = 0;
    int r = proxy_trap(ctx, obj, JS_ATOM_ownKeys, &pc);
    if (r < 0)
        return NULL;
    if (r == 0) {
        ret = js_own_property_keys(ctx, pc.target.v);
        goto done;
    }
    JSValue args[1] = { pc.target.v };
    JSValue res = call_trap(ctx, &pc, 1, args);
    if (js_is_exception(res))
        goto done;
    js_root_push(ctx, &rres, res);
    /* CreateListFromArrayLike(trapResultArray, property-key) */
    if (!js_is_object(res)) {
        js_throw_type_error(ctx, "proxy ownKeys trap result is not an object");
        goto done;
    }
    int64_t len;
    if (js_length_of_array_like(ctx, &len, rres.v) < 0)
        goto done;
    if (len > (1 << 26)) {
        js_throw_range_error(ctx, "proxy ownKeys trap result is too long");
        goto done;
    }
    JSValueArray *list = js_value_array_new(ctx, (uint32_t)len);
    if (!list)
        goto done;
    js_root_push(ctx, &rlist, js_cell_value(list));
    if (atom_set_init(ctx, &set, (uint32_t)len) < 0)
        goto done;
    for (uint32_t i = 0; i < (uint32_t)len; i++) {
        JSValue v = js_get_index(ctx, rres.v, i);
        if (js_is_exception(v))
            goto done;
        if (!js_is_string(v) && !js_is_symbol(v)) {
            js_throw_type_error(ctx, "proxy ownKeys trap result contains a value that is not "
                                     "a property key");
            goto done;
        }
        list = js_get_ptr(rlist.v);
        JS_STORE(ctx, list, list->values[i], v);
        JSAtom a = intern_key(ctx, list, i);
        if (a == JS_ATOM_NULL)
            goto done;
        if (!atom_set_add(&set, a)) {
            invariant_error(ctx, "proxy ownKeys trap result contains the key '%s' twice", a);
            goto done;
        }
    }
    int ext = js_is_extensible(ctx, pc.target.v);
    if (ext < 0)
        goto done;
    JSValueArray *tkeys = js_own_property_keys(ctx, pc.target.v);
    if (!tkeys)
        goto done;
    js_root_push(ctx, &rtkeys, js_cell_value(tkeys));
    ntkeys = tkeys->len;
    tatoms = js_malloc(ctx, (size_t)(ntkeys ? ntkeys : 1) * sizeof(uint32_t));
    tconfig = js_malloc(ctx, ntkeys ? ntkeys : 1);
    if (!tatoms || !tconfig)
        goto done;
    bool any_nonconfig = false;
    for (uint32_t i = 0; i < ntkeys; i++) {
        JSPropertyDescriptor d;
        JSAtom a = intern_key(ctx, js_get_ptr(rtkeys.v), i);
        if (a == JS_ATOM_NULL)
            goto done;
        tatoms[i] = a;
        int found = js_get_own_property(ctx, pc.target.v, a, &d);
        if (found < 0)
            goto done;
        if (found)
            js_desc_normalize(&d);
        tconfig[i] = !(found && !desc_configurable(&d));
        if (!tconfig[i])
            any_nonconfig = true;
    }
    list = js_get_ptr(rlist.v);
    if (ext && !any_nonconfig) {
        ret = list;
        goto done;
    }
    for (uint32_t i = 0; i < ntkeys; i++) {
        if (!tconfig[i] && !atom_set_remove(&set, tatoms[i])) {
            invariant_error(ctx, "proxy ownKeys trap result omits the non-configurable "
                                 "property '%s'", tatoms[i]);
            goto done;
        }
    }
    if (ext) {
        ret = list;
        goto done;
    }
    for (uint32_t i = 0; i < ntkeys; i++) {
        if (tconfig[i] && !atom_set_remove(&set, tatoms[i])) {
            invariant_error(ctx, "proxy ownKeys trap result omits the property '%s' of a "
                                 "non-extensible target", tatoms[i]);
            goto done;
        }
    }
    if (set.count != 0) {
        js_throw_type_error(ctx, "proxy ownKeys trap result adds keys to a non-extensible target");
        goto done;
    }
    ret = list;
done:
    atom_set_free(ctx, &set);
    if (tatoms)
        js_free(ctx->rt, tatoms, (size_t)(ntkeys ? ntkeys : 1) * sizeof(uint32_t));
    if (tconfig)
        js_free(ctx->rt, tconfig, ntkeys ? ntkeys : 1);
    js_root_pop(ctx, &pc.target);
    return ret;
}

/* ---- 10.5.12 [[Call]] and 10.5.13 [[Construct]] ---- */

static JSValue proxy_call(JSContext *ctx, JSObject *func, JSValue this_val, int argc, JSValue *argv)
{
    ProxyCall pc;
    JSRoot rthis, rarr;
    JSValue ret = JS_EXCEPTION;
    js_root_push(ctx, &rthis, this_val);
    int r = proxy_trap(ctx, func, JS_ATOM_apply, &pc);
    if (r < 0)
        goto done;
    if (r == 0) {
        ret = js_call(ctx, pc.target.v, rthis.v, argc, argv);
        goto done;
    }
    JSValue arr = argc > 0 ? js_new_array_from(ctx, (uint32_t)argc, argv) : js_new_array(ctx, 0);
    if (js_is_exception(arr))
        goto done;
    js_root_push(ctx, &rarr, arr);
    JSValue args[3] = { pc.target.v, rthis.v, rarr.v };
    ret = call_trap(ctx, &pc, 3, args);
done:
    js_root_pop(ctx, &rthis);
    return ret;
}

static JSValue proxy_construct(JSContext *ctx, JSObject *func, int argc, JSValue *argv, JSValue new_target)
{
    ProxyCall pc;
    JSRoot rnt, rarr;
    JSValue ret = JS_EXCEPTION;
    js_root_push(ctx, &rnt, new_target);
    int r = proxy_trap(ctx, func, JS_ATOM_construct, &pc);
    if (r < 0)
        goto done;
    if (r == 0) {
        ret = js_construct(ctx, pc.target.v, argc, argv, rnt.v);
        goto done;
    }
    JSValue arr = argc > 0 ? js_new_array_from(ctx, (uint32_t)argc, argv) : js_new_array(ctx, 0);
    if (js_is_exception(arr))
        goto done;
    js_root_push(ctx, &rarr, arr);
    JSValue args[3] = { pc.target.v, rarr.v, rnt.v };
    JSValue res = call_trap(ctx, &pc, 3, args);
    if (js_is_exception(res))
        goto done;
    if (!js_is_object(res)) {
        js_throw_type_error(ctx, "proxy construct trap returned a non-object");
        goto done;
    }
    ret = res;
done:
    js_root_pop(ctx, &rnt);
    return ret;
}

/* GetFunctionRealm of a proxy: the realm of its target. */
static JSContext *proxy_get_realm(JSContext *ctx, JSObject *func)
{
    JSProxy *p = (JSProxy *)func;
    if (!js_is_object(p->handler)) {
        js_throw_type_error(ctx, "cannot get the realm of a revoked proxy");
        return NULL;
    }
    if (js_check_stack_overflow(ctx))
        return NULL;
    return js_get_function_realm(ctx, p->target);
}

/* IsArray sees through proxies. */
static int proxy_is_array(JSContext *ctx, JSObject *obj)
{
    JSProxy *p = (JSProxy *)obj;
    if (!js_is_object(p->handler)) {
        js_throw_type_error(ctx, "cannot perform 'IsArray' on a revoked proxy");
        return -1;
    }
    if (js_check_stack_overflow(ctx))
        return -1;
    int err;
    bool b = js_is_array(ctx, p->target, &err);
    return err ? -1 : b;
}

static const JSClass proxy_class = {
    .name = "Object",
    .size = sizeof(JSProxy),
    .trace = proxy_trace,
    .get_prototype_of = proxy_get_prototype_of,
    .set_prototype_of = proxy_set_prototype_of,
    .is_extensible = proxy_is_extensible,
    .prevent_extensions = proxy_prevent_extensions,
    .get_own_property = proxy_get_own_property,
    .define_own_property = proxy_define_own_property,
    .has_property = proxy_has_property,
    .get = proxy_get,
    .set = proxy_set,
    .delete_property = proxy_delete_property,
    .own_property_keys = proxy_own_property_keys,
    .call = proxy_call,
    .construct = proxy_construct,
    .get_realm = proxy_get_realm,
    .is_array = proxy_is_array,
};

/* ---- the Proxy constructor ---- */

/* ProxyCreate(target, handler). target and handler must be rooted. */
static JSValue proxy_create(JSContext *ctx, JSValue target, JSValue handler)
{
    if (!js_is_object(target))
        return js_throw_type_error(ctx, "Proxy target must be an object");
    if (!js_is_object(handler))
        return js_throw_type_error(ctx, "Proxy handler must be an object");
    JSObject *o = js_new_object_proto_class(ctx, JS_NULL, JS_CLASS_PROXY);
    if (!o)
        return JS_EXCEPTION;
    JSProxy *p = (JSProxy *)o;
    JS_STORE(ctx, o, p->target, target);
    JS_STORE(ctx, o, p->handler, handler);
    o->h.flags |= JS_VALUE_GET_OBJ(target)->h.flags & (JS_OBJ_CALLABLE | JS_OBJ_CONSTRUCTOR);
    return js_obj_value(o);
}

/* Proxy(target, handler): this_val is new.target. */
static JSValue proxy_constructor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(this_val))
        return js_throw_type_error(ctx, "Constructor Proxy requires 'new'");
    return proxy_create(ctx, argv[0], argv[1]);
}

/* A revoke function: its data is the proxy, null once used. */
static JSValue proxy_revoke(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    if (!self || !js_is_object(self->data))
        return JS_UNDEFINED;
    JSProxy *p = (JSProxy *)JS_VALUE_GET_OBJ(self->data);
    JS_STORE(ctx, &self->base, self->data, JS_NULL);
    JS_STORE(ctx, &p->base, p->target, JS_NULL);
    JS_STORE(ctx, &p->base, p->handler, JS_NULL);
    return JS_UNDEFINED;
}

/* Proxy.revocable(target, handler) */
static JSValue proxy_revocable(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rp, rf, ro;
    JSValue p = proxy_create(ctx, argv[0], argv[1]);
    if (js_is_exception(p))
        return p;
    js_root_push(ctx, &rp, p);
    JSValue f = js_new_cfunction_data(ctx, proxy_revoke, 0, 0, rp.v);
    if (js_is_exception(f))
        return f;
    js_root_push(ctx, &rf, f);
    JSValue o = js_new_object(ctx);
    if (js_is_exception(o))
        return o;
    js_root_push(ctx, &ro, o);
    if (js_create_data_property(ctx, ro.v, JS_ATOM_proxy, rp.v, JS_THROW) < 0 ||
        js_create_data_property(ctx, ro.v, JS_ATOM_revoke, rf.v, JS_THROW) < 0)
        return JS_EXCEPTION;
    return ro.v;
}

static const JSPropEntry proxy_ctor_props[] = {
    JS_CFUNC_DEF("revocable", 2, proxy_revocable),
};

int js_init_proxy(JSContext *ctx)
{
    JSRoot r;
    js_register_class(ctx->rt, JS_CLASS_PROXY, &proxy_class);
    JSValue ctor = js_new_cfunction(ctx, proxy_constructor, "Proxy", 2, JS_CFUNC_CONSTRUCTOR, 0);
    if (js_is_exception(ctor))
        return -1;
    js_root_push(ctx, &r, ctor);
    int ret = js_define_prop_entries(ctx, r.v, proxy_ctor_props,
                                     (int)(sizeof proxy_ctor_props / sizeof proxy_ctor_props[0]));
    if (ret >= 0)
        ret = js_define_property_value(ctx, js_obj_value(ctx->global_obj), JS_ATOM_Proxy, r.v,
                                       JS_PROP_C_W);
    js_root_pop(ctx, &r);
    return ret < 0 ? -1 : 0;
}
