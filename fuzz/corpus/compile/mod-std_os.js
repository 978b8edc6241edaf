//module
// The native modules "std" and "os": named imports, namespaces and the
// default export, all the same functions as the globals std and os.
import * as std from "std";
import { sprintf, getenv } from "std";
import os, { platform, getcwd } from "os";
console.log(sprintf("%05.1f|%-4s|%x", 3.14159, "ab", 255));
console.log("same functions as the globals:", std.sprintf === globalThis.std.sprintf, os === globalThis.os, getcwd === os.getcwd);
console.log("namespace tag:", std[Symbol.toStringTag], "has default:", typeof std.default);
console.log("platform:", platform === os.platform, typeof getcwd()[0]);
console.log("getenv of a missing variable:", getenv("QJS_SURELY_NOT_SET_12345"));
console.log("std.out is a FILE:", typeof std.out.puts);
