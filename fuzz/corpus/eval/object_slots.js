// Property slots of objects of every size: the slots inside the object's
// cell, the move to a separate vector when they fill up, and cached
// property-adding stores (which write in place while the object has room).
// Checked against node.
var log = typeof print === 'function' ? print : console.log;

// Sloppy functions start with five own properties; stores that add more
// through one cached site must not write past their slots.
function mk() { return function () {}; }
var fns = [];
for (var i = 0; i < 100; i++) { var f = mk(); f.extra = i; f.more = i * 2; f.third = -i; fns.push(f); }
var s = 0;
for (i = 0; i < 100; i++) s += fns[i].extra + fns[i].more + fns[i].third + fns[i].length;
log('functions: ' + s + ' ' + Object.keys(fns[99]).join());

// Object literals of every size (room for their properties inside the
// object), with spreads, __proto__, accessors and computed keys; then
// grown past that room and shrunk by delete.
function literal(i) {
  switch (i % 6) {
    case 0: return { a: i, b: 2, c: 3, d: 4, e: 5 };
    case 1: return { a: i, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18 };
    case 2: return { __proto__: { inherited: 1 }, a: i, b: 2, c: 3, d: 4, get e() { return 5; }, ['f' + i % 2]: 6 };
    case 3: return { ...{ x: 1, y: 2 }, a: i, b: 2, c: 3, d: 4, e: 5, f() { return 6; } };
    case 4: return { a: i, b: 2 };
    default: return { a: i, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9 };
  }
}
var total = 0, keys = [];
for (i = 0; i < 60; i++) {
  var o = literal(i);
  o.added1 = 1; o.added2 = 2; o.added3 = 3; o.added4 = 4; o.added5 = 5;
  if (i % 5 === 0) delete o.b;
  for (var k in o) total += typeof o[k] === 'number' ? o[k] : typeof o[k] === 'function' ? o[k]() : 0;
  if (i < 6) keys.push(Object.keys(o).join(''));
  total += o.inherited || 0;
}
log('literals: ' + total);
log(keys.join('\n'));

// Constructors whose instances need more than the default inline slots:
// later instances start with room for all their fields