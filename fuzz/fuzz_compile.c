/* libFuzzer target: parse and compile (never run) the input as a script
 * or, when it starts with "//module", as a module; also through the
 * bytecode dump (disassembler). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QJSRuntime *rt;
    static QJSContext *ctx;
    static FuzzBudget budget;
    static unsigned count;
    if (!rt) {
        rt = fuzz_runtime(&budget, 1000000);
        ctx = qjs_context_new(rt);
    }
    char *src = fuzz_cstring(data, size);
    int flags = size >= 8 && !memcmp(data, "//module", 8) ? QJS_EVAL_MODULE : 0;
    QJSValue v = qjs_compile(ctx, src, size, "fuzz.js", flags);
    if (qjs_is_exception(v))
        qjs_take_exception(ctx);
    if (size && data[size - 1] == '\n') {
        char *out = NULL;
        if (qjs_dump_bytecode(ctx, src, size, "fuzz.js", flags, &out) < 0)
            qjs_take_exception(ctx);
        free(out);
    }
    free(src);
    if (++count % 1024 == 0)
        qjs_runtime_gc(rt);
    return 0;
}
