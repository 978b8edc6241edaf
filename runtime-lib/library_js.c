/* library_js.c: running the runtime library's own JS (runtime-lib/js/ and
 * the Web bundles of runtime-lib/web/), which tools/embed_js.c compiled
 * at build time into LZ-packed bytecode: nothing in the library compiles
 * JS at run time, so it all works in a program built without the
 * compiler (qjsc --no-compiler). */
#include <stdlib.h>

#include "rt_int.h"
#include "lz.h"

QJSValue js_rt_eval_library_js(QJSContext *ctx, const uint8_t *lz, size_t lz_size, size_t raw_size)
{
    uint8_t *bc = malloc(raw_size ? raw_size : 1);
    QJSValue unit;
    if (!bc)
        unit = qjs_throw_error(ctx, "InternalError", "out of memory");
    else if (js_lz_expand(lz, lz_size, bc, raw_size) < 0)
        unit = qjs_throw_error(ctx, "InternalError", "the library's compressed JS does not expand");
    else
        unit = qjs_read_bytecode_flags(ctx, bc, raw_size, QJS_READ_TRUSTED);  /* built with the library */
    free(bc);
    return qjs_is_exception(unit) ? unit : qjs_eval_compiled(ctx, unit);
}
