//module
// import.meta: url is the module's file:// URL (absolute path), main is
// true only in the program's main module; one object per module.
import { meta as depMeta, url as depUrl } from "./sub dir/dep.mjs";
const here = import.meta.url;
console.log("scheme:", here.startsWith("file:///"));
console.log("main url ends:", here.endsWith("/tests/modules/import_meta/main.mjs"));
console.log("dep url ends:", depUrl.endsWith("/tests/modules/import_meta/sub%20dir/dep.mjs"));
console.log("main:", import.meta.main, "in the dependency:", depMeta.main);
console.log("same object each time:", import.meta === import.meta, "distinct per module:", import.meta !== depMeta);
console.log("prototype:", Object.getPrototypeOf(import.meta));
