/* Unicode lookups over the generated tables (unicode_tables.c, and the
 * compressed ones of unicode_packdata.c, expanded on first use):
 * identifier and white-space classes, case mapping and folding,
 * normalization (NFC/NFD/NFKC/NFKD with algorithmic Hangul), and the
 * RegExp property sets. Nothing here allocates, collects or throws. */
#include "unicode.h"

#include <string.h>

#include "../lz/lz.h"
#include "unicode_tables.h"

/* The compressed tables (generated: build/unicode_lz.c). Each is expanded
 * once per process by the first thread that needs it (js_lz_table); the
 * case maps, which toLowerCase and RegExp /i reach character by character
 * in ordinary programs, are plain tables. */
extern JSLzTable js_uni_ident_lz, js_uni_norm_lz, js_uni_props_lz, js_uni_strings_lz;

static const UniNormTables *norm_tables(void)
{
    return js_lz_table(&js_uni_norm_lz, sizeof(UniNormTables));
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ range sets */

/* Binary search over half-open [start, end) pairs. */
static bool ranges_contain(const uint32_t *r, size_t count, uint32_t c)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < r[2 * mid])
            hi = mid;
        else if (c >= r[2 * mid + 1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* -------------------------------------------------- identifiers, spaces */

/* Beyond ASCII, identifiers need the tables (only source text with a
 * non-ASCII identifier gets here). */
static const UniIdentTables *ident_tables(void)
{
    return js_lz_table(&js_uni_ident_lz, sizeof(UniIdentTables));
}

bool js_uni_is_id_start(uint32_t c)
{
    if (c < 128)
        return (c | 0x20) - 'a' < 26;
    const UniIdentTables *t = ident_tables();
    return ranges_contain(t->id_start, COUNT(t->id_start) / 2, c);
}

bool js_uni_is_id_continue(uint32_t c)
{
    if (c < 128)
        return (c | 0x20) - 'a' < 26 || c - '0' < 10 || c == '_';
    const UniIdentTables *t = ident_tables();
    return ranges_contain(t->id_continue, COUNT(t->id_continue) / 2, c);
}

bool js_uni_is_space(uint32_t c)
{
    if (c < 128)
        return c == ' ' || c == '\t' || c == 0x0B || c == 0x0C;
    if (c == 0xA0 || c == 0xFEFF)
        return true;
    if (c < 0x1680)
        return false;
    return ranges_contain(js_uni_tab_space_sep.ranges, js_uni_tab_space_sep.count,
                          c);
}

/* ---------------------------------------------------------- case mapping */

#define CP_MASK 0x1FFFFFu

/* Maps c through a table of delta runs (see unicode_tables.h); code
 * points outside every run map to themselves. */
static uint32_t run_map(const uint32_t (*t)[2], size_t n, uint32_t c)
{
    size_t lo = 0, hi = n;
    /* Find the last run whose start is <= c. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((t[mid][0] & CP_MASK) <= c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return c;
    const uint32_t *r = t[lo - 1];
    uint32_t start = r[0] & CP_MASK;
    uint32_t len = ((r[0] >> 21) & 0x3FF) + 1;
    uint32_t step = (r[0] >> 31) ? 2 : 1;
    uint32_t off = c - start;
    if (off % step != 0 || off / step >= len)
        return c;
    return (uint32_t)((int32_t)c + (int32_t)r[1]);
}

/* Looks c up in a SpecialCasing table; returns the row or NULL. */
static const uint32_t *special_find(const uint32_t (*t)[5], size_t n,
                                    uint32_t c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid][0] < c)
            lo = mid + 1;
        else if (t[mid][0] > c)
            hi = mid;
        else
            return t[mid];
    }
    return NULL;
}

static int special_copy(const uint32_t *row, uint32_t out[3])
{
    int n = (int)row[1];
    for (int i = 0; i < n; i++)
        out[i] = row[2 + i];
    return n;
}

int js_uni_to_upper(uint32_t c, uint32_t out[3])
{
    if (c < 128) {
        out[0] = c - 'a' < 26 ? c - 32 : c;
        return 1;
    }
    const uint32_t *row = special_find(js_uni_tab_special_upper,
                                       js_uni_tab_special_upper_len, c);
    if (row)
        return special_copy(row, out);
    out[0] = run_map(js_uni_tab_upper, js_uni_tab_upper_len, c);
    return 1;
}

int js_uni_to_lower(uint32_t c, uint32_t out[3])
{
    if (c < 128) {
        out[0] = c - 'A' < 26 ? c + 32 : c;
        return 1;
    }
    const uint32_t *row = special_find(js_uni_tab_special_lower,
                                       js_uni_tab_special_lower_len, c);
    if (row)
        return special_copy(row, out);
    out[0] = run_map(js_uni_tab_lower, js_uni_tab_lower_len, c);
    return 1;
}

uint32_t js_uni_simple_fold(uint32_t c)
{
    if (c < 128)
        return c - 'A' < 26 ? c + 32 : c;
    return run_map(js_uni_tab_fold, js_uni_tab_fold_len, c);
}

uint32_t js_uni_simple_upper(uint32_t c)
{
    if (c < 128)
        return c - 'a' < 26 ? c - 32 : c;
    return run_map(js_uni_tab_upper, js_uni_tab_upper_len, c);
}

/* --------------------------------------------------------- normalization */

enum {
    S_BASE = 0xAC00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11A7,
    L_COUNT = 19, V_COUNT = 21, T_COUNT = 28,
    N_COUNT = V_COUNT * T_COUNT, S_COUNT = L_COUNT * N_COUNT
};

/* The combining class of c in t (the tables start at U+0300). */
static uint8_t combining_class(const UniNormTables *t, uint32_t c)
{
    if (c < 0x300)
        return 0;
    size_t lo = 0, hi = COUNT(t->ccc);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t start = t->ccc[mid][0] & 0xFFFFFF;
        if (c < start)
            hi = mid;
        else if (c > t->ccc[mid][1])
            lo = mid + 1;
        else
            return (uint8_t)(t->ccc[mid][0] >> 24);
    }
    return 0;
}

uint8_t js_uni_combining_class(uint32_t c)
{
    return c < 0x300 ? 0 : combining_class(norm_tables(), c);
}

/* Index of c's decomposition in t->decomp_key, or -1. */
static long decomp_find(const UniNormTables *t, uint32_t c)
{
    size_t lo = 0, hi = COUNT(t->decomp_key);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t k = t->decomp_key[mid] & CP_MASK;
        if (k < c)
            lo = mid + 1;
        else if (k > c)
            hi = mid;
        else
            return (long)mid;
    }
    return -1;
}

typedef struct NormBuf {
    const UniNormTables *t;
    uint32_t *out;
    size_t cap;
    size_t len;          /* may run past cap: then only counted */
} NormBuf;

static void nb_put(NormBuf *b, uint32_t c)
{
    if (b->len < b->cap)
        b->out[b->len] = c;
    b->len++;
}

/* Appends the full (recursive) decomposition of c. Mappings nest at most
 * a few levels deep, so the recursion is bounded by the data. */
static void decompose(NormBuf *b, uint32_t c, bool compat)
{
    if (c - S_BASE < (uint32_t)S_COUNT) {
        uint32_t s = c - S_BASE;
        nb_put(b, L_BASE + s / N_COUNT);
        nb_put(b, V_BASE + (s % N_COUNT) / T_COUNT);
        if (s % T_COUNT)
            nb_put(b, T_BASE + s % T_COUNT);
        return;
    }
    long i = c < 0xC0 && !compat ? -1 : decomp_find(b->t, c);
    if (i < 0) {
        nb_put(b, c);
        return;
    }
    uint32_t key = b->t->decomp_key[i];
    if ((key >> 21 & 1) && !compat) {
        nb_put(b, c);
        return;
    }
    uint32_t n = key >> 24;
    const uint16_t *m = b->t->decomp_data + b->t->decomp_off[i];
    for (uint32_t k = 0; k < n; k++) {
        uint32_t u = m[k];
        /* the table is UTF-16: a surrogate pair is one code point */
        if (u >= 0xD800 && u < 0xDC00 && k + 1 < n)
            u = 0x10000 + ((u - 0xD800) << 10) + (m[++k] - 0xDC00);
        decompose(b, u, compat);
    }
}

/* Canonical ordering: a stable sort of every run of non-starters by
 * combining class (insertion sort; runs are short in real text). */
static void canonical_order(const UniNormTables *t, uint32_t *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint8_t cc = combining_class(t, s[i]);
        if (cc == 0)
            continue;
        size_t j = i;
        uint32_t c = s[i];
        while (j > 0) {
            uint8_t pc = combining_class(t, s[j - 1]);
            if (pc <= cc)
                break;
            s[j] = s[j - 1];
            j--;
        }
        s[j] = c;
    }
}

/* The primary composite of a + b, or 0. */
static uint32_t compose_pair(const UniNormTables *t, uint32_t a, uint32_t b)
{
    if (a - L_BASE < (uint32_t)L_COUNT && b - V_BASE < (uint32_t)V_COUNT)
        return S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT;
    if (a - S_BASE < (uint32_t)S_COUNT && (a - S_BASE) % T_COUNT == 0 &&
        b - T_BASE - 1 < (uint32_t)(T_COUNT - 1))
        return a + (b - T_BASE);
    size_t lo = 0, hi = COUNT(t->comp);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const uint32_t *e = t->comp[mid];
        if (e[0] < a || (e[0] == a && e[1] < b))
            lo = mid + 1;
        else if (e[0] == a && e[1] == b)
            return e[2];
        else
            hi = mid;
    }
    return 0;
}

/* Canonical composition in place; returns the new length. */
static size_t compose(const UniNormTables *t, uint32_t *s, size_t n)
{
    size_t w = 0;
    long starter = -1;
    uint8_t last_cc = 0;
    for (size_t r = 0; r < n; r++) {
        uint32_t c = s[r];
        uint8_t cc = combining_class(t, c);
        if (starter >= 0) {
            bool adjacent = (size_t)starter == w - 1;
            if (adjacent || (last_cc != 0 && last_cc < cc)) {
                uint32_t comp = compose_pair(t, s[starter], c);
                if (comp) {
                    s[starter] = comp;
                    continue;
                }
            }
        }
        if (cc == 0)
            starter = (long)w;
        s[w++] = c;
        last_cc = cc;
    }
    return w;
}

size_t js_uni_normalize(int form, const uint32_t *in, size_t n, uint32_t *out,
                     size_t cap)
{
    bool compat = form == UNI_NFKC || form == UNI_NFKD;
    /* Below U+00C0 (U+00A0 for the compatibility forms) no code point
     * decomposes, combines or has a combining class (unicode_tables.h),
     * so such text is its own normal form and needs no tables. */
    uint32_t plain = compat ? 0xA0 : 0xC0;
    size_t k = 0;
    while (k < n && in[k] < plain)
        k++;
    if (k == n) {
        if (n > 0 && n <= cap)      /* in may be NULL when n is 0 */
            memcpy(out, in, n * sizeof *in);
        return n;
    }
    NormBuf b = { norm_tables(), out, cap, 0 };
    for (size_t i = 0; i < n; i++) {
        uint32_t c = in[i];
        if (c < 0xC0 && (!compat || c < 0xA0))
            nb_put(&b, c);
        else
            decompose(&b, c, compat);
    }
    if (b.len > cap)
        return b.len;
    canonical_order(b.t, out, b.len);
    if (form == UNI_NFC || form == UNI_NFKC)
        return compose(b.t, out, b.len);
    return b.len;
}

/* ------------------------------------------------------- property escapes */

enum { KIND_LONE, KIND_GC, KIND_SC, KIND_SCX };

static int prop_cmp(const UniPropTables *t, int kind, const char *name, const UniPropName *e)
{
    if (kind != e->kind)
        return kind < e->kind ? -1 : 1;
    return strcmp(name, t->name_pool + e->name);
}

bool js_uni_property_set(const char *name, const char *value, UniPropSet *out)
{
    int kind;
    if (name == NULL)
        kind = KIND_LONE;
    else if (!strcmp(name, "General_Category") || !strcmp(name, "gc"))
        kind = KIND_GC;
    else if (!strcmp(name, "Script") || !strcmp(name, "sc"))
        kind = KIND_SC;
    else if (!strcmp(name, "Script_Extensions") || !strcmp(name, "scx"))
        kind = KIND_SCX;
    else
        return false;
    if (value == NULL)
        return false;
    const UniPropTables *t = js_lz_table(&js_uni_props_lz, sizeof(UniPropTables));
    size_t lo = 0, hi = COUNT(t->names);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = prop_cmp(t, kind, value, &t->names[mid]);
        if (d == 0) {
            const UniPropSetRef *r = &t->sets[t->names[mid].set];
            out->data = t->bytes + r->offset;
            out->count = r->count;
            return true;
        }
        if (d > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static uint32_t read_varint(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint32_t v = 0;
    int shift = 0;
    for (;;) {
        uint8_t b = *p++;
        v |= (uint32_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            break;
        shift += 7;
    }
    *pp = p;
    return v;
}

void js_uni_set_iter_init(UniSetIter *it, const UniPropSet *s)
{
    it->p = s->data;
    it->left = s->count;
    it->end = 0;
}

bool js_uni_set_iter_next(UniSetIter *it, uint32_t *start, uint32_t *end)
{
    if (it->left == 0)
        return false;
    it->left--;
    *start = it->end + read_varint(&it->p);
    *end = *start + read_varint(&it->p) + 1;
    it->end = *end;
    return true;
}

bool js_uni_prop_set_contains(const UniPropSet *s, uint32_t c)
{
    UniSetIter it;
    uint32_t b, e;
    js_uni_set_iter_init(&it, s);
    while (js_uni_set_iter_next(&it, &b, &e)) {
        if (c < b)
            return false;
        if (c < e)
            return true;
    }
    return false;
}

bool js_uni_string_property(const char *name, UniStringIter *it)
{
    for (size_t i = 0; i < js_uni_tab_string_props_len; i++) {
        const UniStringProp *p = &js_uni_tab_string_props[i];
        if (!strcmp(name, p->name)) {
            const UniStringTables *t =
                js_lz_table(&js_uni_strings_lz, sizeof(UniStringTables));
            it->p = t->bytes + p->offset;
            it->left = p->count;
            it->len = 0;
            return true;
        }
    }
    return false;
}

bool js_uni_string_iter_next(UniStringIter *it)
{
    if (it->left == 0)
        return false;
    it->left--;
    const uint8_t *p = it->p;
    uint32_t shared = *p++, rest = *p++;
    /* The first string of each property shares nothing, so a read that
     * starts at any property's offset never needs the string before. */
    it->len = shared + rest;
    for (uint32_t i = shared; i < it->len; i++, p += 3)
        it->cps[i] = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
    it->p = p;
    return true;
}
