/* threads.c (docs/embedding.md): one runtime per thread. Each thread
 * creates its own runtime, runs its own script and frees it; no value
 * crosses between runtimes (results go back as C data). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "qjs.h"

typedef struct Task {
    int n;              /* input */
    double result;      /* output */
    int ok;
} Task;

static void *worker(void *arg)
{
    Task *t = arg;
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    if (!rt || !ctx)
        return NULL;
    /* A runtime is sized for the stack of the thread that creates it, so
     * nothing more is needed here; qjs_runtime_set_stack_size is for a
     * runtime used from another thread than its creator. */
    char src[160];
    snprintf(src, sizeof src,
             "let fib = [0, 1]; for (let i = 2; i <= %d; i++) fib.push(fib[i - 1] + fib[i - 2]); fib[%d]",
             t->n, t->n);
    QJSValue v = qjs_eval(ctx, src, strlen(src), "worker.js", 0);
    if (qjs_is_number(v)) {
        t->result = qjs_get_number(v);
        t->ok = 1;
    }
    qjs_runtime_free(rt);
    return NULL;
}

int main(void)
{
    enum { N = 4 };
    pthread_t th[N];
    Task tasks[N];
    for (int i = 0; i < N; i++) {
        tasks[i] = (Task){ .n = 10 * (i + 1) };
        if (pthread_create(&th[i], NULL, worker, &tasks[i]) != 0)
            return 1;
    }
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        if (!tasks[i].ok)
            return 1;
        printf("fib(%d) = %.0f\n", tasks[i].n, tasks[i].result);
    }
    return 0;
}
