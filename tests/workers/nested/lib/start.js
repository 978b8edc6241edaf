import * as os from 'os';
export function start(report) {
  const w = new os.Worker('./w.js');
  w.onmessage = (ev) => report(ev.data);
}
