// The "clone" bundle of the Web globals: structuredClone (HTML). The copy
// itself is the workers' structured clone (runtime-lib/clone.c: the value
// serialized with its transfer list, then deserialized in this runtime,
// host.clone); this checks the arguments as node does first. The script's
// value is a function of host (web.c's natives, and host.clone) and deps
// (the "misc" bundle's exports, for DOMException) returning the exports.
(function (host, deps) {
'use strict';
const { DOMException, codedError } = deps;
const abDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached').get;

function structuredClone(value, options = undefined) {
    if (arguments.length === 0)
        throw codedError('ERR_MISSING_ARGS', 'The value argument must be specified');
    if (options !== undefined && options !== null && typeof options !== 'object')
        throw codedError('ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined');
    const transfer = [];
    const list = options == null ? undefined : options.transfer;
    if (list !== undefined) {
        if (list === null || typeof list !== 'object' || typeof list[Symbol.iterator] !== 'function')
            throw codedError('ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
        for (const b of list) {
            if (host.className(b) !== 'ArrayBuffer')
                throw codedError('ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList');
            if (transfer.includes(b))
                throw new DOMException('Transfer list contains duplicate ArrayBuffer', 'DataCloneError');
            if (abDetached.call(b))
                throw new DOMException('An ArrayBuffer is detached and could not be cloned.', 'DataCloneError');
            transfer.push(b);
        }
    }
    return host.clone(value, transfer);
}

return { structuredClone };
})
