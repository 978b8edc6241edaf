// Atomics on shared and unshared integer typed arrays (expected output from node).
const sab = new SharedArrayBuffer(16);
const ia = new Int32Array(sab);
console.log(Atomics.add(ia, 0, 5), Atomics.load(ia, 0), Atomics.sub(ia,0,2), Atomics.exchange(ia,0,9), Atomics.compareExchange(ia,0,9,1), ia[0]);
console.log(Atomics.store(ia, 1, -0), Atomics.store(ia,1,3.7), ia[1], Atomics.or(ia,1,4), Atomics.and(ia,1,6), Atomics.xor(ia,1,1), ia[1]);
const u8 = new Uint8Array(4); console.log(Atomics.add(u8, 0, 300), u8[0]);
const b = new BigInt64Array(sab); console.log(Atomics.add(b, 1, 5n), Atomics.store(b, 1, 2n**64n+1n), b[1]);
console.log(Atomics.wait(ia, 0, 42), Atomics.wait(ia, 0, 1, 10), Atomics.notify(ia, 0), Atomics.isLockFree(4), String(Atomics));
try { Atomics.wait(new Int32Array(4), 0, 0, 0) } catch (e) { console.log(e.name) }
try { Atomics.add(new Float64Array(4), 0, 0) } catch (e) { console.log(e.name) }
try { Atomics.store(new Int8Array(2), 5, 1) } catch (e) { console.log(e.name) }
const grow = new SharedArrayBuffer(4, { maxByteLength: 16 });
grow.grow(8);
const g = new Int32Array(grow);
console.log(g.length, Atomics.add(g, 1, 7), Atomics.load(g, 1), Atomics.notify(g, 1, 1));
