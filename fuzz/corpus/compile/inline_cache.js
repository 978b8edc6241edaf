// Inline caches of the interpreter stay correct when what they cached
// changes: getters on the prototype chain (typed-array length, Map size,
// class and literal getters), String.prototype methods read on string
// primitives, `.length` through the shared get_length cache, typed-array
// elements and switch over small ints. Output checked against node.
var log = typeof print === 'function' ? print : console.log;
var out = [];
function len(x) { return x.length; }
function size(m) { return m.size; }
function first(s) { return s.charCodeAt(0); }
function getX(o) { return o.x; }

var ta = new Uint8Array(3);
out.push(len(ta), len(ta), len(new Float64Array(5)), len([1, 2]), len('abcd'), len(function (a, b) {}));
var TAProto = Object.getPrototypeOf(Uint8Array.prototype);
var saved = Object.getOwnPropertyDescriptor(TAProto, 'length');
Object.defineProperty(TAProto, 'length', { get: function () { return 42; }, configurable: true });
out.push(len(ta));
Object.defineProperty(Uint8Array.prototype, 'length', { value: 7, configurable: true });
out.push(len(ta), len(new Int8Array(2)));
delete Uint8Array.prototype.length;
Object.defineProperty(TAProto, 'length', saved);
out.push(len(ta), len({ length: 'own' }), len(Object.create({ length: 'proto' })));
var m = new Map([[1, 2]]);
out.push(size(m), size(m), size(new Set([1, 2, 3])));
out.push(first('a'), first('b'));
var cc = String.prototype.charCodeAt;
String.prototype.charCodeAt = function () { return -1; };
out.push(first('a'));
String.prototype.charCodeAt = cc;
out.push(first('c'));
class P { constructor(y) { this.y = y; } get x() { return this.y * 2; } }
var p1 = new P(1), p2 = new P(2);
out.push(getX(p1), getX(p2), getX(p1));
Object.defineProperty(P.prototype, 'x', { value: 'data' });
out.push(getX(p1));
var setterOnly = Object.create({ set x(v) {} });
out.push(getX(setterOnly), getX(setterOnly));
var u = new Uint16Array(4);
for (var i = 0; i < 6; i++) u[i] = i * 30000;
out.push(u.join(), u[5], u[-1], u[1.5]);
var t = 0;
for (var k = 0; k < 10; k++) {
  switch (k % 4) {