async function f() { for await (const x of [1, Promise.resolve(2)]) print(x) } f()
