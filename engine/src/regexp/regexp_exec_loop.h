/* The regexp matcher loop, instantiated twice by regexp_exec.c: once for
 * Latin-1 input (RE_WIDE 0, RE_CHAR uint8_t) and once for UTF-16 input
 * (RE_WIDE 1, RE_CHAR uint16_t). RE_FN names the run function and
 * RE_ONE the single-character matcher. Not a normal header. */

/* Matches one character with the forward char op at op; returns the new
 * position, or -1. */
static inline int32_t RE_ONE(const uint8_t *op, const RE_CHAR *s,
                             int32_t len, int32_t pos)
{
    uint32_t c;
    switch (op[0]) {
    case REOP_CHAR:
        return (pos < len && s[pos] == re_get16(op + 1)) ? pos + 1 : -1;
    case REOP_CHAR2:
        if (pos < len && (s[pos] == re_get16(op + 1) ||
                          s[pos] == re_get16(op + 3)))
            return pos + 1;
        return -1;
    case REOP_CLASS:
        if (pos >= len || !class_has(op, s[pos]))
            return -1;
        return pos + 1;
    case REOP_ANY:
        if (pos >= len || is_line_term(s[pos]))
            return -1;
        return pos + 1;
    case REOP_ALL:
        return pos < len ? pos + 1 : -1;
    default:
        break;
    }
    if (pos >= len)
        return -1;
    c = s[pos++];
#if RE_WIDE
    if (is_lead16(c) && pos < len && is_trail16(s[pos]))
        c = 0x10000 + ((c - 0xD800) << 10) + (s[pos++] - 0xDC00);
#endif
    switch (op[0]) {
    case REOP_CHAR_CP:
        return c == re_get32(op + 1) ? pos : -1;
    case REOP_CLASS_CP:
        return class_has(op, c) ? pos : -1;
    case REOP_ANY_CP:
        return is_line_term(c) ? -1 : pos;
    default:                    /* REOP_ALL_CP */
        return pos;
    }
}

/* Reads the code point after / before pos into c, moving pos; fails the
 * current path at the end of the input. */
#if RE_WIDE
#define RE_NEXT_CP(c)                                                     \
    do {                                                                  \
        if (pos >= len)                                                   \
            goto backtrack;                                               \
        c = s[pos++];                                                     \
        if (is_lead16(c) && pos < len && is_trail16(s[pos]))              \
            c = 0x10000 + ((c - 0xD800) << 10) + (s[pos++] - 0xDC00);     \
    } while (0)
#define RE_PREV_CP(c)                                                     \
    do {                                                                  \
        if (pos <= 0)                                                     \
            goto backtrack;                                               \
        c = s[--pos];                                                     \
        if (is_trail16(c) && pos > 0 && is_lead16(s[pos - 1])) {          \
            pos--;                                                        \
            c = 0x10000 + ((s[pos] - 0xD800) << 10) + (c - 0xDC00);       \
        }                                                                 \
    } while (0)
#else
#define RE_NEXT_CP(c)                                                     \
    do {                                                                  \
        if (pos >= len)                                                   \
            goto backtrack;                                               \
        c = s[pos++];                                                     \
    } while (0)
#define RE_PREV_CP(c)                                                     \
    do {                                                                  \
        if (pos <= 0)                                                     \
            goto backtrack;                                               \
        c = s[--pos];                                                     \
    } while (0)
#endif

/* Compares the len units at a and b (unit by unit, or canonicalized code
 * point by code point when icase). */
static bool RE_EQ(const RE_CHAR *s, int32_t a, int32_t b, int32_t n,
                       int flags)
{
    if (!(flags & 1)) {
        for (int32_t i = 0; i < n; i++)
            if (s[a + i] != s[b + i])
                return false;
        return true;
    }
    bool uni = (flags & 4) != 0;
    int32_t i = 0;
    while (i < n) {
        uint32_t x = s[a + i], y = s[b + i];
        int w = 1;
#if RE_WIDE
        if (uni && i + 1 < n && is_lead16(x) && is_trail16(s[a + i + 1]) &&
            is_lead16(y) && is_trail16(s[b + i + 1])) {
            x = 0x10000 + ((x - 0xD800) << 10) + (s[a + i + 1] - 0xDC00);
            y = 0x10000 + ((y - 0xD800) << 10) + (s[b + i + 1] - 0xDC00);
            w = 2;
        }
#endif
        if (x != y && js_re_canon(x, uni) != js_re_canon(y, uni))
            return false;
        i += w;
    }
    return true;
}

/* Runs the code from pc 0 at position pos. Returns 1 on a match (regs
 * then hold the captures), 0 when there is none from here, or an error. */
static int RE_FN(Matcher *m, const RE_CHAR *s, int32_t len, int32_t pos)
{
    const uint8_t *code = m->code;
    int32_t *regs = m->regs;
    int32_t *xregs = m->regs + m->ncap2;
    size_t pc = 0;
    uint32_t c;

    for (;;) {
        const uint8_t *q = code + pc;
        switch (q[0]) {
        case REOP_CHAR:
            if (pos >= len || s[pos] != re_get16(q + 1))
                goto backtrack;
            pos++;
            pc += 3;
            break;
        case REOP_CHAR_B:
            if (pos <= 0 || s[pos - 1] != re_get16(q + 1))
                goto backtrack;
            pos--;
            pc += 3;
            break;
        case REOP_CHAR2:
            if (pos >= len ||
                (s[pos] != re_get16(q + 1) && s[pos] != re_get16(q + 3)))
                goto backtrack;
            pos++;
            pc += 5;
            break;
        case REOP_CHAR2_B:
            if (pos <= 0 || (s[pos - 1] != re_get16(q + 1) &&
                             s[pos - 1] != re_get16(q + 3)))
                goto backtrack;
            pos--;
            pc += 5;
            break;
        case REOP_CHAR_CP:
            RE_NEXT_CP(c);
            if (c != re_get32(q + 1))
                goto backtrack;
            pc += 5;
            break;
        case REOP_CHAR_CP_B:
            RE_PREV_CP(c);
            if (c != re_get32(q + 1))
                goto backtrack;
            pc += 5;
            break;
        case REOP_CLASS:
            if (pos >= len || !class_has(q, s[pos]))
                goto backtrack;
            pos++;
            pc += 37 + 8 * (size_t)re_get32(q + 1);
            break;
        case REOP_CLASS_B:
            if (pos <= 0 || !class_has(q, s[pos - 1]))
                goto backtrack;
            pos--;
            pc += 37 + 8 * (size_t)re_get32(q + 1);
            break;
        case REOP_CLASS_CP:
            RE_NEXT_CP(c);
            if (!class_has(q, c))
                goto backtrack;
            pc += 37 + 8 * (size_t)re_get32(q + 1);
            break;
        case REOP_CLASS_CP_B:
            RE_PREV_CP(c);
            if (!class_has(q, c))
                goto backtrack;
            pc += 37 + 8 * (size_t)re_get32(q + 1);
            break;
        case REOP_ANY:
            if (pos >= len || is_line_term(s[pos]))
                goto backtrack;
            pos++;
            pc++;
            break;
        case REOP_ANY_B:
            if (pos <= 0 || is_line_term(s[pos - 1]))
                goto backtrack;
            pos--;
            pc++;
            break;
        case REOP_ANY_CP:
            RE_NEXT_CP(c);
            if (is_line_term(c))
                goto backtrack;
            pc++;
            break;
        case REOP_ANY_CP_B:
            RE_PREV_CP(c);
            if (is_line_term(c))
                goto backtrack;
            pc++;
            break;
        case REOP_ALL:
            if (pos >= len)
                goto backtrack;
            pos++;
            pc++;
            break;
        case REOP_ALL_B:
            if (pos <= 0)
                goto backtrack;
            pos--;
            pc++;
            break;
        case REOP_ALL_CP:
            RE_NEXT_CP(c);
            pc++;
            break;
        case REOP_ALL_CP_B:
            RE_PREV_CP(c);
            pc++;
            break;
        case REOP_BOL:
            if (pos != 0)
                goto backtrack;
            pc++;
            break;
        case REOP_BOL_M:
            if (pos != 0 && !is_line_term(s[pos - 1]))
                goto backtrack;
            pc++;
            break;
        case REOP_EOL:
            if (pos != len)
                goto backtrack;
            pc++;
            break;
        case REOP_EOL_M:
            if (pos != len && !is_line_term(s[pos]))
                goto backtrack;
            pc++;
            break;
        case REOP_WORDB: {
            int mode = q[1];
            bool a = pos > 0 && is_word(s[pos - 1], mode);
            bool b = pos < len && is_word(s[pos], mode);
            if ((a != b) == ((mode & 1) != 0))
                goto backtrack;
            pc += 2;
            break;
        }
        case REOP_JMP:
            pc += 5 + (size_t)(int32_t)re_get32(q + 1);
            break;
        case REOP_SPLIT_NEXT:
            RE_PUSH(((uint32_t)(pc + 5 + (int32_t)re_get32(q + 1)) << 2), pos);
            pc += 5;
            break;
        case REOP_SPLIT_JMP:
            RE_PUSH((uint32_t)(pc + 5) << 2, pos);
            pc += 5 + (size_t)(int32_t)re_get32(q + 1);
            break;
        case REOP_SAVE: {
            uint32_t r = re_get16(q + 1);
            RE_PUSH((r << 2) | 1, regs[r]);
            regs[r] = pos;
            pc += 3;
            break;
        }
        case REOP_RESET: {
            uint32_t a = re_get16(q + 1), b = re_get16(q + 3);
            for (uint32_t r = a; r < b; r++) {
                if (regs[r] != -1) {
                    RE_PUSH((r << 2) | 1, regs[r]);
                    regs[r] = -1;
                }
            }
            pc += 5;
            break;
        }
        case REOP_SET_POS: {
            uint32_t r = m->ncap2 + re_get16(q + 1);
            RE_PUSH((r << 2) | 1, regs[r]);
            regs[r] = pos;
            pc += 3;
            break;
        }
        case REOP_CHECK_PROGRESS:
            if (xregs[re_get16(q + 1)] == pos)
                goto backtrack;
            pc += 3;
            break;
        case REOP_CNT_INIT: {
            uint32_t r = m->ncap2 + re_get16(q + 1);
            RE_PUSH((r << 2) | 1, regs[r]);
            regs[r] = 0;
            pc += 3;
            break;
        }
        case REOP_LOOP: {
            uint32_t cnt = (uint32_t)xregs[re_get16(q + 1)];
            uint32_t min = re_get32(q + 3), max = re_get32(q + 7);
            size_t body = pc + 16;
            size_t exit = body + (size_t)(int32_t)re_get32(q + 12);
            if (cnt < min) {
                pc = body;
            } else if (cnt >= max) {
                pc = exit;
            } else if (q[11]) {
                RE_PUSH((uint32_t)exit << 2, pos);
                pc = body;
            } else {
                RE_PUSH((uint32_t)body << 2, pos);
                pc = exit;
            }
            break;
        }
        case REOP_LOOP_END: {
            uint32_t r = m->ncap2 + re_get16(q + 1);
            uint32_t pr = re_get16(q + 3);
            uint32_t cnt = (uint32_t)regs[r];
            if (pr != 0xFFFF && xregs[pr] == pos && cnt >= re_get32(q + 5))
                goto backtrack;
            RE_PUSH((r << 2) | 1, regs[r]);
            regs[r] = (int32_t)(cnt + 1);
            pc += 13 + (size_t)(int32_t)re_get32(q + 9);
            if (--m->steps <= 0 && (c = (uint32_t)re_check_interrupt(m)))
                return (int)(int32_t)c;
            break;
        }
        case REOP_STAR: {
            uint32_t min = re_get32(q + 1), max = re_get32(q + 5);
            const uint8_t *op = q + 13;
            uint32_t n = 0;
            int32_t np;
            for (; n < min; n++) {
                np = RE_ONE(op, s, len, pos);
                if (np < 0)
                    goto backtrack;
                pos = np;
            }
            int32_t minpos = pos;
            for (; n < max; n++) {
                np = RE_ONE(op, s, len, pos);
                if (np < 0)
                    break;
                pos = np;
            }
            pc += 13 + re_get32(q + 9);
            if (pos > minpos) {
                bool cp = op[0] == REOP_CLASS_CP || op[0] == REOP_ANY_CP ||
                          op[0] == REOP_ALL_CP || op[0] == REOP_CHAR_CP;
                RE_PUSH(((uint32_t)minpos << 2) | 3, cp);
                RE_PUSH(((uint32_t)pc << 2) | 3, pos);
            }
            break;
        }
        case REOP_BACKREF:
        case REOP_BACKREF_NAMED: {
            uint32_t g = re_get16(q + 1);
            int flags = q[3];
            pc += 4;
            if (q[0] == REOP_BACKREF_NAMED) {
                const uint8_t *list = m->blob +
                    re_get32(m->blob + re_get32(m->blob + RE_HDR_NAMEREFS) +
                             4 + 4 * g);
                uint32_t k = re_get16(list);
                g = 0xFFFF;
                for (uint32_t i = 0; i < k; i++) {
                    uint32_t h = re_get16(list + 2 + 2 * i);
                    if (regs[2 * h] >= 0 && regs[2 * h + 1] >= 0) {
                        g = h;
                        break;
                    }
                }
                if (g == 0xFFFF)
                    break;
            }
            int32_t st = regs[2 * g], en = regs[2 * g + 1];
            if (st < 0 || en < 0)
                break;
            int32_t n = en - st;
            if (flags & 2) {
                if (pos - n < 0 || !RE_EQ(s, st, pos - n, n, flags))
                    goto backtrack;
                pos -= n;
            } else {
                if (len - pos < n || !RE_EQ(s, st, pos, n, flags))
                    goto backtrack;
                pos += n;
            }
            break;
        }
        case REOP_LOOK: {
            uint32_t r = re_get16(q + 2);
            size_t after = pc + 8 + (size_t)(int32_t)re_get32(q + 4);
            xregs[r] = (int32_t)m->sp;
            RE_PUSH(((uint32_t)after << 3) | ((uint32_t)q[1] << 2) | 2, pos);
            pc += 8;
            break;
        }
        case REOP_LOOK_END: {
            size_t mk = (size_t)xregs[re_get16(q + 1)];
            pos = m->stack[mk].b;
            size_t k = mk;
            for (size_t i = mk + 1; i < m->sp; i++)
                if ((m->stack[i].a & 3) == 1)
                    m->stack[k++] = m->stack[i];
            m->sp = k;
            pc += 3;
            break;
        }
        case REOP_NLOOK_END: {
            size_t mk = (size_t)xregs[re_get16(q + 1)];
            while (m->sp > mk + 1) {
                ReEnt e = m->stack[--m->sp];
                if ((e.a & 3) == 1)
                    regs[e.a >> 2] = e.b;
            }
            m->sp = mk;
            goto backtrack;
        }
        case REOP_MATCH:
            return 1;
        default:
            return RE_ERR_MEMORY;  /* corrupt code: never produced */
        }
        continue;
    backtrack:
        if (--m->steps <= 0 && (c = (uint32_t)re_check_interrupt(m)))
            return (int)(int32_t)c;
        for (;;) {
            if (m->sp == 0)
                return 0;
            ReEnt e = m->stack[--m->sp];
            switch (e.a & 3) {
            case 0:
                pc = e.a >> 2;
                pos = e.b;
                goto resume;
            case 1:
                regs[e.a >> 2] = e.b;
                continue;
            case 2:
                if (e.a & 4) {      /* negative lookaround body failed */
                    pc = e.a >> 3;
                    pos = e.b;
                    goto resume;
                }
                continue;
            default: {
                ReEnt lo = m->stack[m->sp - 1];
                int32_t cur = e.b, minpos = (int32_t)(lo.a >> 2);
                if (cur <= minpos) {
                    m->sp--;
                    continue;
                }
                cur--;
#if RE_WIDE
                if (lo.b && cur > minpos && is_trail16(s[cur]) &&
                    is_lead16(s[cur - 1]))
                    cur--;
#endif
                m->stack[m->sp].b = cur;
                m->sp++;
                pc = e.a >> 2;
                pos = cur;
                goto resume;
            }
            }
        }
    resume:;
    }
}

#undef RE_NEXT_CP
#undef RE_PREV_CP
