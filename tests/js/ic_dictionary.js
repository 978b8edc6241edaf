// Inline caches on objects in dictionary mode (more than 128 properties,
// or a property deleted): a cache may remember such an object's shape,
// and every later change of the object (a property added, deleted,
// redefined, a new prototype) must be seen by the cached sites.
var log = typeof print === 'function' ? print : console.log;

function makeBig(n, prefix) {
    var o = {};
    for (var i = 0; i < n; i++) o[prefix + i] = i;
    return o;
}

// A constructor whose prototype has 200 methods (a dictionary).
function P() { this.v = 1; }
for (var i = 0; i < 200; i++)
    P.prototype['m' + i] = (function (k) { return function () { return k + this.v; }; })(i);
var p = new P();
function callM5(o) { return o.m5(); }
function readM7(o) { return o.m7; }
var s = 0;
for (i = 0; i < 10; i++) s += callM5(p);
log('m5 x10: ' + s);

// value replaced in place: the cached slot is read again
P.prototype.m5 = function () { return 'new m5'; };
log('after replace: ' + callM5(p));

// a property added to the prototype, then the method deleted: the
// cached site must not read the old slot
P.prototype.extra = 1;
log('after add: ' + callM5(p));
delete P.prototype.m5;
try { callM5(p); } catch (e) { log('after delete: ' + e.constructor.name); }
Object.prototype.m5 = function () { return 'from Object.prototype'; };
log('found further up: ' + callM5(p));
delete Object.prototype.m5;

// shadowed on the receiver
for (i = 0; i < 5; i++) readM7(p);
p.m7 = 'own m7';
log('shadowed: ' + readM7(p));
delete p.m7;
log('unshadowed: ' + typeof readM7(p));

// turned into an accessor
for (i = 0; i < 5; i++) readM7(p);
Object.defineProperty(P.prototype, 'm7', { get: function () { return 'getter m7'; }, configurable: true });
log('accessor: ' + readM7(p));

// a dictionary in the middle of the chain (two levels up)
function Q() {}
Q.prototype = Object.create(P.prototype);
for (i = 0; i < 150; i++) Q.prototype['q' + i] = i;
var q = new Q();
q.v = 100;
function callM9(o) { return o.m9(); }
for (i = 0; i < 5; i++) callM9(q);
log('two levels: ' + callM9(q));
Q.prototype.m9 = function () { return 'Q.m9'; };
log('middle shadows: ' + callM9(q));
delete Q.prototype.m9;
log('middle unshadowed: ' + callM9(q));

// a new prototype for a dictionary object
var d = makeBig(140, 'k');
var protoA = { who: 'A' }, protoB = { who: 'B' };
Object.setPrototypeOf(d, protoA);
function who(o) { return o.who; }
for (i = 0; i < 5; i++) who(d);
log('proto A: ' + who(d));
Object.setPrototypeOf(d, protoB);
log('proto B: ' + who(d));

// own reads and writes on a dictionary object
function readK3(o) { return o.k3; }
function writeK3(o, v) { 'use strict'; o.k3 = v; }
for (i = 0; i < 5; i++) { readK3(d); writeK3(d, i); }
log('own k3: ' + readK3(d));
Object.defineProperty(d, 'k3', { writable: false });
try { writeK3(d, 99); log('write to read-only: no error'); } catch (e) { log('write to read-only: ' + e.constructor.name); }
log('k3 still: ' + readK3(d));
delete d.k4;
Object.defineProperty(d, 'k3', { get: function () { return 'k3 getter'; }, configurable: true });
log('own accessor: ' + readK3(d));
delete d.k3;
log('deleted own: ' + readK3(d));

// a dictionary used as a hash map while a cached site reads it: every
// insertion after a cached read copies the shape, until caching stops
var map = makeBig(130, 'x');
function readSize(o) { return o.x0; }
var total = 0;
for (i = 0; i < 2000; i++) {
    total += readSize(map);
    map['y' + i] = i;
}
log('hash map reads: ' + total + ', keys: ' + Object.keys(map).length);
map.x0 = 5;
log('after write: ' + readSize(map));
delete map.x0;
log('after delete: ' + readSize(map));

// a deleted property makes a small object a dictionary
var small = { a: 1, b: 2, c: 3 };
delete small.b;
function readA(o) { return o.a; }
for (i = 0; i < 5; i++) readA(small);
small.a = 10;
log('small dict: ' + readA(small));
delete small.a;
small.a = 20;
log('re-added: ' + readA(small) + ', keys: ' + Object.keys(small).join());
