// Where this runtime differs from Node by design (docs/modules.md): the
// "qjs" condition, the "node" condition not matched, module syntax
// detection in a package without "type" (Node 20 needs a flag).
import fromQjs from "cond";
import other from "cond/other";
import { detected } from "detect";

console.log(fromQjs, "|", other);
console.log(detected);
