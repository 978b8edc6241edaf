/* Unit tests of the front end (lexer + parser): a few ASTs checked node by
 * node, scope information, and error messages with their line:column.
 * test262 coverage is tools/parse_check.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../engine/src/compiler/parser.h"

static int passed, failed;

#define CHECK(cond)                                                      \
    do {                                                                 \
        if (cond) {                                                      \
            passed++;                                                    \
        } else {                                                         \
            failed++;                                                    \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);       \
        }                                                                \
    } while (0)

static Arena arena;
static ParseError perr;

static AstProgram *parse_kind(const char *src, int kind)
{
    js_arena_free(&arena);
    ParseOptions o;
    memset(&o, 0, sizeof o);
    o.filename = "test.js";
    o.kind = kind;
    return js_parse_program(&arena, src, strlen(src), &o, &perr);
}

static AstProgram *parse(const char *src)
{
    return parse_kind(src, PARSE_SCRIPT);
}

/* Expects a SyntaxError at line:col whose message contains frag. */
static void expect_error(const char *src, int kind, unsigned line,
                         unsigned col, const char *frag)
{
    AstProgram *p = parse_kind(src, kind);
    if (p) {
        failed++;
        printf("FAIL: expected an error for: %s\n", src);
        return;
    }
    if (perr.line != line || perr.column != col ||
        !strstr(perr.message, frag)) {
        failed++;
        printf("FAIL: %s\n  got %u:%u %s, want %u:%u ..%s..\n", src,
               perr.line, perr.column, perr.message, line, col, frag);
        return;
    }
    passed++;
}

static bool js_name_is(const AstName *n, const char *s)
{
    return n && !strcmp(n->str, s);
}

static const AstDecl *find(const AstDecl *d, uint32_t n, const char *name)
{
    for (uint32_t i = 0; i < n; i++)
        if (js_name_is(d[i].name, name))
            return &d[i];
    return NULL;
}

static void test_expressions(void)
{
    AstProgram *p = parse("x = 1 + 2 * 3;");
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK(p->top->body.count == 1);
    AstUnaryLike *st = (AstUnaryLike *)p->top->body.items[0];
    CHECK(st->h.kind == AST_EXPR_STMT);
    AstAssign *as = (AstAssign *)st->arg;
    CHECK(as->h.kind == AST_ASSIGN && as->op == AST_OP_ASSIGN);
    CHECK(as->target->kind == AST_IDENT);
    AstBinary *add = (AstBinary *)as->value;
    CHECK(add->h.kind == AST_BINARY && add->op == AST_OP_ADD);
    CHECK(add->right->kind == AST_BINARY &&
          ((AstBinary *)add->right)->op == AST_OP_MUL);
    CHECK(add->h.start == 4 && add->h.end == 13);

    /* names are interned: same pointer */
    p = parse("a.b; b.a;");
    CHECK(p != NULL);
    if (p) {
        AstMember *m1 = (AstMember *)((AstUnaryLike *)p->top->body.items[0])->arg;
        AstMember *m2 = (AstMember *)((AstUnaryLike *)p->top->body.items[1])->arg;
        CHECK(((AstIdent *)m1->object)->name ==
              ((AstIdent *)m2->property)->name);
    }

    /* optional chain wrapper */
    p = parse("a?.b.c();");
    CHECK(p != NULL);
    if (p) {
        AstNode *e = ((AstUnaryLike *)p->top->body.items[0])->arg;
        CHECK(e->kind == AST_OPTIONAL_CHAIN);
        AstCall *c = (AstCall *)((AstUnaryLike *)e)->arg;
        CHECK(c->h.kind == AST_CALL && !c->optional);
        AstMember *m = (AstMember *)c->callee;
        CHECK(m->h.kind == AST_MEMBER && !m->optional);
        CHECK(((AstMember *)m->object)->optional);
    }

    /* destructuring assignment via the cover grammar */
    p = parse("[a, {b = 1, ...c}] = d;");
    CHECK(p != NULL);
    if (p) {
        AstAssign *a = (AstAssign *)((AstUnaryLike *)p->top->body.items[0])->arg;
        CHECK(a->target->kind == AST_ARRAY_PATTERN);
        AstArray *arr = (AstArray *)a->target;
        CHECK(arr->elements.count == 2 &&
              arr->elements.items[1]->kind == AST_OBJECT_PATTERN);
        AstObject *o = (AstObject *)arr->elements.items[1];
        CHECK(o->props.count == 2 && o->props.items[1]->kind == AST_REST);
        AstProperty *pr = (AstProperty *)o->props.items[0];
        CHECK(pr->kind == AST_PROP_SHORTHAND &&
              pr->value->kind == AST_ASSIGN_PATTERN);
    }

    /* strings are UTF-16, lone surrogates allowed */
    p = parse("'\\uD800x\\u{1F600}';");
    CHECK(p != NULL);
    if (p) {
        AstString *s = (AstString *)((AstUnaryLike *)p->top->body.items[0])->arg;
        CHECK(s->h.kind == AST_STRING && s->len == 4 && s->chars[0] == 0xD800 &&
              s->chars[1] == 'x' && s->chars[2] == 0xD83D &&
              s->chars[3] == 0xDE00);
    }

    /* tagged template with an invalid escape: cooked absent, raw kept */
    p = parse("tag`\\unicode and \\u{55}`;");
    CHECK(p != NULL);
    if (p) {
        AstTaggedTemplate *t =
            (AstTaggedTemplate *)((AstUnaryLike *)p->top->body.items[0])->arg;
        CHECK(t->h.kind == AST_TAGGED_TEMPLATE);
        CHECK(t->quasi->nparts == 1 && t->quasi->parts[0].cooked == NULL);
        CHECK(t->quasi->parts[0].raw_len == 19);
    }

    /* numbers and bigints */
    p = parse("0x1_0; 1_000.5e1; 0b101n; 017;");
    CHECK(p != NULL);
    if (p) {
        AstNumber *n0 = (AstNumber *)((AstUnaryLike *)p->top->body.items[0])->arg;
        AstNumber *n1 = (AstNumber *)((AstUnaryLike *)p->top->body.items[1])->arg;
        AstBigInt *b = (AstBigInt *)((AstUnaryLike *)p->top->body.items[2])->arg;
        AstNumber *n3 = (AstNumber *)((AstUnaryLike *)p->top->body.items[3])->arg;
        CHECK(n0->value == 16 && n1->value == 10005);
        CHECK(b->h.kind == AST_BIGINT && b->radix == 2 &&
              !strcmp(b->digits, "101"));
        CHECK(n3->value == 15);
    }

    /* regexp */
    p = parse("/[/]a\\//gu;");
    CHECK(p != NULL);
    if (p) {
        AstRegExp *r = (AstRegExp *)((AstUnaryLike *)p->top->body.items[0])->arg;
        CHECK(r->h.kind == AST_REGEXP && r->pattern_len == 6 &&
              !strcmp(r->flags, "gu"));
    }
}

static void test_scopes(void)
{
    AstProgram *p = parse(
        "function f(a, b) { var x; let y; function g() {} "
        "{ function h() {} } return () => this.x + arguments[0]; }");
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK(find(p->top->var_decls, p->top->nvar_decls, "f") != NULL);
    AstFunction *f = (AstFunction *)p->top->body.items[0];
    CHECK(f->h.kind == AST_FUNCTION && js_name_is(f->name, "f"));
    CHECK(f->nparam_names == 2 && f->length == 2);
    CHECK(f->fflags & AST_FN_SIMPLE_PARAMS);
    const AstDecl *d = find(f->var_decls, f->nvar_decls, "x");
    CHECK(d && d->kind == AST_DECL_VAR);
    d = find(f->var_decls, f->nvar_decls, "g");
    CHECK(d && d->kind == AST_DECL_FUNCTION);
    d = find(f->var_decls, f->nvar_decls, "h");
    CHECK(d && d->kind == AST_DECL_ANNEXB);
    d = find(f->scope.decls, f->scope.count, "y");
    CHECK(d && d->kind == AST_DECL_LET);
    CHECK(f->fflags & AST_FN_USES_THIS);
    CHECK(f->fflags & AST_FN_USES_ARGUMENTS);
    CHECK(f->fflags & AST_FN_ARGUMENTS_NEEDED);
    AstUnaryLike *ret = (AstUnaryLike *)f->body.items[f->body.count - 1];
    AstFunction *arrow = (AstFunction *)ret->arg;
    CHECK(arrow->h.kind == AST_ARROW && arrow->parent == f);
    CHECK(arrow->fflags & AST_FN_USES_THIS);

    /* block scopes and for-let */
    p = parse("{ const c = 1; class K {} } for (let i = 0;;) {}");
    CHECK(p != NULL);
    if (p) {
        AstBlock *b = (AstBlock *)p->top->body.items[0];
        CHECK(b->scope.count == 2);
        CHECK(find(b->scope.decls, b->scope.count, "c")->kind ==
              AST_DECL_CONST);
        CHECK(find(b->scope.decls, b->scope.count, "K")->kind ==
              AST_DECL_CLASS);
        AstFor *fo = (AstFor *)p->top->body.items[1];
        CHECK(fo->scope.count == 1 && js_name_is(fo->scope.decls[0].name, "i"));
    }

    /* direct eval marks the enclosing functions */
    p = parse("function o() { function i() { eval('1'); } }");
    CHECK(p != NULL);
    if (p) {
        AstFunction *o = (AstFunction *)p->top->body.items[0];
        AstFunction *i = (AstFunction *)o->body.items[0];
        CHECK(i->fflags & AST_FN_DIRECT_EVAL);
        CHECK(o->fflags & AST_FN_INNER_EVAL);
    }

    /* classes: constructor, fields, privates */
    p = parse("class A extends B { #p = 1; static s; constructor() "
              "{ super(); } get #p2() { return this.#p; } }");
    CHECK(p != NULL);
    if (p) {
        AstClass *c = (AstClass *)p->top->body.items[0];
        CHECK(c->constructor != NULL &&
              (c->constructor->fflags & AST_FN_DERIVED));
        CHECK(c->elements.count == 3 && c->nprivates == 2);
        AstClassElement *e0 = (AstClassElement *)c->elements.items[0];
        CHECK(e0->kind == AST_ELEM_FIELD && e0->value &&
              (e0->value->fflags & AST_FN_FIELD_INIT));
    }

    /* modules */
    p = parse_kind("import d, { a as b } from 'm' with { type: 'json' };"
                   " export { b as 'x' }; export default 1;", PARSE_MODULE);
    CHECK(p != NULL);
    if (p) {
        AstImportDecl *im = (AstImportDecl *)p->top->body.items[0];
        CHECK(im->h.kind == AST_IMPORT_DECL && im->specs.count == 2 &&
              im->attrs.count == 1);
        CHECK(p->top->scope.count == 2);
        CHECK(p->top->fflags & AST_FN_STRICT);
    }
}

static void test_errors(void)
{
    expect_error("var a;\nlet a;", PARSE_SCRIPT, 2, 5, "redeclaration");
    expect_error("x = 1 +;", PARSE_SCRIPT, 1, 8, "unexpected token");
    expect_error("'use strict'; with (a) {}", PARSE_SCRIPT, 1, 15, "with");
    expect_error("a ?? b || c;", PARSE_SCRIPT, 1, 8, "mix");
    expect_error("-a ** 2;", PARSE_SCRIPT, 1, 4, "**");
    expect_error("({a = 1});", PARSE_SCRIPT, 1, 5, "shorthand");
    expect_error("class C { m() { this.#x; } }", PARSE_SCRIPT, 1, 22,
                 "#x");
    expect_error("function f() {\n  break;\n}", PARSE_SCRIPT, 2, 3,
                 "break");
    expect_error("await 1;", PARSE_SCRIPT, 1, 7, "expected ';'");
    expect_error("export { x };", PARSE_MODULE, 1, 10, "not defined");
    expect_error("`\\07`", PARSE_SCRIPT, 1, 1, "octal");
    expect_error("1__0", PARSE_SCRIPT, 1, 2, "separator");
    expect_error("new.target", PARSE_SCRIPT, 1, 1, "new.target");
    expect_error("a?.b = 1;", PARSE_SCRIPT, 1, 1, "assignment");
    /* nesting limit instead of a stack overflow */
    {
        size_t n = 200000;
        char *s = malloc(2 * n + 1);
        memset(s, '[', n);
        memset(s + n, ']', n);
        s[2 * n] = 0;
        AstProgram *p = parse(s);
        CHECK(p == NULL && strstr(perr.message, "nesting"));
        memset(s, '(', n);
        memset(s + n, ')', n);
        p = parse(s);
        CHECK(p == NULL && strstr(perr.message, "nesting"));
        free(s);
    }
}

static void test_options(void)
{
    ParseOptions o;
    memset(&o, 0, sizeof o);
    o.filename = "f.js";
    o.start_line = 10;
    o.start_col = 5;
    const char *src = "a b";
    js_arena_free(&arena);
    CHECK(!js_parse_program(&arena, src, strlen(src), &o, &perr));
    CHECK(perr.line == 10 && perr.column == 7 && !strcmp(perr.file, "f.js"));

    /* direct eval inside a derived constructor */
    memset(&o, 0, sizeof o);
    o.kind = PARSE_EVAL;
    o.eval_flags = PARSE_EVAL_DIRECT | PARSE_EVAL_IN_FUNCTION |
                   PARSE_EVAL_IN_METHOD | PARSE_EVAL_IN_DERIVED_CTOR;
    src = "super(); super.x; new.target;";
    js_arena_free(&arena);
    CHECK(js_parse_program(&arena, src, strlen(src), &o, &perr) != NULL);
    o.eval_flags = PARSE_EVAL_DIRECT;
    js_arena_free(&arena);
    CHECK(!js_parse_program(&arena, src, strlen(src), &o, &perr));
    o.eval_flags = PARSE_EVAL_DIRECT | PARSE_EVAL_IN_FUNCTION |
                   PARSE_EVAL_IN_FIELD_INIT;
    src = "arguments";
    js_arena_free(&arena);
    CHECK(!js_parse_program(&arena, src, strlen(src), &o, &perr));

    /* Function constructor: parameters and body checked on their own */
    memset(&o, 0, sizeof o);
    o.kind = PARSE_FUNCTION_CTOR;
    const char *text = "function anonymous(a, b\n) {\nreturn a + b\n}";
    o.fn_params_start = 19;
    o.fn_params_end = 23;
    o.fn_body_start = 28;
    o.fn_body_end = 40;
    js_arena_free(&arena);
    AstProgram *p = js_parse_program(&arena, text, strlen(text), &o, &perr);
    CHECK(p != NULL);
    if (p) {
        AstFunction *fn =
            (AstFunction *)((AstUnaryLike *)p->top->body.items[0])->arg;
        CHECK(fn->h.kind == AST_FUNCTION && fn->nparam_names == 2);
    }
    text = "function anonymous(/*\n) {\n*/\n}";
    o.fn_params_start = 19;
    o.fn_params_end = 21;
    o.fn_body_start = 26;
    o.fn_body_end = 28;
    js_arena_free(&arena);
    CHECK(!js_parse_program(&arena, text, strlen(text), &o, &perr));
}

int main(void)
{
    js_arena_init(&arena);
    test_expressions();
    test_scopes();
    test_errors();
    test_options();
    js_arena_free(&arena);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
