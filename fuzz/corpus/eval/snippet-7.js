new Proxy({}, { get: (t, k) => k }).foo + Reflect.ownKeys({ a: 1, [Symbol()]: 2 }).length
