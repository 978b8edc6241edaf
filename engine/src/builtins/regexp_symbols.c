/* RegExp.prototype[Symbol.match], [Symbol.matchAll] with
 * %RegExpStringIteratorPrototype%, [Symbol.replace] with GetSubstitution,
 * [Symbol.search] and [Symbol.split] (ECMA-262 22.2.6, 22.2.9). When the
 * receiver is an unmodified RegExp (its exec is the intrinsic one) the
 * matches are taken from the matcher directly, without building the
 * unobservable match arrays. */
#include <stdlib.h>
#include <string.h>
#include "regexp_obj.h"
#include "object_util.h"
#include "../conv.h"

#define COUNTOF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- a growable rooted list of values ---- */

typedef struct ValList {
    JSRoot root;        /* a JSValueArray cell (or undefined) */
    uint32_t len;
} ValList;

static void vlist_init(JSContext *ctx, ValList *l)
{
    l->len = 0;
    js_root_push(ctx, &l->root, JS_UNDEFINED);
}

static JSValue *vlist_values(ValList *l)
{
    return js_is_undefined(l->root.v) ? NULL : ((JSValueArray *)js_get_ptr(l->root.v))->values;
}

/* Appends v (which need not be rooted). May collect; 0 or -1. */
static int vlist_push(JSContext *ctx, ValList *l, JSValue v)
{
    JSValueArray *a = js_is_undefined(l->root.v) ? NULL : js_get_ptr(l->root.v);
    if (!a || l->len >= a->len) {
        uint32_t ncap = a ? a->len * 2 : 8;
        JSRoot rv;
        js_root_push(ctx, &rv, v);
        JSValueArray *na = js_value_array_new(ctx, ncap);
        js_root_pop(ctx, &rv);
        if (!na)
            return -1;
        a = js_is_undefined(l->root.v) ? NULL : js_get_ptr(l->root.v);
        for (uint32_t i = 0; i < l->len; i++)
            JS_STORE(ctx, na, na->values[i], a->values[i]);
        l->root.v = js_cell_value(na);
        a = na;
        v = rv.v;
    }
    JS_STORE(ctx, a, a->values[l->len], v);
    l->len++;
    return 0;
}

/* Substring of str for capture i of caps, or undefined. May collect. */
static JSValue cap_value(JSContext *ctx, JSValue str, const int *caps, int i)
{
    int st = caps[2 * i], en = caps[2 * i + 1];
    if (st < 0 || en < st)
        return JS_UNDEFINED;
    return js_string_substring(ctx, str, (uint32_t)st, (uint32_t)en);
}

/* ---- GetSubstitution ---- */

static bool is_digit(uint16_t c) { return c >= '0' && c <= '9'; }

int js_regexp_get_substitution(JSContext *ctx, StringBuffer *sb, JSValue matched, JSValue str,
                               uint32_t position, const JSValue *captures, int ncaptures,
                               JSValue named, JSValue tmpl)
{
    JSString *t = js_string_flatten(ctx, tmpl);
    if (!t)
        return -1;
    uint32_t tlen = t->len, slen = js_string_len(str);
    uint32_t i = 0, lit = 0;    /* template[lit..i) is pending literal text */
    while (i < tlen) {
        if (js_flat_char(t, i) != '$' || i + 1 >= tlen) {
            i++;
            continue;
        }
        if (i > lit && js_sb_put_substring(sb, tmpl, lit, i) < 0)
            return -1;
        uint16_t d = js_flat_char(t, i + 1);
        uint32_t consumed = 2;
        int r = 0;
        if (d == '$') {
            r = js_sb_putc(sb, '$');
        } else if (d == '`') {
            r = js_sb_put_substring(sb, str, 0, position);
        } else if (d == '&') {
            r = js_sb_put_string(sb, matched);
        } else if (d == '\'') {
            uint64_t tail = (uint64_t)position + js_string_len(matched);
            if (tail < slen)
                r = js_sb_put_substring(sb, str, (uint32_t)tail, slen);
        } else if (is_digit(d)) {
            int digits = (i + 2 < tlen && is_digit(js_flat_char(t, i + 2))) ? 2 : 1;
            int index = d - '0';
            if (digits == 2)
                index = index * 10 + (js_flat_char(t, i + 2) - '0');
            if (index > ncaptures && digits == 2) {
                digits = 1;
                index = d - '0';
            }
            consumed = 1 + (uint32_t)digits;
            if (index >= 1 && index <= ncaptures) {
                JSValue cap = captures[index - 1];
                if (!js_is_undefined(cap))
                    r = js_sb_put_string(sb, cap);
            } else {
                r = js_sb_put_substring(sb, tmpl, i, i + consumed);
            }
        } else if (d == '<') {
            uint32_t gt = i + 2;
            while (gt < tlen && js_flat_char(t, gt) != '>')
                gt++;
            if (gt >= tlen || js_is_undefined(named)) {
                r = js_sb_put_cstr(sb, "$<");
            } else {
                consumed = gt + 1 - i;
                JSValue name = js_string_substring(ctx, tmpl, i + 2, gt);
                if (js_is_exception(name))
                    return -1;
                JSValue cap = js_get_value(ctx, named, name);
                if (js_is_exception(cap))
                    return -1;
                if (!js_is_undefined(cap))
                    r = js_sb_put_value(sb, cap);
                /* user code may have run: the template stays rooted by
                 * the caller and flat, so t stays valid */
            }
        } else {
            r = js_sb_putc(sb, '$');
            consumed = 1;
        }
        if (r < 0)
            return -1;
        i += consumed;
        lit = i;
    }
    if (tlen > lit && js_sb_put_substring(sb, tmpl, lit, tlen) < 0)
        return -1;
    return 0;
}

/* ---- [Symbol.match] ---- */

static JSValue regexp_symbol_match(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue rx = this_val;
    if (!js_is_object(rx))
        return js_throw_type_error(ctx, "RegExp.prototype[Symbol.match] called on a non-object");
    JSValue S = js_to_string(ctx, argv[0]);
    if (js_is_exception(S))
        return S;
    JSRoot rs, rflags, rarr, rres;
    js_root_push(ctx, &rs, S);
    JSValue ret = JS_EXCEPTION;
    JSValue flags = js_regexp_get_flags_string(ctx, rx);
    if (js_is_exception(flags))
        goto done;
    js_root_push(ctx, &rflags, flags);
    if (!js_regexp_flags_has(ctx, rflags.v, 'g')) {
        ret = js_regexp_exec(ctx, rx, rs.v);
        goto done;
    }
    bool full_unicode = js_regexp_flags_has(ctx, rflags.v, 'u') || js_regexp_flags_has(ctx, rflags.v, 'v');
    if (js_regexp_set_last_index(ctx, rx, 0) < 0)
        goto done;
    JSValue A = js_new_array(ctx, 0);
    if (js_is_exception(A))
        goto done;
    js_root_push(ctx, &rarr, A);
    js_root_push(ctx, &rres, JS_UNDEFINED);
    for (int64_t n = 0;; n++) {
        JSValue match_str;
        if (js_regexp_exec_is_intrinsic(rx)) {
            JSRegExpMatch m;
            int r = js_regexp_exec_raw(ctx, rx, rs.v, &m);
            if (r < 0)
                goto done;
            if (r == 0) {
                ret = n == 0 ? JS_NULL : rarr.v;
                goto done;
            }
            match_str = cap_value(ctx, rs.v, m.caps, 0);
            js_regexp_match_free(&m);
        } else {
            JSValue result = js_regexp_exec(ctx, rx, rs.v);
            if (js_is_exception(result))
                goto done;
            if (js_is_null(result)) {
                ret = n == 0 ? JS_NULL : rarr.v;
                goto done;
            }
            rres.v = result;
            match_str = js_get_index(ctx, rres.v, 0);
            if (js_is_exception(match_str))
                goto done;
            match_str = js_to_string(ctx, match_str);
        }
        if (js_is_exception(match_str))
            goto done;
        rres.v = match_str;
        if (js_create_data_property_index(ctx, rarr.v, n, match_str, JS_THROW) < 0)
            goto done;
        if (js_string_len(rres.v) == 0) {
            int64_t this_index;
            if (js_regexp_get_last_index(ctx, rx, &this_index) < 0)
                goto done;
            JSStringView fs;
            if (js_string_view(ctx, rs.v, &fs) < 0)
                goto done;
            if (js_regexp_set_last_index(ctx, rx, js_regexp_advance_index(&fs, this_index, full_unicode)) < 0)
                goto done;
        }
    }
done:
    js_root_pop(ctx, &rs);
    return ret;
}

/* ---- [Symbol.replace] ---- */

/* True if the template string contains "$<" (a named reference). No GC:
 * the template is flat (GetSubstitution flattened it or it is short). */
static bool template_has_named_ref(JSValue tmpl)
{
    const JSString *t = JS_VALUE_GET_STRING(tmpl);
    if (!js_string_is_flat(t))
        return true;    /* be conservative */
    for (uint32_t i = 0; i + 1 < t->len; i++) {
        if (js_flat_char(t, i) == '$' && js_flat_char(t, i + 1) == '<')
            return true;
    }
    return false;
}

/* The replacement for one match, appended to sb. */
static int replace_one(JSContext *ctx, StringBuffer *sb, JSValue replace_value, bool functional,
                       JSValue matched, JSValue str, uint32_t position, ValList *caps, JSValue named)
{
    if (functional) {
        uint32_t nc = caps->len;
        uint32_t argc = nc + 3 + (js_is_undefined(named) ? 0 : 1);
        JSRoot rm, rn;
        js_root_push(ctx, &rm, matched);
        js_root_push(ctx, &rn, named);
        JSValueArray *args = js_value_array_new(ctx, argc);
        if (!args) {
            js_root_pop(ctx, &rm);
            return -1;
        }
        JSValue *cv = vlist_values(caps);
        JS_STORE(ctx, args, args->values[0], rm.v);
        for (uint32_t k = 0; k < nc; k++)
            JS_STORE(ctx, args, args->values[1 + k], cv[k]);
        JS_STORE(ctx, args, args->values[nc + 1], js_int((int32_t)position));
        JS_STORE(ctx, args, args->values[nc + 2], str);
        if (!js_is_undefined(rn.v))
            JS_STORE(ctx, args, args->values[nc + 3], rn.v);
        JSRoot ra;
        js_root_push(ctx, &ra, js_cell_value(args));
        JSValue res = js_call(ctx, replace_value, JS_UNDEFINED, (int)argc, args->values);
        js_root_pop(ctx, &rm);
        if (js_is_exception(res))
            return -1;
        return js_sb_put_value(sb, res);
    }
    return js_regexp_get_substitution(ctx, sb, matched, str, position, vlist_values(caps), (int)caps->len,
                                      named, replace_value);
}

static JSValue regexp_symbol_replace(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue rx = this_val;
    if (!js_is_object(rx))
        return js_throw_type_error(ctx, "RegExp.prototype[Symbol.replace] called on a non-object");
    JSValue S = js_to_string(ctx, argv[0]);
    if (js_is_exception(S))
        return S;
    JSRoot rs, rrep, rflags, rprog, rtmp, rmatched, rnamed;
    js_root_push(ctx, &rs, S);
    js_root_push(ctx, &rrep, argv[1]);
    JSValue ret = JS_EXCEPTION;
    int *fcaps = NULL;          /* fast path: 2 * ncap ints per match */
    size_t fcount = 0, fcap = 0;
    StringBuffer sb;
    bool sb_live = false;
    ValList results, caps;
    bool functional = js_is_callable(rrep.v);
    if (!functional) {
        JSValue t = js_to_string(ctx, rrep.v);
        if (js_is_exception(t))
            goto done;
        rrep.v = t;
    }
    JSValue flags = js_regexp_get_flags_string(ctx, rx);
    if (js_is_exception(flags))
        goto done;
    js_root_push(ctx, &rflags, flags);
    bool global = js_regexp_flags_has(ctx, rflags.v, 'g');
    bool full_unicode = false;
    if (global) {
        full_unicode = js_regexp_flags_has(ctx, rflags.v, 'u') || js_regexp_flags_has(ctx, rflags.v, 'v');
        if (js_regexp_set_last_index(ctx, rx, 0) < 0)
            goto done;
    }
    js_root_push(ctx, &rprog, JS_UNDEFINED);
    js_root_push(ctx, &rtmp, JS_UNDEFINED);
    js_root_push(ctx, &rmatched, JS_UNDEFINED);
    js_root_push(ctx, &rnamed, JS_UNDEFINED);
    vlist_init(ctx, &results);
    vlist_init(ctx, &caps);
    /* Collect the matches. With the intrinsic exec no JS can run in this
     * loop (lastIndex stays a number), so the decision holds throughout. */
    bool fast = js_regexp_exec_is_intrinsic(rx);
    bool need_groups = functional || template_has_named_ref(rrep.v);
    int ncap = 0;
    JSRegExpProgram *prog = NULL;
    for (;;) {
        if (fast) {
            JSRegExpMatch m;
            int r = js_regexp_exec_raw(ctx, rx, rs.v, &m);
            if (r < 0)
                goto done;
            if (r == 0)
                break;
            if (!prog) {
                prog = m.prog;
                ncap = m.ncap;
                rprog.v = js_cell_value(prog);
            }
            if (fcount + (size_t)ncap * 2 > fcap) {
                size_t nc = fcap ? fcap * 2 : (size_t)ncap * 2 * 8;
                while (nc < fcount + (size_t)ncap * 2)
                    nc *= 2;
                int *p = realloc(fcaps, nc * sizeof(int));
                if (!p) {
                    js_regexp_match_free(&m);
                    js_throw_out_of_memory(ctx);
                    goto done;
                }
                fcaps = p;
                fcap = nc;
            }
            memcpy(fcaps + fcount, m.caps, (size_t)ncap * 2 * sizeof(int));
            fcount += (size_t)ncap * 2;
            bool empty = m.caps[0] == m.caps[1];
            js_regexp_match_free(&m);
            if (!global)
                break;
            if (empty) {
                int64_t this_index;
                if (js_regexp_get_last_index(ctx, rx, &this_index) < 0)
                    goto done;
                JSStringView fs;
                if (js_string_view(ctx, rs.v, &fs) < 0 ||
                    js_regexp_set_last_index(ctx, rx, js_regexp_advance_index(&fs, this_index, full_unicode)) < 0)
                    goto done;
            }
        } else {
            JSValue result = js_regexp_exec(ctx, rx, rs.v);
            if (js_is_exception(result))
                goto done;
            if (js_is_null(result))
                break;
            if (vlist_push(ctx, &results, result) < 0)
                goto done;
            if (!global)
                break;
            JSValue ms = js_get_index(ctx, result, 0);
            if (js_is_exception(ms))
                goto done;
            ms = js_to_string(ctx, ms);
            if (js_is_exception(ms))
                goto done;
            if (js_string_len(ms) == 0) {
                int64_t this_index;
                if (js_regexp_get_last_index(ctx, rx, &this_index) < 0)
                    goto done;
                JSStringView fs;
                if (js_string_view(ctx, rs.v, &fs) < 0 ||
                    js_regexp_set_last_index(ctx, rx, js_regexp_advance_index(&fs, this_index, full_unicode)) < 0)
                    goto done;
            }
        }
    }
    uint32_t length_s = js_string_len(rs.v);
    js_sb_init(ctx, &sb, length_s);
    sb_live = true;
    uint32_t next_pos = 0;
    size_t nresults = fast ? (ncap ? fcount / ((size_t)ncap * 2) : 0) : results.len;
    for (size_t k = 0; k < nresults; k++) {
        uint32_t position, match_length;
        caps.len = 0;
        rnamed.v = JS_UNDEFINED;
        if (fast) {
            const int *c = fcaps + k * (size_t)ncap * 2;
            JSValue matched = cap_value(ctx, rs.v, c, 0);
            if (js_is_exception(matched))
                goto done;
            rmatched.v = matched;
            position = (uint32_t)c[0];
            match_length = (uint32_t)(c[1] - c[0]);
            for (int i = 1; i < ncap; i++) {
                JSValue v = cap_value(ctx, rs.v, fcaps + k * (size_t)ncap * 2, i);
                if (js_is_exception(v) || vlist_push(ctx, &caps, v) < 0)
                    goto done;
            }
            if (need_groups && js_re_has_named_groups(prog->code)) {
                /* the groups object, as exec would have made it */
                const int *gc = fcaps + k * (size_t)ncap * 2;
                JSValue g = js_new_object_proto(ctx, JS_NULL);
                if (js_is_exception(g))
                    goto done;
                rnamed.v = g;
                for (int i = 1; i < ncap; i++) {
                    size_t nl;
                    const char *nm = js_re_get_group_name(prog->code, i, &nl);
                    if (!nm)
                        continue;
                    bool skip = false;
                    for (int j = 1; j < i && !skip; j++) {
                        size_t jl;
                        const char *jn = js_re_get_group_name(prog->code, j, &jl);
                        if (jn && jl == nl && memcmp(jn, nm, nl) == 0 && gc[2 * j] >= 0)
                            skip = true;
                    }
                    if (skip)
                        continue;
                    JSAtom atom = js_atom_from_utf8(ctx, nm, nl);
                    if (atom == JS_ATOM_NULL)
                        goto done;
                    JSRoot ra;
                    js_root_push_atom(ctx, &ra, atom);
                    int r = js_create_data_property(ctx, rnamed.v, atom, vlist_values(&caps)[i - 1], JS_THROW);
                    js_root_pop(ctx, &ra);
                    if (r < 0)
                        goto done;
                }
            }
        } else {
            JSValue result = vlist_values(&results)[k];
            rtmp.v = result;
            int64_t result_length;
            if (js_length_of_array_like(ctx, &result_length, rtmp.v) < 0)
                goto done;
            int64_t ncaptures = result_length - 1 > 0 ? result_length - 1 : 0;
            JSValue matched = js_get_index(ctx, rtmp.v, 0);
            if (js_is_exception(matched))
                goto done;
            matched = js_to_string(ctx, matched);
            if (js_is_exception(matched))
                goto done;
            rmatched.v = matched;
            match_length = js_string_len(matched);
            JSValue pv = js_get_property(ctx, rtmp.v, JS_ATOM_index);
            if (js_is_exception(pv))
                goto done;
            double pos;
            if (js_to_int_or_infinity(ctx, &pos, pv) < 0)
                goto done;
            if (pos < 0)
                pos = 0;
            if (pos > length_s)
                pos = length_s;
            position = (uint32_t)pos;
            for (int64_t n = 1; n <= ncaptures; n++) {
                JSValue cn = js_get_index(ctx, rtmp.v, n);
                if (js_is_exception(cn))
                    goto done;
                if (!js_is_undefined(cn)) {
                    cn = js_to_string(ctx, cn);
                    if (js_is_exception(cn))
                        goto done;
                }
                if (vlist_push(ctx, &caps, cn) < 0)
                    goto done;
            }
            JSValue named = js_get_property(ctx, rtmp.v, JS_ATOM_groups);
            if (js_is_exception(named))
                goto done;
            if (!functional && !js_is_undefined(named)) {
                named = js_to_object(ctx, named);
                if (js_is_exception(named))
                    goto done;
            }
            rnamed.v = named;
        }
        /* the replacement goes to its own buffer: it is appended only if
         * position >= next_pos */
        StringBuffer rb;
        js_sb_init(ctx, &rb, 16);
        if (replace_one(ctx, &rb, rrep.v, functional, rmatched.v, rs.v, position, &caps, rnamed.v) < 0) {
            js_sb_free(&rb);
            goto done;
        }
        if (position >= next_pos) {
            if (js_sb_put_substring(&sb, rs.v, next_pos, position) < 0) {
                js_sb_free(&rb);
                goto done;
            }
            if (rb.wide)
                js_sb_put_utf16(&sb, (const uint16_t *)rb.buf, rb.len);
            else
                js_sb_put_latin1(&sb, rb.buf, rb.len);
            next_pos = position + match_length;
        }
        bool err = rb.error;
        js_sb_free(&rb);
        if (err) {
            js_throw_out_of_memory(ctx);
            goto done;
        }
    }
    if (next_pos < length_s && js_sb_put_substring(&sb, rs.v, next_pos, length_s) < 0)
        goto done;
    sb_live = false;
    ret = js_sb_finish(&sb);
done:
    if (sb_live)
        js_sb_free(&sb);
    free(fcaps);
    js_root_pop(ctx, &rs);
    return ret;
}

/* ---- [Symbol.search] ---- */

static JSValue regexp_symbol_search(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue rx = this_val;
    if (!js_is_object(rx))
        return js_throw_type_error(ctx, "RegExp.prototype[Symbol.search] called on a non-object");
    JSValue S = js_to_string(ctx, argv[0]);
    if (js_is_exception(S))
        return S;
    JSRoot rs, rprev, rres;
    js_root_push(ctx, &rs, S);
    JSValue ret = JS_EXCEPTION;
    JSValue prev = js_get_property(ctx, rx, JS_ATOM_lastIndex);
    if (js_is_exception(prev))
        goto done;
    js_root_push(ctx, &rprev, prev);
    js_root_push(ctx, &rres, JS_UNDEFINED);
    if (!js_same_value(ctx, rprev.v, js_int(0)) &&
        js_set_property(ctx, rx, JS_ATOM_lastIndex, js_int(0), JS_THROW) < 0)
        goto done;
    int32_t fast_index = -1;
    bool fast = js_regexp_exec_is_intrinsic(rx);
    if (fast) {
        JSRegExpMatch m;
        int r = js_regexp_exec_raw(ctx, rx, rs.v, &m);
        if (r < 0)
            goto done;
        if (r > 0) {
            fast_index = m.caps[0];
            js_regexp_match_free(&m);
        }
        rres.v = r > 0 ? JS_TRUE : JS_NULL;
    } else {
        JSValue res = js_regexp_exec(ctx, rx, rs.v);
        if (js_is_exception(res))
            goto done;
        rres.v = res;
    }
    JSValue cur = js_get_property(ctx, rx, JS_ATOM_lastIndex);
    if (js_is_exception(cur))
        goto done;
    if (!js_same_value(ctx, cur, rprev.v) &&
        js_set_property(ctx, rx, JS_ATOM_lastIndex, rprev.v, JS_THROW) < 0)
        goto done;
    if (js_is_null(rres.v))
        ret = js_int(-1);
    else if (fast)
        ret = js_int(fast_index);
    else
        ret = js_get_property(ctx, rres.v, JS_ATOM_index);
done:
    js_root_pop(ctx, &rs);
    return ret;
}

/* ---- [Symbol.split] ---- */

/* Pushes S[from..to) on A at *len; 1 when lim is reached, 0, or -1. */
static int split_push(JSContext *ctx, JSValue A, JSValue v, uint32_t *len, uint32_t lim)
{
    if (js_create_data_property_index(ctx, A, *len, v, JS_THROW) < 0)
        return -1;
    (*len)++;
    return *len == lim ? 1 : 0;
}

static int split_interrupt(void *opaque)
{
    JSRuntime *rt = opaque;
    return rt->hooks.interrupt(rt, rt->hooks.opaque);
}

/* The fast split loop: splitter is our own RegExp (constructed by the
 * intrinsic %RegExp%, never exposed) with the intrinsic exec, so its
 * lastIndex writes are unobservable and the matches can come straight
 * from the matcher. prog is a non-sticky program equivalent to the
 * splitter's (search mode) or NULL (then the splitter's sticky program
 * is tried at each position). Returns 0 or -1; *done set when the limit
 * stopped it. */
static int split_fast(JSContext *ctx, JSValue A, JSValue str, JSRegExpProgram *search_prog,
                      JSRegExpProgram *sticky_prog, bool unicode, uint32_t lim, uint32_t *len_a,
                      uint32_t *p_out, bool *stopped)
{
    JSRegExpProgram *prog = search_prog ? search_prog : sticky_prog;
    int ncap = js_re_get_capture_count(prog->code);
    int local[32];
    int *caps = local;
    if ((size_t)ncap * 2 > 32) {
        caps = malloc((size_t)ncap * 2 * sizeof(int));
        if (!caps) {
            js_throw_out_of_memory(ctx);
            return -1;
        }
    }
    int ret = -1;
    /* str is rooted by the caller: the view stays valid across the
     * allocations below */
    JSStringView s;
    if (js_string_view(ctx, str, &s) < 0)
        goto out;
    uint32_t size = s.len, p = 0, q = 0;
    JSRuntime *rt = ctx->rt;
    while (q < size) {
        const void *data = s.wide ? (const void *)s.u.wide : (const void *)s.u.latin1;
        int r = js_re_exec(prog->code, data, size, s.wide, q, caps,
                        rt->hooks.interrupt ? split_interrupt : NULL, rt);
        if (r < 0) {
            if (r == RE_ERR_INTERRUPTED) {
                js_throw_error(ctx, JS_ERROR_INTERNAL, "interrupted");
                rt->exception_uncatchable = true;
            } else {
                js_throw_out_of_memory(ctx);
            }
            goto out;
        }
        if (r == RE_NO_MATCH) {
            if (search_prog)
                break;
            q = (uint32_t)js_regexp_advance_index(&s, q, unicode);
            continue;
        }
        uint32_t mq = (uint32_t)caps[0];
        uint32_t e = (uint32_t)caps[1];
        if (mq >= size)
            break;      /* the spec loop only tries positions below size */
        if (e > size)
            e = size;
        if (e == p) {
            q = (uint32_t)js_regexp_advance_index(&s, mq, unicode);
            continue;
        }
        JSValue T = js_string_substring(ctx, str, p, mq);
        if (js_is_exception(T))
            goto out;
        int st = split_push(ctx, A, T, len_a, lim);
        if (st < 0)
            goto out;
        if (st > 0) {
            *stopped = true;
            ret = 0;
            goto out;
        }
        p = e;
        for (int i = 1; i < ncap; i++) {
            JSValue v = cap_value(ctx, str, caps, i);
            if (js_is_exception(v))
                goto out;
            st = split_push(ctx, A, v, len_a, lim);
            if (st < 0)
                goto out;
            if (st > 0) {
                *stopped = true;
                ret = 0;
                goto out;
            }
        }
        q = p;
    }
    *p_out = p;
    ret = 0;
out:
    if (caps != local)
        free(caps);
    return ret;
}

static JSValue regexp_symbol_split(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue rx = this_val;
    if (!js_is_object(rx))
        return js_throw_type_error(ctx, "RegExp.prototype[Symbol.split] called on a non-object");
    JSValue S = js_to_string(ctx, argv[0]);
    if (js_is_exception(S))
        return S;
    JSRoot rs, rc, rflags, rsplitter, rarr, rz;
    js_root_push(ctx, &rs, S);
    JSValue ret = JS_EXCEPTION;
    JSValue regexp_ctor = ctx->intrinsics[JS_INTRINSIC_RegExpConstructor];
    JSValue C = js_species_constructor(ctx, rx, regexp_ctor);
    if (js_is_exception(C))
        goto done;
    js_root_push(ctx, &rc, C);
    JSValue flags = js_regexp_get_flags_string(ctx, rx);
    if (js_is_exception(flags))
        goto done;
    js_root_push(ctx, &rflags, flags);
    bool unicode = js_regexp_flags_has(ctx, rflags.v, 'u') || js_regexp_flags_has(ctx, rflags.v, 'v');
    if (!js_regexp_flags_has(ctx, rflags.v, 'y')) {
        JSValue y = js_new_string_char(ctx, 'y');
        if (js_is_exception(y))
            goto done;
        JSValue nf = js_string_concat(ctx, rflags.v, y);
        if (js_is_exception(nf))
            goto done;
        rflags.v = nf;
    }
    js_root_push(ctx, &rsplitter, JS_UNDEFINED);
    JSValueArray *ca = js_value_array_new(ctx, 2);
    if (!ca)
        goto done;
    JS_STORE(ctx, ca, ca->values[0], rx);
    JS_STORE(ctx, ca, ca->values[1], rflags.v);
    rsplitter.v = js_cell_value(ca);
    JSValue splitter = js_construct(ctx, rc.v, 2, ca->values, rc.v);
    if (js_is_exception(splitter))
        goto done;
    rsplitter.v = splitter;
    JSValue A = js_new_array(ctx, 0);
    if (js_is_exception(A))
        goto done;
    js_root_push(ctx, &rarr, A);
    js_root_push(ctx, &rz, JS_UNDEFINED);
    uint32_t lim = 0xFFFFFFFFu;
    if (!js_is_undefined(argv[1]) && js_to_uint32(ctx, &lim, argv[1]) < 0)
        goto done;
    if (lim == 0) {
        ret = rarr.v;
        goto done;
    }
    uint32_t size = js_string_len(rs.v);
    if (size == 0) {
        JSValue z = js_regexp_exec(ctx, rsplitter.v, rs.v);
        if (js_is_exception(z))
            goto done;
        if (js_is_null(z) && js_create_data_property_index(ctx, rarr.v, 0, rs.v, JS_THROW) < 0)
            goto done;
        ret = rarr.v;
        goto done;
    }
    uint32_t len_a = 0;
    uint32_t p = 0;
    if (rc.v == regexp_ctor && js_regexp_exec_is_intrinsic(rsplitter.v)) {
        JSRegExp *sp = js_regexp_obj(rsplitter.v);
        JSRegExpProgram *search = NULL;
        if (js_is_regexp_obj(rx)) {
            JSRegExp *re = js_regexp_obj(rx);
            uint32_t ignore = RE_FLAG_GLOBAL | RE_FLAG_HAS_INDICES | RE_FLAG_STICKY;
            uint32_t rf = js_re_get_flags(re->prog->code), sf = js_re_get_flags(sp->prog->code);
            if (!(rf & RE_FLAG_STICKY) && (rf & ~ignore) == (sf & ~ignore) && re->source == sp->source)
                search = re->prog;
        }
        bool stopped = false;
        if (split_fast(ctx, rarr.v, rs.v, search, sp->prog, unicode, lim, &len_a, &p, &stopped) < 0)
            goto done;
        if (stopped) {
            ret = rarr.v;
            goto done;
        }
    } else {
        uint32_t q = 0;
        while (q < size) {
            if (js_regexp_set_last_index(ctx, rsplitter.v, q) < 0)
                goto done;
            JSValue z = js_regexp_exec(ctx, rsplitter.v, rs.v);
            if (js_is_exception(z))
                goto done;
            JSStringView fs;
            if (js_string_view(ctx, rs.v, &fs) < 0)
                goto done;
            if (js_is_null(z)) {
                q = (uint32_t)js_regexp_advance_index(&fs, q, unicode);
                continue;
            }
            rz.v = z;
            int64_t e;
            if (js_regexp_get_last_index(ctx, rsplitter.v, &e) < 0)
                goto done;
            if (e > size)
                e = size;
            if ((uint32_t)e == p) {
                js_string_view_nogc(JS_VALUE_GET_STRING(rs.v), &fs);   /* rs.v is not a rope now */
                q = (uint32_t)js_regexp_advance_index(&fs, q, unicode);
                continue;
            }
            JSValue T = js_string_substring(ctx, rs.v, p, q);
            if (js_is_exception(T))
                goto done;
            int st = split_push(ctx, rarr.v, T, &len_a, lim);
            if (st != 0) {
                if (st > 0)
                    ret = rarr.v;
                goto done;
            }
            p = (uint32_t)e;
            int64_t ncaps;
            if (js_length_of_array_like(ctx, &ncaps, rz.v) < 0)
                goto done;
            ncaps = ncaps - 1 > 0 ? ncaps - 1 : 0;
            for (int64_t i = 1; i <= ncaps; i++) {
                JSValue v = js_get_index(ctx, rz.v, i);
                if (js_is_exception(v))
                    goto done;
                st = split_push(ctx, rarr.v, v, &len_a, lim);
                if (st != 0) {
                    if (st > 0)
                        ret = rarr.v;
                    goto done;
                }
            }
            q = p;
        }
    }
    JSValue T = js_string_substring(ctx, rs.v, p, size);
    if (js_is_exception(T))
        goto done;
    if (js_create_data_property_index(ctx, rarr.v, len_a, T, JS_THROW) < 0)
        goto done;
    ret = rarr.v;
done:
    js_root_pop(ctx, &rs);
    return ret;
}

/* ---- [Symbol.matchAll] and %RegExpStringIteratorPrototype% ---- */

typedef struct JSRegExpStringIterator {
    JSObject base;
    JSValue matcher;    /* [[IteratingRegExp]] */
    JSValue str;        /* [[IteratedString]] */
    bool global;
    bool unicode;
    bool done;
} JSRegExpStringIterator;

static void rsi_trace(JSRuntime *rt, JSObject *obj)
{
    JSRegExpStringIterator *it = (JSRegExpStringIterator *)obj;
    js_gc_mark_value(rt, it->matcher);
    js_gc_mark_value(rt, it->str);
}

static const JSClass rsi_class = {
    .name = "RegExp String Iterator",
    .size = sizeof(JSRegExpStringIterator),
    .trace = rsi_trace,
};

static JSValue regexp_symbol_match_all(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue R = this_val;
    if (!js_is_object(R))
        return js_throw_type_error(ctx, "RegExp.prototype[Symbol.matchAll] called on a non-object");
    JSValue S = js_to_string(ctx, argv[0]);
    if (js_is_exception(S))
        return S;
    JSRoot rs, rc, rflags, rmatcher;
    js_root_push(ctx, &rs, S);
    JSValue ret = JS_EXCEPTION;
    JSValue C = js_species_constructor(ctx, R, ctx->intrinsics[JS_INTRINSIC_RegExpConstructor]);
    if (js_is_exception(C))
        goto done;
    js_root_push(ctx, &rc, C);
    JSValue flags = js_regexp_get_flags_string(ctx, R);
    if (js_is_exception(flags))
        goto done;
    js_root_push(ctx, &rflags, flags);
    JSValueArray *ca = js_value_array_new(ctx, 2);
    if (!ca)
        goto done;
    JS_STORE(ctx, ca, ca->values[0], R);
    JS_STORE(ctx, ca, ca->values[1], rflags.v);
    js_root_push(ctx, &rmatcher, js_cell_value(ca));
    JSValue matcher = js_construct(ctx, rc.v, 2, ca->values, rc.v);
    if (js_is_exception(matcher))
        goto done;
    rmatcher.v = matcher;
    int64_t last_index;
    if (js_regexp_get_last_index(ctx, R, &last_index) < 0)
        goto done;
    if (js_regexp_set_last_index(ctx, rmatcher.v, last_index) < 0)
        goto done;
    bool global = js_regexp_flags_has(ctx, rflags.v, 'g');
    bool unicode = js_regexp_flags_has(ctx, rflags.v, 'u') || js_regexp_flags_has(ctx, rflags.v, 'v');
    JSObject *o = js_new_object_proto_class(ctx, ctx->class_proto[JS_CLASS_REGEXP_STRING_ITERATOR],
                                            JS_CLASS_REGEXP_STRING_ITERATOR);
    if (!o)
        goto done;
    JSRegExpStringIterator *it = (JSRegExpStringIterator *)o;
    JS_STORE(ctx, o, it->matcher, rmatcher.v);
    JS_STORE(ctx, o, it->str, rs.v);
    it->global = global;
    it->unicode = unicode;
    it->done = false;
    ret = js_obj_value(o);
done:
    js_root_pop(ctx, &rs);
    return ret;
}

static JSValue rsi_next(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_REGEXP_STRING_ITERATOR))
        return js_throw_type_error(ctx, "%%RegExpStringIteratorPrototype%%.next called on an incompatible receiver");
    JSRegExpStringIterator *it = (JSRegExpStringIterator *)JS_VALUE_GET_OBJ(this_val);
    if (it->done)
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    JSRoot rm;
    JSValue match = js_regexp_exec(ctx, it->matcher, it->str);
    it = (JSRegExpStringIterator *)JS_VALUE_GET_OBJ(this_val);
    if (js_is_exception(match)) {
        it->done = true;
        return match;
    }
    if (js_is_null(match)) {
        it->done = true;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    js_root_push(ctx, &rm, match);
    JSValue ret = JS_EXCEPTION;
    if (it->global) {
        JSValue ms = js_get_index(ctx, rm.v, 0);
        if (js_is_exception(ms))
            goto fail;
        ms = js_to_string(ctx, ms);
        if (js_is_exception(ms))
            goto fail;
        if (js_string_len(ms) == 0) {
            it = (JSRegExpStringIterator *)JS_VALUE_GET_OBJ(this_val);
            int64_t this_index;
            if (js_regexp_get_last_index(ctx, it->matcher, &this_index) < 0)
                goto fail;
            it = (JSRegExpStringIterator *)JS_VALUE_GET_OBJ(this_val);
            JSStringView fs;
            if (js_string_view(ctx, it->str, &fs) < 0)
                goto fail;
            it = (JSRegExpStringIterator *)JS_VALUE_GET_OBJ(this_val);
            if (js_regexp_set_last_index(ctx, it->matcher, js_regexp_advance_index(&fs, this_index, it->unicode)) < 0)
                goto fail;
        }
    } else {
        it->done = true;
    }
    ret = js_create_iter_result(ctx, rm.v, false);
    js_root_pop(ctx, &rm);
    return ret;
fail:
    it = (JSRegExpStringIterator *)JS_VALUE_GET_OBJ(this_val);
    it->done = true;
    js_root_pop(ctx, &rm);
    return JS_EXCEPTION;
}

/* ---- set-up ---- */

static const JSPropEntry regexp_symbol_props[] = {
    JS_CFUNC_DEF("[Symbol.match]", 1, regexp_symbol_match),
    JS_CFUNC_DEF("[Symbol.matchAll]", 1, regexp_symbol_match_all),
    JS_CFUNC_DEF("[Symbol.replace]", 2, regexp_symbol_replace),
    JS_CFUNC_DEF("[Symbol.search]", 1, regexp_symbol_search),
    JS_CFUNC_DEF("[Symbol.split]", 2, regexp_symbol_split),
};

static const JSPropEntry rsi_proto_props[] = {
    JS_CFUNC_DEF("next", 0, rsi_next),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "RegExp String Iterator", JS_PROP_CONFIGURABLE),
};

int js_regexp_init_symbols(JSContext *ctx, JSValue proto)
{
    if (js_define_prop_entries(ctx, proto, regexp_symbol_props, COUNTOF(regexp_symbol_props)) < 0)
        return -1;
    js_register_class(ctx->rt, JS_CLASS_REGEXP_STRING_ITERATOR, &rsi_class);
    JSValue iter_proto = ctx->intrinsics[JS_INTRINSIC_IteratorPrototype];
    if (!js_is_object(iter_proto))
        iter_proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSValue p = js_new_object_proto(ctx, iter_proto);
    if (js_is_exception(p))
        return -1;
    ctx->class_proto[JS_CLASS_REGEXP_STRING_ITERATOR] = p;
    return js_define_prop_entries(ctx, p, rsi_proto_props, COUNTOF(rsi_proto_props));
}
