// x == y and x != y over a table of values (the interpreter answers a
// nullish side inline); output checked against node.
var vals = [null, undefined, 0, -0, 1, '', '0', 'a', true, false, {}, [], [0], Symbol.iterator, 10n, NaN, function(){}, {valueOf(){return null}}];
var out = [];
for (var a of vals) for (var b of vals) out.push((a == b) ? 1 : 0, (a != b) ? 1 : 0);
console.log(out.join(''));
