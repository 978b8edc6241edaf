// RegExp built-in: exec/lastIndex, groups and indices, the Symbol methods,
// GetSubstitution, subclassing and a user exec, source and flags.
function show(v) { return JSON.stringify(v); }

var re = /a(b)?(?<x>c)/g;
var m = re.exec("xxacyyabc");
print(show(m), m.index, show(m.groups), re.lastIndex);
m = re.exec("xxacyyabc");
print(show(m), re.lastIndex);
print(re.exec("xxacyyabc"), re.lastIndex);

var d = /(?<z>a)(b)?/d.exec("xa");
print(show(d.indices), show(d.indices.groups), Object.keys(d).join());

print(show(/(?<y>a)(?<x>a)|(?<x>b)(?<y>b)/.exec("bb").groups));

print("a1b22c333".replace(/(\d)(?<x>\d?)/g, "[$&|$1|$`|$'|$$|$0|$10|$<x>]"));
print("a1b22c333".replace(/\d+/g, function (m, off) { return "<" + m + "@" + off + ">"; }));
print("a1b22c333".replace(/(?<d>\d)/, function () { return show(arguments[arguments.length - 1]); }));
print("aaa".replace(/a*?/g, "-"), "x\u{1F600}y".replace(/(?:)/gu, "."));
print(show("a1b22c333".match(/\d/g)), show("abc".match(/z/g)));
print("abcabc".search(/c/), /c/g.lastIndex);
print(show("a1b22c333".split(/(\d)/)), show("abc".split(/(?:)/)), show("a,b,c".split(/,/, 2)));
print(show([..."a1b22c333".matchAll(/\d+/g)].map(function (m) { return m[0] + "@" + m.index; })));

print(/a\/b/.source, new RegExp("a/b\n").source, RegExp.prototype.source, String(new RegExp("")));
print(/x/gimsuy.flags, /x/dv.flags, RegExp.prototype.flags === "", RegExp.prototype.global);
print(RegExp.escape("a-b.c"), RegExp.escape("1+2=3"));

var r1 = /x/g;
print(RegExp(r1) === r1, new RegExp(r1) === r1, new RegExp(r1, "i").flags);
try { new RegExp("("); } catch (e) { print(e.name); }
try { new RegExp("a", "gg"); } catch (e) { print(e.name); }

class R2 extends RegExp {
  exec(s) { var r = super.exec(s); if (r) r[0] = r[0].toUpperCase(); return r; }
}
print("abcb".replace(new R2("b", "g"), "[$&]"), new R2("q") instanceof R2);

var calls = 0;
var fake = { exec: function () { calls++; return calls < 3 ? { 0: "", index: 0, length: 1 } : null; },
             flags: "g", lastIndex: 0 };
print(RegExp.prototype[