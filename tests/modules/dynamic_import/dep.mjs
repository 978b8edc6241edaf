let n = 0;
n++;
export const evaluations = () => n;
