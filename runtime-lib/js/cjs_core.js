// The CommonJS core (runtime-lib/cjs.c): require, Module and the module
// cache over the host natives it is called with.
(function (host) {
'use strict';
const cache = Object.create(null);
function Module(id, parent) {
  this.id = id;
  this.path = host.dirname(id);
  this.exports = {};
  this.filename = id;
  this.loaded = false;
  this.children = [];
  this.parent = parent;
  this.require = makeRequire(id, this);
}
function checkId(id) {
  if (typeof id !== 'string')
    throw new TypeError('The "id" argument must be of type string. Received ' + typeof id);
  if (id === '')
    throw new TypeError("The argument 'id' must be a non-empty string. Received ''");
}
function makeRequire(from, mod) {
  const require = function require(id) {
    checkId(id);
    return load(host.resolve(id, from), mod);
  };
  require.resolve = function js_resolve(request) {
    checkId(request);
    return host.resolve(request, from);
  };
  require.cache = cache;
  return require;
}
function load(name, parent) {
  const cached = cache[name];
  if (cached !== undefined) {
    if (parent && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;
  }
  const format = host.format(name);
  if (format === 'builtin') return host.builtin(name);
  const m = new Module(name, parent);
  if (parent) parent.children.push(m);
  cache[name] = m;
  let ok = false;
  try {
    if (format === 'json') m.exports = host.json(name);
    else if (format === 'esm') m.exports = host.esm(name);
    else host.wrapper(name).call(m.exports, m.exports, m.require, m, name, m.path);
    ok = true;
  } finally {
    if (!ok) delete cache[name];
  }
  m.loaded = true;
  return m.exports;
}
function createRequire(filename) {
  if (typeof filename !== 'string' || filename === '')
    throw new TypeError('createRequire: the filename must be a file URL or an absolute path');
  return makeRequire(host.path(filename), undefined);
}
return { load: (name) => load(name, undefined), createRequire };
})
