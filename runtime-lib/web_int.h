/* Glue between the files of the Web globals (web.c and the natives it
 * gives the JS bundles of runtime-lib/web/). Not part of the public header. */
#ifndef WEB_INT_H
#define WEB_INT_H

#include "qjs.h"

/* The exports object of the Web bundle called name ("misc", ...), run
 * on first use. May run JS and collect; an exception on failure. */
QJSValue web_exports(QJSContext *ctx, const char *name);

#endif
