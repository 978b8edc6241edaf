/* The String constructor (ECMA-262 22.1), String.fromCharCode,
 * fromCodePoint and raw, String.prototype methods that do not need the
 * RegExp engine (case mapping, normalization, padding, trimming, ...),
 * the Annex B methods, and %StringIteratorPrototype%. The methods that
 * dispatch to RegExp (match, replace, split, ...) are in string_regexp.c. */
#include <math.h>
#include "../fmath/fmath.h"
#include "string_int.h"
#include "wrapper.h"
#include "../conv.h"
#include "../unicode/unicode.h"
#include "builtin_list.h"

#define FN(name, len, f, m) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, m, { .fn = f } }
/* Argument i; argv only has `length` entries guaranteed. */
#define ARG(i) ((i) < argc ? argv[i] : JS_UNDEFINED)

/* RequireObjectCoercible(this) then ToString. */
static JSValue this_to_string(JSContext *ctx, JSValue this_val, const char *name)
{
    if (js_is_string(this_val))
        return this_val;
    if (js_is_nullish(this_val))
        return js_throw_type_error(ctx, "String.prototype.%s called on null or undefined", name);
    return js_to_string(ctx, this_val);
}

/* ToIntegerOrInfinity(v) clamped to [0, len]. */
static int clamped_pos(JSContext *ctx, JSValue v, uint32_t len, uint32_t *out)
{
    double d;
    if (js_is_int(v)) {
        d = js_get_int(v);
    } else if (js_to_int_or_infinity(ctx, &d, v)) {
        return -1;
    }
    *out = d < 0 ? 0 : d > len ? len : (uint32_t)d;
    return 0;
}

bool js_string_is_trim_space(uint32_t c)
{
    if (c < 128)
        return c == ' ' || (c >= 9 && c <= 13);
    return c == 0x2028 || c == 0x2029 || js_uni_is_space(c);
}

static bool is_lead(uint32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
static bool is_trail(uint32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

/* ---- the constructor ---- */

JSValue js_string_wrapper_create(JSContext *ctx, JSValue str, JSValue proto)
{
    JSRoot rp, ro;
    JSValue o;
    js_root_push(ctx, &rp, proto);
    o = js_new_primitive_wrapper(ctx, JS_CLASS_STRING, str);
    if (js_is_exception(o))
        return o;
    js_root_push(ctx, &ro, o);
    if (js_is_object(rp.v) && rp.v != ctx->class_proto[JS_CLASS_STRING] &&
        js_set_prototype_of(ctx, o, rp.v, JS_THROW) < 0)
        return JS_EXCEPTION;
    js_root_pop(ctx, &rp);
    return o;
}

/* SymbolDescriptiveString */
static JSValue symbol_descriptive_string(JSContext *ctx, JSValue sym)
{
    StringBuffer sb;
    JSValue desc = JS_VALUE_GET_SYMBOL(sym)->description;
    js_sb_init(ctx, &sb, 16);
    js_sb_put_cstr(&sb, "Symbol(");
    if (js_is_string(desc))
        js_sb_put_string(&sb, desc);
    js_sb_putc(&sb, ')');
    return js_sb_finish(&sb);
}

static JSValue string_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSValue s, proto;
    JSRoot r;
    if (argc == 0)
        s = js_atom_to_value(ctx, JS_ATOM_empty_string);
    else if (js_is_undefined(new_target) && js_is_symbol(argv[0]))
        return symbol_descriptive_string(ctx, argv[0]);
    else
        s = js_to_string(ctx, argv[0]);
    if (js_is_exception(s) || js_is_undefined(new_target))
        return s;
    js_root_push(ctx, &r, s);
    proto = js_get_prototype_from_ctor(ctx, new_target, JS_CLASS_STRING);
    if (js_is_exception(proto))
        return proto;
    return js_string_wrapper_create(ctx, r.v, proto);
}

static JSValue string_from_char_code(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    StringBuffer sb;
    uint32_t u;
    int i;
    if (argc == 1 && js_is_int(argv[0]))
        return js_new_string_char(ctx, (uint16_t)js_get_int(argv[0]));
    js_sb_init(ctx, &sb, (uint32_t)argc);
    for (i = 0; i < argc; i++) {
        if (js_to_uint32(ctx, &u, argv[i])) {
            js_sb_free(&sb);
            return JS_EXCEPTION;
        }
        js_sb_putc(&sb, u & 0xFFFF);
    }
    return js_sb_finish(&sb);
}

static JSValue string_from_code_point(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    StringBuffer sb;
    double d;
    int i;
    js_sb_init(ctx, &sb, (uint32_t)argc);
    for (i = 0; i < argc; i++) {
        if (js_to_number(ctx, &d, argv[i]))
            goto fail;
        if (!(d >= 0 && d <= 0x10FFFF) || js_trunc(d) != d) {
            js_throw_range_error(ctx, "Invalid code point");
            goto fail;
        }
        js_sb_putc(&sb, (uint32_t)d);
    }
    return js_sb_finish(&sb);
fail:
    js_sb_free(&sb);
    return JS_EXCEPTION;
}

static JSValue string_raw(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rl;
    StringBuffer sb;
    JSValue v;
    int64_t n, i;
    v = js_to_object(ctx, argv[0]);
    if (js_is_exception(v))
        return v;
    v = js_get_property(ctx, v, JS_ATOM_raw);
    if (js_is_exception(v))
        return v;
    v = js_to_object(ctx, v);
    if (js_is_exception(v))
        return v;
    js_root_push(ctx, &rl, v);
    if (js_length_of_array_like(ctx, &n, v))
        return JS_EXCEPTION;
    if (n <= 0)
        return js_atom_to_value(ctx, JS_ATOM_empty_string);
    js_sb_init(ctx, &sb, 0);
    for (i = 0;; i++) {
        v = js_get_index(ctx, rl.v, i);
        if (js_is_exception(v) || js_sb_put_value(&sb, v))
            goto fail;
        if (i + 1 == n)
            break;
        if (i + 1 < argc && js_sb_put_value(&sb, argv[i + 1]))
            goto fail;
    }
    return js_sb_finish(&sb);
fail:
    js_sb_free(&sb);
    return JS_EXCEPTION;
}

/* ---- character access ---- */

/* at (0), charAt (1), charCodeAt (2), codePointAt (3) */
static JSValue string_char_access(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    static const char *const names[] = { "at", "charAt", "charCodeAt", "codePointAt" };
    JSRoot r;
    JSStringView v;
    JSValue s;
    double d;
    uint32_t len, k, c;
    s = this_to_string(ctx, this_val, names[magic]);
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &r, s);
    if (js_is_int(argv[0])) {
        d = js_get_int(argv[0]);
    } else if (js_to_int_or_infinity(ctx, &d, argv[0])) {
        return JS_EXCEPTION;
    }
    len = js_string_len(r.v);
    if (magic == 0 && d < 0)
        d += len;
    if (d < 0 || d >= len) {
        switch (magic) {
        case 1: return js_atom_to_value(ctx, JS_ATOM_empty_string);
        case 2: return js_double(NAN);
        default: return JS_UNDEFINED;
        }
    }
    k = (uint32_t)d;
    if (js_string_view(ctx, r.v, &v) < 0)
        return JS_EXCEPTION;
    c = js_view_char(&v, k);
    switch (magic) {
    case 2:
        return js_int((int32_t)c);
    case 3:
        return js_int((int32_t)js_view_codepoint_at(&v, k, &k));
    default:
        return js_new_string_char(ctx, (uint16_t)c);
    }
}

static JSValue string_concat(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot r;
    JSValue s, t;
    int i;
    s = this_to_string(ctx, this_val, "concat");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &r, s);
    for (i = 0; i < argc; i++) {
        t = js_to_string(ctx, argv[i]);
        if (js_is_exception(t))
            return t;
        t = js_string_concat(ctx, r.v, t);
        if (js_is_exception(t))
            return t;
        r.v = t;
    }
    return r.v;
}

/* Code units of a at pos equal those of b. */
static bool region_equal(const JSStringView *a, uint32_t pos, const JSStringView *b)
{
    if (!a->wide && !b->wide)
        return memcmp(a->u.latin1 + pos, b->u.latin1, b->len) == 0;
    for (uint32_t i = 0; i < b->len; i++) {
        if (js_view_char(a, pos + i) != js_view_char(b, i))
            return false;
    }
    return true;
}

/* startsWith (0), endsWith (1), includes (2) */
static JSValue string_search_bool(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    static const char *const names[] = { "startsWith", "endsWith", "includes" };
    JSRoot rs, rt;
    JSValue s, t;
    JSStringView ps, pt;
    uint32_t len, pos, start;
    int err = 0;
    s = this_to_string(ctx, this_val, names[magic]);
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    if (js_is_regexp(ctx, argv[0], &err))
        return js_throw_type_error(ctx, "First argument to String.prototype.%s must not be a regular expression", names[magic]);
    if (err)
        return JS_EXCEPTION;
    t = js_to_string(ctx, argv[0]);
    if (js_is_exception(t))
        return t;
    js_root_push(ctx, &rt, t);
    len = js_string_len(rs.v);
    if (magic == 1 && js_is_undefined(ARG(1)))
        pos = len;
    else if (clamped_pos(ctx, ARG(1), len, &pos))
        return JS_EXCEPTION;
    if (magic == 2)
        return js_bool(js_string_index_of(ctx, rs.v, rt.v, pos) >= 0);
    /* both rooted: the first view survives the second */
    if (js_string_view(ctx, rs.v, &ps) < 0 || js_string_view(ctx, rt.v, &pt) < 0)
        return JS_EXCEPTION;
    if (magic == 0) {
        if ((uint64_t)pos + pt.len > len)
            return JS_FALSE;
        return js_bool(region_equal(&ps, pos, &pt));
    }
    if (pt.len > pos)
        return JS_FALSE;
    start = pos - pt.len;
    return js_bool(region_equal(&ps, start, &pt));
}

static JSValue string_index_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rs, rt;
    JSValue s, t;
    uint32_t pos;
    s = this_to_string(ctx, this_val, "indexOf");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    t = js_to_string(ctx, argv[0]);
    if (js_is_exception(t))
        return t;
    js_root_push(ctx, &rt, t);
    if (clamped_pos(ctx, ARG(1), js_string_len(rs.v), &pos))
        return JS_EXCEPTION;
    return js_number((double)js_string_index_of(ctx, rs.v, rt.v, pos));
}

static JSValue string_last_index_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rs, rt;
    JSValue s, t;
    JSStringView ps, pt;
    double d;
    uint32_t len, start;
    int64_t i;
    s = this_to_string(ctx, this_val, "lastIndexOf");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    t = js_to_string(ctx, argv[0]);
    if (js_is_exception(t))
        return t;
    js_root_push(ctx, &rt, t);
    if (js_to_number(ctx, &d, ARG(1)))
        return JS_EXCEPTION;
    len = js_string_len(rs.v);
    if (isnan(d))
        start = len;
    else {
        d = js_trunc(d);
        start = d < 0 ? 0 : d > len ? len : (uint32_t)d;
    }
    if (js_string_view(ctx, rs.v, &ps) < 0 || js_string_view(ctx, rt.v, &pt) < 0)
        return JS_EXCEPTION;
    if (pt.len > len)
        return js_int(-1);
    i = start < len - pt.len ? start : len - pt.len;
    for (; i >= 0; i--) {
        if (region_equal(&ps, (uint32_t)i, &pt))
            return js_number((double)i);
    }
    return js_int(-1);
}

/* isWellFormed (0) and toWellFormed (1) */
static JSValue string_well_formed(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot r;
    JSValue s;
    JSString *p;
    StringBuffer sb;
    uint32_t i, len, c;
    s = this_to_string(ctx, this_val, magic ? "toWellFormed" : "isWellFormed");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &r, s);
    p = js_string_flatten(ctx, s);
    if (!p)
        return JS_EXCEPTION;
    len = p->len;
    if (!js_flat_is_wide(p))
        return magic ? r.v : JS_TRUE;
    for (i = 0; i < len; i++) {
        c = p->u.wide[i];
        if (is_lead(c) && i + 1 < len && is_trail(p->u.wide[i + 1])) {
            i++;
            continue;
        }
        if (is_lead(c) || is_trail(c))
            break;
    }
    if (i >= len)
        return magic ? r.v : JS_TRUE;
    if (!magic)
        return JS_FALSE;
    js_sb_init(ctx, &sb, len);
    js_sb_put_utf16(&sb, p->u.wide, i);
    for (; i < len; i++) {
        c = p->u.wide[i];
        if (is_lead(c) && i + 1 < len && is_trail(p->u.wide[i + 1])) {
            js_sb_putc(&sb, c);
            js_sb_putc(&sb, p->u.wide[++i]);
        } else if (is_lead(c) || is_trail(c)) {
            js_sb_putc(&sb, 0xFFFD);
        } else {
            js_sb_putc(&sb, c);
        }
    }
    return js_sb_finish(&sb);
}

/* Reads the code points of flat p into a malloc'ed array. */
static uint32_t *to_code_points(JSContext *ctx, const JSString *p, size_t *n_out)
{
    uint32_t *cps = js_malloc(ctx, sizeof(uint32_t) * (p->len + 1));
    uint32_t i = 0, units;
    size_t n = 0;
    if (!cps)
        return NULL;
    while (i < p->len) {
        cps[n++] = js_flat_codepoint_at(p, i, &units);
        i += units;
    }
    *n_out = n;
    return cps;
}

/* Normalizes flat p into a new malloc'ed code point array of *cap_out
 * entries (free with that size), *n_out of them used. */
static uint32_t *normalize_cps(JSContext *ctx, int form, const JSString *p, size_t *n_out,
                               size_t *cap_out)
{
    size_t n, cap, need;
    const JSBuiltinFamily *nf = js_builtin_family_table[JS_FAMILY_normalize];
    if (!nf) {  /* qjsc --builtins auto left the tables out */
        js_throw_left_out(ctx, "Unicode normalization");
        return NULL;
    }
    uint32_t *in = to_code_points(ctx, p, &n), *out;
    if (!in)
        return NULL;
    cap = n + 16;
    for (;;) {
        out = js_malloc(ctx, sizeof(uint32_t) * cap);
        if (!out)
            break;
        need = nf->normalize(form, in, n, out, cap);
        if (need <= cap) {
            *n_out = need;
            *cap_out = cap;
            break;
        }
        js_free(ctx->rt, out, sizeof(uint32_t) * cap);
        cap = need;
    }
    js_free(ctx->rt, in, sizeof(uint32_t) * (p->len + 1));
    return out;
}

static JSValue string_locale_compare(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rs, rt;
    JSValue s, t;
    JSString *ps, *pt;
    uint32_t *a, *b;
    size_t na, nb, ca, cb, i;
    int r = 0;
    s = this_to_string(ctx, this_val, "localeCompare");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    t = js_to_string(ctx, argv[0]);
    if (js_is_exception(t))
        return t;
    js_root_push(ctx, &rt, t);
    ps = js_string_flatten(ctx, rs.v);
    pt = ps ? js_string_flatten(ctx, rt.v) : NULL;
    if (!pt)
        return JS_EXCEPTION;
    if (!js_flat_is_wide(ps) && !js_flat_is_wide(pt)) {
        r = js_string_compare(ctx, rs.v, rt.v);
        return js_int(r < 0 ? -1 : r > 0);
    }
    /* Canonically equivalent strings compare equal: compare the NFD forms
     * by code point. */
    a = normalize_cps(ctx, UNI_NFD, ps, &na, &ca);
    if (!a)
        return JS_EXCEPTION;
    b = normalize_cps(ctx, UNI_NFD, pt, &nb, &cb);
    if (!b) {
        js_free(ctx->rt, a, sizeof(uint32_t) * ca);
        return JS_EXCEPTION;
    }
    for (i = 0; i < na && i < nb; i++) {
        if (a[i] != b[i]) {
            r = a[i] < b[i] ? -1 : 1;
            break;
        }
    }
    if (r == 0 && na != nb)
        r = na < nb ? -1 : 1;
    js_free(ctx->rt, a, sizeof(uint32_t) * ca);
    js_free(ctx->rt, b, sizeof(uint32_t) * cb);
    return js_int(r);
}

static JSValue string_normalize(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    static const char *const forms[] = { "NFC", "NFD", "NFKC", "NFKD" };
    JSRoot r;
    JSValue s, f;
    JSString *p;
    StringBuffer sb;
    uint32_t *cps;
    size_t n, cap, i;
    int form = UNI_NFC;
    s = this_to_string(ctx, this_val, "normalize");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &r, s);
    if (!js_is_undefined(ARG(0))) {
        char buf[8];
        JSString *pf;
        f = js_to_string(ctx, ARG(0));
        if (js_is_exception(f))
            return f;
        pf = js_string_flatten(ctx, f);
        if (!pf)
            return JS_EXCEPTION;
        form = -1;
        if (pf->len <= 4) {
            for (i = 0; i < pf->len; i++)
                buf[i] = (char)(js_flat_char(pf, (uint32_t)i) < 128 ? js_flat_char(pf, (uint32_t)i) : '?');
            buf[pf->len] = 0;
            for (i = 0; i < 4; i++) {
                if (!strcmp(buf, forms[i]))
                    form = (int)i;
            }
        }
        if (form < 0)
            return js_throw_range_error(ctx, "The normalization form should be one of NFC, NFD, NFKC, NFKD.");
    }
    p = js_string_flatten(ctx, r.v);
    if (!p)
        return JS_EXCEPTION;
    if (!js_flat_is_wide(p)) {
        /* ASCII is invariant under every form; Latin-1 only under NFC/NFD
         * partly: check quickly for pure ASCII. */
        for (i = 0; i < p->len && p->u.latin1[i] < 0x80; i++)
            ;
        if (i == p->len)
            return r.v;
    }
    cps = normalize_cps(ctx, form, p, &n, &cap);
    if (!cps)
        return JS_EXCEPTION;
    js_sb_init(ctx, &sb, (uint32_t)n);
    for (i = 0; i < n; i++)
        js_sb_putc(&sb, cps[i]);
    js_free(ctx->rt, cps, sizeof(uint32_t) * cap);
    return js_sb_finish(&sb);
}

/* padStart (0) and padEnd (1) */
static JSValue string_pad(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rs, rf;
    JSValue s, fill;
    StringBuffer sb;
    int64_t max_len;
    uint32_t len, fill_len, need;
    s = this_to_string(ctx, this_val, magic ? "padEnd" : "padStart");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    if (js_to_length(ctx, &max_len, argv[0]))
        return JS_EXCEPTION;
    len = js_string_len(rs.v);
    if (max_len <= len)
        return rs.v;
    if (js_is_undefined(ARG(1))) {
        fill = js_new_string_char(ctx, ' ');
    } else {
        fill = js_to_string(ctx, ARG(1));
    }
    if (js_is_exception(fill))
        return fill;
    js_root_push(ctx, &rf, fill);
    fill_len = js_string_len(fill);
    if (fill_len == 0)
        return rs.v;
    if (max_len > JS_STRING_MAX_LEN)
        return js_throw_range_error(ctx, "Invalid string length");
    need = (uint32_t)max_len - len;
    js_sb_init(ctx, &sb, (uint32_t)max_len);
    if (magic)
        js_sb_put_string(&sb, rs.v);
    while (need > 0) {
        uint32_t n = need < fill_len ? need : fill_len;
        js_sb_put_substring(&sb, rf.v, 0, n);
        need -= n;
    }
    if (!magic)
        js_sb_put_string(&sb, rs.v);
    return js_sb_finish(&sb);
}

static JSValue string_repeat(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rs;
    JSValue s;
    StringBuffer sb;
    double n;
    uint32_t len, i;
    s = this_to_string(ctx, this_val, "repeat");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    if (js_to_int_or_infinity(ctx, &n, argv[0]))
        return JS_EXCEPTION;
    if (n < 0 || n == INFINITY)
        return js_throw_range_error(ctx, "Invalid count value: %g", n);
    len = js_string_len(rs.v);
    if (n == 0 || len == 0)
        return js_atom_to_value(ctx, JS_ATOM_empty_string);
    if (n * len > JS_STRING_MAX_LEN)
        return js_throw_range_error(ctx, "Invalid string length");
    js_sb_init(ctx, &sb, (uint32_t)(n * len));
    for (i = 0; i < (uint32_t)n; i++)
        js_sb_put_string(&sb, rs.v);
    return js_sb_finish(&sb);
}

/* slice (0), substring (1), substr (2) */
static JSValue string_slice(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    static const char *const names[] = { "slice", "substring", "substr" };
    JSRoot rs;
    JSValue s;
    uint32_t len, from, to;
    double a, b;
    s = this_to_string(ctx, this_val, names[magic]);
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    len = js_string_len(s);
    if (js_to_int_or_infinity(ctx, &a, argv[0]))
        return JS_EXCEPTION;
    if (magic == 2) {
        if (a < 0)
            a = a + len < 0 ? 0 : a + len;
        if (a > len)
            a = len;
        if (js_is_undefined(argv[1])) {
            b = len;
        } else if (js_to_int_or_infinity(ctx, &b, argv[1])) {
            return JS_EXCEPTION;
        }
        b = b < 0 ? 0 : b;
        if (a + b > len)
            b = len - a;
        from = (uint32_t)a;
        to = from + (uint32_t)b;
        return js_string_substring(ctx, rs.v, from, to);
    }
    if (js_is_undefined(argv[1])) {
        b = len;
    } else if (js_to_int_or_infinity(ctx, &b, argv[1])) {
        return JS_EXCEPTION;
    }
    if (magic == 0) {
        if (a < 0)
            a = a + len < 0 ? 0 : a + len;
        if (b < 0)
            b = b + len < 0 ? 0 : b + len;
        a = a > len ? len : a;
        b = b > len ? len : b;
        if (a >= b)
            return js_atom_to_value(ctx, JS_ATOM_empty_string);
        return js_string_substring(ctx, rs.v, (uint32_t)a, (uint32_t)b);
    }
    a = a < 0 ? 0 : a > len ? len : a;
    b = b < 0 ? 0 : b > len ? len : b;
    from = (uint32_t)(a < b ? a : b);
    to = (uint32_t)(a < b ? b : a);
    return js_string_substring(ctx, rs.v, from, to);
}

/* ---- case mapping ---- */

/* Cased and Case_Ignorable (a linear scan: Final_Sigma is rare), from
 * their own copies of the packed property sets (unicode.h). */
static bool is_cased(uint32_t c)
{
    return js_uni_prop_set_contains(&js_uni_set_cased, c);
}

static bool is_case_ignorable(uint32_t c)
{
    return js_uni_prop_set_contains(&js_uni_set_case_ignorable, c);
}

/* Final_Sigma: the sigma at index i (in code points cps[0..n)) is
 * preceded by a cased letter (skipping case-ignorables) and not followed
 * by one. */
static bool is_final_sigma(const uint32_t *cps, size_t n, size_t i)
{
    size_t j;
    bool before = false;
    for (j = i; j > 0; j--) {
        uint32_t c = cps[j - 1];
        if (is_case_ignorable(c))
            continue;
        before = is_cased(c);
        break;
    }
    if (!before)
        return false;
    for (j = i + 1; j < n; j++) {
        uint32_t c = cps[j];
        if (is_case_ignorable(c))
            continue;
        return !is_cased(c);
    }
    return true;
}

/* toLowerCase / toLocaleLowerCase (magic 0), toUpperCase /
 * toLocaleUpperCase (magic 1) */
static JSValue string_case(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rs;
    JSValue s;
    JSString *p;
    StringBuffer sb;
    uint32_t i, len, *cps, out[3];
    size_t n, k;
    int m, j;
    s = this_to_string(ctx, this_val, magic ? "toUpperCase" : "toLowerCase");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    p = js_string_flatten(ctx, s);
    if (!p)
        return JS_EXCEPTION;
    len = p->len;
    if (!js_flat_is_wide(p)) {
        /* ASCII fast path; stop at the first byte that needs more care. */
        for (i = 0; i < len; i++) {
            uint8_t c = p->u.latin1[i];
            if (c >= 0x80 || (magic ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')))
                break;
        }
        if (i == len)
            return rs.v;
        for (i = 0; i < len && p->u.latin1[i] < 0x80; i++)
            ;
        if (i == len) {
            uint8_t *buf = js_malloc(ctx, len);
            JSValue r;
            if (!buf)
                return JS_EXCEPTION;
            for (i = 0; i < len; i++) {
                uint8_t c = p->u.latin1[i];
                if (magic ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'))
                    c ^= 0x20;
                buf[i] = c;
            }
            r = js_new_string_latin1(ctx, buf, len);
            js_free(ctx->rt, buf, len);
            return r;
        }
    }
    cps = to_code_points(ctx, p, &n);
    if (!cps)
        return JS_EXCEPTION;
    js_sb_init(ctx, &sb, len);
    for (k = 0; k < n; k++) {
        uint32_t c = cps[k];
        if (!magic && c == 0x3A3) {
            js_sb_putc(&sb, is_final_sigma(cps, n, k) ? 0x3C2 : 0x3C3);
            continue;
        }
        m = magic ? js_uni_to_upper(c, out) : js_uni_to_lower(c, out);
        for (j = 0; j < m; j++)
            js_sb_putc(&sb, out[j]);
    }
    js_free(ctx->rt, cps, sizeof(uint32_t) * (len + 1));
    return js_sb_finish(&sb);
}

/* thisStringValue: toString and valueOf */
static JSValue string_value_of(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (js_is_string(this_val))
        return this_val;
    if (js_object_is_class(this_val, JS_CLASS_STRING))
        return js_wrapper_value(JS_VALUE_GET_OBJ(this_val));
    return js_throw_type_error(ctx, "String.prototype.%s requires that 'this' be a String",
                               magic ? "valueOf" : "toString");
}

/* trim (3), trimStart (1), trimEnd (2): magic bit 0 = start, bit 1 = end */
static JSValue string_trim(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    static const char *const names[] = { "", "trimStart", "trimEnd", "trim" };
    JSRoot rs;
    JSValue s;
    JSStringView v;
    uint32_t a = 0, b;
    s = this_to_string(ctx, this_val, names[magic]);
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    if (js_string_view(ctx, s, &v) < 0)
        return JS_EXCEPTION;
    b = v.len;
    if (magic & 1) {
        while (a < b && js_string_is_trim_space(js_view_char(&v, a)))
            a++;
    }
    if (magic & 2) {
        while (b > a && js_string_is_trim_space(js_view_char(&v, b - 1)))
            b--;
    }
    if (a == 0 && b == v.len)
        return rs.v;
    return js_string_substring(ctx, rs.v, a, b);
}

/* ---- Annex B HTML methods: CreateHTML ---- */

typedef struct HtmlMethod {
    const char *tag, *attr;
} HtmlMethod;

static const HtmlMethod html_methods[] = {
    { "a", "name" }, { "big", NULL }, { "blink", NULL }, { "b", NULL },
    { "tt", NULL }, { "font", "color" }, { "font", "size" }, { "i", NULL },
    { "a", "href" }, { "small", NULL }, { "strike", NULL }, { "sub", NULL },
    { "sup", NULL },
};

static JSValue string_html(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    const HtmlMethod *m = &html_methods[magic];
    JSRoot rs, rv;
    JSValue s, v;
    StringBuffer sb;
    JSString *p;
    uint32_t i;
    s = this_to_string(ctx, this_val, m->tag);
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    if (m->attr) {
        v = js_to_string(ctx, argv[0]);
        if (js_is_exception(v))
            return v;
        rv.v = v;
    }
    js_sb_init(ctx, &sb, 0);
    js_sb_putc(&sb, '<');
    js_sb_put_cstr(&sb, m->tag);
    if (m->attr) {
        js_sb_putc(&sb, ' ');
        js_sb_put_cstr(&sb, m->attr);
        js_sb_put_cstr(&sb, "=\"");
        p = js_string_flatten(ctx, rv.v);
        if (!p) {
            js_sb_free(&sb);
            return JS_EXCEPTION;
        }
        for (i = 0; i < p->len; i++) {
            uint16_t c = js_flat_char(p, i);
            if (c == '"')
                js_sb_put_cstr(&sb, "&quot;");
            else
                js_sb_putc(&sb, c);
        }
        js_sb_putc(&sb, '"');
    }
    js_sb_putc(&sb, '>');
    js_sb_put_string(&sb, rs.v);
    js_sb_put_cstr(&sb, "</");
    js_sb_put_cstr(&sb, m->tag);
    js_sb_putc(&sb, '>');
    return js_sb_finish(&sb);
}

/* ---- %StringIteratorPrototype% ---- */

typedef struct JSStringIterator {
    JSObject base;
    JSValue str;        /* undefined once exhausted */
    uint32_t pos;
} JSStringIterator;

static void string_iterator_trace(JSRuntime *rt, JSObject *obj)
{
    js_gc_mark_value(rt, ((JSStringIterator *)obj)->str);
}

static const JSClass js_string_iterator_class = {
    .name = "String Iterator",
    .size = sizeof(JSStringIterator),
    .trace = string_iterator_trace,
};

static JSValue string_iterator(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSRoot rs;
    JSValue s;
    JSStringIterator *it;
    s = this_to_string(ctx, this_val, "[Symbol.iterator]");
    if (js_is_exception(s))
        return s;
    js_root_push(ctx, &rs, s);
    it = (JSStringIterator *)js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_STRING_ITERATOR],
                                                        JS_CLASS_STRING_ITERATOR);
    if (!it)
        return JS_EXCEPTION;
    JS_STORE(ctx, &it->base, it->str, rs.v);
    it->pos = 0;
    return js_obj_value(&it->base);
}

static JSValue string_iterator_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSStringIterator *it;
    JSStringView v;
    JSValue r;
    uint32_t pos, c, units = 1;
    if (!js_object_is_class(this_val, JS_CLASS_STRING_ITERATOR))
        return js_throw_type_error(ctx, "next method called on an incompatible receiver");
    it = (JSStringIterator *)JS_VALUE_GET_OBJ(this_val);
    if (js_is_undefined(it->str))
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    pos = it->pos;
    if (pos >= js_string_len(it->str)) {
        it->str = JS_UNDEFINED;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    if (js_string_view(ctx, it->str, &v) < 0)
        return JS_EXCEPTION;
    c = js_view_codepoint_at(&v, pos, &units);
    it->pos = pos + units;
    if (units == 1)
        r = js_new_string_char(ctx, (uint16_t)c);
    else
        r = js_string_substring(ctx, it->str, pos, pos + 2);
    if (js_is_exception(r))
        return r;
    return js_create_iter_result(ctx, r, false);
}

static const JSPropEntry js_string_iterator_proto_funcs[] = {
    FN("next", 0, string_iterator_next, 0),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "String Iterator", JS_PROP_CONFIGURABLE),
};

/* ---- tables and set-up ---- */

/* string_regexp.c */
JSValue js_string_proto_match(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);
JSValue js_string_proto_match_all(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);
JSValue js_string_proto_replace(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);
JSValue js_string_proto_split(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

static const JSPropEntry js_string_funcs[] = {
    FN("fromCharCode", 1, string_from_char_code, 0),
    FN("fromCodePoint", 1, string_from_code_point, 0),
    FN("raw", 1, string_raw, 0),
};

static const JSPropEntry js_string_proto_funcs[] = {
    FN("at", 1, string_char_access, 0),
    FN("charAt", 1, string_char_access, 1),
    FN("charCodeAt", 1, string_char_access, 2),
    FN("codePointAt", 1, string_char_access, 3),
    FN("concat", 1, string_concat, 0),
    FN("endsWith", 1, string_search_bool, 1),
    FN("includes", 1, string_search_bool, 2),
    FN("indexOf", 1, string_index_of, 0),
    FN("isWellFormed", 0, string_well_formed, 0),
    FN("lastIndexOf", 1, string_last_index_of, 0),
    FN("localeCompare", 1, string_locale_compare, 0),
    FN("match", 1, js_string_proto_match, 0),
    FN("matchAll", 1, js_string_proto_match_all, 0),
    FN("normalize", 0, string_normalize, 0),
    FN("padEnd", 1, string_pad, 1),
    FN("padStart", 1, string_pad, 0),
    FN("repeat", 1, string_repeat, 0),
    FN("replace", 2, js_string_proto_replace, 0),
    FN("replaceAll", 2, js_string_proto_replace, 1),
    FN("search", 1, js_string_proto_match, 1),
    FN("slice", 2, string_slice, 0),
    FN("split", 2, js_string_proto_split, 0),
    FN("startsWith", 1, string_search_bool, 0),
    FN("substring", 2, string_slice, 1),
    FN("toLocaleLowerCase", 0, string_case, 0),
    FN("toLocaleUpperCase", 0, string_case, 1),
    FN("toLowerCase", 0, string_case, 0),
    FN("toString", 0, string_value_of, 0),
    FN("toUpperCase", 0, string_case, 1),
    FN("toWellFormed", 0, string_well_formed, 1),
    FN("trim", 0, string_trim, 3),
    FN("trimEnd", 0, string_trim, 2),
    FN("trimStart", 0, string_trim, 1),
    FN("valueOf", 0, string_value_of, 1),
    FN("[Symbol.iterator]", 0, string_iterator, 0),
    /* Annex B */
    FN("substr", 2, string_slice, 2),
    JS_ALIAS_DEF("trimLeft", "trimStart"),
    JS_ALIAS_DEF("trimRight", "trimEnd"),
    FN("anchor", 1, string_html, 0),
    FN("big", 0, string_html, 1),
    FN("blink", 0, string_html, 2),
    FN("bold", 0, string_html, 3),
    FN("fixed", 0, string_html, 4),
    FN("fontcolor", 1, string_html, 5),
    FN("fontsize", 1, string_html, 6),
    FN("italics", 0, string_html, 7),
    FN("link", 1, string_html, 8),
    FN("small", 0, string_html, 9),
    FN("strike", 0, string_html, 10),
    FN("sub", 0, string_html, 11),
    FN("sup", 0, string_html, 12),
};

/* Creates String, %String.prototype% (a String object wrapping "") and
 * %StringIteratorPrototype%. May collect; 0, or -1 with an exception. */
int js_init_string(JSContext *ctx)
{
    JSRoot rp, rc, ri;
    JSValue proto, ctor, iproto, parent;
    proto = js_string_wrapper_create(ctx, js_atom_to_value(ctx, JS_ATOM_empty_string),
                                     ctx->class_proto[JS_CLASS_OBJECT]);
    if (js_is_exception(proto))
        return -1;
    js_root_push(ctx, &rp, proto);
    ctx->class_proto[JS_CLASS_STRING] = proto;
    if (js_define_prop_entries(ctx, proto, js_string_proto_funcs,
                               (int)(sizeof js_string_proto_funcs / sizeof js_string_proto_funcs[0])) < 0)
        return -1;
    ctor = js_new_constructor(ctx, string_ctor, "String", 1, 0, rp.v);
    if (js_is_exception(ctor))
        return -1;
    js_root_push(ctx, &rc, ctor);
    if (js_define_prop_entries(ctx, ctor, js_string_funcs,
                               (int)(sizeof js_string_funcs / sizeof js_string_funcs[0])) < 0)
        return -1;
    js_register_class(ctx->rt, JS_CLASS_STRING_ITERATOR, &js_string_iterator_class);
    parent = ctx->intrinsics[JS_INTRINSIC_IteratorPrototype];
    if (!js_is_object(parent))
        parent = ctx->class_proto[JS_CLASS_OBJECT];
    iproto = js_new_object_proto(ctx, parent);
    if (js_is_exception(iproto))
        return -1;
    js_root_push(ctx, &ri, iproto);
    if (js_define_prop_entries(ctx, iproto, js_string_iterator_proto_funcs,
                               (int)(sizeof js_string_iterator_proto_funcs / sizeof js_string_iterator_proto_funcs[0])) < 0)
        return -1;
    ctx->class_proto[JS_CLASS_STRING_ITERATOR] = iproto;
    js_root_pop(ctx, &rp);
    return 0;
}
