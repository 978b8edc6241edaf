//module
// A cycle: main -> a -> b -> a. Modules are evaluated depth first, a
// dependency before its importer, each once; b sees a's hoisted function
// but not yet its `let` (TDZ), and reads it later through the live binding.
import { fromA, readLater } from "./a.mjs";
import { fromB } from "./b.mjs";
console.log("main runs:", fromA(), fromB());
console.log("b reads a's value later:", readLater());
