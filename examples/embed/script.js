// script.js: the script that examples/embed/host.c embeds, compiled by
// qjsc (--no-main) into a C array. It uses what the host defines
// (nativeSum, the C-backed Vec2 class) and defines functions the host calls.
console.log("script: loaded, host says", hostName);

function describe(name, values) {
    return `${name}: ${values.length} values, sum ${nativeSum(...values)}`;
}

function vectors() {
    const a = Vec2(3, 4);
    const b = Vec2(1, 2);
    const c = a.add(b);
    return [String(a), a.length(), String(c), c instanceof Vec2, Object.keys(a).length].join(" | ");
}

function check(x) {
    if (x <= 0)
        throw new RangeError(`x must be positive, got ${x}`);
    return Math.sqrt(x);
}

async function later(ms, value) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    console.log("script: timer fired after", ms, "ms");
    return { doubled: value * 2 };
}
