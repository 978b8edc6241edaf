console.log("lazy evaluated");
export const value = "lazy value";
