// A facade module: `export *`, a default re-exported under a name, and a
// default of its own.
export * from "./circle.mjs";
export { default as square } from "./square.mjs";
export const VERSION = "1.0";
export default { name: "shapes" };
