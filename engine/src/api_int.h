/* Glue between the files that implement the public API (api.c,
 * api_host.c, api_inspect.c). Not for use elsewhere in the engine.
 * api_host.c owns rt->hooks.opaque: it points at the runtime's
 * JSApiHostState, which holds the callbacks the embedder installed. */
#ifndef API_INT_H
#define API_INT_H

#include "qjs.h"
#include "context.h"

/* Releases what api_host.c attached to rt (calls the runtime-library
 * data's free function first). Called by qjs_runtime_free before the
 * host references and the heap go. Runs no JS, never collects. */
void js_api_host_free(JSRuntime *rt);

/* Registers the HOST class on rt (idempotent). Never collects. */
void js_api_host_register_class(JSRuntime *rt);

#endif
