/* rt_main.c: the entry point of programs compiled by qjsc
 * (qjs_run_bytecode_main): sets up a runtime with the runtime library's
 * globals and module loader, loads the embedded serialized bytecode, runs
 * it, and runs the event loop to completion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qjs.h"
#include "qjs_runtime.h"
#include "rt_int.h"

/* The rejection handler of the entry module's evaluation promise: an
 * error thrown by the module (synchronously or after top-level await) is
 * reported as uncaught, exit status 1. */
static QJSValue on_eval_rejected(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    qjs_throw(ctx, argv[0]);
    qjs_loop_report_exception(ctx);
    return qjs_undefined();
}

/* Globals of compiled programs, as qjs gives them: console, print,
 * timers, std/os, scriptArgs. 0, or -1 with an exception pending. */
static int add_globals(QJSContext *ctx, int argc, char **argv)
{
    if (qjs_runtime_add_console(ctx) < 0 || qjs_runtime_add_timers(ctx) < 0 ||
        qjs_runtime_add_web(ctx) < 0 ||
        qjs_runtime_add_std_os(ctx, argc, argv) < 0)
        return -1;
    QJSValue args = qjs_new_array(ctx);
    if (qjs_is_exception(args))
        return -1;
    QJSRef *ref = qjs_ref_new(ctx, args);
    int r = qjs_define_prop_str(ctx, qjs_get_global(ctx), "scriptArgs", args);
    for (int i = 0; r == 0 && i < argc; i++) {
        QJSValue s = qjs_new_string(ctx, argv[i], strlen(argv[i]));
        if (qjs_is_exception(s) || qjs_set_index(ctx, qjs_ref_get(ref), (uint32_t)i, s) < 0)
            r = -1;
    }
    qjs_ref_free(ref);
    return r;
}

/* ---- module names of compiled programs ----
 * qjsc names the modules it embeds by their paths relative to the entry
 * module's folder ("main.js", "lib/util.js", "node_modules/pkg/i.js"), so
 * that the output does not depend on where it was compiled. The runtime
 * library's loader (modules.c) resolves in those names once
 * qjs_runtime_read_embedded has read the program's manifest; a module
 * named by an absolute path is read from disk (dynamic import()). */
/* Runs the compiled unit: a script's completion value is dropped; for a
 * module, an error during its synchronous evaluation is returned as an
 * exception (-1), and a later rejection (after a top-level await) gets a
 * handler that reports it as an uncaught error; *pending is then a ref to
 * the evaluation promise (else NULL). Returns 0, or -1 with an exception
 * pending. */
static int run_unit(QJSContext *ctx, QJSValue unit, QJSRef **pending)
{
    *pending = NULL;
    bool module = qjs_compiled_is_module(unit);
    QJSValue r = qjs_eval_compiled(ctx, unit);
    if (qjs_is_exception(r))
        return -1;
    QJSValue reason;
    int state = module ? qjs_get_promise_state(r, &reason) : -1;
    if (state == 2) {
        qjs_throw(ctx, reason);
        return -1;
    }
    if (state != 0)
        return 0;
    QJSRef *promise = qjs_ref_new(ctx, r);
    int status = -1;
    QJSValue handler = qjs_new_function(ctx, on_eval_rejected, "", 1);
    if (!qjs_is_exception(handler)) {
        QJSRef *href = qjs_ref_new(ctx, handler);
        QJSValue then = qjs_get_prop_str(ctx, qjs_ref_get(promise), "then");
        if (!qjs_is_exception(then)) {
            QJSValue args[2] = { qjs_undefined(), qjs_ref_get(href) };
            QJSValue res = qjs_call(ctx, then, qjs_ref_get(promise), 2, args);
            if (!qjs_is_exception(res))
                status = 0;
        }
        qjs_ref_free(href);
    }
    if (status == 0)
        *pending = promise;
    else
        qjs_ref_free(promise);
    return status;
}

/* The module name of unit 0 (the entry) of a buffer, read from the layout
 * of docs/bytecode-format.md (format version 2, the same as version 1 in
 * what is read here: the unit's u32 string ref
 * at the start of the function section, the string table at offset 72),
 * as malloc'ed UTF-8; NULL for another version, no name, or a malformed
 * buffer (every read is bounds-checked). */
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static char *entry_name(const uint8_t *bc, size_t len)
{
    QJSBytecodeHeader h;
    if (qjs_bytecode_header(bc, len, &h) < 0 || h.format_version != 2 || h.unit_count < 1 || len < 76)
        return NULL;
    uint32_t func_off = rd32(bc + 64);
    if (func_off > len - 4)
        return NULL;
    uint32_t ref = rd32(bc + func_off), count = rd32(bc + 72);
    if (ref >= count)
        return NULL;
    size_t p = 76;
    for (uint32_t i = 0; i <= ref; i++) {
        if (len - p < 5)
            return NULL;
        uint8_t kind = bc[p];
        size_t n = rd32(bc + p + 1);
        p += 5;
        size_t bytes = kind == 0 ? n : n * 2;
        if (kind > 1 || bytes > len - p)
            return NULL;
        if (i == ref) {
            if (kind != 0)
                return NULL;
            char *name = malloc(2 * n + 1), *o = name;  /* Latin-1 to UTF-8 */
            if (!name)
                return NULL;
            for (size_t k = 0; k < n; k++) {
                uint8_t c = bc[p + k];
                if (c < 0x80) {
                    *o++ = (char)c;
                } else {
                    *o++ = (char)(0xC0 | c >> 6);
                    *o++ = (char)(0x80 | (c & 0x3F));
                }
            }
            *o = '\0';
            return name;
        }
        p += bytes;
    }
    return NULL;
}

/* Runs the program; returns the exit status and the runtime (*rt_out,
 * NULL if none was made). */
static int run_program(int argc, char **argv, const uint8_t *bc, size_t len, QJSRuntime **rt_out)
{
    QJSRuntime *rt = qjs_runtime_new();
    *rt_out = rt;
    QJSContext *ctx = rt ? qjs_context_new(rt) : NULL;
    if (!ctx) {
        fprintf(stderr, "%s: cannot create the runtime\n", argc > 0 ? argv[0] : "qjs");
        return 1;
    }
    int status = 0;
    QJSRef *promise = NULL;
    if (add_globals(ctx, argc, argv) < 0 || qjs_runtime_add_module_loader(ctx) < 0) {
        qjs_loop_report_exception(ctx);
        status = 1;
    } else {
        QJSValue unit = qjs_runtime_read_embedded(ctx, bc, len);
        char *name = NULL;
        if (!qjs_is_exception(unit) && qjs_compiled_is_module(unit))
            name = entry_name(bc, len);
        if (name) {
            /* The runtime library's main module runner: import.meta.main,
             * errors and top-level await as in qjs. */
            status = qjs_runtime_run_main_module(ctx, unit, name);
            free(name);
        } else if (qjs_is_exception(unit) || run_unit(ctx, unit, &promise) < 0) {
            /* As Node: an error in the main program ends it. */
            qjs_loop_report_exception(ctx);
            status = 1;
        } else if (!promise) {
            status = qjs_loop_run(ctx);
        } else {
            /* A module still in its top-level await: the loop runs until
             * it is empty or the evaluation failed (reported by the
             * handler; that ends the program after the turn). */
            while (qjs_loop_run_once(ctx, -1) > 0)
                if (qjs_get_promise_state(qjs_ref_get(promise), NULL) == 2)
                    break;
            if (qjs_get_promise_state(qjs_ref_get(promise), NULL) == 0) {
                fflush(stdout);
                fprintf(stderr, "%s: the top-level await of the main module never settled "
                        "(nothing left to run)\n", argc > 0 ? argv[0] : "qjs");
                qjs_loop_set_exit_status(ctx, 1);
            }
            status = qjs_loop_exit_status(ctx);
            qjs_ref_free(promise);
        }
    }
    fflush(stdout);
    return status;
}

/* Declared in qjs_runtime.h. Runs JS; returns the process exit status. */
int qjs_run_bytecode_main(int argc, char **argv, const uint8_t *bc, size_t len)
{
    QJSRuntime *rt;
    int status = run_program(argc, argv, bc, len, &rt);
    if (rt)
        qjs_runtime_free(rt);
    return status;
}

#if defined(__SANITIZE_ADDRESS__)
#define FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FREE_AT_EXIT 1
#endif
#endif

/* Declared in qjs_runtime.h. Runs JS; ends the process. The runtime's
 * teardown has nothing to do that exit() does not: finalizers of host
 * objects only release native resources (std FILE objects are flushed
 * and closed by exit()), and FinalizationRegistry callbacks never run at
 * teardown. Skipping it saves freeing every cell of the heap. */
_Noreturn void qjs_run_bytecode_program(int argc, char **argv, const uint8_t *bc, size_t len)
{
    QJSRuntime *rt;
    int status = run_program(argc, argv, bc, len, &rt);
#ifdef FREE_AT_EXIT
    if (rt)
        qjs_runtime_free(rt);
#endif
    exit(status);
}
