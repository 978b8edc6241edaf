/* JS strings: immutable sequences of UTF-16 code units, stored as Latin-1
 * bytes when every unit is below 256, or as UTF-16. Concatenation builds
 * ropes (a cell with two children) so that `s += x` in a loop is linear;
 * a long substring of a long string is a slice (a cell pointing into its
 * base string) so that `s = s.slice(n)` in a loop is linear too. Ropes and
 * slices are flattened in place (the cell becomes an indirection to a flat
 * copy) when code needs a flat string; the hot readers use a view
 * (js_string_view), which reads a slice where it lies. Also: symbols, and
 * the StringBuffer used to build strings. */
#ifndef STR_H
#define STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gc.h"
#include "atom.h"

/* h.flags bits of a JSString */
/* JS_STR_WIDE: on a flat string (and a flat ref), UTF-16 storage, and
 * then at least one unit is above 255: a flat string whose units all fit
 * in Latin-1 is always stored as Latin-1 (atoms and equality rely on it).
 * On a slice it is the base's width and on a rope the OR of its children's
 * flags, so there it only means "may hold a unit above 255". */
#define JS_STR_WIDE 0x01
#define JS_STR_ROPE 0x02    /* rope: u.rope.left/right children */
#define JS_STR_ATOM 0x04    /* interned: the atom table owns it; h.aux = atom */
#define JS_STR_HASHED 0x08  /* hash is valid */
/* Flattened rope or slice: u.rope.left is the flat copy; u.rope.right is
 * NULL, or for a former slice its base, kept alive so that views taken of
 * the slice before it was flattened stay valid. */
#define JS_STR_FLAT_REF 0x10
#define JS_STR_SLICE 0x20   /* slice: len units of u.slice.base from u.slice.start */

typedef struct JSString {
    GCHeader h;
    uint32_t len;           /* length in code units */
    uint32_t hash;
    union {
        struct {            /* rope (JS_STR_ROPE) and flat ref (JS_STR_FLAT_REF) */
            struct JSString *left, *right;
        } rope;
        struct {            /* slice (JS_STR_SLICE); base is flat, never a slice */
            struct JSString *base;
            uint32_t start;
        } slice;
        uint8_t latin1[1];  /* flat Latin-1 data (len bytes + NUL) */
        uint16_t wide[1];   /* flat UTF-16 data */
    } u;
} JSString;

typedef struct JSSymbol {
    GCHeader h;             /* h.aux = its atom */
    JSValue description;    /* string or undefined */
    bool registered;        /* created by Symbol.for: cannot be held weakly */
} JSSymbol;

/* h.flags bit of a JSSymbol that is a class private name (#x): its
 * properties are private elements, never listed by [[OwnPropertyKeys]]
 * and never seen by proxy traps. (Also defined in interp_int.h.) */
#define JS_SYMBOL_PRIVATE 0x8000
static inline bool js_symbol_is_private(const JSSymbol *s)
{
    return (s->h.flags & JS_SYMBOL_PRIVATE) != 0;
}

/* Creating strings. All may collect; they return JS_EXCEPTION after
 * throwing out-of-memory (or RangeError past JS_STRING_MAX_LEN). */
JSValue js_new_string_cstr(JSContext *ctx, const char *utf8);     /* UTF-8 / WTF-8 */
JSValue js_new_string_utf8(JSContext *ctx, const char *s, size_t len);
JSValue js_new_string_latin1(JSContext *ctx, const uint8_t *s, size_t len);
JSValue js_new_string_utf16(JSContext *ctx, const uint16_t *s, size_t len); /* narrows when possible */
JSValue js_new_string_char(JSContext *ctx, uint16_t c);  /* single unit; cached for < 256, no alloc */
JSValue js_string_concat(JSContext *ctx, JSValue a, JSValue b); /* both strings; may make a rope */
JSValue js_string_substring(JSContext *ctx, JSValue s, uint32_t start, uint32_t end);
/* printf-style; %s takes a C string (UTF-8). */
JSValue js_new_string_fmt(JSContext *ctx, const char *fmt, ...) js_printf_like(2, 3);

/* Reading strings. */
static inline uint32_t js_string_len(JSValue s) { return JS_VALUE_GET_STRING(s)->len; }
static inline bool js_string_is_flat(const JSString *p)
{
    return !(p->h.flags & (JS_STR_ROPE | JS_STR_FLAT_REF | JS_STR_SLICE));
}
/* A flat string with the same contents (ropes and slices are flattened in
 * place, a flattened one forwards to its copy). May collect; NULL on OOM
 * (thrown). */
JSString *js_string_flatten(JSContext *ctx, JSValue s);

/* A read-only view of a string's code units: a flat string's data, or a
 * slice's part of its base, without copying. wide tells the storage: a
 * wide view of a slice may hold only Latin-1 units, so a wide view is no
 * proof of a unit above 255. The data stays valid while the string value
 * is alive (rooted), even if it is flattened meanwhile. */
typedef struct JSStringView {
    union {
        const uint8_t *latin1;
        const uint16_t *wide;
    } u;
    uint32_t len;
    bool wide;
} JSStringView;
/* Ropes are flattened first: may collect; -1 on OOM (thrown), else 0. */
int js_string_view(JSContext *ctx, JSValue s, JSStringView *v);
/* The view of a string known not to be an unflattened rope (a flat
 * string, a flat ref or a slice). Does not collect. */
void js_string_view_nogc(const JSString *p, JSStringView *v);
static inline uint16_t js_view_char(const JSStringView *v, uint32_t i)
{
    return v->wide ? v->u.wide[i] : v->u.latin1[i];
}
/* Code unit i of a FLAT string. Does not collect. */
static inline uint16_t js_flat_char(const JSString *p, uint32_t i)
{
    return (p->h.flags & JS_STR_WIDE) ? p->u.wide[i] : p->u.latin1[i];
}
static inline bool js_flat_is_wide(const JSString *p) { return (p->h.flags & JS_STR_WIDE) != 0; }
/* Code unit i of any string (flattens ropes, reads slices in place). May
 * collect; -1 on OOM. */
int js_string_char_at(JSContext *ctx, JSValue s, uint32_t i);
/* Code point at i (surrogate pairs combined), for a flat string / a view;
 * *units is 1 or 2. */
uint32_t js_flat_codepoint_at(const JSString *p, uint32_t i, uint32_t *units);
uint32_t js_view_codepoint_at(const JSStringView *v, uint32_t i, uint32_t *units);

/* Comparison. May collect (flattening). js_string_compare returns <0, 0, >0
 * by code units; js_string_equal is SameValue on strings. */
bool js_string_equal(JSContext *ctx, JSValue a, JSValue b);
int js_string_compare(JSContext *ctx, JSValue a, JSValue b);
/* indexOf on code units from position from; -1 if absent. May collect. */
int64_t js_string_index_of(JSContext *ctx, JSValue s, JSValue search, uint32_t from);

/* UTF-8 (WTF-8 for lone surrogates) rendering. js_string_to_utf8 mallocs
 * (free with free()), NULL on OOM (thrown); *len_out may be NULL. May
 * collect. */
char *js_string_to_utf8(JSContext *ctx, JSValue s, size_t *len_out);

/* StringBuffer: builds a string by appending; switches to UTF-16 when a
 * unit above 255 arrives. The buffer memory is malloc'ed (not a GC cell),
 * so holding a StringBuffer across allocations is safe; values appended
 * are copied at once. All appends may collect only if they say so;
 * they return 0, or -1 after throwing out-of-memory. */
typedef struct StringBuffer {
    JSContext *ctx;
    uint8_t *buf;           /* Latin-1 bytes or uint16_t units */
    uint32_t len, cap;
    bool wide;
    bool error;             /* an allocation failed: the final result throws */
} StringBuffer;

void js_sb_init(JSContext *ctx, StringBuffer *sb, uint32_t capacity_hint);
int js_sb_putc(StringBuffer *sb, uint32_t c);   /* a unit, or a code point >= 0x10000 as a pair */
int js_sb_put_cstr(StringBuffer *sb, const char *utf8);
int js_sb_put_latin1(StringBuffer *sb, const uint8_t *s, size_t len);
int js_sb_put_utf16(StringBuffer *sb, const uint16_t *s, size_t len);
int js_sb_put_string(StringBuffer *sb, JSValue str);   /* may collect (flattens) */
int js_sb_put_substring(StringBuffer *sb, JSValue str, uint32_t start, uint32_t end); /* may collect */
/* Converts v with ToString and appends it. May run JS, may throw. */
int js_sb_put_value(StringBuffer *sb, JSValue v);
/* The finished string; frees the buffer. May collect. JS_EXCEPTION on error. */
JSValue js_sb_finish(StringBuffer *sb);
/* Frees the buffer without making a string. */
void js_sb_free(StringBuffer *sb);

/* Symbols. js_new_symbol may collect; returns the symbol value. */
JSValue js_new_symbol(JSContext *ctx, JSValue description, bool registered);

#endif
