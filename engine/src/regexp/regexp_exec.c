/* The regexp matcher: runs a blob from regexp_compile.c over Latin-1 or
 * UTF-16 input with an explicit, growable backtracking stack (no C
 * recursion), polling an interrupt callback, and drives the search over
 * start positions with a first-character filter. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "regexp.h"
#include "regexp_int.h"

#define RE_INTERRUPT_STEPS 10000
#define RE_LOCAL_STACK 64
#define RE_LOCAL_REGS 32

/* Backtracking stack entry; the low 2 bits of a say what it is:
 *   0 choice point: resume at pc a>>2, position b
 *   1 undo: register a>>2 gets back the value b
 *   2 lookaround marker: continuation pc a>>3, bit 2 set when negative,
 *     position b at the lookaround's start
 *   3 greedy single-char loop: resume at pc a>>2 with position b, one
 *     character shorter on each retry; the entry below holds the lowest
 *     position (a>>2, tag 3 too) and whether characters are code points
 *     (b). */
typedef struct ReEnt {
    uint32_t a;
    int32_t b;
} ReEnt;

typedef struct Matcher {
    const uint8_t *blob;
    const uint8_t *code;
    int32_t *regs;
    uint32_t ncap2;             /* first extra register */
    ReEnt *stack;
    size_t sp, cap;
    bool stack_heap;
    int steps;
    re_interrupt_fn *interrupt;
    void *opaque;
    ReEnt local[RE_LOCAL_STACK];
} Matcher;

static int re_grow(Matcher *m)
{
    size_t cap = m->cap * 2;
    if (cap > ((size_t)1 << 40) / sizeof(ReEnt))
        return -1;
    ReEnt *st;
    if (m->stack_heap) {
        st = realloc(m->stack, cap * sizeof(ReEnt));
    } else {
        st = malloc(cap * sizeof(ReEnt));
        if (st)
            memcpy(st, m->stack, m->sp * sizeof(ReEnt));
    }
    if (!st)
        return -1;
    m->stack = st;
    m->cap = cap;
    m->stack_heap = true;
    return 0;
}

/* Polls the callback; returns 0 to go on or RE_ERR_INTERRUPTED. */
static int re_check_interrupt(Matcher *m)
{
    m->steps = RE_INTERRUPT_STEPS;
    if (m->interrupt && m->interrupt(m->opaque))
        return RE_ERR_INTERRUPTED;
    return 0;
}

#define RE_PUSH(A, B)                                                     \
    do {                                                                  \
        if (m->sp >= m->cap && re_grow(m))                                \
            return RE_ERR_MEMORY;                                         \
        m->stack[m->sp].a = (A);                                          \
        m->stack[m->sp].b = (int32_t)(B);                                 \
        m->sp++;                                                          \
    } while (0)

static inline bool is_lead16(uint32_t c) { return (c & 0xFC00) == 0xD800; }
static inline bool is_trail16(uint32_t c) { return (c & 0xFC00) == 0xDC00; }

static inline bool is_line_term(uint32_t c)
{
    return c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029;
}

static inline bool is_word(uint32_t c, int mode)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || c == '_';
    return (mode & 2) && (c == 0x17F || c == 0x212A);
}

/* Membership for a CLASS op at op (bitmap below 256, else binary search). */
static inline bool class_has(const uint8_t *op, uint32_t c)
{
    if (c < 256)
        return (op[5 + (c >> 3)] >> (c & 7)) & 1;
    uint32_t n = re_get32(op + 1);
    const uint8_t *r = op + 37;
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (c < re_get32(r + 8 * mid))
            hi = mid;
        else if (c >= re_get32(r + 8 * mid + 4))
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

#define RE_WIDE 0
#define RE_CHAR uint8_t
#define RE_FN re_run8
#define RE_ONE re_one8
#define RE_EQ re_eq8
#include "regexp_exec_loop.h"
#undef RE_WIDE
#undef RE_CHAR
#undef RE_FN
#undef RE_ONE
#undef RE_EQ

#define RE_WIDE 1
#define RE_CHAR uint16_t
#define RE_FN re_run16
#define RE_ONE re_one16
#define RE_EQ re_eq16
#include "regexp_exec_loop.h"
#undef RE_WIDE
#undef RE_CHAR
#undef RE_FN
#undef RE_ONE
#undef RE_EQ

int js_re_exec(const uint8_t *blob, const void *input, size_t len, int wide,
            size_t start, int *captures, re_interrupt_fn *interrupt,
            void *opaque)
{
    Matcher m;
    uint32_t flags = re_get16(blob + RE_HDR_FLAGS);
    uint32_t ncap = re_get16(blob + RE_HDR_NCAP);
    uint32_t nregs = 2 * ncap + re_get32(blob + RE_HDR_NREGS);
    int32_t local_regs[RE_LOCAL_REGS];
    bool unicode = (flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS)) != 0;
    bool sticky = (flags & RE_FLAG_STICKY) != 0;
    const uint8_t *code = blob + RE_HDR_LEN;
    uint32_t first_off = re_get32(blob + RE_HDR_FIRST);
    const uint8_t *first = first_off ? blob + first_off : NULL;
    const uint8_t *s8 = input;
    const uint16_t *s16 = input;
    int32_t n = (int32_t)len, pos = (int32_t)start;
    int r = RE_NO_MATCH;

    if (start > len || len > INT32_MAX)
        return RE_NO_MATCH;
    m.blob = blob;
    m.code = code;
    m.ncap2 = 2 * ncap;
    m.stack = m.local;
    m.cap = RE_LOCAL_STACK;
    m.sp = 0;
    m.stack_heap = false;
    m.steps = RE_INTERRUPT_STEPS;
    m.interrupt = interrupt;
    m.opaque = opaque;
    if (nregs <= RE_LOCAL_REGS) {
        m.regs = local_regs;
    } else {
        m.regs = malloc(sizeof(int32_t) * nregs);
        if (!m.regs)
            return RE_ERR_MEMORY;
    }
    for (uint32_t i = 0; i < nregs; i++)
        m.regs[i] = -1;
    if (wide && unicode && pos > 0 && pos < n && is_trail16(s16[pos]) &&
        is_lead16(s16[pos - 1]))
        pos--;
    /* a pattern starting with ^ (no m flag) can only match at 0 */
    bool anchored = code[3] == REOP_BOL;
    for (;;) {
        if (first && !sticky) {
            if (wide) {
                while (pos < n) {
                    uint32_t c = s16[pos];
                    if (c < 256 ? (first[c >> 3] >> (c & 7)) & 1 : first[32])
                        break;
                    pos++;
                }
            } else {
                while (pos < n && !((first[s8[pos] >> 3] >> (s8[pos] & 7)) & 1))
                    pos++;
            }
            if (pos >= n)
                break;
        }
        r = wide ? re_run16(&m, s16, n, pos) : re_run8(&m, s8, n, pos);
        if (r != RE_NO_MATCH)
            break;
        m.sp = 0;
        if (sticky || pos >= n || anchored)
            break;
        if (wide && unicode && is_lead16(s16[pos]) && pos + 1 < n &&
            is_trail16(s16[pos + 1]))
            pos += 2;
        else
            pos++;
    }
    if (r == RE_MATCH) {
        for (uint32_t i = 0; i < 2 * ncap; i++)
            captures[i] = m.regs[i];
    }
    if (m.regs != local_regs)
        free(m.regs);
    if (m.stack_heap)
        free(m.stack);
    return r;
}
