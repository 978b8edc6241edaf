/* lz_compress.h: the build tools' LZ77 compressor (format:
 * engine/src/lz/lz.h). */
#ifndef LZ_COMPRESS_H
#define LZ_COMPRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* in[0 .. n) compressed: a malloc'd stream of *out_len bytes. Exits the
 * tool when memory runs out. */
uint8_t *lz_compress(const uint8_t *in, size_t n, size_t *out_len);

/* Writes z[0 .. n) to out as the braces of a C array initializer
 * ("{ ... }", 20 bytes a line). */
void lz_write_array(FILE *out, const uint8_t *z, size_t n);

#endif
