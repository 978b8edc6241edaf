// The "misc" bundle of the Web globals (runtime-lib/web.c loads it on the
// first read of one of its names): DOMException (WebIDL), atob and btoa
// (HTML, forgiving-base64 of the Infra standard), performance (High
// Resolution Time) and crypto (Web Crypto: getRandomValues, randomUUID).
// The script's value is a function of host (the natives of web.c) and deps
// (the exports of the bundles this one uses: none) returning the exports.
(function (host, deps) {
'use strict';

// ---- DOMException ----
// [name, legacy code constant] by code; names past the table have code 0.
const LEGACY = [
    null, ['IndexSizeError', 'INDEX_SIZE_ERR'], ['DOMStringSizeError', 'DOMSTRING_SIZE_ERR'],
    ['HierarchyRequestError', 'HIERARCHY_REQUEST_ERR'], ['WrongDocumentError', 'WRONG_DOCUMENT_ERR'],
    ['InvalidCharacterError', 'INVALID_CHARACTER_ERR'], ['NoDataAllowedError', 'NO_DATA_ALLOWED_ERR'],
    ['NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR'], ['NotFoundError', 'NOT_FOUND_ERR'],
    ['NotSupportedError', 'NOT_SUPPORTED_ERR'], ['InUseAttributeError', 'INUSE_ATTRIBUTE_ERR'],
    ['InvalidStateError', 'INVALID_STATE_ERR'], ['SyntaxError', 'SYNTAX_ERR'],
    ['InvalidModificationError', 'INVALID_MODIFICATION_ERR'], ['NamespaceError', 'NAMESPACE_ERR'],
    ['InvalidAccessError', 'INVALID_ACCESS_ERR'], ['ValidationError', 'VALIDATION_ERR'],
    ['TypeMismatchError', 'TYPE_MISMATCH_ERR'], ['SecurityError', 'SECURITY_ERR'],
    ['NetworkError', 'NETWORK_ERR'], ['AbortError', 'ABORT_ERR'], ['URLMismatchError', 'URL_MISMATCH_ERR'],
    ['QuotaExceededError', 'QUOTA_EXCEEDED_ERR'], ['TimeoutError', 'TIMEOUT_ERR'],
    ['InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR'], ['DataCloneError', 'DATA_CLONE_ERR'],
];
// The deprecated names (2, 6, 16) are constants only: WebIDL's error
// names table gives them no code. A plain object, not a Map: nothing this
// script runs before its globals are used needs a built-in family that
// qjsc --builtins auto may leave out (crypto needs the typed arrays).
const NO_CODE = ['DOMStringSizeError', 'NoDataAllowedError', 'ValidationError'];
const CODES = { __proto__: null };
for (let i = 1; i < LEGACY.length; i++)
    if (!NO_CODE.includes(LEGACY[i][0]))
        CODES[LEGACY[i][0]] = i;

let isDOMException;
class DOMException extends Error {
    #name;
    #message;
    constructor(message = '', options = 'Error') {
        super();
        this.#message = String(message);
        // The options-bag form (name and cause) of the current WebIDL.
        if (options !== null && typeof options === 'object') {
            if ('cause' in options)
                Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
            this.#name = 'name' in options ? String(options.name) : 'Error';
        } else {
            this.#name = String(options);
        }
        const stack = this.stack;
        if (typeof stack === 'string') {
            // The first line of the stack was made before the name and message were set.
            const nl = stack.indexOf('\n');
            const head = this.#message ? this.#name + ': ' + this.#message : this.#name;
            Object.defineProperty(this, 'stack', { value: nl < 0 ? head : head + stack.slice(nl),
                writable: true, configurable: true });
        }
    }
    get name() { return brand(this).#name; }
    get message() { return brand(this).#message; }
    get code() { return CODES[brand(this).#name] || 0; }
    static {
        isDOMException = (v) => v !== null && typeof v === 'object' && #name in v;
    }
}
function brand(v) {
    if (!isDOMException(v))
        throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of DOMException');
    return v;
}
for (const k of ['name', 'message', 'code'])
    Object.defineProperty(DOMException.prototype, k, { enumerable: true });
for (let i = 1; i < LEGACY.length; i++) {
    const d = { value: i, enumerable: true };
    Object.defineProperty(DOMException, LEGACY[i][1], d);
    Object.defineProperty(DOMException.prototype, LEGACY[i][1], d);
}
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });

// ---- atob / btoa ----
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Array(128).fill(-1);
for (let i = 0; i < 64; i++)
    B64_VALUE[B64.charCodeAt(i)] = i;

// A TypeError with the code property Node gives its own errors.
function codedError(code, message) {
    const e = new TypeError(message);
    e.code = code;
    return e;
}
function needArg(argc, name) {
    if (argc < 1)
        throw codedError('ERR_MISSING_ARGS', `The "${name}" argument must be specified`);
}

function atob(data) {
    needArg(arguments.length, 'input');
    data = String(data);
    // Forgiving-base64 decode: drop ASCII whitespace, then up to two '='
    // at the end when the length is a multiple of 4.
    let s = data.replace(/[\t\n\f\r ]+/g, '');
    if (s.length % 4 === 0) {
        if (s.endsWith('=='))
            s = s.slice(0, -2);
        else if (s.endsWith('='))
            s = s.slice(0, -1);
    }
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128 || B64_VALUE[c] < 0)
            throw new DOMException('Invalid character', 'InvalidCharacterError');
    }
    if (s.length % 4 === 1)
        throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
    const parts = [];
    let out = '';
    let buf = 0, bits = 0;
    for (let i = 0; i < s.length; i++) {
        buf = (buf << 6) | B64_VALUE[s.charCodeAt(i)];
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += String.fromCharCode((buf >> bits) & 255);
            if (out.length >= 8192) {
                parts.push(out);
                out = '';
            }
        }
    }
    parts.push(out);
    return parts.join('');
}

function btoa(data) {
    needArg(arguments.length, 'input');
    data = String(data);
    const parts = [];
    let out = '';
    const n = data.length;
    for (let i = 0; i < n; i += 3) {
        const a = data.charCodeAt(i), b = i + 1 < n ? data.charCodeAt(i + 1) : 0,
              c = i + 2 < n ? data.charCodeAt(i + 2) : 0;
        if (a > 255 || b > 255 || c > 255)
            throw new DOMException('Invalid character', 'InvalidCharacterError');
        const v = (a << 16) | (b << 8) | c;
        out += B64[v >> 18] + B64[(v >> 12) & 63] +
               (i + 1 < n ? B64[(v >> 6) & 63] : '=') + (i + 2 < n ? B64[v & 63] : '=');
        if (out.length >= 8192) {
            parts.push(out);
            out = '';
        }
    }
    parts.push(out);
    return parts.join('');
}

// ---- performance ----
function thisCheck(ok, type) {
    if (!ok)
        throw codedError('ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
}
function perfCheck(ok, v) {
    if (ok)
        return;
    const got = v === null || v === undefined ? String(v)
        : typeof v === 'object' || typeof v === 'function'
        ? 'an instance of ' + ((v.constructor && v.constructor.name) || 'Object')
        : `type ${typeof v} (${String(v)})`;
    throw codedError('ERR_INVALID_ARG_TYPE',
        `The "this" argument must be an instance of Performance. Received ${got}`);
}
class Performance {
    #brand = true;
    constructor(key) {
        if (key !== LOCK)
            throw new TypeError('Illegal constructor');
    }
    now() { perfCheck(#brand in this, this); return host.now(); }
    get timeOrigin() { perfCheck(#brand in this, this); return host.timeOrigin; }
    toJSON() {
        perfCheck(#brand in this, this);
        return { timeOrigin: host.timeOrigin };
    }
}
const LOCK = {};
Object.defineProperty(Performance.prototype, 'timeOrigin', { enumerable: true });
Object.defineProperty(Performance.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });
const performance = new Performance(LOCK);

// ---- crypto ----
// The getter of %TypedArray%.prototype[@@toStringTag], taken on first use.
let typedArrayTag;
const INTEGER_ARRAYS = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
    'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];
const HEX = [];
for (let i = 0; i < 256; i++)
    HEX.push((i < 16 ? '0' : '') + i.toString(16));

class Crypto {
    #brand = true;
    constructor(key) {
        if (key !== LOCK)
            throw new TypeError('Illegal constructor');
    }
    getRandomValues(array) {
        thisCheck(#brand in this, 'Crypto');
        if (arguments.length < 1)
            throw codedError('ERR_MISSING_ARGS', "Failed to execute 'getRandomValues' on 'Crypto': " +
                             '1 argument required, but only 0 present.');
        typedArrayTag ??= Object.getOwnPropertyDescriptor(
            Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
        if (!INTEGER_ARRAYS.includes(typedArrayTag.call(array)))
            throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
        if (array.byteLength > 65536)
            throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
        host.randomFill(array);
        return array;
    }
    randomUUID() {
        thisCheck(#brand in this, 'Crypto');
        const b = new Uint8Array(16);
        host.randomFill(b);
        b[6] = (b[6] & 0x0f) | 0x40;    // version 4
        b[8] = (b[8] & 0x3f) | 0x80;    // variant 10
        const h = (i) => HEX[b[i]];
        return h(0) + h(1) + h(2) + h(3) + '-' + h(4) + h(5) + '-' + h(6) + h(7) + '-' +
               h(8) + h(9) + '-' + h(10) + h(11) + h(12) + h(13) + h(14) + h(15);
    }
}
Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
const crypto = new Crypto(LOCK);

// How node's argument errors show a value of the wrong type.
function describe(v) {
    if (v === null || v === undefined)
        return 'Received ' + v;
    if (typeof v === 'function')
        return `Received function ${v.name}`;
    if (typeof v === 'object')
        return 'Received an instance of ' + ((v.constructor && v.constructor.name) || 'Object');
    let s = typeof v === 'string' ? `'${v}'` : String(v);
    if (s.length > 28)
        s = s.slice(0, 25) + '...';
    return `Received type ${typeof v} (${s})`;
}

return { DOMException, isDOMException, codedError, describe, atob, btoa, performance, crypto };
})
