with ({ x: 0ˆ }) { eval('var y = x + 1') } typeof y
