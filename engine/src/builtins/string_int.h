/* What the String built-ins (string.c, string_regexp.c) offer other
 * families: GetSubstitution for RegExp.prototype[Symbol.replace], String
 * wrapper creation, and white space classification for trimming. */
#ifndef BUILTINS_STRING_INT_H
#define BUILTINS_STRING_INT_H

#include "builtins.h"

/* GetSubstitution(matched, str, position, captures, namedCaptures,
 * replacementTemplate) of ECMA-262 22.1.3.19.1. captures[0..ncaptures)
 * are strings or undefined and must be rooted by the caller (as must the
 * other values); named_captures is an object or undefined. May run JS
 * (getters of named_captures, ToString), may collect; returns the
 * replacement string or JS_EXCEPTION. */
JSValue js_string_get_substitution(JSContext *ctx, JSValue matched, JSValue str, uint32_t position,
                                   const JSValue *captures, uint32_t ncaptures,
                                   JSValue named_captures, JSValue replacement);

/* StringCreate(str, proto): a String exotic object wrapping str with its
 * own `length`; proto JS_UNDEFINED means %String.prototype%. May collect;
 * JS_EXCEPTION on OOM. */
JSValue js_string_wrapper_create(JSContext *ctx, JSValue str, JSValue proto);

/* WhiteSpace or LineTerminator (what String.prototype.trim removes). No
 * GC, no throw. */
bool js_string_is_trim_space(uint32_t c);

#endif
