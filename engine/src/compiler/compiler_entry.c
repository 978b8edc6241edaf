/* The engine's one reference to its parser and compiler: qjs_compiler
 * (qjs.h), alone in this file so that a program which defines it itself
 * as NULL (`qjsc --no-compiler`) keeps this file, and with it the parser
 * and the compiler, out of its executable. Everything that turns source
 * text into bytecode at run time goes through js_compile_source. */
#include <string.h>
#include "qjs.h"
#include "compile.h"
#include "parser.h"
#include "arena.h"

/* Parses and compiles src[0, len) (see js_compile_source). */
static JSFunctionBytecode *parse_and_compile(JSContext *ctx, const char *src, size_t len,
                                             const ParseOptions *po, ParseError *err,
                                             const JSCompileOptions *co)
{
    Arena a;
    js_arena_init(&a);
    AstProgram *prog = js_parse_program(&a, src, len, po, err);
    if (!prog) {
        js_arena_free(&a);
        return NULL;
    }
    JSFunctionBytecode *b = js_compile(ctx, prog, co);
    js_arena_free(&a);
    return b;
}

static const QJSCompiler compiler = { parse_and_compile };

const QJSCompiler *const qjs_compiler = &compiler;
