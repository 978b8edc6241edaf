/* WeakRef and FinalizationRegistry (ECMA-262 26.1, 26.2) and the
 * runtime-wide weak-reference state: the kept list (AddToKeptObjects /
 * ClearKeptObjects) and the list of registries waiting for their cleanup
 * job. Collector side: WeakRef targets are cleared after marking; each
 * registry cell whose target died is marked cleared and its registry is
 * handed to rt->hooks.enqueue_cleanup. The collector never runs JS. */
#include "builtins.h"
#include "hashmap.h"
#include "object_util.h"
#include "weakref.h"
#include "../conv.h"

/* ---- data structures ----
 *
 * WeakRef: one weak slot, cleared to undefined when its target dies.
 *
 * FinalizationRegistry: a vector of cells whose indexes never change
 * while a cell lives (free slots are reused through a free list). A cell
 * is in one of three states, told by its target:
 *   - a live object or symbol: active; target and token are weak, the
 *     held value is strong;
 *   - JS_EMPTY: cleared (the target died); it waits for the cleanup job,
 *     its held value still strong, and unregister can still remove it;
 *   - JS_UNDEFINED: a free slot, on the free list.
 * Cells sharing an unregister token form a doubly linked chain whose head
 * index a JSHashMap keyed by the token holds (the map's keys are weak and
 * its values are int32 indexes, so the map is never marked), which makes
 * unregister O(cells with that token). The registry is marked only if
 * something else reaches it: its callback and its cells do not keep it
 * alive, so a registry that dies with its targets is ordinary garbage and
 * nothing is ever enqueued for it.
 *
 * The runtime's JSWeakRefState is an internal cell marked from the
 * collector's roots (rt->weakref_state). It holds the kept list (strong)
 * and the doubly linked list of registries that have cleared cells and
 * whose cleanup job has not run yet (strong: a pending cleanup keeps its
 * registry alive). Putting a registry on that list needs no allocation,
 * so the collector's weak phase can do it. */

#define NIL 0xFFFFFFFFu

typedef struct FRCell {
    JSValue target;     /* object/symbol, JS_EMPTY (cleared) or JS_UNDEFINED (free slot) */
    JSValue held;       /* strong */
    JSValue token;      /* object/symbol (weak) or JS_UNDEFINED for none */
    uint32_t tnext;     /* next cell with the same token (free slot: next free) */
    uint32_t tprev;     /* previous cell with the same token, NIL at the head */
} FRCell;

typedef struct JSFinRegistry {
    JSObject base;
    JSValue callback;           /* [[CleanupCallback]] */
    JSContext *realm;           /* [[Realm]] */
    FRCell *cells;              /* js_malloc'ed, cap entries, [0, len) used */
    uint32_t len, cap;
    uint32_t free_head;         /* free list through tnext, NIL if empty */
    uint32_t live;              /* active + cleared cells */
    uint32_t cleared;           /* cleared cells */
    uint32_t with_token;        /* cells with an unregister token */
    uint32_t scan;              /* no cleared cell below this index */
    JSHashMap tokens;           /* token -> js_int(index of its first cell) */
    struct JSFinRegistry *pending_prev, *pending_next;
    bool pending;               /* on the runtime's pending list */
    bool running;               /* its cleanup job is running */
} JSFinRegistry;

typedef struct JSWeakRefObject {
    JSObject base;
    JSValue target;             /* [[WeakRefTarget]]; undefined once cleared */
} JSWeakRefObject;

typedef struct JSWeakRefState {
    JSInternalCell base;
    JSValue *kept;              /* [[KeptAlive]]: js_malloc'ed */
    uint32_t kept_len, kept_cap;
    JSFinRegistry *pending_head, *pending_tail;
} JSWeakRefState;

static bool is_live_target(JSValue v)
{
    return js_is_object(v) || js_is_symbol(v);
}

/* ---- runtime state ---- */

static void state_trace(JSRuntime *rt, JSInternalCell *c)
{
    JSWeakRefState *st = (JSWeakRefState *)c;
    for (uint32_t i = 0; i < st->kept_len; i++)
        js_gc_mark_value(rt, st->kept[i]);
    for (JSFinRegistry *fr = st->pending_head; fr; fr = fr->pending_next)
        js_gc_mark_cell(rt, fr);
}

static void state_finalize(JSRuntime *rt, JSInternalCell *c)
{
    JSWeakRefState *st = (JSWeakRefState *)c;
    js_free(rt, st->kept, (size_t)st->kept_cap * sizeof(JSValue));
    st->kept = NULL;
    st->kept_len = st->kept_cap = 0;
    /* the registries on the pending list are dying too (teardown): their
     * cleanup never runs, and their cells are not touched here */
    st->pending_head = st->pending_tail = NULL;
}

/* Creates rt's state cell once. May collect; 0 or -1 (OOM thrown). */
static int state_init(JSContext *ctx)
{
    if (ctx->rt->weakref_state)
        return 0;
    JSWeakRefState *st = js_gc_alloc(ctx, JS_CELL_INTERNAL, sizeof(JSWeakRefState));
    if (!st)
        return -1;
    st->base.trace = state_trace;
    st->base.finalize = state_finalize;
    ctx->rt->weakref_state = st;
    return 0;
}

/* AddToKeptObjects(value). The list is a set in effect; a value already
 * among the last few entries is not added again, so a loop calling
 * deref() does not grow it. Does not collect; 0 or -1 (OOM thrown). */
static int add_to_kept_objects(JSContext *ctx, JSValue v)
{
    JSWeakRefState *st = ctx->rt->weakref_state;
    uint32_t n = st->kept_len;
    for (uint32_t i = n, k = 0; i > 0 && k < 8; i--, k++) {
        if (st->kept[i - 1] == v)
            return 0;
    }
    if (n == st->kept_cap) {
        uint32_t ncap = st->kept_cap ? st->kept_cap * 2 : 16;
        JSValue *nk = js_realloc(ctx, st->kept, (size_t)st->kept_cap * sizeof(JSValue),
                                 (size_t)ncap * sizeof(JSValue));
        if (!nk)
            return -1;
        st->kept = nk;
        st->kept_cap = ncap;
    }
    st->kept[st->kept_len++] = v;
    return 0;
}

void js_clear_kept_objects(JSRuntime *rt)
{
    JSWeakRefState *st = rt->weakref_state;
    if (!st)
        return;
    st->kept_len = 0;
    if (st->kept_cap > 1024) {
        /* give the memory of a burst back */
        js_free(rt, st->kept, (size_t)st->kept_cap * sizeof(JSValue));
        st->kept = NULL;
        st->kept_cap = 0;
    }
}

bool js_has_pending_cleanups(JSRuntime *rt)
{
    JSWeakRefState *st = rt->weakref_state;
    return st && st->pending_head != NULL;
}

/* Appends fr to the pending list (if not there) and tells the host.
 * Called from the collector's weak phase and after a failed cleanup:
 * no allocation, no JS. */
static void pending_enqueue(JSRuntime *rt, JSFinRegistry *fr)
{
    JSWeakRefState *st = rt->weakref_state;
    if (!fr->pending) {
        fr->pending = true;
        fr->pending_next = NULL;
        fr->pending_prev = st->pending_tail;
        if (st->pending_tail)
            st->pending_tail->pending_next = fr;
        else
            st->pending_head = fr;
        st->pending_tail = fr;
    }
    if (rt->hooks.enqueue_cleanup)
        rt->hooks.enqueue_cleanup(rt, &fr->base, rt->hooks.opaque);
}

static void pending_unlink(JSRuntime *rt, JSFinRegistry *fr)
{
    JSWeakRefState *st = rt->weakref_state;
    if (!fr->pending)
        return;
    if (fr->pending_prev)
        fr->pending_prev->pending_next = fr->pending_next;
    else
        st->pending_head = fr->pending_next;
    if (fr->pending_next)
        fr->pending_next->pending_prev = fr->pending_prev;
    else
        st->pending_tail = fr->pending_prev;
    fr->pending_prev = fr->pending_next = NULL;
    fr->pending = false;
}

/* ---- WeakRef ---- */

static void weakref_clear(JSRuntime *rt, void *cell)
{
    JSWeakRefObject *w = cell;
    if (is_live_target(w->target) && !js_gc_is_marked(js_get_ptr(w->target)))
        w->target = JS_UNDEFINED;
}

static void weakref_trace(JSRuntime *rt, JSObject *obj)
{
    if (is_live_target(((JSWeakRefObject *)obj)->target))
        js_gc_register_weak(rt, obj, weakref_clear);
}

static const JSClass weakref_class = {
    .name = "WeakRef", .size = sizeof(JSWeakRefObject), .trace = weakref_trace,
};

/* WeakRef(target); this_val is new.target. */
static JSValue weakref_constructor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(this_val))
        return js_throw_type_error(ctx, "Constructor WeakRef requires 'new'");
    if (!js_can_be_held_weakly(argv[0]))
        return js_throw_type_error(ctx, "WeakRef: invalid target");
    JSValue obj = js_create_from_ctor(ctx, this_val, JS_CLASS_WEAKREF);
    if (js_is_exception(obj))
        return obj;
    JSWeakRefObject *w = (JSWeakRefObject *)JS_VALUE_GET_OBJ(obj);
    /* argv[0] is rooted, and nothing below allocates a cell */
    if (add_to_kept_objects(ctx, argv[0]) < 0)
        return JS_EXCEPTION;
    JS_STORE(ctx, &w->base, w->target, argv[0]);
    return obj;
}

/* WeakRef.prototype.deref() */
static JSValue weakref_deref(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_object_is_class(this_val, JS_CLASS_WEAKREF))
        return js_throw_type_error(ctx, "WeakRef.prototype.deref called on an incompatible receiver");
    JSValue t = ((JSWeakRefObject *)JS_VALUE_GET_OBJ(this_val))->target;
    if (!is_live_target(t))
        return JS_UNDEFINED;
    if (add_to_kept_objects(ctx, t) < 0)
        return JS_EXCEPTION;
    return t;
}

/* ---- FinalizationRegistry: collector hooks ---- */

/* After marking: cells whose target died become cleared, dead tokens are
 * forgotten (their address may be reused; every cell of a dead token
 * loses it, so no chain is left half), and a registry that gained
 * cleared cells is put on the pending list and handed to the host, unless
 * its cleanup job is running now (that job picks the new cells up). */
static void registry_sweep(JSRuntime *rt, void *cell)
{
    JSFinRegistry *fr = cell;
    bool newly = false;
    for (uint32_t i = 0; i < fr->len; i++) {
        FRCell *c = &fr->cells[i];
        if (is_live_target(c->target) && !js_gc_is_marked(js_get_ptr(c->target))) {
            c->target = JS_EMPTY;
            fr->cleared++;
            if (i < fr->scan)
                fr->scan = i;
            newly = true;
        }
        if (is_live_target(c->token) && !js_gc_is_marked(js_get_ptr(c->token))) {
            c->token = JS_UNDEFINED;
            c->tnext = c->tprev = NIL;
            fr->with_token--;
        }
    }
    js_hashmap_sweep_dead_keys(rt, &fr->tokens);
    if (newly && !fr->running)
        pending_enqueue(rt, fr);
}

static void registry_trace(JSRuntime *rt, JSObject *obj)
{
    JSFinRegistry *fr = (JSFinRegistry *)obj;
    js_gc_mark_value(rt, fr->callback);
    for (uint32_t i = 0; i < fr->len; i++) {
        if (!js_is_undefined(fr->cells[i].target))
            js_gc_mark_value(rt, fr->cells[i].held);
    }
    if (fr->live > fr->cleared || fr->with_token > 0)
        js_gc_register_weak(rt, obj, registry_sweep);
}

static void registry_finalize(JSRuntime *rt, JSObject *obj)
{
    JSFinRegistry *fr = (JSFinRegistry *)obj;
    js_free(rt, fr->cells, (size_t)fr->cap * sizeof(FRCell));
    fr->cells = NULL;
    fr->len = fr->cap = 0;
    js_hashmap_free(rt, &fr->tokens);
}

static const JSClass registry_class = {
    .name = "FinalizationRegistry", .size = sizeof(JSFinRegistry),
    .trace = registry_trace, .finalize = registry_finalize,
};

/* ---- FinalizationRegistry: the cells ---- */

/* Frees cell i (active or cleared), unlinking it from its token chain.
 * When the last cell goes, the vector is reset (and big memory given
 * back). Never collects. */
static void remove_cell(JSRuntime *rt, JSFinRegistry *fr, uint32_t i)
{
    FRCell *c = &fr->cells[i];
    if (js_is_empty(c->target))
        fr->cleared--;
    if (is_live_target(c->token)) {
        if (c->tnext != NIL)
            fr->cells[c->tnext].tprev = c->tprev;
        if (c->tprev != NIL) {
            fr->cells[c->tprev].tnext = c->tnext;
        } else if (c->tnext != NIL) {
            JSMapEntry *e = js_hashmap_find(rt, &fr->tokens, c->token);
            if (e)
                e->value = js_int((int32_t)c->tnext);
        } else {
            js_hashmap_delete(rt, &fr->tokens, c->token);
        }
        fr->with_token--;
    }
    c->target = c->held = c->token = JS_UNDEFINED;
    c->tprev = NIL;
    c->tnext = fr->free_head;
    fr->free_head = i;
    fr->live--;
    if (fr->live == 0) {
        fr->len = 0;
        fr->free_head = NIL;
        fr->scan = 0;
        if (fr->cap > 64) {
            js_free(rt, fr->cells, (size_t)fr->cap * sizeof(FRCell));
            fr->cells = NULL;
            fr->cap = 0;
        }
        js_hashmap_clear(rt, &fr->tokens);
    }
}

/* Adds a cell. Does not collect; 0 or -1 (OOM thrown). */
static int add_cell(JSContext *ctx, JSFinRegistry *fr, JSValue target, JSValue held, JSValue token)
{
    uint32_t i;
    if (fr->free_head == NIL && fr->len == fr->cap) {
        uint32_t ncap = fr->cap ? fr->cap * 2 : 8;
        if (ncap > (1u << 28)) {
            js_throw_range_error(ctx, "too many FinalizationRegistry registrations");
            return -1;
        }
        FRCell *nc = js_realloc(ctx, fr->cells, (size_t)fr->cap * sizeof(FRCell),
                                (size_t)ncap * sizeof(FRCell));
        if (!nc)
            return -1;
        fr->cells = nc;
        fr->cap = ncap;
    }
    i = fr->free_head != NIL ? fr->free_head : fr->len;
    uint32_t next = NIL;
    if (is_live_target(token)) {
        JSMapEntry *e = js_hashmap_find(ctx->rt, &fr->tokens, token);
        if (e) {
            /* the new cell becomes the head of the token's chain */
            next = (uint32_t)js_get_int(e->value);
            e->value = js_int((int32_t)i);
        } else if (js_hashmap_set(ctx, &fr->tokens, token, js_int((int32_t)i)) < 0) {
            return -1;
        }
    }
    if (i == fr->free_head)
        fr->free_head = fr->cells[i].tnext;
    else
        fr->len++;
    FRCell *c = &fr->cells[i];
    c->target = target;
    c->held = held;
    c->token = token;
    c->tprev = NIL;
    c->tnext = next;
    if (next != NIL)
        fr->cells[next].tprev = i;
    fr->live++;
    if (is_live_target(token))
        fr->with_token++;
    return 0;
}

/* ---- FinalizationRegistry: built-ins ---- */

/* FinalizationRegistry(cleanupCallback); this_val is new.target. */
static JSValue registry_constructor(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(this_val))
        return js_throw_type_error(ctx, "Constructor FinalizationRegistry requires 'new'");
    if (!js_is_callable(argv[0]))
        return js_throw_type_error(ctx, "FinalizationRegistry: cleanup callback is not a function");
    JSValue obj = js_create_from_ctor(ctx, this_val, JS_CLASS_FINALIZATION_REGISTRY);
    if (js_is_exception(obj))
        return obj;
    JSFinRegistry *fr = (JSFinRegistry *)JS_VALUE_GET_OBJ(obj);
    JS_STORE(ctx, &fr->base, fr->callback, argv[0]);
    fr->realm = ctx;
    fr->free_head = NIL;
    return obj;
}

static JSFinRegistry *this_registry(JSContext *ctx, JSValue this_val, const char *method)
{
    if (js_object_is_class(this_val, JS_CLASS_FINALIZATION_REGISTRY))
        return (JSFinRegistry *)JS_VALUE_GET_OBJ(this_val);
    js_throw_type_error(ctx, "FinalizationRegistry.prototype.%s called on an incompatible receiver", method);
    return NULL;
}

/* register(target, heldValue [, unregisterToken]) */
static JSValue registry_register(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSFinRegistry *fr = this_registry(ctx, this_val, "register");
    if (!fr)
        return JS_EXCEPTION;
    JSValue target = argv[0], held = argv[1], token = argc > 2 ? argv[2] : JS_UNDEFINED;
    if (!js_can_be_held_weakly(target))
        return js_throw_type_error(ctx, "FinalizationRegistry.prototype.register: invalid target");
    if (js_same_value(ctx, target, held))
        return js_throw_type_error(ctx, "FinalizationRegistry.prototype.register: target and held value must not be the same");
    if (!js_can_be_held_weakly(token) && !js_is_undefined(token))
        return js_throw_type_error(ctx, "FinalizationRegistry.prototype.register: invalid unregister token");
    if (add_cell(ctx, fr, target, held, token) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* unregister(unregisterToken): removes every cell (active or cleared)
 * registered with the token; true if any. Tokens are objects or symbols,
 * so SameValue is identity, which is what the token map compares. */
static JSValue registry_unregister(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSFinRegistry *fr = this_registry(ctx, this_val, "unregister");
    if (!fr)
        return JS_EXCEPTION;
    JSValue token = argv[0];
    if (!js_can_be_held_weakly(token))
        return js_throw_type_error(ctx, "FinalizationRegistry.prototype.unregister: invalid unregister token");
    JSMapEntry *e = js_hashmap_find(ctx->rt, &fr->tokens, token);
    if (!e)
        return JS_FALSE;
    /* removing the head each time keeps the chain and the map consistent */
    uint32_t n = fr->with_token;
    while (n-- > 0 && (e = js_hashmap_find(ctx->rt, &fr->tokens, token)) != NULL)
        remove_cell(ctx->rt, fr, (uint32_t)js_get_int(e->value));
    return JS_TRUE;
}

/* The first cleared cell at or after fr->scan (one exists). */
static uint32_t next_cleared(JSFinRegistry *fr)
{
    uint32_t i = fr->scan;
    while (i < fr->len && !js_is_empty(fr->cells[i].target))
        i++;
    fr->scan = i;
    return i;
}

int js_finalization_registry_cleanup(JSContext *ctx, JSValue registry)
{
    if (!js_object_is_class(registry, JS_CLASS_FINALIZATION_REGISTRY))
        return 0;
    JSRuntime *rt = ctx->rt;
    JSFinRegistry *fr = (JSFinRegistry *)JS_VALUE_GET_OBJ(registry);
    if (fr->running)
        return 0;
    JSRoot rreg, rheld;
    js_root_push(ctx, &rreg, registry);
    js_root_push(ctx, &rheld, JS_UNDEFINED);
    pending_unlink(rt, fr);
    fr->running = true;
    JSContext *realm = fr->realm ? fr->realm : ctx;
    int ret = 0;
    while (fr->cleared > 0) {
        uint32_t i = next_cleared(fr);
        if (i >= fr->len) {
            /* cannot happen: cleared counts the cells found here */
            fr->cleared = 0;
            break;
        }
        rheld.v = fr->cells[i].held;
        remove_cell(rt, fr, i);
        JSValue r = js_call(realm, fr->callback, JS_UNDEFINED, 1, &rheld.v);
        if (js_is_exception(r)) {
            ret = -1;
            break;
        }
    }
    fr->running = false;
    if (ret < 0 && fr->cleared > 0)
        pending_enqueue(rt, fr);
    js_root_pop(ctx, &rreg);
    return ret;
}

/* ---- tables and set-up ---- */

#define FN(name, len, f) \
    { name, JS_DEF_CFUNC, JS_PROP_C_W, len, JS_CFUNC_PLAIN, 0, { .fn = f } }

static const JSPropEntry weakref_proto_props[] = {
    FN("deref", 0, weakref_deref),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakRef", JS_PROP_CONFIGURABLE),
};

static const JSPropEntry registry_proto_props[] = {
    FN("register", 2, registry_register),
    FN("unregister", 1, registry_unregister),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "FinalizationRegistry", JS_PROP_CONFIGURABLE),
};

#define COUNT(tab) ((int)(sizeof tab / sizeof tab[0]))

/* A prototype with props and its constructor. May collect; 0 or -1. */
static int init_class(JSContext *ctx, JSClassID cid, const JSPropEntry *props, int n,
                      JSCFunction *ctor_fn, const char *name)
{
    JSRoot rp;
    JSValue proto = js_new_object(ctx);
    if (js_is_exception(proto))
        return -1;
    js_root_push(ctx, &rp, proto);
    ctx->class_proto[cid] = rp.v;
    int ret = -1;
    if (js_define_prop_entries(ctx, rp.v, props, n) < 0)
        goto done;
    if (js_is_exception(js_new_constructor(ctx, ctor_fn, name, 1, 0, rp.v)))
        goto done;
    ret = 0;
done:
    js_root_pop(ctx, &rp);
    return ret;
}

int js_init_weakref(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_WEAKREF, &weakref_class);
    js_register_class(ctx->rt, JS_CLASS_FINALIZATION_REGISTRY, &registry_class);
    if (state_init(ctx) < 0)
        return -1;
    if (init_class(ctx, JS_CLASS_WEAKREF, weakref_proto_props, COUNT(weakref_proto_props),
                   weakref_constructor, "WeakRef") < 0)
        return -1;
    if (init_class(ctx, JS_CLASS_FINALIZATION_REGISTRY, registry_proto_props, COUNT(registry_proto_props),
                   registry_constructor, "FinalizationRegistry") < 0)
        return -1;
    return js_init_weakmap(ctx);
}
