// An emulator: a 16-bit accumulator/register CPU with 64 KB of memory in a
// Uint8Array, registers in a Uint16Array, flags computed with bit
// operations and a large switch over the opcode byte, as emulators of old
// machines are written. A small assembler builds a program that runs a
// sieve of Eratosthenes, a bubble sort and a checksum loop.
// Prints the machine's final state.
'use strict';
var log = typeof print === 'function' ? print : console.log;

// Opcodes. Operands: r = register nibble(s) in one byte, imm16 little endian.
var OP = { NOP: 0, LDI: 1, MOV: 2, ADD: 3, SUB: 4, AND: 5, OR: 6, XOR: 7, SHL: 8, SHR: 9,
  INC: 10, DEC: 11, CMP: 12, CMPI: 13, JMP: 14, JZ: 15, JNZ: 16, JC: 17, JNC: 18,
  LDB: 19, STB: 20, LDW: 21, STW: 22, PUSH: 23, POP: 24, CALL: 25, RET: 26, ADDI: 27,
  MUL: 28, HALT: 29, LDBX: 30, STBX: 31 };

function CPU(mem) {
  this.mem = mem;
  this.r = new Uint16Array(8);
  this.pc = 0; this.sp = 0xfff0; this.z = 0; this.c = 0; this.halted = false; this.cycles = 0;
}
CPU.prototype.fetch8 = function () { var v = this.mem[this.pc]; this.pc = (this.pc + 1) & 0xffff; return v; };
CPU.prototype.fetch16 = function () { var lo = this.fetch8(); return lo | (this.fetch8() << 8); };
CPU.prototype.read16 = function (a) { return this.mem[a & 0xffff] | (this.mem[(a + 1) & 0xffff] << 8); };
CPU.prototype.write16 = function (a, v) { this.mem[a & 0xffff] = v & 0xff; this.mem[(a + 1) & 0xffff] = v >>> 8; };
CPU.prototype.setZC = function (res) { this.c = (res >>> 16) & 1; this.z = (res & 0xffff) === 0 ? 1 : 0; return res & 0xffff; };

CPU.prototype.step = function () {
  var op = this.fetch8(), r = this.r, a, b, d, s, t;
  this.cycles++;
  switch (op) {
    case 0: break;
    case 1: d = this.fetch8(); r[d & 7] = this.fetch16(); break;
    case 2: d = this.fetch8(); r[d >> 4] = r[d & 7]; break;
    case 3: d = this.fetch8(); r[d >> 4] = this.setZC(r[d >> 4] + r[d & 7]); break;
    case 4: d = this.fetch8(); r[d >> 4] = this.setZC((r[d >> 4] - r[d & 7]) & 0x1ffff); break;
    case 5: d = this.fetch8(); r[d >> 4] = this.setZC(r[d >> 4] & r[d & 7]); break;
    case 6: d = this.fetch8(); r[d >> 4] = this.setZC(r[d >> 4] | r[d & 7]); break;
    case 7: d = this.fetch8(); r[d >> 4] = this.setZC(r[d >> 4] ^ r[d & 7]); break;
    case 8: d = this.fetch8(); r[d >> 4] = this.setZC(r[d >> 4] << (r[d & 7] & 15)); break;
    case 9: d = this.fetch8(); r[d >> 4] = this.setZC(r[d >> 4] >>> (r[d & 7] & 15)); break;
    case 10: d = this.fetch8() & 7; r[d] = this.setZC(r[d] + 1); break;
    case 11: d = this.fetch8() & 7; r[d] = this.setZC((r[d] - 1) & 0x1ffff); break;
    case 12: d = this.fetch8(); this.setZC((r[d >> 4] - r[d & 7]) & 0x1ffff); break;
    case 13: d = this.fetch8() & 7; this.setZC((r[d] - this.fetch16()) & 0x1ffff); break;
    case 14: this.pc = this.fetch16(); break;
    case 15: a = this.fetch16(); if (this.z) this.pc = a; break;
    case 16: a = this.fetch16(); if (!this.z) this.pc = a; break;
    case 17: a = this.fetch16(); if (this.c) this.pc = a; break;
    case 18: a = this.fetch16(); if (!this.c) this.pc = a; break;
    case 19: d = this.fetch8(); r[d >> 4] = this.mem[r[d & 7]]; break;
    case 20: d = this.fetch8(); this.mem[r[d >> 4]] = r[d & 7] & 0xff; break;
    case 21: d = this.fetch8(); r[d >> 4] = this.read16(r[d & 7]); break;
    case 22: d = this.fetch8(); this.write16(r[d >> 4], r[d & 7]); break;
    case 23: d = this.fetch8() & 7; this.sp = (this.sp - 2) & 0xffff; this.write16(this.sp, r[d]); break;
    case 24: d = this.fetch8() & 7; r[d] = this.read16(this.sp); this.sp = (this.sp + 2) & 0xffff; break;
    case 25: a = this.fetch16(); this.sp = (this.sp - 2) & 0xffff; this.write16(this.sp, this.pc); this.pc = a; break;
    case 26: this.pc = this.read16(this.sp); this.sp = (this.sp + 2) & 0xffff; break;
    case 27: d = this.fetch8() & 7; r[d] = this.setZC(r[d] + this.fetch16()); break;
    case 28: d = this.fetch8(); t = Math.imul(r[d >> 4], r[d & 7]); r[d >> 4] = this.setZC(t & 0xffff); break;
    case 29: this.halted = true; break;
    case 30: d = this.fetch8(); s = this.fetch16(); r[d >> 4] = this.mem[(r[d & 7] + s) & 0xffff]; break;
    case 31: d = this.fetch8(); s = this.fetch16(); this.mem[(r[d >> 4] + s) & 0xffff] = r[d & 7] & 0xff; break;
    default: throw new Error('bad opcode ' + op + ' at ' + (this.pc - 1));
  }
};
CPU.prototype.run = function (max) {
  while (!this.halted && this.cycles < max) this.step();
};

// A two-pass assembler over an array of instruction tuples and labels.
function assemble(prog) {
  var labels = {}, pc = 0, i, ins;
  function size(ins) {
    switch (ins[0]) {
      case 'LDI': case 'CMPI': case 'ADDI': return 4;
      case 'LDBX': case 'STBX': return 4;
      case 'JMP': case 'JZ': case 'JNZ': case 'JC': case 'JNC': case 'CALL': return 3;
      case 'RET': case 'HALT': case 'NOP': return 1;
      default: return 2;
    }
  }
  for (i = 0; i < prog.length; i++) {
    if (typeof prog[i] === 'string') labels[prog[i]] = pc; else pc += size(prog[i]);
  }
  var out = [];
  function imm(v) { if (typeof v === 'string') v = labels[v]; out.push(v & 0xff, (v >> 8) & 0xff); }
  for (i = 0; i < prog.length; i++) {
    ins = prog[i];
    if (typeof ins === 'string') continue;
    var op = OP[ins[0]];
    out.push(op);
    switch (ins[0]) {
      case 'LDI': case 'CMPI': case 'ADDI': out.push(ins[1]); imm(ins[2]); break;
      case 'LDBX': case 'STBX': out.push(ins[1] << 4 | ins[2]); imm(ins[3]); break;
      case 'JMP': case 'JZ': case 'JNZ': case 'JC': case 'JNC': case 'CALL': imm(ins[1]); break;
      case 'RET': case 'HALT': case 'NOP': break;
      case 'INC': case 'DEC': case 'PUSH': case 'POP': out.push(ins[1]); break;
      default: out.push(ins[1] << 4 | ins[2]);
    }
  }
  return out;
}

var N = 8000, SIEVE = 0x4000, ARR = 0x8000, ALEN = 300;
var program = assemble([
  // sieve of Eratosthenes over N bytes at SIEVE; r7 counts primes
  ['LDI', 0, 2], ['LDI', 7, 0],
  'outer', ['CMPI', 0, N], ['JNC', 'sieved'],
  ['LDBX', 1, 0, SIEVE], ['LDI', 2, 0], ['CMP', 1, 2], ['JNZ', 'next'],
  ['INC', 7], ['MOV', 3, 0], ['ADD', 3, 0],
  'mark', ['CMPI', 3, N], ['JNC', 'next'], ['LDI', 4, 1], ['STBX', 3, 4, SIEVE], ['ADD', 3, 0], ['JMP', 'mark'],
  'next', ['INC', 0], ['JMP', 'outer'],
  'sieved',
  // fill ARR with pseudo-random bytes: x = x * 75 + 74
  ['LDI', 0, 0], ['LDI', 1, 1], ['LDI', 5, 75],
  'fill', ['CMPI', 0, ALEN], ['JNC', 'filled'], ['MUL', 1, 5], ['ADDI', 1, 74], ['STBX', 0, 1, ARR], ['INC', 0], ['JMP', 'fill'],
  'filled',
  // bubble sort ARR
  ['LDI', 0, ALEN - 1],
  'pass', ['LDI', 2, 0], ['CMP', 0, 2], ['JZ', 'sorted'], ['LDI', 1, 0],
  'inner', ['CMP', 1, 0], ['JNC', 'endpass'],
  ['LDBX', 3, 1, ARR], ['LDBX', 4, 1, ARR + 1], ['CMP', 4, 3], ['JNC', 'noswap'],
  ['STBX', 1, 4, ARR], ['STBX', 1, 3, ARR + 1],
  'noswap', ['INC', 1], ['JMP', 'inner'],
  'endpass', ['DEC', 0], ['JMP', 'pass'],
  'sorted',
  // checksum of ARR through a subroutine
  ['LDI', 0, 0], ['LDI', 6, 0],
  'sum', ['CMPI', 0, ALEN], ['JNC', 'done'], ['CALL', 'acc'], ['INC', 0], ['JMP', 'sum'],
  'done', ['HALT'],
  'acc', ['PUSH', 1], ['LDBX', 1, 0, ARR], ['LDI', 2, 3], ['SHL', 6, 2], ['XOR', 6, 1], ['ADD', 6, 1], ['POP', 1], ['RET']
]);

var total = 0;
for (var round = 0; round < 6; round++) {
  var mem = new Uint8Array(65536);
  mem.set(program, 0);
  var cpu = new CPU(mem);
  cpu.run(1e8);
  total += cpu.r[7] + cpu.r[6] + cpu.cycles;
}
log('emulator: checksum ' + total + ' primes ' + cpu.r[7] + ' cycles ' + cpu.cycles);
