/* Limits and debug switches of the engine, in one place. Each switch is
 * mirrored by a CMake option (see CMakeLists.txt); the defaults here are
 * for a release build. */
#ifndef CONFIG_H
#define CONFIG_H

/* JS_GC_STRESS: collect at every allocation when the environment variable
 * QJS_GC_STRESS is set (to a period N: collect every N allocations; "1"
 * is every allocation). Compiled in only when the option is on, so the
 * allocation fast path of a release build has no extra test. */
#ifndef JS_GC_STRESS
#define JS_GC_STRESS 0
#endif

/* JS_ALLOC_FAILURE: allocation-failure injection (alloc_fail.h), driven
 * by the environment variable QJS_FAIL_ALLOC. */
#ifndef JS_ALLOC_FAILURE
#define JS_ALLOC_FAILURE 0
#endif

/* First collection after this many bytes; later thresholds grow with the
 * live heap (JS_GC_GROWTH percent of what survived). */
#define JS_GC_INITIAL_THRESHOLD (4u << 20)
#define JS_GC_GROWTH 100

/* Interpreter frames: JS-to-JS calls do not recurse on the C stack; this
 * bounds the number of nested JS frames (RangeError beyond it). */
#define JS_MAX_CALL_DEPTH 10000
/* Bound on the VM register stack, in values. */
#define JS_MAX_VM_STACK (8u << 20)
/* Native (C) recursion: through getters, toString, sort callbacks, and
 * every pass that recurses on its input's shape (parser, compiler, RegExp,
 * JSON, bytecode reader). A runtime takes what its thread's stack allows
 * (context.c), at most the MAX; the DEFAULT where the stack size is unknown. */
#define JS_DEFAULT_NATIVE_STACK_SIZE (1u << 20)
#define JS_MAX_NATIVE_STACK_SIZE (64u << 20)

/* Units of work (backward jumps, calls, built-in loop steps) between two
 * calls of the host's interrupt handler. */
#define JS_INTERRUPT_PERIOD 10000

/* Parser nesting limit (SyntaxError beyond it). */
#define JS_MAX_PARSE_DEPTH 1000

/* Longest string, in code units (RangeError beyond it). */
#define JS_STRING_MAX_LEN ((1u << 30) - 1)

#if defined(__GNUC__)
#define js_likely(x) __builtin_expect(!!(x), 1)
#define js_unlikely(x) __builtin_expect(!!(x), 0)
#define js_force_inline inline __attribute__((always_inline))
#define js_noinline __attribute__((noinline))
#define js_warn_unused __attribute__((warn_unused_result))
#define js_printf_like(a, b) __attribute__((format(printf, a, b)))
#else
#define js_likely(x) (x)
#define js_unlikely(x) (x)
#define js_force_inline inline
#define js_noinline
#define js_warn_unused
#define js_printf_like(a, b)
#endif

#endif
