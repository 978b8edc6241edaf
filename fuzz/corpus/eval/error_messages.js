// Error messages that name what went wrong (V8 wording), and
// Error.prototype.stack beginning with "Name: message". Every line but the
// ones marked "(named)" prints what node prints.
var print = typeof print === "function" ? print : console.log;
function t(label, f) {
    try { f(); print(label, "=> no error"); }
    catch (e) { print(label, "=>", e.name + ": " + e.message); }
}
var os = { a: {} }, obj = { method: 1, nested: { fn: null } }, u, n = null, k = "x", s = Symbol("q");
var arr = [1, 2];
function f() { return undefined; }
class X {}
const Anon = [class {}][0];

// calls and new
t("os.pipe()", () => os.pipe());
t("os.a.b()", () => os.a.b());
t("obj.method()", () => obj.method());
t("obj.nested.fn()", () => obj.nested.fn());
t("obj[k]()", () => obj[k]());
t("arr[0]()", () => arr[0]());
t("u()", () => u());
t("local()", () => { let local = 5; local(); });
t("param()", () => (function (p) { p(); })(3));
t("captured()", () => { let c = {}; return (() => c())(); });
t("global undefined()", () => globalThis.notThere());
t("null()", () => null());
t("\"abc\"()", () => "abc"());
t("f()()", () => f()());
t("os.a.call()", () => os.a.call());
t("spread call", () => os.pipe(...arr));
t("new obj.method()", () => new obj.method());
t("new u()", () => new u());
t("new 5", () => new 5);
t("new f()()", () => new (f())());
t("this.x.y()", function () { this.x.y(); }.bind({ x: {} }));
t("class call", () => X());
t("anonymous class call", () => Anon());
t("with a.b()", () => { with ({ a: {} }) { a.b(); } });
t("sloppy eval ev.y()", () => { eval("var ev = {}"); ev.y(); });
class Base { m() {} }
class Derived extends Base { m() { super.nope(); } }
t("super.nope() (named)", () => new Derived().m());
t("long chain", () => { var o = {a:{b:{c:{d:{e:{f:{g:{h:{i:{}}}}}}}}}}; o.a.b.c.d.e.f.g.h.i.j(); });

// property access on undefined / null
t("u.x", () => u.x);
t("n.x = 1", () => { n.x = 1; });
t("u[0]", () => u[0]);
t("u[s]", () => u[s]);
t("u[s] = 1", () => { u[s] = 1; });
t("os.q.z", () => os.q.z);
t("u[k] += 1", () => { u