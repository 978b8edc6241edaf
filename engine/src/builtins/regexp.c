/* The RegExp constructor and RegExp.prototype (ECMA-262 22.2.4-22.2.6):
 * RegExpAlloc/RegExpInitialize, RegExpBuiltinExec with lastIndex and the
 * match array (groups, indices), exec, test, toString, compile (Annex B),
 * the flag and source getters, RegExp.escape, RegExp[Symbol.species] and
 * regular expression literals. The Symbol.* methods are in regexp_symbols.c. */
#include <stdlib.h>
#include <string.h>
#include "regexp_obj.h"
#include "object_util.h"
#include "../conv.h"
#include "../interp.h"
#include "../unicode/unicode.h"

/* The flag letters in the order the flags getter lists them, with their
 * bit in the program flags and the getter's property name. */
static const struct {
    char letter;
    uint32_t bit;
    JSAtom atom;
} regexp_flag_table[8] = {
    { 'd', RE_FLAG_HAS_INDICES, JS_ATOM_hasIndices },
    { 'g', RE_FLAG_GLOBAL, JS_ATOM_global },
    { 'i', RE_FLAG_IGNORECASE, JS_ATOM_ignoreCase },
    { 'm', RE_FLAG_MULTILINE, JS_ATOM_multiline },
    { 's', RE_FLAG_DOTALL, JS_ATOM_dotAll },
    { 'u', RE_FLAG_UNICODE, JS_ATOM_unicode },
    { 'v', RE_FLAG_UNICODE_SETS, JS_ATOM_unicodeSets },
    { 'y', RE_FLAG_STICKY, JS_ATOM_sticky },
};

static JSValue regexp_proto_exec(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);
static JSValue regexp_get_flags(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);
static JSValue regexp_get_flag(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic);

/* ---- class ---- */

static void regexp_trace(JSRuntime *rt, JSObject *obj)
{
    JSRegExp *re = (JSRegExp *)obj;
    js_gc_mark_value(rt, re->source);
    js_gc_mark_value(rt, re->flags);
    if (re->prog)
        js_gc_mark_cell(rt, re->prog);
}

static const JSClass regexp_class = {
    .name = "RegExp",
    .size = sizeof(JSRegExp),
    .trace = regexp_trace,
};

/* ---- small helpers ---- */

/* The code units of a flat string as UTF-16: points into the string when
 * it is wide, else widened into local (when it fits) or a malloc'ed
 * buffer (*heap set). NULL after throwing out-of-memory. No GC. */
static const uint16_t *flat_utf16(JSContext *ctx, const JSString *s, uint16_t *local, size_t local_len,
                                  uint16_t **heap)
{
    *heap = NULL;
    if (js_flat_is_wide(s))
        return s->u.wide;
    uint16_t *buf = local;
    if (s->len > local_len) {
        buf = malloc((size_t)s->len * sizeof(uint16_t));
        if (!buf) {
            js_throw_out_of_memory(ctx);
            return NULL;
        }
        *heap = buf;
    }
    for (uint32_t i = 0; i < s->len; i++)
        buf[i] = s->u.latin1[i];
    return buf;
}

static int regexp_interrupt(void *opaque)
{
    JSRuntime *rt = opaque;
    return rt->hooks.interrupt(rt, rt->hooks.opaque);
}

/* True if the own property atom of the ordinary object o is absent. */
static bool own_absent(JSObject *o, JSAtom atom)
{
    uint32_t attrs;
    return js_shape_lookup(o->shape, atom, &attrs) < 0;
}

/* The prototype of R when it is an ordinary object to peek into without
 * running JS, else NULL. */
static JSObject *plain_proto(JSValue R)
{
    JSObject *p = js_shape_proto(JS_VALUE_GET_OBJ(R)->shape);
    if (!p || (p->h.flags & JS_OBJ_EXOTIC))
        return NULL;
    return p;
}

/* The native function stored in slot value v, or NULL. */
static JSCFunctionObject *as_cfunc(JSValue v)
{
    if (!js_object_is_class(v, JS_CLASS_C_FUNCTION))
        return NULL;
    return (JSCFunctionObject *)JS_VALUE_GET_OBJ(v);
}

/* True if property atom of p is an accessor whose getter is the native
 * function fn with the given magic. No GC. */
static bool getter_is(JSObject *p, JSAtom atom, JSCFunction *fn, int magic)
{
    uint32_t attrs;
    int slot = js_shape_lookup(p->shape, atom, &attrs);
    if (slot < 0 || !(attrs & JS_PROP_ACCESSOR))
        return false;
    JSAccessorPair *ap = js_get_ptr(p->slots[slot]);
    JSCFunctionObject *f = as_cfunc(ap->getter);
    return f && f->fn == fn && f->magic == magic;
}

bool js_regexp_exec_is_intrinsic(JSValue R)
{
    if (!js_is_regexp_obj(R))
        return false;
    if (!own_absent(JS_VALUE_GET_OBJ(R), JS_ATOM_exec))
        return false;
    JSObject *p = plain_proto(R);
    if (!p)
        return false;
    uint32_t attrs;
    int slot = js_shape_lookup(p->shape, JS_ATOM_exec, &attrs);
    if (slot < 0 || (attrs & JS_PROP_ACCESSOR))
        return false;
    JSCFunctionObject *f = as_cfunc(p->slots[slot]);
    return f && f->fn == regexp_proto_exec;
}

/* True if Get(R, "flags") and the getters it calls are all the intrinsic
 * ones, so the flags string follows from [[OriginalFlags]]. No GC. */
static bool flags_are_intrinsic(JSValue R)
{
    if (!js_is_regexp_obj(R))
        return false;
    JSObject *o = JS_VALUE_GET_OBJ(R);
    JSObject *p = plain_proto(R);
    if (!p || !own_absent(o, JS_ATOM_flags) || !getter_is(p, JS_ATOM_flags, regexp_get_flags, 0))
        return false;
    for (int i = 0; i < 8; i++) {
        JSAtom a = regexp_flag_table[i].atom;
        if (!own_absent(o, a) || !getter_is(p, a, regexp_get_flag, i))
            return false;
    }
    return true;
}

/* The canonical flags string of program flag bits. May collect. */
static JSValue flags_bits_to_string(JSContext *ctx, uint32_t bits)
{
    uint8_t buf[8];
    size_t n = 0;
    for (int i = 0; i < 8; i++) {
        if (bits & regexp_flag_table[i].bit)
            buf[n++] = (uint8_t)regexp_flag_table[i].letter;
    }
    return js_new_string_latin1(ctx, buf, n);
}

JSValue js_regexp_get_flags_string(JSContext *ctx, JSValue R)
{
    if (flags_are_intrinsic(R))
        return flags_bits_to_string(ctx, js_re_get_flags(js_regexp_obj(R)->prog->code));
    JSValue f = js_get_property(ctx, R, JS_ATOM_flags);
    if (js_is_exception(f))
        return f;
    return js_to_string(ctx, f);
}

bool js_regexp_flags_has(JSContext *ctx, JSValue flags, uint16_t c)
{
    JSString *s = js_string_flatten(ctx, flags);
    if (!s)
        return false;
    for (uint32_t i = 0; i < s->len; i++) {
        if (js_flat_char(s, i) == c)
            return true;
    }
    return false;
}

int64_t js_regexp_advance_index(const JSStringView *s, int64_t index, bool unicode)
{
    if (!unicode || index + 1 >= (int64_t)s->len)
        return index + 1;
    uint16_t c = js_view_char(s, (uint32_t)index);
    if (c >= 0xD800 && c <= 0xDBFF) {
        uint16_t d = js_view_char(s, (uint32_t)index + 1);
        if (d >= 0xDC00 && d <= 0xDFFF)
            return index + 2;
    }
    return index + 1;
}

/* ---- lastIndex ---- */

/* The slot of R's own lastIndex when R is a RegExp instance (always an own
 * non-configurable data property there), else -1. */
static int last_index_slot(JSValue R, uint32_t *attrs)
{
    if (!js_object_is_class(R, JS_CLASS_REGEXP))
        return -1;
    return js_shape_lookup(JS_VALUE_GET_OBJ(R)->shape, JS_ATOM_lastIndex, attrs);
}

int js_regexp_get_last_index(JSContext *ctx, JSValue R, int64_t *out)
{
    uint32_t attrs;
    int slot = last_index_slot(R, &attrs);
    JSValue v;
    if (slot >= 0 && !(attrs & JS_PROP_ACCESSOR)) {
        v = JS_VALUE_GET_OBJ(R)->slots[slot];
        if (js_is_int(v)) {
            int32_t i = js_get_int(v);
            *out = i < 0 ? 0 : i;
            return 0;
        }
    } else {
        v = js_get_property(ctx, R, JS_ATOM_lastIndex);
        if (js_is_exception(v))
            return -1;
    }
    JSRoot r;
    js_root_push(ctx, &r, v);
    int ret = js_to_length(ctx, out, r.v);
    js_root_pop(ctx, &r);
    return ret;
}

int js_regexp_set_last_index(JSContext *ctx, JSValue R, int64_t v)
{
    JSValue nv = js_number((double)v);
    uint32_t attrs;
    int slot = last_index_slot(R, &attrs);
    if (slot >= 0 && !(attrs & JS_PROP_ACCESSOR)) {
        if (!(attrs & JS_PROP_WRITABLE)) {
            js_throw_type_error(ctx, "Cannot assign to read only property 'lastIndex'");
            return -1;
        }
        JSObject *o = JS_VALUE_GET_OBJ(R);
        JS_STORE(ctx, o, o->slots[slot], nv);
        return 0;
    }
    return js_set_property(ctx, R, JS_ATOM_lastIndex, nv, JS_THROW) < 0 ? -1 : 0;
}

/* ---- RegExpAlloc / RegExpInitialize ---- */

/* RegExpAlloc(newTarget). May run JS (newTarget.prototype); may collect. */
static JSValue regexp_alloc(JSContext *ctx, JSValue new_target)
{
    JSValue obj = js_create_from_ctor(ctx, new_target, JS_CLASS_REGEXP);
    if (js_is_exception(obj))
        return obj;
    JSRegExp *re = js_regexp_obj(obj);
    re->source = JS_UNDEFINED;
    re->flags = JS_UNDEFINED;
    re->prog = NULL;
    JSRoot r;
    js_root_push(ctx, &r, obj);
    int ret = js_define_property_value(ctx, obj, JS_ATOM_lastIndex, js_int(0), JS_PROP_WRITABLE);
    js_root_pop(ctx, &r);
    return ret < 0 ? JS_EXCEPTION : obj;
}

/* Parses flags (a string) and compiles pattern (a string) into a program
 * cell. May collect; NULL after throwing SyntaxError or out-of-memory. */
static JSRegExpProgram *regexp_compile_uncached(JSContext *ctx, JSValue pattern, JSValue flags)
{
    JSString *fs = js_string_flatten(ctx, flags);
    if (!fs)
        return NULL;
    uint16_t flocal[16], *fheap;
    const uint16_t *fu = flat_utf16(ctx, fs, flocal, 16, &fheap);
    if (!fu)
        return NULL;
    uint32_t bits;
    int r = js_re_parse_flags(fu, fs->len, &bits);
    free(fheap);
    if (r < 0) {
        char buf[64];
        JSString *f2 = js_string_flatten(ctx, flags);
        size_t n = 0;
        for (uint32_t i = 0; f2 && i < f2->len && n + 1 < sizeof buf; i++) {
            uint16_t c = js_flat_char(f2, i);
            buf[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
        }
        buf[n] = 0;
        js_throw_syntax_error(ctx, "Invalid regular expression flags '%s'", buf);
        return NULL;
    }
    JSString *ps = js_string_flatten(ctx, pattern);
    if (!ps)
        return NULL;
    uint16_t plocal[128], *pheap;
    const uint16_t *pu = flat_utf16(ctx, ps, plocal, 128, &pheap);
    if (!pu)
        return NULL;
    uint8_t *blob = NULL;
    size_t blob_len = 0;
    char err[128];
    err[0] = 0;
    r = js_re_compile(pu, ps->len, bits, &blob, &blob_len, err, sizeof err);
    free(pheap);
    if (r != RE_OK) {
        if (r == RE_ERR_MEMORY)
            js_throw_out_of_memory(ctx);
        else
            js_throw_syntax_error(ctx, "Invalid regular expression: %s", err);
        return NULL;
    }
    JSRegExpProgram *prog = js_gc_alloc(ctx, JS_CELL_BYTES, sizeof(JSRegExpProgram) + blob_len);
    if (!prog) {
        free(blob);
        return NULL;
    }
    prog->h.aux = (uint32_t)blob_len;
    memcpy(prog->code, blob, blob_len);
    free(blob);
    return prog;
}


/* A cache of compiled programs, so that a regular expression literal in a
 * loop (or the same pattern given to the constructor again) is compiled
 * once. It is a JSValueArray of REGEXP_CACHE_SIZE (pattern, flags,
 * program) triples, direct-mapped by a hash of the contents, kept in the
 * `data` slot of the realm's RegExp constructor (traced with it). Programs
 * are immutable, so RegExp objects can share them. */
#define REGEXP_CACHE_SIZE 64
#define REGEXP_CACHE_MAX_LEN 1024   /* longer patterns are not cached */

static uint32_t hash_units(uint32_t h, const JSString *s)
{
    for (uint32_t i = 0; i < s->len; i++)
        h = (h ^ js_flat_char(s, i)) * 16777619u;
    return h;
}

static bool flat_equal(const JSString *a, const JSString *b)
{
    if (a == b)
        return true;
    if (a->len != b->len)
        return false;
    for (uint32_t i = 0; i < a->len; i++) {
        if (js_flat_char(a, i) != js_flat_char(b, i))
            return false;
    }
    return true;
}

/* The cache array of the realm, or NULL. No GC. */
static JSValueArray *regexp_cache(JSContext *ctx)
{
    JSValue ctor = ctx->intrinsics[JS_INTRINSIC_RegExpConstructor];
    if (!js_object_is_class(ctor, JS_CLASS_C_FUNCTION))
        return NULL;
    JSValue d = ((JSCFunctionObject *)JS_VALUE_GET_OBJ(ctor))->data;
    if (js_tag(d) != JS_TAG_CELL)
        return NULL;
    return js_get_ptr(d);
}

/* Parses flags and compiles pattern (both strings) into a program cell,
 * or takes it from the cache. May collect; NULL after throwing
 * SyntaxError or out-of-memory. */
static JSRegExpProgram *regexp_compile(JSContext *ctx, JSValue pattern, JSValue flags)
{
    JSString *ps = js_string_flatten(ctx, pattern);
    if (!ps)
        return NULL;
    JSString *fs = js_string_flatten(ctx, flags);
    if (!fs)
        return NULL;
    if (ps->len > REGEXP_CACHE_MAX_LEN || fs->len > 16)
        return regexp_compile_uncached(ctx, pattern, flags);
    uint32_t slot = (hash_units(hash_units(2166136261u, ps), fs) >> 7) % REGEXP_CACHE_SIZE;
    JSValueArray *cache = regexp_cache(ctx);
    if (cache) {
        JSValue cp = cache->values[3 * slot], cf = cache->values[3 * slot + 1];
        if (js_is_string(cp) && flat_equal(JS_VALUE_GET_STRING(cp), ps) &&
            flat_equal(JS_VALUE_GET_STRING(cf), fs))
            return js_get_ptr(cache->values[3 * slot + 2]);
    }
    JSRoot rp, rf, rprog;
    js_root_push(ctx, &rp, pattern);
    js_root_push(ctx, &rf, flags);
    js_root_push(ctx, &rprog, JS_UNDEFINED);
    JSRegExpProgram *prog = regexp_compile_uncached(ctx, pattern, flags);
    if (prog) {
        rprog.v = js_cell_value(prog);
        cache = regexp_cache(ctx);
        if (!cache) {
            JSValue ctor = ctx->intrinsics[JS_INTRINSIC_RegExpConstructor];
            cache = js_object_is_class(ctor, JS_CLASS_C_FUNCTION) ? js_value_array_new(ctx, 3 * REGEXP_CACHE_SIZE) : NULL;
            if (cache) {
                JSCFunctionObject *f = (JSCFunctionObject *)JS_VALUE_GET_OBJ(ctx->intrinsics[JS_INTRINSIC_RegExpConstructor]);
                JS_STORE(ctx, &f->base, f->data, js_cell_value(cache));
            } else {
                js_get_exception(ctx);   /* the cache is optional */
            }
        }
        if (cache) {
            /* cache flat strings so that later lookups compare directly */
            JS_STORE(ctx, cache, cache->values[3 * slot], js_str_value(js_string_flatten(ctx, rp.v)));
            JS_STORE(ctx, cache, cache->values[3 * slot + 1], js_str_value(js_string_flatten(ctx, rf.v)));
            JS_STORE(ctx, cache, cache->values[3 * slot + 2], rprog.v);
        }
    }
    js_root_pop(ctx, &rp);
    return prog;
}

/* RegExpInitialize(obj, pattern, flags). obj must be rooted. May run JS;
 * returns obj or JS_EXCEPTION. */
static JSValue regexp_initialize(JSContext *ctx, JSValue obj, JSValue pattern, JSValue flags)
{
    JSRoot rp, rf, rflags;
    js_root_push(ctx, &rflags, flags);
    JSValue P = js_is_undefined(pattern) ? js_atom_to_value(ctx, JS_ATOM_empty_string) : js_to_string(ctx, pattern);
    if (js_is_exception(P)) {
        js_root_pop(ctx, &rflags);
        return P;
    }
    js_root_push(ctx, &rp, P);
    JSValue F = js_is_undefined(rflags.v) ? js_atom_to_value(ctx, JS_ATOM_empty_string) : js_to_string(ctx, rflags.v);
    if (js_is_exception(F)) {
        js_root_pop(ctx, &rflags);
        return F;
    }
    js_root_push(ctx, &rf, F);
    JSRegExpProgram *prog = regexp_compile(ctx, rp.v, rf.v);
    JSValue ret = JS_EXCEPTION;
    if (prog) {
        JSRegExp *re = js_regexp_obj(obj);
        JS_STORE(ctx, &re->base, re->source, rp.v);
        JS_STORE(ctx, &re->base, re->flags, rf.v);
        JS_STORE_PTR(ctx, &re->base, re->prog, prog);
        if (js_regexp_set_last_index(ctx, obj, 0) == 0)
            ret = obj;
    }
    js_root_pop(ctx, &rflags);
    return ret;
}

JSValue js_regexp_create(JSContext *ctx, JSValue pattern, JSValue flags)
{
    JSRoot rp, rf, ro;
    js_root_push(ctx, &rp, pattern);
    js_root_push(ctx, &rf, flags);
    JSValue obj = regexp_alloc(ctx, ctx->intrinsics[JS_INTRINSIC_RegExpConstructor]);
    if (js_is_exception(obj)) {
        js_root_pop(ctx, &rp);
        return obj;
    }
    js_root_push(ctx, &ro, obj);
    JSValue ret = regexp_initialize(ctx, ro.v, rp.v, rf.v);
    js_root_pop(ctx, &rp);
    return ret;
}

/* A RegExp object for a regular expression literal.
 * May collect; throws SyntaxError for an invalid pattern; returns the
 * object or JS_EXCEPTION. */
JSValue js_regexp_new_literal(JSContext *ctx, JSValue pattern, JSValue flags)
{
    return js_regexp_create(ctx, pattern, flags);
}

/* ---- the constructor ---- */

static JSValue regexp_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    JSValue pattern = argv[0], flags = argv[1];
    int err = 0;
    bool pattern_is_regexp = js_is_regexp(ctx, pattern, &err);
    if (err)
        return JS_EXCEPTION;
    JSRoot rnt, rp, rf;
    if (js_is_undefined(new_target)) {
        JSCFunctionObject *self = js_current_native_function(ctx);
        new_target = self ? js_obj_value(&self->base) : ctx->intrinsics[JS_INTRINSIC_RegExpConstructor];
        if (pattern_is_regexp && js_is_undefined(flags)) {
            js_root_push(ctx, &rnt, new_target);
            JSValue c = js_get_property(ctx, pattern, JS_ATOM_constructor);
            js_root_pop(ctx, &rnt);
            if (js_is_exception(c))
                return c;
            if (js_same_value(ctx, new_target, c))
                return pattern;
        }
    }
    js_root_push(ctx, &rnt, new_target);
    js_root_push(ctx, &rp, JS_UNDEFINED);
    js_root_push(ctx, &rf, JS_UNDEFINED);
    JSValue ret = JS_EXCEPTION;
    if (js_is_regexp_obj(pattern)) {
        JSRegExp *re = js_regexp_obj(pattern);
        rp.v = re->source;
        rf.v = js_is_undefined(flags) ? re->flags : flags;
    } else if (pattern_is_regexp) {
        JSValue s = js_get_property(ctx, pattern, JS_ATOM_source);
        if (js_is_exception(s))
            goto done;
        rp.v = s;
        if (js_is_undefined(flags)) {
            JSValue f = js_get_property(ctx, pattern, JS_ATOM_flags);
            if (js_is_exception(f))
                goto done;
            rf.v = f;
        } else {
            rf.v = flags;
        }
    } else {
        rp.v = pattern;
        rf.v = flags;
    }
    JSValue obj = regexp_alloc(ctx, rnt.v);
    if (js_is_exception(obj))
        goto done;
    rnt.v = obj;
    ret = regexp_initialize(ctx, obj, rp.v, rf.v);
done:
    js_root_pop(ctx, &rnt);
    return ret;
}

/* get RegExp[Symbol.species] */
static JSValue regexp_species(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return this_val;
}

/* ---- RegExpBuiltinExec ---- */

void js_regexp_match_free(JSRegExpMatch *m)
{
    if (m->caps && m->caps != m->local)
        free(m->caps);
    m->caps = NULL;
}

int js_regexp_exec_raw(JSContext *ctx, JSValue R, JSValue str, JSRegExpMatch *m)
{
    m->caps = NULL;
    m->ncap = 0;
    m->prog = NULL;
    int64_t last_index;
    if (js_regexp_get_last_index(ctx, R, &last_index) < 0)
        return -1;
    /* a slice is matched where it lies, without a copy; the view stays
     * valid through the match (no allocation until js_re_exec returns) */
    JSStringView s;
    if (js_string_view(ctx, str, &s) < 0)
        return -1;
    JSRegExpProgram *prog = js_regexp_obj(R)->prog;
    if (!prog) {
        js_throw_type_error(ctx, "RegExp object is not initialized");
        return -1;
    }
    uint32_t flags = js_re_get_flags(prog->code);
    bool global_or_sticky = (flags & (RE_FLAG_GLOBAL | RE_FLAG_STICKY)) != 0;
    if (!global_or_sticky)
        last_index = 0;
    if (last_index > (int64_t)s.len) {
        if (global_or_sticky && js_regexp_set_last_index(ctx, R, 0) < 0)
            return -1;
        return 0;
    }
    int ncap = js_re_get_capture_count(prog->code);
    int *caps = m->local;
    if ((size_t)ncap * 2 > sizeof m->local / sizeof m->local[0]) {
        caps = malloc((size_t)ncap * 2 * sizeof(int));
        if (!caps) {
            js_throw_out_of_memory(ctx);
            return -1;
        }
    }
    JSRuntime *rt = ctx->rt;
    const void *data = s.wide ? (const void *)s.u.wide : (const void *)s.u.latin1;
    int r = js_re_exec(prog->code, data, s.len, s.wide, (size_t)last_index, caps,
                    rt->hooks.interrupt ? regexp_interrupt : NULL, rt);
    if (r != RE_MATCH) {
        if (caps != m->local)
            free(caps);
        if (r == RE_NO_MATCH) {
            if (global_or_sticky && js_regexp_set_last_index(ctx, R, 0) < 0)
                return -1;
            return 0;
        }
        if (r == RE_ERR_INTERRUPTED) {
            js_throw_error(ctx, JS_ERROR_INTERNAL, "interrupted");
            rt->exception_uncatchable = true;
        } else {
            js_throw_out_of_memory(ctx);
        }
        return -1;
    }
    m->caps = caps;
    m->ncap = ncap;
    m->prog = prog;
    if (global_or_sticky && js_regexp_set_last_index(ctx, R, caps[1]) < 0) {
        js_regexp_match_free(m);
        return -1;
    }
    return 1;
}

/* Defines the named groups of m on groups (a null-prototype object) from
 * vals[i] (the value of group i): a name gets its first group, unless a
 * later group of that name participated. No JS runs; may collect; 0 or -1. */
static int define_groups(JSContext *ctx, JSValue groups, const JSRegExpMatch *m, const JSValue *vals)
{
    const uint8_t *code = m->prog->code;
    for (int i = 1; i < m->ncap; i++) {
        size_t len;
        const char *name = js_re_get_group_name(code, i, &len);
        if (!name)
            continue;
        bool skip = false;
        for (int j = 1; j < i && !skip; j++) {
            size_t jl;
            const char *jn = js_re_get_group_name(code, j, &jl);
            if (jn && jl == len && memcmp(jn, name, len) == 0 && m->caps[2 * j] >= 0)
                skip = true;
        }
        if (skip)
            continue;
        JSAtom atom = js_atom_from_utf8(ctx, name, len);
        if (atom == JS_ATOM_NULL)
            return -1;
        JSRoot ra;
        js_root_push_atom(ctx, &ra, atom);
        int r = js_create_data_property(ctx, groups, atom, vals[i], JS_THROW);
        js_root_pop(ctx, &ra);
        if (r < 0)
            return -1;
    }
    return 0;
}

JSValue js_regexp_match_array(JSContext *ctx, JSValue str, const JSRegExpMatch *m)
{
    int ncap = m->ncap;
    bool has_groups = js_re_has_named_groups(m->prog->code) != 0;
    bool has_indices = (js_re_get_flags(m->prog->code) & RE_FLAG_HAS_INDICES) != 0;
    JSRoot rs, rvals, rarr, rgroups;
    js_root_push(ctx, &rs, str);
    JSValue ret = JS_EXCEPTION;
    JSValueArray *vals = js_value_array_new(ctx, (uint32_t)ncap);
    if (!vals) {
        js_root_pop(ctx, &rs);
        return JS_EXCEPTION;
    }
    js_root_push(ctx, &rvals, js_cell_value(vals));
    js_root_push(ctx, &rarr, JS_UNDEFINED);
    js_root_push(ctx, &rgroups, JS_UNDEFINED);
    for (int i = 0; i < ncap; i++) {
        int st = m->caps[2 * i], en = m->caps[2 * i + 1];
        if (st < 0 || en < st)
            continue;
        JSValue sub = js_string_substring(ctx, rs.v, (uint32_t)st, (uint32_t)en);
        if (js_is_exception(sub))
            goto done;
        vals = js_get_ptr(rvals.v);
        JS_STORE(ctx, vals, vals->values[i], sub);
    }
    vals = js_get_ptr(rvals.v);
    JSValue A = js_new_array_from(ctx, (uint32_t)ncap, vals->values);
    if (js_is_exception(A))
        goto done;
    rarr.v = A;
    if (has_groups) {
        JSValue g = js_new_object_proto(ctx, JS_NULL);
        if (js_is_exception(g))
            goto done;
        rgroups.v = g;
        if (define_groups(ctx, rgroups.v, m, ((JSValueArray *)js_get_ptr(rvals.v))->values) < 0)
            goto done;
    }
    if (js_array_add_match_props(ctx, rarr.v, js_int(m->caps[0]), rs.v, rgroups.v) < 0)
        goto done;
    if (has_indices) {
        /* MakeMatchIndicesIndexPairArray: reuse vals for the pairs */
        for (int i = 0; i < ncap; i++) {
            int st = m->caps[2 * i], en = m->caps[2 * i + 1];
            JSValue pair = JS_UNDEFINED;
            if (st >= 0 && en >= st) {
                JSValue two[2] = { js_int(st), js_int(en) };
                pair = js_new_array_from(ctx, 2, two);
                if (js_is_exception(pair))
                    goto done;
            }
            vals = js_get_ptr(rvals.v);
            JS_STORE(ctx, vals, vals->values[i], pair);
        }
        vals = js_get_ptr(rvals.v);
        JSValue ind = js_new_array_from(ctx, (uint32_t)ncap, vals->values);
        if (js_is_exception(ind))
            goto done;
        JSRoot rind;
        js_root_push(ctx, &rind, ind);
        rgroups.v = JS_UNDEFINED;
        if (has_groups) {
            JSValue g = js_new_object_proto(ctx, JS_NULL);
            if (js_is_exception(g))
                goto done;
            rgroups.v = g;
            if (define_groups(ctx, rgroups.v, m, ((JSValueArray *)js_get_ptr(rvals.v))->values) < 0)
                goto done;
        }
        if (js_create_data_property(ctx, rind.v, JS_ATOM_groups, rgroups.v, JS_THROW) < 0 ||
            js_create_data_property(ctx, rarr.v, JS_ATOM_indices, rind.v, JS_THROW) < 0)
            goto done;
    }
    ret = rarr.v;
done:
    js_root_pop(ctx, &rs);
    return ret;
}

JSValue js_regexp_builtin_exec(JSContext *ctx, JSValue R, JSValue str)
{
    JSRoot rr, rs;
    js_root_push(ctx, &rr, R);
    js_root_push(ctx, &rs, str);
    JSRegExpMatch m;
    int r = js_regexp_exec_raw(ctx, rr.v, rs.v, &m);
    JSValue ret;
    if (r < 0)
        ret = JS_EXCEPTION;
    else if (r == 0)
        ret = JS_NULL;
    else {
        ret = js_regexp_match_array(ctx, rs.v, &m);
        js_regexp_match_free(&m);
    }
    js_root_pop(ctx, &rr);
    return ret;
}

JSValue js_regexp_exec(JSContext *ctx, JSValue R, JSValue str)
{
    if (js_regexp_exec_is_intrinsic(R))
        return js_regexp_builtin_exec(ctx, R, str);
    JSRoot rr, rs, rexec;
    js_root_push(ctx, &rr, R);
    js_root_push(ctx, &rs, str);
    JSValue ret = JS_EXCEPTION;
    JSValue exec = js_get_property(ctx, R, JS_ATOM_exec);
    if (js_is_exception(exec))
        goto done;
    js_root_push(ctx, &rexec, exec);
    if (js_is_callable(exec)) {
        JSCFunctionObject *f = as_cfunc(exec);
        if (f && f->fn == regexp_proto_exec && js_is_regexp_obj(rr.v)) {
            ret = js_regexp_builtin_exec(ctx, rr.v, rs.v);
            goto done;
        }
        JSValue res = js_call(ctx, rexec.v, rr.v, 1, &rs.v);
        if (js_is_exception(res))
            goto done;
        if (!js_is_object(res) && !js_is_null(res)) {
            js_throw_type_error(ctx, "RegExp exec method returned something other than an Object or null");
            goto done;
        }
        ret = res;
        goto done;
    }
    if (!js_object_is_class(rr.v, JS_CLASS_REGEXP)) {
        js_throw_type_error(ctx, "RegExp.prototype.exec called on an incompatible receiver");
        goto done;
    }
    ret = js_regexp_builtin_exec(ctx, rr.v, rs.v);
done:
    js_root_pop(ctx, &rr);
    return ret;
}

/* ---- RegExp.prototype methods ---- */

static JSValue regexp_proto_exec(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_REGEXP))
        return js_throw_type_error(ctx, "RegExp.prototype.exec called on an incompatible receiver");
    JSValue s = js_to_string(ctx, argv[0]);
    if (js_is_exception(s))
        return s;
    return js_regexp_builtin_exec(ctx, this_val, s);
}

static JSValue regexp_proto_test(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "RegExp.prototype.test called on a non-object");
    JSValue s = js_to_string(ctx, argv[0]);
    if (js_is_exception(s))
        return s;
    if (js_regexp_exec_is_intrinsic(this_val)) {
        /* RegExpBuiltinExec without building the match array (the array
         * is unobservable: test only compares it with null). */
        JSRoot rs;
        js_root_push(ctx, &rs, s);
        JSRegExpMatch m;
        int r = js_regexp_exec_raw(ctx, this_val, rs.v, &m);
        js_root_pop(ctx, &rs);
        if (r < 0)
            return JS_EXCEPTION;
        if (r > 0)
            js_regexp_match_free(&m);
        return js_bool(r > 0);
    }
    JSValue res = js_regexp_exec(ctx, this_val, s);
    if (js_is_exception(res))
        return res;
    return js_bool(!js_is_null(res));
}

static JSValue regexp_proto_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "RegExp.prototype.toString called on a non-object");
    JSValue src = js_get_property(ctx, this_val, JS_ATOM_source);
    if (js_is_exception(src))
        return src;
    src = js_to_string(ctx, src);
    if (js_is_exception(src))
        return src;
    JSRoot rs;
    js_root_push(ctx, &rs, src);
    JSValue ret = JS_EXCEPTION;
    JSValue fl = js_get_property(ctx, this_val, JS_ATOM_flags);
    if (js_is_exception(fl))
        goto done;
    fl = js_to_string(ctx, fl);
    if (js_is_exception(fl))
        goto done;
    JSRoot rf;
    js_root_push(ctx, &rf, fl);
    StringBuffer sb;
    js_sb_init(ctx, &sb, js_string_len(rs.v) + js_string_len(rf.v) + 2);
    js_sb_putc(&sb, '/');
    js_sb_put_string(&sb, rs.v);
    js_sb_putc(&sb, '/');
    js_sb_put_string(&sb, rf.v);
    ret = js_sb_finish(&sb);
done:
    js_root_pop(ctx, &rs);
    return ret;
}

/* RegExp.prototype.compile(pattern, flags) (Annex B.2.4.1) */
static JSValue regexp_proto_compile(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_REGEXP))
        return js_throw_type_error(ctx, "RegExp.prototype.compile called on an incompatible receiver");
    JSValue P = argv[0], F = argv[1];
    if (js_object_is_class(P, JS_CLASS_REGEXP)) {
        if (!js_is_undefined(F))
            return js_throw_type_error(ctx, "Cannot supply flags when constructing one RegExp from another");
        JSRegExp *re = js_regexp_obj(P);
        P = re->source;
        F = re->flags;
    }
    return regexp_initialize(ctx, this_val, P, F);
}

/* get RegExp.prototype.flags */
static JSValue regexp_get_flags(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "RegExp.prototype.flags getter called on a non-object");
    if (flags_are_intrinsic(this_val))
        return flags_bits_to_string(ctx, js_re_get_flags(js_regexp_obj(this_val)->prog->code));
    uint8_t buf[8];
    size_t n = 0;
    for (int i = 0; i < 8; i++) {
        JSValue v = js_get_property(ctx, this_val, regexp_flag_table[i].atom);
        if (js_is_exception(v))
            return v;
        if (js_to_boolean(v))
            buf[n++] = (uint8_t)regexp_flag_table[i].letter;
    }
    return js_new_string_latin1(ctx, buf, n);
}

/* The realm's %RegExp.prototype%. */
static bool is_regexp_proto(JSContext *ctx, JSValue v)
{
    return v == ctx->class_proto[JS_CLASS_REGEXP];
}

/* get RegExp.prototype.{hasIndices, global, ...}: RegExpHasFlag; magic is
 * the index in regexp_flag_table. */
static JSValue regexp_get_flag(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "RegExp flag getter called on a non-object");
    if (!js_is_regexp_obj(this_val)) {
        if (is_regexp_proto(ctx, this_val))
            return JS_UNDEFINED;
        return js_throw_type_error(ctx, "RegExp flag getter called on an incompatible receiver");
    }
    uint32_t bits = js_re_get_flags(js_regexp_obj(this_val)->prog->code);
    return js_bool((bits & regexp_flag_table[magic].bit) != 0);
}

/* EscapeRegExpPattern: the source with '/' and line terminators escaped so
 * that "/" + source + "/" + flags reads back as the same literal. */
static JSValue escape_pattern(JSContext *ctx, JSValue src, uint32_t flags)
{
    JSString *s = js_string_flatten(ctx, src);
    if (!s)
        return JS_EXCEPTION;
    if (s->len == 0)
        return js_new_string_cstr(ctx, "(?:)");
    bool needs = false;
    for (uint32_t i = 0; i < s->len && !needs; i++) {
        uint16_t c = js_flat_char(s, i);
        needs = c == '/' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
    }
    if (!needs)
        return src;
    bool vmode = (flags & RE_FLAG_UNICODE_SETS) != 0;
    JSRoot rs;
    js_root_push(ctx, &rs, src);
    StringBuffer sb;
    js_sb_init(ctx, &sb, s->len + 8);
    int class_depth = 0;
    for (uint32_t i = 0; i < s->len; i++) {
        uint16_t c = js_flat_char(s, i);
        bool escaped = false;
        if (c == '\\' && i + 1 < s->len) {
            js_sb_putc(&sb, '\\');
            c = js_flat_char(s, ++i);
            escaped = true;
        }
        switch (c) {
        case '\n': js_sb_put_cstr(&sb, escaped ? "n" : "\\n"); continue;
        case '\r': js_sb_put_cstr(&sb, escaped ? "r" : "\\r"); continue;
        case 0x2028: js_sb_put_cstr(&sb, escaped ? "u2028" : "\\u2028"); continue;
        case 0x2029: js_sb_put_cstr(&sb, escaped ? "u2029" : "\\u2029"); continue;
        default: break;
        }
        if (!escaped) {
            if (c == '[') {
                if (class_depth == 0 || vmode)
                    class_depth++;
            } else if (c == ']') {
                if (class_depth > 0)
                    class_depth--;
            } else if (c == '/' && class_depth == 0) {
                js_sb_putc(&sb, '\\');
            }
        }
        js_sb_putc(&sb, c);
    }
    js_root_pop(ctx, &rs);
    return js_sb_finish(&sb);
}

/* get RegExp.prototype.source */
static JSValue regexp_get_source(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "RegExp.prototype.source getter called on a non-object");
    if (!js_is_regexp_obj(this_val)) {
        if (is_regexp_proto(ctx, this_val))
            return js_new_string_cstr(ctx, "(?:)");
        return js_throw_type_error(ctx, "RegExp.prototype.source getter called on an incompatible receiver");
    }
    JSRegExp *re = js_regexp_obj(this_val);
    return escape_pattern(ctx, re->source, js_re_get_flags(re->prog->code));
}

/* ---- RegExp.escape (ES2025) ---- */

static void put_hex_escape(StringBuffer *sb, uint32_t c)
{
    static const char hex[] = "0123456789abcdef";
    char buf[8];
    if (c <= 0xFF) {
        buf[0] = '\\'; buf[1] = 'x';
        buf[2] = hex[c >> 4]; buf[3] = hex[c & 15];
        buf[4] = 0;
    } else {
        buf[0] = '\\'; buf[1] = 'u';
        buf[2] = hex[(c >> 12) & 15]; buf[3] = hex[(c >> 8) & 15];
        buf[4] = hex[(c >> 4) & 15]; buf[5] = hex[c & 15];
        buf[6] = 0;
    }
    js_sb_put_cstr(sb, buf);
}

static bool is_line_terminator(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

static JSValue regexp_escape(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_string(argv[0]))
        return js_throw_type_error(ctx, "RegExp.escape: argument is not a string");
    JSString *s = js_string_flatten(ctx, argv[0]);
    if (!s)
        return JS_EXCEPTION;
    StringBuffer sb;
    js_sb_init(ctx, &sb, s->len + 8);
    s = js_string_flatten(ctx, argv[0]);   /* argv is rooted; flat already */
    for (uint32_t i = 0; i < s->len;) {
        uint32_t units;
        uint32_t c = js_flat_codepoint_at(s, i, &units);
        if (units == 0)
            units = 1;
        if (i == 0 && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            put_hex_escape(&sb, c);
        } else if (c < 128 && strchr("^$\\.*+?()[]{}|/", (int)c) && c != 0) {
            js_sb_putc(&sb, '\\');
            js_sb_putc(&sb, c);
        } else if (c >= 9 && c <= 13) {
            static const char letters[] = "tnvfr";
            js_sb_putc(&sb, '\\');
            js_sb_putc(&sb, (uint8_t)letters[c - 9]);
        } else if ((c < 128 && c != 0 && strchr(",-=<>#&!%:;@~'`\"", (int)c)) || js_uni_is_space(c) ||
                   is_line_terminator(c) || (c >= 0xD800 && c <= 0xDFFF)) {
            put_hex_escape(&sb, c);
        } else {
            js_sb_putc(&sb, c);
        }
        i += units;
    }
    return js_sb_finish(&sb);
}

/* ---- set-up ---- */

static const JSPropEntry regexp_ctor_props[] = {
    JS_CFUNC_DEF("escape", 1, regexp_escape),
    JS_CGETSET_DEF("[Symbol.species]", regexp_species, NULL),
};

static const JSPropEntry regexp_proto_props[] = {
    JS_CFUNC_DEF("exec", 1, regexp_proto_exec),
    JS_CFUNC_DEF("test", 1, regexp_proto_test),
    JS_CFUNC_DEF("toString", 0, regexp_proto_to_string),
    JS_CFUNC_DEF("compile", 2, regexp_proto_compile),
    JS_CGETSET_DEF("flags", regexp_get_flags, NULL),
    JS_CGETSET_DEF("source", regexp_get_source, NULL),
    JS_CGETSET_MAGIC_DEF("hasIndices", regexp_get_flag, NULL, 0),
    JS_CGETSET_MAGIC_DEF("global", regexp_get_flag, NULL, 1),
    JS_CGETSET_MAGIC_DEF("ignoreCase", regexp_get_flag, NULL, 2),
    JS_CGETSET_MAGIC_DEF("multiline", regexp_get_flag, NULL, 3),
    JS_CGETSET_MAGIC_DEF("dotAll", regexp_get_flag, NULL, 4),
    JS_CGETSET_MAGIC_DEF("unicode", regexp_get_flag, NULL, 5),
    JS_CGETSET_MAGIC_DEF("unicodeSets", regexp_get_flag, NULL, 6),
    JS_CGETSET_MAGIC_DEF("sticky", regexp_get_flag, NULL, 7),
};

#define COUNTOF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Sets up RegExp, RegExp.prototype and %RegExpStringIteratorPrototype%
 * (which needs %IteratorPrototype%: run after js_init_iterator). May
 * collect; 0 or -1. */
int js_init_regexp(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_REGEXP, &regexp_class);
    JSValue proto = js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
    if (js_is_exception(proto))
        return -1;
    ctx->class_proto[JS_CLASS_REGEXP] = proto;
    JSValue ctor = js_new_constructor(ctx, regexp_ctor, "RegExp", 2, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    ctx->intrinsics[JS_INTRINSIC_RegExpConstructor] = ctor;
    if (js_define_prop_entries(ctx, ctor, regexp_ctor_props, COUNTOF(regexp_ctor_props)) < 0)
        return -1;
    proto = ctx->class_proto[JS_CLASS_REGEXP];
    if (js_define_prop_entries(ctx, proto, regexp_proto_props, COUNTOF(regexp_proto_props)) < 0)
        return -1;
    return js_regexp_init_symbols(ctx, ctx->class_proto[JS_CLASS_REGEXP]);
}
