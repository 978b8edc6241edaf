// Driver for acorn (npm), loaded from its UMD build as a classic script:
// parses JavaScript sources (its own among them) and prints a digest of
// each AST. Same output under node and qjs.
var onNode = typeof process === "object" && typeof require === "function";
var modules = onNode ? process.argv[2] : scriptArgs[1];
var read = onNode ? function (p) { return require("fs").readFileSync(p, "utf8"); }
                  : function (p) { return std.loadFile(p); };
var src = read(modules + "/acorn/dist/acorn.js");
(0, eval)(src);

function digest(node) {
  var counts = {}, n = 0, depth = 0;
  (function walk(x, d) {
    if (d > depth) depth = d;
    if (Array.isArray(x)) { x.forEach(function (y) { walk(y, d); }); return; }
    if (!x || typeof x !== "object") return;
    if (typeof x.type === "string") { counts[x.type] = (counts[x.type] || 0) + 1; n++; }
    for (var k in x)
      if (k !== "loc" && x[k] && typeof x[k] === "object") walk(x[k], d + 1);
  })(node, 0);
  var keys = Object.keys(counts).sort();
  return n + " nodes, depth " + depth + ": " + keys.map(function (k) { return k + "=" + counts[k]; }).join(" ");
}

var samples = [
  "let x = 1 + 2 * 3; const f = (a, b = 2, ...c) => a ?? b?.c;",
  "class A extends B { #p = 1; static { this.q = 2; } get v() { return this.#p; } async *g() { yield* await h(); } }",
  "for (const [k, { v = 1 }] of m) { label: for (;;) { if (k) break label; else continue; } }",
  "async function main() { try { await import('x'); } catch { } finally { } return `t${1}u${[2, 3]}`; }",
  "var re = /a(?<n>b)\\k<n>/giu, o = { __proto__: null, [k]: 1, m() {}, get g() { return 1; } };",
  "switch (x) { case 1: y++; case 2: { let z; } default: throw new Error('e'); }",
];
samples.forEach(function (s) {
  console.log(digest(acorn.parse(s, { ecmaVersion: "latest", sourceType: "module" })));
});
try {
  acorn.parse("let let = 1;", { ecmaVersion: "latest" });
} catch (e) {
  console.log(e.name + ": " + e.message);
}
// acorn parsing itself, and part of its token stream
var ast = acorn.parse(src, { ecmaVersion: "latest" });
console.log(digest(ast));
var toks = 0;
for (var t of acorn.tokenizer(src.slice(0, src.indexOf("\n", 8000)), { ecmaVersion: "latest" })) toks++;
console.log("tokens", toks);
