using x = { [Symbol.dispose]() {} }
