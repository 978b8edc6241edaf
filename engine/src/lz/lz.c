/* The expander of the LZ77 format in lz.h, and the tables expanded on
 * first use. */
#include "lz.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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
        memcpy(out + o, p, lit);
        o += lit;
        p += lit;
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
        if (dist >= len) {
            memcpy(out + o, out + o - dist, len);
            o += len;
        } else {
            for (size_t i = 0; i < len; i++, o++)  /* overlaps what it makes */
                out[o] = out[o - dist];
        }
    }
    return o == out_len ? 0 : -1;
}

/* The columns are read and written with memcpy: a column is a run of
 * uint16_t or uint32_t inside the table's type. w walks the words from
 * the first that has a base, which is back bytes before it. */
void js_lz_delta_decode(void *t, const JSLzDelta *d)
{
    uint8_t *w = (uint8_t *)t + d->offset + (size_t)d->stride * d->width;
    uint8_t *end = (uint8_t *)t + d->offset + (size_t)d->count * d->width;
    size_t back = (size_t)d->stride * d->width;
    if (d->width == 2) {
        for (; w < end; w += 2) {
            uint16_t v, base;
            memcpy(&v, w, 2);
            memcpy(&base, w - back, 2);
            v = (uint16_t)(v + base);
            memcpy(w, &v, 2);
        }
    } else {
        for (; w < end; w += 4) {
            uint32_t v, base;
            memcpy(&v, w, 4);
            memcpy(&base, w - back, 4);
            v += base;
            memcpy(w, &v, 4);
        }
    }
}

/* The inverse, from the last word down (for the build tool: not fast). */
void js_lz_delta_encode(void *t, const JSLzDelta *d)
{
    uint8_t *p = (uint8_t *)t + d->offset;
    for (size_t i = d->count; i-- > d->stride;) {
        if (d->width == 2) {
            uint16_t v, base;
            memcpy(&v, p + 2 * i, 2);
            memcpy(&base, p + 2 * (i - d->stride), 2);
            v = (uint16_t)(v - base);
            memcpy(p + 2 * i, &v, 2);
        } else {
            uint32_t v, base;
            memcpy(&v, p + 4 * i, 4);
            memcpy(&base, p + 4 * (i - d->stride), 4);
            v -= base;
            memcpy(p + 4 * i, &v, 4);
        }
    }
}

/* One lock for every table: it is taken only while a table is not ready
 * yet, that is at most once per table for the winner and briefly for the
 * threads that asked at the same moment. */
static pthread_mutex_t lz_table_lock = PTHREAD_MUTEX_INITIALIZER;

const void *js_lz_table(JSLzTable *t, size_t size)
{
    if (size != t->out_len)
        abort();
    if (atomic_load_explicit(&t->ready, memory_order_acquire))
        return t->out;
    pthread_mutex_lock(&lz_table_lock);
    if (!atomic_load_explicit(&t->ready, memory_order_relaxed)) {
        if (js_lz_expand(t->in, t->in_len, t->out, t->out_len) < 0)
            abort();
        for (size_t i = 0; i < t->ndeltas; i++)
            js_lz_delta_decode(t->out, &t->deltas[i]);
        atomic_store_explicit(&t->ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&lz_table_lock);
    return t->out;
}
