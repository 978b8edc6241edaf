/* Promises for the rest of the engine (ECMA-262 27.2): the abstract
 * operations async functions, await, async generators and dynamic import
 * are built on. Values passed in are the caller's to root; values returned
 * are unrooted (root them before the next allocation). */
#ifndef PROMISE_H
#define PROMISE_H

#include "../context.h"

typedef enum JSPromiseState {
    JS_PROMISE_PENDING,
    JS_PROMISE_FULFILLED,
    JS_PROMISE_REJECTED,
} JSPromiseState;

/* A PromiseCapability record. Hold it in rooted storage (three JSRoots,
 * a JSValueArray, ...) across allocations. */
typedef struct JSPromiseCapability {
    JSValue promise;
    JSValue resolve;
    JSValue reject;
} JSPromiseCapability;

/* NewPromiseCapability(ctor); ctor undefined means this realm's %Promise%.
 * Returns the promise and stores the resolving functions in *resolve and
 * *reject (either pointer may be NULL when not wanted). Runs JS for a
 * constructor other than %Promise%. May collect, may throw (TypeError if
 * ctor is not a constructor or its executor misbehaves); JS_EXCEPTION on
 * error. */
JSValue js_new_promise_capability(JSContext *ctx, JSValue ctor, JSValue *resolve, JSValue *reject);

/* PromiseResolve(ctor, value): value itself if it is a promise whose
 * "constructor" is ctor, else a new promise of ctor resolved with value
 * (which adopts a thenable's state two jobs later). ctor undefined means
 * this realm's %Promise%. May run JS (getters, then lookups): may collect,
 * may throw; JS_EXCEPTION on error. */
JSValue js_promise_resolve(JSContext *ctx, JSValue ctor, JSValue value);

/* A new %Promise% resolved with value, like Promise.resolve(value) with
 * the intrinsic constructor (a promise value is returned as is when its
 * constructor is %Promise%). May collect, may throw. */
JSValue js_new_resolved_promise(JSContext *ctx, JSValue value);

/* A new %Promise% already rejected with reason (the rejection tracker
 * sees it). May collect; JS_EXCEPTION on out-of-memory. */
JSValue js_new_rejected_promise(JSContext *ctx, JSValue reason);

/* PerformPromiseThen(promise, on_fulfilled, on_rejected, cap): promise
 * must be a promise object (js_promise_state >= 0). Non-callable handlers
 * pass the value or reason through. cap NULL is the spec's undefined
 * capability (await): handlers must then not throw, or the job reports
 * the exception to the host. The handlers run later as jobs in the realm
 * of the handler. Never runs JS; may collect. Returns 0, or -1 after
 * throwing out-of-memory. */
int js_perform_promise_then(JSContext *ctx, JSValue promise, JSValue on_fulfilled,
                            JSValue on_rejected, const JSPromiseCapability *cap);

/* The [[PromiseState]] of v, or -1 if v is not a promise object. Never
 * collects, never throws. */
int js_promise_state(JSValue v);
/* The [[PromiseResult]] of promise v (undefined while pending). Never
 * collects, never throws. */
JSValue js_promise_result(JSValue v);
/* Marks a promise as handled ([[PromiseIsHandled]] = true), telling the
 * rejection tracker ("handle") if it was rejected and unhandled. Never
 * runs JS, never allocates. */
void js_promise_mark_handled(JSContext *ctx, JSValue v);

/* Resolves or rejects promise directly, as its resolving functions would
 * (resolve adopts thenables; nothing happens if promise is already
 * settled). For promises the engine made itself and never exposed the
 * resolving functions of. May run JS (a thenable's "then" getter); may
 * collect, may throw. Returns 0 or -1. */
int js_promise_resolve_direct(JSContext *ctx, JSValue promise, JSValue value);
int js_promise_reject_direct(JSContext *ctx, JSValue promise, JSValue reason);

#endif
