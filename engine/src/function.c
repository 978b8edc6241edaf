/* Native function objects (JSCFunctionObject, class C_FUNCTION): creation
 * with `length` and `name`, SetFunctionName, the tables of built-in
 * properties (JSPropEntry) and constructors linked with their
 * prototypes. */
#include <stdio.h>
#include <string.h>
#include "core.h"
#include "conv.h"

static void cfunc_trace(JSRuntime *rt, JSObject *o)
{
    js_gc_mark_value(rt, ((JSCFunctionObject *)o)->data);
}

static const JSClass class_cfunc = {
    .name = "Function", .size = sizeof(JSCFunctionObject), .trace = cfunc_trace,
};

void js_function_register_classes(JSRuntime *rt)
{
    js_register_class(rt, JS_CLASS_C_FUNCTION, &class_cfunc);
}

bool js_is_callable(JSValue v)
{
    return js_is_object(v) && (JS_VALUE_GET_OBJ(v)->h.flags & JS_OBJ_CALLABLE);
}

bool js_is_constructor(JSValue v)
{
    return js_is_object(v) && (JS_VALUE_GET_OBJ(v)->h.flags & JS_OBJ_CONSTRUCTOR);
}

/* The value of `name` for key atom with an optional prefix ("get ",
 * "set ", "bound "). May collect. */
static JSValue function_name_value(JSContext *ctx, JSAtom name, JSAtom prefix)
{
    JSValue v;
    if (name == JS_ATOM_NULL) {
        v = js_atom_to_value(ctx, JS_ATOM_empty_string);
    } else if (js_atom_is_symbol(ctx->rt, name)) {
        JSValue sym = js_atom_to_value(ctx, name);
        JSValue d = JS_VALUE_GET_SYMBOL(sym)->description;
        if (!js_is_string(d)) {
            v = js_atom_to_value(ctx, JS_ATOM_empty_string);
        } else {
            StringBuffer sb;
            js_sb_init(ctx, &sb, 0);
            js_sb_putc(&sb, '[');
            js_sb_put_string(&sb, d);
            js_sb_putc(&sb, ']');
            v = js_sb_finish(&sb);
        }
    } else {
        v = js_atom_to_value(ctx, name);
    }
    if (js_is_exception(v) || prefix == JS_ATOM_NULL)
        return v;
    JSRoot r;
    js_root_push(ctx, &r, v);
    JSValue res = js_string_concat(ctx, js_atom_to_value(ctx, prefix), r.v);
    js_root_pop(ctx, &r);
    return res;
}

int js_set_function_name(JSContext *ctx, JSValue func, JSAtom name, JSAtom prefix)
{
    JSRoot rf, ra;
    js_root_push(ctx, &rf, func);
    js_root_push_atom(ctx, &ra, name);
    JSValue v = function_name_value(ctx, name, prefix);
    int r = -1;
    if (!js_is_exception(v))
        r = js_define_property_value(ctx, rf.v, JS_ATOM_name, v, JS_PROP_CONFIGURABLE);
    js_root_pop(ctx, &rf);
    return r < 0 ? -1 : 0;
}

/* The shape of a new native function whose [[Prototype]] is proto: its
 * `length` and `name` (configurable), in that order. The realm keeps the
 * one of %Function.prototype%, so that a function is made with one
 * allocation and no transition. May collect; NULL after throwing. */
static JSShape *cfunc_shape(JSContext *ctx, JSObject *proto)
{
    if (ctx->cfunc_shape && ctx->cfunc_shape->proto == proto)
        return ctx->cfunc_shape;
    JSShape *sh = js_shape_root(ctx, proto, false);
    if (sh)
        sh = js_shape_add_transition(ctx, sh, JS_ATOM_length, JS_PROP_CONFIGURABLE);
    if (sh)
        sh = js_shape_add_transition(ctx, sh, JS_ATOM_name, JS_PROP_CONFIGURABLE);
    if (sh && js_is_object(ctx->class_proto[JS_CLASS_FUNCTION]))
        ctx->cfunc_shape = sh;
    return sh;
}

/* Creates a native function named prefix+name. May collect. */
static JSValue new_cfunc(JSContext *ctx, JSCFunction *fn, JSAtom name, JSAtom prefix, int length,
                         int kind, int magic, JSValue data)
{
    JSRoot rd, ra, rn;
    js_root_push(ctx, &rd, data);
    js_root_push_atom(ctx, &ra, name);
    js_root_push(ctx, &rn, function_name_value(ctx, name, prefix));
    JSValue res = JS_EXCEPTION;
    JSValue proto = ctx->class_proto[JS_CLASS_FUNCTION];
    if (!js_is_object(proto))
        proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSShape *sh = js_is_exception(rn.v) ? NULL
                  : cfunc_shape(ctx, js_is_object(proto) ? JS_VALUE_GET_OBJ(proto) : NULL);
    JSObject *o = sh ? js_new_object_shape_class(ctx, sh, JS_CLASS_C_FUNCTION) : NULL;
    if (o) {
        JSCFunctionObject *f = (JSCFunctionObject *)o;
        f->fn = fn;
        f->realm = ctx;
        f->magic = (int16_t)magic;
        f->length = (uint8_t)(length < 0 ? 0 : length > 255 ? 255 : length);
        f->kind = (uint8_t)kind;
        f->data = rd.v;
        o->h.flags |= JS_OBJ_CALLABLE | (kind == JS_CFUNC_CONSTRUCTOR ? JS_OBJ_CONSTRUCTOR : 0);
        o->slots[0] = js_int(length);
        o->slots[1] = rn.v;
        res = js_obj_value(o);
    }
    js_root_pop(ctx, &rd);
    return res;
}

JSValue js_new_cfunction_atom(JSContext *ctx, JSCFunction *fn, JSAtom name, int length, int kind, int magic)
{
    return new_cfunc(ctx, fn, name, JS_ATOM_NULL, length, kind, magic, JS_UNDEFINED);
}

JSValue js_new_cfunction(JSContext *ctx, JSCFunction *fn, const char *name, int length, int kind, int magic)
{
    JSAtom a = JS_ATOM_empty_string;
    if (name) {
        a = js_atom_from_cstr(ctx, name);
        if (a == JS_ATOM_NULL)
            return JS_EXCEPTION;
    }
    return new_cfunc(ctx, fn, a, JS_ATOM_NULL, length, kind, magic, JS_UNDEFINED);
}

JSValue js_new_cfunction_data(JSContext *ctx, JSCFunction *fn, int length, int magic, JSValue data)
{
    return new_cfunc(ctx, fn, JS_ATOM_empty_string, JS_ATOM_NULL, length, JS_CFUNC_PLAIN, magic, data);
}

/* The well-known symbols of atoms.def by description, for entry_atom
 * (comparing C strings costs less than formatting each atom's name). */
static const struct {
    const char *name;
    JSAtom atom;
} well_known_symbols[] = {
#define DEF(name, str)
#define DEF_SYM(name, str) { str, JS_ATOM_##name },
#include "atoms.def"
#undef DEF
#undef DEF_SYM
};

/* "[Symbol.iterator]" -> the well-known symbol atom; other names are
 * interned. May collect. */
static JSAtom entry_atom(JSContext *ctx, const char *name)
{
    size_t len = strlen(name);
    if (len > 2 && name[0] == '[' && name[len - 1] == ']') {
        for (size_t i = 0; i < sizeof well_known_symbols / sizeof well_known_symbols[0]; i++) {
            const char *w = well_known_symbols[i].name;
            if (strlen(w) == len - 2 && memcmp(w, name + 1, len - 2) == 0)
                return well_known_symbols[i].atom;
        }
    }
    return js_atom_from_utf8(ctx, name, len);
}

/* The value of entry e (not JS_DEF_GETSET) named a of the object in ro.
 * May collect; JS_EXCEPTION after throwing. */
static JSValue entry_value(JSContext *ctx, JSValue obj, const JSPropEntry *e, JSAtom a)
{
    switch (e->kind) {
    case JS_DEF_CFUNC:
        return new_cfunc(ctx, e->u.fn, a, JS_ATOM_NULL, e->length, e->cfunc_kind, e->magic, JS_UNDEFINED);
    case JS_DEF_PROP_INT:
        return js_int(e->u.i32);
    case JS_DEF_PROP_DOUBLE:
        return js_number(e->u.f64);
    case JS_DEF_PROP_STRING:
        return js_new_string_cstr(ctx, e->u.str);
    case JS_DEF_ALIAS: {
        JSAtom from = entry_atom(ctx, e->u.str);
        return from == JS_ATOM_NULL ? JS_EXCEPTION : js_get_property(ctx, obj, from);
    }
    case JS_DEF_PROP_UNDEFINED:
    case JS_DEF_GETSET:
        break;
    }
    return JS_UNDEFINED;
}

/* The accessor functions of entry e named a: "get a" and "set a". May
 * collect; -1 after throwing. */
static int entry_getset(JSContext *ctx, const JSPropEntry *e, JSAtom a, JSRoot *rg, JSValue *setter)
{
    *setter = JS_UNDEFINED;
    if (e->u.getset.get) {
        rg->v = new_cfunc(ctx, e->u.getset.get, a, JS_ATOM_get_, 0, JS_CFUNC_PLAIN, e->magic, JS_UNDEFINED);
        if (js_is_exception(rg->v))
            return -1;
    }
    if (e->u.getset.set) {
        *setter = new_cfunc(ctx, e->u.getset.set, a, JS_ATOM_set_, 1, JS_CFUNC_PLAIN, e->magic, JS_UNDEFINED);
        if (js_is_exception(*setter))
            return -1;
    }
    return 0;
}

/* js_define_prop_entries on an object whose properties are in a shared
 * shape (the prototypes and constructors of the built-ins): the shape of
 * all n entries is made in one step, then each value is made, in table
 * order, straight into its slot. The result is the same as defining
 * them one by one (same order, attributes and values; an alias reads an
 * entry made before it). Returns 1 when that does not apply, without
 * changing the object (a dictionary, an exotic object other than an
 * Array or a String wrapper, a name already there or repeated, too many
 * properties), else 0, or -1 after throwing. May collect. */
static int define_entries_at_once(JSContext *ctx, JSRoot *ro, const JSPropEntry *tab, int n)
{
    JSObject *o = JS_VALUE_GET_OBJ(ro->v);
    JSShape *sh = o->shape;
    JSClassID id = js_object_class(o);
    bool exotic = (o->h.flags & JS_OBJ_EXOTIC) != 0;
    if ((sh->h.flags & JS_SHAPE_DICT) || !(o->h.flags & JS_OBJ_EXTENSIBLE) ||
        (exotic && id != JS_CLASS_ARRAY && id != JS_CLASS_STRING) ||
        sh->prop_count + (uint32_t)n > JS_SHAPE_MAX_SHARED_PROPS)
        return 1;
    JSShape *nsh = js_shape_props_begin(ctx, sh, (uint32_t)n);
    if (!nsh)
        return -1;
    /* the new shape holds (marks) the atoms made so far */
    JSRoot rs;
    js_root_push(ctx, &rs, js_mkptr(JS_TAG_CELL, nsh));
    for (int i = 0; i < n; i++) {
        const JSPropEntry *e = &tab[i];
        JSAtom a = entry_atom(ctx, e->name);
        if (a == JS_ATOM_NULL) {
            js_root_pop(ctx, &rs);
            return -1;
        }
        /* an Array's or String wrapper's own hooks handle these */
        uint32_t attrs = e->kind == JS_DEF_GETSET
            ? (e->attrs & (JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE)) | JS_PROP_ACCESSOR
            : e->attrs & JS_PROP_C_W_E;
        if ((exotic && (a == JS_ATOM_length || js_atom_is_int(a))) || !js_shape_props_push(nsh, a, attrs)) {
            js_root_pop(ctx, &rs);
            return 1;
        }
    }
    o = JS_VALUE_GET_OBJ(ro->v);
    uint32_t base = o->shape->prop_count;
    nsh = js_shape_props_end(ctx, nsh);
    if (js_object_reserve_slots(ctx, o, nsh->prop_count) < 0) {
        js_root_pop(ctx, &rs);
        return -1;
    }
    for (uint32_t i = base; i < nsh->prop_count; i++)
        o->slots[i] = JS_UNDEFINED;
    JS_STORE_PTR(ctx, o, o->shape, nsh);
    js_root_pop(ctx, &rs);
    JSRoot rg;
    js_root_push(ctx, &rg, JS_UNDEFINED);
    int ret = 0;
    for (int i = 0; i < n && ret == 0; i++) {
        const JSPropEntry *e = &tab[i];
        o = JS_VALUE_GET_OBJ(ro->v);
        JSAtom a = o->shape->props[base + i].atom;
        JSValue v;
        if (e->kind == JS_DEF_GETSET) {
            JSValue s;
            rg.v = JS_UNDEFINED;
            JSAccessorPair *ap = NULL;
            if (entry_getset(ctx, e, a, &rg, &s) == 0)
                ap = js_new_accessor_pair(ctx, rg.v, s);
            v = ap ? js_mkptr(JS_TAG_CELL, ap) : JS_EXCEPTION;
        } else {
            v = entry_value(ctx, ro->v, e, a);
        }
        if (js_is_exception(v))
            ret = -1;
        else
            JS_VALUE_GET_OBJ(ro->v)->slots[base + i] = v;
    }
    js_root_pop(ctx, &rg);
    return ret;
}

int js_define_prop_entries(JSContext *ctx, JSValue obj, const JSPropEntry *tab, int n)
{
    JSRoot ro, rv;
    js_root_push(ctx, &ro, obj);
    int ret = define_entries_at_once(ctx, &ro, tab, n);
    if (ret <= 0) {
        js_root_pop(ctx, &ro);
        return ret;
    }
    ret = 0;
    js_root_push(ctx, &rv, JS_UNDEFINED);
    for (int i = 0; i < n && ret == 0; i++) {
        const JSPropEntry *e = &tab[i];
        JSAtom a = entry_atom(ctx, e->name);
        if (a == JS_ATOM_NULL) {
            ret = -1;
            break;
        }
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        if (e->kind == JS_DEF_GETSET) {
            JSValue s;
            rv.v = JS_UNDEFINED;
            if (entry_getset(ctx, e, a, &rv, &s) < 0 ||
                js_define_property_getset(ctx, ro.v, a, rv.v, s, e->attrs) < 0)
                ret = -1;
        } else {
            JSValue v = entry_value(ctx, ro.v, e, a);
            if (js_is_exception(v) || js_define_property_value(ctx, ro.v, a, v, e->attrs) < 0)
                ret = -1;
        }
        js_root_pop(ctx, &ra);
    }
    js_root_pop(ctx, &ro);
    return ret;
}

JSValue js_new_constructor(JSContext *ctx, JSCFunction *fn, const char *name, int length, int magic, JSValue proto)
{
    JSRoot rp, ra;
    js_root_push(ctx, &rp, proto);
    /* the name is interned once, for the function's name and the global */
    JSAtom a = name ? js_atom_from_cstr(ctx, name) : JS_ATOM_empty_string;
    if (a == JS_ATOM_NULL)
        goto fail;
    js_root_push_atom(ctx, &ra, a);
    JSValue ctor = new_cfunc(ctx, fn, a, JS_ATOM_NULL, length, JS_CFUNC_CONSTRUCTOR, magic, JS_UNDEFINED);
    if (js_is_exception(ctor))
        goto fail;
    JSRoot rc;
    js_root_push(ctx, &rc, ctor);
    if (js_is_object(rp.v)) {
        if (js_define_property_value(ctx, rc.v, JS_ATOM_prototype, rp.v, 0) < 0 ||
            js_define_property_value(ctx, rp.v, JS_ATOM_constructor, rc.v, JS_PROP_C_W) < 0)
            goto fail;
    }
    if (name && js_define_property_value(ctx, js_obj_value(ctx->global_obj), a, rc.v, JS_PROP_C_W) < 0)
        goto fail;
    js_root_pop(ctx, &rp);
    return ctor;
fail:
    js_root_pop(ctx, &rp);
    return JS_EXCEPTION;
}
