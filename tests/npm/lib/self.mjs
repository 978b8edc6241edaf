export const self = "self-reference ok";
