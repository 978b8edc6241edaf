// A CommonJS main program run by `qjs main.cjs`: require, module,
// exports, __filename and a cycle through lib/a.js and lib/b.js.
const path = __filename.split('/');
console.log(path[path.length - 1], typeof require, typeof module, this === module.exports);
const a = require('./lib/a.js');
console.log(a.name, a.fromB);
console.log(require('./lib/data.json').answer);
module.exports = { done: true };
console.log(module.exports.done);
