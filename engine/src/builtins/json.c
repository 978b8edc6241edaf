/* The JSON object (ECMA-262 25.5): JSON.parse (a direct parser over the
 * flat source string, building values as it goes, then the optional
 * reviver walk with JSON parse records giving the source text),
 * JSON.stringify (one StringBuffer for the whole output, replacer
 * function or property list, indentation, toJSON, cycle detection,
 * well-formed escapes of lone surrogates, raw JSON), JSON.rawJSON and
 * JSON.isRawJSON. */
#include "builtins.h"
#include "object_util.h"
#include "../conv.h"
#include "../dtoa.h"
#include "../shape.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The atom "rawJSON", kept alive by root r (pushed here). JS_ATOM_NULL
 * after throwing out-of-memory. */
static JSAtom raw_json_atom(JSContext *ctx, JSRoot *r)
{
    JSAtom a = js_atom_from_cstr(ctx, "rawJSON");
    if (a != JS_ATOM_NULL)
        js_root_push_atom(ctx, r, a);
    return a;
}

/* ======================== JSON.parse ======================== */

typedef struct JSONParser {
    JSContext *ctx;
    JSRoot *src;            /* the source string (flat, rooted) */
    const uint8_t *l;       /* Latin-1 data, or NULL */
    const uint16_t *w;      /* UTF-16 data, or NULL */
    uint32_t pos, len;
    /* With a reviver: the JSON Parse Record of the value just parsed is
     * left in rec->v: [value, source text] for a primitive, [value,
     * array of element records] for an array, [value, null-prototype
     * object of entry records] for an object. NULL: no records. */
    JSRoot *rec;
} JSONParser;

static inline uint32_t jp_ch(const JSONParser *jp, uint32_t i)
{
    return jp->w ? jp->w[i] : jp->l[i];
}

static inline void jp_skip_ws(JSONParser *jp)
{
    while (jp->pos < jp->len) {
        uint32_t c = jp_ch(jp, jp->pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        jp->pos++;
    }
}

static JSValue jp_error(JSONParser *jp)
{
    if (jp->pos >= jp->len)
        return js_throw_syntax_error(jp->ctx, "JSON.parse: unexpected end of input");
    uint32_t c = jp_ch(jp, jp->pos);
    if (c >= 0x20 && c < 0x7F)
        return js_throw_syntax_error(jp->ctx, "JSON.parse: unexpected character '%c' at position %u",
                                     (int)c, (unsigned)jp->pos);
    return js_throw_syntax_error(jp->ctx, "JSON.parse: unexpected character U+%04X at position %u",
                                 (unsigned)c, (unsigned)jp->pos);
}

static int hexv(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

/* Parses a string starting after its opening quote. Returns the string
 * value; *is_ascii_run tells the caller the contents were the plain
 * source range [*start, *end) of ASCII characters (no escapes). */
static JSValue jp_string(JSONParser *jp, bool *plain, uint32_t *start_out, uint32_t *end_out, bool want_value)
{
    uint32_t start = jp->pos;
    bool ascii = true;
    /* fast scan: no escapes */
    while (jp->pos < jp->len) {
        uint32_t c = jp_ch(jp, jp->pos);
        if (c == '"') {
            uint32_t end = jp->pos++;
            *start_out = start;
            *end_out = end;
            *plain = ascii;
            if (!want_value)
                return JS_UNDEFINED;
            return js_string_substring(jp->ctx, jp->src->v, start, end);
        }
        if (c == '\\')
            break;
        if (c < 0x20)
            return jp_error(jp);
        if (c >= 0x80)
            ascii = false;
        jp->pos++;
    }
    if (jp->pos >= jp->len)
        return jp_error(jp);
    /* slow path with escapes; jp_key re-parses from *start_out for the
       value */
    *plain = false;
    *start_out = start;
    *end_out = jp->pos;
    StringBuffer sb;
    js_sb_init(jp->ctx, &sb, jp->pos - start + 16);
    if (jp->w)
        js_sb_put_utf16(&sb, jp->w + start, jp->pos - start);
    else
        js_sb_put_latin1(&sb, jp->l + start, jp->pos - start);
    for (;;) {
        /* refresh data pointers: the source string does not move */
        if (jp->pos >= jp->len)
            goto bad;
        uint32_t c = jp_ch(jp, jp->pos);
        if (c == '"') {
            jp->pos++;
            break;
        }
        if (c < 0x20)
            goto bad;
        if (c != '\\') {
            uint32_t run = jp->pos;
            while (jp->pos < jp->len) {
                c = jp_ch(jp, jp->pos);
                if (c == '"' || c == '\\' || c < 0x20)
                    break;
                jp->pos++;
            }
            if (jp->w)
                js_sb_put_utf16(&sb, jp->w + run, jp->pos - run);
            else
                js_sb_put_latin1(&sb, jp->l + run, jp->pos - run);
            continue;
        }
        jp->pos++;
        if (jp->pos >= jp->len)
            goto bad;
        c = jp_ch(jp, jp->pos);
        switch (c) {
        case '"': case '\\': case '/': js_sb_putc(&sb, c); break;
        case 'b': js_sb_putc(&sb, '\b'); break;
        case 'f': js_sb_putc(&sb, '\f'); break;
        case 'n': js_sb_putc(&sb, '\n'); break;
        case 'r': js_sb_putc(&sb, '\r'); break;
        case 't': js_sb_putc(&sb, '\t'); break;
        case 'u': {
            uint32_t v = 0;
            for (int i = 1; i <= 4; i++) {
                int h = jp->pos + (uint32_t)i < jp->len ? hexv(jp_ch(jp, jp->pos + (uint32_t)i)) : -1;
                if (h < 0) {
                    jp->pos += (uint32_t)i;
                    goto bad;
                }
                v = (v << 4) | (uint32_t)h;
            }
            jp->pos += 4;
            js_sb_putc(&sb, v);
            break;
        }
        default:
            goto bad;
        }
        jp->pos++;
    }
    if (!want_value) {
        js_sb_free(&sb);
        return JS_UNDEFINED;
    }
    return js_sb_finish(&sb);
bad:
    js_sb_free(&sb);
    return jp_error(jp);
}

static JSValue jp_number(JSONParser *jp)
{
    uint32_t start = jp->pos;
    bool neg = false;
    if (jp_ch(jp, jp->pos) == '-') {
        neg = true;
        jp->pos++;
    }
    if (jp->pos >= jp->len)
        return jp_error(jp);
    uint32_t c = jp_ch(jp, jp->pos);
    uint32_t digits_start = jp->pos;
    double ival = 0;
    if (c == '0') {
        jp->pos++;
    } else if (c >= '1' && c <= '9') {
        while (jp->pos < jp->len && (c = jp_ch(jp, jp->pos)) >= '0' && c <= '9') {
            ival = ival * 10 + (c - '0');
            jp->pos++;
        }
    } else {
        return jp_error(jp);
    }
    bool simple = jp->pos - digits_start <= 15;
    if (jp->pos < jp->len && jp_ch(jp, jp->pos) == '.') {
        simple = false;
        jp->pos++;
        uint32_t f = jp->pos;
        while (jp->pos < jp->len && (c = jp_ch(jp, jp->pos)) >= '0' && c <= '9')
            jp->pos++;
        if (jp->pos == f)
            return jp_error(jp);
    }
    if (jp->pos < jp->len && (jp_ch(jp, jp->pos) | 0x20) == 'e') {
        simple = false;
        jp->pos++;
        if (jp->pos < jp->len && (jp_ch(jp, jp->pos) == '+' || jp_ch(jp, jp->pos) == '-'))
            jp->pos++;
        uint32_t e = jp->pos;
        while (jp->pos < jp->len && (c = jp_ch(jp, jp->pos)) >= '0' && c <= '9')
            jp->pos++;
        if (jp->pos == e)
            return jp_error(jp);
    }
    if (simple)
        return js_number(neg ? -ival : ival);
    uint32_t n = jp->pos - digits_start;
    char buf[64];
    char *s = n < sizeof buf ? buf : malloc(n + 1);
    if (!s)
        return js_throw_out_of_memory(jp->ctx);
    for (uint32_t i = 0; i < n; i++)
        s[i] = (char)jp_ch(jp, digits_start + i);
    s[n] = 0;
    size_t end;
    double d = js_atod(s, n, &end, 0);
    if (s != buf)
        free(s);
    (void)start;
    return js_number(neg ? -d : d);
}

static bool jp_match(JSONParser *jp, const char *word)
{
    uint32_t i = 0;
    for (; word[i]; i++) {
        if (jp->pos + i >= jp->len || jp_ch(jp, jp->pos + i) != (uint8_t)word[i]) {
            jp->pos += i;
            return false;
        }
    }
    jp->pos += i;
    return true;
}

static JSValue jp_value(JSONParser *jp);

/* A two-element record array [a, b]. */
static JSValue new_record(JSContext *ctx, JSValue a, JSValue b)
{
    JSValue v[2] = { a, b };
    return js_new_array_from(ctx, 2, v);
}

/* An atom for the key just parsed: plain ASCII keys are interned straight
 * from the source. The key's string is left in *root so the atom stays
 * alive. JS_ATOM_NULL on error. */
static JSAtom jp_key(JSONParser *jp, JSRoot *root)
{
    bool plain;
    uint32_t s, e;
    JSValue str = jp_string(jp, &plain, &s, &e, false);
    if (js_is_exception(str))
        return JS_ATOM_NULL;
    JSAtom atom;
    if (plain && !jp->w) {
        atom = js_atom_from_utf8(jp->ctx, (const char *)jp->l + s, e - s);
    } else if (plain) {
        char buf[64];
        uint32_t n = e - s;
        if (n < sizeof buf) {
            for (uint32_t i = 0; i < n; i++)
                buf[i] = (char)jp->w[s + i];
            atom = js_atom_from_utf8(jp->ctx, buf, n);
        } else {
            str = js_string_substring(jp->ctx, jp->src->v, s, e);
            if (js_is_exception(str))
                return JS_ATOM_NULL;
            root->v = str;
            atom = js_atom_from_string(jp->ctx, str);
        }
    } else {
        /* re-parse with a value (escapes or non-ASCII) */
        jp->pos = s;
        str = jp_string(jp, &plain, &s, &e, true);
        if (js_is_exception(str))
            return JS_ATOM_NULL;
        root->v = str;
        atom = js_atom_from_string(jp->ctx, str);
    }
    if (atom != JS_ATOM_NULL && !js_atom_is_int(atom)) {
        JSValue v = js_atom_to_value(jp->ctx, atom);
        if (js_is_exception(v))
            return JS_ATOM_NULL;
        root->v = v;
    }
    return atom;
}

static JSValue jp_object(JSONParser *jp)
{
    JSContext *ctx = jp->ctx;
    JSRoot ro, rk, rv, re;
    JSValue obj = js_new_object(ctx);
    if (js_is_exception(obj))
        return obj;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rk, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &re, JS_UNDEFINED);
    if (jp->rec) {
        re.v = js_new_object_proto(ctx, JS_NULL);
        if (js_is_exception(re.v))
            goto fail;
    }
    jp->pos++;  /* '{' */
    jp_skip_ws(jp);
    if (jp->pos < jp->len && jp_ch(jp, jp->pos) == '}') {
        jp->pos++;
        goto done;
    }
    for (;;) {
        jp_skip_ws(jp);
        if (jp->pos >= jp->len || jp_ch(jp, jp->pos) != '"') {
            jp_error(jp);
            goto fail;
        }
        jp->pos++;
        JSAtom key = jp_key(jp, &rk);
        if (key == JS_ATOM_NULL)
            goto fail;
        jp_skip_ws(jp);
        if (jp->pos >= jp->len || jp_ch(jp, jp->pos) != ':') {
            jp_error(jp);
            goto fail;
        }
        jp->pos++;
        JSValue v = jp_value(jp);
        if (js_is_exception(v))
            goto fail;
        rv.v = v;
        if (js_create_data_property(ctx, ro.v, key, v, JS_THROW) < 0)
            goto fail;
        if (jp->rec && js_create_data_property(ctx, re.v, key, jp->rec->v, JS_THROW) < 0)
            goto fail;
        jp_skip_ws(jp);
        if (jp->pos < jp->len && jp_ch(jp, jp->pos) == ',') {
            jp->pos++;
            continue;
        }
        if (jp->pos < jp->len && jp_ch(jp, jp->pos) == '}') {
            jp->pos++;
            break;
        }
        jp_error(jp);
        goto fail;
    }
done:
    if (jp->rec) {
        JSValue r = new_record(ctx, ro.v, re.v);
        if (js_is_exception(r))
            goto fail;
        jp->rec->v = r;
    }
    js_root_pop(ctx, &ro);
    return ro.v;
fail:
    js_root_pop(ctx, &ro);
    return JS_EXCEPTION;
}

static JSValue jp_array(JSONParser *jp)
{
    JSContext *ctx = jp->ctx;
    JSRoot ra, rv, re;
    JSValue arr = js_new_array(ctx, 0);
    if (js_is_exception(arr))
        return arr;
    js_root_push(ctx, &ra, arr);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    js_root_push(ctx, &re, JS_UNDEFINED);
    if (jp->rec) {
        re.v = js_new_array(ctx, 0);
        if (js_is_exception(re.v))
            goto fail;
    }
    jp->pos++;  /* '[' */
    jp_skip_ws(jp);
    if (jp->pos < jp->len && jp_ch(jp, jp->pos) == ']') {
        jp->pos++;
        goto done;
    }
    for (;;) {
        JSValue v = jp_value(jp);
        if (js_is_exception(v))
            goto fail;
        rv.v = v;
        if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(ra.v), v) < 0)
            goto fail;
        if (jp->rec && js_array_push_fast(ctx, JS_VALUE_GET_OBJ(re.v), jp->rec->v) < 0)
            goto fail;
        jp_skip_ws(jp);
        if (jp->pos < jp->len && jp_ch(jp, jp->pos) == ',') {
            jp->pos++;
            continue;
        }
        if (jp->pos < jp->len && jp_ch(jp, jp->pos) == ']') {
            jp->pos++;
            break;
        }
        jp_error(jp);
        goto fail;
    }
done:
    if (jp->rec) {
        JSValue r = new_record(ctx, ra.v, re.v);
        if (js_is_exception(r))
            goto fail;
        jp->rec->v = r;
    }
    js_root_pop(ctx, &ra);
    return ra.v;
fail:
    js_root_pop(ctx, &ra);
    return JS_EXCEPTION;
}

static JSValue jp_value_plain(JSONParser *jp)
{
    jp_skip_ws(jp);
    if (jp->pos >= jp->len)
        return jp_error(jp);
    uint32_t c = jp_ch(jp, jp->pos);
    switch (c) {
    case '{':
        if (js_check_stack_overflow(jp->ctx))
            return JS_EXCEPTION;
        return jp_object(jp);
    case '[':
        if (js_check_stack_overflow(jp->ctx))
            return JS_EXCEPTION;
        return jp_array(jp);
    case '"': {
        bool plain;
        uint32_t s, e;
        jp->pos++;
        return jp_string(jp, &plain, &s, &e, true);
    }
    case 't':
        if (jp_match(jp, "true"))
            return JS_TRUE;
        return jp_error(jp);
    case 'f':
        if (jp_match(jp, "false"))
            return JS_FALSE;
        return jp_error(jp);
    case 'n':
        if (jp_match(jp, "null"))
            return JS_NULL;
        return jp_error(jp);
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return jp_number(jp);
        return jp_error(jp);
    }
}

/* A JSON value; with records, also its parse record in jp->rec->v
 * (objects and arrays leave their own). */
static JSValue jp_value(JSONParser *jp)
{
    if (js_poll_interrupt(jp->ctx) < 0)
        return JS_EXCEPTION;
    if (!jp->rec)
        return jp_value_plain(jp);
    jp_skip_ws(jp);
    uint32_t start = jp->pos;
    JSValue v = jp_value_plain(jp);
    if (js_is_exception(v) || js_is_object(v))
        return v;
    JSContext *ctx = jp->ctx;
    JSRoot rv, rsrc;
    js_root_push(ctx, &rv, v);
    js_root_push(ctx, &rsrc, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    rsrc.v = js_string_substring(ctx, jp->src->v, start, jp->pos);
    if (!js_is_exception(rsrc.v)) {
        JSValue r = new_record(ctx, rv.v, rsrc.v);
        if (!js_is_exception(r)) {
            jp->rec->v = r;
            res = rv.v;
        }
    }
    js_root_pop(ctx, &rv);
    return res;
}

/* Element i of a parse record (a private fast array), or undefined. */
static JSValue rec_at(JSValue rec, uint32_t i)
{
    if (!js_is_object(rec))
        return JS_UNDEFINED;
    JSValue v = js_array_fast_get(JS_VALUE_GET_OBJ(rec), i);
    return js_is_empty(v) ? JS_UNDEFINED : v;
}

/* InternalizeJSONProperty(holder, name, reviver, parseRecord): rec is the
 * value's parse record or undefined; the reviver receives a context
 * object whose "source" is the source text of an unmodified primitive. */
static JSValue internalize(JSContext *ctx, JSValue holder, JSAtom name, JSValue reviver, JSValue rec)
{
    JSRoot rval, rkeys, rrec, rchildren, rctx, rname, rargs[3];
    if (js_check_stack_overflow(ctx))
        return JS_EXCEPTION;
    js_root_push(ctx, &rrec, rec);
    JSValue val = js_get_property(ctx, holder, name);
    if (js_is_exception(val)) {
        js_root_pop(ctx, &rrec);
        return val;
    }
    js_root_push(ctx, &rval, val);
    js_root_push(ctx, &rkeys, JS_UNDEFINED);
    js_root_push(ctx, &rchildren, JS_UNDEFINED);
    js_root_push(ctx, &rctx, JS_UNDEFINED);
    rctx.v = js_new_object(ctx);
    if (js_is_exception(rctx.v))
        goto fail;
    if (js_is_object(rrec.v) && js_same_value(ctx, rec_at(rrec.v, 0), rval.v)) {
        if (!js_is_object(rval.v)) {
            if (js_create_data_property(ctx, rctx.v, JS_ATOM_source, rec_at(rrec.v, 1), JS_THROW) < 0)
                goto fail;
        } else {
            rchildren.v = rec_at(rrec.v, 1);
        }
    }
    if (js_is_object(val)) {
        int err = 0;
        bool is_arr = js_is_array(ctx, val, &err);
        if (err)
            goto fail;
        if (is_arr) {
            int64_t len;
            if (js_length_of_array_like(ctx, &len, rval.v) < 0)
                goto fail;
            int64_t nrec = js_is_object(rchildren.v) ? js_array_length_fast(JS_VALUE_GET_OBJ(rchildren.v)) : 0;
            for (int64_t i = 0; i < len; i++) {
                JSAtom prop = js_atom_from_index(ctx, i);
                if (prop == JS_ATOM_NULL)
                    goto fail;
                if (!js_atom_is_int(prop))
                    rkeys.v = js_atom_to_value(ctx, prop);
                JSValue crec = i < nrec ? rec_at(rchildren.v, (uint32_t)i) : JS_UNDEFINED;
                JSValue ne = internalize(ctx, rval.v, prop, reviver, crec);
                if (js_is_exception(ne))
                    goto fail;
                int r = js_is_undefined(ne) ? js_delete_property(ctx, rval.v, prop, 0)
                                            : js_create_data_property(ctx, rval.v, prop, ne, 0);
                if (r < 0)
                    goto fail;
            }
        } else {
            JSValue keys = js_enumerable_own_properties(ctx, rval.v, 0);
            if (js_is_exception(keys))
                goto fail;
            rkeys.v = keys;
            int64_t len;
            if (js_length_of_array_like(ctx, &len, keys) < 0)
                goto fail;
            for (int64_t i = 0; i < len; i++) {
                JSValue k = js_get_index(ctx, rkeys.v, i);
                if (js_is_exception(k))
                    goto fail;
                JSAtom prop = js_value_to_atom(ctx, k);
                if (prop == JS_ATOM_NULL)
                    goto fail;
                JSRoot rp;
                js_root_push_atom(ctx, &rp, prop);
                JSValue crec = JS_UNDEFINED;
                if (js_is_object(rchildren.v)) {
                    JSPropertyDescriptor d;
                    int has = js_get_own_property(ctx, rchildren.v, prop, &d);
                    if (has < 0)
                        goto fail;
                    if (has)
                        crec = d.value;
                }
                JSValue ne = internalize(ctx, rval.v, prop, reviver, crec);
                if (js_is_exception(ne))
                    goto fail;
                int r = js_is_undefined(ne) ? js_delete_property(ctx, rval.v, prop, 0)
                                            : js_create_data_property(ctx, rval.v, prop, ne, 0);
                js_root_pop(ctx, &rp);
                if (r < 0)
                    goto fail;
            }
        }
    }
    JSValue name_str = js_atom_to_value(ctx, name);
    if (js_is_exception(name_str))
        goto fail;
    js_root_push(ctx, &rname, JS_UNDEFINED);
    js_root_push(ctx, &rargs[0], name_str);
    js_root_push(ctx, &rargs[1], rval.v);
    js_root_push(ctx, &rargs[2], rctx.v);
    JSValue args[3] = { rargs[0].v, rargs[1].v, rargs[2].v };
    JSValue res = js_call(ctx, reviver, holder, 3, args);
    js_root_pop(ctx, &rrec);
    return res;
fail:
    js_root_pop(ctx, &rrec);
    return JS_EXCEPTION;
}

static JSValue json_parse(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue str = js_to_string(ctx, argv[0]);
    if (js_is_exception(str))
        return str;
    JSRoot rs, rres;
    js_root_push(ctx, &rs, str);
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        goto fail;
    rs.v = js_mkptr(JS_TAG_STRING, p);
    JSRoot rrec;
    js_root_push(ctx, &rrec, JS_UNDEFINED);
    JSONParser jp = { ctx, &rs, NULL, NULL, 0, p->len, js_is_callable(argv[1]) ? &rrec : NULL };
    if (js_flat_is_wide(p))
        jp.w = p->u.wide;
    else
        jp.l = p->u.latin1;
    JSValue v = jp_value(&jp);
    if (js_is_exception(v))
        goto fail;
    jp_skip_ws(&jp);
    if (jp.pos < jp.len) {
        jp_error(&jp);
        goto fail;
    }
    js_root_push(ctx, &rres, v);
    if (js_is_callable(argv[1])) {
        JSValue root = js_new_object(ctx);
        if (js_is_exception(root))
            goto fail;
        rs.v = root;
        if (js_create_data_property(ctx, root, JS_ATOM_empty_string, rres.v, JS_THROW) < 0)
            goto fail;
        v = internalize(ctx, rs.v, JS_ATOM_empty_string, argv[1], rrec.v);
    }
    js_root_pop(ctx, &rs);
    return v;
fail:
    js_root_pop(ctx, &rs);
    return JS_EXCEPTION;
}

/* ======================== JSON.stringify ======================== */

typedef struct JSONWriter {
    JSContext *ctx;
    StringBuffer sb;
    JSValue replacer;           /* function or undefined (rooted by argv) */
    JSValueArray *props;        /* property list or NULL (rooted by caller) */
    uint16_t gap[10];
    int gap_len;
    int depth;
    JSValue *stack;             /* objects being serialized (each rooted by its frame) */
    uint32_t stack_len, stack_cap;
} JSONWriter;

static int jw_value(JSONWriter *w, JSValue holder, JSAtom key, JSValue value);

/* QuoteJSONString of a string value. */
static int jw_quote(JSONWriter *w, JSValue str)
{
    JSStringView p;     /* a slice is read where it lies; the sb appends do not collect */
    if (js_string_view(w->ctx, str, &p) < 0)
        return -1;
    StringBuffer *sb = &w->sb;
    js_sb_putc(sb, '"');
    uint32_t len = p.len, run = 0;
    if (!p.wide) {
        const uint8_t *s = p.u.latin1;
        for (uint32_t i = 0; i < len; i++) {
            uint8_t c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            if (i > run)
                js_sb_put_latin1(sb, s + run, i - run);
            run = i + 1;
            switch (c) {
            case '"': js_sb_put_cstr(sb, "\\\""); break;
            case '\\': js_sb_put_cstr(sb, "\\\\"); break;
            case '\b': js_sb_put_cstr(sb, "\\b"); break;
            case '\f': js_sb_put_cstr(sb, "\\f"); break;
            case '\n': js_sb_put_cstr(sb, "\\n"); break;
            case '\r': js_sb_put_cstr(sb, "\\r"); break;
            case '\t': js_sb_put_cstr(sb, "\\t"); break;
            default: {
                char buf[8];
                snprintf(buf, sizeof buf, "\\u%04x", c);
                js_sb_put_cstr(sb, buf);
            }
            }
        }
        if (len > run)
            js_sb_put_latin1(sb, s + run, len - run);
    } else {
        const uint16_t *s = p.u.wide;
        for (uint32_t i = 0; i < len; i++) {
            uint16_t c = s[i];
            bool esc;
            if (c < 0x20 || c == '"' || c == '\\') {
                esc = true;
            } else if (c >= 0xD800 && c <= 0xDBFF) {
                if (i + 1 < len && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
                    i++;
                    continue;
                }
                esc = true;
            } else {
                esc = c >= 0xDC00 && c <= 0xDFFF;
            }
            if (!esc)
                continue;
            if (i > run)
                js_sb_put_utf16(sb, s + run, i - run);
            run = i + 1;
            switch (c) {
            case '"': js_sb_put_cstr(sb, "\\\""); break;
            case '\\': js_sb_put_cstr(sb, "\\\\"); break;
            case '\b': js_sb_put_cstr(sb, "\\b"); break;
            case '\f': js_sb_put_cstr(sb, "\\f"); break;
            case '\n': js_sb_put_cstr(sb, "\\n"); break;
            case '\r': js_sb_put_cstr(sb, "\\r"); break;
            case '\t': js_sb_put_cstr(sb, "\\t"); break;
            default: {
                char buf[8];
                snprintf(buf, sizeof buf, "\\u%04x", c);
                js_sb_put_cstr(sb, buf);
            }
            }
        }
        if (len > run)
            js_sb_put_utf16(sb, s + run, len - run);
    }
    return js_sb_putc(sb, '"');
}

static void jw_newline(JSONWriter *w)
{
    js_sb_putc(&w->sb, '\n');
    for (int d = 0; d < w->depth; d++)
        js_sb_put_utf16(&w->sb, w->gap, (size_t)w->gap_len);
}

static int jw_push(JSONWriter *w, JSValue obj)
{
    for (uint32_t i = 0; i < w->stack_len; i++) {
        if (w->stack[i] == obj) {
            js_throw_type_error(w->ctx, "JSON.stringify: cannot serialize a circular structure");
            return -1;
        }
    }
    if (js_check_stack_overflow(w->ctx))
        return -1;
    if (w->stack_len == w->stack_cap) {
        uint32_t ncap = w->stack_cap ? w->stack_cap * 2 : 16;
        JSValue *n = realloc(w->stack, ncap * sizeof(JSValue));
        if (!n) {
            js_throw_out_of_memory(w->ctx);
            return -1;
        }
        w->stack = n;
        w->stack_cap = ncap;
    }
    w->stack[w->stack_len++] = obj;
    return 0;
}

/* Appends a property key (as a quoted string). */
static int jw_key(JSONWriter *w, JSAtom key)
{
    if (js_atom_is_int(key)) {
        char buf[16];
        snprintf(buf, sizeof buf, "\"%u\"", (unsigned)js_atom_get_int(key));
        return js_sb_put_cstr(&w->sb, buf);
    }
    JSValue s = js_atom_to_value(w->ctx, key);
    if (js_is_exception(s))
        return -1;
    return jw_quote(w, s);
}

/* The enumerable string keys of an ordinary object read straight from its
 * shape, when it has no integer-like keys (those would need sorting).
 * Returns the keys (count in *n, shape slot of each in *slots, malloc'ed)
 * or NULL with *n = UINT32_MAX when the fast path does not apply. May
 * collect; NULL with an exception pending on OOM. */
static JSValueArray *fast_object_keys(JSContext *ctx, JSObject *o, uint32_t *n, uint32_t **slots)
{
    *n = UINT32_MAX;
    if (js_object_class(o) != JS_CLASS_OBJECT || (o->h.flags & JS_OBJ_EXOTIC))
        return NULL;
    uint32_t total = o->shape->prop_count;
    for (uint32_t i = 0; i < total; i++) {
        JSAtom a = o->shape->props[i].atom;
        uint32_t idx;
        if (a != JS_ATOM_NULL && (js_atom_is_int(a) || js_atom_is_array_index(ctx->rt, a, &idx)))
            return NULL;
    }
    JSValueArray *keys = js_value_array_new(ctx, total);
    if (!keys) {
        *n = 0;
        return NULL;
    }
    uint32_t *sl = total ? malloc(total * sizeof(uint32_t)) : NULL;
    if (total && !sl) {
        js_throw_out_of_memory(ctx);
        *n = 0;
        return NULL;
    }
    uint32_t count = 0;
    const JSShape *sh = o->shape;     /* allocation does not change shapes */
    for (uint32_t i = 0; i < sh->prop_count; i++) {
        const JSShapeProp *p = &sh->props[i];
        if (p->atom == JS_ATOM_NULL || !(p->attrs & JS_PROP_ENUMERABLE) ||
            js_atom_is_symbol(ctx->rt, p->atom))
            continue;
        keys->values[count] = js_atom_to_value(ctx, p->atom);
        sl[count++] = i;
    }
    *n = count;
    *slots = sl;
    return keys;
}

static int jw_object(JSONWriter *w, JSValue value)
{
    JSContext *ctx = w->ctx;
    JSRoot rv, rkeys, rsnap;
    uint32_t *slots = NULL;
    js_root_push(ctx, &rv, value);
    js_root_push(ctx, &rkeys, JS_UNDEFINED);
    js_root_push(ctx, &rsnap, JS_UNDEFINED);   /* keeps snap alive (no ABA) */
    if (jw_push(w, value) < 0)
        goto fail;
    JSValueArray *keys = w->props;
    uint32_t nkeys = keys ? keys->len : 0;
    const JSShape *snap = NULL;
    if (!keys) {
        keys = fast_object_keys(ctx, JS_VALUE_GET_OBJ(rv.v), &nkeys, &slots);
        if (keys) {
            rkeys.v = js_cell_value(keys);
            snap = JS_VALUE_GET_OBJ(rv.v)->shape;
            rsnap.v = js_cell_value(snap);
        } else if (nkeys != UINT32_MAX) {
            goto fail;
        }
    }
    if (!keys) {
        JSValue karr = js_enumerable_own_properties(ctx, rv.v, 0);
        if (js_is_exception(karr))
            goto fail;
        rkeys.v = karr;
        /* copy into a value array for direct access */
        nkeys = js_array_length_fast(JS_VALUE_GET_OBJ(karr));
        keys = js_value_array_new(ctx, nkeys);
        if (!keys)
            goto fail;
        for (uint32_t i = 0; i < nkeys; i++)
            keys->values[i] = js_array_fast_get(JS_VALUE_GET_OBJ(rkeys.v), i);
        rkeys.v = js_cell_value(keys);
    }
    js_sb_putc(&w->sb, '{');
    w->depth++;
    bool first = true;
    for (uint32_t i = 0; i < nkeys; i++) {
        JSAtom key = js_value_to_atom(ctx, keys->values[i]);
        if (key == JS_ATOM_NULL)
            goto fail;
        JSObject *o = JS_VALUE_GET_OBJ(rv.v);
        JSValue v;
        if (snap && o->shape == snap && !(snap->props[slots[i]].attrs & JS_PROP_ACCESSOR)) {
            v = o->slots[slots[i]];
        } else {
            v = js_get_property(ctx, rv.v, key);
            if (js_is_exception(v))
                goto fail;
        }
        uint32_t mark = w->sb.len;
        if (!first)
            js_sb_putc(&w->sb, ',');
        if (w->gap_len)
            jw_newline(w);
        if (jw_key(w, key) < 0)
            goto fail;
        js_sb_putc(&w->sb, ':');
        if (w->gap_len)
            js_sb_putc(&w->sb, ' ');
        int r = jw_value(w, rv.v, key, v);
        if (r < 0)
            goto fail;
        if (r == 0)
            w->sb.len = mark;
        else
            first = false;
    }
    w->depth--;
    if (!first && w->gap_len)
        jw_newline(w);
    js_sb_putc(&w->sb, '}');
    w->stack_len--;
    free(slots);
    js_root_pop(ctx, &rv);
    return 1;
fail:
    free(slots);
    js_root_pop(ctx, &rv);
    return -1;
}

static int jw_array(JSONWriter *w, JSValue value)
{
    JSContext *ctx = w->ctx;
    JSRoot rv;
    js_root_push(ctx, &rv, value);
    if (jw_push(w, value) < 0)
        goto fail;
    int64_t len;
    if (js_length_of_array_like(ctx, &len, rv.v) < 0)
        goto fail;
    js_sb_putc(&w->sb, '[');
    w->depth++;
    for (int64_t i = 0; i < len; i++) {
        JSValue v;
        if (i > 0)
            js_sb_putc(&w->sb, ',');
        if (w->gap_len)
            jw_newline(w);
        JSObject *o = JS_VALUE_GET_OBJ(rv.v);
        if (js_object_class(o) == JS_CLASS_ARRAY && (o->h.flags & JS_OBJ_FAST_ARRAY) &&
            (v = js_array_fast_get(o, (uint32_t)i)) != JS_EMPTY) {
            /* fast element */
        } else {
            v = js_get_index(ctx, rv.v, i);
            if (js_is_exception(v))
                goto fail;
        }
        JSAtom key = i <= JS_ATOM_MAX_INT ? js_atom_from_uint((uint32_t)i) : js_atom_from_index(ctx, i);
        if (key == JS_ATOM_NULL)
            goto fail;
        int r = jw_value(w, rv.v, key, v);
        if (r < 0)
            goto fail;
        if (r == 0)
            js_sb_put_cstr(&w->sb, "null");
    }
    w->depth--;
    if (len > 0 && w->gap_len)
        jw_newline(w);
    js_sb_putc(&w->sb, ']');
    w->stack_len--;
    js_root_pop(ctx, &rv);
    return 1;
fail:
    js_root_pop(ctx, &rv);
    return -1;
}

static int jw_number(JSONWriter *w, JSValue v)
{
    char buf[JS_DTOA_BUF];
    if (js_is_int(v)) {
        snprintf(buf, sizeof buf, "%d", (int)js_get_int(v));
        return js_sb_put_cstr(&w->sb, buf);
    }
    double d = js_get_double(v);
    if (!isfinite(d))
        return js_sb_put_cstr(&w->sb, "null");
    js_dtoa(d, buf);
    return js_sb_put_cstr(&w->sb, buf);
}

/* SerializeJSONProperty with the value already read from holder[key].
 * 1: written, 0: undefined (nothing written), -1: exception. */
static int jw_value(JSONWriter *w, JSValue holder, JSAtom key, JSValue value)
{
    JSContext *ctx = w->ctx;
    JSRoot rv, rk, rh;
    int ret = -1;
    if (js_poll_interrupt(ctx) < 0)
        return -1;
    js_root_push(ctx, &rv, value);
    js_root_push(ctx, &rk, JS_UNDEFINED);
    js_root_push(ctx, &rh, holder);
    if (js_is_object(value) || js_is_bigint(value)) {
        JSValue to_json = js_get_property(ctx, value, JS_ATOM_toJSON);
        if (js_is_exception(to_json))
            goto done;
        if (js_is_callable(to_json)) {
            rk.v = js_atom_to_value(ctx, key);
            if (js_is_exception(rk.v))
                goto done;
            JSRoot rf;
            js_root_push(ctx, &rf, to_json);
            JSValue nv = js_call(ctx, rf.v, rv.v, 1, &rk.v);
            js_root_pop(ctx, &rf);
            if (js_is_exception(nv))
                goto done;
            rv.v = nv;
        }
    }
    if (!js_is_undefined(w->replacer)) {
        if (js_is_undefined(rk.v)) {
            rk.v = js_atom_to_value(ctx, key);
            if (js_is_exception(rk.v))
                goto done;
        }
        JSRoot ra[2];
        js_root_push(ctx, &ra[0], rk.v);
        js_root_push(ctx, &ra[1], rv.v);
        JSValue args[2] = { ra[0].v, ra[1].v };
        JSValue nv = js_call(ctx, w->replacer, rh.v, 2, args);
        js_root_pop(ctx, &ra[0]);
        if (js_is_exception(nv))
            goto done;
        rv.v = nv;
    }
    value = rv.v;
    if (js_is_object(value) && (JS_VALUE_GET_OBJ(value)->h.flags & JS_OBJ_RAW_JSON)) {
        /* frozen by JSON.rawJSON: "rawJSON" is still its string */
        JSRoot ra;
        JSAtom raw_atom = raw_json_atom(ctx, &ra);
        if (raw_atom == JS_ATOM_NULL)
            goto done;
        JSValue raw = js_get_property(ctx, rv.v, raw_atom);
        if (js_is_exception(raw))
            goto done;
        ret = js_sb_put_string(&w->sb, raw) < 0 ? -1 : 1;
        goto done;
    }
    if (js_is_object(value)) {
        switch (js_object_class(JS_VALUE_GET_OBJ(value))) {
        case JS_CLASS_NUMBER: {
            double d;
            if (js_to_number(ctx, &d, value) < 0)
                goto done;
            value = js_number(d);
            break;
        }
        case JS_CLASS_STRING:
            value = js_to_string(ctx, value);
            if (js_is_exception(value))
                goto done;
            rv.v = value;
            break;
        case JS_CLASS_BOOLEAN:
        case JS_CLASS_BIGINT:
            value = js_wrapper_value(JS_VALUE_GET_OBJ(value));
            break;
        default:
            break;
        }
    }
    if (js_is_null(value)) {
        ret = js_sb_put_cstr(&w->sb, "null") < 0 ? -1 : 1;
    } else if (js_is_bool(value)) {
        ret = js_sb_put_cstr(&w->sb, js_get_bool(value) ? "true" : "false") < 0 ? -1 : 1;
    } else if (js_is_string(value)) {
        ret = jw_quote(w, value) < 0 ? -1 : 1;
    } else if (js_is_number(value)) {
        ret = jw_number(w, value) < 0 ? -1 : 1;
    } else if (js_is_bigint(value)) {
        js_throw_type_error(ctx, "JSON.stringify: BigInt value can't be serialized");
    } else if (js_is_object(value) && !js_is_callable(value)) {
        int err = 0;
        bool arr = js_is_array(ctx, value, &err);
        if (err)
            goto done;
        ret = arr ? jw_array(w, value) : jw_object(w, value);
    } else {
        ret = 0;
    }
done:
    js_root_pop(ctx, &rv);
    return ret;
}

/* Builds the property list from an array replacer. */
static JSValueArray *build_property_list(JSContext *ctx, JSValue replacer, JSRoot *root)
{
    int64_t len;
    if (js_length_of_array_like(ctx, &len, replacer) < 0)
        return NULL;
    JSRoot rl, ri;
    JSValue list = js_new_array(ctx, 0);
    if (js_is_exception(list))
        return NULL;
    js_root_push(ctx, &rl, list);
    js_root_push(ctx, &ri, JS_UNDEFINED);
    for (int64_t k = 0; k < len; k++) {
        JSValue v = js_get_index(ctx, replacer, k);
        if (js_is_exception(v))
            goto fail;
        JSValue item = JS_UNDEFINED;
        if (js_is_string(v)) {
            item = v;
        } else if (js_is_number(v) || js_object_is_class(v, JS_CLASS_STRING) ||
                   js_object_is_class(v, JS_CLASS_NUMBER)) {
            item = js_to_string(ctx, v);
            if (js_is_exception(item))
                goto fail;
        }
        if (js_is_undefined(item))
            continue;
        ri.v = item;
        JSObject *lo = JS_VALUE_GET_OBJ(rl.v);
        uint32_t n = js_array_length_fast(lo);
        bool dup = false;
        for (uint32_t i = 0; i < n && !dup; i++)
            dup = js_string_equal(ctx, js_array_fast_get(JS_VALUE_GET_OBJ(rl.v), i), ri.v);
        if (!dup && js_array_push_fast(ctx, JS_VALUE_GET_OBJ(rl.v), ri.v) < 0)
            goto fail;
    }
    uint32_t n = js_array_length_fast(JS_VALUE_GET_OBJ(rl.v));
    JSValueArray *a = js_value_array_new(ctx, n);
    if (!a)
        goto fail;
    for (uint32_t i = 0; i < n; i++)
        a->values[i] = js_array_fast_get(JS_VALUE_GET_OBJ(rl.v), i);
    root->v = js_cell_value(a);
    js_root_pop(ctx, &rl);
    return a;
fail:
    js_root_pop(ctx, &rl);
    return NULL;
}

static JSValue json_stringify(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSONWriter w;
    memset(&w, 0, sizeof w);
    w.ctx = ctx;
    w.replacer = JS_UNDEFINED;
    JSRoot rprops, rwrap;
    js_root_push(ctx, &rprops, JS_UNDEFINED);
    js_root_push(ctx, &rwrap, JS_UNDEFINED);
    JSValue replacer = argv[1], space = argv[2];
    if (js_is_callable(replacer)) {
        w.replacer = replacer;
    } else if (js_is_object(replacer)) {
        int err = 0;
        bool arr = js_is_array(ctx, replacer, &err);
        if (err)
            goto fail;
        if (arr) {
            w.props = build_property_list(ctx, replacer, &rprops);
            if (!w.props)
                goto fail;
        }
    }
    if (js_object_is_class(space, JS_CLASS_NUMBER)) {
        double d;
        if (js_to_number(ctx, &d, space) < 0)
            goto fail;
        space = js_number(d);
    } else if (js_object_is_class(space, JS_CLASS_STRING)) {
        space = js_to_string(ctx, space);
        if (js_is_exception(space))
            goto fail;
    }
    if (js_is_number(space)) {
        double d;
        if (js_to_int_or_infinity(ctx, &d, space) < 0)
            goto fail;
        int n = d > 10 ? 10 : d < 1 ? 0 : (int)d;
        for (int i = 0; i < n; i++)
            w.gap[i] = ' ';
        w.gap_len = n;
    } else if (js_is_string(space)) {
        JSString *p = js_string_flatten(ctx, space);
        if (!p)
            goto fail;
        uint32_t n = p->len < 10 ? p->len : 10;
        for (uint32_t i = 0; i < n; i++)
            w.gap[i] = js_flat_char(p, i);
        w.gap_len = (int)n;
    }
    JSValue holder = JS_UNDEFINED;
    if (!js_is_undefined(w.replacer)) {
        holder = js_new_object(ctx);
        if (js_is_exception(holder))
            goto fail;
        rwrap.v = holder;
        if (js_create_data_property(ctx, holder, JS_ATOM_empty_string, argv[0], JS_THROW) < 0)
            goto fail;
    }
    js_sb_init(ctx, &w.sb, 64);
    int r = jw_value(&w, rwrap.v, JS_ATOM_empty_string, argv[0]);
    free(w.stack);
    js_root_pop(ctx, &rprops);
    if (r < 0) {
        js_sb_free(&w.sb);
        return JS_EXCEPTION;
    }
    if (r == 0) {
        js_sb_free(&w.sb);
        return JS_UNDEFINED;
    }
    return js_sb_finish(&w.sb);
fail:
    js_root_pop(ctx, &rprops);
    return JS_EXCEPTION;
}

/* JSON.rawJSON(text): a frozen null-prototype object with [[IsRawJSON]]
 * whose "rawJSON" is text, which must be a JSON primitive without
 * surrounding white space. */
static JSValue json_raw_json(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue str = js_to_string(ctx, argv[0]);
    if (js_is_exception(str))
        return str;
    JSRoot rs, ro;
    js_root_push(ctx, &rs, str);
    js_root_push(ctx, &ro, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        goto done;
    rs.v = js_mkptr(JS_TAG_STRING, p);
    JSONParser jp = { ctx, &rs, NULL, NULL, 0, p->len };
    if (js_flat_is_wide(p))
        jp.w = p->u.wide;
    else
        jp.l = p->u.latin1;
    if (jp.len == 0) {
        js_throw_syntax_error(ctx, "JSON.rawJSON: empty text");
        goto done;
    }
    uint32_t c0 = jp_ch(&jp, 0), c1 = jp_ch(&jp, jp.len - 1);
    if (c0 == '\t' || c0 == '\n' || c0 == '\r' || c0 == ' ' ||
        c1 == '\t' || c1 == '\n' || c1 == '\r' || c1 == ' ') {
        js_throw_syntax_error(ctx, "JSON.rawJSON: text starts or ends with white space");
        goto done;
    }
    if (c0 == '{' || c0 == '[') {
        js_throw_syntax_error(ctx, "JSON.rawJSON: text is an object or array");
        goto done;
    }
    if (js_is_exception(jp_value(&jp)))
        goto done;
    if (jp.pos < jp.len) {
        jp_error(&jp);
        goto done;
    }
    ro.v = js_new_object_proto(ctx, JS_NULL);
    if (js_is_exception(ro.v))
        goto done;
    JSRoot ra;
    JSAtom raw_atom = raw_json_atom(ctx, &ra);
    if (raw_atom == JS_ATOM_NULL ||
        js_define_property_value(ctx, ro.v, raw_atom, rs.v, JS_PROP_ENUMERABLE) < 0 ||
        js_prevent_extensions(ctx, ro.v, JS_THROW) < 0)
        goto done;
    JS_VALUE_GET_OBJ(ro.v)->h.flags |= JS_OBJ_RAW_JSON;
    res = ro.v;
done:
    js_root_pop(ctx, &rs);
    return res;
}

/* JSON.isRawJSON(O) */
static JSValue json_is_raw_json(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_bool(js_is_object(argv[0]) && (JS_VALUE_GET_OBJ(argv[0])->h.flags & JS_OBJ_RAW_JSON));
}

static const JSPropEntry json_props[] = {
    JS_CFUNC_DEF("isRawJSON", 1, json_is_raw_json),
    JS_CFUNC_DEF("parse", 2, json_parse),
    JS_CFUNC_DEF("rawJSON", 1, json_raw_json),
    JS_CFUNC_DEF("stringify", 3, json_stringify),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "JSON", JS_PROP_CONFIGURABLE),
};

int js_init_json(JSContext *ctx)
{
    JSValue obj = js_new_object(ctx);
    if (js_is_exception(obj))
        return -1;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    int ret = js_define_prop_entries(ctx, obj, json_props, sizeof json_props / sizeof json_props[0]);
    if (ret >= 0)
        ret = js_define_property_value(ctx, js_mkptr(JS_TAG_OBJECT, ctx->global_obj),
                                       JS_ATOM_JSON, r.v, JS_PROP_C_W);
    js_root_pop(ctx, &r);
    return ret < 0 ? -1 : 0;
}
