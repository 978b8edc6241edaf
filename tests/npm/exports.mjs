// package.json "exports": conditions, nested conditions, patterns, null
// targets, fallback arrays; JSON; errors a program can test for.
import hello, { kind } from "exp";
import feature, { flag } from "exp/feature";
import { nested } from "exp/nested";
import * as math from "exp/utils/math";
import data from "exp/data" with { type: "json" };
import fb from "exp/fallback";
import { mul as featMul } from "exp/feat/math.js";
import { text, isCjs } from "typecjs";
import { createRequire } from "module";

const require = createRequire(import.meta.url);
console.log(hello("npm"), "|", kind);
console.log(feature(), flag);
console.log(nested);
console.log(math.add(2, 3), math.mul(2, 3), math.PI2, Object.keys(math).sort().join());
console.log(data.answer, data.list);
console.log(fb === feature, featMul(4, 5), text, isCjs);
console.log(require("exp").kind);
console.log(require("exp/package.json").version);
console.log(require("exp/data").answer, require("exp/data") === require("exp/data"));
for (const spec of ["exp/utils/private/secret", "exp/missing", "no-such-package", "./nope.cjs", "#nope"]) {
  try {
    require(spec);
    console.log("required", spec);
  } catch (e) {
    console.log("require", spec, "->", e.code);
  }
  try {
    await import(spec);
    console.log("imported", spec);
  } catch (e) {
    console.log("import", spec, "->", e.code);
  }
}
