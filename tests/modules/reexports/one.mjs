export const one = 1;
export const original = "orig";
export const clash = "from one";
