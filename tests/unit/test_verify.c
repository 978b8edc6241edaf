/* Unit tests of the bytecode verifier (bytecode_verify.c) against forged
 * files: each case compiles a valid program, checks that its bytecode is
 * read back and runs with the expected result, then breaks exactly one
 * invariant in the compiled function before writing it (the writer
 * computes a valid checksum, as a forger would) and checks that the read
 * is refused with the expected message (and that a QJS_READ_TRUSTED read,
 * which skips the verifier, takes it). One case per invariant class:
 * internal values (boxes, for-in iterators, a callee's leftover
 * registers) used as ordinary values, the argument area, closure
 * captures, implicit register ranges, module records, constant kinds,
 * inline cache indexes, exception handlers. The structural checks (registers, jumps, opcodes,
 * nparams, shared caches) are in test_serialize.c.
 * Prints "N passed, N failed"; non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qjs.h"
#include "context.h"
#include "bytecode.h"
#include "serialize.h"
#include "module_info.h"
#include "unit_check.h"

static QJSRuntime *rt;

/* The nth function template (0-based) in b's constant pool. */
static JSFunctionBytecode *nth_fn(JSFunctionBytecode *b, int n)
{
    for (uint32_t k = 0; k < b->cpool_len; k++) {
        JSValue c = b->cpool[k];
        if (js_tag(c) == JS_TAG_CELL && ((GCHeader *)js_get_ptr(c))->type == JS_CELL_FUNCTION_BYTECODE &&
            n-- == 0)
            return js_get_ptr(c);
    }
    return NULL;
}

/* The pc of the nth instruction (0-based) with opcode op, or -1. */
static int64_t find_op(const JSFunctionBytecode *b, int op, int n)
{
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]])
        if (b->code[pc] == op && n-- == 0)
            return pc;
    return -1;
}

static uint16_t get_reg(const JSFunctionBytecode *b, int64_t pc, int idx)
{
    uint16_t r;
    memcpy(&r, b->code + pc + 1 + 2 * idx, 2);
    return r;
}

static void set_reg(JSFunctionBytecode *b, int64_t pc, int idx, uint16_t r)
{
    memcpy(b->code + pc + 1 + 2 * idx, &r, 2);
}

/* Compiles src, round-trips it untouched (it must run and give want_ok
 * as a string), then compiles it again, applies edit and checks that the
 * read fails with a SyntaxError containing want_err. */
static void forge_case(const char *src, bool module, const char *want_ok, bool (*edit)(JSFunctionBytecode *b),
                       const char *want_err)
{
    int flags = module ? QJS_EVAL_MODULE : 0;
    for (int forged = 0; forged < 2; forged++) {
        QJSContext *c = qjs_context_new(rt);
        QJSValue u = qjs_compile(c, src, strlen(src), "v.js", flags);
        CHECK(!qjs_is_exception(u));
        if (qjs_is_exception(u))
            return;
        QJSRef *ref = qjs_ref_new(c, u);
        if (forged) {
            bool done = edit(js_get_ptr(u));
            CHECK_MSG(done, "%s: the edit found nothing to change", want_err);
        }
        size_t len = 0;
        uint8_t *buf = qjs_write_bytecode(c, 1, &u, NULL, 0, &len);
        qjs_ref_free(ref);
        CHECK(buf != NULL);
        if (!buf)
            return;
        if (forged) {
            /* QJS_READ_TRUSTED (bytes compiled into the program) skips the
             * verifier: the forged file is read, never run */
            QJSValue t = qjs_read_bytecode_flags(c, buf, len, QJS_READ_TRUSTED);
            CHECK_MSG(!qjs_is_exception(t), "a trusted read refused the file forged for %s", want_err);
            if (qjs_is_exception(t))
                qjs_take_exception(c);
        }
        QJSValue v = qjs_read_bytecode(c, buf, len);
        free(buf);
        if (!forged) {
            CHECK_MSG(!qjs_is_exception(v), "the valid file of '%s' was refused", src);
            if (qjs_is_exception(v)) {
                qjs_take_exception(c);
                continue;
            }
            if (module)
                continue;
            QJSValue r = qjs_eval_compiled(c, v);
            char *s = qjs_is_exception(r) ? NULL : qjs_to_cstring(c, r, NULL);
            CHECK_MSG(s && strcmp(s, want_ok) == 0, "'%s' gave %s, wanted %s", src, s ? s : "an exception",
                      want_ok);
            if (!s)
                qjs_take_exception(c);
            qjs_free_cstring(s);
            continue;
        }
        CHECK_MSG(qjs_is_exception(v), "the forged file was accepted (wanted %s)", want_err);
        if (!qjs_is_exception(v))
            continue;
        QJSValue e = qjs_take_exception(c);
        char *t = qjs_format_exception(c, e);
        CHECK_MSG(t && strstr(t, "SyntaxError") && strstr(t, want_err), "got %s, wanted %s", t ? t : "?", want_err);
        free(t);
    }
}

/* Compiles src, applies edit, and checks that the forged file is
 * accepted and runs to want (what the verifier allows must still be
 * safe to run). */
static void forge_run_case(const char *src, bool (*edit)(JSFunctionBytecode *b), const char *want)
{
    QJSContext *c = qjs_context_new(rt);
    QJSValue u = qjs_compile(c, src, strlen(src), "v.js", 0);
    CHECK(!qjs_is_exception(u));
    if (qjs_is_exception(u))
        return;
    QJSRef *ref = qjs_ref_new(c, u);
    CHECK(edit(js_get_ptr(u)));
    size_t len = 0;
    uint8_t *buf = qjs_write_bytecode(c, 1, &u, NULL, 0, &len);
    qjs_ref_free(ref);
    QJSValue v = buf ? qjs_read_bytecode(c, buf, len) : qjs_throw_error(c, "Error", "write failed");
    free(buf);
    CHECK_MSG(!qjs_is_exception(v), "the forged file of '%s' was refused", src);
    if (qjs_is_exception(v)) {
        qjs_take_exception(c);
        return;
    }
    QJSValue r = qjs_eval_compiled(c, v);
    char *s = qjs_is_exception(r) ? NULL : qjs_to_cstring(c, r, NULL);
    CHECK_MSG(s && strcmp(s, want) == 0, "forged '%s' gave %s, wanted %s", src, s ? s : "an exception", want);
    if (!s)
        qjs_take_exception(c);
    qjs_free_cstring(s);
}

/* ---- markers that are ordinary values ---- */

static const char *src_throw = "var r; try { throw 1; } catch (e) { r = typeof e; } r";

/* the thrown value becomes the TDZ marker (which also means "no
   exception pending"): it is thrown as undefined */
static bool edit_throw_uninit(JSFunctionBytecode *b)
{
    int64_t pc = find_op(b, OP_load_int, 0);
    if (pc < 0)
        return false;
    int n = js_opcode_size[OP_load_int];
    b->code[pc] = OP_load_uninit;
    memset(b->code + pc + js_opcode_size[OP_load_uninit], OP_nop, (size_t)(n - js_opcode_size[OP_load_uninit]));
    return true;
}

/* ---- internal values used as ordinary values ---- */

static const char *src_box = "function f() { let x = 1; const g = () => x; return x + 1; } String(f())";

/* box_get r, box becomes mov r, box: the box itself reaches add */
static bool edit_box_as_value(JSFunctionBytecode *top)
{
    JSFunctionBytecode *b = nth_fn(top, 0);
    int64_t pc = b ? find_op(b, OP_box_get, 0) : -1;
    if (pc < 0)
        pc = b ? find_op(b, OP_box_get_check, 0) : -1;
    if (pc < 0 || js_opcode_size[OP_mov] != 5)
        return false;
    /* box_get_check has an atom more: keep the size with a nop after */
    int n = js_opcode_size[b->code[pc]];
    b->code[pc] = OP_mov;
    memset(b->code + pc + 5, OP_nop, (size_t)n - 5);
    return true;
}

static const char *src_forin = "function k(o) { var s = ''; for (var p in o) s += p; return s; } k({a: 1, b: 2})";

/* the key register of for_in_next's loop body reads the iterator */
static bool edit_forin_as_value(JSFunctionBytecode *top)
{
    JSFunctionBytecode *b = nth_fn(top, 0);
    int64_t fn = b ? find_op(b, OP_for_in_next, 0) : -1;
    int64_t add = b ? find_op(b, OP_add, 0) : -1;
    if (fn < 0 || add < 0)
        return false;
    set_reg(b, add, 2, get_reg(b, fn, 1));
    return true;
}

static const char *src_call = "function g(x) { return x; } function h() { var r = g(1); return r; } String(h())";

/* after a call, its argument registers hold the callee's leftovers */
static bool edit_call_leftover(JSFunctionBytecode *top)
{
    JSFunctionBytecode *b = nth_fn(top, 1);
    int64_t call = b ? find_op(b, OP_call, 0) : -1;
    int64_t ret = b ? find_op(b, OP_return, 0) : -1;
    if (call < 0 || ret < 0)
        return false;
    set_reg(b, ret, 0, (uint16_t)(get_reg(b, call, 1) + 2));
    return true;
}

/* ---- the argument area ---- */

static const char *src_args = "function f(a) { return arguments.length + a; } String(f(2, 3))";

/* arguments made by a function that does not keep its arguments: it
   would read whatever its registers hold */
static bool edit_no_keep_args(JSFunctionBytecode *top)
{
    JSFunctionBytecode *b = nth_fn(top, 0);
    if (!b || !(b->flags & JS_BC_KEEP_ARGS))
        return false;
    b->flags &= ~(uint32_t)JS_BC_KEEP_ARGS;
    return true;
}

/* box_put box, a becomes mov a, box: the parameter register, read as an
   argument when there are no more arguments than parameters, holds a box */
static bool edit_param_box(JSFunctionBytecode *top)
{
    JSFunctionBytecode *b = nth_fn(top, 0);
    int64_t pc = b ? find_op(b, OP_box_put, 0) : -1;
    if (pc < 0)
        return false;
    uint16_t box = get_reg(b, pc, 0), a = get_reg(b, pc, 1);
    b->code[pc] = OP_mov;
    set_reg(b, pc, 0, a);
    set_reg(b, pc, 1, box);
    return true;
}

/* ---- implicit register ranges ---- */

static const char *src_iter = "var s = 0; for (var x of [1, 2, 3]) { s += x; if (x == 2) break; } String(s)";

/* iter_close also writes r+1 (its done marker): on the last register it
   would write past the frame */
static bool edit_iter_close_range(JSFunctionBytecode *b)
{
    int64_t pc = find_op(b, OP_iter_close, 0);
    if (pc < 0)
        return false;
    set_reg(b, pc, 0, (uint16_t)(b->nregs - 1));
    return true;
}

/* ---- closures' captures ---- */

/* the inner closure captures a register past the parent's frame */
static bool edit_capture_range(JSFunctionBytecode *top)
{
    JSFunctionBytecode *f = nth_fn(top, 0);
    JSFunctionBytecode *g = f ? nth_fn(f, 0) : NULL;
    if (!g || !g->capture_count || g->captures[0].from_capture)
        return false;
    g->captures[0].index = f->nregs;
    return true;
}

/* ---- constants, inline caches, handlers ---- */

static const char *src_regexp = "String(/a+/g.test('caab'))";

/* regexp's pattern constant becomes a number */
static bool edit_regexp_const(JSFunctionBytecode *b)
{
    int64_t pc = find_op(b, OP_regexp, 0);
    if (pc < 0)
        return false;
    for (uint32_t k = 0; k < b->cpool_len; k++) {
        if (!js_is_string(b->cpool[k]))
            continue;
        uint32_t k0;
        memcpy(&k0, b->code + pc + 3, 4);
        if (k0 == k) {
            b->cpool[k] = js_int(7);
            return true;
        }
    }
    return false;
}

static const char *src_ic = "var o = {a: 5}; String(o.a)";

static bool edit_ic_range(JSFunctionBytecode *b)
{
    int64_t pc = find_op(b, OP_get_field, 0);
    if (pc < 0)
        return false;
    uint32_t c = b->ic_count;
    memcpy(b->code + pc + js_opcode_size[OP_get_field] - 4, &c, 4);
    return true;
}

static const char *src_try = "var t = 'a'; try { t += 'b'; null.x; } catch (e) { t += 'c'; } t";

/* the handler's range ends in the middle of an instruction */
static bool edit_handler_range(JSFunctionBytecode *b)
{
    if (!b->handler_count)
        return false;
    b->handlers[0].end = b->handlers[0].start + 1;
    return true;
}

/* ---- module records ---- */

static const char *src_module = "import { x } from './dep.js'; export const y = x + 1; export { x as z };";

static bool edit_import_slot(JSFunctionBytecode *b)
{
    if (!b->module || !b->module->import_count)
        return false;
    b->module->imports[0].slot = b->capture_count;
    return true;
}

static bool edit_export_request(JSFunctionBytecode *b)
{
    JSModuleInfo *m = b->module;
    if (!m)
        return false;
    for (uint32_t i = 0; i < m->export_count; i++) {
        if (m->exports[i].kind == JS_EXPORT_LOCAL) {
            m->exports[i].kind = JS_EXPORT_INDIRECT;
            m->exports[i].request = m->request_count;
            return true;
        }
    }
    return false;
}

int main(void)
{
    rt = qjs_runtime_new();
    forge_run_case(src_throw, edit_throw_uninit, "undefined");
    forge_case(src_box, false, "2", edit_box_as_value, "is not an ordinary value for add");
    forge_case(src_forin, false, "ab", edit_forin_as_value, "is not an ordinary value for add");
    forge_case(src_call, false, "1", edit_call_leftover, "is not an ordinary value for return");
    forge_case(src_args, false, "4", edit_no_keep_args, "does not keep its arguments");
    forge_case(src_args, false, "4", edit_param_box, "register r0 is not an ordinary value for mapped_arguments");
    forge_case(src_iter, false, "3", edit_iter_close_range, "bad register");
    forge_case(src_box, false, "2", edit_capture_range, "bad captured variable");
    forge_case(src_regexp, false, "true", edit_regexp_const, "has the wrong kind for regexp");
    forge_case(src_ic, false, "5", edit_ic_range, "bad inline cache index");
    forge_case(src_try, false, "abc", edit_handler_range, "bad exception handler");
    forge_case(src_module, true, NULL, edit_import_slot, "bad import entry");
    forge_case(src_module, true, NULL, edit_export_request, "bad export entry");
    qjs_runtime_free(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
