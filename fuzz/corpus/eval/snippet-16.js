BigInt.asUintN(64, -1n) * 3n ** 40n / 7n % 5n
