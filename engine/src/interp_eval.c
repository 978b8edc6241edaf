/* Running source text: ScriptEvaluation (js_eval_script), direct and
 * indirect eval, CreateDynamicFunction (the Function constructor family),
 * plus the interpreter's introspection: stack traces for errors,
 * Function.prototype.toString source text and js_disassemble. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interp_int.h"
#include "builtins/builtins.h"
#include "compiler/parser.h"
#include "module.h"

/* Turns a parse error into a SyntaxError whose message carries
 * file:line:column. */
static JSValue throw_parse_error(JSContext *ctx, const ParseError *err)
{
    return js_throw_syntax_error(ctx, "%s (%s:%u:%u)", err->message,
                                 err->file ? err->file : "<input>", err->line, err->column);
}

static JSValue eval_fn(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_eval_indirect(ctx, argc ? argv[0] : JS_UNDEFINED);
}

/* Defines the global `eval` (%eval%) if the realm does not have it yet. */
static int ensure_eval(JSContext *ctx)
{
    if (js_is_object(ctx->intrinsics[JS_INTRINSIC_Eval]))
        return 0;
    JSValue f = js_new_cfunction(ctx, eval_fn, "eval", 1, JS_CFUNC_PLAIN, 0);
    if (f == JS_EXCEPTION)
        return -1;
    ctx->intrinsics[JS_INTRINSIC_Eval] = f;
    return js_define_property_value(ctx, js_obj_value(ctx->global_obj), JS_ATOM_eval, f, JS_PROP_C_W) < 0 ? -1 : 0;
}

/* Parses and compiles; returns a closure of the top-level code (captures
 * from frame f for a direct eval). */
static JSValue compile_to_closure(JSContext *ctx, const char *src, size_t len, const ParseOptions *po,
                                  const JSScopeDesc *caller, JSFrame *f, bool dump)
{
    ParseError err;
    memset(&err, 0, sizeof err);
    JSCompileOptions co;
    memset(&co, 0, sizeof co);
    co.filename = po->filename;
    co.dump = dump;
    co.direct_eval = caller != NULL;
    co.caller = caller;
    JSFunctionBytecode *b = js_compile_source(ctx, src, len, po, &err, &co);
    if (!b && err.message[0])
        return throw_parse_error(ctx, &err);
    if (!b)
        return JS_EXCEPTION;
    JSRoot rb;
    js_root_push(ctx, &rb, js_mkptr(JS_TAG_CELL, b));
    JSValue fn = js_make_closure(ctx, b, f ? f->func : NULL, f ? f->regs : NULL);
    js_root_pop(ctx, &rb);
    return fn;
}

JSValue js_eval_script(JSContext *ctx, const char *src, size_t len, const char *filename, int flags)
{
    if (ensure_eval(ctx) < 0)
        return JS_EXCEPTION;
    ParseOptions po;
    memset(&po, 0, sizeof po);
    po.regexp_check = js_regexp_literal_check;
    po.stack_limit = ctx->rt->native_stack_limit;
    po.filename = filename ? filename : "<input>";
    po.kind = PARSE_SCRIPT;
    po.strict = (flags & JS_EVAL_STRICT) != 0;
    if (flags & JS_EVAL_MODULE) {
        /* compile, register under filename, link, evaluate: the promise */
        JSValue mv = js_module_compile_ex(ctx, src, len, po.filename, (flags & JS_EVAL_DUMP_BYTECODE) != 0);
        if (mv == JS_EXCEPTION || (flags & JS_EVAL_COMPILE_ONLY))
            return mv == JS_EXCEPTION ? mv : JS_UNDEFINED;
        JSRoot rm;
        js_root_push(ctx, &rm, mv);
        JSValue r = js_module_run(ctx, rm.v);
        js_root_pop(ctx, &rm);
        return r;
    }
    JSValue fn = compile_to_closure(ctx, src, len, &po, NULL, NULL, (flags & JS_EVAL_DUMP_BYTECODE) != 0);
    if (fn == JS_EXCEPTION)
        return fn;
    if (flags & JS_EVAL_COMPILE_ONLY)
        return JS_UNDEFINED;
    JSRoot rf;
    js_root_push(ctx, &rf, fn);
    JSValue r = js_call_internal(ctx, rf.v, js_obj_value(ctx->global_this), 0, NULL, JS_UNDEFINED, false);
    js_root_pop(ctx, &rf);
    return r;
}

typedef struct DumpBuf {
    char *buf;
    size_t len;
    bool oom;
} DumpBuf;

static void dump_append(void *opaque, const char *text)
{
    DumpBuf *d = opaque;
    size_t n = strlen(text);
    char *nb = realloc(d->buf, d->len + n + 1);
    if (!nb) {
        d->oom = true;
        return;
    }
    memcpy(nb + d->len, text, n + 1);
    d->buf = nb;
    d->len += n;
}

int js_dump_script(JSContext *ctx, const char *src, size_t len, const char *filename, int flags, char **out)
{
    JSInterp *in = ctx->rt->interp;
    JSDumpFunc *saved = in->dump;
    void *saved_opaque = in->dump_opaque;
    DumpBuf d = { NULL, 0, false };
    in->dump = dump_append;
    in->dump_opaque = &d;
    JSValue r = js_eval_script(ctx, src, len, filename, flags | JS_EVAL_COMPILE_ONLY | JS_EVAL_DUMP_BYTECODE);
    in->dump = saved;
    in->dump_opaque = saved_opaque;
    if (r == JS_EXCEPTION || d.oom) {
        free(d.buf);
        *out = NULL;
        if (r != JS_EXCEPTION)
            js_throw_out_of_memory(ctx);
        return -1;
    }
    *out = d.buf ? d.buf : calloc(1, 1);
    return 0;
}

JSValue js_eval_indirect(JSContext *ctx, JSValue x)
{
    if (!js_is_string(x))
        return x;
    size_t len;
    char *src = js_string_to_utf8(ctx, x, &len);
    if (!src)
        return JS_EXCEPTION;
    ParseOptions po;
    memset(&po, 0, sizeof po);
    po.regexp_check = js_regexp_literal_check;
    po.stack_limit = ctx->rt->native_stack_limit;
    po.filename = "<eval>";
    po.kind = PARSE_EVAL;
    JSValue fn = compile_to_closure(ctx, src, len, &po, NULL, NULL, false);
    free(src);
    if (fn == JS_EXCEPTION)
        return fn;
    JSRoot rf;
    js_root_push(ctx, &rf, fn);
    JSValue r = js_call_internal(ctx, rf.v, js_obj_value(ctx->global_this), 0, NULL, JS_UNDEFINED, false);
    js_root_pop(ctx, &rf);
    return r;
}

JSValue js_op_direct_eval(JSContext *ctx, JSFrame *f, JSValue x, const JSScopeDesc *desc)
{
    if (!js_is_string(x))
        return x;
    size_t len;
    char *src = js_string_to_utf8(ctx, x, &len);
    if (!src)
        return JS_EXCEPTION;
    ParseOptions po;
    memset(&po, 0, sizeof po);
    po.regexp_check = js_regexp_literal_check;
    po.stack_limit = ctx->rt->native_stack_limit;
    po.filename = "<eval>";
    po.kind = PARSE_EVAL;
    po.strict = (desc->flags & JS_SD_STRICT) != 0;
    po.eval_flags = PARSE_EVAL_DIRECT;
    if (desc->flags & JS_SD_IN_FUNCTION)
        po.eval_flags |= PARSE_EVAL_IN_FUNCTION;
    if (desc->flags & JS_SD_IN_METHOD)
        po.eval_flags |= PARSE_EVAL_IN_METHOD;
    if (desc->flags & JS_SD_IN_DERIVED_CTOR)
        po.eval_flags |= PARSE_EVAL_IN_DERIVED_CTOR;
    if (desc->flags & JS_SD_IN_FIELD_INIT)
        po.eval_flags |= PARSE_EVAL_IN_FIELD_INIT;
    /* private names visible at the call site */
    const char *pn_store[64];
    char pn_buf[64][64];
    size_t npn = 0;
    for (uint32_t i = 0; i < desc->count && npn < 64; i++) {
        const JSScopeDescEntry *e = &desc->entries[i];
        if (e->kind != JS_SD_BINDING)
            continue;
        const char *nm = js_atom_get_cstr(ctx->rt, pn_buf[npn], sizeof pn_buf[npn], e->name);
        if (nm[0] == '#') {
            pn_store[npn] = nm;
            npn++;
        }
    }
    po.private_names = pn_store;
    po.nprivate_names = npn;
    JSRoot rd;
    js_root_push(ctx, &rd, js_mkptr(JS_TAG_CELL, desc));
    JSValue fn = compile_to_closure(ctx, src, len, &po, desc, f, false);
    free(src);
    JSValue r = JS_EXCEPTION;
    if (fn != JS_EXCEPTION) {
        JSRoot rf;
        js_root_push(ctx, &rf, fn);
        JSValue this_val = f->regs[-1];
        if (this_val == JS_UNINITIALIZED)
            this_val = JS_UNDEFINED;
        r = js_call_internal(ctx, rf.v, this_val, 0, NULL, JS_UNDEFINED, false);
    }
    js_root_pop(ctx, &rd);
    return r;
}

JSValue js_create_dynamic_function(JSContext *ctx, int kind, int argc, JSValue *argv, JSValue new_target)
{
    static const char *const prefixes[] = { "function", "function*", "async function", "async function*" };
    StringBuffer sb;
    js_sb_init(ctx, &sb, 64);
    for (int i = 0; i + 1 < argc; i++) {
        if (i)
            js_sb_putc(&sb, ',');
        if (js_sb_put_value(&sb, argv[i]) < 0) {
            js_sb_free(&sb);
            return JS_EXCEPTION;
        }
    }
    JSValue params = js_sb_finish(&sb);
    if (params == JS_EXCEPTION)
        return params;
    JSRoot rp, rb, rn;
    js_root_push(ctx, &rp, params);
    js_root_push(ctx, &rb, JS_UNDEFINED);
    js_root_push(ctx, &rn, new_target);
    JSValue res = JS_EXCEPTION;
    char *ps = NULL, *bs = NULL, *src = NULL;
    if (argc > 0) {
        rb.v = js_to_string(ctx, argv[argc - 1]);
        if (rb.v == JS_EXCEPTION)
            goto done;
    } else {
        rb.v = js_atom_to_value(ctx, JS_ATOM_empty_string);
    }
    size_t plen, blen;
    ps = js_string_to_utf8(ctx, rp.v, &plen);
    bs = ps ? js_string_to_utf8(ctx, rb.v, &blen) : NULL;
    if (!ps || !bs)
        goto done;
    {
        const char *pre = prefixes[kind & 3];
        size_t prelen = strlen(pre) + strlen(" anonymous(");
        size_t len = prelen + plen + 5 + blen + 2;
        src = malloc(len + 1);
        if (!src) {
            js_throw_out_of_memory(ctx);
            goto done;
        }
        snprintf(src, len + 1, "%s anonymous(", pre);
        memcpy(src + prelen, ps, plen);
        memcpy(src + prelen + plen, "\n) {\n", 5);
        memcpy(src + prelen + plen + 5, bs, blen);
        memcpy(src + prelen + plen + 5 + blen, "\n}", 2);
        src[len] = 0;
        ParseOptions po;
        memset(&po, 0, sizeof po);
        po.regexp_check = js_regexp_literal_check;
        po.stack_limit = ctx->rt->native_stack_limit;
        po.filename = "<function>";
        po.kind = PARSE_FUNCTION_CTOR;
        po.fn_kind = kind;
        po.fn_params_start = prelen;
        po.fn_params_end = prelen + plen;
        /* the body is parsed alone as LF + body + LF (bodyString), so that
           a leading `-->` follows a line terminator */
        po.fn_body_start = prelen + plen + 4;
        po.fn_body_end = prelen + plen + 5 + blen + 1;
        JSValue fn = compile_to_closure(ctx, src, len, &po, NULL, NULL, false);
        if (fn == JS_EXCEPTION)
            goto done;
        JSRoot rf;
        js_root_push(ctx, &rf, fn);
        JSValue f2 = js_call_internal(ctx, rf.v, js_obj_value(ctx->global_this), 0, NULL, JS_UNDEFINED, false);
        if (f2 == JS_EXCEPTION)
            goto done;
        rf.v = f2;
        if (js_is_object(rn.v)) {
            JSValue proto = js_get_prototype_from_ctor(ctx, rn.v, JS_CLASS_FUNCTION);
            if (proto == JS_EXCEPTION)
                goto done;
            if (proto != ctx->class_proto[JS_CLASS_FUNCTION] &&
                js_set_prototype_of(ctx, rf.v, proto, JS_THROW) < 0)
                goto done;
        }
        res = rf.v;
    }
done:
    free(ps);
    free(bs);
    free(src);
    js_root_pop(ctx, &rp);
    return res;
}

/* ------------------------------------------------------------------ */

/* Whether name can stand in a NativeFunction after "function ": an
 * IdentifierName (ASCII), optionally after "get " / "set ", or
 * "[Symbol.x]"; other names (or ropes) are left out. Pure. */
static bool native_name_ok(const JSString *s)
{
    if (!js_string_is_flat(s))
        return false;
    uint32_t i = 0, n = s->len;
    if (n > 4 && (js_flat_char(s, 0) == 'g' || js_flat_char(s, 0) == 's') && js_flat_char(s, 1) == 'e' &&
        js_flat_char(s, 2) == 't' && js_flat_char(s, 3) == ' ')
        i = 4;
    bool bracket = i < n && js_flat_char(s, i) == '[';
    if (bracket) {
        static const char sym[] = "[Symbol.";
        for (uint32_t k = 0; k < 8; k++)
            if (i + k >= n || js_flat_char(s, i + k) != (uint8_t)sym[k])
                return false;
        if (js_flat_char(s, n - 1) != ']')
            return false;
        i += 8;
        n--;
    }
    if (i >= n)
        return i == 0 && !bracket;
    for (uint32_t k = i; k < n; k++) {
        uint16_t c = js_flat_char(s, k);
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
                  (k > i && c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

JSValue js_function_to_string(JSContext *ctx, JSValue func)
{
    if (js_is_bytecode_function(func)) {
        JSFunctionBytecode *b = ((JSFunction *)JS_VALUE_GET_OBJ(func))->b;
        if (b->source && b->src_end > b->src_start && b->src_end <= b->source->len)
            return js_new_string_utf8(ctx, b->source->text + b->src_start, b->src_end - b->src_start);
    }
    JSValue name = JS_UNDEFINED;
    if (js_is_object(func)) {
        JSPropertyDescriptor d;
        if (js_get_own_property(ctx, func, JS_ATOM_name, &d) > 0 && js_is_string(d.value))
            name = d.value;
    }
    StringBuffer sb;
    js_sb_init(ctx, &sb, 32);
    js_sb_put_cstr(&sb, "function ");
    if (js_is_string(name) && native_name_ok(JS_VALUE_GET_STRING(name)))
        js_sb_put_string(&sb, name);
    js_sb_put_cstr(&sb, "() {\n    [native code]\n}");
    return js_sb_finish(&sb);
}

int js_error_capture_stack(JSContext *ctx, JSValue err)
{
    JSRuntime *rt = ctx->rt;
    JSInterp *in = rt->interp;
    if (!js_is_object(err))
        return 0;
    char buf[1024];
    size_t pos = 0;
    buf[0] = 0;
    int count = 0;
    for (int i = in ? in->depth - 1 : -1; i >= 0 && count < 20; i--, count++) {
        JSFrame *f = &in->frames[i];
        JSFunctionBytecode *b = f->b;
        uint32_t line, col;
        js_bytecode_find_line(b, (uint32_t)(f->ipc - b->code), &line, &col);
        char name[64], file[128];
        js_atom_get_cstr(rt, file, sizeof file, b->filename);
        if (b->name)
            js_atom_get_cstr(rt, name, sizeof name, b->name);
        else
            snprintf(name, sizeof name, "%s", (b->flags & (JS_BC_SCRIPT | JS_BC_EVAL)) ? "<anonymous>" : "<anonymous>");
        /* bytecode read without debug info (QJS_WRITE_STRIP_DEBUG): no position */
        int n = b->line == 0 && !b->lines
                    ? (file[0] ? snprintf(buf + pos, sizeof buf - pos, "\n    at %s (%s)", name, file)
                               : snprintf(buf + pos, sizeof buf - pos, "\n    at %s", name))
                    : snprintf(buf + pos, sizeof buf - pos, "\n    at %s (%s:%u:%u)", name, file, line, col);
        if (n < 0 || (size_t)n >= sizeof buf - pos)
            break;
        pos += (size_t)n;
    }
    JSRoot re;
    js_root_push(ctx, &re, err);
    JSValue s = js_new_string_cstr(ctx, buf);
    int r = -1;
    if (s != JS_EXCEPTION && js_object_is_class(re.v, JS_CLASS_ERROR)) {
        /* read by the Error.prototype.stack accessor (builtins/error.c) */
        ((JSErrorObject *)JS_VALUE_GET_OBJ(re.v))->stack = s;
        r = 0;
    } else if (s != JS_EXCEPTION) {
        r = js_define_property_value(ctx, re.v, JS_ATOM_stack, s, JS_PROP_C_W);
    }
    js_root_pop(ctx, &re);
    return r < 0 ? -1 : 0;
}

char *js_disassemble(JSContext *ctx, JSValue func)
{
    if (!js_is_bytecode_function(func))
        return NULL;
    return js_bytecode_disassemble(ctx->rt, ((JSFunction *)JS_VALUE_GET_OBJ(func))->b, true);
}
