// Another shape, default-exported.
export default function square(side) {
    return side * side;
}
