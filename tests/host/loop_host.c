/* loop_host: a C host that adds its own descriptor to the runtime
 * library's event loop (qjs_loop_watch_fd) and drives the loop from its
 * own poll(2) loop (qjs_loop_poll_fds, qjs_loop_next_deadline,
 * qjs_loop_run_once with no wait). Prints what happens; the test
 * compares it with loop_host.expected. */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qjs.h"
#include "qjs_runtime.h"

static int host_pipe[2];
static int host_reads;

/* The host's own watcher: reads a byte and hands it to JS (onByte). */
static void on_host_fd(QJSContext *ctx, int fd, int dir, void *opaque)
{
    char c;
    if (read(fd, &c, 1) != 1) {
        printf("host: end of input, watcher removed\n");
        qjs_loop_watch_fd(ctx, fd, QJS_LOOP_READ, NULL, NULL);
        close(fd);
        return;
    }
    host_reads++;
    QJSValue fn = qjs_get_prop_str(ctx, qjs_get_global(ctx), "onByte");
    char s[2] = { c, 0 };
    QJSValue arg = qjs_new_string(ctx, s, 1);
    QJSValue r = qjs_call(ctx, fn, qjs_undefined(), 1, &arg);
    if (qjs_is_exception(r))
        qjs_loop_report_exception(ctx);
}

static const char script[] =
    "globalThis.onByte = (c) => {\n"
    "  console.log('js got', c);\n"
    "  Promise.resolve().then(() => console.log('microtask after', c));\n"
    "};\n"
    "setTimeout(() => { console.log('timer'); os.write(" "WFD" ", new Uint8Array([120]).buffer); }, 10);\n"
    "const [r, w] = os.pipe();\n"
    "os.setReadHandler(r, () => { os.setReadHandler(r, null); console.log('js handler'); });\n"
    "os.write(w, new Uint8Array([1]).buffer);\n";

int main(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    if (pipe(host_pipe) < 0 || qjs_runtime_add_console(ctx) < 0 || qjs_runtime_add_timers(ctx) < 0 ||
        qjs_runtime_add_std_os(ctx, 0, NULL) < 0)
        return 1;
    printf("bad fd: %d\n", qjs_loop_watch_fd(ctx, 12345, QJS_LOOP_READ, on_host_fd, NULL));
    if (qjs_loop_watch_fd(ctx, host_pipe[0], QJS_LOOP_READ, on_host_fd, NULL) < 0)
        return 1;
    /* the script writes "x" to the host's pipe from a timer */
    char src[1024], wfd[16];
    snprintf(wfd, sizeof wfd, "%d", host_pipe[1]);
    const char *at = strstr(script, "WFD");
    snprintf(src, sizeof src, "%.*s%s%s", (int)(at - script), script, wfd, at + 3);
    QJSValue r = qjs_eval(ctx, src, strlen(src), "host.js", 0);
    if (qjs_is_exception(r)) {
        qjs_loop_report_exception(ctx);
        return 1;
    }
    write(host_pipe[1], "a", 1);
    /* the host's own main loop */
    int turns = 0;
    for (;;) {
        struct pollfd fds[8];
        int n = qjs_loop_poll_fds(ctx, fds, 8);
        int64_t deadline = qjs_loop_next_deadline(ctx);
        if (n == 0 && deadline < 0)
            break;
        if (host_reads == 2 && deadline < 0 && host_pipe[1] >= 0) {
            close(host_pipe[1]);    /* the end of the host's input */
            host_pipe[1] = -1;
        }
        poll(fds, (nfds_t)n, deadline < 0 ? 1000 : (int)deadline);
        qjs_loop_run_once(ctx, 0);
        turns++;
    }
    printf("loop empty, status %d\n", qjs_loop_exit_status(ctx));
    qjs_runtime_free(rt);
    return 0;
}
