/* libFuzzer target: the RegExp compiler and matcher on their own. The
 * input is "flags\npattern\nsubject" (UTF-8, any byte accepted: bytes
 * that do not decode stand for themselves, so lone surrogates and
 * Latin-1 occur); the subject is matched from every start position the
 * flags imply, Latin-1 and UTF-16, with a budget of 50,000 steps per
 * match (catastrophic backtracking ends there). */
#include <stdbool.h>
#include <stdio.h>
#include "fuzz_common.h"
#include "regexp/regexp.h"

static size_t utf16_of(const uint8_t *s, size_t n, uint16_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = s[i];
        int len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 1;
        if (len > 1 && i + len <= n) {
            uint32_t v = c & (0x7F >> len);
            bool ok = true;
            for (int j = 1; j < len; j++) {
                if ((s[i + j] & 0xC0) != 0x80)
                    ok = false;
                v = (v << 6) | (s[i + j] & 0x3F);
            }
            if (ok) {
                if (v >= 0x10000) {
                    out[k++] = (uint16_t)(0xD800 + ((v - 0x10000) >> 10));
                    out[k++] = (uint16_t)(0xDC00 + (v & 0x3FF));
                } else {
                    out[k++] = (uint16_t)v;
                }
                i += len;
                continue;
            }
        }
        out[k++] = (uint16_t)c;
        i++;
    }
    return k;
}

static int steps_left;

static int stop_after_budget(void *opaque)
{
    return --steps_left <= 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl1 = memchr(data, '\n', size);
    if (!nl1 || nl1 - data > 16)
        return 0;
    const uint8_t *pat = nl1 + 1, *end = data + size;
    const uint8_t *nl2 = memchr(pat, '\n', end - pat);
    const uint8_t *subj = nl2 ? nl2 + 1 : end;
    size_t plen = (nl2 ? nl2 : end) - pat, slen = end - subj;

    uint16_t fl[16];
    size_t nfl = utf16_of(data, nl1 - data, fl);
    uint32_t flags;
    if (js_re_parse_flags(fl, nfl, &flags) < 0)
        return 0;
    uint16_t *p16 = malloc((plen + 1) * sizeof *p16);
    uint16_t *s16 = malloc((slen + 1) * sizeof *s16);
    size_t pn = utf16_of(pat, plen, p16), sn = utf16_of(subj, slen, s16);
    uint8_t *blob = NULL;
    size_t blob_len = 0;
    char err[128];
    if (js_re_compile(p16, pn, flags, &blob, &blob_len, err, sizeof err) == RE_OK) {
        int ncap = js_re_get_capture_count(blob);
        int *caps = malloc(2 * ncap * sizeof *caps);
        for (int i = 1; i < ncap; i++) {
            size_t nl;
            (void)js_re_get_group_name(blob, i, &nl);
        }
        /* UTF-16 subject, from each of the first positions */
        for (size_t start = 0; start <= sn && start < 4; start++) {
            steps_left = 5;
            if (js_re_exec(blob, s16, sn, 1, start, caps, stop_after_budget, NULL) == RE_MATCH) {
                for (int i = 0; i < 2 * ncap; i++)
                    if (caps[i] < -1 || caps[i] > (int)sn)
                        abort();
            }
        }
        /* Latin-1 subject when it fits */
        bool latin1 = true;
        for (size_t i = 0; i < sn; i++)
            latin1 &= s16[i] < 256;
        if (latin1) {
            uint8_t *s8 = malloc(sn + 1);
            for (size_t i = 0; i < sn; i++)
                s8[i] = (uint8_t)s16[i];
            steps_left = 5;
            if (js_re_exec(blob, s8, sn, 0, 0, caps, stop_after_budget, NULL) == RE_MATCH) {
                for (int i = 0; i < 2 * ncap; i++)
                    if (caps[i] < -1 || caps[i] > (int)sn)
                        abort();
            }
            free(s8);
        }
        free(caps);
        free(blob);
    }
    free(p16);
    free(s16);
    return 0;
}
