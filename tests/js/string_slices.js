// Long substrings of long strings are slices of their base (docs/performance.md,
// "String slices"): every operation must see the same units as on a copy.
// Bases: Latin-1, and wide with a single unit above 255 so that some slices of it
// hold only Latin-1 units. The expected output is node's.
"use strict";
const log = (...a) => console.log(...a);

const latin = Array.from({ length: 4000 }, (_, i) => String.fromCharCode(97 + (i * 7) % 26)).join("") + "\xe9\xff";
const wide = "x".repeat(2000) + "\u0100" + "yz0123456789".repeat(200) + "\ud83d\ude00" + "end";
const copy = (s) => s.split("").join("");   // the same units, built flat

function describe(name, s, ref) {
  log(name, s.length, s === ref, s == ref, s < ref + "!", s.charCodeAt(0), s.charAt(5),
      s.codePointAt(s.length - 3), s.at(-1), JSON.stringify(s.slice(0, 8)));
}

// slices of Latin-1 and wide bases, slices of slices
const a = latin.slice(300), b = wide.slice(1000), c = wide.slice(0, 1990), d = b.slice(900, 1500);
describe("latin", a, copy(a));
describe("wide", b, copy(b));
describe("wide-but-latin1", c, "x".repeat(1990));
describe("slice-of-slice", d, wide.substring(1900, 2500));
log(d.indexOf("\u0100"), d.lastIndexOf("yz"), d.includes("9yz"), d.startsWith("xx"), d.endsWith("89"),
    b.indexOf("\ud83d"), b.substr(-5), c.search(/y/), a.localeCompare(copy(a)));

// property keys, Map/Set keys, switch, ===
const obj = {};
obj[c] = 1; obj[a] = 2;
log(obj["x".repeat(1990)], obj[copy(a)], Object.keys(obj).length, Object.keys(obj)[0] === c);
const m = new Map([[c, "c"], [d, "d"]]);
log(m.get("x".repeat(1990)), m.get(copy(d)), new Set([c, "x".repeat(1990), copy(c)]).size);
switch (c) { case "x".repeat(1990): log("switch ok"); break; default: log("switch bad"); }
log([c, a, b, d].map((s) => [s].indexOf(copy(s))).join());

// regexps on slices: exec with lastIndex, global, sticky, match, matchAll, replace, split, test
const re = /(\d)(\d)/g;
re.lastIndex = 100;
let r = re.exec(d);
log(r.index, r[0], r[1], re.lastIndex);
const st = /yz/y;
st.lastIndex = 101;
log(st.test(d), st.lastIndex, st.test(d), st.lastIndex);
log(d.match(/\d+/g).length, [...b.matchAll(/z0/g)].length, (b.match(/\u0100(.)/) || [])[1]);
log(d.replace(/y/g, "Y").slice(0, 30), d.replaceAll("0", "-").length, d.split("z").length, c.split("x").length);
log(/\ud83d\ude00end$/u.test(b), /^x+$/.test(c), /[^\x00-\xff]/.test(c), /[^\x00-\xff]/.test(d));
log(b.replace(/(\d+)/, (m0, p1, off, s) => `${p1.length}@${off}:${s === b}`).slice(1000, 1030));
const lexer = [];
for (let src = wide.slice(1990, 2200), rx = /^(x+|\u0100|yz|\d)/; src.length; ) {
  const t = rx.exec(src);
  lexer.push(t[0].length);
  src = src.slice(t[0].length);
}
log(lexer.length, lexer.slice(0, 6).join());

// JSON
const j = JSON.stringify({ a: d, b: c.slice(0, 70) });
log(j.length, JSON.parse(j).a === d, JSON.parse(JSON.stringify(b)) === b);
const big = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ k: i, v: "w".repeat(30) })));
log(JSON.parse(big.slice(0, big.lastIndexOf("]") + 1)).length, JSON.parse("[" + big.slice(big.indexOf(",{", 900) + 1)).length,
    JSON.parse(big.slice(big.indexOf("{"), big.indexOf("}") + 1)).v.length);

// concatenation, ropes holding slices, flattening, String methods that copy
const rope = c + "-" + d + "-" + a.slice(10, 100);
log(rope.length, rope === copy(rope), rope.indexOf("-"), rope.charCodeAt(1991), rope.toUpperCase().slice(1990, 1996));
let acc = "";
for (let i = 0; i < 20; i++) acc += c.slice(i * 80, i * 80 + 80);
log(acc.length, acc === "x".repeat(1600), /[^x]/.test(acc), encodeURIComponent(acc.slice(0, 70)).length);
log(d.normalize() === d, d.padEnd(700, ".").length, d.repeat(3).length, d.trim() === d, [...d].length,
    d.toWellFormed() === d, b.isWellFormed(), String(d.concat(c)).length);
const rev = wide.slice(3000).split("").reverse().join("");
log(Array.from(wide.slice(3000)).length, rev.slice(0, 3), rev.charCodeAt(3).toString(16), rev.charCodeAt(4).toString(16));

// `src = src.slice(k)` in a loop stays linear and correct to the end
let s = latin.repeat(20), steps = 0, sum = 0;
while (s.length > 0) {
  sum = (sum + s.charCodeAt(0) * 31 + s.length) % 1000003;
  s = s.slice(37);
  steps++;
}
log(steps, sum);

// retention: many short substrings of a large string do not keep it, long ones may
const parts = [];
for (let i = 0; i < 200; i++) parts.push(("" + i).repeat(30000).slice(5, 500));
log(parts.length, parts[199].length, parts[199].slice(0, 6));
