/* The UTS 46 mapping step of the URL parser's domain to ASCII (WHATWG URL,
 * "domain to ASCII" with Transitional_Processing false and
 * UseSTD3ASCIIRules false), over the table tools/gen_idna.py generates
 * (web_idna_tables.h). The rest of the processing (NFC, punycode, the
 * validity criteria) is JS, in runtime-lib/web/url.js. */
#include <stdlib.h>
#include <string.h>
#include "web_int.h"
#include "web_idna_tables.h"

/* The row of web_idna_ranges covering c. */
static size_t idna_row(uint32_t c)
{
    size_t lo = 0, hi = sizeof web_idna_ranges / sizeof web_idna_ranges[0];
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if ((web_idna_ranges[mid] >> 3) <= c)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

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
    bool bad = false;
    for (size_t i = 0; i < len && !bad;) {
        size_t at = i;
        uint32_t c = next_cp((const unsigned char *)s, len, &i);
        size_t row = idna_row(c);
        const char *m;
        size_t mlen;
        switch (web_idna_ranges[row] & 7) {
        case WEB_IDNA_VALID:
        case WEB_IDNA_DEVIATION:
            m = s + at;
            mlen = i - at;
            break;
        case WEB_IDNA_MAPPED:
            m = web_idna_pool + web_idna_map[row];
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

int web_idna_add_host(QJSContext *ctx, QJSValue host)
{
    return qjs_define_prop(ctx, host, "idnaMap", qjs_new_function(ctx, host_idna_map, "idnaMap", 1));
}
