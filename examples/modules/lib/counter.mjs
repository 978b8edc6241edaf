// A default-exported class and a live `count` binding.
export let count = 0;

export function increment() {
    count++;
}

export function reset() {
    count = 0;
}

export default class Counter {
    #n = 0;
    constructor(name) {
        this.name = name;
    }
    add(k) {
        this.#n += k;
        increment();
    }
    toString() {
        return `Counter ${this.name}: ${this.#n} (shared count ${count})`;
    }
}
