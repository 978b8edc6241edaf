// import() of a file that does not exist rejects with an Error naming the
// specifier and the importing script; unhandled, it is reported as an
// unhandled rejection and the exit status is 1. The loop goes on.
import("./missing-module.mjs");
import("./missing-module.mjs").catch((e) => console.log("caught:", e.constructor.name, e.message.includes("./missing-module.mjs")));
setTimeout(() => console.log("timer still runs"), 0);
