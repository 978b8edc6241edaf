/* Atoms: interned property keys. A JSAtom is a 32-bit handle: either an
 * integer index (JS_ATOM_TAG_INT set, value 0..2^31-2) or an index into
 * the runtime's atom table, whose entry is an interned JSString or a
 * JSSymbol. Predefined atoms (atoms.def) are compile-time constants and
 * never collected; other atoms are weak in the table and swept when no
 * cell marks them. */
#ifndef ATOM_H
#define ATOM_H

#include <stdbool.h>
#include <stdint.h>
#include "value.h"

typedef struct JSContext JSContext;
typedef struct JSRuntime JSRuntime;
typedef uint32_t JSAtom;

#define JS_ATOM_NULL 0u
#define JS_ATOM_TAG_INT (1u << 31)
#define JS_ATOM_MAX_INT ((1u << 31) - 2)

enum {
    JS_ATOM_null_ = 0, /* JS_ATOM_NULL */
#define DEF(name, str) JS_ATOM_##name,
#define DEF_SYM(name, str) JS_ATOM_##name,
#include "atoms.def"
#undef DEF
#undef DEF_SYM
    JS_ATOM_END /* first dynamically created atom */
};

static inline bool js_atom_is_int(JSAtom a) { return (a & JS_ATOM_TAG_INT) != 0; }
static inline uint32_t js_atom_get_int(JSAtom a) { return a & ~JS_ATOM_TAG_INT; }
static inline JSAtom js_atom_from_uint(uint32_t i) { return i | JS_ATOM_TAG_INT; }

/* Creating atoms. All may collect and return JS_ATOM_NULL after throwing
 * (out of memory). A string that is a canonical array index below 2^31-1
 * becomes an integer atom. */
JSAtom js_atom_from_cstr(JSContext *ctx, const char *s);        /* UTF-8 */
JSAtom js_atom_from_utf8(JSContext *ctx, const char *s, size_t len);
JSAtom js_atom_from_string(JSContext *ctx, JSValue str);       /* JSString */
JSAtom js_atom_from_uint32(JSContext *ctx, uint32_t i);         /* may be a string atom above 2^31-2 */
/* A new unique symbol atom (Symbol(description)); description is a string
 * or undefined. */
JSAtom js_atom_new_symbol(JSContext *ctx, JSValue description);

/* Reading atoms. Do not collect unless stated. */
bool js_atom_is_symbol(JSRuntime *rt, JSAtom a);
/* True if the atom is an array index (0..2^32-2), integer or string form;
 * *idx receives it. */
bool js_atom_is_array_index(JSRuntime *rt, JSAtom a, uint32_t *idx);
/* The key as a JSValue: a string (may allocate for integer atoms: may
 * collect) or a symbol. JS_EXCEPTION on out-of-memory. */
JSValue js_atom_to_value(JSContext *ctx, JSAtom a);
/* The string form (symbols give their description, for messages). May
 * collect. */
JSValue js_atom_to_string(JSContext *ctx, JSAtom a);
/* A NUL-terminated UTF-8 rendering for messages and debugging, written to
 * buf (truncated to size). Does not collect. */
const char *js_atom_get_cstr(JSRuntime *rt, char *buf, size_t size, JSAtom a);

/* For the collector: mark an atom as referenced. */
void js_gc_mark_atom(JSRuntime *rt, JSAtom a);

#endif
