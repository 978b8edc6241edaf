// URL and URLSearchParams API (expected output from node 20); the parser
// itself is checked against the web-platform-tests data by tests/wpt/url.js.
const show = (label, f) => {
    try {
        console.log(label, f());
    } catch (e) {
        console.log(label, 'threw', e.name, e.code, JSON.stringify(e.message), e.input, e.base);
    }
};
const u = new URL('https://user:pa%20ss@EXAMPLE.com:8080/a/./b/../c?x=1&y=2#frag');
show('parts', () => [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port,
    u.pathname, u.search, u.hash].join(' | '));
show('json', () => JSON.stringify({ u }));
show('string', () => String(u) === u.href && u.toJSON() === u.href);
show('relative', () => new URL('../x?q#h', 'http://h/a/b/c').href);
show('idna', () => new URL('http://Bücher.example/').hostname);
show('idna2', () => new URL('http://xn--bcher-kva.example/').hostname);
show('ipv4', () => new URL('http://0x7f.1/').host);
show('ipv6', () => new URL('http://[0:0::1]:80/').host);
show('file', () => new URL('file:///C:/dir/../file.txt').href);
show('opaque', () => new URL('mailto:someone@example.com').pathname);
show('invalid', () => new URL('http://exa mple.com'));
show('invalid base', () => new URL('/x', 'nope'));
show('none', () => new URL());
show('canParse', () => [URL.canParse('http://x'), URL.canParse('x'), URL.canParse('x', 'http://y/')].join());
show('parse', () => [URL.parse('http://x/y').href, URL.parse('x')].join());
const s = new URL('http://example.com/path?a=1');
s.protocol = 'https';
s.host = 'example.org:444';
s.pathname = '/p q';
s.search = 'b=2 3';
s.hash = 'h h';
s.username = 'u@';
s.password = 'p:';
show('setters', () => s.href);
s.port = '443';
show('default port', () => s.href);
s.protocol = 'ftp';
show('protocol ftp', () => s.href);
s.protocol = 'foo';
show('special to non-special', () => s.href);
show('href setter', () => { s.href = 'http://new/'; return s.href; });
show('bad href', () => { s.href = 'bad'; });
// searchParams stays tied to the URL
const t = new URL('http://h/?a=1&b=2&a=3');
const p = t.searchParams;
show('params', () => [p.get('a'), p.getAll('a').join('+'), p.has('b'), p.has('a', '3'), p.has('a', '9'), p.size].join());
p.append('c', 'x y&z');
show('append', () => t.href);
p.delete('a');
show('delete', () => t.href);
p.set('b', 'é');
show('set', () => t.href);
t.search = '?z=1&y=2';
show('search updates params', () => [...p].join(';'));
p.sort();
show('sort', () => t.search);
p.delete('z');
p.delete('y');
show('emptied', () => t.href);
// URLSearchParams on its own
const q = new URLSearchParams('?a=b+c&d=%41%zz&=e&f&&g==h');
show('parse', () => JSON.stringify([...q]));
show('toString', () => q.toString());
show('from pairs', () => new URLSearchParams([['x', '1'], ['y', '2']]).toString());
show('from record', () => new URLSearchParams({ k: 'v', n: 1 }).toString());
show('from params', () => new URLSearchParams(q).toString());
show('bad pair', () => new URLSearchParams([['x']]));
show('encoding', () => new URLSearchParams({ 'a b': "!'()~*-._ %&+=/\u00e9\u{1f600}" }).toString());
show('sort stable', () => { const x = new URLSearchParams('z=1&a=2&z=0&\u{1f600}=3&\ufb03=4&a=1'); x.sort(); return x.toString(); });
show('iterators', () => [[...q.keys()].join(), [...q.values()].join(), Object.prototype.toString.call(q.entries())].join(' | '));
show('forEach', () => { const out = []; q.forEach((v, k, o) => out.push(k + '=' + v + (o === q))); return out.join(' '); });
show('live iteration', () => { const x = new URLSearchParams('a=1&b=2'); const out = []; for (const [k] of x) { out.push(k); if (k === 'a') x.append('c', '3'); } return out.join(); });
show('size', () => q.size);
show('delete value', () => { const x = new URLSearchParams('a=1&a=2&a=1'); x.delete('a', '1'); return x.toString(); });
show('missing', () => q.get());
show('tags', () => [Object.prototype.toString.call(u), Object.prototype.toString.call(q)].join());
show('lone surrogate', () => new URLSearchParams({ '\ud800': '\udc00' }).toString());
show('idna bidi and joiners', () => ['\u05d0\u05d1', '\u05d0\u05d1.com', '\u05d0a', '\u0627\u0661\u0031', '\u0628\u200c\u0628',
    'a\u200cb', '\u0915\u094d\u200d\u0937', 'a\u200db', 'xn--4db.com', '\u0627\u0644\u0639\u0631\u0628\u064a\u0629.example']
    .map((h) => URL.canParse('http://' + h + '/') ? new URL('http://' + h + '/').hostname : 'fail').join(' '));
