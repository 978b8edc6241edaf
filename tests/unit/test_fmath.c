/* engine/src/fmath/fmath.c: the rounding functions and js_fmod give exactly
 * the C library's results (edge cases, then 900,000 random pairs of
 * every magnitude), and the transcendental functions, looked up in
 * libm.so.6 on first use, are the C library's. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "fmath/fmath.h"

static int failures;

static uint64_t bits_of(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

/* Same value and sign, or both NaN. */
static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || bits_of(a) == bits_of(b);
}

static void check(const char *what, double x, double y, double got, double want)
{
    if (!same(got, want) && failures++ < 20)
        printf("FAIL %s(%.17g, %.17g): %.17g, want %.17g\n", what, x, y, got, want);
}

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* Any double: random bits, so every exponent and subnormals occur. */
static double random_double(void)
{
    uint64_t b = next_random();
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/* A double near small integers and halves, where rounding goes wrong. */
static double random_near_integer(void)
{
    double base = (double)(int64_t)(next_random() % 2001) - 1000;
    static const double offsets[] = { 0, 0.5, -0.5, 0.25, 0.49999999999999994, 1e-300, -1e-300 };
    return base / ((next_random() & 1) ? 1 : 4) + offsets[next_random() % 7];
}

static void check_one(double x, double y)
{
    check("trunc", x, 0, js_trunc(x), trunc(x));
    check("floor", x, 0, js_floor(x), floor(x));
    check("ceil", x, 0, js_ceil(x), ceil(x));
    check("rint", x, 0, js_rint(x), rint(x));
    check("fmod", x, y, js_fmod(x, y), fmod(x, y));
}

int main(void)
{
    static const double edges[] = {
        0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
        4503599627370495.5, -4503599627370495.5, 4503599627370496.0, 9007199254740993.0,
        1e300, -1e300, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
        INFINITY, -INFINITY, NAN, 3, -7, 360, 0.1, 1e-5, 4294967296.0, 86400000.0,
    };
    size_t n = sizeof edges / sizeof edges[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            check_one(edges[i], edges[j]);
    for (int i = 0; i < 300000; i++) {
        check_one(random_double(), random_double());
        check_one(random_near_integer(), random_near_integer());
        double x = random_double();
        check_one(x, ldexp(1.0, (int)(next_random() % 200) - 100) * (1 + (double)(next_random() % 1000)));
    }

    const JSLibm *m = js_libm();
    if (js_libm() != m)
        failures++, printf("FAIL js_libm gives two tables\n");
    check("sin", 1, 0, m->sin(1), sin(1));
    check("exp", 1, 0, m->exp(1), exp(1));
    check("log", 10, 0, m->log(10), log(10));
    check("tanh", 0.5, 0, m->tanh(0.5), tanh(0.5));
    check("pow", 2, 0.5, m->pow(2, 0.5), pow(2, 0.5));
    check("atan2", 1, -1, m->atan2(1, -1), atan2(1, -1));
    check("hypot", 3, 4, m->hypot(3, 4), hypot(3, 4));
    printf("%s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}
