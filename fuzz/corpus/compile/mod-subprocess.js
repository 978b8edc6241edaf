//module
// Talks to a child process without blocking the event loop: a timer
// feeds the child's stdin through one pipe, the child's stdout comes
// back through another pipe watched with os.setReadHandler; at the end
// of its output the child is reaped with os.waitpid.
import * as os from "qjs:os";

const [childIn, toChild] = os.pipe();
const [fromChild, childOut] = os.pipe();
const pid = os.exec(["sh", "-c", "while read line; do echo \"child got: $line\"; done; exit 3"],
                    { block: false, stdin: childIn, stdout: childOut });
os.close(childIn);      // the child holds these ends now
os.close(childOut);

const encode = (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0))).buffer;
const decode = (buf, n) => String.fromCharCode(...new Uint8Array(buf, 0, n));

// The timer writes a line every 10 ms, then closes the child's input.
let sent = 0;
const ticker = setInterval(() => {
  if (++sent <= 3) {
    os.write(toChild, encode(`tick ${sent}\n`));
  } else {
    clearInterval(ticker);
    os.close(toChild);
  }
}, 10);

const output = new Promise((resolve) => {
  let text = "";
  os.setReadHandler(fromChild, () => {
    const buf = new ArrayBuffer(256);
    const n = os.read(fromChild, buf, 0, buf.byteLength);
    if (n > 0) {
      text += decode(buf, n);
      return;
    }
    os.setReadHandler(fromChild, null);   // end of file: the child closed stdout
    os.close(fromChild);
    resolve(text);
  });
});

const out = await output;
const [ret, status] = os.waitpid(pid);   // it closed its output: it is exiting
console.log(out.trimEnd());
console.log(`the child ${ret === pid ? "exited" : "?"} with code ${(status >> 8) & 0xff} after ${sent - 1} lines`);
