/* The Object constructor, its static methods and Object.prototype
 * (ECMA-262 20.1, Annex B.2.2 for __proto__ and the __define/lookup__
 * methods), plus the property descriptor conversions Reflect and Proxy
 * share (object_util.h). */
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"
#include "../str.h"
#include "../interp.h"

/* ---- shared helpers (object_util.h) ---- */

void js_desc_normalize(JSPropertyDescriptor *d)
{
    const uint32_t has = JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE | JS_DESC_HAS_GET |
                         JS_DESC_HAS_SET | JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
    if (d->flags & has)
        return;
    if (d->flags & JS_PROP_ACCESSOR)
        d->flags |= JS_DESC_HAS_GET | JS_DESC_HAS_SET;
    else
        d->flags |= JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE;
    d->flags |= JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
}

JSValue js_from_property_descriptor(JSContext *ctx, const JSPropertyDescriptor *in)
{
    if (!in)
        return JS_UNDEFINED;
    JSPropertyDescriptor d = *in;
    js_desc_normalize(&d);
    JSRoot rv, rg, rs, ro;
    js_root_push(ctx, &rv, d.value);
    js_root_push(ctx, &rg, d.getter);
    js_root_push(ctx, &rs, d.setter);
    JSValue obj = js_new_object(ctx);
    if (js_is_exception(obj))
        goto fail_pop;
    js_root_push(ctx, &ro, obj);
    if (d.flags & JS_DESC_HAS_VALUE) {
        if (js_create_data_property(ctx, obj, JS_ATOM_value, rv.v, JS_THROW) < 0)
            goto fail;
    }
    if (d.flags & JS_DESC_HAS_WRITABLE) {
        if (js_create_data_property(ctx, obj, JS_ATOM_writable,
                                    js_bool(d.flags & JS_PROP_WRITABLE), JS_THROW) < 0)
            goto fail;
    }
    if (d.flags & JS_DESC_HAS_GET) {
        if (js_create_data_property(ctx, obj, JS_ATOM_get, rg.v, JS_THROW) < 0)
            goto fail;
    }
    if (d.flags & JS_DESC_HAS_SET) {
        if (js_create_data_property(ctx, obj, JS_ATOM_set, rs.v, JS_THROW) < 0)
            goto fail;
    }
    if (d.flags & JS_DESC_HAS_ENUMERABLE) {
        if (js_create_data_property(ctx, obj, JS_ATOM_enumerable,
                                    js_bool(d.flags & JS_PROP_ENUMERABLE), JS_THROW) < 0)
            goto fail;
    }
    if (d.flags & JS_DESC_HAS_CONFIGURABLE) {
        if (js_create_data_property(ctx, obj, JS_ATOM_configurable,
                                    js_bool(d.flags & JS_PROP_CONFIGURABLE), JS_THROW) < 0)
            goto fail;
    }
    js_root_pop(ctx, &rv);
    return obj;
fail:
fail_pop:
    js_root_pop(ctx, &rv);
    return JS_EXCEPTION;
}

/* One step of ToPropertyDescriptor: HasProperty then Get. Returns 1 with
 * *out set when present, 0 when absent, -1 on error. */
static int desc_field(JSContext *ctx, JSValue obj, JSAtom name, JSValue *out)
{
    int r = js_has_property(ctx, obj, name);
    if (r <= 0)
        return r;
    JSValue v = js_get_property(ctx, obj, name);
    if (js_is_exception(v))
        return -1;
    *out = v;
    return 1;
}

int js_to_property_descriptor(JSContext *ctx, JSValue obj, JSPropertyDescriptor *desc)
{
    desc->flags = 0;
    desc->value = desc->getter = desc->setter = JS_UNDEFINED;
    if (!js_is_object(obj)) {
        js_throw_type_error(ctx, "property descriptor must be an object");
        return -1;
    }
    JSRoot rv, rg, rs;
    JSValue v;
    int r;
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rg, JS_UNDEFINED);
    js_root_push(ctx, &rs, JS_UNDEFINED);
    if ((r = desc_field(ctx, obj, JS_ATOM_enumerable, &v)) < 0)
        goto fail;
    if (r) {
        desc->flags |= JS_DESC_HAS_ENUMERABLE;
        if (js_to_boolean(v))
            desc->flags |= JS_PROP_ENUMERABLE;
    }
    if ((r = desc_field(ctx, obj, JS_ATOM_configurable, &v)) < 0)
        goto fail;
    if (r) {
        desc->flags |= JS_DESC_HAS_CONFIGURABLE;
        if (js_to_boolean(v))
            desc->flags |= JS_PROP_CONFIGURABLE;
    }
    if ((r = desc_field(ctx, obj, JS_ATOM_value, &v)) < 0)
        goto fail;
    if (r) {
        desc->flags |= JS_DESC_HAS_VALUE;
        rv.v = v;
    }
    if ((r = desc_field(ctx, obj, JS_ATOM_writable, &v)) < 0)
        goto fail;
    if (r) {
        desc->flags |= JS_DESC_HAS_WRITABLE;
        if (js_to_boolean(v))
            desc->flags |= JS_PROP_WRITABLE;
    }
    if ((r = desc_field(ctx, obj, JS_ATOM_get, &v)) < 0)
        goto fail;
    if (r) {
        if (!js_is_undefined(v) && !js_is_callable(v)) {
            js_throw_type_error(ctx, "getter must be a function");
            goto fail;
        }
        desc->flags |= JS_DESC_HAS_GET;
        rg.v = v;
    }
    if ((r = desc_field(ctx, obj, JS_ATOM_set, &v)) < 0)
        goto fail;
    if (r) {
        if (!js_is_undefined(v) && !js_is_callable(v)) {
            js_throw_type_error(ctx, "setter must be a function");
            goto fail;
        }
        desc->flags |= JS_DESC_HAS_SET;
        rs.v = v;
    }
    if (js_desc_is_accessor(desc) && js_desc_is_data(desc)) {
        js_throw_type_error(ctx, "invalid property descriptor: cannot both specify accessors and a value or writable attribute");
        goto fail;
    }
    desc->value = rv.v;
    desc->getter = rg.v;
    desc->setter = rs.v;
    js_root_pop(ctx, &rv);
    return 0;
fail:
    js_root_pop(ctx, &rv);
    return -1;
}

void js_complete_property_descriptor(JSPropertyDescriptor *d)
{
    if (!js_desc_is_accessor(d)) {
        if (!(d->flags & JS_DESC_HAS_VALUE)) {
            d->flags |= JS_DESC_HAS_VALUE;
            d->value = JS_UNDEFINED;
        }
        d->flags |= JS_DESC_HAS_WRITABLE;
    } else {
        if (!(d->flags & JS_DESC_HAS_GET)) {
            d->flags |= JS_DESC_HAS_GET;
            d->getter = JS_UNDEFINED;
        }
        if (!(d->flags & JS_DESC_HAS_SET)) {
            d->flags |= JS_DESC_HAS_SET;
            d->setter = JS_UNDEFINED;
        }
    }
    d->flags |= JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
}

JSValue js_array_from_values(JSContext *ctx, uint32_t n, const JSValue *values)
{
    return js_new_array_from(ctx, n, values);
}

JSValue js_enumerable_own_properties(JSContext *ctx, JSValue obj, int kind)
{
    JSRoot rk, ra, rv, rpair;
    JSValueArray *keys = js_own_property_keys(ctx, obj);
    if (!keys)
        return JS_EXCEPTION;
    js_root_push(ctx, &rk, js_cell_value(keys));
    JSValue arr = js_new_array(ctx, 0);
    if (js_is_exception(arr))
        goto fail;
    js_root_push(ctx, &ra, arr);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rpair, JS_UNDEFINED);
    for (uint32_t i = 0; i < keys->len; i++) {
        JSValue key = keys->values[i];
        if (!js_is_string(key))
            continue;
        JSAtom atom = js_value_to_atom(ctx, key);
        if (atom == JS_ATOM_NULL)
            goto fail;
        JSPropertyDescriptor desc;
        int r = js_get_own_property(ctx, obj, atom, &desc);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        js_desc_normalize(&desc);
        if (!(desc.flags & JS_PROP_ENUMERABLE))
            continue;
        JSValue item;
        if (kind == 0) {
            item = key;
        } else {
            JSValue v = js_get_property(ctx, obj, atom);
            if (js_is_exception(v))
                goto fail;
            if (kind == 1) {
                item = v;
            } else {
                rv.v = v;
                JSValue pair[2] = { keys->values[i], v };
                item = js_new_array_from(ctx, 2, pair);
                if (js_is_exception(item))
                    goto fail;
            }
        }
        rpair.v = item;
        if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(ra.v), item) < 0)
            goto fail;
    }
    js_root_pop(ctx, &rk);
    return ra.v;
fail:
    js_root_pop(ctx, &rk);
    return JS_EXCEPTION;
}

/* ---- the Object constructor ---- */

static JSValue object_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (!js_is_undefined(new_target)) {
        /* NewTarget other than the active function: a subclass. */
        JSCFunctionObject *self = js_current_native_function(ctx);
        JSValue active = self ? js_mkptr(JS_TAG_OBJECT, self) : ctx->intrinsics[JS_INTRINSIC_ObjectConstructor];
        if (new_target != active)
            return js_create_from_ctor(ctx, new_target, JS_CLASS_OBJECT);
    }
    if (js_is_nullish(argv[0]))
        return js_new_object(ctx);
    return js_to_object(ctx, argv[0]);
}

/* Object.assign(target, ...sources) */
static JSValue object_assign(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rto, rfrom, rkeys;
    JSValue to = js_to_object(ctx, argv[0]);
    if (js_is_exception(to))
        return to;
    js_root_push(ctx, &rto, to);
    js_root_push(ctx, &rfrom, JS_UNDEFINED);
    js_root_push(ctx, &rkeys, JS_UNDEFINED);
    for (int i = 1; i < argc; i++) {
        if (js_is_nullish(argv[i]))
            continue;
        JSValue from = js_to_object(ctx, argv[i]);
        if (js_is_exception(from))
            goto fail;
        rfrom.v = from;
        JSValueArray *keys = js_own_property_keys(ctx, from);
        if (!keys)
            goto fail;
        rkeys.v = js_cell_value(keys);
        for (uint32_t k = 0; k < keys->len; k++) {
            JSAtom atom = js_value_to_atom(ctx, keys->values[k]);
            if (atom == JS_ATOM_NULL)
                goto fail;
            JSPropertyDescriptor desc;
            int r = js_get_own_property(ctx, rfrom.v, atom, &desc);
            if (r < 0)
                goto fail;
            if (!r)
                continue;
            js_desc_normalize(&desc);
            if (!(desc.flags & JS_PROP_ENUMERABLE))
                continue;
            JSValue v = js_get_property(ctx, rfrom.v, atom);
            if (js_is_exception(v))
                goto fail;
            if (js_set_property(ctx, rto.v, atom, v, JS_THROW) < 0)
                goto fail;
        }
    }
    js_root_pop(ctx, &rto);
    return rto.v;
fail:
    js_root_pop(ctx, &rto);
    return JS_EXCEPTION;
}

/* ObjectDefineProperties(O, Properties) */
static int object_define_properties(JSContext *ctx, JSValue obj, JSValue properties)
{
    JSRoot rprops, rkeys, rdescs;
    JSValue props = js_to_object(ctx, properties);
    if (js_is_exception(props))
        return -1;
    js_root_push(ctx, &rprops, props);
    JSValueArray *keys = js_own_property_keys(ctx, props);
    if (!keys)
        goto fail;
    js_root_push(ctx, &rkeys, js_cell_value(keys));
    /* Per key: the key value, then value/getter/setter of its descriptor. */
    JSValueArray *descs = js_value_array_new(ctx, keys->len * 4 + 1);
    if (!descs)
        goto fail;
    js_root_push(ctx, &rdescs, js_cell_value(descs));
    uint32_t *flags = NULL;
    uint32_t count = 0;
    if (keys->len) {
        flags = js_malloc(ctx, keys->len * sizeof(uint32_t));
        if (!flags)
            goto fail;
    }
    for (uint32_t i = 0; i < keys->len; i++) {
        JSAtom atom = js_value_to_atom(ctx, keys->values[i]);
        if (atom == JS_ATOM_NULL)
            goto fail_free;
        JSPropertyDescriptor pd;
        int r = js_get_own_property(ctx, rprops.v, atom, &pd);
        if (r < 0)
            goto fail_free;
        if (!r)
            continue;
        js_desc_normalize(&pd);
        if (!(pd.flags & JS_PROP_ENUMERABLE))
            continue;
        JSValue desc_obj = js_get_property(ctx, rprops.v, atom);
        if (js_is_exception(desc_obj))
            goto fail_free;
        JSPropertyDescriptor d;
        if (js_to_property_descriptor(ctx, desc_obj, &d) < 0)
            goto fail_free;
        descs->values[count * 4] = keys->values[i];
        descs->values[count * 4 + 1] = d.value;
        descs->values[count * 4 + 2] = d.getter;
        descs->values[count * 4 + 3] = d.setter;
        flags[count++] = d.flags;
    }
    for (uint32_t i = 0; i < count; i++) {
        JSAtom atom = js_value_to_atom(ctx, descs->values[i * 4]);
        if (atom == JS_ATOM_NULL)
            goto fail_free;
        JSPropertyDescriptor d;
        d.flags = flags[i];
        d.value = descs->values[i * 4 + 1];
        d.getter = descs->values[i * 4 + 2];
        d.setter = descs->values[i * 4 + 3];
        if (js_define_property(ctx, obj, atom, &d, JS_THROW) < 0)
            goto fail_free;
    }
    if (flags)
        js_free(ctx->rt, flags, keys->len * sizeof(uint32_t));
    js_root_pop(ctx, &rprops);
    return 0;
fail_free:
    if (flags)
        js_free(ctx->rt, flags, keys->len * sizeof(uint32_t));
fail:
    js_root_pop(ctx, &rprops);
    return -1;
}

static JSValue object_create(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue proto = argv[0];
    if (!js_is_object(proto) && !js_is_null(proto))
        return js_throw_type_error(ctx, "Object prototype may only be an Object or null");
    JSValue obj = js_new_object_proto(ctx, proto);
    if (js_is_exception(obj) || js_is_undefined(argv[1]))
        return obj;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    int ret = object_define_properties(ctx, obj, argv[1]);
    js_root_pop(ctx, &r);
    return ret < 0 ? JS_EXCEPTION : r.v;
}

static JSValue object_define_properties_fn(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return js_throw_type_error(ctx, "Object.defineProperties called on non-object");
    if (object_define_properties(ctx, argv[0], argv[1]) < 0)
        return JS_EXCEPTION;
    return argv[0];
}

static JSValue object_define_property(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return js_throw_type_error(ctx, "Object.defineProperty called on non-object");
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    JSPropertyDescriptor d;
    if (js_to_property_descriptor(ctx, argv[2], &d) < 0)
        return JS_EXCEPTION;
    JSDescRoots dr;
    js_desc_root(ctx, &dr, &d);
    int r = js_define_property(ctx, argv[0], key, &d, JS_THROW);
    js_root_pop(ctx, &dr.v);
    if (r < 0)
        return JS_EXCEPTION;
    return argv[0];
}

/* Object.keys / values / entries (magic = kind) */
static JSValue object_keys(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue obj = js_to_object(ctx, argv[0]);
    if (js_is_exception(obj))
        return obj;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    JSValue res = js_enumerable_own_properties(ctx, obj, magic);
    js_root_pop(ctx, &r);
    return res;
}

/* SetIntegrityLevel (frozen = 1) / TestIntegrityLevel. */
static int set_integrity_level(JSContext *ctx, JSValue obj, int frozen)
{
    int r = js_prevent_extensions(ctx, obj, 0);
    if (r <= 0)
        return r;
    JSValueArray *keys = js_own_property_keys(ctx, obj);
    if (!keys)
        return -1;
    JSRoot rk;
    js_root_push(ctx, &rk, js_cell_value(keys));
    for (uint32_t i = 0; i < keys->len; i++) {
        JSAtom atom = js_value_to_atom(ctx, keys->values[i]);
        if (atom == JS_ATOM_NULL)
            goto fail;
        JSPropertyDescriptor d = { JS_DESC_HAS_CONFIGURABLE, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED };
        if (frozen) {
            JSPropertyDescriptor cur;
            r = js_get_own_property(ctx, obj, atom, &cur);
            if (r < 0)
                goto fail;
            if (!r)
                continue;
            js_desc_normalize(&cur);
            if (!js_desc_is_accessor(&cur))
                d.flags |= JS_DESC_HAS_WRITABLE;
        }
        if (js_define_property(ctx, obj, atom, &d, JS_THROW) < 0)
            goto fail;
    }
    js_root_pop(ctx, &rk);
    return 1;
fail:
    js_root_pop(ctx, &rk);
    return -1;
}

static int test_integrity_level(JSContext *ctx, JSValue obj, int frozen)
{
    int r = js_is_extensible(ctx, obj);
    if (r != 0)
        return r < 0 ? -1 : 0;
    JSValueArray *keys = js_own_property_keys(ctx, obj);
    if (!keys)
        return -1;
    JSRoot rk;
    js_root_push(ctx, &rk, js_cell_value(keys));
    int result = 1;
    for (uint32_t i = 0; i < keys->len; i++) {
        JSAtom atom = js_value_to_atom(ctx, keys->values[i]);
        if (atom == JS_ATOM_NULL) {
            result = -1;
            break;
        }
        JSPropertyDescriptor cur;
        r = js_get_own_property(ctx, obj, atom, &cur);
        if (r < 0) {
            result = -1;
            break;
        }
        if (!r)
            continue;
        js_desc_normalize(&cur);
        if (cur.flags & JS_PROP_CONFIGURABLE) {
            result = 0;
            break;
        }
        if (frozen && js_desc_is_data(&cur) && (cur.flags & JS_PROP_WRITABLE)) {
            result = 0;
            break;
        }
    }
    js_root_pop(ctx, &rk);
    return result;
}

/* Object.freeze (magic 1) / Object.seal (magic 0) */
static JSValue object_seal(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return argv[0];
    int r = set_integrity_level(ctx, argv[0], magic);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return js_throw_type_error(ctx, magic ? "cannot freeze object" : "cannot seal object");
    return argv[0];
}

/* Object.isFrozen (magic 1) / Object.isSealed (magic 0) */
static JSValue object_is_sealed(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return JS_TRUE;
    int r = test_integrity_level(ctx, argv[0], magic);
    if (r < 0)
        return JS_EXCEPTION;
    return js_bool(r);
}

static JSValue object_is_extensible(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return JS_FALSE;
    int r = js_is_extensible(ctx, argv[0]);
    if (r < 0)
        return JS_EXCEPTION;
    return js_bool(r);
}

static JSValue object_prevent_extensions(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return argv[0];
    if (js_prevent_extensions(ctx, argv[0], JS_THROW) < 0)
        return JS_EXCEPTION;
    return argv[0];
}

/* Object.fromEntries(iterable) */
static JSValue object_from_entries(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (js_is_nullish(argv[0]))
        return js_throw_type_error(ctx, "Object.fromEntries requires an iterable");
    JSRoot robj, rit, rnext, ritem, rk;
    JSValue obj = js_new_object(ctx);
    if (js_is_exception(obj))
        return obj;
    js_root_push(ctx, &robj, obj);
    js_root_push(ctx, &rit, JS_UNDEFINED);
    js_root_push(ctx, &rnext, JS_UNDEFINED);
    js_root_push(ctx, &ritem, JS_UNDEFINED);
    js_root_push(ctx, &rk, JS_UNDEFINED);
    JSIteratorRecord rec;
    if (js_get_iterator(ctx, argv[0], &rec) < 0)
        goto fail;
    rit.v = rec.iterator;
    rnext.v = rec.next;
    for (;;) {
        JSValue item;
        rec.iterator = rit.v;
        rec.next = rnext.v;
        int r = js_iterator_step_value(ctx, &rec, &item);
        if (r < 0)
            goto fail;
        if (r == 0)
            break;
        if (!js_is_object(item)) {
            js_throw_type_error(ctx, "iterator value is not an entry object");
            goto fail_close;
        }
        ritem.v = item;
        JSValue k = js_get_index(ctx, item, 0);
        if (js_is_exception(k))
            goto fail_close;
        rk.v = k;
        JSValue v = js_get_index(ctx, ritem.v, 1);
        if (js_is_exception(v))
            goto fail_close;
        ritem.v = v;
        JSAtom key = js_to_property_key(ctx, rk.v);
        if (key == JS_ATOM_NULL)
            goto fail_close;
        js_root_set_atom(ctx, &rk, key);
        if (js_create_data_property(ctx, robj.v, key, ritem.v, JS_THROW) < 0)
            goto fail_close;
    }
    js_root_pop(ctx, &robj);
    return robj.v;
fail_close:
    js_iterator_close(ctx, rit.v, true);
fail:
    js_root_pop(ctx, &robj);
    return JS_EXCEPTION;
}

static JSValue object_get_own_property_descriptor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue obj = js_to_object(ctx, argv[0]);
    if (js_is_exception(obj))
        return obj;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL)
        goto fail;
    JSRoot rkey;
    js_root_push_atom(ctx, &rkey, key);
    JSPropertyDescriptor d;
    int found = js_get_own_property(ctx, r.v, key, &d);
    if (found < 0)
        goto fail;
    JSValue res = js_from_property_descriptor(ctx, found ? &d : NULL);
    js_root_pop(ctx, &r);
    return res;
fail:
    js_root_pop(ctx, &r);
    return JS_EXCEPTION;
}

static JSValue object_get_own_property_descriptors(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot robj, rkeys, rres;
    JSValue obj = js_to_object(ctx, argv[0]);
    if (js_is_exception(obj))
        return obj;
    js_root_push(ctx, &robj, obj);
    JSValueArray *keys = js_own_property_keys(ctx, obj);
    if (!keys)
        goto fail;
    js_root_push(ctx, &rkeys, js_cell_value(keys));
    JSValue res = js_new_object(ctx);
    if (js_is_exception(res))
        goto fail;
    js_root_push(ctx, &rres, res);
    for (uint32_t i = 0; i < keys->len; i++) {
        JSAtom atom = js_value_to_atom(ctx, keys->values[i]);
        if (atom == JS_ATOM_NULL)
            goto fail;
        JSPropertyDescriptor d;
        int found = js_get_own_property(ctx, robj.v, atom, &d);
        if (found < 0)
            goto fail;
        if (!found)
            continue;
        JSValue dobj = js_from_property_descriptor(ctx, &d);
        if (js_is_exception(dobj))
            goto fail;
        if (js_create_data_property(ctx, rres.v, atom, dobj, JS_THROW) < 0)
            goto fail;
    }
    js_root_pop(ctx, &robj);
    return rres.v;
fail:
    js_root_pop(ctx, &robj);
    return JS_EXCEPTION;
}

/* GetOwnPropertyKeys(O, type): magic 0 strings, 1 symbols */
static JSValue object_get_own_property_names(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot robj, rkeys;
    JSValue obj = js_to_object(ctx, argv[0]);
    if (js_is_exception(obj))
        return obj;
    js_root_push(ctx, &robj, obj);
    JSValueArray *keys = js_own_property_keys(ctx, obj);
    if (!keys)
        goto fail;
    js_root_push(ctx, &rkeys, js_cell_value(keys));
    uint32_t n = 0;
    for (uint32_t i = 0; i < keys->len; i++) {
        JSValue k = keys->values[i];
        if (magic ? js_is_symbol(k) : js_is_string(k))
            keys->values[n++] = k;
    }
    JSValue res = js_new_array_from(ctx, n, keys->values);
    js_root_pop(ctx, &robj);
    return res;
fail:
    js_root_pop(ctx, &robj);
    return JS_EXCEPTION;
}

static JSValue object_get_prototype_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue obj = js_to_object(ctx, argv[0]);
    if (js_is_exception(obj))
        return obj;
    return js_get_prototype_of(ctx, obj);
}

static JSValue object_set_prototype_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue o = argv[0], proto = argv[1];
    if (js_is_nullish(o))
        return js_throw_type_error(ctx, "Object.setPrototypeOf called on null or undefined");
    if (!js_is_object(proto) && !js_is_null(proto))
        return js_throw_type_error(ctx, "Object prototype may only be an Object or null");
    if (!js_is_object(o))
        return o;
    if (js_set_prototype_of(ctx, o, proto, JS_THROW) < 0)
        return JS_EXCEPTION;
    return o;
}

/* Object.groupBy(items, callback) */
static JSValue object_group_by(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue items = argv[0], callback = argv[1];
    if (js_is_nullish(items))
        return js_throw_type_error(ctx, "Object.groupBy called on null or undefined");
    if (!js_is_callable(callback))
        return js_throw_type_error(ctx, "Object.groupBy: callback is not a function");
    JSRoot rres, rit, rnext, rargs[2];
    JSValue res = js_new_object_proto(ctx, JS_NULL);
    if (js_is_exception(res))
        return res;
    js_root_push(ctx, &rres, res);
    js_root_push(ctx, &rit, JS_UNDEFINED);
    js_root_push(ctx, &rnext, JS_UNDEFINED);
    js_root_push(ctx, &rargs[0], JS_UNDEFINED);
    js_root_push(ctx, &rargs[1], JS_UNDEFINED);
    JSIteratorRecord rec;
    if (js_get_iterator(ctx, items, &rec) < 0)
        goto fail;
    rit.v = rec.iterator;
    rnext.v = rec.next;
    for (double k = 0;; k++) {
        JSValue value;
        if (k >= 9007199254740991.0) {
            js_throw_type_error(ctx, "too many elements");
            goto fail_close;
        }
        rec.iterator = rit.v;
        rec.next = rnext.v;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto fail;
        if (r == 0)
            break;
        rargs[0].v = value;
        rargs[1].v = js_number(k);
        JSValue args[2] = { rargs[0].v, rargs[1].v };
        /* args lives on the C stack but both values are rooted above. */
        JSValue key = js_call(ctx, callback, JS_UNDEFINED, 2, args);
        if (js_is_exception(key))
            goto fail_close;
        rargs[1].v = key;
        JSAtom atom = js_to_property_key(ctx, key);
        if (atom == JS_ATOM_NULL)
            goto fail_close;
        js_root_set_atom(ctx, &rargs[1], atom);
        JSPropertyDescriptor d;
        r = js_get_own_property(ctx, rres.v, atom, &d);
        if (r < 0)
            goto fail_close;
        if (r) {
            if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(d.value), rargs[0].v) < 0)
                goto fail_close;
        } else {
            JSValue arr = js_new_array_from(ctx, 1, &rargs[0].v);
            if (js_is_exception(arr))
                goto fail_close;
            if (js_create_data_property(ctx, rres.v, atom, arr, JS_THROW) < 0)
                goto fail_close;
        }
    }
    js_root_pop(ctx, &rres);
    return rres.v;
fail_close:
    js_iterator_close(ctx, rit.v, true);
fail:
    js_root_pop(ctx, &rres);
    return JS_EXCEPTION;
}

static JSValue object_has_own(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue obj = js_to_object(ctx, argv[0]);
    if (js_is_exception(obj))
        return obj;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    JSAtom key = js_to_property_key(ctx, argv[1]);
    if (key == JS_ATOM_NULL) {
        js_root_pop(ctx, &r);
        return JS_EXCEPTION;
    }
    JSRoot rkey;
    js_root_push_atom(ctx, &rkey, key);
    int found = js_get_own_property(ctx, r.v, key, NULL);
    js_root_pop(ctx, &r);
    return found < 0 ? JS_EXCEPTION : js_bool(found);
}

static JSValue object_is(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_bool(js_same_value(ctx, argv[0], argv[1]));
}

/* ---- Object.prototype ---- */

static JSValue proto_has_own_property(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSAtom key = js_to_property_key(ctx, argv[0]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    JSValue obj = js_to_object(ctx, this_val);
    if (js_is_exception(obj))
        return obj;
    int found = js_get_own_property(ctx, obj, key, NULL);
    return found < 0 ? JS_EXCEPTION : js_bool(found);
}

static JSValue proto_is_prototype_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(argv[0]))
        return JS_FALSE;
    JSValue obj = js_to_object(ctx, this_val);
    if (js_is_exception(obj))
        return obj;
    JSRoot ro, rv;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rv, argv[0]);
    JSValue res = JS_FALSE;
    for (;;) {
        JSValue p = js_get_prototype_of(ctx, rv.v);
        if (js_is_exception(p)) {
            res = p;
            break;
        }
        if (js_is_null(p))
            break;
        if (p == ro.v) {
            res = JS_TRUE;
            break;
        }
        rv.v = p;
    }
    js_root_pop(ctx, &ro);
    return res;
}

static JSValue proto_property_is_enumerable(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSAtom key = js_to_property_key(ctx, argv[0]);
    if (key == JS_ATOM_NULL)
        return JS_EXCEPTION;
    JSRoot rkey;    /* dropped by the caller of this native function */
    js_root_push_atom(ctx, &rkey, key);
    JSValue obj = js_to_object(ctx, this_val);
    if (js_is_exception(obj))
        return obj;
    JSPropertyDescriptor d;
    int found = js_get_own_property(ctx, obj, key, &d);
    if (found <= 0)
        return found < 0 ? JS_EXCEPTION : JS_FALSE;
    js_desc_normalize(&d);
    return js_bool(d.flags & JS_PROP_ENUMERABLE);
}

static JSValue proto_to_locale_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_invoke(ctx, this_val, JS_ATOM_toString, 0, NULL);
}

static JSValue proto_value_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_to_object(ctx, this_val);
}

static JSValue proto_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(this_val))
        return js_new_string_cstr(ctx, "[object Undefined]");
    if (js_is_null(this_val))
        return js_new_string_cstr(ctx, "[object Null]");
    JSValue obj = js_to_object(ctx, this_val);
    if (js_is_exception(obj))
        return obj;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    int err = 0;
    const char *tag;
    if (js_is_array(ctx, obj, &err)) {
        tag = "Array";
    } else if (err) {
        goto fail;
    } else {
        switch (js_object_class(JS_VALUE_GET_OBJ(obj))) {
        case JS_CLASS_ARGUMENTS:
        case JS_CLASS_MAPPED_ARGUMENTS: tag = "Arguments"; break;
        case JS_CLASS_ERROR: tag = "Error"; break;
        case JS_CLASS_BOOLEAN: tag = "Boolean"; break;
        case JS_CLASS_NUMBER: tag = "Number"; break;
        case JS_CLASS_STRING: tag = "String"; break;
        case JS_CLASS_DATE: tag = "Date"; break;
        case JS_CLASS_REGEXP: tag = "RegExp"; break;
        default: tag = js_is_callable(obj) ? "Function" : "Object"; break;
        }
    }
    JSValue t = js_get_property(ctx, r.v, JS_ATOM_Symbol_toStringTag);
    if (js_is_exception(t))
        goto fail;
    StringBuffer sb;
    if (js_is_string(t)) {
        r.v = t;
        js_sb_init(ctx, &sb, 16 + js_string_len(t));
        js_sb_put_cstr(&sb, "[object ");
        js_sb_put_string(&sb, r.v);
    } else {
        js_sb_init(ctx, &sb, 24);
        js_sb_put_cstr(&sb, "[object ");
        js_sb_put_cstr(&sb, tag);
    }
    js_sb_putc(&sb, ']');
    js_root_pop(ctx, &r);
    return js_sb_finish(&sb);
fail:
    js_root_pop(ctx, &r);
    return JS_EXCEPTION;
}

static JSValue proto_get_proto(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue obj = js_to_object(ctx, this_val);
    if (js_is_exception(obj))
        return obj;
    return js_get_prototype_of(ctx, obj);
}

static JSValue proto_set_proto(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue proto = argv[0];
    if (js_is_nullish(this_val))
        return js_throw_type_error(ctx, "Object.prototype.__proto__ called on null or undefined");
    if (!js_is_object(proto) && !js_is_null(proto))
        return JS_UNDEFINED;
    if (!js_is_object(this_val))
        return JS_UNDEFINED;
    if (js_set_prototype_of(ctx, this_val, proto, JS_THROW) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* __defineGetter__ (magic 0) / __defineSetter__ (magic 1) */
static JSValue proto_define_getter(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue obj = js_to_object(ctx, this_val);
    if (js_is_exception(obj))
        return obj;
    if (!js_is_callable(argv[1]))
        return js_throw_type_error(ctx, magic ? "setter is not a function" : "getter is not a function");
    JSRoot r;
    js_root_push(ctx, &r, obj);
    JSAtom key = js_to_property_key(ctx, argv[0]);
    int ret = -1;
    JSRoot rkey;
    js_root_push_atom(ctx, &rkey, key == JS_ATOM_NULL ? JS_ATOM_empty_string : key);
    if (key != JS_ATOM_NULL) {
        JSPropertyDescriptor d;
        d.flags = JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE |
                  JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE |
                  (magic ? JS_DESC_HAS_SET : JS_DESC_HAS_GET);
        d.value = JS_UNDEFINED;
        d.getter = magic ? JS_UNDEFINED : argv[1];
        d.setter = magic ? argv[1] : JS_UNDEFINED;
        ret = js_define_property(ctx, r.v, key, &d, JS_THROW);
    }
    js_root_pop(ctx, &r);
    return ret < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

/* __lookupGetter__ (magic 0) / __lookupSetter__ (magic 1) */
static JSValue proto_lookup_getter(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue obj = js_to_object(ctx, this_val);
    if (js_is_exception(obj))
        return obj;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    JSValue res = JS_EXCEPTION;
    JSAtom key = js_to_property_key(ctx, argv[0]);
    if (key == JS_ATOM_NULL)
        goto done;
    JSRoot rkey;
    js_root_push_atom(ctx, &rkey, key);
    for (;;) {
        JSPropertyDescriptor d;
        int found = js_get_own_property(ctx, r.v, key, &d);
        if (found < 0)
            goto done;
        if (found) {
            js_desc_normalize(&d);
            if (js_desc_is_accessor(&d))
                res = magic ? d.setter : d.getter;
            else
                res = JS_UNDEFINED;
            goto done;
        }
        JSValue p = js_get_prototype_of(ctx, r.v);
        if (js_is_exception(p))
            goto done;
        if (js_is_null(p)) {
            res = JS_UNDEFINED;
            goto done;
        }
        r.v = p;
    }
done:
    js_root_pop(ctx, &r);
    return res;
}

static const JSPropEntry object_ctor_props[] = {
    JS_CFUNC_DEF("assign", 2, object_assign),
    JS_CFUNC_DEF("create", 2, object_create),
    JS_CFUNC_DEF("defineProperties", 2, object_define_properties_fn),
    JS_CFUNC_DEF("defineProperty", 3, object_define_property),
    JS_CFUNC_MAGIC_DEF("entries", 1, object_keys, 2),
    JS_CFUNC_MAGIC_DEF("freeze", 1, object_seal, 1),
    JS_CFUNC_DEF("fromEntries", 1, object_from_entries),
    JS_CFUNC_DEF("getOwnPropertyDescriptor", 2, object_get_own_property_descriptor),
    JS_CFUNC_DEF("getOwnPropertyDescriptors", 1, object_get_own_property_descriptors),
    JS_CFUNC_MAGIC_DEF("getOwnPropertyNames", 1, object_get_own_property_names, 0),
    JS_CFUNC_MAGIC_DEF("getOwnPropertySymbols", 1, object_get_own_property_names, 1),
    JS_CFUNC_DEF("getPrototypeOf", 1, object_get_prototype_of),
    JS_CFUNC_DEF("groupBy", 2, object_group_by),
    JS_CFUNC_DEF("hasOwn", 2, object_has_own),
    JS_CFUNC_DEF("is", 2, object_is),
    JS_CFUNC_DEF("isExtensible", 1, object_is_extensible),
    JS_CFUNC_MAGIC_DEF("isFrozen", 1, object_is_sealed, 1),
    JS_CFUNC_MAGIC_DEF("isSealed", 1, object_is_sealed, 0),
    JS_CFUNC_MAGIC_DEF("keys", 1, object_keys, 0),
    JS_CFUNC_DEF("preventExtensions", 1, object_prevent_extensions),
    JS_CFUNC_MAGIC_DEF("seal", 1, object_seal, 0),
    JS_CFUNC_DEF("setPrototypeOf", 2, object_set_prototype_of),
    JS_CFUNC_MAGIC_DEF("values", 1, object_keys, 1),
};

static const JSPropEntry object_proto_props[] = {
    JS_CFUNC_DEF("hasOwnProperty", 1, proto_has_own_property),
    JS_CFUNC_DEF("isPrototypeOf", 1, proto_is_prototype_of),
    JS_CFUNC_DEF("propertyIsEnumerable", 1, proto_property_is_enumerable),
    JS_CFUNC_DEF("toLocaleString", 0, proto_to_locale_string),
    JS_CFUNC_DEF("valueOf", 0, proto_value_of),
    JS_CGETSET_DEF("__proto__", proto_get_proto, proto_set_proto),
    JS_CFUNC_MAGIC_DEF("__defineGetter__", 2, proto_define_getter, 0),
    JS_CFUNC_MAGIC_DEF("__defineSetter__", 2, proto_define_getter, 1),
    JS_CFUNC_MAGIC_DEF("__lookupGetter__", 1, proto_lookup_getter, 0),
    JS_CFUNC_MAGIC_DEF("__lookupSetter__", 1, proto_lookup_getter, 1),
};

int js_init_object(JSContext *ctx)
{
    JSValue proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSValue ctor = js_new_constructor(ctx, object_ctor, "Object", 1, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_ObjectConstructor] = ctor;
    if (js_define_prop_entries(ctx, ctor, object_ctor_props,
                               sizeof object_ctor_props / sizeof object_ctor_props[0]) < 0)
        return -1;
    JSValue ts = js_new_cfunction_atom(ctx, proto_to_string, JS_ATOM_toString, 0, JS_CFUNC_PLAIN, 0);
    if (js_is_exception(ts))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_ObjectPrototypeToString] = ts;
    if (js_define_property_value(ctx, proto, JS_ATOM_toString, ts, JS_PROP_C_W) < 0)
        return -1;
    if (js_define_prop_entries(ctx, proto, object_proto_props,
                               sizeof object_proto_props / sizeof object_proto_props[0]) < 0)
        return -1;
    return 0;
}
