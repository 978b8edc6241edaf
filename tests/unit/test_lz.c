/* test_lz: the LZ77 expander (engine/src/lz/lz.c) on the Web bundles as
 * the build compressed them: each expands to its raw size and reads as
 * bytecode; every truncation and every flipped byte of one is either
 * rejected or expands within the buffer (ASan in the stress build checks
 * "never reads or writes outside"); hand-made bad streams are rejected.
 * The packed tables (tools/lz_pack.c): delta columns round-trip, and
 * threads that ask for a table at the same moment get one expansion
 * (the IDNA tables, the engine's cold Unicode tables). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "qjs.h"
#include "lz.h"
#include "web_idna_tables.h"
#include "unicode/unicode.h"
#include "unit_check.h"

#define BUNDLES(X) X(misc) X(encoding) X(events) X(url) X(clone)
#define DECLARE(b) extern const uint8_t js_rt_web_##b[]; \
    extern const size_t js_rt_web_##b##_size, js_rt_web_##b##_raw_size;
BUNDLES(DECLARE)

static void check_bundle(QJSContext *ctx, const uint8_t *z, size_t zlen, size_t raw)
{
    uint8_t *out = malloc(raw);
    CHECK(out && js_lz_expand(z, zlen, out, raw) == 0);
    CHECK(zlen < raw);                               /* it does compress */
    QJSValue unit = qjs_read_bytecode(ctx, out, raw);
    CHECK(!qjs_is_exception(unit));
    CHECK(js_lz_expand(z, zlen, out, raw - 1) < 0);  /* exact size only */
    free(out);
}

/* Delta columns of both widths and two strides encode and decode back. */
static void check_deltas(void)
{
    struct Cols { uint32_t a[7]; uint16_t b[6]; } t = {
        { 5, 0xffffff00u, 7, 7, 100, 3, 0 }, { 1, 2, 0xffff, 0, 9, 9 } }, orig = t;
    JSLzDelta da = { offsetof(struct Cols, a), 7, 4, 1 };
    JSLzDelta db = { offsetof(struct Cols, b), 6, 2, 3 };
    js_lz_delta_encode(&t, &da);
    js_lz_delta_encode(&t, &db);
    CHECK(t.a[0] == 5 && t.a[1] == 0xffffff00u - 5 && t.a[2] == 7 - 0xffffff00u);
    CHECK(t.b[0] == 1 && t.b[3] == 0xffff && t.b[5] == (uint16_t)(9 - 0xffff));
    js_lz_delta_decode(&t, &da);
    js_lz_delta_decode(&t, &db);
    CHECK(memcmp(&t, &orig, sizeof t) == 0);
}

extern JSLzTable js_rt_idna_lz;

static void *get_idna(void *arg)
{
    return (void *)js_lz_table(&js_rt_idna_lz, sizeof(WebIdnaTables));
}

/* The IDNA tables, asked for by four threads at once: one buffer, and
 * the data reads right (sorted rows; 'A' maps to "a"). */
static void check_idna(void)
{
    CHECK(!atomic_load(&js_rt_idna_lz.ready));
    pthread_t th[4];
    void *got[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&th[i], NULL, get_idna, NULL) == 0);
    for (int i = 0; i < 4; i++)
        CHECK(pthread_join(th[i], &got[i]) == 0 && got[i] == js_rt_idna_lz.out);
    const WebIdnaTables *t = got[0];
    size_t n = sizeof t->ranges / sizeof t->ranges[0], sorted = 1, row = 0;
    for (size_t i = 1; i < n; i++) {
        sorted &= (t->ranges[i] >> 3) > (t->ranges[i - 1] >> 3);
        if (t->ranges[i] >> 3 <= 'A')
            row = i;
    }
    CHECK(sorted && t->ranges[0] >> 3 == 0);
    CHECK((t->ranges[row] & 7) == WEB_IDNA_MAPPED && !strcmp(t->pool + t->map[row], "a"));
    CHECK(js_lz_table(&js_rt_idna_lz, sizeof(WebIdnaTables)) == t);
    /* every truncation of its stream is rejected */
    uint8_t *out = malloc(js_rt_idna_lz.out_len);
    int rejected = 0;
    for (size_t len = 0; len < js_rt_idna_lz.in_len; len += 7)
        rejected += js_lz_expand(js_rt_idna_lz.in, len, out, js_rt_idna_lz.out_len) < 0;
    CHECK(rejected == (int)((js_rt_idna_lz.in_len + 6) / 7));
    free(out);
}

extern JSLzTable js_uni_ident_lz, js_uni_norm_lz, js_uni_props_lz, js_uni_strings_lz;

/* One thread's use of each cold Unicode table. */
static void *use_unicode(void *arg)
{
    int *ok = arg;
    uint32_t in[1] = { 0xE9 }, out[4];
    *ok = js_uni_normalize(UNI_NFD, in, 1, out, 4) == 2 && out[0] == 'e' && out[1] == 0x301;
    UniPropSet set;
    *ok &= js_uni_property_set("Script", "Greek", &set) && js_uni_prop_set_contains(&set, 0x3A3) &&
        !js_uni_prop_set_contains(&set, 'a');
    UniStringIter it;
    size_t n = 0;
    *ok &= js_uni_string_property("Emoji_Keycap_Sequence", &it);
    while (js_uni_string_iter_next(&it))
        n += it.len == 3 && it.cps[1] == 0xFE0F && it.cps[2] == 0x20E3;
    *ok &= n == 12;             /* #, *, 0-9 */
    *ok &= js_uni_is_id_start(0x3A3) && !js_uni_is_id_start(0x300) && js_uni_is_id_continue(0x300);
    return NULL;
}

/* The cold Unicode tables: ASCII text normalizes and ASCII identifier
 * characters classify without them; four
 * threads that need them at once all read them right. */
static void check_unicode(void)
{
    uint32_t in[3] = { 'a', 'b', 0x9F }, out[3];
    CHECK(js_uni_normalize(UNI_NFKC, in, 3, out, 3) == 3 && out[2] == 0x9F);
    CHECK(js_uni_normalize(UNI_NFD, in, 3, out, 2) == 3);     /* too small: the length */
    CHECK(js_uni_is_id_start('a') && js_uni_is_id_continue('_'));   /* ASCII: no tables */
    CHECK(!atomic_load(&js_uni_norm_lz.ready) && !atomic_load(&js_uni_props_lz.ready) &&
          !atomic_load(&js_uni_strings_lz.ready) && !atomic_load(&js_uni_ident_lz.ready));
    pthread_t th[4];
    int ok[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&th[i], NULL, use_unicode, &ok[i]) == 0);
    for (int i = 0; i < 4; i++)
        CHECK(pthread_join(th[i], NULL) == 0 && ok[i]);
    CHECK(atomic_load(&js_uni_norm_lz.ready) && atomic_load(&js_uni_props_lz.ready) &&
          atomic_load(&js_uni_strings_lz.ready) && atomic_load(&js_uni_ident_lz.ready));
}

int main(void)
{
    check_deltas();
    check_idna();
    check_unicode();
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
#define CHECK_BUNDLE(b) check_bundle(ctx, js_rt_web_##b, js_rt_web_##b##_size, js_rt_web_##b##_raw_size);
    BUNDLES(CHECK_BUNDLE)

    /* Damaged copies of the smallest bundle. */
    size_t n = js_rt_web_clone_size, raw = js_rt_web_clone_raw_size;
    uint8_t *z = malloc(n), *out = malloc(raw);
    int rejected = 0;
    for (size_t len = 0; len < n; len++)
        rejected += js_lz_expand(js_rt_web_clone, len, out, raw) < 0;
    CHECK(rejected == (int)n);                        /* every truncation */
    for (size_t i = 0; i < n; i++) {
        memcpy(z, js_rt_web_clone, n);
        z[i] ^= 0x5a;
        (void)js_lz_expand(z, n, out, raw);           /* must not crash */
    }
    free(z);
    free(out);

    uint8_t buf[64];
    static const uint8_t zero_dist[] = { 0x10, 'a', 0, 0 };        /* distance 0 */
    static const uint8_t far_dist[] = { 0x10, 'a', 2, 0 };         /* before the start */
    static const uint8_t long_lit[] = { 0xf0, 200, 'a' };          /* literals past the input */
    static const uint8_t long_ext[] = { 0xf0, 255, 255 };          /* extension past the input */
    static const uint8_t ok[] = { 0x1f, 'a', 1, 0, 2, 0x10, 'b' }; /* 'a' x 22, then 'b' */
    CHECK(js_lz_expand(zero_dist, sizeof zero_dist, buf, 5) < 0);
    CHECK(js_lz_expand(far_dist, sizeof far_dist, buf, 5) < 0);
    CHECK(js_lz_expand(long_lit, sizeof long_lit, buf, sizeof buf) < 0);
    CHECK(js_lz_expand(long_ext, sizeof long_ext, buf, sizeof buf) < 0);
    CHECK(js_lz_expand(ok, sizeof ok, buf, 23) == 0 && buf[0] == 'a' && buf[21] == 'a' && buf[22] == 'b');
    CHECK(js_lz_expand(ok, sizeof ok, buf, 20) < 0);                  /* output too small */

    qjs_runtime_free(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
