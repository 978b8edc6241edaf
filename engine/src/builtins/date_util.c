/* Pure date arithmetic (ECMA-262 21.4.1), the Date string parser and the
 * string formatters used by the Date built-in (date.c). Everything works
 * on doubles holding integral values, exactly, over the whole range of
 * time values (+-8.64e15 ms) and the local-time shifts around it. No JS
 * values, no allocation, no clock and no time zone here. */
#include "../fmath/fmath.h"
#include "date_util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MS_PER_SECOND 1000.0
#define MS_PER_MINUTE 60000.0
#define MS_PER_HOUR 3600000.0

/* Years beyond this bound make MakeDay return NaN (ECMA-262 lets the
 * implementation decide when "this is not possible"); inside it every day
 * count below is an exact integer in a double. */
#define MAX_YEAR 1e8

/* a * b rounded to a double on its own: the spec requires each product of
 * MakeTime and MakeDate to be rounded before the following addition, so
 * the compiler must not fuse them into a multiply-add. */
static double mul_rounded(double a, double b)
{
    volatile double p = a * b;
    return p;
}

double js_date_time_within_day(double t)
{
    double r = js_fmod(t, JS_DATE_MS_PER_DAY);   /* exact */
    if (r < 0)
        r += JS_DATE_MS_PER_DAY;
    return r;
}

double js_date_day(double t)
{
    /* t - r is an exact multiple of msPerDay, so the division is exact;
     * js_floor(t / msPerDay) could round up just below a day boundary. */
    return (t - js_date_time_within_day(t)) / JS_DATE_MS_PER_DAY;
}

double js_date_day_from_year(double y)
{
    return 365.0 * (y - 1970) + js_floor((y - 1969) / 4) - js_floor((y - 1901) / 100) +
           js_floor((y - 1601) / 400);
}

int js_date_days_in_year(double y)
{
    if (js_fmod(y, 4) != 0)
        return 365;
    if (js_fmod(y, 100) != 0)
        return 366;
    return js_fmod(y, 400) == 0 ? 366 : 365;
}

/* The year holding day number d (an integral double). */
static double year_from_day(double d)
{
    double y = js_floor(d / 365.2425) + 1970;
    while (js_date_day_from_year(y) > d)
        y--;
    while (js_date_day_from_year(y + 1) <= d)
        y++;
    return y;
}

/* First day of each month in a common year, then in a leap year. */
static const short month_start[2][13] = {
    { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365 },
    { 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366 },
};

void js_date_split(double t, JSDateFields *f)
{
    double tw = js_date_time_within_day(t);
    double d = (t - tw) / JS_DATE_MS_PER_DAY;
    double y = year_from_day(d);
    int yday = (int)(d - js_date_day_from_year(y));
    int leap = js_date_days_in_year(y) == 366;
    int m = 0;
    while (m < 11 && yday >= month_start[leap][m + 1])
        m++;
    f->year = y;
    f->month = m;
    f->mday = yday - month_start[leap][m] + 1;
    double wd = js_fmod(d + 4, 7);
    if (wd < 0)
        wd += 7;
    f->wday = (int)wd;
    int ms = (int)tw;
    f->hour = ms / 3600000;
    f->min = ms / 60000 % 60;
    f->sec = ms / 1000 % 60;
    f->ms = ms % 1000;
}

/* ToIntegerOrInfinity of a finite double (-0 becomes +0). */
static double to_integer(double x)
{
    return js_trunc(x) + 0.0;
}

double js_date_make_time(double hour, double min, double sec, double ms)
{
    if (!isfinite(hour) || !isfinite(min) || !isfinite(sec) || !isfinite(ms))
        return NAN;
    double t = mul_rounded(to_integer(hour), MS_PER_HOUR) + mul_rounded(to_integer(min), MS_PER_MINUTE);
    t = t + mul_rounded(to_integer(sec), MS_PER_SECOND);
    return t + to_integer(ms);
}

double js_date_make_day(double year, double month, double date)
{
    if (!isfinite(year) || !isfinite(month) || !isfinite(date))
        return NAN;
    double y = to_integer(year), m = to_integer(month), dt = to_integer(date);
    double mn = js_fmod(m, 12);
    if (mn < 0)
        mn += 12;
    double ym = y + (m - mn) / 12;
    if (!(fabs(ym) <= MAX_YEAR))
        return NAN;
    int leap = js_date_days_in_year(ym) == 366;
    double day = js_date_day_from_year(ym) + month_start[leap][(int)mn];
    return day + dt - 1;
}

double js_date_make_date(double day, double time)
{
    if (!isfinite(day) || !isfinite(time))
        return NAN;
    double tv = mul_rounded(day, JS_DATE_MS_PER_DAY) + time;
    return isfinite(tv) ? tv : NAN;
}

double js_date_time_clip(double t)
{
    if (!isfinite(t) || fabs(t) > JS_DATE_MAX_TIME)
        return NAN;
    return to_integer(t);
}

double js_date_make_full_year(double year)
{
    if (isnan(year))
        return NAN;
    double tr = js_trunc(year);
    if (tr >= 0 && tr <= 99)
        return 1900 + tr;
    return year;
}

/* ---- Formatting ---- */

static const char day_names[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char month_names[12][4] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

int js_date_format(char *buf, double t, int offset_min, int kind)
{
    JSDateFields f;
    js_date_split(t, &f);
    long long y = (long long)f.year;
    const char *ysign = y < 0 ? "-" : "";
    long long ya = y < 0 ? -y : y;
    char osign = offset_min < 0 ? '-' : '+';
    int oa = offset_min < 0 ? -offset_min : offset_min;
    int n = 0;
    switch (kind) {
    case JS_DATE_FMT_STRING:
        n = snprintf(buf, JS_DATE_BUF_SIZE, "%s %s %02d %s%04lld %02d:%02d:%02d GMT%c%02d%02d",
                     day_names[f.wday], month_names[f.month], f.mday, ysign, ya,
                     f.hour, f.min, f.sec, osign, oa / 60, oa % 60);
        break;
    case JS_DATE_FMT_DATE:
        n = snprintf(buf, JS_DATE_BUF_SIZE, "%s %s %02d %s%04lld",
                     day_names[f.wday], month_names[f.month], f.mday, ysign, ya);
        break;
    case JS_DATE_FMT_TIME:
        n = snprintf(buf, JS_DATE_BUF_SIZE, "%02d:%02d:%02d GMT%c%02d%02d",
                     f.hour, f.min, f.sec, osign, oa / 60, oa % 60);
        break;
    case JS_DATE_FMT_UTC:
        n = snprintf(buf, JS_DATE_BUF_SIZE, "%s, %02d %s %s%04lld %02d:%02d:%02d GMT",
                     day_names[f.wday], f.mday, month_names[f.month], ysign, ya,
                     f.hour, f.min, f.sec);
        break;
    case JS_DATE_FMT_ISO:
        if (y >= 0 && y <= 9999)
            n = snprintf(buf, JS_DATE_BUF_SIZE, "%04lld", y);
        else
            n = snprintf(buf, JS_DATE_BUF_SIZE, "%c%06lld", y < 0 ? '-' : '+', ya);
        n += snprintf(buf + n, JS_DATE_BUF_SIZE - n, "-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      f.month + 1, f.mday, f.hour, f.min, f.sec, f.ms);
        break;
    default:
        buf[0] = 0;
        break;
    }
    return n;
}

/* ---- Parsing ---- */

typedef struct Scanner {
    const char *s;
    size_t len, pos;
} Scanner;

static int peek(const Scanner *sc, size_t ahead)
{
    return sc->pos + ahead < sc->len ? (unsigned char)sc->s[sc->pos + ahead] : -1;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Exactly n digits; -1 if they are not there. */
static long read_fixed(Scanner *sc, int n)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        int c = peek(sc, 0);
        if (!is_digit(c))
            return -1;
        v = v * 10 + (c - '0');
        sc->pos++;
    }
    return v;
}

/* 1..max_digits digits; -1 if none or too many. *ndigits receives the
 * count (leading zeros included). */
static long read_number(Scanner *sc, int max_digits, int *ndigits)
{
    long v = 0;
    int n = 0;
    while (is_digit(peek(sc, 0))) {
        if (n == max_digits)
            return -1;
        v = v * 10 + (peek(sc, 0) - '0');
        sc->pos++;
        n++;
    }
    if (ndigits)
        *ndigits = n;
    return n ? v : -1;
}

/* Milliseconds from a fraction's digits: the first three count, the rest
 * are read and dropped. -1 if there is no digit. */
static int read_fraction_ms(Scanner *sc)
{
    int ms = 0, n = 0;
    while (is_digit(peek(sc, 0))) {
        if (n < 3)
            ms = ms * 10 + (peek(sc, 0) - '0');
        n++;
        sc->pos++;
    }
    if (n == 0)
        return -1;
    for (; n < 3; n++)
        ms *= 10;
    return ms;
}

static double compose(double year, int month, int day, int h, int m, int s, int ms)
{
    return js_date_make_date(js_date_make_day(year, month, day), js_date_make_time(h, m, s, ms));
}

enum { ISO_OK, ISO_SYNTAX, ISO_INVALID };

/* The Date Time String Format (ECMA-262 21.4.1.32) and its expanded
 * years. ISO_SYNTAX lets the legacy parser have a go; ISO_INVALID (a
 * well-formed string with an impossible field) is final. */
static int parse_iso(const char *str, size_t len, double *t, bool *is_local)
{
    Scanner sc = { str, len, 0 };
    long year;
    int c = peek(&sc, 0);
    bool invalid = false;
    if (c == '+' || c == '-') {
        sc.pos++;
        year = read_fixed(&sc, 6);
        if (year < 0)
            return ISO_SYNTAX;
        if (c == '-') {
            if (year == 0)
                invalid = true;     /* "-000000" is not a year */
            year = -year;
        }
    } else {
        year = read_fixed(&sc, 4);
        if (year < 0)
            return ISO_SYNTAX;
    }
    long month = 1, day = 1;
    if (peek(&sc, 0) == '-') {
        sc.pos++;
        month = read_fixed(&sc, 2);
        if (month < 0)
            return ISO_SYNTAX;
        if (peek(&sc, 0) == '-') {
            sc.pos++;
            day = read_fixed(&sc, 2);
            if (day < 0)
                return ISO_SYNTAX;
        }
    }
    long hour = 0, min = 0, sec = 0;
    int ms = 0;
    bool has_time = false, has_offset = false;
    long offset = 0;
    c = peek(&sc, 0);
    if (c == 'T' || c == 't') {
        has_time = true;
        sc.pos++;
        hour = read_fixed(&sc, 2);
        if (hour < 0 || peek(&sc, 0) != ':')
            return ISO_SYNTAX;
        sc.pos++;
        min = read_fixed(&sc, 2);
        if (min < 0)
            return ISO_SYNTAX;
        if (peek(&sc, 0) == ':') {
            sc.pos++;
            sec = read_fixed(&sc, 2);
            if (sec < 0)
                return ISO_SYNTAX;
            if (peek(&sc, 0) == '.') {
                sc.pos++;
                ms = read_fraction_ms(&sc);
                if (ms < 0)
                    return ISO_SYNTAX;
            }
        }
        c = peek(&sc, 0);
        if (c == 'Z' || c == 'z') {
            sc.pos++;
            has_offset = true;
        } else if (c == '+' || c == '-') {
            sc.pos++;
            long oh = read_fixed(&sc, 2);
            if (oh < 0 || peek(&sc, 0) != ':')
                return ISO_SYNTAX;
            sc.pos++;
            long om = read_fixed(&sc, 2);
            if (om < 0)
                return ISO_SYNTAX;
            if (oh > 23 || om > 59)
                invalid = true;
            offset = (oh * 60 + om) * (c == '-' ? -1 : 1);
            has_offset = true;
        }
    }
    if (sc.pos != len)
        return ISO_SYNTAX;
    if (invalid || month < 1 || month > 12 || day < 1 || day > 31 ||
        hour > 24 || min > 59 || sec > 59 ||
        (hour == 24 && (min != 0 || sec != 0 || ms != 0)))
        return ISO_INVALID;
    *t = compose((double)year, (int)month - 1, (int)day, (int)hour, (int)min, (int)sec, ms) -
         (double)offset * MS_PER_MINUTE;
    /* date-only forms are UTC; date-time forms without offset are local */
    *is_local = has_time && !has_offset;
    return ISO_OK;
}

static const char *const month_full[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
};
static const char *const day_full[7] = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
};
static const struct { const char name[4]; int offset; } zone_names[] = {
    { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
    { "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
    { "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
};

/* True if word (lower case, n letters, n >= 3) starts full. */
static bool word_prefix_of(const char *word, size_t n, const char *full)
{
    return n >= 3 && n <= strlen(full) && memcmp(word, full, n) == 0;
}

typedef struct LegacyDate {
    double year;
    bool has_year, year_short;  /* year_short: written with 1-2 digits */
    int month, day;             /* -1 when absent */
    int hour, min, sec, ms;     /* hour -1 when absent */
    int ampm;                   /* 0 none, 1 am, 2 pm */
    bool has_tz;
    int tz_min;
    long nums[3];               /* numbers not yet given a role */
    int num_digits[3];
    int n_nums;
    bool seen_number;
} LegacyDate;

static bool set_year(LegacyDate *d, double y, int ndigits)
{
    if (d->has_year)
        return false;
    d->has_year = true;
    d->year = y;
    d->year_short = ndigits <= 2;
    return true;
}

/* "m/d/y", "y/m/d", "y-m-d" after a first number a (n digits). */
static bool legacy_numeric_date(Scanner *sc, LegacyDate *d, long a, int na, int sep)
{
    if (d->month >= 0 || d->day >= 0)
        return false;
    int nb, nc = 0;
    sc->pos++;
    long b = read_number(sc, 2, &nb);
    if (b < 0)
        return false;
    long c = -1;
    if (peek(sc, 0) == sep && is_digit(peek(sc, 1))) {
        sc->pos++;
        c = read_number(sc, 9, &nc);
        if (c < 0)
            return false;
    }
    if (na >= 3 || sep == '-') {           /* y/m/d or y-m-d */
        if (c < 0 || nc > 2)
            return false;
        if (!set_year(d, (double)a, na))
            return false;
        d->month = (int)b - 1;
        d->day = (int)c;
    } else {                                /* m/d[/y] */
        if (na > 2)
            return false;
        d->month = (int)a - 1;
        d->day = (int)b;
        if (c >= 0 && !set_year(d, (double)c, nc))
            return false;
    }
    return true;
}

/* "h:m[:s[.fff]]" after the hour. */
static bool legacy_time(Scanner *sc, LegacyDate *d, long h)
{
    if (d->hour >= 0)
        return false;
    sc->pos++;
    long m = read_number(sc, 2, NULL);
    if (m < 0)
        return false;
    long s = 0;
    int ms = 0;
    if (peek(sc, 0) == ':') {
        sc->pos++;
        s = read_number(sc, 2, NULL);
        if (s < 0)
            return false;
        if (peek(sc, 0) == '.') {
            sc->pos++;
            ms = read_fraction_ms(sc);
            if (ms < 0)
                return false;
        }
    }
    d->hour = (int)h;
    d->min = (int)m;
    d->sec = (int)s;
    d->ms = ms;
    return true;
}

/* A UTC offset after its sign: "hh", "hhmm" or "hh:mm". */
static bool legacy_offset(Scanner *sc, LegacyDate *d, int sign)
{
    int n;
    long v = read_number(sc, 4, &n);
    if (v < 0)
        return false;
    long h, m = 0;
    if (peek(sc, 0) == ':' && n <= 2) {
        sc->pos++;
        h = v;
        m = read_number(sc, 2, NULL);
        if (m < 0)
            return false;
    } else if (n <= 2) {
        h = v;
    } else {
        h = v / 100;
        m = v % 100;
    }
    if (h > 23 || m > 59)
        return false;
    int base = d->has_tz ? d->tz_min : 0;
    d->has_tz = true;
    d->tz_min = base + sign * (int)(h * 60 + m);
    return true;
}

static bool legacy_word(Scanner *sc, LegacyDate *d)
{
    char w[16];
    size_t n = 0;
    while (is_alpha(peek(sc, 0))) {
        int c = peek(sc, 0) | 0x20;
        if (n < sizeof w)
            w[n] = (char)c;
        n++;
        sc->pos++;
    }
    if (n > sizeof w)
        return !d->seen_number;             /* leading junk words are ignored */
    for (int i = 0; i < 12; i++) {
        if (word_prefix_of(w, n, month_full[i])) {
            if (d->month >= 0)
                return false;
            d->month = i;
            return true;
        }
    }
    for (int i = 0; i < 7; i++) {
        if (word_prefix_of(w, n, day_full[i]))
            return true;
    }
    if (n == 2 && (w[0] == 'a' || w[0] == 'p') && w[1] == 'm') {
        if (d->hour < 0 || d->ampm)
            return false;
        d->ampm = w[0] == 'a' ? 1 : 2;
        return true;
    }
    for (size_t i = 0; i < sizeof zone_names / sizeof zone_names[0]; i++) {
        if (strlen(zone_names[i].name) == n && memcmp(zone_names[i].name, w, n) == 0) {
            if (d->has_tz)
                return false;
            d->has_tz = true;
            d->tz_min = zone_names[i].offset;
            return true;
        }
    }
    if (n == 1 && w[0] == 't' && is_digit(peek(sc, 0)))
        return true;                        /* "2022-02-01T10:00" variants */
    return !d->seen_number;
}

/* Legacy forms: the outputs of toString and toUTCString (also with
 * negative and 5+ digit years) and the usual hand-written dates:
 * "Feb 1 2022", "1 February 2022 10:00 PM", "2022/02/01 10:00",
 * "12/25/2022", "2022-2-1 10:00Z", "Jan 1 2000 10:00 PDT", with
 * parenthesized comments ignored. Without a zone the time is local. */
static bool parse_legacy(const char *str, size_t len, double *t, bool *is_local)
{
    Scanner sc = { str, len, 0 };
    LegacyDate d = { .month = -1, .day = -1, .hour = -1 };
    while (sc.pos < len) {
        int c = peek(&sc, 0);
        if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
            sc.pos++;
        } else if (c == '(') {
            int depth = 0;
            do {
                c = peek(&sc, 0);
                if (c == '(')
                    depth++;
                else if (c == ')')
                    depth--;
                sc.pos++;
            } while (depth > 0 && sc.pos < len);
        } else if (is_digit(c)) {
            int nd;
            long v = read_number(&sc, 9, &nd);
            if (v < 0)
                return false;
            d.seen_number = true;
            int next = peek(&sc, 0);
            if (next == ':') {
                if (!legacy_time(&sc, &d, v))
                    return false;
            } else if ((next == '/' || next == '-') && is_digit(peek(&sc, 1))) {
                if (!legacy_numeric_date(&sc, &d, v, nd, next))
                    return false;
            } else if (next == '-' && is_alpha(peek(&sc, 1))) {
                /* "1-Feb-2022" */
                if (d.day >= 0)
                    return false;
                d.day = (int)v;
                sc.pos++;
                if (!legacy_word(&sc, &d) || d.month < 0 || peek(&sc, 0) != '-')
                    return false;
                sc.pos++;
                long y = read_number(&sc, 9, &nd);
                if (y < 0 || !set_year(&d, (double)y, nd))
                    return false;
            } else if (d.n_nums < 3) {
                d.nums[d.n_nums] = v;
                d.num_digits[d.n_nums++] = nd;
            } else {
                return false;
            }
        } else if ((c == '+' || c == '-') && is_digit(peek(&sc, 1))) {
            sc.pos++;
            int sign = c == '-' ? -1 : 1;
            if (d.hour >= 0 || d.has_tz) {
                if (!legacy_offset(&sc, &d, sign))
                    return false;
            } else {
                /* a signed year, as toString writes years before 1 BC */
                int nd;
                long y = read_number(&sc, 9, &nd);
                if (y < 0 || (sign < 0 && y == 0 && nd == 6))
                    return false;
                if (!set_year(&d, sign * (double)y, 4))
                    return false;
            }
            d.seen_number = true;
        } else if (is_alpha(c)) {
            if (!legacy_word(&sc, &d))
                return false;
        } else if (c == '-' || c == '.' || c == '/') {
            sc.pos++;                       /* stray separators: "Jan-1-2000" */
        } else {
            return false;
        }
    }
    /* Give the free numbers their roles. */
    int i = 0;
    if (d.month >= 0 && d.day < 0 && i < d.n_nums) {
        /* "Feb 1 2022", "1 Feb 2022", "Feb 2022", "2022 Feb 1" */
        if (!d.has_year && d.n_nums - i >= 2 && (d.num_digits[i] >= 3 || d.nums[i] > 31)) {
            set_year(&d, (double)d.nums[i], d.num_digits[i]);
            i++;
        }
        if (d.n_nums - i >= 2 || d.has_year || (d.num_digits[i] <= 2 && d.nums[i] <= 31)) {
            d.day = (int)d.nums[i++];
        }
    }
    if (!d.has_year && i < d.n_nums) {
        set_year(&d, (double)d.nums[i], d.num_digits[i]);
        i++;
    }
    if (i < d.n_nums || !d.has_year || d.month < 0)
        return false;
    if (d.day < 0)
        d.day = 1;
    if (d.hour < 0)
        d.hour = d.min = d.sec = d.ms = 0;
    if (d.year_short)
        d.year += d.year < 50 ? 2000 : 1900;
    if (d.ampm) {
        if (d.hour > 12)
            return false;
        if (d.hour == 12)
            d.hour = 0;
        if (d.ampm == 2)
            d.hour += 12;
    }
    if (d.month > 11 || d.day < 1 || d.day > 31 || d.hour > 24 || d.min > 59 || d.sec > 59 ||
        (d.hour == 24 && (d.min || d.sec || d.ms)))
        return false;
    *t = compose(d.year, d.month, d.day, d.hour, d.min, d.sec, d.ms);
    if (d.has_tz)
        *t -= d.tz_min * MS_PER_MINUTE;
    *is_local = !d.has_tz;
    return true;
}

bool js_date_parse(const char *s, size_t len, double *t, bool *is_local)
{
    /* surrounding white space is tolerated */
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    while (len && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')) {
        s++;
        len--;
    }
    switch (parse_iso(s, len, t, is_local)) {
    case ISO_OK:
        return true;
    case ISO_INVALID:
        return false;
    default:
        return parse_legacy(s, len, t, is_local);
    }
}
