/* Number <-> string conversion (see dtoa.h): shortest round-trip digits
 * by exact big-integer digit generation (Steele & White / Burger & Dybvig
 * free format), exact fixed/exponential/precision rounding, V8-compatible
 * radix output, and correctly rounded string-to-double with a small-integer
 * fast path and an exact big-integer slow path. No heap allocation. */
#include "fmath/fmath.h"
#include "dtoa.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Small fixed-capacity unsigned big integers                          */
/* ------------------------------------------------------------------ */

/* 32-bit limbs, least significant first; n == 0 means zero and
 * w[n-1] != 0 otherwise. 150 limbs (4800 bits) covers the largest
 * operand: string-to-double with 801 kept digits divided by 5^1125,
 * shifted left by 64 (about 3.8 kbit). */
#define BN_LIMBS 150

typedef struct {
    int n;
    uint32_t w[BN_LIMBS];
} Bn;

static void bn_trim(Bn *a)
{
    while (a->n > 0 && a->w[a->n - 1] == 0)
        a->n--;
}

static void bn_set_u64(Bn *a, uint64_t v)
{
    a->n = 0;
    while (v) {
        a->w[a->n++] = (uint32_t)v;
        v >>= 32;
    }
}

static void bn_copy(Bn *dst, const Bn *src)
{
    dst->n = src->n;
    memcpy(dst->w, src->w, (size_t)src->n * sizeof(uint32_t));
}

static bool bn_is_zero(const Bn *a)
{
    return a->n == 0;
}

/* a = a * m + add. */
static void bn_mul_add_small(Bn *a, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->w[i] * m + carry;
        a->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) {
        assert(a->n < BN_LIMBS);
        a->w[a->n++] = (uint32_t)carry;
    }
}

static void bn_shl(Bn *a, int bits)
{
    if (a->n == 0 || bits == 0)
        return;
    int limbs = bits >> 5, sh = bits & 31;
    assert(a->n + limbs + 1 <= BN_LIMBS);
    a->w[a->n + limbs] = 0;
    if (sh == 0) {
        for (int i = a->n - 1; i >= 0; i--)
            a->w[i + limbs] = a->w[i];
    } else {
        for (int i = a->n - 1; i >= 0; i--) {
            a->w[i + limbs + 1] |= a->w[i] >> (32 - sh);
            a->w[i + limbs] = a->w[i] << sh;
        }
    }
    for (int i = 0; i < limbs; i++)
        a->w[i] = 0;
    a->n += limbs + 1;
    bn_trim(a);
}

static void bn_mul_pow5(Bn *a, int e)
{
    static const uint32_t pow5[14] = {
        1u, 5u, 25u, 125u, 625u, 3125u, 15625u, 78125u, 390625u,
        1953125u, 9765625u, 48828125u, 244140625u, 1220703125u,
    };
    while (e >= 13) {
        bn_mul_add_small(a, pow5[13], 0);
        e -= 13;
    }
    if (e > 0)
        bn_mul_add_small(a, pow5[e], 0);
}

static void bn_mul_pow10(Bn *a, int e)
{
    bn_mul_pow5(a, e);
    bn_shl(a, e);
}

/* r = a * b; r must not alias a or b. */
static void bn_mul(Bn *r, const Bn *a, const Bn *b)
{
    if (a->n == 0 || b->n == 0) {
        r->n = 0;
        return;
    }
    int n = a->n + b->n;
    assert(n <= BN_LIMBS);
    memset(r->w, 0, (size_t)n * sizeof(uint32_t));
    for (int i = 0; i < a->n; i++) {
        uint64_t carry = 0, ai = a->w[i];
        for (int j = 0; j < b->n; j++) {
            uint64_t t = ai * b->w[j] + r->w[i + j] + carry;
            r->w[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        r->w[i + b->n] = (uint32_t)carry;
    }
    r->n = n;
    bn_trim(r);
}

static int bn_cmp(const Bn *a, const Bn *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--) {
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    }
    return 0;
}

/* Compare a + b with c. */
static int bn_add_cmp(const Bn *a, const Bn *b, const Bn *c)
{
    int n = a->n > b->n ? a->n : b->n;
    if (n + 1 < c->n)
        return -1;
    if (n > c->n)
        return 1;
    /* Sum limb by limb into a scratch array, then compare. */
    uint32_t sum[BN_LIMBS + 1];
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint64_t t = carry;
        if (i < a->n)
            t += a->w[i];
        if (i < b->n)
            t += b->w[i];
        sum[i] = (uint32_t)t;
        carry = t >> 32;
    }
    int sn = n;
    if (carry)
        sum[sn++] = (uint32_t)carry;
    while (sn > 0 && sum[sn - 1] == 0)
        sn--;
    if (sn != c->n)
        return sn < c->n ? -1 : 1;
    for (int i = sn - 1; i >= 0; i--) {
        if (sum[i] != c->w[i])
            return sum[i] < c->w[i] ? -1 : 1;
    }
    return 0;
}

/* a -= b; requires a >= b. */
static void bn_sub(Bn *a, const Bn *b)
{
    uint32_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t d = (uint64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        a->w[i] = (uint32_t)d;
        borrow = (uint32_t)(d >> 63);
    }
    assert(borrow == 0);
    bn_trim(a);
}

/* a -= b * q; requires a >= b * q. */
static void bn_submul_small(Bn *a, const Bn *b, uint32_t q)
{
    uint64_t carry = 0;
    uint32_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t p = carry;
        if (i < b->n)
            p += (uint64_t)b->w[i] * q;
        carry = p >> 32;
        uint64_t d = (uint64_t)a->w[i] - (uint32_t)p - borrow;
        a->w[i] = (uint32_t)d;
        borrow = (uint32_t)(d >> 63);
    }
    assert(borrow == 0 && carry == 0);
    bn_trim(a);
}

static int bn_bitlen(const Bn *a)
{
    if (a->n == 0)
        return 0;
    uint32_t top = a->w[a->n - 1];
    int bits = 0;
    while (top) {
        bits++;
        top >>= 1;
    }
    return (a->n - 1) * 32 + bits;
}

/* For r < 2^32 * s: returns q = floor(r / s) and leaves r mod s in r.
 * Cheap when q is small (the digit loops, q <= 9) or when s is
 * normalized (top limb >= 2^31): the estimate is then at most 2 short. */
static uint32_t bn_divmod_small(Bn *r, const Bn *s)
{
    if (bn_cmp(r, s) < 0)
        return 0;
    int n = s->n;
    uint64_t top = r->w[n - 1];
    if (r->n > n)
        top |= (uint64_t)r->w[n] << 32;
    uint64_t qe = top / ((uint64_t)s->w[n - 1] + 1);
    if (qe > 0xFFFFFFFFu)
        qe = 0xFFFFFFFFu;
    uint32_t q = (uint32_t)qe;
    if (q)
        bn_submul_small(r, s, q);
    while (bn_cmp(r, s) >= 0) {
        bn_sub(r, s);
        q++;
    }
    return q;
}

/* ------------------------------------------------------------------ */
/* Building doubles                                                     */
/* ------------------------------------------------------------------ */

static double bits_to_double(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static uint64_t double_to_bits(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static int clz64(uint64_t v)
{
    return __builtin_clzll(v);
}

/* The double nearest (ties to even) to (m + eps) * 2^e2, where eps is 0
 * if !sticky and strictly between 0 and 1 otherwise. When sticky, m
 * must have at least 54 significant bits or the value must be
 * subnormal-range, so that the rounding bit lies inside m. */
static double make_double(uint64_t m, int e2, bool sticky)
{
    if (m == 0)
        return 0.0;
    int msb = 63 - clz64(m);
    int lsb_exp = msb + e2 - 52;  /* exponent of the result's unit bit */
    if (lsb_exp < -1074)
        lsb_exp = -1074;
    if (lsb_exp > 1023 - 52)
        return INFINITY;
    int drop = lsb_exp - e2;
    uint64_t kept;
    if (drop <= 0) {
        assert(!sticky);
        kept = m << -drop;
    } else if (drop > 64) {
        return 0.0;
    } else {
        uint64_t rem, half;
        if (drop == 64) {
            kept = 0;
            rem = m;
        } else {
            kept = m >> drop;
            rem = m & ((1ull << drop) - 1);
        }
        half = 1ull << (drop - 1);
        if (rem > half || (rem == half && (sticky || (kept & 1))))
            kept++;
    }
    uint64_t bits = ((uint64_t)(lsb_exp + 1074) << 52) + kept;
    if (bits >= 0x7FF0000000000000ull)
        return INFINITY;
    return bits_to_double(bits);
}

/* Nearest double to the big integer a times 2^e2. */
static double bn_to_double(const Bn *a, int e2)
{
    int bl = bn_bitlen(a);
    if (bl == 0)
        return 0.0;
    if (bl <= 64) {
        uint64_t m = a->w[0];
        if (a->n > 1)
            m |= (uint64_t)a->w[1] << 32;
        return make_double(m, e2, false);
    }
    /* Take bits [bl-64, bl) and note whether anything below is set. */
    int low = bl - 64;
    int limb = low >> 5, sh = low & 31;
    uint64_t m = 0;
    for (int i = 2; i >= 0; i--) {
        int idx = limb + i;
        uint64_t v = idx < a->n ? a->w[idx] : 0;
        if (sh == 0) {
            if (i < 2)
                m |= v << (32 * i);
        } else {
            /* bits of limb idx land at position 32*i - sh */
            int pos = 32 * i - sh;
            if (pos >= 0)
                m |= v << pos;
            else
                m |= v >> -pos;
        }
    }
    bool sticky = false;
    for (int i = 0; i < limb && !sticky; i++)
        sticky = a->w[i] != 0;
    if (sh && (a->w[limb] & ((1u << sh) - 1)))
        sticky = true;
    return make_double(m, e2 + low, sticky);
}

/* ------------------------------------------------------------------ */
/* Digit generation                                                     */
/* ------------------------------------------------------------------ */

typedef struct {
    uint64_t f;  /* significand, hidden bit included */
    int e;       /* value = f * 2^e */
    int be;      /* biased exponent field */
} Decomposed;

static Decomposed decompose(double v)
{
    uint64_t b = double_to_bits(v);
    Decomposed r;
    r.be = (int)((b >> 52) & 0x7FF);
    uint64_t frac = b & ((1ull << 52) - 1);
    if (r.be == 0) {
        r.f = frac;
        r.e = -1074;
    } else {
        r.f = frac | (1ull << 52);
        r.e = r.be - 1075;
    }
    return r;
}

/* Smallest-k guess with 10^(k-1) <= 2^msb, where v >= 2^msb. */
static int estimate_k(const Decomposed *d)
{
    int msb = d->e + 63 - clz64(d->f);
    return (int)js_floor(msb * 0.30102999566398114) + 1;
}

/* Shift r, s (and the margins) left so that s's top limb has its high
 * bit set, which keeps the quotient estimates in bn_divmod_small tight. */
static void normalize_s(Bn *r, Bn *s, Bn *mp, Bn *mm)
{
    int sh = (32 - (bn_bitlen(s) & 31)) & 31;
    if (sh == 0)
        return;
    bn_shl(r, sh);
    bn_shl(s, sh);
    if (mp)
        bn_shl(mp, sh);
    if (mm && mm != mp)
        bn_shl(mm, sh);
}

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

static const uint64_t pow10_u64[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull,
    10000000ull, 100000000ull, 1000000000ull, 10000000000ull,
    100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull,
    100000000000000000ull, 1000000000000000000ull,
    10000000000000000000ull,
};

/* 10^k for 0 <= k <= 38 */
static u128 pow10_u128(int k)
{
    if (k <= 19)
        return pow10_u64[k];
    return (u128)pow10_u64[19] * pow10_u64[k - 19];
}

static int bitlen128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;
    if (hi)
        return 128 - clz64(hi);
    return lo ? 64 - clz64(lo) : 0;
}

/* q = floor(r / s) for r < 10 * s < 2^127; r becomes r mod s. */
static int div_digit128(u128 *r, u128 s)
{
    if ((s >> 60) == 0) {
        uint64_t rr = (uint64_t)*r, ss = (uint64_t)s;
        uint64_t q = rr / ss;
        *r = rr - q * ss;
        return (int)q;
    }
    /* top 60 bits of s: the estimate is short by at most one */
    int sh = bitlen128(s) - 60;
    uint64_t q = (uint64_t)(*r >> sh) / ((uint64_t)(s >> sh) + 1);
    *r -= (u128)q * s;
    while (*r >= s) {
        *r -= s;
        q++;
    }
    return (int)q;
}

/* shortest_digits with 128-bit integers, for the values where every
 * quantity fits (roughly 1e-21 .. 1e37). Returns -1 when it does not
 * apply. Same algorithm and results as the big-integer version. */
static int shortest_u128(const Decomposed *d, bool even, bool uneq,
                         char *digits, int *pk)
{
    u128 r, s, mp, mm;
    if (d->e >= 0) {
        if (d->e > 60)
            return -1;
        r = (u128)d->f << (d->e + (uneq ? 2 : 1));
        s = uneq ? 4 : 2;
        mp = (u128)1 << (d->e + (uneq ? 1 : 0));
        mm = (u128)1 << d->e;
    } else {
        if (d->e < -121)
            return -1;
        r = (u128)d->f << (uneq ? 2 : 1);
        s = (u128)1 << ((uneq ? 2 : 1) - d->e);
        mp = uneq ? 2 : 1;
        mm = 1;
    }
    int k = estimate_k(d);
    if (k >= 0) {
        if (k > 38 || bitlen128(s) + (k * 3322) / 1000 + 1 > 123)
            return -1;
        s *= pow10_u128(k);
    } else {
        if (-k > 38 || bitlen128(r) + (-k * 3322) / 1000 + 1 > 123)
            return -1;
        u128 p = pow10_u128(-k);
        r *= p;
        mp *= p;
        mm *= p;
    }
    while (r + mp > s || (even && r + mp == s)) {
        s *= 10;
        k++;
    }
    if (bitlen128(s) > 123)
        return -1;
    /* s is a power of two for most values below 1: divide by shifting */
    int s_log2 = (s & (s - 1)) == 0 ? bitlen128(s) - 1 : -1;
    int n = 0;
    for (;;) {
        r *= 10;
        mp *= 10;
        mm *= 10;
        int digit;
        if (s_log2 >= 0) {
            digit = (int)(r >> s_log2);
            r &= s - 1;
        } else {
            digit = div_digit128(&r, s);
        }
        bool low = r < mm || (even && r == mm);
        bool high = r + mp > s || (even && r + mp == s);
        if (!low && !high) {
            digits[n++] = (char)('0' + digit);
            continue;
        }
        if (low && high) {
            if (2 * r > s || (2 * r == s && (digit & 1)))
                digit++;
        } else if (high) {
            digit++;
        }
        digits[n++] = (char)('0' + digit);
        break;
    }
    *pk = k;
    return n;
}
#endif

/* Shortest digits that read back as v (v > 0 finite): digits as ASCII,
 * returns their count; *pk receives k with v ~= 0.d1d2... * 10^k. Among
 * shortest candidates, the closest to v (ties to even). */
static int shortest_digits(double v, char *digits, int *pk)
{
    Decomposed d = decompose(v);
    bool even = (d.f & 1) == 0;
    bool uneq = (d.f == (1ull << 52)) && d.be > 1;
#ifdef __SIZEOF_INT128__
    int fast = shortest_u128(&d, even, uneq, digits, pk);
    if (fast > 0)
        return fast;
#endif
    Bn r, s, mp, mm, p;
    Bn *mmp;

    if (d.e >= 0) {
        bn_set_u64(&r, d.f);
        bn_shl(&r, d.e + (uneq ? 2 : 1));
        bn_set_u64(&s, uneq ? 4 : 2);
        bn_set_u64(&mp, 1);
        bn_shl(&mp, d.e + (uneq ? 1 : 0));
        if (uneq) {
            bn_set_u64(&mm, 1);
            bn_shl(&mm, d.e);
            mmp = &mm;
        } else {
            mmp = &mp;
        }
    } else {
        bn_set_u64(&r, d.f << (uneq ? 2 : 1));
        bn_set_u64(&s, 1);
        bn_shl(&s, (uneq ? 2 : 1) - d.e);
        bn_set_u64(&mp, uneq ? 2 : 1);
        if (uneq) {
            bn_set_u64(&mm, 1);
            mmp = &mm;
        } else {
            mmp = &mp;
        }
    }

    int k = estimate_k(&d);
    if (k >= 0) {
        bn_mul_pow10(&s, k);
    } else {
        /* multiply r and the margins by 10^-k */
        bn_set_u64(&p, 1);
        bn_mul_pow10(&p, -k);
        Bn t;
        bn_mul(&t, &r, &p);
        bn_copy(&r, &t);
        bn_mul(&t, &mp, &p);
        bn_copy(&mp, &t);
        if (uneq) {
            bn_mul(&t, &mm, &p);
            bn_copy(&mm, &t);
        }
    }
    /* Fix the estimate so that v + margin < 10^k (<= if even). */
    for (;;) {
        int c = bn_add_cmp(&r, &mp, &s);
        if (c > 0 || (even && c == 0)) {
            bn_mul_add_small(&s, 10, 0);
            k++;
        } else {
            break;
        }
    }
    normalize_s(&r, &s, &mp, uneq ? &mm : NULL);

    int n = 0;
    for (;;) {
        bn_mul_add_small(&r, 10, 0);
        bn_mul_add_small(&mp, 10, 0);
        if (uneq)
            bn_mul_add_small(&mm, 10, 0);
        int digit = (int)bn_divmod_small(&r, &s);
        int c1 = bn_cmp(&r, mmp);
        bool low = c1 < 0 || (even && c1 == 0);
        int c2 = bn_add_cmp(&r, &mp, &s);
        bool high = c2 > 0 || (even && c2 == 0);
        if (!low && !high) {
            digits[n++] = (char)('0' + digit);
            continue;
        }
        if (low && high) {
            int c = bn_add_cmp(&r, &r, &s);
            if (c > 0 || (c == 0 && (digit & 1)))
                digit++;
        } else if (high) {
            digit++;
        }
        assert(digit <= 9);
        digits[n++] = (char)('0' + digit);
        break;
    }
    *pk = k;
    return n;
}

/* Round the digits dig[0..n) up by one unit in the last place (the
 * remainder was at least half a unit). Returns the new digit count and
 * bumps *pk when 99..9 becomes 100..0; in frac_mode that adds a digit. */
static int round_up_digits(char *digits, int n, bool frac_mode, int *pk)
{
    int i = n - 1;
    while (i >= 0 && digits[i] == '9') {
        digits[i] = '0';
        i--;
    }
    if (i >= 0) {
        digits[i]++;
        return n;
    }
    (*pk)++;
    digits[0] = '1';
    if (n == 0)
        return 1;
    for (int j = 1; j < n; j++)
        digits[j] = '0';
    if (frac_mode)
        digits[n++] = '0';
    return n;
}

#ifdef __SIZEOF_INT128__
/* fixed_digits with 128-bit integers; -1 when the values do not fit. */
static int fixed_u128(const Decomposed *d, bool frac_mode, int count,
                      char *digits, int *pk)
{
    u128 r, s;
    if (d->e >= 0) {
        if (d->e > 60)
            return -1;
        r = (u128)d->f << d->e;
        s = 1;
    } else {
        if (d->e < -122)
            return -1;
        r = d->f;
        s = (u128)1 << -d->e;
    }
    int k = estimate_k(d);
    if (k >= 0) {
        if (k > 38 || bitlen128(s) + (k * 3322) / 1000 + 1 > 123)
            return -1;
        s *= pow10_u128(k);
    } else {
        if (-k > 38 || bitlen128(r) + (-k * 3322) / 1000 + 1 > 123)
            return -1;
        r *= pow10_u128(-k);
    }
    while (r >= s) {
        s *= 10;
        k++;
    }
    if (bitlen128(s) > 123)
        return -1;
    int s_log2 = (s & (s - 1)) == 0 ? bitlen128(s) - 1 : -1;
    int n = frac_mode ? k + count : count;
    if (n < 0) {
        *pk = k;
        return 0;
    }
    for (int i = 0; i < n; i++) {
        r *= 10;
        int digit;
        if (s_log2 >= 0) {
            digit = (int)(r >> s_log2);
            r &= s - 1;
        } else {
            digit = div_digit128(&r, s);
        }
        digits[i] = (char)('0' + digit);
    }
    if (2 * r >= s)
        n = round_up_digits(digits, n, frac_mode, &k);
    *pk = k;
    return n;
}
#endif

/* Correctly rounded digits of v > 0 (half away from zero on the exact
 * binary value). With frac_mode false, produce exactly count significant
 * digits (count >= 1). With frac_mode true, produce the digits down to the
 * 10^-count place; this may be zero digits (value rounds to 0). Returns
 * the number of digits; *pk receives k with result = 0.d1d2... * 10^k. */
static int fixed_digits(double v, bool frac_mode, int count, char *digits,
                        int *pk)
{
    Decomposed d = decompose(v);
#ifdef __SIZEOF_INT128__
    int fast = fixed_u128(&d, frac_mode, count, digits, pk);
    if (fast >= 0)
        return fast;
#endif
    Bn r, s, p, t;
    if (d.e >= 0) {
        bn_set_u64(&r, d.f);
        bn_shl(&r, d.e);
        bn_set_u64(&s, 1);
    } else {
        bn_set_u64(&r, d.f);
        bn_set_u64(&s, 1);
        bn_shl(&s, -d.e);
    }
    int k = estimate_k(&d);
    if (k >= 0) {
        bn_mul_pow10(&s, k);
    } else {
        bn_set_u64(&p, 1);
        bn_mul_pow10(&p, -k);
        bn_mul(&t, &r, &p);
        bn_copy(&r, &t);
    }
    while (bn_cmp(&r, &s) >= 0) {
        bn_mul_add_small(&s, 10, 0);
        k++;
    }
    normalize_s(&r, &s, NULL, NULL);

    int n = frac_mode ? k + count : count;
    if (n < 0) {
        *pk = k;
        return 0;
    }
    for (int i = 0; i < n; i++) {
        bn_mul_add_small(&r, 10, 0);
        digits[i] = (char)('0' + bn_divmod_small(&r, &s));
    }
    /* round half up on the remainder r/s */
    if (bn_add_cmp(&r, &r, &s) >= 0)
        n = round_up_digits(digits, n, frac_mode, &k);
    *pk = k;
    return n;
}

/* ------------------------------------------------------------------ */
/* Formatting                                                           */
/* ------------------------------------------------------------------ */

static int put_uint(char *buf, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

static int put_exponent(char *buf, int e)
{
    int n = 0;
    buf[n++] = 'e';
    if (e < 0) {
        buf[n++] = '-';
        e = -e;
    } else {
        buf[n++] = '+';
    }
    n += put_uint(buf + n, (uint64_t)e);
    return n;
}

static int put_special(double d, char *buf)
{
    const char *s = isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    size_t n = strlen(s);
    memcpy(buf, s, n + 1);
    return (int)n;
}

int js_dtoa(double d, char buf[JS_DTOA_BUF])
{
    if (!isfinite(d))
        return put_special(d, buf);
    int len = 0;
    if (fabs(d) < 9007199254740992.0) {
        int64_t i = (int64_t)d;
        if ((double)i == d) {
            if (i < 0) {
                buf[len++] = '-';
                len += put_uint(buf + len, (uint64_t)-i);
            } else {
                len += put_uint(buf + len, (uint64_t)i);
            }
            buf[len] = '\0';
            return len;
        }
    }
    if (d < 0) {
        buf[len++] = '-';
        d = -d;
    }
    char dig[24];
    int k;
    int nd = shortest_digits(d, dig, &k);
    if (nd <= k && k <= 21) {
        memcpy(buf + len, dig, (size_t)nd);
        len += nd;
        for (int i = nd; i < k; i++)
            buf[len++] = '0';
    } else if (0 < k && k <= 21) {
        memcpy(buf + len, dig, (size_t)k);
        len += k;
        buf[len++] = '.';
        memcpy(buf + len, dig + k, (size_t)(nd - k));
        len += nd - k;
    } else if (-6 < k && k <= 0) {
        buf[len++] = '0';
        buf[len++] = '.';
        for (int i = 0; i < -k; i++)
            buf[len++] = '0';
        memcpy(buf + len, dig, (size_t)nd);
        len += nd;
    } else {
        buf[len++] = dig[0];
        if (nd > 1) {
            buf[len++] = '.';
            memcpy(buf + len, dig + 1, (size_t)(nd - 1));
            len += nd - 1;
        }
        len += put_exponent(buf + len, k - 1);
    }
    buf[len] = '\0';
    return len;
}

int js_dtoa_fixed(double d, int digits, char buf[JS_DTOA_FIXED_BUF])
{
    if (!isfinite(d) || fabs(d) >= 1e21)
        return js_dtoa(d, buf);
    int len = 0;
    if (d < 0) {
        buf[len++] = '-';
        d = -d;
    }
    char dig[JS_DTOA_FIXED_BUF];
    int k = 0, nd = 0;
    if (d != 0)
        nd = fixed_digits(d, true, digits, dig, &k);
    /* dig[0..nd) has weights 10^(k-1) down to 10^-digits (when nd > 0) */
    if (nd == 0 || k <= 0) {
        buf[len++] = '0';
    } else {
        memcpy(buf + len, dig, (size_t)k);
        len += k;
    }
    if (digits > 0) {
        buf[len++] = '.';
        for (int w = -1; w >= -digits; w--) {
            int idx = k - 1 - w;  /* index of the digit with weight 10^w */
            buf[len++] = (nd > 0 && idx >= 0 && idx < nd) ? dig[idx] : '0';
        }
    }
    buf[len] = '\0';
    return len;
}

int js_dtoa_exponential(double d, int digits, char buf[JS_DTOA_BUF])
{
    if (!isfinite(d))
        return put_special(d, buf);
    int len = 0;
    if (d < 0) {
        buf[len++] = '-';
        d = -d;
    }
    char dig[JS_DTOA_BUF];
    int nd, k;
    if (d == 0) {
        nd = digits < 0 ? 1 : digits + 1;
        memset(dig, '0', (size_t)nd);
        k = 1;
    } else if (digits < 0) {
        nd = shortest_digits(d, dig, &k);
    } else {
        nd = fixed_digits(d, false, digits + 1, dig, &k);
    }
    buf[len++] = dig[0];
    if (nd > 1) {
        buf[len++] = '.';
        memcpy(buf + len, dig + 1, (size_t)(nd - 1));
        len += nd - 1;
    }
    len += put_exponent(buf + len, k - 1);
    buf[len] = '\0';
    return len;
}

int js_dtoa_precision(double d, int precision, char buf[JS_DTOA_BUF])
{
    if (!isfinite(d))
        return put_special(d, buf);
    int len = 0;
    if (d < 0) {
        buf[len++] = '-';
        d = -d;
    }
    char dig[JS_DTOA_BUF];
    int p = precision, k;
    if (d == 0) {
        memset(dig, '0', (size_t)p);
        k = 1;
    } else {
        fixed_digits(d, false, p, dig, &k);
    }
    int e = k - 1;
    if (e < -6 || e >= p) {
        buf[len++] = dig[0];
        if (p > 1) {
            buf[len++] = '.';
            memcpy(buf + len, dig + 1, (size_t)(p - 1));
            len += p - 1;
        }
        len += put_exponent(buf + len, e);
    } else if (e >= 0) {
        memcpy(buf + len, dig, (size_t)(e + 1));
        len += e + 1;
        if (e + 1 < p) {
            buf[len++] = '.';
            memcpy(buf + len, dig + e + 1, (size_t)(p - e - 1));
            len += p - e - 1;
        }
    } else {
        buf[len++] = '0';
        buf[len++] = '.';
        for (int i = 0; i < -(e + 1); i++)
            buf[len++] = '0';
        memcpy(buf + len, dig, (size_t)p);
        len += p;
    }
    buf[len] = '\0';
    return len;
}

/* ------------------------------------------------------------------ */
/* Radix output                                                         */
/* ------------------------------------------------------------------ */

/* Same output as V8 (and so node): the fraction is generated in double
 * arithmetic, one digit at a time, until the remaining fraction is below
 * half the distance to the next double (delta, scaled along with it);
 * the last digit is rounded (ties to even digit) when rounding up stays
 * within delta, carrying into earlier digits. Integer digits past double
 * precision print as '0'. */
int js_dtoa_radix(double d, int radix, char buf[JS_DTOA_RADIX_BUF])
{
    static const char chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    if (radix == 10 || !isfinite(d))
        return js_dtoa(d, buf);
    bool neg = d < 0;
    double v = neg ? -d : d;
    double ip = js_floor(v);
    double fr = v - ip;
    double delta = 0.5 * (bits_to_double(double_to_bits(v) + 1) - v);
    double tiny = bits_to_double(1);
    if (!(delta > tiny))
        delta = tiny;

    char frac[JS_DTOA_RADIX_BUF];
    int nf = 0;
    if (fr >= delta) {
        do {
            fr *= radix;
            delta *= radix;
            int digit = (int)fr;
            frac[nf++] = (char)digit;
            fr -= digit;
            if (fr > 0.5 || (fr == 0.5 && (digit & 1))) {
                if (fr + delta > 1) {
                    /* round up, propagating the carry leftwards */
                    for (;;) {
                        if (nf == 0) {
                            ip += 1;
                            break;
                        }
                        int last = frac[--nf];
                        if (last + 1 < radix) {
                            frac[nf++] = (char)(last + 1);
                            break;
                        }
                    }
                    break;
                }
            }
        } while (fr >= delta && nf < JS_DTOA_RADIX_BUF - 4);
    }

    char intd[JS_DTOA_RADIX_BUF];
    int ni = 0;
    while (ip / radix >= 9007199254740992.0) {
        ip /= radix;
        intd[ni++] = '0';
    }
    do {
        double rem = js_fmod(ip, radix);
        intd[ni++] = chars[(int)rem];
        ip = (ip - rem) / radix;
    } while (ip > 0);

    int len = 0;
    if (neg)
        buf[len++] = '-';
    while (ni > 0)
        buf[len++] = intd[--ni];
    if (nf > 0) {
        buf[len++] = '.';
        for (int i = 0; i < nf && len < JS_DTOA_RADIX_BUF - 1; i++)
            buf[len++] = chars[(int)frac[i]];
    }
    buf[len] = '\0';
    return len;
}

/* ------------------------------------------------------------------ */
/* String to number                                                     */
/* ------------------------------------------------------------------ */

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

static bool is_dec(char c)
{
    return c >= '0' && c <= '9';
}

/* Integer digits in radix, longest valid prefix, '_' between two digits
 * accepted when underscore is set. Correctly rounded. */
static double parse_radix_int(const char *s, size_t len, int radix,
                              bool underscore, size_t *end)
{
    uint64_t acc = 0;
    const uint64_t limit = (UINT64_MAX - 36) / 36;
    Bn big;
    bool use_big = false, huge = false;
    size_t i = 0, nd = 0;
    while (i < len) {
        int dv = digit_value(s[i]);
        if (dv >= radix) {
            if (s[i] == '_' && underscore && nd > 0 && i + 1 < len &&
                digit_value(s[i + 1]) < radix) {
                i++;
                continue;
            }
            break;
        }
        nd++;
        i++;
        if (!use_big) {
            if (acc < limit) {
                acc = acc * (uint64_t)radix + (uint64_t)dv;
                continue;
            }
            bn_set_u64(&big, acc);
            use_big = true;
        }
        if (!huge) {
            bn_mul_add_small(&big, (uint32_t)radix, (uint32_t)dv);
            if (big.n > 34)  /* > 1056 bits: certainly Infinity */
                huge = true;
        }
    }
    *end = i;
    if (nd == 0)
        return NAN;
    if (huge)
        return INFINITY;
    if (!use_big)
        return make_double(acc, 0, false);
    return bn_to_double(&big, 0);
}

double js_atoi_radix(const char *s, size_t len, int radix, size_t *end)
{
    return parse_radix_int(s, len, radix, false, end);
}

/* Scan decimal digits from i; '_' is accepted between two digits when
 * underscore is set. Returns the index after the run; *count gets the
 * number of digits. */
static size_t scan_digits(const char *s, size_t i, size_t len, bool underscore,
                          size_t *count)
{
    size_t start = i, n = 0;
    while (i < len) {
        if (is_dec(s[i])) {
            n++;
            i++;
        } else if (s[i] == '_' && underscore && i > start &&
                   is_dec(s[i - 1]) && i + 1 < len && is_dec(s[i + 1])) {
            i++;
        } else {
            break;
        }
    }
    *count = n;
    return i;
}

static const double exact_pow10[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#define MAX_KEPT_DIGITS 800

/* Value of the decimal digits in s[a..b) (skipping '.' and '_'),
 * starting at the first nonzero digit, nsig significant digits, times
 * 10^e10. Correctly rounded. */
static double decimal_slow(const char *s, size_t a, size_t b, int64_t nsig,
                           int64_t e10)
{
    Bn num, den;
    num.n = 0;
    int64_t kept = nsig > MAX_KEPT_DIGITS ? MAX_KEPT_DIGITS : nsig;
    int64_t taken = 0;
    uint32_t chunk = 0, chunk_mul = 1;
    for (size_t i = a; i < b && taken < kept; i++) {
        if (!is_dec(s[i]))
            continue;
        if (taken == 0 && s[i] == '0')
            continue;
        chunk = chunk * 10 + (uint32_t)(s[i] - '0');
        chunk_mul *= 10;
        taken++;
        if (chunk_mul == 1000000000u) {
            bn_mul_add_small(&num, chunk_mul, chunk);
            chunk = 0;
            chunk_mul = 1;
        }
    }
    if (chunk_mul > 1)
        bn_mul_add_small(&num, chunk_mul, chunk);
    if (nsig > kept) {
        /* the dropped digits end in a nonzero digit: stand in for them
         * with a single trailing 1, which rounds the same way */
        bn_mul_add_small(&num, 10, 1);
        e10 += nsig - kept - 1;
    }
    if (e10 >= 0) {
        bn_mul_pow10(&num, (int)e10);
        return bn_to_double(&num, 0);
    }
    /* num / (5^n * 2^n) */
    int n = (int)-e10;
    int e2 = -n;
    bn_set_u64(&den, 1);
    bn_mul_pow5(&den, n);
    /* Normalize den to a full top limb (bn_divmod_small estimates stay
     * tight), then line num up 63 bits above den so that the quotient
     * lies in [2^62, 2^64). Shifting den only by whole limbs keeps it
     * normalized. */
    int nsh = (32 - (bn_bitlen(&den) & 31)) & 31;
    bn_shl(&den, nsh);
    e2 += nsh;
    int sh = bn_bitlen(&den) + 63 - bn_bitlen(&num);
    if (sh < 0) {
        int limbs = (-sh + 31) & ~31;
        bn_shl(&den, limbs);
        e2 += limbs;
        sh += limbs;
    }
    bn_shl(&num, sh);
    e2 -= sh;
    /* quotient < 2^64: two 32-bit steps */
    uint64_t q = 0;
    Bn dshift;
    for (int step = 1; step >= 0; step--) {
        bn_copy(&dshift, &den);
        bn_shl(&dshift, 32 * step);
        q = (q << 32) | bn_divmod_small(&num, &dshift);
    }
    return make_double(q, e2, !bn_is_zero(&num));
}

#ifdef __SIZEOF_INT128__
static const uint64_t pow5_u64[28] = {
    1ull, 5ull, 25ull, 125ull, 625ull, 3125ull, 15625ull, 78125ull,
    390625ull, 1953125ull, 9765625ull, 48828125ull, 244140625ull,
    1220703125ull, 6103515625ull, 30517578125ull, 152587890625ull,
    762939453125ull, 3814697265625ull, 19073486328125ull,
    95367431640625ull, 476837158203125ull, 2384185791015625ull,
    11920928955078125ull, 59604644775390625ull, 298023223876953125ull,
    1490116119384765625ull, 7450580596923828125ull,
};

/* Exact m * 10^e10 for m < 2^64, |e10| <= 27, using 128-bit integers. */
static double decimal_u128(uint64_t m, int e10)
{
    u128 x;
    int e2;
    if (e10 >= 0) {
        x = (u128)m * pow5_u64[e10];
        e2 = e10;
        bool sticky = false;
        uint64_t hi = (uint64_t)(x >> 64);
        if (hi) {
            int sh = 64 - clz64(hi);  /* keep the top 64 bits */
            sticky = (x & (((u128)1 << sh) - 1)) != 0;
            x >>= sh;
            e2 += sh;
        }
        return make_double((uint64_t)x, e2, sticky);
    }
    int n = -e10;
    int lz = clz64(m);
    u128 num = (u128)(m << lz) << 64;
    u128 q = num / pow5_u64[n];
    bool sticky = (num % pow5_u64[n]) != 0;
    e2 = -n - lz - 64;
    uint64_t qhi = (uint64_t)(q >> 64);
    if (qhi) {
        int sh = 64 - clz64(qhi);
        if ((uint64_t)q & ((1ull << sh) - 1))
            sticky = true;
        q >>= sh;
        e2 += sh;
    }
    return make_double((uint64_t)q, e2, sticky);
}
#endif

double js_atod(const char *s, size_t len, size_t *end, int flags)
{
    size_t i = 0;
    bool neg = false;
    bool us = (flags & JS_ATOD_UNDERSCORE) != 0;
    if ((flags & JS_ATOD_SIGN) && i < len && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    }
    if ((flags & JS_ATOD_INFINITY) && len - i >= 8 &&
        memcmp(s + i, "Infinity", 8) == 0) {
        *end = i + 8;
        return neg ? -INFINITY : INFINITY;
    }
    if (i == 0 && len >= 2 && s[0] == '0') {
        if (flags & JS_ATOD_INT_PREFIX) {
            int radix = 0;
            switch (s[1]) {
            case 'x': case 'X': radix = 16; break;
            case 'o': case 'O': radix = 8; break;
            case 'b': case 'B': radix = 2; break;
            default: break;
            }
            if (radix) {
                size_t e2;
                double v = parse_radix_int(s + 2, len - 2, radix, us, &e2);
                if (e2 > 0) {
                    *end = 2 + e2;
                    return v;
                }
            }
        }
        if ((flags & JS_ATOD_LEGACY_OCTAL) && is_dec(s[1])) {
            size_t j = 1;
            while (j < len && s[j] >= '0' && s[j] <= '7')
                j++;
            if (j == len || !is_dec(s[j])) {
                size_t e2;
                double v = parse_radix_int(s + 1, j - 1, 8, false, &e2);
                *end = j;
                return v;
            }
        }
    }

    /* Decimal: digits [. digits] [e [+-] digits] */
    size_t mant_start = i, nint, nfrac = 0;
    bool int_us = us && !(i < len && s[i] == '0');
    i = scan_digits(s, i, len, int_us, &nint);
    size_t mant_end = i;
    if (i < len && s[i] == '.') {
        size_t j = scan_digits(s, i + 1, len, us, &nfrac);
        if (nint > 0 || nfrac > 0) {
            i = j;
            mant_end = j;
        }
    }
    if (nint == 0 && nfrac == 0) {
        *end = 0;
        return NAN;
    }
    int64_t exp10 = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        bool eneg = false;
        if (j < len && (s[j] == '+' || s[j] == '-')) {
            eneg = s[j] == '-';
            j++;
        }
        if (j < len && is_dec(s[j])) {
            while (j < len) {
                if (is_dec(s[j])) {
                    if (exp10 < 1000000000000000)
                        exp10 = exp10 * 10 + (s[j] - '0');
                    j++;
                } else if (s[j] == '_' && us && j + 1 < len &&
                           is_dec(s[j + 1]) && is_dec(s[j - 1])) {
                    j++;
                } else {
                    break;
                }
            }
            if (eneg)
                exp10 = -exp10;
            i = j;
        }
    }
    *end = i;

    /* One pass over the mantissa digits: the first 19 significant digits
     * in m, the count of significant digits up to the last nonzero one. */
    uint64_t m = 0;
    int64_t nsig = 0, nsig_nz = 0, seen = 0, dig_after_point = 0;
    size_t first_nz = mant_end;
    bool after_point = false;
    for (size_t j = mant_start; j < mant_end; j++) {
        char c = s[j];
        if (c == '.') {
            after_point = true;
            continue;
        }
        if (c == '_')
            continue;
        if (after_point)
            dig_after_point++;
        if (seen == 0 && c == '0')
            continue;
        if (seen == 0)
            first_nz = j;
        seen++;
        if (seen <= 19)
            m = m * 10 + (uint64_t)(c - '0');
        if (c != '0')
            nsig_nz = seen;
    }
    double v;
    if (seen == 0) {
        v = 0.0;
        goto done;
    }
    nsig = nsig_nz;
    /* value = (first nsig digits) * 10^e10 */
    int64_t e10 = exp10 - dig_after_point + (seen - nsig);
    if (nsig + e10 > 310) {
        v = INFINITY;
        goto done;
    }
    if (nsig + e10 < -324) {
        v = 0.0;
        goto done;
    }
    if (nsig <= 19) {
        int64_t acc = seen < 19 ? seen : 19;
        for (int64_t t = nsig; t < acc; t++)
            m /= 10;
        if (m <= (1ull << 53)) {
            if (e10 >= 0 && e10 <= 22) {
                v = (double)m * exact_pow10[e10];
                goto done;
            }
            if (e10 < 0 && e10 >= -22) {
                v = (double)m / exact_pow10[-e10];
                goto done;
            }
            if (e10 > 22 && e10 <= 22 + 15) {
                uint64_t mm = m;
                int64_t t = e10 - 22;
                while (t > 0 && mm <= (1ull << 53)) {
                    mm *= 10;
                    t--;
                }
                if (t == 0 && mm <= (1ull << 53)) {
                    v = (double)mm * 1e22;
                    goto done;
                }
            }
        }
#ifdef __SIZEOF_INT128__
        if (e10 >= -27 && e10 <= 27) {
            v = decimal_u128(m, (int)e10);
            goto done;
        }
#endif
    }
    v = decimal_slow(s, first_nz, mant_end, nsig, e10);
done:
    return neg ? -v : v;
}
