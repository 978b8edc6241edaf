// Cached reads of global object properties (get_global's inline cache)
// must see a later script's let/const/class that shadows the property,
// an accessor redefinition, a deletion and a re-addition (qjs only: uses
// std.evalScript to run another script in the same realm).
function rd() { return x; }
function rdTypeof() { return typeof x; }
globalThis.x = 1;
var s = 0;
for (var i = 0; i < 20; i++) s += rd();
console.log('cached read:', s);
std.evalScript('let x = 2;');
console.log('shadowed by a later let:', rd(), rdTypeof());

function rz() { return z; }
globalThis.z = 'data';
for (i = 0; i < 20; i++) rz();
Object.defineProperty(globalThis, 'z', { get: function () { return 'getter'; }, configurable: true });
console.log('redefined as accessor:', rz());
delete globalThis.z;
try { rz(); } catch (e) { console.log('deleted:', e.constructor.name); }
console.log('typeof after delete:', (function () { return typeof z; })());
globalThis.z = 'again';
console.log('re-added:', rz());

function rm() { return Math.max(1, 2); }
for (i = 0; i < 20; i++) rm();
console.log('lazy global:', rm());
var before = typeof Cls;
std.evalScript('class Cls { static k() { return 7; } }');
function rc() { return Cls.k(); }
for (i = 0; i < 20; i++) rc();
console.log('global class:', before, rc());

// Global lexical bindings read and written through their caches (the
// entry's index in the realm's record), and writes of global object
// properties through put_global's cache.
std.evalScript('let lexA = 1; const lexC = 10;');
function readLex() { return lexA + lexC; }
function writeLex(v) { lexA = v; }
function writeConst() { lexC = 0; }
for (i = 0; i < 20; i++) { writeLex(i); readLex(); }
console.log('lexical read/write:', readLex(), typeof lexA);
for (i = 0; i < 3; i++) {
    try { writeConst(); } catch (e) { console.log('const write:', e.constructor.name); }
}
function readLate() { return lexLate; }
try { readLate(); } catch (e) { console.log('before its script:', e.constructor.name); }
std.evalScript('readLate2 = function () { return lexLate; }; try { readLate2(); } catch (e) { console.log("in its TDZ:", e.constructor.name); } let lexLate = "late";');
console.log('after its script:', readLate(), readLate2());

var gv = 0;
function bump() { gv = gv + 1; }
function bumpStrict() { 'use strict'; gv = gv + 1; }
for (i = 0; i < 20; i++) { bump(); bumpStrict(); }
console.log('global var writes:', gv);
Object.defineProperty(globalThis, 'gv', { writable: false });
bump();
try { bumpStrict(); } catch (e) { console.log('read-only, strict:', e.constructor.name); }
console.log('read-only kept:', gv);
globalThis.gw = 1;
function setGw(v) { 'use strict'; gw = v; }
for (i = 0; i < 20; i++) setGw(i);
var setterCalls = 0;
Object.defineProperty(globalThis, 'gw', { set: function (v) { setterCalls++; }, get: function () { return 'accessor'; }, configurable: true });
setGw(5);
console.log('after accessor:', gw, setterCalls);
delete globalThis.gw;
try { setGw(6); } catch (e) { console.log('deleted, strict:', e.constructor.name); }
globalThis.gw = 'back';
setGw(7);
console.log('re-added:', gw);
std.evalScript('let gx = "lexical";');
globalThis.gy = 0;
function setGy(v) { gy = v; }
for (i = 0; i < 20; i++) setGy(i);
std.evalScript('let gy = "shadow";');
setGy('to lexical');
console.log('shadowed write:', gy, globalThis.gy);
