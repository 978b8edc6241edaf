[3, 1, 2].sort((a, b) => a - b).map(String).join().padStart(10, '*')
