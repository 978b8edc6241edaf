/* Unit tests of the binary data helpers (builtins/typedarray.c): exact
 * Float16 conversions (round to nearest, ties to even) and the element
 * conversions of the integer and clamped types. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "builtins/typedarray.h"

static int passed, failed;

static void check(int ok, const char *what, double d, unsigned got, unsigned want)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        if (failed < 20)
            printf("FAIL %s: %.17g -> 0x%04x, want 0x%04x\n", what, d, got, want);
    }
}

int main(void)
{
    /* every finite half round-trips, and the midpoints round to even */
    for (unsigned h = 0; h < 0x10000; h++) {
        if ((h & 0x7c00) == 0x7c00)
            continue;
        double v = js_f16_to_f64((uint16_t)h);
        check(js_f64_to_f16(v) == h, "roundtrip", v, js_f64_to_f16(v), h);
        if ((h & 0x7fff) == 0x7bff)
            continue;
        double next = js_f16_to_f64((uint16_t)(h + 1));
        double mid = (v + next) / 2;    /* exact in double */
        unsigned even = (h & 1) ? h + 1 : h;
        check(js_f64_to_f16(mid) == even, "midpoint", mid, js_f64_to_f16(mid), even);
        check(js_f64_to_f16(nextafter(mid, v)) == h, "below midpoint", mid, js_f64_to_f16(nextafter(mid, v)), h);
        check(js_f64_to_f16(nextafter(mid, next)) == h + 1, "above midpoint", mid, js_f64_to_f16(nextafter(mid, next)), h + 1);
    }
    check(js_f64_to_f16(65520.0) == 0x7c00, "overflow", 65520.0, js_f64_to_f16(65520.0), 0x7c00);
    check(js_f64_to_f16(nextafter(65520.0, 0)) == 0x7bff, "max", 65519.9, js_f64_to_f16(nextafter(65520.0, 0)), 0x7bff);
    check(js_f64_to_f16(-0.0) == 0x8000, "-0", -0.0, js_f64_to_f16(-0.0), 0x8000);
    check(js_f64_to_f16(INFINITY) == 0x7c00, "inf", INFINITY, js_f64_to_f16(INFINITY), 0x7c00);
    check((js_f64_to_f16(NAN) & 0x7c00) == 0x7c00 && (js_f64_to_f16(NAN) & 0x3ff), "nan", NAN, js_f64_to_f16(NAN), 0x7e00);
    check(js_f64_to_f16(ldexp(1, -25)) == 0, "tiny tie", ldexp(1, -25), js_f64_to_f16(ldexp(1, -25)), 0);
    check(js_f64_to_f16(nextafter(ldexp(1, -25), 1)) == 1, "tiny", ldexp(1, -25), js_f64_to_f16(nextafter(ldexp(1, -25), 1)), 1);
    check(js_f64_to_f16(5e-324) == 0, "denormal double", 5e-324, js_f64_to_f16(5e-324), 0);

    /* integer and clamped conversions */
    check(js_ta_number_to_raw(JS_TA_UINT8C, 1.5) == 2, "clamp 1.5", 1.5, (unsigned)js_ta_number_to_raw(JS_TA_UINT8C, 1.5), 2);
    check(js_ta_number_to_raw(JS_TA_UINT8C, 2.5) == 2, "clamp 2.5", 2.5, (unsigned)js_ta_number_to_raw(JS_TA_UINT8C, 2.5), 2);
    check(js_ta_number_to_raw(JS_TA_UINT8C, 300) == 255, "clamp 300", 300, (unsigned)js_ta_number_to_raw(JS_TA_UINT8C, 300), 255);
    check(js_ta_number_to_raw(JS_TA_UINT8C, -1) == 0, "clamp -1", -1, (unsigned)js_ta_number_to_raw(JS_TA_UINT8C, -1), 0);
    check((uint8_t)js_ta_number_to_raw(JS_TA_INT8, 255) == 255, "int8 255", 255, (unsigned)(uint8_t)js_ta_number_to_raw(JS_TA_INT8, 255), 255);
    check((uint16_t)js_ta_number_to_raw(JS_TA_UINT16, -1) == 0xffff, "uint16 -1", -1, (unsigned)(uint16_t)js_ta_number_to_raw(JS_TA_UINT16, -1), 0xffff);
    check((uint32_t)js_ta_number_to_raw(JS_TA_UINT32, 4294967296.0 + 5) == 5, "uint32 wrap", 4294967301.0, (unsigned)js_ta_number_to_raw(JS_TA_UINT32, 4294967301.0), 5);

    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
