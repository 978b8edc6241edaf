// Lazy globals (engine/src/lazy_global.c): Math, Reflect, Date, the typed
// arrays, Atomics, Map/Set, the weak references, std/os and the Web globals
// are made on first use; nothing in JS may tell. Run in one process, in this
// order, since the first use is what is being tested.
var names = Object.getOwnPropertyNames(globalThis);
function idx(n) { return names.indexOf(n); }
console.log("order", idx("Array") < idx("ArrayBuffer"), idx("ArrayBuffer") < idx("Int8Array"),
            idx("Float64Array") < idx("DataView"), idx("Map") < idx("Set"), idx("Set") < idx("WeakRef"));
// a descriptor shows the value (and makes it)
var d = Object.getOwnPropertyDescriptor(globalThis, "Math");
console.log("Math desc", typeof d.value, d.writable, d.enumerable, d.configurable, d.value === Math);
console.log("URL desc", typeof Object.getOwnPropertyDescriptor(globalThis, "URL").value,
            Object.getOwnPropertyDescriptor(globalThis, "atob").enumerable);
// "in" and keys need no value
console.log("in", "Reflect" in globalThis, Object.keys(globalThis).indexOf("Reflect"));
// deleted before first use: stays deleted, the intrinsics still work
delete globalThis.ArrayBuffer;
delete globalThis.Uint8Array;
console.log("deleted", typeof ArrayBuffer, typeof Uint8Array, "ArrayBuffer" in globalThis);
var buf = new Int8Array(4).buffer;
console.log("intrinsic", buf.constructor.name, Object.prototype.toString.call(buf), buf.byteLength);
// assigned before first use
globalThis.Atomics = 42;
console.log("assigned", Atomics, Object.getOwnPropertyDescriptor(globalThis, "Atomics").enumerable);
// defineProperty on a pending global: validated against the made value
Object.defineProperty(globalThis, "WeakRef", { writable: false });
var wd = Object.getOwnPropertyDescriptor(globalThis, "WeakRef");
console.log("redefined", typeof wd.value, wd.writable, wd.configurable, new WeakRef({}).deref() !== undefined);
// made through syntax and internal paths
class D extends Date {}
console.log("class extends", new D(0).getTime(), Object.getPrototypeOf(D) 