export const c = 'c';
export default function () { return c.toUpperCase(); }
