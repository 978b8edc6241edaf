export const own = "own #import";
