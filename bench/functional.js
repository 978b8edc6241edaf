// Code in the style a functional-language compiler emits: immutable cons
// cells (small two-field objects), curried closures, higher-order list
// functions written recursively (not tail calls, so recursion is deep),
// an evaluator for a tiny expression language with environments as
// association lists, and much short-lived garbage. Prints a checksum.
'use strict';
var log = typeof print === 'function' ? print : console.log;

function Cons(hd, tl) { this.hd = hd; this.tl = tl; }
var Nil = null;
function cons(h, t) { return new Cons(h, t); }

function range(a, b) { return a >= b ? Nil : cons(a, range(a + 1, b)); }
function map(f) { return function go(l) { return l === Nil ? Nil : cons(f(l.hd), go(l.tl)); }; }
function filter(p) { return function go(l) { return l === Nil ? Nil : p(l.hd) ? cons(l.hd, go(l.tl)) : go(l.tl); }; }
function foldl(f) { return function (acc) { return function (l) {
  while (l !== Nil) { acc = f(acc)(l.hd); l = l.tl; } return acc; }; }; }
function foldr(f, z, l) { return l === Nil ? z : f(l.hd, foldr(f, z, l.tl)); }
function append(a, b) { return a === Nil ? b : cons(a.hd, append(a.tl, b)); }
function reverse(l) { var r = Nil; while (l !== Nil) { r = cons(l.hd, r); l = l.tl; } return r; }
function length(l) { var n = 0; while (l !== Nil) { n++; l = l.tl; } return n; }
function compose(f, g) { return function (x) { return f(g(x)); }; }
var add = function (a) { return function (b) { return a + b; }; };

// Merge sort on lists.
function split(l) {
  var a = Nil, b = Nil, flip = false;
  while (l !== Nil) { if (flip) b = cons(l.hd, b); else a = cons(l.hd, a); flip = !flip; l = l.tl; }
  return { fst: a, snd: b };
}
function merge(cmp, a, b) {
  if (a === Nil) return b;
  if (b === Nil) return a;
  return cmp(a.hd, b.hd) <= 0 ? cons(a.hd, merge(cmp, a.tl, b)) : cons(b.hd, merge(cmp, a, b.tl));
}
function msort(cmp, l) {
  if (l === Nil || l.tl === Nil) return l;
  var p = split(l);
  return merge(cmp, msort(cmp, p.fst), msort(cmp, p.snd));
}

// N-queens with lists of partial solutions.
function safe(q, qs) {
  var d = 1;
  for (var l = qs; l !== Nil; l = l.tl, d++)
    if (l.hd === q || l.hd === q + d || l.hd === q - d) return false;
  return true;
}
function queens(n) {
  function place(k) {
    if (k === 0) return cons(Nil, Nil);
    var prev = place(k - 1), out = Nil;
    for (var s = prev; s !== Nil; s = s.tl)
      for (var q = 1; q <= n; q++) if (safe(q, s.hd)) out = cons(cons(q, s.hd), out);
    return out;
  }
  return length(place(n));
}

// A tiny lambda-calculus-like evaluator: expressions are tagged objects,
// environments association lists, closures JS objects.
function Num(n) { this.tag = 0; this.n = n; }
function Var(name) { this.tag = 1; this.name = name; }
function Lam(param, body) { this.tag = 2; this.param = param; this.body = body; }
function App(fn, arg) { this.tag = 3; this.fn = fn; this.arg = arg; }
function Prim(op, a, b) { this.tag = 4; this.op = op; this.a = a; this.b = b; }
function If0(c, t, e) { this.tag = 5; this.c = c; this.t = t; this.e = e; }
function Binding(name, value, next) { this.name = name; this.value = value; this.next = next; }
function Closure(lam, env) { this.lam = lam; this.env = env; }
function lookup(env, name) {
  while (env !== null) { if (env.name === name) return env.value; env = env.next; }
  throw new Error('unbound ' + name);
}
function evaluate(e, env) {
  switch (e.tag) {
    case 0: return e.n;
    case 1: return lookup(env, e.name);
    case 2: return new Closure(e, env);
    case 3: {
      var f = evaluate(e.fn, env), a = evaluate(e.arg, env);
      return evaluate(f.lam.body, new Binding(f.lam.param, a, f.env));
    }
    case 4: {
      var x = evaluate(e.a, env), y = evaluate(e.b, env);
      return e.op === '+' ? x + y : e.op === '-' ? x - y : x * y;
    }
    case 5: return evaluate(e.c, env) === 0 ? evaluate(e.t, env) : evaluate(e.e, env);
  }
}
// fib via a Z-combinator-free self application: (\f. f f n)
function fibProgram(n) {
  var self = new Lam('self', new Lam('n',
    new If0(new Var('n'), new Num(0),
      new If0(new Prim('-', new Var('n'), new Num(1)), new Num(1),
        new Prim('+',
          new App(new App(new Var('self'), new Var('self')), new Prim('-', new Var('n'), new Num(1))),
          new App(new App(new Var('self'), new Var('self')), new Prim('-', new Var('n'), new Num(2))))))));
  return new App(new App(self, self), new Num(n));
}

function run() {
  var sum = 0;
  for (var round = 0; round < 40; round++) {
    var l = range(0, 3000);                              // deep recursion
    var sq = map(function (x) { return (x * 7919 + round) % 10007; })(l);
    var odd = filter(function (x) { return x & 1; })(sq);
    var sorted = msort(function (a, b) { return a - b; }, append(odd, reverse(sq)));
    sum += foldl(add)(0)(map(compose(add(1), add(round)))(sorted)) % 1000003;
    sum += foldr(function (x, acc) { return (acc * 3 + x) % 65521; }, 0, sorted);
    sum += length(sorted);
  }
  sum += queens(8);
  sum += evaluate(fibProgram(22), null);
  return sum;
}
log('functional: checksum ' + run());
