/* The runtime (one heap, one atom table, one job queue, one VM stack) and
 * its contexts (realms: a global object and the intrinsics), exceptions,
 * native functions and the tables built-ins are declared with, and the
 * entry points for calling functions.
 *
 * Conventions for every engine function: a JSValue result of JS_EXCEPTION
 * or an int result of -1 means an exception is pending in
 * rt->current_exception; callers propagate it. */
#ifndef CONTEXT_H
#define CONTEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gc.h"
#include "atom.h"
#include "object.h"
#include "str.h"

/* Intrinsics of a realm that are not the prototype of a class (those are
 * in ctx->class_proto[]). DEF(name) gives JS_INTRINSIC_name. The two
 * Legacy*Accessor entries are shared JSAccessorPair cells, the two
 * LegacyShape* entries a cached shape transition (function.c). */
#define JS_INTRINSICS_LIST(DEF) \
    DEF(ObjectConstructor) DEF(FunctionConstructor) DEF(ArrayConstructor) \
    DEF(ArrayPrototypeValues) DEF(ThrowTypeError) DEF(Eval) \
    DEF(IteratorPrototype) DEF(AsyncIteratorPrototype) \
    DEF(GeneratorFunction) DEF(GeneratorFunctionPrototype) \
    DEF(AsyncFunction) DEF(AsyncFunctionPrototype) \
    DEF(AsyncGeneratorFunction) DEF(AsyncGeneratorFunctionPrototype) \
    DEF(PromiseConstructor) DEF(PromiseResolveFunction) \
    DEF(TypedArrayConstructor) DEF(TypedArrayPrototype) \
    DEF(RegExpConstructor) DEF(ErrorConstructor) \
    DEF(EvalErrorPrototype) DEF(RangeErrorPrototype) \
    DEF(ReferenceErrorPrototype) DEF(SyntaxErrorPrototype) \
    DEF(TypeErrorPrototype) DEF(URIErrorPrototype) \
    DEF(AggregateErrorPrototype) DEF(InternalErrorPrototype) \
    DEF(ObjectPrototypeToString) DEF(ArrayProtoToString) \
    DEF(SuppressedErrorPrototype) \
    DEF(LegacyCallerAccessor) DEF(LegacyArgumentsAccessor) \
    DEF(LegacyShapeFrom) DEF(LegacyShapeTo)

typedef enum JSIntrinsic {
#define DEF(name) JS_INTRINSIC_##name,
    JS_INTRINSICS_LIST(DEF)
#undef DEF
    JS_INTRINSIC_COUNT
} JSIntrinsic;

/* Native error kinds, in the order of their prototypes above. */
typedef enum JSErrorKind {
    JS_ERROR_EVAL, JS_ERROR_RANGE, JS_ERROR_REFERENCE, JS_ERROR_SYNTAX,
    JS_ERROR_TYPE, JS_ERROR_URI, JS_ERROR_AGGREGATE, JS_ERROR_INTERNAL,
    JS_ERROR_PLAIN,     /* plain Error */
} JSErrorKind;

/* A pending lazy global (lazy_global.c). Either init, a built-in family's
 * set-up function, which defines the family's globals on the global
 * object as usual (while it runs, those definitions fill the pending
 * slots instead, and any other is dropped: a global the program deleted
 * stays deleted), or value, whose result becomes the global's value. */
typedef int JSLazyInit(JSContext *realm);
typedef JSValue JSLazyValue(JSContext *realm);
typedef struct JSLazyGlobal {
    JSAtom atom;
    JSLazyInit *init;
    JSLazyValue *value;
} JSLazyGlobal;
#define JS_LAZY_GLOBAL_MAX 64
/* The slot value of a lazy global not made yet; never seen by JS. */
#define JS_LAZY_VALUE JS_MKTAG(JS_TAG_SPECIAL, JS_SPECIAL_LAZY)

/* A realm. */
struct JSContext {
    JSRuntime *rt;
    struct JSContext *next_realm;   /* all realms of the runtime */
    JSObject *global_obj;
    JSObject *global_this;          /* value of `this` at top level */
    JSValue class_proto[JS_CLASS_COUNT];   /* object or undefined */
    JSValue intrinsics[JS_INTRINSIC_COUNT];
    JSShape *array_shape;           /* initial shape of arrays */
    JSShape *cfunc_shape;           /* initial shape of native functions (length, name) */
    JSShape *match_array_shape;     /* array_shape + index, input, groups (RegExp matches) */
    JSValue global_lex_env;         /* the global declarative record (let/const/class at top level) */
    uint32_t global_lex_count;      /* its entries (never removed): a cached read of a
                                       global object property is valid while unchanged */
    JSValue module_map;             /* module.c: the realm's module records (a list of
                                       JSModule cells), undefined when empty */
    void *opaque;                   /* for the host */
    /* lazy_global.c: globals of the global object whose value is made
     * on first use (their slot holds JS_LAZY_VALUE until then) */
    JSLazyGlobal lazy_globals[JS_LAZY_GLOBAL_MAX];
    uint32_t lazy_count;
    JSLazyInit *lazy_running;       /* the init running, or NULL */
};

/* lazy_global.c. A lazy global is an own data property of the global
 * object, in its place among the others from the start, whose value the
 * realm makes the first time anything reads or redefines it (running
 * init or value in that realm). While any is pending the global object
 * is exotic (JS_OBJ_EXOTIC): its [[GetOwnProperty]] and
 * [[DefineOwnProperty]] make the value first, so JS_LAZY_VALUE never
 * leaves the slot; js_op_get_global checks it too.
 * js_define_lazy_globals adds the n globals names[] of the family that
 * init sets up (in the order init defines them, writable and
 * configurable, as constructors and namespaces are);
 * js_define_lazy_global one whose value is value(realm), with attrs.
 * -1 after throwing. May collect. */
int js_define_lazy_globals(JSContext *ctx, const JSAtom *names, int n, JSLazyInit *init);
int js_define_lazy_global(JSContext *ctx, JSAtom atom, uint32_t attrs, JSLazyValue *value);
/* Makes the value of the realm's pending lazy global atom, if any:
 * 0 done or nothing to do, -1 after throwing. May collect. */
int js_lazy_global_resolve(JSContext *realm, JSAtom atom);
/* realm->class_proto[id], first making the lazy global that creates it
 * when it is not made yet; JS_EXCEPTION after throwing. May collect. */
JSValue js_realm_class_proto(JSContext *realm, JSClassID id);
extern const JSClass js_global_class;

/* Host hooks (set by the embedder / runtime-lib). */
typedef struct JSHostHooks {
    /* Enqueue a FinalizationRegistry cleanup job for registry. Called by
     * the collector after marking: must not run JS or allocate cells. */
    void (*enqueue_cleanup)(JSRuntime *rt, JSObject *registry, void *opaque);
    /* HostPromiseRejectionTracker: operation 0 = reject, 1 = handle. */
    void (*promise_rejection_tracker)(JSContext *ctx, JSValue promise, JSValue reason, int operation, void *opaque);
    /* Interrupt check, called periodically by the interpreter; non-zero
     * stops the script with an uncatchable "interrupted" error. */
    int (*interrupt)(JSRuntime *rt, void *opaque);
    void *opaque;
    /* Date (builtins/date.c); when NULL, date.c falls back to the C
     * library. date_now: the current time in ms since the epoch.
     * local_tz_offset: the local time zone's offset from UTC in minutes
     * (DST included) at utc_ms; with is_local, utc_ms is a local time and
     * the result is the offset to subtract to reach UTC (for a repeated
     * local time the earlier instant, for a skipped one the offset before
     * the transition, as ECMA-262's UTC(t) says). */
    double (*date_now)(void *opaque);
    int (*local_tz_offset)(double utc_ms, bool is_local, void *opaque);
} JSHostHooks;

/* The runtime. Subsystems keep their state in their own structs; only
 * what many files need is here. */
struct JSRuntime {
    struct JSHeap *heap;            /* gc.c */
    struct JSAtomTable *atoms;      /* atom.c */
    const JSClass *classes[JS_CLASS_COUNT];
    JSRoot *roots;                  /* C root list (gc.h) */
    JSValue current_exception;      /* JS_UNINITIALIZED when none */
    bool exception_uncatchable;     /* interrupt / termination */
    bool cannot_block;              /* [[CanBlock]] false: Atomics.wait throws */
    JSContext *realms;              /* list of all realms */
    JSContext *current_realm;       /* realm of the running function */
    struct JSInterp *interp;        /* interp.c: VM stack and frames */
    struct JSJobQueue *jobs;        /* job.c: pending promise jobs */
    JSHostHooks hooks;
    uintptr_t native_stack_limit;   /* C stack bound for native recursion */
    size_t memory_limit;            /* 0 = none */
    JSValue single_char_strings[256]; /* js_new_string_char cache */
    JSValue well_known_symbols_unused;
    void *opaque;
    /* Added by the core runtime: */
    struct JSShapeTable *shapes;    /* shape.c: transition table */
    JSValue oom_error;              /* thrown when even the OOM error cannot be made */
    const struct JSBigIntOps *bigint_ops; /* set by the BigInt module (conv.h) */
    /* Added by the coordinator: */
    struct QJSRef *host_refs;       /* api.c: values the embedder keeps (roots);
                                       the collector calls js_api_mark_refs */
    /* Added by the weak references (builtins/weakref.c): */
    struct JSWeakRefState *weakref_state; /* kept WeakRef targets and the registries
                                       waiting for their cleanup job (a root) */
    /* Added by modules (module.c): the host's loader and import.meta hooks
       (module.h types) */
    void *module_normalize, *module_load, *module_opaque;
    void *import_meta_hook, *import_meta_opaque;
    /* Added by builtins/symbol.c: the GlobalSymbolRegistry shared by all
     * realms, a null-prototype object mapping keys to the symbols of
     * Symbol.for (undefined until first used; a strong root). */
    JSValue symbol_registry;
};

/* Runtime and realms. js_new_runtime returns NULL on failure. */
JSRuntime *js_new_runtime(void);
void js_free_runtime(JSRuntime *rt);   /* runs no JS, no callbacks */
/* Bound on native (C) recursion in bytes, from the current stack depth. */
void js_set_native_stack_size(JSRuntime *rt, size_t bytes);
/* api.c: marks the embedder's references; called by the collector. */
void js_api_mark_refs(JSRuntime *rt);
/* A new realm with all built-ins. May collect; NULL on failure. */
JSContext *js_new_context(JSRuntime *rt);

/* Exceptions. All return JS_EXCEPTION so `return js_throw...(...)` works. */
JSValue js_throw(JSContext *ctx, JSValue error);
JSValue js_throw_error(JSContext *ctx, JSErrorKind kind, const char *fmt, ...) js_printf_like(3, 4);
JSValue js_throw_type_error(JSContext *ctx, const char *fmt, ...) js_printf_like(2, 3);
JSValue js_throw_range_error(JSContext *ctx, const char *fmt, ...) js_printf_like(2, 3);
JSValue js_throw_reference_error(JSContext *ctx, const char *fmt, ...) js_printf_like(2, 3);
JSValue js_throw_syntax_error(JSContext *ctx, const char *fmt, ...) js_printf_like(2, 3);
JSValue js_throw_out_of_memory(JSContext *ctx);
/* TypeError "cannot read property 'x' of undefined" style, naming atom. */
JSValue js_throw_type_error_atom(JSContext *ctx, const char *fmt, JSAtom atom);
/* The host's interrupt handler (qjs_set_interrupt_handler), polled on
 * backward jumps, calls and in long built-ins (sort, join, JSON, RegExp):
 * counts one unit of work and every JS_INTERRUPT_PERIOD units asks the
 * handler; when it says stop, throws the uncatchable "interrupted"
 * InternalError (it unwinds to the host, past catch and finally) and
 * returns -1. Else 0. May allocate (the error) only when it throws. */
int js_poll_interrupt(JSContext *ctx);
/* Throws the uncatchable "interrupted" InternalError. */
void js_throw_interrupted(JSContext *ctx);
/* Wakes rt's Atomics.wait calls so that they ask the interrupt handler
 * (builtins/atomics.c; qjs_runtime_wake_waits). Any thread. */
void js_atomics_wake_runtime(JSRuntime *rt);

static inline bool js_has_exception(JSContext *ctx);
/* Takes the pending exception (JS_UNINITIALIZED if none) and clears it. */
JSValue js_get_exception(JSContext *ctx);
/* A new Error object of kind with message (a string value or undefined),
 * with its stack captured. May collect. */
JSValue js_new_error(JSContext *ctx, JSErrorKind kind, JSValue message);

/* Native functions. argv has at least `length` entries (missing arguments
 * are undefined) and lives on the VM stack, so it is rooted; so is
 * this_val. For a function created with JS_CFUNC_CONSTRUCTOR, this_val is
 * new.target (undefined for a plain call). magic is the value given at
 * creation, so one body can serve several functions. */
typedef JSValue JSCFunction(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

typedef struct JSCFunctionObject {
    JSObject base;
    JSCFunction *fn;
    JSContext *realm;
    int16_t magic;
    uint8_t length;
    uint8_t kind;               /* JS_CFUNC_* */
    JSValue data;               /* per-closure data (resolving functions, ...) */
} JSCFunctionObject;

enum { JS_CFUNC_PLAIN = 0, JS_CFUNC_CONSTRUCTOR = 1 };

/* Creates a native function object with %Function.prototype%, `length`
 * and `name` properties. name is UTF-8 or NULL (then name_atom is used).
 * May collect; JS_EXCEPTION on OOM. */
JSValue js_new_cfunction(JSContext *ctx, JSCFunction *fn, const char *name, int length, int kind, int magic);
JSValue js_new_cfunction_atom(JSContext *ctx, JSCFunction *fn, JSAtom name, int length, int kind, int magic);
JSValue js_new_cfunction_data(JSContext *ctx, JSCFunction *fn, int length, int magic, JSValue data);
/* Sets `name` (with an optional "get "/"set "/"bound " prefix atom or
 * JS_ATOM_NULL) as SetFunctionName does; name may be a symbol atom. */
int js_set_function_name(JSContext *ctx, JSValue func, JSAtom name, JSAtom prefix);

/* Tables of built-in properties, defined onto an object at realm setup. */
typedef enum JSPropEntryKind {
    JS_DEF_CFUNC, JS_DEF_GETSET, JS_DEF_PROP_INT, JS_DEF_PROP_DOUBLE,
    JS_DEF_PROP_STRING, JS_DEF_PROP_UNDEFINED, JS_DEF_ALIAS,
} JSPropEntryKind;

typedef struct JSPropEntry {
    const char *name;       /* "[Symbol.iterator]" style names map to well-known symbols */
    JSPropEntryKind kind;
    uint8_t attrs;          /* JS_PROP_* */
    uint8_t length;         /* function length */
    uint8_t cfunc_kind;     /* JS_CFUNC_* */
    int16_t magic;
    union {
        JSCFunction *fn;
        struct { JSCFunction *get, *set; } getset;
        int32_t i32;
        double f64;
        const char *str;    /* JS_DEF_PROP_STRING; JS_DEF_ALIAS: the name of another property of the same object */
    } u;
} JSPropEntry;

#define JS_CFUNC_DEF(name, length, func) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, length, JS_CFUNC_PLAIN, 0, { .fn = func } }
#define JS_CFUNC_MAGIC_DEF(name, length, func, magic) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, length, JS_CFUNC_PLAIN, magic, { .fn = func } }
#define JS_CGETSET_DEF(name, get, set) \
    { name, JS_DEF_GETSET, JS_PROP_CONFIGURABLE, 0, 0, 0, { .getset = { get, set } } }
#define JS_CGETSET_MAGIC_DEF(name, get, set, magic) \
    { name, JS_DEF_GETSET, JS_PROP_CONFIGURABLE, 0, 0, magic, { .getset = { get, set } } }
#define JS_PROP_INT32_DEF(name, val, attrs) \
    { name, JS_DEF_PROP_INT, attrs, 0, 0, 0, { .i32 = val } }
#define JS_PROP_DOUBLE_DEF(name, val, attrs) \
    { name, JS_DEF_PROP_DOUBLE, attrs, 0, 0, 0, { .f64 = val } }
#define JS_PROP_STRING_DEF(name, val, attrs) \
    { name, JS_DEF_PROP_STRING, attrs, 0, 0, 0, { .str = val } }
#define JS_ALIAS_DEF(name, from) \
    { name, JS_DEF_ALIAS, JS_PROP_C_W, 0, 0, 0, { .str = from } }

/* Defines every entry on obj. May collect; -1 on OOM. */
int js_define_prop_entries(JSContext *ctx, JSValue obj, const JSPropEntry *tab, int n);
/* Creates constructor ctor (a native function) and links it with proto:
 * ctor.prototype = proto (non-writable etc.), proto.constructor = ctor,
 * and defines the global binding `name` unless name is NULL. Returns
 * ctor. May collect. */
JSValue js_new_constructor(JSContext *ctx, JSCFunction *fn, const char *name, int length, int magic, JSValue proto);

/* Calling. argv must be rooted by the caller (a JSRoot array, VM stack,
 * or a rooted JSValueArray). These may run any JS and so may collect. */
JSValue js_call(JSContext *ctx, JSValue func, JSValue this_val, int argc, JSValue *argv);
JSValue js_construct(JSContext *ctx, JSValue func, int argc, JSValue *argv, JSValue new_target);
/* Invoke(V, P, args). */
JSValue js_invoke(JSContext *ctx, JSValue obj, JSAtom method, int argc, JSValue *argv);
bool js_is_callable(JSValue v);
bool js_is_constructor(JSValue v);

/* Sets the native recursion bound to size bytes below the caller's stack
 * frame (js_new_runtime uses JS_DEFAULT_NATIVE_STACK_SIZE from its own
 * frame; a host running the engine on another thread calls this there).
 * Never collects. */
void js_set_native_stack_size(JSRuntime *rt, size_t size);

/* Native recursion guard: true (after throwing RangeError "Maximum call
 * stack size exceeded") when the C stack is nearly exhausted. Built-ins
 * that can recurse through user code (JSON, toString, sort, flat, ...)
 * call it. */
bool js_check_stack_overflow(JSContext *ctx);

static inline bool js_has_exception(JSContext *ctx)
{
    return ctx->rt->current_exception != JS_UNINITIALIZED;
}

/* The realm's intrinsic prototype of class id. */
static inline JSValue js_class_proto(JSContext *ctx, JSClassID id) { return ctx->class_proto[id]; }

#endif
