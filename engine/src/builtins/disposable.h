/* The resource scopes of `using` and `await using` declarations, run by
 * the interpreter's using_add and dispose_step instructions
 * (disposable.c; the compiler side is compile_using.c). Not for use
 * outside the engine. */
#ifndef QJS_BUILTINS_DISPOSABLE_H
#define QJS_BUILTINS_DISPOSABLE_H

#include "../context.h"

/* AddDisposableResource(*scope, value, sync-dispose or async-dispose):
 * reads the dispose method (may run JS, may collect). *scope is a VM
 * register holding undefined (a resource scope is made there with the
 * first resource) or a resource scope. Returns 0, or -1 after throwing
 * (TypeError for a value that is not an object or has no method). */
int js_using_add(JSContext *ctx, JSValue *scope, JSValue value, bool is_async);

/* Runs DisposeResources on scope (undefined or a resource scope) until an
 * Await: io[0], io[1] = value and mode (1 = threw) of the Await the
 * previous call asked for; compl[0], compl[1] = the completion (kind, an
 * int where 1 means throw, and value), into which the errors of the
 * dispose methods are folded (SuppressedError when already a throw).
 * io and compl point into VM registers. Returns 1 when the caller must
 * Await io[0] and call again, 0 when disposal is finished, -1 on a fatal
 * error (out of memory, uncatchable). May run JS, may collect. */
int js_using_dispose_step(JSContext *ctx, JSValue scope, JSValue *io, JSValue *compl);

#endif
