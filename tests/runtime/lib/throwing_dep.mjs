console.log("dependency starts");
setTimeout(() => console.log("never printed: timer"), 0);
Promise.resolve().then(() => console.log("never printed: job"));
throw new TypeError("dependency failed");
