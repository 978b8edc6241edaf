// Allocation-failure sweep: a module graph (static imports, a cycle,
// re-exports, a namespace, a dynamic import).
import { a, bump } from './a.mjs';
import * as ns from './b.mjs';
bump();
const c = await import('./c.mjs');
console.log(a, ns.b, Object.keys(ns).join(), c.default());
