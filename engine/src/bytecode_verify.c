/* The bytecode verifier: checks a function read from a serialized file
 * before it may run (docs/bytecode-format.md, "Validation on read"):
 * instruction boundaries, operand ranges by the formats of opcodes.def,
 * jump and handler targets, constant kinds, captures, scope descriptors
 * and module records, and the kinds of registers that instructions
 * trust (boxes, objects, arrays, functions, for-in iterators), including
 * that every register read as a JS value holds an ordinary value and
 * never an engine-internal cell (check_values: the per-opcode table). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "serialize.h"
#include "compiler/compile.h"
#include "module_info.h"
#include "stack_guard.h"

typedef struct Verifier {
    JSContext *ctx;
    const JSFunctionBytecode *b;
    uint32_t pc;
} Verifier;

static int v_error(Verifier *v, const char *fmt, ...) js_printf_like(2, 3);

static int v_error(Verifier *v, const char *fmt, ...)
{
    char msg[200], name[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (v->b->name)
        js_atom_get_cstr(v->ctx->rt, name, sizeof name, v->b->name);
    else
        snprintf(name, sizeof name, "<anonymous>");
    js_throw_syntax_error(v->ctx, "bytecode: %s in function %s at pc %u", msg, name, v->pc);
    return -1;
}

static uint16_t rd16(const uint8_t *p)
{
    uint16_t x;
    memcpy(&x, p, 2);
    return x;
}

static uint32_t rd32(const uint8_t *p)
{
    uint32_t x;
    memcpy(&x, p, 4);
    return x;
}

/* The kind of constant k, for the opcode checks. */
enum { CK_VALUE, CK_STRING, CK_FUNCTION, CK_TEMPLATE, CK_SCOPE, CK_OTHER };

static int const_kind(JSValue c)
{
    if (js_is_string(c))
        return CK_STRING;
    if (js_is_number(c) || js_is_bigint(c) || js_is_undefined(c))
        return CK_VALUE;
    if (js_is_object(c))
        return CK_TEMPLATE;    /* a template object the interpreter cached */
    if (js_tag(c) == JS_TAG_CELL) {
        const GCHeader *h = js_get_ptr(c);
        if (h->type == JS_CELL_FUNCTION_BYTECODE)
            return CK_FUNCTION;
        if (h->type == JS_CELL_VALUE_ARRAY)
            return CK_TEMPLATE;
        if (js_is_scope_desc(h))
            return CK_SCOPE;
    }
    return CK_OTHER;
}

/* Registers r .. r+extra must exist. */
static int check_regs(Verifier *v, uint32_t r, uint32_t extra)
{
    if (r + extra >= v->b->nregs)
        return v_error(v, "bad register r%u", r + extra);
    return 0;
}

static bool is_terminator(int op)
{
    switch (op) {
    case OP_jmp: case OP_return: case OP_return_undef: case OP_return_ctor:
    case OP_throw: case OP_throw_ref: case OP_throw_error: case OP_throw_const:
        return true;
    default:
        return false;
    }
}

/* Extra registers an instruction uses after its register operand number
 * idx (0-based among its 'r' operands), given its 'h' operand. */
static uint32_t reg_span(int op, int idx, uint32_t h)
{
    switch (op) {
    case OP_call: case OP_new: case OP_super_call: case OP_eval:
        return idx == 1 ? 1 + h : 0;                /* f+1 = this, args from f+2 */
    case OP_call_spread: case OP_new_spread: case OP_eval_spread: case OP_super_call_spread:
        return idx == 1 ? 2 : 0;
    case OP_new_array: case OP_mapped_arguments:
        return idx == 1 && h ? h - 1 : 0;
    case OP_get_iterator: case OP_get_async_iterator: case OP_yield: case OP_yield_raw:
    case OP_await: case OP_resume_dispatch: case OP_dyn_get_ref: case OP_iter_close:
    case OP_iter_close_throw:
        return idx == 0 ? 1 : 0;
    case OP_iter_next: case OP_iter_rest: case OP_iter_done_check:
        return idx == 1 ? 1 : 0;
    case OP_delegate_step: case OP_delegate_call:
        return idx >= 1 ? 1 : 0;
    case OP_dispose_step:
        return idx != 1 ? 1 : 0;                   /* (value, mode), (kind, value) */
    default:
        return 0;
    }
}

static int check_const(Verifier *v, uint32_t k, int want)
{
    const JSFunctionBytecode *b = v->b;
    if (k >= b->cpool_len)
        return v_error(v, "bad constant index %u", k);
    int kind = const_kind(b->cpool[k]);
    if (want == CK_VALUE ? (kind != CK_VALUE && kind != CK_STRING) : kind != want)
        return v_error(v, "constant %u has the wrong kind for %s", k, js_opcode_name[b->code[v->pc]]);
    return 0;
}

/* The inline-cache groups: instructions that fill and trust an inline
 * cache the same way (interp.c, interp_ops.c). A cache filled by one
 * group is read as another's by nothing but a forged file. */
static int ic_group(int op)
{
    switch (op) {
    case OP_get_field: case OP_get_field_opt: return 1;
    case OP_put_field: return 2;
    case OP_get_global: case OP_get_global_typeof: return 3;
    default: return 4;      /* put_global: carries one, never uses it */
    }
}

/* Each inline cache is used by one group with one atom: a cache holds a
 * slot number for the shape it saw, which is only valid for that name
 * and that use (a get's slot in a prototype, a put's transition). */
static int check_ic(Verifier *v, uint32_t c, int op, JSAtom atom, JSAtom *ic_atom, uint8_t *ic_grp)
{
    if (c >= v->b->ic_count)
        return v_error(v, "bad inline cache index %u", c);
    int g = ic_group(op);
    if (!ic_grp[c]) {
        ic_grp[c] = (uint8_t)g;
        ic_atom[c] = atom;
    } else if (ic_grp[c] != g || ic_atom[c] != atom) {
        return v_error(v, "inline cache %u shared by different accesses", c);
    }
    return 0;
}

static int verify_code(Verifier *v, uint8_t *starts, JSAtom *ic_atom, uint8_t *ic_grp)
{
    const JSFunctionBytecode *b = v->b;
    bool is_gen = (b->flags & JS_BC_GENERATOR) != 0;
    bool is_async = (b->flags & JS_BC_ASYNC) != 0 || b->module != NULL;
    uint32_t pc = 0;
    int last = -1;
    /* pass 1: boundaries */
    while (pc < b->code_len) {
        v->pc = pc;
        uint8_t op = b->code[pc];
        if (op >= OP_COUNT)
            return v_error(v, "bad opcode %u", op);
        if (b->code_len - pc < js_opcode_size[op])
            return v_error(v, "instruction %s runs past the end of the code", js_opcode_name[op]);
        starts[pc] = 1;
        last = op;
        pc += js_opcode_size[op];
    }
    if (last < 0) {
        v->pc = 0;
        return v_error(v, "empty code");
    }
    if (!is_terminator(last))
        return v_error(v, "the last instruction (%s) falls off the end of the code", js_opcode_name[last]);
    /* pass 2: operands */
    for (pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        v->pc = pc;
        uint8_t op = b->code[pc];
        const char *fmt = js_opcode_format[op];
        const uint8_t *p = b->code + pc + 1;
        /* the h operand, for register spans */
        uint32_t h = 0;
        {
            const uint8_t *q = p;
            for (const char *f = fmt; *f; f++) {
                if (*f == 'h')
                    h = rd16(q);
                q += (*f == 'r' || *f == 'h') ? 2 : *f == 'b' ? 1 : 4;
            }
        }
        int ridx = 0, kidx = 0;
        JSAtom last_atom = JS_ATOM_NULL;
        for (const char *f = fmt; *f; f++) {
            switch (*f) {
            case 'r': {
                uint32_t r = rd16(p);
                if (check_regs(v, r, reg_span(op, ridx, h)) < 0)
                    return -1;
                ridx++;
                p += 2;
                break;
            }
            case 'h':
                switch (op) {
                case OP_cap_get: case OP_cap_get_check: case OP_cap_put: case OP_cap_put_check:
                case OP_cap_box:
                    if (h >= b->capture_count)
                        return v_error(v, "bad closure variable %u", h);
                    break;
                default:
                    break;
                }
                p += 2;
                break;
            case 'b': {
                uint8_t x = *p++;
                bool ok = true;
                switch (op) {
                case OP_throw_error: ok = x <= JS_ERROR_PLAIN; break;
                case OP_set_name: case OP_set_name_computed: ok = x <= 2; break;
                case OP_define_method: ok = x < 16 && (x & 3) != 3; break;
                case OP_dyn_get: case OP_dyn_get_ref: case OP_dyn_put: case OP_dyn_delete:
                case OP_dyn_find:
                    ok = x <= 1; break;
                default: break;
                }
                if (!ok)
                    return v_error(v, "bad flag operand %u", x);
                break;
            }
            case 'a': {
                uint32_t a = rd32(p);
                p += 4;
                if (a == JS_ATOM_NULL)
                    return v_error(v, "missing atom operand");
                last_atom = a;
                break;
            }
            case 'k': {
                uint32_t k = rd32(p);
                p += 4;
                int want;
                switch (op) {
                case OP_closure: case OP_class_create: want = CK_FUNCTION; break;
                case OP_template_object: want = CK_TEMPLATE; break;
                case OP_regexp: case OP_throw_error: want = CK_STRING; break;
                case OP_global_decl: case OP_eval: case OP_eval_spread: want = CK_SCOPE; break;
                default: want = CK_VALUE; break;
                }
                if (check_const(v, k, want) < 0)
                    return -1;
                kidx++;
                break;
            }
            case 'c': {
                uint32_t c = rd32(p);
                p += 4;
                if (check_ic(v, c, op, last_atom, ic_atom, ic_grp) < 0)
                    return -1;
                break;
            }
            case 'j': {
                int32_t off = (int32_t)rd32(p);
                p += 4;
                int64_t t = (int64_t)pc + js_opcode_size[op] + off;
                if (t < 0 || t >= b->code_len || !starts[t])
                    return v_error(v, "bad jump target %lld", (long long)t);
                /* only jmp polls the interrupt handler: a backward
                   conditional jump could loop out of its reach (the
                   compiler closes every loop with a jmp) */
                if (t <= pc && op != OP_jmp)
                    return v_error(v, "backward conditional jump");
                break;
            }
            default:
                p += 4;
                break;
            }
        }
        switch (op) {
        case OP_initial_yield: case OP_yield: case OP_yield_raw: case OP_delegate_step:
            if (!is_gen)
                return v_error(v, "%s outside a generator", js_opcode_name[op]);
            break;
        case OP_await: case OP_delegate_call:
            if (!is_async)
                return v_error(v, "%s outside an async function", js_opcode_name[op]);
            break;
        case OP_async_start:
            if (!(b->flags & JS_BC_ASYNC) && !b->module)
                return v_error(v, "async_start outside an async function");
            break;
        default:
            break;
        }
    }
    return 0;
}

static int verify_tables(Verifier *v, const uint8_t *starts, const JSFunctionBytecode *parent)
{
    const JSFunctionBytecode *b = v->b;
    v->pc = 0;
    if (b->nparams > b->nregs || b->ninit > b->nregs)
        return v_error(v, "nparams %u / ninit %u above nregs %u", b->nparams, b->ninit, b->nregs);
    for (uint32_t i = 0; i < b->handler_count; i++) {
        const JSExceptionHandler *e = &b->handlers[i];
        if (e->start > e->end || e->end > b->code_len || e->target >= b->code_len ||
            !starts[e->start] || (e->end < b->code_len && !starts[e->end]) || !starts[e->target] ||
            e->target < e->end)
            return v_error(v, "bad exception handler %u (%u..%u -> %u)", i, e->start, e->end, e->target);
    }
    for (uint32_t i = 0; i < b->atom_count; i++)
        if (b->atoms[i] == JS_ATOM_NULL)
            return v_error(v, "null atom in the atom list");
    /* the local name table (debug data read by interp_errors.c) */
    for (uint32_t i = 0; i < b->local_name_count; i++) {
        const JSLocalName *ln = &b->local_names[i];
        if (ln->start > ln->end || ln->end > b->code_len || ln->reg >= b->nregs || ln->name == JS_ATOM_NULL)
            return v_error(v, "bad local name %u (r%u, %u..%u)", i, ln->reg, ln->start, ln->end);
    }
    /* a script's top level captures nothing; a module function and its
       environment initializer (cpool[0]) capture the module environment
       (module.c: one box per closure variable of the module function) */
    if (!parent && !b->module && b->capture_count)
        return v_error(v, "a unit's top level has %u captured variables", b->capture_count);
    bool env_closure = (!parent && b->module) || (parent && parent->module && parent->cpool[0] == js_mkptr(JS_TAG_CELL, b));
    uint32_t env_size = parent ? parent->capture_count : b->capture_count;
    for (uint32_t i = 0; env_closure && i < b->capture_count; i++)
        if (!b->captures[i].from_capture || b->captures[i].index >= env_size)
            return v_error(v, "bad module environment variable %u", i);
    if (b->module && (b->cpool_len == 0 || const_kind(b->cpool[0]) != CK_FUNCTION))
        return v_error(v, "a module function without its environment initializer");
    for (uint32_t i = 0; parent && !env_closure && i < b->capture_count; i++) {
        const JSCaptureInfo *c = &b->captures[i];
        if (c->from_capture > 1 || (c->from_capture ? c->index >= parent->capture_count : c->index >= parent->nregs))
            return v_error(v, "bad captured variable %u (%s %u)", i, c->from_capture ? "capture" : "register", c->index);
    }
    for (uint32_t k = 0; k < b->cpool_len; k++) {
        int kind = const_kind(b->cpool[k]);
        if (kind == CK_OTHER)
            return v_error(v, "constant %u of an unknown kind", k);
        if (kind == CK_TEMPLATE && !js_is_object(b->cpool[k])) {
            const JSValueArray *a = js_get_ptr(b->cpool[k]);
            if (a->len == 0 || a->len % 2)
                return v_error(v, "constant %u: bad template site", k);
            for (uint32_t i = a->len / 2; i < a->len; i++)
                if (!js_is_string(a->values[i]))
                    return v_error(v, "constant %u: bad template site", k);
        }
        if (kind == CK_SCOPE) {
            const JSScopeDesc *d = js_get_ptr(b->cpool[k]);
            for (uint32_t i = 0; i < d->count; i++) {
                const JSScopeDescEntry *e = &d->entries[i];
                if (e->kind > JS_SD_GLOBAL_CONST ||
                    (e->name == JS_ATOM_NULL && e->kind != JS_SD_WITH && e->kind != JS_SD_EVALVARS))
                    return v_error(v, "constant %u: bad scope entry %u", k, i);
                if (e->kind <= JS_SD_EVALVARS &&
                    ((e->flags & JS_SDF_FROM_CAPTURE) ? e->index >= b->capture_count : e->index >= b->nregs))
                    return v_error(v, "constant %u: scope entry %u names a bad %s %u", k, i,
                                   (e->flags & JS_SDF_FROM_CAPTURE) ? "capture" : "register", e->index);
            }
        }
    }
    const JSModuleInfo *m = b->module;
    if (m) {
        if (parent)
            return v_error(v, "module record on a nested function");
        for (uint32_t i = 0; i < m->request_count; i++) {
            if (m->requests[i].specifier == JS_ATOM_NULL)
                return v_error(v, "module request %u has no specifier", i);
            for (uint32_t j = 0; j < m->requests[i].attr_count; j++)
                if (!m->requests[i].attrs[j].key || !m->requests[i].attrs[j].value)
                    return v_error(v, "module request %u: bad attribute", i);
        }
        for (uint32_t i = 0; i < m->import_count; i++) {
            const JSImportEntry *e = &m->imports[i];
            if (e->request >= m->request_count || e->local_name == JS_ATOM_NULL || e->slot >= b->capture_count)
                return v_error(v, "bad import entry %u (request %u, slot %u)", i, e->request, e->slot);
        }
        for (uint32_t i = 0; i < m->export_count; i++) {
            const JSExportEntry *e = &m->exports[i];
            bool ok;
            switch (e->kind) {
            case JS_EXPORT_LOCAL:
                ok = e->export_name && e->local_name && e->slot < b->capture_count;
                break;
            case JS_EXPORT_INDIRECT:
                ok = e->export_name && e->request < m->request_count;
                break;
            case JS_EXPORT_STAR:
                ok = e->request < m->request_count;
                break;
            default:
                ok = false;
                break;
            }
            if (!ok)
                return v_error(v, "bad export entry %u (kind %u, request %u, slot %u)", i, e->kind, e->request, e->slot);
        }
    }
    return 0;
}

/* ---- register kinds ----
 * A forward must-analysis over the control flow graph: the registers that
 * hold a box (a captured variable's cell), an object, an array, a class
 * constructor, a for-in iterator or an ordinary value (anything but an
 * internal cell) on every path to an instruction. The
 * instructions that trust a register's kind without checking it (box_*,
 * mapped_arguments, import_meta, the captures of closures, direct eval's
 * bindings, array_*, define_*, set_class_fields, for_in_next) need it
 * there: a damaged file cannot make them use another value as one. */

typedef struct BoxFlow {
    uint32_t words;         /* 64-bit words per register set */
    uint64_t *in;           /* per instruction start: the set, or all ones (not reached yet) */
    uint8_t *pending;       /* per instruction: needs a visit */
    uint32_t *ix;           /* instruction number of each instruction start */
    bool changed;
} BoxFlow;

static bool bs_has(const uint64_t *s, uint32_t r) { return (s[r >> 6] >> (r & 63)) & 1; }
static void bs_add(uint64_t *s, uint32_t r) { s[r >> 6] |= 1ull << (r & 63); }
static void bs_del(uint64_t *s, uint32_t r) { s[r >> 6] &= ~(1ull << (r & 63)); }

/* Meets set into the state at pc; marks pc for a visit if it shrank. */
static void flow_meet(BoxFlow *fl, uint32_t pc, const uint64_t *set)
{
    pc = fl->ix[pc];
    uint64_t *d = fl->in + (size_t)pc * fl->words;
    bool ch = false;
    for (uint32_t i = 0; i < fl->words; i++) {
        uint64_t n = d[i] & set[i];
        if (n != d[i]) {
            d[i] = n;
            ch = true;
        }
    }
    if (ch) {
        fl->pending[pc] = 1;
        fl->changed = true;
    }
}

/* Whether an instruction's first register operand is only read. */
static bool first_reg_read_only(int op)
{
    switch (op) {
    case OP_check_init: case OP_check_init_this: case OP_box_put: case OP_box_put_check:
    case OP_dyn_put: case OP_put_field: case OP_put_elem: case OP_put_super:
    case OP_require_object_coercible: case OP_array_append: case OP_array_hole: case OP_array_spread:
    case OP_define_field: case OP_define_elem: case OP_define_method: case OP_set_proto:
    case OP_copy_data_props: case OP_set_name: case OP_set_name_computed: case OP_set_home:
    case OP_add_brand: case OP_private_put: case OP_private_define:
    case OP_jtrue: case OP_jfalse: case OP_jnullish: case OP_jnot_nullish: case OP_jundef:
    case OP_jnot_undef: case OP_jstrict_eq: case OP_jlt: case OP_jge_not: case OP_jint_ne:
    case OP_init_this: case OP_return: case OP_return_ctor: case OP_throw:
    case OP_iter_close: case OP_iter_close_throw: case OP_resume_dispatch: case OP_env_declare_var:
    case OP_set_this: case OP_set_class_fields: case OP_run_static_init: case OP_ref_put:
    case OP_check_object: case OP_cap_put: case OP_cap_put_check: case OP_put_global:
    case OP_init_global_lex: case OP_define_global_fn:
        return true;
    default:
        return false;
    }
}

static bool is_call(int op)
{
    switch (op) {
    case OP_call: case OP_new: case OP_call_spread: case OP_new_spread: case OP_eval:
    case OP_eval_spread: case OP_super_call: case OP_super_call_spread:
        return true;
    default:
        return false;
    }
}

/* The register operands of the instruction at pc (at most 4). */
static int reg_operands(const JSFunctionBytecode *b, uint32_t pc, uint32_t *regs, uint32_t *h, uint32_t *k)
{
    int n = 0;
    const uint8_t *p = b->code + pc + 1;
    *h = 0;
    *k = UINT32_MAX;
    for (const char *f = js_opcode_format[b->code[pc]]; *f; f++) {
        if (*f == 'r') {
            regs[n++] = rd16(p);
        } else if (*f == 'h') {
            *h = rd16(p);
        } else if (*f == 'k' && *k == UINT32_MAX) {
            *k = rd32(p);
        }
        p += (*f == 'r' || *f == 'h') ? 2 : *f == 'b' ? 1 : 4;
    }
    return n;
}

bool js_bytecode_writes_reg(const JSFunctionBytecode *b, uint32_t pc, uint32_t reg)
{
    int op = b->code[pc];
    uint32_t r[4], h, k;
    int n = reg_operands(b, pc, r, &h, &k);
    /* a call may change its whole argument area: new replaces f+1 (this)
       and the callee's parameters are the caller's f+2.. */
    if (is_call(op) && reg > r[1])
        return true;
    if (n && !first_reg_read_only(op) && reg == r[0])
        return true;
    switch (op) {
    case OP_get_iterator: case OP_get_async_iterator: case OP_yield: case OP_yield_raw:
    case OP_await: case OP_dyn_get_ref:
        return reg == r[0] + 1;
    case OP_class_create:
        return reg == r[2];
    case OP_delegate_step: case OP_delegate_call:
        return reg == r[2] || reg == r[2] + 1 || reg == r[1] + 1;
    case OP_iter_next: case OP_iter_rest: case OP_iter_done_check:
        return reg == r[1] + 1;
    case OP_iter_close: case OP_iter_close_throw:
        return reg == r[0] + 1;
    default:
        return false;
    }
}

/* Whether an instruction writes its first register (r0, and r0+1 for
 * dyn_get_ref) on one of its two ways out only: it then holds what it
 * held before or an ordinary value, so its ordinary-value bit stays as
 * it was (the other kinds are dropped). */
static bool writes_on_one_path(int op)
{
    switch (op) {
    case OP_dyn_get: case OP_dyn_get_ref: case OP_dyn_delete: case OP_dyn_find: case OP_ref_get:
    case OP_for_in_next: case OP_iter_next:
        return true;
    default:
        return false;
    }
}

/* Register kinds tracked: each a set of registers per instruction. */
enum { K_BOX, K_OBJ, K_ARR, K_FUNC, K_FORIN, K_UNDEF,
       /* an ordinary value: not an engine-internal cell (a box, a for-in
          iterator, a callee's leftover register); see value_operands */
       K_VAL, K_REGS,
       /* two facts about the frame, kept as bit 0 of their sets: its
          generator / async state exists (f->gen, made by initial_yield
          or async_start and needed by yield and await), or surely does
          not exist yet (so that those two run at most once) */
       K_GEN = K_REGS, K_NOGEN, K_COUNT };
static const char *const kind_name[K_COUNT] = { "a box", "an object", "an array", "a function",
                                                "a for-in iterator", "undefined",
                                                "an ordinary value", "", "" };

static int need(Verifier *v, const uint64_t *state, uint32_t rw, int kind, uint32_t r, const char *what)
{
    if (!bs_has(state + (size_t)kind * rw, r))
        return v_error(v, "register r%u is not %s for %s", r, kind_name[kind], what);
    return 0;
}

/* The registers an instruction reads as ordinary values: every register
 * operand it reads, with the implicit ranges, except those read as
 * internal cells (checked by check_uses against their own kinds).
 *
 *   opcode (operands)                      read as values
 *   default: every 'r' operand it reads    (the first unless written,
 *                                           first_reg_read_only, and the rest)
 *   mov (d, s)                             none: s's kinds are copied
 *   box_get, box_get_check, import_meta    none: r1 is a box
 *   box_put, box_put_check (box, v)        v
 *   box_copy (box)                         none: r0 is a box
 *   for_in_next (d, it)                    none: r1 is a for-in iterator
 *   mapped_arguments (d, boxes, h)         the argument area (below)
 *   arguments, rest                        the argument area
 *   class_create (d, heritage, proto)      heritage (proto is written)
 *   call, new, eval, super_call (d, f, h)  f, f+1 and the h arguments
 *   *_spread (d, f)                        f, f+1, f+2 (the array)
 *   new_array (d, first, h)                first .. first+h-1
 *   iter_next, iter_rest, iter_done_check  the record r1, r1+1
 *   resume_dispatch (r)                    r, r+1 (value and mode)
 *   delegate_step, delegate_call (d, rec, v)  rec, rec+1, v, v+1
 *   dispose_step (io, scope, c)            io, io+1, scope, c, c+1
 *   to_with_object, using_add (r0 ...)     r0 too (read and written)
 *   run_static_init (c, init, key)         c, init (key is not read)
 *
 * The argument area: a function that makes `arguments` or a rest array
 * reads its arguments where they are (f->argv): above the registers when
 * it keeps them (JS_BC_KEEP_ARGS and more arguments than parameters),
 * else in its parameter registers, which must then hold values. */
static int need_val(Verifier *v, const uint64_t *st, uint32_t rw, uint32_t r, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (need(v, st, rw, K_VAL, r + i, js_opcode_name[v->b->code[v->pc]]) < 0)
            return -1;
    return 0;
}

static int check_values(Verifier *v, const uint64_t *st, uint32_t rw)
{
    const JSFunctionBytecode *b = v->b;
    int op = b->code[v->pc];
    uint32_t r[4], h, k;
    int n = reg_operands(b, v->pc, r, &h, &k);
    switch (op) {
    case OP_mov: case OP_box_get: case OP_box_get_check: case OP_import_meta: case OP_box_copy:
    case OP_for_in_next:
        return 0;
    case OP_box_put: case OP_box_put_check:
        return need_val(v, st, rw, r[1], 1);
    case OP_arguments: case OP_rest: case OP_mapped_arguments:
        if (!(b->flags & JS_BC_KEEP_ARGS))
            return v_error(v, "%s in a function that does not keep its arguments", js_opcode_name[op]);
        return need_val(v, st, rw, 0, b->nparams);
    case OP_class_create:
        return need_val(v, st, rw, r[1], 1);
    case OP_call: case OP_new: case OP_eval: case OP_super_call:
        return need_val(v, st, rw, r[1], 2 + h);
    case OP_call_spread: case OP_new_spread: case OP_eval_spread: case OP_super_call_spread:
        return need_val(v, st, rw, r[1], 3);
    case OP_new_array:
        return need_val(v, st, rw, r[1], h);
    case OP_iter_next: case OP_iter_rest: case OP_iter_done_check:
        return need_val(v, st, rw, r[1], 2);
    case OP_resume_dispatch:
        return need_val(v, st, rw, r[0], 2);
    case OP_delegate_step: case OP_delegate_call:
        if (need_val(v, st, rw, r[1], 2) < 0)
            return -1;
        return need_val(v, st, rw, r[2], 2);
    case OP_dispose_step:
        if (need_val(v, st, rw, r[0], 2) < 0 || need_val(v, st, rw, r[1], 1) < 0)
            return -1;
        return need_val(v, st, rw, r[2], 2);
    case OP_run_static_init:
        return need_val(v, st, rw, r[0], 2);
    default:
        break;
    }
    bool first = first_reg_read_only(op) || op == OP_to_with_object || op == OP_using_add;
    for (int i = first ? 0 : 1; i < n; i++)
        if (need_val(v, st, rw, r[i], 1) < 0)
            return -1;
    return 0;
}

/* The uses: checked against the state before the instruction. */
static int check_uses(Verifier *v, const uint64_t *st, uint32_t rw)
{
    const JSFunctionBytecode *b = v->b;
    int op = b->code[v->pc];
    const char *on = js_opcode_name[op];
    uint32_t r[4], h, k;
    reg_operands(b, v->pc, r, &h, &k);
    if (check_values(v, st, rw) < 0)
        return -1;
    switch (op) {
    case OP_box_get: case OP_box_get_check: case OP_import_meta:
        return need(v, st, rw, K_BOX, r[1], on);
    case OP_box_put: case OP_box_put_check: case OP_box_copy:
        return need(v, st, rw, K_BOX, r[0], on);
    case OP_mapped_arguments:
        for (uint32_t i = 0; i < h; i++)
            if (need(v, st, rw, K_BOX, r[1] + i, on) < 0)
                return -1;
        return 0;
    case OP_closure: case OP_class_create: {
        const JSFunctionBytecode *c = js_get_ptr(b->cpool[k]);
        /* the template's own check of its captures runs after this one */
        for (uint32_t i = 0; i < c->capture_count; i++) {
            if (c->captures[i].from_capture)
                continue;
            if (c->captures[i].index >= b->nregs)
                return v_error(v, "bad captured variable %u (register %u)", i, c->captures[i].index);
            if (need(v, st, rw, K_BOX, c->captures[i].index, "a captured variable") < 0)
                return -1;
        }
        return 0;
    }
    case OP_eval: case OP_eval_spread: {
        const JSScopeDesc *d = js_get_ptr(b->cpool[k]);
        for (uint32_t i = 0; i < d->count; i++) {
            const JSScopeDescEntry *e = &d->entries[i];
            if (e->kind <= JS_SD_EVALVARS && !(e->flags & JS_SDF_FROM_CAPTURE) &&
                need(v, st, rw, K_BOX, e->index, "a binding seen by eval") < 0)
                return -1;
        }
        if (op == OP_eval_spread)
            return need(v, st, rw, K_ARR, r[1] + 2, on);
        return 0;
    }
    case OP_array_append: case OP_array_hole: case OP_array_spread:
        return need(v, st, rw, K_ARR, r[0], on);
    case OP_define_method:
        if (need(v, st, rw, K_FUNC, r[2], on) < 0)
            return -1;
        return need(v, st, rw, K_OBJ, r[0], on);
    case OP_copy_data_props:
        /* the excluded keys: an array, or undefined for none */
        if (!bs_has(st + (size_t)K_UNDEF * rw, r[2]) && need(v, st, rw, K_ARR, r[2], on) < 0)
            return -1;
        return need(v, st, rw, K_OBJ, r[0], on);
    case OP_define_field: case OP_define_elem:
    case OP_private_define: case OP_set_proto: case OP_set_name: case OP_set_name_computed:
        return need(v, st, rw, K_OBJ, r[0], on);
    case OP_call_spread: case OP_new_spread: case OP_super_call_spread:
        return need(v, st, rw, K_ARR, r[1] + 2, on);
    case OP_set_class_fields:
        /* the fields list is read back as an array (interp_class.c) */
        if (need(v, st, rw, K_ARR, r[1], on) < 0)
            return -1;
        return need(v, st, rw, K_FUNC, r[0], on);
    case OP_run_static_init:
        if (need(v, st, rw, K_ARR, r[1], on) < 0)
            return -1;
        return need(v, st, rw, K_OBJ, r[0], on);
    case OP_yield: case OP_yield_raw: case OP_await:
        if (!bs_has(st + (size_t)K_GEN * rw, 0))
            return v_error(v, "%s before the generator or async state exists", on);
        return 0;
    case OP_initial_yield: case OP_async_start:
        if (!bs_has(st + (size_t)K_NOGEN * rw, 0))
            return v_error(v, "%s where the generator or async state may exist", on);
        return 0;
    case OP_for_in_next:
        return need(v, st, rw, K_FORIN, r[1], on);
    default:
        return 0;
    }
}

/* The defs: st becomes the state after the instruction. */
static void apply_defs(const JSFunctionBytecode *b, uint32_t pc, uint64_t *st, uint32_t rw)
{
    int op = b->code[pc];
    uint32_t r[4], h, k;
    int n = reg_operands(b, pc, r, &h, &k);
    bool copy[K_REGS] = { false };
    if (op == OP_mov) {
        for (int t = 0; t < K_REGS; t++)
            copy[t] = bs_has(st + (size_t)t * rw, r[1]);
    }
    for (int t = 0; t < K_REGS; t++) {
        uint64_t *s = st + (size_t)t * rw;
        if (is_call(op)) {
            /* the callee's frame starts at f+2 */
            for (uint32_t x = r[1] + 2; x < b->nregs; x++)
                bs_del(s, x);
            /* new replaces f+1 (this: a new object, or the TDZ marker for
               a derived constructor), an ordinary value */
            if (t != K_VAL)
                bs_del(s, r[1] + 1);
        }
        bool keep_val = t == K_VAL && writes_on_one_path(op);
        if (n && !first_reg_read_only(op) && !keep_val)
            bs_del(s, r[0]);
        switch (op) {
        case OP_get_iterator: case OP_get_async_iterator: case OP_yield: case OP_yield_raw:
        case OP_await: case OP_dyn_get_ref:
            if (!keep_val)
                bs_del(s, r[0] + 1);
            break;
        case OP_class_create:
            bs_del(s, r[2]);
            break;
        case OP_iter_next: case OP_iter_rest: case OP_iter_done_check:
            /* an iterator record's next method becomes the done marker
               (an ordinary value, not a cell) */
            if (t != K_VAL)
                bs_del(s, r[1] + 1);
            break;
        case OP_iter_close: case OP_iter_close_throw:
            if (t != K_VAL)
                bs_del(s, r[0] + 1);
            break;
        case OP_delegate_step: case OP_delegate_call:
            if (t != K_VAL)
                bs_del(s, r[1] + 1);
            bs_del(s, r[2]);
            bs_del(s, r[2] + 1);
            break;
        case OP_dispose_step:
            /* the scope r1 is only read: it stays an ordinary value */
            if (t != K_VAL)
                bs_del(s, r[1]);
            bs_del(s, r[0] + 1);
            bs_del(s, r[2]);
            bs_del(s, r[2] + 1);
            break;
        default:
            break;
        }
    }
#define ADD(kind, reg) bs_add(st + (size_t)(kind) * rw, (reg))
    /* what an instruction writes is an ordinary value, except the
       internal cells made by box_* / cap_box / for_in_start, what mov
       copies (its kinds, above) and a callee's leftover registers */
    switch (op) {
    case OP_mov: case OP_box_new: case OP_box_new_uninit: case OP_box_copy: case OP_cap_box:
    case OP_for_in_start:
        break;
    default:
        if (n && !first_reg_read_only(op) && !writes_on_one_path(op))
            ADD(K_VAL, r[0]);
        break;
    }
    switch (op) {
    case OP_get_iterator: case OP_get_async_iterator: case OP_yield: case OP_yield_raw:
    case OP_await: case OP_dispose_step:
        ADD(K_VAL, r[0] + 1);
        break;
    case OP_class_create:
        ADD(K_VAL, r[2]);
        break;
    default:
        break;
    }
    if (op == OP_delegate_step || op == OP_delegate_call || op == OP_dispose_step) {
        ADD(K_VAL, r[2]);
        ADD(K_VAL, r[2] + 1);
    }
    switch (op) {
    case OP_mov:
        for (int t = 0; t < K_REGS; t++)
            if (copy[t])
                ADD(t, r[0]);
        break;
    case OP_load_undef:
        ADD(K_UNDEF, r[0]);
        break;
    case OP_initial_yield: case OP_async_start:
        ADD(K_GEN, 0);
        bs_del(st + (size_t)K_NOGEN * rw, 0);
        break;
    case OP_box_new: case OP_box_new_uninit: case OP_box_copy: case OP_cap_box:
        ADD(K_BOX, r[0]);
        break;
    case OP_new_object: case OP_new_object_sized:
        ADD(K_OBJ, r[0]);
        break;
    case OP_new_array: case OP_rest: case OP_iter_rest:
        ADD(K_OBJ, r[0]);
        ADD(K_ARR, r[0]);
        break;
    case OP_closure:
        ADD(K_OBJ, r[0]);
        ADD(K_FUNC, r[0]);
        break;
    case OP_class_create:
        ADD(K_OBJ, r[0]);
        ADD(K_FUNC, r[0]);
        ADD(K_OBJ, r[2]);
        break;
    case OP_for_in_start:
        ADD(K_FORIN, r[0]);
        break;
    default:
        break;
    }
#undef ADD
}

/* The way out of a writes_on_one_path instruction that writes: its
 * first register (and r0+1 for dyn_get_ref) holds an ordinary value. */
static void written_on_path(const JSFunctionBytecode *b, uint32_t pc, uint64_t *st, uint32_t rw)
{
    uint16_t r0 = rd16(b->code + pc + 1);
    bs_add(st + (size_t)K_VAL * rw, r0);
    if (b->code[pc] == OP_dyn_get_ref)
        bs_add(st + (size_t)K_VAL * rw, r0 + 1u);
}

/* Runs the block that starts at leader pc from the state in cur: the
 * defs, the edges to handlers, jump targets and the next block; with
 * check, the uses too (once the states are final). */
static int run_block(Verifier *v, BoxFlow *fl, uint32_t pc, uint64_t *cur, uint64_t *before, uint32_t rw,
                     const uint8_t *leader, bool check)
{
    const JSFunctionBytecode *b = v->b;
    for (;;) {
        int op = b->code[pc];
        uint32_t next = pc + js_opcode_size[op];
        if (check) {
            v->pc = pc;
            if (check_uses(v, cur, rw) < 0)
                return -1;
        }
        /* a throw inside a handler's range: the state before or after
           the defs reaches the handler (only the first pass needs it) */
        bool guarded = false;
        for (uint32_t i = 0; !check && i < b->handler_count && !guarded; i++)
            guarded = pc >= b->handlers[i].start && pc < b->handlers[i].end;
        if (guarded)
            memcpy(before, cur, fl->words * sizeof(uint64_t));
        apply_defs(b, pc, cur, rw);
        if (!check) {
            for (uint32_t i = 0; guarded && i < b->handler_count; i++) {
                const JSExceptionHandler *e = &b->handlers[i];
                if (pc >= e->start && pc < e->end) {
                    flow_meet(fl, e->target, before);
                    flow_meet(fl, e->target, cur);
                }
            }
            const char *f = js_opcode_format[op];
            size_t fn = strlen(f);
            if (fn && f[fn - 1] == 'j') {
                int32_t off = (int32_t)rd32(b->code + next - 4);
                const uint64_t *out = cur;
                if (writes_on_one_path(op) && op != OP_for_in_next && op != OP_iter_next) {
                    /* the dyn_* / ref_get jump is the way that writes */
                    memcpy(before, cur, fl->words * sizeof(uint64_t));
                    written_on_path(b, pc, before, rw);
                    out = before;
                }
                flow_meet(fl, (uint32_t)((int64_t)next + off), out);
            }
        }
        /* for_in_next / iter_next write when they go on */
        if (op == OP_for_in_next || op == OP_iter_next)
            written_on_path(b, pc, cur, rw);
        if (op == OP_jmp || is_terminator(op) || next >= b->code_len)
            return 0;
        if (leader[next]) {
            if (!check)
                flow_meet(fl, next, cur);
            return 0;
        }
        pc = next;
    }
}

static int verify_kinds(Verifier *v, const uint8_t *starts)
{
    const JSFunctionBytecode *b = v->b;
    BoxFlow fl;
    memset(&fl, 0, sizeof fl);
    uint32_t rw = ((uint32_t)b->nregs + 63) / 64;
    if (!rw)
        rw = 1;
    fl.words = rw * K_COUNT;
    /* block leaders: the entry, jump and handler targets, what follows a
       jump or a terminator */
    uint8_t *leader = calloc(b->code_len + 1, 1);
    if (!leader) {
        js_throw_out_of_memory(v->ctx);
        return -1;
    }
    leader[0] = 1;
    for (uint32_t i = 0; i < b->handler_count; i++)
        leader[b->handlers[i].target] = 1;
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        int op = b->code[pc];
        uint32_t next = pc + js_opcode_size[op];
        const char *f = js_opcode_format[op];
        size_t fn = strlen(f);
        if (fn && f[fn - 1] == 'j') {
            leader[(uint32_t)((int64_t)next + (int32_t)rd32(b->code + next - 4))] = 1;
            leader[next] = 1;
        } else if (is_terminator(op)) {
            leader[next] = 1;
        }
    }
    uint32_t nblocks = 0;
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]])
        if (leader[pc])
            nblocks++;
    if ((uint64_t)nblocks * fl.words * sizeof(uint64_t) > ((uint64_t)1 << 30)) {
        free(leader);
        v->pc = 0;
        return v_error(v, "function too large to verify");
    }
    fl.ix = malloc((size_t)b->code_len * sizeof(uint32_t));
    fl.in = malloc((size_t)nblocks * fl.words * sizeof(uint64_t));
    fl.pending = calloc(nblocks ? nblocks : 1, 1);
    uint64_t *cur = malloc((size_t)fl.words * 2 * sizeof(uint64_t));
    int res = 0;
    if (!fl.ix || !fl.in || !fl.pending || !cur) {
        js_throw_out_of_memory(v->ctx);
        res = -1;
        goto done;
    }
    uint64_t *before = cur + fl.words;
    nblocks = 0;
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]])
        if (leader[pc])
            fl.ix[pc] = nblocks++;
    /* all ones: not reached yet; the entry knows nothing */
    memset(fl.in, 0xff, (size_t)nblocks * fl.words * sizeof(uint64_t));
    memset(fl.in, 0, fl.words * sizeof(uint64_t));
    bs_add(fl.in + (size_t)K_NOGEN * rw, 0);
    /* the entry: parameters, then undefined (push_frame, interp.c) */
    for (uint32_t x = 0; x < b->nregs; x++)
        bs_add(fl.in + (size_t)K_VAL * rw, x);
    fl.pending[0] = 1;
    do {
        fl.changed = false;
        for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
            if (!leader[pc] || !fl.pending[fl.ix[pc]])
                continue;
            fl.pending[fl.ix[pc]] = 0;
            memcpy(cur, fl.in + (size_t)fl.ix[pc] * fl.words, fl.words * sizeof(uint64_t));
            run_block(v, &fl, pc, cur, before, rw, leader, false);
        }
    } while (fl.changed);
    for (uint32_t pc = 0; pc < b->code_len && res == 0; pc += js_opcode_size[b->code[pc]]) {
        if (!leader[pc])
            continue;
        memcpy(cur, fl.in + (size_t)fl.ix[pc] * fl.words, fl.words * sizeof(uint64_t));
        res = run_block(v, &fl, pc, cur, before, rw, leader, true);
    }
done:
    (void)starts;
    free(leader);
    free(fl.ix);
    free(fl.in);
    free(fl.pending);
    free(cur);
    return res;
}

/* serialize.h: 0, or -1 after throwing a SyntaxError. May collect (only
 * to throw). */
int js_bytecode_verify(JSContext *ctx, const JSFunctionBytecode *b, const JSFunctionBytecode *parent)
{
    js_opcode_init();
    if (js_stack_exhausted(ctx->rt->native_stack_limit)) {
        js_throw_syntax_error(ctx, "invalid bytecode: functions nested too deeply");
        return -1;
    }
    Verifier v = { ctx, b, 0 };
    uint8_t *starts = calloc(b->code_len + 1, 1);
    if (!starts) {
        js_throw_out_of_memory(ctx);
        return -1;
    }
    /* the owner of each inline cache (check_ic) */
    JSAtom *ic_atom = malloc(((size_t)b->ic_count + 1) * sizeof(JSAtom));
    uint8_t *ic_grp = calloc((size_t)b->ic_count + 1, 1);
    if (!ic_atom || !ic_grp) {
        free(starts);
        free(ic_atom);
        free(ic_grp);
        js_throw_out_of_memory(ctx);
        return -1;
    }
    int r = verify_code(&v, starts, ic_atom, ic_grp);
    free(ic_atom);
    free(ic_grp);
    if (r == 0)
        r = verify_tables(&v, starts, parent);
    if (r == 0)
        r = verify_kinds(&v, starts);
    free(starts);
    if (r < 0)
        return -1;
    for (uint32_t k = 0; k < b->cpool_len; k++) {
        JSValue c = b->cpool[k];
        if (const_kind(c) == CK_FUNCTION && js_bytecode_verify(ctx, js_get_ptr(c), b) < 0)
            return -1;
    }
    return 0;
}
