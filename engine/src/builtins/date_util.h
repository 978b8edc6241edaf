/* Pure date arithmetic of ECMA-262 21.4.1 (Day, TimeWithinDay, YearFromTime,
 * MakeTime, MakeDay, MakeDate, TimeClip, ...), the Date string parser
 * (Date Time String Format plus legacy forms) and the formatters of
 * toString / toUTCString / toISOString. No JS values, no allocation, no
 * time zone knowledge: callers pass or apply the local offset themselves.
 * Used by date.c and tests/unit/test_date.c. Nothing here collects or throws. */
#ifndef BUILTINS_DATE_UTIL_H
#define BUILTINS_DATE_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#define JS_DATE_MS_PER_DAY 86400000.0
#define JS_DATE_MAX_TIME 8.64e15        /* |time value| bound of TimeClip */

/* Day(t) and TimeWithinDay(t) for a finite t (exact for every integral t). */
double js_date_day(double t);
double js_date_time_within_day(double t);
/* DayFromYear(y) for an integral y. */
double js_date_day_from_year(double y);
/* DaysInYear(y) for an integral y: 365 or 366. */
int js_date_days_in_year(double y);

/* A finite time value split into its calendar fields (month 0..11,
 * mday 1..31, wday 0 = Sunday). */
typedef struct JSDateFields {
    double year;
    int month, mday, wday;
    int hour, min, sec, ms;
} JSDateFields;
void js_date_split(double t, JSDateFields *f);

/* The abstract operations, with their double semantics. NaN in, NaN out. */
double js_date_make_time(double hour, double min, double sec, double ms);
double js_date_make_day(double year, double month, double date);
double js_date_make_date(double day, double time);
double js_date_time_clip(double t);
double js_date_make_full_year(double year);   /* MakeFullYear: 0..99 -> 1900+ */

/* Parses a date string (bytes: Latin-1, other code units replaced by the
 * caller with 0x7f). Returns false if it is not a date. On success *t is
 * the time value before TimeClip (may be out of range), and *is_local
 * tells whether it is a local time the caller must convert with UTC(). */
bool js_date_parse(const char *s, size_t len, double *t, bool *is_local);

/* Formatters. t is a finite time value (already shifted to local time for
 * the local forms); offset_min is the UTC offset of the local time in
 * minutes. Each writes a NUL-terminated string to buf (at least
 * JS_DATE_BUF_SIZE bytes) and returns its length. */
#define JS_DATE_BUF_SIZE 64
enum {
    JS_DATE_FMT_STRING,         /* "Tue Feb 01 2022 00:00:00 GMT+0100" */
    JS_DATE_FMT_DATE,           /* "Tue Feb 01 2022" */
    JS_DATE_FMT_TIME,           /* "00:00:00 GMT+0100" */
    JS_DATE_FMT_UTC,            /* "Tue, 01 Feb 2022 00:00:00 GMT" (offset ignored) */
    JS_DATE_FMT_ISO,            /* "2022-02-01T00:00:00.000Z" (offset ignored) */
};
int js_date_format(char *buf, double t, int offset_min, int kind);

#endif
