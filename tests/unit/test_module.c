/* Unit tests of ES modules through the public API (api_module.c over
 * module.c): an in-memory module loader, cycles with hoisted functions,
 * live bindings across re-exports (named, star, namespace), TDZ across
 * modules, ambiguous star exports, JSON and native modules, import.meta
 * hook, evaluation errors cached, top-level await ordering, request
 * listing, the script name a native function sees (qjs_get_script_name). Prints "N passed, N failed"; exits non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qjs.h"

#include "unit_check.h"

typedef struct Src {
    const char *name, *text;
} Src;

static const Src sources[] = {
    /* a cycle: b calls a's hoisted function before a's body has run */
    { "cyc_a", "import { fromB } from 'cyc_b'; export function hello() { return 'hi'; }\n"
               "export let late = 1; log('a ' + fromB);" },
    { "cyc_b", "import { hello, late } from 'cyc_a'; export const fromB = hello();\n"
               "let tdz; try { late; tdz = 'no'; } catch (e) { tdz = e.constructor.name; }\n"
               "log('b ' + tdz);" },
    /* live bindings through re-exports */
    { "counter", "export let count = 0; export function inc() { count++; }" },
    { "reexp", "export { count as n, inc } from 'counter'; export * from 'counter';\n"
               "import * as c from 'counter'; export { c };" },
    { "live", "import { n, inc, count, c } from 'reexp'; import * as ns from 'reexp';\n"
              "inc(); inc(); log([n, count, c.count, ns.n, Object.keys(ns).join()].join(' '));" },
    /* ambiguous star exports */
    { "amb1", "export const x = 1;" },
    { "amb2", "export const x = 2;" },
    { "amb", "export * from 'amb1'; export * from 'amb2'; export const y = 0;" },
    { "amb_ok", "import * as ns from 'amb'; log('amb ' + Object.keys(ns).join());" },
    { "amb_bad", "import { x } from 'amb';" },
    /* errors are cached */
    { "thrower", "log('thrower runs'); throw new RangeError('boom');" },
    { "uses_thrower", "import 'thrower';" },
    /* JSON, native, meta */
    { "use_json", "import data from 'data.json' with { type: 'json' }; log('json ' + data.a[1]);" },
    { "use_native", "import { answer, twice } from 'native'; log('native ' + answer + ' ' + twice(4));" },
    { "meta", "log('meta ' + import.meta.name + ' ' + (import.meta === import.meta) + ' ' +\n"
              "Object.getPrototypeOf(import.meta));" },
    /* top-level await: evaluation order */
    { "tla_dep", "log('tla_dep start'); await null; log('tla_dep end'); export const v = 7;" },
    { "tla_sib", "log('tla_sib');" },
    { "tla_main", "import { v } from 'tla_dep'; import 'tla_sib'; log('tla_main ' + v);" },
    { NULL, NULL },
};

static QJSValue load(QJSContext *ctx, const char *name, const char *type, void *opaque)
{
    if (!strcmp(name, "data.json"))
        return qjs_new_json_module(ctx, name, "{\"a\": [1, 2]}", 13);
    for (const Src *s = sources; s->name; s++)
        if (!strcmp(s->name, name))
            return qjs_compile(ctx, s->text, strlen(s->text), name, QJS_EVAL_MODULE);
    return qjs_throw_error(ctx, "TypeError", "no such module");
}

static char *normalize(QJSContext *ctx, const char *base, const char *spec, void *opaque)
{
    char *s = malloc(strlen(spec) + 1);
    strcpy(s, spec);
    return s;
}

static char logbuf[4096];

static QJSValue js_log(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *s = qjs_to_cstring(ctx, argv[0], NULL);
    if (!s)
        return qjs_null();
    strncat(logbuf, s, sizeof logbuf - strlen(logbuf) - 2);
    strcat(logbuf, "|");
    qjs_free_cstring(s);
    return qjs_undefined();
}

static QJSValue twice(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return qjs_number(qjs_get_number(argv[0]) * 2);
}

static int native_init(QJSContext *ctx, QJSValue m)
{
    if (qjs_module_set_export(ctx, m, "answer", qjs_number(42)) < 0)
        return -1;
    return qjs_module_set_export(ctx, m, "twice", qjs_new_function(ctx, twice, "twice", 1));
}

static int meta_hook(QJSContext *ctx, QJSValue meta, const char *name, void *opaque)
{
    (*(int *)opaque)++;
    return qjs_set_prop_str(ctx, meta, "name", qjs_new_string(ctx, name, strlen(name)));
}

static QJSRuntime *rt;
static QJSContext *ctx;

/* Runs module `name` (by importing it from an entry module) and drains the
 * jobs; returns the promise state (1 fulfilled, 2 rejected). */
static int run(const char *name, QJSValue *reason)
{
    char src[256];
    snprintf(src, sizeof src, "import '%s';", name);
    char entry[64];
    snprintf(entry, sizeof entry, "entry_%s", name);
    QJSValue p = qjs_eval(ctx, src, strlen(src), entry, QJS_EVAL_MODULE);
    if (qjs_is_exception(p)) {
        if (reason)
            *reason = qjs_take_exception(ctx);
        else
            qjs_take_exception(ctx);
        return -1;
    }
    QJSRef *ref = qjs_ref_new(ctx, p);
    QJSContext *jc;
    while (qjs_run_pending_job(rt, &jc) > 0)
        ;
    int st = qjs_get_promise_state(qjs_ref_get(ref), reason);
    qjs_ref_free(ref);
    return st;
}

static bool log_is(const char *expected)
{
    bool ok = !strcmp(logbuf, expected);
    if (!ok)
        fprintf(stderr, "log: %s\nexpected: %s\n", logbuf, expected);
    logbuf[0] = 0;
    return ok;
}

static QJSValue script_name(QJSContext *c, QJSValue this_val, int argc, QJSValue *argv)
{
    return qjs_get_script_name(c, (int)qjs_get_number(argv[0]));
}

int main(void)
{
    rt = qjs_runtime_new();
    ctx = qjs_context_new(rt);
    if (qjs_define_prop_str(ctx, qjs_get_global(ctx), "log", qjs_new_function(ctx, js_log, "log", 1)) < 0)
        abort();
    qjs_set_module_loader(rt, normalize, load, NULL);
    int meta_calls = 0;
    qjs_set_import_meta_hook(rt, meta_hook, &meta_calls);
    static const char *const native_exports[] = { "answer", "twice" };
    QJSValue nm = qjs_new_native_module(ctx, "native", native_exports, 2, native_init);
    CHECK(!qjs_is_exception(nm));
    CHECK(qjs_register_module(ctx, "native", nm) == 0);

    CHECK(run("cyc_a", NULL) == 1);
    CHECK(log_is("b ReferenceError|a hi|"));

    CHECK(run("live", NULL) == 1);
    CHECK(log_is("2 2 2 2 c,count,inc,n|"));

    CHECK(run("amb_ok", NULL) == 1);
    CHECK(log_is("amb y|"));
    QJSValue reason;
    CHECK(run("amb_bad", &reason) == -1);
    char *msg = qjs_format_exception(ctx, reason);
    CHECK(msg && strstr(msg, "SyntaxError") && strstr(msg, "ambiguous"));
    free(msg);

    CHECK(run("uses_thrower", &reason) == 2);
    msg = qjs_format_exception(ctx, reason);
    CHECK(msg && strstr(msg, "RangeError: boom"));
    free(msg);
    CHECK(run("thrower", &reason) == 2);     /* the cached error, no second run */
    CHECK(log_is("thrower runs|"));

    CHECK(run("use_json", NULL) == 1);
    CHECK(log_is("json 2|"));
    CHECK(run("use_native", NULL) == 1);
    CHECK(log_is("native 42 8|"));
    QJSValue ns = qjs_module_namespace(ctx, "native");
    CHECK(qjs_is_object(ns) && qjs_get_number(qjs_get_prop_str(ctx, ns, "answer")) == 42);
    CHECK(run("meta", NULL) == 1);
    CHECK(log_is("meta meta true null|"));
    CHECK(meta_calls == 1);

    CHECK(run("tla_main", NULL) == 1);
    CHECK(log_is("tla_dep start|tla_sib|tla_dep end|tla_main 7|"));

    /* requests of a compiled module */
    const char *src = "import a from './x.json' with { type: 'json' }; export * from 'y'; import 'y';";
    QJSValue c = qjs_compile(ctx, src, strlen(src), "req", QJS_EVAL_MODULE);
    CHECK(qjs_module_request_count(ctx, c) == 2);
    char *type = NULL;
    char *spec = qjs_module_request(ctx, c, 0, &type);
    CHECK(spec && !strcmp(spec, "./x.json") && type && !strcmp(type, "json"));
    qjs_free_cstring(spec);
    qjs_free_cstring(type);
    spec = qjs_module_request(ctx, c, 1, &type);
    CHECK(spec && !strcmp(spec, "y") && type == NULL);
    qjs_free_cstring(spec);
    CHECK(qjs_module_request(ctx, c, 2, NULL) == NULL);

    /* a compiled module run with qjs_eval_compiled */
    src = "import { count } from 'counter'; log('compiled ' + count);";
    c = qjs_compile(ctx, src, strlen(src), "compiled_main", QJS_EVAL_MODULE);
    QJSValue p = qjs_eval_compiled(ctx, c);
    CHECK(!qjs_is_exception(p));
    CHECK(log_is("compiled 2|"));

    /* a compiled script: its completion value */
    src = "var sv = 20; sv + 1";
    c = qjs_compile(ctx, src, strlen(src), "script", 0);
    CHECK(qjs_module_request_count(ctx, c) == -1);
    QJSValue sr = qjs_eval_compiled(ctx, c);
    CHECK(qjs_is_number(sr) && qjs_get_number(sr) == 21);
    /* dynamic import from a script, relative to nothing (normalize keeps
       the specifier) */
    src = "import('counter').then(m => log('dyn ' + m.count));";
    CHECK(!qjs_is_exception(qjs_eval(ctx, src, strlen(src), "s.js", 0)));
    QJSContext *jc;
    while (qjs_run_pending_job(rt, &jc) > 0)
        ;
    CHECK(log_is("dyn 2|"));

    /* the calling script's name, per level; eval and new Function code
       count as the code around them; past the outermost frame: undefined */
    CHECK(qjs_define_prop_str(ctx, qjs_get_global(ctx), "scriptName",
                              qjs_new_function(ctx, script_name, "scriptName", 1)) == 0);
    src = "function inner(level) { return scriptName(level); }";
    CHECK(!qjs_is_exception(qjs_eval(ctx, src, strlen(src), "lib.js", 0)));
    src = "log([inner(0), inner(1), eval('inner(0) + scriptName(0)'), new Function('return scriptName(0)')(),\n"
          "     String(inner(2))].join());";
    CHECK(!qjs_is_exception(qjs_eval(ctx, src, strlen(src), "app.js", 0)));
    CHECK(log_is("lib.js,app.js,lib.jsapp.js,app.js,undefined|"));
    CHECK(qjs_is_undefined(qjs_get_script_name(ctx, 0)));

    qjs_runtime_gc(rt);
    qjs_runtime_free(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
