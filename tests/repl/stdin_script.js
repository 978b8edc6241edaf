console.log("script from stdin", scriptArgs);
setTimeout(() => console.log(1 + 2), 5);
