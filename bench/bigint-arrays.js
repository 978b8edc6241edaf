// Big-integer arithmetic on arrays of small ints, as libraries written
// before BigInt do it: numbers are little-endian arrays of base-10000
// limbs; schoolbook multiplication, addition, subtraction, comparison,
// division by a small int and decimal printing. Computes a factorial,
// Fibonacci numbers by matrix powering, and digits of e with a series.
// Prints a checksum of the decimal digits.
'use strict';
var log = typeof print === 'function' ? print : console.log;
var BASE = 10000;

function BigNat(limbs) { this.limbs = limbs; }
BigNat.fromInt = function (n) {
  var l = [];
  do { l.push(n % BASE); n = Math.floor(n / BASE); } while (n > 0);
  return new BigNat(l);
};
BigNat.prototype.trim = function () {
  var l = this.limbs;
  while (l.length > 1 && l[l.length - 1] === 0) l.pop();
  return this;
};
BigNat.prototype.isZero = function () { return this.limbs.length === 1 && this.limbs[0] === 0; };
BigNat.prototype.add = function (o) {
  var a = this.limbs, b = o.limbs, n = Math.max(a.length, b.length), r = new Array(n + 1), carry = 0;
  for (var i = 0; i < n; i++) {
    var s = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0) + carry;
    if (s >= BASE) { r[i] = s - BASE; carry = 1; } else { r[i] = s; carry = 0; }
  }
  r[n] = carry;
  return new BigNat(r).trim();
};
BigNat.prototype.sub = function (o) {  // this >= o
  var a = this.limbs, b = o.limbs, r = new Array(a.length), borrow = 0;
  for (var i = 0; i < a.length; i++) {
    var s = a[i] - (i < b.length ? b[i] : 0) - borrow;
    if (s < 0) { r[i] = s + BASE; borrow = 1; } else { r[i] = s; borrow = 0; }
  }
  return new BigNat(r).trim();
};
BigNat.prototype.cmp = function (o) {
  var a = this.limbs, b = o.limbs;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (var i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
};
BigNat.prototype.mul = function (o) {
  var a = this.limbs, b = o.limbs, r = new Array(a.length + b.length);
  for (var k = 0; k < r.length; k++) r[k] = 0;
  for (var i = 0; i < a.length; i++) {
    var ai = a[i], carry = 0;
    if (ai === 0) continue;
    for (var j = 0; j < b.length; j++) {
      var t = r[i + j] + ai * b[j] + carry;
      carry = Math.floor(t / BASE);
      r[i + j] = t - carry * BASE;
    }
    for (var p = i + b.length; carry > 0; p++) {
      var u = r[p] + carry;
      carry = Math.floor(u / BASE);
      r[p] = u - carry * BASE;
    }
  }
  return new BigNat(r).trim();
};
BigNat.prototype.mulSmall = function (m) {
  var a = this.limbs, r = [], carry = 0;
  for (var i = 0; i < a.length; i++) {
    var t = a[i] * m + carry;
    carry = Math.floor(t / BASE);
    r.push(t - carry * BASE);
  }
  while (carry > 0) { r.push(carry % BASE); carry = Math.floor(carry / BASE); }
  return new BigNat(r).trim();
};
BigNat.prototype.divSmall = function (d) {  // returns { q, r }
  var a = this.limbs, q = new Array(a.length), rem = 0;
  for (var i = a.length - 1; i >= 0; i--) {
    var cur = rem * BASE + a[i];
    q[i] = Math.floor(cur / d);
    rem = cur - q[i] * d;
  }
  return { q: new BigNat(q).trim(), r: rem };
};
BigNat.prototype.toString = function () {
  var l = this.limbs, parts = [String(l[l.length - 1])];
  for (var i = l.length - 2; i >= 0; i--) {
    var s = String(l[i]);
    parts.push('0000'.slice(s.length) + s);
  }
  return parts.join('');
};

function factorial(n) {
  var r = BigNat.fromInt(1);
  for (var i = 2; i <= n; i++) r = r.mulSmall(i);
  return r;
}
function fib(n) {  // [[1,1],[1,0]]^n by squaring
  var a = BigNat.fromInt(1), b = BigNat.fromInt(0), c = BigNat.fromInt(0), d = BigNat.fromInt(1);
  var x = BigNat.fromInt(1), y = BigNat.fromInt(1), z = BigNat.fromInt(1), w = BigNat.fromInt(0);
  while (n > 0) {
    if (n & 1) {
      var na = a.mul(x).add(b.mul(z)), nb = a.mul(y).add(b.mul(w));
      var nc = c.mul(x).add(d.mul(z)), nd = c.mul(y).add(d.mul(w));
      a = na; b = nb; c = nc; d = nd;
    }
    var nx = x.mul(x).add(y.mul(z)), ny = x.mul(y).add(y.mul(w));
    var nz = z.mul(x).add(w.mul(z)), nw = z.mul(y).add(w.mul(w));
    x = nx; y = ny; z = nz; w = nw;
    n >>= 1;
  }
  return b;
}
// e * 10^digits = sum 10^digits / k!, terms computed by repeated division.
function eDigits(digits) {
  var one = BigNat.fromInt(1);
  for (var i = 0; i < digits; i++) one = one.mulSmall(10);
  var sum = one, term = one;
  for (var k = 1; !term.isZero(); k++) {
    term = term.divSmall(k).q;
    sum = sum.add(term);
  }
  return sum;
}
function digitSum(s) { var t = 0; for (var i = 0; i < s.length; i++) t += s.charCodeAt(i) - 48; return t; }

var check = 0;
for (var round = 0; round < 4; round++) {
  var f = factorial(1500).toString();
  var fb = fib(12000).toString();
  var e = eDigits(1500).toString();
  var diff = factorial(700).sub(factorial(699)).divSmall(699);
  check += digitSum(f) + f.length + digitSum(fb) + fb.length + digitSum(e) + diff.r +
           (factorial(300).cmp(factorial(299)) + 1);
}
log('bigint-arrays: checksum ' + check + ' e=' + e.slice(0, 12));
