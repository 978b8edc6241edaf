//module
// JSON modules: `with { type: "json" }` (static and dynamic), the parsed
// value as the default export, one instance per file.
import config from "./config.json" with { type: "json" };
import again from "./config.json" with { type: "json" };
console.log("name:", config.name, "items:", config.items.join("+"), "nested:", config.nested.ok);
console.log("same object:", config === again);
const ns = await import("./config.json", { with: { type: "json" } });
console.log("dynamic import:", ns.default === config, Object.keys(ns).join(","));
const list = await import("./list.json", { with: { type: "json" } });
console.log("an array:", Array.isArray(list.default), list.default.length);
try {
    await import("./bad.json", { with: { type: "json" } });
} catch (e) {
    console.log("bad JSON:", e.constructor.name);
}
try {
    await import("./config.json", { with: { type: "css" } });
} catch (e) {
    console.log("another type:", e.constructor.name, e.message.endsWith('unsupported module type "css"'));
}
