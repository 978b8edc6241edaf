// An exception in a timer callback is reported and the other timers
// still run; the exit status is 1.
setTimeout(() => { console.log('first'); throw new TypeError('bad timer'); }, 0);
setTimeout(() => console.log('second still runs'), 0);
let n = 0;
const iv = setInterval(() => {
  n++;
  console.log('tick', n);
  if (n === 2) clearInterval(iv);
  throw new RangeError('tick ' + n);
}, 10);
Promise.resolve().then(() => { throw new Error('from a job'); });
Promise.resolve().then(() => console.log('other job'));
console.log('end');
