/* Number <-> string conversion, written for this engine: shortest
 * round-trip double-to-string (Number::toString), the radix and fixed /
 * exponential / precision forms of Number.prototype, and correctly
 * rounded string-to-double. Pure functions on ASCII buffers; nothing here
 * allocates or touches the JS heap. */
#ifndef DTOA_H
#define DTOA_H

#include <stddef.h>
#include <stdint.h>

/* Enough for every output of the formatting functions below except
 * js_dtoa_radix (use JS_DTOA_RADIX_BUF) and js_dtoa_fixed with big
 * values (use JS_DTOA_FIXED_BUF). */
#define JS_DTOA_BUF 128
#define JS_DTOA_RADIX_BUF 1100
#define JS_DTOA_FIXED_BUF 160

/* Number::toString(d) with radix 10, exactly as ECMA-262 6.1.6.1.20 says:
 * shortest digits that round-trip, "NaN", "Infinity", "-Infinity", "0"
 * for -0, exponent form outside [1e-7, 1e21). Returns the length;
 * buf gets a NUL-terminated string. */
int js_dtoa(double d, char buf[JS_DTOA_BUF]);

/* Number.prototype.toString(radix) for radix 2..36 (radix 10 gives
 * js_dtoa). The fraction is printed with enough digits to round-trip. */
int js_dtoa_radix(double d, int radix, char buf[JS_DTOA_RADIX_BUF]);

/* Number.prototype.toFixed(digits), digits in 0..100; d finite and
 * |d| < 1e21 (the caller handles the other cases). Exact rounding
 * (half away from zero on the exact binary value). */
int js_dtoa_fixed(double d, int digits, char buf[JS_DTOA_FIXED_BUF]);

/* Number.prototype.toExponential(digits): digits in 0..100, or -1 for
 * "as many as needed" (undefined argument). d finite. */
int js_dtoa_exponential(double d, int digits, char buf[JS_DTOA_BUF]);

/* Number.prototype.toPrecision(precision), precision in 1..100, d finite. */
int js_dtoa_precision(double d, int precision, char buf[JS_DTOA_BUF]);

/* Flags for js_atod. */
enum {
    JS_ATOD_INT_PREFIX = 1 << 0,   /* accept 0x / 0o / 0b integers */
    JS_ATOD_INFINITY = 1 << 1,     /* accept [+-]Infinity */
    JS_ATOD_SIGN = 1 << 2,         /* accept a leading + or - */
    JS_ATOD_UNDERSCORE = 1 << 3,   /* accept numeric separators '_' between
                                      digits (numeric literals) */
    JS_ATOD_LEGACY_OCTAL = 1 << 4, /* 0777 is octal, 0778 decimal (sloppy
                                      literals) */
};

/* Parse the longest prefix of s[0..len) that is a number in the syntax
 * the flags allow (decimal digits, optional '.', optional fraction,
 * optional exponent; ".5" and "5." are accepted), correctly rounded to the
 * nearest double (ties to even), however many digits. *end receives the
 * number of characters consumed (0 if there is no number: the result is
 * then NaN). No white space is skipped.
 *   StringToNumber:  flags = INT_PREFIX | INFINITY | SIGN  (caller trims
 *                    white space and checks *end == len; a sign before a
 *                    0x prefix is rejected, as the spec says)
 *   parseFloat:      flags = INFINITY | SIGN, prefix accepted
 *   numeric literal: flags = INT_PREFIX | UNDERSCORE (| LEGACY_OCTAL) */
double js_atod(const char *s, size_t len, size_t *end, int flags);

/* Integer digits in the given radix (2..36), the longest valid prefix,
 * as parseInt needs it: exact for up to 2^53, correctly rounded beyond.
 * *end receives the number of characters consumed. */
double js_atoi_radix(const char *s, size_t len, int radix, size_t *end);

#endif
