//module
// QuickJS-NG's module names "qjs:std" and "qjs:os" are the modules "std"
// and "os": the same objects and functions.
import * as std1 from "qjs:std";
import * as std2 from "std";
import os1, { exec } from "qjs:os";
import * as os2 from "os";

console.log(std1 === std2, os1 === os2.default, exec === os2.exec, os1 === globalThis.os);
const dyn = await import("qjs:os");
console.log(dyn === os2, typeof dyn.setReadHandler, typeof std1.printf);
