with ({ x: 1 }) { eval('var y = x + 1') } typeof y
