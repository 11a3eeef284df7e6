import { describe, expect, it } from 'vitest';
import { build } from '../../../src/graph/build.js';
import { nodeName, sourceText } from '../../../src/render/node-text.js';
import { parse } from '../../../src/syntax/parser.js';

function texts(src: string, at: Record<string, number>): string[] {
  const built = build(parse(src), new Map(Object.entries(at)));
  return built.graph.nodes.filter((v) => v.inputs.length > 0).map((v) => sourceText(src, v));
}

describe('sourceText: a node as the user wrote it', () => {
  it('takes back the parentheses a span cuts through', () => {
    expect(texts('y = (a + b)*c; z = -(y) + sin( a )', { a: 1, b: 2, c: 3 }))
      .toEqual(['a + b', '(a + b)*c', '-(y)', 'sin( a )', '-(y) + sin( a )']);
    expect(texts('((a+b))*((c))', { a: 1, b: 2, c: 3 })).toEqual(['a+b', '((a+b))*((c))']);
  });

  it('shows line breaks as spaces and cuts long text', () => {
    expect(texts('y = a +\n  b', { a: 1, b: 2 })).toEqual(['a + b']);
    const long = Array.from({ length: 40 }, (_, i) => `x${i}`).join('+');
    const at = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x${i}`, i]));
    const last = texts(long, at).at(-1)!;
    expect([...last].length).toBe(48);
    expect(last.endsWith('…')).toBe(true);
  });

  it('nodeName: a label, or the expression in parentheses', () => {
    const src = 'y = sin(x)*2';
    const built = build(parse(src), new Map([['x', 1]]));
    const [x, sin] = built.graph.nodes;
    expect(nodeName(x!, src)).toBe('x');
    expect(nodeName(sin!, src)).toBe('(sin(x))');
    expect(nodeName(built.output, src)).toBe('y');
  });
});
