// One shape: exported as an object.
export const circle = {
    name: "circle",
    area(r) {
        return Math.PI * r * r;
    },
};
