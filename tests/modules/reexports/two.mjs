export const two = 2;
export const clash = "from two";
