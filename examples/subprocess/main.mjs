// Runs a child process and reads its output without blocking the event
// loop: the child's stdout is a pipe watched with os.setReadHandler while
// a timer keeps ticking; SIGCHLD tells when the child is gone.
import * as os from "qjs:os";

const [rd, wr] = os.pipe();
const pid = os.exec(["sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.05; done"],
                    { block: false, stdout: wr });
os.close(wr);    // the child holds the write end now

let text = "";
let ticks = 0;
const ticker = setInterval(() => ticks++, 10);
const decoder = (buf, n) => String.fromCharCode(...new Uint8Array(buf, 0, n));

const output = new Promise((resolve) => {
  os.setReadHandler(rd, () => {
    const buf = new ArrayBuffer(256);
    const n = os.read(rd, buf, 0, buf.byteLength);
    if (n > 0) {
      text += decoder(buf, n);
      return;
    }
    os.setReadHandler(rd, null);
    os.close(rd);
    resolve(text);
  });
});

const exited = new Promise((resolve) => {
  os.signal(os.SIGCHLD, () => {
    const [ret, status] = os.waitpid(pid, os.WNOHANG);
    if (ret === pid) {
      os.signal(os.SIGCHLD, null);
      resolve((status >> 8) & 0xff);
    }
  });
});

const [out, code] = await Promise.all([output, exited]);
clearInterval(ticker);
console.log(out.trimEnd());
console.log(`exit code ${code}; the timer ticked while waiting: ${ticks > 5}`);
