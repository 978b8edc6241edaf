export const where = "nested/sibling.mjs";
