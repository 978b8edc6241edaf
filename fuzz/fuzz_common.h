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

/* A runtime shared by successive inputs, each getting a fresh context
 * (a realm: ~20 ms under ASan, where a runtime costs ~50 ms); the runtime
 * itself is renewed every 256 inputs so that runtime-wide state (atoms,
 * the symbol registry, old realms between collections) cannot build up. */
static inline QJSContext *fuzz_fresh_context(QJSRuntime **rt, FuzzBudget *budget, int max_polls)
{
    static unsigned uses;
    if (*rt && ++uses % 256 == 0) {
        qjs_runtime_free(*rt);
        *rt = NULL;
    }
    if (!*rt)
        *rt = fuzz_runtime(budget, max_polls);
    budget->polls = 0;
    budget->max_polls = max_polls;
    QJSContext *ctx = qjs_context_new(*rt);
    if (!ctx)
        abort();
    return ctx;
}

#endif
