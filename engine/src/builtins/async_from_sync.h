/* CreateAsyncFromSyncIterator (ECMA-262 27.1.6.1), used by the
 * interpreter's GetIterator(obj, async) when obj has no
 * Symbol.asyncIterator method (builtins/async_from_sync.c). */
#ifndef BUILTINS_ASYNC_FROM_SYNC_H
#define BUILTINS_ASYNC_FROM_SYNC_H

#include "../context.h"

/* A new %AsyncFromSyncIteratorPrototype% object wrapping the sync
 * iterator record (iterator, next). May collect; JS_EXCEPTION on
 * out-of-memory. */
JSValue js_create_async_from_sync_iterator(JSContext *ctx, JSValue iterator, JSValue next);

/* Registers the class and creates this realm's prototype (after
 * %AsyncIteratorPrototype% exists). May collect; 0 or -1. */
int js_init_async_from_sync(JSContext *ctx);

#endif
