/* Internal interface of the serialized bytecode format (docs/
 * bytecode-format.md): constants shared by the writer (serialize.c), the
 * reader (serialize_read.c) and the verifier (bytecode_verify.c). */
#ifndef SERIALIZE_H
#define SERIALIZE_H

#include <stddef.h>
#include <stdint.h>
#include "bytecode.h"

#define JS_BC_MAGIC "QJSBC\0\r\n"
#define JS_BC_MAGIC_LEN 8
#define JS_BC_FORMAT_VERSION 2u
#define JS_BC_HEADER_LEN 72u
#define JS_BC_VERSION_LEN 32u
#define JS_BC_NO_INDEX 0xFFFFFFFFu
#define JS_BC_SYM_REF 0x40000000u     /* atom ref of a predefined symbol */
#define JS_BC_MAX_DEPTH 512           /* nesting of function records */

/* Header field offsets */
enum {
    JS_BCH_VERSION = 8, JS_BCH_ENGINE = 12, JS_BCH_OPHASH = 44, JS_BCH_BUILDHASH = 48,
    JS_BCH_FLAGS = 52, JS_BCH_UNITS = 56, JS_BCH_LENGTH = 60, JS_BCH_FUNCS = 64,
    JS_BCH_SOURCES = 68,
};

/* Constant tags */
enum {
    JS_BCK_INT, JS_BCK_FLOAT, JS_BCK_STRING, JS_BCK_BIGINT, JS_BCK_FUNCTION,
    JS_BCK_TEMPLATE, JS_BCK_SCOPE, JS_BCK_UNDEFINED, JS_BCK_COUNT
};

/* CRC-32 (IEEE, as zlib) of buf. Pure. */
uint32_t js_bc_crc32(const uint8_t *buf, size_t len);
/* The opcode table hash and the build hash of this runtime. Pure. */
uint32_t js_bc_opcode_hash(void);
uint32_t js_bc_build_hash(void);

/* bytecode_verify.c: checks b (and, recursively, the functions of its
 * constant pool) as described in docs/bytecode-format.md. parent is the
 * function whose frame creates b's closures (NULL for a unit's top
 * level). Returns 0, or -1 after throwing a SyntaxError
 * "bytecode: ... in function f at pc N". May collect (only to throw). */
int js_bytecode_verify(JSContext *ctx, const JSFunctionBytecode *b, const JSFunctionBytecode *parent);

/* The reader reaches the verifier through js_bytecode_verifier: the
 * default definition (bytecode_verifier.c) is linked only when the
 * program does not define its own, which an executable built with `qjsc
 * --builtins auto` does, as NULL: it reads only its own bytecode, which
 * is trusted (QJS_READ_TRUSTED), and then any other read fails. */
typedef struct JSBytecodeVerifier {
    int (*verify)(JSContext *ctx, const JSFunctionBytecode *b, const JSFunctionBytecode *parent);
} JSBytecodeVerifier;
extern const JSBytecodeVerifier *const js_bytecode_verifier;

/* bytecode.c: true if cell is a scope descriptor (compile.h). Pure. */
bool js_is_scope_desc(const void *cell);

#endif
