/* The Date built-in (ECMA-262 21.4 and Annex B.2.3): the constructor,
 * Date.now / parse / UTC, Date.prototype's getters, setters and string
 * conversions, and LocalTime / UTC through the host's time zone hooks.
 * The pure arithmetic, parsing and formatting live in date_util.c. This
 * file also holds the engine's one use of the host clock and time zone,
 * as a fallback when the embedder sets no hook (see "Host clock" below). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE     /* localtime_r and clock_gettime under -std=c11 */
#endif
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "../fmath/fmath.h"
#include "builtins.h"
#include "date_util.h"
#include "../conv.h"

/* A Date instance: [[DateValue]] is a time value (integral or NaN). */
typedef struct JSDateObject {
    JSObject base;
    double time;
} JSDateObject;

static const JSClass date_class = {
    .name = "Date",
    .size = sizeof(JSDateObject),
};

/* ---- Host clock and time zone ----
 * DESIGN.md: the engine makes no OS calls. These two functions are the
 * exception, used only when rt->hooks.date_now / local_tz_offset are
 * NULL, so that an embedder that sets no hook still gets a working Date. */

/* The current time in ms since the epoch (integral). */
static double host_clock_now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return 0;
    return js_floor((double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6);
}

/* The local zone's offset from UTC in minutes at the instant utc_ms. */
static int host_utc_offset(double utc_ms)
{
    double secs = js_floor(utc_ms / 1000.0);
    time_t tt = (time_t)secs;
    if ((double)tt != secs)
        return 0;       /* outside time_t */
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return 0;
    /* Seconds of the local wall clock as if it were UTC, minus the instant. */
    double local = js_date_make_day(tm.tm_year + 1900.0, tm.tm_mon, tm.tm_mday) * 86400.0 +
                   tm.tm_hour * 3600.0 + tm.tm_min * 60.0 + tm.tm_sec;
    return (int)((local - secs) / 60.0);
}
/* ---- end of the host clock and time zone ---- */

/* The default local_tz_offset hook, on the C library. For a local time,
 * the offsets a day before and a day after bracket any transition; of the
 * candidate instants that really have their offset, the earlier wins (a
 * repeated hour), and if none does (a skipped hour) the offset before the
 * transition is used. */
static int default_tz_offset(double t, bool is_local)
{
    if (!is_local)
        return host_utc_offset(t);
    int before = host_utc_offset(t - JS_DATE_MS_PER_DAY);
    int after = host_utc_offset(t + JS_DATE_MS_PER_DAY);
    if (before == after)
        return before;
    bool before_ok = host_utc_offset(t - before * 60000.0) == before;
    bool after_ok = host_utc_offset(t - after * 60000.0) == after;
    if (before_ok && after_ok)
        return before > after ? before : after;   /* larger offset = earlier instant */
    if (after_ok)
        return after;
    return before;
}

/* Offset of local time from UTC in ms at t (a UTC instant, or with
 * is_local a local time). t is finite. */
static double tz_offset_ms(JSContext *ctx, double t, bool is_local)
{
    JSHostHooks *h = &ctx->rt->hooks;
    int m = h->local_tz_offset ? h->local_tz_offset(t, is_local, h->opaque)
                               : default_tz_offset(t, is_local);
    return m * 60000.0;
}

/* LocalTime(t) */
static double local_time(JSContext *ctx, double t)
{
    if (!isfinite(t))
        return NAN;
    return t + tz_offset_ms(ctx, t, false);
}

/* UTC(t) */
static double utc_time(JSContext *ctx, double t)
{
    if (!isfinite(t))
        return NAN;
    return t - tz_offset_ms(ctx, t, true);
}

/* The current time value. */
static double date_now_value(JSContext *ctx)
{
    JSHostHooks *h = &ctx->rt->hooks;
    double t = h->date_now ? h->date_now(h->opaque) : host_clock_now();
    return js_date_time_clip(js_floor(t));
}

/* thisTimeValue's check: the Date object, or NULL after a TypeError. */
static JSDateObject *this_date(JSContext *ctx, JSValue v)
{
    if (!js_object_is_class(v, JS_CLASS_DATE)) {
        js_throw_type_error(ctx, "this is not a Date object");
        return NULL;
    }
    return (JSDateObject *)JS_VALUE_GET_OBJ(v);
}

/* A string of a time value in one of the JS_DATE_FMT_* forms, local
 * forms shifted by the local offset; "Invalid Date" for NaN. */
static JSValue format_time(JSContext *ctx, double t, int kind)
{
    if (isnan(t))
        return js_new_string_cstr(ctx, "Invalid Date");
    char buf[JS_DATE_BUF_SIZE];
    int offset = 0;
    if (kind == JS_DATE_FMT_STRING || kind == JS_DATE_FMT_DATE || kind == JS_DATE_FMT_TIME) {
        double off = tz_offset_ms(ctx, t, false);
        offset = (int)(off / 60000.0);
        t += off;
    }
    int n = js_date_format(buf, t, offset, kind);
    return js_new_string_latin1(ctx, (const uint8_t *)buf, (size_t)n);
}

/* Parses string value s (Date.parse's algorithm). Returns 0 with *out set
 * (NaN if s is not a date), or -1 on out-of-memory. May collect. */
static int parse_date_string(JSContext *ctx, JSValue s, double *out)
{
    JSString *p = js_string_flatten(ctx, s);
    if (!p)
        return -1;
    char small[128];
    char *buf = small;
    uint32_t len = p->len;
    if (len > sizeof small) {
        buf = js_malloc(ctx, len);
        if (!buf)
            return -1;
    }
    for (uint32_t i = 0; i < len; i++) {
        uint16_t c = js_flat_char(p, i);
        buf[i] = c < 0x7f ? (char)c : 0x7f;     /* non-ASCII never matches */
    }
    double t;
    bool is_local;
    if (js_date_parse(buf, len, &t, &is_local))
        *out = js_date_time_clip(is_local ? utc_time(ctx, t) : t);
    else
        *out = NAN;
    if (buf != small)
        js_free(ctx->rt, buf, len);
    return 0;
}

/* Date(...): a string when called, a new Date when constructed. */
static JSValue date_ctor(JSContext *ctx, JSValue new_target, int argc, JSValue *argv, int magic)
{
    if (js_is_undefined(new_target))
        return format_time(ctx, date_now_value(ctx), JS_DATE_FMT_STRING);
    double tv;
    if (argc == 0) {
        tv = date_now_value(ctx);
    } else if (argc == 1) {
        if (js_object_is_class(argv[0], JS_CLASS_DATE)) {
            tv = ((JSDateObject *)JS_VALUE_GET_OBJ(argv[0]))->time;
        } else {
            JSValue v = js_to_primitive(ctx, argv[0], JS_HINT_DEFAULT);
            if (js_is_exception(v))
                return v;
            if (js_is_string(v)) {
                if (parse_date_string(ctx, v, &tv) < 0)
                    return JS_EXCEPTION;
            } else if (js_to_number(ctx, &tv, v) < 0) {
                return JS_EXCEPTION;
            }
        }
        tv = js_date_time_clip(tv);
    } else {
        double f[7] = { NAN, NAN, 1, 0, 0, 0, 0 };
        for (int i = 0; i < argc && i < 7; i++) {
            if (js_to_number(ctx, &f[i], argv[i]) < 0)
                return JS_EXCEPTION;
        }
        double yr = js_date_make_full_year(f[0]);
        double d = js_date_make_date(js_date_make_day(yr, f[1], f[2]),
                                     js_date_make_time(f[3], f[4], f[5], f[6]));
        tv = js_date_time_clip(utc_time(ctx, d));
    }
    JSValue obj = js_create_from_ctor(ctx, new_target, JS_CLASS_DATE);
    if (js_is_exception(obj))
        return obj;
    ((JSDateObject *)JS_VALUE_GET_OBJ(obj))->time = tv;
    return obj;
}

static JSValue date_now(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    return js_number(date_now_value(ctx));
}

static JSValue date_parse(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue s = js_to_string(ctx, argv[0]);
    if (js_is_exception(s))
        return s;
    double t;
    if (parse_date_string(ctx, s, &t) < 0)
        return JS_EXCEPTION;
    return js_number(t);
}

/* Date.UTC(year [, month [, date [, hours [, minutes [, seconds [, ms]]]]]]) */
static JSValue date_utc(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    double f[7] = { NAN, 0, 1, 0, 0, 0, 0 };
    int n = argc < 1 ? 1 : argc < 7 ? argc : 7;
    for (int i = 0; i < n; i++) {
        if (js_to_number(ctx, &f[i], argv[i]) < 0)
            return JS_EXCEPTION;
    }
    double yr = js_date_make_full_year(f[0]);
    double d = js_date_make_date(js_date_make_day(yr, f[1], f[2]),
                                 js_date_make_time(f[3], f[4], f[5], f[6]));
    return js_number(js_date_time_clip(d));
}

/* Getters: magic is a field number, plus GET_UTC for the getUTC* forms. */
enum {
    F_YEAR, F_MONTH, F_DATE, F_HOURS, F_MINUTES, F_SECONDS, F_MS,
    F_DAY, F_TIME, F_TZ_OFFSET, F_YEAR_1900,
};
#define GET_UTC 16

static JSValue date_get(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSDateObject *d = this_date(ctx, this_val);
    if (!d)
        return JS_EXCEPTION;
    double t = d->time;
    int field = magic & 15;
    if (isnan(t))
        return js_double(NAN);
    if (field == F_TIME)
        return js_number(t);
    if (field == F_TZ_OFFSET)
        return js_number((t - local_time(ctx, t)) / 60000.0);
    if (!(magic & GET_UTC))
        t = local_time(ctx, t);
    JSDateFields f;
    js_date_split(t, &f);
    switch (field) {
    case F_YEAR: return js_number(f.year);
    case F_MONTH: return js_int(f.month);
    case F_DATE: return js_int(f.mday);
    case F_HOURS: return js_int(f.hour);
    case F_MINUTES: return js_int(f.min);
    case F_SECONDS: return js_int(f.sec);
    case F_MS: return js_int(f.ms);
    case F_DAY: return js_int(f.wday);
    default: return js_number(f.year - 1900);
    }
}

/* Setters: magic = first field | argument count << 4 | SET_UTC. Every
 * argument is converted (in order) after [[DateValue]] is read and
 * before it is checked for NaN; the year setters start from +0 when it
 * is NaN. */
#define SET_MAGIC(first, nargs) ((first) | ((nargs) << 4))
#define SET_UTC 0x100

static JSValue date_set(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSDateObject *d = this_date(ctx, this_val);
    if (!d)
        return JS_EXCEPTION;
    int first = magic & 15, nargs = (magic >> 4) & 15;
    bool utc = (magic & SET_UTC) != 0;
    double t = d->time;
    double v[4];
    int n = argc < 1 ? 1 : argc < nargs ? argc : nargs;
    for (int i = 0; i < n; i++) {
        if (js_to_number(ctx, &v[i], argv[i]) < 0)
            return JS_EXCEPTION;
    }
    if (isnan(t)) {
        if (first != F_YEAR)
            return js_double(NAN);
        t = 0;
    } else if (!utc) {
        t = local_time(ctx, t);
    }
    JSDateFields f;
    js_date_split(t, &f);
    double fields[7] = { f.year, f.month, f.mday, f.hour, f.min, f.sec, f.ms };
    for (int i = 0; i < n; i++)
        fields[first + i] = v[i];
    double date = js_date_make_date(js_date_make_day(fields[0], fields[1], fields[2]),
                                    js_date_make_time(fields[3], fields[4], fields[5], fields[6]));
    double u = js_date_time_clip(utc ? date : utc_time(ctx, date));
    d->time = u;    /* objects do not move; this_val keeps d alive */
    return js_number(u);
}

static JSValue date_set_time(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSDateObject *d = this_date(ctx, this_val);
    if (!d)
        return JS_EXCEPTION;
    double t;
    if (js_to_number(ctx, &t, argv[0]) < 0)
        return JS_EXCEPTION;
    d->time = js_date_time_clip(t);
    return js_number(d->time);
}

/* Annex B setYear(year): a two-digit year means 19xx. */
static JSValue date_set_year(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSDateObject *d = this_date(ctx, this_val);
    if (!d)
        return JS_EXCEPTION;
    double t = d->time, y;
    if (js_to_number(ctx, &y, argv[0]) < 0)
        return JS_EXCEPTION;
    t = isnan(t) ? 0 : local_time(ctx, t);
    double yyyy = js_date_make_full_year(y);
    JSDateFields f;
    js_date_split(t, &f);
    double date = js_date_make_date(js_date_make_day(yyyy, f.month, f.mday),
                                    js_date_time_within_day(t));
    d->time = js_date_time_clip(utc_time(ctx, date));
    return js_number(d->time);
}

/* toString and friends: magic is a JS_DATE_FMT_* kind. */
static JSValue date_to_string(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSDateObject *d = this_date(ctx, this_val);
    if (!d)
        return JS_EXCEPTION;
    if (magic == JS_DATE_FMT_ISO && !isfinite(d->time))
        return js_throw_range_error(ctx, "Invalid time value");
    return format_time(ctx, d->time, magic);
}

/* toJSON(key): generic; null for a non-finite time value. */
static JSValue date_to_json(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    JSValue o = js_to_object(ctx, this_val);
    if (js_is_exception(o))
        return o;
    JSRoot ro;
    js_root_push(ctx, &ro, o);
    JSValue res = JS_EXCEPTION;
    JSValue tv = js_to_primitive(ctx, ro.v, JS_HINT_NUMBER);
    if (js_is_exception(tv))
        goto done;
    if (js_is_number(tv) && !isfinite(js_number_value(tv))) {
        res = JS_NULL;
        goto done;
    }
    res = js_invoke(ctx, ro.v, JS_ATOM_toISOString, 0, NULL);
done:
    js_root_pop(ctx, &ro);
    return res;
}

/* OrdinaryToPrimitive(o, string first or number first). */
static JSValue ordinary_to_primitive(JSContext *ctx, JSValue o, bool string_first)
{
    JSAtom order[2] = { JS_ATOM_valueOf, JS_ATOM_toString };
    if (string_first) {
        order[0] = JS_ATOM_toString;
        order[1] = JS_ATOM_valueOf;
    }
    for (int i = 0; i < 2; i++) {
        JSValue m = js_get_property(ctx, o, order[i]);
        if (js_is_exception(m))
            return m;
        if (js_is_callable(m)) {
            JSRoot rm;
            js_root_push(ctx, &rm, m);
            JSValue r = js_call(ctx, rm.v, o, 0, NULL);
            js_root_pop(ctx, &rm);
            if (js_is_exception(r) || !js_is_object(r))
                return r;
        }
    }
    return js_throw_type_error(ctx, "cannot convert object to primitive value");
}

/* Date.prototype[Symbol.toPrimitive](hint) */
static JSValue date_to_primitive(JSContext *ctx, JSValue this_val, int argc, JSValue *argv, int magic)
{
    if (!js_is_object(this_val))
        return js_throw_type_error(ctx, "Date.prototype[Symbol.toPrimitive]: this is not an object");
    JSValue hint = argv[0];
    if (js_is_string(hint)) {
        if (js_string_equal(ctx, hint, js_atom_to_value(ctx, JS_ATOM_string)) ||
            js_string_equal(ctx, hint, js_atom_to_value(ctx, JS_ATOM_default)))
            return ordinary_to_primitive(ctx, this_val, true);
        if (js_string_equal(ctx, hint, js_atom_to_value(ctx, JS_ATOM_number)))
            return ordinary_to_primitive(ctx, this_val, false);
    }
    return js_throw_type_error(ctx, "invalid hint for Date.prototype[Symbol.toPrimitive]");
}

static const JSPropEntry date_static_props[] = {
    JS_CFUNC_DEF("now", 0, date_now),
    JS_CFUNC_DEF("parse", 1, date_parse),
    JS_CFUNC_DEF("UTC", 7, date_utc),
};

#define GETTER(name, magic) JS_CFUNC_MAGIC_DEF(name, 0, date_get, magic)
#define SETTER(name, length, magic) JS_CFUNC_MAGIC_DEF(name, length, date_set, magic)

static const JSPropEntry date_proto_props[] = {
    GETTER("getDate", F_DATE),
    GETTER("getDay", F_DAY),
    GETTER("getFullYear", F_YEAR),
    GETTER("getHours", F_HOURS),
    GETTER("getMilliseconds", F_MS),
    GETTER("getMinutes", F_MINUTES),
    GETTER("getMonth", F_MONTH),
    GETTER("getSeconds", F_SECONDS),
    GETTER("getTime", F_TIME),
    GETTER("getTimezoneOffset", F_TZ_OFFSET),
    GETTER("getUTCDate", F_DATE | GET_UTC),
    GETTER("getUTCDay", F_DAY | GET_UTC),
    GETTER("getUTCFullYear", F_YEAR | GET_UTC),
    GETTER("getUTCHours", F_HOURS | GET_UTC),
    GETTER("getUTCMilliseconds", F_MS | GET_UTC),
    GETTER("getUTCMinutes", F_MINUTES | GET_UTC),
    GETTER("getUTCMonth", F_MONTH | GET_UTC),
    GETTER("getUTCSeconds", F_SECONDS | GET_UTC),
    GETTER("getYear", F_YEAR_1900),
    SETTER("setDate", 1, SET_MAGIC(F_DATE, 1)),
    SETTER("setFullYear", 3, SET_MAGIC(F_YEAR, 3)),
    SETTER("setHours", 4, SET_MAGIC(F_HOURS, 4)),
    SETTER("setMilliseconds", 1, SET_MAGIC(F_MS, 1)),
    SETTER("setMinutes", 3, SET_MAGIC(F_MINUTES, 3)),
    SETTER("setMonth", 2, SET_MAGIC(F_MONTH, 2)),
    SETTER("setSeconds", 2, SET_MAGIC(F_SECONDS, 2)),
    JS_CFUNC_DEF("setTime", 1, date_set_time),
    SETTER("setUTCDate", 1, SET_MAGIC(F_DATE, 1) | SET_UTC),
    SETTER("setUTCFullYear", 3, SET_MAGIC(F_YEAR, 3) | SET_UTC),
    SETTER("setUTCHours", 4, SET_MAGIC(F_HOURS, 4) | SET_UTC),
    SETTER("setUTCMilliseconds", 1, SET_MAGIC(F_MS, 1) | SET_UTC),
    SETTER("setUTCMinutes", 3, SET_MAGIC(F_MINUTES, 3) | SET_UTC),
    SETTER("setUTCMonth", 2, SET_MAGIC(F_MONTH, 2) | SET_UTC),
    SETTER("setUTCSeconds", 2, SET_MAGIC(F_SECONDS, 2) | SET_UTC),
    JS_CFUNC_DEF("setYear", 1, date_set_year),
    JS_CFUNC_MAGIC_DEF("toDateString", 0, date_to_string, JS_DATE_FMT_DATE),
    JS_CFUNC_MAGIC_DEF("toISOString", 0, date_to_string, JS_DATE_FMT_ISO),
    JS_CFUNC_DEF("toJSON", 1, date_to_json),
    /* No Intl: the locale forms are the toString forms. */
    JS_CFUNC_MAGIC_DEF("toLocaleDateString", 0, date_to_string, JS_DATE_FMT_DATE),
    JS_CFUNC_MAGIC_DEF("toLocaleString", 0, date_to_string, JS_DATE_FMT_STRING),
    JS_CFUNC_MAGIC_DEF("toLocaleTimeString", 0, date_to_string, JS_DATE_FMT_TIME),
    JS_CFUNC_MAGIC_DEF("toString", 0, date_to_string, JS_DATE_FMT_STRING),
    JS_CFUNC_MAGIC_DEF("toTimeString", 0, date_to_string, JS_DATE_FMT_TIME),
    JS_CFUNC_MAGIC_DEF("toUTCString", 0, date_to_string, JS_DATE_FMT_UTC),
    JS_ALIAS_DEF("toGMTString", "toUTCString"),     /* Annex B: the same function */
    JS_CFUNC_MAGIC_DEF("valueOf", 0, date_get, F_TIME),
    { "[Symbol.toPrimitive]", JS_DEF_CFUNC, JS_PROP_CONFIGURABLE, 1, JS_CFUNC_PLAIN, 0,
      { .fn = date_to_primitive } },
};

/* Registers the Date class and defines Date, its statics and
 * %Date.prototype% on ctx. May collect; 0, or -1 with an exception
 * pending (out of memory). */
int js_init_date(JSContext *ctx)
{
    js_register_class(ctx->rt, JS_CLASS_DATE, &date_class);
    /* %Date.prototype% is an ordinary object, not a Date instance */
    JSValue proto = js_new_object_proto(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
    if (js_is_exception(proto))
        return -1;
    ctx->class_proto[JS_CLASS_DATE] = proto;
    JSValue ctor = js_new_constructor(ctx, date_ctor, "Date", 7, 0, proto);
    if (js_is_exception(ctor))
        return -1;
    JSRoot rc;
    js_root_push(ctx, &rc, ctor);
    int ret = js_define_prop_entries(ctx, rc.v, date_static_props,
                                     (int)(sizeof date_static_props / sizeof date_static_props[0]));
    if (ret == 0)
        ret = js_define_prop_entries(ctx, ctx->class_proto[JS_CLASS_DATE], date_proto_props,
                                     (int)(sizeof date_proto_props / sizeof date_proto_props[0]));
    js_root_pop(ctx, &rc);
    return ret;
}
