// Clipping lines to the y-range, and gaps from sampled curves.
import { describe, expect, it } from 'vitest';
import { clipLine, curvePoints } from '../../../../src/render/plot/figure.js';

describe('clipLine', () => {
  it('keeps a line inside the range as it is', () => {
    expect(clipLine([[0, 0], [1, 1], [2, 0.5]], -1, 1)).toEqual([[0, 0], [1, 1], [2, 0.5]]);
  });

  it('ends a line at the edge it leaves by and starts it again where it comes back', () => {
    expect(clipLine([[0, 0], [1, 2], [2, 0]], -1, 1)).toEqual([[0, 0], [0.5, 1], undefined, [1.5, 1], [2, 0]]);
  });

  it('draws the part of a segment that crosses the whole range', () => {
    expect(clipLine([[0, -3], [1, 3]], -1, 1)).toEqual([[1 / 3, -1], [2 / 3, 1]]);
  });

  it('drops what lies beyond one edge, and splits at gaps and NaN', () => {
    expect(clipLine([[0, 5], [1, 6]], -1, 1)).toEqual([]);
    expect(clipLine([[0, 0], undefined, [1, 0], [2, NaN], [3, 0]], -1, 1)).toEqual([[0, 0], undefined, [1, 0], undefined, [3, 0]]);
  });
});

describe('curvePoints', () => {
  it('puts a gap at a break and at a non-finite value', () => {
    expect(curvePoints([0, 1, 2, 3], [0, 1, Infinity, 3], [1, 0, 0])).toEqual([[0, 0], undefined, [1, 1], undefined, [3, 3]]);
  });
});
