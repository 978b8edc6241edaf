//module
// Default exports: a named function, an anonymous class, an expression,
// and `export { x as default }`; default and named imports together.
import fn, { helper } from "./fn.mjs";
import Klass from "./klass.mjs";
import value from "./value.mjs";
import aliased, * as aliasedNs from "./alias.mjs";
console.log("function:", fn.name, fn(), helper());
console.log("class:", Klass.name, new Klass().hello());
console.log("expression:", value);
console.log("as default:", aliased, aliasedNs.default === aliased, aliasedNs.local);
