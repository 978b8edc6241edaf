//module
// Relative specifiers resolve against the importing file's folder; a path
// written two ways ("./lib/../lib/./math.mjs") is the same module, loaded
// and evaluated once. A .js file imported from a module is a module too.
import { add, loads } from "./lib/math.mjs";
import * as again from "./lib/../lib/./math.mjs";
import { shout } from "./util/format.js";

console.log(shout("sum"), add(2, 3));
console.log("same module:", again.add === add, "evaluated", loads(), "time(s)");
console.log("nested import:", again.describe(40));
