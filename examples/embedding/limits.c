/* limits.c (docs/embedding.md, docs/limits.md): an interrupt handler
 * that stops a runaway script (uncatchable, even by try/catch), a memory
 * limit, deep recursion and too deeply nested source (all catchable),
 * and the runtime used again after each. */
#include <stdio.h>
#include <string.h>

#include "qjs.h"

/* Stops the script after a budget of polls (a host would rather look at
 * a clock or a flag another thread sets). */
static int budget;
static int on_interrupt(QJSRuntime *rt, void *opaque)
{
    return --budget < 0;
}

static void run(QJSContext *ctx, const char *src)
{
    QJSValue v = qjs_eval(ctx, src, strlen(src), "limits.js", 0);
    char *s;
    if (qjs_is_exception(v)) {
        QJSValue exc = qjs_take_exception(ctx);  /* also ends the interrupt */
        s = qjs_format_exception(ctx, exc);
        printf("exception: %s\n", s ? s : "?");
    } else {
        s = qjs_to_cstring(ctx, v, NULL);
        printf("value: %s\n", s ? s : "?");
    }
    qjs_free_cstring(s);
}

int main(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);

    qjs_set_interrupt_handler(rt, on_interrupt, NULL);
    budget = 100;
    run(ctx, "for (;;) {}");
    budget = 100;
    run(ctx, "try { while (true) {} } catch (e) { 'caught' } finally { 'finally' }");
    budget = 1000000;
    run(ctx, "'usable again: ' + (6 * 7)");
    qjs_set_interrupt_handler(rt, NULL, NULL);

    qjs_runtime_set_memory_limit(rt, 4 << 20);
    run(ctx, "var big = []; try { for (;;) big.push(new Array(8192).fill(1.5)); } "
             "catch (e) { big = null; e.name + ': ' + e.message }");
    run(ctx, "[1, 2, 3].map(x => x * 2).join()");
    qjs_runtime_set_memory_limit(rt, 0);

    run(ctx, "function down(n) { return down(n + 1) + 1; } "
             "try { down(0) } catch (e) { e instanceof RangeError }");
    run(ctx, "try { eval('['.repeat(1e5)) } catch (e) { e.name + ': ' + e.message }");
    run(ctx, "'still usable'");

    qjs_runtime_free(rt);
    return 0;
}
