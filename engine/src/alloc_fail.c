/* Allocation-failure injection (see alloc_fail.h): the process-wide
 * allocation counter and the QJS_FAIL_ALLOC setting. The one place in the
 * engine, besides date.c and the stack size, that reads the environment
 * or writes to stderr, and only in JS_ALLOC_FAILURE builds. */
#include "alloc_fail.h"

#if JS_ALLOC_FAILURE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long alloc_count, fail_at;
static bool configured;

static void print_count(void)
{
    fprintf(stderr, "qjs-alloc-count: %lu\n", alloc_count);
}

bool js_alloc_should_fail(void)
{
    if (!configured) {
        configured = true;
        const char *s = getenv("QJS_FAIL_ALLOC");
        if (s && !strcmp(s, "count"))
            atexit(print_count);
        else if (s && *s)
            fail_at = strtoul(s, NULL, 10);
    }
    return ++alloc_count == fail_at;
}
#else
/* ISO C wants a translation unit to declare something. */
typedef int js_alloc_fail_unused;
#endif
