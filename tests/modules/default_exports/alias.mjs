const local = "aliased value";
export { local as default, local };
