// this.x / this.x = v through the register that holds this (js_this_reg):
// sloppy conversion, strict undefined, arrows, generators, classes,
// optional chains, destructuring targets. Output checked against node.
function f() { 'use strict'; return this.x.y; }
try { f.call({}); } catch (e) { console.log(e.message); }
try { f(); } catch (e) { console.log(e.message); }
function g() { return this.a; }
console.log(g.call(5), typeof g.call('s'), g.call({a: 3}));
function h() { this.v = 1; var k = () => this.v; return k() + this.v; }
console.log(h.call({}));
var o = { m() { this.n = (this.n || 0) + 1; this.n += 2; this.n++; ++this.n; return this.n; } };
console.log(o.m(), o.m());
function* gen() { yield this.q; yield this.q + 1; }
console.log([...gen.call({q: 10})]);
class A { constructor() { this.z = 4; } get zz() { return this.z * 2; } }
class B extends A { constructor() { super(); this.w = this.zz; } }
console.log(new B().w);
function opt() { return this?.p; }
console.log(opt.call(null) === undefined ? 'glob' : 'x', opt.call({p: 7}));
function de() { var {a, b} = this; [this.c, this.d] = [a, b]; return this.c + this.d; }
console.log(de.call({a: 1, b: 2}));
