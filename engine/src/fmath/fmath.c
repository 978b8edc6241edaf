/* js_fmod, and the C library's transcendental functions looked up on
 * first use (fmath.h says why). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmath.h"

/* |x| as m * 2^e with m an integer below 2^53 (x finite, not zero). */
static uint64_t split_double(double x, int *e)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int biased = (int)(bits >> 52) & 0x7ff;
    uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
    if (biased == 0) {          /* subnormal */
        *e = -1074;
        return m;
    }
    *e = biased - 1075;
    return m | (UINT64_C(1) << 52);
}

/* Long division of the two integer mantissas, one bit of x's exponent
 * above y's at a time: every step is exact, and so is the result, a
 * multiple of y's unit below |y|. */
double js_fmod(double x, double y)
{
    double ax = fabs(x), ay = fabs(y);
    if (isnan(x) || isnan(y) || isinf(x) || y == 0)
        return NAN;
    if (ax < ay)                /* y infinite included */
        return x;
    int ex, ey;
    uint64_t mx = split_double(ax, &ex), my = split_double(ay, &ey);
    uint64_t r = mx % my;       /* ax >= ay gives ex >= ey */
    for (int k = ex - ey; k > 0 && r != 0; k--) {
        r <<= 1;                /* r < my < 2^53: no overflow */
        if (r >= my)
            r -= my;
    }
    return copysign(ldexp((double)r, ey), x);
}

#if QJS_LAZY_LIBM
#include <dlfcn.h>
#include <pthread.h>

static JSLibm libm_table;
static pthread_once_t libm_once = PTHREAD_ONCE_INIT;
const JSLibm *_Atomic js_libm_table;

static void *libm_symbol(void *lib, const char *name)
{
    void *f = lib ? dlsym(lib, name) : NULL;
    if (!f) {
        const char *why = dlerror();
        fprintf(stderr, "qjs: cannot load %s from the C math library libm.so.6: %s\n", name,
                why ? why : "not found");
        abort();
    }
    return f;
}

static void libm_load(void)
{
    static const char names[] =
#define NAME(name) #name "\0"
        JS_LIBM_UNARY(NAME) JS_LIBM_BINARY(NAME);
#undef NAME
    void *lib = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
    void **slot = (void **)&libm_table;     /* the table is function pointers only */
    for (const char *n = names; *n; n += strlen(n) + 1)
        *slot++ = libm_symbol(lib, n);
    atomic_store_explicit(&js_libm_table, &libm_table, memory_order_release);
}

const JSLibm *js_libm_load(void)
{
    pthread_once(&libm_once, libm_load);
    return &libm_table;
}
#else
static const JSLibm libm_table = {
#define FIELD(name) .name = name,
    JS_LIBM_UNARY(FIELD)
    JS_LIBM_BINARY(FIELD)
#undef FIELD
};

const JSLibm *_Atomic js_libm_table = &libm_table;

const JSLibm *js_libm_load(void) { return &libm_table; }
#endif
