throw new Error("from stdin");
