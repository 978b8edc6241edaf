/* Unit tests of the Map/Set hash table (engine/src/builtins/hashmap.c):
 * SameValueZero keys, insertion order, tombstones and compaction with
 * attached cursors, clear() with live cursors. Driven from C; prints
 * "N passed, N failed" and exits non-zero on failure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "context.h"
#include "builtins/hashmap.h"

#include "unit_check.h"

static JSRuntime *rt;
static JSContext *ctx;

static JSValue norm(JSValue v)
{
    if (js_hashmap_normalize_key(ctx, &v) < 0)
        abort();
    return v;
}

static void test_numbers(void)
{
    JSHashMap m = { 0 };
    CHECK(js_hashmap_set(ctx, &m, norm(js_double(-0.0)), js_int(1)) == 0);
    CHECK(js_hashmap_find(rt, &m, norm(js_int(0))) != NULL);
    CHECK(js_hashmap_find(rt, &m, norm(js_double(0.0)))->value == js_int(1));
    CHECK(js_hashmap_set(ctx, &m, norm(js_double(NAN)), js_int(2)) == 0);
    CHECK(js_hashmap_find(rt, &m, norm(js_double(0.0 / 0.0 * -1))) != NULL);
    CHECK(js_hashmap_set(ctx, &m, norm(js_double(3.0)), js_int(3)) == 0);
    CHECK(js_hashmap_find(rt, &m, norm(js_int(3)))->value == js_int(3));
    CHECK(js_hashmap_find(rt, &m, norm(js_double(3.5))) == NULL);
    CHECK(m.count == 3);
    CHECK(!js_hashmap_delete(rt, &m, norm(js_int(7))));
    CHECK(js_hashmap_delete(rt, &m, norm(js_double(-0.0))));
    CHECK(m.count == 2);
    js_hashmap_free(rt, &m);
}

static void test_order_and_cursors(void)
{
    JSHashMap m = { 0 };
    JSMapCursor a, b;
    for (int i = 0; i < 10; i++)
        js_hashmap_set(ctx, &m, js_int(i), js_int(i * 10));
    js_hashmap_cursor_attach(&m, &a, NULL);
    js_hashmap_cursor_attach(&m, &b, NULL);
    CHECK(js_hashmap_cursor_next(&m, &a)->key == js_int(0));
    CHECK(js_hashmap_cursor_next(&m, &a)->key == js_int(1));
    /* delete around the cursor, then force compactions by churning */
    js_hashmap_delete(rt, &m, js_int(1));
    js_hashmap_delete(rt, &m, js_int(2));
    js_hashmap_delete(rt, &m, js_int(0));
    for (int i = 100; i < 1000; i++) {
        js_hashmap_set(ctx, &m, js_int(i), JS_UNDEFINED);
        js_hashmap_delete(rt, &m, js_int(i));
    }
    CHECK(m.count == 7);
    CHECK(m.used < 100);   /* the tombstones were compacted away */
    CHECK(js_hashmap_cursor_next(&m, &a)->key == js_int(3));
    CHECK(js_hashmap_cursor_next(&m, &b)->key == js_int(3));
    js_hashmap_set(ctx, &m, js_int(50), JS_UNDEFINED);
    int n = 0;
    JSMapEntry *e, *last = NULL;
    while ((e = js_hashmap_cursor_next(&m, &a))) {
        n++;
        last = e;
    }
    CHECK(n == 7 && last && last->key == js_int(50));   /* 4..9 and 50 */
    /* clear: the cursors restart with entries added afterwards */
    js_hashmap_clear(rt, &m);
    CHECK(m.count == 0);
    CHECK(js_hashmap_cursor_next(&m, &b) == NULL);
    js_hashmap_set(ctx, &m, js_int(77), JS_UNDEFINED);
    CHECK(js_hashmap_cursor_next(&m, &b)->key == js_int(77));
    CHECK(js_hashmap_cursor_next(&m, &a)->key == js_int(77));
    js_hashmap_cursor_detach(&a);
    js_hashmap_cursor_detach(&b);
    CHECK(m.cursors == NULL);
    js_hashmap_free(rt, &m);
}

static void test_strings(void)
{
    JSHashMap m = { 0 };
    JSRoot r1, r2, r3, ra, rb;
    js_root_push(ctx, &r1, js_new_string_cstr(ctx, "hello"));
    js_root_push(ctx, &ra, js_new_string_cstr(ctx, "hel"));
    js_root_push(ctx, &rb, js_new_string_cstr(ctx, "lo"));
    js_root_push(ctx, &r2, js_string_concat(ctx, ra.v, rb.v));   /* a rope */
    js_root_push(ctx, &r3, js_new_string_cstr(ctx, "world"));
    r1.v = norm(r1.v);
    r2.v = norm(r2.v);
    r3.v = norm(r3.v);
    CHECK(js_hashmap_set(ctx, &m, r1.v, js_int(1)) == 0);
    CHECK(js_hashmap_find(rt, &m, r2.v) != NULL);
    CHECK(js_hashmap_find(rt, &m, r3.v) == NULL);
    js_hashmap_set(ctx, &m, r2.v, js_int(2));
    CHECK(m.count == 1 && js_hashmap_find(rt, &m, r1.v)->value == js_int(2));
    js_root_pop(ctx, &r1);
    js_hashmap_free(rt, &m);
}

static void test_big(void)
{
    JSHashMap m = { 0 };
    for (int i = 0; i < 100000; i++)
        js_hashmap_set(ctx, &m, js_int(i), js_int(i));
    int ok = 1;
    for (int i = 0; i < 100000; i += 2)
        ok &= js_hashmap_delete(rt, &m, js_int(i));
    for (int i = 0; i < 100000; i++)
        ok &= (js_hashmap_find(rt, &m, js_int(i)) != NULL) == (i % 2 == 1);
    CHECK(ok);
    CHECK(m.count == 50000);
    js_hashmap_free(rt, &m);
}

int main(void)
{
    rt = js_new_runtime();
    ctx = rt ? js_new_context(rt) : NULL;
    if (!ctx) {
        fprintf(stderr, "cannot create a context\n");
        return 1;
    }
    test_numbers();
    test_order_and_cursors();
    test_strings();
    test_big();
    js_free_runtime(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
