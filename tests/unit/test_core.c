/* Unit tests of the core runtime (gc, atoms, strings, shapes, objects,
 * arrays, conversions, native functions), driven from C without the
 * interpreter. Prints "N passed, N failed"; exits non-zero on failure.
 * Under QJS_GC_STRESS the big loops are scaled down. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "context.h"
#include "conv.h"
#include "shape.h"

#include "unit_check.h"

static int scale = 1;   /* divisor for big loops under GC stress */

static JSRuntime *rt;
static JSContext *ctx;

/* C string equality of a string value. */
static bool str_is(JSValue v, const char *s)
{
    if (!js_is_string(v))
        return false;
    char *u = js_string_to_utf8(ctx, v, NULL);
    bool r = u && strcmp(u, s) == 0;
    free(u);
    return r;
}

static JSAtom atom(const char *s) { return js_atom_from_cstr(ctx, s); }

static void clear_exception(void) { js_get_exception(ctx); }

/* ---- strings ---- */

static void test_strings(void)
{
    JSRoot r1, r2;
    js_root_push(ctx, &r1, js_new_string_cstr(ctx, "hello"));
    js_root_push(ctx, &r2, js_new_string_cstr(ctx, " world, this is a longer piece of text"));
    CHECK(js_string_len(r1.v) == 5);
    JSValue c = js_string_concat(ctx, r1.v, r2.v);
    CHECK(js_is_string(c));
    CHECK(str_is(c, "hello world, this is a longer piece of text"));
    CHECK(js_string_char_at(ctx, c, 4) == 'o');

    /* a 100,000-piece rope, left-deep */
    JSRoot acc;
    js_root_push(ctx, &acc, js_atom_to_value(ctx, JS_ATOM_empty_string));
    int pieces = 100000 / scale;
    for (int i = 0; i < pieces; i++) {
        JSValue piece = js_new_string_char(ctx, (uint16_t)('a' + i % 26));
        acc.v = js_string_concat(ctx, acc.v, piece);
        if (js_is_exception(acc.v))
            break;
    }
    CHECK(js_is_string(acc.v) && js_string_len(acc.v) == (uint32_t)pieces);
    JSString *flat = js_string_flatten(ctx, acc.v);
    CHECK(flat != NULL);
    bool ok = true;
    for (int i = 0; flat && i < pieces; i++)
        ok &= js_flat_char(flat, (uint32_t)i) == 'a' + i % 26;
    CHECK(ok);
    /* a right-deep and a balanced rope */
    JSRoot rr;
    js_root_push(ctx, &rr, js_atom_to_value(ctx, JS_ATOM_empty_string));
    for (int i = 0; i < 2000 / scale + 10; i++) {
        JSValue piece = js_new_string_cstr(ctx, "0123456789");
        rr.v = js_string_concat(ctx, piece, rr.v);
        rr.v = js_string_concat(ctx, rr.v, rr.v);
        if (js_string_len(rr.v) > 100000)
            break;
    }
    CHECK(js_string_flatten(ctx, rr.v) != NULL);
    CHECK(js_string_char_at(ctx, rr.v, 0) == '0');
    js_gc_collect(rt);
    CHECK(js_string_char_at(ctx, acc.v, 27) == 'b');

    /* UTF-16 and UTF-8 / WTF-8 */
    JSValue u = js_new_string_cstr(ctx, "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80");
    CHECK(js_is_string(u) && js_string_len(u) == 10);   /* h é l l o sp € sp U+1F600 (2 units) */
    CHECK(js_string_char_at(ctx, u, 1) == 0xE9);
    CHECK(js_string_char_at(ctx, u, 6) == 0x20AC);
    CHECK(js_string_char_at(ctx, u, 8) == 0xD83D);
    CHECK(str_is(u, "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80"));
    uint16_t lone[] = { 'a', 0xD800, 'b' };
    JSValue l = js_new_string_utf16(ctx, lone, 3);
    size_t n;
    char *w = js_string_to_utf8(ctx, l, &n);
    CHECK(w && n == 5 && (unsigned char)w[1] == 0xED && (unsigned char)w[2] == 0xA0);
    JSValue back = js_new_string_utf8(ctx, w, n);
    CHECK(js_string_len(back) == 3 && js_string_char_at(ctx, back, 1) == 0xD800);
    free(w);
    uint16_t narrow[] = { 'x', 'y', 0xFF };
    JSValue nv = js_new_string_utf16(ctx, narrow, 3);
    CHECK(!js_flat_is_wide(JS_VALUE_GET_STRING(nv)));

    /* comparison and search */
    JSRoot ra, rb;
    js_root_push(ctx, &ra, js_new_string_cstr(ctx, "abc"));
    js_root_push(ctx, &rb, js_new_string_cstr(ctx, "abd"));
    CHECK(js_string_compare(ctx, ra.v, rb.v) < 0);
    CHECK(js_string_compare(ctx, rb.v, ra.v) > 0);
    CHECK(js_string_equal(ctx, ra.v, js_new_string_cstr(ctx, "abc")));
    CHECK(!js_string_equal(ctx, ra.v, rb.v));
    JSRoot rh;
    js_root_push(ctx, &rh, js_new_string_cstr(ctx, "the quick brown fox"));
    CHECK(js_string_index_of(ctx, rh.v, js_new_string_cstr(ctx, "brown"), 0) == 10);
    CHECK(js_string_index_of(ctx, rh.v, js_new_string_cstr(ctx, "brown"), 11) == -1);
    CHECK(str_is(js_string_substring(ctx, rh.v, 4, 9), "quick"));
    CHECK(str_is(js_new_string_fmt(ctx, "%d-%s", 42, "x"), "42-x"));

    /* StringBuffer */
    StringBuffer sb;
    js_sb_init(ctx, &sb, 0);
    js_sb_put_cstr(&sb, "ab");
    js_sb_putc(&sb, 0x1F600);
    js_sb_put_value(&sb, js_int(-17));
    js_sb_put_value(&sb, js_double(0.5));
    JSValue s = js_sb_finish(&sb);
    CHECK(js_string_len(s) == 10);
    CHECK(str_is(s, "ab\xF0\x9F\x98\x80-170.5"));
    CHECK(js_new_string_char(ctx, 'q') == js_new_string_char(ctx, 'q'));
    js_root_pop(ctx, &r1);
}

/* ---- slices ---- */

static bool is_slice(JSValue v) { return (JS_VALUE_GET_STRING(v)->h.flags & JS_STR_SLICE) != 0; }

/* base: n units, 'a' + i % 26, with unit `wide_at` (if < n) set to 0x100 */
static JSValue slice_base(uint32_t n, uint32_t wide_at)
{
    StringBuffer sb;
    js_sb_init(ctx, &sb, 0);
    for (uint32_t i = 0; i < n; i++)
        js_sb_putc(&sb, i == wide_at ? 0x100 : 'a' + i % 26);
    return js_sb_finish(&sb);
}

static void test_slices(void)
{
    JSRoot rb, rs, rt2, rw;
    js_root_push(ctx, &rb, slice_base(10000, 10000));
    /* long and a large part of the base: a slice; short: a copy */
    js_root_push(ctx, &rs, js_string_substring(ctx, rb.v, 100, 9000));
    CHECK(is_slice(rs.v) && js_string_len(rs.v) == 8900);
    CHECK(js_string_char_at(ctx, rs.v, 0) == 'a' + 100 % 26);
    CHECK(!is_slice(js_string_substring(ctx, rb.v, 10, 200)));   /* 190 * 16 < 10000 */
    CHECK(!is_slice(js_string_substring(ctx, rb.v, 10, 60)));    /* under 64 units */
    /* a slice of a slice points at the first base */
    js_root_push(ctx, &rt2, js_string_substring(ctx, rs.v, 50, 5000));
    CHECK(is_slice(rt2.v));
    CHECK(JS_VALUE_GET_STRING(rt2.v)->u.slice.base == JS_VALUE_GET_STRING(rb.v));
    CHECK(JS_VALUE_GET_STRING(rt2.v)->u.slice.start == 150);
    CHECK(js_string_char_at(ctx, rt2.v, 0) == 'a' + 150 % 26);
    /* the base stays alive through the slice alone */
    rb.v = JS_UNDEFINED;
    js_gc_collect(rt);
    CHECK(js_string_char_at(ctx, rt2.v, 4949) == 'a' + 5099 % 26);
    /* a view taken before flattening stays valid after it and a collection */
    JSStringView v;
    CHECK(js_string_view(ctx, rs.v, &v) == 0 && !v.wide && v.len == 8900);
    JSString *f = js_string_flatten(ctx, rs.v);
    CHECK(f && js_string_is_flat(f) && !js_flat_is_wide(f) && !is_slice(rs.v));
    js_gc_collect(rt);
    CHECK(v.u.latin1[8899] == 'a' + 8999 % 26 && js_string_flatten(ctx, rs.v) == f);

    /* a wide base: a slice of only Latin-1 units carries the base's width
     * but becomes Latin-1 when flattened, alone or inside a rope */
    js_root_push(ctx, &rw, slice_base(10001, 5000));
    JSValue lo = js_string_substring(ctx, rw.v, 0, 5000);
    CHECK(is_slice(lo) && (JS_VALUE_GET_STRING(lo)->h.flags & JS_STR_WIDE));
    rs.v = lo;
    rt2.v = js_string_substring(ctx, rw.v, 5001, 10001);
    JSValue cat = js_string_concat(ctx, rs.v, rt2.v);
    CHECK(js_is_string(cat) && js_string_len(cat) == 10000);
    rt2.v = cat;
    f = js_string_flatten(ctx, rt2.v);
    CHECK(f && !js_flat_is_wide(f) && js_flat_char(f, 5000) == 'a' + 5001 % 26);
    CHECK(!(JS_VALUE_GET_STRING(rt2.v)->h.flags & JS_STR_WIDE));
    /* equal to, and the same atom as, a Latin-1 string with those units */
    JSRoot rsame;
    js_root_push(ctx, &rsame, slice_base(5000, 5000));
    CHECK(!js_flat_is_wide(JS_VALUE_GET_STRING(rsame.v)));
    CHECK(js_string_equal(ctx, rs.v, rsame.v));
    JSAtom a1 = js_atom_from_string(ctx, rsame.v);
    CHECK(a1 != JS_ATOM_NULL && js_atom_from_string(ctx, rs.v) == a1);
    f = js_string_flatten(ctx, rs.v);
    CHECK(f && !js_flat_is_wide(f));
    /* a slice holding the wide unit stays wide when flattened */
    JSValue mid = js_string_substring(ctx, rw.v, 4000, 9000);
    CHECK(is_slice(mid) && js_string_char_at(ctx, mid, 1000) == 0x100);
    rs.v = mid;
    f = js_string_flatten(ctx, rs.v);
    CHECK(f && js_flat_is_wide(f) && js_flat_char(f, 1000) == 0x100);
    js_root_pop(ctx, &rb);
}

/* ---- atoms ---- */

static void test_atoms(void)
{
    JSAtom a1 = atom("someName");
    JSRoot r;
    js_root_push_atom(ctx, &r, a1);
    JSRoot rstr;
    js_root_push(ctx, &rstr, js_new_string_cstr(ctx, "some"));
    rstr.v = js_string_concat(ctx, rstr.v, js_new_string_cstr(ctx, "Name"));
    CHECK(js_atom_from_string(ctx, rstr.v) == a1);
    CHECK(atom("length") == JS_ATOM_length);
    CHECK(atom("123") == js_atom_from_uint(123));
    CHECK(js_atom_is_int(atom("0")));
    CHECK(!js_atom_is_int(atom("01")));
    CHECK(!js_atom_is_int(atom("-1")));
    CHECK(!js_atom_is_int(atom("4294967295")));
    uint32_t idx;
    JSAtom big = atom("4294967294");
    CHECK(!js_atom_is_int(big) && js_atom_is_array_index(rt, big, &idx) && idx == 4294967294u);
    CHECK(!js_atom_is_array_index(rt, atom("4294967295"), &idx));
    CHECK(str_is(js_atom_to_value(ctx, js_atom_from_uint(77)), "77"));
    JSAtom s1 = js_atom_new_symbol(ctx, js_new_string_cstr(ctx, "d"));
    JSRoot rs1;
    js_root_push_atom(ctx, &rs1, s1);
    JSAtom s2 = js_atom_new_symbol(ctx, js_new_string_cstr(ctx, "d"));
    CHECK(s1 != s2 && js_atom_is_symbol(rt, s1));
    CHECK(js_atom_is_symbol(rt, JS_ATOM_Symbol_iterator));
    char buf[64];
    CHECK(strcmp(js_atom_get_cstr(rt, buf, sizeof buf, JS_ATOM_Symbol_iterator), "Symbol.iterator") == 0);
    CHECK(strcmp(js_atom_get_cstr(rt, buf, sizeof buf, a1), "someName") == 0);
    /* dynamic atoms are collected when unreferenced; rooted ones stay */
    for (int i = 0; i < 20000 / scale; i++) {
        char name[32];
        snprintf(name, sizeof name, "tmp_atom_%d", i);
        atom(name);
    }
    js_gc_collect(rt);
    CHECK(atom("someName") == a1);
    CHECK(strcmp(js_atom_get_cstr(rt, buf, sizeof buf, a1), "someName") == 0);
    js_root_pop(ctx, &r);
}

/* ---- objects ---- */

static JSValue getter_fn(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    /* returns this.base + magic */
    JSValue b = js_get_property(c, this_val, js_atom_from_cstr(c, "base"));
    if (js_is_exception(b))
        return b;
    return js_int(js_get_int(b) + magic);
}

static JSValue setter_fn(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (js_set_property(c, this_val, js_atom_from_cstr(c, "base"), argv[0], JS_THROW) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static JSValue value_of_fn(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_int(magic);
}

static JSValue has_instance_fn(JSContext *c, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_bool(js_is_int(argv[0]) && js_get_int(argv[0]) == 5);
}

static void test_objects(void)
{
    JSRoot ro;
    js_root_push(ctx, &ro, js_new_object(ctx));
    /* many properties */
    int nprops = 1000;
    bool ok = true;
    for (int i = 0; i < nprops; i++) {
        char name[32];
        snprintf(name, sizeof name, "p%d", i);
        ok &= js_set_property(ctx, ro.v, atom(name), js_int(i), JS_THROW) == 1;
    }
    CHECK(ok);
    ok = true;
    for (int i = 0; i < nprops; i++) {
        char name[32];
        snprintf(name, sizeof name, "p%d", i);
        JSValue v = js_get_property(ctx, ro.v, atom(name));
        ok &= js_is_int(v) && js_get_int(v) == i;
    }
    CHECK(ok);
    JSValueArray *keys = js_own_property_keys(ctx, ro.v);
    CHECK(keys && keys->len == (uint32_t)nprops && str_is(keys->values[0], "p0") && str_is(keys->values[999], "p999"));

    /* shapes are shared between objects built the same way */
    JSRoot o1, o2;
    js_root_push(ctx, &o1, js_new_object(ctx));
    js_root_push(ctx, &o2, js_new_object(ctx));
    js_set_property(ctx, o1.v, atom("x"), js_int(1), JS_THROW);
    js_set_property(ctx, o1.v, atom("y"), js_int(2), JS_THROW);
    js_set_property(ctx, o2.v, atom("x"), js_int(3), JS_THROW);
    js_set_property(ctx, o2.v, atom("y"), js_int(4), JS_THROW);
    CHECK(JS_VALUE_GET_OBJ(o1.v)->shape == JS_VALUE_GET_OBJ(o2.v)->shape);
    CHECK(!js_shape_is_dictionary(JS_VALUE_GET_OBJ(o1.v)->shape));
    /* deleting the last property goes back to the parent shape */
    JSShape *before = JS_VALUE_GET_OBJ(o1.v)->shape;
    js_set_property(ctx, o1.v, atom("z"), js_int(5), JS_THROW);
    CHECK(js_delete_property(ctx, o1.v, atom("z"), 0) == 1);
    CHECK(JS_VALUE_GET_OBJ(o1.v)->shape == before);
    /* deleting another one makes a dictionary */
    CHECK(js_delete_property(ctx, o1.v, atom("x"), 0) == 1);
    CHECK(js_shape_is_dictionary(JS_VALUE_GET_OBJ(o1.v)->shape));
    CHECK(js_is_undefined(js_get_property(ctx, o1.v, atom("x"))));
    CHECK(js_get_int(js_get_property(ctx, o1.v, atom("y"))) == 2);
    js_set_property(ctx, o1.v, atom("x"), js_int(9), JS_THROW);
    keys = js_own_property_keys(ctx, o1.v);
    CHECK(keys && keys->len == 2 && str_is(keys->values[0], "y") && str_is(keys->values[1], "x"));
    /* deletion of many: compaction keeps order and values */
    for (int i = 0; i < nprops; i += 2) {
        char name[32];
        snprintf(name, sizeof name, "p%d", i);
        js_delete_property(ctx, ro.v, atom(name), 0);
    }
    ok = true;
    for (int i = 0; i < nprops; i++) {
        char name[32];
        snprintf(name, sizeof name, "p%d", i);
        JSValue v = js_get_property(ctx, ro.v, atom(name));
        ok &= (i % 2) ? (js_is_int(v) && js_get_int(v) == i) : js_is_undefined(v);
    }
    CHECK(ok);
    keys = js_own_property_keys(ctx, ro.v);
    CHECK(keys && keys->len == 500 && str_is(keys->values[0], "p1") && str_is(keys->values[499], "p999"));

    /* key order: integer indices ascending, strings, symbols */
    JSRoot ko;
    js_root_push(ctx, &ko, js_new_object(ctx));
    JSAtom sym = js_atom_new_symbol(ctx, JS_UNDEFINED);
    JSRoot rs;
    js_root_push_atom(ctx, &rs, sym);
    js_set_property(ctx, ko.v, sym, js_int(0), JS_THROW);
    js_set_property(ctx, ko.v, atom("b"), js_int(0), JS_THROW);
    js_set_property(ctx, ko.v, js_atom_from_uint(10), js_int(0), JS_THROW);
    js_set_property(ctx, ko.v, atom("a"), js_int(0), JS_THROW);
    js_set_property(ctx, ko.v, js_atom_from_uint(2), js_int(0), JS_THROW);
    js_set_property(ctx, ko.v, atom("4294967294"), js_int(0), JS_THROW);
    js_set_property(ctx, ko.v, atom("4294967295"), js_int(0), JS_THROW);
    keys = js_own_property_keys(ctx, ko.v);
    CHECK(keys && keys->len == 7);
    if (keys && keys->len == 7) {
        CHECK(str_is(keys->values[0], "2"));
        CHECK(str_is(keys->values[1], "10"));
        CHECK(str_is(keys->values[2], "4294967294"));
        CHECK(str_is(keys->values[3], "b"));
        CHECK(str_is(keys->values[4], "a"));
        CHECK(str_is(keys->values[5], "4294967295"));
        CHECK(js_is_symbol(keys->values[6]));
    }

    /* defineProperty semantics */
    JSRoot d;
    js_root_push(ctx, &d, js_new_object(ctx));
    JSAtom k = atom("k");
    CHECK(js_define_property_value(ctx, d.v, k, js_int(1), 0) == 1);  /* non-writable, non-configurable */
    CHECK(js_set_property(ctx, d.v, k, js_int(2), 0) == 0);
    CHECK(js_set_property(ctx, d.v, k, js_int(2), JS_THROW) == -1);
    clear_exception();
    JSPropertyDescriptor pd = { JS_DESC_HAS_VALUE, js_int(1), JS_UNDEFINED, JS_UNDEFINED };
    CHECK(js_define_property(ctx, d.v, k, &pd, 0) == 1);        /* same value: allowed */
    pd.value = js_int(3);
    CHECK(js_define_property(ctx, d.v, k, &pd, 0) == 0);        /* different: refused */
    pd.flags = JS_DESC_HAS_CONFIGURABLE | JS_PROP_CONFIGURABLE;
    CHECK(js_define_property(ctx, d.v, k, &pd, 0) == 0);
    pd.flags = JS_DESC_HAS_ENUMERABLE | JS_PROP_ENUMERABLE;
    CHECK(js_define_property(ctx, d.v, k, &pd, 0) == 0);
    pd.flags = JS_DESC_HAS_ENUMERABLE;                          /* enumerable false: same */
    CHECK(js_define_property(ctx, d.v, k, &pd, 0) == 1);
    CHECK(js_delete_property(ctx, d.v, k, 0) == 0);
    /* configurable data -> accessor -> data */
    JSAtom k2 = atom("k2");
    CHECK(js_define_property_value(ctx, d.v, k2, js_int(1), JS_PROP_CONFIGURABLE | JS_PROP_WRITABLE) == 1);
    JSValue g = js_new_cfunction(ctx, value_of_fn, "g", 0, JS_CFUNC_PLAIN, 33);
    JSRoot rg;
    js_root_push(ctx, &rg, g);
    pd.flags = JS_DESC_HAS_GET;
    pd.getter = rg.v;
    CHECK(js_define_property(ctx, d.v, k2, &pd, 0) == 1);
    JSPropertyDescriptor out;
    CHECK(js_get_own_property(ctx, d.v, k2, &out) == 1);
    CHECK((out.flags & JS_DESC_HAS_GET) && out.getter == rg.v && js_is_undefined(out.setter));
    CHECK((out.flags & JS_PROP_CONFIGURABLE) && !(out.flags & JS_PROP_ENUMERABLE));
    CHECK(js_get_int(js_get_property(ctx, d.v, k2)) == 33);
    pd.flags = JS_DESC_HAS_VALUE;
    pd.value = js_int(8);
    CHECK(js_define_property(ctx, d.v, k2, &pd, 0) == 1);
    CHECK(js_get_own_property(ctx, d.v, k2, &out) == 1);
    CHECK((out.flags & JS_DESC_HAS_VALUE) && js_get_int(out.value) == 8 && !(out.flags & JS_PROP_WRITABLE));
    /* non-extensible */
    CHECK(js_prevent_extensions(ctx, d.v, 0) == 1);
    CHECK(js_is_extensible(ctx, d.v) == 0);
    CHECK(js_set_property(ctx, d.v, atom("new"), js_int(1), 0) == 0);
    CHECK(js_create_data_property(ctx, d.v, atom("new"), js_int(1), 0) == 0);

    /* prototype chain, accessors implemented natively, receivers */
    JSRoot proto, child;
    js_root_push(ctx, &proto, js_new_object(ctx));
    js_root_push(ctx, &child, js_new_object_proto(ctx, proto.v));
    JSValue gf = js_new_cfunction(ctx, getter_fn, "get sum", 0, JS_CFUNC_PLAIN, 100);
    JSRoot rgf;
    js_root_push(ctx, &rgf, gf);
    JSRoot rsf;
    js_root_push(ctx, &rsf, js_new_cfunction(ctx, setter_fn, "set sum", 1, JS_CFUNC_PLAIN, 0));
    JSAtom sum = atom("sum");   /* may allocate: not inside the call's arguments */
    CHECK(js_define_property_getset(ctx, proto.v, sum, rgf.v, rsf.v, JS_PROP_CONFIGURABLE) == 1);
    js_set_property(ctx, child.v, atom("base"), js_int(5), JS_THROW);
    CHECK(js_get_int(js_get_property(ctx, child.v, atom("sum"))) == 105);
    CHECK(js_set_property(ctx, child.v, atom("sum"), js_int(7), JS_THROW) == 1);   /* setter with receiver child */
    CHECK(js_get_int(js_get_property(ctx, child.v, atom("base"))) == 7);
    CHECK(js_get_own_property(ctx, child.v, atom("sum"), NULL) == 0);
    CHECK(js_has_property(ctx, child.v, atom("sum")) == 1);
    CHECK(js_has_property(ctx, child.v, atom("nope")) == 0);
    /* a non-writable property on the prototype blocks assignment */
    js_define_property_value(ctx, proto.v, atom("ro"), js_int(1), 0);
    CHECK(js_set_property(ctx, child.v, atom("ro"), js_int(2), 0) == 0);
    /* a writable one is shadowed on the receiver */
    js_set_property(ctx, proto.v, atom("w"), js_int(1), JS_THROW);
    CHECK(js_set_property(ctx, child.v, atom("w"), js_int(2), JS_THROW) == 1);
    CHECK(js_get_int(js_get_property(ctx, proto.v, atom("w"))) == 1);
    CHECK(js_get_int(js_get_property(ctx, child.v, atom("w"))) == 2);
    /* setPrototypeOf keeps own properties, finds cycles */
    JSRoot p2;
    js_root_push(ctx, &p2, js_new_object(ctx));
    js_set_property(ctx, p2.v, atom("fromP2"), js_int(42), JS_THROW);
    CHECK(js_set_prototype_of(ctx, child.v, p2.v, 0) == 1);
    CHECK(js_get_int(js_get_property(ctx, child.v, atom("fromP2"))) == 42);
    CHECK(js_get_int(js_get_property(ctx, child.v, atom("base"))) == 7);
    CHECK(js_set_prototype_of(ctx, p2.v, child.v, 0) == 0);
    /* %Object.prototype% is an immutable prototype exotic object */
    JSValue op = ctx->class_proto[JS_CLASS_OBJECT];
    CHECK(js_set_prototype_of(ctx, op, p2.v, 0) == 0);
    CHECK(js_set_prototype_of(ctx, op, JS_NULL, 0) == 1);

    /* primitives */
    JSRoot ps;
    js_root_push(ctx, &ps, js_new_string_cstr(ctx, "abc"));
    CHECK(js_get_int(js_get_property(ctx, ps.v, JS_ATOM_length)) == 3);
    CHECK(str_is(js_get_property(ctx, ps.v, js_atom_from_uint(1)), "b"));
    CHECK(js_is_undefined(js_get_property(ctx, ps.v, js_atom_from_uint(3))));
    CHECK(js_set_property(ctx, ps.v, JS_ATOM_length, js_int(1), 0) == 0);
    CHECK(js_is_exception(js_get_property(ctx, JS_UNDEFINED, atom("x"))));
    clear_exception();
    JSValue w = js_to_object(ctx, ps.v);
    JSRoot rw;
    js_root_push(ctx, &rw, w);
    CHECK(js_object_is_class(w, JS_CLASS_STRING));
    CHECK(str_is(js_get_property(ctx, rw.v, js_atom_from_uint(2)), "c"));
    CHECK(js_get_int(js_get_property(ctx, rw.v, JS_ATOM_length)) == 3);
    CHECK(js_delete_property(ctx, rw.v, js_atom_from_uint(0), 0) == 0);
    js_set_property(ctx, rw.v, js_atom_from_uint(5), js_int(1), JS_THROW);
    js_set_property(ctx, rw.v, atom("foo"), js_int(1), JS_THROW);
    keys = js_own_property_keys(ctx, rw.v);
    CHECK(keys && keys->len == 6 && str_is(keys->values[0], "0") && str_is(keys->values[2], "2") &&
          str_is(keys->values[3], "5") && str_is(keys->values[4], "length") && str_is(keys->values[5], "foo"));
    CHECK(js_get_own_property(ctx, rw.v, js_atom_from_uint(1), &out) == 1 &&
          !(out.flags & JS_PROP_WRITABLE) && (out.flags & JS_PROP_ENUMERABLE));

    /* native functions, entries and constructors */
    static const JSPropEntry tab[] = {
        JS_CFUNC_MAGIC_DEF("valueOf", 0, value_of_fn, 11),
        JS_CFUNC_MAGIC_DEF("[Symbol.hasInstance]", 1, has_instance_fn, 0),
        JS_PROP_INT32_DEF("answer", 42, JS_PROP_CONFIGURABLE),
        JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Thing", JS_PROP_CONFIGURABLE),
        JS_CGETSET_MAGIC_DEF("acc", getter_fn, NULL, 1),
        JS_ALIAS_DEF("alias", "valueOf"),
    };
    JSRoot t;
    js_root_push(ctx, &t, js_new_object(ctx));
    CHECK(js_define_prop_entries(ctx, t.v, tab, 6) == 0);
    JSValue vo = js_get_property(ctx, t.v, JS_ATOM_valueOf);
    CHECK(js_is_callable(vo));
    CHECK(str_is(js_get_property(ctx, vo, JS_ATOM_name), "valueOf"));
    CHECK(js_get_property(ctx, t.v, atom("alias")) == vo);
    JSValue hi = js_get_property(ctx, t.v, JS_ATOM_Symbol_hasInstance);
    CHECK(str_is(js_get_property(ctx, hi, JS_ATOM_name), "[Symbol.hasInstance]"));
    CHECK(js_get_int(js_get_property(ctx, hi, JS_ATOM_length)) == 1);
    CHECK(str_is(js_get_property(ctx, t.v, JS_ATOM_Symbol_toStringTag), "Thing"));
    CHECK(js_get_own_property(ctx, t.v, atom("acc"), &out) == 1 && js_is_callable(out.getter));
    CHECK(str_is(js_get_property(ctx, out.getter, JS_ATOM_name), "get acc"));
    /* ToPrimitive calls valueOf, instanceof uses Symbol.hasInstance */
    double num;
    CHECK(js_to_number(ctx, &num, t.v) == 0 && num == 11);
    CHECK(js_instanceof(ctx, js_int(5), t.v) == 1);
    CHECK(js_instanceof(ctx, js_int(6), t.v) == 0);
    JSRoot proto2;
    js_root_push(ctx, &proto2, js_new_object(ctx));
    JSValue ctor = js_new_constructor(ctx, value_of_fn, "MyCtor", 2, 0, proto2.v);
    JSRoot rc;
    js_root_push(ctx, &rc, ctor);
    CHECK(js_is_constructor(ctor));
    CHECK(js_get_property(ctx, rc.v, JS_ATOM_prototype) == proto2.v);
    CHECK(js_get_property(ctx, proto2.v, JS_ATOM_constructor) == rc.v);
    CHECK(js_get_property(ctx, js_obj_value(ctx->global_obj), atom("MyCtor")) == rc.v);
    JSValue inst = js_new_object_proto(ctx, proto2.v);
    CHECK(js_instanceof(ctx, inst, rc.v) == 1);
    CHECK(js_instanceof(ctx, t.v, rc.v) == 0);
    js_root_pop(ctx, &ro);
}

/* ---- arrays ---- */

static void test_arrays(void)
{
    JSRoot a;
    js_root_push(ctx, &a, js_new_array(ctx, 0));
    JSObject *ao = JS_VALUE_GET_OBJ(a.v);
    int n = 10000;
    for (int i = 0; i < n; i++)
        js_array_push_fast(ctx, ao, js_int(i * 2));
    CHECK(ao->h.flags & JS_OBJ_FAST_ARRAY);
    CHECK(js_array_length_fast(ao) == (uint32_t)n);
    CHECK(js_get_int(js_get_index(ctx, a.v, 123)) == 246);
    CHECK(js_get_int(js_get_property(ctx, a.v, JS_ATOM_length)) == n);
    int err;
    CHECK(js_is_array(ctx, a.v, &err));
    /* holes */
    CHECK(js_delete_index(ctx, a.v, 5, 0) == 1);
    CHECK(js_has_index(ctx, a.v, 5) == 0);
    CHECK(js_is_undefined(js_get_index(ctx, a.v, 5)));
    CHECK(ao->h.flags & JS_OBJ_FAST_ARRAY);
    /* writes past the end grow it */
    CHECK(js_set_index(ctx, a.v, n + 3, js_int(1), JS_THROW) == 1);
    CHECK(js_array_length_fast(ao) == (uint32_t)n + 4);
    CHECK(js_has_index(ctx, a.v, n + 1) == 0);
    /* length shrink and grow */
    CHECK(js_set_property(ctx, a.v, JS_ATOM_length, js_int(10), JS_THROW) == 1);
    CHECK(js_array_length_fast(ao) == 10 && js_has_index(ctx, a.v, 10) == 0);
    CHECK(js_set_property(ctx, a.v, JS_ATOM_length, js_int(20), JS_THROW) == 1);
    CHECK(js_has_index(ctx, a.v, 15) == 0 && js_get_int(js_get_property(ctx, a.v, JS_ATOM_length)) == 20);
    CHECK(js_set_property(ctx, a.v, JS_ATOM_length, js_double(1.5), 0) == -1);   /* RangeError */
    clear_exception();
    CHECK(js_set_property(ctx, a.v, JS_ATOM_length, js_double(-1), 0) == -1);
    clear_exception();
    JSValueArray *keys = js_own_property_keys(ctx, a.v);
    CHECK(keys && keys->len == 10 && str_is(keys->values[0], "0") && str_is(keys->values[8], "9") &&
          str_is(keys->values[9], "length"));
    /* a non-default attribute makes it slow; values survive */
    JSPropertyDescriptor pd = { JS_DESC_HAS_VALUE | JS_DESC_HAS_WRITABLE | JS_DESC_HAS_ENUMERABLE |
                                JS_DESC_HAS_CONFIGURABLE | JS_PROP_ENUMERABLE,
                                js_int(99), JS_UNDEFINED, JS_UNDEFINED };
    CHECK(js_define_property(ctx, a.v, js_atom_from_uint(3), &pd, 0) == 1);
    CHECK(!(ao->h.flags & JS_OBJ_FAST_ARRAY));
    CHECK(js_get_int(js_get_index(ctx, a.v, 3)) == 99);
    CHECK(js_get_int(js_get_index(ctx, a.v, 4)) == 8);
    CHECK(js_has_index(ctx, a.v, 5) == 0);
    CHECK(js_set_index(ctx, a.v, 3, js_int(1), 0) == 0);   /* non-writable */
    /* ArraySetLength stops at a non-configurable element */
    CHECK(js_set_property(ctx, a.v, JS_ATOM_length, js_int(0), 0) == 0);
    CHECK(js_get_int(js_get_property(ctx, a.v, JS_ATOM_length)) == 4);
    CHECK(js_has_index(ctx, a.v, 2) == 1 && js_has_index(ctx, a.v, 3) == 1);
    /* indexes past 2^31 and length up to 2^32-1 */
    CHECK(js_set_index(ctx, a.v, 4294967294LL, js_int(7), JS_THROW) == 1);
    JSValue len = js_get_property(ctx, a.v, JS_ATOM_length);
    CHECK(js_number_value(len) == 4294967295.0);
    CHECK(js_get_int(js_get_index(ctx, a.v, 4294967294LL)) == 7);
    CHECK(js_set_index(ctx, a.v, 4294967295LL, js_int(8), JS_THROW) == 1);   /* not an index */
    CHECK(js_number_value(js_get_property(ctx, a.v, JS_ATOM_length)) == 4294967295.0);
    /* non-writable length */
    JSRoot b;
    js_root_push(ctx, &b, js_new_array(ctx, 3));
    JSPropertyDescriptor ro = { JS_DESC_HAS_WRITABLE, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED };
    CHECK(js_define_property(ctx, b.v, JS_ATOM_length, &ro, 0) == 1);
    CHECK(js_set_index(ctx, b.v, 3, js_int(1), 0) == 0);
    CHECK(js_set_index(ctx, b.v, 1, js_int(1), 0) == 1);
    CHECK(js_set_property(ctx, b.v, JS_ATOM_length, js_int(5), 0) == 0);
    /* length with valueOf is converted twice */
    JSRoot c;
    js_root_push(ctx, &c, js_new_array_from(ctx, 3, (JSValue[]){ js_int(1), js_int(2), js_int(3) }));
    CHECK(js_get_int(js_get_index(ctx, c.v, 2)) == 3);
    JSRoot lenobj;
    js_root_push(ctx, &lenobj, js_new_object(ctx));
    JSValue vf = js_new_cfunction(ctx, value_of_fn, "valueOf", 0, JS_CFUNC_PLAIN, 1);
    js_set_property(ctx, lenobj.v, JS_ATOM_valueOf, vf, JS_THROW);
    CHECK(js_set_property(ctx, c.v, JS_ATOM_length, lenobj.v, JS_THROW) == 1);
    CHECK(js_get_int(js_get_property(ctx, c.v, JS_ATOM_length)) == 1);
    /* huge new Array(len) is slow but has the length */
    JSValue big = js_new_array(ctx, 100000000);
    CHECK(js_number_value(js_get_property(ctx, big, JS_ATOM_length)) == 100000000);
    js_root_pop(ctx, &a);
}

/* ---- conversions ---- */

static double num_of(const char *s)
{
    double d = 0;
    js_to_number(ctx, &d, js_new_string_cstr(ctx, s));
    return d;
}

static void test_conversions(void)
{
    CHECK(num_of("  12  ") == 12);
    CHECK(num_of("") == 0);
    CHECK(num_of(" \n\t ") == 0);
    CHECK(num_of("0x1F") == 31);
    CHECK(num_of("0b101") == 5);
    CHECK(num_of("0o17") == 15);
    CHECK(isnan(num_of("-0x1")));
    CHECK(isnan(num_of("12px")));
    CHECK(num_of("-Infinity") == -INFINITY);
    CHECK(isnan(num_of("infinity")));
    CHECK(num_of("1e3") == 1000);
    CHECK(num_of(".5") == 0.5);
    CHECK(num_of("5.") == 5);
    CHECK(signbit(num_of("-0")));
    CHECK(isnan(num_of("1_000")));
    CHECK(str_is(js_to_string(ctx, js_double(1.5)), "1.5"));
    CHECK(str_is(js_to_string(ctx, js_double(-0.0)), "0"));
    CHECK(str_is(js_to_string(ctx, js_double(1e21)), "1e+21"));
    CHECK(str_is(js_to_string(ctx, js_double(0.1 + 0.2)), "0.30000000000000004"));
    CHECK(str_is(js_to_string(ctx, js_double(NAN)), "NaN"));
    CHECK(str_is(js_to_string(ctx, js_int(-2147483647 - 1)), "-2147483648"));
    CHECK(str_is(js_to_string(ctx, JS_NULL), "null"));
    CHECK(str_is(js_to_string(ctx, JS_TRUE), "true"));
    CHECK(js_double_to_int32(4294967296.0 + 5) == 5);
    CHECK(js_double_to_int32(-1.5) == -1);
    CHECK(js_double_to_int32(2147483648.0) == -2147483647 - 1);
    CHECK(js_double_to_int32(INFINITY) == 0);
    int64_t l;
    CHECK(js_to_length(ctx, &l, js_double(-5)) == 0 && l == 0);
    CHECK(js_to_length(ctx, &l, js_double(1e300)) == 0 && l == 9007199254740991LL);
    uint64_t ix;
    CHECK(js_to_index(ctx, &ix, js_double(-1)) == -1);
    clear_exception();
    double d;
    CHECK(js_to_int_or_infinity(ctx, &d, js_double(-0.5)) == 0 && d == 0 && !signbit(d));
    CHECK(js_to_boolean(js_double(NAN)) == false);
    CHECK(js_to_boolean(js_new_string_cstr(ctx, "")) == false);
    CHECK(js_to_boolean(js_new_string_cstr(ctx, "0")) == true);
    CHECK(js_to_boolean(js_new_object(ctx)) == true);
    /* equality */
    CHECK(js_loose_equals(ctx, js_int(1), js_new_string_cstr(ctx, "1")) == 1);
    CHECK(js_loose_equals(ctx, JS_NULL, JS_UNDEFINED) == 1);
    CHECK(js_loose_equals(ctx, JS_NULL, js_int(0)) == 0);
    CHECK(js_loose_equals(ctx, JS_TRUE, js_new_string_cstr(ctx, "1")) == 1);
    CHECK(js_loose_equals(ctx, js_double(NAN), js_double(NAN)) == 0);
    CHECK(js_strict_equals(ctx, js_int(0), js_double(-0.0)));
    CHECK(!js_same_value(ctx, js_int(0), js_double(-0.0)));
    CHECK(js_same_value(ctx, js_double(NAN), js_double(NAN)));
    CHECK(js_same_value_zero(ctx, js_int(0), js_double(-0.0)));
    JSRoot o;
    js_root_push(ctx, &o, js_new_object(ctx));
    JSValue vf = js_new_cfunction(ctx, value_of_fn, "valueOf", 0, JS_CFUNC_PLAIN, 7);
    js_set_property(ctx, o.v, JS_ATOM_valueOf, vf, JS_THROW);
    CHECK(js_loose_equals(ctx, o.v, js_int(7)) == 1);
    CHECK(js_loose_equals(ctx, o.v, js_new_string_cstr(ctx, "7")) == 1);
    CHECK(js_less_than(ctx, js_int(3), o.v, true) == 1);
    CHECK(js_less_than(ctx, js_new_string_cstr(ctx, "a"), js_new_string_cstr(ctx, "b"), true) == 1);
    CHECK(js_less_than(ctx, js_double(NAN), js_int(1), true) == 0);
    /* "7" without built-ins (valueOf), "[object Object]" with them */
    JSValue os = js_to_string(ctx, o.v);
    CHECK(str_is(os, "7") || str_is(os, "[object Object]"));
    /* typeof */
    CHECK(js_typeof_atom(JS_NULL) == JS_ATOM_object);
    CHECK(js_typeof_atom(vf) == JS_ATOM_function);
    CHECK(js_typeof_atom(js_double(1)) == JS_ATOM_number);
    CHECK(js_typeof_atom(js_atom_to_value(ctx, JS_ATOM_Symbol_iterator)) == JS_ATOM_symbol);
    /* property keys */
    CHECK(js_to_property_key(ctx, js_double(1.0)) == js_atom_from_uint(1));
    CHECK(js_to_property_key(ctx, js_double(1.5)) == atom("1.5"));
    CHECK(js_to_property_key(ctx, js_double(-0.0)) == js_atom_from_uint(0));
    /* symbols cannot become numbers or strings */
    CHECK(js_to_number(ctx, &d, js_atom_to_value(ctx, JS_ATOM_Symbol_iterator)) == -1);
    clear_exception();
    CHECK(js_is_exception(js_to_string(ctx, js_atom_to_value(ctx, JS_ATOM_Symbol_iterator))));
    clear_exception();
    CHECK(str_is(js_to_string_for_display(ctx, js_atom_to_value(ctx, JS_ATOM_Symbol_iterator)), "Symbol(Symbol.iterator)"));
    /* errors */
    JSValue e = js_throw_type_error(ctx, "bad %d", 3);
    CHECK(js_is_exception(e) && js_has_exception(ctx));
    JSValue ex = js_get_exception(ctx);
    CHECK(js_is_object(ex) && str_is(js_get_property(ctx, ex, JS_ATOM_message), "bad 3"));
    CHECK(!js_has_exception(ctx));
    js_root_pop(ctx, &o);
}

/* ---- collector ---- */

static void test_gc(void)
{
    JSGCStats st0, st1;
    js_gc_collect(rt);
    js_gc_get_stats(rt, &st0);
    /* millions of short-lived cells with a few rooted */
    JSRoot keep[4];
    for (int i = 0; i < 4; i++)
        js_root_push(ctx, &keep[i], JS_UNDEFINED);
    int iters = 2000000 / scale;
    for (int i = 0; i < iters; i++) {
        JSValue o = js_new_object(ctx);
        if (js_is_exception(o))
            break;
        if (i % 500000 == 0)
            keep[i / 500000 % 4].v = o;
        if (i % 3 == 0)
            js_new_string_fmt(ctx, "s%d", i);
    }
    js_gc_collect(rt);
    js_gc_get_stats(rt, &st1);
    CHECK(js_is_object(keep[0].v));
    CHECK(st1.heap_bytes < st0.heap_bytes + (32u << 20));
    CHECK(st1.collections > st0.collections);

    /* a million-long linked list survives a collection */
    JSRoot head;
    js_root_push(ctx, &head, JS_NULL);
    int len = 1000000 / scale;
    JSAtom next = atom("next");
    for (int i = 0; i < len; i++) {
        JSValue n = js_new_object(ctx);
        if (js_is_exception(n))
            break;
        JSRoot rn;
        js_root_push(ctx, &rn, n);
        js_set_property(ctx, rn.v, next, head.v, JS_THROW);
        js_set_property(ctx, rn.v, JS_ATOM_value, js_int(i), JS_THROW);
        head.v = rn.v;
        js_root_pop(ctx, &rn);
    }
    js_gc_collect(rt);
    int count = 0;
    bool ok = true;
    for (JSValue p = head.v; js_is_object(p); p = js_get_property(ctx, p, next)) {
        JSValue v = js_get_property(ctx, p, JS_ATOM_value);
        ok &= js_is_int(v) && js_get_int(v) == len - 1 - count;
        count++;
    }
    CHECK(count == len && ok);
    head.v = JS_NULL;
    js_gc_collect(rt);

    /* a deep rope marks without recursion */
    JSRoot rope;
    js_root_push(ctx, &rope, js_new_string_cstr(ctx, "0123456789012345678901234567890123456789"));
    for (int i = 0; i < 200000 / scale; i++) {
        rope.v = js_string_concat(ctx, rope.v, js_new_string_char(ctx, 'x'));
        if (js_is_exception(rope.v))
            break;
    }
    js_gc_collect(rt);
    CHECK(js_string_char_at(ctx, rope.v, 45) == 'x');

    /* memory limit gives a catchable error */
    size_t saved = rt->memory_limit;
    JSGCStats st;
    js_gc_get_stats(rt, &st);
    rt->memory_limit = st.heap_bytes + st.malloc_bytes + (4u << 20) / (unsigned)scale;
    JSRoot arr;
    js_root_push(ctx, &arr, js_new_array(ctx, 0));
    bool got_oom = false;
    for (int i = 0; i < 10000000; i++) {
        JSValue s = js_new_string_fmt(ctx, "%0100d", i);
        if (js_is_exception(s) || js_array_push_fast(ctx, JS_VALUE_GET_OBJ(arr.v), s) < 0) {
            got_oom = true;
            break;
        }
    }
    CHECK(got_oom);
    JSValue oom = js_get_exception(ctx);
    CHECK(js_is_object(oom) || js_is_string(oom));
    arr.v = JS_UNDEFINED;
    rt->memory_limit = saved;
    js_gc_collect(rt);
    CHECK(js_is_object(js_new_object(ctx)));
    js_root_pop(ctx, &keep[0]);
}

int main(void)
{
    const char *stress = getenv("QJS_GC_STRESS");
    if (stress && *stress)
        scale = 200;
    rt = js_new_runtime();
    if (!rt) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    ctx = js_new_context(rt);
    CHECK(ctx != NULL);
    if (ctx) {
        test_strings();
        test_slices();
        test_atoms();
        test_objects();
        test_arrays();
        test_conversions();
        test_gc();
        CHECK(rt->roots == NULL);
    }
    js_free_runtime(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
