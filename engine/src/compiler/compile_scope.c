/* Compiler core: emission buffers and the line table, registers,
 * constants and atoms, scopes and bindings, identifier resolution (to a
 * register, a box, a closure variable, a global, with dynamic with/eval
 * checks in between), closures and captures, and the per-function driver
 * (FunctionDeclarationInstantiation) and the js_compile entry point. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile_int.h"
#include "conv.h"

/* ------------------------------------------------------------------ */
/* errors                                                              */

void js_cerror(FuncState *fs, AstNode *n, const char *msg)
{
    Compiler *c = fs->c;
    if (c->failed)
        return;
    c->failed = true;
    if (!js_has_exception(c->ctx)) {
        char fn[128];
        js_atom_get_cstr(c->ctx->rt, fn, sizeof fn, c->filename);
        js_throw_syntax_error(c->ctx, "%s at %s:%u:%u", msg, fn,
                              n ? n->line : fs->cur_line, n ? n->column : fs->cur_col);
    }
}

static void oom(FuncState *fs)
{
    if (!fs->c->failed) {
        fs->c->failed = true;
        if (!js_has_exception(fs->c->ctx))
            js_throw_out_of_memory(fs->c->ctx);
    }
}

static bool grow(FuncState *fs, void **p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    uint32_t nc = *cap ? *cap * 2 : 16;
    while (nc < need)
        nc *= 2;
    void *np = realloc(*p, (size_t)nc * elem);
    if (!np) {
        oom(fs);
        return false;
    }
    *p = np;
    *cap = nc;
    return true;
}

/* ------------------------------------------------------------------ */
/* line table: entries (uleb pc delta, zigzag line delta, uleb column)  */

static void put_uleb(FuncState *fs, uint32_t v)
{
    do {
        if (!grow(fs, (void **)&fs->lines, &fs->lines_cap, fs->lines_len + 1, 1))
            return;
        uint8_t byte = v & 0x7f;
        v >>= 7;
        if (v)
            byte |= 0x80;
        fs->lines[fs->lines_len++] = byte;
    } while (v);
}

static void record_line(FuncState *fs)
{
    if (fs->cur_line == fs->last_line && fs->cur_col == fs->last_col)
        return;
    int32_t dl = (int32_t)fs->cur_line - (int32_t)fs->last_line;
    put_uleb(fs, fs->len - fs->last_line_pc);
    put_uleb(fs, ((uint32_t)dl << 1) ^ (uint32_t)(dl >> 31));
    put_uleb(fs, fs->cur_col);
    fs->last_line_pc = fs->len;
    fs->last_line = fs->cur_line;
    fs->last_col = fs->cur_col;
}

void js_set_pos(FuncState *fs, AstNode *n)
{
    if (n && n->line) {
        fs->cur_line = n->line;
        fs->cur_col = n->column;
    }
}

/* ------------------------------------------------------------------ */
/* emission                                                            */

static void emit_bytes(FuncState *fs, const void *p, uint32_t n)
{
    if (!grow(fs, (void **)&fs->code, &fs->cap, fs->len + n, 1))
        return;
    memcpy(fs->code + fs->len, p, n);
    fs->len += n;
}

void js_emit_op(FuncState *fs, int op)
{
    record_line(fs);
    uint8_t b = (uint8_t)op;
    emit_bytes(fs, &b, 1);
}
void js_emit_u8(FuncState *fs, uint32_t v) { uint8_t b = (uint8_t)v; emit_bytes(fs, &b, 1); }
void js_emit_u16(FuncState *fs, uint32_t v) { uint16_t b = (uint16_t)v; emit_bytes(fs, &b, 2); }
void js_emit_u32(FuncState *fs, uint32_t v) { emit_bytes(fs, &v, 4); }
void js_emit_r(FuncState *fs, int op, int r) { js_emit_op(fs, op); js_emit_u16(fs, r); }
void js_emit_rr(FuncState *fs, int op, int a, int b) { js_emit_op(fs, op); js_emit_u16(fs, a); js_emit_u16(fs, b); }
void js_emit_rrr(FuncState *fs, int op, int a, int b, int c)
{
    js_emit_op(fs, op); js_emit_u16(fs, a); js_emit_u16(fs, b); js_emit_u16(fs, c);
}

uint32_t js_emit_jump(FuncState *fs, int op)
{
    (void)op;
    uint32_t pos = fs->len;
    js_emit_u32(fs, 0);
    return pos;
}
uint32_t js_emit_jmp(FuncState *fs)
{
    js_emit_op(fs, OP_jmp);
    return js_emit_jump(fs, OP_jmp);
}
uint32_t js_emit_jcond(FuncState *fs, int op, int r)
{
    js_emit_op(fs, op);
    js_emit_u16(fs, r);
    return js_emit_jump(fs, op);
}
/* Jump operands are the last operand of their instruction: the offset is
 * relative to pos + 4, the end of the instruction. */
static void patch_to(FuncState *fs, uint32_t pos, uint32_t target)
{
    if (fs->c->failed || pos + 4 > fs->len)
        return;
    int32_t off = (int32_t)target - (int32_t)(pos + 4);
    memcpy(fs->code + pos, &off, 4);
}
void js_patch_here(FuncState *fs, uint32_t pos) { patch_to(fs, pos, fs->len); }
void js_emit_jmp_to(FuncState *fs, uint32_t target)
{
    uint32_t p = js_emit_jmp(fs);
    patch_to(fs, p, target);
}
/* await of register v into the pair (value, mode): throws on rejection. */
void js_emit_await(FuncState *fs, int pair, int v)
{
    js_emit_rr(fs, OP_await, pair, v);
    js_emit_op(fs, OP_jint_ne);
    js_emit_u16(fs, pair + 1);
    js_emit_u32(fs, 1);
    uint32_t j = js_emit_jump(fs, 0);
    js_emit_r(fs, OP_throw, pair);
    js_patch_here(fs, j);
}
void js_pl_add(FuncState *fs, PatchList *pl, uint32_t pos)
{
    if (!grow(fs, (void **)&pl->pos, &pl->cap, pl->n + 1, sizeof(uint32_t)))
        return;
    pl->pos[pl->n++] = pos;
}
void js_pl_patch_to(FuncState *fs, PatchList *pl, uint32_t target)
{
    for (uint32_t i = 0; i < pl->n; i++)
        patch_to(fs, pl->pos[i], target);
    free(pl->pos);
    pl->pos = NULL;
    pl->n = pl->cap = 0;
}
void js_pl_patch_here(FuncState *fs, PatchList *pl) { js_pl_patch_to(fs, pl, fs->len); }

/* ------------------------------------------------------------------ */
/* registers                                                           */

int js_alloc_reg(FuncState *fs)
{
    int r = fs->cur_reg++;
    if (fs->cur_reg > fs->max_reg)
        fs->max_reg = fs->cur_reg;
    if (fs->cur_reg > 65000)
        js_cerror(fs, NULL, "function too large");
    return r;
}
int js_alloc_regs(FuncState *fs, int n)
{
    int r = fs->cur_reg;
    for (int i = 0; i < n; i++)
        js_alloc_reg(fs);
    return r;
}
void js_free_to(FuncState *fs, int r)
{
    if (r < fs->cur_reg)
        fs->cur_reg = r;
}

/* ------------------------------------------------------------------ */
/* constants and atoms                                                 */

uint32_t js_add_const(FuncState *fs, JSValue v)
{
    JSFunctionBytecode *b = fs->b;
    if (v == JS_EXCEPTION) {
        fs->c->failed = true;
        return 0;
    }
    if (!grow(fs, (void **)&b->cpool, &fs->cpool_cap, b->cpool_len + 1, sizeof(JSValue)))
        return 0;
    b->cpool[b->cpool_len] = v;
    return b->cpool_len++;
}

uint32_t js_fs_atom(FuncState *fs, JSAtom a)
{
    JSFunctionBytecode *b = fs->b;
    if (a == JS_ATOM_NULL || js_atom_is_int(a))
        return a;
    if (!fs->atom_hash || b->atom_count * 2 >= fs->atom_hash_mask) {
        uint32_t nm = fs->atom_hash ? (fs->atom_hash_mask + 1) * 2 - 1 : 63;
        uint32_t *nh = calloc(nm + 1, sizeof(uint32_t));
        if (!nh) {
            oom(fs);
            return a;
        }
        for (uint32_t i = 0; i < b->atom_count; i++) {
            uint32_t h = (b->atoms[i] * 2654435761u) & nm;
            while (nh[h])
                h = (h + 1) & nm;
            nh[h] = i + 1;
        }
        free(fs->atom_hash);
        fs->atom_hash = nh;
        fs->atom_hash_mask = nm;
    }
    uint32_t h = (a * 2654435761u) & fs->atom_hash_mask;
    while (fs->atom_hash[h]) {
        if (b->atoms[fs->atom_hash[h] - 1] == a)
            return a;
        h = (h + 1) & fs->atom_hash_mask;
    }
    if (!grow(fs, (void **)&b->atoms, &fs->atoms_cap, b->atom_count + 1, sizeof(JSAtom)))
        return a;
    b->atoms[b->atom_count++] = a;
    fs->atom_hash[h] = b->atom_count;
    return a;
}

JSAtom js_name_atom(FuncState *fs, const AstName *name)
{
    Compiler *c = fs->c;
    if (!c->amap || c->amap_count * 2 >= c->amap_mask) {
        uint32_t nm = c->amap ? (c->amap_mask + 1) * 2 - 1 : 255;
        AtomMapEntry *na = calloc(nm + 1, sizeof *na);
        if (!na) {
            oom(fs);
            return JS_ATOM_NULL;
        }
        for (uint32_t i = 0; c->amap && i <= c->amap_mask; i++) {
            if (!c->amap[i].name)
                continue;
            uint32_t h = c->amap[i].name->hash & nm;
            while (na[h].name)
                h = (h + 1) & nm;
            na[h] = c->amap[i];
        }
        free(c->amap);
        c->amap = na;
        c->amap_mask = nm;
    }
    uint32_t h = name->hash & c->amap_mask;
    while (c->amap[h].name) {
        if (c->amap[h].name == name)
            return js_fs_atom(fs, c->amap[h].atom);
        h = (h + 1) & c->amap_mask;
    }
    JSAtom a = js_atom_from_utf8(c->ctx, name->str, name->len);
    if (a == JS_ATOM_NULL) {
        c->failed = true;
        return a;
    }
    js_fs_atom(fs, a);     /* keep it alive before anything else allocates */
    c->amap[h].name = name;
    c->amap[h].atom = a;
    c->amap_count++;
    return a;
}

JSAtom js_cstr_atom(FuncState *fs, const char *s)
{
    JSAtom a = js_atom_from_cstr(fs->c->ctx, s);
    if (a == JS_ATOM_NULL)
        fs->c->failed = true;
    return js_fs_atom(fs, a);
}

uint32_t js_new_ic(FuncState *fs)
{
    return fs->b->ic_count++;
}

bool js_name_is(const AstName *n, const char *s)
{
    return n && strcmp(n->str, s) == 0;
}

JSValue js_make_string16(FuncState *fs, const uint16_t *s, uint32_t len)
{
    return js_new_string_utf16(fs->c->ctx, s, len);
}

void js_emit_load_const(FuncState *fs, int dst, JSValue v)
{
    uint32_t k = js_add_const(fs, v);
    js_emit_op(fs, OP_load_const);
    js_emit_u16(fs, dst);
    js_emit_u32(fs, k);
}

void js_emit_load_number(FuncState *fs, int dst, double d)
{
    JSValue v = js_number(d);
    if (js_is_int(v)) {
        js_emit_op(fs, OP_load_int);
        js_emit_u16(fs, dst);
        js_emit_u32(fs, (uint32_t)js_get_int(v));
    } else {
        js_emit_load_const(fs, dst, v);
    }
}

void js_emit_load_string16(FuncState *fs, int dst, const uint16_t *s, uint32_t len)
{
    js_emit_load_const(fs, dst, js_make_string16(fs, s, len));
}

/* ------------------------------------------------------------------ */
/* name sets (names used inside nested functions)                      */

static void ns_add(FuncState *fs, NameSet *ns, const AstName *n)
{
    if (!n)
        return;
    if (!ns->slots || ns->count * 2 >= ns->mask) {
        uint32_t nm = ns->slots ? (ns->mask + 1) * 2 - 1 : 63;
        const AstName **s = js_arena_zalloc(fs->c->arena, (nm + 1) * sizeof *s);
        if (!s) {
            oom(fs);
            return;
        }
        for (uint32_t i = 0; ns->slots && i <= ns->mask; i++) {
            if (!ns->slots[i])
                continue;
            uint32_t h = ns->slots[i]->hash & nm;
            while (s[h])
                h = (h + 1) & nm;
            s[h] = ns->slots[i];
        }
        ns->slots = s;
        ns->mask = nm;
    }
    uint32_t h = n->hash & ns->mask;
    while (ns->slots[h]) {
        if (ns->slots[h] == n)
            return;
        h = (h + 1) & ns->mask;
    }
    ns->slots[h] = n;
    ns->count++;
}

static bool ns_has(const NameSet *ns, const AstName *n)
{
    if (!ns->slots || !n)
        return false;
    uint32_t h = n->hash & ns->mask;
    while (ns->slots[h]) {
        if (ns->slots[h] == n)
            return true;
        h = (h + 1) & ns->mask;
    }
    return false;
}

/* Generic child enumeration of the AST. */
typedef void (*VisitFn)(AstNode *n, void *op);

static void visit_list(AstList *l, VisitFn fn, void *op)
{
    for (uint32_t i = 0; i < l->count; i++)
        if (l->items[i])
            fn(l->items[i], op);
}
#define V(x) do { if (x) fn((AstNode *)(x), op); } while (0)

static void ast_children(AstNode *n, VisitFn fn, void *op)
{
    switch (n->kind) {
    case AST_TEMPLATE: {
        AstTemplate *t = (AstTemplate *)n;
        for (uint32_t i = 0; i + 1 < t->nparts; i++)
            V(t->exprs[i]);
        break;
    }
    case AST_TAGGED_TEMPLATE: V(((AstTaggedTemplate *)n)->tag); V(((AstTaggedTemplate *)n)->quasi); break;
    case AST_ARRAY: case AST_ARRAY_PATTERN: visit_list(&((AstArray *)n)->elements, fn, op); break;
    case AST_OBJECT: case AST_OBJECT_PATTERN: visit_list(&((AstObject *)n)->props, fn, op); break;
    case AST_PROPERTY: V(((AstProperty *)n)->key); V(((AstProperty *)n)->value); break;
    case AST_FUNCTION: case AST_ARROW: {
        AstFunction *f = (AstFunction *)n;
        visit_list(&f->params, fn, op);
        visit_list(&f->body, fn, op);
        V(f->expr_body);
        break;
    }
    case AST_CLASS: {
        AstClass *c = (AstClass *)n;
        V(c->heritage);
        V(c->constructor);
        visit_list(&c->elements, fn, op);
        break;
    }
    case AST_CLASS_ELEMENT: V(((AstClassElement *)n)->key); V(((AstClassElement *)n)->value); break;
    case AST_UNARY: V(((AstUnary *)n)->arg); break;
    case AST_UPDATE: V(((AstUpdate *)n)->arg); break;
    case AST_BINARY: case AST_LOGICAL: V(((AstBinary *)n)->left); V(((AstBinary *)n)->right); break;
    case AST_ASSIGN: case AST_ASSIGN_PATTERN: V(((AstAssign *)n)->target); V(((AstAssign *)n)->value); break;
    case AST_CONDITIONAL: case AST_IF:
        V(((AstConditional *)n)->test); V(((AstConditional *)n)->cons); V(((AstConditional *)n)->alt);
        break;
    case AST_CALL: case AST_NEW: V(((AstCall *)n)->callee); visit_list(&((AstCall *)n)->args, fn, op); break;
    case AST_MEMBER: V(((AstMember *)n)->object); V(((AstMember *)n)->property); break;
    case AST_OPTIONAL_CHAIN: case AST_SPREAD: case AST_AWAIT: case AST_REST:
    case AST_EXPR_STMT: case AST_RETURN: case AST_THROW:
        V(((AstUnaryLike *)n)->arg);
        break;
    case AST_SEQUENCE: visit_list(&((AstSequence *)n)->exprs, fn, op); break;
    case AST_YIELD: V(((AstYield *)n)->arg); break;
    case AST_IMPORT_CALL: V(((AstImportCall *)n)->source); V(((AstImportCall *)n)->options); break;
    case AST_VAR_DECL: visit_list(&((AstVarDecl *)n)->decls, fn, op); break;
    case AST_DECLARATOR: V(((AstDeclarator *)n)->target); V(((AstDeclarator *)n)->init); break;
    case AST_BLOCK: visit_list(&((AstBlock *)n)->body, fn, op); break;
    case AST_FOR: {
        AstFor *f = (AstFor *)n;
        V(f->init); V(f->test); V(f->update); V(f->body);
        break;
    }
    case AST_FOR_IN: case AST_FOR_OF:
        V(((AstForInOf *)n)->left); V(((AstForInOf *)n)->right); V(((AstForInOf *)n)->body);
        break;
    case AST_WHILE: case AST_DO_WHILE: V(((AstWhile *)n)->test); V(((AstWhile *)n)->body); break;
    case AST_WITH: V(((AstWith *)n)->object); V(((AstWith *)n)->body); break;
    case AST_SWITCH: V(((AstSwitch *)n)->disc); visit_list(&((AstSwitch *)n)->cases, fn, op); break;
    case AST_CASE: V(((AstCase *)n)->test); visit_list(&((AstCase *)n)->body, fn, op); break;
    case AST_TRY: {
        AstTry *t = (AstTry *)n;
        V(t->block); V(t->param); V(t->handler); V(t->finalizer);
        break;
    }
    case AST_LABELED: V(((AstLabeled *)n)->body); break;
    case AST_EXPORT_NAMED: V(((AstExportNamed *)n)->decl); break;
    case AST_EXPORT_DEFAULT: V(((AstExportDefault *)n)->decl); break;
    default:
        break;
    }
}
#undef V

/* Collects every name mentioned anywhere in a nested function. */
static void collect_all(AstNode *n, void *op)
{
    FuncState *fs = op;
    Compiler *c = fs->c;
    if (compile_too_deep(fs, n))
        return;
    switch (n->kind) {
    case AST_IDENT:
    case AST_PRIVATE_NAME:
        ns_add(fs, &fs->inner_names, ((AstIdent *)n)->name);
        return;
    case AST_THIS:
        ns_add(fs, &fs->inner_names, c->n_this);
        return;
    case AST_NEW_TARGET:
        ns_add(fs, &fs->inner_names, c->n_new_target);
        return;
    case AST_SUPER:
        ns_add(fs, &fs->inner_names, c->n_this);
        ns_add(fs, &fs->inner_names, c->n_home);
        ns_add(fs, &fs->inner_names, c->n_fn);
        ns_add(fs, &fs->inner_names, c->n_new_target);
        return;
    case AST_FUNCTION: case AST_ARROW: {
        AstFunction *f = (AstFunction *)n;
        for (uint32_t i = 0; i < f->nparam_names; i++)
            ns_add(fs, &fs->inner_names, f->param_names[i]);
        if (f->fflags & AST_FN_USES_ARGUMENTS)
            ns_add(fs, &fs->inner_names, c->n_arguments);
        break;
    }
    case AST_CLASS:
        ns_add(fs, &fs->inner_names, c->n_this);
        ns_add(fs, &fs->inner_names, c->n_home);
        break;
    default:
        break;
    }
    ast_children(n, collect_all, op);
}

static void find_inner(AstNode *n, void *op)
{
    if (compile_too_deep(op, n))
        return;
    if (n->kind == AST_FUNCTION || n->kind == AST_ARROW || n->kind == AST_CLASS) {
        collect_all(n, op);
        return;
    }
    ast_children(n, find_inner, op);
}

/* ------------------------------------------------------------------ */
/* scopes and bindings                                                 */

CScope *js_scope_push(FuncState *fs, int kind)
{
    CScope *s = js_arena_zalloc(fs->c->arena, sizeof *s);
    if (!s) {
        oom(fs);
        return fs->scope;
    }
    s->parent = fs->scope;
    s->fs = fs;
    s->kind = kind;
    fs->scope = s;
    return s;
}

void js_scope_pop(FuncState *fs)
{
    CScope *s = fs->scope;
    for (uint32_t i = 0; i < s->nvars; i++)
        if (s->vars[i]->live_end > fs->len)
            s->vars[i]->live_end = fs->len;
    fs->scope = s->parent;
}

/* Lists b, whose register holds it from now until its scope is popped,
 * in the local name table (b->local_names) that error messages read. */
static void note_local_name(FuncState *fs, CBinding *b)
{
    if (b->kind == BK_HIDDEN || b->from_capture || !fs->b)
        return;
    if (fs->nnamed == fs->named_cap) {
        uint32_t nc = fs->named_cap ? fs->named_cap * 2 : 16;
        CBinding **nv = realloc(fs->named, nc * sizeof *nv);
        if (!nv) {
            oom(fs);
            return;
        }
        fs->named = nv;
        fs->named_cap = nc;
    }
    b->live_start = fs->len;
    b->live_end = UINT32_MAX;
    fs->named[fs->nnamed++] = b;
}

/* Builds b->local_names from the noted bindings. May collect (atoms). */
static bool build_local_names(FuncState *fs)
{
    JSFunctionBytecode *b = fs->b;
    uint32_t n = 0;
    if (fs->nnamed) {
        b->local_names = malloc(fs->nnamed * sizeof *b->local_names);
        if (!b->local_names) {
            oom(fs);
            return false;
        }
    }
    for (uint32_t i = 0; i < fs->nnamed; i++) {
        CBinding *cb = fs->named[i];
        uint32_t end = cb->live_end < fs->len ? cb->live_end : fs->len;
        if (cb->live_start >= end)
            continue;
        JSLocalName *ln = &b->local_names[n];
        ln->name = js_name_atom(fs, cb->name);
        if (!ln->name)
            return false;
        ln->start = cb->live_start;
        ln->end = end;
        ln->reg = cb->reg;
        b->local_name_count = ++n;
    }
    return true;
}

CBinding *js_scope_find(CScope *s, const AstName *name)
{
    for (uint32_t i = 0; i < s->nvars; i++)
        if (s->vars[i]->name == name)
            return s->vars[i];
    return NULL;
}

static bool should_box(FuncState *fs, const AstName *name)
{
    return fs->box_all || ns_has(&fs->inner_names, name);
}

CBinding *js_declare(FuncState *fs, CScope *s, const AstName *name, int kind)
{
    CBinding *b = js_scope_find(s, name);
    if (b)
        return b;
    b = js_arena_zalloc(fs->c->arena, sizeof *b);
    if (!b) {
        oom(fs);
        static CBinding dummy;
        return &dummy;
    }
    b->name = name;
    b->kind = kind;
    b->scope = s;
    b->tdz = (kind == BK_LET || kind == BK_CONST || kind == BK_CLASS || kind == BK_CLASS_INNER);
    b->is_const = (kind == BK_CONST || kind == BK_CLASS_INNER || kind == BK_FN_NAME);
    b->boxed = should_box(fs, name);
    b->reg = js_alloc_reg(fs);
    if (s->nvars == s->cap) {
        uint32_t nc = s->cap ? s->cap * 2 : 8;
        CBinding **nv = js_arena_alloc(fs->c->arena, nc * sizeof *nv);
        if (!nv) {
            oom(fs);
            return b;
        }
        if (s->nvars)
            memcpy(nv, s->vars, s->nvars * sizeof *nv);
        s->vars = nv;
        s->cap = nc;
    }
    s->vars[s->nvars++] = b;
    note_local_name(fs, b);
    return b;
}

/* Emits the initial state of a freshly declared binding. */
static void init_binding_state(FuncState *fs, CBinding *b)
{
    if (b->boxed)
        js_emit_r(fs, b->tdz ? OP_box_new_uninit : OP_box_new, b->reg);
    else
        js_emit_r(fs, b->tdz ? OP_load_uninit : OP_load_undef, b->reg);
}

int js_capture_index(FuncState *fs, CBinding *b)
{
    for (uint32_t i = 0; i < fs->b->capture_count; i++)
        if (fs->cap_bindings[i] == b)
            return (int)i;
    FuncState *owner = b->scope->fs;
    JSCaptureInfo ci;
    memset(&ci, 0, sizeof ci);
    if (owner == fs->parent) {
        if (owner->ast == NULL) {   /* eval caller descriptor */
            ci.from_capture = b->from_capture;
            ci.index = b->reg;
        } else {
            if (!b->boxed)
                js_cerror(fs, NULL, "internal error: captured binding is not boxed");
            ci.from_capture = 0;
            ci.index = b->reg;
        }
    } else if (fs->parent) {
        ci.from_capture = 1;
        ci.index = (uint16_t)js_capture_index(fs->parent, b);
    }
    ci.is_const = b->is_const;
    ci.name = b->name ? js_name_atom(fs, b->name) : JS_ATOM_NULL;
    uint32_t n = fs->b->capture_count;
    uint32_t cap1 = fs->caps_cap, cap2 = fs->caps_cap;
    if (!grow(fs, (void **)&fs->b->captures, &cap1, n + 1, sizeof(JSCaptureInfo)))
        return 0;
    if (!grow(fs, (void **)&fs->cap_bindings, &cap2, n + 1, sizeof(CBinding *)))
        return 0;
    fs->caps_cap = cap1;
    fs->b->captures[n] = ci;
    fs->cap_bindings[n] = b;
    fs->b->capture_count = n + 1;
    if (n + 1 > 65000)
        js_cerror(fs, NULL, "too many closure variables");
    return (int)n;
}

static void locate(FuncState *fs, CBinding *b, int *kind, int *idx)
{
    if (b->scope->fs == fs) {
        *kind = b->boxed ? RES_BOX : RES_REG;
        *idx = b->reg;
    } else {
        *kind = RES_CAP;
        *idx = js_capture_index(fs, b);
    }
}

void js_resolve(FuncState *fs, const AstName *name, Resolved *r)
{
    r->ndyn = 0;
    r->b = NULL;
    for (CScope *s = fs->scope; s; s = s->parent) {
        CBinding *b = js_scope_find(s, name);
        if (b) {
            r->b = b;
            locate(fs, b, &r->kind, &r->idx);
            return;
        }
        if (s->dynamic && s->env_binding && r->ndyn < MAX_DYN) {
            DynRef *d = &r->dyn[r->ndyn++];
            locate(fs, s->env_binding, &d->kind, &d->idx);
            d->is_with = s->env_is_with;
        }
    }
    r->kind = RES_GLOBAL;
    r->idx = 0;
}

/* Loads the env object of a dynamic scope into a register. */
static int dyn_env_reg(FuncState *fs, DynRef *d)
{
    if (d->kind == RES_REG)
        return d->idx;
    int t = js_alloc_reg(fs);
    if (d->kind == RES_BOX)
        js_emit_rr(fs, OP_box_get, t, d->idx);
    else {
        js_emit_op(fs, OP_cap_get);
        js_emit_u16(fs, t);
        js_emit_u16(fs, d->idx);
    }
    return t;
}

void js_emit_dyn_checks_get(FuncState *fs, Resolved *r, JSAtom atom, int dst, bool for_call, PatchList *done)
{
    for (int i = 0; i < r->ndyn; i++) {
        int save = fs->cur_reg;
        int env = dyn_env_reg(fs, &r->dyn[i]);
        js_emit_op(fs, for_call ? OP_dyn_get_ref : OP_dyn_get);
        js_emit_u16(fs, dst);
        js_emit_u16(fs, env);
        js_emit_u32(fs, atom);
        js_emit_u8(fs, r->dyn[i].is_with);
        js_pl_add(fs, done, js_emit_jump(fs, 0));
        js_free_to(fs, save);
    }
}

static void emit_load_resolved(FuncState *fs, Resolved *r, JSAtom atom, int dst, bool for_typeof)
{
    CBinding *b = r->b;
    bool check = b && b->tdz;
    switch (r->kind) {
    case RES_REG:
        if (dst != r->idx)
            js_emit_rr(fs, OP_mov, dst, r->idx);
        if (check) {
            js_emit_r(fs, OP_check_init, dst);
            js_emit_u32(fs, atom);
        }
        break;
    case RES_BOX:
        js_emit_rr(fs, check ? OP_box_get_check : OP_box_get, dst, r->idx);
        if (check)
            js_emit_u32(fs, atom);
        break;
    case RES_CAP:
        js_emit_op(fs, check ? OP_cap_get_check : OP_cap_get);
        js_emit_u16(fs, dst);
        js_emit_u16(fs, r->idx);
        if (check)
            js_emit_u32(fs, atom);
        break;
    default:
        js_emit_op(fs, for_typeof ? OP_get_global_typeof : OP_get_global);
        js_emit_u16(fs, dst);
        js_emit_u32(fs, atom);
        js_emit_u32(fs, js_new_ic(fs));
        break;
    }
}

void js_emit_load_name(FuncState *fs, const AstName *name, int dst, bool for_typeof)
{
    Resolved r;
    js_resolve(fs, name, &r);
    JSAtom atom = js_name_atom(fs, name);
    if (r.ndyn == 0) {
        emit_load_resolved(fs, &r, atom, dst, for_typeof);
        return;
    }
    PatchList done = {0};
    js_emit_dyn_checks_get(fs, &r, atom, dst, false, &done);
    emit_load_resolved(fs, &r, atom, dst, for_typeof);
    js_pl_patch_here(fs, &done);
}

static void emit_store_resolved(FuncState *fs, Resolved *r, JSAtom atom, int src, bool is_init);

/* References through with/eval objects are resolved once, before their
 * value is read or written: returns a register holding the env object
 * that has the binding (JS_EMPTY when the binding is static), or -1 when
 * no dynamic scope is involved. */
int js_emit_ref_resolve(FuncState *fs, const AstName *name)
{
    Resolved r;
    js_resolve(fs, name, &r);
    if (r.ndyn == 0)
        return -1;
    JSAtom atom = js_name_atom(fs, name);
    int envreg = js_alloc_reg(fs);
    js_emit_r(fs, OP_load_uninit, envreg);     /* not an object: static */
    PatchList done = {0};
    for (int i = 0; i < r.ndyn; i++) {
        int save = fs->cur_reg;
        int env = dyn_env_reg(fs, &r.dyn[i]);
        js_emit_op(fs, OP_dyn_find);
        js_emit_u16(fs, envreg);
        js_emit_u16(fs, env);
        js_emit_u32(fs, atom);
        js_emit_u8(fs, r.dyn[i].is_with);
        js_pl_add(fs, &done, js_emit_jump(fs, 0));
        js_free_to(fs, save);
    }
    js_pl_patch_here(fs, &done);
    return envreg;
}

void js_emit_ref_load(FuncState *fs, const AstName *name, int envreg, int dst)
{
    if (envreg < 0) {
        js_emit_load_name(fs, name, dst, false);
        return;
    }
    js_emit_rr(fs, OP_ref_get, dst, envreg);
    js_emit_u32(fs, js_name_atom(fs, name));
    uint32_t j = js_emit_jump(fs, 0);
    js_emit_load_name_nodyn(fs, name, dst);
    js_patch_here(fs, j);
}

void js_emit_ref_store(FuncState *fs, const AstName *name, int envreg, int src, AstNode *pos)
{
    if (envreg < 0) {
        js_emit_store_name(fs, name, src, false, pos);
        return;
    }
    js_emit_r(fs, OP_ref_put, envreg);
    js_emit_u32(fs, js_name_atom(fs, name));
    js_emit_u16(fs, src);
    uint32_t j = js_emit_jump(fs, 0);
    Resolved r;
    js_resolve(fs, name, &r);
    emit_store_resolved(fs, &r, js_name_atom(fs, name), src, false);
    js_patch_here(fs, j);
}

void js_emit_load_name_nodyn(FuncState *fs, const AstName *name, int dst)
{
    Resolved r;
    js_resolve(fs, name, &r);
    emit_load_resolved(fs, &r, js_name_atom(fs, name), dst, false);
}

void js_add_handler(FuncState *fs, uint32_t start, uint32_t end, uint32_t target)
{
    JSFunctionBytecode *b = fs->b;
    if (!grow(fs, (void **)&b->handlers, &fs->handlers_cap, b->handler_count + 1, sizeof(JSExceptionHandler)))
        return;
    b->handlers[b->handler_count].start = start;
    b->handlers[b->handler_count].end = end;
    b->handlers[b->handler_count].target = target;
    b->handler_count++;
}

int js_local_reg_of(FuncState *fs, const AstName *name)
{
    Resolved r;
    js_resolve(fs, name, &r);
    if (r.ndyn == 0 && r.kind == RES_REG && r.b && !r.b->tdz)
        return r.idx;
    return -1;
}

static void emit_store_resolved(FuncState *fs, Resolved *r, JSAtom atom, int src, bool is_init)
{
    CBinding *b = r->b;
    if (b && b->is_const && !is_init) {
        if (b->kind == BK_FN_NAME) {
            if (fs->strict) {
                js_emit_op(fs, OP_throw_const);
                js_emit_u32(fs, atom);
            }
            return;
        }
        if (b->tdz) {   /* the TDZ error comes first */
            int t = js_alloc_reg(fs);
            emit_load_resolved(fs, r, atom, t, false);
            js_free_to(fs, t);
        }
        js_emit_op(fs, OP_throw_const);
        js_emit_u32(fs, atom);
        return;
    }
    bool check = b && b->tdz && !is_init;
    switch (r->kind) {
    case RES_REG:
        if (check) {
            js_emit_r(fs, OP_check_init, r->idx);
            js_emit_u32(fs, atom);
        }
        if (src != r->idx)
            js_emit_rr(fs, OP_mov, r->idx, src);
        break;
    case RES_BOX:
        js_emit_rr(fs, check ? OP_box_put_check : OP_box_put, r->idx, src);
        if (check)
            js_emit_u32(fs, atom);
        break;
    case RES_CAP:
        js_emit_op(fs, check ? OP_cap_put_check : OP_cap_put);
        js_emit_u16(fs, r->idx);
        js_emit_u16(fs, src);
        if (check)
            js_emit_u32(fs, atom);
        break;
    default:
        if (is_init) {
            js_emit_op(fs, OP_init_global_lex);
            js_emit_u32(fs, atom);
            js_emit_u16(fs, src);
            break;
        }
        js_emit_op(fs, OP_put_global);
        js_emit_u32(fs, atom);
        js_emit_u16(fs, src);
        js_emit_u32(fs, js_new_ic(fs));
        break;
    }
}

void js_emit_store_name(FuncState *fs, const AstName *name, int src, bool is_init, AstNode *pos)
{
    Resolved r;
    js_resolve(fs, name, &r);
    JSAtom atom = js_name_atom(fs, name);
    PatchList done = {0};
    for (int i = 0; i < r.ndyn; i++) {
        int save = fs->cur_reg;
        int env = dyn_env_reg(fs, &r.dyn[i]);
        js_emit_op(fs, OP_dyn_put);
        js_emit_u16(fs, env);
        js_emit_u32(fs, atom);
        js_emit_u16(fs, src);
        js_emit_u8(fs, r.dyn[i].is_with);
        js_pl_add(fs, &done, js_emit_jump(fs, 0));
        js_free_to(fs, save);
    }
    emit_store_resolved(fs, &r, atom, src, is_init);
    js_pl_patch_here(fs, &done);
}

static void emit_load_binding(FuncState *fs, CBinding *b, int dst)
{
    Resolved r;
    r.ndyn = 0;
    r.b = b;
    locate(fs, b, &r.kind, &r.idx);
    emit_load_resolved(fs, &r, js_name_atom(fs, b->name), dst, false);
}

void js_emit_init_binding(FuncState *fs, CBinding *b, int src)
{
    Resolved r;
    r.ndyn = 0;
    r.b = b;
    locate(fs, b, &r.kind, &r.idx);
    emit_store_resolved(fs, &r, js_name_atom(fs, b->name), src, true);
}

/* Hidden bindings (this, new.target, home object, active function): a
 * function that lets arrows (or eval) see them stores them in a binding
 * at entry; otherwise they are read from the frame. */
static CBinding *find_hidden(FuncState *fs, const AstName *name)
{
    for (CScope *s = fs->scope; s; s = s->parent) {
        CBinding *b = js_scope_find(s, name);
        if (b)
            return b;
        if (s->kind == SC_FUNC && !s->fs->is_arrow && s->fs->ast)
            return NULL;    /* a non-arrow function without the binding */
    }
    return NULL;
}

int js_this_reg(FuncState *fs)
{
    CBinding *b = find_hidden(fs, fs->c->n_this);
    if (!b || b->scope->fs != fs || b->boxed || b->tdz)
        return -1;
    return b->reg;
}

void js_emit_this(FuncState *fs, int dst)
{
    CBinding *b = find_hidden(fs, fs->c->n_this);
    if (b) {
        emit_load_binding(fs, b, dst);
        return;
    }
    js_emit_r(fs, OP_load_this, dst);
    if (fs->ast && (fs->ast->fflags & AST_FN_DERIVED) && !fs->is_arrow)
        js_emit_r(fs, OP_check_init_this, dst);
}
void js_emit_new_target(FuncState *fs, int dst)
{
    CBinding *b = find_hidden(fs, fs->c->n_new_target);
    if (b)
        emit_load_binding(fs, b, dst);
    else if (fs->is_arrow)
        js_emit_r(fs, OP_load_undef, dst);
    else
        js_emit_r(fs, OP_load_new_target, dst);
}
void js_emit_home(FuncState *fs, int dst)
{
    CBinding *b = find_hidden(fs, fs->c->n_home);
    if (b)
        emit_load_binding(fs, b, dst);
    else
        js_emit_r(fs, OP_load_home, dst);
}
void js_emit_active_func(FuncState *fs, int dst)
{
    CBinding *b = find_hidden(fs, fs->c->n_fn);
    if (b)
        emit_load_binding(fs, b, dst);
    else
        js_emit_r(fs, OP_load_func, dst);
}

/* ------------------------------------------------------------------ */
/* block scopes                                                        */

void js_enter_block_scope(FuncState *fs, AstScope *as, CScope **out)
{
    CScope *s = js_scope_push(fs, SC_BLOCK);
    if (out)
        *out = s;
    for (uint32_t i = 0; i < as->count; i++) {
        AstDecl *d = &as->decls[i];
        int kind;
        switch (d->kind) {
        case AST_DECL_LET: kind = BK_LET; break;
        case AST_DECL_CONST: kind = BK_CONST; break;
        case AST_DECL_CLASS: kind = BK_CLASS; break;
        case AST_DECL_CATCH: kind = BK_CATCH; break;
        case AST_DECL_CLASS_INNER: kind = BK_CLASS_INNER; break;
        case AST_DECL_FN_NAME: kind = BK_FN_NAME; break;
        default: kind = BK_FUNCTION; break;
        }
        CBinding *b = js_declare(fs, s, d->name, kind);
        init_binding_state(fs, b);
    }
}

void js_instantiate_block_functions(FuncState *fs, AstScope *as)
{
    for (uint32_t i = 0; i < as->count; i++) {
        AstDecl *d = &as->decls[i];
        if (d->kind != AST_DECL_BLOCK_FUNCTION)
            continue;
        CBinding *b = js_scope_find(fs->scope, d->name);
        if (!b)
            continue;
        int t = js_alloc_reg(fs);
        js_emit_closure(fs, (AstFunction *)d->node, t, JS_ATOM_NULL);
        js_emit_init_binding(fs, b, t);
        js_free_to(fs, t);
    }
}

/* ------------------------------------------------------------------ */
/* eval descriptors                                                    */

JSScopeDesc *js_scope_desc_new(JSContext *ctx, uint32_t n);

uint32_t js_make_eval_desc(FuncState *fs)
{
    Compiler *c = fs->c;
    /* count first */
    uint32_t n = 0;
    for (CScope *s = fs->scope; s; s = s->parent)
        n += s->nvars + 1;
    JSScopeDesc *d = js_scope_desc_new(c->ctx, n);
    if (!d) {
        c->failed = true;
        return 0;
    }
    uint32_t k = js_add_const(fs, js_mkptr(JS_TAG_CELL, d));
    uint32_t cnt = 0;
    uint32_t flags = fs->strict ? JS_SD_STRICT : 0;
    if (fs->in_params)
        flags |= JS_SD_IN_PARAMS;
    bool in_fn_found = false, var_found = false;
    const uint32_t var_bits = JS_SD_VAR_IN_FUNCTION | JS_SD_VAR_IN_ARROW;
    for (CScope *s = fs->scope; s; s = s->parent) {
        if (s->kind == SC_FUNC && s->fs->ast && !var_found && !s->fs->is_top) {
            var_found = true;
            flags |= JS_SD_VAR_IN_FUNCTION | (s->fs->is_arrow ? JS_SD_VAR_IN_ARROW : 0);
        }
        if (s->kind == SC_FUNC && s->fs->ast && !in_fn_found && !s->fs->is_top) {
            if (!s->fs->is_arrow) {
                in_fn_found = true;
                flags |= JS_SD_IN_FUNCTION;
                uint32_t ff = s->fs->ast->fflags;
                if (ff & AST_FN_METHOD)
                    flags |= JS_SD_IN_METHOD;
                if (ff & AST_FN_DERIVED)
                    flags |= JS_SD_IN_DERIVED_CTOR;
                if (ff & AST_FN_FIELD_INIT)
                    flags |= JS_SD_IN_FIELD_INIT;
            }
        }
        if (s->kind == SC_CALLER && !var_found) {
            flags |= c->eval_flags & var_bits;
            var_found = true;
        }
        if (s->kind == SC_CALLER && !in_fn_found) {
            flags |= c->eval_flags & ~var_bits;
            in_fn_found = (c->eval_flags & JS_SD_IN_FUNCTION) != 0;
        }
        for (uint32_t i = 0; i < s->nvars; i++) {
            CBinding *b = s->vars[i];
            bool shadowed = false;
            JSAtom a = js_name_atom(fs, b->name);
            for (uint32_t j = 0; j < cnt; j++)
                if (d->entries[j].kind == JS_SD_BINDING && d->entries[j].name == a)
                    shadowed = true;
            if (shadowed || (!b->boxed && s->fs == fs))
                continue;
            int kind, idx;
            locate(fs, b, &kind, &idx);
            JSScopeDescEntry *e = &d->entries[cnt++];
            e->name = a;
            e->kind = JS_SD_BINDING;
            e->index = idx;
            e->flags = (kind == RES_CAP ? JS_SDF_FROM_CAPTURE : 0) |
                       (b->tdz ? JS_SDF_TDZ : 0) | (b->is_const ? JS_SDF_CONST : 0) |
                       (b->kind == BK_FN_NAME ? JS_SDF_FN_NAME : 0) |
                       ((b->kind == BK_LET || b->kind == BK_CONST || b->kind == BK_CLASS) ? JS_SDF_LEXICAL : 0) |
                       (s->kind == SC_FUNC && s->fs == fs &&
                        (b->kind == BK_VAR || b->kind == BK_PARAM || b->kind == BK_FUNCTION) ? JS_SDF_VAR_SCOPE : 0);
            if (s->kind == SC_CALLER)
                e->flags = (e->flags & ~JS_SDF_VAR_SCOPE);
        }
        if (s->dynamic && s->env_binding) {
            int kind, idx;
            locate(fs, s->env_binding, &kind, &idx);
            JSScopeDescEntry *e = &d->entries[cnt++];
            e->name = JS_ATOM_NULL;
            e->kind = s->env_is_with ? JS_SD_WITH : JS_SD_EVALVARS;
            e->index = idx;
            e->flags = kind == RES_CAP ? JS_SDF_FROM_CAPTURE : 0;
        }
    }
    d->count = cnt;
    d->flags = flags;
    return k;
}

/* Rebuilds the caller's scope chain of a direct eval from its descriptor:
 * a chain of SC_CALLER scopes owned by a pseudo function (ast == NULL). */
static void build_caller_scopes(FuncState *caller, const JSScopeDesc *d)
{
    Compiler *c = caller->c;
    /* entries are innermost first: build outermost first */
    int n = (int)d->count;
    CScope *inner = NULL, *outer_most = NULL;
    CScope *cur = NULL;
    (void)outer_most;
    CScope **chain = js_arena_zalloc(c->arena, sizeof(CScope *) * (n + 1));
    int nscopes = 0;
    cur = js_arena_zalloc(c->arena, sizeof *cur);
    cur->fs = caller;
    cur->kind = SC_CALLER;
    chain[nscopes++] = cur;
    for (int i = 0; i < n; i++) {
        const JSScopeDescEntry *e = &d->entries[i];
        char buf[256];
        if (e->kind == JS_SD_BINDING) {
            const char *s = js_atom_get_cstr(c->ctx->rt, buf, sizeof buf, e->name);
            const AstName *nm = js_ast_name_intern(c->prog->names, s, strlen(s));
            CBinding *b = js_arena_zalloc(c->arena, sizeof *b);
            b->name = nm;
            b->kind = (e->flags & JS_SDF_VAR_SCOPE) ? BK_VAR : (e->flags & JS_SDF_FN_NAME) ? BK_FN_NAME :
                      (e->flags & JS_SDF_CONST) ? BK_CONST : (e->flags & JS_SDF_LEXICAL) ? BK_LET : BK_CATCH;
            b->tdz = (e->flags & JS_SDF_TDZ) != 0;
            b->is_const = (e->flags & JS_SDF_CONST) != 0;
            b->boxed = true;
            b->from_capture = (e->flags & JS_SDF_FROM_CAPTURE) != 0;
            b->reg = e->index;
            b->scope = cur;
            if (cur->nvars == cur->cap) {
                uint32_t nc = cur->cap ? cur->cap * 2 : 8;
                CBinding **nv = js_arena_alloc(c->arena, nc * sizeof *nv);
                if (cur->nvars)
                    memcpy(nv, cur->vars, cur->nvars * sizeof *nv);
                cur->vars = nv;
                cur->cap = nc;
            }
            cur->vars[cur->nvars++] = b;
        } else if (e->kind == JS_SD_WITH || e->kind == JS_SD_EVALVARS) {
            CBinding *b = js_arena_zalloc(c->arena, sizeof *b);
            b->name = e->kind == JS_SD_WITH ? c->n_with : c->n_evalvars;
            b->kind = BK_HIDDEN;
            b->boxed = true;
            b->from_capture = (e->flags & JS_SDF_FROM_CAPTURE) != 0;
            b->reg = e->index;
            b->scope = cur;
            cur->dynamic = true;
            cur->env_is_with = e->kind == JS_SD_WITH;
            cur->env_binding = b;
            cur = js_arena_zalloc(c->arena, sizeof *cur);
            cur->fs = caller;
            cur->kind = SC_CALLER;
            chain[nscopes++] = cur;
        }
    }
    for (int i = nscopes - 1; i >= 0; i--) {
        chain[i]->parent = inner;
        inner = chain[i];
    }
    caller->scope = chain[0];
}

/* ------------------------------------------------------------------ */
/* functions                                                           */

/* Zeroes and sets up the state of a function being compiled (no
 * allocation, never throws). */
void js_compile_fs_init(FuncState *fs, Compiler *c, FuncState *parent, AstFunction *f)
{
    memset(fs, 0, sizeof *fs);
    fs->c = c;
    fs->parent = parent;
    fs->ast = f;
    fs->completion_reg = -1;
    fs->scope = parent ? parent->scope : NULL;
    fs->last_line = 0;
    fs->cur_line = f ? f->h.line : 1;
    fs->cur_col = f ? f->h.column : 1;
}

/* Moves the emitted code and line table into fs->b and sizes its frame.
 * Never collects; false on out of memory (thrown) or a failed compile. */
bool js_compile_finish_bytecode(FuncState *fs)
{
    JSFunctionBytecode *b = fs->b;
    b->code = fs->code;
    b->code_len = fs->len;
    fs->code = NULL;
    b->lines = fs->lines;
    b->lines_len = fs->lines_len;
    fs->lines = NULL;
    b->nregs = (uint16_t)(fs->max_reg + 1);
    bool named_ok = fs->c->failed || build_local_names(fs);
    free(fs->named);
    fs->named = NULL;
    if (!named_ok)
        return false;
    if (b->ic_count) {
        b->ics = calloc(b->ic_count, sizeof(JSInlineCache));
        if (!b->ics) {
            oom(fs);
            return false;
        }
    }
    free(fs->atom_hash);
    fs->atom_hash = NULL;
    free(fs->cap_bindings);
    fs->cap_bindings = NULL;
    return !fs->c->failed;
}

/* Declares the parameters, var and top-level lexical bindings of fs and
 * emits the function prologue, then the body. */
static void compile_function_code(FuncState *fs)
{
    Compiler *c = fs->c;
    AstFunction *f = fs->ast;
    uint32_t ff = f->fflags;
    JSFunctionBytecode *b = fs->b;
    bool is_script = (ff & (AST_FN_SCRIPT | AST_FN_MODULE)) != 0;
    bool is_eval = (ff & AST_FN_EVAL) != 0;
    bool is_module = (ff & AST_FN_MODULE) != 0;

    fs->strict = (ff & AST_FN_STRICT) != 0;
    fs->is_arrow = (ff & AST_FN_ARROW) != 0;
    fs->is_top = is_script || is_eval;
    if (is_eval && c->is_direct_eval && (c->eval_flags & JS_SD_IN_FUNCTION))
        fs->is_arrow = true;    /* this, new.target, ... come from the caller */
    fs->box_all = (ff & (AST_FN_DIRECT_EVAL | AST_FN_INNER_EVAL)) != 0;
    /* sloppy direct eval code declares its vars in the caller's function
       (an arrow included) when there is one, else in the global scope */
    bool eval_in_fn = is_eval && c->is_direct_eval &&
                      (c->eval_flags & (JS_SD_IN_FUNCTION | JS_SD_VAR_IN_FUNCTION));
    if ((is_script && !is_module) || (is_eval && !fs->strict && !eval_in_fn))
        fs->is_global_scope = true;
    if (is_module) {
        js_module_compile_setup(fs);     /* environment slots, initializer = cpool[0] */
        if (c->failed)
            return;
    }
    if (eval_in_fn && !fs->strict)
        fs->sloppy_eval_vars = true;
    if (is_eval && c->is_direct_eval && fs->strict)
        fs->is_global_scope = false;

    if ((ff & AST_FN_ASYNC) && !(ff & AST_FN_GENERATOR))
        js_emit_op(fs, OP_async_start);     /* errors from here on reject */

    /* names used by nested functions */
    for (uint32_t i = 0; i < f->params.count; i++)
        find_inner(f->params.items[i], fs);
    for (uint32_t i = 0; i < f->body.count; i++)
        find_inner(f->body.items[i], fs);
    if (f->expr_body)
        find_inner(f->expr_body, fs);

    /* parameters occupy registers 0..nparams-1 */
    uint32_t nparams = 0;
    bool has_rest = false;
    for (uint32_t i = 0; i < f->params.count; i++) {
        if (f->params.items[i]->kind == AST_REST)
            has_rest = true;
        else
            nparams++;
    }
    fs->cur_reg = fs->max_reg = (int)nparams;
    b->nparams = (uint16_t)nparams;
    b->length = (uint16_t)f->length;
    if (fs->is_top && !fs->sloppy_eval_vars)
        fs->completion_reg = js_alloc_reg(fs);
    else if (fs->is_top)
        fs->completion_reg = js_alloc_reg(fs);

    /* own name of a named function expression */
    if (f->name_scope.count) {
        js_enter_block_scope(fs, &f->name_scope, NULL);
        CBinding *nb = fs->scope->vars[0];
        nb->kind = BK_FN_NAME;
        nb->tdz = false;
        nb->is_const = true;
        int t = js_alloc_reg(fs);
        js_emit_r(fs, OP_load_func, t);
        js_emit_init_binding(fs, nb, t);
        js_free_to(fs, t);
    }

    CScope *vs = js_scope_push(fs, SC_FUNC);
    fs->var_scope = vs;
    bool simple = (ff & AST_FN_SIMPLE_PARAMS) != 0;
    bool mapped = simple && !fs->strict && (ff & AST_FN_ARGUMENTS_NEEDED) && !fs->is_arrow && !fs->is_top;
    if (ff & (AST_FN_ARGUMENTS_NEEDED)) {
        b->flags |= JS_BC_KEEP_ARGS;
    }
    if (has_rest)
        b->flags |= JS_BC_KEEP_ARGS;

    /* hidden bindings */
    if (!fs->is_arrow) {
        /* a function that reads this (and is not a derived constructor,
           whose this changes at super()) also keeps it in a register set
           once at entry: member accesses on this then use that register
           as their object operand (js_this_reg) */
        bool this_reg = !fs->is_top && !(ff & AST_FN_DERIVED) && (ff & AST_FN_USES_THIS);
        if (fs->box_all || ns_has(&fs->inner_names, c->n_this) || this_reg) {
            CBinding *hb = js_declare(fs, vs, c->n_this, BK_HIDDEN);
            fs->this_binding = hb;
            if (!fs->is_top && (ff & AST_FN_DERIVED)) {
                hb->tdz = true;
                init_binding_state(fs, hb);
            } else if (!hb->boxed && hb->scope->fs == fs) {
                js_emit_r(fs, OP_load_this, hb->reg);
            } else {
                int t = js_alloc_reg(fs);
                js_emit_r(fs, OP_load_this, t);
                if (hb->boxed)
                    js_emit_r(fs, OP_box_new, hb->reg);
                js_emit_init_binding(fs, hb, t);
                js_free_to(fs, t);
            }
        }
        if (!fs->is_top && (fs->box_all || ns_has(&fs->inner_names, c->n_new_target))) {
            CBinding *hb = js_declare(fs, vs, c->n_new_target, BK_HIDDEN);
            if (hb->boxed)
                js_emit_r(fs, OP_box_new, hb->reg);
            int t = js_alloc_reg(fs);
            js_emit_r(fs, OP_load_new_target, t);
            js_emit_init_binding(fs, hb, t);
            js_free_to(fs, t);
        }
        if (!fs->is_top && (ff & AST_FN_METHOD) && (fs->box_all || ns_has(&fs->inner_names, c->n_home))) {
            CBinding *hb = js_declare(fs, vs, c->n_home, BK_HIDDEN);
            if (hb->boxed)
                js_emit_r(fs, OP_box_new, hb->reg);
            int t = js_alloc_reg(fs);
            js_emit_r(fs, OP_load_home, t);
            js_emit_init_binding(fs, hb, t);
            js_free_to(fs, t);
        }
        if (!fs->is_top && (fs->box_all || ns_has(&fs->inner_names, c->n_fn))) {
            CBinding *hb = js_declare(fs, vs, c->n_fn, BK_HIDDEN);
            if (hb->boxed)
                js_emit_r(fs, OP_box_new, hb->reg);
            int t = js_alloc_reg(fs);
            js_emit_r(fs, OP_load_func, t);
            js_emit_init_binding(fs, hb, t);
            js_free_to(fs, t);
        }
    }
    /* var object of a sloppy function with a direct eval */
    if (!fs->strict && !fs->is_global_scope && (ff & AST_FN_DIRECT_EVAL) &&
        !(is_eval)) {
        CBinding *eb = js_declare(fs, vs, c->n_evalvars, BK_HIDDEN);
        eb->boxed = true;
        int t = js_alloc_reg(fs);
        js_emit_r(fs, OP_new_env_object, t);
        js_emit_r(fs, OP_box_new, eb->reg);
        js_emit_rr(fs, OP_box_put, eb->reg, t);
        js_free_to(fs, t);
        vs->env_binding = eb;
        /* with parameter expressions, a direct eval there declares into
           the var object and closures there see it: dynamic from now on
           (a static binding of the scope still wins over the object) */
        if (!simple)
            vs->dynamic = true;
    }

    /* parameters */
    if (simple && !has_rest) {
        int first_box = -1;
        if (mapped && nparams) {
            first_box = js_alloc_regs(fs, (int)nparams);
        }
        for (uint32_t i = 0; i < nparams; i++) {
            const AstName *pn = ((AstIdent *)f->params.items[i])->name;
            CBinding *pb = js_scope_find(vs, pn);
            if (!pb) {
                pb = js_arena_zalloc(c->arena, sizeof *pb);
                pb->name = pn;
                pb->kind = BK_PARAM;
                pb->scope = vs;
                if (vs->nvars == vs->cap) {
                    uint32_t nc = vs->cap ? vs->cap * 2 : 8;
                    CBinding **nv = js_arena_alloc(c->arena, nc * sizeof *nv);
                    if (vs->nvars)
                        memcpy(nv, vs->vars, vs->nvars * sizeof *nv);
                    vs->vars = nv;
                    vs->cap = nc;
                }
                vs->vars[vs->nvars++] = pb;
            }
            pb->boxed = mapped || should_box(fs, pn);
            if (mapped) {
                pb->reg = (uint16_t)(first_box + i);
                js_emit_r(fs, OP_box_new, pb->reg);
                js_emit_rr(fs, OP_box_put, pb->reg, i);
            } else if (pb->boxed) {
                pb->reg = (uint16_t)js_alloc_reg(fs);
                js_emit_r(fs, OP_box_new, pb->reg);
                js_emit_rr(fs, OP_box_put, pb->reg, i);
            } else {
                pb->reg = (uint16_t)i;
            }
            if (!pb->live_end)
                note_local_name(fs, pb);
        }
        if ((ff & AST_FN_ARGUMENTS_NEEDED) && !fs->is_arrow && !fs->is_top) {
            CBinding *ab = js_declare(fs, vs, c->n_arguments, BK_VAR);
            if (ab->boxed)
                js_emit_r(fs, OP_box_new, ab->reg);
            int t = js_alloc_reg(fs);
            if (mapped) {
                js_emit_op(fs, OP_mapped_arguments);
                js_emit_u16(fs, t);
                js_emit_u16(fs, first_box < 0 ? 0 : first_box);
                js_emit_u16(fs, nparams);
            } else {
                js_emit_r(fs, OP_arguments, t);
            }
            js_emit_init_binding(fs, ab, t);
            js_free_to(fs, t);
        }
    } else if (!fs->is_top) {
        /* non-simple parameter list: bindings in TDZ, initialized in order */
        for (uint32_t i = 0; i < f->nparam_names; i++) {
            CBinding *pb = js_declare(fs, vs, f->param_names[i], BK_PARAM);
            pb->tdz = true;
            init_binding_state(fs, pb);
        }
        if ((ff & AST_FN_ARGUMENTS_NEEDED) && !fs->is_arrow) {
            CBinding *ab = js_declare(fs, vs, c->n_arguments, BK_VAR);
            init_binding_state(fs, ab);
            int t = js_alloc_reg(fs);
            js_emit_r(fs, OP_arguments, t);
            js_emit_init_binding(fs, ab, t);
            js_free_to(fs, t);
        }
        uint32_t ai = 0;
        fs->in_params = true;
        for (uint32_t i = 0; i < f->params.count; i++) {
            AstNode *p = f->params.items[i];
            js_set_pos(fs, p);
            if (p->kind == AST_REST) {
                int t = js_alloc_reg(fs);
                js_emit_op(fs, OP_rest);
                js_emit_u16(fs, t);
                js_emit_u16(fs, ai);
                js_emit_assign_to(fs, ((AstUnaryLike *)p)->arg, t, true, BK_PARAM);
                js_free_to(fs, t);
            } else {
                js_emit_assign_to(fs, p, (int)ai, true, BK_PARAM);
                ai++;
            }
        }
        fs->in_params = false;
        for (uint32_t i = 0; i < vs->nvars; i++)
            if (vs->vars[i]->kind == BK_PARAM)
                vs->vars[i]->tdz = false;
    }

    /* a var of sloppy direct eval code may not hoist over a lexical
       binding of the caller */
    if (is_eval && c->is_direct_eval && !fs->strict) {
        for (uint32_t i = 0; i < f->nvar_decls; i++) {
            Resolved r;
            js_resolve(fs, f->var_decls[i].name, &r);
            if (r.b && r.b->scope->kind == SC_CALLER &&
                (r.b->kind == BK_LET || r.b->kind == BK_CONST || r.b->kind == BK_CLASS ||
                 ((c->eval_flags & JS_SD_IN_PARAMS) && r.b->kind == BK_VAR))) {
                js_cerror(fs, NULL, "redeclaration of a lexical binding by eval");
                return;
            }
        }
    }

    /* var declarations */
    if (fs->is_global_scope) {
        /* GlobalDeclarationInstantiation / EvalDeclarationInstantiation */
        uint32_t n = f->nvar_decls + f->scope.count;
        JSScopeDesc *d = js_scope_desc_new(c->ctx, n ? n : 1);
        if (!d) {
            c->failed = true;
            return;
        }
        uint32_t k = js_add_const(fs, js_mkptr(JS_TAG_CELL, d));
        uint32_t cnt = 0;
        for (uint32_t i = 0; i < f->nvar_decls; i++) {
            AstDecl *dd = &f->var_decls[i];
            d->entries[cnt].name = js_name_atom(fs, dd->name);
            d->entries[cnt].kind = dd->kind == AST_DECL_FUNCTION ? JS_SD_GLOBAL_FUNC : JS_SD_GLOBAL_VAR;
            cnt++;
        }
        if (!is_eval) {
            for (uint32_t i = 0; i < f->scope.count; i++) {
                AstDecl *dd = &f->scope.decls[i];
                d->entries[cnt].name = js_name_atom(fs, dd->name);
                d->entries[cnt].kind = dd->kind == AST_DECL_CONST ? JS_SD_GLOBAL_CONST : JS_SD_GLOBAL_LET;
                cnt++;
            }
        }
        d->count = cnt;
        d->flags = is_eval ? JS_SD_IS_EVAL : 0;
        if (cnt) {
            js_emit_op(fs, OP_global_decl);
            js_emit_u32(fs, k);
        }
        for (uint32_t i = 0; i < f->nvar_decls; i++) {
            AstDecl *dd = &f->var_decls[i];
            if (dd->kind != AST_DECL_FUNCTION)
                continue;
            int t = js_alloc_reg(fs);
            js_emit_closure(fs, (AstFunction *)dd->node, t, JS_ATOM_NULL);
            js_emit_op(fs, OP_define_global_fn);
            js_emit_u32(fs, js_name_atom(fs, dd->name));
            js_emit_u16(fs, t);
            js_free_to(fs, t);
        }
        if (is_eval) {
            /* lexical declarations of eval code are local */
            js_enter_block_scope(fs, &f->scope, NULL);
        }
    } else if (fs->sloppy_eval_vars) {
        /* vars of a sloppy direct eval go to the caller's var scope */
        for (uint32_t i = 0; i < f->nvar_decls; i++) {
            if ((c->eval_flags & JS_SD_IN_PARAMS) && !(c->eval_flags & JS_SD_VAR_IN_ARROW) &&
                f->var_decls[i].name == c->n_arguments) {
                js_cerror(fs, NULL, "'arguments' cannot be declared by eval in parameters");
                return;
            }
        }
        for (uint32_t i = 0; i < f->nvar_decls; i++) {
            AstDecl *dd = &f->var_decls[i];
            Resolved r;
            js_resolve(fs, dd->name, &r);
            bool exists = r.b && (r.b->kind == BK_VAR || r.b->kind == BK_PARAM || r.b->kind == BK_FUNCTION);
            int t = js_alloc_reg(fs);
            if (dd->kind == AST_DECL_FUNCTION) {
                js_emit_closure(fs, (AstFunction *)dd->node, t, JS_ATOM_NULL);
                if (exists) {
                    js_emit_store_name(fs, dd->name, t, true, NULL);
                } else {
                    CBinding *eb = NULL;
                    for (CScope *s = fs->scope; s; s = s->parent)
                        if (s->dynamic && !s->env_is_with) { eb = s->env_binding; break; }
                    if (eb) {
                        int e = js_alloc_reg(fs);
                        emit_load_binding(fs, eb, e);
                        js_emit_op(fs, OP_define_field);
                        js_emit_u16(fs, e);
                        js_emit_u32(fs, js_name_atom(fs, dd->name));
                        js_emit_u16(fs, t);
                    }
                }
            } else if (!exists) {
                CBinding *eb = NULL;
                for (CScope *s = fs->scope; s; s = s->parent)
                    if (s->dynamic && !s->env_is_with) { eb = s->env_binding; break; }
                if (eb) {
                    emit_load_binding(fs, eb, t);
                    js_emit_op(fs, OP_env_declare_var);
                    js_emit_u16(fs, t);
                    js_emit_u32(fs, js_name_atom(fs, dd->name));
                }
            }
            js_free_to(fs, t);
        }
        js_enter_block_scope(fs, &f->scope, NULL);
    } else if (is_module) {
        /* the bindings live in the module environment (compile_module.c) */
    } else {
        /* registers below this were temporaries of the prologue (the
           function's own name, this, ...): a var placed there is not
           left undefined by the frame set-up */
        int dirty = fs->max_reg;
        for (uint32_t i = 0; i < f->nvar_decls; i++) {
            AstDecl *dd = &f->var_decls[i];
            if (js_scope_find(vs, dd->name)) {
                continue;   /* a parameter or `arguments` */
            }
            CBinding *vb = js_declare(fs, vs, dd->name, dd->kind == AST_DECL_FUNCTION ? BK_FUNCTION : BK_VAR);
            if (vb->boxed || !simple || vb->reg < dirty)
                init_binding_state(fs, vb);
        }
        for (uint32_t i = 0; i < f->scope.count; i++) {
            AstDecl *dd = &f->scope.decls[i];
            int kind = dd->kind == AST_DECL_CONST ? BK_CONST : dd->kind == AST_DECL_CLASS ? BK_CLASS :
                       dd->kind == AST_DECL_LET ? BK_LET : BK_FUNCTION;
            CBinding *lb = js_declare(fs, vs, dd->name, kind);
            init_binding_state(fs, lb);
        }
        for (uint32_t i = 0; i < f->nvar_decls; i++) {
            AstDecl *dd = &f->var_decls[i];
            if (dd->kind != AST_DECL_FUNCTION)
                continue;
            CBinding *vb = js_scope_find(vs, dd->name);
            int t = js_alloc_reg(fs);
            js_emit_closure(fs, (AstFunction *)dd->node, t, JS_ATOM_NULL);
            js_emit_init_binding(fs, vb, t);
            js_free_to(fs, t);
        }
        /* block-level function declarations at the top of the body */
        for (uint32_t i = 0; i < f->scope.count; i++) {
            AstDecl *dd = &f->scope.decls[i];
            if (dd->kind != AST_DECL_BLOCK_FUNCTION)
                continue;
            CBinding *vb = js_scope_find(vs, dd->name);
            int t = js_alloc_reg(fs);
            js_emit_closure(fs, (AstFunction *)dd->node, t, JS_ATOM_NULL);
            js_emit_init_binding(fs, vb, t);
            js_free_to(fs, t);
        }
    }
    if (vs->env_binding)
        vs->dynamic = true;
    if (ff & AST_FN_GENERATOR)
        js_emit_op(fs, OP_initial_yield);
    if (fs->is_global_scope && !is_eval) {
        /* block functions at the top level of a script are in the global
           lexical scope: handled as lexical declarations */
    }

    js_compile_function_body(fs);
}

/* Compiles function f nested in parent; returns the new bytecode (rooted
 * by being stored in the parent's constant pool at index *kidx). */
static JSFunctionBytecode *compile_function(Compiler *c, FuncState *parent, AstFunction *f,
                                            JSAtom name_hint, uint32_t *kidx)
{
    FuncState fs;
    js_compile_fs_init(&fs, c, parent, f);
    JSFunctionBytecode *b = js_bytecode_new(c->ctx);
    if (!b) {
        c->failed = true;
        return NULL;
    }
    if (parent) {
        *kidx = js_add_const(parent, js_mkptr(JS_TAG_CELL, b));
    } else {
        js_root_push(c->ctx, &fs.root, js_mkptr(JS_TAG_CELL, b));
    }
    fs.b = b;
    b->filename = c->filename;
    b->source = c->source;
    b->src_start = f->h.start;
    b->src_end = f->h.end;
    b->line = f->h.line;
    b->col = f->h.column;
    uint32_t ff = f->fflags;
    if (ff & AST_FN_STRICT) b->flags |= JS_BC_STRICT;
    if (ff & AST_FN_ARROW) b->flags |= JS_BC_ARROW;
    if (ff & AST_FN_GENERATOR) b->flags |= JS_BC_GENERATOR;
    if (ff & AST_FN_ASYNC) b->flags |= JS_BC_ASYNC;
    if (ff & AST_FN_METHOD) b->flags |= JS_BC_METHOD;
    if (ff & AST_FN_SCRIPT) b->flags |= JS_BC_SCRIPT;
    if (ff & AST_FN_EVAL) b->flags |= JS_BC_EVAL;
    if (ff & AST_FN_FIELD_INIT) b->flags |= JS_BC_FIELD_INIT;
    if (ff & AST_FN_DERIVED) b->flags |= JS_BC_DERIVED;
    if (ff & AST_FN_CLASS_CTOR) b->flags |= JS_BC_CLASS_CTOR | JS_BC_CONSTRUCTOR;
    bool plain = !(ff & (AST_FN_ARROW | AST_FN_METHOD | AST_FN_ASYNC | AST_FN_GENERATOR |
                         AST_FN_SCRIPT | AST_FN_EVAL | AST_FN_MODULE));
    if (plain)
        b->flags |= JS_BC_CONSTRUCTOR | JS_BC_HAS_PROTOTYPE;
    if ((ff & AST_FN_GENERATOR) && !(ff & (AST_FN_SCRIPT | AST_FN_EVAL)))
        b->flags |= JS_BC_HAS_PROTOTYPE;
    if (f->name && !(ff & (AST_FN_SCRIPT | AST_FN_EVAL | AST_FN_MODULE)))
        b->name = js_name_atom(&fs, f->name);
    else
        b->name = js_fs_atom(&fs, name_hint);
    if (b->name)
        b->flags |= JS_BC_HAS_NAME;
    compile_function_code(&fs);
    js_compile_finish_bytecode(&fs);
    free(fs.code);
    free(fs.lines);
    free(fs.atom_hash);
    free(fs.cap_bindings);
    free(fs.named);
    if (!parent)
        js_root_pop(c->ctx, &fs.root);
    if (c->failed)
        return NULL;
    return b;
}

uint32_t js_compile_function_const(FuncState *fs, AstFunction *f, JSAtom name_hint)
{
    uint32_t k = 0;
    compile_function(fs->c, fs, f, name_hint, &k);
    return k;
}

void js_emit_closure(FuncState *fs, AstFunction *f, int dst, JSAtom name_hint)
{
    uint32_t k = js_compile_function_const(fs, f, name_hint);
    js_emit_op(fs, OP_closure);
    js_emit_u16(fs, dst);
    js_emit_u32(fs, k);
}

static void dump_tree(Compiler *c, JSFunctionBytecode *b);

JSFunctionBytecode *js_compile(JSContext *ctx, AstProgram *prog, const JSCompileOptions *opts)
{
    Compiler c;
    memset(&c, 0, sizeof c);
    c.ctx = ctx;
    Arena arena;
    js_arena_init(&arena);
    c.arena = &arena;
    c.prog = prog;
    AstNames *nt = prog->names;
#define INTERN(f, s) c.f = js_ast_name_intern(nt, s, strlen(s))
    INTERN(n_this, "this");
    INTERN(n_new_target, "new.target");
    INTERN(n_home, "%home");
    INTERN(n_fn, "%fn");
    INTERN(n_arguments, "arguments");
    INTERN(n_eval, "eval");
    INTERN(n_with, "%with");
    INTERN(n_evalvars, "%evalvars");
    INTERN(n_undefined, "undefined");
    INTERN(n_let, "let");
#undef INTERN
    c.filename = js_atom_from_cstr(ctx, opts && opts->filename ? opts->filename : "<input>");
    if (c.filename == JS_ATOM_NULL) {
        js_arena_free(&arena);
        return NULL;
    }
    JSRoot src_root, fname_root;
    /* keep the filename atom alive through a string value */
    js_root_push(ctx, &fname_root, JS_UNDEFINED);
    fname_root.v = js_atom_to_value(ctx, c.filename);
    c.source = js_source_new(ctx, prog->source, prog->source_len);
    js_root_push(ctx, &src_root, c.source ? js_mkptr(JS_TAG_CELL, c.source) : JS_UNDEFINED);
    if (!c.source) {
        js_root_pop(ctx, &fname_root);
        js_arena_free(&arena);
        return NULL;
    }
    c.dump = opts && opts->dump;
    JSFunctionBytecode *b = NULL;
    FuncState caller;
    FuncState *parent = NULL;
    FuncState modenv;
    bool is_module = (prog->top->fflags & AST_FN_MODULE) != 0;
    if (is_module) {
        js_compile_fs_init(&modenv, &c, NULL, NULL);
        if (prog->top->fflags & AST_FN_HAS_AWAIT)
            prog->top->fflags |= AST_FN_ASYNC;
        js_module_env_build(&c, &modenv, prog->top);
        if (c.failed) {
            js_throw_out_of_memory(ctx);
            free(c.amap);
            js_root_pop(ctx, &fname_root);
            js_arena_free(&arena);
            return NULL;
        }
        parent = &modenv;
    } else if (opts && opts->direct_eval && opts->caller) {
        c.is_direct_eval = true;
        c.caller_desc = opts->caller;
        c.eval_flags = opts->caller->flags;
        js_compile_fs_init(&caller, &c, NULL, NULL);
        build_caller_scopes(&caller, opts->caller);
        parent = &caller;
    }
    FuncState dummy_top;
    if (parent) {
        /* compile as a nested function of the caller pseudo-function */
        js_compile_fs_init(&dummy_top, &c, parent, prog->top);
        FuncState fs;
        js_compile_fs_init(&fs, &c, parent, prog->top);
        b = js_bytecode_new(ctx);
        if (b) {
            js_root_push(ctx, &fs.root, js_mkptr(JS_TAG_CELL, b));
            fs.b = b;
            b->filename = c.filename;
            b->source = c.source;
            b->src_start = prog->top->h.start;
            b->src_end = prog->top->h.end;
            if (is_module)
                b->flags |= JS_BC_STRICT | ((prog->top->fflags & AST_FN_ASYNC) ? JS_BC_ASYNC : 0);
            else
                b->flags |= JS_BC_EVAL | ((prog->top->fflags & AST_FN_STRICT) ? JS_BC_STRICT : 0);
            b->line = 1;
            b->col = 1;
            compile_function_code(&fs);
            if (is_module && !c.failed)
                js_module_build_info(&fs);
            js_compile_finish_bytecode(&fs);
            free(fs.code);
            free(fs.lines);
            js_root_pop(ctx, &fs.root);
            if (c.failed)
                b = NULL;
        }
    } else {
        uint32_t k;
        b = compile_function(&c, NULL, prog->top, JS_ATOM_NULL, &k);
    }
    if (b && c.dump)
        dump_tree(&c, b);
    free(c.amap);
    js_root_pop(ctx, &fname_root);
    js_arena_free(&arena);
    if (!b && !js_has_exception(ctx))
        js_throw_syntax_error(ctx, "compilation failed");
    return b;
}

void js_interp_dump(JSRuntime *rt, const char *text);

static void dump_tree(Compiler *c, JSFunctionBytecode *b)
{
    char *s = js_bytecode_disassemble(c->ctx->rt, b, true);
    if (s) {
        js_interp_dump(c->ctx->rt, s);
        free(s);
    }
}
