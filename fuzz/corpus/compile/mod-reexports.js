//module
// export * from, export { x as y } from, export * as ns from, and an
// ambiguous star export (two modules export the same name: not exported).
import * as all from "./barrel.mjs";
import { renamed, nested, one } from "./barrel.mjs";
console.log("keys:", Object.keys(all).join(","));
console.log("renamed:", renamed, "one:", one);
console.log("nested namespace:", nested.two, nested[Symbol.toStringTag]);
console.log("ambiguous name exported:", "clash" in all);
