// Re-exports: a whole module as one namespace, and a renamed binding.
export * as util from "./util.mjs";
export { VERSION } from "../shapes/index.mjs";
