// Errors a user can act on (the messages are this runtime's, not Node's):
// the importer, the specifier and the places searched; a subpath that
// "exports" does not export; Node's built-in modules. Compiled by qjsc, the
// names are relative and a file not compiled in is missing
// (errors.compiled.expected).
import { createRequire } from "module";

const require = createRequire(import.meta.url);
const dir = import.meta.url.slice(7, import.meta.url.lastIndexOf("/"));
const show = (e) => console.log(e.code, "|", e.message.replaceAll(dir, "<dir>").split("\n").slice(0, 2).join("\n"));
for (const spec of ["no-such-package", "exp/missing", "exp/utils/private/x", "#nope", "fs", "node:path",
                    "./nope.mjs", "./lib"]) {
  try {
    await import(spec);
  } catch (e) {
    show(e);
  }
}
// "exp/ghost" maps to a file that does not exist; a computed name is
// compiled into a qjsc program only if something names it literally
for (const spec of ["no-such-package", "./nope", "fs", "exp/ghost", ["exp", "utils", "math"].join("/")]) {
  try {
    require(spec);
  } catch (e) {
    show(e);
  }
}
try {
  require(42);
} catch (e) {
  console.log(e.name, e.message);
}
