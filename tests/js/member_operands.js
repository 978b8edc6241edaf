// Member reads and writes whose object, key or value is a local variable
// use its register in place when nothing evaluated in between can assign
// it; evaluation order must stay as the specification says.
var log = typeof print === 'function' ? print : console.log;

function reads(a, i, o) {
    var out = [];
    out.push(a[i], a[i + 1], o.x, o.inner.y, a[o.k]);
    out.push((i = 2, a)[i]);                 // the key is read after the object
    var b = [10, 20, 30];
    out.push(a[(a = b, 0)]);                 // the object is read before the key
    out.push(a[i]);
    return out.join();
}
log('reads: ' + reads([1, 2, 3, 4], 0, { x: 'x', inner: { y: 'y' }, k: 3 }));

function writes() {
    var a = [0, 0, 0], i = 0, o = { x: 0 }, p = { x: 0 };
    a[i] = 5;
    a[i + 1] = a[i] + 1;
    o.x = a[1];
    a[i] = (i = 2, 7);                       // a[0] = 7: the key was 0
    o.x = (o = p, 'set on the first');       // the first object gets it
    var q = { x: 0 }, r = { x: 0 };
    var s = q;
    s.x = s = r;                             // q.x = r
    return a.join() + ' ' + i + ' ' + p.x + ' ' + (q.x === r) + ' ' + r.x;
}
log('writes: ' + writes());

function captured() {
    var o = { v: 'first' }, other = { v: 'other' };
    function swap() { o = other; return 'v'; }
    var r1 = o[swap()];                      // o read before the key's call
    o = { v: 'first' };
    function swap2() { o = other; return 1; }
    o.w = swap2();                           // stored on the first object
    return r1 + ' ' + other.w;
}
log('captured: ' + captured());

function keys(o) {
    var k = { toString: function () { k = 'changed'; return 'a'; } };
    return o[k] + ' ' + k;
}
log('keys: ' + keys({ a: 'A' }));

function setters() {
    var log2 = [], v = 1;
    var o = { set x(n) { log2.push('x=' + n); } };
    o.x = v;
    o.x = v + 1;
    return log2.join();
}
log('setters: ' + setters());

function strictRead() {
    'use strict';
    var u;
    try { return u.x; } catch (e) { return e.constructor.name; }
}
log('undefined object: ' + strictRead());

// Assignments and declarations compiled straight into the local's
// register: the old value is read before the new one is written, and a
// throwing right-hand side leaves the local as it was.
function direct() {
    var x = 1, out = [];
    x = (x = 5) + 1; out.push(x);
    x = 1;
    x = x + (x = 5); out.push(x);
    var y = y + 1; out.push(y);
    var o = { next: { next: null, v: 2 }, v: 1 };
    o = o.next; out.push(o.v);
    var n = 10;
    try { n = n + (function () { throw new Error('no'); })(); } catch (e) { out.push('kept ' + n); }
    for (var i = 0; i < 3; i++) { const c = i * 2; let d = c + i; out.push(d); }
    var s = 'a';
    s = s + s; s = s.length; out.push(s);
    return out.join();
}
log('direct: ' + direct());

function* gen() {
    var x = 10;
    x = x + (yield 'first');
    yield x;
}
var it = gen();
log('generator: ' + it.next().value + ' ' + it.next(5).value);
