//module
// import * as ns: a module namespace object (null prototype, sorted keys,
// @@toStringTag "Module", non-extensible, read-only exports).
import * as ns from "./lib.mjs";
console.log("keys:", Object.keys(ns).join(","));
console.log("prototype:", Object.getPrototypeOf(ns), "tag:", ns[Symbol.toStringTag]);
console.log("toString:", Object.prototype.toString.call(ns));
console.log("extensible:", Object.isExtensible(ns), "frozen:", Object.isFrozen(ns));
const d = Object.getOwnPropertyDescriptor(ns, "beta");
console.log("descriptor:", d.value, d.writable, d.enumerable, d.configurable);
console.log("set fails:", Reflect.set(ns, "beta", 3), "delete fails:", Reflect.deleteProperty(ns, "beta"));
console.log("in:", "alpha" in ns, "missing" in ns, "default" in ns);
console.log("call through the namespace:", ns.alpha());
