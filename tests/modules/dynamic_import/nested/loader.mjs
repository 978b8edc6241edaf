export const importFromHere = (spec) => import(spec);
