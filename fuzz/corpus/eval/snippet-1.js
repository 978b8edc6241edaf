function* g() { yield* [1, 2]; return yield 3 } for (const x of g()) print(x)
