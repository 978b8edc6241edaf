/* Compiler: class definitions (ClassDefinitionEvaluation): the class
 * scope and its inner name, the heritage, the constructor (explicit or a
 * synthesized default one), methods and accessors (static or not), public
 * fields (instance fields become the constructor's [[Fields]] list run at
 * construction; static fields and static blocks run once, in order). */
#include <stdlib.h>
#include <string.h>
#include "compile_int.h"

/* The default constructor: constructor() {} or, for a derived class,
 * constructor(...args) { super(...args); }, built as an AST. */
static AstFunction *default_ctor(FuncState *fs, AstClass *cl)
{
    Arena *a = fs->c->arena;
    AstFunction *f = js_arena_zalloc(a, sizeof *f);
    if (!f)
        return NULL;
    f->h = cl->h;
    f->h.kind = AST_FUNCTION;
    f->h.flags = 0;
    f->fflags = AST_FN_STRICT | AST_FN_METHOD | AST_FN_CLASS_CTOR;
    f->home_class = cl;
    f->name = NULL;
    if (!cl->heritage) {
        f->fflags |= AST_FN_SIMPLE_PARAMS;
        return f;
    }
    f->fflags |= AST_FN_DERIVED | AST_FN_USES_SUPER_CALL | AST_FN_USES_THIS;
    const AstName *args = js_ast_name_intern(fs->c->prog->names, "%args", 5);
    AstIdent *id1 = js_arena_zalloc(a, sizeof *id1);
    AstIdent *id2 = js_arena_zalloc(a, sizeof *id2);
    AstUnaryLike *rest = js_arena_zalloc(a, sizeof *rest);
    AstUnaryLike *spread = js_arena_zalloc(a, sizeof *spread);
    AstNode *sup = js_arena_zalloc(a, sizeof *sup);
    AstCall *call = js_arena_zalloc(a, sizeof *call);
    AstUnaryLike *es = js_arena_zalloc(a, sizeof *es);
    AstNode **params = js_arena_zalloc(a, sizeof(AstNode *));
    AstNode **cargs = js_arena_zalloc(a, sizeof(AstNode *));
    AstNode **body = js_arena_zalloc(a, sizeof(AstNode *));
    const AstName **pnames = js_arena_zalloc(a, sizeof(AstName *));
    if (!id1 || !id2 || !rest || !spread || !sup || !call || !es || !params || !cargs || !body || !pnames)
        return NULL;
    AstNode base = cl->h;
    base.flags = 0;
    id1->h = base; id1->h.kind = AST_IDENT; id1->name = args;
    id2->h = base; id2->h.kind = AST_IDENT; id2->name = args;
    rest->h = base; rest->h.kind = AST_REST; rest->arg = &id1->h;
    spread->h = base; spread->h.kind = AST_SPREAD; spread->arg = &id2->h;
    *sup = base; sup->kind = AST_SUPER;
    call->h = base; call->h.kind = AST_CALL; call->callee = sup;
    cargs[0] = &spread->h;
    call->args.items = cargs; call->args.count = 1;
    es->h = base; es->h.kind = AST_EXPR_STMT; es->arg = &call->h;
    params[0] = &rest->h;
    f->params.items = params; f->params.count = 1;
    pnames[0] = args;
    f->param_names = pnames; f->nparam_names = 1;
    body[0] = &es->h;
    f->body.items = body; f->body.count = 1;
    return f;
}

void js_compile_class(FuncState *fs, AstClass *cl, int dst, JSAtom name_hint)
{
    int save = fs->cur_reg;
    CScope *cs = NULL;
    js_enter_block_scope(fs, &cl->scope, &cs);
    /* a fresh private name for each #x of the body */
    for (uint32_t i = 0; i < cl->nprivates; i++) {
        CBinding *pb = js_declare(fs, cs, cl->privates[i].name, BK_HIDDEN);
        pb->is_const = true;
        int t = js_alloc_reg(fs);
        js_emit_r(fs, OP_new_private_name, t);
        js_emit_u32(fs, js_name_atom(fs, cl->privates[i].name));
        if (pb->boxed)
            js_emit_r(fs, OP_box_new, pb->reg);
        js_emit_init_binding(fs, pb, t);
        js_free_to(fs, t);
    }
    int heritage = js_alloc_reg(fs);
    if (cl->heritage)
        js_expr(fs, cl->heritage, heritage);
    else
        js_emit_r(fs, OP_load_uninit, heritage);   /* "no heritage" marker */
    AstFunction *ctor = cl->constructor ? cl->constructor : default_ctor(fs, cl);
    if (!ctor) {
        js_cerror(fs, &cl->h, "out of memory");
        return;
    }
    JSAtom cname = cl->name ? js_name_atom(fs, cl->name) : name_hint;
    if (cname == JS_ATOM_NULL)
        cname = JS_ATOM_empty_string;
    /* the constructor's source text is the whole class */
    uint32_t k = js_compile_function_const(fs, ctor, cname);
    if (fs->c->failed)
        return;
    {
        JSFunctionBytecode *cb = (JSFunctionBytecode *)js_get_ptr(fs->b->cpool[k]);
        cb->src_start = cl->h.start;
        cb->src_end = cl->h.end;
        cb->name = js_fs_atom(fs, cname);
        cb->flags |= JS_BC_HAS_NAME | JS_BC_CLASS_CTOR | JS_BC_CONSTRUCTOR;
        cb->flags &= ~JS_BC_HAS_PROTOTYPE;
        if (cl->heritage)
            cb->flags |= JS_BC_DERIVED;
    }
    int F = js_alloc_reg(fs);
    int proto = js_alloc_reg(fs);
    js_emit_op(fs, OP_class_create);
    js_emit_u16(fs, F);
    js_emit_u16(fs, heritage);
    js_emit_u16(fs, proto);
    js_emit_u32(fs, k);

    /* instance elements: [key, fn, kind] triples, kind 0 field (fn is
       the initializer or undefined), 1 private method, 2 private getter,
       3 private setter, 4 static block */
    int fields = -1;
    for (uint32_t i = 0; i < cl->elements.count; i++) {
        AstClassElement *e = (AstClassElement *)cl->elements.items[i];
        bool priv_method = e->kind != AST_ELEM_FIELD && e->kind != AST_ELEM_STATIC_BLOCK &&
                           e->key && e->key->kind == AST_PRIVATE_NAME;
        if ((e->kind == AST_ELEM_FIELD || priv_method) && !e->is_static) {
            fields = js_alloc_reg(fs);
            js_emit_op(fs, OP_new_array);
            js_emit_u16(fs, fields); js_emit_u16(fs, 0); js_emit_u16(fs, 0);
            break;
        }
    }
    /* static fields and blocks are evaluated after the methods: keep
       their keys and initializers in a list */
    int statics = -1;
    for (uint32_t i = 0; i < cl->elements.count; i++) {
        AstClassElement *e = (AstClassElement *)cl->elements.items[i];
        bool priv_method = e->kind != AST_ELEM_FIELD && e->kind != AST_ELEM_STATIC_BLOCK &&
                           e->key && e->key->kind == AST_PRIVATE_NAME;
        if (e->is_static && (e->kind == AST_ELEM_FIELD || e->kind == AST_ELEM_STATIC_BLOCK || priv_method)) {
            statics = js_alloc_reg(fs);
            js_emit_op(fs, OP_new_array);
            js_emit_u16(fs, statics); js_emit_u16(fs, 0); js_emit_u16(fs, 0);
            break;
        }
    }
    /* private methods and accessors first: they are installed before
       the fields are initialized */
    for (uint32_t i = 0; i < cl->elements.count; i++) {
        AstClassElement *e = (AstClassElement *)cl->elements.items[i];
        if (e->kind == AST_ELEM_FIELD || e->kind == AST_ELEM_STATIC_BLOCK ||
            !e->key || e->key->kind != AST_PRIVATE_NAME)
            continue;
        int s2 = fs->cur_reg;
        js_set_pos(fs, &e->h);
        int key = js_alloc_reg(fs);
        js_emit_load_name(fs, ((AstIdent *)e->key)->name, key, false);
        int fn = js_alloc_reg(fs);
        js_emit_closure(fs, e->value, fn, JS_ATOM_NULL);
        js_emit_rr(fs, OP_set_home, fn, e->is_static ? F : proto);
        int pfx = e->kind == AST_ELEM_GETTER ? 1 : e->kind == AST_ELEM_SETTER ? 2 : 0;
        js_emit_rr(fs, OP_set_name_computed, fn, key);
        js_emit_u8(fs, pfx);
        int kind = js_alloc_reg(fs);
        js_emit_op(fs, OP_load_int);
        js_emit_u16(fs, kind);
        js_emit_u32(fs, 1 + pfx);
        int list = e->is_static ? statics : fields;
        js_emit_rr(fs, OP_array_append, list, key);
        js_emit_rr(fs, OP_array_append, list, fn);
        js_emit_rr(fs, OP_array_append, list, kind);
        js_free_to(fs, s2);
    }
    for (uint32_t i = 0; i < cl->elements.count; i++) {
        AstClassElement *e = (AstClassElement *)cl->elements.items[i];
        int s2 = fs->cur_reg;
        js_set_pos(fs, &e->h);
        int target = e->is_static ? F : proto;
        if (e->kind != AST_ELEM_FIELD && e->kind != AST_ELEM_STATIC_BLOCK &&
            e->key && e->key->kind == AST_PRIVATE_NAME)
            continue;
        switch (e->kind) {
        case AST_ELEM_METHOD:
        case AST_ELEM_GETTER:
        case AST_ELEM_SETTER: {
            int key = js_alloc_reg(fs);
            if (e->computed) {
                js_expr(fs, e->key, key);
                js_emit_rr(fs, OP_to_propkey, key, key);
            } else if (e->key->kind == AST_IDENT) {
                const AstName *n = ((AstIdent *)e->key)->name;
                js_emit_load_const(fs, key, js_new_string_utf8(fs->c->ctx, n->str, n->len));
            } else if (e->key->kind == AST_STRING) {
                js_emit_load_string16(fs, key, ((AstString *)e->key)->chars, ((AstString *)e->key)->len);
            } else {
                js_expr(fs, e->key, key);
                js_emit_rr(fs, OP_to_propkey, key, key);
            }
            int fn = js_alloc_reg(fs);
            js_emit_closure(fs, e->value, fn, JS_ATOM_NULL);
            int kind = e->kind == AST_ELEM_GETTER ? 1 : e->kind == AST_ELEM_SETTER ? 2 : 0;
            js_emit_rrr(fs, OP_define_method, target, key, fn);
            js_emit_u8(fs, kind | 8);
            break;
        }
        case AST_ELEM_FIELD: {
            int key = js_alloc_reg(fs);
            if (e->key->kind == AST_PRIVATE_NAME) {
                js_emit_load_name(fs, ((AstIdent *)e->key)->name, key, false);
            } else if (e->computed) {
                js_expr(fs, e->key, key);
                js_emit_rr(fs, OP_to_propkey, key, key);
            } else if (e->key->kind == AST_IDENT) {
                const AstName *n = ((AstIdent *)e->key)->name;
                js_emit_load_const(fs, key, js_new_string_utf8(fs->c->ctx, n->str, n->len));
            } else if (e->key->kind == AST_STRING) {
                js_emit_load_string16(fs, key, ((AstString *)e->key)->chars, ((AstString *)e->key)->len);
            } else {
                js_expr(fs, e->key, key);
                js_emit_rr(fs, OP_to_propkey, key, key);
            }
            int fn = js_alloc_reg(fs);
            if (e->value) {
                JSAtom saved = fs->c->field_name;
                fs->c->field_name = JS_ATOM_NULL;
                if (e->key->kind == AST_PRIVATE_NAME || e->key->kind == AST_IDENT)
                    fs->c->field_name = js_name_atom(fs, ((AstIdent *)e->key)->name);
                else if (!e->computed)
                    fs->c->field_name = js_prop_key_atom(fs, e->key);
                js_emit_closure(fs, e->value, fn, JS_ATOM_NULL);
                fs->c->field_name = saved;
                js_emit_rr(fs, OP_set_home, fn, target);
            } else {
                js_emit_r(fs, OP_load_undef, fn);
            }
            int list = e->is_static ? statics : fields;
            int kind = js_alloc_reg(fs);
            js_emit_op(fs, OP_load_int);
            js_emit_u16(fs, kind);
            js_emit_u32(fs, 0);
            js_emit_rr(fs, OP_array_append, list, key);
            js_emit_rr(fs, OP_array_append, list, fn);
            js_emit_rr(fs, OP_array_append, list, kind);
            break;
        }
        case AST_ELEM_STATIC_BLOCK: {
            int key = js_alloc_reg(fs);
            js_emit_r(fs, OP_load_undef, key);
            int fn = js_alloc_reg(fs);
            js_emit_closure(fs, e->value, fn, JS_ATOM_NULL);
            js_emit_rr(fs, OP_set_home, fn, F);
            int kind = js_alloc_reg(fs);
            js_emit_op(fs, OP_load_int);
            js_emit_u16(fs, kind);
            js_emit_u32(fs, 4);
            js_emit_rr(fs, OP_array_append, statics, key);
            js_emit_rr(fs, OP_array_append, statics, fn);
            js_emit_rr(fs, OP_array_append, statics, kind);
            break;
        }
        }
        js_free_to(fs, s2);
    }
    if (fields >= 0)
        js_emit_rr(fs, OP_set_class_fields, F, fields);
    /* the inner name binding */
    if (cl->name) {
        CBinding *b = js_scope_find(cs, cl->name);
        if (b)
            js_emit_init_binding(fs, b, F);
    }
    if (statics >= 0) {
        int empty = js_alloc_reg(fs);
        js_emit_r(fs, OP_load_undef, empty);
        js_emit_rrr(fs, OP_run_static_init, F, statics, empty);
    }
    js_emit_rr(fs, OP_mov, dst, F);
    js_scope_pop(fs);
    js_free_to(fs, save);
}
