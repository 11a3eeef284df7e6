import { describe, expect, it } from 'vitest';
import { Graph } from '../../../src/graph/value.js';
import { backward } from '../../../src/compile/sweep.js';
import { escapeLabel, escapeRecord, toDot } from '../../../src/render/dot.js';
import { gradient, toDot as libraryToDot } from '../../../src/index.js';

describe('toDot', () => {
  it('escapes record characters and quotes in labels', () => {
    expect(escapeRecord('a{b}|c<d>"e\\')).toBe('a\\{b\\}\\|c\\<d\\>\\"e\\\\');
    expect(escapeLabel('say "hi" \\')).toBe('say \\"hi\\" \\\\');
    expect(escapeRecord('line\nbreak')).toBe('line break');
    const g = new Graph();
    const x = g.variable('x{|}<>"', 2);
    const y = g.apply('sin', [x]);
    g.name(y, 'my "node"');
    backward(g.nodes, y);
    const dot = toDot({ graph: g, output: y });
    expect(dot).toContain('label="{ x\\{\\|\\}\\<\\>\\" | data 2.0000 | grad -0.4161 }"');
    expect(dot).toContain('label="{ my \\"node\\" | data 0.9093 | grad 1.0000 }"');
    expect(dot).toContain('label="sin"');
  });

  it('draws only what the output depends on; constants are unlabeled records', () => {
    const r = gradient('unused = y*3; z = 2*x', { x: 1, y: 5 });
    const dot = libraryToDot(r.built);
    expect(dot).toContain('label="{  | data 2.0000 | grad 0.0000 }"');
    expect(dot).toContain('label="{ x | data 1.0000 | grad 2.0000 }"');
    expect(dot).not.toContain('{ y |');
  });

  it('shows tiny and huge numbers in exponent form, never a misleading 0.0000', () => {
    const r = gradient('1e-7*x + 0*y', { x: 1e20, y: 1 });
    const dot = libraryToDot(r.built);
    expect(dot).toContain('{ x | data 1.0000e+20 | grad 1.0000e-7 }');
  });

  it('a 100,000-deep chain is drawn without recursion', () => {
    const g = new Graph();
    let v = g.variable('x', 0.5);
    for (let i = 0; i < 100_000; i++) v = g.apply('sin', [v]);
    backward(g.nodes, v);
    const dot = toDot({ graph: g, output: v });
    // header, records, op defaults, ops, two edges per op, closing brace, final newline.
    expect(dot.split('\n').length).toBe(4 + 100_001 + 1 + 100_000 + 2 * 100_000 + 1 + 1);
  });
});
