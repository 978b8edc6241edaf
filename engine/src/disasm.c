/* The disassembler: a readable listing of a JSFunctionBytecode (and of
 * the functions in its constant pool), decoded with the operand formats
 * of opcodes.def. Used by js_disassemble and JS_EVAL_DUMP_BYTECODE. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bytecode.h"

typedef struct Out {
    char *buf;
    size_t len, cap;
    bool oom;
} Out;

static void out(Out *o, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        size_t room = o->cap - o->len;
        va_start(ap, fmt);
        int n = vsnprintf(o->buf ? o->buf + o->len : NULL, o->buf ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0)
            return;
        if (o->buf && (size_t)n < room) {
            o->len += (size_t)n;
            return;
        }
        size_t nc = o->cap ? o->cap * 2 : 1024;
        while (nc < o->len + (size_t)n + 1)
            nc *= 2;
        char *nb = realloc(o->buf, nc);
        if (!nb) {
            o->oom = true;
            return;
        }
        o->buf = nb;
        o->cap = nc;
    }
}

static void dis_value(Out *o, JSRuntime *rt, JSValue v)
{
    char buf[64];
    if (js_is_int(v))
        out(o, "%d", js_get_int(v));
    else if (js_is_double(v))
        out(o, "%.17g", js_get_double(v));
    else if (js_is_string(v)) {
        JSString *s = JS_VALUE_GET_STRING(v);
        if (!js_string_is_flat(s) || js_flat_is_wide(s)) {
            out(o, "<string %u>", s->len);
        } else {
            uint32_t n = s->len < 40 ? s->len : 40;
            out(o, "\"");
            for (uint32_t i = 0; i < n; i++) {
                uint8_t c = s->u.latin1[i];
                if (c >= 32 && c < 127 && c != '"' && c != '\\')
                    out(o, "%c", c);
                else
                    out(o, "\\x%02x", c);
            }
            out(o, s->len > n ? "\"..." : "\"");
        }
    } else if (js_tag(v) == JS_TAG_CELL) {
        GCHeader *h = js_get_ptr(v);
        if (h->type == JS_CELL_FUNCTION_BYTECODE) {
            JSFunctionBytecode *b = (JSFunctionBytecode *)h;
            out(o, "<function %s>", b->name ? js_atom_get_cstr(rt, buf, sizeof buf, b->name) : "(anonymous)");
        } else {
            out(o, "<internal>");
        }
    } else if (v == JS_UNDEFINED) {
        out(o, "undefined");
    } else {
        out(o, "<value>");
    }
}

static void dis_function(Out *o, JSRuntime *rt, const JSFunctionBytecode *b, bool recursive)
{
    char buf[128], fbuf[128];
    out(o, "function %s (%s:%u:%u): %u params, %u registers, %u captures, flags 0x%x\n",
        b->name ? js_atom_get_cstr(rt, buf, sizeof buf, b->name) : "(anonymous)",
        js_atom_get_cstr(rt, fbuf, sizeof fbuf, b->filename), b->line, b->col,
        b->nparams, b->nregs, b->capture_count, b->flags);
    for (uint32_t i = 0; i < b->capture_count; i++)
        out(o, "  capture %u: %s %u (%s)\n", i, b->captures[i].from_capture ? "parent capture" : "parent register",
            b->captures[i].index, js_atom_get_cstr(rt, buf, sizeof buf, b->captures[i].name));
    for (uint32_t i = 0; i < b->handler_count; i++)
        out(o, "  handler [%u, %u) -> %u\n", b->handlers[i].start, b->handlers[i].end, b->handlers[i].target);
    for (uint32_t i = 0; i < b->local_name_count; i++)
        out(o, "  local r%u '%s' [%u, %u)\n", b->local_names[i].reg,
            js_atom_get_cstr(rt, buf, sizeof buf, b->local_names[i].name), b->local_names[i].start, b->local_names[i].end);
    uint32_t pc = 0;
    uint32_t last_line = 0;
    while (pc < b->code_len) {
        uint8_t op = b->code[pc];
        if (op >= OP_COUNT) {
            out(o, "  %5u: <bad opcode %u>\n", pc, op);
            break;
        }
        uint32_t line, col;
        js_bytecode_find_line(b, pc, &line, &col);
        if (line != last_line) {
            out(o, "  ; line %u\n", line);
            last_line = line;
        }
        out(o, "  %5u: %-20s", pc, js_opcode_name[op]);
        const char *f = js_opcode_format[op];
        uint32_t p = pc + 1;
        uint32_t end = pc + js_opcode_size[op];
        for (; *f; f++) {
            uint32_t v = 0;
            switch (*f) {
            case 'r': case 'h': {
                uint16_t x;
                memcpy(&x, b->code + p, 2);
                p += 2;
                out(o, *f == 'r' ? " r%u" : " %u", x);
                break;
            }
            case 'b':
                out(o, " %u", b->code[p]);
                p += 1;
                break;
            case 'a':
                memcpy(&v, b->code + p, 4);
                p += 4;
                out(o, " '%s'", js_atom_get_cstr(rt, buf, sizeof buf, v));
                break;
            case 'k':
                memcpy(&v, b->code + p, 4);
                p += 4;
                out(o, " k%u=", v);
                if (v < b->cpool_len)
                    dis_value(o, rt, b->cpool[v]);
                break;
            case 'c':
                memcpy(&v, b->code + p, 4);
                p += 4;
                out(o, " ic%u", v);
                break;
            case 'i':
                memcpy(&v, b->code + p, 4);
                p += 4;
                out(o, " %d", (int32_t)v);
                break;
            case 'j':
                memcpy(&v, b->code + p, 4);
                p += 4;
                out(o, " ->%d", (int32_t)(end + (int32_t)v));
                break;
            }
        }
        out(o, "\n");
        pc = end;
    }
    out(o, "\n");
    if (!recursive)
        return;
    for (uint32_t i = 0; i < b->cpool_len; i++) {
        JSValue v = b->cpool[i];
        if (js_tag(v) == JS_TAG_CELL && ((GCHeader *)js_get_ptr(v))->type == JS_CELL_FUNCTION_BYTECODE)
            dis_function(o, rt, (JSFunctionBytecode *)js_get_ptr(v), true);
    }
}

char *js_bytecode_disassemble(JSRuntime *rt, const JSFunctionBytecode *b, bool recursive)
{
    Out o = { 0 };
    js_opcode_init();
    dis_function(&o, rt, b, recursive);
    if (o.oom) {
        free(o.buf);
        return NULL;
    }
    return o.buf;
}
