// Cached property-adding stores (`this.x = v` in constructors) skip the
// prototype-chain walk while the prototypes' shapes are unchanged; a
// setter or read-only property added later on a prototype must still win.
var log = typeof print === 'function' ? print : console.log;

function P(v) { this.x = v; this.y = v + 1; }
for (var i = 0; i < 5; i++) new P(i);
Object.defineProperty(P.prototype, 'x', { set: function (v) { log('P.prototype setter ' + v); }, configurable: true });
var p = new P(10);
log('own x: ' + Object.prototype.hasOwnProperty.call(p, 'x') + ', y: ' + p.y);

function Q(v) { this.z = v; }
for (i = 0; i < 5; i++) new Q(i);
Object.defineProperty(Object.prototype, 'z', { value: 0, writable: false, configurable: true });
var q = new Q(7);
log('own z: ' + Object.prototype.hasOwnProperty.call(q, 'z') + ', z: ' + q.z);
delete Object.prototype.z;
q = new Q(8);
log('after delete, own z: ' + Object.prototype.hasOwnProperty.call(q, 'z') + ', z: ' + q.z);

function R(v) { this.w = v; }
for (i = 0; i < 5; i++) new R(i);
Object.setPrototypeOf(R.prototype, { set w(v) { log('new proto setter ' + v); } });
var r = new R(3);
log('own w: ' + Object.prototype.hasOwnProperty.call(r, 'w'));

// The cached transition is taken only when the object has room for the
// new slot: objects of one shape may differ in slot capacity (a plain
// object starts with 4 inline slots, a function object with 5).
function E(v) { this.a = v; }
var es = [];
for (i = 0; i < 20; i++) es.push(new E(i));
log('first field cached: ' + es.every(function (e, k) { return e.a === k; }));
function mk() { return function g() {}; }
var fs = [];
for (i = 0; i < 200; i++) { var fn = mk(); fn.extra = i; fn.more = -i; fs.push(fn); }
log('function sixth property: ' + fs.every(function (g, k) { return g.extra === k && g.more === -k && g.length === 0; }));
function Wide(v) { this.p1 = v; this.p2 = v; this.p3 = v; this.p4 = v; this.p5 = v; this.p6 = v; }
var ws = [];
for (i = 0; i < 50; i++) ws.push(new Wide(i));
log('fifth and sixth fields: ' + ws.every(fun