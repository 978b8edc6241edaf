/* The tokenizer: a switch on the first byte with ASCII fast paths for
 * identifiers, numbers, strings, white space and comments; Unicode
 * identifiers and white space go through unicode.h, numeric values through
 * dtoa.h. Also hashbang and Annex B HTML-like comments (scripts only),
 * template parts (cooked + raw) and regexp literal bodies. */
#include "lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dtoa.h"
#include "unicode/unicode.h"

static _Noreturn void lex_error_at(Lexer *L, uint32_t line, uint32_t col,
                            const char *fmt, ...);

static const char *const kw_names[KW_COUNT] = {
    [KW_BREAK] = "break", [KW_CASE] = "case", [KW_CATCH] = "catch",
    [KW_CLASS] = "class", [KW_CONST] = "const", [KW_CONTINUE] = "continue",
    [KW_DEBUGGER] = "debugger", [KW_DEFAULT] = "default",
    [KW_DELETE] = "delete", [KW_DO] = "do", [KW_ELSE] = "else",
    [KW_ENUM] = "enum", [KW_EXPORT] = "export", [KW_EXTENDS] = "extends",
    [KW_FALSE] = "false", [KW_FINALLY] = "finally", [KW_FOR] = "for",
    [KW_FUNCTION] = "function", [KW_IF] = "if", [KW_IMPORT] = "import",
    [KW_IN] = "in", [KW_INSTANCEOF] = "instanceof", [KW_NEW] = "new",
    [KW_NULL] = "null", [KW_RETURN] = "return", [KW_SUPER] = "super",
    [KW_SWITCH] = "switch", [KW_THIS] = "this", [KW_THROW] = "throw",
    [KW_TRUE] = "true", [KW_TRY] = "try", [KW_TYPEOF] = "typeof",
    [KW_VAR] = "var", [KW_VOID] = "void", [KW_WHILE] = "while",
    [KW_WITH] = "with", [KW_IMPLEMENTS] = "implements",
    [KW_INTERFACE] = "interface", [KW_LET] = "let", [KW_PACKAGE] = "package",
    [KW_PRIVATE] = "private", [KW_PROTECTED] = "protected",
    [KW_PUBLIC] = "public", [KW_STATIC] = "static", [KW_YIELD] = "yield",
    [KW_AWAIT] = "await", [KW_ASYNC] = "async", [KW_OF] = "of",
    [KW_GET] = "get", [KW_SET] = "set", [KW_AS] = "as", [KW_FROM] = "from",
    [KW_TARGET] = "target", [KW_META] = "meta",
    [KW_ARGUMENTS] = "arguments", [KW_EVAL] = "eval",
    [KW_CONSTRUCTOR] = "constructor", [KW_PROTO] = "__proto__",
    [KW_PROTOTYPE] = "prototype", [KW_USE_STRICT] = "use strict",
    [KW_DEFAULT_BINDING] = "*default*", [KW_ACCESSOR] = "accessor",
    [KW_USING] = "using",
};

/* Character classes of ASCII bytes. The table covers every byte value,
 * those of UTF-8 sequences (>= 128) having no class, so that any source
 * byte can index it. */
enum { C_ID = 1, C_DIGIT = 2, C_SPACE = 4, C_HEX = 8 };
static uint8_t ascii_class[256];

static void init_classes(void)
{
    if (ascii_class['a'])
        return;
    for (int c = 0; c < 128; c++) {
        uint8_t k = 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
            c == '$')
            k |= C_ID;
        if (c >= '0' && c <= '9')
            k |= C_DIGIT | C_HEX;
        if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            k |= C_HEX;
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
            k |= C_SPACE;
        ascii_class[c] = k;
    }
}

void js_lex_init(Lexer *L, Arena *a, AstNames *names, const char *src,
              size_t len, bool module, jmp_buf *jmp, char *errbuf,
              uint32_t *err_line, uint32_t *err_col)
{
    init_classes();
    memset(L, 0, sizeof *L);
    L->src = (const uint8_t *)src;
    L->len = len;
    L->line = 1;
    L->module = module;
    L->arena = a;
    L->names = names;
    L->jmp = jmp;
    L->errbuf = errbuf;
    L->err_line = err_line;
    L->err_col = err_col;
    for (int k = 1; k < KW_COUNT; k++) {
        const AstName *n = js_ast_name_intern(names, kw_names[k],
                                           strlen(kw_names[k]));
        if (!n)
            lex_error_at(L, 1, 1, "out of memory");
        js_ast_name_set_tag(n, k);
    }
}

/* Reports a SyntaxError at line:col. Does not return. */
static _Noreturn void lex_error_at(Lexer *L, uint32_t line, uint32_t col,
                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->errbuf, 256, fmt, ap);
    va_end(ap);
    *L->err_line = line;
    *L->err_col = col;
    longjmp(*L->jmp, 1);
}

static _Noreturn void err_here(Lexer *L, size_t pos, const char *msg)
{
    lex_error_at(L, L->line, (uint32_t)(pos - L->line_start + 1), "%s", msg);
}

static void *lalloc(Lexer *L, size_t n)
{
    void *p = js_arena_alloc(L->arena, n);
    if (!p)
        err_here(L, L->pos, "out of memory");
    return p;
}

/* Decodes one UTF-8 (or WTF-8) sequence at p (< end); returns the code
 * point (surrogates allowed) and stores its byte length, or returns
 * 0xFFFFFFFF on malformed input. */
static uint32_t lex_decode_utf8(const uint8_t *p, const uint8_t *end, int *nbytes)
{
    uint32_t c = p[0];
    if (c < 0x80) {
        *nbytes = 1;
        return c;
    }
    int n;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; c &= 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; c &= 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; c &= 0x07; min = 0x10000;
    } else {
        return 0xFFFFFFFF;
    }
    if (end - p < n)
        return 0xFFFFFFFF;
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0xFFFFFFFF;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF)
        return 0xFFFFFFFF;
    *nbytes = n;
    return c;
}

static bool is_id_start_cp(uint32_t c)
{
    if (c < 128)
        return (ascii_class[c] & C_ID) != 0;
    return js_uni_is_id_start(c);
}

static bool is_id_part_cp(uint32_t c)
{
    if (c < 128)
        return (ascii_class[c] & (C_ID | C_DIGIT)) != 0;
    return c == 0x200C || c == 0x200D || js_uni_is_id_continue(c);
}

static void newline_at(Lexer *L, size_t next)
{
    L->line++;
    L->line_start = next;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads \uXXXX or \u{X...} at p (pointing at the 'u'); returns the code
 * point or -1, and advances *pp past it. */
static int32_t read_unicode_escape(const uint8_t *p, const uint8_t *end,
                                   const uint8_t **pp)
{
    if (p >= end || *p != 'u')
        return -1;
    p++;
    int32_t v = 0;
    if (p < end && *p == '{') {
        p++;
        int nd = 0;
        while (p < end && hexval(*p) >= 0) {
            v = v * 16 + hexval(*p);
            if (v > 0x10FFFF)
                return -1;
            p++;
            nd++;
        }
        if (nd == 0 || p >= end || *p != '}')
            return -1;
        p++;
    } else {
        for (int i = 0; i < 4; i++) {
            if (p >= end || hexval(*p) < 0)
                return -1;
            v = v * 16 + hexval(*p);
            p++;
        }
    }
    *pp = p;
    return v;
}

static size_t put_utf8(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Scans an IdentifierName starting at pos (whose first character, maybe an
 * escape, has not been checked yet). prefix is '#' for private names. */
static void scan_ident(Lexer *L, size_t pos, char prefix)
{
    const uint8_t *s = L->src, *end = s + L->len;
    const uint8_t *p = s + pos;
    /* ASCII fast path */
    while (p < end && *p < 128 && (ascii_class[*p] & (C_ID | C_DIGIT)))
        p++;
    bool first_ok = p > s + pos && !(ascii_class[s[pos]] & C_DIGIT);
    if (first_ok && (p >= end || (*p < 128 && *p != '\\'))) {
        const AstName *n;
        if (prefix) {
            size_t l = (size_t)(p - (s + pos));
            char *tmp = lalloc(L, l + 1);
            tmp[0] = prefix;
            memcpy(tmp + 1, s + pos, l);
            n = js_ast_name_intern(L->names, tmp, l + 1);
        } else {
            n = js_ast_name_intern(L->names, (const char *)s + pos,
                                (size_t)(p - (s + pos)));
        }
        if (!n)
            err_here(L, pos, "out of memory");
        L->tok.name = n;
        L->tok.kw = prefix ? 0 : (uint8_t)js_ast_name_tag(n);
        L->tok.escaped = false;
        L->pos = (size_t)(p - s);
        return;
    }
    /* general path: build the UTF-8 StringValue. The name is at most as
       long as the run of bytes that may belong to it. */
    const uint8_t *q = s + pos;
    while (q < end && (*q >= 128 || *q == '\\' || *q == '{' || *q == '}' ||
                       (ascii_class[*q] & (C_ID | C_DIGIT))))
        q++;
    size_t cap = (size_t)(q - (s + pos)) * 2 + 8, n = 0;
    char *buf = lalloc(L, cap);
    bool escaped = false;
    if (prefix)
        buf[n++] = prefix;
    p = s + pos;
    bool first = true;
    while (p < end) {
        uint32_t c;
        if (*p == '\\') {
            const uint8_t *q;
            int32_t v = read_unicode_escape(p + 1, end, &q);
            if (v < 0)
                err_here(L, (size_t)(p - s), "invalid Unicode escape");
            if (first ? !is_id_start_cp((uint32_t)v)
                      : !is_id_part_cp((uint32_t)v))
                err_here(L, (size_t)(p - s),
                         "invalid identifier escape");
            c = (uint32_t)v;
            p = q;
            escaped = true;
        } else {
            int nb;
            if (*p < 128) {
                c = *p;
                nb = 1;
            } else {
                c = lex_decode_utf8(p, end, &nb);
                if (c == 0xFFFFFFFF)
                    err_here(L, (size_t)(p - s), "invalid UTF-8");
            }
            if (first ? !is_id_start_cp(c) : !is_id_part_cp(c)) {
                if (first)
                    err_here(L, (size_t)(p - s), "unexpected character");
                break;
            }
            p += nb;
        }
        n += put_utf8(buf + n, c);
        first = false;
    }
    const AstName *nm = js_ast_name_intern(L->names, buf, n);
    if (!nm)
        err_here(L, pos, "out of memory");
    L->tok.name = nm;
    L->tok.kw = prefix ? 0 : (uint8_t)js_ast_name_tag(nm);
    L->tok.escaped = escaped;
    L->pos = (size_t)(p - s);
}

/* Digits with numeric separators; copies them (without '_') into out and
 * returns how many; *pp advanced. */
static size_t scan_digits(Lexer *L, const uint8_t **pp, const uint8_t *end,
                          int radix, bool allow_sep, char *out)
{
    const uint8_t *p = *pp;
    size_t n = 0;
    bool last_digit = false;
    for (;;) {
        if (p >= end)
            break;
        int c = *p;
        if (c == '_' && allow_sep) {
            if (!last_digit || p + 1 >= end ||
                hexval(p[1]) < 0 || hexval(p[1]) >= radix)
                err_here(L, (size_t)(p - L->src),
                         "invalid numeric separator");
            p++;
            last_digit = false;
            continue;
        }
        int v = hexval(c);
        if (v < 0 || v >= radix)
            break;
        out[n++] = (char)(c >= 'A' && c <= 'F' ? c + 32 : c);
        p++;
        last_digit = true;
    }
    *pp = p;
    return n;
}

static void scan_number(Lexer *L, size_t pos)
{
    const uint8_t *s = L->src, *end = s + L->len;
    const uint8_t *p = s + pos;
    const uint8_t *q = p;
    while (q < end && (*q == '.' || *q == '_' ||
                       (*q < 128 && (ascii_class[*q] & (C_ID | C_DIGIT))) ||
                       ((*q == '+' || *q == '-') && (q[-1] | 32) == 'e')))
        q++;
    char *buf = lalloc(L, (size_t)(q - p) + 2);
    size_t n = 0;
    Token *t = &L->tok;
    t->type = T_NUMBER;
    t->legacy_octal = false;
    if (p[0] == '0' && p + 1 < end &&
        (p[1] == 'x' || p[1] == 'X' || p[1] == 'o' || p[1] == 'O' ||
         p[1] == 'b' || p[1] == 'B')) {
        int radix = (p[1] | 32) == 'x' ? 16 : (p[1] | 32) == 'o' ? 8 : 2;
        p += 2;
        n = scan_digits(L, &p, end, radix, true, buf);
        if (n == 0)
            err_here(L, pos, "invalid number literal");
        buf[n] = 0;
        if (p < end && *p == 'n') {
            p++;
            t->type = T_BIGINT;
            t->digits = buf;
            t->ndigits = (uint32_t)n;
            t->radix = (uint32_t)radix;
        } else {
            size_t e;
            t->num = js_atoi_radix(buf, n, radix, &e);
        }
    } else if (p[0] == '0' && p + 1 < end && p[1] < 128 && (ascii_class[p[1]] & C_DIGIT)) {
        /* LegacyOctalIntegerLiteral or NonOctalDecimalIntegerLiteral */
        bool octal = true;
        p++;
        while (p < end && *p < 128 && (ascii_class[*p] & C_DIGIT)) {
            if (*p >= '8')
                octal = false;
            buf[n++] = (char)*p++;
        }
        t->legacy_octal = true;
        if (p < end && *p == '_')
            err_here(L, (size_t)(p - s), "invalid numeric separator");
        if (octal) {
            size_t e;
            t->num = js_atoi_radix(buf, n, 8, &e);
        } else {
            if (p < end && *p == '.') {
                buf[n++] = *p++;
                n += scan_digits(L, &p, end, 10, true, buf + n);
            }
            if (p < end && (*p | 32) == 'e') {
                buf[n++] = 'e';
                p++;
                if (p < end && (*p == '+' || *p == '-'))
                    buf[n++] = (char)*p++;
                size_t k = scan_digits(L, &p, end, 10, true, buf + n);
                if (k == 0)
                    err_here(L, pos, "invalid number literal");
                n += k;
            }
            size_t e;
            t->num = js_atod(buf, n, &e, 0);
        }
    } else {
        bool is_int = true;
        if (p[0] == '0' && p + 1 < end && p[1] == '_')
            err_here(L, pos + 1, "invalid numeric separator");
        if (*p != '.') {
            n = scan_digits(L, &p, end, 10, true, buf);
        }
        if (p < end && *p == '.') {
            is_int = false;
            buf[n++] = '.';
            p++;
            if (p < end && *p == '_')
                err_here(L, (size_t)(p - s), "invalid numeric separator");
            n += scan_digits(L, &p, end, 10, true, buf + n);
        }
        if (p < end && (*p | 32) == 'e') {
            is_int = false;
            buf[n++] = 'e';
            p++;
            if (p < end && (*p == '+' || *p == '-'))
                buf[n++] = (char)*p++;
            if (p < end && *p == '_')
                err_here(L, (size_t)(p - s), "invalid numeric separator");
            size_t k = scan_digits(L, &p, end, 10, true, buf + n);
            if (k == 0)
                err_here(L, pos, "invalid number literal");
            n += k;
        }
        buf[n] = 0;
        if (is_int && p < end && *p == 'n') {
            if (n > 1 && buf[0] == '0')
                err_here(L, pos, "invalid BigInt literal");
            p++;
            t->type = T_BIGINT;
            t->digits = buf;
            t->ndigits = (uint32_t)n;
            t->radix = 10;
        } else {
            size_t e;
            t->num = js_atod(buf, n, &e, 0);
        }
    }
    /* the next character must not start an identifier or be a digit */
    if (p < end) {
        uint32_t c = *p;
        int nb = 1;
        if (c >= 128)
            c = lex_decode_utf8(p, end, &nb);
        if (c == '\\' || (c < 128 && (ascii_class[c] & (C_ID | C_DIGIT))) ||
            (c >= 128 && c != 0xFFFFFFFF && js_uni_is_id_start(c)))
            err_here(L, (size_t)(p - s),
                     "identifier starts immediately after numeric literal");
    }
    L->pos = (size_t)(p - s);
}

/* Escape sequence after a backslash in a string or template, at p (the
 * character after '\'). Writes code units to out, returns how many (-1:
 * invalid, with *msg set). *legacy set for octal / \8 \9 escapes. */
static int read_escape(Lexer *L, const uint8_t **pp, const uint8_t *end,
                       uint16_t *out, bool *legacy, bool template,
                       const char **msg)
{
    const uint8_t *p = *pp;
    uint32_t c = *p;
    int r = 1;
    switch (c) {
    case 'n': out[0] = '\n'; p++; break;
    case 't': out[0] = '\t'; p++; break;
    case 'r': out[0] = '\r'; p++; break;
    case 'b': out[0] = '\b'; p++; break;
    case 'f': out[0] = '\f'; p++; break;
    case 'v': out[0] = '\v'; p++; break;
    case '\r':
        p++;
        if (p < end && *p == '\n')
            p++;
        newline_at(L, (size_t)(p - L->src));
        r = 0;
        break;
    case '\n':
        p++;
        newline_at(L, (size_t)(p - L->src));
        r = 0;
        break;
    case 'x': {
        int a = p + 1 < end ? hexval(p[1]) : -1;
        int b = p + 2 < end ? hexval(p[2]) : -1;
        if (a < 0 || b < 0) {
            *msg = "invalid hexadecimal escape";
            return -1;
        }
        out[0] = (uint16_t)(a * 16 + b);
        p += 3;
        break;
    }
    case 'u': {
        const uint8_t *q;
        int32_t v = read_unicode_escape(p, end, &q);
        if (v < 0) {
            *msg = "invalid Unicode escape";
            return -1;
        }
        p = q;
        if (v >= 0x10000) {
            v -= 0x10000;
            out[0] = (uint16_t)(0xD800 + (v >> 10));
            out[1] = (uint16_t)(0xDC00 + (v & 0x3FF));
            r = 2;
        } else {
            out[0] = (uint16_t)v;
        }
        break;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6':
    case '7':
        if (c == '0' && (p + 1 >= end || p[1] < '0' || p[1] > '9')) {
            out[0] = 0;
            p++;
            break;
        }
        if (template) {
            *msg = "octal escape in template";
            return -1;
        }
        *legacy = true;
        {
            uint32_t v = c - '0';
            p++;
            if (p < end && *p >= '0' && *p <= '7') {
                v = v * 8 + (*p++ - '0');
                if (c <= '3' && p < end && *p >= '0' && *p <= '7')
                    v = v * 8 + (*p++ - '0');
            }
            out[0] = (uint16_t)v;
        }
        break;
    case '8': case '9':
        if (template) {
            *msg = "\\8 and \\9 are not allowed in templates";
            return -1;
        }
        *legacy = true;
        out[0] = (uint16_t)c;
        p++;
        break;
    default:
        if (c < 128) {
            out[0] = (uint16_t)c;
            p++;
        } else {
            int nb;
            uint32_t cp = lex_decode_utf8(p, end, &nb);
            if (cp == 0xFFFFFFFF) {
                *msg = "invalid UTF-8";
                return -1;
            }
            p += nb;
            if (cp == 0x2028 || cp == 0x2029) {
                newline_at(L, (size_t)(p - L->src));
                r = 0;   /* line continuation */
            } else if (cp >= 0x10000) {
                cp -= 0x10000;
                out[0] = (uint16_t)(0xD800 + (cp >> 10));
                out[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
                r = 2;
            } else {
                out[0] = (uint16_t)cp;
            }
        }
        break;
    }
    *pp = p;
    return r;
}

/* Appends the UTF-16 form of the UTF-8 (WTF-8) character at *pp. */
static int put_char16(Lexer *L, const uint8_t **pp, const uint8_t *end,
                      uint16_t *out)
{
    const uint8_t *p = *pp;
    int nb;
    uint32_t c = lex_decode_utf8(p, end, &nb);
    if (c == 0xFFFFFFFF)
        err_here(L, (size_t)(p - L->src), "invalid UTF-8");
    *pp = p + nb;
    if (c >= 0x10000) {
        c -= 0x10000;
        out[0] = (uint16_t)(0xD800 + (c >> 10));
        out[1] = (uint16_t)(0xDC00 + (c & 0x3FF));
        return 2;
    }
    out[0] = (uint16_t)c;
    return 1;
}

static void scan_string(Lexer *L, size_t pos)
{
    const uint8_t *s = L->src, *end = s + L->len;
    uint8_t q = s[pos];
    const uint8_t *p = s + pos + 1;
    /* find the end to size the buffer (UTF-16 length <= byte length) */
    const uint8_t *e = p;
    while (e < end && *e != q) {
        if (*e == '\\') {
            e++;
            if (e + 1 < end && *e == '\r' && e[1] == '\n')
                e++;
        }
        else if (*e == '\n' || *e == '\r')
            err_here(L, (size_t)(e - s), "unterminated string literal");
        e++;
    }
    if (e >= end)
        err_here(L, pos, "unterminated string literal");
    uint16_t *buf = lalloc(L, (size_t)(e - p) * 2 + 4);
    size_t n = 0;
    bool legacy = false, escaped = false;
    while (p < end && *p != q) {
        uint8_t c = *p;
        if (c < 128 && c != '\\') {
            buf[n++] = c;
            p++;
        } else if (c == '\\') {
            const char *msg = NULL;
            const uint8_t *at = p;
            p++;
            escaped = true;
            int r = read_escape(L, &p, end, buf + n, &legacy, false, &msg);
            if (r < 0)
                err_here(L, (size_t)(at - s), msg);
            n += (size_t)r;
        } else {
            n += (size_t)put_char16(L, &p, end, buf + n);
        }
    }
    L->pos = (size_t)(p - s) + 1;
    L->tok.type = T_STRING;
    L->tok.str = buf;
    L->tok.slen = (uint32_t)n;
    L->tok.legacy_octal = legacy;
    L->tok.escaped = escaped;
}

/* Scans a template part starting at pos (just after ` or }). */
static void scan_template(Lexer *L, size_t pos)
{
    const uint8_t *s = L->src, *end = s + L->len;
    const uint8_t *p = s + pos;
    const uint8_t *e = p;
    while (e < end && *e != '`' && !(*e == '$' && e + 1 < end && e[1] == '{')) {
        if (*e == '\\')
            e++;
        e++;
    }
    if (e >= end)
        err_here(L, pos - 1, "unterminated template literal");
    size_t cap = (size_t)(e - p) + 2;
    uint16_t *cooked = lalloc(L, cap * 2);
    uint16_t *raw = lalloc(L, cap * 2);
    size_t nc = 0, nr = 0;
    const char *err = NULL;
    while (*p != '`' && !(*p == '$' && p[1] == '{')) {
        uint8_t c = *p;
        if (c == '\\') {
            const uint8_t *start = p;
            p++;
            const char *msg = NULL;
            bool legacy = false;
            int r = read_escape(L, &p, end, cooked + nc, &legacy, true, &msg);
            if (r < 0) {
                if (!err)
                    err = msg;
                /* NotEscapeSequence: skip just the character after '\'
                   (the raw text keeps everything) */
                int nb = 1;
                if (*p >= 128)
                    lex_decode_utf8(p, end, &nb);
                p += nb;
                if (p > e)
                    p = e;
            } else {
                nc += (size_t)r;
            }
            /* raw: the source text with CR LF / CR normalized to LF */
            for (const uint8_t *k = start; k < p;) {
                if (*k == '\r') {
                    raw[nr++] = '\n';
                    k++;
                    if (k < p && *k == '\n')
                        k++;
                } else if (*k < 128) {
                    raw[nr++] = *k++;
                } else {
                    nr += (size_t)put_char16(L, &k, end, raw + nr);
                }
            }
        } else if (c == '\r') {
            p++;
            if (p < end && *p == '\n')
                p++;
            cooked[nc++] = '\n';
            raw[nr++] = '\n';
            newline_at(L, (size_t)(p - s));
        } else if (c == '\n') {
            p++;
            cooked[nc++] = '\n';
            raw[nr++] = '\n';
            newline_at(L, (size_t)(p - s));
        } else if (c < 128) {
            cooked[nc++] = c;
            raw[nr++] = c;
            p++;
        } else {
            const uint8_t *k = p;
            int r = put_char16(L, &p, end, cooked + nc);
            nc += (size_t)r;
            nr += (size_t)put_char16(L, &k, end, raw + nr);
            if (r == 1 && (cooked[nc - 1] == 0x2028 ||
                           cooked[nc - 1] == 0x2029))
                newline_at(L, (size_t)(p - s));
        }
    }
    Token *t = &L->tok;
    t->type = T_TEMPLATE;
    t->tail = *p == '`';
    L->pos = (size_t)(p - s) + (t->tail ? 1 : 2);
    t->str = err ? NULL : cooked;
    t->slen = err ? 0 : (uint32_t)nc;
    t->cooked_err = err;
    t->raw = raw;
    t->rawlen = (uint32_t)nr;
}

/* Skips white space and comments; sets tok.nl_before. */
static void skip_space(Lexer *L)
{
    const uint8_t *s = L->src;
    size_t pos = L->pos, len = L->len;
    bool nl = false;
    if (pos == 0 && len >= 2 && s[0] == '#' && s[1] == '!') {
        pos = 2;
        goto line_comment;
    }
    for (;;) {
        if (pos >= len)
            break;
        uint8_t c = s[pos];
        if (c == '\n') {
            pos++;
            nl = true;
            newline_at(L, pos);
            continue;
        }
        if (c == '\r') {
            pos++;
            if (pos < len && s[pos] == '\n')
                pos++;
            nl = true;
            newline_at(L, pos);
            continue;
        }
        if (c < 128) {
            if (ascii_class[c] & C_SPACE) {
                pos++;
                continue;
            }
            if (c == '/') {
                if (pos + 1 < len && s[pos + 1] == '/') {
                    pos += 2;
                    goto line_comment;
                }
                if (pos + 1 < len && s[pos + 1] == '*') {
                    size_t start = pos;
                    pos += 2;
                    for (;;) {
                        if (pos >= len)
                            err_here(L, start, "unterminated comment");
                        uint8_t d = s[pos];
                        if (d == '*' && pos + 1 < len && s[pos + 1] == '/') {
                            pos += 2;
                            break;
                        }
                        if (d == '\n' || d == '\r') {
                            pos++;
                            if (d == '\r' && pos < len && s[pos] == '\n')
                                pos++;
                            nl = true;
                            newline_at(L, pos);
                            continue;
                        }
                        if (d == 0xE2 && pos + 2 < len && s[pos + 1] == 0x80 &&
                            (s[pos + 2] == 0xA8 || s[pos + 2] == 0xA9)) {
                            pos += 3;
                            nl = true;
                            newline_at(L, pos);
                            continue;
                        }
                        pos++;
                    }
                    continue;
                }
                break;
            }
            if (!L->module && c == '<' && pos + 3 < len && s[pos + 1] == '!' &&
                s[pos + 2] == '-' && s[pos + 3] == '-') {
                pos += 4;
                goto line_comment;
            }
            if (!L->module && c == '-' && (nl || L->prev_end == 0) &&
                pos + 2 < len && s[pos + 1] == '-' && s[pos + 2] == '>') {
                pos += 3;
                goto line_comment;
            }
            break;
        }
        {
            int nb;
            uint32_t cp = lex_decode_utf8(s + pos, s + len, &nb);
            if (cp == 0x2028 || cp == 0x2029) {
                pos += (size_t)nb;
                nl = true;
                newline_at(L, pos);
                continue;
            }
            if (cp != 0xFFFFFFFF && js_uni_is_space(cp)) {
                pos += (size_t)nb;
                continue;
            }
            break;
        }
    line_comment:
        while (pos < len) {
            uint8_t d = s[pos];
            if (d == '\n' || d == '\r')
                break;
            if (d == 0xE2 && pos + 2 < len && s[pos + 1] == 0x80 &&
                (s[pos + 2] == 0xA8 || s[pos + 2] == 0xA9))
                break;
            pos++;
        }
    }
    L->pos = pos;
    L->tok.nl_before = nl;
}

void js_lex_next(Lexer *L)
{
    Token *t = &L->tok;
    L->prev_end = t->end;
    L->prev_line = t->line;
    skip_space(L);
    const uint8_t *s = L->src;
    size_t pos = L->pos, len = L->len;
    t->start = (uint32_t)pos;
    t->line = L->line;
    t->col = (uint32_t)(pos - L->line_start + 1);
    t->kw = 0;
    t->escaped = false;
    t->legacy_octal = false;
    t->name = NULL;
    if (pos >= len) {
        t->type = T_EOF;
        t->end = (uint32_t)pos;
        return;
    }
    uint8_t c = s[pos];
    uint8_t c1 = pos + 1 < len ? s[pos + 1] : 0;
    uint8_t c2 = pos + 2 < len ? s[pos + 2] : 0;
    int type;
    size_t n = 1;
    switch (c) {
    case 'a': case 'b': case 'c': case 'd': case 'e': case 'f': case 'g':
    case 'h': case 'i': case 'j': case 'k': case 'l': case 'm': case 'n':
    case 'o': case 'p': case 'q': case 'r': case 's': case 't': case 'u':
    case 'v': case 'w': case 'x': case 'y': case 'z':
    case 'A': case 'B': case 'C': case 'D': case 'E': case 'F': case 'G':
    case 'H': case 'I': case 'J': case 'K': case 'L': case 'M': case 'N':
    case 'O': case 'P': case 'Q': case 'R': case 'S': case 'T': case 'U':
    case 'V': case 'W': case 'X': case 'Y': case 'Z': case '_': case '$':
    case '\\':
        scan_ident(L, pos, 0);
        t->type = T_IDENT;
        t->end = (uint32_t)L->pos;
        return;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6':
    case '7': case '8': case '9':
        scan_number(L, pos);
        t->end = (uint32_t)L->pos;
        return;
    case '"': case '\'':
        scan_string(L, pos);
        t->end = (uint32_t)L->pos;
        return;
    case '`':
        scan_template(L, pos + 1);
        t->end = (uint32_t)L->pos;
        return;
    case '#':
        if (pos + 1 >= len)
            err_here(L, pos, "unexpected character '#'");
        scan_ident(L, pos + 1, '#');
        t->type = T_PRIVATE;
        t->end = (uint32_t)L->pos;
        return;
    case '{': type = T_LBRACE; break;
    case '}': type = T_RBRACE; break;
    case '(': type = T_LPAREN; break;
    case ')': type = T_RPAREN; break;
    case '[': type = T_LBRACK; break;
    case ']': type = T_RBRACK; break;
    case ';': type = T_SEMI; break;
    case ',': type = T_COMMA; break;
    case ':': type = T_COLON; break;
    case '~': type = T_TILDE; break;
    case '.':
        if (c1 >= '0' && c1 <= '9') {
            scan_number(L, pos);
            t->end = (uint32_t)L->pos;
            return;
        }
        if (c1 == '.' && c2 == '.') {
            type = T_ELLIPSIS;
            n = 3;
        } else {
            type = T_DOT;
        }
        break;
    case '?':
        if (c1 == '?') {
            if (c2 == '=') { type = T_NULLISH_ASSIGN; n = 3; }
            else { type = T_NULLISH; n = 2; }
        } else if (c1 == '.' && !(c2 >= '0' && c2 <= '9')) {
            type = T_OPTCHAIN; n = 2;
        } else {
            type = T_QUESTION;
        }
        break;
    case '=':
        if (c1 == '>') { type = T_ARROW; n = 2; }
        else if (c1 == '=') {
            if (c2 == '=') { type = T_SEQ; n = 3; }
            else { type = T_EQ; n = 2; }
        } else type = T_ASSIGN;
        break;
    case '!':
        if (c1 == '=') {
            if (c2 == '=') { type = T_SNE; n = 3; }
            else { type = T_NE; n = 2; }
        } else type = T_BANG;
        break;
    case '+':
        if (c1 == '+') { type = T_INC; n = 2; }
        else if (c1 == '=') { type = T_PLUS_ASSIGN; n = 2; }
        else type = T_PLUS;
        break;
    case '-':
        if (c1 == '-') { type = T_DEC; n = 2; }
        else if (c1 == '=') { type = T_MINUS_ASSIGN; n = 2; }
        else type = T_MINUS;
        break;
    case '*':
        if (c1 == '*') {
            if (c2 == '=') { type = T_EXP_ASSIGN; n = 3; }
            else { type = T_EXP; n = 2; }
        } else if (c1 == '=') { type = T_STAR_ASSIGN; n = 2; }
        else type = T_STAR;
        break;
    case '/':
        if (c1 == '=') { type = T_SLASH_ASSIGN; n = 2; }
        else type = T_SLASH;
        break;
    case '%':
        if (c1 == '=') { type = T_PERCENT_ASSIGN; n = 2; }
        else type = T_PERCENT;
        break;
    case '<':
        if (c1 == '<') {
            if (c2 == '=') { type = T_SHL_ASSIGN; n = 3; }
            else { type = T_SHL; n = 2; }
        } else if (c1 == '=') { type = T_LE; n = 2; }
        else type = T_LT;
        break;
    case '>':
        if (c1 == '>') {
            if (c2 == '>') {
                if (pos + 3 < len && s[pos + 3] == '=') {
                    type = T_SHR_ASSIGN; n = 4;
                } else { type = T_SHR; n = 3; }
            } else if (c2 == '=') { type = T_SAR_ASSIGN; n = 3; }
            else { type = T_SAR; n = 2; }
        } else if (c1 == '=') { type = T_GE; n = 2; }
        else type = T_GT;
        break;
    case '&':
        if (c1 == '&') {
            if (c2 == '=') { type = T_AND_ASSIGN; n = 3; }
            else { type = T_AND; n = 2; }
        } else if (c1 == '=') { type = T_AMP_ASSIGN; n = 2; }
        else type = T_AMP;
        break;
    case '|':
        if (c1 == '|') {
            if (c2 == '=') { type = T_OR_ASSIGN; n = 3; }
            else { type = T_OR; n = 2; }
        } else if (c1 == '=') { type = T_PIPE_ASSIGN; n = 2; }
        else type = T_PIPE;
        break;
    case '^':
        if (c1 == '=') { type = T_CARET_ASSIGN; n = 2; }
        else type = T_CARET;
        break;
    default:
        if (c >= 128) {
            int nb;
            uint32_t cp = lex_decode_utf8(s + pos, s + len, &nb);
            if (cp != 0xFFFFFFFF && is_id_start_cp(cp)) {
                scan_ident(L, pos, 0);
                t->type = T_IDENT;
                t->end = (uint32_t)L->pos;
                return;
            }
        }
        err_here(L, pos, "unexpected character");
    }
    t->type = (uint8_t)type;
    L->pos = pos + n;
    t->end = (uint32_t)L->pos;
}

void js_lex_regexp(Lexer *L)
{
    Token *t = &L->tok;
    const uint8_t *s = L->src, *end = s + L->len;
    const uint8_t *p = s + t->start + 1;
    const uint8_t *body = p;
    bool in_class = false;
    for (;;) {
        if (p >= end)
            err_here(L, t->start, "unterminated regular expression");
        uint8_t c = *p;
        if (c == '\n' || c == '\r' ||
            (c == 0xE2 && p + 2 < end && p[1] == 0x80 &&
             (p[2] == 0xA8 || p[2] == 0xA9)))
            err_here(L, t->start, "unterminated regular expression");
        if (c == '\\') {
            p++;
            if (p >= end || *p == '\n' || *p == '\r' ||
                (*p == 0xE2 && p + 2 < end && p[1] == 0x80 &&
                 (p[2] == 0xA8 || p[2] == 0xA9)))
                err_here(L, t->start, "unterminated regular expression");
            int nb = 1;
            if (*p >= 128)
                lex_decode_utf8(p, end, &nb);
            p += nb;
            continue;
        }
        if (c == '[')
            in_class = true;
        else if (c == ']')
            in_class = false;
        else if (c == '/' && !in_class)
            break;
        p++;
    }
    const uint8_t *bend = p;
    p++;
    uint16_t *pat = lalloc(L, (size_t)(bend - body) * 2 + 2);
    size_t n = 0;
    for (const uint8_t *k = body; k < bend;) {
        if (*k < 128)
            pat[n++] = *k++;
        else
            n += (size_t)put_char16(L, &k, end, pat + n);
    }
    const uint8_t *fstart = p;
    while (p < end) {
        if (*p == '\\')
            err_here(L, (size_t)(p - s), "invalid regular expression flags");
        int nb = 1;
        uint32_t c = *p;
        if (c >= 128)
            c = lex_decode_utf8(p, end, &nb);
        if (c == 0xFFFFFFFF || !is_id_part_cp(c))
            break;
        p += nb;
    }
    size_t nf = (size_t)(p - fstart);
    char *flags = lalloc(L, nf + 1);
    memcpy(flags, fstart, nf);
    flags[nf] = 0;
    t->type = T_REGEXP;
    t->str = pat;
    t->slen = (uint32_t)n;
    t->flags = flags;
    t->nflags = (uint32_t)nf;
    L->pos = (size_t)(p - s);
    t->end = (uint32_t)L->pos;
}

void js_lex_template_cont(Lexer *L)
{
    Token *t = &L->tok;
    /* t is the '}' token: the template part starts right after it */
    scan_template(L, t->start + 1);
    t->end = (uint32_t)L->pos;
}
