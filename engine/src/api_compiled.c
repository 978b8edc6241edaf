/* Compiled units for the embedding API: qjs_compile (parse and compile a
 * script or module without running it), qjs_is_compiled and
 * qjs_compiled_is_module. A unit is a JS_TAG_CELL value pointing at the
 * top-level JSFunctionBytecode (marked by the GC like any cell value). */
#include <string.h>
#include "qjs.h"
#include "bytecode.h"
#include "compile.h"
#include "parser.h"
#include "regexp.h"
#include "arena.h"
#include "module.h"

/* qjs.h: the compiled unit (a cell value), or an exception (SyntaxError
 * with file:line:column, out of memory). May collect. */
QJSValue qjs_compile(QJSContext *ctx, const char *src, size_t len, const char *filename, int flags)
{
    if (flags & QJS_EVAL_MODULE)
        return js_module_compile(ctx, src, len, filename);
    ParseOptions po;
    memset(&po, 0, sizeof po);
    po.regexp_check = re_syntax_check;
    po.stack_limit = ctx->rt->native_stack_limit;
    po.filename = filename ? filename : "<input>";
    po.kind = PARSE_SCRIPT;
    po.strict = (flags & QJS_EVAL_STRICT) != 0;
    Arena a;
    arena_init(&a);
    ParseError err;
    memset(&err, 0, sizeof err);
    AstProgram *prog = parse_program(&a, src, len, &po, &err);
    if (!prog) {
        JSValue e = js_throw_syntax_error(ctx, "%s (%s:%u:%u)", err.message, err.file ? err.file : "<input>",
                                          err.line, err.column);
        arena_free(&a);
        return e;
    }
    JSCompileOptions co;
    memset(&co, 0, sizeof co);
    co.filename = po.filename;
    JSFunctionBytecode *b = js_compile(ctx, prog, &co);
    arena_free(&a);
    if (!b)
        return JS_EXCEPTION;
    return js_mkptr(JS_TAG_CELL, b);
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
