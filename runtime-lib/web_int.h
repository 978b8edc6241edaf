/* Glue between the C files of the Web globals (web.c, web_bundles.c,
 * web_idna.c). Not part of the public header. */
#ifndef WEB_INT_H
#define WEB_INT_H

#include <stddef.h>
#include <stdint.h>
#include "qjs.h"
#include "web_list.h"

/* A compiled bundle (web_bundles.c): its LZ77-compressed bytecode (lz.h;
 * raw_size is the bytecode's length) and the natives it needs on the
 * host object beyond the common ones, or NULL. */
typedef struct JSWebBundle {
    const uint8_t *bc;
    const size_t *size, *raw_size;
    int (*add_host)(QJSContext *ctx, QJSValue host);
} JSWebBundle;

/* The bundles this program has, indexed by WEB_*; NULL for one qjsc left
 * out (--web auto). The default definition (web_bundle_table.c, every
 * bundle) is linked only when the program does not define its own. */
extern const JSWebBundle *const js_rt_web_bundle_table[WEB_BUNDLE_COUNT];

/* Defines host.idnaMap and host.idnaClasses (web_idna.c) on the host object of the JS
 * bundles. 0, or -1 with an exception pending. May collect. */
int js_web_idna_add_host(QJSContext *ctx, QJSValue host);
/* Defines host.clone (clone.c): the structured clone of a value with a
 * transfer list, in this runtime. 0, or -1 with an exception pending. */
int js_web_clone_add_host(QJSContext *ctx, QJSValue host);

#endif
