// Runs the WHATWG URL conformance data of web-platform-tests
// (../shared/wpt/url/: urltestdata.json, setters_tests.json,
// urlencoded-parser-data.json) against URL and URLSearchParams, prints
// the counts of each file and every failure, and exits 1 if any failed
// other than those listed in KNOWN.
//   usage: qjs tests/wpt/url.js DIR
const dir = scriptArgs[1];
// The files disagree on one rule of the standard, which changed between
// the wpt commits they were taken at: urltestdata.json and the hash setter
// data want the trailing spaces of an opaque path dropped before "?" and
// "#" ("non-special:opaque  ?hi" is "non-special:opaque?hi"), while these
// four search setter tests expect the last such space kept as "%20". No
// parser passes both; this one follows urltestdata.json.
const KNOWN = new Set([
    'search = "" on "data:space ?query"',
    'search = "" on "sc:space ?query"',
    'search = "" on "data:space  ?query#fragment"',
    'search = "" on "sc:space  ?query#fragment"',
]);
let known = 0;
const load = (name) => {
    const text = std.loadFile(dir + '/' + name);
    if (text === null)
        throw new Error('cannot read ' + dir + '/' + name);
    return JSON.parse(text);
};
const q = (v) => JSON.stringify(v);
let failed = 0;
function report(file, pass, fail, failures) {
    console.log(`${file}: ${pass} passed, ${fail} failed`);
    for (const f of failures)
        console.log('  FAIL ' + f);
    failed += fail;
}

// urltestdata.json
{
    let pass = 0, fail = 0;
    const failures = [];
    const props = ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
    for (const t of load('urltestdata.json')) {
        if (typeof t === 'string')
            continue;
        const base = t.base === null ? undefined : t.base;
        const what = `${q(t.input)} against ${q(t.base)}`;
        let problem = null;
        try {
            if (t.failure) {
                let threw = false;
                try {
                    new URL(t.input, base);
                } catch (e) {
                    threw = e instanceof TypeError;
                }
                if (!threw)
                    problem = 'parsed, expected failure';
                else if (URL.canParse(t.input, base) || URL.parse(t.input, base) !== null)
                    problem = 'canParse/parse disagree';
            } else {
                const url = new URL(t.input, base);
                for (const p of props)
                    if (url[p] !== t[p]) {
                        problem = `${p} is ${q(url[p])}, expected ${q(t[p])}`;
                        break;
                    }
                if (!problem && 'origin' in t && url.origin !== t.origin)
                    problem = `origin is ${q(url.origin)}, expected ${q(t.origin)}`;
                if (!problem && 'searchParams' in t && url.searchParams.toString() !== t.searchParams)
                    problem = `searchParams is ${q(url.searchParams.toString())}, expected ${q(t.searchParams)}`;
                if (!problem && !URL.canParse(t.input, base))
                    problem = 'canParse false';
            }
        } catch (e) {
            problem = 'threw ' + e;
        }
        if (problem) {
            fail++;
            failures.push(`${what}: ${problem}`);
        } else {
            pass++;
        }
    }
    report('urltestdata.json', pass, fail, failures);
}

// setters_tests.json
{
    let pass = 0, fail = 0;
    const failures = [];
    const data = load('setters_tests.json');
    for (const attr of Object.keys(data)) {
        if (attr === 'comment')
            continue;
        for (const t of data[attr]) {
            let problem = null;
            try {
                const url = new URL(t.href);
                url[attr] = t.new_value;
                for (const [k, v] of Object.entries(t.expected))
                    if (url[k] !== v) {
                        problem = `${k} is ${q(url[k])}, expected ${q(v)}`;
                        break;
                    }
            } catch (e) {
                problem = 'threw ' + e;
            }
            const name = `${attr} = ${q(t.new_value)} on ${q(t.href)}`;
            if (problem && KNOWN.has(name)) {
                known++;
                fail++;
                failures.push(`${name}: ${problem} (known: see KNOWN)`);
            } else if (problem) {
                fail++;
                failures.push(`${name}: ${problem}`);
            } else {
                pass++;
            }
        }
    }
    report('setters_tests.json', pass, fail, failures);
}

// urlencoded-parser-data.json
{
    let pass = 0, fail = 0;
    const failures = [];
    for (const t of load('urlencoded-parser-data.json')) {
        const got = [...new URLSearchParams(t.input)];
        if (q(got) === q(t.output)) {
            pass++;
        } else {
            fail++;
            failures.push(`${q(t.input)}: ${q(got)}, expected ${q(t.output)}`);
        }
    }
    report('urlencoded-parser-data.json', pass, fail, failures);
}

if (failed > known)
    std.exit(1);
