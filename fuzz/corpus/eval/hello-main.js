// A small program: closures, objects, JSON, sorting and number formatting.
function makeCounter() {
    let n = 0;
    return () => ++n;
}
const next = makeCounter();
next();
next();

const people = [
    { name: "Ada", born: 1815 },
    { name: "Grace", born: 1906 },
    { name: "Alan", born: 1912 },
];
people.sort((a, b) => b.born - a.born);

console.log("Hello from qjsc!");
console.log("counter:", next());
console.log("youngest first:", people.map(p => p.name).join(", "));
console.log("json:", JSON.stringify({ people, total: people.length }));
console.log("pi:", Math.PI.toFixed(5), (0.1 + 0.2).toString(), (255).toString(16));
