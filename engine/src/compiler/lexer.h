/* The tokenizer of the front end: UTF-8 source bytes -> tokens, one at a
 * time, on demand of the parser (which knows where a '/' starts a regexp
 * and where a '}' resumes a template). Internal to the front end (lexer.c,
 * parser.c, parser_expr.c, ast.c); errors longjmp to the parser's handler. */
#ifndef LEXER_H
#define LEXER_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"

typedef enum TokType {
    T_EOF = 0,
    T_IDENT,        /* identifier or keyword: see Token.kw / escaped */
    T_PRIVATE,      /* #name (Token.name includes the '#') */
    T_NUMBER, T_BIGINT, T_STRING,
    T_TEMPLATE,     /* a template part: Token.tail says if it ends with ` */
    T_REGEXP,       /* only produced by js_lex_regexp */
    /* punctuators */
    T_LBRACE, T_RBRACE, T_LPAREN, T_RPAREN, T_LBRACK, T_RBRACK,
    T_DOT, T_ELLIPSIS, T_SEMI, T_COMMA, T_COLON, T_QUESTION, T_OPTCHAIN,
    T_ARROW, T_TILDE, T_BANG, T_INC, T_DEC,
    /* binary operators, in the order of the table in lexer.c */
    T_LT, T_GT, T_LE, T_GE, T_EQ, T_NE, T_SEQ, T_SNE,
    T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT, T_EXP,
    T_SHL, T_SAR, T_SHR, T_AMP, T_PIPE, T_CARET, T_AND, T_OR, T_NULLISH,
    /* assignment operators */
    T_ASSIGN, T_PLUS_ASSIGN, T_MINUS_ASSIGN, T_STAR_ASSIGN, T_SLASH_ASSIGN,
    T_PERCENT_ASSIGN, T_EXP_ASSIGN, T_SHL_ASSIGN, T_SAR_ASSIGN, T_SHR_ASSIGN,
    T_AMP_ASSIGN, T_PIPE_ASSIGN, T_CARET_ASSIGN, T_AND_ASSIGN, T_OR_ASSIGN,
    T_NULLISH_ASSIGN,
    T_COUNT
} TokType;

/* Keyword ids (Token.kw, also the tag of the interned name). */
typedef enum Keyword {
    KW_NONE = 0,
    /* reserved words */
    KW_BREAK, KW_CASE, KW_CATCH, KW_CLASS, KW_CONST, KW_CONTINUE,
    KW_DEBUGGER, KW_DEFAULT, KW_DELETE, KW_DO, KW_ELSE, KW_ENUM, KW_EXPORT,
    KW_EXTENDS, KW_FALSE, KW_FINALLY, KW_FOR, KW_FUNCTION, KW_IF, KW_IMPORT,
    KW_IN, KW_INSTANCEOF, KW_NEW, KW_NULL, KW_RETURN, KW_SUPER, KW_SWITCH,
    KW_THIS, KW_THROW, KW_TRUE, KW_TRY, KW_TYPEOF, KW_VAR, KW_VOID,
    KW_WHILE, KW_WITH,
    KW_LAST_RESERVED = KW_WITH,
    /* strict-mode reserved words */
    KW_IMPLEMENTS, KW_INTERFACE, KW_LET, KW_PACKAGE, KW_PRIVATE,
    KW_PROTECTED, KW_PUBLIC, KW_STATIC, KW_YIELD,
    KW_LAST_STRICT = KW_YIELD,
    /* contextual */
    KW_AWAIT, KW_ASYNC, KW_OF, KW_GET, KW_SET, KW_AS, KW_FROM, KW_TARGET,
    KW_META, KW_ARGUMENTS, KW_EVAL, KW_CONSTRUCTOR, KW_PROTO, KW_PROTOTYPE,
    KW_USE_STRICT, KW_DEFAULT_BINDING, KW_ACCESSOR, KW_USING,
    KW_COUNT
} Keyword;

typedef struct Token {
    uint8_t type;           /* TokType */
    uint8_t kw;             /* Keyword of an identifier, even if escaped */
    bool nl_before;         /* a line terminator precedes the token */
    bool escaped;           /* identifier/keyword written with \u escapes;
                               for strings: contains any escape */
    bool legacy_octal;      /* number: 0777 / 08 form; string: \0NN or \8 */
    bool tail;              /* template part ends with ` */
    uint32_t start, end;    /* byte offsets */
    uint32_t line, col;     /* 1-based, col in bytes */
    const AstName *name;    /* T_IDENT, T_PRIVATE */
    double num;             /* T_NUMBER */
    const char *digits;     /* T_BIGINT (see AstBigInt) */
    uint32_t ndigits, radix;
    const uint16_t *str;    /* T_STRING value, T_TEMPLATE cooked (NULL if
                               invalid), T_REGEXP pattern */
    uint32_t slen;
    const uint16_t *raw;    /* T_TEMPLATE raw */
    uint32_t rawlen;
    const char *cooked_err; /* T_TEMPLATE: why cooked is NULL */
    const char *flags;      /* T_REGEXP flags */
    uint32_t nflags;
} Token;

typedef struct Lexer {
    const uint8_t *src;
    size_t len;             /* end of the text to tokenize */
    size_t pos;
    uint32_t line;          /* current line (1-based, unshifted) */
    size_t line_start;      /* offset of the current line's first byte */
    Token tok;              /* current token */
    uint32_t prev_end;      /* end offset of the previous token */
    uint32_t prev_line, prev_col_end;
    bool module;            /* no HTML-like comments */
    Arena *arena;
    AstNames *names;
    jmp_buf *jmp;           /* where errors go */
    char *errbuf;           /* 256 bytes, filled by lex_error */
    uint32_t *err_line, *err_col;
} Lexer;

/* Sets up L over src[0, len): interns the keywords into names. Never
 * collects or throws; errors (only out of memory) longjmp to *jmp. */
void js_lex_init(Lexer *L, Arena *a, AstNames *names, const char *src,
              size_t len, bool module, jmp_buf *jmp, char *errbuf,
              uint32_t *err_line, uint32_t *err_col);

/* Scans the next token into L->tok (a '/' is a division punctuator, a '}'
 * a brace: the parser rescans with js_lex_regexp / js_lex_template_cont). */
void js_lex_next(Lexer *L);

/* The current token is T_SLASH or T_SLASH_ASSIGN in a position where an
 * expression starts: rescan it as a regular expression literal. */
void js_lex_regexp(Lexer *L);

/* The current token is T_RBRACE closing a template substitution: rescan
 * from after it as a TemplateMiddle / TemplateTail. */
void js_lex_template_cont(Lexer *L);

/* Tag access on interned names (implemented in ast.c). */
void js_ast_name_set_tag(const AstName *n, int tag);
int js_ast_name_tag(const AstName *n);

#endif
