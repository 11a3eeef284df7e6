// Every picture of up to 200 value nodes, in every shape that stresses the
// layout (deep, wide, fan, dense, named steps), as SVG and PNG: drawn within
// the pixel budget, or refused with a message (exit 2). Never an internal
// error (exit 3), never an unbounded image.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PNG_MAX_PIXELS, PNG_MAX_SIDE } from '../../src/render/picture.js';
import { runCli } from '../helpers/cli.js';
import { SHAPES, shapedProgram } from '../helpers/shapes.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-pictures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REFUSED = /^error: (the graph is too deep for a PNG|the picture is too large for a PNG|Graphviz did not finish laying out the graph)/;

describe('pictures of 100 to 200 value nodes', () => {
  for (const shape of SHAPES) {
    for (const [n, formats] of [[100, ['png']], [198, ['svg', 'png']]] as const) {
      for (const format of formats) {
        it(`${shape}, ${n} nodes, ${format}: drawn within bounds or refused with exit 2`, () => {
          const { source, at } = shapedProgram(shape, n);
          const target = join(dir, `${shape}-${n}.${format}`);
          const r = runCli(['eval', source, '--at', at, '--dot', target], { timeout: 120_000 });
          expect(r.stderr).not.toMatch(/internal error/);
          expect([0, 2]).toContain(r.code);
          if (r.code === 2) {
            expect(r.stderr).toMatch(REFUSED);
            return;
          }
          const file = readFileSync(target);
          if (format === 'png') {
            const [w, h] = [file.readUInt32BE(16), file.readUInt32BE(20)];
            expect(Math.max(w, h)).toBeLessThanOrEqual(PNG_MAX_SIDE);
            expect(w * h).toBeLessThanOrEqual(PNG_MAX_PIXELS);
          } else {
            expect(file.toString('utf8')).toContain('</svg>');
          }
          rmSync(target);
        });
      }
    }
  }
});
