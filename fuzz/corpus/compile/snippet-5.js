label: for (var i = 0; i < 3; i++) { try { continue label } finally { i++ } }
