// import.meta.resolve (runtime-lib/modules.c): a closure over the native
// resolver and the module's name (a native function has no data of its own).
(function (host) { return function (name) { return function js_resolve(specifier) { return host(String(specifier), name); }; }; })
