/* Floating-point functions without the C math library (docs/startup.md).
 *
 * Rounding (js_trunc, js_floor, js_ceil, js_rint) and js_fmod are exact
 * and written here, and js_sqrt is the machine's instruction, so that the
 * operators, number conversion and printing, Date, the typed arrays and
 * console never need libm.
 * The transcendental functions that only Math and the ** operator use
 * (sin, exp, pow, ...) come from the C library through js_libm(): on
 * glibc it looks them up in libm.so.6 the first time one is called, so
 * that a program that never calls one does not load libm at start-up
 * (a shared library costs its mappings, page faults and relocations in
 * every run); elsewhere they are linked as usual. */
#ifndef JS_FMATH_H
#define JS_FMATH_H

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>

/* x rounded toward zero. |x| >= 2^52 is already an integer (or NaN or
 * an infinity); the sign of a zero result is x's (trunc(-0.5) is -0). */
static inline double js_trunc(double x)
{
    if (!(fabs(x) < 4503599627370496.0))
        return x;
    return copysign((double)(int64_t)x, x);
}

static inline double js_floor(double x)
{
    double t = js_trunc(x);
    return t > x ? t - 1 : t;
}

static inline double js_ceil(double x)
{
    double t = js_trunc(x);
    return t < x ? t + 1 : t;   /* ceil(-0.5) is -0: t keeps x's sign */
}

/* x rounded to the nearest integer, ties to even (the default rounding
 * mode's rint): adding and subtracting 2^52 leaves no fraction bits. */
static inline double js_rint(double x)
{
    double a = fabs(x);
    if (!(a < 4503599627370496.0))
        return x;
    return copysign((a + 4503599627370496.0) - 4503599627370496.0, x);
}

/* The remainder of x / y with x's sign, exactly (C fmod). */
double js_fmod(double x, double y);

/* The C library's transcendental functions (and sqrt, for machines
 * js_sqrt has no instruction for), one list for the table's fields and
 * the names looked up. */
#define JS_LIBM_UNARY(X) \
    X(acos) X(acosh) X(asin) X(asinh) X(atan) X(atanh) X(cbrt) X(cos) \
    X(cosh) X(exp) X(expm1) X(log) X(log1p) X(log10) X(log2) X(sin) \
    X(sinh) X(sqrt) X(tan) X(tanh)
#define JS_LIBM_BINARY(X) X(atan2) X(hypot) X(pow)

typedef struct JSLibm {
#define JS_LIBM_FIELD1(name) double (*name)(double);
#define JS_LIBM_FIELD2(name) double (*name)(double, double);
    JS_LIBM_UNARY(JS_LIBM_FIELD1)
    JS_LIBM_BINARY(JS_LIBM_FIELD2)
#undef JS_LIBM_FIELD1
#undef JS_LIBM_FIELD2
} JSLibm;

/* The table once loaded, else NULL; js_libm_load loads it (thread-safe).
 * If libm.so.6 cannot be loaded the process cannot compute these
 * functions at all: it prints why and aborts, as a failed dynamic link
 * would have at start-up. */
extern const JSLibm *_Atomic js_libm_table;
const JSLibm *js_libm_load(void);

/* The table: one load on the way of every Math.sin and ** once loaded. */
static inline const JSLibm *js_libm(void)
{
    const JSLibm *m = atomic_load_explicit(&js_libm_table, memory_order_acquire);
    return m ? m : js_libm_load();
}

/* The square root, correctly rounded as IEEE 754 requires of the
 * instruction and of the C library alike. The instruction itself, even
 * in unoptimised builds (where the compiler would call libm's sqrt);
 * through the table on other machines. */
static inline double js_sqrt(double x)
{
#if defined(__GNUC__) && defined(__x86_64__)
    __asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x));
    return x;
#elif defined(__GNUC__) && defined(__aarch64__)
    __asm__("fsqrt %d0, %d1" : "=w"(x) : "w"(x));
    return x;
#else
    return js_libm()->sqrt(x);
#endif
}

#endif
