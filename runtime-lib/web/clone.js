// The "clone" bundle of the Web globals: structuredClone (HTML), done in
// memory: StructuredSerializeWithTransfer and StructuredDeserialize fused
// into one walk that builds the copy directly. The workers' message
// serializer (runtime-lib/clone.c, to bytes) is a separate piece of work;
// the two should become one. The script's value is a function of host
// (web.c's natives: className, detach) and deps (the "misc" bundle's
// exports, for DOMException) returning the exports.
(function (host, deps) {
'use strict';
const { DOMException, isDOMException, codedError } = deps;

function cloneError(v) {
    let what;
    if (typeof v === 'function') {
        what = Function.prototype.toString.call(v);
    } else if (typeof v === 'symbol') {
        what = v.toString();
    } else {
        const cls = host.className(v);
        what = cls === 'Generator' || cls === 'AsyncGenerator' ? `[object ${cls}]`
            : `#<${cls === 'Proxy' ? 'Object' : cls}>`;
    }
    return new DOMException(`${what} could not be cloned.`, 'DataCloneError');
}

const ERROR_NAMES = new Map([['Error', Error], ['EvalError', EvalError], ['RangeError', RangeError],
    ['ReferenceError', ReferenceError], ['SyntaxError', SyntaxError], ['TypeError', TypeError],
    ['URIError', URIError]]);
const typedArrayLength = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(Uint8Array.prototype), 'length').get;
const typedArrayOffset = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(Uint8Array.prototype), 'byteOffset').get;
const typedArrayBuffer = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(Uint8Array.prototype), 'buffer').get;
const dvOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get;
const dvLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
const dvBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
const abLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const abResizable = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'resizable')?.get;
const abMax = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'maxByteLength')?.get;
const abDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached')?.get;
const TYPED = { Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    BigInt64Array, BigUint64Array, Float32Array, Float64Array };
if (typeof Float16Array === 'function')
    TYPED.Float16Array = Float16Array;
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;

// Copies the bytes of an ArrayBuffer into a new one (same resizability).
function copyBuffer(b) {
    const n = abLength.call(b);
    const out = abResizable && abResizable.call(b)
        ? new ArrayBuffer(n, { maxByteLength: abMax.call(b) }) : new ArrayBuffer(n);
    new Uint8Array(out).set(new Uint8Array(b));
    return out;
}

function clone(v, memory) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
        if (typeof v === 'symbol')
            throw cloneError(v);
        return v;
    }
    if (memory.has(v))
        return memory.get(v);
    if (typeof v === 'function')
        throw cloneError(v);
    const cls = host.className(v);
    let out;
    switch (cls) {
    case 'Boolean': out = Object(Boolean.prototype.valueOf.call(v)); break;
    case 'Number': out = Object(Number.prototype.valueOf.call(v)); break;
    case 'String': out = Object(String.prototype.valueOf.call(v)); break;
    case 'BigInt': out = Object(BigInt.prototype.valueOf.call(v)); break;
    case 'Date': out = new Date(Date.prototype.getTime.call(v)); break;
    case 'RegExp': out = new RegExp(v.source, v.flags); break;
    case 'ArrayBuffer':
        if (abDetached && abDetached.call(v))
            throw new DOMException('An ArrayBuffer is detached and could not be cloned.', 'DataCloneError');
        out = copyBuffer(v);
        break;
    case 'SharedArrayBuffer':
        // the same agent: the clone shares the data block, here the very object
        out = v;
        break;
    case 'DataView': {
        const buf = clone(dvBuffer.call(v), memory);
        out = new DataView(buf, dvOffset.call(v), dvLength.call(v));
        break;
    }
    case 'Map': {
        out = new Map();
        memory.set(v, out);
        const entries = [...mapEntries.call(v)];
        for (const [k, val] of entries)
            out.set(clone(k, memory), clone(val, memory));
        return out;
    }
    case 'Set': {
        out = new Set();
        memory.set(v, out);
        const values = [...setValues.call(v)];
        for (const val of values)
            out.add(clone(val, memory));
        return out;
    }
    case 'Error': {
        if (isDOMException(v)) {
            out = new DOMException(v.message, v.name);
            break;
        }
        const name = v.name;
        const Ctor = ERROR_NAMES.get(name) || Error;
        out = new Ctor();
        const stack = v.stack;
        if (typeof stack === 'string')
            Object.defineProperty(out, 'stack', { value: stack, writable: true, configurable: true });
        const md = Object.getOwnPropertyDescriptor(v, 'message');
        if (md && 'value' in md)
            Object.defineProperty(out, 'message', { value: String(md.value), writable: true, configurable: true });
        memory.set(v, out);
        const cause = Object.getOwnPropertyDescriptor(v, 'cause');
        if (cause && 'value' in cause)
            Object.defineProperty(out, 'cause', { value: clone(cause.value, memory), writable: true, configurable: true });
        return out;
    }
    case 'Array': {
        out = new Array(v.length);
        memory.set(v, out);
        for (const k of Object.keys(v))
            out[k] = clone(v[k], memory);
        return out;
    }
    case 'Object':
        out = {};
        memory.set(v, out);
        for (const k of Object.keys(v))
            out[k] = clone(v[k], memory);
        return out;
    default:
        if (cls in TYPED) {
            const buf = clone(typedArrayBuffer.call(v), memory);
            out = new TYPED[cls](buf, typedArrayOffset.call(v), typedArrayLength.call(v));
            break;
        }
        throw cloneError(v);
    }
    memory.set(v, out);
    return out;
}

function structuredClone(value, options = undefined) {
    if (arguments.length === 0)
        throw codedError('ERR_MISSING_ARGS', 'The value argument must be specified');
    if (options !== undefined && options !== null && typeof options !== 'object')
        throw codedError('ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined');
    const memory = new Map();
    const transfer = [];
    const list = options == null ? undefined : options.transfer;
    if (list !== undefined) {
        if (list === null || typeof list !== 'object' || typeof list[Symbol.iterator] !== 'function')
            throw codedError('ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
        for (const b of list) {
            if (host.className(b) !== 'ArrayBuffer')
                throw codedError('ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList');
            if (memory.has(b))
                throw new DOMException('Transfer list contains duplicate ArrayBuffer', 'DataCloneError');
            if (abDetached && abDetached.call(b))
                throw new DOMException('An ArrayBuffer is detached and could not be cloned.', 'DataCloneError');
            // The copy takes the contents; the original is detached once
            // the whole value has been cloned.
            memory.set(b, copyBuffer(b));
            transfer.push(b);
        }
    }
    const out = clone(value, memory);
    for (const b of transfer)
        host.detach(b);
    return out;
}

return { structuredClone };
})
