// console.log of Map, Set, WeakMap, Date, RegExp (Node's format).
const m = new Map([['a', 1], [{ x: 1 }, [2]]]);
console.log(m, new Map(), new Set([1, 'b', [3]]), new Set());
console.log(new WeakMap(), new WeakSet());
console.log(new Date(0), new Date(NaN), { d: new Date(86400000) });
console.log(/ab+c/gi, [/x/], { r: /y/m });
const big = new Map();
for (let i = 0; i < 6; i++) big.set('key' + i, { value: i, label: 'item number ' + i });
console.log(big);
console.log({ deep: { m: new Map([[1, new Map([[2, new Map([[3, 4]])]])]]) } });
const s = new Set();
s.add(s);
console.log(s);
