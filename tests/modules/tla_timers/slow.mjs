console.log("slow: start");
Promise.resolve().then(() => console.log("slow: microtask before its timer"));
await new Promise((r) => setTimeout(r, 30));
console.log("slow: after 30 ms");
export const slowDone = true;
