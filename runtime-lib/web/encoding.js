// The "encoding" bundle of the Web globals: TextEncoder and TextDecoder
// of the WHATWG Encoding Standard, for UTF-8, UTF-16LE and UTF-16BE (the
// decoders and their error handling are the standard's algorithms, state
// kept between {stream: true} calls). The script's value is a function of
// (host, deps) returning the exports; deps are the "misc" bundle's exports
// (describe).
(function (host, deps) {
'use strict';
const { describe } = deps;

function codedError(Ctor, code, message) {
    const e = new Ctor(message);
    e.code = code;
    return e;
}

// Labels of the three encodings (the standard's table, lowercase).
const LABELS = new Map();
for (const [name, labels] of [
    ['utf-8', ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']],
    ['utf-16be', ['unicodefffe', 'utf-16be']],
    ['utf-16le', ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']]])
    for (const l of labels)
        LABELS.set(l, name);

const typedArrayTag = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const sabByteLength = typeof SharedArrayBuffer === 'function'
    ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : null;

function isBuffer(get, v) {
    if (!get)
        return false;
    try {
        get.call(v);
        return true;
    } catch {
        return false;
    }
}

// The bytes of a BufferSource as a Uint8Array, or null if v is not one.
function bytesOf(v) {
    if (ArrayBuffer.isView(v))
        return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (isBuffer(abByteLength, v) || isBuffer(sabByteLength, v))
        return new Uint8Array(v);
    return null;
}

// ---- TextEncoder ----

// The UTF-8 length of s as a USVString (a lone surrogate is U+FFFD).
function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80)
            n += 1;
        else if (c < 0x800)
            n += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length &&
                 (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            n += 4;
            i++;
        } else {
            n += 3;
        }
    }
    return n;
}

// Writes s as UTF-8 into out from 0, as far as whole scalars fit;
// returns [code units read, bytes written].
function utf8Write(s, out) {
    let i = 0, j = 0;
    const cap = out.length;
    while (i < s.length) {
        let c = s.charCodeAt(i), units = 1;
        if (c >= 0xd800 && c <= 0xdfff) {
            const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
            if (c <= 0xdbff && (d & 0xfc00) === 0xdc00) {
                c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
                units = 2;
            } else {
                c = 0xfffd;
            }
        }
        if (c < 0x80) {
            if (j + 1 > cap) break;
            out[j++] = c;
        } else if (c < 0x800) {
            if (j + 2 > cap) break;
            out[j++] = 0xc0 | (c >> 6);
            out[j++] = 0x80 | (c & 63);
        } else if (c < 0x10000) {
            if (j + 3 > cap) break;
            out[j++] = 0xe0 | (c >> 12);
            out[j++] = 0x80 | ((c >> 6) & 63);
            out[j++] = 0x80 | (c & 63);
        } else {
            if (j + 4 > cap) break;
            out[j++] = 0xf0 | (c >> 18);
            out[j++] = 0x80 | ((c >> 12) & 63);
            out[j++] = 0x80 | ((c >> 6) & 63);
            out[j++] = 0x80 | (c & 63);
        }
        i += units;
    }
    return [i, j];
}

class TextEncoder {
    #brand = true;
    get encoding() {
        check(this, #brand in this, 'TextEncoder');
        return 'utf-8';
    }
    encode(input = '') {
        check(this, #brand in this, 'TextEncoder');
        const s = String(input);
        const out = new Uint8Array(utf8Length(s));
        utf8Write(s, out);
        return out;
    }
    encodeInto(src, dest) {
        check(this, #brand in this, 'TextEncoder');
        const s = String(src);
        if (typedArrayTag.call(dest) !== 'Uint8Array')
            throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
                `The "dest" argument must be an instance of Uint8Array. ${describe(dest)}`);
        const [read, written] = utf8Write(s, dest);
        return { read, written };
    }
}
function check(self, ok, type) {
    if (!ok)
        throw codedError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
}
Object.defineProperty(TextEncoder.prototype, 'encoding', { enumerable: true });
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

// ---- TextDecoder ----

// Collects decoded code units into a string, a chunk at a time.
class Sink {
    constructor() {
        this.units = [];
        this.parts = [];
    }
    push(cp) {
        if (cp > 0xffff) {
            cp -= 0x10000;
            this.units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else {
            this.units.push(cp);
        }
        if (this.units.length >= 4096)
            this.flush();
    }
    flush() {
        if (this.units.length) {
            this.parts.push(String.fromCharCode.apply(null, this.units));
            this.units = [];
        }
    }
    string() {
        this.flush();
        return this.parts.join('');
    }
}

const FFFD = 0xfffd;

class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #bomSeen = false;
    #doNotFlush = false;
    // UTF-8 decoder state (the standard's names).
    #cp = 0;
    #needed = 0;
    #seen = 0;
    #lower = 0x80;
    #upper = 0xbf;
    // UTF-16 decoder state.
    #leadByte = -1;
    #leadSurrogate = -1;

    constructor(label = 'utf-8', options = undefined) {
        const key = String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
        const enc = LABELS.get(key);
        if (!enc)
            throw codedError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${label}" encoding is not supported`);
        if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function')
            throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
                `The "options" argument must be of type object. ${describe(options)}`);
        this.#encoding = enc;
        this.#fatal = !!(options && options.fatal);
        this.#ignoreBOM = !!(options && options.ignoreBOM);
    }
    get encoding() { check(this, #encoding in this, 'TextDecoder'); return this.#encoding; }
    get fatal() { check(this, #encoding in this, 'TextDecoder'); return this.#fatal; }
    get ignoreBOM() { check(this, #encoding in this, 'TextDecoder'); return this.#ignoreBOM; }

    decode(input = undefined, options = undefined) {
        check(this, #encoding in this, 'TextDecoder');
        let bytes;
        if (input === undefined) {
            bytes = new Uint8Array(0);
        } else {
            bytes = bytesOf(input);
            if (!bytes)
                throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
                    'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
        }
        if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function')
            throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
                `The "options" argument must be of type object. ${describe(options)}`);
        const stream = !!(options && options.stream);
        if (!this.#doNotFlush) {
            // A new stream: fresh decoder state.
            this.#cp = this.#needed = this.#seen = 0;
            this.#lower = 0x80;
            this.#upper = 0xbf;
            this.#leadByte = this.#leadSurrogate = -1;
            this.#bomSeen = false;
        }
        this.#doNotFlush = stream;
        const sink = new Sink();
        if (this.#encoding === 'utf-8')
            this.#utf8(bytes, sink, !stream);
        else
            this.#utf16(bytes, sink, !stream, this.#encoding === 'utf-16be');
        let s = sink.string();
        // The BOM: skipped once at the start of a stream unless ignoreBOM.
        if (!this.#bomSeen && !this.#ignoreBOM && s.length > 0) {
            if (s.charCodeAt(0) === 0xfeff)
                s = s.slice(1);
            this.#bomSeen = true;
        }
        if (!stream)
            this.#bomSeen = false;
        return s;
    }

    #error(sink) {
        if (this.#fatal) {
            this.#doNotFlush = false;
            throw codedError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA',
                `The encoded data was not valid for encoding ${this.#encoding}`);
        }
        sink.push(FFFD);
    }

    // The UTF-8 decoder of the Encoding Standard, over bytes; at the end
    // of the stream (flush) an incomplete sequence is an error.
    #utf8(bytes, sink, flush) {
        let cp = this.#cp, needed = this.#needed, seen = this.#seen, lower = this.#lower, upper = this.#upper;
        const n = bytes.length;
        for (let i = 0; i < n; i++) {
            const b = bytes[i];
            if (needed === 0) {
                if (b < 0x80) {
                    sink.push(b);
                } else if (b >= 0xc2 && b <= 0xdf) {
                    needed = 1;
                    cp = b & 0x1f;
                } else if (b >= 0xe0 && b <= 0xef) {
                    if (b === 0xe0) lower = 0xa0;
                    if (b === 0xed) upper = 0x9f;
                    needed = 2;
                    cp = b & 0xf;
                } else if (b >= 0xf0 && b <= 0xf4) {
                    if (b === 0xf0) lower = 0x90;
                    if (b === 0xf4) upper = 0x8f;
                    needed = 3;
                    cp = b & 0x7;
                } else {
                    this.#error(sink);
                }
                continue;
            }
            if (b < lower || b > upper) {
                // The byte starts over ("prepended to the stream").
                cp = needed = seen = 0;
                lower = 0x80;
                upper = 0xbf;
                i--;
                this.#error(sink);
                continue;
            }
            lower = 0x80;
            upper = 0xbf;
            cp = (cp << 6) | (b & 0x3f);
            if (++seen === needed) {
                sink.push(cp);
                cp = needed = seen = 0;
            }
        }
        if (flush && needed !== 0) {
            cp = needed = seen = 0;
            lower = 0x80;
            upper = 0xbf;
            this.#error(sink);
        }
        this.#cp = cp;
        this.#needed = needed;
        this.#seen = seen;
        this.#lower = lower;
        this.#upper = upper;
    }

    // The shared UTF-16 decoder of the Encoding Standard.
    #utf16(bytes, sink, flush, be) {
        const n = bytes.length;
        for (let i = 0; i < n; i++) {
            const b = bytes[i];
            if (this.#leadByte < 0) {
                this.#leadByte = b;
                continue;
            }
            const unit = be ? (this.#leadByte << 8) | b : (b << 8) | this.#leadByte;
            this.#leadByte = -1;
            if (this.#leadSurrogate >= 0) {
                const lead = this.#leadSurrogate;
                this.#leadSurrogate = -1;
                if (unit >= 0xdc00 && unit <= 0xdfff) {
                    sink.push(0x10000 + ((lead - 0xd800) << 10) + (unit - 0xdc00));
                    continue;
                }
                // Not a trail: an error, then the unit is read again.
                this.#error(sink);
            }
            if (unit >= 0xd800 && unit <= 0xdbff)
                this.#leadSurrogate = unit;
            else if (unit >= 0xdc00 && unit <= 0xdfff)
                this.#error(sink);
            else
                sink.push(unit);
        }
        if (flush && (this.#leadByte >= 0 || this.#leadSurrogate >= 0)) {
            this.#leadByte = this.#leadSurrogate = -1;
            this.#error(sink);
        }
    }
}
for (const k of ['encoding', 'fatal', 'ignoreBOM'])
    Object.defineProperty(TextDecoder.prototype, k, { enumerable: true });
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });

return { TextEncoder, TextDecoder };
})
