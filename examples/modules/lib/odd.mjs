// The other half of the cycle: evaluated before lib/even.mjs, because
// even.mjs imports it first.
import { isEven } from "./even.mjs";

console.log("evaluating lib/odd.mjs, isEven is a", typeof isEven);

export function isOdd(n) {
    return n === 0 ? false : isEven(n - 1);
}
