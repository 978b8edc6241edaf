// Binary-format decoding: encodes a list of records into a compact binary
// format (LEB128 varints, zigzag integers, IEEE doubles through a
// DataView, length-prefixed UTF-8 strings, nested arrays), base64-encodes
// it, then decodes it back: base64 decoding, UTF-8 decoding with string
// building, many small reader methods. Prints a checksum.
'use strict';
var log = typeof print === 'function' ? print : console.log;

function Writer() { this.buf = new Uint8Array(1024); this.pos = 0; this.view = new DataView(this.buf.buffer); }
Writer.prototype.ensure = function (n) {
  if (this.pos + n <= this.buf.length) return;
  var nb = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
  nb.set(this.buf);
  this.buf = nb; this.view = new DataView(nb.buffer);
};
Writer.prototype.u8 = function (v) { this.ensure(1); this.buf[this.pos++] = v; };
Writer.prototype.varint = function (v) {
  while (v >= 0x80) { this.u8((v & 0x7f) | 0x80); v = Math.floor(v / 128); }
  this.u8(v);
};
Writer.prototype.sint = function (v) { this.varint(v >= 0 ? v * 2 : -v * 2 - 1); };
Writer.prototype.f64 = function (v) { this.ensure(8); this.view.setFloat64(this.pos, v, true); this.pos += 8; };
Writer.prototype.str = function (s) {
  var bytes = [];
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  this.varint(bytes.length);
  for (var j = 0; j < bytes.length; j++) this.u8(bytes[j]);
};

function Reader(buf) { this.buf = buf; this.pos = 0; this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength); }
Reader.prototype.u8 = function () { return this.buf[this.pos++]; };
Reader.prototype.varint = function () {
  var v = 0, mul = 1, b;
  do { b = this.u8(); v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
  return v;
};
Reader.prototype.sint = function () { var v = this.varint(); return v % 2 ? -(v + 1) / 2 : v / 2; };
Reader.prototype.f64 = function () { var v = this.view.getFloat64(this.pos, true); this.pos += 8; return v; };
Reader.prototype.str = function () {
  var n = this.varint(), end = this.pos + n, s = '';
  while (this.pos < end) {
    var c = this.u8();
    if (c >= 0xe0) c = ((c & 15) << 12) | ((this.u8() & 63) << 6) | (this.u8() & 63);
    else if (c >= 0xc0) c = ((c & 31) << 6) | (this.u8() & 63);
    s += String.fromCharCode(c);
  }
  return s;
};

var names = ['Zoë', 'Łukasz', 'Ærøskøbing', 'plain ascii name', 'Ελληνικά', '東京', 'naïve café', 'x'];
function makeRecords(n) {
  var out = [];
  for (var i = 0; i < n; i++) {
    var tags = [];
    for (var j = 0; j < i % 5; j++) tags.push(names[(i + j) % names.length] + j);
    out.push({ id: i * 7919, delta: (i % 13) - 6, score: i / 7 + 0.25, name: names[i % names.length] + ' #' + i,
               tags: tags, flags: i & 0xff });
  }
  return out;
}
function encode(records) {
  var w = new Writer();
  w.varint(records.length);
  for (var i = 0; i < records.length; i++) {
    var r = records[i];
    w.varint(r.id); w.sint(r.delta); w.f64(r.score); w.str(r.name);
    w.varint(r.tags.length);
    for (var j = 0; j < r.tags.length; j++) w.str(r.tags[j]);
    w.u8(r.flags);
  }
  return w.buf.subarray(0, w.pos);
}
function decode(buf) {
  var rd = new Reader(buf), n = rd.varint(), out = new Array(n);
  for (var i = 0; i < n; i++) {
    var id = rd.varint(), delta = rd.sint(), score = rd.f64(), name = rd.str();
    var nt = rd.varint(), tags = [];
    for (var j = 0; j < nt; j++) tags.push(rd.str());
    out[i] = { id: id, delta: delta, score: score, name: name, tags: tags, flags: rd.u8() };
  }
  return out;
}

var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var B64REV = new Int16Array(128).fill(-1);
for (var k = 0; k < 64; k++) B64REV[B64.charCodeAt(k)] = k;
function toBase64(bytes) {
  var s = '', i;
  for (i = 0; i + 2 < bytes.length; i += 3) {
    var v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + B64[v & 63];
  }
  if (i < bytes.length) {
    var v2 = bytes[i] << 16 | (i + 1 < bytes.length ? bytes[i + 1] << 8 : 0);
    s += B64[v2 >> 18] + B64[(v2 >> 12) & 63] + (i + 1 < bytes.length ? B64[(v2 >> 6) & 63] : '=') + '=';
  }
  return s;
}
function fromBase64(s) {
  var len = s.length, pad = s[len - 1] === '=' ? (s[len - 2] === '=' ? 2 : 1) : 0;
  var out = new Uint8Array(len / 4 * 3 - pad), o = 0;
  for (var i = 0; i < len; i += 4) {
    var v = (B64REV[s.charCodeAt(i)] << 18) | (B64REV[s.charCodeAt(i + 1)] << 12) |
            ((B64REV[s.charCodeAt(i + 2)] & 63) << 6) | (B64REV[s.charCodeAt(i + 3)] & 63);
    out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

var records = makeRecords(6000);
var sum = 0;
for (var round = 0; round < 8; round++) {
  var text = toBase64(encode(records));
  var back = decode(fromBase64(text));
  sum = (sum + text.length) % 1000000007;
  for (var i = 0; i < back.length; i++) {
    var r = back[i];
    sum = (sum + r.id + r.delta + Math.floor(r.score) + r.name.length + r.name.charCodeAt(0) + r.tags.length + r.flags) % 1000000007;
  }
  if (back[5999].name !== records[5999].name || back[4242].tags.join() !== records[4242].tags.join())
    throw new Error('round trip failed');
}
log('binary-decode: checksum ' + sum);
