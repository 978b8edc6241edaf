/* The engine's job queue (ECMA-262 9.5 Jobs, HostEnqueuePromiseJob): a FIFO
 * of native jobs, each a C function, its arguments and the realm it runs
 * in. The host drains it with js_run_pending_job (qjs_run_pending_job in
 * the public API). Pending jobs and their arguments are GC roots. */
#ifndef JOB_H
#define JOB_H

#include "context.h"

/* Most arguments a job can carry; pack more into a JSValueArray. */
#define JS_JOB_MAX_ARGS 8

/* HostEnqueuePromiseJob: appends a job that will call
 * fn(realm, undefined, argc, argv, 0) with a copy of argv[0..argc), in
 * realm ctx (rt->current_realm is set to it while the job runs). The
 * job's argv always has JS_JOB_MAX_ARGS entries, all rooted; those past
 * argc are undefined and the job may use them as rooted scratch slots. The
 * arguments are copied at once and kept alive until the job has run. The
 * job's result is ignored, except that JS_EXCEPTION makes
 * js_run_pending_job report -1 with the exception pending.
 * Never runs JS. May collect only the first time a runtime's queue is made
 * (js_jobs_init does it up front at realm setup); returns 0, or -1 after
 * throwing (out of memory, or argc > JS_JOB_MAX_ARGS: InternalError). */
int js_enqueue_job(JSContext *ctx, JSCFunction *fn, int argc, JSValue *argv);

/* Runs the oldest pending job. Returns 1 if a job ran (it may have
 * enqueued others), 0 if the queue was empty, -1 if the job threw: the
 * exception is left pending. *job_ctx receives the realm the job ran in
 * (NULL when the queue was empty). Runs JS, so may collect. */
int js_run_pending_job(JSRuntime *rt, JSContext **job_ctx);

/* True if a job is waiting. Never collects, never throws. */
bool js_has_pending_jobs(JSRuntime *rt);

/* Creates rt's queue if there is none yet. May collect; 0, or -1 after
 * throwing out-of-memory. Called by js_init_promise. */
int js_jobs_init(JSContext *ctx);

/* Marks the queue and every pending or running job's arguments. Called by
 * the collector's root marking only. */
void js_jobs_mark(JSRuntime *rt);

#endif
