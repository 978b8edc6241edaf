/* The job queue (HostEnqueuePromiseJob and the host's job loop): a ring
 * buffer of pending jobs owned by one internal GC cell per runtime, so the
 * collector frees it with the heap. Jobs run in FIFO order; a running
 * job's arguments sit in a record on the C stack that the queue links to,
 * so they stay rooted while the job runs. */
#include "job.h"

typedef struct JSJob {
    JSCFunction *fn;
    JSContext *realm;
    int argc;
    JSValue argv[JS_JOB_MAX_ARGS];
} JSJob;

/* A job being run: its arguments, rooted through the queue. */
typedef struct JSRunningJob {
    JSValue argv[JS_JOB_MAX_ARGS];
    struct JSRunningJob *prev;
} JSRunningJob;

struct JSJobQueue {
    JSInternalCell cell;        /* trace marks the jobs; finalize frees ring */
    JSJob *ring;                /* js_malloc'ed, cap entries */
    uint32_t cap, head, count;  /* pending jobs: ring[(head + i) % cap] */
    JSRunningJob *running;      /* innermost running job */
};

static void queue_trace(JSRuntime *rt, JSInternalCell *c)
{
    struct JSJobQueue *q = (struct JSJobQueue *)c;
    for (uint32_t i = 0; i < q->count; i++) {
        JSJob *j = &q->ring[(q->head + i) % q->cap];
        for (int k = 0; k < j->argc; k++)
            js_gc_mark_value(rt, j->argv[k]);
    }
    for (JSRunningJob *r = q->running; r; r = r->prev) {
        for (int k = 0; k < JS_JOB_MAX_ARGS; k++)
            js_gc_mark_value(rt, r->argv[k]);
    }
}

static void queue_finalize(JSRuntime *rt, JSInternalCell *c)
{
    struct JSJobQueue *q = (struct JSJobQueue *)c;
    if (q->ring)
        js_free(rt, q->ring, q->cap * sizeof(JSJob));
    q->ring = NULL;
    q->cap = q->count = q->head = 0;
    if (rt->jobs == q)
        rt->jobs = NULL;
}

int js_jobs_init(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    if (rt->jobs)
        return 0;
    struct JSJobQueue *q = js_gc_alloc(ctx, JS_CELL_INTERNAL, sizeof(struct JSJobQueue));
    if (!q)
        return -1;
    q->cell.trace = queue_trace;
    q->cell.finalize = queue_finalize;
    rt->jobs = q;
    return 0;
}

void js_jobs_mark(JSRuntime *rt)
{
    if (rt->jobs)
        js_gc_mark_cell(rt, rt->jobs);
}

bool js_has_pending_jobs(JSRuntime *rt)
{
    return rt->jobs && rt->jobs->count > 0;
}

/* Doubles the ring, keeping the jobs in order from index 0. Does not
 * collect; -1 after throwing out-of-memory. */
static int queue_grow(JSContext *ctx, struct JSJobQueue *q)
{
    uint32_t ncap = q->cap ? q->cap * 2 : 16;
    if (ncap < q->cap) {
        js_throw_out_of_memory(ctx);
        return -1;
    }
    JSJob *n = js_malloc(ctx, ncap * sizeof(JSJob));
    if (!n)
        return -1;
    for (uint32_t i = 0; i < q->count; i++)
        n[i] = q->ring[(q->head + i) % q->cap];
    if (q->ring)
        js_free(ctx->rt, q->ring, q->cap * sizeof(JSJob));
    q->ring = n;
    q->cap = ncap;
    q->head = 0;
    return 0;
}

int js_enqueue_job(JSContext *ctx, JSCFunction *fn, int argc, JSValue *argv)
{
    if (argc < 0 || argc > JS_JOB_MAX_ARGS) {
        js_throw_error(ctx, JS_ERROR_INTERNAL, "too many job arguments");
        return -1;
    }
    if (!ctx->rt->jobs) {
        /* argv may be unrooted: keep it alive across the allocation */
        JSRoot roots[JS_JOB_MAX_ARGS];
        for (int i = 0; i < argc; i++)
            js_root_push(ctx, &roots[i], argv[i]);
        int st = js_jobs_init(ctx);
        if (argc > 0)
            js_root_pop(ctx, &roots[0]);
        if (st < 0)
            return -1;
    }
    struct JSJobQueue *q = ctx->rt->jobs;
    if (q->count == q->cap && queue_grow(ctx, q) < 0)
        return -1;
    JSJob *j = &q->ring[(q->head + q->count) % q->cap];
    j->fn = fn;
    j->realm = ctx;
    j->argc = argc;
    for (int i = 0; i < argc; i++)
        j->argv[i] = argv[i];
    q->count++;
    return 0;
}

int js_run_pending_job(JSRuntime *rt, JSContext **job_ctx)
{
    struct JSJobQueue *q = rt->jobs;
    *job_ctx = NULL;
    if (!q || q->count == 0)
        return 0;
    JSJob *j = &q->ring[q->head];
    JSCFunction *fn = j->fn;
    JSContext *ctx = j->realm;
    int argc = j->argc;
    JSRunningJob run;
    for (int i = 0; i < JS_JOB_MAX_ARGS; i++)
        run.argv[i] = i < argc ? j->argv[i] : JS_UNDEFINED;
    q->head = (q->head + 1) % q->cap;
    q->count--;
    run.prev = q->running;
    q->running = &run;

    JSRoot *saved_roots = rt->roots;
    JSContext *saved_realm = rt->current_realm;
    rt->current_realm = ctx;
    JSValue r = fn(ctx, JS_UNDEFINED, argc, run.argv, 0);
    rt->current_realm = saved_realm;
    rt->roots = saved_roots;
    /* the queue cell cannot die while a job runs: it is a root */
    rt->jobs->running = run.prev;
    *job_ctx = ctx;
    return js_is_exception(r) ? -1 : 1;
}
