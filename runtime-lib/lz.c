/* The expander of the LZ77 format in lz.h. */
#include "lz.h"

/* Adds a nibble's extension bytes to *n; -1 past the end of the input. */
static int read_length(const uint8_t **p, const uint8_t *end, size_t *n)
{
    uint8_t b;
    do {
        if (*p == end)
            return -1;
        b = *(*p)++;
        *n += b;
    } while (b == 255);
    return 0;
}

int js_lz_expand(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
    const uint8_t *p = in, *end = in + in_len;
    size_t o = 0;
    while (p < end) {
        uint8_t token = *p++;
        size_t lit = token >> 4, len = token & 15;
        if (lit == 15 && read_length(&p, end, &lit) < 0)
            return -1;
        if (lit > (size_t)(end - p) || lit > out_len - o)
            return -1;
        for (size_t i = 0; i < lit; i++)
            out[o++] = *p++;
        if (p == end)
            break;                          /* the last sequence: literals only */
        if (end - p < 2)
            return -1;
        size_t dist = p[0] | (size_t)p[1] << 8;
        p += 2;
        if (len == 15 && read_length(&p, end, &len) < 0)
            return -1;
        len += JS_LZ_MIN_MATCH;
        if (dist == 0 || dist > o || len > out_len - o)
            return -1;
        for (size_t i = 0; i < len; i++, o++)
            out[o] = out[o - dist];
    }
    return o == out_len ? 0 : -1;
}
