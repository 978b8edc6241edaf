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

void px_check_cover(Parser *p)
{
    if (p->cover_init_pos)
        ps_error_at(p, p->cover_init_line, p->cover_init_col,
                    "invalid shorthand property initializer or duplicate "
                    "__proto__");
}

static bool is_anon_fn(const AstNode *n)
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
    if (n && is_anon_fn(n))
        n->flags |= AST_F_ANON_FN;
}

/* ---------------------------------------------------------------------
 * Simple assignment targets and patterns
 * --------------------------------------------------------------------- */

static void check_simple_target(Parser *p, AstNode *n, bool allow_call)
{
    switch (n->kind) {
    case AST_IDENT: {
        int kw = ast_name_tag(((AstIdent *)n)->name);
        if (ps_strict(p) && (kw == KW_EVAL || kw == KW_ARGUMENTS))
            ps_error_node(p, n, "invalid assignment to '%s' in strict mode",
                          ((AstIdent *)n)->name->str);
        return;
    }
    case AST_MEMBER:
        return;
    case AST_CALL:
        if (allow_call && !ps_strict(p) &&
            ((AstCall *)n)->callee->kind != AST_SUPER)
            return;
        break;
    default:
        break;
    }
    ps_error_node(p, n, "invalid assignment target");
}

AstNode *px_to_pattern(Parser *p, AstNode *n, bool binding)
{
    if (!n)
        return NULL;
    if (n->flags & AST_F_PARENS) {
        if (binding || (n->kind != AST_IDENT && n->kind != AST_MEMBER))
            ps_error_node(p, n, "invalid destructuring target");
    }
    switch (n->kind) {
    case AST_IDENT:
        if (binding) {
            ps_check_binding_name(p, ((AstIdent *)n)->name, NULL, n->line,
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
        a->target = px_to_pattern(p, a->target, binding);
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
                        px_to_pattern(p, ((AstUnaryLike *)e)->arg, true);
                else
                    a->elements.items[i] = px_to_pattern(p, e, true);
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
                        ps_error_node(p, e, "invalid rest element");
                    r->arg = px_to_pattern(p, r->arg, true);
                } else {
                    AstProperty *pr = (AstProperty *)e;
                    pr->value = px_to_pattern(p, pr->value, true);
                }
            }
        }
        return n;
    case AST_ARRAY: {
        AstArray *a = (AstArray *)n;
        if (n->flags & (1u << 13))
            ps_error_node(p, n, "rest element may not have a trailing comma");
        n->kind = AST_ARRAY_PATTERN;
        n->flags &= (uint16_t)~AST_F_COVER_INIT;
        for (uint32_t i = 0; i < a->elements.count; i++) {
            AstNode *e = a->elements.items[i];
            if (!e)
                continue;
            if (e->kind == AST_SPREAD) {
                if (i + 1 != a->elements.count)
                    ps_error_node(p, e, "rest element must be last");
                AstUnaryLike *s = (AstUnaryLike *)e;
                if (s->arg->kind == AST_ASSIGN && !(s->arg->flags & AST_F_PARENS))
                    ps_error_node(p, s->arg, "rest element may not have a "
                                  "default initializer");
                e->kind = AST_REST;
                s->arg = px_to_pattern(p, s->arg, binding);
                continue;
            }
            if (e->kind == AST_ASSIGN && !(e->flags & AST_F_PARENS) &&
                ((AstAssign *)e)->op == AST_OP_ASSIGN) {
                AstAssign *as = (AstAssign *)e;
                e->kind = AST_ASSIGN_PATTERN;
                as->target = px_to_pattern(p, as->target, binding);
                continue;
            }
            a->elements.items[i] = px_to_pattern(p, e, binding);
        }
        return n;
    }
    case AST_OBJECT: {
        AstObject *o = (AstObject *)n;
        if (n->flags & (1u << 13))
            ps_error_node(p, n, "rest element may not have a trailing comma");
        n->kind = AST_OBJECT_PATTERN;
        n->flags &= (uint16_t)~AST_F_COVER_INIT;
        for (uint32_t i = 0; i < o->props.count; i++) {
            AstNode *e = o->props.items[i];
            if (e->kind == AST_SPREAD) {
                if (i + 1 != o->props.count)
                    ps_error_node(p, e, "rest element must be last");
                AstUnaryLike *s = (AstUnaryLike *)e;
                if (s->arg->kind != AST_IDENT &&
                    (binding || s->arg->kind != AST_MEMBER))
                    ps_error_node(p, s->arg, "invalid rest element");
                e->kind = AST_REST;
                s->arg = px_to_pattern(p, s->arg, binding);
                continue;
            }
            AstProperty *pr = (AstProperty *)e;
            if (pr->kind == AST_PROP_METHOD || pr->kind == AST_PROP_GET ||
                pr->kind == AST_PROP_SET)
                ps_error_node(p, e, "invalid destructuring target");
            if (pr->kind == AST_PROP_PROTO)
                pr->kind = AST_PROP_INIT;
            AstNode *v = pr->value;
            if (v->kind == AST_ASSIGN && !(v->flags & AST_F_PARENS) &&
                ((AstAssign *)v)->op == AST_OP_ASSIGN) {
                v->kind = AST_ASSIGN_PATTERN;
                ((AstAssign *)v)->target =
                    px_to_pattern(p, ((AstAssign *)v)->target, binding);
            } else {
                pr->value = px_to_pattern(p, v, binding);
            }
        }
        return n;
    }
    default:
        break;
    }
    ps_error_node(p, n, binding ? "invalid binding pattern"
                                : "invalid destructuring assignment target");
}

/* ---------------------------------------------------------------------
 * Binding patterns (parsed directly)
 * --------------------------------------------------------------------- */

AstNode *px_binding_element(Parser *p)
{
    Pos at = ps_pos(p);
    AstNode *t = px_binding_target(p);
    if (ps_is(p, T_ASSIGN)) {
        ps_next(p);
        AstAssign *a = ps_node(p, AST_ASSIGN_PATTERN, sizeof *a, at);
        a->op = AST_OP_ASSIGN;
        a->target = t;
        a->value = px_assign(p, 0);
        if (t->kind == AST_IDENT)
            mark_anon(a->value);
        ps_finish(p, a);
        return &a->h;
    }
    return t;
}

AstNode *px_binding_target(Parser *p)
{
    Pos at = ps_pos(p);
    ps_enter(p);
    AstNode *res;
    if (ps_is(p, T_LBRACK)) {
        ps_next(p);
        NodeVec v = {0};
        while (!ps_is(p, T_RBRACK)) {
            if (ps_is(p, T_COMMA)) {
                ps_next(p);
                nv_push(p, &v, NULL);
                continue;
            }
            if (ps_is(p, T_ELLIPSIS)) {
                Pos rat = ps_pos(p);
                ps_next(p);
                AstUnaryLike *r = ps_node(p, AST_REST, sizeof *r, rat);
                r->arg = px_binding_target(p);
                ps_finish(p, r);
                nv_push(p, &v, &r->h);
                if (!ps_is(p, T_RBRACK))
                    ps_error(p, "rest element must be last");
                break;
            }
            nv_push(p, &v, px_binding_element(p));
            if (!ps_is(p, T_RBRACK))
                ps_expect(p, T_COMMA, "',' or ']'");
        }
        ps_next(p);
        AstArray *a = ps_node(p, AST_ARRAY_PATTERN, sizeof *a, at);
        a->elements = nv_list(p, &v);
        ps_finish(p, a);
        res = &a->h;
    } else if (ps_is(p, T_LBRACE)) {
        ps_next(p);
        NodeVec v = {0};
        while (!ps_is(p, T_RBRACE)) {
            Pos pat = ps_pos(p);
            if (ps_is(p, T_ELLIPSIS)) {
                ps_next(p);
                AstUnaryLike *r = ps_node(p, AST_REST, sizeof *r, pat);
                Pos ipos;
                const AstName *nm = ps_binding_ident(p, &ipos);
                AstIdent *id = ps_node(p, AST_IDENT, sizeof *id, ipos);
                id->name = nm;
                ps_finish(p, id);
                r->arg = &id->h;
                ps_finish(p, r);
                nv_push(p, &v, &r->h);
                if (!ps_is(p, T_RBRACE))
                    ps_error(p, "rest element must be last");
                break;
            }
            AstProperty *pr = ps_node(p, AST_PROPERTY, sizeof *pr, pat);
            Token kt = p->L.tok;
            bool computed;
            pr->key = px_property_name(p, &computed, false);
            pr->computed = computed;
            if (ps_is(p, T_COLON)) {
                ps_next(p);
                pr->kind = AST_PROP_INIT;
                pr->value = px_binding_element(p);
            } else {
                if (computed || kt.type != T_IDENT)
                    ps_error(p, "expected ':'");
                /* shorthand: must be a valid binding identifier */
                ps_check_binding_name(p, kt.name, &kt, kt.line, kt.col);
                pr->kind = AST_PROP_SHORTHAND;
                AstIdent *id = ps_node(p, AST_IDENT, sizeof *id,
                                       (Pos){kt.start, kt.line, kt.col});
                id->name = kt.name;
                id->h.end = kt.end;
                pr->value = &id->h;
                if (ps_is(p, T_ASSIGN)) {
                    ps_next(p);
                    AstAssign *a = ps_node(p, AST_ASSIGN_PATTERN, sizeof *a,
                                           (Pos){kt.start, kt.line, kt.col});
                    a->op = AST_OP_ASSIGN;
                    a->target = &id->h;
                    a->value = px_assign(p, 0);
                    mark_anon(a->value);
                    ps_finish(p, a);
                    pr->value = &a->h;
                }
            }
            ps_finish(p, pr);
            nv_push(p, &v, &pr->h);
            if (!ps_is(p, T_RBRACE))
                ps_expect(p, T_COMMA, "',' or '}'");
        }
        ps_next(p);
        AstObject *o = ps_node(p, AST_OBJECT_PATTERN, sizeof *o, at);
        o->props = nv_list(p, &v);
        ps_finish(p, o);
        res = &o->h;
    } else {
        Pos ipos;
        const AstName *nm = ps_binding_ident(p, &ipos);
        AstIdent *id = ps_node(p, AST_IDENT, sizeof *id, ipos);
        id->name = nm;
        ps_finish(p, id);
        res = &id->h;
    }
    ps_leave(p);
    return res;
}

/* ---------------------------------------------------------------------
 * Property names
 * --------------------------------------------------------------------- */

AstString *px_string_node(Parser *p)
{
    Token *t = &p->L.tok;
    AstString *s = ps_node(p, AST_STRING, sizeof *s, ps_pos(p));
    s->chars = t->str;
    s->len = t->slen;
    s->sflags = t->legacy_octal ? AST_STR_LEGACY_ESCAPE : 0;
    if (t->legacy_octal && ps_strict(p))
        ps_error(p, "octal escape sequences are not allowed in strict mode");
    ps_next(p);
    ps_finish(p, s);
    return s;
}

static AstNode *number_node(Parser *p)
{
    Token *t = &p->L.tok;
    if (t->legacy_octal && ps_strict(p))
        ps_error(p, "legacy octal literals are not allowed in strict mode");
    if (t->type == T_BIGINT) {
        AstBigInt *b = ps_node(p, AST_BIGINT, sizeof *b, ps_pos(p));
        b->digits = t->digits;
        b->len = t->ndigits;
        b->radix = t->radix;
        ps_next(p);
        ps_finish(p, b);
        return &b->h;
    }
    AstNumber *n = ps_node(p, AST_NUMBER, sizeof *n, ps_pos(p));
    n->value = t->num;
    ps_next(p);
    ps_finish(p, n);
    return &n->h;
}

AstNode *px_property_name(Parser *p, bool *computed, bool allow_private)
{
    Token *t = &p->L.tok;
    *computed = false;
    switch (t->type) {
    case T_IDENT: {
        AstIdent *id = ps_node(p, AST_IDENT, sizeof *id, ps_pos(p));
        id->name = t->name;
        ps_next(p);
        ps_finish(p, id);
        return &id->h;
    }
    case T_STRING:
        return &px_string_node(p)->h;
    case T_NUMBER:
    case T_BIGINT:
        return number_node(p);
    case T_LBRACK: {
        ps_next(p);
        *computed = true;
        AstNode *e = px_assign(p, 0);
        ps_expect(p, T_RBRACK, "']'");
        return e;
    }
    case T_PRIVATE:
        if (allow_private) {
            AstIdent *id = ps_node(p, AST_PRIVATE_NAME, sizeof *id, ps_pos(p));
            id->name = t->name;
            if (t->name->len == 12 && !memcmp(t->name->str, "#constructor", 12))
                ps_error(p, "invalid private name '#constructor'");
            ps_next(p);
            ps_finish(p, id);
            return &id->h;
        }
        break;
    default:
        break;
    }
    ps_error(p, "unexpected token in property name");
}

/* ---------------------------------------------------------------------
 * Object and array literals
 * --------------------------------------------------------------------- */

static bool is_proto_key(const AstNode *k)
{
    if (k->kind == AST_IDENT)
        return ast_name_tag(((const AstIdent *)k)->name) == KW_PROTO;
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
    Pos at = ps_pos(p);
    ps_next(p);
    NodeVec v = {0};
    bool has_proto = false, comma_after_spread = false;
    while (!ps_is(p, T_RBRACE)) {
        Pos pat = ps_pos(p);
        if (ps_is(p, T_ELLIPSIS)) {
            ps_next(p);
            AstUnaryLike *s = ps_node(p, AST_SPREAD, sizeof *s, pat);
            s->arg = px_assign(p, EX_COVER);
            ps_finish(p, s);
            nv_push(p, &v, &s->h);
            if (ps_is(p, T_COMMA)) {
                ps_next(p);
                comma_after_spread = true;
            } else if (!ps_is(p, T_RBRACE)) {
                ps_error(p, "expected ',' or '}'");
            }
            continue;
        }
        comma_after_spread = false;
        AstProperty *pr = ps_node(p, AST_PROPERTY, sizeof *pr, pat);
        Token kt = p->L.tok;
        uint32_t fflags = 0;
        int acc = 0;    /* 1 get, 2 set */
        if (kt.type == T_IDENT && !kt.escaped &&
            (kt.kw == KW_ASYNC || kt.kw == KW_GET || kt.kw == KW_SET)) {
            Token nt = ps_peek(p);
            bool is_prefix = nt.type != T_COMMA && nt.type != T_COLON &&
                             nt.type != T_LPAREN && nt.type != T_RBRACE &&
                             nt.type != T_ASSIGN;
            if (is_prefix && kt.kw == KW_ASYNC && nt.nl_before)
                ps_error(p, "line break after 'async'");
            if (is_prefix) {
                ps_next(p);
                if (kt.kw == KW_ASYNC) {
                    fflags |= AST_FN_ASYNC;
                    if (ps_eat(p, T_STAR))
                        fflags |= AST_FN_GENERATOR;
                } else {
                    acc = kt.kw == KW_GET ? 1 : 2;
                }
                kt = p->L.tok;
            }
        } else if (kt.type == T_STAR) {
            ps_next(p);
            fflags |= AST_FN_GENERATOR;
            kt = p->L.tok;
        }
        bool computed;
        pr->key = px_property_name(p, &computed, false);
        pr->computed = computed;
        if (fflags || acc || ps_is(p, T_LPAREN)) {
            int ek = acc == 1 ? AST_ELEM_GETTER : acc == 2 ? AST_ELEM_SETTER
                                                           : AST_ELEM_METHOD;
            pr->kind = acc == 1 ? AST_PROP_GET : acc == 2 ? AST_PROP_SET
                                                          : AST_PROP_METHOD;
            pr->value = &ps_function(p, pat, fflags | AST_FN_METHOD, NULL,
                                     true, ek)->h;
        } else if (ps_is(p, T_COLON)) {
            ps_next(p);
            pr->kind = AST_PROP_INIT;
            pr->value = px_assign(p, EX_COVER);
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
                ps_error_at(p, kt.line, kt.col, "unexpected reserved word");
            if (kt.kw == KW_YIELD && (p->fs->yield_kw || ps_strict(p)))
                ps_error_at(p, kt.line, kt.col, "unexpected 'yield'");
            if (kt.kw == KW_AWAIT) {
                if (p->fs->await_kw || p->module)
                    ps_error_at(p, kt.line, kt.col, "unexpected 'await'");
                if (!p->await_ident_pos)
                    p->await_ident_pos = kt.start + 1;
            }
            if (ps_strict(p) && kt.kw > KW_LAST_RESERVED &&
                kt.kw <= KW_LAST_STRICT)
                ps_error_at(p, kt.line, kt.col, "unexpected strict mode "
                            "reserved word");
            if (kt.kw == KW_ARGUMENTS)
                ps_check_arguments(p, kt.line, kt.col);
            AstIdent *id = ps_node(p, AST_IDENT, sizeof *id,
                                   (Pos){kt.start, kt.line, kt.col});
            id->name = kt.name;
            id->h.end = kt.end;
            pr->value = &id->h;
            if (ps_is(p, T_ASSIGN)) {
                Pos eq = ps_pos(p);
                ps_next(p);
                AstAssign *a = ps_node(p, AST_ASSIGN_PATTERN, sizeof *a,
                                       (Pos){kt.start, kt.line, kt.col});
                a->op = AST_OP_ASSIGN;
                a->target = &id->h;
                a->value = px_assign(p, 0);
                mark_anon(a->value);
                ps_finish(p, a);
                pr->value = &a->h;
                note_cover_init(p, eq);
            }
        } else {
            ps_error(p, "unexpected token in object literal");
        }
        ps_finish(p, pr);
        nv_push(p, &v, &pr->h);
        if (!ps_is(p, T_RBRACE))
            ps_expect(p, T_COMMA, "',' or '}'");
    }
    ps_next(p);
    AstObject *o = ps_node(p, AST_OBJECT, sizeof *o, at);
    o->props = nv_list(p, &v);
    if (comma_after_spread)
        o->h.flags |= 1u << 13;
    ps_finish(p, o);
    return &o->h;
}

static AstNode *parse_array_literal(Parser *p)
{
    Pos at = ps_pos(p);
    ps_next(p);
    NodeVec v = {0};
    bool comma_after_spread = false;
    while (!ps_is(p, T_RBRACK)) {
        if (ps_is(p, T_COMMA)) {
            ps_next(p);
            nv_push(p, &v, NULL);
            comma_after_spread = false;
            continue;
        }
        AstNode *e;
        bool spread = false;
        if (ps_is(p, T_ELLIPSIS)) {
            Pos sat = ps_pos(p);
            ps_next(p);
            AstUnaryLike *s = ps_node(p, AST_SPREAD, sizeof *s, sat);
            s->arg = px_assign(p, EX_COVER);
            ps_finish(p, s);
            e = &s->h;
            spread = true;
        } else {
            e = px_assign(p, EX_COVER);
        }
        nv_push(p, &v, e);
        comma_after_spread = false;
        if (!ps_is(p, T_RBRACK)) {
            ps_expect(p, T_COMMA, "',' or ']'");
            comma_after_spread = spread;
        }
    }
    ps_next(p);
    AstArray *a = ps_node(p, AST_ARRAY, sizeof *a, at);
    a->elements = nv_list(p, &v);
    if (comma_after_spread)
        a->h.flags |= 1u << 13;
    ps_finish(p, a);
    return &a->h;
}

/* ---------------------------------------------------------------------
 * Templates
 * --------------------------------------------------------------------- */

static AstNode *parse_template(Parser *p, bool tagged)
{
    Pos at = ps_pos(p);
    NodeVec exprs = {0};
    AstTemplatePart *parts = NULL;
    uint32_t np = 0, cap = 0;
    for (;;) {
        Token *t = &p->L.tok;
        if (t->type != T_TEMPLATE)
            ps_error(p, "unterminated template literal");
        if (!t->str && !tagged)
            ps_error(p, "%s", t->cooked_err ? t->cooked_err
                                            : "invalid escape in template");
        if (np == cap) {
            uint32_t nc = cap ? cap * 2 : 4;
            AstTemplatePart *n = ps_alloc(p, nc * sizeof *n);
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
            ps_next(p);
            break;
        }
        ps_next(p);
        nv_push(p, &exprs, px_expression(p, 0));
        if (!ps_is(p, T_RBRACE))
            ps_error(p, "expected '}' in template literal");
        lex_template_cont(&p->L);
    }
    AstTemplate *tp = ps_node(p, AST_TEMPLATE, sizeof *tp, at);
    tp->nparts = np;
    tp->parts = parts;
    tp->exprs = exprs.v;
    ps_finish(p, tp);
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
        ps_error(p, "yield expression not allowed in arrow parameters");
    if (await_pos)
        ps_error(p, "await expression not allowed in arrow parameters");
    if (is_async && await_ident_pos)
        ps_error(p, "'await' is not a valid identifier in async arrow "
                    "parameters");
    for (uint32_t i = 0; i < items->n; i++) {
        AstNode *e = items->v[i];
        if (e->kind == AST_SPREAD) {
            AstUnaryLike *s = (AstUnaryLike *)e;
            if (i + 1 != items->n)
                ps_error_node(p, e, "rest parameter must be last");
            if (s->arg->kind == AST_ASSIGN)
                ps_error_node(p, e, "rest parameter may not have a default");
            e->kind = AST_REST;
            s->arg = px_to_pattern(p, s->arg, true);
        } else if (e->kind == AST_ASSIGN && !(e->flags & AST_F_PARENS) &&
                   ((AstAssign *)e)->op == AST_OP_ASSIGN) {
            AstAssign *a = (AstAssign *)e;
            e->kind = AST_ASSIGN_PATTERN;
            a->target = px_to_pattern(p, a->target, true);
        } else {
            items->v[i] = px_to_pattern(p, e, true);
        }
    }
    p->cover_init_pos = 0;
    AstList params = nv_list(p, items);
    return &ps_arrow(p, at, params, is_async, funcs_mark)->h;
}

/* `(` ... `)`: a parenthesized expression or arrow parameters. */
static AstNode *parse_paren(Parser *p)
{
    Pos at = ps_pos(p);
    ps_next(p);
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
    Pos ipos = ps_pos(p);
    while (!ps_is(p, T_RPAREN)) {
        if (ps_is(p, T_ELLIPSIS)) {
            Pos sat = ps_pos(p);
            ps_next(p);
            AstUnaryLike *s = ps_node(p, AST_SPREAD, sizeof *s, sat);
            s->arg = px_binding_target(p);
            if (ps_is(p, T_ASSIGN))
                ps_error(p, "rest parameter may not have a default");
            ps_finish(p, s);
            nv_push(p, &items, &s->h);
            rest = true;
            if (!ps_is(p, T_RPAREN))
                ps_error(p, "rest parameter must be last");
            break;
        }
        nv_push(p, &items, px_assign(p, EX_COVER));
        trailing = false;
        if (!ps_is(p, T_RPAREN)) {
            ps_expect(p, T_COMMA, "',' or ')'");
            trailing = true;
        }
    }
    ps_next(p);
    uint32_t yp = p->yield_pos, ap = p->await_pos, aip = p->await_ident_pos;
    bool ev = p->eval_seen;
    if (ps_is(p, T_ARROW) && !p->L.tok.nl_before) {
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
        ps_error(p, items.n == 0 ? "unexpected token ')'"
                                 : "expected '=>' after arrow parameters");
    px_check_cover(p);
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
        AstSequence *s = ps_node(p, AST_SEQUENCE, sizeof *s, ipos);
        s->exprs = nv_list(p, &items);
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
    AstNode *n = ps_node(p, kind, sizeof(AstNode), ps_pos(p));
    ps_next(p);
    ps_finish(p, n);
    return n;
}

static AstNode *ident_node(Parser *p, const Token *t)
{
    AstIdent *id = ps_node(p, AST_IDENT, sizeof *id,
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
        ps_error_at(p, t->line, t->col, "unexpected reserved word '%s'",
                    t->name->str);
    if (kw <= KW_LAST_STRICT) {
        if (kw == KW_YIELD) {
            if (p->fs->yield_kw || ps_strict(p))
                ps_error_at(p, t->line, t->col, "unexpected 'yield'");
            return;
        }
        if (ps_strict(p))
            ps_error_at(p, t->line, t->col,
                        "unexpected strict mode reserved word '%s'",
                        t->name->str);
        return;
    }
    if (kw == KW_AWAIT) {
        if (p->fs->await_kw || p->module)
            ps_error_at(p, t->line, t->col, "unexpected 'await'");
        if (!p->await_ident_pos)
            p->await_ident_pos = t->start + 1;
    } else if (kw == KW_ARGUMENTS) {
        ps_check_arguments(p, t->line, t->col);
    }
}

static AstNode *parse_function_expr(Parser *p, Pos at, uint32_t fflags)
{
    /* current token is `function` */
    ps_next(p);
    if (ps_eat(p, T_STAR))
        fflags |= AST_FN_GENERATOR;
    return &ps_function(p, at, fflags, NULL, true, -1)->h;
}

static AstNode *parse_primary(Parser *p, bool no_call)
{
    Token *t = &p->L.tok;
    Pos at = ps_pos(p);
    switch (t->type) {
    case T_IDENT:
        if (!t->escaped) {
            switch (t->kw) {
            case KW_THIS:
                ps_mark_uses(p, AST_FN_USES_THIS);
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
                return &ps_class(p, false, true)->h;
            case KW_ASYNC: {
                Token nt = ps_peek(p);
                if (nt.nl_before)
                    break;
                if (nt.type == T_IDENT && nt.kw == KW_FUNCTION && !nt.escaped) {
                    ps_next(p);
                    return parse_function_expr(p, at, AST_FN_ASYNC);
                }
                if (nt.type == T_IDENT && ps_peek2(p).type == T_ARROW) {
                    /* async x => ... */
                    ps_next(p);
                    Token pt = p->L.tok;
                    size_t mark = p->all_funcs.n;
                    Pos ip = ps_pos(p);
                    ps_next(p);
                    if (!ps_is(p, T_ARROW) || p->L.tok.nl_before)
                        ps_error(p, "expected '=>'");
                    if (pt.kw == KW_AWAIT)
                        ps_error_at(p, pt.line, pt.col, "unexpected 'await'");
                    ps_check_binding_name(p, pt.name, &pt, pt.line, pt.col);
                    AstIdent *id = ps_node(p, AST_IDENT, sizeof *id, ip);
                    id->name = pt.name;
                    id->h.end = pt.end;
                    NodeVec items = {0};
                    nv_push(p, &items, &id->h);
                    AstNode *fn = finish_arrow(p, at, &items, true, mark,
                                               0, 0, 0);
                    fn->flags |= AST_F_ARROW_END;
                    return fn;
                }
                if (nt.type == T_LPAREN && !no_call) {
                    /* async(...) call or async arrow head */
                    Token at_tok = *t;
                    ps_next(p);
                    uint32_t sy = p->yield_pos, sa = p->await_pos,
                             sai = p->await_ident_pos;
                    uint32_t sc = p->cover_init_pos, scl = p->cover_init_line,
                             scc = p->cover_init_col;
                    p->yield_pos = p->await_pos = p->await_ident_pos = 0;
                    p->cover_init_pos = 0;
                    bool se = p->eval_seen;
                    p->eval_seen = false;
                    size_t mark = p->all_funcs.n;
                    ps_next(p);
                    NodeVec items = {0};
                    bool trailing = false, rest = false;
                    while (!ps_is(p, T_RPAREN)) {
                        if (ps_is(p, T_ELLIPSIS)) {
                            Pos sat = ps_pos(p);
                            ps_next(p);
                            AstUnaryLike *s = ps_node(p, AST_SPREAD,
                                                      sizeof *s, sat);
                            s->arg = px_assign(p, EX_COVER);
                            ps_finish(p, s);
                            nv_push(p, &items, &s->h);
                            rest = true;
                        } else {
                            nv_push(p, &items, px_assign(p, EX_COVER));
                            rest = false;
                        }
                        trailing = false;
                        if (!ps_is(p, T_RPAREN)) {
                            ps_expect(p, T_COMMA, "',' or ')'");
                            trailing = true;
                        }
                    }
                    ps_next(p);
                    uint32_t yp = p->yield_pos, ap = p->await_pos,
                             aip = p->await_ident_pos;
                    if (ps_is(p, T_ARROW) && !p->L.tok.nl_before) {
                        if (rest && trailing)
                            ps_error(p, "rest parameter must be last");
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
                    px_check_cover(p);
                    p->eval_seen = se || p->eval_seen;
                    p->cover_init_pos = sc;
                    p->cover_init_line = scl;
                    p->cover_init_col = scc;
                    p->yield_pos = sy ? sy : yp;
                    p->await_pos = sa ? sa : ap;
                    p->await_ident_pos = sai ? sai : aip;
                    check_ident_ref(p, &at_tok);
                    AstCall *c = ps_node(p, AST_CALL, sizeof *c, at);
                    c->callee = ident_node(p, &at_tok);
                    c->args = nv_list(p, &items);
                    ps_finish(p, c);
                    return &c->h;
                }
                break;
            }
            case KW_LET:
                if (ps_strict(p))
                    ps_error(p, "unexpected strict mode reserved word 'let'");
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
            ps_next(p);
            if (ps_is(p, T_ARROW) && !p->L.tok.nl_before) {
                ps_check_binding_name(p, it.name, &it, it.line, it.col);
                NodeVec items = {0};
                nv_push(p, &items, ident_node(p, &it));
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
        return &px_string_node(p)->h;
    case T_TEMPLATE:
        return parse_template(p, false);
    case T_SLASH:
    case T_SLASH_ASSIGN: {
        lex_regexp(&p->L);
        AstRegExp *r = ps_node(p, AST_REGEXP, sizeof *r, at);
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
                ps_error(p, "invalid regular expression flags");
            seen |= 1u << (q - fl);
        }
        if ((seen & (1u << 5)) && (seen & (1u << 6)))
            ps_error(p, "invalid regular expression flags");
        if (p->opts->regexp_check) {
            const char *msg = p->opts->regexp_check(
                p->opts->regexp_opaque, t->str, t->slen, t->flags, t->nflags);
            if (msg)
                ps_error(p, "%s", msg);
        }
        ps_next(p);
        ps_finish(p, r);
        return &r->h;
    }
    case T_LPAREN:
        return parse_paren(p);
    case T_LBRACK:
        return parse_array_literal(p);
    case T_LBRACE:
        return parse_object_literal(p);
    case T_EOF:
        ps_error(p, "unexpected end of input");
    default:
        break;
    }
    ps_error(p, "unexpected token");
}

/* ---------------------------------------------------------------------
 * Member / call / new / optional chains
 * --------------------------------------------------------------------- */

static AstList parse_arguments(Parser *p)
{
    ps_expect(p, T_LPAREN, "'('");
    NodeVec v = {0};
    while (!ps_is(p, T_RPAREN)) {
        if (ps_is(p, T_ELLIPSIS)) {
            Pos at = ps_pos(p);
            ps_next(p);
            AstUnaryLike *s = ps_node(p, AST_SPREAD, sizeof *s, at);
            s->arg = px_assign(p, 0);
            ps_finish(p, s);
            nv_push(p, &v, &s->h);
        } else {
            nv_push(p, &v, px_assign(p, 0));
        }
        if (!ps_is(p, T_RPAREN))
            ps_expect(p, T_COMMA, "',' or ')'");
    }
    ps_next(p);
    return nv_list(p, &v);
}

static AstNode *member_name(Parser *p, AstNode *obj, Pos at, bool optional)
{
    Token *t = &p->L.tok;
    AstMember *m = ps_node(p, AST_MEMBER, sizeof *m, at);
    m->object = obj;
    m->optional = optional;
    if (t->type == T_IDENT) {
        AstIdent *id = ps_node(p, AST_IDENT, sizeof *id, ps_pos(p));
        id->name = t->name;
        ps_next(p);
        ps_finish(p, id);
        m->property = &id->h;
    } else if (t->type == T_PRIVATE) {
        if (obj->kind == AST_SUPER)
            ps_error(p, "unexpected private name after super");
        AstIdent *id = ps_node(p, AST_PRIVATE_NAME, sizeof *id, ps_pos(p));
        id->name = t->name;
        ps_note_private_ref(p, t->name, t->line, t->col);
        ps_next(p);
        ps_finish(p, id);
        m->property = &id->h;
    } else {
        ps_error(p, "expected property name");
    }
    ps_finish(p, m);
    return &m->h;
}

static AstNode *parse_super(Parser *p, bool in_new)
{
    Pos at = ps_pos(p);
    Token st = p->L.tok;
    ps_next(p);
    AstNode *s = ps_node(p, AST_SUPER, sizeof(AstNode), at);
    s->end = st.end;
    if (ps_is(p, T_LPAREN) && !in_new) {
        ps_check_super(p, true, st.line, st.col);
        ps_mark_uses(p, AST_FN_USES_SUPER_CALL | AST_FN_USES_THIS);
        AstCall *c = ps_node(p, AST_CALL, sizeof *c, at);
        c->callee = s;
        c->args = parse_arguments(p);
        ps_finish(p, c);
        return &c->h;
    }
    if (ps_is(p, T_DOT) || ps_is(p, T_LBRACK)) {
        ps_check_super(p, false, st.line, st.col);
        ps_mark_uses(p, AST_FN_USES_SUPER_PROP | AST_FN_USES_THIS);
        if (ps_eat(p, T_DOT))
            return member_name(p, s, at, false);
        ps_next(p);
        AstMember *m = ps_node(p, AST_MEMBER, sizeof *m, at);
        m->object = s;
        m->computed = true;
        m->property = px_expression(p, 0);
        ps_expect(p, T_RBRACK, "']'");
        ps_finish(p, m);
        return &m->h;
    }
    ps_error_at(p, st.line, st.col, "unexpected 'super'");
}

static AstNode *parse_import_expr(Parser *p, bool in_new)
{
    Pos at = ps_pos(p);
    Token it = p->L.tok;
    if (it.escaped)
        ps_error(p, "keyword must not contain escapes");
    ps_next(p);
    if (ps_is(p, T_DOT)) {
        ps_next(p);
        Token *t = &p->L.tok;
        if (t->type != T_IDENT || t->kw != KW_META || t->escaped)
            ps_error(p, "expected 'meta' after 'import.'");
        if (!p->module)
            ps_error_at(p, it.line, it.col,
                        "import.meta is only valid in module code");
        ps_next(p);
        AstNode *n = ps_node(p, AST_IMPORT_META, sizeof(AstNode), at);
        ps_finish(p, n);
        return n;
    }
    if (in_new || !ps_is(p, T_LPAREN))
        ps_error_at(p, it.line, it.col, "unexpected 'import'");
    ps_next(p);
    AstImportCall *c = ps_node(p, AST_IMPORT_CALL, sizeof *c, at);
    if (ps_is(p, T_RPAREN))
        ps_error(p, "import() requires a specifier");
    c->source = px_assign(p, 0);
    if (ps_eat(p, T_COMMA)) {
        if (!ps_is(p, T_RPAREN)) {
            c->options = px_assign(p, 0);
            ps_eat(p, T_COMMA);
        }
    }
    ps_expect(p, T_RPAREN, "')'");
    ps_finish(p, c);
    return &c->h;
}

static AstNode *parse_new(Parser *p);

/* MemberExpression / CallExpression / OptionalExpression. in_new: parsing
 * the callee of `new` (no calls, no optional chains). */
static AstNode *parse_call_member(Parser *p, bool in_new)
{
    Pos at = ps_pos(p);
    Token *t = &p->L.tok;
    AstNode *e;
    ps_enter(p);
    if (t->type == T_IDENT && !t->escaped && t->kw == KW_NEW)
        e = parse_new(p);
    else if (t->type == T_IDENT && !t->escaped && t->kw == KW_SUPER)
        e = parse_super(p, in_new);
    else if (t->type == T_IDENT && t->kw == KW_IMPORT)
        e = parse_import_expr(p, in_new);
    else if (t->type == T_IDENT && t->escaped && (t->kw == KW_NEW ||
             t->kw == KW_SUPER))
        ps_error(p, "keyword must not contain escapes");
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
            ps_next(p);
            e = member_name(p, e, at, false);
            continue;
        case T_LBRACK: {
            ps_next(p);
            AstMember *m = ps_node(p, AST_MEMBER, sizeof *m, at);
            m->object = e;
            m->computed = true;
            m->property = px_expression(p, 0);
            ps_expect(p, T_RBRACK, "']'");
            ps_finish(p, m);
            e = &m->h;
            continue;
        }
        case T_OPTCHAIN: {
            if (in_new)
                ps_error(p, "invalid optional chain in new expression");
            ps_next(p);
            in_chain = true;
            if (ps_is(p, T_LPAREN)) {
                AstCall *c = ps_node(p, AST_CALL, sizeof *c, at);
                c->callee = e;
                c->optional = true;
                c->args = parse_arguments(p);
                ps_finish(p, c);
                e = &c->h;
            } else if (ps_is(p, T_LBRACK)) {
                ps_next(p);
                AstMember *m = ps_node(p, AST_MEMBER, sizeof *m, at);
                m->object = e;
                m->computed = true;
                m->optional = true;
                m->property = px_expression(p, 0);
                ps_expect(p, T_RBRACK, "']'");
                ps_finish(p, m);
                e = &m->h;
            } else if (ps_is(p, T_TEMPLATE)) {
                ps_error(p, "tagged template in optional chain");
            } else {
                e = member_name(p, e, at, true);
            }
            continue;
        }
        case T_LPAREN: {
            if (in_new)
                break;
            AstCall *c = ps_node(p, AST_CALL, sizeof *c, at);
            c->callee = e;
            if (e->kind == AST_IDENT && !in_chain &&
                ast_name_tag(((AstIdent *)e)->name) == KW_EVAL) {
                c->cflags |= AST_CALL_DIRECT_EVAL;
                p->eval_seen = true;
                uint32_t uses = AST_FN_USES_THIS | AST_FN_USES_NEW_TARGET |
                                AST_FN_USES_ARGUMENTS;
                ps_mark_uses(p, uses);
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
            ps_finish(p, c);
            e = &c->h;
            continue;
        }
        case T_TEMPLATE: {
            if (in_chain)
                ps_error(p, "tagged template in optional chain");
            AstTaggedTemplate *tt = ps_node(p, AST_TAGGED_TEMPLATE,
                                            sizeof *tt, at);
            tt->tag = e;
            tt->quasi = (AstTemplate *)parse_template(p, true);
            ps_finish(p, tt);
            e = &tt->h;
            continue;
        }
        default:
            break;
        }
        break;
    }
    if (in_chain) {
        AstUnaryLike *c = ps_node(p, AST_OPTIONAL_CHAIN, sizeof *c, at);
        c->arg = e;
        ps_finish(p, c);
        e = &c->h;
    }
    ps_leave(p);
    return e;
}

static AstNode *parse_new(Parser *p)
{
    Pos at = ps_pos(p);
    Token nt = p->L.tok;
    ps_next(p);
    if (ps_is(p, T_DOT)) {
        ps_next(p);
        Token *t = &p->L.tok;
        if (t->type != T_IDENT || t->kw != KW_TARGET || t->escaped)
            ps_error(p, "expected 'target' after 'new.'");
        ps_check_new_target(p, &nt);
        ps_mark_uses(p, AST_FN_USES_NEW_TARGET);
        ps_next(p);
        AstNode *n = ps_node(p, AST_NEW_TARGET, sizeof(AstNode), at);
        ps_finish(p, n);
        return n;
    }
    AstNode *callee = parse_call_member(p, true);
    if (callee->flags & AST_F_ARROW_END)
        ps_error_node(p, callee, "invalid arrow function in new expression");
    if (callee->kind == AST_IMPORT_CALL && !(callee->flags & AST_F_PARENS))
        ps_error_node(p, callee, "cannot use new with import()");
    AstCall *c = ps_node(p, AST_NEW, sizeof *c, at);
    c->callee = callee;
    if (ps_is(p, T_LPAREN))
        c->args = parse_arguments(p);
    ps_finish(p, c);
    return &c->h;
}

AstNode *px_lhs(Parser *p)
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
    Pos at = ps_pos(p);
    int op = unary_op(t->type);
    if (!op && t->type == T_IDENT && !t->escaped) {
        if (t->kw == KW_TYPEOF) op = AST_OP_TYPEOF;
        else if (t->kw == KW_VOID) op = AST_OP_VOID;
        else if (t->kw == KW_DELETE) op = AST_OP_DELETE;
    }
    if (op) {
        ps_enter(p);
        ps_next(p);
        AstUnary *u = ps_node(p, AST_UNARY, sizeof *u, at);
        u->op = (uint8_t)op;
        u->arg = parse_unary(p);
        if (op == AST_OP_DELETE) {
            AstNode *a = u->arg;
            if (ps_strict(p) && a->kind == AST_IDENT)
                ps_error_node(p, a, "cannot delete an identifier in strict "
                              "mode");
            if (is_private_member(a))
                ps_error_node(p, a, "cannot delete a private field");
        }
        ps_finish(p, u);
        ps_leave(p);
        return &u->h;
    }
    if (t->type == T_INC || t->type == T_DEC) {
        ps_enter(p);
        int uop = t->type == T_INC ? AST_OP_INC : AST_OP_DEC;
        ps_next(p);
        AstUpdate *u = ps_node(p, AST_UPDATE, sizeof *u, at);
        u->op = (uint8_t)uop;
        u->prefix = true;
        u->arg = parse_unary(p);
        check_simple_target(p, u->arg, true);
        ps_finish(p, u);
        ps_leave(p);
        return &u->h;
    }
    if (t->type == T_IDENT && t->kw == KW_AWAIT &&
        (p->fs->await_kw || (p->module && !p->fs->parent))) {
        if (t->escaped)
            ps_error(p, "keyword must not contain escapes");
        if (p->fs->in_params || p->fs->await_expr_banned)
            ps_error(p, "await expression not allowed here");
        if (!p->await_pos)
            p->await_pos = t->start + 1;
        ps_enter(p);
        ps_next(p);
        AstUnaryLike *a = ps_node(p, AST_AWAIT, sizeof *a, at);
        a->arg = parse_unary(p);
        if (p->fs->fn->fflags & AST_FN_MODULE)
            p->fs->fn->fflags |= AST_FN_HAS_AWAIT;
        ps_finish(p, a);
        ps_leave(p);
        return &a->h;
    }
    AstNode *e = px_lhs(p);
    if (e->flags & AST_F_ARROW_END)
        return e;
    t = &p->L.tok;
    if ((t->type == T_INC || t->type == T_DEC) && !t->nl_before) {
        check_simple_target(p, e, true);
        AstUpdate *u = ps_node(p, AST_UPDATE, sizeof *u, at);
        u->op = t->type == T_INC ? AST_OP_INC : AST_OP_DEC;
        u->prefix = false;
        u->arg = e;
        ps_next(p);
        ps_finish(p, u);
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
    Pos at = ps_pos(p);
    AstNode *left;
    if (min_prec == 12)
        ps_enter(p);    /* only ** recurses without bound */
    if (ps_is(p, T_PRIVATE)) {
        Token nt = ps_peek(p);
        if (min_prec > 8 || nt.type != T_IDENT || nt.kw != KW_IN ||
            nt.escaped || (flags & EX_NO_IN))
            ps_error(p, "unexpected private name");
        AstIdent *id = ps_node(p, AST_PRIVATE_NAME, sizeof *id, at);
        id->name = p->L.tok.name;
        ps_note_private_ref(p, id->name, p->L.tok.line, p->L.tok.col);
        ps_next(p);
        ps_finish(p, id);
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
            ps_error_node(p, left, "unexpected private name");
        if (op == AST_OP_EXP && !(left->flags & AST_F_PARENS) &&
            (left->kind == AST_UNARY || left->kind == AST_AWAIT))
            ps_error(p, "unparenthesized unary expression can't appear on "
                        "the left-hand side of '**'");
        if ((op == AST_OP_NULLISH && left->kind == AST_LOGICAL &&
             !(left->flags & AST_F_PARENS) &&
             ((AstBinary *)left)->op != AST_OP_NULLISH) ||
            ((op == AST_OP_AND || op == AST_OP_OR) &&
             left->kind == AST_LOGICAL && !(left->flags & AST_F_PARENS) &&
             ((AstBinary *)left)->op == AST_OP_NULLISH))
            ps_error(p, "cannot mix '?\?' with '||' or '&&' without "
                        "parentheses");
        ps_next(p);
        AstNode *right;
        if (op == AST_OP_EXP)
            right = parse_binary(p, 12, flags);
        else if (op == AST_OP_NULLISH)
            right = parse_binary(p, 4, flags);
        else
            right = parse_binary(p, prec + 1, flags);
        if (right->flags & AST_F_ARROW_END)
            ps_error_node(p, right, "unexpected arrow function");
        int kind = (op == AST_OP_AND || op == AST_OP_OR ||
                    op == AST_OP_NULLISH) ? AST_LOGICAL : AST_BINARY;
        AstBinary *b = ps_node(p, kind, sizeof *b, at);
        b->op = (uint8_t)op;
        b->left = left;
        b->right = right;
        ps_finish(p, b);
        left = &b->h;
    }
    if (left->kind == AST_PRIVATE_NAME)
        ps_error_node(p, left, "unexpected private name");
    if (min_prec == 12)
        ps_leave(p);
    return left;
}

static AstNode *parse_conditional(Parser *p, int flags)
{
    Pos at = ps_pos(p);
    AstNode *test = parse_binary(p, 1, flags);
    if ((test->flags & AST_F_ARROW_END) || !ps_is(p, T_QUESTION))
        return test;
    ps_next(p);
    AstConditional *c = ps_node(p, AST_CONDITIONAL, sizeof *c, at);
    c->test = test;
    c->cons = px_assign(p, 0);
    ps_expect(p, T_COLON, "':'");
    c->alt = px_assign(p, flags & EX_NO_IN);
    ps_finish(p, c);
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
    Pos at = ps_pos(p);
    if (p->L.tok.escaped)
        ps_error(p, "keyword must not contain escapes");
    if (p->fs->in_params)
        ps_error(p, "yield expression not allowed in formal parameters");
    if (!p->yield_pos)
        p->yield_pos = at.start + 1;
    ps_next(p);
    AstYield *y = ps_node(p, AST_YIELD, sizeof *y, at);
    Token *t = &p->L.tok;
    if (!t->nl_before) {
        if (t->type == T_STAR) {
            ps_next(p);
            y->delegate = true;
            y->arg = px_assign(p, flags & EX_NO_IN);
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
                y->arg = px_assign(p, flags & EX_NO_IN);
        }
    }
    ps_finish(p, y);
    return &y->h;
}

AstNode *px_assign(Parser *p, int flags)
{
    Token *t = &p->L.tok;
    ps_enter(p);
    if (t->type == T_IDENT && t->kw == KW_YIELD && p->fs->yield_kw) {
        /* counted too: `yield yield ...` nests without a bracket */
        AstNode *y = parse_yield(p, flags);
        ps_leave(p);
        return y;
    }
    Pos at = ps_pos(p);
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
            lhs = px_to_pattern(p, lhs, false);
            p->cover_init_pos = 0;
        } else {
            if (p->cover_init_pos)
                px_check_cover(p);
            bool logical = op == AST_OP_AND || op == AST_OP_OR ||
                           op == AST_OP_NULLISH;
            check_simple_target(p, lhs, !logical);
        }
        ps_next(p);
        AstAssign *a = ps_node(p, AST_ASSIGN, sizeof *a, at);
        a->op = (uint8_t)op;
        a->target = lhs;
        a->value = px_assign(p, flags & EX_NO_IN);
        if (lhs->kind == AST_IDENT && !(lhs->flags & AST_F_PARENS) &&
            (op == AST_OP_ASSIGN || op == AST_OP_AND || op == AST_OP_OR ||
             op == AST_OP_NULLISH))
            mark_anon(a->value);
        ps_finish(p, a);
        res = &a->h;
    } else if (p->cover_init_pos) {
        if (!((flags & EX_COVER) && is_literal_pattern_candidate(lhs)))
            px_check_cover(p);
    }
    if (saved) {
        p->cover_init_pos = saved;
        p->cover_init_line = sl;
        p->cover_init_col = scol;
    }
    ps_leave(p);
    return res;
}

AstNode *px_expression(Parser *p, int flags)
{
    Pos at = ps_pos(p);
    AstNode *e = px_assign(p, flags);
    if (!ps_is(p, T_COMMA))
        return e;
    NodeVec v = {0};
    nv_push(p, &v, e);
    while (ps_eat(p, T_COMMA))
        nv_push(p, &v, px_assign(p, flags));
    AstSequence *s = ps_node(p, AST_SEQUENCE, sizeof *s, at);
    s->exprs = nv_list(p, &v);
    ps_finish(p, s);
    return &s->h;
}
