//module
// A program of several ES modules: an import cycle (lib/even.mjs and
// lib/odd.mjs import each other), re-exports (shapes/index.mjs),
// `export * as ns`, live bindings and default exports. Runs with
// `qjs main.mjs`, `node main.mjs`, or compiled: `qjsc -o modules main.mjs`.
import { isEven, evenCalls } from "./lib/even.mjs";
import * as shapes from "./shapes/index.mjs";
import Counter, { count, increment, reset } from "./lib/counter.mjs";
import { util, VERSION as version } from "./lib/reexports.mjs";
import greet from "./lib/greet.mjs";
import config from "./config.json" with { type: "json" };

console.log(greet("modules"));
console.log("isEven(10):", isEven(10), "isEven(7):", isEven(7), "calls:", evenCalls);

// `count` is a live binding: it follows the exporting module's variable.
console.log("count:", count);
increment();
increment();
console.log("count after two increments:", count);
reset();
console.log("count after reset:", count);
try {
    count = 5;
} catch (e) {
    console.log("assigning an import:", e instanceof TypeError ? "TypeError" : String(e));
}

const c = new Counter("clicks");
c.add(3);
console.log(String(c));

// A namespace object: the exports of shapes/index.mjs, sorted by name.
console.log("shapes exports:", Object.keys(shapes).join(", "));
console.log("circle area r=2:", shapes.circle.area(2).toFixed(3));
console.log("square(4):", shapes.square(4), "default:", shapes.default.name);
console.log("namespace tag:", shapes[Symbol.toStringTag], Object.isFrozen(shapes) || Object.isSealed(shapes));

// `export * as util from ...` gives a namespace object as a named export.
console.log("util.clamp(15, 0, 10):", util.clamp(15, 0, 10), "version:", version);

// A JSON module: its default export is the parsed file.
console.log(`${config.name}: ${config.features.length} features, last "${config.features.at(-1)}"`);
