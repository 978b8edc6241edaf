// Small helpers, re-exported as a namespace by lib/reexports.mjs.
export const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
export function sum(...xs) {
    return xs.reduce((a, b) => a + b, 0);
}
