/* The heap and the collector (see gc.h): size-classed pages for small
 * cells with free lists, a list of large cells, malloc accounting, the
 * mark phase with an explicit mark stack, ephemeron fixpoint and weak
 * processing, the sweep with per-type finalizers, thresholds, the memory
 * limit and GC stress mode. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "interp.h"
#include "alloc_fail.h"
#include "job.h"

/* Under AddressSanitizer, the body of a small cell on a free list is
 * poisoned (only its GCFree header stays readable), so a use after free
 * of a small cell is reported like one of a malloc'ed block. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define FREE_CELL_POISON(p, size) \
    ASAN_POISON_MEMORY_REGION((char *)(p) + sizeof(GCFree), (size) - sizeof(GCFree))
#define FREE_CELL_UNPOISON(p, size) ASAN_UNPOISON_MEMORY_REGION((p), (size))
#define UNUSED_POISON(p, size) ASAN_POISON_MEMORY_REGION((p), (size))
#else
#define UNUSED_POISON(p, size) ((void)0)
#define FREE_CELL_POISON(p, size) ((void)0)
#define FREE_CELL_UNPOISON(p, size) ((void)0)
#endif

/* The start-up arena (below): POSIX systems, not under AddressSanitizer
 * (its pages would not be poisoned when freed like a malloc'ed block). */
#if (defined(__unix__) || defined(__APPLE__)) && !defined(__SANITIZE_ADDRESS__)
#define GC_ARENA 1
#include <errno.h>
#include <sys/mman.h>
#if defined(__linux__) && !defined(MADV_POPULATE_WRITE)
#define MADV_POPULATE_WRITE 23  /* Linux 5.14; older kernels say EINVAL */
#endif
#else
#define GC_ARENA 0
#endif

/* Pages hold cells of one size class; classes are multiples of 16 bytes
 * up to GC_SMALL_MAX. Larger cells are malloc'ed one by one. A page's
 * cells are carved in address order as they are first needed (ncells of
 * cap so far): a new page is not written through, so its memory pages
 * are touched (faulted in) only as cells reach them.
 *
 * The start-up arena. A fresh process pays for every memory page it
 * touches first (a page fault: about 10 us on a virtual machine, more
 * than the instructions of building the realm), and a realm's cells,
 * spread over a 16 KB page per size class, touched about 24 memory pages
 * for 69 KB of cells. So each runtime's first GC pages come from one
 * mapping of GC_ARENA_BYTES, one memory page (GC_ARENA_PAGE) per GC page,
 * handed out in address order: the cells of all classes are contiguous,
 * and the arena is populated ahead in batches (MADV_POPULATE_WRITE: one
 * system call for the pages a realm is sure to touch, GC_ARENA_FIRST,
 * then GC_ARENA_AHEAD at a time), which costs about half as much as
 * faulting them one by one. Empty arena pages go to a free list of the
 * arena instead of free(); when the arena is used up, pages are malloc'ed
 * as before. A freed runtime's arena is kept for the next runtime of the
 * process (one arena, populated pages and all: the test262 runner makes a
 * runtime per test) instead of being unmapped. */
#define GC_GRANULE 16
#define GC_NUM_CLASSES 16
#define GC_SMALL_MAX (GC_GRANULE * GC_NUM_CLASSES)
#define GC_PAGE_SIZE (16 * 1024)
#define GC_PAGE_HEADER 32
#define GC_ARENA_PAGE 4096
#define GC_ARENA_BYTES (256 * 1024)
#define GC_ARENA_FIRST (96 * 1024)  /* a realm: 22 pages at hello world */
#define GC_ARENA_AHEAD (32 * 1024)

typedef struct GCPage {
    struct GCPage *next;
    uint32_t cell_size;
    uint32_t ncells;        /* cells carved so far: the sweep sees these */
    uint32_t cap;           /* cells the page holds */
    uint32_t live;
    uint32_t bytes;         /* GC_PAGE_SIZE, or GC_ARENA_PAGE in the arena */
} GCPage;

typedef struct GCLarge {
    struct GCLarge *next;
    size_t size;
} GCLarge;  /* 16 bytes, followed by the cell */

typedef struct GCFree {
    GCHeader h;
    struct GCFree *next;
} GCFree;

typedef struct GCWeakEntry {
    void *cell;
    void *fn;
} GCWeakEntry;

typedef struct JSHeap {
#if GC_ARENA
    char *arena;            /* GC_ARENA_BYTES, or NULL */
    size_t arena_used;      /* pages handed out, in address order */
    size_t arena_populated; /* populated so far (or known to be) */
    GCPage *arena_free;     /* empty arena pages, linked by next */
#endif
    GCPage *pages[GC_NUM_CLASSES];
    GCFree *free_list[GC_NUM_CLASSES];
    GCPage *carving[GC_NUM_CLASSES];    /* the page with uncarved cells, or NULL */
    GCLarge *large;
    size_t heap_bytes;      /* pages + large cells */
    size_t malloc_bytes;    /* side buffers (js_malloc) */
    size_t alloc_since_gc;  /* bytes allocated since the last collection */
    size_t threshold;
    size_t live_after_gc;
    /* mark stack */
    void **stack;
    size_t stack_len, stack_cap;
    bool stack_overflow;
    bool collecting;
    bool in_oom;            /* building the out-of-memory error: no limit */
#if JS_GC_STRESS
    GCHeader *tracing;      /* the cell whose children are being marked */
#endif
    /* weak processing lists, filled during marking */
    GCWeakEntry *ephemerons;
    size_t eph_len, eph_cap;
    GCWeakEntry *weaks;
    size_t weak_len, weak_cap;
    /* statistics */
    uint64_t collections;
#if JS_GC_STRESS
    uint32_t stress_period, stress_count;
#endif
} JSHeap;

static inline uint32_t size_class(size_t size)
{
    return (uint32_t)((size + GC_GRANULE - 1) / GC_GRANULE) - 1;
}

/* ---- the start-up arena ---- */

#if GC_ARENA
/* A freed runtime's arena for the next one; its first word holds how
 * much of it is populated. */
static _Atomic(char *) arena_spare;
/* Cleared when the kernel has no MADV_POPULATE_WRITE. */
static atomic_bool arena_can_populate = true;

/* Populates [p, p + n) in one system call (the pages are then faulted
 * in as they are touched where the kernel cannot). */
static void populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    if (atomic_load_explicit(&arena_can_populate, memory_order_relaxed) &&
        madvise(p, n, MADV_POPULATE_WRITE) != 0 && errno == EINVAL)
        atomic_store_explicit(&arena_can_populate, false, memory_order_relaxed);
#else
    (void)p, (void)n;
#endif
}

static void arena_open(JSHeap *h)
{
    char *a = atomic_exchange(&arena_spare, NULL);
    if (a) {
        memcpy(&h->arena_populated, a, sizeof(size_t));
    } else {
        a = mmap(NULL, GC_ARENA_BYTES, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (a == MAP_FAILED)
            return;
        h->arena_populated = 0;
    }
    h->arena = a;
    h->arena_used = 0;
    h->arena_free = NULL;
}

static void arena_close(JSHeap *h)
{
    if (!h->arena)
        return;
    memcpy(h->arena, &h->arena_populated, sizeof(size_t));
    char *old = atomic_exchange(&arena_spare, h->arena);
    if (old)
        munmap(old, GC_ARENA_BYTES);
    h->arena = NULL;
}

/* Populates the arena up to at least end: GC_ARENA_FIRST at first, then
 * GC_ARENA_AHEAD at a time. */
static void arena_populate(JSHeap *h, size_t end)
{
    size_t want = h->arena_populated ? GC_ARENA_AHEAD : GC_ARENA_FIRST;
    if (end < h->arena_populated + want)
        end = h->arena_populated + want;
    if (end > GC_ARENA_BYTES)
        end = GC_ARENA_BYTES;
    populate(h->arena + h->arena_populated, end - h->arena_populated);
    h->arena_populated = end;
}

/* An arena page, or NULL when the arena is used up. */
static GCPage *arena_page(JSHeap *h)
{
    GCPage *pg = h->arena_free;
    if (pg) {
        h->arena_free = pg->next;
        return pg;
    }
    if (!h->arena || h->arena_used == GC_ARENA_BYTES)
        return NULL;
    if (h->arena_used + GC_ARENA_PAGE > h->arena_populated)
        arena_populate(h, h->arena_used + GC_ARENA_PAGE);
    pg = (GCPage *)(h->arena + h->arena_used);
    h->arena_used += GC_ARENA_PAGE;
    return pg;
}

static inline bool in_arena(JSHeap *h, GCPage *pg)
{
    return h->arena && (uintptr_t)pg - (uintptr_t)h->arena < GC_ARENA_BYTES;
}
#endif

static void free_page(JSHeap *h, GCPage *pg)
{
    h->heap_bytes -= pg->bytes;
#if GC_ARENA
    if (in_arena(h, pg)) {
        pg->next = h->arena_free;
        h->arena_free = pg;
        return;
    }
#endif
    free(pg);
}

/* The malloc heap's share of the same cost: a realm's side buffers (slot
 * arrays, hash indexes, the atom table) touched 13 fresh memory pages at
 * hello world. The first runtime of the process populates a block of
 * GC_MALLOC_WARM bytes in one system call and frees it at once: glibc
 * merges it back into the top of its heap, and the allocations that
 * follow are carved from those pages. */
#if GC_ARENA && defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
#define GC_MALLOC_WARM (56 * 1024)

static void warm_malloc_heap(void)
{
    static atomic_flag done = ATOMIC_FLAG_INIT;
    if (atomic_flag_test_and_set(&done))
        return;
    char *p = malloc(GC_MALLOC_WARM);
    if (!p)
        return;
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
    uintptr_t b = ((uintptr_t)p + GC_MALLOC_WARM) & ~(uintptr_t)4095;
    populate((void *)a, b - a);
    free(p);
}
#else
static void warm_malloc_heap(void) {}
#endif

/* ---- the heap ---- */

int js_gc_init(JSRuntime *rt)
{
    warm_malloc_heap();
    JSHeap *h = calloc(1, sizeof(JSHeap));
    if (!h)
        return -1;
    h->threshold = JS_GC_INITIAL_THRESHOLD;
#if GC_ARENA
    arena_open(h);
#endif
#if JS_GC_STRESS
    const char *s = getenv("QJS_GC_STRESS");
    if (s && *s) {
        long n = strtol(s, NULL, 10);
        h->stress_period = n > 0 ? (uint32_t)n : 0;
    }
#endif
    rt->heap = h;
    return 0;
}

bool js_gc_in_oom(JSRuntime *rt) { return rt->heap->in_oom; }
void js_gc_set_in_oom(JSRuntime *rt, bool on) { rt->heap->in_oom = on; }

/* ---- malloc'ed side buffers ---- */

static bool over_limit(JSRuntime *rt, size_t extra)
{
    JSHeap *h = rt->heap;
    return rt->memory_limit != 0 && !h->in_oom &&
           h->heap_bytes + h->malloc_bytes + extra > rt->memory_limit;
}

/* Under a memory limit: true when an allocation of extra bytes would
 * leave less than a 64th of the limit (at least 64 KB) free. Cell
 * allocation then collects first, because side buffers (js_malloc) cannot
 * collect: without that reserve, garbage not yet collected would make
 * them fail with out-of-memory. */
static bool near_limit(JSRuntime *rt, size_t extra)
{
    JSHeap *h = rt->heap;
    size_t reserve = rt->memory_limit / 64;
    if (reserve < (64u << 10))
        reserve = 64u << 10;
    return !h->in_oom && h->heap_bytes + h->malloc_bytes + extra + reserve > rt->memory_limit;
}

/* May throw out-of-memory; does not collect; NULL on failure. */
void *js_malloc(JSContext *ctx, size_t size)
{
    JSRuntime *rt = ctx->rt;
    if (over_limit(rt, size) || js_alloc_should_fail()) {
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    void *p = malloc(size ? size : 1);
    if (!p) {
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    rt->heap->malloc_bytes += size;
    rt->heap->alloc_since_gc += size;
    return p;
}

/* As js_malloc, zero-filled. */
void *js_mallocz(JSContext *ctx, size_t size)
{
    void *p = js_malloc(ctx, size);
    if (p)
        memset(p, 0, size);
    return p;
}

/* Resizes a js_malloc block; on failure p stays valid, NULL is returned
 * after throwing out-of-memory. Does not collect. */
void *js_realloc(JSContext *ctx, void *p, size_t old_size, size_t new_size)
{
    JSRuntime *rt = ctx->rt;
    if (new_size > old_size && (over_limit(rt, new_size - old_size) || js_alloc_should_fail())) {
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    void *q = realloc(p, new_size ? new_size : 1);
    if (!q) {
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    rt->heap->malloc_bytes += new_size - old_size;
    if (new_size > old_size)
        rt->heap->alloc_since_gc += new_size - old_size;
    return q;
}

/* Frees a js_malloc block of the given size. Never collects. */
void js_free(JSRuntime *rt, void *p, size_t size)
{
    if (!p)
        return;
    rt->heap->malloc_bytes -= size;
    free(p);
}

/* ---- cell allocation ---- */

static GCPage *new_page(JSRuntime *rt, uint32_t cls)
{
    JSHeap *h = rt->heap;
    uint32_t bytes = GC_PAGE_SIZE;
    GCPage *pg = NULL;
#if GC_ARENA
    pg = arena_page(h);
    if (pg)
        bytes = GC_ARENA_PAGE;
#endif
    if (!pg && !(pg = malloc(GC_PAGE_SIZE)))
        return NULL;
    uint32_t cell_size = (cls + 1) * GC_GRANULE;
    pg->cell_size = cell_size;
    pg->ncells = 0;
    pg->cap = (bytes - GC_PAGE_HEADER) / cell_size;
    pg->live = 0;
    pg->bytes = bytes;
    pg->next = h->pages[cls];
    h->pages[cls] = pg;
    h->heap_bytes += bytes;
    h->carving[cls] = pg;
    UNUSED_POISON((char *)pg + GC_PAGE_HEADER, (size_t)pg->cap * cell_size);
    return pg;
}

/* The next uncarved cell of class cls (a new page when the page being
 * carved is full), or NULL. */
static void *carve(JSRuntime *rt, uint32_t cls)
{
    GCPage *pg = rt->heap->carving[cls];
    if (!pg || pg->ncells == pg->cap) {
        if (over_limit(rt, GC_PAGE_SIZE) || !(pg = new_page(rt, cls)))
            return NULL;
    }
    char *cell = (char *)pg + GC_PAGE_HEADER + (size_t)pg->ncells * pg->cell_size;
    pg->ncells++;
    return cell;
}

static void *alloc_raw(JSRuntime *rt, size_t size)
{
    JSHeap *h = rt->heap;
    if (size <= GC_SMALL_MAX) {
        uint32_t cls = size_class(size);
        GCFree *f = h->free_list[cls];
        if (f) {
            h->free_list[cls] = f->next;
        } else {
            f = carve(rt, cls);
            if (js_unlikely(!f))
                return NULL;
        }
        h->alloc_since_gc += (cls + 1) * GC_GRANULE;
        FREE_CELL_UNPOISON(f, (cls + 1) * GC_GRANULE);
        return f;
    }
    if (over_limit(rt, size + sizeof(GCLarge)))
        return NULL;
    GCLarge *l = malloc(sizeof(GCLarge) + size);
    if (!l)
        return NULL;
    l->size = size;
    l->next = h->large;
    h->large = l;
    h->heap_bytes += size + sizeof(GCLarge);
    h->alloc_since_gc += size;
    return l + 1;
}

static inline void *init_cell(void *p, JSCellType type, size_t size)
{
    memset(p, 0, size);
    ((GCHeader *)p)->type = (uint8_t)type;
    return p;
}

/* Allocates a zeroed cell. May collect. NULL after throwing OOM. */
void *js_gc_alloc(JSContext *ctx, JSCellType type, size_t size)
{
    JSRuntime *rt = ctx->rt;
    JSHeap *h = rt->heap;
#if JS_GC_STRESS
    if (h->stress_period && ++h->stress_count >= h->stress_period) {
        h->stress_count = 0;
        js_gc_collect(rt);
    } else
#endif
    if (js_unlikely(h->alloc_since_gc >= h->threshold) ||
        js_unlikely(rt->memory_limit != 0 && near_limit(rt, size)))
        js_gc_collect(rt);
    if (js_alloc_should_fail()) {
        js_throw_out_of_memory(ctx);
        return NULL;
    }
    void *p = alloc_raw(rt, size);
    if (js_unlikely(!p)) {
        js_gc_collect(rt);
        p = alloc_raw(rt, size);
        if (!p) {
            js_throw_out_of_memory(ctx);
            return NULL;
        }
    }
    return init_cell(p, type, size);
}

/* Runtime creation only: no collection, no exception. */
void *js_gc_alloc_rt(JSRuntime *rt, JSCellType type, size_t size)
{
    if (js_alloc_should_fail())
        return NULL;
    void *p = alloc_raw(rt, size);
    return p ? init_cell(p, type, size) : NULL;
}

/* A JSValueArray of len undefined values. May collect. */
JSValueArray *js_value_array_new(JSContext *ctx, uint32_t len)
{
    if (len > (UINT32_MAX - sizeof(JSValueArray)) / sizeof(JSValue) / 2) {
        js_throw_range_error(ctx, "array too long");
        return NULL;
    }
    JSValueArray *a = js_gc_alloc(ctx, JS_CELL_VALUE_ARRAY,
                                  sizeof(JSValueArray) + (size_t)len * sizeof(JSValue));
    if (!a)
        return NULL;
    a->len = len;
    for (uint32_t i = 0; i < len; i++)
        a->values[i] = JS_UNDEFINED;
    return a;
}

/* ---- roots ---- */

/* Pushes r (holding v) on the root list. Never collects. */
void js_root_push(JSContext *ctx, JSRoot *r, JSValue v)
{
    JSRuntime *rt = ctx->rt;
#if JS_GC_STRESS
    /* debug builds: a node pushed twice would make the list a cycle */
    int n = 0;
    for (JSRoot *q = rt->roots; q && n < 256; q = q->prev, n++) {
        if (q == r) {
            fprintf(stderr, "qjs: JSRoot %p pushed twice\n", (void *)r);
            abort();
        }
    }
#endif
    r->v = v;
    r->prev = rt->roots;
    rt->roots = r;
}

/* Pops r and every root pushed after it. Never collects. */
void js_root_pop(JSContext *ctx, JSRoot *r)
{
    ctx->rt->roots = r->prev;
}

/* ---- marking ---- */

static void mark_push(JSHeap *h, void *cell)
{
    if (js_unlikely(h->stack_len == h->stack_cap)) {
        size_t ncap = h->stack_cap ? h->stack_cap * 2 : 4096;
        void **ns = realloc(h->stack, ncap * sizeof(void *));
        if (!ns) {
            /* the cell stays marked; a rescan of the heap traces it */
            h->stack_overflow = true;
            return;
        }
        h->stack = ns;
        h->stack_cap = ncap;
    }
    h->stack[h->stack_len++] = cell;
}

#if JS_GC_STRESS
/* Why v cannot refer to a live cell of the kind its tag says, or NULL if
 * it can (or is not a reference). Reads the cell's header. */
const char *js_gc_check_value(JSValue v)
{
    if (!js_is_cell(v))
        return NULL;
    const GCHeader *hd = js_get_ptr(v);
    if (!hd || ((uintptr_t)hd & 7))
        return "not a cell address";
    int want;
    switch (js_tag(v)) {
    case JS_TAG_OBJECT: want = JS_CELL_OBJECT; break;
    case JS_TAG_STRING: want = JS_CELL_STRING; break;
    case JS_TAG_SYMBOL: want = JS_CELL_SYMBOL; break;
    case JS_TAG_BIGINT: want = JS_CELL_BIGINT; break;
    default: want = -1; break;
    }
    if (hd->type == JS_CELL_FREE)
        return "a freed cell";
    if (hd->type >= JS_CELL_TYPE_COUNT || (want >= 0 && hd->type != want))
        return "a cell whose type does not match the value's tag";
    return NULL;
}
#endif

/* Marks a cell and queues it for tracing. Collector only. */
void js_gc_mark_cell(JSRuntime *rt, void *cell)
{
    GCHeader *hd = cell;
    if (!hd || hd->mark)
        return;
#if JS_GC_STRESS
    if (js_unlikely(hd->type == JS_CELL_FREE || hd->type >= JS_CELL_TYPE_COUNT)) {
        GCHeader *from = rt->heap->tracing;
        fprintf(stderr, "qjs: GC reached a freed cell %p from %s", cell,
                from ? "the cell" : "a root");
        if (from)
            fprintf(stderr, " %p (cell type %d, aux %u)", (void *)from, from->type, from->aux);
        fputc('\n', stderr);
        abort();
    }
#endif
    hd->mark = 1;
    /* leaf cells need no tracing */
    if (hd->type == JS_CELL_BYTES || hd->type == JS_CELL_BIGINT)
        return;
    if (hd->type == JS_CELL_STRING && !(hd->flags & (JS_STR_ROPE | JS_STR_FLAT_REF | JS_STR_SLICE)))
        return;
    mark_push(rt->heap, cell);
}

bool js_gc_is_marked(const void *cell)
{
    return ((const GCHeader *)cell)->mark != 0;
}

static void weak_list_add(GCWeakEntry **list, size_t *len, size_t *cap, void *cell, void *fn, JSHeap *h)
{
    if (*len == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        GCWeakEntry *n = realloc(*list, ncap * sizeof(GCWeakEntry));
        if (!n) {
            /* Cannot record it: there is no safe fallback for weak
             * semantics, so treat it as fatal rather than corrupt memory. */
            fprintf(stderr, "qjs: out of memory in the collector\n");
            abort();
        }
        *list = n;
        *cap = ncap;
    }
    (*list)[*len].cell = cell;
    (*list)[*len].fn = fn;
    (*len)++;
    (void)h;
}

/* From a trace hook: cell holds ephemerons; fn marks the values whose
 * keys are marked and returns true if it marked anything. */
void js_gc_register_ephemeron(JSRuntime *rt, void *cell, JSGCEphemeronFn *fn)
{
    JSHeap *h = rt->heap;
    weak_list_add(&h->ephemerons, &h->eph_len, &h->eph_cap, cell, (void *)fn, h);
}

/* From a trace hook: fn runs after marking reaches its fixpoint, before
 * the sweep, to clear references to unmarked cells. */
void js_gc_register_weak(JSRuntime *rt, void *cell, JSGCWeakFn *fn)
{
    JSHeap *h = rt->heap;
    weak_list_add(&h->weaks, &h->weak_len, &h->weak_cap, cell, (void *)fn, h);
}

static void internal_sweep_weak(JSRuntime *rt, void *cell)
{
    JSInternalCell *c = cell;
    c->sweep_weak(rt, c);
}

static void trace_cell(JSRuntime *rt, GCHeader *hd)
{
#if JS_GC_STRESS
    rt->heap->tracing = hd;
#endif
    switch (hd->type) {
    case JS_CELL_OBJECT:
        js_object_trace(rt, (JSObject *)hd);
        break;
    case JS_CELL_STRING:
        js_string_trace(rt, (JSString *)hd);
        break;
    case JS_CELL_SYMBOL:
        js_gc_mark_value(rt, ((JSSymbol *)hd)->description);
        break;
    case JS_CELL_SHAPE:
        js_shape_trace(rt, (JSShape *)hd);
        break;
    case JS_CELL_ACCESSOR: {
        JSAccessorPair *ap = (JSAccessorPair *)hd;
        js_gc_mark_value(rt, ap->getter);
        js_gc_mark_value(rt, ap->setter);
        break;
    }
    case JS_CELL_VALUE_ARRAY: {
        JSValueArray *a = (JSValueArray *)hd;
        for (uint32_t i = 0; i < a->len; i++)
            js_gc_mark_value(rt, a->values[i]);
        break;
    }
    case JS_CELL_FUNCTION_BYTECODE:
    case JS_CELL_VAR_REF:
    case JS_CELL_ENV:
    case JS_CELL_INTERNAL: {
        JSInternalCell *c = (JSInternalCell *)hd;
        if (c->trace)
            c->trace(rt, c);
        if (c->sweep_weak)
            js_gc_register_weak(rt, c, internal_sweep_weak);
        break;
    }
    default:
        break;
    }
}

static void drain(JSRuntime *rt)
{
    JSHeap *h = rt->heap;
    while (h->stack_len > 0) {
        GCHeader *hd = h->stack[--h->stack_len];
        trace_cell(rt, hd);
    }
#if JS_GC_STRESS
    h->tracing = NULL;
#endif
}

/* After a mark-stack overflow: re-trace every marked cell. */
static void rescan_heap(JSRuntime *rt)
{
    JSHeap *h = rt->heap;
    while (h->stack_overflow) {
        h->stack_overflow = false;
        for (uint32_t c = 0; c < GC_NUM_CLASSES; c++) {
            for (GCPage *pg = h->pages[c]; pg; pg = pg->next) {
                char *base = (char *)pg + GC_PAGE_HEADER;
                for (uint32_t i = 0; i < pg->ncells; i++) {
                    GCHeader *hd = (GCHeader *)(base + (size_t)i * pg->cell_size);
                    if (hd->type != JS_CELL_FREE && hd->mark) {
                        trace_cell(rt, hd);
                        drain(rt);
                    }
                }
            }
        }
        for (GCLarge *l = h->large; l; l = l->next) {
            GCHeader *hd = (GCHeader *)(l + 1);
            if (hd->mark) {
                trace_cell(rt, hd);
                drain(rt);
            }
        }
    }
}

static void mark_realm(JSRuntime *rt, JSContext *ctx)
{
    js_gc_mark_cell(rt, ctx->global_obj);
    js_gc_mark_cell(rt, ctx->global_this);
    for (int i = 0; i < JS_CLASS_COUNT; i++)
        js_gc_mark_value(rt, ctx->class_proto[i]);
    for (int i = 0; i < JS_INTRINSIC_COUNT; i++)
        js_gc_mark_value(rt, ctx->intrinsics[i]);
    js_gc_mark_cell(rt, ctx->array_shape);
    js_gc_mark_cell(rt, ctx->cfunc_shape);
    js_gc_mark_cell(rt, ctx->match_array_shape);
    js_gc_mark_value(rt, ctx->global_lex_env);
    js_gc_mark_value(rt, ctx->module_map);
}

static void mark_roots(JSRuntime *rt)
{
    for (JSContext *ctx = rt->realms; ctx; ctx = ctx->next_realm)
        mark_realm(rt, ctx);
    for (JSRoot *r = rt->roots; r; r = r->prev) {
#if JS_GC_STRESS
        const char *why = js_gc_check_value(r->v);
        if (why) {
            fprintf(stderr, "qjs: GC root check: JSRoot %p holds %s (value %#llx)\n",
                    (void *)r, why, (unsigned long long)r->v);
            abort();
        }
#endif
        js_gc_mark_value(rt, r->v);
    }
    for (int i = 0; i < 256; i++)
        js_gc_mark_value(rt, rt->single_char_strings[i]);
    js_gc_mark_value(rt, rt->current_exception);
    js_gc_mark_value(rt, rt->oom_error);
    js_atom_mark_roots(rt);
    js_interp_mark(rt);
    js_jobs_mark(rt);
    js_api_mark_refs(rt);
    js_gc_mark_cell(rt, rt->weakref_state);    /* builtins/weakref.c */
    js_gc_mark_value(rt, rt->symbol_registry); /* builtins/symbol.c */
}

static void mark_phase(JSRuntime *rt)
{
    JSHeap *h = rt->heap;
    h->eph_len = 0;
    h->weak_len = 0;
    mark_roots(rt);
    drain(rt);
    rescan_heap(rt);
    /* ephemerons: iterate to a fixpoint */
    for (;;) {
        bool progress = false;
        for (size_t i = 0; i < h->eph_len; i++) {
            JSGCEphemeronFn *fn = (JSGCEphemeronFn *)h->ephemerons[i].fn;
            if (fn(rt, h->ephemerons[i].cell))
                progress = true;
            drain(rt);
            rescan_heap(rt);
        }
        if (!progress)
            break;
    }
}

static void weak_phase(JSRuntime *rt)
{
    JSHeap *h = rt->heap;
    for (size_t i = 0; i < h->weak_len; i++) {
        JSGCWeakFn *fn = (JSGCWeakFn *)h->weaks[i].fn;
        fn(rt, h->weaks[i].cell);
    }
    js_shape_sweep_table(rt);
    js_atom_sweep(rt);
}

/* ---- sweeping ---- */

static void finalize_cell(JSRuntime *rt, GCHeader *hd)
{
    switch (hd->type) {
    case JS_CELL_OBJECT:
        js_object_finalize(rt, (JSObject *)hd);
        break;
    case JS_CELL_SHAPE:
        js_shape_finalize(rt, (JSShape *)hd);
        break;
    case JS_CELL_FUNCTION_BYTECODE:
    case JS_CELL_VAR_REF:
    case JS_CELL_ENV:
    case JS_CELL_INTERNAL: {
        JSInternalCell *c = (JSInternalCell *)hd;
        if (c->finalize)
            c->finalize(rt, c);
        break;
    }
    default:
        break;
    }
}

static size_t sweep(JSRuntime *rt, bool all)
{
    JSHeap *h = rt->heap;
    size_t live_bytes = 0;
    for (uint32_t c = 0; c < GC_NUM_CLASSES; c++) {
        GCFree *head = NULL, **tail = &head;
        GCPage **pp = &h->pages[c];
        uint32_t kept_empty = 0;
        while (*pp) {
            GCPage *pg = *pp;
            char *base = (char *)pg + GC_PAGE_HEADER;
            GCFree *phead = NULL, **ptail = &phead;
            uint32_t live = 0;
            for (uint32_t i = 0; i < pg->ncells; i++) {
                GCHeader *hd = (GCHeader *)(base + (size_t)i * pg->cell_size);
                if (hd->type != JS_CELL_FREE) {
                    if (hd->mark && !all) {
                        hd->mark = 0;
                        live++;
                        continue;
                    }
                    finalize_cell(rt, hd);
                    hd->type = JS_CELL_FREE;
                    hd->mark = 0;
                    FREE_CELL_POISON(hd, pg->cell_size);
                }
                GCFree *f = (GCFree *)hd;
                *ptail = f;
                ptail = &f->next;
            }
            *ptail = NULL;
            pg->live = live;
            if (live == 0 && (all || kept_empty >= 1)) {
                *pp = pg->next;
                if (h->carving[c] == pg)
                    h->carving[c] = NULL;
                free_page(h, pg);
                continue;
            }
            if (live == 0)
                kept_empty++;
            live_bytes += (size_t)live * pg->cell_size;
            if (phead) {
                *tail = phead;
                tail = ptail;
            }
            pp = &pg->next;
        }
        *tail = NULL;
        h->free_list[c] = head;
    }
    GCLarge **lp = &h->large;
    while (*lp) {
        GCLarge *l = *lp;
        GCHeader *hd = (GCHeader *)(l + 1);
        if (hd->mark && !all) {
            hd->mark = 0;
            live_bytes += l->size;
            lp = &l->next;
            continue;
        }
        finalize_cell(rt, hd);
        *lp = l->next;
        h->heap_bytes -= l->size + sizeof(GCLarge);
        free(l);
    }
    return live_bytes;
}

/* Full collection. Never runs JS, never throws. */
void js_gc_collect(JSRuntime *rt)
{
    JSHeap *h = rt->heap;
    if (h->collecting)
        return;
    h->collecting = true;
    mark_phase(rt);
    weak_phase(rt);
    size_t live = sweep(rt, false);
    h->live_after_gc = live + h->malloc_bytes;
    size_t next = h->live_after_gc / 100 * JS_GC_GROWTH;
    h->threshold = next > JS_GC_INITIAL_THRESHOLD ? next : JS_GC_INITIAL_THRESHOLD;
    h->alloc_since_gc = 0;
    h->collections++;
    h->collecting = false;
}

/* Teardown: finalizes every cell and frees the heap. */
void js_gc_free_all(JSRuntime *rt)
{
    JSHeap *h = rt->heap;
    if (!h)
        return;
    h->collecting = true;
    sweep(rt, true);
#if GC_ARENA
    arena_close(h);
#endif
    free(h->stack);
    free(h->ephemerons);
    free(h->weaks);
    free(h);
    rt->heap = NULL;
}

/* Statistics for tests and the host. Never collects. */
void js_gc_get_stats(JSRuntime *rt, JSGCStats *st)
{
    JSHeap *h = rt->heap;
    st->heap_bytes = h->heap_bytes;
    st->malloc_bytes = h->malloc_bytes;
    st->collections = h->collections;
    st->live_after_gc = h->live_after_gc;
}
