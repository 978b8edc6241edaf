// console.log formatting, compared with Node's util.inspect defaults.
console.log('hello', 1, -0, 0, 1.5, 1e21, BigInt(10), true, null, undefined, Symbol('s'));
console.log([1, 2, 3], { a: 1, b: 'x' }, [], {}, [[]], [{}]);
console.log({ a: { b: { c: { d: 1 } } } }, [[1, [2, [3, [4]]]]]);
const o = { name: 'o' };
o.self = o;
console.log(o);
const a = [1];
a.push({ back: a });
console.log(a);
console.log(function foo() {}, () => {}, class A {}, class B extends Array {}, function* g() {});
console.log(['a', "it's", 'q"\'', 'new\nline', 'tab\there', 'back\\slash', '\x01\x7f']);
console.log({ 'a-b': 1, _c: 2, $d: 3, [Symbol('k')]: 4, 1: 5, 'ünï': 6 });
console.log(Array.from({ length: 30 }, (_, i) => i));
console.log(Array.from({ length: 8 }, (_, i) => 'str' + i));
console.log(Array.from({ length: 7 }, (_, i) => i * 1000));
console.log([1, , 3, , , 6], new Array(5));
console.log('%s is %d years, %i, %f; %j %% %c|', 'Bob', 42.5, 42.5, '3.25', { a: [1] }, 'color: red', 'extra', 7);
console.log('%s %s', 'only one');
console.log('%o and %O', { a: { b: 2 } }, { b: { c: { d: {} } } });
console.log({ get x() { return 1; }, set y(v) {}, get z() { return 1; }, set z(v) {} });
console.log(Object.create(null), Object.assign(Object.create(null), { k: 1 }));
class Foo { constructor() { this.x = 1; } }
class Bar extends Foo {}
console.log(new Foo(), [new Bar()], new (class {})());
console.log({ a: 'x'.repeat(62) });
console.log({ a: 'x'.repeat(63) });
console.log({ k1: 'aaaaaaaaaa', k2: 'bbbbbbbbbb', k3: 'cccccccccc', k4: 'dddddddddd', k5: 1 });
console.log(new Array(120).fill(7));
console.log(new Number(3), new String('ab'), new Boolean(false), Object(Symbol('w')));
console.log([undefined, null, NaN, -Infinity, -0]);
console.log(new Uint8Array([1, 2, 3]), new Float64Array(2), new ArrayBuffer(3));
console.log(Promise.resolve(4), new Promise(() => {}), Promise.resolve({ v: [1] }));
console.log([function () {}, Math.max, parseInt]);
console.log({ f: function () {}, arr: [1, 2, { x: [1, 2] }], s: 'str' });
console.log({ nested: { l