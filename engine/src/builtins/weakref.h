/* Weak references (ECMA-262 26.1-26.2, 24.3-24.4): what WeakMap, WeakSet,
 * WeakRef and FinalizationRegistry share, and the entry points the host's
 * event loop uses: ClearKeptObjects and the FinalizationRegistry cleanup
 * job. The collector side (ephemerons, clearing, handing registries to
 * rt->hooks.enqueue_cleanup) lives in weakref.c and weakmap.c. */
#ifndef BUILTINS_WEAKREF_H
#define BUILTINS_WEAKREF_H

#include "../context.h"
#include "../str.h"

/* CanBeHeldWeakly(v): objects, and symbols not created by Symbol.for.
 * Pure. */
static inline bool js_can_be_held_weakly(JSValue v)
{
    if (js_is_object(v))
        return true;
    return js_is_symbol(v) && !JS_VALUE_GET_SYMBOL(v)->registered;
}

/* ClearKeptObjects: empties the runtime's list of WeakRef targets kept
 * alive until the end of the current job (AddToKeptObjects). The host
 * calls it at the end of each microtask checkpoint. Never collects, never
 * throws, never runs JS. */
void js_clear_kept_objects(JSRuntime *rt);

/* The FinalizationRegistry cleanup job for registry (a value handed to
 * rt->hooks.enqueue_cleanup, or any value: non-registries are ignored).
 * Calls the cleanup callback once for each cell whose target was
 * collected, removing the cell first. Runs JS, so may collect.
 * Returns 0 when every callback returned normally. If a callback throws,
 * returns -1 at once with its exception pending; the cells not yet
 * processed stay queued and the registry is handed to
 * rt->hooks.enqueue_cleanup again, so the host reports the error like an
 * uncaught one and the remaining callbacks run in a later job (an
 * exception stops no other callback). A call made from inside one of the
 * registry's own callbacks does nothing and returns 0. */
int js_finalization_registry_cleanup(JSContext *ctx, JSValue registry);

/* True if some registry waits for its cleanup job (handed to the host,
 * or kept because the runtime has no enqueue_cleanup hook). Never
 * collects. */
bool js_has_pending_cleanups(JSRuntime *rt);

/* weakmap.c: WeakMap and WeakSet; called by js_init_weakref. May collect;
 * 0, or -1 with an exception pending. */
int js_init_weakmap(JSContext *ctx);

#endif
