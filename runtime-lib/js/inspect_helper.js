// console's inspection helper (runtime-lib/console.c): Map and Set
// entries, a Date's ISO string, a RegExp's text, through the realm's
// intrinsic methods.
(function (kind, v) {
  var out = [];
  switch (kind) {
  case 0: Map.prototype.forEach.call(v, function (val, key) { out.push(key, val); }); return out;
  case 1: Set.prototype.forEach.call(v, function (val) { out.push(val); }); return out;
  case 2: try { return Date.prototype.toISOString.call(v); } catch (e) { return 'Invalid Date'; }
  default: return RegExp.prototype.toString.call(v);
  }
})
