/* The default table of the Web globals' bundles: all of them. A file of
 * its own, because a program built with `qjsc --web auto` defines the
 * table itself, and then the linker never takes this one from the
 * archive. */
#include "web_int.h"

#define DECLARE_BUNDLE(b, dep, natives) extern const JSWebBundle js_rt_web_bundle_##b;
WEB_BUNDLES(DECLARE_BUNDLE)

const JSWebBundle *const js_rt_web_bundle_table[WEB_BUNDLE_COUNT] = {
#define BUNDLE_ENTRY(b, dep, natives) [WEB_##b] = &js_rt_web_bundle_##b,
    WEB_BUNDLES(BUNDLE_ENTRY)
};
