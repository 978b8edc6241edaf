// Event loop order: promise jobs before timers, equal delays in creation
// order, nested timers after the timers already due, extra arguments,
// clearTimeout, setInterval + clearInterval.
const log = (...a) => console.log(...a);
setTimeout(() => log('timeout 0 a'), 0);
setTimeout(() => log('timeout 1'), 1);     // same effective delay as 0
setTimeout(() => log('timeout 0 b'), 0);
Promise.resolve().then(() => log('job 1')).then(() => log('job 2'));
queueMicrotask(() => log('queueMicrotask'));
setTimeout((x, y) => {
  log('args', x, y);
  Promise.resolve().then(() => log('job in timer'));
  setTimeout(() => {
    log('nested timer');
    setTimeout(() => log('nested twice'), 0);
  }, 0);
  log('timer body end');
}, 0, 'X', 'Y');
const never = setTimeout(() => log('never'), 0);
clearTimeout(never);
clearTimeout(12345);                       // unknown ids are ignored
function startInterval() {
  let n = 0;
  const iv = setInterval((tag) => {
    n++;
    log(tag, n);
    if (n === 3) {
      clearInterval(iv);
      setTimeout(() => log('after interval'), 0);
    }
  }, 20, 'interval');
}
setTimeout(() => setTimeout(startInterval, 60), 0);
log('sync end');
