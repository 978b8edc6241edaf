/* Classes at run time: creating a class constructor and its prototype,
 * running field initializers, and private names (fields, methods,
 * accessors, brand checks). */
#include <stdlib.h>
#include <string.h>
#include "interp_int.h"

JSValue js_op_class_create(JSContext *ctx, JSFunctionBytecode *b, JSValue parent, JSFunction *cur,
                           JSValue *regs, JSValue *proto_out)
{
    return js_throw_syntax_error(ctx, "classes are not supported yet");
}

int js_op_run_fields(JSContext *ctx, JSValue obj, JSValue func)
{
    return 0;
}

JSValue js_op_private_get(JSContext *ctx, JSValue obj, JSValue name)
{
    return js_throw_type_error(ctx, "private names are not supported yet");
}

int js_op_private_put(JSContext *ctx, JSValue obj, JSValue name, JSValue val)
{
    js_throw_type_error(ctx, "private names are not supported yet");
    return -1;
}

int js_op_private_define(JSContext *ctx, JSValue obj, JSValue name, JSValue val)
{
    js_throw_type_error(ctx, "private names are not supported yet");
    return -1;
}

int js_op_private_in(JSContext *ctx, JSValue name, JSValue obj)
{
    js_throw_type_error(ctx, "private names are not supported yet");
    return -1;
}
