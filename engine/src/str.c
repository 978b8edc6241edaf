/* Strings (see str.h): flat Latin-1 / UTF-16 strings, ropes and slices
 * and their in-place flattening (ropes with an explicit stack), views,
 * substrings, comparison and search,
 * UTF-8 (WTF-8) conversion both ways, the StringBuffer, symbols and the
 * single-character string cache. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "conv.h"

int js_atom_register_symbol(JSRuntime *rt, JSSymbol *sym);

/* Ropes shorter than this are built as flat strings right away. */
#define ROPE_MIN_LEN 64

/* A substring is a slice (no copy) when it has at least SLICE_MIN_LEN
 * units and at least 1/SLICE_MAX_RATIO of its base: below that a copy is
 * cheap, and the rule bounds what a slice keeps alive to SLICE_MAX_RATIO
 * times its own size (a short slice never pins a huge base). Repeated
 * `s = s.slice(k)` stays linear: once the rest falls under the ratio it
 * is copied into a new, smaller base. */
#define SLICE_MIN_LEN 64
#define SLICE_MAX_RATIO 16

static inline size_t flat_size(uint32_t len, bool wide)
{
    size_t sz = offsetof(JSString, u) + (wide ? (size_t)len * 2 : (size_t)len + 1);
    return sz < sizeof(GCHeader) + 16 ? sizeof(GCHeader) + 16 : sz;
}

/* A flat string of len units (data uninitialized but zeroed). May collect;
 * NULL after throwing. */
JSString *js_string_alloc(JSContext *ctx, uint32_t len, bool wide)
{
    if (len > JS_STRING_MAX_LEN) {
        js_throw_range_error(ctx, "invalid string length");
        return NULL;
    }
    JSString *p = js_gc_alloc(ctx, JS_CELL_STRING, flat_size(len, wide));
    if (!p)
        return NULL;
    p->len = len;
    if (wide)
        p->h.flags = JS_STR_WIDE;
    return p;
}

JSString *js_string_alloc_rt(JSRuntime *rt, uint32_t len, bool wide)
{
    JSString *p = js_gc_alloc_rt(rt, JS_CELL_STRING, flat_size(len, wide));
    if (!p)
        return NULL;
    p->len = len;
    if (wide)
        p->h.flags = JS_STR_WIDE;
    return p;
}

int js_str_init_runtime(JSRuntime *rt)
{
    for (int i = 0; i < 256; i++) {
        JSString *p = js_string_alloc_rt(rt, 1, false);
        if (!p)
            return -1;
        p->u.latin1[0] = (uint8_t)i;
        rt->single_char_strings[i] = js_str_value(p);
    }
    return 0;
}

void js_string_trace(JSRuntime *rt, JSString *s)
{
    if (s->h.flags & (JS_STR_ROPE | JS_STR_FLAT_REF)) {
        js_gc_mark_cell(rt, s->u.rope.left);
        js_gc_mark_cell(rt, s->u.rope.right);   /* may be NULL */
    } else if (s->h.flags & JS_STR_SLICE) {
        js_gc_mark_cell(rt, s->u.slice.base);
    }
}

/* ---- creation ---- */

JSValue js_new_string_char(JSContext *ctx, uint16_t c)
{
    if (c < 256)
        return ctx->rt->single_char_strings[c];
    JSString *p = js_string_alloc(ctx, 1, true);
    if (!p)
        return JS_EXCEPTION;
    p->u.wide[0] = c;
    return js_str_value(p);
}

JSValue js_new_string_latin1(JSContext *ctx, const uint8_t *s, size_t len)
{
    if (len == 1)
        return ctx->rt->single_char_strings[s[0]];
    if (len > JS_STRING_MAX_LEN)
        return js_throw_range_error(ctx, "invalid string length");
    JSString *p = js_string_alloc(ctx, (uint32_t)len, false);
    if (!p)
        return JS_EXCEPTION;
    if (len)    /* s may be NULL when empty */
        memcpy(p->u.latin1, s, len);
    p->u.latin1[len] = 0;
    return js_str_value(p);
}

JSValue js_new_string_utf16(JSContext *ctx, const uint16_t *s, size_t len)
{
    bool wide = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] > 0xFF) {
            wide = true;
            break;
        }
    }
    if (len == 1)
        return js_new_string_char(ctx, s[0]);
    if (len > JS_STRING_MAX_LEN)
        return js_throw_range_error(ctx, "invalid string length");
    JSString *p = js_string_alloc(ctx, (uint32_t)len, wide);
    if (!p)
        return JS_EXCEPTION;
    if (wide) {     /* wide implies len > 0 */
        memcpy(p->u.wide, s, len * 2);
    } else {
        for (size_t i = 0; i < len; i++)
            p->u.latin1[i] = (uint8_t)s[i];
        p->u.latin1[len] = 0;
    }
    return js_str_value(p);
}

/* Decodes one UTF-8 / WTF-8 sequence at s[*pos]; invalid bytes give
 * U+FFFD and advance by one. */
static uint32_t utf8_decode(const uint8_t *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    uint32_t c = s[i];
    if (c < 0x80) {
        *pos = i + 1;
        return c;
    }
    int n;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1; c &= 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2; c &= 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3; c &= 0x07; min = 0x10000;
    } else {
        *pos = i + 1;
        return 0xFFFD;
    }
    if (i + (size_t)n >= len) {
        *pos = i + 1;
        return 0xFFFD;
    }
    for (int k = 1; k <= n; k++) {
        uint8_t b = s[i + (size_t)k];
        if ((b & 0xC0) != 0x80) {
            *pos = i + 1;
            return 0xFFFD;
        }
        c = (c << 6) | (b & 0x3F);
    }
    if (c < min || c > 0x10FFFF) {
        *pos = i + 1;
        return 0xFFFD;
    }
    *pos = i + (size_t)n + 1;
    return c;   /* surrogates (WTF-8) are kept as lone units */
}

JSValue js_new_string_utf8(JSContext *ctx, const char *str, size_t len)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t i = 0;
    while (i < len && s[i] < 0x80)
        i++;
    if (i == len)
        return js_new_string_latin1(ctx, s, len);
    /* count units and width */
    size_t units = 0, pos = 0;
    bool wide = false;
    while (pos < len) {
        uint32_t c = utf8_decode(s, len, &pos);
        if (c >= 0x10000)
            units += 2;
        else
            units++;
        if (c > 0xFF)
            wide = true;
    }
    if (units > JS_STRING_MAX_LEN)
        return js_throw_range_error(ctx, "invalid string length");
    if (units == 1 && !wide)
        return ctx->rt->single_char_strings[utf8_decode(s, len, &(size_t){0})];
    JSString *p = js_string_alloc(ctx, (uint32_t)units, wide);
    if (!p)
        return JS_EXCEPTION;
    pos = 0;
    size_t k = 0;
    while (pos < len) {
        uint32_t c = utf8_decode(s, len, &pos);
        if (wide) {
            if (c >= 0x10000) {
                c -= 0x10000;
                p->u.wide[k++] = (uint16_t)(0xD800 | (c >> 10));
                p->u.wide[k++] = (uint16_t)(0xDC00 | (c & 0x3FF));
            } else {
                p->u.wide[k++] = (uint16_t)c;
            }
        } else {
            p->u.latin1[k++] = (uint8_t)c;
        }
    }
    if (!wide)
        p->u.latin1[k] = 0;
    return js_str_value(p);
}

JSValue js_new_string_cstr(JSContext *ctx, const char *utf8)
{
    return js_new_string_utf8(ctx, utf8, strlen(utf8));
}

JSValue js_new_string_fmt(JSContext *ctx, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n < sizeof buf)
        return js_new_string_utf8(ctx, buf, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return js_throw_out_of_memory(ctx);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    JSValue r = js_new_string_utf8(ctx, big, (size_t)n);
    free(big);
    return r;
}

/* ---- views and flattening ---- */

static inline JSString *js_resolve(JSString *s)
{
    return (s->h.flags & JS_STR_FLAT_REF) ? s->u.rope.left : s;
}

void js_string_view_nogc(const JSString *p, JSStringView *v)
{
    if (p->h.flags & JS_STR_FLAT_REF)
        p = p->u.rope.left;
    uint32_t start = 0;
    if (p->h.flags & JS_STR_SLICE) {
        start = p->u.slice.start;
        v->len = p->len;
        p = p->u.slice.base;
    } else {
        v->len = p->len;
    }
    v->wide = js_flat_is_wide(p);
    if (v->wide)
        v->u.wide = p->u.wide + start;
    else
        v->u.latin1 = p->u.latin1 + start;
}

int js_string_view(JSContext *ctx, JSValue sv, JSStringView *v)
{
    JSString *s = JS_VALUE_GET_STRING(sv);
    if (s->h.flags & JS_STR_ROPE) {
        s = js_string_flatten(ctx, sv);
        if (!s)
            return -1;
    }
    js_string_view_nogc(s, v);
    return 0;
}

static bool utf16_has_wide_unit(const uint16_t *s, uint32_t n)
{
    uint16_t acc = 0;
    for (uint32_t i = 0; i < n; i++)
        acc |= s[i];
    return acc > 0xFF;
}

/* Copies the units of v into dst (flat, of the right width) at pos. */
static void copy_view(JSString *dst, uint32_t pos, const JSStringView *v)
{
    if (dst->h.flags & JS_STR_WIDE) {
        if (v->wide) {
            memcpy(dst->u.wide + pos, v->u.wide, (size_t)v->len * 2);
        } else {
            for (uint32_t i = 0; i < v->len; i++)
                dst->u.wide[pos + i] = v->u.latin1[i];
        }
    } else if (v->wide) {   /* a slice of a wide base holding only Latin-1 units */
        for (uint32_t i = 0; i < v->len; i++)
            dst->u.latin1[pos + i] = (uint8_t)v->u.wide[i];
    } else {
        memcpy(dst->u.latin1 + pos, v->u.latin1, v->len);
    }
}

/* Copies leaf (a flat string or a slice) into dst at pos; sets
 * *wide_unit when it holds a unit above 255. */
static void copy_leaf(JSString *dst, uint32_t pos, const JSString *leaf, bool *wide_unit)
{
    JSStringView v;
    js_string_view_nogc(leaf, &v);
    if (v.wide && !*wide_unit)
        *wide_unit = js_string_is_flat(leaf) || utf16_has_wide_unit(v.u.wide, v.len);
    copy_view(dst, pos, &v);
}

typedef struct FlatItem {
    JSString *s;
    uint32_t pos;
} FlatItem;

/* Copies the leaves of rope into dst; *wide_unit tells whether a unit
 * above 255 was seen. Returns -1 if the explicit stack cannot grow. Uses a
 * stack only where both children are ropes. */
static int fill_rope(JSString *dst, JSString *rope, bool *wide_unit)
{
    FlatItem local[64];
    FlatItem *stack = local;
    size_t sp = 0, cap = 64;
    int ret = 0;
    JSString *node = rope;
    uint32_t pos = 0;
    *wide_unit = false;
    for (;;) {
        node = js_resolve(node);
        if (!(node->h.flags & JS_STR_ROPE)) {
            copy_leaf(dst, pos, node, wide_unit);
        } else {
            JSString *l = js_resolve(node->u.rope.left);
            JSString *r = js_resolve(node->u.rope.right);
            if (!(l->h.flags & JS_STR_ROPE)) {
                copy_leaf(dst, pos, l, wide_unit);
                pos += l->len;
                node = r;
                continue;
            }
            if (!(r->h.flags & JS_STR_ROPE)) {
                copy_leaf(dst, pos + l->len, r, wide_unit);
                node = l;
                continue;
            }
            if (sp == cap) {
                size_t ncap = cap * 2;
                FlatItem *ns = malloc(ncap * sizeof(FlatItem));
                if (!ns) {
                    ret = -1;
                    break;
                }
                memcpy(ns, stack, sp * sizeof(FlatItem));
                if (stack != local)
                    free(stack);
                stack = ns;
                cap = ncap;
            }
            stack[sp].s = r;
            stack[sp].pos = pos + l->len;
            sp++;
            node = l;
            continue;
        }
        if (sp == 0)
            break;
        sp--;
        node = stack[sp].s;
        pos = stack[sp].pos;
    }
    if (stack != local)
        free(stack);
    return ret;
}

/* Turns rope or slice s into a reference to its flat copy d (keeping a
 * slice's base alive, see JS_STR_FLAT_REF). */
static void make_flat_ref(JSString *s, JSString *d)
{
    JSString *keep = (s->h.flags & JS_STR_SLICE) ? s->u.slice.base : NULL;
    s->h.flags = (uint16_t)((s->h.flags & ~(JS_STR_ROPE | JS_STR_SLICE | JS_STR_WIDE)) | JS_STR_FLAT_REF |
                            (d->h.flags & JS_STR_WIDE));
    s->u.rope.left = d;
    s->u.rope.right = keep;
}

/* A flat string with the contents of s (ropes and slices flatten in
 * place). May collect; NULL on OOM (thrown). */
JSString *js_string_flatten(JSContext *ctx, JSValue sv)
{
    JSString *s = JS_VALUE_GET_STRING(sv);
    if (js_likely(js_string_is_flat(s)))
        return s;
    if (s->h.flags & JS_STR_FLAT_REF)
        return s->u.rope.left;
    JSRoot r;
    js_root_push(ctx, &r, sv);
    JSString *d = NULL;
    if (s->h.flags & JS_STR_SLICE) {
        JSStringView v;
        js_string_view_nogc(s, &v);
        bool wide = v.wide && utf16_has_wide_unit(v.u.wide, v.len);
        d = js_string_alloc(ctx, s->len, wide);
        if (d) {
            js_string_view_nogc(s, &v);
            copy_view(d, 0, &v);
        }
    } else {
        bool wide = (s->h.flags & JS_STR_WIDE) != 0, wide_unit;
        d = js_string_alloc(ctx, s->len, wide);
        if (d && fill_rope(d, s, &wide_unit) < 0) {
            js_throw_out_of_memory(ctx);
            d = NULL;
        }
        if (d && wide && !wide_unit) {
            /* only slices of wide bases made the rope look wide: narrow */
            JSRoot rd;
            js_root_push(ctx, &rd, js_str_value(d));
            JSString *n = js_string_alloc(ctx, s->len, false);
            js_root_pop(ctx, &rd);
            if (n) {
                JSStringView v = { .u.wide = d->u.wide, .len = d->len, .wide = true };
                copy_view(n, 0, &v);
            }
            d = n;
        }
    }
    js_root_pop(ctx, &r);
    if (!d)
        return NULL;
    if (!js_flat_is_wide(d))
        d->u.latin1[d->len] = 0;
    make_flat_ref(s, d);
    return d;
}

/* ---- concatenation and substrings ---- */

/* Views of a and b (both kept alive meanwhile). A view stays valid
 * while its string is alive, so a's survives the flattening of b. false on
 * OOM (thrown). */
static bool view2(JSContext *ctx, JSValue a, JSValue b, JSStringView *va, JSStringView *vb)
{
    JSRoot ra, rb;
    js_root_push(ctx, &ra, a);
    js_root_push(ctx, &rb, b);
    bool ok = js_string_view(ctx, a, va) == 0 && js_string_view(ctx, b, vb) == 0;
    js_root_pop(ctx, &ra);
    return ok;
}

static inline bool view_has_wide_unit(const JSStringView *v)
{
    return v->wide && utf16_has_wide_unit(v->u.wide, v->len);
}

JSValue js_string_concat(JSContext *ctx, JSValue a, JSValue b)
{
    JSString *pa = JS_VALUE_GET_STRING(a), *pb = JS_VALUE_GET_STRING(b);
    if (pa->len == 0)
        return b;
    if (pb->len == 0)
        return a;
    uint64_t len = (uint64_t)pa->len + pb->len;
    if (len > JS_STRING_MAX_LEN)
        return js_throw_range_error(ctx, "invalid string length");
    JSRoot ra, rb;
    js_root_push(ctx, &ra, a);
    js_root_push(ctx, &rb, b);
    JSValue res = JS_EXCEPTION;
    if (len < ROPE_MIN_LEN) {
        JSStringView va, vb;
        if (view2(ctx, a, b, &va, &vb)) {
            bool wide = view_has_wide_unit(&va) || view_has_wide_unit(&vb);
            JSString *d = js_string_alloc(ctx, (uint32_t)len, wide);
            if (d) {    /* the views are still valid: a and b are rooted */
                copy_view(d, 0, &va);
                copy_view(d, va.len, &vb);
                res = js_str_value(d);
            }
        }
    } else {
        bool wide = ((pa->h.flags | pb->h.flags) & JS_STR_WIDE) != 0;
        JSString *r = js_gc_alloc(ctx, JS_CELL_STRING, sizeof(JSString));
        if (r) {
            r->len = (uint32_t)len;
            r->h.flags = (uint16_t)(JS_STR_ROPE | (wide ? JS_STR_WIDE : 0));
            r->u.rope.left = JS_VALUE_GET_STRING(ra.v);
            r->u.rope.right = JS_VALUE_GET_STRING(rb.v);
            res = js_str_value(r);
        }
    }
    js_root_pop(ctx, &ra);
    return res;
}

/* Units [start, end) of s: a slice of its base when long enough (see
 * SLICE_MIN_LEN), else a flat copy. s is rooted here across the
 * allocation; the caller need not root it. */
JSValue js_string_substring(JSContext *ctx, JSValue s, uint32_t start, uint32_t end)
{
    if (start >= end)
        return js_atom_to_value(ctx, JS_ATOM_empty_string);
    if (start == 0 && end == js_string_len(s))
        return s;
    uint32_t n = end - start;
    JSRoot r;
    js_root_push(ctx, &r, s);
    JSStringView v;
    JSValue res = JS_EXCEPTION;
    if (js_string_view(ctx, s, &v) < 0)
        goto done;
    if (n == 1) {
        res = js_new_string_char(ctx, js_view_char(&v, start));
        goto done;
    }
    /* s is now a flat string, a flat ref or a slice */
    JSString *base = js_resolve(JS_VALUE_GET_STRING(s));
    uint32_t off = start;
    if (base->h.flags & JS_STR_SLICE) {
        off += base->u.slice.start;
        base = base->u.slice.base;
    }
    if (n >= SLICE_MIN_LEN && (uint64_t)n * SLICE_MAX_RATIO >= base->len) {
        /* base stays alive across the allocation: s (rooted) reaches it */
        JSString *c = js_gc_alloc(ctx, JS_CELL_STRING, sizeof(JSString));
        if (c) {
            c->len = n;
            c->h.flags = (uint16_t)(JS_STR_SLICE | (base->h.flags & JS_STR_WIDE));
            c->u.slice.base = base;
            c->u.slice.start = off;
            res = js_str_value(c);
        }
        goto done;
    }
    JSStringView sub = v;
    sub.len = n;
    if (v.wide)
        sub.u.wide += start;
    else
        sub.u.latin1 += start;
    JSString *d = js_string_alloc(ctx, n, view_has_wide_unit(&sub));
    if (d) {    /* v still views s, which is rooted */
        copy_view(d, 0, &sub);
        res = js_str_value(d);
    }
done:
    js_root_pop(ctx, &r);
    return res;
}

/* ---- reading ---- */

int js_string_char_at(JSContext *ctx, JSValue s, uint32_t i)
{
    JSStringView v;
    if (js_string_view(ctx, s, &v) < 0)
        return -1;
    return js_view_char(&v, i);
}

uint32_t js_flat_codepoint_at(const JSString *p, uint32_t i, uint32_t *units)
{
    JSStringView v;
    js_string_view_nogc(p, &v);
    return js_view_codepoint_at(&v, i, units);
}

uint32_t js_view_codepoint_at(const JSStringView *v, uint32_t i, uint32_t *units)
{
    uint32_t c = js_view_char(v, i);
    *units = 1;
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < v->len) {
        uint32_t c2 = js_view_char(v, i + 1);
        if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
            *units = 2;
            return 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
        }
    }
    return c;
}

static bool view_equal(const JSStringView *a, const JSStringView *b)
{
    if (a->len != b->len)
        return false;
    if (!a->wide && !b->wide)
        return memcmp(a->u.latin1, b->u.latin1, a->len) == 0;
    if (a->wide && b->wide)
        return memcmp(a->u.wide, b->u.wide, (size_t)a->len * 2) == 0;
    for (uint32_t i = 0; i < a->len; i++) {
        if (js_view_char(a, i) != js_view_char(b, i))
            return false;
    }
    return true;
}

bool js_flat_equal(const JSString *a, const JSString *b)
{
    JSStringView va, vb;
    js_string_view_nogc(a, &va);
    js_string_view_nogc(b, &vb);
    return view_equal(&va, &vb);
}

static int view_compare(const JSStringView *a, const JSStringView *b)
{
    uint32_t n = a->len < b->len ? a->len : b->len;
    if (!a->wide && !b->wide) {
        int c = memcmp(a->u.latin1, b->u.latin1, n);
        if (c)
            return c;
    } else {
        for (uint32_t i = 0; i < n; i++) {
            int d = (int)js_view_char(a, i) - (int)js_view_char(b, i);
            if (d)
                return d;
        }
    }
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

bool js_string_equal(JSContext *ctx, JSValue a, JSValue b)
{
    if (a == b)
        return true;
    JSString *x = JS_VALUE_GET_STRING(a), *y = JS_VALUE_GET_STRING(b);
    if (x->len != y->len)
        return false;
    if ((x->h.flags & y->h.flags & JS_STR_ATOM))
        return false;   /* two different interned strings */
    JSStringView va, vb;
    if (!view2(ctx, a, b, &va, &vb)) {
        js_get_exception(ctx); /* comparison cannot report OOM; treat as unequal */
        return false;
    }
    if (va.u.latin1 == vb.u.latin1 && va.wide == vb.wide)
        return true;    /* the same units (same flat string, or same part of one base) */
    JSString *pa = js_resolve(x), *pb = js_resolve(y);
    /* only flat strings are ever hashed */
    if ((pa->h.flags & pb->h.flags & JS_STR_HASHED) && pa->hash != pb->hash)
        return false;
    return view_equal(&va, &vb);
}

int js_string_compare(JSContext *ctx, JSValue a, JSValue b)
{
    JSStringView va, vb;
    if (!view2(ctx, a, b, &va, &vb)) {
        js_get_exception(ctx);
        return 0;
    }
    return view_compare(&va, &vb);
}

int64_t js_string_index_of(JSContext *ctx, JSValue s, JSValue search, uint32_t from)
{
    JSStringView p, q;
    if (!view2(ctx, s, search, &p, &q))
        return -1;
    uint32_t n = p.len, m = q.len;
    if (m == 0)
        return from <= n ? from : n;
    if (m > n)
        return -1;
    uint16_t first = js_view_char(&q, 0);
    for (uint32_t i = from; i + m <= n; i++) {
        if (js_view_char(&p, i) != first)
            continue;
        uint32_t k = 1;
        while (k < m && js_view_char(&p, i + k) == js_view_char(&q, k))
            k++;
        if (k == m)
            return i;
    }
    return -1;
}

/* ---- UTF-8 output ---- */

char *js_string_to_utf8(JSContext *ctx, JSValue s, size_t *len_out)
{
    JSStringView p;     /* malloc below does not collect: the view stays valid */
    if (js_string_view(ctx, s, &p) < 0)
        return NULL;
    size_t n = 0;
    for (uint32_t i = 0; i < p.len; i++) {
        uint32_t units;
        uint32_t c = js_view_codepoint_at(&p, i, &units);
        i += units - 1;
        n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    char *buf = malloc(n + 1);
    if (!buf) {
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    size_t k = 0;
    for (uint32_t i = 0; i < p.len; i++) {
        uint32_t units;
        uint32_t c = js_view_codepoint_at(&p, i, &units);
        i += units - 1;
        if (c < 0x80) {
            buf[k++] = (char)c;
        } else if (c < 0x800) {
            buf[k++] = (char)(0xC0 | (c >> 6));
            buf[k++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            buf[k++] = (char)(0xE0 | (c >> 12));
            buf[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[k++] = (char)(0x80 | (c & 0x3F));
        } else {
            buf[k++] = (char)(0xF0 | (c >> 18));
            buf[k++] = (char)(0x80 | ((c >> 12) & 0x3F));
            buf[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    buf[k] = 0;
    if (len_out)
        *len_out = k;
    return buf;
}

/* ---- StringBuffer ---- */

void js_sb_init(JSContext *ctx, StringBuffer *sb, uint32_t capacity_hint)
{
    sb->ctx = ctx;
    sb->buf = NULL;
    sb->len = 0;
    sb->cap = 0;
    sb->wide = false;
    sb->error = false;
    if (capacity_hint) {
        sb->buf = js_malloc(ctx, capacity_hint);
        if (sb->buf)
            sb->cap = capacity_hint;
        else
            sb->error = true;
    }
}

static int sb_fail(StringBuffer *sb)
{
    sb->error = true;
    return -1;
}

/* Ensures room for extra more units. */
static int sb_reserve(StringBuffer *sb, uint32_t extra)
{
    if (sb->error)
        return -1;
    uint64_t need = (uint64_t)sb->len + extra;
    if (need > JS_STRING_MAX_LEN) {
        js_throw_range_error(sb->ctx, "invalid string length");
        return sb_fail(sb);
    }
    if (need <= sb->cap)
        return 0;
    uint64_t ncap = sb->cap ? (uint64_t)sb->cap * 3 / 2 : 16;
    if (ncap < need)
        ncap = need;
    size_t unit = sb->wide ? 2 : 1;
    uint8_t *nb = js_realloc(sb->ctx, sb->buf, (size_t)sb->cap * unit, (size_t)ncap * unit);
    if (!nb)
        return sb_fail(sb);
    sb->buf = nb;
    sb->cap = (uint32_t)ncap;
    return 0;
}

static int sb_widen(StringBuffer *sb)
{
    if (sb->error)
        return -1;
    uint32_t cap = sb->cap < 16 ? 16 : sb->cap;
    uint16_t *nb = js_malloc(sb->ctx, (size_t)cap * 2);
    if (!nb)
        return sb_fail(sb);
    for (uint32_t i = 0; i < sb->len; i++)
        nb[i] = sb->buf[i];
    js_free(sb->ctx->rt, sb->buf, sb->cap);
    sb->buf = (uint8_t *)nb;
    sb->cap = cap;
    sb->wide = true;
    return 0;
}

static inline int sb_put_unit(StringBuffer *sb, uint16_t c)
{
    if (c > 0xFF && !sb->wide && sb_widen(sb) < 0)
        return -1;
    if (sb->len >= sb->cap && sb_reserve(sb, 1) < 0)
        return -1;
    if (sb->wide)
        ((uint16_t *)sb->buf)[sb->len++] = c;
    else
        sb->buf[sb->len++] = (uint8_t)c;
    return 0;
}

int js_sb_putc(StringBuffer *sb, uint32_t c)
{
    if (c >= 0x10000) {
        c -= 0x10000;
        if (sb_put_unit(sb, (uint16_t)(0xD800 | (c >> 10))) < 0)
            return -1;
        return sb_put_unit(sb, (uint16_t)(0xDC00 | (c & 0x3FF)));
    }
    return sb_put_unit(sb, (uint16_t)c);
}

int js_sb_put_latin1(StringBuffer *sb, const uint8_t *s, size_t len)
{
    if (len == 0)   /* s and an empty buffer may be NULL: no memcpy */
        return 0;
    if (len > JS_STRING_MAX_LEN || sb_reserve(sb, (uint32_t)len) < 0)
        return sb_fail(sb);
    if (sb->wide) {
        uint16_t *d = (uint16_t *)sb->buf + sb->len;
        for (size_t i = 0; i < len; i++)
            d[i] = s[i];
    } else {
        memcpy(sb->buf + sb->len, s, len);
    }
    sb->len += (uint32_t)len;
    return 0;
}

int js_sb_put_utf16(StringBuffer *sb, const uint16_t *s, size_t len)
{
    if (len == 0)   /* s and an empty buffer may be NULL: no memcpy */
        return 0;
    if (!sb->wide) {
        for (size_t i = 0; i < len; i++) {
            if (s[i] > 0xFF) {
                if (sb_widen(sb) < 0)
                    return -1;
                break;
            }
        }
    }
    if (len > JS_STRING_MAX_LEN || sb_reserve(sb, (uint32_t)len) < 0)
        return sb_fail(sb);
    if (sb->wide) {
        memcpy((uint16_t *)sb->buf + sb->len, s, len * 2);
    } else {
        for (size_t i = 0; i < len; i++)
            sb->buf[sb->len + i] = (uint8_t)s[i];
    }
    sb->len += (uint32_t)len;
    return 0;
}

int js_sb_put_cstr(StringBuffer *sb, const char *utf8)
{
    const uint8_t *s = (const uint8_t *)utf8;
    size_t len = strlen(utf8), pos = 0;
    while (pos < len) {
        if (s[pos] < 0x80) {
            size_t start = pos;
            while (pos < len && s[pos] < 0x80)
                pos++;
            if (js_sb_put_latin1(sb, s + start, pos - start) < 0)
                return -1;
        } else if (js_sb_putc(sb, utf8_decode(s, len, &pos)) < 0) {
            return -1;
        }
    }
    return 0;
}

int js_sb_put_substring(StringBuffer *sb, JSValue str, uint32_t start, uint32_t end)
{
    if (sb->error)
        return -1;
    JSStringView v;
    if (js_string_view(sb->ctx, str, &v) < 0)
        return sb_fail(sb);
    if (start >= end)
        return 0;
    if (v.wide)
        return js_sb_put_utf16(sb, v.u.wide + start, end - start);
    return js_sb_put_latin1(sb, v.u.latin1 + start, end - start);
}

int js_sb_put_string(StringBuffer *sb, JSValue str)
{
    return js_sb_put_substring(sb, str, 0, js_string_len(str));
}

int js_sb_put_value(StringBuffer *sb, JSValue v)
{
    if (sb->error)
        return -1;
    JSValue s = js_to_string(sb->ctx, v);
    if (js_is_exception(s))
        return sb_fail(sb);
    return js_sb_put_string(sb, s);
}

JSValue js_sb_finish(StringBuffer *sb)
{
    if (sb->error) {
        js_sb_free(sb);
        return JS_EXCEPTION;
    }
    JSValue r;
    if (sb->wide)
        r = js_new_string_utf16(sb->ctx, (uint16_t *)sb->buf, sb->len);
    else if (sb->len == 0)
        r = js_atom_to_value(sb->ctx, JS_ATOM_empty_string);
    else
        r = js_new_string_latin1(sb->ctx, sb->buf, sb->len);
    js_sb_free(sb);
    return r;
}

void js_sb_free(StringBuffer *sb)
{
    if (sb->buf)
        js_free(sb->ctx->rt, sb->buf, (size_t)sb->cap * (sb->wide ? 2 : 1));
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

/* ---- symbols ---- */

JSValue js_new_symbol(JSContext *ctx, JSValue description, bool registered)
{
    JSRoot r;
    js_root_push(ctx, &r, description);
    JSSymbol *s = js_gc_alloc(ctx, JS_CELL_SYMBOL, sizeof(JSSymbol));
    js_root_pop(ctx, &r);
    if (!s)
        return JS_EXCEPTION;
    s->description = description;
    s->registered = registered;
    if (js_atom_register_symbol(ctx->rt, s) < 0)
        return js_throw_out_of_memory(ctx);
    return js_sym_value(s);
}
