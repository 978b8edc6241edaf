/* libFuzzer target, structure-aware: the input is JS source, a NUL, then
 * edits. The source is compiled (a module when it starts with
 * "//module") and written as bytecode; the file is then parsed here
 * (docs/bytecode-format.md) to find its instructions, operands, handler
 * entries, captures, constants, function headers and module records, and
 * each 4-byte edit (u16 selector, u8 operation, u8 value) changes one of
 * them, or one raw byte: an operand set to a value near its limits (a
 * register near nregs, a constant of another kind, a jump to another
 * instruction), an opcode swapped for one of the same size, two
 * instructions swapped, a handler bound moved to another instruction, a
 * capture retargeted, a constant's tag changed, ... Then the length field
 * and the CRC-32 are made valid again, so the forged file gets past the
 * checksum to the reader and the verifier. They must refuse it, or accept
 * it and then it runs (with its promise jobs, under a small execution
 * budget) without any memory-safety violation: the verifier's promise
 * (docs/bytecode-format.md, "Forged files"). */
#include "fuzz_common.h"
#include "bytecode.h"
#include "serialize.h"

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    static uint32_t table[256];
    if (!table[1]) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static void put_u16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* ------------------------------------------------------------------ */
/* the map of the file: where each structure lies                     */

typedef struct FuncInfo {
    size_t header;          /* offset of the u32 flags */
    size_t code;            /* offset of the first code byte */
    uint32_t code_len, nregs, ncaps, ncpool, nics;
    size_t cpool_first;     /* index of its first constant spot */
    size_t insn_first, insn_count;
} FuncInfo;

enum { MAXSPOT = 4096 };

typedef struct Map {
    const uint8_t *p;
    size_t len, pos;
    bool bad;
    FuncInfo funcs[256];
    size_t nfuncs;
    size_t insns[MAXSPOT];      /* opcode offsets */
    uint16_t insn_func[MAXSPOT];
    size_t ninsns;
    size_t handlers[MAXSPOT], nhandlers;
    uint16_t handler_func[MAXSPOT];
    size_t captures[MAXSPOT], ncaptures;
    size_t consts[MAXSPOT], nconsts;        /* tag offsets */
    size_t modfields[MAXSPOT], nmodfields;  /* u32 fields of module records */
} Map;

static uint32_t m_u(Map *m, int n)
{
    if (m->bad || m->len - m->pos < (size_t)n) {
        m->bad = true;
        return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint32_t)m->p[m->pos + i] << (8 * i);
    m->pos += n;
    return v;
}

static void m_skip(Map *m, uint64_t n)
{
    if (m->bad || m->len - m->pos < n)
        m->bad = true;
    else
        m->pos += n;
}

static void add_spot(size_t *arr, size_t *n, size_t off)
{
    if (*n < MAXSPOT)
        arr[(*n)++] = off;
}

static void map_function(Map *m, int depth)
{
    if (m->bad || depth > 64 || m->nfuncs >= 256) {
        m->bad = true;
        return;
    }
    FuncInfo *fi = &m->funcs[m->nfuncs];
    uint16_t fx = (uint16_t)m->nfuncs++;
    fi->header = m->pos;
    m_u(m, 4);
    fi->nregs = m_u(m, 2);
    m_skip(m, 6 + 4 * 2 + 4 * 2 + 4 * 3);
    fi->code_len = m_u(m, 4);
    fi->code = m->pos;
    if (m->bad || m->len - m->pos < fi->code_len) {
        m->bad = true;
        return;
    }
    fi->insn_first = m->ninsns;
    for (uint32_t pc = 0; pc < fi->code_len;) {
        uint8_t op = m->p[fi->code + pc];
        if (op >= OP_COUNT)
            break;
        if (m->ninsns < MAXSPOT) {
            m->insn_func[m->ninsns] = fx;
            m->insns[m->ninsns++] = fi->code + pc;
        }
        pc += js_opcode_size[op];
    }
    fi->insn_count = m->ninsns - fi->insn_first;
    m->pos += fi->code_len;
    m_skip(m, 4ull * m_u(m, 4));            /* atoms */
    fi->nics = m_u(m, 4);
    uint32_t nh = m_u(m, 4);
    for (uint32_t i = 0; i < nh && !m->bad; i++) {
        if (m->nhandlers < MAXSPOT)
            m->handler_func[m->nhandlers] = fx;
        add_spot(m->handlers, &m->nhandlers, m->pos);
        m_skip(m, 12);
    }
    fi->ncaps = m_u(m, 2);
    for (uint32_t i = 0; i < fi->ncaps && !m->bad; i++) {
        add_spot(m->captures, &m->ncaptures, m->pos);
        m_skip(m, 8);
    }
    m_skip(m, m_u(m, 4));                   /* line table */
    m_skip(m, 14ull * m_u(m, 4));           /* local names */
    fi->ncpool = m_u(m, 4);
    fi->cpool_first = m->nconsts;
    for (uint32_t k = 0; k < fi->ncpool && !m->bad; k++) {
        add_spot(m->consts, &m->nconsts, m->pos);
        switch (m_u(m, 1)) {
        case JS_BCK_INT: case JS_BCK_STRING: m_skip(m, 4); break;
        case JS_BCK_FLOAT: m_skip(m, 8); break;
        case JS_BCK_BIGINT: m_skip(m, 1); m_skip(m, m_u(m, 4)); break;
        case JS_BCK_FUNCTION: map_function(m, depth + 1); break;
        case JS_BCK_TEMPLATE: {
            uint32_t n = m_u(m, 4);
            for (uint64_t i = 0; i < 2ull * n && !m->bad; i++)
                if (m_u(m, 1))
                    m_skip(m, 4);
            break;
        }
        case JS_BCK_SCOPE: m_skip(m, 4); m_skip(m, 8ull * m_u(m, 4)); break;
        case JS_BCK_UNDEFINED: break;
        default: m->bad = true; break;
        }
    }
    if (m_u(m, 1)) {
        add_spot(m->modfields, &m->nmodfields, m->pos);
        m_skip(m, 4);
        uint32_t n = m_u(m, 4);
        for (uint32_t i = 0; i < n && !m->bad; i++) {
            m_skip(m, 4);
            m_skip(m, 8ull * m_u(m, 4));
        }
        n = m_u(m, 4);
        for (uint32_t i = 0; i < n && !m->bad; i++) {
            add_spot(m->modfields, &m->nmodfields, m->pos);
            add_spot(m->modfields, &m->nmodfields, m->pos + 12);
            m_skip(m, 16);
        }
        n = m_u(m, 4);
        for (uint32_t i = 0; i < n && !m->bad; i++) {
            add_spot(m->modfields, &m->nmodfields, m->pos + 5);
            add_spot(m->modfields, &m->nmodfields, m->pos + 17);
            m_skip(m, 21);
        }
    }
}

static void map_file(Map *m, const uint8_t *p, size_t len)
{
    memset(m, 0, sizeof *m);
    m->p = p;
    m->len = len;
    m->pos = 56;
    uint32_t units = m_u(m, 4);
    m->pos = 72;
    uint32_t nstr = m_u(m, 4);
    for (uint32_t i = 0; i < nstr && !m->bad; i++) {
        uint32_t wide = m_u(m, 1);
        m_skip(m, (uint64_t)m_u(m, 4) * (wide ? 2 : 1));
    }
    for (uint32_t u = 0; u < units && !m->bad; u++) {
        m_skip(m, 5);
        map_function(m, 0);
    }
}

/* ------------------------------------------------------------------ */
/* the edits                                                          */

/* A value near the interesting limits of a field whose bound is n. */
static uint32_t near(uint32_t n, uint32_t r)
{
    switch (r % 8) {
    case 0: return 0;
    case 1: return n ? n - 1 : 0;
    case 2: return n;
    case 3: return n + 1;
    case 4: return n ? (r >> 3) % n : 0;
    case 5: return 0xFFFF;
    case 6: return (r >> 3) & 0xFF;
    default: return n ? n - 2 : 0;
    }
}

static uint32_t rng(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Sets operand number which of the instruction at off, with the bounds
 * of its function fi. */
static void edit_operand(uint8_t *f, const Map *m, size_t insn, uint32_t r)
{
    const FuncInfo *fi = &m->funcs[m->insn_func[insn]];
    size_t off = m->insns[insn];
    if (f[off] >= OP_COUNT)     /* a raw edit changed the opcode byte */
        return;
    const char *fmt = js_opcode_format[f[off]];
    size_t nops = strlen(fmt);
    if (!nops)
        return;
    size_t which = r % nops;
    uint8_t *p = f + off + 1;
    for (size_t i = 0; i < which; i++)
        p += (fmt[i] == 'r' || fmt[i] == 'h') ? 2 : fmt[i] == 'b' ? 1 : 4;
    r /= (uint32_t)nops;
    switch (fmt[which]) {
    case 'r': put_u16(p, near(fi->nregs, r)); break;
    case 'h': put_u16(p, r & 1 ? near(fi->ncaps, r >> 1) : near(fi->nregs, r >> 1)); break;
    case 'b': *p = (uint8_t)(r & 0x1F); break;
    case 'k': put_u32(p, near(fi->ncpool, r)); break;
    case 'c': put_u32(p, near(fi->nics, r)); break;
    case 'i': put_u32(p, r & 1 ? (uint32_t)-(int32_t)(r >> 1 & 7) : r >> 1 & 0xFF); break;
    case 'a': {
        /* another atom operand of the file, or a small integer atom */
        size_t other = m->insns[r % m->ninsns];
        if (f[other] >= OP_COUNT)
            return;
        const char *of = js_opcode_format[f[other]];
        const uint8_t *q = f + other + 1;
        for (; *of; of++) {
            if (*of == 'a') {
                memcpy(p, q, 4);
                return;
            }
            q += (*of == 'r' || *of == 'h') ? 2 : *of == 'b' ? 1 : 4;
        }
        put_u32(p, 0x80000000u | (r & 0xF));
        break;
    }
    case 'j': {
        /* to another instruction of the function, so that the jump is
           on a boundary */
        if (!fi->insn_count)
            return;
        size_t t = m->insns[fi->insn_first + r % fi->insn_count];
        size_t end = off + js_opcode_size[f[off]];
        put_u32(p, (uint32_t)(int32_t)((int64_t)t - (int64_t)end));
        break;
    }
    }
}

/* Applies one edit; returns false if it changed the file's size (then
 * the map is stale and only raw byte edits follow). */
static bool apply_edit(uint8_t *f, size_t *body, const Map *m, bool mapped, const uint8_t *e, uint32_t *seed)
{
    uint32_t sel = e[0] | e[1] << 8;
    uint8_t op = e[2], val = e[3];
    *seed ^= sel * 0x9E3779B1u + val + op;
    uint32_t r = rng(seed);
    if (!mapped)
        op %= 5;
    switch (op % 16) {
    case 0: f[sel % *body] = val; return true;
    case 1: f[sel % *body] ^= val; return true;
    case 2: f[sel % *body] = (uint8_t)(f[sel % *body] + val); return true;
    case 3: {               /* insert a byte */
        size_t off = sel % *body;
        memmove(f + off + 1, f + off, *body - off);
        f[off] = val;
        (*body)++;
        return false;
    }
    case 4: {               /* delete a byte */
        size_t off = sel % *body;
        memmove(f + off, f + off + 1, *body - off - 1);
        (*body)--;
        return false;
    }
    case 5: case 6: case 7: /* an operand */
        if (m->ninsns)
            edit_operand(f, m, sel % m->ninsns, r);
        return true;
    case 8: {               /* an opcode for another of the same size */
        if (!m->ninsns)
            return true;
        size_t off = m->insns[sel % m->ninsns];
        if (f[off] >= OP_COUNT)
            return true;
        int size = js_opcode_size[f[off]];
        for (int i = 0; i < OP_COUNT; i++) {
            int cand = (val + i) % OP_COUNT;
            if (cand != f[off] && js_opcode_size[cand] == size) {
                f[off] = (uint8_t)cand;
                break;
            }
        }
        return true;
    }
    case 9: {               /* two instructions of a function swapped */
        if (!m->ninsns)
            return true;
        size_t a = sel % m->ninsns;
        const FuncInfo *fi = &m->funcs[m->insn_func[a]];
        size_t b = fi->insn_first + r % fi->insn_count;
        size_t oa = m->insns[a], ob = m->insns[b];
        if (oa > ob) {
            size_t t = oa;
            oa = ob;
            ob = t;
        }
        if (f[oa] >= OP_COUNT || f[ob] >= OP_COUNT)
            return true;
        int sa = js_opcode_size[f[oa]], sb = js_opcode_size[f[ob]];
        if (oa == ob || sa != sb)
            return true;
        uint8_t tmp[64];
        memcpy(tmp, f + oa, sa);
        memcpy(f + oa, f + ob, sa);
        memcpy(f + ob, tmp, sa);
        return true;
    }
    case 10: {              /* a handler bound onto another instruction */
        if (!m->nhandlers)
            return true;
        size_t h = sel % m->nhandlers;
        const FuncInfo *fi = &m->funcs[m->handler_func[h]];
        uint32_t to = fi->code_len;
        if (fi->insn_count && val % 5)
            to = (uint32_t)(m->insns[fi->insn_first + r % fi->insn_count] - fi->code);
        put_u32(f + m->handlers[h] + 4 * (val % 3), to);
        return true;
    }
    case 11: {              /* a capture: kind or index */
        if (!m->ncaptures)
            return true;
        size_t c = m->captures[sel % m->ncaptures];
        if (val & 1)
            f[c] ^= 1;
        else
            put_u16(f + c + 2, near(8, r));
        return true;
    }
    case 12: {              /* a constant's tag: same-size payloads */
        if (!m->nconsts)
            return true;
        size_t c = m->consts[sel % m->nconsts];
        if (f[c] == JS_BCK_INT)
            f[c] = JS_BCK_STRING;
        else if (f[c] == JS_BCK_STRING)
            f[c] = JS_BCK_INT;
        else
            f[c] = (uint8_t)(val % JS_BCK_COUNT);
        return true;
    }
    case 13: {              /* a function header: flags, nregs, nparams, length, ninit */
        if (!m->nfuncs)
            return true;
        const FuncInfo *fi = &m->funcs[sel % m->nfuncs];
        size_t h = fi->header;
        switch (val % 4) {
        case 0: f[h + (r >> 5) % 4] ^= (uint8_t)(1u << (r % 8)); break;
        case 1: put_u16(f + h + 4, near(fi->nregs, r)); break;
        case 2: put_u16(f + h + 6, near(fi->nregs, r)); break;
        default: put_u16(f + h + 10, near(fi->nregs, r)); break;
        }
        return true;
    }
    case 14: {              /* a module record field */
        if (!m->nmodfields)
            return true;
        put_u32(f + m->modfields[sel % m->nmodfields], near(4, r));
        return true;
    }
    default: {              /* a small u16 / u32 anywhere */
        size_t off = sel % *body;
        if (off + 4 <= *body) {
            if (val & 1)
                put_u16(f + off, near(16, r));
            else
                put_u32(f + off, near(16, r));
        }
        return true;
    }
    }
}

static void run_accepted(QJSRuntime *rt, QJSContext *ctx, QJSValue unit)
{
    QJSValue v = qjs_eval_compiled(ctx, unit);
    if (qjs_is_exception(v)) {
        QJSValue e = qjs_take_exception(ctx);
        char *s = qjs_format_exception(ctx, e);
        free(s);
    } else {
        char *s = qjs_to_display_cstring(ctx, v, NULL);
        if (s)
            qjs_free_cstring(s);
    }
    if (qjs_has_exception(ctx))
        qjs_take_exception(ctx);
    for (int i = 0; i < 1000; i++) {
        QJSContext *jc = NULL;
        int st = qjs_run_pending_job(rt, &jc);
        if (st == 0)
            break;
        if (st < 0)
            qjs_take_exception(jc ? jc : ctx);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t src_len = nul ? (size_t)(nul - data) : size;
    const uint8_t *edits = nul ? nul + 1 : data + size;
    size_t nedits = (data + size - edits) / 4;

    js_opcode_init();
    QJSRuntime *rt;
    FuzzBudget budget;
    QJSContext *ctx = fuzz_fresh_context(&rt, &budget, 3);
    char *src = fuzz_cstring(data, src_len);
    int module = src_len >= 8 && !memcmp(src, "//module", 8);
    QJSValue unit = qjs_compile(ctx, src, src_len, "fuzz.js", module ? QJS_EVAL_MODULE : 0);
    free(src);
    if (qjs_is_exception(unit)) {
        qjs_take_exception(ctx);
        qjs_runtime_free(rt);
        return 0;
    }
    QJSRef *keep = qjs_ref_new(ctx, unit);
    const char *name = "fuzz.js";
    size_t len = 0;
    int wflags = nedits ? edits[0] & 3 : 0;
    uint8_t *bc = qjs_write_bytecode(ctx, 1, &unit, &name, wflags, &len);
    qjs_ref_free(keep);
    if (!bc) {
        qjs_take_exception(ctx);
        qjs_runtime_free(rt);
        return 0;
    }
    size_t cap = len + nedits + 8;
    uint8_t *f = malloc(cap);
    memcpy(f, bc, len);
    free(bc);
    size_t body = len - 4;    /* bytes before the CRC */
    static Map map;
    map_file(&map, f, body);
    bool mapped = !map.bad;
    uint32_t seed = 0x2545F491u;
    for (size_t i = 0; i < nedits && body > 0; i++)
        if (!apply_edit(f, &body, &map, mapped, edits + 4 * i, &seed))
            mapped = false;
    if (body >= 64)
        put_u32(f + 60, (uint32_t)(body + 4));
    put_u32(f + body, crc32_of(f, body));
    /* a fresh runtime: nothing of the compile run stays around */
    qjs_runtime_free(rt);
    ctx = fuzz_fresh_context(&rt, &budget, 3);
    QJSValue v = qjs_read_bytecode(ctx, f, body + 4);
    if (qjs_is_exception(v)) {
        qjs_take_exception(ctx);
    } else {
        QJSRef *ref = qjs_ref_new(ctx, v);
        char *text = qjs_inspect_bytecode(ctx, f, body + 4);
        if (!text)
            qjs_take_exception(ctx);
        free(text);
        run_accepted(rt, ctx, v);
        qjs_ref_free(ref);
    }
    free(f);
    qjs_runtime_free(rt);
    return 0;
}
