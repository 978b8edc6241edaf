/* BigInt values (ECMA-262 6.1.6.2): the immutable JSBigInt heap cell
 * (sign and magnitude, 64-bit limbs inline), its arithmetic, bitwise
 * operations with two's-complement semantics, comparisons with BigInts and
 * Numbers, and the conversions to and from strings and Numbers.
 * The BigInt constructor and prototype are in builtins/bigint.c. */
#ifndef BIGINT_H
#define BIGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "context.h"

/* Largest BigInt, in bits: results beyond it throw RangeError "Maximum
 * BigInt size exceeded". */
#ifndef JS_BIGINT_MAX_BITS
#define JS_BIGINT_MAX_BITS (1u << 24)
#endif

/* The cell. Normalized: no leading zero limb, so 0n has no limb and is
 * never negative. h.aux = number of limbs, h.flags = JS_BIGINT_FLAG_ZERO
 * (conv.h) for 0n, JS_BIGINT_FLAG_NEG for a negative value. Immutable
 * once made, with no reference to other cells and no finalizer. */
#define JS_BIGINT_FLAG_NEG 0x2
typedef struct JSBigInt {
    GCHeader h;
    uint64_t limbs[];       /* magnitude, least significant first */
} JSBigInt;

#define JS_VALUE_GET_BIGINT(v) ((JSBigInt *)js_get_ptr(v))
static inline JSValue js_bigint_value(const JSBigInt *b) { return js_mkptr(JS_TAG_BIGINT, b); }

/* Operators for js_bigint_binary_op. */
typedef enum JSBigIntBinOp {
    JS_BIGINT_OP_ADD, JS_BIGINT_OP_SUB, JS_BIGINT_OP_MUL, JS_BIGINT_OP_DIV,
    JS_BIGINT_OP_MOD, JS_BIGINT_OP_POW,
    JS_BIGINT_OP_SHL,       /* << */
    JS_BIGINT_OP_SAR,       /* >> */
    JS_BIGINT_OP_SHR,       /* >>>: always TypeError for BigInts */
    JS_BIGINT_OP_AND, JS_BIGINT_OP_OR, JS_BIGINT_OP_XOR,
} JSBigIntBinOp;

/* Operators for js_bigint_unary_op. */
typedef enum JSBigIntUnOp {
    JS_BIGINT_OP_NEG,       /* -x */
    JS_BIGINT_OP_NOT,       /* ~x */
    JS_BIGINT_OP_INC,       /* x + 1n (++) */
    JS_BIGINT_OP_DEC,       /* x - 1n (--) */
} JSBigIntUnOp;

/* The slow path of a binary numeric operator when either operand is a
 * BigInt. a and b are primitives (after ToPrimitive, or already numeric
 * after ToNumeric); a non-BigInt operand is passed through ToNumeric
 * (a Symbol throws TypeError there) and then, as the types differ,
 * TypeError "Cannot mix BigInt and other types" is thrown. RangeError on
 * division by zero, a negative exponent, or a result past
 * JS_BIGINT_MAX_BITS. May collect; returns a BigInt or JS_EXCEPTION. */
JSValue js_bigint_binary_op(JSContext *ctx, int op, JSValue a, JSValue b);
/* -a, ~a, a + 1n, a - 1n for a BigInt a. May collect; JS_EXCEPTION on
 * out-of-memory or size limit. */
JSValue js_bigint_unary_op(JSContext *ctx, int op, JSValue a);

/* Relational operators for js_bigint_relational. */
typedef enum JSBigIntCmpOp {
    JS_BIGINT_CMP_LT, JS_BIGINT_CMP_LE, JS_BIGINT_CMP_GT, JS_BIGINT_CMP_GE,
} JSBigIntCmpOp;

/* a < b, a <= b, a > b, a >= b once both operands went through
 * ToPrimitive(hint number) (left first) and either is a BigInt: the rest
 * of IsLessThan (StringToBigInt for a string operand, ToNumeric, exact
 * BigInt/Number comparison). An undefined comparison (NaN, a string that
 * is not a BigInt) makes all four false. May collect (ToNumeric of a
 * Symbol throws TypeError); JS_TRUE, JS_FALSE or JS_EXCEPTION. */
JSValue js_bigint_relational(JSContext *ctx, int op, JSValue a, JSValue b);

/* Comparisons. Never collect, never throw. */
/* Both BigInts: <0, 0, >0. */
int js_bigint_compare(JSValue a, JSValue b);
/* BigInt a vs Number d (infinities included): <0, 0, >0; 2 when d is NaN
 * (unordered: every relation is false). */
int js_bigint_compare_number(JSValue a, double d);
/* SameValue / SameValueZero / === on two BigInts. */
bool js_bigint_equal(JSValue a, JSValue b);
/* Hash of the value (equal BigInts hash equally), for Map/Set keys. */
uint32_t js_bigint_hash(JSValue a);
/* Sign: -1, 0 or 1. */
int js_bigint_sign(JSValue a);

/* Creation. All may collect and return JS_EXCEPTION after throwing. */
JSValue js_bigint_from_int64(JSContext *ctx, int64_t v);
JSValue js_bigint_from_uint64(JSContext *ctx, uint64_t v);
/* A BigInt literal of the parser: ASCII digits in radix (2, 8, 10 or
 * 16), no sign, prefix, separator or 'n'. */
JSValue js_bigint_from_literal(JSContext *ctx, const char *digits, size_t len, int radix);
/* NumberToBigInt: RangeError unless d is an integral Number. */
JSValue js_number_to_bigint(JSContext *ctx, double d);
/* StringToBigInt: a BigInt, or undefined when str is not a valid
 * StringIntegerLiteral (whitespace trimmed, "" is 0n, 0x/0o/0b without a
 * sign). JS_EXCEPTION on out-of-memory. */
JSValue js_string_to_bigint(JSContext *ctx, JSValue str);
/* ToBigInt(v): booleans and strings convert (SyntaxError for a bad
 * string); undefined, null, Numbers and Symbols throw TypeError. May run
 * JS (ToPrimitive). */
JSValue js_to_bigint(JSContext *ctx, JSValue v);
/* ToBigInt64 / ToBigUint64: ToBigInt, then modulo 2^64. May run JS;
 * 0, or -1 with an exception. */
int js_to_bigint64(JSContext *ctx, int64_t *out, JSValue v);
int js_to_biguint64(JSContext *ctx, uint64_t *out, JSValue v);
/* BigInt.asIntN (is_signed) / BigInt.asUintN of a BigInt a with bits in
 * 0..2^53-1. May collect; RangeError when the result is too large. */
JSValue js_bigint_as_n(JSContext *ctx, uint64_t bits, JSValue a, bool is_signed);

/* Conversions out. */
/* The digits in radix 2..36 (lowercase, '-' for negatives). May collect;
 * JS_EXCEPTION on out-of-memory. */
JSValue js_bigint_to_string(JSContext *ctx, JSValue a, int radix);
/* 𝔽(ℝ(a)): correctly rounded, ties to even, +-Infinity past the range.
 * Never collects. */
double js_bigint_to_double(JSValue a);
/* Low 64 bits in two's complement (BigInt.asUintN(64, a)). Never
 * collects. */
uint64_t js_bigint_low64(JSValue a);

/* Installs the operations conv.c needs (rt->bigint_ops). Never collects. */
void js_bigint_init_runtime(JSRuntime *rt);

#endif
