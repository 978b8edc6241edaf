// A module body is a resource scope: its resources are disposed when its
// evaluation ends, before the importing module's body runs.
export const log = [];
using r = { [Symbol.dispose]() { log.push("dep disposed"); } };
log.push("dep body");
