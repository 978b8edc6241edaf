/* The interactive read-eval-print loop (qjs_runtime_repl): a line editor
 * on a terminal in raw mode (termios; cursor keys, history kept in a
 * file, Ctrl-C cancels the line, Ctrl-D leaves), multi-line input while
 * a statement is unfinished, results printed with the console formatter,
 * top-level await. Input is read through the event loop, so timers and
 * I/O handlers keep running while the prompt waits. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rt_int.h"

#define HISTORY_MAX 1000

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

static bool buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t ncap = b->cap ? b->cap * 2 : 128;
    while (ncap < b->len + extra + 1)
        ncap *= 2;
    char *n = realloc(b->p, ncap);
    if (!n)
        return false;
    b->p = n;
    b->cap = ncap;
    return true;
}

static bool buf_insert(Buf *b, size_t at, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return false;
    memmove(b->p + at + n, b->p + at, b->len - at);
    memcpy(b->p + at, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

static bool buf_add(Buf *b, const char *s, size_t n) { return buf_insert(b, b->len, s, n); }

static void buf_erase(Buf *b, size_t at, size_t n)
{
    memmove(b->p + at, b->p + at + n, b->len - at - n);
    b->len -= n;
    if (b->p)
        b->p[b->len] = '\0';
}

enum { KEY_NORMAL, KEY_ESC, KEY_CSI, KEY_SS3 };

typedef struct Repl {
    QJSContext *ctx;
    struct termios cooked;
    bool raw;
    Buf line;               /* the line being edited */
    size_t cursor;          /* byte offset in line */
    Buf source;             /* the lines of an unfinished statement */
    bool ready;             /* source holds a statement to evaluate */
    bool typed;             /* the last loop turn read keys */
    bool quit;
    int key_state;
    char csi[16];
    size_t csi_len;
    char **history;
    size_t hist_len, hist_pos;
    char *hist_saved;       /* the edited line while browsing history */
    char *hist_file;
} Repl;

/* ---- terminal ---- */

static void out(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void outs(const char *s) { out(s, strlen(s)); }

static void set_raw(Repl *r, bool raw)
{
    if (raw == r->raw)
        return;
    if (raw) {
        struct termios t = r->cooked;
        t.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
        t.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        tcsetattr(STDIN_FILENO, TCSADRAIN, &t);
    } else {
        tcsetattr(STDIN_FILENO, TCSADRAIN, &r->cooked);
    }
    r->raw = raw;
}

static const char *prompt(Repl *r) { return r->source.len ? "... " : "> "; }

/* Redraws the prompt and the line, and puts the cursor in place. Each
 * code point counts as one column. */
static void refresh(Repl *r)
{
    fflush(stdout);
    char tail[32];
    size_t col = strlen(prompt(r));
    for (size_t i = 0; i < r->cursor; i++)
        col += ((unsigned char)r->line.p[i] & 0xC0) != 0x80;
    outs("\r");
    outs(prompt(r));
    out(r->line.p ? r->line.p : "", r->line.len);
    outs("\x1b[K\r");
    if (col > 0) {
        snprintf(tail, sizeof tail, "\x1b[%zuC", col);
        outs(tail);
    }
}

/* ---- history ---- */

static void history_add(Repl *r, const char *line, bool save)
{
    if (!line[0] || (r->hist_len && !strcmp(r->history[r->hist_len - 1], line)))
        return;
    char *copy = strdup(line);
    if (!copy)
        return;
    if (r->hist_len == HISTORY_MAX) {
        free(r->history[0]);
        memmove(r->history, r->history + 1, (HISTORY_MAX - 1) * sizeof *r->history);
        r->hist_len--;
    }
    r->history[r->hist_len++] = copy;
    if (save && r->hist_file) {
        FILE *f = fopen(r->hist_file, "a");
        if (f) {
            fprintf(f, "%s\n", line);
            fclose(f);
        }
    }
}

static void history_load(Repl *r)
{
    FILE *f = r->hist_file ? fopen(r->hist_file, "r") : NULL;
    if (!f)
        return;
    char *l = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&l, &cap, f)) >= 0) {
        while (n > 0 && (l[n - 1] == '\n' || l[n - 1] == '\r'))
            l[--n] = '\0';
        history_add(r, l, false);
    }
    free(l);
    fclose(f);
}

/* Shows history entry pos (hist_len: the line being edited). */
static void history_go(Repl *r, size_t pos)
{
    if (pos > r->hist_len || pos == r->hist_pos)
        return;
    if (r->hist_pos == r->hist_len) {
        free(r->hist_saved);
        r->hist_saved = strdup(r->line.p ? r->line.p : "");
    }
    const char *s = pos == r->hist_len ? (r->hist_saved ? r->hist_saved : "") : r->history[pos];
    r->line.len = 0;
    buf_add(&r->line, s, strlen(s));
    r->cursor = r->line.len;
    r->hist_pos = pos;
    refresh(r);
}

/* ---- editing ---- */

static size_t prev_char(Repl *r, size_t i)
{
    while (i > 0 && ((unsigned char)r->line.p[--i] & 0xC0) == 0x80)
        ;
    return i;
}

static size_t next_char(Repl *r, size_t i)
{
    if (i < r->line.len)
        i++;
    while (i < r->line.len && ((unsigned char)r->line.p[i] & 0xC0) == 0x80)
        i++;
    return i;
}

static void reset_line(Repl *r)
{
    r->line.len = 0;
    if (r->line.p)
        r->line.p[0] = '\0';
    r->cursor = 0;
    r->hist_pos = r->hist_len;
}

static bool is_complete(QJSContext *ctx, const char *src, size_t len);

/* Enter: the line joins the statement; complete statements are handed
 * to the main loop of the REPL (r->ready). */
static void enter(Repl *r)
{
    r->cursor = r->line.len;
    refresh(r);
    outs("\r\n");
    const char *l = r->line.p ? r->line.p : "";
    history_add(r, l, true);
    if (!r->source.len && !strcmp(l, ".exit")) {
        r->quit = true;
        return;
    }
    buf_add(&r->source, l, strlen(l));
    buf_add(&r->source, "\n", 1);
    reset_line(r);
    size_t i = 0;
    while (i < r->source.len && strchr(" \t\n", r->source.p[i]))
        i++;
    if (i == r->source.len) {           /* an empty line */
        r->source.len = 0;
        refresh(r);
        return;
    }
    if (is_complete(r->ctx, r->source.p, r->source.len))
        r->ready = true;
    else
        refresh(r);
}

static void on_key(Repl *r, unsigned char c)
{
    switch (c) {
    case '\r': case '\n':
        enter(r);
        return;
    case 3:     /* Ctrl-C: cancel the line and the unfinished statement */
        outs("^C\r\n");
        reset_line(r);
        r->source.len = 0;
        break;
    case 4:     /* Ctrl-D: leave on an empty line, else delete */
        if (r->line.len == 0) {
            outs("\r\n");
            r->quit = true;
            return;
        }
        buf_erase(&r->line, r->cursor, next_char(r, r->cursor) - r->cursor);
        break;
    case 127: case 8: {
        size_t p = prev_char(r, r->cursor);
        buf_erase(&r->line, p, r->cursor - p);
        r->cursor = p;
        break;
    }
    case 1: r->cursor = 0; break;                       /* Ctrl-A */
    case 5: r->cursor = r->line.len; break;             /* Ctrl-E */
    case 2: r->cursor = prev_char(r, r->cursor); break; /* Ctrl-B */
    case 6: r->cursor = next_char(r, r->cursor); break; /* Ctrl-F */
    case 16: history_go(r, r->hist_pos - (r->hist_pos > 0)); return;  /* Ctrl-P */
    case 14: history_go(r, r->hist_pos + 1); return;    /* Ctrl-N */
    case 11: buf_erase(&r->line, r->cursor, r->line.len - r->cursor); break;   /* Ctrl-K */
    case 21: buf_erase(&r->line, 0, r->cursor); r->cursor = 0; break;        /* Ctrl-U */
    case 23: {  /* Ctrl-W: the word before the cursor */
        size_t p = r->cursor;
        while (p > 0 && r->line.p[p - 1] == ' ')
            p--;
        while (p > 0 && r->line.p[p - 1] != ' ')
            p--;
        buf_erase(&r->line, p, r->cursor - p);
        r->cursor = p;
        break;
    }
    case 12: outs("\x1b[H\x1b[2J"); break;              /* Ctrl-L */
    case 27: r->key_state = KEY_ESC; return;
    default:
        if (c < 32)
            return;     /* other control keys (Tab included) do nothing */
        {
            char ch = (char)c;
            if (buf_insert(&r->line, r->cursor, &ch, 1))
                r->cursor++;
        }
        /* redraw once a whole UTF-8 sequence is in */
        if (c >= 0x80 && (r->cursor >= r->line.len || ((unsigned char)r->line.p[r->cursor] & 0xC0) == 0x80))
            return;
        break;
    }
    refresh(r);
}

/* The final byte of an escape sequence (CSI params in r->csi). */
static void on_escape(Repl *r, char final)
{
    int param = atoi(r->csi);
    switch (final) {
    case 'A': history_go(r, r->hist_pos - (r->hist_pos > 0)); return;
    case 'B': history_go(r, r->hist_pos + 1); return;
    case 'C': r->cursor = next_char(r, r->cursor); break;
    case 'D': r->cursor = prev_char(r, r->cursor); break;
    case 'H': r->cursor = 0; break;
    case 'F': r->cursor = r->line.len; break;
    case '~':
        if (param == 1 || param == 7)
            r->cursor = 0;
        else if (param == 4 || param == 8)
            r->cursor = r->line.len;
        else if (param == 3)
            buf_erase(&r->line, r->cursor, next_char(r, r->cursor) - r->cursor);
        break;
    default:
        return;
    }
    refresh(r);
}

static void feed(Repl *r, unsigned char c)
{
    switch (r->key_state) {
    case KEY_ESC:
        r->csi_len = 0;
        r->csi[0] = '\0';
        r->key_state = c == '[' ? KEY_CSI : c == 'O' ? KEY_SS3 : KEY_NORMAL;
        return;
    case KEY_CSI:
        if (c >= 0x40 && c <= 0x7e) {
            r->key_state = KEY_NORMAL;
            on_escape(r, (char)c);
        } else if (r->csi_len + 1 < sizeof r->csi) {
            r->csi[r->csi_len++] = (char)c;
            r->csi[r->csi_len] = '\0';
        }
        return;
    case KEY_SS3:
        r->key_state = KEY_NORMAL;
        on_escape(r, (char)c);
        return;
    default:
        on_key(r, c);
    }
}

/* The loop's watcher of standard input: the keys typed since. Stops at
 * a complete statement, which the REPL's main loop evaluates. */
static void on_input(QJSContext *ctx, int fd, int dir, void *opaque)
{
    Repl *r = opaque;
    r->typed = true;
    unsigned char buf[256];
    ssize_t n = (dir & QJS_LOOP_CLOSED) ? 0 : read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        r->quit = true;
        qjs_loop_watch_fd(ctx, fd, QJS_LOOP_READ, NULL, NULL);
        return;
    }
    for (ssize_t i = 0; i < n && !r->ready && !r->quit; i++)
        feed(r, buf[i]);
    if (r->ready || r->quit)
        qjs_loop_watch_fd(ctx, fd, QJS_LOOP_READ, NULL, NULL);
}

/* ---- evaluation ---- */

/* The message of a SyntaxError exc, or NULL. Malloc'ed. */
static char *syntax_error_message(QJSContext *ctx, QJSValue exc)
{
    if (!qjs_is_object(exc))
        return NULL;
    QJSRef *keep = qjs_ref_new(ctx, exc);
    char *msg = NULL;
    QJSValue name = qjs_get_prop_str(ctx, exc, "name");
    char *n = qjs_is_string(name) ? qjs_to_cstring(ctx, name, NULL) : NULL;
    if (n && !strcmp(n, "SyntaxError")) {
        QJSValue m = qjs_get_prop_str(ctx, qjs_ref_get(keep), "message");
        msg = qjs_is_string(m) ? qjs_to_cstring(ctx, m, NULL) : NULL;
    }
    qjs_free_cstring(n);
    if (qjs_has_exception(ctx))
        qjs_take_exception(ctx);
    qjs_ref_free(keep);
    return msg;
}

static bool is_incomplete_message(const char *m)
{
    return m && (strstr(m, "unexpected end of input") || strstr(m, "unterminated template") ||
                 strstr(m, "unterminated comment"));
}

/* 1 if src compiles as a script, 0 if it is unfinished, -1 for another
 * error (left pending). */
static int try_compile(QJSContext *ctx, const char *src, size_t len)
{
    QJSValue unit = qjs_compile(ctx, src, len, "<repl>", 0);
    if (!qjs_is_exception(unit))
        return 1;
    QJSValue exc = qjs_take_exception(ctx);
    QJSRef *keep = qjs_ref_new(ctx, exc);
    char *m = syntax_error_message(ctx, exc);
    bool incomplete = is_incomplete_message(m);
    free(m);
    qjs_throw(ctx, qjs_ref_get(keep));
    qjs_ref_free(keep);
    if (incomplete) {
        qjs_take_exception(ctx);
        return 0;
    }
    return -1;
}

static bool ident_char(char c)
{
    return c == '_' || c == '$' || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9') ||
           (unsigned char)c >= 0x80;
}

/* Whether src has the word "await" (a cheap test before trying the
 * async wrappers). */
static bool mentions_await(const char *src)
{
    for (const char *p = strstr(src, "await"); p; p = strstr(p + 1, "await"))
        if ((p == src || !ident_char(p[-1])) && !ident_char(p[5]))
            return true;
    return false;
}

static char *async_expression(const char *src);
static char *async_statements(const char *src);

/* Whether src (a statement with its newline) is finished: it compiles,
 * or it fails with an error other than reaching the end too early (the
 * error is shown when it is evaluated). With top-level await, the
 * wrapped forms are asked too. */
static bool is_complete(QJSContext *ctx, const char *src, size_t len)
{
    int r = try_compile(ctx, src, len);
    if (r >= 0)
        return r > 0;
    qjs_take_exception(ctx);
    if (!mentions_await(src))
        return true;
    char *wrapped = async_statements(src);
    if (!wrapped)
        return true;
    r = try_compile(ctx, wrapped, strlen(wrapped));
    free(wrapped);
    if (r < 0)
        qjs_take_exception(ctx);
    return r != 0;
}

/* src (without its trailing spaces and semicolons) as the body of an
 * async arrow function returning its value: "(async () => (\nSRC\n))()".
 * Malloc'ed. */
static char *async_expression(const char *src)
{
    size_t len = strlen(src);
    while (len > 0 && strchr(" \t\r\n;", src[len - 1]))
        len--;
    size_t n = len + 32;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "(async () => (\n%.*s\n))()", (int)len, src);
    return s;
}

static bool word_at(const char *s, size_t i, const char *w)
{
    size_t n = strlen(w);
    return !strncmp(s + i, w, n) && !ident_char(s[i + n]) && (i == 0 || !ident_char(s[i - 1]));
}

/* src as the body of an async arrow function, its top-level
 * declarations turned into assignments so that they outlive the call
 * (the function is sloppy, so an assignment to an undeclared name makes
 * a global): "let a = 1, b" becomes "a = 1, b", "const {x} = o" becomes
 * "({x} = o)", "function f() {}" and "class C {}" become
 * "f = function f() {};". A light scan: strings, templates and comments
 * are skipped, nesting is counted. Malloc'ed, or NULL. */
static char *async_statements(const char *src)
{
    Buf b = { 0 };
    buf_add(&b, "(async () => {\n", 15);
    size_t depth = 0, i = 0, len = strlen(src);
    bool stmt_start = true;
    int close_paren_at_end = 0;     /* ")" owed at the end of a destructuring */
    size_t semi_at_depth = (size_t)-1;  /* ";" owed after a rewritten function body */
    while (i < len) {
        char c = src[i];
        if (c == '/' && src[i + 1] == '/') {
            while (i < len && src[i] != '\n')
                buf_add(&b, &src[i++], 1);
            continue;
        }
        if (c == '/' && src[i + 1] == '*') {
            const char *e = strstr(src + i + 2, "*/");
            size_t n = e ? (size_t)(e - (src + i)) + 2 : len - i;
            buf_add(&b, src + i, n);
            i += n;
            continue;
        }
        if (c == '"' || c == '\'' || c == '`') {
            size_t j = i + 1;
            while (j < len && src[j] != c)
                j += src[j] == '\\' ? 2 : 1;
            j = j < len ? j + 1 : len;
            buf_add(&b, src + i, j - i);
            i = j;
            stmt_start = false;
            continue;
        }
        if (depth == 0 && stmt_start) {
            const char *kw = word_at(src, i, "const") ? "const" : word_at(src, i, "let") ? "let"
                           : word_at(src, i, "var") ? "var" : NULL;
            if (kw) {
                size_t j = i + strlen(kw);
                while (src[j] == ' ' || src[j] == '\t')
                    j++;
                if (src[j] == '{' || src[j] == '[') {
                    buf_add(&b, "(", 1);
                    close_paren_at_end++;
                }
                i = j;
                stmt_start = false;
                continue;
            }
            size_t j = i;
            if (word_at(src, j, "async")) {
                j += 5;
                while (src[j] == ' ')
                    j++;
            }
            bool fn = word_at(src, j, "function"), cls = j == i && word_at(src, j, "class");
            if (fn || cls) {
                size_t k = j + (fn ? 8 : 5);
                while (src[k] == ' ' || src[k] == '*')
                    k++;
                size_t name = k;
                while (ident_char(src[k]))
                    k++;
                if (k > name) {
                    buf_add(&b, src + name, k - name);
                    buf_add(&b, " = ", 3);
                    semi_at_depth = 0;
                }
            }
        }
        if (c == '(' || c == '[' || c == '{')
            depth++;
        else if ((c == ')' || c == ']' || c == '}') && depth > 0)
            depth--;
        buf_add(&b, &c, 1);
        i++;
        if (c == '}' && depth == 0 && semi_at_depth == 0) {
            buf_add(&b, ";", 1);
            semi_at_depth = (size_t)-1;
            stmt_start = true;
            continue;
        }
        if (depth == 0 && c == ';' && close_paren_at_end) {
            /* the ")" goes before the ";" */
            b.len--;
            buf_add(&b, ");", 2);
            close_paren_at_end--;
        }
        if (c == ';' || c == '\n' || (c == '}' && depth == 0))
            stmt_start = true;
        else if (c != ' ' && c != '\t')
            stmt_start = false;
    }
    while (b.len > 0 && (b.p[b.len - 1] == '\n' || b.p[b.len - 1] == ' '))
        b.len--;
    while (close_paren_at_end-- > 0)
        buf_add(&b, ")", 1);
    buf_add(&b, "\n})()", 5);
    return b.p;
}

static void print_exception(QJSContext *ctx, QJSValue exc)
{
    QJSRef *keep = qjs_ref_new(ctx, exc);
    char *msg = qjs_format_exception(ctx, exc);
    size_t n = msg ? strlen(msg) : 0;
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    fflush(stdout);
    fprintf(stderr, "Uncaught %s\n", msg ? msg : "exception");
    fflush(stderr);
    free(msg);
    qjs_ref_free(keep);
}

static void print_value(QJSContext *ctx, QJSValue v)
{
    char *s = qjs_inspect(ctx, v);
    if (!s) {
        print_exception(ctx, qjs_take_exception(ctx));
        return;
    }
    printf("%s\n", s);
    fflush(stdout);
    free(s);
}

static QJSValue ignore_rejection(QJSContext *ctx, QJSValue this_val, int argc, QJSValue *argv)
{
    return qjs_undefined();
}

/* Waits (running the loop) for the promise of an async wrapper, then
 * prints its value (print_result) or its rejection. */
static void await_and_print(QJSContext *ctx, QJSValue promise, bool print_result)
{
    QJSRef *p = qjs_ref_new(ctx, promise);
    /* a handler, so the rejection is ours to print and not "unhandled" */
    QJSValue fn = qjs_new_function(ctx, ignore_rejection, "", 1);
    QJSRef *fn_ref = qjs_is_exception(fn) ? NULL : qjs_ref_new(ctx, fn);
    QJSValue catch_fn = fn_ref ? qjs_get_prop_str(ctx, qjs_ref_get(p), "catch") : qjs_undefined();
    if (fn_ref && !qjs_is_exception(catch_fn) && qjs_is_function(catch_fn)) {
        QJSValue arg = qjs_ref_get(fn_ref);
        QJSValue r = qjs_call(ctx, catch_fn, qjs_ref_get(p), 1, &arg);
        if (qjs_is_exception(r))
            qjs_take_exception(ctx);
    } else if (qjs_has_exception(ctx)) {
        qjs_take_exception(ctx);
    }
    qjs_ref_free(fn_ref);
    QJSValue result;
    int state;
    while ((state = qjs_get_promise_state(qjs_ref_get(p), &result)) == 0)
        if (qjs_loop_run_once(ctx, -1) == 0 && qjs_get_promise_state(qjs_ref_get(p), NULL) == 0) {
            fputs("the awaited promise never settled (nothing left to run)\n", stderr);
            break;
        }
    if (state == 1 && print_result)
        print_value(ctx, result);
    else if (state == 1)
        print_value(ctx, qjs_undefined());
    else if (state == 2)
        print_exception(ctx, result);
    qjs_ref_free(p);
}

static void evaluate(Repl *r)
{
    QJSContext *ctx = r->ctx;
    const char *src = r->source.p;
    QJSValue unit = qjs_compile(ctx, src, r->source.len, "<repl>", 0);
    if (qjs_is_exception(unit)) {
        QJSValue exc = qjs_take_exception(ctx);
        QJSRef *keep = qjs_ref_new(ctx, exc);
        char *wrapped = NULL;
        bool expression = false;
        if (mentions_await(src)) {
            /* top-level await: an expression, else statements */
            wrapped = async_expression(src);
            expression = wrapped && try_compile(ctx, wrapped, strlen(wrapped)) > 0;
            if (!expression) {
                if (qjs_has_exception(ctx))
                    qjs_take_exception(ctx);
                free(wrapped);
                wrapped = async_statements(src);
                if (wrapped && try_compile(ctx, wrapped, strlen(wrapped)) <= 0) {
                    if (qjs_has_exception(ctx))
                        qjs_take_exception(ctx);
                    free(wrapped);
                    wrapped = NULL;
                }
            }
        }
        if (!wrapped) {
            print_exception(ctx, qjs_ref_get(keep));
        } else {
            QJSValue v = qjs_eval(ctx, wrapped, strlen(wrapped), "<repl>", 0);
            if (qjs_is_exception(v))
                print_exception(ctx, qjs_take_exception(ctx));
            else
                await_and_print(ctx, v, expression);
        }
        free(wrapped);
        qjs_ref_free(keep);
    } else {
        QJSValue v = qjs_eval_compiled(ctx, unit);
        if (qjs_is_exception(v))
            print_exception(ctx, qjs_take_exception(ctx));
        else
            print_value(ctx, v);
    }
    qjs_loop_checkpoint(ctx);
}

/* ---- the session ---- */

int qjs_runtime_repl(QJSContext *ctx, const char *history_file)
{
    if (qjs_loop_init(ctx) < 0)
        return 1;
    Repl *r = calloc(1, sizeof *r);
    if (!r)
        return 1;
    r->ctx = ctx;
    r->history = calloc(HISTORY_MAX, sizeof *r->history);
    if (history_file) {
        r->hist_file = strdup(history_file);
    } else if (getenv("HOME")) {
        const char *home = getenv("HOME");
        size_t n = strlen(home) + 16;
        r->hist_file = malloc(n);
        if (r->hist_file)
            snprintf(r->hist_file, n, "%s/.qjs_history", home);
    }
    if (!r->history || tcgetattr(STDIN_FILENO, &r->cooked) < 0) {
        free(r->history);
        free(r->hist_file);
        free(r);
        fputs("qjs: the REPL needs a terminal on standard input\n", stderr);
        return 1;
    }
    history_load(r);
    r->hist_pos = r->hist_len;
    printf("qjs %s - type .exit or Ctrl-D to leave\n", QJS_VERSION_STRING);
    fflush(stdout);
    while (!r->quit) {
        set_raw(r, true);
        refresh(r);
        if (qjs_loop_watch_fd(ctx, STDIN_FILENO, QJS_LOOP_READ, on_input, r) < 0)
            break;
        while (!r->ready && !r->quit) {
            r->typed = false;
            qjs_loop_run_once(ctx, -1);
            /* a timer or handler may have printed: show the prompt again */
            if (!r->typed && !r->quit)
                refresh(r);
        }
        set_raw(r, false);
        if (r->ready) {
            evaluate(r);
            r->source.len = 0;
            r->ready = false;
        }
    }
    qjs_loop_watch_fd(ctx, STDIN_FILENO, QJS_LOOP_READ, NULL, NULL);
    set_raw(r, false);
    for (size_t i = 0; i < r->hist_len; i++)
        free(r->history[i]);
    free(r->history);
    free(r->hist_saved);
    free(r->hist_file);
    free(r->line.p);
    free(r->source.p);
    free(r);
    return 0;
}
