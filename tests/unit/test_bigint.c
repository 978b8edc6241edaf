/* Unit tests of BigInt arithmetic (engine/src/bigint.c): values checked
 * against node for operands large enough to reach Karatsuba, Knuth
 * division and the divide-and-conquer string conversions; identities on
 * pseudo-random operands; Number conversions (ties to even); StringToBigInt
 * grammar; asIntN/asUintN; the RangeErrors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "context.h"
#include "conv.h"
#include "bigint.h"

static int passed, failed;
static JSContext *ctx;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

/* The string of v in radix (or "ERR" for an exception, which is
 * cleared); the caller frees. */
static char *str_of(JSValue v, int radix)
{
    if (js_is_exception(v)) {
        js_get_exception(ctx);
        return strdup("ERR");
    }
    if (js_is_undefined(v))
        return strdup("undefined");
    JSValue s = js_bigint_to_string(ctx, v, radix);
    return js_string_to_utf8(ctx, s, NULL);
}

static void expect(JSValue v, int radix, const char *want, const char *what)
{
    char *got = str_of(v, radix);
    int ok = strcmp(got, want) == 0;
    if (!ok)
        printf("  %s: got %.80s, want %.80s\n", what, got, want);
    check(ok, what);
    free(got);
}

/* Every value the helpers below make is kept in a ring of roots for a
 * while, so nested calls such as op2(MUL, lit(..), lit(..)) are safe
 * under GC stress (an argument computed first stays rooted while the
 * next one allocates). */
#define KEEP_N 256
static JSRoot keep_roots[KEEP_N];
static unsigned keep_pos;

static JSValue keep(JSValue v)
{
    keep_roots[keep_pos++ % KEEP_N].v = v;
    return v;
}

static JSValue lit(const char *digits, int radix)
{
    return keep(js_bigint_from_literal(ctx, digits, strlen(digits), radix));
}

static JSValue from_str(const char *s)
{
    JSValue str = js_new_string_cstr(ctx, s);
    return keep(js_string_to_bigint(ctx, str));
}

static JSValue op2(int op, JSValue a, JSValue b)
{
    return keep(js_bigint_binary_op(ctx, op, a, b));
}

static JSValue op1(int op, JSValue a)
{
    return keep(js_bigint_unary_op(ctx, op, a));
}

/* Errors: an exception of the given constructor name. */
static void expect_error(JSValue v, const char *name, const char *what)
{
    int ok = js_is_exception(v);
    if (ok) {
        JSValue e = js_get_exception(ctx);
        JSRoot r;
        js_root_push(ctx, &r, e);
        JSValue n = js_get_property(ctx, e, JS_ATOM_name);
        char *s = js_is_string(n) ? js_string_to_utf8(ctx, n, NULL) : strdup("?");
        ok = strcmp(s, name) == 0;
        if (!ok)
            printf("  %s: got %s\n", what, s);
        free(s);
        js_root_pop(ctx, &r);
    }
    check(ok, what);
}

static uint64_t rng_state = 88172645463325252ull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A pseudo-random BigInt of up to max_limbs limbs, either sign. */
static JSValue random_big(uint32_t max_limbs)
{
    uint32_t n = (uint32_t)(rng() % max_limbs) + 1;
    char *hex = malloc(n * 16 + 1);
    for (uint32_t i = 0; i < n * 16; i++)
        hex[i] = "0123456789abcdef"[rng() & 15];
    if (rng() % 8 == 0)     /* long runs of ones or zeros */
        memset(hex + 1, rng() & 1 ? 'f' : '0', n * 16 - 2);
    hex[n * 16] = 0;
    JSValue v = lit(hex, 16);
    free(hex);
    if (rng() & 1)
        v = op1(JS_BIGINT_OP_NEG, v);
    return v;
}

static void test_known_values(void)
{
    JSRoot ra, rb;
    js_root_push(ctx, &ra, lit("1fd5863c3eb0469ec21a937a76f3432ffd73d97e447606b683ecf6f6e4a7ae225bfaff1eaaf8e0da", 16));
    js_root_push(ctx, &rb, lit("225fb2b4d30f724ecc6756cf1e0dff8fd714106fb48ac73f589329f2cab775e815ce46cb7fd9201b01f8913f3087c4733175180d10", 16));
    expect(op2(JS_BIGINT_OP_MUL, ra.v, rb.v), 16,
           "4464249c465dc1b57314b850a990641ed2a5b5738dff00e1b10d34e81fd31f41f24bc288967acddf121e535ef96104d0498bf28fbb2d47216f5fe3da9ef9b16de64c68e9e2fc617b724e95cc5d6e9c96a8a58869e11353e6c09691fa0",
           "mul (3^200+12345)(7^150-1)");
    /* 3^4000 and 5^1700 + 99: Karatsuba and Knuth division sizes */
    ra.v = op2(JS_BIGINT_OP_POW, lit("3", 10), lit("4000", 10));
    rb.v = op2(JS_BIGINT_OP_ADD, op2(JS_BIGINT_OP_POW, lit("5", 10), lit("1700", 10)), lit("99", 10));
    JSRoot rc;
    js_root_push(ctx, &rc, op2(JS_BIGINT_OP_MUL, ra.v, rb.v));
    rc.v = op2(JS_BIGINT_OP_MOD, rc.v, op2(JS_BIGINT_OP_SHL, lit("1", 10), lit("256", 10)));
    expect(rc.v, 16, "d3381b052b40d68c8faca026f8cfe3aaf00799974529742e68c0d732dd43fa54", "3^4000 * (5^1700+99) mod 2^256");
    rc.v = op2(JS_BIGINT_OP_DIV, ra.v, rb.v);
    char *s = str_of(rc.v, 36);
    check(strlen(s) == 463 && strncmp(s, "grc2efnvo54qn2j7myllk5bcwoluc023lmorf81j8gxxxgoj5tv736cltp8m", 60) == 0, "3^4000 / (5^1700+99) in radix 36");
    free(s);
    rc.v = op2(JS_BIGINT_OP_MOD, ra.v, rb.v);
    s = str_of(rc.v, 10);
    check(strlen(s) >= 40 && strcmp(s + strlen(s) - 40, "0908021427338015622159043451298721553077") == 0, "3^4000 % (5^1700+99)");
    free(s);
    expect(op2(JS_BIGINT_OP_POW, lit("123456789", 10), lit("25", 10)), 10,
           "19403247760586940637855504011621647647621666534381513744372816128946425165294463625192927278100479380237703711138777517958290080096028931794578237328058838277724532343788458899755387479071549219825389749",
           "123456789 ** 25");
    expect(lit("10000000000000000000", 10), 7, "23621642325042620603533", "10^19 in radix 7");
    js_root_pop(ctx, &ra);
}

static void test_signs(void)
{
    expect(op2(JS_BIGINT_OP_DIV, from_str("-7"), from_str("2")), 10, "-3", "-7n / 2n");
    expect(op2(JS_BIGINT_OP_MOD, from_str("-7"), from_str("2")), 10, "-1", "-7n % 2n");
    expect(op2(JS_BIGINT_OP_MOD, from_str("7"), from_str("-2")), 10, "1", "7n % -2n");
    expect(op2(JS_BIGINT_OP_SAR, from_str("-18446744073709551616"), from_str("1")), 10, "-9223372036854775808", "-(2^64) >> 1n");
    expect(op2(JS_BIGINT_OP_SAR, from_str("-18446744073709551617"), from_str("64")), 10, "-2", "(-(2^64)-1) >> 64n");
    expect(op2(JS_BIGINT_OP_SAR, from_str("-1"), from_str("1000")), 10, "-1", "-1n >> 1000n");
    expect(op2(JS_BIGINT_OP_SAR, from_str("5"), from_str("-3")), 10, "40", "5n >> -3n");
    expect(op2(JS_BIGINT_OP_SHL, from_str("-5"), from_str("-1")), 10, "-3", "-5n << -1n");
    expect(op2(JS_BIGINT_OP_AND, from_str("-5"), from_str("3")), 10, "3", "-5n & 3n");
    expect(op2(JS_BIGINT_OP_OR, from_str("-5"), from_str("3")), 10, "-5", "-5n | 3n");
    expect(op2(JS_BIGINT_OP_XOR, from_str("-5"), from_str("-3")), 10, "6", "-5n ^ -3n");
    expect(op1(JS_BIGINT_OP_NOT, from_str("0")), 10, "-1", "~0n");
    expect(op1(JS_BIGINT_OP_NOT, from_str("-1")), 10, "0", "~-1n");
    expect(op1(JS_BIGINT_OP_NEG, from_str("0")), 10, "0", "-0n");
    expect(op1(JS_BIGINT_OP_DEC, from_str("0")), 10, "-1", "0n - 1n");
    expect(op1(JS_BIGINT_OP_INC, from_str("-1")), 10, "0", "-1n + 1n");
    expect(op2(JS_BIGINT_OP_POW, from_str("-2"), from_str("63")), 10, "-9223372036854775808", "(-2n) ** 63n");
    expect(op2(JS_BIGINT_OP_POW, from_str("0"), from_str("0")), 10, "1", "0n ** 0n");
    expect(op2(JS_BIGINT_OP_POW, from_str("-1"), from_str("123456789012345678901234567890")), 10, "1", "(-1n) ** huge even");
    check(js_to_boolean(from_str("0")) == false && js_to_boolean(from_str("-1")) == true, "ToBoolean");
}

static void test_errors(void)
{
    expect_error(op2(JS_BIGINT_OP_DIV, from_str("1"), from_str("0")), "RangeError", "1n / 0n");
    expect_error(op2(JS_BIGINT_OP_MOD, from_str("1"), from_str("0")), "RangeError", "1n % 0n");
    expect_error(op2(JS_BIGINT_OP_POW, from_str("2"), from_str("-1")), "RangeError", "2n ** -1n");
    expect_error(op2(JS_BIGINT_OP_SHL, from_str("1"), from_str("100000000")), "RangeError", "1n << 10^8n");
    expect_error(op2(JS_BIGINT_OP_POW, from_str("3"), from_str("100000000")), "RangeError", "3n ** 10^8n");
    expect_error(op2(JS_BIGINT_OP_SHR, from_str("1"), from_str("1")), "TypeError", "1n >>> 1n");
    expect_error(op2(JS_BIGINT_OP_ADD, from_str("1"), js_int(1)), "TypeError", "1n + 1");
    expect_error(js_number_to_bigint(ctx, 1.5), "RangeError", "NumberToBigInt(1.5)");
    expect_error(js_number_to_bigint(ctx, NAN), "RangeError", "NumberToBigInt(NaN)");
    expect_error(js_to_bigint(ctx, js_int(1)), "TypeError", "ToBigInt(1)");
    expect_error(js_to_bigint(ctx, JS_UNDEFINED), "TypeError", "ToBigInt(undefined)");
    expect_error(js_to_bigint(ctx, js_new_string_cstr(ctx, "1.5")), "SyntaxError", "ToBigInt(\"1.5\")");
    expect(op2(JS_BIGINT_OP_SHL, from_str("0"), from_str("100000000")), 10, "0", "0n << 10^8n");
}

static void test_strings(void)
{
    static const struct { const char *in, *out; } cases[] = {
        { "", "0" }, { "   ", "0" }, { " 0x1F ", "31" }, { "0X1f", "31" }, { "0o17", "15" },
        { "0B101", "5" }, { "-0x1", "undefined" }, { "+0x1", "undefined" }, { "0x", "undefined" },
        { "1.5", "undefined" }, { "1e3", "undefined" }, { "0b102", "undefined" }, { "+12", "12" },
        { "-0", "0" }, { "-", "undefined" }, { "+", "undefined" }, { "\xC2\xA0" "12\xEF\xBB\xBF", "12" },
        { "\n\t-987654321987654321987654321\r\n", "-987654321987654321987654321" },
        { "00012", "12" }, { "1_000", "undefined" }, { "Infinity", "undefined" }, { "0x1g", "undefined" },
        { "12 3", "undefined" }, { "\xE2\x80\xA8" "7", "7" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char what[80];
        snprintf(what, sizeof what, "StringToBigInt(\"%s\")", cases[i].in);
        expect(from_str(cases[i].in), 10, cases[i].out, what);
    }
    expect(from_str("-255"), 16, "-ff", "toString(16) of -255n");
    expect(from_str("35"), 36, "z", "toString(36) of 35n");
    expect(from_str("0"), 2, "0", "toString(2) of 0n");
    expect(from_str("-18446744073709551616"), 2, "-1" "0000000000000000000000000000000000000000000000000000000000000000", "toString(2) of -(2^64)");
}

static void test_numbers(void)
{
    static const struct { const char *in; double want; } cases[] = {
        { "9007199254740993", 9007199254740992.0 },           /* 2^53 + 1: tie, to even */
        { "9007199254740995", 9007199254740996.0 },           /* 2^53 + 3: tie, to even */
        { "-18446744073709553664", -18446744073709551616.0 }, /* -(2^64 + 2^11): tie */
        { "18446744073709553665", 18446744073709555712.0 },   /* 2^64 + 2^11 + 1: up */
        { "0", 0.0 }, { "-1", -1.0 }, { "18446744073709551615", 18446744073709551616.0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char what[80];
        snprintf(what, sizeof what, "Number(%sn)", cases[i].in);
        check(js_bigint_to_double(from_str(cases[i].in)) == cases[i].want, what);
    }
    JSRoot r;
    js_root_push(ctx, &r, op2(JS_BIGINT_OP_SHL, from_str("1"), from_str("1024")));
    check(js_bigint_to_double(r.v) == INFINITY, "Number(2n ** 1024n)");
    /* 2^1024 - 2^970 rounds up to Infinity, one less rounds down to MAX_VALUE */
    r.v = op2(JS_BIGINT_OP_SUB, r.v, op2(JS_BIGINT_OP_SHL, from_str("1"), from_str("970")));
    check(js_bigint_to_double(r.v) == INFINITY, "Number(2^1024 - 2^970)");
    r.v = op1(JS_BIGINT_OP_DEC, r.v);
    check(js_bigint_to_double(r.v) == 1.7976931348623157e308, "Number(2^1024 - 2^970 - 1)");
    js_root_pop(ctx, &r);

    expect(js_number_to_bigint(ctx, 1e300), 16, "17e43c8800759c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "BigInt(1e300)");
    expect(js_number_to_bigint(ctx, -0.0), 10, "0", "BigInt(-0)");
    expect(js_number_to_bigint(ctx, -4503599627370497.0), 10, "-4503599627370497", "BigInt(-(2^52+1))");

    JSRoot rb;
    js_root_push(ctx, &rb, from_str("9007199254740993"));
    check(js_bigint_compare_number(rb.v, 9007199254740992.0) > 0, "2^53+1 > 2^53");
    check(js_bigint_compare_number(rb.v, INFINITY) < 0, "x < Infinity");
    check(js_bigint_compare_number(rb.v, -INFINITY) > 0, "x > -Infinity");
    check(js_bigint_compare_number(rb.v, NAN) == 2, "x vs NaN unordered");
    rb.v = from_str("-1");
    check(js_bigint_compare_number(rb.v, -0.5) < 0, "-1n < -0.5");
    check(js_bigint_compare_number(rb.v, -1.5) > 0, "-1n > -1.5");
    check(js_bigint_compare_number(rb.v, -1.0) == 0, "-1n == -1");
    rb.v = from_str("0");
    check(js_bigint_compare_number(rb.v, -0.0) == 0, "0n == -0");
    check(js_bigint_compare_number(rb.v, 5e-324) < 0, "0n < 5e-324");
    js_root_pop(ctx, &rb);

    int64_t i64 = 0;
    uint64_t u64 = 0;
    check(js_to_bigint64(ctx, &i64, from_str("18446744073709551615")) == 0 && i64 == -1, "ToBigInt64(2^64-1)");
    check(js_to_biguint64(ctx, &u64, from_str("-1")) == 0 && u64 == UINT64_MAX, "ToBigUint64(-1)");
    check(js_to_bigint64(ctx, &i64, JS_TRUE) == 0 && i64 == 1, "ToBigInt64(true)");
    expect(js_bigint_from_int64(ctx, INT64_MIN), 10, "-9223372036854775808", "from_int64(INT64_MIN)");
    expect(js_bigint_from_uint64(ctx, UINT64_MAX), 10, "18446744073709551615", "from_uint64(max)");
}

static void test_as_n(void)
{
    expect(js_bigint_as_n(ctx, 64, from_str("9223372036854775808"), true), 10, "-9223372036854775808", "asIntN(64, 2^63)");
    expect(js_bigint_as_n(ctx, 64, from_str("-1"), false), 10, "18446744073709551615", "asUintN(64, -1)");
    expect(js_bigint_as_n(ctx, 1, from_str("1"), true), 10, "-1", "asIntN(1, 1)");
    expect(js_bigint_as_n(ctx, 65, from_str("-18446744073709551616"), true), 10, "-18446744073709551616", "asIntN(65, -(2^64))");
    expect(js_bigint_as_n(ctx, 3, from_str("-9"), false), 10, "7", "asUintN(3, -9)");
    expect(js_bigint_as_n(ctx, 128, from_str("-170141183460469231731687303715884105728"), true), 10,
           "-170141183460469231731687303715884105728", "asIntN(128, -(2^127))");
    expect(js_bigint_as_n(ctx, 0, from_str("-9"), true), 10, "0", "asIntN(0, -9)");
    expect(js_bigint_as_n(ctx, 9007199254740991ull, from_str("-9"), true), 10, "-9", "asIntN(2^53-1, -9)");
    expect_error(js_bigint_as_n(ctx, 9007199254740991ull, from_str("-9"), false), "RangeError", "asUintN(2^53-1, -9)");
    expect(js_bigint_as_n(ctx, 9007199254740991ull, from_str("9"), false), 10, "9", "asUintN(2^53-1, 9)");
}

/* Identities on random operands of many sizes. */
static void test_random(void)
{
    int bad_div = 0, bad_add = 0, bad_bit = 0, bad_shift = 0, bad_str = 0, bad_sq = 0;
    for (int iter = 0; iter < 300; iter++) {
        uint32_t size = iter % 3 == 0 ? 120 : iter % 3 == 1 ? 40 : 4;
        JSRoot ra, rb, rq, rr, rt;
        js_root_push(ctx, &ra, random_big(size));
        js_root_push(ctx, &rb, random_big(size));
        js_root_push(ctx, &rq, JS_UNDEFINED);
        js_root_push(ctx, &rr, JS_UNDEFINED);
        js_root_push(ctx, &rt, JS_UNDEFINED);
        if (js_bigint_sign(rb.v) != 0) {
            /* (a / b) * b + a % b == a, |a % b| < |b|, sign(a % b) = sign(a) or 0 */
            rq.v = op2(JS_BIGINT_OP_DIV, ra.v, rb.v);
            rr.v = op2(JS_BIGINT_OP_MOD, ra.v, rb.v);
            rt.v = op2(JS_BIGINT_OP_ADD, op2(JS_BIGINT_OP_MUL, rq.v, rb.v), rr.v);
            int rs = js_bigint_sign(rr.v);
            if (js_bigint_compare(rt.v, ra.v) != 0 || (rs != 0 && rs != js_bigint_sign(ra.v)))
                bad_div++;
            /* (a * b) / b == a */
            rt.v = op2(JS_BIGINT_OP_DIV, op2(JS_BIGINT_OP_MUL, ra.v, rb.v), rb.v);
            if (js_bigint_compare(rt.v, ra.v) != 0)
                bad_div++;
        }
        /* (a + b) - b == a; (a & b) + (a | b) == a + b; a ^ b ^ b == a */
        rt.v = op2(JS_BIGINT_OP_SUB, op2(JS_BIGINT_OP_ADD, ra.v, rb.v), rb.v);
        if (js_bigint_compare(rt.v, ra.v) != 0)
            bad_add++;
        rq.v = op2(JS_BIGINT_OP_ADD, op2(JS_BIGINT_OP_AND, ra.v, rb.v), op2(JS_BIGINT_OP_OR, ra.v, rb.v));
        rt.v = op2(JS_BIGINT_OP_ADD, ra.v, rb.v);
        if (js_bigint_compare(rq.v, rt.v) != 0)
            bad_bit++;
        rt.v = op2(JS_BIGINT_OP_XOR, op2(JS_BIGINT_OP_XOR, ra.v, rb.v), rb.v);
        if (js_bigint_compare(rt.v, ra.v) != 0)
            bad_bit++;
        /* (a << k) >> k == a; a >> k == floor(a / 2^k) */
        JSValue k = js_bigint_from_int64(ctx, (int64_t)(rng() % 300));
        rr.v = k;
        rt.v = op2(JS_BIGINT_OP_SAR, op2(JS_BIGINT_OP_SHL, ra.v, rr.v), rr.v);
        if (js_bigint_compare(rt.v, ra.v) != 0)
            bad_shift++;
        rq.v = op2(JS_BIGINT_OP_SAR, ra.v, rr.v);
        rt.v = op2(JS_BIGINT_OP_SHL, rq.v, rr.v);   /* floor(a / 2^k) * 2^k <= a < that + 2^k */
        rr.v = op2(JS_BIGINT_OP_SUB, ra.v, rt.v);
        if (js_bigint_sign(rr.v) < 0)
            bad_shift++;
        /* (a + 1)(a - 1) == a^2 - 1 */
        rq.v = op2(JS_BIGINT_OP_MUL, op1(JS_BIGINT_OP_INC, ra.v), op1(JS_BIGINT_OP_DEC, ra.v));
        rt.v = op1(JS_BIGINT_OP_DEC, op2(JS_BIGINT_OP_POW, ra.v, from_str("2")));
        if (js_bigint_compare(rq.v, rt.v) != 0)
            bad_sq++;
        /* string round trips in every radix */
        int radix = 2 + (int)(rng() % 35);
        rt.v = js_bigint_to_string(ctx, ra.v, radix);
        if (radix == 10) {
            rq.v = js_string_to_bigint(ctx, rt.v);
        } else {
            char *s = js_string_to_utf8(ctx, rt.v, NULL);
            bool neg = s[0] == '-';
            rq.v = js_bigint_from_literal(ctx, s + neg, strlen(s + neg), radix);
            if (neg)
                rq.v = op1(JS_BIGINT_OP_NEG, rq.v);
            free(s);
        }
        if (js_is_exception(rq.v) || js_bigint_compare(rq.v, ra.v) != 0)
            bad_str++;
        js_root_pop(ctx, &ra);
    }
    check(bad_div == 0, "random: division identities");
    check(bad_add == 0, "random: add/sub");
    check(bad_bit == 0, "random: bitwise identities");
    check(bad_shift == 0, "random: shifts");
    check(bad_sq == 0, "random: (a+1)(a-1) == a^2-1");
    check(bad_str == 0, "random: string round trips");
}

/* A long decimal number: divide-and-conquer parse and print. */
static void test_long_strings(void)
{
    size_t n = 20000;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('0' + (i * 7 + i / 3 + 1) % 10);
    s[n] = 0;
    JSRoot r;
    js_root_push(ctx, &r, lit(s, 10));
    char *back = str_of(r.v, 10);
    check(strcmp(back, s) == 0, "20000-digit decimal round trip");
    free(back);
    /* 10^20000 - 1 prints as 20000 nines */
    r.v = op1(JS_BIGINT_OP_DEC, op2(JS_BIGINT_OP_POW, from_str("10"), from_str("20000")));
    back = str_of(r.v, 10);
    memset(s, '9', n);
    check(strcmp(back, s) == 0, "10^20000 - 1");
    free(back);
    js_root_pop(ctx, &r);
    free(s);
}

int main(void)
{
    JSRuntime *rt = js_new_runtime();
    ctx = rt ? js_new_context(rt) : NULL;
    if (!ctx) {
        printf("cannot create a context\n0 passed, 1 failed\n");
        return 1;
    }
    for (int i = 0; i < KEEP_N; i++)
        js_root_push(ctx, &keep_roots[i], JS_UNDEFINED);
    test_known_values();
    test_signs();
    test_errors();
    test_strings();
    test_numbers();
    test_as_n();
    test_random();
    test_long_strings();
    js_root_pop(ctx, &keep_roots[0]);
    js_free_runtime(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
