/* host.c: a C program that embeds a script compiled by qjsc --no-main
 * (the array embed_script of embed_script.h, made by qjsc_embed() in
 * CMake). It defines a C function and a C-backed class for JS, loads and
 * runs the script, calls its functions with arguments, reads their
 * results, catches a JS exception, and drives the event loop until a
 * promise settles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qjs.h"
#include "qjs_runtime.h"
#include "embed_script.h"

/* The exception value to return from a native function when a call into
 * the engine failed and left its exception pending. */
static QJSValue pending(QJSContext *ctx)
{
    return qjs_throw(ctx, qjs_take_exception(ctx));
}

/* ---- a C function: nativeSum(...numbers) ---- */

static QJSValue native_sum(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double total = 0;
    for (int i = 0; i < argc; i++) {
        double d;
        if (qjs_to_number(ctx, &d, argv[i]) < 0)
            return pending(ctx);
        total += d;
    }
    return qjs_number(total);
}

/* ---- a C-backed class: Vec2(x, y) makes a host object whose C struct
 * the finalizer frees; its methods are native functions on Vec2.prototype ---- */

typedef struct Vec2 {
    double x, y;
} Vec2;

static void vec2_finalize(QJSRuntime *rt, void *data)
{
    free(data);
}

static const QJSHostClass vec2_class = { "Vec2", vec2_finalize };
static QJSRef *vec2_proto;      /* Vec2.prototype, kept alive by the host */

static QJSValue vec2_new(QJSContext *ctx, double x, double y)
{
    Vec2 *v = malloc(sizeof *v);
    if (!v)
        return qjs_throw_error(ctx, "RangeError", "out of memory");
    v->x = x;
    v->y = y;
    QJSValue obj = qjs_new_host_object(ctx, &vec2_class, qjs_ref_get(vec2_proto), v);
    if (qjs_is_exception(obj))
        free(v);
    return obj;
}

static QJSValue vec2_ctor(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double x, y;
    if (qjs_to_number(ctx, &x, argv[0]) < 0 || qjs_to_number(ctx, &y, argv[1]) < 0)
        return pending(ctx);
    return vec2_new(ctx, x, y);
}

static QJSValue vec2_length(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    Vec2 *v = qjs_get_host_data(this_val, &vec2_class);
    if (!v)
        return qjs_throw_error(ctx, "TypeError", "Vec2.prototype.length: not a Vec2");
    return qjs_number(hypot(v->x, v->y));
}

static QJSValue vec2_add(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    Vec2 *a = qjs_get_host_data(this_val, &vec2_class);
    Vec2 *b = qjs_get_host_data(argv[0], &vec2_class);
    if (!a || !b)
        return qjs_throw_error(ctx, "TypeError", "Vec2.prototype.add: not a Vec2");
    return vec2_new(ctx, a->x + b->x, a->y + b->y);
}

static QJSValue vec2_to_string(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    Vec2 *v = qjs_get_host_data(this_val, &vec2_class);
    if (!v)
        return qjs_throw_error(ctx, "TypeError", "Vec2.prototype.toString: not a Vec2");
    char buf[64];
    int n = snprintf(buf, sizeof buf, "Vec2(%g, %g)", v->x, v->y);
    return qjs_new_string(ctx, buf, (size_t)n);
}

/* Defines nativeSum, hostName and Vec2 (with Vec2.prototype) on the
 * global object. 0, or -1 with an exception pending. */
static int define_host_api(QJSContext *ctx)
{
    QJSValue global = qjs_get_global(ctx);
    QJSValue f = qjs_new_function(ctx, native_sum, "nativeSum", 0);
    if (qjs_is_exception(f) || qjs_define_prop_str(ctx, global, "nativeSum", f) < 0)
        return -1;
    QJSValue s = qjs_new_string(ctx, "host.c", 6);
    if (qjs_is_exception(s) || qjs_define_prop_str(ctx, global, "hostName", s) < 0)
        return -1;

    vec2_proto = qjs_ref_new(ctx, qjs_new_object(ctx));
    static const struct { const char *name; QJSNativeFunction *fn; int length; } methods[] = {
        { "length", vec2_length, 0 }, { "add", vec2_add, 1 }, { "toString", vec2_to_string, 0 },
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        QJSValue m = qjs_new_function(ctx, methods[i].fn, methods[i].name, methods[i].length);
        if (qjs_is_exception(m) || qjs_define_prop_str(ctx, qjs_ref_get(vec2_proto), methods[i].name, m) < 0)
            return -1;
    }
    QJSValue ctor = qjs_new_function(ctx, vec2_ctor, "Vec2", 2);
    if (qjs_is_exception(ctor))
        return -1;
    QJSRef *ctor_ref = qjs_ref_new(ctx, ctor);
    int r = qjs_define_prop_str(ctx, ctor, "prototype", qjs_ref_get(vec2_proto));
    if (r == 0)
        r = qjs_define_prop_str(ctx, qjs_ref_get(vec2_proto), "constructor", qjs_ref_get(ctor_ref));
    if (r == 0)
        r = qjs_define_prop_str(ctx, qjs_get_global(ctx), "Vec2", qjs_ref_get(ctor_ref));
    qjs_ref_free(ctor_ref);
    return r;
}

/* Calls the global function name with argv; the result, or an exception. */
static QJSValue call_global(QJSContext *ctx, const char *name, int argc, QJSValue *argv)
{
    QJSValue fn = qjs_get_prop_str(ctx, qjs_get_global(ctx), name);
    if (qjs_is_exception(fn))
        return fn;
    return qjs_call(ctx, fn, qjs_undefined(), argc, argv);
}

/* Prints a value as "label: text" (ToString), or the exception. */
static void print_result(QJSContext *ctx, const char *label, QJSValue v)
{
    if (qjs_is_exception(v)) {
        qjs_loop_report_exception(ctx);
        return;
    }
    char *s = qjs_to_cstring(ctx, v, NULL);
    if (!s) {
        qjs_loop_report_exception(ctx);
        return;
    }
    printf("host: %s -> %s\n", label, s);
    qjs_free_cstring(s);
}

int main(int argc, char **argv)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    if (qjs_runtime_add_console(ctx) < 0 || qjs_runtime_add_timers(ctx) < 0 || define_host_api(ctx) < 0) {
        qjs_loop_report_exception(ctx);
        return 1;
    }

    /* Load the embedded bytecode and run the script (it defines its
     * functions as globals). */
    QJSValue unit = qjs_read_bytecode(ctx, embed_script, embed_script_size);
    if (qjs_is_exception(unit) || qjs_is_exception(qjs_eval_compiled(ctx, unit))) {
        qjs_loop_report_exception(ctx);
        return 1;
    }
    fflush(stdout);

    /* describe("primes", [2, 3, 5, 7]): a string argument and an array. */
    QJSRef *args = qjs_ref_new(ctx, qjs_new_array(ctx));
    static const int primes[] = { 2, 3, 5, 7 };
    for (uint32_t i = 0; i < 4; i++) {
        if (qjs_set_index(ctx, qjs_ref_get(args), i, qjs_number(primes[i])) < 0) {
            qjs_loop_report_exception(ctx);
            return 1;
        }
    }
    QJSValue name = qjs_new_string(ctx, "primes", 6);
    QJSRef *name_ref = qjs_ref_new(ctx, name);
    QJSValue call_args[2] = { qjs_ref_get(name_ref), qjs_ref_get(args) };
    print_result(ctx, "describe(\"primes\", [2, 3, 5, 7])", call_global(ctx, "describe", 2, call_args));
    qjs_ref_free(name_ref);
    qjs_ref_free(args);

    /* vectors(): JS using the C-backed class. */
    print_result(ctx, "vectors()", call_global(ctx, "vectors", 0, NULL));

    /* check(16) returns a number; check(-1) throws a RangeError, which
     * the host catches and reads. */
    QJSValue x = qjs_number(16);
    QJSValue r = call_global(ctx, "check", 1, &x);
    double d;
    if (!qjs_is_exception(r) && qjs_to_number(ctx, &d, r) == 0)
        printf("host: check(16) -> %g\n", d);
    x = qjs_number(-1);
    r = call_global(ctx, "check", 1, &x);
    if (qjs_is_exception(r)) {
        QJSRef *exc = qjs_ref_new(ctx, qjs_take_exception(ctx));
        char *ename = qjs_to_cstring(ctx, qjs_get_prop_str(ctx, qjs_ref_get(exc), "name"), NULL);
        char *emsg = qjs_to_cstring(ctx, qjs_get_prop_str(ctx, qjs_ref_get(exc), "message"), NULL);
        printf("host: check(-1) threw %s: %s\n", ename ? ename : "?", emsg ? emsg : "?");
        qjs_free_cstring(ename);
        qjs_free_cstring(emsg);
        qjs_ref_free(exc);
    }

    /* later(20, 21) returns a promise: drive the event loop (as a host
     * with its own main loop would) until it settles, then read it. */
    QJSValue later_args[2] = { qjs_number(20), qjs_number(21) };
    QJSValue p = call_global(ctx, "later", 2, later_args);
    if (qjs_is_exception(p)) {
        qjs_loop_report_exception(ctx);
        return 1;
    }
    QJSRef *promise = qjs_ref_new(ctx, p);
    int turns = 0;
    while (qjs_get_promise_state(qjs_ref_get(promise), NULL) == 0) {
        int more = qjs_loop_run_once(ctx, -1);
        turns++;
        if (!more)
            break;
    }
    QJSValue result;
    int state = qjs_get_promise_state(qjs_ref_get(promise), &result);
    if (state == 1) {
        QJSValue doubled = qjs_get_prop_str(ctx, result, "doubled");
        if (!qjs_is_exception(doubled) && qjs_to_number(ctx, &d, doubled) == 0)
            printf("host: later(20, 21) fulfilled with { doubled: %g } after %s\n", d,
                   turns > 0 ? "driving the event loop" : "no loop turn");
    } else {
        printf("host: later(20, 21) did not fulfil (state %d)\n", state);
    }
    qjs_ref_free(promise);

    int status = qjs_loop_run(ctx);
    fflush(stdout);
    qjs_ref_free(vec2_proto);
    qjs_runtime_free(rt);
    return status;
}
