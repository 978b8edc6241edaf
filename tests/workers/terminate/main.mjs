// terminate() stops a worker that would run forever (an interval, then a
// busy loop), and the parent's loop ends.
import * as os from 'os';
const w = new os.Worker('./forever.js');
let n = 0;
w.onmessage = (ev) => {
  console.log('tick', ev.data);
  if (++n === 2) {
    w.terminate();
    console.log('terminated');
    const busy = new os.Worker('./busy.js');
    busy.onmessage = (ev) => { console.log(ev.data); busy.terminate(); console.log('busy terminated'); };
  }
};
