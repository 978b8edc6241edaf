/* libFuzzer target, structure-aware: the input is JS source, a NUL, then
 * edits. The source is compiled (a module when it starts with
 * "//module") and written as bytecode; each 4-byte edit (u16 offset, u8
 * operation, u8 value) changes the file: set, xor, add to a byte, or
 * insert / delete one; then the length field and the CRC-32 are made
 * valid again, so the forged file gets past the checksum to the reader
 * and the verifier. They must refuse it or accept it; nothing is run
 * (docs/limits.md: the verifier does not promise a sandbox yet). */
#include "fuzz_common.h"

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    static uint32_t table[256];
    if (!table[1]) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t src_len = nul ? (size_t)(nul - data) : size;
    const uint8_t *edits = nul ? nul + 1 : data + size;
    size_t nedits = (data + size - edits) / 4;

    QJSRuntime *rt;
    FuzzBudget budget;
    QJSContext *ctx = fuzz_fresh_context(&rt, &budget, 1 << 30);
    char *src = fuzz_cstring(data, src_len);
    int module = src_len >= 8 && !memcmp(src, "//module", 8);
    QJSValue unit = qjs_compile(ctx, src, src_len, "fuzz.js", module ? QJS_EVAL_MODULE : 0);
    free(src);
    if (qjs_is_exception(unit)) {
        qjs_take_exception(ctx);
        qjs_runtime_free(rt);
        return 0;
    }
    QJSRef *keep = qjs_ref_new(ctx, unit);
    const char *name = "fuzz.js";
    size_t len = 0;
    int wflags = nedits ? edits[0] & 3 : 0;
    uint8_t *bc = qjs_write_bytecode(ctx, 1, &unit, &name, wflags, &len);
    qjs_ref_free(keep);
    if (!bc) {
        qjs_take_exception(ctx);
        qjs_runtime_free(rt);
        return 0;
    }
    size_t cap = len + nedits + 8;
    uint8_t *f = malloc(cap);
    memcpy(f, bc, len);
    free(bc);
    size_t body = len - 4;    /* bytes before the CRC */
    for (size_t i = 0; i < nedits; i++) {
        const uint8_t *e = edits + 4 * i;
        if (body == 0)
            break;
        size_t off = (size_t)(e[0] | e[1] << 8) % body;
        uint8_t val = e[3];
        switch (e[2] % 5) {
        case 0: f[off] = val; break;
        case 1: f[off] ^= val; break;
        case 2: f[off] = (uint8_t)(f[off] + val); break;
        case 3:                 /* insert a byte */
            memmove(f + off + 1, f + off, body - off);
            f[off] = val;
            body++;
            break;
        case 4:                 /* delete a byte */
            memmove(f + off, f + off + 1, body - off - 1);
            body--;
            break;
        }
    }
    if (body >= 64)
        put_u32(f + 60, (uint32_t)(body + 4));
    put_u32(f + body, crc32_of(f, body));
    QJSValue v = qjs_read_bytecode(ctx, f, body + 4);
    if (qjs_is_exception(v)) {
        qjs_take_exception(ctx);
    } else {
        char *text = qjs_inspect_bytecode(ctx, f, body + 4);
        if (!text)
            qjs_take_exception(ctx);
        free(text);
    }
    free(f);
    qjs_runtime_free(rt);
    return 0;
}
