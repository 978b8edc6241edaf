/* BigInt values (see bigint.h): magnitude routines on vectors of 64-bit
 * limbs (add, subtract, schoolbook and Karatsuba multiplication, Knuth's
 * division, shifts), the signed operators built on them with
 * two's-complement bitwise semantics, comparisons with Numbers, and the
 * conversions between BigInts, strings (divide and conquer for long
 * values) and Numbers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bigint.h"
#include "conv.h"
#include "fmath/fmath.h"

typedef uint64_t limb;
typedef unsigned __int128 dlimb;

/* A result may need one limb past the limit before it is normalized. */
#define MAX_LIMBS (JS_BIGINT_MAX_BITS / 64 + 2)
#define KARA_THRESHOLD 32       /* limbs: Karatsuba at and above */
#define TOSTR_DC_THRESHOLD 40   /* limbs: divide and conquer above */
#define PARSE_DC_THRESHOLD 800  /* digits: divide and conquer above */

/* A signed value seen as (magnitude, length, sign). Views of cells are
 * valid while the cell is reachable (callers root their operands). */
typedef struct BV {
    const limb *d;
    uint32_t n;
    bool neg;
} BV;

static inline BV bv_of(JSValue v)
{
    const JSBigInt *b = JS_VALUE_GET_BIGINT(v);
    BV r = { b->limbs, b->h.aux, (b->h.flags & JS_BIGINT_FLAG_NEG) != 0 };
    return r;
}

/* ------------------------------------------------------------------ */
/* magnitudes                                                          */

static inline uint32_t mag_norm(const limb *a, uint32_t n)
{
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

static inline uint64_t mag_bits(const limb *a, uint32_t n)
{
    if (n == 0)
        return 0;
    return (uint64_t)n * 64 - (uint64_t)__builtin_clzll(a[n - 1]);
}

static int mag_cmp(const limb *a, uint32_t na, const limb *b, uint32_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    while (na-- > 0) {
        if (a[na] != b[na])
            return a[na] < b[na] ? -1 : 1;
    }
    return 0;
}

/* r[0..na] = a + b with na >= nb; r may alias a. */
static void mag_add(limb *r, const limb *a, uint32_t na, const limb *b, uint32_t nb)
{
    limb c = 0;
    uint32_t i;
    for (i = 0; i < nb; i++) {
        limb x = a[i], s = x + b[i];
        limb c1 = s < x;
        limb s2 = s + c;
        c = c1 | (s2 < s);
        r[i] = s2;
    }
    for (; i < na; i++) {
        limb s = a[i] + c;
        c = s < c;
        r[i] = s;
    }
    r[na] = c;
}

/* r[0..na) = a - b with na >= nb and a >= b (else the borrow is
 * returned); r may alias a. */
static limb mag_sub(limb *r, const limb *a, uint32_t na, const limb *b, uint32_t nb)
{
    limb bw = 0;
    uint32_t i;
    for (i = 0; i < nb; i++) {
        limb x = a[i], y = b[i];
        limb d = x - y;
        limb b1 = x < y;
        r[i] = d - bw;
        bw = b1 | (d < bw);
    }
    for (; i < na; i++) {
        limb x = a[i];
        r[i] = x - bw;
        bw = x < bw;
    }
    return bw;
}

/* r[0..rn) += z[0..zn), carry propagated inside r (zn <= rn). */
static void mag_add_into(limb *r, uint32_t rn, const limb *z, uint32_t zn)
{
    limb c = 0;
    uint32_t i;
    for (i = 0; i < zn; i++) {
        limb x = r[i], s = x + z[i];
        limb c1 = s < x;
        limb s2 = s + c;
        c = c1 | (s2 < s);
        r[i] = s2;
    }
    for (; c && i < rn; i++) {
        r[i]++;
        c = r[i] == 0;
    }
}

/* r[0..n) = a << s (0 <= s < 64); returns the bits shifted out. r may
 * alias a. */
static limb mag_shl_bits(limb *r, const limb *a, uint32_t n, unsigned s)
{
    if (n == 0)
        return 0;
    if (s == 0) {
        memmove(r, a, n * sizeof(limb));
        return 0;
    }
    limb out = a[n - 1] >> (64 - s);
    for (uint32_t i = n - 1; i > 0; i--)
        r[i] = (a[i] << s) | (a[i - 1] >> (64 - s));
    r[0] = a[0] << s;
    return out;
}

/* r[0..n) = a >> s (0 <= s < 64). r may alias a. */
static void mag_shr_bits(limb *r, const limb *a, uint32_t n, unsigned s)
{
    if (s == 0) {
        memmove(r, a, n * sizeof(limb));
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        r[i] = (a[i] >> s) | (i + 1 < n ? a[i + 1] << (64 - s) : 0);
}

/* r[0..na+nb) = a * b, schoolbook. r overlaps neither operand. */
static void mul_school(limb *r, const limb *a, uint32_t na, const limb *b, uint32_t nb)
{
    memset(r, 0, na * sizeof(limb));
    for (uint32_t i = 0; i < nb; i++) {
        limb bi = b[i], c = 0;
        if (bi != 0) {
            for (uint32_t j = 0; j < na; j++) {
                dlimb t = (dlimb)a[j] * bi + r[i + j] + c;
                r[i + j] = (limb)t;
                c = (limb)(t >> 64);
            }
        }
        r[i + na] = c;
    }
}

/* Scratch limbs mul_kara needs for n-limb operands. */
static size_t kara_scratch(uint32_t n)
{
    size_t s = 0;
    while (n >= KARA_THRESHOLD) {
        uint32_t m = n - n / 2;
        s += 4 * (size_t)(m + 1);
        n = m + 1;
    }
    return s;
}

/* r[0..2n) = a * b, both of n limbs, Karatsuba:
 * a*b = z2 B^2h + ((a0+a1)(b0+b1) - z0 - z2) B^h + z0. */
static void mul_kara(limb *r, const limb *a, const limb *b, uint32_t n, limb *tmp)
{
    if (n < KARA_THRESHOLD) {
        mul_school(r, a, n, b, n);
        return;
    }
    uint32_t h = n / 2, m = n - h;
    limb *sa = tmp, *sb = tmp + (m + 1), *z1 = tmp + 2 * (m + 1);
    limb *next = z1 + 2 * (m + 1);
    mul_kara(r, a, b, h, next);
    mul_kara(r + 2 * h, a + h, b + h, m, next);
    mag_add(sa, a + h, m, a, h);
    mag_add(sb, b + h, m, b, h);
    mul_kara(z1, sa, sb, m + 1, next);
    mag_sub(z1, z1, 2 * m + 2, r, 2 * h);
    mag_sub(z1, z1, 2 * m + 2, r + 2 * h, 2 * m);
    mag_add_into(r + h, 2 * n - h, z1, mag_norm(z1, 2 * m + 2));
}

static limb *tmp_alloc(JSContext *ctx, size_t n)
{
    return js_malloc(ctx, (n ? n : 1) * sizeof(limb));
}

static void tmp_free(JSContext *ctx, limb *p, size_t n)
{
    js_free(ctx->rt, p, (n ? n : 1) * sizeof(limb));
}

/* r[0..na+nb) = a * b; r overlaps neither operand. -1 on out-of-memory
 * (thrown). Does not collect. */
static int mag_mul(JSContext *ctx, limb *r, const limb *a, uint32_t na, const limb *b, uint32_t nb)
{
    if (na < nb) {
        const limb *t = a;
        a = b;
        b = t;
        uint32_t tn = na;
        na = nb;
        nb = tn;
    }
    if (nb < KARA_THRESHOLD) {
        mul_school(r, a, na, b, nb);
        return 0;
    }
    size_t ks = kara_scratch(nb), ts = ks + 2 * (size_t)nb;
    limb *tmp = tmp_alloc(ctx, ts);
    if (!tmp)
        return -1;
    limb *prod = tmp + ks;
    memset(r, 0, ((size_t)na + nb) * sizeof(limb));
    /* a in slices of nb limbs, each multiplied by b */
    for (uint32_t off = 0; off < na;) {
        uint32_t len = na - off < nb ? na - off : nb;
        if (len == nb) {
            mul_kara(prod, a + off, b, nb, tmp);
        } else if (mag_mul(ctx, prod, b, nb, a + off, len) < 0) {
            tmp_free(ctx, tmp, ts);
            return -1;
        }
        mag_add_into(r + off, na + nb - off, prod, nb + len);
        off += len;
    }
    tmp_free(ctx, tmp, ts);
    return 0;
}

/* a / b by one limb: q[0..n) (may alias a, may be NULL), returns the
 * remainder. */
static limb mag_divmod1(limb *q, const limb *a, uint32_t n, limb d)
{
    limb rem = 0;
    for (uint32_t i = n; i-- > 0;) {
        dlimb t = ((dlimb)rem << 64) | a[i];
        limb qq = (limb)(t / d);
        rem = (limb)(t - (dlimb)qq * d);
        if (q)
            q[i] = qq;
    }
    return rem;
}

/* Knuth's algorithm D: q[0..na-nb] = a / b and r[0..nb) = a % b, for
 * na >= nb >= 1 and b normalized (top limb non-zero). q or r may be NULL;
 * neither may overlap a or b. -1 on out-of-memory (thrown). */
static int mag_divmod(JSContext *ctx, limb *q, limb *r, const limb *a, uint32_t na, const limb *b, uint32_t nb)
{
    if (nb == 1) {
        limb rem = mag_divmod1(q, a, na, b[0]);
        if (r)
            r[0] = rem;
        return 0;
    }
    unsigned s = (unsigned)__builtin_clzll(b[nb - 1]);
    size_t un = (size_t)na + 1 + nb;
    limb *u = tmp_alloc(ctx, un);
    if (!u)
        return -1;
    limb *v = u + na + 1;
    mag_shl_bits(v, b, nb, s);
    u[na] = mag_shl_bits(u, a, na, s);
    limb vh = v[nb - 1], vl = v[nb - 2];
    for (uint32_t j = na - nb + 1; j-- > 0;) {
        dlimb num = ((dlimb)u[j + nb] << 64) | u[j + nb - 1];
        dlimb qhat = num / vh;
        dlimb rhat = num - qhat * vh;
        while ((qhat >> 64) != 0 || qhat * vl > ((rhat << 64) | u[j + nb - 2])) {
            qhat--;
            rhat += vh;
            if ((rhat >> 64) != 0)
                break;
        }
        /* u[j..j+nb] -= qhat * v */
        limb borrow = 0, carry = 0;
        for (uint32_t i = 0; i < nb; i++) {
            dlimb p = qhat * v[i] + carry;
            carry = (limb)(p >> 64);
            limb pl = (limb)p, x = u[i + j];
            limb d = x - pl;
            limb b1 = x < pl;
            u[i + j] = d - borrow;
            borrow = b1 | (d < borrow);
        }
        limb x = u[j + nb];
        limb d = x - carry;
        bool neg = x < carry || d < borrow;
        u[j + nb] = d - borrow;
        if (neg) {
            /* qhat was one too large: add v back */
            qhat--;
            limb c = 0;
            for (uint32_t i = 0; i < nb; i++) {
                limb y = u[i + j], s1 = y + v[i];
                limb c1 = s1 < y;
                limb s2 = s1 + c;
                c = c1 | (s2 < s1);
                u[i + j] = s2;
            }
            u[j + nb] += c;
        }
        if (q)
            q[j] = (limb)qhat;
    }
    if (r)
        mag_shr_bits(r, u, nb, s);
    tmp_free(ctx, u, un);
    return 0;
}

/* ------------------------------------------------------------------ */
/* cells                                                               */

static JSValue throw_too_big(JSContext *ctx)
{
    return js_throw_range_error(ctx, "Maximum BigInt size exceeded");
}

/* A cell with room for n limbs (zeroed). May collect; NULL after
 * throwing. */
static JSBigInt *bi_new(JSContext *ctx, size_t n)
{
    if (n > MAX_LIMBS) {
        throw_too_big(ctx);
        return NULL;
    }
    JSBigInt *b = js_gc_alloc(ctx, JS_CELL_BIGINT, sizeof(JSBigInt) + n * sizeof(limb));
    if (b)
        b->h.aux = (uint32_t)n;
    return b;
}

/* Normalizes r (n limbs used) with sign neg and returns its value, or
 * throws RangeError past the size limit. Does not collect. */
static JSValue bi_finish(JSContext *ctx, JSBigInt *r, uint32_t n, bool neg)
{
    n = mag_norm(r->limbs, n);
    if (mag_bits(r->limbs, n) > JS_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    r->h.aux = n;
    r->h.flags = n == 0 ? JS_BIGINT_FLAG_ZERO : neg ? JS_BIGINT_FLAG_NEG : 0;
    return js_bigint_value(r);
}

/* A new BigInt from a magnitude in C memory. May collect. */
static JSValue bi_from_mag(JSContext *ctx, const limb *d, uint32_t n, bool neg)
{
    n = mag_norm(d, n);
    JSBigInt *r = bi_new(ctx, n);
    if (!r)
        return JS_EXCEPTION;
    if (n)
        memcpy(r->limbs, d, n * sizeof(limb));
    return bi_finish(ctx, r, n, neg);
}

JSValue js_bigint_from_uint64(JSContext *ctx, uint64_t v)
{
    return bi_from_mag(ctx, &v, 1, false);
}

JSValue js_bigint_from_int64(JSContext *ctx, int64_t v)
{
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return bi_from_mag(ctx, &m, 1, v < 0);
}

/* ------------------------------------------------------------------ */
/* signed arithmetic; operands are rooted by the caller                */

static JSValue bv_addsub(JSContext *ctx, BV a, BV b, bool negate_b)
{
    bool bneg = b.neg != negate_b;
    if (a.neg == bneg) {
        if (a.n < b.n) {
            BV t = a;
            a = b;
            b = t;
        }
        JSBigInt *r = bi_new(ctx, (size_t)a.n + 1);
        if (!r)
            return JS_EXCEPTION;
        mag_add(r->limbs, a.d, a.n, b.d, b.n);
        return bi_finish(ctx, r, a.n + 1, bneg);
    }
    int c = mag_cmp(a.d, a.n, b.d, b.n);
    bool neg = a.neg;
    if (c < 0) {
        BV t = a;
        a = b;
        b = t;
        neg = bneg;
    }
    JSBigInt *r = bi_new(ctx, a.n);
    if (!r)
        return JS_EXCEPTION;
    mag_sub(r->limbs, a.d, a.n, b.d, b.n);
    return bi_finish(ctx, r, a.n, neg);
}

static JSValue bv_mul(JSContext *ctx, BV a, BV b)
{
    if (a.n == 0 || b.n == 0)
        return bi_from_mag(ctx, NULL, 0, false);
    if (mag_bits(a.d, a.n) + mag_bits(b.d, b.n) - 1 > JS_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    JSBigInt *r = bi_new(ctx, (size_t)a.n + b.n);
    if (!r)
        return JS_EXCEPTION;
    if (mag_mul(ctx, r->limbs, a.d, a.n, b.d, b.n) < 0)
        return JS_EXCEPTION;
    return bi_finish(ctx, r, a.n + b.n, a.neg != b.neg);
}

/* Truncating division: the quotient (want_rem false) or the remainder,
 * which has the sign of a. */
static JSValue bv_divmod(JSContext *ctx, BV a, BV b, bool want_rem)
{
    if (b.n == 0)
        return js_throw_range_error(ctx, "Division by zero");
    if (mag_cmp(a.d, a.n, b.d, b.n) < 0) {
        if (want_rem)
            return bi_from_mag(ctx, a.d, a.n, a.neg);
        return bi_from_mag(ctx, NULL, 0, false);
    }
    JSBigInt *r;
    if (want_rem) {
        r = bi_new(ctx, b.n);
        if (!r || mag_divmod(ctx, NULL, r->limbs, a.d, a.n, b.d, b.n) < 0)
            return JS_EXCEPTION;
        return bi_finish(ctx, r, b.n, a.neg);
    }
    r = bi_new(ctx, a.n - b.n + 1);
    if (!r || mag_divmod(ctx, r->limbs, NULL, a.d, a.n, b.d, b.n) < 0)
        return JS_EXCEPTION;
    return bi_finish(ctx, r, a.n - b.n + 1, a.neg != b.neg);
}

static JSValue bv_pow(JSContext *ctx, BV a, BV b)
{
    limb one = 1;
    if (b.neg)
        return js_throw_range_error(ctx, "Exponent must be non-negative");
    if (b.n == 0)
        return bi_from_mag(ctx, &one, 1, false);
    if (a.n == 0)
        return bi_from_mag(ctx, NULL, 0, false);
    bool odd = b.d[0] & 1;
    bool neg = a.neg && odd;
    if (a.n == 1 && a.d[0] == 1)
        return bi_from_mag(ctx, &one, 1, neg);
    if (b.n > 1 || b.d[0] > JS_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    uint64_t e = b.d[0];
    uint64_t abits = mag_bits(a.d, a.n);
    if ((abits - 1) * e >= JS_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    /* a power of two: a shift */
    if (mag_norm(a.d, a.n - 1) == 0 && (a.d[a.n - 1] & (a.d[a.n - 1] - 1)) == 0) {
        uint64_t sh = (abits - 1) * e;
        JSBigInt *r = bi_new(ctx, sh / 64 + 1);
        if (!r)
            return JS_EXCEPTION;
        r->limbs[sh / 64] = (limb)1 << (sh % 64);
        return bi_finish(ctx, r, (uint32_t)(sh / 64 + 1), neg);
    }
    /* left-to-right binary powering in C buffers */
    size_t ub = (size_t)((abits * e + 63) / 64) + 1;
    size_t ts = 3 * ub;
    limb *buf = tmp_alloc(ctx, ts);
    if (!buf)
        return JS_EXCEPTION;
    limb *x = buf, *t = buf + ub;       /* t: 2 * ub limbs */
    memcpy(x, a.d, a.n * sizeof(limb));
    uint32_t xn = a.n;
    int top = 63 - __builtin_clzll(e);
    for (int i = top - 1; i >= 0; i--) {
        if (mag_mul(ctx, t, x, xn, x, xn) < 0)
            goto oom;
        xn = mag_norm(t, 2 * xn);
        memcpy(x, t, xn * sizeof(limb));
        if ((e >> i) & 1) {
            if (mag_mul(ctx, t, x, xn, a.d, a.n) < 0)
                goto oom;
            xn = mag_norm(t, xn + a.n);
            memcpy(x, t, xn * sizeof(limb));
        }
    }
    JSValue res = bi_from_mag(ctx, x, xn, neg);
    tmp_free(ctx, buf, ts);
    return res;
oom:
    tmp_free(ctx, buf, ts);
    return JS_EXCEPTION;
}

/* a * 2^count (left) or floor(a / 2^count) (right); count is a BigInt
 * whose sign flips the direction. */
static JSValue bv_shift(JSContext *ctx, BV a, BV count, bool left)
{
    if (count.neg)
        left = !left;
    bool huge = count.n > 1 || (count.n == 1 && count.d[0] > JS_BIGINT_MAX_BITS);
    uint64_t c = count.n ? count.d[0] : 0;
    if (a.n == 0)
        return bi_from_mag(ctx, NULL, 0, false);
    uint64_t abits = mag_bits(a.d, a.n);
    if (left) {
        if (huge || abits + c > JS_BIGINT_MAX_BITS)
            return throw_too_big(ctx);
        uint32_t words = (uint32_t)(c / 64);
        JSBigInt *r = bi_new(ctx, (size_t)a.n + words + 1);
        if (!r)
            return JS_EXCEPTION;
        r->limbs[a.n + words] = mag_shl_bits(r->limbs + words, a.d, a.n, (unsigned)(c % 64));
        return bi_finish(ctx, r, a.n + words + 1, a.neg);
    }
    limb one = 1;
    if (huge || c >= abits)
        return a.neg ? bi_from_mag(ctx, &one, 1, true) : bi_from_mag(ctx, NULL, 0, false);
    uint32_t words = (uint32_t)(c / 64);
    unsigned bits = (unsigned)(c % 64);
    bool lost = false;
    if (a.neg) {
        for (uint32_t i = 0; i < words && !lost; i++)
            lost = a.d[i] != 0;
        if (bits && (a.d[words] & (((limb)1 << bits) - 1)))
            lost = true;
    }
    uint32_t rn = a.n - words;
    JSBigInt *r = bi_new(ctx, (size_t)rn + 1);
    if (!r)
        return JS_EXCEPTION;
    mag_shr_bits(r->limbs, a.d + words, rn, bits);
    if (lost) /* floor for negatives: -(|a| >> c) - 1 */
        mag_add(r->limbs, r->limbs, rn, &one, 1);
    return bi_finish(ctx, r, rn + 1, a.neg);
}

/* dst[0..n) = the low n limbs of a in two's complement. */
static void twos_low(limb *dst, uint32_t n, BV a)
{
    uint32_t m = a.n < n ? a.n : n;
    memcpy(dst, a.d, m * sizeof(limb));
    memset(dst + m, 0, (n - m) * sizeof(limb));
    if (a.neg) {
        limb c = 1;
        for (uint32_t i = 0; i < n; i++) {
            limb x = ~dst[i] + c;
            c = c && x == 0;
            dst[i] = x;
        }
    }
}

static void twos_negate(limb *d, uint32_t n)
{
    limb c = 1;
    for (uint32_t i = 0; i < n; i++) {
        limb x = ~d[i] + c;
        c = c && x == 0;
        d[i] = x;
    }
}

static JSValue bv_bitop(JSContext *ctx, BV a, BV b, int op)
{
    uint32_t n = (a.n > b.n ? a.n : b.n) + 1;
    limb *tb = tmp_alloc(ctx, n);
    if (!tb)
        return JS_EXCEPTION;
    twos_low(tb, n, b);
    JSBigInt *r = bi_new(ctx, n);
    if (!r) {
        tmp_free(ctx, tb, n);
        return JS_EXCEPTION;
    }
    limb *d = r->limbs;
    twos_low(d, n, a);
    for (uint32_t i = 0; i < n; i++) {
        switch (op) {
        case JS_BIGINT_OP_AND: d[i] &= tb[i]; break;
        case JS_BIGINT_OP_OR: d[i] |= tb[i]; break;
        default: d[i] ^= tb[i]; break;
        }
    }
    tmp_free(ctx, tb, n);
    bool neg = d[n - 1] >> 63;
    if (neg)
        twos_negate(d, n);
    return bi_finish(ctx, r, n, neg);
}

/* ------------------------------------------------------------------ */
/* operator entry points                                               */

JSValue js_bigint_binary_op(JSContext *ctx, int op, JSValue a, JSValue b)
{
    JSRoot ra, rb;
    js_root_push(ctx, &ra, a);
    js_root_push(ctx, &rb, b);
    JSValue res = JS_EXCEPTION;
    if (!js_is_bigint(a) || !js_is_bigint(b)) {
        /* ToNumeric of both, in order (a Symbol throws there), then the
         * types differ. */
        if (!js_is_bigint(ra.v) && js_is_exception(js_to_numeric(ctx, ra.v)))
            goto done;
        if (!js_is_bigint(rb.v) && js_is_exception(js_to_numeric(ctx, rb.v)))
            goto done;
        js_throw_type_error(ctx, "Cannot mix BigInt and other types, use explicit conversions");
        goto done;
    }
    BV x = bv_of(a), y = bv_of(b);
    switch (op) {
    case JS_BIGINT_OP_ADD: res = bv_addsub(ctx, x, y, false); break;
    case JS_BIGINT_OP_SUB: res = bv_addsub(ctx, x, y, true); break;
    case JS_BIGINT_OP_MUL: res = bv_mul(ctx, x, y); break;
    case JS_BIGINT_OP_DIV: res = bv_divmod(ctx, x, y, false); break;
    case JS_BIGINT_OP_MOD: res = bv_divmod(ctx, x, y, true); break;
    case JS_BIGINT_OP_POW: res = bv_pow(ctx, x, y); break;
    case JS_BIGINT_OP_SHL: res = bv_shift(ctx, x, y, true); break;
    case JS_BIGINT_OP_SAR: res = bv_shift(ctx, x, y, false); break;
    case JS_BIGINT_OP_SHR:
        js_throw_type_error(ctx, "BigInts have no unsigned right shift, use >> instead");
        break;
    case JS_BIGINT_OP_AND:
    case JS_BIGINT_OP_OR:
    case JS_BIGINT_OP_XOR:
        res = bv_bitop(ctx, x, y, op);
        break;
    default:
        js_throw_type_error(ctx, "bad BigInt operator");
        break;
    }
done:
    js_root_pop(ctx, &ra);
    return res;
}

JSValue js_bigint_unary_op(JSContext *ctx, int op, JSValue a)
{
    JSRoot ra;
    js_root_push(ctx, &ra, a);
    BV x = bv_of(a);
    limb one = 1;
    BV bone = { &one, 1, false };
    JSValue res;
    switch (op) {
    case JS_BIGINT_OP_NEG:
        res = bi_from_mag(ctx, x.d, x.n, !x.neg);
        break;
    case JS_BIGINT_OP_NOT:      /* ~x = -x - 1 */
        x.neg = !x.neg && x.n != 0;
        res = bv_addsub(ctx, x, bone, true);
        break;
    case JS_BIGINT_OP_INC:
        res = bv_addsub(ctx, x, bone, false);
        break;
    case JS_BIGINT_OP_DEC:
        res = bv_addsub(ctx, x, bone, true);
        break;
    default:
        res = js_throw_type_error(ctx, "bad BigInt operator");
        break;
    }
    js_root_pop(ctx, &ra);
    return res;
}

/* ------------------------------------------------------------------ */
/* comparisons                                                         */

static int bv_cmp(BV a, BV b)
{
    if (a.neg != b.neg)
        return a.neg ? -1 : 1;
    int c = mag_cmp(a.d, a.n, b.d, b.n);
    return a.neg ? -c : c;
}

int js_bigint_compare(JSValue a, JSValue b)
{
    return bv_cmp(bv_of(a), bv_of(b));
}

bool js_bigint_equal(JSValue a, JSValue b)
{
    return a == b || js_bigint_compare(a, b) == 0;
}

int js_bigint_sign(JSValue a)
{
    BV x = bv_of(a);
    return x.n == 0 ? 0 : x.neg ? -1 : 1;
}

/* |t| of an integral finite double as a magnitude: out has 17 limbs. */
static uint32_t double_to_mag(double t, limb *out)
{
    uint64_t bits;
    memcpy(&bits, &t, sizeof bits);
    int exp = (int)((bits >> 52) & 0x7FF);
    uint64_t mant = bits & ((1ull << 52) - 1);
    memset(out, 0, 17 * sizeof(limb));
    if (exp == 0)
        return 0;               /* zero (subnormals are not integral) */
    mant |= 1ull << 52;
    int sh = exp - 1075;        /* t = mant * 2^sh */
    if (sh <= 0) {
        out[0] = mant >> -sh;
        return out[0] != 0;
    }
    uint32_t w = (uint32_t)sh / 64, b = (uint32_t)sh % 64;
    out[w] = mant << b;
    if (b)
        out[w + 1] = mant >> (64 - b);
    return mag_norm(out, w + 2);
}

int js_bigint_compare_number(JSValue a, double d)
{
    if (d != d)
        return 2;
    if (isinf(d))
        return d > 0 ? -1 : 1;
    double t = js_trunc(d);
    limb m[17];
    BV x = bv_of(a);
    BV y = { m, double_to_mag(t, m), t < 0 };
    int c = bv_cmp(x, y);
    if (c != 0)
        return c;
    return d > t ? -1 : d < t ? 1 : 0;
}

uint32_t js_bigint_hash(JSValue a)
{
    BV x = bv_of(a);
    uint64_t h = 0x9E3779B97F4A7C15ull ^ x.n ^ ((uint64_t)x.neg << 63);
    for (uint32_t i = 0; i < x.n; i++) {
        h ^= x.d[i];
        h *= 0xFF51AFD7ED558CCDull;
        h ^= h >> 33;
    }
    return (uint32_t)(h ^ (h >> 32));
}

JSValue js_bigint_relational(JSContext *ctx, int op, JSValue a, JSValue b)
{
    JSRoot ra, rb;
    js_root_push(ctx, &ra, a);
    js_root_push(ctx, &rb, b);
    JSValue res = JS_EXCEPTION;
    int c;      /* <0, 0, >0, or 2 when undefined */
    if (js_is_string(a) && js_is_bigint(b)) {
        JSValue n = js_string_to_bigint(ctx, a);
        if (js_is_exception(n))
            goto done;
        c = js_is_undefined(n) ? 2 : js_bigint_compare(n, rb.v);
    } else if (js_is_bigint(a) && js_is_string(b)) {
        JSValue n = js_string_to_bigint(ctx, b);
        if (js_is_exception(n))
            goto done;
        c = js_is_undefined(n) ? 2 : js_bigint_compare(ra.v, n);
    } else {
        if (!js_is_bigint(a)) {
            ra.v = js_to_numeric(ctx, ra.v);
            if (js_is_exception(ra.v))
                goto done;
        }
        if (!js_is_bigint(rb.v)) {
            rb.v = js_to_numeric(ctx, rb.v);
            if (js_is_exception(rb.v))
                goto done;
        }
        a = ra.v;
        b = rb.v;
        if (js_is_bigint(a) && js_is_bigint(b)) {
            c = js_bigint_compare(a, b);
        } else if (js_is_bigint(a)) {
            c = js_bigint_compare_number(a, js_number_value(b));
        } else if (js_is_bigint(b)) {
            c = js_bigint_compare_number(b, js_number_value(a));
            if (c != 2)
                c = -c;
        } else {
            double x = js_number_value(a), y = js_number_value(b);
            c = x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
        }
    }
    bool r;
    switch (op) {
    case JS_BIGINT_CMP_LT: r = c < 0; break;
    case JS_BIGINT_CMP_LE: r = c <= 0; break;
    case JS_BIGINT_CMP_GT: r = c > 0 && c != 2; break;
    default: r = c >= 0 && c != 2; break;
    }
    res = js_bool(r);
done:
    js_root_pop(ctx, &ra);
    return res;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */

JSValue js_number_to_bigint(JSContext *ctx, double d)
{
    if (!isfinite(d) || js_trunc(d) != d) {
        char buf[40];
        if (d != d)
            snprintf(buf, sizeof buf, "NaN");
        else if (isinf(d))
            snprintf(buf, sizeof buf, "%sInfinity", d < 0 ? "-" : "");
        else
            snprintf(buf, sizeof buf, "%.17g", d);
        return js_throw_range_error(ctx, "The number %s cannot be converted to a BigInt because it is not an integer", buf);
    }
    limb m[17];
    uint32_t n = double_to_mag(d, m);
    return bi_from_mag(ctx, m, n, d < 0);
}

double js_bigint_to_double(JSValue a)
{
    BV x = bv_of(a);
    uint64_t nbits = mag_bits(x.d, x.n);
    double r;
    if (nbits <= 64) {
        r = x.n ? (double)x.d[0] : 0.0;   /* correctly rounded by the FPU */
    } else if (nbits > 1024) {
        r = INFINITY;
    } else {
        /* the top 64 bits, and whether any bit below them is set */
        uint64_t lowbit = nbits - 64;
        uint32_t w = (uint32_t)(lowbit / 64);
        unsigned b = (unsigned)(lowbit % 64);
        uint64_t top = x.d[w] >> b;
        if (b)
            top |= x.d[w + 1] << (64 - b);
        bool sticky = b && (x.d[w] & ((1ull << b) - 1));
        for (uint32_t i = 0; i < w && !sticky; i++)
            sticky = x.d[i] != 0;
        uint64_t mant = top >> 11, rest = top & 0x7FF;
        if (rest > 0x400 || (rest == 0x400 && (sticky || (mant & 1))))
            mant++;
        r = ldexp((double)mant, (int)(lowbit + 11));  /* overflows to Infinity */
    }
    return x.neg ? -r : r;
}

uint64_t js_bigint_low64(JSValue a)
{
    BV x = bv_of(a);
    uint64_t lo = x.n ? x.d[0] : 0;
    return x.neg ? (uint64_t)0 - lo : lo;
}

/* ------------------------------------------------------------------ */
/* BigInt.asIntN / asUintN                                             */

JSValue js_bigint_as_n(JSContext *ctx, uint64_t bits, JSValue a, bool is_signed)
{
    JSRoot ra;
    js_root_push(ctx, &ra, a);
    BV x = bv_of(a);
    JSValue res;
    uint64_t xbits = mag_bits(x.d, x.n);
    if (bits == 0) {
        res = bi_from_mag(ctx, NULL, 0, false);
    } else if (x.n == 0 || (is_signed && xbits < bits) || (!is_signed && !x.neg && xbits <= bits)) {
        res = a;    /* already in range */
    } else if (bits > JS_BIGINT_MAX_BITS) {
        /* here !is_signed and a < 0: 2^bits + a needs `bits` bits */
        res = throw_too_big(ctx);
    } else {
        uint32_t n = (uint32_t)((bits + 63) / 64);
        JSBigInt *r = bi_new(ctx, n);
        if (!r) {
            res = JS_EXCEPTION;
            goto done;
        }
        x = bv_of(ra.v);
        twos_low(r->limbs, n, x);
        unsigned top = (unsigned)(bits % 64);
        if (top)
            r->limbs[n - 1] &= ((limb)1 << top) - 1;
        bool neg = false;
        if (is_signed && ((r->limbs[(bits - 1) / 64] >> ((bits - 1) % 64)) & 1)) {
            /* u - 2^bits: the two's complement negation within bits */
            twos_negate(r->limbs, n);
            if (top)
                r->limbs[n - 1] &= ((limb)1 << top) - 1;
            neg = true;
        }
        res = bi_finish(ctx, r, n, neg);
    }
done:
    js_root_pop(ctx, &ra);
    return res;
}

/* ------------------------------------------------------------------ */
/* strings                                                             */

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* A magnitude in C memory. */
typedef struct Mag {
    limb *d;
    uint32_t n;
    size_t cap;
} Mag;

static int mag_alloc(JSContext *ctx, Mag *m, size_t cap)
{
    m->d = tmp_alloc(ctx, cap);
    m->n = 0;
    m->cap = cap;
    if (!m->d)
        return -1;
    memset(m->d, 0, (cap ? cap : 1) * sizeof(limb));
    return 0;
}

static void mag_release(JSContext *ctx, Mag *m)
{
    if (m->d)
        tmp_free(ctx, m->d, m->cap);
    m->d = NULL;
}

/* The largest power of radix that fits in a limb, and its digit count. */
static limb radix_chunk(int radix, unsigned *digits)
{
    limb p = (limb)radix;
    unsigned k = 1;
    while (p <= UINT64_MAX / (limb)radix) {
        p *= (limb)radix;
        k++;
    }
    *digits = k;
    return p;
}

/* log2(radix) for radix 2..36, for the sizes of digit strings: a table
 * so that the engine needs no libm function here (fmath.h). */
static const double radix_log2_table[35] = {
    1, 1.5849625007211561, 2, 2.3219280948873622, 2.5849625007211561,
    2.8073549220576042, 3, 3.1699250014423122, 3.3219280948873622,
    3.4594316186372973, 3.5849625007211561, 3.7004397181410922, 3.8073549220576042,
    3.9068905956085187, 4, 4.0874628412503391, 4.1699250014423122,
    4.2479275134435852, 4.3219280948873626, 4.3923174227787607, 4.4594316186372973,
    4.5235619560570131, 4.5849625007211561, 4.6438561897747244, 4.7004397181410917,
    4.7548875021634682, 4.8073549220576037, 4.8579809951275719, 4.9068905956085187,
    4.9541963103868749, 5, 5.0443941193584534, 5.0874628412503391,
    5.1292830169449664, 5.1699250014423122
};
#define RADIX_BITS(radix) radix_log2_table[(radix) - 2]

/* log2(radix) for a power-of-two radix, else 0. */
static unsigned radix_log2(int radix)
{
    return (radix & (radix - 1)) ? 0 : (unsigned)__builtin_ctz((unsigned)radix);
}

/* Powers R^(2^i) of R = radix_chunk(radix): pows[0..*count), each
 * normalized, while 2 * length <= max_limbs. */
static int make_powers(JSContext *ctx, Mag *pows, int *count, int radix, uint32_t max_limbs)
{
    unsigned k;
    limb p = radix_chunk(radix, &k);
    int c = 0;
    if (mag_alloc(ctx, &pows[0], 1) < 0)
        return -1;
    pows[0].d[0] = p;
    pows[0].n = 1;
    c = 1;
    while (c < 40 && 2 * (size_t)pows[c - 1].n <= max_limbs) {
        Mag *prev = &pows[c - 1], *m = &pows[c];
        if (mag_alloc(ctx, m, 2 * (size_t)prev->n) < 0 ||
            mag_mul(ctx, m->d, prev->d, prev->n, prev->d, prev->n) < 0) {
            *count = c + 1;
            return -1;
        }
        m->n = mag_norm(m->d, 2 * prev->n);
        c++;
    }
    *count = c;
    return 0;
}

static void free_powers(JSContext *ctx, Mag *pows, int count)
{
    for (int i = 0; i < count; i++)
        mag_release(ctx, &pows[i]);
}

/* Writes exactly width digits of x (x < radix^width), zero-padded, so
 * that they end at end. x is destroyed. */
static void tostr_simple(limb *x, uint32_t n, int radix, char *end, size_t width)
{
    unsigned k;
    limb p = radix_chunk(radix, &k);
    char *s = end, *stop = end - width;
    n = mag_norm(x, n);
    while (n > 0 && s > stop) {
        limb rem = mag_divmod1(x, x, n, p);
        n = mag_norm(x, n);
        for (unsigned i = 0; i < k && s > stop; i++) {
            *--s = digit_chars[rem % (limb)radix];
            rem /= (limb)radix;
        }
    }
    while (s > stop)
        *--s = '0';
}

/* Divide and conquer: x = q * P_i + r with P_i = R^(2^i), the digits of
 * r are the low k * 2^i digits. As tostr_simple, x is left intact. */
static int tostr_dc(JSContext *ctx, const limb *x, uint32_t n, int radix, char *end, size_t width,
                    const Mag *pows, int npow, unsigned k)
{
    n = mag_norm(x, n);
    if (n <= TOSTR_DC_THRESHOLD) {
        limb tmp[TOSTR_DC_THRESHOLD];
        memcpy(tmp, x, n * sizeof(limb));
        tostr_simple(tmp, n, radix, end, width);
        return 0;
    }
    int i = npow - 1;
    while (i > 0 && 2 * (size_t)pows[i].n > (size_t)n + 1)
        i--;
    const Mag *p = &pows[i];
    size_t low = (size_t)k << i;
    if (low >= width) {     /* cannot happen for a correct width; be safe */
        limb *t = tmp_alloc(ctx, n);
        if (!t)
            return -1;
        memcpy(t, x, n * sizeof(limb));
        tostr_simple(t, n, radix, end, width);
        tmp_free(ctx, t, n);
        return 0;
    }
    uint32_t qn = n - p->n + 1;
    size_t tn = (size_t)qn + p->n;
    limb *q = tmp_alloc(ctx, tn);
    if (!q)
        return -1;
    limb *r = q + qn;
    int ret = mag_divmod(ctx, q, r, x, n, p->d, p->n);
    if (ret == 0)
        ret = tostr_dc(ctx, r, p->n, radix, end, low, pows, i, k);
    if (ret == 0)
        ret = tostr_dc(ctx, q, qn, radix, end - low, width - low, pows, i + 1, k);
    tmp_free(ctx, q, tn);
    return ret;
}

JSValue js_bigint_to_string(JSContext *ctx, JSValue a, int radix)
{
    BV x = bv_of(a);
    if (x.n == 0)
        return js_new_string_char(ctx, '0');
    uint64_t nbits = mag_bits(x.d, x.n);
    size_t width = (size_t)((double)nbits / RADIX_BITS(radix)) + 2;
    size_t blen = width + 1;
    char *buf = js_malloc(ctx, blen);
    if (!buf)
        return JS_EXCEPTION;
    char *end = buf + blen;
    unsigned lg = radix_log2(radix);
    int ret = 0;
    if (lg) {
        /* power-of-two radix: read the bits directly */
        char *s = end;
        limb mask = ((limb)1 << lg) - 1;
        for (uint64_t pos = 0; pos < nbits; pos += lg) {
            uint32_t w = (uint32_t)(pos / 64);
            unsigned b = (unsigned)(pos % 64);
            limb v = x.d[w] >> b;
            if (b + lg > 64 && w + 1 < x.n)
                v |= x.d[w + 1] << (64 - b);
            *--s = digit_chars[v & mask];
        }
        while (s > end - width)
            *--s = '0';
    } else if (x.n <= TOSTR_DC_THRESHOLD) {
        limb tmp[TOSTR_DC_THRESHOLD];
        memcpy(tmp, x.d, x.n * sizeof(limb));
        tostr_simple(tmp, x.n, radix, end, width);
    } else {
        Mag pows[40];
        int npow = 0;
        unsigned k;
        radix_chunk(radix, &k);
        ret = make_powers(ctx, pows, &npow, radix, x.n + 1);
        if (ret == 0)
            ret = tostr_dc(ctx, x.d, x.n, radix, end, width, pows, npow, k);
        free_powers(ctx, pows, npow);
    }
    if (ret < 0) {
        js_free(ctx->rt, buf, blen);
        return JS_EXCEPTION;
    }
    char *s = end - width;
    while (*s == '0' && s < end - 1)
        s++;
    if (x.neg)
        *--s = '-';
    JSValue res = js_new_string_latin1(ctx, (const uint8_t *)s, (size_t)(end - s));
    js_free(ctx->rt, buf, blen);
    return res;
}

static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* r (zeroed, enough room) = the digits s[0..len) in radix, by chunks of
 * k digits: r = r * radix^k + chunk. Returns the length. */
static uint32_t parse_simple(limb *r, const char *s, size_t len, int radix)
{
    unsigned k;
    radix_chunk(radix, &k);
    uint32_t n = 0;
    size_t i = 0, cnt = len % k ? len % k : k;
    while (i < len) {
        limb v = 0, mulp = 1;
        for (size_t j = 0; j < cnt; j++) {
            v = v * (limb)radix + (limb)digit_value((unsigned char)s[i + j]);
            mulp *= (limb)radix;
        }
        i += cnt;
        cnt = k;
        limb c = v;
        for (uint32_t t = 0; t < n; t++) {
            dlimb x = (dlimb)r[t] * mulp + c;
            r[t] = (limb)x;
            c = (limb)(x >> 64);
        }
        if (c)
            r[n++] = c;
    }
    return n;
}

/* Limbs enough for len digits in radix. */
static size_t parse_cap(size_t len, int radix)
{
    return (size_t)((double)len * RADIX_BITS(radix) / 64.0) + 2;
}

/* out = the digits s[0..len), divide and conquer: high digits times
 * R^(2^i) plus the low k * 2^i digits. */
static int parse_dc(JSContext *ctx, Mag *out, const char *s, size_t len, int radix,
                    const Mag *pows, int npow, unsigned k)
{
    if (len <= PARSE_DC_THRESHOLD || npow == 0) {
        if (mag_alloc(ctx, out, parse_cap(len, radix)) < 0)
            return -1;
        out->n = parse_simple(out->d, s, len, radix);
        return 0;
    }
    int i = npow - 1;
    while (i > 0 && ((size_t)k << i) >= len)
        i--;
    size_t low = (size_t)k << i;
    if (low >= len) {
        if (mag_alloc(ctx, out, parse_cap(len, radix)) < 0)
            return -1;
        out->n = parse_simple(out->d, s, len, radix);
        return 0;
    }
    Mag hi = { 0 }, lo = { 0 };
    int ret = -1;
    if (parse_dc(ctx, &hi, s, len - low, radix, pows, i, k) < 0 ||
        parse_dc(ctx, &lo, s + len - low, low, radix, pows, i, k) < 0)
        goto done;
    const Mag *p = &pows[i];
    size_t cap = (size_t)hi.n + p->n + 1;
    if (lo.n + 1 > cap)
        cap = lo.n + 1;
    if (mag_alloc(ctx, out, cap) < 0)
        goto done;
    if (hi.n && mag_mul(ctx, out->d, hi.d, hi.n, p->d, p->n) < 0)
        goto done;
    mag_add_into(out->d, (uint32_t)cap, lo.d, lo.n);
    out->n = mag_norm(out->d, (uint32_t)cap);
    ret = 0;
done:
    mag_release(ctx, &hi);
    mag_release(ctx, &lo);
    return ret;
}

/* A BigInt from valid digits s[0..len) in radix. May collect. */
static JSValue parse_digits(JSContext *ctx, const char *s, size_t len, int radix, bool neg)
{
    while (len > 1 && *s == '0') {
        s++;
        len--;
    }
    if (len == 0 || (len == 1 && *s == '0'))
        return bi_from_mag(ctx, NULL, 0, false);
    if ((double)(len - 1) * RADIX_BITS(radix) > (double)JS_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    unsigned lg = radix_log2(radix);
    if (lg) {
        size_t nl = (len * lg + 63) / 64;
        JSBigInt *r = bi_new(ctx, nl);
        if (!r)
            return JS_EXCEPTION;
        uint64_t pos = 0;
        for (size_t i = len; i-- > 0; pos += lg) {
            limb v = (limb)digit_value((unsigned char)s[i]);
            uint32_t w = (uint32_t)(pos / 64);
            unsigned b = (unsigned)(pos % 64);
            r->limbs[w] |= v << b;
            if (b + lg > 64)
                r->limbs[w + 1] |= v >> (64 - b);
        }
        return bi_finish(ctx, r, (uint32_t)nl, neg);
    }
    if (len <= PARSE_DC_THRESHOLD) {
        size_t cap = parse_cap(len, radix);
        JSBigInt *r = bi_new(ctx, cap);
        if (!r)
            return JS_EXCEPTION;
        uint32_t n = parse_simple(r->limbs, s, len, radix);
        return bi_finish(ctx, r, n, neg);
    }
    Mag pows[40], out = { 0 };
    int npow = 0;
    unsigned k;
    radix_chunk(radix, &k);
    JSValue res = JS_EXCEPTION;
    if (make_powers(ctx, pows, &npow, radix, (uint32_t)(parse_cap(len, radix) / 2 + 1)) == 0 &&
        parse_dc(ctx, &out, s, len, radix, pows, npow, k) == 0)
        res = bi_from_mag(ctx, out.d, out.n, neg);
    free_powers(ctx, pows, npow);
    mag_release(ctx, &out);
    return res;
}

JSValue js_bigint_from_literal(JSContext *ctx, const char *digits, size_t len, int radix)
{
    return parse_digits(ctx, digits, len, radix, false);
}

/* StrWhiteSpaceChar: WhiteSpace and LineTerminator. */
static bool is_space(uint32_t c)
{
    switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20:
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

JSValue js_string_to_bigint(JSContext *ctx, JSValue str)
{
    JSString *p = js_string_flatten(ctx, str);
    if (!p)
        return JS_EXCEPTION;
    uint32_t start = 0, end = p->len;
    while (start < end && is_space(js_flat_char(p, start)))
        start++;
    while (end > start && is_space(js_flat_char(p, end - 1)))
        end--;
    size_t len = end - start;
    if (len == 0)
        return bi_from_mag(ctx, NULL, 0, false);
    char *buf = js_malloc(ctx, len + 1);
    if (!buf)
        return JS_EXCEPTION;
    JSValue res = JS_UNDEFINED;
    for (size_t i = 0; i < len; i++) {
        uint16_t c = js_flat_char(p, start + (uint32_t)i);
        if (c >= 0x80)
            goto done;
        buf[i] = (char)c;
    }
    buf[len] = 0;
    const char *s = buf;
    size_t n = len;
    int radix = 10;
    bool neg = false;
    int pc = n >= 2 && s[0] == '0' ? s[1] | 0x20 : 0;
    if (pc == 'x' || pc == 'o' || pc == 'b') {
        radix = pc == 'x' ? 16 : pc == 'o' ? 8 : 2;
        s += 2;
        n -= 2;
    } else if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        s++;
        n--;
    }
    if (n == 0)
        goto done;
    for (size_t i = 0; i < n; i++) {
        if (digit_value((unsigned char)s[i]) >= radix)
            goto done;
    }
    res = parse_digits(ctx, s, n, radix, neg);
done:
    js_free(ctx->rt, buf, len + 1);
    return res;
}

/* ------------------------------------------------------------------ */
/* ToBigInt and friends                                                */

JSValue js_to_bigint(JSContext *ctx, JSValue v)
{
    JSValue p = js_to_primitive(ctx, v, JS_HINT_NUMBER);
    if (js_is_exception(p))
        return p;
    if (js_is_bigint(p))
        return p;
    if (js_is_bool(p))
        return js_bigint_from_int64(ctx, js_get_bool(p));
    if (js_is_string(p)) {
        JSRoot rp;
        js_root_push(ctx, &rp, p);
        JSValue r = js_string_to_bigint(ctx, p);
        if (js_is_undefined(r)) {
            char *u = js_string_to_utf8(ctx, rp.v, NULL);
            if (u) {
                size_t ul = strlen(u);
                js_throw_syntax_error(ctx, "Cannot convert %s%.60s%s to a BigInt", "\"", u, ul > 60 ? "...\"" : "\"");
                free(u);
            }
            r = JS_EXCEPTION;
        }
        js_root_pop(ctx, &rp);
        return r;
    }
    if (js_is_number(p))
        return js_throw_type_error(ctx, "Cannot convert a Number to a BigInt");
    if (js_is_undefined(p))
        return js_throw_type_error(ctx, "Cannot convert undefined to a BigInt");
    if (js_is_null(p))
        return js_throw_type_error(ctx, "Cannot convert null to a BigInt");
    if (js_is_symbol(p))
        return js_throw_type_error(ctx, "Cannot convert a Symbol to a BigInt");
    return js_throw_type_error(ctx, "Cannot convert value to a BigInt");
}

int js_to_bigint64(JSContext *ctx, int64_t *out, JSValue v)
{
    JSValue b = js_to_bigint(ctx, v);
    if (js_is_exception(b))
        return -1;
    *out = (int64_t)js_bigint_low64(b);
    return 0;
}

int js_to_biguint64(JSContext *ctx, uint64_t *out, JSValue v)
{
    JSValue b = js_to_bigint(ctx, v);
    if (js_is_exception(b))
        return -1;
    *out = js_bigint_low64(b);
    return 0;
}

/* ------------------------------------------------------------------ */
/* the hooks of conv.c                                                 */

static JSValue ops_to_string(JSContext *ctx, JSValue a)
{
    return js_bigint_to_string(ctx, a, 10);
}

static const JSBigIntOps bigint_ops = {
    .to_string = ops_to_string,
    .from_string = js_string_to_bigint,
    .compare = js_bigint_compare,
    .compare_number = js_bigint_compare_number,
};

void js_bigint_init_runtime(JSRuntime *rt)
{
    rt->bigint_ops = &bigint_ops;
}
