// Smoke test of the Array, String, Number and Math built-ins: prints only "smoke ok".
var nfail = 0; function eq(a, b, m) { if (a !== b && !(a !== a && b !== b)) { nfail++; print("FAIL " + m + ": got " + String(a) + " expected " + String(b)); } }
eq([1,2,3].map(x => x * 2).join(), "2,4,6", "map");
eq([3,1,2].sort().join(), "1,2,3", "sort");
eq([3,1,10,2].sort((a,b)=>a-b).join("-"), "1-2-3-10", "sortcmp");
eq([1,[2,[3,[4]]]].flat(Infinity).join(), "1,2,3,4", "flat");
var a = [1,2,3]; a.push(4,5); eq(a.length, 5, "push"); eq(a.pop(), 5, "pop"); eq(a.shift(), 1, "shift");
a.unshift(0, 1); eq(a.join(), "0,1,2,3,4", "unshift");
eq(a.splice(1, 2, 'x').join(), "1,2", "splice"); eq(a.join(), "0,x,3,4", "splice2");
eq(Array.from("abc").join(), "a,b,c", "from");
eq(Array.from({length: 2}, (v, i) => i * 3).join(), "0,3", "from2");
eq(Array.of(7, 8).length, 2, "of");
eq([1,2,3].indexOf(2), 1, "indexOf"); eq([NaN].includes(NaN), true, "includes");
eq([1,2,3].lastIndexOf(3), 2, "lastIndexOf");
eq([1,2,3].reduce((a,b)=>a+b), 6, "reduce"); eq([1,2,3].reduceRight((a,b)=>a+b, ""), "321", "reduceRight");
eq([...[1,2].entries()].join(";"), "0,1;1,2", "entries");
eq([1,2,3].toReversed().join(), "3,2,1", "toReversed");
eq([1,2,3].with(1, 9).join(), "1,9,3", "with");
eq([1,2,3].toSpliced(1,1).join(), "1,3", "toSpliced");
eq([1,2,3].at(-1), 3, "at");
eq([1,2].concat([3], 4).join(), "1,2,3,4", "concat");
eq([1,2,3,4,5].copyWithin(0, 3).join(), "4,5,3,4,5", "copyWithin");
eq(new Array(3).fill(0).join(), "0,0,0", "fill");
eq([1,2,3].findLast(x => x < 3), 2, "findLast");
eq(String([1,[2,3]]), "1,2,3", "toString");
eq(Array.prototype[Symbol.iterator], Array.prototype.values, "iter");
eq(Object.prototype.toString.call([].values()), "[object Array Iterator]", "tag");
var s = [5,1,4]; s.length = 5; s.sort(); eq(s.length, 5, "sortholes"); eq(4 in s, false, "sortholes2");
eq("abc".at(-1), "c", "s.at"); eq("abc".padStart(5, "xy"), "xyabc", "pad");
eq("a-b-c".split("-").join(), "a,b,c", "split"); eq("aXbX".replaceAll("X", "$&$&"), "aXXbXX", "repla