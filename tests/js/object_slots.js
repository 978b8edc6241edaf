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
