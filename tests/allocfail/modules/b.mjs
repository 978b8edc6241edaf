import { a } from './a.mjs';
export const b = 'b';
export function readA() { return a; }
export * from './c.mjs';
