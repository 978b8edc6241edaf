/* RegExp pattern parser and bytecode generator: ECMAScript 2025 syntax
 * (u and v modes, Annex B in non-unicode mode, named and duplicate named
 * groups, lookbehind, modifiers) straight to the matcher's bytecode in
 * one recursive-descent pass, with early errors as SyntaxError text.
 * Class sets are built with regexp_charset.c. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regexp.h"
#include "regexp_int.h"
#include "stack_guard.h"
#include "unicode/unicode.h"

#define MAX_DEPTH 400           /* nesting of groups and classes */
/* C stack the compiler may use below its entry frame: MAX_DEPTH levels
 * fit in it with room to spare, sanitizer builds included; the callers
 * (parser, RegExp constructor) checked the runtime's limit before. */
#define MAX_STACK (512u << 10)
#define MAX_CODE (1u << 28)
#define INF_COUNT 0xFFFFFFFFu

typedef struct GroupName {
    char *s;
    int len;
    int group;
    bool active;                /* visible to the current alternative */
} GroupName;

typedef struct NameRef {
    char *s;
    int len;
} NameRef;

/* A class under construction: code points plus, in v mode, strings. */
typedef struct ClassSet {
    ReCSet cs;
    uint32_t **strs;            /* each: length, then code points */
    int nstrs, cap;
    bool may_strings;           /* static MayContainStrings */
} ClassSet;

typedef struct Parser {
    const uint16_t *src;
    size_t len, pos;
    uint32_t flags;
    bool u, v;                  /* UnicodeMode, UnicodeSetsMode */
    bool named;                 /* NamedCaptureGroups */
    bool icase, multiline, dotall; /* current, after modifiers */
    int ncap_total;             /* capturing groups in the pattern + 1 */
    int ncap;                   /* next group index */
    int nregs;                  /* extra registers */
    int depth;
    uintptr_t stack_limit;      /* see MAX_STACK */
    uint8_t *code;
    size_t code_len, code_cap;
    GroupName *names;
    int nnames, names_cap;
    NameRef *refs;
    int nrefs, refs_cap;
    ClassSet **live;            /* temporaries freed on error */
    void *tmp;                  /* the buffer being filled (a group name, a
                                   \q{...} string), freed on error: the
                                   escapes read into it may fail */
    int nlive, live_cap;
    size_t *jumps;              /* pending JMP operands, a stack shared by
                                   nested disjunctions */
    int njumps, jumps_cap;
    char *err;
    size_t err_size;
    int result;
    jmp_buf jb;
} Parser;

typedef struct TermInfo {
    bool may_empty;
} TermInfo;

/* ---- errors and memory ---- */

static _Noreturn void fail(Parser *p, const char *msg)
{
    if (p->err && p->err_size) {
        snprintf(p->err, p->err_size, "%s", msg);
    }
    p->result = RE_ERR_SYNTAX;
    longjmp(p->jb, 1);
}

static _Noreturn void fail_oom(Parser *p)
{
    if (p->err && p->err_size)
        snprintf(p->err, p->err_size, "out of memory");
    p->result = RE_ERR_MEMORY;
    longjmp(p->jb, 1);
}

static void chk(Parser *p, int r)
{
    if (r < 0)
        fail_oom(p);
}

static void *grow(Parser *p, void *ptr, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return ptr;
    int c = *cap ? *cap * 2 : 8;
    while (c < need)
        c *= 2;
    void *q = realloc(ptr, elem * (size_t)c);
    if (!q)
        fail_oom(p);
    *cap = c;
    return q;
}

static ClassSet *cs_new(Parser *p)
{
    p->live = grow(p, p->live, &p->live_cap, p->nlive + 1, sizeof(ClassSet *));
    ClassSet *s = calloc(1, sizeof(ClassSet));
    if (!s)
        fail_oom(p);
    js_re_cset_init(&s->cs);
    p->live[p->nlive++] = s;
    return s;
}

static void cs_destroy(ClassSet *s)
{
    for (int i = 0; i < s->nstrs; i++)
        free(s->strs[i]);
    free(s->strs);
    js_re_cset_free(&s->cs);
    free(s);
}

static void cs_del(Parser *p, ClassSet *s)
{
    for (int i = p->nlive - 1; i >= 0; i--) {
        if (p->live[i] == s) {
            memmove(&p->live[i], &p->live[i + 1],
                    sizeof(ClassSet *) * (size_t)(p->nlive - i - 1));
            p->nlive--;
            break;
        }
    }
    cs_destroy(s);
}

/* ---- code buffer ---- */

static void code_reserve(Parser *p, size_t n)
{
    if (p->code_len + n <= p->code_cap)
        return;
    if (p->code_len + n > MAX_CODE)
        fail(p, "regular expression too large");
    size_t c = p->code_cap ? p->code_cap * 2 : 256;
    while (c < p->code_len + n)
        c *= 2;
    uint8_t *q = realloc(p->code, c);
    if (!q)
        fail_oom(p);
    p->code = q;
    p->code_cap = c;
}

static void emit8(Parser *p, uint32_t v)
{
    code_reserve(p, 1);
    p->code[p->code_len++] = (uint8_t)v;
}

static void emit16(Parser *p, uint32_t v)
{
    code_reserve(p, 2);
    re_put16(p->code + p->code_len, v);
    p->code_len += 2;
}

static void emit32(Parser *p, uint32_t v)
{
    code_reserve(p, 4);
    re_put32(p->code + p->code_len, v);
    p->code_len += 4;
}

/* Opens n bytes at pos (contents undefined). */
static void code_insert(Parser *p, size_t pos, size_t n)
{
    code_reserve(p, n);
    memmove(p->code + pos + n, p->code + pos, p->code_len - pos);
    p->code_len += n;
}

/* Emits a JMP whose target is patched later by patch_jumps. */
static void emit_pending_jmp(Parser *p)
{
    emit8(p, REOP_JMP);
    p->jumps = grow(p, p->jumps, &p->jumps_cap, p->njumps + 1, sizeof(size_t));
    p->jumps[p->njumps++] = p->code_len;
    emit32(p, 0);
}

/* Points the pending JMPs from index mark on at the current end. */
static void patch_jumps(Parser *p, int mark)
{
    for (int i = mark; i < p->njumps; i++)
        re_put32(p->code + p->jumps[i],
                 (uint32_t)(p->code_len - p->jumps[i] - 4));
    p->njumps = mark;
}

static int new_reg(Parser *p)
{
    if (p->nregs >= 0xFFFE)
        fail(p, "regular expression too complex");
    return p->nregs++;
}

/* ---- source reading ---- */

static bool at_end(Parser *p) { return p->pos >= p->len; }

static int peek(Parser *p)
{
    return p->pos < p->len ? p->src[p->pos] : -1;
}

static int peek_at(Parser *p, size_t k)
{
    return p->pos + k < p->len ? p->src[p->pos + k] : -1;
}

static bool is_lead(uint32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
static bool is_trail(uint32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

/* Next source character: a code point in unicode mode (or when pairs is
 * set), else a code unit. */
static uint32_t next_char(Parser *p, bool pairs)
{
    uint32_t c = p->src[p->pos++];
    if (pairs && is_lead(c) && p->pos < p->len && is_trail(p->src[p->pos])) {
        c = 0x10000 + ((c - 0xD800) << 10) + (p->src[p->pos] - 0xDC00);
        p->pos++;
    }
    return c;
}

static bool eat(Parser *p, int c)
{
    if (peek(p) == c) {
        p->pos++;
        return true;
    }
    return false;
}

static int hex_val(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static bool is_syntax_char(int c)
{
    return c >= 0 && c < 128 && strchr("^$\\.*+?()[]{}|", c) && c != 0;
}

/* Parses n hex digits at pos; -1 (pos unchanged) if they are not there. */
static int32_t parse_hex_n(Parser *p, int n)
{
    uint32_t v = 0;
    for (int i = 0; i < n; i++) {
        int h = hex_val(peek_at(p, (size_t)i));
        if (h < 0)
            return -1;
        v = v * 16 + (uint32_t)h;
    }
    p->pos += (size_t)n;
    return (int32_t)v;
}

/* After "\u": RegExpUnicodeEscapeSequence. With umode, \u{...} and
 * surrogate pairs written as two escapes are accepted. Returns -1 (pos
 * back at the 'u' + 1) when there is no valid escape. */
static int32_t parse_unicode_escape(Parser *p, bool umode)
{
    size_t save = p->pos;
    if (umode && peek(p) == '{') {
        p->pos++;
        uint32_t v = 0;
        int nd = 0;
        while (hex_val(peek(p)) >= 0) {
            v = v * 16 + (uint32_t)hex_val(peek(p));
            if (v > 0x10FFFF)
                fail(p, "invalid Unicode escape");
            p->pos++;
            nd++;
        }
        if (nd == 0 || !eat(p, '}')) {
            p->pos = save;
            return -1;
        }
        return (int32_t)v;
    }
    int32_t c = parse_hex_n(p, 4);
    if (c < 0)
        return -1;
    if (umode && is_lead((uint32_t)c) && peek(p) == '\\' &&
        peek_at(p, 1) == 'u') {
        size_t s2 = p->pos;
        p->pos += 2;
        int32_t d = parse_hex_n(p, 4);
        if (d >= 0 && is_trail((uint32_t)d))
            return 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        p->pos = s2;
    }
    return c;
}

/* ---- prescan ---- */

static void prescan(Parser *p, bool *has_named)
{
    int count = 1, depth = 0;
    *has_named = false;
    for (size_t i = 0; i < p->len; i++) {
        uint16_t c = p->src[i];
        if (c == '\\') {
            i++;
        } else if (depth > 0) {
            if (c == ']')
                depth--;
            else if (c == '[' && p->v)
                depth++;
        } else if (c == '[') {
            depth = 1;
        } else if (c == '(') {
            if (i + 1 < p->len && p->src[i + 1] == '?') {
                if (i + 3 < p->len && p->src[i + 2] == '<' &&
                    p->src[i + 3] != '=' && p->src[i + 3] != '!') {
                    count++;
                    *has_named = true;
                }
            } else {
                count++;
            }
        }
    }
    p->ncap_total = count;
}

/* ---- group names ---- */

static void utf8_put(char *buf, int *n, uint32_t c)
{
    if (c < 0x80) {
        buf[(*n)++] = (char)c;
    } else if (c < 0x800) {
        buf[(*n)++] = (char)(0xC0 | (c >> 6));
        buf[(*n)++] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        buf[(*n)++] = (char)(0xE0 | (c >> 12));
        buf[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (c & 0x3F));
    } else {
        buf[(*n)++] = (char)(0xF0 | (c >> 18));
        buf[(*n)++] = (char)(0x80 | ((c >> 12) & 0x3F));
        buf[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (c & 0x3F));
    }
}

/* After '<': RegExpIdentifierName then '>'. Returns a malloc'ed UTF-8
 * string (its length in *len). */
static char *parse_group_name(Parser *p, int *len)
{
    int cap = 32, n = 0;
    char *buf = malloc((size_t)cap);
    if (!buf)
        fail_oom(p);
    p->tmp = buf;
    for (;;) {
        if (at_end(p))
            goto bad;
        uint32_t c;
        if (peek(p) == '>') {
            p->pos++;
            break;
        }
        if (peek(p) == '\\') {
            p->pos++;
            if (!eat(p, 'u'))
                goto bad;
            int32_t e = parse_unicode_escape(p, true);
            if (e < 0)
                goto bad;
            c = (uint32_t)e;
        } else {
            c = next_char(p, true);
        }
        bool ok = n == 0 ? (c == '$' || c == '_' || js_uni_is_id_start(c))
                         : (c == '$' || c == 0x200C || c == 0x200D ||
                            js_uni_is_id_continue(c));
        if (!ok)
            goto bad;
        if (n + 4 >= cap) {
            cap *= 2;
            char *q = realloc(buf, (size_t)cap);
            if (!q)
                fail_oom(p);
            buf = q;
            p->tmp = q;
        }
        utf8_put(buf, &n, c);
    }
    if (n == 0)
        goto bad;
    *len = n;
    p->tmp = NULL;
    return buf;
bad:
    fail(p, "invalid capture group name");
}

static void add_group_name(Parser *p, char *s, int len, int group)
{
    for (int i = 0; i < p->nnames; i++) {
        GroupName *g = &p->names[i];
        if (g->active && g->len == len && memcmp(g->s, s, (size_t)len) == 0) {
            free(s);
            fail(p, "duplicate capture group name");
        }
    }
    p->names = grow(p, p->names, &p->names_cap, p->nnames + 1,
                    sizeof(GroupName));
    p->names[p->nnames++] = (GroupName){ s, len, group, true };
}

/* ---- character sets ---- */

static uint32_t char_max(Parser *p) { return p->u ? 0x110000 : 0x10000; }

static void set_add(Parser *p, ClassSet *s, uint32_t lo, uint32_t hi)
{
    chk(p, js_re_cset_add(&s->cs, lo, hi));
}

static void add_digits(Parser *p, ClassSet *s) { set_add(p, s, '0', '9' + 1); }

static void add_word(Parser *p, ClassSet *s)
{
    set_add(p, s, '0', '9' + 1);
    set_add(p, s, 'A', 'Z' + 1);
    set_add(p, s, '_', '_' + 1);
    set_add(p, s, 'a', 'z' + 1);
    if (p->u && p->icase) {     /* WordCharacters' extra characters */
        set_add(p, s, 0x17F, 0x180);
        set_add(p, s, 0x212A, 0x212B);
    }
}

static void add_space(Parser *p, ClassSet *s)
{
    static const uint32_t sp[] = {
        0x9, 0xE, 0x20, 0x21, 0xA0, 0xA1, 0x1680, 0x1681, 0x2000, 0x200B,
        0x2028, 0x202A, 0x202F, 0x2030, 0x205F, 0x2060, 0x3000, 0x3001,
        0xFEFF, 0xFF00,
    };
    for (size_t i = 0; i < sizeof(sp) / sizeof(sp[0]); i += 2)
        set_add(p, s, sp[i], sp[i + 1]);
}

/* Complement of a set within AllCharacters (v + i: the characters simple
 * case folding leaves alone). */
static void set_complement(Parser *p, ClassSet *s)
{
    chk(p, js_re_cset_invert(&s->cs, char_max(p)));
    if (p->v && p->icase)
        chk(p, js_re_cset_remove_foldable(&s->cs));
}

/* v-mode MaybeSimpleCaseFolding for a leaf set. */
static void set_fold_leaf(Parser *p, ClassSet *s)
{
    if (p->v && p->icase)
        chk(p, js_re_cset_fold(&s->cs));
}

static void set_add_string(Parser *p, ClassSet *s, const uint32_t *cps, int n)
{
    if (n == 1) {
        set_add(p, s, cps[0], cps[0] + 1);
        return;
    }
    for (int i = 0; i < s->nstrs; i++) {
        if ((int)s->strs[i][0] == n &&
            memcmp(s->strs[i] + 1, cps, sizeof(uint32_t) * (size_t)n) == 0)
            return;
    }
    s->strs = grow(p, s->strs, &s->cap, s->nstrs + 1, sizeof(uint32_t *));
    uint32_t *str = malloc(sizeof(uint32_t) * (size_t)(n + 1));
    if (!str)
        fail_oom(p);
    str[0] = (uint32_t)n;
    if (n)
        memcpy(str + 1, cps, sizeof(uint32_t) * (size_t)n);
    s->strs[s->nstrs++] = str;
}

/* A hash index of a set's strings for one combination (set_combine), so
 * that combining sets of thousands of strings (\p{RGI_Emoji}) is linear,
 * not quadratic: open addressing over positions in strs, the table a
 * power of two at most half full. Built after the last allocation that
 * may fail before it is freed. */
typedef struct StrIndex {
    int *slot;                  /* a position in strs, or -1 */
    uint32_t mask;
} StrIndex;

static uint32_t str_hash(const uint32_t *str)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i <= str[0]; i++)
        h = (h ^ str[i]) * 16777619u;
    return h;
}

static void index_build(Parser *p, StrIndex *x, const ClassSet *s, int room)
{
    uint32_t cap = 16;
    while (cap < 2 * (uint32_t)(s->nstrs + room))
        cap *= 2;
    x->slot = malloc(sizeof(int) * cap);
    if (!x->slot)
        fail_oom(p);
    x->mask = cap - 1;
    for (uint32_t i = 0; i < cap; i++)
        x->slot[i] = -1;
    for (int i = 0; i < s->nstrs; i++) {
        uint32_t h = str_hash(s->strs[i]) & x->mask;
        while (x->slot[h] >= 0)
            h = (h + 1) & x->mask;
        x->slot[h] = i;
    }
}

/* The slot of str: holding the position of an equal string of s, or -1
 * where it would go. */
static int *index_find(StrIndex *x, const ClassSet *s, const uint32_t *str)
{
    uint32_t h = str_hash(str) & x->mask;
    for (;; h = (h + 1) & x->mask) {
        int i = x->slot[h];
        if (i < 0 || (s->strs[i][0] == str[0] &&
                      memcmp(s->strs[i] + 1, str + 1, sizeof(uint32_t) * str[0]) == 0))
            return &x->slot[h];
    }
}

/* op 0 union, 1 intersection, 2 difference; t is consumed. */
static void set_combine(Parser *p, ClassSet *s, ClassSet *t, int op)
{
    StrIndex x;
    if (op == 0) {
        chk(p, js_re_cset_union(&s->cs, &t->cs));
        if (t->nstrs) {
            s->strs = grow(p, s->strs, &s->cap, s->nstrs + t->nstrs, sizeof(uint32_t *));
            index_build(p, &x, s, t->nstrs);
            for (int i = 0; i < t->nstrs; i++) {   /* t's strings move into s */
                int *slot = index_find(&x, s, t->strs[i]);
                if (*slot >= 0) {
                    free(t->strs[i]);
                    continue;
                }
                *slot = s->nstrs;
                s->strs[s->nstrs++] = t->strs[i];
            }
            t->nstrs = 0;
            free(x.slot);
        }
        s->may_strings = s->may_strings || t->may_strings;
    } else {
        chk(p, op == 1 ? js_re_cset_inter(&s->cs, &t->cs)
                       : js_re_cset_sub(&s->cs, &t->cs));
        if (s->nstrs) {
            index_build(p, &x, t, 0);
            int k = 0;
            for (int i = 0; i < s->nstrs; i++) {
                bool in_t = *index_find(&x, t, s->strs[i]) >= 0;
                if (in_t == (op == 1))
                    s->strs[k++] = s->strs[i];
                else
                    free(s->strs[i]);
            }
            s->nstrs = k;
            free(x.slot);
        }
        if (op == 1)
            s->may_strings = s->may_strings && t->may_strings;
    }
    cs_del(p, t);
}

/* \d \D \w \W \s \S (c is the letter) into s. */
static void class_escape(Parser *p, ClassSet *s, int c)
{
    ClassSet *t = cs_new(p);
    int lc = c | 0x20;
    if (lc == 'd')
        add_digits(p, t);
    else if (lc == 'w')
        add_word(p, t);
    else
        add_space(p, t);
    set_fold_leaf(p, t);
    if (c != lc)
        set_complement(p, t);
    set_combine(p, s, t, 0);
}

/* After "\p" or "\P" (neg): {Name} or {Name=Value}, unicode mode only. */
static void property_escape(Parser *p, ClassSet *s, bool neg)
{
    char name[64], value[64];
    int nn = 0, nv = 0;
    bool has_value = false;
    if (!eat(p, '{'))
        fail(p, "invalid property name");
    for (;;) {
        int c = peek(p);
        if (c < 0)
            fail(p, "invalid property name");
        p->pos++;
        if (c == '}')
            break;
        if (c == '=' && !has_value) {
            has_value = true;
            continue;
        }
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c == '_' || (has_value && is_digit(c));
        if (!ok)
            fail(p, "invalid property name");
        if (has_value) {
            if (nv >= 63)
                fail(p, "invalid property name");
            value[nv++] = (char)c;
        } else {
            if (nn >= 63)
                fail(p, "invalid property name");
            name[nn++] = (char)c;
        }
    }
    name[nn] = 0;
    value[nv] = 0;
    if (nn == 0 || (has_value && nv == 0))
        fail(p, "invalid property name");
    UniPropSet ps;
    ClassSet *t = cs_new(p);
    if (has_value ? js_uni_property_set(name, value, &ps)
                  : js_uni_property_set(NULL, name, &ps)) {
        UniSetIter it;
        uint32_t b, e;
        js_uni_set_iter_init(&it, &ps);
        while (js_uni_set_iter_next(&it, &b, &e))
            set_add(p, t, b, e);
        set_fold_leaf(p, t);
        if (neg)
            set_complement(p, t);
    } else {
        UniStringIter it;
        if (has_value || !p->v || !js_uni_string_property(name, &it))
            fail(p, "invalid property name");
        if (neg)
            fail(p, "invalid property name");
        while (js_uni_string_iter_next(&it)) {
            uint32_t buf[UNI_STRING_MAX];
            for (uint32_t j = 0; j < it.len; j++)
                buf[j] = p->icase ? js_re_canon(it.cps[j], true) : it.cps[j];
            if (it.len == 1)
                set_add(p, t, buf[0], buf[0] + 1);
            else
                set_add_string(p, t, buf, (int)it.len);
        }
        t->may_strings = true;
        if (p->icase)
            chk(p, js_re_cset_fold(&t->cs));
    }
    set_combine(p, s, t, 0);
}

/* ---- escapes ---- */

/* Legacy octal at pos (first digit 0-7 already known to be there). */
static uint32_t legacy_octal(Parser *p)
{
    uint32_t v = (uint32_t)(p->src[p->pos++] - '0');
    int more = v <= 3 ? 2 : 1;
    while (more-- > 0 && peek(p) >= '0' && peek(p) <= '7')
        v = v * 8 + (uint32_t)(p->src[p->pos++] - '0');
    return v;
}

/* CharacterEscape after the backslash (pos at the escape letter), for
 * the pattern (in_class false) or a class. Returns the character. In
 * non-unicode mode "\c" without a control letter returns '\\' and leaves
 * pos at the 'c'. */
static uint32_t char_escape(Parser *p, bool in_class)
{
    int c = peek(p);
    p->pos++;
    switch (c) {
    case 'f': return 0x0C;
    case 'n': return 0x0A;
    case 'r': return 0x0D;
    case 't': return 0x09;
    case 'v': return 0x0B;
    case 'c': {
        int d = peek(p);
        if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z')) {
            p->pos++;
            return (uint32_t)(d % 32);
        }
        if (p->u)
            fail(p, "invalid escape");
        if (in_class && (is_digit(d) || d == '_')) {
            p->pos++;
            return (uint32_t)(d % 32);
        }
        p->pos--;               /* '\' alone; 'c' is parsed next */
        return '\\';
    }
    case '0':
        if (!is_digit(peek(p)))
            return 0;
        if (p->u)
            fail(p, "invalid decimal escape");
        p->pos--;
        return legacy_octal(p);
    case 'x': {
        int32_t v = parse_hex_n(p, 2);
        if (v >= 0)
            return (uint32_t)v;
        if (p->u)
            fail(p, "invalid escape");
        return 'x';
    }
    case 'u': {
        int32_t v = parse_unicode_escape(p, p->u);
        if (v >= 0)
            return (uint32_t)v;
        if (p->u)
            fail(p, "invalid Unicode escape");
        return 'u';
    }
    default:
        break;
    }
    if (p->u) {
        if (is_syntax_char(c) || c == '/' || (in_class && c == '-'))
            return (uint32_t)c;
        fail(p, "invalid escape");
    }
    if (c >= '1' && c <= '7' && in_class) {
        p->pos--;
        return legacy_octal(p);
    }
    if (c == 'k' && p->named)
        fail(p, "invalid named reference");
    /* identity escape of one code unit */
    return (uint32_t)c;
}

/* ---- emitting matchers ---- */

static bool is_plain_bmp(uint32_t c)
{
    return c < 0xD800 || (c >= 0xE000 && c <= 0xFFFF);
}

static void emit_class_op(Parser *p, const ReCSet *cs, bool back)
{
    /* unit-based when no surrogate or astral member in unicode mode */
    bool cp = false;
    if (p->u) {
        for (int i = 0; i < cs->n; i++) {
            if (cs->r[2 * i + 1] > 0xD800 && cs->r[2 * i] < 0xE000)
                cp = true;
            if (cs->r[2 * i + 1] > 0x10000)
                cp = true;
        }
    }
    if (cs->n == 1 && cs->r[0] + 1 == cs->r[1]) {
        uint32_t c = cs->r[0];
        if (p->u && !is_plain_bmp(c)) {
            emit8(p, REOP_CHAR_CP + back);
            emit32(p, c);
        } else {
            emit8(p, REOP_CHAR + back);
            emit16(p, c);
        }
        return;
    }
    if (cs->n == 2 && cs->r[0] + 1 == cs->r[1] && cs->r[2] + 1 == cs->r[3] &&
        !cp) {
        emit8(p, REOP_CHAR2 + back);
        emit16(p, cs->r[0]);
        emit16(p, cs->r[2]);
        return;
    }
    if (cs->n == 1 && cs->r[0] == 0 && cs->r[1] >= char_max(p)) {
        emit8(p, (cp ? REOP_ALL_CP : REOP_ALL) + back);
        return;
    }
    emit8(p, (cp ? REOP_CLASS_CP : REOP_CLASS) + back);
    emit32(p, (uint32_t)cs->n);
    code_reserve(p, 32 + 8 * (size_t)cs->n);
    uint8_t *bm = p->code + p->code_len;
    memset(bm, 0, 32);
    for (int i = 0; i < cs->n; i++) {
        for (uint32_t c = cs->r[2 * i]; c < cs->r[2 * i + 1] && c < 256; c++)
            bm[c >> 3] |= (uint8_t)(1 << (c & 7));
    }
    p->code_len += 32;
    for (int i = 0; i < cs->n; i++) {
        emit32(p, cs->r[2 * i]);
        emit32(p, cs->r[2 * i + 1]);
    }
}

/* One literal character (code unit, or code point in unicode mode). */
static void emit_char(Parser *p, uint32_t c, bool back)
{
    ReCSet cs;
    js_re_cset_init(&cs);
    if (p->icase) {
        uint32_t v[16];
        int n = js_re_case_variants(c, p->u, v, 16);
        for (int i = 0; i < n; i++) {
            if (js_re_cset_add(&cs, v[i], v[i] + 1) < 0) {
                js_re_cset_free(&cs);
                fail_oom(p);
            }
        }
    } else if (js_re_cset_add(&cs, c, c + 1) < 0) {
        fail_oom(p);
    }
    /* emit_class_op may longjmp: free cs by copying into a tracked set */
    ClassSet *t = cs_new(p);
    t->cs = cs;
    emit_class_op(p, &t->cs, back);
    cs_del(p, t);
}

static int cmp_strlen_desc(const void *a, const void *b)
{
    const uint32_t *x = *(uint32_t *const *)a, *y = *(uint32_t *const *)b;
    return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0;
}

/* A class set as a matcher: the strings longest first, then the code
 * points, then the empty string. icase closure is applied here. */
static void emit_classset(Parser *p, ClassSet *s, bool back)
{
    if (p->icase)
        chk(p, js_re_cset_close(&s->cs, p->u));
    if (s->nstrs == 0) {
        emit_class_op(p, &s->cs, back);
        return;
    }
    qsort(s->strs, (size_t)s->nstrs, sizeof(uint32_t *), cmp_strlen_desc);
    int mark = p->njumps;
    bool has_empty = s->nstrs > 0 && s->strs[s->nstrs - 1][0] == 0;
    int nalts = s->nstrs - has_empty + (s->cs.n > 0) + has_empty;
    int alt = 0;
    for (int i = 0; i < s->nstrs - has_empty; i++, alt++) {
        size_t split = 0;
        if (alt < nalts - 1) {
            emit8(p, REOP_SPLIT_NEXT);
            split = p->code_len;
            emit32(p, 0);
        }
        uint32_t n = s->strs[i][0];
        for (uint32_t j = 0; j < n; j++)
            emit_char(p, s->strs[i][1 + (back ? n - 1 - j : j)], back);
        if (alt < nalts - 1) {
            emit_pending_jmp(p);
            re_put32(p->code + split, (uint32_t)(p->code_len - split - 4));
        }
    }
    if (s->cs.n > 0) {
        size_t split = 0;
        if (has_empty) {
            emit8(p, REOP_SPLIT_NEXT);
            split = p->code_len;
            emit32(p, 0);
        }
        emit_class_op(p, &s->cs, back);
        if (has_empty)
            re_put32(p->code + split, (uint32_t)(p->code_len - split - 4));
    }
    patch_jumps(p, mark);
}

/* ---- classes: non-v ---- */

typedef struct ClassAtom {
    bool is_set;
    uint32_t c;
} ClassAtom;

/* One ClassAtom; a class escape is added to esc and is_set set. */
static ClassAtom class_atom(Parser *p, ClassSet *esc)
{
    ClassAtom a = { false, 0 };
    if (at_end(p))
        fail(p, "unterminated character class");
    if (peek(p) != '\\') {
        a.c = next_char(p, p->u);
        return a;
    }
    p->pos++;
    int c = peek(p);
    if (c < 0)
        fail(p, "\\ at end of pattern");
    switch (c) {
    case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
        p->pos++;
        class_escape(p, esc, c);
        a.is_set = true;
        return a;
    case 'p': case 'P':
        if (p->u) {
            p->pos++;
            property_escape(p, esc, c == 'P');
            a.is_set = true;
            return a;
        }
        break;
    case 'b':
        p->pos++;
        a.c = 8;
        return a;
    case '-':
        if (p->u) {
            p->pos++;
            a.c = '-';
            return a;
        }
        break;
    default:
        if (p->u && is_digit(c) && c != '0')
            fail(p, "invalid class escape");
        break;
    }
    a.c = char_escape(p, true);
    return a;
}

static void parse_class_ranges(Parser *p, ClassSet *s)
{
    for (;;) {
        if (at_end(p))
            fail(p, "unterminated character class");
        if (peek(p) == ']')
            return;
        ClassSet *esc1 = cs_new(p);
        ClassAtom a = class_atom(p, esc1);
        if (peek(p) == '-' && peek_at(p, 1) != ']' && peek_at(p, 1) >= 0) {
            p->pos++;
            ClassSet *esc2 = cs_new(p);
            ClassAtom b = class_atom(p, esc2);
            if (a.is_set || b.is_set) {
                if (p->u)
                    fail(p, "invalid character class range");
                if (!a.is_set)
                    set_add(p, s, a.c, a.c + 1);
                if (!b.is_set)
                    set_add(p, s, b.c, b.c + 1);
                set_add(p, s, '-', '-' + 1);
            } else {
                if (a.c > b.c)
                    fail(p, "range out of order in character class");
                set_add(p, s, a.c, b.c + 1);
            }
            set_combine(p, s, esc2, 0);
        } else if (!a.is_set) {
            set_add(p, s, a.c, a.c + 1);
        }
        set_combine(p, s, esc1, 0);
    }
}

/* ---- classes: v mode ---- */

static bool is_double_punct(int c)
{
    return c >= 0 && c < 128 && c && strchr("&!#$%*+,.:;<=>?@^`~", c);
}

static bool is_set_reserved_punct(int c)
{
    return c >= 0 && c < 128 && c && strchr("&-!#%,:;<=>@`~", c);
}

/* ClassSetCharacter (not an operand-starting escape). */
static uint32_t class_set_char(Parser *p)
{
    int c = peek(p);
    if (c < 0)
        fail(p, "unterminated character class");
    if (c == '\\') {
        p->pos++;
        int d = peek(p);
        if (d < 0)
            fail(p, "\\ at end of pattern");
        if (d == 'b') {
            p->pos++;
            return 8;
        }
        if (is_set_reserved_punct(d)) {
            p->pos++;
            return (uint32_t)d;
        }
        if (is_digit(d) && d != '0')
            fail(p, "invalid class escape");
        return char_escape(p, true);
    }
    if (c < 128 && c && strchr("()[]{}/-|", c))
        fail(p, "invalid character in class");
    if (is_double_punct(c) && peek_at(p, 1) == c)
        fail(p, "invalid set operation in character class");
    return next_char(p, true);
}

static void parse_class_contents_v(Parser *p, ClassSet *s);

/* ClassSetOperand, or a ClassSetRange when ranges is set. Returns the
 * operand as a new set. */
static ClassSet *class_operand_v(Parser *p, bool ranges, bool *was_range)
{
    *was_range = false;
    ClassSet *t = cs_new(p);
    int c = peek(p);
    if (c == '[') {
        p->pos++;
        if (++p->depth > MAX_DEPTH || js_stack_exhausted(p->stack_limit))
            fail(p, "regular expression too deeply nested");
        bool neg = eat(p, '^');
        parse_class_contents_v(p, t);
        if (!eat(p, ']'))
            fail(p, "unterminated character class");
        p->depth--;
        if (neg) {
            if (t->may_strings)
                fail(p, "negated character class may contain strings");
            set_complement(p, t);
        }
        return t;
    }
    if (c == '\\') {
        int d = peek_at(p, 1);
        if (d == 'd' || d == 'D' || d == 'w' || d == 'W' || d == 's' ||
            d == 'S') {
            p->pos += 2;
            class_escape(p, t, d);
            return t;
        }
        if (d == 'p' || d == 'P') {
            p->pos += 2;
            property_escape(p, t, d == 'P');
            return t;
        }
        if (d == 'q') {
            p->pos += 2;
            if (!eat(p, '{'))
                fail(p, "invalid escape");
            uint32_t *buf = NULL;
            int n = 0, cap = 0;
            for (;;) {
                if (at_end(p))
                    fail(p, "unterminated class string disjunction");
                int e = peek(p);
                if (e == '|' || e == '}') {
                    p->pos++;
                    ClassSet *u = cs_new(p);
                    u->strs = NULL;
                    if (n == 1) {
                        set_add(p, u, buf[0], buf[0] + 1);
                    } else {
                        set_add_string(p, u, buf, n);
                        u->may_strings = true;
                    }
                    set_fold_leaf(p, u);
                    if (p->v && p->icase && u->nstrs) {
                        uint32_t *str = u->strs[0];
                        for (uint32_t j = 1; j <= str[0]; j++)
                            str[j] = js_re_canon(str[j], true);
                    }
                    set_combine(p, t, u, 0);
                    n = 0;
                    if (e == '}')
                        break;
                    continue;
                }
                uint32_t ch = class_set_char(p);
                if (n >= cap) {
                    cap = cap ? cap * 2 : 16;
                    uint32_t *q = realloc(buf, sizeof(uint32_t) * (size_t)cap);
                    if (!q)
                        fail_oom(p);
                    buf = q;
                    p->tmp = q;
                }
                buf[n++] = ch;
            }
            free(buf);
            p->tmp = NULL;
            return t;
        }
    }
    uint32_t a = class_set_char(p);
    uint32_t b = a;
    if (ranges && peek(p) == '-' && peek_at(p, 1) != '-') {
        p->pos++;
        b = class_set_char(p);
        if (a > b)
            fail(p, "range out of order in character class");
        *was_range = true;
    }
    set_add(p, t, a, b + 1);
    set_fold_leaf(p, t);
    return t;
}

static void parse_class_contents_v(Parser *p, ClassSet *s)
{
    if (peek(p) == ']')
        return;
    bool was_range;
    ClassSet *first = class_operand_v(p, true, &was_range);
    int op = 0;
    if (peek(p) == '&' && peek_at(p, 1) == '&')
        op = 1;
    else if (peek(p) == '-' && peek_at(p, 1) == '-')
        op = 2;
    if (op && was_range)        /* a range cannot be an operand of && or -- */
        fail(p, "invalid set operation in character class");
    set_combine(p, s, first, 0);
    if (op == 0) {
        for (;;) {
            if (at_end(p))
                fail(p, "unterminated character class");
            if (peek(p) == ']')
                return;
            if ((peek(p) == '&' && peek_at(p, 1) == '&') ||
                (peek(p) == '-' && peek_at(p, 1) == '-'))
                fail(p, "invalid set operation in character class");
            set_combine(p, s, class_operand_v(p, true, &was_range), 0);
        }
    }
    for (;;) {
        if (peek(p) == ']')
            return;
        int c = op == 1 ? '&' : '-';
        if (peek(p) != c || peek_at(p, 1) != c)
            fail(p, "invalid set operation in character class");
        p->pos += 2;
        if (op == 1 && peek(p) == '&')
            fail(p, "invalid set operation in character class");
        set_combine(p, s, class_operand_v(p, false, &was_range), op);
    }
}

/* After '[': a whole character class, emitted as a matcher. */
static void parse_class(Parser *p, bool back)
{
    bool neg = eat(p, '^');
    ClassSet *s = cs_new(p);
    if (p->v) {
        if (++p->depth > MAX_DEPTH || js_stack_exhausted(p->stack_limit))
            fail(p, "regular expression too deeply nested");
        parse_class_contents_v(p, s);
        p->depth--;
        if (!eat(p, ']'))
            fail(p, "unterminated character class");
        if (neg) {
            if (s->may_strings)
                fail(p, "negated character class may contain strings");
            set_complement(p, s);
        }
        emit_classset(p, s, back);
    } else {
        parse_class_ranges(p, s);
        p->pos++;               /* ']' */
        if (p->icase)
            chk(p, js_re_cset_close(&s->cs, p->u));
        if (neg)
            chk(p, js_re_cset_invert(&s->cs, char_max(p)));
        emit_class_op(p, &s->cs, back);
    }
    cs_del(p, s);
}

/* ---- disjunctions, terms, quantifiers ---- */

static void parse_disjunction(Parser *p, bool back, TermInfo *info);

/* Reads "{n}", "{n,}" or "{n,m}" at pos; false (pos unchanged) if absent. */
static bool parse_braces(Parser *p, uint32_t *min, uint32_t *max)
{
    size_t save = p->pos;
    if (!eat(p, '{'))
        return false;
    if (!is_digit(peek(p)))
        goto no;
    uint64_t a = 0, b;
    while (is_digit(peek(p))) {
        a = a * 10 + (uint64_t)(p->src[p->pos++] - '0');
        if (a > INF_COUNT - 1)
            a = INF_COUNT - 1;
    }
    b = a;
    if (eat(p, ',')) {
        if (is_digit(peek(p))) {
            b = 0;
            while (is_digit(peek(p))) {
                b = b * 10 + (uint64_t)(p->src[p->pos++] - '0');
                if (b > INF_COUNT - 1)
                    b = INF_COUNT - 1;
            }
        } else {
            b = INF_COUNT;
        }
    }
    if (!eat(p, '}'))
        goto no;
    *min = (uint32_t)a;
    *max = (uint32_t)b;
    return true;
no:
    p->pos = save;
    return false;
}

static bool is_char_op(int op)
{
    return op >= REOP_CHAR && op <= REOP_ALL_CP_B;
}

static size_t char_op_len(const uint8_t *pc)
{
    switch (pc[0]) {
    case REOP_CHAR: case REOP_CHAR_B: return 3;
    case REOP_CHAR2: case REOP_CHAR2_B: return 5;
    case REOP_CHAR_CP: case REOP_CHAR_CP_B: return 5;
    case REOP_CLASS: case REOP_CLASS_B:
    case REOP_CLASS_CP: case REOP_CLASS_CP_B:
        return 1 + 4 + 32 + 8 * (size_t)re_get32(pc + 1);
    default: return 1;
    }
}

/* Wraps the atom code at [start, code_len) in a quantifier. */
static void apply_quantifier(Parser *p, size_t start, int cap0, int cap1,
                             bool may_empty, uint32_t min, uint32_t max,
                             bool greedy, bool back)
{
    if (min == 1 && max == 1)
        return;
    if (max == 0) {
        p->code_len = start;
        return;
    }
    size_t alen = p->code_len - start;
    uint8_t op0 = p->code[start];
    if (!back && greedy && cap0 == cap1 && is_char_op(op0) &&
        char_op_len(p->code + start) == alen) {
        code_insert(p, start, 13);
        p->code[start] = REOP_STAR;
        re_put32(p->code + start + 1, min);
        re_put32(p->code + start + 5, max);
        re_put32(p->code + start + 9, (uint32_t)alen);
        return;
    }
    int posreg = may_empty ? new_reg(p) : -1;
    size_t pre = (posreg >= 0 ? 3 : 0) + (cap1 > cap0 ? 5 : 0);
    if (min == 0 && max == 1) {
        /* greedy: SPLIT_NEXT exit; pre; atom; [CHECK_PROGRESS]
         * lazy:   SPLIT_JMP exit; pre; atom; [CHECK_PROGRESS]  */
        size_t post = posreg >= 0 ? 3 : 0;
        code_insert(p, start, 5 + pre);
        size_t q = start;
        p->code[q] = greedy ? REOP_SPLIT_NEXT : REOP_SPLIT_JMP;
        re_put32(p->code + q + 1, (uint32_t)(pre + alen + post));
        q += 5;
        if (posreg >= 0) {
            p->code[q] = REOP_SET_POS;
            re_put16(p->code + q + 1, (uint32_t)posreg);
            q += 3;
        }
        if (cap1 > cap0) {
            p->code[q] = REOP_RESET;
            re_put16(p->code + q + 1, (uint32_t)(2 * cap0));
            re_put16(p->code + q + 3, (uint32_t)(2 * cap1));
        }
        if (posreg >= 0) {
            emit8(p, REOP_CHECK_PROGRESS);
            emit16(p, (uint32_t)posreg);
        }
        return;
    }
    /* CNT_INIT c; head: LOOP c min max greedy exit; pre; atom;
     * LOOP_END c posreg min head; exit: */
    int cnt = new_reg(p);
    size_t head_len = 3 + 16;
    code_insert(p, start, head_len + pre);
    size_t q = start;
    p->code[q] = REOP_CNT_INIT;
    re_put16(p->code + q + 1, (uint32_t)cnt);
    q += 3;
    size_t loop_at = q;
    p->code[q] = REOP_LOOP;
    re_put16(p->code + q + 1, (uint32_t)cnt);
    re_put32(p->code + q + 3, min);
    re_put32(p->code + q + 7, max);
    p->code[q + 11] = greedy;
    q += 16;
    if (posreg >= 0) {
        p->code[q] = REOP_SET_POS;
        re_put16(p->code + q + 1, (uint32_t)posreg);
        q += 3;
    }
    if (cap1 > cap0) {
        p->code[q] = REOP_RESET;
        re_put16(p->code + q + 1, (uint32_t)(2 * cap0));
        re_put16(p->code + q + 3, (uint32_t)(2 * cap1));
    }
    emit8(p, REOP_LOOP_END);
    emit16(p, (uint32_t)cnt);
    emit16(p, posreg >= 0 ? (uint32_t)posreg : 0xFFFF);
    emit32(p, min);
    emit32(p, (uint32_t)((int64_t)loop_at - (int64_t)(p->code_len + 4)));
    re_put32(p->code + loop_at + 12,
             (uint32_t)(p->code_len - (loop_at + 16)));
}

/* After "(?": modifiers "ims-ims:" (pos at the first letter or '-'). */
static void parse_modifiers(Parser *p, bool back, TermInfo *info)
{
    bool add[3] = { false, false, false }, rem[3] = { false, false, false };
    bool minus = false;
    static const char letters[] = "ims";
    for (;;) {
        int c = peek(p);
        if (c == ':')
            break;
        if (c == '-' && !minus) {
            minus = true;
            p->pos++;
            continue;
        }
        const char *q = (c > 0 && c < 128) ? strchr(letters, c) : NULL;
        if (!q || !*q)
            fail(p, "invalid group");
        int k = (int)(q - letters);
        if (add[k] || rem[k])
            fail(p, "repeated flag in modifiers");
        if (minus)
            rem[k] = true;
        else
            add[k] = true;
        p->pos++;
    }
    p->pos++;                   /* ':' */
    if (minus && !add[0] && !add[1] && !add[2] && !rem[0] && !rem[1] &&
        !rem[2])
        fail(p, "invalid group");
    bool si = p->icase, sm = p->multiline, ss = p->dotall;
    if (add[0]) p->icase = true;
    if (rem[0]) p->icase = false;
    if (add[1]) p->multiline = true;
    if (rem[1]) p->multiline = false;
    if (add[2]) p->dotall = true;
    if (rem[2]) p->dotall = false;
    parse_disjunction(p, back, info);
    p->icase = si;
    p->multiline = sm;
    p->dotall = ss;
}

static void emit_backref(Parser *p, int op, uint32_t idx, bool back)
{
    emit8(p, (uint32_t)op);
    emit16(p, idx);
    emit8(p, (p->icase ? 1u : 0u) | (back ? 2u : 0u) | (p->u ? 4u : 0u));
}

/* Escape atom outside a class (pos after the backslash). */
static void atom_escape(Parser *p, bool back, TermInfo *info)
{
    int c = peek(p);
    if (c < 0)
        fail(p, "\\ at end of pattern");
    if (c >= '1' && c <= '9') {
        size_t save = p->pos;
        uint64_t n = 0;
        while (is_digit(peek(p))) {
            n = n * 10 + (uint64_t)(p->src[p->pos++] - '0');
            if (n > 1000000)
                n = 1000000;
        }
        if (n < (uint64_t)p->ncap_total) {
            emit_backref(p, REOP_BACKREF, (uint32_t)n, back);
            info->may_empty = true;
            return;
        }
        if (p->u)
            fail(p, "invalid backreference");
        p->pos = save;
        if (c >= '8') {
            p->pos++;
            emit_char(p, (uint32_t)c, back);
        } else {
            emit_char(p, legacy_octal(p), back);
        }
        return;
    }
    if (c == 'k' && p->named) {
        p->pos++;
        if (!eat(p, '<'))
            fail(p, "invalid named reference");
        int len;
        char *s = parse_group_name(p, &len);
        p->refs = grow(p, p->refs, &p->refs_cap, p->nrefs + 1,
                       sizeof(NameRef));
        p->refs[p->nrefs] = (NameRef){ s, len };
        emit_backref(p, REOP_BACKREF_NAMED, (uint32_t)p->nrefs, back);
        p->nrefs++;
        info->may_empty = true;
        return;
    }
    ClassSet *s = NULL;
    switch (c) {
    case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
        p->pos++;
        s = cs_new(p);
        class_escape(p, s, c);
        break;
    case 'p': case 'P':
        if (!p->u)
            break;
        p->pos++;
        s = cs_new(p);
        property_escape(p, s, c == 'P');
        break;
    default:
        break;
    }
    if (s) {
        if (s->nstrs && s->strs[s->nstrs - 1][0] == 0)
            info->may_empty = true;
        emit_classset(p, s, back);
        cs_del(p, s);
        return;
    }
    emit_char(p, char_escape(p, false), back);
}

/* Group after '(' (pos after it). *quantifiable says whether a
 * quantifier may follow. */
static void parse_group(Parser *p, bool back, TermInfo *info,
                        bool *quantifiable)
{
    *quantifiable = true;
    if (++p->depth > MAX_DEPTH || js_stack_exhausted(p->stack_limit))
        fail(p, "regular expression too deeply nested");
    if (!eat(p, '?')) {
        int idx = p->ncap++;
        if (idx >= 0xFFFF)
            fail(p, "too many capture groups");
        emit8(p, REOP_SAVE);
        emit16(p, (uint32_t)(2 * idx + back));
        parse_disjunction(p, back, info);
        emit8(p, REOP_SAVE);
        emit16(p, (uint32_t)(2 * idx + !back));
    } else if (eat(p, ':')) {
        parse_disjunction(p, back, info);
    } else if (peek(p) == '=' || peek(p) == '!' ||
               (peek(p) == '<' && (peek_at(p, 1) == '=' ||
                                   peek_at(p, 1) == '!'))) {
        bool behind = eat(p, '<');
        bool neg = p->src[p->pos++] == '!';
        *quantifiable = !behind && !p->u;
        int reg = new_reg(p);
        size_t at = p->code_len;
        emit8(p, REOP_LOOK);
        emit8(p, neg);
        emit16(p, (uint32_t)reg);
        emit32(p, 0);
        TermInfo sub;
        parse_disjunction(p, behind, &sub);
        emit8(p, neg ? REOP_NLOOK_END : REOP_LOOK_END);
        emit16(p, (uint32_t)reg);
        re_put32(p->code + at + 4, (uint32_t)(p->code_len - (at + 8)));
        info->may_empty = true;
    } else if (eat(p, '<')) {
        int idx = p->ncap++;
        if (idx >= 0xFFFF)
            fail(p, "too many capture groups");
        int len;
        char *s = parse_group_name(p, &len);
        add_group_name(p, s, len, idx);
        emit8(p, REOP_SAVE);
        emit16(p, (uint32_t)(2 * idx + back));
        parse_disjunction(p, back, info);
        emit8(p, REOP_SAVE);
        emit16(p, (uint32_t)(2 * idx + !back));
    } else {
        parse_modifiers(p, back, info);
    }
    if (!eat(p, ')'))
        fail(p, "unterminated group");
    p->depth--;
}

/* Moves the bytes [from, code_len) to position to (to < from). */
static void rotate_to(Parser *p, size_t to, size_t from)
{
    size_t n = p->code_len - from;
    if (n == 0 || to == from)
        return;
    uint8_t *tmp = malloc(n);
    if (!tmp)
        fail_oom(p);
    memcpy(tmp, p->code + from, n);
    memmove(p->code + to + n, p->code + to, from - to);
    memcpy(p->code + to, tmp, n);
    free(tmp);
}

/* One Term. Returns false at the end of the alternative. */
static bool parse_term(Parser *p, bool back, size_t alt_start,
                       TermInfo *alt)
{
    int c = peek(p);
    if (c < 0 || c == '|' || c == ')')
        return false;
    size_t start = p->code_len;
    int cap0 = p->ncap;
    TermInfo info = { false };
    bool quantifiable = true;
    switch (c) {
    case '^':
        p->pos++;
        emit8(p, p->multiline ? REOP_BOL_M : REOP_BOL);
        quantifiable = false;
        info.may_empty = true;
        break;
    case '$':
        p->pos++;
        emit8(p, p->multiline ? REOP_EOL_M : REOP_EOL);
        quantifiable = false;
        info.may_empty = true;
        break;
    case '\\':
        if (peek_at(p, 1) == 'b' || peek_at(p, 1) == 'B') {
            emit8(p, REOP_WORDB);
            emit8(p, (peek_at(p, 1) == 'B' ? 1u : 0u) |
                     (p->u && p->icase ? 2u : 0u));
            p->pos += 2;
            quantifiable = false;
            info.may_empty = true;
            break;
        }
        p->pos++;
        atom_escape(p, back, &info);
        break;
    case '(':
        p->pos++;
        parse_group(p, back, &info, &quantifiable);
        break;
    case '.':
        p->pos++;
        if (p->dotall)
            emit8(p, (p->u ? REOP_ALL_CP : REOP_ALL) + back);
        else
            emit8(p, (p->u ? REOP_ANY_CP : REOP_ANY) + back);
        break;
    case '[':
        p->pos++;
        parse_class(p, back);
        break;
    case '*': case '+': case '?':
        fail(p, "nothing to repeat");
    case '{': {
        uint32_t a, b;
        if (p->u)
            fail(p, "lone quantifier brackets");
        if (parse_braces(p, &a, &b))
            fail(p, "nothing to repeat");
        p->pos++;
        emit_char(p, '{', back);
        break;
    }
    case '}': case ']':
        if (p->u)
            fail(p, "lone quantifier brackets");
        p->pos++;
        emit_char(p, (uint32_t)c, back);
        break;
    default:
        emit_char(p, next_char(p, p->u), back);
        break;
    }
    if (quantifiable) {
        uint32_t min = 0, max = 0;
        bool q = true;
        int d = peek(p);
        if (d == '*') {
            min = 0, max = INF_COUNT;
            p->pos++;
        } else if (d == '+') {
            min = 1, max = INF_COUNT;
            p->pos++;
        } else if (d == '?') {
            min = 0, max = 1;
            p->pos++;
        } else if (d == '{') {
            if (!parse_braces(p, &min, &max)) {
                if (p->u)
                    fail(p, "incomplete quantifier");
                q = false;
            } else if (min > max) {
                fail(p, "numbers out of order in {} quantifier");
            }
        } else {
            q = false;
        }
        if (q) {
            bool greedy = !eat(p, '?');
            apply_quantifier(p, start, cap0, p->ncap, info.may_empty, min,
                             max, greedy, back);
            if (min == 0)
                info.may_empty = true;
        }
    }
    if (!info.may_empty)
        alt->may_empty = false;
    if (back)
        rotate_to(p, alt_start, start);
    return true;
}

static void parse_disjunction(Parser *p, bool back, TermInfo *info)
{
    int name_mark = p->nnames;
    int mark = p->njumps;
    info->may_empty = false;
    for (;;) {
        size_t alt_start = p->code_len;
        TermInfo alt = { true };
        while (parse_term(p, back, alt_start, &alt)) {
        }
        if (alt.may_empty)
            info->may_empty = true;
        if (peek(p) != '|')
            break;
        p->pos++;
        /* SPLIT_NEXT over this alternative and its JMP */
        code_insert(p, alt_start, 5);
        p->code[alt_start] = REOP_SPLIT_NEXT;
        re_put32(p->code + alt_start + 1,
                 (uint32_t)(p->code_len - (alt_start + 5) + 5));
        emit_pending_jmp(p);
        for (int i = name_mark; i < p->nnames; i++)
            p->names[i].active = false;
    }
    patch_jumps(p, mark);
    for (int i = name_mark; i < p->nnames; i++)
        p->names[i].active = true;
}

/* ---- first-character filter ---- */

/* Adds to bm the first units a match at pc may start with; returns false
 * when that cannot be bounded (assertion, backreference, empty match). */
static bool first_chars(const uint8_t *code, size_t len, size_t pc,
                        uint8_t *bm, bool *high, int *budget)
{
    while (pc < len && (*budget)-- > 0) {
        const uint8_t *q = code + pc;
        switch (q[0]) {
        case REOP_CHAR: {
            uint32_t c = re_get16(q + 1);
            if (c < 256)
                bm[c >> 3] |= (uint8_t)(1 << (c & 7));
            else
                *high = true;
            return true;
        }
        case REOP_CHAR2:
            for (int k = 0; k < 2; k++) {
                uint32_t c = re_get16(q + 1 + 2 * k);
                if (c < 256)
                    bm[c >> 3] |= (uint8_t)(1 << (c & 7));
                else
                    *high = true;
            }
            return true;
        case REOP_CHAR_CP:
            *high = true;
            return true;
        case REOP_CLASS:
        case REOP_CLASS_CP: {
            uint32_t n = re_get32(q + 1);
            for (int k = 0; k < 32; k++)
                bm[k] |= q[5 + k];
            if (n > 0 && re_get32(q + 37 + 8 * (n - 1) + 4) > 256)
                *high = true;
            return true;
        }
        case REOP_SAVE:
        case REOP_SET_POS:
        case REOP_CNT_INIT:
            pc += 3;
            break;
        case REOP_RESET:
            pc += 5;
            break;
        case REOP_JMP:
            pc += 5 + (int32_t)re_get32(q + 1);
            break;
        case REOP_SPLIT_NEXT:
        case REOP_SPLIT_JMP:
            if (!first_chars(code, len, pc + 5 + (int32_t)re_get32(q + 1), bm,
                             high, budget))
                return false;
            pc += 5;
            break;
        case REOP_STAR:
            if (re_get32(q + 1) == 0)
                return false;
            pc += 13;
            break;
        case REOP_LOOP:
            if (re_get32(q + 3) == 0)
                return false;
            pc += 16;
            break;
        default:
            return false;
        }
    }
    return false;
}

/* ---- driver ---- */

int js_re_parse_flags(const uint16_t *s, size_t len, uint32_t *flags)
{
    static const char letters[] = "dgimsuvy";
    uint32_t f = 0;
    for (size_t i = 0; i < len; i++) {
        const char *q = s[i] < 128 && s[i] ? strchr(letters, s[i]) : NULL;
        if (!q)
            return -1;
        uint32_t bit = 1u << (q - letters);
        if (f & bit)
            return -1;
        f |= bit;
    }
    if ((f & RE_FLAG_UNICODE) && (f & RE_FLAG_UNICODE_SETS))
        return -1;
    *flags = f;
    return 0;
}

static void parser_free(Parser *p)
{
    free(p->code);
    for (int i = 0; i < p->nnames; i++)
        free(p->names[i].s);
    free(p->names);
    for (int i = 0; i < p->nrefs; i++)
        free(p->refs[i].s);
    free(p->refs);
    for (int i = 0; i < p->nlive; i++)
        cs_destroy(p->live[i]);
    free(p->live);
    free(p->jumps);
    free(p->tmp);
}

/* Lays out the blob: header, code, names, named refs, first-char filter. */
static uint8_t *build_blob(Parser *p, size_t *out_len)
{
    size_t size = RE_HDR_LEN + p->code_len;
    size_t names_off = 0, refs_off = 0, first_off = 0;
    if (p->nnames) {
        names_off = size;
        for (int g = 1; g < p->ncap; g++) {
            size += 2;
            for (int i = 0; i < p->nnames; i++)
                if (p->names[i].group == g)
                    size += (size_t)p->names[i].len;
        }
    }
    /* resolve named references */
    if (p->nrefs) {
        refs_off = size;
        size += 4 + 4 * (size_t)p->nrefs;
        for (int r = 0; r < p->nrefs; r++) {
            int k = 0;
            for (int i = 0; i < p->nnames; i++)
                if (p->names[i].len == p->refs[r].len &&
                    !memcmp(p->names[i].s, p->refs[r].s,
                            (size_t)p->refs[r].len))
                    k++;
            if (k == 0)
                fail(p, "group name not defined");
            size += 2 + 2 * (size_t)k;
        }
    }
    uint8_t bm[32];
    bool high = false;
    int budget = 1000;
    memset(bm, 0, sizeof(bm));
    if (first_chars(p->code, p->code_len, 0, bm, &high, &budget)) {
        first_off = size;
        size += 33;
    }
    uint8_t *b = calloc(1, size);
    if (!b)
        fail_oom(p);
    re_put16(b + RE_HDR_FLAGS, p->flags);
    re_put16(b + RE_HDR_NCAP, (uint32_t)p->ncap);
    re_put32(b + RE_HDR_NREGS, (uint32_t)p->nregs);
    re_put32(b + RE_HDR_CODE_LEN, (uint32_t)p->code_len);
    re_put32(b + RE_HDR_NAMES, (uint32_t)names_off);
    re_put32(b + RE_HDR_NAMEREFS, (uint32_t)refs_off);
    re_put32(b + RE_HDR_FIRST, (uint32_t)first_off);
    re_put32(b + RE_HDR_SIZE, (uint32_t)size);
    memcpy(b + RE_HDR_LEN, p->code, p->code_len);
    if (names_off) {
        size_t q = names_off;
        for (int g = 1; g < p->ncap; g++) {
            int len = 0;
            const char *s = NULL;
            for (int i = 0; i < p->nnames; i++)
                if (p->names[i].group == g) {
                    s = p->names[i].s;
                    len = p->names[i].len;
                }
            re_put16(b + q, (uint32_t)len);
            if (len)
                memcpy(b + q + 2, s, (size_t)len);
            q += 2 + (size_t)len;
        }
    }
    if (refs_off) {
        re_put32(b + refs_off, (uint32_t)p->nrefs);
        size_t q = refs_off + 4 + 4 * (size_t)p->nrefs;
        for (int r = 0; r < p->nrefs; r++) {
            re_put32(b + refs_off + 4 + 4 * (size_t)r, (uint32_t)q);
            size_t cnt_at = q;
            int k = 0;
            q += 2;
            for (int i = 0; i < p->nnames; i++)
                if (p->names[i].len == p->refs[r].len &&
                    !memcmp(p->names[i].s, p->refs[r].s,
                            (size_t)p->refs[r].len)) {
                    re_put16(b + q, (uint32_t)p->names[i].group);
                    q += 2;
                    k++;
                }
            re_put16(b + cnt_at, (uint32_t)k);
        }
    }
    if (first_off) {
        memcpy(b + first_off, bm, 32);
        b[first_off + 32] = high;
    }
    *out_len = size;
    return b;
}

int js_re_compile(const uint16_t *pattern, size_t len, uint32_t flags,
               uint8_t **out, size_t *out_len, char *err, size_t err_size)
{
    Parser p;
    memset(&p, 0, sizeof(p));
    uintptr_t entry = (uintptr_t)__builtin_frame_address(0);
    p.stack_limit = entry > MAX_STACK ? entry - MAX_STACK : 0;
    p.src = pattern;
    p.len = len;
    p.flags = flags;
    p.u = (flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS)) != 0;
    p.v = (flags & RE_FLAG_UNICODE_SETS) != 0;
    p.icase = (flags & RE_FLAG_IGNORECASE) != 0;
    p.multiline = (flags & RE_FLAG_MULTILINE) != 0;
    p.dotall = (flags & RE_FLAG_DOTALL) != 0;
    p.err = err;
    p.err_size = err_size;
    *out = NULL;
    *out_len = 0;
    if (err && err_size)
        err[0] = 0;
    if (setjmp(p.jb)) {
        parser_free(&p);
        return p.result;
    }
    bool has_named;
    prescan(&p, &has_named);
    p.named = p.u || has_named;
    p.ncap = 1;
    emit8(&p, REOP_SAVE);
    emit16(&p, 0);
    TermInfo info;
    parse_disjunction(&p, false, &info);
    if (!at_end(&p))
        fail(&p, "unmatched ')'");
    emit8(&p, REOP_SAVE);
    emit16(&p, 1);
    emit8(&p, REOP_MATCH);
    uint8_t *b = build_blob(&p, out_len);
    parser_free(&p);
    *out = b;
    return RE_OK;
}

/* ---- accessors ---- */

uint32_t js_re_get_flags(const uint8_t *blob)
{
    return re_get16(blob + RE_HDR_FLAGS);
}

int js_re_get_capture_count(const uint8_t *blob)
{
    return re_get16(blob + RE_HDR_NCAP);
}

int js_re_has_named_groups(const uint8_t *blob)
{
    return re_get32(blob + RE_HDR_NAMES) != 0;
}

const char *js_re_get_group_name(const uint8_t *blob, int i, size_t *len)
{
    uint32_t off = re_get32(blob + RE_HDR_NAMES);
    int n = js_re_get_capture_count(blob);
    if (!off || i < 1 || i >= n)
        return NULL;
    const uint8_t *q = blob + off;
    for (int g = 1; g < i; g++)
        q += 2 + re_get16(q);
    uint32_t l = re_get16(q);
    if (!l)
        return NULL;
    *len = l;
    return (const char *)q + 2;
}

const char *js_re_syntax_check(void *opaque, const uint16_t *pattern, size_t len,
                            const char *flags, size_t nflags)
{
    static _Thread_local char msg[200];
    uint16_t f16[16];
    uint32_t bits;
    (void)opaque;
    if (nflags > sizeof f16 / sizeof f16[0])
        return "invalid regular expression flags";
    for (size_t i = 0; i < nflags; i++)
        f16[i] = (uint8_t)flags[i];
    if (js_re_parse_flags(f16, nflags, &bits) < 0)
        return "invalid regular expression flags";
    uint8_t *blob = NULL;
    size_t blen = 0;
    msg[0] = 0;
    int r = js_re_compile(pattern, len, bits, &blob, &blen, msg, sizeof msg);
    free(blob);
    if (r == RE_ERR_SYNTAX)
        return msg[0] ? msg : "invalid regular expression";
    return NULL;   /* out of memory: leave the error to run time */
}
