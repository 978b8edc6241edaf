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

/* Creates a native function named prefix+name. May collect. */
static JSValue new_cfunc(JSContext *ctx, JSCFunction *fn, JSAtom name, JSAtom prefix, int length,
                         int kind, int magic, JSValue data)
{
    JSRoot rd, ra;
    js_root_push(ctx, &rd, data);
    js_root_push_atom(ctx, &ra, name);
    JSValue proto = ctx->class_proto[JS_CLASS_FUNCTION];
    if (!js_is_object(proto))
        proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSObject *o = js_new_object_proto_class(ctx, proto, JS_CLASS_C_FUNCTION);
    JSValue res = JS_EXCEPTION;
    if (o) {
        JSCFunctionObject *f = (JSCFunctionObject *)o;
        f->fn = fn;
        f->realm = ctx;
        f->magic = (int16_t)magic;
        f->length = (uint8_t)(length < 0 ? 0 : length > 255 ? 255 : length);
        f->kind = (uint8_t)kind;
        f->data = rd.v;
        o->h.flags |= JS_OBJ_CALLABLE | (kind == JS_CFUNC_CONSTRUCTOR ? JS_OBJ_CONSTRUCTOR : 0);
        JSRoot ro;
        js_root_push(ctx, &ro, js_obj_value(o));
        if (js_object_add_property(ctx, o, JS_ATOM_length, JS_PROP_CONFIGURABLE, js_int(length)) == 0) {
            JSValue nv = function_name_value(ctx, name, prefix);
            if (!js_is_exception(nv) &&
                js_object_add_property(ctx, o, JS_ATOM_name, JS_PROP_CONFIGURABLE, nv) == 0)
                res = ro.v;
        }
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

int js_define_prop_entries(JSContext *ctx, JSValue obj, const JSPropEntry *tab, int n)
{
    JSRoot ro, rv;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    int ret = 0;
    for (int i = 0; i < n && ret == 0; i++) {
        const JSPropEntry *e = &tab[i];
        JSAtom a = entry_atom(ctx, e->name);
        if (a == JS_ATOM_NULL) {
            ret = -1;
            break;
        }
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        JSValue v = JS_UNDEFINED;
        switch (e->kind) {
        case JS_DEF_CFUNC:
            v = new_cfunc(ctx, e->u.fn, a, JS_ATOM_NULL, e->length, e->cfunc_kind, e->magic, JS_UNDEFINED);
            break;
        case JS_DEF_GETSET: {
            JSValue g = JS_UNDEFINED, s = JS_UNDEFINED;
            if (e->u.getset.get) {
                g = new_cfunc(ctx, e->u.getset.get, a, JS_ATOM_get_, 0, JS_CFUNC_PLAIN, e->magic, JS_UNDEFINED);
                if (js_is_exception(g)) {
                    ret = -1;
                    break;
                }
            }
            rv.v = g;
            if (e->u.getset.set) {
                s = new_cfunc(ctx, e->u.getset.set, a, JS_ATOM_set_, 1, JS_CFUNC_PLAIN, e->magic, JS_UNDEFINED);
                if (js_is_exception(s)) {
                    ret = -1;
                    break;
                }
            }
            if (js_define_property_getset(ctx, ro.v, a, rv.v, s, e->attrs) < 0)
                ret = -1;
            js_root_pop(ctx, &ra);
            continue;
        }
        case JS_DEF_PROP_INT:
            v = js_int(e->u.i32);
            break;
        case JS_DEF_PROP_DOUBLE:
            v = js_number(e->u.f64);
            break;
        case JS_DEF_PROP_STRING:
            v = js_new_string_cstr(ctx, e->u.str);
            break;
        case JS_DEF_PROP_UNDEFINED:
            v = JS_UNDEFINED;
            break;
        case JS_DEF_ALIAS: {
            JSAtom from = entry_atom(ctx, e->u.str);
            v = from == JS_ATOM_NULL ? JS_EXCEPTION : js_get_property(ctx, ro.v, from);
            break;
        }
        }
        if (ret == 0 && js_is_exception(v))
            ret = -1;
        if (ret == 0 && js_define_property_value(ctx, ro.v, a, v, e->attrs) < 0)
            ret = -1;
        js_root_pop(ctx, &ra);
    }
    js_root_pop(ctx, &ro);
    return ret;
}

JSValue js_new_constructor(JSContext *ctx, JSCFunction *fn, const char *name, int length, int magic, JSValue proto)
{
    JSRoot rp;
    js_root_push(ctx, &rp, proto);
    JSValue ctor = js_new_cfunction(ctx, fn, name, length, JS_CFUNC_CONSTRUCTOR, magic);
    if (js_is_exception(ctor))
        goto fail;
    JSRoot rc;
    js_root_push(ctx, &rc, ctor);
    if (js_is_object(rp.v)) {
        if (js_define_property_value(ctx, rc.v, JS_ATOM_prototype, rp.v, 0) < 0 ||
            js_define_property_value(ctx, rp.v, JS_ATOM_constructor, rc.v, JS_PROP_C_W) < 0)
            goto fail;
    }
    if (name) {
        JSAtom a = js_atom_from_cstr(ctx, name);
        if (a == JS_ATOM_NULL ||
            js_define_property_value(ctx, js_obj_value(ctx->global_obj), a, rc.v, JS_PROP_C_W) < 0)
            goto fail;
    }
    js_root_pop(ctx, &rp);
    return ctor;
fail:
    js_root_pop(ctx, &rp);
    return JS_EXCEPTION;
}
