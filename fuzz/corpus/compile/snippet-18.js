Array.from({ length: 3 }, (_, i) => i).toSorted().with(0, 9).findLast(x => x)
