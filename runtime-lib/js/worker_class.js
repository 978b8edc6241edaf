// The os.Worker class (runtime-lib/worker.c): a class whose constructor
// calls the native make with new.target's prototype (the public API makes
// no native constructors).
(make) => class Worker { constructor(moduleFilename) {
  return make(moduleFilename, new.target.prototype); } }
