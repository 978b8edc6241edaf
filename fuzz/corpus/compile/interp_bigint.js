// BigInt literals and operators through the interpreter slow paths.
var print = typeof print === "function" ? print : console.log;
var a = 2n ** 64n, b = 0x10n;
print(String(a + 1n), String(a * b), String(-a), String(a >> 3n), 1n < 2, 2n == 2, typeof a, String(a % 7n));
var c = 5n; c++; c -= 1n;
print(String(c), String(~c), 3n > 2n, 10n >= 10);
try { 1n + 1; } catch (e) { print(e.constructor.name); }
