// The public headers compiled as C++ (docs/embedding.md): they must
// parse under a C++ compiler, with C linkage, and a host written in C++
// must link against the C libraries and run.
#include "qjs.h"
#include "qjs_runtime.h"

#include <cstdio>
#include <cstring>

static QJSValue twice(QJSContext *ctx, QJSValue, int, QJSValue *argv)
{
    double d;
    if (qjs_to_number(ctx, &d, argv[0]) < 0)
        return qjs_throw_error(ctx, "TypeError", "not a number");
    return qjs_number(2 * d);
}

int main()
{
    static_assert(QJS_VERSION_MAJOR == 1, "API version");
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    if (qjs_define_prop_str(ctx, qjs_get_global(ctx), "twice", qjs_new_function(ctx, twice, "twice", 1)) < 0)
        return 1;
    const char *src = "twice(21)";
    QJSValue v = qjs_eval(ctx, src, std::strlen(src), "<c++>", 0);
    if (!qjs_is_number(v))
        return 1;
    std::printf("%g\n", qjs_get_number(v));
    qjs_runtime_free(rt);
    return 0;
}
