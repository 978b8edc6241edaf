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
