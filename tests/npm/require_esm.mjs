// require() of an ES module: its namespace; with top-level await, an error.
import { createRequire } from "module";

const require = createRequire(import.meta.url);
const ns = require("tla/sync");
console.log(ns.sync, ns.default, ns[Symbol.toStringTag]);
try {
  require("tla/async");
  console.log("required tla/async");
} catch (e) {
  console.log(e.code);
}
