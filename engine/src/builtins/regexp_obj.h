/* RegExp objects as the RegExp built-in files see them (regexp.c,
 * regexp_symbols.c): the instance layout, the compiled
 * program cell, and the abstract operations those files share
 * (RegExpBuiltinExec, RegExpExec, AdvanceStringIndex, GetSubstitution).
 * Not for use outside the RegExp and String built-ins. */
#ifndef BUILTINS_REGEXP_OBJ_H
#define BUILTINS_REGEXP_OBJ_H

#include "builtins.h"
#include "../regexp/regexp.h"

/* The compiled program: a JS_CELL_BYTES cell (a leaf for the collector)
 * holding the blob js_re_compile produced; h.aux is its size in bytes. */
typedef struct JSRegExpProgram {
    GCHeader h;
    uint8_t code[];
} JSRegExpProgram;

/* A RegExp instance (class REGEXP). source and flags are the
 * [[OriginalSource]] and [[OriginalFlags]] strings; prog is the
 * [[RegExpMatcher]] (NULL until RegExpInitialize succeeds). The flags the
 * program was compiled with are js_re_get_flags(prog->code). lastIndex is an
 * ordinary own data property (non-enumerable, non-configurable). */
typedef struct JSRegExp {
    JSObject base;
    JSValue source;
    JSValue flags;
    JSRegExpProgram *prog;
} JSRegExp;

static inline JSRegExp *js_regexp_obj(JSValue v) { return (JSRegExp *)JS_VALUE_GET_OBJ(v); }

/* True if v is an initialized RegExp instance. No GC. */
static inline bool js_is_regexp_obj(JSValue v)
{
    return js_object_is_class(v, JS_CLASS_REGEXP) && js_regexp_obj(v)->prog != NULL;
}

/* The result of the matching part of RegExpBuiltinExec. caps holds
 * 2 * ncap code unit indices (start, end of each group, -1 when a group
 * did not participate). Release with js_regexp_match_free. */
typedef struct JSRegExpMatch {
    int *caps;
    int ncap;
    JSRegExpProgram *prog;      /* the program that matched (group names) */
    int local[32];
} JSRegExpMatch;

void js_regexp_match_free(JSRegExpMatch *m);

/* RegExpBuiltinExec(R, S) up to the match: reads lastIndex (ToLength),
 * runs the matcher on the flat string str without copying it, and writes
 * lastIndex as the spec says (global/sticky). R must be a RegExp
 * instance; str is a string value the caller keeps rooted. Returns 1 on a
 * match (*m filled), 0 for no match, -1 on exception. May run JS (lastIndex
 * valueOf), may collect. */
int js_regexp_exec_raw(JSContext *ctx, JSValue R, JSValue str, JSRegExpMatch *m);

/* RegExpBuiltinExec(R, S): the match array or null. R a RegExp instance,
 * str a string. May run JS, may collect; JS_EXCEPTION on error. */
JSValue js_regexp_builtin_exec(JSContext *ctx, JSValue R, JSValue str);

/* The match array of m on str (what exec returns). No JS runs; may
 * collect. */
JSValue js_regexp_match_array(JSContext *ctx, JSValue str, const JSRegExpMatch *m);

/* True when Get(R, "exec") would give this realm family's intrinsic
 * %RegExp.prototype.exec% without running JS (R a RegExp instance, no own
 * exec, a data property on an ordinary prototype). No GC, never throws. */
bool js_regexp_exec_is_intrinsic(JSValue R);

/* RegExpExec(R, S): calls R.exec (TypeError unless it returns an object
 * or null) or, when exec is not callable, RegExpBuiltinExec. May run JS,
 * may collect; returns the result object, null, or JS_EXCEPTION. */
JSValue js_regexp_exec(JSContext *ctx, JSValue R, JSValue str);

/* ToLength(? Get(R, "lastIndex")) into *out. May run JS; 0 or -1. */
int js_regexp_get_last_index(JSContext *ctx, JSValue R, int64_t *out);
/* ? Set(R, "lastIndex", v, true). May run JS; 0 or -1. */
int js_regexp_set_last_index(JSContext *ctx, JSValue R, int64_t v);

/* ToString(? Get(R, "flags")), computed without calling the getters when
 * they are the intrinsic ones. May run JS; a string or JS_EXCEPTION. */
JSValue js_regexp_get_flags_string(JSContext *ctx, JSValue R);

/* True if the flags string (flat or not) contains code unit c. May
 * collect (flattening); false on OOM. */
bool js_regexp_flags_has(JSContext *ctx, JSValue flags, uint16_t c);

/* AdvanceStringIndex(S, index, unicode) on a flat string. No GC. */
int64_t js_regexp_advance_index(const JSStringView *s, int64_t index, bool unicode);

/* GetSubstitution(matched, str, position, captures, namedCaptures,
 * template). captures[0..ncaptures) are strings or undefined; all
 * arguments must be rooted by the caller. named is an object or
 * undefined. Appends the result to sb. May run JS (named capture getters,
 * ToString); 0 or -1. */
int js_regexp_get_substitution(JSContext *ctx, StringBuffer *sb, JSValue matched, JSValue str,
                               uint32_t position, const JSValue *captures, int ncaptures,
                               JSValue named, JSValue tmpl);

/* regexp_symbols.c: the Symbol.* methods of RegExp.prototype and
 * %RegExpStringIteratorPrototype%. May collect; 0 or -1. */
int js_regexp_init_symbols(JSContext *ctx, JSValue proto);

/* RegExpCreate(P, F) with %RegExp%: a new RegExp. May run JS (ToString),
 * may collect; JS_EXCEPTION on error. */
JSValue js_regexp_create(JSContext *ctx, JSValue pattern, JSValue flags);

#endif
