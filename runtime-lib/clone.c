/* clone.c: HTML's structured clone to a byte buffer
 * (StructuredSerializeWithTransfer) and back into a value of the same or
 * another runtime (StructuredDeserializeWithTransfer): the workers'
 * messages, and the structuredClone global (host.clone, at the end). The walk, the
 * byte format, identity (cycles, shared references) and the bounds checks
 * are here; reading and making the internal slots the public API has no
 * accessor for (Map entries, a Date's time, a RegExp's source, a view's
 * buffer) goes through a few captured built-in methods (runtime-lib/js/clone_helper.js).
 *
 * Format: one tag byte per value, then its payload; numbers
 * little-endian; every object gets the next id in the order it is first
 * met, and a later meeting writes TAG_REF and the id. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rt_int.h"
#include "web_int.h"

/* Nesting deeper than this throws a RangeError instead of running the
 * native stack out (both walks recurse once per level). */
#define CLONE_MAX_DEPTH 2000

enum {
    TAG_UNDEFINED = 1, TAG_NULL, TAG_TRUE, TAG_FALSE, TAG_INT32, TAG_DOUBLE, TAG_STRING, TAG_BIGINT,
    TAG_REF,        /* u32 id of an object already met */
    TAG_OBJECT,     /* u32 count, then count (string key, value) pairs */
    TAG_ARRAY,      /* u32 length, u32 count, pairs */
    TAG_MAP,        /* u32 count, then key, value ... */
    TAG_SET,        /* u32 count, values */
    TAG_DATE,       /* double */
    TAG_REGEXP,     /* string source, string flags */
    TAG_WRAPPER,    /* a primitive value */
    TAG_BUFFER,     /* u8 resizable, u64 max, u64 length, bytes */
    TAG_SHARED,     /* u32 index into the message's shared blocks */
    TAG_VIEW,       /* u8 kind, u64 offset, u64 length or ~0 (tracking), then the buffer value */
    TAG_ERROR,      /* u8 kind, u8 has-message, [string], u8 has-stack, [string], u8 has-cause, [value] */
};

/* The view classes, their order being the TAG_VIEW kind byte. */
static const char *const view_classes[] = {
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
    "DataView",
};
#define VIEW_KINDS ((int)(sizeof view_classes / sizeof view_classes[0]))
static const char *const error_names[] = {
    "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError",
};
#define ERROR_KINDS ((int)(sizeof error_names / sizeof error_names[0]))

/* The built-in methods both walks use, captured when a context first
 * clones (so later changes to the prototypes do not change cloning). */

/* ---- the helper object ---- */

static QJSValue clone_helper(QJSContext *ctx)
{
    QJSValue h = js_rt_slot_get(ctx, RT_SLOT_CLONE);
    if (!qjs_is_undefined(h))
        return h;
    h = JS_RT_LIBRARY_JS(ctx, clone_helper);
    if (qjs_is_exception(h))
        return h;
    if (js_rt_slot_set(ctx, RT_SLOT_CLONE, h) < 0)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    return h;
}

/* helper.name(args...): its result or an exception. */
static QJSValue helper_call(QJSContext *ctx, const char *name, int argc, QJSValue *argv)
{
    QJSValue h = clone_helper(ctx);
    if (qjs_is_exception(h))
        return h;
    QJSValue fn = qjs_get_prop_str(ctx, h, name);
    if (qjs_is_exception(fn))
        return fn;
    return qjs_call(ctx, fn, h, argc, argv);
}

/* ---- serializing ---- */

typedef struct Writer {
    QJSContext *ctx;
    uint8_t *buf;
    size_t len, cap;
    QJSRef *memory;         /* array of the objects met, index = id: keeps them alive */
    uint64_t *keys;         /* open-addressing table: object word -> id + 1 (non-moving heap) */
    uint32_t *ids;
    size_t table_cap;
    uint32_t count;
    QJSValue transfer;      /* array of ArrayBuffers to detach, or undefined */
    QJSRef *transfer_ref;
    QJSSharedBlock **blocks;
    int nblocks, cap_blocks;
    int depth;
    bool oom;
} Writer;

static void put(Writer *w, const void *p, size_t n)
{
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        while (cap < w->len + n)
            cap *= 2;
        uint8_t *nb = realloc(w->buf, cap);
        if (!nb) {
            w->oom = true;
            return;
        }
        w->buf = nb;
        w->cap = cap;
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void put_u8(Writer *w, uint8_t v) { put(w, &v, 1); }

static void put_u32(Writer *w, uint32_t v)
{
    uint8_t b[4] = { v, v >> 8, v >> 16, v >> 24 };
    put(w, b, 4);
}

static void put_u64(Writer *w, uint64_t v)
{
    put_u32(w, (uint32_t)v);
    put_u32(w, (uint32_t)(v >> 32));
}

static void put_double(Writer *w, double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    put_u64(w, u);
}

static QJSValue oom(QJSContext *ctx)
{
    return qjs_throw_error(ctx, "InternalError", "out of memory");
}

/* Writes string v (UTF-8). 0, or -1 with an exception. */
static int put_string(Writer *w, QJSValue v)
{
    size_t n;
    char *s = qjs_to_cstring(w->ctx, v, &n);
    if (!s)
        return -1;
    put_u32(w, (uint32_t)n);
    put(w, s, n);
    qjs_free_cstring(s);
    return 0;
}

/* The id of object v if already met, else -1. */
static int64_t memory_find(Writer *w, QJSValue v)
{
    if (!w->table_cap)
        return -1;
    size_t mask = w->table_cap - 1, i = (size_t)((v >> 3) * 0x9E3779B97F4A7C15ull) & mask;
    while (w->keys[i]) {
        if (w->keys[i] == v)
            return w->ids[i];
        i = (i + 1) & mask;
    }
    return -1;
}

/* Gives v the next id. 0, or -1 with an exception. May collect. */
static int memory_add(Writer *w, QJSValue v)
{
    if ((w->count + 1) * 2 > w->table_cap) {
        size_t cap = w->table_cap ? w->table_cap * 2 : 64;
        uint64_t *keys = calloc(cap, sizeof *keys);
        uint32_t *ids = malloc(cap * sizeof *ids);
        if (!keys || !ids) {
            free(keys);
            free(ids);
            oom(w->ctx);
            return -1;
        }
        for (size_t j = 0; j < w->table_cap; j++) {
            if (!w->keys[j])
                continue;
            size_t i = (size_t)((w->keys[j] >> 3) * 0x9E3779B97F4A7C15ull) & (cap - 1);
            while (keys[i])
                i = (i + 1) & (cap - 1);
            keys[i] = w->keys[j];
            ids[i] = w->ids[j];
        }
        free(w->keys);
        free(w->ids);
        w->keys = keys;
        w->ids = ids;
        w->table_cap = cap;
    }
    if (qjs_set_index(w->ctx, qjs_ref_get(w->memory), w->count, v) < 0)
        return -1;
    size_t mask = w->table_cap - 1, i = (size_t)((v >> 3) * 0x9E3779B97F4A7C15ull) & mask;
    while (w->keys[i])
        i = (i + 1) & mask;
    w->keys[i] = v;
    w->ids[i] = w->count++;
    return 0;
}

static int write_value(Writer *w, QJSValue v);

static int throw_data_clone(Writer *w, QJSValue v, const char *cls)
{
    QJSContext *ctx = w->ctx;
    QJSValue args[2] = { v, qjs_undefined() };
    if (cls) {
        /* v (a getter's result, maybe) is kept alive across the allocation */
        QJSRef *vr = qjs_ref_new(ctx, v);
        if (!vr) {
            oom(ctx);
            return -1;
        }
        args[1] = qjs_new_string(ctx, cls, strlen(cls));
        args[0] = qjs_ref_get(vr);
        qjs_ref_free(vr);
        if (qjs_is_exception(args[1]))
            return -1;
    }
    QJSValue d = helper_call(ctx, "describe", 2, args);
    if (qjs_is_exception(d))
        return -1;
    size_t n;
    char *s = qjs_to_cstring(ctx, d, &n);
    if (!s)
        return -1;
    char *msg = malloc(n + 32);
    if (!msg) {
        qjs_free_cstring(s);
        oom(ctx);
        return -1;
    }
    snprintf(msg, n + 32, "%s could not be cloned.", s);
    qjs_free_cstring(s);
    QJSValue m = qjs_new_string(ctx, msg, strlen(msg));
    free(msg);
    if (qjs_is_exception(m))
        return -1;
    QJSValue e = helper_call(ctx, "cloneError", 1, &m);
    if (!qjs_is_exception(e))
        qjs_throw(ctx, e);
    return -1;
}

/* Writes the own enumerable string-keyed properties of v as (key, value)
 * pairs after their count, reading each with [[Get]] (which may run
 * getters). 0 or -1. */
static int write_props(Writer *w, QJSValue v)
{
    QJSContext *ctx = w->ctx;
    QJSValue keys = qjs_get_own_prop_keys(ctx, v, QJS_KEYS_STRINGS | QJS_KEYS_ENUMERABLE_ONLY);
    if (qjs_is_exception(keys))
        return -1;
    QJSRef *kr = qjs_ref_new(ctx, keys);
    if (!kr) {
        oom(ctx);
        return -1;
    }
    int st = -1;
    QJSValue lenv = qjs_get_prop_str(ctx, keys, "length");
    if (qjs_is_exception(lenv))
        goto done;
    uint32_t n = (uint32_t)qjs_get_number(lenv);
    put_u32(w, n);
    for (uint32_t i = 0; i < n; i++) {
        QJSValue k = qjs_get_index(ctx, qjs_ref_get(kr), i);
        if (qjs_is_exception(k) || put_string(w, k) < 0)
            goto done;
        k = qjs_get_index(ctx, qjs_ref_get(kr), i);
        if (qjs_is_exception(k))
            goto done;
        /* keys listed but deleted by a getter meanwhile read as undefined, as [[Get]] gives */
        QJSValue pv = qjs_get_prop(ctx, v, k);
        if (qjs_is_exception(pv) || write_value(w, pv) < 0)
            goto done;
    }
    st = 0;
done:
    qjs_ref_free(kr);
    return st;
}

/* Writes the elements of array a (from the helper) after their count. */
static int write_list(Writer *w, QJSValue a)
{
    QJSContext *ctx = w->ctx;
    QJSRef *ar = qjs_ref_new(ctx, a);
    if (!ar) {
        oom(ctx);
        return -1;
    }
    int st = -1;
    QJSValue lenv = qjs_get_prop_str(ctx, a, "length");
    if (qjs_is_exception(lenv))
        goto done;
    uint32_t n = (uint32_t)qjs_get_number(lenv);
    put_u32(w, n);
    for (uint32_t i = 0; i < n; i++) {
        QJSValue e = qjs_get_index(ctx, qjs_ref_get(ar), i);
        if (qjs_is_exception(e) || write_value(w, e) < 0)
            goto done;
    }
    st = 0;
done:
    qjs_ref_free(ar);
    return st;
}

static int index_of(const char *const *names, int n, const char *cls)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], cls))
            return i;
    return -1;
}

static int write_buffer(Writer *w, QJSValue v)
{
    QJSContext *ctx = w->ctx;
    QJSValue info = helper_call(ctx, "bufInfo", 1, &v);
    if (qjs_is_exception(info))
        return -1;
    QJSValue res = qjs_get_index(ctx, info, 0), max = qjs_get_index(ctx, info, 1);
    if (qjs_is_exception(res) || qjs_is_exception(max))
        return -1;
    bool resizable = qjs_get_bool(res);
    double maxlen = qjs_get_number(max);
    QJSValue dv = helper_call(ctx, "detached", 1, &v);
    if (qjs_is_exception(dv))
        return -1;
    if (qjs_get_bool(dv)) {
        qjs_throw_error(ctx, "TypeError", "An ArrayBuffer is detached and could not be cloned.");
        return -1;
    }
    /* the bytes last: the pointer is good only until JS runs again */
    size_t n;
    uint8_t *p = qjs_get_bytes(ctx, v, &n);
    if (!p && qjs_has_exception(ctx))
        return -1;
    put_u8(w, TAG_BUFFER);
    put_u8(w, resizable);
    put_u64(w, (uint64_t)maxlen);
    put_u64(w, n);
    put(w, p, n);
    return 0;
}

static int write_view(Writer *w, QJSValue v, int kind)
{
    QJSContext *ctx = w->ctx;
    bool is_dv = kind == VIEW_KINDS - 1;
    QJSValue args[2] = { v, qjs_bool(is_dv) };
    QJSValue info = helper_call(ctx, "view", 2, args);
    if (qjs_is_exception(info))
        return -1;
    QJSRef *ir = qjs_ref_new(ctx, info);
    if (!ir) {
        oom(ctx);
        return -1;
    }
    int st = -1;
    QJSValue off = qjs_get_index(ctx, info, 1), len = qjs_get_index(ctx, info, 2);
    if (qjs_is_exception(off) || qjs_is_exception(len))
        goto done;
    put_u8(w, TAG_VIEW);
    put_u8(w, (uint8_t)kind);
    put_u64(w, (uint64_t)qjs_get_number(off));
    put_u64(w, (uint64_t)qjs_get_number(len));
    QJSValue b = qjs_get_index(ctx, qjs_ref_get(ir), 0);
    if (qjs_is_exception(b))
        goto done;
    st = write_value(w, b);
done:
    qjs_ref_free(ir);
    return st;
}

static int write_error(Writer *w, QJSValue v)
{
    QJSContext *ctx = w->ctx;
    QJSValue name = qjs_get_prop_str(ctx, v, "name");
    if (qjs_is_exception(name))
        return -1;
    int kind = 0;
    if (qjs_is_string(name)) {
        char *s = qjs_to_cstring(ctx, name, NULL);
        if (!s)
            return -1;
        int k = index_of(error_names, ERROR_KINDS, s);
        kind = k < 0 ? 0 : k;
        qjs_free_cstring(s);
    }
    put_u8(w, TAG_ERROR);
    put_u8(w, (uint8_t)kind);
    static const char *const own[] = { "message", "stack", "cause" };
    for (int i = 0; i < 3; i++) {
        /* message and cause only when own (HTML); stack, an accessor of
         * Error.prototype here, as [[Get]] reads it */
        int has = 1;
        if (i != 1) {
            QJSValue key = qjs_new_string(ctx, own[i], strlen(own[i]));
            if (qjs_is_exception(key))
                return -1;
            QJSPropertyDescriptor d;
            has = qjs_get_own_prop(ctx, v, key, &d);
            if (has < 0)
                return -1;
        }
        QJSValue pv = qjs_undefined();
        if (has) {
            pv = qjs_get_prop_str(ctx, v, own[i]);
            if (qjs_is_exception(pv))
                return -1;
        }
        if (i < 2) {
            /* message and stack are kept as strings (HTML: ToString of an own message) */
            has = has && (i == 0 ? !qjs_is_undefined(pv) : qjs_is_string(pv));
            put_u8(w, (uint8_t)has);
            if (has && put_string(w, pv) < 0)
                return -1;
        } else {
            put_u8(w, (uint8_t)has);
            if (has && write_value(w, pv) < 0)
                return -1;
        }
    }
    return 0;
}

static int write_object(Writer *w, QJSValue v)
{
    QJSContext *ctx = w->ctx;
    const char *cls = qjs_get_class_name(v);
    if (!cls)
        cls = "Object";
    int64_t id = memory_find(w, v);
    if (id >= 0) {
        put_u8(w, TAG_REF);
        put_u32(w, (uint32_t)id);
        return 0;
    }
    if (qjs_is_function(v))
        return throw_data_clone(w, v, NULL);
    if (!strcmp(cls, "SharedArrayBuffer")) {
        if (memory_add(w, v) < 0)
            return -1;
        if (w->nblocks == w->cap_blocks) {
            int cap = w->cap_blocks ? w->cap_blocks * 2 : 4;
            QJSSharedBlock **nb = realloc(w->blocks, (size_t)cap * sizeof *nb);
            if (!nb) {
                oom(ctx);
                return -1;
            }
            w->blocks = nb;
            w->cap_blocks = cap;
        }
        QJSSharedBlock *b = qjs_sab_block_ref(ctx, v);
        if (!b)
            return -1;
        w->blocks[w->nblocks] = b;
        put_u8(w, TAG_SHARED);
        put_u32(w, (uint32_t)w->nblocks++);
        return 0;
    }
    if (!strcmp(cls, "ArrayBuffer")) {
        /* a transferred buffer is moved as its bytes too; its source is detached at the end */
        if (memory_add(w, v) < 0)
            return -1;
        return write_buffer(w, v);
    }
    int vk = index_of(view_classes, VIEW_KINDS, cls);
    static const char *const plain[] = {
        "Object", "Array", "Map", "Set", "Date", "RegExp", "Error", "Boolean", "Number", "String", "BigInt",
    };
    if (vk < 0 && index_of(plain, 11, cls) < 0)
        return throw_data_clone(w, v, cls);
    if (memory_add(w, v) < 0)
        return -1;
    if (vk >= 0)
        return write_view(w, v, vk);
    if (++w->depth > CLONE_MAX_DEPTH) {
        qjs_throw_error(ctx, "RangeError", "Maximum call stack size exceeded");
        return -1;
    }
    int st = 0;
    if (!strcmp(cls, "Object")) {
        put_u8(w, TAG_OBJECT);
        st = write_props(w, v);
    } else if (!strcmp(cls, "Array")) {
        QJSValue lenv = qjs_get_prop_str(ctx, v, "length");
        if (qjs_is_exception(lenv))
            return -1;
        put_u8(w, TAG_ARRAY);
        put_u32(w, (uint32_t)qjs_get_number(lenv));
        st = write_props(w, v);
    } else if (!strcmp(cls, "Map") || !strcmp(cls, "Set")) {
        bool map = cls[0] == 'M';
        QJSValue a = helper_call(ctx, map ? "mapFlat" : "setFlat", 1, &v);
        if (qjs_is_exception(a))
            return -1;
        put_u8(w, map ? TAG_MAP : TAG_SET);
        st = write_list(w, a);
    } else if (!strcmp(cls, "Date")) {
        QJSValue t = helper_call(ctx, "time", 1, &v);
        if (qjs_is_exception(t))
            return -1;
        put_u8(w, TAG_DATE);
        put_double(w, qjs_get_number(t));
    } else if (!strcmp(cls, "RegExp")) {
        QJSValue parts = helper_call(ctx, "reParts", 1, &v);
        if (qjs_is_exception(parts))
            return -1;
        QJSRef *pr = qjs_ref_new(ctx, parts);
        if (!pr) {
            oom(ctx);
            return -1;
        }
        put_u8(w, TAG_REGEXP);
        QJSValue s = qjs_get_index(ctx, parts, 0);
        st = qjs_is_exception(s) || put_string(w, s) < 0 ? -1 : 0;
        if (!st) {
            s = qjs_get_index(ctx, qjs_ref_get(pr), 1);
            st = qjs_is_exception(s) || put_string(w, s) < 0 ? -1 : 0;
        }
        qjs_ref_free(pr);
    } else if (!strcmp(cls, "Error")) {
        st = write_error(w, v);
    } else {
        put_u8(w, TAG_WRAPPER);
        st = write_value(w, qjs_get_primitive_value(v));
    }
    w->depth--;
    return st;
}

static int write_value(Writer *w, QJSValue v)
{
    if (w->oom) {
        oom(w->ctx);
        return -1;
    }
    if (qjs_is_undefined(v)) {
        put_u8(w, TAG_UNDEFINED);
    } else if (qjs_is_null(v)) {
        put_u8(w, TAG_NULL);
    } else if (qjs_is_bool(v)) {
        put_u8(w, qjs_get_bool(v) ? TAG_TRUE : TAG_FALSE);
    } else if (qjs_is_number(v)) {
        double d = qjs_get_number(v);
        if (d >= INT32_MIN && d <= INT32_MAX && d == (int32_t)d && !(d == 0 && signbit(d))) {
            put_u8(w, TAG_INT32);
            put_u32(w, (uint32_t)(int32_t)d);
        } else {
            put_u8(w, TAG_DOUBLE);
            put_double(w, d);
        }
    } else if (qjs_is_string(v)) {
        put_u8(w, TAG_STRING);
        return put_string(w, v);
    } else if (qjs_is_bigint(v)) {
        QJSValue s = helper_call(w->ctx, "bigStr", 1, &v);
        if (qjs_is_exception(s))
            return -1;
        put_u8(w, TAG_BIGINT);
        return put_string(w, s);
    } else if (qjs_is_symbol(v)) {
        return throw_data_clone(w, v, NULL);
    } else {
        return write_object(w, v);
    }
    return 0;
}

void js_rt_clone_free(JSCloneMessage *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->nblocks; i++)
        qjs_sab_block_unref(m->blocks[i]);
    free(m->blocks);
    free(m->data);
    free(m);
}

/* Checks the transfer list (an iterable is not accepted: an array or
 * undefined) and returns it as an array, or undefined. */
static int check_transfer(QJSContext *ctx, QJSValue transfer, uint32_t *n)
{
    *n = 0;
    if (qjs_is_undefined(transfer) || qjs_is_null(transfer))
        return 0;
    if (!qjs_is_array(ctx, transfer)) {
        qjs_throw_error(ctx, "TypeError", "The transfer list must be an array");
        return -1;
    }
    QJSValue lenv = qjs_get_prop_str(ctx, transfer, "length");
    if (qjs_is_exception(lenv))
        return -1;
    *n = (uint32_t)qjs_get_number(lenv);
    for (uint32_t i = 0; i < *n; i++) {
        QJSValue e = qjs_get_index(ctx, transfer, i);
        if (qjs_is_exception(e))
            return -1;
        const char *cls = qjs_get_class_name(e);
        if (!cls || strcmp(cls, "ArrayBuffer")) {
            qjs_throw_error(ctx, "TypeError", "Only ArrayBuffers can be transferred");
            return -1;
        }
        for (uint32_t j = 0; j < i; j++)
            if (qjs_get_index(ctx, transfer, j) == e) {
                qjs_throw_error(ctx, "DataCloneError", "An ArrayBuffer is duplicated in the transfer list");
                return -1;
            }
        size_t len;
        if (!qjs_get_bytes(ctx, e, &len) && qjs_has_exception(ctx))
            return -1;
        QJSValue dv = helper_call(ctx, "detached", 1, &e);
        if (qjs_is_exception(dv))
            return -1;
        if (qjs_get_bool(dv)) {
            qjs_throw_error(ctx, "TypeError", "An ArrayBuffer is detached and could not be transferred.");
            return -1;
        }
    }
    return 0;
}

JSCloneMessage *js_rt_clone_serialize(QJSContext *ctx, QJSValue v, QJSValue transfer)
{
    Writer w = { .ctx = ctx };
    JSCloneMessage *m = NULL;
    uint32_t ntransfer;
    QJSRef *vr = qjs_ref_new(ctx, v);
    w.transfer_ref = qjs_is_undefined(transfer) || qjs_is_null(transfer) ? NULL : qjs_ref_new(ctx, transfer);
    if (!vr || (!w.transfer_ref && !qjs_is_undefined(transfer) && !qjs_is_null(transfer))) {
        oom(ctx);
        goto fail;
    }
    if (check_transfer(ctx, transfer, &ntransfer) < 0)
        goto fail;
    QJSValue mem = qjs_new_array(ctx);
    if (qjs_is_exception(mem) || !(w.memory = qjs_ref_new(ctx, mem))) {
        if (!qjs_has_exception(ctx))
            oom(ctx);
        goto fail;
    }
    if (write_value(&w, qjs_ref_get(vr)) < 0)
        goto fail;
    if (w.oom) {
        oom(ctx);
        goto fail;
    }
    /* the transfer: a buffer's bytes went into the message, its source is detached */
    for (uint32_t i = 0; i < ntransfer; i++) {
        QJSValue e = qjs_get_index(ctx, qjs_ref_get(w.transfer_ref), i);
        if (qjs_is_exception(e) || qjs_detach_array_buffer(ctx, e) < 0)
            goto fail;
    }
    m = calloc(1, sizeof *m);
    if (!m) {
        oom(ctx);
        goto fail;
    }
    m->data = w.buf;
    m->len = w.len;
    m->blocks = w.blocks;
    m->nblocks = w.nblocks;
    w.buf = NULL;
    w.blocks = NULL;
    w.nblocks = 0;
fail:
    for (int i = 0; i < w.nblocks; i++)
        qjs_sab_block_unref(w.blocks[i]);
    free(w.blocks);
    free(w.buf);
    free(w.keys);
    free(w.ids);
    if (w.memory)
        qjs_ref_free(w.memory);
    if (w.transfer_ref)
        qjs_ref_free(w.transfer_ref);
    if (vr)
        qjs_ref_free(vr);
    return m;
}

/* ---- deserializing ---- */

typedef struct Reader {
    QJSContext *ctx;
    const JSCloneMessage *m;
    size_t pos;
    QJSRef *memory;     /* array: id -> object */
    uint32_t count;
    QJSRef *stack;      /* array used as a stack of values to keep alive */
    uint32_t sp;
    int depth;
} Reader;

static int bad(Reader *r)
{
    qjs_throw_error(r->ctx, "TypeError", "invalid structured clone data");
    return -1;
}

static int get(Reader *r, void *p, size_t n)
{
    if (n > r->m->len - r->pos)
        return bad(r);
    memcpy(p, r->m->data + r->pos, n);
    r->pos += n;
    return 0;
}

static int get_u8(Reader *r, uint8_t *v) { return get(r, v, 1); }

static int get_u32(Reader *r, uint32_t *v)
{
    uint8_t b[4];
    if (get(r, b, 4) < 0)
        return -1;
    *v = b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

static int get_u64(Reader *r, uint64_t *v)
{
    uint32_t lo, hi;
    if (get_u32(r, &lo) < 0 || get_u32(r, &hi) < 0)
        return -1;
    *v = lo | (uint64_t)hi << 32;
    return 0;
}

static QJSValue read_string(Reader *r)
{
    uint32_t n;
    if (get_u32(r, &n) < 0)
        return qjs_throw(r->ctx, qjs_take_exception(r->ctx));
    if (n > r->m->len - r->pos)
        return bad(r), qjs_throw(r->ctx, qjs_take_exception(r->ctx));
    QJSValue s = qjs_new_string(r->ctx, (const char *)r->m->data + r->pos, n);
    r->pos += n;
    return s;
}

/* Keeps v alive until the matching pop. 0 or -1. */
static int push(Reader *r, QJSValue v)
{
    return qjs_set_index(r->ctx, qjs_ref_get(r->stack), r->sp++, v);
}

static QJSValue pop(Reader *r)
{
    QJSValue v = qjs_get_index(r->ctx, qjs_ref_get(r->stack), --r->sp);
    /* storing undefined into an existing element does not allocate */
    if (qjs_set_index(r->ctx, qjs_ref_get(r->stack), r->sp, qjs_undefined()) < 0)
        (void)qjs_take_exception(r->ctx);
    return v;
}

static int remember(Reader *r, QJSValue v)
{
    return qjs_set_index(r->ctx, qjs_ref_get(r->memory), r->count++, v);
}

static QJSValue read_value(Reader *r);

static QJSValue helper2(Reader *r, const char *name, int argc, QJSValue *argv)
{
    return helper_call(r->ctx, name, argc, argv);
}

/* Reads count (key, value) pairs into the object with id `id`. */
static int read_props(Reader *r, uint32_t id)
{
    QJSContext *ctx = r->ctx;
    uint32_t n;
    if (get_u32(r, &n) < 0)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        QJSValue k = read_string(r);
        if (qjs_is_exception(k) || push(r, k) < 0)
            return -1;
        QJSValue v = read_value(r);
        if (qjs_is_exception(v))
            return -1;
        k = pop(r);
        QJSValue o = qjs_get_index(ctx, qjs_ref_get(r->memory), id);
        if (qjs_is_exception(o) || qjs_set_prop(ctx, o, k, v) < 0)
            return -1;
    }
    return 0;
}

static QJSValue read_object(Reader *r, uint8_t tag)
{
    QJSContext *ctx = r->ctx;
    uint32_t id = r->count;
    QJSValue o;
    if (tag == TAG_OBJECT || tag == TAG_ARRAY) {
        uint32_t len = 0;
        if (tag == TAG_ARRAY && get_u32(r, &len) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        o = tag == TAG_OBJECT ? qjs_new_object(ctx) : qjs_new_array(ctx);
        if (qjs_is_exception(o) || remember(r, o) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        if (tag == TAG_ARRAY && qjs_set_prop_str(ctx, o, "length", qjs_number(len)) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        if (read_props(r, id) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
    } else {
        bool map = tag == TAG_MAP;
        o = helper2(r, map ? "newMap" : "newSet", 0, NULL);
        if (qjs_is_exception(o) || remember(r, o) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        uint32_t n;
        if (get_u32(r, &n) < 0 || (map && n % 2))
            return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
        for (uint32_t i = 0; i < n; i += map ? 2 : 1) {
            QJSValue a[3];
            QJSValue k = read_value(r);
            if (qjs_is_exception(k))
                return k;
            if (map) {
                if (push(r, k) < 0)
                    return qjs_throw(ctx, qjs_take_exception(ctx));
                QJSValue v = read_value(r);
                if (qjs_is_exception(v))
                    return v;
                k = pop(r);
                a[1] = k;
                a[2] = v;
            } else {
                a[1] = k;
            }
            a[0] = qjs_get_index(ctx, qjs_ref_get(r->memory), id);
            QJSValue res = helper2(r, map ? "mapSet" : "setAdd", map ? 3 : 2, a);
            if (qjs_is_exception(res))
                return res;
        }
    }
    return qjs_get_index(ctx, qjs_ref_get(r->memory), id);
}

static QJSValue read_error(Reader *r)
{
    QJSContext *ctx = r->ctx;
    uint8_t kind, has;
    if (get_u8(r, &kind) < 0 || kind >= ERROR_KINDS)
        return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue name = qjs_new_string(ctx, error_names[kind], strlen(error_names[kind]));
    if (qjs_is_exception(name))
        return name;
    QJSValue e = helper2(r, "newError", 1, &name);
    uint32_t id = r->count;
    if (qjs_is_exception(e) || remember(r, e) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    static const char *const own[] = { "message", "stack", "cause" };
    for (int i = 0; i < 3; i++) {
        if (get_u8(r, &has) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        if (!has)
            continue;
        QJSValue v = i < 2 ? read_string(r) : read_value(r);
        if (qjs_is_exception(v))
            return v;
        QJSValue a[3] = { qjs_get_index(ctx, qjs_ref_get(r->memory), id), qjs_undefined(), v };
        if (push(r, v) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        a[1] = qjs_new_string(ctx, own[i], strlen(own[i]));
        a[2] = pop(r);
        if (qjs_is_exception(a[1]))
            return a[1];
        QJSValue res = helper2(r, "setOwn", 3, a);
        if (qjs_is_exception(res))
            return res;
    }
    return qjs_get_index(ctx, qjs_ref_get(r->memory), id);
}

static QJSValue read_buffer(Reader *r)
{
    QJSContext *ctx = r->ctx;
    uint8_t res;
    uint64_t max, n;
    if (get_u8(r, &res) < 0 || get_u64(r, &max) < 0 || get_u64(r, &n) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    if (n > r->m->len - r->pos || (res && max < n))
        return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue b;
    if (!res) {
        b = qjs_new_array_buffer_copy(ctx, r->m->data + r->pos, n);
    } else {
        QJSValue a[2] = { qjs_number((double)n), qjs_number((double)max) };
        b = helper2(r, "newBuffer", 2, a);
        size_t blen;
        uint8_t *p = qjs_is_exception(b) ? NULL : qjs_get_bytes(ctx, b, &blen);
        if (p && blen == n)
            memcpy(p, r->m->data + r->pos, n);
    }
    r->pos += n;
    if (qjs_is_exception(b) || remember(r, b) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    return b;
}

static QJSValue read_view(Reader *r)
{
    QJSContext *ctx = r->ctx;
    uint8_t kind;
    uint64_t off, len;
    if (get_u8(r, &kind) < 0 || kind >= VIEW_KINDS || get_u64(r, &off) < 0 || get_u64(r, &len) < 0)
        return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
    /* the view's id comes before its buffer's, as the writer numbered them */
    uint32_t id = r->count;
    if (remember(r, qjs_undefined()) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue b = read_value(r);
    if (qjs_is_exception(b))
        return b;
    const char *bc = qjs_get_class_name(b);
    if (!bc || (strcmp(bc, "ArrayBuffer") && strcmp(bc, "SharedArrayBuffer")))
        return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue a[4] = { qjs_undefined(), b, qjs_number((double)off), qjs_number((double)len) };
    if (push(r, b) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    a[0] = qjs_new_string(ctx, view_classes[kind], strlen(view_classes[kind]));
    a[1] = pop(r);
    if (qjs_is_exception(a[0]))
        return a[0];
    QJSValue v = helper2(r, "newView", 4, a);
    if (qjs_is_exception(v) || qjs_set_index(ctx, qjs_ref_get(r->memory), id, v) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    return v;
}

static QJSValue read_value(Reader *r)
{
    QJSContext *ctx = r->ctx;
    uint8_t tag;
    if (get_u8(r, &tag) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    switch (tag) {
    case TAG_UNDEFINED: return qjs_undefined();
    case TAG_NULL: return qjs_null();
    case TAG_TRUE: return qjs_bool(true);
    case TAG_FALSE: return qjs_bool(false);
    case TAG_INT32: {
        uint32_t u;
        if (get_u32(r, &u) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        return qjs_number((int32_t)u);
    }
    case TAG_DOUBLE:
    case TAG_DATE: {
        uint64_t u;
        double d;
        if (get_u64(r, &u) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        memcpy(&d, &u, 8);
        if (tag == TAG_DOUBLE)
            return qjs_number(d);
        QJSValue a = qjs_number(d);
        QJSValue o = helper2(r, "newDate", 1, &a);
        if (qjs_is_exception(o) || remember(r, o) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        return o;
    }
    case TAG_STRING: return read_string(r);
    case TAG_BIGINT: {
        QJSValue s = read_string(r);
        if (qjs_is_exception(s))
            return s;
        return helper2(r, "newBigInt", 1, &s);
    }
    case TAG_REF: {
        uint32_t id;
        if (get_u32(r, &id) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        if (id >= r->count)
            return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
        return qjs_get_index(ctx, qjs_ref_get(r->memory), id);
    }
    case TAG_SHARED: {
        uint32_t i;
        if (get_u32(r, &i) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        if (i >= (uint32_t)r->m->nblocks)
            return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
        QJSValue b = qjs_new_shared_array_buffer(ctx, r->m->blocks[i]);
        if (qjs_is_exception(b) || remember(r, b) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        return b;
    }
    case TAG_BUFFER: return read_buffer(r);
    case TAG_VIEW: return read_view(r);
    default: break;
    }
    if (tag < TAG_OBJECT || tag > TAG_ERROR)
        return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
    if (++r->depth > CLONE_MAX_DEPTH)
        return qjs_throw_error(ctx, "RangeError", "Maximum call stack size exceeded");
    QJSValue v;
    if (tag == TAG_REGEXP) {
        QJSValue s = read_string(r);
        if (qjs_is_exception(s) || push(r, s) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        QJSValue f = read_string(r);
        if (qjs_is_exception(f))
            return f;
        QJSValue a[2] = { pop(r), f };
        v = helper2(r, "newRegExp", 2, a);
        if (!qjs_is_exception(v) && remember(r, v) < 0)
            v = qjs_throw(ctx, qjs_take_exception(ctx));
    } else if (tag == TAG_WRAPPER) {
        uint32_t id = r->count;
        if (remember(r, qjs_undefined()) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        QJSValue p = read_value(r);
        if (qjs_is_exception(p))
            return p;
        if (qjs_is_object(p))
            return bad(r), qjs_throw(ctx, qjs_take_exception(ctx));
        v = helper2(r, "wrap", 1, &p);
        if (!qjs_is_exception(v) && qjs_set_index(ctx, qjs_ref_get(r->memory), id, v) < 0)
            v = qjs_throw(ctx, qjs_take_exception(ctx));
    } else if (tag == TAG_ERROR) {
        v = read_error(r);
    } else {
        v = read_object(r, tag);
    }
    r->depth--;
    return v;
}

QJSValue js_rt_clone_deserialize(QJSContext *ctx, const JSCloneMessage *m)
{
    Reader r = { .ctx = ctx, .m = m };
    QJSValue v = qjs_new_array(ctx);
    if (qjs_is_exception(v) || !(r.memory = qjs_ref_new(ctx, v)))
        return qjs_is_exception(v) ? v : oom(ctx);
    v = qjs_new_array(ctx);
    if (qjs_is_exception(v) || !(r.stack = qjs_ref_new(ctx, v))) {
        qjs_ref_free(r.memory);
        return qjs_is_exception(v) ? v : oom(ctx);
    }
    v = clone_helper(ctx);
    if (!qjs_is_exception(v))
        v = read_value(&r);
    if (!qjs_is_exception(v) && r.pos != m->len)
        v = (bad(&r), qjs_throw(ctx, qjs_take_exception(ctx)));
    qjs_ref_free(r.memory);
    qjs_ref_free(r.stack);
    return v;
}

/* ---- structuredClone ---- */

/* host.clone(value, transfer): the Web global structuredClone's copy, a
 * serialization and its deserialization in this runtime (the clone
 * bundle, runtime-lib/web/clone.js, checks the options first). */
static QJSValue host_clone(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    JSCloneMessage *m = js_rt_clone_serialize(ctx, argv[0], argv[1]);
    if (!m)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    QJSValue v = js_rt_clone_deserialize(ctx, m);
    js_rt_clone_free(m);
    return v;
}

int js_web_clone_add_host(QJSContext *ctx, QJSValue host)
{
    return qjs_define_prop_str(ctx, host, "clone", qjs_new_function(ctx, host_clone, "clone", 2));
}
