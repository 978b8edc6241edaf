/* test_shared_memory.c: SharedArrayBuffer blocks shared between two
 * runtimes in two threads through the public API (qjs_sab_block_ref,
 * qjs_new_shared_array_buffer): stores seen across threads,
 * Atomics.wait/notify across runtimes, growth seen by both, the block
 * outliving the runtime that made it, and qjs_runtime_wake_waits ending
 * a wait from another thread only when the interrupt handler says so. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qjs.h"
#include "unit_check.h"

static QJSSharedBlock *block;
static double thread_result;

static double eval_number(QJSContext *ctx, const char *src)
{
    QJSValue v = qjs_eval(ctx, src, strlen(src), "test", 0);
    if (qjs_is_exception(v)) {
        char *m = qjs_format_exception(ctx, qjs_take_exception(ctx));
        fprintf(stderr, "exception: %s\n", m ? m : "?");
        free(m);
        return -1;
    }
    return qjs_is_number(v) ? qjs_get_number(v) : -2;
}

/* The second runtime: waits on element 0 until the first thread stores
 * and notifies, then reads element 1 and grows the buffer. */
static void *other_thread(void *arg)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    QJSValue sab = qjs_new_shared_array_buffer(ctx, block);
    CHECK(qjs_define_prop_str(ctx, qjs_get_global(ctx), "sab", sab) == 0);
    thread_result = eval_number(ctx,
        "var a = new Int32Array(sab);"
        "Atomics.store(a, 2, 1);"                      /* ready */
        "var r = Atomics.wait(a, 0, 0, 10000);"
        "sab.grow(32);"
        "Atomics.store(a, 2, 2);"                      /* done */
        "r === 'ok' || r === 'not-equal' ? Atomics.load(a, 1) : -3");
    qjs_runtime_free(rt);
    return NULL;
}

/* The waiting runtime of the wake test and what its handler says. */
static QJSRuntime *_Atomic waiting_rt;
static atomic_bool stop_waiting, wait_done;
static char wait_result[128];

static int stop_handler(QJSRuntime *rt, void *opaque)
{
    return atomic_load(&stop_waiting);
}

/* Waits forever on element 3 (after storing 2 in element 2); records how
 * the wait ended. */
static void *waiting_thread(void *arg)
{
    QJSRuntime *rt = qjs_runtime_new();   /* on the thread that runs it: its stack bounds */
    QJSContext *ctx = qjs_context_new(rt);
    qjs_set_interrupt_handler(rt, stop_handler, NULL);
    atomic_store(&waiting_rt, rt);
    CHECK(qjs_define_prop_str(ctx, qjs_get_global(ctx), "sab", qjs_new_shared_array_buffer(ctx, block)) == 0);
    const char *src = "var a = new Int32Array(sab); Atomics.store(a, 2, 2); Atomics.wait(a, 3, 0)";
    QJSValue v = qjs_eval(ctx, src, strlen(src), "wait", 0);
    QJSValue shown = qjs_is_exception(v) ? qjs_take_exception(ctx) : v;
    char *text = qjs_is_exception(v) ? qjs_format_exception(ctx, shown) : qjs_to_cstring(ctx, shown, NULL);
    snprintf(wait_result, sizeof wait_result, "%s", text ? text : "?");
    if (qjs_is_exception(v))
        free(text);
    else
        qjs_free_cstring(text);
    atomic_store(&wait_done, true);
    return NULL;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

static void test_wake_waits(QJSContext *ctx)
{
    CHECK(eval_number(ctx, "Atomics.store(a, 2, 0); Atomics.store(a, 3, 0)") == 0);
    pthread_t tid;
    pthread_create(&tid, NULL, waiting_thread, NULL);
    for (int i = 0; i < 10000 && eval_number(ctx, "Atomics.load(a, 2)") != 2; i++)
        sleep_ms(1);
    sleep_ms(50);               /* in the wait by now */
    /* the handler says go on: the wait goes on */
    qjs_runtime_wake_waits(waiting_rt);
    sleep_ms(50);
    CHECK(!atomic_load(&wait_done));
    /* the handler says stop: the wait ends with "interrupted" */
    atomic_store(&stop_waiting, true);
    qjs_runtime_wake_waits(waiting_rt);
    for (int i = 0; i < 10000 && !atomic_load(&wait_done); i++)
        sleep_ms(1);
    CHECK_MSG(atomic_load(&wait_done), "the woken wait did not end");
    if (!atomic_load(&wait_done))
        return;                 /* the thread is stuck: leave it */
    pthread_join(tid, NULL);
    CHECK_MSG(strstr(wait_result, "interrupted") != NULL, "the wait ended with %s", wait_result);
    qjs_runtime_free(waiting_rt);
}

int main(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    CHECK(eval_number(ctx, "var sab = new SharedArrayBuffer(16, { maxByteLength: 64 });"
                           "var a = new Int32Array(sab); a.length") == 4);
    block = qjs_sab_block_ref(ctx, qjs_get_prop_str(ctx, qjs_get_global(ctx), "sab"));
    CHECK(block != NULL);
    CHECK(qjs_sab_block_ref(ctx, qjs_new_object(ctx)) == NULL);
    CHECK(qjs_has_exception(ctx));
    (void)qjs_take_exception(ctx);

    pthread_t tid;
    pthread_create(&tid, NULL, other_thread, NULL);
    CHECK(eval_number(ctx,
        "while (Atomics.load(a, 2) !== 1) ;"
        "Atomics.store(a, 1, 42); Atomics.store(a, 0, 1);"
        "var n = 0; while (Atomics.load(a, 2) === 1 && n === 0) n = Atomics.notify(a, 0); 0") == 0);
    pthread_join(tid, NULL);
    CHECK(thread_result == 42);
    /* the other runtime grew the shared block: this one sees it */
    CHECK(eval_number(ctx, "sab.byteLength") == 32);
    CHECK(eval_number(ctx, "a.length") == 8);   /* length-tracking view */
    test_wake_waits(ctx);
    qjs_runtime_free(rt);

    /* the block outlives the runtime that made it */
    rt = qjs_runtime_new();
    ctx = qjs_context_new(rt);
    CHECK(qjs_define_prop_str(ctx, qjs_get_global(ctx), "sab", qjs_new_shared_array_buffer(ctx, block)) == 0);
    qjs_sab_block_unref(block);
    CHECK(eval_number(ctx, "new Int32Array(sab)[1]") == 42);
    qjs_runtime_gc(rt);
    CHECK(eval_number(ctx, "sab.byteLength") == 32);
    qjs_runtime_free(rt);

    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
