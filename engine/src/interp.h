/* What the compiler and interpreter offer the rest of the engine:
 * evaluating scripts, dynamic functions, stack traces, source text of
 * functions. js_call / js_construct / js_invoke are declared in
 * context.h and implemented in interp.c. */
#ifndef INTERP_H
#define INTERP_H

#include "context.h"

/* Flags for js_eval_script */
#define JS_EVAL_STRICT   (1 << 0)   /* as if prefixed by "use strict" */
#define JS_EVAL_MODULE   (1 << 1)   /* parse and run as a module (later) */
#define JS_EVAL_DUMP_BYTECODE (1 << 3) /* pass the disassembly of every compiled
                                         function to the dump hook below */

/* Receiver of the disassembly for JS_EVAL_DUMP_BYTECODE (the engine does
 * no I/O itself). text is NUL-terminated and only valid during the call. */
typedef void JSDumpFunc(void *opaque, const char *text);
void js_set_dump_hook(JSRuntime *rt, JSDumpFunc *fn, void *opaque);

/* The disassembly of a bytecode function (and the functions nested in
 * it), malloc'ed (free with free()); NULL if func is not a bytecode
 * function or on out-of-memory. Does not collect, never throws. */
char *js_disassemble(JSContext *ctx, JSValue func);

/* interp_errors.c: TypeErrors worded as users know them from V8. Each
 * may collect (it allocates the error) and returns JS_EXCEPTION. When the
 * innermost frame is at the bytecode site that failed on the value
 * (a call, new, spread or iteration whose operand register holds it),
 * the message names the expression from the bytecode: "os.pipe is not a
 * function", "obj.method is not a constructor", "u is not iterable";
 * otherwise a primitive is shown as a literal. */
JSValue js_throw_not_callable(JSContext *ctx, JSValue func, bool construct);
JSValue js_throw_not_iterable(JSContext *ctx, JSValue obj);
/* "Cannot read properties of undefined (reading 'x')" / "Cannot set
 * properties of null (setting 'x')": the key is atom, or else key when a
 * primitive (an object key is not converted: ToPropertyKey comes later). */
JSValue js_throw_nullish_access(JSContext *ctx, JSValue base, JSAtom atom, JSValue key, bool is_set);
/* "Cannot use 'in' operator to search for 'k' in v". */
JSValue js_throw_in_non_object(JSContext *ctx, JSValue key, JSValue obj);

/* A RegExp object for a regular expression literal (pattern and flags are
 * strings). Implemented by the RegExp built-in. May collect, may throw. */
JSValue js_regexp_new_literal(JSContext *ctx, JSValue pattern, JSValue flags);
#define JS_EVAL_COMPILE_ONLY (1 << 2) /* parse and compile, report early
                                       errors, run nothing; returns undefined */

/* ScriptEvaluation of UTF-8 source in ctx's global scope: parses
 * (SyntaxError with file:line:column on failure), compiles and runs it.
 * Returns the completion value or JS_EXCEPTION. May collect. */
JSValue js_eval_script(JSContext *ctx, const char *src, size_t len, const char *filename, int flags);

/* CreateDynamicFunction for the Function, GeneratorFunction,
 * AsyncFunction and AsyncGeneratorFunction constructors. kind: 0 normal,
 * 1 generator, 2 async, 3 async generator. May collect. */
JSValue js_create_dynamic_function(JSContext *ctx, int kind, int argc, JSValue *argv, JSValue new_target);

/* Function.prototype.toString of a bytecode function: its exact source
 * text; for other callables "function name() { [native code] }". */
JSValue js_function_to_string(JSContext *ctx, JSValue func);

/* Records in err the active frames, "\n    at f (file:line:col)" each
 * (for an Error instance in its [[ErrorData]], whose stack getter adds
 * the "Name: message" line; for any other object as its own `stack`).
 * May collect. */
int js_error_capture_stack(JSContext *ctx, JSValue err);

/* The native function object being called (innermost native frame), so
 * a native function can read its JSCFunctionObject (data, realm). Does not
 * collect. */
JSCFunctionObject *js_current_native_function(JSContext *ctx);

/* Compiles src like js_eval_script without running it and returns in *out
 * a malloc'ed disassembly of every function compiled. 0, or -1 with an
 * exception pending. May collect. */
int js_dump_script(JSContext *ctx, const char *src, size_t len, const char *filename, int flags, char **out);

/* The file name of the script or module running level JS frames out
 * from the innermost (0: the innermost); eval code and dynamic functions
 * count as the nearest enclosing frame with a name of its own, as for
 * import(). JS_ATOM_NULL past the outermost frame. Never collects. */
JSAtom js_interp_script_name(JSContext *ctx, int level);

/* Called at runtime creation / context creation to register the
 * interpreter's classes and set up its state. */
int js_interp_init_runtime(JSRuntime *rt);
void js_interp_free_runtime(JSRuntime *rt);

/* Runs a direct or indirect eval of x (a string; other values are
 * returned as they are) in the global scope of ctx (indirect eval).
 * May collect, may throw; returns the completion value. */
JSValue js_eval_indirect(JSContext *ctx, JSValue x);

#endif
