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
