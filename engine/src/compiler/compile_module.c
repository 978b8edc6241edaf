/* Module code in the compiler: the module environment (every top-level
 * binding of a module, imports included, is a closure variable of the
 * module function, slot = capture index), the environment initializer
 * function (cpool[0]: vars to undefined, hoisted functions), the
 * import/export statements and the static module record (module_info.h). */
#include <stdlib.h>
#include <string.h>
#include "compile_int.h"
#include "module_info.h"

static void env_add(Compiler *c, CScope *s, const AstName *name, int kind, bool tdz, bool is_const)
{
    if (js_scope_find(s, name))
        return;
    CBinding *b = js_arena_zalloc(c->arena, sizeof *b);
    if (!b) {
        c->failed = true;
        return;
    }
    b->name = name;
    b->kind = (uint8_t)kind;
    b->tdz = tdz;
    b->is_const = is_const;
    b->boxed = true;
    b->from_capture = true;
    b->reg = (uint16_t)s->nvars;
    b->scope = s;
    if (s->nvars == s->cap) {
        uint32_t nc = s->cap ? s->cap * 2 : 16;
        CBinding **nv = js_arena_alloc(c->arena, nc * sizeof *nv);
        if (!nv) {
            c->failed = true;
            return;
        }
        if (s->nvars)
            memcpy(nv, s->vars, s->nvars * sizeof *nv);
        s->vars = nv;
        s->cap = nc;
    }
    s->vars[s->nvars++] = b;
}

/* The `export default` of the module: *anon_fn is an anonymous function
 * declaration; returns true if the module needs a "*default*" binding. */
static bool find_default(AstFunction *top, AstFunction **anon_fn)
{
    *anon_fn = NULL;
    for (uint32_t i = 0; i < top->body.count; i++) {
        AstNode *n = top->body.items[i];
        if (n->kind != AST_EXPORT_DEFAULT)
            continue;
        AstNode *d = ((AstExportDefault *)n)->decl;
        if (d->kind == AST_FUNCTION && (((AstFunction *)d)->fflags & AST_FN_DECLARATION)) {
            if (!((AstFunction *)d)->name) {
                *anon_fn = (AstFunction *)d;
                return true;
            }
            return false;
        }
        if (d->kind == AST_CLASS && ((AstClass *)d)->is_declaration && ((AstClass *)d)->name)
            return false;
        return true;
    }
    return false;
}

/* Builds the module environment: one SC_CALLER scope owned by the pseudo
 * function env (ast == NULL), each binding boxed, reg = slot. Slot order:
 * var-scoped names (vars, functions), lexical names and imports,
 * "*default*", then the hidden import.meta binding. Allocates in the
 * arena only (never collects); sets c->failed on out of memory. */
void js_module_env_build(Compiler *c, FuncState *env, AstFunction *top)
{
    CScope *s = js_arena_zalloc(c->arena, sizeof *s);
    if (!s) {
        c->failed = true;
        return;
    }
    s->fs = env;
    s->kind = SC_CALLER;
    env->scope = s;
    c->mod_env = env;
    c->n_star_default = js_ast_name_intern(c->prog->names, "*default*", 9);
    c->n_meta = js_ast_name_intern(c->prog->names, "%meta", 5);
    for (uint32_t i = 0; i < top->nvar_decls; i++) {
        AstDecl *d = &top->var_decls[i];
        env_add(c, s, d->name, d->kind == AST_DECL_FUNCTION ? BK_FUNCTION : BK_VAR, false, false);
    }
    for (uint32_t i = 0; i < top->scope.count; i++) {
        AstDecl *d = &top->scope.decls[i];
        switch (d->kind) {
        case AST_DECL_CONST: env_add(c, s, d->name, BK_CONST, true, true); break;
        case AST_DECL_CLASS: env_add(c, s, d->name, BK_CLASS, true, false); break;
        case AST_DECL_IMPORT: env_add(c, s, d->name, BK_CONST, true, true); break;
        case AST_DECL_FUNCTION: case AST_DECL_BLOCK_FUNCTION:
            env_add(c, s, d->name, BK_FUNCTION, false, false); break;
        default: env_add(c, s, d->name, BK_LET, true, false); break;
        }
    }
    AstFunction *anon;
    if (find_default(top, &anon))
        env_add(c, s, c->n_star_default, anon ? BK_FUNCTION : BK_LET, !anon, false);
    env_add(c, s, c->n_meta, BK_HIDDEN, false, false);
}

static void put_slot(FuncState *fs, int slot, int src)
{
    js_emit_op(fs, OP_cap_put);
    js_emit_u16(fs, slot);
    js_emit_u16(fs, src);
}

/* Called first thing when compiling the module function fs: its closure
 * variables become the environment slots in order, and the initializer
 * function is compiled into cpool[0]. May collect (new bytecode cells);
 * on failure sets c->failed with an exception pending. */
void js_module_compile_setup(FuncState *fs)
{
    Compiler *c = fs->c;
    CScope *s = c->mod_env->scope;
    for (uint32_t i = 0; i < s->nvars; i++)
        js_capture_index(fs, s->vars[i]);
    if (c->failed)
        return;
    JSFunctionBytecode *ib = js_bytecode_new(c->ctx);
    if (!ib) {
        c->failed = true;
        return;
    }
    js_add_const(fs, js_mkptr(JS_TAG_CELL, ib));
    FuncState ifs;
    js_compile_fs_init(&ifs, c, c->mod_env, fs->ast);
    ifs.b = ib;
    ib->filename = c->filename;
    ib->source = c->source;
    ib->src_start = fs->ast->h.start;
    ib->src_end = fs->ast->h.end;
    ib->line = 1;
    ib->col = 1;
    ib->flags = JS_BC_STRICT;
    ifs.strict = true;
    ifs.is_top = true;
    for (uint32_t i = 0; i < s->nvars; i++)
        js_capture_index(&ifs, s->vars[i]);
    AstFunction *top = fs->ast;
    int t = js_alloc_reg(&ifs);
    for (uint32_t i = 0; i < top->nvar_decls; i++) {
        AstDecl *d = &top->var_decls[i];
        CBinding *b = js_scope_find(s, d->name);
        if (!b)
            continue;
        if (d->kind == AST_DECL_FUNCTION)
            js_emit_closure(&ifs, (AstFunction *)d->node, t, JS_ATOM_NULL);
        else
            js_emit_r(&ifs, OP_load_undef, t);
        put_slot(&ifs, b->reg, t);
    }
    AstFunction *anon;
    if (find_default(top, &anon) && anon) {
        CBinding *b = js_scope_find(s, c->n_star_default);
        js_emit_closure(&ifs, anon, t, js_cstr_atom(&ifs, "default"));
        put_slot(&ifs, b->reg, t);
    }
    js_emit_op(&ifs, OP_return_undef);
    js_compile_finish_bytecode(&ifs);
    free(ifs.code);
    free(ifs.lines);
}

static CBinding *env_binding(FuncState *fs, const AstName *name)
{
    return js_scope_find(fs->c->mod_env->scope, name);
}

/* Emits an import or export declaration of module code (imports: nothing
 * at run time; exports: their declaration, export default's value). May
 * collect; compile errors set fs->c->failed. */
void js_module_stmt(FuncState *fs, AstNode *n)
{
    switch (n->kind) {
    case AST_IMPORT_DECL:
    case AST_EXPORT_ALL:
        break;
    case AST_EXPORT_NAMED: {
        AstExportNamed *e = (AstExportNamed *)n;
        if (e->decl)
            js_stmt(fs, e->decl);
        break;
    }
    case AST_EXPORT_DEFAULT: {
        AstNode *d = ((AstExportDefault *)n)->decl;
        if (d->kind == AST_FUNCTION && (((AstFunction *)d)->fflags & AST_FN_DECLARATION))
            break;  /* hoisted by the initializer */
        if (d->kind == AST_CLASS && ((AstClass *)d)->is_declaration && ((AstClass *)d)->name) {
            js_stmt(fs, d);
            break;
        }
        int t = js_alloc_reg(fs);
        JSAtom dflt = js_cstr_atom(fs, "default");
        if (d->kind == AST_CLASS && !((AstClass *)d)->name)
            js_compile_class(fs, (AstClass *)d, t, dflt);
        else if (js_is_anon_fn(d))
            js_expr_named(fs, d, t, dflt);
        else
            js_expr(fs, d, t);
        CBinding *b = env_binding(fs, fs->c->n_star_default);
        if (b)
            js_emit_init_binding(fs, b, t);
        js_free_to(fs, t);
        break;
    }
    default:
        break;
    }
}

/* import.meta: the hidden binding's box holds the module record until the
 * first use replaces it with the meta object (OP_import_meta). Emits into
 * fs (no collection); a compile error outside module code. */
void js_compile_import_meta(FuncState *fs, int dst)
{
    Compiler *c = fs->c;
    CBinding *b = c->mod_env ? env_binding(fs, c->n_meta) : NULL;
    if (!b) {
        js_cerror(fs, NULL, "import.meta is only valid in module code");
        return;
    }
    int t = js_alloc_reg(fs);
    js_emit_op(fs, OP_cap_box);
    js_emit_u16(fs, t);
    js_emit_u16(fs, js_capture_index(fs, b));
    js_emit_rr(fs, OP_import_meta, dst, t);
    js_free_to(fs, t);
}

/* ---- the static module record ---- */

typedef struct InfoBuilder {
    FuncState *fs;
    JSModuleInfo *m;
    uint32_t req_cap, imp_cap, exp_cap;
    bool oom;
} InfoBuilder;

static bool ib_grow(InfoBuilder *ib, void **p, uint32_t *cap, uint32_t need, size_t sz)
{
    if (need <= *cap)
        return true;
    uint32_t nc = *cap ? *cap * 2 : 8;
    while (nc < need)
        nc *= 2;
    void *np = realloc(*p, nc * sz);
    if (!np) {
        ib->oom = true;
        return false;
    }
    *p = np;
    *cap = nc;
    return true;
}

static JSAtom string_atom(FuncState *fs, AstString *s)
{
    JSValue v = js_make_string16(fs, s->chars, s->len);
    if (v == JS_EXCEPTION) {
        fs->c->failed = true;
        return JS_ATOM_NULL;
    }
    JSAtom a = js_atom_from_string(fs->c->ctx, v);
    if (a == JS_ATOM_NULL) {
        fs->c->failed = true;
        return a;
    }
    return js_fs_atom(fs, a);
}

static uint32_t request_index(InfoBuilder *ib, AstString *spec, AstList *attrs)
{
    FuncState *fs = ib->fs;
    JSModuleInfo *m = ib->m;
    JSAtom sa = string_atom(fs, spec);
    uint32_t na = attrs ? attrs->count : 0;
    JSModuleAttr tmp[16];
    if (na > 16)
        na = 16;
    for (uint32_t i = 0; i < na; i++) {
        AstImportAttr *a = (AstImportAttr *)attrs->items[i];
        tmp[i].key = string_atom(fs, a->key);
        tmp[i].value = string_atom(fs, a->value);
    }
    for (uint32_t i = 0; i < m->request_count; i++) {
        JSModuleRequest *r = &m->requests[i];
        if (r->specifier != sa || r->attr_count != na)
            continue;
        bool same = true;
        for (uint32_t j = 0; j < na && same; j++) {
            bool found = false;
            for (uint32_t k = 0; k < na; k++)
                if (r->attrs[k].key == tmp[j].key && r->attrs[k].value == tmp[j].value)
                    found = true;
            same = found;
        }
        if (same)
            return i;
    }
    if (!ib_grow(ib, (void **)&m->requests, &ib->req_cap, m->request_count + 1, sizeof(JSModuleRequest)))
        return 0;
    JSModuleRequest *r = &m->requests[m->request_count];
    r->specifier = sa;
    r->attr_count = na;
    r->attrs = NULL;
    if (na) {
        r->attrs = malloc(na * sizeof(JSModuleAttr));
        if (!r->attrs) {
            ib->oom = true;
            return 0;
        }
        memcpy(r->attrs, tmp, na * sizeof(JSModuleAttr));
    }
    return m->request_count++;
}

static JSExportEntry *add_export(InfoBuilder *ib, int kind, const AstName *export_name)
{
    JSModuleInfo *m = ib->m;
    if (!ib_grow(ib, (void **)&m->exports, &ib->exp_cap, m->export_count + 1, sizeof(JSExportEntry)))
        return NULL;
    JSExportEntry *e = &m->exports[m->export_count++];
    memset(e, 0, sizeof *e);
    e->kind = (uint8_t)kind;
    e->export_name = export_name ? js_name_atom(ib->fs, export_name) : JS_ATOM_NULL;
    return e;
}

static void add_local_export(InfoBuilder *ib, const AstName *export_name, const AstName *local)
{
    JSExportEntry *e = add_export(ib, JS_EXPORT_LOCAL, export_name);
    if (!e)
        return;
    e->local_name = js_name_atom(ib->fs, local);
    CBinding *b = env_binding(ib->fs, local);
    e->slot = b ? b->reg : 0;
}

static void export_pattern_names(InfoBuilder *ib, AstNode *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case AST_IDENT: {
        const AstName *nm = ((AstIdent *)n)->name;
        add_local_export(ib, nm, nm);
        break;
    }
    case AST_ARRAY_PATTERN: {
        AstArray *a = (AstArray *)n;
        for (uint32_t i = 0; i < a->elements.count; i++)
            export_pattern_names(ib, a->elements.items[i]);
        break;
    }
    case AST_OBJECT_PATTERN: {
        AstObject *o = (AstObject *)n;
        for (uint32_t i = 0; i < o->props.count; i++) {
            AstNode *p = o->props.items[i];
            if (p->kind == AST_PROPERTY)
                export_pattern_names(ib, ((AstProperty *)p)->value);
            else
                export_pattern_names(ib, p);
        }
        break;
    }
    case AST_ASSIGN_PATTERN:
        export_pattern_names(ib, ((AstAssign *)n)->target);
        break;
    case AST_REST:
        export_pattern_names(ib, ((AstUnaryLike *)n)->arg);
        break;
    default:
        break;
    }
}

/* The import declaration spec that binds local, or NULL. */
static AstModuleSpec *find_import(AstFunction *top, const AstName *local, AstImportDecl **decl)
{
    for (uint32_t i = 0; i < top->body.count; i++) {
        AstNode *n = top->body.items[i];
        if (n->kind != AST_IMPORT_DECL)
            continue;
        AstImportDecl *d = (AstImportDecl *)n;
        for (uint32_t j = 0; j < d->specs.count; j++) {
            AstModuleSpec *s = (AstModuleSpec *)d->specs.items[j];
            if (s->local == local) {
                *decl = d;
                return s;
            }
        }
    }
    return NULL;
}

/* Fills fs->b->module from the module's import and export declarations.
 * May collect (specifier strings and atoms). Returns false (compile
 * failure, exception pending) on out of memory. */
bool js_module_build_info(FuncState *fs)
{
    AstFunction *top = fs->ast;
    JSModuleInfo *m = calloc(1, sizeof *m);
    if (!m) {
        fs->c->failed = true;
        return false;
    }
    fs->b->module = m;
    InfoBuilder ib;
    memset(&ib, 0, sizeof ib);
    ib.fs = fs;
    ib.m = m;
    if (top->fflags & AST_FN_HAS_AWAIT)
        m->flags |= JS_MODULE_HAS_TLA;
    for (uint32_t i = 0; i < top->body.count && !ib.oom; i++) {
        AstNode *n = top->body.items[i];
        switch (n->kind) {
        case AST_IMPORT_DECL: {
            AstImportDecl *d = (AstImportDecl *)n;
            uint32_t r = request_index(&ib, d->source, &d->attrs);
            for (uint32_t j = 0; j < d->specs.count; j++) {
                AstModuleSpec *s = (AstModuleSpec *)d->specs.items[j];
                if (!ib_grow(&ib, (void **)&m->imports, &ib.imp_cap, m->import_count + 1, sizeof(JSImportEntry)))
                    break;
                JSImportEntry *e = &m->imports[m->import_count++];
                e->request = r;
                e->import_name = s->kind == AST_SPEC_NAMESPACE ? JS_ATOM_NULL : js_name_atom(fs, s->imported);
                e->local_name = js_name_atom(fs, s->local);
                CBinding *b = env_binding(fs, s->local);
                e->slot = b ? b->reg : 0;
            }
            break;
        }
        case AST_EXPORT_ALL: {
            AstExportAll *d = (AstExportAll *)n;
            uint32_t r = request_index(&ib, d->source, &d->attrs);
            JSExportEntry *e = add_export(&ib, d->exported ? JS_EXPORT_INDIRECT : JS_EXPORT_STAR, d->exported);
            if (e)
                e->request = r;
            break;
        }
        case AST_EXPORT_NAMED: {
            AstExportNamed *d = (AstExportNamed *)n;
            if (d->decl) {
                AstNode *x = d->decl;
                if (x->kind == AST_VAR_DECL) {
                    AstVarDecl *v = (AstVarDecl *)x;
                    for (uint32_t j = 0; j < v->decls.count; j++)
                        export_pattern_names(&ib, ((AstDeclarator *)v->decls.items[j])->target);
                } else if (x->kind == AST_FUNCTION) {
                    add_local_export(&ib, ((AstFunction *)x)->name, ((AstFunction *)x)->name);
                } else if (x->kind == AST_CLASS) {
                    add_local_export(&ib, ((AstClass *)x)->name, ((AstClass *)x)->name);
                }
                break;
            }
            if (d->source) {
                uint32_t r = request_index(&ib, d->source, &d->attrs);
                for (uint32_t j = 0; j < d->specs.count; j++) {
                    AstModuleSpec *s = (AstModuleSpec *)d->specs.items[j];
                    JSExportEntry *e = add_export(&ib, JS_EXPORT_INDIRECT, s->local);
                    if (!e)
                        break;
                    e->request = r;
                    e->import_name = js_name_atom(fs, s->imported);
                }
                break;
            }
            for (uint32_t j = 0; j < d->specs.count; j++) {
                AstModuleSpec *s = (AstModuleSpec *)d->specs.items[j];
                AstImportDecl *idecl = NULL;
                AstModuleSpec *is = find_import(top, s->imported, &idecl);
                if (is) {
                    /* re-export of an imported binding or namespace: indirect */
                    uint32_t r = request_index(&ib, idecl->source, &idecl->attrs);
                    JSExportEntry *e = add_export(&ib, JS_EXPORT_INDIRECT, s->local);
                    if (!e)
                        break;
                    e->request = r;
                    e->import_name = is->kind == AST_SPEC_NAMESPACE ? JS_ATOM_NULL : js_name_atom(fs, is->imported);
                } else {
                    add_local_export(&ib, s->local, s->imported);
                }
            }
            break;
        }
        case AST_EXPORT_DEFAULT: {
            AstNode *x = ((AstExportDefault *)n)->decl;
            const AstName *dflt = js_ast_name_intern(fs->c->prog->names, "default", 7);
            const AstName *local = fs->c->n_star_default;
            if (x->kind == AST_FUNCTION && (((AstFunction *)x)->fflags & AST_FN_DECLARATION) &&
                ((AstFunction *)x)->name)
                local = ((AstFunction *)x)->name;
            else if (x->kind == AST_CLASS && ((AstClass *)x)->is_declaration && ((AstClass *)x)->name)
                local = ((AstClass *)x)->name;
            add_local_export(&ib, dflt, local);
            break;
        }
        default:
            break;
        }
    }
    if (ib.oom) {
        fs->c->failed = true;
        js_throw_out_of_memory(fs->c->ctx);
        return false;
    }
    return !fs->c->failed;
}
