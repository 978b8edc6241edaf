//module
// Imports are live views of the exporter's bindings, and read-only.
import { count, increment, reset } from "./counter.mjs";
import * as ns from "./counter.mjs";
console.log("start:", count);
increment();
increment();
console.log("after two increments:", count, ns.count);
try {
    count = 10;
} catch (e) {
    console.log("assigning an import:", e.constructor.name);
}
reset();
console.log("after reset:", count);
setTimeout(() => {
    increment();
    console.log("in a timer:", count);
}, 0);
