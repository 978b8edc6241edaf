/* qjs: runs a JavaScript file (a classic script, or a module with
 * --module / a .mjs name, its imports loaded by the runtime library's
 * file module loader), a string given with -e, or the script read from
 * standard input ("-", or no file with stdin not a terminal), then runs
 * the event loop of the runtime library (promise jobs, timers, I/O) to
 * completion; with no file on a terminal, the interactive REPL. An
 * uncaught error prints its message and stack on stderr and exits 1; a
 * bad command line prints usage and exits 2. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qjs.h"
#include "qjs_runtime.h"

static const char usage_text[] =
    "usage: qjs [options] [file.js | - [args...]]\n"
    "Runs a JavaScript file as a classic script (a .mjs file, or any file\n"
    "with --module, as an ES module; a .cjs file as a CommonJS module).\n"
    "\"-\" reads the script from standard input, as does no file when\n"
    "standard input is not a terminal; with no file on a terminal, qjs\n"
    "starts an interactive REPL (history in ~/.qjs_history; Ctrl-C cancels\n"
    "a line, Ctrl-D or .exit leaves).\n"
    "\n"
    "options:\n"
    "  -e, --eval CODE      evaluate CODE (instead of a file)\n"
    "  -m, --module         run the file or CODE as an ES module\n"
    "      --script         run the file as a classic script even if it ends in .mjs\n"
    "      --strict         run a classic script in strict mode\n"
    "  -d, --dump-bytecode  print the bytecode of the compiled code instead of running it\n"
    "      --memory-limit N limit the heap to N bytes (suffixes k, M, G)\n"
    "      --stack-size N   limit native recursion to N bytes (suffixes k, M)\n"
    "      --timeout S      stop the program after S seconds (an uncatchable\n"
    "                       InternalError \"interrupted\" in running code, exit 1)\n"
    "      --expose-gc      define gc(), which runs a full garbage collection\n"
    "  -h, --help           print this help and exit\n"
    "  -v, --version        print the version and exit\n"
    "\n"
    "Globals provided: console (log/info/debug to stdout, warn/error to stderr,\n"
    "formatted like Node), print(...) (arguments converted to strings, space\n"
    "separated), setTimeout/setInterval/clearTimeout/clearInterval, the std\n"
    "and os objects (docs/std-os.md), scriptArgs = [file, args...].\n"
    "Modules: import and import() (from scripts too) resolve \"./x\", \"../x\"\n"
    "against the importing file and keep \"/x\"; \"std\" and \"os\" are built in;\n"
    "a .json file or `with { type: \"json\" }` is a JSON module. import.meta.url\n"
    "is the file:// URL of the module, import.meta.main is true in the main one.\n"
    "A module's top-level await may wait for timers; if its evaluation fails\n"
    "(also after an await) the error is reported and qjs exits with status 1.\n"
    "GC stress: build with -DQJS_GC_STRESS=ON and set QJS_GC_STRESS=N.\n"
    "Exit status: 0 on success, 1 on an uncaught error or unhandled promise\n"
    "rejection, 2 on a bad command line.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("qjs: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n", stderr);
    fputs(usage_text, stderr);
    return 2;
}

/* The whole file (stdin for "-"), NUL-terminated; NULL with errno. */
static char *read_file(const char *path, size_t *len_out)
{
    bool is_stdin = !strcmp(path, "-");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    if (!is_stdin)
        fclose(f);
    if (buf) {
        buf[len] = '\0';
        *len_out = len;
    }
    return buf;
}

static bool parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return false;
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end)
        return false;
    *out = (size_t)v;
    return true;
}

/* The runtime library's globals, and scriptArgs. 0, or -1 with an
 * exception pending. */
static int add_globals(QJSContext *ctx, int argc, char **argv, bool expose_gc)
{
    if (qjs_runtime_add_console(ctx) < 0 || qjs_runtime_add_timers(ctx) < 0 ||
        qjs_runtime_add_web(ctx) < 0 ||
        qjs_runtime_add_std_os(ctx, argc, argv) < 0 || qjs_runtime_add_module_loader(ctx) < 0 ||
        (expose_gc && qjs_runtime_add_gc(ctx) < 0))
        return -1;
    QJSValue global = qjs_get_global(ctx);
    QJSValue args = qjs_new_array(ctx);
    QJSRef *args_ref = qjs_ref_new(ctx, args);
    int st = qjs_is_exception(args) ? -1 : qjs_define_prop_str(ctx, global, "scriptArgs", args);
    for (int i = 0; st == 0 && i < argc; i++) {
        QJSValue s = qjs_new_string(ctx, argv[i], strlen(argv[i]));
        st = qjs_is_exception(s) ? -1 : qjs_set_index(ctx, args, (uint32_t)i, s);
    }
    qjs_ref_free(args_ref);
    return st;
}

/* --timeout: the interrupt handler stops running JS once the deadline
 * has passed; the event loop of a script is driven here and stops too.
 * A program still alive a second later (asleep outside JS, in a module's
 * event loop) is ended by SIGALRM. */
static double timeout_deadline;
static bool timed_out;

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int timeout_interrupt(QJSRuntime *rt, void *opaque)
{
    if (!timed_out && monotonic_seconds() >= timeout_deadline)
        timed_out = true;
    return timed_out;
}

static void timeout_alarm(int sig)
{
    static const char msg[] = "qjs: timed out\n";
    if (write(2, msg, sizeof msg - 1) < 0) {
        /* nothing more to do: exiting anyway */
    }
    _exit(1);
}

static void timeout_start(QJSRuntime *rt, double seconds)
{
    timeout_deadline = monotonic_seconds() + seconds;
    qjs_set_interrupt_handler(rt, timeout_interrupt, NULL);
    signal(SIGALRM, timeout_alarm);
    alarm((unsigned)seconds + 2);
}

/* The event loop until it is empty or the deadline passed. */
static int run_loop_with_timeout(QJSContext *ctx)
{
    for (;;) {
        double left = timeout_deadline - monotonic_seconds();
        if (timed_out || left <= 0) {
            fflush(stdout);
            fputs("qjs: timed out\n", stderr);
            return 1;
        }
        if (qjs_loop_run_once(ctx, (int)(left * 1000) + 1) <= 0)
            return qjs_loop_exit_status(ctx);
    }
}

/* The source of a module that imports the CommonJS file path (by its
 * absolute name, as a JSON string literal), or NULL. Malloc'ed. */
static char *cjs_main_source(const char *path, size_t *len)
{
    char *abs = qjs_runtime_resolve_module(NULL, path);
    if (!abs)
        return NULL;
    size_t n = strlen(abs);
    char *src = malloc(2 * n + 16), *o = src;
    if (src) {
        o += sprintf(o, "import \"");
        for (const char *p = abs; *p; p++) {
            if (*p == '"' || *p == '\\')
                *o++ = '\\';
            *o++ = *p;
        }
        o += sprintf(o, "\";\n");
        *len = (size_t)(o - src);
    }
    free(abs);
    return src;
}

int main(int argc, char **argv)
{
    const char *eval_code = NULL, *file = NULL;
    int module = -1;    /* -1: from the file name */
    bool strict = false, dump = false, expose_gc = false;
    size_t memory_limit = 0, stack_size = 0;
    double timeout = 0;
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !strcmp(a, "-"))
            break;
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--version")) {
            printf("qjs %s\n", QJS_VERSION_STRING);
            return 0;
        } else if (!strcmp(a, "-e") || !strcmp(a, "--eval")) {
            if (i + 1 >= argc)
                return usage_error("option %s needs an argument", a);
            eval_code = argv[++i];
        } else if (!strcmp(a, "-m") || !strcmp(a, "--module")) {
            module = 1;
        } else if (!strcmp(a, "--script")) {
            module = 0;
        } else if (!strcmp(a, "--strict")) {
            strict = true;
        } else if (!strcmp(a, "--expose-gc")) {
            expose_gc = true;
        } else if (!strcmp(a, "-d") || !strcmp(a, "--dump-bytecode")) {
            dump = true;
        } else if (!strcmp(a, "--timeout")) {
            char *end;
            if (i + 1 >= argc)
                return usage_error("option %s needs an argument", a);
            timeout = strtod(argv[++i], &end);
            if (*end || !(timeout > 0) || timeout > 1e6)
                return usage_error("invalid timeout '%s'", argv[i]);
        } else if (!strcmp(a, "--memory-limit") || !strcmp(a, "--stack-size")) {
            size_t *dst = a[2] == 'm' ? &memory_limit : &stack_size;
            if (i + 1 >= argc)
                return usage_error("option %s needs an argument", a);
            if (!parse_size(argv[++i], dst))
                return usage_error("invalid size '%s'", argv[i]);
        } else {
            return usage_error("unknown option %s", a);
        }
    }
    bool repl = false;
    if (!eval_code) {
        if (i < argc)
            file = argv[i];
        else if (isatty(STDIN_FILENO) && !dump)
            repl = true;
        else
            file = "-";     /* piped standard input */
    }

    char *src;
    size_t len;
    const char *filename;
    bool cjs_main = false;
    if (eval_code) {
        src = strdup(eval_code);
        len = strlen(eval_code);
        filename = "<eval>";
    } else if (repl) {
        src = NULL;
        len = 0;
        filename = "<repl>";
        module = 0;
    } else {
        src = read_file(file, &len);
        if (!src) {
            fprintf(stderr, "qjs: cannot read %s: %s\n",
                    strcmp(file, "-") ? file : "standard input", strerror(errno));
            return 1;
        }
        /* the script from standard input counts as a file <stdin> in the
         * current directory (for the imports it makes) */
        filename = strcmp(file, "-") ? file : "<stdin>";
        size_t n = strlen(file);
        if (module < 0)
            module = n > 4 && !strcmp(file + n - 4, ".mjs");
        if (n > 4 && !strcmp(file + n - 4, ".cjs") && strcmp(file, "-") != 0) {
            /* A CommonJS main program runs as Node runs it, through the
             * loader's CommonJS support: the main module only imports it. */
            free(src);
            src = cjs_main_source(file, &len);
            if (!src) {
                fprintf(stderr, "qjs: cannot resolve %s: %s\n", file, strerror(errno ? errno : ENOMEM));
                return 1;
            }
            module = 1;
            cjs_main = true;
        }
    }
    int flags = (module > 0 ? QJS_EVAL_MODULE : 0) | (strict ? QJS_EVAL_STRICT : 0);

    QJSRuntime *rt = qjs_runtime_new();
    if (!rt) {
        fprintf(stderr, "qjs: cannot create the runtime\n");
        free(src);
        return 1;
    }
    if (memory_limit)
        qjs_runtime_set_memory_limit(rt, memory_limit);
    if (stack_size)
        qjs_runtime_set_stack_size(rt, stack_size);
    if (timeout > 0)
        timeout_start(rt, timeout);
    QJSContext *ctx = qjs_context_new(rt);
    if (!ctx) {
        fprintf(stderr, "qjs: cannot create a context\n");
        free(src);
        qjs_runtime_free(rt);
        return 1;
    }
    if (add_globals(ctx, eval_code || repl ? 0 : argc - i, argv + i, expose_gc) < 0) {
        qjs_loop_report_exception(ctx);
        free(src);
        qjs_runtime_free(rt);
        return 1;
    }

    int status = 0;
    if (repl) {
        status = qjs_runtime_repl(ctx, NULL);
    } else if (dump) {
        char *text = NULL;
        if (qjs_dump_bytecode(ctx, src, len, filename, flags, &text) < 0) {
            qjs_loop_report_exception(ctx);
            status = 1;
        } else {
            fputs(text, stdout);
            free(text);
        }
    } else if (module > 0) {
        /* The main module gets its loader name (an absolute path) so that
         * its imports resolve against its folder; code from -e is named
         * <eval> in the current directory. */
        char *name = eval_code ? strdup("<eval>") : !strcmp(file, "-") ? strdup("<stdin>")
                   : cjs_main ? strdup("<main>")
                   : qjs_runtime_resolve_module(NULL, file);
        if (!name) {
            fprintf(stderr, "qjs: cannot resolve %s: %s\n", filename, strerror(errno ? errno : ENOMEM));
            status = 1;
        } else {
            QJSValue unit = qjs_compile(ctx, src, len, name, flags);
            if (qjs_is_exception(unit)) {
                qjs_loop_report_exception(ctx);
                status = 1;
            } else {
                status = qjs_runtime_run_main_module(ctx, unit, name);
            }
            free(name);
        }
    } else {
        /* As Node: an error in the main script ends the program; else
         * the event loop runs until no timer or job is left. */
        QJSValue r = qjs_eval(ctx, src, len, filename, flags);
        if (qjs_is_exception(r)) {
            qjs_loop_report_exception(ctx);
            status = 1;
        } else {
            status = timeout > 0 ? run_loop_with_timeout(ctx) : qjs_loop_run(ctx);
        }
    }
    free(src);
    fflush(stdout);
    qjs_runtime_free(rt);
    return status;
}
