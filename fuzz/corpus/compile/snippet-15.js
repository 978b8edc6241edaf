Object.defineProperty([], 'length', { value: 2 ** 32 - 1 })
