const a = require('./a.js');
exports.seenA = 'b saw a.name = ' + a.name;
