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
pid = os.exec(["sleep", "5"], { block: false });
console.log("WNOHANG:", os.waitpid(pid, os.WNOHANG)[0]);
console.log("kill:", os.kill(pid, os.SIGKILL));
[ret, status] = os.waitpid(pid);
console.log("killed child:", ret === pid, status & 0x7f);
console.log("kill no such:", os.kill(2147483647, 0) === -os.ESRCH);

// files: read/write with offsets, seek, dup, dup2
fd = os.open(tmp + "/f.bin", os.O_RDWR | os.O_CREAT | os.O_TRUNC);
console.log("write part:", os.write(fd, enc("xxabcdefyy"), 2, 6));
console.log("seek:", os.seek(fd, 0, std.SEEK_SET), os.seek(fd, 0, os.SEEK_END));
os.seek(fd, 1, os.SEEK_SET);
buf = new ArrayBuffer(8);
n = os.read(fd, buf, 4, 4);
console.log("read part:", n, JSON.stringify(dec(buf, 8).replace(/\0/g, ".")));
const fd2 = os.dup(fd);
console.log("dup:", fd2 > fd, os.seek(fd2, 0, os.SEEK_CUR));
const fd3 = os.open("/dev/null", os.O_RDONLY);
console.log("dup2:", os.dup2(fd, fd3) === fd3, os.seek(fd3, 0, os.SEEK_CUR));
console.log("close:", os.close(fd), os.close(fd2), os.close(fd3));
console.log("open missing:", os.open(tmp + "/nope", os.O_RDONLY) === -os.ENOENT);
console.log("open excl:", os.open(tmp + "/f.bin", os.O_WRONLY | os.O_CREAT | os.O_EXCL) === -os.EEXIST);
console.log("isatty:", os.isatty(fd), os.ttyGetWinSize(99));

// links and times
console.log("symlink:", os.symlink("f.bin", tmp + "/link"));
console.log("readlink:", os.readlink(tmp + "/link"));
console.log("readlink bad:", os.readlink(tmp + "/f.bin")[1] === os.EINVAL);
console.log("utimes:", os.utimes(tmp + "/f.bin", 1000000000000, 1234567890123));
const [st] = os.stat(tmp + "/f.bin");
console.log("times:", st.atime, st.mtime);

// bad input
const errs = [
  () => os.read(-1, new ArrayBuffer(1)),
  () => os.read(0, new ArrayBuffer(4), 2, 3),
  () => os.write(1, "not a buffer"),
  () => os.close("x"),
  () => os.kill(1, 99),
  () => os.signal(0, null),
  () => os.signal(os.SIGKILL, () => {}),
  () => os.signal(os.SIGINT, 42),
  () => os.exec([]),
  () => os.exec("ls"),
  () => os.exec(["true"], { stdout: 12345 }),
  () => os.setReadHandler(12345, () => {}),
  () => os.setWriteHandler(1.5, () => {}),
];
for (const f of errs) {
  try { f(); console.log("no error"); } catch (e) { console.log(String(e)); }
}
console.log("bad fd:", os.read(12345, new ArrayBuffer(1)) === -os.EBADF,
            os.close(12345) === -os.EBADF, os.dup(12345) === -os.EBADF);

for (const f of ["out.txt", "f.bin", "link"]) os.remove(tmp + "/" + f);
console.log("cleanup:", os.remove(tmp));
console.log("constants:", typeof os.O_APPEND, os.SIGINT, os.SIGTERM, os.SIGCHLD > 0, os.WNOHANG);
