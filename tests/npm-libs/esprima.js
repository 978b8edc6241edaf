// Driver for esprima (npm), loaded from its UMD build as a classic
// script: parses and tokenizes sources, a minified library among them, and prints a
// digest. Same output under node and qjs. Needs lodash installed too.
var onNode = typeof process === "object" && typeof require === "function";
var modules = onNode ? process.argv[2] : scriptArgs[1];
var read = onNode ? function (p) { return require("fs").readFileSync(p, "utf8"); }
                  : function (p) { return std.loadFile(p); };
var src = read(modules + "/esprima/dist/esprima.js");
(0, eval)(src);

function digest(node) {
  var counts = {}, n = 0;
  (function walk(x) {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (!x || typeof x !== "object") return;
    if (typeof x.type === "string") { counts[x.type] = (counts[x.type] || 0) + 1; n++; }
    for (var k in x)
      if (x[k] && typeof x[k] === "object") walk(x[k]);
  })(node);
  return n + " nodes: " + Object.keys(counts).sort().map(function (k) { return k + "=" + counts[k]; }).join(" ");
}

console.log(esprima.version);
console.log(digest(esprima.parseScript("var a = [1, 2, 3].map(function (x) { return x * 2; }); if (a) { b: while (0) {} }")));
console.log(digest(esprima.parseModule("import d, { x as y } from 'm'; export default class C { constructor() { super.m(); } }")));
console.log(JSON.stringify(esprima.tokenize("a = b + 'c' /* d */ // e\n/re/g", { comment: true })));
try {
  esprima.parseScript("var 1x;");
} catch (e) {
  console.log(e.description, e.lineNumber, e.index);
}
// a real library (ES5, as esprima 4 reads): the minified build of lodash
// (src, esprima's own source, is four times larger: too slow under GC
// stress)
var lib = read(modules + "/lodash/lodash.min.js");
var ast = esprima.parseScript(lib, { range: true });
console.log(digest(ast));
console.log(esprima.tokenize(src.slice(0, src.indexOf("\n", 8000))).length);
