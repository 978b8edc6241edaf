// An error thrown while a dependency evaluates ends the program before
// the main module's body runs; timers and jobs queued so far never run.
import "./lib/throwing_dep.mjs";
console.log("never printed: main body");
