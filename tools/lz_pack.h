/* lz_pack.h: what a generated table file (NAME_packdata.c) gives the
 * build tool lz_pack (tools/lz_pack.c): the tables to compress. */
#ifndef LZ_PACK_H
#define LZ_PACK_H

#include <stddef.h>
#include "lz.h"

#define LZ_PACK_MAX_DELTAS 8

typedef struct LzPackInput {
    const char *name;           /* the JSLzTable lz_pack defines */
    const char *header;         /* declares type */
    const char *type;           /* the table's C type */
    const void *data;           /* the table, as the program reads it */
    size_t size;
    JSLzDelta deltas[LZ_PACK_MAX_DELTAS];   /* ends with a zero count */
} LzPackInput;

/* Defined by the generated file; ends with a NULL name. */
extern const LzPackInput lz_pack_inputs[];

#endif
