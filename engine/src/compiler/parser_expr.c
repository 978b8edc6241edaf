/* Expression half of the parser: precedence climbing over binary
 * operators, unary/update/await/yield, member/call/optional chains, new,
 * primaries (literals, templates, regexps, object/array literals), the
 * cover grammars (parenthesized arrow parameters, async arrow heads,
 * assignment patterns) and binding patterns. */
#include "parser_int.h"

#include <string.h>

static AstNode *parse_unary(Parser *p);
static AstNode *parse_primary(Parser *p, bool no_call);
static AstList parse_arguments(Parser *p);
static AstNode *parse_template(Parser *p, bool tagged);

static bool is_literal_pattern_candidate(const AstNode *n)
{
    return (n->kind == AST_OBJECT || n->kind == AST_ARRAY) &&
           !(n->flags & AST_F_PARENS);
}

static void note_cover_init(Parser *p, Pos at)
{
    if (!p->cover_init_pos) {
        p->cover_init_pos = at.start + 1;
        p->cover_init_line = at.line;
        p->cover_init_col = at.col;
    }
}

void js_px_check_cover(Parser *p)
{
    if (p->cover_init_pos)
        js_ps_error_at(p, p->cover_init_line, p->cover_init_col,
                    "invalid shorthand property initializer or duplicate "
                    "__proto__");
}

static bool js_is_anon_fn(const AstNode *n)
{
    if (n->kind == AST_ARROW)
        return true;
    if (n->kind == AST_FUNCTION)
        return ((const AstFunction *)n)->name == NULL;
    if (n->kind == AST_CLASS)
        return ((const AstClass *)n)->name == NULL;
    return false;
}

static void mark_anon(AstNode *n)
{
    if (n && js_is_anon_fn(n))
        n->flags |= AST_F_ANON_FN;
}

/* ---------------------------------------------------------------------
 * Simple assignment targets and patterns
 * --------------------------------------------------------------------- */

static void check_simple_target(Parser *p, AstNode *n, bool allow_call)
{
    switch (n->kind) {
    case AST_IDENT: {
        int kw = js_ast_name_tag(((AstIdent *)n)->name);
        if (js_ps_strict(p) && (kw == KW_EVAL || kw == KW_ARGUMENTS))
            js_ps_error_node(p, n, "invalid assignment to '%s' in strict mode",
                          ((AstIdent *)n)->name->str);
        return;
    }
    case AST_MEMBER:
        return;
    case AST_CALL:
        if (allow_call && !js_ps_strict(p) &&
            ((AstCall *)n)->callee->kind != AST_SUPER)
            return;
        break;
    default:
        break;
    }
    js_ps_error_node(p, n, "invalid assignment target");
}

AstNode *js_px_to_pattern(Parser *p, AstNode *n, bool binding)
{
    if (!n)
        return NULL;
    if (n->flags & AST_F_PARENS) {
        if (binding || (n->kind != AST_IDENT && n->kind != AST_MEMBER))
            js_ps_error_node(p, n, "invalid destructuring target");
    }
    switch (n->kind) {
    case AST_IDENT:
        if (binding) {
            js_ps_check_binding_name(p, ((AstIdent *)n)->name, NULL, n->line,
                                  n->column);
        } else {
            check_simple_target(p, n, false);
        }
        return n;
    case AST_MEMBER:
        if (binding)
            break;
        return n;
    case AST_ASSIGN_PATTERN: {
        AstAssign *a = (AstAssign *)n;
        a->target = js_px_to_pattern(p, a->target, binding);
        return n;
    }
    case AST_ARRAY_PATTERN:
        if (binding) {
            AstArray *a = (AstArray *)n;
            for (uint32_t i = 0; i < a->elements.count; i++) {
                AstNode *e = a->elements.items[i];
                if (!e)
                    continue;
                if (e->kind == AST_REST)
                    ((AstUnaryLike *)e)->arg =
                        js_px_to_pattern(p, ((AstUnaryLike *)e)->arg, true);
                else
                    a->elements.items[i] = js_px_to_pattern(p, e, true);
            }
        }
        return n;
    case AST_OBJECT_PATTERN:
        if (binding) {
            AstObject *o = (AstObject *)n;
            for (uint32_t i = 0; i < o->props.count; i++) {
                AstNode *e = o->props.items[i];
                if (e->kind == AST_REST) {
                    AstUnaryLike *r = (AstUnaryLike *)e;
                    if (r->arg->kind != AST_IDENT)
                        js_ps_error_node(p, e, "invalid rest element");
                    r->arg = js_px_to_pattern(p, r->arg, true);
                } else {
                    AstProperty *pr = (AstProperty *)e;
                    pr->value = js_px_to_pattern(p, pr->value, true);
                }
            }
        }
        return n;
    case AST_ARRAY: {
        AstArray *a = (AstArray *)n;
        if (n->flags & (1u << 13))
            js_ps_error_node(p, n, "rest element may not have a trailing comma");
        n->kind = AST_ARRAY_PATTERN;
        n->flags &= (uint16_t)~AST_F_COVER_INIT;
        for (uint32_t i = 0; i < a->elements.count; i++) {
            AstNode *e = a->elements.items[i];
            if (!e)
                continue;
            if (e->kind == AST_SPREAD) {
                if (i + 1 != a->elements.count)
                    js_ps_error_node(p, e, "rest element must be last");
                AstUnaryLike *s = (AstUnaryLike *)e;
                if (s->arg->kind == AST_ASSIGN && !(s->arg->flags & AST_F_PARENS))
                    js_ps_error_node(p, s->arg, "rest element may not have a "
                                  "default initializer");
                e->kind = AST_REST;
                s->arg = js_px_to_pattern(p, s->arg, binding);
                continue;
            }
            if (e->kind == AST_ASSIGN && !(e->flags & AST_F_PARENS) &&
                ((AstAssign *)e)->op == AST_OP_ASSIGN) {
                AstAssign *as = (AstAssign *)e;
                e->kind = AST_ASSIGN_PATTERN;
                as->target = js_px_to_pattern(p, as->target, binding);
                continue;
            }
            a->elements.items[i] = js_px_to_pattern(p, e, binding);
        }
        return n;
    }
    case AST_OBJECT: {
        AstObject *o = (AstObject *)n;
        if (n->flags & (1u << 13))
            js_ps_error_node(p, n, "rest element may not have a trailing comma");
        n->kind = AST_OBJECT_PATTERN;
        n->flags &= (uint16_t)~AST_F_COVER_INIT;
        for (uint32_t i = 0; i < o->props.count; i++) {
            AstNode *e = o->props.items[i];
            if (e->kind == AST_SPREAD) {
                if (i + 1 != o->props.count)
                    js_ps_error_node(p, e, "rest element must be last");
                AstUnaryLike *s = (AstUnaryLike *)e;
                if (s->arg->kind != AST_IDENT &&
                    (binding || s->arg->kind != AST_MEMBER))
                    js_ps_error_node(p, s->arg, "invalid rest element");
                e->kind = AST_REST;
                s->arg = js_px_to_pattern(p, s->arg, binding);
                continue;
            }
            AstProperty *pr = (AstProperty *)e;
            if (pr->kind == AST_PROP_METHOD || pr->kind == AST_PROP_GET ||
                pr->kind == AST_PROP_SET)
                js_ps_error_node(p, e, "invalid destructuring target");
            if (pr->kind == AST_PROP_PROTO)
                pr->kind = AST_PROP_INIT;
            AstNode *v = pr->value;
            if (v->kind == AST_ASSIGN && !(v->flags & AST_F_PARENS) &&
                ((AstAssign *)v)->op == AST_OP_ASSIGN) {
                v->kind = AST_ASSIGN_PATTERN;
                ((AstAssign *)v)->target =
                    js_px_to_pattern(p, ((AstAssign *)v)->target, binding);
            } else {
                pr->value = js_px_to_pattern(p, v, binding);
            }
        }
        return n;
    }
    default:
        break;
    }
    js_ps_error_node(p, n, binding ? "invalid binding pattern"
                                : "invalid destructuring assignment target");
}

/* ---------------------------------------------------------------------
 * Binding patterns (parsed directly)
 * --------------------------------------------------------------------- */

AstNode *js_px_binding_element(Parser *p)
{
    Pos at = js_ps_pos(p);
    AstNode *t = js_px_binding_target(p);
    if (js_ps_is(p, T_ASSIGN)) {
        js_ps_next(p);
        AstAssign *a = js_ps_node(p, AST_ASSIGN_PATTERN, sizeof *a, at);
        a->op = AST_OP_ASSIGN;
        a->target = t;
        a->value = js_px_assign(p, 0);
        if (t->kind == AST_IDENT)
            mark_anon(a->value);
        js_ps_finish(p, a);
        return &a->h;
    }
    return t;
}

AstNode *js_px_binding_target(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_enter(p);
    AstNode *res;
    if (js_ps_is(p, T_LBRACK)) {
        js_ps_next(p);
        NodeVec v = {0};
        while (!js_ps_is(p, T_RBRACK)) {
            if (js_ps_is(p, T_COMMA)) {
                js_ps_next(p);
                js_nv_push(p, &v, NULL);
                continue;
            }
            if (js_ps_is(p, T_ELLIPSIS)) {
                Pos rat = js_ps_pos(p);
                js_ps_next(p);
                AstUnaryLike *r = js_ps_node(p, AST_REST, sizeof *r, rat);
                r->arg = js_px_binding_target(p);
                js_ps_finish(p, r);
                js_nv_push(p, &v, &r->h);
                if (!js_ps_is(p, T_RBRACK))
                    js_ps_error(p, "rest element must be last");
                break;
            }
            js_nv_push(p, &v, js_px_binding_element(p));
            if (!js_ps_is(p, T_RBRACK))
                js_ps_expect(p, T_COMMA, "',' or ']'");
        }
        js_ps_next(p);
        AstArray *a = js_ps_node(p, AST_ARRAY_PATTERN, sizeof *a, at);
        a->elements = js_nv_list(p, &v);
        js_ps_finish(p, a);
        res = &a->h;
    } else if (js_ps_is(p, T_LBRACE)) {
        js_ps_next(p);
        NodeVec v = {0};
        while (!js_ps_is(p, T_RBRACE)) {
            Pos pat = js_ps_pos(p);
            if (js_ps_is(p, T_ELLIPSIS)) {
                js_ps_next(p);
                AstUnaryLike *r = js_ps_node(p, AST_REST, sizeof *r, pat);
                Pos ipos;
                const AstName *nm = js_ps_binding_ident(p, &ipos);
                AstIdent *id = js_ps_node(p, AST_IDENT, sizeof *id, ipos);
                id->name = nm;
                js_ps_finish(p, id);
                r->arg = &id->h;
                js_ps_finish(p, r);
                js_nv_push(p, &v, &r->h);
                if (!js_ps_is(p, T_RBRACE))
                    js_ps_error(p, "rest element must be last");
                break;
            }
            AstProperty *pr = js_ps_node(p, AST_PROPERTY, sizeof *pr, pat);
            Token kt = p->L.tok;
            bool computed;
            pr->key = js_px_property_name(p, &computed, false);
            pr->computed = computed;
            if (js_ps_is(p, T_COLON)) {
                js_ps_next(p);
                pr->kind = AST_PROP_INIT;
                pr->value = js_px_binding_element(p);
            } else {
                if (computed || kt.type != T_IDENT)
                    js_ps_error(p, "expected ':'");
                /* shorthand: must be a valid binding identifier */
                js_ps_check_binding_name(p, kt.name, &kt, kt.line, kt.col);
                pr->kind = AST_PROP_SHORTHAND;
                AstIdent *id = js_ps_node(p, AST_IDENT, sizeof *id,
                                       (Pos){kt.start, kt.line, kt.col});
                id->name = kt.name;
                id->h.end = kt.end;
                pr->value = &id->h;
                if (js_ps_is(p, T_ASSIGN)) {
                    js_ps_next(p);
                    AstAssign *a = js_ps_node(p, AST_ASSIGN_PATTERN, sizeof *a,
                                           (Pos){kt.start, kt.line, kt.col});
                    a->op = AST_OP_ASSIGN;
                    a->target = &id->h;
                    a->value = js_px_assign(p, 0);
                    mark_anon(a->value);
                    js_ps_finish(p, a);
                    pr->value = &a->h;
                }
            }
            js_ps_finish(p, pr);
            js_nv_push(p, &v, &pr->h);
            if (!js_ps_is(p, T_RBRACE))
                js_ps_expect(p, T_COMMA, "',' or '}'");
        }
        js_ps_next(p);
        AstObject *o = js_ps_node(p, AST_OBJECT_PATTERN, sizeof *o, at);
        o->props = js_nv_list(p, &v);
        js_ps_finish(p, o);
        res = &o->h;
    } else {
        Pos ipos;
        const AstName *nm = js_ps_binding_ident(p, &ipos);
        AstIdent *id = js_ps_node(p, AST_IDENT, sizeof *id, ipos);
        id->name = nm;
        js_ps_finish(p, id);
        res = &id->h;
    }
    ps_leave(p);
    return res;
}

/* ---------------------------------------------------------------------
 * Property names
 * --------------------------------------------------------------------- */

AstString *js_px_string_node(Parser *p)
{
    Token *t = &p->L.tok;
    AstString *s = js_ps_node(p, AST_STRING, sizeof *s, js_ps_pos(p));
    s->chars = t->str;
    s->len = t->slen;
    s->sflags = t->legacy_octal ? AST_STR_LEGACY_ESCAPE : 0;
    if (t->legacy_octal && js_ps_strict(p))
        js_ps_error(p, "octal escape sequences are not allowed in strict mode");
    js_ps_next(p);
    js_ps_finish(p, s);
    return s;
}

static AstNode *number_node(Parser *p)
{
    Token *t = &p->L.tok;
    if (t->legacy_octal && js_ps_strict(p))
        js_ps_error(p, "legacy octal literals are not allowed in strict mode");
    if (t->type == T_BIGINT) {
        AstBigInt *b = js_ps_node(p, AST_BIGINT, sizeof *b, js_ps_pos(p));
        b->digits = t->digits;
        b->len = t->ndigits;
        b->radix = t->radix;
        js_ps_next(p);
        js_ps_finish(p, b);
        return &b->h;
    }
    AstNumber *n = js_ps_node(p, AST_NUMBER, sizeof *n, js_ps_pos(p));
    n->value = t->num;
    js_ps_next(p);
    js_ps_finish(p, n);
    return &n->h;
}

AstNode *js_px_property_name(Parser *p, bool *computed, bool allow_private)
{
    Token *t = &p->L.tok;
    *computed = false;
    switch (t->type) {
    case T_IDENT: {
        AstIdent *id = js_ps_node(p, AST_IDENT, sizeof *id, js_ps_pos(p));
        id->name = t->name;
        js_ps_next(p);
        js_ps_finish(p, id);
        return &id->h;
    }
    case T_STRING:
        return &js_px_string_node(p)->h;
    case T_NUMBER:
    case T_BIGINT:
        return number_node(p);
    case T_LBRACK: {
        js_ps_next(p);
        *computed = true;
        AstNode *e = js_px_assign(p, 0);
        js_ps_expect(p, T_RBRACK, "']'");
        return e;
    }
    case T_PRIVATE:
        if (allow_private) {
            AstIdent *id = js_ps_node(p, AST_PRIVATE_NAME, sizeof *id, js_ps_pos(p));
            id->name = t->name;
            if (t->name->len == 12 && !memcmp(t->name->str, "#constructor", 12))
                js_ps_error(p, "invalid private name '#constructor'");
            js_ps_next(p);
            js_ps_finish(p, id);
            return &id->h;
        }
        break;
    default:
        break;
    }
    js_ps_error(p, "unexpected token in property name");
}

/* ---------------------------------------------------------------------
 * Object and array literals
 * --------------------------------------------------------------------- */

static bool is_proto_key(const AstNode *k)
{
    if (k->kind == AST_IDENT)
        return js_ast_name_tag(((const AstIdent *)k)->name) == KW_PROTO;
    if (k->kind == AST_STRING) {
        const AstString *s = (const AstString *)k;
        static const char pr[] = "__proto__";
        if (s->len != 9)
            return false;
        for (int i = 0; i < 9; i++)
            if (s->chars[i] != (uint16_t)pr[i])
                return false;
        return true;
    }
    return false;
}

static AstNode *parse_object_literal(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    NodeVec v = {0};
    bool has_proto = false, comma_after_spread = false;
    while (!js_ps_is(p, T_RBRACE)) {
        Pos pat = js_ps_pos(p);
        if (js_ps_is(p, T_ELLIPSIS)) {
            js_ps_next(p);
            AstUnaryLike *s = js_ps_node(p, AST_SPREAD, sizeof *s, pat);
            s->arg = js_px_assign(p, EX_COVER);
            js_ps_finish(p, s);
            js_nv_push(p, &v, &s->h);
            if (js_ps_is(p, T_COMMA)) {
                js_ps_next(p);
                comma_after_spread = true;
            } else if (!js_ps_is(p, T_RBRACE)) {
                js_ps_error(p, "expected ',' or '}'");
            }
            continue;
        }
        comma_after_spread = false;
        AstProperty *pr = js_ps_node(p, AST_PROPERTY, sizeof *pr, pat);
        Token kt = p->L.tok;
        uint32_t fflags = 0;
        int acc = 0;    /* 1 get, 2 set */
        if (kt.type == T_IDENT && !kt.escaped &&
            (kt.kw == KW_ASYNC || kt.kw == KW_GET || kt.kw == KW_SET)) {
            Token nt = js_ps_peek(p);
            bool is_prefix = nt.type != T_COMMA && nt.type != T_COLON &&
                             nt.type != T_LPAREN && nt.type != T_RBRACE &&
                             nt.type != T_ASSIGN;
            if (is_prefix && kt.kw == KW_ASYNC && nt.nl_before)
                js_ps_error(p, "line break after 'async'");
            if (is_prefix) {
                js_ps_next(p);
                if (kt.kw == KW_ASYNC) {
                    fflags |= AST_FN_ASYNC;
                    if (js_ps_eat(p, T_STAR))
                        fflags |= AST_FN_GENERATOR;
                } else {
                    acc = kt.kw == KW_GET ? 1 : 2;
                }
                kt = p->L.tok;
            }
        } else if (kt.type == T_STAR) {
            js_ps_next(p);
            fflags |= AST_FN_GENERATOR;
            kt = p->L.tok;
        }
        bool computed;
        pr->key = js_px_property_name(p, &computed, false);
        pr->computed = computed;
        if (fflags || acc || js_ps_is(p, T_LPAREN)) {
            int ek = acc == 1 ? AST_ELEM_GETTER : acc == 2 ? AST_ELEM_SETTER
                                                           : AST_ELEM_METHOD;
            pr->kind = acc == 1 ? AST_PROP_GET : acc == 2 ? AST_PROP_SET
                                                          : AST_PROP_METHOD;
            pr->value = &js_ps_function(p, pat, fflags | AST_FN_METHOD, NULL,
                                     true, ek)->h;
        } else if (js_ps_is(p, T_COLON)) {
            js_ps_next(p);
            pr->kind = AST_PROP_INIT;
            pr->value = js_px_assign(p, EX_COVER);
            if (!computed && is_proto_key(pr->key)) {
                pr->kind = AST_PROP_PROTO;
                if (has_proto)
                    note_cover_init(p, pat);
                has_proto = true;
            } else {
                mark_anon(pr->value);
            }
        } else if (kt.type == T_IDENT && !computed) {
            /* shorthand: an IdentifierReference */
            pr->kind = AST_PROP_SHORTHAND;
            if (kt.kw && kt.kw <= KW_LAST_RESERVED)
                js_ps_error_at(p, kt.line, kt.col, "unexpected reserved word");
            if (kt.kw == KW_YIELD && (p->fs->yield_kw || js_ps_strict(p)))
                js_ps_error_at(p, kt.line, kt.col, "unexpected 'yield'");
            if (kt.kw == KW_AWAIT) {
                if (p->fs->await_kw || p->module)
                    js_ps_error_at(p, kt.line, kt.col, "unexpected 'await'");
                if (!p->await_ident_pos)
                    p->await_ident_pos = kt.start + 1;
            }
            if (js_ps_strict(p) && kt.kw > KW_LAST_RESERVED &&
                kt.kw <= KW_LAST_STRICT)
                js_ps_error_at(p, kt.line, kt.col, "unexpected strict mode "
                            "reserved word");
            if (kt.kw == KW_ARGUMENTS)
                js_ps_check_arguments(p, kt.line, kt.col);
            AstIdent *id = js_ps_node(p, AST_IDENT, sizeof *id,
                                   (Pos){kt.start, kt.line, kt.col});
            id->name = kt.name;
            id->h.end = kt.end;
            pr->value = &id->h;
            if (js_ps_is(p, T_ASSIGN)) {
                Pos eq = js_ps_pos(p);
                js_ps_next(p);
                AstAssign *a = js_ps_node(p, AST_ASSIGN_PATTERN, sizeof *a,
                                       (Pos){kt.start, kt.line, kt.col});
                a->op = AST_OP_ASSIGN;
                a->target = &id->h;
                a->value = js_px_assign(p, 0);
                mark_anon(a->value);
                js_ps_finish(p, a);
                pr->value = &a->h;
                note_cover_init(p, eq);
            }
        } else {
            js_ps_error(p, "unexpected token in object literal");
        }
        js_ps_finish(p, pr);
        js_nv_push(p, &v, &pr->h);
        if (!js_ps_is(p, T_RBRACE))
            js_ps_expect(p, T_COMMA, "',' or '}'");
    }
    js_ps_next(p);
    AstObject *o = js_ps_node(p, AST_OBJECT, sizeof *o, at);
    o->props = js_nv_list(p, &v);
    if (comma_after_spread)
        o->h.flags |= 1u << 13;
    js_ps_finish(p, o);
    return &o->h;
}

static AstNode *parse_array_literal(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    NodeVec v = {0};
    bool comma_after_spread = false;
    while (!js_ps_is(p, T_RBRACK)) {
        if (js_ps_is(p, T_COMMA)) {
            js_ps_next(p);
            js_nv_push(p, &v, NULL);
            comma_after_spread = false;
            continue;
        }
        AstNode *e;
        bool spread = false;
        if (js_ps_is(p, T_ELLIPSIS)) {
            Pos sat = js_ps_pos(p);
            js_ps_next(p);
            AstUnaryLike *s = js_ps_node(p, AST_SPREAD, sizeof *s, sat);
            s->arg = js_px_assign(p, EX_COVER);
            js_ps_finish(p, s);
            e = &s->h;
            spread = true;
        } else {
            e = js_px_assign(p, EX_COVER);
        }
        js_nv_push(p, &v, e);
        comma_after_spread = false;
        if (!js_ps_is(p, T_RBRACK)) {
            js_ps_expect(p, T_COMMA, "',' or ']'");
            comma_after_spread = spread;
        }
    }
    js_ps_next(p);
    AstArray *a = js_ps_node(p, AST_ARRAY, sizeof *a, at);
    a->elements = js_nv_list(p, &v);
    if (comma_after_spread)
        a->h.flags |= 1u << 13;
    js_ps_finish(p, a);
    return &a->h;
}

/* ---------------------------------------------------------------------
 * Templates
 * --------------------------------------------------------------------- */

static AstNode *parse_template(Parser *p, bool tagged)
{
    Pos at = js_ps_pos(p);
    NodeVec exprs = {0};
    AstTemplatePart *parts = NULL;
    uint32_t np = 0, cap = 0;
    for (;;) {
        Token *t = &p->L.tok;
        if (t->type != T_TEMPLATE)
            js_ps_error(p, "unterminated template literal");
        if (!t->str && !tagged)
            js_ps_error(p, "%s", t->cooked_err ? t->cooked_err
                                            : "invalid escape in template");
        if (np == cap) {
            uint32_t nc = cap ? cap * 2 : 4;
            AstTemplatePart *n = js_ps_alloc(p, nc * sizeof *n);
            if (np)
                memcpy(n, parts, np * sizeof *n);
            parts = n;
            cap = nc;
        }
        parts[np].cooked = t->str;
        parts[np].cooked_len = t->slen;
        parts[np].raw = t->raw;
        parts[np].raw_len = t->rawlen;
        np++;
        if (t->tail) {
            js_ps_next(p);
            break;
        }
        js_ps_next(p);
        js_nv_push(p, &exprs, js_px_expression(p, 0));
        if (!js_ps_is(p, T_RBRACE))
            js_ps_error(p, "expected '}' in template literal");
        js_lex_template_cont(&p->L);
    }
    AstTemplate *tp = js_ps_node(p, AST_TEMPLATE, sizeof *tp, at);
    tp->nparts = np;
    tp->parts = parts;
    tp->exprs = exprs.v;
    js_ps_finish(p, tp);
    return &tp->h;
}

/* ---------------------------------------------------------------------
 * Arrow functions from cover grammars
 * --------------------------------------------------------------------- */

/* Converts the items of a parenthesized list / async call arguments into
 * arrow parameters and parses the arrow. */
static AstNode *finish_arrow(Parser *p, Pos at, NodeVec *items,
                             bool is_async, size_t funcs_mark,
                             uint32_t yield_pos, uint32_t await_pos,
                             uint32_t await_ident_pos)
{
    if (yield_pos)
        js_ps_error(p, "yield expression not allowed in arrow parameters");
    if (await_pos)
        js_ps_error(p, "await expression not allowed in arrow parameters");
    if (is_async && await_ident_pos)
        js_ps_error(p, "'await' is not a valid identifier in async arrow "
                    "parameters");
    for (uint32_t i = 0; i < items->n; i++) {
        AstNode *e = items->v[i];
        if (e->kind == AST_SPREAD) {
            AstUnaryLike *s = (AstUnaryLike *)e;
            if (i + 1 != items->n)
                js_ps_error_node(p, e, "rest parameter must be last");
            if (s->arg->kind == AST_ASSIGN)
                js_ps_error_node(p, e, "rest parameter may not have a default");
            e->kind = AST_REST;
            s->arg = js_px_to_pattern(p, s->arg, true);
        } else if (e->kind == AST_ASSIGN && !(e->flags & AST_F_PARENS) &&
                   ((AstAssign *)e)->op == AST_OP_ASSIGN) {
            AstAssign *a = (AstAssign *)e;
            e->kind = AST_ASSIGN_PATTERN;
            a->target = js_px_to_pattern(p, a->target, true);
        } else {
            items->v[i] = js_px_to_pattern(p, e, true);
        }
    }
    p->cover_init_pos = 0;
    AstList params = js_nv_list(p, items);
    return &js_ps_arrow(p, at, params, is_async, funcs_mark)->h;
}

/* `(` ... `)`: a parenthesized expression or arrow parameters. */
static AstNode *parse_paren(Parser *p)
{
    Pos at = js_ps_pos(p);
    js_ps_next(p);
    uint32_t sy = p->yield_pos, sa = p->await_pos, sai = p->await_ident_pos;
    uint32_t sc = p->cover_init_pos, scl = p->cover_init_line,
             scc = p->cover_init_col;
    bool se = p->eval_seen;
    p->yield_pos = p->await_pos = p->await_ident_pos = 0;
    p->cover_init_pos = 0;
    p->eval_seen = false;
    size_t mark = p->all_funcs.n;
    NodeVec items = {0};
    bool rest = false, trailing = false;
    Pos ipos = js_ps_pos(p);
    while (!js_ps_is(p, T_RPAREN)) {
        if (js_ps_is(p, T_ELLIPSIS)) {
            Pos sat = js_ps_pos(p);
            js_ps_next(p);
            AstUnaryLike *s = js_ps_node(p, AST_SPREAD, sizeof *s, sat);
            s->arg = js_px_binding_target(p);
            if (js_ps_is(p, T_ASSIGN))
                js_ps_error(p, "rest parameter may not have a default");
            js_ps_finish(p, s);
            js_nv_push(p, &items, &s->h);
            rest = true;
            if (!js_ps_is(p, T_RPAREN))
                js_ps_error(p, "rest parameter must be last");
            break;
        }
        js_nv_push(p, &items, js_px_assign(p, EX_COVER));
        trailing = false;
        if (!js_ps_is(p, T_RPAREN)) {
            js_ps_expect(p, T_COMMA, "',' or ')'");
            trailing = true;
        }
    }
    js_ps_next(p);
    uint32_t yp = p->yield_pos, ap = p->await_pos, aip = p->await_ident_pos;
    bool ev = p->eval_seen;
    if (js_ps_is(p, T_ARROW) && !p->L.tok.nl_before) {
        p->yield_pos = sy;
        p->await_pos = sa;
        p->await_ident_pos = sai ? sai : aip;
        p->eval_seen = se;
        AstNode *fn = finish_arrow(p, at, &items, false, mark, yp, ap, 0);
        if (ev)
            ((AstFunction *)fn)->fflags |= AST_FN_DIRECT_EVAL;
        fn->flags |= AST_F_ARROW_END;
        p->cover_init_pos = sc;
        p->cover_init_line = scl;
        p->cover_init_col = scc;
        return fn;
    }
    if (items.n == 0 || rest || trailing)
        js_ps_error(p, items.n == 0 ? "unexpected token ')'"
                                 : "expected '=>' after arrow parameters");
    js_px_check_cover(p);
    p->cover_init_pos = sc;
    p->cover_init_line = scl;
    p->cover_init_col = scc;
    p->yield_pos = sy ? sy : yp;
    p->await_pos = sa ? sa : ap;
    p->await_ident_pos = sai ? sai : aip;
    p->eval_seen = se || ev;
    AstNode *res;
    if (items.n == 1) {
        res = items.v[0];
    } else {
        AstSequence *s = js_ps_node(p, AST_SEQUENCE, sizeof *s, ipos);
        s->exprs = js_nv_list(p, &items);
        s->h.end = s->exprs.items[s->exprs.count - 1]->end;
        res = &s->h;
    }
    res->flags |= AST_F_PARENS;
    return res;
}

/* ---------------------------------------------------------------------
 * Primary expressions
 * --------------------------------------------------------------------- */

static AstNode *simple_node(Parser *p, int kind)
{
    AstNode *n = js_ps_node(p, kind, sizeof(AstNode), js_ps_pos(p));
    js_ps_next(p);
    js_ps_finish(p, n);
    return n;
}

static AstNode *ident_node(Parser *p, const Token *t)
{
    AstIdent *id = js_ps_node(p, AST_IDENT, sizeof *id,
                           (Pos){t->start, t->line, t->col});
    id->name = t->name;
    id->h.end = t->end;
    return &id->h;
}

/* Validates the current identifier token as an IdentifierReference. */
static void check_ident_ref(Parser *p, const Token *t)
{
    int kw = t->kw;
    if (kw == 0)
        return;
    if (kw <= KW_LAST_RESERVED)
        js_ps_error_at(p, t->line, t->col, "unexpected reserved word '%s'",
                    t->name->str);
    if (kw <= KW_LAST_STRICT) {
        if (kw == KW_YIELD) {
            if (p->fs->yield_kw || js_ps_strict(p))
                js_ps_error_at(p, t->line, t->col, "unexpected 'yield'");
            return;
        }
        if (js_ps_strict(p))
            js_ps_error_at(p, t->line, t->col,
                        "unexpected strict mode reserved word '%s'",
                        t->name->str);
        return;
    }
    if (kw == KW_AWAIT) {
        if (p->fs->await_kw || p->module)
            js_ps_error_at(p, t->line, t->col, "unexpected 'await'");
        if (!p->await_ident_pos)
            p->await_ident_pos = t->start + 1;
    } else if (kw == KW_ARGUMENTS) {
        js_ps_check_arguments(p, t->line, t->col);
    }
}

static AstNode *parse_function_expr(Parser *p, Pos at, uint32_t fflags)
{
    /* current token is `function` */
    js_ps_next(p);
    if (js_ps_eat(p, T_STAR))
        fflags |= AST_FN_GENERATOR;
    return &js_ps_function(p, at, fflags, NULL, true, -1)->h;
}

static AstNode *parse_primary(Parser *p, bool no_call)
{
    Token *t = &p->L.tok;
    Pos at = js_ps_pos(p);
    switch (t->type) {
    case T_IDENT:
        if (!t->escaped) {
            switch (t->kw) {
            case KW_THIS:
                js_ps_mark_uses(p, AST_FN_USES_THIS);
                return simple_node(p, AST_THIS);
            case KW_NULL:
                return simple_node(p, AST_NULL);
            case KW_TRUE:
                return simple_node(p, AST_TRUE);
            case KW_FALSE:
                return simple_node(p, AST_FALSE);
            case KW_FUNCTION:
                return parse_function_expr(p, at, 0);
            case KW_CLASS:
                return &js_ps_class(p, false, true)->h;
            case KW_ASYNC: {
                Token nt = js_ps_peek(p);
                if (nt.nl_before)
                    break;
                if (nt.type == T_IDENT && nt.kw == KW_FUNCTION && !nt.escaped) {
                    js_ps_next(p);
                    return parse_function_expr(p, at, AST_FN_ASYNC);
                }
                if (nt.type == T_IDENT && js_ps_peek2(p).type == T_ARROW) {
                    /* async x => ... */
                    js_ps_next(p);
                    Token pt = p->L.tok;
                    size_t mark = p->all_funcs.n;
                    Pos ip = js_ps_pos(p);
                    js_ps_next(p);
                    if (!js_ps_is(p, T_ARROW) || p->L.tok.nl_before)
                        js_ps_error(p, "expected '=>'");
                    if (pt.kw == KW_AWAIT)
                        js_ps_error_at(p, pt.line, pt.col, "unexpected 'await'");
                    js_ps_check_binding_name(p, pt.name, &pt, pt.line, pt.col);
                    AstIdent *id = js_ps_node(p, AST_IDENT, sizeof *id, ip);
                    id->name = pt.name;
                    id->h.end = pt.end;
                    NodeVec items = {0};
                    js_nv_push(p, &items, &id->h);
                    AstNode *fn = finish_arrow(p, at, &items, true, mark,
                                               0, 0, 0);
                    fn->flags |= AST_F_ARROW_END;
                    return fn;
                }
                if (nt.type == T_LPAREN && !no_call) {
                    /* async(...) call or async arrow head */
                    Token at_tok = *t;
                    js_ps_next(p);
                    uint32_t sy = p->yield_pos, sa = p->await_pos,
                             sai = p->await_ident_pos;
                    uint32_t sc = p->cover_init_pos, scl = p->cover_init_line,
                             scc = p->cover_init_col;
                    p->yield_pos = p->await_pos = p->await_ident_pos = 0;
                    p->cover_init_pos = 0;
                    bool se = p->eval_seen;
                    p->eval_seen = false;
                    size_t mark = p->all_funcs.n;
                    js_ps_next(p);
                    NodeVec items = {0};
                    bool trailing = false, rest = false;
                    while (!js_ps_is(p, T_RPAREN)) {
                        if (js_ps_is(p, T_ELLIPSIS)) {
                            Pos sat = js_ps_pos(p);
                            js_ps_next(p);
                            AstUnaryLike *s = js_ps_node(p, AST_SPREAD,
                                                      sizeof *s, sat);
                            s->arg = js_px_assign(p, EX_COVER);
                            js_ps_finish(p, s);
                            js_nv_push(p, &items, &s->h);
                            rest = true;
                        } else {
                            js_nv_push(p, &items, js_px_assign(p, EX_COVER));
                            rest = false;
                        }
                        trailing = false;
                        if (!js_ps_is(p, T_RPAREN)) {
                            js_ps_expect(p, T_COMMA, "',' or ')'");
                            trailing = true;
                        }
                    }
                    js_ps_next(p);
                    uint32_t yp = p->yield_pos, ap = p->await_pos,
                             aip = p->await_ident_pos;
                    if (js_ps_is(p, T_ARROW) && !p->L.tok.nl_before) {
                        if (rest && trailing)
                            js_ps_error(p, "rest parameter must be last");
                        p->yield_pos = sy;
                        p->await_pos = sa;
                        p->await_ident_pos = sai;
                        bool ev = p->eval_seen;
                        p->eval_seen = se;
                        AstNode *fn = finish_arrow(p, at, &items, true, mark,
                                                   yp, ap, aip);
                        /* a direct eval in the parameters is the arrow's */
                        if (ev)
                            ((AstFunction *)fn)->fflags |= AST_FN_DIRECT_EVAL;
                        p->cover_init_pos = sc;
                        p->cover_init_line = scl;
                        p->cover_init_col = scc;
                        fn->flags |= AST_F_ARROW_END;
                        return fn;
                    }
                    js_px_check_cover(p);
                    p->eval_seen = se || p->eval_seen;
                    p->cover_init_pos = sc;
                    p->cover_init_line = scl;
                    p->cover_init_col = scc;
                    p->yield_pos = sy ? sy : yp;
                    p->await_pos = sa ? sa : ap;
                    p->await_ident_pos = sai ? sai : aip;
                    check_ident_ref(p, &at_tok);
                    AstCall *c = js_ps_node(p, AST_CALL, sizeof *c, at);
                    c->callee = ident_node(p, &at_tok);
                    c->args = js_nv_list(p, &items);
                    js_ps_finish(p, c);
                    return &c->h;
                }
                break;
            }
            case KW_LET:
                if (js_ps_strict(p))
                    js_ps_error(p, "unexpected strict mode reserved word 'let'");
                break;
            case KW_NEW: case KW_SUPER: case KW_IMPORT:
                break;  /* handled by the caller */
            default:
                break;
            }
        }
        {
            Token it = *t;
            check_ident_ref(p, &it);
            size_t mark = p->all_funcs.n;
            js_ps_next(p);
            if (js_ps_is(p, T_ARROW) && !p->L.tok.nl_before) {
                js_ps_check_binding_name(p, it.name, &it, it.line, it.col);
                NodeVec items = {0};
                js_nv_push(p, &items, ident_node(p, &it));
                AstNode *fn = finish_arrow(p, at, &items, false, mark, 0, 0,
                                           0);
                fn->flags |= AST_F_ARROW_END;
                return fn;
            }
            return ident_node(p, &it);
        }
    case T_NUMBER:
    case T_BIGINT:
        return number_node(p);
    case T_STRING:
        return &js_px_string_node(p)->h;
    case T_TEMPLATE:
        return parse_template(p, false);
    case T_SLASH:
    case T_SLASH_ASSIGN: {
        js_lex_regexp(&p->L);
        AstRegExp *r = js_ps_node(p, AST_REGEXP, sizeof *r, at);
        r->pattern = t->str;
        r->pattern_len = t->slen;
        r->flags = t->flags;
        r->flags_len = t->nflags;
        /* flags: d g i m s u v y, each at most once, not both u and v */
        unsigned seen = 0;
        for (uint32_t i = 0; i < t->nflags; i++) {
            const char *fl = "dgimsuvy";
            const char *q = strchr(fl, t->flags[i]);
            if (!q || !t->flags[i] || (seen & (1u << (q - fl))))
                js_ps_error(p, "invalid regular expression flags");
            seen |= 1u << (q - fl);
        }
        if ((seen & (1u << 5)) && (seen & (1u << 6)))
            js_ps_error(p, "invalid regular expression flags");
        if (p->opts->regexp_check) {
            const char *msg = p->opts->regexp_check(
                p->opts->regexp_opaque, t->str, t->slen, t->flags, t->nflags);
            if (msg)
                js_ps_error(p, "%s", msg);
        }
        js_ps_next(p);
        js_ps_finish(p, r);
        return &r->h;
    }
    case T_LPAREN:
        return parse_paren(p);
    case T_LBRACK:
        return parse_array_literal(p);
    case T_LBRACE:
        return parse_object_literal(p);
    case T_EOF:
        js_ps_error(p, "unexpected end of input");
    default:
        break;
    }
    js_ps_error(p, "unexpected token");
}

/* ---------------------------------------------------------------------
 * Member / call / new / optional chains
 * --------------------------------------------------------------------- */

static AstList parse_arguments(Parser *p)
{
    js_ps_expect(p, T_LPAREN, "'('");
    NodeVec v = {0};
    while (!js_ps_is(p, T_RPAREN)) {
        if (js_ps_is(p, T_ELLIPSIS)) {
            Pos at = js_ps_pos(p);
            js_ps_next(p);
            AstUnaryLike *s = js_ps_node(p, AST_SPREAD, sizeof *s, at);
            s->arg = js_px_assign(p, 0);
            js_ps_finish(p, s);
            js_nv_push(p, &v, &s->h);
        } else {
            js_nv_push(p, &v, js_px_assign(p, 0));
        }
        if (!js_ps_is(p, T_RPAREN))
            js_ps_expect(p, T_COMMA, "',' or ')'");
    }
    js_ps_next(p);
    return js_nv_list(p, &v);
}

static AstNode *member_name(Parser *p, AstNode *obj, Pos at, bool optional)
{
    Token *t = &p->L.tok;
    AstMember *m = js_ps_node(p, AST_MEMBER, sizeof *m, at);
    m->object = obj;
    m->optional = optional;
    if (t->type == T_IDENT) {
        AstIdent *id = js_ps_node(p, AST_IDENT, sizeof *id, js_ps_pos(p));
        id->name = t->name;
        js_ps_next(p);
        js_ps_finish(p, id);
        m->property = &id->h;
    } else if (t->type == T_PRIVATE) {
        if (obj->kind == AST_SUPER)
            js_ps_error(p, "unexpected private name after super");
        AstIdent *id = js_ps_node(p, AST_PRIVATE_NAME, sizeof *id, js_ps_pos(p));
        id->name = t->name;
        js_ps_note_private_ref(p, t->name, t->line, t->col);
        js_ps_next(p);
        js_ps_finish(p, id);
        m->property = &id->h;
    } else {
        js_ps_error(p, "expected property name");
    }
    js_ps_finish(p, m);
    return &m->h;
}

static AstNode *parse_super(Parser *p, bool in_new)
{
    Pos at = js_ps_pos(p);
    Token st = p->L.tok;
    js_ps_next(p);
    AstNode *s = js_ps_node(p, AST_SUPER, sizeof(AstNode), at);
    s->end = st.end;
    if (js_ps_is(p, T_LPAREN) && !in_new) {
        js_ps_check_super(p, true, st.line, st.col);
        js_ps_mark_uses(p, AST_FN_USES_SUPER_CALL | AST_FN_USES_THIS);
        AstCall *c = js_ps_node(p, AST_CALL, sizeof *c, at);
        c->callee = s;
        c->args = parse_arguments(p);
        js_ps_finish(p, c);
        return &c->h;
    }
    if (js_ps_is(p, T_DOT) || js_ps_is(p, T_LBRACK)) {
        js_ps_check_super(p, false, st.line, st.col);
        js_ps_mark_uses(p, AST_FN_USES_SUPER_PROP | AST_FN_USES_THIS);
        if (js_ps_eat(p, T_DOT))
            return member_name(p, s, at, false);
        js_ps_next(p);
        AstMember *m = js_ps_node(p, AST_MEMBER, sizeof *m, at);
        m->object = s;
        m->computed = true;
        m->property = js_px_expression(p, 0);
        js_ps_expect(p, T_RBRACK, "']'");
        js_ps_finish(p, m);
        return &m->h;
    }
    js_ps_error_at(p, st.line, st.col, "unexpected 'super'");
}

static AstNode *parse_import_expr(Parser *p, bool in_new)
{
    Pos at = js_ps_pos(p);
    Token it = p->L.tok;
    if (it.escaped)
        js_ps_error(p, "keyword must not contain escapes");
    js_ps_next(p);
    if (js_ps_is(p, T_DOT)) {
        js_ps_next(p);
        Token *t = &p->L.tok;
        if (t->type != T_IDENT || t->kw != KW_META || t->escaped)
            js_ps_error(p, "expected 'meta' after 'import.'");
        if (!p->module)
            js_ps_error_at(p, it.line, it.col,
                        "import.meta is only valid in module code");
        js_ps_next(p);
        AstNode *n = js_ps_node(p, AST_IMPORT_META, sizeof(AstNode), at);
        js_ps_finish(p, n);
        return n;
    }
    if (in_new || !js_ps_is(p, T_LPAREN))
        js_ps_error_at(p, it.line, it.col, "unexpected 'import'");
    js_ps_next(p);
    AstImportCall *c = js_ps_node(p, AST_IMPORT_CALL, sizeof *c, at);
    if (js_ps_is(p, T_RPAREN))
        js_ps_error(p, "import() requires a specifier");
    c->source = js_px_assign(p, 0);
    if (js_ps_eat(p, T_COMMA)) {
        if (!js_ps_is(p, T_RPAREN)) {
            c->options = js_px_assign(p, 0);
            js_ps_eat(p, T_COMMA);
        }
    }
    js_ps_expect(p, T_RPAREN, "')'");
    js_ps_finish(p, c);
    return &c->h;
}

static AstNode *parse_new(Parser *p);

/* MemberExpression / CallExpression / OptionalExpression. in_new: parsing
 * the callee of `new` (no calls, no optional chains). */
static AstNode *parse_call_member(Parser *p, bool in_new)
{
    Pos at = js_ps_pos(p);
    Token *t = &p->L.tok;
    AstNode *e;
    js_ps_enter(p);
    if (t->type == T_IDENT && !t->escaped && t->kw == KW_NEW)
        e = parse_new(p);
    else if (t->type == T_IDENT && !t->escaped && t->kw == KW_SUPER)
        e = parse_super(p, in_new);
    else if (t->type == T_IDENT && t->kw == KW_IMPORT)
        e = parse_import_expr(p, in_new);
    else if (t->type == T_IDENT && t->escaped && (t->kw == KW_NEW ||
             t->kw == KW_SUPER))
        js_ps_error(p, "keyword must not contain escapes");
    else
        e = parse_primary(p, in_new);
    if (e->flags & AST_F_ARROW_END) {
        ps_leave(p);
        return e;
    }
    bool in_chain = false;
    for (;;) {
        t = &p->L.tok;
        switch (t->type) {
        case T_DOT:
            js_ps_next(p);
            e = member_name(p, e, at, false);
            continue;
        case T_LBRACK: {
            js_ps_next(p);
            AstMember *m = js_ps_node(p, AST_MEMBER, sizeof *m, at);
            m->object = e;
            m->computed = true;
            m->property = js_px_expression(p, 0);
            js_ps_expect(p, T_RBRACK, "']'");
            js_ps_finish(p, m);
            e = &m->h;
            continue;
        }
        case T_OPTCHAIN: {
            if (in_new)
                js_ps_error(p, "invalid optional chain in new expression");
            js_ps_next(p);
            in_chain = true;
            if (js_ps_is(p, T_LPAREN)) {
                AstCall *c = js_ps_node(p, AST_CALL, sizeof *c, at);
                c->callee = e;
                c->optional = true;
                c->args = parse_arguments(p);
                js_ps_finish(p, c);
                e = &c->h;
            } else if (js_ps_is(p, T_LBRACK)) {
                js_ps_next(p);
                AstMember *m = js_ps_node(p, AST_MEMBER, sizeof *m, at);
                m->object = e;
                m->computed = true;
                m->optional = true;
                m->property = js_px_expression(p, 0);
                js_ps_expect(p, T_RBRACK, "']'");
                js_ps_finish(p, m);
                e = &m->h;
            } else if (js_ps_is(p, T_TEMPLATE)) {
                js_ps_error(p, "tagged template in optional chain");
            } else {
                e = member_name(p, e, at, true);
            }
            continue;
        }
        case T_LPAREN: {
            if (in_new)
                break;
            AstCall *c = js_ps_node(p, AST_CALL, sizeof *c, at);
            c->callee = e;
            if (e->kind == AST_IDENT && !in_chain &&
                js_ast_name_tag(((AstIdent *)e)->name) == KW_EVAL) {
                c->cflags |= AST_CALL_DIRECT_EVAL;
                p->eval_seen = true;
                uint32_t uses = AST_FN_USES_THIS | AST_FN_USES_NEW_TARGET |
                                AST_FN_USES_ARGUMENTS;
                js_ps_mark_uses(p, uses);
                /* mark eval on the current function and above */
                p->fs->fn->fflags |= AST_FN_DIRECT_EVAL;
                for (FuncState *f = p->fs->parent; f; f = f->parent)
                    f->fn->fflags |= AST_FN_INNER_EVAL;
                for (FuncState *f = p->fs; f && (f->fn->fflags & AST_FN_ARROW);
                     f = f->parent)
                    if (f->parent)
                        f->parent->fn->fflags |= AST_FN_DIRECT_EVAL;
            }
            c->args = parse_arguments(p);
            js_ps_finish(p, c);
            e = &c->h;
            continue;
        }
        case T_TEMPLATE: {
            if (in_chain)
                js_ps_error(p, "tagged template in optional chain");
            AstTaggedTemplate *tt = js_ps_node(p, AST_TAGGED_TEMPLATE,
                                            sizeof *tt, at);
            tt->tag = e;
            tt->quasi = (AstTemplate *)parse_template(p, true);
            js_ps_finish(p, tt);
            e = &tt->h;
            continue;
        }
        default:
            break;
        }
        break;
    }
    if (in_chain) {
        AstUnaryLike *c = js_ps_node(p, AST_OPTIONAL_CHAIN, sizeof *c, at);
        c->arg = e;
        js_ps_finish(p, c);
        e = &c->h;
    }
    ps_leave(p);
    return e;
}

static AstNode *parse_new(Parser *p)
{
    Pos at = js_ps_pos(p);
    Token nt = p->L.tok;
    js_ps_next(p);
    if (js_ps_is(p, T_DOT)) {
        js_ps_next(p);
        Token *t = &p->L.tok;
        if (t->type != T_IDENT || t->kw != KW_TARGET || t->escaped)
            js_ps_error(p, "expected 'target' after 'new.'");
        js_ps_check_new_target(p, &nt);
        js_ps_mark_uses(p, AST_FN_USES_NEW_TARGET);
        js_ps_next(p);
        AstNode *n = js_ps_node(p, AST_NEW_TARGET, sizeof(AstNode), at);
        js_ps_finish(p, n);
        return n;
    }
    AstNode *callee = parse_call_member(p, true);
    if (callee->flags & AST_F_ARROW_END)
        js_ps_error_node(p, callee, "invalid arrow function in new expression");
    if (callee->kind == AST_IMPORT_CALL && !(callee->flags & AST_F_PARENS))
        js_ps_error_node(p, callee, "cannot use new with import()");
    AstCall *c = js_ps_node(p, AST_NEW, sizeof *c, at);
    c->callee = callee;
    if (js_ps_is(p, T_LPAREN))
        c->args = parse_arguments(p);
    js_ps_finish(p, c);
    return &c->h;
}

AstNode *js_px_lhs(Parser *p)
{
    return parse_call_member(p, false);
}

/* ---------------------------------------------------------------------
 * Unary, update, binary
 * --------------------------------------------------------------------- */

static int unary_op(int type)
{
    switch (type) {
    case T_MINUS: return AST_OP_NEG;
    case T_PLUS: return AST_OP_PLUS;
    case T_BANG: return AST_OP_NOT;
    case T_TILDE: return AST_OP_BITNOT;
    default: return 0;
    }
}

static bool is_private_member(const AstNode *n)
{
    if (n->kind == AST_OPTIONAL_CHAIN)
        n = ((const AstUnaryLike *)n)->arg;
    return n->kind == AST_MEMBER &&
           ((const AstMember *)n)->property->kind == AST_PRIVATE_NAME;
}

static AstNode *parse_unary(Parser *p)
{
    Token *t = &p->L.tok;
    Pos at = js_ps_pos(p);
    int op = unary_op(t->type);
    if (!op && t->type == T_IDENT && !t->escaped) {
        if (t->kw == KW_TYPEOF) op = AST_OP_TYPEOF;
        else if (t->kw == KW_VOID) op = AST_OP_VOID;
        else if (t->kw == KW_DELETE) op = AST_OP_DELETE;
    }
    if (op) {
        js_ps_enter(p);
        js_ps_next(p);
        AstUnary *u = js_ps_node(p, AST_UNARY, sizeof *u, at);
        u->op = (uint8_t)op;
        u->arg = parse_unary(p);
        if (op == AST_OP_DELETE) {
            AstNode *a = u->arg;
            if (js_ps_strict(p) && a->kind == AST_IDENT)
                js_ps_error_node(p, a, "cannot delete an identifier in strict "
                              "mode");
            if (is_private_member(a))
                js_ps_error_node(p, a, "cannot delete a private field");
        }
        js_ps_finish(p, u);
        ps_leave(p);
        return &u->h;
    }
    if (t->type == T_INC || t->type == T_DEC) {
        js_ps_enter(p);
        int uop = t->type == T_INC ? AST_OP_INC : AST_OP_DEC;
        js_ps_next(p);
        AstUpdate *u = js_ps_node(p, AST_UPDATE, sizeof *u, at);
        u->op = (uint8_t)uop;
        u->prefix = true;
        u->arg = parse_unary(p);
        check_simple_target(p, u->arg, true);
        js_ps_finish(p, u);
        ps_leave(p);
        return &u->h;
    }
    if (t->type == T_IDENT && t->kw == KW_AWAIT &&
        (p->fs->await_kw || (p->module && !p->fs->parent))) {
        if (t->escaped)
            js_ps_error(p, "keyword must not contain escapes");
        if (p->fs->in_params || p->fs->await_expr_banned)
            js_ps_error(p, "await expression not allowed here");
        if (!p->await_pos)
            p->await_pos = t->start + 1;
        js_ps_enter(p);
        js_ps_next(p);
        AstUnaryLike *a = js_ps_node(p, AST_AWAIT, sizeof *a, at);
        a->arg = parse_unary(p);
        if (p->fs->fn->fflags & AST_FN_MODULE)
            p->fs->fn->fflags |= AST_FN_HAS_AWAIT;
        js_ps_finish(p, a);
        ps_leave(p);
        return &a->h;
    }
    AstNode *e = js_px_lhs(p);
    if (e->flags & AST_F_ARROW_END)
        return e;
    t = &p->L.tok;
    if ((t->type == T_INC || t->type == T_DEC) && !t->nl_before) {
        check_simple_target(p, e, true);
        AstUpdate *u = js_ps_node(p, AST_UPDATE, sizeof *u, at);
        u->op = t->type == T_INC ? AST_OP_INC : AST_OP_DEC;
        u->prefix = false;
        u->arg = e;
        js_ps_next(p);
        js_ps_finish(p, u);
        return &u->h;
    }
    return e;
}

/* precedence of binary operator tokens (0: not a binary operator) */
static int binary_prec(Parser *p, int type, int flags, int *op)
{
    switch (type) {
    case T_NULLISH: *op = AST_OP_NULLISH; return 1;
    case T_OR: *op = AST_OP_OR; return 2;
    case T_AND: *op = AST_OP_AND; return 3;
    case T_PIPE: *op = AST_OP_BITOR; return 4;
    case T_CARET: *op = AST_OP_BITXOR; return 5;
    case T_AMP: *op = AST_OP_BITAND; return 6;
    case T_EQ: *op = AST_OP_EQ; return 7;
    case T_NE: *op = AST_OP_NE; return 7;
    case T_SEQ: *op = AST_OP_STRICT_EQ; return 7;
    case T_SNE: *op = AST_OP_STRICT_NE; return 7;
    case T_LT: *op = AST_OP_LT; return 8;
    case T_GT: *op = AST_OP_GT; return 8;
    case T_LE: *op = AST_OP_LE; return 8;
    case T_GE: *op = AST_OP_GE; return 8;
    case T_SHL: *op = AST_OP_SHL; return 9;
    case T_SAR: *op = AST_OP_SAR; return 9;
    case T_SHR: *op = AST_OP_SHR; return 9;
    case T_PLUS: *op = AST_OP_ADD; return 10;
    case T_MINUS: *op = AST_OP_SUB; return 10;
    case T_STAR: *op = AST_OP_MUL; return 11;
    case T_SLASH: *op = AST_OP_DIV; return 11;
    case T_PERCENT: *op = AST_OP_MOD; return 11;
    case T_EXP: *op = AST_OP_EXP; return 12;
    case T_IDENT:
        if (p->L.tok.escaped)
            return 0;
        if (p->L.tok.kw == KW_INSTANCEOF) {
            *op = AST_OP_INSTANCEOF;
            return 8;
        }
        if (p->L.tok.kw == KW_IN && !(flags & EX_NO_IN)) {
            *op = AST_OP_IN;
            return 8;
        }
        return 0;
    default:
        return 0;
    }
}

static AstNode *parse_binary(Parser *p, int min_prec, int flags)
{
    Pos at = js_ps_pos(p);
    AstNode *left;
    if (min_prec == 12)
        js_ps_enter(p);    /* only ** recurses without bound */
    if (js_ps_is(p, T_PRIVATE)) {
        Token nt = js_ps_peek(p);
        if (min_prec > 8 || nt.type != T_IDENT || nt.kw != KW_IN ||
            nt.escaped || (flags & EX_NO_IN))
            js_ps_error(p, "unexpected private name");
        AstIdent *id = js_ps_node(p, AST_PRIVATE_NAME, sizeof *id, at);
        id->name = p->L.tok.name;
        js_ps_note_private_ref(p, id->name, p->L.tok.line, p->L.tok.col);
        js_ps_next(p);
        js_ps_finish(p, id);
        left = &id->h;
    } else {
        left = parse_unary(p);
        if (left->flags & AST_F_ARROW_END) {
            if (min_prec == 12)
                ps_leave(p);
            return left;
        }
    }
    for (;;) {
        int op;
        int prec = binary_prec(p, p->L.tok.type, flags, &op);
        if (!prec || prec < min_prec)
            break;
        if (left->kind == AST_PRIVATE_NAME && op != AST_OP_IN)
            js_ps_error_node(p, left, "unexpected private name");
        if (op == AST_OP_EXP && !(left->flags & AST_F_PARENS) &&
            (left->kind == AST_UNARY || left->kind == AST_AWAIT))
            js_ps_error(p, "unparenthesized unary expression can't appear on "
                        "the left-hand side of '**'");
        if ((op == AST_OP_NULLISH && left->kind == AST_LOGICAL &&
             !(left->flags & AST_F_PARENS) &&
             ((AstBinary *)left)->op != AST_OP_NULLISH) ||
            ((op == AST_OP_AND || op == AST_OP_OR) &&
             left->kind == AST_LOGICAL && !(left->flags & AST_F_PARENS) &&
             ((AstBinary *)left)->op == AST_OP_NULLISH))
            js_ps_error(p, "cannot mix '?\?' with '||' or '&&' without "
                        "parentheses");
        js_ps_next(p);
        AstNode *right;
        if (op == AST_OP_EXP)
            right = parse_binary(p, 12, flags);
        else if (op == AST_OP_NULLISH)
            right = parse_binary(p, 4, flags);
        else
            right = parse_binary(p, prec + 1, flags);
        if (right->flags & AST_F_ARROW_END)
            js_ps_error_node(p, right, "unexpected arrow function");
        int kind = (op == AST_OP_AND || op == AST_OP_OR ||
                    op == AST_OP_NULLISH) ? AST_LOGICAL : AST_BINARY;
        AstBinary *b = js_ps_node(p, kind, sizeof *b, at);
        b->op = (uint8_t)op;
        b->left = left;
        b->right = right;
        js_ps_finish(p, b);
        left = &b->h;
    }
    if (left->kind == AST_PRIVATE_NAME)
        js_ps_error_node(p, left, "unexpected private name");
    if (min_prec == 12)
        ps_leave(p);
    return left;
}

static AstNode *parse_conditional(Parser *p, int flags)
{
    Pos at = js_ps_pos(p);
    AstNode *test = parse_binary(p, 1, flags);
    if ((test->flags & AST_F_ARROW_END) || !js_ps_is(p, T_QUESTION))
        return test;
    js_ps_next(p);
    AstConditional *c = js_ps_node(p, AST_CONDITIONAL, sizeof *c, at);
    c->test = test;
    c->cons = js_px_assign(p, 0);
    js_ps_expect(p, T_COLON, "':'");
    c->alt = js_px_assign(p, flags & EX_NO_IN);
    js_ps_finish(p, c);
    return &c->h;
}

static int assign_op(int type)
{
    switch (type) {
    case T_ASSIGN: return AST_OP_ASSIGN;
    case T_PLUS_ASSIGN: return AST_OP_ADD;
    case T_MINUS_ASSIGN: return AST_OP_SUB;
    case T_STAR_ASSIGN: return AST_OP_MUL;
    case T_SLASH_ASSIGN: return AST_OP_DIV;
    case T_PERCENT_ASSIGN: return AST_OP_MOD;
    case T_EXP_ASSIGN: return AST_OP_EXP;
    case T_SHL_ASSIGN: return AST_OP_SHL;
    case T_SAR_ASSIGN: return AST_OP_SAR;
    case T_SHR_ASSIGN: return AST_OP_SHR;
    case T_AMP_ASSIGN: return AST_OP_BITAND;
    case T_PIPE_ASSIGN: return AST_OP_BITOR;
    case T_CARET_ASSIGN: return AST_OP_BITXOR;
    case T_AND_ASSIGN: return AST_OP_AND;
    case T_OR_ASSIGN: return AST_OP_OR;
    case T_NULLISH_ASSIGN: return AST_OP_NULLISH;
    default: return 0;
    }
}

static AstNode *parse_yield(Parser *p, int flags)
{
    Pos at = js_ps_pos(p);
    if (p->L.tok.escaped)
        js_ps_error(p, "keyword must not contain escapes");
    if (p->fs->in_params)
        js_ps_error(p, "yield expression not allowed in formal parameters");
    if (!p->yield_pos)
        p->yield_pos = at.start + 1;
    js_ps_next(p);
    AstYield *y = js_ps_node(p, AST_YIELD, sizeof *y, at);
    Token *t = &p->L.tok;
    if (!t->nl_before) {
        if (t->type == T_STAR) {
            js_ps_next(p);
            y->delegate = true;
            y->arg = js_px_assign(p, flags & EX_NO_IN);
        } else {
            bool starts;
            switch (t->type) {
            case T_IDENT:
                starts = t->escaped || (t->kw != KW_IN &&
                                        t->kw != KW_INSTANCEOF);
                break;
            case T_NUMBER: case T_BIGINT: case T_STRING: case T_TEMPLATE:
            case T_PRIVATE: case T_LPAREN: case T_LBRACK: case T_LBRACE:
            case T_PLUS: case T_MINUS: case T_BANG: case T_TILDE: case T_INC:
            case T_DEC: case T_SLASH: case T_SLASH_ASSIGN:
                starts = true;
                break;
            default:
                starts = false;
                break;
            }
            if (starts)
                y->arg = js_px_assign(p, flags & EX_NO_IN);
        }
    }
    js_ps_finish(p, y);
    return &y->h;
}

AstNode *js_px_assign(Parser *p, int flags)
{
    Token *t = &p->L.tok;
    js_ps_enter(p);
    if (t->type == T_IDENT && t->kw == KW_YIELD && p->fs->yield_kw) {
        /* counted too: `yield yield ...` nests without a bracket */
        AstNode *y = parse_yield(p, flags);
        ps_leave(p);
        return y;
    }
    Pos at = js_ps_pos(p);
    uint32_t saved = p->cover_init_pos, sl = p->cover_init_line,
             scol = p->cover_init_col;
    p->cover_init_pos = 0;
    AstNode *lhs = parse_conditional(p, flags);
    if (lhs->flags & AST_F_ARROW_END) {
        lhs->flags &= (uint16_t)~AST_F_ARROW_END;
        if (!p->cover_init_pos && saved) {
            p->cover_init_pos = saved;
            p->cover_init_line = sl;
            p->cover_init_col = scol;
        }
        ps_leave(p);
        return lhs;
    }
    int op = assign_op(p->L.tok.type);
    AstNode *res = lhs;
    if (op) {
        if (op == AST_OP_ASSIGN && is_literal_pattern_candidate(lhs)) {
            lhs = js_px_to_pattern(p, lhs, false);
            p->cover_init_pos = 0;
        } else {
            if (p->cover_init_pos)
                js_px_check_cover(p);
            bool logical = op == AST_OP_AND || op == AST_OP_OR ||
                           op == AST_OP_NULLISH;
            check_simple_target(p, lhs, !logical);
        }
        js_ps_next(p);
        AstAssign *a = js_ps_node(p, AST_ASSIGN, sizeof *a, at);
        a->op = (uint8_t)op;
        a->target = lhs;
        a->value = js_px_assign(p, flags & EX_NO_IN);
        if (lhs->kind == AST_IDENT && !(lhs->flags & AST_F_PARENS) &&
            (op == AST_OP_ASSIGN || op == AST_OP_AND || op == AST_OP_OR ||
             op == AST_OP_NULLISH))
            mark_anon(a->value);
        js_ps_finish(p, a);
        res = &a->h;
    } else if (p->cover_init_pos) {
        if (!((flags & EX_COVER) && is_literal_pattern_candidate(lhs)))
            js_px_check_cover(p);
    }
    if (saved) {
        p->cover_init_pos = saved;
        p->cover_init_line = sl;
        p->cover_init_col = scol;
    }
    ps_leave(p);
    return res;
}

AstNode *js_px_expression(Parser *p, int flags)
{
    Pos at = js_ps_pos(p);
    AstNode *e = js_px_assign(p, flags);
    if (!js_ps_is(p, T_COMMA))
        return e;
    NodeVec v = {0};
    js_nv_push(p, &v, e);
    while (js_ps_eat(p, T_COMMA))
        js_nv_push(p, &v, js_px_assign(p, flags));
    AstSequence *s = js_ps_node(p, AST_SEQUENCE, sizeof *s, at);
    s->exprs = js_nv_list(p, &v);
    js_ps_finish(p, s);
    return &s->h;
}
