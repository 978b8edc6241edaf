/* cjs_scan.c: a static scan of JavaScript source text (cjs.h), in the
 * spirit of Node's cjs-module-lexer but written for this project: a
 * tokenizer that skips comments, strings, template literals and regular
 * expressions, then recognises the few statement shapes that define the
 * named exports of a CommonJS module, literal require()/import() calls,
 * and top-level import/export statements. It never runs or parses the
 * code fully, so unusual code may hide an export (docs/modules.md). */
#include <stdlib.h>
#include <string.h>

#include "cjs.h"

enum { TK_EOF, TK_IDENT, TK_STRING, TK_PUNCT, TK_OTHER };

typedef struct Tok {
    int type;
    const char *p;      /* the token's text in the source */
    size_t n;
    char *str;          /* TK_STRING: the value (simple escapes), malloc'ed */
    int depth;          /* brace/paren/bracket depth before the token */
} Tok;

typedef struct Lexer {
    const char *s, *end;
    int depth;
    /* open template literals: the depth at which each `${` opened */
    int tmpl[64];
    int ntmpl;
    int prev_type;
    const char *prev_p;
    size_t prev_n;
    bool oom;
} Lexer;

static bool is_id_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}

static bool is_id_char(unsigned char c)
{
    return is_id_start(c) || (c >= '0' && c <= '9');
}

static bool tok_is(const Tok *t, const char *s)
{
    size_t n = strlen(s);
    return t->n == n && !memcmp(t->p, s, n);
}

/* Whether a "/" after the previous token starts a regular expression
 * (the previous token cannot end an expression). */
static bool regex_allowed(Lexer *lx)
{
    if (lx->prev_type == TK_EOF)
        return true;
    if (lx->prev_type == TK_STRING || lx->prev_type == TK_OTHER)
        return false;
    if (lx->prev_type == TK_PUNCT) {
        char c = lx->prev_p[lx->prev_n - 1];
        /* after ")" "]" "++" "--" a "/" divides; after "}" it is taken
         * as a regular expression (the end of a block more often than
         * of an object literal) */
        return !(c == ')' || c == ']' ||
                 (lx->prev_n == 2 && (!memcmp(lx->prev_p, "++", 2) || !memcmp(lx->prev_p, "--", 2))));
    }
    static const char *const kw[] = { "return", "typeof", "case", "do", "else", "in", "instanceof",
                                      "new", "delete", "void", "throw", "yield", "await", "of", NULL };
    for (int i = 0; kw[i]; i++)
        if (lx->prev_n == strlen(kw[i]) && !memcmp(lx->prev_p, kw[i], lx->prev_n))
            return true;
    return false;
}

/* Skips the rest of a template literal from s (after ` or a closing
 * "}" of a substitution); stops after the closing ` or after "${". */
static const char *skip_template(Lexer *lx, const char *s, bool *opened)
{
    *opened = false;
    while (s < lx->end) {
        if (*s == '\\') {
            s += 2;
        } else if (*s == '`') {
            return s + 1;
        } else if (*s == '$' && s + 1 < lx->end && s[1] == '{') {
            *opened = true;
            return s + 2;
        } else {
            s++;
        }
    }
    return lx->end;
}

/* A string literal's value with the simple escapes decoded (enough for
 * module specifiers and export names). */
static char *string_value(const char *p, size_t n)
{
    char *r = malloc(n + 1), *o = r;
    if (!r)
        return NULL;
    for (size_t i = 1; i + 1 < n; i++) {
        char c = p[i];
        if (c == '\\' && i + 2 < n) {
            c = p[++i];
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
        }
        *o++ = c;
    }
    *o = '\0';
    return r;
}

static void next(Lexer *lx, Tok *t)
{
    const char *s = lx->s;
    free(t->str);
    t->str = NULL;
    for (;;) {
        while (s < lx->end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v'))
            s++;
        if (s + 1 < lx->end && s[0] == '/' && s[1] == '/') {
            while (s < lx->end && *s != '\n')
                s++;
            continue;
        }
        if (s + 1 < lx->end && s[0] == '/' && s[1] == '*') {
            const char *e = s + 2;
            while (e + 1 < lx->end && !(e[0] == '*' && e[1] == '/'))
                e++;
            s = e + 1 < lx->end ? e + 2 : lx->end;
            continue;
        }
        break;
    }
    t->depth = lx->depth;
    t->p = s;
    if (s >= lx->end) {
        t->type = TK_EOF;
        t->n = 0;
        lx->s = s;
        return;
    }
    unsigned char c = (unsigned char)*s;
    const char *e = s + 1;
    if (is_id_start(c) || c == '\\') {
        while (e < lx->end && (is_id_char((unsigned char)*e) || *e == '\\'))
            e++;
        t->type = TK_IDENT;
    } else if (c >= '0' && c <= '9') {
        while (e < lx->end && (is_id_char((unsigned char)*e) || *e == '.'))
            e++;
        t->type = TK_OTHER;
    } else if (c == '"' || c == '\'') {
        while (e < lx->end && *e != (char)c && *e != '\n') {
            if (*e == '\\')
                e++;
            e++;
        }
        if (e < lx->end)
            e++;
        t->type = TK_STRING;
        t->str = string_value(s, (size_t)(e - s));
        if (!t->str)
            lx->oom = true;
    } else if (c == '`') {
        bool opened;
        e = skip_template(lx, s + 1, &opened);
        if (opened && lx->ntmpl < 64)
            lx->tmpl[lx->ntmpl++] = lx->depth++;
        t->type = TK_OTHER;
    } else if (c == '}' && lx->ntmpl > 0 && lx->tmpl[lx->ntmpl - 1] == lx->depth - 1) {
        /* the end of a template substitution: the template goes on */
        lx->ntmpl--;
        lx->depth--;
        bool opened;
        e = skip_template(lx, s + 1, &opened);
        if (opened && lx->ntmpl < 64)
            lx->tmpl[lx->ntmpl++] = lx->depth++;
        t->type = TK_OTHER;
    } else if (c == '/' && regex_allowed(lx)) {
        bool cls = false;
        while (e < lx->end && *e != '\n' && (cls || *e != '/')) {
            if (*e == '\\')
                e++;
            else if (*e == '[')
                cls = true;
            else if (*e == ']')
                cls = false;
            e++;
        }
        if (e < lx->end && *e == '/')
            e++;
        while (e < lx->end && is_id_char((unsigned char)*e))
            e++;
        t->type = TK_OTHER;
    } else {
        if (c == '{' || c == '(' || c == '[')
            lx->depth++;
        else if ((c == '}' || c == ')' || c == ']') && lx->depth > 0)
            lx->depth--;
        if ((c == '.' && e + 1 < lx->end && e[0] == '.' && e[1] == '.') )
            e += 2;
        else if ((c == '=' || c == '!') && e < lx->end && *e == '=')
            e += (e + 1 < lx->end && e[1] == '=') ? 2 : 1;
        else if ((c == '+' || c == '-') && e < lx->end && *e == c)
            e++;
        else if (c == '=' && e < lx->end && *e == '>')
            e++;
        t->type = TK_PUNCT;
    }
    t->n = (size_t)(e - s);
    lx->s = e;
    lx->prev_type = t->type;
    lx->prev_p = t->p;
    lx->prev_n = t->n;
}

/* ---- the statement shapes ---- */

static int push(char ***v, int *n, const char *s)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp((*v)[i], s))
            return 0;
    char **nv = realloc(*v, sizeof(char *) * (size_t)(*n + 1));
    if (!nv)
        return -1;
    *v = nv;
    nv[*n] = strdup(s);
    if (!nv[*n])
        return -1;
    (*n)++;
    return 0;
}

/* The scan keeps a window of the last tokens. */
#define WIN 8

typedef struct Scanner {
    Lexer lx;
    Tok w[WIN];     /* w[0] the newest */
    QJSCjsScan *out;
    bool oom;
} Scanner;

static Tok *at(Scanner *sc, int back)
{
    return &sc->w[back];
}

static void advance(Scanner *sc)
{
    free(sc->w[WIN - 1].str);
    memmove(&sc->w[1], &sc->w[0], sizeof(Tok) * (WIN - 1));
    memset(&sc->w[0], 0, sizeof(Tok));
    next(&sc->lx, &sc->w[0]);
}

static void add(Scanner *sc, char ***v, int *n, const char *s)
{
    if (s && push(v, n, s) < 0)
        sc->oom = true;
}

/* At the "(" of a call: a first argument that is a string literal
 * (`f("m")`, `f("m", ...)`) is added to v; anything else is not. */
static void scan_literal_argument(Scanner *sc, char ***v, int *n)
{
    advance(sc);
    if (at(sc, 0)->type != TK_STRING)
        return;
    char *spec = strdup(at(sc, 0)->str);
    advance(sc);
    if (!spec)
        sc->oom = true;
    else if (tok_is(at(sc, 0), ")") || tok_is(at(sc, 0), ","))
        add(sc, v, n, spec);
    free(spec);
}

/* After `module.exports = {`: as Node's lexer, the keys written `name`,
 * `name: identifier` or `"name": identifier`, and `...require("m")`
 * spreads as re-exports; the scan of the literal stops at anything else
 * (a getter or a computed value would run code), on the token the caller
 * is to look at next. */
static void scan_object_literal(Scanner *sc)
{
    for (;;) {
        advance(sc);
        Tok *t = at(sc, 0);
        if (t->type == TK_PUNCT && tok_is(t, "...")) {
            advance(sc);
            if (!tok_is(at(sc, 0), "require"))
                return;
            advance(sc);
            if (!tok_is(at(sc, 0), "("))
                return;
            advance(sc);
            if (at(sc, 0)->type != TK_STRING)
                return;
            add(sc, &sc->out->reexports, &sc->out->nreexports, at(sc, 0)->str);
            add(sc, &sc->out->requires, &sc->out->nrequires, at(sc, 0)->str);
            advance(sc);
            if (!tok_is(at(sc, 0), ")"))
                return;
            advance(sc);
        } else if (t->type == TK_IDENT || t->type == TK_STRING) {
            char *name = t->type == TK_STRING ? strdup(t->str) : strndup(t->p, t->n);
            if (!name) {
                sc->oom = true;
                return;
            }
            advance(sc);
            const char *value = NULL;
            int value_depth = 0;
            if (tok_is(at(sc, 0), ":")) {
                advance(sc);
                if (at(sc, 0)->type != TK_IDENT) {
                    free(name);
                    return;
                }
                value = at(sc, 0)->p;
                value_depth = at(sc, 0)->depth;
                advance(sc);
            } else if (t->type == TK_STRING) {
                free(name);
                return;
            }
            Tok *u = at(sc, 0);
            if (!(tok_is(u, ",") || tok_is(u, "}"))) {
                if (value) {
                    /* `name: f(...)`: the scan stops at f, which the
                     * caller looks at again (a require("m") call there
                     * is a require) */
                    sc->lx.s = value;
                    sc->lx.depth = value_depth;
                    advance(sc);
                }
                free(name);
                return;
            }
            add(sc, &sc->out->exports, &sc->out->nexports, name);
            free(name);
        } else {
            return;
        }
        if (!tok_is(at(sc, 0), ","))
            return;
    }
}

/* At an `exports` token (w[0]) that is not a property: the forms
 * `exports.x =`, `exports["x"] =`. */
static void scan_exports_member(Scanner *sc)
{
    advance(sc);
    Tok *t = at(sc, 0);
    if (t->type == TK_PUNCT && tok_is(t, ".")) {
        advance(sc);
        if (at(sc, 0)->type != TK_IDENT)
            return;
        char *name = strndup(at(sc, 0)->p, at(sc, 0)->n);
        advance(sc);
        if (name && at(sc, 0)->type == TK_PUNCT && tok_is(at(sc, 0), "="))
            add(sc, &sc->out->exports, &sc->out->nexports, name);
        if (!name)
            sc->oom = true;
        free(name);
    } else if (t->type == TK_PUNCT && tok_is(t, "[")) {
        advance(sc);
        if (at(sc, 0)->type != TK_STRING)
            return;
        char *name = strdup(at(sc, 0)->str);
        advance(sc);
        advance(sc);
        if (name && tok_is(at(sc, 1), "]") && at(sc, 0)->type == TK_PUNCT && tok_is(at(sc, 0), "="))
            add(sc, &sc->out->exports, &sc->out->nexports, name);
        free(name);
    }
}

int qjs_cjs_scan(const char *src, size_t len, QJSCjsScan *out)
{
    memset(out, 0, sizeof *out);
    Scanner sc;
    memset(&sc, 0, sizeof sc);
    sc.lx.s = src;
    sc.lx.end = src + len;
    sc.lx.prev_type = TK_EOF;
    sc.out = out;
    /* a "#!" line */
    if (len > 2 && src[0] == '#' && src[1] == '!')
        while (sc.lx.s < sc.lx.end && *sc.lx.s != '\n')
            sc.lx.s++;
    advance(&sc);
    while (at(&sc, 0)->type != TK_EOF && !sc.oom && !sc.lx.oom) {
        Tok *t = at(&sc, 0), *p = at(&sc, 1);
        bool after_dot = p->type == TK_PUNCT && tok_is(p, ".");
        if (t->type == TK_IDENT && tok_is(t, "Worker")) {
            /* new Worker("m") / new os.Worker("m"): a worker module (qjsc compiles it in) */
            advance(&sc);
            if (tok_is(at(&sc, 0), "("))
                scan_literal_argument(&sc, &out->workers, &out->nworkers);
            continue;
        }
        if (t->type == TK_IDENT && !after_dot) {
            if (tok_is(t, "exports")) {
                scan_exports_member(&sc);
                continue;
            }
            if (tok_is(t, "module")) {
                advance(&sc);
                if (!tok_is(at(&sc, 0), "."))
                    continue;
                advance(&sc);
                if (!tok_is(at(&sc, 0), "exports"))
                    continue;
                advance(&sc);
                Tok *u = at(&sc, 0);
                if (u->type == TK_PUNCT && tok_is(u, "=")) {
                    advance(&sc);
                    Tok *v = at(&sc, 0);
                    if (v->type == TK_PUNCT && tok_is(v, "{")) {
                        scan_object_literal(&sc);
                        continue;       /* where it stopped is looked at again */
                    } else if (v->type == TK_IDENT && tok_is(v, "require")) {
                        advance(&sc);
                        advance(&sc);
                        if (tok_is(at(&sc, 1), "(") && at(&sc, 0)->type == TK_STRING) {
                            add(&sc, &out->reexports, &out->nreexports, at(&sc, 0)->str);
                            add(&sc, &out->requires, &out->nrequires, at(&sc, 0)->str);
                        }
                    }
                    advance(&sc);
                    continue;
                }
                /* module.exports.x = ... / module.exports["x"] = ... */
                if (u->type == TK_PUNCT && (tok_is(u, ".") || tok_is(u, "["))) {
                    sc.lx.s = u->p;     /* re-read from the "." or "[" */
                    sc.lx.depth = u->depth;
                    scan_exports_member(&sc);
                }
                continue;
            }
            if (tok_is(t, "require") || tok_is(t, "__exportStar") || tok_is(t, "__export")) {
                bool star = !tok_is(t, "require");
                advance(&sc);
                if (star) {
                    if (!tok_is(at(&sc, 0), "("))
                        continue;
                    advance(&sc);
                    if (!tok_is(at(&sc, 0), "require"))
                        continue;
                    advance(&sc);
                }
                if (!tok_is(at(&sc, 0), "("))
                    continue;
                advance(&sc);
                if (at(&sc, 0)->type == TK_STRING) {
                    char *spec = strdup(at(&sc, 0)->str);
                    advance(&sc);
                    if (spec && tok_is(at(&sc, 0), ")")) {
                        add(&sc, &out->requires, &out->nrequires, spec);
                        if (star)
                            add(&sc, &out->reexports, &out->nreexports, spec);
                    }
                    free(spec);
                }
                continue;
            }
            if (tok_is(t, "Object")) {
                /* Object.defineProperty(exports, "x", ...) */
                advance(&sc);
                if (!tok_is(at(&sc, 0), "."))
                    continue;
                advance(&sc);
                if (!tok_is(at(&sc, 0), "defineProperty"))
                    continue;
                advance(&sc);
                if (!tok_is(at(&sc, 0), "("))
                    continue;
                advance(&sc);
                if (tok_is(at(&sc, 0), "module")) {
                    advance(&sc);
                    advance(&sc);
                    if (!tok_is(at(&sc, 1), "."))
                        continue;
                }
                if (!tok_is(at(&sc, 0), "exports"))
                    continue;
                advance(&sc);
                if (!tok_is(at(&sc, 0), ","))
                    continue;
                advance(&sc);
                if (at(&sc, 0)->type == TK_STRING)
                    add(&sc, &out->exports, &out->nexports, at(&sc, 0)->str);
                continue;
            }
            if (tok_is(t, "import")) {
                advance(&sc);
                Tok *u = at(&sc, 0);
                if (u->type == TK_PUNCT && tok_is(u, "(")) {
                    scan_literal_argument(&sc, &out->imports, &out->nimports);
                    continue;
                }
                if (u->type == TK_PUNCT && tok_is(u, ".")) {
                    advance(&sc);
                    if (tok_is(at(&sc, 0), "meta"))
                        out->module_syntax = true;
                    continue;
                }
                if (t->depth == 0 && (u->type == TK_IDENT || u->type == TK_STRING ||
                                      (u->type == TK_PUNCT && (tok_is(u, "{") || tok_is(u, "*")))))
                    out->module_syntax = true;
                continue;
            }
            if (tok_is(t, "await") && t->depth == 0) {
                /* top-level await: only an ES module may (Node's
                 * detection of module syntax counts it too) */
                Tok *u = (advance(&sc), at(&sc, 0));
                if (u->type == TK_IDENT || u->type == TK_STRING || u->type == TK_OTHER ||
                    (u->type == TK_PUNCT && (tok_is(u, "(") || tok_is(u, "[") || tok_is(u, "{"))))
                    out->module_syntax = true;
                continue;
            }
            if (tok_is(t, "export") && t->depth == 0) {
                advance(&sc);
                Tok *u = at(&sc, 0);
                if (u->type == TK_IDENT || (u->type == TK_PUNCT && (tok_is(u, "{") || tok_is(u, "*"))))
                    out->module_syntax = true;
                continue;
            }
        }
        advance(&sc);
    }
    for (int i = 0; i < WIN; i++)
        free(sc.w[i].str);
    if (sc.oom || sc.lx.oom) {
        qjs_cjs_scan_free(out);
        return -1;
    }
    return 0;
}

static void free_list(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void qjs_cjs_scan_free(QJSCjsScan *s)
{
    free_list(s->exports, s->nexports);
    free_list(s->reexports, s->nreexports);
    free_list(s->requires, s->nrequires);
    free_list(s->imports, s->nimports);
    free_list(s->workers, s->nworkers);
    memset(s, 0, sizeof *s);
}

bool qjs_cjs_has_module_syntax(const char *src)
{
    QJSCjsScan s;
    if (qjs_cjs_scan(src, strlen(src), &s) < 0)
        return false;
    bool r = s.module_syntax;
    qjs_cjs_scan_free(&s);
    return r;
}
