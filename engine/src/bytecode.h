/* Compiled functions: the JSFunctionBytecode cell (code, constants, atoms,
 * inline caches, exception handlers, line table, source range), the
 * opcode enum generated from opcodes.def, closures (class FUNCTION) and
 * the boxes that hold captured variables. Internal to the compiler
 * (compile_*.c), the interpreter (interp*.c) and the disassembler. */
#ifndef BYTECODE_H
#define BYTECODE_H

#include <stdint.h>
#include "context.h"
#include "shape.h"

typedef enum JSOpcode {
#define DEF(name, fmt, desc) OP_##name,
#include "opcodes.def"
#undef DEF
    OP_COUNT
} JSOpcode;

/* Size in bytes (opcode included) of each instruction, and its operand
 * format string and name, generated from opcodes.def (bytecode.c). */
extern uint8_t js_opcode_size[OP_COUNT];
void js_opcode_init(void);     /* fills js_opcode_size; idempotent */
extern const char *const js_opcode_format[OP_COUNT];
extern const char *const js_opcode_name[OP_COUNT];

/* Inline cache of one property access site. shape and holder_shape are
 * weak (cleared by the bytecode's sweep_weak hook when they die). For an
 * own property holder is NULL; for a property of the direct prototype,
 * holder is that prototype and holder_shape its shape at caching time.
 * For put sites, new_shape != NULL caches the transition that adds the
 * property (shape -> new_shape, value at slot). */
typedef struct JSInlineCache {
    JSShape *shape;
    JSObject *holder;
    JSShape *holder_shape;
    JSShape *new_shape;
    JSShape *mid_shape;     /* reads two levels up: the shape of the direct prototype */
    uint32_t slot;
    uint32_t lex_count;     /* get_global: the realm's global_lex_count when cached */
} JSInlineCache;

/* Exception handler: pc in [start, end) jumps to target; the handler reads
 * the exception with OP_get_exception. Innermost handlers come first. */
typedef struct JSExceptionHandler {
    uint32_t start, end, target;
} JSExceptionHandler;

/* How a closure gets each of its captured variables from the frame that
 * creates it: a box held in a register of that frame, or one of that
 * frame's function's own captured variables. */
typedef struct JSCaptureInfo {
    uint8_t from_capture;   /* 1: index is a closure variable of the parent */
    uint8_t is_const;       /* for the disassembler */
    uint16_t index;
    JSAtom name;            /* for debugging and eval descriptors */
} JSCaptureInfo;

/* A named binding held in a register (its value, or its box when boxed)
 * while start <= pc < end: the debug table the error messages of
 * interp_errors.c read to name `x` in "x is not a function". Only read
 * on error paths. */
typedef struct JSLocalName {
    uint32_t start, end;
    JSAtom name;
    uint16_t reg;
} JSLocalName;

/* Shared source text of one compiled script (for toString). */
typedef struct JSSource {
    JSInternalCell hdr;
    char *text;             /* malloc'ed UTF-8 */
    size_t len;
} JSSource;

/* JSFunctionBytecode.flags */
enum {
    JS_BC_STRICT        = 1u << 0,
    JS_BC_ARROW         = 1u << 1,
    JS_BC_CONSTRUCTOR   = 1u << 2,  /* has [[Construct]] */
    JS_BC_DERIVED       = 1u << 3,  /* derived class constructor */
    JS_BC_CLASS_CTOR    = 1u << 4,  /* [[Call]] throws */
    JS_BC_GENERATOR     = 1u << 5,
    JS_BC_ASYNC         = 1u << 6,
    JS_BC_METHOD        = 1u << 7,
    JS_BC_KEEP_ARGS     = 1u << 8,  /* arguments object / rest: keep all args */
    JS_BC_SCRIPT        = 1u << 9,
    JS_BC_EVAL          = 1u << 10,
    JS_BC_HAS_PROTOTYPE = 1u << 11, /* closures get a `prototype` object */
    JS_BC_HAS_NAME      = 1u << 12, /* the name is static (not inferred at run time) */
    JS_BC_FIELD_INIT    = 1u << 13,
};

typedef struct JSFunctionBytecode {
    JSInternalCell hdr;         /* h.type = JS_CELL_FUNCTION_BYTECODE */
    uint8_t *code;
    uint32_t code_len;
    uint32_t flags;             /* JS_BC_* */
    JSValue *cpool;             /* constants: numbers, strings, templates, ... */
    uint32_t cpool_len;
    uint32_t atom_count;
    JSAtom *atoms;              /* every atom the code names (kept alive) */
    JSInlineCache *ics;
    uint32_t ic_count;
    uint32_t handler_count;
    JSExceptionHandler *handlers;
    uint8_t *lines;             /* delta-encoded pc -> line:col table */
    uint32_t lines_len;
    JSCaptureInfo *captures;
    uint16_t capture_count;
    uint16_t nregs;             /* registers of a frame */
    uint16_t nparams;           /* registers 0..nparams-1 receive the arguments */
    uint16_t length;            /* the function's `length` */
    JSAtom name;
    JSAtom filename;
    uint32_t line, col;         /* where the function starts */
    JSSource *source;           /* may be NULL */
    uint32_t src_start, src_end;/* byte range in source->text */
    uint16_t ninit;             /* registers below this are the named locals, the
                                   others temporaries (all start as undefined) */
    struct JSModuleInfo *module;/* a module's top level: its static module
                                   record (module_info.h); else NULL */
    JSLocalName *local_names;   /* malloc'ed, by start pc; may be NULL */
    uint32_t local_name_count;
} JSFunctionBytecode;

/* Sloppy-mode plain functions (declarations and expressions, not arrows,
 * methods, generators, async or class code) carry the legacy `caller` and
 * `arguments` own accessors (ECMA-262 17.1 allows them for these only). */
static inline bool js_bc_has_legacy_props(const JSFunctionBytecode *b)
{
    return !(b->flags & (JS_BC_STRICT | JS_BC_ARROW | JS_BC_METHOD | JS_BC_GENERATOR | JS_BC_ASYNC |
                         JS_BC_CLASS_CTOR | JS_BC_SCRIPT | JS_BC_EVAL | JS_BC_FIELD_INIT));
}

/* A box for a captured variable: a 1-element JSValueArray. Registers and
 * closure-variable lists refer to it with a JS_TAG_CELL value. */
typedef JSValueArray JSVarRef;

static inline JSVarRef *js_box_of(JSValue v) { return (JSVarRef *)js_get_ptr(v); }

/* Closures: class FUNCTION. */
typedef struct JSFunction {
    JSObject base;
    JSFunctionBytecode *b;
    JSContext *realm;
    JSValue home_object;        /* object or undefined */
    JSValue fields;             /* class constructors: field initializer function, or undefined */
    uint32_t nvar_refs;
    JSVarRef **var_refs;        /* malloc'ed */
} JSFunction;

static inline bool js_is_bytecode_function(JSValue v)
{
    return js_object_is_class(v, JS_CLASS_FUNCTION);
}

/* bytecode.c: allocation of a bytecode cell (fields to be filled by the
 * compiler; arrays are malloc'ed and owned by the cell). May collect;
 * NULL on OOM (thrown). */
JSFunctionBytecode *js_bytecode_new(JSContext *ctx);
JSSource *js_source_new(JSContext *ctx, const char *text, size_t len);
/* The source line and column of pc (an offset into b->code). Pure. */
void js_bytecode_find_line(const JSFunctionBytecode *b, uint32_t pc, uint32_t *line, uint32_t *col);

/* bytecode_verify.c: whether the instruction at pc (an instruction start)
 * may write register reg, by the same def rules the verifier's register
 * analysis uses. Pure. */
bool js_bytecode_writes_reg(const JSFunctionBytecode *b, uint32_t pc, uint32_t reg);

/* disasm.c: the text of b (and, recursively, of the functions in its
 * constant pool), malloc'ed; NULL on OOM. Does not collect. */
char *js_bytecode_disassemble(JSRuntime *rt, const JSFunctionBytecode *b, bool recursive);

#endif
