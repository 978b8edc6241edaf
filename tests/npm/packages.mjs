// A dual package, a scoped package, a symbolic link to a package (made by
// the test), self-reference, "imports" (#name), import.meta.resolve.
import { flavor, shared } from "dual";
import { scoped } from "@scope/pkg";
import { sub } from "@scope/pkg/sub";
import * as l1 from "linked";
import * as l2 from "./packages/linked/index.js";
import * as l3 from "./node_modules/linked/index.js";
import { self } from "npm-fixture/self";
import { shout } from "#util";
import * as scopedNs from "#scoped";
import { selfref } from "selfref";
import { createRequire } from "module";

const require = createRequire(import.meta.url);
console.log(flavor, shared.from, require("dual").flavor, require("dual").shared === shared);
console.log(scoped, sub, scopedNs.scoped);
console.log(l1.linked);
console.log(l1 === l2, l2 === l3);
console.log(self, shout("hi"), selfref);
const tail = (url, n) => url.split("/").slice(-n).join("/");
console.log(tail(import.meta.resolve("dual"), 2));
console.log(tail(import.meta.resolve("#util"), 2));
console.log(tail(import.meta.resolve("linked"), 3));
console.log(tail(import.meta.resolve("./lib/self.mjs"), 2));
console.log(import.meta.filename.split("/").pop(), import.meta.dirname === import.meta.filename.slice(0, import.meta.filename.lastIndexOf("/")));
