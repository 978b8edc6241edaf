// A compiler written in JS, run over a large program: the source of a
// small JavaScript-like language ("Tiny": functions, classes with fields
// and methods, closures, let, if / while / for / switch, arrays, object
// literals, strings) is generated from a seeded PRNG (about 500 KB of
// text, with comments), then compiled the way a real front end does it:
// a tokenizer producing an array of token objects, a recursive-descent
// parser with precedence climbing building an AST of object literals
// (the whole AST stays alive until the end), constant folding and
// dead-branch removal, a scope pass resolving every name to a slot (Maps
// of bindings, closures' captured variables, warnings for unused
// variables), a code generator to a stack-machine code with labels, a
// peephole pass, an assembler into an Int32Array, a disassembler and a
// source formatter whose output is parsed and formatted again (the
// formatter must be idempotent). Prints a checksum.
'use strict';
var log = typeof print === 'function' ? print : console.log;

// ---------------------------------------------------------------------
// Deterministic random numbers (xorshift32) and hashing of strings.

class Rng {
  constructor(seed) { this.s = seed | 0 || 1; }
  next() {
    let x = this.s;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.s = x;
    return x >>> 0;
  }
  int(n) { return this.next() % n; }
  pick(list) { return list[this.next() % list.length]; }
  chance(percent) { return this.next() % 100 < percent; }
}

function hashString(h, s) {
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
function hashInt(h, n) { return (Math.imul(h ^ n, 0x01000193) + 0x3c6ef372) | 0; }

// ---------------------------------------------------------------------
// The input: a generator of Tiny source text.

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'count', 'total', 'item', 'node', 'value',
  'index', 'left', 'right', 'acc', 'tmp', 'limit', 'size', 'key', 'step', 'base', 'scale',
  'width', 'height', 'offset', 'level', 'queue', 'entry', 'state', 'flag', 'score', 'cursor'];
const FIELDS = ['x', 'y', 'z', 'next', 'prev', 'data', 'len', 'kind', 'name', 'tag', 'id', 'weight'];
const BINOPS = ['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!=', '&&', '||', '&', '|', '^', '<<', '>>'];
const UNOPS = ['-', '!', '~'];
const GLOBALS = ['print', 'sqrt', 'floor', 'push', 'length', 'assert'];
const TEXTS = ['hello', 'world', 'tiny', 'error: bad input', 'ok', 'a\\tb', 'line\\n', 'quote \\"x\\"', ''];

class SourceGen {
  constructor(seed) {
    this.rng = new Rng(seed);
    this.out = [];
    this.indent = 0;
    this.uid = 0;
    this.functions = [];   // { name, arity } of the functions declared so far
    this.classes = [];     // { name, fields, methods }
    this.scopes = [];
    this.inLoop = 0;
    this.inMethod = null;
  }
  line(text) { this.out.push('  '.repeat(this.indent) + text); }
  fresh(prefix) { return prefix + (this.uid++).toString(36); }
  pushScope() { this.scopes.push([]); }
  popScope() { this.scopes.pop(); }
  declare(name) { this.scopes[this.scopes.length - 1].push(name); return name; }
  variable() {
    for (let tries = 0; tries < 6; tries++) {
      const s = this.scopes[this.scopes.length - 1 - this.rng.int(Math.min(3, this.scopes.length))];
      if (s.length > 0) return this.rng.pick(s);
    }
    return this.rng.pick(this.scopes[0]);
  }
  number() {
    switch (this.rng.int(4)) {
      case 0: return String(this.rng.int(10));
      case 1: return String(this.rng.int(1000));
      case 2: return String(this.rng.int(100000));
      default: return '0x' + this.rng.int(65536).toString(16);
    }
  }
  atom() {
    switch (this.rng.int(9)) {
      case 0: case 1: return this.number();
      case 2: return '"' + this.rng.pick(TEXTS) + '"';
      case 3: return this.rng.pick(['true', 'false', 'null']);
      case 4: if (this.inMethod) return 'this.' + this.rng.pick(this.inMethod.fields);
      // falls through
      default: return this.variable();
    }
  }
  args(n, depth) {
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(this.expr(depth));
    return parts.join(', ');
  }
  expr(depth) {
    if (depth <= 0) return this.atom();
    const d = depth - 1;
    switch (this.rng.int(16)) {
      case 0: case 1: case 2: case 3:
        return this.expr(d) + ' ' + this.rng.pick(BINOPS) + ' ' + this.expr(d);
      case 4: return '(' + this.expr(d) + ')';
      case 5: return this.rng.pick(UNOPS) + this.atom();
      case 6: {
        if (this.functions.length === 0) return this.atom();
        const f = this.functions[this.functions.length - 1 - this.rng.int(Math.min(40, this.functions.length))];
        return f.name + '(' + this.args(f.arity, Math.min(d, 1)) + ')';
      }
      case 7: return this.rng.pick(GLOBALS) + '(' + this.args(1 + this.rng.int(2), Math.min(d, 1)) + ')';
      case 8: return this.variable() + '.' + this.rng.pick(FIELDS);
      case 9: return this.variable() + '[' + this.expr(Math.min(d, 1)) + ']';
      case 10: return '[' + this.args(this.rng.int(5), Math.min(d, 1)) + ']';
      case 11: {
        const n = this.rng.int(4), parts = [];
        for (let i = 0; i < n; i++) parts.push(this.rng.pick(FIELDS) + ': ' + this.expr(Math.min(d, 1)));
        return '{' + parts.join(', ') + '}';
      }
      case 12: return this.expr(d) + ' ? ' + this.expr(d) + ' : ' + this.expr(d);
      case 13: // constant arithmetic, for the folder
        return this.number() + ' ' + this.rng.pick(['+', '-', '*', '<<', '|']) + ' ' + this.number();
      case 14: {
        if (this.classes.length === 0) return this.atom();
        const c = this.rng.pick(this.classes);
        return 'new ' + c.name + '(' + this.args(c.arity, Math.min(d, 1)) + ')';
      }
      default:
        if (this.inMethod && this.rng.chance(50))
          return 'this.' + this.rng.pick(this.inMethod.methods) + '(' + this.args(1, Math.min(d, 1)) + ')';
        return this.variable() + '.' + this.rng.pick(['get', 'put', 'size', 'map']) + '(' + this.args(this.rng.int(3), 0) + ')';
    }
  }
  block(depth, count) {
    this.pushScope();
    this.indent++;
    for (let i = 0; i < count; i++) this.stmt(depth);
    this.indent--;
    this.popScope();
  }
  stmt(depth) {
    const rng = this.rng;
    if (rng.chance(4)) this.line('// ' + rng.pick(WORDS) + ' ' + rng.pick(WORDS) + ' ' + this.number());
    switch (rng.int(depth > 0 ? 14 : 5)) {
      case 0: case 1: {
        const name = this.fresh(rng.pick(WORDS));
        this.line('let ' + name + ' = ' + this.expr(2 + rng.int(2)) + ';');
        this.declare(name);
        break;
      }
      case 2:
        this.line(this.variable() + ' ' + rng.pick(['=', '+=', '-=', '*=']) + ' ' + this.expr(2) + ';');
        break;
      case 3:
        if (this.inMethod) { this.line('this.' + rng.pick(this.inMethod.fields) + ' = ' + this.expr(2) + ';'); break; }
        this.line(this.variable() + '.' + rng.pick(FIELDS) + ' = ' + this.expr(2) + ';');
        break;
      case 4: {
        const e = this.expr(2);
        this.line((e.charAt(0) === '{' ? '(' + e + ')' : e) + ';');
        break;
      }
      case 5: case 6: {
        this.line('if (' + this.expr(2) + ') {');
        this.block(depth - 1, 1 + rng.int(3));
        if (rng.chance(50)) {
          this.line('} else {');
          this.block(depth - 1, 1 + rng.int(3));
        }
        this.line('}');
        break;
      }
      case 7: {
        const i = this.fresh('i');
        this.line('for (let ' + i + ' = 0; ' + i + ' < ' + this.expr(1) + '; ' + i + ' += 1) {');
        this.pushScope(); this.declare(i); this.inLoop++;
        this.block(depth - 1, 1 + rng.int(3));
        if (rng.chance(30)) this.line('  if (' + i + ' > ' + rng.int(50) + ') { break; }');
        this.inLoop--; this.popScope();
        this.line('}');
        break;
      }
      case 8: {
        this.line('while (' + this.expr(2) + ') {');
        this.inLoop++;
        this.block(depth - 1, 1 + rng.int(3));
        this.line(rng.chance(50) ? '  break;' : '  continue;');
        this.inLoop--;
        this.line('}');
        break;
      }
      case 9: {
        this.line('switch (' + this.expr(1) + ') {');
        const n = 1 + rng.int(4);
        for (let k = 0; k < n; k++) {
          this.line('case ' + (k * 3 + rng.int(3)) + ':');
          this.block(depth - 1, 1 + rng.int(2));
          if (rng.chance(70)) this.line('  break;');
        }
        if (rng.chance(50)) { this.line('default:'); this.block(depth - 1, 1); }
        this.line('}');
        break;
      }
      case 10: // dead or constant branch
        this.line('if (' + rng.pick(['0', '1', 'false', 'true', '2 > 3', '4 * 4 == 16']) + ') {');
        this.block(depth - 1, 1 + rng.int(2));
        this.line('}');
        break;
      case 11: {
        const name = this.fresh('fn');
        this.line('let ' + name + ' = fn (' + rng.pick(WORDS) + ') {');
        this.declare(name);
        const savedLoop = this.inLoop;
        this.inLoop = 0;
        this.block(depth - 1, 1 + rng.int(3));
        this.inLoop = savedLoop;
        this.line('};');
        break;
      }
      case 12:
        if (this.inLoop && rng.chance(30)) { this.line('continue;'); break; }
        this.line('{');
        this.block(depth - 1, 1 + rng.int(3));
        this.line('}');
        break;
      default:
        this.line('return ' + this.expr(2) + ';');
        break;
    }
  }
  params(n) {
    const ps = [];
    for (let i = 0; i < n; i++) ps.push(this.declare(this.fresh(this.rng.pick(WORDS))));
    return ps;
  }
  functionDecl() {
    const name = this.fresh('f_' + this.rng.pick(WORDS) + '_');
    const arity = this.rng.int(4);
    this.pushScope();
    const ps = this.params(arity);
    this.line('/* function ' + name + ' of ' + arity + ' parameters */');
    this.line('fn ' + name + '(' + ps.join(', ') + ') {');
    this.block(3, 3 + this.rng.int(6));
    this.line('  return ' + this.expr(3) + ';');
    this.line('}');
    this.popScope();
    this.functions.push({ name: name, arity: arity });
  }
  classDecl() {
    const name = this.fresh('C' + this.rng.pick(WORDS));
    const base = this.classes.length > 0 && this.rng.chance(40) ? this.rng.pick(this.classes) : null;
    const info = { name: name, arity: 1 + this.rng.int(3), fields: [], methods: [] };
    for (let i = 0, n = 2 + this.rng.int(4); i < n; i++) info.fields.push(this.rng.pick(FIELDS));
    for (let i = 0, n = 1 + this.rng.int(4); i < n; i++) info.methods.push(this.fresh('m'));
    this.line('class ' + name + (base ? ' extends ' + base.name : '') + ' {');
    this.indent++;
    for (const f of info.fields) this.line('field ' + f + ' = ' + this.expr(1) + ';');
    this.inMethod = info;
    for (const m of info.methods) {
      this.pushScope();
      const ps = this.params(1 + this.rng.int(2));
      this.line(m + '(' + ps.join(', ') + ') {');
      this.block(2, 2 + this.rng.int(4));
      this.line('  return this.' + this.rng.pick(info.fields) + ';');
      this.line('}');
      this.popScope();
    }
    this.inMethod = null;
    this.indent--;
    this.line('}');
    this.classes.push(info);
  }
  program(targetBytes) {
    this.pushScope();
    this.declare('argv');
    this.declare('env');
    let bytes = 0, emitted = 0;
    while (bytes < targetBytes) {
      const before = this.out.length;
      const r = this.rng.int(10);
      if (r < 2 || this.scopes[0].length < 4) {
        const name = this.declare(this.fresh('g_' + this.rng.pick(WORDS)));
        this.line('let ' + name + ' = ' + this.expr(2) + ';');
      } else if (r < 4) this.classDecl();
      else this.functionDecl();
      for (let i = before; i < this.out.length; i++) bytes += this.out[i].length + 1;
      emitted++;
    }
    this.popScope();
    return this.out.join('\n') + '\n';
  }
}

// ---------------------------------------------------------------------
// Tokens and the tokenizer.

const T = {
  EOF: 0, NUM: 1, STR: 2, NAME: 3, KEYWORD: 4, PUNCT: 5,
};
const KEYWORDS = new Map([
  ['fn', 'fn'], ['let', 'let'], ['if', 'if'], ['else', 'else'], ['while', 'while'], ['for', 'for'],
  ['return', 'return'], ['break', 'break'], ['continue', 'continue'], ['switch', 'switch'],
  ['case', 'case'], ['default', 'default'], ['class', 'class'], ['extends', 'extends'],
  ['field', 'field'], ['new', 'new'], ['this', 'this'], ['true', 'true'], ['false', 'false'],
  ['null', 'null'],
]);
// Punctuators that may be followed by '=' to make a longer one.
const PUNCT_EQ = new Set(['=', '!', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^']);

class Token {
  constructor(kind, text, value, line, col) {
    this.kind = kind; this.text = text; this.value = value; this.line = line; this.col = col;
  }
}

class CompileError extends Error {
  constructor(message, line) { super(message + ' at line ' + line); this.line = line; }
}

function isIdentStart(c) { return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36; }
function isDigit(c) { return c >= 48 && c <= 57; }
function isIdentPart(c) { return isIdentStart(c) || isDigit(c); }
function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

class Lexer {
  constructor(src) { this.src = src; this.pos = 0; this.line = 1; this.lineStart = 0; this.comments = 0; }
  error(msg) { throw new CompileError(msg, this.line); }
  skipSpace() {
    const src = this.src;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13) { this.pos++; continue; }
      if (c === 10) { this.pos++; this.line++; this.lineStart = this.pos; continue; }
      if (c === 47) {
        const d = src.charCodeAt(this.pos + 1);
        if (d === 47) {
          const end = src.indexOf('\n', this.pos);
          this.pos = end < 0 ? src.length : end;
          this.comments++;
          continue;
        }
        if (d === 42) {
          const end = src.indexOf('*/', this.pos + 2);
          if (end < 0) this.error('unterminated comment');
          for (let i = this.pos; i < end; i++) if (src.charCodeAt(i) === 10) { this.line++; this.lineStart = i + 1; }
          this.pos = end + 2;
          this.comments++;
          continue;
        }
      }
      return;
    }
  }
  number(start) {
    const src = this.src;
    if (src.charCodeAt(this.pos) === 48 && (src.charCodeAt(this.pos + 1) | 32) === 120) {
      this.pos += 2;
      let v = 0, h;
      while ((h = hexValue(src.charCodeAt(this.pos))) >= 0) { v = v * 16 + h; this.pos++; }
      return v;
    }
    while (isDigit(src.charCodeAt(this.pos))) this.pos++;
    if (src.charCodeAt(this.pos) === 46 && isDigit(src.charCodeAt(this.pos + 1))) {
      this.pos++;
      while (isDigit(src.charCodeAt(this.pos))) this.pos++;
    }
    return Number(src.slice(start, this.pos));
  }
  string() {
    const src = this.src;
    let out = '';
    this.pos++;
    for (;;) {
      const c = src.charCodeAt(this.pos++);
      if (c !== c || c === 10) this.error('unterminated string');
      if (c === 34) return out;
      if (c === 92) {
        const e = src.charCodeAt(this.pos++);
        switch (e) {
          case 110: out += '\n'; break;
          case 116: out += '\t'; break;
          case 34: out += '"'; break;
          case 92: out += '\\'; break;
          default: this.error('bad escape');
        }
      } else out += String.fromCharCode(c);
    }
  }
  next() {
    this.skipSpace();
    const src = this.src, start = this.pos, line = this.line, col = start - this.lineStart;
    if (start >= src.length) return new Token(T.EOF, '', null, line, col);
    const c = src.charCodeAt(start);
    if (isIdentStart(c)) {
      let p = start + 1;
      while (isIdentPart(src.charCodeAt(p))) p++;
      this.pos = p;
      const text = src.slice(start, p);
      const kw = KEYWORDS.get(text);
      return kw !== undefined ? new Token(T.KEYWORD, kw, null, line, col) : new Token(T.NAME, text, null, line, col);
    }
    if (isDigit(c)) {
      const v = this.number(start);
      return new Token(T.NUM, src.slice(start, this.pos), v, line, col);
    }
    if (c === 34) {
      const v = this.string();
      return new Token(T.STR, src.slice(start, this.pos), v, line, col);
    }
    this.pos++;
    const ch = src[start];
    switch (ch) {
      case '(': case ')': case '{': case '}': case '[': case ']': case ';': case ',':
      case ':': case '?': case '.': case '~':
        return new Token(T.PUNCT, ch, null, line, col);
      case '&': case '|':
        if (src[this.pos] === ch) { this.pos++; return new Token(T.PUNCT, ch + ch, null, line, col); }
        break;
      case '<': case '>':
        if (src[this.pos] === ch) { this.pos++; return new Token(T.PUNCT, ch + ch, null, line, col); }
        break;
      default:
        if (!PUNCT_EQ.has(ch)) this.error('unexpected character ' + JSON.stringify(ch));
    }
    if (src[this.pos] === '=') { this.pos++; return new Token(T.PUNCT, ch + '=', null, line, col); }
    return new Token(T.PUNCT, ch, null, line, col);
  }
  tokenize() {
    const tokens = [];
    for (;;) {
      const t = this.next();
      tokens.push(t);
      if (t.kind === T.EOF) return tokens;
    }
  }
}

// ---------------------------------------------------------------------
// The parser: tokens to an AST of plain object literals.

const BINARY_PRECEDENCE = new Map([
  ['||', 1], ['&&', 2], ['|', 3], ['^', 4], ['&', 5], ['==', 6], ['!=', 6],
  ['<', 7], ['<=', 7], ['>', 7], ['>=', 7], ['<<', 8], ['>>', 8],
  ['+', 9], ['-', 9], ['*', 10], ['/', 10], ['%', 10],
]);
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=']);

class Parser {
  constructor(tokens) { this.tokens = tokens; this.i = 0; this.nodes = 0; }
  get tok() { return this.tokens[this.i]; }
  error(msg) { throw new CompileError(msg + ' near ' + JSON.stringify(this.tok.text), this.tok.line); }
  node(type, line) { this.nodes++; return { type: type, line: line }; }
  is(text) { const t = this.tokens[this.i]; return (t.kind === T.PUNCT || t.kind === T.KEYWORD) && t.text === text; }
  eat(text) { if (this.is(text)) { this.i++; return true; } return false; }
  expect(text) { if (!this.eat(text)) this.error('expected ' + text); }
  name() {
    const t = this.tokens[this.i];
    if (t.kind !== T.NAME) this.error('expected a name');
    this.i++;
    return t.text;
  }
  program() {
    const body = [];
    while (this.tok.kind !== T.EOF) body.push(this.topLevel());
    return { type: 'Program', line: 1, body: body };
  }
  topLevel() {
    if (this.is('fn') && this.tokens[this.i + 1].kind === T.NAME) return this.functionDecl();
    if (this.is('class')) return this.classDecl();
    return this.statement();
  }
  params() {
    this.expect('(');
    const ps = [];
    if (!this.is(')')) {
      do ps.push(this.name()); while (this.eat(','));
    }
    this.expect(')');
    return ps;
  }
  functionDecl() {
    const line = this.tok.line;
    this.expect('fn');
    const name = this.name();
    const params = this.params();
    const body = this.block();
    return { type: 'FunctionDecl', line: line, name: name, params: params, body: body, info: null };
  }
  classDecl() {
    const line = this.tok.line;
    this.expect('class');
    const name = this.name();
    const base = this.eat('extends') ? this.name() : null;
    this.expect('{');
    const fields = [], methods = [];
    while (!this.eat('}')) {
      if (this.eat('field')) {
        const fline = this.tok.line, fname = this.name();
        this.expect('=');
        const init = this.expression();
        this.expect(';');
        fields.push({ type: 'Field', line: fline, name: fname, init: init });
      } else {
        const mline = this.tok.line, mname = this.name();
        const params = this.params();
        methods.push({ type: 'Method', line: mline, name: mname, params: params, body: this.block(), info: null });
      }
    }
    return { type: 'ClassDecl', line: line, name: name, base: base, fields: fields, methods: methods };
  }
  block() {
    const line = this.tok.line;
    this.expect('{');
    const body = [];
    while (!this.eat('}')) body.push(this.statement());
    return { type: 'Block', line: line, body: body };
  }
  statement() {
    const t = this.tok, line = t.line;
    if (t.kind === T.KEYWORD) {
      switch (t.text) {
        case 'let': {
          this.i++;
          const name = this.name();
          const init = this.eat('=') ? this.expression() : null;
          this.expect(';');
          return { type: 'Let', line: line, name: name, init: init, binding: null };
        }
        case 'if': {
          this.i++;
          this.expect('(');
          const test = this.expression();
          this.expect(')');
          const then = this.block();
          let otherwise = null;
          if (this.eat('else')) otherwise = this.is('if') ? this.statement() : this.block();
          return { type: 'If', line: line, test: test, then: then, otherwise: otherwise };
        }
        case 'while': {
          this.i++;
          this.expect('(');
          const test = this.expression();
          this.expect(')');
          return { type: 'While', line: line, test: test, body: this.block() };
        }
        case 'for': {
          this.i++;
          this.expect('(');
          const init = this.statement();
          const test = this.expression();
          this.expect(';');
          const update = this.expression();
          this.expect(')');
          return { type: 'For', line: line, init: init, test: test, update: update, body: this.block() };
        }
        case 'return': {
          this.i++;
          const arg = this.is(';') ? null : this.expression();
          this.expect(';');
          return { type: 'Return', line: line, arg: arg };
        }
        case 'break': this.i++; this.expect(';'); return { type: 'Break', line: line };
        case 'continue': this.i++; this.expect(';'); return { type: 'Continue', line: line };
        case 'switch': return this.switchStatement();
        default: break;
      }
    } else if (t.kind === T.PUNCT && t.text === '{') {
      return this.block();
    }
    const expr = this.expression();
    this.expect(';');
    return { type: 'ExprStmt', line: line, expr: expr };
  }
  switchStatement() {
    const line = this.tok.line;
    this.expect('switch');
    this.expect('(');
    const disc = this.expression();
    this.expect(')');
    this.expect('{');
    const cases = [];
    while (!this.eat('}')) {
      const cline = this.tok.line;
      let test = null;
      if (this.eat('case')) test = this.expression();
      else this.expect('default');
      this.expect(':');
      const body = [];
      while (!this.is('case') && !this.is('default') && !this.is('}')) body.push(this.statement());
      cases.push({ type: 'Case', line: cline, test: test, body: body });
    }
    return { type: 'Switch', line: line, disc: disc, cases: cases };
  }
  expression() {
    const left = this.conditional();
    const t = this.tok;
    if (t.kind === T.PUNCT && ASSIGN_OPS.has(t.text)) {
      if (left.type !== 'Name' && left.type !== 'Member' && left.type !== 'Index') this.error('bad assignment target');
      this.i++;
      return { type: 'Assign', line: t.line, op: t.text, target: left, value: this.expression() };
    }
    return left;
  }
  conditional() {
    const test = this.binary(1);
    if (!this.is('?')) return test;
    const line = this.tok.line;
    this.i++;
    const then = this.expression();
    this.expect(':');
    return { type: 'Cond', line: line, test: test, then: then, otherwise: this.expression() };
  }
  binary(minPrec) {
    let left = this.unary();
    for (;;) {
      const t = this.tok;
      if (t.kind !== T.PUNCT) return left;
      const prec = BINARY_PRECEDENCE.get(t.text);
      if (prec === undefined || prec < minPrec) return left;
      this.i++;
      const right = this.binary(prec + 1);
      left = t.text === '&&' || t.text === '||'
        ? { type: 'Logical', line: t.line, op: t.text, left: left, right: right }
        : { type: 'Binary', line: t.line, op: t.text, left: left, right: right };
    }
  }
  unary() {
    const t = this.tok;
    if (t.kind === T.PUNCT && (t.text === '-' || t.text === '!' || t.text === '~')) {
      this.i++;
      return { type: 'Unary', line: t.line, op: t.text, arg: this.unary() };
    }
    return this.postfix(this.primary());
  }
  args() {
    const list = [];
    if (!this.is(')')) {
      do list.push(this.expression()); while (this.eat(','));
    }
    this.expect(')');
    return list;
  }
  postfix(expr) {
    for (;;) {
      const t = this.tok;
      if (t.kind !== T.PUNCT) return expr;
      if (t.text === '.') {
        this.i++;
        expr = { type: 'Member', line: t.line, object: expr, name: this.name() };
      } else if (t.text === '[') {
        this.i++;
        const index = this.expression();
        this.expect(']');
        expr = { type: 'Index', line: t.line, object: expr, index: index };
      } else if (t.text === '(') {
        this.i++;
        expr = { type: 'Call', line: t.line, callee: expr, args: this.args() };
      } else return expr;
    }
  }
  primary() {
    const t = this.tok, line = t.line;
    this.i++;
    switch (t.kind) {
      case T.NUM: return { type: 'Num', line: line, value: t.value };
      case T.STR: return { type: 'Str', line: line, value: t.value };
      case T.NAME: return { type: 'Name', line: line, name: t.text, depth: -1, slot: -1 };
      case T.KEYWORD:
        switch (t.text) {
          case 'true': return { type: 'Bool', line: line, value: true };
          case 'false': return { type: 'Bool', line: line, value: false };
          case 'null': return { type: 'Null', line: line };
          case 'this': return { type: 'This', line: line };
          case 'new': {
            const cls = this.name();
            this.expect('(');
            return { type: 'New', line: line, cls: cls, args: this.args() };
          }
          case 'fn': {
            const params = this.params();
            return { type: 'Lambda', line: line, params: params, body: this.block(), info: null };
          }
        }
        break;
      case T.PUNCT:
        switch (t.text) {
          case '(': {
            const e = this.expression();
            this.expect(')');
            return e;
          }
          case '[': {
            const items = [];
            if (!this.is(']')) {
              do items.push(this.expression()); while (this.eat(','));
            }
            this.expect(']');
            return { type: 'Array', line: line, items: items };
          }
          case '{': {
            const props = [];
            if (!this.is('}')) {
              do {
                const key = this.name();
                this.expect(':');
                props.push({ key: key, value: this.expression() });
              } while (this.eat(','));
            }
            this.expect('}');
            return { type: 'Object', line: line, props: props };
          }
        }
        break;
    }
    this.i--;
    return this.error('unexpected token');
  }
}

// ---------------------------------------------------------------------
// Scopes: every name resolved to (depth, slot) or to a global.

class Binding {
  constructor(name, kind, slot, line) {
    this.name = name; this.kind = kind; this.slot = slot; this.line = line;
    this.uses = 0; this.writes = 0; this.captured = false;
  }
}

class FunctionInfo {
  constructor(name, parent) {
    this.name = name; this.parent = parent; this.slots = 0; this.maxSlots = 0;
    this.captures = new Map(); this.depth = parent ? parent.depth + 1 : 0;
  }
}

class Scope {
  constructor(parent, fn) { this.parent = parent; this.fn = fn; this.vars = new Map(); this.base = fn.slots; }
  declare(name, kind, line) {
    const b = new Binding(name, kind, this.fn.slots++, line);
    if (this.fn.slots > this.fn.maxSlots) this.fn.maxSlots = this.fn.slots;
    this.vars.set(name, b);
    return b;
  }
}

class Resolver {
  constructor() {
    this.scope = null; this.fn = null; this.globals = new Map(); this.warnings = [];
    this.classes = new Map(); this.functions = new Map(); this.resolved = 0;
  }
  enterFunction(name, params, line) {
    const fn = new FunctionInfo(name, this.fn);
    this.fn = fn;
    this.scope = new Scope(this.scope, fn);
    for (const p of params) this.scope.declare(p, 'param', line);
    return fn;
  }
  leaveFunction() { this.scope = this.scope.parent; this.fn = this.fn.parent; }
  enterBlock() { this.scope = new Scope(this.scope, this.fn); }
  leaveBlock() {
    const s = this.scope;
    for (const b of s.vars.values()) {
      if (b.uses === 0 && b.kind === 'let') this.warnings.push('line ' + b.line + ': ' + b.name + ' is never used');
    }
    this.fn.slots = s.base;
    this.scope = s.parent;
  }
  lookup(name) {
    for (let s = this.scope; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b !== undefined) return { binding: b, fn: s.fn };
    }
    return null;
  }
  program(ast) {
    this.enterFunction('<main>', [], 1);
    // hoist functions and classes so they can be used before they appear
    for (const d of ast.body) {
      if (d.type === 'FunctionDecl') this.functions.set(d.name, d);
      else if (d.type === 'ClassDecl') this.classes.set(d.name, d);
    }
    for (const d of ast.body) this.topLevel(d);
    ast.info = this.fn;
    this.leaveFunction();
  }
  topLevel(d) {
    switch (d.type) {
      case 'FunctionDecl': this.functionBody(d, d.name); break;
      case 'ClassDecl': this.classDecl(d); break;
      default: this.statement(d);
    }
  }
  functionBody(node, name) {
    node.info = this.enterFunction(name, node.params, node.line);
    this.statements(node.body.body);
    this.leaveFunction();
  }
  classDecl(d) {
    if (d.base !== null && !this.classes.has(d.base)) this.warnings.push('line ' + d.line + ': unknown base class ' + d.base);
    for (const f of d.fields) this.expression(f.init);
    for (const m of d.methods) this.functionBody(m, d.name + '.' + m.name);
  }
  statements(list) { for (let i = 0; i < list.length; i++) this.statement(list[i]); }
  statement(s) {
    switch (s.type) {
      case 'Let':
        if (s.init !== null) this.expression(s.init);
        if (this.scope.vars.has(s.name)) this.warnings.push('line ' + s.line + ': ' + s.name + ' redeclared');
        s.binding = this.scope.declare(s.name, 'let', s.line);
        break;
      case 'ExprStmt': this.expression(s.expr); break;
      case 'Return': if (s.arg !== null) this.expression(s.arg); break;
      case 'Break': case 'Continue': break;
      case 'If':
        this.expression(s.test);
        this.statement(s.then);
        if (s.otherwise !== null) this.statement(s.otherwise);
        break;
      case 'While': this.expression(s.test); this.statement(s.body); break;
      case 'For':
        this.enterBlock();
        this.statement(s.init);
        this.expression(s.test);
        this.expression(s.update);
        this.statement(s.body);
        this.leaveBlock();
        break;
      case 'Switch':
        this.expression(s.disc);
        this.enterBlock();
        for (const c of s.cases) {
          if (c.test !== null) this.expression(c.test);
          this.statements(c.body);
        }
        this.leaveBlock();
        break;
      case 'Block':
        this.enterBlock();
        this.statements(s.body);
        this.leaveBlock();
        break;
      default: throw new Error('resolver: statement ' + s.type);
    }
  }
  name(e, write) {
    const found = this.lookup(e.name);
    this.resolved++;
    if (found === null) {
      if (this.functions.has(e.name) || this.classes.has(e.name)) { e.depth = -2; return; }
      this.globals.set(e.name, (this.globals.get(e.name) || 0) + 1);
      e.depth = -1;
      return;
    }
    const b = found.binding;
    if (write) b.writes++; else b.uses++;
    e.slot = b.slot;
    e.depth = this.fn.depth - found.fn.depth;
    if (e.depth > 0) {
      b.captured = true;
      for (let f = this.fn; f !== found.fn; f = f.parent) f.captures.set(e.name, b);
    }
  }
  expression(e) {
    switch (e.type) {
      case 'Num': case 'Str': case 'Bool': case 'Null': case 'This': break;
      case 'Name': this.name(e, false); break;
      case 'Assign':
        if (e.target.type === 'Name') {
          // a compound assignment reads the variable too
          if (e.op !== '=') this.name(e.target, false);
          this.name(e.target, true);
        } else this.expression(e.target);
        this.expression(e.value);
        break;
      case 'Binary': case 'Logical': this.expression(e.left); this.expression(e.right); break;
      case 'Unary': this.expression(e.arg); break;
      case 'Cond': this.expression(e.test); this.expression(e.then); this.expression(e.otherwise); break;
      case 'Member': this.expression(e.object); break;
      case 'Index': this.expression(e.object); this.expression(e.index); break;
      case 'Call':
        this.expression(e.callee);
        for (const a of e.args) this.expression(a);
        if (e.callee.type === 'Name' && e.callee.depth === -2) {
          const f = this.functions.get(e.callee.name);
          if (f !== undefined && f.params.length !== e.args.length)
            this.warnings.push('line ' + e.line + ': ' + f.name + ' called with ' + e.args.length + ' arguments');
        }
        break;
      case 'New':
        if (!this.classes.has(e.cls)) this.warnings.push('line ' + e.line + ': unknown class ' + e.cls);
        for (const a of e.args) this.expression(a);
        break;
      case 'Array': for (const x of e.items) this.expression(x); break;
      case 'Object': for (const p of e.props) this.expression(p.value); break;
      case 'Lambda': this.functionBody(e, '<lambda:' + e.line + '>'); break;
      default: throw new Error('resolver: expression ' + e.type);
    }
  }
}

// ---------------------------------------------------------------------
// Constant folding and dead-branch removal (rewrites the AST in place).

function isConst(e) { return e.type === 'Num' || e.type === 'Str' || e.type === 'Bool' || e.type === 'Null'; }
function constValue(e) { return e.type === 'Null' ? null : e.value; }
function truthy(e) { const v = constValue(e); return v !== null && v !== false && v !== 0 && v !== ''; }
function makeConst(v, line) {
  if (typeof v === 'number') return v < 0 ? { type: 'Unary', line: line, op: '-', arg: { type: 'Num', line: line, value: -v } } : { type: 'Num', line: line, value: v };
  if (typeof v === 'string') return { type: 'Str', line: line, value: v };
  if (typeof v === 'boolean') return { type: 'Bool', line: line, value: v };
  return { type: 'Null', line: line };
}

class Folder {
  constructor() { this.folded = 0; this.removed = 0; }
  binary(op, a, b) {
    // Tiny's numbers are int32: arithmetic wraps, division truncates
    if (typeof a === 'number' && typeof b === 'number') {
      switch (op) {
        case '+': return (a + b) | 0;
        case '-': return (a - b) | 0;
        case '*': return Math.imul(a, b);
        case '/': return b === 0 ? undefined : (a / b) | 0;
        case '%': return b === 0 ? undefined : (a % b) | 0;
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        case '>=': return a >= b;
        case '==': return a === b;
        case '!=': return a !== b;
        case '&': return a & b;
        case '|': return a | b;
        case '^': return a ^ b;
        case '<<': return a << (b & 31);
        case '>>': return a >> (b & 31);
      }
      return undefined;
    }
    if (typeof a === 'string' && typeof b === 'string') {
      if (op === '+' && a.length + b.length < 64) return a + b;
      if (op === '==') return a === b;
      if (op === '!=') return a !== b;
    }
    return undefined;
  }
  expr(e) {
    switch (e.type) {
      case 'Binary': {
        e.left = this.expr(e.left);
        e.right = this.expr(e.right);
        let l = e.left;
        if (l.type === 'Unary' && l.op === '-' && l.arg.type === 'Num') l = { type: 'Num', value: -l.arg.value };
        let r = e.right;
        if (r.type === 'Unary' && r.op === '-' && r.arg.type === 'Num') r = { type: 'Num', value: -r.arg.value };
        if (isConst(l) && isConst(r)) {
          const v = this.binary(e.op, constValue(l), constValue(r));
          if (v !== undefined) { this.folded++; return makeConst(v, e.line); }
        }
        return e;
      }
      case 'Logical': {
        e.left = this.expr(e.left);
        e.right = this.expr(e.right);
        if (isConst(e.left)) {
          this.folded++;
          const t = truthy(e.left);
          return (e.op === '&&') === t ? e.right : e.left;
        }
        return e;
      }
      case 'Unary': {
        e.arg = this.expr(e.arg);
        const a = e.arg;
        if (a.type === 'Num' && e.op === '~') { this.folded++; return makeConst(~a.value, e.line); }
        if (isConst(a) && e.op === '!') { this.folded++; return makeConst(!truthy(a), e.line); }
        if (e.op === '-' && a.type === 'Unary' && a.op === '-') { this.folded++; return a.arg; }
        return e;
      }
      case 'Cond':
        e.test = this.expr(e.test);
        e.then = this.expr(e.then);
        e.otherwise = this.expr(e.otherwise);
        if (isConst(e.test)) { this.folded++; return truthy(e.test) ? e.then : e.otherwise; }
        return e;
      case 'Assign': e.target = this.expr(e.target); e.value = this.expr(e.value); return e;
      case 'Member': e.object = this.expr(e.object); return e;
      case 'Index': e.object = this.expr(e.object); e.index = this.expr(e.index); return e;
      case 'Call': e.callee = this.expr(e.callee); this.list(e.args); return e;
      case 'New': this.list(e.args); return e;
      case 'Array': this.list(e.items); return e;
      case 'Object': for (const p of e.props) p.value = this.expr(p.value); return e;
      case 'Lambda': this.block(e.body); return e;
      default: return e;
    }
  }
  list(items) { for (let i = 0; i < items.length; i++) items[i] = this.expr(items[i]); }
  block(b) { b.body = this.statements(b.body); return b; }
  statements(list) {
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const s = this.stmt(list[i]);
      if (s === null) { this.removed++; continue; }
      out.push(s);
      if (s.type === 'Return' || s.type === 'Break' || s.type === 'Continue') {
        this.removed += list.length - i - 1;
        break;
      }
    }
    return out;
  }
  stmt(s) {
    switch (s.type) {
      case 'Let': if (s.init !== null) s.init = this.expr(s.init); return s;
      case 'ExprStmt': s.expr = this.expr(s.expr); return isConst(s.expr) ? null : s;
      case 'Return': if (s.arg !== null) s.arg = this.expr(s.arg); return s;
      case 'If':
        s.test = this.expr(s.test);
        this.stmt(s.then);
        if (s.otherwise !== null) s.otherwise = this.stmt(s.otherwise);
        if (isConst(s.test)) {
          this.folded++;
          // a branch that declares variables keeps its block (scoping)
          return truthy(s.test) ? s.then : s.otherwise;
        }
        return s;
      case 'While':
        s.test = this.expr(s.test);
        this.block(s.body);
        return isConst(s.test) && !truthy(s.test) ? null : s;
      case 'For':
        this.stmt(s.init);
        s.test = this.expr(s.test);
        s.update = this.expr(s.update);
        this.block(s.body);
        return s;
      case 'Switch':
        s.disc = this.expr(s.disc);
        for (const c of s.cases) {
          if (c.test !== null) c.test = this.expr(c.test);
          c.body = this.statements(c.body);
        }
        return s;
      case 'Block': return this.block(s);
      default: return s;
    }
  }
  program(ast) {
    const out = [];
    for (const d of ast.body) {
      if (d.type === 'FunctionDecl') { this.block(d.body); out.push(d); }
      else if (d.type === 'ClassDecl') {
        for (const f of d.fields) f.init = this.expr(f.init);
        for (const m of d.methods) this.block(m.body);
        out.push(d);
      } else {
        const s = this.stmt(d);
        if (s !== null) out.push(s);
      }
    }
    ast.body = out;
  }
}

// ---------------------------------------------------------------------
// Code generation for a stack machine, with symbolic labels.

const OPS = [
  'push_num', 'push_str', 'push_true', 'push_false', 'push_null', 'push_this', 'get_local', 'set_local',
  'get_outer', 'set_outer', 'get_global', 'set_global', 'get_field', 'set_field', 'get_index', 'set_index',
  'binop', 'neg', 'not', 'bitnot', 'call', 'call_method', 'new', 'array', 'object', 'closure', 'pop', 'dup',
  'jump', 'jump_if_false', 'jump_if_true', 'return', 'return_null', 'label', 'swap', 'class', 'method', 'field',
];
const OP = {};
OPS.forEach(function (name, i) { OP[name] = i; });
const BINOP_CODES = new Map();
['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!=', '&', '|', '^', '<<', '>>'].forEach(function (op, i) { BINOP_CODES.set(op, i); });

class CodeUnit {
  constructor(name, params, slots) {
    this.name = name; this.params = params; this.slots = slots;
    this.ops = []; this.args = []; this.lines = []; this.labelCount = 0;
  }
}

class CodeGen {
  constructor() {
    this.units = [];
    this.strings = new Map();   // constant pool: string -> index
    this.stringList = [];
    this.unit = null;
    this.loops = [];
    this.line = 0;
  }
  str(s) {
    let i = this.strings.get(s);
    if (i === undefined) { i = this.stringList.length; this.strings.set(s, i); this.stringList.push(s); }
    return i;
  }
  emit(op, arg) { const u = this.unit; u.ops.push(op); u.args.push(arg === undefined ? 0 : arg); u.lines.push(this.line); }
  newLabel() { return this.unit.labelCount++; }
  label(l) { this.emit(OP.label, l); }
  withUnit(name, params, info, body) {
    const saved = this.unit, savedLoops = this.loops;
    const u = new CodeUnit(name, params.length, info ? info.maxSlots : 0);
    this.units.push(u);
    this.unit = u;
    this.loops = [];
    body();
    this.emit(OP.return_null);
    this.unit = saved;
    this.loops = savedLoops;
    return this.units.length - 1;
  }
  program(ast) {
    this.withUnit('<main>', [], ast.info, () => {
      for (const d of ast.body) {
        switch (d.type) {
          case 'FunctionDecl': {
            const idx = this.withUnit(d.name, d.params, d.info, () => this.statements(d.body.body));
            this.emit(OP.closure, idx);
            this.emit(OP.set_global, this.str(d.name));
            break;
          }
          case 'ClassDecl': this.classDecl(d); break;
          default: this.statement(d);
        }
      }
    });
  }
  classDecl(d) {
    this.line = d.line;
    if (d.base !== null) this.emit(OP.get_global, this.str(d.base)); else this.emit(OP.push_null);
    this.emit(OP.class, this.str(d.name));
    for (const f of d.fields) {
      this.expr(f.init);
      this.emit(OP.field, this.str(f.name));
    }
    for (const m of d.methods) {
      const idx = this.withUnit(d.name + '.' + m.name, m.params, m.info, () => this.statements(m.body.body));
      this.emit(OP.method, idx);
    }
    this.emit(OP.set_global, this.str(d.name));
  }
  statements(list) { for (let i = 0; i < list.length; i++) this.statement(list[i]); }
  statement(s) {
    this.line = s.line;
    switch (s.type) {
      case 'Let':
        if (s.init !== null) this.expr(s.init); else this.emit(OP.push_null);
        this.emit(OP.set_local, s.binding.slot);
        this.emit(OP.pop);
        break;
      case 'ExprStmt': this.expr(s.expr); this.emit(OP.pop); break;
      case 'Return':
        if (s.arg === null) this.emit(OP.return_null);
        else { this.expr(s.arg); this.emit(OP.return); }
        break;
      case 'Break': case 'Continue': {
        const loop = this.loops[this.loops.length - 1];
        if (loop === undefined) throw new CompileError(s.type.toLowerCase() + ' outside a loop', s.line);
        this.emit(OP.jump, s.type === 'Break' ? loop.exit : loop.next);
        break;
      }
      case 'If': {
        const elseL = this.newLabel(), endL = this.newLabel();
        this.condJump(s.test, false, elseL);
        this.statement(s.then);
        if (s.otherwise !== null) {
          this.emit(OP.jump, endL);
          this.label(elseL);
          this.statement(s.otherwise);
        } else this.label(elseL);
        this.label(endL);
        break;
      }
      case 'While': {
        const top = this.newLabel(), exit = this.newLabel();
        this.label(top);
        this.condJump(s.test, false, exit);
        this.loops.push({ exit: exit, next: top });
        this.statement(s.body);
        this.loops.pop();
        this.emit(OP.jump, top);
        this.label(exit);
        break;
      }
      case 'For': {
        const top = this.newLabel(), next = this.newLabel(), exit = this.newLabel();
        this.statement(s.init);
        this.label(top);
        this.condJump(s.test, false, exit);
        this.loops.push({ exit: exit, next: next });
        this.statement(s.body);
        this.loops.pop();
        this.label(next);
        this.expr(s.update);
        this.emit(OP.pop);
        this.emit(OP.jump, top);
        this.label(exit);
        break;
      }
      case 'Switch': {
        // compare-and-jump chain, then the bodies in order (fall through)
        const exit = this.newLabel();
        const labels = s.cases.map(() => this.newLabel());
        this.expr(s.disc);
        let defaultLabel = exit;
        s.cases.forEach((c, i) => {
          if (c.test === null) { defaultLabel = labels[i]; return; }
          this.emit(OP.dup);
          this.expr(c.test);
          this.emit(OP.binop, BINOP_CODES.get('=='));
          this.emit(OP.jump_if_true, labels[i]);
        });
        this.emit(OP.jump, defaultLabel);
        this.loops.push({ exit: exit, next: this.loops.length ? this.loops[this.loops.length - 1].next : exit });
        s.cases.forEach((c, i) => { this.label(labels[i]); this.statements(c.body); });
        this.loops.pop();
        this.label(exit);
        this.emit(OP.pop);
        break;
      }
      case 'Block': this.statements(s.body); break;
      default: throw new Error('codegen: statement ' + s.type);
    }
  }
  condJump(e, when, target) {
    if (e.type === 'Unary' && e.op === '!') return this.condJump(e.arg, !when, target);
    if (e.type === 'Logical') {
      if ((e.op === '&&') !== when) {
        this.condJump(e.left, when, target);
        this.condJump(e.right, when, target);
      } else {
        const skip = this.newLabel();
        this.condJump(e.left, !when, skip);
        this.condJump(e.right, when, target);
        this.label(skip);
      }
      return undefined;
    }
    this.expr(e);
    this.emit(when ? OP.jump_if_true : OP.jump_if_false, target);
    return undefined;
  }
  load(e) {
    if (e.depth === 0) this.emit(OP.get_local, e.slot);
    else if (e.depth > 0) this.emit(OP.get_outer, (e.depth << 16) | e.slot);
    else this.emit(OP.get_global, this.str(e.name));
  }
  store(e) {
    if (e.depth === 0) this.emit(OP.set_local, e.slot);
    else if (e.depth > 0) this.emit(OP.set_outer, (e.depth << 16) | e.slot);
    else this.emit(OP.set_global, this.str(e.name));
  }
  expr(e) {
    switch (e.type) {
      case 'Num': this.emit(OP.push_num, e.value); break;
      case 'Str': this.emit(OP.push_str, this.str(e.value)); break;
      case 'Bool': this.emit(e.value ? OP.push_true : OP.push_false); break;
      case 'Null': this.emit(OP.push_null); break;
      case 'This': this.emit(OP.push_this); break;
      case 'Name': this.load(e); break;
      case 'Assign': this.assign(e); break;
      case 'Binary':
        this.expr(e.left);
        this.expr(e.right);
        this.emit(OP.binop, BINOP_CODES.get(e.op));
        break;
      case 'Logical': {
        const end = this.newLabel();
        this.expr(e.left);
        this.emit(OP.dup);
        this.emit(e.op === '&&' ? OP.jump_if_false : OP.jump_if_true, end);
        this.emit(OP.pop);
        this.expr(e.right);
        this.label(end);
        break;
      }
      case 'Unary':
        this.expr(e.arg);
        this.emit(e.op === '-' ? OP.neg : e.op === '!' ? OP.not : OP.bitnot);
        break;
      case 'Cond': {
        const elseL = this.newLabel(), end = this.newLabel();
        this.condJump(e.test, false, elseL);
        this.expr(e.then);
        this.emit(OP.jump, end);
        this.label(elseL);
        this.expr(e.otherwise);
        this.label(end);
        break;
      }
      case 'Member': this.expr(e.object); this.emit(OP.get_field, this.str(e.name)); break;
      case 'Index': this.expr(e.object); this.expr(e.index); this.emit(OP.get_index); break;
      case 'Call':
        if (e.callee.type === 'Member') {
          this.expr(e.callee.object);
          for (const a of e.args) this.expr(a);
          this.emit(OP.call_method, (this.str(e.callee.name) << 8) | e.args.length);
        } else {
          this.expr(e.callee);
          for (const a of e.args) this.expr(a);
          this.emit(OP.call, e.args.length);
        }
        break;
      case 'New':
        this.emit(OP.get_global, this.str(e.cls));
        for (const a of e.args) this.expr(a);
        this.emit(OP.new, e.args.length);
        break;
      case 'Array':
        for (const x of e.items) this.expr(x);
        this.emit(OP.array, e.items.length);
        break;
      case 'Object':
        for (const p of e.props) { this.emit(OP.push_str, this.str(p.key)); this.expr(p.value); }
        this.emit(OP.object, e.props.length);
        break;
      case 'Lambda': {
        const idx = this.withUnit('<lambda>', e.params, e.info, () => this.statements(e.body.body));
        this.emit(OP.closure, idx);
        break;
      }
      default: throw new Error('codegen: expression ' + e.type);
    }
  }
  assign(e) {
    const t = e.target;
    const compound = e.op !== '=' ? BINOP_CODES.get(e.op.charAt(0)) : -1;
    switch (t.type) {
      case 'Name':
        if (compound >= 0) this.load(t);
        this.expr(e.value);
        if (compound >= 0) this.emit(OP.binop, compound);
        this.store(t);
        break;
      case 'Member':
        this.expr(t.object);
        if (compound >= 0) { this.emit(OP.dup); this.emit(OP.get_field, this.str(t.name)); }
        this.expr(e.value);
        if (compound >= 0) this.emit(OP.binop, compound);
        this.emit(OP.set_field, this.str(t.name));
        break;
      case 'Index':
        this.expr(t.object);
        this.expr(t.index);
        if (compound >= 0) throw new CompileError('compound assignment to an element', e.line);
        this.expr(e.value);
        this.emit(OP.set_index);
        break;
      default: throw new CompileError('bad target', e.line);
    }
  }
}

// Peephole pass over one unit: drops 'set_local n; pop; get_local n'
// round trips, jumps to the next instruction, and code after an
// unconditional jump or return up to the next label.
function peephole(u) {
  const ops = u.ops, args = u.args, lines = u.lines;
  const nops = [], nargs = [], nlines = [];
  let removed = 0, dead = false;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op === OP.label) dead = false;
    else if (dead) { removed++; continue; }
    if (op === OP.set_local && ops[i + 1] === OP.pop && ops[i + 2] === OP.get_local && args[i + 2] === args[i]) {
      nops.push(op); nargs.push(args[i]); nlines.push(lines[i]);
      i += 2; removed += 2;
      continue;
    }
    if (op === OP.jump && ops[i + 1] === OP.label && args[i + 1] === args[i]) { removed++; continue; }
    if (op === OP.push_num && ops[i + 1] === OP.pop) { i++; removed += 2; continue; }
    nops.push(op); nargs.push(args[i]); nlines.push(lines[i]);
    if (op === OP.jump || op === OP.return || op === OP.return_null) dead = true;
  }
  u.ops = nops; u.args = nargs; u.lines = nlines;
  return removed;
}

// The assembler: labels to offsets, each instruction as two int32 words
// (opcode | line << 8, argument); numbers that are not int32 go to a
// pool of doubles.
function assemble(u, numbers) {
  const offsets = new Int32Array(u.labelCount).fill(-1);
  let n = 0;
  for (let i = 0; i < u.ops.length; i++) {
    if (u.ops[i] === OP.label) offsets[u.args[i]] = n; else n++;
  }
  const code = new Int32Array(n * 2);
  let k = 0;
  for (let i = 0; i < u.ops.length; i++) {
    const op = u.ops[i];
    let arg = u.args[i];
    switch (op) {
      case OP.label: continue;
      case OP.jump: case OP.jump_if_false: case OP.jump_if_true:
        arg = offsets[arg];
        if (arg < 0) throw new Error('unbound label');
        break;
      case OP.push_num:
        if ((arg | 0) !== arg) { numbers.push(arg); arg = -numbers.length; }
        break;
    }
    code[k++] = op | (u.lines[i] << 8);
    code[k++] = arg;
  }
  return code;
}

function disassemble(name, code, strings) {
  let out = name + ':\n';
  for (let i = 0; i < code.length; i += 2) {
    const op = code[i] & 255, arg = code[i + 1];
    let text = OPS[op];
    switch (op) {
      case OP.push_str: case OP.get_global: case OP.set_global: case OP.get_field: case OP.set_field:
      case OP.field: case OP.class:
        text += ' ' + JSON.stringify(strings[arg]);
        break;
      case OP.call_method: text += ' ' + strings[arg >> 8] + '/' + (arg & 255); break;
      case OP.get_outer: case OP.set_outer: text += ' ' + (arg >> 16) + ':' + (arg & 0xffff); break;
      case OP.push_num: case OP.get_local: case OP.set_local: case OP.jump: case OP.jump_if_false:
      case OP.jump_if_true: case OP.call: case OP.new: case OP.array: case OP.object: case OP.closure:
      case OP.binop: case OP.method:
        text += ' ' + arg;
        break;
    }
    out += '  ' + (i >> 1) + ' ' + text + '   ; line ' + (code[i] >>> 8) + '\n';
  }
  return out;
}

// ---------------------------------------------------------------------
// The formatter: AST back to Tiny source, fully parenthesized by need.

class Formatter {
  constructor() { this.parts = []; this.depth = 0; }
  out(text) { this.parts.push('  '.repeat(this.depth) + text + '\n'); }
  expr(e, prec) {
    switch (e.type) {
      case 'Num': return String(e.value);
      case 'Str': return JSON.stringify(e.value);
      case 'Bool': return e.value ? 'true' : 'false';
      case 'Null': return 'null';
      case 'This': return 'this';
      case 'Name': return e.name;
      case 'Assign': return this.paren(this.expr(e.target, 20) + ' ' + e.op + ' ' + this.expr(e.value, 0), prec > 0);
      case 'Cond':
        return this.paren(this.expr(e.test, 1) + ' ? ' + this.expr(e.then, 0) + ' : ' + this.expr(e.otherwise, 0), prec > 0);
      case 'Binary': case 'Logical': {
        const p = BINARY_PRECEDENCE.get(e.op);
        return this.paren(this.expr(e.left, p) + ' ' + e.op + ' ' + this.expr(e.right, p + 1), p < prec);
      }
      case 'Unary': return this.paren(e.op + this.expr(e.arg, 15), prec > 15);
      case 'Member': return this.expr(e.object, 20) + '.' + e.name;
      case 'Index': return this.expr(e.object, 20) + '[' + this.expr(e.index, 0) + ']';
      case 'Call': return this.expr(e.callee, 20) + '(' + e.args.map((a) => this.expr(a, 0)).join(', ') + ')';
      case 'New': return 'new ' + e.cls + '(' + e.args.map((a) => this.expr(a, 0)).join(', ') + ')';
      case 'Array': return '[' + e.items.map((a) => this.expr(a, 0)).join(', ') + ']';
      case 'Object': return '{' + e.props.map((p) => p.key + ': ' + this.expr(p.value, 0)).join(', ') + '}';
      case 'Lambda': {
        const inner = new Formatter();
        inner.depth = this.depth;
        inner.statements(e.body.body, 1);
        return this.paren('fn (' + e.params.join(', ') + ') {\n' + inner.parts.join('') + '  '.repeat(this.depth) + '}', prec > 0);
      }
      default: throw new Error('format: ' + e.type);
    }
  }
  paren(text, yes) { return yes ? '(' + text + ')' : text; }
  statements(list, extra) {
    this.depth += extra;
    for (let i = 0; i < list.length; i++) this.statement(list[i]);
    this.depth -= extra;
  }
  blockBody(b) { this.statements(b.body, 1); }
  statement(s) {
    switch (s.type) {
      case 'Let': this.out('let ' + s.name + (s.init !== null ? ' = ' + this.expr(s.init, 0) : '') + ';'); break;
      case 'ExprStmt': {
        // an expression statement may not start with '{' or 'fn'
        const text = this.expr(s.expr, 0);
        this.out((text.charAt(0) === '{' || text.startsWith('fn ') ? '(' + text + ')' : text) + ';');
        break;
      }
      case 'Return': this.out(s.arg === null ? 'return;' : 'return ' + this.expr(s.arg, 0) + ';'); break;
      case 'Break': this.out('break;'); break;
      case 'Continue': this.out('continue;'); break;
      case 'If':
        this.out('if (' + this.expr(s.test, 0) + ') {');
        this.blockBody(s.then);
        if (s.otherwise !== null) {
          this.out('} else {');
          if (s.otherwise.type === 'Block') this.blockBody(s.otherwise); else this.statements([s.otherwise], 1);
        }
        this.out('}');
        break;
      case 'While':
        this.out('while (' + this.expr(s.test, 0) + ') {');
        this.blockBody(s.body);
        this.out('}');
        break;
      case 'For': {
        const init = s.init.type === 'Let' ? 'let ' + s.init.name + ' = ' + this.expr(s.init.init, 0) : this.expr(s.init.expr, 0);
        this.out('for (' + init + '; ' + this.expr(s.test, 0) + '; ' + this.expr(s.update, 0) + ') {');
        this.blockBody(s.body);
        this.out('}');
        break;
      }
      case 'Switch':
        this.out('switch (' + this.expr(s.disc, 0) + ') {');
        for (const c of s.cases) {
          this.out(c.test === null ? 'default:' : 'case ' + this.expr(c.test, 0) + ':');
          this.statements(c.body, 1);
        }
        this.out('}');
        break;
      case 'Block':
        this.out('{');
        this.blockBody(s);
        this.out('}');
        break;
      case 'FunctionDecl':
        this.out('fn ' + s.name + '(' + s.params.join(', ') + ') {');
        this.blockBody(s.body);
        this.out('}');
        break;
      case 'ClassDecl':
        this.out('class ' + s.name + (s.base !== null ? ' extends ' + s.base : '') + ' {');
        this.depth++;
        for (const f of s.fields) this.out('field ' + f.name + ' = ' + this.expr(f.init, 0) + ';');
        for (const m of s.methods) {
          this.out(m.name + '(' + m.params.join(', ') + ') {');
          this.blockBody(m.body);
          this.out('}');
        }
        this.depth--;
        this.out('}');
        break;
      default: throw new Error('format: statement ' + s.type);
    }
  }
  program(ast) {
    for (const d of ast.body) this.statement(d);
    return this.parts.join('');
  }
}

// ---------------------------------------------------------------------
// The driver.

function countNodes(v) {
  if (Array.isArray(v)) { let n = 0; for (const x of v) n += countNodes(x); return n; }
  if (v === null || typeof v !== 'object' || v instanceof FunctionInfo || v instanceof Binding) return 0;
  let n = typeof v.type === 'string' ? 1 : 0;
  for (const k in v) if (k !== 'info' && k !== 'binding') n += countNodes(v[k]);
  return n;
}

function compile(src, stats) {
  const lexer = new Lexer(src);
  const tokens = lexer.tokenize();
  stats.tokens += tokens.length;
  stats.comments += lexer.comments;
  const ast = new Parser(tokens).program();
  stats.nodes += countNodes(ast);
  const folder = new Folder();
  folder.program(ast);
  stats.folded += folder.folded;
  stats.removed += folder.removed;
  const resolver = new Resolver();
  resolver.program(ast);
  stats.warnings += resolver.warnings.length;
  stats.globals += resolver.globals.size;
  for (const w of resolver.warnings) stats.diagnostics = hashString(stats.diagnostics, w);
  for (const [name, uses] of resolver.globals) stats.diagnostics = hashInt(hashString(stats.diagnostics, name), uses);
  const gen = new CodeGen();
  gen.program(ast);
  const numbers = [];
  let words = 0, h = 0;
  for (const u of gen.units) {
    stats.peephole += peephole(u);
    const code = assemble(u, numbers);
    words += code.length;
    // the code without its line numbers
    for (let i = 0; i < code.length; i++) h = hashInt(h, (i & 1) ? code[i] : code[i] & 255);
    if (u.slots > stats.maxSlots) stats.maxSlots = u.slots;
    // disassemble one unit in 16, as a debugging dump would
    if ((u.ops.length & 15) === 0) stats.listing = hashString(stats.listing, disassemble(u.name, code, gen.stringList));
  }
  stats.units += gen.units.length;
  stats.words += words;
  stats.strings += gen.stringList.length;
  return { ast: ast, hash: h };
}

function main() {
  const src = new SourceGen(0x5eed1234).program(500000);
  const stats = {
    tokens: 0, comments: 0, nodes: 0, warnings: 0, globals: 0, folded: 0, removed: 0,
    peephole: 0, units: 0, words: 0, strings: 0, maxSlots: 0, listing: 0, diagnostics: 0,
  };
  const first = compile(src, stats);
  const formatted = new Formatter().program(first.ast);
  // the formatted program compiles to the same code and formats the same
  const second = compile(formatted, stats);
  const again = new Formatter().program(second.ast);
  if (again !== formatted) throw new Error('formatter is not idempotent');
  if (second.hash !== first.hash) throw new Error('formatted program compiles differently');
  let check = hashString(first.hash, formatted);
  for (const k of Object.keys(stats)) check = hashInt(check, stats[k]);
  log('compiler: checksum ' + (check >>> 0) + ' source ' + src.length + ' tokens ' + stats.tokens +
      ' nodes ' + stats.nodes + ' folded ' + stats.folded + ' units ' + stats.units + ' warnings ' + stats.warnings);
}
main();
