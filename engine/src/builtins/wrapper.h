/* Accessors of primitive wrapper objects (classes NUMBER, STRING,
 * BOOLEAN, SYMBOL, BIGINT; object.h's JSPrimitiveWrapper): the built-ins
 * read [[NumberData]], [[StringData]], ... through these. */
#ifndef BUILTINS_WRAPPER_H
#define BUILTINS_WRAPPER_H

#include "../object.h"

/* The wrapped primitive. Does not collect. */
static inline JSValue js_wrapper_value(JSObject *o)
{
    return ((JSPrimitiveWrapper *)o)->value;
}

/* Sets the wrapped primitive. Does not collect. */
static inline void js_wrapper_set_value(JSObject *o, JSValue v)
{
    JS_STORE(ctx, o, ((JSPrimitiveWrapper *)o)->value, v);
}

#endif
