new Int32Array(new ArrayBuffer(16, { maxByteLength: 64 })).subarray(1).fill(7)
