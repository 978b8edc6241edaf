/* The String.prototype methods that dispatch to RegExp: match, matchAll,
 * search (through Symbol.match / matchAll / search of the argument, or a
 * new RegExp), replace, replaceAll and split (through Symbol.replace /
 * split, or done here on plain strings), and GetSubstitution. */
#include "string_int.h"
#include "array.h"
#include "../conv.h"

static JSValue this_coercible(JSContext *ctx, JSValue this_val, const char *name)
{
    if (js_is_nullish(this_val))
        return js_throw_type_error(ctx, "String.prototype.%s called on null or undefined", name);
    return this_val;
}

/* RegExpCreate(pattern, flags) through the realm's %RegExp%. A helper,
 * not a native function: it pops its roots itself (the root list is
 * restored only when a native function returns). */
static JSValue regexp_create(JSContext *ctx, JSValue pattern, JSValue flags)
{
    JSValue ctor = ctx->intrinsics[JS_INTRINSIC_RegExpConstructor];
    JSValue args[2];
    JSRoot r;
    if (!js_is_object(ctor))    /* qjsc --builtins auto left RegExp out */
        return js_throw_left_out(ctx, "RegExp");
    /* RegExpInitialize converts a non-undefined pattern with ToString. */
    if (js_is_object(pattern)) {
        js_root_push(ctx, &r, flags);
        pattern = js_to_string(ctx, pattern);
        flags = r.v;
        js_root_pop(ctx, &r);
        if (js_is_exception(pattern))
            return pattern;
    }
    /* js_construct puts its arguments on the VM stack before allocating */
    args[0] = pattern;
    args[1] = flags;
    return js_construct(ctx, ctor, 2, args, ctor);
}

/* match (0), search (1) */
JSValue js_string_proto_match(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSAtom sym = magic ? JS_ATOM_Symbol_search : JS_ATOM_Symbol_match;
    JSValue rx = argv[0], m, s;
    JSValueArray *f;
    JSRoot rf;
    if (js_is_exception(this_coercible(ctx, this_val, magic ? "search" : "match")))
        return JS_EXCEPTION;
    if (js_is_object(rx)) {
        m = js_get_method(ctx, rx, sym);
        if (js_is_exception(m))
            return m;
        if (!js_is_undefined(m)) {
            JSRoot rm;
            js_root_push(ctx, &rm, m);
            return js_call(ctx, rm.v, rx, 1, &this_val);
        }
    }
    /* f: 0 string, 1 regexp */
    f = js_value_array_new(ctx, 2);
    if (!f)
        return JS_EXCEPTION;
    js_root_push(ctx, &rf, js_mkptr(JS_TAG_CELL, f));
    s = js_to_string(ctx, this_val);
    if (js_is_exception(s))
        return s;
    JS_STORE(ctx, f, f->values[0], s);
    rx = regexp_create(ctx, rx, JS_UNDEFINED);
    if (js_is_exception(rx))
        return rx;
    JS_STORE(ctx, f, f->values[1], rx);
    return js_invoke(ctx, rx, sym, 1, &f->values[0]);
}

/* If v is a RegExp, its flags must contain "g" (matchAll, replaceAll). */
static int check_global_flag(JSContext *ctx, JSValue v, const char *name)
{
    int err = 0;
    JSValue flags;
    bool is_re = js_is_regexp(ctx, v, &err);
    if (err)
        return -1;
    if (!is_re)
        return 0;
    flags = js_get_property(ctx, v, JS_ATOM_flags);
    if (js_is_exception(flags))
        return -1;
    if (js_is_nullish(flags)) {
        js_throw_type_error(ctx, "String.prototype.%s: flags is null or undefined", name);
        return -1;
    }
    flags = js_to_string(ctx, flags);
    if (js_is_exception(flags))
        return -1;
    {
        JSValue g = js_new_string_char(ctx, 'g');
        if (js_is_exception(g))
            return -1;
        if (js_string_index_of(ctx, flags, g, 0) < 0) {
            js_throw_type_error(ctx, "String.prototype.%s called with a non-global RegExp argument", name);
            return -1;
        }
    }
    return 0;
}

JSValue js_string_proto_match_all(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue rx = argv[0], m, s;
    JSValueArray *f;
    JSRoot rf;
    if (js_is_exception(this_coercible(ctx, this_val, "matchAll")))
        return JS_EXCEPTION;
    if (js_is_object(rx)) {
        if (check_global_flag(ctx, rx, "matchAll"))
            return JS_EXCEPTION;
        m = js_get_method(ctx, rx, JS_ATOM_Symbol_matchAll);
        if (js_is_exception(m))
            return m;
        if (!js_is_undefined(m)) {
            JSRoot rm;
            js_root_push(ctx, &rm, m);
            return js_call(ctx, rm.v, rx, 1, &this_val);
        }
    }
    f = js_value_array_new(ctx, 2);
    if (!f)
        return JS_EXCEPTION;
    js_root_push(ctx, &rf, js_mkptr(JS_TAG_CELL, f));
    s = js_to_string(ctx, this_val);
    if (js_is_exception(s))
        return s;
    JS_STORE(ctx, f, f->values[0], s);
    s = js_new_string_char(ctx, 'g');
    if (js_is_exception(s))
        return s;
    rx = regexp_create(ctx, rx, s);
    if (js_is_exception(rx))
        return rx;
    JS_STORE(ctx, f, f->values[1], rx);
    return js_invoke(ctx, rx, JS_ATOM_Symbol_matchAll, 1, &f->values[0]);
}

/* ---- GetSubstitution ---- */

JSValue js_string_get_substitution(JSContext *ctx, JSValue matched, JSValue str, uint32_t position,
                                   const JSValue *captures, uint32_t ncaptures,
                                   JSValue named_captures, JSValue replacement)
{
    StringBuffer sb;
    JSString *rp;
    uint32_t i, len, slen, tail;
    JSValue v;
    rp = js_string_flatten(ctx, replacement);
    if (!rp)
        return JS_EXCEPTION;
    len = rp->len;
    js_sb_init(ctx, &sb, len);
    for (i = 0; i < len;) {
        uint16_t c = js_flat_char(rp, i), c1;
        if (c != '$' || i + 1 >= len) {
            js_sb_putc(&sb, c);
            i++;
            continue;
        }
        c1 = js_flat_char(rp, i + 1);
        if (c1 == '$') {
            js_sb_putc(&sb, '$');
            i += 2;
        } else if (c1 == '`') {
            js_sb_put_substring(&sb, str, 0, position);
            i += 2;
        } else if (c1 == '&') {
            js_sb_put_string(&sb, matched);
            i += 2;
        } else if (c1 == '\'') {
            slen = js_string_len(str);
            tail = position + js_string_len(matched);
            if (tail < slen)
                js_sb_put_substring(&sb, str, tail, slen);
            i += 2;
        } else if (c1 >= '0' && c1 <= '9') {
            uint32_t index = c1 - '0', digits = 1;
            if (i + 2 < len) {
                uint16_t c2 = js_flat_char(rp, i + 2);
                if (c2 >= '0' && c2 <= '9') {
                    uint32_t two = index * 10 + (c2 - '0');
                    if (two >= 1 && two <= ncaptures) {
                        index = two;
                        digits = 2;
                    }
                }
            }
            if (index >= 1 && index <= ncaptures) {
                v = captures[index - 1];
                if (!js_is_undefined(v))
                    js_sb_put_string(&sb, v);
            } else {
                js_sb_put_substring(&sb, replacement, i, i + 1 + digits);
            }
            i += 1 + digits;
        } else if (c1 == '<') {
            uint32_t gt;
            for (gt = i + 2; gt < len && js_flat_char(rp, gt) != '>'; gt++)
                ;
            if (gt >= len || js_is_undefined(named_captures)) {
                js_sb_put_cstr(&sb, "$<");
                i += 2;
            } else {
                JSValue name = js_string_substring(ctx, replacement, i + 2, gt);
                JSAtom atom;
                if (js_is_exception(name))
                    goto fail;
                atom = js_atom_from_string(ctx, name);
                if (atom == JS_ATOM_NULL)
                    goto fail;
                v = js_get_property(ctx, named_captures, atom);
                if (js_is_exception(v))
                    goto fail;
                if (!js_is_undefined(v) && js_sb_put_value(&sb, v))
                    goto fail;
                rp = js_string_flatten(ctx, replacement);
                if (!rp)
                    goto fail;
                i = gt + 1;
            }
        } else {
            js_sb_putc(&sb, '$');
            i++;
        }
    }
    return js_sb_finish(&sb);
fail:
    js_sb_free(&sb);
    return JS_EXCEPTION;
}

/* ---- replace / replaceAll ---- */

/* replace (0) and replaceAll (1) */
JSValue js_string_proto_replace(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue sv = argv[0], rv = argv[1], v;
    JSValueArray *f;
    JSRoot rf;
    StringBuffer sb;
    bool functional;
    uint32_t slen, search_len, advance, end_of_last = 0;
    int64_t pos;
    const char *name = magic ? "replaceAll" : "replace";
    if (js_is_exception(this_coercible(ctx, this_val, name)))
        return JS_EXCEPTION;
    if (js_is_object(sv)) {
        JSValue m;
        if (magic && check_global_flag(ctx, sv, name))
            return JS_EXCEPTION;
        m = js_get_method(ctx, sv, JS_ATOM_Symbol_replace);
        if (js_is_exception(m))
            return m;
        if (!js_is_undefined(m)) {
            JSValueArray *a = js_value_array_new(ctx, 3);
            JSRoot ra;
            if (!a)
                return JS_EXCEPTION;
            js_root_push(ctx, &ra, js_mkptr(JS_TAG_CELL, a));
            JS_STORE(ctx, a, a->values[0], this_val);
            JS_STORE(ctx, a, a->values[1], rv);
            JS_STORE(ctx, a, a->values[2], m);
            return js_call(ctx, a->values[2], sv, 2, a->values);
        }
    }
    /* f: 0 string, 1 searchString, 2 replaceValue, 3..5 call args */
    f = js_value_array_new(ctx, 6);
    if (!f)
        return JS_EXCEPTION;
    js_root_push(ctx, &rf, js_mkptr(JS_TAG_CELL, f));
    v = js_to_string(ctx, this_val);
    if (js_is_exception(v))
        return v;
    JS_STORE(ctx, f, f->values[0], v);
    v = js_to_string(ctx, sv);
    if (js_is_exception(v))
        return v;
    JS_STORE(ctx, f, f->values[1], v);
    functional = js_is_callable(rv);
    if (!functional) {
        rv = js_to_string(ctx, rv);
        if (js_is_exception(rv))
            return rv;
    }
    JS_STORE(ctx, f, f->values[2], rv);
    slen = js_string_len(f->values[0]);
    search_len = js_string_len(f->values[1]);
    advance = search_len ? search_len : 1;
    pos = js_string_index_of(ctx, f->values[0], f->values[1], 0);
    if (pos < 0)
        return f->values[0];
    js_sb_init(ctx, &sb, slen);
    while (pos >= 0) {
        JSValue rep;
        js_sb_put_substring(&sb, f->values[0], end_of_last, (uint32_t)pos);
        if (functional) {
            JS_STORE(ctx, f, f->values[3], f->values[1]);
            JS_STORE(ctx, f, f->values[4], js_number((double)pos));
            JS_STORE(ctx, f, f->values[5], f->values[0]);
            rep = js_call(ctx, f->values[2], JS_UNDEFINED, 3, &f->values[3]);
            if (js_is_exception(rep))
                goto fail;
            rep = js_to_string(ctx, rep);
        } else {
            rep = js_string_get_substitution(ctx, f->values[1], f->values[0], (uint32_t)pos, NULL, 0,
                                             JS_UNDEFINED, f->values[2]);
        }
        if (js_is_exception(rep) || js_sb_put_string(&sb, rep))
            goto fail;
        end_of_last = (uint32_t)pos + search_len;
        if (!magic)
            break;
        if ((uint64_t)pos + advance > slen)
            break;
        pos = js_string_index_of(ctx, f->values[0], f->values[1], (uint32_t)pos + advance);
    }
    if (end_of_last < slen)
        js_sb_put_substring(&sb, f->values[0], end_of_last, slen);
    return js_sb_finish(&sb);
fail:
    js_sb_free(&sb);
    return JS_EXCEPTION;
}

/* ---- split ---- */

JSValue js_string_proto_split(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue sep = argv[0], v;
    JSValueArray *f;
    JSRoot rf;
    uint32_t lim = 0xFFFFFFFFu, slen, rlen, i, count = 0;
    int64_t j;
    if (js_is_exception(this_coercible(ctx, this_val, "split")))
        return JS_EXCEPTION;
    if (js_is_object(sep)) {
        JSValue m = js_get_method(ctx, sep, JS_ATOM_Symbol_split);
        if (js_is_exception(m))
            return m;
        if (!js_is_undefined(m)) {
            JSValueArray *a = js_value_array_new(ctx, 3);
            JSRoot ra;
            if (!a)
                return JS_EXCEPTION;
            js_root_push(ctx, &ra, js_mkptr(JS_TAG_CELL, a));
            JS_STORE(ctx, a, a->values[0], this_val);
            JS_STORE(ctx, a, a->values[1], argv[1]);
            JS_STORE(ctx, a, a->values[2], m);
            return js_call(ctx, a->values[2], sep, 2, a->values);
        }
    }
    /* f: 0 S, 1 R, 2 A */
    f = js_value_array_new(ctx, 3);
    if (!f)
        return JS_EXCEPTION;
    js_root_push(ctx, &rf, js_mkptr(JS_TAG_CELL, f));
    v = js_to_string(ctx, this_val);
    if (js_is_exception(v))
        return v;
    JS_STORE(ctx, f, f->values[0], v);
    if (!js_is_undefined(argv[1]) && js_to_uint32(ctx, &lim, argv[1]))
        return JS_EXCEPTION;
    v = js_to_string(ctx, sep);
    if (js_is_exception(v))
        return v;
    JS_STORE(ctx, f, f->values[1], v);
    v = js_new_array(ctx, 0);
    if (js_is_exception(v))
        return v;
    JS_STORE(ctx, f, f->values[2], v);
    if (lim == 0)
        return f->values[2];
    if (js_is_undefined(sep)) {
        if (js_create_data_property_index(ctx, f->values[2], 0, f->values[0], JS_THROW) < 0)
            return JS_EXCEPTION;
        return f->values[2];
    }
    slen = js_string_len(f->values[0]);
    rlen = js_string_len(f->values[1]);
    if (rlen == 0) {
        uint32_t n = slen < lim ? slen : lim;
        JSString *p = js_string_flatten(ctx, f->values[0]);
        if (!p)
            return JS_EXCEPTION;
        for (i = 0; i < n; i++) {
            v = js_new_string_char(ctx, js_flat_char(p, i));
            if (js_is_exception(v) || js_array_push_fast(ctx, JS_VALUE_GET_OBJ(f->values[2]), v) < 0)
                return JS_EXCEPTION;
        }
        return f->values[2];
    }
    if (slen == 0) {
        if (js_array_push_fast(ctx, JS_VALUE_GET_OBJ(f->values[2]), f->values[0]) < 0)
            return JS_EXCEPTION;
        return f->values[2];
    }
    i = 0;
    j = js_string_index_of(ctx, f->values[0], f->values[1], 0);
    while (j >= 0) {
        v = js_string_substring(ctx, f->values[0], i, (uint32_t)j);
        if (js_is_exception(v) || js_array_push_fast(ctx, JS_VALUE_GET_OBJ(f->values[2]), v) < 0)
            return JS_EXCEPTION;
        if (++count >= lim)
            return f->values[2];
        i = (uint32_t)j + rlen;
        j = js_string_index_of(ctx, f->values[0], f->values[1], i);
    }
    v = js_string_substring(ctx, f->values[0], i, slen);
    if (js_is_exception(v) || js_array_push_fast(ctx, JS_VALUE_GET_OBJ(f->values[2]), v) < 0)
        return JS_EXCEPTION;
    return f->values[2];
}
