/* The Web globals and the JS bundles that define them, as X-macros:
 * web.c builds its tables from them, and qjsc (--web auto) names the
 * bundles a program needs. Plain C, no other header. */
#ifndef WEB_LIST_H
#define WEB_LIST_H

/* X(bundle, dependency, natives): the dependency is the bundle whose
 * exports a bundle gets as its deps (misc, which has none, names
 * itself); natives, the function that adds the host natives only that
 * bundle uses (web_int.h), or NULL. */
#define WEB_BUNDLES(X)                                                          \
    X(misc, misc, NULL) X(encoding, misc, NULL) X(events, misc, NULL)           \
    X(url, encoding, js_web_idna_add_host) X(clone, misc, js_web_clone_add_host)

/* X(global, bundle, enumerable) */
#define WEB_GLOBALS(X)                                                          \
    X(atob, misc, 1) X(btoa, misc, 1) X(DOMException, misc, 0)                  \
    X(performance, misc, 1) X(crypto, misc, 1) X(TextEncoder, encoding, 0)      \
    X(TextDecoder, encoding, 0) X(Event, events, 0) X(CustomEvent, events, 0)    \
    X(EventTarget, events, 0) X(AbortController, events, 0)                     \
    X(AbortSignal, events, 0) X(URL, url, 0) X(URLSearchParams, url, 0)  \
    X(structuredClone, clone, 1)

enum {
#define WEB_BUNDLE_ID(b, dep, natives) WEB_##b,
    WEB_BUNDLES(WEB_BUNDLE_ID)
#undef WEB_BUNDLE_ID
    WEB_BUNDLE_COUNT
};

#endif
