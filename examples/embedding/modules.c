/* modules.c (docs/embedding.md): ES modules from C. The host's loader
 * hooks resolve specifiers and give module sources from a table in
 * memory; "host:config" is a native module whose exports C sets. The
 * main module is evaluated, its promise driven with the job queue, and
 * its namespace read from C. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qjs.h"

static const struct { const char *name, *source; } sources[] = {
    { "main", "import { version, scale } from 'host:config';\n"
              "import { sum } from 'util';\n"
              "export const result = scale(sum([1, 2, 3]));\n"
              "export const banner = 'config ' + version;\n"
              "await null;   // top-level await: settles in a job\n" },
    { "util", "export function sum(xs) { return xs.reduce((a, b) => a + b, 0); }\n" },
};

/* Names are the specifiers themselves (no paths here). */
static char *normalize(QJSContext *ctx, const char *base, const char *specifier, void *opaque)
{
    char *s = strdup(specifier);
    if (!s)
        qjs_throw_error(ctx, "Error", "out of memory");
    return s;
}

static QJSValue scale(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double d;
    if (qjs_to_number(ctx, &d, argv[0]) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    return qjs_number(d * 10);
}

/* Sets the exports of host:config when it is evaluated. */
static int config_init(QJSContext *ctx, QJSValue module)
{
    QJSValue v = qjs_new_string(ctx, "1.0", 3);
    if (qjs_is_exception(v) || qjs_module_set_export(ctx, module, "version", v) < 0)
        return -1;
    QJSValue f = qjs_new_function(ctx, scale, "scale", 1);
    if (qjs_is_exception(f) || qjs_module_set_export(ctx, module, "scale", f) < 0)
        return -1;
    return 0;
}

static QJSValue load(QJSContext *ctx, const char *name, const char *type_attr, void *opaque)
{
    if (!strcmp(name, "host:config")) {
        static const char *const exports[] = { "version", "scale" };
        return qjs_new_native_module(ctx, name, exports, 2, config_init);
    }
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
        if (!strcmp(name, sources[i].name))
            return qjs_compile(ctx, sources[i].source, strlen(sources[i].source), name, QJS_EVAL_MODULE);
    char msg[128];
    snprintf(msg, sizeof msg, "no module named '%s'", name);
    return qjs_throw_error(ctx, "Error", msg);
}

static int fail(QJSContext *ctx)
{
    char *s = qjs_format_exception(ctx, qjs_take_exception(ctx));
    printf("error: %s\n", s ? s : "?");
    qjs_free_cstring(s);
    return 1;
}

int main(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    qjs_set_module_loader(rt, normalize, load, NULL);

    /* Evaluating a module gives the promise of its evaluation. */
    QJSValue mod = load(ctx, "main", NULL, NULL);
    QJSValue promise = qjs_is_exception(mod) ? mod : qjs_eval_compiled(ctx, mod);
    if (qjs_is_exception(promise))
        return fail(ctx);
    QJSRef *promise_ref = qjs_ref_new(ctx, promise);

    /* No event loop here: run the jobs until the queue is empty. */
    int r;
    while ((r = qjs_run_pending_job(rt, NULL)) > 0)
        ;
    if (r < 0)
        return fail(ctx);
    QJSValue reason;
    int state = qjs_get_promise_state(qjs_ref_get(promise_ref), &reason);
    qjs_ref_free(promise_ref);
    printf("main: %s\n", state == 1 ? "fulfilled" : state == 2 ? "rejected" : "pending");

    QJSValue ns = qjs_module_namespace(ctx, "main");
    if (qjs_is_exception(ns))
        return fail(ctx);
    QJSRef *ns_ref = qjs_ref_new(ctx, ns);
    QJSValue result = qjs_get_prop_str(ctx, qjs_ref_get(ns_ref), "result");
    if (!qjs_is_number(result))
        return fail(ctx);
    printf("result: %g\n", qjs_get_number(result));
    QJSValue bv = qjs_get_prop_str(ctx, qjs_ref_get(ns_ref), "banner");
    char *banner = qjs_is_exception(bv) ? NULL : qjs_to_cstring(ctx, bv, NULL);
    qjs_ref_free(ns_ref);
    if (!banner)
        return fail(ctx);
    printf("banner: %s\n", banner);
    qjs_free_cstring(banner);

    /* A failing import is an exception of the importing module. */
    const char *bad = "import 'missing';";
    QJSValue p = qjs_eval(ctx, bad, strlen(bad), "bad", QJS_EVAL_MODULE);
    if (qjs_is_exception(p))
        fail(ctx);
    else if (qjs_get_promise_state(p, &reason) == 2) {
        char *s = qjs_format_exception(ctx, reason);
        printf("bad: rejected: %s\n", s ? s : "?");
        qjs_free_cstring(s);
    }

    qjs_runtime_free(rt);
    return 0;
}
