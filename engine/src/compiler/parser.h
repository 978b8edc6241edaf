/* Parser entry point: UTF-8 (WTF-8 tolerated in strings and comments)
 * source text -> arena-allocated AST (ast.h) with every early error of
 * ECMAScript 2025 reported as a SyntaxError with file:line:column. The
 * implementation is split into parser.c (statements, declarations,
 * functions, classes, modules) and parser_expr.c (expressions, patterns). */
#ifndef PARSER_H
#define PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"

typedef enum ParseKind {
    PARSE_SCRIPT,       /* a Script (global code) */
    PARSE_MODULE,       /* a Module (always strict, top-level await) */
    PARSE_EVAL,         /* eval code: a Script with eval_flags applied */
    PARSE_FUNCTION_CTOR,/* CreateDynamicFunction, see fn_* below */
} ParseKind;

/* ParseOptions.eval_flags: the context of a direct eval (PARSE_EVAL). An
 * indirect eval is PARSE_EVAL with eval_flags 0 and strict false. */
enum {
    PARSE_EVAL_DIRECT       = 1 << 0, /* direct eval (caller's scopes visible) */
    PARSE_EVAL_IN_FUNCTION  = 1 << 1, /* inside a non-arrow function (or an
                                         arrow within one): new.target ok */
    PARSE_EVAL_IN_METHOD    = 1 << 2, /* home object exists: super.x ok */
    PARSE_EVAL_IN_DERIVED_CTOR = 1 << 3, /* super(...) ok */
    PARSE_EVAL_IN_FIELD_INIT= 1 << 4, /* class field initializer: `arguments`
                                         is an early error */
    PARSE_EVAL_IN_CLASS_STATIC = 1 << 5, /* reserved (await is handled as in
                                         any script) */
};

/* ParseOptions.fn_kind for PARSE_FUNCTION_CTOR */
enum {
    PARSE_FN_NORMAL = 0,
    PARSE_FN_GENERATOR = 1,
    PARSE_FN_ASYNC = 2,
    PARSE_FN_ASYNC_GENERATOR = 3,
};

/* Regexp literal validation hook: returns NULL if pattern/flags are valid,
 * else a message (static or arena-allocated: it is copied). Called once per
 * regexp literal after the parser has checked the flags' syntax. */
typedef const char *(*ParseRegExpCheck)(void *opaque, const uint16_t *pattern,
                                        size_t pattern_len, const char *flags,
                                        size_t flags_len);

typedef struct ParseOptions {
    const char *filename;       /* copied into ParseError.file (pointer) */
    int kind;                   /* ParseKind */
    bool strict;                /* start in strict mode (strict caller of a
                                   direct eval, or embedder's choice) */
    uint32_t start_line;        /* line number of the first line (0 -> 1) */
    uint32_t start_col;         /* column of the first character (0 -> 1) */
    int eval_flags;             /* PARSE_EVAL_* */
    /* Private names visible to a direct eval inside a class body ("#x",
       UTF-8); references to others are early errors. */
    const char *const *private_names;
    size_t nprivate_names;
    /* PARSE_FUNCTION_CTOR: src is the whole synthesized text
       "(async )function(*) anonymous(" P "\n) {\n" B "\n}"; the byte ranges
       of P and B in it are given so each can be checked on its own as
       FormalParameters / FunctionBody, as CreateDynamicFunction requires. */
    int fn_kind;                /* PARSE_FN_* */
    size_t fn_params_start, fn_params_end;
    size_t fn_body_start, fn_body_end;
    ParseRegExpCheck regexp_check;  /* may be NULL */
    void *regexp_opaque;
    int max_depth;              /* nesting limit (0 -> PARSE_DEFAULT_DEPTH) */
    /* Native stack bound (the runtime's native_stack_limit; 0 = none):
       nesting that would go past it is a SyntaxError. */
    uintptr_t stack_limit;
} ParseOptions;

#define PARSE_DEFAULT_DEPTH 1000

typedef struct ParseError {
    char message[256];          /* without "SyntaxError: " */
    const char *file;           /* ParseOptions.filename */
    uint32_t line, column;      /* 1-based (adjusted by start_line/col) */
} ParseError;

/* Parses src[0, len) into an AST allocated in arena a. Returns the program,
 * or NULL with *err filled in (a SyntaxError; the message "out of memory"
 * when the arena could not grow). Never collects (no JS heap involved) and
 * never throws; the caller turns *err into a SyntaxError object. The AST
 * stays valid until the arena is freed. opts may be NULL (a sloppy script). */
AstProgram *js_parse_program(Arena *a, const char *src, size_t len,
                          const ParseOptions *opts, ParseError *err);

#endif
