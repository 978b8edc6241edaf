// The event loop's I/O sources: os.setReadHandler / setWriteHandler with
// timers and promise jobs, os.signal handlers run as loop events,
// os.sleepAsync, os.setTimeout / clearTimeout. Each part runs alone so
// that the output order is fixed.
const enc = (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0))).buffer;
const dec = (b, n) => String.fromCharCode(...new Uint8Array(b, 0, n));

// A reader fed by timers: each readable event is a macrotask followed by
// its own microtask checkpoint.
function reader() {
  return new Promise((done) => {
    const [r, w] = os.pipe();
    let got = "";
    os.setReadHandler(r, () => {
      const buf = new ArrayBuffer(16);
      const n = os.read(r, buf, 0, 16);
      if (n === 0) {
        os.setReadHandler(r, null);   // removing itself from its own callback
        os.close(r);
        console.log("reader: end of file after", JSON.stringify(got));
        done();
        return;
      }
      got += dec(buf, n);
      Promise.resolve().then(() => console.log("microtask after the read of", JSON.stringify(dec(buf, n))));
      console.log("read", JSON.stringify(dec(buf, n)));
      // the next write waits for this read, so that a loaded machine
      // cannot merge the two into one read
      if (got === "one")
        setTimeout(() => os.write(w, enc("two")), 5);
      else
        setTimeout(() => os.close(w), 5);
    });
    os.setTimeout(() => os.write(w, enc("one")), 5);
  });
}

// A write handler: a pipe is writable at once; removed after 3 calls.
function writer() {
  return new Promise((done) => {
    const [r, w] = os.pipe();
    let writes = 0;
    os.setWriteHandler(w, () => {
      os.write(w, enc("x"));
      if (++writes === 3) {
        os.setWriteHandler(w, null);
        const buf = new ArrayBuffer(8);
        console.log("writer: wrote", writes, "read back", JSON.stringify(dec(buf, os.read(r, buf))));
        os.close(r);
        os.close(w);
        done();
      }
    });
  });
}

// A replaced handler: only the second one runs.
function replaced() {
  return new Promise((done) => {
    const [r, w] = os.pipe();
    os.setReadHandler(r, () => console.log("never"));
    os.setReadHandler(r, () => {
      os.setReadHandler(r, null);
      console.log("the replacement handler ran");
      os.close(r);
      done();
    });
    os.write(w, enc("!"));
    os.close(w);
  });
}

// Signals: the handler runs from the loop, after the synchronous code.
function signals() {
  return new Promise((done) => {
    let inHandler = false;
    os.signal(os.SIGUSR1, (sig) => {
      inHandler = true;
      console.log("SIGUSR1 handler, sig", sig === os.SIGUSR1);
      inHandler = false;
      os.signal(os.SIGUSR1, null);
      done();
    });
    os.kill(os.getpid(), os.SIGUSR1);
    console.log("after kill, the synchronous code goes on:", !inHandler);
    // undefined ignores a signal; null restores the default.
    os.signal(os.SIGUSR2, undefined);
    os.kill(os.getpid(), os.SIGUSR2);
    os.signal(os.SIGUSR2, null);
  });
}

// SIGCHLD when a child ends; the handler reaps it. A timer keeps the loop
// alive meanwhile (signal handlers alone do not).
function sigchld() {
  return new Promise((done) => {
    const keep = setInterval(() => {}, 1000);
    os.signal(os.SIGCHLD, () => {
      const [pid, st] = os.waitpid(-1, os.WNOHANG);
      if (pid > 0) {
        console.log("SIGCHLD: the child exited with", (st >> 8) & 0xff);
        os.signal(os.SIGCHLD, null);
        clearInterval(keep);
        done();
      }
    });
    os.exec(["sh", "-c", "exit 4"], { block: false });
  });
}

(async () => {
  await reader();
  await writer();
  await replaced();
  await signals();
  await sigchld();
  const t = os.setTimeout(() => console.log("a cleared timer ran"), 10);
  os.clearTimeout(t);
  const t0 = os.now();
  const v = await os.sleepAsync(50);
  console.log("sleepAsync waited:", os.now() - t0 >= 50, v);
})();
