// Half of an import cycle with lib/odd.mjs: each calls the other. The
// functions are hoisted, so the cycle works whichever module runs first.
import { isOdd } from "./odd.mjs";

console.log("evaluating lib/even.mjs");
export let evenCalls = 0;

export function isEven(n) {
    evenCalls++;
    return n === 0 ? true : isOdd(n - 1);
}
