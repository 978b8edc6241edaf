/* Shared by the libFuzzer targets (fuzz/fuzz_NAME.c): a NUL-terminated copy of
 * the input, and an interrupt handler that gives each input a fixed
 * budget of polls (each poll is JS_INTERRUPT_PERIOD units of work). */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "qjs.h"

static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = 0;
    return s;
}

typedef struct FuzzBudget {
    int polls, max_polls;
} FuzzBudget;

static inline int fuzz_budget_handler(QJSRuntime *rt, void *opaque)
{
    FuzzBudget *b = opaque;
    return ++b->polls > b->max_polls;
}

/* A runtime for one input: a memory limit well under libFuzzer's RSS
 * limit, and the budget. */
static inline QJSRuntime *fuzz_runtime(FuzzBudget *budget, int max_polls)
{
    QJSRuntime *rt = qjs_runtime_new();
    if (!rt)
        abort();
    qjs_runtime_set_memory_limit(rt, 256u << 20);
    budget->polls = 0;
    budget->max_polls = max_polls;
    qjs_set_interrupt_handler(rt, fuzz_budget_handler, budget);
    return rt;
}

/* A fresh runtime and context for one input (about 50 ms under ASan),
 * freed by the caller with qjs_runtime_free. Sharing a runtime between
 * inputs is cheaper per input but leaves allocations behind, and then
 * libFuzzer's leak check scans the whole heap after every input, which
 * costs far more. */
static inline QJSContext *fuzz_fresh_context(QJSRuntime **rt, FuzzBudget *budget, int max_polls)
{
    *rt = fuzz_runtime(budget, max_polls);
    QJSContext *ctx = qjs_context_new(*rt);
    if (!ctx)
        abort();
    return ctx;
}

#endif
