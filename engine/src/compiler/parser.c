/* Statement half of the parser and its entry point: statements,
 * declarations and the scope bookkeeping behind their early errors,
 * functions (parameters, bodies, directive prologues), classes (elements,
 * private names), modules (import/export) and js_parse_program. Errors longjmp
 * back to js_parse_program; everything lives in the arena. */
#include "parser_int.h"
#include "stack_guard.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Errors, allocation, tokens
 * --------------------------------------------------------------------- */

static _Noreturn void verror(Parser *p, uint32_t line, uint32_t col,
                             const char *fmt, va_list ap)
{
    vsnprintf(p->errmsg, sizeof p->errmsg, fmt, ap);
    p->err_line = line;
    p->err_col = col;
    longjmp(p->jmp, 1);
}

_Noreturn void js_ps_error(Parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(p, p->L.tok.line, p->L.tok.col, fmt, ap);
}

_Noreturn void js_ps_error_at(Parser *p, uint32_t line, uint32_t col,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(p, line, col, fmt, ap);
}

_Noreturn void js_ps_error_node(Parser *p, const AstNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(p, n->line, n->column, fmt, ap);
}

void *js_ps_alloc(Parser *p, size_t n)
{
    void *r = js_arena_alloc(p->arena, n);
    if (!r)
        js_ps_error(p, "out of memory");
    return r;
}

Pos js_ps_pos(Parser *p)
{
    Pos r = {p->L.tok.start, p->L.tok.line, p->L.tok.col};
    return r;
}

void *js_ps_node(Parser *p, int kind, size_t size, Pos at)
{
    AstNode *n = js_arena_zalloc(p->arena, size);
    if (!n)
        js_ps_error(p, "out of memory");
    n->kind = (uint16_t)kind;
    n->line = at.line;
    n->column = at.col;
    n->start = at.start;
    n->end = at.start;
    return n;
}

void js_ps_finish(Parser *p, void *node)
{
    AstNode *n = node;
    n->end = p->L.prev_end;
    if (n->end < n->start)
        n->end = n->start;
}

void js_ps_next(Parser *p)
{
    js_lex_next(&p->L);
}

bool js_ps_is(Parser *p, int type)
{
    return p->L.tok.type == type;
}

bool js_ps_eat(Parser *p, int type)
{
    if (p->L.tok.type != type)
        return false;
    js_lex_next(&p->L);
    return true;
}

void js_ps_expect(Parser *p, int type, const char *what)
{
    if (p->L.tok.type != type) {
        if (p->L.tok.type == T_EOF)
            js_ps_error(p, "unexpected end of input, expected %s", what);
        js_ps_error(p, "unexpected token, expected %s", what);
    }
    js_lex_next(&p->L);
}

static bool ps_is_kw(Parser *p, int kw)
{
    return p->L.tok.type == T_IDENT && p->L.tok.kw == kw && !p->L.tok.escaped;
}

static void ps_semicolon(Parser *p)
{
    if (js_ps_eat(p, T_SEMI))
        return;
    if (js_ps_is(p, T_RBRACE) || js_ps_is(p, T_EOF) || p->L.tok.nl_before)
        return;
    js_ps_error(p, "unexpected token, expected ';'");
}

/* The token n tokens ahead of the current one, the lexer left as it was. */
static Token peek_ahead(Parser *p, int n)
{
    Lexer *L = &p->L;
    size_t pos = L->pos, ls = L->line_start;
    uint32_t line = L->line, pe = L->prev_end, pl = L->prev_line;
    Token saved = L->tok;
    while (n-- > 0)
        js_lex_next(L);
    Token r = L->tok;
    L->tok = saved;
    L->pos = pos;
    L->line = line;
    L->line_start = ls;
    L->prev_end = pe;
    L->prev_line = pl;
    return r;
}

Token js_ps_peek2(Parser *p)
{
    return peek_ahead(p, 2);
}

Token js_ps_peek(Parser *p)
{
    return peek_ahead(p, 1);
}

void js_ps_enter(Parser *p)
{
    if (++p->depth > p->max_depth || js_stack_exhausted(p->opts->stack_limit))
        js_ps_error(p, "too much nesting");
}

bool js_ps_strict(Parser *p)
{
    return (p->fs->fn->fflags & AST_FN_STRICT) || p->class_strict > 0;
}

void js_nv_push(Parser *p, NodeVec *v, AstNode *n)
{
    if (v->n == v->cap) {
        uint32_t nc = v->cap ? v->cap * 2 : 8;
        AstNode **nv = js_ps_alloc(p, nc * sizeof *nv);
        if (v->n)
            memcpy(nv, v->v, v->n * sizeof *nv);
        v->v = nv;
        v->cap = nc;
    }
    v->v[v->n++] = n;
}

AstList js_nv_list(Parser *p, NodeVec *v)
{
    AstList l = {v->v, v->n};
    (void)p;
    return l;
}

static void namev_push(Parser *p, NameVec *v, const AstName *n)
{
    if (v->n == v->cap) {
        uint32_t nc = v->cap ? v->cap * 2 : 8;
        const AstName **nv = js_ps_alloc(p, nc * sizeof *nv);
        if (v->n)
            memcpy(nv, v->v, v->n * sizeof *nv);
        v->v = nv;
        v->cap = nc;
    }
    v->v[v->n++] = n;
}

#define INDEX_MIN 8

/* (Re)builds idx for names[0..n) with room for at least 2n entries. */
static void index_rebuild(Parser *p, NameIndex *idx, const AstName *(*get)(
                              const void *, uint32_t), const void *vec,
                          uint32_t n)
{
    uint32_t cap = 16;
    while (cap < n * 2 + 2)
        cap *= 2;
    idx->slots = js_ps_alloc(p, cap * sizeof *idx->slots);
    memset(idx->slots, 0, cap * sizeof *idx->slots);
    idx->mask = cap - 1;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h = get(vec, i)->hash & idx->mask;
        while (idx->slots[h])
            h = (h + 1) & idx->mask;
        idx->slots[h] = i + 1;
    }
}

static const AstName *decl_name_at(const void *vec, uint32_t i)
{
    return ((const DeclVec *)vec)->v[i].name;
}

static const AstName *name_at(const void *vec, uint32_t i)
{
    return ((const NameVec *)vec)->v[i];
}

static void index_add(Parser *p, NameIndex *idx, const AstName *(*get)(
                          const void *, uint32_t), const void *vec,
                      uint32_t n)
{
    /* the new entry is index n - 1 */
    if (n < INDEX_MIN)
        return;
    if (!idx->slots || n * 2 > idx->mask) {
        index_rebuild(p, idx, get, vec, n);
        return;
    }
    uint32_t h = get(vec, n - 1)->hash & idx->mask;
    while (idx->slots[h])
        h = (h + 1) & idx->mask;
    idx->slots[h] = n;
}

static void declv_push(Parser *p, DeclVec *v, AstDecl d)
{
    if (v->n == v->cap) {
        uint32_t nc = v->cap ? v->cap * 2 : 8;
        AstDecl *nv = js_ps_alloc(p, nc * sizeof *nv);
        if (v->n)
            memcpy(nv, v->v, v->n * sizeof *nv);
        v->v = nv;
        v->cap = nc;
    }
    v->v[v->n++] = d;
    index_add(p, &v->idx, decl_name_at, v, v->n);
}

static const AstName *ps_intern(Parser *p, const char *s)
{
    const AstName *n = js_ast_name_intern(p->names, s, strlen(s));
    if (!n)
        js_ps_error(p, "out of memory");
    return n;
}

/* ---------------------------------------------------------------------
 * Function-context checks
 * --------------------------------------------------------------------- */

static FuncState *non_arrow_fs(Parser *p)
{
    FuncState *f = p->fs;
    while (f->is_arrow_like && f->parent)
        f = f->parent;
    return f;
}

void js_ps_mark_uses(Parser *p, uint32_t flag)
{
    for (FuncState *f = p->fs; f; f = f->parent) {
        f->fn->fflags |= flag;
        if (!f->is_arrow_like)
            break;
    }
}

static bool is_program(FuncState *f)
{
    return (f->fn->fflags & (AST_FN_SCRIPT | AST_FN_MODULE | AST_FN_EVAL)) != 0;
}

void js_ps_check_new_target(Parser *p, const Token *t)
{
    FuncState *f = non_arrow_fs(p);
    if (is_program(f) && !(p->eval_flags & PARSE_EVAL_IN_FUNCTION))
        js_ps_error_at(p, t->line, t->col, "new.target is only valid in "
                    "functions");
}

void js_ps_check_super(Parser *p, bool call, uint32_t line, uint32_t col)
{
    FuncState *f = non_arrow_fs(p);
    uint32_t ff = f->fn->fflags;
    if (is_program(f)) {
        if (call ? (p->eval_flags & PARSE_EVAL_IN_DERIVED_CTOR)
                 : (p->eval_flags & PARSE_EVAL_IN_METHOD))
            return;
    } else if (call) {
        if ((ff & AST_FN_CLASS_CTOR) && (ff & AST_FN_DERIVED))
            return;
    } else if (ff & AST_FN_METHOD) {
        return;
    }
    js_ps_error_at(p, line, col, call ? "super() is only valid in derived class "
                "constructors" : "'super' keyword unexpected here");
}

void js_ps_check_arguments(Parser *p, uint32_t line, uint32_t col)
{
    FuncState *f = non_arrow_fs(p);
    if (f->fn->fflags & (AST_FN_FIELD_INIT | AST_FN_STATIC_BLOCK))
        js_ps_error_at(p, line, col, "'arguments' is not allowed in class field "
                    "initializer or static initialization block");
    if (is_program(f) && (p->eval_flags & PARSE_EVAL_IN_FIELD_INIT))
        js_ps_error_at(p, line, col, "'arguments' is not allowed in class field "
                    "initializer");
    js_ps_mark_uses(p, AST_FN_USES_ARGUMENTS);
}

/* ---------------------------------------------------------------------
 * Identifiers and declarations
 * --------------------------------------------------------------------- */

void js_ps_check_binding_name(Parser *p, const AstName *name, const Token *t,
                           uint32_t line, uint32_t col)
{
    int kw = js_ast_name_tag(name);
    (void)t;
    if (!kw)
        return;
    if (kw <= KW_LAST_RESERVED)
        js_ps_error_at(p, line, col, "unexpected reserved word '%s'", name->str);
    if (kw == KW_YIELD) {
        if (p->fs->yield_kw || js_ps_strict(p))
            js_ps_error_at(p, line, col, "unexpected 'yield'");
        return;
    }
    if (kw <= KW_LAST_STRICT) {
        if (js_ps_strict(p))
            js_ps_error_at(p, line, col, "unexpected strict mode reserved word "
                        "'%s'", name->str);
        return;
    }
    if (kw == KW_AWAIT) {
        if (p->fs->await_kw || p->module)
            js_ps_error_at(p, line, col, "unexpected 'await'");
        if (!p->await_ident_pos)
            p->await_ident_pos = line ? 1 : 1;
        return;
    }
    if ((kw == KW_EVAL || kw == KW_ARGUMENTS) && js_ps_strict(p))
        js_ps_error_at(p, line, col, "invalid binding '%s' in strict mode",
                    name->str);
}

const AstName *js_ps_binding_ident(Parser *p, Pos *pos)
{
    Token *t = &p->L.tok;
    if (t->type != T_IDENT)
        js_ps_error(p, t->type == T_EOF ? "unexpected end of input"
                                     : "expected identifier");
    *pos = js_ps_pos(p);
    js_ps_check_binding_name(p, t->name, t, t->line, t->col);
    const AstName *n = t->name;
    js_ps_next(p);
    return n;
}

static void ps_collect_names(Parser *p, AstNode *n, NameVec *out)
{
    if (!n)
        return;
    switch (n->kind) {
    case AST_IDENT:
        namev_push(p, out, ((AstIdent *)n)->name);
        break;
    case AST_ASSIGN_PATTERN:
        ps_collect_names(p, ((AstAssign *)n)->target, out);
        break;
    case AST_REST:
        ps_collect_names(p, ((AstUnaryLike *)n)->arg, out);
        break;
    case AST_ARRAY_PATTERN: {
        AstArray *a = (AstArray *)n;
        for (uint32_t i = 0; i < a->elements.count; i++)
            ps_collect_names(p, a->elements.items[i], out);
        break;
    }
    case AST_OBJECT_PATTERN: {
        AstObject *o = (AstObject *)n;
        for (uint32_t i = 0; i < o->props.count; i++) {
            AstNode *e = o->props.items[i];
            if (e->kind == AST_PROPERTY)
                ps_collect_names(p, ((AstProperty *)e)->value, out);
            else
                ps_collect_names(p, e, out);
        }
        break;
    }
    default:
        break;
    }
}

static AstDecl *find_decl(DeclVec *v, const AstName *name)
{
    if (v->idx.slots && v->n >= INDEX_MIN) {
        uint32_t h = name->hash & v->idx.mask;
        while (v->idx.slots[h]) {
            AstDecl *d = &v->v[v->idx.slots[h] - 1];
            if (d->name == name)
                return d;
            h = (h + 1) & v->idx.mask;
        }
        return NULL;
    }
    for (uint32_t i = 0; i < v->n; i++)
        if (v->v[i].name == name)
            return &v->v[i];
    return NULL;
}

static bool name_in(const NameVec *v, const AstName *name)
{
    if (v->idx.slots && v->n >= INDEX_MIN) {
        uint32_t h = name->hash & v->idx.mask;
        while (v->idx.slots[h]) {
            if (v->v[v->idx.slots[h] - 1] == name)
                return true;
            h = (h + 1) & v->idx.mask;
        }
        return false;
    }
    for (uint32_t i = 0; i < v->n; i++)
        if (v->v[i] == name)
            return true;
    return false;
}

/* Adds name to a set-like NameVec (no duplicates, indexed). */
static void namev_add_unique(Parser *p, NameVec *v, const AstName *name)
{
    if (name_in(v, name))
        return;
    namev_push(p, v, name);
    index_add(p, &v->idx, name_at, v, v->n);
}

static bool name_in_params(FuncState *f, const AstName *name)
{
    for (uint32_t i = 0; i < f->nparams; i++)
        if (f->params[i] == name)
            return true;
    return false;
}

static void add_var(Parser *p, FuncState *f, const AstName *name, int kind,
                    AstNode *node)
{
    AstDecl *d = find_decl(&f->vars, name);
    if (d) {
        if (kind == AST_DECL_FUNCTION) {
            d->kind = AST_DECL_FUNCTION;
            d->node = node;
        }
        return;
    }
    AstDecl nd = {name, (uint8_t)kind, node};
    declv_push(p, &f->vars, nd);
}

static _Noreturn void redeclared(Parser *p, const AstName *name,
                                 uint32_t line, uint32_t col)
{
    js_ps_error_at(p, line, col, "redeclaration of '%s'", name->str);
}

static void declare_name(Parser *p, const AstName *name, int kind,
                         AstNode *node, uint32_t line, uint32_t col,
                         bool forof)
{
    FuncState *f = p->fs;
    if (kind == AST_DECL_VAR) {
        for (Scope *s = p->scope; s; s = s->parent) {
            AstDecl *d = find_decl(&s->lex, name);
            if (d && s->kind != SC_CATCH_SIMPLE)
                redeclared(p, name, line, col);
            namev_add_unique(p, &s->vars, name);
            if (s == f->top)
                break;
        }
        add_var(p, f, name, kind, node);
        return;
    }
    if (kind == AST_DECL_FUNCTION) {
        Scope *s = f->top;
        if (find_decl(&s->lex, name))
            redeclared(p, name, line, col);
        namev_add_unique(p, &s->vars, name);
        add_var(p, f, name, kind, node);
        return;
    }
    Scope *s = p->scope;
    if ((kind == AST_DECL_LET || kind == AST_DECL_CONST ||
         kind == AST_DECL_CLASS) && js_ast_name_tag(name) == KW_LET)
        js_ps_error_at(p, line, col, "'let' is not a valid lexically bound name");
    AstDecl *d = find_decl(&s->lex, name);
    if (d) {
        if (d->kind == AST_DECL_BLOCK_FUNCTION &&
            kind == AST_DECL_BLOCK_FUNCTION && !js_ps_strict(p) &&
            !(((AstFunction *)d->node)->fflags &
              (AST_FN_ASYNC | AST_FN_GENERATOR)) &&
            !(((AstFunction *)node)->fflags &
              (AST_FN_ASYNC | AST_FN_GENERATOR))) {
            d->node = node;
            return;
        }
        redeclared(p, name, line, col);
    }
    if (name_in(&s->vars, name))
        redeclared(p, name, line, col);
    if (s == f->top && name_in_params(f, name) && !is_program(f))
        redeclared(p, name, line, col);
    if (s->catch_body && s->parent && find_decl(&s->parent->lex, name))
        redeclared(p, name, line, col);
    AstDecl nd = {name, (uint8_t)kind, node};
    declv_push(p, &s->lex, nd);
}

/* ---------------------------------------------------------------------
 * Scopes
 * --------------------------------------------------------------------- */

static Scope *push_scope(Parser *p, int kind, AstScope *out)
{
    Scope *s = js_ps_alloc(p, sizeof *s);
    memset(s, 0, sizeof *s);
    s->parent = p->scope;
    s->kind = kind;
    s->depth = p->scope ? p->scope->depth + 1 : 0;
    s->out = out;
    p->scope = s;
    return s;
}

static void pop_scope(Parser *p)
{
    Scope *s = p->scope;
    FuncState *f = p->fs;
    for (uint32_t i = 0; i < f->nannexb; i++) {
        AnnexB *c = &f->annexb[i];
        if (!c->alive || c->depth != s->depth)
            continue;
        if (c->declared_in != s && s->kind != SC_CATCH_SIMPLE &&
            find_decl(&s->lex, c->fn->name))
            c->alive = false;
        c->depth--;
    }
    if (s->out) {
        s->out->decls = s->lex.v;
        s->out->count = s->lex.n;
    }
    p->scope = s->parent;
}

/* ---------------------------------------------------------------------
 * Functions
 * --------------------------------------------------------------------- */

static FuncState *push_func(Parser *p, AstFunction *fn)
{
    FuncState *f = js_ps_alloc(p, sizeof *f);
    memset(f, 0, sizeof *f);
    f->parent = p->fs;
    f->fn = fn;
    fn->parent = p->fs ? p->fs->fn : NULL;
    p->fs = f;
    js_nv_push(p, &p->all_funcs, &fn->h);
    return f;
}

static void finish_func_decls(Parser *p, FuncState *f)
{
    AstFunction *fn = f->fn;
    const AstName *args = ps_intern(p, "arguments");
    /* arguments object needed? (before the Annex B hoisting, which does
       not count as a function declaration here) */
    if (!(fn->fflags & AST_FN_ARROW) && !is_program(f) &&
        (fn->fflags & (AST_FN_USES_ARGUMENTS | AST_FN_DIRECT_EVAL))) {
        bool shadowed = name_in_params(f, args);
        if (!shadowed && !(fn->fflags & AST_FN_PARAM_EXPRS)) {
            AstDecl *d = find_decl(&f->vars, args);
            if ((d && d->kind == AST_DECL_FUNCTION) ||
                find_decl(&f->top->lex, args))
                shadowed = true;
        }
        if (!shadowed)
            fn->fflags |= AST_FN_ARGUMENTS_NEEDED;
    }
    for (uint32_t i = 0; i < f->nannexb; i++) {
        AnnexB *c = &f->annexb[i];
        if (!c->alive || name_in_params(f, c->fn->name))
            continue;
        /* "arguments" joins the parameter names when the object is needed */
        if (c->fn->name == args && (fn->fflags & AST_FN_ARGUMENTS_NEEDED))
            continue;
        if (find_decl(&f->top->lex, c->fn->name))
            continue;
        c->fn->fflags |= AST_FN_ANNEXB_HOIST;
        add_var(p, f, c->fn->name, AST_DECL_ANNEXB, &c->fn->h);
    }
    fn->var_decls = f->vars.v;
    fn->nvar_decls = f->vars.n;
}

static void pop_func(Parser *p)
{
    p->fs = p->fs->parent;
}

/* Parameter names / strict-mode checks, run after the body is known. */
static void check_params(Parser *p, AstFunction *fn, bool force_unique)
{
    bool strict = (fn->fflags & AST_FN_STRICT) != 0;
    bool unique = force_unique || strict || !(fn->fflags & AST_FN_SIMPLE_PARAMS) ||
                  (fn->fflags & (AST_FN_ARROW | AST_FN_METHOD));
    for (uint32_t i = 0; i < fn->nparam_names; i++) {
        const AstName *n = fn->param_names[i];
        int kw = js_ast_name_tag(n);
        if (strict && ((kw > KW_LAST_RESERVED && kw <= KW_LAST_STRICT) ||
                       kw == KW_EVAL || kw == KW_ARGUMENTS))
            js_ps_error_node(p, &fn->h, "invalid parameter name '%s' in strict "
                          "mode", n->str);
        if (unique)
            for (uint32_t j = 0; j < i; j++)
                if (fn->param_names[j] == n)
                    js_ps_error_node(p, &fn->h, "duplicate parameter name '%s'",
                                  n->str);
    }
}

static void set_params(Parser *p, FuncState *f, AstList params)
{
    AstFunction *fn = f->fn;
    fn->params = params;
    NameVec names = {0};
    bool simple = true;
    uint32_t length = 0;
    bool counting = true;
    for (uint32_t i = 0; i < params.count; i++) {
        AstNode *e = params.items[i];
        if (e->kind != AST_IDENT)
            simple = false;
        if (e->kind == AST_ASSIGN_PATTERN || e->kind == AST_REST)
            counting = false;
        if (e->kind == AST_ASSIGN_PATTERN ||
            (e->kind != AST_IDENT && e->kind != AST_REST))
            fn->fflags |= AST_FN_PARAM_EXPRS;
        if (e->kind == AST_REST &&
            ((AstUnaryLike *)e)->arg->kind != AST_IDENT)
            fn->fflags |= AST_FN_PARAM_EXPRS;
        if (counting)
            length++;
        ps_collect_names(p, e, &names);
    }
    if (simple)
        fn->fflags |= AST_FN_SIMPLE_PARAMS;
    fn->length = length;
    fn->param_names = names.v;
    fn->nparam_names = names.n;
    f->params = names.v;
    f->nparams = names.n;
}

static bool is_use_strict(const Token *t)
{
    static const char us[] = "use strict";
    if (t->type != T_STRING || t->escaped || t->slen != 10 ||
        t->end - t->start != 12)
        return false;
    for (int i = 0; i < 10; i++)
        if (t->str[i] != (uint16_t)us[i])
            return false;
    return true;
}

static AstNode *parse_statement_list_item(Parser *p);

/* Directive prologue + statements until `end` token. Returns true if a
 * "use strict" directive was found. */
static bool parse_body(Parser *p, NodeVec *out, int end, bool directives)
{
    bool became_strict = false;
    bool legacy = false;
    uint32_t legacy_line = 0, legacy_col = 0;
    while (directives && js_ps_is(p, T_STRING)) {
        Token st = p->L.tok;
        Token nt = js_ps_peek(p);
        bool alone = nt.type == T_SEMI || nt.type == T_RBRACE ||
                     nt.type == T_EOF || nt.nl_before;
        if (!alone)
            break;
        if (nt.nl_before && nt.type != T_SEMI && nt.type != T_RBRACE &&
            nt.type != T_EOF) {
            /* a following token on the next line may continue the
               expression: only a directive if it cannot */
            int ty = nt.type;
            if (ty == T_LPAREN || ty == T_LBRACK || ty == T_DOT ||
                ty == T_TEMPLATE || ty == T_COMMA || ty == T_QUESTION ||
                (ty >= T_LT && ty <= T_NULLISH_ASSIGN) ||
                (ty == T_IDENT && !nt.escaped &&
                 (nt.kw == KW_IN || nt.kw == KW_INSTANCEOF)))
                break;
        }
        if (st.legacy_octal && !legacy) {
            legacy = true;
            legacy_line = st.line;
            legacy_col = st.col;
        }
        AstNode *s = parse_statement_list_item(p);
        s->flags |= AST_F_DIRECTIVE;
        if (is_use_strict(&st)) {
            s->flags |= AST_F_USE_STRICT;
            if (!became_strict) {
                became_strict = true;
                p->fs->fn->fflags |= AST_FN_STRICT | AST_FN_HAS_USE_STRICT;
                if (!(p->fs->fn->fflags & AST_FN_SIMPLE_PARAMS) &&
                    !is_program(p->fs))
                    js_ps_error_at(p, st.line, st.col, "\"use strict\" not "
                                "allowed in function with non-simple "
                                "parameters");
            }
        }
        js_nv_push(p, out, s);
    }
    if (legacy && js_ps_strict(p))
        js_ps_error_at(p, legacy_line, legacy_col, "octal escape sequences are "
                    "not allowed in strict mode");
    while (!js_ps_is(p, end)) {
        if (js_ps_is(p, T_EOF))
            js_ps_error(p, "unexpected end of input");
        js_nv_push(p, out, parse_statement_list_item(p));
    }
    return became_strict;
}

/* Formal parameters: `(` ... `)` */
static AstList parse_params(Parser *p)
{
    js_ps_expect(p, T_LPAREN, "'('");
    NodeVec v = {0};
    p->fs->in_params = true;
    while (!js_ps_is(p, T_RPAREN)) {
        if (js_ps_is(p, T_ELLIPSIS)) {
            Pos at = js_ps_pos(p);
            js_ps_next(p);
            AstUnaryLike *r = js_ps_node(p, AST_REST, sizeof *r, at);
            r->arg = js_px_binding_target(p);
            js_ps_finish(p, r);
            js_nv_push(p, &v, &r->h);
            if (!js_ps_is(p, T_RPAREN))
                js_ps_error(p, "rest parameter must be last");
            break;
        }
        js_nv_push(p, &v, js_px_binding_element(p));
        if (!js_ps_is(p, T_RPAREN))
            js_ps_expect(p, T_COMMA, "',' or ')'");
    }
    js_ps_next(p);
    p->fs->in_params = false;
    return js_nv_list(p, &v);
}

static void check_fn_name_strict(Parser *p, AstFunction *fn)
{
    if (!fn->name || !(fn->fflags & AST_FN_STRICT))
        return;
    int kw = js_ast_name_tag(fn->name);
    if ((kw > KW_LAST_RESERVED && kw <= KW_LAST_STRICT) || kw == KW_EVAL ||
        kw == KW_ARGUMENTS)
        js_ps_error_node(p, &fn->h, "invalid function name '%s' in strict mode",
                      fn->name->str);
}

/* Parses a function's parameters and body with the current token at the
 * name (declarations / expressions, elem_kind < 0) or at '(' (methods).
 * elem_kind: AstElemKind for accessors' parameter count checks. */
AstFunction *js_ps_function(Parser *p, Pos start, uint32_t fflags,
                         const AstName *name, bool is_expr, int elem_kind)
{
    js_ps_enter(p);
    AstFunction *fn = js_ps_node(p, AST_FUNCTION, sizeof *fn, start);
    fn->fflags = fflags;
    if (js_ps_strict(p))
        fn->fflags |= AST_FN_STRICT;
    if (!is_expr)
        fn->fflags |= AST_FN_DECLARATION;
    fn->name = name;
    Pos name_pos = start;
    Token name_tok = p->L.tok;
    bool has_name = false;
    if (elem_kind < 0 && p->L.tok.type == T_IDENT) {
        has_name = true;
        name_pos = js_ps_pos(p);
        fn->name = p->L.tok.name;
        if (!is_expr)
            js_ps_check_binding_name(p, fn->name, &name_tok, name_tok.line,
                                  name_tok.col);
        js_ps_next(p);
    } else if (elem_kind < 0 && !is_expr && !p->allow_anon_decl) {
        js_ps_error(p, "function name expected");
    }
    p->allow_anon_decl = false;
    FuncState *f = push_func(p, fn);
    f->yield_kw = (fflags & AST_FN_GENERATOR) != 0;
    f->await_kw = (fflags & AST_FN_ASYNC) != 0;
    if (has_name && is_expr) {
        js_ps_check_binding_name(p, fn->name, &name_tok, name_tok.line,
                              name_tok.col);
        fn->name_scope.decls = js_ps_alloc(p, sizeof(AstDecl));
        fn->name_scope.decls[0].name = fn->name;
        fn->name_scope.decls[0].kind = AST_DECL_FN_NAME;
        fn->name_scope.decls[0].node = &fn->h;
        fn->name_scope.count = 1;
    }
    (void)name_pos;
    Scope *saved_scope = p->scope;
    p->scope = NULL;
    int saved_cs = p->class_strict;
    f->top = push_scope(p, SC_TOP, &fn->scope);
    uint32_t sy = p->yield_pos, sa = p->await_pos, sai = p->await_ident_pos;
    uint32_t sc = p->cover_init_pos;
    p->cover_init_pos = 0;
    AstList params = parse_params(p);
    set_params(p, f, params);
    if (elem_kind == AST_ELEM_GETTER && params.count != 0)
        js_ps_error_node(p, &fn->h, "getter must not have parameters");
    if (elem_kind == AST_ELEM_SETTER &&
        (params.count != 1 || params.items[0]->kind == AST_REST))
        js_ps_error_node(p, &fn->h, "setter must have exactly one parameter");
    fn->body_start = p->L.tok.start;
    js_ps_expect(p, T_LBRACE, "'{'");
    NodeVec body = {0};
    bool us = parse_body(p, &body, T_RBRACE, true);
    fn->body = js_nv_list(p, &body);
    js_ps_next(p);
    js_ps_finish(p, fn);
    if (us)
        check_fn_name_strict(p, fn);
    check_params(p, fn, false);
    pop_scope(p);
    finish_func_decls(p, f);
    pop_func(p);
    p->scope = saved_scope;
    p->class_strict = saved_cs;
    p->yield_pos = sy;
    p->await_pos = sa;
    p->await_ident_pos = sai;
    p->cover_init_pos = sc;
    ps_leave(p);
    return fn;
}

AstFunction *js_ps_arrow(Parser *p, Pos start, AstList params, bool is_async,
                      size_t funcs_mark)
{
    js_ps_enter(p);
    /* current token is `=>` */
    js_ps_next(p);
    AstFunction *fn = js_ps_node(p, AST_ARROW, sizeof *fn, start);
    fn->fflags = AST_FN_ARROW | (is_async ? AST_FN_ASYNC : 0);
    if (js_ps_strict(p))
        fn->fflags |= AST_FN_STRICT;
    AstFunction *outer = p->fs->fn;
    FuncState *f = push_func(p, fn);
    f->is_arrow_like = true;
    f->await_kw = is_async;
    /* functions created while parsing the parameters belong to the arrow */
    for (size_t i = funcs_mark; i + 1 < p->all_funcs.n; i++) {
        AstFunction *c = (AstFunction *)p->all_funcs.v[i];
        if (c->parent == outer)
            c->parent = fn;
    }
    Scope *saved_scope = p->scope;
    p->scope = NULL;
    f->top = push_scope(p, SC_TOP, &fn->scope);
    set_params(p, f, params);
    uint32_t sy = p->yield_pos, sa = p->await_pos, sai = p->await_ident_pos;
    uint32_t sc = p->cover_init_pos;
    p->cover_init_pos = 0;
    fn->body_start = p->L.tok.start;
    if (js_ps_is(p, T_LBRACE)) {
        js_ps_next(p);
        NodeVec body = {0};
        parse_body(p, &body, T_RBRACE, true);
        fn->body = js_nv_list(p, &body);
        js_ps_next(p);
    } else {
        fn->fflags |= AST_FN_EXPR_BODY;
        fn->expr_body = js_px_assign(p, 0);
    }
    js_ps_finish(p, fn);
    check_params(p, fn, true);
    pop_scope(p);
    finish_func_decls(p, f);
    pop_func(p);
    p->scope = saved_scope;
    p->yield_pos = sy;
    p->await_pos = sa;
    p->await_ident_pos = sai;
    p->cover_init_pos = sc;
    ps_leave(p);
    return fn;
}

/* ---------------------------------------------------------------------
 * Classes
 * --------------------------------------------------------------------- */

void js_ps_note_private_ref(Parser *p, const AstName *name, uint32_t line,
                         uint32_t col)
{
    ClassState *c = p->cls;
    if (!c) {
        for (size_t i = 0; i < p->opts->nprivate_names; i++) {
            const char *s = p->opts->private_names[i];
            if (strlen(s) == name->len && !memcmp(s, name->str, name->len))
                return;
        }
        js_ps_error_at(p, line, col, "undeclared private name '%s'", name->str);
    }
    if (c->nrefs == c->caprefs) {
        uint32_t nc = c->caprefs ? c->caprefs * 2 : 8;
        PrivRef *n = js_ps_alloc(p, nc * sizeof *n);
        if (c->nrefs)
            memcpy(n, c->refs, c->nrefs * sizeof *n);
        c->refs = n;
        c->caprefs = nc;
    }
    c->refs[c->nrefs].name = name;
    c->refs[c->nrefs].line = line;
    c->refs[c->nrefs].col = col;
    c->nrefs++;
}

static void declare_private(Parser *p, ClassState *c, const AstName *name,
                            int kind, bool is_static, const AstNode *at)
{
    for (uint32_t i = 0; i < c->ndecls; i++) {
        AstPrivateDecl *d = &c->decls[i];
        if (d->name != name)
            continue;
        if (d->is_static == is_static &&
            ((d->kind == AST_PRIV_GETTER && kind == AST_PRIV_SETTER) ||
             (d->kind == AST_PRIV_SETTER && kind == AST_PRIV_GETTER))) {
            d->kind = AST_PRIV_ACCESSOR;
            return;
        }
        js_ps_error_node(p, at, "duplicate private name '%s'", name->str);
    }
    if (c->ndecls == c->capdecls) {
        uint32_t nc = c->capdecls ? c->capdecls * 2 : 8;
        AstPrivateDecl *n = js_ps_alloc(p, nc * sizeof *n);
        if (c->ndecls)
            memcpy(n, c->decls, c->ndecls * sizeof *n);
        c->decls = n;
        c->capdecls = nc;
    }
    c->decls[c->ndecls].name = name;
    c->decls[c->ndecls].kind = (uint8_t)kind;
    c->decls[c->ndecls].is_static = is_static;
    c->ndecls++;
}

static bool key_is(const AstNode *key, bool computed, int kw, const char *s)
{
    if (computed || !key)
        return false;
    if (key->kind == AST_IDENT)
        return js_ast_name_tag(((const AstIdent *)key)->name) == kw;
    if (key->kind == AST_STRING) {
        const AstString *str = (const AstString *)key;
        size_t n = strlen(s);
        if (str->len != n)
            return false;
        for (size_t i = 0; i < n; i++)
            if (str->chars[i] != (uint16_t)s[i])
                return false;
        return true;
    }
    return false;
}

/* A synthetic function for a field initializer or static block. */
static AstFunction *class_init_func(Parser *p, Pos at, uint32_t flags,
                                    AstClass *cls)
{
    AstFunction *fn = js_ps_node(p, AST_FUNCTION, sizeof *fn, at);
    fn->fflags = flags | AST_FN_METHOD | AST_FN_STRICT | AST_FN_SIMPLE_PARAMS;
    fn->home_class = cls;
    FuncState *f = push_func(p, fn);
    f->no_return = true;
    return fn;
}

AstClass *js_ps_class(Parser *p, bool is_decl, bool name_optional)
{
    js_ps_enter(p);
    Pos at = js_ps_pos(p);
    if (p->L.tok.escaped)
        js_ps_error(p, "keyword must not contain escapes");
    js_ps_next(p);     /* class */
    p->class_strict++;
    AstClass *cls = js_ps_node(p, AST_CLASS, sizeof *cls, at);
    cls->is_declaration = is_decl;
    if (js_ps_is(p, T_IDENT) && !(ps_is_kw(p, KW_EXTENDS))) {
        Pos np;
        cls->name = js_ps_binding_ident(p, &np);
        if (is_decl) {
            AstIdent tmp;
            memset(&tmp, 0, sizeof tmp);
            declare_name(p, cls->name, AST_DECL_CLASS, &cls->h, np.line,
                         np.col, false);
        }
    } else if (!name_optional) {
        js_ps_error(p, "class name expected");
    }
    push_scope(p, SC_CLASS, &cls->scope);
    if (cls->name) {
        AstDecl d = {cls->name, AST_DECL_CLASS_INNER, &cls->h};
        declv_push(p, &p->scope->lex, d);
    }
    ClassState cs;
    memset(&cs, 0, sizeof cs);
    cs.parent = p->cls;
    cs.cls = cls;
    if (ps_is_kw(p, KW_EXTENDS)) {
        js_ps_next(p);
        cls->heritage = js_px_lhs(p);
        if (cls->heritage->flags & AST_F_ARROW_END)
            js_ps_error_node(p, cls->heritage, "invalid class heritage");
    }
    p->cls = &cs;
    js_ps_expect(p, T_LBRACE, "'{'");
    NodeVec elems = {0};
    while (!js_ps_is(p, T_RBRACE)) {
        if (js_ps_eat(p, T_SEMI))
            continue;
        Pos eat = js_ps_pos(p);
        AstClassElement *el = js_ps_node(p, AST_CLASS_ELEMENT, sizeof *el, eat);
        bool is_static = false;
        if (ps_is_kw(p, KW_STATIC)) {
            Token nt = js_ps_peek(p);
            if (nt.type != T_LPAREN && nt.type != T_ASSIGN &&
                nt.type != T_SEMI && nt.type != T_RBRACE &&
                !(nt.nl_before && nt.type != T_LBRACE && nt.type != T_IDENT &&
                  nt.type != T_STRING && nt.type != T_NUMBER &&
                  nt.type != T_BIGINT && nt.type != T_LBRACK &&
                  nt.type != T_PRIVATE && nt.type != T_STAR)) {
                js_ps_next(p);
                is_static = true;
            }
        }
        el->is_static = is_static;
        if (is_static && js_ps_is(p, T_LBRACE)) {
            /* static initialization block */
            Pos bat = js_ps_pos(p);
            el->kind = AST_ELEM_STATIC_BLOCK;
            AstFunction *fn = class_init_func(p, bat, AST_FN_STATIC_BLOCK, cls);
            FuncState *f = p->fs;
            f->await_kw = true;
            f->await_expr_banned = true;
            Scope *saved = p->scope;
            p->scope = NULL;
            f->top = push_scope(p, SC_TOP, &fn->scope);
            fn->body_start = p->L.tok.start;
            js_ps_next(p);
            NodeVec body = {0};
            parse_body(p, &body, T_RBRACE, false);
            fn->body = js_nv_list(p, &body);
            js_ps_next(p);
            js_ps_finish(p, fn);
            pop_scope(p);
            finish_func_decls(p, f);
            pop_func(p);
            p->scope = saved;
            el->value = fn;
            js_ps_finish(p, el);
            js_nv_push(p, &elems, &el->h);
            continue;
        }
        Pos mat = js_ps_pos(p);
        uint32_t fflags = 0;
        int acc = 0;
        Token kt = p->L.tok;
        if (kt.type == T_IDENT && !kt.escaped &&
            (kt.kw == KW_ASYNC || kt.kw == KW_GET || kt.kw == KW_SET)) {
            Token nt = js_ps_peek(p);
            bool prefix = nt.type != T_LPAREN && nt.type != T_ASSIGN &&
                          nt.type != T_SEMI && nt.type != T_RBRACE;
            if (prefix && nt.nl_before && kt.kw == KW_ASYNC)
                prefix = false;
            if (prefix && nt.nl_before && nt.type != T_IDENT &&
                nt.type != T_STRING && nt.type != T_NUMBER &&
                nt.type != T_BIGINT && nt.type != T_LBRACK &&
                nt.type != T_PRIVATE)
                prefix = false;
            if (prefix) {
                js_ps_next(p);
                if (kt.kw == KW_ASYNC) {
                    fflags |= AST_FN_ASYNC;
                    if (js_ps_eat(p, T_STAR))
                        fflags |= AST_FN_GENERATOR;
                } else {
                    acc = kt.kw == KW_GET ? 1 : 2;
                }
            }
        } else if (kt.type == T_STAR) {
            js_ps_next(p);
            fflags |= AST_FN_GENERATOR;
        }
        bool computed;
        el->key = js_px_property_name(p, &computed, true);
        el->computed = computed;
        bool is_private = el->key->kind == AST_PRIVATE_NAME;
        if (fflags || acc || js_ps_is(p, T_LPAREN)) {
            el->kind = acc == 1 ? AST_ELEM_GETTER : acc == 2 ? AST_ELEM_SETTER
                                                             : AST_ELEM_METHOD;
            bool is_ctor = !is_static && key_is(el->key, computed,
                                                KW_CONSTRUCTOR, "constructor");
            if (is_ctor && (fflags || acc))
                js_ps_error_node(p, el->key, "class constructor may not be a%s",
                              acc ? "n accessor" : " generator or async");
            if (is_static && key_is(el->key, computed, KW_PROTOTYPE,
                                    "prototype"))
                js_ps_error_node(p, el->key, "classes may not have a static "
                              "property named 'prototype'");
            uint32_t mf = fflags | AST_FN_METHOD;
            if (acc == 1)
                mf |= AST_FN_GETTER;
            if (acc == 2)
                mf |= AST_FN_SETTER;
            if (is_ctor) {
                mf |= AST_FN_CLASS_CTOR;
                if (cls->heritage)
                    mf |= AST_FN_DERIVED;
            }
            AstFunction *fn = js_ps_function(p, mat, mf, NULL, true, el->kind);
            fn->home_class = cls;
            if (is_ctor) {
                if (cls->constructor)
                    js_ps_error_node(p, &el->h, "a class may only have one "
                                  "constructor");
                cls->constructor = fn;
                continue;
            }
            el->value = fn;
            if (is_private)
                declare_private(p, &cs, ((AstIdent *)el->key)->name,
                                acc == 1 ? AST_PRIV_GETTER
                                : acc == 2 ? AST_PRIV_SETTER : AST_PRIV_METHOD,
                                is_static, el->key);
        } else {
            /* field */
            el->kind = AST_ELEM_FIELD;
            if (key_is(el->key, computed, KW_CONSTRUCTOR, "constructor") ||
                (is_static && key_is(el->key, computed, KW_PROTOTYPE,
                                     "prototype")))
                js_ps_error_node(p, el->key, "invalid field name");
            if (is_private)
                declare_private(p, &cs, ((AstIdent *)el->key)->name,
                                AST_PRIV_FIELD, is_static, el->key);
            if (js_ps_is(p, T_ASSIGN)) {
                Pos iat = js_ps_pos(p);
                js_ps_next(p);
                iat = js_ps_pos(p);
                AstFunction *fn = class_init_func(p, iat, AST_FN_FIELD_INIT |
                                                  AST_FN_EXPR_BODY, cls);
                FuncState *f = p->fs;
                f->yield_kw = f->parent->yield_kw;
                f->await_kw = f->parent->await_kw;
                f->in_params = true;   /* no yield / await expressions */
                Scope *saved = p->scope;
                p->scope = NULL;
                f->top = push_scope(p, SC_TOP, &fn->scope);
                fn->body_start = p->L.tok.start;
                fn->expr_body = js_px_assign(p, 0);
                if (!computed && el->key->kind != AST_PRIVATE_NAME)
                    fn->expr_body->flags |= 0;
                if (fn->expr_body->kind == AST_FUNCTION ||
                    fn->expr_body->kind == AST_ARROW ||
                    fn->expr_body->kind == AST_CLASS) {
                    AstNode *v = fn->expr_body;
                    if ((v->kind == AST_ARROW) ||
                        (v->kind == AST_FUNCTION &&
                         !((AstFunction *)v)->name) ||
                        (v->kind == AST_CLASS && !((AstClass *)v)->name))
                        v->flags |= AST_F_ANON_FN;
                }
                js_ps_finish(p, fn);
                pop_scope(p);
                finish_func_decls(p, f);
                pop_func(p);
                p->scope = saved;
                el->value = fn;
            }
            ps_semicolon(p);
        }
        js_ps_finish(p, el);
        js_nv_push(p, &elems, &el->h);
    }
    js_ps_next(p);
    js_ps_finish(p, cls);
    cls->elements = js_nv_list(p, &elems);
    cls->privates = cs.decls;
    cls->nprivates = cs.ndecls;
    /* resolve private name references */
    p->cls = cs.parent;
    for (uint32_t i = 0; i < cs.nrefs; i++) {
        PrivRef *r = &cs.refs[i];
        bool found = false;
        for (uint32_t j = 0; j < cs.ndecls; j++)
            if (cs.decls[j].name == r->name) {
                found = true;
                break;
            }
        if (!found)
            js_ps_note_private_ref(p, r->name, r->line, r->col);
    }
    pop_scope(p);
    p->class_strict--;
    ps_leave(p);
    return cls;
}

/* ---------------------------------------------------------------------
 * Statements
 * --------------------------------------------------------------------- */

static AstNode *parse_statement(Parser *p);

static AstBlock *parse_block(Parser *p, bool catch_body)
{
    Pos at = js_ps_pos(p);
    js_ps_expect(p, T_LBRACE, "'{'");
    AstBlock *b = js_ps_node(p, AST_BLOCK, sizeof *b, at);
    Scope *s = push_scope(p, SC_BLOCK, &b->scope);
    s->catch_body = catch_body;
    NodeVec v = {0};
    while (!js_ps_is(p, T_RBRACE)) {
        if (js_ps_is(p, T_EOF))
            js_ps_error(p, "unexpected end of input");
        js_nv_push(p, &v, parse_statement_list_item(p));
    }
    js_ps_next(p);
    b->body = js_nv_list(p, &v);
    pop_scope(p);
    js_ps_finish(p, b);
    return b;
}

/* var / let / const declarations. in_for: inside a for head (no `in`,
 * initializers optional). */
static AstVarDecl *parse_var_decl(Parser *p, int kind, bool in_for)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    AstVarDecl *d = js_ps_node(p, AST_VAR_DECL, sizeof *d, at);
    d->kind = (uint8_t)kind;
    NodeVec v = {0};
    for (;;) {
        Pos dat = js_ps_pos(p);
        AstDeclarator *dc = js_ps_node(p, AST_DECLARATOR, sizeof *dc, dat);
        dc->target = js_px_binding_target(p);
        if (js_ps_eat(p, T_ASSIGN)) {
            dc->init = js_px_assign(p, in_for ? EX_NO_IN : 0);
            if (dc->target->kind == AST_IDENT) {
                AstNode *iv = dc->init;
                if ((iv->kind == AST_ARROW) ||
                    (iv->kind == AST_FUNCTION && !((AstFunction *)iv)->name) ||
                    (iv->kind == AST_CLASS && !((AstClass *)iv)->name))
                    iv->flags |= AST_F_ANON_FN;
            }
        } else if (!in_for) {
            if (kind == AST_CONST)
                js_ps_error(p, "missing initializer in const declaration");
            if (dc->target->kind != AST_IDENT)
                js_ps_error(p, "missing initializer in destructuring "
                            "declaration");
        }
        js_ps_finish(p, dc);
        js_nv_push(p, &v, &dc->h);
        if (!js_ps_eat(p, T_COMMA))
            break;
    }
    d->decls = js_nv_list(p, &v);
    js_ps_finish(p, d);
    return d;
}

static void declare_var_decl(Parser *p, AstVarDecl *d, bool forof)
{
    int kind = d->kind == AST_VAR ? AST_DECL_VAR
             : d->kind == AST_LET ? AST_DECL_LET : AST_DECL_CONST;
    for (uint32_t i = 0; i < d->decls.count; i++) {
        AstDeclarator *dc = (AstDeclarator *)d->decls.items[i];
        NameVec names = {0};
        ps_collect_names(p, dc->target, &names);
        for (uint32_t j = 0; j < names.n; j++) {
            if (kind != AST_DECL_VAR)
                for (uint32_t k = 0; k < j; k++)
                    if (names.v[k] == names.v[j])
                        redeclared(p, names.v[j], dc->h.line, dc->h.column);
            declare_name(p, names.v[j], kind, dc->target, dc->h.line,
                         dc->h.column, forof);
        }
    }
}

/* `using` and `await using` declarations (explicit resource management).
 * using_starts_decl: the current token is an unescaped `using`; it starts
 * a declaration when a BindingIdentifier follows on the same line. In a
 * for head, `using of` starts one only before `=` (the for-of form has
 * [lookahead != using of], so `for (using of of x)` iterates into the
 * identifier `using`). */
static bool using_starts_decl(Parser *p, bool in_for_head)
{
    Token nt = js_ps_peek(p);
    if (nt.nl_before || nt.type != T_IDENT)
        return false;
    if (nt.kw && nt.kw <= KW_LAST_RESERVED && !nt.escaped)
        return false;
    if (in_for_head && nt.kw == KW_OF && !nt.escaped)
        return js_ps_peek2(p).type == T_ASSIGN;
    return true;
}

/* The current token is an unescaped `await` where it is an operator:
 * `await` [no LineTerminator here] `using` [no LineTerminator here]
 * BindingIdentifier starts an await using declaration. */
static bool await_using_starts_decl(Parser *p)
{
    if (!(p->fs->await_kw && !p->fs->await_expr_banned) &&
        !(p->module && !p->fs->parent))
        return false;
    Token nt = js_ps_peek(p);
    if (nt.nl_before || nt.type != T_IDENT || nt.kw != KW_USING ||
        nt.escaped)
        return false;
    Token t2 = js_ps_peek2(p);
    if (t2.nl_before || t2.type != T_IDENT)
        return false;
    return !(t2.kw && t2.kw <= KW_LAST_RESERVED && !t2.escaped);
}

/* Parses a using / await using declaration (without the `;`) and checks
 * where it stands: not at the top level of a script or eval code, not
 * directly in a case clause. in_for: in a for head (initializers
 * optional: the for-of form has none). */
static AstVarDecl *parse_using_decl(Parser *p, bool is_await, bool in_for)
{
    Pos at = js_ps_pos(p);
    if (!in_for) {
        if (p->scope == p->fs->top && is_program(p->fs) &&
            !(p->fs->fn->fflags & AST_FN_MODULE))
            js_ps_error(p, "'%s' declarations are not allowed at the top level "
                     "of a script", is_await ? "await using" : "using");
        if (p->scope->kind == SC_SWITCH)
            js_ps_error(p, "'%s' declarations are not allowed directly in a "
                     "case clause", is_await ? "await using" : "using");
    }
    if (is_await) {
        if (p->fs->fn->fflags & AST_FN_MODULE)
            p->fs->fn->fflags |= AST_FN_HAS_AWAIT;
        js_ps_next(p);
    }
    js_ps_next(p);
    AstVarDecl *d = js_ps_node(p, AST_VAR_DECL, sizeof *d, at);
    d->kind = is_await ? AST_AWAIT_USING : AST_USING;
    NodeVec v = {0};
    for (;;) {
        Pos dat = js_ps_pos(p);
        AstDeclarator *dc = js_ps_node(p, AST_DECLARATOR, sizeof *dc, dat);
        if (js_ps_is(p, T_LBRACK) || js_ps_is(p, T_LBRACE))
            js_ps_error(p, "a using declaration may not have a binding pattern");
        dc->target = js_px_binding_target(p);
        if (js_ps_eat(p, T_ASSIGN)) {
            dc->init = js_px_assign(p, in_for ? EX_NO_IN : 0);
            AstNode *iv = dc->init;
            if ((iv->kind == AST_ARROW) ||
                (iv->kind == AST_FUNCTION && !((AstFunction *)iv)->name) ||
                (iv->kind == AST_CLASS && !((AstClass *)iv)->name))
                iv->flags |= AST_F_ANON_FN;
        } else if (!in_for) {
            js_ps_error(p, "missing initializer in using declaration");
        }
        js_ps_finish(p, dc);
        js_nv_push(p, &v, &dc->h);
        if (!js_ps_eat(p, T_COMMA))
            break;
    }
    d->decls = js_nv_list(p, &v);
    js_ps_finish(p, d);
    return d;
}

static bool is_labelled_function(AstNode *n)
{
    while (n && n->kind == AST_LABELED)
        n = ((AstLabeled *)n)->body;
    return n && n->kind == AST_FUNCTION;
}

static AstNode *parse_sub_statement(Parser *p)
{
    AstNode *s = parse_statement(p);
    if (is_labelled_function(s))
        js_ps_error_node(p, s, "function declarations are not allowed here");
    return s;
}

static AstNode *loop_body(Parser *p)
{
    p->fs->loops++;
    p->fs->breakables++;
    AstNode *b = parse_sub_statement(p);
    p->fs->loops--;
    p->fs->breakables--;
    return b;
}

static bool let_starts_decl(Parser *p)
{
    Token nt = js_ps_peek(p);
    if (nt.type == T_LBRACK || nt.type == T_LBRACE)
        return true;
    if (nt.type != T_IDENT)
        return false;
    if (nt.kw && nt.kw <= KW_LAST_RESERVED && !nt.escaped)
        return false;
    return true;
}

static AstNode *parse_for(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    bool is_await = false;
    if (ps_is_kw(p, KW_AWAIT)) {
        if (!(p->fs->await_kw && !p->fs->await_expr_banned) &&
            !(p->module && !p->fs->parent))
            js_ps_error(p, "for await is only valid in async functions");
        is_await = true;
        if (p->fs->fn->fflags & AST_FN_MODULE)
            p->fs->fn->fflags |= AST_FN_HAS_AWAIT;
        js_ps_next(p);
    }
    js_ps_expect(p, T_LPAREN, "'('");
    AstScope *out = js_ps_alloc(p, sizeof *out);
    memset(out, 0, sizeof *out);
    push_scope(p, SC_FOR, out);
    AstNode *init = NULL;
    bool is_decl = false, lexical = false;
    Token first = p->L.tok;
    if (js_ps_is(p, T_SEMI)) {
        /* no init */
    } else if (ps_is_kw(p, KW_VAR)) {
        init = &parse_var_decl(p, AST_VAR, true)->h;
        is_decl = true;
    } else if (ps_is_kw(p, KW_CONST) ||
               (ps_is_kw(p, KW_LET) && let_starts_decl(p))) {
        int k = ps_is_kw(p, KW_CONST) ? AST_CONST : AST_LET;
        init = &parse_var_decl(p, k, true)->h;
        is_decl = lexical = true;
    } else if ((ps_is_kw(p, KW_USING) && using_starts_decl(p, true)) ||
               (ps_is_kw(p, KW_AWAIT) && await_using_starts_decl(p))) {
        init = &parse_using_decl(p, ps_is_kw(p, KW_AWAIT), true)->h;
        is_decl = lexical = true;
        if (ps_is_kw(p, KW_IN))
            js_ps_error_node(p, init, "a using declaration may not be the "
                          "left-hand side of a for-in loop");
    } else {
        init = js_px_expression(p, EX_NO_IN | EX_COVER);
    }
    AstNode *res;
    bool is_of = ps_is_kw(p, KW_OF);
    bool is_in = ps_is_kw(p, KW_IN);
    if (is_await && !is_of)
        js_ps_error(p, "for await requires 'of'");
    if (init && (is_of || is_in)) {
        if (is_decl) {
            AstVarDecl *d = (AstVarDecl *)init;
            if (d->decls.count != 1)
                js_ps_error_node(p, init, "only one variable may be declared "
                              "in a for-%s loop", is_of ? "of" : "in");
            AstDeclarator *dc = (AstDeclarator *)d->decls.items[0];
            if (dc->init && (is_of || js_ps_strict(p) || lexical ||
                             dc->target->kind != AST_IDENT))
                js_ps_error_node(p, init, "for-%s loop variable declaration "
                              "may not have an initializer",
                              is_of ? "of" : "in");
            declare_var_decl(p, d, is_of);
        } else {
            if (is_of && first.type == T_IDENT && !first.escaped &&
                first.kw == KW_LET)
                js_ps_error_at(p, first.line, first.col, "the left-hand side "
                            "of a for-of loop may not be 'let'");
            if (is_of && first.type == T_IDENT && !first.escaped &&
                first.kw == KW_ASYNC && init->kind == AST_IDENT &&
                !(init->flags & AST_F_PARENS) && !is_await)
                js_ps_error_at(p, first.line, first.col, "the left-hand side "
                            "of a for-of loop may not be 'async'");
            if ((init->kind == AST_OBJECT || init->kind == AST_ARRAY) &&
                !(init->flags & AST_F_PARENS)) {
                init = js_px_to_pattern(p, init, false);
                p->cover_init_pos = 0;
            } else {
                js_px_check_cover(p);
                if (init->kind == AST_IDENT) {
                    int kw = js_ast_name_tag(((AstIdent *)init)->name);
                    if (js_ps_strict(p) && (kw == KW_EVAL || kw == KW_ARGUMENTS))
                        js_ps_error_node(p, init, "invalid assignment target");
                } else if (init->kind != AST_MEMBER &&
                           !(init->kind == AST_CALL && !js_ps_strict(p))) {
                    js_ps_error_node(p, init, "invalid for-%s loop target",
                                  is_of ? "of" : "in");
                }
            }
        }
        js_ps_next(p);
        AstForInOf *f = js_ps_node(p, is_of ? AST_FOR_OF : AST_FOR_IN,
                                sizeof *f, at);
        f->left = init;
        f->is_await = is_await;
        f->right = is_of ? js_px_assign(p, 0) : js_px_expression(p, 0);
        js_ps_expect(p, T_RPAREN, "')'");
        f->body = loop_body(p);
        pop_scope(p);
        f->scope = *out;
        js_ps_finish(p, f);
        res = &f->h;
    } else {
        if (!is_decl)
            js_px_check_cover(p);
        if (is_decl) {
            AstVarDecl *d = (AstVarDecl *)init;
            for (uint32_t i = 0; i < d->decls.count; i++) {
                AstDeclarator *dc = (AstDeclarator *)d->decls.items[i];
                if (!dc->init && (d->kind >= AST_CONST ||
                                  dc->target->kind != AST_IDENT))
                    js_ps_error_node(p, &dc->h, "missing initializer");
            }
            declare_var_decl(p, d, false);
        }
        AstFor *f = js_ps_node(p, AST_FOR, sizeof *f, at);
        f->init = init;
        js_ps_expect(p, T_SEMI, "';'");
        if (!js_ps_is(p, T_SEMI))
            f->test = js_px_expression(p, 0);
        js_ps_expect(p, T_SEMI, "';'");
        if (!js_ps_is(p, T_RPAREN))
            f->update = js_px_expression(p, 0);
        js_ps_expect(p, T_RPAREN, "')'");
        f->body = loop_body(p);
        pop_scope(p);
        f->scope = *out;
        js_ps_finish(p, f);
        res = &f->h;
    }
    return res;
}

/* A function declaration in statement position of an if (Annex B). */
static AstNode *if_clause(Parser *p)
{
    if (ps_is_kw(p, KW_FUNCTION) && !js_ps_strict(p)) {
        Pos at = js_ps_pos(p);
        AstBlock *b = js_ps_node(p, AST_BLOCK, sizeof *b, at);
        push_scope(p, SC_BLOCK, &b->scope);
        NodeVec v = {0};
        AstNode *fn = parse_statement_list_item(p);
        AstFunction *f = (AstFunction *)fn;
        if (f->fflags & (AST_FN_ASYNC | AST_FN_GENERATOR))
            js_ps_error_node(p, fn, "generator or async function declarations "
                          "are not allowed here");
        js_nv_push(p, &v, fn);
        b->body = js_nv_list(p, &v);
        pop_scope(p);
        js_ps_finish(p, b);
        return &b->h;
    }
    return parse_sub_statement(p);
}

static AstNode *parse_labeled(Parser *p)
{
    Token lt = p->L.tok;
    Pos at = js_ps_pos(p);
    /* label identifier: same restrictions as an identifier reference */
    if (lt.kw) {
        if (lt.kw <= KW_LAST_RESERVED)
            js_ps_error(p, "unexpected reserved word");
        if (lt.kw == KW_YIELD && (p->fs->yield_kw || js_ps_strict(p)))
            js_ps_error(p, "unexpected 'yield'");
        if (lt.kw > KW_LAST_RESERVED && lt.kw <= KW_LAST_STRICT &&
            lt.kw != KW_YIELD && js_ps_strict(p))
            js_ps_error(p, "unexpected strict mode reserved word");
        if (lt.kw == KW_AWAIT && (p->fs->await_kw || p->module))
            js_ps_error(p, "unexpected 'await'");
    }
    for (Label *l = p->fs->labels; l; l = l->next)
        if (l->name == lt.name)
            js_ps_error(p, "duplicate label '%s'", lt.name->str);
    js_ps_next(p);
    js_ps_next(p);     /* ':' */
    Label lab = {lt.name, false, true, p->fs->labels};
    p->fs->labels = &lab;
    AstLabeled *n = js_ps_node(p, AST_LABELED, sizeof *n, at);
    n->label = lt.name;
    if (ps_is_kw(p, KW_FUNCTION)) {
        if (js_ps_strict(p))
            js_ps_error(p, "function declarations cannot be labelled in strict "
                        "mode");
        lab.pending = false;
        n->body = parse_statement_list_item(p);
        if (((AstFunction *)n->body)->fflags &
            (AST_FN_ASYNC | AST_FN_GENERATOR))
            js_ps_error_node(p, n->body, "generator or async function "
                          "declarations cannot be labelled");
    } else {
        n->body = parse_statement(p);
    }
    p->fs->labels = lab.next;
    js_ps_finish(p, n);
    return &n->h;
}

static AstNode *parse_jump(Parser *p, bool is_break)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    AstJump *j = js_ps_node(p, is_break ? AST_BREAK : AST_CONTINUE, sizeof *j, at);
    if (js_ps_is(p, T_IDENT) && !p->L.tok.nl_before) {
        const AstName *name = p->L.tok.name;
        Label *l;
        for (l = p->fs->labels; l; l = l->next)
            if (l->name == name)
                break;
        if (!l)
            js_ps_error(p, "undefined label '%s'", name->str);
        if (!is_break && !l->loop)
            js_ps_error(p, "continue target '%s' is not a loop", name->str);
        j->label = name;
        js_ps_next(p);
    } else if (is_break ? p->fs->breakables == 0 : p->fs->loops == 0) {
        js_ps_error_at(p, at.line, at.col, is_break ? "illegal break statement"
                    : "illegal continue statement");
    }
    ps_semicolon(p);
    js_ps_finish(p, j);
    return &j->h;
}

static AstNode *parse_switch(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    AstSwitch *sw = js_ps_node(p, AST_SWITCH, sizeof *sw, at);
    js_ps_expect(p, T_LPAREN, "'('");
    sw->disc = js_px_expression(p, 0);
    js_ps_expect(p, T_RPAREN, "')'");
    js_ps_expect(p, T_LBRACE, "'{'");
    push_scope(p, SC_SWITCH, &sw->scope);
    p->fs->breakables++;
    NodeVec cases = {0};
    bool has_default = false;
    while (!js_ps_is(p, T_RBRACE)) {
        Pos cat = js_ps_pos(p);
        AstCase *c = js_ps_node(p, AST_CASE, sizeof *c, cat);
        if (ps_is_kw(p, KW_CASE)) {
            js_ps_next(p);
            c->test = js_px_expression(p, 0);
        } else if (ps_is_kw(p, KW_DEFAULT)) {
            if (has_default)
                js_ps_error(p, "more than one default clause in switch");
            has_default = true;
            js_ps_next(p);
        } else {
            js_ps_error(p, "expected 'case' or 'default'");
        }
        js_ps_expect(p, T_COLON, "':'");
        NodeVec body = {0};
        while (!js_ps_is(p, T_RBRACE) && !ps_is_kw(p, KW_CASE) &&
               !ps_is_kw(p, KW_DEFAULT)) {
            if (js_ps_is(p, T_EOF))
                js_ps_error(p, "unexpected end of input");
            js_nv_push(p, &body, parse_statement_list_item(p));
        }
        c->body = js_nv_list(p, &body);
        js_ps_finish(p, c);
        js_nv_push(p, &cases, &c->h);
    }
    js_ps_next(p);
    p->fs->breakables--;
    pop_scope(p);
    sw->cases = js_nv_list(p, &cases);
    js_ps_finish(p, sw);
    return &sw->h;
}

static AstNode *parse_try(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    AstTry *t = js_ps_node(p, AST_TRY, sizeof *t, at);
    t->block = parse_block(p, false);
    if (ps_is_kw(p, KW_CATCH)) {
        js_ps_next(p);
        if (js_ps_eat(p, T_LPAREN)) {
            t->param = js_px_binding_target(p);
            js_ps_expect(p, T_RPAREN, "')'");
            push_scope(p, t->param->kind == AST_IDENT ? SC_CATCH_SIMPLE
                                                      : SC_CATCH_PATTERN,
                       &t->catch_scope);
            NameVec names = {0};
            ps_collect_names(p, t->param, &names);
            for (uint32_t i = 0; i < names.n; i++) {
                if (find_decl(&p->scope->lex, names.v[i]))
                    redeclared(p, names.v[i], t->param->line,
                               t->param->column);
                AstDecl d = {names.v[i], AST_DECL_CATCH, t->param};
                declv_push(p, &p->scope->lex, d);
            }
            t->handler = parse_block(p, true);
            pop_scope(p);
        } else {
            t->handler = parse_block(p, false);
        }
    }
    if (ps_is_kw(p, KW_FINALLY)) {
        js_ps_next(p);
        t->finalizer = parse_block(p, false);
    }
    if (!t->handler && !t->finalizer)
        js_ps_error(p, "missing catch or finally after try");
    js_ps_finish(p, t);
    return &t->h;
}

static AstNode *expression_statement(Parser *p)
{
    Pos at = js_ps_pos(p);
    AstUnaryLike *s = js_ps_node(p, AST_EXPR_STMT, sizeof *s, at);
    s->arg = js_px_expression(p, 0);
    ps_semicolon(p);
    js_ps_finish(p, s);
    return &s->h;
}

static void clear_pending_labels(Parser *p, bool loop)
{
    for (Label *l = p->fs->labels; l && l->pending; l = l->next) {
        if (loop)
            l->loop = true;
        l->pending = false;
    }
}

static AstNode *parse_statement(Parser *p)
{
    Token *t = &p->L.tok;
    Pos at = js_ps_pos(p);
    AstNode *res;
    js_ps_enter(p);
    if (t->type == T_IDENT && !t->escaped) {
        switch (t->kw) {
        case KW_FOR:
            clear_pending_labels(p, true);
            res = parse_for(p);
            goto done;
        case KW_WHILE: {
            clear_pending_labels(p, true);
            js_ps_next(p);
            AstWhile *w = js_ps_node(p, AST_WHILE, sizeof *w, at);
            js_ps_expect(p, T_LPAREN, "'('");
            w->test = js_px_expression(p, 0);
            js_ps_expect(p, T_RPAREN, "')'");
            w->body = loop_body(p);
            js_ps_finish(p, w);
            res = &w->h;
            goto done;
        }
        case KW_DO: {
            clear_pending_labels(p, true);
            js_ps_next(p);
            AstWhile *w = js_ps_node(p, AST_DO_WHILE, sizeof *w, at);
            w->body = loop_body(p);
            if (!ps_is_kw(p, KW_WHILE))
                js_ps_error(p, "expected 'while'");
            js_ps_next(p);
            js_ps_expect(p, T_LPAREN, "'('");
            w->test = js_px_expression(p, 0);
            js_ps_expect(p, T_RPAREN, "')'");
            js_ps_eat(p, T_SEMI);
            js_ps_finish(p, w);
            res = &w->h;
            goto done;
        }
        default:
            break;
        }
    }
    /* a label in front of another label stays pending: the label set of
       `a: b: for (;;)` holds both (LabelledEvaluation) */
    if (!(t->type == T_IDENT && js_ps_peek(p).type == T_COLON))
        clear_pending_labels(p, false);
    if (t->type == T_LBRACE) {
        res = &parse_block(p, false)->h;
        goto done;
    }
    if (t->type == T_SEMI) {
        js_ps_next(p);
        res = js_ps_node(p, AST_EMPTY, sizeof(AstNode), at);
        js_ps_finish(p, res);
        goto done;
    }
    if (t->type == T_IDENT && !t->escaped) {
        switch (t->kw) {
        case KW_VAR: {
            AstVarDecl *d = parse_var_decl(p, AST_VAR, false);
            declare_var_decl(p, d, false);
            ps_semicolon(p);
            js_ps_finish(p, d);
            res = &d->h;
            goto done;
        }
        case KW_IF: {
            js_ps_next(p);
            AstIf *s = js_ps_node(p, AST_IF, sizeof *s, at);
            js_ps_expect(p, T_LPAREN, "'('");
            s->test = js_px_expression(p, 0);
            js_ps_expect(p, T_RPAREN, "')'");
            s->cons = if_clause(p);
            if (ps_is_kw(p, KW_ELSE)) {
                js_ps_next(p);
                s->alt = if_clause(p);
            }
            js_ps_finish(p, s);
            res = &s->h;
            goto done;
        }
        case KW_CONTINUE:
            res = parse_jump(p, false);
            goto done;
        case KW_BREAK:
            res = parse_jump(p, true);
            goto done;
        case KW_RETURN: {
            if (is_program(p->fs) || p->fs->no_return) {
                if (!p->in_function_ctor_body)
                    js_ps_error(p, "return outside of a function");
            }
            js_ps_next(p);
            AstUnaryLike *r = js_ps_node(p, AST_RETURN, sizeof *r, at);
            if (!js_ps_is(p, T_SEMI) && !js_ps_is(p, T_RBRACE) && !js_ps_is(p, T_EOF) &&
                !p->L.tok.nl_before)
                r->arg = js_px_expression(p, 0);
            ps_semicolon(p);
            js_ps_finish(p, r);
            res = &r->h;
            goto done;
        }
        case KW_WITH: {
            if (js_ps_strict(p))
                js_ps_error(p, "'with' is not allowed in strict mode");
            js_ps_next(p);
            AstWith *w = js_ps_node(p, AST_WITH, sizeof *w, at);
            js_ps_expect(p, T_LPAREN, "'('");
            w->object = js_px_expression(p, 0);
            js_ps_expect(p, T_RPAREN, "')'");
            w->body = parse_sub_statement(p);
            js_ps_finish(p, w);
            res = &w->h;
            goto done;
        }
        case KW_SWITCH:
            res = parse_switch(p);
            goto done;
        case KW_THROW: {
            js_ps_next(p);
            if (p->L.tok.nl_before)
                js_ps_error(p, "line break after 'throw'");
            AstUnaryLike *r = js_ps_node(p, AST_THROW, sizeof *r, at);
            r->arg = js_px_expression(p, 0);
            ps_semicolon(p);
            js_ps_finish(p, r);
            res = &r->h;
            goto done;
        }
        case KW_TRY:
            res = parse_try(p);
            goto done;
        case KW_DEBUGGER:
            js_ps_next(p);
            ps_semicolon(p);
            res = js_ps_node(p, AST_DEBUGGER, sizeof(AstNode), at);
            js_ps_finish(p, res);
            goto done;
        case KW_FUNCTION:
            js_ps_error(p, "function declarations are not allowed here");
        case KW_CLASS:
            js_ps_error(p, "class declarations are not allowed here");
        case KW_CONST:
            js_ps_error(p, "lexical declarations are not allowed here");
        case KW_LET: {
            Token nt = js_ps_peek(p);
            if (nt.type == T_LBRACK)
                js_ps_error(p, "lexical declarations are not allowed here");
            if (!nt.nl_before && (nt.type == T_LBRACE ||
                                  (nt.type == T_IDENT &&
                                   !(nt.kw && nt.kw <= KW_LAST_RESERVED))))
                js_ps_error(p, "lexical declarations are not allowed here");
            break;
        }
        case KW_ASYNC: {
            Token nt = js_ps_peek(p);
            if (!nt.nl_before && nt.type == T_IDENT && nt.kw == KW_FUNCTION &&
                !nt.escaped)
                js_ps_error(p, "async function declarations are not allowed "
                            "here");
            break;
        }
        case KW_IMPORT: {
            Token nt = js_ps_peek(p);
            if (nt.type != T_LPAREN && nt.type != T_DOT)
                js_ps_error(p, "import declarations may only appear at the "
                            "top level of a module");
            break;
        }
        case KW_EXPORT:
            js_ps_error(p, "export declarations may only appear at the top "
                        "level of a module");
        default:
            break;
        }
    }
    if (t->type == T_IDENT) {
        Token nt = js_ps_peek(p);
        if (nt.type == T_COLON &&
            !(t->kw && t->kw <= KW_LAST_RESERVED && !t->escaped)) {
            res = parse_labeled(p);
            goto done;
        }
    }
    res = expression_statement(p);
done:
    ps_leave(p);
    return res;
}

/* function / async function / generator declaration; current token is
 * `function` or `async`. */
static AstFunction *function_declaration(Parser *p)
{
    Pos at = js_ps_pos(p);
    uint32_t ff = 0;
    if (ps_is_kw(p, KW_ASYNC)) {
        ff |= AST_FN_ASYNC;
        js_ps_next(p);
    }
    js_ps_next(p);     /* function */
    if (js_ps_eat(p, T_STAR))
        ff |= AST_FN_GENERATOR;
    AstFunction *fn = js_ps_function(p, at, ff, NULL, false, -1);
    if (!fn->name)
        return fn;  /* export default function () {} */
    bool top = p->scope == p->fs->top;
    if (top && !(p->fs->fn->fflags & AST_FN_MODULE)) {
        declare_name(p, fn->name, AST_DECL_FUNCTION, &fn->h, fn->h.line,
                     fn->h.column, false);
    } else {
        declare_name(p, fn->name, AST_DECL_BLOCK_FUNCTION, &fn->h,
                     fn->h.line, fn->h.column, false);
        if (!top && !js_ps_strict(p) && !(ff & (AST_FN_ASYNC | AST_FN_GENERATOR))) {
            FuncState *f = p->fs;
            if (f->nannexb == f->capannexb) {
                uint32_t nc = f->capannexb ? f->capannexb * 2 : 4;
                AnnexB *n = js_ps_alloc(p, nc * sizeof *n);
                if (f->nannexb)
                    memcpy(n, f->annexb, f->nannexb * sizeof *n);
                f->annexb = n;
                f->capannexb = nc;
            }
            AnnexB *c = &f->annexb[f->nannexb++];
            c->fn = fn;
            c->depth = p->scope->depth;
            c->declared_in = p->scope;
            c->alive = true;
        }
    }
    return fn;
}

static AstNode *parse_module_item(Parser *p);

static AstNode *parse_statement_list_item(Parser *p)
{
    Token *t = &p->L.tok;
    if (t->type == T_IDENT && !t->escaped) {
        switch (t->kw) {
        case KW_FUNCTION:
            clear_pending_labels(p, false);
            return &function_declaration(p)->h;
        case KW_ASYNC: {
            Token nt = js_ps_peek(p);
            if (!nt.nl_before && nt.type == T_IDENT &&
                nt.kw == KW_FUNCTION && !nt.escaped) {
                clear_pending_labels(p, false);
                return &function_declaration(p)->h;
            }
            break;
        }
        case KW_CLASS: {
            clear_pending_labels(p, false);
            return &js_ps_class(p, true, false)->h;
        }
        case KW_CONST:
        case KW_LET:
            if (t->kw == KW_CONST || let_starts_decl(p)) {
                clear_pending_labels(p, false);
                AstVarDecl *d = parse_var_decl(p, t->kw == KW_CONST ? AST_CONST
                                                                    : AST_LET,
                                               false);
                declare_var_decl(p, d, false);
                ps_semicolon(p);
                js_ps_finish(p, d);
                return &d->h;
            }
            break;
        case KW_USING:
        case KW_AWAIT:
            if (t->kw == KW_USING ? using_starts_decl(p, false)
                                  : await_using_starts_decl(p)) {
                clear_pending_labels(p, false);
                AstVarDecl *d = parse_using_decl(p, t->kw == KW_AWAIT, false);
                declare_var_decl(p, d, false);
                ps_semicolon(p);
                js_ps_finish(p, d);
                return &d->h;
            }
            break;
        case KW_IMPORT:
        case KW_EXPORT:
            if (p->module && p->scope == p->fs->top && !p->fs->parent) {
                if (t->kw == KW_IMPORT) {
                    Token nt = js_ps_peek(p);
                    if (nt.type == T_LPAREN || nt.type == T_DOT)
                        break;
                }
                return parse_module_item(p);
            }
            break;
        default:
            break;
        }
    }
    return parse_statement(p);
}

/* ---------------------------------------------------------------------
 * Modules
 * --------------------------------------------------------------------- */

typedef struct ModuleState {
    NameVec exported;
    NodeVec local_refs;     /* AST_EXPORT_SPEC whose local must exist */
} ModuleState;



/* Converts a UTF-16 string to an interned UTF-8 name; error if it is not
 * well-formed. */
static const AstName *string_name(Parser *p, const AstString *s)
{
    char *buf = js_ps_alloc(p, (size_t)s->len * 3 + 1);
    size_t n = 0;
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = s->chars[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s->len &&
            s->chars[i + 1] >= 0xDC00 && s->chars[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s->chars[i + 1] - 0xDC00);
            i++;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            js_ps_error_node(p, &s->h, "module export name is not well-formed "
                          "Unicode");
        }
        if (c < 0x80) {
            buf[n++] = (char)c;
        } else if (c < 0x800) {
            buf[n++] = (char)(0xC0 | (c >> 6));
            buf[n++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            buf[n++] = (char)(0xE0 | (c >> 12));
            buf[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[n++] = (char)(0x80 | (c & 0x3F));
        } else {
            buf[n++] = (char)(0xF0 | (c >> 18));
            buf[n++] = (char)(0x80 | ((c >> 12) & 0x3F));
            buf[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[n++] = (char)(0x80 | (c & 0x3F));
        }
    }
    const AstName *nm = js_ast_name_intern(p->names, buf, n);
    if (!nm)
        js_ps_error(p, "out of memory");
    return nm;
}

/* ModuleExportName: IdentifierName or StringLiteral. *is_string set. */
static const AstName *module_export_name(Parser *p, bool *is_string,
                                         Token *tok)
{
    *tok = p->L.tok;
    if (js_ps_is(p, T_STRING)) {
        *is_string = true;
        AstString *s = js_px_string_node(p);
        return string_name(p, s);
    }
    if (!js_ps_is(p, T_IDENT))
        js_ps_error(p, "expected a name");
    *is_string = false;
    const AstName *n = p->L.tok.name;
    js_ps_next(p);
    return n;
}

static void add_export(Parser *p, ModuleState *m, const AstName *name,
                       uint32_t line, uint32_t col)
{
    if (name_in(&m->exported, name))
        js_ps_error_at(p, line, col, "duplicate export '%s'", name->str);
    namev_push(p, &m->exported, name);
}

static AstString *module_specifier(Parser *p)
{
    if (!js_ps_is(p, T_STRING))
        js_ps_error(p, "expected a module specifier string");
    return js_px_string_node(p);
}

static AstList parse_with_clause(Parser *p)
{
    NodeVec v = {0};
    if (!ps_is_kw(p, KW_WITH) || p->L.tok.nl_before) {
        if (!(ps_is_kw(p, KW_WITH)))
            return js_nv_list(p, &v);
    }
    js_ps_next(p);
    js_ps_expect(p, T_LBRACE, "'{'");
    while (!js_ps_is(p, T_RBRACE)) {
        Pos at = js_ps_pos(p);
        AstImportAttr *a = js_ps_node(p, AST_IMPORT_ATTR, sizeof *a, at);
        if (js_ps_is(p, T_STRING)) {
            a->key = js_px_string_node(p);
        } else if (js_ps_is(p, T_IDENT)) {
            /* identifier key: represent as a string */
            const AstName *n = p->L.tok.name;
            AstString *s = js_ps_node(p, AST_STRING, sizeof *s, at);
            uint16_t *u = js_ps_alloc(p, (n->len + 1) * 2);
            for (uint32_t i = 0; i < n->len; i++)
                u[i] = (uint8_t)n->str[i];
            s->chars = u;
            s->len = n->len;
            js_ps_next(p);
            js_ps_finish(p, s);
            a->key = s;
        } else {
            js_ps_error(p, "expected attribute key");
        }
        for (uint32_t i = 0; i < v.n; i++) {
            AstString *k = ((AstImportAttr *)v.v[i])->key;
            if (k->len == a->key->len &&
                !memcmp(k->chars, a->key->chars, k->len * 2))
                js_ps_error_node(p, &a->h, "duplicate import attribute");
        }
        js_ps_expect(p, T_COLON, "':'");
        if (!js_ps_is(p, T_STRING))
            js_ps_error(p, "import attribute value must be a string");
        a->value = js_px_string_node(p);
        js_ps_finish(p, a);
        js_nv_push(p, &v, &a->h);
        if (!js_ps_is(p, T_RBRACE))
            js_ps_expect(p, T_COMMA, "','");
    }
    js_ps_next(p);
    return js_nv_list(p, &v);
}



static AstNode *import_spec(Parser *p, int kind, const AstName *imported,
                            Pos at)
{
    AstModuleSpec *s = js_ps_node(p, AST_IMPORT_SPEC, sizeof *s, at);
    s->kind = (uint8_t)kind;
    s->imported = imported;
    Pos np;
    Token lt = p->L.tok;
    s->local = js_ps_binding_ident(p, &np);
    (void)lt;
    js_ps_finish(p, s);
    declare_name(p, s->local, AST_DECL_IMPORT, &s->h, np.line, np.col, false);
    return &s->h;
}

static AstNode *parse_import(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    AstImportDecl *d = js_ps_node(p, AST_IMPORT_DECL, sizeof *d, at);
    NodeVec specs = {0};
    if (js_ps_is(p, T_STRING)) {
        d->source = module_specifier(p);
    } else {
        bool need_from = true;
        if (js_ps_is(p, T_IDENT) && !(ps_is_kw(p, KW_FROM) &&
                                   js_ps_peek(p).type == T_STRING)) {
            js_nv_push(p, &specs, import_spec(p, AST_SPEC_DEFAULT,
                                           ps_intern(p, "default"),
                                           js_ps_pos(p)));
            if (!js_ps_eat(p, T_COMMA))
                goto from;
        }
        if (js_ps_is(p, T_STAR)) {
            Pos sat = js_ps_pos(p);
            js_ps_next(p);
            if (!ps_is_kw(p, KW_AS))
                js_ps_error(p, "expected 'as'");
            js_ps_next(p);
            js_nv_push(p, &specs, import_spec(p, AST_SPEC_NAMESPACE, NULL, sat));
        } else if (js_ps_is(p, T_LBRACE)) {
            js_ps_next(p);
            while (!js_ps_is(p, T_RBRACE)) {
                Pos sat = js_ps_pos(p);
                bool is_str;
                Token nt;
                Token first = p->L.tok;
                const AstName *imported = module_export_name(p, &is_str, &nt);
                if (ps_is_kw(p, KW_AS)) {
                    js_ps_next(p);
                    js_nv_push(p, &specs, import_spec(p, AST_SPEC_NAMED,
                                                   imported, sat));
                } else {
                    if (is_str)
                        js_ps_error(p, "expected 'as' after string import name");
                    /* the name itself is the binding */
                    js_ps_check_binding_name(p, imported, &first, first.line,
                                          first.col);
                    AstModuleSpec *s = js_ps_node(p, AST_IMPORT_SPEC, sizeof *s,
                                               sat);
                    s->kind = AST_SPEC_NAMED;
                    s->imported = imported;
                    s->local = imported;
                    js_ps_finish(p, s);
                    declare_name(p, imported, AST_DECL_IMPORT, &s->h,
                                 first.line, first.col, false);
                    js_nv_push(p, &specs, &s->h);
                }
                if (!js_ps_is(p, T_RBRACE))
                    js_ps_expect(p, T_COMMA, "','");
            }
            js_ps_next(p);
        } else if (specs.n == 0) {
            js_ps_error(p, "unexpected token in import declaration");
        } else {
            js_ps_error(p, "expected '{' or '*'");
        }
    from:
        (void)need_from;
        if (!ps_is_kw(p, KW_FROM))
            js_ps_error(p, "expected 'from'");
        js_ps_next(p);
        d->source = module_specifier(p);
    }
    d->specs = js_nv_list(p, &specs);
    if (ps_is_kw(p, KW_WITH))
        d->attrs = parse_with_clause(p);
    ps_semicolon(p);
    js_ps_finish(p, d);
    return &d->h;
}

static void export_declared_names(Parser *p, AstNode *decl)
{
    if (decl->kind == AST_VAR_DECL) {
        AstVarDecl *d = (AstVarDecl *)decl;
        for (uint32_t i = 0; i < d->decls.count; i++) {
            NameVec v = {0};
            AstDeclarator *dc = (AstDeclarator *)d->decls.items[i];
            ps_collect_names(p, dc->target, &v);
            for (uint32_t j = 0; j < v.n; j++)
                add_export(p, ((ModuleState *)p->mod), v.v[j], dc->h.line, dc->h.column);
        }
    } else if (decl->kind == AST_FUNCTION) {
        add_export(p, ((ModuleState *)p->mod), ((AstFunction *)decl)->name, decl->line,
                   decl->column);
    } else if (decl->kind == AST_CLASS) {
        add_export(p, ((ModuleState *)p->mod), ((AstClass *)decl)->name, decl->line,
                   decl->column);
    }
}

static AstNode *parse_export(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    if (js_ps_is(p, T_STAR)) {
        js_ps_next(p);
        AstExportAll *e = js_ps_node(p, AST_EXPORT_ALL, sizeof *e, at);
        if (ps_is_kw(p, KW_AS)) {
            js_ps_next(p);
            bool is_str;
            Token nt;
            e->exported = module_export_name(p, &is_str, &nt);
            add_export(p, ((ModuleState *)p->mod), e->exported, nt.line, nt.col);
        }
        if (!ps_is_kw(p, KW_FROM))
            js_ps_error(p, "expected 'from'");
        js_ps_next(p);
        e->source = module_specifier(p);
        if (ps_is_kw(p, KW_WITH))
            e->attrs = parse_with_clause(p);
        ps_semicolon(p);
        js_ps_finish(p, e);
        return &e->h;
    }
    if (ps_is_kw(p, KW_DEFAULT)) {
        js_ps_next(p);
        AstExportDefault *e = js_ps_node(p, AST_EXPORT_DEFAULT, sizeof *e, at);
        add_export(p, ((ModuleState *)p->mod), ps_intern(p, "default"), at.line, at.col);
        bool is_fn = ps_is_kw(p, KW_FUNCTION);
        if (!is_fn && ps_is_kw(p, KW_ASYNC)) {
            Token nt = js_ps_peek(p);
            is_fn = !nt.nl_before && nt.type == T_IDENT &&
                    nt.kw == KW_FUNCTION && !nt.escaped;
        }
        if (is_fn) {
            p->allow_anon_decl = true;
            AstFunction *fn = function_declaration(p);
            p->allow_anon_decl = false;
            e->decl = &fn->h;
        } else if (ps_is_kw(p, KW_CLASS)) {
            AstClass *c = js_ps_class(p, true, true);
            e->decl = &c->h;
        } else {
            e->decl = js_px_assign(p, 0);
            AstNode *v = e->decl;
            if ((v->kind == AST_ARROW) ||
                (v->kind == AST_FUNCTION && !((AstFunction *)v)->name) ||
                (v->kind == AST_CLASS && !((AstClass *)v)->name))
                v->flags |= AST_F_ANON_FN;
            ps_semicolon(p);
        }
        js_ps_finish(p, e);
        return &e->h;
    }
    AstExportNamed *e = js_ps_node(p, AST_EXPORT_NAMED, sizeof *e, at);
    if (js_ps_is(p, T_LBRACE)) {
        js_ps_next(p);
        NodeVec specs = {0};
        NodeVec strs = {0};
        while (!js_ps_is(p, T_RBRACE)) {
            Pos sat = js_ps_pos(p);
            AstModuleSpec *s = js_ps_node(p, AST_EXPORT_SPEC, sizeof *s, sat);
            s->kind = AST_SPEC_NAMED;
            bool is_str, is_str2 = false;
            Token lt, et;
            s->imported = module_export_name(p, &is_str, &lt);
            s->local = s->imported;
            et = lt;
            if (ps_is_kw(p, KW_AS)) {
                js_ps_next(p);
                s->local = module_export_name(p, &is_str2, &et);
            }
            js_ps_finish(p, s);
            add_export(p, ((ModuleState *)p->mod), s->local, et.line, et.col);
            /* remember local names that must be plain identifiers */
            if (is_str || (lt.type == T_IDENT && lt.kw &&
                           (lt.kw <= KW_LAST_STRICT || lt.kw == KW_AWAIT)))
                js_nv_push(p, &strs, &s->h);
            js_nv_push(p, &specs, &s->h);
            if (!js_ps_is(p, T_RBRACE))
                js_ps_expect(p, T_COMMA, "','");
        }
        js_ps_next(p);
        e->specs = js_nv_list(p, &specs);
        if (ps_is_kw(p, KW_FROM)) {
            js_ps_next(p);
            e->source = module_specifier(p);
            if (ps_is_kw(p, KW_WITH))
                e->attrs = parse_with_clause(p);
        } else {
            if (strs.n)
                js_ps_error_node(p, strs.v[0], "invalid local name in export");
            for (uint32_t i = 0; i < specs.n; i++)
                js_nv_push(p, &((ModuleState *)p->mod)->local_refs, specs.v[i]);
        }
        ps_semicolon(p);
        js_ps_finish(p, e);
        return &e->h;
    }
    if (ps_is_kw(p, KW_VAR)) {
        AstVarDecl *d = parse_var_decl(p, AST_VAR, false);
        declare_var_decl(p, d, false);
        ps_semicolon(p);
        js_ps_finish(p, d);
        e->decl = &d->h;
    } else if (ps_is_kw(p, KW_LET) || ps_is_kw(p, KW_CONST)) {
        AstVarDecl *d = parse_var_decl(p, ps_is_kw(p, KW_LET) ? AST_LET
                                                               : AST_CONST,
                                       false);
        declare_var_decl(p, d, false);
        ps_semicolon(p);
        js_ps_finish(p, d);
        e->decl = &d->h;
    } else if (ps_is_kw(p, KW_FUNCTION) || ps_is_kw(p, KW_ASYNC)) {
        if (ps_is_kw(p, KW_ASYNC)) {
            Token nt = js_ps_peek(p);
            if (nt.nl_before || nt.type != T_IDENT || nt.kw != KW_FUNCTION)
                js_ps_error(p, "unexpected token after export");
        }
        e->decl = &function_declaration(p)->h;
    } else if (ps_is_kw(p, KW_CLASS)) {
        e->decl = &js_ps_class(p, true, false)->h;
    } else {
        js_ps_error(p, "unexpected token after export");
    }
    export_declared_names(p, e->decl);
    js_ps_finish(p, e);
    return &e->h;
}

static AstNode *parse_module_item(Parser *p)
{
    if (ps_is_kw(p, KW_IMPORT))
        return parse_import(p);
    return parse_export(p);
}

/* ---------------------------------------------------------------------
 * Entry point
 * --------------------------------------------------------------------- */

static void fill_error(Parser *p, ParseError *err)
{
    const ParseOptions *o = p->opts;
    snprintf(err->message, sizeof err->message, "%s", p->errmsg);
    err->file = o->filename;
    uint32_t sl = o->start_line ? o->start_line : 1;
    uint32_t sc = o->start_col ? o->start_col : 1;
    err->line = p->err_line + sl - 1;
    err->column = p->err_line == 1 ? p->err_col + sc - 1 : p->err_col;
}

static AstProgram *parse_function_ctor(Parser *p, const char *src, size_t len);

AstProgram *js_parse_program(Arena *a, const char *src, size_t len,
                          const ParseOptions *opts, ParseError *err)
{
    static const ParseOptions defaults;
    Parser *p = js_arena_zalloc(a, sizeof *p);
    if (!p) {
        snprintf(err->message, sizeof err->message, "out of memory");
        err->file = opts ? opts->filename : NULL;
        err->line = err->column = 1;
        return NULL;
    }
    p->arena = a;
    p->opts = opts ? opts : &defaults;
    opts = p->opts;
    p->max_depth = opts->max_depth > 0 ? opts->max_depth : PARSE_DEFAULT_DEPTH;
    p->module = opts->kind == PARSE_MODULE;
    p->eval_flags = opts->kind == PARSE_EVAL ? opts->eval_flags : 0;
    if (setjmp(p->jmp)) {
        fill_error(p, err);
        return NULL;
    }
    opts = p->opts;
    p->names = js_ast_names_new(a);
    if (!p->names)
        js_ps_error_at(p, 1, 1, "out of memory");
    js_lex_init(&p->L, a, p->names, src, len, p->module, &p->jmp, p->errmsg,
             &p->err_line, &p->err_col);
    if (opts->kind == PARSE_FUNCTION_CTOR)
        return parse_function_ctor(p, src, len);
    AstProgram *prog = js_ps_alloc(p, sizeof *prog);
    prog->names = p->names;
    prog->source = src;
    prog->source_len = len;
    AstFunction *top = js_ps_node(p, AST_FUNCTION, sizeof *top, (Pos){0, 1, 1});
    top->fflags = p->module ? AST_FN_MODULE | AST_FN_STRICT
                : opts->kind == PARSE_EVAL ? AST_FN_EVAL : AST_FN_SCRIPT;
    top->fflags |= AST_FN_SIMPLE_PARAMS;
    if (opts->strict)
        top->fflags |= AST_FN_STRICT;
    prog->top = top;
    FuncState *f = push_func(p, top);
    f->await_kw = p->module;
    f->top = push_scope(p, SC_TOP, &top->scope);
    ModuleState ms;
    memset(&ms, 0, sizeof ms);
    p->mod = &ms;

    js_lex_next(&p->L);
    NodeVec body = {0};
    parse_body(p, &body, T_EOF, true);
    top->body = js_nv_list(p, &body);
    top->h.end = (uint32_t)len;
    if (p->module) {
        /* exported local bindings must be declared */
        for (uint32_t i = 0; i < ms.local_refs.n; i++) {
            AstModuleSpec *s = (AstModuleSpec *)ms.local_refs.v[i];
            if (!find_decl(&f->top->lex, s->imported) &&
                !find_decl(&f->vars, s->imported))
                js_ps_error_node(p, &s->h, "export '%s' is not defined",
                              s->imported->str);
        }
    }
    pop_scope(p);
    finish_func_decls(p, f);
    if (p->module) {
        /* module top-level functions: move to var_decls (see ast.h) */
        DeclVec vars = f->vars;
        DeclVec lex = {0};
        for (uint32_t i = 0; i < top->scope.count; i++) {
            AstDecl d = top->scope.decls[i];
            if (d.kind == AST_DECL_BLOCK_FUNCTION) {
                d.kind = AST_DECL_FUNCTION;
                declv_push(p, &vars, d);
            } else {
                declv_push(p, &lex, d);
            }
        }
        top->var_decls = vars.v;
        top->nvar_decls = vars.n;
        top->scope.decls = lex.v;
        top->scope.count = lex.n;
    }
    p->mod = NULL;
    return prog;
}

/* CreateDynamicFunction: check the parameters and the body on their own,
 * then parse the whole text as one function expression. */
static AstProgram *parse_function_ctor(Parser *p, const char *src, size_t len)
{
    const ParseOptions *o = p->opts;
    uint32_t ff = 0;
    if (o->fn_kind & PARSE_FN_GENERATOR)
        ff |= AST_FN_GENERATOR;
    if (o->fn_kind & PARSE_FN_ASYNC)
        ff |= AST_FN_ASYNC;
    AstProgram *prog = js_ps_alloc(p, sizeof *prog);
    prog->names = p->names;
    prog->source = src;
    prog->source_len = len;
    AstFunction *top = js_ps_node(p, AST_FUNCTION, sizeof *top, (Pos){0, 1, 1});
    top->fflags = AST_FN_SCRIPT | AST_FN_SIMPLE_PARAMS;
    prog->top = top;
    FuncState *tf = push_func(p, top);
    tf->top = push_scope(p, SC_TOP, &top->scope);
    ModuleState ms;
    memset(&ms, 0, sizeof ms);
    p->mod = &ms;

    /* 1. parameters alone */
    {
        AstFunction *fn = js_ps_node(p, AST_FUNCTION, sizeof *fn, (Pos){0, 1, 1});
        fn->fflags = ff;
        FuncState *f = push_func(p, fn);
        f->yield_kw = (ff & AST_FN_GENERATOR) != 0;
        f->await_kw = (ff & AST_FN_ASYNC) != 0;
        Scope *saved = p->scope;
        p->scope = NULL;
        f->top = push_scope(p, SC_TOP, &fn->scope);
        p->L.pos = o->fn_params_start;
        p->L.len = o->fn_params_end;
        p->L.tok.end = (uint32_t)o->fn_params_start;
        js_lex_next(&p->L);
        NodeVec v = {0};
        f->in_params = true;
        while (!js_ps_is(p, T_EOF)) {
            if (js_ps_is(p, T_ELLIPSIS)) {
                Pos at = js_ps_pos(p);
                js_ps_next(p);
                AstUnaryLike *r = js_ps_node(p, AST_REST, sizeof *r, at);
                r->arg = js_px_binding_target(p);
                js_nv_push(p, &v, &r->h);
                if (!js_ps_is(p, T_EOF))
                    js_ps_error(p, "rest parameter must be last");
                break;
            }
            js_nv_push(p, &v, js_px_binding_element(p));
            if (!js_ps_is(p, T_EOF))
                js_ps_expect(p, T_COMMA, "','");
        }
        pop_scope(p);
        p->scope = saved;
        pop_func(p);
    }
    /* 2. body alone */
    {
        AstFunction *fn = js_ps_node(p, AST_FUNCTION, sizeof *fn, (Pos){0, 1, 1});
        fn->fflags = ff | AST_FN_SIMPLE_PARAMS;
        FuncState *f = push_func(p, fn);
        f->yield_kw = (ff & AST_FN_GENERATOR) != 0;
        f->await_kw = (ff & AST_FN_ASYNC) != 0;
        Scope *saved = p->scope;
        p->scope = NULL;
        f->top = push_scope(p, SC_TOP, &fn->scope);
        p->L.pos = o->fn_body_start;
        p->L.len = o->fn_body_end;
        p->L.tok.end = (uint32_t)o->fn_body_start;
        js_lex_next(&p->L);
        NodeVec body = {0};
        parse_body(p, &body, T_EOF, true);
        pop_scope(p);
        p->scope = saved;
        pop_func(p);
    }
    /* 3. the whole text */
    p->L.pos = 0;
    p->L.len = len;
    p->L.line = 1;
    p->L.line_start = 0;
    p->L.tok.end = 0;
    p->L.prev_end = 0;
    p->all_funcs.n = 1;
    js_lex_next(&p->L);
    Pos at = js_ps_pos(p);
    if (ps_is_kw(p, KW_ASYNC))
        js_ps_next(p);
    if (!ps_is_kw(p, KW_FUNCTION))
        js_ps_error(p, "expected 'function'");
    js_ps_next(p);
    if (ff & AST_FN_GENERATOR)
        js_ps_expect(p, T_STAR, "'*'");
    AstFunction *fn = js_ps_function(p, at, ff, NULL, true, -1);
    if (!js_ps_is(p, T_EOF))
        js_ps_error(p, "unexpected token after function body");
    AstUnaryLike *st = js_ps_node(p, AST_EXPR_STMT, sizeof *st, at);
    st->arg = &fn->h;
    st->h.end = fn->h.end;
    AstNode **items = js_ps_alloc(p, sizeof *items);
    items[0] = &st->h;
    top->body.items = items;
    top->body.count = 1;
    top->h.end = (uint32_t)len;
    pop_scope(p);
    finish_func_decls(p, tf);
    p->mod = NULL;
    return prog;
}
