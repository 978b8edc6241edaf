// Driver for lodash (npm), loaded from its UMD build as a classic script:
// collections, strings, objects, templates and memoization. Same output
// under node and qjs.
var onNode = typeof process === "object" && typeof require === "function";
var modules = onNode ? process.argv[2] : scriptArgs[1];
var read = onNode ? function (p) { return require("fs").readFileSync(p, "utf8"); }
                  : function (p) { return std.loadFile(p); };
(0, eval)(read(modules + "/lodash/lodash.js"));
var _ = globalThis._;

var people = _.times(40, function (i) {
  return { id: i, name: "p" + i, age: 20 + (i * 7) % 50, tags: _.range(i % 4).map(function (k) { return "t" + k; }) };
});
console.log(JSON.stringify(_.groupBy(people, function (p) { return Math.floor(p.age / 10) * 10; }), ["20", "30", "40", "50", "60", "id"]));
console.log(JSON.stringify(_.chain(people).filter(function (p) { return p.age > 40; })
  .sortBy(["age", "name"]).map("name").take(8).value()));
console.log(JSON.stringify(_.countBy(_.flatMap(people, "tags"))));
console.log(JSON.stringify(_.zipObject(["a", "b", "c"], [1, 2, 3])), JSON.stringify(_.chunk(_.range(10), 3)));
console.log(_.camelCase("Foo Bar-baz_qux"), _.kebabCase("fooBarBaz"), _.snakeCase("Foo bar"), _.startCase("--foo-bar--"));
console.log(_.padStart("7", 3, "0"), _.truncate("a long sentence to cut", { length: 12 }), _.escape("<a href=\"x\">&</a>"));
var deep = { a: [{ b: { c: 3 } }], d: new Date(0), e: /x/g, f: new Map([[1, 2]]) };
var copy = _.cloneDeep(deep);
console.log(_.isEqual(deep, copy), copy !== deep, copy.a[0].b !== deep.a[0].b, _.get(copy, "a[0].b.c"));
console.log(JSON.stringify(_.merge({ a: { x: 1 }, b: [1] }, { a: { y: 2 }, b: [undefined, 2] })));
var tpl = _.template("<ul><% _.forEach(items, function (it) { %><li><%- it %></li><% }); %></ul> ${n}");
console.log(tpl({ items: ["a", "<b>", "c"], n: 3 }));
var calls = 0;
var fib = _.memoize(function (n) { calls++; return n < 2 ? n : fib(n - 1) + fib(n - 2); });
console.log(fib(70), calls);
console.log(JSON.stringify(_.uniqBy(_.shuffle.length ? people.map(function (p) { return p.age % 9; }) : [], _.identity).sort(function (a, b) { return a - b; })));
console.log(JSON.stringify(_.partition(_.range(12), function (x) { return x % 3 === 0; })));
console.log(_.sum(_.map(_.range(1000), function (x) { return x * x; })), _.max([3, 9, 2]), _.meanBy(people, "age"));
