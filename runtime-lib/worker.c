/* worker.c: os.Worker (docs/std-os.md): a module run in a thread of its
 * own, with its own runtime, context and event loop, and the two message
 * ports between it and its parent. Messages are structured clones
 * (clone.c) queued on a channel; each queue has a pipe whose read end
 * the receiving loop watches while the port has an onmessage handler, so
 * a waiting loop sleeps in poll(2) and a worker with a handler keeps its
 * parent's loop alive. When the sending side is gone (the worker's loop
 * ended, or the parent terminated it) the pipe reads end of file: the
 * receiver delivers what is queued and stops watching. A worker's
 * uncaught errors travel the same queue to the parent's onerror, in
 * order with its messages, while the parent has one. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt_int.h"

enum { TO_WORKER, TO_PARENT };

typedef struct MsgNode {
    struct MsgNode *next;
    JSCloneMessage *msg;
    bool error;             /* an uncaught error of the worker: { message, error } */
} MsgNode;

typedef struct Queue {
    MsgNode *head, *tail;
    int rfd, wfd;           /* the pipe; -1 once closed */
} Queue;

/* Shared by the two threads; every field is guarded by lock except
 * terminated, which the worker's interrupt handler reads. terminate()
 * closes term_w, so the worker's loop, which polls term_r beside its
 * watchers, wakes at once from any wait, and wakes the worker runtime's
 * Atomics.wait calls (qjs_runtime_wake_waits), which then end. */
typedef struct Channel {
    pthread_mutex_t lock;
    int refs;
    Queue q[2];
    int term_r, term_w;
    atomic_bool terminated;
    atomic_bool errors_to_parent;   /* the parent's onerror is a function */
    QJSRuntime *worker_rt;  /* the worker's runtime while it exists */
    char *name;             /* module name the worker runs */
} Channel;

/* One end of a channel in one runtime: a Worker object (the parent's
 * side, receiving from q[TO_PARENT]) or os.Worker.parent (receiving
 * from q[TO_WORKER]). */
typedef struct Port {
    Channel *ch;
    int in, out;            /* queue indexes */
    QJSContext *ctx;
    QJSRef *self;           /* while watching: keeps the object alive */
    QJSRef *handler;        /* onmessage, or NULL */
    QJSRef *error_handler;  /* a Worker's onerror, or NULL */
    bool watching, done;
} Port;

static void port_finalize(QJSRuntime *rt, void *data);
static const QJSHostClass port_class = { "Worker", port_finalize };

/* The channel of the worker running in this thread (its parent port). */
static _Thread_local Channel *self_channel;

static void port_finalize(QJSRuntime *rt, void *data);
/* ---- channels ---- */

static void channel_unref(Channel *ch)
{
    pthread_mutex_lock(&ch->lock);
    bool last = --ch->refs == 0;
    pthread_mutex_unlock(&ch->lock);
    if (!last)
        return;
    for (int i = 0; i < 2; i++) {
        for (MsgNode *n = ch->q[i].head, *next; n; n = next) {
            next = n->next;
            js_rt_clone_free(n->msg);
            free(n);
        }
        if (ch->q[i].rfd >= 0)
            close(ch->q[i].rfd);
        if (ch->q[i].wfd >= 0)
            close(ch->q[i].wfd);
    }
    close(ch->term_r);
    if (ch->term_w >= 0)
        close(ch->term_w);
    pthread_mutex_destroy(&ch->lock);
    free(ch->name);
    free(ch);
}

static Channel *channel_new(const char *name)
{
    Channel *ch = calloc(1, sizeof *ch);
    if (!ch)
        return NULL;
    ch->q[0].rfd = ch->q[0].wfd = ch->q[1].rfd = ch->q[1].wfd = -1;
    int p[3][2];
    for (int i = 0; i < 3; i++) {
        if (pipe(p[i]) < 0) {
            while (i-- > 0) {
                close(p[i][0]);
                close(p[i][1]);
            }
            free(ch);
            return NULL;
        }
        for (int j = 0; j < 2; j++) {
            fcntl(p[i][j], F_SETFL, fcntl(p[i][j], F_GETFL) | O_NONBLOCK);
            fcntl(p[i][j], F_SETFD, FD_CLOEXEC);
        }
    }
    for (int i = 0; i < 2; i++) {
        ch->q[i].rfd = p[i][0];
        ch->q[i].wfd = p[i][1];
    }
    ch->term_r = p[2][0];
    ch->term_w = p[2][1];
    pthread_mutex_init(&ch->lock, NULL);
    ch->refs = 2;
    ch->name = strdup(name);
    if (!ch->name) {
        ch->refs = 1;
        channel_unref(ch);
        return NULL;
    }
    return ch;
}

/* Queues msg (a message, or an error when error) on q and wakes its
 * reader; false (msg freed) if the writing end is closed already. */
static bool channel_send(Channel *ch, int qi, JSCloneMessage *msg, bool error)
{
    MsgNode *n = malloc(sizeof *n);
    pthread_mutex_lock(&ch->lock);
    Queue *q = &ch->q[qi];
    bool ok = n && q->wfd >= 0;
    if (ok) {
        n->next = NULL;
        n->msg = msg;
        n->error = error;
        if (q->tail)
            q->tail->next = n;
        else
            q->head = n;
        q->tail = n;
        /* a full pipe already has a wake-up pending: the reader empties the whole queue */
        ssize_t w = write(q->wfd, "", 1);
        (void)w;
    }
    pthread_mutex_unlock(&ch->lock);
    if (!ok) {
        free(n);
        js_rt_clone_free(msg);
    }
    return ok;
}

static JSCloneMessage *channel_take(Channel *ch, int qi, bool *error)
{
    pthread_mutex_lock(&ch->lock);
    Queue *q = &ch->q[qi];
    MsgNode *n = q->head;
    if (n) {
        q->head = n->next;
        if (!q->head)
            q->tail = NULL;
    }
    pthread_mutex_unlock(&ch->lock);
    JSCloneMessage *m = n ? n->msg : NULL;
    *error = n && n->error;
    free(n);
    return m;
}

/* The writer of queue qi is done: its reader sees end of file. */
static void channel_close_writer(Channel *ch, int qi)
{
    pthread_mutex_lock(&ch->lock);
    if (ch->q[qi].wfd >= 0)
        close(ch->q[qi].wfd);
    ch->q[qi].wfd = -1;
    pthread_mutex_unlock(&ch->lock);
}

/* ---- ports ---- */

static void port_stop(Port *p)
{
    if (p->watching) {
        qjs_loop_watch_fd(p->ctx, p->ch->q[p->in].rfd, QJS_LOOP_READ, NULL, NULL);
        p->watching = false;
    }
    if (p->self) {
        qjs_ref_free(p->self);
        p->self = NULL;
    }
}

/* ev ({ message, error } from the worker) to onerror; when the parent
 * has dropped its handler since the worker sent it, printed here as the
 * worker would have. */
static void port_deliver_error(QJSContext *ctx, Port *p, QJSRef *self, QJSValue ev)
{
    if (p->error_handler) {
        QJSValue r = qjs_call(ctx, qjs_ref_get(p->error_handler), self ? qjs_ref_get(self) : qjs_undefined(), 1, &ev);
        if (qjs_is_exception(r))
            qjs_loop_report_exception(ctx);
        return;
    }
    QJSRef *er = qjs_ref_new(ctx, ev);
    QJSValue what = er ? qjs_get_prop_str(ctx, ev, "error") : qjs_undefined();
    if (er && !qjs_is_exception(what) && qjs_is_undefined(what))
        what = qjs_get_prop_str(ctx, qjs_ref_get(er), "message");
    char *text = qjs_is_exception(what) ? NULL : qjs_format_exception(ctx, what);
    if (qjs_is_exception(what))
        (void)qjs_take_exception(ctx);
    fflush(stdout);
    fprintf(stderr, "Uncaught %s\n", text ? text : "error in a worker");
    free(text);
    if (er)
        qjs_ref_free(er);
}

static void port_on_readable(QJSContext *ctx, int fd, int dir, void *opaque)
{
    Port *p = opaque;
    char buf[256];
    bool eof = false;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            eof = true;
        if (n <= 0 && !(n < 0 && errno == EINTR))
            break;
    }
    if (dir & QJS_LOOP_CLOSED)
        eof = true;
    /* the port object stays alive while this runs: p->self is freed last */
    QJSRef *keep = p->self ? qjs_ref_new(ctx, qjs_ref_get(p->self)) : NULL;
    JSCloneMessage *m;
    bool error;
    while (!p->done && (m = channel_take(p->ch, p->in, &error))) {
        QJSValue data = js_rt_clone_deserialize(ctx, m);
        js_rt_clone_free(m);
        if (qjs_is_exception(data)) {
            qjs_loop_report_exception(ctx);
            continue;
        }
        if (error) {
            port_deliver_error(ctx, p, keep, data);
            qjs_loop_checkpoint(ctx);
            continue;
        }
        QJSRef *dr = qjs_ref_new(ctx, data);
        QJSValue ev = qjs_new_object(ctx);
        if (qjs_is_exception(ev) || qjs_define_prop_str(ctx, ev, "data", qjs_ref_get(dr)) < 0) {
            qjs_ref_free(dr);
            qjs_loop_report_exception(ctx);
            continue;
        }
        qjs_ref_free(dr);
        if (p->handler) {
            QJSValue r = qjs_call(ctx, qjs_ref_get(p->handler), keep ? qjs_ref_get(keep) : qjs_undefined(), 1, &ev);
            if (qjs_is_exception(r))
                qjs_loop_report_exception(ctx);
        }
        qjs_loop_checkpoint(ctx);
    }
    if (eof && !p->done) {
        p->done = true;
        port_stop(p);
    }
    if (keep)
        qjs_ref_free(keep);
}

/* onmessage or onerror (*slot) = fn: the port watches its queue while
 * either is a function. */
static int port_set_handler(QJSContext *ctx, Port *p, QJSRef **slot, QJSValue obj, QJSValue fn)
{
    if (*slot) {
        qjs_ref_free(*slot);
        *slot = NULL;
    }
    if (qjs_is_function(fn) && !(*slot = qjs_ref_new(ctx, fn))) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return -1;
    }
    if (slot == &p->error_handler)
        atomic_store(&p->ch->errors_to_parent, *slot != NULL);
    if (!p->handler && !p->error_handler) {
        port_stop(p);
        return 0;
    }
    if (p->done || p->watching)
        return 0;
    p->self = qjs_ref_new(ctx, obj);
    if (!p->self || qjs_loop_watch_fd(ctx, p->ch->q[p->in].rfd, QJS_LOOP_READ, port_on_readable, p) < 0) {
        qjs_throw_error(ctx, "InternalError", "cannot watch the worker's message pipe");
        return -1;
    }
    p->watching = true;
    return 0;
}

static Port *port_of(QJSContext *ctx, QJSValue v)
{
    Port *p = qjs_get_host_data(v, &port_class);
    if (!p)
        qjs_throw_error(ctx, "TypeError", "not a Worker or its parent port");
    return p;
}

/* v as a Worker made in this thread (not os.Worker.parent), else NULL
 * with a TypeError saying that what is only for one. */
static Port *worker_of(QJSContext *ctx, QJSValue v, const char *what)
{
    Port *p = port_of(ctx, v);
    if (p && p->in != TO_PARENT) {
        char msg[80];
        snprintf(msg, sizeof msg, "%s is for a Worker of this thread", what);
        qjs_throw_error(ctx, "TypeError", msg);
        return NULL;
    }
    return p;
}

static QJSValue port_post_message(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    Port *p = port_of(ctx, this_val);
    if (!p)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    JSCloneMessage *m = js_rt_clone_serialize(ctx, argv[0], argv[1]);
    if (!m)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    channel_send(p->ch, p->out, m, false);  /* to a worker that ended: dropped, as in HTML */
    return qjs_undefined();
}

/* The getters of onmessage and onerror. */
static QJSValue port_get_handler(QJSContext *ctx, QJSValue this_val, bool error)
{
    Port *p = port_of(ctx, this_val);
    if (!p)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    QJSRef *h = error ? p->error_handler : p->handler;
    return h ? qjs_ref_get(h) : qjs_null();
}

static QJSValue port_get_onmessage(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return port_get_handler(ctx, this_val, false);
}

static QJSValue port_set_onmessage(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    Port *p = port_of(ctx, this_val);
    if (!p || port_set_handler(ctx, p, &p->handler, this_val, argv[0]) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    return qjs_undefined();
}

static QJSValue port_get_onerror(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return port_get_handler(ctx, this_val, true);
}

/* worker.onerror = fn: the worker's uncaught errors come here instead of
 * being printed by the worker (a Worker's attribute: the parent port of
 * a worker has no errors to receive). */
static QJSValue port_set_onerror(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    Port *p = worker_of(ctx, this_val, "onerror");
    if (!p || port_set_handler(ctx, p, &p->error_handler, this_val, argv[0]) < 0)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    return qjs_undefined();
}

/* worker.terminate(): the worker's running JS is interrupted, its loop
 * ends at its next turn, and no message of it is delivered any more. */
static QJSValue worker_terminate(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    Port *p = worker_of(ctx, this_val, "terminate()");
    if (!p)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    atomic_store(&p->ch->terminated, true);
    pthread_mutex_lock(&p->ch->lock);
    if (p->ch->term_w >= 0)
        close(p->ch->term_w);
    p->ch->term_w = -1;
    if (p->ch->worker_rt)
        qjs_runtime_wake_waits(p->ch->worker_rt);
    pthread_mutex_unlock(&p->ch->lock);
    channel_close_writer(p->ch, TO_WORKER);
    p->done = true;
    port_stop(p);
    return qjs_undefined();
}

/* The Worker host object's data is freed by the collector only when no
 * loop watches it (a watched port is rooted by p->self). */
static void port_finalize(QJSRuntime *rt, void *data)
{
    Port *p = data;
    if (!p)
        return;
    if (p->in == TO_PARENT) {
        /* nobody can post to the worker any more: its parent port reads end of file */
        channel_close_writer(p->ch, TO_WORKER);
    }
    channel_unref(p->ch);
    free(p);
}

/* ---- the worker's module ---- */

/* The module name of a worker specifier: relative to the script or
 * module calling the constructor, else to the module of the worker
 * running in this thread or to the main module (else to the current
 * directory); it must exist (on disk, or compiled in). Malloc'ed, or
 * NULL with an Error naming the file. */
static char *worker_resolve(QJSContext *ctx, const char *spec)
{
    /* level 0 is the Worker class's constructor (runtime-lib/js/worker_class.js), 1 its caller */
    char *base = NULL;
    QJSValue caller = qjs_get_script_name(ctx, 1);
    if (qjs_is_exception(caller))
        return NULL;
    if (qjs_is_string(caller)) {
        char *s = qjs_to_cstring(ctx, caller, NULL);
        if (!s)
            return NULL;
        base = strdup(s);
        qjs_free_cstring(s);
    }
    if (!base && self_channel) {
        base = strdup(self_channel->name);
    } else if (!base) {
        QJSValue mn = js_rt_slot_get(ctx, RT_SLOT_MAIN_MODULE);
        if (qjs_is_string(mn)) {
            char *s = qjs_to_cstring(ctx, mn, NULL);
            base = s ? strdup(s) : NULL;
            qjs_free_cstring(s);
        }
    }
    char *name;
    bool embedded = js_rt_embedded_on();
    if (embedded && spec[0] != '/') {
        /* compiled programs name their files relative to the entry's folder */
        char *joined = malloc(strlen(spec) + (base ? strlen(base) : 0) + 2);
        name = joined;
        if (joined) {
            const char *slash = base ? strrchr(base, '/') : NULL;
            size_t n = slash ? (size_t)(slash - base + 1) : 0;
            memcpy(joined, base, n);
            strcpy(joined + n, spec);
            qjs_runtime_fold_path(joined);
        }
    } else {
        name = qjs_runtime_resolve_module(base && base[0] != '<' ? base : "", spec);
        if (!name && strcmp(spec, "std") && strcmp(spec, "os"))
            name = qjs_runtime_resolve_module(NULL, spec);
    }
    free(base);
    if (!name) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return NULL;
    }
    const char *why = NULL;
    if (embedded && name[0] != '/')
        why = js_rt_embedded_format(name) == QJS_FORMAT_ESM ? NULL : "not a module compiled into this program";
    else if (access(name, R_OK) < 0)
        why = strerror(errno);
    if (why) {
        size_t n = strlen(spec) + strlen(name) + strlen(why) + 64;
        char *msg = malloc(n);
        if (msg) {
            snprintf(msg, n, "cannot load worker module '%s' (%s): %s", spec, name, why);
            qjs_throw_error(ctx, "Error", msg);
            free(msg);
        } else {
            qjs_throw_error(ctx, "InternalError", "out of memory");
        }
        free(name);
        return NULL;
    }
    return name;
}

static QJSValue worker_module_rejected(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    qjs_throw(ctx, argv[0]);
    qjs_loop_report_exception(ctx);
    return qjs_undefined();
}

/* Evaluates the worker's module name (from disk, or from the program's
 * embedded bytecode). The promise of its evaluation, or an exception. */
static QJSValue worker_run_module(QJSContext *ctx, const char *name)
{
    QJSValue unit;
    if (js_rt_embedded_on() && name[0] != '/') {
        unit = js_rt_embedded_worker_unit(ctx, name);
    } else {
        FILE *f = fopen(name, "rb");
        if (!f)
            return qjs_throw_error(ctx, "Error", strerror(errno));
        char *src = NULL;
        size_t len = 0, cap = 0, n;
        char buf[8192];
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
            if (len + n > cap) {
                cap = (len + n) * 2;
                char *ns = realloc(src, cap);
                if (!ns) {
                    free(src);
                    fclose(f);
                    return qjs_throw_error(ctx, "InternalError", "out of memory");
                }
                src = ns;
            }
            memcpy(src + len, buf, n);
            len += n;
        }
        fclose(f);
        unit = qjs_compile(ctx, src ? src : "", len, name, QJS_EVAL_MODULE);
        free(src);
    }
    if (qjs_is_exception(unit))
        return unit;
    QJSValue p = qjs_eval_compiled(ctx, unit);
    if (qjs_is_exception(p))
        return p;
    /* a rejection of the evaluation, now or after a top-level await, is
     * reported once, as an uncaught error */
    QJSRef *pr = qjs_ref_new(ctx, p);
    QJSValue handler = qjs_new_function(ctx, worker_module_rejected, "", 1);
    QJSRef *hr = qjs_is_exception(handler) ? NULL : qjs_ref_new(ctx, handler);
    QJSValue then = pr && hr ? qjs_get_prop_str(ctx, qjs_ref_get(pr), "then") : qjs_undefined();
    QJSValue args[2] = { qjs_undefined(), hr ? qjs_ref_get(hr) : qjs_undefined() };
    QJSValue r = !pr || !hr ? qjs_throw_error(ctx, "InternalError", "out of memory")
        : qjs_is_exception(then) ? then : qjs_call(ctx, then, qjs_ref_get(pr), 2, args);
    if (hr)
        qjs_ref_free(hr);
    if (pr)
        qjs_ref_free(pr);
    return r;
}

/* ---- the worker thread ---- */

/* The worker's uncaught errors (js_rt_loop_set_error_hook): while the
 * parent has an onerror, sent to it as { message, error } (message: the
 * first line of the error as printed; error: a structured clone of the
 * thrown value, left out when it cannot be cloned) instead of printed;
 * once terminated, dropped. */
static bool worker_error_hook(QJSContext *ctx, QJSValue exc, void *opaque)
{
    Channel *ch = opaque;
    if (atomic_load(&ch->terminated))
        return true;            /* the interruption itself, or later: nobody is told */
    if (!atomic_load(&ch->errors_to_parent))
        return false;
    QJSRef *er = qjs_ref_new(ctx, exc);
    char *text = er ? qjs_format_exception(ctx, exc) : NULL;
    bool sent = false;
    for (int with_error = 1; text && with_error >= 0 && !sent; with_error--) {
        QJSValue ev = qjs_new_object(ctx);
        QJSRef *evr = qjs_is_exception(ev) ? NULL : qjs_ref_new(ctx, ev);
        QJSValue msg = qjs_new_string(ctx, text, strcspn(text, "\n"));
        JSCloneMessage *m = NULL;
        if (evr && !qjs_is_exception(msg) &&
            qjs_set_prop_str(ctx, qjs_ref_get(evr), "message", msg) == 0 &&
            (!with_error || qjs_set_prop_str(ctx, qjs_ref_get(evr), "error", qjs_ref_get(er)) == 0))
            m = js_rt_clone_serialize(ctx, qjs_ref_get(evr), qjs_undefined());
        if (m)
            sent = channel_send(ch, TO_PARENT, m, true);
        else
            (void)qjs_take_exception(ctx);
        if (evr)
            qjs_ref_free(evr);
    }
    free(text);
    if (er)
        qjs_ref_free(er);
    return sent;
}

static int worker_interrupt(QJSRuntime *rt, void *opaque)
{
    Channel *ch = opaque;
    return atomic_load(&ch->terminated);
}

/* The worker's event loop. It waits itself (the loop API for hosts with
 * a main loop of their own), on the loop's descriptors and the
 * terminate pipe, so terminate() ends any wait at once. */
static void worker_loop(QJSContext *ctx, Channel *ch)
{
    struct pollfd *fds = NULL;
    int cap = 0;
    while (!atomic_load(&ch->terminated) && qjs_loop_run_once(ctx, 0)) {
        int64_t d = qjs_loop_next_deadline(ctx);
        if (d == 0)
            continue;
        int n = qjs_loop_poll_fds(ctx, fds ? fds + 1 : NULL, cap > 0 ? cap - 1 : 0);
        if (n + 1 > cap) {
            struct pollfd *bigger = realloc(fds, (size_t)(n + 1) * sizeof *fds);
            if (bigger) {
                fds = bigger;
                cap = n + 1;
                n = qjs_loop_poll_fds(ctx, fds + 1, cap - 1);
            }
        }
        int wait = d < 0 || d > INT_MAX ? -1 : (int)d;
        if (n + 1 > cap) {
            /* out of memory: the descriptors that fit, and short waits */
            n = cap > 0 ? cap - 1 : 0;
            wait = wait < 0 || wait > 10 ? 10 : wait;
        }
        struct pollfd one;
        struct pollfd *set = fds ? fds : &one;
        set[0] = (struct pollfd){ .fd = ch->term_r, .events = POLLIN };
        poll(set, (nfds_t)n + 1, wait);
    }
    free(fds);
}

/* Runs the module of ch in a new runtime; its loop runs until empty or
 * the worker is terminated. */
static void *worker_main(void *opaque)
{
    Channel *ch = opaque;
    self_channel = ch;
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = rt ? qjs_context_new(rt) : NULL;
    pthread_mutex_lock(&ch->lock);
    ch->worker_rt = rt;
    pthread_mutex_unlock(&ch->lock);
    if (!ctx) {
        fprintf(stderr, "Worker %s: cannot create its runtime\n", ch->name);
    } else if (qjs_runtime_add_console(ctx) < 0 || qjs_runtime_add_timers(ctx) < 0 ||
               qjs_runtime_add_web(ctx) < 0 || qjs_runtime_add_std_os(ctx, 0, NULL) < 0 ||
               qjs_runtime_add_module_loader(ctx) < 0) {
        qjs_loop_report_exception(ctx);
    } else {
        qjs_set_interrupt_handler(rt, worker_interrupt, ch);
        if (js_rt_loop_set_error_hook(ctx, worker_error_hook, ch) < 0)
            qjs_loop_report_exception(ctx);
        QJSValue r = worker_run_module(ctx, ch->name);
        if (qjs_is_exception(r) && !atomic_load(&ch->terminated))
            qjs_loop_report_exception(ctx);
        else if (qjs_is_exception(r))
            (void)qjs_take_exception(ctx);
        worker_loop(ctx, ch);
    }
    fflush(stdout);
    channel_close_writer(ch, TO_PARENT);
    pthread_mutex_lock(&ch->lock);
    ch->worker_rt = NULL;
    pthread_mutex_unlock(&ch->lock);
    if (rt)
        qjs_runtime_free(rt);
    self_channel = NULL;
    channel_unref(ch);
    return NULL;
}

/* ---- the constructor ---- */

/* make(specifier, prototype): the body of the Worker class's constructor
 * (the public API makes no native constructors: a small class calls this
 * with new.target.prototype). */
static QJSValue worker_make(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    QJSValue proto = argv[1];
    QJSRef *pr = qjs_ref_new(ctx, proto);
    char *spec = qjs_to_cstring(ctx, argv[0], NULL);
    if (!spec || !pr) {
        if (pr)
            qjs_ref_free(pr);
        return qjs_throw(ctx, qjs_take_exception(ctx));
    }
    char *name = worker_resolve(ctx, spec);
    qjs_free_cstring(spec);
    if (!name) {
        qjs_ref_free(pr);
        return qjs_throw(ctx, qjs_take_exception(ctx));
    }
    Channel *ch = channel_new(name);
    free(name);
    Port *p = ch ? calloc(1, sizeof *p) : NULL;
    if (!p) {
        if (ch) {
            ch->refs = 1;
            channel_unref(ch);
        }
        qjs_ref_free(pr);
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    p->ch = ch;
    p->in = TO_PARENT;
    p->out = TO_WORKER;
    p->ctx = ctx;
    QJSValue obj = qjs_new_host_object(ctx, &port_class, qjs_ref_get(pr), p);
    qjs_ref_free(pr);
    if (qjs_is_exception(obj)) {
        ch->refs = 1;
        channel_unref(ch);
        free(p);
        return obj;
    }
    pthread_attr_t attr;
    pthread_t tid;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 8u << 20);
    int err = pthread_create(&tid, &attr, worker_main, ch);
    pthread_attr_destroy(&attr);
    if (err) {
        /* the object's finalizer drops the parent's reference; drop the thread's */
        channel_close_writer(ch, TO_PARENT);
        channel_unref(ch);
        return qjs_throw_error(ctx, "Error", "cannot start the worker's thread");
    }
    return obj;
}

/* proto.name as an accessor (get, set), enumerable as WebIDL makes
 * attributes. 0, or -1 with an exception pending. */
static int define_handler(QJSContext *ctx, QJSValue proto, const char *name, QJSNativeFunction *get,
                          QJSNativeFunction *set)
{
    char fname[32];
    int r = -1;
    QJSRef *pr = qjs_ref_new(ctx, proto), *gr = NULL;
    if (!pr) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return -1;
    }
    snprintf(fname, sizeof fname, "get %s", name);
    QJSValue g = qjs_new_function(ctx, get, fname, 0);
    if (!qjs_is_exception(g) && !(gr = qjs_ref_new(ctx, g)))
        qjs_throw_error(ctx, "InternalError", "out of memory");
    if (gr) {
        snprintf(fname, sizeof fname, "set %s", name);
        QJSValue sf = qjs_new_function(ctx, set, fname, 1);
        if (!qjs_is_exception(sf))
            r = qjs_define_accessor_str(ctx, qjs_ref_get(pr), name, qjs_ref_get(gr), sf, true);
        qjs_ref_free(gr);
    }
    qjs_ref_free(pr);
    return r;
}


int js_rt_os_add_worker(QJSContext *ctx, QJSValue os)
{
    QJSValue maker = JS_RT_LIBRARY_JS(ctx, worker_class);
    if (qjs_is_exception(maker))
        return -1;
    QJSRef *mr = qjs_ref_new(ctx, maker);
    QJSValue make = qjs_new_function(ctx, worker_make, "make", 2);
    QJSValue ctor = !mr || qjs_is_exception(make) ? make : qjs_call(ctx, qjs_ref_get(mr), qjs_undefined(), 1, &make);
    if (mr)
        qjs_ref_free(mr);
    if (qjs_is_exception(ctor) || !mr)
        return mr ? -1 : (qjs_throw_error(ctx, "InternalError", "out of memory"), -1);
    QJSRef *cr = qjs_ref_new(ctx, ctor);
    QJSValue proto = qjs_get_prop_str(ctx, ctor, "prototype");
    QJSRef *prr = qjs_is_exception(proto) ? NULL : qjs_ref_new(ctx, proto);
    int st = -1;
    if (!cr || !prr)
        goto done;
    if (qjs_define_prop_str(ctx, qjs_ref_get(prr), "postMessage", qjs_new_function(ctx, port_post_message, "postMessage", 2)) < 0 ||
        qjs_define_prop_str(ctx, qjs_ref_get(prr), "terminate", qjs_new_function(ctx, worker_terminate, "terminate", 0)) < 0)
        goto done;
    if (define_handler(ctx, qjs_ref_get(prr), "onmessage", port_get_onmessage, port_set_onmessage) < 0 ||
        define_handler(ctx, qjs_ref_get(prr), "onerror", port_get_onerror, port_set_onerror) < 0)
        goto done;
    /* in a worker: os.Worker.parent, the port to the thread that made it */
    QJSValue parent = qjs_null();
    if (self_channel) {
        Port *p = calloc(1, sizeof *p);
        if (!p) {
            qjs_throw_error(ctx, "InternalError", "out of memory");
            goto done;
        }
        p->ch = self_channel;
        p->in = TO_WORKER;
        p->out = TO_PARENT;
        p->ctx = ctx;
        pthread_mutex_lock(&self_channel->lock);
        self_channel->refs++;
        pthread_mutex_unlock(&self_channel->lock);
        parent = qjs_new_host_object(ctx, &port_class, qjs_ref_get(prr), p);
        if (qjs_is_exception(parent)) {
            channel_unref(self_channel);
            free(p);
            goto done;
        }
    }
    if (qjs_define_prop_str(ctx, qjs_ref_get(cr), "parent", parent) < 0 ||
        qjs_define_prop_str(ctx, os, "Worker", qjs_ref_get(cr)) < 0)
        goto done;
    st = 0;
done:
    if (!cr || (!prr && !qjs_is_exception(proto)))
        qjs_throw_error(ctx, "InternalError", "out of memory");
    if (cr)
        qjs_ref_free(cr);
    if (prr)
        qjs_ref_free(prr);
    return st;
}
