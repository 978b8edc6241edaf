/* The descriptors of the Web globals' compiled bundles (web_int.h), one
 * object each, so that a program whose table (js_rt_web_bundle_table)
 * leaves a bundle out links neither its bytecode nor the natives only it
 * uses (the URL bundle's UTS 46 tables, web_idna.c). */
#include "web_int.h"

#define BUNDLE(b, dep, natives)                                                  \
    extern const uint8_t js_rt_web_##b[];                                       \
    extern const size_t js_rt_web_##b##_size, js_rt_web_##b##_raw_size;         \
    const JSWebBundle js_rt_web_bundle_##b = {                                  \
        js_rt_web_##b, &js_rt_web_##b##_size, &js_rt_web_##b##_raw_size, natives \
    };
WEB_BUNDLES(BUNDLE)
