//module
// Top-level await with timers: sibling modules start in import order; a
// module that awaits does not block its sibling's evaluation, but its
// importer runs only after both have finished; promise jobs run before
// timers; the program ends when the last timer has run.
import { slowDone } from "./slow.mjs";
import { fastDone } from "./fast.mjs";
console.log("main body:", slowDone, fastDone);
await null;
console.log("main after await null");
setTimeout(() => console.log("timer set by main"), 0);
await new Promise((r) => setTimeout(r, 5));
console.log("main end");
