/* The Atomics namespace object (ECMA-262 25.4): sequentially consistent
 * read-modify-write operations on integer typed arrays (shared or not),
 * done with the gcc/clang __atomic builtins, and Atomics.wait /
 * Atomics.notify over a process-wide waiter list (one mutex, one condition
 * variable per waiter) so that waiters and notifiers may run in different
 * threads. Waiters are keyed by the address of the waited-on element. */
#include <math.h>
#include <pthread.h>
#include <time.h>
#include <errno.h>
#include "../fmath/fmath.h"
#include "typedarray.h"
#include "../conv.h"
#include "../str.h"
#include "../bigint.h"

enum {
    AT_ADD, AT_AND, AT_EXCHANGE, AT_OR, AT_SUB, AT_XOR,
    AT_LOAD, AT_STORE, AT_COMPARE_EXCHANGE,
};

/* ValidateIntegerTypedArray: TypeError unless v is an in-bounds integer
 * typed array (Int32Array or BigInt64Array only when waitable). */
static JSObject *atomics_validate(JSContext *ctx, JSValue v, bool waitable, bool write)
{
    if (!js_is_typed_array(v)) {
        js_throw_type_error(ctx, "Atomics: argument is not a typed array");
        return NULL;
    }
    JSObject *ta = JS_VALUE_GET_OBJ(v);
    if (js_typed_array_get_length(ta) < 0) {
        js_throw_type_error(ctx, "Atomics: typed array is detached or out of bounds");
        return NULL;
    }
    JSTypedArrayType t = js_ta_type(ta);
    bool ok = waitable ? (t == JS_TA_INT32 || t == JS_TA_BIGINT64)
                       : (t != JS_TA_UINT8C && t != JS_TA_FLOAT16 && t != JS_TA_FLOAT32 && t != JS_TA_FLOAT64);
    if (!ok) {
        js_throw_type_error(ctx, waitable ? "Atomics: typed array must be an Int32Array or BigInt64Array"
                                          : "Atomics: typed array must be an integer typed array");
        return NULL;
    }
    if (write && js_ta_buffer(ta)->immutable) {
        js_throw_type_error(ctx, "Atomics: the buffer is immutable");
        return NULL;
    }
    return ta;
}

/* ValidateAtomicAccess: the element index (ToIndex, RangeError when not
 * below the length read before the conversion). May run JS. */
static int atomics_index(JSContext *ctx, JSObject *ta, JSValue req, uint64_t *idx)
{
    int64_t len = js_typed_array_get_length(ta);
    if (js_to_index(ctx, idx, req) < 0)
        return -1;
    if (len < 0 || *idx >= (uint64_t)len) {
        js_throw_range_error(ctx, "Atomics: index out of range");
        return -1;
    }
    return 0;
}

/* RevalidateAtomicAccess after user code ran (conversions): the address
 * of element idx, NULL after throwing TypeError (detached, out of bounds)
 * or RangeError (the array shrank below idx). */
static uint8_t *atomics_revalidate(JSContext *ctx, JSObject *ta, uint64_t idx)
{
    int64_t len = js_typed_array_get_length(ta);
    if (len < 0) {
        js_throw_type_error(ctx, "Atomics: typed array is detached or out of bounds");
        return NULL;
    }
    if (idx >= (uint64_t)len) {
        js_throw_range_error(ctx, "Atomics: index out of range");
        return NULL;
    }
    const JSTypedArray *p = (const JSTypedArray *)ta;
    return js_ta_buffer(ta)->data + p->byte_offset + (idx << js_ta_size_log2[js_ta_type(ta)]);
}

/* The operand v converted for an element of type t (ToBigInt64 or
 * ToIntegerOrInfinity then modulo 2^bits) as raw bits in *raw; *num gets
 * the ToIntegerOrInfinity result (Atomics.store returns it). May run JS. */
static int atomics_convert(JSContext *ctx, JSTypedArrayType t, JSValue v, uint64_t *raw, double *num)
{
    if (js_ta_type_is_bigint(t)) {
        int64_t i;
        if (js_to_bigint64(ctx, &i, v) < 0)
            return -1;
        *raw = (uint64_t)i;
        return 0;
    }
    double d;
    if (js_to_int_or_infinity(ctx, &d, v) < 0)
        return -1;
    if (num)
        *num = d + 0.0;     /* -0 becomes +0 */
    *raw = (uint64_t)(uint32_t)js_double_to_int32(d);
    return 0;
}

/* The element value for raw bits of type t. May collect (BigInt). */
static JSValue atomics_to_value(JSContext *ctx, JSTypedArrayType t, uint64_t raw)
{
    switch (t) {
    case JS_TA_INT8: return js_int((int8_t)raw);
    case JS_TA_UINT8: return js_int((uint8_t)raw);
    case JS_TA_INT16: return js_int((int16_t)raw);
    case JS_TA_UINT16: return js_int((uint16_t)raw);
    case JS_TA_INT32: return js_int((int32_t)raw);
    case JS_TA_UINT32: return js_number((double)(uint32_t)raw);
    case JS_TA_BIGINT64: return js_bigint_from_int64(ctx, (int64_t)raw);
    default: return js_bigint_from_uint64(ctx, raw);
    }
}

/* The new element value of a read-modify-write operation (truncated to
 * the element size by the caller). */
static inline uint64_t atomics_combine(int op, uint64_t old, uint64_t operand)
{
    switch (op) {
    case AT_ADD: return old + operand;
    case AT_AND: return old & operand;
    case AT_OR: return old | operand;
    case AT_SUB: return old - operand;
    case AT_XOR: return old ^ operand;
    default: return operand;    /* AT_EXCHANGE */
    }
}

/* One sequentially consistent operation `op` on the size-byte element at
 * p (naturally aligned: typed array offsets are multiples of the element
 * size and buffers are malloc'ed). Returns the previous value. The
 * read-modify-write operations are compare-exchange loops rather than
 * __atomic_fetch_and and friends: GCC 12 at -Os drops the `and`, `or`
 * and `xor` from its own 64-bit fetch loops when they share a switch. */
#define AT_CASE(T)                                                                         \
    {                                                                                      \
        T *q = (T *)p, o = (T)operand, e = (T)expected;                                    \
        switch (op) {                                                                      \
        case AT_LOAD: return __atomic_load_n(q, __ATOMIC_SEQ_CST);                         \
        case AT_STORE: __atomic_store_n(q, o, __ATOMIC_SEQ_CST); return o;                 \
        case AT_COMPARE_EXCHANGE:                                                          \
            __atomic_compare_exchange_n(q, &e, o, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
            return e;                                                                      \
        default: {                                                                         \
            T old = __atomic_load_n(q, __ATOMIC_RELAXED);                                  \
            while (!__atomic_compare_exchange_n(q, &old, (T)atomics_combine(op, old, o), false, \
                                                __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))       \
                ;                                                                          \
            return old;                                                                    \
        }                                                                                  \
        }                                                                                  \
    }

static uint64_t atomics_do(void *p, int size_log2, int op, uint64_t operand, uint64_t expected)
{
    switch (size_log2) {
    case 0: AT_CASE(uint8_t)
    case 1: AT_CASE(uint16_t)
    case 2: AT_CASE(uint32_t)
    default: AT_CASE(uint64_t)
    }
}

/* Atomics.add/and/exchange/or/sub/xor/load/store/compareExchange (magic
 * selects the operation). */
static JSValue atomics_op(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int op)
{
    JSObject *ta = atomics_validate(ctx, ARG(0), false, op != AT_LOAD);
    if (!ta)
        return JS_EXCEPTION;
    uint64_t idx, operand = 0, expected = 0;
    if (atomics_index(ctx, ta, ARG(1), &idx) < 0)
        return JS_EXCEPTION;
    JSTypedArrayType t = js_ta_type(ta);
    double num = 0;
    if (op == AT_COMPARE_EXCHANGE) {
        if (atomics_convert(ctx, t, ARG(2), &expected, NULL) < 0 ||
            atomics_convert(ctx, t, ARG(3), &operand, NULL) < 0)
            return JS_EXCEPTION;
    } else if (op == AT_STORE && js_ta_type_is_bigint(t)) {
        /* Atomics.store returns ToBigInt(v) itself, not its truncation */
        JSValue big = js_to_bigint(ctx, ARG(2));
        if (js_is_exception(big))
            return JS_EXCEPTION;
        JSRoot r;
        js_root_push(ctx, &r, big);
        int ok = atomics_convert(ctx, t, r.v, &operand, NULL);
        uint8_t *p = ok < 0 ? NULL : atomics_revalidate(ctx, ta, idx);
        if (p)
            atomics_do(p, 3, AT_STORE, operand, 0);
        js_root_pop(ctx, &r);
        return p ? r.v : JS_EXCEPTION;
    } else if (op != AT_LOAD) {
        if (atomics_convert(ctx, t, ARG(2), &operand, &num) < 0)
            return JS_EXCEPTION;
    }
    uint8_t *p = atomics_revalidate(ctx, ta, idx);
    if (!p)
        return JS_EXCEPTION;
    uint64_t old = atomics_do(p, js_ta_size_log2[t], op, operand, expected);
    if (op == AT_STORE)
        return js_number(num);
    return atomics_to_value(ctx, t, old);
}

/* ---- Atomics.wait / Atomics.notify ----
 * A waiter sits on the process-wide list from the moment its value check
 * succeeds (under the list mutex, so a notify after the store cannot be
 * missed) until it is notified or times out. Another thread may wake the
 * waiters of a runtime (qjs_runtime_wake_waits) so that they ask its
 * interrupt handler: os.Worker's terminate() so ends a blocked worker. */
typedef struct AtomicsWaiter {
    struct AtomicsWaiter *prev, *next;
    const void *addr;
    JSRuntime *rt;
    pthread_cond_t cond;
    bool notified;
    bool woken;             /* by qjs_runtime_wake_waits */
} AtomicsWaiter;

static pthread_mutex_t atomics_lock = PTHREAD_MUTEX_INITIALIZER;
static AtomicsWaiter atomics_waiters = { &atomics_waiters, &atomics_waiters, NULL, NULL,
                                         PTHREAD_COND_INITIALIZER, false, false };

static void atomics_unlink(AtomicsWaiter *w)
{
    w->prev->next = w->next;
    w->next->prev = w->prev;
}

/* The waiter's runtime asks to stop (its interrupt handler says so). */
static bool atomics_interrupted(JSRuntime *rt)
{
    return rt->hooks.interrupt && rt->hooks.interrupt(rt, rt->hooks.opaque);
}

/* Blocks (the list mutex held) until w is notified, the deadline ts
 * (CLOCK_MONOTONIC; NULL: none) passes, or w's runtime is woken and its
 * interrupt handler says stop. 1 notified, 0 timed out, -1 interrupted. */
static int atomics_block(AtomicsWaiter *w, const struct timespec *ts)
{
    for (;;) {
        if (w->notified)
            return 1;
        if (w->woken) {
            w->woken = false;
            if (atomics_interrupted(w->rt))
                return -1;
        }
        if (!ts)
            pthread_cond_wait(&w->cond, &atomics_lock);
        else if (pthread_cond_timedwait(&w->cond, &atomics_lock, ts) == ETIMEDOUT)
            return w->notified ? 1 : 0;
    }
}

void js_atomics_wake_runtime(JSRuntime *rt)
{
    pthread_mutex_lock(&atomics_lock);
    for (AtomicsWaiter *w = atomics_waiters.next; w != &atomics_waiters; w = w->next) {
        if (w->rt != rt)
            continue;
        w->woken = true;
        pthread_cond_signal(&w->cond);
    }
    pthread_mutex_unlock(&atomics_lock);
}

/* Atomics.wait(typedArray, index, value, timeout). */
static JSValue atomics_wait(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSObject *ta = atomics_validate(ctx, ARG(0), true, false);
    if (!ta)
        return JS_EXCEPTION;
    if (js_object_class(&js_ta_buffer(ta)->base) != JS_CLASS_SHARED_ARRAY_BUFFER)
        return js_throw_type_error(ctx, "Atomics.wait: typed array is not over a SharedArrayBuffer");
    uint64_t idx, expected;
    if (atomics_index(ctx, ta, ARG(1), &idx) < 0)
        return JS_EXCEPTION;
    JSTypedArrayType t = js_ta_type(ta);
    if (atomics_convert(ctx, t, ARG(2), &expected, NULL) < 0)
        return JS_EXCEPTION;
    double timeout = INFINITY;
    if (!js_is_undefined(ARG(3))) {
        if (js_to_number(ctx, &timeout, ARG(3)) < 0)
            return JS_EXCEPTION;
        if (isnan(timeout))
            timeout = INFINITY;
        else if (timeout < 0)
            timeout = 0;
    }
    if (ctx->rt->cannot_block)
        return js_throw_type_error(ctx, "Atomics.wait: this agent cannot block");
    /* a SharedArrayBuffer is never detached and never shrinks */
    const JSTypedArray *tp = (const JSTypedArray *)ta;
    uint8_t *p = js_ta_buffer(ta)->data + tp->byte_offset + (idx << js_ta_size_log2[t]);
    struct timespec deadline;
    if (!isinf(timeout)) {
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        double ns = (double)deadline.tv_nsec + timeout * 1e6;
        double secs = js_floor(ns / 1e9);
        deadline.tv_sec += (time_t)secs;
        deadline.tv_nsec = (long)(ns - secs * 1e9);
    }
    /* woken: asks the handler once registered, so that a wake that came
     * before the registration is not lost (the handler's flag is set
     * before the wake) */
    AtomicsWaiter w = { .addr = p, .rt = ctx->rt, .woken = true };
    pthread_mutex_lock(&atomics_lock);
    uint64_t cur = atomics_do(p, js_ta_size_log2[t], AT_LOAD, 0, 0);
    if (t == JS_TA_INT32 ? (uint32_t)cur != (uint32_t)expected : cur != expected) {
        pthread_mutex_unlock(&atomics_lock);
        return js_new_string_cstr(ctx, "not-equal");
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w.cond, &attr);
    pthread_condattr_destroy(&attr);
    w.prev = atomics_waiters.prev;
    w.next = &atomics_waiters;
    w.prev->next = &w;
    atomics_waiters.prev = &w;
    int st = atomics_block(&w, isinf(timeout) ? NULL : &deadline);
    if (st != 1)
        atomics_unlink(&w);
    pthread_mutex_unlock(&atomics_lock);
    pthread_cond_destroy(&w.cond);
    if (st < 0) {
        js_throw_interrupted(ctx);
        return JS_EXCEPTION;
    }
    return js_new_string_cstr(ctx, st ? "ok" : "timed-out");
}

/* Atomics.notify(typedArray, index, count): wakes up to count waiters on
 * the element, oldest first; the number woken (0 for unshared memory). */
static JSValue atomics_notify(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSObject *ta = atomics_validate(ctx, ARG(0), true, false);
    if (!ta)
        return JS_EXCEPTION;
    uint64_t idx;
    if (atomics_index(ctx, ta, ARG(1), &idx) < 0)
        return JS_EXCEPTION;
    double count = INFINITY;
    if (!js_is_undefined(ARG(2))) {
        if (js_to_int_or_infinity(ctx, &count, ARG(2)) < 0)
            return JS_EXCEPTION;
        if (count < 0)
            count = 0;
    }
    if (js_object_class(&js_ta_buffer(ta)->base) != JS_CLASS_SHARED_ARRAY_BUFFER)
        return js_int(0);
    /* a SharedArrayBuffer is never detached and never shrinks */
    const JSTypedArray *tp = (const JSTypedArray *)ta;
    uint8_t *p = js_ta_buffer(ta)->data + tp->byte_offset + (idx << js_ta_size_log2[js_ta_type(ta)]);
    double n = 0;
    pthread_mutex_lock(&atomics_lock);
    for (AtomicsWaiter *w = atomics_waiters.next, *next; w != &atomics_waiters && n < count; w = next) {
        next = w->next;
        if (w->addr != p)
            continue;
        atomics_unlink(w);
        w->notified = true;
        pthread_cond_signal(&w->cond);
        n++;
    }
    pthread_mutex_unlock(&atomics_lock);
    return js_number(n);
}

/* Atomics.isLockFree(size). */
static JSValue atomics_is_lock_free(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double n;
    if (js_to_int_or_infinity(ctx, &n, ARG(0)) < 0)
        return JS_EXCEPTION;
    bool r = (n == 1 && __atomic_always_lock_free(1, 0)) || (n == 2 && __atomic_always_lock_free(2, 0)) ||
             n == 4 || (n == 8 && __atomic_always_lock_free(8, 0));
    return js_bool(r);
}

/* Atomics.pause([N]): a spin-wait hint; N must be an integral Number. */
static JSValue atomics_pause(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue n = ARG(0);
    if (!js_is_undefined(n)) {
        if (!js_is_number(n))
            return js_throw_type_error(ctx, "Atomics.pause: argument must be an integral Number");
        double d = js_number_value(n);
        if (!isfinite(d) || js_trunc(d) != d)
            return js_throw_type_error(ctx, "Atomics.pause: argument must be an integral Number");
    }
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
    return JS_UNDEFINED;
}

static const JSPropEntry atomics_props[] = {
    BD_FUNC("add", 3, atomics_op, AT_ADD),
    BD_FUNC("and", 3, atomics_op, AT_AND),
    BD_FUNC("compareExchange", 4, atomics_op, AT_COMPARE_EXCHANGE),
    BD_FUNC("exchange", 3, atomics_op, AT_EXCHANGE),
    BD_FUNC("isLockFree", 1, atomics_is_lock_free, 0),
    BD_FUNC("load", 2, atomics_op, AT_LOAD),
    BD_FUNC("or", 3, atomics_op, AT_OR),
    BD_FUNC("store", 3, atomics_op, AT_STORE),
    BD_FUNC("sub", 3, atomics_op, AT_SUB),
    BD_FUNC("xor", 3, atomics_op, AT_XOR),
    BD_FUNC("wait", 4, atomics_wait, 0),
    BD_FUNC("notify", 3, atomics_notify, 0),
    BD_FUNC("pause", 0, atomics_pause, 0),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Atomics", JS_PROP_CONFIGURABLE),
};

int js_init_atomics(JSContext *ctx)
{
    JSValue obj = js_new_object(ctx);
    if (js_is_exception(obj))
        return -1;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    int ret = js_define_prop_entries(ctx, obj, atomics_props, sizeof atomics_props / sizeof atomics_props[0]);
    if (ret >= 0)
        ret = js_define_property_value(ctx, js_mkptr(JS_TAG_OBJECT, ctx->global_obj),
                                       JS_ATOM_Atomics, r.v, JS_PROP_C_W);
    js_root_pop(ctx, &r);
    return ret < 0 ? -1 : 0;
}
