/* The Math namespace object (ECMA-262 21.3): its constants and functions,
 * including Math.f16round, Math.sumPrecise (exact summation with a wide
 * fixed-point accumulator) and Math.random (xorshift128+, seeded once per
 * thread from address-space entropy: the engine makes no OS calls). */
#include <math.h>
#include <stdint.h>
#include "builtins.h"
#include "../conv.h"
#include "../fmath/fmath.h"

/* ToNumber with the common case inline. 0 or -1 (thrown). */
static inline int to_num(JSContext *ctx, double *out, JSValue v)
{
    if (js_likely(js_is_int(v))) {
        *out = js_get_int(v);
        return 0;
    }
    if (js_is_double(v)) {
        *out = js_get_double(v);
        return 0;
    }
    return js_to_number(ctx, out, v);
}

static double m_sign(double x)
{
    if (x > 0)
        return 1;
    if (x < 0)
        return -1;
    return x; /* +-0 and NaN */
}

static double m_round(double x)
{
    double r;
    if (!isfinite(x) || fabs(x) >= 4503599627370496.0)
        return x;
    if (x < 0 && x >= -0.5)
        return -0.0;
    r = js_floor(x);
    if (x - r >= 0.5)
        r += 1;
    return r;
}

static double m_fround(double x) { return (double)(float)x; }

/* Rounds x to the nearest binary16 value (ties to even), in one step from
 * the double so that no double rounding happens. */
static double m_f16round(double x)
{
    double ax = fabs(x), q;
    int e;
    if (isnan(x) || isinf(x) || x == 0)
        return x;
    if (ax >= 65520.0)
        return x < 0 ? -INFINITY : INFINITY;
    frexp(ax, &e);      /* ax = m * 2^e, m in [0.5, 1): unit exponent e-1 */
    e -= 1;
    if (e < -14)
        q = ldexp(1.0, -24);
    else
        q = ldexp(1.0, e - 10);
    return js_rint(x / q) * q;
}

/* Math.abs and all single-argument functions, selected by magic. */
enum {
    M_ABS, M_ACOS, M_ACOSH, M_ASIN, M_ASINH, M_ATAN, M_ATANH, M_CBRT, M_CEIL,
    M_COS, M_COSH, M_EXP, M_EXPM1, M_FLOOR, M_FROUND, M_LOG, M_LOG1P,
    M_LOG10, M_LOG2, M_ROUND, M_SIGN, M_SIN, M_SINH, M_SQRT, M_TAN, M_TANH,
    M_TRUNC, M_F16ROUND,
};

static double math_fn1(int magic, double x)
{
    switch (magic) {
    case M_ABS: return fabs(x);
    case M_CEIL: return js_ceil(x);
    case M_FLOOR: return js_floor(x);
    case M_FROUND: return m_fround(x);
    case M_ROUND: return m_round(x);
    case M_SIGN: return m_sign(x);
    case M_SQRT: return js_sqrt(x);
    case M_TRUNC: return js_trunc(x);
    case M_F16ROUND: return m_f16round(x);
    default: break;
    }
    const JSLibm *m = js_libm();    /* the rest come from the C library */
    switch (magic) {
    case M_ACOS: return m->acos(x);
    case M_ACOSH: return m->acosh(x);
    case M_ASIN: return m->asin(x);
    case M_ASINH: return m->asinh(x);
    case M_ATAN: return m->atan(x);
    case M_ATANH: return m->atanh(x);
    case M_CBRT: return m->cbrt(x);
    case M_COS: return m->cos(x);
    case M_COSH: return m->cosh(x);
    case M_EXP: return m->exp(x);
    case M_EXPM1: return m->expm1(x);
    case M_LOG: return m->log(x);
    case M_LOG1P: return m->log1p(x);
    case M_LOG10: return m->log10(x);
    case M_LOG2: return m->log2(x);
    case M_SIN: return m->sin(x);
    case M_SINH: return m->sinh(x);
    case M_TAN: return m->tan(x);
    default: return m->tanh(x);
    }
}

static JSValue math_fn1_call(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double d;
    JSValue v = argv[0];
    if (js_is_int(v)) {
        int32_t i = js_get_int(v);
        switch (magic) {
        case M_ABS:
            if (i != INT32_MIN)
                return js_int(i < 0 ? -i : i);
            break;
        case M_CEIL: case M_FLOOR: case M_ROUND: case M_TRUNC:
            return v;
        case M_FROUND:
            if (i >= -16777216 && i <= 16777216)
                return v;
            break;
        case M_SIGN:
            return js_int(i > 0 ? 1 : i < 0 ? -1 : 0);
        default:
            break;
        }
    }
    if (to_num(ctx, &d, v))
        return JS_EXCEPTION;
    return js_number(math_fn1(magic, d));
}

static JSValue math_atan2(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double y, x;
    if (to_num(ctx, &y, argv[0]) || to_num(ctx, &x, argv[1]))
        return JS_EXCEPTION;
    return js_number(js_libm()->atan2(y, x));
}

/* Number::exponentiate (6.1.6.1.3): differs from C pow for |base| = 1
 * with an infinite exponent and for a NaN exponent. */
static double js_math_pow(double x, double y)
{
    if (isnan(y))
        return NAN;
    if (isinf(y) && fabs(x) == 1)
        return NAN;
    return js_libm()->pow(x, y);
}

static JSValue math_pow(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double x, y;
    if (to_num(ctx, &x, argv[0]) || to_num(ctx, &y, argv[1]))
        return JS_EXCEPTION;
    return js_number(js_math_pow(x, y));
}

/* Math.max (magic 0) and Math.min (magic 1): every argument is
 * converted first, then NaN wins and +0 is larger than -0. */
static JSValue math_min_max(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double r = magic ? INFINITY : -INFINITY, d;
    int i;
    bool all_int = true;
    int32_t ri = 0;
    for (i = 0; i < argc; i++) {
        if (!js_is_int(argv[i])) {
            all_int = false;
            break;
        }
        if (i == 0 || (magic ? js_get_int(argv[i]) < ri : js_get_int(argv[i]) > ri))
            ri = js_get_int(argv[i]);
    }
    if (all_int && argc > 0)
        return js_int(ri);
    for (i = 0; i < argc; i++) {
        if (to_num(ctx, &d, argv[i]))
            return JS_EXCEPTION;
        if (isnan(r))
            continue;
        if (isnan(d)) {
            r = d;
        } else if (magic) {
            if (d < r || (d == 0 && r == 0 && signbit(d)))
                r = d;
        } else {
            if (d > r || (d == 0 && r == 0 && !signbit(d)))
                r = d;
        }
    }
    return js_number(r);
}

static JSValue math_hypot(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double buf[8], *v = buf, maxv = 0, sum = 0, comp = 0;
    bool has_inf = false, has_nan = false;
    int i;
    JSValue ret;
    if (argc > 8) {
        v = js_malloc(ctx, sizeof(double) * (size_t)argc);
        if (!v)
            return JS_EXCEPTION;
    }
    for (i = 0; i < argc; i++) {
        if (to_num(ctx, &v[i], argv[i])) {
            ret = JS_EXCEPTION;
            goto done;
        }
    }
    for (i = 0; i < argc; i++) {
        if (isinf(v[i]))
            has_inf = true;
        else if (isnan(v[i]))
            has_nan = true;
        else if (fabs(v[i]) > maxv)
            maxv = fabs(v[i]);
    }
    if (has_inf) {
        ret = js_double(INFINITY);
    } else if (has_nan) {
        ret = js_double(NAN);
    } else if (maxv == 0) {
        ret = js_int(0);
    } else if (argc == 2) {
        ret = js_number(js_libm()->hypot(v[0], v[1]));
    } else {
        /* Scale by the largest magnitude, then a compensated sum. */
        for (i = 0; i < argc; i++) {
            double t = v[i] / maxv, y = t * t - comp, s = sum + y;
            comp = (s - sum) - y;
            sum = s;
        }
        ret = js_number(js_sqrt(sum) * maxv);
    }
done:
    if (v != buf)
        js_free(ctx->rt, v, sizeof(double) * (size_t)argc);
    return ret;
}

static JSValue math_clz32(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    uint32_t n;
    if (js_to_uint32(ctx, &n, argv[0]))
        return JS_EXCEPTION;
    return js_int(n == 0 ? 32 : __builtin_clz(n));
}

static JSValue math_imul(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    uint32_t a, b;
    if (js_to_uint32(ctx, &a, argv[0]) || js_to_uint32(ctx, &b, argv[1]))
        return JS_EXCEPTION;
    return js_int((int32_t)(a * b));
}

/* xorshift128+ state, per thread, seeded on first use. */
static _Thread_local uint64_t rng_state[2];
static _Thread_local bool rng_seeded;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void rng_seed(JSContext *ctx)
{
    int local;
    uint64_t s = (uint64_t)(uintptr_t)&local ^ ((uint64_t)(uintptr_t)ctx << 17) ^
                 (uint64_t)(uintptr_t)&rng_state ^ ((uint64_t)(uintptr_t)rng_seed << 7);
    rng_state[0] = splitmix64(&s);
    rng_state[1] = splitmix64(&s);
    if ((rng_state[0] | rng_state[1]) == 0)
        rng_state[0] = 1;
    rng_seeded = true;
}

static JSValue math_random(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    uint64_t s1, s0, r;
    if (!rng_seeded)
        rng_seed(ctx);
    s1 = rng_state[0];
    s0 = rng_state[1];
    rng_state[0] = s0;
    s1 ^= s1 << 23;
    rng_state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
    r = rng_state[1] + s0;
    /* 53 random bits in [0, 1). */
    return js_double((double)(r >> 11) * (1.0 / 9007199254740992.0));
}

/* Math.sumPrecise: an exact fixed-point accumulator in units of 2^-1074.
 * A finite double is below 2^1024 = 2^2098 units; with up to 2^53 terms
 * the sum needs 2151 bits plus sign. Limbs are 32-bit digits kept in
 * int64 so that many additions can run before carries are propagated. */
#define SUM_LIMBS 70
typedef struct ExactSum {
    int64_t limb[SUM_LIMBS];
    uint32_t pending;   /* additions since the last normalization */
} ExactSum;

static void exact_normalize(ExactSum *s)
{
    int64_t carry = 0;
    int i;
    for (i = 0; i < SUM_LIMBS; i++) {
        int64_t v = s->limb[i] + carry;
        s->limb[i] = v & 0xFFFFFFFF;
        carry = (v - s->limb[i]) / 4294967296LL;
    }
    /* The top limb absorbs the sign: a negative total leaves carry = -1
     * with all limbs as the two's complement digits. */
    s->limb[SUM_LIMBS - 1] += carry * 4294967296LL;
    s->pending = 0;
}

static void exact_add(ExactSum *s, double d)
{
    uint64_t bits, m;
    int e, idx, sh;
    bool neg;
    memcpy(&bits, &d, 8);
    neg = bits >> 63;
    e = (int)((bits >> 52) & 0x7FF);
    m = bits & 0xFFFFFFFFFFFFFull;
    if (e == 0)
        e = 1;
    else
        m |= 1ull << 52;
    if (m == 0)
        return;
    /* d = m * 2^(e - 1075) = m * 2^(e - 1) units of 2^-1074 */
    sh = e - 1;
    idx = sh / 32;
    sh %= 32;
    {
        /* m << sh spans at most 85 bits: three 32-bit digits. */
        uint64_t low64 = m << sh;
        uint64_t lo = low64 & 0xFFFFFFFF, mid = low64 >> 32;
        uint64_t hi = sh ? m >> (64 - sh) : 0;
        if (neg) {
            s->limb[idx] -= (int64_t)lo;
            s->limb[idx + 1] -= (int64_t)mid;
            s->limb[idx + 2] -= (int64_t)hi;
        } else {
            s->limb[idx] += (int64_t)lo;
            s->limb[idx + 1] += (int64_t)mid;
            s->limb[idx + 2] += (int64_t)hi;
        }
    }
    if (++s->pending >= (1u << 30))
        exact_normalize(s);
}

/* The accumulated value rounded to the nearest double (ties to even). */
static double exact_result(ExactSum *s)
{
    uint32_t mag[SUM_LIMBS];
    bool neg;
    int i, top, p;
    uint64_t mant;
    bool round_bit, sticky;
    double r;
    exact_normalize(s);
    neg = s->limb[SUM_LIMBS - 1] < 0;
    if (neg) {
        /* magnitude = two's complement negation of the digits */
        uint64_t carry = 1;
        for (i = 0; i < SUM_LIMBS; i++) {
            uint64_t v = (uint64_t)(~(uint32_t)(s->limb[i] & 0xFFFFFFFF)) + carry;
            mag[i] = (uint32_t)v;
            carry = v >> 32;
        }
    } else {
        for (i = 0; i < SUM_LIMBS; i++)
            mag[i] = (uint32_t)s->limb[i];
    }
    for (top = SUM_LIMBS - 1; top >= 0 && mag[top] == 0; top--)
        ;
    if (top < 0)
        return 0.0;
    p = top * 32 + 31 - __builtin_clz(mag[top]);   /* highest set bit */
#define BIT(k) ((mag[(k) / 32] >> ((k) % 32)) & 1u)
    if (p < 53) {
        mant = 0;
        for (i = p; i >= 0; i--)
            mant = (mant << 1) | BIT(i);
        r = ldexp((double)mant, -1074);
        return neg ? -r : r;
    }
    mant = 0;
    for (i = p; i > p - 53; i--)
        mant = (mant << 1) | BIT(i);
    round_bit = BIT(p - 53);
    sticky = false;
    for (i = p - 54; i >= 0 && !sticky; i--) {
        if (i % 32 == 31 && mag[i / 32] == 0) {
            i -= 31;
            continue;
        }
        if (BIT(i))
            sticky = true;
    }
#undef BIT
    if (round_bit && (sticky || (mant & 1)))
        mant++;
    r = ldexp((double)mant, p - 52 - 1074);
    return neg ? -r : r;
}

static JSValue math_sum_precise(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSIteratorRecord rec;
    JSRoot r_it, r_next;
    ExactSum *acc;
    enum { ST_MINUS_ZERO, ST_FINITE, ST_PLUS_INF, ST_MINUS_INF, ST_NAN } state = ST_MINUS_ZERO;
    double count = 0, res;
    JSValue v;
    int k;
    if (js_is_nullish(argv[0]))
        return js_throw_type_error(ctx, "Math.sumPrecise called on null or undefined");
    if (js_get_iterator(ctx, argv[0], &rec))
        return JS_EXCEPTION;
    js_root_push(ctx, &r_it, rec.iterator);
    js_root_push(ctx, &r_next, rec.next);
    acc = js_mallocz(ctx, sizeof(ExactSum));
    if (!acc)
        return JS_EXCEPTION;
    for (;;) {
        k = js_iterator_step_value(ctx, &rec, &v);
        if (k < 0)
            goto fail;
        if (k == 0)
            break;
        count++;
        if (count >= 9007199254740992.0) {
            js_throw_range_error(ctx, "too many values");
            js_iterator_close(ctx, rec.iterator, true);
            goto fail;
        }
        if (!js_is_number(v)) {
            js_throw_type_error(ctx, "Math.sumPrecise: value is not a number");
            js_iterator_close(ctx, rec.iterator, true);
            goto fail;
        }
        {
            double n = js_number_value(v);
            if (state == ST_NAN)
                continue;
            if (isnan(n)) {
                state = ST_NAN;
            } else if (n == INFINITY) {
                state = state == ST_MINUS_INF ? ST_NAN : ST_PLUS_INF;
            } else if (n == -INFINITY) {
                state = state == ST_PLUS_INF ? ST_NAN : ST_MINUS_INF;
            } else if (!(n == 0 && signbit(n)) && (state == ST_MINUS_ZERO || state == ST_FINITE)) {
                state = ST_FINITE;
                exact_add(acc, n);
            }
        }
    }
    switch (state) {
    case ST_NAN: res = NAN; break;
    case ST_PLUS_INF: res = INFINITY; break;
    case ST_MINUS_INF: res = -INFINITY; break;
    case ST_MINUS_ZERO: res = -0.0; break;
    default: res = exact_result(acc); break;
    }
    js_free(ctx->rt, acc, sizeof(ExactSum));
    return js_number(res);
fail:
    js_free(ctx->rt, acc, sizeof(ExactSum));
    return JS_EXCEPTION;
}

/* Table entry of a native method (written out: the JS_CFUNC_DEF macro's
 * parameter name clashes with its designator). */
#define FN(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }
#define F1(name, m) FN(name, 1, math_fn1_call, m)

static const JSPropEntry js_math_funcs[] = {
    F1("abs", M_ABS), F1("acos", M_ACOS), F1("acosh", M_ACOSH),
    F1("asin", M_ASIN), F1("asinh", M_ASINH), F1("atan", M_ATAN),
    F1("atanh", M_ATANH), FN("atan2", 2, math_atan2, 0),
    F1("cbrt", M_CBRT), F1("ceil", M_CEIL), FN("clz32", 1, math_clz32, 0),
    F1("cos", M_COS), F1("cosh", M_COSH), F1("exp", M_EXP),
    F1("expm1", M_EXPM1), F1("floor", M_FLOOR), F1("fround", M_FROUND),
    F1("f16round", M_F16ROUND), FN("hypot", 2, math_hypot, 0),
    FN("imul", 2, math_imul, 0), F1("log", M_LOG), F1("log1p", M_LOG1P),
    F1("log10", M_LOG10), F1("log2", M_LOG2),
    FN("max", 2, math_min_max, 0),
    FN("min", 2, math_min_max, 1),
    FN("pow", 2, math_pow, 0), FN("random", 0, math_random, 0),
    F1("round", M_ROUND), F1("sign", M_SIGN), F1("sin", M_SIN),
    F1("sinh", M_SINH), F1("sqrt", M_SQRT), F1("tan", M_TAN), F1("tanh", M_TANH),
    F1("trunc", M_TRUNC), FN("sumPrecise", 1, math_sum_precise, 0),
    JS_PROP_DOUBLE_DEF("E", 2.718281828459045, 0),
    JS_PROP_DOUBLE_DEF("LN10", 2.302585092994046, 0),
    JS_PROP_DOUBLE_DEF("LN2", 0.6931471805599453, 0),
    JS_PROP_DOUBLE_DEF("LOG10E", 0.4342944819032518, 0),
    JS_PROP_DOUBLE_DEF("LOG2E", 1.4426950408889634, 0),
    JS_PROP_DOUBLE_DEF("PI", 3.141592653589793, 0),
    JS_PROP_DOUBLE_DEF("SQRT1_2", 0.7071067811865476, 0),
    JS_PROP_DOUBLE_DEF("SQRT2", 1.4142135623730951, 0),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Math", JS_PROP_CONFIGURABLE),
};

/* Creates the Math object and the global binding `Math`. May collect;
 * 0, or -1 with an exception pending. */
int js_init_math(JSContext *ctx)
{
    JSRoot r;
    JSValue m = js_new_object(ctx);
    if (js_is_exception(m))
        return -1;
    js_root_push(ctx, &r, m);
    if (js_define_prop_entries(ctx, m, js_math_funcs,
                               (int)(sizeof js_math_funcs / sizeof js_math_funcs[0])) < 0)
        goto fail;
    if (js_define_property_value(ctx, js_obj_value(ctx->global_obj), JS_ATOM_Math, m, JS_PROP_C_W) < 0)
        goto fail;
    js_root_pop(ctx, &r);
    return 0;
fail:
    js_root_pop(ctx, &r);
    return -1;
}
