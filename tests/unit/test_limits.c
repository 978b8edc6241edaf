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

int main(void)
{
    test_bytecode_reader_stack();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
