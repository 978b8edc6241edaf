/* embed_js: the build-time compiler of the runtime library's own JS
 * (runtime-lib/web/NAME.js). Each file is compiled as a classic script with
 * the engine alone (no runtime library: qjsc links that library, so it
 * cannot build it) and written as serialized bytecode, compressed in the
 * LZ77 format of runtime-lib/lz.h, in a C array.
 *   usage: embed_js OUT.c NAME=FILE.js...
 * gives `const uint8_t js_rt_web_NAME[]` (compressed),
 * `const size_t js_rt_web_NAME_size` (its length) and
 * `const size_t js_rt_web_NAME_raw_size` (the bytecode's) for each file.
 * Each array is expanded again here and compared with the bytecode. The
 * output depends only on the sources (reproducible). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qjs.h"
#include "lz.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* ---- the LZ77 compressor (format: runtime-lib/lz.h) ---- */

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
            fprintf(stderr, "embed_js: out of memory\n");
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
 * byte when the next position has a longer one. */
static Out lz_compress(const uint8_t *in, size_t n)
{
    Out o = { 0 };
    int32_t *head = malloc(sizeof(int32_t) << HASH_BITS), *prev = malloc(sizeof(int32_t) * (n + 1));
    if (!head || !prev) {
        fprintf(stderr, "embed_js: out of memory\n");
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
    return o;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: embed_js OUT.c NAME=FILE.js...\n");
        return 2;
    }
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *out = fopen(tmp, "w");
    if (!out) {
        perror(tmp);
        return 1;
    }
    fprintf(out, "/* Generated by tools/embed_js.c from runtime-lib/web/: do not edit. */\n"
                 "#include <stddef.h>\n#include <stdint.h>\n");
    for (int i = 2; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) {
            fprintf(stderr, "embed_js: %s: expected NAME=FILE\n", argv[i]);
            return 2;
        }
        *eq = 0;
        const char *name = argv[i], *path = eq + 1;
        size_t len;
        char *src = read_file(path, &len);
        if (!src) {
            perror(path);
            return 1;
        }
        /* The unit's file name is the bare name, never the build path. */
        char fname[256];
        snprintf(fname, sizeof fname, "<%s>", name);
        QJSValue unit = qjs_compile(ctx, src, len, fname, QJS_EVAL_STRICT);
        free(src);
        size_t blen = 0;
        uint8_t *bc = qjs_is_exception(unit) ? NULL
            : qjs_write_bytecode(ctx, 1, &unit, (const char *const[]){ fname }, QJS_WRITE_STRIP_SOURCE | QJS_WRITE_STRIP_DEBUG, &blen);
        if (!bc) {
            char *msg = qjs_format_exception(ctx, qjs_take_exception(ctx));
            fprintf(stderr, "embed_js: %s: %s\n", path, msg ? msg : "error");
            return 1;
        }
        Out z = lz_compress(bc, blen);
        uint8_t *check = malloc(blen);
        if (!check || js_lz_expand(z.p, z.n, check, blen) != 0 || memcmp(check, bc, blen) != 0) {
            fprintf(stderr, "embed_js: %s: the compressed bytecode does not expand to itself\n", path);
            return 1;
        }
        free(check);
        fprintf(out, "const uint8_t js_rt_web_%s[%zu] = {", name, z.n);
        for (size_t j = 0; j < z.n; j++)
            fprintf(out, "%s%u,", j % 20 ? "" : "\n", z.p[j]);
        fprintf(out, "\n};\nconst size_t js_rt_web_%s_size = %zu;\n", name, z.n);
        fprintf(out, "const size_t js_rt_web_%s_raw_size = %zu;\n", name, blen);
        free(z.p);
        free(bc);
    }
    qjs_runtime_free(rt);
    if (fclose(out) != 0 || rename(tmp, argv[1]) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
