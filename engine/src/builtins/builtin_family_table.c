/* The default table of the built-in families a program may leave out:
 * all of them. A file of its own, because a program built with `qjsc
 * --builtins auto` defines the table itself, and then the linker never
 * takes this one from the archive. */
#include "builtins.h"
#include "builtin_list.h"

#define DECLARE_FAMILY(f, init, hooks) extern const JSBuiltinFamily js_builtin_family_##f;
JS_BUILTIN_FAMILIES(DECLARE_FAMILY)

const JSBuiltinFamily *const js_builtin_family_table[JS_FAMILY_COUNT] = {
#define FAMILY_ENTRY(f, init, hooks) [JS_FAMILY_##f] = &js_builtin_family_##f,
    JS_BUILTIN_FAMILIES(FAMILY_ENTRY)
};
