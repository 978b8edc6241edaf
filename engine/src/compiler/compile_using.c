/* Compiler: `using` and `await using` declarations (explicit resource
 * management). A scope that declares resources (a block, a function,
 * static block or module body, a for statement, one iteration of a for-of)
 * is compiled like try/finally: its resources go to a resource scope held
 * in a register, and every exit (normal, break, continue, return, throw)
 * runs DisposeResources on it before it continues. See docs/interpreter.md,
 * "using declarations". */
#include <stdlib.h>
#include "compile_int.h"

static int using_list_kind(const AstList *l)
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

void js_using_begin(FuncState *fs, UsingScope *u, bool is_async)
{
    u->is_async = is_async;
    u->stack = js_alloc_regs(fs, 3);
    /* no resource scope yet: using_add makes one with the first resource */
    js_emit_r(fs, OP_load_undef, u->stack);
    js_jt_push(fs, &u->jt, JT_FINALLY, NULL, 0);
    u->jt.kind_reg = u->stack + 1;
    u->jt.val_reg = u->stack + 2;
    /* a normal completion or a break leaves the value unset: undefined,
       so that dispose_step never reads a stale register (the verifier
       asks for ordinary values there) */
    js_emit_r(fs, OP_load_undef, u->jt.val_reg);
    u->prev = fs->using_scope;
    fs->using_scope = u;
    u->start = fs->len;
}

void js_using_end(FuncState *fs, UsingScope *u)
{
    JumpTarget *jt = &u->jt;
    fs->using_scope = u->prev;
    uint32_t end = fs->len;
    /* normal completion */
    js_emit_op(fs, OP_load_int);
    js_emit_u16(fs, jt->kind_reg);
    js_emit_u32(fs, 0);
    uint32_t jfin = js_emit_jmp(fs);
    /* throw completion */
    uint32_t handler = fs->len;
    if (end > u->start)
        js_add_handler(fs, u->start, end, handler);
    js_emit_r(fs, OP_get_exception, jt->val_reg);
    js_emit_op(fs, OP_load_int);
    js_emit_u16(fs, jt->kind_reg);
    js_emit_u32(fs, 1);
    js_patch_here(fs, jfin);
    /* break / continue / return arrive with kind 2 + exit index */
    js_pl_patch_here(fs, &jt->to_finally);
    js_jt_pop(fs);
    /* DisposeResources. dispose_step folds disposal errors into the
     * completion (kind, value); in an async scope it stops at each Await
     * the algorithm performs and is called again with its result. */
    int io = js_alloc_regs(fs, 2);
    /* dispose_step reads io only after an Await wrote it; cleared so that
       the verifier sees ordinary values there on every path */
    js_emit_r(fs, OP_load_undef, io);
    js_emit_r(fs, OP_load_undef, io + 1);
    uint32_t top = fs->len;
    js_emit_op(fs, OP_dispose_step);
    js_emit_u16(fs, io);
    js_emit_u16(fs, u->stack);
    js_emit_u16(fs, jt->kind_reg);
    uint32_t jdone = js_emit_jump(fs, 0);
    if (u->is_async) {
        uint32_t aw = fs->len;
        js_emit_rr(fs, OP_await, io, io);
        uint32_t aw_end = fs->len;
        js_emit_jmp_to(fs, top);
        /* an Await whose PromiseResolve throws is a throw result too */
        js_add_handler(fs, aw, aw_end, fs->len);
        js_emit_r(fs, OP_get_exception, io);
        js_emit_op(fs, OP_load_int);
        js_emit_u16(fs, io + 1);
        js_emit_u32(fs, 1);
        js_emit_jmp_to(fs, top);
    }
    js_patch_here(fs, jdone);
    /* resume the completion */
    js_emit_op(fs, OP_jint_ne);
    js_emit_u16(fs, jt->kind_reg);
    js_emit_u32(fs, 1);
    uint32_t jn = js_emit_jump(fs, 0);
    js_emit_r(fs, OP_throw, jt->val_reg);
    js_patch_here(fs, jn);
    for (uint32_t i = 0; i < jt->nexits; i++) {
        js_emit_op(fs, OP_jint_ne);
        js_emit_u16(fs, jt->kind_reg);
        js_emit_u32(fs, 2 + i);
        uint32_t jx = js_emit_jump(fs, 0);
        js_emit_exit(fs, jt->exits[i].kind, jt->exits[i].target, jt->val_reg);
        js_patch_here(fs, jx);
    }
    free(jt->exits);
    jt->exits = NULL;
    js_free_to(fs, u->stack);
}

void js_using_stmt_list(FuncState *fs, AstList *l)
{
    int kind = using_list_kind(l);
    if (!kind) {
        js_stmt_list(fs, l);
        return;
    }
    UsingScope u;
    js_using_begin(fs, &u, kind == 2);
    js_stmt_list(fs, l);
    js_using_end(fs, &u);
}

/* Binds the resource in register v to target (an identifier): adds it to
 * the innermost resource scope (AddDisposableResource may throw), then
 * initializes the binding. */
static void using_bind(FuncState *fs, AstVarDecl *vd, AstNode *target, int v)
{
    UsingScope *u = fs->using_scope;
    if (!u) {
        js_cerror(fs, &vd->h, "using declaration outside a resource scope");
        return;
    }
    js_emit_op(fs, OP_using_add);
    js_emit_u16(fs, u->stack);
    js_emit_u16(fs, v);
    js_emit_u8(fs, vd->kind == AST_AWAIT_USING);
    js_emit_assign_to(fs, target, v, true, AST_CONST);
}

void js_using_decl(FuncState *fs, AstVarDecl *vd)
{
    for (uint32_t i = 0; i < vd->decls.count; i++) {
        AstDeclarator *d = (AstDeclarator *)vd->decls.items[i];
        js_set_pos(fs, &d->h);
        int t = js_alloc_reg(fs);
        /* the parser requires an initializer outside for-of heads */
        js_expr_named(fs, d->init, t, js_name_atom(fs, ((AstIdent *)d->target)->name));
        js_set_pos(fs, &d->h);
        using_bind(fs, vd, d->target, t);
        js_free_to(fs, t);
    }
}

void js_using_for_head(FuncState *fs, AstVarDecl *vd, int v)
{
    using_bind(fs, vd, ((AstDeclarator *)vd->decls.items[0])->target, v);
}
