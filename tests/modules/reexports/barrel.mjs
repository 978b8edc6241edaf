export * from "./one.mjs";
export * from "./two.mjs";
export { original as renamed } from "./one.mjs";
export * as nested from "./two.mjs";
