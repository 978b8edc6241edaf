// TextEncoder and TextDecoder (expected output from node 20).
const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join(' ');
const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');
const show = (label, f) => {
    try {
        console.log(label, f());
    } catch (e) {
        console.log(label, 'threw', e.name, e.code, JSON.stringify(e.message));
    }
};
const enc = new TextEncoder();
show('encoding', () => enc.encoding);
show('ascii', () => hex(enc.encode('abc')));
show('multi', () => hex(enc.encode('\u00e9\u20ac\u{1f600}')));
show('lone', () => hex(enc.encode('a\ud800b\udc00')));
show('empty', () => enc.encode().length);
show('undefined', () => hex(enc.encode(undefined)));
show('number', () => hex(enc.encode(12.5)));
show('type', () => Object.prototype.toString.call(enc.encode('x')) + ' ' + enc.encode('xyz').buffer.byteLength);
const dst = new Uint8Array(5);
show('into', () => JSON.stringify(enc.encodeInto('a\u20ac\u{1f600}', dst)) + ' ' + hex(dst));
show('into exact', () => JSON.stringify(enc.encodeInto('\u{1f600}', new Uint8Array(4))));
show('into short', () => JSON.stringify(enc.encodeInto('\u{1f600}', new Uint8Array(3))));
show('into lone', () => { const d = new Uint8Array(6); return JSON.stringify(enc.encodeInto('\ud800\ud800', d)) + ' ' + hex(d); });
show('into bad', () => enc.encodeInto('x', new Uint16Array(2)));

const dec = (bytes, label, opts) => codes(new TextDecoder(label, opts).decode(new Uint8Array(bytes)));
show('defaults', () => { const d = new TextDecoder(); return [d.encoding, d.fatal, d.ignoreBOM].join(); });
show('labels', () => ['utf8', ' UTF-8\n', 'unicode-1-1-utf-8', 'utf-16', 'UCS-2', 'unicodefeff', 'csunicode',
    'utf-16be', 'unicodeFFFE', 'iso-10646-ucs-2'].map((l) => new TextDecoder(l).encoding).join());
show('bad label', () => new TextDecoder('utf-32'));
show('bad label2', () => new TextDecoder('utf\u00a08'));
show('bad options', () => new TextDecoder('utf-8', 5));
show('fatal flag', () => new TextDecoder('utf-8', { fatal: 1, ignoreBOM: 'x' }).fatal);
show('utf8', () => dec([0x68, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]));
show('bom', () => dec([0xef, 0xbb, 0xbf, 0x61]));
show('bom twice', () => dec([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]));
show('bom ignored', () => dec([0xef, 0xbb, 0xbf, 0x61], 'utf-8', { ignoreBOM: true }));
// Replacement characters: one per maximal subpart.
const bad = [
    [0x80], [0xff], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0xc2, 0x41], [0xe0, 0x80, 0x80], [0xe0, 0xa0],
    [0xe0, 0xa0, 0x41], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xef, 0xbf, 0xbf], [0xf0, 0x8f, 0xbf, 0xbf],
    [0xf0, 0x90, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf5, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0x61, 0xf1, 0x80, 0x80, 0xe1, 0x80, 0xc2, 0x62, 0x80, 0x63, 0x80, 0xbf, 0x64],
];
for (const b of bad)
    show('utf8 ' + hex(b), () => dec(b));
show('fatal', () => dec([0x61, 0xff], 'utf-8', { fatal: true }));
show('fatal ok', () => dec([0x61, 0xc3, 0xa9], 'utf-8', { fatal: true }));
show('utf16le', () => dec([0x61, 0, 0x3d, 0xd8, 0, 0xde, 0xac, 0x20], 'utf-16le'));
show('utf16be', () => dec([0, 0x61, 0xd8, 0x3d, 0xde, 0, 0x20, 0xac], 'utf-16be'));
show('utf16le bom', () => dec([0xff, 0xfe, 0x61, 0], 'utf-16le'));
show('utf16be bom', () => dec([0xfe, 0xff, 0, 0x61], 'utf-16be'));
show('utf16le other bom', () => dec([0xfe, 0xff, 0x61, 0], 'utf-16le'));
show('utf16 odd', () => dec([0x61, 0, 0x62], 'utf-16le'));
show('utf16 lone lead', () => dec([0x3d, 0xd8, 0x61, 0], 'utf-16le'));
show('utf16 lone lead end', () => dec([0x61, 0, 0x3d, 0xd8], 'utf-16le'));
show('utf16 lone trail', () => dec([0x00, 0xde, 0x61, 0], 'utf-16le'));
show('utf16 lead lead', () => dec([0x3d, 0xd8, 0x3d, 0xd8, 0, 0xde], 'utf-16le'));
show('utf16 fatal', () => dec([0x00, 0xde], 'utf-16le', { fatal: true }));

// Streaming: state is kept between calls with {stream: true}.
const sd = new TextDecoder();
const bytes = [0xef, 0xbb, 0xbf, 0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82, 0xac];
let out = '';
for (const b of bytes) out += sd.decode(new Uint8Array([b]), { stream: true });
out += sd.decode();
show('stream', () => codes(out));
show('stream end incomplete', () => { const d = new TextDecoder(); return codes(d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }) + d.decode()); });
show('stream reuse', () => { const d = new TextDecoder(); d.decode(new Uint8Array([0xe2]), { stream: true }); return codes(d.decode(new Uint8Array([0x61]))) + '|' + codes(d.decode(new Uint8Array([0x62]))); });
show('stream bom split', () => { const d = new TextDecoder(); return codes(d.decode(new Uint8Array([0xef, 0xbb]), { stream: true }) + d.decode(new Uint8Array([0xbf, 0x61]), { stream: true }) + d.decode(new Uint8Array([0xef, 0xbb, 0xbf]))); });
show('stream bom later', () => { const d = new TextDecoder(); return codes(d.decode(new Uint8Array([0x61]), { stream: true }) + d.decode(new Uint8Array([0xef, 0xbb, 0xbf]))); });
const s16 = new TextDecoder('utf-16be');
show('stream16', () => codes(s16.decode(new Uint8Array([0xd8]), { stream: true }) + s16.decode(new Uint8Array([0x3d, 0xde]), { stream: true }) + s16.decode(new Uint8Array([0x00]))));

// Inputs: ArrayBuffer, views at offsets, DataView, undefined.
const buf = new Uint8Array([0x20, 0x61, 0x62, 0x63, 0x20]);
show('arraybuffer', () => JSON.stringify(new TextDecoder().decode(buf.buffer)));
show('subarray', () => new TextDecoder().decode(buf.subarray(1, 4)));
show('dataview', () => new TextDecoder().decode(new DataView(buf.buffer, 2, 2)));
show('uint16 view', () => new TextDecoder().decode(new Uint16Array([0x6261])));
show('nothing', () => JSON.stringify(new TextDecoder().decode()));
show('bad input', () => new TextDecoder().decode('abc'));
show('bad input2', () => new TextDecoder().decode(42));
let big = '';
for (let i = 0; i < 3000; i++) big += String.fromCodePoint(i * 367 % 0x10ffff);
big = big.replace(/[\ud800-\udfff]/g, '');
show('round trip', () => new TextDecoder().decode(enc.encode(big)) === big);
show('tags', () => [Object.prototype.toString.call(enc), Object.prototype.toString.call(new TextDecoder())].join());
show('this', () => TextDecoder.prototype.decode.call({}));
