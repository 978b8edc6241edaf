/* Properties of the global object (ECMA-262 19.1, 19.2): globalThis, NaN,
 * Infinity, undefined, eval, parseInt, parseFloat, isNaN, isFinite, the
 * URI encoding and decoding functions, and Annex B escape / unescape. */
#include "builtins.h"
#include "../interp.h"
#include "object_util.h"
#include "../conv.h"
#include "../dtoa.h"
#include "../unicode/unicode.h"
#include <math.h>
#include <stdlib.h>

/* StrWhiteSpaceChar: WhiteSpace or LineTerminator. */
static bool is_str_white_space(uint32_t c)
{
    if (c < 128)
        return c == ' ' || (c >= 9 && c <= 13);
    return c == 0x2028 || c == 0x2029 || js_uni_is_space(c);
}

/* Copies the ASCII alphanumerics and + - . starting at s[i] into a
 * NUL-terminated malloc'ed buffer (or buf when it fits). */
static char *ascii_run(const JSString *p, uint32_t i, char *buf, size_t bufsize, size_t *len_out)
{
    uint32_t j = i;
    while (j < p->len) {
        uint16_t c = js_flat_char(p, j);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '+' || c == '-' || c == '.'))
            break;
        j++;
    }
    size_t n = j - i;
    char *out = buf;
    if (n + 1 > bufsize) {
        out = malloc(n + 1);
        if (!out)
            return NULL;
    }
    for (size_t k = 0; k < n; k++)
        out[k] = (char)js_flat_char(p, i + (uint32_t)k);
    out[n] = 0;
    *len_out = n;
    return out;
}

static JSValue global_parse_int(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue str = js_to_string(ctx, argv[0]);
    if (js_is_exception(str))
        return str;
    JSRoot r;
    js_root_push(ctx, &r, str);
    int32_t radix;
    if (js_to_int32(ctx, &radix, argv[1]) < 0)
        goto fail;
    JSString *p = js_string_flatten(ctx, r.v);
    if (!p)
        goto fail;
    uint32_t i = 0;
    while (i < p->len && is_str_white_space(js_flat_char(p, i)))
        i++;
    double sign = 1;
    if (i < p->len && (js_flat_char(p, i) == '-' || js_flat_char(p, i) == '+')) {
        if (js_flat_char(p, i) == '-')
            sign = -1;
        i++;
    }
    bool strip_prefix = true;
    if (radix != 0) {
        if (radix < 2 || radix > 36) {
            js_root_pop(ctx, &r);
            return js_double(NAN);
        }
        if (radix != 16)
            strip_prefix = false;
    } else {
        radix = 10;
    }
    if (strip_prefix && i + 1 < p->len && js_flat_char(p, i) == '0' &&
        (js_flat_char(p, i + 1) == 'x' || js_flat_char(p, i + 1) == 'X')) {
        i += 2;
        radix = 16;
    }
    char buf[128];
    size_t n, end = 0;
    char *s = ascii_run(p, i, buf, sizeof buf, &n);
    if (!s) {
        js_throw_out_of_memory(ctx);
        goto fail;
    }
    double d = js_atoi_radix(s, n, radix, &end);
    if (s != buf)
        free(s);
    js_root_pop(ctx, &r);
    if (end == 0)
        return js_double(NAN);
    return js_number(sign * d);
fail:
    js_root_pop(ctx, &r);
    return JS_EXCEPTION;
}

static JSValue global_parse_float(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue str = js_to_string(ctx, argv[0]);
    if (js_is_exception(str))
        return str;
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        return JS_EXCEPTION;
    uint32_t i = 0;
    while (i < p->len && is_str_white_space(js_flat_char(p, i)))
        i++;
    char buf[128];
    size_t n, end = 0;
    char *s = ascii_run(p, i, buf, sizeof buf, &n);
    if (!s)
        return js_throw_out_of_memory(ctx);
    double d = js_atod(s, n, &end, JS_ATOD_INFINITY | JS_ATOD_SIGN);
    if (s != buf)
        free(s);
    if (end == 0)
        return js_double(NAN);
    return js_number(d);
}

static JSValue global_is_nan(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double d;
    if (js_to_number(ctx, &d, argv[0]) < 0)
        return JS_EXCEPTION;
    return js_bool(magic ? isfinite(d) : isnan(d));
}

/* ---- URI handling (19.2.6) ---- */

static const char uri_reserved[] = ";/?:@&=+$,";
static const char uri_mark[] = "-_.!~*'()";

static bool is_alnum_ascii(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* magic 0: encodeURI (reserved and '#' unescaped), 1: encodeURIComponent. */
static bool uri_unescaped(uint32_t c, int component)
{
    if (c >= 128)
        return false;
    if (is_alnum_ascii(c) || (c && strchr(uri_mark, (int)c)))
        return true;
    if (!component && c && (strchr(uri_reserved, (int)c) || c == '#'))
        return true;
    return false;
}

static const char hex_upper[] = "0123456789ABCDEF";

static void put_pct(StringBuffer *sb, uint32_t b)
{
    js_sb_putc(sb, '%');
    js_sb_putc(sb, (uint8_t)hex_upper[b >> 4]);
    js_sb_putc(sb, (uint8_t)hex_upper[b & 15]);
}

static JSValue global_encode_uri(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue str = js_to_string(ctx, argv[0]);
    if (js_is_exception(str))
        return str;
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_mkptr(JS_TAG_STRING, p));
    StringBuffer sb;
    js_sb_init(ctx, &sb, p->len);
    for (uint32_t k = 0; k < p->len;) {
        p = JS_VALUE_GET_STRING(r.v);
        uint32_t c = js_flat_char(p, k);
        if (uri_unescaped(c, magic)) {
            js_sb_putc(&sb, c);
            k++;
            continue;
        }
        if (c >= 0xDC00 && c <= 0xDFFF)
            goto bad;
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (k + 1 >= p->len)
                goto bad;
            uint32_t c2 = js_flat_char(p, k + 1);
            if (c2 < 0xDC00 || c2 > 0xDFFF)
                goto bad;
            c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
            k += 2;
        } else {
            k++;
        }
        if (c < 0x80) {
            put_pct(&sb, c);
        } else if (c < 0x800) {
            put_pct(&sb, 0xC0 | (c >> 6));
            put_pct(&sb, 0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            put_pct(&sb, 0xE0 | (c >> 12));
            put_pct(&sb, 0x80 | ((c >> 6) & 0x3F));
            put_pct(&sb, 0x80 | (c & 0x3F));
        } else {
            put_pct(&sb, 0xF0 | (c >> 18));
            put_pct(&sb, 0x80 | ((c >> 12) & 0x3F));
            put_pct(&sb, 0x80 | ((c >> 6) & 0x3F));
            put_pct(&sb, 0x80 | (c & 0x3F));
        }
    }
    js_root_pop(ctx, &r);
    return js_sb_finish(&sb);
bad:
    js_sb_free(&sb);
    js_root_pop(ctx, &r);
    return js_throw_error(ctx, JS_ERROR_URI, "URI malformed");
}

static int hex_val(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

/* ParseHexOctet(string, k): the byte, or -1. */
static int hex_octet(const JSString *p, uint32_t k)
{
    if (k + 2 > p->len)
        return -1;
    int h = hex_val(js_flat_char(p, k)), l = hex_val(js_flat_char(p, k + 1));
    if (h < 0 || l < 0)
        return -1;
    return (h << 4) | l;
}

/* magic 0: decodeURI (reserved and '#' kept escaped), 1: decodeURIComponent. */
static JSValue global_decode_uri(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue str = js_to_string(ctx, argv[0]);
    if (js_is_exception(str))
        return str;
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_mkptr(JS_TAG_STRING, p));
    StringBuffer sb;
    js_sb_init(ctx, &sb, p->len);
    uint32_t len = p->len;
    for (uint32_t k = 0; k < len; k++) {
        p = JS_VALUE_GET_STRING(r.v);
        uint32_t c = js_flat_char(p, k);
        if (c != '%') {
            js_sb_putc(&sb, c);
            continue;
        }
        uint32_t start = k;
        if (k + 3 > len)
            goto bad;
        int b = hex_octet(p, k + 1);
        if (b < 0)
            goto bad;
        k += 2;
        if (b < 0x80) {
            if (!magic && b && (strchr(uri_reserved, b) || b == '#')) {
                for (uint32_t j = start; j <= k; j++)
                    js_sb_putc(&sb, js_flat_char(p, j));
            } else {
                js_sb_putc(&sb, (uint32_t)b);
            }
            continue;
        }
        int n;
        uint32_t cp, min;
        if ((b & 0xE0) == 0xC0) {
            n = 2; cp = b & 0x1F; min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            n = 3; cp = b & 0x0F; min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            n = 4; cp = b & 0x07; min = 0x10000;
        } else {
            goto bad;
        }
        if (k + 3 * (uint32_t)(n - 1) >= len)
            goto bad;
        for (int j = 1; j < n; j++) {
            k++;
            if (js_flat_char(p, k) != '%')
                goto bad;
            int cb = hex_octet(p, k + 1);
            if (cb < 0 || (cb & 0xC0) != 0x80)
                goto bad;
            k += 2;
            cp = (cp << 6) | (uint32_t)(cb & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        js_sb_putc(&sb, cp);
    }
    js_root_pop(ctx, &r);
    return js_sb_finish(&sb);
bad:
    js_sb_free(&sb);
    js_root_pop(ctx, &r);
    return js_throw_error(ctx, JS_ERROR_URI, "URI malformed");
}

/* ---- Annex B.2.1 ---- */

static JSValue global_escape(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue str = js_to_string(ctx, argv[0]);
    if (js_is_exception(str))
        return str;
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_mkptr(JS_TAG_STRING, p));
    StringBuffer sb;
    js_sb_init(ctx, &sb, p->len);
    for (uint32_t k = 0; k < p->len; k++) {
        p = JS_VALUE_GET_STRING(r.v);
        uint32_t c = js_flat_char(p, k);
        if (c < 128 && (is_alnum_ascii(c) || (c && strchr("@*_+-./", (int)c)))) {
            js_sb_putc(&sb, c);
        } else if (c < 256) {
            put_pct(&sb, c);
        } else {
            js_sb_putc(&sb, '%');
            js_sb_putc(&sb, 'u');
            js_sb_putc(&sb, (uint8_t)hex_upper[c >> 12]);
            js_sb_putc(&sb, (uint8_t)hex_upper[(c >> 8) & 15]);
            js_sb_putc(&sb, (uint8_t)hex_upper[(c >> 4) & 15]);
            js_sb_putc(&sb, (uint8_t)hex_upper[c & 15]);
        }
    }
    js_root_pop(ctx, &r);
    return js_sb_finish(&sb);
}

static JSValue global_unescape(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue str = js_to_string(ctx, argv[0]);
    if (js_is_exception(str))
        return str;
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        return JS_EXCEPTION;
    JSRoot r;
    js_root_push(ctx, &r, js_mkptr(JS_TAG_STRING, p));
    StringBuffer sb;
    js_sb_init(ctx, &sb, p->len);
    uint32_t len = p->len;
    for (uint32_t k = 0; k < len; k++) {
        p = JS_VALUE_GET_STRING(r.v);
        uint32_t c = js_flat_char(p, k);
        if (c == '%') {
            if (k + 6 <= len && js_flat_char(p, k + 1) == 'u') {
                int a = hex_val(js_flat_char(p, k + 2)), b = hex_val(js_flat_char(p, k + 3));
                int d = hex_val(js_flat_char(p, k + 4)), e = hex_val(js_flat_char(p, k + 5));
                if (a >= 0 && b >= 0 && d >= 0 && e >= 0) {
                    c = (uint32_t)((a << 12) | (b << 8) | (d << 4) | e);
                    k += 5;
                }
            } else if (k + 3 <= len) {
                int h = hex_octet(p, k + 1);
                if (h >= 0) {
                    c = (uint32_t)h;
                    k += 2;
                }
            }
        }
        js_sb_putc(&sb, c);
    }
    js_root_pop(ctx, &r);
    return js_sb_finish(&sb);
}

static const JSPropEntry global_props[] = {
    JS_CFUNC_DEF("parseInt", 2, global_parse_int),
    JS_CFUNC_DEF("parseFloat", 1, global_parse_float),
    JS_CFUNC_MAGIC_DEF("isNaN", 1, global_is_nan, 0),
    JS_CFUNC_MAGIC_DEF("isFinite", 1, global_is_nan, 1),
    JS_CFUNC_MAGIC_DEF("encodeURI", 1, global_encode_uri, 0),
    JS_CFUNC_MAGIC_DEF("encodeURIComponent", 1, global_encode_uri, 1),
    JS_CFUNC_MAGIC_DEF("decodeURI", 1, global_decode_uri, 0),
    JS_CFUNC_MAGIC_DEF("decodeURIComponent", 1, global_decode_uri, 1),
    JS_CFUNC_DEF("escape", 1, global_escape),
    JS_CFUNC_DEF("unescape", 1, global_unescape),
    JS_PROP_DOUBLE_DEF("NaN", NAN, 0),
    JS_PROP_DOUBLE_DEF("Infinity", INFINITY, 0),
    { "undefined", JS_DEF_PROP_UNDEFINED, 0, 0, 0, 0, { .i32 = 0 } },
};

/* eval(x) called indirectly (a direct call is recognized by the
 * interpreter, which compares the callee with %eval%). */
static JSValue global_eval(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_eval_indirect(ctx, argv[0]);
}

int js_init_global(JSContext *ctx)
{
    JSValue global = js_mkptr(JS_TAG_OBJECT, ctx->global_obj);
    if (js_define_prop_entries(ctx, global, global_props,
                               sizeof global_props / sizeof global_props[0]) < 0)
        return -1;
    /* Number.parseFloat / parseInt are the same objects as the globals
     * (number.c ran first and installed its own copies) */
    JSValue nproto = ctx->class_proto[JS_CLASS_NUMBER];
    if (js_is_object(nproto)) {
        JSValue nctor = js_get_property(ctx, nproto, JS_ATOM_constructor);
        if (js_is_exception(nctor))
            return -1;
        JSRoot rn, rf, ra;
        js_root_push(ctx, &rn, nctor);
        js_root_push(ctx, &rf, JS_UNDEFINED);
        js_root_push(ctx, &ra, JS_UNDEFINED);
        static const char *const shared[] = { "parseFloat", "parseInt" };
        for (int i = 0; i < 2 && js_is_object(rn.v); i++) {
            JSAtom a = js_atom_from_cstr(ctx, shared[i]);
            if (a == JS_ATOM_NULL) {
                js_root_pop(ctx, &rn);
                return -1;
            }
            js_root_set_atom(ctx, &ra, a);
            rf.v = js_get_property(ctx, global, a);
            if (js_is_exception(rf.v) || js_define_property_value(ctx, rn.v, a, rf.v, JS_PROP_C_W) < 0) {
                js_root_pop(ctx, &rn);
                return -1;
            }
        }
        js_root_pop(ctx, &rn);
    }
    /* %eval%, present from the start in every realm ($262.createRealm) */
    if (!js_is_object(ctx->intrinsics[JS_INTRINSIC_Eval])) {
        JSValue f = js_new_cfunction(ctx, global_eval, "eval", 1, JS_CFUNC_PLAIN, 0);
        if (js_is_exception(f))
            return -1;
        ctx->intrinsics[JS_INTRINSIC_Eval] = f;
        if (js_define_property_value(ctx, global, JS_ATOM_eval, f, JS_PROP_C_W) < 0)
            return -1;
    }
    return js_define_property_value(ctx, global, JS_ATOM_globalThis,
                                    js_mkptr(JS_TAG_OBJECT, ctx->global_this), JS_PROP_C_W);
}
