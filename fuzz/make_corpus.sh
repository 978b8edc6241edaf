#!/usr/bin/env bash
# Regenerates the seed corpora of the fuzz targets (fuzz/corpus/TARGET/)
# from the project's own tests and from the snippets below, with a
# release build's qjsc. Usage: fuzz/make_corpus.sh BUILD_DIR
# Inputs the fuzzers found (crashes, fixed since) live in the same
# folders under names starting with "found-"; this script keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=fuzz/corpus
for t in compile eval regexp json bytecode bytecode_forge; do
  mkdir -p "$out/$t"
  find "$out/$t" -type f ! -name 'found-*' -delete
done

# Scripts: the small JS tests, and the start of the larger ones.
n=0
for f in tests/js/*.js examples/*/main.js; do
  name=$(basename "$(dirname "$f")")-$(basename "$f" .js)
  [ "$(dirname "$f")" = tests/js ] && name=$(basename "$f" .js)
  head -c 2048 "$f" > "$out/compile/$name.js"
  cp "$out/compile/$name.js" "$out/eval/$name.js"
  n=$((n + 1))
done
for f in tests/modules/*/main.mjs examples/*/main.mjs; do
  [ -f "$f" ] || continue
  name=mod-$(basename "$(dirname "$f")")
  { echo "//module"; head -c 2048 "$f"; } > "$out/compile/$name.js"
done

# Hand-written snippets for corners the tests exercise less.
i=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  i=$((i + 1))
  printf '%s\n' "$line" > "$out/compile/snippet-$i.js"
  printf '%s\n' "$line" > "$out/eval/snippet-$i.js"
done <<'JS'
function* g() { yield* [1, 2]; return yield 3 } for (const x of g()) print(x)
async function f() { for await (const x of [1, Promise.resolve(2)]) print(x) } f()
class A { #x = 1; static #y; get x() { return this.#x } static { A.#y = 2 } } new A().x
let { a, b: [c, ...d] = [1, 2, 3], ...e } = { a: 1, z: 2 }; [a, c, d, e]
label: for (var i = 0; i < 3; i++) { try { continue label } finally { i++ } }
with ({ x: 1 }) { eval('var y = x + 1') } typeof y
new Proxy({}, { get: (t, k) => k }).foo + Reflect.ownKeys({ a: 1, [Symbol()]: 2 }).length
`a${1}b${`c${2}`}` + String.raw`\n${3}`
a?.b?.[c]?.(d) ?? (e ||= f) && (g &&= h)
x = 2 ** -1 >>> 0 | ~1 ^ 3 & 4 << 5 >> 6
new WeakRef({}); new FinalizationRegistry(() => {}).register({}, 1)
JSON.stringify(JSON.parse('{"a":[1,2,{"b":null}]}'), null, 2)
/(?<y>\d{4})-(?<m>\d\d)/u.exec('2024-05').groups.y + 'aBc'.replace(/b/gi, '$&$&')
[3, 1, 2].sort((a, b) => a - b).map(String).join().padStart(10, '*')
Object.defineProperty([], 'length', { value: 2 ** 32 - 1 })
BigInt.asUintN(64, -1n) * 3n ** 40n / 7n % 5n
new Int32Array(new ArrayBuffer(16, { maxByteLength: 64 })).subarray(1).fill(7)
Array.from({ length: 3 }, (_, i) => i).toSorted().with(0, 9).findLast(x => x)
new Date(2020, 1, 29).toISOString() + Date.UTC(1970) + new Date(NaN)
Symbol.for('x').description + Object(Symbol.iterator).toString()
using x = { [Symbol.dispose]() {} }
'use strict'; (function () { return typeof this })()
JS

# RegExp: "flags\npattern\nsubject".
i=0
while IFS=$'\t' read -r flags pat subj; do
  i=$((i + 1))
  printf '%s\n%s\n%s' "$flags" "$pat" "$subj" > "$out/regexp/seed-$i"
done <<'RE'
	a|b	xab
g	(a+)+b	aaaaaaaaaaaaaaaaaaaaaaaaaaaac
i	[a-z]+\d*	Hello42
u	\p{L}+\u{1F600}	héllo😀
v	[\p{L}--[a-z]]	ÀB
y	(?<n>x)\k<n>	xx
s	a.b	a
b
m	^a$	b
a
d	(?=(a))(?!b)(?<=c)(?<!d)	ca
	(?:a|b)*?c{2,3}	abcc
	[^\s\S]|\b\B	x
u	(?i:a)b	Ab
	\1(a)	aa
v	[[a-z]&&[^aeiou]]	bcd
	(?<a>x)|(?<a>y)	y
	[\u{0}-\uffff]	\t
	a{0,4294967295}	aaaa
RE

# JSON texts.
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s' "$line" > "$out/json/seed-$i"
done <<'JSON'
{"a":1,"b":[true,false,null],"c":{"d":"e\u0041\n"}}
[1e308,-0,0.1,123456789012345678901234567890,-1E-7]
"\ud800\udc00\ud800"
[[[[[[[[[[]]]]]]]]]]
{"__proto__":1,"a":{"a":{"a":{}}}}
   [ 1 , 2 ]  
{"":"","\"":"\\\/\b\f\n\r\t"}
JSON
printf '[1,{"x":2}]\n' > "$out/json/seed-reviver"

# Bytecode: raw files written by qjsc, and for the forging target the
# source, a NUL and a few edits.
for f in "$out"/compile/snippet-{1,2,3,4,5,6,14}.js; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .js)
  "$build/qjsc" --script -b "$out/bytecode/$name.qbc" "$f" 2>/dev/null || rm -f "$out/bytecode/$name.qbc"
  { cat "$f"; printf '\0\x40\x00\x01\x07\x90\x00\x00\x00'; } > "$out/bytecode_forge/$name"
done
"$build/qjsc" --script -s -b "$out/bytecode/stripped.qbc" "$out/compile/snippet-3.js"
"$build/qjsc" -b "$out/bytecode/module.qbc" tests/modules/live_bindings/main.mjs 2>/dev/null || true
{ printf '//module\nexport let x = 1; export default function () { return x }'; printf '\0\x00\x00\x00\x00'; } > "$out/bytecode_forge/module"
# Programs that make the internal values and frame states the verifier
# tracks: boxes and closures, for-in, iterators and generators, await,
# try/finally, using, classes, arguments and rest, with and eval.
i=0
while IFS= read -r src; do
  i=$((i + 1))
  { printf '%s' "$src"; printf '\0\x21\x00\x02\x03\x05\x00\x01\xff'; } > "$out/bytecode_forge/kinds-$i"
done <<'JS'
function f(a,b){let x=a;const g=()=>x+b;x++;return g()+arguments.length}f(1,2,3)
function k(o){var s='';for(var p in o){s+=p;if(p=='b')break}return s}k({a:1,b:2,c:3})
function*g(){try{yield 1;yield 2}finally{yield 3}}var t=0;for(var v of g())t+=v;t
async function f(x){let y=await x;try{await null;throw 1}catch(e){y+=e}return y}f(2).then(v=>v)
class A{#p=1;static s=2;static{this.q=3}get p(){return this.#p}m(...r){return r.length}}new A().m(1,2)+A.q
function f(){'use strict';var r=[...arguments];let[a,b=2,...c]=r;return a+b+c.length}f(1,undefined,3,4)
{using x={[Symbol.dispose](){}};let y=1;}var z;try{z=1}finally{z=2}z
function f(){let i=0;label:for(let j=0;j<3;j++){let c=()=>j;for(;;){i+=c();continue label}}return i}f()
var s=0;for(let i of[1,2,3]){let f=()=>i;s+=f()}with({a:1}){s+=a}eval('s+1')
async function*ag(){yield*[1,2];yield await 3}(async()=>{for await(var v of ag());})()
function f(a,a2){var g=function(){return a+a2};a=5;arguments[1]=6;return g()}f(1,2)
JS

du -sh "$out"/* | sort -k2
