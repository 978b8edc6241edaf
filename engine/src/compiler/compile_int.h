/* Internal interface of the bytecode compiler, shared by compile_scope.c
 * (scopes, bindings, identifier resolution, registers, emission buffers,
 * the per-function driver), compile_expr.c (expressions, patterns) and
 * compile_stmt.c (statements, control flow). Not for use elsewhere: the
 * engine enters the compiler through compile.h. */
#ifndef COMPILE_INT_H
#define COMPILE_INT_H

#include "compile.h"
#include "bytecode.h"
#include "ast.h"
#include "stack_guard.h"

/* Binding kinds */
enum {
    BK_VAR, BK_PARAM, BK_FUNCTION, BK_LET, BK_CONST, BK_CLASS,
    BK_CATCH, BK_FN_NAME, BK_CLASS_INNER, BK_HIDDEN,
};

typedef struct FuncState FuncState;
typedef struct CScope CScope;

typedef struct CBinding {
    const AstName *name;
    uint8_t kind;
    bool boxed;             /* lives in a box (captured / eval-visible) */
    bool tdz;               /* may be read before initialization */
    bool is_const;          /* writes throw (or are ignored: FN_NAME in sloppy code) */
    bool from_capture;      /* eval-caller bindings: reg is a closure-variable index */
    uint16_t reg;           /* value register, or box register when boxed */
    CScope *scope;
    uint32_t live_start, live_end;  /* pc range of reg (local name table) */
} CBinding;

/* Scope kinds */
enum {
    SC_FUNC,        /* a function's parameter / var / top-level lexical scope */
    SC_BLOCK,       /* block, loop head, catch, switch, class */
    SC_WITH,        /* a with statement: one hidden binding holds the object */
    SC_CALLER,      /* eval code: the caller's bindings, from a descriptor */
};

struct CScope {
    CScope *parent;
    FuncState *fs;
    uint8_t kind;
    bool dynamic;           /* names not found here are looked up in env_binding's object */
    bool env_is_with;
    CBinding *env_binding;  /* SC_WITH object / sloppy-eval var object */
    CBinding **vars;
    uint32_t nvars, cap;
};

/* Jump-target stack entries (break/continue/return through finally and
 * iterators). */
enum { JT_LOOP, JT_BREAKABLE, JT_FINALLY, JT_ITER, JT_LABEL_ONLY };

typedef struct PatchList {
    uint32_t *pos;          /* offsets of jump operands to patch */
    uint32_t n, cap;
} PatchList;

typedef struct FinallyExit {
    int kind;               /* 0 break, 1 continue, 2 return */
    struct JumpTarget *target;
} FinallyExit;

typedef struct JumpTarget {
    struct JumpTarget *prev;
    uint8_t kind;
    const AstName **labels; /* label set */
    uint32_t nlabels;
    PatchList breaks, continues;
    /* JT_FINALLY */
    int kind_reg, val_reg;
    PatchList to_finally;
    FinallyExit *exits;
    uint32_t nexits, exits_cap;
    /* JT_ITER */
    int iter_reg;
    CScope *scope;          /* scope active at the target */
} JumpTarget;

/* A scope that declares `using` / `await using` resources
 * (compile_using.c): a try/finally whose finally block disposes them.
 * Registers stack = the resource scope (undefined until the first
 * resource), stack+1 / stack+2 = the completion (jt.kind_reg, val_reg). */
typedef struct UsingScope {
    JumpTarget jt;
    int stack;
    bool is_async;          /* declares an await using: disposal awaits */
    uint32_t start;         /* start of the protected code */
    struct UsingScope *prev;
} UsingScope;

typedef struct AtomMapEntry { const AstName *name; JSAtom atom; } AtomMapEntry;

typedef struct Compiler {
    JSContext *ctx;
    Arena *arena;
    AstProgram *prog;
    JSSource *source;
    JSAtom filename;
    const AstName *n_this, *n_new_target, *n_home, *n_fn, *n_arguments,
        *n_eval, *n_with, *n_evalvars, *n_undefined, *n_let;
    AtomMapEntry *amap;
    uint32_t amap_mask, amap_count;
    bool failed;            /* an exception is pending */
    bool dump;
    char errmsg[256];
    /* eval code */
    bool is_direct_eval;
    const struct JSScopeDesc *caller_desc;
    bool caller_strict;
    uint32_t eval_flags;
    JSAtom field_name;          /* name given to anonymous functions of the field initializer being compiled */
    /* module code (compile_module.c) */
    struct FuncState *mod_env;  /* pseudo function owning the module environment */
    const AstName *n_star_default, *n_meta;
} Compiler;

typedef struct NameSet {
    const AstName **slots;
    uint32_t mask, count;
} NameSet;

struct FuncState {
    Compiler *c;
    FuncState *parent;
    AstFunction *ast;
    JSFunctionBytecode *b;      /* built in place (rooted through the parent) */
    JSRoot root;                /* roots b while this function is compiled */
    CScope *scope;              /* innermost scope */
    CScope *var_scope;
    uint8_t *code;
    uint32_t len, cap;
    uint8_t *lines;
    uint32_t lines_len, lines_cap;
    uint32_t last_line_pc, last_line, last_col;
    uint32_t cur_line, cur_col;
    uint32_t cpool_cap, atoms_cap, handlers_cap, caps_cap;
    CBinding **cap_bindings;    /* binding of each capture */
    int cur_reg, max_reg;
    NameSet inner_names;        /* names used in nested functions */
    bool box_all;
    bool strict;
    bool is_arrow;              /* lexical this/arguments/new.target */
    bool is_top;                /* script / eval top level */
    bool is_global_scope;       /* unresolved names are global; vars are global */
    bool sloppy_eval_vars;      /* sloppy direct eval code inside a function */
    int completion_reg;         /* -1 when completion values are not needed */
    /* set by js_expr_discard for a top-level assignment or update, taken
       (and cleared) by it: its result register is never read, so the
       final copy into it is left out */
    bool result_unused;
    JumpTarget *jt;
    CBinding *this_binding, *newt_binding, *home_binding, *fn_binding;
    uint32_t atom_hash_mask;
    uint32_t *atom_hash;        /* index+1 into b->atoms */
    PatchList *optchain;        /* short-circuit jumps of the current a?.b chain */
    int handler_depth;
    bool in_params;             /* compiling parameter initializers */
    const AstName **pending_labels; /* label set of the statement being compiled */
    uint32_t npending_labels;
    UsingScope *using_scope;    /* innermost resource scope, or NULL */
    CBinding **named;           /* bindings for b->local_names (malloc'ed) */
    uint32_t nnamed, named_cap;
};

/* Resolution of an identifier */
enum { RES_REG, RES_BOX, RES_CAP, RES_GLOBAL };
#define MAX_DYN 32
typedef struct DynRef {
    int kind;               /* RES_REG / RES_BOX / RES_CAP: where the env object is */
    int idx;
    bool is_with;
} DynRef;
typedef struct Resolved {
    int kind;
    int idx;                /* register, box register or capture index */
    CBinding *b;            /* NULL for globals */
    int ndyn;
    DynRef dyn[MAX_DYN];
} Resolved;

/* compile_scope.c */
void js_compile_fs_init(FuncState *fs, Compiler *c, FuncState *parent, AstFunction *f);
bool js_compile_finish_bytecode(FuncState *fs);
void js_cerror(FuncState *fs, AstNode *n, const char *msg);
void js_emit_op(FuncState *fs, int op);
void js_emit_u8(FuncState *fs, uint32_t v);
void js_emit_u16(FuncState *fs, uint32_t v);
void js_emit_u32(FuncState *fs, uint32_t v);
void js_emit_r(FuncState *fs, int op, int r);
void js_emit_rr(FuncState *fs, int op, int a, int b);
void js_emit_rrr(FuncState *fs, int op, int a, int b, int c);
uint32_t js_emit_jump(FuncState *fs, int op);          /* op already has its other operands emitted; returns patch pos */
uint32_t js_emit_jmp(FuncState *fs);                   /* OP_jmp */
uint32_t js_emit_jcond(FuncState *fs, int op, int r);
void js_patch_here(FuncState *fs, uint32_t pos);
void js_emit_jmp_to(FuncState *fs, uint32_t target);
void js_emit_await(FuncState *fs, int pair, int v);  /* await v into pair, throw on rejection */
void js_pl_add(FuncState *fs, PatchList *pl, uint32_t pos);
void js_pl_patch_here(FuncState *fs, PatchList *pl);
void js_pl_patch_to(FuncState *fs, PatchList *pl, uint32_t target);
int js_alloc_reg(FuncState *fs);
int js_alloc_regs(FuncState *fs, int n);
void js_free_to(FuncState *fs, int r);
uint32_t js_add_const(FuncState *fs, JSValue v);
JSAtom js_name_atom(FuncState *fs, const AstName *name);
JSAtom js_cstr_atom(FuncState *fs, const char *s);
uint32_t js_fs_atom(FuncState *fs, JSAtom a);           /* registers a in b->atoms, returns a */
uint32_t js_new_ic(FuncState *fs);
void js_set_pos(FuncState *fs, AstNode *n);
void js_emit_load_const(FuncState *fs, int dst, JSValue v);
void js_emit_load_number(FuncState *fs, int dst, double d);
void js_emit_load_string16(FuncState *fs, int dst, const uint16_t *s, uint32_t len);
JSValue js_make_string16(FuncState *fs, const uint16_t *s, uint32_t len);
bool js_name_is(const AstName *n, const char *s);

CScope *js_scope_push(FuncState *fs, int kind);
void js_scope_pop(FuncState *fs);
CBinding *js_scope_find(CScope *s, const AstName *name);
CBinding *js_declare(FuncState *fs, CScope *s, const AstName *name, int kind);
void js_resolve(FuncState *fs, const AstName *name, Resolved *r);
void js_emit_dyn_checks_get(FuncState *fs, Resolved *r, JSAtom atom, int dst, bool for_call, PatchList *done);
void js_emit_load_name(FuncState *fs, const AstName *name, int dst, bool for_typeof);
void js_emit_store_name(FuncState *fs, const AstName *name, int src, bool is_init, AstNode *pos);
void js_emit_load_name_nodyn(FuncState *fs, const AstName *name, int dst);
int js_emit_ref_resolve(FuncState *fs, const AstName *name);
void js_emit_ref_load(FuncState *fs, const AstName *name, int envreg, int dst);
void js_emit_ref_store(FuncState *fs, const AstName *name, int envreg, int src, AstNode *pos);
void js_add_handler(FuncState *fs, uint32_t start, uint32_t end, uint32_t target);
void js_emit_init_binding(FuncState *fs, CBinding *b, int src);
int js_local_reg_of(FuncState *fs, const AstName *name); /* unboxed, non-TDZ local register or -1 */
void js_enter_block_scope(FuncState *fs, AstScope *as, CScope **out);
void js_instantiate_block_functions(FuncState *fs, AstScope *as);
/* The register that holds this in fs for the whole call (an unboxed
 * hidden binding of a non-arrow, non-derived function, set at entry and
 * never written again), or -1. */
int js_this_reg(FuncState *fs);
void js_emit_this(FuncState *fs, int dst);
void js_emit_new_target(FuncState *fs, int dst);
void js_emit_home(FuncState *fs, int dst);
void js_emit_active_func(FuncState *fs, int dst);
int js_capture_index(FuncState *fs, CBinding *b);
uint32_t js_compile_function_const(FuncState *fs, AstFunction *f, JSAtom name_hint);
void js_emit_closure(FuncState *fs, AstFunction *f, int dst, JSAtom name_hint);
uint32_t js_make_eval_desc(FuncState *fs);

/* The native stack guard of the passes that recurse on the AST (scope
 * analysis, expressions, statements, patterns): true, after a SyntaxError,
 * once the C stack is nearly exhausted; chains that the parser builds in
 * a loop (a+b+..., a.b.c..., f()()...) reach here without its nesting
 * count. */
static inline bool compile_too_deep(FuncState *fs, AstNode *n)
{
    if (js_likely(!js_stack_exhausted(fs->c->ctx->rt->native_stack_limit)))
        return false;
    js_cerror(fs, n, "expression or statement nested too deeply");
    return true;
}

/* compile_expr.c */
void js_expr(FuncState *fs, AstNode *n, int dst);
void js_expr_named(FuncState *fs, AstNode *n, int dst, JSAtom name);
int js_expr_any(FuncState *fs, AstNode *n);
int js_expr_into_local(FuncState *fs, AstNode *target, AstNode *value, bool is_init);
void js_expr_discard(FuncState *fs, AstNode *n);
void js_emit_assign_to(FuncState *fs, AstNode *target, int src, bool is_init, int decl_kind);
void js_compile_class(FuncState *fs, AstClass *cl, int dst, JSAtom name_hint);
JSAtom js_prop_key_atom(FuncState *fs, AstNode *key);   /* non-computed key; JS_ATOM_NULL if none */
bool js_is_anon_fn(AstNode *n);

/* compile_module.c */
void js_module_env_build(Compiler *c, FuncState *env, AstFunction *top);
void js_module_compile_setup(FuncState *fs);
bool js_module_build_info(FuncState *fs);
void js_module_stmt(FuncState *fs, AstNode *n);
void js_compile_import_meta(FuncState *fs, int dst);

/* compile_stmt.c */
void js_stmt(FuncState *fs, AstNode *n);
void js_stmt_list(FuncState *fs, AstList *l);
void js_emit_return(FuncState *fs, int reg, AstNode *pos);
void js_compile_function_body(FuncState *fs);
JumpTarget *js_jt_push(FuncState *fs, JumpTarget *jt, int kind, const AstName **labels, uint32_t nlabels);
void js_jt_pop(FuncState *fs);
/* Emits the jumps of an abrupt completion (0 break, 1 continue, 2 return
 * of register val) to target (NULL for return), through the finally
 * blocks, resource scopes and iterator closes on the way. */
void js_emit_exit(FuncState *fs, int kind, JumpTarget *target, int val);

/* compile_using.c */
void js_using_begin(FuncState *fs, UsingScope *u, bool is_async);
void js_using_end(FuncState *fs, UsingScope *u);   /* disposal, then the pending completion */
void js_using_stmt_list(FuncState *fs, AstList *l); /* stmt_list, in a resource scope if l declares resources */
void js_using_decl(FuncState *fs, AstVarDecl *vd);  /* a using / await using declaration */
void js_using_for_head(FuncState *fs, AstVarDecl *vd, int v); /* binds a for-of using head to value v */

#endif
