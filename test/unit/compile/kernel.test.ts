import { describe, expect, it } from 'vitest';
import { kernelSource } from '../../../src/compile/kernel.js';
import { Tape } from '../../../src/compile/tape.js';
import { build } from '../../../src/graph/build.js';
import { parse } from '../../../src/syntax/parser.js';

describe('generated kernel', () => {
  it('holds only indices, op codes and fixed identifiers, never program text', () => {
    const source = 'constructor = __proto__*2.5e3; alert = max(constructor, toString, 1); L = log(alert, 10) + sin(pi)';
    const at = new Map([['__proto__', 1], ['toString', 2]]);
    const built = build(parse(source), at);
    const tape = new Tape(built.graph.nodes, [built.output]);
    expect(tape.compiled).toBe(true);
    const { body } = kernelSource(tape);
    for (const word of ['constructor', '__proto__', 'alert', 'toString', '2.5', 'pi', 'log', 'max']) {
      expect(body).not.toContain(word);
    }
    // Identifiers are O<code>, S<n>, d, g, L, X and the methods forward/backward/f/df/da/db/dx/fill.
    const words = new Set(body.match(/[A-Za-z_$][A-Za-z0-9_$]*/g));
    for (const w of words) {
      expect(w).toMatch(/^(O\d+|S\d+|d|g|L|X|f|df|da|db|dx|fill|forward|backward|const|return|use|strict)$/);
    }
  });
});
