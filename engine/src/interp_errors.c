/* Error messages that name what went wrong, in the words users know from
 * V8: "os.pipe is not a function", "u is not iterable", "Cannot read
 * properties of undefined (reading 'x')". The expression at the failing
 * site is rebuilt from the bytecode only once an error is being thrown
 * (the instruction that wrote the register, the local name table, atom
 * and closure-variable operands): nothing here runs on a fast path. */
#include <string.h>
#include "interp_int.h"
#include "dtoa.h"

#define DESC_MAX 160
#define DESC_DEPTH 32

/* A bounded message fragment; text past DESC_MAX becomes "...". */
typedef struct Desc {
    char s[DESC_MAX + 4];
    size_t len;
    bool cut;
} Desc;

static void put_n(Desc *d, const char *s, size_t n)
{
    if (d->cut)
        return;
    if (d->len + n > DESC_MAX) {
        n = DESC_MAX - d->len;
        d->cut = true;
    }
    memcpy(d->s + d->len, s, n);
    d->len += n;
    if (d->cut) {
        memcpy(d->s + d->len, "...", 3);
        d->len += 3;
    }
    d->s[d->len] = 0;
}

static void put(Desc *d, const char *s) { put_n(d, s, strlen(s)); }

static void put_cp(Desc *d, uint32_t c)
{
    char u[4];
    size_t n;
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    put_n(d, u, n);
}

/* The text of a string value, without allocating (a rope that is not
 * flat yet shows as "..."). */
static void put_string(Desc *d, JSValue v)
{
    JSString *p = JS_VALUE_GET_STRING(v);
    if (p->h.flags & JS_STR_ROPE) {
        put(d, "...");
        return;
    }
    JSStringView sv;
    js_string_view_nogc(p, &sv);
    for (uint32_t i = 0; i < sv.len && !d->cut;) {
        uint32_t units;
        put_cp(d, js_view_codepoint_at(&sv, i, &units));
        i += units;
    }
}

static void put_atom(Desc *d, JSRuntime *rt, JSAtom a)
{
    char buf[DESC_MAX];
    bool sym = !js_atom_is_int(a) && js_atom_is_symbol(rt, a);
    if (sym)
        put(d, "Symbol(");
    put(d, js_atom_get_cstr(rt, buf, sizeof buf, a));
    if (sym)
        put(d, ")");
}

static bool is_ident_start(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}

/* Whether s is written as an identifier (so `o.s` rather than `o["s"]`). */
static bool is_ident(const char *s)
{
    if (!*s || !is_ident_start((uint8_t)*s))
        return false;
    for (s++; *s; s++)
        if (!is_ident_start((uint8_t)*s) && !(*s >= '0' && *s <= '9'))
            return false;
    return true;
}

/* A primitive as a literal would show it: undefined, 5, "abc", 1n,
 * Symbol(d). False for objects. */
static bool put_value(Desc *d, JSRuntime *rt, JSValue v)
{
    if (js_is_undefined(v)) {
        put(d, "undefined");
    } else if (js_is_null(v)) {
        put(d, "null");
    } else if (js_is_bool(v)) {
        put(d, v == JS_TRUE ? "true" : "false");
    } else if (js_is_number(v)) {
        char buf[JS_DTOA_BUF];
        js_dtoa(js_is_int(v) ? (double)js_get_int(v) : js_get_double(v), buf);
        put(d, buf);
    } else if (js_is_string(v)) {
        put(d, "\"");
        put_string(d, v);
        put(d, "\"");
    } else if (js_is_symbol(v)) {
        JSValue desc = JS_VALUE_GET_SYMBOL(v)->description;
        put(d, "Symbol(");
        if (js_is_string(desc))
            put_string(d, desc);
        put(d, ")");
    } else if (js_is_bigint(v)) {
        put(d, "(a BigInt)");
    } else {
        return false;
    }
    return true;
}

/* ---- reading the bytecode ---- */

static uint32_t rd(const uint8_t *p, int size)
{
    uint32_t v = 0;
    memcpy(&v, p, (size_t)size);  /* operands are in host order, little-endian hosts */
    return v;
}

static int operand_size(char f)
{
    return (f == 'r' || f == 'h') ? 2 : f == 'b' ? 1 : 4;
}

/* Operand number i (by the opcodes.def format) of the instruction at pc. */
static uint32_t operand(const JSFunctionBytecode *b, uint32_t pc, int i)
{
    const char *f = js_opcode_format[b->code[pc]];
    const uint8_t *p = b->code + pc + 1;
    for (int k = 0; k < i && f[k]; k++)
        p += operand_size(f[k]);
    return rd(p, operand_size(f[i]));
}

/* The name of the binding register r holds at pc, or JS_ATOM_NULL. */
static JSAtom local_name(const JSFunctionBytecode *b, uint32_t pc, uint32_t r)
{
    for (uint32_t i = b->local_name_count; i-- > 0;) {
        const JSLocalName *ln = &b->local_names[i];
        if (ln->reg == r && ln->start <= pc && pc < ln->end)
            return ln->name;
    }
    return JS_ATOM_NULL;
}

/* Whether some jump or exception handler lands in (from, to]. The jumps
 * of `with` / sloppy-eval lookups (dyn_get) of name into r do not count:
 * they skip a fallback load of the same name into r. */
static bool jump_lands_between(const JSFunctionBytecode *b, uint32_t from, uint32_t to, uint32_t r, JSAtom name)
{
    for (uint32_t i = 0; i < b->handler_count; i++)
        if (b->handlers[i].target > from && b->handlers[i].target <= to)
            return true;
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        const char *f = js_opcode_format[b->code[pc]];
        const uint8_t *p = b->code + pc + 1;
        for (; *f; f++) {
            if (*f == 'j') {
                uint32_t t = pc + js_opcode_size[b->code[pc]] + (uint32_t)(int32_t)rd(p, 4);
                bool same_name = name && (b->code[pc] == OP_dyn_get || b->code[pc] == OP_dyn_get_ref) &&
                                 operand(b, pc, 0) == r && operand(b, pc, 2) == name;
                if (t > from && t <= to && !same_name)
                    return true;
            }
            p += operand_size(*f);
        }
    }
    return false;
}

/* The start of the instruction that last wrote register r before pc, on
 * the only path that reaches pc from it; -1 if there is no such one. */
static int64_t writer_of(const JSFunctionBytecode *b, uint32_t pc, uint32_t r)
{
    int64_t w = -1;
    for (uint32_t i = 0; i < pc; i += js_opcode_size[b->code[i]])
        if (js_bytecode_writes_reg(b, i, r))
            w = i;
    if (w < 0)
        return -1;
    JSAtom name = JS_ATOM_NULL;    /* the name a load of a binding reads */
    switch (b->code[w]) {
    case OP_get_global: case OP_get_global_typeof:
        name = operand(b, (uint32_t)w, 1);
        break;
    case OP_cap_get: case OP_cap_get_check:
        if (operand(b, (uint32_t)w, 1) < b->capture_count)
            name = b->captures[operand(b, (uint32_t)w, 1)].name;
        break;
    case OP_box_get: case OP_box_get_check:
        name = local_name(b, (uint32_t)w, operand(b, (uint32_t)w, 1));
        break;
    default:
        break;
    }
    if (jump_lands_between(b, (uint32_t)w, pc, r, name))
        return -1;
    return w;
}

static bool describe(JSRuntime *rt, const JSFunctionBytecode *b, uint32_t pc, uint32_t r, int depth, Desc *d);

/* `base.key` / `base[key]` for a property read whose base is register r. */
static void describe_base(JSRuntime *rt, const JSFunctionBytecode *b, uint32_t pc, uint32_t r, int depth, Desc *d)
{
    if (!describe(rt, b, pc, r, depth, d))
        put(d, "(intermediate value)");
}

static void describe_key_atom(JSRuntime *rt, JSAtom a, Desc *d)
{
    char buf[DESC_MAX];
    if (!js_atom_is_int(a) && !js_atom_is_symbol(rt, a) && is_ident(js_atom_get_cstr(rt, buf, sizeof buf, a))) {
        put(d, ".");
        put(d, buf);
    } else if (js_atom_is_int(a)) {
        put(d, "[");
        put_atom(d, rt, a);
        put(d, "]");
    } else {
        put(d, "[");
        if (!js_atom_is_symbol(rt, a))
            put(d, "\"");
        put_atom(d, rt, a);
        if (!js_atom_is_symbol(rt, a))
            put(d, "\"");
        put(d, "]");
    }
}

/* `.name` when key register k holds a string literal written as an
 * identifier, else `[key]`. */
static void describe_key_reg(JSRuntime *rt, const JSFunctionBytecode *b, uint32_t pc, uint32_t k, int depth, Desc *d)
{
    int64_t kw = writer_of(b, pc, k);
    if (kw >= 0 && b->code[kw] == OP_load_const && !local_name(b, pc, k) &&
        js_is_string(b->cpool[operand(b, (uint32_t)kw, 1)])) {
        Desc t = { .len = 0 };
        put_string(&t, b->cpool[operand(b, (uint32_t)kw, 1)]);
        if (!t.cut && is_ident(t.s)) {
            put(d, ".");
            put(d, t.s);
            return;
        }
    }
    put(d, "[");
    if (!describe(rt, b, pc, k, depth, d))
        put(d, "...");
    put(d, "]");
}

static bool describe(JSRuntime *rt, const JSFunctionBytecode *b, uint32_t pc, uint32_t r, int depth, Desc *d)
{
    if (depth > DESC_DEPTH)
        return false;
    JSAtom a = local_name(b, pc, r);
    if (a) {
        put_atom(d, rt, a);
        return true;
    }
    int64_t w64 = writer_of(b, pc, r);
    if (w64 < 0)
        return false;
    uint32_t w = (uint32_t)w64;
    switch (b->code[w]) {
    case OP_mov:
        return describe(rt, b, w, operand(b, w, 1), depth + 1, d);
    case OP_get_field: case OP_get_field_opt:
        describe_base(rt, b, w, operand(b, w, 1), depth + 1, d);
        describe_key_atom(rt, operand(b, w, 2), d);
        return true;
    case OP_get_length:
        describe_base(rt, b, w, operand(b, w, 1), depth + 1, d);
        put(d, ".length");
        return true;
    case OP_get_elem:
        describe_base(rt, b, w, operand(b, w, 1), depth + 1, d);
        describe_key_reg(rt, b, w, operand(b, w, 2), depth + 1, d);
        return true;
    case OP_get_super:
        put(d, "super");
        describe_key_reg(rt, b, w, operand(b, w, 2), depth + 1, d);
        return true;
    case OP_get_global: case OP_get_global_typeof:
        put_atom(d, rt, operand(b, w, 1));
        return true;
    case OP_cap_get: case OP_cap_get_check: {
        uint32_t h = operand(b, w, 1);
        if (h >= b->capture_count || !b->captures[h].name)
            return false;
        char buf[DESC_MAX];
        const char *n = js_atom_get_cstr(rt, buf, sizeof buf, b->captures[h].name);
        if (!is_ident(n))
            return false;   /* hidden bindings (%this, *default*, ...) */
        put(d, n);
        return true;
    }
    case OP_box_get: case OP_box_get_check:
        a = local_name(b, w, operand(b, w, 1));
        if (!a)
            return false;
        put_atom(d, rt, a);
        return true;
    case OP_load_undef: put(d, "undefined"); return true;
    case OP_load_null: put(d, "null"); return true;
    case OP_load_true: put(d, "true"); return true;
    case OP_load_false: put(d, "false"); return true;
    case OP_load_this: put(d, "this"); return true;
    case OP_load_int:
        return put_value(d, rt, js_int((int32_t)operand(b, w, 1)));
    case OP_load_const: {
        JSValue v = b->cpool[operand(b, w, 1)];
        return (js_is_number(v) || js_is_string(v)) && put_value(d, rt, v);
    }
    case OP_call: case OP_call_spread:
        describe_base(rt, b, w, operand(b, w, 1), depth + 1, d);
        put(d, "(...)");
        return true;
    default:
        return false;
    }
}

/* The innermost bytecode frame if it is at an instruction of one of the
 * given opcodes whose operand number opi holds v: the failing site. */
static JSFrame *site(JSContext *ctx, JSValue v, int opi, const int *ops, int nops, uint32_t *reg)
{
    JSInterp *in = ctx->rt->interp;
    JSFrame *f = in ? in->cur : NULL;
    if (!f || !f->b || !f->ipc)
        return NULL;
    const JSFunctionBytecode *b = f->b;
    uint32_t pc = (uint32_t)(f->ipc - b->code);
    if (pc >= b->code_len)
        return NULL;
    for (int i = 0; i < nops; i++) {
        if (b->code[pc] == ops[i]) {
            *reg = operand(b, pc, opi);
            return f->regs[*reg] == v ? f : NULL;
        }
    }
    return NULL;
}

/* The expression register reg holds at the current instruction of f,
 * or the value v when it cannot be told; false if neither. */
static bool describe_site(JSContext *ctx, JSFrame *f, uint32_t reg, JSValue v, Desc *d)
{
    if (f && describe(ctx->rt, f->b, (uint32_t)(f->ipc - f->b->code), reg, 0, d))
        return true;
    d->len = 0;
    d->cut = false;
    d->s[0] = 0;
    if (put_value(d, ctx->rt, v))
        return true;
    if (f)
        put(d, "(intermediate value)");
    return f != NULL;
}

JSValue js_throw_not_callable(JSContext *ctx, JSValue func, bool construct)
{
    static const int call_ops[] = { OP_call, OP_call_spread, OP_eval, OP_eval_spread };
    static const int new_ops[] = { OP_new, OP_new_spread };
    uint32_t reg = 0;
    JSFrame *f = construct ? site(ctx, func, 1, new_ops, 2, &reg) : site(ctx, func, 1, call_ops, 4, &reg);
    Desc d = { .len = 0 };
    const char *what = construct ? "a constructor" : "a function";
    if (describe_site(ctx, f, reg, func, &d))
        return js_throw_type_error(ctx, "%s is not %s", d.s, what);
    return js_throw_type_error(ctx, "%s is not %s", js_is_callable(func) ? "function" : "object", what);
}

JSValue js_throw_not_iterable(JSContext *ctx, JSValue obj)
{
    static const int ops[] = { OP_get_iterator, OP_get_async_iterator, OP_array_spread };
    uint32_t reg = 0;
    JSFrame *f = site(ctx, obj, 1, ops, 3, &reg);
    Desc d = { .len = 0 };
    if (!describe_site(ctx, f, reg, obj, &d))
        put(&d, "object");
    bool async = f && *f->ipc == OP_get_async_iterator;
    return js_throw_type_error(ctx, "%s is not %siterable", d.s, async ? "async " : "");
}

JSValue js_throw_class_ctor_call(JSContext *ctx, JSFunctionBytecode *b)
{
    char buf[DESC_MAX];
    const char *n = b->name ? js_atom_get_cstr(ctx->rt, buf, sizeof buf, b->name) : "";
    if (!*n)
        return js_throw_type_error(ctx, "Class constructors cannot be invoked without 'new'");
    return js_throw_type_error(ctx, "Class constructor %s cannot be invoked without 'new'", n);
}

JSValue js_throw_bad_heritage(JSContext *ctx, JSValue v)
{
    Desc d = { .len = 0 };
    if (put_value(&d, ctx->rt, v))
        return js_throw_type_error(ctx, "Class extends value %s is not a constructor or null", d.s);
    return js_throw_type_error(ctx, "Class extends value is not a constructor or null");
}

JSValue js_throw_nullish_access(JSContext *ctx, JSValue base, JSAtom atom, JSValue key, bool is_set)
{
    Desc d = { .len = 0 };
    if (atom)
        put_atom(&d, ctx->rt, atom);
    else if (js_is_string(key))
        put_string(&d, key);
    else if (js_is_number(key) || js_is_symbol(key))
        put_value(&d, ctx->rt, key);
    const char *on = js_is_null(base) ? "null" : "undefined";
    if (!d.len)     /* an object key: ToPropertyKey is not reached */
        return js_throw_type_error(ctx, "Cannot %s properties of %s", is_set ? "set" : "read", on);
    return js_throw_type_error(ctx, "Cannot %s properties of %s (%s '%s')", is_set ? "set" : "read", on,
                               is_set ? "setting" : "reading", d.s);
}

JSValue js_throw_destructure_nullish(JSContext *ctx, JSFrame *f, uint32_t reg)
{
    const JSFunctionBytecode *b = f->b;
    uint32_t pc = (uint32_t)(f->ipc - b->code);
    JSValue v = f->regs[reg];
    uint32_t next = pc + js_opcode_size[b->code[pc]];
    /* `o[k] op= v` checks its base the same way, then converts the key */
    if (next < b->code_len && b->code[next] == OP_to_propkey)
        return js_throw_nullish_access(ctx, v, JS_ATOM_NULL, f->regs[operand(b, next, 1)], false);
    Desc d = { .len = 0 };
    if (!describe(ctx->rt, b, pc, reg, 0, &d)) {
        d.len = 0;
        d.cut = false;
        put_value(&d, ctx->rt, v);
    }
    /* the first property the pattern reads, when it reads one by name */
    const char *on = js_is_null(v) ? "null" : "undefined";
    if (next < b->code_len && (b->code[next] == OP_get_field || b->code[next] == OP_get_field_opt) &&
        operand(b, next, 1) == reg) {
        Desc p = { .len = 0 };
        put_atom(&p, ctx->rt, operand(b, next, 2));
        return js_throw_type_error(ctx, "Cannot destructure property '%s' of '%s' as it is %s.", p.s, d.s, on);
    }
    return js_throw_type_error(ctx, "Cannot destructure '%s' as it is %s.", d.s, on);
}

JSValue js_throw_in_non_object(JSContext *ctx, JSValue key, JSValue obj)
{
    Desc k = { .len = 0 }, o = { .len = 0 };
    if (js_is_string(key))
        put_string(&k, key);
    else if (!put_value(&k, ctx->rt, key))
        put(&k, "[object]");
    if (js_is_string(obj))
        put_string(&o, obj);
    else
        put_value(&o, ctx->rt, obj);
    return js_throw_type_error(ctx, "Cannot use 'in' operator to search for '%s' in %s", k.s, o.s);
}
