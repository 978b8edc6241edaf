/* Glue between the C files of the Web globals (web.c, web_idna.c). Not
 * part of the public header. */
#ifndef WEB_INT_H
#define WEB_INT_H

#include "qjs.h"

/* Defines host.idnaMap and host.idnaClasses (web_idna.c) on the host object of the JS
 * bundles. 0, or -1 with an exception pending. May collect. */
int js_web_idna_add_host(QJSContext *ctx, QJSValue host);

#endif
