/* The heap and its precise, non-moving, stop-the-world mark-sweep
 * collector: cell headers, allocation, the explicit root list for C code,
 * the store barrier, and the hooks each cell type gives the marker.
 *
 * THE ROOTING RULE: any call that allocates may collect. A JSValue or
 * cell pointer held in a C local across such a call must be reachable from
 * a root: the VM register stack (a native function's argv and this_val
 * are), a JSRoot pushed on the root list, or a field of a reachable cell.
 * Roots pushed by a native function are dropped when it returns: the
 * caller of a native function restores the root list, so an early error
 * return cannot leak a root. GC stress mode (QJS_GC_STRESS) collects at
 * every allocation and finds any place that forgets the rule. */
#ifndef GC_H
#define GC_H

#include <stddef.h>
#include <stdint.h>
#include "value.h"

typedef struct JSRuntime JSRuntime;
typedef struct JSContext JSContext;

/* Cell types. The tag of a JSValue tells object/string/symbol/bigint
 * apart; the header type tells every kind of cell apart. */
typedef enum JSCellType {
    JS_CELL_FREE = 0,      /* on a free list */
    JS_CELL_OBJECT,        /* JSObject and every class that extends it */
    JS_CELL_STRING,        /* JSString (flat or rope) */
    JS_CELL_SYMBOL,        /* JSSymbol */
    JS_CELL_BIGINT,        /* JSBigInt */
    JS_CELL_SHAPE,         /* JSShape */
    JS_CELL_ACCESSOR,      /* JSAccessorPair: getter/setter of a property */
    JS_CELL_FUNCTION_BYTECODE, /* compiled function template */
    JS_CELL_VAR_REF,       /* a closed-over variable (closure cell) */
    JS_CELL_ENV,           /* a scope environment record (with, eval vars) */
    JS_CELL_BYTES,         /* opaque bytes (RegExp program, ...) */
    JS_CELL_VALUE_ARRAY,   /* JSValueArray: a GC'd vector of values */
    JS_CELL_INTERNAL,      /* other engine-internal cells with a trace hook */
    JS_CELL_TYPE_COUNT
} JSCellType;

/* Every heap cell starts with this header. */
typedef struct GCHeader {
    uint8_t type;       /* JSCellType */
    uint8_t mark;       /* mark bit(s), owned by the collector */
    uint16_t flags;     /* per-type flags */
    uint32_t aux;       /* per-type small field (e.g. class id of an object) */
} GCHeader;

/* A JSValue held by C code across allocations: push it, use r.v, pop it.
 * Nodes live on the C stack and form a singly linked list. Push each node
 * once; pop in LIFO order (js_root_pop also pops everything above). */
typedef struct JSRoot {
    JSValue v;
    struct JSRoot *prev;
} JSRoot;

/* Allocation. size includes the header. Returns NULL after throwing an
 * out-of-memory error on ctx (a catchable RangeError-like InternalError).
 * May collect. The returned cell is zeroed except the header. */
void *js_gc_alloc(JSContext *ctx, JSCellType type, size_t size);

/* Malloc-backed side buffers owned by cells (slot vectors, element
 * vectors, string data of large strings). They count toward the next
 * collection's threshold. Do not collect. js_malloc and js_realloc throw
 * out-of-memory on ctx and return NULL on failure. */
void *js_malloc(JSContext *ctx, size_t size);
void *js_mallocz(JSContext *ctx, size_t size);
void *js_realloc(JSContext *ctx, void *p, size_t old_size, size_t new_size);
void js_free(JSRuntime *rt, void *p, size_t size);

/* Run a full collection now. Never runs JS. */
void js_gc_collect(JSRuntime *rt);

/* Root list for C code (see THE ROOTING RULE). */
void js_root_push(JSContext *ctx, JSRoot *r, JSValue v);
void js_root_pop(JSContext *ctx, JSRoot *r);
/* Keeps a dynamic atom alive: atoms are weak in the atom table, so C code
 * holding a non-predefined atom across an allocation roots it (integer
 * and predefined atoms need nothing). Pop with js_root_pop. */
void js_root_push_atom(JSContext *ctx, JSRoot *r, uint32_t atom);

/* Marking, for trace hooks of cell types (called by the collector only):
 * push a value or a cell onto the explicit mark stack. The GC stress
 * build aborts when marking reaches a freed cell. A value that is no
 * cell, or a cell already marked, is skipped inline: trace hooks call
 * this for every slot and element. */
void js_gc_mark_cell(JSRuntime *rt, void *cell);
static inline void js_gc_mark_value(JSRuntime *rt, JSValue v)
{
    if (js_is_cell(v) && !((const GCHeader *)js_get_ptr(v))->mark)
        js_gc_mark_cell(rt, js_get_ptr(v));
}

#if JS_GC_STRESS
/* GC stress build: why v cannot be a reference to a live cell of the kind
 * its tag says (a freed cell, a type that does not match), or NULL if it
 * can or is no reference. Reads the cell header; never collects. The
 * collector checks its roots with it, and names the bad root. */
const char *js_gc_check_value(JSValue v);
#endif

/* Store barrier, for an incremental or generational collector to come.
 * Today they are plain stores, and not every store uses them: the object
 * and built-in code mostly does, while the interpreter (registers,
 * environments, generator frames) and the compiler store directly. A
 * collector that needs a barrier must first route those stores here. */
#define JS_STORE(ctx, owner, field, value) ((void)(owner), (field) = (value))
#define JS_STORE_PTR(ctx, owner, field, ptr) ((void)(owner), (field) = (ptr))

/* GC'd vector of values (used for closure environments, bound arguments,
 * promise reaction lists, ...). */
typedef struct JSValueArray {
    GCHeader h;
    uint32_t len;
    JSValue values[];
} JSValueArray;

/* Allocates a JSValueArray with len values set to undefined. May collect;
 * NULL on out-of-memory (thrown). */
JSValueArray *js_value_array_new(JSContext *ctx, uint32_t len);

/* Internal cells with their own hooks (JS_CELL_INTERNAL, and the
 * interpreter's JS_CELL_FUNCTION_BYTECODE / JS_CELL_VAR_REF / JS_CELL_ENV
 * cells): the struct must start with this. trace marks the children;
 * finalize releases native memory (never runs JS, never allocates cells);
 * sweep_weak, if set, is called after marking on each marked cell so it
 * can drop references to unmarked cells (inline caches hold shapes weakly).
 * Any hook may be NULL. */
typedef struct JSInternalCell {
    GCHeader h;
    void (*trace)(JSRuntime *rt, struct JSInternalCell *c);
    void (*finalize)(JSRuntime *rt, struct JSInternalCell *c);
    void (*sweep_weak)(JSRuntime *rt, struct JSInternalCell *c);
} JSInternalCell;

/* True if cell is marked; valid only inside sweep_weak / weak processing. */
bool js_gc_is_marked(const void *cell);

/* Weak containers. From a trace hook (during marking) a cell may register:
 * - an ephemeron function: called repeatedly until marking reaches a
 *   fixpoint; it marks (js_gc_mark_value) the values whose keys are marked
 *   and returns true if it marked anything new (WeakMap, WeakSet);
 * - a weak function: called once after the fixpoint and before the sweep,
 *   to drop references to unmarked cells (WeakRef targets,
 *   FinalizationRegistry cells, caches). It must not allocate or run JS.
 * Registrations last for one collection only: register again at each
 * trace. */
typedef bool JSGCEphemeronFn(JSRuntime *rt, void *cell);
typedef void JSGCWeakFn(JSRuntime *rt, void *cell);
void js_gc_register_ephemeron(JSRuntime *rt, void *cell, JSGCEphemeronFn *fn);
void js_gc_register_weak(JSRuntime *rt, void *cell, JSGCWeakFn *fn);

/* Heap statistics. Never collects. */
typedef struct JSGCStats {
    size_t heap_bytes;      /* pages and large cells */
    size_t malloc_bytes;    /* side buffers */
    size_t live_after_gc;   /* live bytes after the last collection */
    uint64_t collections;
} JSGCStats;
void js_gc_get_stats(JSRuntime *rt, JSGCStats *st);

/* Roots owned by other subsystems, called by the collector at the start
 * of marking: the interpreter's VM stack and frames (interp.c) and the
 * pending jobs (job.c). */
void js_interp_mark(JSRuntime *rt);

#endif
