module.exports = { two: 2, label: "dep two" };
