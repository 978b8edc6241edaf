export const meta = import.meta;
export const url = import.meta.url;
