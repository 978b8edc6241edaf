module.exports = [
  __filename.split("/").slice(-2).join("/"),
  __dirname.split("/").pop(),
  typeof require.resolve,
  module.id === __filename,
  module.filename === __filename,
  this === module.exports,
];
