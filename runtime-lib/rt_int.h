/* Glue between the files of the runtime library (eventloop.c, console.c,
 * std.c, os.c). Not part of its public header. */
#ifndef RT_INT_H
#define RT_INT_H

#include "qjs_runtime.h"

/* Per-context values the library keeps alive (prototypes of its host
 * objects, the std and os objects the modules of those names export, the
 * loader's state), stored in the runtime's loop state. */
enum {
    RT_SLOT_FILE_PROTO,
    RT_SLOT_STD,            /* the std object (std.c), shared by the global and the module */
    RT_SLOT_OS,             /* the os object (os.c) */
    RT_SLOT_STD_EXPORTS,    /* export names of the "std" module, an array (modules.c) */
    RT_SLOT_OS_EXPORTS,
    RT_SLOT_MAIN_MODULE,    /* name of the main module, a string (modules.c) */
    RT_SLOT_MAIN_FAILED,    /* true once the main module's evaluation rejected */
    RT_SLOT_COUNT
};

/* The value in slot for ctx, or undefined. Never collects. */
QJSValue rt_slot_get(QJSContext *ctx, int slot);
/* Sets it (sets up the loop state if needed). 0, or -1 out of memory. */
int rt_slot_set(QJSContext *ctx, int slot, QJSValue v);

#endif
