// The "events" bundle of the Web globals: Event, CustomEvent and
// EventTarget (WHATWG DOM: listener options capture/once/passive/signal,
// handleEvent objects, the dispatch algorithm for a target without a
// parent), AbortController and AbortSignal (abort, timeout on the event
// loop's timers, any). The script's value is a function of host (web.c's
// natives) and deps (the "misc" bundle's exports, for DOMException and
// describe).
(function (host, deps) {
'use strict';
const { DOMException, codedError, describe } = deps;
const enqueue = queueMicrotask;

function argType(name, what, v) {
    return codedError('ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${what}. ${describe(v)}`);
}
function rangeError(code, message) {
    const e = new RangeError(message);
    e.code = code;
    return e;
}
function plainError(code, message) {
    const e = new Error(message);
    e.code = code;
    return e;
}
function illegal() {
    return codedError('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}
const LOCK = {};

// ---- Event ----

// Module-private access to an event's internal state (set in the static
// block of Event: private names cannot be reached from outside the class).
let ev;

class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #target = null;
    #currentTarget = null;
    #phase = 0;
    #canceled = false;
    #stop = false;
    #stopImmediate = false;
    #inPassive = false;
    #dispatching = false;
    #trusted = false;
    #timeStamp = host.now();

    constructor(type, init = undefined) {
        if (arguments.length === 0)
            throw codedError('ERR_MISSING_ARGS', 'The "type" argument must be specified');
        if (init !== undefined && init !== null && typeof init !== 'object' && typeof init !== 'function')
            throw argType('options', 'of type object', init);
        this.#type = String(type);
        this.#bubbles = !!(init && init.bubbles);
        this.#cancelable = !!(init && init.cancelable);
        this.#composed = !!(init && init.composed);
    }
    static {
        ev = {
            is: (e) => e !== null && typeof e === 'object' && #type in e,
            trusted: (e) => { e.#trusted = true; return e; },
            dispatching: (e) => e.#dispatching,
            begin: (e, target) => {
                e.#dispatching = true;
                e.#target = target;
            },
            at: (e, current, phase) => {
                e.#currentTarget = current;
                e.#phase = phase;
            },
            end: (e) => {
                e.#dispatching = false;
                e.#phase = 0;
                e.#currentTarget = null;
                e.#stop = e.#stopImmediate = false;
                return !e.#canceled;
            },
            stopped: (e) => e.#stop,
            stoppedNow: (e) => e.#stopImmediate,
            passive: (e, on) => { e.#inPassive = on; },
        };
    }
    get type() { return mine(this).#type; }
    get target() { return mine(this).#target; }
    get srcElement() { return mine(this).#target; }
    get currentTarget() { return mine(this).#currentTarget; }
    composedPath() { return mine(this).#dispatching ? [this.#currentTarget] : []; }
    get eventPhase() { return mine(this).#phase; }
    stopPropagation() { mine(this).#stop = true; }
    get cancelBubble() { return mine(this).#stop; }
    set cancelBubble(v) { if (v) mine(this).#stop = true; }
    stopImmediatePropagation() { mine(this).#stop = this.#stopImmediate = true; }
    get bubbles() { return mine(this).#bubbles; }
    get cancelable() { return mine(this).#cancelable; }
    get returnValue() { return !mine(this).#canceled; }
    set returnValue(v) { if (!v) this.preventDefault(); }
    preventDefault() {
        if (mine(this).#cancelable && !this.#inPassive)
            this.#canceled = true;
    }
    get defaultPrevented() { return mine(this).#canceled; }
    get composed() { return mine(this).#composed; }
    get isTrusted() { return mine(this).#trusted; }
    get timeStamp() { return mine(this).#timeStamp; }
    initEvent(type, bubbles = false, cancelable = false) {
        if (mine(this).#dispatching)
            return;
        this.#type = String(type);
        this.#bubbles = !!bubbles;
        this.#cancelable = !!cancelable;
        this.#stop = this.#stopImmediate = this.#canceled = false;
        this.#target = null;
    }
}
function mine(e) {
    if (!ev.is(e))
        throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of type Event');
    return e;
}
const PHASES = ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'];
for (let i = 0; i < 4; i++) {
    Object.defineProperty(Event, PHASES[i], { value: i, enumerable: true });
    Object.defineProperty(Event.prototype, PHASES[i], { value: i, enumerable: true });
}
for (const k of ['type', 'target', 'srcElement', 'currentTarget', 'composedPath', 'eventPhase',
                 'stopPropagation', 'cancelBubble', 'stopImmediatePropagation', 'bubbles', 'cancelable',
                 'returnValue', 'preventDefault', 'defaultPrevented', 'composed', 'isTrusted', 'timeStamp',
                 'initEvent'])
    Object.defineProperty(Event.prototype, k, { enumerable: true });
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

class CustomEvent extends Event {
    #detail;
    constructor(type, init = undefined) {
        if (arguments.length === 0)
            throw codedError('ERR_MISSING_ARGS', 'The "type" argument must be specified');
        super(type, init);
        this.#detail = init && init.detail !== undefined ? init.detail : null;
    }
    get detail() {
        if (!(#detail in this))
            throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of type CustomEvent');
        return this.#detail;
    }
}
Object.defineProperty(CustomEvent.prototype, 'detail', { enumerable: true });
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

// ---- EventTarget ----

// Options of addEventListener / removeEventListener, flattened.
function flatten(options) {
    if (typeof options === 'boolean' || options === undefined || options === null ||
        (typeof options !== 'object' && typeof options !== 'function'))
        return { capture: !!options, once: false, passive: false, signal: null };
    const signal = options.signal;
    if (signal !== undefined && !isSignal(signal))
        throw codedError('ERR_INVALID_ARG_TYPE',
            `The "options.signal" property must be an instance of AbortSignal. ${describe(signal)}`);
    return { capture: !!options.capture, once: !!options.once, passive: !!options.passive,
             signal: signal === undefined ? null : signal };
}

let isTarget, listenersOf;

class EventTarget {
    // The listeners by type, each list in registration order; a listener
    // is { callback, capture, once, passive, removed }.
    #listeners = new Map();
    static {
        isTarget = (t) => t !== null && typeof t === 'object' && #listeners in t;
        listenersOf = (t) => t.#listeners;
    }
    addEventListener(type, callback, options = undefined) {
        self(this);
        if (arguments.length < 2)
            throw codedError('ERR_MISSING_ARGS', 'The "type" and "listener" arguments must be specified');
        if (callback !== null && typeof callback !== 'function' && typeof callback !== 'object')
            throw argType('listener', 'an instance of EventListener', callback);
        const o = flatten(options);
        type = String(type);
        if (callback === null || (o.signal && o.signal.aborted))
            return;
        let list = this.#listeners.get(type);
        if (!list)
            this.#listeners.set(type, list = []);
        for (const l of list)
            if (l.callback === callback && l.capture === o.capture)
                return;
        const l = { callback, capture: o.capture, once: o.once, passive: o.passive, removed: false };
        list.push(l);
        if (o.signal)
            onAbort(o.signal, () => removeListener(this, type, l));
    }
    removeEventListener(type, callback, options = undefined) {
        self(this);
        if (arguments.length < 2)
            throw codedError('ERR_MISSING_ARGS', 'The "type" and "listener" arguments must be specified');
        const capture = typeof options === 'boolean' ? options
            : options !== null && typeof options === 'object' ? !!options.capture : !!options;
        const list = this.#listeners.get(String(type));
        if (!list)
            return;
        for (const l of list)
            if (l.callback === callback && l.capture === capture) {
                removeListener(this, String(type), l);
                return;
            }
    }
    dispatchEvent(event) {
        self(this);
        if (!ev.is(event))
            throw argType('event', 'an instance of Event', event);
        if (ev.dispatching(event))
            throw plainError('ERR_EVENT_RECURSION', `The event "${event.type}" is already being dispatched`);
        return dispatch(this, event);
    }
}
function self(t) {
    if (!isTarget(t))
        throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of type EventTarget');
}
function removeListener(target, type, l) {
    const list = listenersOf(target).get(type);
    l.removed = true;
    const i = list ? list.indexOf(l) : -1;
    if (i >= 0)
        list.splice(i, 1);
}
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });
for (const k of ['addEventListener', 'removeEventListener', 'dispatchEvent'])
    Object.defineProperty(EventTarget.prototype, k, { enumerable: true });

// The dispatch of the DOM standard for a target with no parent: its path
// is the target alone, whose capture listeners run first, then the others,
// all with eventPhase AT_TARGET. An exception in a listener is reported
// (as an uncaught error, after the dispatch) and the dispatch goes on.
function dispatch(target, event) {
    ev.begin(event, target);
    ev.at(event, target, 2);
    try {
        const list = listenersOf(target).get(event.type);
        if (list) {
            const snapshot = list.slice();
            for (const capture of [true, false])
                if (!invoke(target, event, snapshot, capture))
                    break;
        }
    } finally {
        ev.end(event);
    }
    return !event.defaultPrevented;
}

// Runs the listeners of snapshot with the given capture; false once
// stopImmediatePropagation was called.
function invoke(target, event, snapshot, capture) {
    for (const l of snapshot) {
        if (l.removed || l.capture !== capture)
            continue;
        if (l.once)
            removeListener(target, event.type, l);
        if (l.passive)
            ev.passive(event, true);
        try {
            const cb = l.callback;
            if (typeof cb === 'function') {
                cb.call(target, event);
            } else {
                const h = cb.handleEvent;
                if (typeof h !== 'function')
                    throw argType('listener.handleEvent', 'of type function', h);
                h.call(cb, event);
            }
        } catch (err) {
            enqueue(() => { throw err; });
        }
        ev.passive(event, false);
        if (ev.stoppedNow(event))
            return false;
    }
    return true;
}

// ---- AbortSignal and AbortController ----

let isSignal, onAbort, signalAbort, newSignal;

class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #algorithms = [];       // the abort algorithms (listener removals, ...)
    #onabort = null;
    #dependent = false;
    #sources = [];          // for a dependent signal: its source signals
    #dependents = [];       // for a source: the dependent signals made from it
    constructor(key) {
        if (key !== LOCK)
            throw illegal();
        super();
    }
    static {
        isSignal = (s) => s !== null && typeof s === 'object' && #aborted in s;
        onAbort = (s, fn) => { s.#algorithms.push(fn); };
        newSignal = () => new AbortSignal(LOCK);
        // "signal abort" of the DOM standard.
        signalAbort = (s, reason) => {
            if (s.#aborted)
                return;
            s.#aborted = true;
            s.#reason = reason !== undefined ? reason
                : new DOMException('This operation was aborted', 'AbortError');
            const deps = [];
            for (const d of s.#dependents)
                if (!d.#aborted) {
                    d.#aborted = true;
                    d.#reason = s.#reason;
                    deps.push(d);
                }
            runAbortSteps(s);
            for (const d of deps)
                runAbortSteps(d);
        };
        const runAbortSteps = (s) => {
            const algorithms = s.#algorithms;
            s.#algorithms = [];
            for (const fn of algorithms)
                fn();
            dispatch(s, ev.trusted(new Event('abort')));
        };
        AbortSignal.any = function any(signals) {
            if (!Array.isArray(signals))
                throw argType('signals', 'an instance of Array', signals);
            signals.forEach((s, i) => {
                if (!isSignal(s))
                    throw argType(`signals[${i}]`, 'an instance of AbortSignal', s);
            });
            const r = new AbortSignal(LOCK);
            for (const s of signals)
                if (s.#aborted) {
                    r.#aborted = true;
                    r.#reason = s.#reason;
                    return r;
                }
            r.#dependent = true;
            for (const s of signals) {
                for (const src of s.#dependent ? s.#sources : [s])
                    if (!r.#sources.includes(src)) {
                        r.#sources.push(src);
                        src.#dependents.push(r);
                    }
            }
            return r;
        };
    }
    get aborted() { return sig(this).#aborted; }
    get reason() { return sig(this).#reason; }
    throwIfAborted() {
        if (sig(this).#aborted)
            throw this.#reason;
    }
    get onabort() { return sig(this).#onabort; }
    set onabort(fn) {
        // An event handler attribute: its listener is added on the first
        // set and keeps its place; it calls whatever handler is current.
        if (!sig(this).#handlerAdded)
            this.#addHandler();
        this.#onabort = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? fn : null;
    }
    #handlerAdded = false;
    #addHandler() {
        this.#handlerAdded = true;
        this.addEventListener('abort', (e) => {
            const h = this.#onabort;
            if (typeof h === 'function')
                h.call(this, e);
        });
    }
    static abort(reason = undefined) {
        const s = new AbortSignal(LOCK);
        signalAbort(s, reason);
        return s;
    }
    static timeout(ms) {
        if (typeof ms !== 'number')
            throw argType('delay', 'of type number', ms);
        if (!(ms >= 0 && ms <= 4294967295))
            throw rangeError('ERR_OUT_OF_RANGE',
                `The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ${ms}`);
        const s = new AbortSignal(LOCK);
        host.setTimeout(() => signalAbort(s,
            new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
        return s;
    }
}
function sig(s) {
    if (!isSignal(s))
        throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of type AbortSignal');
    return s;
}
for (const k of ['aborted', 'reason', 'throwIfAborted', 'onabort'])
    Object.defineProperty(AbortSignal.prototype, k, { enumerable: true });
for (const k of ['abort', 'timeout', 'any'])
    Object.defineProperty(AbortSignal, k, { enumerable: true });
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

let ctl;
class AbortController {
    #signal = newSignal();
    get signal() { return ctl(this).#signal; }
    abort(reason = undefined) { signalAbort(ctl(this).#signal, reason); }
    static {
        ctl = (c) => {
            if (c === null || typeof c !== 'object' || !(#signal in c))
                throw codedError('ERR_INVALID_THIS', 'Value of "this" must be of type AbortController');
            return c;
        };
    }
}
for (const k of ['signal', 'abort'])
    Object.defineProperty(AbortController.prototype, k, { enumerable: true });
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

return { Event, CustomEvent, EventTarget, AbortController, AbortSignal };
})
