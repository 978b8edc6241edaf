import * as os from 'os';
let i = 0;
setInterval(() => os.Worker.parent.postMessage(i++), 5);
