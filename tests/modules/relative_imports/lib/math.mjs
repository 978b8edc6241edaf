import { shout } from "../util/format.js";
let count = 0;
count++;
export function add(a, b) { return a + b; }
export function loads() { return count; }
export function describe(n) { return shout("answer") + " " + add(n, 2); }
