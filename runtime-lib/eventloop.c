/* The event loop of the runtime library: timers (a min-heap ordered by
 * deadline then creation, plus an id table), descriptor watchers served
 * by poll(2) (JS read/write handlers and C callbacks), signals (a
 * process-wide self-pipe; handlers run as loop events), the microtask
 * checkpoint (promise jobs, ClearKeptObjects, unhandled rejection
 * reports), pending FinalizationRegistry cleanup jobs, error reporting
 * and the exit status. One LoopState per runtime, kept in the runtime's
 * lib-data slot. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                 /* pipe2, clock_gettime */
#endif
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rt_int.h"

/* A timer. Its callback and arguments live in a JS array [fn, args...]
 * held by `call`. While it runs it is out of the heap but still in the
 * id table, so clearInterval from its own callback finds it. */
typedef struct Timer {
    int64_t deadline;       /* ms on the monotonic clock */
    uint64_t seq;           /* creation order, breaks deadline ties */
    int64_t interval;       /* ms for setInterval, -1 for setTimeout */
    int32_t id;
    uint32_t heap_index;    /* position in the heap, or NOT_IN_HEAP */
    bool cancelled;         /* cleared while running */
    bool unref;             /* does not keep the loop alive (js_rt_loop_set_timeout_unref) */
    QJSRef *call;
} Timer;

#define NOT_IN_HEAP UINT32_MAX
#define TOMBSTONE ((Timer *)1)

typedef struct Rejection {
    QJSContext *ctx;
    QJSRef *promise, *reason;
} Rejection;

/* A descriptor watcher: one per (fd, direction). Either a C callback
 * (qjs_loop_watch_fd) or a JS function (os.setReadHandler), called with
 * no argument. A watcher removed while the loop dispatches is only
 * marked dead and freed once the dispatch is over. */
typedef struct Watcher {
    int fd;
    int dir;                /* QJS_LOOP_READ or QJS_LOOP_WRITE */
    bool dead;
    QJSLoopFdCallback *cb;
    void *opaque;
    QJSContext *ctx;        /* the context a JS handler runs in */
    QJSRef *fn;             /* the JS handler, or NULL */
} Watcher;

/* A value kept for one context (rt_int.h). */
typedef struct Slot {
    QJSContext *ctx;
    int slot;
    QJSRef *ref;
} Slot;

typedef struct LoopState {
    QJSRuntime *rt;
    int64_t now;            /* the turn's clock reading, ms */
    Timer **heap;
    uint32_t heap_len, heap_cap;
    uint32_t heap_unref;    /* how many timers of the heap are unref'ed */
    Timer **ids;            /* open addressing by id; NULL empty, TOMBSTONE deleted */
    uint32_t ids_cap, ids_used;
    int32_t next_id;
    uint64_t next_seq;
    Rejection *rejections;  /* rejected promises without a handler yet */
    size_t rej_len, rej_cap;
    QJSRef **cleanups;      /* registries with a pending cleanup job */
    size_t cleanup_len, cleanup_cap;
    bool cleanup_oom;       /* a registry could not be recorded */
    Slot *slots;
    size_t slot_len, slot_cap;
    Watcher **watchers;
    size_t watch_len, watch_cap;
    int dispatching;        /* > 0 while watcher callbacks run */
    QJSContext *sig_ctx;    /* the context signal handlers run in */
    QJSRef *sig_fns[QJS_LOOP_NSIG];   /* os.signal handlers, by number */
    int sig_count;          /* how many are set */
    JSRtErrorHook *error_hook;  /* takes uncaught errors before they print */
    void *error_hook_opaque;
    int status;
} LoopState;

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- timer heap ---- */

static bool timer_before(const Timer *a, const Timer *b)
{
    return a->deadline < b->deadline || (a->deadline == b->deadline && a->seq < b->seq);
}

static void heap_set(LoopState *ls, uint32_t i, Timer *t)
{
    ls->heap[i] = t;
    t->heap_index = i;
}

static void heap_sift_up(LoopState *ls, uint32_t i)
{
    Timer *t = ls->heap[i];
    while (i > 0) {
        uint32_t parent = (i - 1) / 2;
        if (!timer_before(t, ls->heap[parent]))
            break;
        heap_set(ls, i, ls->heap[parent]);
        i = parent;
    }
    heap_set(ls, i, t);
}

static void heap_sift_down(LoopState *ls, uint32_t i)
{
    Timer *t = ls->heap[i];
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= ls->heap_len)
            break;
        if (c + 1 < ls->heap_len && timer_before(ls->heap[c + 1], ls->heap[c]))
            c++;
        if (!timer_before(ls->heap[c], t))
            break;
        heap_set(ls, i, ls->heap[c]);
        i = c;
    }
    heap_set(ls, i, t);
}

static int heap_push(LoopState *ls, Timer *t)
{
    if (ls->heap_len == ls->heap_cap) {
        uint32_t ncap = ls->heap_cap ? ls->heap_cap * 2 : 16;
        Timer **n = realloc(ls->heap, ncap * sizeof *n);
        if (!n)
            return -1;
        ls->heap = n;
        ls->heap_cap = ncap;
    }
    heap_set(ls, ls->heap_len++, t);
    heap_sift_up(ls, t->heap_index);
    ls->heap_unref += t->unref;
    return 0;
}

static void heap_remove(LoopState *ls, Timer *t)
{
    uint32_t i = t->heap_index;
    if (i == NOT_IN_HEAP)
        return;
    t->heap_index = NOT_IN_HEAP;
    ls->heap_unref -= t->unref;
    Timer *last = ls->heap[--ls->heap_len];
    if (last == t)
        return;
    heap_set(ls, i, last);
    heap_sift_up(ls, i);
    heap_sift_down(ls, last->heap_index);
}

/* ---- id table ---- */

static uint32_t id_slot(LoopState *ls, int32_t id)
{
    return ((uint32_t)id * 2654435761u) & (ls->ids_cap - 1);
}

static Timer *id_find(LoopState *ls, int32_t id)
{
    if (!ls->ids_cap)
        return NULL;
    for (uint32_t i = id_slot(ls, id);; i = (i + 1) & (ls->ids_cap - 1)) {
        Timer *t = ls->ids[i];
        if (!t)
            return NULL;
        if (t != TOMBSTONE && t->id == id)
            return t;
    }
}

static int id_insert(LoopState *ls, Timer *t)
{
    if ((ls->ids_used + 1) * 2 > ls->ids_cap) {
        uint32_t ncap = ls->ids_cap ? ls->ids_cap * 2 : 32;
        Timer **old = ls->ids;
        uint32_t old_cap = ls->ids_cap;
        Timer **n = calloc(ncap, sizeof *n);
        if (!n)
            return -1;
        ls->ids = n;
        ls->ids_cap = ncap;
        ls->ids_used = 0;
        for (uint32_t i = 0; i < old_cap; i++)
            if (old[i] && old[i] != TOMBSTONE)
                id_insert(ls, old[i]);
        free(old);
    }
    uint32_t i = id_slot(ls, t->id);
    while (ls->ids[i] && ls->ids[i] != TOMBSTONE)
        i = (i + 1) & (ls->ids_cap - 1);
    if (!ls->ids[i])
        ls->ids_used++;
    ls->ids[i] = t;
    return 0;
}

static void id_remove(LoopState *ls, Timer *t)
{
    if (!ls->ids_cap)
        return;
    for (uint32_t i = id_slot(ls, t->id);; i = (i + 1) & (ls->ids_cap - 1)) {
        if (!ls->ids[i])
            return;
        if (ls->ids[i] == t) {
            ls->ids[i] = TOMBSTONE;
            return;
        }
    }
}

static void timer_free(LoopState *ls, Timer *t)
{
    id_remove(ls, t);
    qjs_ref_free(t->call);
    free(t);
}

/* ---- state ---- */

static void signals_release(LoopState *ls);
static void watchers_compact(LoopState *ls);

static void loop_free(QJSRuntime *rt, void *data)
{
    LoopState *ls = data;
    signals_release(ls);
    for (size_t i = 0; i < ls->watch_len; i++) {
        qjs_ref_free(ls->watchers[i]->fn);
        free(ls->watchers[i]);
    }
    free(ls->watchers);
    for (uint32_t i = 0; i < ls->heap_len; i++) {
        qjs_ref_free(ls->heap[i]->call);
        free(ls->heap[i]);
    }
    for (size_t i = 0; i < ls->rej_len; i++) {
        qjs_ref_free(ls->rejections[i].promise);
        qjs_ref_free(ls->rejections[i].reason);
    }
    for (size_t i = 0; i < ls->cleanup_len; i++)
        qjs_ref_free(ls->cleanups[i]);
    for (size_t i = 0; i < ls->slot_len; i++)
        qjs_ref_free(ls->slots[i].ref);
    free(ls->slots);
    free(ls->heap);
    free(ls->ids);
    free(ls->rejections);
    free(ls->cleanups);
    free(ls);
    qjs_set_promise_rejection_tracker(rt, NULL, NULL);
    qjs_set_finalization_cleanup_hook(rt, NULL, NULL);
}

/* HostPromiseRejectionTracker: remember rejected promises that have no
 * handler; forget them when a handler comes before the checkpoint ends. */
static void track_rejection(QJSContext *ctx, QJSValue promise, QJSValue reason, bool is_handled, void *opaque)
{
    LoopState *ls = opaque;
    if (is_handled) {
        for (size_t i = 0; i < ls->rej_len; i++) {
            if (qjs_ref_get(ls->rejections[i].promise) == promise) {
                qjs_ref_free(ls->rejections[i].promise);
                qjs_ref_free(ls->rejections[i].reason);
                memmove(&ls->rejections[i], &ls->rejections[i + 1],
                        (ls->rej_len - i - 1) * sizeof(Rejection));
                ls->rej_len--;
                return;
            }
        }
        return;
    }
    if (ls->rej_len == ls->rej_cap) {
        size_t ncap = ls->rej_cap ? ls->rej_cap * 2 : 8;
        Rejection *n = realloc(ls->rejections, ncap * sizeof *n);
        if (!n)
            return;
        ls->rejections = n;
        ls->rej_cap = ncap;
    }
    Rejection *r = &ls->rejections[ls->rej_len];
    r->ctx = ctx;
    r->promise = qjs_ref_new(ctx, promise);
    r->reason = qjs_ref_new(ctx, reason);
    if (!r->promise || !r->reason) {
        qjs_ref_free(r->promise);
        qjs_ref_free(r->reason);
        return;
    }
    ls->rej_len++;
}

/* Called during a collection: only records the registry (malloc only). */
static void enqueue_cleanup(QJSRuntime *rt, QJSValue registry, void *opaque)
{
    LoopState *ls = opaque;
    for (size_t i = 0; i < ls->cleanup_len; i++)
        if (qjs_ref_get(ls->cleanups[i]) == registry)
            return;
    if (ls->cleanup_len == ls->cleanup_cap) {
        size_t ncap = ls->cleanup_cap ? ls->cleanup_cap * 2 : 8;
        QJSRef **n = realloc(ls->cleanups, ncap * sizeof *n);
        if (!n) {
            ls->cleanup_oom = true;
            return;
        }
        ls->cleanups = n;
        ls->cleanup_cap = ncap;
    }
    QJSRef *ref = qjs_ref_new_rt(rt, registry);
    if (!ref) {
        ls->cleanup_oom = true;
        return;
    }
    ls->cleanups[ls->cleanup_len++] = ref;
}

static LoopState *loop_of(QJSContext *ctx)
{
    return qjs_runtime_get_lib_data(qjs_context_runtime(ctx));
}

int qjs_loop_init(QJSContext *ctx)
{
    QJSRuntime *rt = qjs_context_runtime(ctx);
    if (qjs_runtime_get_lib_data(rt))
        return 0;
    LoopState *ls = calloc(1, sizeof *ls);
    if (!ls)
        return -1;
    ls->rt = rt;
    ls->next_id = 1;
    ls->now = monotonic_ms();
    qjs_runtime_set_lib_data(rt, ls, loop_free);
    if (qjs_runtime_get_lib_data(rt) != ls) {
        free(ls);
        return -1;
    }
    qjs_set_promise_rejection_tracker(rt, track_rejection, ls);
    qjs_set_finalization_cleanup_hook(rt, enqueue_cleanup, ls);
    return 0;
}

QJSValue js_rt_slot_get(QJSContext *ctx, int slot)
{
    LoopState *ls = loop_of(ctx);
    for (size_t i = 0; ls && i < ls->slot_len; i++)
        if (ls->slots[i].ctx == ctx && ls->slots[i].slot == slot)
            return qjs_ref_get(ls->slots[i].ref);
    return qjs_undefined();
}

int js_rt_slot_set(QJSContext *ctx, int slot, QJSValue v)
{
    if (qjs_loop_init(ctx) < 0)
        return -1;
    LoopState *ls = loop_of(ctx);
    for (size_t i = 0; i < ls->slot_len; i++) {
        if (ls->slots[i].ctx == ctx && ls->slots[i].slot == slot) {
            qjs_ref_set(ls->slots[i].ref, v);
            return 0;
        }
    }
    if (ls->slot_len == ls->slot_cap) {
        size_t ncap = ls->slot_cap ? ls->slot_cap * 2 : 4;
        Slot *n = realloc(ls->slots, ncap * sizeof *n);
        if (!n)
            return -1;
        ls->slots = n;
        ls->slot_cap = ncap;
    }
    QJSRef *ref = qjs_ref_new(ctx, v);
    if (!ref)
        return -1;
    ls->slots[ls->slot_len++] = (Slot){ ctx, slot, ref };
    return 0;
}

/* ---- reporting ---- */

static void report(QJSContext *ctx, const char *prefix, QJSValue exc)
{
    LoopState *ls = loop_of(ctx);
    if (ls && ls->error_hook && ls->error_hook(ctx, exc, ls->error_hook_opaque))
        return;
    QJSRef *keep = qjs_ref_new(ctx, exc);
    char *msg = qjs_format_exception(ctx, exc);
    size_t n = msg ? strlen(msg) : 0;
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    fflush(stdout);
    fprintf(stderr, "%s%s\n", prefix, msg ? msg : "exception");
    fflush(stderr);
    free(msg);
    qjs_ref_free(keep);
}

void qjs_loop_report_exception(QJSContext *ctx)
{
    QJSValue exc = qjs_take_exception(ctx);
    report(ctx, "Uncaught ", exc);
    LoopState *ls = loop_of(ctx);
    if (ls)
        ls->status = 1;
}

int js_rt_loop_set_error_hook(QJSContext *ctx, JSRtErrorHook *hook, void *opaque)
{
    if (qjs_loop_init(ctx) < 0)
        return -1;
    LoopState *ls = loop_of(ctx);
    ls->error_hook = hook;
    ls->error_hook_opaque = opaque;
    return 0;
}

int qjs_loop_exit_status(QJSContext *ctx)
{
    LoopState *ls = loop_of(ctx);
    return ls ? ls->status : 0;
}

void qjs_loop_set_exit_status(QJSContext *ctx, int status)
{
    LoopState *ls = loop_of(ctx);
    if (ls)
        ls->status = status;
}

/* ---- checkpoints and jobs ---- */

int qjs_loop_checkpoint(QJSContext *ctx)
{
    LoopState *ls = loop_of(ctx);
    QJSRuntime *rt = qjs_context_runtime(ctx);
    int errors = 0;
    for (;;) {
        QJSContext *job_ctx;
        int st = qjs_run_pending_job(rt, &job_ctx);
        if (st == 0)
            break;
        if (st < 0) {
            qjs_loop_report_exception(job_ctx ? job_ctx : ctx);
            errors = 1;
        }
    }
    qjs_clear_kept_objects(rt);
    /* Rejections still without a handler: report them, oldest first. */
    while (ls && ls->rej_len > 0) {
        Rejection r = ls->rejections[0];
        memmove(&ls->rejections[0], &ls->rejections[1], (ls->rej_len - 1) * sizeof(Rejection));
        ls->rej_len--;
        report(r.ctx, "Uncaught (in promise) ", qjs_ref_get(r.reason));
        qjs_ref_free(r.promise);
        qjs_ref_free(r.reason);
        ls->status = 1;
        errors = 1;
    }
    return errors;
}

/* Runs every pending FinalizationRegistry cleanup job, each followed by
 * its own checkpoint (jobs recorded meanwhile run too). */
static void run_cleanup_jobs(QJSContext *ctx, LoopState *ls)
{
    if (ls->cleanup_oom) {
        ls->cleanup_oom = false;
        fflush(stdout);
        fputs("qjs: out of memory recording a FinalizationRegistry cleanup job\n", stderr);
        ls->status = 1;
    }
    while (ls->cleanup_len > 0) {
        QJSRef *ref = ls->cleanups[0];
        memmove(&ls->cleanups[0], &ls->cleanups[1], (ls->cleanup_len - 1) * sizeof *ls->cleanups);
        ls->cleanup_len--;
        if (qjs_run_finalization_cleanup(ctx, qjs_ref_get(ref)) < 0)
            qjs_loop_report_exception(ctx);
        qjs_ref_free(ref);
        qjs_loop_checkpoint(ctx);
    }
}

/* Runs timer t (already out of the heap) as one macrotask. */
static void run_timer(QJSContext *ctx, LoopState *ls, Timer *t)
{
    QJSValue call = qjs_ref_get(t->call);
    QJSValue fn = qjs_get_index(ctx, call, 0);
    double n = 0;
    QJSValue len = qjs_get_prop_str(ctx, call, "length");
    if (qjs_is_number(len))
        n = qjs_get_number(len);
    int argc = n > 1 ? (int)n - 1 : 0;
    QJSValue *argv = argc ? malloc(argc * sizeof *argv) : NULL;
    if (argc && !argv) {
        argc = 0;
    }
    /* the arguments stay alive in `call`, which the timer holds */
    for (int i = 0; i < argc; i++)
        argv[i] = qjs_get_index(ctx, call, (uint32_t)i + 1);
    QJSValue r = qjs_call(ctx, fn, qjs_undefined(), argc, argv);
    free(argv);
    if (qjs_is_exception(r))
        qjs_loop_report_exception(ctx);
    if (t->cancelled || t->interval < 0) {
        timer_free(ls, t);
    } else {
        t->deadline = ls->now + t->interval;
        t->seq = ls->next_seq++;
        if (heap_push(ls, t) < 0)
            timer_free(ls, t);
    }
    qjs_loop_checkpoint(ctx);
    run_cleanup_jobs(ctx, ls);
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* ---- descriptor watchers ---- */

static size_t live_watchers(LoopState *ls)
{
    size_t n = 0;
    for (size_t i = 0; i < ls->watch_len; i++)
        n += !ls->watchers[i]->dead;
    return n;
}

/* Frees the dead watchers, unless a dispatch is walking the array. */
static void watchers_compact(LoopState *ls)
{
    if (ls->dispatching)
        return;
    size_t j = 0;
    for (size_t i = 0; i < ls->watch_len; i++) {
        Watcher *w = ls->watchers[i];
        if (w->dead) {
            qjs_ref_free(w->fn);
            free(w);
        } else {
            ls->watchers[j++] = w;
        }
    }
    ls->watch_len = j;
}

static Watcher *find_watcher(LoopState *ls, int fd, int dir)
{
    for (size_t i = 0; i < ls->watch_len; i++) {
        Watcher *w = ls->watchers[i];
        if (!w->dead && w->fd == fd && w->dir == dir)
            return w;
    }
    return NULL;
}

static void kill_watcher(Watcher *w)
{
    w->dead = true;
    /* the JS function may be collected now; the struct stays until compaction */
    qjs_ref_free(w->fn);
    w->fn = NULL;
}

/* Installs w in place of the watcher of (fd, dir). 0, or -1 if out of memory. */
static int put_watcher(LoopState *ls, Watcher *w)
{
    Watcher *old = find_watcher(ls, w->fd, w->dir);
    if (old)
        kill_watcher(old);
    if (ls->watch_len == ls->watch_cap) {
        size_t ncap = ls->watch_cap ? ls->watch_cap * 2 : 8;
        Watcher **n = realloc(ls->watchers, ncap * sizeof *n);
        if (!n)
            return -1;
        ls->watchers = n;
        ls->watch_cap = ncap;
    }
    ls->watchers[ls->watch_len++] = w;
    watchers_compact(ls);
    return 0;
}

static bool fd_is_open(int fd)
{
    return fd >= 0 && fcntl(fd, F_GETFD) >= 0;
}

int qjs_loop_watch_fd(QJSContext *ctx, int fd, int dir, QJSLoopFdCallback *cb, void *opaque)
{
    if (qjs_loop_init(ctx) < 0)
        return -ENOMEM;
    if (dir != QJS_LOOP_READ && dir != QJS_LOOP_WRITE)
        return -EINVAL;
    LoopState *ls = loop_of(ctx);
    if (!cb) {      /* removal: also after fd was closed */
        Watcher *old = find_watcher(ls, fd, dir);
        if (old) {
            kill_watcher(old);
            watchers_compact(ls);
        }
        return 0;
    }
    if (!fd_is_open(fd))
        return -EBADF;
    Watcher *w = calloc(1, sizeof *w);
    if (!w)
        return -ENOMEM;
    *w = (Watcher){ .fd = fd, .dir = dir, .cb = cb, .opaque = opaque, .ctx = ctx };
    if (put_watcher(ls, w) < 0) {
        free(w);
        return -ENOMEM;
    }
    return 0;
}

int js_rt_loop_set_handler(QJSContext *ctx, int fd, int dir, QJSValue fn)
{
    if (qjs_loop_init(ctx) < 0)
        return -ENOMEM;
    LoopState *ls = loop_of(ctx);
    if (!qjs_is_function(fn)) {
        Watcher *old = find_watcher(ls, fd, dir);
        if (old) {
            kill_watcher(old);
            watchers_compact(ls);
        }
        return 0;
    }
    if (!fd_is_open(fd))
        return -EBADF;
    Watcher *w = calloc(1, sizeof *w);
    QJSRef *ref = w ? qjs_ref_new(ctx, fn) : NULL;
    if (!ref) {
        free(w);
        return -ENOMEM;
    }
    *w = (Watcher){ .fd = fd, .dir = dir, .ctx = ctx, .fn = ref };
    if (put_watcher(ls, w) < 0) {
        qjs_ref_free(ref);
        free(w);
        return -ENOMEM;
    }
    return 0;
}

/* ---- signals ----
 * Signal dispositions are per process, so the machinery is too: the C
 * handler only sets a flag and writes a byte to a self-pipe (both
 * async-signal-safe); the loop that owns the signals (the last one whose
 * runtime called os.signal) polls the pipe's read end and runs the JS
 * handlers as loop events. */

static int sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t sig_pending[QJS_LOOP_NSIG];
static LoopState *sig_owner;

static void on_signal(int sig)
{
    int saved = errno;
    if (sig > 0 && sig < QJS_LOOP_NSIG)
        sig_pending[sig] = 1;
    if (sig_pipe[1] >= 0) {
        char c = (char)sig;
        ssize_t r = write(sig_pipe[1], &c, 1);   /* a full pipe already wakes the loop */
        (void)r;
    }
    errno = saved;
}

static void set_disposition(int sig, void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(sig, &sa, NULL);
}

/* Restores the default disposition of the signals ls handles. */
static void signals_release(LoopState *ls)
{
    for (int sig = 1; sig < QJS_LOOP_NSIG; sig++) {
        if (ls->sig_fns[sig]) {
            if (sig_owner == ls)
                set_disposition(sig, SIG_DFL);
            qjs_ref_free(ls->sig_fns[sig]);
            ls->sig_fns[sig] = NULL;
        }
    }
    ls->sig_count = 0;
    if (sig_owner == ls)
        sig_owner = NULL;
}

int js_rt_loop_set_signal(QJSContext *ctx, int sig, int mode, QJSValue fn)
{
    if (sig <= 0 || sig >= QJS_LOOP_NSIG || sig == SIGKILL || sig == SIGSTOP)
        return -EINVAL;
    if (qjs_loop_init(ctx) < 0)
        return -ENOMEM;
    LoopState *ls = loop_of(ctx);
    if (sig_pipe[0] < 0 && pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
        return -errno;
    if (ls->sig_fns[sig]) {
        qjs_ref_free(ls->sig_fns[sig]);
        ls->sig_fns[sig] = NULL;
        ls->sig_count--;
    }
    if (mode != RT_SIGNAL_HANDLE) {
        set_disposition(sig, mode == RT_SIGNAL_IGNORE ? SIG_IGN : SIG_DFL);
        return 0;
    }
    QJSRef *ref = qjs_ref_new(ctx, fn);
    if (!ref)
        return -ENOMEM;
    ls->sig_fns[sig] = ref;
    ls->sig_count++;
    ls->sig_ctx = ctx;
    sig_owner = ls;
    sig_pending[sig] = 0;
    set_disposition(sig, on_signal);
    return 0;
}

/* Runs the handlers of the signals received since the last call, each as
 * a macrotask followed by a checkpoint. */
static void run_signals(LoopState *ls)
{
    char buf[64];
    while (read(sig_pipe[0], buf, sizeof buf) > 0)
        ;
    for (int sig = 1; sig < QJS_LOOP_NSIG; sig++) {
        if (!sig_pending[sig])
            continue;
        sig_pending[sig] = 0;
        if (!ls->sig_fns[sig])
            continue;
        QJSContext *ctx = ls->sig_ctx;
        QJSRef *keep = qjs_ref_new(ctx, qjs_ref_get(ls->sig_fns[sig]));
        QJSValue arg = qjs_number(sig);
        QJSValue r = qjs_call(ctx, qjs_ref_get(keep), qjs_undefined(), 1, &arg);
        qjs_ref_free(keep);
        if (qjs_is_exception(r))
            qjs_loop_report_exception(ctx);
        qjs_loop_checkpoint(ctx);
        run_cleanup_jobs(ctx, ls);
    }
}

/* True if a signal ls handles arrived and its handler has not run yet. */
static bool signals_pending(LoopState *ls)
{
    if (sig_owner != ls || ls->sig_count == 0)
        return false;
    for (int sig = 1; sig < QJS_LOOP_NSIG; sig++)
        if (sig_pending[sig] && ls->sig_fns[sig])
            return true;
    return false;
}

/* ---- one turn ---- */

/* Work left: timers, jobs, watchers, or a received signal to handle
 * (handlers waiting for signals do not count). */
static bool loop_alive(LoopState *ls)
{
    return ls->heap_len > ls->heap_unref || qjs_has_pending_jobs(ls->rt) || ls->cleanup_len > 0 ||
           live_watchers(ls) > 0 || signals_pending(ls);
}

/* Polls the watched descriptors (and the signal pipe) for up to wait_ms
 * (-1: forever), then runs the callbacks of the ready ones, each as a
 * macrotask followed by a checkpoint. */
static void poll_and_dispatch(QJSContext *ctx, LoopState *ls, int64_t wait_ms)
{
    size_t n = ls->watch_len;
    bool sigs = sig_owner == ls && sig_pipe[0] >= 0;
    struct pollfd stack_fds[16];
    struct pollfd *fds = n + 1 <= 16 ? stack_fds : malloc((n + 1) * sizeof *fds);
    if (!fds) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        qjs_loop_report_exception(ctx);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        Watcher *w = ls->watchers[i];
        fds[i].fd = w->dead ? -1 : w->fd;
        fds[i].events = w->dir == QJS_LOOP_READ ? POLLIN : POLLOUT;
        fds[i].revents = 0;
    }
    fds[n] = (struct pollfd){ .fd = sigs ? sig_pipe[0] : -1, .events = POLLIN };
    if (wait_ms > INT32_MAX)
        wait_ms = INT32_MAX;
    int r = poll(fds, n + 1, (int)wait_ms);
    ls->now = monotonic_ms();
    if (r > 0) {
        if (fds[n].revents & POLLIN)
            run_signals(ls);
        ls->dispatching++;
        for (size_t i = 0; i < n; i++) {
            Watcher *w = ls->watchers[i];
            if (w->dead || !fds[i].revents)
                continue;
            if (fds[i].revents & POLLNVAL) {
                char msg[128];
                snprintf(msg, sizeof msg, "descriptor %d was closed while the loop watched it "
                         "for %s; its handler is removed", w->fd,
                         w->dir == QJS_LOOP_READ ? "reading" : "writing");
                kill_watcher(w);
                if (w->cb) {
                    w->cb(w->ctx, w->fd, w->dir | QJS_LOOP_CLOSED, w->opaque);
                } else {
                    qjs_throw_error(w->ctx, "Error", msg);
                    qjs_loop_report_exception(w->ctx);
                }
                continue;
            }
            if (w->cb) {
                w->cb(w->ctx, w->fd, w->dir, w->opaque);
            } else {
                QJSRef *keep = qjs_ref_new(w->ctx, qjs_ref_get(w->fn));
                QJSValue res = qjs_call(w->ctx, qjs_ref_get(keep), qjs_undefined(), 0, NULL);
                qjs_ref_free(keep);
                if (qjs_is_exception(res))
                    qjs_loop_report_exception(w->ctx);
            }
            qjs_loop_checkpoint(ctx);
            run_cleanup_jobs(ctx, ls);
        }
        ls->dispatching--;
        watchers_compact(ls);
    }
    if (fds != stack_fds)
        free(fds);
}

int qjs_loop_run_once(QJSContext *ctx, int timeout_ms)
{
    if (qjs_loop_init(ctx) < 0)
        return 0;
    LoopState *ls = loop_of(ctx);
    /* Always a checkpoint first, even with no job pending: it ends the
     * synchronous code that ran before this turn (the main script, or
     * whatever the embedder evaluated), so its kept WeakRef targets are
     * released (ClearKeptObjects) and its rejections reported. With
     * nothing pending it costs nothing. */
    qjs_loop_checkpoint(ctx);
    run_cleanup_jobs(ctx, ls);
    /* signal handlers alone do not keep the loop alive */
    if (!loop_alive(ls))
        return 0;
    bool io = live_watchers(ls) > 0 || (sig_owner == ls && ls->sig_count > 0);
    ls->now = monotonic_ms();
    /* how long to wait: until the first timer, within the caller's limit */
    int64_t wait = -1;
    if (ls->heap_len > 0)
        wait = ls->heap[0]->deadline > ls->now ? ls->heap[0]->deadline - ls->now : 0;
    if (timeout_ms >= 0 && (wait < 0 || wait > timeout_ms))
        wait = timeout_ms;
    if (qjs_has_pending_jobs(ls->rt) || ls->cleanup_len > 0)
        wait = 0;
    /* Descriptors and signals are polled every turn (without waiting when
     * a timer is due), so a busy timer cannot starve them. */
    if (io)
        poll_and_dispatch(ctx, ls, wait);
    else if (wait > 0)
        sleep_ms(wait);
    ls->now = monotonic_ms();
    if (ls->heap_len > 0 && ls->heap[0]->deadline <= ls->now) {
        Timer *t = ls->heap[0];
        heap_remove(ls, t);
        run_timer(ctx, ls, t);
    }
    return loop_alive(ls);
}

int qjs_loop_run(QJSContext *ctx)
{
    while (qjs_loop_run_once(ctx, -1) > 0)
        ;
    return qjs_loop_exit_status(ctx);
}

int qjs_loop_poll_fds(QJSContext *ctx, struct pollfd *fds, int max)
{
    LoopState *ls = loop_of(ctx);
    int n = 0;
    for (size_t i = 0; ls && i < ls->watch_len; i++) {
        Watcher *w = ls->watchers[i];
        if (w->dead)
            continue;
        if (n < max)
            fds[n] = (struct pollfd){ .fd = w->fd, .events = w->dir == QJS_LOOP_READ ? POLLIN : POLLOUT };
        n++;
    }
    if (ls && sig_owner == ls && ls->sig_count > 0) {
        if (n < max)
            fds[n] = (struct pollfd){ .fd = sig_pipe[0], .events = POLLIN };
        n++;
    }
    return n;
}

int64_t qjs_loop_next_deadline(QJSContext *ctx)
{
    LoopState *ls = loop_of(ctx);
    QJSRuntime *rt = qjs_context_runtime(ctx);
    if (qjs_has_pending_jobs(rt) || (ls && ls->cleanup_len > 0))
        return 0;
    if (!ls || ls->heap_len == 0)
        return -1;
    int64_t d = ls->heap[0]->deadline - monotonic_ms();
    return d < 0 ? 0 : d;
}

/* ---- setTimeout and friends ---- */

static QJSValue throw_oom(QJSContext *ctx)
{
    return qjs_throw_error(ctx, "InternalError", "out of memory");
}

/* setTimeout(fn, delay, ...args) / setInterval. The deadline counts from
 * the turn's clock reading, or from now with fresh_clock (os.sleepAsync,
 * which promises to wait at least the delay). */
static QJSValue add_timer(QJSContext *ctx, int argc, QJSValue *argv, bool repeat, bool fresh_clock)
{
    if (qjs_loop_init(ctx) < 0)
        return throw_oom(ctx);
    LoopState *ls = loop_of(ctx);
    if (argc < 1 || !qjs_is_function(argv[0]))
        return qjs_throw_error(ctx, "TypeError", "The \"callback\" argument must be of type function");
    double delay = 1;
    if (argc > 1 && !qjs_is_undefined(argv[1])) {
        if (qjs_to_number(ctx, &delay, argv[1]) < 0)
            return qjs_throw(ctx, qjs_take_exception(ctx));
    }
    /* as Node: a delay outside [1, 2^31-1] (NaN included) becomes 1 */
    if (!(delay >= 1 && delay <= 2147483647.0))
        delay = 1;
    int64_t ms = (int64_t)delay;    /* ceil: delay is in [1, 2^31-1] */
    if (ms < delay)
        ms++;
    QJSValue call = qjs_new_array(ctx);
    if (qjs_is_exception(call))
        return call;
    QJSRef *ref = qjs_ref_new(ctx, call);
    if (!ref)
        return throw_oom(ctx);
    for (int i = 0; i < argc; i++) {
        if (i == 1)
            continue;
        if (qjs_set_index(ctx, call, (uint32_t)(i == 0 ? 0 : i - 1), argv[i]) < 0) {
            qjs_ref_free(ref);
            return qjs_throw(ctx, qjs_take_exception(ctx));
        }
    }
    Timer *t = calloc(1, sizeof *t);
    if (!t) {
        qjs_ref_free(ref);
        return throw_oom(ctx);
    }
    t->call = ref;
    t->interval = repeat ? ms : -1;
    t->deadline = (fresh_clock ? monotonic_ms() : ls->now) + ms;
    t->seq = ls->next_seq++;
    t->id = ls->next_id++;
    if (ls->next_id == INT32_MAX)
        ls->next_id = 1;
    t->heap_index = NOT_IN_HEAP;
    if (id_insert(ls, t) < 0 || heap_push(ls, t) < 0) {
        timer_free(ls, t);
        return throw_oom(ctx);
    }
    return qjs_number(t->id);
}

int js_rt_loop_set_timeout(QJSContext *ctx, double ms, QJSValue fn)
{
    QJSValue argv[2] = { fn, qjs_number(ms) };
    return qjs_is_exception(add_timer(ctx, 2, argv, false, true)) ? -1 : 0;
}

int js_rt_loop_set_timeout_unref(QJSContext *ctx, double ms, QJSValue fn)
{
    QJSValue argv[2] = { fn, qjs_number(ms) };
    QJSValue id = add_timer(ctx, 2, argv, false, false);
    if (qjs_is_exception(id))
        return -1;
    LoopState *ls = loop_of(ctx);
    Timer *t = id_find(ls, (int32_t)qjs_get_number(id));
    heap_remove(ls, t);
    t->unref = true;
    heap_push(ls, t);   /* cannot fail: the heap had room for it */
    return 0;
}

static QJSValue js_set_timeout(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return add_timer(ctx, argc, argv, false, false);
}

static QJSValue js_set_interval(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return add_timer(ctx, argc, argv, true, false);
}

/* clearTimeout(id) / clearInterval(id): unknown ids are ignored. */
static QJSValue js_clear_timer(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    LoopState *ls = loop_of(ctx);
    if (!ls || argc < 1 || !qjs_is_number(argv[0]))
        return qjs_undefined();
    double d = qjs_get_number(argv[0]);
    if (!(d >= 1 && d < INT32_MAX) || d != (int32_t)d)
        return qjs_undefined();
    Timer *t = id_find(ls, (int32_t)d);
    if (!t)
        return qjs_undefined();
    if (t->heap_index == NOT_IN_HEAP) {
        /* running now: run_timer frees it after the callback */
        t->cancelled = true;
        id_remove(ls, t);
        return qjs_undefined();
    }
    heap_remove(ls, t);
    timer_free(ls, t);
    return qjs_undefined();
}

int js_rt_loop_add_os_timers(QJSContext *ctx, QJSValue os)
{
    QJSRef *ref = qjs_ref_new(ctx, os);
    int r = qjs_define_prop_str(ctx, os, "setTimeout", qjs_new_function(ctx, js_set_timeout, "setTimeout", 2));
    if (r == 0)
        r = qjs_define_prop_str(ctx, qjs_ref_get(ref), "clearTimeout", qjs_new_function(ctx, js_clear_timer, "clearTimeout", 1));
    qjs_ref_free(ref);
    return r;
}

int qjs_runtime_add_timers(QJSContext *ctx)
{
    if (qjs_loop_init(ctx) < 0) {
        throw_oom(ctx);
        return -1;
    }
    QJSValue global = qjs_get_global(ctx);
    if (qjs_define_prop_str(ctx, global, "setTimeout", qjs_new_function(ctx, js_set_timeout, "setTimeout", 2)) < 0 ||
        qjs_define_prop_str(ctx, global, "setInterval", qjs_new_function(ctx, js_set_interval, "setInterval", 2)) < 0 ||
        qjs_define_prop_str(ctx, global, "clearTimeout", qjs_new_function(ctx, js_clear_timer, "clearTimeout", 1)) < 0 ||
        qjs_define_prop_str(ctx, global, "clearInterval", qjs_new_function(ctx, js_clear_timer, "clearInterval", 1)) < 0)
        return -1;
    return 0;
}

static QJSValue js_gc(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    qjs_runtime_gc(qjs_context_runtime(ctx));
    return qjs_undefined();
}

int qjs_runtime_add_gc(QJSContext *ctx)
{
    return qjs_define_prop_str(ctx, qjs_get_global(ctx), "gc", qjs_new_function(ctx, js_gc, "gc", 0));
}
