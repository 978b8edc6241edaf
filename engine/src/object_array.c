/* Array exotic objects (ECMA-262 10.4.2) with their fast element vector
 * and the one-way conversion to ordinary indexed properties, ArraySetLength,
 * primitive wrapper objects and the String exotic object (10.4.3), and the
 * registration of the classes the core runtime owns. */
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "conv.h"

/* js_new_array(len) keeps a fast element vector up to this length. */
#define FAST_ARRAY_MAX_NEW (1u << 20)
/* No fast array grows past this length. */
#define FAST_ARRAY_MAX (1u << 27)

/* Arrays made with a length of 1 .. ARRAY_INLINE_MAX (array literals,
 * results of known size) keep their elements inside their own cell, after
 * the inline slots; growing past that copies them out to a malloc'ed
 * vector, which then stays. */
#define ARRAY_INLINE_MAX 16
#define ARRAY_INLINE_OFFSET js_object_inline_size(sizeof(JSArray), JS_INLINE_SLOTS)

static inline JSArray *arr_of(JSObject *o) { return (JSArray *)o; }

static inline bool elems_inline(JSArray *a)
{
    return a->elems == (JSValue *)((char *)a + ARRAY_INLINE_OFFSET);
}

static void free_elems(JSRuntime *rt, JSArray *a)
{
    if (!elems_inline(a))
        js_free(rt, a->elems, (size_t)a->elems_cap * sizeof(JSValue));
    a->elems = NULL;
    a->elems_cap = 0;
}

static void array_trace(JSRuntime *rt, JSObject *o)
{
    JSArray *a = arr_of(o);
    for (uint32_t i = 0; i < a->elems_cap; i++)
        js_gc_mark_value(rt, a->elems[i]);
}

static void array_finalize(JSRuntime *rt, JSObject *o)
{
    free_elems(rt, arr_of(o));
}

/* Grows the element vector to hold at least need values. No GC. */
static int grow_elems(JSContext *ctx, JSArray *a, uint32_t need)
{
    if (need <= a->elems_cap)
        return 0;
    uint64_t ncap = (uint64_t)a->elems_cap * 3 / 2 + 8;
    if (ncap < need)
        ncap = need;
    if (ncap > FAST_ARRAY_MAX)
        ncap = need;
    JSValue *ne;
    if (elems_inline(a)) {
        ne = js_malloc(ctx, (size_t)ncap * sizeof(JSValue));
        if (!ne)
            return -1;
        memcpy(ne, a->elems, (size_t)a->elems_cap * sizeof(JSValue));
    } else {
        ne = js_realloc(ctx, a->elems, (size_t)a->elems_cap * sizeof(JSValue),
                        (size_t)ncap * sizeof(JSValue));
        if (!ne)
            return -1;
    }
    for (uint64_t i = a->elems_cap; i < ncap; i++)
        ne[i] = JS_EMPTY;
    a->elems = ne;
    a->elems_cap = (uint32_t)ncap;
    return 0;
}

static JSShape *array_shape_for(JSContext *ctx, JSValue proto)
{
    JSObject *p = js_is_object(proto) ? JS_VALUE_GET_OBJ(proto) : NULL;
    if (ctx->array_shape && ctx->array_shape->proto == p)
        return ctx->array_shape;
    JSShape *root = js_shape_root(ctx, p, false);
    if (!root)
        return NULL;
    JSShape *sh = js_shape_add_transition(ctx, root, JS_ATOM_length, JS_PROP_WRITABLE);
    if (sh && js_is_object(ctx->class_proto[JS_CLASS_ARRAY]) &&
        p == JS_VALUE_GET_OBJ(ctx->class_proto[JS_CLASS_ARRAY]))
        ctx->array_shape = sh;
    return sh;
}

int js_array_add_match_props(JSContext *ctx, JSValue arr, JSValue index, JSValue input, JSValue groups)
{
    JSRoot ra, ri, rg, rs;
    js_root_push(ctx, &ra, arr);
    js_root_push(ctx, &ri, input);
    js_root_push(ctx, &rg, groups);
    js_root_push(ctx, &rs, JS_UNDEFINED);
    int ret = -1;
    JSObject *o = JS_VALUE_GET_OBJ(arr);
    if (o->shape != ctx->array_shape || !ctx->array_shape) {
        if (js_create_data_property(ctx, arr, JS_ATOM_index, index, JS_THROW) >= 0 &&
            js_create_data_property(ctx, arr, JS_ATOM_input, ri.v, JS_THROW) >= 0 &&
            js_create_data_property(ctx, arr, JS_ATOM_groups, rg.v, JS_THROW) >= 0)
            ret = 0;
        goto done;
    }
    /* a fresh array of the realm's array shape always takes the same three
     * transitions: made once, kept in the realm */
    JSShape *sh = ctx->match_array_shape;
    if (!sh || sh->parent->parent->parent != ctx->array_shape) {
        static const JSAtom names[3] = { JS_ATOM_index, JS_ATOM_input, JS_ATOM_groups };
        sh = ctx->array_shape;
        for (int i = 0; i < 3 && sh; i++) {
            rs.v = js_mkptr(JS_TAG_CELL, sh);
            sh = js_shape_add_transition(ctx, sh, names[i], JS_PROP_C_W_E);
        }
        if (!sh)
            goto done;
        ctx->match_array_shape = sh;
    }
    rs.v = js_mkptr(JS_TAG_CELL, sh);
    o = JS_VALUE_GET_OBJ(ra.v);
    if (js_object_reserve_slots(ctx, o, 4) < 0)
        goto done;
    o->slots[1] = index;
    o->slots[2] = ri.v;
    o->slots[3] = rg.v;
    JS_STORE_PTR(ctx, o, o->shape, sh);
    ret = 0;
done:
    js_root_pop(ctx, &ra);
    return ret;
}

JSValue js_new_array_proto(JSContext *ctx, JSValue proto, uint32_t len)
{
    JSRoot rp;
    js_root_push(ctx, &rp, proto);
    JSShape *sh = array_shape_for(ctx, proto);
    JSObject *o = NULL;
    uint32_t ninline = len <= ARRAY_INLINE_MAX ? len : 0;
    if (sh) {
        rp.v = js_mkptr(JS_TAG_CELL, sh);
        o = js_gc_alloc(ctx, JS_CELL_OBJECT, ARRAY_INLINE_OFFSET + (size_t)ninline * sizeof(JSValue));
    }
    js_root_pop(ctx, &rp);
    if (!o)
        return JS_EXCEPTION;
    js_object_init_inline_slots(o, sizeof(JSArray), JS_INLINE_SLOTS);
    o->h.aux = JS_CLASS_ARRAY;
    o->h.flags = JS_OBJ_EXTENSIBLE | JS_OBJ_EXOTIC | JS_OBJ_FAST_ARRAY;
    o->shape = sh;
    if (sh->proto)
        sh->proto->h.flags |= JS_OBJ_PROTOTYPE;
    if (js_object_reserve_slots(ctx, o, 1) < 0)
        return JS_EXCEPTION;
    o->slots[0] = js_number((double)len);
    if (ninline) {
        JSArray *a = arr_of(o);
        a->elems = (JSValue *)((char *)o + ARRAY_INLINE_OFFSET);
        a->elems_cap = ninline;
        for (uint32_t i = 0; i < ninline; i++)
            a->elems[i] = JS_EMPTY;
    } else if (len <= FAST_ARRAY_MAX_NEW) {
        if (len && grow_elems(ctx, arr_of(o), len) < 0)
            return JS_EXCEPTION;
    } else {
        o->h.flags &= (uint16_t)~JS_OBJ_FAST_ARRAY;
    }
    return js_obj_value(o);
}

JSValue js_new_array(JSContext *ctx, uint32_t len)
{
    return js_new_array_proto(ctx, ctx->class_proto[JS_CLASS_ARRAY], len);
}

JSValue js_new_array_from(JSContext *ctx, uint32_t n, const JSValue *values)
{
    JSValue a = js_new_array(ctx, n);
    if (js_is_exception(a))
        return a;
    JSObject *o = JS_VALUE_GET_OBJ(a);
    if (o->h.flags & JS_OBJ_FAST_ARRAY) {
        if (n)
            memcpy(arr_of(o)->elems, values, (size_t)n * sizeof(JSValue));
        return a;
    }
    /* huge: caller's values must be rooted; define one by one */
    JSRoot ra;
    js_root_push(ctx, &ra, a);
    for (uint32_t i = 0; i < n; i++) {
        if (js_create_data_property_index(ctx, ra.v, i, values[i], JS_THROW) < 0) {
            js_root_pop(ctx, &ra);
            return JS_EXCEPTION;
        }
    }
    js_root_pop(ctx, &ra);
    return a;
}

JSValue js_array_fast_get(JSObject *o, uint32_t idx)
{
    if (!(o->h.flags & JS_OBJ_FAST_ARRAY))
        return JS_EMPTY;
    if (idx >= js_array_length_fast(o))
        return JS_EMPTY;
    return arr_of(o)->elems[idx];
}

int js_array_make_slow(JSContext *ctx, JSObject *o)
{
    if (!(o->h.flags & JS_OBJ_FAST_ARRAY))
        return 0;
    JSArray *a = arr_of(o);
    uint32_t len = js_array_length_fast(o), n = 0;
    for (uint32_t i = 0; i < len; i++)
        n += !js_is_empty(a->elems[i]);
    if (js_object_to_dict(ctx, o) < 0)
        return -1;
    JSShape *sh = o->shape;
    if (js_shape_dict_reserve(ctx, sh, n) < 0 || js_object_reserve_slots(ctx, o, sh->prop_count + n) < 0)
        return -1;
    for (uint32_t i = 0; i < len; i++) {
        if (js_is_empty(a->elems[i]))
            continue;
        int slot = js_shape_dict_append(ctx, sh, js_atom_from_uint(i), JS_PROP_C_W_E);
        o->slots[slot] = a->elems[i];
    }
    free_elems(ctx->rt, a);
    o->h.flags &= (uint16_t)~JS_OBJ_FAST_ARRAY;
    return 0;
}

int js_array_push_fast(JSContext *ctx, JSObject *o, JSValue v)
{
    if (o->h.flags & JS_OBJ_FAST_ARRAY) {
        uint32_t len = js_array_length_fast(o);
        JSArray *a = arr_of(o);
        if (len < FAST_ARRAY_MAX) {
            if (len >= a->elems_cap && grow_elems(ctx, a, len + 1) < 0)
                return -1;
            a->elems[len] = v;
            o->slots[0] = js_number((double)len + 1);
            return 0;
        }
    }
    double len;
    JSValue lv = o->slots[0];
    len = js_number_value(lv);
    return js_create_data_property_index(ctx, js_obj_value(o), (int64_t)len, v, JS_THROW) < 0 ? -1 : 0;
}

static inline bool desc_is_plain_new(const JSPropertyDescriptor *d)
{
    uint32_t f = d->flags;
    uint32_t need = JS_DESC_HAS_WRITABLE | JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE | JS_PROP_C_W_E;
    return !(f & (JS_DESC_HAS_GET | JS_DESC_HAS_SET)) && (f & need) == need;
}

static int fail_flags(JSContext *ctx, int flags, const char *msg)
{
    if (flags & JS_THROW) {
        js_throw_type_error(ctx, "%s", msg);
        return -1;
    }
    return 0;
}

static inline uint32_t slow_length(JSObject *o)
{
    return (uint32_t)js_number_value(o->slots[0]);
}

static inline bool length_writable(JSObject *o)
{
    return (o->shape->props[0].attrs & JS_PROP_WRITABLE) != 0;
}

static int cmp_u32_desc(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x > y ? -1 : x < y;
}

/* Collects the own index keys >= from of a slow array, descending. */
static uint32_t *collect_indexes_from(JSContext *ctx, JSObject *o, uint32_t from, uint32_t *count)
{
    JSShape *sh = o->shape;
    uint32_t n = 0;
    uint32_t *v = NULL;
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        uint32_t idx;
        JSAtom at = sh->props[i].atom;
        if (at != JS_ATOM_NULL && js_atom_is_array_index(ctx->rt, at, &idx) && idx >= from)
            n++;
    }
    *count = n;
    if (!n)
        return NULL;
    v = malloc((size_t)n * sizeof(uint32_t));
    if (!v) {
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        uint32_t idx;
        JSAtom at = sh->props[i].atom;
        if (at != JS_ATOM_NULL && js_atom_is_array_index(ctx->rt, at, &idx) && idx >= from)
            v[k++] = idx;
    }
    qsort(v, n, sizeof(uint32_t), cmp_u32_desc);
    return v;
}


/* ArraySetLength after the value was converted to newLen; nd is the
 * descriptor to apply to "length" (its value already newLen). */
static int array_set_length_internal(JSContext *ctx, JSObject *o, uint32_t new_len,
                                     JSPropertyDescriptor *nd, int flags)
{
    uint32_t df = nd->flags;
    bool make_ro = (df & JS_DESC_HAS_WRITABLE) && !(df & JS_PROP_WRITABLE);
    if ((o->h.flags & JS_OBJ_FAST_ARRAY) && (make_ro || new_len > FAST_ARRAY_MAX)) {
        if (js_array_make_slow(ctx, o) < 0)
            return -1;
    }
    uint32_t old_len = (o->h.flags & JS_OBJ_FAST_ARRAY) ? js_array_length_fast(o) : slow_length(o);
    if (o->h.flags & JS_OBJ_FAST_ARRAY) {
        JSArray *a = arr_of(o);
        if (new_len > a->elems_cap) {
            if (new_len <= (uint64_t)a->elems_cap + 1024 || new_len <= FAST_ARRAY_MAX_NEW) {
                if (grow_elems(ctx, a, new_len) < 0)
                    return -1;
            } else if (js_array_make_slow(ctx, o) < 0) {
                return -1;
            }
        }
    }
    if (o->h.flags & JS_OBJ_FAST_ARRAY) {
        int r = js_ordinary_define_own_property(ctx, o, JS_ATOM_length, nd, flags);
        if (r <= 0)
            return r;
        JSArray *a = arr_of(o);
        for (uint32_t i = new_len; i < old_len; i++)
            a->elems[i] = JS_EMPTY;
        return 1;
    }
    if (new_len >= old_len)
        return js_ordinary_define_own_property(ctx, o, JS_ATOM_length, nd, flags);
    if (!length_writable(o))
        return fail_flags(ctx, flags, "Cannot assign to read only property 'length'");
    bool new_writable = !make_ro;
    JSPropertyDescriptor d = *nd;
    if (!new_writable)
        d.flags |= JS_DESC_HAS_WRITABLE | JS_PROP_WRITABLE;
    int r = js_ordinary_define_own_property(ctx, o, JS_ATOM_length, &d, flags);
    if (r <= 0)
        return r;
    uint32_t n;
    uint32_t *keys = collect_indexes_from(ctx, o, new_len, &n);
    if (n && !keys)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        JSAtom at = keys[i] <= JS_ATOM_MAX_INT ? js_atom_from_uint(keys[i]) : js_atom_from_uint32(ctx, keys[i]);
        if (at == JS_ATOM_NULL) {
            free(keys);
            return -1;
        }
        r = js_ordinary_delete(ctx, o, at, 0);
        if (r < 0) {
            free(keys);
            return -1;
        }
        if (r == 0) {
            JSPropertyDescriptor d2;
            d2.flags = JS_DESC_HAS_VALUE;
            d2.value = js_number((double)keys[i] + 1);
            d2.getter = d2.setter = JS_UNDEFINED;
            if (!new_writable)
                d2.flags |= JS_DESC_HAS_WRITABLE;
            free(keys);
            if (js_ordinary_define_own_property(ctx, o, JS_ATOM_length, &d2, 0) < 0)
                return -1;
            return fail_flags(ctx, flags, "cannot delete array element");
        }
    }
    free(keys);
    if (!new_writable) {
        JSPropertyDescriptor d3;
        d3.flags = JS_DESC_HAS_WRITABLE;
        d3.value = d3.getter = d3.setter = JS_UNDEFINED;
        if (js_ordinary_define_own_property(ctx, o, JS_ATOM_length, &d3, 0) < 0)
            return -1;
    }
    return 1;
}

/* ArraySetLength(A, Desc) (10.4.2.4). */
static int array_set_length_desc(JSContext *ctx, JSObject *o, const JSPropertyDescriptor *desc, int flags)
{
    if (!(desc->flags & JS_DESC_HAS_VALUE)) {
        if ((o->h.flags & JS_OBJ_FAST_ARRAY) && (desc->flags & JS_DESC_HAS_WRITABLE) &&
            !(desc->flags & JS_PROP_WRITABLE)) {
            if (js_array_make_slow(ctx, o) < 0)
                return -1;
        }
        return js_ordinary_define_own_property(ctx, o, JS_ATOM_length, desc, flags);
    }
    JSPropertyDescriptor nd = *desc;
    uint32_t new_len;
    double num;
    JSRoot ro, rv;
    js_root_push(ctx, &ro, js_obj_value(o));
    js_root_push(ctx, &rv, desc->value);
    int r = -1;
    if (js_to_uint32(ctx, &new_len, rv.v) == 0 && js_to_number(ctx, &num, rv.v) == 0) {
        if ((double)new_len != num) {
            js_throw_range_error(ctx, "invalid array length");
        } else {
            nd.value = js_number((double)new_len);
            r = array_set_length_internal(ctx, o, new_len, &nd, flags);
        }
    }
    js_root_pop(ctx, &ro);
    return r;
}

int js_array_set_length(JSContext *ctx, JSObject *arr, uint32_t len, int flags)
{
    JSPropertyDescriptor d;
    d.flags = JS_DESC_HAS_VALUE;
    d.value = js_number((double)len);
    d.getter = d.setter = JS_UNDEFINED;
    return array_set_length_internal(ctx, arr, len, &d, flags);
}

/* [[DefineOwnProperty]] of arrays (10.4.2.1). */
static int array_define_own_property(JSContext *ctx, JSObject *o, JSAtom prop,
                                     const JSPropertyDescriptor *desc, int flags)
{
    if (prop == JS_ATOM_length)
        return array_set_length_desc(ctx, o, desc, flags);
    uint32_t idx;
    if (!js_atom_is_array_index(ctx->rt, prop, &idx))
        return js_ordinary_define_own_property(ctx, o, prop, desc, flags);
    if (o->h.flags & JS_OBJ_FAST_ARRAY) {
        uint32_t len = js_array_length_fast(o);
        if (idx < len)
            return js_ordinary_define_own_property(ctx, o, prop, desc, flags);
        JSArray *a = arr_of(o);
        /* grow for appends and small gaps; a far write goes sparse */
        if (desc_is_plain_new(desc) && idx < FAST_ARRAY_MAX &&
            ((uint64_t)idx < (uint64_t)len + 1024 || idx < a->elems_cap)) {
            if (grow_elems(ctx, a, idx + 1) < 0)
                return -1;
            a->elems[idx] = (desc->flags & JS_DESC_HAS_VALUE) ? desc->value : JS_UNDEFINED;
            o->slots[0] = js_number((double)idx + 1);
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
    uint32_t old_len = slow_length(o);
    if (idx >= old_len && !length_writable(o))
        return fail_flags(ctx, flags, "cannot add element: array length is read only");
    int r = js_ordinary_define_own_property(ctx, o, prop, desc, flags);
    if (r <= 0)
        return r;
    if (idx >= old_len)
        o->slots[0] = js_number((double)idx + 1);
    return 1;
}

bool js_is_array(JSContext *ctx, JSValue v, int *err)
{
    *err = 0;
    if (!js_is_object(v))
        return false;
    JSObject *o = JS_VALUE_GET_OBJ(v);
    if (o->h.aux == JS_CLASS_ARRAY)
        return true;
    const JSClass *c = ctx->rt->classes[o->h.aux];
    if (c && c->is_array) {
        int r = c->is_array(ctx, o);
        if (r < 0) {
            *err = 1;
            return false;
        }
        return r != 0;
    }
    return false;
}

/* ---- primitive wrappers and String exotic objects ---- */

static void wrapper_trace(JSRuntime *rt, JSObject *o)
{
    js_gc_mark_value(rt, ((JSPrimitiveWrapper *)o)->value);
}

JSValue js_new_primitive_wrapper(JSContext *ctx, JSClassID id, JSValue prim)
{
    JSValue proto = ctx->class_proto[id];
    if (!js_is_object(proto))
        proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSRoot rp;
    js_root_push(ctx, &rp, prim);
    JSObject *o = js_new_object_proto_class(ctx, proto, id);
    int ret = o ? 0 : -1;
    if (o) {
        ((JSPrimitiveWrapper *)o)->value = prim;
        if (id == JS_CLASS_STRING) {
            JSRoot ro;
            js_root_push(ctx, &ro, js_obj_value(o));
            ret = js_object_add_property(ctx, o, JS_ATOM_length, 0, js_int((int32_t)js_string_len(prim)));
        }
    }
    js_root_pop(ctx, &rp);
    return ret < 0 ? JS_EXCEPTION : js_obj_value(o);
}

static inline bool string_index(JSObject *o, JSAtom prop, uint32_t *idx)
{
    JSValue s = ((JSPrimitiveWrapper *)o)->value;
    return js_atom_is_int(prop) && (*idx = js_atom_get_int(prop)) < js_string_len(s);
}

static int string_get_own_property(JSContext *ctx, JSObject *o, JSAtom prop, JSPropertyDescriptor *desc)
{
    uint32_t idx;
    if (string_index(o, prop, &idx)) {
        if (desc) {
            int c = js_string_char_at(ctx, ((JSPrimitiveWrapper *)o)->value, idx);
            if (c < 0)
                return -1;
            JSValue ch = js_new_string_char(ctx, (uint16_t)c);
            if (js_is_exception(ch))
                return -1;
            desc->flags = JS_PROP_ENUMERABLE | JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE |
                          JS_DESC_HAS_ENUMERABLE | JS_DESC_HAS_CONFIGURABLE;
            desc->value = ch;
            desc->getter = desc->setter = JS_UNDEFINED;
        }
        return 1;
    }
    return js_ordinary_get_own_property(ctx, o, prop, desc);
}

static int string_define_own_property(JSContext *ctx, JSObject *o, JSAtom prop,
                                      const JSPropertyDescriptor *d, int flags)
{
    uint32_t idx;
    if (string_index(o, prop, &idx)) {
        /* IsCompatiblePropertyDescriptor against a non-writable,
         * enumerable, non-configurable data property */
        uint32_t f = d->flags;
        bool ok = true;
        if ((f & JS_DESC_HAS_CONFIGURABLE) && (f & JS_PROP_CONFIGURABLE))
            ok = false;
        if ((f & JS_DESC_HAS_ENUMERABLE) && !(f & JS_PROP_ENUMERABLE))
            ok = false;
        if (f & (JS_DESC_HAS_GET | JS_DESC_HAS_SET))
            ok = false;
        if ((f & JS_DESC_HAS_WRITABLE) && (f & JS_PROP_WRITABLE))
            ok = false;
        if (ok && (f & JS_DESC_HAS_VALUE)) {
            JSValue s = ((JSPrimitiveWrapper *)o)->value;
            int c = js_string_char_at(ctx, s, idx);
            if (c < 0)
                return -1;
            ok = js_is_string(d->value) && js_string_len(d->value) == 1 &&
                 js_string_char_at(ctx, d->value, 0) == c;
        }
        if (!ok)
            return fail_flags(ctx, flags, "cannot redefine a string index");
        return 1;
    }
    return js_ordinary_define_own_property(ctx, o, prop, d, flags);
}

static int string_delete(JSContext *ctx, JSObject *o, JSAtom prop, int flags)
{
    uint32_t idx;
    if (string_index(o, prop, &idx))
        return fail_flags(ctx, flags, "cannot delete a string index");
    return js_ordinary_delete(ctx, o, prop, flags);
}

static JSValueArray *string_own_keys(JSContext *ctx, JSObject *o)
{
    return js_own_keys_with_prefix(ctx, o, js_string_len(((JSPrimitiveWrapper *)o)->value));
}

/* ---- class registration ---- */

static const JSClass class_object = { .name = "Object", .size = sizeof(JSObject) };
static void error_trace(JSRuntime *rt, JSObject *o)
{
    js_gc_mark_value(rt, ((JSErrorObject *)o)->stack);
}

static const JSClass class_error = { .name = "Error", .size = sizeof(JSErrorObject), .trace = error_trace };
static const JSClass class_array = {
    .name = "Array", .size = sizeof(JSArray),
    .trace = array_trace, .finalize = array_finalize,
    .define_own_property = array_define_own_property,
};
static const JSClass class_number = { .name = "Number", .size = sizeof(JSPrimitiveWrapper), .trace = wrapper_trace };
static const JSClass class_boolean = { .name = "Boolean", .size = sizeof(JSPrimitiveWrapper), .trace = wrapper_trace };
static const JSClass class_symbol = { .name = "Symbol", .size = sizeof(JSPrimitiveWrapper), .trace = wrapper_trace };
static const JSClass class_bigint = { .name = "BigInt", .size = sizeof(JSPrimitiveWrapper), .trace = wrapper_trace };
static const JSClass class_string = {
    .name = "String", .size = sizeof(JSPrimitiveWrapper), .trace = wrapper_trace,
    .get_own_property = string_get_own_property,
    .define_own_property = string_define_own_property,
    .delete_property = string_delete,
    .own_property_keys = string_own_keys,
};

void js_object_register_classes(JSRuntime *rt)
{
    js_register_class(rt, JS_CLASS_OBJECT, &class_object);
    js_register_class(rt, JS_CLASS_ERROR, &class_error);
    js_register_class(rt, JS_CLASS_GLOBAL, &js_global_class);
    js_register_class(rt, JS_CLASS_ARRAY, &class_array);
    js_register_class(rt, JS_CLASS_NUMBER, &class_number);
    js_register_class(rt, JS_CLASS_BOOLEAN, &class_boolean);
    js_register_class(rt, JS_CLASS_SYMBOL, &class_symbol);
    js_register_class(rt, JS_CLASS_BIGINT, &class_bigint);
    js_register_class(rt, JS_CLASS_STRING, &class_string);
}
