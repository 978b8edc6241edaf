import * as os from 'os';
os.Worker.parent.postMessage('hello from lib/inner/w2.js, parent is ' + (os.Worker.parent !== null));
