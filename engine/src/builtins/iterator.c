/* %IteratorPrototype% (Iterator.prototype), the Iterator constructor,
 * Iterator.from with %WrapForValidIteratorPrototype%, and the iterator
 * helpers (ECMA-262 27.1): the lazy ones (map, filter, take, drop,
 * flatMap) are C state machines behind %IteratorHelperPrototype%; the
 * eager ones (reduce, toArray, forEach, some, every, find) loop here. */
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"
#include "../interp.h"
#include <math.h>

enum { HELPER_MAP, HELPER_FILTER, HELPER_TAKE, HELPER_DROP, HELPER_FLAT_MAP, HELPER_CONCAT };
enum { ST_START, ST_YIELD, ST_RUNNING, ST_DONE };

typedef struct JSIteratorHelper {
    JSObject base;          /* class ITERATOR_HELPER */
    JSValue iter, next;     /* [[UnderlyingIterator]] */
    JSValue fn;             /* mapper / predicate */
    JSValue inner_iter, inner_next; /* flatMap: the current inner iterator */
    double counter;
    double remaining;       /* take / drop */
    uint8_t kind;
    uint8_t state;
    bool inner_alive;
} JSIteratorHelper;

typedef struct JSIteratorWrap {
    JSObject base;          /* class ITERATOR_WRAP */
    JSValue iter, next;     /* [[Iterated]] */
} JSIteratorWrap;

static void helper_trace(JSRuntime *rt, JSObject *obj)
{
    JSIteratorHelper *h = (JSIteratorHelper *)obj;
    js_gc_mark_value(rt, h->iter);
    js_gc_mark_value(rt, h->next);
    js_gc_mark_value(rt, h->fn);
    js_gc_mark_value(rt, h->inner_iter);
    js_gc_mark_value(rt, h->inner_next);
}

static void wrap_trace(JSRuntime *rt, JSObject *obj)
{
    JSIteratorWrap *w = (JSIteratorWrap *)obj;
    js_gc_mark_value(rt, w->iter);
    js_gc_mark_value(rt, w->next);
}

static const JSClass helper_class = {
    .name = "Iterator Helper", .size = sizeof(JSIteratorHelper), .trace = helper_trace,
};
static const JSClass wrap_class = {
    .name = "Object", .size = sizeof(JSIteratorWrap), .trace = wrap_trace,
};

/* %IteratorPrototype%[Symbol.iterator] */
static JSValue iterator_proto_iterator(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* The Iterator constructor (abstract). */
static JSValue iterator_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(new_target))
        return js_throw_type_error(ctx, "Constructor Iterator requires 'new'");
    JSCFunctionObject *self = js_current_native_function(ctx);
    if (self && new_target == js_mkptr(JS_TAG_OBJECT, self))
        return js_throw_type_error(ctx, "Abstract class Iterator not directly constructable");
    JSValue proto = js_get_property(ctx, new_target, JS_ATOM_prototype);
    if (js_is_exception(proto))
        return proto;
    if (!js_is_object(proto)) {
        JSContext *realm = js_get_function_realm(ctx, new_target);
        if (!realm)
            return JS_EXCEPTION;
        proto = realm->intrinsics[JS_INTRINSIC_IteratorPrototype];
    }
    return js_new_object_proto(ctx, proto);
}

/* GetIteratorDirect(obj): reads next once. */
static int get_iterator_direct(JSContext *ctx, JSValue obj, JSValue *next)
{
    JSValue n = js_get_property(ctx, obj, JS_ATOM_next);
    if (js_is_exception(n))
        return -1;
    *next = n;
    return 0;
}

/* GetIteratorFlattenable(obj, primitives): iterator and next in *iter /
 * *next (the caller roots them). */
static int get_iterator_flattenable(JSContext *ctx, JSValue obj, bool allow_strings, JSValue *iter, JSValue *next)
{
    if (!js_is_object(obj)) {
        if (!allow_strings || !js_is_string(obj)) {
            js_throw_type_error(ctx, "value is not an object");
            return -1;
        }
    }
    JSValue method = js_get_method(ctx, obj, JS_ATOM_Symbol_iterator);
    if (js_is_exception(method))
        return -1;
    JSValue it;
    if (js_is_undefined(method)) {
        it = obj;
    } else {
        it = js_call(ctx, method, obj, 0, NULL);
        if (js_is_exception(it))
            return -1;
    }
    if (!js_is_object(it)) {
        js_throw_type_error(ctx, "iterator is not an object");
        return -1;
    }
    *iter = it;
    JSRoot r;
    js_root_push(ctx, &r, it);
    int ret = get_iterator_direct(ctx, it, next);
    js_root_pop(ctx, &r);
    return ret;
}

/* Iterator.from(O) */
static JSValue iterator_from(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot ri, rn;
    js_root_push(ctx, &ri, JS_UNDEFINED);
    js_root_push(ctx, &rn, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    JSValue it, next;
    if (get_iterator_flattenable(ctx, argv[0], true, &it, &next) < 0)
        goto done;
    ri.v = it;
    rn.v = next;
    /* OrdinaryHasInstance(%Iterator%, iterator): walk the prototype chain
     * looking for %Iterator.prototype%. */
    JSRoot rp;
    js_root_push(ctx, &rp, ri.v);
    for (;;) {
        JSValue p = js_get_prototype_of(ctx, rp.v);
        if (js_is_exception(p))
            goto done;
        if (js_is_null(p))
            break;
        if (p == ctx->intrinsics[JS_INTRINSIC_IteratorPrototype]) {
            res = ri.v;
            goto done;
        }
        rp.v = p;
    }
    JSObject *w = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ITERATOR_WRAP], JS_CLASS_ITERATOR_WRAP);
    if (!w)
        goto done;
    JSIteratorWrap *wr = (JSIteratorWrap *)w;
    JS_STORE(ctx, w, wr->iter, ri.v);
    JS_STORE(ctx, w, wr->next, rn.v);
    res = js_mkptr(JS_TAG_OBJECT, w);
done:
    js_root_pop(ctx, &ri);
    return res;
}

/* Iterator.concat(...items) */
static JSValue iterator_concat(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValueArray *list = js_value_array_new(ctx, 2 * (uint32_t)argc);
    if (!list)
        return JS_EXCEPTION;
    JSRoot rl;
    js_root_push(ctx, &rl, js_cell_value(list));
    for (int i = 0; i < argc; i++) {
        if (!js_is_object(argv[i]))
            return js_throw_type_error(ctx, "Iterator.concat: argument is not an object");
        JSValue m = js_get_method(ctx, argv[i], JS_ATOM_Symbol_iterator);
        if (js_is_exception(m))
            return m;
        if (js_is_undefined(m))
            return js_throw_type_error(ctx, "Iterator.concat: argument is not iterable");
        list->values[2 * i] = m;
        list->values[2 * i + 1] = argv[i];
    }
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ITERATOR_HELPER], JS_CLASS_ITERATOR_HELPER);
    if (!o)
        return JS_EXCEPTION;
    JSIteratorHelper *h = (JSIteratorHelper *)o;
    h->iter = h->next = h->inner_iter = h->inner_next = JS_UNDEFINED;
    JS_STORE(ctx, o, h->fn, rl.v);
    h->kind = HELPER_CONCAT;
    h->state = ST_START;
    return js_mkptr(JS_TAG_OBJECT, o);
}

static JSValue wrap_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_ITERATOR_WRAP))
        return js_throw_type_error(ctx, "not a wrapped iterator");
    JSIteratorWrap *w = (JSIteratorWrap *)JS_VALUE_GET_OBJ(this_val);
    return js_call(ctx, w->next, w->iter, 0, NULL);
}

static JSValue wrap_return(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_ITERATOR_WRAP))
        return js_throw_type_error(ctx, "not a wrapped iterator");
    JSIteratorWrap *w = (JSIteratorWrap *)JS_VALUE_GET_OBJ(this_val);
    JSValue m = js_get_method(ctx, w->iter, JS_ATOM_return);
    if (js_is_exception(m))
        return m;
    if (js_is_undefined(m))
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    w = (JSIteratorWrap *)JS_VALUE_GET_OBJ(this_val);
    JSRoot r;
    js_root_push(ctx, &r, m);
    JSValue res = js_call(ctx, m, w->iter, 0, NULL);
    js_root_pop(ctx, &r);
    return res;
}

/* ---- lazy helpers ---- */

/* Closes the underlying iterator after an abrupt completion (the pending
 * exception is kept) and returns JS_EXCEPTION. */
static JSValue close_throw(JSContext *ctx, JSValue iter)
{
    js_iterator_close(ctx, iter, true);
    return JS_EXCEPTION;
}

/* Validation shared by the helper factories: this must be an object; a
 * bad argument closes it. */
static JSValue make_helper(JSContext *ctx, JSValue this_val, JSValue arg, int kind)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator helper called on non-object");
    double remaining = 0;
    if (kind == HELPER_TAKE || kind == HELPER_DROP) {
        double d;
        if (js_to_number(ctx, &d, arg) < 0)
            return close_throw(ctx, this_val);
        if (isnan(d)) {
            js_throw_range_error(ctx, "%s: limit must be a number", kind == HELPER_TAKE ? "take" : "drop");
            return close_throw(ctx, this_val);
        }
        if (isfinite(d) && d > 9007199254740991.0) {
            js_throw_range_error(ctx, "%s: limit is too large", kind == HELPER_TAKE ? "take" : "drop");
            return close_throw(ctx, this_val);
        }
        if (js_to_int_or_infinity(ctx, &remaining, js_double(d)) < 0)
            return close_throw(ctx, this_val);
        if (remaining < 0) {
            js_throw_range_error(ctx, "%s: limit must be positive", kind == HELPER_TAKE ? "take" : "drop");
            return close_throw(ctx, this_val);
        }
    } else if (!js_is_callable(arg)) {
        js_throw_type_error(ctx, "Iterator helper argument is not a function");
        return close_throw(ctx, this_val);
    }
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    JSRoot rn;
    js_root_push(ctx, &rn, next);
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_ITERATOR_HELPER], JS_CLASS_ITERATOR_HELPER);
    js_root_pop(ctx, &rn);
    if (!o)
        return JS_EXCEPTION;
    JSIteratorHelper *h = (JSIteratorHelper *)o;
    JS_STORE(ctx, o, h->iter, this_val);
    JS_STORE(ctx, o, h->next, rn.v);
    JS_STORE(ctx, o, h->fn, kind == HELPER_TAKE || kind == HELPER_DROP ? JS_UNDEFINED : arg);
    h->inner_iter = h->inner_next = JS_UNDEFINED;
    h->kind = (uint8_t)kind;
    h->state = ST_START;
    h->counter = 0;
    h->remaining = remaining;
    return js_mkptr(JS_TAG_OBJECT, o);
}

static JSValue iterator_helper_factory(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return make_helper(ctx, this_val, argv[0], magic);
}

/* IteratorStep without reading `value`: 1 not done, 0 done, -1 error. */
static int iterator_step(JSContext *ctx, JSValue iter, JSValue next)
{
    JSValue res = js_call(ctx, next, iter, 0, NULL);
    if (js_is_exception(res))
        return -1;
    if (!js_is_object(res)) {
        js_throw_type_error(ctx, "iterator result is not an object");
        return -1;
    }
    JSValue done = js_get_property(ctx, res, JS_ATOM_done);
    if (js_is_exception(done))
        return -1;
    return js_to_boolean(done) ? 0 : 1;
}

/* One step of the helper h (state is RUNNING). Returns 1 with *out on a
 * value, 0 when done, -1 on error. this_val roots h. */
static int helper_step(JSContext *ctx, JSValue hv, JSValue *out)
{
    JSIteratorHelper *h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
    JSIteratorRecord rec;
    JSValue value;
    int r;
    JSRoot rv, ra;
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &ra, JS_UNDEFINED);
    int ret = -1;
    switch (h->kind) {
    case HELPER_MAP:
    case HELPER_FILTER:
        for (;;) {
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            rec.iterator = h->iter;
            rec.next = h->next;
            rec.done = false;
            r = js_iterator_step_value(ctx, &rec, &value);
            if (r <= 0) {
                ret = r;
                goto done;
            }
            rv.v = value;
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            ra.v = js_number(h->counter);
            JSValue args[2] = { rv.v, ra.v };
            JSValue res = js_call(ctx, h->fn, JS_UNDEFINED, 2, args);
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (js_is_exception(res)) {
                close_throw(ctx, h->iter);
                goto done;
            }
            h->counter++;
            if (h->kind == HELPER_MAP) {
                *out = res;
                ret = 1;
                goto done;
            }
            if (js_to_boolean(res)) {
                *out = rv.v;
                ret = 1;
                goto done;
            }
        }
    case HELPER_TAKE:
        if (h->remaining == 0) {
            ret = js_iterator_close(ctx, h->iter, false) < 0 ? -1 : 0;
            goto done;
        }
        if (h->remaining != INFINITY)
            h->remaining--;
        rec.iterator = h->iter;
        rec.next = h->next;
        rec.done = false;
        ret = js_iterator_step_value(ctx, &rec, out);
        goto done;
    case HELPER_DROP:
        while (h->remaining > 0) {
            if (h->remaining != INFINITY)
                h->remaining--;
            r = iterator_step(ctx, h->iter, h->next);
            if (r <= 0) {
                ret = r;
                goto done;
            }
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
        }
        rec.iterator = h->iter;
        rec.next = h->next;
        rec.done = false;
        ret = js_iterator_step_value(ctx, &rec, out);
        goto done;
    case HELPER_CONCAT:
        /* fn is a JSValueArray of (method, iterable) pairs; counter is
         * the index of the next pair to open. */
        for (;;) {
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (h->inner_alive) {
                rec.iterator = h->inner_iter;
                rec.next = h->inner_next;
                rec.done = false;
                r = js_iterator_step_value(ctx, &rec, &value);
                h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
                if (r < 0) {
                    h->inner_alive = false;
                    goto done;
                }
                if (r > 0) {
                    *out = value;
                    ret = 1;
                    goto done;
                }
                h->inner_alive = false;
                h->inner_iter = h->inner_next = JS_UNDEFINED;
                continue;
            }
            JSValueArray *list = js_get_ptr(h->fn);
            uint32_t i = (uint32_t)h->counter;
            if (2 * i >= list->len) {
                ret = 0;
                goto done;
            }
            h->counter++;
            JSValue it = js_call(ctx, list->values[2 * i], list->values[2 * i + 1], 0, NULL);
            if (js_is_exception(it))
                goto done;
            if (!js_is_object(it)) {
                js_throw_type_error(ctx, "Iterator.concat: iterator is not an object");
                goto done;
            }
            rv.v = it;
            JSValue next;
            if (get_iterator_direct(ctx, it, &next) < 0)
                goto done;
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            JS_STORE(ctx, &h->base, h->inner_iter, rv.v);
            JS_STORE(ctx, &h->base, h->inner_next, next);
            h->inner_alive = true;
        }
    case HELPER_FLAT_MAP:
        for (;;) {
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (h->inner_alive) {
                rec.iterator = h->inner_iter;
                rec.next = h->inner_next;
                rec.done = false;
                r = js_iterator_step_value(ctx, &rec, &value);
                h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
                if (r < 0) {
                    h->inner_alive = false;
                    close_throw(ctx, h->iter);
                    goto done;
                }
                if (r > 0) {
                    *out = value;
                    ret = 1;
                    goto done;
                }
                h->inner_alive = false;
                h->inner_iter = h->inner_next = JS_UNDEFINED;
                continue;
            }
            rec.iterator = h->iter;
            rec.next = h->next;
            rec.done = false;
            r = js_iterator_step_value(ctx, &rec, &value);
            if (r <= 0) {
                ret = r;
                goto done;
            }
            rv.v = value;
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            ra.v = js_number(h->counter);
            JSValue args[2] = { rv.v, ra.v };
            JSValue mapped = js_call(ctx, h->fn, JS_UNDEFINED, 2, args);
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            if (js_is_exception(mapped)) {
                close_throw(ctx, h->iter);
                goto done;
            }
            rv.v = mapped;
            JSValue it, next;
            if (get_iterator_flattenable(ctx, mapped, false, &it, &next) < 0) {
                h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
                close_throw(ctx, h->iter);
                goto done;
            }
            h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(hv);
            JS_STORE(ctx, &h->base, h->inner_iter, it);
            JS_STORE(ctx, &h->base, h->inner_next, next);
            h->inner_alive = true;
            h->counter++;
        }
    }
done:
    js_root_pop(ctx, &rv);
    return ret;
}

/* %IteratorHelperPrototype%.next */
static JSValue helper_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_ITERATOR_HELPER))
        return js_throw_type_error(ctx, "not an Iterator Helper");
    JSIteratorHelper *h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
    if (h->state == ST_RUNNING)
        return js_throw_type_error(ctx, "Iterator Helper is already running");
    if (h->state == ST_DONE)
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    h->state = ST_RUNNING;
    JSValue v = JS_UNDEFINED;
    int r = helper_step(ctx, this_val, &v);
    h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
    if (r <= 0) {
        h->state = ST_DONE;
        h->iter = h->next = h->fn = h->inner_iter = h->inner_next = JS_UNDEFINED;
        h->inner_alive = false;
        if (r < 0)
            return JS_EXCEPTION;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    h->state = ST_YIELD;
    return js_create_iter_result(ctx, v, false);
}

/* %IteratorHelperPrototype%.return */
static JSValue helper_return(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_ITERATOR_HELPER))
        return js_throw_type_error(ctx, "not an Iterator Helper");
    JSIteratorHelper *h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
    if (h->state == ST_RUNNING)
        return js_throw_type_error(ctx, "Iterator Helper is already running");
    if (h->state == ST_DONE)
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    JSRoot ri, rin;
    js_root_push(ctx, &ri, h->iter);
    js_root_push(ctx, &rin, h->inner_alive ? h->inner_iter : JS_UNDEFINED);
    bool was_start = h->state == ST_START;
    h->state = was_start ? ST_DONE : ST_RUNNING;
    int r = 0;
    if (!js_is_undefined(rin.v)) {
        if (js_iterator_close(ctx, rin.v, false) < 0) {
            if (js_is_object(ri.v))
                js_iterator_close(ctx, ri.v, true);
            r = -1;
        }
    }
    if (r == 0)
        r = js_is_object(ri.v) ? js_iterator_close(ctx, ri.v, false) : 0;
    h = (JSIteratorHelper *)JS_VALUE_GET_OBJ(this_val);
    h->state = ST_DONE;
    h->iter = h->next = h->fn = h->inner_iter = h->inner_next = JS_UNDEFINED;
    h->inner_alive = false;
    js_root_pop(ctx, &ri);
    if (r < 0)
        return JS_EXCEPTION;
    return js_create_iter_result(ctx, JS_UNDEFINED, true);
}

/* ---- eager helpers ---- */

enum { EAGER_FOREACH, EAGER_SOME, EAGER_EVERY, EAGER_FIND };

/* forEach / some / every / find */
static JSValue iterator_eager(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator helper called on non-object");
    if (!js_is_callable(argv[0])) {
        js_throw_type_error(ctx, "Iterator helper argument is not a function");
        return close_throw(ctx, this_val);
    }
    JSRoot rn, rv, rc;
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    js_root_push(ctx, &rn, next);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    for (double counter = 0;; counter++) {
        JSIteratorRecord rec = { this_val, rn.v, false };
        JSValue value;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto done;
        if (r == 0) {
            res = magic == EAGER_SOME ? JS_FALSE : magic == EAGER_EVERY ? JS_TRUE : JS_UNDEFINED;
            goto done;
        }
        rv.v = value;
        rc.v = js_number(counter);
        JSValue args[2] = { rv.v, rc.v };
        JSValue out = js_call(ctx, argv[0], JS_UNDEFINED, 2, args);
        if (js_is_exception(out)) {
            close_throw(ctx, this_val);
            goto done;
        }
        if (magic == EAGER_FOREACH)
            continue;
        bool b = js_to_boolean(out);
        JSValue result;
        if (magic == EAGER_SOME && b)
            result = JS_TRUE;
        else if (magic == EAGER_EVERY && !b)
            result = JS_FALSE;
        else if (magic == EAGER_FIND && b)
            result = rv.v;
        else
            continue;
        if (js_iterator_close(ctx, this_val, false) < 0)
            goto done;
        res = result;
        goto done;
    }
done:
    js_root_pop(ctx, &rn);
    return res;
}

static JSValue iterator_reduce(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator helper called on non-object");
    if (!js_is_callable(argv[0])) {
        js_throw_type_error(ctx, "Iterator.prototype.reduce: reducer is not a function");
        return close_throw(ctx, this_val);
    }
    JSRoot rn, racc, rv, rc;
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    js_root_push(ctx, &rn, next);
    js_root_push(ctx, &racc, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &rc, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    double counter;
    JSIteratorRecord rec = { this_val, rn.v, false };
    if (argc < 2) {
        JSValue first;
        int r = js_iterator_step_value(ctx, &rec, &first);
        if (r < 0)
            goto done;
        if (r == 0) {
            js_throw_type_error(ctx, "Iterator.prototype.reduce of empty iterator with no initial value");
            goto done;
        }
        racc.v = first;
        counter = 1;
    } else {
        racc.v = argv[1];
        counter = 0;
    }
    for (;; counter++) {
        JSValue value;
        rec.iterator = this_val;
        rec.next = rn.v;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto done;
        if (r == 0) {
            res = racc.v;
            goto done;
        }
        rv.v = value;
        rc.v = js_number(counter);
        JSValue args[3] = { racc.v, rv.v, rc.v };
        JSValue out = js_call(ctx, argv[0], JS_UNDEFINED, 3, args);
        if (js_is_exception(out)) {
            close_throw(ctx, this_val);
            goto done;
        }
        racc.v = out;
    }
done:
    js_root_pop(ctx, &rn);
    return res;
}

static JSValue iterator_to_array(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Iterator.prototype.toArray called on non-object");
    JSRoot rn, ra;
    JSValue next;
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    js_root_push(ctx, &rn, next);
    js_root_push(ctx, &ra, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    ra.v = js_new_array(ctx, 0);
    if (js_is_exception(ra.v))
        goto done;
    for (;;) {
        JSIteratorRecord rec = { this_val, rn.v, false };
        JSValue value;
        int r = js_iterator_step_value(ctx, &rec, &value);
        if (r < 0)
            goto done;
        if (r == 0)
            break;
        if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(ra.v), value) < 0)
            goto done;
    }
    res = ra.v;
done:
    js_root_pop(ctx, &rn);
    return res;
}

/* SetterThatIgnoresPrototypeProperties(this, %Iterator.prototype%, p, v);
 * magic 0: Symbol.toStringTag, 1: constructor. */
static JSValue iterator_weird_setter(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "setter called on non-object");
    if (this_val == ctx->intrinsics[JS_INTRINSIC_IteratorPrototype])
        return js_throw_type_error(ctx, "cannot set property on Iterator.prototype");
    JSAtom p = magic ? JS_ATOM_constructor : JS_ATOM_Symbol_toStringTag;
    int found = js_get_own_property(ctx, this_val, p, NULL);
    if (found < 0)
        return JS_EXCEPTION;
    int r = found ? js_set_property(ctx, this_val, p, argv[0], JS_THROW)
                  : js_create_data_property(ctx, this_val, p, argv[0], JS_THROW);
    return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

static JSValue iterator_get_tag(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_new_string_cstr(ctx, "Iterator");
}

/* get Iterator.prototype.constructor: %Iterator%, kept in the getter's data. */
static JSValue iterator_get_ctor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSCFunctionObject *self = js_current_native_function(ctx);
    return self ? self->data : JS_UNDEFINED;
}

static const JSPropEntry iterator_proto_props[] = {
    { "[Symbol.iterator]", JS_DEF_CFUNC, JS_PROP_C_W, 0, JS_CFUNC_PLAIN, 0, { .fn = iterator_proto_iterator } },
    JS_CFUNC_MAGIC_DEF("map", 1, iterator_helper_factory, HELPER_MAP),
    JS_CFUNC_MAGIC_DEF("filter", 1, iterator_helper_factory, HELPER_FILTER),
    JS_CFUNC_MAGIC_DEF("take", 1, iterator_helper_factory, HELPER_TAKE),
    JS_CFUNC_MAGIC_DEF("drop", 1, iterator_helper_factory, HELPER_DROP),
    JS_CFUNC_MAGIC_DEF("flatMap", 1, iterator_helper_factory, HELPER_FLAT_MAP),
    JS_CFUNC_DEF("reduce", 1, iterator_reduce),
    JS_CFUNC_DEF("toArray", 0, iterator_to_array),
    JS_CFUNC_MAGIC_DEF("forEach", 1, iterator_eager, EAGER_FOREACH),
    JS_CFUNC_MAGIC_DEF("some", 1, iterator_eager, EAGER_SOME),
    JS_CFUNC_MAGIC_DEF("every", 1, iterator_eager, EAGER_EVERY),
    JS_CFUNC_MAGIC_DEF("find", 1, iterator_eager, EAGER_FIND),
    { "[Symbol.toStringTag]", JS_DEF_GETSET, JS_PROP_CONFIGURABLE, 0, 0, 0,
      { .getset = { iterator_get_tag, iterator_weird_setter } } },
};

static const JSPropEntry helper_proto_props[] = {
    JS_CFUNC_DEF("next", 0, helper_next),
    JS_CFUNC_DEF("return", 0, helper_return),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Iterator Helper", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry wrap_proto_props[] = {
    JS_CFUNC_DEF("next", 0, wrap_next),
    JS_CFUNC_DEF("return", 0, wrap_return),
};

static const JSPropEntry iterator_ctor_props[] = {
    JS_CFUNC_DEF("from", 1, iterator_from),
    JS_CFUNC_DEF("concat", 0, iterator_concat),
};

int js_init_iterator(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_ITERATOR_HELPER, &helper_class);
    js_register_class(ctx->rt, JS_CLASS_ITERATOR_WRAP, &wrap_class);
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_IteratorPrototype] = proto;
    if (js_define_prop_entries(ctx, proto, iterator_proto_props,
                               sizeof iterator_proto_props / sizeof iterator_proto_props[0]) < 0)
        return -1;
    /* Iterator (the constructor), with an accessor `constructor`. */
    JSValue ctor = js_new_constructor(ctx, iterator_ctor, "Iterator", 0, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    JSRoot rc;
    js_root_push(ctx, &rc, ctor);
    int ret = -1;
    if (js_define_prop_entries(ctx, rc.v, iterator_ctor_props,
                               sizeof iterator_ctor_props / sizeof iterator_ctor_props[0]) < 0)
        goto done;
    JSRoot rg, rs;
    js_root_push(ctx, &rg, JS_UNDEFINED);
    js_root_push(ctx, &rs, JS_UNDEFINED);
    rg.v = js_new_cfunction_data(ctx, iterator_get_ctor, 0, 0, rc.v);
    if (js_is_exception(rg.v) || js_set_function_name(ctx, rg.v, JS_ATOM_constructor, JS_ATOM_get_) < 0)
        goto done;
    rs.v = js_new_cfunction_data(ctx, iterator_weird_setter, 1, 1, JS_UNDEFINED);
    if (js_is_exception(rs.v) || js_set_function_name(ctx, rs.v, JS_ATOM_constructor, JS_ATOM_set_) < 0)
        goto done;
    if (js_define_property_getset(ctx, ctx->intrinsics[JS_INTRINSIC_IteratorPrototype], JS_ATOM_constructor,
                                  rg.v, rs.v, JS_PROP_CONFIGURABLE) < 0)
        goto done;
    /* %IteratorHelperPrototype% and %WrapForValidIteratorPrototype% */
    rg.v = js_new_object_proto(ctx, ctx->intrinsics[JS_INTRINSIC_IteratorPrototype]);
    if (js_is_exception(rg.v))
        goto done;
    ctx->class_proto[JS_CLASS_ITERATOR_HELPER] = rg.v;
    if (js_define_prop_entries(ctx, rg.v, helper_proto_props,
                               sizeof helper_proto_props / sizeof helper_proto_props[0]) < 0)
        goto done;
    rs.v = js_new_object_proto(ctx, ctx->intrinsics[JS_INTRINSIC_IteratorPrototype]);
    if (js_is_exception(rs.v))
        goto done;
    ctx->class_proto[JS_CLASS_ITERATOR_WRAP] = rs.v;
    if (js_define_prop_entries(ctx, rs.v, wrap_proto_props, 2) < 0)
        goto done;
    ret = 0;
done:
    js_root_pop(ctx, &rc);
    return ret;
}
