/* Unit tests for unicode.c and its generated tables: identifier and space
 * classes, full and simple case mapping, simple folding, normalization
 * (including Hangul and canonical ordering), property sets and the /v
 * string properties. Prints "N passed, N failed"; exits non-zero on any
 * failure. */
#include <stdio.h>
#include <string.h>

#include "unicode/unicode.h"

static int passed, failed;

static void check(bool ok, const char *what, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL line %d: %s\n", line, what);
    }
}

#define CHECK(x) check((x), #x, __LINE__)

/* Compares a mapping result with an expected list of code points. */
static bool seq_eq(const uint32_t *got, size_t n, const uint32_t *exp,
                   size_t m)
{
    return n == m && memcmp(got, exp, n * sizeof *got) == 0;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool upper_is(uint32_t c, const uint32_t *exp, size_t m)
{
    uint32_t out[3];
    int n = js_uni_to_upper(c, out);
    return seq_eq(out, (size_t)n, exp, m);
}

static bool lower_is(uint32_t c, const uint32_t *exp, size_t m)
{
    uint32_t out[3];
    int n = js_uni_to_lower(c, out);
    return seq_eq(out, (size_t)n, exp, m);
}

#define UPPER(c, ...) do { \
        static const uint32_t e_[] = { __VA_ARGS__ }; \
        check(upper_is((c), e_, N(e_)), "upper " #c " -> " #__VA_ARGS__, \
              __LINE__); \
    } while (0)
#define LOWER(c, ...) do { \
        static const uint32_t e_[] = { __VA_ARGS__ }; \
        check(lower_is((c), e_, N(e_)), "lower " #c " -> " #__VA_ARGS__, \
              __LINE__); \
    } while (0)

static bool norm_is(int form, const uint32_t *in, size_t n,
                    const uint32_t *exp, size_t m)
{
    uint32_t out[64];
    size_t len = js_uni_normalize(form, in, n, out, N(out));
    return len <= N(out) && seq_eq(out, len, exp, m);
}

/* NORM(form, {input...}, expected...) */
#define NORM(form, IN, ...) do { \
        static const uint32_t i_[] = IN; \
        static const uint32_t e_[] = { __VA_ARGS__ }; \
        check(norm_is((form), i_, N(i_), e_, N(e_)), \
              #form " " #IN " -> " #__VA_ARGS__, __LINE__); \
    } while (0)
#define L(...) { __VA_ARGS__ }

static void test_identifiers(void)
{
    CHECK(js_uni_is_id_start('a') && js_uni_is_id_start('Z'));
    CHECK(!js_uni_is_id_start('0') && js_uni_is_id_continue('0'));
    CHECK(!js_uni_is_id_start('$') && !js_uni_is_id_continue('$'));
    CHECK(!js_uni_is_id_start('_') && js_uni_is_id_continue('_'));
    CHECK(!js_uni_is_id_start(' ') && !js_uni_is_id_continue('-'));
    CHECK(js_uni_is_id_start(0xAA) && js_uni_is_id_start(0xB5));
    CHECK(!js_uni_is_id_start(0xB7) && js_uni_is_id_continue(0xB7));
    CHECK(!js_uni_is_id_start(0xD7) && js_uni_is_id_start(0xD8));
    CHECK(js_uni_is_id_start(0x3B1) && js_uni_is_id_start(0x4E00));
    CHECK(!js_uni_is_id_start(0x300) && js_uni_is_id_continue(0x300));
    CHECK(js_uni_is_id_start(0x2118) && js_uni_is_id_start(0x212E));
    CHECK(js_uni_is_id_start(0x1885) && js_uni_is_id_start(0x309B));
    CHECK(js_uni_is_id_continue(0x30FB) && !js_uni_is_id_start(0x30FB));
    /* ZWNJ and ZWJ are ID_Continue since Unicode 15.1. */
    CHECK(js_uni_is_id_continue(0x200C) && !js_uni_is_id_start(0x200D));
    CHECK(!js_uni_is_id_start(0xFEFF) && !js_uni_is_id_continue(0x2E2F));
    CHECK(js_uni_is_id_start(0x10940));           /* Sidetic, Unicode 17 */
    CHECK(js_uni_is_id_start(0x16EA0));           /* Beria Erfe, Unicode 17 */
    CHECK(js_uni_is_id_start(0x20000) && js_uni_is_id_start(0x323AF));
    CHECK(!js_uni_is_id_start(0x110000) && !js_uni_is_id_continue(0xFFFFFFFF));
    CHECK(!js_uni_is_id_start(0xD800) && !js_uni_is_id_continue(0xDFFF));
}

static void test_spaces(void)
{
    static const uint32_t yes[] = { 9, 0x0B, 0x0C, 0x20, 0xA0, 0x1680,
                                    0x2000, 0x2005, 0x200A, 0x202F, 0x205F,
                                    0x3000, 0xFEFF };
    static const uint32_t no[] = { 0x0A, 0x0D, 0x2028, 0x2029, 0x180E,
                                   0x200B, 0x85, 0x1F, 'a', 0x1D };
    for (size_t i = 0; i < N(yes); i++)
        check(js_uni_is_space(yes[i]), "space yes", __LINE__);
    for (size_t i = 0; i < N(no); i++)
        check(!js_uni_is_space(no[i]), "space no", __LINE__);
}

static void test_case_mapping(void)
{
    UPPER('a', 'A');
    UPPER('A', 'A');
    UPPER('1', '1');
    LOWER('Z', 'z');
    UPPER(0xDF, 'S', 'S');                     /* sharp s */
    UPPER(0xFB00, 'F', 'F');
    UPPER(0x149, 0x2BC, 'N');
    UPPER(0x390, 0x399, 0x308, 0x301);         /* three code points */
    UPPER(0x1F80, 0x1F08, 0x399);
    UPPER(0x1FB3, 0x391, 0x399);
    UPPER(0xB5, 0x39C);
    UPPER(0xFF, 0x178);
    UPPER(0x131, 'I');
    UPPER(0x17F, 'S');
    UPPER(0x1C5, 0x1C4);
    UPPER(0x10428, 0x10400);
    UPPER(0x1E9E, 0x1E9E);
    UPPER(0x2C65, 0x23A);
    LOWER(0x130, 'i', 0x307);                  /* dotted capital I */
    LOWER(0x3A3, 0x3C3);                       /* final sigma: caller */
    LOWER(0x1C5, 0x1C6);
    LOWER(0x212A, 'k');
    LOWER(0x1E9E, 0xDF);
    LOWER(0x23A, 0x2C65);
    LOWER(0x10400, 0x10428);
    LOWER(0x1F88, 0x1F80);
    LOWER(0xDF, 0xDF);
    LOWER(0x4E00, 0x4E00);
    /* Simple uppercase (non-unicode RegExp /i). */
    CHECK(js_uni_simple_upper('q') == 'Q');
    CHECK(js_uni_simple_upper(0xDF) == 0xDF);
    CHECK(js_uni_simple_upper(0x149) == 0x149);
    CHECK(js_uni_simple_upper(0x1F80) == 0x1F88);
    CHECK(js_uni_simple_upper(0xB5) == 0x39C);
    CHECK(js_uni_simple_upper(0x1C6) == 0x1C4 && js_uni_simple_upper(0x1C5) == 0x1C4);
    CHECK(js_uni_simple_upper(0x101) == 0x100 && js_uni_simple_upper(0x100) == 0x100);
    CHECK(js_uni_simple_upper(0x17F) == 'S');
    /* Simple case folding (C + S). */
    CHECK(js_uni_simple_fold('A') == 'a' && js_uni_simple_fold('a') == 'a');
    CHECK(js_uni_simple_fold(0x212A) == 'k' && js_uni_simple_fold(0x17F) == 's');
    CHECK(js_uni_simple_fold(0x3C2) == 0x3C3 && js_uni_simple_fold(0x3A3) == 0x3C3);
    CHECK(js_uni_simple_fold(0x1E9E) == 0xDF);    /* status S */
    CHECK(js_uni_simple_fold(0xDF) == 0xDF);      /* F only */
    CHECK(js_uni_simple_fold(0x130) == 0x130);    /* T and F only */
    CHECK(js_uni_simple_fold(0x1F88) == 0x1F80);  /* status S */
    CHECK(js_uni_simple_fold(0x13F8) == 0x13F0);  /* Cherokee */
    CHECK(js_uni_simple_fold(0xAB70) == 0x13A0);
    CHECK(js_uni_simple_fold(0x10400) == 0x10428);
    CHECK(js_uni_simple_fold(0x100) == 0x101 && js_uni_simple_fold(0x101) == 0x101);
    CHECK(js_uni_simple_fold(0x1E921) == 0x1E943);
    CHECK(js_uni_simple_fold(0x10FFFF) == 0x10FFFF);
}

static void test_normalization(void)
{
    /* The UAX #15 example: long s with dot above and dot below. */
    NORM(UNI_NFC, L(0x1E9B, 0x323), 0x1E9B, 0x323);
    NORM(UNI_NFD, L(0x1E9B, 0x323), 0x17F, 0x323, 0x307);
    NORM(UNI_NFKC, L(0x1E9B, 0x323), 0x1E69);
    NORM(UNI_NFKD, L(0x1E9B, 0x323), 's', 0x323, 0x307);
    /* Composition and singletons. */
    NORM(UNI_NFC, L('A', 0x30A), 0xC5);
    NORM(UNI_NFC, L(0x212B), 0xC5);
    NORM(UNI_NFD, L(0x212B), 'A', 0x30A);
    NORM(UNI_NFC, L(0x2126), 0x3A9);
    NORM(UNI_NFD, L(0xC5), 'A', 0x30A);
    /* Canonical ordering, then composition around a blocked mark. */
    NORM(UNI_NFD, L('a', 0x301, 0x323), 'a', 0x323, 0x301);
    NORM(UNI_NFC, L('a', 0x301, 0x323), 0x1EA1, 0x301);
    NORM(UNI_NFC, L('e', 0x302, 0x301), 0x1EBF);
    NORM(UNI_NFC, L('e', 0x301, 0x301), 0xE9, 0x301);
    /* Composition exclusion: stays decomposed in NFC. */
    NORM(UNI_NFC, L(0x958), 0x915, 0x93C);
    NORM(UNI_NFC, L(0x915, 0x93C), 0x915, 0x93C);
    /* Compatibility decompositions. */
    NORM(UNI_NFKD, L(0xFB01), 'f', 'i');
    NORM(UNI_NFKC, L(0xA0), ' ');
    NORM(UNI_NFC, L(0xA0), 0xA0);
    NORM(UNI_NFKC, L(0x2460), '1');
    NORM(UNI_NFKC, L(0xFF76, 0xFF9E), 0x30AC);
    NORM(UNI_NFKC, L(0x3392), 'M', 'H', 'z');
    /* Hangul, algorithmic both ways. */
    NORM(UNI_NFD, L(0xAC00), 0x1100, 0x1161);
    NORM(UNI_NFD, L(0xAC01), 0x1100, 0x1161, 0x11A8);
    NORM(UNI_NFD, L(0xD7A3), 0x1112, 0x1175, 0x11C2);
    NORM(UNI_NFC, L(0x1100, 0x1161), 0xAC00);
    NORM(UNI_NFC, L(0x1100, 0x1161, 0x11A8), 0xAC01);
    NORM(UNI_NFC, L(0xAC00, 0x11A8), 0xAC01);
    NORM(UNI_NFC, L(0xAC01, 0x11A8), 0xAC01, 0x11A8);
    NORM(UNI_NFKC, L(0x3131, 0x314F), 0xAC00);
    /* Unicode 16/17 marks take part in canonical ordering. */
    CHECK(js_uni_combining_class(0x301) == 230);
    CHECK(js_uni_combining_class(0x323) == 220);
    CHECK(js_uni_combining_class('a') == 0 && js_uni_combining_class(0xAC00) == 0);
    CHECK(js_uni_combining_class(0x1AEB) > 230);
    NORM(UNI_NFD, L('a', 0x1AEB, 0x301), 'a', 0x301, 0x1AEB);
    /* Empty input, ASCII, and a too-small buffer. */
    {
        uint32_t out[4];
        CHECK(js_uni_normalize(UNI_NFC, NULL, 0, out, 4) == 0);
        static const uint32_t in[] = { 0xAC01, 0xFB01 };
        CHECK(js_uni_normalize(UNI_NFKD, in, 2, out, 4) == 5);
        uint32_t big[5];
        CHECK(js_uni_normalize(UNI_NFKD, in, 2, big, 5) == 5 && big[4] == 'i');
        /* NFKC first answers the decomposed length (an upper bound). */
        size_t need = js_uni_normalize(UNI_NFKC, in, 2, out, 1);
        CHECK(need == 5);
        CHECK(js_uni_normalize(UNI_NFKC, in, 2, big, need) == 3 &&
              big[0] == 0xAC01 && big[1] == 'f' && big[2] == 'i');
    }
    NORM(UNI_NFC, L('J', 's'), 'J', 's');
}

static bool prop_has(const char *name, const char *value, uint32_t c)
{
    UniPropSet s;
    return js_uni_property_set(name, value, &s) && js_uni_prop_set_contains(&s, c);
}

static bool prop_ok(const char *name, const char *value)
{
    UniPropSet s;
    return js_uni_property_set(name, value, &s);
}

/* The only range of a one-range set. */
static bool only_range(const UniPropSet *s, uint32_t b, uint32_t e)
{
    UniSetIter it;
    uint32_t rb, re;
    js_uni_set_iter_init(&it, s);
    return s->count == 1 && js_uni_set_iter_next(&it, &rb, &re) && rb == b &&
           re == e && !js_uni_set_iter_next(&it, &rb, &re);
}

/* Every set read back is sorted, disjoint and non-adjacent. */
static bool well_formed(const char *value)
{
    UniPropSet s;
    UniSetIter it;
    uint32_t b, e, prev = 0;
    size_t n = 0;
    if (!js_uni_property_set(NULL, value, &s))
        return false;
    js_uni_set_iter_init(&it, &s);
    while (js_uni_set_iter_next(&it, &b, &e)) {
        if (b >= e || e > 0x110000 || (n > 0 && b <= prev))
            return false;
        prev = e;
        n++;
    }
    return n == s.count;
}

static void test_properties(void)
{
    UniPropSet s;
    CHECK(prop_ok(NULL, "Any") && prop_has(NULL, "Any", 0) &&
          prop_has(NULL, "Any", 0x10FFFF));
    CHECK(js_uni_property_set(NULL, "Any", &s) && only_range(&s, 0, 0x110000));
    CHECK(js_uni_property_set(NULL, "ASCII", &s) && only_range(&s, 0, 0x80));
    CHECK(well_formed("L") && well_formed("Cn") && well_formed("Alphabetic") &&
          well_formed("Any"));
    CHECK(!prop_has(NULL, "Assigned", 0x378) && prop_has(NULL, "Assigned", 'a'));
    CHECK(prop_has(NULL, "Alphabetic", 0x3B1) && prop_has(NULL, "Alpha", 'x'));
    CHECK(!prop_has(NULL, "Alpha", '1'));
    CHECK(prop_has(NULL, "L", 'a') && !prop_has(NULL, "L", '1'));
    CHECK(prop_has(NULL, "Lu", 'A') && !prop_has(NULL, "Lu", 'a'));
    CHECK(prop_has(NULL, "Uppercase_Letter", 0x100));
    CHECK(prop_has(NULL, "LC", 'a') && prop_has("gc", "Cased_Letter", 0x1C5));
    CHECK(prop_has("General_Category", "Nd", '7'));
    CHECK(prop_has("gc", "digit", 0x663) && prop_has(NULL, "punct", '!'));
    CHECK(prop_has("gc", "Combining_Mark", 0x301) && prop_has(NULL, "cntrl", 0));
    CHECK(prop_has(NULL, "Cn", 0x378) && prop_has(NULL, "Unassigned", 0x10FFFF));
    CHECK(prop_has(NULL, "Cs", 0xD800) && prop_has(NULL, "Co", 0xE000));
    CHECK(prop_has("Script", "Greek", 0x3B1) && prop_has("sc", "Grek", 0x3B1));
    CHECK(!prop_has("sc", "Latin", 0x3B1) && prop_has("sc", "Latn", 'a'));
    CHECK(prop_has("sc", "Zyyy", '1') && prop_has("sc", "Common", ' '));
    CHECK(prop_has("sc", "Qaac", 0x2C80) && prop_has("sc", "Zinh", 0x300));
    CHECK(prop_has("sc", "Qaai", 0x300) && prop_has("sc", "Inherited", 0x301));
    CHECK(!prop_has("sc", "Devanagari", 0x964) &&
          prop_has("scx", "Deva", 0x964) &&
          prop_has("Script_Extensions", "Bengali", 0x964));
    CHECK(prop_has("sc", "Sidt", 0x10940) && prop_has("sc", "Tai_Yo", 0x1E6C0));
    CHECK(prop_has("sc", "Unknown", 0x378) && prop_has("scx", "Zzzz", 0x378));
    CHECK(prop_has(NULL, "ID_Start", 'a') && prop_has(NULL, "IDC", '0'));
    CHECK(prop_has(NULL, "XIDS", 'a') && !prop_has(NULL, "XID_Start", 0x2E2F));
    CHECK(prop_has(NULL, "White_Space", 0x85) && prop_has(NULL, "space", 0x3000));
    CHECK(prop_has(NULL, "Emoji", 0x1F600) && prop_has(NULL, "EPres", 0x1F600));
    CHECK(prop_has(NULL, "ExtPict", 0xA9) && prop_has(NULL, "RI", 0x1F1E6));
    CHECK(prop_has(NULL, "Hex", 'f') && prop_has(NULL, "AHex", 'F') &&
          !prop_has(NULL, "AHex", 0xFF21) && prop_has(NULL, "Hex", 0xFF21));
    CHECK(prop_has(NULL, "CWCF", 'A') && prop_has(NULL, "CWKCF", 0xA0));
    CHECK(prop_has(NULL, "NChar", 0xFFFF) && prop_has(NULL, "VS", 0xFE0F));
    CHECK(prop_has(NULL, "Lower", 'a') && prop_has(NULL, "Upper", 'A'));
    /* Rejected: wrong kind, loose spelling, non-ECMAScript names. */
    CHECK(!prop_ok("sc", "Lu") && !prop_ok("gc", "Greek"));
    CHECK(!prop_ok("General_Category", "Alphabetic"));
    CHECK(!prop_ok(NULL, "Greek") && !prop_ok(NULL, "Latn"));
    CHECK(!prop_ok(NULL, "ascii") && !prop_ok(NULL, "any"));
    CHECK(!prop_ok(NULL, "Lowercase_letter") && !prop_ok(NULL, "L&"));
    CHECK(!prop_ok(NULL, "IsGreek") && !prop_ok(NULL, "InGreek"));
    CHECK(!prop_ok("Block", "Basic_Latin") && !prop_ok("Script", NULL));
    CHECK(!prop_ok("sc", "Hrkt") && !prop_ok("scx", "Katakana_Or_Hiragana"));
    CHECK(!prop_ok(NULL, "Composition_Exclusion") &&
          !prop_ok(NULL, "Other_Alphabetic") && !prop_ok(NULL, "InCB"));
    CHECK(!prop_ok(NULL, "Basic_Emoji") && !prop_ok("ASCII", "Y"));
    CHECK(!prop_ok(NULL, "") && !prop_ok("", "L"));
}

static bool has_string(const char *prop, const uint32_t *s, uint32_t len,
                       size_t *count)
{
    UniStringIter it;
    bool found = false;
    *count = 0;
    if (!js_uni_string_property(prop, &it))
        return false;
    while (js_uni_string_iter_next(&it)) {
        ++*count;
        if (it.len == len && memcmp(it.cps, s, len * sizeof *s) == 0)
            found = true;
    }
    return found;
}

static void test_strings(void)
{
    UniStringIter it;
    size_t n;
    static const uint32_t keycap[] = { '#', 0xFE0F, 0x20E3 };
    static const uint32_t flag_us[] = { 0x1F1FA, 0x1F1F8 };
    static const uint32_t smile[] = { 0x1F600 };
    static const uint32_t family[] = { 0x1F468, 0x200D, 0x1F469, 0x200D,
                                       0x1F467 };
    CHECK(has_string("Emoji_Keycap_Sequence", keycap, 3, &n) && n == 12);
    CHECK(has_string("RGI_Emoji_Flag_Sequence", flag_us, 2, &n) &&
          !has_string("RGI_Emoji_Flag_Sequence", keycap, 3, &n));
    CHECK(has_string("Basic_Emoji", smile, 1, &n));
    CHECK(has_string("RGI_Emoji_ZWJ_Sequence", family, 5, &n));
    CHECK(!has_string("RGI_Emoji_Tag_Sequence", family, 5, &n) && n == 3);
    CHECK(!has_string("RGI_Emoji_Modifier_Sequence", family, 5, &n) &&
          n > 600);
    size_t total = 0;
    static const char *parts[] = { "Basic_Emoji", "Emoji_Keycap_Sequence",
        "RGI_Emoji_Modifier_Sequence", "RGI_Emoji_Flag_Sequence",
        "RGI_Emoji_Tag_Sequence", "RGI_Emoji_ZWJ_Sequence" };
    for (size_t i = 0; i < N(parts); i++) {
        has_string(parts[i], smile, 0, &n);
        total += n;
    }
    CHECK(has_string("RGI_Emoji", family, 5, &n) && n == total &&
          has_string("RGI_Emoji", keycap, 3, &n));
    CHECK(!js_uni_string_property("Emoji", &it));
    CHECK(!js_uni_string_property("rgi_emoji", &it));
}

int main(void)
{
    test_identifiers();
    test_spaces();
    test_case_mapping();
    test_normalization();
    test_properties();
    test_strings();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
