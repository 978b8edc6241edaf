/* The Unicode data of the URL parser's domain to ASCII (WHATWG URL: UTS 46
 * with Transitional_Processing false and UseSTD3ASCIIRules false): the
 * mapping step, and the Bidi_Class / Joining_Type classes its CheckBidi
 * and CheckJoiners criteria need, over the tables tools/gen_idna.py
 * generates (web_idna_tables.h), which ship compressed and are expanded
 * on the first use of either host function. The rest of the processing
 * (NFC, punycode, the criteria themselves) is JS, in
 * runtime-lib/web/url.js. */
#include <stdlib.h>
#include <string.h>
#include "web_int.h"
#include "web_idna_tables.h"
#include "lz.h"

/* The tables, LZ77-compressed (generated: build/web_idna_lz.c); expanded
 * once per process, whichever worker thread comes first. */
extern JSLzTable js_rt_idna_lz;

static const WebIdnaTables *idna_tables(void)
{
    return js_lz_table(&js_rt_idna_lz, sizeof(WebIdnaTables));
}

/* The row of a table of (first code point << shift | value) covering c. */
static size_t find_row(const uint32_t *rows, size_t n, int shift, uint32_t c)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if ((rows[mid] >> shift) <= c)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}
#define ROWS(t) (t), sizeof(t) / sizeof((t)[0])

/* Decodes one UTF-8 sequence of s (qjs_to_cstring's output, well formed)
 * at *i. */
static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i)
{
    uint32_t c = s[(*i)++];
    int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    c &= more == 3 ? 0x07 : more == 2 ? 0x0f : more == 1 ? 0x1f : 0x7f;
    while (more-- > 0 && *i < len)
        c = (c << 6) | (s[(*i)++] & 0x3f);
    return c;
}

/* host.idnaMap(domain): the domain with each code point mapped by its
 * UTS 46 status (valid and deviation kept, ignored dropped, mapped
 * replaced), or null if it has a disallowed code point. */
static QJSValue host_idna_map(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    size_t len;
    char *s = qjs_to_cstring(ctx, argv[0], &len);
    if (!s)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    size_t cap = len * 3 + 16, n = 0;
    char *out = malloc(cap);
    if (!out) {
        qjs_free_cstring(s);
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    const WebIdnaTables *t = idna_tables();
    bool bad = false;
    for (size_t i = 0; i < len && !bad;) {
        size_t at = i;
        uint32_t c = next_cp((const unsigned char *)s, len, &i);
        size_t row = find_row(ROWS(t->ranges), 3, c);
        const char *m;
        size_t mlen;
        switch (t->ranges[row] & 7) {
        case WEB_IDNA_VALID:
        case WEB_IDNA_DEVIATION:
            m = s + at;
            mlen = i - at;
            break;
        case WEB_IDNA_MAPPED:
            m = t->pool + t->map[row];
            mlen = strlen(m);
            break;
        case WEB_IDNA_IGNORED:
            continue;
        default:
            bad = true;
            continue;
        }
        if (n + mlen > cap) {
            cap = (n + mlen) * 2;
            char *nb = realloc(out, cap);
            if (!nb) {
                free(out);
                qjs_free_cstring(s);
                return qjs_throw_error(ctx, "InternalError", "out of memory");
            }
            out = nb;
        }
        memcpy(out + n, m, mlen);
        n += mlen;
    }
    qjs_free_cstring(s);
    QJSValue r = bad ? qjs_null() : qjs_new_string(ctx, out, n);
    free(out);
    return r;
}

/* host.idnaClasses(label): one UTF-16 unit per code point of label,
 * 0x100 + (Bidi_Class | Joining_Type << 4) (WEB_BIDI_*, WEB_JOIN_*; a
 * virama is WEB_JOIN_VIRAMA), for the CheckBidi and CheckJoiners criteria. */
static QJSValue host_idna_classes(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    size_t len;
    char *s = qjs_to_cstring(ctx, argv[0], &len);
    if (!s)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    /* each unit 0x100..0x1ff is two UTF-8 bytes */
    char *out = malloc(len * 2 + 1);
    if (!out) {
        qjs_free_cstring(s);
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    const WebIdnaTables *t = idna_tables();
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = next_cp((const unsigned char *)s, len, &i);
        uint32_t bidi = t->bidi[find_row(ROWS(t->bidi), 4, c)] & 15;
        uint32_t join = t->join[find_row(ROWS(t->join), 3, c)] & 7;
        uint32_t u = 0x100 + (bidi | join << 4);
        out[n++] = (char)(0xc0 | (u >> 6));
        out[n++] = (char)(0x80 | (u & 0x3f));
    }
    qjs_free_cstring(s);
    QJSValue r = qjs_new_string(ctx, out, n);
    free(out);
    return r;
}

int js_web_idna_add_host(QJSContext *ctx, QJSValue host)
{
    if (qjs_define_prop_str(ctx, host, "idnaMap", qjs_new_function(ctx, host_idna_map, "idnaMap", 1)) < 0)
        return -1;
    return qjs_define_prop_str(ctx, host, "idnaClasses", qjs_new_function(ctx, host_idna_classes, "idnaClasses", 1));
}
