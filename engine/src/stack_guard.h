/* The native stack guard shared by every pass that recurses on the shape
 * of its input (parser, compiler, RegExp compiler, JSON, bytecode reader
 * and verifier, ...): one compare of the current frame address with a
 * limit that the runtime derives from the thread's stack (context.c). */
#ifndef STACK_GUARD_H
#define STACK_GUARD_H

#include <stdbool.h>
#include <stdint.h>

/* True when the C stack has grown past limit (stacks grow down); a limit
 * of 0 never trips. Inline, so the address is that of the caller's frame. */
static inline bool js_stack_exhausted(uintptr_t limit)
{
    return (uintptr_t)__builtin_frame_address(0) < limit;
}

#endif
