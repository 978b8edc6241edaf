// import() from a CommonJS module, and require() of a name computed at run time
module.exports.importExp = () => import("exp");
module.exports.requireComputed = (name) => require(name);
