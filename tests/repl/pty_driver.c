/* pty_driver: runs a program on a pseudo-terminal and plays a session
 * against it, for the REPL tests. Usage:
 *   pty_driver SESSION HOME_DIR PROGRAM [ARGS...]
 * SESSION has one step per line: "send TEXT" types TEXT (escapes \r \n
 * \t \e \\ \xHH), "expect TEXT" waits (10 s at most) until TEXT appears
 * in the output after the previous match, "eof" waits for the program to
 * exit and checks its status is 0; "#" lines are comments. The output is
 * matched with escape sequences and carriage returns taken out. On a
 * failure the output so far is printed and the exit status is 1. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char out[1 << 20];       /* the output, cleaned */
static size_t out_len, matched;
static int esc_state;           /* 0 text, 1 after ESC, 2 in a CSI sequence */

static void take(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (esc_state == 1) {
            esc_state = c == '[' ? 2 : 0;
            continue;
        }
        if (esc_state == 2) {
            if (c >= 0x40 && c <= 0x7e)
                esc_state = 0;
            continue;
        }
        if (c == 0x1b) {
            esc_state = 1;
            continue;
        }
        if (c == '\r')
            continue;
        if (out_len + 1 < sizeof out)
            out[out_len++] = c;
    }
    out[out_len] = '\0';
}

/* Reads what the program wrote within ms; false at end of output. */
static bool pump(int fd, int ms)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    if (poll(&p, 1, ms) <= 0)
        return true;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0)
        return false;
    take(buf, (size_t)n);
    return true;
}

static size_t unescape(const char *s, char *d)
{
    size_t n = 0;
    while (*s) {
        if (*s != '\\') {
            d[n++] = *s++;
            continue;
        }
        s++;
        switch (*s) {
        case 'r': d[n++] = '\r'; s++; break;
        case 'n': d[n++] = '\n'; s++; break;
        case 't': d[n++] = '\t'; s++; break;
        case 'e': d[n++] = 0x1b; s++; break;
        case 'x': {
            char hex[3] = { s[1], s[2], 0 };
            d[n++] = (char)strtol(hex, NULL, 16);
            s += 3;
            break;
        }
        default: d[n++] = *s ? *s++ : '\\'; break;
        }
    }
    return n;
}

static int fail(const char *what, const char *arg)
{
    fprintf(stderr, "pty_driver: %s '%s'\n--- output so far (matched up to byte %zu):\n%s\n---\n",
            what, arg, matched, out);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: pty_driver SESSION HOME_DIR PROGRAM [ARGS...]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    struct winsize ws = { .ws_row = 24, .ws_col = 80 };
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0) {
        perror("forkpty");
        return 2;
    }
    if (pid == 0) {
        setenv("HOME", argv[2], 1);
        setenv("TERM", "xterm", 1);
        execv(argv[3], argv + 3);
        perror(argv[3]);
        _exit(127);
    }
    char line[4096], text[4096];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        while (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        if (!n || line[0] == '#')
            continue;
        if (!strncmp(line, "send ", 5)) {
            size_t k = unescape(line + 5, text);
            if (write(master, text, k) != (ssize_t)k)
                return fail("cannot send", line + 5);
            pump(master, 20);
        } else if (!strncmp(line, "expect ", 7)) {
            size_t k = unescape(line + 7, text);
            text[k] = '\0';
            struct timespec t0, t;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            for (;;) {
                char *hit = strstr(out + matched, text);
                if (hit) {
                    matched = (size_t)(hit - out) + k;
                    break;
                }
                clock_gettime(CLOCK_MONOTONIC, &t);
                if (t.tv_sec - t0.tv_sec > 10 || !pump(master, 100))
                    return fail("did not see", line + 7);
            }
        } else if (!strcmp(line, "eof")) {
            struct timespec t0, t;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            int st = 0;
            pid_t w = 0;
            for (;;) {
                bool more = pump(master, 100);
                w = waitpid(pid, &st, WNOHANG);
                if (w == pid && !more)
                    break;
                clock_gettime(CLOCK_MONOTONIC, &t);
                if (t.tv_sec - t0.tv_sec > 10) {
                    if (w != pid) {
                        kill(pid, SIGKILL);
                        waitpid(pid, NULL, 0);
                    }
                    return fail("the program did not end", "");
                }
                if (w == pid)
                    while (pump(master, 100))
                        ;
                if (w == pid)
                    break;
            }
            if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
                return fail("bad exit status", "");
            printf("pty_driver: session passed (%d lines)\n", lineno);
            return 0;
        } else {
            fprintf(stderr, "%s:%d: unknown step\n", argv[1], lineno);
            return 2;
        }
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return fail("the session ended without eof", "");
}
