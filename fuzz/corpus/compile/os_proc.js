// os: processes (exec, waitpid, kill, getpid), descriptors (open, read,
// write, seek, pipe, dup, dup2, close, isatty), links and times, and the
// clear errors for bad input.
const enc = (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0))).buffer;
const dec = (b, n) => String.fromCharCode(...new Uint8Array(b, 0, n));
const tmp = "/tmp/qjs-os-proc-" + os.getpid();
os.mkdir(tmp);

// exec: blocking exit codes, a signal death, the error pipe
console.log("true:", os.exec(["true"]));
console.log("exit 3:", os.exec(["sh", "-c", "exit 3"]));
console.log("killed:", os.exec(["sh", "-c", "kill -TERM $$"]) === -os.SIGTERM);
try {
  os.exec(["/nonexistent/prog", "x"]);
} catch (e) {
  console.log(e.name, e.message, e.errno === os.ENOENT);
}
try {
  os.exec(["no-such-program-qjs"], { usePath: true });
} catch (e) {
  console.log(e.message);
}
try {
  os.exec(["sh"], { usePath: false });
} catch (e) {
  console.log("usePath false:", e.errno === os.ENOENT);
}
console.log("file:", os.exec(["whatever", "-c", "exit 7"], { file: "sh" }));

// stdout to a file, cwd, env
let fd = os.open(tmp + "/out.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644);
console.log("open ok:", fd > 2);
os.exec(["sh", "-c", "pwd; echo \"A=$A B=$B\"; echo err >&2"],
        { cwd: tmp, env: { A: "1", B: "two words" }, stdout: fd, stderr: fd });
os.close(fd);
console.log(std.loadFile(tmp + "/out.txt").replace(tmp, "<tmp>"));

// a pipe to a child's stdin, and back from its stdout
let [r1, w1] = os.pipe();
let [r2, w2] = os.pipe();
let pid = os.exec(["tr", "a-z", "A-Z"], { block: false, stdin: r1, stdout: w2 });
os.close(r1);
os.close(w2);
console.log("write:", os.write(w1, enc("hello pipe\n")));
os.close(w1);
let buf = new ArrayBuffer(64), n, out = "";
while ((n = os.read(r2, buf, 0, 64)) > 0)
  out += dec(buf, n);
os.close(r2);
console.log("tr:", JSON.stringify(out));
let [ret, status] = os.waitpid(pid);
console.log("waitpid:", ret === pid, status);
console.log("waitpid again:", os.waitpid(pid)[0] === -os.ECHILD);

// WNOHANG, kill
pid = os.exec(