import { fromB, valueOfA } from "./b.mjs";
console.log("a evaluated");
export let value = "a-value";
export function fromA() { return "A(" + fromB() + ")"; }
export function readLater() { return valueOfA(); }
