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
// later instances start with room for all their fields. Instances that
// add fields beyond it, or become dictionaries, keep working.
function Wide(i) {
  this.a = i; this.b = i + 1; this.c = i + 2; this.d = i + 3; this.e = i + 4; this.f = i + 5;
  if (i % 7 === 0) { this.g = 1; this.h = 2; this.i = 3; this.j = 4; this.k = 5; this.l = 6; this.m = 7; this.n = 8; this.o = 9; this.p = 10; this.q = 11; this.r = 12; }
}
class Point3 { constructor(x, y, z) { this.x = x; this.y = y; this.z = z; this.len = x + y + z; this.tag = 'p'; } }
class Point4 extends Point3 { constructor(x, y, z, w) { super(x, y, z); this.w = w; } }
var ws = [], sum = 0;
for (i = 0; i < 200; i++) {
  var w = new Wide(i);
  if (i % 11 === 0) delete w.c;
  if (i % 13 === 0) w['dyn' + i] = i;
  ws.push(w, new Point3(i, 1, 2), new Point4(i, 1, 2, 3), Object.create(Wide.prototype));
}
for (i = 0; i < ws.length; i++) {
  var v = ws[i];
  for (var key in v) sum += typeof v[key] === 'number' ? v[key] : 1;
}
log('constructors: ' + sum + ' ' + Object.keys(ws[0]).length + ' ' + Object.keys(ws[4]).join('') + ' ' + Object.keys(ws[2]).join(''));

// Short arrays keep their elements inside the array: literals and arrays
// of a known small length, grown by push / length / index stores, shrunk,
// shifted, sorted, spliced, made sparse.
var arrays = [], out = [];
for (i = 0; i < 40; i++) {
  var a;
  switch (i % 8) {
    case 0: a = [i, 1, 2, 3, 4, 5, 6, 7, 8, 9]; break;
    case 1: a = new Array(i % 17 + 1); a.fill(i); break;
    case 2: a = [i]; for (var j = 0; j < 20; j++) a.push(j); break;
    case 3: a = [3, 1, 2, i, 0, 5, 4]; a.sort(function (x, y) { return x - y; }); break;
    case 4: a = [i, 1, 2, 3]; a.length = 30; a[29] = 'end'; break;
    case 5: a = [i, 1, 2, 3, 4, 5]; a.shift(); a.splice(1, 2, 'x', 'y', 'z'); a.unshift('u'); break;
    case 6: a = [i, 1, 2]; a[100000] = 'far'; delete a[1]; break;
    default: a = Array.from({ length: 16 }, function (_, k) { return k * i; }); a.length = 3; a.push('p'); break;
  }
  a.extra = i;
  arrays.push(a);
}
for (i = 0; i < arrays.length; i++) {
  a = arrays[i];
  out.push(a.length + ':' + a.slice(0, 12).join(',') + ':' + a.extra + ':' + (1 in a));
}
log(out.join('\n'));
