// A rejection without a handler at the end of a microtask checkpoint is
// reported ("Uncaught (in promise)") and makes the exit status 1; one
// handled in the same checkpoint is not; the loop goes on.
Promise.reject(new Error('nobody catches'));
const p = Promise.reject(42);
Promise.resolve().then(() => p.catch((e) => console.log('caught late in the same checkpoint', e)));
setTimeout(() => {
  console.log('timer runs');
  Promise.reject('a string reason');
}, 0);
setTimeout(() => console.log('last timer'), 5);
console.log('end');
