// A worker that would wait forever: an hour's timer and a pipe nobody writes to.
import * as os from 'os';
const [r] = os.pipe();
os.setReadHandler(r, () => {});
setTimeout(() => {}, 3600 * 1000);
os.Worker.parent.postMessage('idle started');
