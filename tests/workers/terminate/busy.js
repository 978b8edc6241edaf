import * as os from 'os';
os.Worker.parent.postMessage('busy started');
for (;;) {}
