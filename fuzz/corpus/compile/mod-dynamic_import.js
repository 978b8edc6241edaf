//module
// import() from a module: resolved against the importing module, the same
// namespace as a static import, each module evaluated once; a failing
// import() rejects with an error naming the specifier and the importer;
// import() from a function in another module resolves against that module;
// an absolute path names the same module as a relative one.
import * as staticNs from "./dep.mjs";
import { importFromHere } from "./nested/loader.mjs";

const ns = await import("./dep.mjs");
console.log("same namespace:", ns === staticNs, "evaluations:", ns.evaluations());
const absolute = decodeURIComponent(import.meta.url.slice("file://".length)).replace(/main\.mjs$/, "nested/../dep.mjs");
console.log("absolute specifier, same module:", (await import(absolute)) === staticNs);
const [a, b] = await Promise.all([import("./lazy.mjs"), import("./lazy.mjs")]);
console.log("lazy:", a.value, a === b);
const fromNested = await importFromHere("./sibling.mjs");
console.log("resolved against the nested module:", fromNested.where);
try {
    await import("./does-not-exist.mjs");
} catch (e) {
    const msg = e.message.replace(/ \/\S*\/tests\/modules\//, " .../tests/modules/");
    console.log(e.constructor.name + ":", msg);
}
try {
    await import("left-pad");
} catch (e) {
    console.log("bare name:", e.message.startsWith("cannot load module 'left-pad' imported from /"));
}
const syntax = await import("./broken.mjs").catch((e) => e);
console.log("syntax error in an imported module:", syntax.constructor.name);
