/* Code point sets for the regexp compiler (union, intersection,
 * difference, complement) and the case-equivalence data that ignoreCase
 * needs: Canonicalize, the closure of a class under it, and v-mode simple
 * case folding of sets. Tables are derived once, lazily, from unicode.h. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "regexp_int.h"
#include "unicode/unicode.h"

void js_re_cset_init(ReCSet *s)
{
    s->r = NULL;
    s->n = 0;
    s->cap = 0;
}

void js_re_cset_free(ReCSet *s)
{
    free(s->r);
    js_re_cset_init(s);
}

static int cset_reserve(ReCSet *s, int n)
{
    if (n <= s->cap)
        return 0;
    int cap = s->cap ? s->cap * 2 : 8;
    while (cap < n)
        cap *= 2;
    uint32_t *r = realloc(s->r, sizeof(uint32_t) * 2 * (size_t)cap);
    if (!r)
        return -1;
    s->r = r;
    s->cap = cap;
    return 0;
}

static int re_cset_copy(ReCSet *dst, const ReCSet *src)
{
    dst->n = 0;
    if (cset_reserve(dst, src->n))
        return -1;
    if (src->n)
        memcpy(dst->r, src->r, sizeof(uint32_t) * 2 * (size_t)src->n);
    dst->n = src->n;
    return 0;
}

static bool re_cset_has(const ReCSet *s, uint32_t c)
{
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (c < s->r[2 * mid])
            hi = mid;
        else if (c >= s->r[2 * mid + 1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* Combines s and t boundary by boundary; op 0 union, 1 intersection,
 * 2 difference s - t. */
static int cset_op(ReCSet *s, const ReCSet *t, int op)
{
    ReCSet out;
    js_re_cset_init(&out);
    if (cset_reserve(&out, s->n + t->n + 1))
        return -1;
    int i = 0, j = 0, ns = 2 * s->n, nt = 2 * t->n;
    bool in_s = false, in_t = false, in_out = false;
    int k = 0;
    while (i < ns || j < nt) {
        uint32_t b;
        if (j >= nt || (i < ns && s->r[i] <= t->r[j]))
            b = s->r[i];
        else
            b = t->r[j];
        while (i < ns && s->r[i] == b) {
            in_s = !in_s;
            i++;
        }
        while (j < nt && t->r[j] == b) {
            in_t = !in_t;
            j++;
        }
        bool v = op == 0 ? (in_s || in_t) : op == 1 ? (in_s && in_t)
                                                    : (in_s && !in_t);
        if (v != in_out) {
            /* merge adjacent ranges: an end followed by a start at b */
            if (v && k > 0 && out.r[k - 1] == b)
                k--;
            else
                out.r[k++] = b;
            in_out = v;
        }
    }
    free(s->r);
    s->r = out.r;
    s->cap = out.cap;
    s->n = k / 2;
    return 0;
}

int js_re_cset_union(ReCSet *s, const ReCSet *t) { return cset_op(s, t, 0); }
int js_re_cset_inter(ReCSet *s, const ReCSet *t) { return cset_op(s, t, 1); }
int js_re_cset_sub(ReCSet *s, const ReCSet *t) { return cset_op(s, t, 2); }

int js_re_cset_add(ReCSet *s, uint32_t lo, uint32_t hi)
{
    if (lo >= hi)
        return 0;
    if (s->n == 0 || lo > s->r[2 * s->n - 1]) {
        if (cset_reserve(s, s->n + 1))
            return -1;
        s->r[2 * s->n] = lo;
        s->r[2 * s->n + 1] = hi;
        s->n++;
        return 0;
    }
    if (lo >= s->r[2 * s->n - 2]) {     /* overlaps or touches the last */
        if (hi > s->r[2 * s->n - 1])
            s->r[2 * s->n - 1] = hi;
        return 0;
    }
    uint32_t r[2] = { lo, hi };
    ReCSet t = { r, 1, 1 };
    return cset_op(s, &t, 0);
}

int js_re_cset_invert(ReCSet *s, uint32_t max)
{
    uint32_t r[2] = { 0, max };
    ReCSet all = { r, 1, 1 };
    ReCSet tmp;
    js_re_cset_init(&tmp);
    if (re_cset_copy(&tmp, &all) || cset_op(&tmp, s, 2)) {
        js_re_cset_free(&tmp);
        return -1;
    }
    free(s->r);
    *s = tmp;
    return 0;
}

/* ---- case equivalence ---- */

static uint32_t canon_upper(uint32_t c)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c >= 0xD800 && c <= 0xDFFF)
        return c;
    uint32_t out[3];
    int n = js_uni_to_upper(c, out);
    if (n != 1 || out[0] > 0xFFFF || out[0] < 128)
        return c;
    return out[0];
}

static uint32_t canon_fold(uint32_t c)
{
    if (c < 128)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return js_uni_simple_fold(c);
}

uint32_t js_re_canon(uint32_t c, bool unicode)
{
    return unicode ? canon_fold(c) : canon_upper(c);
}

/* The characters whose case class has more than one member, or whose
 * canonical value differs from themselves; by_c is sorted by code point,
 * by_k by (canonical value, code point). Each entry is (c, canon(c)). */
typedef struct CaseTab {
    int n;
    uint32_t *by_c;             /* 2n */
    uint32_t *by_k;             /* 2n */
} CaseTab;

static _Atomic(CaseTab *) case_tabs[2];

static int cmp_pair_c(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

static int cmp_pair_k(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    if (x[1] != y[1])
        return x[1] < y[1] ? -1 : 1;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

static CaseTab *build_case_tab(bool unicode)
{
    uint32_t limit = unicode ? 0x20000 : 0x10000;
    int cap = 4096, n = 0;
    uint32_t *p = malloc(sizeof(uint32_t) * 2 * (size_t)cap);
    if (!p)
        return NULL;
    for (uint32_t c = 0; c < limit; c++) {
        uint32_t k = js_re_canon(c, unicode);
        if (k == c)
            continue;
        if (n + 2 > cap) {
            cap *= 2;
            uint32_t *q = realloc(p, sizeof(uint32_t) * 2 * (size_t)cap);
            if (!q) {
                free(p);
                return NULL;
            }
            p = q;
        }
        p[2 * n] = c;
        p[2 * n + 1] = k;
        n++;
        if (js_re_canon(k, unicode) == k) {  /* k is its class's canonical rep */
            p[2 * n] = k;
            p[2 * n + 1] = k;
            n++;
        }
    }
    qsort(p, (size_t)n, sizeof(uint32_t) * 2, cmp_pair_c);
    int m = 0;                  /* dedupe */
    for (int i = 0; i < n; i++) {
        if (m > 0 && p[2 * (m - 1)] == p[2 * i])
            continue;
        p[2 * m] = p[2 * i];
        p[2 * m + 1] = p[2 * i + 1];
        m++;
    }
    CaseTab *t = malloc(sizeof(CaseTab));
    uint32_t *k = malloc(sizeof(uint32_t) * 2 * (size_t)(m ? m : 1));
    if (!t || !k) {
        free(t);
        free(k);
        free(p);
        return NULL;
    }
    memcpy(k, p, sizeof(uint32_t) * 2 * (size_t)m);
    qsort(k, (size_t)m, sizeof(uint32_t) * 2, cmp_pair_k);
    t->n = m;
    t->by_c = p;
    t->by_k = k;
    return t;
}

/* Returns the table, building it on first use; NULL when out of memory.
 * Two threads racing both build one; the loser frees its copy. */
static CaseTab *get_case_tab(bool unicode)
{
    CaseTab *t = atomic_load(&case_tabs[unicode]);
    if (t)
        return t;
    t = build_case_tab(unicode);
    if (!t)
        return NULL;
    CaseTab *expected = NULL;
    if (!atomic_compare_exchange_strong(&case_tabs[unicode], &expected, t)) {
        free(t->by_c);
        free(t->by_k);
        free(t);
        t = expected;
    }
    return t;
}

/* Index in by_k of the first entry with canonical value k, or -1. */
static int find_k(const CaseTab *t, uint32_t k)
{
    int lo = 0, hi = t->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (t->by_k[2 * mid + 1] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < t->n && t->by_k[2 * lo + 1] == k) ? lo : -1;
}

static int find_c(const CaseTab *t, uint32_t c)
{
    int lo = 0, hi = t->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (t->by_c[2 * mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < t->n && t->by_c[2 * lo] == c) ? lo : -1;
}

int js_re_case_variants(uint32_t c, bool unicode, uint32_t *out, int cap)
{
    CaseTab *t = get_case_tab(unicode);
    if (!t || find_c(t, c) < 0) {
        out[0] = c;
        return 1;
    }
    uint32_t k = js_re_canon(c, unicode);
    int n = 0;
    for (int i = find_k(t, k); i >= 0 && i < t->n && t->by_k[2 * i + 1] == k;
         i++) {
        if (n < cap)
            out[n++] = t->by_k[2 * i];
    }
    if (n == 0)
        out[n++] = c;
    return n;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Adds a list of code points (sorted in place) to s. */
static int add_points(ReCSet *s, uint32_t *pts, int n)
{
    if (n == 0)
        return 0;
    qsort(pts, (size_t)n, sizeof(uint32_t), cmp_u32);
    ReCSet t;
    js_re_cset_init(&t);
    for (int i = 0; i < n; i++) {
        if (js_re_cset_add(&t, pts[i], pts[i] + 1)) {
            js_re_cset_free(&t);
            return -1;
        }
    }
    int r = js_re_cset_union(s, &t);
    js_re_cset_free(&t);
    return r;
}

int js_re_cset_close(ReCSet *s, bool unicode)
{
    CaseTab *t = get_case_tab(unicode);
    if (!t)
        return -1;
    uint32_t *ks = malloc(sizeof(uint32_t) * (size_t)(t->n + 1));
    uint32_t *extra = malloc(sizeof(uint32_t) * (size_t)(t->n + 1));
    if (!ks || !extra) {
        free(ks);
        free(extra);
        return -1;
    }
    int nk = 0, ne = 0;
    for (int i = 0; i < t->n; i++) {
        if (re_cset_has(s, t->by_c[2 * i]))
            ks[nk++] = t->by_c[2 * i + 1];
    }
    if (nk > 0) {
        qsort(ks, (size_t)nk, sizeof(uint32_t), cmp_u32);
        for (int i = 0; i < t->n; i++) {
            uint32_t k = t->by_c[2 * i + 1];
            if (bsearch(&k, ks, (size_t)nk, sizeof(uint32_t), cmp_u32) &&
                !re_cset_has(s, t->by_c[2 * i]))
                extra[ne++] = t->by_c[2 * i];
        }
    }
    int r = add_points(s, extra, ne);
    free(ks);
    free(extra);
    return r;
}

int js_re_cset_fold(ReCSet *s)
{
    CaseTab *t = get_case_tab(true);
    if (!t)
        return -1;
    uint32_t *pts = malloc(sizeof(uint32_t) * (size_t)(t->n + 1));
    if (!pts)
        return -1;
    int n = 0;
    ReCSet rm;
    js_re_cset_init(&rm);
    for (int i = 0; i < t->n; i++) {
        uint32_t c = t->by_c[2 * i], k = t->by_c[2 * i + 1];
        if (k != c && re_cset_has(s, c)) {
            pts[n++] = k;
            if (js_re_cset_add(&rm, c, c + 1))
                goto fail;
        }
    }
    if (js_re_cset_sub(s, &rm) || add_points(s, pts, n))
        goto fail;
    js_re_cset_free(&rm);
    free(pts);
    return 0;
fail:
    js_re_cset_free(&rm);
    free(pts);
    return -1;
}

int js_re_cset_remove_foldable(ReCSet *s)
{
    CaseTab *t = get_case_tab(true);
    if (!t)
        return -1;
    ReCSet rm;
    js_re_cset_init(&rm);
    for (int i = 0; i < t->n; i++) {
        uint32_t c = t->by_c[2 * i], k = t->by_c[2 * i + 1];
        if (k != c && js_re_cset_add(&rm, c, c + 1)) {
            js_re_cset_free(&rm);
            return -1;
        }
    }
    int r = js_re_cset_sub(s, &rm);
    js_re_cset_free(&rm);
    return r;
}
