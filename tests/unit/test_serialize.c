/* Unit tests of the serialized bytecode format (serialize.c,
 * serialize_read.c, bytecode_verify.c, api_compiled.c): round trips of
 * many programs with and without stripping compared with running the
 * source, determinism, truncations, seeded random corruptions, foreign
 * and wrong-version files, verifier messages (structure and register
 * kinds), modules, inspection, toString of stripped functions.
 * Prints "N passed, N failed"; non-zero on failure. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qjs.h"
#include "context.h"
#include "bytecode.h"
#include "interp_int.h"
#include "serialize.h"
#include "module_info.h"

#include "unit_check.h"

static QJSRuntime *rt;

/* A fresh realm with the global eval installed (as qjs_eval does). */
static QJSContext *new_ctx(void)
{
    QJSContext *c = qjs_context_new(rt);
    if (qjs_is_exception(qjs_eval(c, "0", 1, "<init>", 0)))
        abort();
    return c;
}

static void drain(void)
{
    QJSContext *jc;
    for (int i = 0; i < 100000 && qjs_run_pending_job(rt, &jc) != 0; i++) {
        if (qjs_has_exception(jc))
            qjs_take_exception(jc);
    }
}

static char *exc_text(QJSContext *c)
{
    QJSValue e = qjs_take_exception(c);
    char *s = qjs_format_exception(c, e);
    /* the first line: positions in stacks differ once stripped */
    if (s && strchr(s, '\n'))
        *strchr(s, '\n') = 0;
    size_t n = s ? strlen(s) : 0;
    char *r = malloc(n + 6);
    snprintf(r, n + 6, "EXC: %s", s ? s : "?");
    free(s);
    return r;
}

/* The result of a program: its completion value (or exception) and, once
 * the jobs ran, the global R. Malloc'ed. */
static char *result_of(QJSContext *c, QJSValue v)
{
    char *comp;
    if (qjs_is_exception(v)) {
        comp = exc_text(c);
    } else {
        QJSRef *ref = qjs_ref_new(c, v);
        drain();
        char *s = qjs_to_display_cstring(c, qjs_ref_get(ref), NULL);
        qjs_ref_free(ref);
        comp = s ? strdup(s) : exc_text(c);
        qjs_free_cstring(s);
    }
    drain();
    QJSValue g = qjs_get_global(c);
    QJSValue rv = qjs_get_prop_str(c, g, "R");
    char *r = qjs_is_exception(rv) ? exc_text(c) : qjs_to_display_cstring(c, rv, NULL);
    size_t n = strlen(comp) + (r ? strlen(r) : 1) + 4;
    char *out = malloc(n);
    snprintf(out, n, "%s | %s", comp, r ? r : "?");
    free(comp);
    if (r && !strncmp(r, "EXC: ", 5))
        free(r);
    else
        qjs_free_cstring(r);
    return out;
}

/* Runs a compiled script unit in c (as ScriptEvaluation does). */
static QJSValue run_unit(QJSContext *c, QJSValue unit)
{
    JSContext *jc = (JSContext *)c;
    QJSRef *ref = qjs_ref_new(c, unit);
    JSValue fn = js_make_closure(jc, js_get_ptr(unit), NULL, NULL);
    qjs_ref_free(ref);
    if (fn == JS_EXCEPTION)
        return fn;
    ref = qjs_ref_new(c, fn);
    JSValue r = js_call_internal(jc, fn, js_obj_value(jc->global_this), 0, NULL, JS_UNDEFINED, false);
    qjs_ref_free(ref);
    return r;
}

static char *run_source(const char *src)
{
    QJSContext *c = new_ctx();
    QJSValue v = qjs_eval(c, src, strlen(src), "prog.js", 0);
    return result_of(c, v);
}

/* compile -> write (flags) -> read (fresh realm) -> run. */
static char *run_roundtrip(const char *src, int flags, size_t *size)
{
    QJSContext *c = new_ctx();
    QJSValue u = qjs_compile(c, src, strlen(src), "prog.js", 0);
    if (qjs_is_exception(u))
        return exc_text(c);
    QJSRef *ref = qjs_ref_new(c, u);
    size_t len = 0;
    uint8_t *buf = qjs_write_bytecode(c, 1, &u, NULL, flags, &len);
    qjs_ref_free(ref);
    if (!buf)
        return exc_text(c);
    if (size)
        *size = len;
    QJSContext *c2 = new_ctx();
    QJSValue u2 = qjs_read_bytecode(c2, buf, len);
    free(buf);
    if (qjs_is_exception(u2))
        return exc_text(c2);
    return result_of(c2, run_unit(c2, u2));
}

static const char *programs[] = {
    /* closures and scopes */
    "var mk = function (n) { var c = n; return { inc: () => ++c, get: function () { return c; } }; };"
    "var o = mk(5); o.inc(); o.inc(); let fs = []; for (let i = 0; i < 3; i++) fs.push(() => i);"
    "[o.get(), fs.map(f => f()).join()].join(';')",
    /* classes */
    "class A { #x = 1; static s = 'st'; constructor(y) { this.y = y; } get x() { return this.#x; }"
    "  inc() { this.#x++; return this; } static { A.t = A.s + '!'; } #priv() { return 'p' + this.#x; } callPriv() { return this.#priv(); } static has(o) { return #x in o; } }"
    "class B extends A { constructor() { super(10); } inc() { super.inc(); return super.inc(); } toString() { return `B(${this.x},${this.y})`; } }"
    "const b = new B(); b.inc(); String(b) + A.t + b.callPriv() + A.has(b)",
    /* generators */
    "function* g(n) { for (let i = 0; i < n; i++) { const r = yield i * 2; if (r) i += r; } return 'end'; }"
    "function* d() { yield* g(3); yield* [7, 8]; } let out = []; const it = g(10); out.push(it.next().value, it.next(3).value, it.return(5).value);"
    "out.push(...d()); out.join(',')",
    /* async */
    "var R; async function f(x) { await null; return x * 2; } async function* ag() { yield 1; yield await f(2); }"
    "(async () => { let s = 0; for await (const v of ag()) s += v; const arr = await Promise.all([f(1), f(2)]); R = s + ':' + arr; })(); 'started'",
    /* regexps */
    "const m = /(?<y>\\d{4})-(?<m>\\d\\d)/u.exec('on 2024-05!'); const r2 = /a+/gi; "
    "[m.groups.y, m.groups.m, 'aAbAAa'.replace(r2, 'x'), /\\p{L}+/u.test('été'), r2.flags, /[/]/.source].join()",
    /* templates */
    "function tag(s, ...v) { return s.raw.join('|') + '#' + v.join(',') + '#' + Object.isFrozen(s); }"
    "function site() { return (x => x)`a${1}b`; } const same = site() === site();"
    "tag`x\\n${1}y${2}\\u{41}` + `plain ${1 + 1} ${'s'}` + same + tag`\\unicode`",
    /* BigInt */
    "const big = 123456789012345678901234567890n; const h = 0xffffffffffffffffffffn;"
    "[big * 2n, h + 1n, -big, 2n ** 100n, typeof big, BigInt.asIntN(8, 255n)].join()",
    /* try / finally */
    "function f() { try { throw new TypeError('boom'); } catch (e) { return e.message; } finally { log.push('fin'); } }"
    "function g() { try { return 1; } finally { return 2; } } var log = []; "
    "function h() { for (const x of [1,2,3]) { try { if (x == 2) break; } finally { log.push(x); } } return log.join(); }"
    "[f(), g(), h()].join(';')",
    /* destructuring, spread, default params */
    "function f({a, b: [c, ...d] = [9]}, e = a + 1, ...rest) { return [a, c, d.length, e, rest.length].join(); }"
    "const {x, ...others} = {x: 1, y: 2, z: 3}; f({a: 1, b: [2, 3, 4]}, undefined, 7, 8) + '/' + Object.keys(others) + f({a: 5})",
    /* switch, labels, for-in */
    "let s = ''; outer: for (let i = 0; i < 4; i++) { switch (i) { case 0: s += 'a'; break; case 2: continue outer; default: s += i; } }"
    "const o = {p: 1, q: 2}; for (const k in o) s += k; s",
    /* sloppy mode: with, direct eval, arguments */
    "function f(a) { arguments[0] = 9; var v = 3; return a + eval('v + a'); } var obj = {w: 4}; var wv; with (obj) { wv = w * 2; }"
    "function g() { return arguments.length; } [f(1), wv, g(1,2,3), eval('var ev = 6; ev')].join()",
    /* getters, setters, symbols, iterators */
    "const o = { _v: 1, get v() { return this._v; }, set v(x) { this._v = x * 10; }, [Symbol.toPrimitive]() { return 42; },"
    "  *[Symbol.iterator]() { yield 'i1'; yield 'i2'; } }; o.v = 2; [o.v, +o, [...o].join('')].join()",
    /* numbers and unicode strings */
    "[0.1 + 0.2, -0 === 0, 1 / -0, NaN, 1e300 * 10, 2 ** 53 + 1, 'üñî' + 'ç', '\\u{1F600}'.length, '日本語', 0x7fffffff + 1, -2147483648].join()",
    /* errors and global lexical bindings */
    "let L = 1; const C = 2; class K {} function thrower() { null.x; }"
    "let msg; try { thrower(); } catch (e) { msg = e.constructor.name; } [L, C, typeof K, msg].join()",
    /* an uncaught exception */
    "function fail() { throw new RangeError('out'); } fail();",
    /* optional chaining, nullish, logical assignment */
    "const o = {a: {b: null}}; let z = null; z ?\?= 5; let y = 1; y ||= 2; [o?.a?.b?.c, o.x?.y, o.a.b ?? 'd', z, y, o.f?.()].join('/')",
    /* object spread, computed keys, json */
    "const k = 'key'; const o = {[k + 1]: 1, ...{a: 2}, __proto__: {inh: 3}}; JSON.stringify(o) + o.inh + JSON.stringify(JSON.parse('[1,{\"a\":[2]}]'))",
    /* closures over loop variables and recursion */
    "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } const memo = new Map(); [fib(15), [1,2,3].reduce((a, b) => a + b), Array.from({length: 3}, (_, i) => i * i)].join()",
    /* async error handling */
    "var R = ''; async function bad() { await 1; throw new Error('async-bad'); } bad().catch(e => { R += e.message; }).then(() => { R += '!'; }); 1",
    /* new.target, instanceof, Symbol.hasInstance */
    "function F() { return new.target === F; } class Even { static [Symbol.hasInstance](n) { return n % 2 === 0; } } [new F() instanceof F, F(), 2 instanceof Even].join()",
    /* strict mode */
    "'use strict'; let e1; try { undeclared = 1; } catch (e) { e1 = e.name; } (function () { return this; })() === undefined && e1",
};

#define NPROG (int)(sizeof programs / sizeof programs[0])

static void test_roundtrips(void)
{
    static const int flag_sets[] = { 0, QJS_WRITE_STRIP_SOURCE, QJS_WRITE_STRIP_DEBUG,
                                     QJS_WRITE_STRIP_SOURCE | QJS_WRITE_STRIP_DEBUG };
    for (int i = 0; i < NPROG; i++) {
        char *want = run_source(programs[i]);
        for (int f = 0; f < 4; f++) {
            char *got = run_roundtrip(programs[i], flag_sets[f], NULL);
            CHECK_MSG(strcmp(want, got) == 0, "program %d flags %d: source gives [%s], bytecode gives [%s]", i,
                      flag_sets[f], want, got);
            free(got);
        }
        free(want);
    }
}

static uint8_t *compile_write(QJSContext *c, const char *src, int flags, size_t *len)
{
    QJSValue u = qjs_compile(c, src, strlen(src), "prog.js", 0);
    if (qjs_is_exception(u)) {
        free(exc_text(c));
        return NULL;
    }
    QJSRef *ref = qjs_ref_new(c, u);
    uint8_t *buf = qjs_write_bytecode(c, 1, &u, NULL, flags, len);
    qjs_ref_free(ref);
    return buf;
}

static void test_determinism(void)
{
    QJSContext *c = new_ctx();
    for (int i = 0; i < NPROG; i++) {
        size_t l1 = 0, l2 = 0, l3 = 0, l4 = 0;
        uint8_t *b1 = compile_write(c, programs[i], 0, &l1);
        uint8_t *b2 = compile_write(c, programs[i], 0, &l2);
        CHECK_MSG(b1 && b2 && l1 == l2 && memcmp(b1, b2, l1) == 0, "program %d: compiled twice, %zu / %zu bytes", i, l1, l2);
        /* write the same unit twice, before and after running it (the
           template objects it caches are written back as their sites) */
        QJSValue u = qjs_compile(c, programs[i], strlen(programs[i]), "prog.js", 0);
        QJSRef *ref = qjs_ref_new(c, u);
        uint8_t *b3 = qjs_write_bytecode(c, 1, &u, NULL, 0, &l3);
        CHECK(b3 && l3 == l1 && memcmp(b1, b3, l1) == 0);
        QJSContext *c2 = new_ctx();
        QJSValue r = run_unit(c2, qjs_ref_get(ref));
        if (qjs_is_exception(r))
            qjs_take_exception(c2);
        drain();
        u = qjs_ref_get(ref);
        uint8_t *b4 = qjs_write_bytecode(c, 1, &u, NULL, 0, &l4);
        CHECK_MSG(b4 && l4 == l1 && memcmp(b1, b4, l1) == 0, "program %d differs after running", i);
        /* read then write again: the same bytes */
        QJSValue u5 = qjs_read_bytecode(c, b1, l1);
        CHECK(!qjs_is_exception(u5));
        if (!qjs_is_exception(u5)) {
            size_t l5 = 0;
            uint8_t *b5 = qjs_write_bytecode(c, 1, &u5, NULL, 0, &l5);
            CHECK(b5 && l5 == l1 && memcmp(b1, b5, l1) == 0);
            free(b5);
        } else {
            free(exc_text(c));
        }
        qjs_ref_free(ref);
        free(b1); free(b2); free(b3); free(b4);
    }
}

/* Throws from a read are SyntaxErrors whose message contains want. */
static bool read_fails_with(QJSContext *c, const uint8_t *buf, size_t len, const char *want)
{
    QJSValue v = qjs_read_bytecode(c, buf, len);
    if (!qjs_is_exception(v))
        return false;
    char *t = exc_text(c);
    bool ok = strstr(t, "SyntaxError") && (!want || strstr(t, want));
    if (!ok)
        fprintf(stderr, "  got: %s (wanted %s)\n", t, want ? want : "any");
    free(t);
    return ok;
}

static void fix_crc(uint8_t *buf, size_t len)
{
    uint32_t c = js_bc_crc32(buf, len - 4);
    for (int i = 0; i < 4; i++)
        buf[len - 4 + i] = (uint8_t)(c >> (8 * i));
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void test_bad_files(void)
{
    QJSContext *c = new_ctx();
    size_t len = 0;
    uint8_t *buf = compile_write(c, programs[1], 0, &len);
    CHECK(buf != NULL);
    if (!buf)
        return;
    /* every truncation */
    int bad = 0;
    for (size_t n = 0; n < len; n++) {
        QJSValue v = qjs_read_bytecode(c, buf, n);
        if (!qjs_is_exception(v)) {
            bad++;
            continue;
        }
        char *t = exc_text(c);
        if (!strstr(t, "SyntaxError: bytecode: truncated at offset")) {
            if (bad < 3)
                fprintf(stderr, "  truncation %zu: %s\n", n, t);
            bad++;
        }
        free(t);
    }
    CHECK_MSG(bad == 0, "%d truncations not rejected as truncated", bad);
    /* foreign file, garbage after the end */
    const char *foreign = "console.log('hello, not bytecode'); // padding padding padding padding padding";
    CHECK(read_fails_with(c, (const uint8_t *)foreign, strlen(foreign), "bad magic"));
    uint8_t *big = malloc(len + 3);
    memcpy(big, buf, len);
    memset(big + len, 0, 3);
    CHECK(read_fails_with(c, big, len + 3, "garbage after the end"));
    free(big);
    /* wrong format version (checksum fixed or not: the version comes first) */
    uint8_t *cp = malloc(len);
    memcpy(cp, buf, len);
    put32(cp + JS_BCH_VERSION, JS_BC_FORMAT_VERSION + 1);
    CHECK(read_fails_with(c, cp, len, "format version 3, this runtime reads 2"));
    fix_crc(cp, len);
    CHECK(read_fails_with(c, cp, len, "format version 3, this runtime reads 2"));
    /* other engine version, other opcode table */
    memcpy(cp, buf, len);
    memcpy(cp + JS_BCH_ENGINE, "9.9.9", 6);
    fix_crc(cp, len);
    CHECK(read_fails_with(c, cp, len, "built for engine version 9.9.9"));
    memcpy(cp, buf, len);
    put32(cp + JS_BCH_OPHASH, get32(cp + JS_BCH_OPHASH) ^ 1);
    CHECK(read_fails_with(c, cp, len, "opcode table hash"));
    /* checksum */
    memcpy(cp, buf, len);
    cp[len / 2] ^= 0x10;
    CHECK(read_fails_with(c, cp, len, "checksum mismatch"));
    /* a trusted read (the program's own bytes) does not pass over every
     * byte for the checksum: the same buffer with its checksum alone
     * wrong is read */
    memcpy(cp, buf, len);
    cp[len - 1] ^= 0x10;
    CHECK(read_fails_with(c, cp, len, "checksum mismatch"));
    QJSValue t = qjs_read_bytecode_flags(c, cp, len, QJS_READ_TRUSTED);
    CHECK_MSG(!qjs_is_exception(t), "a trusted read checked the checksum");
    if (qjs_is_exception(t))
        qjs_take_exception(c);
    /* header API */
    QJSBytecodeHeader h;
    CHECK(qjs_bytecode_header(buf, len, &h) == 0 && h.format_version == JS_BC_FORMAT_VERSION &&
          strcmp(h.engine_version, QJS_VERSION_STRING) == 0 && h.unit_count == 1 &&
          h.opcode_hash == js_bc_opcode_hash());
    CHECK(qjs_bytecode_header((const uint8_t *)foreign, strlen(foreign), &h) == -1);
    CHECK(qjs_bytecode_header(buf, 20, &h) == -1);
    free(cp);
    free(buf);
}

/* Writes unit after damaging its top-level code with fn; the read must
 * fail with want. */
static void verify_case(const char *src, void (*fn)(JSFunctionBytecode *b), const char *want)
{
    QJSContext *c = new_ctx();
    QJSValue u = qjs_compile(c, src, strlen(src), "v.js", 0);
    CHECK(!qjs_is_exception(u));
    if (qjs_is_exception(u))
        return;
    QJSRef *ref = qjs_ref_new(c, u);
    fn(js_get_ptr(u));
    size_t len = 0;
    uint8_t *buf = qjs_write_bytecode(c, 1, &u, NULL, 0, &len);
    qjs_ref_free(ref);
    CHECK(buf != NULL);
    if (buf)
        CHECK_MSG(read_fails_with(c, buf, len, want), "wanted %s", want);
    free(buf);
}

/* the first instruction with a register operand gets register 0x3000 */
static void bad_register(JSFunctionBytecode *b)
{
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        if (js_opcode_format[b->code[pc]][0] == 'r') {
            uint16_t r = 0x3000;
            memcpy(b->code + pc + 1, &r, 2);
            return;
        }
    }
}

static void bad_jump(JSFunctionBytecode *b)
{
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        const char *f = js_opcode_format[b->code[pc]];
        size_t n = strlen(f);
        if (n && f[n - 1] == 'j') {
            int32_t off = 1;    /* into the middle of the next instruction */
            memcpy(b->code + pc + js_opcode_size[b->code[pc]] - 4, &off, 4);
            return;
        }
    }
}

static void bad_const(JSFunctionBytecode *b)
{
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        if (b->code[pc] == OP_load_const) {
            uint32_t k = 999;
            memcpy(b->code + pc + 3, &k, 4);
            return;
        }
    }
}

static void bad_opcode_end(JSFunctionBytecode *b)
{
    /* the last instruction becomes a nop: the code falls off the end */
    uint32_t last = 0;
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]])
        last = pc;
    uint32_t n = js_opcode_size[b->code[last]];
    memset(b->code + last, OP_nop, n);
}

static void bad_handler(JSFunctionBytecode *b)
{
    if (b->handler_count)
        b->handlers[0].target = b->code_len + 5;
}

static void bad_nparams(JSFunctionBytecode *b)
{
    b->nparams = b->nregs + 1;
}

static void bad_closure_kind(JSFunctionBytecode *b)
{
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        if (b->code[pc] == OP_load_const) {
            b->code[pc] = OP_closure;   /* same format: constant is a string */
            return;
        }
    }
}

/* In the first function (depth first) that reads a box: the box
 * register operand becomes the last register, which never holds one. */
static bool bad_box_in(JSFunctionBytecode *b)
{
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        if (b->code[pc] == OP_box_get || b->code[pc] == OP_box_get_check) {
            uint16_t r = (uint16_t)(b->nregs - 1);
            memcpy(b->code + pc + 3, &r, 2);
            return true;
        }
    }
    for (uint32_t k = 0; k < b->cpool_len; k++) {
        JSValue c = b->cpool[k];
        if (js_tag(c) == JS_TAG_CELL && ((GCHeader *)js_get_ptr(c))->type == JS_CELL_FUNCTION_BYTECODE &&
            bad_box_in(js_get_ptr(c)))
            return true;
    }
    return false;
}

static void bad_box(JSFunctionBytecode *b)
{
    bad_box_in(b);
}

/* a closure captures a register that holds no box */
static void bad_capture(JSFunctionBytecode *b)
{
    for (uint32_t k = 0; k < b->cpool_len; k++) {
        JSValue c = b->cpool[k];
        if (js_tag(c) == JS_TAG_CELL && ((GCHeader *)js_get_ptr(c))->type == JS_CELL_FUNCTION_BYTECODE) {
            JSFunctionBytecode *f = js_get_ptr(c);
            for (uint32_t j = 0; j < f->cpool_len; j++) {
                JSValue g = f->cpool[j];
                if (js_tag(g) == JS_TAG_CELL && ((GCHeader *)js_get_ptr(g))->type == JS_CELL_FUNCTION_BYTECODE) {
                    JSFunctionBytecode *inner = js_get_ptr(g);
                    if (inner->capture_count && !inner->captures[0].from_capture) {
                        inner->captures[0].index = (uint16_t)(f->nregs - 1);
                        return;
                    }
                }
            }
        }
    }
}

/* array_append / array_spread into a register that holds no array */
static void bad_array(JSFunctionBytecode *b)
{
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        if (b->code[pc] == OP_array_append || b->code[pc] == OP_array_spread) {
            uint16_t r = (uint16_t)(b->nregs - 1);
            memcpy(b->code + pc + 1, &r, 2);
            return;
        }
    }
}

/* the second get_field / put_field shares the first one's inline cache */
static void bad_ic_share(JSFunctionBytecode *b)
{
    int seen = 0;
    uint32_t first = 0;
    for (uint32_t pc = 0; pc < b->code_len; pc += js_opcode_size[b->code[pc]]) {
        int op = b->code[pc];
        if (op == OP_get_field || op == OP_put_field) {
            uint32_t at = pc + js_opcode_size[op] - 4;
            if (seen++ == 0) {
                memcpy(&first, b->code + at, 4);
            } else {
                memcpy(b->code + at, &first, 4);
                return;
            }
        }
    }
}

/* a handler whose target lies inside its own range */
static void bad_handler_back(JSFunctionBytecode *b)
{
    if (b->handler_count)
        b->handlers[0].target = b->handlers[0].start;
}

static void test_verifier(void)
{
    verify_case("var o = {}; o.a = 1; o.b", bad_ic_share, "shared by different accesses");
    verify_case("try { f(); } catch (e) { 1 }", bad_handler_back, "bad exception handler");
    verify_case("var a = [1, ...[2, 3]]; a.length", bad_array, "is not an array for array_");
    verify_case("function f() { let x = 1; const g = () => x; x = 2; return g() + x; } f()", bad_box,
                "is not a box for box_get");
    verify_case("function f() { let x = 1; const g = () => x; x = 2; return g() + x; } f()", bad_capture,
                "is not a box for a captured variable");
    verify_case("var a = 1; a + 2", bad_register, "bad register r12288 in function");
    verify_case("var s = 0; for (var i = 0; i < 3; i++) s += i; s", bad_jump, "bad jump target");
    verify_case("var x = 'str'; x", bad_const, "bad constant index 999");
    verify_case("var x = 'str'; x", bad_closure_kind, "has the wrong kind for closure");
    verify_case("var q = 1", bad_opcode_end, "falls off the end");
    verify_case("try { f(); } catch (e) { 1 }", bad_handler, "bad exception handler");
    verify_case("1", bad_nparams, "above nregs");
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

static const char *mod_dep = "export let x = 41; export function inc() { x++; } export default 'dflt'; export class K {}";
static const char *mod_main =
    "import d, {x, inc} from './dep.js'; import * as ns from './dep.js'; inc();"
    "export const y = x + 1; export {x as z} from './dep.js'; export * from './dep.js';"
    "globalThis.R = [y, d, ns.x, typeof ns.inc, typeof ns.K].join(); await null; globalThis.R += '!';";

static const char *fuzz_programs[] = {
    "(function () { function f(a, b) { return a * b + 1; } var s = 0;"
    " for (var i = 0; i < 10; i++) s += f(i, 2); return s + ':' + [1, 2, 3].map(x => x * 2).join(); })()",
    "(function () { class P { #v = 3; get v() { return this.#v; } } function* g() { yield 1; yield 2; }"
    " var t = ''; for (var x of g()) t += x; try { null.f; } catch (e) { t += e.name; } return t + new P().v + `t${t}`; })()",
    "(function () { var o = { a: 1, b: 'two', c: [3n, 4.5] }; var r = /x(y)?/g;"
    " return JSON.stringify(o, (k, v) => typeof v == 'bigint' ? String(v) : v) + 'xyx'.replace(r, '$1!'); })()",
};

static void test_corruptions(int rounds)
{
    QJSContext *c = new_ctx();
    size_t lens[4];
    uint8_t *bases[4];
    for (int i = 0; i < 3; i++) {
        bases[i] = compile_write(c, fuzz_programs[i], i == 2 ? QJS_WRITE_STRIP_DEBUG : 0, &lens[i]);
        CHECK(bases[i] != NULL);
        if (!bases[i])
            return;
    }
    /* a module unit without a name (not registered, so it can be read
       again and again; loaded ones are inspected, not run) */
    QJSValue mu = qjs_compile(c, mod_main, strlen(mod_main), "main.js", QJS_EVAL_MODULE);
    CHECK(qjs_compiled_is_module(mu));
    bases[3] = qjs_write_bytecode(c, 1, &mu, NULL, 0, &lens[3]);
    CHECK(bases[3] != NULL);
    if (!bases[3])
        return;
    int rejected = 0, loaded = 0, ran = 0, unfixed_loaded = 0;
    for (int n = 0; n < rounds; n++) {
        int which = n % 4;
        size_t len = lens[which];
        uint8_t *buf = malloc(len);
        memcpy(buf, bases[which], len);
        bool fix = (n & 1) != 0;
        size_t span = fix ? len - 4 : len;
        size_t off = rnd() % span;
        int kind = rnd() % 4;
        if (kind == 0) {
            buf[off] ^= (uint8_t)(1u << (rnd() % 8));
        } else if (kind == 1) {
            buf[off] = (uint8_t)rnd();
        } else if (kind == 2) {
            buf[off] = (uint8_t)(buf[off] + 1 + rnd() % 3);
        } else {
            /* a 32-bit field: a small, a large or a random value */
            uint32_t v = rnd() % 3 == 0 ? rnd() % 8 : rnd() % 2 ? 0xFFFFFFFFu - rnd() % 4 : rnd();
            for (size_t i = 0; i < 4 && off + i < span; i++)
                buf[off + i] = (uint8_t)(v >> (8 * i));
        }
        if (memcmp(buf, bases[which], len) == 0) {
            free(buf);
            continue;
        }
        if (fix)
            fix_crc(buf, len);
        QJSValue u = qjs_read_bytecode(c, buf, len);
        if (qjs_is_exception(u)) {
            QJSValue e = qjs_take_exception(c);
            (void)e;
            rejected++;
            free(buf);
            continue;
        }
        loaded++;
        if (!fix)
            unfixed_loaded++;
        QJSRef *ref = qjs_ref_new(c, u);
        /* a loaded file can be inspected and written again */
        char *text = qjs_inspect_bytecode(c, buf, len);
        CHECK(text != NULL);
        free(text);
        u = qjs_ref_get(ref);
        size_t l2 = 0;
        uint8_t *again = qjs_write_bytecode(c, 1, &u, NULL, 0, &l2);
        if (!again)
            qjs_take_exception(c);
        /* run it when the change is in data that cannot break the
           structure (string table, sources, header) or was normalized away */
        uint32_t fo = get32(bases[which] + JS_BCH_FUNCS), so = get32(bases[which] + JS_BCH_SOURCES);
        bool harmless = off < fo || off >= so || (again && l2 == len && memcmp(again, bases[which], len) == 0);
        free(again);
        if (harmless && which != 3) {
            QJSValue r = run_unit(c, qjs_ref_get(ref));
            if (qjs_is_exception(r))
                qjs_take_exception(c);
            drain();
            ran++;
        }
        qjs_ref_free(ref);
        free(buf);
    }
    CHECK_MSG(unfixed_loaded == 0, "%d corruptions loaded despite a bad checksum", unfixed_loaded);
    CHECK(rejected > rounds / 4);
    printf("corruptions: %d rounds, %d rejected, %d loaded (%d run)\n", rounds, rejected, loaded, ran);
    for (int i = 0; i < 4; i++)
        free(bases[i]);
}

static void test_to_string_and_stacks(void)
{
    const char *src = "function named(a, b) { return a + b; } var arrow = x => x; class Cls { m() {} get g() { return 1; } }"
                      "var R = [named.toString(), arrow.toString(), Cls.toString(), Cls.prototype.m.toString(),"
                      " Object.getOwnPropertyDescriptor(Cls.prototype, 'g').get.toString()].join('\\n');"
                      "function thrower() { throw new Error('e'); } try { thrower(); } catch (e) { R += '\\n' + e.stack; } R";
    char *with_src = run_roundtrip(src, 0, NULL);
    CHECK_MSG(strstr(with_src, "function named(a, b) { return a + b; }") != NULL, "%s", with_src);
    CHECK(strstr(with_src, "x => x") != NULL);
    CHECK(strstr(with_src, "prog.js:") != NULL);
    char *stripped = run_roundtrip(src, QJS_WRITE_STRIP_SOURCE | QJS_WRITE_STRIP_DEBUG, NULL);
    CHECK_MSG(strstr(stripped, "function named() {\n    [native code]\n}") != NULL, "%s", stripped);
    CHECK_MSG(strstr(stripped, "function get g() {") != NULL, "%s", stripped);
    CHECK(strstr(stripped, "return a + b") == NULL);
    CHECK_MSG(strstr(stripped, "at thrower") != NULL, "%s", stripped);
    CHECK(strstr(stripped, "prog.js") == NULL);
    CHECK_MSG(strstr(stripped, "    at thrower\n") != NULL, "%s", stripped);
    {
        /* with a unit name, stacks name the unit */
        QJSContext *c0 = new_ctx();
        QJSValue u = qjs_compile(c0, src, strlen(src), "/build/path/prog.js", 0);
        const char *nm = "app.js";
        size_t l0 = 0;
        uint8_t *b0 = qjs_write_bytecode(c0, 1, &u, &nm, QJS_WRITE_STRIP_DEBUG, &l0);
        CHECK(b0 && !memmem(b0, l0, "/build/path", 11));
        QJSValue u0 = b0 ? qjs_read_bytecode(c0, b0, l0) : qjs_undefined();
        char *r0 = qjs_is_compiled(u0) ? result_of(c0, run_unit(c0, u0)) : strdup("?");
        CHECK_MSG(strstr(r0, "    at thrower (app.js)\n") != NULL, "%s", r0);
        free(r0);
        free(b0);
    }
    /* each stripped toString is a valid NativeFunction: it parses as a
       function expression once the body is replaced */
    QJSContext *c = new_ctx();
    const char *check =
        "var fns = [function named() {}, x => x, class C {}, {m() {}}.m, {'a b'() {}}['a b'], {[Symbol.iterator]() {}}[Symbol.iterator],"
        " Object.getOwnPropertyDescriptor({get g() { return 1; }}, 'g').get, async function af() {}, function* gf() {}];"
        "R = fns.map(f => String(f)).join('\\n')";
    size_t len = 0;
    uint8_t *buf = compile_write(c, check, QJS_WRITE_STRIP_SOURCE, &len);
    QJSValue u = qjs_read_bytecode(c, buf, len);
    free(buf);
    CHECK(!qjs_is_exception(u));
    QJSValue r = run_unit(c, u);
    CHECK(!qjs_is_exception(r));
    char *all = qjs_to_cstring(c, r, NULL);
    int lines = 0;
    for (char *p = all; p && *p;) {
        char *e = strstr(p, "[native code]\n}");
        if (!e)
            break;
        e += strlen("[native code]\n}");
        /* "function NAME() {\n    [native code]\n}" -> NAME must be empty,
           an identifier, or get/set + identifier */
        CHECK_MSG(strncmp(p, "function ", 9) == 0, "%.*s", (int)(e - p), p);
        const char *nm = p + 9, *par = strchr(nm, '(');
        bool ok = par != NULL;
        for (const char *q = nm; ok && q < par; q++)
            ok = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_' ||
                 *q == '$' || *q == '[' || *q == ']' || *q == '.' || (*q == ' ' && (q - nm == 3) && (!strncmp(nm, "get", 3) || !strncmp(nm, "set", 3)));
        CHECK_MSG(ok, "not a NativeFunction: %.*s", (int)(e - p), p);
        lines++;
        p = *e ? e + 1 : e;
    }
    CHECK_MSG(lines == 9, "%d native functions in %s", lines, all ? all : "?");
    qjs_free_cstring(all);
    free(with_src);
    free(stripped);
}

static void test_inspect_and_sizes(void)
{
    QJSContext *c = new_ctx();
    const char *hello = "console.log('Hello, world!');";
    size_t full = 0, strip = 0;
    uint8_t *b1 = compile_write(c, hello, 0, &full);
    uint8_t *b2 = compile_write(c, hello, QJS_WRITE_STRIP_SOURCE | QJS_WRITE_STRIP_DEBUG, &strip);
    CHECK(b1 && b2 && strip < full);
    printf("hello world unit: %zu bytes, %zu stripped\n", full, strip);
    char *text = b1 ? qjs_inspect_bytecode(c, b1, full) : NULL;
    CHECK(text && strstr(text, "unit 0: script") && strstr(text, "get_global") && strstr(text, "format version 2"));
    free(text);
    text = qjs_inspect_bytecode(c, (const uint8_t *)"nope", 4);
    CHECK(text == NULL && qjs_has_exception(c));
    qjs_take_exception(c);
    /* named units, several per file; the first is returned */
    QJSValue u[2];
    u[0] = qjs_compile(c, "var R = 'first'; 1", 18, "a.js", 0);
    QJSRef *r0 = qjs_ref_new(c, u[0]);
    u[1] = qjs_compile(c, "2", 1, "b.js", 0);
    u[0] = qjs_ref_get(r0);
    const char *names[2] = { "a.js", "b.js" };
    size_t len = 0;
    uint8_t *b3 = qjs_write_bytecode(c, 2, u, names, 0, &len);
    qjs_ref_free(r0);
    CHECK(b3 != NULL);
    QJSBytecodeHeader h;
    CHECK(b3 && qjs_bytecode_header(b3, len, &h) == 0 && h.unit_count == 2);
    QJSValue first = b3 ? qjs_read_bytecode(c, b3, len) : qjs_undefined();
    CHECK(qjs_is_compiled(first) && !qjs_compiled_is_module(first));
    text = b3 ? qjs_inspect_bytecode(c, b3, len) : NULL;
    CHECK(text && strstr(text, "unit 1: script \"b.js\""));
    free(text);
    CHECK(!qjs_is_compiled(qjs_number(1)) && !qjs_is_compiled(qjs_get_global(c)));
    /* only units can be written, at least one */
    QJSValue notunit = qjs_number(3);
    CHECK(qjs_write_bytecode(c, 1, &notunit, NULL, 0, &len) == NULL && qjs_has_exception(c));
    qjs_take_exception(c);
    CHECK(qjs_write_bytecode(c, 0, NULL, NULL, 0, &len) == NULL && qjs_has_exception(c));
    qjs_take_exception(c);
    /* a compiled unit held only in a QJSRef survives collections */
    QJSValue k = qjs_compile(c, "var kept = 40 + 2; kept", 23, "k.js", 0);
    QJSRef *rk = qjs_ref_new(c, k);
    qjs_runtime_gc(rt);
    qjs_runtime_gc(rt);
    QJSValue kr = run_unit(c, qjs_ref_get(rk));
    CHECK(qjs_is_number(kr) && qjs_get_number(kr) == 42);
    qjs_ref_free(rk);
    /* a syntax error from qjs_compile carries the position */
    QJSValue bad = qjs_compile(c, "var = 1", 7, "bad.js", 0);
    CHECK(qjs_is_exception(bad));
    if (qjs_is_exception(bad)) {
        char *t = exc_text(c);
        CHECK_MSG(strstr(t, "SyntaxError") && strstr(t, "bad.js:1"), "%s", t);
        free(t);
    }
    free(b1);
    free(b2);
    free(b3);
}

/* Runs main (which imports ./dep.js) and returns R after the jobs. */
static char *run_module_graph(QJSContext *c, QJSValue main_unit)
{
    QJSValue p = qjs_eval_compiled(c, main_unit);
    if (qjs_is_exception(p))
        return exc_text(c);
    drain();
    QJSValue res;
    int st = qjs_get_promise_state(p, &res);
    QJSValue rv = qjs_get_prop_str(c, qjs_get_global(c), "R");
    char *r = qjs_to_display_cstring(c, rv, NULL);
    char buf[256];
    snprintf(buf, sizeof buf, "%d %s", st, r ? r : "?");
    qjs_free_cstring(r);
    return strdup(buf);
}

static void test_modules(void)
{
    QJSContext *c = new_ctx();
    QJSValue dep = qjs_compile(c, mod_dep, strlen(mod_dep), "./dep.js", QJS_EVAL_MODULE);
    CHECK(qjs_compiled_is_module(dep));
    QJSRef *rd = qjs_ref_new(c, dep);
    QJSValue mainu = qjs_compile(c, mod_main, strlen(mod_main), "main.js", QJS_EVAL_MODULE);
    CHECK(qjs_compiled_is_module(mainu));
    QJSRef *rm = qjs_ref_new(c, mainu);
    if (!qjs_compiled_is_module(dep) || !qjs_compiled_is_module(mainu)) {
        if (qjs_has_exception(c))
            fprintf(stderr, "  %s\n", exc_text(c));
        return;
    }
    /* directly */
    CHECK(qjs_register_module(c, "./dep.js", qjs_ref_get(rd)) == 0);
    char *want = run_module_graph(c, qjs_ref_get(rm));
    CHECK_MSG(strcmp(want, "1 43,dflt,42,function,function!") == 0, "%s", want);
    static const int flag_sets[] = { 0, QJS_WRITE_STRIP_SOURCE | QJS_WRITE_STRIP_DEBUG };
    for (int f = 0; f < 2; f++) {
        /* compiled again (unrun) and written as one file: main, then dep */
        QJSContext *c1 = new_ctx();
        QJSValue u[2];
        u[0] = qjs_compile(c1, mod_main, strlen(mod_main), "main.js", QJS_EVAL_MODULE);
        QJSRef *r0 = qjs_ref_new(c1, u[0]);
        u[1] = qjs_compile(c1, mod_dep, strlen(mod_dep), "./dep.js", QJS_EVAL_MODULE);
        u[0] = qjs_ref_get(r0);
        const char *names[2] = { "main.js", "./dep.js" };
        size_t len = 0, len2 = 0;
        uint8_t *buf = qjs_write_bytecode(c1, 2, u, names, flag_sets[f], &len);
        uint8_t *buf2 = qjs_write_bytecode(c1, 2, u, names, flag_sets[f], &len2);
        qjs_ref_free(r0);
        CHECK(buf && buf2 && len == len2 && memcmp(buf, buf2, len) == 0);
        free(buf2);
        if (!buf)
            continue;
        QJSContext *c2 = new_ctx();
        QJSValue m = qjs_read_bytecode(c2, buf, len);
        CHECK(qjs_compiled_is_module(m));
        CHECK(qjs_module_request_count(c2, m) == 1);
        char *got = qjs_compiled_is_module(m) ? run_module_graph(c2, m) : exc_text(c2);
        CHECK_MSG(strcmp(want, got) == 0, "flags %d: [%s] vs [%s]", flag_sets[f], want, got);
        free(got);
        /* a second read in the same realm: the names are taken */
        QJSValue again = qjs_read_bytecode(c2, buf, len);
        CHECK(qjs_is_exception(again));
        if (qjs_is_exception(again))
            free(exc_text(c2));
        char *text = qjs_inspect_bytecode(c2, buf, len);
        CHECK_MSG(text && strstr(text, "unit 0: module \"main.js\"") && strstr(text, "request 0: \"./dep.js\"") &&
                  strstr(text, "export * from request 0") && strstr(text, "export z = x from request 0") &&
                  strstr(text, "import * as ns from request 0") && strstr(text, "unit 1: module \"./dep.js\"") &&
                  strstr(text, "top-level await"), "%s", text ? text : "(null)");
        free(text);
        /* damaged module records are refused by the verifier */
        QJSContext *c3 = new_ctx();
        QJSValue mm = qjs_read_bytecode(c3, buf, len);
        (void)mm;
        free(buf);
    }
    {
        /* an import slot outside the module environment */
        QJSContext *c4 = new_ctx();
        QJSValue u = qjs_compile(c4, mod_main, strlen(mod_main), "main.js", QJS_EVAL_MODULE);
        QJSRef *ru = qjs_ref_new(c4, u);
        JSFunctionBytecode *b = js_get_ptr(u);
        uint32_t saved = b->module->imports[0].slot;
        b->module->imports[0].slot = b->capture_count;
        size_t len = 0;
        const char *nm = "main.js";
        uint8_t *buf = qjs_write_bytecode(c4, 1, &u, &nm, 0, &len);
        b->module->imports[0].slot = saved;
        CHECK(buf && read_fails_with(c4, buf, len, "bad import entry 0"));
        free(buf);
        b->module->imports[0].request = 7;
        buf = qjs_write_bytecode(c4, 1, &u, &nm, 0, &len);
        CHECK(buf && read_fails_with(c4, buf, len, "bad import entry 0 (request 7"));
        free(buf);
        qjs_ref_free(ru);
    }
    free(want);
    qjs_ref_free(rd);
    qjs_ref_free(rm);
}

/* Under GC stress, collecting at every allocation: a read and a run of
 * the fuzz programs in one realm (the reader's rooting). */
static void test_stress_roundtrip(void)
{
    QJSContext *c = new_ctx();
    for (int i = 0; i < 3; i++) {
        QJSValue v = qjs_eval(c, fuzz_programs[i], strlen(fuzz_programs[i]), "prog.js", 0);
        char *want = result_of(c, v);
        size_t len = 0;
        uint8_t *buf = compile_write(c, fuzz_programs[i], i == 1 ? QJS_WRITE_STRIP_SOURCE : 0, &len);
        CHECK(buf != NULL);
        QJSValue u = buf ? qjs_read_bytecode(c, buf, len) : qjs_undefined();
        CHECK(qjs_is_compiled(u));
        char *got = qjs_is_compiled(u) ? result_of(c, run_unit(c, u)) : strdup("?");
        CHECK_MSG(strcmp(want, got) == 0, "stress program %d: [%s] vs [%s]", i, want, got);
        free(want);
        free(got);
        free(buf);
    }
}

int main(void)
{
    /* the stress build collects at every allocation (QJS_GC_STRESS=1):
       keep that for one round trip section, use a longer period for the
       rest, which creates many realms */
    const char *stress = getenv("QJS_GC_STRESS");
    bool stressed = stress && *stress;
    rt = qjs_runtime_new();
    test_stress_roundtrip();
    qjs_runtime_free(rt);
    if (stressed)
        setenv("QJS_GC_STRESS", "997", 1);
    rt = qjs_runtime_new();
    test_roundtrips();
    test_to_string_and_stacks();
    test_inspect_and_sizes();
    test_verifier();
    test_modules();
    qjs_runtime_free(rt);
    rt = qjs_runtime_new();
    test_determinism();
    test_bad_files();
    test_corruptions(1000);
    qjs_runtime_free(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
