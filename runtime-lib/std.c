/* The `std` object (docs/std-os.md): FILE objects over C stdio (std.in,
 * std.out, std.err, std.open, std.fdopen, std.tmpfile) with text and
 * binary I/O, printf-style formatting, whole-file helpers (loadFile,
 * writeFile), the environment, exit, gc, evalScript and the script
 * arguments. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L    /* fdopen, fileno, setenv */
#endif
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_int.h"

extern char **environ;

/* ---- argument helpers ---- */

static QJSValue rethrow(QJSContext *ctx) { return qjs_throw(ctx, qjs_take_exception(ctx)); }

static QJSValue arg(int argc, QJSValue *argv, int i) { return i < argc ? argv[i] : qjs_undefined(); }

/* ToString of argument i as a malloc'ed C string; NULL on exception. */
static char *arg_str(QJSContext *ctx, int argc, QJSValue *argv, int i, size_t *len)
{
    return qjs_to_cstring(ctx, arg(argc, argv, i), len);
}

/* ToNumber of argument i; def when undefined. -1 on exception. */
static int arg_num(QJSContext *ctx, int argc, QJSValue *argv, int i, double def, double *out)
{
    QJSValue v = arg(argc, argv, i);
    if (qjs_is_undefined(v)) {
        *out = def;
        return 0;
    }
    return qjs_to_number(ctx, out, v);
}

static QJSValue new_str(QJSContext *ctx, const char *s, size_t len) { return qjs_new_string(ctx, s, len); }

/* ---- printf ---- */

/* Appends to a malloc'ed buffer. */
typedef struct OutBuf {
    char *p;
    size_t len, cap;
} OutBuf;

static int out_put(OutBuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 128;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        char *np = realloc(b->p, ncap);
        if (!np)
            return -1;
        b->p = np;
        b->cap = ncap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* C printf conversions over JS values: %[flags][width][.prec][l|ll]
 * d i u o x X c s f F e E g G a A %. A '*' width or precision takes an
 * argument. Returns a malloc'ed string (length in *len), NULL with an
 * exception pending. */
static char *format_printf(QJSContext *ctx, int argc, QJSValue *argv, size_t *len)
{
    size_t flen;
    char *fmt = arg_str(ctx, argc, argv, 0, &flen);
    if (!fmt)
        return NULL;
    OutBuf b = { 0 };
    int ai = 1;
    for (size_t i = 0; i < flen; i++) {
        if (fmt[i] != '%') {
            out_put(&b, fmt + i, 1);
            continue;
        }
        char spec[64];
        size_t sl = 0;
        spec[sl++] = '%';
        i++;
        while (i < flen && strchr("-+ #0", fmt[i]) && sl < 20)
            spec[sl++] = fmt[i++];
        for (int part = 0; part < 2; part++) {
            if (part == 1) {
                if (i >= flen || fmt[i] != '.')
                    break;
                spec[sl++] = fmt[i++];
            }
            if (i < flen && fmt[i] == '*') {
                double w;
                if (arg_num(ctx, argc, argv, ai++, 0, &w) < 0)
                    goto fail;
                sl += (size_t)snprintf(spec + sl, sizeof spec - sl, "%d", (int)w);
                i++;
            } else {
                while (i < flen && fmt[i] >= '0' && fmt[i] <= '9' && sl < 40)
                    spec[sl++] = fmt[i++];
            }
        }
        while (i < flen && (fmt[i] == 'l' || fmt[i] == 'h' || fmt[i] == 'z'))
            i++;
        if (i >= flen)
            break;
        char conv = fmt[i];
        char tmp[512];
        int n = 0;
        if (conv == '%') {
            out_put(&b, "%", 1);
            continue;
        }
        if (strchr("diouxXc", conv)) {
            double d;
            if (arg_num(ctx, argc, argv, ai++, 0, &d) < 0)
                goto fail;
            if (!isfinite(d))
                d = 0;
            if (conv == 'c') {
                /* a code point as UTF-8 */
                char u[5] = { 0 };
                unsigned c = (unsigned)d;
                if (c < 0x80) u[0] = (char)c;
                else if (c < 0x800) { u[0] = (char)(0xC0 | c >> 6); u[1] = (char)(0x80 | (c & 0x3F)); }
                else if (c < 0x10000) { u[0] = (char)(0xE0 | c >> 12); u[1] = (char)(0x80 | ((c >> 6) & 0x3F)); u[2] = (char)(0x80 | (c & 0x3F)); }
                else { u[0] = (char)(0xF0 | c >> 18); u[1] = (char)(0x80 | ((c >> 12) & 0x3F)); u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F)); }
                spec[sl++] = 's';
                spec[sl] = '\0';
                n = snprintf(tmp, sizeof tmp, spec, u);
            } else {
                spec[sl++] = 'l';
                spec[sl++] = 'l';
                spec[sl++] = conv;
                spec[sl] = '\0';
                if (conv == 'd' || conv == 'i')
                    n = snprintf(tmp, sizeof tmp, spec, (long long)d);
                else
                    n = snprintf(tmp, sizeof tmp, spec, (unsigned long long)(long long)d);
            }
        } else if (strchr("fFeEgGaA", conv)) {
            double d;
            if (arg_num(ctx, argc, argv, ai++, 0, &d) < 0)
                goto fail;
            spec[sl++] = conv;
            spec[sl] = '\0';
            n = snprintf(tmp, sizeof tmp, spec, d);
        } else if (conv == 's') {
            size_t slen;
            char *s = arg_str(ctx, argc, argv, ai++, &slen);
            if (!s)
                goto fail;
            spec[sl++] = 's';
            spec[sl] = '\0';
            int need = snprintf(NULL, 0, spec, s);
            char *big = need >= 0 ? malloc((size_t)need + 1) : NULL;
            if (big) {
                snprintf(big, (size_t)need + 1, spec, s);
                out_put(&b, big, (size_t)need);
                free(big);
            }
            free(s);
            continue;
        } else {
            /* unknown conversion: copied as is */
            out_put(&b, spec, sl);
            out_put(&b, &conv, 1);
            continue;
        }
        if (n > 0)
            out_put(&b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
    }
    free(fmt);
    if (!b.p)
        b.p = strdup("");
    *len = b.len;
    return b.p;
fail:
    free(fmt);
    free(b.p);
    return NULL;
}

/* ---- FILE objects ---- */

typedef struct StdFile {
    FILE *f;
    bool is_std;        /* stdin/stdout/stderr: never closed by the GC */
} StdFile;

static void file_finalize(QJSRuntime *rt, void *data)
{
    StdFile *sf = data;
    if (!sf)
        return;
    if (sf->f && !sf->is_std)
        fclose(sf->f);
    free(sf);
}

static const QJSHostClass file_class = { "FILE", file_finalize };

static QJSValue new_file(QJSContext *ctx, FILE *f, bool is_std)
{
    StdFile *sf = malloc(sizeof *sf);
    if (!sf) {
        if (!is_std)
            fclose(f);
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    }
    sf->f = f;
    sf->is_std = is_std;
    QJSValue obj = qjs_new_host_object(ctx, &file_class, js_rt_slot_get(ctx, RT_SLOT_FILE_PROTO), sf);
    if (qjs_is_exception(obj))
        file_finalize(qjs_context_runtime(ctx), sf);
    return obj;
}

/* The FILE* of this, or NULL after throwing TypeError. */
static FILE *this_file(QJSContext *ctx, QJSValue this_val)
{
    StdFile *sf = qjs_get_host_data(this_val, &file_class);
    if (!sf) {
        qjs_throw_error(ctx, "TypeError", "not a FILE object");
        return NULL;
    }
    if (!sf->f) {
        qjs_throw_error(ctx, "TypeError", "the FILE is closed");
        return NULL;
    }
    return sf->f;
}

static QJSValue file_puts(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    for (int i = 0; i < argc; i++) {
        size_t len;
        char *s = qjs_to_cstring(ctx, argv[i], &len);
        if (!s)
            return rethrow(ctx);
        fwrite(s, 1, len, f);
        free(s);
    }
    return qjs_undefined();
}

static QJSValue file_printf(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    size_t len;
    char *s = format_printf(ctx, argc, argv, &len);
    if (!s)
        return rethrow(ctx);
    fwrite(s, 1, len, f);
    free(s);
    return qjs_number((double)len);
}

/* Reads up to max bytes (or to EOF when max < 0; a line when line). */
static QJSValue read_text(QJSContext *ctx, FILE *f, double max, bool line)
{
    OutBuf b = { 0 };
    int c;
    size_t n = 0;
    while ((max < 0 || n < max) && (c = getc(f)) != EOF) {
        if (line && c == '\n')
            break;
        char ch = (char)c;
        if (out_put(&b, &ch, 1) < 0) {
            free(b.p);
            return qjs_throw_error(ctx, "InternalError", "out of memory");
        }
        n++;
    }
    if (line && n == 0 && feof(f) && !b.p)
        return qjs_null();
    QJSValue s = new_str(ctx, b.p ? b.p : "", b.len);
    free(b.p);
    return s;
}

static QJSValue file_getline(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    return read_text(ctx, f, -1, true);
}

static QJSValue file_read_as_string(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    double max;
    if (arg_num(ctx, argc, argv, 0, -1, &max) < 0)
        return rethrow(ctx);
    return read_text(ctx, f, max, false);
}

/* read(buffer, position, length) / write(buffer, position, length):
 * binary I/O on an ArrayBuffer or typed array; returns the byte count.
 * write also takes a string (written as UTF-8). magic: 0 read, 1 write. */
static QJSValue file_rw(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv, bool is_write)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    if (is_write && qjs_is_string(arg(argc, argv, 0))) {
        size_t len;
        char *s = qjs_to_cstring(ctx, argv[0], &len);
        if (!s)
            return rethrow(ctx);
        size_t n = fwrite(s, 1, len, f);
        free(s);
        return qjs_number((double)n);
    }
    double pos, len;
    size_t size;
    if (arg_num(ctx, argc, argv, 1, 0, &pos) < 0)
        return rethrow(ctx);
    uint8_t *p = qjs_get_bytes(ctx, arg(argc, argv, 0), &size);
    if (!p && qjs_has_exception(ctx))
        return rethrow(ctx);
    if (arg_num(ctx, argc, argv, 2, (double)size - pos, &len) < 0)
        return rethrow(ctx);
    /* the length argument may have run JS: fetch the bytes again */
    p = qjs_get_bytes(ctx, arg(argc, argv, 0), &size);
    if (!p && qjs_has_exception(ctx))
        return rethrow(ctx);
    if (!(pos >= 0 && len >= 0 && pos + len <= (double)size))
        return qjs_throw_error(ctx, "RangeError", "read/write out of the buffer's bounds");
    if (len == 0)
        return qjs_number(0);
    size_t n = is_write ? fwrite(p + (size_t)pos, 1, (size_t)len, f)
                        : fread(p + (size_t)pos, 1, (size_t)len, f);
    return qjs_number((double)n);
}

static QJSValue file_read(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return file_rw(ctx, this_val, argc, argv, false);
}

static QJSValue file_write(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return file_rw(ctx, this_val, argc, argv, true);
}

static QJSValue file_get_byte(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    return qjs_number(getc(f));
}

static QJSValue file_put_byte(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    double c;
    if (!f || arg_num(ctx, argc, argv, 0, 0, &c) < 0)
        return rethrow(ctx);
    return qjs_number(putc((int)c & 0xFF, f));
}

static QJSValue file_flush(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    fflush(f);
    return qjs_undefined();
}

/* close(): 0 or -errno. Closing std.in/out/err is allowed. */
static QJSValue file_close(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    StdFile *sf = qjs_get_host_data(this_val, &file_class);
    int r = fclose(f) == 0 ? 0 : -errno;
    sf->f = NULL;
    return qjs_number(r);
}

static QJSValue file_eof(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    return qjs_bool(feof(f) != 0);
}

static QJSValue file_error(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    return qjs_bool(ferror(f) != 0);
}

static QJSValue file_clearerr(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    clearerr(f);
    return qjs_undefined();
}

static QJSValue file_tell(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    return qjs_number((double)ftello(f));
}

/* seek(offset, whence): 0 or -errno. */
static QJSValue file_seek(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    double off, whence;
    if (!f || arg_num(ctx, argc, argv, 0, 0, &off) < 0 || arg_num(ctx, argc, argv, 1, SEEK_SET, &whence) < 0)
        return rethrow(ctx);
    return qjs_number(fseeko(f, (off_t)off, (int)whence) == 0 ? 0 : -errno);
}

static QJSValue file_fileno(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = this_file(ctx, this_val);
    if (!f)
        return rethrow(ctx);
    return qjs_number(fileno(f));
}

/* ---- std functions ---- */

/* Sets errorObj.errno when an error object is given (argument i). */
static void set_errno_obj(QJSContext *ctx, int argc, QJSValue *argv, int i, int err)
{
    QJSValue o = arg(argc, argv, i);
    if (qjs_is_object(o) && qjs_set_prop_str(ctx, o, "errno", qjs_number(err)) < 0)
        qjs_take_exception(ctx);
}

/* open(path, mode[, errorObj]) -> FILE or null */
static QJSValue std_open(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *path = arg_str(ctx, argc, argv, 0, NULL);
    if (!path)
        return rethrow(ctx);
    char *mode = qjs_is_undefined(arg(argc, argv, 1)) ? strdup("r") : arg_str(ctx, argc, argv, 1, NULL);
    if (!mode) {
        free(path);
        return rethrow(ctx);
    }
    if (mode[strspn(mode, "rwa+bx")] != '\0') {
        free(path);
        free(mode);
        return qjs_throw_error(ctx, "TypeError", "invalid file mode");
    }
    FILE *f = fopen(path, mode);
    int err = errno;
    free(path);
    free(mode);
    set_errno_obj(ctx, argc, argv, 2, f ? 0 : err);
    if (!f)
        return qjs_null();
    return new_file(ctx, f, false);
}

/* fdopen(fd, mode[, errorObj]) -> FILE or null */
static QJSValue std_fdopen(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double fd;
    if (arg_num(ctx, argc, argv, 0, -1, &fd) < 0)
        return rethrow(ctx);
    char *mode = qjs_is_undefined(arg(argc, argv, 1)) ? strdup("r") : arg_str(ctx, argc, argv, 1, NULL);
    if (!mode)
        return rethrow(ctx);
    FILE *f = fdopen((int)fd, mode);
    int err = errno;
    free(mode);
    set_errno_obj(ctx, argc, argv, 2, f ? 0 : err);
    if (!f)
        return qjs_null();
    return new_file(ctx, f, false);
}

static QJSValue std_tmpfile(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    FILE *f = tmpfile();
    set_errno_obj(ctx, argc, argv, 0, f ? 0 : errno);
    if (!f)
        return qjs_null();
    return new_file(ctx, f, false);
}

/* loadFile(path[, {binary: true}]) -> string (UTF-8 decoded), an
 * ArrayBuffer with binary, or null if the file cannot be read. */
static QJSValue std_load_file(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *path = arg_str(ctx, argc, argv, 0, NULL);
    if (!path)
        return rethrow(ctx);
    bool binary = false;
    QJSValue opts = arg(argc, argv, 1);
    if (qjs_is_object(opts)) {
        QJSValue b = qjs_get_prop_str(ctx, opts, "binary");
        if (qjs_is_exception(b)) {
            free(path);
            return b;
        }
        binary = qjs_is_bool(b) && qjs_get_bool(b);
    }
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f)
        return qjs_null();
    OutBuf b = { 0 };
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out_put(&b, chunk, n) < 0) {
            fclose(f);
            free(b.p);
            return qjs_throw_error(ctx, "InternalError", "out of memory");
        }
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        free(b.p);
        return qjs_null();
    }
    QJSValue r = binary ? qjs_new_array_buffer_copy(ctx, (const uint8_t *)(b.p ? b.p : ""), b.len)
                        : new_str(ctx, b.p ? b.p : "", b.len);
    free(b.p);
    return r;
}

/* writeFile(path, data): data is a string (written as UTF-8), an
 * ArrayBuffer or a typed array / DataView. Throws on failure. */
static QJSValue std_write_file(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *path = arg_str(ctx, argc, argv, 0, NULL);
    if (!path)
        return rethrow(ctx);
    QJSValue data = arg(argc, argv, 1);
    char *text = NULL;
    const uint8_t *p;
    size_t len;
    if (qjs_is_object(data)) {
        p = qjs_get_bytes(ctx, data, &len);
        if (!p && qjs_has_exception(ctx)) {
            free(path);
            return rethrow(ctx);
        }
    } else {
        text = qjs_to_cstring(ctx, data, &len);
        if (!text) {
            free(path);
            return rethrow(ctx);
        }
        p = (const uint8_t *)text;
    }
    FILE *f = fopen(path, "wb");
    bool ok = f && (len == 0 || fwrite(p, 1, len, f) == len);
    int err = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    free(text);
    if (!ok) {
        char msg[1200];
        snprintf(msg, sizeof msg, "%s: %s", strerror(err), path);
        free(path);
        return qjs_throw_error(ctx, "Error", msg);
    }
    free(path);
    return qjs_undefined();
}

static QJSValue std_puts(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    for (int i = 0; i < argc; i++) {
        size_t len;
        char *s = qjs_to_cstring(ctx, argv[i], &len);
        if (!s)
            return rethrow(ctx);
        fwrite(s, 1, len, stdout);
        free(s);
    }
    return qjs_undefined();
}

static QJSValue std_printf(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    size_t len;
    char *s = format_printf(ctx, argc, argv, &len);
    if (!s)
        return rethrow(ctx);
    fwrite(s, 1, len, stdout);
    free(s);
    return qjs_number((double)len);
}

static QJSValue std_sprintf(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    size_t len;
    char *s = format_printf(ctx, argc, argv, &len);
    if (!s)
        return rethrow(ctx);
    QJSValue r = new_str(ctx, s, len);
    free(s);
    return r;
}

static QJSValue std_getenv(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_str(ctx, argc, argv, 0, NULL);
    if (!name)
        return rethrow(ctx);
    const char *v = getenv(name);
    free(name);
    return v ? new_str(ctx, v, strlen(v)) : qjs_undefined();
}

static QJSValue std_setenv(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_str(ctx, argc, argv, 0, NULL);
    if (!name)
        return rethrow(ctx);
    char *val = arg_str(ctx, argc, argv, 1, NULL);
    if (!val) {
        free(name);
        return rethrow(ctx);
    }
    setenv(name, val, 1);
    free(name);
    free(val);
    return qjs_undefined();
}

static QJSValue std_unsetenv(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    char *name = arg_str(ctx, argc, argv, 0, NULL);
    if (!name)
        return rethrow(ctx);
    unsetenv(name);
    free(name);
    return qjs_undefined();
}

/* getenviron() -> { NAME: value, ... } */
static QJSValue std_getenviron(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    QJSValue obj = qjs_new_object(ctx);
    if (qjs_is_exception(obj))
        return obj;
    QJSRef *ref = qjs_ref_new(ctx, obj);
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        QJSValue key = new_str(ctx, *e, (size_t)(eq - *e));
        if (qjs_is_exception(key))
            goto fail;
        QJSRef *kref = qjs_ref_new(ctx, key);
        QJSValue val = new_str(ctx, eq + 1, strlen(eq + 1));
        int st = qjs_is_exception(val) ? -1 : qjs_set_prop(ctx, qjs_ref_get(ref), qjs_ref_get(kref), val);
        qjs_ref_free(kref);
        if (st < 0)
            goto fail;
    }
    obj = qjs_ref_get(ref);
    qjs_ref_free(ref);
    return obj;
fail:
    qjs_ref_free(ref);
    return rethrow(ctx);
}

/* exit(code): flushes stdio and ends the process. */
static QJSValue std_exit(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double code;
    if (arg_num(ctx, argc, argv, 0, 0, &code) < 0)
        return rethrow(ctx);
    fflush(stdout);
    fflush(stderr);
    exit((int)code);
}

static QJSValue std_gc(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    qjs_runtime_gc(qjs_context_runtime(ctx));
    return qjs_undefined();
}

/* evalScript(code) -> the completion value of code run as a global
 * script (exceptions propagate). */
static QJSValue std_eval_script(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    size_t len;
    char *code = arg_str(ctx, argc, argv, 0, &len);
    if (!code)
        return rethrow(ctx);
    QJSValue r = qjs_eval(ctx, code, len, "<evalScript>", 0);
    free(code);
    return r;
}

static QJSValue std_strerror(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    double e;
    if (arg_num(ctx, argc, argv, 0, 0, &e) < 0)
        return rethrow(ctx);
    const char *s = strerror((int)e);
    return new_str(ctx, s, strlen(s));
}

typedef struct FuncEntry {
    const char *name;
    QJSNativeFunction *fn;
    int length;
} FuncEntry;

static int define_functions(QJSContext *ctx, QJSValue obj, const FuncEntry *tab, size_t n)
{
    QJSRef *ref = qjs_ref_new(ctx, obj);
    int st = 0;
    for (size_t i = 0; st == 0 && i < n; i++)
        st = qjs_define_prop_str(ctx, qjs_ref_get(ref), tab[i].name, qjs_new_function(ctx, tab[i].fn, tab[i].name, tab[i].length));
    qjs_ref_free(ref);
    return st;
}

static const FuncEntry file_methods[] = {
    { "puts", file_puts, 1 }, { "printf", file_printf, 1 },
    { "getline", file_getline, 0 }, { "readAsString", file_read_as_string, 0 },
    { "read", file_read, 3 }, { "write", file_write, 3 },
    { "getByte", file_get_byte, 0 }, { "putByte", file_put_byte, 1 },
    { "flush", file_flush, 0 }, { "close", file_close, 0 },
    { "eof", file_eof, 0 }, { "error", file_error, 0 }, { "clearerr", file_clearerr, 0 },
    { "tell", file_tell, 0 }, { "seek", file_seek, 2 }, { "fileno", file_fileno, 0 },
};

static const FuncEntry std_functions[] = {
    { "open", std_open, 2 }, { "fdopen", std_fdopen, 2 }, { "tmpfile", std_tmpfile, 0 },
    { "loadFile", std_load_file, 1 }, { "writeFile", std_write_file, 2 },
    { "puts", std_puts, 1 }, { "printf", std_printf, 1 }, { "sprintf", std_sprintf, 1 },
    { "getenv", std_getenv, 1 }, { "setenv", std_setenv, 2 }, { "unsetenv", std_unsetenv, 1 },
    { "getenviron", std_getenviron, 0 }, { "exit", std_exit, 1 }, { "gc", std_gc, 0 },
    { "evalScript", std_eval_script, 1 }, { "strerror", std_strerror, 1 },
};

/* An array of the strings argv[0..argc). */
static QJSValue new_args(QJSContext *ctx, int argc, char **argv)
{
    QJSValue args = qjs_new_array(ctx);
    if (qjs_is_exception(args))
        return args;
    QJSRef *ref = qjs_ref_new(ctx, args);
    for (int i = 0; i < argc; i++) {
        if (qjs_set_index(ctx, qjs_ref_get(ref), (uint32_t)i, new_str(ctx, argv[i], strlen(argv[i]))) < 0) {
            qjs_ref_free(ref);
            return rethrow(ctx);
        }
    }
    args = qjs_ref_get(ref);
    qjs_ref_free(ref);
    return args;
}

/* A std object whose std.args is args (an array). Reached through
 * js_rt_std_os (std_os_table.c) only. */
QJSValue js_rt_new_std_with_args(QJSContext *ctx, QJSValue args)
{
    QJSRef *aref = qjs_ref_new(ctx, args);
    /* the FILE prototype, kept per context */
    if (qjs_is_undefined(js_rt_slot_get(ctx, RT_SLOT_FILE_PROTO))) {
        QJSValue proto = qjs_new_object(ctx);
        if (qjs_is_exception(proto)) {
            qjs_ref_free(aref);
            return proto;
        }
        if (js_rt_slot_set(ctx, RT_SLOT_FILE_PROTO, proto) < 0) {
            qjs_ref_free(aref);
            return qjs_throw_error(ctx, "InternalError", "out of memory");
        }
        if (define_functions(ctx, proto, file_methods, sizeof file_methods / sizeof file_methods[0]) < 0) {
            qjs_ref_free(aref);
            return rethrow(ctx);
        }
    }
    QJSValue std = qjs_new_object(ctx);
    if (qjs_is_exception(std)) {
        qjs_ref_free(aref);
        return std;
    }
    QJSRef *ref = qjs_ref_new(ctx, std);
    if (define_functions(ctx, std, std_functions, sizeof std_functions / sizeof std_functions[0]) < 0)
        goto fail;
    static const struct { const char *name; int value; } consts[] = {
        { "SEEK_SET", SEEK_SET }, { "SEEK_CUR", SEEK_CUR }, { "SEEK_END", SEEK_END },
        { "EOF", EOF },
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (qjs_define_prop_str(ctx, qjs_ref_get(ref), consts[i].name, qjs_number(consts[i].value)) < 0)
            goto fail;
    static const char *const names[3] = { "in", "out", "err" };
    FILE *files[3] = { stdin, stdout, stderr };
    for (int i = 0; i < 3; i++)
        if (qjs_define_prop_str(ctx, qjs_ref_get(ref), names[i], new_file(ctx, files[i], true)) < 0)
            goto fail;
    if (qjs_define_prop_str(ctx, qjs_ref_get(ref), "args", qjs_ref_get(aref)) < 0)
        goto fail;
    std = qjs_ref_get(ref);
    qjs_ref_free(ref);
    qjs_ref_free(aref);
    return std;
fail:
    qjs_ref_free(ref);
    qjs_ref_free(aref);
    return rethrow(ctx);
}

QJSValue qjs_runtime_new_std(QJSContext *ctx, int argc, char **argv)
{
    QJSValue args = new_args(ctx, argc, argv);
    if (qjs_is_exception(args))
        return args;
    return js_rt_new_std_with_args(ctx, args);
}

/* The error of a use of std or os (the global, the module, require)
 * in a program built without them. */
static QJSValue std_os_left_out(QJSContext *ctx, const char *name)
{
    char msg[200];
    snprintf(msg, sizeof msg, "%s is not in this program: qjsc --builtins auto left the std and os "
             "modules out, as no compiled file imports or names them (build with --builtins all)", name);
    return qjs_throw_error(ctx, "ReferenceError", msg);
}

static QJSValue std_left_out(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return std_os_left_out(ctx, "std");
}

static QJSValue os_left_out(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return std_os_left_out(ctx, "os");
}

/* The object in slot (RT_SLOT_STD or RT_SLOT_OS), made and kept there
 * if it is not yet; std.args is then what qjs_runtime_add_std_os was
 * given (RT_SLOT_STD_ARGS), or empty. */
static QJSValue std_os_object(QJSContext *ctx, int slot)
{
    QJSValue v = js_rt_slot_get(ctx, slot);
    if (!qjs_is_undefined(v))
        return v;
    if (!js_rt_std_os)
        return std_os_left_out(ctx, slot == RT_SLOT_OS ? "os" : "std");
    if (slot == RT_SLOT_OS) {
        v = js_rt_std_os->new_os(ctx);
    } else {
        QJSValue args = js_rt_slot_get(ctx, RT_SLOT_STD_ARGS);
        if (qjs_is_undefined(args)) {
            args = qjs_new_array(ctx);
            if (qjs_is_exception(args))
                return args;
        }
        v = js_rt_std_os->new_std(ctx, args);
    }
    if (qjs_is_exception(v))
        return v;
    if (js_rt_slot_set(ctx, slot, v) < 0)
        return qjs_throw_error(ctx, "InternalError", "out of memory");
    return v;
}

QJSValue js_rt_std_object(QJSContext *ctx)
{
    return std_os_object(ctx, RT_SLOT_STD);
}

QJSValue js_rt_os_object(QJSContext *ctx)
{
    return std_os_object(ctx, RT_SLOT_OS);
}

/* The globals std and os; the same objects back the modules "std" and
 * "os" (modules.c). Both are made on first use (qjs_define_lazy_global):
 * most programs never touch them. */
int qjs_runtime_add_std_os(QJSContext *ctx, int argc, char **argv)
{
    QJSValue args = new_args(ctx, argc, argv);
    if (qjs_is_exception(args))
        return -1;
    if (js_rt_slot_set(ctx, RT_SLOT_STD_ARGS, args) < 0) {
        qjs_throw_error(ctx, "InternalError", "out of memory");
        return -1;
    }
    if (!js_rt_std_os) {
        /* left out (qjsc --builtins auto): getters that say so, as for
         * the Web globals (web.c) */
        QJSValue g = qjs_new_function(ctx, std_left_out, "std", 0);
        if (qjs_is_exception(g) || qjs_define_accessor_str(ctx, qjs_get_global(ctx), "std", g, qjs_undefined(), false) < 0)
            return -1;
        g = qjs_new_function(ctx, os_left_out, "os", 0);
        if (qjs_is_exception(g) || qjs_define_accessor_str(ctx, qjs_get_global(ctx), "os", g, qjs_undefined(), false) < 0)
            return -1;
        return 0;
    }
    int flags = QJS_PROP_WRITABLE | QJS_PROP_CONFIGURABLE;
    if (qjs_define_lazy_global(ctx, "std", js_rt_std_object, flags) < 0 ||
        qjs_define_lazy_global(ctx, "os", js_rt_os_object, flags) < 0)
        return -1;
    return 0;
}
