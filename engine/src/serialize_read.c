/* The serialized bytecode reader (qjs_read_bytecode) and the dump of a
 * serialized buffer (qjs_inspect_bytecode). Every read is bounds-checked
 * and every index validated (docs/bytecode-format.md); the functions it
 * builds are then checked by the verifier (bytecode_verify.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qjs.h"
#include "serialize.h"
#include "compiler/compile.h"
#include "module_info.h"
#include "str.h"
#include "bigint.h"
#include "stack_guard.h"

/* Registers a module unit: api_module.c (the modules subsystem). */
int qjs_register_module(QJSContext *ctx, const char *name, QJSValue module);

typedef struct Reader {
    JSContext *ctx;
    const uint8_t *buf;
    size_t pos, end;            /* end: start of the checksum */
    JSValueArray *strs;         /* string table (rooted by the caller) */
    uint32_t nstrs;
    JSAtom *amap;               /* atom of each string, 0 until first use */
    JSValueArray *srcs;         /* JSSource cells (rooted) */
    bool failed;
} Reader;

static void r_error(Reader *r, const char *fmt, ...) js_printf_like(2, 3);

static void r_error(Reader *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = true;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    js_throw_syntax_error(r->ctx, "bytecode: %s", msg);
}

static bool need(Reader *r, size_t n)
{
    if (r->failed)
        return false;
    if (r->end - r->pos < n) {
        r_error(r, "truncated at offset %zu", r->end);
        return false;
    }
    return true;
}

static uint32_t get_u8(Reader *r)
{
    if (!need(r, 1))
        return 0;
    return r->buf[r->pos++];
}

static uint32_t get_u16(Reader *r)
{
    if (!need(r, 2))
        return 0;
    const uint8_t *p = r->buf + r->pos;
    r->pos += 2;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t get_u32(Reader *r)
{
    if (!need(r, 4))
        return 0;
    const uint8_t *p = r->buf + r->pos;
    r->pos += 4;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(Reader *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

/* A count of items of at least unit bytes each, bounded by what is left. */
static uint32_t get_count(Reader *r, size_t unit, const char *what)
{
    size_t at = r->pos;
    uint32_t n = get_u32(r);
    if (!r->failed && unit && n > (r->end - r->pos) / unit)
        r_error(r, "%s count %u too large at offset %zu", what, n, at);
    return r->failed ? 0 : n;
}

static JSValue get_string(Reader *r)
{
    size_t at = r->pos;
    uint32_t i = get_u32(r);
    if (r->failed)
        return JS_UNDEFINED;
    if (i >= r->nstrs) {
        r_error(r, "bad string index %u at offset %zu", i, at);
        return JS_UNDEFINED;
    }
    return r->strs->values[i];
}

static JSAtom get_atom(Reader *r)
{
    size_t at = r->pos;
    uint32_t ref = get_u32(r);
    if (r->failed || ref == 0)
        return JS_ATOM_NULL;
    if (ref & JS_ATOM_TAG_INT) {
        if (js_atom_get_int(ref) > JS_ATOM_MAX_INT)
            r_error(r, "bad integer atom at offset %zu", at);
        return ref;
    }
    if (ref & JS_BC_SYM_REF) {
        uint32_t a = ref & ~JS_BC_SYM_REF;
        if (a >= JS_ATOM_END || !js_atom_is_symbol(r->ctx->rt, a)) {
            r_error(r, "bad symbol atom %u at offset %zu", a, at);
            return JS_ATOM_NULL;
        }
        return a;
    }
    uint32_t i = ref - 1;
    if (i >= r->nstrs) {
        r_error(r, "bad atom index %u at offset %zu", ref, at);
        return JS_ATOM_NULL;
    }
    if (!r->amap[i]) {
        JSAtom a = js_atom_from_string(r->ctx, r->strs->values[i]);
        if (a == JS_ATOM_NULL) {
            r->failed = true;
            return JS_ATOM_NULL;
        }
        /* the interned string in the rooted table keeps the atom alive */
        if (!js_atom_is_int(a))
            r->strs->values[i] = js_atom_to_value(r->ctx, a);
        r->amap[i] = a;
    }
    return r->amap[i];
}

/* ------------------------------------------------------------------ */
/* strings and sources                                                 */

static void read_strings(Reader *r)
{
    JSContext *ctx = r->ctx;
    uint32_t n = get_count(r, 5, "string");
    if (r->failed)
        return;
    r->amap = calloc(n ? n : 1, sizeof *r->amap);
    if (!r->amap) {
        js_throw_out_of_memory(ctx);
        r->failed = true;
        return;
    }
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        size_t at = r->pos;
        uint32_t kind = get_u8(r);
        uint32_t len = get_u32(r);
        if (r->failed)
            return;
        if (kind > 1) {
            r_error(r, "bad string kind %u at offset %zu", kind, at);
            return;
        }
        size_t bytes = (size_t)len << kind;
        if (!need(r, bytes))
            return;
        const uint8_t *p = r->buf + r->pos;
        JSValue v;
        if (kind == 0) {
            v = js_new_string_latin1(ctx, p, len);
        } else {
            uint16_t *tmp = malloc(bytes ? bytes : 1);
            if (!tmp) {
                js_throw_out_of_memory(ctx);
                r->failed = true;
                return;
            }
            for (uint32_t j = 0; j < len; j++)
                tmp[j] = (uint16_t)(p[2 * j] | p[2 * j + 1] << 8);
            v = js_new_string_utf16(ctx, tmp, len);
            free(tmp);
        }
        if (v == JS_EXCEPTION) {
            r->failed = true;
            return;
        }
        r->pos += bytes;
        r->strs->values[i] = v;
        r->nstrs = i + 1;
    }
}

/* Well-formed UTF-8, surrogates allowed (WTF-8). */
static bool valid_utf8(const uint8_t *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint8_t c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int n;
        uint32_t cp, min;
        if ((c & 0xe0) == 0xc0) { n = 1; cp = c & 0x1f; min = 0x80; }
        else if ((c & 0xf0) == 0xe0) { n = 2; cp = c & 0x0f; min = 0x800; }
        else if ((c & 0xf8) == 0xf0) { n = 3; cp = c & 0x07; min = 0x10000; }
        else return false;
        if (len - i <= (size_t)n)
            return false;
        for (int k = 1; k <= n; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff)
            return false;
        i += (size_t)n + 1;
    }
    return true;
}

static void read_sources(Reader *r, JSRoot *root)
{
    uint32_t n = get_count(r, 4, "source");
    if (r->failed)
        return;
    JSValueArray *a = js_value_array_new(r->ctx, n);
    if (!a) {
        r->failed = true;
        return;
    }
    root->v = js_mkptr(JS_TAG_CELL, a);
    r->srcs = a;
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        size_t at = r->pos;
        uint32_t len = get_u32(r);
        if (!need(r, len))
            return;
        const uint8_t *p = r->buf + r->pos;
        if (!valid_utf8(p, len)) {
            r_error(r, "source text %u at offset %zu is not UTF-8", i, at);
            return;
        }
        JSSource *s = js_source_new(r->ctx, (const char *)p, len);
        if (!s) {
            r->failed = true;
            return;
        }
        a->values[i] = js_mkptr(JS_TAG_CELL, s);
        r->pos += len;
    }
}

/* ------------------------------------------------------------------ */
/* functions                                                           */

static void read_function(Reader *r, JSFunctionBytecode *b, int depth);

static void read_code(Reader *r, JSFunctionBytecode *b)
{
    uint32_t len = get_u32(r);
    if (!need(r, len))
        return;
    uint8_t *code = malloc(len ? len : 1);
    if (!code) {
        js_throw_out_of_memory(r->ctx);
        r->failed = true;
        return;
    }
    size_t base = r->pos;
    uint32_t pc = 0;
    while (pc < len && !r->failed) {
        uint8_t op = r->buf[base + pc];
        if (op >= OP_COUNT) {
            r_error(r, "bad opcode %u at pc %u (offset %zu)", op, pc, base + pc);
            break;
        }
        if (len - pc < js_opcode_size[op]) {
            r_error(r, "instruction %s at pc %u runs past the end of the code", js_opcode_name[op], pc);
            break;
        }
        code[pc] = op;
        r->pos = base + pc + 1;
        uint8_t *q = code + pc + 1;
        for (const char *f = js_opcode_format[op]; *f; f++) {
            switch (*f) {
            case 'r': case 'h': {
                uint16_t v = (uint16_t)get_u16(r);
                memcpy(q, &v, 2);
                q += 2;
                break;
            }
            case 'b':
                *q++ = (uint8_t)get_u8(r);
                break;
            case 'a': {
                uint32_t v = get_atom(r);
                memcpy(q, &v, 4);
                q += 4;
                break;
            }
            default: {
                uint32_t v = get_u32(r);
                memcpy(q, &v, 4);
                q += 4;
                break;
            }
            }
        }
        pc += js_opcode_size[op];
    }
    if (r->failed) {
        free(code);
        return;
    }
    r->pos = base + len;
    b->code = code;
    b->code_len = len;
}

static JSValue read_template(Reader *r, JSFunctionBytecode *b, uint32_t k)
{
    uint32_t n = get_count(r, 2, "template part");
    if (r->failed)
        return JS_UNDEFINED;
    JSValueArray *a = js_value_array_new(r->ctx, 2 * n);
    if (!a) {
        r->failed = true;
        return JS_UNDEFINED;
    }
    b->cpool[k] = js_mkptr(JS_TAG_CELL, a);
    for (uint32_t i = 0; i < 2 * n && !r->failed; i++) {
        size_t at = r->pos;
        uint32_t t = get_u8(r);
        if (t == 1)
            a->values[i] = get_string(r);
        else if (t != 0 || i >= n)      /* raw strings are never undefined */
            r_error(r, "bad template entry at offset %zu", at);
    }
    return b->cpool[k];
}

static JSValue read_scope(Reader *r, JSFunctionBytecode *b, uint32_t k)
{
    uint32_t flags = get_u32(r);
    uint32_t n = get_count(r, 8, "scope entry");
    if (r->failed)
        return JS_UNDEFINED;
    JSScopeDesc *d = js_scope_desc_new(r->ctx, n ? n : 1);
    if (!d) {
        r->failed = true;
        return JS_UNDEFINED;
    }
    d->flags = flags;
    b->cpool[k] = js_mkptr(JS_TAG_CELL, d);
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        JSScopeDescEntry e;
        e.name = get_atom(r);
        e.kind = (uint8_t)get_u8(r);
        e.flags = (uint8_t)get_u8(r);
        e.index = (uint16_t)get_u16(r);
        d->entries[i] = e;
        d->count = i + 1;
    }
    return b->cpool[k];
}

static JSValue read_bigint(Reader *r)
{
    size_t at = r->pos;
    uint32_t neg = get_u8(r);
    uint32_t n = get_u32(r);
    if (!need(r, n))
        return JS_UNDEFINED;
    const char *digits = (const char *)r->buf + r->pos;
    bool ok = neg <= 1 && n > 0;
    for (uint32_t i = 0; i < n && ok; i++) {
        char c = digits[i];
        ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
    if (!ok) {
        r_error(r, "bad BigInt constant at offset %zu", at);
        return JS_UNDEFINED;
    }
    r->pos += n;
    JSValue v = js_bigint_from_literal(r->ctx, digits, n, 16);
    if (v != JS_EXCEPTION && neg) {
        JSRoot rv;
        js_root_push(r->ctx, &rv, v);
        JSValue zero = js_bigint_from_int64(r->ctx, 0);
        v = zero == JS_EXCEPTION ? zero : js_bigint_binary_op(r->ctx, JS_BIGINT_OP_SUB, zero, rv.v);
        js_root_pop(r->ctx, &rv);
    }
    if (v == JS_EXCEPTION) {
        r->failed = true;
        return JS_UNDEFINED;
    }
    return v;
}

static void read_const(Reader *r, JSFunctionBytecode *b, uint32_t k, int depth)
{
    size_t at = r->pos;
    uint32_t tag = get_u8(r);
    if (r->failed)
        return;
    switch (tag) {
    case JS_BCK_INT:
        b->cpool[k] = js_int((int32_t)get_u32(r));
        break;
    case JS_BCK_FLOAT: {
        uint64_t bits = get_u64(r);
        double d;
        memcpy(&d, &bits, sizeof d);
        b->cpool[k] = js_double(d);
        break;
    }
    case JS_BCK_STRING:
        b->cpool[k] = get_string(r);
        break;
    case JS_BCK_BIGINT:
        b->cpool[k] = read_bigint(r);
        break;
    case JS_BCK_FUNCTION: {
        JSFunctionBytecode *c = js_bytecode_new(r->ctx);
        if (!c) {
            r->failed = true;
            return;
        }
        b->cpool[k] = js_mkptr(JS_TAG_CELL, c);
        read_function(r, c, depth + 1);
        break;
    }
    case JS_BCK_TEMPLATE:
        read_template(r, b, k);
        break;
    case JS_BCK_SCOPE:
        read_scope(r, b, k);
        break;
    case JS_BCK_UNDEFINED:
        b->cpool[k] = JS_UNDEFINED;
        break;
    default:
        r_error(r, "bad constant tag %u at offset %zu", tag, at);
        break;
    }
}

static void *r_calloc(Reader *r, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p && !r->failed) {
        js_throw_out_of_memory(r->ctx);
        r->failed = true;
    }
    return p;
}

/* Builds the record apart and hangs it on b only when complete: atoms
 * are resolved along the way (which may collect). */
static void read_module(Reader *r, JSFunctionBytecode *b)
{
    JSModuleInfo *m = r_calloc(r, 1, sizeof *m);
    if (!m)
        return;
    m->flags = get_u32(r);
    uint32_t n = get_count(r, 8, "module request");
    m->requests = r_calloc(r, n, sizeof *m->requests);
    for (uint32_t i = 0; i < n && !r->failed && m->requests; i++) {
        JSModuleRequest *q = &m->requests[i];
        q->specifier = get_atom(r);
        uint32_t na = get_count(r, 8, "import attribute");
        q->attrs = r_calloc(r, na, sizeof *q->attrs);
        m->request_count = i + 1;
        for (uint32_t j = 0; j < na && !r->failed && q->attrs; j++) {
            q->attrs[j].key = get_atom(r);
            q->attrs[j].value = get_atom(r);
            q->attr_count = j + 1;
        }
    }
    n = get_count(r, 16, "import entry");
    m->imports = r->failed ? NULL : r_calloc(r, n, sizeof *m->imports);
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        JSImportEntry *e = &m->imports[i];
        e->request = get_u32(r);
        e->import_name = get_atom(r);
        e->local_name = get_atom(r);
        e->slot = get_u32(r);
        m->import_count = i + 1;
    }
    n = get_count(r, 21, "export entry");
    m->exports = r->failed ? NULL : r_calloc(r, n, sizeof *m->exports);
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        JSExportEntry *e = &m->exports[i];
        e->kind = (uint8_t)get_u8(r);
        e->export_name = get_atom(r);
        e->request = get_u32(r);
        e->import_name = get_atom(r);
        e->local_name = get_atom(r);
        e->slot = get_u32(r);
        m->export_count = i + 1;
    }
    if (r->failed) {
        js_module_info_free(m);
        return;
    }
    b->module = m;
}

static void read_function(Reader *r, JSFunctionBytecode *b, int depth)
{
    if (r->failed)
        return;
    if (depth > JS_BC_MAX_DEPTH || js_stack_exhausted(r->ctx->rt->native_stack_limit)) {
        r_error(r, "functions nested too deeply at offset %zu", r->pos);
        return;
    }
    b->flags = get_u32(r);
    b->nregs = (uint16_t)get_u16(r);
    b->nparams = (uint16_t)get_u16(r);
    b->length = (uint16_t)get_u16(r);
    b->ninit = (uint16_t)get_u16(r);
    b->name = get_atom(r);
    b->filename = get_atom(r);
    if (b->filename == JS_ATOM_NULL)
        b->filename = JS_ATOM_empty_string;
    b->line = get_u32(r);
    b->col = get_u32(r);
    size_t at = r->pos;
    uint32_t si = get_u32(r);
    uint32_t ss = get_u32(r), se = get_u32(r);
    if (r->failed)
        return;
    if (si != JS_BC_NO_INDEX) {
        if (si >= r->srcs->len) {
            r_error(r, "bad source index %u at offset %zu", si, at);
            return;
        }
        JSSource *s = js_get_ptr(r->srcs->values[si]);
        if (ss > se || se > s->len) {
            r_error(r, "bad source range %u..%u at offset %zu", ss, se, at);
            return;
        }
        b->source = s;
        b->src_start = ss;
        b->src_end = se;
    }
    read_code(r, b);

    uint32_t n = get_count(r, 4, "atom");
    JSAtom *atoms = r->failed ? NULL : r_calloc(r, n, sizeof *atoms);
    for (uint32_t i = 0; i < n && !r->failed; i++)
        atoms[i] = get_atom(r);
    if (r->failed) {
        free(atoms);
        return;
    }
    b->atoms = atoms;
    b->atom_count = n;

    at = r->pos;
    n = get_u32(r);
    if (!r->failed && n > b->code_len) {
        r_error(r, "inline cache count %u too large at offset %zu", n, at);
        return;
    }
    b->ics = r_calloc(r, n, sizeof *b->ics);
    if (r->failed)
        return;
    b->ic_count = n;

    n = get_count(r, 12, "handler");
    b->handlers = r->failed ? NULL : r_calloc(r, n, sizeof *b->handlers);
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        b->handlers[i].start = get_u32(r);
        b->handlers[i].end = get_u32(r);
        b->handlers[i].target = get_u32(r);
        b->handler_count = i + 1;
    }

    at = r->pos;
    n = get_u16(r);
    if (!r->failed && n > (r->end - r->pos) / 8) {
        r_error(r, "capture count %u too large at offset %zu", n, at);
        return;
    }
    JSCaptureInfo *caps = r->failed ? NULL : r_calloc(r, n, sizeof *caps);
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        caps[i].from_capture = (uint8_t)get_u8(r);
        caps[i].is_const = (uint8_t)get_u8(r);
        caps[i].index = (uint16_t)get_u16(r);
        caps[i].name = get_atom(r);
    }
    if (r->failed) {
        free(caps);
        return;
    }
    b->captures = caps;
    b->capture_count = (uint16_t)n;

    n = get_u32(r);
    if (!need(r, n))
        return;
    if (n) {
        b->lines = r_calloc(r, n, 1);
        if (r->failed)
            return;
        memcpy(b->lines, r->buf + r->pos, n);
        b->lines_len = n;
        r->pos += n;
    }

    n = get_count(r, 14, "local name");
    JSLocalName *lns = r->failed ? NULL : r_calloc(r, n, sizeof *lns);
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        lns[i].start = get_u32(r);
        lns[i].end = get_u32(r);
        lns[i].name = get_atom(r);
        lns[i].reg = (uint16_t)get_u16(r);
    }
    if (r->failed) {
        free(lns);
        return;
    }
    b->local_names = lns;
    b->local_name_count = n;

    n = get_count(r, 1, "constant");
    JSValue *cp = r->failed ? NULL : r_calloc(r, n, sizeof *cp);
    if (r->failed)
        return;
    for (uint32_t i = 0; i < n; i++)
        cp[i] = JS_UNDEFINED;
    b->cpool = cp;
    b->cpool_len = n;
    for (uint32_t i = 0; i < n && !r->failed; i++)
        read_const(r, b, i, depth);

    at = r->pos;
    uint32_t has_module = get_u8(r);
    if (r->failed)
        return;
    if (has_module > 1 || (has_module && depth > 0)) {
        r_error(r, "bad module record flag at offset %zu", at);
        return;
    }
    if (has_module)
        read_module(r, b);
}

/* ------------------------------------------------------------------ */
/* file                                                                */

static uint32_t hdr32(const uint8_t *buf, size_t off)
{
    const uint8_t *p = buf + off;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int check_header(JSContext *ctx, const uint8_t *buf, size_t len, int read_flags)
{
    if (!buf || len < JS_BC_MAGIC_LEN || memcmp(buf, JS_BC_MAGIC, JS_BC_MAGIC_LEN) != 0) {
        if (buf && len < JS_BC_MAGIC_LEN && memcmp(buf, JS_BC_MAGIC, len) == 0)
            js_throw_syntax_error(ctx, "bytecode: truncated at offset %zu", len);
        else
            js_throw_syntax_error(ctx, "bytecode: not a bytecode file (bad magic)");
        return -1;
    }
    if (len < JS_BC_HEADER_LEN + 4) {
        js_throw_syntax_error(ctx, "bytecode: truncated at offset %zu", len);
        return -1;
    }
    uint32_t ver = hdr32(buf, JS_BCH_VERSION);
    if (ver != JS_BC_FORMAT_VERSION) {
        js_throw_syntax_error(ctx, "bytecode: format version %u, this runtime reads %u", ver, JS_BC_FORMAT_VERSION);
        return -1;
    }
    char ev[JS_BC_VERSION_LEN + 1];
    memcpy(ev, buf + JS_BCH_ENGINE, JS_BC_VERSION_LEN);
    ev[JS_BC_VERSION_LEN] = 0;
    for (char *p = ev; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
            *p = '?';
    uint32_t oh = hdr32(buf, JS_BCH_OPHASH), bh = hdr32(buf, JS_BCH_BUILDHASH);
    if (strcmp(ev, QJS_VERSION_STRING) != 0 || oh != js_bc_opcode_hash() || bh != js_bc_build_hash()) {
        js_throw_syntax_error(ctx, "bytecode: built for engine version %s / opcode table hash %08x / build hash %08x; "
                              "this runtime is %s / %08x / %08x", ev, oh, bh, QJS_VERSION_STRING,
                              js_bc_opcode_hash(), js_bc_build_hash());
        return -1;
    }
    uint32_t total = hdr32(buf, JS_BCH_LENGTH);
    if (total > len) {
        js_throw_syntax_error(ctx, "bytecode: truncated at offset %zu", len);
        return -1;
    }
    if (total < len) {
        js_throw_syntax_error(ctx, "bytecode: %zu bytes of garbage after the end at offset %u", len - total, total);
        return -1;
    }
    /* trusted bytes are the program's own, like its machine code: a
     * pass over all of them at every start would buy nothing */
    uint32_t crc = hdr32(buf, len - 4);
    if (!(read_flags & QJS_READ_TRUSTED) && crc != js_bc_crc32(buf, len - 4)) {
        js_throw_syntax_error(ctx, "bytecode: checksum mismatch");
        return -1;
    }
    uint32_t flags = hdr32(buf, JS_BCH_FLAGS);
    if (flags & ~(uint32_t)(QJS_WRITE_STRIP_SOURCE | QJS_WRITE_STRIP_DEBUG)) {
        js_throw_syntax_error(ctx, "bytecode: unknown flags %#x", flags);
        return -1;
    }
    uint32_t fo = hdr32(buf, JS_BCH_FUNCS), so = hdr32(buf, JS_BCH_SOURCES);
    if (fo < JS_BC_HEADER_LEN || fo > so || so > len - 4) {
        js_throw_syntax_error(ctx, "bytecode: bad section offsets %u, %u", fo, so);
        return -1;
    }
    return 0;
}

/* Reads every unit of buf into a new array [unit, name, unit, name...]
 * (name: a string or undefined), verified unless flags has
 * QJS_READ_TRUSTED. Returns the array as a cell value, or JS_EXCEPTION
 * (SyntaxError). May collect. */
static JSValue read_units(JSContext *ctx, const uint8_t *buf, size_t len, int flags)
{
    js_opcode_init();
    if (check_header(ctx, buf, len, flags) < 0)
        return JS_EXCEPTION;
    Reader r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.buf = buf;
    uint32_t nunits = hdr32(buf, JS_BCH_UNITS);
    uint32_t fo = hdr32(buf, JS_BCH_FUNCS), so = hdr32(buf, JS_BCH_SOURCES);
    JSRoot rs, rsrc, ru;
    js_root_push(ctx, &rs, JS_UNDEFINED);
    js_root_push(ctx, &rsrc, JS_UNDEFINED);
    js_root_push(ctx, &ru, JS_UNDEFINED);
    JSValue res = JS_EXCEPTION;

    /* string table: [header end, function section) */
    r.pos = JS_BC_HEADER_LEN;
    r.end = fo;
    size_t at = r.pos;
    uint32_t nstr = get_count(&r, 5, "string");
    if (r.failed)
        goto done;
    r.strs = js_value_array_new(ctx, nstr);
    if (!r.strs)
        goto done;
    rs.v = js_mkptr(JS_TAG_CELL, r.strs);
    r.pos = at;
    read_strings(&r);
    if (!r.failed && r.pos != fo)
        r_error(&r, "%zu unused bytes after the string table at offset %zu", fo - r.pos, r.pos);
    if (r.failed)
        goto done;

    /* sources: [source section, checksum) */
    r.pos = so;
    r.end = len - 4;
    read_sources(&r, &rsrc);
    if (!r.failed && r.pos != r.end)
        r_error(&r, "unused bytes after the sources at offset %zu", r.pos);
    if (r.failed)
        goto done;

    /* units: [function section, source section) */
    r.pos = fo;
    r.end = so;
    if (nunits == 0 || nunits > (so - fo) / 8) {
        r_error(&r, "bad unit count %u", nunits);
        goto done;
    }
    JSValueArray *units = js_value_array_new(ctx, 2 * nunits);
    if (!units)
        goto done;
    ru.v = js_mkptr(JS_TAG_CELL, units);
    for (uint32_t i = 0; i < nunits && !r.failed; i++) {
        at = r.pos;
        uint32_t ni = get_u32(&r);
        if (ni != JS_BC_NO_INDEX) {
            if (ni >= r.nstrs) {
                r_error(&r, "bad unit name index %u at offset %zu", ni, at);
                break;
            }
            units->values[2 * i + 1] = r.strs->values[ni];
        }
        at = r.pos;
        uint32_t kind = get_u8(&r);
        if (r.failed)
            break;
        if (kind > 1) {
            r_error(&r, "bad unit kind %u at offset %zu", kind, at);
            break;
        }
        JSFunctionBytecode *b = js_bytecode_new(ctx);
        if (!b) {
            r.failed = true;
            break;
        }
        units->values[2 * i] = js_mkptr(JS_TAG_CELL, b);
        read_function(&r, b, 0);
        if (!r.failed && (b->module != NULL) != (kind == 1))
            r_error(&r, "unit %u: module record does not match its kind", i);
        if (!r.failed && !(flags & QJS_READ_TRUSTED)) {
            if (!js_bytecode_verifier) {
                js_throw_error(ctx, JS_ERROR_PLAIN, "this program was built without the bytecode verifier "
                               "(qjsc --builtins auto): it reads only its own bytecode");
                r.failed = true;
            } else if (js_bytecode_verifier->verify(ctx, b, NULL) < 0) {
                r.failed = true;
            }
        }
    }
    if (!r.failed && r.pos != so)
        r_error(&r, "unused bytes after the units at offset %zu", r.pos);
    if (!r.failed)
        res = ru.v;
done:
    if (!r.failed && res == JS_EXCEPTION && !js_has_exception(ctx))
        js_throw_out_of_memory(ctx);
    free(r.amap);
    js_root_pop(ctx, &rs);
    return res;
}

/* Reads the units and registers the modules: the array of
 * [unit, name] pairs, or JS_EXCEPTION. May collect. */
static JSValue read_and_register(JSContext *ctx, const uint8_t *buf, size_t len, int flags)
{
    JSValue arr = read_units(ctx, buf, len, flags);
    if (arr == JS_EXCEPTION)
        return JS_EXCEPTION;
    JSRoot ra;
    js_root_push(ctx, &ra, arr);
    JSValueArray *a = js_get_ptr(arr);
    JSValue res = arr;
    for (uint32_t i = 0; i < a->len; i += 2) {
        JSFunctionBytecode *b = js_get_ptr(a->values[i]);
        if (!b->module || !js_is_string(a->values[i + 1]))
            continue;
        char *name = js_string_to_utf8(ctx, a->values[i + 1], NULL);
        if (!name) {
            res = JS_EXCEPTION;
            break;
        }
        int rc = qjs_register_module(ctx, name, a->values[i]);
        free(name);
        if (rc < 0) {
            res = JS_EXCEPTION;
            break;
        }
    }
    js_root_pop(ctx, &ra);
    return res;
}

/* qjs.h: the first unit (not run), its modules registered; or an
 * exception (SyntaxError "bytecode: ...", or what registration throws).
 * May collect. */
QJSValue qjs_read_bytecode(QJSContext *ctx, const uint8_t *buf, size_t len)
{
    return qjs_read_bytecode_flags(ctx, buf, len, 0);
}

QJSValue qjs_read_bytecode_flags(QJSContext *ctx, const uint8_t *buf, size_t len, int flags)
{
    JSValue arr = read_and_register(ctx, buf, len, flags);
    if (arr == JS_EXCEPTION)
        return JS_EXCEPTION;
    return ((JSValueArray *)js_get_ptr(arr))->values[0];
}

/* qjs.h: a new JS array [unit0, name0, ...] of every unit, the modules
 * registered; or an exception. May collect. */
QJSValue qjs_read_bytecode_units(QJSContext *ctx, const uint8_t *buf, size_t len)
{
    return qjs_read_bytecode_units_flags(ctx, buf, len, 0);
}

QJSValue qjs_read_bytecode_units_flags(QJSContext *ctx, const uint8_t *buf, size_t len, int flags)
{
    JSValue arr = read_and_register(ctx, buf, len, flags);
    if (arr == JS_EXCEPTION)
        return JS_EXCEPTION;
    JSRoot ra;
    js_root_push(ctx, &ra, arr);
    JSValue res = qjs_new_array(ctx);
    if (res != JS_EXCEPTION) {
        JSRoot rr;
        js_root_push(ctx, &rr, res);
        JSValueArray *a = js_get_ptr(ra.v);
        for (uint32_t i = 0; i < a->len; i++) {
            a = js_get_ptr(ra.v);
            if (qjs_set_index(ctx, rr.v, i, a->values[i]) < 0) {
                res = JS_EXCEPTION;
                break;
            }
        }
        js_root_pop(ctx, &rr);
    }
    js_root_pop(ctx, &ra);
    return res;
}

/* ------------------------------------------------------------------ */
/* inspection                                                          */

typedef struct Text {
    char *p;
    size_t len, cap;
    bool oom;
} Text;

static void tprintf(Text *t, const char *fmt, ...) js_printf_like(2, 3);

static void tprintf(Text *t, const char *fmt, ...)
{
    if (t->oom)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (t->len + (size_t)n + 1 > t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 1024;
        while (nc < t->len + (size_t)n + 1)
            nc *= 2;
        char *np = realloc(t->p, nc);
        if (!np) {
            t->oom = true;
            return;
        }
        t->p = np;
        t->cap = nc;
    }
    va_start(ap, fmt);
    vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static const char *aname(JSRuntime *rt, char *buf, size_t size, JSAtom a)
{
    if (a == JS_ATOM_NULL)
        return "-";
    return js_atom_get_cstr(rt, buf, size, a);
}

static void inspect_module(Text *t, JSRuntime *rt, const JSModuleInfo *m)
{
    char b1[128], b2[128], b3[128];
    tprintf(t, "  module record: flags %#x%s\n", m->flags, (m->flags & JS_MODULE_HAS_TLA) ? " (top-level await)" : "");
    for (uint32_t i = 0; i < m->request_count; i++) {
        tprintf(t, "    request %u: \"%s\"", i, aname(rt, b1, sizeof b1, m->requests[i].specifier));
        for (uint32_t j = 0; j < m->requests[i].attr_count; j++)
            tprintf(t, " %s: \"%s\"", aname(rt, b2, sizeof b2, m->requests[i].attrs[j].key),
                    aname(rt, b3, sizeof b3, m->requests[i].attrs[j].value));
        tprintf(t, "\n");
    }
    for (uint32_t i = 0; i < m->import_count; i++) {
        const JSImportEntry *e = &m->imports[i];
        tprintf(t, "    import %s as %s from request %u (slot %u)\n",
                e->import_name ? aname(rt, b1, sizeof b1, e->import_name) : "*",
                aname(rt, b2, sizeof b2, e->local_name), e->request, e->slot);
    }
    for (uint32_t i = 0; i < m->export_count; i++) {
        const JSExportEntry *e = &m->exports[i];
        switch (e->kind) {
        case JS_EXPORT_LOCAL:
            tprintf(t, "    export %s = local %s (slot %u)\n", aname(rt, b1, sizeof b1, e->export_name),
                    aname(rt, b2, sizeof b2, e->local_name), e->slot);
            break;
        case JS_EXPORT_INDIRECT:
            tprintf(t, "    export %s = %s from request %u\n", aname(rt, b1, sizeof b1, e->export_name),
                    e->import_name ? aname(rt, b2, sizeof b2, e->import_name) : "*", e->request);
            break;
        default:
            tprintf(t, "    export * from request %u\n", e->request);
            break;
        }
    }
}

/* qjs.h: the dump (malloc'ed), or NULL with an exception (the reader's
 * SyntaxError, out of memory). Registers nothing. May collect. */
char *qjs_inspect_bytecode(QJSContext *ctx, const uint8_t *buf, size_t len)
{
    JSValue arr = read_units(ctx, buf, len, 0);
    if (arr == JS_EXCEPTION)
        return NULL;
    JSRoot ra;
    js_root_push(ctx, &ra, arr);
    JSRuntime *rt = ctx->rt;
    Text t;
    memset(&t, 0, sizeof t);
    QJSBytecodeHeader h;
    qjs_bytecode_header(buf, len, &h);
    uint32_t flags = hdr32(buf, JS_BCH_FLAGS);
    tprintf(&t, "bytecode file: %zu bytes, format version %u, engine %s, opcode hash %08x, build hash %08x\n",
            len, h.format_version, h.engine_version, h.opcode_hash, hdr32(buf, JS_BCH_BUILDHASH));
    tprintf(&t, "flags:%s%s%s, %u unit(s); strings at %u, functions at %u, sources at %u, checksum %08x\n",
            flags ? "" : " none", (flags & QJS_WRITE_STRIP_SOURCE) ? " strip-source" : "",
            (flags & QJS_WRITE_STRIP_DEBUG) ? " strip-debug" : "", h.unit_count, JS_BC_HEADER_LEN,
            hdr32(buf, JS_BCH_FUNCS), hdr32(buf, JS_BCH_SOURCES), hdr32(buf, len - 4));
    JSValueArray *a = js_get_ptr(arr);
    for (uint32_t i = 0; i < a->len && !t.oom; i += 2) {
        JSFunctionBytecode *b = js_get_ptr(a->values[i]);
        char *name = js_is_string(a->values[i + 1]) ? js_string_to_utf8(ctx, a->values[i + 1], NULL) : NULL;
        tprintf(&t, "\nunit %u: %s \"%s\"\n", i / 2, b->module ? "module" : "script", name ? name : "");
        free(name);
        if (b->module)
            inspect_module(&t, rt, b->module);
        char *dis = js_bytecode_disassemble(rt, b, true);
        if (!dis) {
            t.oom = true;
            break;
        }
        tprintf(&t, "%s", dis);
        free(dis);
    }
    js_root_pop(ctx, &ra);
    if (t.oom) {
        free(t.p);
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    return t.p ? t.p : calloc(1, 1);
}
