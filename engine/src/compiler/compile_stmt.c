/* Compiler: statements and control flow. Loops, labels, break/continue
 * and return are routed through finally blocks and iterator closes with
 * the jump-target stack; try/catch/finally use the handler table and a
 * (kind, value) register pair to resume the completion after finally.
 * Completion values of scripts and eval code go to fs->completion_reg. */
#include <stdlib.h>
#include <string.h>
#include "compile_int.h"

static void set_completion_undef(FuncState *fs)
{
    if (fs->completion_reg >= 0)
        js_emit_r(fs, OP_load_undef, fs->completion_reg);
}

JumpTarget *js_jt_push(FuncState *fs, JumpTarget *jt, int kind, const AstName **labels, uint32_t nlabels)
{
    memset(jt, 0, sizeof *jt);
    jt->kind = kind;
    jt->labels = labels;
    jt->nlabels = nlabels;
    jt->prev = fs->jt;
    jt->scope = fs->scope;
    jt->iter_reg = -1;
    fs->jt = jt;
    return jt;
}

void js_jt_pop(FuncState *fs)
{
    fs->jt = fs->jt->prev;
}

static bool jt_has_label(JumpTarget *jt, const AstName *l)
{
    for (uint32_t i = 0; i < jt->nlabels; i++)
        if (jt->labels[i] == l)
            return true;
    return false;
}

/* Emits the jumps of an abrupt completion (0 break, 1 continue, 2 return
 * of value register val) from the current position to target (NULL for
 * return), closing iterators and running finally blocks on the way. */
void js_emit_exit(FuncState *fs, int kind, JumpTarget *target, int val)
{
    for (JumpTarget *j = fs->jt; j != target; j = j->prev) {
        if (!j)
            break;
        if (j->kind == JT_ITER) {
            js_emit_r(fs, OP_iter_close, j->iter_reg);
        } else if (j->kind == JT_FINALLY) {
            /* route through the finally block */
            if (j->nexits == j->exits_cap) {
                uint32_t nc = j->exits_cap ? j->exits_cap * 2 : 4;
                FinallyExit *ne = realloc(j->exits, nc * sizeof *ne);
                if (!ne)
                    return;
                j->exits = ne;
                j->exits_cap = nc;
            }
            uint32_t code = 2 + j->nexits;
            j->exits[j->nexits].kind = kind;
            j->exits[j->nexits].target = target;
            j->nexits++;
            if (kind == 2)
                js_emit_rr(fs, OP_mov, j->val_reg, val);
            js_emit_op(fs, OP_load_int);
            js_emit_u16(fs, j->kind_reg);
            js_emit_u32(fs, code);
            js_pl_add(fs, &j->to_finally, js_emit_jmp(fs));
            return;
        }
    }
    if (kind == 2) {
        AstFunction *f = fs->ast;
        if (f && (f->fflags & AST_FN_DERIVED) && !fs->is_arrow && !fs->is_top) {
            int t = js_alloc_reg(fs);
            /* this may be uninitialized: read it raw, return_ctor checks */
            CBinding *tb = fs->this_binding;
            if (tb) {
                if (tb->boxed) js_emit_rr(fs, OP_box_get, t, tb->reg);
                else js_emit_rr(fs, OP_mov, t, tb->reg);
            } else {
                js_emit_r(fs, OP_load_this, t);
            }
            js_emit_rr(fs, OP_return_ctor, val, t);
            js_free_to(fs, t);
        } else {
            js_emit_r(fs, OP_return, val);
        }
        return;
    }
    if (!target)
        return;
    if (kind == 0 && target->kind == JT_ITER)
        js_emit_r(fs, OP_iter_close, target->iter_reg);
    js_pl_add(fs, kind == 0 ? &target->breaks : &target->continues, js_emit_jmp(fs));
}

void js_emit_return(FuncState *fs, int reg, AstNode *pos)
{
    js_set_pos(fs, pos);
    js_emit_exit(fs, 2, NULL, reg);
}

/* ------------------------------------------------------------------ */

static void compile_var_decl(FuncState *fs, AstVarDecl *vd)
{
    for (uint32_t i = 0; i < vd->decls.count; i++) {
        AstDeclarator *d = (AstDeclarator *)vd->decls.items[i];
        js_set_pos(fs, &d->h);
        if (!d->init) {
            if (vd->kind == AST_VAR)
                continue;
            int t = js_alloc_reg(fs);
            js_emit_r(fs, OP_load_undef, t);
            js_emit_assign_to(fs, d->target, t, true, vd->kind);
            js_free_to(fs, t);
            continue;
        }
        if (vd->kind == AST_VAR && d->target->kind == AST_IDENT) {
            /* inside `with` or beside a sloppy eval the binding is resolved
               before the initializer runs (it may delete it) */
            const AstName *name = ((AstIdent *)d->target)->name;
            int envreg = js_emit_ref_resolve(fs, name);
            if (envreg >= 0) {
                int t = js_alloc_reg(fs);
                js_expr_named(fs, d->init, t, js_name_atom(fs, name));
                js_emit_ref_store(fs, name, envreg, t, d->target);
                js_free_to(fs, envreg);
                continue;
            }
        }
        if (js_expr_into_local(fs, d->target, d->init, true) >= 0)
            continue;
        int t = js_alloc_reg(fs);
        JSAtom nm = d->target->kind == AST_IDENT ? js_name_atom(fs, ((AstIdent *)d->target)->name) : JS_ATOM_NULL;
        js_expr_named(fs, d->init, t, nm);
        js_emit_assign_to(fs, d->target, t, vd->kind != AST_VAR, vd->kind);
        js_free_to(fs, t);
    }
}

/* Loop bodies: labels collected by the labelled statements around. */
#define pending_labels (fs->pending_labels)
#define npending_labels (fs->npending_labels)

static void take_labels_fs(FuncState *fs, const AstName ***labels, uint32_t *n)
{
    *labels = pending_labels;
    *n = npending_labels;
    pending_labels = NULL;
    npending_labels = 0;
}
#define take_labels(l, n) take_labels_fs(fs, l, n)

/* Copies the boxes of the boxed bindings of scope s (per-iteration
 * environments of for(let ...)). */
static void copy_iteration_boxes(FuncState *fs, CScope *s)
{
    if (!s)
        return;
    for (uint32_t i = 0; i < s->nvars; i++)
        if (s->vars[i]->boxed)
            js_emit_r(fs, OP_box_copy, s->vars[i]->reg);
}

static void compile_for(FuncState *fs, AstFor *f)
{
    const AstName **labels;
    uint32_t nl;
    take_labels(&labels, &nl);
    int save = fs->cur_reg;
    set_completion_undef(fs);
    CScope *sc = NULL;
    bool scoped = f->scope.count > 0;
    if (scoped)
        js_enter_block_scope(fs, &f->scope, &sc);
    /* for (using ...; ;): one resource scope around the whole loop */
    UsingScope us;
    int using_kind = f->init && f->init->kind == AST_VAR_DECL ? ((AstVarDecl *)f->init)->kind : AST_VAR;
    if (using_kind >= AST_USING) {
        js_using_begin(fs, &us, using_kind == AST_AWAIT_USING);
        js_using_decl(fs, (AstVarDecl *)f->init);
    } else if (f->init) {
        if (f->init->kind == AST_VAR_DECL)
            compile_var_decl(fs, (AstVarDecl *)f->init);
        else
            js_expr_discard(fs, f->init);
    }
    if (scoped)
        copy_iteration_boxes(fs, sc);
    JumpTarget jt;
    js_jt_push(fs, &jt, JT_LOOP, labels, nl);
    uint32_t top = fs->len;
    uint32_t jexit = 0;
    bool has_exit = false;
    if (f->test) {
        int s2 = fs->cur_reg;
        int t = js_expr_any(fs, f->test);
        jexit = js_emit_jcond(fs, OP_jfalse, t);
        has_exit = true;
        js_free_to(fs, s2);
    }
    js_stmt(fs, f->body);
    js_pl_patch_here(fs, &jt.continues);
    if (scoped)
        copy_iteration_boxes(fs, sc);
    if (f->update)
        js_expr_discard(fs, f->update);
    js_emit_jmp_to(fs, top);
    if (has_exit)
        js_patch_here(fs, jexit);
    js_pl_patch_here(fs, &jt.breaks);
    js_jt_pop(fs);
    if (using_kind >= AST_USING)
        js_using_end(fs, &us);
    if (scoped)
        js_scope_pop(fs);
    js_free_to(fs, save);
}

static void compile_while(FuncState *fs, AstWhile *w)
{
    const AstName **labels;
    uint32_t nl;
    take_labels(&labels, &nl);
    set_completion_undef(fs);
    JumpTarget jt;
    js_jt_push(fs, &jt, JT_LOOP, labels, nl);
    if (w->h.kind == AST_WHILE) {
        uint32_t top = fs->len;
        int s2 = fs->cur_reg;
        int t = js_expr_any(fs, w->test);
        uint32_t jexit = js_emit_jcond(fs, OP_jfalse, t);
        js_free_to(fs, s2);
        js_stmt(fs, w->body);
        js_pl_patch_to(fs, &jt.continues, top);
        js_emit_jmp_to(fs, top);
        js_patch_here(fs, jexit);
    } else {
        uint32_t top = fs->len;
        js_stmt(fs, w->body);
        js_pl_patch_here(fs, &jt.continues);
        int s2 = fs->cur_reg;
        int t = js_expr_any(fs, w->test);
        /* exit forward, loop with a backward jmp (the interrupt check) */
        uint32_t jx = js_emit_jcond(fs, OP_jfalse, t);
        js_emit_jmp_to(fs, top);
        js_patch_here(fs, jx);
        js_free_to(fs, s2);
    }
    js_pl_patch_here(fs, &jt.breaks);
    js_jt_pop(fs);
}

/* Assigns the per-iteration value v to the head of a for-in/of. */
static void assign_for_head(FuncState *fs, AstNode *left, int v)
{
    if (left->kind == AST_VAR_DECL) {
        AstVarDecl *vd = (AstVarDecl *)left;
        AstDeclarator *d = (AstDeclarator *)vd->decls.items[0];
        js_emit_assign_to(fs, d->target, v, vd->kind != AST_VAR, vd->kind);
    } else {
        js_emit_assign_to(fs, left, v, false, -1);
    }
}

static void compile_for_in_of(FuncState *fs, AstForInOf *f)
{
    const AstName **labels;
    uint32_t nl;
    take_labels(&labels, &nl);
    bool is_of = f->h.kind == AST_FOR_OF;
    int save = fs->cur_reg;
    set_completion_undef(fs);
    /* Annex B: for (var x = init in o) */
    if (!is_of && f->left->kind == AST_VAR_DECL) {
        AstDeclarator *d = (AstDeclarator *)((AstVarDecl *)f->left)->decls.items[0];
        if (d->init) {
            int t = js_alloc_reg(fs);
            JSAtom nm = d->target->kind == AST_IDENT ? js_name_atom(fs, ((AstIdent *)d->target)->name) : JS_ATOM_NULL;
            js_expr_named(fs, d->init, t, nm);
            js_emit_assign_to(fs, d->target, t, false, AST_VAR);
            js_free_to(fs, t);
        }
    }
    /* the head expression sees the TDZ bindings of the head */
    int it = js_alloc_regs(fs, 2);
    {
        CScope *tdz = NULL;
        if (f->scope.count)
            js_enter_block_scope(fs, &f->scope, &tdz);
        int o = js_alloc_reg(fs);
        js_expr(fs, f->right, o);
        js_set_pos(fs, &f->h);
        if (is_of)
            js_emit_rr(fs, f->is_await ? OP_get_async_iterator : OP_get_iterator, it, o);
        else
            js_emit_rr(fs, OP_for_in_start, it, o);
        if (f->scope.count)
            js_scope_pop(fs);
        js_free_to(fs, it + 2);
    }
    JumpTarget jt;
    js_jt_push(fs, &jt, is_of ? JT_ITER : JT_LOOP, labels, nl);
    jt.iter_reg = it;
    uint32_t top = fs->len;
    int v = js_alloc_reg(fs);
    uint32_t jexit;
    if (f->is_await) {
        /* r = await next(); if (r.done) exit; v = r.value */
        int base = js_alloc_regs(fs, 2);
        int pair = js_alloc_regs(fs, 2);
        js_emit_rr(fs, OP_mov, base, it + 1);
        js_emit_rr(fs, OP_mov, base + 1, it);
        js_emit_op(fs, OP_call);
        js_emit_u16(fs, v); js_emit_u16(fs, base); js_emit_u16(fs, 0);
        js_emit_await(fs, pair, v);
        js_emit_r(fs, OP_check_object, pair);
        js_emit_op(fs, OP_get_field);
        js_emit_u16(fs, v); js_emit_u16(fs, pair); js_emit_u32(fs, JS_ATOM_done); js_emit_u32(fs, js_new_ic(fs));
        jexit = js_emit_jcond(fs, OP_jtrue, v);
        js_emit_op(fs, OP_get_field);
        js_emit_u16(fs, v); js_emit_u16(fs, pair); js_emit_u32(fs, JS_ATOM_value); js_emit_u32(fs, js_new_ic(fs));
        js_free_to(fs, base);
    } else {
        if (is_of)
            js_emit_op(fs, OP_iter_next);
        else
            js_emit_op(fs, OP_for_in_next);
        js_emit_u16(fs, v);
        js_emit_u16(fs, it);
        jexit = js_emit_jump(fs, 0);
    }
    uint32_t body_start = fs->len;
    CScope *sc = NULL;
    if (f->scope.count)
        js_enter_block_scope(fs, &f->scope, &sc);
    /* for (using x of ...): a resource scope per iteration, disposed
       before the iterator is closed */
    int using_kind = f->left->kind == AST_VAR_DECL ? ((AstVarDecl *)f->left)->kind : AST_VAR;
    UsingScope us;
    if (using_kind >= AST_USING) {
        js_using_begin(fs, &us, using_kind == AST_AWAIT_USING);
        js_using_for_head(fs, (AstVarDecl *)f->left, v);
    } else {
        assign_for_head(fs, f->left, v);
    }
    js_stmt(fs, f->body);
    if (using_kind >= AST_USING)
        js_using_end(fs, &us);
    if (f->scope.count)
        js_scope_pop(fs);
    uint32_t body_end = fs->len;
    js_pl_patch_to(fs, &jt.continues, top);
    js_emit_jmp_to(fs, top);
    if (is_of && body_end > body_start) {
        /* an exception in the body closes the iterator */
        uint32_t handler = fs->len;
        int ex = js_alloc_reg(fs);
        js_emit_r(fs, OP_get_exception, ex);
        js_emit_r(fs, OP_iter_close_throw, it);
        js_emit_r(fs, OP_throw, ex);
        js_add_handler(fs, body_start, body_end, handler);
    }
    js_patch_here(fs, jexit);
    js_pl_patch_here(fs, &jt.breaks);
    js_jt_pop(fs);
    js_free_to(fs, save);
}

static void compile_switch(FuncState *fs, AstSwitch *sw)
{
    const AstName **labels;
    uint32_t nl;
    take_labels(&labels, &nl);
    int save = fs->cur_reg;
    int d = js_alloc_reg(fs);
    js_expr(fs, sw->disc, d);
    set_completion_undef(fs);
    bool scoped = sw->scope.count > 0;
    if (scoped) {
        js_enter_block_scope(fs, &sw->scope, NULL);
        js_instantiate_block_functions(fs, &sw->scope);
    }
    JumpTarget jt;
    js_jt_push(fs, &jt, JT_BREAKABLE, labels, nl);
    uint32_t *case_jumps = calloc(sw->cases.count + 1, sizeof(uint32_t));
    int default_idx = -1;
    for (uint32_t i = 0; i < sw->cases.count; i++) {
        AstCase *c = (AstCase *)sw->cases.items[i];
        if (!c->test) {
            default_idx = (int)i;
            continue;
        }
        int s2 = fs->cur_reg;
        int t = js_expr_any(fs, c->test);
        js_emit_rr(fs, OP_jstrict_eq, d, t);
        if (case_jumps)
            case_jumps[i] = js_emit_jump(fs, 0);
        js_free_to(fs, s2);
    }
    uint32_t jdefault = js_emit_jmp(fs);
    for (uint32_t i = 0; i < sw->cases.count; i++) {
        AstCase *c = (AstCase *)sw->cases.items[i];
        if ((int)i == default_idx)
            js_patch_here(fs, jdefault);
        else if (case_jumps)
            js_patch_here(fs, case_jumps[i]);
        js_stmt_list(fs, &c->body);
    }
    if (default_idx < 0)
        js_patch_here(fs, jdefault);
    free(case_jumps);
    js_pl_patch_here(fs, &jt.breaks);
    js_jt_pop(fs);
    if (scoped)
        js_scope_pop(fs);
    js_free_to(fs, save);
}

static void compile_try(FuncState *fs, AstTry *t)
{
    int save = fs->cur_reg;
    set_completion_undef(fs);
    JumpTarget jt;
    bool has_finally = t->finalizer != NULL;
    if (has_finally) {
        js_jt_push(fs, &jt, JT_FINALLY, NULL, 0);
        jt.kind_reg = js_alloc_reg(fs);
        jt.val_reg = js_alloc_reg(fs);
        /* set only by a throw or a return: undefined on the other paths,
           so that the rethrow after the finally block never reads a
           stale register (the verifier asks for an ordinary value) */
        js_emit_r(fs, OP_load_undef, jt.val_reg);
    }
    uint32_t try_start = fs->len;
    js_stmt(fs, &t->block->h);
    uint32_t try_end = fs->len;
    uint32_t jafter = 0;
    bool has_jafter = false;
    if (t->handler) {
        jafter = js_emit_jmp(fs);
        has_jafter = true;
        uint32_t handler = fs->len;
        if (try_end > try_start)
            js_add_handler(fs, try_start, try_end, handler);
        int s2 = fs->cur_reg;
        set_completion_undef(fs);
        if (t->param) {
            js_enter_block_scope(fs, &t->catch_scope, NULL);
            int e = js_alloc_reg(fs);
            js_emit_r(fs, OP_get_exception, e);
            js_emit_assign_to(fs, t->param, e, true, AST_LET);
            js_stmt(fs, &t->handler->h);
            js_scope_pop(fs);
        } else {
            js_stmt(fs, &t->handler->h);
        }
        js_free_to(fs, s2);
    }
    if (!has_finally) {
        if (has_jafter)
            js_patch_here(fs, jafter);
        js_free_to(fs, save);
        return;
    }
    uint32_t region_end = fs->len;
    if (has_jafter)
        js_patch_here(fs, jafter);
    /* normal completion */
    js_emit_op(fs, OP_load_int);
    js_emit_u16(fs, jt.kind_reg);
    js_emit_u32(fs, 0);
    uint32_t jfin = js_emit_jmp(fs);
    /* throw completion */
    uint32_t handler = fs->len;
    if (region_end > try_start)
        js_add_handler(fs, try_start, region_end, handler);
    js_emit_r(fs, OP_get_exception, jt.val_reg);
    js_emit_op(fs, OP_load_int);
    js_emit_u16(fs, jt.kind_reg);
    js_emit_u32(fs, 1);
    js_patch_here(fs, jfin);
    js_pl_patch_here(fs, &jt.to_finally);
    js_jt_pop(fs);
    /* the finally block */
    int saved_completion = -1;
    if (fs->completion_reg >= 0) {
        saved_completion = js_alloc_reg(fs);
        js_emit_rr(fs, OP_mov, saved_completion, fs->completion_reg);
        /* an abrupt exit from the finally block keeps its own value */
        js_emit_r(fs, OP_load_undef, fs->completion_reg);
    }
    js_stmt(fs, &t->finalizer->h);
    if (saved_completion >= 0)
        js_emit_rr(fs, OP_mov, fs->completion_reg, saved_completion);
    /* dispatch */
    js_emit_op(fs, OP_jint_ne);
    js_emit_u16(fs, jt.kind_reg);
    js_emit_u32(fs, 1);
    uint32_t jn = js_emit_jump(fs, 0);
    js_emit_r(fs, OP_throw, jt.val_reg);
    js_patch_here(fs, jn);
    for (uint32_t i = 0; i < jt.nexits; i++) {
        js_emit_op(fs, OP_jint_ne);
        js_emit_u16(fs, jt.kind_reg);
        js_emit_u32(fs, 2 + i);
        uint32_t jx = js_emit_jump(fs, 0);
        js_emit_exit(fs, jt.exits[i].kind, jt.exits[i].target, jt.val_reg);
        js_patch_here(fs, jx);
    }
    free(jt.exits);
    js_free_to(fs, save);
}

static void compile_with(FuncState *fs, AstWith *w)
{
    int save = fs->cur_reg;
    int o = js_alloc_reg(fs);
    js_expr(fs, w->object, o);
    js_set_pos(fs, &w->h);
    js_emit_r(fs, OP_to_with_object, o);
    set_completion_undef(fs);
    CScope *s = js_scope_push(fs, SC_WITH);
    CBinding *b = js_declare(fs, s, fs->c->n_with, BK_HIDDEN);
    b->boxed = fs->box_all || fs->inner_names.count > 0;
    if (b->boxed)
        js_emit_r(fs, OP_box_new, b->reg);
    js_emit_init_binding(fs, b, o);
    s->dynamic = true;
    s->env_is_with = true;
    s->env_binding = b;
    js_stmt(fs, w->body);
    js_scope_pop(fs);
    js_free_to(fs, save);
}

static void compile_block(FuncState *fs, AstBlock *b)
{
    if (!b->scope.count) {
        js_stmt_list(fs, &b->body);
        return;
    }
    int save = fs->cur_reg;
    js_enter_block_scope(fs, &b->scope, NULL);
    js_instantiate_block_functions(fs, &b->scope);
    js_using_stmt_list(fs, &b->body);
    js_scope_pop(fs);
    js_free_to(fs, save);
}

void js_stmt_list(FuncState *fs, AstList *l)
{
    for (uint32_t i = 0; i < l->count && !fs->c->failed; i++)
        js_stmt(fs, l->items[i]);
}

void js_stmt(FuncState *fs, AstNode *n)
{
    if (compile_too_deep(fs, n))
        return;
    js_set_pos(fs, n);
    switch (n->kind) {
    case AST_EXPR_STMT: {
        AstNode *e = ((AstUnaryLike *)n)->arg;
        if (fs->completion_reg >= 0)
            js_expr(fs, e, fs->completion_reg);
        else
            js_expr_discard(fs, e);
        break;
    }
    case AST_VAR_DECL:
        if (((AstVarDecl *)n)->kind >= AST_USING)
            js_using_decl(fs, (AstVarDecl *)n);
        else
            compile_var_decl(fs, (AstVarDecl *)n);
        break;
    case AST_FUNCTION: {
        AstFunction *f = (AstFunction *)n;
        if ((f->fflags & AST_FN_ANNEXB_HOIST) && f->name) {
            /* copy the block binding to the var binding (Annex B.3.3) */
            int t = js_alloc_reg(fs);
            js_emit_load_name(fs, f->name, t, false);
            CBinding *vb = fs->var_scope ? js_scope_find(fs->var_scope, f->name) : NULL;
            if (vb)
                js_emit_init_binding(fs, vb, t);
            else if (fs->is_global_scope) {
                js_emit_op(fs, OP_put_global);
                js_emit_u32(fs, js_name_atom(fs, f->name));
                js_emit_u16(fs, t);
                js_emit_u32(fs, js_new_ic(fs));
            } else if (fs->sloppy_eval_vars) {
                /* through the caller's var scope */
                CScope *save_scope = fs->scope;
                while (fs->scope && fs->scope->kind != SC_CALLER)
                    fs->scope = fs->scope->parent;
                if (fs->scope)
                    js_emit_store_name(fs, f->name, t, false, n);
                fs->scope = save_scope;
            }
            js_free_to(fs, t);
        }
        break;
    }
    case AST_CLASS: {
        AstClass *cl = (AstClass *)n;
        int t = js_alloc_reg(fs);
        js_compile_class(fs, cl, t, JS_ATOM_NULL);
        if (cl->name)
            js_emit_store_name(fs, cl->name, t, true, n);
        js_free_to(fs, t);
        break;
    }
    case AST_BLOCK:
        compile_block(fs, (AstBlock *)n);
        break;
    case AST_EMPTY:
        break;
    case AST_DEBUGGER:
        js_emit_op(fs, OP_debugger);
        break;
    case AST_IF: {
        AstIf *s = (AstIf *)n;
        int save = fs->cur_reg;
        set_completion_undef(fs);
        int t = js_expr_any(fs, s->test);
        uint32_t j1 = js_emit_jcond(fs, OP_jfalse, t);
        js_free_to(fs, save);
        js_stmt(fs, s->cons);
        if (s->alt) {
            uint32_t j2 = js_emit_jmp(fs);
            js_patch_here(fs, j1);
            js_stmt(fs, s->alt);
            js_patch_here(fs, j2);
        } else {
            js_patch_here(fs, j1);
        }
        break;
    }
    case AST_FOR:
        compile_for(fs, (AstFor *)n);
        break;
    case AST_FOR_IN:
    case AST_FOR_OF:
        compile_for_in_of(fs, (AstForInOf *)n);
        break;
    case AST_WHILE:
    case AST_DO_WHILE:
        compile_while(fs, (AstWhile *)n);
        break;
    case AST_CONTINUE:
    case AST_BREAK: {
        AstJump *j = (AstJump *)n;
        bool is_break = n->kind == AST_BREAK;
        JumpTarget *t = fs->jt;
        for (; t; t = t->prev) {
            if (t->kind == JT_FINALLY || t->kind == (uint8_t)-1)
                continue;
            if (j->label) {
                if (jt_has_label(t, j->label) && (is_break || t->kind == JT_LOOP || t->kind == JT_ITER))
                    break;
            } else if (t->kind == JT_LOOP || t->kind == JT_ITER || (is_break && t->kind == JT_BREAKABLE)) {
                break;
            }
        }
        if (!t) {
            js_cerror(fs, n, "invalid break/continue target");
            break;
        }
        js_emit_exit(fs, is_break ? 0 : 1, t, 0);
        break;
    }
    case AST_RETURN: {
        AstNode *a = ((AstUnaryLike *)n)->arg;
        int t = js_alloc_reg(fs);
        if (a)
            js_expr(fs, a, t);
        else
            js_emit_r(fs, OP_load_undef, t);
        if (a && fs->ast && (fs->ast->fflags & (AST_FN_ASYNC | AST_FN_GENERATOR)) ==
                                (AST_FN_ASYNC | AST_FN_GENERATOR)) {
            /* return in an async generator awaits its operand */
            int pair = js_alloc_regs(fs, 2);
            js_emit_await(fs, pair, t);
            js_emit_rr(fs, OP_mov, t, pair);
        }
        js_emit_return(fs, t, n);
        js_free_to(fs, t);
        break;
    }
    case AST_WITH:
        compile_with(fs, (AstWith *)n);
        break;
    case AST_SWITCH:
        compile_switch(fs, (AstSwitch *)n);
        break;
    case AST_THROW: {
        int save = fs->cur_reg;
        int t = js_expr_any(fs, ((AstUnaryLike *)n)->arg);
        js_set_pos(fs, n);
        js_emit_r(fs, OP_throw, t);
        js_free_to(fs, save);
        break;
    }
    case AST_TRY:
        compile_try(fs, (AstTry *)n);
        break;
    case AST_LABELED: {
        AstLabeled *l = (AstLabeled *)n;
        /* collect the label set */
        const AstName **labels = js_arena_alloc(fs->c->arena, sizeof(AstName *) * (npending_labels + 1));
        if (npending_labels)
            memcpy(labels, pending_labels, npending_labels * sizeof *labels);
        labels[npending_labels] = l->label;
        uint32_t nl = npending_labels + 1;
        AstNode *body = l->body;
        int k = body->kind;
        if (k == AST_FOR || k == AST_FOR_IN || k == AST_FOR_OF || k == AST_WHILE || k == AST_DO_WHILE ||
            k == AST_SWITCH || k == AST_LABELED) {
            pending_labels = labels;
            npending_labels = nl;
            js_stmt(fs, body);
            pending_labels = NULL;
            npending_labels = 0;
        } else {
            pending_labels = NULL;
            npending_labels = 0;
            JumpTarget jt;
            js_jt_push(fs, &jt, JT_LABEL_ONLY, labels, nl);
            js_stmt(fs, body);
            js_pl_patch_here(fs, &jt.breaks);
            js_jt_pop(fs);
        }
        break;
    }
    case AST_IMPORT_DECL:
    case AST_EXPORT_NAMED:
    case AST_EXPORT_DEFAULT:
    case AST_EXPORT_ALL:
        js_module_stmt(fs, n);
        break;
    default:
        js_cerror(fs, n, "unsupported statement");
        break;
    }
}

void js_compile_function_body(FuncState *fs)
{
    AstFunction *f = fs->ast;
    fs->b->ninit = (uint16_t)fs->cur_reg;
    if (f->expr_body) {
        int t = js_alloc_reg(fs);
        if ((f->fflags & AST_FN_FIELD_INIT) && fs->c->field_name)
            js_expr_named(fs, f->expr_body, t, js_fs_atom(fs, fs->c->field_name));
        else
            js_expr(fs, f->expr_body, t);
        js_emit_return(fs, t, f->expr_body);
        js_free_to(fs, t);
        return;
    }
    if ((f->fflags & AST_FN_CLASS_CTOR) && !(f->fflags & AST_FN_DERIVED)) {
        /* base class constructor: instance fields first */
        int t = js_alloc_reg(fs);
        int fn = js_alloc_reg(fs);
        js_emit_r(fs, OP_load_this, t);
        js_emit_r(fs, OP_load_func, fn);
        js_emit_rr(fs, OP_add_brand, t, fn);
        js_free_to(fs, t);
    }
    js_using_stmt_list(fs, &f->body);
    fs->cur_line = f->h.line;
    fs->cur_col = f->h.column;
    if (fs->completion_reg >= 0) {
        js_emit_r(fs, OP_return, fs->completion_reg);
    } else if ((f->fflags & AST_FN_DERIVED) && !fs->is_arrow) {
        int t = js_alloc_reg(fs);
        js_emit_r(fs, OP_load_undef, t);
        js_emit_exit(fs, 2, NULL, t);
        js_free_to(fs, t);
    } else {
        js_emit_op(fs, OP_return_undef);
    }
}
