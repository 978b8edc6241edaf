// terminate() stops a worker that would run forever (an interval, a busy
// loop, a wait on a timer and a descriptor), and the parent's loop ends.
import * as os from 'os';
const w = new os.Worker('./forever.js');
let n = 0;
w.onmessage = (ev) => {
  console.log('tick', ev.data);
  if (++n === 2) {
    w.terminate();
    console.log('terminated');
    const busy = new os.Worker('./busy.js');
    busy.onmessage = (ev) => {
      console.log(ev.data);
      busy.terminate();
      console.log('busy terminated');
      const idle = new os.Worker('./idle.js');
      idle.onmessage = (ev) => { console.log(ev.data); idle.terminate(); console.log('idle terminated'); };
    };
  }
};
