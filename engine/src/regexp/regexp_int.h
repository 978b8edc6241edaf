/* Internals of the regexp engine shared by regexp_compile.c,
 * regexp_charset.c and regexp_exec.c: the blob layout, the opcode set of
 * the matcher, and the code point set type used while compiling classes.
 * Not for use outside the regexp files. */
#ifndef REGEXP_INT_H
#define REGEXP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Blob layout, all fields little-endian, offsets from the blob start:
 *   0  u16 flags            2  u16 capture count (with group 0)
 *   4  u32 register count (2 * captures + loop/lookaround registers)
 *   8  u32 code length     12  u32 offset of group names (0: none)
 *  16  u32 offset of the named-backreference table (0: none)
 *  20  u32 offset of the first-character filter (0: none)
 *  24  u32 total blob size 28  u32 reserved (0)
 *  32  code
 * Group names: for groups 1..count-1, u16 byte length (0: unnamed) then
 * that many UTF-8 bytes. Named-backreference table: u32 n, then n u32
 * offsets, each to a list "u16 k, k x u16 group index".
 * First-character filter: 32-byte bitmap of the first code units < 256 a
 * match can start with, then u8 1 if a unit >= 256 may start a match. */
#define RE_HDR_FLAGS      0
#define RE_HDR_NCAP       2
#define RE_HDR_NREGS      4
#define RE_HDR_CODE_LEN   8
#define RE_HDR_NAMES      12
#define RE_HDR_NAMEREFS   16
#define RE_HDR_FIRST      20
#define RE_HDR_SIZE       24
#define RE_HDR_LEN        32

/* Opcodes. Operands follow the opcode byte, little-endian. A "_B"
 * variant matches backwards (inside a lookbehind) and always follows its
 * forward twin. "unit" ops read one code unit, "_CP" ops one code point
 * (a surrogate pair counts as one). Jump offsets are relative to the end
 * of the instruction. */
enum {
    REOP_CHAR,          /* u16 c: one unit equal to c */
    REOP_CHAR_B,
    REOP_CHAR2,         /* u16 a, u16 b: one unit equal to a or b */
    REOP_CHAR2_B,
    REOP_CHAR_CP,       /* u32 c: one code point equal to c */
    REOP_CHAR_CP_B,
    REOP_CLASS,         /* u32 n, 32-byte bitmap, n x (u32 lo, u32 hi): unit in
                           [lo, hi) for some pair (bitmap answers below 256) */
    REOP_CLASS_B,
    REOP_CLASS_CP,      /* same operands, one code point */
    REOP_CLASS_CP_B,
    REOP_ANY,           /* one unit that is not a line terminator */
    REOP_ANY_B,
    REOP_ANY_CP,
    REOP_ANY_CP_B,
    REOP_ALL,           /* any one unit */
    REOP_ALL_B,
    REOP_ALL_CP,
    REOP_ALL_CP_B,
    REOP_BOL,           /* ^ without m */
    REOP_BOL_M,
    REOP_EOL,
    REOP_EOL_M,
    REOP_WORDB,         /* u8 mode: bit0 = \B, bit1 = u/v + i word set */
    REOP_JMP,           /* i32 rel */
    REOP_SPLIT_NEXT,    /* i32 rel: try the next instruction, then target */
    REOP_SPLIT_JMP,     /* i32 rel: try the target, then the next one */
    REOP_SAVE,          /* u16 slot: register := position (undoable) */
    REOP_RESET,         /* u16 first, u16 end: registers [first,end) := -1 */
    REOP_SET_POS,       /* u16 reg: register := position (undoable) */
    REOP_CHECK_PROGRESS,/* u16 reg: fail if position == register */
    REOP_CNT_INIT,      /* u16 reg: register := 0 (undoable) */
    REOP_LOOP,          /* u16 cnt, u32 min, u32 max, u8 greedy, i32 exit:
                           loop head (body follows) */
    REOP_LOOP_END,      /* u16 cnt, u16 posreg (0xffff none), u32 min,
                           i32 head: end of a loop body */
    REOP_STAR,          /* u32 min, u32 max, u32 oplen, then one forward
                           char op of oplen bytes: greedy single-char loop */
    REOP_BACKREF,       /* u16 group, u8 flags (bit0 i, bit1 backward,
                           bit2 unicode) */
    REOP_BACKREF_NAMED, /* u16 index in the named-backreference table,
                           u8 flags as above */
    REOP_LOOK,          /* u8 negative, u16 reg, i32 rel to after the end op */
    REOP_LOOK_END,      /* u16 reg: positive lookaround body matched */
    REOP_NLOOK_END,     /* u16 reg: negative lookaround body matched */
    REOP_MATCH,
    REOP_COUNT
};

static inline uint16_t re_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t re_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static inline void re_put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void re_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* A set of code points: sorted, disjoint, non-adjacent half-open ranges
 * [r[2i], r[2i+1]). */
typedef struct ReCSet {
    uint32_t *r;
    int n;                      /* number of ranges */
    int cap;                    /* capacity in ranges */
} ReCSet;

/* Set operations (regexp_charset.c). Each returns 0, or -1 when out of
 * memory. None collects or throws. */
void js_re_cset_init(ReCSet *s);
void js_re_cset_free(ReCSet *s);
int js_re_cset_add(ReCSet *s, uint32_t lo, uint32_t hi);  /* [lo, hi) */
int js_re_cset_union(ReCSet *s, const ReCSet *t);
int js_re_cset_inter(ReCSet *s, const ReCSet *t);
int js_re_cset_sub(ReCSet *s, const ReCSet *t);
int js_re_cset_invert(ReCSet *s, uint32_t max);       /* complement in [0,max) */

/* Canonicalize (ECMA-262 22.2.2.7.3): simple case folding when unicode,
 * else the uppercase rule of non-unicode mode. Returns the canonical
 * value. Never fails. */
uint32_t js_re_canon(uint32_t c, bool unicode);
/* Replaces s by { c : Canonicalize(c) in Canonicalize(s) }, the set of
 * characters an ignoreCase class built from s matches. Returns 0 / -1. */
int js_re_cset_close(ReCSet *s, bool unicode);
/* Replaces s by its image under simple case folding (v-mode
 * MaybeSimpleCaseFolding). Returns 0 / -1. */
int js_re_cset_fold(ReCSet *s);
/* Removes from s the code points that simple case folding changes (the
 * complement of s within AllCharacters for v + i). Returns 0 / -1. */
int js_re_cset_remove_foldable(ReCSet *s);
/* The characters that are case-equivalent to c (c included), at most cap,
 * written to out; returns their number. */
int js_re_case_variants(uint32_t c, bool unicode, uint32_t *out, int cap);

#endif
