/* Compiled units for the embedding API: qjs_compile (parse and compile a
 * script or module without running it), qjs_is_compiled and
 * qjs_compiled_is_module. A unit is a JS_TAG_CELL value pointing at the
 * top-level JSFunctionBytecode (marked by the GC like any cell value). */
#include <string.h>
#include "qjs.h"
#include "bytecode.h"
#include "compiler/compile.h"
#include "compiler/parser.h"
#include "builtins/builtins.h"
#include "module.h"

/* qjs.h: the compiled unit (a cell value), or an exception (SyntaxError
 * with file:line:column, out of memory). May collect. */
QJSValue qjs_compile(QJSContext *ctx, const char *src, size_t len, const char *filename, int flags)
{
    if (flags & QJS_EVAL_MODULE)
        return js_module_compile(ctx, src, len, filename);
    ParseOptions po;
    memset(&po, 0, sizeof po);
    po.regexp_check = js_regexp_literal_check;
    po.stack_limit = ctx->rt->native_stack_limit;
    po.filename = filename ? filename : "<input>";
    po.kind = PARSE_SCRIPT;
    po.strict = (flags & QJS_EVAL_STRICT) != 0;
    ParseError err;
    memset(&err, 0, sizeof err);
    JSCompileOptions co;
    memset(&co, 0, sizeof co);
    co.filename = po.filename;
    JSFunctionBytecode *b = js_compile_source(ctx, src, len, &po, &err, &co);
    if (!b && err.message[0])
        return js_throw_syntax_error(ctx, "%s (%s:%u:%u)", err.message, err.file ? err.file : "<input>",
                                     err.line, err.column);
    if (!b)
        return JS_EXCEPTION;
    return js_mkptr(JS_TAG_CELL, b);
}

/* compile.h: parse and compile through qjs_compiler. May collect. */
JSFunctionBytecode *js_compile_source(JSContext *ctx, const char *src, size_t len,
                                      const ParseOptions *po, ParseError *err,
                                      const JSCompileOptions *co)
{
    err->message[0] = 0;
    if (!qjs_compiler) {
        js_throw_error(ctx, JS_ERROR_PLAIN, "this program was compiled without the JavaScript compiler");
        return NULL;
    }
    return qjs_compiler->compile(ctx, src, len, po, err, co);
}

/* qjs.h: whether v is a compiled unit. Pure. */
bool qjs_is_compiled(QJSValue v)
{
    return js_tag(v) == JS_TAG_CELL && ((GCHeader *)js_get_ptr(v))->type == JS_CELL_FUNCTION_BYTECODE;
}

/* qjs.h: whether v is a compiled module unit. Pure. */
bool qjs_compiled_is_module(QJSValue v)
{
    return qjs_is_compiled(v) && ((JSFunctionBytecode *)js_get_ptr(v))->module != NULL;
}

/* Whether b or a function in its constant pool has a regular expression
 * literal. */
static bool has_regexp(const JSFunctionBytecode *b)
{
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        if (b->code[pc] == OP_regexp)
            return true;
        if (b->code[pc] >= OP_COUNT)
            break;
    }
    for (uint32_t i = 0; i < b->cpool_len; i++) {
        JSValue v = b->cpool[i];
        if (js_tag(v) == JS_TAG_CELL && ((GCHeader *)js_get_ptr(v))->type == JS_CELL_FUNCTION_BYTECODE &&
            has_regexp((const JSFunctionBytecode *)js_get_ptr(v)))
            return true;
    }
    return false;
}

/* qjs.h: whether a compiled unit has a regular expression literal. Pure. */
bool qjs_compiled_has_regexp(QJSValue v)
{
    if (!qjs_is_compiled(v))
        return false;
    js_opcode_init();
    return has_regexp((const JSFunctionBytecode *)js_get_ptr(v));
}
