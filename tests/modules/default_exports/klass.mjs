export default class { hello() { return "hello from a class"; } }
