// Driver for marked (npm), loaded from its UMD build as a classic script,
// the way issue 16 found a use-after-free. Same output under node and qjs:
//   node marked.js NODE_MODULES   /   qjs marked.js NODE_MODULES
var onNode = typeof process === "object" && typeof require === "function";
var modules = onNode ? process.argv[2] : scriptArgs[1];
var read = onNode ? function (p) { return require("fs").readFileSync(p, "utf8"); }
                  : function (p) { return std.loadFile(p); };
(0, eval)(read(modules + "/marked/lib/marked.umd.js"));

var doc = [
  "# Title with *emphasis* and `code`",
  "",
  "A paragraph with a [link](http://example.com \"t\"), **strong** text,",
  "~~strike~~, an autolink <https://example.org> and a footnote-like [^1].",
  "",
  "> A quote",
  "> > nested, with a list:",
  "> > - one",
  "> > - two",
  "",
  "1. first",
  "2. second",
  "   - inner *a*",
  "   - inner _b_",
  "3. third",
  "",
  "- [x] done",
  "- [ ] todo",
  "",
  "```js",
  "function f(x) { return x < 2 ? x : f(x - 1) + f(x - 2); }",
  "```",
  "",
  "| a | b | c |",
  "|:--|:-:|--:|",
  "| 1 | 2 | 3 |",
  "| x | `y` | **z** |",
  "",
  "Setext heading",
  "--------------",
  "",
  "<div class=\"raw\">html block</div>",
  "",
  "Line one  ",
  "line two\\",
  "line three & <tag> \"quotes\"",
  "",
  "***",
  "",
  "![image](/img.png \"an image\")",
].join("\n");

console.log(marked.marked.parse(doc));
var tokens = marked.marked.lexer(doc);
console.log(tokens.length, tokens.map(function (t) { return t.type; }).join(","));

// a larger document built from pieces, rendered several times
var parts = [];
for (var i = 0; i < 60; i++) {
  parts.push("## Section " + i + "\n\n" +
             "Text " + "word ".repeat(i % 7 + 1) + "[ref" + i + "](#s" + i + ") *e" + i + "*\n\n" +
             (i % 3 === 0 ? "```\ncode " + i + "\n```\n\n" : "") +
             (i % 4 === 0 ? "- a" + i + "\n- b" + i + "\n\n" : "") +
             (i % 5 === 0 ? "| h" + i + " | k |\n|---|---|\n| " + i + " | " + i * i + " |\n\n" : ""));
}
var big = parts.join("");
var html = "";
for (var r = 0; r < 3; r++)
  html = marked.marked.parse(big);
var h = 0;
for (var j = 0; j < html.length; j++)
  h = (h * 31 + html.charCodeAt(j)) | 0;
console.log(html.length, h);
console.log(html.slice(0, 400));
