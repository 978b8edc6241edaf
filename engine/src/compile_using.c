/* Compiler: `using` and `await using` declarations (explicit resource
 * management). A scope that declares resources (a block, a function,
 * static block or module body, a for statement, one iteration of a for-of)
 * is compiled like try/finally: its resources go to a resource scope held
 * in a register, and every exit (normal, break, continue, return, throw)
 * runs DisposeResources on it before it continues. See docs/interpreter.md,
 * "using declarations". */
#include <stdlib.h>
#include "compile_int.h"

int using_list_kind(const AstList *l)
{
    int kind = 0;
    for (uint32_t i = 0; i < l->count; i++) {
        const AstNode *n = l->items[i];
        if (n->kind != AST_VAR_DECL)
            continue;
        int k = ((const AstVarDecl *)n)->kind;
        if (k == AST_AWAIT_USING)
            return 2;
        if (k == AST_USING)
            kind = 1;
    }
    return kind;
}

void using_begin(FuncState *fs, UsingScope *u, bool is_async)
{
    u->is_async = is_async;
    u->stack = alloc_regs(fs, 3);
    /* no resource scope yet: using_add makes one with the first resource */
    emit_r(fs, OP_load_undef, u->stack);
    jt_push(fs, &u->jt, JT_FINALLY, NULL, 0);
    u->jt.kind_reg = u->stack + 1;
    u->jt.val_reg = u->stack + 2;
    u->prev = fs->using_scope;
    fs->using_scope = u;
    u->start = fs->len;
}

void using_end(FuncState *fs, UsingScope *u)
{
    JumpTarget *jt = &u->jt;
    fs->using_scope = u->prev;
    uint32_t end = fs->len;
    /* normal completion */
    emit_op(fs, OP_load_int);
    emit_u16(fs, jt->kind_reg);
    emit_u32(fs, 0);
    uint32_t jfin = emit_jmp(fs);
    /* throw completion */
    uint32_t handler = fs->len;
    if (end > u->start)
        add_handler(fs, u->start, end, handler);
    emit_r(fs, OP_get_exception, jt->val_reg);
    emit_op(fs, OP_load_int);
    emit_u16(fs, jt->kind_reg);
    emit_u32(fs, 1);
    patch_here(fs, jfin);
    /* break / continue / return arrive with kind 2 + exit index */
    pl_patch_here(fs, &jt->to_finally);
    jt_pop(fs);
    /* DisposeResources. dispose_step folds disposal errors into the
     * completion (kind, value); in an async scope it stops at each Await
     * the algorithm performs and is called again with its result. */
    int io = alloc_regs(fs, 2);
    uint32_t top = fs->len;
    emit_op(fs, OP_dispose_step);
    emit_u16(fs, io);
    emit_u16(fs, u->stack);
    emit_u16(fs, jt->kind_reg);
    uint32_t jdone = emit_jump(fs, 0);
    if (u->is_async) {
        uint32_t aw = fs->len;
        emit_rr(fs, OP_await, io, io);
        uint32_t aw_end = fs->len;
        emit_jmp_to(fs, top);
        /* an Await whose PromiseResolve throws is a throw result too */
        add_handler(fs, aw, aw_end, fs->len);
        emit_r(fs, OP_get_exception, io);
        emit_op(fs, OP_load_int);
        emit_u16(fs, io + 1);
        emit_u32(fs, 1);
        emit_jmp_to(fs, top);
    }
    patch_here(fs, jdone);
    /* resume the completion */
    emit_op(fs, OP_jint_ne);
    emit_u16(fs, jt->kind_reg);
    emit_u32(fs, 1);
    uint32_t jn = emit_jump(fs, 0);
    emit_r(fs, OP_throw, jt->val_reg);
    patch_here(fs, jn);
    for (uint32_t i = 0; i < jt->nexits; i++) {
        emit_op(fs, OP_jint_ne);
        emit_u16(fs, jt->kind_reg);
        emit_u32(fs, 2 + i);
        uint32_t jx = emit_jump(fs, 0);
        emit_exit(fs, jt->exits[i].kind, jt->exits[i].target, jt->val_reg);
        patch_here(fs, jx);
    }
    free(jt->exits);
    jt->exits = NULL;
    free_to(fs, u->stack);
}

void using_stmt_list(FuncState *fs, AstList *l)
{
    int kind = using_list_kind(l);
    if (!kind) {
        stmt_list(fs, l);
        return;
    }
    UsingScope u;
    using_begin(fs, &u, kind == 2);
    stmt_list(fs, l);
    using_end(fs, &u);
}

/* Binds the resource in register v to target (an identifier): adds it to
 * the innermost resource scope (AddDisposableResource may throw), then
 * initializes the binding. */
static void using_bind(FuncState *fs, AstVarDecl *vd, AstNode *target, int v)
{
    UsingScope *u = fs->using_scope;
    if (!u) {
        cerror(fs, &vd->h, "using declaration outside a resource scope");
        return;
    }
    emit_op(fs, OP_using_add);
    emit_u16(fs, u->stack);
    emit_u16(fs, v);
    emit_u8(fs, vd->kind == AST_AWAIT_USING);
    emit_assign_to(fs, target, v, true, AST_CONST);
}

void using_decl(FuncState *fs, AstVarDecl *vd)
{
    for (uint32_t i = 0; i < vd->decls.count; i++) {
        AstDeclarator *d = (AstDeclarator *)vd->decls.items[i];
        set_pos(fs, &d->h);
        int t = alloc_reg(fs);
        /* the parser requires an initializer outside for-of heads */
        expr_named(fs, d->init, t, name_atom(fs, ((AstIdent *)d->target)->name));
        set_pos(fs, &d->h);
        using_bind(fs, vd, d->target, t);
        free_to(fs, t);
    }
}

void using_for_head(FuncState *fs, AstVarDecl *vd, int v)
{
    using_bind(fs, vd, ((AstDeclarator *)vd->decls.items[0])->target, v);
}
