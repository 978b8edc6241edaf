// A default-exported anonymous function expression.
export default function (who) {
    return `Hello from ${who}!`;
}
