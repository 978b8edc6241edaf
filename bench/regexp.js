// Regular-expression-heavy text processing: generates a deterministic
// web-server log and a markdown-like document, then parses them with many
// patterns: line splitting, exec loops with /g and sticky patterns,
// replace with strings and callbacks, split on patterns, test, match.
// Prints a checksum of the extracted data.
'use strict';
var log = typeof print === 'function' ? print : console.log;

var seed = 12345;
function rand(n) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; }
var words = ['alpha', 'beta', 'gamma', 'delta', 'http', 'server', 'request', 'Error', 'user',
             'cache', 'miss', 'hit', 'Token', 'index', 'json', 'value', 'the', 'of', 'and', 'query'];
var paths = ['/index.html', '/api/v1/users', '/api/v1/items/', '/static/app.js', '/img/logo.png', '/search'];
var agents = ['Mozilla/5.0 (X11; Linux x86_64)', 'curl/7.88.1', 'Wget/1.21', 'Mozilla/5.0 (Macintosh)'];

function makeLog(lines) {
  var out = [];
  for (var i = 0; i < lines; i++) {
    var ip = rand(256) + '.' + rand(256) + '.' + rand(256) + '.' + rand(256);
    var day = 1 + rand(28), h = rand(24), m = rand(60), s = rand(60);
    var path = paths[rand(paths.length)];
    if (path === '/api/v1/items/') path += rand(100000);
    if (path === '/search') path += '?q=' + words[rand(20)] + '+' + words[rand(20)] + '&page=' + rand(10);
    var status = [200, 200, 200, 304, 404, 500][rand(6)];
    out.push(ip + ' - user' + rand(50) + ' [' + (day < 10 ? '0' : '') + day + '/Mar/2024:' +
             (h < 10 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m + ':' + (s < 10 ? '0' : '') + s +
             ' +0000] "GET ' + path + ' HTTP/1.1" ' + status + ' ' + rand(50000) + ' "' +
             agents[rand(agents.length)] + '"');
  }
  return out.join('\n');
}

function makeDoc(paras) {
  var out = [];
  for (var i = 0; i < paras; i++) {
    out.push('## Section ' + i + ' ' + words[rand(20)]);
    var p = [];
    for (var j = 0; j < 40; j++) {
      var w = words[rand(20)];
      var k = rand(20);
      if (k === 0) w = '**' + w + '**';
      else if (k === 1) w = '_' + w + '_';
      else if (k === 2) w = '[' + w + '](http://example.com/' + w + ')';
      else if (k === 3) w = '`' + w + '()`';
      else if (k === 4) w = w + '@example.org';
      p.push(w);
    }
    out.push(p.join(' ') + '.');
    out.push('');
  }
  return out.join('\n');
}

var lineRe = /^(\d+\.\d+\.\d+\.\d+) - (\w+) \[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})\] "(GET|POST) ([^ "]+) HTTP\/1\.[01]" (\d{3}) (\d+) "([^"]*)"$/;

function analyzeLog(text) {
  var lines = text.split('\n');
  var byStatus = {}, bytes = 0, ids = 0, queries = 0, bots = 0;
  for (var i = 0; i < lines.length; i++) {
    var m = lineRe.exec(lines[i]);
    if (!m) continue;
    byStatus[m[12]] = (byStatus[m[12]] || 0) + 1;
    bytes += +m[13];
    var id = /\/items\/(\d+)$/.exec(m[11]);
    if (id) ids += id[1].length;
    if (/^\/search\?/.test(m[11])) {
      var q = m[11].replace(/^[^?]*\?/, '').split(/&/);
      for (var j = 0; j < q.length; j++) queries += q[j].split('=')[1].split(/\+/).length;
    }
    if (/curl|wget/i.test(m[14])) bots++;
  }
  var sum = bytes % 100003 + ids + queries + bots;
  for (var k in byStatus) sum += byStatus[k] * +k;
  return sum;
}

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, function (c) {
    return c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;';
  });
}

function renderDoc(text) {
  var html = escapeHtml(text)
    .replace(/^## (.*)$/gm, '<h2>$1</h2>')
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/_([a-z]+)_/g, '<i>$1</i>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, function (all, t, href) { return '<a href="' + href + '">' + t + '</a>'; })
    .replace(/\b[\w.]+@[\w]+\.(?:org|com)\b/g, '<mail>$&</mail>');
  var paras = html.split(/\n\s*\n/);
  var words = 0, re = /\b[A-Za-z]+\b/g, m;
  for (var i = 0; i < paras.length; i++) {
    re.lastIndex = 0;
    while ((m = re.exec(paras[i])) !== null) words++;
  }
  return html.length + words + (html.match(/<a /g) || []).length;
}

// A small tokenizer built on a sticky regexp, as lexers do.
function tokenize(src) {
  var re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*)|("(?:[^"\\]|\\.)*")|(==|!=|<=|>=|&&|\|\||[-+*\/=<>!(){};,.]))/y;
  var count = 0, idents = 0, m;
  re.lastIndex = 0;
  while (re.lastIndex < src.length && (m = re.exec(src)) !== null) {
    count++;
    if (m[2] !== undefined) idents++;
  }
  return count * 3 + idents;
}

var logText = makeLog(12000);
var docText = makeDoc(600);
var code = [];
for (var i = 0; i < 3000; i++)
  code.push('var x' + i + ' = f(a, "str\\"' + i + '") + ' + i + '.5 * y; if (x' + i + ' >= 10 && z) { g(x' + i + '); }');
var codeText = code.join('\n');

var total = 0;
for (var r = 0; r < 8; r++)
  total += analyzeLog(logText) + renderDoc(docText) + tokenize(codeText);
log('regexp: checksum ' + total);
