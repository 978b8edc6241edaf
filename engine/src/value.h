/* JSValue: one 64-bit NaN-boxed word. Doubles are stored as themselves
 * (every NaN canonicalized to 0x7FF8000000000000); the negative quiet-NaN
 * space above 0xFFF8_xxxx holds tagged values: int32 immediates, special
 * immediates and heap references (a 48-bit pointer in the low bits).
 * Values are copied by value; nothing is reference counted. */
#ifndef VALUE_H
#define VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "config.h"

typedef uint64_t JSValue;

/* Tags live in the top 16 bits. A word whose top 16 bits are below
 * JS_TAG_INT is a double. */
#define JS_TAG_INT     0xFFF9u  /* low 32 bits: int32 */
#define JS_TAG_SPECIAL 0xFFFAu  /* low bits: JS_SPECIAL_* */
#define JS_TAG_OBJECT  0xFFFBu  /* JSObject * */
#define JS_TAG_STRING  0xFFFCu  /* JSString * */
#define JS_TAG_SYMBOL  0xFFFDu  /* JSSymbol * */
#define JS_TAG_BIGINT  0xFFFEu  /* JSBigInt * */
#define JS_TAG_CELL    0xFFFFu  /* any other GC cell (internal use only) */

#define JS_TAG_SHIFT 48
#define JS_PAYLOAD_MASK 0x0000FFFFFFFFFFFFull
#define JS_MKTAG(tag, payload) (((uint64_t)(tag) << JS_TAG_SHIFT) | (uint64_t)(payload))

enum {
    JS_SPECIAL_UNDEFINED = 0,
    JS_SPECIAL_NULL = 1,
    JS_SPECIAL_FALSE = 2,       /* bit 0 = boolean value */
    JS_SPECIAL_TRUE = 3,
    JS_SPECIAL_EMPTY = 4,       /* array hole / absent value */
    JS_SPECIAL_UNINITIALIZED = 5, /* binding in its temporal dead zone */
    JS_SPECIAL_EXCEPTION = 6,   /* returned by C code: an exception is pending */
    JS_SPECIAL_LAZY = 7,        /* slot of a lazy global not made yet (lazy_global.c) */
};

#define JS_UNDEFINED JS_MKTAG(JS_TAG_SPECIAL, JS_SPECIAL_UNDEFINED)
#define JS_NULL JS_MKTAG(JS_TAG_SPECIAL, JS_SPECIAL_NULL)
#define JS_FALSE JS_MKTAG(JS_TAG_SPECIAL, JS_SPECIAL_FALSE)
#define JS_TRUE JS_MKTAG(JS_TAG_SPECIAL, JS_SPECIAL_TRUE)
#define JS_EMPTY JS_MKTAG(JS_TAG_SPECIAL, JS_SPECIAL_EMPTY)
#define JS_UNINITIALIZED JS_MKTAG(JS_TAG_SPECIAL, JS_SPECIAL_UNINITIALIZED)
#define JS_EXCEPTION JS_MKTAG(JS_TAG_SPECIAL, JS_SPECIAL_EXCEPTION)
#define JS_NAN_BITS 0x7FF8000000000000ull

static inline uint32_t js_tag(JSValue v) { return (uint32_t)(v >> JS_TAG_SHIFT); }

static inline bool js_is_double(JSValue v) { return v < ((uint64_t)JS_TAG_INT << JS_TAG_SHIFT); }
static inline bool js_is_int(JSValue v) { return js_tag(v) == JS_TAG_INT; }
static inline bool js_is_number(JSValue v) { return v < ((uint64_t)JS_TAG_SPECIAL << JS_TAG_SHIFT); }
static inline bool js_is_undefined(JSValue v) { return v == JS_UNDEFINED; }
static inline bool js_is_null(JSValue v) { return v == JS_NULL; }
static inline bool js_is_nullish(JSValue v) { return (v | 1) == JS_NULL; }
static inline bool js_is_bool(JSValue v) { return (v | 1) == JS_TRUE; }
static inline bool js_is_exception(JSValue v) { return v == JS_EXCEPTION; }
static inline bool js_is_empty(JSValue v) { return v == JS_EMPTY; }
static inline bool js_is_uninitialized(JSValue v) { return v == JS_UNINITIALIZED; }
static inline bool js_is_object(JSValue v) { return js_tag(v) == JS_TAG_OBJECT; }
static inline bool js_is_string(JSValue v) { return js_tag(v) == JS_TAG_STRING; }
static inline bool js_is_symbol(JSValue v) { return js_tag(v) == JS_TAG_SYMBOL; }
static inline bool js_is_bigint(JSValue v) { return js_tag(v) == JS_TAG_BIGINT; }
/* Any heap reference (object, string, symbol, bigint, internal cell). */
static inline bool js_is_cell(JSValue v) { return v >= ((uint64_t)JS_TAG_OBJECT << JS_TAG_SHIFT); }

static inline JSValue js_bool(bool b) { return b ? JS_TRUE : JS_FALSE; }
static inline bool js_get_bool(JSValue v) { return (bool)(v & 1); }

static inline JSValue js_int(int32_t i) { return JS_MKTAG(JS_TAG_INT, (uint32_t)i); }
static inline int32_t js_get_int(JSValue v) { return (int32_t)(uint32_t)v; }

static inline double js_get_double(JSValue v)
{
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}
/* Stores d as a double, canonicalizing NaN. Use js_number() when an
 * integral value should become an int32 immediate. */
static inline JSValue js_double(double d)
{
    JSValue v;
    if (js_unlikely(d != d))
        return JS_NAN_BITS;
    memcpy(&v, &d, sizeof v);
    return v;
}
/* The numeric value of a number (int32 or double). */
static inline double js_number_value(JSValue v)
{
    return js_is_int(v) ? (double)js_get_int(v) : js_get_double(v);
}
/* A number, as int32 when d is an int32 other than -0. */
static inline JSValue js_number(double d)
{
    if (d >= -2147483648.0 && d <= 2147483647.0) {
        int32_t i = (int32_t)d;
        if ((double)i == d && !(i == 0 && 1 / d < 0))
            return js_int(i);
    }
    return js_double(d);
}

static inline void *js_get_ptr(JSValue v) { return (void *)(uintptr_t)(v & JS_PAYLOAD_MASK); }
static inline JSValue js_mkptr(uint32_t tag, const void *p) { return JS_MKTAG(tag, (uintptr_t)p); }

struct JSObject;
struct JSString;
struct JSSymbol;

#define JS_VALUE_GET_OBJ(v) ((struct JSObject *)js_get_ptr(v))
#define JS_VALUE_GET_STRING(v) ((struct JSString *)js_get_ptr(v))
#define JS_VALUE_GET_SYMBOL(v) ((struct JSSymbol *)js_get_ptr(v))

static inline JSValue js_obj_value(const struct JSObject *o) { return js_mkptr(JS_TAG_OBJECT, o); }
static inline JSValue js_str_value(const struct JSString *s) { return js_mkptr(JS_TAG_STRING, s); }
static inline JSValue js_sym_value(const struct JSSymbol *s) { return js_mkptr(JS_TAG_SYMBOL, s); }

#endif
