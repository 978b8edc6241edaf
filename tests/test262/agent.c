/* agent.c: test262's $262.agent for run-test262. Each agent started by
 * $262.agent.start is a thread with a runtime and realm of its own; the
 * main agent broadcasts a SharedArrayBuffer (its block, shared by
 * reference, see qjs_sab_block_ref) and a number to every agent, and
 * agents send back string reports. One mutex guards everything here. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agent.h"

typedef struct Agent {
    pthread_t tid;
    char *source;
    bool running;           /* set once its realm is ready (start waits) */
    bool done;              /* its thread no longer takes broadcasts */
    unsigned seen;          /* generation of the last broadcast it took */
    QJSRef *callback;       /* the receiveBroadcast function, or NULL */
    struct Agent *next;
} Agent;

typedef struct Report {
    char *text;
    struct Report *next;
} Report;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static Agent *agents;
static Report *reports, **reports_tail = &reports;
/* the current broadcast: generation counts them; 0 means none yet */
static unsigned bc_generation;
static QJSSharedBlock *bc_block;
static char *bc_id;         /* the id as text (a BigInt's digits or a number) */
static bool bc_is_bigint;
static bool shutting_down;

static double monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static QJSValue arg(int argc, QJSValue *argv, int i)
{
    return i < argc ? argv[i] : qjs_undefined();
}

/* sleep(ms), for both kinds of agent. */
static QJSValue agent_sleep(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double ms;
    if (qjs_to_number(ctx, &ms, arg(argc, argv, 0)) < 0)
        return qjs_null();
    if (ms > 0) {
        struct timespec ts = { (time_t)(ms / 1e3), (long)((ms - (double)(time_t)(ms / 1e3) * 1e3) * 1e6) };
        while (nanosleep(&ts, &ts) != 0)
            ;
    }
    return qjs_undefined();
}

static QJSValue agent_monotonic_now(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return qjs_number(monotonic_ms());
}

/* ---- inside an agent thread ---- */

static Agent *self(QJSContext *ctx)
{
    return qjs_runtime_get_opaque(qjs_context_runtime(ctx));
}

static QJSValue agent_receive_broadcast(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    Agent *a = self(ctx);
    if (!qjs_is_function(arg(argc, argv, 0)))
        return qjs_throw_error(ctx, "TypeError", "receiveBroadcast: not a function");
    if (a->callback)
        qjs_ref_free(a->callback);
    a->callback = qjs_ref_new(ctx, argv[0]);
    return qjs_undefined();
}

static QJSValue agent_report(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *s = qjs_to_cstring(ctx, arg(argc, argv, 0), NULL);
    if (!s)
        return qjs_null();
    Report *r = malloc(sizeof *r);
    if (!r || !(r->text = strdup(s))) {
        free(r);
        qjs_free_cstring(s);
        return qjs_throw_error(ctx, "Error", "out of memory");
    }
    qjs_free_cstring(s);
    r->next = NULL;
    pthread_mutex_lock(&lock);
    *reports_tail = r;
    reports_tail = &r->next;
    pthread_mutex_unlock(&lock);
    return qjs_undefined();
}

static QJSValue agent_leaving(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return qjs_undefined();
}

/* Setting up $262.agent only fails when memory runs out. */
static void define_or_die(QJSContext *ctx, QJSValue obj, const char *name, QJSValue val)
{
    if (qjs_is_exception(val) || qjs_define_prop_str(ctx, obj, name, val) < 0) {
        fprintf(stderr, "run-test262: cannot set up $262.agent.%s\n", name);
        exit(2);
    }
}

static void def_fn(QJSContext *ctx, QJSValue obj, const char *name, QJSNativeFunction *fn, int len)
{
    define_or_die(ctx, obj, name, qjs_new_function(ctx, fn, name, len));
}

/* Runs pending promise jobs; false when one threw (reported on stderr). */
static bool drain_jobs(QJSRuntime *rt)
{
    for (;;) {
        QJSContext *job_ctx;
        int st = qjs_run_pending_job(rt, &job_ctx);
        if (st == 0)
            return true;
        if (st < 0) {
            QJSValue exc = qjs_take_exception(job_ctx);
            char *msg = qjs_format_exception(job_ctx, exc);
            fprintf(stderr, "agent: uncaught in a job: %s\n", msg ? msg : "?");
            free(msg);
            return false;
        }
    }
}

/* The agent's id argument: a number, or a BigInt made from its digits. */
static QJSValue make_id(QJSContext *ctx, const char *text, bool is_bigint)
{
    if (!is_bigint)
        return qjs_number(strtod(text, NULL));
    QJSValue fn = qjs_get_prop_str(ctx, qjs_get_global(ctx), "BigInt");
    QJSValue s = qjs_new_string(ctx, text, strlen(text));
    return qjs_call(ctx, fn, qjs_undefined(), 1, &s);
}

static void *agent_main(void *opaque)
{
    Agent *a = opaque;
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = rt ? qjs_context_new(rt) : NULL;
    if (ctx) {
        qjs_runtime_set_opaque(rt, a);
        QJSValue global = qjs_get_global(ctx);
        QJSValue d = qjs_new_object(ctx);
        define_or_die(ctx, global, "$262", d);
        QJSValue ag = qjs_new_object(ctx);
        define_or_die(ctx, d, "agent", ag);
        def_fn(ctx, ag, "receiveBroadcast", agent_receive_broadcast, 1);
        def_fn(ctx, ag, "report", agent_report, 1);
        def_fn(ctx, ag, "leaving", agent_leaving, 0);
        def_fn(ctx, ag, "sleep", agent_sleep, 1);
        def_fn(ctx, ag, "monotonicNow", agent_monotonic_now, 0);
    }
    pthread_mutex_lock(&lock);
    a->running = true;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);

    bool ok = ctx != NULL;
    if (ok) {
        QJSValue r = qjs_eval(ctx, a->source, strlen(a->source), "agent", 0);
        if (qjs_is_exception(r)) {
            QJSValue exc = qjs_take_exception(ctx);
            char *msg = qjs_format_exception(ctx, exc);
            fprintf(stderr, "agent: uncaught: %s\n", msg ? msg : "?");
            free(msg);
            ok = false;
        }
    }
    ok = ok && drain_jobs(rt);
    /* one broadcast per agent: take it, answer, and end */
    if (ok && a->callback) {
        pthread_mutex_lock(&lock);
        while (a->seen == bc_generation && !shutting_down)
            pthread_cond_wait(&cond, &lock);
        QJSRef *sab = NULL;
        char *id = NULL;
        bool is_bigint = bc_is_bigint;
        if (a->seen != bc_generation) {
            /* the block is made ours before the main agent, released by
             * the signal below, may drop its reference */
            a->seen = bc_generation;
            sab = qjs_ref_new(ctx, qjs_new_shared_array_buffer(ctx, bc_block));
            id = strdup(bc_id);
            pthread_cond_broadcast(&cond);
        }
        pthread_mutex_unlock(&lock);
        if (sab && id) {
            QJSValue args[2] = { qjs_ref_get(sab), make_id(ctx, id, is_bigint) };
            QJSValue r = qjs_is_exception(args[1]) ? args[1]
                : qjs_call(ctx, qjs_ref_get(a->callback), qjs_undefined(), 2, args);
            if (qjs_is_exception(r)) {
                QJSValue exc = qjs_take_exception(ctx);
                char *msg = qjs_format_exception(ctx, exc);
                fprintf(stderr, "agent: uncaught: %s\n", msg ? msg : "?");
                free(msg);
            } else {
                drain_jobs(rt);
            }
        }
        if (sab)
            qjs_ref_free(sab);
        free(id);
    }
    pthread_mutex_lock(&lock);
    a->done = true;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    if (a->callback)
        qjs_ref_free(a->callback);
    a->callback = NULL;
    if (rt)
        qjs_runtime_free(rt);
    return NULL;
}

/* ---- in the main agent ---- */

/* start(source): runs source in a new agent; returns once it runs. */
static QJSValue agent_start(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *src = qjs_to_cstring(ctx, arg(argc, argv, 0), NULL);
    if (!src)
        return qjs_null();
    Agent *a = calloc(1, sizeof *a);
    if (!a || !(a->source = strdup(src))) {
        free(a);
        qjs_free_cstring(src);
        return qjs_throw_error(ctx, "Error", "out of memory");
    }
    qjs_free_cstring(src);
    pthread_mutex_lock(&lock);
    a->seen = bc_generation;
    if (pthread_create(&a->tid, NULL, agent_main, a) != 0) {
        pthread_mutex_unlock(&lock);
        free(a->source);
        free(a);
        return qjs_throw_error(ctx, "Error", "cannot start an agent thread");
    }
    a->next = agents;
    agents = a;
    while (!a->running)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return qjs_undefined();
}

/* broadcast(sab, id): hands both to every agent and waits until each has
 * taken them (or ended). */
static QJSValue agent_broadcast(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    QJSSharedBlock *b = qjs_sab_block_ref(ctx, arg(argc, argv, 0));
    if (!b)
        return qjs_null();
    QJSValue idv = arg(argc, argv, 1);
    char *id = qjs_to_cstring(ctx, idv, NULL);
    if (!id) {
        qjs_sab_block_unref(b);
        return qjs_null();
    }
    char *copy = strdup(id);
    qjs_free_cstring(id);
    pthread_mutex_lock(&lock);
    if (bc_block)
        qjs_sab_block_unref(bc_block);
    free(bc_id);
    bc_block = b;
    bc_id = copy ? copy : strdup("0");
    bc_is_bigint = qjs_is_bigint(idv);
    unsigned gen = ++bc_generation;
    pthread_cond_broadcast(&cond);
    for (;;) {
        bool waiting = false;
        for (Agent *a = agents; a; a = a->next)
            if (!a->done && a->seen != gen)
                waiting = true;
        if (!waiting)
            break;
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
    return qjs_undefined();
}

/* getReport(): the oldest report not read yet, or null. */
static QJSValue agent_get_report(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    pthread_mutex_lock(&lock);
    Report *r = reports;
    if (r) {
        reports = r->next;
        if (!reports)
            reports_tail = &reports;
    }
    pthread_mutex_unlock(&lock);
    if (!r)
        return qjs_null();
    QJSValue s = qjs_new_string(ctx, r->text, strlen(r->text));
    free(r->text);
    free(r);
    return s;
}

void t262_agent_install(QJSContext *ctx, QJSValue agent_obj)
{
    def_fn(ctx, agent_obj, "start", agent_start, 1);
    def_fn(ctx, agent_obj, "broadcast", agent_broadcast, 2);
    def_fn(ctx, agent_obj, "getReport", agent_get_report, 0);
    def_fn(ctx, agent_obj, "sleep", agent_sleep, 1);
    def_fn(ctx, agent_obj, "monotonicNow", agent_monotonic_now, 0);
}

void t262_agent_finish(void)
{
    pthread_mutex_lock(&lock);
    shutting_down = true;
    pthread_cond_broadcast(&cond);
    Agent *list = agents;
    agents = NULL;
    pthread_mutex_unlock(&lock);
    while (list) {
        Agent *next = list->next;
        pthread_join(list->tid, NULL);
        free(list->source);
        free(list);
        list = next;
    }
    pthread_mutex_lock(&lock);
    while (reports) {
        Report *r = reports;
        reports = r->next;
        free(r->text);
        free(r);
    }
    reports_tail = &reports;
    if (bc_block)
        qjs_sab_block_unref(bc_block);
    bc_block = NULL;
    free(bc_id);
    bc_id = NULL;
    bc_generation = 0;
    shutting_down = false;
    pthread_mutex_unlock(&lock);
}
