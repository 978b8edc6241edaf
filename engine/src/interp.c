/* The interpreter: the VM register stack and frames, the dispatch loop
 * (computed goto under GCC, a switch elsewhere) with inline int32/double
 * fast paths and inline caches, JS-to-JS calls without C recursion,
 * exception unwinding through handler tables, and the entry points
 * js_call / js_construct / js_invoke and the GC root hook js_interp_mark. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmath/fmath.h"
#include "interp_int.h"
#include "module.h"
#include "shape.h"
#include "builtins/function.h"
#include "builtins/disposable.h"
#include "builtins/typedarray.h"
#include "builtins/builtins.h"
#include "builtins/builtin_list.h"

/* GetActiveScriptOrModule for import(): the filename of the innermost
 * frame that is not eval code or a dynamic function (those have no name
 * of their own). */
static bool has_own_name(JSContext *ctx, JSFunctionBytecode *b)
{
    char buf[16];
    const char *n = js_atom_get_cstr(ctx->rt, buf, sizeof buf, b->filename);
    return strcmp(n, "<eval>") && strcmp(n, "<function>");
}

static JSAtom import_referrer(JSContext *ctx, JSFrame *f)
{
    if (has_own_name(ctx, f->b))
        return f->b->filename;
    JSInterp *in = ctx->rt->interp;
    for (int i = in->depth - 1; i >= 0; i--) {
        JSFrame *g = &in->frames[i];
        if (g != f && g->b && has_own_name(ctx, g->b))
            return g->b->filename;
    }
    return f->b->filename;
}

JSAtom js_interp_script_name(JSContext *ctx, int level)
{
    JSInterp *in = ctx->rt->interp;
    int i = in ? in->depth - 1 : -1;
    for (; i >= 0; i--)
        if (in->frames[i].b && level-- == 0)
            break;
    for (; i >= 0; i--) {
        JSFunctionBytecode *b = in->frames[i].b;
        if (b && has_own_name(ctx, b))
            return b->filename;
    }
    return JS_ATOM_NULL;
}

#define VM_STACK_VALUES (JS_MAX_VM_STACK < (1u << 20) ? JS_MAX_VM_STACK : (1u << 20))

static inline uint16_t get_u16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static inline uint32_t get_u32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

int js_interp_init_runtime(JSRuntime *rt)
{
    js_opcode_init();
    if (rt->interp)
        return 0;
    JSInterp *in = calloc(1, sizeof *in);
    if (!in)
        return -1;
    in->stack = calloc(VM_STACK_VALUES, sizeof(JSValue));
    in->max_depth = JS_MAX_CALL_DEPTH + 64;
    in->frames = calloc((size_t)in->max_depth, sizeof(JSFrame));
    if (!in->stack || !in->frames) {
        free(in->stack);
        free(in->frames);
        free(in);
        return -1;
    }
    in->stack_end = in->stack + VM_STACK_VALUES;
    in->sp = in->stack;
    rt->interp = in;
    js_interp_register_classes(rt);
    return 0;
}

void js_interp_free_runtime(JSRuntime *rt)
{
    JSInterp *in = rt->interp;
    if (!in)
        return;
    free(in->stack);
    free(in->frames);
    free(in);
    rt->interp = NULL;
}

void js_set_dump_hook(JSRuntime *rt, JSDumpFunc *fn, void *opaque)
{
    if (!rt->interp && js_interp_init_runtime(rt) < 0)
        return;
    rt->interp->dump = fn;
    rt->interp->dump_opaque = opaque;
}

void js_interp_dump(JSRuntime *rt, const char *text)
{
    if (rt->interp && rt->interp->dump)
        rt->interp->dump(rt->interp->dump_opaque, text);
}

#if JS_GC_STRESS
/* GC stress build: what a dead VM stack slot holds (THE STACK INVARIANT,
 * interp_int.h). A cell reference to an address no cell can have. */
#define JS_STACK_POISON JS_MKTAG(JS_TAG_CELL, 0xDEAD0000DEA0u)

/* Lowers sp to nsp and poisons the slots it leaves. */
static void stack_lower(JSInterp *in, JSValue *nsp)
{
    if (nsp > in->sp) {
        fprintf(stderr, "qjs: VM stack check: sp restored %td slots upwards: a frame or "
                "call lowered sp below slots still in use\n", nsp - in->sp);
        abort();
    }
    for (JSValue *p = nsp; p < in->sp; p++)
        *p = JS_STACK_POISON;
    in->sp = nsp;
}

/* Aborts with the name of VM stack slot p, which holds a stale value. */
static void stack_slot_fatal(JSRuntime *rt, JSValue *p, const char *why)
{
    JSInterp *in = rt->interp;
    char buf[64];
    fprintf(stderr, "qjs: GC stack check: VM stack slot %td holds %s (value %#llx)",
            p - in->stack, why, (unsigned long long)*p);
    for (int i = in->depth - 1; i >= 0; i--) {
        JSFrame *f = &in->frames[i];
        if (f->b && p >= f->regs - 2 && p < f->regs + f->b->nregs) {
            fprintf(stderr, ": register %td of frame #%d (function '%s', line %u)",
                    p - f->regs, i, js_atom_get_cstr(rt, buf, sizeof buf, f->b->name), f->b->line);
            break;
        }
    }
    fprintf(stderr, "; %d frames, sp at slot %td\n", in->depth, in->sp - in->stack);
    abort();
}
#else
static inline void stack_lower(JSInterp *in, JSValue *nsp)
{
    in->sp = nsp;
}
#endif

void js_interp_mark(JSRuntime *rt)
{
    JSInterp *in = rt->interp;
    if (!in)
        return;
    memset(&in->length_ic, 0, sizeof in->length_ic);
    for (JSValue *p = in->stack; p < in->sp; p++) {
#if JS_GC_STRESS
        if (*p == JS_STACK_POISON)
            stack_slot_fatal(rt, p, "the poison of a dead slot");
        const char *why = js_gc_check_value(*p);
        if (why)
            stack_slot_fatal(rt, p, why);
#endif
        js_gc_mark_value(rt, *p);
    }
    for (int i = 0; i < in->depth; i++) {
        JSFrame *f = &in->frames[i];
        js_gc_mark_value(rt, f->new_target);
        if (f->func)
            js_gc_mark_cell(rt, f->func);
        if (f->b)
            js_gc_mark_cell(rt, f->b);
        if (f->gen)
            js_gc_mark_cell(rt, f->gen);
    }
}

JSFrame *js_interp_find_frame(JSRuntime *rt, JSFunction *fn, JSFrame **below)
{
    JSInterp *in = rt->interp;
    for (int i = in ? in->depth - 1 : -1; i >= 0; i--) {
        if (in->frames[i].func == fn) {
            *below = i ? &in->frames[i - 1] : NULL;
            return &in->frames[i];
        }
    }
    *below = NULL;
    return NULL;
}

JSCFunctionObject *js_current_native_function(JSContext *ctx)
{
    JSInterp *in = ctx->rt->interp;
    return in ? in->cur_native : NULL;
}

JSFunction *js_current_function(JSRuntime *rt)
{
    JSInterp *in = rt->interp;
    return in && in->cur ? in->cur->func : NULL;
}

static JSValue throw_stack_overflow(JSContext *ctx)
{
    return js_throw_range_error(ctx, "Maximum call stack size exceeded");
}

int js_poll_interrupt(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    JSInterp *in = rt->interp;
    if (!rt->hooks.interrupt || --in->interrupt_counter > 0)
        return 0;
    in->interrupt_counter = JS_INTERRUPT_PERIOD;
    if (!rt->hooks.interrupt(rt, rt->hooks.opaque))
        return 0;
    js_throw_interrupted(ctx);
    return -1;
}

void js_throw_interrupted(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    /* the error object is made first: an uncatchable exception pending
       makes js_throw_out_of_memory a no-op */
    js_throw_error(ctx, JS_ERROR_INTERNAL, "interrupted");
    rt->exception_uncatchable = true;
}

/* Pushes a frame for fn whose arguments are at regs[0..argc) (regs[-2],
 * regs[-1] hold the callee and this). NULL after throwing RangeError, or
 * the uncatchable error of the interrupt handler (polled here: calls).
 * Inlined into the call instructions: a call's whole set-up is here. */
static js_force_inline JSFrame *push_frame(JSContext *ctx, JSFunction *fn, JSValue *regs, int argc,
                                           JSValue new_target, int flags, int ret_reg)
{
    JSRuntime *rt = ctx->rt;
    JSInterp *in = rt->interp;
    JSFunctionBytecode *b = fn->b;
    if (js_unlikely(in->depth >= JS_MAX_CALL_DEPTH + (flags & FRAME_ENTRY ? 32 : 0))) {
        throw_stack_overflow(ctx);
        return NULL;
    }
    if (js_unlikely(rt->hooks.interrupt != NULL) && js_poll_interrupt(ctx) < 0)
        return NULL;
    int nregs = b->nregs;
    JSValue *top = regs + nregs;
    int extra = js_unlikely(b->flags & JS_BC_KEEP_ARGS) && argc > b->nparams ? argc : 0;
    if (js_unlikely(top + extra + 8 > in->stack_end)) {
        throw_stack_overflow(ctx);
        return NULL;
    }
    JSFrame *f = &in->frames[in->depth++];
    f->argv = regs;
    f->argc = argc;
    if (js_unlikely(extra)) {
        memmove(top, regs, (size_t)argc * sizeof(JSValue));
        f->argv = top;
    }
    /* the missing parameters, the locals (below ninit) and the
       temporaries start as undefined (temporaries are written before they
       are read, so any valid value would do; one loop of stores is
       cheaper than a call to memset for the few registers of most
       functions) */
    int np = b->nparams;
    for (int i = argc < np ? argc : np; i < nregs; i++)
        regs[i] = JS_UNDEFINED;
    f->regs = regs;
    f->b = b;
    f->func = fn;
    f->pc = b->code;
    f->ipc = b->code;
    f->new_target = new_target;
    f->ret_reg = (uint16_t)ret_reg;
    f->flags = (uint8_t)flags;
    f->sp_save = in->sp;
    f->saved_realm = rt->current_realm;
    f->saved_roots = rt->roots;
    f->gen = NULL;
    /* never below the caller's registers (THE STACK INVARIANT, 2) */
    if (top + extra > in->sp)
        in->sp = top + extra;
    in->cur = f;
    rt->current_realm = fn->realm;
    return f;
}

static inline void pop_frame(JSRuntime *rt, JSFrame *f)
{
    JSInterp *in = rt->interp;
    stack_lower(in, f->sp_save);
    rt->current_realm = f->saved_realm;
    rt->roots = f->saved_roots;
    in->depth--;
    in->cur = in->depth ? &in->frames[in->depth - 1] : NULL;
}

/* Calls native function o. this_val, new_target and argv (at least
 * cf->length values) are VM stack slots (see js_call_internal). */
static JSValue call_native(JSContext *ctx, JSObject *o, JSValue this_val, int argc, JSValue *argv,
                           JSValue new_target, bool construct)
{
    JSRuntime *rt = ctx->rt;
    JSInterp *in = rt->interp;
    JSCFunctionObject *cf = (JSCFunctionObject *)o;
    if (js_check_stack_overflow(ctx))
        return JS_EXCEPTION;
    JSRoot *saved_roots = rt->roots;
    JSContext *saved_realm = rt->current_realm;
    rt->current_realm = cf->realm;
    JSValue tv = this_val;
    if (cf->kind == JS_CFUNC_CONSTRUCTOR)
        tv = construct ? new_target : JS_UNDEFINED;
    JSCFunctionObject *saved_native = in->cur_native;
    in->cur_native = cf;
    JSValue r = cf->fn(cf->realm, tv, argc, argv, cf->magic);
    in->cur_native = saved_native;
    rt->current_realm = saved_realm;
    rt->roots = saved_roots;
    return r;
}

/* True if argv[0..argc) lies below sp, i.e. is rooted by the VM stack. */
static inline bool args_on_stack(JSInterp *in, const JSValue *argv, int argc)
{
    uintptr_t a = (uintptr_t)argv;
    return a >= (uintptr_t)in->stack && a + (size_t)argc * sizeof(JSValue) <= (uintptr_t)in->sp;
}

static JSValue run(JSContext *ctx, JSFrame *f);

/* The general [[Call]] / [[Construct]]. The values of argv need only be
 * alive at the call: every callee gets them as VM stack slots (THE STACK
 * INVARIANT, 4, in interp_int.h). */
JSValue js_call_internal(JSContext *ctx, JSValue func, JSValue this_val, int argc, JSValue *argv,
                         JSValue new_target, bool construct)
{
    JSRuntime *rt = ctx->rt;
    JSInterp *in = rt->interp;
    if (!js_is_object(func))
        return js_throw_not_callable(ctx, func, construct);
    JSObject *o = JS_VALUE_GET_OBJ(func);
    if (construct ? !(o->h.flags & JS_OBJ_CONSTRUCTOR) : !(o->h.flags & JS_OBJ_CALLABLE))
        return js_throw_not_callable(ctx, func, construct);
    JSClassID cid = js_object_class(o);
    if (cid == JS_CLASS_FUNCTION) {
        JSFunction *fn = (JSFunction *)o;
        JSFunctionBytecode *b = fn->b;
        if (!construct && (b->flags & JS_BC_CLASS_CTOR))
            return js_throw_class_ctor_call(fn->realm, b);
        if (js_check_stack_overflow(ctx))
            return JS_EXCEPTION;
        if (in->sp + argc + 2 + b->nregs + 16 > in->stack_end)
            return throw_stack_overflow(ctx);
        JSValue *base = in->sp;
        base[0] = func;
        base[1] = this_val;
        for (int i = 0; i < argc; i++)
            base[2 + i] = argv[i];
        in->sp = base + 2 + argc;
        if (construct) {
            if (b->flags & JS_BC_DERIVED) {
                base[1] = JS_UNINITIALIZED;
            } else {
                JSValue t = js_create_from_ctor(ctx, new_target, JS_CLASS_OBJECT);
                if (t == JS_EXCEPTION) {
                    stack_lower(in, base);
                    return JS_EXCEPTION;
                }
                base[1] = t;
            }
        }
        JSFrame *f = push_frame(ctx, (JSFunction *)JS_VALUE_GET_OBJ(base[0]), base + 2, argc,
                                construct ? new_target : JS_UNDEFINED,
                                FRAME_ENTRY | (construct ? FRAME_CONSTRUCT : 0), 0);
        if (!f) {
            stack_lower(in, base);
            return JS_EXCEPTION;
        }
        f->sp_save = base;
        return run(ctx, f);
    }
    /* Any other callee: the callee, this and new.target go on the VM
       stack, and the arguments too unless they already are there with
       at least the `length` values a native function is promised. */
    int n = argc;
    if (cid == JS_CLASS_C_FUNCTION && argc < ((JSCFunctionObject *)o)->length)
        n = ((JSCFunctionObject *)o)->length;
    JSValue *base = in->sp;
    if (base + 3 + n > in->stack_end)
        return throw_stack_overflow(ctx);
    base[0] = func;
    base[1] = this_val;
    base[2] = new_target;
    if (n == argc && args_on_stack(in, argv, argc)) {
        in->sp = base + 3;
    } else {
        for (int i = 0; i < argc; i++)
            base[3 + i] = argv[i];
        for (int i = argc; i < n; i++)
            base[3 + i] = JS_UNDEFINED;
        argv = base + 3;
        in->sp = base + 3 + n;
    }
    JSValue r;
    if (cid == JS_CLASS_C_FUNCTION) {
        r = call_native(ctx, o, this_val, argc, argv, new_target, construct);
    } else if (cid == JS_CLASS_BOUND_FUNCTION) {
        r = construct ? js_bound_function_construct(ctx, o, argc, argv, new_target)
                      : js_bound_function_call(ctx, o, this_val, argc, argv);
    } else {
        const JSClass *cls = rt->classes[cid];
        if (construct)
            r = cls && cls->construct ? cls->construct(ctx, o, argc, argv, new_target)
                                      : js_throw_not_callable(ctx, func, true);
        else
            r = cls && cls->call ? cls->call(ctx, o, this_val, argc, argv)
                                 : js_throw_not_callable(ctx, func, false);
    }
    stack_lower(in, base);
    return r;
}

/* Resumes a suspended generator with (value, mode: 0 next, 1 throw,
 * 2 return). Returns the value of the next yield (g->state is then
 * SUSPENDED_YIELD) or of the return (state COMPLETED), or JS_EXCEPTION. */
JSValue js_generator_run(JSContext *ctx, JSGenerator *g, JSValue value, int mode)
{
    JSRuntime *rt = ctx->rt;
    JSInterp *in = rt->interp;
    if (js_check_stack_overflow(ctx))
        return JS_EXCEPTION;
    JSValueArray *sv = g->saved;
    JSFunction *fn = (JSFunction *)JS_VALUE_GET_OBJ(sv->values[0]);
    JSFunctionBytecode *b = fn->b;
    if (in->depth >= JS_MAX_CALL_DEPTH + 32 || in->sp + sv->len + 16 > in->stack_end)
        return throw_stack_overflow(ctx);
    JSValue *base = in->sp;
    memcpy(base, sv->values, sv->len * sizeof(JSValue));
    JSFrame *f = &in->frames[in->depth++];
    f->regs = base + 2;
    f->argc = g->argc;
    f->argv = g->args_above ? f->regs + b->nregs : f->regs;
    f->b = b;
    f->func = fn;
    f->pc = b->code + g->pc_off;
    f->ipc = f->pc;
    f->new_target = g->new_target;
    f->ret_reg = 0;
    f->flags = FRAME_ENTRY;
    f->sp_save = base;
    f->saved_realm = rt->current_realm;
    f->saved_roots = rt->roots;
    f->gen = &g->base;
    in->sp = base + sv->len;
    in->cur = f;
    rt->current_realm = fn->realm;
    if (g->state == GEN_SUSPENDED_YIELD) {
        f->regs[g->resume_reg] = value;
        f->regs[g->resume_reg + 1] = js_int(mode);
    }
    g->state = GEN_EXECUTING;
    JSValue r = run(ctx, f);
    if (g->state == GEN_EXECUTING)
        g->state = GEN_COMPLETED;
    return r;
}

JSValue js_call(JSContext *ctx, JSValue func, JSValue this_val, int argc, JSValue *argv)
{
    return js_call_internal(ctx, func, this_val, argc, argv, JS_UNDEFINED, false);
}

JSValue js_construct(JSContext *ctx, JSValue func, int argc, JSValue *argv, JSValue new_target)
{
    if (js_is_undefined(new_target))
        new_target = func;
    return js_call_internal(ctx, func, JS_UNDEFINED, argc, argv, new_target, true);
}

JSValue js_invoke(JSContext *ctx, JSValue obj, JSAtom method, int argc, JSValue *argv)
{
    JSRoot ro;
    js_root_push(ctx, &ro, obj);
    JSValue f = js_get_property(ctx, obj, method);
    JSValue r = JS_EXCEPTION;
    if (f != JS_EXCEPTION) {
        JSRoot rf;
        js_root_push(ctx, &rf, f);
        r = js_call(ctx, rf.v, ro.v, argc, argv);
    }
    js_root_pop(ctx, &ro);
    return r;
}

/* ------------------------------------------------------------------ */
/* the dispatch loop                                                   */

static bool find_handler(JSFunctionBytecode *b, uint32_t off, uint32_t *target)
{
    for (uint32_t i = 0; i < b->handler_count; i++) {
        JSExceptionHandler *h = &b->handlers[i];
        if (off >= h->start && off < h->end) {
            *target = h->target;
            return true;
        }
    }
    return false;
}

/* Pushes the elements of arr (the argument array the compiler built for
 * a spread call) on the VM stack at sp, raising sp over each one as it is
 * written: a getter run by js_get_index for a hole pushes its frame above
 * them. Returns their count, or -1 with sp unchanged. */
static int spread_args(JSContext *ctx, JSInterp *in, JSValue arr)
{
    JSObject *a = JS_VALUE_GET_OBJ(arr);
    uint32_t len = js_array_length_fast(a);
    JSValue *dst = in->sp;
    if ((size_t)len + 8 > (size_t)(in->stack_end - dst)) {
        throw_stack_overflow(ctx);
        return -1;
    }
    for (uint32_t i = 0; i < len; i++) {
        JSValue v = (a->h.flags & JS_OBJ_FAST_ARRAY) ? ((JSArray *)a)->elems[i] : JS_EMPTY;
        if (v == JS_EMPTY) {
            v = js_get_index(ctx, arr, i);
            if (v == JS_EXCEPTION) {
                stack_lower(in, dst);
                return -1;
            }
        }
        dst[i] = v;
        in->sp = dst + i + 1;
    }
    return (int)len;
}

#define OBJ(v) JS_VALUE_GET_OBJ(v)

static JSValue run(JSContext *ctx, JSFrame *f)
{
    JSRuntime *rt = ctx->rt;
    JSInterp *in = rt->interp;
    JSFunctionBytecode *b = f->b;
    JSValue *R = f->regs;
    JSValue *K = b->cpool;
    const uint8_t *pc = f->pc;
    ctx = f->func->realm;

#define RD16() (pc += 2, get_u16(pc - 2))
#define RD32() (pc += 4, get_u32(pc - 4))
#define RD8() (*pc++)
#define ATOM() RD32()
#define STRICT() ((b->flags & JS_BC_STRICT) != 0)
#define THROW() goto exception
#define CHECK(v) do { if (js_unlikely((v) == JS_EXCEPTION)) THROW(); } while (0)
#define CHECK_INT(x) do { if (js_unlikely((x) < 0)) THROW(); } while (0)
#define RELOAD() do { b = f->b; R = f->regs; K = b->cpool; pc = f->pc; ctx = f->func->realm; } while (0)

#if defined(__GNUC__)
    static const void *const dispatch[OP_COUNT] = {
#define DEF(name, fmt, desc) [OP_##name] = &&L_##name,
#include "opcodes.def"
#undef DEF
    };
#define CASE(name) L_##name:
#define NEXT() do { f->ipc = pc; goto *dispatch[*pc++]; } while (0)
    NEXT();
    {
#else
#define CASE(name) case OP_##name:
#define NEXT() goto next
    for (;;) {
    next:
        f->ipc = pc;
        switch (*pc++) {
#endif

    CASE(nop) CASE(line) CASE(debugger) NEXT();

    CASE(mov) { uint16_t d = RD16(), s = RD16(); R[d] = R[s]; NEXT(); }
    CASE(load_undef) { R[RD16()] = JS_UNDEFINED; NEXT(); }
    CASE(load_null) { R[RD16()] = JS_NULL; NEXT(); }
    CASE(load_true) { R[RD16()] = JS_TRUE; NEXT(); }
    CASE(load_false) { R[RD16()] = JS_FALSE; NEXT(); }
    CASE(load_int) { uint16_t d = RD16(); R[d] = js_int((int32_t)RD32()); NEXT(); }
    CASE(load_const) { uint16_t d = RD16(); R[d] = K[RD32()]; NEXT(); }
    CASE(load_uninit) { R[RD16()] = JS_UNINITIALIZED; NEXT(); }
    CASE(check_init) {
        uint16_t r = RD16();
        JSAtom a = ATOM();
        if (js_unlikely(R[r] == JS_UNINITIALIZED)) {
            js_throw_tdz(ctx, a);
            THROW();
        }
        NEXT();
    }
    CASE(check_init_this) {
        uint16_t r = RD16();
        if (js_unlikely(R[r] == JS_UNINITIALIZED)) {
            js_throw_reference_error(ctx, "Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
            THROW();
        }
        NEXT();
    }
    CASE(load_this) {
        uint16_t d = RD16();
        JSValue t = R[-1];
        if (!(b->flags & JS_BC_STRICT) && !js_is_object(t) && t != JS_UNINITIALIZED) {
            if (js_is_nullish(t)) {
                t = js_obj_value(f->func->realm->global_this);
            } else {
                t = js_to_object(ctx, t);
                CHECK(t);
            }
            R[-1] = t;
        }
        R[d] = t;
        NEXT();
    }
    CASE(load_new_target) { R[RD16()] = f->new_target; NEXT(); }
    CASE(load_func) { R[RD16()] = js_obj_value(&f->func->base); NEXT(); }
    CASE(load_home) { R[RD16()] = f->func->home_object; NEXT(); }

    CASE(box_new) CASE(box_new_uninit) {
        int op = pc[-1];
        uint16_t d = RD16();
        JSVarRef *box = js_value_array_new(ctx, 1);
        if (!box)
            THROW();
        box->values[0] = op == OP_box_new ? JS_UNDEFINED : JS_UNINITIALIZED;
        R[d] = js_mkptr(JS_TAG_CELL, box);
        NEXT();
    }
    CASE(box_copy) {
        uint16_t d = RD16();
        JSVarRef *box = js_value_array_new(ctx, 1);
        if (!box)
            THROW();
        box->values[0] = js_box_of(R[d])->values[0];
        R[d] = js_mkptr(JS_TAG_CELL, box);
        NEXT();
    }
    CASE(box_get) { uint16_t d = RD16(), s = RD16(); R[d] = js_box_of(R[s])->values[0]; NEXT(); }
    CASE(box_get_check) {
        uint16_t d = RD16(), s = RD16();
        JSAtom a = ATOM();
        JSValue v = js_box_of(R[s])->values[0];
        if (js_unlikely(v == JS_UNINITIALIZED)) {
            js_throw_tdz(ctx, a);
            THROW();
        }
        R[d] = v;
        NEXT();
    }
    CASE(box_put) { uint16_t d = RD16(), s = RD16(); js_box_of(R[d])->values[0] = R[s]; NEXT(); }
    CASE(box_put_check) {
        uint16_t d = RD16(), s = RD16();
        JSAtom a = ATOM();
        JSVarRef *box = js_box_of(R[d]);
        if (js_unlikely(box->values[0] == JS_UNINITIALIZED)) {
            js_throw_tdz(ctx, a);
            THROW();
        }
        box->values[0] = R[s];
        NEXT();
    }
    CASE(cap_get) { uint16_t d = RD16(), i = RD16(); R[d] = f->func->var_refs[i]->values[0]; NEXT(); }
    CASE(cap_get_check) {
        uint16_t d = RD16(), i = RD16();
        JSAtom a = ATOM();
        JSValue v = f->func->var_refs[i]->values[0];
        if (js_unlikely(v == JS_UNINITIALIZED)) {
            js_throw_tdz(ctx, a);
            THROW();
        }
        R[d] = v;
        NEXT();
    }
    CASE(cap_put) { uint16_t i = RD16(), s = RD16(); f->func->var_refs[i]->values[0] = R[s]; NEXT(); }
    CASE(cap_put_check) {
        uint16_t i = RD16(), s = RD16();
        JSAtom a = ATOM();
        JSVarRef *box = f->func->var_refs[i];
        if (js_unlikely(box->values[0] == JS_UNINITIALIZED)) {
            js_throw_tdz(ctx, a);
            THROW();
        }
        box->values[0] = R[s];
        NEXT();
    }
    CASE(cap_box) { uint16_t d = RD16(), i = RD16(); R[d] = js_mkptr(JS_TAG_CELL, f->func->var_refs[i]); NEXT(); }
    CASE(throw_const) {
        JSAtom a = ATOM();
        js_throw_type_error_atom(ctx, "Assignment to constant variable '%s'", a);
        THROW();
    }
    CASE(closure) {
        uint16_t d = RD16();
        uint32_t k = RD32();
        JSValue fn = js_make_closure(ctx, (JSFunctionBytecode *)js_get_ptr(K[k]), f->func, R);
        CHECK(fn);
        R[d] = fn;
        NEXT();
    }

    CASE(get_global) CASE(get_global_typeof) {
        int op = pc[-1];
        uint16_t d = RD16();
        JSAtom a = ATOM();
        JSInlineCache *ic = &b->ics[RD32()];
        JSValue v = js_global_ic_get(ctx, a, ic);
        if (js_unlikely(v == JS_EMPTY) && (v = js_global_lex_ic_get(ctx, a, ic)) == JS_EMPTY) {
            v = js_op_get_global(ctx, a, ic, op == OP_get_global_typeof);
            CHECK(v);
        }
        R[d] = v;
        NEXT();
    }
    CASE(put_global) {
        JSAtom a = ATOM();
        uint16_t s = RD16();
        JSInlineCache *ic = &b->ics[RD32()];
        CHECK_INT(js_op_put_global(ctx, a, R[s], ic, STRICT()));
        NEXT();
    }
    CASE(global_has) {
        uint16_t d = RD16();
        JSAtom a = ATOM();
        int r = 1;
        if (!js_global_lex_find(ctx, a)) {
            r = js_has_property(ctx, js_obj_value(ctx->global_obj), a);
            CHECK_INT(r);
        }
        R[d] = js_bool(r);
        NEXT();
    }
    CASE(init_global_lex) {
        JSAtom a = ATOM();
        uint16_t s = RD16();
        CHECK_INT(js_op_init_global_lex(ctx, a, R[s]));
        NEXT();
    }
    CASE(delete_global) {
        uint16_t d = RD16();
        JSAtom a = ATOM();
        int r;
        if (js_global_lex_find(ctx, a))
            r = 0;
        else
            r = js_delete_property(ctx, js_obj_value(ctx->global_obj), a, 0);
        CHECK_INT(r);
        R[d] = js_bool(r);
        NEXT();
    }
    CASE(global_decl) {
        uint32_t k = RD32();
        CHECK_INT(js_op_global_decl(ctx, (JSScopeDesc *)js_get_ptr(K[k])));
        NEXT();
    }
    CASE(define_global_fn) {
        JSAtom a = ATOM();
        uint16_t s = RD16();
        CHECK_INT(js_op_define_global_fn(ctx, a, R[s], (b->flags & JS_BC_EVAL) != 0));
        NEXT();
    }

    CASE(dyn_get) CASE(dyn_get_ref) {
        int op = pc[-1];
        uint16_t d = RD16(), e = RD16();
        JSAtom a = ATOM();
        uint8_t is_with = RD8();
        int32_t off = (int32_t)RD32();
        int r = js_op_dyn_has(ctx, R[e], a, is_with);
        CHECK_INT(r);
        if (r) {
            JSValue env = R[e];
            JSValue v = JS_UNDEFINED;
            /* GetBindingValue of an object record asks HasProperty again:
               the binding may have gone (sloppy: undefined) */
            int h = 1;
            if (is_with) {
                h = js_has_property(ctx, env, a);
                CHECK_INT(h);
                if (!h && STRICT()) {
                    js_throw_not_defined(ctx, a);
                    THROW();
                }
            }
            if (h) {
                v = js_get_property(ctx, R[e], a);
                CHECK(v);
            }
            R[d] = v;
            if (op == OP_dyn_get_ref)
                R[d + 1] = is_with ? R[e] : JS_UNDEFINED;
            pc += off;
        }
        NEXT();
    }
    CASE(dyn_put) {
        uint16_t e = RD16();
        JSAtom a = ATOM();
        uint16_t s = RD16();
        uint8_t is_with = RD8();
        int32_t off = (int32_t)RD32();
        int r = js_op_dyn_has(ctx, R[e], a, is_with);
        CHECK_INT(r);
        if (r) {
            if (is_with) {
                /* SetMutableBinding: HasProperty again (stillExists) */
                int h = js_has_property(ctx, R[e], a);
                CHECK_INT(h);
                if (!h && STRICT()) {
                    js_throw_not_defined(ctx, a);
                    THROW();
                }
            }
            CHECK_INT(js_set_property(ctx, R[e], a, R[s], STRICT() ? JS_THROW : 0));
            pc += off;
        }
        NEXT();
    }
    CASE(dyn_delete) {
        uint16_t d = RD16(), e = RD16();
        JSAtom a = ATOM();
        uint8_t is_with = RD8();
        int32_t off = (int32_t)RD32();
        int r = js_op_dyn_has(ctx, R[e], a, is_with);
        CHECK_INT(r);
        if (r) {
            r = js_delete_property(ctx, R[e], a, 0);
            CHECK_INT(r);
            R[d] = js_bool(r);
            pc += off;
        }
        NEXT();
    }
    CASE(dyn_find) {
        uint16_t d = RD16(), e = RD16();
        JSAtom a = ATOM();
        uint8_t is_with = RD8();
        int32_t off = (int32_t)RD32();
        int r = js_op_dyn_has(ctx, R[e], a, is_with);
        CHECK_INT(r);
        if (r) {
            R[d] = R[e];
            pc += off;
        }
        NEXT();
    }
    CASE(ref_get) {
        uint16_t d = RD16(), e = RD16();
        JSAtom a = ATOM();
        int32_t off = (int32_t)RD32();
        if (js_is_object(R[e])) {
            /* GetBindingValue: HasProperty again (sloppy: undefined when
               the binding has gone) */
            int h = js_has_property(ctx, R[e], a);
            CHECK_INT(h);
            if (!h && STRICT()) {
                js_throw_not_defined(ctx, a);
                THROW();
            }
            JSValue v = JS_UNDEFINED;
            if (h) {
                v = js_get_property(ctx, R[e], a);
                CHECK(v);
            }
            R[d] = v;
            pc += off;
        }
        NEXT();
    }
    CASE(ref_put) {
        uint16_t e = RD16();
        JSAtom a = ATOM();
        uint16_t s = RD16();
        int32_t off = (int32_t)RD32();
        if (js_is_object(R[e])) {
            /* SetMutableBinding: HasProperty again (stillExists) */
            int h = js_has_property(ctx, R[e], a);
            CHECK_INT(h);
            if (!h && STRICT()) {
                js_throw_not_defined(ctx, a);
                THROW();
            }
            CHECK_INT(js_set_property(ctx, R[e], a, R[s], STRICT() ? JS_THROW : 0));
            pc += off;
        }
        NEXT();
    }
    CASE(import_meta) {
        uint16_t d = RD16(), r = RD16();
        JSValue v = js_module_import_meta(ctx, js_box_of(R[r]));
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(import_call) {
        uint16_t d = RD16(), sr = RD16(), o = RD16();
        JSValue v = js_module_dynamic_import(ctx, import_referrer(ctx, f), R[sr], R[o]);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(using_add) {
        uint16_t sr = RD16(), v = RD16();
        uint8_t is_async = RD8();
        CHECK_INT(js_using_add(ctx, &R[sr], R[v], is_async != 0));
        NEXT();
    }
    CASE(dispose_step) {
        uint16_t io = RD16(), sr = RD16(), c = RD16();
        int32_t off = (int32_t)RD32();
        int r = js_using_dispose_step(ctx, R[sr], &R[io], &R[c]);
        CHECK_INT(r);
        if (r == 0)
            pc += off;
        NEXT();
    }
    CASE(to_with_object) {
        uint16_t r = RD16();
        JSValue v = js_to_object(ctx, R[r]);
        CHECK(v);
        R[r] = v;
        NEXT();
    }
    CASE(env_declare_var) {
        uint16_t e = RD16();
        JSAtom a = ATOM();
        int r = js_get_own_property(ctx, R[e], a, NULL);
        CHECK_INT(r);
        if (!r)
            CHECK_INT(js_define_property_value(ctx, R[e], a, JS_UNDEFINED, JS_PROP_C_W_E));
        NEXT();
    }
    CASE(new_env_object) {
        uint16_t d = RD16();
        JSValue o = js_new_object_proto(ctx, JS_NULL);
        CHECK(o);
        R[d] = o;
        NEXT();
    }

    CASE(get_field) CASE(get_field_opt) {
        uint16_t d = RD16(), o = RD16();
        JSAtom a = ATOM();
        JSInlineCache *ic = &b->ics[RD32()];
        JSValue ov = R[o];
        if (js_likely(js_is_object(ov))) {
            JSObject *obj = OBJ(ov);
            if (obj->shape == ic->shape) {
                if (!ic->holder) {
                    R[d] = obj->slots[ic->slot];
                    NEXT();
                }
                if (ic->holder->shape == ic->holder_shape &&
                    (!ic->mid_shape || obj->shape->proto->shape == ic->mid_shape)) {
                    R[d] = ic->holder->slots[ic->slot];
                    NEXT();
                }
            }
        } else if (js_is_string(ov) && !ic->shape && !ic->new_shape && ic->holder &&
                   ic->holder->shape == ic->holder_shape &&
                   ctx->class_proto[JS_CLASS_STRING] == js_obj_value(ic->holder)) {
            /* a String.prototype method read on a string (`s.charCodeAt`):
             * cached by ic_string_method */
            R[d] = ic->holder->slots[ic->slot];
            NEXT();
        }
        JSValue v = js_op_get_field_slow(ctx, ov, a, ic);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(put_field) {
        uint16_t o = RD16();
        JSAtom a = ATOM();
        uint16_t s = RD16();
        JSInlineCache *ic = &b->ics[RD32()];
        JSValue ov = R[o];
        if (js_likely(js_is_object(ov))) {
            JSObject *obj = OBJ(ov);
            if (obj->shape == ic->shape) {
                if (!ic->new_shape) {
                    obj->slots[ic->slot] = R[s];
                    NEXT();
                }
                /* holder_shape / mid_shape: the prototypes' shapes when the
                 * chain was checked (ic_cache_add_chain) */
                JSShape *s1 = ic->holder_shape;
                if ((obj->h.flags & JS_OBJ_EXTENSIBLE) && js_slots_capacity(obj->slots) > ic->slot &&
                    (s1 ? obj->shape->proto->shape == s1 &&
                              (!ic->mid_shape || s1->proto->shape == ic->mid_shape)
                        : js_proto_chain_allows_add(obj->shape->proto, a))) {
                    obj->slots[ic->slot] = R[s];
                    obj->shape = ic->new_shape;
                    NEXT();
                }
            }
        }
        CHECK_INT(js_op_put_field_slow(ctx, ov, a, R[s], ic, STRICT()));
        NEXT();
    }
    CASE(get_elem) {
        uint16_t d = RD16(), o = RD16(), k = RD16();
        JSValue ov = R[o], kv = R[k];
        if (js_likely(js_is_object(ov) && js_is_int(kv))) {
            JSObject *obj = OBJ(ov);
            if (obj->h.flags & JS_OBJ_FAST_ARRAY) {
                int32_t i = js_get_int(kv);
                if ((uint32_t)i < js_array_length_fast(obj)) {
                    JSValue v = ((JSArray *)obj)->elems[i];
                    if (v != JS_EMPTY) {
                        R[d] = v;
                        NEXT();
                    }
                }
            } else if (js_class_is_typed_array(js_object_class(obj)) && js_get_int(kv) >= 0) {
                /* a typed array's integer keys never reach its prototype */
                JSValue v = js_typed_array_get_fast(obj, (uint32_t)js_get_int(kv));
                if (v != JS_EMPTY) {
                    R[d] = v;
                    NEXT();
                }
            }
        }
        JSValue v = js_get_value(ctx, ov, kv);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(put_elem) {
        uint16_t o = RD16(), k = RD16(), s = RD16();
        JSValue ov = R[o], kv = R[k];
        if (js_likely(js_is_object(ov) && js_is_int(kv))) {
            JSObject *obj = OBJ(ov);
            if (obj->h.flags & JS_OBJ_FAST_ARRAY) {
                int32_t i = js_get_int(kv);
                uint32_t len = js_array_length_fast(obj);
                if ((uint32_t)i < len && ((JSArray *)obj)->elems[i] != JS_EMPTY) {
                    ((JSArray *)obj)->elems[i] = R[s];
                    NEXT();
                }
            } else if (js_class_is_typed_array(js_object_class(obj)) && js_get_int(kv) >= 0) {
                if (js_typed_array_set_fast(obj, (uint32_t)js_get_int(kv), R[s]))
                    NEXT();
            }
        }
        if (js_is_nullish(ov)) {
            js_throw_nullish_access(ctx, ov, JS_ATOM_NULL, kv, true);
            THROW();
        }
        CHECK_INT(js_set_value(ctx, ov, kv, R[s], STRICT() ? JS_THROW : 0));
        NEXT();
    }
    CASE(get_length) {
        uint16_t d = RD16(), o = RD16();
        JSValue ov = R[o];
        if (js_is_object(ov) && js_object_class(OBJ(ov)) == JS_CLASS_ARRAY) {
            R[d] = OBJ(ov)->slots[0];
            NEXT();
        }
        if (js_is_string(ov)) {
            R[d] = js_int((int32_t)js_string_len(ov));
            NEXT();
        }
        JSInlineCache *lic = &ctx->rt->interp->length_ic;
        if (js_is_object(ov) && OBJ(ov)->shape == lic->shape) {
            if (!lic->holder) {
                R[d] = OBJ(ov)->slots[lic->slot];
                NEXT();
            }
            if (lic->holder->shape == lic->holder_shape &&
                (!lic->mid_shape || OBJ(ov)->shape->proto->shape == lic->mid_shape)) {
                R[d] = lic->holder->slots[lic->slot];
                NEXT();
            }
        }
        JSValue v = js_op_get_field_slow(ctx, ov, JS_ATOM_length, lic);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(delete_field) {
        uint16_t d = RD16(), o = RD16();
        JSAtom a = ATOM();
        JSValue ov = R[o];
        JSValue obj = js_to_object(ctx, ov);
        CHECK(obj);
        int r = js_delete_property(ctx, obj, a, STRICT() ? JS_THROW : 0);
        CHECK_INT(r);
        R[d] = js_bool(r);
        NEXT();
    }
    CASE(delete_elem) {
        uint16_t d = RD16(), o = RD16(), k = RD16();
        JSValue obj = js_to_object(ctx, R[o]);
        CHECK(obj);
        R[d] = obj;     /* root it while converting the key */
        JSAtom a = js_to_property_key(ctx, R[k]);
        if (a == JS_ATOM_NULL)
            THROW();
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        int r = js_delete_property(ctx, R[d], a, STRICT() ? JS_THROW : 0);
        js_root_pop(ctx, &ra);
        CHECK_INT(r);
        R[d] = js_bool(r);
        NEXT();
    }
    CASE(get_super) {
        uint16_t d = RD16(), h = RD16(), k = RD16(), t = RD16();
        JSValue v = js_op_get_super(ctx, R[h], R[k], R[t]);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(put_super) {
        uint16_t h = RD16(), k = RD16(), s = RD16(), t = RD16();
        CHECK_INT(js_op_put_super(ctx, R[h], R[k], R[s], R[t], STRICT()));
        NEXT();
    }
    CASE(to_propkey) {
        uint16_t d = RD16(), s = RD16();
        JSValue v = R[s];
        if (!js_is_string(v) && !js_is_symbol(v) && !js_is_int(v)) {
            v = js_to_primitive(ctx, v, JS_HINT_STRING);
            CHECK(v);
            if (!js_is_symbol(v)) {
                v = js_to_string(ctx, v);
                CHECK(v);
            }
        }
        R[d] = v;
        NEXT();
    }
    CASE(check_object) {
        uint16_t r = RD16();
        if (!js_is_object(R[r])) {
            js_throw_type_error(ctx, "iterator result is not an object");
            THROW();
        }
        NEXT();
    }
    CASE(require_object_coercible) {
        uint16_t r = RD16();
        if (js_is_nullish(R[r])) {
            js_throw_destructure_nullish(ctx, f, r);
            THROW();
        }
        NEXT();
    }

    CASE(new_object) {
        uint16_t d = RD16();
        JSValue o = js_new_object(ctx);
        CHECK(o);
        R[d] = o;
        NEXT();
    }
    CASE(new_object_sized) {
        uint16_t d = RD16(), n = RD16();
        JSValue o = js_new_object_sized(ctx, n);
        CHECK(o);
        R[d] = o;
        NEXT();
    }
    CASE(new_array) {
        uint16_t d = RD16(), s = RD16(), n = RD16();
        JSValue a = js_new_array_from(ctx, n, R + s);
        CHECK(a);
        R[d] = a;
        NEXT();
    }
    CASE(array_append) {
        uint16_t a = RD16(), s = RD16();
        CHECK_INT(js_array_push_fast(ctx, OBJ(R[a]), R[s]));
        NEXT();
    }
    CASE(array_hole) {
        uint16_t a = RD16();
        JSObject *arr = OBJ(R[a]);
        CHECK_INT(js_array_set_length(ctx, arr, js_array_length_fast(arr) + 1, JS_THROW));
        NEXT();
    }
    CASE(array_spread) {
        uint16_t a = RD16(), s = RD16();
        CHECK_INT(js_op_array_spread(ctx, R[a], R[s]));
        NEXT();
    }
    CASE(define_field) {
        uint16_t o = RD16();
        JSAtom a = ATOM();
        uint16_t s = RD16();
        CHECK_INT(js_create_data_property(ctx, R[o], a, R[s], JS_THROW));
        NEXT();
    }
    CASE(define_elem) {
        uint16_t o = RD16(), k = RD16(), s = RD16();
        JSAtom a = js_to_property_key(ctx, R[k]);
        if (a == JS_ATOM_NULL)
            THROW();
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        int r = js_create_data_property(ctx, R[o], a, R[s], JS_THROW);
        js_root_pop(ctx, &ra);
        CHECK_INT(r);
        NEXT();
    }
    CASE(define_method) {
        uint16_t o = RD16(), k = RD16(), s = RD16();
        uint8_t fl = RD8();
        CHECK_INT(js_op_define_method(ctx, R[o], R[k], R[s], fl));
        NEXT();
    }
    CASE(set_proto) {
        uint16_t o = RD16(), s = RD16();
        JSValue p = R[s];
        if (js_is_object(p) || js_is_null(p))
            CHECK_INT(js_set_prototype_of(ctx, R[o], p, 0));
        NEXT();
    }
    CASE(copy_data_props) {
        uint16_t t = RD16(), s = RD16(), e = RD16();
        CHECK_INT(js_op_copy_data_props(ctx, R[t], R[s], R[e]));
        NEXT();
    }
    CASE(set_name) {
        uint16_t r = RD16();
        JSAtom a = ATOM();
        uint8_t pfx = RD8();
        CHECK_INT(js_set_function_name(ctx, R[r], a, pfx == 1 ? JS_ATOM_get_ : pfx == 2 ? JS_ATOM_set_ : JS_ATOM_NULL));
        NEXT();
    }
    CASE(set_name_computed) {
        uint16_t r = RD16(), k = RD16();
        uint8_t pfx = RD8();
        JSValue kv = R[k];
        if (js_is_symbol(kv) && (JS_VALUE_GET_SYMBOL(kv)->h.flags & JS_SYMBOL_PRIVATE))
            kv = JS_VALUE_GET_SYMBOL(kv)->description;     /* "#x" */
        JSAtom a = js_value_to_atom(ctx, kv);
        if (a == JS_ATOM_NULL)
            THROW();
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        int res = js_set_function_name(ctx, R[r], a, pfx == 1 ? JS_ATOM_get_ : pfx == 2 ? JS_ATOM_set_ : JS_ATOM_NULL);
        js_root_pop(ctx, &ra);
        CHECK_INT(res);
        NEXT();
    }
    CASE(set_home) {
        uint16_t r = RD16(), h = RD16();
        if (js_is_bytecode_function(R[r]))
            ((JSFunction *)OBJ(R[r]))->home_object = R[h];
        NEXT();
    }
    CASE(template_object) {
        uint16_t d = RD16();
        uint32_t k = RD32();
        JSValue v = js_op_template_object(ctx, b, k);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(regexp) {
        uint16_t d = RD16();
        uint32_t kp = RD32(), kf = RD32();
        const JSBuiltinFamily *re = js_builtin_family_table[JS_FAMILY_regexp];
        JSValue v = re ? re->regexp_literal(ctx, K[kp], K[kf]) : js_throw_left_out(ctx, "RegExp");
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(class_create) {
        uint16_t d = RD16(), h = RD16(), p = RD16();
        uint32_t k = RD32();
        JSValue proto;
        JSValue v = js_op_class_create(ctx, (JSFunctionBytecode *)js_get_ptr(K[k]), R[h], f->func, R, &proto);
        CHECK(v);
        R[d] = v;
        R[p] = proto;
        NEXT();
    }
    CASE(add_brand) {
        uint16_t o = RD16(), fn = RD16();
        CHECK_INT(js_op_run_fields(ctx, R[o], R[fn]));
        NEXT();
    }
    CASE(set_class_fields) {
        uint16_t c = RD16(), l = RD16();
        ((JSFunction *)OBJ(R[c]))->fields = R[l];
        NEXT();
    }
    CASE(run_static_init) {
        uint16_t c = RD16(), l = RD16();
        (void)RD16();
        CHECK_INT(js_op_run_static_init(ctx, R[c], R[l]));
        NEXT();
    }
    CASE(private_get) {
        uint16_t d = RD16(), o = RD16(), k = RD16();
        JSValue v = js_op_private_get(ctx, R[o], R[k]);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(private_put) {
        uint16_t o = RD16(), k = RD16(), s = RD16();
        CHECK_INT(js_op_private_put(ctx, R[o], R[k], R[s]));
        NEXT();
    }
    CASE(private_define) {
        uint16_t o = RD16(), k = RD16(), s = RD16();
        CHECK_INT(js_op_private_define(ctx, R[o], R[k], R[s]));
        NEXT();
    }
    CASE(private_in) {
        uint16_t d = RD16(), k = RD16(), o = RD16();
        int r = js_op_private_in(ctx, R[k], R[o]);
        CHECK_INT(r);
        R[d] = js_bool(r);
        NEXT();
    }
    CASE(new_private_name) {
        uint16_t d = RD16();
        JSAtom a = ATOM();
        JSValue desc = js_atom_to_string(ctx, a);
        CHECK(desc);
        R[d] = desc;
        JSValue s = js_new_symbol(ctx, R[d], false);
        CHECK(s);
        JS_VALUE_GET_SYMBOL(s)->h.flags |= JS_SYMBOL_PRIVATE;
        R[d] = s;
        NEXT();
    }

    /* arithmetic: int32 and double fast paths inline */
#define ARITH(name, iexpr, dexpr)                                             \
    CASE(name) {                                                              \
        uint16_t d = RD16(), x = RD16(), y = RD16();                          \
        JSValue a = R[x], c = R[y];                                           \
        if (js_likely(js_is_int(a) && js_is_int(c))) {                        \
            int64_t ia = js_get_int(a), ic = js_get_int(c), r;                \
            iexpr;                                                            \
        }                                                                     \
        if (js_is_number(a) && js_is_number(c)) {                             \
            double da = js_number_value(a), dc = js_number_value(c);          \
            R[d] = js_number(dexpr);                                          \
            NEXT();                                                           \
        }                                                                     \
        JSValue v = pc[-7] == OP_add ? js_op_add_slow(ctx, a, c)             \
                                     : js_op_arith_slow(ctx, pc[-7], a, c);   \
        CHECK(v);                                                             \
        R[d] = v;                                                             \
        NEXT();                                                               \
    }
    ARITH(add, { r = ia + ic; if (r == (int32_t)r) { R[d] = js_int((int32_t)r); NEXT(); } }, da + dc)
    ARITH(sub, { r = ia - ic; if (r == (int32_t)r) { R[d] = js_int((int32_t)r); NEXT(); } }, da - dc)
    ARITH(mul, { r = ia * ic; if (r == (int32_t)r && (r != 0 || (ia >= 0 && ic >= 0))) { R[d] = js_int((int32_t)r); NEXT(); } }, da * dc)
    ARITH(div, { if (ic != 0 && ia % ic == 0 && !(ia == 0 && ic < 0) && !(ia == INT32_MIN && ic == -1)) { R[d] = js_int((int32_t)(ia / ic)); NEXT(); } (void)r; }, da / dc)
    ARITH(mod, { if (ic > 0 && ia >= 0) { R[d] = js_int((int32_t)(ia % ic)); NEXT(); } (void)r; }, js_fmod(da, dc))
#undef ARITH
    CASE(pow) {
        uint16_t d = RD16(), x = RD16(), y = RD16();
        JSValue v = js_op_arith_slow(ctx, OP_pow, R[x], R[y]);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
#define BITOP(name, expr)                                                     \
    CASE(name) {                                                              \
        uint16_t d = RD16(), x = RD16(), y = RD16();                          \
        JSValue a = R[x], c = R[y];                                           \
        if (js_likely(js_is_int(a) && js_is_int(c))) {                        \
            int32_t ia = js_get_int(a), ic = js_get_int(c);                   \
            R[d] = expr;                                                      \
            NEXT();                                                           \
        }                                                                     \
        JSValue v = js_op_arith_slow(ctx, pc[-7], a, c);                      \
        CHECK(v);                                                             \
        R[d] = v;                                                             \
        NEXT();                                                               \
    }
    BITOP(shl, js_int((int32_t)((uint32_t)ia << (ic & 31))))
    BITOP(sar, js_int(ia >> (ic & 31)))
    BITOP(shr, js_number((double)((uint32_t)ia >> (ic & 31))))
    BITOP(band, js_int(ia & ic))
    BITOP(bor, js_int(ia | ic))
    BITOP(bxor, js_int(ia ^ ic))
#undef BITOP
#define CMP(name, op)                                                         \
    CASE(name) {                                                              \
        uint16_t d = RD16(), x = RD16(), y = RD16();                          \
        JSValue a = R[x], c = R[y];                                           \
        if (js_likely(js_is_int(a) && js_is_int(c))) {                        \
            R[d] = js_bool(js_get_int(a) op js_get_int(c));                   \
            NEXT();                                                           \
        }                                                                     \
        if (js_is_number(a) && js_is_number(c)) {                             \
            R[d] = js_bool(js_number_value(a) op js_number_value(c));         \
            NEXT();                                                           \
        }                                                                     \
        JSValue v = js_op_compare_slow(ctx, pc[-7], a, c);                    \
        CHECK(v);                                                             \
        R[d] = v;                                                             \
        NEXT();                                                               \
    }
    CMP(lt, <)
    CMP(le, <=)
    CMP(gt, >)
    CMP(ge, >=)
#undef CMP
    CASE(eq) CASE(ne) {
        int op = pc[-1];
        uint16_t d = RD16(), x = RD16(), y = RD16();
        JSValue a = R[x], c = R[y];
        int r;
        if (js_is_int(a) && js_is_int(c))
            r = a == c;
        else if (a == c && !js_is_double(a))
            r = 1;
        else if ((js_is_nullish(a) || js_is_nullish(c)) &&
                 !(js_is_object(a) && (OBJ(a)->h.flags & JS_OBJ_HTMLDDA)) &&
                 !(js_is_object(c) && (OBJ(c)->h.flags & JS_OBJ_HTMLDDA)))
            /* `x == null`: only null and undefined are equal to null or
               undefined (and the [[IsHTMLDDA]] object, left to the call) */
            r = js_is_nullish(a) && js_is_nullish(c);
        else if (js_is_object(a) && js_is_object(c))
            r = 0;
        else {
            r = js_loose_equals(ctx, a, c);
            CHECK_INT(r);
        }
        R[d] = js_bool(op == OP_eq ? r : !r);
        NEXT();
    }
    CASE(seq) CASE(sne) {
        int op = pc[-1];
        uint16_t d = RD16(), x = RD16(), y = RD16();
        JSValue a = R[x], c = R[y];
        bool r;
        if (a == c && !js_is_double(a))
            r = true;
        else if (js_is_int(a) && js_is_int(c))
            r = false;
        else
            r = js_strict_equals(ctx, a, c);
        R[d] = js_bool(op == OP_seq ? r : !r);
        NEXT();
    }
    CASE(in) {
        uint16_t d = RD16(), x = RD16(), y = RD16();
        if (!js_is_object(R[y])) {
            js_throw_in_non_object(ctx, R[x], R[y]);
            THROW();
        }
        JSAtom a = js_to_property_key(ctx, R[x]);
        if (a == JS_ATOM_NULL)
            THROW();
        JSRoot ra;
        js_root_push_atom(ctx, &ra, a);
        int r = js_has_property(ctx, R[y], a);
        js_root_pop(ctx, &ra);
        CHECK_INT(r);
        R[d] = js_bool(r);
        NEXT();
    }
    CASE(instanceof) {
        uint16_t d = RD16(), x = RD16(), y = RD16();
        int r = js_instanceof(ctx, R[x], R[y]);
        CHECK_INT(r);
        R[d] = js_bool(r);
        NEXT();
    }
    CASE(neg) CASE(plus) CASE(tonumeric) CASE(bnot) CASE(inc) CASE(dec) {
        int op = pc[-1];
        uint16_t d = RD16(), s = RD16();
        JSValue a = R[s];
        if (js_likely(js_is_int(a))) {
            int32_t i = js_get_int(a);
            switch (op) {
            case OP_neg: if (i != 0 && i != INT32_MIN) { R[d] = js_int(-i); NEXT(); } break;
            case OP_plus: case OP_tonumeric: R[d] = a; NEXT();
            case OP_bnot: R[d] = js_int(~i); NEXT();
            case OP_inc: if (i != INT32_MAX) { R[d] = js_int(i + 1); NEXT(); } break;
            case OP_dec: if (i != INT32_MIN) { R[d] = js_int(i - 1); NEXT(); } break;
            }
        } else if (js_is_double(a) && op != OP_bnot) {
            double x = js_get_double(a);
            switch (op) {
            case OP_neg: R[d] = js_number(-x); if (x == 0) R[d] = js_double(-x); NEXT();
            case OP_plus: case OP_tonumeric: R[d] = a; NEXT();
            case OP_inc: R[d] = js_number(x + 1); NEXT();
            case OP_dec: R[d] = js_number(x - 1); NEXT();
            }
        }
        JSValue v = js_op_unary_slow(ctx, op, a);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(not) { uint16_t d = RD16(), s = RD16(); R[d] = js_bool(!js_to_boolean(R[s])); NEXT(); }
    CASE(typeof) {
        uint16_t d = RD16(), s = RD16();
        JSValue v = js_op_typeof(ctx, R[s]);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(to_string) {
        uint16_t d = RD16(), s = RD16();
        JSValue v = R[s];
        if (!js_is_string(v)) {
            v = js_to_string(ctx, v);
            CHECK(v);
        }
        R[d] = v;
        NEXT();
    }
    CASE(add_int) {
        uint16_t d = RD16(), s = RD16();
        int32_t k = (int32_t)RD32();
        JSValue a = R[s];
        if (js_is_int(a)) {
            int64_t r = (int64_t)js_get_int(a) + k;
            if (r == (int32_t)r) {
                R[d] = js_int((int32_t)r);
                NEXT();
            }
        }
        JSValue v = js_op_add_slow(ctx, a, js_int(k));
        CHECK(v);
        R[d] = v;
        NEXT();
    }

    /* control flow */
    CASE(jmp) {
        int32_t off = (int32_t)RD32();
        pc += off;
        if (off < 0 && rt->hooks.interrupt && js_poll_interrupt(ctx) < 0)
            THROW();
        NEXT();
    }
    CASE(jtrue) {
        uint16_t r = RD16();
        int32_t off = (int32_t)RD32();
        JSValue v = R[r];
        if (v == JS_TRUE || (v != JS_FALSE && js_to_boolean(v)))
            pc += off;
        NEXT();
    }
    CASE(jfalse) {
        uint16_t r = RD16();
        int32_t off = (int32_t)RD32();
        JSValue v = R[r];
        if (v == JS_FALSE || (v != JS_TRUE && !js_to_boolean(v)))
            pc += off;
        NEXT();
    }
    CASE(jnullish) { uint16_t r = RD16(); int32_t off = (int32_t)RD32(); if (js_is_nullish(R[r])) pc += off; NEXT(); }
    CASE(jnot_nullish) { uint16_t r = RD16(); int32_t off = (int32_t)RD32(); if (!js_is_nullish(R[r])) pc += off; NEXT(); }
    CASE(jundef) { uint16_t r = RD16(); int32_t off = (int32_t)RD32(); if (R[r] == JS_UNDEFINED) pc += off; NEXT(); }
    CASE(jnot_undef) { uint16_t r = RD16(); int32_t off = (int32_t)RD32(); if (R[r] != JS_UNDEFINED) pc += off; NEXT(); }
    CASE(jstrict_eq) {
        uint16_t x = RD16(), y = RD16();
        int32_t off = (int32_t)RD32();
        JSValue a = R[x], c = R[y];
        /* two different ints (switch over small ints) skip the call */
        if ((a == c && !js_is_double(a)) || (!(js_is_int(a) && js_is_int(c)) && js_strict_equals(ctx, a, c)))
            pc += off;
        NEXT();
    }
    CASE(jlt) CASE(jge_not) {
        int op = pc[-1];
        uint16_t x = RD16(), y = RD16();
        int32_t off = (int32_t)RD32();
        JSValue a = R[x], c = R[y];
        bool lt;
        if (js_is_int(a) && js_is_int(c)) {
            lt = js_get_int(a) < js_get_int(c);
        } else {
            JSValue v = js_op_compare_slow(ctx, OP_lt, a, c);
            CHECK(v);
            lt = v == JS_TRUE;
        }
        if (op == OP_jlt ? lt : !lt)
            pc += off;
        NEXT();
    }
    CASE(jint_ne) {
        uint16_t r = RD16();
        int32_t k = (int32_t)RD32();
        int32_t off = (int32_t)RD32();
        if (R[r] != js_int(k))
            pc += off;
        NEXT();
    }

    /* calls */
    CASE(call) {
        uint16_t d = RD16(), fr = RD16(), argc = RD16();
        JSValue fv = R[fr];
        if (js_likely(js_is_object(fv) && js_object_class(OBJ(fv)) == JS_CLASS_FUNCTION)) {
            JSFunction *fn = (JSFunction *)OBJ(fv);
            if (js_unlikely(fn->b->flags & JS_BC_CLASS_CTOR)) {
                /* created in the callee's realm ([[Call]] step 2) */
                js_throw_class_ctor_call(fn->realm, fn->b);
                THROW();
            }
            f->pc = pc;
            JSFrame *nf = push_frame(ctx, fn, R + fr + 2, argc, JS_UNDEFINED, 0, d);
            if (!nf)
                THROW();
            f = nf;
            RELOAD();
            NEXT();
        }
        f->pc = pc;
        JSValue v = js_call_internal(ctx, fv, R[fr + 1], argc, R + fr + 2, JS_UNDEFINED, false);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(new) {
        uint16_t d = RD16(), fr = RD16(), argc = RD16();
        JSValue fv = R[fr];
        if (js_is_object(fv) && js_object_class(OBJ(fv)) == JS_CLASS_FUNCTION &&
            (OBJ(fv)->h.flags & JS_OBJ_CONSTRUCTOR)) {
            JSFunction *fn = (JSFunction *)OBJ(fv);
            if (fn->b->flags & JS_BC_DERIVED) {
                R[fr + 1] = JS_UNINITIALIZED;
            } else {
                JSValue t = js_create_from_ctor(ctx, R[fr + 1], JS_CLASS_OBJECT);
                CHECK(t);
                R[fr + 1] = t;
            }
            /* the frame's this slot is regs[-1] = R[fr+1]; new.target was fv */
            f->pc = pc;
            JSFrame *nf = push_frame(ctx, fn, R + fr + 2, argc, fv, FRAME_CONSTRUCT, d);
            if (!nf)
                THROW();
            f = nf;
            RELOAD();
            NEXT();
        }
        if (!js_is_constructor(fv)) {
            js_throw_not_callable(ctx, fv, true);
            THROW();
        }
        JSValue v = js_call_internal(ctx, fv, JS_UNDEFINED, argc, R + fr + 2, R[fr + 1], true);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(call_spread) CASE(new_spread) CASE(super_call_spread) {
        int op = pc[-1];
        uint16_t d = RD16(), fr = RD16();
        JSValue *args = in->sp;
        int argc = spread_args(ctx, in, R[fr + 2]);
        CHECK_INT(argc);
        JSValue v;
        if (op == OP_call_spread)
            v = js_call_internal(ctx, R[fr], R[fr + 1], argc, args, JS_UNDEFINED, false);
        else if (op == OP_new_spread)
            v = js_call_internal(ctx, R[fr], JS_UNDEFINED, argc, args, R[fr + 1], true);
        else {
            JSValue sc = js_op_super_ctor(ctx, R[fr]);
            if (sc == JS_EXCEPTION)
                v = JS_EXCEPTION;
            else
                v = js_call_internal(ctx, sc, JS_UNDEFINED, argc, args, R[fr + 1], true);
        }
        stack_lower(in, args);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(super_call) {
        uint16_t d = RD16(), fr = RD16(), argc = RD16();
        JSValue sc = js_op_super_ctor(ctx, R[fr]);
        CHECK(sc);
        JSValue v = js_call_internal(ctx, sc, JS_UNDEFINED, argc, R + fr + 2, R[fr + 1], true);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(init_this) {
        uint16_t r = RD16();
        if (R[r] != JS_UNINITIALIZED) {
            js_throw_reference_error(ctx, "Super constructor may only be called once");
            THROW();
        }
        NEXT();
    }
    CASE(set_this) {
        uint16_t r = RD16();
        if (R[-1] != JS_UNINITIALIZED && !(f->b->flags & JS_BC_ARROW)) {
            js_throw_reference_error(ctx, "Super constructor may only be called once");
            THROW();
        }
        R[-1] = R[r];
        NEXT();
    }
    CASE(eval) CASE(eval_spread) {
        int op = pc[-1];
        uint16_t d = RD16(), fr = RD16();
        int argc;
        JSValue *args;
        JSValue *saved = in->sp;
        if (op == OP_eval) {
            argc = RD16();
            args = R + fr + 2;
        } else {
            args = in->sp;
            argc = spread_args(ctx, in, R[fr + 2]);
            CHECK_INT(argc);
        }
        uint32_t k = RD32();
        JSValue fv = R[fr];
        JSValue v;
        f->pc = pc;
        if (fv == ctx->intrinsics[JS_INTRINSIC_Eval]) {
            v = js_op_direct_eval(ctx, f, argc ? args[0] : JS_UNDEFINED, (JSScopeDesc *)js_get_ptr(K[k]));
        } else {
            v = js_call_internal(ctx, fv, R[fr + 1], argc, args, JS_UNDEFINED, false);
        }
        stack_lower(in, saved);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(return) CASE(return_undef) CASE(return_ctor) {
        JSValue v;
        int op = pc[-1];
        if (op == OP_return_undef) {
            v = JS_UNDEFINED;
        } else {
            v = R[RD16()];
            if (op == OP_return_ctor) {
                JSValue t = R[RD16()];
                if (!js_is_object(v)) {
                    if (!js_is_undefined(v) || t == JS_UNINITIALIZED) {
                        /* thrown by [[Construct]] once the callee's context
                           is gone: handlers of this frame do not see them,
                           and the error is of the caller's realm */
                        bool not_object = !js_is_undefined(v);
                        JSFrame *old = f;
                        uint8_t fl = old->flags;
                        pop_frame(rt, old);
                        JSContext *cr = rt->current_realm ? rt->current_realm : ctx;
                        if (not_object)
                            js_throw_type_error(cr, "Derived constructors may only return object or undefined");
                        else
                            js_throw_reference_error(cr, "Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
                        if (fl & FRAME_ENTRY)
                            return JS_EXCEPTION;
                        f = in->cur;
                        RELOAD();
                        THROW();
                    }
                    v = t;
                }
            }
        }
        if ((f->flags & FRAME_CONSTRUCT) && !js_is_object(v))
            v = R[-1];
        if (f->gen && ((JSGenerator *)f->gen)->is_async) {
            v = js_async_settle(ctx, f->gen, v, false);
            CHECK(v);
        }
        JSFrame *old = f;
        uint8_t fl = old->flags;
        uint16_t rr = old->ret_reg;
        pop_frame(rt, old);
        if (fl & FRAME_ENTRY)
            return v;
        f = in->cur;
        RELOAD();
        R[rr] = v;
        NEXT();
    }
    CASE(throw) {
        uint16_t r = RD16();
        js_throw(ctx, R[r]);
        THROW();
    }
    CASE(throw_ref) {
        JSAtom a = ATOM();
        js_throw_not_defined(ctx, a);
        THROW();
    }
    CASE(throw_error) {
        uint8_t kind = RD8();
        uint32_t k = RD32();
        JSValue e = js_new_error(ctx, (JSErrorKind)kind, K[k]);
        CHECK(e);
        js_throw(ctx, e);
        THROW();
    }
    CASE(get_exception) {
        uint16_t d = RD16();
        R[d] = js_get_exception(ctx);
        NEXT();
    }

    CASE(arguments) {
        uint16_t d = RD16();
        JSValue v = js_op_arguments(ctx, f);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(mapped_arguments) {
        uint16_t d = RD16(), s = RD16(), n = RD16();
        JSValue v = js_op_mapped_arguments(ctx, f, R + s, n);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(rest) {
        uint16_t d = RD16(), from = RD16();
        JSValue v = js_op_rest(ctx, f, from);
        CHECK(v);
        R[d] = v;
        NEXT();
    }

    CASE(for_in_start) {
        uint16_t d = RD16(), s = RD16();
        JSValue v = js_op_for_in_start(ctx, R[s]);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(for_in_next) {
        uint16_t d = RD16(), it = RD16();
        int32_t off = (int32_t)RD32();
        JSValue v;
        int r = js_op_for_in_next(ctx, R[it], &v);
        CHECK_INT(r);
        if (r == 0)
            pc += off;
        else
            R[d] = v;
        NEXT();
    }
    CASE(get_iterator) {
        uint16_t d = RD16(), s = RD16();
        JSIteratorRecord rec;
        CHECK_INT(js_get_iterator(ctx, R[s], &rec));
        R[d] = rec.iterator;
        R[d + 1] = rec.next;
        NEXT();
    }
    CASE(get_async_iterator) {
        uint16_t d = RD16(), s = RD16();
        JSValue it, nx;
        CHECK_INT(js_op_get_async_iterator(ctx, R[s], &it, &nx));
        R[d] = it;
        R[d + 1] = nx;
        NEXT();
    }
    CASE(iter_next) {
        uint16_t d = RD16(), it = RD16();
        int32_t off = (int32_t)RD32();
        if (R[it + 1] == JS_EMPTY) {
            pc += off;
            NEXT();
        }
        JSIteratorRecord rec = { R[it], R[it + 1], false };
        JSValue v;
        int r = js_iterator_step_value(ctx, &rec, &v);
        if (r <= 0 || rec.done)
            R[it + 1] = JS_EMPTY;
        CHECK_INT(r);
        if (r == 0)
            pc += off;
        else
            R[d] = v;
        NEXT();
    }
    CASE(iter_close) CASE(iter_close_throw) {
        int op = pc[-1];
        uint16_t it = RD16();
        if (R[it + 1] != JS_EMPTY) {
            R[it + 1] = JS_EMPTY;
            int r = js_iterator_close(ctx, R[it], op == OP_iter_close_throw);
            if (op == OP_iter_close) {
                CHECK_INT(r);
            } else if (js_has_exception(ctx)) {
                (void)js_get_exception(ctx);
            }
        }
        NEXT();
    }
    CASE(iter_rest) {
        uint16_t d = RD16(), it = RD16();
        JSValue v = js_op_iter_rest(ctx, R + it);
        CHECK(v);
        R[d] = v;
        NEXT();
    }
    CASE(iter_done_check) {
        uint16_t d = RD16(), it = RD16();
        (void)RD32();
        (void)d; (void)it;
        NEXT();
    }

    CASE(initial_yield) {
        JSValue g = js_generator_create(ctx, f, pc);
        CHECK(g);
        JSFrame *old = f;
        uint8_t fl = old->flags;
        uint16_t rr = old->ret_reg;
        pop_frame(rt, old);
        if (fl & FRAME_ENTRY)
            return g;
        f = in->cur;
        RELOAD();
        R[rr] = g;
        NEXT();
    }
    CASE(yield) CASE(yield_raw) {
        int op = pc[-1];
        uint16_t d = RD16(), s = RD16();
        JSValue v = R[s];
        CHECK_INT(js_generator_save(ctx, f, pc, d, op == OP_yield_raw));
        pop_frame(rt, f);
        return v;
    }
    CASE(delegate_call) {
        uint16_t d = RD16(), it = RD16(), p = RD16();
        int32_t off = (int32_t)RD32();
        int r = js_generator_delegate_call(ctx, &R[d], &R[it], &R[p], true);
        CHECK_INT(r);
        if (r)
            pc += off;
        NEXT();
    }
    CASE(delegate_step) {
        uint16_t d = RD16(), it = RD16(), p = RD16();
        int32_t off = (int32_t)RD32();
        int r = js_generator_delegate_step(ctx, &R[d], &R[it], &R[p]);
        CHECK_INT(r);
        if (r)
            pc += off;
        NEXT();
    }
    CASE(async_start) {
        JSValue g = js_async_create(ctx, f);
        CHECK(g);
        f->gen = JS_VALUE_GET_OBJ(g);
        NEXT();
    }
    CASE(await) {
        uint16_t d = RD16(), s = RD16();
        CHECK_INT(js_async_await(ctx, f, R[s]));
        CHECK_INT(js_generator_save(ctx, f, pc, d, false));
        ((JSGenerator *)f->gen)->awaiting = true;
        JSValue v = ((JSGenerator *)f->gen)->promise;
        JSFrame *old = f;
        uint8_t fl = old->flags;
        uint16_t rr = old->ret_reg;
        pop_frame(rt, old);
        if (fl & FRAME_ENTRY)
            return v;
        f = in->cur;
        RELOAD();
        R[rr] = v;
        NEXT();
    }
    CASE(resume_dispatch) {
        js_throw_syntax_error(ctx, "unexpected resume_dispatch");
        THROW();
    }

#if !defined(__GNUC__)
        default:
            abort();
        }
    }
#else
    }
#endif

exception:
    for (;;) {
        uint32_t target;
        if (!rt->exception_uncatchable &&
            find_handler(b, (uint32_t)(f->ipc - b->code), &target)) {
            pc = b->code + target;
            NEXT();
        }
        if (f->gen && ((JSGenerator *)f->gen)->is_async && !rt->exception_uncatchable &&
            ((JSGenerator *)f->gen)->state != GEN_COMPLETED) {
            /* an async function rejects its promise instead of throwing */
            JSValue ex = js_get_exception(ctx);
            JSValue v = js_async_settle(ctx, f->gen, ex, true);
            if (v != JS_EXCEPTION) {
                JSFrame *old = f;
                uint8_t fl = old->flags;
                uint16_t rr = old->ret_reg;
                pop_frame(rt, old);
                if (fl & FRAME_ENTRY)
                    return v;
                f = in->cur;
                RELOAD();
                R[rr] = v;
                NEXT();
            }
        }
        JSFrame *old = f;
        uint8_t fl = old->flags;
        pop_frame(rt, old);
        if (fl & FRAME_ENTRY)
            return JS_EXCEPTION;
        f = in->cur;
        RELOAD();
    }
}
