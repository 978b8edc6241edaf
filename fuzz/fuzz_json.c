/* libFuzzer target: JSON.parse of the input (and JSON.parse with a
 * reviver when it ends in a newline), then JSON.stringify of the result,
 * which must parse back. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QJSRuntime *rt;
    static QJSContext *ctx;
    static QJSRef *parse, *stringify, *reviver;
    static FuzzBudget budget;
    static unsigned count;
    if (!rt) {
        rt = fuzz_runtime(&budget, 1 << 30);
        ctx = qjs_context_new(rt);
        static const char setup[] = "[JSON.parse, JSON.stringify, (k, v) => typeof v === 'number' ? v + 1 : v]";
        QJSValue fns = qjs_eval(ctx, setup, sizeof setup - 1, "setup.js", 0);
        if (qjs_is_exception(fns))
            abort();
        QJSRef *keep = qjs_ref_new(ctx, fns);
        parse = qjs_ref_new(ctx, qjs_get_index(ctx, fns, 0));
        stringify = qjs_ref_new(ctx, qjs_get_index(ctx, fns, 1));
        reviver = qjs_ref_new(ctx, qjs_get_index(ctx, fns, 2));
        qjs_ref_free(keep);
    }
    QJSValue args[2];
    args[0] = qjs_new_string(ctx, (const char *)data, size);
    if (qjs_is_exception(args[0])) {
        qjs_take_exception(ctx);
        return 0;
    }
    QJSRef *text = qjs_ref_new(ctx, args[0]);
    args[1] = qjs_ref_get(reviver);
    int argc = size && data[size - 1] == '\n' ? 2 : 1;
    QJSValue v = qjs_call(ctx, qjs_ref_get(parse), qjs_undefined(), argc, args);
    if (qjs_is_exception(v)) {
        qjs_take_exception(ctx);
    } else {
        QJSValue s = qjs_call(ctx, qjs_ref_get(stringify), qjs_undefined(), 1, &v);
        if (qjs_is_exception(s)) {
            /* only BigInt-free, finite-depth values here: stringify may
               still fail on depth (RangeError) */
            qjs_take_exception(ctx);
        } else if (qjs_is_string(s)) {
            QJSValue back = qjs_call(ctx, qjs_ref_get(parse), qjs_undefined(), 1, &s);
            if (qjs_is_exception(back)) {
                /* stringify's output must parse (a RangeError for depth
                   aside: the two recurse differently) */
                char *m = qjs_format_exception(ctx, qjs_take_exception(ctx));
                if (!m || strncmp(m, "RangeError", 10) != 0)
                    abort();
                free(m);
            }
        }
    }
    qjs_ref_free(text);
    if (++count % 1024 == 0)
        qjs_runtime_gc(rt);
    return 0;
}
