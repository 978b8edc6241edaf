/* Interpreter slow paths: operators on non-int32 operands, property
 * access with inline-cache filling, the global scope (global lexical
 * record, GlobalDeclarationInstantiation), with/eval dynamic scopes,
 * closures (class FUNCTION), arguments objects (ARGUMENTS and the exotic
 * MAPPED_ARGUMENTS), rest parameters, for-in enumeration, object literal
 * helpers, spread, template objects and super property access. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fmath/fmath.h"
#include "interp_int.h"
#include "shape.h"
#include "builtins/object_util.h"
#include "builtins/function.h"
#include "builtins/typedarray.h"
#include "bigint.h"

#define OBJ(v) JS_VALUE_GET_OBJ(v)

JSValue js_throw_not_defined(JSContext *ctx, JSAtom atom)
{
    char buf[128];
    return js_throw_reference_error(ctx, "%s is not defined", js_atom_get_cstr(ctx->rt, buf, sizeof buf, atom));
}

JSValue js_throw_tdz(JSContext *ctx, JSAtom atom)
{
    char buf[128];
    return js_throw_reference_error(ctx, "Cannot access '%s' before initialization",
                                    js_atom_get_cstr(ctx->rt, buf, sizeof buf, atom));
}

/* ------------------------------------------------------------------ */
/* classes: FUNCTION, ARGUMENTS, MAPPED_ARGUMENTS                      */

static void function_trace(JSRuntime *rt, JSObject *o)
{
    JSFunction *f = (JSFunction *)o;
    if (f->b)
        js_gc_mark_cell(rt, f->b);
    js_gc_mark_value(rt, f->home_object);
    js_gc_mark_value(rt, f->fields);
    for (uint32_t i = 0; i < f->nvar_refs; i++)
        if (f->var_refs[i])
            js_gc_mark_cell(rt, f->var_refs[i]);
}

static void function_finalize(JSRuntime *rt, JSObject *o)
{
    JSFunction *f = (JSFunction *)o;
    free(f->var_refs);
    f->var_refs = NULL;
}

static const JSClass class_function = {
    .name = "Function", .size = sizeof(JSFunction),
    /* length, name, prototype and a sloppy function's arguments, caller */
    .inline_slots = 5,
    .trace = function_trace, .finalize = function_finalize,
};

static const JSClass class_arguments = {
    .name = "Arguments", .size = sizeof(JSObject),
};

static void margs_trace(JSRuntime *rt, JSObject *o)
{
    JSMappedArguments *m = (JSMappedArguments *)o;
    for (uint32_t i = 0; i < m->nmapped; i++)
        if (m->boxes[i])
            js_gc_mark_cell(rt, m->boxes[i]);
}

static void margs_finalize(JSRuntime *rt, JSObject *o)
{
    JSMappedArguments *m = (JSMappedArguments *)o;
    free(m->boxes);
    m->boxes = NULL;
}

static JSVarRef *margs_box(JSObject *o, JSAtom prop)
{
    JSMappedArguments *m = (JSMappedArguments *)o;
    if (!js_atom_is_int(prop))
        return NULL;
    uint32_t i = js_atom_get_int(prop);
    if (i >= m->nmapped)
        return NULL;
    return m->boxes[i];
}

static void margs_unmap(JSObject *o, JSAtom prop)
{
    JSMappedArguments *m = (JSMappedArguments *)o;
    m->boxes[js_atom_get_int(prop)] = NULL;
}

static int margs_get_own(JSContext *ctx, JSObject *o, JSAtom prop, JSPropertyDescriptor *desc)
{
    JSPropertyDescriptor d;
    int r = js_ordinary_get_own_property(ctx, o, prop, &d);
    if (r <= 0)
        return r;
    JSVarRef *box = margs_box(o, prop);
    if (box)
        d.value = box->values[0];
    if (desc)
        *desc = d;
    return 1;
}

static int margs_define(JSContext *ctx, JSObject *o, JSAtom prop, const JSPropertyDescriptor *desc, int flags)
{
    JSVarRef *box = margs_box(o, prop);
    JSPropertyDescriptor nd = *desc;
    if (box && !(desc->flags & (JS_DESC_HAS_GET | JS_DESC_HAS_SET))) {
        if (!(desc->flags & JS_DESC_HAS_VALUE) && (desc->flags & JS_DESC_HAS_WRITABLE) &&
            !(desc->flags & JS_PROP_WRITABLE)) {
            nd.value = box->values[0];
            nd.flags |= JS_DESC_HAS_VALUE;
        }
    }
    JSRoot r;
    js_root_push(ctx, &r, js_obj_value(o));
    int res = js_ordinary_define_own_property(ctx, o, prop, &nd, flags);
    js_root_pop(ctx, &r);
    if (res <= 0)
        return res;
    box = margs_box(o, prop);
    if (box) {
        if (desc->flags & (JS_DESC_HAS_GET | JS_DESC_HAS_SET)) {
            margs_unmap(o, prop);
        } else {
            if (desc->flags & JS_DESC_HAS_VALUE)
                box->values[0] = desc->value;
            if ((desc->flags & JS_DESC_HAS_WRITABLE) && !(desc->flags & JS_PROP_WRITABLE))
                margs_unmap(o, prop);
        }
    }
    return 1;
}

static JSValue margs_get(JSContext *ctx, JSObject *o, JSAtom prop, JSValue receiver)
{
    JSVarRef *box = margs_box(o, prop);
    if (box)
        return box->values[0];
    return js_ordinary_get(ctx, o, prop, receiver);
}

static int margs_set(JSContext *ctx, JSObject *o, JSAtom prop, JSValue val, JSValue receiver, int flags)
{
    if (receiver == js_obj_value(o)) {
        JSVarRef *box = margs_box(o, prop);
        if (box)
            box->values[0] = val;
    }
    return js_ordinary_set(ctx, o, prop, val, receiver, flags);
}

static int margs_delete(JSContext *ctx, JSObject *o, JSAtom prop, int flags)
{
    int r = js_ordinary_delete(ctx, o, prop, flags);
    if (r > 0 && margs_box(o, prop))
        margs_unmap(o, prop);
    return r;
}

static const JSClass class_mapped_arguments = {
    .name = "Arguments", .size = sizeof(JSMappedArguments),
    .trace = margs_trace, .finalize = margs_finalize,
    .get_own_property = margs_get_own, .define_own_property = margs_define,
    .get = margs_get, .set = margs_set, .delete_property = margs_delete,
};

static void glex_trace(JSRuntime *rt, JSInternalCell *c)
{
    JSGlobalLex *g = (JSGlobalLex *)c;
    for (uint32_t i = 0; i < g->count; i++) {
        js_gc_mark_atom(rt, g->entries[i].atom);
        js_gc_mark_value(rt, g->entries[i].value);
    }
}

static void glex_finalize(JSRuntime *rt, JSInternalCell *c)
{
    JSGlobalLex *g = (JSGlobalLex *)c;
    free(g->entries);
    free(g->hash);
}

void js_interp_register_classes(JSRuntime *rt)
{
    js_register_class(rt, JS_CLASS_FUNCTION, &class_function);
    js_register_class(rt, JS_CLASS_ARGUMENTS, &class_arguments);
    js_register_class(rt, JS_CLASS_MAPPED_ARGUMENTS, &class_mapped_arguments);
}

/* ------------------------------------------------------------------ */
/* closures                                                            */

JSValue js_make_closure(JSContext *ctx, JSFunctionBytecode *b, JSFunction *parent, JSValue *regs)
{
    JSVarRef **refs = NULL;
    uint32_t n = b->capture_count;
    if (n) {
        refs = malloc(n * sizeof *refs);
        if (!refs)
            return js_throw_out_of_memory(ctx);
        for (uint32_t i = 0; i < n; i++) {
            JSCaptureInfo *ci = &b->captures[i];
            if (ci->from_capture)
                refs[i] = parent->var_refs[ci->index];
            else
                refs[i] = js_box_of(regs[ci->index]);
        }
    }
    JSValue proto = ctx->class_proto[JS_CLASS_FUNCTION];
    bool is_gen = (b->flags & JS_BC_GENERATOR) != 0;
    bool is_agen = is_gen && (b->flags & JS_BC_ASYNC);
    if (is_gen) {
        proto = is_agen ? js_async_generator_function_proto(ctx) : js_generator_function_proto(ctx);
        if (proto == JS_EXCEPTION) {
            free(refs);
            return proto;
        }
    } else if ((b->flags & JS_BC_ASYNC) && js_is_object(ctx->intrinsics[JS_INTRINSIC_AsyncFunctionPrototype])) {
        proto = ctx->intrinsics[JS_INTRINSIC_AsyncFunctionPrototype];
    }
    JSObject *o = js_new_object_proto_class(ctx, proto, JS_CLASS_FUNCTION);
    if (!o) {
        free(refs);
        return JS_EXCEPTION;
    }
    JSFunction *fn = (JSFunction *)o;
    fn->b = b;
    fn->realm = ctx;
    fn->home_object = JS_UNDEFINED;
    fn->fields = JS_UNDEFINED;
    fn->nvar_refs = n;
    fn->var_refs = refs;
    o->h.flags |= JS_OBJ_CALLABLE;
    if (b->flags & JS_BC_CONSTRUCTOR)
        o->h.flags |= JS_OBJ_CONSTRUCTOR;
    JSRoot rf;
    js_root_push(ctx, &rf, js_obj_value(o));
    JSValue res = JS_EXCEPTION;
    if (js_define_property_value(ctx, rf.v, JS_ATOM_length, js_int(b->length), JS_PROP_CONFIGURABLE) < 0)
        goto done;
    if (!(b->flags & JS_BC_METHOD) || (b->flags & JS_BC_HAS_NAME)) {
        JSValue nm = js_atom_to_value(ctx, b->name ? b->name : JS_ATOM_empty_string);
        if (nm == JS_EXCEPTION)
            goto done;
        if (js_define_property_value(ctx, rf.v, JS_ATOM_name, nm, JS_PROP_CONFIGURABLE) < 0)
            goto done;
    }
    if (js_bc_has_legacy_props(b) && js_function_add_legacy_props(ctx, JS_VALUE_GET_OBJ(rf.v)) < 0)
        goto done;
    if (is_gen) {
        JSValue p = js_new_object_proto(ctx, ctx->class_proto[is_agen ? JS_CLASS_ASYNC_GENERATOR : JS_CLASS_GENERATOR]);
        if (p == JS_EXCEPTION)
            goto done;
        JSRoot rp;
        js_root_push(ctx, &rp, p);
        int r = js_define_property_value(ctx, rf.v, JS_ATOM_prototype, rp.v, JS_PROP_WRITABLE);
        js_root_pop(ctx, &rp);
        if (r < 0)
            goto done;
    } else if (b->flags & JS_BC_HAS_PROTOTYPE) {
        JSValue p = js_new_object(ctx);
        if (p == JS_EXCEPTION)
            goto done;
        JSRoot rp;
        js_root_push(ctx, &rp, p);
        int r = js_define_property_value(ctx, rp.v, JS_ATOM_constructor, rf.v, JS_PROP_C_W);
        if (r >= 0)
            r = js_define_property_value(ctx, rf.v, JS_ATOM_prototype, rp.v, JS_PROP_WRITABLE);
        js_root_pop(ctx, &rp);
        if (r < 0)
            goto done;
    }
    res = rf.v;
done:
    js_root_pop(ctx, &rf);
    return res;
}

/* ------------------------------------------------------------------ */
/* operators                                                           */

static int bigint_binop(int op)
{
    switch (op) {
    case OP_add: return JS_BIGINT_OP_ADD;
    case OP_sub: return JS_BIGINT_OP_SUB;
    case OP_mul: return JS_BIGINT_OP_MUL;
    case OP_div: return JS_BIGINT_OP_DIV;
    case OP_mod: return JS_BIGINT_OP_MOD;
    case OP_pow: return JS_BIGINT_OP_POW;
    case OP_shl: return JS_BIGINT_OP_SHL;
    case OP_sar: return JS_BIGINT_OP_SAR;
    case OP_shr: return JS_BIGINT_OP_SHR;
    case OP_band: return JS_BIGINT_OP_AND;
    case OP_bor: return JS_BIGINT_OP_OR;
    default: return JS_BIGINT_OP_XOR;
    }
}

JSValue js_op_add_slow(JSContext *ctx, JSValue a, JSValue b)
{
    if (js_is_string(a) && js_is_string(b))
        return js_string_concat(ctx, a, b);
    JSRoot ra, rb;
    js_root_push(ctx, &ra, a);
    js_root_push(ctx, &rb, b);
    JSValue res = JS_EXCEPTION;
    ra.v = js_to_primitive(ctx, ra.v, JS_HINT_DEFAULT);
    if (ra.v == JS_EXCEPTION)
        goto done;
    rb.v = js_to_primitive(ctx, rb.v, JS_HINT_DEFAULT);
    if (rb.v == JS_EXCEPTION)
        goto done;
    if (js_is_string(ra.v) || js_is_string(rb.v)) {
        ra.v = js_to_string(ctx, ra.v);
        if (ra.v == JS_EXCEPTION)
            goto done;
        rb.v = js_to_string(ctx, rb.v);
        if (rb.v == JS_EXCEPTION)
            goto done;
        res = js_string_concat(ctx, ra.v, rb.v);
        goto done;
    }
    {
        double x, y;
        if (js_is_bigint(ra.v) || js_is_bigint(rb.v)) {
            res = js_bigint_binary_op(ctx, JS_BIGINT_OP_ADD, ra.v, rb.v);
            goto done;
        }
        if (js_to_number(ctx, &x, ra.v) < 0 || js_to_number(ctx, &y, rb.v) < 0)
            goto done;
        res = js_number(x + y);
    }
done:
    js_root_pop(ctx, &ra);
    return res;
}

static double js_pow(double x, double y)
{
    if (isnan(y))
        return NAN;
    if (isinf(y) && (x == 1 || x == -1))
        return NAN;
    return js_libm()->pow(x, y);
}

JSValue js_op_arith_slow(JSContext *ctx, int op, JSValue a, JSValue b)
{
    JSRoot rb;
    js_root_push(ctx, &rb, b);
    JSValue na = js_to_numeric(ctx, a);
    JSValue res = JS_EXCEPTION;
    if (na == JS_EXCEPTION)
        goto done;
    {
        JSRoot rna;
        js_root_push(ctx, &rna, na);
        JSValue nb = js_to_numeric(ctx, rb.v);
        js_root_pop(ctx, &rna);
        if (nb == JS_EXCEPTION)
            goto done;
        if (js_is_bigint(na) || js_is_bigint(nb)) {
            JSRoot rnb;
            js_root_push(ctx, &rna, na);
            js_root_push(ctx, &rnb, nb);
            res = js_bigint_binary_op(ctx, bigint_binop(op), rna.v, rnb.v);
            js_root_pop(ctx, &rna);
            goto done;
        }
        double x = js_number_value(na), y = js_number_value(nb);
        switch (op) {
        case OP_add: res = js_number(x + y); break;
        case OP_sub: res = js_number(x - y); break;
        case OP_mul: res = js_number(x * y); break;
        case OP_div: res = js_number(x / y); break;
        case OP_mod: res = js_number(js_fmod(x, y)); break;
        case OP_pow: res = js_number(js_pow(x, y)); break;
        case OP_shl: res = js_int((int32_t)((uint32_t)js_double_to_int32(x) << (js_double_to_int32(y) & 31))); break;
        case OP_sar: res = js_int(js_double_to_int32(x) >> (js_double_to_int32(y) & 31)); break;
        case OP_shr: res = js_number((double)((uint32_t)js_double_to_int32(x) >> (js_double_to_int32(y) & 31))); break;
        case OP_band: res = js_int(js_double_to_int32(x) & js_double_to_int32(y)); break;
        case OP_bor: res = js_int(js_double_to_int32(x) | js_double_to_int32(y)); break;
        case OP_bxor: res = js_int(js_double_to_int32(x) ^ js_double_to_int32(y)); break;
        default: res = js_throw_type_error(ctx, "bad operator"); break;
        }
    }
done:
    js_root_pop(ctx, &rb);
    return res;
}

JSValue js_op_compare_slow(JSContext *ctx, int op, JSValue a, JSValue b)
{
    JSRoot ra, rb;
    js_root_push(ctx, &ra, a);
    js_root_push(ctx, &rb, b);
    JSValue res = JS_EXCEPTION;
    ra.v = js_to_primitive(ctx, ra.v, JS_HINT_NUMBER);
    if (ra.v == JS_EXCEPTION)
        goto done;
    rb.v = js_to_primitive(ctx, rb.v, JS_HINT_NUMBER);
    if (rb.v == JS_EXCEPTION)
        goto done;
    if (js_is_string(ra.v) && js_is_string(rb.v)) {
        int c = js_string_compare(ctx, ra.v, rb.v);
        bool r;
        switch (op) {
        case OP_lt: r = c < 0; break;
        case OP_le: r = c <= 0; break;
        case OP_gt: r = c > 0; break;
        default: r = c >= 0; break;
        }
        res = js_bool(r);
        goto done;
    }
    if (js_is_bigint(ra.v) || js_is_bigint(rb.v)) {
        int cop = op == OP_lt ? JS_BIGINT_CMP_LT : op == OP_le ? JS_BIGINT_CMP_LE :
                  op == OP_gt ? JS_BIGINT_CMP_GT : JS_BIGINT_CMP_GE;
        res = js_bigint_relational(ctx, cop, ra.v, rb.v);
        goto done;
    }
    {
        double x, y;
        if (js_to_number(ctx, &x, ra.v) < 0 || js_to_number(ctx, &y, rb.v) < 0)
            goto done;
        bool r;
        switch (op) {
        case OP_lt: r = x < y; break;
        case OP_le: r = x <= y; break;
        case OP_gt: r = x > y; break;
        default: r = x >= y; break;
        }
        res = js_bool(r);
    }
done:
    js_root_pop(ctx, &ra);
    return res;
}

JSValue js_op_unary_slow(JSContext *ctx, int op, JSValue a)
{
    if (op == OP_plus) {
        double d;
        if (js_to_number(ctx, &d, a) < 0)
            return JS_EXCEPTION;
        return js_number(d);
    }
    JSValue n = js_to_numeric(ctx, a);
    if (n == JS_EXCEPTION)
        return n;
    if (js_is_bigint(n)) {
        switch (op) {
        case OP_tonumeric: return n;
        case OP_neg: return js_bigint_unary_op(ctx, JS_BIGINT_OP_NEG, n);
        case OP_bnot: return js_bigint_unary_op(ctx, JS_BIGINT_OP_NOT, n);
        case OP_inc: return js_bigint_unary_op(ctx, JS_BIGINT_OP_INC, n);
        case OP_dec: return js_bigint_unary_op(ctx, JS_BIGINT_OP_DEC, n);
        default: return js_throw_type_error(ctx, "bad operator");
        }
    }
    double d = js_number_value(n);
    switch (op) {
    case OP_neg: return js_number(-d) == js_int(0) && d == 0 ? js_double(-d) : js_number(-d);
    case OP_tonumeric: return n;
    case OP_bnot: return js_int(~js_double_to_int32(d));
    case OP_inc: return js_number(d + 1);
    case OP_dec: return js_number(d - 1);
    default: return js_throw_type_error(ctx, "bad operator");
    }
}

JSValue js_op_typeof(JSContext *ctx, JSValue v)
{
    return js_atom_to_value(ctx, js_typeof_atom(v));
}

/* ------------------------------------------------------------------ */
/* properties                                                          */

/* True if reads and writes of atom on o may be cached. A dictionary
 * shape may be (the cache marks it JS_SHAPE_IC_HELD: ic_hold) unless
 * it was copied too often already. */
static inline bool ic_ordinary(JSObject *o, JSAtom atom)
{
    if (o->shape->h.flags & JS_SHAPE_NO_IC)
        return false;
    if (!(o->h.flags & JS_OBJ_EXOTIC))
        return true;
    JSClassID cls = js_object_class(o);
    if (cls == JS_CLASS_ARRAY)
        return !js_atom_is_int(atom);
    /* a typed array, for keys that are surely not canonical numeric strings */
    return js_class_is_typed_array(cls) && js_atom_is_predefined_name(atom);
}

/* Reads the interpreter's fast path cannot do, cached in the same entry
 * with ic->shape NULL (so the fast path always misses):
 * - a getter on the prototype chain (`ta.length`, `map.size`):
 *   new_shape is the receiver's shape, holder / holder_shape / mid_shape /
 *   slot as for a data property; the slot holds the JSAccessorPair.
 * - a data property of String.prototype read on a string primitive
 *   (`s.charCodeAt`): new_shape NULL, holder String.prototype.
 * Holder shapes are shared (never changed in place), so an equal shape
 * means the same property with the same attributes. */
static bool ic_holder_valid(const JSInlineCache *ic, JSObject *o)
{
    return ic->holder->shape == ic->holder_shape &&
           (!ic->mid_shape || o->shape->proto->shape == ic->mid_shape);
}

/* A shape an inline cache is about to remember: a dictionary then stays
 * as it is (its object changes a copy: js_object_to_dict). */
static inline void ic_hold(JSShape *sh)
{
    if (sh && (sh->h.flags & JS_SHAPE_DICT))
        sh->h.flags |= JS_SHAPE_IC_HELD;
}

static void ic_set(JSInlineCache *ic, JSShape *shape, JSObject *holder, JSShape *mid, uint32_t slot)
{
    ic_hold(shape);
    ic_hold(mid);
    if (holder)
        ic_hold(holder->shape);
    ic->shape = shape;
    ic->holder = holder;
    ic->holder_shape = holder ? holder->shape : NULL;
    ic->mid_shape = mid;
    ic->new_shape = NULL;
    ic->slot = slot;
}

static JSValue ic_string_method(JSContext *ctx, JSValue str, JSAtom atom, JSInlineCache *ic)
{
    JSValue pv = ctx->class_proto[JS_CLASS_STRING];
    if (atom == JS_ATOM_length || js_atom_is_int(atom) || !js_is_object(pv))
        return js_get_property(ctx, str, atom);
    JSObject *p = OBJ(pv);
    if (!ic->shape && !ic->new_shape && ic->holder == p && p->shape == ic->holder_shape)
        return p->slots[ic->slot];
    if (ic_ordinary(p, atom)) {
        uint32_t attrs;
        int slot = js_shape_lookup_inline(p->shape, atom, &attrs);
        if (slot >= 0 && !(attrs & JS_PROP_ACCESSOR)) {
            ic_set(ic, NULL, p, NULL, (uint32_t)slot);
            return p->slots[slot];
        }
    }
    return js_get_property(ctx, str, atom);
}

JSValue js_op_get_field_slow(JSContext *ctx, JSValue obj, JSAtom atom, JSInlineCache *ic)
{
    if (js_is_object(obj)) {
        JSObject *o = OBJ(obj);
        if (!ic->shape && ic->new_shape == o->shape && ic->holder && ic_holder_valid(ic, o)) {
            JSAccessorPair *ap = js_get_ptr(ic->holder->slots[ic->slot]);
            return js_is_undefined(ap->getter) ? JS_UNDEFINED : js_call(ctx, ap->getter, obj, 0, NULL);
        }
        if (ic_ordinary(o, atom)) {
            uint32_t attrs;
            int slot = js_shape_lookup_inline(o->shape, atom, &attrs);
            if (slot >= 0) {
                if (!(attrs & JS_PROP_ACCESSOR)) {
                    ic_set(ic, o->shape, NULL, NULL, (uint32_t)slot);
                    return o->slots[slot];
                }
            } else {
                JSObject *p = o->shape->proto, *holder = NULL, *mid = NULL;
                if (p && ic_ordinary(p, atom)) {
                    slot = js_shape_lookup_inline(p->shape, atom, &attrs);
                    if (slot >= 0) {
                        holder = p;
                    } else {
                        JSObject *p2 = p->shape->proto;
                        if (p2 && ic_ordinary(p2, atom)) {
                            slot = js_shape_lookup_inline(p2->shape, atom, &attrs);
                            if (slot >= 0) {
                                holder = p2;
                                mid = p;
                            }
                        }
                    }
                }
                if (holder) {
                    ic_set(ic, o->shape, holder, mid ? mid->shape : NULL, (uint32_t)slot);
                    if (!(attrs & JS_PROP_ACCESSOR))
                        return holder->slots[slot];
                    ic->new_shape = ic->shape;
                    ic->shape = NULL;
                    JSAccessorPair *ap = js_get_ptr(holder->slots[slot]);
                    return js_is_undefined(ap->getter) ? JS_UNDEFINED : js_call(ctx, ap->getter, obj, 0, NULL);
                }
            }
        }
    } else if (js_is_string(obj)) {
        return ic_string_method(ctx, obj, atom, ic);
    } else if (js_is_nullish(obj)) {
        return js_throw_nullish_access(ctx, obj, atom, JS_UNDEFINED, false);
    }
    return js_get_property(ctx, obj, atom);
}

/* True if no object of the prototype chain starting at p may intercept
 * the addition of an own property atom (no such property, ordinary
 * objects only). Does not collect. */
bool js_proto_chain_allows_add(JSObject *p, JSAtom atom)
{
    for (; p; p = p->shape->proto) {
        uint32_t attrs;
        if ((p->h.flags & JS_OBJ_EXOTIC) && js_object_class(p) != JS_CLASS_ARRAY)
            return false;
        if (js_shape_lookup_inline(p->shape, atom, &attrs) >= 0)
            return false;
    }
    return true;
}

/* For a cached property-adding store: when the prototype chain is one or
 * two ordinary objects with shared (immutable) shapes and none has the
 * property, remember their shapes in holder_shape / mid_shape. The put_field
 * fast path then compares shapes instead of walking the chain with a hashed
 * lookup per prototype on every store (constructors that add fields to
 * `this` hit this on each field). Otherwise both stay NULL and the fast path
 * walks the chain. */
static void ic_cache_add_chain(JSInlineCache *ic, JSObject *p1, JSAtom atom)
{
    ic->holder_shape = NULL;
    ic->mid_shape = NULL;
    if (!p1 || (p1->h.flags & JS_OBJ_EXOTIC) || (p1->shape->h.flags & JS_SHAPE_DICT))
        return;
    JSObject *p2 = p1->shape->proto;
    if (p2 && ((p2->h.flags & JS_OBJ_EXOTIC) || (p2->shape->h.flags & JS_SHAPE_DICT) || p2->shape->proto))
        return;
    if (!js_proto_chain_allows_add(p1, atom))
        return;
    ic->holder_shape = p1->shape;
    ic->mid_shape = p2 ? p2->shape : NULL;
}

int js_op_put_field_slow(JSContext *ctx, JSValue obj, JSAtom atom, JSValue val, JSInlineCache *ic, bool strict)
{
    JSShape *old_shape = NULL;
    bool dict_add = false;
    if (js_is_object(obj)) {
        JSObject *o = OBJ(obj);
        if (ic_ordinary(o, atom) && (o->h.flags & JS_OBJ_EXTENSIBLE))
            old_shape = o->shape;
        /* adding to a dictionary is not cached: holding its shape would
         * make the next addition copy it (`proto.m1 = ...; proto.m2 = ...`) */
        dict_add = (o->shape->h.flags & JS_SHAPE_DICT) &&
                   js_shape_lookup_inline(o->shape, atom, &(uint32_t){0}) < 0;
    }
    if (js_is_nullish(obj)) {
        js_throw_nullish_access(ctx, obj, atom, JS_UNDEFINED, true);
        return -1;
    }
    int r = js_set_property(ctx, obj, atom, val, strict ? JS_THROW : 0);
    if (r < 0)
        return r;
    if (js_is_object(obj)) {
        JSObject *o = OBJ(obj);
        /* An array's "length" is a data slot, but storing it must run
         * ArraySetLength (grow or truncate the element vector): never
         * cache it. An ordinary object may share the array's shape
         * (length writable, not enumerable, not configurable), so such a
         * slot is not cached either. */
        bool array_like_length = atom == JS_ATOM_length &&
            (js_object_class(o) == JS_CLASS_ARRAY ||
             js_shape_lookup_inline(o->shape, atom, &(uint32_t){0}) == 0);
        if (!array_like_length && !dict_add && ic_ordinary(o, atom)) {
            uint32_t attrs;
            int slot = js_shape_lookup_inline(o->shape, atom, &attrs);
            if (slot >= 0 && !(attrs & JS_PROP_ACCESSOR) && (attrs & JS_PROP_WRITABLE)) {
                JSShape *ns = o->shape;
                if (old_shape && ns != old_shape && ns->parent == old_shape &&
                    ns->prop_count == old_shape->prop_count + 1 && (uint32_t)slot == old_shape->prop_count &&
                    (attrs & JS_PROP_C_W_E) == JS_PROP_C_W_E && ns->proto == old_shape->proto) {
                    /* cache the transition that added the property (the
                       fast path checks that the object has room for the
                       slot: objects of one shape may differ in capacity) */
                    ic->shape = old_shape;
                    ic->new_shape = ns;
                    ic_cache_add_chain(ic, old_shape->proto, atom);
                } else {
                    ic_hold(ns);
                    ic->shape = ns;
                    ic->new_shape = NULL;
                    ic->holder_shape = NULL;
                    ic->mid_shape = NULL;
                }
                ic->holder = NULL;
                ic->slot = (uint32_t)slot;
            }
        }
    }
    return 0;
}

JSValue js_op_get_super(JSContext *ctx, JSValue home, JSValue key, JSValue this_val)
{
    if (!js_is_object(home))
        return js_throw_syntax_error(ctx, "'super' keyword unexpected here");
    JSRoot rk;
    js_root_push(ctx, &rk, key);
    JSValue proto = js_get_prototype_of(ctx, home);
    JSValue res = JS_EXCEPTION;
    if (proto == JS_EXCEPTION)
        goto done;
    if (!js_is_object(proto)) {
        js_throw_type_error(ctx, "super: prototype is not an object");
        goto done;
    }
    {
        JSRoot rp;
        js_root_push(ctx, &rp, proto);
        JSAtom a = js_to_property_key(ctx, rk.v);
        if (a != JS_ATOM_NULL) {
            JSRoot ra;
            js_root_push_atom(ctx, &ra, a);
            res = js_get_property_receiver(ctx, rp.v, a, this_val);
        }
    }
done:
    js_root_pop(ctx, &rk);
    return res;
}

int js_op_put_super(JSContext *ctx, JSValue home, JSValue key, JSValue val, JSValue this_val, bool strict)
{
    if (!js_is_object(home)) {
        js_throw_syntax_error(ctx, "'super' keyword unexpected here");
        return -1;
    }
    JSRoot rk;
    js_root_push(ctx, &rk, key);
    int res = -1;
    JSValue proto = js_get_prototype_of(ctx, home);
    if (proto == JS_EXCEPTION)
        goto done;
    {
        JSRoot rp;
        js_root_push(ctx, &rp, proto);
        JSAtom a = js_to_property_key(ctx, rk.v);
        if (a != JS_ATOM_NULL) {
            JSRoot ra;
            js_root_push_atom(ctx, &ra, a);
            if (!js_is_object(rp.v)) {
                js_throw_type_error(ctx, "super: prototype is not an object");
            } else {
                res = js_set_property_receiver(ctx, rp.v, a, val, this_val, strict ? JS_THROW : 0);
                if (res > 0)
                    res = 0;
            }
        }
    }
done:
    js_root_pop(ctx, &rk);
    return res;
}

JSValue js_op_super_ctor(JSContext *ctx, JSValue func)
{
    JSValue p = js_get_prototype_of(ctx, func);
    if (p == JS_EXCEPTION)
        return p;
    if (!js_is_constructor(p))
        return js_throw_type_error(ctx, "super constructor is not a constructor");
    return p;
}

/* ------------------------------------------------------------------ */
/* the global scope                                                    */

static JSGlobalLex *glex(JSContext *ctx, bool create)
{
    if (js_tag(ctx->global_lex_env) == JS_TAG_CELL)
        return (JSGlobalLex *)js_get_ptr(ctx->global_lex_env);
    if (!create)
        return NULL;
    JSGlobalLex *g = js_gc_alloc(ctx, JS_CELL_ENV, sizeof(JSGlobalLex));
    if (!g)
        return NULL;
    g->hdr.trace = glex_trace;
    g->hdr.finalize = glex_finalize;
    ctx->global_lex_env = js_mkptr(JS_TAG_CELL, g);
    return g;
}

JSGlobalLexEntry *js_global_lex_find(JSContext *ctx, JSAtom atom)
{
    JSGlobalLex *g = glex(ctx, false);
    if (!g || !g->hash)
        return NULL;
    uint32_t h = (atom * 2654435761u) & g->hash_mask;
    while (g->hash[h]) {
        JSGlobalLexEntry *e = &g->entries[g->hash[h] - 1];
        if (e->atom == atom)
            return e;
        h = (h + 1) & g->hash_mask;
    }
    return NULL;
}

static int glex_add(JSContext *ctx, JSAtom atom, bool is_const)
{
    JSGlobalLex *g = glex(ctx, true);
    if (!g)
        return -1;
    if (g->count == g->cap) {
        uint32_t nc = g->cap ? g->cap * 2 : 16;
        JSGlobalLexEntry *ne = realloc(g->entries, nc * sizeof *ne);
        if (!ne) {
            js_throw_out_of_memory(ctx);
            return -1;
        }
        g->entries = ne;
        g->cap = nc;
    }
    if (!g->hash || g->count * 2 >= g->hash_mask) {
        uint32_t nm = g->hash ? g->hash_mask * 2 + 1 : 31;
        uint32_t *nh = calloc(nm + 1, sizeof *nh);
        if (!nh) {
            js_throw_out_of_memory(ctx);
            return -1;
        }
        for (uint32_t i = 0; i < g->count; i++) {
            uint32_t h = (g->entries[i].atom * 2654435761u) & nm;
            while (nh[h])
                h = (h + 1) & nm;
            nh[h] = i + 1;
        }
        free(g->hash);
        g->hash = nh;
        g->hash_mask = nm;
    }
    JSGlobalLexEntry *e = &g->entries[g->count++];
    ctx->global_lex_count = g->count;
    e->atom = atom;
    e->is_const = is_const;
    e->value = JS_UNINITIALIZED;
    uint32_t h = (atom * 2654435761u) & g->hash_mask;
    while (g->hash[h])
        h = (h + 1) & g->hash_mask;
    g->hash[h] = g->count;
    return 0;
}

JSValue js_op_get_global(JSContext *ctx, JSAtom atom, JSInlineCache *ic, bool for_typeof)
{
    JSValue v = js_global_ic_get(ctx, atom, ic);
    if (v != JS_EMPTY)
        return v;
    JSGlobalLexEntry *e = js_global_lex_find(ctx, atom);
    if (e) {
        if (e->value == JS_UNINITIALIZED)
            return js_throw_tdz(ctx, atom);
        memset(ic, 0, sizeof *ic);  /* read by js_global_lex_ic_get */
        ic->slot = (uint32_t)(e - glex(ctx, false)->entries);
        return e->value;
    }
    JSObject *g = ctx->global_obj;
    /* the global object is exotic only while lazy globals are pending
     * (lazy_global.c): its own data properties are still plain slots */
    uint32_t attrs;
    int slot = js_shape_lookup_inline(g->shape, atom, &attrs);
    if (slot >= 0 && !(attrs & JS_PROP_ACCESSOR)) {
        if (g->slots[slot] == JS_LAZY_VALUE) {
            if (js_lazy_global_resolve(ctx, atom) < 0)
                return JS_EXCEPTION;
            return js_get_property(ctx, js_obj_value(g), atom);
        }
        ic->shape = g->shape;
        ic->holder = NULL;
        ic->slot = (uint32_t)slot;
        ic->lex_count = ctx->global_lex_count;
        return g->slots[slot];
    }
    int r = js_has_property(ctx, js_obj_value(g), atom);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return for_typeof ? JS_UNDEFINED : js_throw_not_defined(ctx, atom);
    return js_get_property(ctx, js_obj_value(g), atom);
}

/* Assignment to an unqualified global name. ic caches, as for reads, a
 * lexical binding by its index (ic->shape NULL) or a writable data
 * property of the global object by its slot (ic->shape the global
 * object's shape, checked entry by entry as in js_global_ic_get). */
int js_op_put_global(JSContext *ctx, JSAtom atom, JSValue val, JSInlineCache *ic, bool strict)
{
    JSObject *go = ctx->global_obj;
    int gs = js_global_ic_slot(ctx, atom, ic);
    if (gs >= 0 && (go->shape->props[gs].attrs & JS_PROP_WRITABLE)) {
        go->slots[gs] = val;
        return 0;
    }
    JSGlobalLexEntry *e = js_global_lex_ic_entry(ctx, atom, ic);
    if (!e && (e = js_global_lex_find(ctx, atom)) != NULL) {
        memset(ic, 0, sizeof *ic);
        ic->slot = (uint32_t)(e - glex(ctx, false)->entries);
    }
    if (e) {
        if (e->value == JS_UNINITIALIZED) {
            js_throw_tdz(ctx, atom);
            return -1;
        }
        if (e->is_const) {
            js_throw_type_error_atom(ctx, "Assignment to constant variable '%s'", atom);
            return -1;
        }
        e->value = val;
        return 0;
    }
    JSValue g = js_obj_value(ctx->global_obj);
    if (strict) {
        JSRoot rv;
        js_root_push(ctx, &rv, val);
        int r = js_has_property(ctx, g, atom);
        js_root_pop(ctx, &rv);
        if (r < 0)
            return -1;
        if (!r) {
            js_throw_not_defined(ctx, atom);
            return -1;
        }
    }
    int r = js_set_property(ctx, g, atom, val, strict ? JS_THROW : 0);
    if (r < 0)
        return -1;
    go = ctx->global_obj;
    uint32_t attrs;
    int slot = js_shape_lookup_inline(go->shape, atom, &attrs);
    if (slot >= 0 && (attrs & (JS_PROP_ACCESSOR | JS_PROP_WRITABLE)) == JS_PROP_WRITABLE) {
        memset(ic, 0, sizeof *ic);
        ic->shape = go->shape;
        ic->slot = (uint32_t)slot;
        ic->lex_count = ctx->global_lex_count;
    }
    return 0;
}

int js_op_init_global_lex(JSContext *ctx, JSAtom atom, JSValue val)
{
    JSGlobalLexEntry *e = js_global_lex_find(ctx, atom);
    if (!e) {
        JSRoot rv;
        js_root_push(ctx, &rv, val);
        int r = glex_add(ctx, atom, false);
        js_root_pop(ctx, &rv);
        if (r < 0)
            return -1;
        e = js_global_lex_find(ctx, atom);
    }
    e->value = val;
    return 0;
}

static int can_declare_global_function(JSContext *ctx, JSValue g, JSAtom a)
{
    JSPropertyDescriptor d;
    int r = js_get_own_property(ctx, g, a, &d);
    if (r < 0)
        return -1;
    if (!r)
        return js_is_extensible(ctx, g);
    if (d.flags & JS_PROP_CONFIGURABLE)
        return 1;
    if (!(d.flags & (JS_PROP_ACCESSOR | JS_DESC_HAS_GET | JS_DESC_HAS_SET)) &&
        (d.flags & JS_PROP_WRITABLE) && (d.flags & JS_PROP_ENUMERABLE))
        return 1;
    return 0;
}

int js_op_global_decl(JSContext *ctx, const JSScopeDesc *d)
{
    JSValue g = js_obj_value(ctx->global_obj);
    bool is_eval = (d->flags & JS_SD_IS_EVAL) != 0;
    char buf[128];
    JSRoot rd;
    js_root_push(ctx, &rd, js_mkptr(JS_TAG_CELL, d));
    int res = -1;
    for (uint32_t i = 0; i < d->count; i++) {
        const JSScopeDescEntry *e = &d->entries[i];
        bool lexical = e->kind == JS_SD_GLOBAL_LET || e->kind == JS_SD_GLOBAL_CONST;
        if (js_global_lex_find(ctx, e->name)) {
            js_throw_syntax_error(ctx, "redeclaration of '%s'", js_atom_get_cstr(ctx->rt, buf, sizeof buf, e->name));
            goto done;
        }
        if (lexical) {
            JSPropertyDescriptor pd;
            int r = js_get_own_property(ctx, g, e->name, &pd);
            if (r < 0)
                goto done;
            if (r && !(pd.flags & JS_PROP_CONFIGURABLE)) {
                js_throw_syntax_error(ctx, "redeclaration of '%s'", js_atom_get_cstr(ctx->rt, buf, sizeof buf, e->name));
                goto done;
            }
        }
    }
    for (uint32_t i = 0; i < d->count; i++) {
        const JSScopeDescEntry *e = &d->entries[i];
        if (e->kind == JS_SD_GLOBAL_FUNC) {
            int r = can_declare_global_function(ctx, g, e->name);
            if (r < 0)
                goto done;
            if (!r) {
                js_throw_type_error(ctx, "cannot declare global function '%s'", js_atom_get_cstr(ctx->rt, buf, sizeof buf, e->name));
                goto done;
            }
        } else if (e->kind == JS_SD_GLOBAL_VAR) {
            int r = js_get_own_property(ctx, g, e->name, NULL);
            if (r < 0)
                goto done;
            if (!r) {
                r = js_is_extensible(ctx, g);
                if (r < 0)
                    goto done;
                if (!r) {
                    js_throw_type_error(ctx, "cannot declare global variable '%s'", js_atom_get_cstr(ctx->rt, buf, sizeof buf, e->name));
                    goto done;
                }
            }
        }
    }
    for (uint32_t i = 0; i < d->count; i++) {
        const JSScopeDescEntry *e = &d->entries[i];
        if (e->kind == JS_SD_GLOBAL_LET || e->kind == JS_SD_GLOBAL_CONST) {
            if (glex_add(ctx, e->name, e->kind == JS_SD_GLOBAL_CONST) < 0)
                goto done;
        } else if (e->kind == JS_SD_GLOBAL_VAR) {
            int r = js_get_own_property(ctx, g, e->name, NULL);
            if (r < 0)
                goto done;
            if (!r) {
                uint32_t attrs = JS_PROP_WRITABLE | JS_PROP_ENUMERABLE | (is_eval ? JS_PROP_CONFIGURABLE : 0);
                if (js_define_property_value(ctx, g, e->name, JS_UNDEFINED, attrs) < 0)
                    goto done;
            }
        }
    }
    res = 0;
done:
    js_root_pop(ctx, &rd);
    return res;
}

int js_op_define_global_fn(JSContext *ctx, JSAtom atom, JSValue fn, bool is_eval)
{
    JSValue g = js_obj_value(ctx->global_obj);
    JSPropertyDescriptor d;
    JSRoot rf;
    js_root_push(ctx, &rf, fn);
    int r = js_get_own_property(ctx, g, atom, &d);
    if (r >= 0) {
        JSPropertyDescriptor nd;
        memset(&nd, 0, sizeof nd);
        nd.value = rf.v;
        nd.getter = nd.setter = JS_UNDEFINED;
        if (!r || (d.flags & JS_PROP_CONFIGURABLE)) {
            nd.flags = JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE | JS_DESC_HAS_ENUMERABLE |
                       JS_DESC_HAS_CONFIGURABLE | JS_PROP_WRITABLE | JS_PROP_ENUMERABLE |
                       (is_eval ? JS_PROP_CONFIGURABLE : 0);
        } else {
            nd.flags = JS_DESC_HAS_VALUE;
        }
        r = js_define_property(ctx, g, atom, &nd, JS_THROW);
        if (r >= 0)
            r = js_set_property(ctx, g, atom, rf.v, 0);
    }
    js_root_pop(ctx, &rf);
    return r < 0 ? -1 : 0;
}

int js_op_dyn_has(JSContext *ctx, JSValue env, JSAtom atom, bool is_with)
{
    /* The compiler only puts objects here (a with object, a var object);
       a forged file may not: nothing is found in anything else. */
    if (!js_is_object(env))
        return 0;
    int r = js_has_property(ctx, env, atom);
    if (r <= 0 || !is_with)
        return r;
    JSValue u = js_get_property(ctx, env, JS_ATOM_Symbol_unscopables);
    if (u == JS_EXCEPTION)
        return -1;
    if (!js_is_object(u))
        return 1;
    JSValue b = js_get_property(ctx, u, atom);
    if (b == JS_EXCEPTION)
        return -1;
    return js_to_boolean(b) ? 0 : 1;
}

/* ------------------------------------------------------------------ */
/* arguments                                                           */

static int define_args_common(JSContext *ctx, JSValue o, JSFrame *f)
{
    for (int i = 0; i < f->argc; i++)
        if (js_define_property_value(ctx, o, js_atom_from_uint((uint32_t)i), f->argv[i], JS_PROP_C_W_E) < 0)
            return -1;
    if (js_define_property_value(ctx, o, JS_ATOM_length, js_int(f->argc), JS_PROP_C_W) < 0)
        return -1;
    if (js_define_property_value(ctx, o, JS_ATOM_Symbol_iterator,
                                 ctx->intrinsics[JS_INTRINSIC_ArrayPrototypeValues], JS_PROP_C_W) < 0)
        return -1;
    return 0;
}

JSValue js_op_arguments(JSContext *ctx, JSFrame *f)
{
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_ARGUMENTS);
    if (!o)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_obj_value(o));
    JSValue res = JS_EXCEPTION;
    if (define_args_common(ctx, r.v, f) == 0) {
        JSValue thrower = ctx->intrinsics[JS_INTRINSIC_ThrowTypeError];
        if (js_define_property_getset(ctx, r.v, JS_ATOM_callee, thrower, thrower, 0) >= 0)
            res = r.v;
    }
    js_root_pop(ctx, &r);
    return res;
}

JSValue js_op_mapped_arguments(JSContext *ctx, JSFrame *f, JSValue *boxes, int n)
{
    int nm = n < f->argc ? n : f->argc;
    JSVarRef **bx = NULL;
    if (nm > 0) {
        bx = calloc((size_t)nm, sizeof *bx);
        if (!bx)
            return js_throw_out_of_memory(ctx);
    }
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_MAPPED_ARGUMENTS);
    if (!o) {
        free(bx);
        return JS_EXCEPTION;
    }
    JSMappedArguments *m = (JSMappedArguments *)o;
    JSRoot r;
    js_root_push(ctx, &r, js_obj_value(o));
    JSValue res = JS_EXCEPTION;
    if (define_args_common(ctx, r.v, f) == 0 &&
        js_define_property_value(ctx, r.v, JS_ATOM_callee, js_obj_value(&f->func->base), JS_PROP_C_W) >= 0) {
        /* the map: the last parameter of a duplicated name wins */
        for (int i = 0; i < nm; i++)
            bx[i] = js_box_of(boxes[i]);
        m->boxes = bx;
        m->nmapped = (uint32_t)nm;
        bx = NULL;
        o->h.flags |= JS_OBJ_EXOTIC;
        res = r.v;
    }
    free(bx);
    js_root_pop(ctx, &r);
    return res;
}

JSValue js_op_rest(JSContext *ctx, JSFrame *f, int from)
{
    int n = f->argc - from;
    if (n < 0)
        n = 0;
    return js_new_array_from(ctx, (uint32_t)n, f->argv + from);
}

/* ------------------------------------------------------------------ */
/* for-in: a JSValueArray [next index, holder0, key0, holder1, key1, ...] */

/* Whether key is among the first n strings of the JSValueArray seen. */
static bool for_in_seen(JSContext *ctx, JSValue seen, uint32_t n, JSValue key)
{
    JSValueArray *s = (JSValueArray *)js_get_ptr(seen);
    for (uint32_t j = 0; j < n; j++)
        if (js_string_equal(ctx, s->values[j], key))
            return true;
    return false;
}

JSValue js_op_for_in_start(JSContext *ctx, JSValue v)
{
    if (js_is_nullish(v)) {
        JSValueArray *a = js_value_array_new(ctx, 1);
        if (!a)
            return JS_EXCEPTION;
        a->values[0] = js_int(1);
        return js_mkptr(JS_TAG_CELL, a);
    }
    JSRoot ro, rl, rk, rseen;
    js_root_push(ctx, &ro, JS_UNDEFINED);
    js_root_push(ctx, &rl, JS_UNDEFINED);
    js_root_push(ctx, &rk, JS_UNDEFINED);
    js_root_push(ctx, &rseen, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    ro.v = js_to_object(ctx, v);
    if (ro.v == JS_EXCEPTION)
        goto done;
    {
        uint32_t cap = 16, n = 1;
        JSValueArray *list = js_value_array_new(ctx, cap);
        if (!list)
            goto done;
        rl.v = js_mkptr(JS_TAG_CELL, list);
        uint32_t seen_cap = 16, nseen = 0;
        JSValueArray *seen = js_value_array_new(ctx, seen_cap);
        if (!seen)
            goto done;
        rseen.v = js_mkptr(JS_TAG_CELL, seen);
        int level = 0;
        while (js_is_object(ro.v)) {
            JSValueArray *keys = js_own_property_keys(ctx, ro.v);
            if (!keys)
                goto done;
            rk.v = js_mkptr(JS_TAG_CELL, keys);
            for (uint32_t i = 0; i < keys->len; i++) {
                keys = (JSValueArray *)js_get_ptr(rk.v);
                JSValue key = keys->values[i];
                if (!js_is_string(key))
                    continue;
                /* Exotic objects (proxies) must not see a lookup of a shadowed
                   key, so for them the shadowing scan comes first. */
                bool exotic = JS_VALUE_GET_OBJ(ro.v)->h.flags & JS_OBJ_EXOTIC;
                if (level > 0 && exotic && for_in_seen(ctx, rseen.v, nseen, key))
                    continue;
                JSAtom a = js_value_to_atom(ctx, key);
                if (a == JS_ATOM_NULL)
                    goto done;
                JSRoot ra;
                js_root_push_atom(ctx, &ra, a);
                JSPropertyDescriptor d;
                int r = js_get_own_property(ctx, ro.v, a, &d);
                js_root_pop(ctx, &ra);
                if (r < 0)
                    goto done;
                keys = (JSValueArray *)js_get_ptr(rk.v);
                key = keys->values[i];
                /* A prototype's key shadowed by a key seen on a nearer object
                   is skipped. On ordinary objects only keys that would be
                   listed need that scan: a non-enumerable one is just
                   remembered (a duplicate in `seen` is harmless), which
                   spares the scan for every built-in method of
                   Object.prototype on each for-in. */
                if (level > 0 && !exotic && r && (d.flags & JS_PROP_ENUMERABLE)
                    && for_in_seen(ctx, rseen.v, nseen, key))
                    continue;
                seen = (JSValueArray *)js_get_ptr(rseen.v);
                /* remember every key for shadowing of prototype keys */
                if (nseen == seen_cap) {
                    JSValueArray *ns = js_value_array_new(ctx, seen_cap * 2);
                    if (!ns)
                        goto done;
                    seen = (JSValueArray *)js_get_ptr(rseen.v);
                    memcpy(ns->values, seen->values, nseen * sizeof(JSValue));
                    seen_cap *= 2;
                    rseen.v = js_mkptr(JS_TAG_CELL, ns);
                    seen = ns;
                    keys = (JSValueArray *)js_get_ptr(rk.v);
                    key = keys->values[i];
                }
                seen->values[nseen++] = key;
                if (!r || !(d.flags & JS_PROP_ENUMERABLE))
                    continue;
                list = (JSValueArray *)js_get_ptr(rl.v);
                if (n + 2 > cap) {
                    JSValueArray *nl = js_value_array_new(ctx, cap * 2);
                    if (!nl)
                        goto done;
                    list = (JSValueArray *)js_get_ptr(rl.v);
                    memcpy(nl->values, list->values, n * sizeof(JSValue));
                    cap *= 2;
                    rl.v = js_mkptr(JS_TAG_CELL, nl);
                    list = nl;
                    keys = (JSValueArray *)js_get_ptr(rk.v);
                    key = keys->values[i];
                }
                list->values[n++] = ro.v;
                list->values[n++] = key;
            }
            JSValue p = js_get_prototype_of(ctx, ro.v);
            if (p == JS_EXCEPTION)
                goto done;
            ro.v = p;
            level++;
        }
        list = (JSValueArray *)js_get_ptr(rl.v);
        list->values[0] = js_int(1);
        if (n < list->len)
            list->values[n] = JS_UNDEFINED;     /* end marker: not an object */
        res = rl.v;
    }
done:
    js_root_pop(ctx, &ro);
    return res;
}

int js_op_for_in_next(JSContext *ctx, JSValue it, JSValue *out)
{
    JSRoot ri;
    js_root_push(ctx, &ri, it);
    int res = 0;
    for (;;) {
        JSValueArray *a = (JSValueArray *)js_get_ptr(ri.v);
        uint32_t idx = (uint32_t)js_get_int(a->values[0]);
        if (idx + 1 >= a->len) {
            res = 0;
            break;
        }
        a->values[0] = js_int((int32_t)(idx + 2));
        JSValue holder = a->values[idx], key = a->values[idx + 1];
        if (!js_is_object(holder)) {
            a->values[0] = js_int((int32_t)a->len);
            res = 0;
            break;
        }
        JSAtom at = js_value_to_atom(ctx, key);
        if (at == JS_ATOM_NULL) {
            res = -1;
            break;
        }
        JSRoot ra;
        js_root_push_atom(ctx, &ra, at);
        JSPropertyDescriptor d;
        int r = js_get_own_property(ctx, holder, at, &d);
        js_root_pop(ctx, &ra);
        if (r < 0) {
            res = -1;
            break;
        }
        if (r && (d.flags & JS_PROP_ENUMERABLE)) {
            a = (JSValueArray *)js_get_ptr(ri.v);
            *out = a->values[idx + 1];
            res = 1;
            break;
        }
    }
    js_root_pop(ctx, &ri);
    return res;
}

/* ------------------------------------------------------------------ */
/* literals                                                            */

int js_op_define_method(JSContext *ctx, JSValue obj, JSValue key, JSValue fn, int flags)
{
    JSAtom a = js_to_property_key(ctx, key);
    if (a == JS_ATOM_NULL)
        return -1;
    JSRoot ra;
    js_root_push_atom(ctx, &ra, a);
    int kind = flags & 3;
    int res = -1;
    if ((flags & 8) && js_is_bytecode_function(fn))
        ((JSFunction *)OBJ(fn))->home_object = obj;
    if (js_set_function_name(ctx, fn, a, kind == 1 ? JS_ATOM_get_ : kind == 2 ? JS_ATOM_set_ : JS_ATOM_NULL) < 0)
        goto done;
    uint32_t en = (flags & 4) ? JS_PROP_ENUMERABLE : 0;
    if (kind == 0) {
        res = js_define_property_value(ctx, obj, a, fn, JS_PROP_C_W | en);
    } else {
        JSPropertyDescriptor d;
        memset(&d, 0, sizeof d);
        d.value = JS_UNDEFINED;
        d.getter = kind == 1 ? fn : JS_UNDEFINED;
        d.setter = kind == 2 ? fn : JS_UNDEFINED;
        d.flags = (kind == 1 ? JS_DESC_HAS_GET : JS_DESC_HAS_SET) | JS_DESC_HAS_ENUMERABLE |
                  JS_DESC_HAS_CONFIGURABLE | JS_PROP_CONFIGURABLE | en;
        res = js_define_property(ctx, obj, a, &d, JS_THROW);
    }
    if (res > 0)
        res = 0;
done:
    js_root_pop(ctx, &ra);
    return res;
}

int js_op_copy_data_props(JSContext *ctx, JSValue target, JSValue src, JSValue excluded)
{
    if (js_is_nullish(src))
        return 0;
    JSRoot rf, rk, rv;
    js_root_push(ctx, &rf, JS_UNDEFINED);
    js_root_push(ctx, &rk, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    int res = -1;
    rf.v = js_to_object(ctx, src);
    if (rf.v == JS_EXCEPTION)
        goto done;
    JSValueArray *keys = js_own_property_keys(ctx, rf.v);
    if (!keys)
        goto done;
    rk.v = js_mkptr(JS_TAG_CELL, keys);
    for (uint32_t i = 0; i < keys->len; i++) {
        keys = (JSValueArray *)js_get_ptr(rk.v);
        JSValue key = keys->values[i];
        JSAtom a = js_value_to_atom(ctx, key);
        if (a == JS_ATOM_NULL)
            goto done;
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        if (js_is_object(excluded)) {
            JSObject *ex = OBJ(excluded);
            uint32_t n = js_array_length_fast(ex);
            bool skip = false;
            for (uint32_t j = 0; j < n && !skip; j++) {
                JSValue e = js_array_fast_get(ex, j);
                if (e == JS_EMPTY)
                    continue;
                /* excluded keys are property keys (strings, symbols, or
                   integers left as numbers) */
                JSAtom ea = js_to_property_key(ctx, e);
                if (ea == JS_ATOM_NULL) {
                    js_root_pop(ctx, &ra);
                    goto done;
                }
                if (ea == a)
                    skip = true;
            }
            if (skip) {
                js_root_pop(ctx, &ra);
                continue;
            }
        }
        JSPropertyDescriptor d;
        int r = js_get_own_property(ctx, rf.v, a, &d);
        if (r > 0 && (d.flags & JS_PROP_ENUMERABLE)) {
            rv.v = js_get_property(ctx, rf.v, a);
            if (rv.v == JS_EXCEPTION)
                r = -1;
            else
                r = js_create_data_property(ctx, target, a, rv.v, JS_THROW);
        }
        js_root_pop(ctx, &ra);
        if (r < 0)
            goto done;
    }
    res = 0;
done:
    js_root_pop(ctx, &rf);
    return res;
}

static int freeze_array(JSContext *ctx, JSValue arr, uint32_t n)
{
    JSPropertyDescriptor d;
    memset(&d, 0, sizeof d);
    d.value = d.getter = d.setter = JS_UNDEFINED;
    d.flags = JS_DESC_HAS_WRITABLE | JS_DESC_HAS_CONFIGURABLE;
    for (uint32_t i = 0; i < n; i++)
        if (js_define_property(ctx, arr, js_atom_from_uint(i), &d, JS_THROW) < 0)
            return -1;
    d.flags = JS_DESC_HAS_WRITABLE;
    if (js_define_property(ctx, arr, JS_ATOM_length, &d, JS_THROW) < 0)
        return -1;
    return js_prevent_extensions(ctx, arr, JS_THROW) < 0 ? -1 : 0;
}

JSValue js_op_template_object(JSContext *ctx, JSFunctionBytecode *b, uint32_t k)
{
    if (js_is_object(b->cpool[k]))
        return b->cpool[k];
    JSValueArray *site = (JSValueArray *)js_get_ptr(b->cpool[k]);
    uint32_t n = site->len / 2;
    JSRoot rc, rr;
    js_root_push(ctx, &rc, JS_UNDEFINED);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    rc.v = js_new_array_from(ctx, n, site->values);
    if (rc.v == JS_EXCEPTION)
        goto done;
    site = (JSValueArray *)js_get_ptr(b->cpool[k]);
    rr.v = js_new_array_from(ctx, n, site->values + n);
    if (rr.v == JS_EXCEPTION)
        goto done;
    if (freeze_array(ctx, rr.v, n) < 0)
        goto done;
    if (js_define_property_value(ctx, rc.v, JS_ATOM_raw, rr.v, 0) < 0)
        goto done;
    if (freeze_array(ctx, rc.v, n) < 0)
        goto done;
    b->cpool[k] = rc.v;
    res = rc.v;
done:
    js_root_pop(ctx, &rc);
    return res;
}

int js_op_array_spread(JSContext *ctx, JSValue arr, JSValue iterable)
{
    JSIteratorRecord rec;
    if (js_get_iterator(ctx, iterable, &rec) < 0)
        return -1;
    JSRoot ri, rn, rv;
    js_root_push(ctx, &ri, rec.iterator);
    js_root_push(ctx, &rn, rec.next);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    int res = -1;
    for (;;) {
        JSValue v;
        rec.iterator = ri.v;
        rec.next = rn.v;
        int r = js_iterator_step_value(ctx, &rec, &v);
        if (r < 0)
            goto done;
        if (r == 0)
            break;
        rv.v = v;
        if (js_array_push_fast(ctx, OBJ(arr), rv.v) < 0)
            goto done;
    }
    res = 0;
done:
    js_root_pop(ctx, &ri);
    return res;
}

JSValue js_op_iter_rest(JSContext *ctx, JSValue *rec_regs)
{
    JSValue arr = js_new_array(ctx, 0);
    if (arr == JS_EXCEPTION)
        return arr;
    JSRoot ra, rv;
    js_root_push(ctx, &ra, arr);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    while (rec_regs[1] != JS_EMPTY) {
        JSIteratorRecord rec = { rec_regs[0], rec_regs[1], false };
        JSValue v;
        int r = js_iterator_step_value(ctx, &rec, &v);
        if (r <= 0 || rec.done)
            rec_regs[1] = JS_EMPTY;
        if (r < 0)
            goto done;
        if (r == 0)
            break;
        rv.v = v;
        if (js_array_push_fast(ctx, OBJ(ra.v), rv.v) < 0)
            goto done;
    }
    res = ra.v;
done:
    js_root_pop(ctx, &ra);
    return res;
}
