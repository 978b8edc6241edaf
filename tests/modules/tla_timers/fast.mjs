console.log("fast: start");
await new Promise((r) => setTimeout(r, 1));
console.log("fast: after 1 ms");
export const fastDone = true;
