/* Allocation-failure injection, for tests: in a build with
 * JS_ALLOC_FAILURE (CMake option QJS_ALLOC_FAILURE), the environment
 * variable QJS_FAIL_ALLOC=N makes the Nth counted allocation of the
 * process fail, and QJS_FAIL_ALLOC=count prints how many there were at
 * exit. Counted: GC cells, js_malloc/js_realloc side buffers, the
 * compiler's arena chunks. Other builds compile the check away. */
#ifndef ALLOC_FAIL_H
#define ALLOC_FAIL_H

#include <stdbool.h>
#include "config.h"

#if JS_ALLOC_FAILURE
/* Counts one allocation; true when it is the one to fail. */
bool js_alloc_should_fail(void);
#else
static inline bool js_alloc_should_fail(void) { return false; }
#endif

#endif
