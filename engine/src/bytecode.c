/* The JSFunctionBytecode cell (allocation, GC hooks: tracing, freeing,
 * weak inline-cache sweeping), shared source text cells, the line table
 * decoder, scope descriptor cells, and the opcode tables generated from
 * opcodes.def. */
#include <stdlib.h>
#include <string.h>
#include "bytecode.h"
#include "compiler/compile.h"
#include "serialize.h"
#include "module_info.h"

static uint8_t fmt_size(const char *f)
{
    uint8_t n = 1;
    for (; *f; f++) {
        switch (*f) {
        case 'r': case 'h': n += 2; break;
        case 'b': n += 1; break;
        default: n += 4; break;     /* a k c i j */
        }
    }
    return n;
}

/* Computed once from the format strings (js_opcode_init). */
uint8_t js_opcode_size[OP_COUNT];

const char *const js_opcode_format[OP_COUNT] = {
#define DEF(name, fmt, desc) [OP_##name] = fmt,
#include "opcodes.def"
#undef DEF
};

const char *const js_opcode_name[OP_COUNT] = {
#define DEF(name, fmt, desc) [OP_##name] = #name,
#include "opcodes.def"
#undef DEF
};

void js_opcode_init(void)
{
    if (js_opcode_size[0])
        return;
    for (int i = 0; i < OP_COUNT; i++)
        js_opcode_size[i] = fmt_size(js_opcode_format[i]);
}

static void bc_trace(JSRuntime *rt, JSInternalCell *c)
{
    JSFunctionBytecode *b = (JSFunctionBytecode *)c;
    for (uint32_t i = 0; i < b->cpool_len; i++)
        js_gc_mark_value(rt, b->cpool[i]);
    for (uint32_t i = 0; i < b->atom_count; i++)
        js_gc_mark_atom(rt, b->atoms[i]);
    for (uint32_t i = 0; i < b->capture_count; i++)
        js_gc_mark_atom(rt, b->captures[i].name);
    for (uint32_t i = 0; i < b->local_name_count; i++)
        js_gc_mark_atom(rt, b->local_names[i].name);
    js_gc_mark_atom(rt, b->name);
    js_gc_mark_atom(rt, b->filename);
    if (b->source)
        js_gc_mark_cell(rt, b->source);
    JSModuleInfo *m = b->module;
    if (m) {
        for (uint32_t i = 0; i < m->request_count; i++) {
            js_gc_mark_atom(rt, m->requests[i].specifier);
            for (uint32_t j = 0; j < m->requests[i].attr_count; j++) {
                js_gc_mark_atom(rt, m->requests[i].attrs[j].key);
                js_gc_mark_atom(rt, m->requests[i].attrs[j].value);
            }
        }
        for (uint32_t i = 0; i < m->import_count; i++) {
            js_gc_mark_atom(rt, m->imports[i].import_name);
            js_gc_mark_atom(rt, m->imports[i].local_name);
        }
        for (uint32_t i = 0; i < m->export_count; i++) {
            js_gc_mark_atom(rt, m->exports[i].export_name);
            js_gc_mark_atom(rt, m->exports[i].import_name);
            js_gc_mark_atom(rt, m->exports[i].local_name);
        }
    }
}

/* Frees a static module record and its arrays (atoms are not owned).
 * Never collects; m may be NULL. */
void js_module_info_free(JSModuleInfo *m)
{
    if (!m)
        return;
    for (uint32_t i = 0; i < m->request_count; i++)
        free(m->requests[i].attrs);
    free(m->requests);
    free(m->imports);
    free(m->exports);
    free(m);
}

static void bc_finalize(JSRuntime *rt, JSInternalCell *c)
{
    JSFunctionBytecode *b = (JSFunctionBytecode *)c;
    free(b->code);
    free(b->cpool);
    free(b->atoms);
    free(b->ics);
    free(b->handlers);
    free(b->lines);
    free(b->captures);
    free(b->local_names);
    js_module_info_free(b->module);
}

static bool dead(const void *cell)
{
    return cell && !js_gc_is_marked(cell);
}

static void bc_sweep_weak(JSRuntime *rt, JSInternalCell *c)
{
    JSFunctionBytecode *b = (JSFunctionBytecode *)c;
    if (!b->ics)
        return;
    for (uint32_t i = 0; i < b->ic_count; i++) {
        JSInlineCache *ic = &b->ics[i];
        if (dead(ic->shape) || dead(ic->holder) || dead(ic->holder_shape) || dead(ic->new_shape) ||
            dead(ic->mid_shape))
            memset(ic, 0, sizeof *ic);
    }
}

JSFunctionBytecode *js_bytecode_new(JSContext *ctx)
{
    js_opcode_init();
    JSFunctionBytecode *b = js_gc_alloc(ctx, JS_CELL_FUNCTION_BYTECODE, sizeof(JSFunctionBytecode));
    if (!b)
        return NULL;
    b->hdr.trace = bc_trace;
    b->hdr.finalize = bc_finalize;
    b->hdr.sweep_weak = bc_sweep_weak;
    return b;
}

static void src_finalize(JSRuntime *rt, JSInternalCell *c)
{
    free(((JSSource *)c)->text);
}

JSSource *js_source_new(JSContext *ctx, const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy) {
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = 0;
    JSSource *s = js_gc_alloc(ctx, JS_CELL_INTERNAL, sizeof(JSSource));
    if (!s) {
        free(copy);
        return NULL;
    }
    s->hdr.finalize = src_finalize;
    s->text = copy;
    s->len = len;
    return s;
}

static uint32_t get_uleb(const uint8_t **pp, const uint8_t *end)
{
    uint32_t v = 0;
    int shift = 0;
    const uint8_t *p = *pp;
    while (p < end) {
        uint8_t b = *p++;
        if (shift < 32)     /* overlong encodings (damaged tables) are cut */
            v |= (uint32_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    *pp = p;
    return v;
}

void js_bytecode_find_line(const JSFunctionBytecode *b, uint32_t pc, uint32_t *line, uint32_t *col)
{
    const uint8_t *p = b->lines, *end = p ? p + b->lines_len : NULL;  /* NULL + 0 is UB */
    uint32_t cur_pc = 0, cur_line = 0, cur_col = 0;
    uint32_t best_line = b->line, best_col = b->col;
    while (p && p < end) {
        uint32_t dpc = get_uleb(&p, end);
        uint32_t zl = get_uleb(&p, end);
        uint32_t c = get_uleb(&p, end);
        int32_t dl = (int32_t)(zl >> 1) ^ -(int32_t)(zl & 1);
        cur_pc += dpc;
        cur_line += (uint32_t)dl;      /* wraps, never overflows */
        cur_col = c;
        if (cur_pc > pc)
            break;
        best_line = cur_line;
        best_col = cur_col;
    }
    *line = best_line;
    *col = best_col;
}

/* ---- scope descriptors ---- */

static void sd_trace(JSRuntime *rt, JSInternalCell *c)
{
    JSScopeDesc *d = (JSScopeDesc *)c;
    for (uint32_t i = 0; i < d->count; i++)
        js_gc_mark_atom(rt, d->entries[i].name);
}

/* serialize.h: whether an internal cell is a scope descriptor. Pure. */
bool js_is_scope_desc(const void *cell)
{
    const JSInternalCell *c = cell;
    return c->h.type == JS_CELL_INTERNAL && c->trace == sd_trace;
}

JSScopeDesc *js_scope_desc_new(JSContext *ctx, uint32_t n)
{
    JSScopeDesc *d = js_gc_alloc(ctx, JS_CELL_INTERNAL, sizeof(JSScopeDesc) + n * sizeof(JSScopeDescEntry));
    if (!d)
        return NULL;
    d->hdr.trace = sd_trace;
    d->count = 0;
    return d;
}
