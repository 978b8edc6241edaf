/* Abstract operations of ECMA-262 section 7: type conversion, testing and
 * comparison, operations on objects and iterators. Unless stated, each
 * may run JS (valueOf, toString, getters, proxies) and so may collect
 * and throw. */
#ifndef CONV_H
#define CONV_H

#include <stdbool.h>
#include <stdint.h>
#include "context.h"

typedef enum { JS_HINT_DEFAULT, JS_HINT_NUMBER, JS_HINT_STRING } JSToPrimitiveHint;

/* 7.1 Type conversion */
JSValue js_to_primitive(JSContext *ctx, JSValue v, JSToPrimitiveHint hint);
bool js_to_boolean(JSValue v);                           /* never throws, no GC */
int js_to_number(JSContext *ctx, double *out, JSValue v);
JSValue js_to_numeric(JSContext *ctx, JSValue v);         /* number or bigint */
int js_to_int32(JSContext *ctx, int32_t *out, JSValue v);
int js_to_uint32(JSContext *ctx, uint32_t *out, JSValue v);
int js_to_int_or_infinity(JSContext *ctx, double *out, JSValue v);
int js_to_length(JSContext *ctx, int64_t *out, JSValue v);    /* 0..2^53-1 */
int js_to_index(JSContext *ctx, uint64_t *out, JSValue v);     /* RangeError if invalid */
JSValue js_to_string(JSContext *ctx, JSValue v);
/* ToString for property keys and messages: symbols allowed (descriptive
 * string), never throws except on OOM. */
JSValue js_to_string_for_display(JSContext *ctx, JSValue v);
JSValue js_to_object(JSContext *ctx, JSValue v);
/* ToPropertyKey to an atom; JS_ATOM_NULL on exception. */
JSAtom js_to_property_key(JSContext *ctx, JSValue v);
/* An atom for a string or symbol value (no conversion). May collect. */
JSAtom js_value_to_atom(JSContext *ctx, JSValue key);

/* Number <-> string. No JS runs; may collect (allocation). */
JSValue js_number_to_string(JSContext *ctx, double d);
JSValue js_int_to_string(JSContext *ctx, int32_t i);
/* StringToNumber (whitespace trimmed, hex/octal/binary, Infinity). */
double js_string_to_number(JSContext *ctx, JSValue str);
/* ToInt32 / ToUint32 of a double. Pure. */
int32_t js_double_to_int32(double d);

/* 7.2 Testing and comparison */
bool js_same_value(JSContext *ctx, JSValue a, JSValue b);
bool js_same_value_zero(JSContext *ctx, JSValue a, JSValue b);
bool js_strict_equals(JSContext *ctx, JSValue a, JSValue b);   /* may flatten strings */
int js_loose_equals(JSContext *ctx, JSValue a, JSValue b);     /* -1 / 0 / 1 */
/* The typeof string as an atom. No JS runs. */
JSAtom js_typeof_atom(JSValue v);
/* IsLessThan(a, b, leftFirst) on primitives already converted:
 * returns 1 true, 0 false or undefined, -1 exception. */
int js_less_than(JSContext *ctx, JSValue a, JSValue b, bool left_first);
int js_instanceof(JSContext *ctx, JSValue v, JSValue target);  /* -1/0/1 */
int js_ordinary_has_instance(JSContext *ctx, JSValue c, JSValue o);
bool js_is_integral_number(JSValue v);
bool js_is_regexp(JSContext *ctx, JSValue v, int *err);

/* 7.3 Operations on objects */
/* GetMethod: undefined if absent or nullish; TypeError if not callable. */
JSValue js_get_method(JSContext *ctx, JSValue v, JSAtom prop);
int js_length_of_array_like(JSContext *ctx, int64_t *out, JSValue obj);
/* SpeciesConstructor(obj, default). */
JSValue js_species_constructor(JSContext *ctx, JSValue obj, JSValue default_ctor);
/* CreateListFromArrayLike: a JSValueArray, or NULL on exception. */
JSValueArray *js_create_list_from_array_like(JSContext *ctx, JSValue obj);
/* The realm of a function (GetFunctionRealm). */
JSContext *js_get_function_realm(JSContext *ctx, JSValue func);

/* 7.4 Iterators. An iterator record is kept in two values the caller
 * roots: the iterator object and its next method. */
typedef struct JSIteratorRecord {
    JSValue iterator;
    JSValue next;
    bool done;
} JSIteratorRecord;
/* GetIterator(obj, sync). */
int js_get_iterator(JSContext *ctx, JSValue obj, JSIteratorRecord *rec);
/* GetIteratorFromMethod. */
int js_get_iterator_from_method(JSContext *ctx, JSValue obj, JSValue method, JSIteratorRecord *rec);
/* IteratorStepValue: 1 and *value on a value, 0 when done, -1 on error
 * (rec->done is set on done and on error, as the spec says). */
int js_iterator_step_value(JSContext *ctx, JSIteratorRecord *rec, JSValue *value);
/* IteratorClose. With is_throw the pending exception is kept and any
 * error from return() is ignored; returns -1 if an exception is pending
 * afterwards. */
int js_iterator_close(JSContext *ctx, JSValue iterator, bool is_throw);
/* CreateIterResultObject. May collect. */
JSValue js_create_iter_result(JSContext *ctx, JSValue value, bool done);

/* BigInt operations the conversions need, provided by the BigInt module
 * at runtime setup (rt->bigint_ops = &its_table). Until it is set, BigInt
 * values cannot exist and these are never called. */
/* h.flags bit of a BigInt cell whose value is 0n (set by the BigInt
 * module), so that ToBoolean needs no runtime. */
#define JS_BIGINT_FLAG_ZERO 0x1
typedef struct JSBigIntOps {
    /* ToString(bigint) in radix 10. May collect. */
    JSValue (*to_string)(JSContext *ctx, JSValue a);
    /* StringToBigInt: a bigint, or undefined if the string is not a valid
     * StringIntegerLiteral; JS_EXCEPTION on OOM. May collect. */
    JSValue (*from_string)(JSContext *ctx, JSValue str);
    /* Both bigints: <0, 0, >0. */
    int (*compare)(JSValue a, JSValue b);
    /* a bigint vs a number d (not NaN): <0, 0, >0 (mathematical values,
     * infinities included). */
    int (*compare_number)(JSValue a, double d);
} JSBigIntOps;

#endif
