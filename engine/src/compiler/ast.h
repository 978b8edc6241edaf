/* The abstract syntax tree produced by the parser (parser.c, parser_expr.c)
 * and consumed by the bytecode compiler. THIS FILE IS THE CONTRACT WITH THE
 * COMPILER: change it only additively (new kinds, new fields at the end of a
 * struct, new flag bits). All nodes, lists and strings live in the Arena
 * passed to js_parse_program and die with it. */
#ifndef AST_H
#define AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* ------------------------------------------------------------------------
 * Names. Every identifier, property name written as an identifier, label,
 * private name and module export/import name is interned per parse in an
 * AstNames table: two AstName pointers are equal iff the names are equal.
 * str is NUL-terminated UTF-8 (always well-formed: identifiers cannot hold
 * lone surrogates and string export names are checked). Private names keep
 * their '#' ("#x"), so they never collide with ordinary names.
 * ------------------------------------------------------------------------ */
typedef struct AstName {
    const char *str;            /* UTF-8, NUL-terminated */
    uint32_t len;               /* bytes, without the NUL */
    uint32_t hash;
    struct AstName *next;       /* hash chain (internal) */
} AstName;

typedef struct AstNames AstNames;   /* opaque intern table */

/* Creates an empty intern table in the arena. Never collects (no GC
 * involved), never throws; returns NULL only if the arena is out of memory. */
AstNames *js_ast_names_new(Arena *a);

/* Interns len bytes of UTF-8 and returns the unique AstName for them (the
 * bytes are copied). The compiler may use it to get pointers to compare with
 * ("arguments", "eval", "default", ...). Never collects or throws; returns
 * NULL only if the arena is out of memory. */
const AstName *js_ast_name_intern(AstNames *t, const char *s, size_t len);

/* ------------------------------------------------------------------------
 * Lists: arena arrays of node pointers. An item may be NULL only where the
 * field's comment says so (array holes).
 * ------------------------------------------------------------------------ */
typedef struct AstNode AstNode;
typedef struct AstList {
    AstNode **items;
    uint32_t count;
} AstList;

/* ------------------------------------------------------------------------
 * Node kinds. The struct used by each kind is given in brackets.
 * ------------------------------------------------------------------------ */
typedef enum AstKind {
    AST_INVALID = 0,

    /* ---- expressions ---- */
    AST_IDENT,          /* [AstIdent] identifier reference, binding
                           identifier, or (non-computed) property key /
                           member property name, depending on position */
    AST_PRIVATE_NAME,   /* [AstIdent] #x as member property, class element
                           key, or left operand of `#x in obj` */
    AST_NUMBER,         /* [AstNumber] */
    AST_BIGINT,         /* [AstBigInt] */
    AST_STRING,         /* [AstString] */
    AST_TEMPLATE,       /* [AstTemplate] untagged template literal */
    AST_TAGGED_TEMPLATE,/* [AstTaggedTemplate] */
    AST_REGEXP,         /* [AstRegExp] */
    AST_NULL,           /* [AstNode] */
    AST_TRUE,           /* [AstNode] */
    AST_FALSE,          /* [AstNode] */
    AST_THIS,           /* [AstNode] */
    AST_SUPER,          /* [AstNode] only as AstMember.object or
                           AstCall.callee (super(...)) */
    AST_NEW_TARGET,     /* [AstNode] new.target */
    AST_IMPORT_META,    /* [AstNode] import.meta */
    AST_ARRAY,          /* [AstArray] elements: expr, AST_SPREAD, NULL=hole */
    AST_OBJECT,         /* [AstObject] props: AstProperty or AST_SPREAD */
    AST_PROPERTY,       /* [AstProperty] in AST_OBJECT / AST_OBJECT_PATTERN */
    AST_FUNCTION,       /* [AstFunction] declarations, expressions, methods,
                           accessors, class constructors, field
                           initializers, static blocks (see AST_FN_*) */
    AST_ARROW,          /* [AstFunction] arrow functions (flag AST_FN_ARROW
                           is also set) */
    AST_CLASS,          /* [AstClass] declaration or expression */
    AST_CLASS_ELEMENT,  /* [AstClassElement] */
    AST_UNARY,          /* [AstUnary] - + ! ~ typeof void delete */
    AST_UPDATE,         /* [AstUpdate] ++ -- prefix or postfix */
    AST_BINARY,         /* [AstBinary] arithmetic, bitwise, comparison,
                           in, instanceof; `#x in o` is op AST_OP_IN with
                           left an AST_PRIVATE_NAME */
    AST_LOGICAL,        /* [AstBinary] && || ?? */
    AST_ASSIGN,         /* [AstAssign] = and compound assignments */
    AST_CONDITIONAL,    /* [AstConditional] */
    AST_CALL,           /* [AstCall] also super(...) (callee AST_SUPER) */
    AST_NEW,            /* [AstCall] new C(args); args empty for `new C` */
    AST_MEMBER,         /* [AstMember] a.b a[b] a.#b super.b super[b] */
    AST_OPTIONAL_CHAIN, /* [AstUnaryLike] wraps a whole a?.b.c chain: the
                           place a short-circuit jumps to (yields
                           undefined). Inside, the AstMember/AstCall nodes
                           that have `optional` set start with ?. */
    AST_SEQUENCE,       /* [AstSequence] a, b, c */
    AST_SPREAD,         /* [AstUnaryLike] ...x in arrays, calls, objects */
    AST_YIELD,          /* [AstYield] */
    AST_AWAIT,          /* [AstUnaryLike] */
    AST_IMPORT_CALL,    /* [AstImportCall] import(spec [, options]) */

    /* ---- patterns (binding and assignment) ---- */
    AST_ARRAY_PATTERN,  /* [AstArray] elements: target, AST_ASSIGN_PATTERN,
                           AST_REST (last only), NULL = elision */
    AST_OBJECT_PATTERN, /* [AstObject] props: AstProperty (kind
                           AST_PROP_INIT or AST_PROP_SHORTHAND, value = a
                           target or AST_ASSIGN_PATTERN), then optionally
                           one AST_REST last */
    AST_ASSIGN_PATTERN, /* [AstAssign] target = default (op AST_OP_ASSIGN) */
    AST_REST,           /* [AstUnaryLike] ...target in patterns / params */
    /* A "target" is: AST_IDENT; in binding patterns only that or a nested
     * pattern; in assignment patterns also AST_MEMBER (never optional),
     * and in sloppy mode an AST_CALL only where web-compat allows it
     * (never: calls as targets are an early error in patterns; as the
     * target of = / op= / ++ / for-in/of head they are allowed in sloppy
     * scripts and throw ReferenceError at run time). */

    /* ---- statements ---- */
    AST_VAR_DECL,       /* [AstVarDecl] var / let / const */
    AST_DECLARATOR,     /* [AstDeclarator] */
    AST_EXPR_STMT,      /* [AstUnaryLike] flag AST_F_DIRECTIVE for
                           directive prologue entries */
    AST_BLOCK,          /* [AstBlock] */
    AST_EMPTY,          /* [AstNode] ; */
    AST_IF,             /* [AstIf] */
    AST_FOR,            /* [AstFor] */
    AST_FOR_IN,         /* [AstForInOf] */
    AST_FOR_OF,         /* [AstForInOf] (is_await for for-await) */
    AST_WHILE,          /* [AstWhile] */
    AST_DO_WHILE,       /* [AstWhile] */
    AST_CONTINUE,       /* [AstJump] */
    AST_BREAK,          /* [AstJump] */
    AST_RETURN,         /* [AstUnaryLike] arg may be NULL */
    AST_WITH,           /* [AstWith] */
    AST_SWITCH,         /* [AstSwitch] */
    AST_CASE,           /* [AstCase] */
    AST_THROW,          /* [AstUnaryLike] */
    AST_TRY,            /* [AstTry] */
    AST_DEBUGGER,       /* [AstNode] */
    AST_LABELED,        /* [AstLabeled] */

    /* ---- modules ---- */
    AST_IMPORT_DECL,    /* [AstImportDecl] */
    AST_IMPORT_SPEC,    /* [AstModuleSpec] */
    AST_EXPORT_NAMED,   /* [AstExportNamed] export {..} [from], export decl */
    AST_EXPORT_SPEC,    /* [AstModuleSpec] */
    AST_EXPORT_DEFAULT, /* [AstExportDefault] */
    AST_EXPORT_ALL,     /* [AstExportAll] export * [as ns] from */
    AST_IMPORT_ATTR,    /* [AstImportAttr] key: value in with { ... } */

    AST_KIND_COUNT
} AstKind;

/* ------------------------------------------------------------------------
 * Common header. line/column are 1-based (column counts bytes of UTF-8 on
 * the line; ParseOptions.start_line/start_col shift them). start/end are
 * byte offsets into the source text given to js_parse_program: the node's
 * text is src[start, end). For AST_FUNCTION/AST_ARROW/AST_CLASS this is
 * exactly what Function.prototype.toString must return (for methods and
 * accessors it starts at the first token of the MethodDefinition, i.e. incl.
 * `async` `get` `set` `*` but not `static`; a class constructor's own text
 * is its method text: toString of the class uses the AstClass range).
 * ------------------------------------------------------------------------ */
enum {
    AST_F_PARENS = 1 << 0,     /* expression was parenthesized: (a).b() is
                                  still a method call, (a?.b).c ends the
                                  chain; (function(){}) is still an
                                  anonymous function definition for naming */
    AST_F_DIRECTIVE = 1 << 1,  /* AST_EXPR_STMT in a directive prologue */
    AST_F_USE_STRICT = 1 << 2, /* ... and it is exactly "use strict" */
    AST_F_ANON_FN = 1 << 3,    /* expression is an anonymous function /
                                  class / arrow definition (possibly in
                                  parens) that NamedEvaluation names */
    /* bits 13..15 are scratch bits of the parser: ignore them */
};

struct AstNode {
    uint16_t kind;             /* AstKind */
    uint16_t flags;            /* AST_F_* */
    uint32_t line, column;
    uint32_t start, end;
};

/* Operators (AstUnary.op, AstUpdate.op, AstBinary.op, AstAssign.op). */
typedef enum AstOp {
    AST_OP_NONE = 0,
    /* unary */
    AST_OP_NEG, AST_OP_PLUS, AST_OP_NOT, AST_OP_BITNOT, AST_OP_TYPEOF,
    AST_OP_VOID, AST_OP_DELETE,
    /* update */
    AST_OP_INC, AST_OP_DEC,
    /* binary */
    AST_OP_ADD, AST_OP_SUB, AST_OP_MUL, AST_OP_DIV, AST_OP_MOD, AST_OP_EXP,
    AST_OP_SHL, AST_OP_SAR, AST_OP_SHR, AST_OP_BITAND, AST_OP_BITOR,
    AST_OP_BITXOR, AST_OP_EQ, AST_OP_NE, AST_OP_STRICT_EQ, AST_OP_STRICT_NE,
    AST_OP_LT, AST_OP_LE, AST_OP_GT, AST_OP_GE, AST_OP_IN,
    AST_OP_INSTANCEOF,
    /* logical */
    AST_OP_AND, AST_OP_OR, AST_OP_NULLISH,
    /* assignment: AST_OP_ASSIGN is plain '='; compound assignments use the
     * binary/logical op above (a += b has op AST_OP_ADD, a ??= b has
     * AST_OP_NULLISH: short-circuiting). */
    AST_OP_ASSIGN,
} AstOp;

/* ------------------------------------------------------------------------
 * Expression nodes
 * ------------------------------------------------------------------------ */
typedef struct AstIdent {           /* AST_IDENT, AST_PRIVATE_NAME */
    AstNode h;
    const AstName *name;
} AstIdent;

typedef struct AstNumber {          /* AST_NUMBER */
    AstNode h;
    double value;
} AstNumber;

/* AST_BIGINT: digits are ASCII in the literal's radix (2, 8, 10 or 16),
 * without the 0x/0o/0b prefix, without numeric separators and without the
 * trailing 'n'; hex digits are lowercase. Leading zeros are possible only
 * for non-decimal radixes ("0x00ff" -> radix 16, "00ff"). */
typedef struct AstBigInt {
    AstNode h;
    const char *digits;             /* NUL-terminated */
    uint32_t len;
    uint32_t radix;
} AstBigInt;

enum {                              /* AstString.sflags */
    AST_STR_LEGACY_ESCAPE = 1 << 0, /* has \0NN octal or \8 \9 escape */
};
typedef struct AstString {          /* AST_STRING: UTF-16 code units */
    AstNode h;
    const uint16_t *chars;
    uint32_t len;
    uint32_t sflags;
} AstString;

typedef struct AstTemplatePart {
    const uint16_t *cooked;         /* NULL when the cooked value is
                                       undefined (invalid escape, tagged
                                       templates only) */
    uint32_t cooked_len;
    const uint16_t *raw;            /* TRV: never NULL (may be empty) */
    uint32_t raw_len;
} AstTemplatePart;

typedef struct AstTemplate {        /* AST_TEMPLATE */
    AstNode h;
    uint32_t nparts;                /* >= 1; nexprs == nparts - 1 */
    AstTemplatePart *parts;
    AstNode **exprs;
} AstTemplate;

typedef struct AstTaggedTemplate {  /* AST_TAGGED_TEMPLATE: the node's
                                       address identifies the site for the
                                       template object cache */
    AstNode h;
    AstNode *tag;
    AstTemplate *quasi;
} AstTaggedTemplate;

typedef struct AstRegExp {          /* AST_REGEXP */
    AstNode h;
    const uint16_t *pattern;        /* body between the slashes, UTF-16 */
    uint32_t pattern_len;
    const char *flags;              /* ASCII, NUL-terminated */
    uint32_t flags_len;
} AstRegExp;

typedef struct AstArray {           /* AST_ARRAY, AST_ARRAY_PATTERN */
    AstNode h;
    AstList elements;               /* NULL items are holes */
} AstArray;

typedef struct AstObject {          /* AST_OBJECT, AST_OBJECT_PATTERN */
    AstNode h;
    AstList props;
} AstObject;

typedef enum AstPropKind {
    AST_PROP_INIT,       /* key: value */
    AST_PROP_SHORTHAND,  /* { x } : key and value are AST_IDENT with the same
                            name (value is a reference / binding target;
                            in patterns it may be an AST_ASSIGN_PATTERN
                            { x = 1 }) */
    AST_PROP_PROTO,      /* __proto__: value (non-computed, non-shorthand,
                            in object literals only: sets the prototype) */
    AST_PROP_METHOD,     /* value is an AST_FUNCTION (may be async/gen) */
    AST_PROP_GET,        /* value is an AST_FUNCTION */
    AST_PROP_SET,        /* value is an AST_FUNCTION */
} AstPropKind;

/* Property / class element keys: when not computed, key is AST_IDENT
 * (the name as a string), AST_STRING, AST_NUMBER, AST_BIGINT (keys are
 * ToString of the value) or, in classes, AST_PRIVATE_NAME. When computed,
 * key is any expression. */
typedef struct AstProperty {        /* AST_PROPERTY */
    AstNode h;
    uint8_t kind;                   /* AstPropKind */
    bool computed;
    AstNode *key;
    AstNode *value;
} AstProperty;

typedef struct AstUnary {           /* AST_UNARY */
    AstNode h;
    uint8_t op;                     /* AstOp */
    AstNode *arg;
} AstUnary;

typedef struct AstUpdate {          /* AST_UPDATE: arg is AST_IDENT or
                                       AST_MEMBER (or AST_CALL, sloppy
                                       web-compat: ReferenceError) */
    AstNode h;
    uint8_t op;                     /* AST_OP_INC / AST_OP_DEC */
    bool prefix;
    AstNode *arg;
} AstUpdate;

typedef struct AstBinary {          /* AST_BINARY, AST_LOGICAL */
    AstNode h;
    uint8_t op;
    AstNode *left, *right;
} AstBinary;

typedef struct AstAssign {          /* AST_ASSIGN, AST_ASSIGN_PATTERN */
    AstNode h;
    uint8_t op;                     /* AST_OP_ASSIGN or compound op */
    AstNode *target;                /* with '=': AST_IDENT, AST_MEMBER, a
                                       pattern (or AST_CALL, see above);
                                       compound: AST_IDENT / AST_MEMBER
                                       (/ AST_CALL for non-logical ops) */
    AstNode *value;
} AstAssign;

typedef struct AstConditional {     /* AST_CONDITIONAL */
    AstNode h;
    AstNode *test, *cons, *alt;
} AstConditional;

enum {                              /* AstCall.cflags */
    AST_CALL_DIRECT_EVAL = 1 << 0,  /* callee is the plain identifier `eval`
                                       (maybe parenthesized), not optional:
                                       a candidate direct eval */
};
typedef struct AstCall {            /* AST_CALL, AST_NEW */
    AstNode h;
    AstNode *callee;                /* AST_SUPER for super(...) */
    AstList args;                   /* may contain AST_SPREAD */
    bool optional;                  /* f?.(args) */
    uint8_t cflags;
} AstCall;

typedef struct AstMember {          /* AST_MEMBER */
    AstNode h;
    AstNode *object;                /* may be AST_SUPER */
    AstNode *property;              /* computed: any expression; else
                                       AST_IDENT (name) or AST_PRIVATE_NAME */
    bool computed;
    bool optional;                  /* a?.b / a?.[b] / a?.#b */
} AstMember;

typedef struct AstUnaryLike {       /* AST_SPREAD, AST_REST, AST_AWAIT,
                                       AST_OPTIONAL_CHAIN, AST_EXPR_STMT,
                                       AST_RETURN, AST_THROW */
    AstNode h;
    AstNode *arg;
} AstUnaryLike;

typedef struct AstSequence {        /* AST_SEQUENCE */
    AstNode h;
    AstList exprs;
} AstSequence;

typedef struct AstYield {           /* AST_YIELD */
    AstNode h;
    AstNode *arg;                   /* NULL for bare `yield` */
    bool delegate;                  /* yield* */
} AstYield;

typedef struct AstImportCall {      /* AST_IMPORT_CALL */
    AstNode h;
    AstNode *source;
    AstNode *options;               /* NULL if absent */
} AstImportCall;

/* ------------------------------------------------------------------------
 * Scopes. Each scope-creating node carries the names it declares, so the
 * compiler can allocate bindings without re-walking the tree.
 * ------------------------------------------------------------------------ */
typedef enum AstDeclKind {
    /* var-scoped (AstFunction.var_decls) */
    AST_DECL_VAR,        /* var x (also each name of a var pattern) */
    AST_DECL_FUNCTION,   /* top-level function declaration of a function
                            body / script / eval / module; node is the
                            AstFunction that wins (the last one) */
    AST_DECL_ANNEXB,     /* sloppy-mode var binding created by Annex B.3.3
                            for a function declared in a block; initialized
                            to undefined at entry; node is the first such
                            AstFunction. When the block-level declaration is
                            evaluated, the block binding's value is copied
                            into this var binding (AstFunction flag
                            AST_FN_ANNEXB_HOIST marks those declarations). */
    /* lexically scoped (AstScope) */
    AST_DECL_LET,
    AST_DECL_CONST,
    AST_DECL_CLASS,      /* class declaration (mutable, like let) */
    AST_DECL_BLOCK_FUNCTION, /* function declaration inside a block / switch
                            / (sloppy) if-statement body: initialized to the
                            function when the block is entered; node is
                            the AstFunction (the last one of that name) */
    AST_DECL_CATCH,      /* catch parameter name (each bound name) */
    AST_DECL_IMPORT,     /* module import binding (immutable, indirect) */
    AST_DECL_CLASS_INNER,/* a class's own name inside its body (immutable) */
    AST_DECL_FN_NAME,    /* a named function expression's own name
                            (immutable; silently ignores writes in sloppy
                            mode); in AstFunction.name_scope */
} AstDeclKind;

typedef struct AstDecl {
    const AstName *name;
    uint8_t kind;                   /* AstDeclKind */
    AstNode *node;                  /* declaring node: AstFunction for
                                       function kinds, AstClass for classes,
                                       AST_IMPORT_SPEC for imports, the
                                       AST_IDENT binding otherwise */
} AstDecl;

typedef struct AstScope {
    AstDecl *decls;                 /* each name at most once */
    uint32_t count;
} AstScope;

/* ------------------------------------------------------------------------
 * Functions (also the script/module/eval top level, see AstProgram).
 * ------------------------------------------------------------------------ */
enum {                              /* AstFunction.fflags */
    AST_FN_STRICT        = 1u << 0,
    AST_FN_ARROW         = 1u << 1,
    AST_FN_ASYNC         = 1u << 2,
    AST_FN_GENERATOR     = 1u << 3,
    AST_FN_METHOD        = 1u << 4, /* object/class method, accessor, class
                                       constructor, field initializer or
                                       static block: has a home object */
    AST_FN_GETTER        = 1u << 5,
    AST_FN_SETTER        = 1u << 6,
    AST_FN_CLASS_CTOR    = 1u << 7, /* explicit class constructor */
    AST_FN_DERIVED       = 1u << 8, /* ... of a class with `extends` */
    AST_FN_FIELD_INIT    = 1u << 9, /* synthetic function holding one class
                                       field's initializer (expr_body) */
    AST_FN_STATIC_BLOCK  = 1u << 10,/* class static { } block (body) */
    AST_FN_SIMPLE_PARAMS = 1u << 11,/* IsSimpleParameterList */
    AST_FN_DIRECT_EVAL   = 1u << 12,/* this function's own code (not a nested
                                       non-arrow function) has a direct-eval
                                       candidate call; also set on arrows */
    AST_FN_INNER_EVAL    = 1u << 13,/* some nested function (any depth)
                                       contains a direct eval: every binding
                                       of this function may be looked up
                                       by name */
    AST_FN_USES_ARGUMENTS= 1u << 14,/* mentions `arguments` (from an arrow,
                                       also set on the enclosing functions
                                       up to the first non-arrow) */
    AST_FN_USES_THIS     = 1u << 15,/* this (or super): propagated from
                                       arrows like USES_ARGUMENTS */
    AST_FN_USES_NEW_TARGET=1u << 16,/* new.target: propagated like above */
    AST_FN_USES_SUPER_PROP=1u << 17,/* super.x / super[x]: propagated */
    AST_FN_USES_SUPER_CALL=1u << 18,/* super(...): propagated */
    AST_FN_EXPR_BODY     = 1u << 19,/* arrow with concise body, or field
                                       initializer: see expr_body */
    AST_FN_DECLARATION   = 1u << 20,/* function declaration (statement) */
    AST_FN_ANNEXB_HOIST  = 1u << 21,/* block-level declaration whose value is
                                       copied to the var binding of the same
                                       name when evaluated (Annex B.3.3) */
    AST_FN_HAS_USE_STRICT= 1u << 22,/* body starts with "use strict" */
    AST_FN_PARAM_EXPRS   = 1u << 23,/* parameters contain expressions
                                       (defaults / computed keys): the body
                                       needs a separate var environment */
    AST_FN_SCRIPT        = 1u << 24,/* top level of a script */
    AST_FN_MODULE        = 1u << 25,/* top level of a module */
    AST_FN_EVAL          = 1u << 26,/* top level of eval code */
    AST_FN_HAS_AWAIT     = 1u << 27,/* module with top-level await */
    AST_FN_ARGUMENTS_NEEDED=1u << 28,/* non-arrow function that needs an
                                       arguments object: mentions `arguments`
                                       (itself or from arrows) or contains
                                       a direct eval, and `arguments` is not
                                       shadowed by a parameter, or (with
                                       simple params) by a function or
                                       lexical declaration of the body */
};

typedef struct AstFunction {        /* AST_FUNCTION, AST_ARROW */
    AstNode h;
    uint32_t fflags;                /* AST_FN_* */
    const AstName *name;            /* binding identifier, or NULL (arrows,
                                       anonymous expressions, methods: see
                                       key of the property/element) */
    AstList params;                 /* AST_IDENT, patterns, AST_ASSIGN_PATTERN
                                       (default), AST_REST (last) */
    const AstName **param_names;    /* BoundNames of params, in order;
                                       duplicates possible (sloppy, simple
                                       lists only) */
    uint32_t nparam_names;
    uint32_t length;                /* ExpectedArgumentCount */
    AstList body;                   /* statements (FunctionBody); empty
                                       when AST_FN_EXPR_BODY */
    AstNode *expr_body;             /* concise arrow body / field
                                       initializer expression, else NULL */
    AstDecl *var_decls;             /* var-scoped names (VAR, FUNCTION,
                                       ANNEXB), each at most once; does not
                                       include parameter names */
    uint32_t nvar_decls;
    AstScope scope;                 /* lexical declarations at the top level
                                       of the body (let/const/class; in
                                       modules also imports) */
    AstScope name_scope;            /* named function expression: its own
                                       name (AST_DECL_FN_NAME), else empty */
    struct AstFunction *parent;     /* enclosing function / top level */
    struct AstClass *home_class;    /* for class methods, constructors,
                                       field initializers, static blocks */
    uint32_t body_start;            /* byte offset of the body's '{' (or of
                                       the concise body expression) */
} AstFunction;

/* ------------------------------------------------------------------------
 * Classes
 * ------------------------------------------------------------------------ */
typedef enum AstElemKind {
    AST_ELEM_METHOD,     /* value: AST_FUNCTION (maybe async / generator) */
    AST_ELEM_GETTER,     /* value: AST_FUNCTION */
    AST_ELEM_SETTER,     /* value: AST_FUNCTION */
    AST_ELEM_FIELD,      /* value: AST_FUNCTION with AST_FN_FIELD_INIT, or
                            NULL when there is no initializer */
    AST_ELEM_STATIC_BLOCK,/* value: AST_FUNCTION with AST_FN_STATIC_BLOCK */
} AstElemKind;

typedef struct AstClassElement {    /* AST_CLASS_ELEMENT */
    AstNode h;
    uint8_t kind;                   /* AstElemKind */
    bool is_static;
    bool computed;
    AstNode *key;                   /* see AstProperty; NULL for static
                                       blocks */
    AstFunction *value;
} AstClassElement;

typedef enum AstPrivKind {
    AST_PRIV_FIELD, AST_PRIV_METHOD, AST_PRIV_GETTER, AST_PRIV_SETTER,
    AST_PRIV_ACCESSOR,              /* both getter and setter */
} AstPrivKind;

typedef struct AstPrivateDecl {
    const AstName *name;            /* "#x" */
    uint8_t kind;                   /* AstPrivKind */
    bool is_static;
} AstPrivateDecl;

typedef struct AstClass {           /* AST_CLASS */
    AstNode h;
    const AstName *name;            /* NULL for anonymous class expressions
                                       (and `export default class {}`) */
    bool is_declaration;
    AstNode *heritage;              /* extends expression or NULL */
    AstFunction *constructor;       /* explicit constructor or NULL */
    AstList elements;               /* AstClassElement, in source order,
                                       without the constructor */
    AstScope scope;                 /* the class scope: the class's own name
                                       (AST_DECL_CLASS_INNER) if named */
    AstPrivateDecl *privates;       /* private names declared by the body */
    uint32_t nprivates;
} AstClass;

/* ------------------------------------------------------------------------
 * Statements
 * ------------------------------------------------------------------------ */
/* AST_USING / AST_AWAIT_USING: `using` and `await using` declarations.
 * Their bindings are declared as AST_DECL_CONST; every target is an
 * AST_IDENT. They appear directly in a Block, a function / module body,
 * or a for / for-of head only (never in a case clause or a script's or
 * eval code's top level). */
typedef enum AstVarKind {
    AST_VAR, AST_LET, AST_CONST, AST_USING, AST_AWAIT_USING
} AstVarKind;

typedef struct AstVarDecl {         /* AST_VAR_DECL */
    AstNode h;
    uint8_t kind;                   /* AstVarKind */
    AstList decls;                  /* AST_DECLARATOR */
} AstVarDecl;

typedef struct AstDeclarator {      /* AST_DECLARATOR */
    AstNode h;
    AstNode *target;                /* AST_IDENT or binding pattern */
    AstNode *init;                  /* NULL if none */
} AstDeclarator;

typedef struct AstBlock {           /* AST_BLOCK */
    AstNode h;
    AstList body;
    AstScope scope;
} AstBlock;

typedef struct AstIf {              /* AST_IF */
    AstNode h;
    AstNode *test, *cons, *alt;     /* alt may be NULL. In sloppy mode a
                                       function declaration as cons/alt is
                                       wrapped in a synthetic AST_BLOCK */
} AstIf;

typedef struct AstFor {             /* AST_FOR */
    AstNode h;
    AstNode *init;                  /* AST_VAR_DECL, expression, or NULL */
    AstNode *test, *update;         /* may be NULL */
    AstNode *body;
    AstScope scope;                 /* let/const names of init (a fresh copy
                                       per iteration for let) */
} AstFor;

typedef struct AstForInOf {         /* AST_FOR_IN, AST_FOR_OF */
    AstNode h;
    AstNode *left;                  /* AST_VAR_DECL with one declarator
                                       (init only for the Annex B sloppy
                                       `for (var x = e in o)`), or a target
                                       (AST_IDENT, AST_MEMBER, pattern,
                                       sloppy AST_CALL) */
    AstNode *right;
    AstNode *body;
    AstScope scope;                 /* let/const names of left */
    bool is_await;                  /* for await (... of ...) */
} AstForInOf;

typedef struct AstWhile {           /* AST_WHILE, AST_DO_WHILE */
    AstNode h;
    AstNode *test, *body;
} AstWhile;

typedef struct AstJump {            /* AST_BREAK, AST_CONTINUE */
    AstNode h;
    const AstName *label;           /* NULL if none */
} AstJump;

typedef struct AstWith {            /* AST_WITH */
    AstNode h;
    AstNode *object, *body;
} AstWith;

typedef struct AstCase {            /* AST_CASE */
    AstNode h;
    AstNode *test;                  /* NULL for default: */
    AstList body;
} AstCase;

typedef struct AstSwitch {          /* AST_SWITCH */
    AstNode h;
    AstNode *disc;
    AstList cases;                  /* AST_CASE */
    AstScope scope;                 /* lexical names of all the cases */
} AstSwitch;

typedef struct AstTry {             /* AST_TRY */
    AstNode h;
    AstBlock *block;
    AstNode *param;                 /* catch binding (AST_IDENT / pattern),
                                       NULL for `catch {` or no catch */
    AstBlock *handler;              /* NULL if no catch clause */
    AstBlock *finalizer;            /* NULL if no finally clause */
    AstScope catch_scope;           /* bound names of param (AST_DECL_CATCH) */
} AstTry;

typedef struct AstLabeled {         /* AST_LABELED */
    AstNode h;
    const AstName *label;
    AstNode *body;
} AstLabeled;

/* ------------------------------------------------------------------------
 * Modules. Module specifiers are AST_STRING nodes (UTF-16). Import and
 * export names are AstNames: identifiers or (well-formed) string names.
 * ------------------------------------------------------------------------ */
typedef struct AstImportAttr {      /* AST_IMPORT_ATTR */
    AstNode h;
    AstString *key;                 /* identifier keys are given as strings */
    AstString *value;
} AstImportAttr;

typedef enum AstModSpecKind {
    AST_SPEC_NAMED,                 /* import { a as b } / export { a as b } */
    AST_SPEC_DEFAULT,               /* import d from */
    AST_SPEC_NAMESPACE,             /* import * as ns from */
} AstModSpecKind;

typedef struct AstModuleSpec {      /* AST_IMPORT_SPEC, AST_EXPORT_SPEC */
    AstNode h;
    uint8_t kind;                   /* AstModSpecKind (exports: NAMED) */
    const AstName *imported;        /* import: name in the other module
                                       ("default" for DEFAULT, NULL for
                                       NAMESPACE); export: the local name
                                       or, with `from`, the other module's
                                       name */
    const AstName *local;           /* import: local binding; export: the
                                       exported name */
} AstModuleSpec;

typedef struct AstImportDecl {      /* AST_IMPORT_DECL */
    AstNode h;
    AstList specs;                  /* AST_IMPORT_SPEC (empty: import 'm') */
    AstString *source;
    AstList attrs;                  /* AST_IMPORT_ATTR */
} AstImportDecl;

typedef struct AstExportNamed {     /* AST_EXPORT_NAMED */
    AstNode h;
    AstNode *decl;                  /* export var/let/const/function/class,
                                       or NULL */
    AstList specs;                  /* AST_EXPORT_SPEC (when decl is NULL) */
    AstString *source;              /* export {..} from 'm', or NULL */
    AstList attrs;                  /* AST_IMPORT_ATTR */
} AstExportNamed;

typedef struct AstExportDefault {   /* AST_EXPORT_DEFAULT: the local binding
                                       is the declaration's name, or
                                       "*default*" if anonymous/expression */
    AstNode h;
    AstNode *decl;                  /* AST_FUNCTION (flag DECLARATION),
                                       AST_CLASS (is_declaration), or an
                                       expression */
} AstExportDefault;

typedef struct AstExportAll {       /* AST_EXPORT_ALL */
    AstNode h;
    const AstName *exported;        /* export * as ns: "ns"; else NULL */
    AstString *source;
    AstList attrs;
} AstExportAll;

/* ------------------------------------------------------------------------
 * The result of a parse.
 * ------------------------------------------------------------------------ */
typedef struct AstProgram {
    AstFunction *top;               /* flags AST_FN_SCRIPT / MODULE / EVAL
                                       (+ STRICT); body = statements;
                                       var_decls / scope = the top-level
                                       declarations. For function-constructor
                                       mode: body holds one AST_EXPR_STMT
                                       whose arg is the AstFunction. */
    AstNames *names;                /* the intern table of this parse */
    const char *source;             /* the text the offsets refer to */
    size_t source_len;
} AstProgram;

#endif
