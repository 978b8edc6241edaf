/* test_clone.c: the workers' structured clone to bytes (runtime-lib/clone.c)
 * from one runtime into another: a value of every kind round-trips, and
 * the reader survives every truncation and every single-byte corruption
 * of the bytes (it returns a value or throws; it never crashes or reads
 * out of bounds: run under ASan in the stress build). */
#include <stdlib.h>
#include <string.h>

#include "qjs.h"
#include "qjs_runtime.h"
#include "rt_int.h"
#include "unit_check.h"

static const char VALUE[] =
    "const a = [1, , 'x', 2n ** 70n, -0]; a.extra = { deep: [new Date(5)] };"
    "const m = new Map([[1, a], ['s', new Set([a, /re/gu])]]);"
    "const buf = new ArrayBuffer(8, { maxByteLength: 16 });"
    "const o = { a, m, e: new RangeError('r', { cause: a }), views: [new Uint8Array(buf, 1, 3), new DataView(buf)],"
    "  w: [Object(1), Object('s'), Object(false), Object(3n)], sab: new SharedArrayBuffer(4) };"
    "o.self = o; o";
static const char DESCRIBE[] =
    "(o) => [o.self === o, o.a[4], 1 in o.a, o.a.extra.deep[0].getTime(), o.m.get(1) === o.a,"
    " [...o.m.get('s')][1].flags, o.e.name, o.e.cause === o.a, o.views[0].buffer === o.views[1].buffer,"
    " o.views[0].buffer.resizable, o.w.map(x => typeof x.valueOf()).join(), o.sab.byteLength,"
    " String(o.a[3])].join(' ')";

static QJSContext *new_context(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = rt ? qjs_context_new(rt) : NULL;
    if (!ctx || qjs_runtime_add_timers(ctx) < 0 || qjs_runtime_add_web(ctx) < 0)
        return NULL;
    return ctx;
}

int main(void)
{
    QJSContext *a = new_context(), *b = new_context();
    CHECK(a && b);
    if (!a || !b)
        return 1;
    QJSValue v = qjs_eval(a, VALUE, sizeof VALUE - 1, "value", 0);
    CHECK(!qjs_is_exception(v));
    JSCloneMessage *m = js_rt_clone_serialize(a, v, qjs_undefined());
    CHECK(m != NULL);
    if (!m)
        return 1;
    QJSValue c = js_rt_clone_deserialize(b, m);
    CHECK(!qjs_is_exception(c));
    QJSRef *cr = qjs_ref_new(b, c);     /* kept alive while describe compiles */
    QJSValue d = qjs_eval(b, DESCRIBE, sizeof DESCRIBE - 1, "describe", 0);
    c = qjs_ref_get(cr);
    qjs_ref_free(cr);
    QJSValue s = qjs_call(b, d, qjs_undefined(), 1, &c);
    char *str = qjs_is_exception(s) ? NULL : qjs_to_cstring(b, s, NULL);
    CHECK(str && !strcmp(str, "true 0 false 5 true gu RangeError true true true "
                              "number,string,boolean,bigint 4 1180591620717411303424"));
    if (str) {
        if (strcmp(str, "true 0 false 5 true gu RangeError true true true "
                        "number,string,boolean,bigint 4 1180591620717411303424"))
            fprintf(stderr, "got: %s\n", str);
        qjs_free_cstring(str);
    }
    /* damaged bytes: every prefix, and every byte flipped */
    size_t len = m->len;
    uint8_t *orig = malloc(len);
    memcpy(orig, m->data, len);
    int threw = 0, ok = 0;
    for (size_t n = 0; n < len; n++) {
        m->len = n;
        QJSValue r = js_rt_clone_deserialize(b, m);
        if (qjs_is_exception(r)) {
            qjs_take_exception(b);
            threw++;
        }
    }
    m->len = len;
    for (size_t i = 0; i < len; i++) {
        m->data[i] ^= 0xa5;
        QJSValue r = js_rt_clone_deserialize(b, m);
        if (qjs_is_exception(r)) {
            qjs_take_exception(b);
            threw++;
        } else {
            ok++;
        }
        memcpy(m->data, orig, len);
    }
    CHECK(threw == (int)len + ((int)len - ok));
    free(orig);
    js_rt_clone_free(m);
    qjs_runtime_free(qjs_context_runtime(a));
    qjs_runtime_free(qjs_context_runtime(b));
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
