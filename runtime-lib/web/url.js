// The "url" bundle of the Web globals: URL and URLSearchParams of the
// WHATWG URL Standard: the basic URL parser (its state machine, with the
// state overrides the setters use), the host parser (IPv4, IPv6, opaque
// hosts, domain to ASCII: UTS 46 with host.idnaMap from web_idna.c, then
// punycode), the serializers, and application/x-www-form-urlencoded.
// The script's value is a function of host (web.c's natives) and deps
// (the "encoding" bundle's exports) returning the exports.
(function (host, deps) {
'use strict';
const utf8 = new deps.TextEncoder();
const utf8Decoder = new deps.TextDecoder();

function codedError(code, message) {
    const e = new TypeError(message);
    e.code = code;
    return e;
}

// ---- percent-encoding ----

const isC0 = (c) => c < 0x20 || c > 0x7e;
const setOf = (chars, base) => (c) => base(c) || chars.includes(c);
const C0_SET = isC0;
const FRAGMENT_SET = setOf([0x20, 0x22, 0x3c, 0x3e, 0x60], isC0);
const QUERY_SET = setOf([0x20, 0x22, 0x23, 0x3c, 0x3e], isC0);
const SPECIAL_QUERY_SET = setOf([0x27], QUERY_SET);
const PATH_SET = setOf([0x3f, 0x5e, 0x60, 0x7b, 0x7d], QUERY_SET);
const USERINFO_SET = setOf([0x2f, 0x3a, 0x3b, 0x3d, 0x40, 0x5b, 0x5c, 0x5d, 0x7c], PATH_SET);
const COMPONENT_SET = setOf([0x24, 0x25, 0x26, 0x2b, 0x2c], USERINFO_SET);
const FORM_SET = setOf([0x21, 0x27, 0x28, 0x29, 0x7e], COMPONENT_SET);

const HEXU = '0123456789ABCDEF';
function pct(b) {
    return '%' + HEXU[b >> 4] + HEXU[b & 15];
}
// UTF-8 percent-encode of one code point c with the set inSet.
function encodeCp(c, inSet) {
    if (c < 0x80)
        return inSet(c) ? pct(c) : String.fromCharCode(c);
    let s = '';
    for (const b of utf8.encode(String.fromCodePoint(c)))
        s += pct(b);
    return s;
}
function encodeString(str, inSet, spaceAsPlus = false) {
    let out = '';
    for (const ch of str) {
        const c = ch.codePointAt(0);
        out += spaceAsPlus && c === 0x20 ? '+' : encodeCp(c, inSet);
    }
    return out;
}

const isHex = (c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexVal = (c) => c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57;
// Percent-decode of the bytes of a string (UTF-8 encoded first).
function percentDecode(bytes) {
    const out = new Uint8Array(bytes.length);
    let j = 0;
    for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
            out[j++] = hexVal(bytes[i + 1]) * 16 + hexVal(bytes[i + 2]);
            i += 2;
        } else {
            out[j++] = b;
        }
    }
    return out.subarray(0, j);
}
// UTF-8 decode without BOM (a leading BOM is kept).
const decodeNoBOM = (bytes) => new deps.TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
// USVString conversion: lone surrogates become U+FFFD.
const toUSV = (s) => String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

// ---- schemes ----

const SPECIAL = new Map([['ftp', 21], ['file', null], ['http', 80], ['https', 443], ['ws', 80], ['wss', 443]]);
const isSpecialScheme = (s) => SPECIAL.has(s);
const defaultPort = (s) => SPECIAL.has(s) ? SPECIAL.get(s) : null;

// ---- hosts ----

const FORBIDDEN_HOST = new Set([0, 9, 0xa, 0xd, 0x20, 0x23, 0x2f, 0x3a, 0x3c, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x7c]);
const forbiddenDomain = (c) => FORBIDDEN_HOST.has(c) || c <= 0x1f || c === 0x25 || c === 0x7f;

function parseIPv6(input) {
    const cps = Array.from(input, (ch) => ch.codePointAt(0));
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let piece = 0, compress = null, p = 0;
    const at = (i) => i < cps.length ? cps[i] : -1;
    if (at(p) === 0x3a) {
        if (at(p + 1) !== 0x3a)
            return null;
        p += 2;
        compress = ++piece;
    }
    while (at(p) !== -1) {
        if (piece === 8)
            return null;
        if (at(p) === 0x3a) {
            if (compress !== null)
                return null;
            p++;
            compress = ++piece;
            continue;
        }
        let value = 0, length = 0;
        while (length < 4 && at(p) !== -1 && isHex(at(p))) {
            value = value * 16 + hexVal(at(p));
            p++;
            length++;
        }
        if (at(p) === 0x2e) {
            if (length === 0)
                return null;
            p -= length;
            if (piece > 6)
                return null;
            let seen = 0;
            while (at(p) !== -1) {
                let v4 = null;
                if (seen > 0) {
                    if (at(p) === 0x2e && seen < 4)
                        p++;
                    else
                        return null;
                }
                if (!(at(p) >= 0x30 && at(p) <= 0x39))
                    return null;
                while (at(p) >= 0x30 && at(p) <= 0x39) {
                    const n = at(p) - 0x30;
                    if (v4 === null)
                        v4 = n;
                    else if (v4 === 0)
                        return null;
                    else
                        v4 = v4 * 10 + n;
                    if (v4 > 255)
                        return null;
                    p++;
                }
                address[piece] = address[piece] * 256 + v4;
                seen++;
                if (seen === 2 || seen === 4)
                    piece++;
            }
            if (seen !== 4)
                return null;
            break;
        } else if (at(p) === 0x3a) {
            p++;
            if (at(p) === -1)
                return null;
        } else if (at(p) !== -1) {
            return null;
        }
        address[piece++] = value;
    }
    if (compress !== null) {
        let swaps = piece - compress;
        piece = 7;
        while (piece !== 0 && swaps > 0) {
            const t = address[piece];
            address[piece] = address[compress + swaps - 1];
            address[compress + swaps - 1] = t;
            piece--;
            swaps--;
        }
    } else if (piece !== 8) {
        return null;
    }
    return address;
}

function serializeIPv6(a) {
    // compress the first longest run of two or more zero pieces
    let best = -1, bestLen = 1;
    for (let i = 0; i < 8;) {
        if (a[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && a[j] === 0)
            j++;
        if (j - i > bestLen) {
            best = i;
            bestLen = j - i;
        }
        i = j;
    }
    let out = '';
    let ignore0 = false;
    for (let i = 0; i < 8; i++) {
        if (ignore0 && a[i] === 0)
            continue;
        ignore0 = false;
        if (best === i) {
            out += i === 0 ? '::' : ':';
            ignore0 = true;
            continue;
        }
        out += a[i].toString(16);
        if (i !== 7)
            out += ':';
    }
    return out;
}

// The IPv4 number parser: a number, or null on failure.
function parseIPv4Number(s) {
    if (s === '')
        return null;
    let radix = 10;
    if (s.length >= 2 && (s.startsWith('0x') || s.startsWith('0X'))) {
        radix = 16;
        s = s.slice(2);
    } else if (s.length >= 2 && s[0] === '0') {
        radix = 8;
        s = s.slice(1);
    }
    if (s === '')
        return 0;
    const re = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
    if (!re.test(s))
        return null;
    return parseInt(s, radix);
}

function endsInNumber(s) {
    const parts = s.split('.');
    if (parts[parts.length - 1] === '') {
        if (parts.length === 1)
            return false;
        parts.pop();
    }
    const last = parts[parts.length - 1];
    if (last !== '' && /^[0-9]+$/.test(last))
        return true;
    return parseIPv4Number(last) !== null;
}

// The IPv4 parser: the serialized address, or null on failure.
function parseIPv4(s) {
    const parts = s.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1)
        parts.pop();
    if (parts.length > 4)
        return null;
    const nums = [];
    for (const p of parts) {
        const n = parseIPv4Number(p);
        if (n === null)
            return null;
        nums.push(n);
    }
    for (let i = 0; i < nums.length - 1; i++)
        if (nums[i] > 255)
            return null;
    if (nums[nums.length - 1] >= 256 ** (5 - nums.length))
        return null;
    let v = nums[nums.length - 1];
    for (let i = 0; i < nums.length - 1; i++)
        v += nums[i] * 256 ** (3 - i);
    const out = [];
    for (let i = 0; i < 4; i++) {
        out.unshift(String(v % 256));
        v = Math.floor(v / 256);
    }
    return out.join('.');
}

// ---- punycode (RFC 3492) ----

const PC = { base: 36, tmin: 1, tmax: 26, skew: 38, damp: 700, initialBias: 72, initialN: 128 };
function adapt(delta, numPoints, first) {
    delta = first ? Math.floor(delta / PC.damp) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > ((PC.base - PC.tmin) * PC.tmax) >> 1) {
        delta = Math.floor(delta / (PC.base - PC.tmin));
        k += PC.base;
    }
    return k + Math.floor(((PC.base - PC.tmin + 1) * delta) / (delta + PC.skew));
}
const digitChar = (d) => String.fromCharCode(d < 26 ? 0x61 + d : 0x16 + d);

function punycodeEncode(input) {
    const cps = Array.from(input, (ch) => ch.codePointAt(0));
    let out = '';
    for (const c of cps)
        if (c < 0x80)
            out += String.fromCharCode(c);
    const b = out.length;
    let h = b;
    if (b > 0)
        out += '-';
    let n = PC.initialN, delta = 0, bias = PC.initialBias;
    while (h < cps.length) {
        let m = Infinity;
        for (const c of cps)
            if (c >= n && c < m)
                m = c;
        delta += (m - n) * (h + 1);
        n = m;
        for (const c of cps) {
            if (c < n)
                delta++;
            if (c === n) {
                let q = delta;
                for (let k = PC.base; ; k += PC.base) {
                    const t = k <= bias ? PC.tmin : k >= bias + PC.tmax ? PC.tmax : k - bias;
                    if (q < t)
                        break;
                    out += digitChar(t + ((q - t) % (PC.base - t)));
                    q = Math.floor((q - t) / (PC.base - t));
                }
                out += digitChar(q);
                bias = adapt(delta, h + 1, h === b);
                delta = 0;
                h++;
            }
        }
        delta++;
        n++;
    }
    return out;
}

// Decodes a punycode label (without "xn--"); null on failure.
function punycodeDecode(input) {
    const out = [];
    let basicEnd = input.lastIndexOf('-');
    if (basicEnd < 0)
        basicEnd = 0;
    for (let j = 0; j < basicEnd; j++) {
        const c = input.charCodeAt(j);
        if (c >= 0x80)
            return null;
        out.push(c);
    }
    let n = PC.initialN, i = 0, bias = PC.initialBias;
    for (let p = basicEnd > 0 ? basicEnd + 1 : 0; p < input.length;) {
        const oldi = i;
        let w = 1;
        for (let k = PC.base; ; k += PC.base) {
            if (p >= input.length)
                return null;
            const c = input.charCodeAt(p++);
            const digit = c >= 0x30 && c <= 0x39 ? c - 22 : c >= 0x41 && c <= 0x5a ? c - 0x41
                : c >= 0x61 && c <= 0x7a ? c - 0x61 : -1;
            if (digit < 0)
                return null;
            i += digit * w;
            if (i > 0x7fffffff)
                return null;
            const t = k <= bias ? PC.tmin : k >= bias + PC.tmax ? PC.tmax : k - bias;
            if (digit < t)
                break;
            w *= PC.base - t;
            if (w > 0x7fffffff)
                return null;
        }
        bias = adapt(i - oldi, out.length + 1, oldi === 0);
        n += Math.floor(i / (out.length + 1));
        i %= out.length + 1;
        if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff))
            return null;
        out.splice(i, 0, n);
        i++;
    }
    return String.fromCodePoint(...out);
}

// ---- domain to ASCII (UTS 46 ToASCII, CheckHyphens false, CheckBidi and
// CheckJoiners true, UseSTD3ASCIIRules false, Transitional_Processing false,
// VerifyDnsLength false) ----

const STARTS_WITH_MARK = /^\p{M}/u;

function validLabel(label) {
    if (label.normalize('NFC') !== label)
        return false;
    if (label.slice(0, 4).toLowerCase() === 'xn--')
        return false;
    if (label.includes('.') || STARTS_WITH_MARK.test(label))
        return false;
    // every code point valid (or deviation): the mapping leaves it unchanged
    return host.idnaMap(label) === label;
}

// Bidi_Class and Joining_Type numbers of host.idnaClasses (web_idna.c).
const BIDI = { L: 0, R: 1, AL: 2, AN: 3, EN: 4, ES: 5, CS: 6, ET: 7, ON: 8, BN: 9, NSM: 10 };
const JOIN = { U: 0, L: 1, D: 2, R: 3, T: 4, VIRAMA: 5 };
function classesOf(label) {
    const s = host.idnaClasses(label);
    const bidi = [], join = [];
    for (let i = 0; i < s.length; i++) {
        const v = s.charCodeAt(i) - 0x100;
        bidi.push(v & 15);
        join.push(v >> 4);
    }
    return { bidi, join };
}

// CheckJoiners: the CONTEXTJ rules of RFC 5892 appendix A.1 and A.2.
function joinersOK(label) {
    const cps = Array.from(label, (ch) => ch.codePointAt(0));
    if (!cps.includes(0x200c) && !cps.includes(0x200d))
        return true;
    const { join } = classesOf(label);
    for (let i = 0; i < cps.length; i++) {
        if (cps[i] !== 0x200c && cps[i] !== 0x200d)
            continue;
        if (i > 0 && join[i - 1] === JOIN.VIRAMA)
            continue;
        if (cps[i] === 0x200d)
            return false;
        // ZWNJ: (L | D) T* before it, T* (R | D) after it
        let j = i - 1;
        while (j >= 0 && join[j] === JOIN.T)
            j--;
        if (j < 0 || (join[j] !== JOIN.L && join[j] !== JOIN.D))
            return false;
        j = i + 1;
        while (j < cps.length && join[j] === JOIN.T)
            j++;
        if (j >= cps.length || (join[j] !== JOIN.R && join[j] !== JOIN.D))
            return false;
    }
    return true;
}

// CheckBidi: the six rules of RFC 5893 section 2, for a label of a Bidi
// domain name.
function bidiOK(label) {
    if (label === '')
        return true;
    const { bidi } = classesOf(label);
    const first = bidi[0];
    let end = bidi.length - 1;
    while (end > 0 && bidi[end] === BIDI.NSM)
        end--;
    const last = bidi[end];
    const rtl = first === BIDI.R || first === BIDI.AL;
    if (!rtl && first !== BIDI.L)
        return false;
    if (rtl) {
        const allowed = [BIDI.R, BIDI.AL, BIDI.AN, BIDI.EN, BIDI.ES, BIDI.CS, BIDI.ET, BIDI.ON, BIDI.BN, BIDI.NSM];
        if (!bidi.every((b) => allowed.includes(b)))
            return false;
        if (last !== BIDI.R && last !== BIDI.AL && last !== BIDI.EN && last !== BIDI.AN)
            return false;
        if (bidi.includes(BIDI.EN) && bidi.includes(BIDI.AN))
            return false;
    } else {
        const allowed = [BIDI.L, BIDI.EN, BIDI.ES, BIDI.CS, BIDI.ET, BIDI.ON, BIDI.BN, BIDI.NSM];
        if (!bidi.every((b) => allowed.includes(b)))
            return false;
        if (last !== BIDI.L && last !== BIDI.EN)
            return false;
    }
    return true;
}
const isBidiLabel = (label) => classesOf(label).bidi.some((b) => b === BIDI.R || b === BIDI.AL || b === BIDI.AN);

function domainToASCII(domain) {
    let result;
    if (/^[\x00-\x7f]*$/.test(domain) && !domain.split('.').some((l) => l.slice(0, 4).toLowerCase() === 'xn--')) {
        result = domain.toLowerCase();
    } else {
        const mapped = host.idnaMap(domain);
        if (mapped === null)
            return null;
        const labels = mapped.normalize('NFC').split('.');
        const unicode = [];     // each label in Unicode, for CheckBidi
        for (let i = 0; i < labels.length; i++) {
            const label = labels[i];
            let u = label;
            if (label.slice(0, 4).toLowerCase() === 'xn--') {
                if (!/^[\x00-\x7f]*$/.test(label))
                    return null;
                u = punycodeDecode(label.slice(4));
                if (u === null || u === '' || /^[\x00-\x7f]*$/.test(u) || !validLabel(u))
                    return null;
                labels[i] = 'xn--' + label.slice(4).toLowerCase();
            } else {
                if (!validLabel(label))
                    return null;
                if (!/^[\x00-\x7f]*$/.test(label))
                    labels[i] = 'xn--' + punycodeEncode(label);
            }
            if (!joinersOK(u))
                return null;
            unicode.push(u);
        }
        if (unicode.some(isBidiLabel) && !unicode.every(bidiOK))
            return null;
        result = labels.join('.');
    }
    if (result === '')
        return null;
    for (let i = 0; i < result.length; i++)
        if (forbiddenDomain(result.charCodeAt(i)))
            return null;
    return result;
}

// The host parser: the serialized host, or null on failure.
function parseHost(input, isOpaque) {
    if (input.startsWith('[')) {
        if (!input.endsWith(']'))
            return null;
        const a = parseIPv6(input.slice(1, -1));
        return a ? '[' + serializeIPv6(a) + ']' : null;
    }
    if (isOpaque) {
        for (const ch of input)
            if (FORBIDDEN_HOST.has(ch.codePointAt(0)))
                return null;
        return encodeString(input, C0_SET);
    }
    const domain = decodeNoBOM(percentDecode(utf8.encode(input)));
    const ascii = domainToASCII(domain);
    if (ascii === null)
        return null;
    if (endsInNumber(ascii))
        return parseIPv4(ascii);
    return ascii;
}

// ---- the URL record and the basic URL parser ----

class Record {
    constructor() {
        this.scheme = '';
        this.username = '';
        this.password = '';
        this.host = null;
        this.port = null;
        this.path = [];         // a list of segments, or a string (opaque path)
        this.query = null;
        this.fragment = null;
    }
    special() { return isSpecialScheme(this.scheme); }
    opaque() { return typeof this.path === 'string'; }
    credentials() { return this.username !== '' || this.password !== ''; }
    cannotHaveCredentials() { return this.host === null || this.host === '' || this.scheme === 'file'; }
    shorten() {
        const p = this.path;
        if (this.scheme === 'file' && p.length === 1 && isNormalizedDrive(p[0]))
            return;
        p.pop();
    }
}

const isAlpha = (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c) => c >= 0x30 && c <= 0x39;
const isDrive = (s) => s.length === 2 && isAlpha(s.charCodeAt(0)) && (s[1] === ':' || s[1] === '|');
const isNormalizedDrive = (s) => isDrive(s) && s[1] === ':';
// "starts with a Windows drive letter" for the code points cps from i
function startsWithDrive(cps, i) {
    if (cps.length - i < 2)
        return false;
    if (!isAlpha(cps[i]) || (cps[i + 1] !== 0x3a && cps[i + 1] !== 0x7c))
        return false;
    if (cps.length - i === 2)
        return true;
    const c = cps[i + 2];
    return c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23;
}
const isSingleDot = (s) => s === '.' || s.toLowerCase() === '%2e';
const isDoubleDot = (s) => {
    s = s.toLowerCase();
    return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
};

const S = {
    SCHEME_START: 1, SCHEME: 2, NO_SCHEME: 3, SPECIAL_RELATIVE_OR_AUTHORITY: 4, PATH_OR_AUTHORITY: 5,
    RELATIVE: 6, RELATIVE_SLASH: 7, SPECIAL_AUTHORITY_SLASHES: 8, SPECIAL_AUTHORITY_IGNORE_SLASHES: 9,
    AUTHORITY: 10, HOST: 11, HOSTNAME: 12, PORT: 13, FILE: 14, FILE_SLASH: 15, FILE_HOST: 16,
    PATH_START: 17, PATH: 18, OPAQUE_PATH: 19, QUERY: 20, FRAGMENT: 21,
};
const FAILURE = null;
const EOF = -1;

// The basic URL parser. Without url: a new record, or null (failure).
// With url and stateOverride (the setters): modifies url; the return
// value only tells failure (null) from success.
function basicParse(input, base = null, url = null, override = 0) {
    if (!url) {
        url = new Record();
        input = input.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
    }
    input = input.replace(/[\t\n\r]/g, '');
    const cps = Array.from(input, (ch) => ch.codePointAt(0));
    let state = override || S.SCHEME_START;
    let buffer = '';
    let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    const len = cps.length;
    for (let p = 0; ; p++) {
        const c = p < len ? cps[p] : EOF;
        const ch = c === EOF ? '' : String.fromCodePoint(c);
        switch (state) {
        case S.SCHEME_START:
            if (c !== EOF && isAlpha(c)) {
                buffer += ch.toLowerCase();
                state = S.SCHEME;
            } else if (!override) {
                state = S.NO_SCHEME;
                p--;
            } else {
                return FAILURE;
            }
            break;
        case S.SCHEME:
            if (c !== EOF && (isAlpha(c) || isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e)) {
                buffer += ch.toLowerCase();
            } else if (c === 0x3a) {
                if (override) {
                    if (url.special() !== isSpecialScheme(buffer))
                        return url;
                    if ((url.credentials() || url.port !== null) && buffer === 'file')
                        return url;
                    if (url.scheme === 'file' && url.host === '')
                        return url;
                }
                url.scheme = buffer;
                if (override) {
                    if (url.port === defaultPort(url.scheme))
                        url.port = null;
                    return url;
                }
                buffer = '';
                if (url.scheme === 'file') {
                    state = S.FILE;
                } else if (url.special() && base && base.scheme === url.scheme) {
                    state = S.SPECIAL_RELATIVE_OR_AUTHORITY;
                } else if (url.special()) {
                    state = S.SPECIAL_AUTHORITY_SLASHES;
                } else if (cps[p + 1] === 0x2f) {
                    state = S.PATH_OR_AUTHORITY;
                    p++;
                } else {
                    url.path = '';
                    state = S.OPAQUE_PATH;
                }
            } else if (!override) {
                buffer = '';
                state = S.NO_SCHEME;
                p = -1;
            } else {
                return FAILURE;
            }
            break;
        case S.NO_SCHEME:
            if (!base || (base.opaque() && c !== 0x23))
                return FAILURE;
            if (base.opaque() && c === 0x23) {
                url.scheme = base.scheme;
                url.path = base.path;
                url.query = base.query;
                url.fragment = '';
                state = S.FRAGMENT;
            } else if (base.scheme !== 'file') {
                state = S.RELATIVE;
                p--;
            } else {
                state = S.FILE;
                p--;
            }
            break;
        case S.SPECIAL_RELATIVE_OR_AUTHORITY:
            if (c === 0x2f && cps[p + 1] === 0x2f) {
                state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                p++;
            } else {
                state = S.RELATIVE;
                p--;
            }
            break;
        case S.PATH_OR_AUTHORITY:
            if (c === 0x2f) {
                state = S.AUTHORITY;
            } else {
                state = S.PATH;
                p--;
            }
            break;
        case S.RELATIVE:
            url.scheme = base.scheme;
            if (c === 0x2f || (url.special() && c === 0x5c)) {
                state = S.RELATIVE_SLASH;
            } else {
                url.username = base.username;
                url.password = base.password;
                url.host = base.host;
                url.port = base.port;
                url.path = base.path.slice();
                url.query = base.query;
                if (c === 0x3f) {
                    url.query = '';
                    state = S.QUERY;
                } else if (c === 0x23) {
                    url.fragment = '';
                    state = S.FRAGMENT;
                } else if (c !== EOF) {
                    url.query = null;
                    url.shorten();
                    state = S.PATH;
                    p--;
                }
            }
            break;
        case S.RELATIVE_SLASH:
            if (url.special() && (c === 0x2f || c === 0x5c)) {
                state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            } else if (c === 0x2f) {
                state = S.AUTHORITY;
            } else {
                url.username = base.username;
                url.password = base.password;
                url.host = base.host;
                url.port = base.port;
                state = S.PATH;
                p--;
            }
            break;
        case S.SPECIAL_AUTHORITY_SLASHES:
            state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            if (c === 0x2f && cps[p + 1] === 0x2f)
                p++;
            else
                p--;
            break;
        case S.SPECIAL_AUTHORITY_IGNORE_SLASHES:
            if (c !== 0x2f && c !== 0x5c) {
                state = S.AUTHORITY;
                p--;
            }
            break;
        case S.AUTHORITY:
            if (c === 0x40) {
                if (atSignSeen)
                    buffer = '%40' + buffer;
                atSignSeen = true;
                for (const bch of buffer) {
                    if (bch === ':' && !passwordTokenSeen) {
                        passwordTokenSeen = true;
                        continue;
                    }
                    const enc = encodeCp(bch.codePointAt(0), USERINFO_SET);
                    if (passwordTokenSeen)
                        url.password += enc;
                    else
                        url.username += enc;
                }
                buffer = '';
            } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (url.special() && c === 0x5c)) {
                if (atSignSeen && buffer === '')
                    return FAILURE;
                p -= Array.from(buffer).length + 1;
                buffer = '';
                state = S.HOST;
            } else {
                buffer += ch;
            }
            break;
        case S.HOST:
        case S.HOSTNAME:
            if (override && url.scheme === 'file') {
                p--;
                state = S.FILE_HOST;
            } else if (c === 0x3a && !insideBrackets) {
                if (buffer === '')
                    return FAILURE;
                if (override === S.HOSTNAME)
                    return FAILURE;
                const h = parseHost(buffer, !url.special());
                if (h === null)
                    return FAILURE;
                url.host = h;
                buffer = '';
                state = S.PORT;
            } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (url.special() && c === 0x5c)) {
                p--;
                if (url.special() && buffer === '')
                    return FAILURE;
                if (override && buffer === '' && (url.credentials() || url.port !== null))
                    return FAILURE;
                const h = parseHost(buffer, !url.special());
                if (h === null)
                    return FAILURE;
                url.host = h;
                buffer = '';
                state = S.PATH_START;
                if (override)
                    return url;
            } else {
                if (c === 0x5b)
                    insideBrackets = true;
                if (c === 0x5d)
                    insideBrackets = false;
                buffer += ch;
            }
            break;
        case S.PORT:
            if (c !== EOF && isDigit(c)) {
                buffer += ch;
            } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (url.special() && c === 0x5c) || override) {
                if (buffer !== '') {
                    const port = parseInt(buffer, 10);
                    if (port > 65535)
                        return FAILURE;
                    url.port = port === defaultPort(url.scheme) ? null : port;
                    buffer = '';
                    if (override)
                        return url;
                }
                if (override)
                    return FAILURE;
                state = S.PATH_START;
                p--;
            } else {
                return FAILURE;
            }
            break;
        case S.FILE:
            url.scheme = 'file';
            url.host = '';
            if (c === 0x2f || c === 0x5c) {
                state = S.FILE_SLASH;
            } else if (base && base.scheme === 'file') {
                url.host = base.host;
                url.path = base.path.slice();
                url.query = base.query;
                if (c === 0x3f) {
                    url.query = '';
                    state = S.QUERY;
                } else if (c === 0x23) {
                    url.fragment = '';
                    state = S.FRAGMENT;
                } else if (c !== EOF) {
                    url.query = null;
                    if (!startsWithDrive(cps, p))
                        url.shorten();
                    else
                        url.path = [];
                    state = S.PATH;
                    p--;
                }
            } else {
                state = S.PATH;
                p--;
            }
            break;
        case S.FILE_SLASH:
            if (c === 0x2f || c === 0x5c) {
                state = S.FILE_HOST;
            } else {
                if (base && base.scheme === 'file') {
                    url.host = base.host;
                    if (!startsWithDrive(cps, p) && base.path.length > 0 && isNormalizedDrive(base.path[0]))
                        url.path.push(base.path[0]);
                }
                state = S.PATH;
                p--;
            }
            break;
        case S.FILE_HOST:
            if (c === EOF || c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23) {
                p--;
                if (!override && isDrive(buffer)) {
                    state = S.PATH;     // the drive letter quirk: buffer goes on into the path
                } else if (buffer === '') {
                    url.host = '';
                    if (override)
                        return url;
                    state = S.PATH_START;
                } else {
                    let h = parseHost(buffer, !url.special());
                    if (h === null)
                        return FAILURE;
                    if (h === 'localhost')
                        h = '';
                    url.host = h;
                    if (override)
                        return url;
                    buffer = '';
                    state = S.PATH_START;
                }
            } else {
                buffer += ch;
            }
            break;
        case S.PATH_START:
            if (url.special()) {
                state = S.PATH;
                if (c !== 0x2f && c !== 0x5c)
                    p--;
            } else if (!override && c === 0x3f) {
                url.query = '';
                state = S.QUERY;
            } else if (!override && c === 0x23) {
                url.fragment = '';
                state = S.FRAGMENT;
            } else if (c !== EOF) {
                state = S.PATH;
                if (c !== 0x2f)
                    p--;
            } else if (override && url.host === null) {
                url.path.push('');
            }
            break;
        case S.PATH:
            if (c === EOF || c === 0x2f || (url.special() && c === 0x5c) || (!override && (c === 0x3f || c === 0x23))) {
                const slash = c === 0x2f || (url.special() && c === 0x5c);
                if (isDoubleDot(buffer)) {
                    url.shorten();
                    if (!slash)
                        url.path.push('');
                } else if (isSingleDot(buffer) && !slash) {
                    url.path.push('');
                } else if (!isSingleDot(buffer)) {
                    if (url.scheme === 'file' && url.path.length === 0 && isDrive(buffer))
                        buffer = buffer[0] + ':';
                    url.path.push(buffer);
                }
                buffer = '';
                if (c === 0x3f) {
                    url.query = '';
                    state = S.QUERY;
                }
                if (c === 0x23) {
                    url.fragment = '';
                    state = S.FRAGMENT;
                }
            } else {
                buffer += encodeCp(c, PATH_SET);
            }
            break;
        case S.OPAQUE_PATH:
            if (c === 0x3f) {
                url.query = '';
                state = S.QUERY;
            } else if (c === 0x23) {
                url.fragment = '';
                state = S.FRAGMENT;
            } else if (c === 0x20) {
                // An opaque path never ends in a space: a run of spaces
                // before the query, the fragment or the end is dropped.
                let q = p;
                while (cps[q] === 0x20)
                    q++;
                if (q < len && cps[q] !== 0x3f && cps[q] !== 0x23)
                    url.path += ' '.repeat(q - p);
                p = q - 1;
            } else if (c !== EOF) {
                url.path += encodeCp(c, C0_SET);
            }
            break;
        case S.QUERY:
            if ((!override && c === 0x23) || c === EOF) {
                url.query += encodeString(buffer, url.special() ? SPECIAL_QUERY_SET : QUERY_SET);
                buffer = '';
                if (c === 0x23) {
                    url.fragment = '';
                    state = S.FRAGMENT;
                }
            } else {
                buffer += ch;
            }
            break;
        case S.FRAGMENT:
            if (c !== EOF)
                url.fragment += encodeCp(c, FRAGMENT_SET);
            break;
        }
        if (p >= len)
            break;
    }
    return url;
}

function serializePath(url) {
    if (url.opaque())
        return url.path;
    let out = '';
    for (const seg of url.path)
        out += '/' + seg;
    return out;
}

function serialize(url, excludeFragment = false) {
    let out = url.scheme + ':';
    if (url.host !== null) {
        out += '//';
        if (url.credentials()) {
            out += url.username;
            if (url.password !== '')
                out += ':' + url.password;
            out += '@';
        }
        out += url.host;
        if (url.port !== null)
            out += ':' + url.port;
    } else if (!url.opaque() && url.path.length > 1 && url.path[0] === '') {
        out += '/.';
    }
    out += serializePath(url);
    if (url.query !== null)
        out += '?' + url.query;
    if (!excludeFragment && url.fragment !== null)
        out += '#' + url.fragment;
    return out;
}

function origin(url) {
    switch (url.scheme) {
    case 'blob': {
        const inner = basicParse(serializePath(url));
        if (inner && (inner.scheme === 'http' || inner.scheme === 'https'))
            return origin(inner);
        return 'null';
    }
    case 'ftp': case 'http': case 'https': case 'ws': case 'wss':
        return url.scheme + '://' + url.host + (url.port !== null ? ':' + url.port : '');
    default:
        return 'null';
    }
}

// ---- application/x-www-form-urlencoded ----

function formParse(input) {
    const out = [];
    const bytes = utf8.encode(input);
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
        if (i < bytes.length && bytes[i] !== 0x26)
            continue;
        if (i > start) {
            const seq = bytes.slice(start, i);
            let eq = seq.indexOf(0x3d);
            const name = eq < 0 ? seq : seq.subarray(0, eq);
            const value = eq < 0 ? new Uint8Array(0) : seq.subarray(eq + 1);
            for (const part of [name, value])
                for (let k = 0; k < part.length; k++)
                    if (part[k] === 0x2b)
                        part[k] = 0x20;
            out.push([decodeNoBOM(percentDecode(name)), decodeNoBOM(percentDecode(value))]);
        }
        start = i + 1;
    }
    return out;
}

function formSerialize(list) {
    return list.map(([n, v]) => encodeString(n, FORM_SET, true) + '=' + encodeString(v, FORM_SET, true)).join('&');
}

// ---- URLSearchParams ----

let paramsList, paramsAttach;

function describe(v) {
    if (v === null || v === undefined)
        return 'Received ' + v;
    if (typeof v === 'object')
        return 'Received an instance of ' + ((v.constructor && v.constructor.name) || 'Object');
    return `Received type ${typeof v} (${String(v)})`;
}

class URLSearchParams {
    #list = [];
    #url = null;    // the URL object whose query this is, or null
    constructor(init = '') {
        if (init !== null && (typeof init === 'object' || typeof init === 'function')) {
            const iter = init[Symbol.iterator];
            if (iter !== undefined && iter !== null) {
                if (typeof iter !== 'function')
                    throw codedError('ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
                for (const pair of init) {
                    if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') ||
                        typeof pair[Symbol.iterator] !== 'function')
                        throw codedError('ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
                    const items = Array.from(pair);
                    if (items.length !== 2)
                        throw codedError('ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
                    this.#list.push([toUSV(items[0]), toUSV(items[1])]);
                }
            } else {
                for (const key of Reflect.ownKeys(init)) {
                    const d = Reflect.getOwnPropertyDescriptor(init, key);
                    if (d !== undefined && d.enumerable && typeof key === 'string')
                        this.#list.push([toUSV(key), toUSV(init[key])]);
                }
            }
        } else {
            let s = toUSV(init);
            if (s.startsWith('?'))
                s = s.slice(1);
            this.#list = formParse(s);
        }
    }
    static {
        paramsList = (p) => p.#list;
        paramsAttach = (p, url, list) => {
            p.#url = url;
            p.#list = list;
        };
    }
    #update() {
        if (this.#url !== null)
            urlSetQuery(this.#url, formSerialize(this.#list));
    }
    get size() { return me(this).#list.length; }
    append(name, value) {
        need(me(this), arguments.length, 2, 'name', 'value');
        this.#list.push([toUSV(name), toUSV(value)]);
        this.#update();
    }
    delete(name, value = undefined) {
        need(me(this), arguments.length, 1, 'name');
        name = toUSV(name);
        if (value !== undefined) {
            value = toUSV(value);
            this.#list = this.#list.filter(([n, v]) => n !== name || v !== value);
        } else {
            this.#list = this.#list.filter(([n]) => n !== name);
        }
        this.#update();
    }
    get(name) {
        need(me(this), arguments.length, 1, 'name');
        name = toUSV(name);
        const e = this.#list.find(([n]) => n === name);
        return e ? e[1] : null;
    }
    getAll(name) {
        need(me(this), arguments.length, 1, 'name');
        name = toUSV(name);
        return this.#list.filter(([n]) => n === name).map(([, v]) => v);
    }
    has(name, value = undefined) {
        need(me(this), arguments.length, 1, 'name');
        name = toUSV(name);
        if (value !== undefined) {
            value = toUSV(value);
            return this.#list.some(([n, v]) => n === name && v === value);
        }
        return this.#list.some(([n]) => n === name);
    }
    set(name, value) {
        need(me(this), arguments.length, 2, 'name', 'value');
        name = toUSV(name);
        value = toUSV(value);
        const i = this.#list.findIndex(([n]) => n === name);
        if (i < 0) {
            this.#list.push([name, value]);
        } else {
            this.#list[i][1] = value;
            this.#list = this.#list.filter(([n], j) => j <= i || n !== name);
        }
        this.#update();
    }
    sort() {
        me(this);
        // stable, by code units of the names
        const keyed = this.#list.map((e, i) => [e, i]);
        keyed.sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]));
        const sorted = keyed.map(([e]) => e);
        this.#list.length = 0;
        this.#list.push(...sorted);
        this.#update();
    }
    entries() { return new ParamsIterator(me(this), 'entries'); }
    forEach(callback, thisArg = undefined) {
        me(this);
        if (typeof callback !== 'function')
            throw codedError('ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. ${describe(callback)}`);
        for (let i = 0; i < this.#list.length; i++) {
            const [n, v] = this.#list[i];
            callback.call(thisArg, v, n, this);
        }
    }
    keys() { return new ParamsIterator(me(this), 'keys'); }
    values() { return new ParamsIterator(me(this), 'values'); }
    toString() { return formSerialize(me(this).#list); }
}
function me(p) {
    if (p === null || typeof p !== 'object' || !paramsIsMine(p))
        throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParams');
    return p;
}
function paramsIsMine(p) {
    try {
        paramsList(p);
        return true;
    } catch {
        return false;
    }
}
function need(self, argc, n, a, b) {
    if (argc < n)
        throw codedError('ERR_MISSING_ARGS', n === 1 ? `The "${a}" argument must be specified`
            : `The "${a}" and "${b}" arguments must be specified`);
}
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator,
    { value: URLSearchParams.prototype.entries, writable: true, configurable: true });
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });
for (const k of ['size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries', 'forEach', 'keys', 'values', 'toString'])
    Object.defineProperty(URLSearchParams.prototype, k, { enumerable: true });

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
class ParamsIterator {
    #params;
    #kind;
    #index = 0;
    constructor(params, kind) {
        this.#params = params;
        this.#kind = kind;
    }
    next() {
        if (!(#params in this))
            throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParamsIterator');
        const list = paramsList(this.#params);
        if (this.#index >= list.length)
            return { value: undefined, done: true };
        const [n, v] = list[this.#index++];
        return { value: this.#kind === 'keys' ? n : this.#kind === 'values' ? v : [n, v], done: false };
    }
}
Object.setPrototypeOf(ParamsIterator.prototype, IteratorPrototype);
Object.defineProperty(ParamsIterator.prototype, Symbol.toStringTag,
    { value: 'URLSearchParams Iterator', configurable: true });
Object.defineProperty(ParamsIterator.prototype, 'next', { enumerable: true });

// ---- URL ----

let urlSetQuery, u;

function invalidURL(input, base) {
    const e = codedError('ERR_INVALID_URL', 'Invalid URL');
    e.input = input;
    if (base !== undefined)
        e.base = base;
    return e;
}

// Parses url against base (strings or undefined): a record, or null.
function parseWithBase(url, base) {
    let b = null;
    if (base !== undefined) {
        b = basicParse(toUSV(base));
        if (!b)
            return null;
    }
    return basicParse(toUSV(url), b);
}

class URL {
    #url;
    #params;
    constructor(url, base = undefined) {
        if (arguments.length === 0)
            throw codedError('ERR_MISSING_ARGS', 'The "url" argument must be specified');
        url = toUSV(url);
        if (base !== undefined)
            base = toUSV(base);
        const r = parseWithBase(url, base);
        if (!r)
            throw invalidURL(url, base);
        this.#url = r;
        this.#params = new URLSearchParams();
        paramsAttach(this.#params, this, formParse(r.query || ''));
    }
    static {
        urlSetQuery = (x, s) => {
            x.#url.query = s === '' ? null : s;
        };
    }
    static canParse(url, base = undefined) {
        if (arguments.length === 0)
            throw codedError('ERR_MISSING_ARGS', 'The "url" argument must be specified');
        return parseWithBase(url, base) !== null;
    }
    static parse(url, base = undefined) {
        if (arguments.length === 0)
            throw codedError('ERR_MISSING_ARGS', 'The "url" argument must be specified');
        return parseWithBase(url, base) ? new URL(url, base) : null;
    }
    get href() { return serialize(u(this)); }
    set href(v) {
        v = toUSV(v);
        const r = basicParse(v);
        if (!r)
            throw invalidURL(v);
        this.#url = r;
        paramsAttach(this.#params, this, formParse(r.query || ''));
    }
    toString() { return serialize(u(this)); }
    toJSON() { return serialize(u(this)); }
    get origin() { return origin(u(this)); }
    get protocol() { return u(this).scheme + ':'; }
    set protocol(v) { basicParse(toUSV(v) + ':', null, u(this), S.SCHEME_START); }
    get username() { return u(this).username; }
    set username(v) {
        const r = u(this);
        if (!r.cannotHaveCredentials())
            r.username = encodeString(toUSV(v), USERINFO_SET);
    }
    get password() { return u(this).password; }
    set password(v) {
        const r = u(this);
        if (!r.cannotHaveCredentials())
            r.password = encodeString(toUSV(v), USERINFO_SET);
    }
    get host() {
        const r = u(this);
        if (r.host === null)
            return '';
        return r.port === null ? r.host : r.host + ':' + r.port;
    }
    set host(v) {
        const r = u(this);
        if (!r.opaque())
            basicParse(toUSV(v), null, r, S.HOST);
    }
    get hostname() { return u(this).host ?? ''; }
    set hostname(v) {
        const r = u(this);
        if (!r.opaque())
            basicParse(toUSV(v), null, r, S.HOSTNAME);
    }
    get port() { const p = u(this).port; return p === null ? '' : String(p); }
    set port(v) {
        const r = u(this);
        if (r.cannotHaveCredentials())
            return;
        v = toUSV(v);
        if (v === '')
            r.port = null;
        else
            basicParse(v, null, r, S.PORT);
    }
    get pathname() { return serializePath(u(this)); }
    set pathname(v) {
        const r = u(this);
        if (r.opaque())
            return;
        r.path = [];
        basicParse(toUSV(v), null, r, S.PATH_START);
    }
    get search() { const q = u(this).query; return q === null || q === '' ? '' : '?' + q; }
    set search(v) {
        const r = u(this);
        v = toUSV(v);
        if (v === '') {
            r.query = null;
            paramsAttach(this.#params, this, []);
            return;
        }
        if (v[0] === '?')
            v = v.slice(1);
        r.query = '';
        basicParse(v, null, r, S.QUERY);
        paramsAttach(this.#params, this, formParse(v));
    }
    get searchParams() { u(this); return this.#params; }
    get hash() { const f = u(this).fragment; return f === null || f === '' ? '' : '#' + f; }
    set hash(v) {
        const r = u(this);
        v = toUSV(v);
        if (v === '') {
            r.fragment = null;
            return;
        }
        if (v[0] === '#')
            v = v.slice(1);
        r.fragment = '';
        basicParse(v, null, r, S.FRAGMENT);
    }
    static {
        u = (x) => {
            if (x === null || typeof x !== 'object' || !(#url in x))
                throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of type URL');
            return x.#url;
        };
    }
}
for (const k of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
                 'pathname', 'search', 'searchParams', 'hash', 'toJSON'])
    Object.defineProperty(URL.prototype, k, { enumerable: true });
for (const k of ['canParse', 'parse'])
    Object.defineProperty(URL, k, { enumerable: true });
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });

return { URL, URLSearchParams };
})
