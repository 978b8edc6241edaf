/* libFuzzer target: runs the input as a script in a fresh runtime, then
 * its promise jobs, with an execution budget through the interrupt
 * handler (about 50,000 units of work) and a memory limit. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QJSRuntime *rt;
    FuzzBudget budget;
    QJSContext *ctx = fuzz_fresh_context(&rt, &budget, 5);
    char *src = fuzz_cstring(data, size);
    QJSValue v = qjs_eval(ctx, src, size, "fuzz.js", 0);
    if (qjs_is_exception(v)) {
        QJSValue e = qjs_take_exception(ctx);
        char *s = qjs_format_exception(ctx, e);
        free(s);
    } else {
        char *s = qjs_to_display_cstring(ctx, v, NULL);
        if (s)
            qjs_free_cstring(s);
    }
    /* formatting runs JS too (toString, getters): it may throw or be
       interrupted */
    if (qjs_has_exception(ctx))
        qjs_take_exception(ctx);
    for (int i = 0; i < 10000; i++) {
        QJSContext *jc = NULL;
        int st = qjs_run_pending_job(rt, &jc);
        if (st == 0)
            break;
        if (st < 0)
            qjs_take_exception(jc ? jc : ctx);
    }
    free(src);
    qjs_runtime_free(rt);
    return 0;
}
