/* libFuzzer target: the bytecode reader and verifier on raw input (a
 * corrupted file must be refused with a SyntaxError, never read out of
 * bounds), and the inspector on what it accepts. Nothing is run. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QJSRuntime *rt;
    FuzzBudget budget;
    QJSContext *ctx = fuzz_fresh_context(&rt, &budget, 1 << 30);
    QJSBytecodeHeader hdr;
    (void)qjs_bytecode_header(data, size, &hdr);
    QJSValue v = qjs_read_bytecode(ctx, data, size);
    if (qjs_is_exception(v)) {
        qjs_take_exception(ctx);
    } else {
        char *text = qjs_inspect_bytecode(ctx, data, size);
        if (!text)
            qjs_take_exception(ctx);
        free(text);
    }
    qjs_runtime_free(rt);
    return 0;
}
