//module
// using / await using at the top level of modules (sync in dep.mjs, with
// top-level await here), in loops and blocks; also checks that the new
// instructions survive qjsc's serializer and verifier.
import { log } from "./dep.mjs";

function res(name) {
    return { [Symbol.dispose]() { log.push("-" + name); } };
}
await using top = { async [Symbol.asyncDispose]() { console.log("top disposed:", log.join(" ")); } };
for (await using x of [res("x0"), null, res("x1")]) {
    if (!x) continue;
    log.push("got");
}
for (using i = res("i"), j = null; log.length < 9;)
    log.push("loop");
const p = Promise.resolve();
Object.defineProperty(p, "constructor", { get() { throw new Error("ctor"); } });
try {
    await using a = res("a"), b = { [Symbol.asyncDispose]() { return p; } };
} catch (e) {
    log.push(e.message);
}
