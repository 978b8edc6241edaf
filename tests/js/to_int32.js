// ToInt32 / ToUint32 of doubles beyond int32 (computed from the bits of the
// double); the expected output is node's.
var vals = [2147483648, -2147483649, 4294967296, 4294967297.5, -4294967297.5, 1e20, -1e20, 2**53, 2**53+2, -(2**53), 2**63, 2**84 + 2**32 + 5*2**31, 1.7976931348623157e308, -1.5e300, 123456789012.9, -123456789012.9, Infinity, -Infinity, NaN, 2**31 + 0.5, -(2**31) - 0.5, 3.7e9, -3.7e9, 2**52 + 0.5, 2**52 + 1, 1e15 + 0.25, 2**62 - 1024];
var out = [];
for (var v of vals) out.push((v | 0) + ',' + (v >>> 0) + ',' + (v >> 3) + ',' + (v & 0xffff));
for (var i = 0, s = 1.1; i < 400; i++, s *= -1.37) out.push(s | 0, s >>> 0);
console.log(out.join(' '));
