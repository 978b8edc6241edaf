/* Regular expression engine: compiles an ECMAScript 2025 pattern to a
 * compact, position-independent bytecode blob and runs it with a
 * backtracking matcher whose state lives in an explicit heap stack.
 * Pure C: it never touches the JS heap, never collects, never throws.
 * The RegExp built-in (lastIndex, exec, Symbol.replace...) sits on top. */
#ifndef REGEXP_H
#define REGEXP_H

#include <stddef.h>
#include <stdint.h>

/* Flags, one bit per letter. */
enum {
    RE_FLAG_HAS_INDICES = 1 << 0,   /* d */
    RE_FLAG_GLOBAL      = 1 << 1,   /* g */
    RE_FLAG_IGNORECASE  = 1 << 2,   /* i */
    RE_FLAG_MULTILINE   = 1 << 3,   /* m */
    RE_FLAG_DOTALL      = 1 << 4,   /* s */
    RE_FLAG_UNICODE     = 1 << 5,   /* u */
    RE_FLAG_UNICODE_SETS = 1 << 6,  /* v */
    RE_FLAG_STICKY      = 1 << 7,   /* y */
};

/* Results of js_re_compile and js_re_exec. */
enum {
    RE_OK = 0,
    RE_MATCH = 1,
    RE_NO_MATCH = 0,
    RE_ERR_SYNTAX = -1,         /* js_re_compile: message in the error buffer */
    RE_ERR_MEMORY = -2,         /* malloc/realloc failed */
    RE_ERR_INTERRUPTED = -3,    /* js_re_exec: the interrupt callback said stop */
};

/* Parses a flags string ("gimsuy"...). Returns 0 and stores the bit set in
 * *flags, or -1 when a letter is unknown or repeated, or when both u and v
 * are given (all three are SyntaxErrors). Never collects, never throws. */
int js_re_parse_flags(const uint16_t *s, size_t len, uint32_t *flags);

/* Compiles pattern (UTF-16 code units) with the given flag bits (which must
 * have passed js_re_parse_flags). On success returns RE_OK, *out is a malloc'ed
 * blob the caller frees with free(), *out_len its size in bytes. The blob
 * holds no pointers: it may be copied anywhere (any alignment) and is
 * little-endian. On failure *out is NULL and the result is RE_ERR_SYNTAX
 * (err receives the SyntaxError message, NUL-terminated, truncated to
 * err_size) or RE_ERR_MEMORY. Never collects, never throws. */
int js_re_compile(const uint16_t *pattern, size_t len, uint32_t flags,
               uint8_t **out, size_t *out_len, char *err, size_t err_size);

/* Early-error check of a regular expression literal, with the signature
 * of ParseOptions.regexp_check (parser.h): flags is the literal's flag
 * letters as ASCII. Returns NULL when /pattern/flags is valid (or when
 * memory ran out: the run-time compile reports that), else the
 * SyntaxError message in a thread-local buffer valid until the next call.
 * opaque is unused. Never collects, never throws. */
const char *js_re_syntax_check(void *opaque, const uint16_t *pattern, size_t len,
                            const char *flags, size_t nflags);

/* Blob accessors (no allocation). */
uint32_t js_re_get_flags(const uint8_t *blob);
/* Number of capture groups, counting group 0 (the whole match). */
int js_re_get_capture_count(const uint8_t *blob);
/* Name of capture group i (1 <= i < count) as UTF-8 (never contains lone
 * surrogates: names are identifiers), *len set to its byte length; NULL
 * when the group is unnamed. Several groups may share one name (ES2025
 * duplicate named groups, in different alternatives): to build the groups
 * object, walk groups in order, define a property the first time a name
 * appears and overwrite it with a later group of that name that matched.
 * js_re_has_named_groups tells whether any group has a name. */
const char *js_re_get_group_name(const uint8_t *blob, int i, size_t *len);
int js_re_has_named_groups(const uint8_t *blob);

/* Called every so many matcher steps; return non-zero to stop the match
 * (js_re_exec then returns RE_ERR_INTERRUPTED). */
typedef int re_interrupt_fn(void *opaque);

/* Runs blob against input: Latin-1 bytes when wide == 0 (input is const
 * uint8_t *), else UTF-16 code units (const uint16_t *); len in code units.
 * The search starts at index start (<= len) and, unless the blob has the
 * sticky flag, tries every later position (by code point in u/v mode); a
 * start inside a surrogate pair in u/v mode starts at the pair.
 * On RE_MATCH, captures[2*i] / captures[2*i+1] hold the start / end index
 * of group i, or -1 when the group did not participate; captures must
 * have room for 2 * js_re_get_capture_count(blob) ints. Returns RE_MATCH,
 * RE_NO_MATCH, RE_ERR_MEMORY or RE_ERR_INTERRUPTED. interrupt may be NULL.
 * Never collects, never throws; the lastIndex and global logic are the
 * caller's. Uses malloc/realloc for its backtracking stack. */
int js_re_exec(const uint8_t *blob, const void *input, size_t len, int wide,
            size_t start, int *captures, re_interrupt_fn *interrupt,
            void *opaque);

#endif
