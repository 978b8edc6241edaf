class A { #x = 1; static #y; get x() { return this.#x } static { A.#y = 2 } } new A().x
