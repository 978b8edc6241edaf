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
function replac