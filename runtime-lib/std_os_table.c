/* The default js_rt_std_os (rt_int.h): the std and os modules are in the
 * program. A file of its own, because a program built with `qjsc
 * --builtins auto` that neither imports nor names them defines it as
 * NULL, and then the linker never takes this one (nor std.c's and os.c's
 * modules, nor os.Worker) from the archive. */
#include "rt_int.h"

static const JSRtStdOs std_os = { js_rt_new_std_with_args, qjs_runtime_new_os };
const JSRtStdOs *const js_rt_std_os = &std_os;
