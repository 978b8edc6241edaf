// CommonJS: require, module.exports, exports, cycles, JSON, folders, the
// require cache, require.resolve, __filename/__dirname; interop: default
// and named imports of CommonJS modules, import() of CommonJS.
import cycle from "cycle";
import legacy, { direct, helper, template, regexSource, strLen } from "legacy";
import * as legacyNs from "legacy";
import reexp, { alpha, beta, spread } from "reexp";
import * as reNs from "reexp";
import two from "#dep/two";
import * as twoNs from "#dep/two";
import { one } from "#dep/one";
import { createRequire } from "module";

const require = createRequire(import.meta.url);
console.log(cycle);
console.log(legacy.viaThis, direct, helper, template, regexSource, strLen);
console.log(Object.keys(legacyNs).sort());
console.log(alpha, beta(), spread, reNs["gamma-delta"], reexp.more);
console.log(Object.keys(reNs).sort());
console.log(two, Object.keys(twoNs), one);
console.log(require("cycle") === cycle);
const resolved = require.resolve("cycle/a");
console.log(resolved.slice(resolved.indexOf("node_modules")));
const key = Object.keys(require.cache).find((k) => k.endsWith("cycle/a.js"));
console.log(require.cache[key].exports.fromB, require.cache[key].loaded);
const ns = await import("legacy");
console.log(ns.default === legacy, ns.direct);
const dyn = await import("./lib/dep/two.cjs");
console.log(dyn.default === two, dyn.label);
console.log(require("./lib/filename.cjs"));
console.log(require("./lib/dep/one.cjs") === require("#dep/one"));
const dynMod = require("./lib/dyn.cjs");
console.log((await dynMod.importExp()).kind);
console.log(dynMod.requireComputed(["cycle", "a"].join("/")).name);
