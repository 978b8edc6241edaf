import * as os from "qjs:os";
const v = await Promise.resolve(true);
console.log("module from stdin", typeof os.exec, v);
