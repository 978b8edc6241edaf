/* console and print, and the value printer behind them: a C version of
 * the layout rules of Node's util.inspect with its default options (depth
 * 2, breakLength 80, compact 3, maxArrayLength 100): quoting, [Object]
 * past the depth, <ref *N> / [Circular *N], array grouping in columns,
 * and the single-line / multi-line choice. Also console.log's format
 * specifiers (%s %d %i %f %j %o %O %c %%). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmath.h"      /* js_sqrt, without libm */
#include "rt_int.h"

#define BREAK_LENGTH 80
#define COMPACT 3
#define MAX_ARRAY_LENGTH 100

/* ---- growable strings and string lists ---- */

typedef struct Buf {
    char *p;
    size_t len, cap;
    bool oom;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 64;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        char *np = realloc(b->p, ncap);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np;
        b->cap = ncap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }
static void buf_putc(Buf *b, char c) { buf_put(b, &c, 1); }

static void buf_printf(Buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        buf_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void buf_spaces(Buf *b, int n)
{
    for (int i = 0; i < n; i++)
        buf_putc(b, ' ');
}

/* The malloc'ed string of b ("" if empty), or NULL if out of memory. */
static char *buf_finish(Buf *b)
{
    if (b->oom) {
        free(b->p);
        return NULL;
    }
    if (!b->p)
        return strdup("");
    return b->p;
}

typedef struct StrList {
    char **v;
    size_t n, cap;
    bool oom;
} StrList;

/* Takes ownership of s (NULL marks out of memory). */
static void list_push(StrList *l, char *s)
{
    if (!s) {
        l->oom = true;
        return;
    }
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        char **nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv) {
            free(s);
            l->oom = true;
            return;
        }
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = s;
}

static void list_free(StrList *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Length in UTF-16 code units of UTF-8 text, as Node measures strings. */
static size_t u16len(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80)
            n++;
        if (*p >= 0xF0)
            n++;
    }
    return n;
}

static char *xstrdup(const char *s) { return strdup(s); }

/* ---- primitives ---- */

static bool is_ident(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
        return false;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* A canonical array index ("0", "17", not "01"). */
static bool is_index_key(const char *s)
{
    if (!*s || (s[0] == '0' && s[1]))
        return false;
    double v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
    }
    return v < 4294967295.0;
}

/* Appends s[0..len) quoted as Node does: single quotes unless the text
 * has one (then double quotes, then backquotes), control characters and
 * the quote escaped. */
static void put_quoted(Buf *b, const char *s, size_t len)
{
    char quote = '\'';
    if (memchr(s, '\'', len)) {
        if (!memchr(s, '"', len))
            quote = '"';
        else if (!memchr(s, '`', len) && !strstr(s, "${"))
            quote = '`';
    }
    buf_putc(b, quote);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\n': buf_puts(b, "\\n"); continue;
        case '\t': buf_puts(b, "\\t"); continue;
        case '\b': buf_puts(b, "\\b"); continue;
        case '\f': buf_puts(b, "\\f"); continue;
        case '\r': buf_puts(b, "\\r"); continue;
        case '\\': buf_puts(b, "\\\\"); continue;
        default: break;
        }
        if (c == (unsigned char)quote) {
            buf_putc(b, '\\');
            buf_putc(b, (char)c);
        } else if (c < 0x20 || c == 0x7F) {
            buf_printf(b, "\\x%02X", c);
        } else if (c == 0xED && i + 2 < len && ((unsigned char)s[i + 1] & 0xE0) == 0xA0) {
            /* a lone surrogate in WTF-8 */
            unsigned u = 0xD000 | (((unsigned char)s[i + 1] & 0x3F) << 6) | ((unsigned char)s[i + 2] & 0x3F);
            buf_printf(b, "\\u%04X", u);
            i += 2;
        } else {
            buf_putc(b, (char)c);
        }
    }
    buf_putc(b, quote);
}

/* The display form of a number: -0 is "-0", others as ToString. */
static char *number_text(QJSContext *ctx, QJSValue v)
{
    double d = qjs_get_number(v);
    if (d == 0 && signbit(d))
        return xstrdup("-0");
    return qjs_to_cstring(ctx, v, NULL);
}

/* ---- the inspector ---- */

typedef struct Circular {
    QJSRef *obj;
    int index;
} Circular;

typedef struct Inspector {
    QJSContext *ctx;
    int depth;              /* levels expanded below the top */
    int indentation;        /* ctx.indentationLvl */
    int current_depth;      /* level of the last object entered */
    QJSValue *seen;         /* objects being formatted (rooted by their holders) */
    size_t seen_len, seen_cap;
    Circular *circ;
    size_t circ_len, circ_cap;
} Inspector;

static char *format_value(Inspector *in, QJSValue v, int level, bool nested_string);

static void inspector_free(Inspector *in)
{
    for (size_t i = 0; i < in->circ_len; i++)
        qjs_ref_free(in->circ[i].obj);
    free(in->circ);
    free(in->seen);
}

static int circular_index(Inspector *in, QJSValue v, bool add)
{
    for (size_t i = 0; i < in->circ_len; i++)
        if (qjs_ref_get(in->circ[i].obj) == v)
            return in->circ[i].index;
    if (!add)
        return 0;
    if (in->circ_len == in->circ_cap) {
        size_t ncap = in->circ_cap ? in->circ_cap * 2 : 4;
        Circular *n = realloc(in->circ, ncap * sizeof *n);
        if (!n)
            return 0;
        in->circ = n;
        in->circ_cap = ncap;
    }
    QJSRef *r = qjs_ref_new(in->ctx, v);
    if (!r)
        return 0;
    in->circ[in->circ_len].obj = r;
    in->circ[in->circ_len].index = (int)in->circ_len + 1;
    return (int)++in->circ_len;
}

/* A string property of obj as a malloc'ed C string, or NULL if it is
 * not a string (exceptions are swallowed). */
static char *get_string_prop(QJSContext *ctx, QJSValue obj, const char *name)
{
    QJSValue v = qjs_get_prop_str(ctx, obj, name);
    if (qjs_is_exception(v)) {
        qjs_take_exception(ctx);
        return NULL;
    }
    if (!qjs_is_string(v))
        return NULL;
    return qjs_to_cstring(ctx, v, NULL);
}

/* True if obj has proto somewhere on its prototype chain (instanceof
 * without Symbol.hasInstance). */
static bool proto_chain_has(QJSContext *ctx, QJSValue obj, QJSValue proto)
{
    QJSRef *cur = qjs_ref_new(ctx, obj);
    bool found = false;
    for (int guard = 0; cur && guard < 10000; guard++) {
        QJSValue p = qjs_get_prototype(ctx, qjs_ref_get(cur));
        if (qjs_is_exception(p)) {
            qjs_take_exception(ctx);
            break;
        }
        if (!qjs_is_object(p))
            break;
        if (p == proto) {
            found = true;
            break;
        }
        qjs_ref_set(cur, p);
    }
    qjs_ref_free(cur);
    return found;
}

/* Node's getConstructorName: the name of the first "constructor" data
 * property on the prototype chain that obj is an instance of. Returns a
 * malloc'ed name, or NULL with *null_proto set for an object whose
 * prototype is null (or when nothing is found). */
static char *constructor_name(QJSContext *ctx, QJSValue obj, bool *null_proto)
{
    *null_proto = false;
    QJSRef *cur = qjs_ref_new(ctx, obj);
    if (!cur)
        return NULL;
    char *name = NULL;
    bool first = true;
    QJSValue key = qjs_new_string(ctx, "constructor", 11);
    QJSRef *key_ref = qjs_ref_new(ctx, key);
    for (int guard = 0; guard < 10000; guard++) {
        QJSPropertyDescriptor d;
        int st = qjs_get_own_prop(ctx, qjs_ref_get(cur), qjs_ref_get(key_ref), &d);
        if (st < 0) {
            qjs_take_exception(ctx);
            break;
        }
        if (st > 0 && !(d.flags & QJS_PROP_ACCESSOR) && qjs_is_function(d.value)) {
            QJSRef *c = qjs_ref_new(ctx, d.value);
            char *n = get_string_prop(ctx, d.value, "name");
            if (n && *n) {
                QJSValue proto = qjs_get_prop_str(ctx, qjs_ref_get(c), "prototype");
                if (qjs_is_exception(proto))
                    qjs_take_exception(ctx);
                if (qjs_is_object(proto) && proto_chain_has(ctx, obj, proto)) {
                    name = n;
                    qjs_ref_free(c);
                    break;
                }
            }
            free(n);
            qjs_ref_free(c);
        }
        QJSValue p = qjs_get_prototype(ctx, qjs_ref_get(cur));
        if (qjs_is_exception(p)) {
            qjs_take_exception(ctx);
            break;
        }
        if (!qjs_is_object(p)) {
            if (first)
                *null_proto = true;
            break;
        }
        first = false;
        qjs_ref_set(cur, p);
    }
    qjs_ref_free(key_ref);
    qjs_ref_free(cur);
    return name;
}

/* Node's getPrefix: "Name(size) [tag] ", or "[Fallback(size): null
 * prototype] [tag] " for a null prototype. */
static void put_prefix(Buf *b, const char *ctor, const char *tag, const char *fallback, const char *size)
{
    if (!ctor) {
        buf_printf(b, "[%s%s: null prototype] ", fallback, size);
        if (tag && *tag && strcmp(tag, fallback))
            buf_printf(b, "[%s] ", tag);
        return;
    }
    buf_printf(b, "%s%s ", ctor, size);
    if (tag && *tag && strcmp(tag, ctor))
        buf_printf(b, "[%s] ", tag);
}

/* value[Symbol.toStringTag] when it is a string that is not an own
 * enumerable property (those are printed as keys); NULL otherwise. */
static char *to_string_tag(QJSContext *ctx, QJSValue obj)
{
    QJSRef *o = qjs_ref_new(ctx, obj);
    char *tag = NULL;
    QJSValue sym = qjs_get_prop_str(ctx, qjs_get_global(ctx), "Symbol");
    if (qjs_is_object(sym))
        sym = qjs_get_prop_str(ctx, sym, "toStringTag");
    if (qjs_is_exception(sym)) {
        qjs_take_exception(ctx);
    } else if (qjs_is_symbol(sym)) {
        QJSRef *s = qjs_ref_new(ctx, sym);
        QJSValue t = qjs_get_prop(ctx, qjs_ref_get(o), sym);
        if (qjs_is_exception(t)) {
            qjs_take_exception(ctx);
        } else if (qjs_is_string(t)) {
            QJSPropertyDescriptor d;
            QJSRef *tr = qjs_ref_new(ctx, t);
            int st = qjs_get_own_prop(ctx, qjs_ref_get(o), qjs_ref_get(s), &d);
            if (st < 0)
                qjs_take_exception(ctx);
            if (st == 0 || (st > 0 && !(d.flags & QJS_PROP_ENUMERABLE)))
                tag = qjs_to_cstring(ctx, qjs_ref_get(tr), NULL);
            qjs_ref_free(tr);
        }
        qjs_ref_free(s);
    }
    qjs_ref_free(o);
    return tag;
}

/* Calls a small JS helper (runtime-lib/js/inspect_helper.js; kind: 0
 * Map entries as a flat [k, v, ...] array, 1 Set values, 2 Date ISO
 * string or "Invalid Date", 3 RegExp text). Uses the intrinsic methods
 * of the realm's constructors. The function is made once per realm. */
static QJSValue call_helper(QJSContext *ctx, int kind, QJSValue v)
{
    QJSRef *keep = qjs_ref_new(ctx, v);
    QJSValue fn = js_rt_slot_get(ctx, RT_SLOT_INSPECT);
    if (qjs_is_undefined(fn)) {
        fn = JS_RT_LIBRARY_JS(ctx, inspect_helper);
        if (!qjs_is_exception(fn) && js_rt_slot_set(ctx, RT_SLOT_INSPECT, fn) < 0)
            fn = qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    QJSValue r = fn;
    if (!qjs_is_exception(fn)) {
        QJSValue args[2] = { qjs_number(kind), qjs_ref_get(keep) };
        r = qjs_call(ctx, fn, qjs_undefined(), 2, args);
    }
    qjs_ref_free(keep);
    return r;
}

/* The string of an Error: its stack, with a "Name: message" first line
 * when the stack has only frames; "[Name: message]" without a stack.
 * Lines after the first are indented to the current level. */
static char *format_error(Inspector *in, QJSValue err)
{
    QJSContext *ctx = in->ctx;
    QJSRef *e = qjs_ref_new(ctx, err);
    char *name = get_string_prop(ctx, qjs_ref_get(e), "name");
    char *msg = get_string_prop(ctx, qjs_ref_get(e), "message");
    char *stack = get_string_prop(ctx, qjs_ref_get(e), "stack");
    qjs_ref_free(e);
    Buf head = { 0 };
    buf_puts(&head, name ? name : "Error");
    if (msg && *msg) {
        buf_puts(&head, ": ");
        buf_puts(&head, msg);
    }
    Buf b = { 0 };
    if (!stack) {
        buf_putc(&b, '[');
        buf_puts(&b, head.p ? head.p : "");
        buf_putc(&b, ']');
    } else {
        size_t n = strlen(stack);
        while (n > 0 && stack[n - 1] == '\n')
            stack[--n] = '\0';
        const char *s = stack;
        while (*s == ' ')
            s++;
        if (n == 0 || !strncmp(s, "at ", 3)) {
            buf_puts(&b, head.p ? head.p : "");
            if (n)
                buf_putc(&b, '\n');
        }
        for (const char *p = stack; *p; p++) {
            buf_putc(&b, *p);
            if (*p == '\n')
                buf_spaces(&b, in->indentation);
        }
    }
    free(head.p);
    free(name);
    free(msg);
    free(stack);
    return buf_finish(&b);
}

/* Node's groupArrayElements: lays out many short entries in columns.
 * numeric: every element is a number or bigint (right-aligned). */
static void group_array_elements(Inspector *in, StrList *out, bool has_more, bool numeric)
{
    size_t total = 0, max_len = 0, n = out->n;
    if (has_more)
        n--;
    size_t *lens = malloc((n ? n : 1) * sizeof *lens);
    if (!lens)
        return;
    for (size_t i = 0; i < n; i++) {
        lens[i] = u16len(out->v[i]);
        total += lens[i] + 2;
        if (lens[i] > max_len)
            max_len = lens[i];
    }
    size_t actual_max = max_len + 2;
    if (actual_max * 3 + in->indentation < BREAK_LENGTH &&
        ((double)total / actual_max > 5 || max_len <= 6)) {
        /* every quantity here is positive, so (size_t) is floor and
         * (size_t)(x + 0.5) is round (no libm: engine/src/fmath/fmath.h) */
        double bias = js_sqrt(actual_max - (double)total / out->n);
        double biased_max = actual_max - 3 - bias > 1 ? actual_max - 3 - bias : 1;
        size_t cols = (size_t)(js_sqrt(2.5 * biased_max * n) / biased_max + 0.5);
        size_t c2 = (BREAK_LENGTH - in->indentation) / actual_max;
        if (cols > c2)
            cols = c2;
        if (cols > COMPACT * 4)
            cols = COMPACT * 4;
        if (cols > 15)
            cols = 15;
        if (cols > 1) {
            size_t *line_max = calloc(cols, sizeof *line_max);
            StrList grouped = { 0 };
            if (!line_max) {
                free(lens);
                return;
            }
            for (size_t i = 0; i < cols; i++) {
                size_t w = 0;
                for (size_t j = i; j < n; j += cols)
                    if (lens[j] > w)
                        w = lens[j];
                line_max[i] = w + 2;
            }
            for (size_t i = 0; i < n; i += cols) {
                size_t end = i + cols < n ? i + cols : n;
                Buf line = { 0 };
                for (size_t j = i; j < end; j++) {
                    bool last = j == end - 1;
                    size_t width = last ? line_max[j - i] - 2 : line_max[j - i];
                    size_t len = lens[j] + (last ? 0 : 2);
                    size_t pad = width > len ? width - len : 0;
                    if (numeric)
                        buf_spaces(&line, (int)pad);
                    buf_puts(&line, out->v[j]);
                    if (!last)
                        buf_puts(&line, ", ");
                    if (!numeric && !last)
                        buf_spaces(&line, (int)pad);
                }
                list_push(&grouped, buf_finish(&line));
            }
            if (has_more)
                list_push(&grouped, xstrdup(out->v[out->n - 1]));
            free(line_max);
            if (!grouped.oom) {
                list_free(out);
                *out = grouped;
            } else {
                list_free(&grouped);
            }
        }
    }
    free(lens);
}

/* Node's reduceToSingleString: one line if the entries fit in the break
 * length (and the object nests at most `compact` levels), else one entry
 * per line. Consumes out. */
static char *reduce_to_single_string(Inspector *in, StrList *out, const char *base,
                                     const char *open, const char *close,
                                     bool is_array, int level, bool has_more, bool numeric)
{
    size_t entries = out->n;
    if (is_array && entries > 6)
        group_array_elements(in, out, has_more, numeric);
    Buf b = { 0 };
    if (in->current_depth - level < COMPACT && entries == out->n) {
        size_t start = out->n + in->indentation + strlen(open) + strlen(base) + 10;
        size_t total = out->n + start;
        bool fits = total + out->n <= BREAK_LENGTH;
        bool newline = false;
        for (size_t i = 0; fits && i < out->n; i++) {
            total += u16len(out->v[i]);
            if (total > BREAK_LENGTH)
                fits = false;
            if (strchr(out->v[i], '\n'))
                newline = true;
        }
        if (fits && strchr(base, '\n'))
            fits = false;
        if (fits && !newline) {
            if (*base) {
                buf_puts(&b, base);
                buf_putc(&b, ' ');
            }
            buf_puts(&b, open);
            buf_putc(&b, ' ');
            for (size_t i = 0; i < out->n; i++) {
                if (i)
                    buf_puts(&b, ", ");
                buf_puts(&b, out->v[i]);
            }
            buf_putc(&b, ' ');
            buf_puts(&b, close);
            list_free(out);
            return buf_finish(&b);
        }
    }
    if (*base) {
        buf_puts(&b, base);
        buf_putc(&b, ' ');
    }
    buf_puts(&b, open);
    for (size_t i = 0; i < out->n; i++) {
        buf_putc(&b, '\n');
        buf_spaces(&b, in->indentation + 2);
        buf_puts(&b, out->v[i]);
        if (i + 1 < out->n)
            buf_putc(&b, ',');
    }
    buf_putc(&b, '\n');
    buf_spaces(&b, in->indentation);
    buf_puts(&b, close);
    list_free(out);
    return buf_finish(&b);
}

/* formatProperty: "key: value" (or just the value for array elements),
 * from the property's descriptor (getters are not called). Returns NULL
 * with an exception pending, or the string. *absent is set when the
 * property does not exist (an array hole). */
static char *format_property(Inspector *in, QJSValue obj, QJSValue key, int level, bool array_elem, bool *absent)
{
    QJSContext *ctx = in->ctx;
    QJSPropertyDescriptor d;
    QJSRef *kref = qjs_ref_new(ctx, key);
    int st = qjs_get_own_prop(ctx, obj, key, &d);
    if (absent)
        *absent = st == 0;
    if (st <= 0) {
        qjs_ref_free(kref);
        return st < 0 ? NULL : xstrdup("undefined");
    }
    char *val;
    if (d.flags & QJS_PROP_ACCESSOR) {
        bool g = !qjs_is_undefined(d.getter), s = !qjs_is_undefined(d.setter);
        val = xstrdup(g && s ? "[Getter/Setter]" : g ? "[Getter]" : s ? "[Setter]" : "undefined");
    } else {
        QJSRef *vref = qjs_ref_new(ctx, d.value);
        in->indentation += 2;
        val = format_value(in, d.value, level, true);
        in->indentation -= 2;
        qjs_ref_free(vref);
    }
    if (!val || array_elem) {
        qjs_ref_free(kref);
        return val;
    }
    Buf b = { 0 };
    key = qjs_ref_get(kref);
    if (qjs_is_symbol(key)) {
        char *s = qjs_to_display_cstring(ctx, key, NULL);
        buf_putc(&b, '[');
        buf_puts(&b, s ? s : "Symbol()");
        buf_putc(&b, ']');
        free(s);
    } else {
        size_t len;
        char *s = qjs_to_cstring(ctx, key, &len);
        if (s && is_ident(s))
            buf_puts(&b, s);
        else if (s)
            put_quoted(&b, s, len);
        free(s);
    }
    buf_puts(&b, ": ");
    buf_puts(&b, val);
    free(val);
    qjs_ref_free(kref);
    return buf_finish(&b);
}

/* Entries of an array-like (array, typed array, arguments): holes as
 * "<N empty items>", at most MAX_ARRAY_LENGTH entries then "... N more
 * items". *numeric tells whether every shown element is a number. */
static int format_array_entries(Inspector *in, QJSValue obj, double length, int level,
                                StrList *out, bool *has_more, bool *numeric)
{
    QJSContext *ctx = in->ctx;
    *numeric = true;
    *has_more = false;
    double i = 0;
    while (i < length && out->n < MAX_ARRAY_LENGTH) {
        QJSValue key = qjs_number(i);
        bool absent = false;
        char *s = format_property(in, obj, key, level, true, &absent);
        if (!s && !absent)
            return -1;
        if (absent) {
            free(s);
            double start = i;
            while (i < length) {
                int st = qjs_get_own_prop(ctx, obj, qjs_number(i), NULL);
                if (st < 0)
                    return -1;
                if (st > 0)
                    break;
                i++;
            }
            double holes = i - start;
            Buf b = { 0 };
            buf_printf(&b, "<%.0f empty item%s>", holes, holes > 1 ? "s" : "");
            list_push(out, buf_finish(&b));
            *numeric = false;
            continue;
        }
        QJSValue v = qjs_get_index(ctx, obj, (uint32_t)i);
        if (qjs_is_exception(v))
            qjs_take_exception(ctx);
        else if (!qjs_is_number(v) && !qjs_is_bigint(v))
            *numeric = false;
        list_push(out, s);
        i++;
    }
    if (i < length) {
        double rest = length - i;
        Buf b = { 0 };
        buf_printf(&b, "... %.0f more item%s", rest, rest > 1 ? "s" : "");
        list_push(out, buf_finish(&b));
        *has_more = true;
    }
    return out->oom ? -1 : 0;
}

/* The base text of a function: [Function: f], [class A extends B], ... */
static char *function_base(Inspector *in, QJSValue fn, const char *ctor)
{
    QJSContext *ctx = in->ctx;
    QJSRef *f = qjs_ref_new(ctx, fn);
    int kind = qjs_get_function_kind(ctx, fn);
    char *name = get_string_prop(ctx, qjs_ref_get(f), "name");
    Buf b = { 0 };
    if (kind == QJS_FUNC_CLASS) {
        buf_puts(&b, "[class ");
        buf_puts(&b, name && *name ? name : "(anonymous)");
        QJSValue super = qjs_get_prototype(ctx, qjs_ref_get(f));
        if (qjs_is_exception(super)) {
            qjs_take_exception(ctx);
        } else if (qjs_is_function(super)) {
            char *sn = get_string_prop(ctx, super, "name");
            if (sn && *sn) {
                buf_puts(&b, " extends ");
                buf_puts(&b, sn);
            }
            free(sn);
        }
        buf_putc(&b, ']');
    } else {
        const char *type = kind == QJS_FUNC_GENERATOR ? "GeneratorFunction" :
                           kind == QJS_FUNC_ASYNC ? "AsyncFunction" :
                           kind == QJS_FUNC_ASYNC_GENERATOR ? "AsyncGeneratorFunction" : "Function";
        buf_putc(&b, '[');
        buf_puts(&b, type);
        if (!ctor)
            buf_puts(&b, " (null prototype)");
        if (name && *name) {
            buf_puts(&b, ": ");
            buf_puts(&b, name);
        } else {
            buf_puts(&b, " (anonymous)");
        }
        buf_putc(&b, ']');
        if (ctor && strcmp(ctor, type) && strcmp(ctor, "Function")) {
            buf_puts(&b, " ");
            buf_puts(&b, ctor);
        }
    }
    free(name);
    qjs_ref_free(f);
    return buf_finish(&b);
}

static bool is_typed_array_class(const char *cls)
{
    size_t n = strlen(cls);
    return n > 5 && !strcmp(cls + n - 5, "Array") && strcmp(cls, "Array");
}

/* formatRaw for objects. */
static char *format_object(Inspector *in, QJSValue obj, int level)
{
    QJSContext *ctx = in->ctx;
    /* a circular reference? */
    for (size_t i = 0; i < in->seen_len; i++) {
        if (in->seen[i] == obj) {
            int idx = circular_index(in, obj, true);
            Buf b = { 0 };
            buf_printf(&b, "[Circular *%d]", idx);
            return buf_finish(&b);
        }
    }
    QJSRef *oref = qjs_ref_new(ctx, obj);
    const char *cls = qjs_get_class_name(obj);
    bool null_proto;
    char *ctor = constructor_name(ctx, obj, &null_proto);
    char *tag = to_string_tag(ctx, obj);
    bool is_fn = qjs_is_function(obj);
    bool is_arr = !is_fn && qjs_is_array(ctx, obj) && strcmp(cls, "Proxy");
    bool is_ta = is_typed_array_class(cls) && !is_arr;
    bool is_args = !strcmp(cls, "Arguments");
    bool is_boxed_string = !strcmp(cls, "String");
    bool skip_index_keys = is_arr || is_ta || is_args || is_boxed_string;
    char *result = NULL;
    Buf base = { 0 }, open = { 0 };
    const char *close = "}";
    StrList out = { 0 };
    bool array_type = false, has_more = false, numeric = false;
    bool early = false;         /* base alone when there are no keys */
    QJSRef *keys_ref = NULL;

    /* own enumerable keys (string keys minus indices, then symbols) */
    QJSValue keys = qjs_get_own_prop_keys(ctx, obj, QJS_KEYS_STRINGS | QJS_KEYS_SYMBOLS | QJS_KEYS_ENUMERABLE_ONLY);
    if (qjs_is_exception(keys))
        goto fail;
    keys_ref = qjs_ref_new(ctx, keys);
    QJSValue klen = qjs_get_prop_str(ctx, keys, "length");
    uint32_t nkeys_all = qjs_is_number(klen) ? (uint32_t)qjs_get_number(klen) : 0;
    uint32_t nkeys = 0;
    if (skip_index_keys) {
        for (uint32_t i = 0; i < nkeys_all; i++) {
            QJSValue k = qjs_get_index(ctx, qjs_ref_get(keys_ref), i);
            if (qjs_is_string(k)) {
                char *s = qjs_to_cstring(ctx, k, NULL);
                bool idx = s && is_index_key(s);
                free(s);
                if (idx)
                    continue;
            }
            if (qjs_set_index(ctx, qjs_ref_get(keys_ref), nkeys++, k) < 0)
                goto fail;
        }
    } else {
        nkeys = nkeys_all;
    }

    double length = 0;
    int depth_kind = 0;     /* what [Name] says past the depth */
    const char *fallback = "Object";
    if (is_arr || is_ta || is_args) {
        QJSValue l = qjs_get_prop_str(ctx, obj, "length");
        if (qjs_is_exception(l))
            goto fail;
        if (qjs_to_number(ctx, &length, l) < 0)
            goto fail;
        array_type = true;
        if (is_args) {
            buf_puts(&open, "[Arguments] [");
        } else {
            fallback = is_arr ? "Array" : cls;
            char size[32];
            snprintf(size, sizeof size, "(%.0f)", length);
            if (is_ta || !ctor || strcmp(ctor, "Array") || (tag && *tag))
                put_prefix(&open, ctor, tag, fallback, is_ta ? size : (ctor && !strcmp(ctor, "Array") ? "" : size));
            buf_putc(&open, '[');
        }
        close = "]";
        if (length == 0 && nkeys == 0) {
            buf_puts(&open, "]");
            result = buf_finish(&open);
            open.p = NULL;
            goto done;
        }
        depth_kind = 1;
    } else if (is_fn) {
        char *fb = function_base(in, obj, ctor);
        buf_puts(&base, fb ? fb : "[Function]");
        free(fb);
        buf_putc(&open, '{');
        early = true;
    } else if (!strcmp(cls, "Error")) {
        char *eb = format_error(in, obj);
        buf_puts(&base, eb ? eb : "Error");
        free(eb);
        buf_putc(&open, '{');
        early = true;
    } else if (!strcmp(cls, "Date") || !strcmp(cls, "RegExp")) {
        QJSValue s = call_helper(ctx, cls[0] == 'D' ? 2 : 3, obj);
        if (qjs_is_exception(s))
            goto fail;
        char *t = qjs_to_cstring(ctx, s, NULL);
        if (!t)
            goto fail;
        if (ctor && strcmp(ctor, cls)) {
            put_prefix(&base, ctor, tag, cls, "");
        }
        buf_puts(&base, t);
        free(t);
        buf_putc(&open, '{');
        early = true;
    } else if (!strcmp(cls, "Number") || !strcmp(cls, "String") || !strcmp(cls, "Boolean") ||
               !strcmp(cls, "Symbol") || !strcmp(cls, "BigInt")) {
        QJSValue prim = qjs_get_primitive_value(obj);
        char *p = format_value(in, prim, level, true);
        if (!p)
            goto fail;
        buf_printf(&base, "[%s", cls);
        if (ctor && strcmp(ctor, cls))
            buf_printf(&base, " (%s)", ctor);
        buf_printf(&base, ": %s]", p);
        free(p);
        buf_putc(&open, '{');
        early = true;
    } else if (!strcmp(cls, "Map") || !strcmp(cls, "Set")) {
        bool is_map = cls[0] == 'M';
        QJSValue items = call_helper(ctx, is_map ? 0 : 1, obj);
        if (qjs_is_exception(items))
            goto fail;
        QJSRef *items_ref = qjs_ref_new(ctx, items);
        QJSValue il = qjs_get_prop_str(ctx, items, "length");
        uint32_t n = qjs_is_number(il) ? (uint32_t)qjs_get_number(il) : 0;
        uint32_t size = is_map ? n / 2 : n;
        char sz[32];
        snprintf(sz, sizeof sz, "(%u)", size);
        put_prefix(&open, ctor, tag, cls, sz);
        buf_putc(&open, '{');
        if (size == 0 && nkeys == 0) {
            qjs_ref_free(items_ref);
            buf_putc(&open, '}');
            result = buf_finish(&open);
            open.p = NULL;
            goto done;
        }
        if (level > in->depth) {
            qjs_ref_free(items_ref);
            depth_kind = 2;
            goto past_depth;
        }
        /* the entries are formatted after the depth check, below */
        qjs_ref_free(items_ref);
        depth_kind = is_map ? 3 : 4;
    } else if (!strcmp(cls, "WeakMap") || !strcmp(cls, "WeakSet")) {
        put_prefix(&open, ctor, tag, cls, "");
        buf_putc(&open, '{');
        list_push(&out, xstrdup("<items unknown>"));
    } else if (!strcmp(cls, "Promise")) {
        put_prefix(&open, ctor, tag, "Promise", "");
        buf_putc(&open, '{');
        depth_kind = 5;
    } else if (!strcmp(cls, "ArrayBuffer") || !strcmp(cls, "SharedArrayBuffer")) {
        put_prefix(&open, ctor, tag, cls, "");
        buf_putc(&open, '{');
        size_t n;
        uint8_t *p = qjs_get_bytes(ctx, obj, &n);
        if (!p && qjs_has_exception(ctx))
            goto fail;
        Buf c = { 0 };
        buf_puts(&c, "[Uint8Contents]: <");
        for (size_t i = 0; i < n && i < 50; i++)
            buf_printf(&c, i ? " %02x" : "%02x", p[i]);
        if (n > 50)
            buf_printf(&c, " ... %zu more byte%s", n - 50, n - 50 > 1 ? "s" : "");
        buf_putc(&c, '>');
        list_push(&out, buf_finish(&c));
        Buf l = { 0 };
        buf_printf(&l, "byteLength: %zu", n);
        list_push(&out, buf_finish(&l));
    } else {
        if (ctor && !strcmp(ctor, "Object")) {
            if (tag && *tag)
                put_prefix(&open, ctor, tag, "Object", "");
        } else {
            put_prefix(&open, ctor, tag, "Object", "");
        }
        buf_putc(&open, '{');
        if (nkeys == 0) {
            buf_putc(&open, '}');
            result = buf_finish(&open);
            open.p = NULL;
            goto done;
        }
    }
    if (early && nkeys == 0) {
        result = buf_finish(&base);
        base.p = NULL;
        goto done;
    }

    if (level > in->depth) {
past_depth:
        {
            Buf b = { 0 };
            Buf pre = { 0 };
            put_prefix(&pre, ctor, tag, depth_kind == 1 ? fallback : depth_kind >= 2 && depth_kind <= 4 ? cls : "Object", "");
            if (pre.p && pre.len > 0)
                pre.p[--pre.len] = '\0';    /* drop the trailing space */
            if (ctor) {
                buf_putc(&b, '[');
                buf_puts(&b, pre.p ? pre.p : "");
                buf_putc(&b, ']');
            } else {
                buf_puts(&b, pre.p ? pre.p : "");
            }
            free(pre.p);
            result = buf_finish(&b);
            goto done;
        }
    }

    /* expand: push on the seen stack */
    if (in->seen_len == in->seen_cap) {
        size_t ncap = in->seen_cap ? in->seen_cap * 2 : 8;
        QJSValue *ns = realloc(in->seen, ncap * sizeof *ns);
        if (!ns)
            goto oom;
        in->seen = ns;
        in->seen_cap = ncap;
    }
    in->seen[in->seen_len++] = obj;
    level++;
    in->current_depth = level;
    int st = 0;
    if (array_type) {
        st = format_array_entries(in, qjs_ref_get(oref), length, level, &out, &has_more, &numeric);
    } else if (depth_kind == 3 || depth_kind == 4) {
        QJSValue items = call_helper(ctx, depth_kind == 3 ? 0 : 1, qjs_ref_get(oref));
        if (qjs_is_exception(items)) {
            st = -1;
        } else {
            QJSRef *items_ref = qjs_ref_new(ctx, items);
            QJSValue il = qjs_get_prop_str(ctx, items, "length");
            uint32_t n = qjs_is_number(il) ? (uint32_t)qjs_get_number(il) : 0;
            in->indentation += 2;
            for (uint32_t i = 0; i < n && st == 0; i += depth_kind == 3 ? 2 : 1) {
                char *k = format_value(in, qjs_get_index(ctx, qjs_ref_get(items_ref), i), level, true);
                if (!k) {
                    st = -1;
                    break;
                }
                if (depth_kind == 4) {
                    list_push(&out, k);
                    continue;
                }
                char *v = format_value(in, qjs_get_index(ctx, qjs_ref_get(items_ref), i + 1), level, true);
                if (!v) {
                    free(k);
                    st = -1;
                    break;
                }
                Buf e = { 0 };
                buf_puts(&e, k);
                buf_puts(&e, " => ");
                buf_puts(&e, v);
                free(k);
                free(v);
                list_push(&out, buf_finish(&e));
            }
            in->indentation -= 2;
            qjs_ref_free(items_ref);
        }
    } else if (depth_kind == 5) {
        QJSValue res;
        int ps = qjs_get_promise_state(qjs_ref_get(oref), &res);
        if (ps == 0) {
            list_push(&out, xstrdup("<pending>"));
        } else {
            in->indentation += 2;
            char *v = format_value(in, res, level, true);
            in->indentation -= 2;
            if (!v) {
                st = -1;
            } else if (ps == 2) {
                Buf e = { 0 };
                buf_puts(&e, "<rejected> ");
                buf_puts(&e, v);
                free(v);
                list_push(&out, buf_finish(&e));
            } else {
                list_push(&out, v);
            }
        }
    }
    for (uint32_t i = 0; st == 0 && i < nkeys; i++) {
        QJSValue k = qjs_get_index(ctx, qjs_ref_get(keys_ref), i);
        char *s = format_property(in, qjs_ref_get(oref), k, level, false, NULL);
        if (!s) {
            st = -1;
            break;
        }
        list_push(&out, s);
    }
    in->seen_len--;
    if (st < 0)
        goto fail;
    if (out.oom)
        goto oom;
    {
        int idx = circular_index(in, qjs_ref_get(oref), false);
        if (idx) {
            Buf r = { 0 };
            buf_printf(&r, "<ref *%d>", idx);
            if (base.len) {
                buf_putc(&r, ' ');
                buf_puts(&r, base.p);
            }
            free(base.p);
            base = r;
        }
    }
    result = reduce_to_single_string(in, &out, base.p ? base.p : "", open.p ? open.p : "{",
                                     close, array_type, level, has_more, numeric);
    goto done;
oom:
    qjs_throw_error(ctx, "InternalError", "out of memory");
fail:
    result = NULL;
done:
    list_free(&out);
    free(base.p);
    free(open.p);
    free(ctor);
    free(tag);
    qjs_ref_free(keys_ref);
    qjs_ref_free(oref);
    return result;
}

/* formatValue: nested_string quotes strings (everything but a top-level
 * console.log argument). */
static char *format_value(Inspector *in, QJSValue v, int level, bool nested_string)
{
    QJSContext *ctx = in->ctx;
    if (qjs_is_string(v)) {
        size_t len;
        char *s = qjs_to_cstring(ctx, v, &len);
        if (!s || !nested_string)
            return s;
        Buf b = { 0 };
        size_t n16 = u16len(s);
        int avail = BREAK_LENGTH - in->indentation - 4;
        if (n16 > 16 && (int)n16 > avail && memchr(s, '\n', len) && memchr(s, '\n', len) != s + len - 1) {
            /* Node splits long multi-line strings after each newline */
            size_t start = 0;
            for (size_t i = 0; i < len; i++) {
                if (s[i] == '\n' || i == len - 1) {
                    if (start)
                        buf_printf(&b, " +\n%*s", in->indentation + 2, "");
                    put_quoted(&b, s + start, i + 1 - start);
                    start = i + 1;
                }
            }
        } else {
            put_quoted(&b, s, len);
        }
        free(s);
        return buf_finish(&b);
    }
    if (qjs_is_number(v))
        return number_text(ctx, v);
    if (qjs_is_bigint(v)) {
        size_t len;
        char *s = qjs_to_cstring(ctx, v, &len);
        if (!s)
            return NULL;
        char *r = malloc(len + 2);
        if (r) {
            memcpy(r, s, len);
            r[len] = 'n';
            r[len + 1] = '\0';
        }
        free(s);
        return r;
    }
    if (qjs_is_symbol(v))
        return qjs_to_display_cstring(ctx, v, NULL);
    if (qjs_is_undefined(v))
        return xstrdup("undefined");
    if (qjs_is_null(v))
        return xstrdup("null");
    if (qjs_is_bool(v))
        return xstrdup(qjs_get_bool(v) ? "true" : "false");
    if (qjs_is_object(v))
        return format_object(in, v, level);
    return qjs_to_display_cstring(ctx, v, NULL);
}

static char *inspect_depth(QJSContext *ctx, QJSValue v, int depth, bool nested_string)
{
    Inspector in = { .ctx = ctx, .depth = depth };
    QJSRef *keep = qjs_ref_new(ctx, v);
    char *s = format_value(&in, v, 0, nested_string);
    inspector_free(&in);
    qjs_ref_free(keep);
    return s;
}

char *qjs_inspect(QJSContext *ctx, QJSValue v)
{
    return inspect_depth(ctx, v, 2, true);
}

/* ---- console.log formatting ---- */

/* JSON.stringify(v) for %j ("[Circular]" when it throws a TypeError). */
static char *json_text(QJSContext *ctx, QJSValue v)
{
    QJSValue json = qjs_get_prop_str(ctx, qjs_get_global(ctx), "JSON");
    if (qjs_is_exception(json))
        return NULL;
    QJSValue fn = qjs_get_prop_str(ctx, json, "stringify");
    if (qjs_is_exception(fn))
        return NULL;
    QJSValue r = qjs_call(ctx, fn, json, 1, &v);
    if (qjs_is_exception(r)) {
        qjs_take_exception(ctx);
        return xstrdup("[Circular]");
    }
    if (qjs_is_undefined(r))
        return xstrdup("undefined");
    return qjs_to_cstring(ctx, r, NULL);
}

/* Number(v), parseInt(v) or parseFloat(v) for %d / %i / %f. */
static char *numeric_text(QJSContext *ctx, QJSValue v, char spec)
{
    if (qjs_is_bigint(v)) {
        Inspector in = { .ctx = ctx };
        return format_value(&in, v, 0, true);
    }
    if (qjs_is_symbol(v))
        return xstrdup("NaN");
    QJSValue n;
    if (spec == 'd') {
        if (qjs_is_object(v))
            return xstrdup("NaN");      /* Node: Number(obj) of plain objects */
        double d;
        if (qjs_to_number(ctx, &d, v) < 0)
            return NULL;
        n = qjs_number(d);
    } else {
        QJSValue fn = qjs_get_prop_str(ctx, qjs_get_global(ctx), spec == 'i' ? "parseInt" : "parseFloat");
        if (qjs_is_exception(fn))
            return NULL;
        n = qjs_call(ctx, fn, qjs_undefined(), 1, &v);
        if (qjs_is_exception(n))
            return NULL;
    }
    return number_text(ctx, n);
}

char *qjs_format_log_args(QJSContext *ctx, int argc, QJSValue *argv)
{
    Buf b = { 0 };
    int next = 0;
    if (argc > 0 && qjs_is_string(argv[0])) {
        size_t len;
        char *fmt = qjs_to_cstring(ctx, argv[0], &len);
        if (!fmt)
            return NULL;
        next = 1;
        size_t last = 0;
        for (size_t i = 0; i + 1 < len; i++) {
            if (fmt[i] != '%')
                continue;
            char c = fmt[i + 1];
            char *piece = NULL;
            bool consumed = true;
            if (c == '%') {
                buf_put(&b, fmt + last, i - last);
                buf_putc(&b, '%');
                last = i + 2;
                i++;
                continue;
            }
            if (!strchr("sdifjoOc", c) || next >= argc)
                continue;
            QJSValue a = argv[next];
            switch (c) {
            case 's':
                if (qjs_is_string(a))
                    piece = qjs_to_cstring(ctx, a, NULL);
                else if (qjs_is_number(a) || qjs_is_bigint(a) || qjs_is_symbol(a))
                    piece = inspect_depth(ctx, a, 0, true);
                else if (qjs_is_object(a))
                    piece = inspect_depth(ctx, a, 0, true);
                else
                    piece = qjs_to_cstring(ctx, a, NULL);
                break;
            case 'd': case 'i': case 'f':
                piece = numeric_text(ctx, a, c);
                break;
            case 'j':
                piece = json_text(ctx, a);
                break;
            case 'o':
                piece = inspect_depth(ctx, a, 4, true);
                break;
            case 'O':
                piece = inspect_depth(ctx, a, 2, true);
                break;
            case 'c':
                piece = xstrdup("");
                break;
            }
            if (!piece) {
                free(fmt);
                free(b.p);
                return NULL;
            }
            buf_put(&b, fmt + last, i - last);
            buf_puts(&b, piece);
            free(piece);
            last = i + 2;
            i++;
            if (consumed)
                next++;
        }
        buf_put(&b, fmt + last, len - last);
        free(fmt);
    }
    for (int i = next; i < argc; i++) {
        if (i > 0)
            buf_putc(&b, ' ');
        char *s = inspect_depth(ctx, argv[i], 2, false);
        if (!s) {
            free(b.p);
            return NULL;
        }
        buf_puts(&b, s);
        free(s);
    }
    return buf_finish(&b);
}

/* ---- console and print ---- */

enum { OUT_STDOUT, OUT_STDERR };

static QJSValue write_line(QJSContext *ctx, int where, const char *prefix, int argc, QJSValue *argv)
{
    char *s = qjs_format_log_args(ctx, argc, argv);
    if (!s)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    FILE *f = where == OUT_STDERR ? stderr : stdout;
    if (where == OUT_STDERR)
        fflush(stdout);
    if (prefix)
        fputs(prefix, f);
    fputs(s, f);
    fputc('\n', f);
    if (where == OUT_STDERR)
        fflush(stderr);
    free(s);
    return qjs_undefined();
}

static QJSValue js_console_log(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return write_line(ctx, OUT_STDOUT, NULL, argc, argv);
}

static QJSValue js_console_error(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return write_line(ctx, OUT_STDERR, NULL, argc, argv);
}

static QJSValue js_console_trace(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return write_line(ctx, OUT_STDERR, "Trace: ", argc, argv);
}

/* console.dir(obj): inspect of the first argument only. */
static QJSValue js_console_dir(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *s = qjs_inspect(ctx, argc > 0 ? argv[0] : qjs_undefined());
    if (!s)
        return qjs_throw(ctx, qjs_take_exception(ctx));
    puts(s);
    free(s);
    return qjs_undefined();
}

/* console.assert(cond, ...msg): prints "Assertion failed" on stderr when
 * cond is falsy. */
static QJSValue js_console_assert(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    QJSValue c = argc > 0 ? argv[0] : qjs_undefined();
    bool truthy;
    if (qjs_is_bool(c))
        truthy = qjs_get_bool(c);
    else if (qjs_is_undefined(c) || qjs_is_null(c))
        truthy = false;
    else if (qjs_is_number(c))
        truthy = qjs_get_number(c) != 0 && !isnan(qjs_get_number(c));
    else if (qjs_is_string(c)) {
        size_t len;
        char *s = qjs_to_cstring(ctx, c, &len);
        truthy = s && len > 0;
        free(s);
    } else
        truthy = true;
    if (truthy)
        return qjs_undefined();
    if (argc <= 1)
        return write_line(ctx, OUT_STDERR, "Assertion failed", 0, NULL);
    return write_line(ctx, OUT_STDERR, "Assertion failed: ", argc - 1, argv + 1);
}

/* print(...): ToString of each argument, space separated, newline. */
static QJSValue js_print(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    for (int i = 0; i < argc; i++) {
        size_t len;
        char *s = qjs_to_cstring(ctx, argv[i], &len);
        if (!s)
            return qjs_throw(ctx, qjs_take_exception(ctx));
        if (i)
            fputc(' ', stdout);
        fwrite(s, 1, len, stdout);
        qjs_free_cstring(s);
    }
    fputc('\n', stdout);
    return qjs_undefined();
}

int qjs_runtime_add_console(QJSContext *ctx)
{
    static const struct { const char *name; QJSNativeFunction *fn; } methods[] = {
        { "log", js_console_log }, { "info", js_console_log }, { "debug", js_console_log },
        { "warn", js_console_error }, { "error", js_console_error },
        { "trace", js_console_trace }, { "dir", js_console_dir },
        { "assert", js_console_assert },
    };
    QJSValue global = qjs_get_global(ctx);
    if (qjs_define_prop_str(ctx, global, "print", qjs_new_function(ctx, js_print, "print", 0)) < 0)
        return -1;
    QJSValue console = qjs_new_object(ctx);
    if (qjs_is_exception(console))
        return -1;
    QJSRef *ref = qjs_ref_new(ctx, console);
    int st = qjs_define_prop_str(ctx, global, "console", console);
    for (size_t i = 0; st == 0 && i < sizeof methods / sizeof methods[0]; i++)
        st = qjs_define_prop_str(ctx, qjs_ref_get(ref), methods[i].name,
                             qjs_new_function(ctx, methods[i].fn, methods[i].name, 0));
    qjs_ref_free(ref);
    return st;
}
