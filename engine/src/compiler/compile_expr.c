/* Compiler: expressions. Every expression is compiled into a destination
 * register chosen by the caller (js_expr) or into a register the callee
 * picks (js_expr_any: a local's own register when that is safe). Also
 * assignment targets and destructuring patterns, object and array
 * literals, calls, templates, optional chains and classes. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "fmath/fmath.h"
#include "compile_int.h"
#include "conv.h"
#include "bigint.h"

bool js_is_anon_fn(AstNode *n)
{
    return n && (n->flags & AST_F_ANON_FN) != 0;
}

static bool expr_is_simple(AstNode *n)
{
    switch (n->kind) {
    case AST_NUMBER: case AST_STRING: case AST_NULL: case AST_TRUE: case AST_FALSE:
    case AST_THIS: case AST_BIGINT:
        return true;
    default:
        return false;
    }
}

/* True if evaluating n cannot assign a register-held local: n has no
 * assignment, update, yield or await in it (a call cannot write such a
 * local: a local a closure captures lives in a box, not in a register).
 * Conservative: kinds not listed answer false. */
static bool expr_keeps_locals(AstNode *n)
{
    if (n->kind == AST_IDENT || expr_is_simple(n))
        return true;
    switch (n->kind) {
    case AST_BINARY:
    case AST_LOGICAL:
        return expr_keeps_locals(((AstBinary *)n)->left) && expr_keeps_locals(((AstBinary *)n)->right);
    case AST_MEMBER: {
        AstMember *m = (AstMember *)n;
        return m->object->kind != AST_SUPER && expr_keeps_locals(m->object) &&
               (!m->computed || expr_keeps_locals(m->property));
    }
    default:
        return false;
    }
}

/* True if compiling n into a register writes that register only with
 * its last instruction, after every read of other registers: so n may be
 * compiled straight into a local it reads (`x = x.next`, `i = i + 1`). */
static bool value_writes_dst_last(AstNode *n)
{
    if (n->kind == AST_MEMBER)
        return ((AstMember *)n)->object->kind != AST_SUPER;
    return n->kind == AST_IDENT || n->kind == AST_BINARY || expr_is_simple(n);
}

/* `x = a + b`, `var x = o.y`: compiles value straight into the register
 * of the local target (no temporary and move) when target is a plain
 * register local (no TDZ check; not const unless is_init) and value
 * writes it only with its last instruction. The register, or -1 when
 * nothing was compiled. */
int js_expr_into_local(FuncState *fs, AstNode *target, AstNode *value, bool is_init)
{
    if (target->kind != AST_IDENT || !value_writes_dst_last(value))
        return -1;
    Resolved r;
    js_resolve(fs, ((AstIdent *)target)->name, &r);
    if (r.kind != RES_REG || r.ndyn != 0 || !r.b || r.b->tdz || (r.b->is_const && !is_init))
        return -1;
    js_expr(fs, value, r.idx);
    return r.idx;
}

/* Atom of a non-computed property key. */
JSAtom js_prop_key_atom(FuncState *fs, AstNode *key)
{
    JSContext *ctx = fs->c->ctx;
    switch (key->kind) {
    case AST_IDENT:
        return js_name_atom(fs, ((AstIdent *)key)->name);
    case AST_STRING: {
        AstString *s = (AstString *)key;
        JSValue v = js_make_string16(fs, s->chars, s->len);
        if (v == JS_EXCEPTION) {
            fs->c->failed = true;
            return JS_ATOM_NULL;
        }
        JSRoot r;
        js_root_push(ctx, &r, v);
        JSAtom a = js_atom_from_string(ctx, v);
        js_root_pop(ctx, &r);
        return js_fs_atom(fs, a);
    }
    case AST_NUMBER: {
        double d = ((AstNumber *)key)->value;
        if (d >= 0 && d <= 2147483646.0 && d == js_floor(d))
            return js_atom_from_uint((uint32_t)d);
        JSValue v = js_number_to_string(ctx, d);
        if (v == JS_EXCEPTION) {
            fs->c->failed = true;
            return JS_ATOM_NULL;
        }
        JSRoot r;
        js_root_push(ctx, &r, v);
        JSAtom a = js_atom_from_string(ctx, v);
        js_root_pop(ctx, &r);
        return js_fs_atom(fs, a);
    }
    case AST_BIGINT: {  /* { 1n: x }: the key is the decimal digits */
        AstBigInt *bi = (AstBigInt *)key;
        JSValue n = js_bigint_from_literal(ctx, bi->digits, bi->len, (int)bi->radix);
        if (n == JS_EXCEPTION) {
            fs->c->failed = true;
            return JS_ATOM_NULL;
        }
        JSRoot r;
        js_root_push(ctx, &r, n);
        JSValue v = js_bigint_to_string(ctx, n, 10);
        js_root_pop(ctx, &r);
        if (v == JS_EXCEPTION) {
            fs->c->failed = true;
            return JS_ATOM_NULL;
        }
        js_root_push(ctx, &r, v);
        JSAtom a = js_atom_from_string(ctx, v);
        js_root_pop(ctx, &r);
        return js_fs_atom(fs, a);
    }
    default:
        return JS_ATOM_NULL;
    }
}

/* Loads a property key (computed or not) as a value into dst. */
static void emit_key(FuncState *fs, AstNode *key, bool computed, int dst)
{
    if (computed) {
        js_expr(fs, key, dst);
        js_emit_rr(fs, OP_to_propkey, dst, dst);
        return;
    }
    switch (key->kind) {
    case AST_IDENT: {
        const AstName *n = ((AstIdent *)key)->name;
        JSValue v = js_new_string_utf8(fs->c->ctx, n->str, n->len);
        js_emit_load_const(fs, dst, v);
        break;
    }
    case AST_STRING:
        js_emit_load_string16(fs, dst, ((AstString *)key)->chars, ((AstString *)key)->len);
        break;
    case AST_NUMBER:
        js_emit_load_number(fs, dst, ((AstNumber *)key)->value);
        js_emit_rr(fs, OP_to_propkey, dst, dst);
        break;
    default:
        js_expr(fs, key, dst);
        js_emit_rr(fs, OP_to_propkey, dst, dst);
        break;
    }
}

int js_expr_any(FuncState *fs, AstNode *n)
{
    if (n->kind == AST_IDENT) {
        int r = js_local_reg_of(fs, ((AstIdent *)n)->name);
        if (r >= 0)
            return r;
    }
    int t = js_alloc_reg(fs);
    js_expr(fs, n, t);
    return t;
}

void js_expr_discard(FuncState *fs, AstNode *n)
{
    int t = js_alloc_reg(fs);
    fs->result_unused = n->kind == AST_ASSIGN || n->kind == AST_UPDATE;
    js_expr(fs, n, t);
    fs->result_unused = false;
    js_free_to(fs, t);
}

/* True once, at the start of the assignment or update whose value
 * js_expr_discard throws away. */
static bool take_result_unused(FuncState *fs)
{
    bool r = fs->result_unused;
    fs->result_unused = false;
    return r;
}

void js_expr_named(FuncState *fs, AstNode *n, int dst, JSAtom name)
{
    if (js_is_anon_fn(n) && name != JS_ATOM_NULL) {
        if (n->kind == AST_FUNCTION || n->kind == AST_ARROW) {
            AstNode *save_pos = NULL;
            (void)save_pos;
            js_set_pos(fs, n);
            js_emit_closure(fs, (AstFunction *)n, dst, name);
            return;
        }
        if (n->kind == AST_CLASS) {
            js_compile_class(fs, (AstClass *)n, dst, name);
            return;
        }
    }
    js_expr(fs, n, dst);
}

static int binop_opcode(int op)
{
    switch (op) {
    case AST_OP_ADD: return OP_add;
    case AST_OP_SUB: return OP_sub;
    case AST_OP_MUL: return OP_mul;
    case AST_OP_DIV: return OP_div;
    case AST_OP_MOD: return OP_mod;
    case AST_OP_EXP: return OP_pow;
    case AST_OP_SHL: return OP_shl;
    case AST_OP_SAR: return OP_sar;
    case AST_OP_SHR: return OP_shr;
    case AST_OP_BITAND: return OP_band;
    case AST_OP_BITOR: return OP_bor;
    case AST_OP_BITXOR: return OP_bxor;
    case AST_OP_EQ: return OP_eq;
    case AST_OP_NE: return OP_ne;
    case AST_OP_STRICT_EQ: return OP_seq;
    case AST_OP_STRICT_NE: return OP_sne;
    case AST_OP_LT: return OP_lt;
    case AST_OP_LE: return OP_le;
    case AST_OP_GT: return OP_gt;
    case AST_OP_GE: return OP_ge;
    case AST_OP_IN: return OP_in;
    case AST_OP_INSTANCEOF: return OP_instanceof;
    default: return OP_nop;
    }
}

/* ------------------------------------------------------------------ */
/* member access                                                       */

typedef struct MemberRef {
    int obj;        /* register of the object (or this for super) */
    int key;        /* register of the key (computed / super), or -1 */
    JSAtom atom;    /* non-computed key */
    bool is_super;
    int home;       /* super: home object register */
    bool is_private;
} MemberRef;

/* Evaluates the object and key of a member expression into fresh
 * registers (allocated in order); the object of `this.x` may instead be
 * the register that holds this for the whole call (js_this_reg). With
 * read_only (the reference is read at once, nothing evaluated between),
 * an object or key that is a local held in a register is used in place
 * when what is evaluated after it cannot assign it. */
static void member_ref_ex(FuncState *fs, AstMember *m, MemberRef *mr, bool read_only)
{
    memset(mr, 0, sizeof *mr);
    mr->key = -1;
    if (m->object->kind == AST_SUPER) {
        mr->is_super = true;
        mr->home = js_alloc_reg(fs);
        js_emit_home(fs, mr->home);
        mr->obj = js_alloc_reg(fs);
        js_emit_this(fs, mr->obj);
        mr->key = js_alloc_reg(fs);
        if (m->computed)
            js_expr(fs, m->property, mr->key);     /* ToPropertyKey comes later */
        else
            emit_key(fs, m->property, false, mr->key);
        return;
    }
    /* `this.x`: the register holding this, when it is never written */
    mr->obj = m->object->kind == AST_THIS ? js_this_reg(fs) : -1;
    if (mr->obj < 0 && read_only && m->object->kind == AST_IDENT &&
        (!m->computed || expr_keeps_locals(m->property)))
        mr->obj = js_local_reg_of(fs, ((AstIdent *)m->object)->name);
    if (mr->obj < 0) {
        mr->obj = js_alloc_reg(fs);
        js_expr(fs, m->object, mr->obj);
    }
    if (m->optional && fs->optchain)
        js_pl_add(fs, fs->optchain, js_emit_jcond(fs, OP_jnullish, mr->obj));
    if (m->property->kind == AST_PRIVATE_NAME) {
        mr->is_private = true;
        mr->key = js_alloc_reg(fs);
        js_emit_load_name(fs, ((AstIdent *)m->property)->name, mr->key, false);
    } else if (m->computed) {
        if (read_only) {
            mr->key = js_expr_any(fs, m->property);
        } else {
            mr->key = js_alloc_reg(fs);
            js_expr(fs, m->property, mr->key);
        }
    } else {
        mr->atom = js_name_atom(fs, ((AstIdent *)m->property)->name);
    }
}

static void member_ref(FuncState *fs, AstMember *m, MemberRef *mr)
{
    member_ref_ex(fs, m, mr, false);
}

static void emit_member_get(FuncState *fs, MemberRef *mr, int dst)
{
    if (mr->is_super) {
        js_emit_op(fs, OP_get_super);
        js_emit_u16(fs, dst); js_emit_u16(fs, mr->home); js_emit_u16(fs, mr->key); js_emit_u16(fs, mr->obj);
    } else if (mr->is_private) {
        js_emit_rrr(fs, OP_private_get, dst, mr->obj, mr->key);
    } else if (mr->key >= 0) {
        js_emit_rrr(fs, OP_get_elem, dst, mr->obj, mr->key);
    } else if (mr->atom == JS_ATOM_length) {
        js_emit_rr(fs, OP_get_length, dst, mr->obj);
    } else {
        js_emit_op(fs, OP_get_field);
        js_emit_u16(fs, dst); js_emit_u16(fs, mr->obj); js_emit_u32(fs, mr->atom); js_emit_u32(fs, js_new_ic(fs));
    }
}

static void emit_member_put(FuncState *fs, MemberRef *mr, int src)
{
    if (mr->is_super) {
        js_emit_op(fs, OP_put_super);
        js_emit_u16(fs, mr->home); js_emit_u16(fs, mr->key); js_emit_u16(fs, src); js_emit_u16(fs, mr->obj);
    } else if (mr->is_private) {
        js_emit_rrr(fs, OP_private_put, mr->obj, mr->key, src);
    } else if (mr->key >= 0) {
        js_emit_rrr(fs, OP_put_elem, mr->obj, mr->key, src);
    } else {
        js_emit_op(fs, OP_put_field);
        js_emit_u16(fs, mr->obj); js_emit_u32(fs, mr->atom); js_emit_u16(fs, src); js_emit_u32(fs, js_new_ic(fs));
    }
}

/* ------------------------------------------------------------------ */
/* calls                                                               */

/* Arguments into consecutive registers from base+2; returns argc, or -1
 * when they were spread into an array at base+2. */
static int emit_args(FuncState *fs, AstList *args, int base)
{
    bool spread = false;
    for (uint32_t i = 0; i < args->count; i++)
        if (args->items[i]->kind == AST_SPREAD)
            spread = true;
    if (spread) {
        int arr = js_alloc_reg(fs);
        js_emit_op(fs, OP_new_array);
        js_emit_u16(fs, arr); js_emit_u16(fs, 0); js_emit_u16(fs, 0);
        for (uint32_t i = 0; i < args->count; i++) {
            AstNode *a = args->items[i];
            int t = js_alloc_reg(fs);
            if (a->kind == AST_SPREAD) {
                js_expr(fs, ((AstUnaryLike *)a)->arg, t);
                js_emit_rr(fs, OP_array_spread, arr, t);
            } else {
                js_expr(fs, a, t);
                js_emit_rr(fs, OP_array_append, arr, t);
            }
            js_free_to(fs, t);
        }
        (void)base;
        return -1;
    }
    for (uint32_t i = 0; i < args->count; i++) {
        int t = js_alloc_reg(fs);
        js_expr(fs, args->items[i], t);
    }
    return (int)args->count;
}

static void compile_call(FuncState *fs, AstCall *call, int dst)
{
    int base = js_alloc_regs(fs, 2);
    AstNode *callee = call->callee;
    Compiler *c = fs->c;
    bool direct_eval = false;

    if (callee->kind == AST_SUPER) {
        /* super(...) */
        js_emit_active_func(fs, base);
        js_emit_new_target(fs, base + 1);
        int argc;
        AstNode *a0 = call->args.count == 1 ? call->args.items[0] : NULL;
        if (a0 && a0->kind == AST_SPREAD && ((AstUnaryLike *)a0)->arg->kind == AST_IDENT &&
            js_name_is(((AstIdent *)((AstUnaryLike *)a0)->arg)->name, "%args")) {
            /* default derived constructor: pass the arguments on without
               the iteration protocol */
            int arr = js_alloc_reg(fs);
            js_expr(fs, ((AstUnaryLike *)a0)->arg, arr);
            argc = -1;
        } else {
            argc = emit_args(fs, &call->args, base);
        }
        int t = js_alloc_reg(fs);
        if (argc < 0) {
            js_emit_rr(fs, OP_super_call_spread, t, base);
        } else {
            js_emit_op(fs, OP_super_call);
            js_emit_u16(fs, t); js_emit_u16(fs, base); js_emit_u16(fs, argc);
        }
        /* bind this */
        CBinding *tb = NULL;
        for (CScope *s = fs->scope; s; s = s->parent) {
            CBinding *b = js_scope_find(s, c->n_this);
            if (b) { tb = b; break; }
            if (s->kind == SC_FUNC && !s->fs->is_arrow && s->fs->ast)
                break;
        }
        if (tb) {
            int u = js_alloc_reg(fs);
            if (tb->scope->fs == fs) {
                if (tb->boxed) js_emit_rr(fs, OP_box_get, u, tb->reg);
                else js_emit_rr(fs, OP_mov, u, tb->reg);
            } else {
                js_emit_op(fs, OP_cap_get);
                js_emit_u16(fs, u);
                js_emit_u16(fs, js_capture_index(fs, tb));
            }
            js_emit_r(fs, OP_init_this, u);    /* checks u is still uninitialized */
            js_emit_init_binding(fs, tb, t);
            if (!fs->is_arrow)
                js_emit_r(fs, OP_set_this, t);
        } else {
            js_emit_r(fs, OP_set_this, t);
        }
        /* class fields of the derived class */
        {
            int f2 = js_alloc_reg(fs);
            js_emit_active_func(fs, f2);
            js_emit_rr(fs, OP_add_brand, t, f2);
        }
        js_emit_rr(fs, OP_mov, dst, t);
        js_free_to(fs, base);
        return;
    }

    /* (a?.b)(): a parenthesized chain ending in a member access still
       calls with the base as this; when it short-circuits the callee is
       undefined */
    PatchList *outer_chain = fs->optchain;
    PatchList paren_chain = {0};
    bool paren_opt = callee->kind == AST_OPTIONAL_CHAIN &&
                     ((AstUnaryLike *)callee)->arg->kind == AST_MEMBER;
    if (paren_opt) {
        fs->optchain = &paren_chain;
        callee = ((AstUnaryLike *)callee)->arg;
    }
    if (callee->kind == AST_MEMBER && !(callee->flags & 0)) {
        AstMember *m = (AstMember *)callee;
        if (m->object->kind == AST_SUPER) {
            int home = js_alloc_reg(fs);
            js_emit_home(fs, home);
            js_emit_this(fs, base + 1);
            int key = js_alloc_reg(fs);
            emit_key(fs, m->property, m->computed, key);
            js_emit_op(fs, OP_get_super);
            js_emit_u16(fs, base); js_emit_u16(fs, home); js_emit_u16(fs, key); js_emit_u16(fs, base + 1);
            js_free_to(fs, home);
        } else {
            js_expr(fs, m->object, base + 1);
            if (m->optional && fs->optchain)
                js_pl_add(fs, fs->optchain, js_emit_jcond(fs, OP_jnullish, base + 1));
            if (m->property->kind == AST_PRIVATE_NAME) {
                int key = js_alloc_reg(fs);
                js_emit_load_name(fs, ((AstIdent *)m->property)->name, key, false);
                js_emit_rrr(fs, OP_private_get, base, base + 1, key);
                js_free_to(fs, key);
            } else if (m->computed) {
                int key = js_alloc_reg(fs);
                js_expr(fs, m->property, key);
                js_emit_rrr(fs, OP_get_elem, base, base + 1, key);
                js_free_to(fs, key);
            } else {
                js_emit_op(fs, OP_get_field_opt);
                js_emit_u16(fs, base); js_emit_u16(fs, base + 1);
                js_emit_u32(fs, js_name_atom(fs, ((AstIdent *)m->property)->name));
                js_emit_u32(fs, js_new_ic(fs));
            }
        }
    } else if (callee->kind == AST_IDENT) {
        const AstName *name = ((AstIdent *)callee)->name;
        direct_eval = (call->cflags & AST_CALL_DIRECT_EVAL) != 0;
        Resolved r;
        js_resolve(fs, name, &r);
        JSAtom atom = js_name_atom(fs, name);
        js_emit_r(fs, OP_load_undef, base + 1);
        PatchList done = {0};
        js_emit_dyn_checks_get(fs, &r, atom, base, true, &done);
        js_emit_load_name_nodyn(fs, name, base);
        js_pl_patch_here(fs, &done);
    } else {
        js_expr(fs, callee, base);
        js_emit_r(fs, OP_load_undef, base + 1);
    }
    if (paren_opt) {
        fs->optchain = outer_chain;
        if (paren_chain.n) {
            uint32_t j = js_emit_jmp(fs);
            js_pl_patch_here(fs, &paren_chain);
            js_emit_r(fs, OP_load_undef, base);
            js_patch_here(fs, j);
        }
    }
    if (call->optional && fs->optchain)
        js_pl_add(fs, fs->optchain, js_emit_jcond(fs, OP_jnullish, base));
    int argc = emit_args(fs, &call->args, base);
    js_set_pos(fs, &call->h);
    if (direct_eval) {
        uint32_t k = js_make_eval_desc(fs);
        if (argc < 0) {
            js_emit_rr(fs, OP_eval_spread, dst, base);
            js_emit_u32(fs, k);
        } else {
            js_emit_op(fs, OP_eval);
            js_emit_u16(fs, dst); js_emit_u16(fs, base); js_emit_u16(fs, argc); js_emit_u32(fs, k);
        }
    } else if (argc < 0) {
        js_emit_rr(fs, OP_call_spread, dst, base);
    } else {
        js_emit_op(fs, OP_call);
        js_emit_u16(fs, dst); js_emit_u16(fs, base); js_emit_u16(fs, argc);
    }
    js_free_to(fs, base);
}

static void compile_new(FuncState *fs, AstCall *call, int dst)
{
    int base = js_alloc_regs(fs, 2);
    js_expr(fs, call->callee, base);
    js_emit_rr(fs, OP_mov, base + 1, base);
    int argc = emit_args(fs, &call->args, base);
    js_set_pos(fs, &call->h);
    if (argc < 0) {
        js_emit_rr(fs, OP_new_spread, dst, base);
    } else {
        js_emit_op(fs, OP_new);
        js_emit_u16(fs, dst); js_emit_u16(fs, base); js_emit_u16(fs, argc);
    }
    js_free_to(fs, base);
}

/* ------------------------------------------------------------------ */
/* literals                                                            */

/* Objects hold this many properties inside their cell by default
 * (JS_INLINE_SLOTS); a literal with more asks for room for all of them,
 * which saves the separate slot vector a fifth property would need. */
#define OBJECT_LITERAL_INLINE 4

static void compile_object(FuncState *fs, AstObject *o, int dst)
{
    int obj = js_alloc_reg(fs);
    uint32_t nprops = 0;
    for (uint32_t i = 0; i < o->props.count; i++) {
        AstNode *pn = o->props.items[i];
        if (pn->kind != AST_SPREAD && ((AstProperty *)pn)->kind != AST_PROP_PROTO)
            nprops++;
    }
    if (nprops > OBJECT_LITERAL_INLINE) {
        js_emit_r(fs, OP_new_object_sized, obj);
        js_emit_u16(fs, nprops < UINT16_MAX ? nprops : UINT16_MAX);
    } else {
        js_emit_r(fs, OP_new_object, obj);
    }
    for (uint32_t i = 0; i < o->props.count; i++) {
        AstNode *pn = o->props.items[i];
        int save = fs->cur_reg;
        js_set_pos(fs, pn);
        if (pn->kind == AST_SPREAD) {
            int t = js_alloc_reg(fs);
            int u = js_alloc_reg(fs);
            js_expr(fs, ((AstUnaryLike *)pn)->arg, t);
            js_emit_r(fs, OP_load_undef, u);
            js_emit_rrr(fs, OP_copy_data_props, obj, t, u);
            js_free_to(fs, save);
            continue;
        }
        AstProperty *p = (AstProperty *)pn;
        switch (p->kind) {
        case AST_PROP_INIT:
        case AST_PROP_SHORTHAND: {
            if (!p->computed) {
                JSAtom a = js_prop_key_atom(fs, p->key);
                int t = js_alloc_reg(fs);
                js_expr_named(fs, p->value, t, a);
                js_emit_op(fs, OP_define_field);
                js_emit_u16(fs, obj); js_emit_u32(fs, a); js_emit_u16(fs, t);
            } else {
                int k = js_alloc_reg(fs);
                emit_key(fs, p->key, true, k);
                int t = js_alloc_reg(fs);
                js_expr(fs, p->value, t);
                if (js_is_anon_fn(p->value)) {
                    js_emit_rr(fs, OP_set_name_computed, t, k);
                    js_emit_u8(fs, 0);
                }
                js_emit_rrr(fs, OP_define_elem, obj, k, t);
            }
            break;
        }
        case AST_PROP_PROTO: {
            int t = js_alloc_reg(fs);
            js_expr(fs, p->value, t);
            js_emit_rr(fs, OP_set_proto, obj, t);
            break;
        }
        case AST_PROP_METHOD:
        case AST_PROP_GET:
        case AST_PROP_SET: {
            int k = js_alloc_reg(fs);
            emit_key(fs, p->key, p->computed, k);
            int t = js_alloc_reg(fs);
            js_emit_closure(fs, (AstFunction *)p->value, t, JS_ATOM_NULL);
            int kind = p->kind == AST_PROP_GET ? 1 : p->kind == AST_PROP_SET ? 2 : 0;
            js_emit_rrr(fs, OP_define_method, obj, k, t);
            js_emit_u8(fs, kind | 4 | 8);
            break;
        }
        }
        js_free_to(fs, save);
    }
    if (dst != obj)
        js_emit_rr(fs, OP_mov, dst, obj);
    js_free_to(fs, obj);
}

static void compile_array(FuncState *fs, AstArray *a, int dst)
{
    bool simple = a->elements.count <= 64;
    for (uint32_t i = 0; i < a->elements.count && simple; i++) {
        AstNode *e = a->elements.items[i];
        if (!e || e->kind == AST_SPREAD)
            simple = false;
    }
    if (simple) {
        int first = fs->cur_reg;
        for (uint32_t i = 0; i < a->elements.count; i++) {
            int t = js_alloc_reg(fs);
            js_expr(fs, a->elements.items[i], t);
        }
        js_emit_op(fs, OP_new_array);
        js_emit_u16(fs, dst); js_emit_u16(fs, first); js_emit_u16(fs, a->elements.count);
        js_free_to(fs, first);
        return;
    }
    int arr = js_alloc_reg(fs);
    js_emit_op(fs, OP_new_array);
    js_emit_u16(fs, arr); js_emit_u16(fs, 0); js_emit_u16(fs, 0);
    for (uint32_t i = 0; i < a->elements.count; i++) {
        AstNode *e = a->elements.items[i];
        if (!e) {
            js_emit_r(fs, OP_array_hole, arr);
            continue;
        }
        int t = js_alloc_reg(fs);
        if (e->kind == AST_SPREAD) {
            js_expr(fs, ((AstUnaryLike *)e)->arg, t);
            js_emit_rr(fs, OP_array_spread, arr, t);
        } else {
            js_expr(fs, e, t);
            js_emit_rr(fs, OP_array_append, arr, t);
        }
        js_free_to(fs, t);
    }
    js_emit_rr(fs, OP_mov, dst, arr);
    js_free_to(fs, arr);
}

static void compile_template(FuncState *fs, AstTemplate *t, int dst)
{
    int acc = js_alloc_reg(fs);
    js_emit_load_string16(fs, acc, t->parts[0].cooked, t->parts[0].cooked_len);
    for (uint32_t i = 0; i + 1 < t->nparts; i++) {
        int v = js_alloc_reg(fs);
        js_expr(fs, t->exprs[i], v);
        js_emit_rr(fs, OP_to_string, v, v);
        js_emit_rrr(fs, OP_add, acc, acc, v);
        if (t->parts[i + 1].cooked_len) {
            js_emit_load_string16(fs, v, t->parts[i + 1].cooked, t->parts[i + 1].cooked_len);
            js_emit_rrr(fs, OP_add, acc, acc, v);
        }
        js_free_to(fs, v);
    }
    js_emit_rr(fs, OP_mov, dst, acc);
    js_free_to(fs, acc);
}

static void compile_tagged_template(FuncState *fs, AstTaggedTemplate *tt, int dst)
{
    AstTemplate *t = tt->quasi;
    JSContext *ctx = fs->c->ctx;
    JSValueArray *site = js_value_array_new(ctx, t->nparts * 2);
    if (!site) {
        fs->c->failed = true;
        return;
    }
    uint32_t k = js_add_const(fs, js_mkptr(JS_TAG_CELL, site));
    for (uint32_t i = 0; i < t->nparts; i++) {
        JSValue v = t->parts[i].cooked ? js_make_string16(fs, t->parts[i].cooked, t->parts[i].cooked_len) : JS_UNDEFINED;
        if (v == JS_EXCEPTION) { fs->c->failed = true; return; }
        site->values[i] = v;
        v = js_make_string16(fs, t->parts[i].raw, t->parts[i].raw_len);
        if (v == JS_EXCEPTION) { fs->c->failed = true; return; }
        site->values[t->nparts + i] = v;
    }
    int base = js_alloc_regs(fs, 2);
    AstNode *tag = tt->tag;
    if (tag->kind == AST_MEMBER && ((AstMember *)tag)->object->kind != AST_SUPER) {
        AstMember *m = (AstMember *)tag;
        js_expr(fs, m->object, base + 1);
        if (m->computed) {
            int key = js_alloc_reg(fs);
            js_expr(fs, m->property, key);
            js_emit_rrr(fs, OP_get_elem, base, base + 1, key);
            js_free_to(fs, key);
        } else {
            MemberRef mr;
            memset(&mr, 0, sizeof mr);
            mr.obj = base + 1;
            mr.key = -1;
            mr.atom = js_name_atom(fs, ((AstIdent *)m->property)->name);
            emit_member_get(fs, &mr, base);
        }
    } else {
        js_expr(fs, tag, base);
        js_emit_r(fs, OP_load_undef, base + 1);
    }
    int to = js_alloc_reg(fs);
    js_emit_op(fs, OP_template_object);
    js_emit_u16(fs, to); js_emit_u32(fs, k);
    for (uint32_t i = 0; i + 1 < t->nparts; i++) {
        int r = js_alloc_reg(fs);
        js_expr(fs, t->exprs[i], r);
    }
    js_set_pos(fs, &tt->h);
    js_emit_op(fs, OP_call);
    js_emit_u16(fs, dst); js_emit_u16(fs, base); js_emit_u16(fs, t->nparts);
    js_free_to(fs, base);
}

/* ------------------------------------------------------------------ */
/* assignment                                                          */

static void compile_pattern(FuncState *fs, AstNode *target, int src, bool is_init, int decl_kind);

void js_emit_assign_to(FuncState *fs, AstNode *target, int src, bool is_init, int decl_kind)
{
    switch (target->kind) {
    case AST_IDENT:
        js_emit_store_name(fs, ((AstIdent *)target)->name, src, is_init, target);
        break;
    case AST_MEMBER: {
        int save = fs->cur_reg;
        MemberRef mr;
        member_ref(fs, (AstMember *)target, &mr);
        emit_member_put(fs, &mr, src);
        js_free_to(fs, save);
        break;
    }
    case AST_ASSIGN_PATTERN: {
        AstAssign *ap = (AstAssign *)target;
        int t = js_alloc_reg(fs);
        js_emit_rr(fs, OP_mov, t, src);
        uint32_t j = js_emit_jcond(fs, OP_jnot_undef, t);
        JSAtom nm = ap->target->kind == AST_IDENT ? js_name_atom(fs, ((AstIdent *)ap->target)->name) : JS_ATOM_NULL;
        js_expr_named(fs, ap->value, t, nm);
        js_patch_here(fs, j);
        js_emit_assign_to(fs, ap->target, t, is_init, decl_kind);
        js_free_to(fs, t);
        break;
    }
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN:
        compile_pattern(fs, target, src, is_init, decl_kind);
        break;
    case AST_CALL: {
        /* web-compat: f() = x throws ReferenceError at run time */
        js_expr_discard(fs, target);
        js_emit_op(fs, OP_throw_error);
        js_emit_u8(fs, JS_ERROR_REFERENCE);
        js_emit_u32(fs, js_add_const(fs, js_new_string_cstr(fs->c->ctx, "invalid assignment target")));
        break;
    }
    default:
        js_cerror(fs, target, "invalid assignment target");
        break;
    }
}

static void compile_pattern(FuncState *fs, AstNode *target, int src, bool is_init, int decl_kind)
{
    if (compile_too_deep(fs, target))
        return;
    int save = fs->cur_reg;
    if (target->kind == AST_OBJECT_PATTERN) {
        AstObject *o = (AstObject *)target;
        js_emit_r(fs, OP_require_object_coercible, src);
        bool has_rest = o->props.count && o->props.items[o->props.count - 1]->kind == AST_REST;
        int keys = -1;
        if (has_rest) {
            keys = js_alloc_reg(fs);
            js_emit_op(fs, OP_new_array);
            js_emit_u16(fs, keys); js_emit_u16(fs, 0); js_emit_u16(fs, 0);
        }
        for (uint32_t i = 0; i < o->props.count; i++) {
            AstNode *pn = o->props.items[i];
            int s2 = fs->cur_reg;
            js_set_pos(fs, pn);
            if (pn->kind == AST_REST) {
                int r = js_alloc_reg(fs);
                js_emit_r(fs, OP_new_object, r);
                js_emit_rrr(fs, OP_copy_data_props, r, src, keys);
                js_emit_assign_to(fs, ((AstUnaryLike *)pn)->arg, r, is_init, decl_kind);
                js_free_to(fs, s2);
                continue;
            }
            AstProperty *p = (AstProperty *)pn;
            /* a member target's reference is evaluated before the value */
            AstNode *tgt = p->value, *dflt = NULL;
            if (tgt->kind == AST_ASSIGN_PATTERN) {
                dflt = ((AstAssign *)tgt)->value;
                tgt = ((AstAssign *)tgt)->target;
            }
            MemberRef pmr;
            bool pre = tgt->kind == AST_MEMBER;
            int keyreg = -1;
            if (p->computed || has_rest) {
                keyreg = js_alloc_reg(fs);
                emit_key(fs, p->key, p->computed, keyreg);
                if (has_rest)
                    js_emit_rr(fs, OP_array_append, keys, keyreg);
            }
            if (pre)
                member_ref(fs, (AstMember *)tgt, &pmr);
            /* so is an identifier's binding behind with/eval objects */
            int envreg = tgt->kind == AST_IDENT ? js_emit_ref_resolve(fs, ((AstIdent *)tgt)->name) : -1;
            int v = js_alloc_reg(fs);
            if (keyreg >= 0) {
                js_emit_rrr(fs, OP_get_elem, v, src, keyreg);
            } else {
                JSAtom a = js_prop_key_atom(fs, p->key);
                if (js_atom_is_int(a)) {
                    int k = js_alloc_reg(fs);
                    emit_key(fs, p->key, false, k);
                    js_emit_rrr(fs, OP_get_elem, v, src, k);
                } else {
                    js_emit_op(fs, OP_get_field);
                    js_emit_u16(fs, v); js_emit_u16(fs, src); js_emit_u32(fs, a); js_emit_u32(fs, js_new_ic(fs));
                }
            }
            if (dflt) {
                uint32_t j = js_emit_jcond(fs, OP_jnot_undef, v);
                JSAtom nm = tgt->kind == AST_IDENT ? js_name_atom(fs, ((AstIdent *)tgt)->name) : JS_ATOM_NULL;
                js_expr_named(fs, dflt, v, nm);
                js_patch_here(fs, j);
            }
            if (pre)
                emit_member_put(fs, &pmr, v);
            else if (envreg >= 0)
                js_emit_ref_store(fs, ((AstIdent *)tgt)->name, envreg, v, tgt);
            else
                js_emit_assign_to(fs, tgt, v, is_init, decl_kind);
            js_free_to(fs, s2);
        }
        js_free_to(fs, save);
        return;
    }
    /* array pattern: iterator record at it, it+1 */
    AstArray *a = (AstArray *)target;
    int it = js_alloc_regs(fs, 2);
    js_emit_rr(fs, OP_get_iterator, it, src);
    /* close the iterator if an element's target or default throws */
    uint32_t start = fs->len;
    fs->handler_depth++;
    /* a return (generator resumption) inside closes the iterator */
    JumpTarget ijt;
    memset(&ijt, 0, sizeof ijt);
    ijt.kind = JT_ITER;
    ijt.iter_reg = it;
    ijt.prev = fs->jt;
    ijt.scope = fs->scope;
    fs->jt = &ijt;
    for (uint32_t i = 0; i < a->elements.count; i++) {
        AstNode *e = a->elements.items[i];
        int s2 = fs->cur_reg;
        AstNode *tgt = e, *dflt = NULL;
        bool rest = e && e->kind == AST_REST;
        if (rest)
            tgt = ((AstUnaryLike *)e)->arg;
        if (tgt && tgt->kind == AST_ASSIGN_PATTERN) {
            dflt = ((AstAssign *)tgt)->value;
            tgt = ((AstAssign *)tgt)->target;
        }
        MemberRef pmr;
        bool pre = tgt && tgt->kind == AST_MEMBER;
        if (pre)
            member_ref(fs, (AstMember *)tgt, &pmr);
        int v = js_alloc_reg(fs);
        if (rest) {
            js_emit_rr(fs, OP_iter_rest, v, it);
        } else {
            js_emit_op(fs, OP_iter_next);
            js_emit_u16(fs, v); js_emit_u16(fs, it);
            uint32_t jd = js_emit_jump(fs, 0);
            uint32_t jo = js_emit_jmp(fs);
            js_patch_here(fs, jd);
            js_emit_r(fs, OP_load_undef, v);
            js_patch_here(fs, jo);
        }
        if (dflt) {
            uint32_t j = js_emit_jcond(fs, OP_jnot_undef, v);
            JSAtom nm = tgt->kind == AST_IDENT ? js_name_atom(fs, ((AstIdent *)tgt)->name) : JS_ATOM_NULL;
            js_expr_named(fs, dflt, v, nm);
            js_patch_here(fs, j);
        }
        if (pre)
            emit_member_put(fs, &pmr, v);
        else if (tgt)
            js_emit_assign_to(fs, tgt, v, is_init, decl_kind);
        js_free_to(fs, s2);
    }
    fs->jt = ijt.prev;
    free(ijt.breaks.pos);
    free(ijt.continues.pos);
    fs->handler_depth--;
    uint32_t end = fs->len;
    js_emit_r(fs, OP_iter_close, it);
    uint32_t jover = js_emit_jmp(fs);
    /* handler */
    uint32_t handler = fs->len;
    int ex = js_alloc_reg(fs);
    js_emit_r(fs, OP_get_exception, ex);
    js_emit_r(fs, OP_iter_close_throw, it);
    js_emit_r(fs, OP_throw, ex);
    js_patch_here(fs, jover);
    if (end > start)
        js_add_handler(fs, start, end, handler);
    js_free_to(fs, save);
}

static void compile_assign(FuncState *fs, AstAssign *as, int dst)
{
    bool unused = take_result_unused(fs);
    AstNode *t = as->target;
    if (t->kind == AST_CALL) {
        /* web-compat f() = x: the call runs, then the ReferenceError is
           thrown before the right-hand side is evaluated */
        js_emit_assign_to(fs, t, dst, false, 0);
        return;
    }
    if (as->op == AST_OP_ASSIGN) {
        if (t->kind == AST_IDENT) {
            const AstName *nm = ((AstIdent *)t)->name;
            Resolved r;
            js_resolve(fs, nm, &r);
            int lr = js_expr_into_local(fs, t, as->value, false);
            if (lr >= 0) {
                if (!unused)
                    js_emit_rr(fs, OP_mov, dst, lr);
                return;
            }
            if (fs->strict && r.kind == RES_GLOBAL && r.ndyn == 0 && !expr_is_simple(as->value) &&
                as->value->kind != AST_IDENT && as->value->kind != AST_FUNCTION &&
                as->value->kind != AST_ARROW) {
                /* the reference is resolved before the right-hand side */
                int ok = js_alloc_reg(fs);
                js_emit_r(fs, OP_global_has, ok);
                js_emit_u32(fs, js_name_atom(fs, nm));
                js_expr_named(fs, as->value, dst, js_name_atom(fs, nm));
                uint32_t j = js_emit_jcond(fs, OP_jtrue, ok);
                js_emit_op(fs, OP_throw_ref);
                js_emit_u32(fs, js_name_atom(fs, nm));
                js_patch_here(fs, j);
                js_emit_store_name(fs, nm, dst, false, t);
                js_free_to(fs, ok);
                return;
            }
            int envreg = js_emit_ref_resolve(fs, nm);
            js_expr_named(fs, as->value, dst, js_name_atom(fs, nm));
            js_emit_ref_store(fs, nm, envreg, dst, t);
            if (envreg >= 0)
                js_free_to(fs, envreg);
            return;
        }
        if (t->kind == AST_MEMBER) {
            int save = fs->cur_reg;
            MemberRef mr;
            /* `o.x = v`, `a[i] = v`: o, a, i and v used in place when they
             * are locals and v cannot assign them */
            bool in_place = expr_keeps_locals(as->value);
            member_ref_ex(fs, (AstMember *)t, &mr, in_place);
            int v = in_place ? js_expr_any(fs, as->value) : js_alloc_reg(fs);
            if (!in_place)
                js_expr(fs, as->value, v);
            js_set_pos(fs, &as->h);
            emit_member_put(fs, &mr, v);
            if (!unused)
                js_emit_rr(fs, OP_mov, dst, v);
            js_free_to(fs, save);
            return;
        }
        int v = js_alloc_reg(fs);
        js_expr(fs, as->value, v);
        js_emit_assign_to(fs, t, v, false, -1);
        if (!unused)
            js_emit_rr(fs, OP_mov, dst, v);
        js_free_to(fs, v);
        return;
    }
    bool logical = as->op == AST_OP_AND || as->op == AST_OP_OR || as->op == AST_OP_NULLISH;
    int save = fs->cur_reg;
    if (t->kind == AST_IDENT) {
        const AstName *nm = ((AstIdent *)t)->name;
        int envreg = js_emit_ref_resolve(fs, nm);
        int cur = js_alloc_reg(fs);
        js_emit_ref_load(fs, nm, envreg, cur);
        if (logical) {
            int op = as->op == AST_OP_AND ? OP_jfalse : as->op == AST_OP_OR ? OP_jtrue : OP_jnot_nullish;
            uint32_t j = js_emit_jcond(fs, op, cur);
            js_expr_named(fs, as->value, cur, js_name_atom(fs, nm));
            js_emit_ref_store(fs, nm, envreg, cur, t);
            js_patch_here(fs, j);
        } else {
            int v = js_alloc_reg(fs);
            js_expr(fs, as->value, v);
            js_set_pos(fs, &as->h);
            js_emit_rrr(fs, binop_opcode(as->op), cur, cur, v);
            js_emit_ref_store(fs, nm, envreg, cur, t);
        }
        if (!unused)
            js_emit_rr(fs, OP_mov, dst, cur);
        js_free_to(fs, save);
        return;
    }
    if (t->kind == AST_MEMBER) {
        MemberRef mr;
        member_ref(fs, (AstMember *)t, &mr);
        if (mr.key >= 0 && !mr.is_super && !mr.is_private) {
            js_emit_r(fs, OP_require_object_coercible, mr.obj);
            js_emit_rr(fs, OP_to_propkey, mr.key, mr.key);
        }
        int cur = js_alloc_reg(fs);
        emit_member_get(fs, &mr, cur);
        if (logical) {
            int op = as->op == AST_OP_AND ? OP_jfalse : as->op == AST_OP_OR ? OP_jtrue : OP_jnot_nullish;
            uint32_t j = js_emit_jcond(fs, op, cur);
            js_expr(fs, as->value, cur);
            emit_member_put(fs, &mr, cur);
            js_patch_here(fs, j);
        } else {
            int v = js_alloc_reg(fs);
            js_expr(fs, as->value, v);
            js_set_pos(fs, &as->h);
            js_emit_rrr(fs, binop_opcode(as->op), cur, cur, v);
            emit_member_put(fs, &mr, cur);
        }
        if (!unused)
            js_emit_rr(fs, OP_mov, dst, cur);
        js_free_to(fs, save);
        return;
    }
    /* f() += 1 */
    js_emit_assign_to(fs, t, dst, false, -1);
}

static void compile_update(FuncState *fs, AstUpdate *u, int dst)
{
    bool unused = take_result_unused(fs);
    int save = fs->cur_reg;
    int op = u->op == AST_OP_INC ? OP_inc : OP_dec;
    if (u->arg->kind == AST_IDENT) {
        const AstName *nm = ((AstIdent *)u->arg)->name;
        int envreg = js_emit_ref_resolve(fs, nm);
        int old = js_alloc_reg(fs);
        int nv = js_alloc_reg(fs);
        js_emit_ref_load(fs, nm, envreg, old);
        js_emit_rr(fs, OP_tonumeric, old, old);
        js_emit_rr(fs, op, nv, old);
        js_emit_ref_store(fs, nm, envreg, nv, u->arg);
        if (!unused)
            js_emit_rr(fs, OP_mov, dst, u->prefix ? nv : old);
        js_free_to(fs, save);
        return;
    }
    if (u->arg->kind == AST_MEMBER) {
        MemberRef mr;
        member_ref(fs, (AstMember *)u->arg, &mr);
        if (mr.key >= 0 && !mr.is_super && !mr.is_private) {
            js_emit_r(fs, OP_require_object_coercible, mr.obj);
            js_emit_rr(fs, OP_to_propkey, mr.key, mr.key);
        }
        int old = js_alloc_reg(fs);
        int nv = js_alloc_reg(fs);
        emit_member_get(fs, &mr, old);
        js_emit_rr(fs, OP_tonumeric, old, old);
        js_emit_rr(fs, op, nv, old);
        emit_member_put(fs, &mr, nv);
        if (!unused)
            js_emit_rr(fs, OP_mov, dst, u->prefix ? nv : old);
        js_free_to(fs, save);
        return;
    }
    js_emit_assign_to(fs, u->arg, dst, false, -1);
}

static void compile_delete(FuncState *fs, AstNode *arg, int dst)
{
    if (arg->kind == AST_IDENT) {
        const AstName *nm = ((AstIdent *)arg)->name;
        Resolved r;
        js_resolve(fs, nm, &r);
        JSAtom atom = js_name_atom(fs, nm);
        PatchList done = {0};
        for (int i = 0; i < r.ndyn; i++) {
            int save = fs->cur_reg;
            int env;
            if (r.dyn[i].kind == RES_REG) env = r.dyn[i].idx;
            else {
                env = js_alloc_reg(fs);
                if (r.dyn[i].kind == RES_BOX) js_emit_rr(fs, OP_box_get, env, r.dyn[i].idx);
                else { js_emit_op(fs, OP_cap_get); js_emit_u16(fs, env); js_emit_u16(fs, r.dyn[i].idx); }
            }
            js_emit_op(fs, OP_dyn_delete);
            js_emit_u16(fs, dst); js_emit_u16(fs, env); js_emit_u32(fs, atom); js_emit_u8(fs, r.dyn[i].is_with);
            js_pl_add(fs, &done, js_emit_jump(fs, 0));
            js_free_to(fs, save);
        }
        if (r.kind == RES_GLOBAL) {
            js_emit_r(fs, OP_delete_global, dst);
            js_emit_u32(fs, atom);
        } else {
            js_emit_r(fs, OP_load_false, dst);
        }
        js_pl_patch_here(fs, &done);
        return;
    }
    if (arg->kind == AST_MEMBER) {
        AstMember *m = (AstMember *)arg;
        int save = fs->cur_reg;
        if (m->object->kind == AST_SUPER) {
            int t = js_alloc_reg(fs);
            js_emit_this(fs, t);
            js_emit_op(fs, OP_throw_error);
            js_emit_u8(fs, JS_ERROR_REFERENCE);
            js_emit_u32(fs, js_add_const(fs, js_new_string_cstr(fs->c->ctx, "unsupported reference to 'super'")));
            js_free_to(fs, save);
            return;
        }
        int obj = js_alloc_reg(fs);
        js_expr(fs, m->object, obj);
        if (m->optional && fs->optchain)
            js_pl_add(fs, fs->optchain, js_emit_jcond(fs, OP_jnullish, obj));
        js_set_pos(fs, arg);
        if (m->computed) {
            int k = js_alloc_reg(fs);
            js_expr(fs, m->property, k);
            js_emit_rrr(fs, OP_delete_elem, dst, obj, k);
        } else {
            js_emit_rr(fs, OP_delete_field, dst, obj);
            js_emit_u32(fs, js_name_atom(fs, ((AstIdent *)m->property)->name));
        }
        js_free_to(fs, save);
        return;
    }
    if (arg->kind == AST_OPTIONAL_CHAIN) {
        PatchList *saved = fs->optchain;
        PatchList pl = {0};
        fs->optchain = &pl;
        compile_delete(fs, ((AstUnaryLike *)arg)->arg, dst);
        uint32_t j = js_emit_jmp(fs);
        js_pl_patch_here(fs, &pl);
        js_emit_r(fs, OP_load_true, dst);
        js_patch_here(fs, j);
        fs->optchain = saved;
        return;
    }
    js_expr_discard(fs, arg);
    js_emit_r(fs, OP_load_true, dst);
}

/* ------------------------------------------------------------------ */
/* generators                                                          */

/* After a resumption in registers (pair, pair+1 = value, mode): return
 * (through finally blocks) or throw as requested. */
static void emit_resume_dispatch(FuncState *fs, int pair)
{
    js_emit_op(fs, OP_jint_ne);
    js_emit_u16(fs, pair + 1);
    js_emit_u32(fs, 2);
    uint32_t j1 = js_emit_jump(fs, 0);
    js_emit_return(fs, pair, NULL);
    js_patch_here(fs, j1);
    js_emit_op(fs, OP_jint_ne);
    js_emit_u16(fs, pair + 1);
    js_emit_u32(fs, 1);
    uint32_t j2 = js_emit_jump(fs, 0);
    js_emit_r(fs, OP_throw, pair);
    js_patch_here(fs, j2);
}

static void compile_yield(FuncState *fs, AstYield *y, int dst)
{
    bool is_async = fs->ast && (fs->ast->fflags & AST_FN_ASYNC);
    int save = fs->cur_reg;
    int pair = js_alloc_regs(fs, 2);
    if (is_async && y->delegate) {
        int it = js_alloc_regs(fs, 2);
        int res = js_alloc_reg(fs);
        int w = js_alloc_regs(fs, 2);
        int t = js_alloc_reg(fs);
        js_expr(fs, y->arg, res);
        js_set_pos(fs, &y->h);
        js_emit_rr(fs, OP_get_async_iterator, it, res);
        js_emit_r(fs, OP_load_undef, pair);
        js_emit_op(fs, OP_load_int);
        js_emit_u16(fs, pair + 1);
        js_emit_u32(fs, 0);
        uint32_t loop = fs->len;
        js_emit_rrr(fs, OP_delegate_call, res, it, pair);
        uint32_t jnoret = js_emit_jump(fs, 0);
        js_emit_await(fs, w, res);
        js_emit_r(fs, OP_check_object, w);
        js_emit_op(fs, OP_get_field);
        js_emit_u16(fs, t); js_emit_u16(fs, w); js_emit_u32(fs, JS_ATOM_done); js_emit_u32(fs, js_new_ic(fs));
        uint32_t jdone = js_emit_jcond(fs, OP_jtrue, t);
        js_emit_op(fs, OP_get_field);
        js_emit_u16(fs, t); js_emit_u16(fs, w); js_emit_u32(fs, JS_ATOM_value); js_emit_u32(fs, js_new_ic(fs));
        js_emit_rr(fs, OP_yield, pair, t);
        {
            /* AsyncGeneratorUnwrapYieldResumption: a return request awaits
               its value first; a rejection goes to the inner iterator as
               a throw */
            js_emit_op(fs, OP_jint_ne);
            js_emit_u16(fs, pair + 1);
            js_emit_u32(fs, 2);
            uint32_t jnr = js_emit_jump(fs, 0);
            js_emit_rr(fs, OP_await, w, pair);
            js_emit_rr(fs, OP_mov, pair, w);
            js_emit_op(fs, OP_jint_ne);
            js_emit_u16(fs, w + 1);
            js_emit_u32(fs, 1);
            uint32_t jok = js_emit_jump(fs, 0);
            js_emit_op(fs, OP_load_int);
            js_emit_u16(fs, pair + 1);
            js_emit_u32(fs, 1);
            js_patch_here(fs, jok);
            js_patch_here(fs, jnr);
        }
        js_emit_jmp_to(fs, loop);
        /* return requested and the inner iterator has no return method */
        js_patch_here(fs, jnoret);
        js_emit_await(fs, w, res);
        js_emit_return(fs, w, NULL);
        js_patch_here(fs, jdone);
        js_emit_op(fs, OP_get_field);
        js_emit_u16(fs, res); js_emit_u16(fs, w); js_emit_u32(fs, JS_ATOM_value); js_emit_u32(fs, js_new_ic(fs));
        js_emit_op(fs, OP_jint_ne);
        js_emit_u16(fs, pair + 1);
        js_emit_u32(fs, 2);
        uint32_t j1 = js_emit_jump(fs, 0);
        js_emit_return(fs, res, NULL);
        js_patch_here(fs, j1);
        js_emit_rr(fs, OP_mov, dst, res);
        js_free_to(fs, save);
        return;
    }
    if (!y->delegate) {
        int v = js_alloc_reg(fs);
        if (y->arg)
            js_expr(fs, y->arg, v);
        else
            js_emit_r(fs, OP_load_undef, v);
        js_set_pos(fs, &y->h);
        if (is_async) {
            js_emit_await(fs, pair, v);
            js_emit_rr(fs, OP_mov, v, pair);
        }
        js_emit_rr(fs, OP_yield, pair, v);
        if (is_async) {
            /* a return request awaits its value */
            js_emit_op(fs, OP_jint_ne);
            js_emit_u16(fs, pair + 1);
            js_emit_u32(fs, 2);
            uint32_t j = js_emit_jump(fs, 0);
            int w = js_alloc_regs(fs, 2);
            js_emit_await(fs, w, pair);
            js_emit_rr(fs, OP_mov, pair, w);
            js_patch_here(fs, j);
        }
        emit_resume_dispatch(fs, pair);
        js_emit_rr(fs, OP_mov, dst, pair);
        js_free_to(fs, save);
        return;
    }
    int it = js_alloc_regs(fs, 2);
    int res = js_alloc_reg(fs);
    js_expr(fs, y->arg, res);
    js_set_pos(fs, &y->h);
    js_emit_rr(fs, OP_get_iterator, it, res);
    js_emit_r(fs, OP_load_undef, pair);
    js_emit_op(fs, OP_load_int);
    js_emit_u16(fs, pair + 1);
    js_emit_u32(fs, 0);
    uint32_t loop = fs->len;
    js_emit_rrr(fs, OP_delegate_step, res, it, pair);
    uint32_t jdone = js_emit_jump(fs, 0);
    js_emit_rr(fs, OP_yield_raw, pair, res);
    js_emit_jmp_to(fs, loop);
    js_patch_here(fs, jdone);
    js_emit_op(fs, OP_jint_ne);
    js_emit_u16(fs, pair + 1);
    js_emit_u32(fs, 2);
    uint32_t j1 = js_emit_jump(fs, 0);
    js_emit_return(fs, res, NULL);
    js_patch_here(fs, j1);
    js_emit_rr(fs, OP_mov, dst, res);
    js_free_to(fs, save);
}

/* ------------------------------------------------------------------ */

void js_expr(FuncState *fs, AstNode *n, int dst)
{
    if (compile_too_deep(fs, n))
        return;
    uint32_t sl = fs->cur_line, sc = fs->cur_col;
    js_set_pos(fs, n);
    switch (n->kind) {
    case AST_IDENT:
        js_emit_load_name(fs, ((AstIdent *)n)->name, dst, false);
        break;
    case AST_NUMBER:
        js_emit_load_number(fs, dst, ((AstNumber *)n)->value);
        break;
    case AST_STRING:
        js_emit_load_string16(fs, dst, ((AstString *)n)->chars, ((AstString *)n)->len);
        break;
    case AST_BIGINT: {
        AstBigInt *bi = (AstBigInt *)n;
        js_emit_load_const(fs, dst, js_bigint_from_literal(fs->c->ctx, bi->digits, bi->len, (int)bi->radix));
        break;
    }
    case AST_TEMPLATE:
        compile_template(fs, (AstTemplate *)n, dst);
        break;
    case AST_TAGGED_TEMPLATE:
        compile_tagged_template(fs, (AstTaggedTemplate *)n, dst);
        break;
    case AST_REGEXP: {
        AstRegExp *re = (AstRegExp *)n;
        uint32_t kp = js_add_const(fs, js_make_string16(fs, re->pattern, re->pattern_len));
        uint32_t kf = js_add_const(fs, js_new_string_utf8(fs->c->ctx, re->flags, re->flags_len));
        js_emit_r(fs, OP_regexp, dst);
        js_emit_u32(fs, kp);
        js_emit_u32(fs, kf);
        break;
    }
    case AST_NULL: js_emit_r(fs, OP_load_null, dst); break;
    case AST_TRUE: js_emit_r(fs, OP_load_true, dst); break;
    case AST_FALSE: js_emit_r(fs, OP_load_false, dst); break;
    case AST_THIS: js_emit_this(fs, dst); break;
    case AST_NEW_TARGET: js_emit_new_target(fs, dst); break;
    case AST_ARRAY: compile_array(fs, (AstArray *)n, dst); break;
    case AST_OBJECT: compile_object(fs, (AstObject *)n, dst); break;
    case AST_FUNCTION:
    case AST_ARROW:
        js_emit_closure(fs, (AstFunction *)n, dst, JS_ATOM_NULL);
        break;
    case AST_CLASS:
        js_compile_class(fs, (AstClass *)n, dst, JS_ATOM_NULL);
        break;
    case AST_UNARY: {
        AstUnary *u = (AstUnary *)n;
        if (u->op == AST_OP_DELETE) {
            compile_delete(fs, u->arg, dst);
            break;
        }
        if (u->op == AST_OP_TYPEOF && u->arg->kind == AST_IDENT) {
            js_emit_load_name(fs, ((AstIdent *)u->arg)->name, dst, true);
            js_emit_rr(fs, OP_typeof, dst, dst);
            break;
        }
        int save = fs->cur_reg;
        int a = js_expr_any(fs, u->arg);
        js_set_pos(fs, n);
        switch (u->op) {
        case AST_OP_NEG: js_emit_rr(fs, OP_neg, dst, a); break;
        case AST_OP_PLUS: js_emit_rr(fs, OP_plus, dst, a); break;
        case AST_OP_NOT: js_emit_rr(fs, OP_not, dst, a); break;
        case AST_OP_BITNOT: js_emit_rr(fs, OP_bnot, dst, a); break;
        case AST_OP_TYPEOF: js_emit_rr(fs, OP_typeof, dst, a); break;
        case AST_OP_VOID: js_emit_r(fs, OP_load_undef, dst); break;
        default: js_cerror(fs, n, "bad unary operator"); break;
        }
        js_free_to(fs, save);
        break;
    }
    case AST_UPDATE:
        compile_update(fs, (AstUpdate *)n, dst);
        break;
    case AST_BINARY: {
        AstBinary *b = (AstBinary *)n;
        int save = fs->cur_reg;
        if (b->op == AST_OP_IN && b->left->kind == AST_PRIVATE_NAME) {
            int k = js_alloc_reg(fs);
            js_emit_load_name(fs, ((AstIdent *)b->left)->name, k, false);
            int o = js_expr_any(fs, b->right);
            js_emit_rrr(fs, OP_private_in, dst, k, o);
            js_free_to(fs, save);
            break;
        }
        int l;
        if (b->right->kind == AST_IDENT || expr_is_simple(b->right))
            l = js_expr_any(fs, b->left);
        else {
            l = js_alloc_reg(fs);
            js_expr(fs, b->left, l);
        }
        int r = js_expr_any(fs, b->right);
        js_set_pos(fs, n);
        js_emit_rrr(fs, binop_opcode(b->op), dst, l, r);
        js_free_to(fs, save);
        break;
    }
    case AST_LOGICAL: {
        AstBinary *b = (AstBinary *)n;
        js_expr(fs, b->left, dst);
        int op = b->op == AST_OP_AND ? OP_jfalse : b->op == AST_OP_OR ? OP_jtrue : OP_jnot_nullish;
        uint32_t j = js_emit_jcond(fs, op, dst);
        js_expr(fs, b->right, dst);
        js_patch_here(fs, j);
        break;
    }
    case AST_ASSIGN:
        compile_assign(fs, (AstAssign *)n, dst);
        break;
    case AST_CONDITIONAL: {
        AstConditional *c = (AstConditional *)n;
        int save = fs->cur_reg;
        int t = js_expr_any(fs, c->test);
        uint32_t j1 = js_emit_jcond(fs, OP_jfalse, t);
        js_free_to(fs, save);
        js_expr(fs, c->cons, dst);
        uint32_t j2 = js_emit_jmp(fs);
        js_patch_here(fs, j1);
        js_expr(fs, c->alt, dst);
        js_patch_here(fs, j2);
        break;
    }
    case AST_CALL:
        compile_call(fs, (AstCall *)n, dst);
        break;
    case AST_NEW:
        compile_new(fs, (AstCall *)n, dst);
        break;
    case AST_MEMBER: {
        int save = fs->cur_reg;
        MemberRef mr;
        member_ref_ex(fs, (AstMember *)n, &mr, true);
        js_set_pos(fs, n);
        emit_member_get(fs, &mr, dst);
        js_free_to(fs, save);
        break;
    }
    case AST_OPTIONAL_CHAIN: {
        PatchList *saved = fs->optchain;
        PatchList pl = {0};
        fs->optchain = &pl;
        js_expr(fs, ((AstUnaryLike *)n)->arg, dst);
        fs->optchain = saved;
        if (pl.n) {
            uint32_t j = js_emit_jmp(fs);
            js_pl_patch_here(fs, &pl);
            js_emit_r(fs, OP_load_undef, dst);
            js_patch_here(fs, j);
        }
        break;
    }
    case AST_SEQUENCE: {
        AstSequence *s = (AstSequence *)n;
        for (uint32_t i = 0; i < s->exprs.count; i++) {
            if (i + 1 < s->exprs.count)
                js_expr_discard(fs, s->exprs.items[i]);
            else
                js_expr(fs, s->exprs.items[i], dst);
        }
        break;
    }
    case AST_YIELD:
        compile_yield(fs, (AstYield *)n, dst);
        break;
    case AST_AWAIT: {
        if (!fs->ast || !(fs->ast->fflags & AST_FN_ASYNC)) {
            js_cerror(fs, n, "await is only valid in async functions and the top level bodies of modules");
            break;
        }
        int save = fs->cur_reg;
        int pair = js_alloc_regs(fs, 2);
        int v = js_alloc_reg(fs);
        js_expr(fs, ((AstUnaryLike *)n)->arg, v);
        js_set_pos(fs, n);
        js_emit_rr(fs, OP_await, pair, v);
        emit_resume_dispatch(fs, pair);
        js_emit_rr(fs, OP_mov, dst, pair);
        js_free_to(fs, save);
        break;
    }
    case AST_SUPER:
        js_cerror(fs, n, "'super' keyword unexpected here");
        break;
    case AST_IMPORT_CALL: {
        AstImportCall *ic = (AstImportCall *)n;
        int save = fs->cur_reg;
        int sp = js_alloc_reg(fs);
        int op = js_alloc_reg(fs);
        js_expr(fs, ic->source, sp);
        if (ic->options)
            js_expr(fs, ic->options, op);
        else
            js_emit_r(fs, OP_load_undef, op);
        js_set_pos(fs, n);
        js_emit_rrr(fs, OP_import_call, dst, sp, op);
        js_free_to(fs, save);
        break;
    }
    case AST_IMPORT_META:
        js_compile_import_meta(fs, dst);
        break;
    default:
        js_cerror(fs, n, "unsupported expression");
        break;
    }
    fs->cur_line = sl;
    fs->cur_col = sc;
}
