/* lz.h: the byte-oriented LZ77 format the Web globals' bytecode is stored
 * in (tools/embed_js.c compresses at build time; runtime-lib/web.c
 * expands a bundle on its first use), about half the size of the raw
 * bytecode in every executable.
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

#include <stddef.h>
#include <stdint.h>

#define JS_LZ_MIN_MATCH 4

/* Expands in[0 .. in_len) into out[0 .. out_len). Returns 0 when the
 * stream is well formed and gives exactly out_len bytes, -1 otherwise
 * (never reads or writes outside the two buffers). */
int js_lz_expand(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len);

#endif
