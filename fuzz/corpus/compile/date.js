// The Date built-in, independent of the machine's time zone: prints only "date ok".
var nfail = 0; function eq(a, b, m) { if (a !== b && !(a !== a && b !== b)) { nfail++; print("FAIL " + m + ": got " + String(a) + " expected " + String(b)); } }
eq(Date.UTC(2022, 1, 1), 1643673600000, "UTC");
eq(Date.UTC(1970, 0, 1, 80063993375, 29, 1, -288230376151711740), 29312, "UTC rounding");
eq(Date.UTC(99), Date.UTC(1999, 0), "UTC two-digit year");
eq(Date.UTC(275760, 8, 13, 0, 0, 0, 1), NaN, "UTC clip");
eq(new Date(8.64e15).toISOString(), "+275760-09-13T00:00:00.000Z", "max ISO");
eq(new Date(-8.64e15).toISOString(), "-271821-04-20T00:00:00.000Z", "min ISO");
eq(new Date(0).toUTCString(), "Thu, 01 Jan 1970 00:00:00 GMT", "toUTCString");
eq(Date.prototype.toGMTString, Date.prototype.toUTCString, "toGMTString");
eq(Date.parse("1970-01-01"), 0, "date-only is UTC");
eq(Date.parse("1970-01-01T00:00"), new Date(1970, 0, 1).getTime(), "date-time is local");
eq(Date.parse("-000000-01-01T00:00Z"), NaN, "-000000");
eq(Date.parse("2019-01-01T24:00Z"), Date.UTC(2019, 0, 2), "24:00");
eq(Date.parse("2019-01-01T24:00:01Z"), NaN, "24:00:01");
eq(Date.parse("Thu, 01 Jan 1970 00:00:00 GMT+0100"), -3600000, "legacy offset");
eq(Date.parse("Feb 1 2022 10:00 UTC"), Date.UTC(2022, 1, 1, 10), "legacy month name");
eq(Date.parse("2022/02/01 10:00"), new Date(2022, 1, 1, 10).getTime(), "legacy slashes");
var d = new Date(2022, 1, 1, 12, 34, 56, 789);
eq(Date.parse(d.toString()), d.getTime() - 789, "toString round trip");
eq(Date.parse(d.toUTCString()), d.getTime() - 789, "toUTCString round trip");
eq(Date.parse(d.toISOString()), d.getTime(), "toISOString round trip");
eq(d.getFullYear() * 10000 + d.getMonth() * 100 + d.getDate(), 20220101, "local getters");
eq(d.getHours() + ":" + d.getMinutes() + ":" + d.getSeconds() + "." + d.getMilliseconds(), "12:34:56.789", "local time getters");
eq(new Date(-1, 0).getFullYear(), -1, "negative year");
eq(Date.parse(new Date(-1, 0).toString()), new Date(-1, 0).getTime(), "negative year round trip");
var u =