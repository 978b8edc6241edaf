/* lz_compress: the compressor of the LZ77 format of engine/src/lz/lz.h,
 * shared by the build tools that write compressed data (embed_js for the
 * Web bundles' bytecode, lz_pack for the tables expanded on first use). */
#include "lz_compress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lz.h"

#define HASH_BITS 16
#define MAX_DIST 65535
#define MAX_CHAIN 512   /* candidates tried per position */

typedef struct {
    uint8_t *p;
    size_t n, cap;
} Out;

static void put(Out *o, uint8_t b)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 4096;
        o->p = realloc(o->p, o->cap);
        if (!o->p) {
            fprintf(stderr, "lz_compress: out of memory\n");
            exit(1);
        }
    }
    o->p[o->n++] = b;
}

/* The extension bytes of a nibble that reached 15 (n = the rest). */
static void put_length(Out *o, size_t n)
{
    for (; n >= 255; n -= 255)
        put(o, 255);
    put(o, (uint8_t)n);
}

/* One sequence: the literals lit[0 .. nlit), then (if len) a match. */
static void put_sequence(Out *o, const uint8_t *lit, size_t nlit, size_t dist, size_t len)
{
    size_t m = len ? len - JS_LZ_MIN_MATCH : 0;
    put(o, (uint8_t)((nlit < 15 ? nlit : 15) << 4 | (m < 15 ? m : 15)));
    if (nlit >= 15)
        put_length(o, nlit - 15);
    for (size_t i = 0; i < nlit; i++)
        put(o, lit[i]);
    if (!len)
        return;
    put(o, (uint8_t)dist);
    put(o, (uint8_t)(dist >> 8));
    if (m >= 15)
        put_length(o, m - 15);
}

static uint32_t hash4(const uint8_t *p)
{
    uint32_t v = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* The longest earlier match at in + i (length, *dist), 0 if none. */
static size_t longest_match(const uint8_t *in, size_t n, size_t i, const int32_t *head,
                            const int32_t *prev, size_t *dist)
{
    size_t best = 0;
    int chain = MAX_CHAIN;
    for (int32_t c = head[hash4(in + i)]; c >= 0 && i - (size_t)c <= MAX_DIST && chain--; c = prev[c]) {
        size_t len = 0;
        while (i + len < n && in[c + len] == in[i + len])
            len++;
        if (len > best) {
            best = len;
            *dist = i - (size_t)c;
        }
    }
    return best >= JS_LZ_MIN_MATCH ? best : 0;
}

/* Greedy parse with one step of lazy matching: a match is put off by a
 * byte when the next position has a longer one. Deterministic: the same
 * input gives the same stream. */
uint8_t *lz_compress(const uint8_t *in, size_t n, size_t *out_len)
{
    Out o = { 0 };
    int32_t *head = malloc(sizeof(int32_t) << HASH_BITS), *prev = malloc(sizeof(int32_t) * (n + 1));
    if (!head || !prev) {
        fprintf(stderr, "lz_compress: out of memory\n");
        exit(1);
    }
    memset(head, 0xff, sizeof(int32_t) << HASH_BITS);
    size_t anchor = 0, i = 0, inserted = 0;
    while (i + JS_LZ_MIN_MATCH <= n) {
        for (; inserted < i; inserted++) {
            uint32_t h = hash4(in + inserted);
            prev[inserted] = head[h];
            head[h] = (int32_t)inserted;
        }
        size_t dist = 0, len = longest_match(in, n, i, head, prev, &dist);
        if (len && i + 1 + JS_LZ_MIN_MATCH <= n) {
            uint32_t h = hash4(in + i);
            prev[i] = head[h];
            head[h] = (int32_t)i;
            inserted = i + 1;
            size_t dist2 = 0, len2 = longest_match(in, n, i + 1, head, prev, &dist2);
            if (len2 > len) {
                i++;
                continue;
            }
        }
        if (!len) {
            i++;
            continue;
        }
        put_sequence(&o, in + anchor, i - anchor, dist, len);
        i += len;
        anchor = i;
    }
    put_sequence(&o, in + anchor, n - anchor, 0, 0);
    free(head);
    free(prev);
    *out_len = o.n;
    return o.p;
}

void lz_write_array(FILE *out, const uint8_t *z, size_t n)
{
    fputc('{', out);
    for (size_t j = 0; j < n; j++)
        fprintf(out, "%s%u,", j % 20 ? "" : "\n", z[j]);
    fputs("\n}", out);
}
