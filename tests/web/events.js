// Event, CustomEvent, EventTarget, AbortController, AbortSignal (expected
// output from node 20).
const show = (label, f) => {
    try {
        console.log(label, f());
    } catch (e) {
        console.log(label, 'threw', e.name, e.code, JSON.stringify(e.message));
    }
};
const log = [];

// Event basics
const e = new Event('ping', { bubbles: true, cancelable: true });
show('event', () => [e.type, e.bubbles, e.cancelable, e.composed, e.eventPhase, e.target, e.currentTarget,
    e.defaultPrevented, e.isTrusted, e.returnValue, e.cancelBubble, typeof e.timeStamp].join());
show('event none', () => new Event());
show('event bad init', () => new Event('x', 5));
show('phases', () => [Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE].join());
e.preventDefault();
show('prevent before dispatch', () => e.defaultPrevented);
const nc = new Event('x');
nc.preventDefault();
show('not cancelable', () => nc.defaultPrevented);
show('custom', () => { const c = new CustomEvent('c', { detail: { a: 1 } }); return [c.type, c.detail.a, c instanceof Event].join(); });
show('custom null', () => new CustomEvent('c').detail);
show('tags', () => [new Event('x'), new CustomEvent('x'), new EventTarget(), new AbortController(), AbortSignal.abort()]
    .map((o) => Object.prototype.toString.call(o)).join());

// Listener order, capture first at target, duplicates, once, handleEvent.
const t = new EventTarget();
const a = () => log.push('a');
t.addEventListener('go', a);
t.addEventListener('go', a);                       // duplicate: ignored
t.addEventListener('go', a, true);                 // capture: a different listener
t.addEventListener('go', (ev) => log.push('b:' + (ev.target === t)));
t.addEventListener('go', { handleEvent(ev) { log.push('obj:' + (this !== t)); } });
t.addEventListener('go', () => log.push('once'), { once: true });
t.addEventListener('go', function () { log.push('this:' + (this === t)); });
show('dispatch', () => t.dispatchEvent(new Event('go')));
show('log1', () => log.splice(0).join(' '));
t.dispatchEvent(new Event('go'));
show('log2', () => log.splice(0).join(' '));
t.removeEventListener('go', a);                     // removes the non-capture one
t.dispatchEvent(new Event('go'));
show('log3', () => log.splice(0).join(' '));
t.removeEventListener('go', a, { capture: true });
t.dispatchEvent(new Event('go'));
show('log4', () => log.splice(0).join(' '));

// Removal and addition during dispatch.
const u = new EventTarget();
const second = () => log.push('second');
u.addEventListener('r', () => { log.push('first'); u.removeEventListener('r', second); });
u.addEventListener('r', second);
u.addEventListener('r', () => log.push('third'));
u.dispatchEvent(new Event('r'));
show('removal', () => log.splice(0).join(' '));
u.dispatchEvent(new Event('r'));
show('after', () => log.splice(0).join(' '));

// stopImmediatePropagation, preventDefault, passive, return value.
const v = new EventTarget();
v.addEventListener('s', (ev) => { log.push('1'); ev.stopImmediatePropagation(); });
v.addEventListener('s', () => log.push('2'));
v.dispatchEvent(new Event('s'));
show('stopImmediate', () => log.splice(0).join(' '));
v.addEventListener('p', (ev) => ev.preventDefault());
show('prevented', () => v.dispatchEvent(new Event('p', { cancelable: true })));
show('not cancelable dispatch', () => v.dispatchEvent(new Event('p')));
const done = new Event('s');
v.dispatchEvent(done);
show('after dispatch', () => [done.eventPhase, done.currentTarget, done.target === v].join());
log.length = 0;
show('recursion', () => { const w = new EventTarget(); const ev = new Event('x'); w.addEventListener('x', () => { try { w.dispatchEvent(ev); } catch (err) { log.push(err.code); } }); w.dispatchEvent(ev); return log.splice(0).join(); });
show('dispatch bad', () => t.dispatchEvent({ type: 'x' }));
show('add missing', () => t.addEventListener('x'));
show('add bad', () => t.addEventListener('x', 5));
show('type string', () => { let hit = 0; const x = new EventTarget(); x.addEventListener(1, () => hit++); x.dispatchEvent(new Event('1')); return hit; });

// signal option
const ac = new AbortController();
const x = new EventTarget();
x.addEventListener('k', () => log.push('k'), { signal: ac.signal });
x.dispatchEvent(new Event('k'));
ac.abort();
x.dispatchEvent(new Event('k'));
x.addEventListener('k', () => log.push('late'), { signal: ac.signal });
x.dispatchEvent(new Event('k'));
show('signal', () => log.splice(0).join(' '));
show('signal bad', () => x.addEventListener('k', () => {}, { signal: 1 }));

// AbortController / AbortSignal
const c = new AbortController();
show('fresh', () => [c.signal.aborted, c.signal.reason, c.signal instanceof EventTarget].join());
c.signal.addEventListener('abort', (ev) => log.push('listener:' + ev.type + ':' + ev.isTrusted + ':' + (ev.target === c.signal)));
c.signal.onabort = (ev) => log.push('onabort:' + c.signal.aborted);
c.abort('why');
c.abort('again');
show('aborted', () => [c.signal.aborted, c.signal.reason, log.splice(0).join(' ')].join());
show('throwIfAborted', () => c.signal.throwIfAborted());
show('not aborted throw', () => new AbortController().signal.throwIfAborted());
const d = new AbortController();
d.abort();
show('default reason', () => [d.signal.reason instanceof DOMException, d.signal.reason.name, d.signal.reason.message, d.signal.reason.code].join());
show('abort static', () => { const s = AbortSignal.abort(42); return [s.aborted, s.reason].join(); });
show('abort static default', () => AbortSignal.abort().reason.name);
show('signal ctor', () => new AbortSignal());
show('onabort default', () => new AbortController().signal.onabort);
show('abort undefined reason', () => { const z = new AbortController(); z.abort(undefined); return z.signal.reason.name; });
show('abort null reason', () => { const z = new AbortController(); z.abort(null); return z.signal.reason; });

// AbortSignal.any
const p = new AbortController(), q = new AbortController();
const any = AbortSignal.any([p.signal, q.signal]);
const any2 = AbortSignal.any([any]);
any.addEventListener('abort', () => log.push('any'));
any2.addEventListener('abort', () => log.push('any2'));
p.signal.addEventListener('abort', () => log.push('p'));
q.abort('q-reason');
show('any', () => [any.aborted, any.reason, any2.aborted, any2.reason, p.signal.aborted, log.splice(0).join(' ')].join());
show('any aborted', () => AbortSignal.any([new AbortController().signal, AbortSignal.abort('r')]).reason);
show('any empty', () => AbortSignal.any([]).aborted);
show('any bad', () => AbortSignal.any(5));
show('any bad item', () => AbortSignal.any([5]));

// AbortSignal.timeout runs on the event loop's timers.
show('timeout bad', () => AbortSignal.timeout(-1));
show('timeout type', () => AbortSignal.timeout('1'));
const ts = AbortSignal.timeout(10);
ts.onabort = () => console.log('timeout fired', ts.reason.name, ts.reason.message, ts.reason.code);
setTimeout(() => console.log('after timeout', ts.aborted), 50);
show('timeout now', () => ts.aborted);
// An unref'ed timer: this one alone would not keep the program running.
AbortSignal.timeout(100000);
