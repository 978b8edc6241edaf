/* eval_call.c (docs/embedding.md): evaluate a script, call one of its
 * functions with arguments, keep a value across calls with a QJSRef, and
 * handle errors: a syntax error, a thrown TypeError, and a host function
 * that throws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qjs.h"

/* Prints the pending exception of ctx ("Name: message" and its stack)
 * and clears it. */
static void report(QJSContext *ctx)
{
    QJSValue exc = qjs_take_exception(ctx);
    char *s = qjs_format_exception(ctx, exc);
    printf("error: %s\n", s ? s : "(out of memory)");
    qjs_free_cstring(s);
}

/* Evaluates src as a script and prints its completion value. */
static void eval_print(QJSContext *ctx, const char *src)
{
    QJSValue v = qjs_eval(ctx, src, strlen(src), "input.js", 0);
    if (qjs_is_exception(v)) {
        report(ctx);
        return;
    }
    char *s = qjs_to_cstring(ctx, v, NULL);
    if (!s) {
        report(ctx);
        return;
    }
    printf("%s -> %s\n", src, s);
    qjs_free_cstring(s);
}

/* A host function: checked(x) returns x, or throws a RangeError for a
 * negative number. */
static QJSValue checked(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double d;
    if (qjs_to_number(ctx, &d, argv[0]) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));     /* pass it on */
    if (d < 0)
        return qjs_throw_error(ctx, "RangeError", "negative input");
    return qjs_number(d);
}

int main(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    if (!rt || !ctx)
        return 1;

    /* Evaluate: the script defines a function and an object. */
    const char *src = "function greet(who, n) { return 'hello, ' + who + '!'.repeat(n); }\n"
                      "var counter = { hits: 0 };\n";
    if (qjs_is_exception(qjs_eval(ctx, src, strlen(src), "greet.js", 0))) {
        report(ctx);
        return 1;
    }

    /* Call greet("embedder", 3). fn is held across qjs_new_string, which
     * may collect: it is kept in a QJSRef (the rooting rule). */
    QJSValue fn = qjs_get_prop_str(ctx, qjs_get_global(ctx), "greet");
    if (qjs_is_exception(fn)) {
        report(ctx);
        return 1;
    }
    QJSRef *fn_ref = qjs_ref_new(ctx, fn);
    QJSValue args[2];
    args[0] = qjs_new_string(ctx, "embedder", 8);
    args[1] = qjs_number(3);
    QJSValue res = qjs_is_exception(args[0]) ? args[0]
                                             : qjs_call(ctx, qjs_ref_get(fn_ref), qjs_undefined(), 2, args);
    qjs_ref_free(fn_ref);
    char *s = qjs_is_exception(res) ? NULL : qjs_to_cstring(ctx, res, NULL);
    if (!s) {
        report(ctx);
        return 1;
    }
    printf("greet -> %s\n", s);
    qjs_free_cstring(s);

    /* Keep an object across many calls and a collection. */
    QJSValue counter = qjs_get_prop_str(ctx, qjs_get_global(ctx), "counter");
    if (qjs_is_exception(counter)) {
        report(ctx);
        return 1;
    }
    QJSRef *counter_ref = qjs_ref_new(ctx, counter);
    for (int i = 0; i < 3; i++) {
        QJSValue r = qjs_eval(ctx, "counter.hits++; counter = null;", 31, "bump.js", 0);
        if (qjs_is_exception(r)) {
            report(ctx);
            return 1;
        }
        /* the global no longer holds it after the first run: give it back */
        if (qjs_set_prop_str(ctx, qjs_get_global(ctx), "counter", qjs_ref_get(counter_ref)) < 0) {
            report(ctx);
            return 1;
        }
    }
    qjs_runtime_gc(rt);
    QJSValue hits = qjs_get_prop_str(ctx, qjs_ref_get(counter_ref), "hits");
    qjs_ref_free(counter_ref);
    if (!qjs_is_number(hits))
        return 1;
    printf("counter.hits -> %g\n", qjs_get_number(hits));

    /* Errors: each is reported, and the context stays usable. */
    if (qjs_define_prop_str(ctx, qjs_get_global(ctx), "checked", qjs_new_function(ctx, checked, "checked", 1)) < 0) {
        report(ctx);
        return 1;
    }
    eval_print(ctx, "let x = ;");
    eval_print(ctx, "null.size");
    eval_print(ctx, "checked(-1)");
    eval_print(ctx, "try { checked(-1) } catch (e) { e instanceof RangeError }");
    eval_print(ctx, "checked(7) * 6");

    qjs_runtime_free(rt);
    return 0;
}
