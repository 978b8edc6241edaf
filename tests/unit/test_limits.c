/* Unit tests of the limits a host relies on: the native stack guard of
 * the bytecode reader and verifier and of the compiler under a small
 * stack, the memory limit and the stack limit (catchable errors, the
 * runtime usable afterwards) and the interrupt handler.
 * Prints "N passed, N failed"; non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qjs.h"

#include "unit_check.h"

/* The exception's "Name: message" first line, malloc'ed; clears it. */
static char *take_error(QJSContext *ctx)
{
    QJSValue e = qjs_take_exception(ctx);
    char *s = qjs_format_exception(ctx, e);
    if (s && strchr(s, '\n'))
        *strchr(s, '\n') = 0;
    return s ? s : strdup("?");
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Evaluates src; returns its result as a malloc'ed string, or "EXC: "
 * and the error's first line. */
static char *run(QJSContext *ctx, const char *src)
{
    QJSValue v = qjs_eval(ctx, src, strlen(src), "<test>", 0);
    if (qjs_is_exception(v)) {
        char *e = take_error(ctx);
        char *r = malloc(strlen(e) + 6);
        sprintf(r, "EXC: %s", e);
        free(e);
        return r;
    }
    char *s = qjs_to_display_cstring(ctx, v, NULL);
    char *r = strdup(s ? s : "?");
    qjs_free_cstring(s);
    return r;
}

static void check_run(QJSContext *ctx, const char *src, const char *expect)
{
    char *r = run(ctx, src);
    bool ok = starts_with(r, expect);
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "  %s\n  gave %s, expected %s\n", src, r, expect);
    free(r);
}

/* A script of depth nested functions, each returning the next one's
 * result: "function f(){return function f(){return ... 1}()}()". */
static char *nested_functions(int depth)
{
    const char *open = "(function(){return ", *close = "})()";
    size_t n = depth * (strlen(open) + strlen(close)) + 2;
    char *s = malloc(n), *p = s;
    for (int i = 0; i < depth; i++)
        p += sprintf(p, "%s", open);
    *p++ = '1';
    for (int i = 0; i < depth; i++)
        p += sprintf(p, "%s", close);
    *p = 0;
    return s;
}

/* Bytecode of deeply nested functions: read back with a large stack it
 * runs; with a tiny one the reader (or verifier) refuses it cleanly. */
static void test_bytecode_reader_stack(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    char *src = nested_functions(150);
    QJSValue unit = qjs_compile(ctx, src, strlen(src), "nested.js", 0);
    CHECK(!qjs_is_exception(unit));
    QJSRef *ref = qjs_ref_new(ctx, unit);
    size_t len = 0;
    QJSValue u = qjs_ref_get(ref);
    uint8_t *buf = qjs_write_bytecode(ctx, 1, &u, NULL, 0, &len);
    CHECK(buf != NULL);
    QJSValue r = qjs_read_bytecode(ctx, buf, len);
    CHECK(!qjs_is_exception(r));
    if (!qjs_is_exception(r)) {
        QJSValue v = qjs_eval_compiled(ctx, r);
        CHECK(!qjs_is_exception(v) && qjs_get_number(v) == 1);
    }
    qjs_runtime_set_stack_size(rt, 16 << 10);
    r = qjs_read_bytecode(ctx, buf, len);
    CHECK(qjs_is_exception(r));
    if (qjs_is_exception(r)) {
        char *e = take_error(ctx);
        CHECK(starts_with(e, "SyntaxError"));
        free(e);
    }
    /* the compiler and parser under the same small stack */
    QJSValue c = qjs_compile(ctx, src, strlen(src), "nested.js", 0);
    CHECK(qjs_is_exception(c));
    if (qjs_is_exception(c)) {
        char *e = take_error(ctx);
        CHECK(starts_with(e, "SyntaxError"));
        free(e);
    }
    qjs_runtime_set_stack_size(rt, 1 << 20);
    check_run(ctx, "1 + 2", "3");
    free(buf);
    free(src);
    qjs_ref_free(ref);
    qjs_runtime_free(rt);
}

/* ---- interrupt handler ---- */

typedef struct Budget {
    int polls;          /* calls so far */
    int stop_after;     /* non-zero once polls reaches it */
} Budget;

static int budget_handler(QJSRuntime *rt, void *opaque)
{
    Budget *b = opaque;
    return ++b->polls >= b->stop_after;
}

/* src stops with the uncatchable "interrupted" error: no catch or
 * finally of the script runs, and the runtime works afterwards. */
static void check_interrupted(const char *src, int stop_after)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    Budget b = { 0, stop_after };
    check_run(ctx, "var ran = []; 0", "0");
    qjs_set_interrupt_handler(rt, budget_handler, &b);
    char *r = run(ctx, src);
    bool ok = starts_with(r, "EXC: InternalError: interrupted");
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "  %s\n  gave %s\n", src, r);
    free(r);
    CHECK(b.polls >= stop_after);
    qjs_set_interrupt_handler(rt, NULL, NULL);
    check_run(ctx, "ran.join()", "");
    check_run(ctx, "try { throw 1 } catch (e) { ran.push('catch') } finally { ran.push('finally') } ran.join()",
              "catch,finally");
    qjs_runtime_free(rt);
}

static void test_interrupt(void)
{
    /* backward jumps */
    check_interrupted("try { for (;;) {} } catch (e) { ran.push('catch') } finally { ran.push('finally') }", 3);
    check_interrupted("try { let i = 0; do { i++ } while (true) } finally { ran.push('finally') }", 2);
    /* calls (recursion without a loop) */
    check_interrupted("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }"
                      "try { fib(40) } catch (e) { ran.push('catch') }", 3);
    /* long built-ins, polled on their own: the first poll stops them */
    check_interrupted("try { JSON.parse('[' + '1,'.repeat(100000) + '1]') } catch (e) { ran.push('catch') }", 1);
    check_interrupted("try { JSON.stringify(new Array(100000).fill({a: 1})) } catch (e) { ran.push('catch') }", 1);
    check_interrupted("try { new Array(100000).fill('b').sort() } catch (e) { ran.push('catch') }", 1);
    check_interrupted("try { Array.prototype.join.call({length: 2 ** 32 - 1}) } catch (e) { ran.push('catch') }", 1);
    check_interrupted("try { /(a|b)*c/.exec('ab'.repeat(100000)) } catch (e) { ran.push('catch') }", 1);
    /* inside a promise job: the job's error reaches the host */
    {
        QJSRuntime *rt = qjs_runtime_new();
        QJSContext *ctx = qjs_context_new(rt);
        Budget b = { 0, 2 };
        qjs_set_interrupt_handler(rt, budget_handler, &b);
        check_run(ctx, "var settled = 'no'; Promise.resolve().then(() => { for (;;) {} })"
                       ".catch(() => { settled = 'caught' }); 0", "0");
        QJSContext *jc = NULL;
        int st = qjs_run_pending_job(rt, &jc);
        CHECK(st < 0);
        if (st < 0) {
            char *e = take_error(jc ? jc : ctx);
            CHECK(starts_with(e, "InternalError: interrupted"));
            free(e);
        }
        qjs_set_interrupt_handler(rt, NULL, NULL);
        while (qjs_run_pending_job(rt, &jc) > 0)
            ;
        check_run(ctx, "settled", "no");
        qjs_runtime_free(rt);
    }
}

/* ---- memory and stack limits ---- */

/* Under GC stress (a collection at every allocation) the sizes below are
 * scaled down: filling 16 MiB or nesting 100,000 arrays would take hours. */
static bool gc_stress(void)
{
    const char *s = getenv("QJS_GC_STRESS");
    return s && *s && strcmp(s, "0") != 0;
}

static void test_memory_limit(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    qjs_runtime_set_memory_limit(rt, gc_stress() ? 2 << 20 : 16 << 20);
    check_run(ctx, "var keep = []; try { for (;;) keep.push(new Array(1000).fill(1.5)) } "
                   "catch (e) { keep = null; e.name }", "InternalError");
    check_run(ctx, "var s = 'x'; try { for (;;) s += s + s.length } catch (e) { s = null; 'caught' }", "caught");
    check_run(ctx, "try { new ArrayBuffer(64 << 20) } catch (e) { e.name }", "RangeError");
    if (gc_stress()) {
        /* the rest fills the heap again: too slow collecting every time */
        qjs_runtime_free(rt);
        return;
    }
    qjs_runtime_gc(rt);
    /* usable afterwards, within the limit */
    check_run(ctx, "let t = []; for (let i = 0; i < 1000; i++) t.push({i}); t.length", "1000");
    /* an uncaught one reaches the host as a normal exception */
    check_run(ctx, "var k2 = []; for (;;) k2.push(new Array(1000).fill(2.5))", "EXC: InternalError: out of memory");
    check_run(ctx, "k2 = null; 'again'", "again");
    qjs_runtime_free(rt);
}

static void test_stack_limit(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    qjs_runtime_set_stack_size(rt, 256 << 10);
    check_run(ctx, "function f() { return f() + 1 } try { f() } catch (e) { e.name }", "RangeError");
    check_run(ctx, "var o = { toString() { return String(this) } }; try { String(o) } catch (e) { e.name }",
              "RangeError");
    check_run(ctx, gc_stress() ? "var a = []; for (let i = 0; i < 20000; i++) a = [a]; try { JSON.stringify(a) } catch (e) { e.name }"
                               : "var a = []; for (let i = 0; i < 100000; i++) a = [a]; try { JSON.stringify(a) } catch (e) { e.name }",
              "RangeError");
    check_run(ctx, "try { eval('1' + '+1'.repeat(100000)) } catch (e) { e.name }", "SyntaxError");
    check_run(ctx, "a = null; [1, 2, 3].map(x => x * 2).join()", "2,4,6");
    qjs_runtime_free(rt);
}

int main(void)
{
    test_bytecode_reader_stack();
    test_interrupt();
    test_memory_limit();
    test_stack_limit();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
