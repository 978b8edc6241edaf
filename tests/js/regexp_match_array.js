// RegExp match arrays get index, input and groups through a cached shape;
// their properties, order and attributes are as the specification's
// CreateDataProperty calls make them (expected output: node's).
var r = /(\d+)-(?<w>[a-z]+)/d;
var m = r.exec('x 12-ab y');
console.log(JSON.stringify(m), m.index, m.input, JSON.stringify(m.groups), JSON.stringify(m.indices), Object.keys(m).join());
var m2 = 'aXbX'.match(/X/);
console.log(m2.index, m2.input, m2.groups, Object.getOwnPropertyNames(m2).join(), JSON.stringify(Object.getOwnPropertyDescriptor(m2, 'input')));
Object.defineProperty(Array.prototype, 'index', { set: function () { throw new Error('setter'); }, configurable: true });
var m3 = /a/.exec('ba'); console.log(m3.index, Object.keys(m3).join());
delete Array.prototype.index;
m3.index = 7; delete m3.input; console.log(m3.index, m3.input, Object.keys(m3).join());
var all = [...'a1b2c3'.matchAll(/\d/g)].map(function (x) { return x.index + x[0]; }); console.log(all.join());
class MyRE extends RegExp {} ; var m4 = new MyRE('b').exec('abc'); console.log(m4.index, Object.keys(m4).join());
