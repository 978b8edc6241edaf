import { fromA, value } from "./a.mjs";
console.log("b evaluated; a's function hoisted:", typeof fromA);
try {
    value;
} catch (e) {
    console.log("a's let before a runs:", e.constructor.name);
}
export function fromB() { return "B"; }
export function valueOfA() { return value; }
