Symbol.for('x').description + Object(Symbol.iterator).toString()
