/* Internal interface of the interpreter: the VM stack and frames, the
 * global lexical record, and the out-of-line slow paths shared by
 * interp.c (dispatch loop, calls), interp_ops.c (operators, properties,
 * closures, arguments objects, for-in, globals) and interp_eval.c (eval,
 * scripts, dynamic functions, stack traces, toString). */
#ifndef INTERP_INT_H
#define INTERP_INT_H

#include "interp.h"
#include "bytecode.h"
#include "compiler/compile.h"
#include "conv.h"
#include "shape.h"

/* JSFrame.flags */
enum {
    FRAME_ENTRY = 1 << 0,       /* entered from C: return leaves the loop */
    FRAME_CONSTRUCT = 1 << 1,   /* [[Construct]]: non-object results become this */
};

/* A frame of a bytecode function. Registers live on the VM stack:
 * regs[-2] is the callee, regs[-1] is this, regs[0..nparams) receive the
 * arguments. All state needed to resume is here (pc, registers), so a
 * frame can later be copied to the heap (generators). */
typedef struct JSFrame {
    JSValue *regs;
    const uint8_t *pc;          /* resume point (after a call) */
    const uint8_t *ipc;         /* start of the current instruction */
    JSFunctionBytecode *b;
    JSFunction *func;
    JSValue new_target;
    JSValue *argv;              /* the arguments (argc values) */
    int argc;
    uint16_t ret_reg;
    uint8_t flags;
    JSValue *sp_save;           /* VM stack top to restore on return */
    JSContext *saved_realm;
    JSRoot *saved_roots;
    JSObject *gen;              /* generator object of a generator frame */
} JSFrame;

/* Generator objects (class GENERATOR): the suspended frame. */
enum { GEN_SUSPENDED_START, GEN_SUSPENDED_YIELD, GEN_EXECUTING, GEN_COMPLETED };
typedef struct JSGenerator {
    JSObject base;
    uint8_t state;
    bool raw;                   /* the last yield gave an iterator result as is */
    uint16_t resume_reg;        /* register pair receiving (value, mode) */
    uint32_t pc_off;
    JSValueArray *saved;        /* callee, this, registers, then extra arguments */
    uint32_t nregs;
    int argc;
    bool args_above;            /* the arguments were kept above the registers */
    bool is_async;              /* the state of an async function call */
    bool is_async_gen;          /* an async generator (class ASYNC_GENERATOR) */
    bool awaiting;              /* suspended by await (not by yield) */
    uint32_t qhead;             /* async generators: first pending request */
    JSValue queue;              /* async generators: array of (mode, value, promise, resolve, reject) */
    JSValue new_target;
    JSValue promise, resolve, reject;   /* async: the result capability */
} JSGenerator;

/* The VM stack: one array of values shared by every frame and every call
 * of a native function, and the interpreter's only GC root besides the
 * frames' function, bytecode, new.target and generator (js_interp_mark).
 *
 * THE STACK INVARIANT. The collector scans exactly the slots [stack, sp):
 *  1. Every slot below sp holds a valid value. Whoever raises sp writes the
 *     slots it uncovers before anything can allocate (push_frame clears a
 *     new frame's registers; native arguments, spread arguments and frames
 *     entered from C are copied in before sp covers them).
 *  2. sp never goes below a slot that is still in use. A called frame's
 *     registers start inside its caller's (regs = caller's R + fr + 2), so
 *     a callee with few registers would end below its caller's top:
 *     push_frame therefore sets sp = max(sp, callee's top), never lower.
 *     sp only goes down when the frame or call that raised it ends, and
 *     then back to exactly the value it had before (sp_save, saved_sp).
 *     A callee's registers overwrite only caller registers at or above
 *     the call window, which the compiler's stack discipline leaves dead.
 *  3. Slots at or above sp are dead: nothing reads them before writing
 *     them. The GC stress build fills them with JS_STACK_POISON whenever
 *     sp goes down, and its mark phase aborts, naming the slot, on a
 *     poisoned value or a reference to a freed cell below sp.
 *  4. A native function's this_val and argv[0 .. max(argc, length)) are
 *     slots below sp for the whole call: js_call_internal copies them there
 *     when the caller passed them from a C array, a JSRoot or a heap
 *     vector. So js_call from C needs its argv values alive only up to the
 *     call (not across it, unless it reads them afterwards).
 * Slots may hold values that are dead to the program (old temporaries,
 * a finished callee's registers); they stay scanned until overwritten, so
 * a collection is not guaranteed to free them. */
typedef struct JSInterp {
    JSValue *stack, *stack_end;
    JSValue *sp;                /* first free slot; see THE STACK INVARIANT */
    JSFrame *frames;
    int depth, max_depth;
    JSFrame *cur;               /* innermost frame or NULL */
    JSDumpFunc *dump;
    void *dump_opaque;
    int interrupt_counter;
    JSCFunctionObject *cur_native;  /* innermost native function being called */
    /* One inline cache shared by every get_length site (the opcode has
     * none of its own) for `.length` of objects other than arrays, e.g.
     * the typed arrays' getter. Cleared at each collection (js_interp_mark)
     * instead of being swept: its shapes and holder are not marked. */
    JSInlineCache length_ic;
} JSInterp;

/* Global lexical record: let/const/class of scripts, per realm. */
typedef struct JSGlobalLexEntry {
    JSAtom atom;
    uint32_t is_const;
    JSValue value;              /* JS_UNINITIALIZED in the TDZ */
} JSGlobalLexEntry;

typedef struct JSGlobalLex {
    JSInternalCell hdr;
    uint32_t count, cap;
    JSGlobalLexEntry *entries;  /* malloc'ed */
    uint32_t *hash;             /* index+1, open addressing */
    uint32_t hash_mask;
} JSGlobalLex;

/* Mapped arguments objects (class MAPPED_ARGUMENTS). */
typedef struct JSMappedArguments {
    JSObject base;
    uint32_t nmapped;
    JSVarRef **boxes;           /* malloc'ed; NULL entries are unmapped */
} JSMappedArguments;

/* interp.c */
JSValue js_call_internal(JSContext *ctx, JSValue func, JSValue this_val, int argc, JSValue *argv,
                         JSValue new_target, bool construct);
JSFunction *js_current_function(JSRuntime *rt);
/* The innermost frame running fn, or NULL; *below receives the frame
 * under it (its caller when called from bytecode), or NULL. Does not
 * collect or throw. */
JSFrame *js_interp_find_frame(JSRuntime *rt, JSFunction *fn, JSFrame **below);

/* interp_ops.c */
void js_interp_register_classes(JSRuntime *rt);
JSGlobalLexEntry *js_global_lex_find(JSContext *ctx, JSAtom atom);

/* The global object's slot of a data property atom cached by ic
 * (get_global, put_global), or -1 when ic misses. The global object's
 * shape is a dictionary of its own, so an equal shape also means the same
 * realm; it changes in place, so the entry is checked. The global lexical
 * record, which shadows the global object, held no entry for atom at
 * caching time and has gained none since (its entries are never removed)
 * while global_lex_count is unchanged. Does not collect or throw. */
static inline int js_global_ic_slot(JSContext *ctx, JSAtom atom, const JSInlineCache *ic)
{
    JSObject *g = ctx->global_obj;
    JSShape *sh = g->shape;
    uint32_t s = ic->slot;
    if (sh == ic->shape && ic->lex_count == ctx->global_lex_count && s < sh->prop_count &&
        sh->props[s].atom == atom && !(sh->props[s].attrs & JS_PROP_ACCESSOR) &&
        js_likely(g->slots[s] != JS_LAZY_VALUE))
        return (int)s;
    return -1;
}

/* A global read cached by js_op_get_global, or JS_EMPTY when ic misses. */
static inline JSValue js_global_ic_get(JSContext *ctx, JSAtom atom, const JSInlineCache *ic)
{
    int s = js_global_ic_slot(ctx, atom, ic);
    return s >= 0 ? ctx->global_obj->slots[s] : JS_EMPTY;
}

/* The global lexical binding (let/const/class of a script) of atom cached
 * by ic (ic->shape NULL, ic->slot its index in the realm's record), or
 * NULL. Entries are never removed and an atom has one entry, so an entry
 * at that index holding atom is atom's binding, in whichever realm runs
 * the code. Does not collect or throw. */
static inline JSGlobalLexEntry *js_global_lex_ic_entry(JSContext *ctx, JSAtom atom, const JSInlineCache *ic)
{
    JSValue env = ctx->global_lex_env;
    if (ic->shape || js_tag(env) != JS_TAG_CELL)
        return NULL;
    JSGlobalLex *g = js_get_ptr(env);
    uint32_t i = ic->slot;
    return i < g->count && g->entries[i].atom == atom ? &g->entries[i] : NULL;
}

/* A read of a cached global lexical binding, or JS_EMPTY when ic misses
 * or the binding is in its TDZ. */
static inline JSValue js_global_lex_ic_get(JSContext *ctx, JSAtom atom, const JSInlineCache *ic)
{
    JSGlobalLexEntry *e = js_global_lex_ic_entry(ctx, atom, ic);
    return e && e->value != JS_UNINITIALIZED ? e->value : JS_EMPTY;
}
JSValue js_make_closure(JSContext *ctx, JSFunctionBytecode *b, JSFunction *parent, JSValue *regs);
JSValue js_op_add_slow(JSContext *ctx, JSValue a, JSValue b);
JSValue js_op_arith_slow(JSContext *ctx, int op, JSValue a, JSValue b);
JSValue js_op_compare_slow(JSContext *ctx, int op, JSValue a, JSValue b);
JSValue js_op_unary_slow(JSContext *ctx, int op, JSValue a);
JSValue js_op_get_field_slow(JSContext *ctx, JSValue obj, JSAtom atom, JSInlineCache *ic);
bool js_proto_chain_allows_add(JSObject *p, JSAtom atom);
int js_op_put_field_slow(JSContext *ctx, JSValue obj, JSAtom atom, JSValue val, JSInlineCache *ic, bool strict);
JSValue js_op_get_global(JSContext *ctx, JSAtom atom, JSInlineCache *ic, bool for_typeof);
int js_op_put_global(JSContext *ctx, JSAtom atom, JSValue val, JSInlineCache *ic, bool strict);
int js_op_init_global_lex(JSContext *ctx, JSAtom atom, JSValue val);
int js_op_global_decl(JSContext *ctx, const JSScopeDesc *d);
int js_op_define_global_fn(JSContext *ctx, JSAtom atom, JSValue fn, bool is_eval);
int js_op_dyn_has(JSContext *ctx, JSValue env, JSAtom atom, bool is_with);
JSValue js_op_arguments(JSContext *ctx, JSFrame *f);
JSValue js_op_mapped_arguments(JSContext *ctx, JSFrame *f, JSValue *boxes, int n);
JSValue js_op_rest(JSContext *ctx, JSFrame *f, int from);
JSValue js_op_for_in_start(JSContext *ctx, JSValue obj);
int js_op_for_in_next(JSContext *ctx, JSValue it, JSValue *out);
int js_op_define_method(JSContext *ctx, JSValue obj, JSValue key, JSValue fn, int flags);
int js_op_copy_data_props(JSContext *ctx, JSValue target, JSValue src, JSValue excluded);
JSValue js_op_template_object(JSContext *ctx, JSFunctionBytecode *b, uint32_t k);
int js_op_array_spread(JSContext *ctx, JSValue arr, JSValue iterable);
JSValue js_op_iter_rest(JSContext *ctx, JSValue *rec);
JSValue js_op_typeof(JSContext *ctx, JSValue v);
JSValue js_op_get_super(JSContext *ctx, JSValue home, JSValue key, JSValue this_val);
int js_op_put_super(JSContext *ctx, JSValue home, JSValue key, JSValue val, JSValue this_val, bool strict);
JSValue js_op_super_ctor(JSContext *ctx, JSValue func);
JSValue js_throw_not_defined(JSContext *ctx, JSAtom atom);
JSValue js_throw_tdz(JSContext *ctx, JSAtom atom);
/* interp_errors.c (see interp.h): "Class constructor X cannot be invoked
 * without 'new'" for class b; "Cannot destructure property 'a' of 'u' as
 * it is undefined." for the nullish register reg at f's current
 * instruction (require_object_coercible; before a compound assignment's
 * to_propkey: "Cannot read properties of undefined (reading 'k')"). May collect; return JS_EXCEPTION. */
JSValue js_throw_class_ctor_call(JSContext *ctx, JSFunctionBytecode *b);
/* "Class extends value 5 is not a constructor or null" (objects unnamed). */
JSValue js_throw_bad_heritage(JSContext *ctx, JSValue v);
JSValue js_throw_destructure_nullish(JSContext *ctx, JSFrame *f, uint32_t reg);

/* interp_class.c */
JSValue js_op_class_create(JSContext *ctx, JSFunctionBytecode *b, JSValue parent, JSFunction *cur, JSValue *regs, JSValue *proto_out);
int js_op_run_fields(JSContext *ctx, JSValue obj, JSValue func);
int js_op_run_static_init(JSContext *ctx, JSValue cls, JSValue list);
JSValue js_op_private_get(JSContext *ctx, JSValue obj, JSValue name);
int js_op_private_put(JSContext *ctx, JSValue obj, JSValue name, JSValue val);
int js_op_private_define(JSContext *ctx, JSValue obj, JSValue name, JSValue val);
int js_op_private_in(JSContext *ctx, JSValue name, JSValue obj);

/* interp_gen.c */
JSValue js_generator_create(JSContext *ctx, JSFrame *f, const uint8_t *pc);
int js_generator_save(JSContext *ctx, JSFrame *f, const uint8_t *pc, int resume_reg, bool raw);
JSValue js_generator_function_proto(JSContext *ctx);
JSValue js_async_create(JSContext *ctx, JSFrame *f);
JSValue js_async_generator_function_proto(JSContext *ctx);
int js_op_get_async_iterator(JSContext *ctx, JSValue obj, JSValue *iter, JSValue *next);
int js_async_await(JSContext *ctx, JSFrame *f, JSValue v);
/* Settles the promise of async state g with v (is_reject: reject); returns
 * the promise, or JS_EXCEPTION. */
JSValue js_async_settle(JSContext *ctx, JSObject *g, JSValue v, bool is_reject);
int js_generator_delegate_call(JSContext *ctx, JSValue *res, JSValue *it, JSValue *pair, bool call_only);
int js_generator_delegate_step(JSContext *ctx, JSValue *res, JSValue *it, JSValue *pair);
/* interp.c */
JSValue js_generator_run(JSContext *ctx, JSGenerator *g, JSValue value, int mode);

/* interp_eval.c */
JSValue js_op_direct_eval(JSContext *ctx, JSFrame *f, JSValue x, const JSScopeDesc *desc);

#endif
