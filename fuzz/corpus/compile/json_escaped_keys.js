// JSON.parse of object keys with escapes (found by the JSON fuzz target:
// the key's start was not recorded on the escape path, so the parser
// re-read it from a stale offset and hung or failed).
const texts = [
    '{"\\"":1}',
    '{"a":1,"\\"":2}',
    '{"a\\"b":1, "b\\n":2, "\\u0041":3, "\\ud83d\\ude00":4}',
    '{"":"","\\"":"\\\\\\/\\b\\f\\n\\r\\t"}',
    '{"\\u0030":1,"x\\u0031":2}',
];
for (const t of texts)
    console.log(JSON.stringify(JSON.parse(t)));
console.log(JSON.stringify(JSON.parse('{"k\\u0065y":[1,{"\\"":true}]}', (k, v) => (k === '"' ? !v : v))));
