/* The bytecode compiler's entry point (compile_scope.c, compile_expr.c,
 * compile_stmt.c): an AST (ast.h) becomes a tree of JSFunctionBytecode
 * cells. Also the scope descriptor cells that let a direct eval see its
 * caller's bindings and that describe global declarations. */
#ifndef COMPILE_H
#define COMPILE_H

#include "bytecode.h"
#include "ast.h"

/* Scope descriptor entry kinds */
enum {
    JS_SD_BINDING,      /* a binding of the caller: box in register / closure var */
    JS_SD_WITH,         /* a with object (box/closure var holding it) */
    JS_SD_EVALVARS,     /* the var object of a sloppy function with direct eval */
    /* global declaration descriptors (OP_global_decl) */
    JS_SD_GLOBAL_VAR,
    JS_SD_GLOBAL_FUNC,
    JS_SD_GLOBAL_LET,
    JS_SD_GLOBAL_CONST,
};

/* JSScopeDescEntry.flags */
enum {
    JS_SDF_FROM_CAPTURE = 1 << 0,   /* index is a closure variable of the caller */
    JS_SDF_TDZ = 1 << 1,
    JS_SDF_CONST = 1 << 2,
    JS_SDF_VAR_SCOPE = 1 << 3,      /* var-scoped binding of the caller function */
    JS_SDF_FN_NAME = 1 << 4,        /* a function expression's own name */
    JS_SDF_LEXICAL = 1 << 5,        /* let / const / class: a var of the eval conflicts */
};

typedef struct JSScopeDescEntry {
    JSAtom name;
    uint8_t kind;
    uint8_t flags;
    uint16_t index;
} JSScopeDescEntry;

/* JSScopeDesc.flags */
enum {
    JS_SD_STRICT = 1 << 0,          /* caller is strict */
    JS_SD_IN_FUNCTION = 1 << 1,     /* the eval is inside a (non-arrow chain) function */
    JS_SD_IN_METHOD = 1 << 2,
    JS_SD_IN_DERIVED_CTOR = 1 << 3,
    JS_SD_IN_FIELD_INIT = 1 << 4,
    JS_SD_IS_EVAL = 1 << 5,         /* global_decl of eval code (configurable vars) */
    JS_SD_IN_PARAMS = 1 << 6,       /* the eval is in a parameter initializer */
    JS_SD_VAR_IN_FUNCTION = 1 << 7, /* the innermost var scope is a function's (arrows too) */
    JS_SD_VAR_IN_ARROW = 1 << 8,    /* ... of an arrow function */
};

typedef struct JSScopeDesc {
    JSInternalCell hdr;
    uint32_t flags;
    uint32_t count;
    JSScopeDescEntry entries[];
} JSScopeDesc;

/* Allocates a descriptor of n entries. May collect; NULL on OOM. */
JSScopeDesc *js_scope_desc_new(JSContext *ctx, uint32_t n);

typedef struct JSCompileOptions {
    const char *filename;
    bool dump;                      /* pass disassembly to the dump hook */
    /* direct eval */
    bool direct_eval;
    const JSScopeDesc *caller;      /* rooted by the caller */
} JSCompileOptions;

/* Compiles prog (script, eval code or the function of a dynamic
 * function). Returns the top-level bytecode, or NULL with an exception
 * pending (SyntaxError for late early errors, out of memory). May
 * collect. */
JSFunctionBytecode *js_compile(JSContext *ctx, AstProgram *prog, const JSCompileOptions *opts);

/* What qjs_compiler (qjs.h) points at: compile parses and compiles a
 * source text (compiler_entry.c). */
struct ParseOptions;
struct ParseError;
struct QJSCompiler {
    JSFunctionBytecode *(*compile)(JSContext *ctx, const char *src, size_t len,
                                   const struct ParseOptions *po, struct ParseError *err,
                                   const JSCompileOptions *co);
};

/* Parses and compiles src[0, len) through qjs_compiler. Returns the
 * top-level bytecode; or NULL, either with err->message non-empty (a
 * syntax error the caller throws as a SyntaxError, nothing pending) or
 * with an exception pending (an early error found by the compiler, out of
 * memory, or an Error when the program was linked without the compiler).
 * May collect. */
JSFunctionBytecode *js_compile_source(JSContext *ctx, const char *src, size_t len,
                                      const struct ParseOptions *po, struct ParseError *err,
                                      const JSCompileOptions *co);

#endif
