export function alpha() { return "alpha called"; }
export const beta = 2;
export let gamma = "g";
export default "the default";
