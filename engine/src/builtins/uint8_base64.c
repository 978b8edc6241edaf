/* Uint8Array base64 and hex conversions: Uint8Array.fromBase64,
 * Uint8Array.fromHex, and Uint8Array.prototype.toBase64, toHex,
 * setFromBase64, setFromHex (the text merged into ECMA-262 after 2025:
 * FromBase64, FromHex, GetOptionsObject and the Uint8Array helpers). */
#include <string.h>
#include "typedarray.h"
#include "../conv.h"

#define COUNTOF(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum { LCH_LOOSE, LCH_STRICT, LCH_STOP };

/* Equality of a JS string value with an ASCII C string. May collect. */
static int str_is(JSContext *ctx, JSValue v, const char *s)
{
    JSString *p = js_string_flatten(ctx, v);
    if (!p)
        return -1;
    size_t n = strlen(s);
    if (p->len != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (js_flat_char(p, (uint32_t)i) != (uint8_t)s[i])
            return 0;
    }
    return 1;
}

/* GetOptionsObject + the alphabet option: *url = base64url. 0 or -1. */
static int get_alphabet(JSContext *ctx, JSValue opts, bool *url)
{
    *url = false;
    if (js_is_undefined(opts))
        return 0;
    JSValue v = js_get_property(ctx, opts, JS_ATOM_alphabet);
    if (js_is_exception(v))
        return -1;
    if (js_is_undefined(v))
        return 0;
    if (js_is_string(v)) {
        int r = str_is(ctx, v, "base64");
        if (r < 0)
            return -1;
        if (r)
            return 0;
        r = str_is(ctx, v, "base64url");
        if (r < 0)
            return -1;
        if (r) {
            *url = true;
            return 0;
        }
    }
    js_throw_type_error(ctx, "alphabet must be \"base64\" or \"base64url\"");
    return -1;
}

static int check_options(JSContext *ctx, JSValue opts)
{
    if (!js_is_undefined(opts) && !js_is_object(opts)) {
        js_throw_type_error(ctx, "options must be an object");
        return -1;
    }
    return 0;
}

static int get_last_chunk_handling(JSContext *ctx, JSValue opts, int *out)
{
    *out = LCH_LOOSE;
    if (js_is_undefined(opts))
        return 0;
    JSValue v = js_get_property(ctx, opts, JS_ATOM_lastChunkHandling);
    if (js_is_exception(v))
        return -1;
    if (js_is_undefined(v))
        return 0;
    if (js_is_string(v)) {
        static const char *const names[] = { "loose", "strict", "stop-before-partial" };
        for (int i = 0; i < 3; i++) {
            int r = str_is(ctx, v, names[i]);
            if (r < 0)
                return -1;
            if (r) {
                *out = i;
                return 0;
            }
        }
    }
    js_throw_type_error(ctx, "lastChunkHandling must be \"loose\", \"strict\" or \"stop-before-partial\"");
    return -1;
}

/* The bytes of a Uint8Array `this` (ValidateUint8Array and
 * GetUint8ArrayBytes' bounds check). */
static JSObject *this_u8(JSContext *ctx, JSValue v)
{
    if (!js_object_is_class(v, JS_CLASS_UINT8_ARRAY)) {
        js_throw_type_error(ctx, "not a Uint8Array");
        return NULL;
    }
    return JS_VALUE_GET_OBJ(v);
}

static uint8_t *u8_data(JSObject *o)
{
    JSTypedArray *ta = (JSTypedArray *)o;
    return ((JSArrayBuffer *)ta->buffer)->data + ta->byte_offset;
}

/* ---- decoding ---- */

typedef struct DecodeResult {
    uint32_t read;      /* code units consumed */
    bool error;         /* a SyntaxError is to be thrown */
} DecodeResult;

static int b64_value(uint16_t c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

static bool is_b64_space(uint16_t c)
{
    return c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
}

static uint32_t skip_space(const JSString *p, uint32_t i)
{
    while (i < p->len && is_b64_space(js_flat_char(p, i)))
        i++;
    return i;
}

/* DecodeBase64Chunk of n (2..4) sextets into out; false on extra bits
 * when strict. Returns the byte count (n - 1) or -1. */
static int decode_chunk(const int *s, int n, bool strict, uint8_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v = (v << 6) | (uint32_t)(i < n ? s[i] : 0);
    uint8_t b[3] = { (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    int cnt = n - 1;
    if (strict && n < 4 && b[cnt] != 0)
        return -1;
    memcpy(out, b, (size_t)cnt);
    return cnt;
}

/* FromBase64(string, alphabet, lastChunkHandling, maxLength): appends at
 * most max bytes to out (*nout bytes written). Pure. */
static DecodeResult from_base64(const JSString *p, bool url, int lch, uint64_t max,
                                uint8_t *out, uint64_t *nout)
{
    DecodeResult res = { 0, false };
    uint64_t nb = 0;
    int chunk[4];
    int clen = 0;
    uint32_t read = 0, i = 0, len = p->len;
    *nout = 0;
    if (max == 0)
        return res;
    for (;;) {
        i = skip_space(p, i);
        if (i == len) {
            if (clen > 0) {
                if (lch == LCH_STOP)
                    goto done_read;
                if (lch == LCH_LOOSE) {
                    if (clen == 1)
                        goto error;
                    nb += (uint64_t)decode_chunk(chunk, clen, false, out + nb);
                } else {
                    goto error;
                }
            }
            read = len;
            goto done_read;
        }
        uint16_t c = js_flat_char(p, i++);
        if (c == '=') {
            if (clen < 2)
                goto error;
            i = skip_space(p, i);
            if (clen == 2) {
                if (i == len) {
                    if (lch == LCH_STOP)
                        goto done_read;
                    goto error;
                }
                if (js_flat_char(p, i) == '=')
                    i = skip_space(p, i + 1);
            }
            if (i < len)
                goto error;
            int n = decode_chunk(chunk, clen, lch == LCH_STRICT, out + nb);
            if (n < 0)
                goto error;
            nb += (uint64_t)n;
            read = len;
            goto done_read;
        }
        if (url) {
            if (c == '+' || c == '/')
                goto error;
            if (c == '-')
                c = '+';
            else if (c == '_')
                c = '/';
        }
        int v = b64_value(c);
        if (v < 0)
            goto error;
        uint64_t remaining = max - nb;
        if ((remaining == 1 && clen == 2) || (remaining == 2 && clen == 3))
            goto done_read;
        chunk[clen++] = v;
        if (clen == 4) {
            nb += (uint64_t)decode_chunk(chunk, 4, false, out + nb);
            clen = 0;
            read = i;
            if (nb == max)
                goto done_read;
        }
    }
error:
    res.error = true;
done_read:
    res.read = read;
    *nout = nb;
    return res;
}

/* FromHex(string, maxLength). Pure. */
static int hex_value(uint16_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static DecodeResult from_hex(const JSString *p, uint64_t max, uint8_t *out, uint64_t *nout)
{
    DecodeResult res = { 0, false };
    uint64_t nb = 0;
    uint32_t len = p->len, read = 0;
    *nout = 0;
    if (len % 2) {
        res.error = true;
        return res;
    }
    while (read < len && nb < max) {
        int hi = hex_value(js_flat_char(p, read)), lo = hex_value(js_flat_char(p, read + 1));
        if (hi < 0 || lo < 0) {
            res.error = true;
            break;
        }
        read += 2;
        out[nb++] = (uint8_t)(hi * 16 + lo);
    }
    res.read = read;
    *nout = nb;
    return res;
}

/* A new Uint8Array holding n bytes of data. May collect. */
static JSValue new_u8(JSContext *ctx, const uint8_t *data, uint64_t n)
{
    JSObject *o = js_new_object_proto_class(ctx, js_realm_class_proto(ctx, JS_CLASS_UINT8_ARRAY), JS_CLASS_UINT8_ARRAY);
    if (!o)
        return JS_EXCEPTION;
    o->h.flags |= JS_OBJ_EXOTIC;
    JSRoot r;
    js_root_push(ctx, &r, js_mkptr(JS_TAG_OBJECT, o));
    JSValue buf = js_array_buffer_alloc(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, n, UINT64_MAX);
    if (js_is_exception(buf))
        return buf;
    JSTypedArray *ta = (JSTypedArray *)o;
    JS_STORE_PTR(ctx, o, ta->buffer, JS_VALUE_GET_OBJ(buf));
    ta->byte_offset = 0;
    ta->length = n;
    ta->track = false;
    if (n)
        memcpy(u8_data(o), data, (size_t)n);
    js_root_pop(ctx, &r);
    return js_mkptr(JS_TAG_OBJECT, o);
}

/* Uint8Array.fromBase64(string [, options]) (magic 0) and
 * Uint8Array.fromHex(string) (magic 1). */
static JSValue u8_from(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_string(ARG(0)))
        return js_throw_type_error(ctx, "argument must be a string");
    bool url = false;
    int lch = LCH_LOOSE;
    if (magic == 0) {
        JSValue opts = ARG(1);
        if (check_options(ctx, opts) < 0 || get_alphabet(ctx, opts, &url) < 0 ||
            get_last_chunk_handling(ctx, opts, &lch) < 0)
            return JS_EXCEPTION;
    }
    JSString *p = js_string_flatten(ctx, ARG(0));
    if (!p)
        return JS_EXCEPTION;
    size_t cap = (size_t)p->len / (magic ? 2 : 1) + 3;
    uint8_t *out = js_malloc(ctx, cap);
    if (!out)
        return JS_EXCEPTION;
    uint64_t n;
    DecodeResult r = magic ? from_hex(p, UINT64_MAX, out, &n)
                           : from_base64(p, url, lch, UINT64_MAX, out, &n);
    JSValue res;
    if (r.error)
        res = js_throw_syntax_error(ctx, magic ? "invalid hex string" : "invalid base64 string");
    else
        res = new_u8(ctx, out, n);
    js_free(ctx->rt, out, cap);
    return res;
}

/* Uint8Array.prototype.setFromBase64(string [, options]) (magic 0) and
 * setFromHex(string) (magic 1). */
static JSValue u8_set_from(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!this_u8(ctx, this_val))
        return JS_EXCEPTION;
    if (js_ta_is_immutable(JS_VALUE_GET_OBJ(this_val)))
        return js_throw_type_error(ctx, "Uint8Array is backed by an immutable ArrayBuffer");
    if (!js_is_string(ARG(0)))
        return js_throw_type_error(ctx, "argument must be a string");
    bool url = false;
    int lch = LCH_LOOSE;
    if (magic == 0) {
        JSValue opts = ARG(1);
        if (check_options(ctx, opts) < 0 || get_alphabet(ctx, opts, &url) < 0 ||
            get_last_chunk_handling(ctx, opts, &lch) < 0)
            return JS_EXCEPTION;
    }
    JSString *p = js_string_flatten(ctx, ARG(0));
    if (!p)
        return JS_EXCEPTION;
    JSObject *o = JS_VALUE_GET_OBJ(this_val);
    int64_t len = js_typed_array_get_length(o);
    if (len < 0)
        return js_throw_type_error(ctx, "TypedArray is detached or out of bounds");
    size_t cap = (size_t)p->len / (magic ? 2 : 1) + 3;
    uint8_t *out = js_malloc(ctx, cap);
    if (!out)
        return JS_EXCEPTION;
    uint64_t n;
    DecodeResult r = magic ? from_hex(p, (uint64_t)len, out, &n)
                           : from_base64(p, url, lch, (uint64_t)len, out, &n);
    if (n)
        memcpy(u8_data(o), out, (size_t)n);
    js_free(ctx->rt, out, cap);
    if (r.error)
        return js_throw_syntax_error(ctx, magic ? "invalid hex string" : "invalid base64 string");
    JSValue res = js_new_object(ctx);
    if (js_is_exception(res))
        return res;
    JSRoot rr;
    js_root_push(ctx, &rr, res);
    if (js_create_data_property(ctx, res, JS_ATOM_read, js_number(r.read), JS_THROW) < 0 ||
        js_create_data_property(ctx, res, JS_ATOM_written, js_number((double)n), JS_THROW) < 0)
        return JS_EXCEPTION;
    js_root_pop(ctx, &rr);
    return res;
}

/* Uint8Array.prototype.toBase64([options]) */
static JSValue u8_to_base64(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!this_u8(ctx, this_val))
        return JS_EXCEPTION;
    JSValue opts = ARG(0);
    bool url;
    if (check_options(ctx, opts) < 0 || get_alphabet(ctx, opts, &url) < 0)
        return JS_EXCEPTION;
    bool omit = false;
    if (!js_is_undefined(opts)) {
        JSValue v = js_get_property(ctx, opts, JS_ATOM_omitPadding);
        if (js_is_exception(v))
            return v;
        omit = js_to_boolean(v);
    }
    JSObject *o = JS_VALUE_GET_OBJ(this_val);
    int64_t len = js_typed_array_get_length(o);
    if (len < 0)
        return js_throw_type_error(ctx, "TypedArray is detached or out of bounds");
    const char *tab = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                          : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t outlen = ((size_t)len + 2) / 3 * 4;
    uint8_t *out = js_malloc(ctx, outlen + 1);
    if (!out)
        return JS_EXCEPTION;
    const uint8_t *d = u8_data(o);
    size_t j = 0;
    int64_t i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = ((uint32_t)d[i] << 16) | ((uint32_t)d[i + 1] << 8) | d[i + 2];
        out[j++] = (uint8_t)tab[v >> 18];
        out[j++] = (uint8_t)tab[(v >> 12) & 63];
        out[j++] = (uint8_t)tab[(v >> 6) & 63];
        out[j++] = (uint8_t)tab[v & 63];
    }
    if (len - i == 1) {
        uint32_t v = (uint32_t)d[i] << 16;
        out[j++] = (uint8_t)tab[v >> 18];
        out[j++] = (uint8_t)tab[(v >> 12) & 63];
        if (!omit) {
            out[j++] = '=';
            out[j++] = '=';
        }
    } else if (len - i == 2) {
        uint32_t v = ((uint32_t)d[i] << 16) | ((uint32_t)d[i + 1] << 8);
        out[j++] = (uint8_t)tab[v >> 18];
        out[j++] = (uint8_t)tab[(v >> 12) & 63];
        out[j++] = (uint8_t)tab[(v >> 6) & 63];
        if (!omit)
            out[j++] = '=';
    }
    JSValue res = js_new_string_latin1(ctx, out, j);
    js_free(ctx->rt, out, outlen + 1);
    return res;
}

/* Uint8Array.prototype.toHex() */
static JSValue u8_to_hex(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!this_u8(ctx, this_val))
        return JS_EXCEPTION;
    JSObject *o = JS_VALUE_GET_OBJ(this_val);
    int64_t len = js_typed_array_get_length(o);
    if (len < 0)
        return js_throw_type_error(ctx, "TypedArray is detached or out of bounds");
    size_t outlen = (size_t)len * 2;
    uint8_t *out = js_malloc(ctx, outlen + 1);
    if (!out)
        return JS_EXCEPTION;
    const uint8_t *d = u8_data(o);
    static const char hex[] = "0123456789abcdef";
    for (int64_t i = 0; i < len; i++) {
        out[2 * i] = (uint8_t)hex[d[i] >> 4];
        out[2 * i + 1] = (uint8_t)hex[d[i] & 15];
    }
    JSValue res = js_new_string_latin1(ctx, out, outlen);
    js_free(ctx->rt, out, outlen + 1);
    return res;
}

static const JSPropEntry u8_ctor_funcs[] = {
    BD_FUNC("fromBase64", 1, u8_from, 0),
    BD_FUNC("fromHex", 1, u8_from, 1),
};

static const JSPropEntry u8_proto_funcs[] = {
    BD_FUNC("setFromBase64", 1, u8_set_from, 0),
    BD_FUNC("setFromHex", 1, u8_set_from, 1),
    BD_FUNC("toBase64", 0, u8_to_base64, 0),
    BD_FUNC("toHex", 0, u8_to_hex, 0),
};

int js_uint8_base64_init(JSContext *ctx, JSValue ctor, JSValue proto)
{
    JSRoot rp;
    js_root_push(ctx, &rp, proto);
    if (js_define_prop_entries(ctx, ctor, u8_ctor_funcs, COUNTOF(u8_ctor_funcs)) < 0 ||
        js_define_prop_entries(ctx, rp.v, u8_proto_funcs, COUNTOF(u8_proto_funcs)) < 0)
        return -1;
    js_root_pop(ctx, &rp);
    return 0;
}
