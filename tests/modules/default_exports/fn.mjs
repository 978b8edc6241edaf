export default function greet() { return "hi"; }
export function helper() { return "helper"; }
