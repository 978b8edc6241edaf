`a${1}b${`c${2}`}` + String.raw`\n${3}`
