// The built-ins' own properties (order, attributes, function names and
// lengths) as js_define_prop_entries makes them in one step, deleting a
// prototype's last property and adding one after, and aliases (the
// expected output was taken from the tree that defined them one by one).
const objs = {Object, Function, Array, String, Number, Boolean, Symbol, Promise, RegExp, Error, TypeError, BigInt, JSON, Proxy, Reflect, Math, Date, Map, Set, WeakMap, ArrayBuffer, Uint8Array, DataView, Iterator: globalThis.Iterator};
const out = [];
for (const [k, v] of Object.entries(objs)) {
  if (!v) continue;
  for (const o of [v, v.prototype]) {
    if (!o) continue;
    const keys = Reflect.ownKeys(o).map(String);
    const d = keys.map(n => { const x = Object.getOwnPropertyDescriptor(o, Reflect.ownKeys(o)[keys.indexOf(n)]); return n + ":" + (x.writable ? "w" : "") + (x.enumerable ? "e" : "") + (x.configurable ? "c" : "") + (x.get ? "g" : "") + (x.set ? "s" : "") + (typeof x.value === "function" ? x.value.name + "/" + x.value.length : ""); });
    out.push(k + (o === v ? "" : ".prototype") + " " + d.join(","));
  }
}
out.push(Object.keys(globalThis).join(","), Object.getOwnPropertyNames(globalThis).join(","));
// delete last then re-add
const p = Array.prototype; const ks = Reflect.ownKeys(p); const last = ks[ks.length - 1];
delete p[last]; out.push(String(Reflect.ownKeys(p).includes(last)), Reflect.ownKeys(p).length);
p.foo = 1; out.push(Reflect.ownKeys(p).slice(-2).map(String).join(","));
out.push("abc".trimLeft === String.prototype.trimStart, [][Symbol.iterator] === [].values);
console.log(out.join("\n"));
