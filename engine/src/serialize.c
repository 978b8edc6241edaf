/* The serialized bytecode writer (qjs_write_bytecode, qjs_bytecode_header)
 * and the format's hashes and checksum; the layout is documented in
 * docs/bytecode-format.md. The reader is serialize_read.c, the verifier
 * bytecode_verify.c. */
#include <stdlib.h>
#include <string.h>
#include "qjs.h"
#include "serialize.h"
#include "compiler/compile.h"
#include "module_info.h"
#include "str.h"
#include "bigint.h"
#include "object.h"

/* ------------------------------------------------------------------ */
/* hashes and checksum                                                 */

static uint32_t fnv_str(uint32_t h, const char *s)
{
    /* the terminating NUL is hashed too, so "ab","c" != "a","bc" */
    for (;;) {
        h ^= (uint8_t)*s;
        h *= 16777619u;
        if (!*s++)
            return h;
    }
}

static uint32_t fnv_u32(uint32_t h, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 16777619u;
    }
    return h;
}

/* serialize.h: FNV-1a of the opcode names and formats. Pure. */
uint32_t js_bc_opcode_hash(void)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < OP_COUNT; i++) {
        h = fnv_str(h, js_opcode_name[i]);
        h = fnv_str(h, js_opcode_format[i]);
    }
    return h;
}

/* serialize.h: FNV-1a of the build facts the format depends on. Pure. */
uint32_t js_bc_build_hash(void)
{
    uint32_t h = 2166136261u;
    /* predefined symbols are written by index */
#define DEF(name, str)
#define DEF_SYM(name, str) h = fnv_u32(fnv_str(fnv_str(h, #name), str), JS_ATOM_##name);
#include "atoms.def"
#undef DEF
#undef DEF_SYM
    h = fnv_u32(h, JS_ATOM_END);
    h = fnv_u32(h, JS_ERROR_PLAIN);
    h = fnv_u32(h, JS_BC_FIELD_INIT);
    h = fnv_u32(h, JS_SD_GLOBAL_CONST);
    h = fnv_u32(h, JS_SDF_LEXICAL);
    h = fnv_u32(h, JS_EXPORT_STAR);
    h = fnv_u32(h, JS_MODULE_HAS_TLA);
    h = fnv_u32(h, JS_BCK_COUNT);
    return h;
}

/* serialize.h: CRC-32 (IEEE). Pure. */
uint32_t js_bc_crc32(const uint8_t *buf, size_t len)
{
    static uint32_t table[256];
    static int ready;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = 1;
    }
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++)
        crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* qjs.h: 0 and *hdr filled, or -1 (not bytecode, short). Never
 * collects, never throws. */
int qjs_bytecode_header(const uint8_t *buf, size_t len, QJSBytecodeHeader *hdr)
{
    if (!buf || len < JS_BC_HEADER_LEN || memcmp(buf, JS_BC_MAGIC, JS_BC_MAGIC_LEN) != 0)
        return -1;
    memset(hdr, 0, sizeof *hdr);
    hdr->format_version = rd32(buf + JS_BCH_VERSION);
    memcpy(hdr->engine_version, buf + JS_BCH_ENGINE, JS_BC_VERSION_LEN);
    hdr->engine_version[sizeof hdr->engine_version - 1] = 0;
    hdr->opcode_hash = rd32(buf + JS_BCH_OPHASH);
    hdr->unit_count = rd32(buf + JS_BCH_UNITS);
    return 0;
}

/* ------------------------------------------------------------------ */
/* output buffer                                                       */

typedef struct Buf {
    uint8_t *p;
    size_t len, cap;
    bool oom;
} Buf;

static void put_bytes(Buf *b, const void *d, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 256;
        while (nc < b->len + n)
            nc *= 2;
        uint8_t *np = realloc(b->p, nc);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
    if (n)
        memcpy(b->p + b->len, d, n);
    b->len += n;
}

static void put_u8(Buf *b, uint32_t v)
{
    uint8_t c = (uint8_t)v;
    put_bytes(b, &c, 1);
}

static void put_u16(Buf *b, uint32_t v)
{
    uint8_t c[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
    put_bytes(b, c, 2);
}

static void put_u32(Buf *b, uint32_t v)
{
    uint8_t c[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    put_bytes(b, c, 4);
}

static void put_u64(Buf *b, uint64_t v)
{
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}

static void set_u32(Buf *b, size_t at, uint32_t v)
{
    if (b->oom)
        return;
    b->p[at] = (uint8_t)v;
    b->p[at + 1] = (uint8_t)(v >> 8);
    b->p[at + 2] = (uint8_t)(v >> 16);
    b->p[at + 3] = (uint8_t)(v >> 24);
}

/* ------------------------------------------------------------------ */
/* writer state                                                        */

typedef struct Writer {
    JSContext *ctx;
    int flags;
    Buf out;                /* function section */
    /* string table: flat strings in first-use order, hashed by content */
    JSString **strs;
    uint32_t nstrs, strs_cap;
    uint32_t *hash;         /* index + 1, open addressing */
    uint32_t hash_mask;
    const JSSource **srcs;
    uint32_t nsrcs, srcs_cap;
    bool failed;            /* an exception is pending */
    uint32_t unit_name_ref; /* atom ref of the current unit's name, or 0 */
} Writer;

static uint32_t str_hash(const JSString *s)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = js_flat_char(s, i);
        h = (h ^ (c & 0xff)) * 16777619u;
        h = (h ^ (c >> 8)) * 16777619u;
    }
    return h;
}

static bool str_same(const JSString *a, const JSString *b)
{
    if (a->len != b->len)
        return false;
    for (uint32_t i = 0; i < a->len; i++)
        if (js_flat_char(a, i) != js_flat_char(b, i))
            return false;
    return true;
}

static void w_oom(Writer *w)
{
    if (!w->failed)
        js_throw_out_of_memory(w->ctx);
    w->failed = true;
}

/* The string table index of string v (added on first use). */
static uint32_t str_index(Writer *w, JSValue v)
{
    if (w->failed)
        return 0;
    JSString *s = JS_VALUE_GET_STRING(v);
    if (!js_string_is_flat(s)) {
        s = js_string_flatten(w->ctx, v);
        if (!s) {
            w->failed = true;
            return 0;
        }
    }
    if (!w->hash || w->nstrs * 2 >= w->hash_mask) {
        uint32_t nm = w->hash ? w->hash_mask * 2 + 1 : 255;
        uint32_t *nh = calloc((size_t)nm + 1, sizeof *nh);
        if (!nh) {
            w_oom(w);
            return 0;
        }
        for (uint32_t i = 0; i < w->nstrs; i++) {
            uint32_t h = str_hash(w->strs[i]) & nm;
            while (nh[h])
                h = (h + 1) & nm;
            nh[h] = i + 1;
        }
        free(w->hash);
        w->hash = nh;
        w->hash_mask = nm;
    }
    uint32_t h = str_hash(s) & w->hash_mask;
    while (w->hash[h]) {
        if (str_same(w->strs[w->hash[h] - 1], s))
            return w->hash[h] - 1;
        h = (h + 1) & w->hash_mask;
    }
    if (w->nstrs == w->strs_cap) {
        uint32_t nc = w->strs_cap ? w->strs_cap * 2 : 64;
        JSString **ns = realloc(w->strs, nc * sizeof *ns);
        if (!ns) {
            w_oom(w);
            return 0;
        }
        w->strs = ns;
        w->strs_cap = nc;
    }
    w->strs[w->nstrs] = s;
    w->hash[h] = ++w->nstrs;
    return w->nstrs - 1;
}

static uint32_t atom_ref(Writer *w, JSAtom a)
{
    if (a == JS_ATOM_NULL || js_atom_is_int(a))
        return a;
    JSValue v = js_atom_to_value(w->ctx, a);
    if (js_is_symbol(v)) {
        if (a < JS_ATOM_END)
            return JS_BC_SYM_REF | a;
        if (!w->failed)
            js_throw_type_error(w->ctx, "bytecode: cannot serialize a reference to a unique symbol");
        w->failed = true;
        return 0;
    }
    return str_index(w, v) + 1;
}

static void put_atom(Writer *w, JSAtom a)
{
    put_u32(&w->out, atom_ref(w, a));
}

static uint32_t source_index(Writer *w, const JSSource *s)
{
    for (uint32_t i = 0; i < w->nsrcs; i++)
        if (w->srcs[i] == s)
            return i;
    if (w->nsrcs == w->srcs_cap) {
        uint32_t nc = w->srcs_cap ? w->srcs_cap * 2 : 4;
        const JSSource **ns = realloc(w->srcs, nc * sizeof *ns);
        if (!ns) {
            w_oom(w);
            return 0;
        }
        w->srcs = ns;
        w->srcs_cap = nc;
    }
    w->srcs[w->nsrcs] = s;
    return w->nsrcs++;
}

/* ------------------------------------------------------------------ */
/* functions                                                           */

static void write_function(Writer *w, const JSFunctionBytecode *b, int depth);

static void w_fail(Writer *w, const char *msg)
{
    if (!w->failed)
        js_throw_type_error(w->ctx, "bytecode: %s", msg);
    w->failed = true;
}

static void write_code(Writer *w, const JSFunctionBytecode *b)
{
    put_u32(&w->out, b->code_len);
    uint32_t pc = 0;
    while (pc < b->code_len && !w->failed) {
        uint8_t op = b->code[pc];
        if (op >= OP_COUNT || b->code_len - pc < js_opcode_size[op]) {
            w_fail(w, "invalid code in a compiled function");
            return;
        }
        put_u8(&w->out, op);
        const uint8_t *p = b->code + pc + 1;
        for (const char *f = js_opcode_format[op]; *f; f++) {
            switch (*f) {
            case 'r': case 'h': {
                uint16_t v;
                memcpy(&v, p, 2);
                put_u16(&w->out, v);
                p += 2;
                break;
            }
            case 'b':
                put_u8(&w->out, *p++);
                break;
            case 'a': {
                uint32_t v;
                memcpy(&v, p, 4);
                put_atom(w, v);
                p += 4;
                break;
            }
            default: {
                uint32_t v;
                memcpy(&v, p, 4);
                put_u32(&w->out, v);
                p += 4;
                break;
            }
            }
        }
        pc += js_opcode_size[op];
    }
}

static void write_string_or_undef(Writer *w, JSValue v)
{
    if (js_is_string(v)) {
        put_u8(&w->out, 1);
        put_u32(&w->out, str_index(w, v));
    } else if (js_is_undefined(v)) {
        put_u8(&w->out, 0);
    } else {
        w_fail(w, "unexpected template site entry");
    }
}

/* A template object the interpreter already created (and cached in the
 * constant pool): its strings are read back from the frozen arrays. */
static void write_template_object(Writer *w, JSValue obj)
{
    JSContext *ctx = w->ctx;
    JSRoot ro, rr, rv;
    js_root_push(ctx, &ro, obj);
    js_root_push(ctx, &rr, JS_UNDEFINED);
    js_root_push(ctx, &rv, JS_UNDEFINED);
    rr.v = js_get_property(ctx, ro.v, JS_ATOM_raw);
    JSValue lv = rr.v == JS_EXCEPTION ? JS_EXCEPTION : js_get_property(ctx, ro.v, JS_ATOM_length);
    if (rr.v == JS_EXCEPTION || lv == JS_EXCEPTION || !js_is_int(lv) || js_get_int(lv) < 0 ||
        !js_is_object(rr.v)) {
        if (!js_has_exception(ctx))
            js_throw_type_error(ctx, "bytecode: bad template object");
        w->failed = true;
        goto done;
    }
    uint32_t n = (uint32_t)js_get_int(lv);
    put_u8(&w->out, JS_BCK_TEMPLATE);
    put_u32(&w->out, n);
    for (int part = 0; part < 2 && !w->failed; part++) {
        for (uint32_t i = 0; i < n && !w->failed; i++) {
            rv.v = js_get_property(ctx, part ? rr.v : ro.v, js_atom_from_uint(i));
            if (rv.v == JS_EXCEPTION) {
                w->failed = true;
                break;
            }
            write_string_or_undef(w, rv.v);
        }
    }
done:
    js_root_pop(ctx, &ro);
}

static void write_bigint(Writer *w, JSValue v)
{
    JSContext *ctx = w->ctx;
    JSValue s = js_bigint_to_string(ctx, v, 16);
    if (s == JS_EXCEPTION) {
        w->failed = true;
        return;
    }
    JSString *p = js_string_flatten(ctx, s);
    if (!p) {
        w->failed = true;
        return;
    }
    uint32_t start = 0;
    bool neg = p->len > 0 && js_flat_char(p, 0) == '-';
    if (neg)
        start = 1;
    put_u8(&w->out, JS_BCK_BIGINT);
    put_u8(&w->out, neg);
    put_u32(&w->out, p->len - start);
    for (uint32_t i = start; i < p->len; i++)
        put_u8(&w->out, js_flat_char(p, i));
}

static void write_const(Writer *w, const JSFunctionBytecode *b, uint32_t k, int depth)
{
    JSValue v = b->cpool[k];
    if (js_is_int(v)) {
        put_u8(&w->out, JS_BCK_INT);
        put_u32(&w->out, (uint32_t)js_get_int(v));
    } else if (js_is_double(v)) {
        put_u8(&w->out, JS_BCK_FLOAT);
        put_u64(&w->out, v);
    } else if (js_is_string(v)) {
        put_u8(&w->out, JS_BCK_STRING);
        put_u32(&w->out, str_index(w, v));
    } else if (js_is_bigint(v)) {
        write_bigint(w, v);
    } else if (js_is_undefined(v)) {
        put_u8(&w->out, JS_BCK_UNDEFINED);
    } else if (js_is_object(v)) {
        write_template_object(w, v);
    } else if (js_tag(v) == JS_TAG_CELL) {
        GCHeader *h = js_get_ptr(v);
        if (h->type == JS_CELL_FUNCTION_BYTECODE) {
            put_u8(&w->out, JS_BCK_FUNCTION);
            write_function(w, (const JSFunctionBytecode *)h, depth + 1);
        } else if (h->type == JS_CELL_VALUE_ARRAY) {
            const JSValueArray *a = (const JSValueArray *)h;
            put_u8(&w->out, JS_BCK_TEMPLATE);
            put_u32(&w->out, a->len / 2);
            for (uint32_t i = 0; i < a->len && !w->failed; i++)
                write_string_or_undef(w, a->values[i]);
        } else if (js_is_scope_desc(h)) {
            const JSScopeDesc *d = (const JSScopeDesc *)h;
            put_u8(&w->out, JS_BCK_SCOPE);
            put_u32(&w->out, d->flags);
            put_u32(&w->out, d->count);
            for (uint32_t i = 0; i < d->count; i++) {
                put_atom(w, d->entries[i].name);
                put_u8(&w->out, d->entries[i].kind);
                put_u8(&w->out, d->entries[i].flags);
                put_u16(&w->out, d->entries[i].index);
            }
        } else {
            w_fail(w, "unknown constant kind");
        }
    } else {
        w_fail(w, "unknown constant kind");
    }
}

static void write_module(Writer *w, const JSModuleInfo *m)
{
    Buf *o = &w->out;
    put_u32(o, m->flags);
    put_u32(o, m->request_count);
    for (uint32_t i = 0; i < m->request_count; i++) {
        const JSModuleRequest *r = &m->requests[i];
        put_atom(w, r->specifier);
        put_u32(o, r->attr_count);
        for (uint32_t j = 0; j < r->attr_count; j++) {
            put_atom(w, r->attrs[j].key);
            put_atom(w, r->attrs[j].value);
        }
    }
    put_u32(o, m->import_count);
    for (uint32_t i = 0; i < m->import_count; i++) {
        const JSImportEntry *e = &m->imports[i];
        put_u32(o, e->request);
        put_atom(w, e->import_name);
        put_atom(w, e->local_name);
        put_u32(o, e->slot);
    }
    put_u32(o, m->export_count);
    for (uint32_t i = 0; i < m->export_count; i++) {
        const JSExportEntry *e = &m->exports[i];
        put_u8(o, e->kind);
        put_atom(w, e->export_name);
        put_u32(o, e->request);
        put_atom(w, e->import_name);
        put_atom(w, e->local_name);
        put_u32(o, e->slot);
    }
}

static void write_function(Writer *w, const JSFunctionBytecode *b, int depth)
{
    Buf *o = &w->out;
    if (w->failed)
        return;
    if (depth > JS_BC_MAX_DEPTH) {
        w_fail(w, "functions nested too deeply");
        return;
    }
    bool strip_debug = (w->flags & QJS_WRITE_STRIP_DEBUG) != 0;
    bool strip_src = (w->flags & QJS_WRITE_STRIP_SOURCE) != 0;
    put_u32(o, b->flags);
    put_u16(o, b->nregs);
    put_u16(o, b->nparams);
    put_u16(o, b->length);
    put_u16(o, b->ninit);
    put_atom(w, b->name);
    /* stripped: the unit's name stands for the file name (module.c
       finds a dynamic import's referrer by it) */
    if (strip_debug)
        put_u32(o, w->unit_name_ref);
    else
        put_atom(w, b->filename);
    put_u32(o, strip_debug ? 0 : b->line);
    put_u32(o, strip_debug ? 0 : b->col);
    if (!strip_src && b->source && b->src_start <= b->src_end && b->src_end <= b->source->len) {
        put_u32(o, source_index(w, b->source));
        put_u32(o, b->src_start);
        put_u32(o, b->src_end);
    } else {
        put_u32(o, JS_BC_NO_INDEX);
        put_u32(o, 0);
        put_u32(o, 0);
    }
    write_code(w, b);
    put_u32(o, b->atom_count);
    for (uint32_t i = 0; i < b->atom_count; i++)
        put_atom(w, b->atoms[i]);
    put_u32(o, b->ic_count);
    put_u32(o, b->handler_count);
    for (uint32_t i = 0; i < b->handler_count; i++) {
        put_u32(o, b->handlers[i].start);
        put_u32(o, b->handlers[i].end);
        put_u32(o, b->handlers[i].target);
    }
    put_u16(o, b->capture_count);
    for (uint32_t i = 0; i < b->capture_count; i++) {
        const JSCaptureInfo *c = &b->captures[i];
        put_u8(o, c->from_capture);
        put_u8(o, c->is_const);
        put_u16(o, c->index);
        put_atom(w, c->name);
    }
    if (strip_debug || !b->lines) {
        put_u32(o, 0);
    } else {
        put_u32(o, b->lines_len);
        put_bytes(o, b->lines, b->lines_len);
    }
    uint32_t nln = strip_debug ? 0 : b->local_name_count;
    put_u32(o, nln);
    for (uint32_t i = 0; i < nln; i++) {
        const JSLocalName *ln = &b->local_names[i];
        put_u32(o, ln->start);
        put_u32(o, ln->end);
        put_atom(w, ln->name);
        put_u16(o, ln->reg);
    }
    put_u32(o, b->cpool_len);
    for (uint32_t k = 0; k < b->cpool_len && !w->failed; k++)
        write_const(w, b, k, depth);
    put_u8(o, b->module != NULL);
    if (b->module)
        write_module(w, b->module);
    if (o->oom)
        w_oom(w);
}

static bool is_unit(QJSValue v)
{
    return js_tag(v) == JS_TAG_CELL && ((GCHeader *)js_get_ptr(v))->type == JS_CELL_FUNCTION_BYTECODE;
}

/* qjs.h: the serialized units (malloc'ed), or NULL with an exception
 * (TypeError for a value that is not a unit or a constant that cannot be
 * written, out of memory). May collect (names, BigInt digits). */
uint8_t *qjs_write_bytecode(QJSContext *ctx, int count, const QJSValue *units, const char *const *names,
                            int flags, size_t *len)
{
    Writer w;
    memset(&w, 0, sizeof w);
    w.ctx = ctx;
    w.flags = flags & (QJS_WRITE_STRIP_SOURCE | QJS_WRITE_STRIP_DEBUG);
    js_opcode_init();
    uint8_t *res = NULL;
    Buf file;
    memset(&file, 0, sizeof file);
    JSRoot rn, *unit_roots = NULL;
    js_root_push(ctx, &rn, JS_UNDEFINED);
    if (count <= 0) {
        js_throw_type_error(ctx, "bytecode: no units to write");
        goto done;
    }
    for (int i = 0; i < count; i++) {
        if (!is_unit(units[i])) {
            js_throw_type_error(ctx, "bytecode: unit %d is not a compiled unit", i);
            goto done;
        }
    }
    /* the units stay alive through the call (allocations below collect) */
    unit_roots = malloc((size_t)count * sizeof *unit_roots);
    if (!unit_roots) {
        js_throw_out_of_memory(ctx);
        goto done;
    }
    for (int i = 0; i < count; i++)
        js_root_push(ctx, &unit_roots[i], units[i]);
    JSValueArray *name_arr = js_value_array_new(ctx, (uint32_t)count);
    if (!name_arr)
        goto done;
    rn.v = js_mkptr(JS_TAG_CELL, name_arr);
    for (int i = 0; i < count && !w.failed; i++) {
        const JSFunctionBytecode *b = js_get_ptr(units[i]);
        const char *name = names ? names[i] : NULL;
        if (name) {
            /* the name string is held by the root while it is added */
            /* the table holds bare pointers: names stay in a rooted array */
            JSValue s = js_new_string_utf8(ctx, name, strlen(name));
            if (s == JS_EXCEPTION) {
                w.failed = true;
                break;
            }
            ((JSValueArray *)js_get_ptr(rn.v))->values[i] = s;
            uint32_t si = str_index(&w, s);
            put_u32(&w.out, si);
            w.unit_name_ref = si + 1;
        } else {
            put_u32(&w.out, JS_BC_NO_INDEX);
            w.unit_name_ref = 0;
        }
        put_u8(&w.out, b->module != NULL);
        write_function(&w, b, 0);
    }
    if (w.out.oom)
        w_oom(&w);
    if (w.failed)
        goto done;

    /* assemble: header, string table, functions, sources, checksum */
    put_bytes(&file, JS_BC_MAGIC, JS_BC_MAGIC_LEN);
    put_u32(&file, JS_BC_FORMAT_VERSION);
    char ver[JS_BC_VERSION_LEN];
    memset(ver, 0, sizeof ver);
    strncpy(ver, QJS_VERSION_STRING, sizeof ver - 1);
    put_bytes(&file, ver, sizeof ver);
    put_u32(&file, js_bc_opcode_hash());
    put_u32(&file, js_bc_build_hash());
    put_u32(&file, (uint32_t)w.flags);
    put_u32(&file, (uint32_t)count);
    put_u32(&file, 0);  /* total length */
    put_u32(&file, 0);  /* function section */
    put_u32(&file, 0);  /* source section */
    put_u32(&file, w.nstrs);
    for (uint32_t i = 0; i < w.nstrs; i++) {
        const JSString *s = w.strs[i];
        bool wide = js_flat_is_wide(s);
        put_u8(&file, wide);
        put_u32(&file, s->len);
        if (wide) {
            for (uint32_t j = 0; j < s->len; j++)
                put_u16(&file, s->u.wide[j]);
        } else {
            put_bytes(&file, s->u.latin1, s->len);
        }
    }
    size_t funcs_off = file.len;
    put_bytes(&file, w.out.p, w.out.len);
    size_t srcs_off = file.len;
    put_u32(&file, w.nsrcs);
    for (uint32_t i = 0; i < w.nsrcs; i++) {
        put_u32(&file, (uint32_t)w.srcs[i]->len);
        put_bytes(&file, w.srcs[i]->text, w.srcs[i]->len);
    }
    if (file.oom || file.len + 4 > 0xFFFFFFFFu) {
        w_oom(&w);
        goto done;
    }
    set_u32(&file, JS_BCH_LENGTH, (uint32_t)(file.len + 4));
    set_u32(&file, JS_BCH_FUNCS, (uint32_t)funcs_off);
    set_u32(&file, JS_BCH_SOURCES, (uint32_t)srcs_off);
    put_u32(&file, js_bc_crc32(file.p, file.len));
    if (file.oom) {
        w_oom(&w);
        goto done;
    }
    res = file.p;
    file.p = NULL;
    *len = file.len;
done:
    js_root_pop(ctx, &rn);     /* and the unit roots above it */
    free(unit_roots);
    free(file.p);
    free(w.out.p);
    free(w.strs);
    free(w.hash);
    free(w.srcs);
    return res;
}
