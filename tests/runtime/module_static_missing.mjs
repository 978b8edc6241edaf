// A static import of a missing file: linking fails before any code of the
// graph runs; the error names the specifier and the importing module.
import { x } from "./lib/not-there.mjs";
console.log("never printed", x);
