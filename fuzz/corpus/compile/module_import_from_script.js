// import() from a classic script: resolved against the script's folder;
// the native modules by name; the same module instance on every import;
// import.meta is a SyntaxError in a script.
import("../modules/relative_imports/lib/math.mjs").then(async (math) => {
    print("add:", math.add(1, 2), "loads:", math.loads());
    const again = await import("../modules/relative_imports/lib/../lib/math.mjs");
    print("same namespace:", again === math);
    const std = await import("std");
    print("std module:", std.sprintf("%d-%s", 7, "x"), std.sprintf === globalThis.std.sprintf);
    const { default: data } = await import("../modules/json/config.json", { with: { type: "json" } });
    print("json:", data.name);
    try {
        (0, eval)("import.meta");
    } catch (e) {
        print("import.meta in a script:", e.constructor.name);
    }
});
print("script body done");
