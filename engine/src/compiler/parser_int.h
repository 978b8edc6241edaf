/* Internal state shared by parser.c (statements, declarations, functions,
 * classes, modules, scopes) and parser_expr.c (expressions, patterns,
 * cover grammars). Not for use outside the front end. Errors longjmp to
 * js_parse_program, which owns every temporary (all in the arena). */
#ifndef PARSER_INT_H
#define PARSER_INT_H

#include "ast.h"
#include "lexer.h"
#include "parser.h"

/* Hash index over a vector of names (built once the vector grows past a
 * few entries): slot -> index + 1, 0 = empty. */
typedef struct NameIndex {
    uint32_t *slots;
    uint32_t mask;
} NameIndex;

typedef struct DeclVec {
    AstDecl *v;
    uint32_t n, cap;
    NameIndex idx;
} DeclVec;

typedef struct NodeVec {
    AstNode **v;
    uint32_t n, cap;
} NodeVec;

typedef struct NameVec {
    const AstName **v;
    uint32_t n, cap;
    NameIndex idx;          /* only maintained by namev_add_unique */
} NameVec;

enum ScopeKind {
    SC_TOP,             /* function body / script / module / eval top */
    SC_BLOCK,
    SC_CATCH_SIMPLE,    /* catch (e) */
    SC_CATCH_PATTERN,   /* catch ({e}) */
    SC_FOR,
    SC_SWITCH,
    SC_CLASS,
};

typedef struct Scope {
    struct Scope *parent;
    int kind;
    int depth;
    DeclVec lex;            /* lexical declarations */
    NameVec vars;           /* var names declared in this scope or inside */
    bool catch_body;        /* the block of a catch clause */
    AstScope *out;          /* where the declarations go when popped */
} Scope;

typedef struct Label {
    const AstName *name;
    bool loop;
    bool pending;           /* its statement has not started yet */
    struct Label *next;
} Label;

typedef struct AnnexB {
    AstFunction *fn;
    int depth;              /* innermost open scope containing it */
    Scope *declared_in;
    bool alive;
} AnnexB;

typedef struct FuncState {
    struct FuncState *parent;
    AstFunction *fn;
    Scope *top;             /* the body's top scope */
    DeclVec vars;           /* var-scoped declarations (deduplicated) */
    Label *labels;
    int loops;              /* enclosing iteration statements */
    int breakables;         /* loops + switches */
    bool yield_kw;          /* `yield` is a keyword here (generator) */
    bool await_kw;          /* `await` is a keyword here */
    bool in_params;         /* parsing formal parameters */
    bool await_expr_banned; /* static block / field init: no await expr */
    bool is_arrow_like;     /* transparent for this/arguments/super */
    bool no_return;         /* script / module / static block */
    const AstName **params; /* parameter names (for conflicts) */
    uint32_t nparams;
    AnnexB *annexb;
    uint32_t nannexb, capannexb;
} FuncState;

typedef struct Pos {
    uint32_t start, line, col;
} Pos;

/* Per-class state for private names. */
typedef struct PrivRef {
    const AstName *name;
    uint32_t line, col;
} PrivRef;

typedef struct ClassState {
    struct ClassState *parent;
    AstClass *cls;
    PrivRef *refs;          /* #x uses not yet resolved */
    uint32_t nrefs, caprefs;
    AstPrivateDecl *decls;
    uint32_t ndecls, capdecls;
} ClassState;

typedef struct Parser {
    Lexer L;
    Arena *arena;
    AstNames *names;
    const ParseOptions *opts;
    jmp_buf jmp;
    char errmsg[256];
    uint32_t err_line, err_col;
    int depth, max_depth;
    bool module;
    FuncState *fs;
    Scope *scope;
    ClassState *cls;
    /* cover grammar bookkeeping: positions (start offset + 1, 0 = none) */
    uint32_t cover_init_pos, cover_init_line, cover_init_col;
    uint32_t yield_pos, await_pos;      /* yield/await expressions seen */
    uint32_t await_ident_pos;           /* `await` used as an identifier */
    bool eval_seen;                     /* direct eval seen (arrow params) */
    NodeVec all_funcs;                  /* every function created, in order */
    int eval_flags;
    int class_strict;                   /* > 0 inside class bodies */
    bool allow_anon_decl;               /* export default function () */
    bool in_function_ctor_body;
    void *mod;                          /* ModuleState (parser.c) */
} Parser;

/* internal node flag: object/array literal holding a CoverInitializedName
   ({a = 1}) that must become a pattern */
#define AST_F_COVER_INIT (1u << 15)
/* internal: unparenthesized arrow returned from primary */
#define AST_F_ARROW_END (1u << 14)

/* --- helpers (parser.c) --- */
_Noreturn void js_ps_error(Parser *p, const char *fmt, ...);
_Noreturn void js_ps_error_at(Parser *p, uint32_t line, uint32_t col,
                           const char *fmt, ...);
_Noreturn void js_ps_error_node(Parser *p, const AstNode *n, const char *fmt,
                             ...);
void *js_ps_alloc(Parser *p, size_t n);
Pos js_ps_pos(Parser *p);
void *js_ps_node(Parser *p, int kind, size_t size, Pos at);
void js_ps_finish(Parser *p, void *node);
void js_ps_next(Parser *p);
bool js_ps_is(Parser *p, int type);
bool js_ps_eat(Parser *p, int type);
void js_ps_expect(Parser *p, int type, const char *what);
Token js_ps_peek(Parser *p);
Token js_ps_peek2(Parser *p);
void js_ps_enter(Parser *p);
static inline void ps_leave(Parser *p) { p->depth--; }
bool js_ps_strict(Parser *p);
void js_nv_push(Parser *p, NodeVec *v, AstNode *n);
AstList js_nv_list(Parser *p, NodeVec *v);

/* identifiers and bindings (parser.c) */
void js_ps_check_binding_name(Parser *p, const AstName *name, const Token *t,
                           uint32_t line, uint32_t col);
const AstName *js_ps_binding_ident(Parser *p, Pos *pos);

/* functions and classes (parser.c) */
AstFunction *js_ps_function(Parser *p, Pos start, uint32_t fflags,
                         const AstName *name, bool is_expr, int elem_kind);
AstFunction *js_ps_arrow(Parser *p, Pos start, AstList params, bool is_async,
                      size_t funcs_mark);
AstClass *js_ps_class(Parser *p, bool is_decl, bool name_optional);
void js_ps_note_private_ref(Parser *p, const AstName *name, uint32_t line,
                         uint32_t col);
void js_ps_mark_uses(Parser *p, uint32_t flag);
void js_ps_check_new_target(Parser *p, const Token *t);
void js_ps_check_super(Parser *p, bool call, uint32_t line, uint32_t col);
void js_ps_check_arguments(Parser *p, uint32_t line, uint32_t col);

/* expressions (parser_expr.c) */
enum { EX_NO_IN = 1, EX_COVER = 2 };
AstNode *js_px_expression(Parser *p, int flags);
AstNode *js_px_assign(Parser *p, int flags);
AstNode *js_px_lhs(Parser *p);
AstNode *js_px_to_pattern(Parser *p, AstNode *n, bool binding);
AstNode *js_px_binding_target(Parser *p);  /* BindingIdentifier | pattern */
AstNode *js_px_binding_element(Parser *p); /* target with optional default */
AstNode *js_px_property_name(Parser *p, bool *computed, bool allow_private);
AstString *js_px_string_node(Parser *p);
void js_px_check_cover(Parser *p);

#endif
