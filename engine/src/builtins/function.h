/* Bound function exotic objects (ECMA-262 10.4.1), created by
 * Function.prototype.bind in builtins/function.c. The interpreter
 * dispatches [[Call]] / [[Construct]] of class BOUND_FUNCTION to the
 * functions below (they are also the class hooks); GetFunctionRealm
 * follows `target`. */
#ifndef BUILTINS_FUNCTION_H
#define BUILTINS_FUNCTION_H

#include "../context.h"

typedef struct JSBoundFunction {
    JSObject base;              /* class JS_CLASS_BOUND_FUNCTION */
    JSValue target;             /* [[BoundTargetFunction]] */
    JSValue bound_this;         /* [[BoundThis]] */
    JSValueArray *args;         /* [[BoundArguments]] (NULL when none) */
} JSBoundFunction;

/* [[Call]] of a bound function: calls target with the bound this and the
 * bound arguments followed by argv. May run JS; JS_EXCEPTION on error. */
JSValue js_bound_function_call(JSContext *ctx, JSObject *func, JSValue this_val, int argc, JSValue *argv);

/* [[Construct]]: new_target equal to func becomes target. May run JS;
 * JS_EXCEPTION on error. */
JSValue js_bound_function_construct(JSContext *ctx, JSObject *func, int argc, JSValue *argv, JSValue new_target);

/* Registers the BOUND_FUNCTION class on rt (idempotent). Does not collect. */
void js_bound_function_register_class(JSRuntime *rt);

/* Adds the legacy `arguments` and `caller` accessors of a sloppy plain
 * function (js_bc_has_legacy_props) to the new closure fn. May collect;
 * -1 on OOM. */
int js_function_add_legacy_props(JSContext *ctx, JSObject *fn);

#endif
