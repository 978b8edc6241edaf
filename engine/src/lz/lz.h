/* lz.h: the byte-oriented LZ77 format of the read-only data a program
 * needs only on first use: the Web globals' bytecode (tools/embed_js.c),
 * the cold Unicode tables of the engine and the runtime library's IDNA
 * tables (tools/lz_pack.c); tools/lz_compress.c is the one compressor.
 * The expander is the engine's (engine/src/lz/) and the runtime library
 * uses it too; this header needs nothing else from either.
 *
 * A stream is a list of sequences. Each starts with a token byte: its
 * high nibble is the number of literal bytes, its low nibble the match
 * length minus JS_LZ_MIN_MATCH. A nibble of 15 is followed by extension
 * bytes added to it, each 255 meaning another one follows. Then come the
 * literals; then, unless the stream ends there, a match: a 2-byte
 * little-endian distance back into the output (1 .. 65535) and the copy
 * (which may overlap what it produces). The last sequence has literals
 * only. */
#ifndef JS_LZ_H
#define JS_LZ_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define JS_LZ_MIN_MATCH 4

/* Expands in[0 .. in_len) into out[0 .. out_len). Returns 0 when the
 * stream is well formed and gives exactly out_len bytes, -1 otherwise
 * (never reads or writes outside the two buffers). */
int js_lz_expand(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len);

/* A column of 16- or 32-bit words that a packed table stores as
 * differences, which compress far better than sorted code points do:
 * word i holds word[i] - word[i - stride] modulo 2^16 or 2^32 (the first
 * stride words as they are); expanding adds them up again. */
typedef struct JSLzDelta {
    uint32_t offset;            /* of the first word, in bytes */
    uint32_t count;             /* words, counting the skipped ones */
    uint16_t width;             /* 2 or 4 bytes */
    uint16_t stride;            /* words from a word to its base */
} JSLzDelta;

/* A table that ships compressed and is expanded into a static buffer on
 * first use (in zero-filled memory until then, so it costs the executable
 * nothing). tools/lz_pack.c writes one per packed table. */
typedef struct JSLzTable {
    const uint8_t *in;          /* the compressed stream */
    size_t in_len;
    void *out;                  /* the buffer it expands into */
    size_t out_len;
    const JSLzDelta *deltas;    /* the columns stored as differences */
    size_t ndeltas;
    atomic_int ready;           /* out holds the data */
} JSLzTable;

/* Adds up the differences of column d of the expanded table t (in place);
 * js_lz_delta_encode is its inverse, for tools/lz_pack.c. Never collects,
 * never throws. */
void js_lz_delta_decode(void *t, const JSLzDelta *d);
void js_lz_delta_encode(void *t, const JSLzDelta *d);

/* The expanded data of t, whose expanded size must be size (the type the
 * caller reads it as): expanded once per process, however many threads
 * (one runtime each) ask at the same time. Aborts if the size is not the
 * table's or the stream is corrupt: both were built and checked with the
 * program, so that means the executable is damaged. Never collects,
 * never throws. */
const void *js_lz_table(JSLzTable *t, size_t size);

#endif
