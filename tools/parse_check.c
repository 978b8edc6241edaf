#define _POSIX_C_SOURCE 200809L
/* parse_check: runs the front end (parser.h) over test262 and reports
 * negative parse tests that parsed (missed early errors) and positive tests
 * that failed to parse (wrong errors). Usage:
 *   parse_check [-v] [test262-root] [subdir...]
 * Default root /work/shared/test262, default subdirs test/language,
 * test/built-ins, test/annexB. Exit status 0 iff both counts are zero. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../engine/src/compiler/parser.h"
#include "../engine/src/regexp/regexp.h"

static int n_files, n_parses, n_missed, n_wrong, n_skipped;
static bool verbose;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 64);
    if (!buf) {
        fclose(f);
        return NULL;
    }
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = 0;
    *len = got;
    return buf;
}

/* Does the front matter's list `key: [a, b]` (or a YAML block list)
 * contain word? */
static bool meta_list_has(const char *meta, const char *key, const char *word)
{
    const char *k = strstr(meta, key);
    if (!k)
        return false;
    const char *p = k + strlen(key);
    const char *end;
    if (*p == ' ')
        p++;
    if (*p == '[') {
        end = strchr(p, ']');
    } else {
        /* block list: lines starting with '  - ' until a non-indented line */
        end = p;
        for (;;) {
            const char *nl = strchr(end, '\n');
            if (!nl)
                break;
            const char *q = nl + 1;
            if (*q != ' ' && *q != '-' && *q != '\t') {
                end = nl;
                break;
            }
            end = q;
        }
    }
    if (!end)
        return false;
    size_t wl = strlen(word);
    for (const char *q = p; q < end; q++) {
        if (!strncmp(q, word, wl)) {
            char before = q == p ? ' ' : q[-1];
            char after = q[wl];
            bool b = before == ' ' || before == '[' || before == ',' ||
                     before == '\t';
            bool a = after == ' ' || after == ']' || after == ',' ||
                     after == '\n' || after == '\r' || after == 0;
            if (b && a)
                return true;
        }
    }
    return false;
}

/* ParseOptions.regexp_check hook backed by the RegExp compiler. */
static const char *check_regexp(void *opaque, const uint16_t *pattern,
                                size_t len, const char *flags, size_t nflags)
{
    static char msg[200];
    uint16_t f16[16];
    uint32_t bits;
    (void)opaque;
    if (nflags > 16)
        return "invalid regular expression flags";
    for (size_t i = 0; i < nflags; i++)
        f16[i] = (uint8_t)flags[i];
    if (js_re_parse_flags(f16, nflags, &bits) < 0)
        return "invalid regular expression flags";
    uint8_t *blob = NULL;
    size_t blen;
    int r = js_re_compile(pattern, len, bits, &blob, &blen, msg, sizeof msg);
    free(blob);
    return r == RE_ERR_SYNTAX ? msg : NULL;
}

static void check_one(const char *path, const char *src, size_t len,
                      bool module, bool strict, bool expect_error)
{
    Arena a;
    js_arena_init(&a);
    ParseOptions o;
    memset(&o, 0, sizeof o);
    o.filename = path;
    o.kind = module ? PARSE_MODULE : PARSE_SCRIPT;
    o.regexp_check = check_regexp;
    ParseError err;
    const char *text = src;
    size_t tlen = len;
    char *tmp = NULL;
    if (strict && !module) {
        static const char us[] = "\"use strict\";\n";
        tmp = malloc(len + sizeof us);
        memcpy(tmp, us, sizeof us - 1);
        memcpy(tmp + sizeof us - 1, src, len);
        text = tmp;
        tlen = len + sizeof us - 1;
    }
    AstProgram *prog = js_parse_program(&a, text, tlen, &o, &err);
    n_parses++;
    const char *mode = module ? "module" : strict ? "strict" : "sloppy";
    if (expect_error && prog) {
        n_missed++;
        printf("MISSED %s [%s]\n", path, mode);
    } else if (!expect_error && !prog) {
        n_wrong++;
        printf("WRONG  %s [%s] %u:%u: %s\n", path, mode, err.line, err.column,
               err.message);
    } else if (verbose && !prog) {
        printf("ok-err %s [%s] %u:%u: %s\n", path, mode, err.line,
               err.column, err.message);
    }
    free(tmp);
    js_arena_free(&a);
}

static void check_file(const char *path)
{
    size_t len;
    char *src = read_file(path, &len);
    if (!src)
        return;
    n_files++;
    const char *ms = strstr(src, "/*---");
    const char *me = ms ? strstr(ms, "---*/") : NULL;
    char *meta = NULL;
    if (ms && me) {
        meta = malloc((size_t)(me - ms) + 1);
        memcpy(meta, ms, (size_t)(me - ms));
        meta[me - ms] = 0;
    } else {
        meta = calloc(1, 1);
    }
    if (meta_list_has(meta, "features:", "decorators") ||
        meta_list_has(meta, "features:", "import-defer") ||
        meta_list_has(meta, "features:", "source-phase-imports") ||
        meta_list_has(meta, "features:", "explicit-resource-management")) {
        n_skipped++;
        free(meta);
        free(src);
        return;
    }
    bool module = meta_list_has(meta, "flags:", "module");
    bool raw = meta_list_has(meta, "flags:", "raw");
    bool only_strict = meta_list_has(meta, "flags:", "onlyStrict");
    bool no_strict = meta_list_has(meta, "flags:", "noStrict");
    bool expect_error = false;
    const char *neg = strstr(meta, "negative:");
    if (neg) {
        const char *ph = strstr(neg, "phase:");
        if (ph) {
            ph += 6;
            while (*ph == ' ')
                ph++;
            if (!strncmp(ph, "parse", 5) || !strncmp(ph, "early", 5))
                expect_error = true;
        }
    }
    if (module) {
        check_one(path, src, len, true, false, expect_error);
    } else if (raw || no_strict) {
        check_one(path, src, len, false, false, expect_error);
    } else if (only_strict) {
        check_one(path, src, len, false, true, expect_error);
    } else {
        check_one(path, src, len, false, false, expect_error);
        check_one(path, src, len, false, true, expect_error);
    }
    free(meta);
    free(src);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                walk(path);
            } else {
                size_t l = strlen(names[i]);
                if (l > 3 && !strcmp(names[i] + l - 3, ".js") &&
                    !strstr(names[i], "_FIXTURE"))
                    check_file(path);
            }
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *root = "/work/shared/test262";
    int first = 1;
    if (first < argc && !strcmp(argv[first], "-v")) {
        verbose = true;
        first++;
    }
    if (first < argc)
        root = argv[first++];
    char path[4096];
    if (first < argc) {
        for (int i = first; i < argc; i++) {
            snprintf(path, sizeof path, "%s/%s", root, argv[i]);
            struct stat st;
            if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
                check_file(path);
            else
                walk(path);
        }
    } else {
        static const char *const dirs[] = {"test/language", "test/built-ins",
                                           "test/annexB"};
        for (int i = 0; i < 3; i++) {
            snprintf(path, sizeof path, "%s/%s", root, dirs[i]);
            walk(path);
        }
    }
    printf("files %d (skipped %d), parses %d: missed early errors %d, "
           "wrong errors %d\n", n_files, n_skipped, n_parses, n_missed,
           n_wrong);
    return n_missed || n_wrong ? 1 : 0;
}
